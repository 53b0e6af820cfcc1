/*
 * rules/forms_page.c - the page check of the forms rules.  It reports
 * nothing: while the page's text is alive it notes what the site checks
 * will need (struct sl_forms_facts): what the page's names say (guide,
 * service / 表格下载 / 依申请公开 column, article), which 办事指南
 * element classes it shows, whether it shows a flow chart, and the exact
 * places a finding about it would go.
 */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "forms_impl.h"
#include "util.h"

#define TAG_SCAN   4096   /* bytes looked through for a start tag's '>' */
#define PREFIX_CPS 12     /* numbering skipped before a label, code points */
#define MAX_LABELS 64     /* label runs that place the guide's table */
#define MAX_CAPTIONS 32   /* runs naming a flow chart tried as captions */
#define MAX_QUALIFIER 6   /* bytes before a column word (two CJK characters) */

static const uint32_t template_flags = SL_IN_NAV | SL_IN_HEADER | SL_IN_FOOTER | SL_IN_HEAD;

/* The span of the start tag of block B ('<' to '>'). */
static struct sl_span
start_tag_span(struct sl_page_check *c, const struct sl_block *b)
{
	const char *t = c->dec->text;
	size_t start = b->start_off, end = start + 1, lim = c->dec->len;
	char quote = 0;
	for (size_t i = start + 1; i < lim && i < start + TAG_SCAN; i++) {
		if (quote != 0) {
			if (t[i] == quote)
				quote = 0;
		} else if (t[i] == '"' || t[i] == '\'') {
			quote = t[i];
		} else if (t[i] == '>') {
			end = i + 1;
			break;
		}
	}
	return sl_decoded_span(c->dec, start, end);
}

static bool
is_heading(const struct sl_block *b)
{
	return b->tag[0] == 'h' && b->tag[1] >= '1' && b->tag[1] <= '6' && b->tag[2] == '\0';
}

static struct sl_span
head_span(struct sl_page_check *c)
{
	const struct sl_page *p = c->page;
	for (char level = '1'; level <= '2'; level++)
		for (size_t i = 0; i < p->nblocks; i++)
			if (is_heading(&p->blocks[i]) && p->blocks[i].tag[1] == level &&
			    !(p->blocks[i].flags & template_flags))
				return start_tag_span(c, &p->blocks[i]);
	if (p->has_title_element)
		return p->title_span;
	struct sl_span s;
	s.start = (struct sl_pos){ 1, 1, 1, 1 };
	s.end = s.start;
	return s;
}

/* --- names ------------------------------------------------------------ */

/* The first part of a title: "表格下载_办事服务_某县" -> "表格下载". */
static size_t
first_part(const char *title)
{
	size_t n = strcspn(title, "_|");
	const char *dash = strstr(title, " - ");
	if (dash != NULL && (size_t)(dash - title) < n)
		n = (size_t)(dash - title);
	while (n > 0 && title[n - 1] == ' ')
		n--;
	return n;
}

/* True when the N bytes at TEXT are a column name of LIST: a word of
 * the list, or one with a short qualifier before it ("网上办事服务",
 * "县级表格下载"); "…登记办事指南" is the title of a guide, not a column. */
static bool
names_column(const struct sl_formsdict *d, enum sl_forms_list list, const char *text, size_t n)
{
	while (n > 0 && (text[n - 1] == ' ' || text[n - 1] == '\t'))
		n--;
	for (size_t k = 0; k < d->nwords[list]; k++) {
		size_t w = strlen(d->words[list][k]);
		if (w <= n && n - w <= MAX_QUALIFIER && memcmp(text + n - w, d->words[list][k], w) == 0)
			return true;
	}
	return false;
}

static bool
is_trs_article(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	if (base[0] != 't')
		return false;
	for (int i = 1; i <= 8; i++)
		if (base[i] < '0' || base[i] > '9')
			return false;
	return base[9] == '_';
}

static unsigned
name_flags(const struct sl_page_check *c, const struct sl_formsdict *d)
{
	const struct sl_page *p = c->page;
	const struct sl_meta *at = sl_page_meta(p, "ArticleTitle");
	const struct sl_meta *cn = sl_page_meta(p, "ColumnName");
	const struct sl_meta *ct = sl_page_meta(p, "ColumnType");
	unsigned f = 0;
	if (at != NULL || sl_page_meta(p, "PubDate") != NULL || is_trs_article(c->doc->path))
		f |= SL_FF_ARTICLE;
	if (cn != NULL || ct != NULL)
		f |= SL_FF_COLUMN_META;
	if (sl_formsdict_contains(d, SL_FL_GUIDE, p->title) || sl_formsdict_contains(d, SL_FL_GUIDE, p->h1) ||
	    (at != NULL && sl_formsdict_contains(d, SL_FL_GUIDE, at->content)))
		f |= SL_FF_GUIDE_NAME;
	static const struct { enum sl_forms_list list; unsigned flag; } cols[] = {
		{ SL_FL_SERVICE, SL_FF_SERVICE }, { SL_FL_FORMS, SL_FF_FORMS },
		{ SL_FL_REQUEST, SL_FF_REQUEST },
	};
	for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++) {
		bool hit;
		if (cn != NULL || ct != NULL)
			hit = (cn && sl_formsdict_contains(d, cols[i].list, cn->content)) ||
			      (ct && sl_formsdict_contains(d, cols[i].list, ct->content));
		else
			hit = (p->h1 && names_column(d, cols[i].list, p->h1, strlen(p->h1))) ||
			      (p->title && names_column(d, cols[i].list, p->title, first_part(p->title)));
		if (hit)
			f |= cols[i].flag;
	}
	return f;
}

/* --- flow charts ------------------------------------------------------- */

/* True when block B is A or an ancestor of A, at most three levels up. */
static bool
above(const struct sl_page *p, int32_t a, int32_t b)
{
	for (int up = 0; a >= 0 && up <= 3; up++, a = p->blocks[a].parent)
		if (a == b)
			return true;
	return false;
}

/* True when a caption in block B sits by an image or link in block A. */
static bool
near_block(const struct sl_page *p, int32_t a, int32_t b)
{
	return above(p, a, b) || above(p, b, a);
}

static bool
has_flowchart(const struct sl_page *p, const struct sl_formsdict *d)
{
	for (size_t i = 0; i < p->nlinks; i++) {
		const struct sl_link *l = &p->links[i];
		if (l->kind != SL_LINK_A && l->kind != SL_LINK_IMG && l->kind != SL_LINK_FRAME)
			continue;
		if (sl_formsdict_contains(d, SL_FL_FLOWCHART, l->url) ||
		    sl_formsdict_contains(d, SL_FL_FLOWCHART, l->text))
			return true;
	}
	int captions = 0;
	for (size_t i = 0; i < p->nruns && captions < MAX_CAPTIONS; i++) {
		const struct sl_textrun *r = &p->runs[i];
		if ((r->flags & (template_flags | SL_IN_TITLE)) ||
		    !sl_formsdict_contains(d, SL_FL_FLOWCHART, r->text))
			continue;
		captions++;
		if (r->flags & SL_FROM_ALT)
			return true;          /* alt or title of an image or link */
		for (size_t k = 0; k < p->nlinks; k++)   /* a caption */
			if ((p->links[k].kind == SL_LINK_IMG || p->links[k].kind == SL_LINK_A) &&
			    near_block(p, p->links[k].block, r->block))
				return true;
	}
	return false;
}

/* --- guide elements ---------------------------------------------------- */

/* True for the characters of numbering and bullets: "一、", "（三）",
 * "【", "●", full-width punctuation. */
static bool
is_numbering(uint32_t cp)
{
	switch (cp) {
	case 0x4E00: case 0x4E8C: case 0x4E09: case 0x56DB: case 0x4E94:   /* 一二三四五 */
	case 0x516D: case 0x4E03: case 0x516B: case 0x4E5D: case 0x5341:   /* 六七八九十 */
	case 0x3001: case 0x3002: case 0xFF0E: case 0xFF1A: case 0xFF08:   /* 、。．：（ */
	case 0xFF09: case 0x3010: case 0x3011: case 0x3014: case 0x3015:   /* ）【】〔〕 */
	case 0x25CF: case 0x25A0: case 0x25C6: case 0x2605: case 0x25B2:   /* ●■◆★▲ */
	case 0x00B7: case 0x3000:                                          /* · and U+3000 */
		return true;
	default:
		return cp < 0x80 && (strchr(" \t\r\n.()[]:-*", (int)cp) != NULL || (cp >= '0' && cp <= '9'));
	}
}

/* Skips numbering and bullets before a label. */
static const char *
skip_numbering(const char *s)
{
	for (int n = 0; n < PREFIX_CPS && *s; n++) {
		uint32_t cp;
		int k = sl_utf8_decode((const unsigned char *)s, strnlen(s, 4), &cp);
		if (cp == 0 || !is_numbering(cp))
			break;
		s += k;
	}
	return s;
}

/* The class whose label starts TEXT, or -1.  Labels are CJK: the first
 * three bytes weed out nearly every run before a full comparison. */
static int
label_class(const struct sl_formsdict *d, const char *text)
{
	const char *s = skip_numbering(text);
	if (s[0] == '\0' || s[1] == '\0')
		return -1;
	for (size_t c = 0; c < d->nclasses; c++)
		for (size_t k = 0; k < d->classes[c].nlabels; k++) {
			const char *l = d->classes[c].labels[k];
			if (l[0] == s[0] && l[1] == s[1] && strncmp(s, l, strlen(l)) == 0)
				return (int)c;
		}
	return -1;
}

static int
block_depth(const struct sl_page *p, int32_t b)
{
	int n = 0;
	for (; b >= 0 && n <= SL_PAGE_MAX_DEPTH; b = p->blocks[b].parent)
		n++;
	return n;
}

/* The nearest block enclosing both A and B, or -1. */
static int32_t
common_block(const struct sl_page *p, int32_t a, int32_t b)
{
	int da = block_depth(p, a), db = block_depth(p, b);
	for (; da > db; da--)
		a = p->blocks[a].parent;
	for (; db > da; db--)
		b = p->blocks[b].parent;
	while (a != b && a >= 0 && b >= 0) {
		a = p->blocks[a].parent;
		b = p->blocks[b].parent;
	}
	return a == b ? a : -1;
}

/* Fills the guide's element classes and the block that holds them. */
static void
guide_elements(struct sl_page_check *c, const struct sl_formsdict *d, struct sl_forms_facts *f)
{
	const struct sl_page *p = c->page;
	int32_t holder = -2;      /* -2: no label yet */
	unsigned found = 0, labels = 0;
	for (size_t i = 0; i < p->nruns; i++) {
		const struct sl_textrun *r = &p->runs[i];
		if (r->flags & (template_flags | SL_IN_TITLE | SL_FROM_ALT))
			continue;
		int cls = label_class(d, r->text);
		if (cls < 0)
			continue;
		found |= 1u << cls;
		if (++labels <= MAX_LABELS)   /* a guide has a few dozen at most */
			holder = holder == -2 ? r->block : common_block(p, holder, r->block);
	}
	f->guide_found = (uint16_t)found;
	f->guide_span = f->head_span;
	/* A table's rows meet in tbody: name the table. */
	while (holder >= 0 && (strcmp(p->blocks[holder].tag, "tbody") == 0 ||
	                       strcmp(p->blocks[holder].tag, "thead") == 0 ||
	                       strcmp(p->blocks[holder].tag, "tr") == 0))
		holder = p->blocks[holder].parent;
	if (holder >= 0 && (found & (found - 1)) != 0)   /* two classes or more */
		f->guide_span = start_tag_span(c, &p->blocks[holder]);
}

/* The heading of the section that offers the page's first download: the
 * first heading (before the link) among the children of the nearest
 * block enclosing the link that has such a heading. */
static void
request_span(struct sl_page_check *c, const struct sl_formsdict *d, struct sl_forms_facts *f)
{
	const struct sl_page *p = c->page;
	f->request_span = f->head_span;
	const struct sl_link *dl = NULL;
	for (size_t i = 0; i < p->nlinks && dl == NULL; i++)
		if (p->links[i].kind == SL_LINK_A && !(p->links[i].flags & template_flags) &&
		    sl_formsdict_by_path(d, p->links[i].url) != NULL)
			dl = &p->links[i];
	if (dl == NULL || dl->block < 0)
		return;
	/* up[b]: how many levels above the link's block b is, or 0 if it is
	 * not an ancestor (1 is the link's own block). */
	uint16_t *up = sl_calloc(p->nblocks, sizeof *up);
	int level = 1;
	for (int32_t a = dl->block; a >= 0 && level <= SL_PAGE_MAX_DEPTH; a = p->blocks[a].parent)
		up[a] = (uint16_t)level++;
	size_t best = SIZE_MAX;
	int best_level = INT_MAX;
	for (size_t h = 0; h < p->nblocks && p->blocks[h].start_off < dl->value_off; h++) {
		int32_t parent = p->blocks[h].parent;
		if (parent >= 0 && up[parent] != 0 && up[parent] < best_level &&
		    is_heading(&p->blocks[h])) {
			best = h;
			best_level = up[parent];
		}
	}
	free(up);
	if (best != SIZE_MAX)
		f->request_span = start_tag_span(c, &p->blocks[best]);
}

void
sl_check_forms_page(struct sl_page_check *c)
{
	const struct sl_formsdict *d = sl_formsdict_bundled();
	if (d == NULL)
		return;
	struct sl_forms_facts f;
	memset(&f, 0, sizeof f);
	f.flags = (uint16_t)name_flags(c, d);
	if (has_flowchart(c->page, d))
		f.flags |= SL_FF_FLOWCHART;
	f.head_span = head_span(c);
	guide_elements(c, d, &f);
	if (f.flags == SL_FF_ARTICLE && f.guide_found == 0)
		return;   /* an ordinary article: nothing to keep */
	request_span(c, d, &f);
	c->doc->forms = sl_malloc(sizeof f);
	memcpy(c->doc->forms, &f, sizeof f);
}
