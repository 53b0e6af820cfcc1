/*
 * page_attr.c - what start tags contribute to the page record: links of
 * every kind (href, src, srcset candidates, data, poster, action, meta
 * refresh, CSS url()), meta tags, anchors (id, <a name>), <base href>,
 * <html lang>, and the alt and title attributes read as text.
 *
 * libxml2 gives each attribute's decoded value but not where it is, so
 * the raw tag is scanned here for the span of every value (quotes
 * excluded), and a decoded value is mapped byte by byte onto its source
 * (page_map.c) when a part of it needs a span of its own.
 */
#include <stdlib.h>
#include <string.h>

#include "page_impl.h"

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

void
sl_page_attr_scan(struct sl_page_state *st, size_t from, size_t to)
{
	const char *t = st->t;
	size_t i = from;
	st->nattrs = 0;
	while (i < to && st->nattrs < SL_PAGE_MAX_ATTRS) {
		if (is_space(t[i]) || t[i] == '/') {
			i++;
			continue;
		}
		size_t name = i;
		while (i < to && !is_space(t[i]) && t[i] != '/' && t[i] != '>' &&
		       t[i] != '=')
			i++;
		if (i == name) {        /* a stray '=' or '>' */
			i++;
			continue;
		}
		struct sl_page_attr *a = &st->attrs[st->nattrs++];
		a->name_off = (uint32_t)name;
		a->name_len = (uint32_t)(i - name);
		a->val_off = a->val_end = (uint32_t)i;
		size_t j = i;
		while (j < to && is_space(t[j]))
			j++;
		if (j >= to || t[j] != '=')
			continue;
		j++;
		while (j < to && is_space(t[j]))
			j++;
		if (j < to && (t[j] == '"' || t[j] == '\'')) {
			const char *q = memchr(t + j + 1, t[j], to - j - 1);
			size_t e = q != NULL ? (size_t)(q - t) : to;
			a->val_off = (uint32_t)(j + 1);
			a->val_end = (uint32_t)e;
			i = q != NULL ? e + 1 : to;
		} else {
			/* Unquoted: libxml2 stops at whitespace or '>'. */
			a->val_off = (uint32_t)j;
			while (j < to && !is_space(t[j]) && t[j] != '>')
				j++;
			a->val_end = (uint32_t)j;
			i = j;
		}
	}
}

const char *
sl_page_attr_get(const char **atts, const char *name)
{
	if (atts == NULL)
		return NULL;
	for (size_t i = 0; atts[i] != NULL; i += 2)
		if (strcmp(atts[i], name) == 0)
			return atts[i + 1] != NULL ? atts[i + 1] : "";
	return NULL;
}

/* The raw value range of attribute NAME, or [LT, LT) when the raw scan
 * did not find it. */
static void
value_range(const struct sl_page_state *st, const char *name, size_t lt,
            size_t *vo, size_t *ve)
{
	size_t n = strlen(name);
	for (size_t i = 0; i < st->nattrs; i++) {
		const struct sl_page_attr *a = &st->attrs[i];
		if (a->name_len == n && sl_ascii_nieq(st->t + a->name_off, name, n)) {
			*vo = a->val_off;
			*ve = a->val_end;
			return;
		}
	}
	*vo = *ve = lt;
}

/* Maps the decoded value V of attribute NAME onto its source: fills
 * ST->map and the raw range; returns strlen(V). */
static size_t
value_map(struct sl_page_state *st, const char *name, const char *v,
          size_t lt, size_t *vo, size_t *ve)
{
	size_t n = strlen(v);
	value_range(st, name, lt, vo, ve);
	sl_page_grow((void **)&st->map, &st->map_cap, n, sizeof *st->map);
	sl_page_map_value(st->t, *vo, *ve, v, n, st->map);
	return n;
}

/* Source offset where decoded byte I of a mapped value starts (I may be
 * N: the end of the value). */
static size_t
mapped(const struct sl_page_state *st, size_t i, size_t n, size_t ve)
{
	return i < n ? st->map[i] : ve;
}

int32_t
sl_page_attr_link(struct sl_page_state *st, enum sl_link_kind kind,
                  const char *url, size_t vn, size_t from, size_t to)
{
	struct sl_page *pg = st->page;
	if (pg->nlinks >= SL_PAGE_MAX_LINKS) {
		pg->truncated |= SL_PAGE_CAP_LINKS;
		return -1;
	}
	while (vn > 0 && is_space(url[0])) {
		url++;
		vn--;
	}
	while (vn > 0 && is_space(url[vn - 1]))
		vn--;
	/* A data: URL is kept up to its ',': the payload says nothing about
	 * the link and would make the site model grow with every page. */
	if (vn > 5 && sl_ascii_nieq(url, "data:", 5)) {
		const char *comma = memchr(url, ',', vn);
		size_t keep = comma != NULL ? (size_t)(comma - url) + 1 : vn;
		vn = keep < 256 ? keep : 256;
	}
	sl_page_grow((void **)&pg->links, &st->cap_links, pg->nlinks,
	             sizeof *pg->links);
	struct sl_link *l = &pg->links[pg->nlinks];
	memset(l, 0, sizeof *l);
	l->kind = kind;
	l->url = sl_strndup(url, vn);
	l->span = sl_decoded_span(st->d, from, to);
	l->value_off = (uint32_t)from;
	l->block = sl_page_cur_block(st);
	l->flags = sl_page_cur_flags(st);
	return (int32_t)pg->nlinks++;
}

/* A link whose URL is the whole value of attribute NAME. */
static int32_t
attr_link(struct sl_page_state *st, enum sl_link_kind kind, const char **atts,
          const char *name, size_t lt)
{
	const char *v = sl_page_attr_get(atts, name);
	if (v == NULL)
		return -1;
	size_t vo, ve;
	value_range(st, name, lt, &vo, &ve);
	return sl_page_attr_link(st, kind, v, strlen(v), vo, ve);
}

/* Each candidate of a srcset value ("a.jpg 1x, b.jpg 2x") is a link. */
static void
srcset_links(struct sl_page_state *st, const char **atts, size_t lt)
{
	const char *v = sl_page_attr_get(atts, "srcset");
	if (v == NULL)
		return;
	size_t vo, ve;
	size_t n = value_map(st, "srcset", v, lt, &vo, &ve);
	size_t i = 0;
	while (i < n) {
		while (i < n && (is_space(v[i]) || v[i] == ','))
			i++;
		if (i >= n)
			break;
		size_t s = i;
		while (i < n && !is_space(v[i]))
			i++;
		size_t e = i;
		if (v[e - 1] == ',') {
			while (e > s && v[e - 1] == ',')
				e--;
		} else {
			int depth = 0;       /* descriptors, up to a ',' outside () */
			for (; i < n && (v[i] != ',' || depth > 0); i++)
				depth += v[i] == '(' ? 1 : v[i] == ')' ? -1 : 0;
		}
		if (e > s)
			sl_page_attr_link(st, SL_LINK_SRCSET, v + s, e - s,
			                  mapped(st, s, n, ve), mapped(st, e, n, ve));
	}
}

/* Calls EMIT for each url(...) and @import "..." in the CSS S[0..N):
 * A and B delimit the URL (quotes and surrounding spaces excluded). */
typedef void css_emit_fn(struct sl_page_state *st, const char *s, size_t a,
                         size_t b, const void *arg);

static size_t
css_string_end(const char *s, size_t n, size_t i, char q)
{
	while (i < n && s[i] != q && s[i] != '\n')
		i += s[i] == '\\' ? 2 : 1;
	return i < n ? i : n;
}

static size_t
css_url(struct sl_page_state *st, const char *s, size_t n, size_t i,
        css_emit_fn *emit, const void *arg)
{
	while (i < n && is_space(s[i]))
		i++;
	if (i < n && (s[i] == '"' || s[i] == '\'')) {
		size_t b = css_string_end(s, n, i + 1, s[i]);
		if (b > i + 1)
			emit(st, s, i + 1, b, arg);
		return b + 1;
	}
	size_t a = i;
	while (i < n && s[i] != ')' && s[i] != '\n')
		i++;
	size_t b = i;
	while (b > a && is_space(s[b - 1]))
		b--;
	if (b > a)
		emit(st, s, a, b, arg);
	return i + 1;
}

static void
css_scan(struct sl_page_state *st, const char *s, size_t n, css_emit_fn *emit,
         const void *arg)
{
	size_t i = 0;
	while (i < n) {
		char c = s[i];
		if (c == '/' && i + 1 < n && s[i + 1] == '*') {
			size_t e = sl_page_map_find(s, i + 2, n, "*/", 2);
			i = e == SIZE_MAX ? n : e + 2;
		} else if (c == '"' || c == '\'') {
			i = css_string_end(s, n, i + 1, c) + 1;
		} else if ((c == 'u' || c == 'U') && n - i >= 4 &&
		           sl_ascii_nieq(s + i, "url(", 4) &&
		           (i == 0 || !(s[i - 1] == '-' || s[i - 1] == '_' ||
		                        (s[i - 1] >= 'a' && s[i - 1] <= 'z') ||
		                        (s[i - 1] >= 'A' && s[i - 1] <= 'Z')))) {
			i = css_url(st, s, n, i + 4, emit, arg);
		} else if (c == '@' && n - i >= 7 && sl_ascii_nieq(s + i, "@import", 7)) {
			size_t j = i + 7;
			while (j < n && is_space(s[j]))
				j++;
			if (j < n && (s[j] == '"' || s[j] == '\''))
				i = css_url(st, s, n, j, emit, arg);
			else
				i = j;
		} else {
			i++;
		}
	}
}

/* EMIT for raw CSS: S is the source itself (ARG unused). */
static void
css_emit_raw(struct sl_page_state *st, const char *s, size_t a, size_t b,
             const void *arg)
{
	(void)arg;
	size_t base = (size_t)(s - st->t);
	sl_page_attr_link(st, SL_LINK_CSS, s + a, b - a, base + a, base + b);
}

/* EMIT for a style attribute: S is the decoded value mapped in ST->map;
 * ARG points to its raw end. */
static void
css_emit_mapped(struct sl_page_state *st, const char *s, size_t a, size_t b,
                const void *arg)
{
	size_t n = strlen(s), ve = *(const size_t *)arg;
	sl_page_attr_link(st, SL_LINK_CSS, s + a, b - a, mapped(st, a, n, ve),
	                  mapped(st, b, n, ve));
}

void
sl_page_attr_css_raw(struct sl_page_state *st, size_t from, size_t to)
{
	if (to > st->len)
		to = st->len;
	if (from < to)
		css_scan(st, st->t + from, to - from, css_emit_raw, NULL);
}

static void
style_links(struct sl_page_state *st, const char **atts, size_t lt)
{
	const char *v = sl_page_attr_get(atts, "style");
	if (v == NULL || strstr(v, "rl(") == NULL)  /* cheap pre-test */
		return;
	size_t vo, ve;
	size_t n = value_map(st, "style", v, lt, &vo, &ve);
	css_scan(st, v, n, css_emit_mapped, &ve);
}

/* The URL in a refresh content ("5; url='next.html'"), as the HTML
 * standard reads it; nothing when it names no URL. */
static void
refresh_link(struct sl_page_state *st, const char **atts, size_t lt)
{
	const char *v = sl_page_attr_get(atts, "content");
	if (v == NULL)
		return;
	size_t vo, ve;
	size_t n = value_map(st, "content", v, lt, &vo, &ve);
	size_t i = 0;
	while (i < n && is_space(v[i]))
		i++;
	while (i < n && ((v[i] >= '0' && v[i] <= '9') || v[i] == '.'))
		i++;
	while (i < n && is_space(v[i]))
		i++;
	if (i < n && (v[i] == ';' || v[i] == ','))
		i++;
	while (i < n && is_space(v[i]))
		i++;
	if (n - i >= 3 && sl_ascii_nieq(v + i, "url", 3)) {
		size_t j = i + 3;
		while (j < n && is_space(v[j]))
			j++;
		if (j < n && v[j] == '=') {
			for (j++; j < n && is_space(v[j]); j++)
				;
			i = j;
		}
	}
	size_t e = n;
	if (i < n && (v[i] == '"' || v[i] == '\'')) {
		const char *q = memchr(v + i + 1, v[i], n - i - 1);
		i++;
		e = q != NULL ? (size_t)(q - v) : n;
	}
	while (e > i && is_space(v[e - 1]))
		e--;
	if (e > i)
		sl_page_attr_link(st, SL_LINK_REFRESH, v + i, e - i,
		                  mapped(st, i, n, ve), mapped(st, e, n, ve));
}

static char *
lower_trimmed(const char *v)
{
	while (is_space(*v))
		v++;
	size_t n = strlen(v);
	while (n > 0 && is_space(v[n - 1]))
		n--;
	char *s = sl_strndup(v, n);
	for (size_t i = 0; i < n; i++)
		s[i] = sl_ascii_lower(s[i]);
	return s;
}

static void
add_meta(struct sl_page_state *st, const char *name, bool http_equiv,
         const char *content, const char *content_attr, size_t lt, size_t end)
{
	struct sl_page *pg = st->page;
	if (pg->nmetas >= SL_PAGE_MAX_METAS) {
		pg->truncated |= SL_PAGE_CAP_METAS;
		return;
	}
	sl_page_grow((void **)&pg->metas, &st->cap_metas, pg->nmetas,
	             sizeof *pg->metas);
	struct sl_meta *m = &pg->metas[pg->nmetas++];
	m->name = lower_trimmed(name);
	m->content = sl_strdup(content != NULL ? content : "");
	m->http_equiv = http_equiv;
	m->span = sl_decoded_span(st->d, lt, end);
	if (content != NULL) {
		size_t vo, ve;
		value_range(st, content_attr, lt, &vo, &ve);
		m->content_span = sl_decoded_span(st->d, vo, ve);
	} else {
		m->content_span = m->span;
	}
}

static void
meta_tag(struct sl_page_state *st, const char **atts, size_t lt, size_t end)
{
	const char *cs = sl_page_attr_get(atts, "charset");
	const char *he = sl_page_attr_get(atts, "http-equiv");
	const char *name = sl_page_attr_get(atts, "name");
	const char *content = sl_page_attr_get(atts, "content");
	if (cs != NULL)
		add_meta(st, "charset", false, cs, "charset", lt, end);
	if (he != NULL) {
		add_meta(st, he, true, content, "content", lt, end);
		if (sl_ascii_ieq(st->page->metas[st->page->nmetas - 1].name, "refresh"))
			refresh_link(st, atts, lt);
	}
	if (name != NULL)
		add_meta(st, name, false, content, "content", lt, end);
}

static void
add_anchor(struct sl_page_state *st, const char **atts, const char *name,
           size_t lt)
{
	struct sl_page *pg = st->page;
	const char *v = sl_page_attr_get(atts, name);
	if (v == NULL || v[0] == '\0')
		return;
	if (pg->nanchors >= SL_PAGE_MAX_IDS) {
		pg->truncated |= SL_PAGE_CAP_IDS;
		return;
	}
	sl_page_grow((void **)&pg->anchors, &st->cap_anchors, pg->nanchors,
	             sizeof *pg->anchors);
	size_t vo, ve;
	value_range(st, name, lt, &vo, &ve);
	struct sl_anchor *a = &pg->anchors[pg->nanchors++];
	a->name = sl_strdup(v);
	a->span = sl_decoded_span(st->d, vo, ve);
}

/* The alt or title attribute NAME as a run of its own. */
static void
attr_run(struct sl_page_state *st, const char **atts, const char *name,
         size_t lt)
{
	const char *v = sl_page_attr_get(atts, name);
	if (v == NULL || v[0] == '\0')
		return;
	size_t vo, ve;
	size_t n = value_map(st, name, v, lt, &vo, &ve);
	sl_page_text_attr_run(st, v, n, st->map, (uint32_t)ve, SL_FROM_ALT);
}

/* The first img alt inside an open <a>: its text when it has none. */
static void
remember_alt(struct sl_page_state *st, const char **atts)
{
	const char *alt = sl_page_attr_get(atts, "alt");
	if (st->alink < 0 || st->alink_alt != NULL || alt == NULL)
		return;
	size_t n = strlen(alt);
	if (n > SL_PAGE_LINK_TEXT * 4)
		n = SL_PAGE_LINK_TEXT * 4;
	st->alink_alt = sl_strndup(alt, n);
}

static int32_t
link_with_rel(struct sl_page_state *st, enum sl_link_kind kind,
              const char **atts, const char *name, size_t lt)
{
	int32_t i = attr_link(st, kind, atts, name, lt);
	const char *rel = sl_page_attr_get(atts, "rel");
	if (i >= 0 && rel != NULL)
		st->page->links[i].rel = sl_strdup(rel);
	return i;
}

static int32_t
element_links(struct sl_page_state *st, uint8_t tag, const char **atts,
              size_t lt, size_t end)
{
	const char *type;
	int32_t i;
	switch (tag) {
	case SL_T_A:
		add_anchor(st, atts, "name", lt);
		return link_with_rel(st, SL_LINK_A, atts, "href", lt);
	case SL_T_AREA:
		i = link_with_rel(st, SL_LINK_A, atts, "href", lt);
		if (i >= 0)
			st->page->links[i].text = sl_strdup(
				sl_page_attr_get(atts, "alt") ? sl_page_attr_get(atts, "alt") : "");
		return -1;
	case SL_T_IMG:
		remember_alt(st, atts);
		attr_link(st, SL_LINK_IMG, atts, "src", lt);
		srcset_links(st, atts, lt);
		break;
	case SL_T_INPUT:
		type = sl_page_attr_get(atts, "type");
		if (type != NULL && sl_ascii_ieq(type, "image"))
			attr_link(st, SL_LINK_IMG, atts, "src", lt);
		break;
	case SL_T_SOURCE:
		attr_link(st, SL_LINK_MEDIA, atts, "src", lt);
		srcset_links(st, atts, lt);
		break;
	case SL_T_LINK:
		link_with_rel(st, SL_LINK_LINK, atts, "href", lt);
		break;
	case SL_T_SCRIPT:
		attr_link(st, SL_LINK_SCRIPT, atts, "src", lt);
		break;
	case SL_T_IFRAME: case SL_T_FRAME: case SL_T_EMBED:
		attr_link(st, SL_LINK_FRAME, atts, "src", lt);
		break;
	case SL_T_OBJECT:
		attr_link(st, SL_LINK_FRAME, atts, "data", lt);
		break;
	case SL_T_VIDEO:
		attr_link(st, SL_LINK_MEDIA, atts, "src", lt);
		attr_link(st, SL_LINK_MEDIA, atts, "poster", lt);
		break;
	case SL_T_AUDIO: case SL_T_TRACK:
		attr_link(st, SL_LINK_MEDIA, atts, "src", lt);
		break;
	case SL_T_FORM:
		attr_link(st, SL_LINK_FORM, atts, "action", lt);
		break;
	case SL_T_META:
		meta_tag(st, atts, lt, end);
		break;
	case SL_T_BODY: case SL_T_TABLE: case SL_T_TD: case SL_T_TH: case SL_T_TR:
		/* Old templates still set background images this way. */
		attr_link(st, SL_LINK_IMG, atts, "background", lt);
		break;
	default:
		break;
	}
	return -1;
}

int32_t
sl_page_attr_record(struct sl_page_state *st, const struct sl_page_elem *el,
                    const char **atts, size_t lt, size_t end)
{
	struct sl_page *pg = st->page;
	if (atts == NULL)
		return -1;
	add_anchor(st, atts, "id", lt);
	if (el->tag == SL_T_BASE && pg->base_href == NULL) {
		const char *h = sl_page_attr_get(atts, "href");
		if (h != NULL)
			pg->base_href = sl_strdup(h);
	}
	if (el->tag == SL_T_HTML && pg->lang == NULL) {
		const char *l = sl_page_attr_get(atts, "lang");
		if (l != NULL)
			pg->lang = sl_strdup(l);
	}
	int32_t link = element_links(st, el->tag, atts, lt, end);
	style_links(st, atts, lt);
	if (el->tag == SL_T_IMG || el->tag == SL_T_AREA ||
	    (el->tag == SL_T_INPUT && sl_page_attr_get(atts, "type") != NULL &&
	     sl_ascii_ieq(sl_page_attr_get(atts, "type"), "image")))
		attr_run(st, atts, "alt", lt);
	if (!(sl_page_cur_flags(st) & SL_IN_HEAD) && el->tag != SL_T_HTML)
		attr_run(st, atts, "title", lt);
	return link;
}
