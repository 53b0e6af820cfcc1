/*
 * page.c - sl_page_analyse(): one libxml2 HTML parse in SAX mode (no
 * tree) over the decoded page, and the element stack that gives every
 * link, block and text run its context.
 *
 * The parser's own stack (ctxt->nameNr) is the reference: libxml2 2.9.14
 * reports startElement after pushing and endElement before popping, but
 * may pop without a report (a start tag cut off by the end of input), so
 * each event first brings our stack to the parser's depth.  Our stack
 * keeps SL_PAGE_MAX_DEPTH frames; deeper elements are only counted and
 * belong to their deepest kept ancestor.
 *
 * Thread safety: each call has its own parser context and silences its
 * errors through that context's structured handler; xmlInitParser() runs
 * once through pthread_once.
 */
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>

#include "page_impl.h"

/* Source offset of libxml2's parser position. */
static size_t
parser_pos(const struct sl_page_state *st)
{
	const htmlParserCtxt *ctxt = st->ctxt;
	const xmlParserInput *in = ctxt->input;
	size_t pos = (size_t)in->consumed + (size_t)(in->cur - in->base);
	return pos < st->len ? pos : st->len;
}

static int
parser_depth(const struct sl_page_state *st)
{
	return ((const htmlParserCtxt *)st->ctxt)->nameNr;
}

/* The first '<' and the last "</" in [FROM, TO), cached: an end tag
 * that closes many elements reports them all at the same position. */
static const struct sl_page_window *
window(struct sl_page_state *st, size_t from, size_t to)
{
	struct sl_page_window *w = &st->win;
	if (w->from == from && w->to == to)
		return w;
	w->from = from;
	w->to = to;
	const char *lt = from < to ? memchr(st->t + from, '<', to - from) : NULL;
	w->first_lt = lt != NULL ? (size_t)(lt - st->t) : SIZE_MAX;
	w->last_etag = SIZE_MAX;
	for (size_t i = to; lt != NULL && i > w->first_lt + 1; i--) {
		if (st->t[i - 2] == '<' && st->t[i - 1] == '/') {
			w->last_etag = i - 2;
			break;
		}
	}
	return w;
}

/* Gives the open <a> link its text: what it holds, else the alt of its
 * first image. */
static void
end_link(struct sl_page_state *st)
{
	if (st->alink < 0)
		return;
	if (st->atext.len == 0 && st->alink_alt != NULL) {
		sl_page_collapse_start(&st->atext, SL_PAGE_LINK_TEXT);
		sl_page_collapse_add(&st->atext, st->alink_alt,
		                     strlen(st->alink_alt));
	}
	st->page->links[st->alink].text = sl_page_collapse_take(&st->atext);
	st->alink = -1;
	free(st->alink_alt);
	st->alink_alt = NULL;
}

/* Leaves the body of a <script> or <style> that ends at LT: raw text
 * holds no elements, so any element event means it is over. */
static void
leave_raw(struct sl_page_state *st, size_t lt)
{
	if (st->raw == SL_T_STYLE)
		sl_page_attr_css_raw(st, st->style_start, lt);
	st->raw = 0;
}

/* Closes the top frame: END is where the element ends. */
static void
pop_frame(struct sl_page_state *st, size_t end)
{
	struct sl_page *pg = st->page;
	if (st->depth == 0)
		return;
	if (st->depth-- > SL_PAGE_MAX_DEPTH)
		return;
	const struct sl_page_frame *f = &st->stack[st->depth];
	if (f->own_block)
		pg->blocks[f->block].end_off = (uint32_t)end;
	if (f->kind & (SL_EL_SPLIT | SL_EL_BLOCK))
		sl_page_text_flush(st);
	if (f->kind & SL_EL_HIDDEN)
		st->hidden--;
	switch (f->tag) {
	case SL_T_TITLE:
		st->in_title--;
		if (st->title.active && st->in_title == 0)
			pg->title = sl_page_collapse_take(&st->title);
		break;
	case SL_T_H1:
		if (st->h1.active) {
			pg->h1 = sl_page_collapse_take(&st->h1);
			st->h1_done = true;
		}
		break;
	case SL_T_A:
		end_link(st);
		break;
	default:
		break;
	}
}

/* Pops the frames libxml2 closed without telling (down to DEPTH). */
static void
sync_depth(struct sl_page_state *st, int depth, size_t pos)
{
	while (depth >= 0 && st->depth > (size_t)depth)
		pop_frame(st, pos);
}

static void
push_frame(struct sl_page_state *st, const struct sl_page_elem *el,
           const char *name, const char **atts, size_t lt)
{
	struct sl_page *pg = st->page;
	if (++st->depth > pg->max_depth)
		pg->max_depth = (uint32_t)st->depth;
	if (st->depth > SL_PAGE_MAX_DEPTH) {
		pg->truncated |= SL_PAGE_CAP_DEPTH;
		return;
	}
	sl_page_grow((void **)&st->stack, &st->stack_cap, st->depth - 1,
	             sizeof *st->stack);
	struct sl_page_frame *f = &st->stack[st->depth - 1];
	f->tag = el->tag;
	f->kind = el->kind;
	f->own_block = false;
	f->block = st->depth > 1 ? st->stack[st->depth - 2].block : -1;
	f->flags = (st->depth > 1 ? st->stack[st->depth - 2].flags : 0) | el->flags;
	if (!(el->kind & SL_EL_BLOCK))
		return;
	const char *id = sl_page_attr_get(atts, "id");
	const char *cls = sl_page_attr_get(atts, "class");
	f->flags |= sl_page_elem_classify(id) | sl_page_elem_classify(cls);
	if (pg->nblocks >= SL_PAGE_MAX_BLOCKS) {
		pg->truncated |= SL_PAGE_CAP_BLOCKS;
		return;
	}
	sl_page_grow((void **)&pg->blocks, &st->cap_blocks, pg->nblocks,
	             sizeof *pg->blocks);
	struct sl_block *b = &pg->blocks[pg->nblocks];
	memset(b, 0, sizeof *b);
	size_t n = strlen(name);
	memcpy(b->tag, name, n < sizeof b->tag ? n : sizeof b->tag - 1);
	b->parent = f->block;
	b->flags = f->flags;
	if (id != NULL || cls != NULL) {
		/* "ID CLASS", cut at a character to SL_PAGE_ID_CLASS bytes. */
		size_t ni = id ? strlen(id) : 0, nc = cls ? strlen(cls) : 0;
		size_t k = ni + (id && cls) + nc;
		char *s = sl_malloc(k + 1);
		if (id)
			memcpy(s, id, ni);
		if (id && cls)
			s[ni] = ' ';
		if (cls)
			memcpy(s + ni + (id != NULL), cls, nc);
		s[k] = '\0';
		if (k > SL_PAGE_ID_CLASS) {
			k = SL_PAGE_ID_CLASS;
			while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
				k--;
			s[k] = '\0';
		}
		b->id_class = s;
	}
	b->start_off = b->end_off = (uint32_t)lt;
	f->block = (int32_t)pg->nblocks++;
	f->own_block = true;
}

/* What starting element EL means beyond links and blocks. */
static void
start_special(struct sl_page_state *st, const struct sl_page_elem *el,
              bool kept, size_t lt, size_t end, int32_t link)
{
	struct sl_page *pg = st->page;
	if (el->tag == SL_T_SCRIPT || el->tag == SL_T_STYLE) {
		st->raw = el->tag;
		st->style_start = end;
		if (el->tag == SL_T_SCRIPT && st->scripts.len > 0)
			sl_page_text_script(st, "\n", 1);
	}
	if (!kept)
		return;
	if (el->kind & SL_EL_HIDDEN)
		st->hidden++;
	switch (el->tag) {
	case SL_T_TITLE:
		if (!pg->has_title_element) {
			pg->has_title_element = true;
			pg->title_span = sl_decoded_span(st->d, lt, end);
			sl_page_collapse_start(&st->title, SL_PAGE_TITLE_TEXT);
		}
		st->in_title++;
		break;
	case SL_T_H1:
		if (!st->h1_done && !st->h1.active)
			sl_page_collapse_start(&st->h1, SL_PAGE_H1_TEXT);
		break;
	case SL_T_A:
		end_link(st);       /* libxml2 closed it already; be sure */
		if (link >= 0) {
			st->alink = link;
			sl_page_collapse_start(&st->atext, SL_PAGE_LINK_TEXT);
		}
		break;
	default:
		break;
	}
}

static void
on_start(void *ud, const xmlChar *xname, const xmlChar **xatts)
{
	struct sl_page_state *st = ud;
	const char *name = (const char *)xname;
	const char **atts = (const char **)xatts;
	size_t pos = parser_pos(st);
	leave_raw(st, st->last);
	sync_depth(st, parser_depth(st) - 1, pos);
	const struct sl_page_elem *el = sl_page_elem_find(name);
	st->page->elements++;

	/* An implied element (html, body, p) has no tag in the source. */
	size_t lt = sl_page_map_find_tag(st->t, st->len, st->last, pos, name);
	bool real = lt != SIZE_MAX;
	size_t end = pos;
	if (real) {
		if (pos < st->len && st->t[pos] == '>')
			end = pos + 1;
		else if (pos + 1 < st->len && st->t[pos] == '/' && st->t[pos + 1] == '>')
			end = pos + 2;
		sl_page_attr_scan(st, lt + 1 + strlen(name), pos);
	} else {
		lt = end = st->last;
		st->nattrs = 0;
	}
	if (el->kind & (SL_EL_SPLIT | SL_EL_BLOCK))
		sl_page_text_flush(st);
	push_frame(st, el, name, atts, lt);
	bool kept = st->depth <= SL_PAGE_MAX_DEPTH;
	int32_t link = sl_page_attr_record(st, el, atts, lt, end);
	start_special(st, el, kept, lt, end, link);
	if (real)
		st->last = end;
}

static void
on_end(void *ud, const xmlChar *xname)
{
	struct sl_page_state *st = ud;
	const char *name = (const char *)xname;
	size_t pos = parser_pos(st);
	int depth = parser_depth(st);
	sync_depth(st, depth, pos);
	const struct sl_page_window *w = window(st, st->last, pos);
	size_t lt, end;
	bool real = w->last_etag != SIZE_MAX &&
	            sl_page_map_name_at(st->t, st->len, w->last_etag + 2, name);
	if (real) {
		lt = w->last_etag;
		end = pos;
	} else {
		lt = end = w->first_lt != SIZE_MAX ? w->first_lt : pos;
	}
	leave_raw(st, lt);
	if (depth >= 0 && st->depth == (size_t)depth)
		pop_frame(st, end);
	if (real)
		st->last = pos;
}

/* Text, whitespace and the bodies of script and style. */
static void
on_text(void *ud, const xmlChar *xch, int len)
{
	struct sl_page_state *st = ud;
	const char *ch = (const char *)xch;
	size_t n = len > 0 ? (size_t)len : 0;
	size_t pos = parser_pos(st);
	bool visible = st->raw == 0 && (st->hidden == 0 || st->in_title > 0);
	uint32_t *src = NULL;
	if (visible) {
		sl_page_grow((void **)&st->map, &st->map_cap, n, sizeof *st->map);
		src = st->map;
	}
	size_t end = sl_page_map_chunk(st->t, st->len, st->last, pos, ch, n, src);
	if (end > st->last)
		st->last = end;
	if (st->raw == SL_T_SCRIPT)
		sl_page_text_script(st, ch, n);
	else if (visible)
		sl_page_text_add(st, ch, n, src, (uint32_t)end);
}

static void
on_comment(void *ud, const xmlChar *value)
{
	struct sl_page_state *st = ud;
	struct sl_page *pg = st->page;
	size_t pos = parser_pos(st);
	size_t lt = sl_page_map_find(st->t, st->last, pos, "<!--", 4);
	if (lt == SIZE_MAX)
		lt = st->last;
	if (pos > st->last)
		st->last = pos;
	if (pg->ncomments >= SL_PAGE_MAX_COMMENTS) {
		pg->truncated |= SL_PAGE_CAP_COMMENTS;
		return;
	}
	sl_page_grow((void **)&pg->comments, &st->cap_comments, pg->ncomments,
	             sizeof *pg->comments);
	struct sl_comment *c = &pg->comments[pg->ncomments++];
	c->text = sl_strdup((const char *)value);
	c->span = sl_decoded_span(st->d, lt, pos);
	c->off = (uint32_t)lt;
}

/* Drops libxml2's complaints: bad HTML is the rules' business. */
static void
on_error(void *ud, xmlErrorPtr error)
{
	(void)ud;
	(void)error;
}

static pthread_once_t init_once = PTHREAD_ONCE_INIT;

static void
init_libxml(void)
{
	xmlInitParser();
}

/* Does the text look like HTML: a tag in its first 1024 bytes after
 * leading whitespace and a byte-order mark? */
static bool
looks_html(const char *t, size_t len)
{
	size_t i = 0;
	if (len >= 3 && memcmp(t, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' ||
	                   t[i] == '\r' || t[i] == '\f'))
		i++;
	size_t end = len - i > 1024 ? i + 1024 : len;
	for (; i + 1 < end; i++) {
		char c = t[i + 1];
		if (t[i] == '<' && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		                    c == '!' || c == '/' || c == '?'))
			return true;
	}
	return false;
}

static void
run_parser(struct sl_page_state *st)
{
	/* The memory parser copies the text.  (A static input buffer would
	 * not, but libxml2 2.9.14 reads freed memory with one once it
	 * shrinks its input on long pages.) */
	int size = st->len < (size_t)INT_MAX ? (int)st->len : INT_MAX;
	htmlParserCtxtPtr ctxt = htmlCreateMemoryParserCtxt(st->t, size);
	if (ctxt == NULL)
		sl_die_oom();
	/* The text is UTF-8 whatever a <meta> says (with IGNORE_ENC). */
	xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
	htmlSAXHandler *sax = ctxt->sax;
	memset(sax, 0, sizeof *sax);
	sax->initialized = XML_SAX2_MAGIC;   /* so that serror is used */
	sax->startElement = on_start;
	sax->endElement = on_end;
	sax->characters = on_text;
	sax->ignorableWhitespace = on_text;
	sax->cdataBlock = on_text;
	sax->comment = on_comment;
	sax->serror = on_error;
	ctxt->userData = st;
	htmlCtxtUseOptions(ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
	                         HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
	                         HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC);
	st->ctxt = ctxt;
	htmlParseDocument(ctxt);
	/* Whatever libxml2 left open ends with the text. */
	leave_raw(st, st->len);
	sync_depth(st, 0, st->len);
	st->ctxt = NULL;
	htmlFreeParserCtxt(ctxt);
}

void
sl_page_analyse(struct sl_decoded *d, struct sl_page *page)
{
	struct sl_page_state st;
	memset(page, 0, sizeof *page);
	memset(&st, 0, sizeof st);
	page->title_span.start = (struct sl_pos){ 1, 1, 1, 1 };
	page->title_span.end = page->title_span.start;
	st.d = d;
	st.page = page;
	st.alink = -1;
	st.win.from = st.win.to = SIZE_MAX;
	sl_buf_init(&st.scripts, SL_PAGE_MAX_SCRIPT);
	if (d == NULL || d->text == NULL || d->len == 0)
		goto out;
	char *clean = d->scanned_valid ? NULL : sl_page_map_sanitize(d->text, d->len);
	st.t = clean != NULL ? clean : d->text;
	st.len = d->len;
	page->is_html = looks_html(st.t, st.len);
	pthread_once(&init_once, init_libxml);
	run_parser(&st);
	sl_page_text_flush(&st);
	if (st.title.active)
		page->title = sl_page_collapse_take(&st.title);
	if (st.h1.active)
		page->h1 = sl_page_collapse_take(&st.h1);
	free(clean);
out:
	if (st.scripts.len > 0)
		page->scripts = sl_buf_steal(&st.scripts, &page->scripts_len);
	sl_buf_free(&st.scripts);
	sl_page_collapse_free(&st.atext);
	sl_page_collapse_free(&st.title);
	sl_page_collapse_free(&st.h1);
	free(st.alink_alt);
	free(st.stack);
	free(st.map);
	free(st.run.text);
	free(st.run.src);
}

const struct sl_meta *
sl_page_meta(const struct sl_page *page, const char *name)
{
	for (size_t i = 0; i < page->nmetas; i++)
		if (!page->metas[i].http_equiv &&
		    strcmp(page->metas[i].name, "charset") != 0 &&
		    sl_ascii_ieq(page->metas[i].name, name))
			return &page->metas[i];
	return NULL;
}

void
sl_page_free_text(struct sl_page *page)
{
	if (page == NULL)
		return;
	sl_page_text_blocks_free(page);   /* the runs' text and src */
	free(page->runs);
	page->runs = NULL;
	page->nruns = 0;
	for (size_t i = 0; i < page->ncomments; i++)
		free(page->comments[i].text);
	free(page->comments);
	page->comments = NULL;
	page->ncomments = 0;
	free(page->scripts);
	page->scripts = NULL;
	page->scripts_len = 0;
}

void
sl_page_free(struct sl_page *page)
{
	if (page == NULL)
		return;
	sl_page_free_text(page);
	free(page->title);
	free(page->base_href);
	free(page->lang);
	free(page->h1);
	for (size_t i = 0; i < page->nmetas; i++) {
		free(page->metas[i].name);
		free(page->metas[i].content);
	}
	free(page->metas);
	for (size_t i = 0; i < page->nlinks; i++) {
		free(page->links[i].url);
		free(page->links[i].text);
		free(page->links[i].rel);
	}
	free(page->links);
	for (size_t i = 0; i < page->nanchors; i++)
		free(page->anchors[i].name);
	free(page->anchors);
	for (size_t i = 0; i < page->nblocks; i++)
		free(page->blocks[i].id_class);
	free(page->blocks);
	memset(page, 0, sizeof *page);
}
