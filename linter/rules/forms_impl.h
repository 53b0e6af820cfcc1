/*
 * rules/forms_impl.h - what the forms rules share (forms.c, forms_page.c,
 * forms_columns.c): the facts a page check keeps for the site checks,
 * and the site checks' context.
 */
#ifndef SL_FORMS_IMPL_H
#define SL_FORMS_IMPL_H

#include <stdint.h>

#include "formsdict.h"
#include "rules.h"
#include "url.h"

/* Page facts (struct sl_forms_facts flags). */
enum {
	SL_FF_GUIDE_NAME  = 1u << 0,  /* title, h1 or ArticleTitle names a 办事指南 */
	SL_FF_SERVICE     = 1u << 1,  /* its column name says service */
	SL_FF_FORMS       = 1u << 2,  /* ... 表格下载 */
	SL_FF_REQUEST     = 1u << 3,  /* ... 依申请公开 */
	SL_FF_ARTICLE     = 1u << 4,  /* an article: ArticleTitle/PubDate meta or
	                                 a TRS "t20261021_..." name */
	SL_FF_FLOWCHART   = 1u << 5,  /* shows or links a flow chart (流程图) */
	SL_FF_COLUMN_META = 1u << 6,  /* has a ColumnName or ColumnType meta */
};

/* What the forms site checks need of a page, kept in its struct sl_doc
 * (doc->forms, freed with free()).  Only pages that may matter get one:
 * pages that are not articles, and articles that name a guide or a
 * column, show guide elements or a flow chart. */
struct sl_forms_facts {
	uint16_t flags;               /* SL_FF_* */
	uint16_t guide_found;         /* guide element classes present (bit i:
	                                 class i of guide-elements.txt) */
	struct sl_span head_span;     /* h1, else the first h2, else <title>,
	                                 else 1:1: for column findings */
	struct sl_span guide_span;    /* the table or block holding the guide's
	                                 elements, else head_span */
	struct sl_span request_span;  /* the heading of the section that offers
	                                 a download, else head_span */
};

/* The site checks' context: one per run. */
struct sl_forms_ctx {
	struct sl_site_check *c;
	const struct sl_formsdict *d;
	struct sl_site_hosts hosts;
	struct sl_url_ref ref;        /* large: reused */
	struct sl_url_ref ref2;
	struct sl_emit e;
	uint8_t *offers;              /* per doc (site order): it links a download */
	struct sl_strset seen;        /* targets reported on the current page */
};

/* Resolves link L of PAGE into x->ref and returns the member it names,
 * after WARC redirects, or NULL (external, special, missing). */
const struct sl_doc *sl_forms_target(struct sl_forms_ctx *x, const struct sl_doc *page,
                                     const struct sl_doc_link *l);

/* The index of DOC in x->c->site->docs (sorted by path). */
size_t sl_forms_doc_index(const struct sl_forms_ctx *x, const struct sl_doc *doc);

/* forms/none, forms/guide-incomplete, forms/request-disclosure. */
void sl_forms_check_columns(struct sl_forms_ctx *x);

#endif
