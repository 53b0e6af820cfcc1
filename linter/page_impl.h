/*
 * page_impl.h - private to the page analyser (linter/page*.c).
 *
 * One sl_page_analyse() call keeps its whole state in a struct
 * sl_page_state: the SAX callbacks (page.c) drive it, the element table
 * says what each element means (page_elem.c), the source mapping finds
 * where libxml2's events came from (page_map.c), the attribute records
 * turn start tags into links, metas and anchors (page_attr.c) and the
 * text builders collect runs, titles and link texts (page_text.c).
 *
 * Offsets are byte offsets into the parsed text (the decoded page, or a
 * same-length copy with invalid UTF-8 bytes replaced, see page_map.c).
 */
#ifndef SL_PAGE_IMPL_H
#define SL_PAGE_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "page.h"
#include "util.h"

/* Caps the public header has no macro for: hitting them sets the bit
 * named beside them. */
#define SL_PAGE_MAX_RUNS      200000   /* SL_PAGE_CAP_RUNS */
#define SL_PAGE_MAX_COMMENTS  50000    /* SL_PAGE_CAP_COMMENTS */
#define SL_PAGE_MAX_METAS     4096     /* SL_PAGE_CAP_METAS */
#define SL_PAGE_MAX_ATTRS     64       /* raw attributes located per tag */
#define SL_PAGE_LINK_TEXT     256      /* bytes of <a> text kept */
#define SL_PAGE_TITLE_TEXT    4096     /* bytes of <title> text kept */
#define SL_PAGE_H1_TEXT       1024     /* bytes of <h1> text kept */
#define SL_PAGE_ID_CLASS      256      /* bytes of a block's "id class" */

/* What an element means to the record (struct sl_page_elem.kind). */
enum {
	SL_EL_BLOCK  = 1u << 0,   /* recorded in page->blocks */
	SL_EL_SPLIT  = 1u << 1,   /* ends the current text run (as blocks do) */
	SL_EL_HIDDEN = 1u << 2,   /* its content is not visible text */
};

/* Elements the analyser acts on by name. */
enum sl_page_tag {
	SL_T_OTHER, SL_T_A, SL_T_AREA, SL_T_AUDIO, SL_T_BASE, SL_T_BODY,
	SL_T_EMBED, SL_T_FORM, SL_T_FRAME, SL_T_H1, SL_T_HEAD, SL_T_HTML,
	SL_T_IFRAME, SL_T_IMG, SL_T_INPUT, SL_T_LINK, SL_T_META, SL_T_OBJECT,
	SL_T_SCRIPT, SL_T_SOURCE, SL_T_STYLE, SL_T_TABLE, SL_T_TD, SL_T_TH,
	SL_T_TITLE, SL_T_TR, SL_T_TRACK, SL_T_VIDEO,
};

struct sl_page_elem {
	const char *name;
	uint8_t tag;              /* enum sl_page_tag */
	uint8_t kind;             /* SL_EL_* */
	uint16_t flags;           /* SL_IN_* the element itself sets */
};

/* An open element kept on the stack (the first SL_PAGE_MAX_DEPTH). */
struct sl_page_frame {
	uint8_t tag;
	uint8_t kind;
	bool own_block;           /* it opened page->blocks[block] */
	int32_t block;            /* innermost block inside it, or -1 */
	uint32_t flags;           /* SL_IN_* in force inside it */
};

/* One attribute located in the raw text of a start tag. */
struct sl_page_attr {
	uint32_t name_off, name_len;
	uint32_t val_off, val_end;   /* quotes excluded; empty when no value */
};

/* A capped, whitespace-collapsing text collector (title, h1, <a>). */
struct sl_collapse {
	char *buf;
	size_t len, limit;
	bool space;               /* a space is pending before the next char */
	bool active;              /* collecting */
	bool full;                /* LIMIT reached: later text is ignored */
};

/* The text run being built. */
struct sl_page_run {
	char *text;
	uint32_t *src;
	size_t len, cap;
	uint32_t end;             /* source offset after the last byte */
	int32_t block;
	uint32_t flags;
};

/* Per-window cache for locating end tags (see page.c). */
struct sl_page_window {
	size_t from, to;
	size_t first_lt;          /* first '<' in [from, to), or SIZE_MAX */
	size_t last_etag;         /* last "</" in [from, to), or SIZE_MAX */
};

struct sl_page_state {
	struct sl_decoded *d;
	struct sl_page *page;
	const char *t;            /* the parsed text */
	size_t len;
	void *ctxt;               /* htmlParserCtxtPtr */
	size_t last;              /* source offset after the previous event */
	struct sl_page_window win;

	struct sl_page_frame *stack;
	size_t stack_cap;
	size_t depth;             /* open elements, including those not kept */

	size_t cap_links, cap_metas, cap_anchors, cap_blocks, cap_runs,
	       cap_comments;      /* allocated entries of each page list */

	struct sl_page_run run;
	size_t text_total;        /* bytes of text kept in runs */
	bool text_full;           /* SL_PAGE_MAX_TEXT reached */
	uint32_t *map;            /* scratch: source offset of each chunk byte */
	size_t map_cap;

	int hidden;               /* open hidden elements (kept frames) */
	int in_title;             /* open <title> elements (kept frames) */
	uint8_t raw;              /* SL_T_SCRIPT or SL_T_STYLE while inside */
	size_t style_start;       /* source offset of a <style> body */
	struct sl_buf scripts;

	int32_t alink;            /* link of the open <a>, or -1 */
	char *alink_alt;          /* first img alt inside it (fallback text) */
	struct sl_collapse atext, title, h1;
	bool h1_done;             /* the first <h1> was read */

	struct sl_page_attr attrs[SL_PAGE_MAX_ATTRS];
	size_t nattrs;
};

/* page_elem.c */

/* Returns the table entry of the lowercase element NAME; unknown names
 * get a shared inline entry.  Never NULL. */
const struct sl_page_elem *sl_page_elem_find(const char *name);

/* Returns the SL_IN_NAV / SL_IN_HEADER / SL_IN_FOOTER bits the tokens of
 * an id or class value VALUE (may be NULL) stand for. */
uint32_t sl_page_elem_classify(const char *value);

/* page_map.c */

/* Returns NULL when T (LEN bytes) is valid UTF-8, else a copy of the same
 * length with every invalid byte replaced by '?' (so libxml2 never
 * switches encodings mid-parse and offsets stay those of T).  The caller
 * frees the copy. */
char *sl_page_map_sanitize(const char *t, size_t len);

/* Reads the character reference at T[POS] == '&' as libxml2 2.9.14 does.
 * Returns its source length, 0 when libxml2 keeps the '&' as a literal;
 * OUT (4 bytes) gets its UTF-8 expansion and *OUTLEN its length, which
 * is 0 for a reference libxml2 drops (an invalid code point). */
size_t sl_page_map_ref(const char *t, size_t len, size_t pos, char *out,
                       size_t *outlen);

/* Maps the N decoded bytes CH of a text event that libxml2 reported at
 * parser position CUR, the previous event having ended at LAST.  Fills
 * SRC[0..N) (if SRC is not NULL) with the source offset of each byte and
 * returns the offset just after the chunk's source.  Never reads outside
 * T[0..LEN]; when the source cannot be aligned the offsets are a best
 * effort. */
size_t sl_page_map_chunk(const char *t, size_t len, size_t last, size_t cur,
                         const char *ch, size_t n, uint32_t *src);

/* Maps the decoded attribute value CH (N bytes) onto its raw source
 * T[FROM..TO) the same way; fills SRC[0..N). */
void sl_page_map_value(const char *t, size_t from, size_t to, const char *ch,
                       size_t n, uint32_t *src);

/* Returns the offset of the first "<NAME" (ASCII case-insensitive, NAME
 * lowercase) in T[FROM..TO) that is followed by a character that cannot
 * continue a tag name, or SIZE_MAX. */
size_t sl_page_map_find_tag(const char *t, size_t len, size_t from, size_t to,
                            const char *name);

/* Returns the offset of the first occurrence of LIT (N bytes) in
 * T[FROM..TO), or SIZE_MAX. */
size_t sl_page_map_find(const char *t, size_t from, size_t to, const char *lit,
                        size_t n);

/* True if T[AT..] holds "NAME" (ASCII case-insensitive) followed by a
 * character that cannot continue a tag name (or the end of T). */
bool sl_page_map_name_at(const char *t, size_t len, size_t at,
                         const char *name);

/* Returns the length of the UTF-8 character at T[POS] (1 for a stray
 * byte, 0 at LEN). */
size_t sl_page_map_charlen(const char *t, size_t len, size_t pos);

/* page_attr.c */

/* Locates the attributes of the raw start tag T[FROM..TO) (FROM just
 * after the element name) into ST->attrs. */
void sl_page_attr_scan(struct sl_page_state *st, size_t from, size_t to);

/* Records what the start tag of element EL with libxml2's attribute list
 * ATTS (name, value pairs; may be NULL) contributes: links, metas,
 * anchors, base, lang, alt and title runs.  LT is the tag's '<' and END
 * the offset after its '>' (ST->attrs must describe this tag).  Returns
 * the index of the <a>/<area> link created, or -1. */
int32_t sl_page_attr_record(struct sl_page_state *st,
                            const struct sl_page_elem *el,
                            const char **atts, size_t lt, size_t end);

/* Returns libxml2's value of attribute NAME in ATTS, or NULL. */
const char *sl_page_attr_get(const char **atts, const char *name);

/* Records the url(...) references of the raw CSS in T[FROM..TO) as
 * SL_LINK_CSS links. */
void sl_page_attr_css_raw(struct sl_page_state *st, size_t from, size_t to);

/* Appends a link; returns its index or -1 when the cap is hit.  URL
 * (VN bytes) is trimmed of ASCII whitespace and copied. */
int32_t sl_page_attr_link(struct sl_page_state *st, enum sl_link_kind kind,
                          const char *url, size_t vn, size_t from, size_t to);

/* page_text.c */

/* Appends a visible text chunk CH (N bytes, source map SRC, source end
 * END) to the current run, title, h1 and link text as they are open. */
void sl_page_text_add(struct sl_page_state *st, const char *ch, size_t n,
                      const uint32_t *src, uint32_t end);

/* Ends the current run: keeps it if it holds more than whitespace. */
void sl_page_text_flush(struct sl_page_state *st);
/* Frees the blocks that hold the text and offsets of PG's runs. */
void sl_page_text_blocks_free(struct sl_page *pg);

/* Records a run of its own (alt or title attribute) with FLAGS. */
void sl_page_text_attr_run(struct sl_page_state *st, const char *ch, size_t n,
                           const uint32_t *src, uint32_t end, uint32_t flags);

/* Appends script body bytes to page->scripts (capped). */
void sl_page_text_script(struct sl_page_state *st, const char *ch, size_t n);

void sl_page_collapse_start(struct sl_collapse *c, size_t limit);
void sl_page_collapse_add(struct sl_collapse *c, const char *s, size_t n);
/* Returns the collected text (owned by the caller) and stops collecting. */
char *sl_page_collapse_take(struct sl_collapse *c);
void sl_page_collapse_free(struct sl_collapse *c);

/* Returns the block and flags in force at the top of the stack. */
int32_t sl_page_cur_block(const struct sl_page_state *st);
uint32_t sl_page_cur_flags(const struct sl_page_state *st);

/* Grows *ARR (of element size SIZE) so that index N fits; *CAP is its
 * allocated count.  Oversizes by half to keep appends amortized linear. */
void sl_page_grow(void **arr, size_t *cap, size_t n, size_t size);

#endif
