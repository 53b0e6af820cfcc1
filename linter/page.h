/*
 * page.h - the record of one analysed page.
 *
 * sl_page_analyse() runs libxml2's HTML parser once over a decoded page
 * (SAX, no tree is built) and fills a struct sl_page in the same single
 * walk: title, meta tags, links with the span of their attribute value,
 * ids and anchor names, the block structure (li, tr, dd, p, div, nav,
 * header, footer, ...), the visible text runs with the source offset of
 * every byte, comments (for inline suppressions) and inline scripts.
 *
 * Rules read the record; they never parse again.  The record refers to
 * the decoded text by offsets, so positions are resolved through the
 * same struct sl_decoded (see decode.h) while it is alive; the parts of
 * the record that outlive the page (links, ids, meta, title) carry
 * resolved spans.
 *
 * Every growing list is capped (SL_PAGE_MAX_*); hitting a cap sets a flag
 * in page->truncated so the caller can report it.
 */
#ifndef SL_PAGE_H
#define SL_PAGE_H

#include <stdbool.h>
#include <stdint.h>

#include "decode.h"
#include "util.h"

#define SL_PAGE_MAX_DEPTH   4096     /* element stack kept (deeper ones are
                                        treated as their depth-4096 parent) */
#define SL_PAGE_MAX_LINKS   20000
#define SL_PAGE_MAX_IDS     50000
#define SL_PAGE_MAX_BLOCKS  100000
#define SL_PAGE_MAX_TEXT    (8u << 20)  /* bytes of visible text kept */
#define SL_PAGE_MAX_SCRIPT  (256u << 10)

/* Where a link came from. */
enum sl_link_kind {
	SL_LINK_A,          /* <a href>, <area href> */
	SL_LINK_IMG,        /* <img src>, <input type=image src> */
	SL_LINK_SRCSET,     /* one candidate of srcset (img, source) */
	SL_LINK_LINK,       /* <link href> (stylesheet, icon, ...) */
	SL_LINK_SCRIPT,     /* <script src> */
	SL_LINK_FRAME,      /* <iframe src>, <frame src>, <embed src>, <object data> */
	SL_LINK_MEDIA,      /* <video src>, <audio src>, <source src>, <track src>, poster */
	SL_LINK_FORM,       /* <form action> */
	SL_LINK_REFRESH,    /* <meta http-equiv=refresh content="0;url=..."> */
	SL_LINK_CSS,        /* url(...) in a style attribute or <style> */
};

/* Context flags of a link or a block, from its ancestors. */
enum {
	SL_IN_NAV     = 1u << 0,   /* inside <nav>, or a block whose id/class
	                              says nav/menu/daohang */
	SL_IN_HEADER  = 1u << 1,   /* <header>, id/class header/top/banner */
	SL_IN_FOOTER  = 1u << 2,   /* <footer>, id/class footer/bottom/foot */
	SL_IN_LIST    = 1u << 3,   /* inside li, dd, dt or tr */
	SL_IN_HEAD    = 1u << 4,   /* inside <head> */
	SL_IN_TITLE   = 1u << 5,   /* text of <title> */
	SL_FROM_ALT   = 1u << 6,   /* text from an alt or title attribute */
	SL_IN_CODE    = 1u << 7,   /* inside pre, code, samp, kbd or tt: text
	                              quoted as written, not prose */
};

struct sl_link {
	enum sl_link_kind kind;
	char *url;              /* the attribute value as the browser sees it:
	                           entities decoded, leading/trailing whitespace
	                           removed (owned) */
	char *text;             /* <a>: its text content, whitespace collapsed,
	                           at most 256 bytes; else NULL (owned) */
	char *rel;              /* rel attribute or NULL (owned) */
	struct sl_span span;    /* the attribute value (quotes excluded); for
	                           CSS url() the URL inside the parentheses */
	uint32_t value_off;     /* TEXT offset of the value's start */
	int32_t block;          /* innermost block (index into blocks), or -1 */
	uint32_t flags;         /* SL_IN_* */
};

struct sl_meta {
	char *name;             /* name, or http-equiv, or "charset"; lowercase
	                           ASCII kept as written otherwise (owned) */
	char *content;          /* content (or charset value) (owned) */
	bool http_equiv;
	struct sl_span span;    /* the whole <meta ...> tag */
	struct sl_span content_span;  /* the content value, quotes excluded */
};

struct sl_anchor {
	char *name;             /* value of id=, or of <a name=> (owned) */
	struct sl_span span;
};

/* Block-level elements that group content: used to tell list items,
 * navigation and the shared template apart. */
struct sl_block {
	char tag[12];           /* lowercase element name ("li", "tr", "div" ...) */
	int32_t parent;         /* enclosing block, or -1 */
	uint32_t flags;         /* SL_IN_* inherited from ancestors */
	char *id_class;         /* "id class" attribute values, or NULL (owned) */
	uint32_t start_off, end_off;  /* TEXT offsets of the start tag's '<' and
	                                 the end of the element */
};

/* A run of visible text: the text of consecutive inline content between
 * two block boundaries, entities decoded.  src[i] is the TEXT offset of
 * the source character that produced byte i of TEXT (for an entity, every
 * byte of its expansion maps to its '&'); src[len] is the offset just
 * after the last source character, so [src[a], src[b]) spans bytes a..b. */
struct sl_textrun {
	char *text;             /* owned, NUL-terminated */
	uint32_t len;
	uint32_t *src;          /* len + 1 entries (owned) */
	int32_t block;          /* innermost block, or -1 */
	uint32_t flags;         /* SL_IN_*, SL_IN_TITLE, SL_FROM_ALT */
};

struct sl_comment {
	char *text;             /* the comment's content, without <!-- --> */
	struct sl_span span;    /* the whole comment */
	uint32_t off;           /* TEXT offset of "<!--" */
};

struct sl_page_block;

struct sl_page {
	char *title;            /* whitespace-collapsed <title> text, or NULL
	                           when there is no <title> element (owned) */
	struct sl_span title_span;   /* the <title> start tag, or 1:1 if none */
	bool has_title_element;
	char *base_href;        /* <base href>, or NULL */
	char *lang;             /* <html lang>, or NULL */
	char *h1;               /* text of the first <h1>, or NULL */

	struct sl_meta *metas;       size_t nmetas;
	struct sl_link *links;       size_t nlinks;
	struct sl_anchor *anchors;   size_t nanchors;
	struct sl_block *blocks;     size_t nblocks;
	struct sl_textrun *runs;     size_t nruns;
	struct sl_page_block *text_blocks; /* where the runs' text and src
	                                      live (page_text.c; owned) */
	struct sl_comment *comments; size_t ncomments;
	char *scripts;          /* inline <script> bodies joined by '\n', capped
	                           at SL_PAGE_MAX_SCRIPT (owned) */
	size_t scripts_len;

	uint32_t elements;      /* elements seen */
	uint32_t max_depth;     /* deepest nesting seen */
	unsigned truncated;     /* which caps were hit: SL_PAGE_CAP_* bits */
	bool is_html;           /* false when the bytes did not look like HTML */
};

enum {
	SL_PAGE_CAP_DEPTH  = 1u << 0,
	SL_PAGE_CAP_LINKS  = 1u << 1,
	SL_PAGE_CAP_IDS    = 1u << 2,
	SL_PAGE_CAP_BLOCKS = 1u << 3,
	SL_PAGE_CAP_TEXT   = 1u << 4,
	SL_PAGE_CAP_SCRIPT = 1u << 5,
	SL_PAGE_CAP_RUNS   = 1u << 6,
	SL_PAGE_CAP_COMMENTS = 1u << 7,
	SL_PAGE_CAP_METAS  = 1u << 8,
};

/* Analyses the decoded page D (whose cursor it moves) into *PAGE, which
 * the caller releases with sl_page_free().  Never fails on bad HTML: a
 * page libxml2 cannot make sense of yields a record with what it could
 * read. */
void sl_page_analyse(struct sl_decoded *d, struct sl_page *page);

/* Returns the content of the first <meta name=NAME> (ASCII
 * case-insensitive), or NULL.  Borrowed from PAGE. */
const struct sl_meta *sl_page_meta(const struct sl_page *page, const char *name);

/* Frees the text runs, comments and scripts only (what page-level rules
 * need and the site model does not). */
void sl_page_free_text(struct sl_page *page);

void sl_page_free(struct sl_page *page);

#endif
