/*
 * page_elem.c - what each HTML element means to the page record: which
 * ones are blocks (recorded with their parent and context), which ones
 * end a text run, which ones hide their text, and which context flags
 * an element or its id/class tokens set (navigation, header, footer).
 */
#include <stdlib.h>
#include <string.h>

#include "page_impl.h"

#define B SL_EL_BLOCK
#define S SL_EL_SPLIT
#define H SL_EL_HIDDEN

/* Sorted by name (strcmp order) for bsearch.  Elements not listed are
 * inline: they neither split a run nor start a block.  Hidden elements
 * do not split either: `a<script>..</script>b` reads "ab". */
static const struct sl_page_elem elems[] = {
	{ "a",          SL_T_A,      0,     0 },
	{ "address",    SL_T_OTHER,  S,     0 },
	{ "area",       SL_T_AREA,   0,     0 },
	{ "article",    SL_T_OTHER,  B | S, 0 },
	{ "aside",      SL_T_OTHER,  B | S, 0 },
	{ "audio",      SL_T_AUDIO,  S,     0 },
	{ "base",       SL_T_BASE,   0,     0 },
	{ "blockquote", SL_T_OTHER,  B | S, 0 },
	{ "body",       SL_T_BODY,   B | S, 0 },
	{ "br",         SL_T_OTHER,  S,     0 },
	{ "button",     SL_T_OTHER,  S,     0 },
	{ "canvas",     SL_T_OTHER,  S,     0 },
	{ "caption",    SL_T_OTHER,  S,     0 },
	{ "center",     SL_T_OTHER,  B | S, 0 },
	{ "code",       SL_T_OTHER,  0,     SL_IN_CODE },
	{ "dd",         SL_T_OTHER,  B | S, SL_IN_LIST },
	{ "details",    SL_T_OTHER,  S,     0 },
	{ "dir",        SL_T_OTHER,  S,     0 },
	{ "div",        SL_T_OTHER,  B | S, 0 },
	{ "dl",         SL_T_OTHER,  B | S, 0 },
	{ "dt",         SL_T_OTHER,  B | S, SL_IN_LIST },
	{ "embed",      SL_T_EMBED,  S,     0 },
	{ "fieldset",   SL_T_OTHER,  S,     0 },
	{ "figcaption", SL_T_OTHER,  S,     0 },
	{ "figure",     SL_T_OTHER,  S,     0 },
	{ "footer",     SL_T_OTHER,  B | S, SL_IN_FOOTER },
	{ "form",       SL_T_FORM,   B | S, 0 },
	{ "frame",      SL_T_FRAME,  S,     0 },
	{ "frameset",   SL_T_OTHER,  S,     0 },
	{ "h1",         SL_T_H1,     B | S, 0 },
	{ "h2",         SL_T_OTHER,  B | S, 0 },
	{ "h3",         SL_T_OTHER,  B | S, 0 },
	{ "h4",         SL_T_OTHER,  B | S, 0 },
	{ "h5",         SL_T_OTHER,  B | S, 0 },
	{ "h6",         SL_T_OTHER,  B | S, 0 },
	{ "head",       SL_T_HEAD,   H | S, SL_IN_HEAD },
	{ "header",     SL_T_OTHER,  B | S, SL_IN_HEADER },
	{ "hr",         SL_T_OTHER,  S,     0 },
	{ "html",       SL_T_HTML,   B | S, 0 },
	{ "iframe",     SL_T_IFRAME, H | S, 0 },
	{ "img",        SL_T_IMG,    0,     0 },
	{ "input",      SL_T_INPUT,  S,     0 },
	{ "kbd",        SL_T_OTHER,  0,     SL_IN_CODE },
	{ "legend",     SL_T_OTHER,  S,     0 },
	{ "li",         SL_T_OTHER,  B | S, SL_IN_LIST },
	{ "link",       SL_T_LINK,   0,     0 },
	{ "main",       SL_T_OTHER,  B | S, 0 },
	{ "menu",       SL_T_OTHER,  S,     0 },
	{ "meta",       SL_T_META,   0,     0 },
	{ "nav",        SL_T_OTHER,  B | S, SL_IN_NAV },
	{ "noframes",   SL_T_OTHER,  H,     0 },
	{ "noscript",   SL_T_OTHER,  H,     0 },
	{ "object",     SL_T_OBJECT, S,     0 },
	{ "ol",         SL_T_OTHER,  B | S, 0 },
	{ "optgroup",   SL_T_OTHER,  S,     0 },
	{ "option",     SL_T_OTHER,  S,     0 },
	{ "p",          SL_T_OTHER,  B | S, 0 },
	{ "pre",        SL_T_OTHER,  B | S, SL_IN_CODE },
	{ "samp",       SL_T_OTHER,  0,     SL_IN_CODE },
	{ "script",     SL_T_SCRIPT, H,     0 },
	{ "section",    SL_T_OTHER,  B | S, 0 },
	{ "select",     SL_T_OTHER,  S,     0 },
	{ "source",     SL_T_SOURCE, 0,     0 },
	{ "style",      SL_T_STYLE,  H,     0 },
	{ "table",      SL_T_TABLE,  B | S, 0 },
	{ "tbody",      SL_T_OTHER,  B | S, 0 },
	{ "td",         SL_T_TD,     B | S, 0 },
	{ "template",   SL_T_OTHER,  H,     0 },
	{ "textarea",   SL_T_OTHER,  S,     0 },
	{ "tfoot",      SL_T_OTHER,  S,     0 },
	{ "th",         SL_T_TH,     B | S, 0 },
	{ "thead",      SL_T_OTHER,  B | S, 0 },
	{ "title",      SL_T_TITLE,  S,     0 },
	{ "tr",         SL_T_TR,     B | S, SL_IN_LIST },
	{ "track",      SL_T_TRACK,  0,     0 },
	{ "tt",         SL_T_OTHER,  0,     SL_IN_CODE },
	{ "ul",         SL_T_OTHER,  B | S, 0 },
	{ "video",      SL_T_VIDEO,  S,     0 },
};

static const struct sl_page_elem inline_elem = { "", SL_T_OTHER, 0, 0 };

static int
elem_cmp(const void *key, const void *entry)
{
	return strcmp(key, ((const struct sl_page_elem *)entry)->name);
}

const struct sl_page_elem *
sl_page_elem_find(const char *name)
{
	const struct sl_page_elem *e = bsearch(name, elems,
	                                       sizeof elems / sizeof elems[0],
	                                       sizeof elems[0], elem_cmp);
	return e != NULL ? e : &inline_elem;
}

/* Keywords found anywhere in a token ("mainnav", "top_menu", "footer2"). */
static const struct { const char *word; uint32_t flag; } substr_words[] = {
	{ "nav", SL_IN_NAV }, { "menu", SL_IN_NAV }, { "daohang", SL_IN_NAV },
	{ "header", SL_IN_HEADER }, { "banner", SL_IN_HEADER },
	{ "footer", SL_IN_FOOTER }, { "bottom", SL_IN_FOOTER },
	{ "copyright", SL_IN_FOOTER }, { "dibu", SL_IN_FOOTER },
};

/* Short keywords that would match inside unrelated words ("headline",
 * "topic", "width"): they must be a whole part of the token, parts being
 * separated by punctuation, digits and lower-to-upper case changes
 * ("top_bar", "dh2", "pageTop"). */
static const struct { const char *word; uint32_t flag; } part_words[] = {
	{ "dh", SL_IN_NAV }, { "top", SL_IN_HEADER }, { "head", SL_IN_HEADER },
	{ "foot", SL_IN_FOOTER },
};

static bool
is_lower(char c)
{
	return c >= 'a' && c <= 'z';
}

static bool
is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static uint32_t
classify_parts(const char *tok, size_t n)
{
	uint32_t flags = 0;
	size_t i = 0;
	while (i < n) {
		if (!is_lower(tok[i]) && !is_upper(tok[i])) {
			i++;
			continue;
		}
		size_t s = i++;
		while (i < n && (is_lower(tok[i]) ||
		                 (is_upper(tok[i]) && !is_lower(tok[i - 1]))))
			i++;
		for (size_t w = 0; w < sizeof part_words / sizeof part_words[0]; w++)
			if (strlen(part_words[w].word) == i - s &&
			    sl_ascii_nieq(tok + s, part_words[w].word, i - s))
				flags |= part_words[w].flag;
	}
	return flags;
}

static uint32_t
classify_token(const char *tok, size_t n)
{
	char low[64];
	if (n >= sizeof low)
		n = sizeof low - 1;
	for (size_t i = 0; i < n; i++)
		low[i] = sl_ascii_lower(tok[i]);
	low[n] = '\0';
	uint32_t flags = classify_parts(tok, n);
	for (size_t w = 0; w < sizeof substr_words / sizeof substr_words[0]; w++)
		if (strstr(low, substr_words[w].word) != NULL)
			flags |= substr_words[w].flag;
	return flags;
}

uint32_t
sl_page_elem_classify(const char *value)
{
	uint32_t flags = 0;
	if (value == NULL)
		return 0;
	/* A class attribute may be long; its first tokens say enough. */
	size_t budget = 1024;
	const char *p = value;
	while (*p != '\0' && budget > 0) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' ||
		       *p == '\f')
			p++;
		const char *s = p;
		while (*p != '\0' && *p != ' ' && *p != '\t' && *p != '\n' &&
		       *p != '\r' && *p != '\f')
			p++;
		if (p > s) {
			flags |= classify_token(s, (size_t)(p - s));
			size_t used = (size_t)(p - s);
			budget = used >= budget ? 0 : budget - used;
		}
	}
	return flags;
}
