/*
 * verdict.c - from findings to the census verdict (SPEC 4.4).
 *
 * Each problem of the notices is fed by some findings: those whose rule
 * row names the problem as its indicator, or the rules SPEC 4.4 lists
 * for it.  A problem is a single-veto item (the site fails) or a
 * deduction (listed, but the site may pass).  Some problems are decided
 * by counts and thresholds of sitelint.conf's [limits]:
 *   - 栏目不更新: stale news columns plus stale notice and policy columns
 *     number stale-news-notice-veto (5) or more, or stale columns of any
 *     class stale-columns-veto (10) or more (columns/stale findings carry
 *     their column's class in diag.detail);
 *   - 多个栏目空白 / 栏目空白: blank-columns-veto (5) or more blank columns,
 *     or 1 to 4;
 *   - 首页长期未更新 is worded 网站不更新 when a site/stale-homepage finding
 *     says nothing on the whole site is newer either.
 * 站点无法访问 stops judgement: it is then the only problem.
 */
#include "verdict.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

enum decide {
	BY_ANY,          /* any finding that feeds it */
	BY_ERRORS,       /* any error-level finding */
	BY_HOMEPAGE,     /* 首页长期未更新 or 网站不更新 */
	BY_STALE,        /* 栏目不更新 thresholds */
	BY_BLANK_MANY,   /* blank columns >= blank-columns-veto */
	BY_BLANK_FEW,    /* 1 .. blank-columns-veto - 1 */
};

struct problem {
	const char *name;
	bool veto;
	enum decide how;
	const char *indicator;   /* findings whose rule names this indicator */
	const char *rules[3];    /* and findings of these rules ("forms/" is a
	                            family) */
};

/* In the order the notices list them. */
static const struct problem problems[] = {
	{ "站点无法访问", true, BY_ANY, "站点无法访问", { NULL } },
	{ "首页长期未更新", true, BY_HOMEPAGE, "首页长期未更新", { NULL } },
	{ "栏目不更新", true, BY_STALE, "栏目不更新", { NULL } },
	{ "多个栏目空白", true, BY_BLANK_MANY, "栏目空白", { NULL } },
	{ "栏目空白", false, BY_BLANK_FEW, "栏目空白", { NULL } },
	{ "严重错误", true, BY_ERRORS, "严重错误", { NULL } },
	{ "错链断链", false, BY_ANY, "错链断链", { "links/broken", "forms/missing", NULL } },
	{ "服务不实用", true, BY_ANY, "服务不实用", { "forms/", NULL } },
	{ "互动回应差", true, BY_ANY, "互动回应差", { NULL } },
};

static void
add_problem(struct sl_report *r, const char *name)
{
	r->problems = sl_realloc(r->problems, (r->nproblems + 1) * sizeof *r->problems);
	r->problems[r->nproblems++] = sl_strdup(name);
}

static bool
feeds(const struct problem *p, const struct sl_diag *d)
{
	const char *ind = sl_rules[d->rule].indicator;
	if (ind != NULL && strcmp(ind, p->indicator) == 0)
		return true;
	const char *id = sl_rules[d->rule].id;
	for (size_t i = 0; i < 3 && p->rules[i] != NULL; i++) {
		size_t n = strlen(p->rules[i]);
		if (p->rules[i][n - 1] == '/' ? strncmp(id, p->rules[i], n) == 0
		                             : strcmp(id, p->rules[i]) == 0)
			return true;
	}
	return false;
}

/* Counts the findings that feed P; *WHOLE counts those marked
 * SL_DETAIL_WHOLE_SITE, NEWS those of news, notice and policy columns. */
static size_t
count_for(const struct sl_report *r, const struct problem *p, size_t *whole, size_t *news)
{
	size_t n = 0;
	*whole = *news = 0;
	for (size_t i = 0; i < r->diags.n; i++) {
		const struct sl_diag *d = &r->diags.v[i];
		if (!feeds(p, d) || (p->how == BY_ERRORS && d->severity != SL_SEV_ERROR))
			continue;
		n++;
		*whole += d->detail == SL_DETAIL_WHOLE_SITE;
		int cls = d->detail - 1;
		*news += cls == SL_CLASS_NEWS || cls == SL_CLASS_NOTICE || cls == SL_CLASS_POLICY;
	}
	return n;
}

static int
limit_or(int v, int def)
{
	return v > 0 ? v : def;
}

/* The wording of P for R, or NULL when R does not have the problem. */
static const char *
decide(const struct sl_report *r, const struct problem *p, const struct sl_config_limits *l)
{
	size_t whole, news;
	size_t n = count_for(r, p, &whole, &news);
	size_t blank_veto = (size_t)limit_or(l ? l->blank_columns_veto : 0, 5);
	if (n == 0)
		return NULL;
	switch (p->how) {
	case BY_HOMEPAGE:
		return whole > 0 ? "网站不更新" : p->name;
	case BY_STALE:
		return news >= (size_t)limit_or(l ? l->stale_news_notice_veto : 0, 5) ||
		       n >= (size_t)limit_or(l ? l->stale_columns_veto : 0, 10) ? p->name : NULL;
	case BY_BLANK_MANY:
		return n >= blank_veto ? p->name : NULL;
	case BY_BLANK_FEW:
		return n < blank_veto ? p->name : NULL;
	default:
		return p->name;
	}
}

void
sl_verdict_decide(struct sl_report *r, const struct sl_config *cfg)
{
	const struct sl_config_limits *l = cfg ? &cfg->limits : NULL;
	for (size_t k = 0; k < r->nproblems; k++)
		free(r->problems[k]);
	r->nproblems = 0;
	r->pass = true;
	for (size_t i = 0; i < sizeof problems / sizeof problems[0]; i++) {
		const struct problem *p = &problems[i];
		const char *name = decide(r, p, l);
		if (name == NULL)
			continue;
		if (i == 0) {   /* 站点无法访问: nothing else is judged */
			for (size_t k = 0; k < r->nproblems; k++)
				free(r->problems[k]);
			r->nproblems = 0;
			add_problem(r, name);
			r->pass = false;
			return;
		}
		add_problem(r, name);
		if (p->veto)
			r->pass = false;
	}
}
