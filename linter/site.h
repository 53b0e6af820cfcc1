/*
 * site.h - the site model: one compact record per member, kept after the
 * member's bytes and its full page analysis are gone.
 *
 * Workers fill a struct sl_doc from each member (analyse.c); the lint
 * driver adds it to the struct sl_site under its lock.  Site rules read
 * the site after the whole snapshot was streamed.  Records are looked up
 * by member path through a hash index.
 */
#ifndef SL_SITE_H
#define SL_SITE_H

#include <stdbool.h>
#include <stdint.h>

#include "decode.h"
#include "diag.h"
#include "page.h"

struct sl_suppress;
struct sl_colpage;
struct sl_landmarks;
struct sl_file_check;
struct sl_forms_facts;
struct sl_strtab;

/* A link as the site rules need it. */
struct sl_linktab;

struct sl_doc_link {
	char *url;                /* as written, entities decoded (owned) */
	char *text;               /* <a> text, or NULL (owned) */
	struct sl_span span;
	unsigned flags : 24;      /* SL_IN_* (8 bits used) */
	unsigned kind : 8;        /* enum sl_link_kind */
	int32_t block;            /* innermost block index, -1 if none */
};                            /* 56 bytes: one is kept per link */

/* A <meta> the government-site rules read (SiteName, PubDate ...). */
struct sl_doc_meta {
	char *name;               /* (owned) */
	char *content;            /* (owned) */
	struct sl_span span;
};

struct sl_doc {
	char *path;               /* member path (owned) */
	uint64_t size;
	int64_t mtime;
	int http_status;          /* WARC status, 0 otherwise */
	char *content_type;       /* WARC Content-Type, or NULL (owned) */
	char *location;           /* WARC redirect target, or NULL (owned) */
	bool is_html;
	bool is_first_html;       /* WARC: first HTML response of the first host */
	bool looks_error;         /* a saved "404 / 无法访问" page */
	bool has_text;            /* any visible text outside <title> */
	unsigned char magic[16];  /* first bytes, for file-type checks */
	size_t magic_len;
	char *title;              /* (owned) or NULL */
	bool has_title_element;
	char *base_href;          /* (owned) or NULL */
	struct sl_doc_meta *metas;  size_t nmetas;
	/* The page's links: as the page analysis made them in LINK_RECS
	 * (strings owned), and once the doc is in a site (sl_site_add) in
	 * LINKS, which points at the site's one copy of each record (the
	 * header, navigation and footer links are the same on every page of
	 * a template, position included) while LINK_RECS is NULL. */
	struct sl_doc_link *link_recs;
	const struct sl_doc_link **links;
	size_t nlinks;
	char **anchors;           /* sorted, unique (owned) */
	size_t nanchors;
	struct sl_suppress *supp; /* inline suppressions, or NULL */
	struct sl_span *directives; /* spans of sitelint-* comments (owned) */
	size_t ndirectives;
	struct sl_diags diags;    /* findings of the page rules */
	struct sl_colpage *colpage; /* list items, dates, own text for the
	                               column and date checks (colpage.h),
	                               or NULL */
	bool interned;            /* set by sl_site_add(): the strings of
	                             links, metas and anchors are the site's
	                             (strtab.h), not the doc's: read-only, and
	                             freed with the site */
	struct sl_landmarks *landmarks; /* identifiers, footer, closure notice
	                                   a page check saw, for the site checks
	                                   (rules/landmarks.h); one plain
	                                   allocation, or NULL */
	struct sl_file_check *file;     /* a download: what its bytes are
	                                   (filecheck.h); one plain
	                                   allocation, or NULL */
	struct sl_forms_facts *forms;   /* what the forms page check saw
	                                   (rules/forms_impl.h); one plain
	                                   allocation, or NULL */
};

void sl_doc_free(struct sl_doc *doc);

/* True when DOC has an id or <a name> equal to NAME. */
bool sl_doc_has_anchor(const struct sl_doc *doc, const char *name);

/* The first meta named NAME (ASCII case-insensitive), or NULL. */
const struct sl_doc_meta *sl_doc_meta(const struct sl_doc *doc, const char *name);

struct sl_site {
	struct sl_doc **docs;     /* sorted by path after sl_site_seal() */
	size_t ndocs, cap;
	size_t *index;            /* open-addressing hash: doc index + 1 */
	size_t index_cap;
	char *host;               /* WARC host, or NULL (owned) */
	struct sl_strtab *strings; /* one copy of the link, meta and anchor
	                              strings of all docs (most are the same
	                              on every page) */
	struct sl_linktab *linktab; /* one copy of each link record */
	int64_t newest_mtime;
	int64_t newest_warc_date;
};

void sl_site_init(struct sl_site *site);
/* Adds DOC (the site takes ownership).  Returns false, and frees DOC,
 * when a doc with the same path exists already.  The URLs and texts of
 * DOC's links, its metas' names and contents and its anchors are then
 * replaced by the site's one copy of each (DOC->interned): they must not
 * be modified or freed after this call.  DOC's link records move to the
 * site's table (DOC->links; DOC->link_recs is freed). */
bool sl_site_add(struct sl_site *site, struct sl_doc *doc);
/* Sorts docs by path so that site rules run in a deterministic order. */
void sl_site_seal(struct sl_site *site);
/* The doc with member path PATH, or NULL. */
struct sl_doc *sl_site_find(const struct sl_site *site, const char *path);

/* The doc a resolved internal link names: PATH itself, or when it names a
 * folder (IS_DIR, or no such member) its index page, in the order of
 * sl_url_candidates().  NULL when none is in the snapshot. */
const struct sl_doc *sl_site_find_link(const struct sl_site *site, const char *path,
                                       bool is_dir);

struct sl_site_hosts;
struct sl_url_ref;

/* Follows WARC redirects (3xx with a Location) from D, at most 5 hops, as
 * long as they stay on the site (HOSTS, ROOT_PREFIX as for
 * sl_url_resolve()).  Returns the last doc reached (which may carry an
 * error status, or be a redirect off the site), or NULL when a hop's
 * target is missing.  SCRATCH is the caller's reusable reference. */
const struct sl_doc *sl_site_follow(const struct sl_site *site, const struct sl_doc *d,
                                    const struct sl_site_hosts *hosts,
                                    const char *root_prefix, struct sl_url_ref *scratch);
void sl_site_free(struct sl_site *site);

#endif
