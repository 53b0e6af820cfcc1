/*
 * colpage.c - a page's list items, publication date, status and own text,
 * read from its analysis while it is alive (see colpage.h).
 */
#include "colpage.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

#define MAX_CLIMB     32    /* ancestors looked at for a container */
#define LINK_SCAN     64    /* links looked at around an item's link */
#define LABEL_BYTES   36    /* text before a date searched for a label */
#define PREV_RUN_MAX  24    /* a previous cell short enough to be a label */
#define PAGER_MAX     80    /* bytes of a run that may be a pager */
#define HEADING_MAX   256
#define MAX_CRUMBS    8
#define CLIMB_RUNS    3     /* text runs of an element an item may climb to */
#define PLACEHOLDER_SLACK 12  /* visible chars besides a placeholder phrase in its run */

enum label { LABEL_NONE, LABEL_PUB, LABEL_OTHER };

/* A date found in a run of visible text. */
struct found {
	uint32_t off;           /* TEXT offset of its first byte */
	uint32_t run;
	uint32_t start, end;    /* bytes in the run's text */
	struct sl_date date;
	bool in_item;
};

struct ctx {
	const struct sl_page *p;
	struct sl_decoded *dec;
	const struct sl_colwords *w;
	struct sl_colpage *cp;
	struct found *dates;
	size_t ndates, capdates;
	uint8_t *run_used;      /* runs inside a list item */
	uint32_t items_cap;
	/* table lookups, built on first use */
	int32_t *cell_index, *table_header, *first_run;
	int32_t crumbs[MAX_CRUMBS];
	size_t ncrumbs;
	const uint8_t *maybe_phrase;  /* see sl_colpage_extract, or NULL */
	uint8_t *crumb_dist;    /* per block: ancestors climbed to one whose id
	                           or class says breadcrumb, MAX_CLIMB: none */
};

uint32_t
sl_colpage_hash(const char *s, size_t len)
{
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\n' || s[len - 1] == '\t' ||
	                   s[len - 1] == '\r'))
		len--;
	size_t i = 0;
	while (i < len && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r'))
		i++;
	/* Eight bytes a step (a byte-wise FNV was a chain of one multiply
	 * per byte); the length goes in so that trailing zeros count. */
	uint64_t h = 0x9E3779B97F4A7C15ull ^ (len - i);
	for (; i + 8 <= len; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		h = (h ^ w) * 0xFF51AFD7ED558CCDull;
		h ^= h >> 32;
	}
	if (i < len) {
		unsigned char b[8] = { 0 };
		memcpy(b, s + i, len - i);
		uint64_t w;
		memcpy(&w, b, 8);
		h = (h ^ w) * 0xFF51AFD7ED558CCDull;
	}
	h ^= h >> 29;
	h *= 0xC4CEB9FE1A85EC53ull;
	return (uint32_t)(h >> 32);
}

/* Code points of the LEN bytes at S, white space (ASCII, NBSP, U+3000)
 * excluded. */
static uint32_t
visible_chars(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	const uint64_t high = 0x8080808080808080u, ones = 0x0101010101010101u;
	/* Characters (bytes that do not continue one) less the ASCII white
	 * space: eight bytes a step, bytewise only where one is below '!'. */
	uint32_t n = 0;
	size_t i = 0;
	for (; i + 8 <= len; i += 8) {
		uint64_t x;
		memcpy(&x, u + i, 8);
		uint64_t cont = (x & ~(x << 1) & high) >> 7;    /* 10xxxxxx */
		n += 8 - (uint32_t)((cont * ones) >> 56);
		if (((x - 0x21 * ones) & ~x & high) == 0)
			continue;
		for (size_t k = i; k < i + 8; k++)
			n -= u[k] == ' ' || u[k] == '\t' || u[k] == '\n' || u[k] == '\r';
	}
	for (; i < len; i++)
		n += (uint32_t)((u[i] & 0xC0) != 0x80) -
		     (uint32_t)(u[i] == ' ' || u[i] == '\t' || u[i] == '\n' || u[i] == '\r');
	/* NBSP (C2 A0) and U+3000 (E3 80 80), where their lead byte shows. */
	for (const unsigned char *p = u, *end = u + len;
	     (p = memchr(p, 0xC2, (size_t)(end - p))) != NULL; p++)
		n -= p + 1 < end && p[1] == 0xA0;
	for (const unsigned char *p = u, *end = u + len;
	     (p = memchr(p, 0xE3, (size_t)(end - p))) != NULL; p++)
		n -= p + 2 < end && p[1] == 0x80 && p[2] == 0x80;
	return n;
}

static bool
is_space_byte(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static bool
tag_is(const struct sl_block *b, const char *tag)
{
	return strcmp(b->tag, tag) == 0;
}

static bool
is_heading(const struct sl_block *b)
{
	return b->tag[0] == 'h' && b->tag[1] >= '1' && b->tag[1] <= '6' && b->tag[2] == '\0';
}

static bool
is_template(uint32_t flags)
{
	return (flags & (SL_IN_NAV | SL_IN_HEADER | SL_IN_FOOTER | SL_IN_HEAD |
	                 SL_IN_TITLE | SL_FROM_ALT)) != 0;
}

/* True when block B is ANC or inside it. */
static bool
within(const struct sl_page *p, int32_t b, int32_t anc)
{
	for (int i = 0; b >= 0 && i < MAX_CLIMB * 4; i++, b = p->blocks[b].parent)
		if (b == anc)
			return true;
	return false;
}

/* --- dates ------------------------------------------------------------ */

struct scan_arg {
	struct ctx *x;
	uint32_t run;
};

static void
push_date(struct ctx *x, uint32_t run, size_t start, size_t end, const struct sl_date *d)
{
	if (x->ndates >= SL_COLPAGE_MAX_DATES)
		return;
	if (x->ndates == x->capdates) {
		x->capdates = x->capdates ? x->capdates * 2 : 64;
		x->dates = sl_realloc(x->dates, x->capdates * sizeof *x->dates);
	}
	const struct sl_textrun *r = &x->p->runs[run];
	struct found *f = &x->dates[x->ndates++];
	f->off = r->src[start];
	f->run = run;
	f->start = (uint32_t)start;
	f->end = (uint32_t)end;
	f->date = *d;
	f->in_item = false;
}

static void
on_date(void *ctx, const struct sl_date_match *m)
{
	struct scan_arg *a = ctx;
	if (m->form == SL_DATE_FORM_CJK_MONTH || !m->date.has_day)
		return;   /* a month is not a publication date */
	push_date(a->x, a->run, m->start, m->end, &m->date);
}

/* Length of an ASCII or full-width digit at S (N bytes), or 0. */
static size_t
digit_len(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	if (u[0] >= '0' && u[0] <= '9')
		return 1;
	return n >= 3 && u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0x90 && u[2] <= 0x99 ? 3 : 0;
}

/* True when the N bytes at S end with a digit. */
static bool
digit_end(const char *s, size_t n)
{
	return (n >= 1 && digit_len(s + n - 1, 1)) || (n >= 3 && digit_len(s + n - 3, 3) == 3);
}

/* A list entry ending with a bare month-day, as <span>03-24</span> after
 * its title: the run's last characters, brackets and white space aside,
 * are MM-DD or MM/DD after something that is not a digit. */
static void
tail_month_day(struct ctx *x, uint32_t run)
{
	const struct sl_textrun *r = &x->p->runs[run];
	size_t e = r->len;
	while (e > 0 && (is_space_byte(r->text[e - 1]) || r->text[e - 1] == ']' ||
	                 r->text[e - 1] == ')'))
		e--;
	if (e >= 3 && (memcmp(r->text + e - 3, "\xE3\x80\x91", 3) == 0 ||     /* 】 */
	               memcmp(r->text + e - 3, "\xEF\xBC\x89", 3) == 0))      /* ） */
		e -= 3;
	size_t s = e, digits = 0;
	while (s > 0 && digits < 4) {
		size_t k = (s >= 3 && digit_len(r->text + s - 3, 3) == 3) ? 3
		         : digit_len(r->text + s - 1, 1) ? 1 : 0;
		if (k == 0 && digits == 2 && (r->text[s - 1] == '-' || r->text[s - 1] == '/')) {
			s--;
			continue;
		}
		if (k == 0)
			break;
		s -= k;
		digits++;
	}
	struct sl_date md;
	if (digits != 4 || (s > 0 && (digit_end(r->text, s) || r->text[s - 1] == '-' ||
	                              r->text[s - 1] == '/' || r->text[s - 1] == '.')) ||
	    !sl_date_parse_month_day(r->text + s, e - s, &md))
		return;
	push_date(x, run, s, e, &md);
}

static void
collect_dates(struct ctx *x)
{
	for (uint32_t i = 0; i < x->p->nruns; i++) {
		const struct sl_textrun *r = &x->p->runs[i];
		if (is_template(r->flags))
			continue;
		size_t before = x->ndates;
		struct scan_arg a = { x, i };
		sl_dates_scan(r->text, r->len, on_date, &a);
		if (x->ndates == before && (r->flags & SL_IN_LIST))
			tail_month_day(x, i);
	}
}

/* First date with TEXT offset >= OFF. */
static size_t
first_date_at(const struct ctx *x, uint32_t off)
{
	size_t lo = 0, hi = x->ndates;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (x->dates[mid].off < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static size_t
dates_in(const struct ctx *x, const struct sl_block *b, size_t *first)
{
	size_t i = *first = first_date_at(x, b->start_off), n = 0;
	while (i + n < x->ndates && x->dates[i + n].off < b->end_off)
		n++;
	return n;
}

/* --- tables: a cell's header -------------------------------------------- */

static int32_t
table_of(const struct sl_page *p, int32_t tr)
{
	int32_t b = p->blocks[tr].parent;
	for (int i = 0; b >= 0 && i < 3; i++, b = p->blocks[b].parent)
		if (tag_is(&p->blocks[b], "table"))
			return b;
	return -1;
}

static void
build_tables(struct ctx *x)
{
	const struct sl_page *p = x->p;
	size_t n = p->nblocks;
	int32_t *ncells = sl_calloc(n ? n : 1, sizeof *ncells);
	x->cell_index = sl_malloc((n ? n : 1) * sizeof *x->cell_index);
	x->table_header = sl_malloc((n ? n : 1) * sizeof *x->table_header);
	x->first_run = sl_malloc((n ? n : 1) * sizeof *x->first_run);
	for (size_t i = 0; i < n; i++)
		x->cell_index[i] = x->table_header[i] = x->first_run[i] = -1;
	for (size_t i = 0; i < n; i++) {
		const struct sl_block *b = &p->blocks[i];
		bool th = tag_is(b, "th");
		if (!(th || tag_is(b, "td")) || b->parent < 0 ||
		    !tag_is(&p->blocks[b->parent], "tr"))
			continue;
		x->cell_index[i] = ncells[b->parent]++;
		int32_t t = th ? table_of(p, b->parent) : -1;
		if (t >= 0 && x->table_header[t] < 0)
			x->table_header[t] = b->parent;
	}
	for (size_t r = 0; r < p->nruns; r++) {
		int32_t b = p->runs[r].block;
		if (b >= 0 && x->first_run[b] < 0)
			x->first_run[b] = (int32_t)r;
	}
	free(ncells);
}

/* The run of the header cell above the cell holding block B, or -1. */
static int32_t
header_run(struct ctx *x, int32_t b)
{
	const struct sl_page *p = x->p;
	for (int i = 0; b >= 0 && i < 4 && !tag_is(&p->blocks[b], "td"); i++)
		b = p->blocks[b].parent;
	if (b < 0 || !tag_is(&p->blocks[b], "td"))
		return -1;
	if (x->cell_index == NULL)
		build_tables(x);
	int32_t tr = p->blocks[b].parent, t = tr >= 0 ? table_of(p, tr) : -1;
	int32_t h = t >= 0 ? x->table_header[t] : -1;
	if (h < 0 || h == tr || x->cell_index[b] < 0)
		return -1;
	for (size_t j = (size_t)h + 1;
	     j < p->nblocks && p->blocks[j].start_off < p->blocks[h].end_off; j++)
		if (p->blocks[j].parent == h && x->cell_index[j] == x->cell_index[b])
			return x->first_run[j];
	return -1;
}

static enum label
label_of_text(const struct sl_colwords *w, const char *s, size_t len, bool anywhere)
{
	size_t at, n;
	if (anywhere) {
		if (sl_colwords_find(w, SL_PH_OTHERLABEL, s, len, &at, &n))
			return LABEL_OTHER;
		return sl_colwords_find(w, SL_PH_PUBLABEL, s, len, &at, &n) ? LABEL_PUB
		                                                            : LABEL_NONE;
	}
	if (sl_colwords_ends_with(w, SL_PH_OTHERLABEL, s, len))
		return LABEL_OTHER;
	return sl_colwords_ends_with(w, SL_PH_PUBLABEL, s, len) ? LABEL_PUB : LABEL_NONE;
}

/* What kind of date date K is, from the text before it in its run, else
 * its column's header cell, else a short previous cell. */
static enum label
date_label(struct ctx *x, size_t k)
{
	const struct found *f = &x->dates[k];
	const struct sl_textrun *r = &x->p->runs[f->run];
	size_t from = f->start > LABEL_BYTES ? f->start - LABEL_BYTES : 0;
	while (from < f->start && ((unsigned char)r->text[from] & 0xC0) == 0x80)
		from++;
	if (visible_chars(r->text + from, f->start - from) > 0)
		return label_of_text(x->w, r->text + from, f->start - from, false);
	int32_t h = header_run(x, r->block);
	if (h >= 0)
		return label_of_text(x->w, x->p->runs[h].text, x->p->runs[h].len, true);
	if (f->run > 0) {
		const struct sl_textrun *prev = &x->p->runs[f->run - 1];
		if (prev->len <= PREV_RUN_MAX && !is_template(prev->flags))
			return label_of_text(x->w, prev->text, prev->len, false);
	}
	return LABEL_NONE;
}

static bool
in_crumb(const struct ctx *x, int32_t b)
{
	for (size_t i = 0; i < x->ncrumbs; i++)
		if (within(x->p, b, x->crumbs[i]))
			return true;
	return false;
}

static bool
crumb_class(const struct sl_block *b)
{
	static const char *const words[] = { "position", "location", "crumb", "dqwz", "weizhi" };
	if (b->id_class == NULL)
		return false;
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strstr(b->id_class, words[i]) != NULL)
			return true;
	return false;
}

/* True when block B is (inside) a breadcrumb: a block whose id or class
 * says so, or one whose text starts with 当前位置 and the like. */
static bool
crumb_block(const struct ctx *x, int32_t b)
{
	return x->crumb_dist[b] < MAX_CLIMB;
}

/* Blocks come in document order, a parent before its children. */
static void
find_crumb_blocks(struct ctx *x)
{
	const struct sl_page *p = x->p;
	x->crumb_dist = sl_malloc(p->nblocks ? p->nblocks : 1);
	for (size_t b = 0; b < p->nblocks; b++) {
		int32_t up = p->blocks[b].parent;
		if (crumb_class(&p->blocks[b]))
			x->crumb_dist[b] = 0;
		else if (up >= 0 && (size_t)up < b && x->crumb_dist[up] < MAX_CLIMB)
			x->crumb_dist[b] = (uint8_t)(x->crumb_dist[up] + 1);
		else
			x->crumb_dist[b] = MAX_CLIMB;
	}
}

static void
find_crumbs(struct ctx *x)
{
	for (size_t r = 0; r < x->p->nruns && x->ncrumbs < MAX_CRUMBS; r++) {
		const struct sl_textrun *t = &x->p->runs[r];
		const char *s = t->text;
		size_t len = t->len;
		while (len > 0 && (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r')) {
			s++;
			len--;
		}
		if (!is_template(t->flags) && t->block >= 0 &&
		    sl_colwords_starts_with(x->w, SL_PH_BREADCRUMB, s, len))
			x->crumbs[x->ncrumbs++] = t->block;
	}
}

/* --- list items ---------------------------------------------------------- */

/* The list element around block B: li, tr, dd, dt, p or div (a td or th
 * stands for its row); -1 when a list or table boundary comes first. */
static int32_t
container_of(const struct sl_page *p, int32_t b)
{
	for (int i = 0; b >= 0 && i < MAX_CLIMB; i++, b = p->blocks[b].parent) {
		const struct sl_block *k = &p->blocks[b];
		if (tag_is(k, "li") || tag_is(k, "tr") || tag_is(k, "dd") || tag_is(k, "dt") ||
		    tag_is(k, "p") || tag_is(k, "div"))
			return b;
		if (tag_is(k, "td") || tag_is(k, "th") || k->tag[0] == 'h' || tag_is(k, "center"))
			continue;
		return -1;
	}
	return -1;
}

static bool
navigable(const struct sl_link *l)
{
	const char *u = l->url;
	return l->kind == SL_LINK_A && u != NULL && u[0] != '\0' && u[0] != '#' &&
	       !sl_ascii_istarts(u, "javascript:") && !sl_ascii_istarts(u, "mailto:") &&
	       !sl_ascii_istarts(u, "tel:");
}

/* Counts the <a> links inside block B around link I (at most LINK_SCAN
 * links looked at; more means "too many") and picks the one with the
 * longest text as the item's title link. */
static uint32_t
links_in(const struct ctx *x, const struct sl_block *b, size_t i, size_t *title)
{
	const struct sl_page *p = x->p;
	size_t lo = i, hi = i, steps = 0;
	while (lo > 0 && steps++ < LINK_SCAN && p->links[lo - 1].value_off >= b->start_off)
		lo--;
	while (hi + 1 < p->nlinks && steps++ < LINK_SCAN && p->links[hi + 1].value_off < b->end_off)
		hi++;
	if (steps >= LINK_SCAN)
		return UINT32_MAX;
	uint32_t n = 0;
	size_t best = 0;
	*title = i;
	for (size_t k = lo; k <= hi; k++) {
		if (!navigable(&p->links[k]))
			continue;
		n++;
		size_t len = p->links[k].text ? strlen(p->links[k].text) : 0;
		if (len > best) {
			best = len;
			*title = k;
		}
	}
	return n;
}

/* The date of an item whose dates are FIRST..FIRST+N-1: the first one
 * labelled as the publication date, else the first not labelled as
 * another kind of date, else the first. */
static size_t
choose_date(struct ctx *x, size_t first, size_t n)
{
	size_t best = SIZE_MAX;
	for (size_t k = first; k < first + n; k++) {
		enum label l = date_label(x, k);
		if (l == LABEL_PUB)
			return k;
		if (l == LABEL_NONE && best == SIZE_MAX)
			best = k;
	}
	return best == SIZE_MAX ? first : best;
}

/* First run with its first source byte at or after OFF. */
static size_t
first_run_at(const struct sl_page *p, uint32_t off)
{
	size_t lo = 0, hi = p->nruns;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (p->runs[mid].src[0] < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static uint8_t
status_word(const struct sl_colwords *w, enum sl_item_status st, const char *s, size_t n)
{
	int i = sl_colwords_index(w, st == SL_STATUS_UNANSWERED ? SL_PH_UNANSWERED
	                                                         : SL_PH_ANSWERED, s, n);
	return i < 0 ? 0 : (uint8_t)i;
}

static void
add_item(struct ctx *x, const struct sl_block *b, size_t link, size_t k)
{
	struct sl_colpage *cp = x->cp;
	if (cp->nitems >= SL_COLPAGE_MAX_ITEMS)
		return;
	if (cp->nitems == x->items_cap) {
		x->items_cap = x->items_cap ? x->items_cap * 2 : 16;
		cp->items = sl_realloc(cp->items, x->items_cap * sizeof *cp->items);
	}
	struct sl_colitem *it = &cp->items[cp->nitems++];
	memset(it, 0, sizeof *it);
	const struct found *f = &x->dates[k];
	const struct sl_textrun *r = &x->p->runs[f->run];
	it->link = (uint32_t)link;
	it->date = f->date;
	it->date_span = sl_decoded_span(x->dec, r->src[f->start], r->src[f->end]);
	for (size_t i = first_run_at(x->p, b->start_off);
	     i < x->p->nruns && x->p->runs[i].src[0] < b->end_off; i++) {
		const struct sl_textrun *s = &x->p->runs[i];
		x->run_used[i] = 1;
		size_t at, n;
		enum sl_item_status st = sl_colpage_status(x->w, s->text, s->len, &at, &n);
		if (st != SL_STATUS_NONE && it->status == SL_STATUS_NONE) {
			it->status = (uint8_t)st;
			it->status_word = status_word(x->w, st, s->text + at, n);
			it->status_span = sl_decoded_span(x->dec, s->src[at], s->src[at + n]);
		}
	}
}

static void
add_undated(struct ctx *x, size_t link)
{
	struct sl_colpage *cp = x->cp;
	if (cp->nundated < SL_COLPAGE_MAX_ITEMS) {
		/* Kept with the doc until the end: grown by doubling (16, 32,
		 * ... up to the cap), not allocated at the cap on every page. */
		size_t n = cp->nundated;
		if (n == 0 || (n >= 16 && (n & (n - 1)) == 0)) {
			size_t cap = n == 0 ? 16 : 2 * n;
			if (cap > SL_COLPAGE_MAX_ITEMS)
				cap = SL_COLPAGE_MAX_ITEMS;
			cp->undated_links = sl_realloc(cp->undated_links,
			                               cap * sizeof *cp->undated_links);
		}
		cp->undated_links[n] = (uint32_t)link;
	}
	cp->nundated++;
}

/* The text runs inside block B, counted up to CLIMB_RUNS + 1. */
static size_t
runs_in(const struct sl_page *p, const struct sl_block *b)
{
	size_t n = 0;
	for (size_t i = first_run_at(p, b->start_off);
	     i < p->nruns && p->runs[i].src[0] < b->end_off && n <= CLIMB_RUNS; i++)
		n++;
	return n;
}

/* One list element around link I: climbs to a parent that holds no other
 * link while the element has no date. */
static int32_t
item_at(struct ctx *x, size_t i, int32_t c, int32_t *last)
{
	const struct sl_page *p = x->p;
	size_t first, n = dates_in(x, &p->blocks[c], &first), title;
	int32_t cont = c;
	for (int lvl = 0; n == 0 && lvl < 2; lvl++) {
		int32_t up = p->blocks[cont].parent >= 0
			? container_of(p, p->blocks[cont].parent) : -1;
		if (up < 0 || links_in(x, &p->blocks[up], i, &title) != 1 ||
		    runs_in(p, &p->blocks[up]) > CLIMB_RUNS)
			break;
		cont = up;
		n = dates_in(x, &p->blocks[cont], &first);
	}
	*last = cont;
	const struct sl_block *b = &p->blocks[cont];
	if (n == 0) {
		if (tag_is(b, "li") || tag_is(b, "tr") || tag_is(b, "dd") || tag_is(b, "dt"))
			add_undated(x, i);
		return -1;
	}
	if (n > SL_COLPAGE_ITEM_DATES || links_in(x, b, i, &title) > SL_COLPAGE_ITEM_LINKS)
		return -1;
	add_item(x, b, title, choose_date(x, first, n));
	for (size_t k = first; k < first + n; k++)
		x->dates[k].in_item = true;
	return cont;
}

static void
find_items(struct ctx *x)
{
	const struct sl_page *p = x->p;
	int32_t last_c = -1, last_cont = -1;
	for (size_t i = 0; i < p->nlinks; i++) {
		const struct sl_link *l = &p->links[i];
		if (!navigable(l) || is_template(l->flags) || l->block < 0 ||
		    in_crumb(x, l->block) || crumb_block(x, l->block))
			continue;
		int32_t c = container_of(p, l->block);
		if (c < 0 || c == last_c || (last_cont >= 0 && within(p, c, last_cont)))
			continue;
		last_c = c;
		item_at(x, i, c, &last_cont);
	}
}

/* --- the page's own text, date and status ----------------------------- */

/* Finds a phrase of KIND in brackets in the LEN bytes at S: [未回复],
 * 【未回复】, （未回复）.  Linear in LEN: phrases are tried only after an
 * opening bracket. */
static bool
bracketed(const struct sl_colwords *w, enum sl_phrase_kind kind, const char *s, size_t len,
          size_t *at, size_t *plen)
{
	static const char *const pairs[][2] = { { "[", "]" }, { "【", "】" }, { "（", "）" },
	                                        { "(", ")" } };
	for (size_t j = 0; j < len; j++) {
		unsigned char c = (unsigned char)s[j];
		if (c != '[' && c != '(' && c != 0xE3 && c != 0xEF)
			continue;
		for (size_t k = 0; k < sizeof pairs / sizeof pairs[0]; k++) {
			size_t o = strlen(pairs[k][0]), cl = strlen(pairs[k][1]);
			if (j + o > len || memcmp(s + j, pairs[k][0], o) != 0)
				continue;
			for (size_t i = 0; i < w->nphrases[kind]; i++) {
				size_t n = strlen(w->phrases[kind][i]);
				if (j + o + n + cl <= len && memcmp(s + j + o, w->phrases[kind][i], n) == 0 &&
				    memcmp(s + j + o + n, pairs[k][1], cl) == 0) {
					*at = j + o;
					*plen = n;
					return true;
				}
			}
		}
	}
	return false;
}

enum sl_item_status
sl_colpage_status(const struct sl_colwords *w, const char *s, size_t len, size_t *at,
                  size_t *plen)
{
	size_t a, n;
	if (len > 160)
		return SL_STATUS_NONE;
	for (int k = 0; k < 2; k++) {
		enum sl_phrase_kind kind = k == 0 ? SL_PH_UNANSWERED : SL_PH_ANSWERED;
		enum sl_item_status st = k == 0 ? SL_STATUS_UNANSWERED : SL_STATUS_ANSWERED;
		if (sl_colwords_is(w, kind, s, len) && sl_colwords_find(w, kind, s, len, at, plen))
			return st;
		if (sl_colwords_find(w, SL_PH_STATUSLABEL, s, len, &a, &n) &&
		    sl_colwords_find(w, kind, s + a + n, len - a - n, at, plen) &&
		    visible_chars(s + a + n, *at) <= 1) {
			*at += a + n;
			return st;
		}
		if (bracketed(w, kind, s, len, at, plen))
			return st;
	}
	return SL_STATUS_NONE;
}

static void
find_pub(struct ctx *x)
{
	const struct sl_page *p = x->p;
	size_t pick = SIZE_MAX;
	for (size_t k = 0; k < x->ndates && pick == SIZE_MAX; k++)
		if (!x->dates[k].in_item && x->dates[k].date.has_year &&
		    date_label(x, k) == LABEL_PUB)
			pick = k;
	x->cp->pub_labelled = pick != SIZE_MAX;
	if (pick == SIZE_MAX) {
		size_t h1 = SIZE_MAX;
		for (size_t r = 0; r < p->nruns && h1 == SIZE_MAX; r++)
			if (p->runs[r].block >= 0 && tag_is(&p->blocks[p->runs[r].block], "h1") &&
			    !is_template(p->runs[r].flags))
				h1 = r;
		for (size_t k = 0; h1 != SIZE_MAX && k < x->ndates && pick == SIZE_MAX; k++) {
			const struct found *f = &x->dates[k];
			if (f->run > h1 && f->run <= h1 + 3 && !f->in_item && f->date.has_year &&
			    p->runs[f->run].len <= 160 && date_label(x, k) != LABEL_OTHER)
				pick = k;
		}
	}
	if (pick == SIZE_MAX)
		return;
	const struct found *f = &x->dates[pick];
	const struct sl_textrun *r = &p->runs[f->run];
	x->cp->has_pub = true;
	x->cp->pub = f->date;
	x->cp->pub_span = sl_decoded_span(x->dec, r->src[f->start], r->src[f->end]);
}

/* Classifies run R of the page's own area; returns false when it is not
 * own text (heading, breadcrumb, pager). */
static bool
own_run(struct ctx *x, size_t r)
{
	const struct sl_textrun *t = &x->p->runs[r];
	struct sl_colpage *cp = x->cp;
	const struct sl_block *b = t->block >= 0 ? &x->p->blocks[t->block] : NULL;
	size_t at, n;
	if (t->block >= 0 && (crumb_block(x, t->block) || in_crumb(x, t->block)))
		return false;
	if (b != NULL && is_heading(b)) {
		size_t a = 0, e = t->len;
		while (a < e && is_space_byte(t->text[a]))
			a++;
		while (e > a && is_space_byte(t->text[e - 1]))
			e--;
		if (!cp->has_heading && visible_chars(t->text + a, e - a) > 0) {
			size_t k = e - a < HEADING_MAX ? e - a : HEADING_MAX;
			while (k > 0 && k < e - a && ((unsigned char)t->text[a + k] & 0xC0) == 0x80)
				k--;
			cp->has_heading = true;
			cp->heading = sl_strndup(t->text + a, k);
			cp->heading_span = sl_decoded_span(x->dec, t->src[a], t->src[e]);
		}
		return false;
	}
	return !(t->len <= PAGER_MAX && sl_colwords_find(x->w, SL_PH_PAGINATION, t->text,
	                                                  t->len, &at, &n));
}

static void
keep_run(struct ctx *x, size_t r)
{
	const struct sl_textrun *t = &x->p->runs[r];
	struct sl_colpage *cp = x->cp;
	uint32_t chars = visible_chars(t->text, t->len);
	size_t at, n;
	uint8_t kind = SL_CR_TEXT;
	if (chars == 0)
		return;
	if (x->maybe_phrase != NULL && !x->maybe_phrase[r]) {
		/* neither an exempt note nor a placeholder */
	} else if (sl_colwords_find(x->w, SL_PH_EXEMPT, t->text, t->len, &at, &n)) {
		kind = SL_CR_EXEMPT;
		cp->has_exempt = true;
	} else if (chars <= x->w->maxlen[SL_PH_PLACEHOLDER] + PLACEHOLDER_SLACK &&
	           sl_colwords_find(x->w, SL_PH_PLACEHOLDER, t->text, t->len, &at, &n) &&
	           chars <= visible_chars(t->text + at, n) + PLACEHOLDER_SLACK) {
		kind = SL_CR_PLACEHOLDER;
		if (!cp->has_placeholder) {
			cp->has_placeholder = true;
			cp->placeholder = sl_strndup(t->text + at, n);
			cp->placeholder_span = sl_decoded_span(x->dec, t->src[at], t->src[at + n]);
		}
	}
	if (cp->nruns >= SL_COLPAGE_MAX_RUNS) {
		cp->extra_chars += chars;
		return;
	}
	if (cp->runs == NULL)
		cp->runs = sl_malloc(SL_COLPAGE_MAX_RUNS * sizeof *cp->runs);
	cp->runs[cp->nruns++] = (struct sl_colrun){ sl_colpage_hash(t->text, t->len), chars, kind };
}

static void
scan_runs(struct ctx *x)
{
	const struct sl_page *p = x->p;
	struct sl_colpage *cp = x->cp;
	for (size_t r = 0; r < p->nruns; r++) {
		const struct sl_textrun *t = &p->runs[r];
		if (is_template(t->flags) || x->run_used[r] || !own_run(x, r))
			continue;
		size_t at, n;
		enum sl_item_status st = sl_colpage_status(x->w, t->text, t->len, &at, &n);
		if (st != SL_STATUS_NONE && cp->status == SL_STATUS_NONE) {
			cp->status = (uint8_t)st;
			cp->status_word = status_word(x->w, st, t->text + at, n);
			cp->status_span = sl_decoded_span(x->dec, t->src[at], t->src[at + n]);
		}
		keep_run(x, r);
	}
}

static void
find_own_links(struct ctx *x)
{
	const struct sl_page *p = x->p;
	struct sl_colpage *cp = x->cp;
	for (size_t i = 0; i < p->nlinks && cp->nown_links < SL_COLPAGE_MAX_OWN_LINKS; i++) {
		const struct sl_link *l = &p->links[i];
		if (!navigable(l) || is_template(l->flags) ||
		    (l->block >= 0 && (in_crumb(x, l->block) || crumb_block(x, l->block))))
			continue;
		if (cp->own_links == NULL)
			cp->own_links = sl_malloc(SL_COLPAGE_MAX_OWN_LINKS * sizeof *cp->own_links);
		cp->own_links[cp->nown_links++] = (uint32_t)i;
	}
}

struct sl_colpage *
sl_colpage_extract(const struct sl_page *p, struct sl_decoded *dec,
                   const struct sl_colwords *w, const uint8_t *maybe_phrase)
{
	struct sl_colpage *cp = sl_calloc(1, sizeof *cp);
	struct ctx x;
	memset(&x, 0, sizeof x);
	x.p = p;
	x.dec = dec;
	x.w = w;
	x.maybe_phrase = maybe_phrase;
	x.cp = cp;
	x.run_used = sl_calloc(p->nruns ? p->nruns : 1, 1);
	cp->title_span = p->title_span;
	collect_dates(&x);
	find_crumb_blocks(&x);
	find_crumbs(&x);
	find_items(&x);
	find_pub(&x);
	scan_runs(&x);
	find_own_links(&x);
	/* The record stays with the doc until the end: trimmed to what was
	 * found (both lists were allocated at their caps). */
	if (cp->runs != NULL)
		cp->runs = sl_realloc(cp->runs, cp->nruns * sizeof *cp->runs);
	if (cp->own_links != NULL)
		cp->own_links = sl_realloc(cp->own_links, cp->nown_links * sizeof *cp->own_links);
	free(x.dates);
	free(x.run_used);
	free(x.crumb_dist);
	free(x.cell_index);
	free(x.table_header);
	free(x.first_run);
	return cp;
}

void
sl_colpage_free(struct sl_colpage *cp)
{
	if (cp == NULL)
		return;
	free(cp->items);
	free(cp->undated_links);
	free(cp->runs);
	free(cp->own_links);
	free(cp->placeholder);
	free(cp->heading);
	free(cp);
}
