/*
 * test_suppress.c - inline suppression directives: the line forms,
 * ranges, all-rule and family directives, unused and malformed ones.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suppress.h"
#include "util.h"

/* Collects callback output as "LINE:COL text\n" lines. */
static void
on_problem(void *ctx, uint32_t line, uint32_t col, const char *message)
{
	sl_buf_printf(ctx, "%u:%u %s\n", (unsigned)line, (unsigned)col, message);
}

static void
on_unused(void *ctx, uint32_t line, uint32_t col, const char *directive,
          const char *rule)
{
	sl_buf_printf(ctx, "%u:%u %s %s\n", (unsigned)line, (unsigned)col,
	              directive, rule ? rule : "(all)");
}

static char *
problems_of(const struct sl_suppress *s, size_t *count)
{
	struct sl_buf b;
	sl_buf_init(&b, 0);
	*count = sl_suppress_problems(s, on_problem, &b);
	return sl_buf_steal(&b, NULL);
}

static char *
unused_of(const struct sl_suppress *s, size_t *count)
{
	struct sl_buf b;
	sl_buf_init(&b, 0);
	*count = sl_suppress_unused(s, on_unused, &b);
	return sl_buf_steal(&b, NULL);
}

static void
test_no_directives(void **state)
{
	(void)state;
	const struct sl_comment_in c[] = {
		{ " 导航 ", 1, 1, 1 },
		{ "[if IE]><p>old</p><![endif]", 2, 1, 2 },
		{ " see sitelint-disable in the docs ", 3, 1, 3 },
		{ "Sitelint-disable text/typo", 4, 1, 4 },
		{ NULL, 5, 1, 5 },
		{ "", 6, 1, 6 },
	};
	assert_null(sl_suppress_build(c, sizeof c / sizeof c[0]));
	assert_null(sl_suppress_build(NULL, 0));
	assert_false(sl_suppress_check(NULL, "text/typo", 1));
	assert_int_equal(sl_suppress_unused(NULL, on_unused, NULL), 0);
	assert_int_equal(sl_suppress_problems(NULL, on_problem, NULL), 0);
	sl_suppress_free(NULL);
}

static void
test_next_line(void **state)
{
	(void)state;
	const struct sl_comment_in c[] = {
		{ " sitelint-disable-next-line text/typo -- 引用原文 ", 3, 5, 3 },
		/* A comment over lines 10..12 covers line 13. */
		{ "\n sitelint-disable-next-line\n links/broken,forms/missing\n", 10, 1, 12 },
	};
	struct sl_suppress *s = sl_suppress_build(c, 2);
	assert_non_null(s);
	assert_false(sl_suppress_check(s, "text/typo", 3));
	assert_false(sl_suppress_check(s, "text/sensitive", 4));
	assert_true(sl_suppress_check(s, "text/typo", 4));
	assert_false(sl_suppress_check(s, "text/typo", 5));
	assert_false(sl_suppress_check(s, "links/broken", 12));
	assert_true(sl_suppress_check(s, "links/broken", 13));
	assert_false(sl_suppress_check(s, "links/broken", 14));
	size_t n;
	char *out = unused_of(s, &n);
	assert_int_equal(n, 1);
	assert_string_equal(out, "12:15 sitelint-disable-next-line forms/missing\n");
	free(out);
	out = problems_of(s, &n);
	assert_int_equal(n, 0);
	free(out);
	sl_suppress_free(s);
}

static void
test_disable_line(void **state)
{
	(void)state;
	const struct sl_comment_in c[] = {
		{ "sitelint-disable-line text/placeholder", 7, 20, 7 },
		{ "sitelint-disable-line privacy/phone\r\n-- 公开的办公电话", 9, 1, 10 },
	};
	struct sl_suppress *s = sl_suppress_build(c, 2);
	assert_true(sl_suppress_check(s, "text/placeholder", 7));
	assert_false(sl_suppress_check(s, "text/placeholder", 8));
	assert_false(sl_suppress_check(s, "text/placeholder", 6));
	assert_false(sl_suppress_check(s, "privacy/phone", 8));
	assert_true(sl_suppress_check(s, "privacy/phone", 10));
	size_t n;
	char *out = unused_of(s, &n);
	assert_int_equal(n, 0);
	assert_string_equal(out, "");
	free(out);
	sl_suppress_free(s);
}

static void
test_range(void **state)
{
	(void)state;
	const struct sl_comment_in c[] = {
		{ " sitelint-disable links/broken, forms/* -- 旧栏目 ", 10, 1, 10 },
		{ " sitelint-enable links/broken ", 20, 1, 21 },
		{ " sitelint-enable forms/* ", 30, 1, 30 },
		{ " sitelint-disable dates/future ", 40, 1, 40 },   /* no enable */
	};
	struct sl_suppress *s = sl_suppress_build(c, 4);
	assert_false(sl_suppress_check(s, "links/broken", 9));
	assert_true(sl_suppress_check(s, "links/broken", 10));
	assert_true(sl_suppress_check(s, "links/broken", 15));
	assert_true(sl_suppress_check(s, "links/broken", 21));   /* enable's last line */
	assert_false(sl_suppress_check(s, "links/broken", 22));
	assert_true(sl_suppress_check(s, "forms/missing", 25));
	assert_false(sl_suppress_check(s, "forms/missing", 31));
	assert_false(sl_suppress_check(s, "dates/future", 39));
	assert_true(sl_suppress_check(s, "dates/future", 100000));
	assert_false(sl_suppress_check(s, "dates/invalid", 50));
	size_t n;
	char *out = problems_of(s, &n);
	assert_int_equal(n, 0);
	free(out);
	out = unused_of(s, &n);
	assert_int_equal(n, 0);
	free(out);
	sl_suppress_free(s);
}

static void
test_all_rules_and_partial_enable(void **state)
{
	(void)state;
	const struct sl_comment_in c[] = {
		{ "sitelint-disable", 5, 1, 5 },
		{ "sitelint-enable text/typo", 8, 1, 8 },
		{ "sitelint-enable", 12, 1, 12 },
		{ "sitelint-disable text/*", 20, 1, 20 },
		{ "sitelint-enable text/typo", 25, 1, 25 },
	};
	struct sl_suppress *s = sl_suppress_build(c, 5);
	assert_false(sl_suppress_check(s, "links/broken", 4));
	assert_true(sl_suppress_check(s, "links/broken", 6));
	assert_true(sl_suppress_check(s, "text/typo", 8));
	assert_false(sl_suppress_check(s, "text/typo", 9));      /* re-enabled */
	assert_true(sl_suppress_check(s, "text/sensitive", 9));
	assert_false(sl_suppress_check(s, "links/broken", 13));
	assert_true(sl_suppress_check(s, "text/mojibake", 22));
	assert_false(sl_suppress_check(s, "links/broken", 22));
	assert_false(sl_suppress_check(s, "text/typo", 26));
	assert_true(sl_suppress_check(s, "text/sensitive", 26));
	assert_false(sl_suppress_check(s, "textile/x", 26));
	size_t n;
	char *out = problems_of(s, &n);
	assert_int_equal(n, 0);
	free(out);
	sl_suppress_free(s);
}

static void
test_rule_match(void **state)
{
	(void)state;
	assert_true(sl_suppress_rule_match("text/*", "text/typo"));
	assert_false(sl_suppress_rule_match("text/*", "textile/typo"));
	assert_false(sl_suppress_rule_match("text/*", "text"));
	assert_false(sl_suppress_rule_match("text/*", "links/broken"));
	assert_true(sl_suppress_rule_match("*", "links/broken"));
	assert_true(sl_suppress_rule_match("links/broken", "links/broken"));
	assert_false(sl_suppress_rule_match("links/broken", "links/broken-anchor"));
}

static void
test_unused(void **state)
{
	(void)state;
	const struct sl_comment_in c[] = {
		/* keyword at 3:10, text/typo at 3:37, links/broken at 3:48 */
		{ " sitelint-disable-next-line text/typo, links/broken -- x ", 3, 5, 3 },
		{ "sitelint-disable", 50, 2, 50 },
		{ "sitelint-enable", 51, 2, 51 },
		{ "sitelint-disable text/*  text/typo", 60, 1, 60 },
		{ "sitelint-disable-line dates/mismatch", 70, 1, 70 },
	};
	struct sl_suppress *s = sl_suppress_build(c, 5);
	assert_true(sl_suppress_check(s, "text/typo", 4));
	assert_true(sl_suppress_check(s, "dates/mismatch", 70));
	/* A rule that matches two patterns of one directive uses both. */
	assert_true(sl_suppress_check(s, "text/typo", 61));
	size_t n;
	char *out = unused_of(s, &n);
	assert_int_equal(n, 2);
	assert_string_equal(out,
		"3:48 sitelint-disable-next-line links/broken\n"
		"50:6 sitelint-disable (all)\n");
	free(out);
	/* Calling without a callback still counts. */
	assert_int_equal(sl_suppress_unused(s, NULL, NULL), 2);
	sl_suppress_free(s);
}

static void
test_overlapping_ranges_all_used(void **state)
{
	(void)state;
	const struct sl_comment_in c[] = {
		{ "sitelint-disable text/*", 5, 1, 5 },
		{ "sitelint-disable text/typo", 6, 1, 6 },
		{ "sitelint-disable-next-line text/typo", 6, 40, 6 },
	};
	struct sl_suppress *s = sl_suppress_build(c, 3);
	assert_true(sl_suppress_check(s, "text/typo", 7));
	assert_int_equal(sl_suppress_unused(s, NULL, NULL), 0);
	sl_suppress_free(s);
}

static void
test_malformed(void **state)
{
	(void)state;
	const struct sl_comment_in c[] = {
		{ " sitelint-disabel text/typo ", 2, 3, 2 },
		{ " sitelint-disable-next-line -- no rules ", 4, 1, 4 },
		{ "sitelint-disable-line", 5, 1, 5 },
		{ "sitelint-disable Text/Typo, text/typo--reason", 6, 1, 6 },
		{ "\n  sitelint-disable\n   bad!rule 中文", 10, 1, 12 },
		{ "sitelint-disable 中文", 13, 8, 13 },
		{ "sitelint-enable links/broken", 20, 1, 20 },
		{ "sitelint-enable", 21, 1, 21 },
	};
	struct sl_suppress *s = sl_suppress_build(c, sizeof c / sizeof c[0]);
	assert_non_null(s);
	size_t n;
	char *out = problems_of(s, &n);
	assert_string_equal(out,
		"2:8 unknown directive 'sitelint-disabel' (expected sitelint-disable, "
		"sitelint-enable, sitelint-disable-line or sitelint-disable-next-line)\n"
		"4:6 sitelint-disable-next-line needs a rule list, e.g. "
		"'sitelint-disable-next-line text/typo -- reason'\n"
		"5:5 sitelint-disable-line needs a rule list, e.g. "
		"'sitelint-disable-line text/typo -- reason'\n"
		"6:22 invalid rule 'Text/Typo' in sitelint-disable (expected "
		"family/name, family/* or *)\n"
		"6:33 invalid rule 'text/typo--reason' in sitelint-disable (put a "
		"blank before the '--' of the reason)\n"
		"12:4 invalid rule 'bad!rule' in sitelint-disable (expected "
		"family/name, family/* or *)\n"
		"12:13 invalid rule '中文' in sitelint-disable (expected "
		"family/name, family/* or *)\n"
		"13:29 invalid rule '中文' in sitelint-disable (expected "
		"family/name, family/* or *)\n"
		"20:21 sitelint-enable links/broken: no sitelint-disable of it before\n"
		"21:5 sitelint-enable without a sitelint-disable before it\n");
	assert_int_equal(n, 10);
	free(out);
	/* No directive was kept: nothing is suppressed, nothing unused. */
	assert_false(sl_suppress_check(s, "text/typo", 6));
	assert_false(sl_suppress_check(s, "text/typo", 7));
	assert_int_equal(sl_suppress_unused(s, NULL, NULL), 0);
	sl_suppress_free(s);
}

/* Comments given out of order, CR line breaks inside a comment. */
static void
test_order_and_breaks(void **state)
{
	(void)state;
	const struct sl_comment_in c[] = {
		{ "sitelint-enable text/typo", 20, 1, 20 },
		{ "\r\rsitelint-disable\r\ntext/typo bad_rule", 8, 1, 10 },
	};
	struct sl_suppress *s = sl_suppress_build(c, 2);
	assert_true(sl_suppress_check(s, "text/typo", 15));
	assert_false(sl_suppress_check(s, "text/typo", 21));
	size_t n;
	char *out = problems_of(s, &n);
	assert_string_equal(out, "11:11 invalid rule 'bad_rule' in sitelint-disable "
	                    "(expected family/name, family/* or *)\n");
	free(out);
	sl_suppress_free(s);
}

static void
test_caps(void **state)
{
	(void)state;
	size_t n = SL_SUPPRESS_MAX_DIRECTIVES + 5;
	struct sl_comment_in *c = calloc(n, sizeof *c);
	for (size_t i = 0; i < n; i++) {
		c[i].text = "sitelint-disable-line text/typo";
		c[i].line = c[i].end_line = (uint32_t)i + 1;
		c[i].col = 1;
	}
	struct sl_suppress *s = sl_suppress_build(c, n);
	size_t count;
	char *out = problems_of(s, &count);
	assert_int_equal(count, 1);
	assert_string_equal(out, "1025:5 more than 1024 sitelint directives in the "
	                    "page; the rest are ignored\n");
	free(out);
	assert_true(sl_suppress_check(s, "text/typo", 1024));
	assert_false(sl_suppress_check(s, "text/typo", 1025));
	sl_suppress_free(s);
	free(c);

	struct sl_buf b;
	sl_buf_init(&b, 0);
	sl_buf_puts(&b, "sitelint-disable");
	for (int i = 0; i < SL_SUPPRESS_MAX_RULES + 1; i++)
		sl_buf_printf(&b, " f/r%d", i);
	struct sl_comment_in one = { b.data, 1, 1, 1 };
	s = sl_suppress_build(&one, 1);
	out = problems_of(s, &count);
	assert_int_equal(count, 1);
	/* The 65th rule starts at byte 16 + 10 * 5 + 54 * 6 + 1 = 391 of the
	 * text, after the 4 of "<!--". */
	assert_string_equal(out, "1:396 too many rules in one sitelint-disable "
	                    "(at most 64)\n");
	free(out);
	assert_true(sl_suppress_check(s, "f/r63", 2));
	assert_false(sl_suppress_check(s, "f/r64", 2));
	sl_suppress_free(s);

	/* 33 directives of 64 rules: the page cap stops at 2048 rules. */
	struct sl_comment_in many[33];
	for (int i = 0; i < 33; i++)
		many[i] = (struct sl_comment_in){ b.data, (uint32_t)i + 1, 1,
		                                  (uint32_t)i + 1 };
	s = sl_suppress_build(many, 33);
	out = problems_of(s, &count);
	assert_int_equal(count, 33);   /* 32 "too many in one", 1 page cap */
	assert_non_null(strstr(out, "33:22 more than 2048 rules in the sitelint "
	                        "directives of the page; the rest are ignored\n"));
	free(out);
	/* The 33rd directive got no rule, so it was dropped. */
	assert_int_equal(sl_suppress_unused(s, NULL, NULL), 2048);
	assert_true(sl_suppress_check(s, "f/r0", 40));
	assert_int_equal(sl_suppress_unused(s, NULL, NULL), 2048 - 32);
	sl_suppress_free(s);
	sl_buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_directives),
		cmocka_unit_test(test_next_line),
		cmocka_unit_test(test_disable_line),
		cmocka_unit_test(test_range),
		cmocka_unit_test(test_all_rules_and_partial_enable),
		cmocka_unit_test(test_rule_match),
		cmocka_unit_test(test_unused),
		cmocka_unit_test(test_overlapping_ranges_all_used),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_order_and_breaks),
		cmocka_unit_test(test_caps),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
