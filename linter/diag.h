/*
 * diag.h - diagnostics: the findings about a site, and the one table of
 * rules they come from.
 *
 * Every rule is a row of rules.def (id, default severity, census
 * indicator, English and Chinese message templates and explanations);
 * the rest of the program refers to rules by enum sl_rule_id, and the
 * public identity of a rule is its string id ("links/broken").
 *
 * A diagnostic's message is a template from the table with {0}, {1}, {2}
 * replaced by string arguments, in the language of the run.
 */
#ifndef SL_DIAG_H
#define SL_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decode.h"

enum sl_severity {
	SL_SEV_OFF = -1,
	SL_SEV_NOTE = 0,
	SL_SEV_WARNING = 1,
	SL_SEV_ERROR = 2,
};

enum sl_lang { SL_LANG_EN, SL_LANG_ZH };

enum sl_rule_id {
#define SL_RULE(sym, id, sev, ind, en, zh, sum_en, sum_zh, exp_en, exp_zh) SL_R_##sym,
#include "rules.def"
#undef SL_RULE
	SL_RULE_COUNT
};

struct sl_rule {
	const char *id;
	enum sl_severity severity;
	const char *indicator;     /* census indicator (e.g. "严重错误") or NULL */
	const char *msg[2];        /* message templates, [SL_LANG_EN], [SL_LANG_ZH] */
	const char *summary[2];    /* one-line description */
	const char *explain[2];    /* what, why, how to fix, how to suppress */
};

extern const struct sl_rule sl_rules[SL_RULE_COUNT];

/* Looks a rule up by its string id; returns SL_RULE_COUNT if unknown. */
enum sl_rule_id sl_rule_find(const char *id);

/* True when PATTERN selects RULE: an id ("links/broken"), a family
 * ("links" or "links/" followed by a star), or a lone star (every rule). */
bool sl_rule_matches(const char *pattern, enum sl_rule_id rule);

const char *sl_severity_name(enum sl_severity sev, enum sl_lang lang);
/* Parses error|warning|note|off; false if unknown. */
bool sl_severity_parse(const char *s, enum sl_severity *out);

/* One finding. */
struct sl_diag {
	char *file;                /* member path inside the snapshot, "" for
	                              the snapshot itself (owned) */
	bool has_pos;              /* false: no line/column (archive-level) */
	struct sl_span span;
	enum sl_rule_id rule;
	enum sl_severity severity;
	char *message;             /* (owned) */
	char *suggestion;          /* fix-it text, or NULL (owned) */
	char *excerpt;             /* the source line, or NULL (owned) */
	int32_t only_after;        /* yyyymmdd: dropped when as-of is earlier;
	                              0 = always */
	int8_t detail;             /* what the census verdict needs to know
	                              beyond the rule: columns/stale: the
	                              column's class + 1; site/stale-homepage:
	                              SL_DETAIL_WHOLE_SITE or 0 */
};

/* site/stale-homepage: nothing on the whole site is newer (网站不更新). */
#define SL_DETAIL_WHOLE_SITE 1

/* A growable list of diagnostics. */
struct sl_diags {
	struct sl_diag *v;
	size_t n, cap;
};

/* Formats the message of RULE in LANG with ARGS ({0}..{N-1}).  Returns a
 * new string. */
char *sl_diag_format(enum sl_rule_id rule, enum sl_lang lang,
                     const char *const *args, size_t nargs);

/* Appends a finding to LIST: copies FILE, SUGGESTION and EXCERPT, formats
 * the message.  SPAN may be NULL (no position).  Returns the new entry. */
struct sl_diag *sl_diags_add(struct sl_diags *list, enum sl_lang lang,
                             const char *file, const struct sl_span *span,
                             enum sl_rule_id rule, const char *suggestion,
                             const char *const *args, size_t nargs);

/* Moves every entry of FROM to the end of TO; FROM is left empty. */
void sl_diags_move(struct sl_diags *to, struct sl_diags *from);

/* Sorts by file, line, column, rule, message (a total order, so output is
 * identical whatever order the entries were added in). */
void sl_diags_sort(struct sl_diags *list);

void sl_diag_clear(struct sl_diag *d);
void sl_diags_free(struct sl_diags *list);

#endif
