/*
 * dates.c - calendar arithmetic and the date readers (see dates.h).
 *
 * The text scanner walks the input once.  At each code point that can
 * start a date (a digit, a Chinese numeral, an opening bracket) it tries
 * to read one with a bounded lookahead: numbers are read at most
 * MAX_DIGITS long and white space at most a few code points, so a try
 * costs O(1) and the scan is linear.  Nothing is allocated.
 */
#include "dates.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "util.h"

/* Longest digit run a number reader looks at: one more than any field
 * needs, so that a longer run is seen as one. */
#define MAX_DIGITS 5
/* White space allowed between the parts of a CJK date. */
#define MAX_GAP 2

/* The input and a position in it. */
struct cur {
	const unsigned char *s;
	size_t len;
	size_t pos;
};

/* ---- calendar ---------------------------------------------------------- */

bool sl_date_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int sl_date_days_in_month(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30,
	                              31, 31, 30, 31, 30, 31 };
	if (m < 1 || m > 12)
		return 0;
	if (m == 2 && sl_date_is_leap(y))
		return 29;
	return days[m - 1];
}

/* Sets DATE->valid from its fields.  A date without year may be any
 * year, so it is checked against a leap year. */
static void date_check(struct sl_date *date)
{
	int y = date->has_year ? date->y : 2000;
	int dim = sl_date_days_in_month(y, date->m);

	if (dim == 0)
		date->valid = false;
	else if (!date->has_day)
		date->valid = true;
	else
		date->valid = date->d >= 1 && date->d <= dim;
}

static struct sl_date date_make(int y, int m, int d, bool has_year,
                                bool has_day)
{
	struct sl_date date;

	memset(&date, 0, sizeof date);
	date.y = (int16_t)(has_year ? y : 0);
	date.m = (int8_t)m;
	date.d = (int8_t)(has_day ? d : 0);
	date.has_year = has_year;
	date.has_day = has_day;
	date_check(&date);
	return date;
}

struct sl_date sl_date_ymd(int y, int m, int d)
{
	return date_make(y, m, d, true, true);
}

/* Days from 1970-01-01 to Y-M-D (M 1..12), after Howard Hinnant's
 * days_from_civil: years start in March so the leap day comes last. */
static int64_t days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int32_t sl_date_days(const struct sl_date *date)
{
	if (!date->has_year || !date->valid)
		return SL_DATE_NO_DAYS;
	return (int32_t)days_from_civil(date->y, date->m,
	                                date->has_day ? date->d : 1);
}

bool sl_date_from_days(int32_t days, struct sl_date *out)
{
	int64_t z = (int64_t)days + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int d = (int)(doy - (153 * mp + 2) / 5 + 1);
	int m = (int)(mp < 10 ? mp + 3 : mp - 9);
	int64_t y = yoe + era * 400 + (m <= 2);

	if (y < 1 || y > 9999)
		return false;
	*out = sl_date_ymd((int)y, m, d);
	return true;
}

int sl_date_cmp(const struct sl_date *a, const struct sl_date *b)
{
	int ay = a->has_year ? a->y : 0, by = b->has_year ? b->y : 0;

	if (ay != by)
		return ay < by ? -1 : 1;
	if (a->m != b->m)
		return a->m < b->m ? -1 : 1;
	if (a->d != b->d)
		return a->d < b->d ? -1 : 1;
	return 0;
}

/* Reads N ASCII digits at S into *V. */
static bool ascii_num(const char *s, size_t n, int *v)
{
	int x = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		x = x * 10 + (s[i] - '0');
	}
	*v = x;
	return true;
}

bool sl_date_parse_iso(const char *s, struct sl_date *out)
{
	int y, m, d;
	struct sl_date date;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	if (!ascii_num(s, 4, &y) || !ascii_num(s + 5, 2, &m) ||
	    !ascii_num(s + 8, 2, &d) || y < 1)
		return false;
	date = sl_date_ymd(y, m, d);
	if (!date.valid)
		return false;
	*out = date;
	return true;
}

bool sl_date_format(const struct sl_date *date, char *buf, size_t size)
{
	int n;

	if (size == 0)
		return false;
	if (!date->has_year)
		n = snprintf(buf, size, "%02d-%02d", date->m, date->d);
	else if (!date->has_day)
		n = snprintf(buf, size, "%04d-%02d", date->y, date->m);
	else
		n = snprintf(buf, size, "%04d-%02d-%02d", date->y, date->m,
		             date->d);
	if (n < 0 || (size_t)n >= size) {
		buf[0] = '\0';
		return false;
	}
	return true;
}

struct sl_date sl_date_today(void)
{
	time_t now = time(NULL);
	int64_t days = (int64_t)now / 86400;
	struct sl_date date = sl_date_ymd(1970, 1, 1);

	if ((int64_t)now < 0 && (int64_t)now % 86400 != 0)
		days--;
	if (days >= INT32_MIN && days <= INT32_MAX)
		sl_date_from_days((int32_t)days, &date);
	return date;
}

/* Year Y (one of Y0-1, Y0, Y0+1) that puts M-D nearest to day REF. */
static bool nearest_year(int y0, int m, int d, int64_t ref, int *out)
{
	static const int order[3] = { 0, -1, 1 };
	int64_t best = -1;

	for (int i = 0; i < 3; i++) {
		int y = y0 + order[i];
		int64_t dist;

		if (y < 1 || d > sl_date_days_in_month(y, m))
			continue;
		dist = days_from_civil(y, m, d) - ref;
		if (dist < 0)
			dist = -dist;
		if (best < 0 || dist < best) {
			best = dist;
			*out = y;
		}
	}
	return best >= 0;
}

bool sl_date_infer_year(int m, int d, const struct sl_date *url_date,
                        const struct sl_date *as_of, struct sl_date *out)
{
	int y;

	if (d < 1 || d > sl_date_days_in_month(2000, m))
		return false;
	if (url_date && url_date->has_year && url_date->valid &&
	    nearest_year(url_date->y, m, d, sl_date_days(url_date), &y)) {
		*out = sl_date_ymd(y, m, d);
		return true;
	}
	if (!as_of || !as_of->has_year)
		return false;
	y = as_of->y;
	if (m > as_of->m || (m == as_of->m && d > as_of->d))
		y--;
	while (y >= 1 && d > sl_date_days_in_month(y, m))
		y--;    /* 02-29: at most 8 years back (1904 → 1896) */
	if (y < 1)
		return false;
	*out = sl_date_ymd(y, m, d);
	return true;
}

/* ---- code points -------------------------------------------------------- */

/* Decodes the code point at C's position into *CP; returns its length,
 * 0 at the end. */
static int peek(const struct cur *c, uint32_t *cp)
{
	if (c->pos >= c->len) {
		*cp = 0;
		return 0;
	}
	if (c->s[c->pos] < 0x80) {
		*cp = c->s[c->pos];
		return 1;
	}
	return sl_utf8_decode(c->s + c->pos, c->len - c->pos, cp);
}

static uint32_t peek_cp(const struct cur *c)
{
	uint32_t cp;

	peek(c, &cp);
	return cp;
}

/* Moves past the code point at C's position, if it is CP. */
static bool eat(struct cur *c, uint32_t cp)
{
	uint32_t got;
	int n = peek(c, &got);

	if (n == 0 || got != cp)
		return false;
	c->pos += (size_t)n;
	return true;
}

/* The code point that ends just before byte POS (0 at the start), its
 * start in *AT.  A malformed sequence reads as U+FFFD. */
static uint32_t prev_cp(const unsigned char *s, size_t pos, size_t *at)
{
	size_t j;
	uint32_t cp;

	if (pos == 0) {
		*at = 0;
		return 0;
	}
	j = pos - 1;
	while (j > 0 && pos - j < 4 && (s[j] & 0xC0) == 0x80)
		j--;
	if (sl_utf8_decode(s + j, pos - j, &cp) != (int)(pos - j)) {
		*at = pos - 1;
		return 0xFFFD;
	}
	*at = j;
	return cp;
}

/* Value of an ASCII or full-width digit, or -1. */
static int digit_value(uint32_t cp, enum sl_date_digits *kind)
{
	if (cp >= '0' && cp <= '9') {
		*kind = SL_DATE_DIGITS_ASCII;
		return (int)(cp - '0');
	}
	if (cp >= 0xFF10 && cp <= 0xFF19) {
		*kind = SL_DATE_DIGITS_FULLWIDTH;
		return (int)(cp - 0xFF10);
	}
	return -1;
}

static bool is_digit(uint32_t cp)
{
	enum sl_date_digits kind;

	return digit_value(cp, &kind) >= 0;
}

static bool is_alpha(uint32_t cp)
{
	return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
}

/* Digit of a year in Chinese numerals (二〇一七), or -1. */
static int hanzi_digit(uint32_t cp)
{
	switch (cp) {
	case 0x3007: /* 〇 */
	case 0x96F6: /* 零 */
	case 0x25CB: /* ○ */
		return 0;
	case 0x4E00: return 1; /* 一 */
	case 0x4E8C: return 2; /* 二 */
	case 0x4E09: return 3; /* 三 */
	case 0x56DB: return 4; /* 四 */
	case 0x4E94: return 5; /* 五 */
	case 0x516D: return 6; /* 六 */
	case 0x4E03: return 7; /* 七 */
	case 0x516B: return 8; /* 八 */
	case 0x4E5D: return 9; /* 九 */
	default:
		return -1;
	}
}

/* 十 廿 卅 as tens, or 0. */
static int hanzi_tens(uint32_t cp)
{
	switch (cp) {
	case 0x5341: return 10; /* 十 */
	case 0x5EFF: return 20; /* 廿 */
	case 0x5345: return 30; /* 卅 */
	default:
		return 0;
	}
}

static bool is_hanzi_num(uint32_t cp)
{
	return hanzi_digit(cp) >= 0 || hanzi_tens(cp) > 0;
}

/* The separator class of CP: '-', '/', '.' (ASCII or full-width), or 0. */
static char sep_class(uint32_t cp)
{
	switch (cp) {
	case '-': case 0xFF0D: return '-';
	case '/': case 0xFF0F: return '/';
	case '.': case 0xFF0E: return '.';
	default:
		return 0;
	}
}

static bool is_space(uint32_t cp)
{
	return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0xA0 ||
	       cp == 0x3000;
}

/* Skips at most MAX white space code points; returns how many. */
static int skip_spaces(struct cur *c, int max)
{
	int n = 0;
	uint32_t cp;
	int len;

	while (n < max && (len = peek(c, &cp)) > 0 && is_space(cp)) {
		c->pos += (size_t)len;
		n++;
	}
	return n;
}

/* The closing bracket that goes with OPEN, or 0. */
static uint32_t closing_bracket(uint32_t open)
{
	switch (open) {
	case '[': return ']';
	case '(': return ')';
	case 0xFF08: return 0xFF09;  /* （） */
	case 0x3010: return 0x3011;  /* 【】 */
	case 0xFF3B: return 0xFF3D;  /* ［］ */
	default:
		return 0;
	}
}

/* Moves past the code point at C's position. */
static void advance(struct cur *c)
{
	uint32_t cp;

	c->pos += (size_t)peek(c, &cp);
}

static bool eat_colon(struct cur *c)
{
	return eat(c, ':') || eat(c, 0xFF1A);  /* ： */
}

/* ---- number readers ----------------------------------------------------- */

/* Reads a run of ASCII or full-width digits (at most MAX_DIGITS) into
 * *VAL and its kind into *KIND.  Returns the number of digits, or -1
 * when the run mixes both kinds. */
static int read_num(struct cur *c, int *val, enum sl_date_digits *kind)
{
	enum sl_date_digits first = SL_DATE_DIGITS_ASCII, k;
	int n = 0, v = 0, dv;
	uint32_t cp;
	int len;

	while (n < MAX_DIGITS && (len = peek(c, &cp)) > 0 &&
	       (dv = digit_value(cp, &k)) >= 0) {
		if (n == 0)
			first = k;
		else if (k != first)
			return -1;
		v = v * 10 + dv;
		n++;
		c->pos += (size_t)len;
	}
	*val = v;
	*kind = first;
	return n;
}

/* Reads a month or a day in Chinese numerals: 三, 十, 十二, 二十, 二十四,
 * 廿四, 卅一.  Returns the code points read (0 when there is no such
 * number, or when it runs on into more numerals). */
static int read_hanzi_num(struct cur *c, int *val, enum sl_date_digits *kind)
{
	struct cur t = *c;
	int v, n = 1, dig = hanzi_digit(peek_cp(&t));
	int tens = hanzi_tens(peek_cp(&t));

	if (dig > 0) {
		v = dig;
		advance(&t);
		if (hanzi_tens(peek_cp(&t)) == 10) {
			v *= 10;
			advance(&t);
			n++;
			tens = 1;   /* a unit may follow: 二十四 */
		}
	} else if (tens > 0) {
		v = tens;
		advance(&t);
	} else {
		return 0;
	}
	if (tens > 0 && (dig = hanzi_digit(peek_cp(&t))) > 0) {
		v += dig;
		advance(&t);
		n++;
	}
	if (is_hanzi_num(peek_cp(&t)))
		return 0;
	*c = t;
	*val = v;
	*kind = SL_DATE_DIGITS_HANZI;
	return n;
}

/* Reads a year of exactly four Chinese-numeral digits (二〇一七). */
static bool read_hanzi_year(struct cur *c, int *val)
{
	int v = 0, dig;

	for (int i = 0; i < 4; i++) {
		if ((dig = hanzi_digit(peek_cp(c))) < 0)
			return false;
		v = v * 10 + dig;
		advance(c);
	}
	*val = v;
	return !is_hanzi_num(peek_cp(c));
}

typedef int (*num_reader)(struct cur *c, int *val, enum sl_date_digits *kind);

/* ---- the text scanner --------------------------------------------------- */

static void match_init(struct sl_date_match *m, size_t start,
                       enum sl_date_digits digits)
{
	memset(m, 0, sizeof *m);
	m->start = start;
	m->digits = digits;
	m->hour = m->minute = m->second = -1;
}

/* Reads a time at C into M: H:MM or H:MM:SS (ASCII or full-width), after
 * white space, or after a 'T' when ALLOW_T; the white space is required
 * when NEED_GAP.  Moves C past it and returns true when there is one. */
static bool read_time(struct cur *c, bool allow_t, bool need_gap,
                      struct sl_date_match *m)
{
	struct cur t = *c;
	enum sl_date_digits k;
	int h, mi, s = -1, gap;

	if (allow_t && eat(&t, 'T'))
		gap = 1;
	else
		gap = skip_spaces(&t, 3);
	if (need_gap && gap == 0)
		return false;
	gap = read_num(&t, &h, &k);
	if (gap < 1 || gap > 2 || !eat_colon(&t) || read_num(&t, &mi, &k) != 2)
		return false;
	if (eat_colon(&t) && read_num(&t, &s, &k) != 2)
		return false;
	if (is_digit(peek_cp(&t)) || h > 23 || mi > 59 || s > 59)
		return false;
	m->has_time = true;
	m->hour = (int8_t)h;
	m->minute = (int8_t)mi;
	m->second = (int8_t)s;
	c->pos = t.pos;
	return true;
}

/* Reads the rest of a CJK date after its year at C: 年 M 月, then D 日
 * (or 号) and a time when present.  READ reads the month and day, KIND
 * the year's digits; numbers longer than MAXLEN are not a month or
 * day.  Fills M->date, form and end. */
static bool scan_cjk_tail(struct cur *c, int y, enum sl_date_digits kind,
                          int maxlen, num_reader read, struct sl_date_match *m)
{
	enum sl_date_digits k;
	int mo, d, n, gap;
	size_t month_end;

	skip_spaces(c, MAX_GAP);
	if (!eat(c, 0x5E74))                           /* 年 */
		return false;
	skip_spaces(c, MAX_GAP);
	n = read(c, &mo, &k);
	if (n < 1 || n > maxlen || k != kind)
		return false;                          /* 2017年度 */
	skip_spaces(c, MAX_GAP);
	if (!eat(c, 0x6708))                           /* 月 */
		return false;
	month_end = c->pos;
	gap = skip_spaces(c, MAX_GAP);
	n = read(c, &d, &k);
	if (n >= 1 && n <= maxlen && k == kind) {
		skip_spaces(c, MAX_GAP);
		if (eat(c, 0x65E5) || eat(c, 0x53F7)) {    /* 日 号 */
			m->date = date_make(y, mo, d, true, true);
			m->form = SL_DATE_FORM_CJK;
			read_time(c, false, false, m);
			m->end = c->pos;
			return true;
		}
	}
	/* 2017年3月24 with no 日 is not a date; 二〇一七年三月十分 and
	 * 2016年12月 2017年1月 are a month followed by other words. */
	if (n != 0 && gap == 0 && kind != SL_DATE_DIGITS_HANZI)
		return false;
	m->date = date_make(y, mo, 0, true, false);
	m->form = SL_DATE_FORM_CJK_MONTH;
	m->end = c->pos = month_end;
	return true;
}

static enum sl_date_form form_of(char sep)
{
	return sep == '-' ? SL_DATE_FORM_DASH :
	       sep == '/' ? SL_DATE_FORM_SLASH : SL_DATE_FORM_DOT;
}

/* Is the date Y SEP M SEP D that starts at START cut out of something
 * longer: 1.2.2017.03.24, 5-2017-03-24? */
static bool glued_before(const unsigned char *s, size_t start, char sep)
{
	size_t at;
	uint32_t cp = prev_cp(s, start, &at);

	return sep_class(cp) == sep && is_digit(prev_cp(s, at, &at));
}

/* Is the date Y SEP M SEP D that ends at C followed by more of the same
 * run: 2017-03-24x, 2017.03.24.1? */
static bool glued_after(const struct cur *c, char sep)
{
	struct cur t = *c;
	uint32_t cp = peek_cp(&t);

	if (is_digit(cp) || is_alpha(cp))
		return true;
	if (sep_class(cp) != sep)
		return false;
	advance(&t);
	return is_digit(peek_cp(&t));
}

/* A date that starts with an ASCII or full-width year at IN. */
static bool scan_arabic(const struct cur *in, struct sl_date_match *m)
{
	struct cur c = *in, t;
	enum sl_date_digits k, k2;
	int y, mo, d, n;
	uint32_t sep, prev;
	size_t at;

	prev = prev_cp(c.s, c.pos, &at);
	if (is_digit(prev) || is_alpha(prev))
		return false;
	if (read_num(&c, &y, &k) != 4 || y < SL_DATE_YEAR_MIN ||
	    y > SL_DATE_YEAR_MAX)
		return false;
	match_init(m, in->pos, k);
	t = c;
	skip_spaces(&t, MAX_GAP);
	if (peek_cp(&t) == 0x5E74)                     /* 年 */
		return scan_cjk_tail(&c, y, k, 2, read_num, m);
	sep = peek_cp(&c);
	if (!sep_class(sep))
		return false;
	advance(&c);
	n = read_num(&c, &mo, &k2);
	if (n < 1 || n > 2 || k2 != k || !eat(&c, sep))
		return false;
	n = read_num(&c, &d, &k2);
	if (n < 1 || n > 2 || k2 != k)
		return false;
	if (glued_before(c.s, in->pos, sep_class(sep)))
		return false;
	m->date = date_make(y, mo, d, true, true);
	m->form = form_of(sep_class(sep));
	if (!read_time(&c, sep_class(sep) == '-', true, m) &&
	    glued_after(&c, sep_class(sep)))
		return false;
	m->end = c.pos;
	return true;
}

/* A date in Chinese numerals at IN: 二〇一七年三月二十四日. */
static bool scan_hanzi(const struct cur *in, struct sl_date_match *m)
{
	struct cur c = *in;
	uint32_t prev;
	size_t at;
	int y;

	prev = prev_cp(c.s, c.pos, &at);
	if (is_hanzi_num(prev) || is_digit(prev) || is_alpha(prev))
		return false;
	if (!read_hanzi_year(&c, &y) || y < SL_DATE_YEAR_MIN ||
	    y > SL_DATE_YEAR_MAX)
		return false;
	match_init(m, in->pos, SL_DATE_DIGITS_HANZI);
	return scan_cjk_tail(&c, y, SL_DATE_DIGITS_HANZI, 3, read_hanzi_num, m);
}

/* Reads MM-DD or MM/DD (two digits each) at C into *MO, *D. */
static bool read_month_day(struct cur *c, int *mo, int *d,
                           enum sl_date_digits *kind)
{
	enum sl_date_digits k2;
	char sep;

	if (read_num(c, mo, kind) != 2)
		return false;
	sep = sep_class(peek_cp(c));
	if (sep != '-' && sep != '/')
		return false;
	advance(c);
	if (read_num(c, d, &k2) != 2 || k2 != *kind)
		return false;
	return *mo >= 1 && *mo <= 12 && *d >= 1 && *d <= 31;
}

/* A month-day in brackets at IN, which holds the opening bracket OPEN. */
static bool scan_month_day(const struct cur *in, uint32_t open,
                           struct sl_date_match *m)
{
	struct cur c = *in;
	enum sl_date_digits k;
	int mo, d;
	size_t start;

	advance(&c);
	skip_spaces(&c, 1);
	start = c.pos;
	if (!read_month_day(&c, &mo, &d, &k))
		return false;
	match_init(m, start, k);
	m->date = date_make(0, mo, d, false, true);
	m->form = SL_DATE_FORM_MONTH_DAY;
	read_time(&c, false, true, m);
	m->end = c.pos;
	skip_spaces(&c, 1);
	return eat(&c, closing_bracket(open));
}

/* Tries to read a date that starts at C's position, whose code point
 * is CP. */
static bool scan_at(const struct cur *c, uint32_t cp, struct sl_date_match *m)
{
	if (is_digit(cp))
		return scan_arabic(c, m);
	if (hanzi_digit(cp) >= 0)
		return scan_hanzi(c, m);
	if (closing_bracket(cp))
		return scan_month_day(c, cp, m);
	return false;
}

/* True when a date may start at the code point CP (what scan_at tries). */
static bool may_start(uint32_t cp)
{
	return is_digit(cp) || hanzi_digit(cp) >= 0 || closing_bracket(cp) != 0;
}

/* may_start() of every BMP code point, built once: the scan asks it of
 * every character, and hanzi_digit()'s switch is a chain of compares. */
static uint64_t start_bits[0x10000 / 64];
static pthread_once_t start_once = PTHREAD_ONCE_INIT;

static void build_start_bits(void)
{
	for (uint32_t cp = 0; cp < 0x10000; cp++)
		if (may_start(cp))
			start_bits[cp / 64] |= UINT64_C(1) << (cp % 64);
}

static bool may_start_bmp(uint32_t cp)
{
	return start_bits[cp / 64] >> (cp % 64) & 1;
}

/* The length of the character at S[0] (N bytes left) when it is ASCII or
 * a well-formed three-byte sequence that cannot start a date, else 0: a
 * quick reject that decodes as peek() would, without the general
 * decoder. */
static size_t skip_quick(const unsigned char *s, size_t n)
{
	uint32_t cp;

	if (s[0] < 0x80)
		return may_start_bmp(s[0]) ? 0 : 1;
	if (n < 3 || s[0] < 0xE1 || s[0] > 0xEF || s[0] == 0xED ||
	    (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
		return 0;
	cp = (uint32_t)(s[0] & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
	return may_start_bmp(cp) ? 0 : 3;
}

void sl_dates_scan(const char *text, size_t len, sl_date_fn fn, void *ctx)
{
	struct cur c = { (const unsigned char *)text, len, 0 };
	struct sl_date_match m;
	uint32_t cp;
	int n;
	size_t k;

	pthread_once(&start_once, build_start_bits);
	while (c.pos < len) {
		if ((k = skip_quick(c.s + c.pos, len - c.pos)) > 0) {
			c.pos += k;
			continue;
		}
		n = peek(&c, &cp);
		if (scan_at(&c, cp, &m)) {
			fn(ctx, &m);
			c.pos = m.end;      /* m.end > c.pos: a date is not empty */
			continue;
		}
		c.pos += (size_t)n;
	}
}

/* ---- single values: list cells, PubDate --------------------------------- */

bool sl_date_parse_month_day(const char *s, size_t len, struct sl_date *out)
{
	struct cur c = { (const unsigned char *)s, len, 0 };
	enum sl_date_digits k;
	uint32_t close;
	int mo, d;

	skip_spaces(&c, (int)(len < 64 ? len : 64));
	close = closing_bracket(peek_cp(&c));
	if (close) {
		advance(&c);
		skip_spaces(&c, 1);
	}
	if (!read_month_day(&c, &mo, &d, &k))
		return false;
	if (close) {
		skip_spaces(&c, 1);
		if (!eat(&c, close))
			return false;
	}
	skip_spaces(&c, (int)(len < 64 ? len : 64));
	if (c.pos != len)
		return false;
	*out = date_make(0, mo, d, false, true);
	return true;
}

/* PubDate content longer than this is not looked at beyond it. */
#define PUBDATE_MAX 256

struct first_full {
	struct sl_date_match m;
	bool found;
};

static void take_first_full(void *ctx, const struct sl_date_match *m)
{
	struct first_full *f = ctx;

	if (!f->found && m->date.has_year && m->date.has_day) {
		f->m = *m;
		f->found = true;
	}
}

/* Applies an AM/PM marker (AM, PM, 上午, 下午) after byte POS to HOUR. */
static int meridiem(const char *s, size_t len, size_t pos, int hour)
{
	struct cur c = { (const unsigned char *)s, len, pos };
	const char *p;
	bool pm;

	skip_spaces(&c, 3);
	p = s + c.pos;
	if (len - c.pos >= 2 && sl_ascii_nieq(p, "pm", 2))
		pm = true;
	else if (len - c.pos >= 2 && sl_ascii_nieq(p, "am", 2))
		pm = false;
	else if (len - c.pos >= 6 && memcmp(p, "下午", 6) == 0)
		return hour < 12 ? hour + 12 : hour;
	else if (len - c.pos >= 6 && memcmp(p, "上午", 6) == 0)
		return hour == 12 ? 0 : hour;
	else
		return hour;
	if (len - c.pos > 2 && is_alpha((unsigned char)p[2]))
		return hour;                           /* "pmx" is a word */
	if (pm)
		return hour < 12 ? hour + 12 : hour;
	return hour == 12 ? 0 : hour;
}

static bool is_ascii_space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* Is S (LEN bytes) exactly yyyy-MM-dd HH:mm with a real date and time? */
static bool pubdate_norm(const char *s, size_t len)
{
	int y, m, d, h, mi;

	if (len != 16 || s[4] != '-' || s[7] != '-' || s[10] != ' ' ||
	    s[13] != ':')
		return false;
	if (!ascii_num(s, 4, &y) || !ascii_num(s + 5, 2, &m) ||
	    !ascii_num(s + 8, 2, &d) || !ascii_num(s + 11, 2, &h) ||
	    !ascii_num(s + 14, 2, &mi))
		return false;
	return sl_date_ymd(y, m, d).valid && h <= 23 && mi <= 59;
}

bool sl_date_parse_pubdate(const char *content, struct sl_date *out, int *hh,
                           int *mm, bool *well_formed)
{
	struct first_full f;
	size_t len = strnlen(content, PUBDATE_MAX), a = 0, b = len;
	int hour = -1, minute = -1;

	memset(&f, 0, sizeof f);
	while (a < b && is_ascii_space(content[a]))
		a++;
	while (b > a && is_ascii_space(content[b - 1]))
		b--;
	if (well_formed)
		*well_formed = pubdate_norm(content + a, b - a);
	sl_dates_scan(content, len, take_first_full, &f);
	if (f.found && f.m.has_time) {
		hour = meridiem(content, len, f.m.end, f.m.hour);
		minute = f.m.minute;
	}
	if (hh)
		*hh = hour;
	if (mm)
		*mm = minute;
	if (!f.found)
		return false;
	*out = f.m.date;
	return true;
}

/* ---- dates in URLs ------------------------------------------------------ */

/* One path segment. */
struct seg {
	const char *p;
	size_t n;
};

/* A segment that is all digits, N of them, into *V. */
static bool seg_num(const struct seg *s, size_t n, int *v)
{
	return s->p && s->n == n && ascii_num(s->p, n, v);
}

/* A segment of 1 or 2 digits into *V. */
static bool seg_small(const struct seg *s, int *v)
{
	return seg_num(s, 1, v) || seg_num(s, 2, v);
}

/* Reads yyyy-m[-d] (1 or 2 digits each) that fills segment S. */
static bool seg_dash(const struct seg *s, int *y, int *m, int *d,
                     bool *has_day)
{
	size_t i = 5, j;

	if (s->n < 6 || s->p[4] != '-' || !ascii_num(s->p, 4, y))
		return false;
	for (j = i; j < s->n && j - i < 3 && s->p[j] != '-'; j++)
		;
	if (j - i < 1 || j - i > 2 || !ascii_num(s->p + i, j - i, m))
		return false;
	*has_day = j < s->n;
	*d = 0;
	if (!*has_day)
		return true;
	i = j + 1;
	return (s->n - i == 1 || s->n - i == 2) &&
	       ascii_num(s->p + i, s->n - i, d);
}

/* A date that segment S holds on its own. */
static bool seg_single(const struct seg *s, int *y, int *m, int *d,
                       bool *has_day)
{
	const char *p = s->p;
	size_t n = s->n;

	*has_day = true;
	/* TRS articles t20170324_123456.html, attachments P020170324….doc */
	if (n >= 10 && (p[0] == 't' || p[0] == 'T') &&
	    (p[9] == '_' || p[9] == '.') && ascii_num(p + 1, 4, y) &&
	    ascii_num(p + 5, 2, m) && ascii_num(p + 7, 2, d))
		return true;
	if (n >= 11 && (p[0] == 'P' || p[0] == 'W') && p[1] == '0' &&
	    ascii_num(p + 2, 4, y) && ascii_num(p + 6, 2, m) &&
	    ascii_num(p + 8, 2, d) && p[10] >= '0' && p[10] <= '9')
		return true;
	if (n == 8 && ascii_num(p, 4, y) && ascii_num(p + 4, 2, m) &&
	    ascii_num(p + 6, 2, d))
		return true;
	*has_day = false;
	*d = 0;
	if (n == 6 && ascii_num(p, 4, y) && ascii_num(p + 4, 2, m))
		return true;
	return seg_dash(s, y, m, d, has_day);
}

/* A date that ends at segment W[2], reading back into W[0] and W[1]:
 * the most precise one. */
static bool seg_window(const struct seg w[3], struct sl_date *out)
{
	int y, m, d, mmdd;
	bool has_day, dash_day;

	if (seg_num(&w[0], 4, &y) && seg_small(&w[1], &m) &&
	    seg_small(&w[2], &d))
		has_day = true;                        /* /2017/3/24/ */
	else if (seg_num(&w[1], 4, &y) && seg_num(&w[2], 4, &mmdd)) {
		m = mmdd / 100;                        /* /2017/0324/ */
		d = mmdd % 100;
		has_day = true;
	} else if (w[1].p && seg_dash(&w[1], &y, &m, &d, &dash_day) &&
	           !dash_day && seg_small(&w[2], &d))
		has_day = true;                        /* /2017-03/24/ */
	else if (seg_single(&w[2], &y, &m, &d, &has_day))
		;
	else if (seg_num(&w[1], 4, &y) && seg_small(&w[2], &m))
		has_day = false;                       /* /2017/03/ */
	else
		return false;
	if (y < SL_DATE_YEAR_MIN || y > SL_DATE_YEAR_MAX)
		return false;
	*out = date_make(y, m, d, true, has_day);
	return out->valid;
}

/* Where the path of URL starts: after scheme://host or //host. */
static const char *url_path(const char *url)
{
	const char *p = url, *q;

	while (sl_ascii_lower(*p) >= 'a' && sl_ascii_lower(*p) <= 'z')
		p++;
	if (p > url && strncmp(p, "://", 3) == 0)
		q = p + 3;
	else if (strncmp(url, "//", 2) == 0)
		q = url + 2;
	else
		return url;
	while (*q && *q != '/' && *q != '?' && *q != '#')
		q++;
	return q;
}

bool sl_date_from_url(const char *url_or_path, struct sl_date *out,
                      bool *has_day)
{
	const char *p = url_path(url_or_path);
	struct seg w[3] = { { NULL, 0 }, { NULL, 0 }, { NULL, 0 } };
	struct sl_date best, cand;
	bool found = false;

	while (*p && *p != '?' && *p != '#') {
		const char *e = p;

		while (*e && *e != '/' && *e != '?' && *e != '#')
			e++;
		if (e > p) {
			w[0] = w[1];
			w[1] = w[2];
			w[2].p = p;
			w[2].n = (size_t)(e - p);
			if (seg_window(w, &cand) &&
			    (!found || cand.has_day >= best.has_day)) {
				best = cand;
				found = true;
			}
		}
		p = *e == '/' ? e + 1 : e;
	}
	if (!found)
		return false;
	*out = best;
	if (has_day)
		*has_day = best.has_day;
	return true;
}
