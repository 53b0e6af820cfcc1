/*
 * rules/text.c - the text rules (text/typo, text/wrong-name ...): every
 * text run of a page (what a reader sees: visible text, the title, alt
 * and title attributes) is scanned
 * against the compiled dictionaries, and each match is reported at its
 * exact span in the source through the run's byte-to-source map.
 */
#include <stdio.h>
#include <string.h>

#include "dict.h"
#include "matcher.h"
#include "rules.h"
#include "util.h"

#define SHOWN_MAX 96   /* bytes of matched text quoted in a message */

struct scan {
	struct sl_page_check *c;
	const struct sl_textrun *run;
};

static enum sl_rule_id
rule_of(const struct sl_dict_entry *e)
{
	static const struct { const char *id; enum sl_rule_id rule; } tab[] = {
		{ "text/typo", SL_R_TEXT_TYPO }, { "text/wrong-name", SL_R_TEXT_WRONG_NAME },
		{ "text/outdated", SL_R_TEXT_OUTDATED }, { "text/sensitive", SL_R_TEXT_SENSITIVE },
		{ "text/placeholder", SL_R_TEXT_PLACEHOLDER },
		{ "text/confusable", SL_R_TEXT_CONFUSABLE }, { "text/mojibake", SL_R_TEXT_MOJIBAKE },
	};
	for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++)
		if (strcmp(e->rule, tab[i].id) == 0)
			return tab[i].rule;
	return SL_R_TEXT_TYPO;
}

/* The matched text as the reader sees it, cut to a sane length. */
static void
shown_text(const struct sl_textrun *run, uint32_t start, uint32_t end, char *out, size_t size)
{
	size_t n = end - start;
	if (n >= size)
		n = size - 1;
	while (n > 0 && ((unsigned char)run->text[start + n] & 0xC0) == 0x80 && start + n < end)
		n--;
	memcpy(out, run->text + start, n);
	out[n] = '\0';
}

/* A confusable character, named by its code point: "U+2F00 '⼀'". */
static void
shown_codepoint(const struct sl_textrun *run, uint32_t start, uint32_t end, char *out,
                size_t size, enum sl_lang lang)
{
	uint32_t cp;
	int len = sl_utf8_decode((const unsigned char *)run->text + start, end - start, &cp);
	if ((cp >= 0x200B && cp <= 0x200F) || cp == 0x2060 || cp == 0xFEFF || cp == 0xAD)
		snprintf(out, size, SL_TR(lang, "U+%04X (invisible)", "U+%04X（不可见）"), (unsigned)cp);
	else
		snprintf(out, size, "U+%04X '%.*s'", (unsigned)cp, len, run->text + start);
}

/* True when the U+FFFD at TEXT offset OFF was made by the decoder from
 * bytes invalid in the page's charset (pages/encoding reports those)
 * rather than written in the page as a character. */
static bool
decoder_made(const struct sl_page_check *c, size_t off)
{
	size_t o = sl_decoded_orig(c->dec, off);
	const unsigned char *b = c->member->data + o;
	size_t left = c->member->len - o;
	if (o >= c->member->len)
		return true;
	if (left >= 3 && b[0] == 0xEF && b[1] == 0xBF && b[2] == 0xBD)
		return false;   /* U+FFFD in UTF-8 */
	if (left >= 4 && b[0] == 0x84 && b[1] == 0x31 && b[2] == 0xA4 && b[3] == 0x37)
		return false;   /* U+FFFD in GB18030 */
	return true;
}

static void
on_match(void *ctx, const struct sl_text_match *m)
{
	struct scan *s = ctx;
	const struct sl_textrun *run = s->run;
	const struct sl_dict_entry *e = m->entry;
	if (m->end > run->len || m->start >= m->end)
		return;
	enum sl_rule_id rule = rule_of(e);
	/* Garbled text quoted in <pre>/<code> is an example, not an accident. */
	if (rule == SL_R_TEXT_MOJIBAKE && (run->flags & SL_IN_CODE))
		return;
	if (rule == SL_R_TEXT_MOJIBAKE && m->end - m->start == 3 &&
	    memcmp(run->text + m->start, "\xEF\xBF\xBD", 3) == 0 &&
	    s->c->dec->invalid_count > 0 && decoder_made(s->c, run->src[m->start]))
		return;
	char shown[SHOWN_MAX + 32], note[512] = "";
	if (rule == SL_R_TEXT_CONFUSABLE)
		shown_codepoint(run, m->start, m->end, shown, sizeof shown, s->c->emit->lang);
	else
		shown_text(run, m->start, m->end, shown, SHOWN_MAX);
	if (e->note != NULL && e->note[0])
		snprintf(note, sizeof note, s->c->emit->lang == SL_LANG_ZH ? "（%s）" : " (%s)", e->note);
	const char *sugg = e->nsugg > 0 ? e->suggestions[0] : NULL;
	struct sl_span span = sl_decoded_span(s->c->dec, run->src[m->start], run->src[m->end]);
	const char *instead = sugg == NULL ? "-" : sugg;
	char fix[128] = "";
	if (rule == SL_R_TEXT_CONFUSABLE) {
		/* The template says what to do: write the ordinary character, or
		 * delete an invisible one. */
		enum sl_lang lang = s->c->emit->lang;
		if (sugg == NULL || sugg[0] == '\0')
			snprintf(fix, sizeof fix, "%s", sl_tr(lang, "delete it", "应删除"));
		else
			snprintf(fix, sizeof fix, SL_TR(lang, "write '%s'", "应为“%s”"), sugg);
		instead = fix;
	}
	struct sl_diag *d = SL_EMIT(s->c->emit, rule, &span, sugg, shown, instead, note);
	if (e->severity >= SL_DICT_SEV_NOTE && e->severity <= SL_DICT_SEV_ERROR)
		d->severity = (enum sl_severity)e->severity;
	d->only_after = e->valid_from;
}

void
sl_check_text(struct sl_page_check *c)
{
	const struct sl_dictset *set = c->opts->dicts;
	if (set == NULL)
		return;
	struct sl_text_opts o = { c->opts->fold_traditional, false };
	struct scan s = { c, NULL };
	for (size_t i = 0; i < c->page->nruns; i++) {
		s.run = &c->page->runs[i];
		/* Dates are judged at the end against as-of (diag->only_after),
		 * so every dated entry is in force here. */
		sl_text_scan(set, c->worker->text, s.run->text, s.run->len, 0, &o, on_match, &s);
	}
}
