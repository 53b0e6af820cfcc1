/*
 * normalize.c - ICU normalization of text runs with a map back to bytes.
 *
 * ICU's normalizer has no offset map, so the input is normalized piece by
 * piece: the longest prefix that is already in NFKC_Casefold form (ICU's
 * quick check says "yes") is copied one code point at a time with exact
 * spans, and the next normalization segment (up to the next character
 * that has a normalization boundary before it) is normalized alone.
 * Segments are independent by definition of a boundary, so the result
 * equals normalizing the whole string.  A segment's output maps to the
 * segment's bytes, or code point by code point when normalizing them one
 * by one gives the same text.  Chinese and lowercase ASCII text is
 * almost all "yes".
 *
 * Traditional-to-Simplified folding uses ICU's transliterator on the
 * whole normalized run rather than a per-character table: ICU's rules
 * include a few phrase rules (計畫 -> 计划, where a table gives 计画, a
 * typo a dictionary flags).  All of its rules map one code point to one
 * code point, so the offset map carries over unchanged; a run whose
 * length would change is left unfolded rather than mapped wrongly.
 */
#include "normalize.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uset.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utrans.h>

struct sl_norm_priv {
	UChar *u16;             /* the input as UTF-16 */
	uint32_t *u16off;       /* input byte of each unit's code point,
	                           u16len + 1 entries */
	size_t u16cap;
	UChar *seg;             /* one normalized segment */
	int32_t segcap;
	UTransliterator *trans; /* opened on first use */
	USet *trans_src;        /* characters the transliterator changes */
	bool trans_failed;
	UChar *tbuf;            /* the run handed to the transliterator */
	size_t tcap;
	/* Normalized forms of single-code-point segments (full-width
	 * punctuation: a few in every sentence), direct-mapped by code
	 * point; key is the code point + 1, 0 when empty. */
	struct {
		uint32_t key;
		int32_t len;
		UChar out[4];
	} one[64];
};

bool
sl_norm_is_cjk(uint32_t cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) ||   /* unified ideographs */
	       (cp >= 0x3400 && cp <= 0x4DBF) ||   /* extension A */
	       (cp >= 0x20000 && cp <= 0x3FFFF) || /* extensions B and on */
	       (cp >= 0xF900 && cp <= 0xFAFF) ||   /* compatibility */
	       (cp >= 0x3000 && cp <= 0x30FF) ||   /* punctuation, 〇, kana */
	       (cp >= 0x2E80 && cp <= 0x2FDF) ||   /* radicals */
	       (cp >= 0xFF00 && cp <= 0xFF65);     /* full-width forms left
	                                              by NFKC (none) and
	                                              half-width punctuation */
}

void
sl_norm_init(struct sl_norm *n)
{
	memset(n, 0, sizeof *n);
}

void
sl_norm_free(struct sl_norm *n)
{
	if (n == NULL)
		return;
	free(n->cp);
	free(n->from);
	free(n->to);
	if (n->priv != NULL) {
		struct sl_norm_priv *p = n->priv;
		free(p->u16);
		free(p->u16off);
		free(p->seg);
		free(p->tbuf);
		if (p->trans != NULL)
			utrans_close(p->trans);
		if (p->trans_src != NULL)
			uset_close(p->trans_src);
		free(p);
	}
	memset(n, 0, sizeof *n);
}

static void
reserve_out(struct sl_norm *n, size_t more)
{
	if (n->len + more <= n->cap)
		return;
	size_t cap = n->cap ? n->cap : 64;
	while (cap < n->len + more)
		cap += cap / 2;
	n->cp = sl_realloc(n->cp, cap * sizeof *n->cp);
	n->from = sl_realloc(n->from, cap * sizeof *n->from);
	n->to = sl_realloc(n->to, cap * sizeof *n->to);
	n->cap = cap;
}

static void
emit(struct sl_norm *n, uint32_t cp, uint32_t from, uint32_t to)
{
	reserve_out(n, 1);
	n->cp[n->len] = cp;
	n->from[n->len] = from;
	n->to[n->len] = to;
	n->len++;
}

/* Decodes TEXT[START, LEN) into p->u16 with the byte offset (in TEXT)
 * of every unit.  Returns the number of units. */
static size_t
to_utf16(struct sl_norm_priv *p, const char *text, size_t start, size_t len)
{
	if (p->u16cap < len - start + 1) {
		p->u16cap = len - start + 1;
		p->u16 = sl_realloc(p->u16, p->u16cap * sizeof *p->u16);
		p->u16off = sl_realloc(p->u16off, p->u16cap * sizeof *p->u16off);
	}
	const unsigned char *s = (const unsigned char *)text;
	size_t i = start, k = 0;
	while (i < len) {
		uint32_t cp;
		if (s[i] < 0x80) {
			p->u16off[k] = (uint32_t)i;
			p->u16[k++] = s[i++];
			continue;
		}
		/* The three-byte sequences of CJK text, decoded inline: E1-EC
		 * and EE-EF leads with two trail bytes are valid and give one
		 * BMP unit that is no surrogate. */
		if (s[i] >= 0xE1 && s[i] <= 0xEF && s[i] != 0xED && len - i >= 3 &&
		    (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80) {
			p->u16off[k] = (uint32_t)i;
			p->u16[k++] = (UChar)((s[i] & 0x0F) << 12 | (s[i + 1] & 0x3F) << 6 |
			                      (s[i + 2] & 0x3F));
			i += 3;
			continue;
		}
		int l = sl_utf8_decode(s + i, len - i, &cp);
		/* A code point needs at most as many units as its UTF-8 bytes. */
		size_t k0 = k;
		U16_APPEND_UNSAFE(p->u16, k, cp);
		for (size_t j = k0; j < k; j++)
			p->u16off[j] = (uint32_t)i;
		i += (size_t)l;
	}
	p->u16off[k] = (uint32_t)len;
	return k;
}

/* Returns the end of the normalization segment that starts at POS. */
static size_t
segment_end(const UNormalizer2 *nf, const UChar *u, size_t pos, size_t ulen)
{
	UChar32 c;
	size_t end = pos;
	U16_NEXT(u, end, ulen, c);
	while (end < ulen) {
		size_t next = end;
		U16_NEXT(u, next, ulen, c);
		if (unorm2_hasBoundaryBefore(nf, c))
			break;
		end = next;
	}
	return end;
}

/* Normalizes units [POS, END) into p->seg; returns the length or -1. */
static int32_t
norm_units(struct sl_norm_priv *p, const UNormalizer2 *nf, size_t pos, size_t end,
           int32_t at)
{
	for (;;) {
		UErrorCode ec = U_ZERO_ERROR;
		/* No buffer yet: preflight (NULL + 0 is undefined behaviour). */
		UChar *dest = p->seg != NULL ? p->seg + at : NULL;
		int32_t ol = unorm2_normalize(nf, p->u16 + pos, (int32_t)(end - pos),
		                              dest, p->segcap - at, &ec);
		if (ec == U_BUFFER_OVERFLOW_ERROR) {
			p->segcap = at + ol + 64;
			p->seg = sl_realloc(p->seg, (size_t)p->segcap * sizeof *p->seg);
			continue;
		}
		return U_FAILURE(ec) ? -1 : ol;
	}
}

static void
emit_units(struct sl_norm *n, const UChar *u, int32_t len, uint32_t from, uint32_t to)
{
	for (int32_t j = 0; j < len;) {
		UChar32 c;
		U16_NEXT(u, j, len, c);
		emit(n, (uint32_t)c, from, to);
	}
}

/* Normalizes units [POS, END) and emits the result.  When normalizing
 * each code point alone gives the same text (a removed ignorable after
 * a letter, say), each keeps its own bytes; otherwise (composition) all
 * of it maps to the whole segment. */
static bool
emit_segment(struct sl_norm *n, const UNormalizer2 *nf, size_t pos, size_t end)
{
	struct sl_norm_priv *p = n->priv;
	uint32_t from = p->u16off[pos], to = p->u16off[end];
	if (end - pos == 1 && p->u16[pos] < 0x80) {
		/* ASCII alone in its segment: only case folding applies. */
		UChar c = p->u16[pos];
		emit(n, (c >= 'A' && c <= 'Z') ? (uint32_t)(c + 32) : c, from, to);
		return true;
	}
	size_t after_one = pos;
	U16_FWD_1(p->u16, after_one, end);
	if (after_one == end) {
		/* One code point: normalized alone is all there is to it. */
		UChar32 c;
		size_t q = pos;
		U16_NEXT(p->u16, q, end, c);
		uint32_t slot = (uint32_t)c & 63;
		if (p->one[slot].key != (uint32_t)c + 1) {
			int32_t l = norm_units(p, nf, pos, end, 0);
			if (l < 0)
				return false;
			if (l > 4) {
				emit_units(n, p->seg, l, from, to);
				return true;
			}
			p->one[slot].key = (uint32_t)c + 1;
			p->one[slot].len = l;
			if (l > 0)
				memcpy(p->one[slot].out, p->seg, (size_t)l * sizeof *p->seg);
		}
		emit_units(n, p->one[slot].out, p->one[slot].len, from, to);
		return true;
	}
	int32_t whole = norm_units(p, nf, pos, end, 0);
	if (whole < 0)
		return false;
	/* Each code point alone, after the whole result in p->seg. */
	int32_t at = whole;
	size_t q = pos;
	while (q < end) {
		size_t next = q;
		U16_FWD_1(p->u16, next, end);
		int32_t l = norm_units(p, nf, q, next, at);
		if (l < 0)
			return false;
		at += l;
		q = next;
	}
	if (at - whole != whole || (whole > 0 &&
	    memcmp(p->seg, p->seg + whole, (size_t)whole * sizeof *p->seg) != 0)) {
		emit_units(n, p->seg, whole, from, to);
		return true;
	}
	at = whole;
	for (q = pos; q < end;) {
		size_t next = q;
		U16_FWD_1(p->u16, next, end);
		int32_t l = norm_units(p, nf, q, next, at);
		if (l < 0)
			return false;
		if (l > 0)   /* p->seg may still be NULL when all was removed */
			emit_units(n, p->seg + at, l, p->u16off[q], p->u16off[next]);
		at += l;
		q = next;
	}
	return true;
}

static bool
normalize_units(struct sl_norm *n, size_t ulen)
{
	struct sl_norm_priv *p = n->priv;
	UErrorCode ec = U_ZERO_ERROR;
	const UNormalizer2 *nf = unorm2_getNFKCCasefoldInstance(&ec);
	if (U_FAILURE(ec))
		return false;
	size_t pos = 0;
	while (pos < ulen) {
		int32_t span = unorm2_spanQuickCheckYes(nf, p->u16 + pos,
		                                        (int32_t)(ulen - pos), &ec);
		if (U_FAILURE(ec))
			return false;
		size_t stop = pos + (size_t)span;
		while (pos < stop) {
			size_t at = pos;
			UChar32 c;
			U16_NEXT(p->u16, pos, stop, c);
			emit(n, (uint32_t)c, p->u16off[at], p->u16off[pos]);
		}
		if (pos >= ulen)
			break;
		size_t end = segment_end(nf, p->u16, pos, ulen);
		if (!emit_segment(n, nf, pos, end))
			return false;
		pos = end;
	}
	return true;
}

/*
 * The fast path.  A BMP character that always has a normalization
 * boundary before it and normalizes alone to one BMP code point
 * (ASCII, the CJK ideographs, most CJK and full-width punctuation) is
 * "simple".  Followed by a simple character (or by nothing) it is its own
 * segment: its normalized form is that one code point, from its own
 * bytes, whatever came before it -- what the piecewise ICU path gives,
 * without its UTF-16 copy and its calls.  Everything else goes to that
 * path in regions that start and end at boundaries: a region ends before
 * the next simple character.  Which characters are simple is asked of
 * ICU, 256 code points at a time, on first use.
 */
static uint16_t simple_map[0x10000];   /* the normalized form, 0: not simple */
static atomic_uchar simple_ready[0x100];
static pthread_mutex_t simple_mu = PTHREAD_MUTEX_INITIALIZER;

static void
simple_fill(uint32_t block)
{
	UErrorCode ec = U_ZERO_ERROR;
	const UNormalizer2 *nf = unorm2_getNFKCCasefoldInstance(&ec);
	for (uint32_t c = block << 8; c < (block + 1) << 8; c++) {
		UChar in = (UChar)c, out[4];
		simple_map[c] = 0;
		if (U_FAILURE(ec) || c == 0 || U16_IS_SURROGATE(in) ||
		    !unorm2_hasBoundaryBefore(nf, (UChar32)c))
			continue;
		UErrorCode e2 = U_ZERO_ERROR;
		int32_t n = unorm2_normalize(nf, &in, 1, out, 4, &e2);
		if (U_SUCCESS(e2) && n == 1 && out[0] != 0 && !U16_IS_SURROGATE(out[0]))
			simple_map[c] = out[0];
	}
}

/* The normalized form of a simple CP, else 0. */
static inline uint32_t
simple_of(uint32_t cp)
{
	/* The CJK Unified Ideographs (the bulk of Chinese text) normalize
	 * each to itself with a boundary before it (test_normalize checks
	 * this against ICU): no table. */
	if (cp >= 0x4E00 && cp <= 0x9FFF)
		return cp;
	if (cp > 0xFFFF)
		return 0;
	uint32_t block = cp >> 8;
	if (!atomic_load_explicit(&simple_ready[block], memory_order_acquire)) {
		pthread_mutex_lock(&simple_mu);
		if (!atomic_load_explicit(&simple_ready[block], memory_order_relaxed)) {
			simple_fill(block);
			atomic_store_explicit(&simple_ready[block], 1, memory_order_release);
		}
		pthread_mutex_unlock(&simple_mu);
	}
	return simple_map[cp];
}

/* The well-formed UTF-8 character of at most three bytes at S[I]
 * (I < LEN): its length, with its code point in *CP; 0 for anything else
 * (four bytes, invalid), which the ICU path reads. */
static inline size_t
bmp_at(const unsigned char *s, size_t len, size_t i, uint32_t *cp)
{
	unsigned c = s[i];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF && len - i >= 2 && (s[i + 1] & 0xC0) == 0x80) {
		*cp = (uint32_t)(c & 0x1F) << 6 | (s[i + 1] & 0x3F);
		return 2;
	}
	if (c >= 0xE1 && c <= 0xEF && c != 0xED && len - i >= 3 &&
	    (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80) {
		*cp = (uint32_t)(c & 0x0F) << 12 | (uint32_t)(s[i + 1] & 0x3F) << 6 |
		      (s[i + 2] & 0x3F);
		return 3;
	}
	return 0;
}

/* Length of the character at S[I] as to_utf16() reads it. */
static inline size_t
char_len(const unsigned char *s, size_t len, size_t i)
{
	uint32_t cp;
	size_t l = bmp_at(s, len, i, &cp);
	return l ? l : (size_t)sl_utf8_decode(s + i, len - i, &cp);
}

/* Normalizes TEXT[START, END), which starts and ends at boundaries,
 * through ICU. */
static bool
normalize_region(struct sl_norm *n, const char *text, size_t start, size_t end)
{
	size_t ulen = to_utf16(n->priv, text, start, end);
	return normalize_units(n, ulen);
}

static bool
normalize_text(struct sl_norm *n, const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0;
	uint32_t cp = 0, m = 0;
	size_t l = len > 0 ? bmp_at(s, len, 0, &cp) : 0;
	if (l)
		m = simple_of(cp);
	while (i < len) {
		/* Simple characters followed by simple characters (one code
		 * point each from at least one byte: room for all). */
		reserve_out(n, len - i);
		while (i < len && l && m) {
			uint32_t cp2 = 0, m2 = 0;
			size_t l2 = i + l < len ? bmp_at(s, len, i + l, &cp2) : 0;
			if (l2)
				m2 = simple_of(cp2);
			if (i + l < len && !m2)
				break;
			n->cp[n->len] = m;
			n->from[n->len] = (uint32_t)i;
			n->to[n->len] = (uint32_t)(i + l);
			n->len++;
			i += l;
			l = l2;
			m = m2;
		}
		if (i >= len)
			break;
		/* A region up to the next simple character. */
		size_t j = i + char_len(s, len, i);
		l = m = 0;
		while (j < len) {
			l = bmp_at(s, len, j, &cp);
			if (l && (m = simple_of(cp)) != 0)
				break;
			j += l ? l : char_len(s, len, j);
			l = 0;
		}
		if (!normalize_region(n, text, i, j))
			return false;
		i = j;
	}
	return true;
}

/* Unicode White_Space, without a property lookup for the usual cases. */
static bool
is_space(uint32_t cp)
{
	if (cp < 0x80)
		return cp == ' ' || (cp >= 0x09 && cp <= 0x0D);
	if (cp >= 0x3001)
		return false;
	return u_isUWhiteSpace((UChar32)cp);
}

/* Collapses white-space runs to one space, dropped between CJK. */
static void
collapse_space(struct sl_norm *n)
{
	size_t w = 0;
	while (w < n->len && !is_space(n->cp[w]))
		w++;   /* nothing moves before the first space */
	for (size_t r = w; r < n->len; r++) {
		if (!is_space(n->cp[r])) {
			n->cp[w] = n->cp[r];
			n->from[w] = n->from[r];
			n->to[w] = n->to[r];
			w++;
			continue;
		}
		size_t s = r;
		while (r + 1 < n->len && is_space(n->cp[r + 1]))
			r++;
		if (w > 0 && r + 1 < n->len && sl_norm_is_cjk(n->cp[w - 1]) &&
		    sl_norm_is_cjk(n->cp[r + 1]))
			continue;
		n->cp[w] = ' ';
		n->from[w] = n->from[s];
		n->to[w] = n->to[r];
		w++;
	}
	n->len = w;
}

static bool
open_trans(struct sl_norm_priv *p)
{
	if (p->trans != NULL || p->trans_failed)
		return p->trans != NULL;
	UErrorCode ec = U_ZERO_ERROR;
	static const UChar id[] = u"Traditional-Simplified";
	p->trans = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &ec);
	if (U_SUCCESS(ec)) {
		p->trans_src = uset_openEmpty();
		utrans_getSourceSet(p->trans, 0, p->trans_src, &ec);
	}
	if (U_FAILURE(ec)) {
		if (p->trans != NULL)
			utrans_close(p->trans);
		if (p->trans_src != NULL)
			uset_close(p->trans_src);
		p->trans = NULL;
		p->trans_src = NULL;
		p->trans_failed = true;
		return false;
	}
	return true;
}

/* Folds Traditional to Simplified in place when the run has anything
 * to fold and the transliterator keeps its length. */
static bool
fold_trad(struct sl_norm *n)
{
	struct sl_norm_priv *p = n->priv;
	if (!open_trans(p))
		return false;
	size_t i;
	for (i = 0; i < n->len; i++)
		if (n->cp[i] >= 0x3400 && uset_contains(p->trans_src, (UChar32)n->cp[i]))
			break;
	if (i == n->len)
		return true;
	size_t need = 2 * n->len + 16;
	if (need > INT32_MAX)
		return true;
	if (p->tcap < need) {
		p->tcap = need;
		p->tbuf = sl_realloc(p->tbuf, p->tcap * sizeof *p->tbuf);
	}
	int32_t tl = 0;
	for (i = 0; i < n->len; i++)
		U16_APPEND_UNSAFE(p->tbuf, tl, n->cp[i]);
	int32_t limit = tl;
	UErrorCode ec = U_ZERO_ERROR;
	utrans_transUChars(p->trans, p->tbuf, &tl, (int32_t)p->tcap, 0, &limit, &ec);
	if (U_FAILURE(ec))
		return true;   /* grew past the buffer: leave the run as is */
	size_t count = 0;
	for (int32_t j = 0; j < tl; count++)
		U16_FWD_1(p->tbuf, j, tl);
	if (count != n->len)
		return true;
	i = 0;
	for (int32_t j = 0; j < tl; i++) {
		UChar32 c;
		U16_NEXT(p->tbuf, j, tl, c);
		n->cp[i] = (uint32_t)c;
	}
	return true;
}

sl_status
sl_norm_text(struct sl_norm *n, const char *text, size_t len, unsigned flags,
             struct sl_err *err)
{
	sl_status st = SL_OK;
	if (n->priv == NULL)
		n->priv = sl_calloc(1, sizeof *n->priv);
	n->len = 0;
	if (len > SL_NORM_MAX_INPUT) {
		len = SL_NORM_MAX_INPUT;
		while (len > 0 && ((unsigned char)text[len] & 0xC0) == 0x80)
			len--;
		st = sl_err_set(err, SL_ERR_LIMIT,
		                "text run longer than %u bytes: only its start is checked",
		                SL_NORM_MAX_INPUT);
	}
	if (!normalize_text(n, text, len)) {
		n->len = 0;
		return sl_err_set(err, SL_ERR_UNSUPPORTED,
		                  "ICU cannot normalize text (is its data installed?)");
	}
	collapse_space(n);
	if ((flags & SL_NORM_TRAD_SIMP) && !fold_trad(n))
		return sl_err_set(err, SL_ERR_UNSUPPORTED,
		                  "ICU has no Traditional-Simplified transliterator");
	return st;
}

char *
sl_norm_utf8(const char *text, size_t len, unsigned flags, size_t *outlen)
{
	struct sl_norm n;
	sl_norm_init(&n);
	sl_status st = sl_norm_text(&n, text, len, flags, NULL);
	if (st != SL_OK && st != SL_ERR_LIMIT) {
		sl_norm_free(&n);
		return NULL;
	}
	char *out = sl_malloc(n.len * 4 + 1);
	size_t o = 0;
	for (size_t i = 0; i < n.len; i++)
		o += (size_t)sl_utf8_encode(n.cp[i], out + o);
	out[o] = '\0';
	if (outlen != NULL)
		*outlen = o;
	sl_norm_free(&n);
	return out;
}
