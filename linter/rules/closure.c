/*
 * rules/closure.c - site/closure-notice: a site configured as closing
 * (`status = closing`) must say on its home page that it closes and where
 * its content moved.
 *
 * The page check looks on every page for a text holding a closure phrase
 * (dictionaries/closure-phrases.txt) and for where the content went: an
 * address in that text (http://, https://, www.), or a link inside the
 * text's block or the block around it (not <body> itself).  The site check reads what the
 * home page had.  The phrases are found in one pass over a run by an
 * automaton (colwords.h), built once per phrase list and kept for the
 * process.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "colwords.h"
#include "config.h"
#include "landmarks.h"
#include "sitedata.h"
#include "util.h"

#define MAX_AUTOMATA 8   /* phrase lists kept; more are searched one by one */

/* The automata built so far, each with a copy of its phrase list.  They
 * live as long as the process: a thread may be scanning with one. */
static struct built {
	char **phrases;
	size_t n;
	struct sl_phrase_ac *ac;
} built[MAX_AUTOMATA];
static size_t nbuilt;
static pthread_mutex_t built_lock = PTHREAD_MUTEX_INITIALIZER;

static bool
same_list(const struct built *b, const char *const *phrases, size_t n)
{
	if (b->n != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (strcmp(b->phrases[i], phrases[i]) != 0)
			return false;
	return true;
}

/* The automaton of the N PHRASES, or NULL (search them one by one). */
static const struct sl_phrase_ac *
automaton(const char *const *phrases, size_t n)
{
	const struct sl_phrase_ac *ac = NULL;
	pthread_mutex_lock(&built_lock);
	for (size_t i = 0; i < nbuilt; i++) {
		if (same_list(&built[i], phrases, n)) {
			ac = built[i].ac;
			goto out;
		}
	}
	if (nbuilt == MAX_AUTOMATA)
		goto out;
	struct built *b = &built[nbuilt++];
	b->phrases = sl_malloc((n ? n : 1) * sizeof *b->phrases);
	for (size_t i = 0; i < n; i++)
		b->phrases[i] = sl_strdup(phrases[i]);
	b->n = n;
	b->ac = n ? sl_phrase_ac_new(phrases, n) : NULL;
	ac = b->ac;
out:
	pthread_mutex_unlock(&built_lock);
	return ac;
}

bool
sl_check_phrase_runs(const struct sl_page *p, const struct sl_lint_opts *opts, uint8_t *maybe)
{
	size_t nc;
	const char *const *closure = sl_sitedata_closure_phrases(opts->sitedata, &nc);
	const struct sl_colwords *w = sl_colwords_get();
	size_t ne = w->nphrases[SL_PH_EXEMPT], np = w->nphrases[SL_PH_PLACEHOLDER];
	const char **all = sl_malloc((nc + ne + np + 1) * sizeof *all);
	size_t n = 0;
	for (size_t i = 0; i < nc; i++)
		all[n++] = closure[i];
	for (size_t i = 0; i < ne; i++)
		all[n++] = w->phrases[SL_PH_EXEMPT][i];
	for (size_t i = 0; i < np; i++)
		all[n++] = w->phrases[SL_PH_PLACEHOLDER][i];
	const struct sl_phrase_ac *ac = n ? automaton(all, n) : NULL;
	free(all);
	if (ac == NULL)
		return n == 0 ? (memset(maybe, 0, p->nruns), true) : false;
	for (size_t i = 0; i < p->nruns; i++) {
		struct sl_phrase_match m;
		maybe[i] = sl_phrase_ac_find(ac, p->runs[i].text, p->runs[i].len, false, &m);
	}
	return true;
}

/* The earliest closure phrase in R (the first listed of those starting
 * there): its byte offset in *AT and length in *LEN.  Returns false when
 * there is none. */
static bool
find_phrase(const struct sl_textrun *r, const struct sl_phrase_ac *ac,
            const char *const *phrases, size_t n, size_t *at, size_t *len)
{
	if (ac != NULL) {
		struct sl_phrase_match m;
		if (!sl_phrase_ac_find(ac, r->text, strlen(r->text), false, &m))
			return false;
		*at = m.at;
		*len = m.len;
		return true;
	}
	const char *best = NULL;
	for (size_t i = 0; i < n; i++) {
		const char *p = strstr(r->text, phrases[i]);
		if (p != NULL && (best == NULL || p < best)) {
			best = p;
			*len = strlen(phrases[i]);
		}
	}
	if (best != NULL)
		*at = (size_t)(best - r->text);
	return best != NULL;
}

static bool
goes_somewhere(const char *url)
{
	while (*url == ' ' || *url == '\t' || *url == '\n' || *url == '\r')
		url++;
	return url[0] != '\0' && strcmp(url, "#") != 0 && !sl_ascii_istarts(url, "javascript:");
}

/* True when the text R, or a link near it, says where the content went. */
static bool
names_target(const struct sl_page *p, const struct sl_textrun *r)
{
	if (strstr(r->text, "http://") || strstr(r->text, "https://") || strstr(r->text, "www."))
		return true;
	/* The text's block, or the one around it (a notice <div> holding a
	 * <p> of text and a <p> with the link), but never the whole page. */
	int32_t box = r->block;
	if (box >= 0 && p->blocks[box].parent >= 0) {
		const char *tag = p->blocks[p->blocks[box].parent].tag;
		if (strcmp(tag, "body") != 0 && strcmp(tag, "html") != 0)
			box = p->blocks[box].parent;
	}
	for (size_t i = 0; i < p->nlinks; i++) {
		const struct sl_link *l = &p->links[i];
		if (l->kind != SL_LINK_A || l->url == NULL || !goes_somewhere(l->url))
			continue;
		if (box < 0 || (l->value_off >= p->blocks[box].start_off &&
		                l->value_off < p->blocks[box].end_off))
			return true;
	}
	return false;
}

/* Page check: a closure notice on this page, and whether it is complete. */
void
sl_check_closure_scan(struct sl_page_check *c)
{
	size_t n;
	const char *const *phrases = sl_sitedata_closure_phrases(c->opts->sitedata, &n);
	const struct sl_phrase_ac *ac = automaton(phrases, n);
	struct sl_landmarks *lm = sl_landmarks_get(c->doc);
	for (size_t i = 0; i < c->page->nruns && lm->closure != SL_CLOSURE_FULL; i++) {
		const struct sl_textrun *r = &c->page->runs[i];
		size_t at, len;
		if ((r->flags & (SL_IN_TITLE | SL_FROM_ALT)) ||
		    (c->maybe_phrase != NULL && !c->maybe_phrase[i]) ||
		    !find_phrase(r, ac, phrases, n, &at, &len))
			continue;
		enum sl_closure_seen seen = names_target(c->page, r) ? SL_CLOSURE_FULL
		                                                     : SL_CLOSURE_NO_TARGET;
		if (seen > lm->closure) {
			lm->closure = (uint8_t)seen;
			lm->closure_span = sl_run_span(c->dec, r, at, at + len);
		}
	}
}

/* Site check: a closing site's home page carries the notice. */
void
sl_check_site_closure(struct sl_site_check *c)
{
	if (c->cfg == NULL || c->cfg->status != SL_SITE_CLOSING || c->home == NULL ||
	    !c->home->is_html)
		return;
	struct sl_emit e = { c->out, c->lang, c->home->path, NULL, false };
	const struct sl_landmarks *lm = c->home->landmarks;
	if (lm != NULL && lm->closure == SL_CLOSURE_FULL)
		return;
	if (lm != NULL && lm->closure == SL_CLOSURE_NO_TARGET) {
		SL_EMIT(&e, SL_R_SITE_CLOSURE_NOTICE, &lm->closure_span, NULL,
		        sl_tr(c->lang, "the closure notice does not say where the content moved: "
		                       "give the new address or link to it",
		              "关停公告没有说明内容迁往何处：请写明新网址或加上链接"));
		return;
	}
	struct sl_span s = sl_span_file_start();
	SL_EMIT(&e, SL_R_SITE_CLOSURE_NOTICE, &s, NULL,
	        sl_tr(c->lang, "the site is closing (status = closing) but its home page carries "
	                       "no closure notice (关停公告) saying where the content moved",
	              "网站正在关停（status = closing），但首页没有说明内容迁往何处的关停公告"));
}
