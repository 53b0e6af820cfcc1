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
		cmocka_unit_test(test_bundled),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
