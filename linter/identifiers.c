/*
 * identifiers.c - 网站标识码, ICP备案号 and 公安机关备案号 in text (see
 * identifiers.h).
 */
#include "identifiers.h"

#include <string.h>

#include "util.h"

#define L_SITECODE "\xE7\xBD\x91\xE7\xAB\x99\xE6\xA0\x87\xE8\xAF\x86\xE7\xA0\x81" /* 网站标识码 */
#define L_POLICE   "\xE5\x85\xAC\xE7\xBD\x91\xE5\xAE\x89\xE5\xA4\x87"             /* 公网安备 */
#define U_BEI      "\xE5\xA4\x87"   /* 备 */
#define U_AN       "\xE6\xA1\x88"   /* 案 */
#define U_HAO      "\xE5\x8F\xB7"   /* 号 */

static bool
at(const unsigned char *s, size_t n, size_t i, const char *lit)
{
	size_t k = strlen(lit);
	return i + k <= n && memcmp(s + i, lit, k) == 0;
}

/* Length of a blank at S[I] (ASCII white space, U+00A0, U+3000), or 0. */
static size_t
blank_at(const unsigned char *s, size_t n, size_t i)
{
	if (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
		return 1;
	if (at(s, n, i, "\xC2\xA0"))
		return 2;
	if (at(s, n, i, "\xE3\x80\x80"))
		return 3;
	return 0;
}

static size_t
skip_blanks(const unsigned char *s, size_t n, size_t i)
{
	size_t k;
	while ((k = blank_at(s, n, i)) > 0)
		i += k;
	return i;
}

/* Length of a full-width digit or Latin letter at S[I], or 0. */
static size_t
fullwidth_alnum_at(const unsigned char *s, size_t n, size_t i)
{
	if (i + 2 >= n || s[i] != 0xEF)
		return 0;
	if (s[i + 1] == 0xBC && ((s[i + 2] >= 0x90 && s[i + 2] <= 0x99) ||
	                         (s[i + 2] >= 0xA1 && s[i + 2] <= 0xBA)))
		return 3;
	if (s[i + 1] == 0xBD && s[i + 2] >= 0x81 && s[i + 2] <= 0x9A)
		return 3;
	return 0;
}

static bool
ascii_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Skips a run of digits at S[I]: ASCII ones are counted in *ASCII, a
 * full-width one sets *ODD.  Returns the offset after the run. */
static size_t
skip_digits(const unsigned char *s, size_t n, size_t i, size_t *ascii, bool *odd)
{
	*ascii = 0;
	for (;;) {
		if (i < n && s[i] >= '0' && s[i] <= '9') {
			(*ascii)++;
			i++;
		} else if (i + 2 < n && s[i] == 0xEF && s[i + 1] == 0xBC && s[i + 2] >= 0x90 &&
		           s[i + 2] <= 0x99) {
			*odd = true;
			i += 3;
		} else {
			return i;
		}
	}
}

/* True when the three bytes before I are a CJK ideograph (a 简称). */
static bool
abbr_before(const unsigned char *s, size_t i)
{
	uint32_t cp;
	return i >= 3 && sl_utf8_decode(s + i - 3, 3, &cp) == 3 && cp >= 0x4E00 && cp <= 0x9FFF;
}

/* 网站标识码 at I: the code after the label and an optional colon. */
static size_t
scan_sitecode(const unsigned char *s, size_t n, size_t i, sl_ident_fn fn, void *ctx)
{
	size_t label_end = i + strlen(L_SITECODE);
	size_t p = skip_blanks(s, n, label_end);
	if (at(s, n, p, ":"))
		p++;
	else if (at(s, n, p, "\xEF\xBC\x9A"))   /* ： */
		p += 3;
	p = skip_blanks(s, n, p);
	size_t t = p, k = 0;
	bool ascii_only = true;
	while (t < n && (ascii_alnum(s[t]) || (k = fullwidth_alnum_at(s, n, t)) > 0)) {
		if (ascii_alnum(s[t])) {
			t++;
		} else {
			ascii_only = false;
			t += k;
		}
	}
	struct sl_ident_match m = { SL_IDENT_SITECODE, i, label_end, false };
	if (t > p) {
		char code[24] = "";
		if (ascii_only && t - p < sizeof code)
			memcpy(code, s + p, t - p);
		m = (struct sl_ident_match){ SL_IDENT_SITECODE, p, t,
		                             ascii_only && sl_ident_sitecode_form(code) };
	}
	fn(ctx, &m);
	return t > label_end ? t : label_end;
}

/* ICP备 at I (I is on "ICP"). */
static size_t
scan_icp(const unsigned char *s, size_t n, size_t i, sl_ident_fn fn, void *ctx)
{
	size_t p = i + 3 + strlen(U_BEI);
	if (at(s, n, p, U_AN))
		return p;      /* "ICP备案号": a label */
	bool abbr = abbr_before(s, i), odd = false, hao = false;
	size_t digits;
	p = skip_digits(s, n, skip_blanks(s, n, p), &digits, &odd);
	if (at(s, n, p, U_HAO)) {
		hao = true;
		p += strlen(U_HAO);
		size_t q = p + 1, more;
		if (at(s, n, p, "-") && (q = skip_digits(s, n, q, &more, &odd)) > p + 1)
			p = q;
	}
	struct sl_ident_match m = { SL_IDENT_ICP, abbr ? i - 3 : i, p,
	                            abbr && hao && !odd && digits >= 4 && digits <= 12 };
	fn(ctx, &m);
	return p;
}

/* 公网安备 at I. */
static size_t
scan_police(const unsigned char *s, size_t n, size_t i, sl_ident_fn fn, void *ctx)
{
	size_t p = i + strlen(L_POLICE);
	if (at(s, n, p, U_AN))
		return p;      /* "公网安备案号": a label */
	bool abbr = abbr_before(s, i), odd = false, hao = false;
	size_t digits;
	p = skip_digits(s, n, skip_blanks(s, n, p), &digits, &odd);
	if (at(s, n, p, U_HAO)) {
		hao = true;
		p += strlen(U_HAO);
	}
	struct sl_ident_match m = { SL_IDENT_POLICE, abbr ? i - 3 : i, p,
	                            abbr && hao && !odd && digits == 14 };
	fn(ctx, &m);
	return p;
}

/* The offset of the first LIT at or after FROM in the N bytes at S, or N.
 * It looks for the literal's last byte (a UTF-8 trail byte, rarer in
 * Chinese text than a lead byte), so memchr() stops seldom. */
static size_t
find_lit(const unsigned char *s, size_t n, size_t from, const char *lit)
{
	size_t k = strlen(lit);
	unsigned char last = (unsigned char)lit[k - 1];
	for (size_t q = from + k - 1; q < n; q++) {
		const unsigned char *hit = memchr(s + q, last, n - q);
		if (hit == NULL)
			break;
		q = (size_t)(hit - s);
		if (memcmp(s + q - (k - 1), lit, k) == 0)
			return q - (k - 1);
	}
	return n;
}

/* The offset of the first "ICP备" (ICP in any case) at or after FROM, or N. */
static size_t
find_icp(const unsigned char *s, size_t n, size_t from)
{
	for (;;) {
		size_t b = find_lit(s, n, from + 3, U_BEI);
		if (b >= n)
			return n;
		if (sl_ascii_nieq((const char *)s + b - 3, "ICP", 3))
			return b - 3;
		from = b - 2;
	}
}

enum { LABEL_SITECODE, LABEL_POLICE, LABEL_ICP, LABEL_COUNT };

static size_t
find_label(const unsigned char *s, size_t n, size_t from, int label)
{
	if (from >= n)
		return n;
	return label == LABEL_SITECODE ? find_lit(s, n, from, L_SITECODE)
	     : label == LABEL_POLICE ? find_lit(s, n, from, L_POLICE) : find_icp(s, n, from);
}

void
sl_ident_scan(const char *text, size_t len, sl_ident_fn fn, void *ctx)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t next[LABEL_COUNT];
	bool known[LABEL_COUNT] = { false, false, false };
	size_t i = 0;
	/* Each label's next occurrence at or after I, searched again only
	 * once I has passed it; the earliest is scanned. */
	while (i < len) {
		int label = -1;
		for (int k = 0; k < LABEL_COUNT; k++) {
			if (!known[k] || next[k] < i) {
				next[k] = find_label(s, len, i, k);
				known[k] = true;
			}
			if (next[k] < len && (label < 0 || next[k] < next[label]))
				label = k;
		}
		if (label < 0)
			break;
		i = next[label];
		i = label == LABEL_SITECODE ? scan_sitecode(s, len, i, fn, ctx)
		  : label == LABEL_POLICE ? scan_police(s, len, i, fn, ctx)
		  : scan_icp(s, len, i, fn, ctx);
	}
}

bool
sl_ident_sitecode_form(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strcspn(s, " \t"), i = 0;
	if (s[n + strspn(s + n, " \t")] != '\0')
		return false;
	if (n != 10)
		return false;
	if (sl_ascii_nieq(s, "bm", 2))
		i = 2;     /* a State Council department: bm and 8 digits */
	for (; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

struct form_ctx {
	enum sl_ident_kind kind;
	size_t len;
	bool whole;
};

static void
on_form(void *vctx, const struct sl_ident_match *m)
{
	struct form_ctx *f = vctx;
	if (m->kind == f->kind && m->start == 0 && m->end == f->len && m->well_formed)
		f->whole = true;
}

/* The code of the first character of TEXT as a 简称, or -1. */
static int
abbr_code(const char *text, const struct sl_sitedata *data)
{
	uint32_t cp;
	sl_utf8_decode((const unsigned char *)text, strlen(text), &cp);
	return sl_sitedata_province_of(data, cp);
}

static enum sl_ident_problem
judge_sitecode(const char *text, const struct sl_sitedata *data, const char *meta)
{
	if (!sl_ident_sitecode_form(text))
		return SL_IDP_FORM;
	if (data != NULL && text[0] >= '0' && text[0] <= '9' &&
	    !sl_sitedata_province_known(data, (text[0] - '0') * 10 + (text[1] - '0')))
		return SL_IDP_PROVINCE;
	if (meta != NULL) {
		while (*meta == ' ' || *meta == '\t')
			meta++;
		size_t n = strcspn(meta, " \t");
		if (n != strlen(text) || !sl_ascii_nieq(meta, text, n))
			return SL_IDP_META;
	}
	return SL_IDP_OK;
}

enum sl_ident_problem
sl_ident_judge(enum sl_ident_kind kind, const char *text, const struct sl_sitedata *data,
               const char *site_id_meta)
{
	if (kind == SL_IDENT_SITECODE)
		return judge_sitecode(text, data, site_id_meta);
	if (kind == SL_IDENT_CONAC)
		return SL_IDP_OK;
	struct form_ctx f = { kind, strlen(text), false };
	sl_ident_scan(text, f.len, on_form, &f);
	if (!f.whole)
		return SL_IDP_FORM;
	if (data == NULL)
		return SL_IDP_OK;
	int code = abbr_code(text, data);
	if (code < 0)
		return SL_IDP_PROVINCE;
	if (kind == SL_IDENT_POLICE) {
		const char *d = text + strcspn(text, "0123456789");
		if ((d[0] - '0') * 10 + (d[1] - '0') != code)
			return SL_IDP_MISMATCH;
	}
	return SL_IDP_OK;
}
