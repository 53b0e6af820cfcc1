/*
 * colwords.c - loading and searching the column keyword and phrase lists.
 */
#include "colwords.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "datadir.h"

#define CLASSES_FILE "column-classes.txt"
#define PHRASES_FILE "column-phrases.txt"
#define MAX_FILE_BYTES (1u << 20)

static const char *const kind_names[SL_PH_KIND_COUNT] = {
	"placeholder", "exempt", "unanswered", "answered", "pubdate-label",
	"other-date-label", "status-label", "breadcrumb", "pagination", "channel",
};

const char *
sl_phrase_kind_name(enum sl_phrase_kind kind)
{
	return kind >= 0 && kind < SL_PH_KIND_COUNT ? kind_names[kind] : NULL;
}

static void
push(char ***arr, size_t *n, char *s)
{
	*arr = sl_realloc(*arr, (*n + 1) * sizeof **arr);
	(*arr)[(*n)++] = s;
}

/* Code points in the N bytes at S, for 1-based columns in messages. */
static unsigned
cols(const char *s, size_t n)
{
	unsigned c = 1;
	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

static bool
blank_char(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static sl_status
parse_test(struct sl_colwords *w, const char *line, size_t n, const char *file,
           unsigned lineno, struct sl_err *err)
{
	const char *arrow = NULL;
	for (size_t i = 0; i + 4 <= n; i++)
		if (memcmp(line + i, " => ", 4) == 0)
			arrow = line + i;
	if (arrow == NULL || arrow - line <= 6)
		return sl_err_set(err, SL_ERR_USAGE,
		                  "%s:%u:1: error: a self-test reads \"@test NAME => CLASS\"",
		                  file, lineno);
	push(&w->class_tests, &w->ntests, sl_strndup(line + 6, n - 6));
	return SL_OK;
}

/* One entry line "KIND<TAB>WORD" (comments and blanks already skipped). */
static sl_status
parse_entry(struct sl_colwords *w, bool classes, const char *line, size_t n,
            const char *file, unsigned lineno, struct sl_err *err)
{
	const char *tab = memchr(line, '\t', n);
	if (tab == NULL)
		return sl_err_set(err, SL_ERR_USAGE, "%s:%u:%u: error: expected KIND<TAB>WORD",
		                  file, lineno, cols(line, n));
	char kind[32];
	size_t kn = (size_t)(tab - line);
	const char *word = tab + 1;
	size_t wn = n - kn - 1;
	while (wn > 0 && blank_char(word[wn - 1]))
		wn--;
	if (kn == 0 || kn >= sizeof kind)
		return sl_err_set(err, SL_ERR_USAGE, "%s:%u:1: error: missing or overlong kind",
		                  file, lineno);
	if (wn == 0 || wn > SL_COLWORDS_MAX_WORD || memchr(word, '\t', wn) != NULL ||
	    blank_char(word[0]))
		return sl_err_set(err, SL_ERR_USAGE,
		                  "%s:%u:%u: error: the word must be 1 to %d bytes, one field, "
		                  "no blank at its ends", file, lineno, cols(line, kn + 1),
		                  SL_COLWORDS_MAX_WORD);
	memcpy(kind, line, kn);
	kind[kn] = '\0';
	if (classes) {
		enum sl_column_class cls;
		if (!sl_column_class_parse(kind, &cls))
			return sl_err_set(err, SL_ERR_USAGE, "%s:%u:1: error: unknown class '%s'",
			                  file, lineno, kind);
		w->class_of = sl_realloc(w->class_of, (w->nclass + 1) * sizeof *w->class_of);
		w->class_of[w->nclass] = cls;
		push(&w->class_words, &w->nclass, sl_strndup(word, wn));
		return SL_OK;
	}
	for (int k = 0; k < SL_PH_KIND_COUNT; k++) {
		if (strcmp(kind, kind_names[k]) == 0) {
			push(&w->phrases[k], &w->nphrases[k], sl_strndup(word, wn));
			return SL_OK;
		}
	}
	return sl_err_set(err, SL_ERR_USAGE, "%s:%u:1: error: unknown phrase kind '%s'",
	                  file, lineno, kind);
}

static sl_status
parse_text(struct sl_colwords *w, bool classes, const char *text, size_t len,
           const char *file, struct sl_err *err)
{
	unsigned lineno = 0;
	size_t entries = 0;
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
	}
	if (memchr(text, '\0', len) != NULL)
		return sl_err_set(err, SL_ERR_USAGE, "%s: error: NUL byte in the file", file);
	for (size_t pos = 0; pos < len;) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (text + pos)) : len - pos;
		const char *line = text + pos;
		pos += n + (nl != NULL);
		lineno++;
		if (n > 0 && line[n - 1] == '\r')
			n--;
		size_t i = 0;
		while (i < n && blank_char(line[i]))
			i++;
		if (i == n || line[i] == '#')
			continue;
		if (i > 0)
			return sl_err_set(err, SL_ERR_USAGE, "%s:%u:1: error: an entry starts "
			                  "at the first column", file, lineno);
		if (++entries > SL_COLWORDS_MAX_ENTRIES)
			return sl_err_set(err, SL_ERR_LIMIT, "%s:%u:1: error: more than %d entries",
			                  file, lineno, SL_COLWORDS_MAX_ENTRIES);
		sl_status st = classes && n > 6 && memcmp(line, "@test ", 6) == 0
			? parse_test(w, line, n, file, lineno, err)
			: parse_entry(w, classes, line, n, file, lineno, err);
		if (st != SL_OK)
			return st;
	}
	return SL_OK;
}

/* --- one pass for every phrase of a kind: a byte-level Aho-Corasick --- */

/* The automaton of a list of phrases: a full transition table over the
 * byte classes that occur in the phrases (class 0: every other byte), and
 * per state the longest phrase that ends there (its own, else the one its
 * longest proper suffix state ends with; the lowest index of equal ones).
 * At one end position the longest phrase is the one that starts first, so
 * the others never win and need no output chain. */
#define AC_MAX_STATES 65535u
#define AC_MAX_CELLS (1u << 22)

/* Before the automaton a filter: a bitmap of hashes of every phrase's
 * first Q bytes (Q = the shortest phrase's length, at most 8).  A match
 * can start only where the Q bytes hash into it, and testing a position
 * does not wait for the one before, so the scan runs at several times the
 * automaton's speed (whose every step waits on the step before); the
 * automaton walks only from the positions that pass. */
#define AC_FILTER_BITS 16

struct sl_phrase_ac {
	uint8_t cls[256];
	size_t ncls, nstates, maxlen;
	size_t q;              /* bytes hashed by the filter */
	bool lead_only;        /* every phrase starts with a UTF-8 lead byte */
	uint64_t qmask;        /* keeps the first Q of 8 bytes loaded */
	uint64_t filter[(1u << AC_FILTER_BITS) / 64];
	uint16_t *depth;       /* bytes from the start state */
	uint16_t *next;        /* nstates * ncls, while building */
	uint32_t *delta;       /* the same, scanning: (state * ncls) << 1, the
	                          low bit set when a phrase ends there */
	int32_t *out;          /* phrase index ending at the state, or -1 */
	uint32_t *plen;        /* byte length of out's phrase */
};

void
sl_phrase_ac_free(struct sl_phrase_ac *a)
{
	if (a == NULL)
		return;
	free(a->next);
	free(a->delta);
	free(a->out);
	free(a->plen);
	free(a->depth);
	free(a);
}

/* The first Q bytes at P (of which AVAIL >= Q are readable) as a number,
 * the same for the same bytes wherever they are. */
static inline uint64_t
ac_key(const struct sl_phrase_ac *a, const unsigned char *p, size_t avail)
{
	uint64_t x = 0;
	if (avail >= 8) {
		memcpy(&x, p, 8);
	} else {
		unsigned char b[8] = { 0 };
		memcpy(b, p, avail);
		memcpy(&x, b, 8);
	}
	return x & a->qmask;
}

static inline uint32_t
ac_hash(uint64_t key)
{
	return (uint32_t)((key * UINT64_C(0x9E3779B97F4A7C15)) >> (64 - AC_FILTER_BITS));
}

/* The trie of the phrases, in A->next (0 = no edge yet). */
static void
ac_trie(struct sl_phrase_ac *a, const char *const *phrases, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(phrases[i]), s = 0;
		for (size_t j = 0; j < len; j++) {
			unsigned char b = (unsigned char)phrases[i][j];
			uint16_t *e = &a->next[s * a->ncls + a->cls[b]];
			if (*e == 0) {
				a->depth[a->nstates] = (uint16_t)(j + 1);
				*e = (uint16_t)a->nstates++;
			}
			s = *e;
		}
		if (a->out[s] < 0) {
			a->out[s] = (int32_t)i;
			a->plen[s] = (uint32_t)len;
		}
		if (len > a->maxlen)
			a->maxlen = len;
	}
}

/* Breadth-first: failure links folded into the table, outputs inherited
 * from the failure state. */
static void
ac_links(struct sl_phrase_ac *a, size_t cap)
{
	uint16_t *fail = sl_calloc(cap, sizeof *fail);
	uint16_t *queue = sl_malloc(cap * sizeof *queue);
	size_t head = 0, tail = 0;
	for (size_t c = 0; c < a->ncls; c++)
		if (a->next[c] != 0)
			queue[tail++] = a->next[c];
	while (head < tail) {
		uint16_t s = queue[head++], f = fail[s];
		if (a->out[s] < 0 && a->out[f] >= 0) {
			a->out[s] = a->out[f];
			a->plen[s] = a->plen[f];
		}
		for (size_t c = 0; c < a->ncls; c++) {
			uint16_t *e = &a->next[(size_t)s * a->ncls + c];
			uint16_t via = a->next[(size_t)f * a->ncls + c];
			if (*e == 0) {
				*e = via;
				continue;
			}
			fail[*e] = via;
			queue[tail++] = *e;
		}
	}
	free(queue);
	free(fail);
}

struct sl_phrase_ac *
sl_phrase_ac_new(const char *const *phrases, size_t n)
{
	struct sl_phrase_ac *a = sl_calloc(1, sizeof *a);
	size_t cap = 1;
	a->ncls = 1;
	for (size_t i = 0; i < n; i++) {
		if (phrases[i][0] == '\0')
			cap = AC_MAX_STATES + 1;   /* an empty phrase matches everywhere */
		for (const unsigned char *p = (const unsigned char *)phrases[i]; *p; p++)
			if (a->cls[*p] == 0 && a->ncls < 256)
				a->cls[*p] = (uint8_t)a->ncls++;
		cap += strlen(phrases[i]);
	}
	if (a->ncls >= 256 || cap > AC_MAX_STATES || cap * a->ncls > AC_MAX_CELLS) {
		free(a);
		return NULL;   /* too big: the callers search phrase by phrase */
	}
	a->next = sl_calloc(cap * a->ncls, sizeof *a->next);
	a->out = sl_malloc(cap * sizeof *a->out);
	for (size_t s = 0; s < cap; s++)
		a->out[s] = -1;
	a->plen = sl_calloc(cap, sizeof *a->plen);
	a->depth = sl_calloc(cap, sizeof *a->depth);
	a->nstates = 1;
	ac_trie(a, phrases, n);
	a->q = 8;
	for (size_t i = 0; i < n; i++)
		if (strlen(phrases[i]) < a->q)
			a->q = strlen(phrases[i]);
	a->lead_only = true;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)phrases[i][0] < 0xC0)
			a->lead_only = false;
	unsigned char ones[8] = { 0 };
	memset(ones, 0xFF, a->q);
	memcpy(&a->qmask, ones, 8);
	for (size_t i = 0; i < n; i++) {
		uint32_t h = ac_hash(ac_key(a, (const unsigned char *)phrases[i], strlen(phrases[i])));
		a->filter[h / 64] |= UINT64_C(1) << (h % 64);
	}
	ac_links(a, cap);
	size_t cells = a->nstates * a->ncls;
	a->delta = sl_malloc(cells * sizeof *a->delta);
	for (size_t i = 0; i < cells; i++)
		a->delta[i] = (uint32_t)(a->next[i] * a->ncls) << 1 | (a->out[a->next[i]] >= 0);
	free(a->next);
	a->next = NULL;
	return a;
}

/* The best phrase starting at I (of the LEN bytes at S): the automaton
 * walks from its start state while the bytes stay on one phrase's path. */
static bool
ac_at(const struct sl_phrase_ac *a, const unsigned char *s, size_t len, size_t i,
      bool longest, struct sl_phrase_match *m)
{
	bool found = false;
	uint32_t st = 0;
	size_t end = len - i < a->maxlen ? len : i + a->maxlen;
	for (size_t k = i; k < end; k++) {
		st = a->delta[(st >> 1) + a->cls[s[k]]];
		size_t state = (st >> 1) / a->ncls;
		if (a->depth[state] != k + 1 - i)
			break;   /* no phrase starting at I goes on this way */
		if ((st & 1) && a->plen[state] == k + 1 - i &&
		    (!found || (longest ? a->plen[state] > m->len
		                        : (size_t)a->out[state] < m->index))) {
			m->at = i;
			m->len = a->plen[state];
			m->index = (size_t)a->out[state];
			found = true;
		}
	}
	return found;
}

bool
sl_phrase_ac_find(const struct sl_phrase_ac *a, const char *text, size_t len, bool longest,
                  struct sl_phrase_match *m)
{
	const unsigned char *s = (const unsigned char *)text;
	if (a->nstates <= 1 || len < a->q)
		return false;
	for (size_t i = 0, last = len - a->q; i <= last; i++) {
		if (a->lead_only && s[i] < 0xC0)
			continue;   /* ASCII or inside a character: no phrase starts here */
		uint32_t h = ac_hash(ac_key(a, s + i, len - i));
		if ((a->filter[h / 64] >> (h % 64) & 1) && ac_at(a, s, len, i, longest, m))
			return true;
	}
	return false;
}

/* Builds each kind's automaton again over its phrases. */
static void
build_automata(struct sl_colwords *w)
{
	for (int k = 0; k < SL_PH_KIND_COUNT; k++) {
		w->maxlen[k] = 0;
		for (size_t i = 0; i < w->nphrases[k]; i++)
			if (strlen(w->phrases[k][i]) > w->maxlen[k])
				w->maxlen[k] = strlen(w->phrases[k][i]);
		sl_phrase_ac_free(w->ac[k]);
		w->ac[k] = w->nphrases[k] == 0 ? NULL
		         : sl_phrase_ac_new((const char *const *)w->phrases[k], w->nphrases[k]);
	}
}

sl_status
sl_colwords_parse(struct sl_colwords *w, bool classes, const char *text, size_t len,
                  const char *file, struct sl_err *err)
{
	sl_status st = parse_text(w, classes, text, len, file, err);
	if (!classes)
		build_automata(w);   /* what could be read, even on an error */
	return st;
}

static sl_status
load_file(struct sl_colwords *w, bool classes, const char *dir, const char *name,
          struct sl_err *err)
{
	char *path = sl_aprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "rb");
	sl_status st = SL_OK;
	char *buf = NULL;
	if (f == NULL) {
		st = sl_err_set(err, SL_ERR_IO, "%s: %s", path, strerror(errno));
		goto out;
	}
	buf = sl_malloc(MAX_FILE_BYTES + 1);
	size_t n = fread(buf, 1, MAX_FILE_BYTES + 1, f);
	if (ferror(f)) {
		st = sl_err_set(err, SL_ERR_IO, "%s: read error", path);
		goto out;
	}
	if (n > MAX_FILE_BYTES) {
		st = sl_err_set(err, SL_ERR_LIMIT, "%s: larger than %u bytes", path, MAX_FILE_BYTES);
		goto out;
	}
	st = sl_colwords_parse(w, classes, buf, n, path, err);
out:
	if (f != NULL)
		fclose(f);
	free(buf);
	free(path);
	return st;
}

sl_status
sl_colwords_load(struct sl_colwords *w, const char *dir, struct sl_err *err)
{
	sl_status st = load_file(w, true, dir, CLASSES_FILE, err);
	if (st == SL_OK)
		st = load_file(w, false, dir, PHRASES_FILE, err);
	return st;
}

static struct sl_colwords shared;
static pthread_once_t shared_once = PTHREAD_ONCE_INIT;

static void
load_shared(void)
{
	struct sl_err err;
	if (sl_colwords_load(&shared, sl_data_dir(), &err) != SL_OK)
		fprintf(stderr, "sitelint: %s (column and date checks run without it)\n", err.msg);
}

const struct sl_colwords *
sl_colwords_get(void)
{
	pthread_once(&shared_once, load_shared);
	return &shared;
}

void
sl_colwords_free(struct sl_colwords *w)
{
	if (w == NULL)
		return;
	for (size_t i = 0; i < w->nclass; i++)
		free(w->class_words[i]);
	free(w->class_words);
	free(w->class_of);
	for (size_t i = 0; i < w->ntests; i++)
		free(w->class_tests[i]);
	free(w->class_tests);
	for (int k = 0; k < SL_PH_KIND_COUNT; k++) {
		for (size_t i = 0; i < w->nphrases[k]; i++)
			free(w->phrases[k][i]);
		free(w->phrases[k]);
		sl_phrase_ac_free(w->ac[k]);
	}
	memset(w, 0, sizeof *w);
}

enum sl_column_class
sl_colwords_class(const struct sl_colwords *w, const char *name)
{
	enum sl_column_class best = SL_CLASS_NONE;
	size_t best_len = 0;
	if (name == NULL)
		return best;
	for (size_t i = 0; i < w->nclass; i++) {
		size_t n = strlen(w->class_words[i]);
		if (n > best_len && strstr(name, w->class_words[i]) != NULL) {
			best = w->class_of[i];
			best_len = n;
		}
	}
	return best;
}

/* memmem without the GNU extension.  It looks for the phrase's last byte:
 * in Chinese UTF-8 a first byte (a lead byte, E4-E9) is every third byte
 * of the text, a last byte (a trail byte) far rarer, so memchr() stops
 * far less often.  Only for phrase lists too big for an automaton. */
static const char *
find_bytes(const char *s, size_t len, const char *p, size_t n)
{
	if (n == 0 || n > len)
		return NULL;
	for (const char *q = s + n - 1, *end = s + len; q < end; q++) {
		q = memchr(q, p[n - 1], (size_t)(end - q));
		if (q == NULL)
			return NULL;
		if (memcmp(q - (n - 1), p, n) == 0)
			return q - (n - 1);
	}
	return NULL;
}

bool
sl_colwords_find(const struct sl_colwords *w, enum sl_phrase_kind kind, const char *s,
                 size_t len, size_t *at, size_t *plen)
{
	bool found = false;
	if (w->ac[kind] != NULL) {
		struct sl_phrase_match m;
		if (!sl_phrase_ac_find(w->ac[kind], s, len, true, &m))
			return false;
		*at = m.at;
		*plen = m.len;
		return true;
	}
	for (size_t i = 0; i < w->nphrases[kind]; i++) {
		const char *p = w->phrases[kind][i];
		size_t n = strlen(p);
		const char *q = find_bytes(s, len, p, n);
		if (q == NULL)
			continue;
		size_t off = (size_t)(q - s);
		if (!found || off < *at || (off == *at && n > *plen)) {
			*at = off;
			*plen = n;
			found = true;
		}
	}
	return found;
}

/* Length of a white-space or separator character ending the N bytes at S
 * (ASCII blank, ':', NBSP, U+3000, '：'), or 0. */
static size_t
trailing_sep(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	if (n >= 1 && (u[n - 1] == ' ' || u[n - 1] == '\t' || u[n - 1] == '\n' ||
	               u[n - 1] == '\r' || u[n - 1] == ':'))
		return 1;
	if (n >= 2 && u[n - 2] == 0xC2 && u[n - 1] == 0xA0)
		return 2;
	if (n >= 3 && u[n - 3] == 0xE3 && u[n - 2] == 0x80 && u[n - 1] == 0x80)
		return 3;
	if (n >= 3 && u[n - 3] == 0xEF && u[n - 2] == 0xBC && u[n - 1] == 0x9A)
		return 3;   /* ： */
	return 0;
}

bool
sl_colwords_ends_with(const struct sl_colwords *w, enum sl_phrase_kind kind,
                      const char *s, size_t len)
{
	for (size_t k; (k = trailing_sep(s, len)) != 0;)
		len -= k;
	for (size_t i = 0; i < w->nphrases[kind]; i++) {
		size_t n = strlen(w->phrases[kind][i]);
		if (n <= len && memcmp(s + len - n, w->phrases[kind][i], n) == 0)
			return true;
	}
	return false;
}

/* Length of an opening (OPEN) or closing bracket at S / ending at S+N. */
static size_t
bracket(const char *s, size_t n, bool open)
{
	static const char *const opens[] = { "[", "(", "【", "（", "〔" };
	static const char *const closes[] = { "]", ")", "】", "）", "〕" };
	const char *const *tab = open ? opens : closes;
	for (size_t i = 0; i < sizeof opens / sizeof opens[0]; i++) {
		size_t k = strlen(tab[i]);
		if (k <= n && memcmp(open ? s : s + n - k, tab[i], k) == 0)
			return k;
	}
	return 0;
}

/* Length of a white-space character (ASCII, NBSP, U+3000) at the start
 * (END false) or the end (END true) of the N bytes at S, or 0. */
static size_t
space_len(const char *s, size_t n, bool end)
{
	const unsigned char *u = (const unsigned char *)s;
	if (n == 0)
		return 0;
	unsigned char c = end ? u[n - 1] : u[0];
	if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
		return 1;
	const unsigned char *p2 = end ? u + n - 2 : u, *p3 = end ? u + n - 3 : u;
	if (n >= 2 && p2[0] == 0xC2 && p2[1] == 0xA0)
		return 2;
	if (n >= 3 && p3[0] == 0xE3 && p3[1] == 0x80 && p3[2] == 0x80)
		return 3;
	return 0;
}

static void
trim(const char **s, size_t *len)
{
	for (size_t k; (k = space_len(*s, *len, true)) != 0;)
		*len -= k;
	for (size_t k; (k = space_len(*s, *len, false)) != 0;) {
		*s += k;
		*len -= k;
	}
}

bool
sl_colwords_starts_with(const struct sl_colwords *w, enum sl_phrase_kind kind, const char *s,
                        size_t len)
{
	size_t at, n;
	if (len > w->maxlen[kind])
		len = w->maxlen[kind];   /* a match at 0 ends within the longest phrase */
	return sl_colwords_find(w, kind, s, len, &at, &n) && at == 0;
}

bool
sl_colwords_is(const struct sl_colwords *w, enum sl_phrase_kind kind, const char *s,
               size_t len)
{
	trim(&s, &len);
	size_t o = bracket(s, len, true), c = o ? bracket(s, len, false) : 0;
	if (o && c && o + c <= len) {
		s += o;
		len -= o + c;
		trim(&s, &len);
	}
	for (size_t i = 0; i < w->nphrases[kind]; i++)
		if (strlen(w->phrases[kind][i]) == len && memcmp(s, w->phrases[kind][i], len) == 0)
			return true;
	return false;
}

int
sl_colwords_index(const struct sl_colwords *w, enum sl_phrase_kind kind, const char *s,
                  size_t n)
{
	for (size_t i = 0; i < w->nphrases[kind] && i < 255; i++)
		if (strlen(w->phrases[kind][i]) == n && memcmp(w->phrases[kind][i], s, n) == 0)
			return (int)i;
	return -1;
}
