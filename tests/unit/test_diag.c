/* Unit tests for diag.c: the rule table and diagnostic lists. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

/* Placeholders {0}..{9} used by a template, as a bit set. */
static unsigned
placeholders(const char *t)
{
	unsigned set = 0;
	for (; *t; t++)
		if (t[0] == '{' && t[1] >= '0' && t[1] <= '9' && t[2] == '}')
			set |= 1u << (t[1] - '0');
	return set;
}

static void
test_table_is_complete(void **state)
{
	(void)state;
	for (int i = 0; i < SL_RULE_COUNT; i++) {
		const struct sl_rule *r = &sl_rules[i];
		assert_non_null(r->id);
		assert_non_null(strchr(r->id, '/'));
		for (int l = 0; l < 2; l++) {
			assert_true(strlen(r->msg[l]) > 0);
			assert_true(strlen(r->summary[l]) > 5);
			/* what, why, fix, suppress */
			assert_true(strlen(r->explain[l]) > 100);
		}
		assert_int_equal(placeholders(r->msg[0]), placeholders(r->msg[1]));
		assert_true(r->severity >= SL_SEV_NOTE && r->severity <= SL_SEV_ERROR);
		if (i > 0)   /* sorted by id, so unique */
			assert_true(strcmp(sl_rules[i - 1].id, r->id) < 0);
		assert_int_equal(sl_rule_find(r->id), i);
	}
	assert_int_equal(sl_rule_find("no/such-rule"), SL_RULE_COUNT);
}

static void
test_rule_patterns(void **state)
{
	(void)state;
	assert_true(sl_rule_matches("pages/missing-title", SL_R_PAGES_MISSING_TITLE));
	assert_false(sl_rule_matches("pages/missing", SL_R_PAGES_MISSING_TITLE));
	assert_true(sl_rule_matches("pages/*", SL_R_PAGES_ENCODING));
	assert_true(sl_rule_matches("pages", SL_R_PAGES_ENCODING));
	assert_false(sl_rule_matches("page", SL_R_PAGES_ENCODING));
	assert_false(sl_rule_matches("site/*", SL_R_PAGES_ENCODING));
	assert_true(sl_rule_matches("*", SL_R_SITE_UNREACHABLE));
}

static void
test_severity_names(void **state)
{
	(void)state;
	enum sl_severity s;
	assert_true(sl_severity_parse("Warning", &s));
	assert_int_equal(s, SL_SEV_WARNING);
	assert_true(sl_severity_parse("off", &s));
	assert_int_equal(s, SL_SEV_OFF);
	assert_false(sl_severity_parse("fatal", &s));
	assert_string_equal(sl_severity_name(SL_SEV_ERROR, SL_LANG_ZH), "错误");
	assert_string_equal(sl_severity_name(SL_SEV_NOTE, SL_LANG_EN), "note");
}

static struct sl_span
at(uint32_t line, uint32_t col)
{
	struct sl_span s;
	s.start = (struct sl_pos){ line, col, col, col };
	s.end = s.start;
	return s;
}

static void
test_sort_is_total(void **state)
{
	(void)state;
	struct sl_diags a = { 0 }, b = { 0 };
	const char *arg[] = { "m" };
	struct sl_span s1 = at(3, 1), s2 = at(1, 9), s3 = at(1, 2);
	/* The same entries added in two orders sort identically. */
	sl_diags_add(&a, SL_LANG_EN, "b.html", &s1, SL_R_PAGES_ENCODING, NULL, arg, 1);
	sl_diags_add(&a, SL_LANG_EN, "a.html", &s2, SL_R_PAGES_MISSING_TITLE, NULL, arg, 1);
	sl_diags_add(&a, SL_LANG_EN, "a.html", &s3, SL_R_PAGES_MISSING_TITLE, NULL, arg, 1);
	sl_diags_add(&a, SL_LANG_EN, "", NULL, SL_R_SITE_UNREACHABLE, NULL, arg, 1);
	for (size_t i = a.n; i-- > 0;) {
		const struct sl_diag *d = &a.v[i];
		sl_diags_add(&b, SL_LANG_EN, d->file, d->has_pos ? &d->span : NULL, d->rule, NULL, arg, 1);
	}
	sl_diags_sort(&a);
	sl_diags_sort(&b);
	assert_string_equal(a.v[0].file, "");
	assert_string_equal(a.v[1].file, "a.html");
	assert_int_equal(a.v[1].span.start.col_char, 2);
	assert_int_equal(a.v[2].span.start.col_char, 9);
	assert_string_equal(a.v[3].file, "b.html");
	for (size_t i = 0; i < a.n; i++) {
		assert_string_equal(a.v[i].file, b.v[i].file);
		assert_int_equal(a.v[i].span.start.line, b.v[i].span.start.line);
		assert_int_equal(a.v[i].rule, b.v[i].rule);
	}
	sl_diags_free(&a);
	sl_diags_free(&b);
}

static void
test_format_arguments(void **state)
{
	(void)state;
	const char *args[] = { "页面没有 <title>" };
	char *m = sl_diag_format(SL_R_PAGES_MISSING_TITLE, SL_LANG_ZH, args, 1);
	assert_string_equal(m, "页面没有 <title>");
	free(m);
	m = sl_diag_format(SL_R_PAGES_MISSING_TITLE, SL_LANG_EN, NULL, 0);
	assert_string_equal(m, "");
	free(m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_is_complete),
		cmocka_unit_test(test_rule_patterns),
		cmocka_unit_test(test_severity_names),
		cmocka_unit_test(test_sort_is_total),
		cmocka_unit_test(test_format_arguments),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
