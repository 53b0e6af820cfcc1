/*
 * pii.c - unmasked ID numbers and mobile numbers in text (see pii.h).
 */
#include "pii.h"

#include <stdint.h>
#include <string.h>

#include "dates.h"
#include "util.h"

/* The digit at S[I] (ASCII or full-width) and its length in *LEN, or -1. */
static int
digit_at(const unsigned char *s, size_t n, size_t i, size_t *len)
{
	if (i < n && s[i] >= '0' && s[i] <= '9') {
		*len = 1;
		return s[i] - '0';
	}
	if (i + 2 < n && s[i] == 0xEF && s[i + 1] == 0xBC && s[i + 2] >= 0x90 && s[i + 2] <= 0x99) {
		*len = 3;
		return s[i + 2] - 0x90;
	}
	return -1;
}

/* An X check character (X, x, Ｘ, ｘ) at S[I]: its length, or 0. */
static size_t
x_at(const unsigned char *s, size_t n, size_t i)
{
	if (i < n && (s[i] == 'X' || s[i] == 'x'))
		return 1;
	if (i + 2 < n && s[i] == 0xEF && ((s[i + 1] == 0xBC && s[i + 2] == 0xB8) ||
	                                  (s[i + 1] == 0xBD && s[i + 2] == 0x98)))
		return 3;
	return 0;
}

/* True when what follows at S[I] continues a code: a letter or digit. */
static bool
glued_after(const unsigned char *s, size_t n, size_t i)
{
	size_t k;
	if (i >= n)
		return false;
	if ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z'))
		return true;
	return digit_at(s, n, i, &k) >= 0 || x_at(s, n, i) > 0;
}

/* A separator of grouped phone numbers at S[I]: its length, or 0. */
static size_t
sep_at(const unsigned char *s, size_t n, size_t i)
{
	if (i < n && (s[i] == ' ' || s[i] == '-'))
		return 1;
	if (i + 1 < n && s[i] == 0xC2 && s[i + 1] == 0xA0)
		return 2;
	if (i + 2 < n && ((s[i] == 0xEF && s[i + 1] == 0xBC && s[i + 2] == 0x8D) ||
	                  (s[i] == 0xE3 && s[i + 1] == 0x80 && s[i + 2] == 0x80)))
		return 3;
	return 0;
}

/* Reads the digit run at S[I]: up to MAX ASCII digits into OUT, the
 * count in *COUNT; returns the offset after the run. */
static size_t
read_run(const unsigned char *s, size_t n, size_t i, char *out, size_t max, size_t *count)
{
	size_t k;
	int d;
	*count = 0;
	while ((d = digit_at(s, n, i, &k)) >= 0) {
		if (*count < max)
			out[*count] = (char)('0' + d);
		(*count)++;
		i += k;
	}
	return i;
}

bool
sl_pii_id_checksum_ok(const char *id)
{
	static const int weight[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	static const char check[11] = { '1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2' };
	int sum = 0;
	for (int i = 0; i < 17; i++) {
		if (id[i] < '0' || id[i] > '9')
			return false;
		sum += (id[i] - '0') * weight[i];
	}
	char want = check[sum % 11];
	return id[17] == want || (want == 'X' && id[17] == 'x');
}

static int
num(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* A plausible ID number: region, birth date, check character. */
static bool
id_plausible(const char *id)
{
	if (id[0] < '1' || id[0] > '8')
		return false;
	int y = num(id + 6, 4), m = num(id + 10, 2), d = num(id + 12, 2);
	if (y < 1900 || y > 2099 || m < 1 || m > 12 || d < 1 || d > sl_date_days_in_month(y, m))
		return false;
	return sl_pii_id_checksum_ok(id);
}

static void
emit_id(const char *id, size_t start, size_t end, sl_pii_fn fn, void *ctx)
{
	if (!id_plausible(id))
		return;
	struct sl_pii_match m = { SL_PII_ID_NUMBER, start, end, "" };
	memcpy(m.masked, id, 2);
	memset(m.masked + 2, '*', 13);
	memcpy(m.masked + 15, id + 15, 3);
	m.masked[18] = '\0';
	fn(ctx, &m);
}

static bool
mobile_prefix(const char *d)
{
	return d[0] == '1' && d[1] >= '3' && d[1] <= '9';
}

/* A 3-4-4 grouped mobile number whose first group (3 digits, in D) ends
 * at J.  Returns the end of the number, or 0. */
static size_t
grouped_mobile(const unsigned char *s, size_t n, size_t j, const char *d,
               struct sl_pii_match *m)
{
	size_t k1 = sep_at(s, n, j), cnt;
	char g2[4], g3[4];
	if (k1 == 0)
		return 0;
	size_t j2 = read_run(s, n, j + k1, g2, 4, &cnt);
	if (cnt != 4 || sep_at(s, n, j2) != k1 || memcmp(s + j, s + j2, k1) != 0)
		return 0;
	size_t j3 = read_run(s, n, j2 + k1, g3, 4, &cnt);
	if (cnt != 4 || glued_after(s, n, j3))
		return 0;
	/* 3 + 4 + 4 digits and two separators of at most 3 bytes fit. */
	char *o = m->masked;
	memcpy(o, d, 3);
	memcpy(o + 3, s + j, k1);
	memcpy(o + 3 + k1, "****", 4);
	memcpy(o + 7 + k1, s + j, k1);
	memcpy(o + 7 + 2 * k1, g3, 4);
	o[11 + 2 * k1] = '\0';
	return j3;
}

void
sl_pii_scan(const char *text, size_t len, sl_pii_fn fn, void *ctx)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0, k;
	char d[20];
	while (i < len) {
		if (digit_at(s, len, i, &k) < 0) {
			/* Step to the next byte that may start a digit (ASCII,
			 * or EF of a full-width one): neither is a continuation
			 * byte, and every character before it is no digit. */
			for (i++; i < len && !(s[i] == 0xEF || (s[i] >= '0' && s[i] <= '9')); i++)
				;
			continue;
		}
		/* A whole run of digits: it follows a non-digit. */
		size_t cnt, j = read_run(s, len, i, d, sizeof d - 1, &cnt);
		size_t kx = x_at(s, len, j);
		if (cnt == 17 && kx > 0 && !glued_after(s, len, j + kx)) {
			d[17] = (s[j] == 'x' || s[j + kx - 1] == 0x98) ? 'x' : 'X';
			emit_id(d, i, j + kx, fn, ctx);
			j += kx;
		} else if (cnt == 18 && !glued_after(s, len, j)) {
			emit_id(d, i, j, fn, ctx);
		} else if (cnt == 11 && mobile_prefix(d) && !glued_after(s, len, j)) {
			struct sl_pii_match m = { SL_PII_MOBILE, i, j, "" };
			memcpy(m.masked, d, 3);
			memcpy(m.masked + 3, "****", 4);
			memcpy(m.masked + 7, d + 7, 4);
			m.masked[11] = '\0';
			fn(ctx, &m);
		} else if (cnt == 3 && mobile_prefix(d)) {
			struct sl_pii_match m = { SL_PII_MOBILE, i, 0, "" };
			size_t end = grouped_mobile(s, len, j, d, &m);
			if (end > 0) {
				m.end = end;
				fn(ctx, &m);
				j = end;
			}
		}
		i = j;
	}
}
