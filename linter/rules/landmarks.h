/*
 * rules/landmarks.h - what the page checks of the government-site rules
 * record on every page for the site checks, and the helpers they share.
 *
 * Which page is the home page is known only after the whole snapshot was
 * streamed, while a page's text lives only during its page checks.  So
 * the page checks record on every HTML page, compactly and with exact
 * spans, what the site checks may need of the home page: its footer
 * identifiers (identity.c), whether it carries a closure notice
 * (closure.c), and where its <title>, footer and navigation start
 * (landmarks.c).  The record is one plain allocation (struct sl_doc's
 * landmarks; sl_doc_free frees it).
 */
#ifndef SL_RULES_LANDMARKS_H
#define SL_RULES_LANDMARKS_H

#include <stdbool.h>
#include <stdint.h>

#include "decode.h"
#include "identifiers.h"
#include "page.h"
#include "rules.h"
#include "site.h"
#include "url.h"

#define SL_LANDMARK_TEXT_MAX 48   /* bytes of an identifier kept, NUL included */

/* The best identifier of one kind found on a page: the first well-formed
 * one, else the first one. */
struct sl_ident_seen {
	bool found;
	bool well_formed;
	struct sl_span span;
	char text[SL_LANDMARK_TEXT_MAX];   /* as written, cut at a character */
};

enum sl_closure_seen {
	SL_CLOSURE_NONE,        /* no closure phrase */
	SL_CLOSURE_NO_TARGET,   /* a phrase, but no address or link near it */
	SL_CLOSURE_FULL,        /* a phrase and where the content went */
};

struct sl_landmarks {
	struct sl_ident_seen ident[SL_IDENT_COUNT];
	struct sl_span title;        /* the <title> start tag, or 1:1 */
	struct sl_span footer;       /* "<div" of the outermost footer block */
	struct sl_span nav;          /* "<ul" of the outermost navigation block */
	bool has_footer, has_nav;
	uint8_t closure;             /* enum sl_closure_seen */
	struct sl_span closure_span; /* the phrase */
};

/* DOC's record, allocated (zeroed) on first use. */
struct sl_landmarks *sl_landmarks_get(struct sl_doc *doc);

/* Line 1, column 1, empty. */
struct sl_span sl_span_file_start(void);

/* The exact source span of bytes [A, B) of run R's text (A < B): from
 * the first character's source to the end of the last one's (an entity
 * included whole), never over a tag that follows. */
struct sl_span sl_run_span(struct sl_decoded *dec, const struct sl_textrun *r,
                           size_t a, size_t b);

/* True when the site declares or shows itself as a government site, so
 * that the rules of the 政府网站 norms apply: the configuration names
 * its profile; or one of its hosts (config domain, SiteDomain meta, WARC
 * host, host-named root folder) is under gov.cn; or the home page
 * carries a SiteName, SiteDomain or SiteIDCode meta, a 网站标识码 or the
 * 党政机关网站标识.  A snapshot of a single page is judged only by its
 * configuration. */
bool sl_site_is_government(const struct sl_site_check *c);

/* True when the home page is to be judged as a government site's home
 * page: the site is one (above), it has a home page, and more than one
 * HTML page (a page linted on its own is not a site's home page). */
bool sl_site_judge_home(const struct sl_site_check *c);

/* Fills HOSTS with the site's own hosts, as links/broken counts them:
 * the configured domains, the home page's SiteDomain, the WARC host and a
 * host-named root folder. */
void sl_site_own_hosts(const struct sl_site_check *c, struct sl_site_hosts *hosts);

/* The HTML pages of the site. */
size_t sl_site_html_pages(const struct sl_site *site);

/* Where a finding about the home page as a whole goes: SPAN when HAS,
 * else 1:1. */
struct sl_span sl_span_or_start(bool has, const struct sl_span *span);

#endif
