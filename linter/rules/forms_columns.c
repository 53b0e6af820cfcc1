/*
 * rules/forms_columns.c - forms/none, forms/guide-incomplete and
 * forms/request-disclosure over the site model.
 *
 * A column page is a page that is not an article and that config
 * declares ([column] class = service, forms or request) or whose
 * ColumnName/ColumnType meta, h1 or title names such a column
 * (dictionaries/forms-keywords.txt).  The column pages of one folder are
 * one column (index.html, index_1.html ...), reported at its first page.
 * What a column offers is what its pages link to, and the pages those
 * link to, two steps deep (a hub, its sub-column, a guide's form),
 * navigation, header and footer links aside.
 *
 * A 办事指南 is an article (or a page that is not a column page) whose
 * title, h1 or ArticleTitle says 办事指南/服务指南, or an article linked
 * from a column that config declares as class service.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "forms_impl.h"
#include "util.h"

#define MAX_REACH   500   /* pages looked at from one column */
#define MIN_LABELS  2     /* element classes that make a page a guide to judge */

enum col { COL_NONE, COL_SERVICE, COL_FORMS, COL_REQUEST };

static const uint32_t template_flags = SL_IN_NAV | SL_IN_HEADER | SL_IN_FOOTER;

struct colpage {
	size_t index;             /* in the site's docs */
	enum col cls;
	bool declared;            /* the class came from sitelint.conf */
	const char *path;         /* the page's member path (borrowed) */
	size_t dirlen;            /* of the page's folder, '/' included */
	const struct sl_column_decl *decl;
};

struct cols {
	struct sl_forms_ctx *x;
	uint32_t *visit;          /* per doc: generation of the last visit */
	uint32_t gen;
	uint8_t *guide;           /* per doc: linked from a declared service column */
	size_t queue[MAX_REACH];
	uint8_t depth[MAX_REACH];
};

static bool
usable(const struct sl_doc *d)
{
	return d->is_html && d->http_status < 300 && !d->looks_error;
}

static const char *
site_rel(const struct sl_forms_ctx *x, const char *path)
{
	size_t n = strlen(x->c->root_prefix);
	return strncmp(path, x->c->root_prefix, n) == 0 ? path + n : path;
}

static enum col
from_class(enum sl_column_class cls)
{
	switch (cls) {
	case SL_CLASS_SERVICE: return COL_SERVICE;
	case SL_CLASS_FORMS:   return COL_FORMS;
	case SL_CLASS_REQUEST: return COL_REQUEST;
	default:               return COL_NONE;
	}
}

/* The column class of DOC when it is a column page; COL_NONE else. */
static enum col
classify(const struct sl_forms_ctx *x, const struct sl_doc *doc, struct colpage *cp)
{
	const struct sl_forms_facts *f = doc->forms;
	memset(cp, 0, sizeof *cp);
	if (!usable(doc) || f == NULL || (f->flags & SL_FF_ARTICLE))
		return COL_NONE;
	cp->decl = x->c->cfg ? sl_config_match_column(x->c->cfg, site_rel(x, doc->path)) : NULL;
	if (cp->decl != NULL && cp->decl->cls != SL_CLASS_NONE) {
		cp->declared = true;
		return from_class(cp->decl->cls);
	}
	return (f->flags & SL_FF_REQUEST) ? COL_REQUEST : (f->flags & SL_FF_FORMS) ? COL_FORMS
	     : (f->flags & SL_FF_SERVICE) ? COL_SERVICE : COL_NONE;
}

/* Orders column pages by folder, then by path. */
static int
cmp_colpage(const void *a, const void *b)
{
	const struct colpage *x = a, *y = b;
	int c = strncmp(x->path, y->path, x->dirlen < y->dirlen ? x->dirlen : y->dirlen);
	if (c != 0)
		return c;
	if (x->dirlen != y->dirlen)
		return x->dirlen < y->dirlen ? -1 : 1;
	return strcmp(x->path, y->path);
}

static bool
same_folder(const struct colpage *x, const struct colpage *y)
{
	return x->dirlen == y->dirlen && strncmp(x->path, y->path, x->dirlen) == 0;
}

/* --- what a column offers ---------------------------------------------- */

struct offer {
	bool download, flowchart;
};

/* Looks from the pages START..START+N two links deep for downloads and,
 * one link deep, for flow charts. */
static void
reach(struct cols *k, const struct colpage *start, size_t n, struct offer *o)
{
	struct sl_forms_ctx *x = k->x;
	const struct sl_site *site = x->c->site;
	size_t head = 0, tail = 0;
	k->gen++;
	for (size_t i = 0; i < n && tail < MAX_REACH; i++) {
		k->visit[start[i].index] = k->gen;
		k->depth[tail] = 0;
		k->queue[tail++] = start[i].index;
	}
	while (head < tail && !(o->download && o->flowchart)) {
		const struct sl_doc *doc = site->docs[k->queue[head]];
		uint8_t depth = k->depth[head];
		o->download |= x->offers[k->queue[head++]] != 0;
		o->flowchart |= depth <= 1 && doc->forms && (doc->forms->flags & SL_FF_FLOWCHART);
		if (depth >= 2 || (depth == 1 && o->flowchart))
			continue;
		for (size_t i = 0; i < doc->nlinks && tail < MAX_REACH; i++) {
			const struct sl_doc_link *l = doc->links[i];
			if (l->kind != SL_LINK_A || (l->flags & template_flags))
				continue;
			const struct sl_doc *t = sl_forms_target(x, doc, l);
			if (t == NULL || !usable(t))
				continue;
			size_t ti = sl_forms_doc_index(x, t);
			if (k->visit[ti] == k->gen)
				continue;
			k->visit[ti] = k->gen;
			k->depth[tail] = (uint8_t)(depth + 1);
			k->queue[tail++] = ti;
		}
	}
}

/* Marks the articles a declared service column links to as guides. */
static void
mark_guides(struct cols *k, const struct colpage *pages, size_t n)
{
	struct sl_forms_ctx *x = k->x;
	for (size_t i = 0; i < n; i++) {
		const struct sl_doc *doc = x->c->site->docs[pages[i].index];
		for (size_t l = 0; l < doc->nlinks; l++) {
			if (doc->links[l]->kind != SL_LINK_A || (doc->links[l]->flags & template_flags))
				continue;
			const struct sl_doc *t = sl_forms_target(x, doc, doc->links[l]);
			if (t != NULL && usable(t) && t->forms && (t->forms->flags & SL_FF_ARTICLE))
				k->guide[sl_forms_doc_index(x, t)] = 1;
		}
	}
}

/* --- findings --------------------------------------------------------- */

static struct sl_span
span_or_start(const struct sl_span *s)
{
	struct sl_span r;
	if (s != NULL)
		return *s;
	r.start = (struct sl_pos){ 1, 1, 1, 1 };
	r.end = r.start;
	return r;
}

static char *
column_name(const struct sl_doc *doc, const struct colpage *cp)
{
	const struct sl_doc_meta *m = sl_doc_meta(doc, "ColumnName");
	if (m != NULL && m->content[0])
		return sl_strdup(m->content);
	if (cp->decl != NULL && cp->decl->name != NULL)
		return sl_strdup(cp->decl->name);
	if (doc->title != NULL && doc->title[0]) {
		size_t n = strcspn(doc->title, "_|");
		return sl_strndup(doc->title, n);
	}
	return sl_strndup(doc->path, cp->dirlen);
}

static void
report_column(struct cols *k, const struct colpage *first, const struct offer *o)
{
	struct sl_forms_ctx *x = k->x;
	const struct sl_doc *doc = x->c->site->docs[first->index];
	enum sl_lang lang = x->e.lang;
	x->e.file = doc->path;
	if (!o->download) {
		static const char *const words[][2] = {
			[COL_SERVICE] = { "service", "办事服务" },
			[COL_FORMS] = { "forms download", "表格下载" },
			[COL_REQUEST] = { "request disclosure", "依申请公开" },
		};
		char *name = column_name(doc, first);
		struct sl_span s = span_or_start(doc->forms ? &doc->forms->head_span : NULL);
		SL_EMIT(&x->e, SL_R_FORMS_NONE, &s, NULL, words[first->cls][lang == SL_LANG_ZH], name);
		free(name);
	}
	if (first->cls != COL_REQUEST || (o->download && o->flowchart))
		return;
	const char *what = !o->flowchart && !o->download
		? sl_tr(lang, "neither a flow chart (流程图) nor a downloadable application form",
		        "既没有流程图，也没有可下载的申请表")
		: !o->flowchart ? sl_tr(lang, "no flow chart (流程图)", "没有流程图")
		: sl_tr(lang, "no downloadable application form", "没有可下载的申请表");
	struct sl_span s = span_or_start(doc->forms ? &doc->forms->request_span : NULL);
	SL_EMIT(&x->e, SL_R_FORMS_REQUEST_DISCLOSURE, &s, NULL, what);
}

static void
check_guide(struct sl_forms_ctx *x, const struct sl_doc *doc)
{
	const struct sl_forms_facts *f = doc->forms;
	const struct sl_formsdict *d = x->d;
	unsigned found = f->guide_found, nfound = 0;
	for (size_t i = 0; i < d->nclasses; i++)
		nfound += (found >> i) & 1u;
	if (nfound < MIN_LABELS || nfound >= d->nclasses)
		return;
	struct sl_buf names;
	sl_buf_init(&names, 0);
	for (size_t i = 0; i < d->nclasses; i++)
		if (!((found >> i) & 1u)) {
			if (names.len > 0)
				sl_buf_puts(&names, sl_tr(x->e.lang, ", ", "、"));
			sl_buf_puts(&names, d->classes[i].name);
		}
	char missing[16], total[16];
	snprintf(missing, sizeof missing, "%zu", d->nclasses - nfound);
	snprintf(total, sizeof total, "%zu", d->nclasses);
	x->e.file = doc->path;
	SL_EMIT(&x->e, SL_R_FORMS_GUIDE_INCOMPLETE, &f->guide_span, NULL, missing, names.data, total);
	sl_buf_free(&names);
}

void
sl_forms_check_columns(struct sl_forms_ctx *x)
{
	const struct sl_site *site = x->c->site;
	struct cols k = { .x = x };
	k.visit = sl_calloc(site->ndocs + 1, sizeof *k.visit);
	k.guide = sl_calloc(site->ndocs + 1, 1);
	struct colpage *cps = NULL;
	size_t n = 0, cap = 0;
	for (size_t i = 0; i < site->ndocs; i++) {
		struct colpage cp;
		if ((cp.cls = classify(x, site->docs[i], &cp)) == COL_NONE)
			continue;
		const char *slash = strrchr(site->docs[i]->path, '/');
		cp.index = i;
		cp.path = site->docs[i]->path;
		cp.dirlen = slash ? (size_t)(slash - site->docs[i]->path) + 1 : 0;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			cps = sl_realloc(cps, cap * sizeof *cps);
		}
		cps[n++] = cp;
	}
	if (n > 1)
		qsort(cps, n, sizeof *cps, cmp_colpage);
	for (size_t i = 0, j; i < n; i = j) {
		for (j = i + 1; j < n && same_folder(&cps[i], &cps[j]); j++)
			;
		struct offer o = { false, false };
		reach(&k, &cps[i], j - i, &o);
		report_column(&k, &cps[i], &o);
		if (cps[i].declared && cps[i].cls == COL_SERVICE)
			mark_guides(&k, &cps[i], j - i);
	}
	for (size_t i = 0; i < site->ndocs; i++) {
		const struct sl_doc *doc = site->docs[i];
		struct colpage cp;
		if (doc->forms == NULL || !usable(doc) || classify(x, doc, &cp) != COL_NONE)
			continue;
		bool column_page = !(doc->forms->flags & SL_FF_ARTICLE) &&
		                   (doc->forms->flags & SL_FF_COLUMN_META);
		if (!column_page && ((doc->forms->flags & SL_FF_GUIDE_NAME) || k.guide[i]))
			check_guide(x, doc);
	}
	free(cps);
	free(k.guide);
	free(k.visit);
}
