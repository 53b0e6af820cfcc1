/*
 * colpage.h - what the column, date and interaction checks keep of one
 * page: its dated list items, its visible publication date, a status
 * (未回复 ...) and fingerprints of its own text.
 *
 * sl_colpage_extract() runs in a worker while the page's decoded text and
 * full analysis are alive; the result is a compact record kept in the
 * page's struct sl_doc (doc->colpage) after the page is freed.  Dates
 * are kept as written ([03-24] has no year yet): they are judged against
 * the as-of date, which is only known after the whole snapshot was read
 * (columns.h, rules/columns.c, rules/datecheck.c, rules/interaction.c).
 *
 * A list item is a link with a date in the same list element: the
 * nearest li, tr, dd, dt, p or div around the link (a td counts as its
 * tr) that holds at most SL_COLPAGE_ITEM_LINKS links and
 * SL_COLPAGE_ITEM_DATES dates; when that element has no date, its
 * parent is tried as long as it holds no other link.  Of several dates
 * in one item, one labelled (inline, by the previous cell, or by the
 * table's header cell) as another kind of date (成文日期, 回复时间) is
 * skipped, so the item's date is its publication date.
 */
#ifndef SL_COLPAGE_H
#define SL_COLPAGE_H

#include <stdbool.h>
#include <stdint.h>

#include "colwords.h"
#include "dates.h"
#include "decode.h"
#include "page.h"

#define SL_COLPAGE_MAX_ITEMS     2000
#define SL_COLPAGE_MAX_RUNS      64     /* text fingerprints kept */
#define SL_COLPAGE_MAX_OWN_LINKS 256
#define SL_COLPAGE_MAX_DATES     20000  /* dates looked at per page */
#define SL_COLPAGE_ITEM_LINKS    4
#define SL_COLPAGE_ITEM_DATES    4

enum sl_item_status {
	SL_STATUS_NONE,
	SL_STATUS_ANSWERED,
	SL_STATUS_UNANSWERED,
};

/* A dated list entry. */
struct sl_colitem {
	uint32_t link;              /* index into the doc's links */
	struct sl_date date;        /* as written; may lack the year, may be
	                               invalid */
	struct sl_span date_span;
	uint8_t status;             /* enum sl_item_status */
	uint8_t status_word;        /* index of the status phrase in its list */
	struct sl_span status_span; /* the status text, when there is one */
};

enum sl_colrun_kind {
	SL_CR_TEXT,
	SL_CR_PLACEHOLDER,   /* a short run holding 暂无信息 and the like */
	SL_CR_EXEMPT,        /* a note such as 三定方案 ... 不产生此类信息 */
};

/* A run of the page's own text (outside navigation, header, footer,
 * breadcrumb, pager, headings and list items). */
struct sl_colrun {
	uint32_t hash;       /* of the trimmed text, to find the shared template */
	uint32_t chars;      /* code points, white space excluded */
	uint8_t kind;        /* enum sl_colrun_kind */
};

struct sl_colpage {
	struct sl_colitem *items;   uint32_t nitems;
	uint32_t nundated;          /* list entries with a link and no date */
	uint32_t *undated_links;    /* their links (indices into the doc's
	                               links), the first SL_COLPAGE_MAX_ITEMS */
	struct sl_colrun *runs;     uint32_t nruns;
	uint32_t extra_chars;       /* own text beyond the kept runs */
	uint32_t *own_links;        /* indices of the doc's <a> links outside
	                               navigation, header, footer, breadcrumb */
	uint32_t nown_links;
	/* The visible publication date: the first date labelled 发布时间 ...,
	 * else a date just under the <h1>. */
	bool has_pub;
	bool pub_labelled;
	struct sl_date pub;
	struct sl_span pub_span;
	/* A status shown outside list items (a letter's own page). */
	uint8_t status;
	uint8_t status_word;
	struct sl_span status_span;
	bool has_placeholder;
	struct sl_span placeholder_span;
	char *placeholder;          /* the phrase found (owned) */
	bool has_exempt;
	bool has_heading;           /* first h1..h6 of the page's own content */
	struct sl_span heading_span;
	char *heading;              /* (owned), at most 256 bytes */
	struct sl_span title_span;  /* the <title> start tag, or 1:1 */
};

/* Builds the record of page P (decoded text DEC) with the words W.
 * MAYBE_PHRASE, when not NULL, has a byte per run of P, 0 when the run
 * holds no exempt or placeholder phrase (it is not searched then).
 * Returns a new record (free with sl_colpage_free), never NULL. */
struct sl_colpage *sl_colpage_extract(const struct sl_page *p, struct sl_decoded *dec,
                                      const struct sl_colwords *w,
                                      const uint8_t *maybe_phrase);

/* Frees CP and what it owns; NULL is a no-op. */
void sl_colpage_free(struct sl_colpage *cp);

/* The status that the LEN bytes at S show: exactly a status phrase (or
 * one in brackets), or a status label followed by one (办理状态：未回复).
 * Stores the phrase's offset and length when not SL_STATUS_NONE. */
enum sl_item_status sl_colpage_status(const struct sl_colwords *w, const char *s,
                                      size_t len, size_t *at, size_t *plen);

/* FNV-1a of the LEN bytes at S, white space at both ends excluded. */
uint32_t sl_colpage_hash(const char *s, size_t len);

#endif
