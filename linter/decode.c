/*
 * decode.c - a page's bytes to UTF-8 text with a map back to the
 * original bytes, and the line index that turns a text offset into a
 * line and column.  Which charset to use is decided with charset.c.
 *
 * Valid UTF-8 (and pure ASCII in any ASCII-compatible charset) is
 * copied as is and gets no offset map; UTF-8 with errors, windows-1252
 * and x-user-defined are decoded here; everything else goes through an
 * ICU converter opened for the one call.
 */
#include "decode.h"
#include "charset.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucnv_err.h>

/* The decoded text with its offset map, while it grows. */
struct out {
	char *text;
	uint32_t *orig;
	size_t len;
	size_t cap;
	size_t invalid;
	size_t first_invalid;
	size_t nul;
};

/* Makes room for EXTRA more text bytes (plus the NUL).  False when the
 * text would not fit 32-bit offsets. */
static bool
out_reserve(struct out *o, size_t extra)
{
	size_t need = o->len + extra + 1;
	if (need <= o->cap)
		return true;
	if (need > UINT32_MAX)
		return false;
	/* Oversize by 50% to keep appends amortized linear. */
	size_t cap = o->cap + o->cap / 2;
	if (cap < need)
		cap = need;
	if (cap > (size_t)UINT32_MAX)
		cap = UINT32_MAX;
	o->text = sl_realloc(o->text, cap);
	o->orig = sl_realloc(o->orig, cap * sizeof *o->orig);
	o->cap = cap;
	return true;
}

/* Appends CP, which came from the byte at SRC.  Assumes 4 bytes are
 * reserved.  A NUL becomes U+FFFD: libxml2 must never see one. */
static inline void
out_cp(struct out *o, uint32_t cp, size_t src)
{
	unsigned char *t = (unsigned char *)o->text + o->len;
	uint32_t *m = o->orig + o->len;
	uint32_t s = (uint32_t)src;

	/* 1-0x7F; a NUL wraps around and takes the U+FFFD path. */
	if (cp - 1 < 0x7F) {
		t[0] = (unsigned char)cp;
		m[0] = s;
		o->len++;
		return;
	}
	if (cp == 0) {
		o->nul++;
		cp = 0xFFFD;
	}
	if (cp < 0x800) {
		t[0] = (unsigned char)(0xC0 | (cp >> 6));
		t[1] = (unsigned char)(0x80 | (cp & 0x3F));
		m[0] = m[1] = s;
		o->len += 2;
		return;
	}
	if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		cp = 0xFFFD;
	if (cp < 0x10000) {
		t[0] = (unsigned char)(0xE0 | (cp >> 12));
		t[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		t[2] = (unsigned char)(0x80 | (cp & 0x3F));
		m[0] = m[1] = m[2] = s;
		o->len += 3;
		return;
	}
	t[0] = (unsigned char)(0xF0 | (cp >> 18));
	t[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	t[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	t[3] = (unsigned char)(0x80 | (cp & 0x3F));
	m[0] = m[1] = m[2] = m[3] = s;
	o->len += 4;
}

static void
out_invalid(struct out *o, size_t src)
{
	if (o->invalid++ == 0)
		o->first_invalid = o->len;
	out_cp(o, 0xFFFD, src);
}

/* One UTF-8 sequence at P (N > 0 bytes), as the WHATWG decoder reads
 * it.  Returns its length; *CP is UINT32_MAX when the sequence is
 * invalid (the length is then that of its maximal subpart). */
static size_t
utf8_next(const unsigned char *p, size_t n, uint32_t *cp)
{
	unsigned c = p[0];
	unsigned lo = 0x80, hi = 0xBF;
	size_t need;
	uint32_t v;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		need = 1;
		v = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 2;
		v = c & 0x0F;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 3;
		v = c & 0x07;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
	} else {
		*cp = UINT32_MAX;
		return 1;
	}
	for (size_t i = 1; i <= need; i++) {
		if (i >= n || p[i] < lo || p[i] > hi) {
			*cp = UINT32_MAX;
			return i;
		}
		v = (v << 6) | (p[i] & 0x3F);
		lo = 0x80;
		hi = 0xBF;
	}
	*cp = v;
	return need + 1;
}

enum { SCAN_NONASCII = 1, SCAN_INVALID = 2, SCAN_NUL = 4 };

/* Scans N bytes at P for non-ASCII bytes, invalid UTF-8 and NULs, and
 * returns those flags.  It stops as soon as it has found one of STOP. */
static int
utf8_scan(const unsigned char *p, size_t n, int stop)
{
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	int flags = 0;
	size_t i = 0;

	while (i < n) {
		/* Eight ASCII bytes without a NUL at a time. */
		while (n - i >= 8) {
			uint64_t v;
			memcpy(&v, p + i, 8);
			if (((v | ((v - ones) & ~v)) & highs) != 0)
				break;
			i += 8;
		}
		if (i >= n)
			break;
		if (p[i] < 0x80) {
			if (p[i] == 0)
				flags |= SCAN_NUL;
			i++;
			if (flags & stop)
				break;
			continue;
		}
		flags |= SCAN_NONASCII;
		if (flags & stop)
			break;
		/* The common CJK case inline: E1-EC, EE-EF and two trail
		 * bytes need no range checks beyond the trail bits. */
		if (p[i] >= 0xE1 && p[i] != 0xED && p[i] <= 0xEF && n - i >= 3 &&
		    (p[i + 1] & 0xC0) == 0x80 && (p[i + 2] & 0xC0) == 0x80) {
			i += 3;
			continue;
		}
		uint32_t cp;
		i += utf8_next(p + i, n - i, &cp);
		if (cp == UINT32_MAX) {
			flags |= SCAN_INVALID;
			if (flags & stop)
				break;
		}
	}
	return flags;
}

/* UTF-8 with errors or NULs: each maximal invalid subpart becomes one
 * U+FFFD. */
static bool
decode_utf8(const unsigned char *b, size_t len, size_t base, struct out *o)
{
	if (!out_reserve(o, len - base + 16))
		return false;
	for (size_t i = base; i < len;) {
		uint32_t cp;
		size_t k = utf8_next(b + i, len - i, &cp);
		/* An invalid byte grows to 3; so does a NUL. */
		if (!out_reserve(o, 4))
			return false;
		if (cp == UINT32_MAX)
			out_invalid(o, i);
		else
			out_cp(o, cp, i);
		i += k;
	}
	return true;
}

/* WHATWG windows-1252: 0x80-0x9F differ from Latin-1; no byte is
 * invalid. */
static const uint16_t cp1252_high[32] = {
	0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
	0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

static bool
decode_single_byte(const unsigned char *b, size_t len, bool user_defined,
                   struct out *o)
{
	for (size_t i = 0; i < len; i++) {
		uint32_t cp = b[i];
		if (!out_reserve(o, 4))
			return false;
		if (cp >= 0x80 && user_defined)
			cp = 0xF780 + cp - 0x80;
		else if (cp >= 0x80 && cp < 0xA0)
			cp = cp1252_high[cp - 0x80];
		out_cp(o, cp, i);
	}
	return true;
}

/* The state the ICU callback shares with decode_icu(). */
struct icu_cb {
	size_t count;
	bool have_first;
	size_t first_u16;   /* UTF-16 index of the first substitution */
	const UChar *tstart;
	size_t u16_base;    /* UTF-16 units emitted before this call */
};

/* Replaces each illegal, irregular or unassigned sequence with one
 * U+FFFD and notes where the first one went. */
static void U_CALLCONV
icu_substitute(const void *context, UConverterToUnicodeArgs *args,
               const char *units, int32_t length,
               UConverterCallbackReason reason, UErrorCode *err)
{
	static const UChar fffd = 0xFFFD;
	struct icu_cb *cb = (struct icu_cb *)(uintptr_t)context;

	(void)units;
	(void)length;
	if (reason != UCNV_UNASSIGNED && reason != UCNV_ILLEGAL &&
	    reason != UCNV_IRREGULAR)
		return;
	if (!cb->have_first) {
		cb->have_first = true;
		cb->first_u16 = cb->u16_base + (size_t)(args->target - cb->tstart);
	}
	cb->count++;
	*err = U_ZERO_ERROR;
	ucnv_cbToUWriteUChars(args, &fffd, 1, 0, err);
}

enum { ICU_CHUNK = 8192 };

/* The UTF-16 state carried from one chunk to the next. */
struct u16_state {
	uint32_t lead;        /* pending lead surrogate, or 0 */
	size_t lead_src;
	size_t last_src;      /* source of the previous unit */
	size_t index;         /* UTF-16 units consumed so far */
	const struct icu_cb *cb;
};

/* Appends N UTF-16 units whose sources are SRC_BASE + OFFS[i] (-1:
 * same character as the unit before). */
static bool
emit_u16(struct out *o, struct u16_state *s, const UChar *u,
         const int32_t *offs, size_t n, size_t src_base)
{
	if (!out_reserve(o, 3 * n + 8))
		return false;
	for (size_t i = 0; i < n; i++, s->index++) {
		uint32_t c = u[i];
		size_t src = offs[i] >= 0 ? src_base + (size_t)offs[i]
		                          : s->last_src;
		s->last_src = src;
		if (s->lead != 0) {
			if (c >= 0xDC00 && c <= 0xDFFF) {
				uint32_t cp = 0x10000 + ((s->lead - 0xD800) << 10) +
				              (c - 0xDC00);
				out_cp(o, cp, s->lead_src);
				s->lead = 0;
				continue;
			}
			out_cp(o, 0xFFFD, s->lead_src);
			s->lead = 0;
		}
		if (s->cb->have_first && s->index == s->cb->first_u16)
			o->first_invalid = o->len;
		if (c >= 0xD800 && c <= 0xDBFF) {
			s->lead = c;
			s->lead_src = src;
		} else {
			/* A lone trail surrogate becomes U+FFFD here. */
			out_cp(o, c, src);
		}
	}
	return true;
}

/* Decodes with the ICU converter NAME.  Returns -1 if it cannot be
 * opened, 0 when the text outgrew 32-bit offsets, 1 on success. */
static int
decode_icu(const char *name, const unsigned char *b, size_t len,
           size_t base, struct out *o)
{
	UErrorCode st = U_ZERO_ERROR;
	UConverter *cv = ucnv_open(name, &st);
	UChar *ubuf = NULL;
	int32_t *offs = NULL;
	struct icu_cb cb = {0};
	struct u16_state s = {0};
	int ret = -1;

	if (U_FAILURE(st))
		goto out;
	ucnv_setToUCallBack(cv, icu_substitute, &cb, NULL, NULL, &st);
	if (U_FAILURE(st))
		goto out;
	ret = 0;
	ubuf = sl_malloc(ICU_CHUNK * sizeof *ubuf);
	offs = sl_malloc(ICU_CHUNK * sizeof *offs);
	s.cb = &cb;
	s.last_src = base;
	if (!out_reserve(o, len - base + (len - base) / 2 + 16))
		goto out;
	const char *src = (const char *)b + base;
	const char *lim = (const char *)b + len;
	for (;;) {
		const char *call_src = src;
		UChar *t = ubuf;
		cb.tstart = ubuf;
		cb.u16_base = s.index;
		st = U_ZERO_ERROR;
		ucnv_toUnicode(cv, &t, ubuf + ICU_CHUNK, &src, lim, offs, 1,
		               &st);
		size_t src_base = (size_t)((const unsigned char *)call_src - b);
		if (!emit_u16(o, &s, ubuf, offs, (size_t)(t - ubuf), src_base))
			goto out;
		if (st != U_BUFFER_OVERFLOW_ERROR)
			break;
	}
	if (!out_reserve(o, 8))
		goto out;
	if (s.lead != 0)
		out_cp(o, 0xFFFD, s.lead_src);
	o->invalid += cb.count;
	/* Should the converter fail anyway, the rest is one bad sequence. */
	if (U_FAILURE(st) && src < lim)
		out_invalid(o, (size_t)((const unsigned char *)src - b));
	ret = 1;
out:
	free(ubuf);
	free(offs);
	ucnv_close(cv);
	return ret;
}

/* The TEXT offset of the character that came from source byte SRC. */
static size_t
text_offset_of(const struct sl_decoded *d, size_t src)
{
	if (d->orig == NULL)
		return src > d->orig_base ? src - d->orig_base : 0;
	size_t lo = 0, hi = d->len;
	/* The first offset whose source is at or after SRC. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (d->orig[mid] < src)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static size_t
orig_of(const struct sl_decoded *d, size_t off)
{
	return d->orig != NULL ? d->orig[off] : off + d->orig_base;
}

size_t
sl_decoded_orig(const struct sl_decoded *d, size_t off)
{
	return orig_of(d, off > d->len ? d->len : off);
}

/* True if any of the 8 bytes in V is C. */
static inline bool
has_byte(uint64_t v, unsigned char c)
{
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	uint64_t x = v ^ (ones * c);
	return ((x - ones) & ~x & highs) != 0;
}

/* Lines longer than this get checkpoints: for each text offset K *
 * MARK_BLOCK inside such a line, the code points and UTF-16 units from
 * the line start.  A lookup then scans at most MARK_BLOCK bytes, in any
 * order.  They live in the lines[] block, after the nlines starts. */
enum { MARK_BLOCK = 4096 };

static void
index_marks(struct sl_decoded *d, size_t longest)
{
	const unsigned char *t = (const unsigned char *)d->text;

	if (longest <= MARK_BLOCK)
		return;
	size_t nmarks = d->len / MARK_BLOCK + 1;
	d->lines = sl_realloc(d->lines,
	                      (d->nlines + 2 * nmarks) * sizeof *d->lines);
	uint32_t *marks = d->lines + d->nlines;
	for (size_t li = 0; li < d->nlines; li++) {
		size_t s = d->lines[li];
		size_t e = li + 1 < d->nlines ? d->lines[li + 1] : d->len;
		if (e - s <= MARK_BLOCK)
			continue;
		uint32_t cc = 0, cu = 0;
		/* Up to E included: the end of the last line can be looked
		 * up; a later line that needs the mark at E rewrites it. */
		for (size_t i = s;; i++) {
			if (i % MARK_BLOCK == 0) {
				marks[2 * (i / MARK_BLOCK)] = cc;
				marks[2 * (i / MARK_BLOCK) + 1] = cu;
			}
			if (i >= e)
				break;
			if ((t[i] & 0xC0) != 0x80) {
				cc++;
				cu += t[i] >= 0xF0 ? 2 : 1;
			}
		}
	}
}

/* Indexes line starts: LF, CR and CRLF each end a line. */
static void
index_lines(struct sl_decoded *d)
{
	const unsigned char *t = (const unsigned char *)d->text;
	size_t cap = 64, n = 1, longest = 0, len = d->len;
	uint32_t *lines = sl_malloc(cap * sizeof *lines);

	lines[0] = 0;
	for (size_t i = 0; i < len; i++) {
		/* Eight bytes without CR or LF at a time. */
		while (len - i >= 8) {
			uint64_t v;
			memcpy(&v, t + i, 8);
			if (has_byte(v, '\n') || has_byte(v, '\r'))
				break;
			i += 8;
		}
		if (i >= len)
			break;
		if (t[i] != '\n' && t[i] != '\r')
			continue;
		if (t[i] == '\r' && i + 1 < len && t[i + 1] == '\n')
			i++;
		if (n == cap) {
			cap *= 2;
			lines = sl_realloc(lines, cap * sizeof *lines);
		}
		if (i + 1 - lines[n - 1] > longest)
			longest = i + 1 - lines[n - 1];
		lines[n++] = (uint32_t)(i + 1);
	}
	if (len - lines[n - 1] > longest)
		longest = len - lines[n - 1];
	d->lines = lines;
	d->nlines = n;
	index_marks(d, longest);
}

/* Copies a label we found into one of the char[32] fields. */
static void
set_label(char dst[32], const char *src)
{
	snprintf(dst, 32, "%s", src);
}

/* Chooses the charset: BOM, HTTP, <meta>, detection, default.  Sets
 * *BASE to the BOM's length and fills the label fields of D; *SCAN is
 * set to the utf8_scan() flags of the input (scanned up to its first
 * invalid sequence) if it was scanned, else to -1. */
static const char *
choose_charset(const unsigned char *b, size_t len, const char *ct,
               struct sl_decoded *d, size_t *base, size_t *meta_src,
               int *scan)
{
	const char *bom = NULL;
	struct sl_charset_meta meta;

	*base = 0;
	*scan = -1;
	if (len >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) {
		bom = "UTF-8";
		*base = 3;
	} else if (len >= 2 && b[0] == 0xFF && b[1] == 0xFE) {
		bom = "UTF-16LE";
		*base = 2;
	} else if (len >= 2 && b[0] == 0xFE && b[1] == 0xFF) {
		bom = "UTF-16BE";
		*base = 2;
	}
	/* The labels are recorded even when a BOM overrides them. */
	const char *http = sl_charset_from_content_type(ct, d->declared_http);
	meta.found = false;
	if (bom == NULL || *base == 3)
		sl_charset_prescan(b, len, &meta);
	if (meta.found) {
		set_label(d->declared_meta, meta.label);
		*meta_src = meta.offset;
	}
	if (bom != NULL) {
		d->source = SL_CS_BOM;
		return sl_charset_canonical(bom);
	}
	if (http != NULL) {
		d->source = SL_CS_HTTP;
		set_label(d->declared, d->declared_http);
		return http;
	}
	if (meta.found && meta.canonical != NULL) {
		d->source = SL_CS_META;
		set_label(d->declared, d->declared_meta);
		return meta.canonical;
	}
	/* Nothing declared.  Valid UTF-8 with non-ASCII text is UTF-8:
	 * nothing else looks like it, and ICU need not be asked. */
	*scan = utf8_scan(b, len, SCAN_INVALID);
	if ((*scan & SCAN_NONASCII) == 0) {
		d->source = SL_CS_DEFAULT;
		return "UTF-8";
	}
	d->source = SL_CS_DETECTED;
	if ((*scan & SCAN_INVALID) == 0)
		return "UTF-8";
	const char *det = sl_charset_detect(b, len);
	if (det != NULL)
		return det;
	d->source = SL_CS_DEFAULT;
	return "UTF-8";
}

/* Hands the text of O to D, with its offset map closed by the input
 * length. */
static void
take_out(struct sl_decoded *d, struct out *o, size_t len)
{
	o->text[o->len] = '\0';
	o->orig[o->len] = (uint32_t)len;
	d->text = sl_realloc(o->text, o->len + 1);
	d->len = o->len;
	d->orig = sl_realloc(o->orig, (o->len + 1) * sizeof *o->orig);
	d->invalid_count = o->invalid;
	d->first_invalid = o->first_invalid;
	d->nul_count = o->nul;
	o->text = NULL;
	o->orig = NULL;
}

/* The text is the input itself, scanned and valid: no offset map. */
static void
take_copy(struct sl_decoded *d, const unsigned char *b, size_t len,
          size_t base)
{
	d->scanned_valid = true;
	d->text = sl_strndup((const char *)b + base, len - base);
	d->len = len - base;
	d->orig_base = base;
}

/* Decodes B in CHARSET into D.  Returns 1 on success, 0 when the text
 * outgrew 32-bit offsets, -1 when ICU has no converter for CHARSET. */
static int
convert(struct sl_decoded *d, const char *charset, const unsigned char *b,
        size_t len, size_t base, int scan)
{
	struct out o = {0};
	bool ok = true;

	if (sl_ascii_ieq(charset, "UTF-8")) {
		if (scan < 0)
			scan = utf8_scan(b + base, len - base, SCAN_INVALID);
		if ((scan & (SCAN_INVALID | SCAN_NUL)) == 0)
			take_copy(d, b, len, base);
		else if ((ok = decode_utf8(b, len, base, &o)))
			take_out(d, &o, len);
		goto out;
	}
	if (sl_charset_ascii_compatible(charset)) {
		if (scan < 0)
			scan = utf8_scan(b + base, len - base,
			                 SCAN_NONASCII | SCAN_NUL);
		if ((scan & (SCAN_NONASCII | SCAN_NUL)) == 0) {
			take_copy(d, b, len, base);
			goto out;
		}
	}
	const char *icu = sl_charset_icu_name(charset);
	if (icu == NULL) {
		/* windows-1252 or x-user-defined; neither has a BOM. */
		bool user = sl_ascii_ieq(charset, "x-user-defined");
		if ((ok = decode_single_byte(b, len, user, &o)))
			take_out(d, &o, len);
		goto out;
	}
	int r = decode_icu(icu, b, len, base, &o);
	if (r < 0)
		return -1;
	if ((ok = r > 0))
		take_out(d, &o, len);
out:
	free(o.text);
	free(o.orig);
	if (ok)
		set_label(d->charset, charset);
	return ok;
}

sl_status
sl_decode(const unsigned char *bytes, size_t len,
          const char *http_content_type, struct sl_decoded *out,
          struct sl_err *err)
{
	size_t base, meta_src = SIZE_MAX;
	int scan;

	memset(out, 0, sizeof *out);
	if (len > UINT32_MAX / 2)
		return sl_err_set(err, SL_ERR_LIMIT,
		                  "page of %zu bytes is too large to decode", len);
	if (len == 0)
		bytes = (const unsigned char *)"";
	const char *cs = choose_charset(bytes, len, http_content_type, out,
	                                &base, &meta_src, &scan);
	int r = convert(out, cs, bytes, len, base, scan);
	if (r < 0) {
		/* ICU lacks this converter (ISO-8859-16): undecided. */
		out->declared[0] = '\0';
		out->source = SL_CS_DEFAULT;
		r = convert(out, "UTF-8", bytes, len, base, -1);
	}
	if (r == 0) {
		sl_decoded_free(out);
		return sl_err_set(err, SL_ERR_LIMIT,
		                  "decoded page exceeds 4 GiB");
	}
	if (meta_src != SIZE_MAX)
		out->meta_offset = text_offset_of(out, meta_src);
	index_lines(out);
	return SL_OK;
}

void
sl_decoded_free(struct sl_decoded *d)
{
	if (d == NULL)
		return;
	free(d->text);
	free(d->orig);
	free(d->lines);
	memset(d, 0, sizeof *d);
}

uint32_t
sl_pos_col(const struct sl_pos *p, enum sl_column_unit unit)
{
	switch (unit) {
	case SL_COL_BYTE:
		return p->col_byte;
	case SL_COL_UTF16:
		return p->col_utf16;
	case SL_COL_CHAR:
	default:
		return p->col_char;
	}
}

/* The index of the line holding OFF: the last start <= OFF. */
static size_t
find_line(const struct sl_decoded *d, size_t off)
{
	size_t lo = 0, hi = d->nlines;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (d->lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* Moves OFF onto the start of a character, and from the LF of a CRLF
 * back to its CR: the pair is one break. */
static size_t
clamp_offset(const struct sl_decoded *d, size_t off)
{
	const unsigned char *t = (const unsigned char *)d->text;
	if (off >= d->len)
		return d->len;
	while (off > 0 && (t[off] & 0xC0) == 0x80)
		off--;
	if (off > 0 && t[off] == '\n' && t[off - 1] == '\r')
		off--;
	return off;
}

struct sl_pos
sl_decoded_pos(struct sl_decoded *d, size_t off)
{
	const unsigned char *t = (const unsigned char *)d->text;
	struct sl_pos p = {1, 1, 1, 1};
	size_t li, from;

	if (d->lines == NULL)
		return p;
	off = clamp_offset(d, off);
	li = d->cur_pos.line > 0 ? d->cur_pos.line - 1 : 0;
	if (d->cur_pos.line > 0 && d->cur_off <= off &&
	    (li + 1 >= d->nlines || off < d->lines[li + 1])) {
		/* Ascending on the same line: go on from the cursor. */
		p = d->cur_pos;
		from = d->cur_off;
	} else {
		li = find_line(d, off);
		p.line = (uint32_t)(li + 1);
		from = d->lines[li];
	}
	if (off - from > MARK_BLOCK && off - d->lines[li] > MARK_BLOCK) {
		/* A long line has checkpoints (see index_marks()); the one
		 * at or before OFF is inside this line and after FROM. */
		const uint32_t *marks = d->lines + d->nlines;
		size_t k = off / MARK_BLOCK;
		from = k * MARK_BLOCK;
		p.col_char = marks[2 * k] + 1;
		p.col_utf16 = marks[2 * k + 1] + 1;
	}
	uint32_t cc = p.col_char, cu = p.col_utf16;
	for (size_t i = from; i < off; i++) {
		if ((t[i] & 0xC0) != 0x80) {
			cc++;
			cu += t[i] >= 0xF0 ? 2 : 1;
		}
	}
	p.col_char = cc;
	p.col_utf16 = cu;
	/* Line 1 starts at byte 0 of the file, so a BOM counts. */
	size_t line_src = li == 0 ? 0 : orig_of(d, d->lines[li]);
	p.col_byte = (uint32_t)(orig_of(d, off) - line_src + 1);
	d->cur_off = off;
	d->cur_pos = p;
	return p;
}

struct sl_span
sl_decoded_span(struct sl_decoded *d, size_t start, size_t end)
{
	struct sl_span s;
	if (end < start)
		end = start;
	s.start = sl_decoded_pos(d, start);
	s.end = sl_decoded_pos(d, end);
	return s;
}

void
sl_decoded_line(const struct sl_decoded *d, size_t off, size_t *line_start,
                size_t *line_len)
{
	*line_start = 0;
	*line_len = 0;
	if (d->lines == NULL)
		return;
	if (off > d->len)
		off = d->len;
	size_t li = find_line(d, off);
	size_t s = d->lines[li];
	size_t e = li + 1 < d->nlines ? d->lines[li + 1] : d->len;
	if (e > s && d->text[e - 1] == '\n')
		e--;
	if (e > s && d->text[e - 1] == '\r')
		e--;
	*line_start = s;
	*line_len = e - s;
}
