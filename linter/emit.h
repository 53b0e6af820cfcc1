/*
 * emit.h - how rule checks report findings.
 *
 * A check calls SL_EMIT(e, SL_R_RULE, &span, suggestion, arg0, ...): the
 * string arguments fill the rule's message template ({0}, {1} ...) and
 * the finding goes to E's list, with the source line as excerpt when
 * excerpts are on and the decoded page is at hand.  sl_tr() picks the
 * run's language for a language-dependent argument.
 */
#ifndef SL_EMIT_H
#define SL_EMIT_H

#include "decode.h"
#include "diag.h"

struct sl_emit {
	struct sl_diags *out;     /* where findings go (borrowed) */
	enum sl_lang lang;
	const char *file;         /* member path (borrowed) */
	struct sl_decoded *dec;   /* the decoded page, for excerpts, or NULL */
	bool excerpts;
};

/* Adds a finding of RULE at SPAN (NULL: no position) with SUGGESTION (or
 * NULL); the variable arguments are const char * message arguments ended
 * by a NULL, which SL_EMIT supplies.  Returns the new diagnostic. */
struct sl_diag *sl_emit(struct sl_emit *e, enum sl_rule_id rule,
                        const struct sl_span *span, const char *suggestion, ...)
#if defined(__GNUC__)
	__attribute__((sentinel))
#endif
	;

#define SL_EMIT(e, rule, span, sugg, ...) \
	sl_emit((e), (rule), (span), (sugg), __VA_ARGS__, (const char *)NULL)

/* EN or ZH according to LANG.  SL_TR is the same for string literals used
 * as printf formats: the compiler checks both. */
#define SL_TR(lang, en, zh) ((lang) == SL_LANG_ZH ? (zh) : (en))
const char *sl_tr(enum sl_lang lang, const char *en, const char *zh);

/* Copies the source line of LINE (1-based) from DEC, cut to a sane
 * length at a character boundary.  Returns a new string or NULL. */
char *sl_excerpt_line(const struct sl_decoded *dec, uint32_t line);

#endif
