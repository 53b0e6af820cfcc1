/*
 * suppress.c - sitelint directives in HTML comments: parsing, the
 * suppression check, and the used/unused bookkeeping.
 *
 * Directives are kept in source order.  The line forms are checked
 * directly; a range is decided by replaying the disable/enable
 * directives for the rule in question: the rule is suppressed on LINE
 * when a matching disable that starts on or before LINE comes after the
 * last matching enable that ends before LINE.  Pages carry few
 * directives, so a linear replay per finding is cheap.
 */
#include "suppress.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

enum kind { D_DISABLE, D_ENABLE, D_LINE, D_NEXT_LINE };

static const char *const kind_names[] = {
	"sitelint-disable", "sitelint-enable",
	"sitelint-disable-line", "sitelint-disable-next-line",
};

#define PREFIX "sitelint-"
#define MAX_TOKEN 128

struct pat {
	char *rule;
	uint32_t line, col;
	bool used;
};

struct directive {
	enum kind kind;
	uint32_t line, col;        /* of the keyword */
	uint32_t first, last;      /* lines covered: line forms; for a range,
	                              FIRST is where a disable starts and LAST
	                              where an enable ends */
	size_t pat0, npat;         /* its rules in pats[]; npat 0: every rule */
	bool used;                 /* for a directive on every rule */
	size_t seq;                /* input order, to keep the sort stable */
};

struct problem {
	uint32_t line, col;
	char *msg;
	size_t seq;                /* order of discovery */
};

struct sl_suppress {
	struct directive *dirs;
	size_t ndirs, dirs_cap;
	struct pat *pats;
	size_t npats, pats_cap;
	struct problem *probs;
	size_t nprobs, probs_cap;
	bool capped;               /* a per-page cap was hit (reported once) */
};

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Finds the line and column of byte OFF of comment C's text. */
static void
text_pos(const struct sl_comment_in *c, size_t off, uint32_t *line,
         uint32_t *col)
{
	uint32_t l = c->line, k = c->col + 4;   /* past "<!--" */
	for (size_t i = 0; i < off; i++) {
		char ch = c->text[i];
		if (ch == '\n' || (ch == '\r' && c->text[i + 1] != '\n')) {
			l++;
			k = 1;
		} else if (ch != '\r' && ((unsigned char)ch & 0xC0) != 0x80) {
			k++;
		}
	}
	*line = l;
	*col = k;
}

static void vproblem(struct sl_suppress *s, uint32_t line, uint32_t col,
                     const char *fmt, va_list ap) SL_PRINTF(4, 0);

static void
vproblem(struct sl_suppress *s, uint32_t line, uint32_t col, const char *fmt,
         va_list ap)
{
	char msg[300];
	vsnprintf(msg, sizeof msg, fmt, ap);
	if (s->nprobs == s->probs_cap) {
		s->probs_cap = s->probs_cap ? s->probs_cap * 2 : 4;
		s->probs = sl_realloc(s->probs, s->probs_cap * sizeof *s->probs);
	}
	struct problem *p = &s->probs[s->nprobs];
	p->line = line;
	p->col = col;
	p->seq = s->nprobs++;
	p->msg = sl_strdup(msg);
}

/* Records a problem at LINE:COL. */
static void problem_at(struct sl_suppress *s, uint32_t line, uint32_t col,
                       const char *fmt, ...) SL_PRINTF(4, 5);

static void
problem_at(struct sl_suppress *s, uint32_t line, uint32_t col,
           const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vproblem(s, line, col, fmt, ap);
	va_end(ap);
}

/* Records a problem at byte OFF of comment C's text. */
static void problem(struct sl_suppress *s, const struct sl_comment_in *c,
                    size_t off, const char *fmt, ...) SL_PRINTF(4, 5);

static void
problem(struct sl_suppress *s, const struct sl_comment_in *c, size_t off,
        const char *fmt, ...)
{
	uint32_t line, col;
	va_list ap;
	text_pos(c, off, &line, &col);
	va_start(ap, fmt);
	vproblem(s, line, col, fmt, ap);
	va_end(ap);
}

/* How many of the N bytes at T to quote in a message: at most 40, cut on
 * a character boundary. */
static int
clip(const char *t, size_t n)
{
	if (n <= 40)
		return (int)n;
	n = 40;
	while (n > 0 && ((unsigned char)t[n] & 0xC0) == 0x80)
		n--;
	return (int)n;
}

/* A non-empty run of lowercase ASCII letters, digits and single '-'. */
static bool
rule_word(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char ch = s[i];
		if (ch == '-' && i > 0 && s[i - 1] == '-')
			return false;
		if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-'))
			return false;
	}
	return n > 0;
}

/* A rule pattern: "*", "family/" + "*", or "family/name". */
static bool
rule_ok(const char *t, size_t n)
{
	const char *slash = memchr(t, '/', n);
	if (n == 1 && t[0] == '*')
		return true;
	if (slash == NULL || !rule_word(t, (size_t)(slash - t)))
		return false;
	size_t rest = n - (size_t)(slash - t) - 1;
	return (rest == 1 && slash[1] == '*') || rule_word(slash + 1, rest);
}

bool
sl_suppress_rule_match(const char *pattern, const char *rule_id)
{
	size_t n = strlen(pattern);
	if (strcmp(pattern, "*") == 0)
		return true;
	if (n >= 2 && pattern[n - 1] == '*' && pattern[n - 2] == '/')
		return strncmp(pattern, rule_id, n - 1) == 0;
	return strcmp(pattern, rule_id) == 0;
}

static void
add_pat(struct sl_suppress *s, const struct sl_comment_in *c, size_t off,
        size_t n)
{
	if (s->npats == s->pats_cap) {
		s->pats_cap = s->pats_cap ? s->pats_cap * 2 : 8;
		s->pats = sl_realloc(s->pats, s->pats_cap * sizeof *s->pats);
	}
	struct pat *p = &s->pats[s->npats++];
	p->rule = sl_strndup(c->text + off, n);
	text_pos(c, off, &p->line, &p->col);
	p->used = false;
}

/* Reads the rule list of comment C from byte I up to the end or a "--"
 * that opens the reason; adds the valid rules to S.  Returns how many
 * tokens there were (valid or not). */
static size_t
read_rules(struct sl_suppress *s, const struct sl_comment_in *c, size_t i,
           size_t len, const char *kw)
{
	size_t tokens = 0, valid = 0;
	const char *t = c->text;
	for (;;) {
		while (i < len && (is_blank(t[i]) || t[i] == ','))
			i++;
		if (i == len || (t[i] == '-' && i + 1 < len && t[i + 1] == '-'))
			return tokens;
		size_t a = i;
		while (i < len && !is_blank(t[i]) && t[i] != ',')
			i++;
		tokens++;
		if (i - a > MAX_TOKEN || !rule_ok(t + a, i - a)) {
			bool dashes = false;
			for (size_t k = a; k + 1 < i; k++)
				dashes |= t[k] == '-' && t[k + 1] == '-';
			problem(s, c, a, "invalid rule '%.*s' in %s%s", clip(t + a, i - a),
			        t + a, kw, dashes ? " (put a blank before the '--' of the "
			        "reason)" : " (expected family/name, family/* or *)");
		} else if (valid == SL_SUPPRESS_MAX_RULES) {
			problem(s, c, a, "too many rules in one %s (at most %d)", kw,
			        SL_SUPPRESS_MAX_RULES);
			return tokens;
		} else if (s->npats == SL_SUPPRESS_MAX_PAGE_RULES) {
			if (!s->capped)
				problem(s, c, a, "more than %d rules in the sitelint "
				        "directives of the page; the rest are ignored",
				        SL_SUPPRESS_MAX_PAGE_RULES);
			s->capped = true;
			return tokens;
		} else {
			add_pat(s, c, a, i - a);
			valid++;
		}
	}
}

static struct directive *
new_directive(struct sl_suppress *s)
{
	if (s->ndirs == s->dirs_cap) {
		s->dirs_cap = s->dirs_cap ? s->dirs_cap * 2 : 4;
		s->dirs = sl_realloc(s->dirs, s->dirs_cap * sizeof *s->dirs);
	}
	struct directive *d = &s->dirs[s->ndirs];
	memset(d, 0, sizeof *d);
	d->seq = s->ndirs++;
	return d;
}

/* Reads comment C; I is where "sitelint-" starts in its text. */
static void
read_directive(struct sl_suppress *s, const struct sl_comment_in *c, size_t i,
               size_t len)
{
	const char *t = c->text;
	size_t kw = i;
	while (i < len && !is_blank(t[i]))
		i++;
	int kind = -1;
	for (int k = 0; k < (int)(sizeof kind_names / sizeof kind_names[0]); k++)
		if (strlen(kind_names[k]) == i - kw
		    && memcmp(kind_names[k], t + kw, i - kw) == 0)
			kind = k;
	if (kind < 0) {
		problem(s, c, kw, "unknown directive '%.*s' (expected sitelint-disable,"
		        " sitelint-enable, sitelint-disable-line or "
		        "sitelint-disable-next-line)", clip(t + kw, i - kw), t + kw);
		return;
	}
	if (s->ndirs == SL_SUPPRESS_MAX_DIRECTIVES) {
		if (!s->capped)
			problem(s, c, kw, "more than %d sitelint directives in the "
			        "page; the rest are ignored", SL_SUPPRESS_MAX_DIRECTIVES);
		s->capped = true;
		return;
	}
	size_t pat0 = s->npats;
	size_t tokens = read_rules(s, c, i, len, kind_names[kind]);
	if (tokens == 0 && (kind == D_LINE || kind == D_NEXT_LINE)) {
		problem(s, c, kw, "%s needs a rule list, e.g. '%s text/typo -- reason'",
		        kind_names[kind], kind_names[kind]);
		return;
	}
	if (tokens > 0 && s->npats == pat0)
		return;   /* every rule was invalid (reported) */
	struct directive *d = new_directive(s);
	d->kind = (enum kind)kind;
	text_pos(c, kw, &d->line, &d->col);
	d->pat0 = pat0;
	d->npat = s->npats - pat0;
	d->first = kind == D_NEXT_LINE ? c->end_line + 1 : c->line;
	d->last = kind == D_LINE || kind == D_ENABLE ? c->end_line : d->first;
}

static int
cmp_directive(const void *a, const void *b)
{
	const struct directive *x = a, *y = b;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Does pattern Q cover pattern P (every rule P matches, Q matches)? */
static bool
covers(const char *q, const char *p)
{
	size_t n = strlen(q);
	if (strcmp(q, "*") == 0 || strcmp(q, p) == 0)
		return true;
	return n >= 2 && q[n - 1] == '*' && q[n - 2] == '/'
	       && strncmp(q, p, n - 1) == 0;
}

/* Closes what enable pattern Q closes among the open disable patterns
 * (OPEN[k] for pats[k]); returns whether Q re-enables anything. */
static bool
close_open(struct sl_suppress *s, bool *open, const char *q)
{
	bool hit = false;
	for (size_t k = 0; k < s->npats; k++) {
		if (!open[k])
			continue;
		if (q == NULL || covers(q, s->pats[k].rule)) {
			open[k] = false;
			hit = true;
		} else if (covers(s->pats[k].rule, q)) {
			hit = true;   /* a part of a wider disable */
		}
	}
	return hit;
}

/* Reports the enables that re-enable nothing.  OPEN_ALL counts the open
 * disables of every rule. */
static void
check_enables(struct sl_suppress *s)
{
	bool *open = sl_calloc(s->npats, sizeof *open);
	size_t open_all = 0;
	for (size_t i = 0; i < s->ndirs; i++) {
		const struct directive *d = &s->dirs[i];
		if (d->kind == D_DISABLE) {
			for (size_t k = d->pat0; k < d->pat0 + d->npat; k++)
				open[k] = true;
			open_all += d->npat == 0;
		} else if (d->kind == D_ENABLE && d->npat == 0) {
			if (!close_open(s, open, NULL) && open_all == 0)
				problem_at(s, d->line, d->col, "sitelint-enable without "
				           "a sitelint-disable before it");
			open_all = 0;
		} else if (d->kind == D_ENABLE) {
			for (size_t q = d->pat0; q < d->pat0 + d->npat; q++) {
				const struct pat *e = &s->pats[q];
				if (!close_open(s, open, e->rule) && open_all == 0)
					problem_at(s, e->line, e->col, "sitelint-enable %s: "
					           "no sitelint-disable of it before", e->rule);
			}
		}
	}
	free(open);
}

static int
cmp_problem(const void *a, const void *b)
{
	const struct problem *x = a, *y = b;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

struct sl_suppress *
sl_suppress_build(const struct sl_comment_in *comments, size_t n)
{
	struct sl_suppress *s = NULL;
	for (size_t i = 0; i < n; i++) {
		const struct sl_comment_in *c = &comments[i];
		if (c->text == NULL)
			continue;
		size_t len = strnlen(c->text, SL_SUPPRESS_MAX_TEXT), k = 0;
		while (k < len && is_blank(c->text[k]))
			k++;
		if (len - k < strlen(PREFIX)
		    || memcmp(c->text + k, PREFIX, strlen(PREFIX)) != 0)
			continue;
		if (s == NULL)
			s = sl_calloc(1, sizeof *s);
		read_directive(s, c, k, len);
	}
	if (s == NULL)
		return NULL;
	if (s->ndirs > 1)
		qsort(s->dirs, s->ndirs, sizeof *s->dirs, cmp_directive);
	check_enables(s);
	if (s->nprobs > 1)
		qsort(s->probs, s->nprobs, sizeof *s->probs, cmp_problem);
	return s;
}

/* Marks the rules of D that match RULE_ID; returns whether any did. */
static bool
use_matching(struct sl_suppress *s, struct directive *d, const char *rule_id,
             bool mark)
{
	bool hit = false;
	if (d->npat == 0) {
		if (mark)
			d->used = true;
		return true;
	}
	for (size_t k = d->pat0; k < d->pat0 + d->npat; k++) {
		if (sl_suppress_rule_match(s->pats[k].rule, rule_id)) {
			if (mark)
				s->pats[k].used = true;
			hit = true;
		}
	}
	return hit;
}

bool
sl_suppress_check(struct sl_suppress *s, const char *rule_id, uint32_t line)
{
	if (s == NULL)
		return false;
	bool hit = false;
	size_t after = 0;   /* ranges: directives from here on may apply */
	for (size_t i = 0; i < s->ndirs; i++) {
		struct directive *d = &s->dirs[i];
		if (d->kind == D_LINE || d->kind == D_NEXT_LINE) {
			if (line >= d->first && line <= d->last)
				hit |= use_matching(s, d, rule_id, true);
		} else if (d->kind == D_ENABLE && d->last < line
		           && use_matching(s, d, rule_id, false)) {
			after = i + 1;
		}
	}
	for (size_t i = after; i < s->ndirs; i++) {
		struct directive *d = &s->dirs[i];
		if (d->kind == D_DISABLE && d->first <= line)
			hit |= use_matching(s, d, rule_id, true);
	}
	return hit;
}

size_t
sl_suppress_unused(const struct sl_suppress *s, sl_suppress_unused_fn *fn,
                   void *ctx)
{
	size_t count = 0;
	for (size_t i = 0; s != NULL && i < s->ndirs; i++) {
		const struct directive *d = &s->dirs[i];
		const char *kw = kind_names[d->kind];
		if (d->kind == D_ENABLE)
			continue;
		if (d->npat == 0 && !d->used) {
			count++;
			if (fn != NULL)
				fn(ctx, d->line, d->col, kw, NULL);
		}
		for (size_t k = d->pat0; k < d->pat0 + d->npat; k++) {
			const struct pat *p = &s->pats[k];
			if (p->used)
				continue;
			count++;
			if (fn != NULL)
				fn(ctx, p->line, p->col, kw, p->rule);
		}
	}
	return count;
}

size_t
sl_suppress_problems(const struct sl_suppress *s, sl_suppress_problem_fn *fn,
                     void *ctx)
{
	if (s == NULL)
		return 0;
	for (size_t i = 0; fn != NULL && i < s->nprobs; i++)
		fn(ctx, s->probs[i].line, s->probs[i].col, s->probs[i].msg);
	return s->nprobs;
}

void
sl_suppress_free(struct sl_suppress *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < s->npats; i++)
		free(s->pats[i].rule);
	for (size_t i = 0; i < s->nprobs; i++)
		free(s->probs[i].msg);
	free(s->pats);
	free(s->probs);
	free(s->dirs);
	free(s);
}
