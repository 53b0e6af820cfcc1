/*
 * dict.c - dictionary files: parsing, validation, sets, self-tests.
 *
 * Parsing reports through one function (perr) whatever the mode: the
 * loader stops at the first report, the checker goes on.  Every entry's
 * wrong form, suggestions and exceptions are normalized when read, so
 * validation (empty after normalization, self-firing, exceptions that do
 * not contain the wrong form, contradictions) compares what the matcher
 * will compare.
 */
#include "dict.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "matcher.h"
#include "normalize.h"

#define MAX_FIELDS 16

static const char *const rule_names[SL_TEXT_NRULES] = {
	"text/typo", "text/wrong-name", "text/outdated", "text/sensitive",
	"text/placeholder", "text/confusable", "text/mojibake",
};

/* A normalized string. */
struct ustr {
	uint32_t *cp;
	uint32_t len;
};

struct item {
	struct sl_dict_entry e;
	struct sl_dict_pattern p;   /* p.entry == &e */
	struct ustr wrong;
	struct ustr *sugg;          /* nsugg normalized suggestions */
	struct sl_dict_exc *exc;    /* owned cp arrays */
	uint32_t col_wrong, col_sugg;
	uint32_t file_idx;
	bool dead;                  /* replaced by a later file */
};

struct test {
	const char *file;
	uint32_t line;
	char *input;
	size_t inlen;
	char *expect;               /* "RULE\tTEXT\n" per finding */
	int32_t as_of;
	bool trad;
};

struct sl_dictset {
	struct item **items;
	size_t nitems, icap, nlive;
	char **files;
	size_t nfiles;
	struct test *tests;
	size_t ntests, tcap;
	uint32_t *hash;             /* item index + 1, 0 = empty */
	uint32_t *hkey;             /* per slot: the high half of the hash */
	size_t hcap;
	struct sl_dict_pattern *pats;
	size_t npats;
	struct sl_matcher *matcher;
	bool compiled;
	struct sl_norm norm;        /* scratch for loading */
};

struct parser {
	struct sl_dictset *set;
	const char *file;
	uint32_t file_idx;
	uint32_t lineno;
	const char *line;
	size_t len;
	sl_dict_diag_fn fn;
	void *ctx;
	size_t nerr;
	bool first_only;
};

const char *
sl_dict_rule_name(enum sl_text_rule kind)
{
	return (unsigned)kind < SL_TEXT_NRULES ? rule_names[kind] : "text/unknown";
}

bool
sl_dict_rule_parse(const char *name, size_t len, enum sl_text_rule *kind)
{
	for (int i = 0; i < SL_TEXT_NRULES; i++)
		if (strlen(rule_names[i]) == len && memcmp(rule_names[i], name, len) == 0) {
			*kind = (enum sl_text_rule)i;
			return true;
		}
	return false;
}

/* 1-based column, in code points, of byte OFF of LINE. */
static uint32_t
col_at(const char *line, size_t off)
{
	uint32_t col = 1;
	for (size_t i = 0; i < off; i++)
		if (((unsigned char)line[i] & 0xC0) != 0x80)
			col++;
	return col;
}

static void
report(sl_dict_diag_fn fn, void *ctx, const char *file, uint32_t line,
       uint32_t col, const char *msg)
{
	struct sl_dict_diag d = { file, line, col, msg };
	if (fn != NULL)
		fn(ctx, &d);
}

static void perr(struct parser *ps, const char *at, const char *fmt, ...)
	SL_PRINTF(3, 4);

/* Reports a problem at AT (a pointer into the current line). */
static void
perr(struct parser *ps, const char *at, const char *fmt, ...)
{
	char msg[600];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	report(ps->fn, ps->ctx, ps->file, ps->lineno,
	       col_at(ps->line, (size_t)(at - ps->line)), msg);
	ps->nerr++;
}

/*
 * Normalized strings.
 */

static bool
ustr_norm(struct sl_dictset *set, const char *s, size_t n, struct ustr *out)
{
	sl_status st = sl_norm_text(&set->norm, s, n, 0, NULL);
	if (st != SL_OK)
		return false;
	out->len = (uint32_t)set->norm.len;
	out->cp = sl_malloc((set->norm.len + 1) * sizeof *out->cp);
	if (set->norm.len > 0)
		memcpy(out->cp, set->norm.cp, set->norm.len * sizeof *out->cp);
	return true;
}

static bool
ustr_eq(const struct ustr *a, const struct ustr *b)
{
	return a->len == b->len && memcmp(a->cp, b->cp, a->len * sizeof *a->cp) == 0;
}

/* Offset of the first occurrence of NEEDLE in HAY at or after FROM, or
 * -1. */
static long
ustr_find(const struct ustr *hay, const struct ustr *needle, uint32_t from)
{
	if (needle->len == 0 || needle->len > hay->len)
		return -1;
	for (uint32_t i = from; i + needle->len <= hay->len; i++)
		if (memcmp(hay->cp + i, needle->cp, needle->len * sizeof *hay->cp) == 0)
			return (long)i;
	return -1;
}

/*
 * The set and its hash of wrong forms.
 */

struct sl_dictset *
sl_dictset_new(void)
{
	struct sl_dictset *set = sl_calloc(1, sizeof *set);
	sl_norm_init(&set->norm);
	return set;
}

static void
item_free(struct item *it)
{
	if (it == NULL)
		return;
	free(it->e.wrong);
	for (size_t i = 0; i < it->e.nsugg; i++) {
		free(it->e.suggestions[i]);
		free(it->sugg[i].cp);
	}
	free(it->e.suggestions);
	free(it->sugg);
	for (size_t i = 0; i < it->e.nexc; i++)
		free(it->e.exceptions[i]);
	free(it->e.exceptions);
	for (uint32_t i = 0; i < it->p.nexc; i++)
		free((void *)(uintptr_t)it->exc[i].cp);
	free(it->exc);
	free(it->e.note);
	free(it->wrong.cp);
	free(it);
}

void
sl_dictset_free(struct sl_dictset *set)
{
	if (set == NULL)
		return;
	for (size_t i = 0; i < set->nitems; i++)
		item_free(set->items[i]);
	free(set->items);
	for (size_t i = 0; i < set->nfiles; i++)
		free(set->files[i]);
	free(set->files);
	for (size_t i = 0; i < set->ntests; i++) {
		free(set->tests[i].input);
		free(set->tests[i].expect);
	}
	free(set->tests);
	free(set->hash);
	free(set->hkey);
	free(set->pats);
	sl_matcher_free(set->matcher);
	sl_norm_free(&set->norm);
	free(set);
}

size_t
sl_dictset_count(const struct sl_dictset *set)
{
	return set->nlive;
}

static uint64_t
ustr_hash(const struct ustr *u)
{
	uint64_t h = 1469598103934665603ull;
	for (uint32_t i = 0; i < u->len; i++) {
		h ^= u->cp[i];
		h *= 1099511628211ull;
	}
	/* The slot is the low bits, and a multiply only carries upwards:
	 * mix the high bits down (wrong forms that differ in their last
	 * characters' high bits piled up in long probe runs). */
	h ^= h >> 33;
	h *= 0xFF51AFD7ED558CCDull;
	h ^= h >> 33;
	return h;
}

/* Returns the slot of U, whose hash is H, in the hash (empty when
 * absent).  The high half of H is kept per slot, so that a probe reads
 * an item only when it is very likely the one. */
static size_t
hash_slot(const struct sl_dictset *set, const struct ustr *u, uint64_t h)
{
	size_t mask = set->hcap - 1, i = (size_t)h & mask;
	uint32_t key = (uint32_t)(h >> 32);
	while (set->hash[i] != 0 &&
	       (set->hkey[i] != key || !ustr_eq(&set->items[set->hash[i] - 1]->wrong, u)))
		i = (i + 1) & mask;
	return i;
}

static void
hash_grow(struct sl_dictset *set)
{
	size_t old = set->hcap;
	uint32_t *oh = set->hash, *ok = set->hkey;
	set->hcap = old ? old * 2 : 1024;
	set->hash = sl_calloc(set->hcap, sizeof *set->hash);
	set->hkey = sl_calloc(set->hcap, sizeof *set->hkey);
	for (size_t i = 0; i < old; i++) {
		if (oh[i] == 0)
			continue;
		size_t k = hash_slot(set, &set->items[oh[i] - 1]->wrong,
		                     ustr_hash(&set->items[oh[i] - 1]->wrong));
		set->hash[k] = oh[i];
		set->hkey[k] = ok[i];
	}
	free(oh);
	free(ok);
}

/* The live item whose wrong form is U, or NULL. */
static struct item *
hash_find(const struct sl_dictset *set, const struct ustr *u)
{
	if (set->hcap == 0)
		return NULL;
	uint32_t v = set->hash[hash_slot(set, u, ustr_hash(u))];
	return v ? set->items[v - 1] : NULL;
}

/* Adds IT, replacing an entry of an earlier file with the same wrong
 * form.  Returns false (and adds nothing) for a duplicate in one file. */
static bool
set_add(struct parser *ps, struct item *it, const char *wrong_at)
{
	struct sl_dictset *set = ps->set;
	if ((set->nlive + 1) * 2 > set->hcap)
		hash_grow(set);
	uint64_t h = ustr_hash(&it->wrong);
	size_t slot = hash_slot(set, &it->wrong, h);
	if (set->hash[slot] != 0) {
		struct item *old = set->items[set->hash[slot] - 1];
		if (old->file_idx == it->file_idx) {
			perr(ps, wrong_at, "duplicate entry for '%s' (first at line %u)",
			     it->e.wrong, old->e.line);
			return false;
		}
		old->dead = true;
		set->nlive--;
	}
	if (set->nitems == set->icap) {
		set->icap = set->icap ? set->icap * 2 : 256;
		set->items = sl_realloc(set->items, set->icap * sizeof *set->items);
	}
	set->items[set->nitems++] = it;
	set->hash[slot] = (uint32_t)set->nitems;
	set->hkey[slot] = (uint32_t)(h >> 32);
	set->nlive++;
	return true;
}

/*
 * Entry lines.
 */

struct field {
	const char *s;
	size_t n;
};

static bool
is_space_at(const char *s, size_t n, size_t *len)
{
	const unsigned char *u = (const unsigned char *)s;
	if (n >= 1 && (u[0] == ' ' || u[0] == '\t')) {
		*len = 1;
		return true;
	}
	if (n >= 2 && u[0] == 0xC2 && u[1] == 0xA0) {             /* U+00A0 */
		*len = 2;
		return true;
	}
	if (n >= 3 && u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80) {   /* U+3000 */
		*len = 3;
		return true;
	}
	return false;
}

/* Reports a field that is empty or has white space at either end. */
static bool
field_ok(struct parser *ps, const struct field *f, const char *what)
{
	size_t l;
	if (f->n == 0) {
		perr(ps, f->s, "empty %s", what);
		return false;
	}
	if (is_space_at(f->s, f->n, &l)) {
		perr(ps, f->s, "space at the start of the %s", what);
		return false;
	}
	for (size_t i = 0; i < f->n; i++)
		if (is_space_at(f->s + i, f->n - i, &l) && i + l == f->n) {
			perr(ps, f->s + i, "space at the end of the %s", what);
			return false;
		}
	return true;
}

static bool
parse_date(const char *s, size_t n, int32_t *out)
{
	static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (n != 10 || s[4] != '-' || s[7] != '-')
		return false;
	int v[3] = { 0, 0, 0 }, k = 0;
	for (size_t i = 0; i < n; i++) {
		if (i == 4 || i == 7) {
			k++;
			continue;
		}
		if (s[i] < '0' || s[i] > '9')
			return false;
		v[k] = v[k] * 10 + (s[i] - '0');
	}
	int y = v[0], m = v[1], d = v[2];
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1] ||
	    (m == 2 && d == 29 && !leap))
		return false;
	*out = y * 10000 + m * 100 + d;
	return true;
}

/* Splits F at '|' into at most MAX parts; returns their number. */
static size_t
split_bar(const struct field *f, struct field *parts, size_t max)
{
	size_t n = 0;
	const char *p = f->s, *end = f->s + f->n;
	while (n < max) {
		const char *bar = memchr(p, '|', (size_t)(end - p));
		const char *stop = bar ? bar : end;
		parts[n++] = (struct field){ p, (size_t)(stop - p) };
		if (bar == NULL)
			break;
		p = bar + 1;
	}
	return n;
}

static bool
parse_wrong(struct parser *ps, struct item *it, const struct field *f)
{
	if (!field_ok(ps, f, "wrong form"))
		return false;
	it->e.wrong = sl_strndup(f->s, f->n);
	it->col_wrong = col_at(ps->line, (size_t)(f->s - ps->line));
	if (!ustr_norm(ps->set, f->s, f->n, &it->wrong)) {
		perr(ps, f->s, "ICU cannot normalize the wrong form");
		return false;
	}
	if (it->wrong.len == 0) {
		perr(ps, f->s, "wrong form is empty after normalization");
		return false;
	}
	if (it->wrong.len > SL_DICT_MAX_WRONG) {
		perr(ps, f->s, "wrong form longer than %d characters", SL_DICT_MAX_WRONG);
		return false;
	}
	it->p.cp = it->wrong.cp;
	it->p.len = it->wrong.len;
	return true;
}

static bool
parse_suggestions(struct parser *ps, struct item *it, const struct field *f)
{
	struct field parts[64];
	if (!field_ok(ps, f, "suggestions field"))
		return false;
	it->col_sugg = col_at(ps->line, (size_t)(f->s - ps->line));
	if (f->n == 1 && f->s[0] == '-')
		return true;
	size_t n = split_bar(f, parts, 64);
	it->e.suggestions = sl_calloc(n, sizeof *it->e.suggestions);
	it->sugg = sl_calloc(n, sizeof *it->sugg);
	for (size_t i = 0; i < n; i++) {
		if (!field_ok(ps, &parts[i], "suggestion"))
			return false;
		struct ustr *u = &it->sugg[i];
		it->e.suggestions[i] = sl_strndup(parts[i].s, parts[i].n);
		it->e.nsugg++;
		if (!ustr_norm(ps->set, parts[i].s, parts[i].n, u)) {
			perr(ps, parts[i].s, "ICU cannot normalize the suggestion");
			return false;
		}
		if (ustr_eq(u, &it->wrong)) {
			perr(ps, parts[i].s, "suggestion '%s' is the wrong form itself "
			     "(after normalization)", it->e.suggestions[i]);
			return false;
		}
		if (ustr_find(u, &it->wrong, 0) >= 0) {
			perr(ps, parts[i].s, "the wrong form occurs inside its suggestion "
			     "'%s': the fix would be reported again", it->e.suggestions[i]);
			return false;
		}
	}
	return true;
}

static void
add_exc(struct item *it, const struct ustr *u, uint32_t at, bool own)
{
	it->exc = sl_realloc(it->exc, (it->p.nexc + 1) * sizeof *it->exc);
	uint32_t *cp = u->cp;
	if (!own) {
		cp = sl_malloc(u->len * sizeof *cp);
		memcpy(cp, u->cp, u->len * sizeof *cp);
	}
	it->exc[it->p.nexc++] = (struct sl_dict_exc){ cp, u->len, at };
	it->p.exc = it->exc;
}

static bool
parse_except(struct parser *ps, struct item *it, const struct field *f)
{
	struct field parts[64];
	size_t n = split_bar(f, parts, 64);
	it->e.exceptions = sl_calloc(n, sizeof *it->e.exceptions);
	for (size_t i = 0; i < n; i++) {
		if (!field_ok(ps, &parts[i], "exception"))
			return false;
		it->e.exceptions[it->e.nexc++] = sl_strndup(parts[i].s, parts[i].n);
		struct ustr u;
		if (!ustr_norm(ps->set, parts[i].s, parts[i].n, &u)) {
			perr(ps, parts[i].s, "ICU cannot normalize the exception");
			return false;
		}
		long at = ustr_find(&u, &it->wrong, 0);
		if (at < 0 || u.len > SL_DICT_MAX_WRONG) {
			perr(ps, parts[i].s, at < 0 ?
			     "exception '%s' does not contain the wrong form" :
			     "exception '%s' is too long", it->e.exceptions[i]);
			free(u.cp);
			return false;
		}
		/* Every occurrence is a way for the context to cover a match. */
		bool own = true;
		for (; at >= 0; at = ustr_find(&u, &it->wrong, (uint32_t)at + 1)) {
			add_exc(it, &u, (uint32_t)at, own);
			own = false;
		}
	}
	return true;
}

/* Parses one key=value field; SEEN has a bit per key already given. */
static bool
parse_attr(struct parser *ps, struct item *it, const struct field *f, unsigned *seen)
{
	static const char *const keys[] = { "except", "from", "severity", "note", "match" };
	const size_t nkeys = sizeof keys / sizeof keys[0];
	const char *eq = memchr(f->s, '=', f->n);
	if (eq == NULL) {
		perr(ps, f->s, "expected key=value (except, from, severity, note or match)");
		return false;
	}
	size_t kl = (size_t)(eq - f->s), k;
	struct field v = { eq + 1, f->n - kl - 1 };
	for (k = 0; k < nkeys; k++)
		if (strlen(keys[k]) == kl && memcmp(keys[k], f->s, kl) == 0)
			break;
	if (k == nkeys) {
		perr(ps, f->s, "unknown attribute '%.*s' (expected except, from, "
		     "severity, note or match)", (int)kl, f->s);
		return false;
	}
	if (*seen & (1u << k)) {
		perr(ps, f->s, "duplicate attribute '%s'", keys[k]);
		return false;
	}
	*seen |= 1u << k;
	if (!field_ok(ps, &v, "attribute value"))
		return false;
	if (k == 0)
		return parse_except(ps, it, &v);
	if (k == 1 && !parse_date(v.s, v.n, &it->e.valid_from)) {
		perr(ps, v.s, "invalid date '%.*s' (expected YYYY-MM-DD)", (int)v.n, v.s);
		return false;
	}
	if (k == 2) {
		static const char *const sev[] = { "note", "warning", "error" };
		for (int i = 0; i < 3; i++)
			if (strlen(sev[i]) == v.n && memcmp(sev[i], v.s, v.n) == 0)
				it->e.severity = i;
		if (it->e.severity == SL_DICT_SEV_DEFAULT) {
			perr(ps, v.s, "invalid severity '%.*s' (expected error, warning "
			     "or note)", (int)v.n, v.s);
			return false;
		}
	}
	if (k == 3)
		it->e.note = sl_strndup(v.s, v.n);
	if (k == 4) {
		it->e.whole = v.n == 5 && memcmp(v.s, "whole", 5) == 0;
		if (!it->e.whole && !(v.n == 3 && memcmp(v.s, "any", 3) == 0)) {
			perr(ps, v.s, "invalid match '%.*s' (expected whole or any)",
			     (int)v.n, v.s);
			return false;
		}
	}
	return true;
}

static size_t
split_tabs(const char *line, size_t len, struct field *f, size_t max)
{
	size_t n = 0;
	const char *p = line, *end = line + len;
	while (n < max) {
		const char *tab = memchr(p, '\t', (size_t)(end - p));
		const char *stop = tab ? tab : end;
		f[n++] = (struct field){ p, (size_t)(stop - p) };
		if (tab == NULL)
			break;
		p = tab + 1;
	}
	return n;
}

static bool
parse_fields(struct parser *ps, struct item *it, struct field *f, size_t nf)
{
	if (nf < 3) {
		const char *sp = memchr(ps->line, ' ', ps->len);
		if (nf == 1 && sp != NULL)
			perr(ps, sp, "fields must be separated by TAB characters");
		else
			perr(ps, ps->line + ps->len, nf == 1 ?
			     "missing the wrong form and suggestions (RULE<TAB>WRONG<TAB>SUGGESTIONS)" :
			     "missing the suggestions field (use - for none)");
		return false;
	}
	if (!field_ok(ps, &f[0], "rule"))
		return false;
	if (!sl_dict_rule_parse(f[0].s, f[0].n, &it->e.kind)) {
		perr(ps, f[0].s, "unknown rule '%.*s' (expected text/typo, text/wrong-name, "
		     "text/outdated, text/sensitive, text/placeholder, text/confusable "
		     "or text/mojibake)", (int)f[0].n, f[0].s);
		return false;
	}
	it->e.rule = rule_names[it->e.kind];
	if (!parse_wrong(ps, it, &f[1]) || !parse_suggestions(ps, it, &f[2]))
		return false;
	unsigned seen = 0;
	for (size_t i = 3; i < nf; i++)
		if (!parse_attr(ps, it, &f[i], &seen))
			return false;
	return true;
}

static void
parse_entry(struct parser *ps)
{
	struct field f[MAX_FIELDS + 1];
	size_t nf = split_tabs(ps->line, ps->len, f, MAX_FIELDS + 1);
	if (nf > MAX_FIELDS) {
		perr(ps, f[MAX_FIELDS].s, "more than %d fields", MAX_FIELDS);
		return;
	}
	if (ps->set->nitems >= SL_DICT_MAX_ENTRIES) {
		perr(ps, ps->line, "more than %d entries", SL_DICT_MAX_ENTRIES);
		return;
	}
	struct item *it = sl_calloc(1, sizeof *it);
	it->e.severity = SL_DICT_SEV_DEFAULT;
	it->e.file = ps->file;
	it->e.line = ps->lineno;
	it->file_idx = ps->file_idx;
	it->p.entry = &it->e;
	if (!parse_fields(ps, it, f, nf) || !set_add(ps, it, f[1].s))
		item_free(it);
}

/*
 * Self-test lines: @test[OPTIONS] INPUT => EXPECTED
 */

/* Appends S (N bytes) to OUT with \u{HEX} escapes decoded; returns the
 * offset of a malformed escape, or N when all is well. */
static size_t
unescape(const char *s, size_t n, struct sl_buf *out)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '\\' || i + 1 >= n || s[i + 1] != 'u') {
			sl_buf_putc(out, s[i]);
			continue;
		}
		size_t j = i + 2;
		uint32_t cp = 0;
		if (j >= n || s[j] != '{')
			return i;
		for (j++; j < n && s[j] != '}'; j++) {
			char c = sl_ascii_lower(s[j]);
			int d = (c >= '0' && c <= '9') ? c - '0' :
			        (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
			if (d < 0 || cp > 0x10FFFF)
				return i;
			cp = cp * 16 + (uint32_t)d;
		}
		if (j >= n || j == i + 3 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return i;
		char u8[4];
		sl_buf_append(out, u8, (size_t)sl_utf8_encode(cp, u8));
		i = j;
	}
	return n;
}

static struct field
trim(struct field f)
{
	while (f.n > 0 && f.s[0] == ' ') {
		f.s++;
		f.n--;
	}
	while (f.n > 0 && f.s[f.n - 1] == ' ')
		f.n--;
	return f;
}

static bool
parse_test_opts(struct parser *ps, struct test *t, const struct field *o)
{
	struct field parts[8];
	const char *p = o->s, *end = o->s + o->n;
	size_t n = 0;
	while (n < 8) {
		const char *c = memchr(p, ',', (size_t)(end - p));
		parts[n++] = trim((struct field){ p, (size_t)((c ? c : end) - p) });
		if (c == NULL)
			break;
		p = c + 1;
	}
	for (size_t i = 0; i < n; i++) {
		const struct field *f = &parts[i];
		if (f->n == 4 && memcmp(f->s, "trad", 4) == 0) {
			t->trad = true;
		} else if (f->n > 6 && memcmp(f->s, "as-of=", 6) == 0) {
			if (!parse_date(f->s + 6, f->n - 6, &t->as_of)) {
				perr(ps, f->s + 6, "invalid date '%.*s' (expected YYYY-MM-DD)",
				     (int)(f->n - 6), f->s + 6);
				return false;
			}
		} else {
			perr(ps, f->s, "unknown test option '%.*s' (expected "
			     "as-of=YYYY-MM-DD or trad)", (int)f->n, f->s);
			return false;
		}
	}
	return true;
}

/* Parses EXPECTED into T->expect ("RULE\tTEXT\n" per finding). */
static bool
parse_expect(struct parser *ps, struct test *t, struct field ex)
{
	struct sl_buf b;
	sl_buf_init(&b, 0);
	ex = trim(ex);
	if (ex.n == 9 && memcmp(ex.s, "(nothing)", 9) == 0)
		goto done;
	const char *p = ex.s, *end = ex.s + ex.n;
	for (;;) {
		const char *semi = memchr(p, ';', (size_t)(end - p));
		struct field it = trim((struct field){ p, (size_t)((semi ? semi : end) - p) });
		const char *sp = memchr(it.s, ' ', it.n);
		enum sl_text_rule kind;
		if (it.n == 0 || sp == NULL) {
			perr(ps, it.s, "expected 'RULE TEXT' or (nothing) after '=>'");
			goto fail;
		}
		if (!sl_dict_rule_parse(it.s, (size_t)(sp - it.s), &kind)) {
			perr(ps, it.s, "unknown rule '%.*s'", (int)(sp - it.s), it.s);
			goto fail;
		}
		struct field txt = trim((struct field){ sp, it.n - (size_t)(sp - it.s) });
		sl_buf_puts(&b, rule_names[kind]);
		sl_buf_putc(&b, '\t');
		size_t bad = unescape(txt.s, txt.n, &b);
		if (bad < txt.n) {
			perr(ps, txt.s + bad, "invalid escape (expected \\u{HEX})");
			goto fail;
		}
		sl_buf_putc(&b, '\n');
		if (semi == NULL)
			break;
		p = semi + 1;
	}
done:
	t->expect = sl_buf_steal(&b, NULL);
	return true;
fail:
	sl_buf_free(&b);
	return false;
}

static void
parse_test(struct parser *ps, const char *rest)
{
	struct test t;
	memset(&t, 0, sizeof t);
	t.file = ps->file;
	t.line = ps->lineno;
	const char *end = ps->line + ps->len;
	if (rest < end && *rest == '[') {
		const char *close = memchr(rest, ']', (size_t)(end - rest));
		if (close == NULL) {
			perr(ps, rest, "missing ']' after test options");
			return;
		}
		if (!parse_test_opts(ps, &t, &(struct field){ rest + 1, (size_t)(close - rest - 1) }))
			return;
		rest = close + 1;
	}
	if (rest >= end || *rest != ' ') {
		perr(ps, rest, "expected ' INPUT => EXPECTED' after @test");
		return;
	}
	rest++;
	const char *arrow = NULL;
	for (const char *p = rest; p + 4 <= end; p++)
		if (memcmp(p, " => ", 4) == 0) {
			arrow = p;
			break;
		}
	if (arrow == NULL && end - rest >= 3 && memcmp(end - 3, " =>", 3) == 0)
		arrow = end - 3;
	if (arrow == NULL || arrow == rest) {
		perr(ps, arrow ? rest : end, arrow ? "empty test input" :
		     "expected ' => ' between the test input and what it must report");
		return;
	}
	struct sl_buf in;
	sl_buf_init(&in, 0);
	size_t bad = unescape(rest, (size_t)(arrow - rest), &in);
	if (bad < (size_t)(arrow - rest)) {
		perr(ps, rest + bad, "invalid escape (expected \\u{HEX})");
		sl_buf_free(&in);
		return;
	}
	const char *exs = arrow + 4 <= end ? arrow + 4 : end;
	if (!parse_expect(ps, &t, (struct field){ exs, (size_t)(end - exs) })) {
		sl_buf_free(&in);
		return;
	}
	t.input = sl_buf_steal(&in, &t.inlen);
	struct sl_dictset *set = ps->set;
	if (set->ntests == set->tcap) {
		set->tcap = set->tcap ? set->tcap * 2 : 32;
		set->tests = sl_realloc(set->tests, set->tcap * sizeof *set->tests);
	}
	set->tests[set->ntests++] = t;
}

/*
 * Lines and files.
 */

/* Checks the bytes of the current line; false after reporting. */
static bool
line_ok(struct parser *ps)
{
	const unsigned char *s = (const unsigned char *)ps->line;
	if (ps->len > SL_DICT_MAX_LINE) {
		perr(ps, ps->line + SL_DICT_MAX_LINE, "line longer than %d bytes",
		     SL_DICT_MAX_LINE);
		return false;
	}
	for (size_t i = 0; i < ps->len;) {
		uint32_t cp;
		int l = sl_utf8_decode(s + i, ps->len - i, &cp);
		if (cp == 0xFFFD && l == 1) {
			perr(ps, ps->line + i, "invalid UTF-8");
			return false;
		}
		if ((cp < 0x20 && cp != '\t') || cp == 0x7F) {
			perr(ps, ps->line + i, "control character U+%04X", (unsigned)cp);
			return false;
		}
		i += (size_t)l;
	}
	return true;
}

static void
parse_line(struct parser *ps)
{
	if (!line_ok(ps))
		return;
	size_t i = 0;
	while (i < ps->len && (ps->line[i] == ' ' || ps->line[i] == '\t'))
		i++;
	if (i == ps->len || ps->line[i] == '#')
		return;
	if (i > 0) {
		perr(ps, ps->line, "space at the start of the line");
		return;
	}
	if (ps->line[0] != '@') {
		parse_entry(ps);
		return;
	}
	size_t n = 1;
	while (n < ps->len && ps->line[n] != ' ' && ps->line[n] != '[')
		n++;
	if (n == 5 && memcmp(ps->line, "@test", 5) == 0)
		parse_test(ps, ps->line + 5);
	else
		perr(ps, ps->line, "unknown directive '%.*s' (expected @test)", (int)n,
		     ps->line);
}

/* Reads PATH whole; NULL with a message in ERR on failure. */
static char *
read_file(const char *path, size_t *len, sl_status *st, struct sl_err *err)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		*st = sl_err_set(err, SL_ERR_IO, "%s: %s", path, strerror(errno));
		return NULL;
	}
	struct sl_buf b;
	sl_buf_init(&b, SL_DICT_MAX_FILE);
	char chunk[65536];
	size_t n;
	*st = SL_OK;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		if (!sl_buf_append(&b, chunk, n)) {
			*st = sl_err_set(err, SL_ERR_LIMIT, "%s: larger than %u bytes",
			                 path, SL_DICT_MAX_FILE);
			break;
		}
	if (*st == SL_OK && ferror(f))
		*st = sl_err_set(err, SL_ERR_IO, "%s: %s", path, strerror(errno));
	fclose(f);
	if (*st != SL_OK) {
		sl_buf_free(&b);
		return NULL;
	}
	return sl_buf_steal(&b, len);
}

/* Parses LEN bytes of DATA, named NAME in messages, into PS->set. */
static sl_status
parse_data(struct parser *ps, const char *name, const char *data, size_t len,
           struct sl_err *err)
{
	struct sl_dictset *set = ps->set;
	if (set->compiled)
		return sl_err_set(err, SL_ERR_USAGE, "%s: dictionary set already compiled", name);
	if (len > SL_DICT_MAX_FILE)
		return sl_err_set(err, SL_ERR_LIMIT, "%s: larger than %u bytes", name,
		                  SL_DICT_MAX_FILE);
	set->files = sl_realloc(set->files, (set->nfiles + 1) * sizeof *set->files);
	set->files[set->nfiles] = sl_strdup(name);
	ps->file = set->files[set->nfiles];
	ps->file_idx = (uint32_t)set->nfiles++;
	const char *p = data, *end = data + len;
	if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	while (p < end && !(ps->first_only && ps->nerr > 0)) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *stop = nl ? nl : end;
		ps->lineno++;
		ps->line = p;
		ps->len = (size_t)(stop - p);
		if (ps->len > 0 && p[ps->len - 1] == '\r')
			ps->len--;
		parse_line(ps);
		p = nl ? nl + 1 : end;
	}
	return SL_OK;
}

/* Parses the file at PATH into PS->set. */
static sl_status
parse_file(struct parser *ps, const char *path, struct sl_err *err)
{
	sl_status st;
	size_t len;
	if (ps->set->compiled)
		return sl_err_set(err, SL_ERR_USAGE, "%s: dictionary set already compiled", path);
	char *data = read_file(path, &len, &st, err);
	if (data == NULL)
		return st;
	st = parse_data(ps, path, data, len, err);
	free(data);
	return st;
}

/* Keeps the first problem as "FILE:LINE:COL: message". */
static void
keep_first(void *ctx, const struct sl_dict_diag *d)
{
	struct sl_err *err = ctx;
	if (err != NULL)
		sl_err_set(err, SL_ERR_USAGE, "%s:%u:%u: %s", d->file, d->line, d->col, d->msg);
}

sl_status
sl_dictset_load_file(struct sl_dictset *set, const char *path, struct sl_err *err)
{
	struct parser ps = { .set = set, .fn = keep_first, .ctx = err, .first_only = true };
	sl_status st = parse_file(&ps, path, err);
	if (st != SL_OK)
		return st;
	return ps.nerr > 0 ? SL_ERR_USAGE : SL_OK;
}

sl_status
sl_dictset_load_mem(struct sl_dictset *set, const char *name, const char *data,
                    size_t len, struct sl_err *err)
{
	struct parser ps = { .set = set, .fn = keep_first, .ctx = err, .first_only = true };
	sl_status st = parse_data(&ps, name, data, len, err);
	if (st != SL_OK)
		return st;
	return ps.nerr > 0 ? SL_ERR_USAGE : SL_OK;
}

size_t
sl_dictset_check_mem(struct sl_dictset *set, const char *name, const char *data,
                     size_t len, sl_dict_diag_fn fn, void *ctx)
{
	struct parser ps = { .set = set, .fn = fn, .ctx = ctx };
	struct sl_err err;
	if (parse_data(&ps, name, data, len, &err) != SL_OK) {
		report(fn, ctx, name, 0, 0, err.msg);
		return 1;
	}
	return ps.nerr;
}

size_t
sl_dictset_check_file(struct sl_dictset *set, const char *path, sl_dict_diag_fn fn,
                      void *ctx)
{
	struct parser ps = { .set = set, .fn = fn, .ctx = ctx };
	struct sl_err err;
	if (parse_file(&ps, path, &err) != SL_OK) {
		/* The message names the file already; the diagnostic does too. */
		size_t pl = strlen(path);
		const char *msg = err.msg;
		if (strncmp(msg, path, pl) == 0 && msg[pl] == ':' && msg[pl + 1] == ' ')
			msg += pl + 2;
		report(fn, ctx, path, 0, 0, msg);
		return 1;
	}
	return ps.nerr;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

sl_status
sl_dictset_load_dir(struct sl_dictset *set, const char *dir, struct sl_err *err)
{
	DIR *d = opendir(dir);
	if (d == NULL)
		return sl_err_set(err, SL_ERR_IO, "%s: %s", dir, strerror(errno));
	char **names = NULL;
	size_t n = 0;
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' || !sl_ends_with(de->d_name, ".txt"))
			continue;
		names = sl_realloc(names, (n + 1) * sizeof *names);
		names[n++] = sl_aprintf("%s/%s", dir, de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof *names, cmp_str);
	sl_status st = SL_OK;
	for (size_t i = 0; i < n; i++) {
		if (st == SL_OK)
			st = sl_dictset_load_file(set, names[i], err);
		free(names[i]);
	}
	free(names);
	return st;
}

/*
 * Compiling and checking a set.
 */

static bool
has_sugg(const struct item *it, const struct ustr *u)
{
	for (size_t i = 0; i < it->e.nsugg; i++)
		if (ustr_eq(&it->sugg[i], u))
			return true;
	return false;
}

/* Reports every pair A -> B, B -> A (at the later of the two). */
static size_t
find_contradictions(struct sl_dictset *set, sl_dict_diag_fn fn, void *ctx)
{
	size_t nerr = 0;
	for (size_t i = 0; i < set->nitems; i++) {
		struct item *it = set->items[i];
		if (it->dead)
			continue;
		for (size_t s = 0; s < it->e.nsugg; s++) {
			struct item *other = hash_find(set, &it->sugg[s]);
			if (other == NULL || other->dead || !has_sugg(other, &it->wrong))
				continue;
			/* Report once, at whichever was read last. */
			if (other->file_idx > it->file_idx ||
			    (other->file_idx == it->file_idx && other->e.line > it->e.line))
				continue;
			char msg[600];
			snprintf(msg, sizeof msg, "'%s' -> '%s' contradicts %s:%u ('%s' -> '%s')",
			         it->e.wrong, it->e.suggestions[s], other->e.file,
			         other->e.line, other->e.wrong, it->e.wrong);
			report(fn, ctx, it->e.file, it->e.line, it->col_wrong, msg);
			nerr++;
		}
	}
	return nerr;
}

/* Builds the pattern list and the automaton; returns the problems. */
static size_t
compile(struct sl_dictset *set, sl_dict_diag_fn fn, void *ctx)
{
	if (set->compiled)
		return 0;
	size_t nerr = find_contradictions(set, fn, ctx);
	set->pats = sl_malloc((set->nlive + 1) * sizeof *set->pats);
	set->npats = 0;
	for (size_t i = 0; i < set->nitems; i++)
		if (!set->items[i]->dead)
			set->pats[set->npats++] = set->items[i]->p;
	set->matcher = sl_matcher_new(set->pats, set->npats);
	set->compiled = true;
	sl_norm_free(&set->norm);
	return nerr;
}

sl_status
sl_dictset_compile(struct sl_dictset *set, struct sl_err *err)
{
	return compile(set, keep_first, err) > 0 ? SL_ERR_USAGE : SL_OK;
}

const struct sl_dict_pattern *
sl_dictset_patterns(const struct sl_dictset *set, size_t *n)
{
	*n = set->compiled ? set->npats : 0;
	return set->compiled ? set->pats : NULL;
}

const struct sl_matcher *
sl_dictset_matcher(const struct sl_dictset *set)
{
	return set->compiled ? set->matcher : NULL;
}

/* Collects findings as "RULE\tTEXT\n" lines. */
struct collect {
	struct sl_buf *out;
	const char *text;
	const struct sl_dict_entry *first;
};

static void
collect_match(void *ctx, const struct sl_text_match *m)
{
	struct collect *c = ctx;
	if (c->first == NULL)
		c->first = m->entry;
	sl_buf_puts(c->out, m->entry->rule);
	sl_buf_putc(c->out, '\t');
	sl_buf_append(c->out, c->text + m->start, m->end - m->start);
	sl_buf_putc(c->out, '\n');
}

/* Writes the findings list S ("RULE\tTEXT\n"...) for a message: "RULE
 * TEXT; RULE TEXT", invisible characters as \u{HEX}, or "(nothing)". */
static void
describe(struct sl_buf *out, const char *s)
{
	if (*s == '\0') {
		sl_buf_puts(out, "(nothing)");
		return;
	}
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		int l = sl_utf8_decode((const unsigned char *)s + i, n - i, &cp);
		if (s[i] == '\t')
			sl_buf_putc(out, ' ');
		else if (s[i] == '\n')
			sl_buf_puts(out, i + 1 < n ? "; " : "");
		else if (cp == 0xAD || (cp >= 0x200B && cp <= 0x200F) ||
		         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x206F) ||
		         cp == 0xFEFF)
			sl_buf_printf(out, "\\u{%04X}", (unsigned)cp);
		else
			sl_buf_append(out, s + i, (size_t)l);
		i += (size_t)l;
	}
}

static size_t
run_tests(struct sl_dictset *set, struct sl_text_scratch *scr, sl_dict_diag_fn fn,
          void *ctx)
{
	size_t nerr = 0;
	struct sl_buf got, msg;
	sl_buf_init(&got, 0);
	sl_buf_init(&msg, 0);
	for (size_t i = 0; i < set->ntests; i++) {
		const struct test *t = &set->tests[i];
		struct sl_text_opts opts = { t->trad, false };
		struct collect c = { &got, t->input, NULL };
		sl_buf_reset(&got);
		sl_buf_puts(&got, "");
		sl_text_scan(set, scr, t->input, t->inlen, t->as_of ? t->as_of : 99991231,
		             &opts, collect_match, &c);
		if (strcmp(got.data, t->expect) == 0)
			continue;
		sl_buf_reset(&msg);
		sl_buf_puts(&msg, "self-test failed: expected ");
		describe(&msg, t->expect);
		sl_buf_puts(&msg, ", got ");
		describe(&msg, got.data);
		report(fn, ctx, t->file, t->line, 1, msg.data);
		nerr++;
	}
	sl_buf_free(&got);
	sl_buf_free(&msg);
	return nerr;
}

/* Reports suggestions that the set itself would report. */
static size_t
check_suggestions(struct sl_dictset *set, struct sl_text_scratch *scr,
                  sl_dict_diag_fn fn, void *ctx)
{
	size_t nerr = 0;
	struct sl_buf got;
	sl_buf_init(&got, 0);
	for (size_t i = 0; i < set->nitems; i++) {
		const struct item *it = set->items[i];
		for (size_t s = 0; s < it->e.nsugg && !it->dead; s++) {
			const char *sg = it->e.suggestions[s];
			struct collect c = { &got, sg, NULL };
			sl_buf_reset(&got);
			/* Judged on the day the entry starts to apply: a name it
			 * suggests may itself go out of date later. */
			sl_text_scan(set, scr, sg, strlen(sg), it->e.valid_from, NULL,
			             collect_match, &c);
			if (c.first == NULL)
				continue;
			/* A contradiction is reported once, by compile(). */
			const struct item *other = hash_find(set, &it->sugg[s]);
			if (other != NULL && &other->e == c.first && has_sugg(other, &it->wrong))
				continue;
			char msg[600];
			snprintf(msg, sizeof msg, "suggestion '%s' would itself be reported "
			         "(%s '%s' of %s:%u)", sg, c.first->rule, c.first->wrong,
			         c.first->file, c.first->line);
			report(fn, ctx, it->e.file, it->e.line, it->col_sugg, msg);
			nerr++;
		}
	}
	sl_buf_free(&got);
	return nerr;
}

size_t
sl_dictset_check(struct sl_dictset *set, sl_dict_diag_fn fn, void *ctx)
{
	size_t nerr = compile(set, fn, ctx);
	struct sl_text_scratch *scr = sl_text_scratch_new();
	nerr += check_suggestions(set, scr, fn, ctx);
	nerr += run_tests(set, scr, fn, ctx);
	sl_text_scratch_free(scr);
	return nerr;
}

size_t
sl_dict_check_files(const char *const *paths, size_t npaths, sl_dict_diag_fn fn,
                    void *ctx)
{
	struct sl_dictset *set = sl_dictset_new();
	size_t nerr = 0;
	for (size_t i = 0; i < npaths; i++)
		nerr += sl_dictset_check_file(set, paths[i], fn, ctx);
	nerr += sl_dictset_check(set, fn, ctx);
	sl_dictset_free(set);
	return nerr;
}
