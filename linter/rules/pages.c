/*
 * rules/pages.c - page-level structure: pages/missing-title and
 * pages/encoding.
 */
#include <stdio.h>
#include <string.h>

#include "rules.h"
#include "util.h"

static struct sl_span
file_start(void)
{
	struct sl_span s;
	s.start = (struct sl_pos){ 1, 1, 1, 1 };
	s.end = s.start;
	return s;
}

void
sl_check_pages_title(struct sl_page_check *c)
{
	const struct sl_page *p = c->page;
	enum sl_lang lang = c->emit->lang;
	if (!p->has_title_element) {
		struct sl_span s = file_start();
		SL_EMIT(c->emit, SL_R_PAGES_MISSING_TITLE, &s, NULL,
		        sl_tr(lang, "page has no <title>", "页面没有 <title>"));
		return;
	}
	if (p->title == NULL || p->title[0] == '\0')
		SL_EMIT(c->emit, SL_R_PAGES_MISSING_TITLE, &p->title_span, NULL,
		        sl_tr(lang, "page title is empty", "页面标题为空"));
}

static bool
has_non_ascii(const unsigned char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] >= 0x80)
			return true;
	return false;
}

/* The span of the declaration: the <meta> tag, else the file start. */
static struct sl_span
declaration_span(struct sl_page_check *c)
{
	const struct sl_decoded *d = c->dec;
	for (size_t i = 0; i < c->page->nmetas; i++) {
		const struct sl_meta *m = &c->page->metas[i];
		if (sl_ascii_ieq(m->name, "charset") ||
		    (m->http_equiv && sl_ascii_ieq(m->name, "content-type")))
			return m->content_span;
	}
	(void)d;
	return file_start();
}

/* NUL bytes have no place in a text file; they show as U+FFFD. */
static void
report_nul(struct sl_page_check *c)
{
	const struct sl_decoded *d = c->dec;
	size_t off = 0;
	for (const char *p = d->text; (p = strstr(p, "\xEF\xBF\xBD")) != NULL; p += 3) {
		size_t o = sl_decoded_orig(d, (size_t)(p - d->text));
		if (o < c->member->len && c->member->data[o] == 0) {
			off = (size_t)(p - d->text);
			break;
		}
	}
	char msg[160];
	snprintf(msg, sizeof msg,
	         SL_TR(c->emit->lang, "%zu NUL byte(s) in the page, shown as U+FFFD",
	               "页面中有 %zu 个 NUL 字节，显示为替换字符"),
	         d->nul_count);
	struct sl_span s = sl_decoded_span(c->dec, off, off + 3);
	SL_EMIT(c->emit, SL_R_PAGES_ENCODING, &s, NULL, msg);
}

void
sl_check_pages_encoding(struct sl_page_check *c)
{
	const struct sl_decoded *d = c->dec;
	const struct sl_member *m = c->member;
	enum sl_lang lang = c->emit->lang;
	char msg[256];

	if (c->misdeclared != NULL) {
		/* analyse.c found the bytes to be UTF-8 and read them so. */
		struct sl_span s = declaration_span(c);
		snprintf(msg, sizeof msg,
		         SL_TR(lang, "page declares charset %s but its bytes are UTF-8 (read as UTF-8)",
		               "页面声明字符集为 %s，但实际字节为 UTF-8（已按 UTF-8 读取）"),
		         c->misdeclared);
		SL_EMIT(c->emit, SL_R_PAGES_ENCODING, &s, "utf-8", msg);
		return;
	}
	if (d->source == SL_CS_DETECTED || d->source == SL_CS_DEFAULT) {
		if (!has_non_ascii(m->data, m->len))
			return;   /* ASCII reads the same in every charset we know */
		struct sl_span s = file_start();
		snprintf(msg, sizeof msg,
		         SL_TR(lang, "no charset declared; the bytes look like %s",
		               "未声明字符集；按字节判断为 %s"),
		         d->charset);
		SL_EMIT(c->emit, SL_R_PAGES_ENCODING, &s,
		        sl_ascii_ieq(d->charset, "UTF-8") ? "<meta charset=\"utf-8\">" : NULL, msg);
		return;
	}
	if (d->declared_http[0] && d->declared_meta[0]) {
		const char *h = sl_charset_canonical(d->declared_http);
		const char *t = sl_charset_canonical(d->declared_meta);
		if (h && t && strcmp(h, t) != 0) {
			struct sl_span s = declaration_span(c);
			snprintf(msg, sizeof msg,
			         SL_TR(lang, "the HTTP header says charset %s but the page declares %s",
			               "HTTP 头声明字符集为 %s，而页面声明为 %s"),
			         d->declared_http, d->declared_meta);
			SL_EMIT(c->emit, SL_R_PAGES_ENCODING, &s, NULL, msg);
		}
	}
	if (d->nul_count > 0)
		report_nul(c);
	if (d->invalid_count == 0)
		return;
	struct sl_span s = sl_decoded_span(c->dec, d->first_invalid, d->first_invalid + 3);
	snprintf(msg, sizeof msg,
	         SL_TR(lang, "%zu byte sequence(s) invalid in %s, shown as U+FFFD",
	               "有 %zu 处字节序列在 %s 中无效，显示为替换字符"),
	         d->invalid_count, d->charset);
	SL_EMIT(c->emit, SL_R_PAGES_ENCODING, &s, NULL, msg);
}
