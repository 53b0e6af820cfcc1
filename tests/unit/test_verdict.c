/*
 * test_verdict.c - unit tests for the census verdict (linter/verdict.c):
 * which findings make which problem, the 栏目不更新 and blank-column
 * thresholds, 网站不更新, and 站点无法访问 stopping judgement.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "config.h"
#include "verdict.h"

static void
add(struct sl_report *r, const char *rule, int n, int8_t detail, enum sl_severity sev)
{
	enum sl_rule_id id = sl_rule_find(rule);
	assert_true(id < SL_RULE_COUNT);
	for (int i = 0; i < n; i++) {
		struct sl_diag *d = sl_diags_add(&r->diags, SL_LANG_EN, "x.html", NULL, id, NULL,
		                                 NULL, 0);
		d->detail = detail;
		d->severity = sev;
	}
}

/* The problems joined with '、', as the notices print them. */
static const char *
problems(struct sl_report *r, const struct sl_config *cfg)
{
	static char buf[512];
	sl_verdict_decide(r, cfg);
	buf[0] = '\0';
	for (size_t i = 0; i < r->nproblems; i++)
		snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s", i ? "、" : "",
		         r->problems[i]);
	return buf;
}

static void
reset(struct sl_report *r)
{
	sl_report_free(r);
	memset(r, 0, sizeof *r);
}

static void
test_stale_thresholds(void **state)
{
	(void)state;
	struct sl_report r;
	memset(&r, 0, sizeof r);
	add(&r, "columns/stale", 3, SL_CLASS_NEWS + 1, SL_SEV_WARNING);
	add(&r, "columns/stale", 1, SL_CLASS_NOTICE + 1, SL_SEV_WARNING);
	add(&r, "columns/stale", 5, SL_CLASS_PLAN + 1, SL_SEV_WARNING);
	assert_string_equal(problems(&r, NULL), "");        /* 4 news+notice, 9 in all */
	assert_true(r.pass);
	reset(&r);
	add(&r, "columns/stale", 4, SL_CLASS_NEWS + 1, SL_SEV_WARNING);
	add(&r, "columns/stale", 1, SL_CLASS_POLICY + 1, SL_SEV_WARNING);
	assert_string_equal(problems(&r, NULL), "栏目不更新");   /* 5 news+policy */
	assert_false(r.pass);
	reset(&r);
	add(&r, "columns/stale", 10, SL_CLASS_OTHER + 1, SL_SEV_NOTE);
	assert_string_equal(problems(&r, NULL), "栏目不更新");   /* 10 of any class */
	reset(&r);
	struct sl_config cfg;
	sl_config_init(&cfg);
	cfg.limits.stale_news_notice_veto = 2;
	cfg.limits.stale_columns_veto = 3;
	add(&r, "columns/stale", 1, SL_CLASS_NEWS + 1, SL_SEV_WARNING);
	add(&r, "columns/stale", 1, SL_CLASS_PERSONNEL + 1, SL_SEV_WARNING);
	assert_string_equal(problems(&r, &cfg), "");
	add(&r, "columns/stale", 1, SL_CLASS_NOTICE + 1, SL_SEV_WARNING);
	assert_string_equal(problems(&r, &cfg), "栏目不更新");
	reset(&r);
	sl_config_free(&cfg);
}

static void
test_blank_and_homepage(void **state)
{
	(void)state;
	struct sl_report r;
	memset(&r, 0, sizeof r);
	add(&r, "columns/blank", 4, 0, SL_SEV_WARNING);
	assert_string_equal(problems(&r, NULL), "栏目空白");
	assert_true(r.pass);                                  /* a deduction only */
	reset(&r);
	add(&r, "columns/blank", 5, 0, SL_SEV_WARNING);
	add(&r, "site/stale-homepage", 1, 0, SL_SEV_ERROR);
	assert_string_equal(problems(&r, NULL), "首页长期未更新、多个栏目空白");
	assert_false(r.pass);
	reset(&r);
	add(&r, "site/stale-homepage", 1, SL_DETAIL_WHOLE_SITE, SL_SEV_ERROR);
	assert_string_equal(problems(&r, NULL), "网站不更新");
	reset(&r);
}

static void
test_other_problems(void **state)
{
	(void)state;
	struct sl_report r;
	memset(&r, 0, sizeof r);
	add(&r, "dates/mismatch", 1, 0, SL_SEV_WARNING);
	add(&r, "links/broken", 1, 0, SL_SEV_WARNING);
	assert_string_equal(problems(&r, NULL), "错链断链");
	assert_true(r.pass);
	reset(&r);
	add(&r, "dates/mismatch", 1, 0, SL_SEV_ERROR);      /* raised: a faked date */
	add(&r, "interaction/unanswered", 1, 0, SL_SEV_ERROR);
	assert_string_equal(problems(&r, NULL), "严重错误、互动回应差");
	assert_false(r.pass);
	reset(&r);
	add(&r, "columns/blank", 6, 0, SL_SEV_WARNING);
	add(&r, "site/unreachable", 1, 0, SL_SEV_ERROR);
	assert_string_equal(problems(&r, NULL), "站点无法访问");
	assert_false(r.pass);
	reset(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stale_thresholds),
		cmocka_unit_test(test_blank_and_homepage),
		cmocka_unit_test(test_other_problems),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
