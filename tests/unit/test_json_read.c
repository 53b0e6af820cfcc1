/* Unit tests for json_read.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "json_read.h"

static struct sl_json_value *
parse(const char *s)
{
	struct sl_json_value *v = NULL;
	struct sl_err err;
	if (sl_json_read(s, strlen(s), &v, &err) != SL_OK)
		return NULL;
	return v;
}

static void
test_values(void **st)
{
	(void)st;
	struct sl_json_value *v = parse(" {\"a\": [1, -2.5e1, true, false, null], \"b\": {\"c\": \"x\"},"
	                                "\"\": {}, \"e\": []} ");
	assert_non_null(v);
	const struct sl_json_value *a = sl_json_get(v, "a");
	assert_int_equal(a->type, SL_JSON_ARRAY);
	assert_int_equal(a->n, 5);
	assert_true(sl_json_num(&a->items[0], 0) == 1.0);
	assert_true(sl_json_num(&a->items[1], 0) == -25.0);
	assert_true(a->items[2].type == SL_JSON_BOOL && a->items[2].boolean);
	assert_true(a->items[3].type == SL_JSON_BOOL && !a->items[3].boolean);
	assert_int_equal(a->items[4].type, SL_JSON_NULL);
	assert_string_equal(sl_json_str(sl_json_get(sl_json_get(v, "b"), "c")), "x");
	assert_int_equal(sl_json_get(v, "")->type, SL_JSON_OBJECT);
	assert_int_equal(sl_json_get(v, "e")->n, 0);
	assert_null(sl_json_get(v, "missing"));
	assert_null(sl_json_str(a));
	sl_json_value_free(v);
}

static void
test_strings(void **st)
{
	(void)st;
	struct sl_json_value *v = parse("\"a\\\"\\\\\\/\\b\\f\\n\\r\\t\\u4e0d\\ud840\\udc00\\ud800x\"");
	assert_non_null(v);
	assert_string_equal(v->string, "a\"\\/\b\f\n\r\t\xe4\xb8\x8d\xf0\xa0\x80\x80\xef\xbf\xbdx");
	sl_json_value_free(v);
	v = parse("\"开诚布公\"");
	assert_string_equal(v->string, "开诚布公");
	sl_json_value_free(v);
}

static void
test_errors(void **st)
{
	(void)st;
	static const char *const bad[] = {
		"", "{", "[1,]", "{\"a\" 1}", "{\"a\":}", "[1 2]", "\"abc", "\"a\x01\"", "tru",
		"{\"a\":1}}", "01", "\"\\x\"", "\"\\u12\"", "[] []", "{1:2}",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct sl_json_value *v = (struct sl_json_value *)1;
		struct sl_err err;
		assert_int_equal(sl_json_read(bad[i], strlen(bad[i]), &v, &err), SL_ERR_FORMAT);
		assert_null(v);
		assert_non_null(strstr(err.msg, "column "));
	}
}

static void
test_depth(void **st)
{
	(void)st;
	char deep[2 * SL_JSON_READ_DEPTH + 3];
	size_t n = 0;
	for (int i = 0; i < SL_JSON_READ_DEPTH; i++)
		deep[n++] = '[';
	for (int i = 0; i < SL_JSON_READ_DEPTH; i++)
		deep[n++] = ']';
	struct sl_json_value *v;
	struct sl_err err;
	assert_int_equal(sl_json_read(deep, n, &v, &err), SL_OK);   /* the cap itself */
	sl_json_value_free(v);
	/* One more level is refused; 100000 levels do not touch the C stack. */
	size_t big = 100000;
	char *p = malloc(2 * big);
	memset(p, '[', big);
	memset(p + big, ']', big);
	assert_int_equal(sl_json_read(p, 2 * big, &v, &err), SL_ERR_FORMAT);
	assert_non_null(strstr(err.msg, "deeply"));
	free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_depth),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
