/*
 * page_text.c - the text a reader sees: runs of visible text with the
 * source offset of every byte, the whitespace-collapsed <title>, <h1>
 * and link texts, and the inline script bodies.
 *
 * A run grows across inline elements and ends at a block, a <br> and the
 * like (page_elem.c); a run of nothing but whitespace is dropped.  All
 * text kept in runs counts against SL_PAGE_MAX_TEXT.
 */
#include <stdlib.h>
#include <string.h>

#include "page_impl.h"

void
sl_page_grow(void **arr, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return;
	size_t c = *cap < 8 ? 8 : *cap + *cap / 2;
	if (c <= n)
		c = n + 1;
	*arr = sl_realloc(*arr, c * size);
	*cap = c;
}

int32_t
sl_page_cur_block(const struct sl_page_state *st)
{
	size_t kept = st->depth < SL_PAGE_MAX_DEPTH ? st->depth : SL_PAGE_MAX_DEPTH;
	return kept > 0 ? st->stack[kept - 1].block : -1;
}

uint32_t
sl_page_cur_flags(const struct sl_page_state *st)
{
	size_t kept = st->depth < SL_PAGE_MAX_DEPTH ? st->depth : SL_PAGE_MAX_DEPTH;
	return kept > 0 ? st->stack[kept - 1].flags : 0;
}

/* Whitespace for collapsing and for dropping empty runs: ASCII
 * whitespace, U+00A0 (&nbsp;) and U+3000 (ideographic space).  Returns
 * the length of the space character at S, or 0. */
static size_t
space_len(const unsigned char *s, size_t n)
{
	if (s[0] == ' ' || s[0] == '\t' || s[0] == '\n' || s[0] == '\r' ||
	    s[0] == '\f')
		return 1;
	if (n >= 2 && s[0] == 0xC2 && s[1] == 0xA0)
		return 2;
	if (n >= 3 && s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80)
		return 3;
	return 0;
}

static bool
all_space(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		size_t k = space_len(u + i, n - i);
		if (k == 0)
			return false;
		i += k;
	}
	return true;
}

void
sl_page_collapse_start(struct sl_collapse *c, size_t limit)
{
	if (c->buf == NULL)
		c->buf = sl_malloc(limit + 1);
	c->len = 0;
	c->limit = limit;
	c->space = false;
	c->active = true;
	c->full = false;
	c->buf[0] = '\0';
}

void
sl_page_collapse_add(struct sl_collapse *c, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	while (c->active && !c->full && i < n) {
		size_t k = space_len(u + i, n - i);
		if (k > 0) {
			c->space = c->len > 0;
			i += k;
			continue;
		}
		k = sl_page_map_charlen(s, n, i);
		size_t need = k + (c->space ? 1 : 0);
		if (c->len + need > c->limit) {
			c->full = true;         /* cut before this character */
			break;
		}
		if (c->space)
			c->buf[c->len++] = ' ';
		c->space = false;
		memcpy(c->buf + c->len, s + i, k);
		c->len += k;
		i += k;
	}
	c->buf[c->len] = '\0';
}

char *
sl_page_collapse_take(struct sl_collapse *c)
{
	c->active = false;
	return sl_strndup(c->buf != NULL ? c->buf : "", c->len);
}

void
sl_page_collapse_free(struct sl_collapse *c)
{
	free(c->buf);
	c->buf = NULL;
	c->active = false;
}

/* The runs' text and offsets live in blocks of the page (a few per page
 * instead of two allocations per run), freed all at once with the text. */
#define TEXT_BLOCK (64u << 10)

struct sl_page_block {
	struct sl_page_block *next;
	size_t used, cap;
	max_align_t data[];
};

/* N bytes aligned for uint32_t from the page's blocks. */
static void *
block_alloc(struct sl_page *pg, size_t n)
{
	n = (n + 7) & ~(size_t)7;
	struct sl_page_block *b = pg->text_blocks;
	if (b == NULL || b->cap - b->used < n) {
		size_t cap = n > TEXT_BLOCK ? n : TEXT_BLOCK;
		b = sl_malloc(sizeof *b + cap);
		b->used = 0;
		b->cap = cap;
		b->next = pg->text_blocks;
		pg->text_blocks = b;
	}
	void *p = (char *)b->data + b->used;
	b->used += n;
	return p;
}

void
sl_page_text_blocks_free(struct sl_page *pg)
{
	while (pg->text_blocks != NULL) {
		struct sl_page_block *next = pg->text_blocks->next;
		free(pg->text_blocks);
		pg->text_blocks = next;
	}
}

/* Appends a finished run to page->runs; TEXT and SRC are copied. */
static void
keep_run(struct sl_page_state *st, const char *text, size_t n,
         const uint32_t *src, uint32_t end, int32_t block, uint32_t flags)
{
	struct sl_page *pg = st->page;
	if (n == 0 || all_space(text, n))
		return;
	if (pg->nruns >= SL_PAGE_MAX_RUNS) {
		pg->truncated |= SL_PAGE_CAP_RUNS;
		return;
	}
	sl_page_grow((void **)&pg->runs, &st->cap_runs, pg->nruns,
	             sizeof *pg->runs);
	struct sl_textrun *r = &pg->runs[pg->nruns++];
	r->src = block_alloc(pg, (n + 1) * sizeof *r->src);
	r->text = block_alloc(pg, n + 1);
	memcpy(r->text, text, n);
	r->text[n] = '\0';
	r->len = (uint32_t)n;
	memcpy(r->src, src, n * sizeof *r->src);
	r->src[n] = end;
	r->block = block;
	r->flags = flags;
}

/* Can N more bytes of text be kept? */
static bool
text_room(struct sl_page_state *st, size_t n)
{
	/* Once full, stay full: a later small chunk would leave a hole. */
	if (st->text_full || st->text_total + n > SL_PAGE_MAX_TEXT) {
		st->text_full = true;
		st->page->truncated |= SL_PAGE_CAP_TEXT;
		return false;
	}
	st->text_total += n;
	return true;
}

static void
run_append(struct sl_page_state *st, const char *ch, size_t n,
           const uint32_t *src, uint32_t end)
{
	struct sl_page_run *r = &st->run;
	if (!text_room(st, n))
		return;
	if (r->len == 0) {
		r->block = sl_page_cur_block(st);
		r->flags = sl_page_cur_flags(st) & ~(uint32_t)SL_FROM_ALT;
		if (st->in_title > 0)
			r->flags |= SL_IN_TITLE;
	}
	/* A run with any quoted code in it is marked as a whole. */
	r->flags |= sl_page_cur_flags(st) & SL_IN_CODE;
	if (r->len + n > r->cap) {
		size_t c = r->cap < 256 ? 256 : r->cap;
		while (c < r->len + n)
			c += c / 2;
		r->text = sl_realloc(r->text, c);
		r->src = sl_realloc(r->src, c * sizeof *r->src);
		r->cap = c;
	}
	memcpy(r->text + r->len, ch, n);
	memcpy(r->src + r->len, src, n * sizeof *src);
	r->len += n;
	r->end = end;
}

void
sl_page_text_flush(struct sl_page_state *st)
{
	struct sl_page_run *r = &st->run;
	if (r->len == 0)
		return;
	/* Whitespace-only runs did count against the cap; give it back. */
	if (all_space(r->text, r->len))
		st->text_total -= r->len;
	else
		keep_run(st, r->text, r->len, r->src, r->end, r->block, r->flags);
	r->len = 0;
}

void
sl_page_text_add(struct sl_page_state *st, const char *ch, size_t n,
                 const uint32_t *src, uint32_t end)
{
	if (n == 0)
		return;
	run_append(st, ch, n, src, end);
	if (st->alink >= 0)
		sl_page_collapse_add(&st->atext, ch, n);
	if (st->title.active)
		sl_page_collapse_add(&st->title, ch, n);
	if (st->h1.active)
		sl_page_collapse_add(&st->h1, ch, n);
}

void
sl_page_text_attr_run(struct sl_page_state *st, const char *ch, size_t n,
                      const uint32_t *src, uint32_t end, uint32_t flags)
{
	if (n == 0 || all_space(ch, n) || !text_room(st, n))
		return;
	keep_run(st, ch, n, src, end, sl_page_cur_block(st),
	         sl_page_cur_flags(st) | flags);
}

void
sl_page_text_script(struct sl_page_state *st, const char *ch, size_t n)
{
	struct sl_buf *b = &st->scripts;
	if (st->page->truncated & SL_PAGE_CAP_SCRIPT)
		return;
	if (sl_buf_append(b, ch, n))
		return;
	/* Keep what fits, cut at a character boundary. */
	size_t room = SL_PAGE_MAX_SCRIPT - b->len;
	while (room > 0 && room < n && ((unsigned char)ch[room] & 0xC0) == 0x80)
		room--;
	if (room > 0)
		sl_buf_append(b, ch, room);
	st->page->truncated |= SL_PAGE_CAP_SCRIPT;
}
