/*
 * diag.c - the rule table, message formatting, diagnostic lists.
 */
#include "diag.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

const struct sl_rule sl_rules[SL_RULE_COUNT] = {
#define SL_RULE(sym, id, sev, ind, en, zh, sum_en, sum_zh, exp_en, exp_zh) \
	[SL_R_##sym] = { id, sev, ind, { en, zh }, { sum_en, sum_zh }, { exp_en, exp_zh } },
#include "rules.def"
#undef SL_RULE
};

enum sl_rule_id
sl_rule_find(const char *id)
{
	for (int i = 0; i < SL_RULE_COUNT; i++)
		if (strcmp(sl_rules[i].id, id) == 0)
			return (enum sl_rule_id)i;
	return SL_RULE_COUNT;
}

bool
sl_rule_matches(const char *pattern, enum sl_rule_id rule)
{
	const char *id = sl_rules[rule].id;
	if (strcmp(pattern, "*") == 0 || strcmp(pattern, "all") == 0)
		return true;
	size_t n = strlen(pattern);
	if (n >= 2 && pattern[n - 1] == '*' && pattern[n - 2] == '/')
		return strncmp(id, pattern, n - 1) == 0;
	if (n > 0 && strchr(pattern, '/') == NULL)   /* a bare family: "links" */
		return strncmp(id, pattern, n) == 0 && id[n] == '/';
	return strcmp(id, pattern) == 0;
}

const char *
sl_severity_name(enum sl_severity sev, enum sl_lang lang)
{
	static const char *const names[2][3] = {
		{ "note", "warning", "error" },
		{ "提示", "警告", "错误" },
	};
	if (sev < SL_SEV_NOTE || sev > SL_SEV_ERROR)
		return "off";
	return names[lang == SL_LANG_ZH][sev];
}

bool
sl_severity_parse(const char *s, enum sl_severity *out)
{
	static const struct { const char *name; enum sl_severity sev; } tab[] = {
		{ "error", SL_SEV_ERROR }, { "warning", SL_SEV_WARNING },
		{ "note", SL_SEV_NOTE }, { "off", SL_SEV_OFF },
		{ "none", SL_SEV_OFF }, { "info", SL_SEV_NOTE },
	};
	for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++) {
		if (sl_ascii_ieq(s, tab[i].name)) {
			*out = tab[i].sev;
			return true;
		}
	}
	return false;
}

char *
sl_diag_format(enum sl_rule_id rule, enum sl_lang lang,
               const char *const *args, size_t nargs)
{
	struct sl_buf b;
	const char *t = sl_rules[rule].msg[lang == SL_LANG_ZH];
	sl_buf_init(&b, 0);
	while (*t) {
		if (t[0] == '{' && t[1] >= '0' && t[1] <= '9' && t[2] == '}') {
			size_t i = (size_t)(t[1] - '0');
			if (i < nargs && args[i] != NULL)
				sl_buf_puts(&b, args[i]);
			t += 3;
			continue;
		}
		sl_buf_putc(&b, *t++);
	}
	return sl_buf_steal(&b, NULL);
}

struct sl_diag *
sl_diags_add(struct sl_diags *list, enum sl_lang lang, const char *file,
             const struct sl_span *span, enum sl_rule_id rule,
             const char *suggestion, const char *const *args, size_t nargs)
{
	if (list->n == list->cap) {
		list->cap = list->cap ? list->cap * 2 : 16;
		list->v = sl_realloc(list->v, list->cap * sizeof *list->v);
	}
	struct sl_diag *d = &list->v[list->n++];
	memset(d, 0, sizeof *d);
	d->file = sl_strdup(file ? file : "");
	if (span != NULL) {
		d->has_pos = true;
		d->span = *span;
	}
	d->rule = rule;
	d->severity = sl_rules[rule].severity;
	d->message = sl_diag_format(rule, lang, args, nargs);
	d->suggestion = suggestion ? sl_strdup(suggestion) : NULL;
	return d;
}

void
sl_diags_move(struct sl_diags *to, struct sl_diags *from)
{
	if (from->n == 0)
		return;
	if (to->n + from->n > to->cap) {
		to->cap = to->n + from->n;
		to->v = sl_realloc(to->v, to->cap * sizeof *to->v);
	}
	memcpy(to->v + to->n, from->v, from->n * sizeof *from->v);
	to->n += from->n;
	from->n = 0;
}

static int
cmp_u32(uint32_t a, uint32_t b)
{
	return a < b ? -1 : a > b;
}

static int
cmp_diag(const void *pa, const void *pb)
{
	const struct sl_diag *a = pa, *b = pb;
	int c = strcmp(a->file, b->file);
	if (c)
		return c;
	if (a->has_pos != b->has_pos)
		return a->has_pos ? 1 : -1;
	if ((c = cmp_u32(a->span.start.line, b->span.start.line)) ||
	    (c = cmp_u32(a->span.start.col_byte, b->span.start.col_byte)))
		return c;
	if ((c = strcmp(sl_rules[a->rule].id, sl_rules[b->rule].id)))
		return c;
	if ((c = cmp_u32(a->span.end.line, b->span.end.line)) ||
	    (c = cmp_u32(a->span.end.col_byte, b->span.end.col_byte)))
		return c;
	return strcmp(a->message, b->message);
}

void
sl_diags_sort(struct sl_diags *list)
{
	if (list->n > 1)
		qsort(list->v, list->n, sizeof *list->v, cmp_diag);
}

void
sl_diag_clear(struct sl_diag *d)
{
	free(d->file);
	free(d->message);
	free(d->suggestion);
	free(d->excerpt);
	memset(d, 0, sizeof *d);
}

void
sl_diags_free(struct sl_diags *list)
{
	for (size_t i = 0; i < list->n; i++)
		sl_diag_clear(&list->v[i]);
	free(list->v);
	list->v = NULL;
	list->n = list->cap = 0;
}
