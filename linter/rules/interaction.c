/*
 * rules/interaction.c - 互动回应差: interaction/unanswered and
 * interaction/no-channel.
 *
 * A consultation item is a list item (or a letter's own page) showing a
 * status such as 未回复/待回复/处理中 (dictionaries/column-phrases.txt).
 * The census fails a site with a message left unanswered for more than
 * three months; the 2019 indicators also fail a site without any
 * consultation channel.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "colrules.h"
#include "util.h"

#define SL_NO_CHANNEL_MIN_COLUMNS 3

static void
report(struct sl_colmodel *m, const struct sl_doc *d, const struct sl_span *span,
       const char *title, const struct sl_date *date, const char *status, int limit)
{
	char msg[1024], a[SL_DATE_FMT_SIZE];
	snprintf(msg, sizeof msg,
	         SL_TR(m->c->lang, "consultation '%s' of %s is still '%s' after %d days (limit %d)",
	               "留言“%s”（%s）至今仍为“%s”，已 %d 天（上限 %d 天）"),
	         title, sl_colrules_fmt(date, a), status, sl_colrules_age(m, date), limit);
	sl_colrules_emit(m, d, SL_R_INTERACTION_UNANSWERED, span, msg);
}

/* The status phrase number WORD, as the page wrote it. */
static const char *
status_text(const struct sl_colmodel *m, uint8_t word)
{
	if (word < m->w->nphrases[SL_PH_UNANSWERED])
		return m->w->phrases[SL_PH_UNANSWERED][word];
	return sl_tr(m->c->lang, "unanswered", "未回复");
}

/* Unanswered items of the list pages; marks the pages they link. */
static void
check_lists(struct sl_colmodel *m, int limit, bool *done)
{
	const struct sl_site *s = m->c->site;
	for (size_t i = 0; i < s->ndocs; i++) {
		const struct sl_doc *d = s->docs[i];
		if (d->colpage == NULL || (d != m->c->home && sl_colmodel_column_of(m, d) == NULL))
			continue;
		for (size_t k = 0; k < d->colpage->nitems; k++) {
			const struct sl_colitem *it = &d->colpage->items[k];
			struct sl_date date;
			if (it->status != SL_STATUS_UNANSWERED ||
			    !sl_colmodel_item_date(m, d, it, &date))
				continue;
			const struct sl_doc *t = sl_colmodel_resolve(m, d, d->links[it->link]->url);
			size_t ti = t ? sl_colmodel_doc_index(m, t) : SIZE_MAX;
			if (ti != SIZE_MAX)
				done[ti] = true;
			if (sl_colrules_age(m, &date) <= limit)
				continue;
			const char *title = d->links[it->link]->text ? d->links[it->link]->text : "";
			report(m, d, &it->date_span, title, &date, status_text(m, it->status_word), limit);
		}
	}
}

/* Letters whose own page shows them unanswered and that no list showed. */
static void
check_pages(struct sl_colmodel *m, int limit, const bool *done)
{
	const struct sl_site *s = m->c->site;
	for (size_t i = 0; i < s->ndocs; i++) {
		const struct sl_doc *d = s->docs[i];
		const struct sl_colpage *cp = d->colpage;
		if (cp == NULL || done[i] || cp->status != SL_STATUS_UNANSWERED || !cp->has_pub ||
		    !cp->pub.valid || sl_colrules_age(m, &cp->pub) <= limit ||
		    sl_colmodel_column_of(m, d) != NULL || d == m->c->home)
			continue;
		const struct sl_doc_meta *t = sl_doc_meta(d, "ArticleTitle");
		const char *title = t && t->content[0] ? t->content
		                  : cp->heading ? cp->heading : d->title ? d->title : "";
		report(m, d, &cp->pub_span, title, &cp->pub, status_text(m, cp->status_word), limit);
	}
}

static bool
has_channel_text(const struct sl_colwords *w, const char *s)
{
	size_t at, n;
	return s != NULL && sl_colwords_find(w, SL_PH_CHANNEL, s, strlen(s), &at, &n);
}

/* A consultation channel: an interaction column, or a link text, column
 * name or page title naming one. */
static bool
has_channel(const struct sl_colmodel *m)
{
	for (size_t i = 0; i < m->ncols; i++)
		if (m->cols[i].cls == SL_CLASS_INTERACTION || has_channel_text(m->w, m->cols[i].name))
			return true;
	const struct sl_site *s = m->c->site;
	for (size_t i = 0; i < s->ndocs; i++) {
		const struct sl_doc *d = s->docs[i];
		if (!d->is_html)
			continue;
		const struct sl_doc_meta *cn = sl_doc_meta(d, "ColumnName");
		if (has_channel_text(m->w, d->title) || (cn && has_channel_text(m->w, cn->content)))
			return true;
		for (size_t k = 0; k < d->nlinks; k++)
			if (d->links[k]->kind == SL_LINK_A && has_channel_text(m->w, d->links[k]->text))
				return true;
	}
	return false;
}

void
sl_colrules_interaction(struct sl_colmodel *m)
{
	const struct sl_site *s = m->c->site;
	int limit = m->cfg->limits.unanswered_days;
	bool *done = sl_calloc(s->ndocs ? s->ndocs : 1, sizeof *done);
	check_lists(m, limit, done);
	check_pages(m, limit, done);
	free(done);
	const struct sl_doc *home = m->c->home;
	/* A snapshot with fewer columns is a fixture or a partial mirror: it
	 * cannot show that a channel is absent. */
	if (home == NULL || !home->is_html || m->ncols < SL_NO_CHANNEL_MIN_COLUMNS ||
	    has_channel(m))
		return;
	struct sl_span at;
	at.start = (struct sl_pos){ 1, 1, 1, 1 };
	at.end = at.start;
	sl_colrules_emit(m, home, SL_R_INTERACTION_NO_CHANNEL, &at,
	                 sl_tr(m->c->lang,
	                       "no consultation channel anywhere on the site: no column, link or "
	                       "page for 留言, 咨询, 信箱 or 互动",
	                       "全站没有互动交流渠道：没有留言、咨询、信箱或互动类栏目、链接或页面"));
}
