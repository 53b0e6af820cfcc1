/* Unit tests for util.c and json.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "util.h"

static void
test_buf_cap(void **s)
{
	(void)s;
	struct sl_buf b;
	sl_buf_init(&b, 10);
	assert_true(sl_buf_puts(&b, "0123456789"));
	assert_false(sl_buf_putc(&b, 'x'));        /* over the cap: nothing added */
	assert_int_equal(b.len, 10);
	assert_string_equal(b.data, "0123456789");
	sl_buf_reset(&b);
	assert_true(sl_buf_printf(&b, "%d-%s", 42, "ab"));
	assert_string_equal(b.data, "42-ab");
	assert_false(sl_buf_printf(&b, "%s", "more than ten bytes"));
	size_t len;
	char *p = sl_buf_steal(&b, &len);
	assert_int_equal(len, 5);
	assert_null(b.data);
	free(p);
}

static void
test_utf8(void **s)
{
	(void)s;
	uint32_t cp;
	assert_int_equal(sl_utf8_decode((const unsigned char *)"\xe4\xb8\x8d", 3, &cp), 3);
	assert_int_equal(cp, 0x4E0D);
	assert_int_equal(sl_utf8_decode((const unsigned char *)"\xe4\xb8", 2, &cp), 1);
	assert_int_equal(cp, 0xFFFD);
	assert_int_equal(sl_utf8_decode((const unsigned char *)"\xc0\x80", 2, &cp), 1);
	assert_int_equal(cp, 0xFFFD);                /* overlong */
	assert_int_equal(sl_utf8_decode((const unsigned char *)"\xed\xa0\x80", 3, &cp), 1);
	assert_int_equal(cp, 0xFFFD);                /* surrogate */
	char out[4];
	assert_int_equal(sl_utf8_encode(0x20000, out), 4);
	assert_int_equal(sl_utf8_decode((const unsigned char *)out, 4, &cp), 4);
	assert_int_equal(cp, 0x20000);
}

static void
test_parse_u64(void **s)
{
	(void)s;
	uint64_t v;
	assert_true(sl_parse_u64("18446744073709551615", UINT64_MAX, &v));
	assert_true(v == UINT64_MAX);
	assert_false(sl_parse_u64("18446744073709551616", UINT64_MAX, &v));
	assert_false(sl_parse_u64("12x", UINT64_MAX, &v));
	assert_false(sl_parse_u64("", UINT64_MAX, &v));
	assert_false(sl_parse_u64("11", 10, &v));
}

static void
test_json_escape(void **s)
{
	(void)s;
	char *mem = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&mem, &len);
	struct sl_json j;
	sl_json_init(&j, f, false);
	sl_json_begin_object(&j);
	sl_json_key(&j, "a\"b");
	sl_json_string(&j, "x\n\t\x01\\中\xff");
	sl_json_key(&j, "n");
	sl_json_begin_array(&j);
	sl_json_int(&j, -3);
	sl_json_null(&j);
	sl_json_bool(&j, true);
	sl_json_end_array(&j);
	sl_json_end_object(&j);
	fclose(f);
	assert_string_equal(mem, "{\"a\\\"b\":\"x\\n\\t\\u0001\\\\中\xEF\xBF\xBD\",\"n\":[-3,null,true]}");
	free(mem);
}

static void
test_strset(void **state)
{
	(void)state;
	struct sl_strset set = { 0 };
	char key[16];
	for (int i = 0; i < 40; i++) {
		snprintf(key, sizeof key, "/a/%d.html", i % 20);
		assert_int_equal(sl_strset_add(&set, key), i < 20);   /* copies kept */
	}
	assert_int_equal(set.n, 20);
	sl_strset_clear(&set);
	assert_true(sl_strset_add(&set, "/a/0.html"));
	sl_strset_free(&set);
	sl_strset_free(&set);   /* twice is harmless */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf_cap),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_parse_u64),
		cmocka_unit_test(test_json_escape),
		cmocka_unit_test(test_strset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
