/*
 * verdict.c - from findings to the census verdict.
 *
 * Each problem of the notices is fed by the rules whose table row names
 * it as their indicator.  A problem is a single-veto item (the site
 * fails) or a deduction (listed, but the site may pass).  站点无法访问
 * stops judgement: it is then the only problem.
 */
#include "verdict.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

struct problem {
	const char *name;
	bool veto;
	bool errors_only;   /* only error-level findings count */
};

/* In the order the notices list them. */
static const struct problem problems[] = {
	{ "站点无法访问", true, false },
	{ "首页长期未更新", true, false },
	{ "栏目不更新", true, false },
	{ "多个栏目空白", true, false },
	{ "栏目空白", false, false },
	{ "严重错误", true, true },
	{ "错链断链", false, false },
	{ "服务不实用", true, false },
	{ "互动回应差", true, false },
};

static void
add_problem(struct sl_report *r, const char *name)
{
	r->problems = sl_realloc(r->problems, (r->nproblems + 1) * sizeof *r->problems);
	r->problems[r->nproblems++] = sl_strdup(name);
}

/* Counts the findings that feed problem P. */
static size_t
count_for(const struct sl_report *r, const struct problem *p)
{
	size_t n = 0;
	for (size_t i = 0; i < r->diags.n; i++) {
		const struct sl_diag *d = &r->diags.v[i];
		const char *ind = sl_rules[d->rule].indicator;
		if (ind == NULL || strcmp(ind, p->name) != 0)
			continue;
		if (p->errors_only && d->severity != SL_SEV_ERROR)
			continue;
		n++;
	}
	return n;
}

void
sl_verdict_decide(struct sl_report *r, const struct sl_config *cfg)
{
	int blank_veto = cfg ? cfg->limits.blank_columns_veto : 5;
	r->pass = true;
	for (size_t i = 0; i < sizeof problems / sizeof problems[0]; i++) {
		const struct problem *p = &problems[i];
		size_t n = count_for(r, p);
		if (strcmp(p->name, "栏目空白") == 0 || strcmp(p->name, "多个栏目空白") == 0) {
			/* Both are fed by columns/blank: the count decides the wording. */
			struct problem blank = { "栏目空白", false, false };
			n = count_for(r, &blank);
			bool many = blank_veto > 0 && n >= (size_t)blank_veto;
			if (n == 0 || many != (strcmp(p->name, "多个栏目空白") == 0))
				continue;
		} else if (n == 0) {
			continue;
		}
		if (i == 0) {   /* 站点无法访问: nothing else is judged */
			for (size_t k = 0; k < r->nproblems; k++)
				free(r->problems[k]);
			r->nproblems = 0;
			add_problem(r, p->name);
			r->pass = false;
			return;
		}
		add_problem(r, p->name);
		if (p->veto)
			r->pass = false;
	}
}
