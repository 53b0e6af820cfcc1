/*
 * rules/landmarks.c - the per-page record of the government-site rules
 * (see landmarks.h): the page check that notes where the <title>, the
 * footer and the navigation start, and the helpers the rules share.
 */
#include "landmarks.h"

#include <string.h>

#include "config.h"
#include "util.h"

struct sl_landmarks *
sl_landmarks_get(struct sl_doc *doc)
{
	if (doc->landmarks == NULL)
		doc->landmarks = sl_calloc(1, sizeof *doc->landmarks);
	return doc->landmarks;
}

struct sl_span
sl_span_file_start(void)
{
	struct sl_span s;
	s.start = (struct sl_pos){ 1, 1, 1, 1 };
	s.end = s.start;
	return s;
}

struct sl_span
sl_span_or_start(bool has, const struct sl_span *span)
{
	return has ? *span : sl_span_file_start();
}

/* Bytes of the source character at OFF in the decoded text: a whole
 * entity ("&nbsp;", "&#19981;") or one UTF-8 character. */
static size_t
source_char_len(const struct sl_decoded *dec, size_t off)
{
	const char *t = dec->text;
	if (off >= dec->len)
		return 0;
	if (t[off] == '&') {
		for (size_t k = 1; k < 40 && off + k < dec->len; k++) {
			char c = t[off + k];
			if (c == ';')
				return k + 1;
			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			      (c >= '0' && c <= '9') || c == '#'))
				break;
		}
		return 1;
	}
	uint32_t cp;
	return (size_t)sl_utf8_decode((const unsigned char *)t + off, dec->len - off, &cp);
}

struct sl_span
sl_run_span(struct sl_decoded *dec, const struct sl_textrun *r, size_t a, size_t b)
{
	size_t last = b - 1;
	while (last > a && ((unsigned char)r->text[last] & 0xC0) == 0x80)
		last--;
	size_t start = r->src[a], end = r->src[last];
	end += source_char_len(dec, end);
	if (end < start)
		end = start;
	return sl_decoded_span(dec, start, end);
}

/* The span of the start tag's "<name" of block B. */
static struct sl_span
block_span(struct sl_decoded *dec, const struct sl_block *b)
{
	size_t n = strnlen(b->tag, sizeof b->tag);
	return sl_decoded_span(dec, b->start_off, b->start_off + 1 + n);
}

/* The first block with FLAG whose parent lacks it (the outermost). */
static const struct sl_block *
outermost(const struct sl_page *p, uint32_t flag)
{
	for (size_t i = 0; i < p->nblocks; i++) {
		const struct sl_block *b = &p->blocks[i];
		if ((b->flags & flag) &&
		    (b->parent < 0 || !(p->blocks[b->parent].flags & flag)))
			return b;
	}
	return NULL;
}

/* Page check: where the page's title, footer and navigation start. */
void
sl_check_landmarks(struct sl_page_check *c)
{
	struct sl_landmarks *lm = sl_landmarks_get(c->doc);
	lm->title = c->page->title_span;
	const struct sl_block *f = outermost(c->page, SL_IN_FOOTER);
	const struct sl_block *n = outermost(c->page, SL_IN_NAV);
	if (f != NULL) {
		lm->footer = block_span(c->dec, f);
		lm->has_footer = true;
	}
	if (n != NULL) {
		lm->nav = block_span(c->dec, n);
		lm->has_nav = true;
	}
}

size_t
sl_site_html_pages(const struct sl_site *site)
{
	size_t n = 0;
	for (size_t i = 0; i < site->ndocs; i++)
		n += site->docs[i]->is_html;
	return n;
}

void
sl_site_own_hosts(const struct sl_site_check *c, struct sl_site_hosts *hosts)
{
	sl_site_hosts_init(hosts);
	if (c->cfg != NULL)
		for (size_t i = 0; i < c->cfg->ndomains; i++)
			sl_site_hosts_add(hosts, c->cfg->domains[i]);
	const struct sl_doc_meta *m = c->home ? sl_doc_meta(c->home, "SiteDomain") : NULL;
	for (const char *p = m ? m->content : ""; *p;) {
		size_t k = strcspn(p, ",; \t");
		if (k > 0 && k < 256) {
			char h[256];
			memcpy(h, p, k);
			h[k] = '\0';
			sl_site_hosts_add(hosts, h);
		}
		p += k + (p[k] != '\0');
	}
	if (c->site->host != NULL)
		sl_site_hosts_add(hosts, c->site->host);
	size_t n = strlen(c->root_prefix);
	if (n > 1 && memchr(c->root_prefix, '.', n) != NULL && n < 256) {
		char h[256];
		memcpy(h, c->root_prefix, n - 1);
		h[n - 1] = '\0';
		sl_site_hosts_add(hosts, h);
	}
}

/* HOST (maybe "host:port", any case, LEN bytes) is gov.cn or under it. */
static bool
under_gov_cn(const char *host, size_t len)
{
	size_t n = 0;
	while (n < len && host[n] != ':' && host[n] != '/')
		n++;
	while (n > 0 && host[n - 1] == '.')
		n--;
	return (n == 6 && sl_ascii_nieq(host, "gov.cn", 6)) ||
	       (n > 7 && sl_ascii_nieq(host + n - 7, ".gov.cn", 7));
}

static bool
hosts_under_gov_cn(const struct sl_site_check *c)
{
	if (c->cfg != NULL)
		for (size_t i = 0; i < c->cfg->ndomains; i++)
			if (under_gov_cn(c->cfg->domains[i], strlen(c->cfg->domains[i])))
				return true;
	if (c->site->host != NULL && under_gov_cn(c->site->host, strlen(c->site->host)))
		return true;
	if (c->root_prefix[0] != '\0' && under_gov_cn(c->root_prefix, strlen(c->root_prefix)))
		return true;
	const struct sl_doc_meta *m = c->home ? sl_doc_meta(c->home, "SiteDomain") : NULL;
	for (const char *p = m ? m->content : ""; *p;) {
		size_t k = strcspn(p, ",;， \t");
		if (k > 0 && under_gov_cn(p, k))
			return true;
		p += k + (p[k] != '\0');
	}
	return false;
}

bool
sl_site_is_government(const struct sl_site_check *c)
{
	if (c->cfg != NULL && c->cfg->profile_set)
		return true;
	if (c->home == NULL || !c->home->is_html || sl_site_html_pages(c->site) < 2)
		return false;
	if (hosts_under_gov_cn(c))
		return true;
	static const char *const metas[] = { "SiteName", "SiteDomain", "SiteIDCode" };
	for (size_t i = 0; i < sizeof metas / sizeof metas[0]; i++) {
		const struct sl_doc_meta *m = sl_doc_meta(c->home, metas[i]);
		if (m != NULL && m->content[0] != '\0')
			return true;
	}
	const struct sl_landmarks *lm = c->home->landmarks;
	return lm != NULL && (lm->ident[SL_IDENT_SITECODE].found ||
	                      lm->ident[SL_IDENT_CONAC].found);
}

bool
sl_site_judge_home(const struct sl_site_check *c)
{
	return c->home != NULL && c->home->is_html && sl_site_html_pages(c->site) >= 2 &&
	       sl_site_is_government(c);
}
