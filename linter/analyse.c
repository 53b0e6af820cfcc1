/*
 * analyse.c - one member to one record: decode, analyse, page checks.
 */
#include "analyse.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "emit.h"
#include "filecheck.h"
#include "matcher.h"
#include "page.h"
#include "rules/rules.h"
#include "suppress.h"
#include "util.h"

static const char *const html_ext[] = {
	".html", ".htm", ".shtml", ".xhtml", ".shtm", ".jsp", ".asp", ".aspx", ".php",
};

static bool
sniff_html(const unsigned char *p, size_t len)
{
	size_t i = 0, n = len < 1024 ? len : 1024;
	if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
		i = 3;
	while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
		i++;
	if (i >= n || p[i] != '<')
		return false;
	const char *s = (const char *)p + i;
	size_t rest = n - i;
	static const char *const starts[] = { "<!doctype html", "<html", "<head", "<body",
	                                      "<!--", "<meta", "<title", "<div", "<table" };
	for (size_t k = 0; k < sizeof starts / sizeof starts[0]; k++) {
		size_t l = strlen(starts[k]);
		if (rest >= l && sl_ascii_nieq(s, starts[k], l))
			return true;
	}
	return false;
}

bool
sl_member_is_html(const struct sl_member *m, bool single_page)
{
	if (single_page)
		return true;
	if (m->content_type != NULL)
		return sl_ascii_istarts(m->content_type, "text/html") ||
		       sl_ascii_istarts(m->content_type, "application/xhtml");
	const char *dot = strrchr(m->path, '.');
	const char *slash = strrchr(m->path, '/');
	if (dot != NULL && (slash == NULL || dot > slash)) {
		for (size_t i = 0; i < sizeof html_ext / sizeof html_ext[0]; i++)
			if (sl_ascii_ieq(dot, html_ext[i]))
				return true;
		return false;
	}
	return sniff_html(m->data, m->len);
}

/* Phrases of saved error pages, matched in the title, the first heading,
 * or the text of a page with little text. */
static const char *const error_phrases[] = {
	"404 Not Found", "Not Found", "403 Forbidden", "500 Internal Server Error",
	"Service Unavailable", "Bad Gateway", "页面不存在", "无法访问", "找不到页面",
	"页面未找到", "您访问的页面", "访问出错", "页面出错", "404错误", "错误404",
};

static bool
has_error_phrase(const char *s)
{
	if (s == NULL)
		return false;
	for (size_t i = 0; i < sizeof error_phrases / sizeof error_phrases[0]; i++)
		if (strstr(s, error_phrases[i]) != NULL)
			return true;
	/* A bare status code as the title: "404", "Error 404". */
	const char *p = strstr(s, "404");
	return p != NULL && strlen(s) < 24;
}

static bool
looks_like_error_page(const struct sl_page *p, size_t text_bytes)
{
	if (has_error_phrase(p->title) || has_error_phrase(p->h1))
		return true;
	if (text_bytes > 600)
		return false;
	for (size_t i = 0; i < p->nruns; i++)
		if (!(p->runs[i].flags & SL_IN_TITLE) && has_error_phrase(p->runs[i].text))
			return true;
	return false;
}

/* Keeps the meta tags the site checks read (government meta and the
 * charset ones are small; arbitrary meta tags are not kept). */
static void
keep_metas(struct sl_doc *doc, const struct sl_page *p)
{
	if (p->nmetas == 0)
		return;
	doc->metas = sl_calloc(p->nmetas, sizeof *doc->metas);
	for (size_t i = 0; i < p->nmetas && doc->nmetas < 64; i++) {
		const struct sl_meta *m = &p->metas[i];
		if (m->name == NULL || m->content == NULL)
			continue;
		struct sl_doc_meta *dm = &doc->metas[doc->nmetas++];
		dm->name = sl_strdup(m->name);
		dm->content = sl_strdup(m->content);
		dm->span = m->content_span;
	}
}

static void
keep_links(struct sl_doc *doc, struct sl_page *p)
{
	if (p->nlinks == 0)
		return;
	doc->link_recs = sl_calloc(p->nlinks, sizeof *doc->link_recs);
	for (size_t i = 0; i < p->nlinks; i++) {
		struct sl_link *l = &p->links[i];
		struct sl_doc_link *dl = &doc->link_recs[doc->nlinks++];
		dl->url = l->url;        /* moved: the page no longer owns them */
		dl->text = l->text;
		l->url = NULL;
		l->text = NULL;
		dl->span = l->span;
		dl->kind = (uint8_t)l->kind;
		dl->flags = l->flags;
		dl->block = l->block;
	}
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
keep_anchors(struct sl_doc *doc, struct sl_page *p)
{
	if (p->nanchors == 0)
		return;
	doc->anchors = sl_calloc(p->nanchors, sizeof *doc->anchors);
	for (size_t i = 0; i < p->nanchors; i++) {
		doc->anchors[i] = p->anchors[i].name;
		p->anchors[i].name = NULL;
	}
	qsort(doc->anchors, p->nanchors, sizeof *doc->anchors, cmp_str);
	size_t n = 0;
	for (size_t i = 0; i < p->nanchors; i++) {
		if (n > 0 && strcmp(doc->anchors[n - 1], doc->anchors[i]) == 0)
			free(doc->anchors[i]);
		else
			doc->anchors[n++] = doc->anchors[i];
	}
	doc->nanchors = n;
}

struct problem_ctx {
	struct sl_emit *e;
	const struct sl_doc *doc;
};

static void
on_directive_problem(void *ctx, uint32_t line, uint32_t col, const char *message)
{
	struct problem_ctx *pc = ctx;
	const struct sl_doc *doc = pc->doc;
	for (size_t i = 0; i < doc->ndirectives; i++) {
		if (doc->directives[i].start.line <= line && line <= doc->directives[i].end.line) {
			char *msg = sl_aprintf("%s%s", sl_tr(pc->e->lang, "malformed suppression: ",
			                                     "无法识别的抑制注释："), message);
			SL_EMIT(pc->e, SL_R_SUPPRESS_UNUSED, &doc->directives[i], NULL, msg);
			free(msg);
			return;
		}
	}
	(void)col;
}

/* Reads the sitelint-* directives among the page's comments. */
static void
build_suppressions(struct sl_doc *doc, const struct sl_page *p, struct sl_emit *e)
{
	size_t n = 0;
	for (size_t i = 0; i < p->ncomments; i++)
		n += strstr(p->comments[i].text, "sitelint-") != NULL;
	if (n == 0)
		return;
	struct sl_comment_in *in = sl_calloc(n, sizeof *in);
	doc->directives = sl_calloc(n, sizeof *doc->directives);
	for (size_t i = 0, k = 0; i < p->ncomments; i++) {
		if (strstr(p->comments[i].text, "sitelint-") == NULL)
			continue;
		in[k].text = p->comments[i].text;
		in[k].line = p->comments[i].span.start.line;
		in[k].col = p->comments[i].span.start.col_char;
		in[k].end_line = p->comments[i].span.end.line;
		doc->directives[k++] = p->comments[i].span;
	}
	doc->ndirectives = n;
	doc->supp = sl_suppress_build(in, n);
	free(in);
	struct problem_ctx pc = { e, doc };
	sl_suppress_problems(doc->supp, on_directive_problem, &pc);
}

static void
report_caps(struct sl_emit *e, const struct sl_page *p)
{
	if (p->truncated == 0)
		return;
	static const struct { unsigned bit; const char *en, *zh; } caps[] = {
		{ SL_PAGE_CAP_DEPTH, "elements nested deeper than 4096", "元素嵌套超过 4096 层" },
		{ SL_PAGE_CAP_LINKS, "more than 20000 links", "链接超过 20000 个" },
		{ SL_PAGE_CAP_IDS, "more than 50000 ids", "id 超过 50000 个" },
		{ SL_PAGE_CAP_BLOCKS, "more than 100000 block elements", "块级元素超过 100000 个" },
		{ SL_PAGE_CAP_TEXT, "more than 8 MiB of text", "文本超过 8 MiB" },
		{ SL_PAGE_CAP_SCRIPT, "more than 256 KiB of inline script", "内联脚本超过 256 KiB" },
		{ SL_PAGE_CAP_RUNS, "more than 200000 text runs", "文本段超过 200000 个" },
		{ SL_PAGE_CAP_COMMENTS, "more than 50000 comments", "注释超过 50000 个" },
		{ SL_PAGE_CAP_METAS, "more than 4096 meta tags", "meta 标签超过 4096 个" },
	};
	for (size_t i = 0; i < sizeof caps / sizeof caps[0]; i++) {
		if (!(p->truncated & caps[i].bit))
			continue;
		char *msg = sl_aprintf("%s%s", sl_tr(e->lang, "page analysis capped: ", "页面分析达到上限："),
		                       sl_tr(e->lang, caps[i].en, caps[i].zh));
		SL_EMIT(e, SL_R_SNAPSHOT_LIMIT, NULL, NULL, msg);
		free(msg);
	}
}

void
sl_worker_init(struct sl_worker *w)
{
	memset(w, 0, sizeof *w);
	w->text = sl_text_scratch_new();
}

void
sl_worker_free(struct sl_worker *w)
{
	sl_text_scratch_free(w->text);
	w->text = NULL;
	free(w->maybe_phrase);
	w->maybe_phrase = NULL;
	w->maybe_cap = 0;
}

static void
analyse_html(struct sl_doc *doc, const struct sl_member *m,
             const struct sl_lint_opts *opts, struct sl_worker *w)
{
	struct sl_decoded dec;
	struct sl_err err;
	struct sl_emit e = { &doc->diags, opts->lang, doc->path, NULL, opts->excerpts };
	if (sl_decode(m->data, m->len, m->content_type, &dec, &err) != SL_OK) {
		SL_EMIT(&e, SL_R_SNAPSHOT_LIMIT, NULL, NULL, err.msg);
		return;
	}
	/* A page declared (say) gb2312 whose bytes are valid UTF-8 was saved
	 * by an editor that ignored the declaration: read it as UTF-8, so its
	 * text is checked as written, and let pages/encoding say so. */
	char misdeclared[sizeof dec.declared] = "";
	if (dec.invalid_count > 0 && !sl_ascii_ieq(dec.charset, "UTF-8") &&
	    sl_utf8_valid_nonascii(m->data, m->len)) {
		snprintf(misdeclared, sizeof misdeclared, "%s", dec.declared[0] ? dec.declared : dec.charset);
		sl_decoded_free(&dec);
		if (sl_decode(m->data, m->len, "text/html; charset=utf-8", &dec, &err) != SL_OK) {
			SL_EMIT(&e, SL_R_SNAPSHOT_LIMIT, NULL, NULL, err.msg);
			return;
		}
	}
	e.dec = &dec;
	struct sl_page page;
	sl_page_analyse(&dec, &page);
	doc->is_html = true;
	size_t text_bytes = 0;
	for (size_t i = 0; i < page.nruns; i++)
		if (!(page.runs[i].flags & (SL_IN_TITLE | SL_FROM_ALT)))
			text_bytes += page.runs[i].len;
	doc->has_text = text_bytes > 0;
	doc->looks_error = looks_like_error_page(&page, text_bytes);
	doc->has_title_element = page.has_title_element;
	doc->title = page.title ? sl_strdup(page.title) : NULL;
	doc->base_href = page.base_href ? sl_strdup(page.base_href) : NULL;

	if (page.nruns > w->maybe_cap) {
		w->maybe_cap = page.nruns;
		w->maybe_phrase = sl_realloc(w->maybe_phrase, w->maybe_cap);
	}
	bool marked = sl_check_phrase_runs(&page, opts, w->maybe_phrase);
	struct sl_page_check c = { m, &dec, &page, doc, &e, opts, w,
	                           misdeclared[0] ? misdeclared : NULL,
	                           marked ? w->maybe_phrase : NULL };
	for (const sl_page_rule_fn *f = sl_page_rules; *f != NULL; f++)
		(*f)(&c);
	report_caps(&e, &page);
	build_suppressions(doc, &page, &e);
	keep_metas(doc, &page);
	keep_links(doc, &page);
	keep_anchors(doc, &page);
	sl_page_free(&page);
	sl_decoded_free(&dec);
}

struct sl_doc *
sl_analyse_member(const struct sl_member *m, bool single_page,
                  const struct sl_lint_opts *opts, struct sl_worker *w)
{
	struct sl_doc *doc = sl_calloc(1, sizeof *doc);
	doc->path = sl_strdup(m->path);
	doc->size = m->len;
	doc->mtime = m->warc_date ? m->warc_date : m->mtime;
	doc->http_status = m->http_status;
	doc->content_type = m->content_type ? sl_strdup(m->content_type) : NULL;
	doc->location = m->location ? sl_strdup(m->location) : NULL;
	doc->is_first_html = m->is_first_html != 0;
	doc->magic_len = m->len < sizeof doc->magic ? m->len : sizeof doc->magic;
	if (doc->magic_len > 0)
		memcpy(doc->magic, m->data, doc->magic_len);
	if (m->len > 0 && sl_member_is_html(m, single_page))
		analyse_html(doc, m, opts, w);
	else if (m->len == 0 && sl_member_is_html(m, single_page))
		doc->is_html = true;
	doc->file = sl_filecheck(m);   /* NULL unless M is a download */
	return doc;
}
