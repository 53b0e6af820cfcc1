/* Unit tests for output_html.c: escaping, the marked span, the column
 * table when the column checks filled it, and its absence otherwise. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint.h"
#include "output.h"

static char *
html_of(const struct sl_report *r, enum sl_lang lang)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct sl_output_opts o = { SL_FMT_HTML, lang, SL_COL_CHAR, false, false };
	sl_output_html(f, r, 1, &o);
	fclose(f);
	return buf;
}

static void
base_report(struct sl_report *r)
{
	memset(r, 0, sizeof *r);
	r->path = strdup("site");
	r->display = strdup("site/");
	r->site_name = strdup("<站>&");
	snprintf(r->as_of, sizeof r->as_of, "2026-11-27");
	r->as_of_source = "config";
	struct sl_span sp = { { 4, 7, 9, 7 }, { 4, 11, 21, 11 } };
	const char *args[] = { "开诚不公", "开诚布公", "" };
	struct sl_diag *d = sl_diags_add(&r->diags, SL_LANG_EN, "a.html", &sp, SL_R_TEXT_TYPO,
	                                 "开诚布公", args, 3);
	d->excerpt = strdup("<p>大家\"开诚不公\"</p>");
	r->rule_counts[SL_R_TEXT_TYPO] = 1;
	r->stats.by_severity[SL_SEV_ERROR] = 1;
}

static void
test_escaping_and_mark(void **st)
{
	(void)st;
	struct sl_report r;
	base_report(&r);
	char *h = html_of(&r, SL_LANG_EN);
	assert_non_null(strstr(h, "&lt;站&gt;&amp;"));
	/* The excerpt escaped, the span (code points 7 to 11) marked. */
	assert_non_null(strstr(h, "&lt;p&gt;大家&quot;<mark>开诚不公</mark>&quot;&lt;/p&gt;"));
	assert_non_null(strstr(h, "<ins>开诚布公</ins>"));
	assert_non_null(strstr(h, "href=\"#r-text-typo\""));
	assert_non_null(strstr(h, "id=\"r-text-typo\""));
	/* No column data: no column table. */
	assert_null(strstr(h, "Columns and their last update"));
	assert_null(strstr(h, "<script"));
	free(h);
	h = html_of(&r, SL_LANG_ZH);
	assert_non_null(strstr(h, "<html lang=\"zh-CN\">"));
	assert_non_null(strstr(h, "问题明细"));
	free(h);
	sl_report_free(&r);
}

static void
test_columns(void **st)
{
	(void)st;
	struct sl_report r;
	base_report(&r);
	r.columns = calloc(2, sizeof *r.columns);
	r.ncolumns = 2;
	r.columns[0] = (struct sl_report_column){ strdup("xwzx/tzgg/index.html"), strdup("通知公告"),
	                                          strdup("notice"), 20260324, 180, 3, true, false };
	r.columns[1] = (struct sl_report_column){ strdup("xwzx/gzdt/index.html"), strdup("工作动态"),
	                                          strdup("news"), 20261126, 14, 10, false, false };
	char *h = html_of(&r, SL_LANG_ZH);
	assert_non_null(strstr(h, "栏目更新情况"));
	assert_non_null(strstr(h, "<tr class=\"stale\"><td>通知公告"));
	assert_non_null(strstr(h, "2026-03-24"));
	/* 2026-03-24 to 2026-11-27 is 248 days; 2026-11-26 is 1 day. */
	assert_non_null(strstr(h, "<td class=\"n\">248</td>"));
	assert_non_null(strstr(h, "<td class=\"n\">1</td>"));
	assert_non_null(strstr(h, "<svg"));
	assert_non_null(strstr(h, "不更新"));
	free(h);
	sl_report_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escaping_and_mark),
		cmocka_unit_test(test_columns),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
