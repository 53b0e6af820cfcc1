/*
 * rules/datecheck.c - publication dates: dates/invalid, dates/future,
 * dates/mismatch and dates/missing.
 *
 * The dates judged are publication dates: those of list items on the
 * home page and the column pages, the visible date of a page (the first
 * one labelled 发布时间 ..., else the one under its <h1>), and its
 * PubDate meta.  Dates in body text are events, not publication dates,
 * and are left alone.  The 2019 indicators treat a faked publication
 * date as a veto (严重错误), hence dates/mismatch: the list, the page
 * and the meta must agree to the day.  成文日期 (the date a policy was
 * signed) is never taken for the publication date.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "colrules.h"
#include "util.h"

/* The date a list shows for a page, and where. */
struct listed {
	bool set;
	struct sl_date date;
	const struct sl_doc *page;
};

static bool
is_list_page(const struct sl_colmodel *m, const struct sl_doc *d)
{
	return d == m->c->home || sl_colmodel_column_of(m, d) != NULL;
}

static const char *
where(enum sl_lang lang, int kind)
{
	static const char *const en[] = { "list date", "publication date", "PubDate meta" };
	static const char *const zh[] = { "列表日期", "发布日期", "PubDate 元数据" };
	return lang == SL_LANG_ZH ? zh[kind] : en[kind];
}

enum { W_LIST, W_PAGE, W_META };

static void
report_invalid(struct sl_colmodel *m, const struct sl_doc *d, const struct sl_span *s,
               const struct sl_date *date, int kind)
{
	char msg[512], a[SL_DATE_FMT_SIZE];
	snprintf(msg, sizeof msg,
	         SL_TR(m->c->lang, "impossible date %s (%s)", "日期 %s 不存在（%s）"),
	         sl_colrules_fmt(date, a), where(m->c->lang, kind));
	sl_colrules_emit(m, d, SL_R_DATES_INVALID, s, msg);
}

static void
check_future(struct sl_colmodel *m, const struct sl_doc *d, const struct sl_span *s,
             const struct sl_date *date, int kind)
{
	char msg[512], a[SL_DATE_FMT_SIZE], b[SL_DATE_FMT_SIZE];
	if (sl_colrules_age(m, date) >= 0)
		return;
	snprintf(msg, sizeof msg,
	         SL_TR(m->c->lang, "%s %s is after the check date %s", "%s %s 晚于检查日期 %s"),
	         where(m->c->lang, kind), sl_colrules_fmt(date, a), sl_colrules_fmt(&m->as_of, b));
	sl_colrules_emit(m, d, SL_R_DATES_FUTURE, s, msg);
}

/* The list items of a home or column page; remembers what each lists. */
static void
check_items(struct sl_colmodel *m, const struct sl_doc *d, struct listed *listed)
{
	const struct sl_colpage *cp = d->colpage;
	for (size_t k = 0; k < cp->nitems; k++) {
		const struct sl_colitem *it = &cp->items[k];
		if (d != m->c->home && sl_colmodel_item_is_template(m, d, it))
			continue;
		struct sl_date date;
		if (!sl_colmodel_item_date(m, d, it, &date)) {
			report_invalid(m, d, &it->date_span, &it->date, W_LIST);
			continue;
		}
		check_future(m, d, &it->date_span, &date, W_LIST);
		const struct sl_doc *t = sl_colmodel_resolve(m, d, d->links[it->link]->url);
		size_t ti = t ? sl_colmodel_doc_index(m, t) : SIZE_MAX;
		if (ti == SIZE_MAX || (listed[ti].set && d == m->c->home))
			continue;
		if (!listed[ti].set || listed[ti].page == m->c->home) {
			listed[ti].set = true;
			listed[ti].date = date;
			listed[ti].page = d;
		}
	}
}

/* Pages listed without a date are articles too (dates/missing). */
static void
mark_undated(struct sl_colmodel *m, const struct sl_doc *d, bool *undated)
{
	const struct sl_colpage *cp = d->colpage;
	for (size_t k = 0; k < cp->nundated && k < SL_COLPAGE_MAX_ITEMS; k++) {
		const struct sl_doc *t = sl_colmodel_resolve(m, d, d->links[cp->undated_links[k]]->url);
		size_t ti = t ? sl_colmodel_doc_index(m, t) : SIZE_MAX;
		if (ti != SIZE_MAX && t->is_html && sl_colmodel_column_of(m, t) == NULL)
			undated[ti] = true;
	}
}

static bool
meta_date(const struct sl_doc *d, struct sl_date *out, const struct sl_span **span)
{
	const struct sl_doc_meta *pm = sl_doc_meta(d, "PubDate");
	if (pm == NULL || !sl_date_parse_pubdate(pm->content, out, NULL, NULL, NULL))
		return false;
	*span = &pm->span;
	return true;
}

static void
check_page_dates(struct sl_colmodel *m, const struct sl_doc *d)
{
	const struct sl_colpage *cp = d->colpage;
	struct sl_date md;
	const struct sl_span *ms;
	if (cp->has_pub) {
		if (!cp->pub.valid)
			report_invalid(m, d, &cp->pub_span, &cp->pub, W_PAGE);
		else
			check_future(m, d, &cp->pub_span, &cp->pub, W_PAGE);
	}
	if (meta_date(d, &md, &ms)) {
		if (!md.valid)
			report_invalid(m, d, ms, &md, W_META);
		else
			check_future(m, d, ms, &md, W_META);
	}
}

static void
append_part(struct sl_buf *b, enum sl_lang lang, int *parts, const char *en, const char *zh,
            const char *date, const char *page)
{
	bool first = (*parts)++ == 0;
	sl_buf_puts(b, lang == SL_LANG_ZH ? (first ? "：" : "，") : (first ? ": " : ", "));
	if (page != NULL)
		sl_buf_printf(b, lang == SL_LANG_ZH ? "%s的列表为 %s" : "the list on %s says %s",
		              page, date);
	else
		sl_buf_printf(b, "%s %s", lang == SL_LANG_ZH ? zh : en, date);
}

/* dates/mismatch: the page, its meta and a list that names it disagree. */
static void
check_mismatch(struct sl_colmodel *m, const struct sl_doc *d, const struct listed *l)
{
	const struct sl_colpage *cp = d->colpage;
	enum sl_lang lang = m->c->lang;
	struct sl_date md;
	const struct sl_span *ms = NULL;
	bool page = cp->has_pub && cp->pub.valid;
	bool meta = meta_date(d, &md, &ms) && md.valid;
	bool list = l->set;
	int32_t pd = page ? sl_date_days(&cp->pub) : 0, mdd = meta ? sl_date_days(&md) : 0;
	int32_t ld = list ? sl_date_days(&l->date) : 0;
	if (!((page && meta && pd != mdd) || (page && list && pd != ld) ||
	      (meta && list && mdd != ld)))
		return;
	char a[SL_DATE_FMT_SIZE];
	int parts = 0;
	struct sl_buf b;
	sl_buf_init(&b, 2048);
	sl_buf_puts(&b, sl_tr(lang, "publication dates disagree", "发布日期不一致"));
	if (page)
		append_part(&b, lang, &parts, "the page shows", "页面显示", sl_colrules_fmt(&cp->pub, a), NULL);
	if (meta)
		append_part(&b, lang, &parts, "its PubDate meta says", "PubDate 元数据为",
		            sl_colrules_fmt(&md, a), NULL);
	if (list)
		append_part(&b, lang, &parts, "", "", sl_colrules_fmt(&l->date, a),
		            sl_colmodel_site_path(m, l->page));
	sl_colrules_emit(m, d, SL_R_DATES_MISMATCH, page ? &cp->pub_span : ms != NULL ? ms
	                 : &cp->title_span, b.data);
	sl_buf_free(&b);
}

static void
check_missing(struct sl_colmodel *m, const struct sl_doc *d)
{
	struct sl_date md;
	const struct sl_span *ms;
	if (d->colpage->has_pub || meta_date(d, &md, &ms))
		return;
	struct sl_span s = sl_colrules_page_span(d);
	sl_colrules_emit(m, d, SL_R_DATES_MISSING, &s,
	                 sl_tr(m->c->lang, "article page shows no publication date",
	                       "文章页面没有发布日期"));
}

void
sl_colrules_dates(struct sl_colmodel *m)
{
	const struct sl_site *s = m->c->site;
	struct listed *listed = sl_calloc(s->ndocs ? s->ndocs : 1, sizeof *listed);
	bool *undated = sl_calloc(s->ndocs ? s->ndocs : 1, sizeof *undated);
	for (size_t i = 0; i < s->ndocs; i++) {
		if (s->docs[i]->colpage != NULL && is_list_page(m, s->docs[i])) {
			check_items(m, s->docs[i], listed);
			mark_undated(m, s->docs[i], undated);
		}
	}
	for (size_t i = 0; i < s->ndocs; i++) {
		const struct sl_doc *d = s->docs[i];
		if (d->colpage == NULL || d->http_status >= 400)
			continue;
		check_page_dates(m, d);
		if (is_list_page(m, d))
			continue;
		check_mismatch(m, d, &listed[i]);
		if (listed[i].set || undated[i] || sl_colmodel_is_article(d))
			check_missing(m, d);
	}
	free(listed);
	free(undated);
}
