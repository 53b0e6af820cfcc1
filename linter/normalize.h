/*
 * normalize.h - the form text is in when the dictionaries are matched.
 *
 * A run of visible text (UTF-8) becomes a sequence of code points:
 *   1. NFKC case folding (ICU "nfkc_cf"): full-width letters and digits
 *      become ASCII, ligatures are split, Kangxi radicals and CJK
 *      compatibility ideographs become the ordinary characters, case is
 *      folded, and default-ignorable code points (U+200B, U+00AD ...)
 *      are removed;
 *   2. every run of white space becomes one U+0020, and is dropped when
 *      it stands between two CJK characters ("开 诚 不 公" = "开诚不公");
 *   3. optionally, Traditional Chinese is folded to Simplified with the
 *      ICU transliterator "Traditional-Simplified".
 *
 * Every output code point carries the byte span [from, to) of the input
 * that produced it, so output positions a..b-1 come from input bytes
 * [from[a], to[b-1]).  A character that normalizes alone maps to its own
 * bytes; a normalization segment (a base and its combining marks, a
 * ligature) maps every code point it yields to the whole segment.
 *
 * The normalizer is a per-thread scratch object: one struct sl_norm must
 * not be used by two threads at once; any number of them may run in
 * parallel.  ICU's own normalizer data is shared and thread-safe.
 */
#ifndef SL_NORMALIZE_H
#define SL_NORMALIZE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

/* Input beyond this many bytes is not normalized (the caller is told). */
#define SL_NORM_MAX_INPUT (16u << 20)

enum {
	SL_NORM_TRAD_SIMP = 1u << 0   /* fold Traditional to Simplified */
};

struct sl_norm_priv;

struct sl_norm {
	uint32_t *cp;      /* the normalized code points (len of them) */
	uint32_t *from;    /* input byte where cp[i]'s source starts */
	uint32_t *to;      /* input byte just after cp[i]'s source */
	size_t len;
	size_t cap;        /* entries allocated in cp/from/to */
	struct sl_norm_priv *priv;
};

/* Prepares N (no allocation yet). */
void sl_norm_init(struct sl_norm *n);

/* Releases N's buffers; N may be initialized again.  NULL is a no-op. */
void sl_norm_free(struct sl_norm *n);

/* Normalizes TEXT (LEN bytes of UTF-8; invalid bytes count as U+FFFD, one
 * per byte) into N->cp/from/to, replacing what N held.  FLAGS is a set of
 * SL_NORM_*.  Input past SL_NORM_MAX_INPUT is cut at a character boundary
 * and SL_ERR_LIMIT is returned with the prefix normalized; SL_ERR_UNSUPPORTED
 * means ICU failed (its data missing), with N empty. */
sl_status sl_norm_text(struct sl_norm *n, const char *text, size_t len,
                       unsigned flags, struct sl_err *err);

/* Returns the normalized form of TEXT as a new NUL-terminated UTF-8
 * string (the caller frees it), its length in *OUTLEN when not NULL;
 * NULL when ICU failed. */
char *sl_norm_utf8(const char *text, size_t len, unsigned flags, size_t *outlen);

/* True for the characters between which white space is not significant:
 * Han ideographs (all blocks), 〇, CJK symbols and punctuation, kana. */
bool sl_norm_is_cjk(uint32_t cp);

#endif
