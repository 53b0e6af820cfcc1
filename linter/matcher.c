/*
 * matcher.c - the trie over all dictionaries, match selection, and the
 * confusable-character scan.
 *
 * Layout: a state is a cell of the double-array.  The transition of
 * state S on symbol C is cell T = base[S] + C, valid when check[T] == S;
 * out[T] is the pattern that ends there (or -1).  The arrays are long
 * enough that base[S] + C is always in bounds, so the scan has no bounds
 * checks, and base, check and out sit in one struct cell.
 *
 * Scanning: every pattern occurrence is found by walking the trie from
 * its start.  A walk starts only where the first two symbols can start a
 * pattern (a bitmap of hashed symbol pairs, and a table of one-symbol
 * patterns), and the tests of successive positions do not depend on each
 * other, so they overlap in the processor; an Aho-Corasick scan, whose
 * every step waits on the step before, was three times slower for the
 * bundled dictionaries.  A walk stops where the text leaves the trie, so
 * it is never longer than the longest pattern.  With many patterns
 * (AC_MIN) most positions start one and walks go deep through a large
 * array; then the trie gets failure links and is scanned as an
 * Aho-Corasick automaton, one transition per character (struct accell:
 * out[S] is the pattern ending at S, dict[S] the nearest state on the
 * fail chain with a pattern).
 *
 * Building: patterns are sorted, the trie is walked breadth-first as
 * ranges of the sorted list, and each state's children are placed at the
 * first base where all their cells are free, searching a list of free
 * cells only (a cell that fails too often is dropped from the list).
 */
#include "matcher.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uset.h>
#include <unicode/uspoof.h>
#include <unicode/ustring.h>

#include "normalize.h"

#define FREE_CELL   (-1)
#define ROOT_MARK   INT32_MAX
#define NPAGES      (0x110000 >> 8)

/* Code point -> symbol (1..size; 0 = in no pattern), two-level table. */
struct alpha {
	uint32_t *pages;       /* NPAGES block numbers; block 0 is all zero */
	uint32_t *data;        /* nblocks * 256 symbols */
	size_t nblocks;
	uint32_t size;
};

/* A built-in confusable character. */
struct conf {
	uint32_t cp;
	bool invisible;        /* default-ignorable: reported inside words */
	struct sl_dict_entry entry;
};

/* The arrays the scan reads for a state, side by side: a transition
 * reads the target's cell, which then holds all the next step needs
 * (one cache line instead of four arrays). */
struct cell {
	int32_t base, check;
	int32_t out;           /* the pattern ending here, or -1 */
};

/* Patterns from which the automaton is used (see above): the bundled
 * dictionaries have about 1,700. */
#define AC_MIN 20000

struct accell {
	int32_t base, check, fail;
	int32_t hit;           /* the first state on the fail chain (this
	                          one included) with a pattern, or -1 */
};

struct sl_matcher {
	struct alpha alpha;
	int32_t *base, *check, *fail;  /* only while building (NULL after) */
	int32_t *out, *dict;   /* automaton: per state (else NULL after) */
	struct cell *cells;    /* nslots of them, or NULL ... */
	struct accell *accells;  /* ... and these (many patterns) */
	uint64_t *pairs;       /* bitmap of hashed first two symbols */
	unsigned pair_shift;   /* 64 - log2(bits in PAIRS) */
	uint8_t *single;       /* per symbol: a one-symbol pattern */
	size_t nslots, nstates;
	const struct sl_dict_pattern *pats;
	size_t npats;
	struct conf *conf;     /* sorted by cp */
	size_t nconf;
	char *conf_strings;    /* the entries' strings */
	char **conf_sugg;      /* one suggestion pointer per entry */
};

static void conf_build(struct sl_matcher *m);

struct sl_text_scratch {
	struct sl_norm norm;
	uint32_t *best_end;    /* all zero between scans */
	uint32_t *best_pat;
	uint32_t *starts;      /* where best_end was set, ascending */
	size_t nstarts;
	uint32_t *sym;         /* the run's symbols, and a 0 after them */
	size_t bestcap;
	size_t first, last;    /* the run's content, white space and
	                          punctuation around it aside: [first, last) */
	struct sl_text_match *dm, *cm;
	size_t ndm, ncm, dmcap, cmcap;
};

/*
 * Alphabet.
 */

static uint32_t *
alpha_cell(struct alpha *a, uint32_t cp)
{
	uint32_t pg = cp >> 8;
	if (a->pages[pg] == 0) {
		a->data = sl_realloc(a->data, (a->nblocks + 1) * 256 * sizeof *a->data);
		memset(a->data + a->nblocks * 256, 0, 256 * sizeof *a->data);
		a->pages[pg] = (uint32_t)a->nblocks++;
	}
	return &a->data[(size_t)a->pages[pg] * 256 + (cp & 0xFF)];
}

static inline uint32_t
alpha_get(const struct alpha *a, uint32_t cp)
{
	if (cp > 0x10FFFF)
		return 0;
	return a->data[(size_t)a->pages[cp >> 8] * 256 + (cp & 0xFF)];
}

struct cpcount {
	uint32_t cp, count;
};

static int
cmp_count(const void *x, const void *y)
{
	const struct cpcount *a = x, *b = y;
	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return a->cp < b->cp ? -1 : a->cp > b->cp;
}

/* Numbers the code points of the patterns, most frequent first (dense
 * low symbols pack the double-array tighter). */
static void
alpha_build(struct alpha *a, const struct sl_dict_pattern *pats, size_t n)
{
	a->pages = sl_calloc(NPAGES, sizeof *a->pages);
	a->data = sl_calloc(256, sizeof *a->data);
	a->nblocks = 1;
	size_t distinct = 0;
	for (size_t i = 0; i < n; i++)
		for (uint32_t j = 0; j < pats[i].len; j++) {
			uint32_t *c = alpha_cell(a, pats[i].cp[j]);
			if ((*c)++ == 0)
				distinct++;
		}
	struct cpcount *cc = sl_malloc(distinct * sizeof *cc);
	size_t k = 0;
	for (uint32_t pg = 0; pg < NPAGES; pg++) {
		if (a->pages[pg] == 0)
			continue;
		for (uint32_t lo = 0; lo < 256; lo++) {
			uint32_t cnt = a->data[(size_t)a->pages[pg] * 256 + lo];
			if (cnt > 0)
				cc[k++] = (struct cpcount){ (pg << 8) | lo, cnt };
		}
	}
	qsort(cc, k, sizeof *cc, cmp_count);
	for (size_t i = 0; i < k; i++)
		*alpha_cell(a, cc[i].cp) = (uint32_t)(i + 1);
	a->size = (uint32_t)k;
	free(cc);
}

/*
 * Building the double-array.
 */

struct node {
	int32_t slot;
	int32_t out;           /* pattern ending here, or -1 */
	uint32_t depth, lo, hi;
};

struct build {
	int32_t *base, *check;
	size_t cap;
	int32_t *next, *prev;  /* free cells, a doubly linked list */
	uint8_t *skips;        /* times a free cell was tried in vain */
	int32_t head, tail;    /* -1 when empty */
	uint32_t *sym;         /* symbols of all patterns, back to back */
	size_t *off;           /* start of pattern i in sym */
	uint32_t *len;
	uint32_t *order;       /* pattern numbers, sorted */
	struct node *q;
	size_t nq, qcap;
	uint32_t *labels, *clo, *chi;   /* one state's children */
};

static void
unlink_free(struct build *b, int32_t c)
{
	int32_t p = b->prev[c], n = b->next[c];
	if (p >= 0)
		b->next[p] = n;
	else
		b->head = n;
	if (n >= 0)
		b->prev[n] = p;
	else
		b->tail = p;
	b->next[c] = b->prev[c] = -2;   /* not listed */
}

/* Makes cells [0, need] exist; new cells are free and listed. */
static void
grow(struct build *b, size_t need)
{
	if (need < b->cap)
		return;
	size_t cap = b->cap + b->cap / 2;
	if (cap < need + 1)
		cap = need + 1;
	b->base = sl_realloc(b->base, cap * sizeof *b->base);
	b->check = sl_realloc(b->check, cap * sizeof *b->check);
	b->next = sl_realloc(b->next, cap * sizeof *b->next);
	b->prev = sl_realloc(b->prev, cap * sizeof *b->prev);
	b->skips = sl_realloc(b->skips, cap * sizeof *b->skips);
	for (size_t i = b->cap; i < cap; i++) {
		int32_t c = (int32_t)i;
		b->base[i] = 0;
		b->check[i] = FREE_CELL;
		b->skips[i] = 0;
		b->prev[i] = b->tail;
		b->next[i] = -1;
		if (b->tail >= 0)
			b->next[b->tail] = c;
		else
			b->head = c;
		b->tail = c;
	}
	b->cap = cap;
}

static void
use_cell(struct build *b, int32_t c, int32_t parent)
{
	b->check[c] = parent;
	if (b->next[c] != -2)
		unlink_free(b, c);
}

static const struct build *sort_ctx;

static int
cmp_pattern(const void *x, const void *y)
{
	uint32_t i = *(const uint32_t *)x, j = *(const uint32_t *)y;
	const uint32_t *a = sort_ctx->sym + sort_ctx->off[i];
	const uint32_t *c = sort_ctx->sym + sort_ctx->off[j];
	uint32_t la = sort_ctx->len[i], lc = sort_ctx->len[j];
	for (uint32_t k = 0; k < la && k < lc; k++)
		if (a[k] != c[k])
			return a[k] < c[k] ? -1 : 1;
	return la < lc ? -1 : la > lc;
}

/* Returns a base at which every label of one state finds a free cell
 * (LABELS ascend).  Only free cells are visited; a free cell tried in
 * vain too often leaves the list (it stays free, just no longer a
 * candidate), so dense regions are not scanned again and again. */
static int32_t
find_base(struct build *b, const uint32_t *labels, size_t k)
{
	int32_t c = b->head;
	while (c >= 0) {
		int32_t next = b->next[c];
		if ((uint32_t)c > labels[0]) {
			size_t begin = (size_t)c - labels[0];
			grow(b, begin + labels[k - 1]);
			size_t i;
			for (i = 1; i < k; i++)
				if (b->check[begin + labels[i]] != FREE_CELL)
					break;
			if (i == k)
				return (int32_t)begin;
			next = b->next[c];
			if (++b->skips[c] >= 16)
				unlink_free(b, c);
		}
		c = next;
	}
	size_t begin = b->cap;
	grow(b, begin + labels[k - 1]);
	return (int32_t)begin;
}

static void
push(struct build *b, struct node nd)
{
	if (b->nq == b->qcap) {
		b->qcap = b->qcap ? b->qcap * 2 : 1024;
		b->q = sl_realloc(b->q, b->qcap * sizeof *b->q);
	}
	b->q[b->nq++] = nd;
}

/* Places the children of queue entry QI. */
static void
expand(struct build *b, size_t qi)
{
	struct node nd = b->q[qi];
	uint32_t lo = nd.lo;
	while (lo < nd.hi && b->len[b->order[lo]] == nd.depth) {
		if (b->q[qi].out < 0)
			b->q[qi].out = (int32_t)b->order[lo];
		lo++;
	}
	size_t k = 0;
	for (uint32_t i = lo; i < nd.hi;) {
		uint32_t c = b->sym[b->off[b->order[i]] + nd.depth];
		uint32_t j = i + 1;
		while (j < nd.hi && b->sym[b->off[b->order[j]] + nd.depth] == c)
			j++;
		b->labels[k] = c;
		b->clo[k] = i;
		b->chi[k] = j;
		k++;
		i = j;
	}
	if (k == 0)
		return;
	int32_t base = find_base(b, b->labels, k);
	b->base[nd.slot] = base;
	for (size_t m = 0; m < k; m++) {
		int32_t t = base + (int32_t)b->labels[m];
		use_cell(b, t, nd.slot);
		push(b, (struct node){ t, -1, nd.depth + 1, b->clo[m], b->chi[m] });
	}
}

static void
link_fail(struct sl_matcher *m, const struct build *b)
{
	int32_t *base = m->base, *check = m->check, *fail = m->fail;
	fail[0] = 0;
	m->dict[0] = -1;
	for (size_t qi = 1; qi < b->nq; qi++) {
		int32_t t = b->q[qi].slot, p = check[t];
		int32_t c = t - base[p];
		int32_t f = 0;
		if (p != 0) {
			for (f = fail[p];; f = fail[f]) {
				int32_t u = base[f] + c;
				if (check[u] == f) {
					f = u;
					break;
				}
				if (f == 0)
					break;
			}
		}
		fail[t] = f;
		m->dict[t] = m->out[f] >= 0 ? f : m->dict[f];
	}
}

static void
build_trie(struct sl_matcher *m, struct build *b)
{
	size_t n = m->npats, total = 0;
	b->off = sl_malloc((n + 1) * sizeof *b->off);
	b->len = sl_malloc((n + 1) * sizeof *b->len);
	b->order = sl_malloc((n + 1) * sizeof *b->order);
	for (size_t i = 0; i < n; i++) {
		b->off[i] = total;
		b->len[i] = m->pats[i].len;
		b->order[i] = (uint32_t)i;
		total += m->pats[i].len;
	}
	b->sym = sl_malloc((total + 1) * sizeof *b->sym);
	for (size_t i = 0; i < n; i++)
		for (uint32_t j = 0; j < b->len[i]; j++)
			b->sym[b->off[i] + j] = alpha_get(&m->alpha, m->pats[i].cp[j]);
	sort_ctx = b;
	qsort(b->order, n, sizeof *b->order, cmp_pattern);
	sort_ctx = NULL;

	b->labels = sl_malloc(((size_t)m->alpha.size + 1) * sizeof *b->labels);
	b->clo = sl_malloc(((size_t)m->alpha.size + 1) * sizeof *b->clo);
	b->chi = sl_malloc(((size_t)m->alpha.size + 1) * sizeof *b->chi);
	b->head = b->tail = -1;
	grow(b, 1024);
	use_cell(b, 0, ROOT_MARK);
	push(b, (struct node){ 0, -1, 0, 0, (uint32_t)n });
	for (size_t qi = 0; qi < b->nq; qi++)
		expand(b, qi);
}

static inline uint32_t
pair_hash(const struct sl_matcher *m, uint32_t a, uint32_t b)
{
	return (uint32_t)((((uint64_t)a << 32) | b) * 0x9E3779B97F4A7C15ull >> m->pair_shift);
}

/* The start filter: 16 bits per pattern (a few in a hundred positions
 * that start no pattern pass), at least 2^16 and at most 2^24. */
static void
build_starts(struct sl_matcher *m)
{
	unsigned lg = 16;
	while (lg < 24 && ((size_t)1 << lg) < m->npats * 16)
		lg++;
	m->pair_shift = 64 - lg;
	m->pairs = sl_calloc(((size_t)1 << lg) / 64, sizeof *m->pairs);
	m->single = sl_calloc((size_t)m->alpha.size + 1, 1);
	for (size_t i = 0; i < m->npats; i++) {
		const struct sl_dict_pattern *p = &m->pats[i];
		if (p->len == 0)
			continue;
		uint32_t a = alpha_get(&m->alpha, p->cp[0]);
		if (p->len == 1) {
			m->single[a] = 1;
			continue;
		}
		uint32_t h = pair_hash(m, a, alpha_get(&m->alpha, p->cp[1]));
		m->pairs[h / 64] |= UINT64_C(1) << (h % 64);
	}
}

struct sl_matcher *
sl_matcher_new(const struct sl_dict_pattern *pats, size_t n)
{
	struct sl_matcher *m = sl_calloc(1, sizeof *m);
	struct build b;
	memset(&b, 0, sizeof b);
	m->pats = pats;
	m->npats = n;
	alpha_build(&m->alpha, pats, n);
	build_trie(m, &b);

	/* Every base[S] + C must stay inside the arrays. */
	size_t size = 1;
	for (size_t qi = 0; qi < b.nq; qi++) {
		size_t s = (size_t)b.q[qi].slot;
		if (s + 1 > size)
			size = s + 1;
		if ((size_t)b.base[s] + m->alpha.size + 1 > size)
			size = (size_t)b.base[s] + m->alpha.size + 1;
	}
	grow(&b, size);
	m->nslots = size;
	m->nstates = b.nq;
	m->base = sl_realloc(b.base, size * sizeof *m->base);
	m->check = sl_realloc(b.check, size * sizeof *m->check);
	m->out = sl_malloc(size * sizeof *m->out);
	for (size_t i = 0; i < size; i++)
		m->out[i] = -1;
	for (size_t qi = 0; qi < b.nq; qi++)
		m->out[b.q[qi].slot] = b.q[qi].out;
	if (n >= AC_MIN) {
		m->fail = sl_malloc(size * sizeof *m->fail);
		m->dict = sl_malloc(size * sizeof *m->dict);
		link_fail(m, &b);
		m->accells = sl_malloc(size * sizeof *m->accells);
		for (size_t i = 0; i < size; i++)
			m->accells[i] = (struct accell){ m->base[i], m->check[i], m->fail[i],
			                                 m->out[i] >= 0 ? (int32_t)i : m->dict[i] };
		free(m->fail);
		m->fail = NULL;
	} else {
		m->cells = sl_malloc(size * sizeof *m->cells);
		for (size_t i = 0; i < size; i++)
			m->cells[i] = (struct cell){ m->base[i], m->check[i], m->out[i] };
		free(m->out);
		m->out = NULL;
		build_starts(m);
	}
	free(m->base);
	free(m->check);
	m->base = m->check = NULL;

	free(b.sym);
	free(b.off);
	free(b.len);
	free(b.order);
	free(b.q);
	free(b.labels);
	free(b.clo);
	free(b.chi);
	free(b.next);
	free(b.prev);
	free(b.skips);
	conf_build(m);
	return m;
}

void
sl_matcher_free(struct sl_matcher *m)
{
	if (m == NULL)
		return;
	free(m->alpha.pages);
	free(m->alpha.data);
	free(m->base);
	free(m->check);
	free(m->fail);
	free(m->out);
	free(m->dict);
	free(m->cells);
	free(m->accells);
	free(m->pairs);
	free(m->single);
	free(m->conf);
	free(m->conf_strings);
	free(m->conf_sugg);
	free(m);
}

void
sl_matcher_stats(const struct sl_matcher *m, struct sl_matcher_stats *st)
{
	memset(st, 0, sizeof *st);
	if (m == NULL)
		return;
	st->patterns = m->npats;
	st->states = m->nstates;
	st->slots = m->nslots;
	st->alphabet = m->alpha.size;
	st->confusables = m->nconf;
	st->automaton = m->accells != NULL;
	st->bytes = sizeof *m +
	            (m->cells ? m->nslots * sizeof *m->cells + ((size_t)1 << (64 - m->pair_shift)) / 8 +
	                        m->alpha.size + 1
	                      : m->nslots * (sizeof *m->accells + 2 * sizeof(int32_t))) +
	            NPAGES * sizeof(uint32_t) + m->alpha.nblocks * 256 * sizeof(uint32_t) +
	            m->nconf * (sizeof *m->conf + sizeof(char *) + 24);
}

/*
 * The built-in confusable characters.
 */

struct confb {
	struct conf *v;
	size_t n, cap;
	struct sl_buf s;               /* strings; offsets kept until the end */
	uint32_t *woff, *soff, *noff;  /* wrong, suggestion, note offsets */
};

static void
conf_add(struct confb *cb, uint32_t cp, bool invisible, const char *sugg,
         const char *note)
{
	if (cb->n == cb->cap) {
		cb->cap = cb->cap ? cb->cap * 2 : 512;
		cb->v = sl_realloc(cb->v, cb->cap * sizeof *cb->v);
		cb->woff = sl_realloc(cb->woff, cb->cap * sizeof *cb->woff);
		cb->soff = sl_realloc(cb->soff, cb->cap * sizeof *cb->soff);
		cb->noff = sl_realloc(cb->noff, cb->cap * sizeof *cb->noff);
	}
	char u8[5];
	int l = sl_utf8_encode(cp, u8);
	u8[l] = '\0';
	struct conf *c = &cb->v[cb->n];
	memset(c, 0, sizeof *c);
	c->cp = cp;
	c->invisible = invisible;
	cb->woff[cb->n] = (uint32_t)cb->s.len;
	sl_buf_append(&cb->s, u8, (size_t)l + 1);
	cb->soff[cb->n] = UINT32_MAX;
	if (sugg != NULL) {
		cb->soff[cb->n] = (uint32_t)cb->s.len;
		sl_buf_append(&cb->s, sugg, strlen(sugg) + 1);
	}
	cb->noff[cb->n] = (uint32_t)cb->s.len;
	sl_buf_append(&cb->s, note, strlen(note) + 1);
	cb->n++;
}

/* The ordinary character CP stands for, as UTF-8 in OUT (16 bytes), or
 * false when there is none. */
static bool
conf_target(uint32_t cp, const UNormalizer2 *nfkc, USpoofChecker *sc, char *out)
{
	UChar in[2], res[8];
	int32_t il = 0, rl;
	UErrorCode ec = U_ZERO_ERROR;
	U16_APPEND_UNSAFE(in, il, cp);
	rl = unorm2_normalize(nfkc, in, il, res, 8, &ec);
	if (U_SUCCESS(ec) && !(rl == il && res[0] == in[0])) {
		u_strToUTF8(out, 16, NULL, res, rl, &ec);
		return U_SUCCESS(ec);
	}
	if (sc == NULL || cp > 0x2EFF)
		return false;
	/* CJK radicals mostly have no NFKC mapping; Unicode's confusables
	 * data (ICU's spoof checker) knows the ideograph they look like. */
	char u8[5];
	u8[sl_utf8_encode(cp, u8)] = '\0';
	ec = U_ZERO_ERROR;
	int32_t n = uspoof_getSkeletonUTF8(sc, 0, u8, -1, out, 15, &ec);
	if (U_FAILURE(ec) || n <= 0)
		return false;
	out[n] = '\0';
	uint32_t t;
	int tl = sl_utf8_decode((const unsigned char *)out, (size_t)n, &t);
	return tl == n && t != cp && ((t >= 0x4E00 && t <= 0x9FFF) ||
	                              (t >= 0x3400 && t <= 0x4DBF));
}

static bool
invisible_wanted(uint32_t cp)
{
	/* Variation selectors, tags (emoji flags), Mongolian free variation
	 * selectors, Hangul fillers and musical formatting are legitimate
	 * in their scripts. */
	return !((cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0000 && cp <= 0xE0FFF) ||
	         (cp >= 0x180B && cp <= 0x180F) || cp == 0x115F || cp == 0x1160 ||
	         cp == 0x3164 || cp == 0xFFA0 || (cp >= 0x1D173 && cp <= 0x1D17A));
}

static int
cmp_conf(const void *x, const void *y)
{
	const struct conf *a = x, *b = y;
	return a->cp < b->cp ? -1 : a->cp > b->cp;
}

static void
conf_lookalikes(struct confb *cb)
{
	static const struct {
		uint32_t lo, hi;
		const char *note;
	} ranges[] = {
		{ 0x2E80, 0x2EF3, "CJK radical, not an ideograph" },
		{ 0x2F00, 0x2FD5, "Kangxi radical, not an ideograph" },
		{ 0xF900, 0xFAFF, "CJK compatibility ideograph" },
		{ 0x2F800, 0x2FA1F, "CJK compatibility ideograph" },
	};
	UErrorCode ec = U_ZERO_ERROR;
	const UNormalizer2 *nfkc = unorm2_getNFKCInstance(&ec);
	if (U_FAILURE(ec))
		return;
	USpoofChecker *sc = uspoof_open(&ec);
	if (U_FAILURE(ec))
		sc = NULL;
	for (size_t r = 0; r < sizeof ranges / sizeof ranges[0]; r++)
		for (uint32_t cp = ranges[r].lo; cp <= ranges[r].hi; cp++) {
			if (u_charType((UChar32)cp) == U_UNASSIGNED)
				continue;
			char t[16];
			bool has = conf_target(cp, nfkc, sc, t);
			/* A compatibility ideograph NFKC keeps is a real one. */
			if (!has && cp >= 0xF900)
				continue;
			conf_add(cb, cp, false, has ? t : NULL, ranges[r].note);
		}
	if (sc != NULL)
		uspoof_close(sc);
}

static void
conf_invisibles(struct confb *cb)
{
	UErrorCode ec = U_ZERO_ERROR;
	USet *di = uset_openEmpty();
	uset_applyIntPropertyValue(di, UCHAR_DEFAULT_IGNORABLE_CODE_POINT, 1, &ec);
	int32_t items = U_SUCCESS(ec) ? uset_getItemCount(di) : 0;
	for (int32_t i = 0; i < items; i++) {
		UChar32 lo, hi;
		ec = U_ZERO_ERROR;
		if (uset_getItem(di, i, &lo, &hi, NULL, 0, &ec) != 0 || U_FAILURE(ec))
			continue;
		for (UChar32 cp = lo; cp <= hi; cp++)
			if (invisible_wanted((uint32_t)cp) &&
			    u_charType(cp) != U_UNASSIGNED)
				conf_add(cb, (uint32_t)cp, true, "",
				         "invisible character inside a word");
	}
	uset_close(di);
}

static void
conf_build(struct sl_matcher *m)
{
	struct confb cb;
	memset(&cb, 0, sizeof cb);
	sl_buf_init(&cb.s, 0);
	conf_lookalikes(&cb);
	conf_invisibles(&cb);
	m->conf_strings = sl_buf_steal(&cb.s, NULL);
	m->conf_sugg = sl_malloc((cb.n + 1) * sizeof *m->conf_sugg);
	for (size_t i = 0; i < cb.n; i++) {
		struct sl_dict_entry *e = &cb.v[i].entry;
		e->rule = sl_dict_rule_name(SL_TEXT_CONFUSABLE);
		e->kind = SL_TEXT_CONFUSABLE;
		e->wrong = m->conf_strings + cb.woff[i];
		e->note = m->conf_strings + cb.noff[i];
		e->severity = SL_DICT_SEV_DEFAULT;
		e->file = "(built-in)";
		if (cb.soff[i] != UINT32_MAX) {
			m->conf_sugg[i] = m->conf_strings + cb.soff[i];
			e->suggestions = &m->conf_sugg[i];
			e->nsugg = 1;
		}
	}
	/* Sorting moves the entries, not the strings they point to. */
	qsort(cb.v, cb.n, sizeof *cb.v, cmp_conf);
	m->conf = cb.v;
	m->nconf = cb.n;
	free(cb.woff);
	free(cb.soff);
	free(cb.noff);
}

static const struct conf *
conf_find(const struct sl_matcher *m, uint32_t cp)
{
	/* Fast exits for the bulk of real text. */
	if (cp < 0xAD || (cp >= 0x3000 && cp < 0xF900) || (cp >= 0x2100 && cp < 0x2E80))
		return NULL;
	size_t lo = 0, hi = m->nconf;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (m->conf[mid].cp < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < m->nconf && m->conf[lo].cp == cp ? &m->conf[lo] : NULL;
}

/*
 * Scanning.
 */

struct sl_text_scratch *
sl_text_scratch_new(void)
{
	struct sl_text_scratch *scr = sl_calloc(1, sizeof *scr);
	sl_norm_init(&scr->norm);
	return scr;
}

void
sl_text_scratch_free(struct sl_text_scratch *scr)
{
	if (scr == NULL)
		return;
	sl_norm_free(&scr->norm);
	free(scr->best_end);
	free(scr->best_pat);
	free(scr->starts);
	free(scr->sym);
	free(scr->dm);
	free(scr->cm);
	free(scr);
}

static void
add_match(struct sl_text_match **v, size_t *n, size_t *cap,
          const struct sl_dict_entry *e, size_t start, size_t end)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		*v = sl_realloc(*v, *cap * sizeof **v);
	}
	(*v)[(*n)++] = (struct sl_text_match){ e, (uint32_t)start, (uint32_t)end };
}

static bool
is_han(uint32_t cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
	       (cp >= 0x20000 && cp <= 0x3FFFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	       (cp >= 0x2E80 && cp <= 0x2FDF) || cp == 0x3007;
}

static bool
is_ascii_alnum(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
	       (cp >= 'A' && cp <= 'Z');
}

/* An invisible character is reported between two ideographs; the
 * zero-width space, word joiner and BOM also inside ASCII words. */
static bool
inside_word(uint32_t inv, uint32_t before, uint32_t after)
{
	if (is_han(before) && is_han(after))
		return true;
	return (inv == 0x200B || inv == 0x2060 || inv == 0xFEFF) &&
	       is_ascii_alnum(before) && is_ascii_alnum(after);
}

static void
scan_confusables(const struct sl_matcher *m, struct sl_text_scratch *scr,
                 const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	uint32_t prev = 0;
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		if (s[i] < 0x80) {
			prev = s[i++];
			continue;
		}
		/* U+3000-U+9FFF, U+E000-U+EFFF (the bulk of Chinese text):
		 * decoded inline; conf_find() has no entry there. */
		if (s[i] >= 0xE3 && s[i] <= 0xEE && s[i] != 0xED && len - i >= 3 &&
		    (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80) {
			prev = (uint32_t)(s[i] & 0x0F) << 12 | (uint32_t)(s[i + 1] & 0x3F) << 6 |
			       (uint32_t)(s[i + 2] & 0x3F);
			i += 3;
			continue;
		}
		size_t l = (size_t)sl_utf8_decode(s + i, len - i, &cp);
		const struct conf *c = conf_find(m, cp);
		if (c == NULL || !c->invisible) {
			if (c != NULL)
				add_match(&scr->cm, &scr->ncm, &scr->cmcap, &c->entry, i, i + l);
			prev = cp;
			i += l;
			continue;
		}
		size_t j = i + l;
		uint32_t next = 0;
		while (j < len) {
			l = (size_t)sl_utf8_decode(s + j, len - j, &next);
			const struct conf *d = conf_find(m, next);
			if (d == NULL || !d->invisible)
				break;
			j += l;
			next = 0;
		}
		if (inside_word(c->cp, prev, next))
			add_match(&scr->cm, &scr->ncm, &scr->cmcap, &c->entry, i, j);
		i = j;
	}
}

/* White space and punctuation around a run's content. */
static bool
is_filler(uint32_t cp)
{
	return u_isUWhiteSpace((UChar32)cp) || u_ispunct((UChar32)cp);
}

static bool
in_exception(const struct sl_dict_pattern *p, const uint32_t *cp, size_t n, size_t i)
{
	for (uint32_t k = 0; k < p->nexc; k++) {
		const struct sl_dict_exc *e = &p->exc[k];
		if (i < e->at || i - e->at + e->len > n)
			continue;
		if (memcmp(cp + i - e->at, e->cp, e->len * sizeof *cp) == 0)
			return true;
	}
	return false;
}

/* Records pattern P ending before END if it counts here. */
static void
consider(const struct sl_matcher *m, struct sl_text_scratch *scr, uint32_t p,
         size_t end, int32_t as_of)
{
	const struct sl_dict_pattern *pat = &m->pats[p];
	const struct sl_dict_entry *e = pat->entry;
	const uint32_t *cp = scr->norm.cp;
	size_t n = scr->norm.len, i = end - pat->len;
	if (e->valid_from > 0 && as_of > 0 && as_of < e->valid_from)
		return;
	/* ASCII words are matched whole (mojibake sits inside words). */
	if (e->kind != SL_TEXT_MOJIBAKE &&
	    ((i > 0 && is_ascii_alnum(pat->cp[0]) && is_ascii_alnum(cp[i - 1])) ||
	     (end < n && is_ascii_alnum(pat->cp[pat->len - 1]) && is_ascii_alnum(cp[end]))))
		return;
	if (e->whole && (i != scr->first || end != scr->last))
		return;
	if (pat->nexc > 0 && in_exception(pat, cp, n, i))
		return;
	if (scr->best_end[i] < end) {
		if (scr->best_end[i] == 0)
			scr->starts[scr->nstarts++] = (uint32_t)i;
		scr->best_end[i] = (uint32_t)end;
		scr->best_pat[i] = p;
	}
}

static void scan_automaton(const struct sl_matcher *m, struct sl_text_scratch *scr,
                           int32_t as_of);
static void scan_starts(const struct sl_matcher *m, struct sl_text_scratch *scr, int32_t as_of);

static void
scan_dict(const struct sl_matcher *m, struct sl_text_scratch *scr, int32_t as_of)
{
	const struct sl_norm *nm = &scr->norm;
	size_t n = nm->len;
	if (n > scr->bestcap) {
		scr->best_end = sl_realloc(scr->best_end, n * sizeof *scr->best_end);
		memset(scr->best_end + scr->bestcap, 0, (n - scr->bestcap) * sizeof *scr->best_end);
		scr->best_pat = sl_realloc(scr->best_pat, n * sizeof *scr->best_pat);
		scr->starts = sl_realloc(scr->starts, n * sizeof *scr->starts);
		scr->sym = sl_realloc(scr->sym, (n + 1) * sizeof *scr->sym);
		scr->bestcap = n;
	}
	scr->nstarts = 0;
	if (n == 0 || m->npats == 0)
		return;
	scr->first = 0;
	scr->last = n;
	while (scr->first < n && is_filler(nm->cp[scr->first]))
		scr->first++;
	while (scr->last > scr->first && is_filler(nm->cp[scr->last - 1]))
		scr->last--;
	if (m->accells != NULL)
		scan_automaton(m, scr, as_of);
	else
		scan_starts(m, scr, as_of);
	/* Leftmost-longest, non-overlapping also in bytes (a ligature maps
	 * both its letters to the same bytes); only where a pattern starts. */
	uint32_t last = 0, next = 0;
	for (size_t k = 0; k < scr->nstarts; k++) {
		uint32_t i = scr->starts[k], e = scr->best_end[i];
		if (i < next || nm->from[i] < last)
			continue;
		const struct sl_dict_entry *en = m->pats[scr->best_pat[i]].entry;
		add_match(&scr->dm, &scr->ndm, &scr->dmcap, en, nm->from[i], nm->to[e - 1]);
		last = nm->to[e - 1];
		next = e;
	}
	for (size_t k = 0; k < scr->nstarts; k++)
		scr->best_end[scr->starts[k]] = 0;
	scr->nstarts = 0;
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

/* Many patterns: one automaton step per character.  Patterns are found
 * by their end, so the starts are sorted afterwards. */
static void
scan_automaton(const struct sl_matcher *m, struct sl_text_scratch *scr, int32_t as_of)
{
	const struct sl_norm *nm = &scr->norm;
	const struct accell *cell = m->accells;
	int32_t s = 0;
	for (size_t j = 0; j < nm->len; j++) {
		uint32_t c = alpha_get(&m->alpha, nm->cp[j]);
		if (c == 0) {
			s = 0;
			continue;
		}
		for (;;) {
			int32_t t = cell[s].base + (int32_t)c;
			if (cell[t].check == s) {
				s = t;
				break;
			}
			if (s == 0)
				break;
			s = cell[s].fail;
		}
		for (int32_t o = cell[s].hit; o >= 0; o = m->dict[o])
			consider(m, scr, (uint32_t)m->out[o], j + 1, as_of);
	}
	if (scr->nstarts > 1)
		qsort(scr->starts, scr->nstarts, sizeof *scr->starts, cmp_u32);
}

/* The trie walked from each position that may start a pattern: the
 * starts come in order. */
static void
scan_starts(const struct sl_matcher *m, struct sl_text_scratch *scr, int32_t as_of)
{
	const struct sl_norm *nm = &scr->norm;
	size_t n = nm->len;
	const struct cell *cell = m->cells;
	uint32_t *sym = scr->sym;
	for (size_t j = 0; j < n; j++)
		sym[j] = alpha_get(&m->alpha, nm->cp[j]);
	sym[n] = 0;
	for (size_t j = 0; j < n; j++) {
		uint32_t a = sym[j];
		if (a == 0)
			continue;
		if (!m->single[a]) {
			uint32_t h = pair_hash(m, a, sym[j + 1]);
			if (!(m->pairs[h / 64] >> (h % 64) & 1))
				continue;
		}
		int32_t s = 0;
		for (size_t k = j; sym[k] != 0; k++) {
			int32_t t = cell[s].base + (int32_t)sym[k];
			if (cell[t].check != s)
				break;
			s = t;
			if (cell[s].out >= 0)
				consider(m, scr, (uint32_t)cell[s].out, k + 1, as_of);
		}
	}
}

static void
report(struct sl_text_scratch *scr, sl_text_match_fn fn, void *ctx)
{
	size_t a = 0, b = 0;
	while (a < scr->ndm || b < scr->ncm) {
		const struct sl_text_match *x = a < scr->ndm ? &scr->dm[a] : NULL;
		const struct sl_text_match *y = b < scr->ncm ? &scr->cm[b] : NULL;
		bool take_x = y == NULL ||
		              (x != NULL && (x->start < y->start ||
		                             (x->start == y->start && x->end <= y->end)));
		if (take_x) {
			fn(ctx, x);
			a++;
		} else {
			fn(ctx, y);
			b++;
		}
	}
}

sl_status
sl_text_scan(const struct sl_dictset *set, struct sl_text_scratch *scr,
             const char *text, size_t len, int32_t as_of,
             const struct sl_text_opts *opts, sl_text_match_fn fn, void *ctx)
{
	const struct sl_matcher *m = sl_dictset_matcher(set);
	struct sl_text_scratch *own = NULL;
	struct sl_text_opts none = { false, false };
	if (opts == NULL)
		opts = &none;
	if (scr == NULL)
		scr = own = sl_text_scratch_new();
	scr->ndm = scr->ncm = 0;
	sl_status st = sl_norm_text(&scr->norm, text, len,
	                            opts->trad_simp ? SL_NORM_TRAD_SIMP : 0, NULL);
	if (st != SL_OK && st != SL_ERR_LIMIT)
		goto out;
	if (m == NULL)
		goto out;
	if (len > SL_NORM_MAX_INPUT) {
		len = SL_NORM_MAX_INPUT;   /* where the normalizer cut it */
		while (len > 0 && ((unsigned char)text[len] & 0xC0) == 0x80)
			len--;
	}
	if (!opts->no_confusable)
		scan_confusables(m, scr, text, len);
	scan_dict(m, scr, as_of);
	report(scr, fn, ctx);
out:
	sl_text_scratch_free(own);
	return st;
}
