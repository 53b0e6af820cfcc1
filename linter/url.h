/*
 * url.h - resolving a link the way a browser would, offline.
 *
 * This module owns the meaning of a URL found in a page: which member of
 * the snapshot it names (or that it leaves the site, or is a placeholder,
 * or is not a navigable link at all).  It follows the WHATWG URL parser
 * where it matters for an http(s) page: tabs and newlines are dropped,
 * '\' counts as '/', "//host" and "///host" both name a host, ".." is
 * clamped at the root, "%2e" is a dot.  Resolution is RFC 3986 reference
 * resolution with <base href> honoured.  The path is then percent-decoded
 * as the web server would: a run of escapes that is valid UTF-8 is kept
 * as UTF-8, otherwise it is read as GB18030 (GBK sites link
 * "%D6%D0%CE%C4.doc" for 中文.doc); malformed escapes stay literal.
 * Member paths, as the snapshot reader makes them, are UTF-8 with empty
 * and "." segments removed, so the result uses the same form.
 *
 * It also owns the small parsers that cut URLs out of attribute values:
 * srcset, <meta http-equiv=refresh> content, and CSS.  Extraction from
 * HTML is page.c's job; nothing here fetches anything or allocates.
 */
#ifndef SL_URL_H
#define SL_URL_H

#include <stdbool.h>
#include <stddef.h>

/* Longest URL accepted (bytes); longer ones resolve as SL_URL_INVALID. */
#define SL_URL_MAX        8192
/* Room for a resolved path (page directory + reference, decoded). */
#define SL_URL_PATH_MAX   16384
/* A host name (253) with ":port" and a little slack. */
#define SL_URL_HOST_MAX   263
/* Host names one site may own (SiteDomain, WARC host, folder name...). */
#define SL_SITE_HOSTS_MAX 16

/* The host names that count as the site's own.  Initialize with
 * sl_site_hosts_init() (or zero it).  Fixed size; no cleanup needed. */
struct sl_site_hosts {
	size_t count;
	/* normalized keys: lowercase, no "www.", no trailing dot, no
	 * default port */
	char names[SL_SITE_HOSTS_MAX][SL_URL_HOST_MAX + 1];
};

/* Empties HOSTS. */
void sl_site_hosts_init(struct sl_site_hosts *hosts);

/* Adds NAME to HOSTS.  NAME is a host ("www.x.gov.cn", "X.GOV.CN.",
 * "x.gov.cn:80") or a URL whose host is taken ("http://www.x.gov.cn/").
 * Returns false when NAME has no usable host or HOSTS is full; adding a
 * host already present succeeds and changes nothing. */
bool sl_site_hosts_add(struct sl_site_hosts *hosts, const char *name);

/* Tells whether HOST (a host[:port], or a URL as for sl_site_hosts_add)
 * is one of HOSTS, ignoring ASCII case, a leading "www.", a trailing dot,
 * the default ports :80 and :443 and the scheme.  HOSTS may be NULL
 * (nothing matches). */
bool sl_site_hosts_match(const struct sl_site_hosts *hosts, const char *host);

enum sl_url_kind {
	SL_URL_INTERNAL,      /* a member path of the snapshot */
	SL_URL_EXTERNAL,      /* another host: never fetched */
	SL_URL_SPECIAL,       /* mailto:, tel:, data:, javascript:, ftp: ...:
	                         not checked */
	SL_URL_PLACEHOLDER,   /* "", "#", "javascript:void(0)", "javascript:;"
	                         and their spellings */
	SL_URL_FRAGMENT_ONLY, /* "#id" on the page itself */
	SL_URL_INVALID,       /* no browser could follow it; see reason */
};

/* A resolved reference.  Large (about 33 KiB): callers keep one and reuse
 * it.  All strings are NUL-terminated and owned by the struct; nothing
 * needs freeing. */
struct sl_url_ref {
	enum sl_url_kind kind;
	/* INTERNAL: the URL named a directory (trailing '/', the root, or a
	 * trailing "." or ".."); try the index names (sl_url_candidates). */
	bool is_dir;
	bool has_query;
	bool has_fragment;
	/* SL_URL_INVALID: a short English reason (static storage); else NULL */
	const char *reason;
	/* SPECIAL: the scheme, lowercase ("mailto"); EXTERNAL: "http" or
	 * "https" when written, else ""; otherwise "". */
	char scheme[32];
	/* EXTERNAL: the host, lowercase, with a non-default port
	 * ("old.x.gov.cn", "x.gov.cn:8080"); otherwise "". */
	char host[SL_URL_HOST_MAX + 1];
	/* INTERNAL and FRAGMENT_ONLY: the member path (root_prefix included,
	 * no leading or trailing '/'; "" or the bare prefix for the root).
	 * EXTERNAL: the decoded path on that host without its leading '/',
	 * so that a WARC holding several hosts can look up "host/path".
	 * Otherwise "". */
	char path[SL_URL_PATH_MAX];
	/* the query as written, without '?' */
	char query[SL_URL_MAX + 1];
	/* the fragment without '#', percent-decoded when that gives UTF-8 */
	char fragment[SL_URL_MAX + 1];
};

/* Resolves REF, found in the page whose member path is PAGE_PATH, and
 * stores the outcome in OUT (every field is overwritten).
 *
 * PAGE_PATH is a normalized member path ("xwzx/gzdt/index.html").
 * ROOT_PREFIX (NULL means "") is the part of member paths that stands for
 * the site root: "www.x.gov.cn/" in a WARC or a host-named mirror folder,
 * "" otherwise; "/a.html" and own-host absolute URLs resolve below it.
 * PAGE_PATH must start with ROOT_PREFIX, else ROOT_PREFIX is taken as "".
 * BASE_HREF is the page's <base href> or NULL; one that cannot be used
 * (invalid, special, placeholder) is ignored as a browser ignores it.
 * HOSTS (may be NULL) are the hosts whose absolute URLs are internal.
 * REF is the attribute value as the browser sees it (entities decoded).
 * No allocation; the inputs are only read and must not point into OUT. */
void sl_url_resolve(const char *page_path, const char *base_href,
                    const char *ref, const struct sl_site_hosts *hosts,
                    const char *root_prefix, struct sl_url_ref *out);

/* The names a server tries for a directory, in order, NULL-terminated:
 * index.html index.htm index.shtml default.html default.htm. */
extern const char *const sl_url_index_names[];

/* Called with one member path to try; returns true to stop (found). */
typedef bool (*sl_url_candidate_fn)(void *ctx, const char *member_path);

/* Calls FN with each member path that may serve PATH, in order: PATH
 * itself (unless IS_DIR or PATH is empty), then, when IS_DIR or the last
 * segment of PATH has no '.', PATH + "/" + each index name.  Returns true
 * as soon as FN does, false when every candidate was refused.  PATH is a
 * member path as in struct sl_url_ref (no trailing '/'); a PATH longer
 * than SL_URL_PATH_MAX - 1 is offered as itself only. */
bool sl_url_candidates(const char *path, bool is_dir, sl_url_candidate_fn fn,
                       void *ctx);

/* Finds the next image candidate URL of the srcset value S from *POS (0 to
 * start), as the HTML standard splits srcset: candidates are separated by
 * commas; a URL runs to the next whitespace (so it may contain commas, as
 * data: URLs do) less any trailing commas, and its descriptors run to a
 * comma outside parentheses.  Descriptors are not validated.  On success
 * stores the URL's offset and length in S and advances *POS past the
 * candidate; returns false when there is none left. */
bool sl_url_srcset_next(const char *s, size_t *pos, size_t *url_start,
                        size_t *url_len);

/* Parses the content of <meta http-equiv=refresh> as the HTML standard
 * does ("5; url='x.html'", "0;URL=x.html", "3, x.html").  Returns true and
 * stores the URL's offset and length in CONTENT (quotes and trailing
 * whitespace excluded) when the content is valid and names a non-empty
 * URL; false when it is invalid or refreshes the page itself. */
bool sl_url_refresh_target(const char *content, size_t *start, size_t *len);

/* Finds the next URL in the CSS text CSS (LEN bytes) from *POS (0 to
 * start): url(x), url('x'), url("x") (any case) and @import "x" or
 * @import 'x'; comments and other strings are skipped.  Quotes are
 * excluded from the span; CSS escapes are not undone and empty URLs are
 * skipped.  Stores the offset and length of the URL in CSS, advances *POS
 * past it and returns true; returns false at the end. */
bool sl_url_css_next(const char *css, size_t len, size_t *pos,
                     size_t *url_start, size_t *url_len);

#endif
