/*
 * emit.c - reporting findings from checks.
 */
#include "emit.h"

#include <stdarg.h>

#include "util.h"

#define MAX_ARGS 8
#define MAX_EXCERPT 1024   /* bytes of a source line shown under a finding */

const char *
sl_tr(enum sl_lang lang, const char *en, const char *zh)
{
	return lang == SL_LANG_ZH ? zh : en;
}

char *
sl_excerpt_line(const struct sl_decoded *dec, uint32_t line)
{
	if (dec == NULL || line == 0 || line > dec->nlines)
		return NULL;
	size_t start, len;
	sl_decoded_line(dec, dec->lines[line - 1], &start, &len);
	if (len > MAX_EXCERPT) {
		len = MAX_EXCERPT;
		while (len > 0 && ((unsigned char)dec->text[start + len] & 0xC0) == 0x80)
			len--;
	}
	return sl_strndup(dec->text + start, len);
}

struct sl_diag *
sl_emit(struct sl_emit *e, enum sl_rule_id rule, const struct sl_span *span,
        const char *suggestion, ...)
{
	const char *args[MAX_ARGS];
	size_t n = 0;
	va_list ap;
	va_start(ap, suggestion);
	for (const char *a; (a = va_arg(ap, const char *)) != NULL;)
		if (n < MAX_ARGS)
			args[n++] = a;
	va_end(ap);
	struct sl_diag *d = sl_diags_add(e->out, e->lang, e->file, span, rule,
	                                 suggestion, args, n);
	if (e->excerpts && span != NULL)
		d->excerpt = sl_excerpt_line(e->dec, span->start.line);
	return d;
}
