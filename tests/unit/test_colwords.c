/*
 * test_colwords.c - unit tests for the column keyword and phrase lists
 * (linter/colwords.c), including the self-tests of the bundled
 * dictionaries/column-classes.txt.  Run from the repository root.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "colwords.h"

static sl_status
parse(struct sl_colwords *w, bool classes, const char *text, struct sl_err *err)
{
	return sl_colwords_parse(w, classes, text, strlen(text), "F", err);
}

static void
test_classes(void **state)
{
	(void)state;
	struct sl_colwords w;
	struct sl_err err;
	memset(&w, 0, sizeof w);
	assert_int_equal(parse(&w, true, "# comment\n\nnews\t动态\nnotice\t通知\r\n"
	                                 "notice\t公告\nforms\t下载\nforms\t文件下载\n"
	                                 "policy\t文件\n", &err), SL_OK);
	assert_int_equal(w.nclass, 6);
	assert_int_equal(sl_colwords_class(&w, "工作动态"), SL_CLASS_NEWS);
	assert_int_equal(sl_colwords_class(&w, "通知公告"), SL_CLASS_NOTICE);   /* tie: earlier */
	assert_int_equal(sl_colwords_class(&w, "文件下载"), SL_CLASS_FORMS);    /* longest */
	assert_int_equal(sl_colwords_class(&w, "政策文件"), SL_CLASS_POLICY);
	assert_int_equal(sl_colwords_class(&w, "领导信息"), SL_CLASS_NONE);
	assert_int_equal(sl_colwords_class(&w, NULL), SL_CLASS_NONE);
	sl_colwords_free(&w);
}

static void
assert_error(bool classes, const char *text, const char *want)
{
	struct sl_colwords w;
	struct sl_err err;
	memset(&w, 0, sizeof w);
	assert_int_not_equal(parse(&w, classes, text, &err), SL_OK);
	if (strstr(err.msg, want) == NULL)
		fail_msg("'%s' does not contain '%s'", err.msg, want);
	sl_colwords_free(&w);
}

static void
test_errors(void **state)
{
	(void)state;
	assert_error(true, "news\t动态\nnews 要闻\n", "F:2:8: error: expected KIND<TAB>WORD");
	assert_error(true, "weekly\t周报\n", "F:1:1: error: unknown class 'weekly'");
	assert_error(false, "placeholder\t暂无信息\nblank\t空\n", "F:2:1: error: unknown phrase kind");
	assert_error(false, " placeholder\t暂无信息\n", "F:1:1: error: an entry starts");
	assert_error(false, "placeholder\t\n", "F:1:13: error: the word must be");
	assert_error(false, "placeholder\t暂无\t信息\n", "F:1:13: error: the word must be");
	assert_error(true, "@test 动态\n", "F:1:1: error: a self-test reads");
	struct sl_colwords w;
	struct sl_err err;
	memset(&w, 0, sizeof w);
	assert_int_equal(sl_colwords_parse(&w, false, "a\0b", 3, "F", &err), SL_ERR_USAGE);
	assert_non_null(strstr(err.msg, "NUL"));
	sl_colwords_free(&w);
}

static void
test_phrases(void **state)
{
	(void)state;
	struct sl_colwords w;
	struct sl_err err;
	memset(&w, 0, sizeof w);
	assert_int_equal(parse(&w, false, "placeholder\t建设中\nplaceholder\t正在建设中\n"
	                                  "unanswered\t未回复\npubdate-label\t发布时间\n"
	                                  "other-date-label\t成文日期\n", &err), SL_OK);
	const char *s = "本栏目正在建设中";
	size_t at, n;
	assert_true(sl_colwords_find(&w, SL_PH_PLACEHOLDER, s, strlen(s), &at, &n));
	assert_int_equal(at, strlen("本栏目"));         /* earliest start, then longest */
	assert_int_equal(n, strlen("正在建设中"));
	assert_false(sl_colwords_find(&w, SL_PH_EXEMPT, s, strlen(s), &at, &n));
	s = "发布时间：";
	assert_true(sl_colwords_ends_with(&w, SL_PH_PUBLABEL, s, strlen(s)));
	s = "发布时间 : \xC2\xA0";
	assert_true(sl_colwords_ends_with(&w, SL_PH_PUBLABEL, s, strlen(s)));
	s = "成文日期：";
	assert_false(sl_colwords_ends_with(&w, SL_PH_PUBLABEL, s, strlen(s)));
	assert_true(sl_colwords_ends_with(&w, SL_PH_OTHERLABEL, s, strlen(s)));
	s = " 【未回复】 ";
	assert_true(sl_colwords_is(&w, SL_PH_UNANSWERED, s, strlen(s)));
	s = "未回复的信件";
	assert_false(sl_colwords_is(&w, SL_PH_UNANSWERED, s, strlen(s)));
	assert_int_equal(sl_colwords_index(&w, SL_PH_UNANSWERED, "未回复", strlen("未回复")), 0);
	assert_int_equal(sl_colwords_index(&w, SL_PH_UNANSWERED, "未回", strlen("未回")), -1);
	assert_string_equal(sl_phrase_kind_name(SL_PH_OTHERLABEL), "other-date-label");
	sl_colwords_free(&w);
}

/* Every "@test NAME => CLASS" of the bundled file holds, and every phrase
 * kind has entries. */
/* The earliest start, then the longest (LONGEST) or the first listed:
 * what a search phrase by phrase finds. */
static bool
naive_find(const char *const *ph, size_t n, const char *s, size_t len, bool longest,
           struct sl_phrase_match *m)
{
	bool found = false;
	for (size_t at = 0; at < len && !found; at++) {
		for (size_t i = 0; i < n; i++) {
			size_t k = strlen(ph[i]);
			if (k > len - at || memcmp(s + at, ph[i], k) != 0)
				continue;
			if (!found || (longest ? k > m->len : false)) {
				m->at = at;
				m->len = k;
				m->index = i;
			}
			found = true;
		}
	}
	return found;
}

/* Every string of 5 symbols over the phrases' bytes and one other: the
 * automaton of PH agrees with the search phrase by phrase. */
static void
check_exhaustive(const char *const *ph, size_t n)
{
	static const char sym[] = { 'a', 'b', 'c', 'd', 'e', 'x', 'y', 'z', 'q', '\x01' };
	struct sl_phrase_ac *a = sl_phrase_ac_new(ph, n);
	assert_non_null(a);
	char s[8];
	unsigned long total = 1;
	for (int k = 0; k < 5; k++)
		total *= sizeof sym;
	for (unsigned long v = 0; v < total; v++) {
		unsigned long x = v;
		for (int k = 0; k < 5; k++, x /= sizeof sym)
			s[k] = sym[x % sizeof sym];
		for (int lg = 0; lg < 2; lg++) {
			struct sl_phrase_match got = { 0, 0, 0 }, want = { 0, 0, 0 };
			bool f1 = sl_phrase_ac_find(a, s, 5, lg, &got);
			bool f2 = naive_find(ph, n, s, 5, lg, &want);
			assert_int_equal(f1, f2);
			if (f1) {
				assert_int_equal(got.at, want.at);
				assert_int_equal(got.len, want.len);
				assert_int_equal(got.index, want.index);
			}
		}
	}
	sl_phrase_ac_free(a);
}

static void
test_automaton(void **state)
{
	(void)state;
	static const char *const ph[] = { "ab", "abcd", "bc", "c", "bcde", "xyz", "ab",
	                                  "d\x01e", "bcd", "cde", "zq", "a" };
	static const char *const ph2[] = { "ab", "abcd", "bc", "c", "bcde", "xyz", "暂无",
	                                   "暂无信息", "信息", "ab", "d\x01e" };
	check_exhaustive(ph, sizeof ph / sizeof ph[0]);
	check_exhaustive(ph + 1, 2);
	check_exhaustive(ph2, sizeof ph2 / sizeof ph2[0]);
	struct sl_phrase_ac *a = sl_phrase_ac_new(ph2, sizeof ph2 / sizeof ph2[0]);
	const char *t = "本栏目暂无信息";
	struct sl_phrase_match m;
	assert_true(sl_phrase_ac_find(a, t, strlen(t), true, &m));
	assert_int_equal(m.at, 9);
	assert_int_equal(m.len, 12);
	assert_true(sl_phrase_ac_find(a, t, strlen(t), false, &m));
	assert_int_equal(m.index, 6);
	assert_false(sl_phrase_ac_find(a, t, 11, true, &m));
	sl_phrase_ac_free(a);
	static const char *const empty[] = { "a", "" };
	assert_null(sl_phrase_ac_new(empty, 2));
}

static void
test_bundled(void **state)
{
	(void)state;
	struct sl_colwords w;
	struct sl_err err;
	memset(&w, 0, sizeof w);
	if (sl_colwords_load(&w, "dictionaries", &err) != SL_OK)
		fail_msg("%s", err.msg);
	assert_true(w.ntests >= 10);
	for (size_t i = 0; i < w.ntests; i++) {
		char name[256], want[64];
		const char *arrow = strstr(w.class_tests[i], " => ");
		assert_non_null(arrow);
		snprintf(name, sizeof name, "%.*s", (int)(arrow - w.class_tests[i]), w.class_tests[i]);
		snprintf(want, sizeof want, "%s", arrow + 4);
		enum sl_column_class got = sl_colwords_class(&w, name);
		const char *gname = got == SL_CLASS_NONE ? "none" : sl_column_class_name(got);
		if (strcmp(gname, want) != 0)
			fail_msg("column-classes.txt: %s => %s, got %s", name, want, gname);
	}
	for (int k = 0; k < SL_PH_KIND_COUNT; k++)
		if (w.nphrases[k] == 0)
			fail_msg("column-phrases.txt has no %s", sl_phrase_kind_name((enum sl_phrase_kind)k));
	sl_colwords_free(&w);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_classes),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_phrases),
		cmocka_unit_test(test_automaton),
		cmocka_unit_test(test_bundled),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
