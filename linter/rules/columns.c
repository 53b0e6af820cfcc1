/*
 * rules/columns.c - freshness and content of the home page and the
 * columns: site/stale-homepage, columns/stale, columns/blank and
 * columns/sparse; and the entry points that build the column model.
 *
 * Census rules (DOMAIN.md): the home page must show an item newer than
 * 14 days before the check date; an item without a date counts as not
 * updated; a home page that is only navigation is judged by the columns
 * it links to.  A column's newest item must be younger than its class
 * allows.  A blank column has no items and nothing of its own beyond
 * the site's template, or only placeholder text; a hub of sub-columns
 * and a page whose note explains the absence (三定) are not blank.
 */
#include <stdio.h>
#include <string.h>

#include "colrules.h"
#include "util.h"

/* --- shared helpers ------------------------------------------------------ */

struct sl_diag *
sl_colrules_emit(struct sl_colmodel *m, const struct sl_doc *doc, enum sl_rule_id rule,
                 const struct sl_span *span, const char *msg)
{
	struct sl_emit e = { m->c->out, m->c->lang, doc ? doc->path : "", NULL, false };
	return SL_EMIT(&e, rule, doc ? span : NULL, NULL, msg);
}

const char *
sl_colrules_class_label(enum sl_column_class cls, enum sl_lang lang)
{
	static const char *const zh[SL_CLASS_COUNT] = {
		"新闻动态类", "通知公告类", "政策文件类", "人事信息类", "规划计划类",
		"办事服务类", "表格下载类", "依申请公开类", "互动交流类", "其他类",
	};
	if ((int)cls < 0 || cls >= SL_CLASS_COUNT)
		cls = SL_CLASS_OTHER;
	return lang == SL_LANG_ZH ? zh[cls] : sl_column_class_name(cls);
}

int32_t
sl_colrules_age(const struct sl_colmodel *m, const struct sl_date *date)
{
	return m->as_of_days - sl_date_days(date);
}

const char *
sl_colrules_fmt(const struct sl_date *date, char buf[SL_DATE_FMT_SIZE])
{
	sl_date_format(date, buf, SL_DATE_FMT_SIZE);
	return buf;
}

struct sl_span
sl_colrules_page_span(const struct sl_doc *doc)
{
	const struct sl_colpage *cp = doc->colpage;
	if (cp != NULL && cp->has_heading)
		return cp->heading_span;
	if (cp != NULL)
		return cp->title_span;
	struct sl_span s;
	s.start = (struct sl_pos){ 1, 1, 1, 1 };
	s.end = s.start;
	return s;
}

/* --- entry points -------------------------------------------------------- */

void
sl_check_colpage(struct sl_page_check *c)
{
	c->doc->colpage = sl_colpage_extract(c->page, c->dec, sl_colwords_get(),
	                                     c->maybe_phrase);
}

void
sl_check_columns(struct sl_site_check *c)
{
	struct sl_colmodel m;
	sl_colmodel_build(&m, c);
	sl_colrules_homepage(&m);
	sl_colrules_columns(&m);
	sl_colrules_dates(&m);
	sl_colrules_interaction(&m);
	sl_colmodel_free(&m);
}

/* --- site/stale-homepage --------------------------------------------------- */

/* True when the snapshot is one page that is not named as a home page
 * (a page linted on its own, from an editor): no site to judge. */
static bool
lone_page(const struct sl_colmodel *m)
{
	static const char *const names[] = { "index.html", "index.htm", "index.shtml",
	                                     "default.html", "default.htm" };
	const char *p = m->c->home->path, *slash = strrchr(p, '/');
	if (m->c->site->ndocs > 1)
		return false;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(slash ? slash + 1 : p, names[i]) == 0)
			return false;
	return true;
}

/* The newest dated item of the home page, on or before as-of. */
static const struct sl_colitem *
home_newest(const struct sl_colmodel *m, const struct sl_doc *home, struct sl_date *out)
{
	const struct sl_colitem *best = NULL;
	for (size_t i = 0; i < home->colpage->nitems; i++) {
		const struct sl_colitem *it = &home->colpage->items[i];
		struct sl_date d;
		if (!sl_colmodel_item_date(m, home, it, &d) || sl_colrules_age(m, &d) < 0)
			continue;
		if (best == NULL || sl_date_cmp(&d, out) > 0) {
			best = it;
			*out = d;
		}
	}
	return best;
}

/* True when the home page links an article (a page with ArticleTitle or
 * PubDate meta, or a dated file name), or lists without a date a page
 * that is no column: it has items. */
static bool
links_articles(struct sl_colmodel *m, const struct sl_doc *home)
{
	for (size_t i = 0; i < home->nlinks; i++) {
		const struct sl_doc_link *l = home->links[i];
		if (l->kind != SL_LINK_A)
			continue;
		const struct sl_doc *t = sl_colmodel_resolve(m, home, l->url);
		if (t != NULL && t->is_html && sl_colmodel_is_article(t))
			return true;
	}
	const struct sl_colpage *cp = home->colpage;
	for (size_t k = 0; k < cp->nundated && k < SL_COLPAGE_MAX_ITEMS; k++) {
		const struct sl_doc *t = sl_colmodel_resolve(m, home, home->links[cp->undated_links[k]]->url);
		if (t != NULL && t->is_html && t != home && sl_colmodel_column_of(m, t) == NULL)
			return true;
	}
	return false;
}

/* The newest item of the columns the home page links (levels 1 and 2). */
static const struct sl_column *
columns_newest(const struct sl_colmodel *m, int max_level)
{
	const struct sl_column *best = NULL;
	for (size_t i = 0; i < m->ncols; i++) {
		const struct sl_column *col = &m->cols[i];
		if (col->has_newest && (max_level == 0 || (col->level > 0 && col->level <= max_level)) &&
		    (best == NULL || sl_date_cmp(&col->newest, &best->newest) > 0))
			best = col;
	}
	return best;
}

/* True when a column the home page links lists entries without dates. */
static bool
columns_list_entries(const struct sl_colmodel *m)
{
	for (size_t i = 0; i < m->ncols; i++)
		if (m->cols[i].level > 0 && m->cols[i].level <= 2 && m->cols[i].nundated > 0 &&
		    !m->cols[i].hub)
			return true;
	return false;
}

static void
report_homepage(struct sl_colmodel *m, const struct sl_doc *home, const struct sl_span *span,
                const char *msg, int limit)
{
	enum sl_lang lang = m->c->lang;
	const struct sl_column *site = columns_newest(m, 0);
	struct sl_date hd;
	bool whole = (site == NULL || sl_colrules_age(m, &site->newest) > limit) &&
	             (home_newest(m, home, &hd) == NULL || sl_colrules_age(m, &hd) > limit);
	char full[1024];
	snprintf(full, sizeof full, "%s%s", msg,
	         whole ? sl_tr(lang, "; nothing on the whole site is newer either",
	                       "；全站也没有更新的信息") : "");
	struct sl_diag *d = sl_colrules_emit(m, home, SL_R_SITE_STALE_HOMEPAGE, span, full);
	d->detail = whole ? SL_DETAIL_WHOLE_SITE : 0;
}

void
sl_colrules_homepage(struct sl_colmodel *m)
{
	const struct sl_doc *home = m->c->home;
	enum sl_lang lang = m->c->lang;
	int limit = m->cfg->limits.homepage_stale_days;
	char msg[768], a[SL_DATE_FMT_SIZE], b[SL_DATE_FMT_SIZE];
	if (home == NULL || home->colpage == NULL || home->http_status >= 400 ||
	    sl_colmodel_is_article(home) || lone_page(m))
		return;
	struct sl_span start = sl_colrules_page_span(home);
	start.start = (struct sl_pos){ 1, 1, 1, 1 };
	start.end = start.start;
	struct sl_date newest;
	const struct sl_colitem *it = home_newest(m, home, &newest);
	if (it != NULL) {
		int32_t age = sl_colrules_age(m, &newest);
		if (age <= limit)
			return;
		snprintf(msg, sizeof msg,
		         SL_TR(lang, "home page not updated: its newest dated item is of %s, %d days "
		                     "before the check date %s (limit %d)",
		               "首页长期未更新：最新信息发布于 %s，已 %d 天未更新（检查日期 %s，上限 %d 天）"),
		         sl_colrules_fmt(&newest, a), age, sl_colrules_fmt(&m->as_of, b), limit);
		report_homepage(m, home, &it->date_span, msg, limit);
		return;
	}
	if (links_articles(m, home)) {
		snprintf(msg, sizeof msg, "%s",
		         sl_tr(lang, "home page not updated: none of its items carries a date (an item "
		                     "without a date counts as not updated)",
		               "首页长期未更新：首页信息均无发布日期（无日期的信息视为未更新）"));
		report_homepage(m, home, &start, msg, limit);
		return;
	}
	const struct sl_column *col = columns_newest(m, 2);
	if (col != NULL && sl_colrules_age(m, &col->newest) <= limit)
		return;
	if (col == NULL && !columns_list_entries(m))
		return;   /* no list anywhere: nothing to judge freshness by */
	if (col == NULL)
		snprintf(msg, sizeof msg, "%s",
		         sl_tr(lang, "navigation-only home page whose columns have no dated item",
		               "首页仅有导航，其栏目均无带日期的信息"));
	else
		snprintf(msg, sizeof msg,
		         SL_TR(lang, "navigation-only home page not updated: the newest item of its "
		                     "columns is of %s (%s), %d days before the check date (limit %d)",
		               "首页仅有导航且长期未更新：其栏目最新信息发布于 %s（%s），距检查日期已 %d 天（上限 %d 天）"),
		         sl_colrules_fmt(&col->newest, a), col->name,
		         sl_colrules_age(m, &col->newest), limit);
	report_homepage(m, home, &start, msg, limit);
}

/* --- columns/stale, columns/blank, columns/sparse ------------------------- */

static void
check_stale(struct sl_colmodel *m, const struct sl_column *col)
{
	enum sl_lang lang = m->c->lang;
	int limit = sl_config_stale_days(m->cfg, col->decl, col->cls);
	char msg[768], a[SL_DATE_FMT_SIZE];
	if (limit < 0 || col->hub)
		return;
	const char *cls = sl_colrules_class_label(col->cls, lang);
	struct sl_diag *d;
	if (col->has_newest) {
		int32_t age = sl_colrules_age(m, &col->newest);
		if (age <= limit)
			return;
		snprintf(msg, sizeof msg,
		         SL_TR(lang, "column '%s' (%s) not updated: its newest item is of %s, %d days "
		                     "before the check date (limit %d)",
		               "栏目“%s”（%s）未及时更新：最新信息发布于 %s，距检查日期已 %d 天（上限 %d 天）"),
		         col->name, cls, sl_colrules_fmt(&col->newest, a), age, limit);
		d = sl_colrules_emit(m, col->newest_doc, SL_R_COLUMNS_STALE,
		                     &col->newest_item->date_span, msg);
	} else if (col->nundated > 0 && col->nitems == 0) {
		snprintf(msg, sizeof msg,
		         SL_TR(lang, "column '%s' (%s) not updated: none of its %zu entries carries a "
		                     "date (limit %d days)",
		               "栏目“%s”（%s）未及时更新：%zu 条信息均无发布日期（上限 %d 天）"),
		         col->name, cls, col->nundated, limit);
		struct sl_span s = sl_colrules_page_span(col->pages[0]);
		d = sl_colrules_emit(m, col->pages[0], SL_R_COLUMNS_STALE, &s, msg);
	} else {
		return;
	}
	d->detail = (int8_t)(col->cls + 1);
}

static bool
is_blank(const struct sl_column *col)
{
	return col->nitems == 0 && col->nundated == 0 && !col->hub && !col->exempt &&
	       col->own_chars < SL_COLUMN_OWN_TEXT && col->own_links == 0;
}

static void
check_blank(struct sl_colmodel *m, const struct sl_column *col)
{
	enum sl_lang lang = m->c->lang;
	char msg[768];
	if (!is_blank(col))
		return;
	const struct sl_doc *d = col->placeholder_doc;
	if (d != NULL) {
		snprintf(msg, sizeof msg,
		         SL_TR(lang, "column '%s' is blank: it shows only '%s'",
		               "栏目“%s”为空白栏目：仅显示“%s”"),
		         col->name, d->colpage->placeholder);
		sl_colrules_emit(m, d, SL_R_COLUMNS_BLANK, &d->colpage->placeholder_span, msg);
		return;
	}
	d = col->pages[0];
	snprintf(msg, sizeof msg,
	         SL_TR(lang, "column '%s' is blank: no items and no content of its own",
	               "栏目“%s”为空白栏目：既无信息条目也无本栏目内容"),
	         col->name);
	struct sl_span s = sl_colrules_page_span(d);
	sl_colrules_emit(m, d, SL_R_COLUMNS_BLANK, &s, msg);
}

static void
check_sparse(struct sl_colmodel *m, const struct sl_column *col)
{
	enum sl_lang lang = m->c->lang;
	int min = m->cfg->limits.sparse_items;
	char msg[768];
	if (col->hub || col->nitems == 0 || col->nitems >= (size_t)min ||
	    col->cls == SL_CLASS_SERVICE || col->cls == SL_CLASS_FORMS ||
	    col->cls == SL_CLASS_REQUEST || col->own_chars >= SL_COLUMN_PAGE_TEXT)
		return;
	snprintf(msg, sizeof msg,
	         SL_TR(lang, "column '%s' has only %zu item(s), fewer than %d",
	               "栏目“%s”仅有 %zu 条信息，少于 %d 条"),
	         col->name, col->nitems, min);
	struct sl_span s = sl_colrules_page_span(col->pages[0]);
	sl_colrules_emit(m, col->pages[0], SL_R_COLUMNS_SPARSE, &s, msg);
}

void
sl_colrules_columns(struct sl_colmodel *m)
{
	for (size_t i = 0; i < m->ncols; i++) {
		check_stale(m, &m->cols[i]);
		check_blank(m, &m->cols[i]);
		check_sparse(m, &m->cols[i]);
	}
}
