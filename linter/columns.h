/*
 * columns.h - the site's columns (栏目), built after the whole snapshot
 * was read, from the compact page records (colpage.h), the configuration
 * and the as-of date.
 *
 * A column is a list page: declared in sitelint.conf ([column]),
 * carrying a ColumnName meta, or linked from the home page (a navigation
 * link, or a link to a folder's index page), or linked that way from a
 * hub reached so (up to SL_COLUMN_MAX_LEVEL levels).  Its pages are the
 * index page of its folder and the pager pages beside it (index_1.html
 * ...); pages that look like articles (ArticleTitle or PubDate meta, a
 * dated file name t20170324_1.html) never are column pages.
 *
 * The shared template (header, navigation, footer, breadcrumb, side
 * boxes) is told from a page's own content by the page analysis flags
 * and by frequency: a text run, a link or a list item found on at least
 * half of a sample of the site's pages (and on 3 or more) is template.
 *
 * The model also resolves item links to pages and gives month-day dates
 * their year (sl_colmodel_item_date), so every check reads dates the
 * same way.
 */
#ifndef SL_COLUMNS_H
#define SL_COLUMNS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "colpage.h"
#include "colwords.h"
#include "config.h"
#include "dates.h"
#include "rules/rules.h"
#include "site.h"
#include "url.h"

#define SL_COLUMN_MAX_LEVEL   3      /* home -> column -> sub-column -> ... */
#define SL_COLUMN_MAX         10000  /* columns kept */
#define SL_COLUMN_OWN_TEXT    40     /* code points of own text that make a
                                        page with no items "not blank" */
#define SL_COLUMN_PAGE_TEXT   200    /* code points of own text that make a
                                        column a page of text (not sparse) */
#define SL_COLUMN_SAMPLE      500    /* pages sampled to find the template */

enum {
	SL_COLSRC_CONFIG = 1u << 0,
	SL_COLSRC_META   = 1u << 1,
	SL_COLSRC_NAV    = 1u << 2,
};

struct sl_column {
	char *key;                   /* its folder "xwzx/gzdt/" (root prefix
	                                included), or its page path (owned) */
	char *name;                  /* (owned) */
	enum sl_column_class cls;    /* SL_CLASS_OTHER when nothing says */
	const struct sl_column_decl *decl;   /* or NULL */
	unsigned sources;            /* SL_COLSRC_* */
	int level;                   /* 1: linked from the home page, 2: from a
	                                level-1 hub ...; 0: not linked */
	char *link_text;             /* text of the link that found it (owned) */
	const struct sl_doc **pages; /* sorted by path (owned array) */
	size_t npages;
	/* Filled by sl_colmodel_build from the pages' own content: */
	size_t nitems;               /* dated items (template items excluded) */
	size_t nundated;             /* list entries without a date */
	bool has_newest;             /* a dated item on or before as-of */
	struct sl_date newest;
	const struct sl_doc *newest_doc;
	const struct sl_colitem *newest_item;
	uint32_t own_chars;          /* own text, placeholders excluded */
	size_t own_links;            /* own links to other pages */
	size_t sub_columns;          /* distinct own links to other columns */
	bool hub;                    /* links to 2 or more sub-columns */
	bool exempt;                 /* a note says why it has nothing */
	const struct sl_doc *placeholder_doc;  /* a page showing 暂无信息, or NULL */
};

struct sl_colmodel {
	const struct sl_site_check *c;
	const struct sl_config *cfg;       /* c->cfg or the defaults */
	struct sl_config defaults;
	const struct sl_colwords *w;
	struct sl_date as_of;
	int32_t as_of_days;
	struct sl_site_hosts hosts;
	struct sl_url_ref *ref;            /* scratch for resolution */
	struct sl_column *cols;
	size_t ncols, capcols;
	struct sl_column **col_of;         /* per doc index (site order): its
	                                      column, or NULL (owned array) */
	/* template counts over the sample: hash -> pages */
	uint32_t *tkeys, *tcounts;
	size_t tcap;
	uint32_t template_min;             /* pages that make a key template */
	size_t *kindex;                    /* column key hash: index + 1 */
	size_t kcap;
};

/* Builds the model of C's site.  Never fails; release with
 * sl_colmodel_free. */
void sl_colmodel_build(struct sl_colmodel *m, const struct sl_site_check *c);

void sl_colmodel_free(struct sl_colmodel *m);

/* The doc a link of PAGE (its URL as written) names, or NULL when it is
 * not a page of the snapshot. */
const struct sl_doc *sl_colmodel_resolve(struct sl_colmodel *m, const struct sl_doc *page,
                                         const char *url);

/* The full date of item IT of PAGE: as written, or a month-day given its
 * year from the item's URL, else the latest year not after as-of.  False
 * when the date is invalid. */
bool sl_colmodel_item_date(const struct sl_colmodel *m, const struct sl_doc *page,
                           const struct sl_colitem *it, struct sl_date *out);

/* The column DOC is a page of, or NULL. */
struct sl_column *sl_colmodel_column_of(const struct sl_colmodel *m, const struct sl_doc *doc);

/* True when the item IT of PAGE is part of the shared template (the
 * same link listed on most pages). */
bool sl_colmodel_item_is_template(const struct sl_colmodel *m, const struct sl_doc *page,
                                  const struct sl_colitem *it);

/* True when DOC looks like an article: ArticleTitle or PubDate meta, or a
 * file name carrying a date (t20170324_123.html). */
bool sl_colmodel_is_article(const struct sl_doc *doc);

/* The index of DOC in the site's (sorted) docs, or SIZE_MAX. */
size_t sl_colmodel_doc_index(const struct sl_colmodel *m, const struct sl_doc *doc);

/* The member path of DOC as seen from the site root (the root prefix of a
 * WARC or mirror folder removed).  Borrowed from DOC. */
const char *sl_colmodel_site_path(const struct sl_colmodel *m, const struct sl_doc *doc);

#endif
