/*
 * test_dates.c - unit tests for the date reader (linter/dates.c).
 *
 * Expected spans are found by searching the expected substring in the
 * input, never hard-coded; day numbers are checked against timegm().
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "dates.h"

#define MAX_MATCHES 512

struct coll {
	struct sl_date_match m[MAX_MATCHES];
	size_t n;       /* matches seen (may exceed MAX_MATCHES) */
};

static void collect(void *ctx, const struct sl_date_match *m)
{
	struct coll *c = ctx;

	if (c->n < MAX_MATCHES)
		c->m[c->n] = *m;
	c->n++;
}

static void scan(const char *text, struct coll *c)
{
	memset(c, 0, sizeof *c);
	sl_dates_scan(text, strlen(text), collect, c);
}

/* Asserts that match I of C spans the first occurrence of SUB at or
 * after byte FROM of TEXT; returns the end of that occurrence. */
static size_t assert_span_from(const char *text, const struct coll *c,
                               size_t i, const char *sub, size_t from)
{
	const char *at = strstr(text + from, sub);
	size_t start;

	assert_non_null(at);
	assert_true(i < c->n);
	start = (size_t)(at - text);
	assert_int_equal(c->m[i].start, start);
	assert_int_equal(c->m[i].end, start + strlen(sub));
	return start + strlen(sub);
}

static void assert_span(const char *text, const struct coll *c, size_t i,
                        const char *sub)
{
	assert_span_from(text, c, i, sub, 0);
}

static void assert_ymd(const struct sl_date *d, int y, int m, int day)
{
	assert_int_equal(d->y, y);
	assert_int_equal(d->m, m);
	assert_int_equal(d->d, day);
}

/* TEXT holds exactly one date, written as SUB, meaning Y-M-D. */
static void one_date(const char *text, const char *sub, int y, int m, int d,
                     enum sl_date_form form, enum sl_date_digits digits)
{
	struct coll c;

	scan(text, &c);
	assert_int_equal(c.n, 1);
	assert_span(text, &c, 0, sub);
	assert_ymd(&c.m[0].date, y, m, d);
	assert_true(c.m[0].date.has_year);
	assert_true(c.m[0].date.valid);
	assert_int_equal(c.m[0].form, form);
	assert_int_equal(c.m[0].digits, digits);
}

static void test_numeric_forms(void **state)
{
	(void)state;
	one_date("<span>2017-03-24</span>", "2017-03-24", 2017, 3, 24,
	         SL_DATE_FORM_DASH, SL_DATE_DIGITS_ASCII);
	one_date("发布时间：2017-3-4。", "2017-3-4", 2017, 3, 4,
	         SL_DATE_FORM_DASH, SL_DATE_DIGITS_ASCII);
	one_date("2018/5/18期房网上认购", "2018/5/18", 2018, 5, 18,
	         SL_DATE_FORM_SLASH, SL_DATE_DIGITS_ASCII);
	one_date("日期 2017.03.24.", "2017.03.24", 2017, 3, 24,
	         SL_DATE_FORM_DOT, SL_DATE_DIGITS_ASCII);
	one_date("(2017-03-24)", "2017-03-24", 2017, 3, 24,
	         SL_DATE_FORM_DASH, SL_DATE_DIGITS_ASCII);
	one_date("[2017-03-24]", "2017-03-24", 2017, 3, 24,
	         SL_DATE_FORM_DASH, SL_DATE_DIGITS_ASCII);
	one_date("1949-10-01", "1949-10-01", 1949, 10, 1,
	         SL_DATE_FORM_DASH, SL_DATE_DIGITS_ASCII);
	one_date("2100/12/31", "2100/12/31", 2100, 12, 31,
	         SL_DATE_FORM_SLASH, SL_DATE_DIGITS_ASCII);
}

static void test_cjk_forms(void **state)
{
	struct coll c;
	const char *t;

	(void)state;
	one_date("于2017年3月24日发布", "2017年3月24日", 2017, 3, 24,
	         SL_DATE_FORM_CJK, SL_DATE_DIGITS_ASCII);
	one_date("2017年03月24号", "2017年03月24号", 2017, 3, 24,
	         SL_DATE_FORM_CJK, SL_DATE_DIGITS_ASCII);
	one_date("2017 年 3 月 24 日", "2017 年 3 月 24 日", 2017, 3, 24,
	         SL_DATE_FORM_CJK, SL_DATE_DIGITS_ASCII);

	t = "截至2017年3月底";
	scan(t, &c);
	assert_int_equal(c.n, 1);
	assert_span(t, &c, 0, "2017年3月");
	assert_int_equal(c.m[0].form, SL_DATE_FORM_CJK_MONTH);
	assert_false(c.m[0].date.has_day);
	assert_true(c.m[0].date.valid);
	assert_int_equal(c.m[0].date.y, 2017);
	assert_int_equal(c.m[0].date.m, 3);

	/* two year-months separated by a space */
	t = "2016年12月 2017年1月";
	scan(t, &c);
	assert_int_equal(c.n, 2);
	assert_span(t, &c, 0, "2016年12月");
	assert_span(t, &c, 1, "2017年1月");
	assert_int_equal(c.m[1].date.m, 1);
}

static void test_fullwidth(void **state)
{
	(void)state;
	one_date("日期：２０１７－０３－２４", "２０１７－０３－２４", 2017, 3, 24,
	         SL_DATE_FORM_DASH, SL_DATE_DIGITS_FULLWIDTH);
	one_date("２０１７年３月２４日印发", "２０１７年３月２４日", 2017, 3, 24,
	         SL_DATE_FORM_CJK, SL_DATE_DIGITS_FULLWIDTH);
	one_date("２０１７／３／２４", "２０１７／３／２４", 2017, 3, 24,
	         SL_DATE_FORM_SLASH, SL_DATE_DIGITS_FULLWIDTH);
}

static void test_hanzi(void **state)
{
	struct coll c;
	const char *t;

	(void)state;
	one_date("二〇一七年三月二十四日", "二〇一七年三月二十四日", 2017, 3, 24,
	         SL_DATE_FORM_CJK, SL_DATE_DIGITS_HANZI);
	one_date("（二零一七年十二月三十一日）", "二零一七年十二月三十一日", 2017,
	         12, 31, SL_DATE_FORM_CJK, SL_DATE_DIGITS_HANZI);
	one_date("二○○八年八月八日", "二○○八年八月八日", 2008, 8, 8,
	         SL_DATE_FORM_CJK, SL_DATE_DIGITS_HANZI);
	one_date("二〇一七年十月廿一日", "二〇一七年十月廿一日", 2017, 10, 21,
	         SL_DATE_FORM_CJK, SL_DATE_DIGITS_HANZI);
	one_date("二〇一七年一月卅一日", "二〇一七年一月卅一日", 2017, 1, 31,
	         SL_DATE_FORM_CJK, SL_DATE_DIGITS_HANZI);
	one_date("二〇一七年十一月十日", "二〇一七年十一月十日", 2017, 11, 10,
	         SL_DATE_FORM_CJK, SL_DATE_DIGITS_HANZI);

	/* a month followed by other words that start with a numeral */
	t = "二〇一七年三月十分重要";
	scan(t, &c);
	assert_int_equal(c.n, 1);
	assert_span(t, &c, 0, "二〇一七年三月");
	assert_int_equal(c.m[0].form, SL_DATE_FORM_CJK_MONTH);
	assert_int_equal(c.m[0].digits, SL_DATE_DIGITS_HANZI);
	assert_int_equal(c.m[0].date.m, 3);

	/* numerals that are not dates */
	const char *none[] = {
		"一二三四五六七八九十", "二〇〇八年", "十二〇一七年三月", "二〇一七年度",
		"一九四五年八月十五日" /* before 1949 */, "三月二十四日",
	};
	for (size_t i = 0; i < sizeof none / sizeof none[0]; i++) {
		scan(none[i], &c);
		if (c.n != 0)
			fail_msg("matched in \"%s\"", none[i]);
	}
}

static void test_month_day(void **state)
{
	struct coll c;
	const char *t;

	(void)state;
	t = "<li><a href=\"a.html\">通知</a>[03-24]</li>";
	scan(t, &c);
	assert_int_equal(c.n, 1);
	assert_span(t, &c, 0, "03-24");
	assert_false(c.m[0].date.has_year);
	assert_true(c.m[0].date.has_day);
	assert_true(c.m[0].date.valid);
	assert_int_equal(c.m[0].form, SL_DATE_FORM_MONTH_DAY);
	assert_int_equal(c.m[0].date.m, 3);
	assert_int_equal(c.m[0].date.d, 24);

	t = "标题（12-30）【01-03】(02/29)［１１－０５］";
	scan(t, &c);
	assert_int_equal(c.n, 4);
	assert_span(t, &c, 0, "12-30");
	assert_span(t, &c, 1, "01-03");
	assert_span(t, &c, 2, "02/29");
	assert_span(t, &c, 3, "１１－０５");
	assert_true(c.m[2].date.valid);     /* Feb 29 exists in some year */
	assert_int_equal(c.m[3].digits, SL_DATE_DIGITS_FULLWIDTH);
	assert_int_equal(c.m[3].date.m, 11);

	/* Feb 30 in brackets is read, and flagged */
	t = "[02-30]";
	scan(t, &c);
	assert_int_equal(c.n, 1);
	assert_false(c.m[0].date.valid);

	/* not month-days: unbracketed, unbalanced, out of range, one digit */
	const char *none[] = {
		"03-24", "第 03-24 页", "[03-24)", "[13-01]", "[03-32]", "[3-24]",
		"[03-24-1]", "[2017]12号", "(1-2)", "[00-10]",
	};
	for (size_t i = 0; i < sizeof none / sizeof none[0]; i++) {
		scan(none[i], &c);
		if (c.n != 0)
			fail_msg("matched in \"%s\"", none[i]);
	}
}

static void test_time(void **state)
{
	struct coll c;
	const char *t;

	(void)state;
	t = "发布时间：2022-04-17 14:46 来源：本站";
	scan(t, &c);
	assert_int_equal(c.n, 1);
	assert_span(t, &c, 0, "2022-04-17 14:46");
	assert_true(c.m[0].has_time);
	assert_int_equal(c.m[0].hour, 14);
	assert_int_equal(c.m[0].minute, 46);
	assert_int_equal(c.m[0].second, -1);

	t = "2017-05-15 10:49:00</publishtime>";
	scan(t, &c);
	assert_int_equal(c.n, 1);
	assert_span(t, &c, 0, "2017-05-15 10:49:00");
	assert_int_equal(c.m[0].second, 0);

	t = "2017年3月24日 9:05 会议";
	scan(t, &c);
	assert_int_equal(c.n, 1);
	assert_span(t, &c, 0, "2017年3月24日 9:05");
	assert_int_equal(c.m[0].hour, 9);
	assert_int_equal(c.m[0].minute, 5);

	t = "2022-04-17T14:46:05+08:00";
	scan(t, &c);
	assert_int_equal(c.n, 1);
	assert_span(t, &c, 0, "2022-04-17T14:46:05");
	assert_int_equal(c.m[0].second, 5);

	t = "[03-24 08:30]";
	scan(t, &c);
	assert_int_equal(c.n, 1);
	assert_span(t, &c, 0, "03-24 08:30");
	assert_int_equal(c.m[0].hour, 8);

	/* not times: the date alone is kept */
	const char *dates[] = {
		"2017-03-24 25:00", "2017-03-24 14:60", "2017-03-24 14:4",
		"2017-03-24 14:46:5", "2017-03-24 123:45", "2017-03-24 14:461",
	};
	for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++) {
		scan(dates[i], &c);
		assert_int_equal(c.n, 1);
		assert_span(dates[i], &c, 0, "2017-03-24");
		assert_false(c.m[0].has_time);
		assert_int_equal(c.m[0].hour, -1);
	}
}

static void test_invalid_flagged(void **state)
{
	struct coll c;
	const char *t;

	(void)state;
	t = "日期：2017-02-30，2017-13-01，2017年2月29日，2100/2/29，"
	    "2017年13月，2017.04.31";
	scan(t, &c);
	assert_int_equal(c.n, 6);
	assert_span(t, &c, 0, "2017-02-30");
	assert_span(t, &c, 1, "2017-13-01");
	assert_span(t, &c, 2, "2017年2月29日");
	assert_span(t, &c, 3, "2100/2/29");
	assert_span(t, &c, 4, "2017年13月");
	assert_span(t, &c, 5, "2017.04.31");
	for (size_t i = 0; i < c.n; i++)
		assert_false(c.m[i].date.valid);
	assert_int_equal(c.m[1].date.m, 13);
	assert_int_equal(c.m[0].date.d, 30);

	t = "2016-02-29 2000-02-29 2017-04-30 2017-12-31 2017-01-01";
	scan(t, &c);
	assert_int_equal(c.n, 5);
	for (size_t i = 0; i < c.n; i++)
		assert_true(c.m[i].date.valid);
}

static void test_not_dates(void **state)
{
	const char *none[] = {
		"1.2.3", "版本 2.10.1", "libxml2 2.9.14", "IP 192.168.1.1",
		"电话：0692-1234567", "0871-63111111", "国发〔2017〕12号",
		"〔2017〕12号", "[2017]12号", "2017年度报告", "2017年", "2017年第一季度",
		"20170324", "201703241234", "12017-03-24", "2017-03-245",
		"2017-03-24-5", "v2017-03-24", "2017-03-24abc", "ISBN 978-7-111-5",
		"1.2017.03.24", "2017.03.24.1", "5-2017-03-24 14:46", "2014.5800", "2011-2015",
		"1948-12-31", "2101-01-01", "0000-00-00", "9999-12-31",
		"2017-03/24", "2017/03-24", "2017.03-24", "2017－03-24",
		"2017年3月24", "2017年３月２４日", "２０１７-03-24",
		"2017-03", "2017/3", "共2017-3-2417条",
	};
	struct coll c;

	(void)state;
	for (size_t i = 0; i < sizeof none / sizeof none[0]; i++) {
		scan(none[i], &c);
		if (c.n != 0)
			fail_msg("matched in \"%s\" at %zu", none[i], c.m[0].start);
	}
}

static void test_several(void **state)
{
	const char *t =
		"<ul><li><a href=\"./201703/t20170324_1.html\">一</a>"
		"<span>2017-03-24</span></li>\n"
		"<li><a href=\"./201703/t20170323_2.html\">二</a>"
		"<span>2017-03-23</span></li>\n"
		"<li>二〇一七年三月二十二日 [03-21] 2017年3月20日</li></ul>"
		"2017.3.1-2017.3.24";
	struct coll c;
	size_t at;

	(void)state;
	scan(t, &c);
	assert_int_equal(c.n, 7);
	at = assert_span_from(t, &c, 0, "2017-03-24", 0);
	at = assert_span_from(t, &c, 1, "2017-03-23", at);
	at = assert_span_from(t, &c, 2, "二〇一七年三月二十二日", at);
	at = assert_span_from(t, &c, 3, "03-21", at);
	at = assert_span_from(t, &c, 4, "2017年3月20日", at);
	at = assert_span_from(t, &c, 5, "2017.3.1", at);
	assert_span_from(t, &c, 6, "2017.3.24", at);
	assert_int_equal(c.m[2].date.d, 22);
	assert_int_equal(c.m[6].date.d, 24);
}

static void test_bad_utf8_and_nul(void **state)
{
	static const char t[] = "\xff\xfe" "2017-03-24\xe4\xb8" "x\x00"
	                        "2017/3/5\xe5" "\x80\x80" "2017-03-06\xf0\x9f";
	struct coll c;

	(void)state;
	memset(&c, 0, sizeof c);
	sl_dates_scan(t, sizeof t - 1, collect, &c);
	assert_int_equal(c.n, 3);
	assert_int_equal(c.m[0].start, 2);
	assert_int_equal(c.m[0].end, 12);
	assert_ymd(&c.m[1].date, 2017, 3, 5);
	assert_ymd(&c.m[2].date, 2017, 3, 6);
	assert_memory_equal(t + c.m[2].start, "2017-03-06", 10);
	assert_int_equal(c.m[2].end, c.m[2].start + 10);

	/* the scan never reads past LEN: a date cut by LEN is not one */
	memset(&c, 0, sizeof c);
	sl_dates_scan("2017-03-24", 9, collect, &c);
	assert_int_equal(c.n, 1);
	assert_int_equal(c.m[0].end, 9);
	assert_int_equal(c.m[0].date.d, 2);
	memset(&c, 0, sizeof c);
	sl_dates_scan("2017-03-24", 7, collect, &c);
	assert_int_equal(c.n, 0);
	sl_dates_scan(NULL, 0, collect, &c);
	assert_int_equal(c.n, 0);
}

/* Counts matches and checks that their spans are ordered and inside. */
struct checker {
	const char *text;
	size_t len;
	size_t n, last_end, valid, month_day;
	bool ok;
};

static void check_match(void *ctx, const struct sl_date_match *m)
{
	struct checker *k = ctx;

	if (m->start < k->last_end || m->end <= m->start || m->end > k->len)
		k->ok = false;
	k->last_end = m->end;
	k->n++;
	k->valid += m->date.valid;
	k->month_day += m->form == SL_DATE_FORM_MONTH_DAY;
}

/* 20 MB of list rows, look-alikes and pathological runs. */
static void test_large_input(void **state)
{
	static const char row[] =
		"<li><a href=\"t20170324_1.html\">通知公告</a>[03-24]"
		"<span>2017-03-24 14:46</span></li>\n";
	static const char noise[] =
		"1.2.3.4.5 0692-1234567 〔2017〕12号 一二三四五六七八九十〇 "
		"2017-03/24 2017年度 12345678901234567890 [[[(((（（ \xff\xfe ";
	size_t cap = 20u << 20, len = 0, rows = 0;
	char *big = malloc(cap + 1);
	struct checker k;

	(void)state;
	assert_non_null(big);
	while (len + sizeof row + sizeof noise < cap) {
		memcpy(big + len, row, sizeof row - 1);
		len += sizeof row - 1;
		memcpy(big + len, noise, sizeof noise - 1);
		len += sizeof noise - 1;
		rows++;
	}
	memset(big + len, '2', cap - len);   /* a long digit run to the end */
	len = cap;
	big[len] = '\0';
	memset(&k, 0, sizeof k);
	k.text = big;
	k.len = len;
	k.ok = true;
	sl_dates_scan(big, len, check_match, &k);
	assert_true(k.ok);
	assert_int_equal(k.n, 2 * rows);
	assert_int_equal(k.valid, 2 * rows);
	assert_int_equal(k.month_day, rows);
	free(big);
}

static uint32_t rnd(uint32_t *seed, uint32_t n)
{
	*seed = *seed * 1103515245u + 12345u;
	return (*seed >> 16) % n;
}

#define PICK(seed, arr) ((arr)[rnd(seed, sizeof(arr) / sizeof((arr)[0]))])

/* Appends a date-shaped run of random pieces (often a date, often a
 * near miss) or a piece of junk to TEXT at *LEN. */
static void random_piece(uint32_t *seed, char *text, size_t *len)
{
	static const char *const years[] = { "2017", "1999", "2100", "1948",
	                                     "201", "20170", "二〇一七", "２０１７" };
	static const char *const seps[] = { "-", "/", ".", "年", "月", "日", "－",
	                                    "", " ", "年 " };
	static const char *const nums[] = { "3", "03", "24", "12", "13", "0",
	                                    "123", "三", "二十四", "３", "十" };
	static const char *const junk[] = { "[", "]", "（", "）", " ", "a", "1",
	                                    ".", "-", "\xe4", "\xff", " 14:46",
	                                    "T09:05:07", "号", "日", "[03-24]" };
	static const char *const gaps[] = { " ", "，", "", "\xe4", "x" };
	const char *parts[7];
	size_t n = 0;

	if (rnd(seed, 3) == 0) {
		parts[n++] = PICK(seed, junk);
	} else {
		parts[n++] = PICK(seed, years);
		parts[n++] = PICK(seed, seps);
		parts[n++] = PICK(seed, nums);
		parts[n++] = rnd(seed, 2) ? parts[1] : PICK(seed, seps);
		parts[n++] = PICK(seed, nums);
		parts[n++] = PICK(seed, seps);
		parts[n++] = PICK(seed, gaps);
	}
	for (size_t i = 0; i < n; i++) {
		memcpy(text + *len, parts[i], strlen(parts[i]));
		*len += strlen(parts[i]);
	}
}

/* Random text from date-like pieces: every match is in order, and what
 * it spans reads alone as the same date. */
static void test_random_pieces(void **state)
{
	static char text[2048];
	uint32_t seed = 12345;
	size_t total = 0, checked = 0, cjk = 0;

	(void)state;
	for (int round = 0; round < 2000; round++) {
		struct coll c;
		size_t len = 0;

		while (len + 64 < sizeof text)
			random_piece(&seed, text, &len);
		memset(&c, 0, sizeof c);
		sl_dates_scan(text, len, collect, &c);
		assert_true(c.n <= MAX_MATCHES);
		for (size_t i = 0; i < c.n; i++) {
			const struct sl_date_match *m = &c.m[i];
			struct coll alone;

			assert_true(m->end > m->start && m->end <= len);
			if (i > 0)
				assert_true(m->start >= c.m[i - 1].end);
			if (m->form == SL_DATE_FORM_MONTH_DAY)
				continue;
			memset(&alone, 0, sizeof alone);
			sl_dates_scan(text + m->start, m->end - m->start, collect,
			              &alone);
			assert_int_equal(alone.n, 1);
			assert_int_equal(alone.m[0].end, m->end - m->start);
			assert_int_equal(sl_date_cmp(&alone.m[0].date, &m->date), 0);
			assert_int_equal(alone.m[0].form, m->form);
			assert_int_equal(alone.m[0].has_time, m->has_time);
			checked++;
			cjk += m->form == SL_DATE_FORM_CJK ||
			       m->form == SL_DATE_FORM_CJK_MONTH;
		}
		total += c.n;
	}
	/* the pieces do make dates of each kind */
	assert_true(total > 1000);
	assert_true(checked > 1000);
	assert_true(cjk > 100);
}

/* ---- calendar ----------------------------------------------------------- */

static time_t utc(int y, int m, int d)
{
	struct tm tm;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	return timegm(&tm);
}

static void test_days_round_trip(void **state)
{
	int32_t first = (int32_t)(utc(1900, 1, 1) / 86400);
	int32_t last = (int32_t)(utc(2100, 12, 31) / 86400);
	size_t count = 0;

	(void)state;
	for (int32_t day = first; day <= last; day++) {
		time_t t = (time_t)day * 86400;
		struct tm tm;
		struct sl_date d, e;

		assert_non_null(gmtime_r(&t, &tm));
		d = sl_date_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
		assert_true(d.valid);
		assert_int_equal(sl_date_days(&d), day);
		assert_true(sl_date_from_days(day, &e));
		assert_int_equal(sl_date_cmp(&d, &e), 0);
		assert_true(e.valid && e.has_year && e.has_day);
		count++;
	}
	/* 201 years, 49 leap years (1900 and 2100 are not) */
	assert_int_equal(count, 201 * 365 + 49);
	assert_int_equal(first, -25567);
}

static void test_calendar_edges(void **state)
{
	struct sl_date d, month;
	char buf[SL_DATE_FMT_SIZE];

	(void)state;
	assert_true(sl_date_is_leap(2000));
	assert_false(sl_date_is_leap(1900));
	assert_true(sl_date_is_leap(2016));
	assert_false(sl_date_is_leap(2017));
	assert_int_equal(sl_date_days_in_month(2016, 2), 29);
	assert_int_equal(sl_date_days_in_month(2017, 2), 28);
	assert_int_equal(sl_date_days_in_month(2017, 13), 0);

	d = sl_date_ymd(2017, 2, 30);
	assert_false(d.valid);
	assert_int_equal(sl_date_days(&d), SL_DATE_NO_DAYS);
	d = sl_date_ymd(1970, 1, 1);
	assert_int_equal(sl_date_days(&d), 0);
	assert_true(sl_date_from_days(-1, &d));
	assert_ymd(&d, 1969, 12, 31);
	assert_true(sl_date_from_days(-719162, &d));   /* 0001-01-01 */
	assert_ymd(&d, 1, 1, 1);
	assert_false(sl_date_from_days(-719163, &d));
	assert_ymd(&d, 1, 1, 1);                       /* unchanged */
	assert_false(sl_date_from_days(INT32_MAX, &d));
	assert_false(sl_date_from_days(INT32_MIN, &d));

	/* a month-only date is its first day and sorts before it */
	assert_true(sl_date_from_url("/201703/", &month, NULL));
	d = sl_date_ymd(2017, 3, 1);
	assert_int_equal(sl_date_days(&month), sl_date_days(&d));
	assert_true(sl_date_cmp(&month, &d) < 0);
	assert_true(sl_date_format(&month, buf, sizeof buf));
	assert_string_equal(buf, "2017-03");

	d = sl_date_ymd(2017, 3, 24);
	assert_true(sl_date_format(&d, buf, sizeof buf));
	assert_string_equal(buf, "2017-03-24");
	assert_false(sl_date_format(&d, buf, 10));
	assert_string_equal(buf, "");
	assert_false(sl_date_format(&d, buf, 0));
	d = sl_date_ymd(1, 1, 9);
	assert_true(sl_date_format(&d, buf, sizeof buf));
	assert_string_equal(buf, "0001-01-09");

	struct sl_date a = sl_date_ymd(2016, 12, 31), b = sl_date_ymd(2017, 1, 1);
	assert_true(sl_date_cmp(&a, &b) < 0);
	assert_true(sl_date_cmp(&b, &a) > 0);
	assert_int_equal(sl_date_cmp(&a, &a), 0);
}

static void test_parse_iso(void **state)
{
	struct sl_date d = sl_date_ymd(1999, 9, 9);

	(void)state;
	assert_true(sl_date_parse_iso("2017-03-24", &d));
	assert_ymd(&d, 2017, 3, 24);
	assert_true(d.valid && d.has_year && d.has_day);
	assert_true(sl_date_parse_iso("2016-02-29", &d));
	const char *bad[] = {
		"2017-3-24", "2017/03/24", "2017-02-29", "2017-13-01", "2017-00-10",
		" 2017-03-24", "2017-03-24 ", "2017-03-24x", "17-03-24", "",
		"0000-01-01", "2017-03-2a", "+017-03-24", "２０１７-03-24",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		d = sl_date_ymd(1999, 9, 9);
		if (sl_date_parse_iso(bad[i], &d))
			fail_msg("accepted \"%s\"", bad[i]);
		assert_ymd(&d, 1999, 9, 9);
	}
}

static void test_today(void **state)
{
	time_t before = time(NULL);
	struct sl_date today = sl_date_today();
	time_t after = time(NULL);
	struct tm tm;

	(void)state;
	assert_true(today.valid);
	/* midnight may pass between the calls: accept either side */
	gmtime_r(&before, &tm);
	if (sl_date_cmp(&today, &(struct sl_date){
	        .y = (int16_t)(tm.tm_year + 1900), .m = (int8_t)(tm.tm_mon + 1),
	        .d = (int8_t)tm.tm_mday, .has_year = true, .has_day = true,
	        .valid = true }) == 0)
		return;
	gmtime_r(&after, &tm);
	assert_ymd(&today, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* ---- year inference ----------------------------------------------------- */

static void test_infer_year(void **state)
{
	struct sl_date as_of = sl_date_ymd(2017, 1, 5), out, url;

	(void)state;
	assert_true(sl_date_infer_year(12, 30, NULL, &as_of, &out));
	assert_ymd(&out, 2016, 12, 30);
	assert_true(out.valid && out.has_year);
	assert_true(sl_date_infer_year(1, 3, NULL, &as_of, &out));
	assert_ymd(&out, 2017, 1, 3);
	assert_true(sl_date_infer_year(1, 5, NULL, &as_of, &out));
	assert_ymd(&out, 2017, 1, 5);               /* as-of itself */
	assert_true(sl_date_infer_year(1, 6, NULL, &as_of, &out));
	assert_ymd(&out, 2016, 1, 6);

	/* Feb 29 takes the latest leap year not after as-of */
	assert_true(sl_date_infer_year(2, 29, NULL, &as_of, &out));
	assert_ymd(&out, 2016, 2, 29);
	as_of = sl_date_ymd(2016, 2, 28);
	assert_true(sl_date_infer_year(2, 29, NULL, &as_of, &out));
	assert_ymd(&out, 2012, 2, 29);
	as_of = sl_date_ymd(1901, 6, 1);
	assert_true(sl_date_infer_year(2, 29, NULL, &as_of, &out));
	assert_ymd(&out, 1896, 2, 29);               /* 1900 is not leap */

	/* the item's URL wins over as-of */
	as_of = sl_date_ymd(2017, 1, 5);
	assert_true(sl_date_from_url("/xxgk/201512/t20151230_9.html", &url, NULL));
	assert_true(sl_date_infer_year(12, 30, &url, &as_of, &out));
	assert_ymd(&out, 2015, 12, 30);
	/* published next to a year boundary */
	url = sl_date_ymd(2016, 12, 31);
	assert_true(sl_date_infer_year(1, 1, &url, &as_of, &out));
	assert_ymd(&out, 2017, 1, 1);
	/* a month-only URL date */
	assert_true(sl_date_from_url("/201612/", &url, NULL));
	assert_true(sl_date_infer_year(1, 3, &url, &as_of, &out));
	assert_ymd(&out, 2017, 1, 3);
	assert_true(sl_date_infer_year(11, 20, &url, &as_of, &out));
	assert_ymd(&out, 2016, 11, 20);
	/* Feb 29 next to a URL of a common year */
	url = sl_date_ymd(2017, 3, 1);
	assert_true(sl_date_infer_year(2, 29, &url, &as_of, &out));
	assert_ymd(&out, 2016, 2, 29);
	/* a URL date without year does not count */
	url.has_year = false;
	assert_true(sl_date_infer_year(12, 30, &url, &as_of, &out));
	assert_ymd(&out, 2016, 12, 30);

	/* impossible month-days, nothing to go by */
	assert_false(sl_date_infer_year(2, 30, NULL, &as_of, &out));
	assert_false(sl_date_infer_year(13, 1, NULL, &as_of, &out));
	assert_false(sl_date_infer_year(4, 31, NULL, &as_of, &out));
	assert_false(sl_date_infer_year(4, 0, NULL, &as_of, &out));
	assert_false(sl_date_infer_year(4, 1, NULL, NULL, &out));
}

/* ---- URLs --------------------------------------------------------------- */

static void url_date(const char *url, int y, int m, int d, bool day)
{
	struct sl_date out;
	bool has_day = !day;

	if (!sl_date_from_url(url, &out, &has_day))
		fail_msg("no date in %s", url);
	assert_int_equal(has_day, day);
	assert_int_equal(out.has_day, day);
	assert_true(out.valid);
	assert_ymd(&out, y, m, day ? d : 0);
}

static void test_from_url(void **state)
{
	struct sl_date out;

	(void)state;
	url_date("http://www.x.gov.cn/xxgk/gzdt/201703/t20170324_123456.html",
	         2017, 3, 24, true);
	url_date("xxgk/gzdt/201703/t20170324_123456.html", 2017, 3, 24, true);
	url_date("./t20170324_123456_1.html", 2017, 3, 24, true);
	url_date("/xxgk/gzdt/201703/", 2017, 3, 0, false);
	url_date("/xxgk/gzdt/201703/index.html", 2017, 3, 0, false);
	url_date("/art/2017/3/24/art_1234_5678.html", 2017, 3, 24, true);
	url_date("/news/2017-03-24/x.html", 2017, 3, 24, true);
	url_date("/news/20170324/x.html", 2017, 3, 24, true);
	url_date("/2017/0324/c1024-123.html", 2017, 3, 24, true);
	url_date("/2017-03/24/c_1120688.htm", 2017, 3, 24, true);
	url_date("/xxgk/201703/P020170324123456.doc", 2017, 3, 24, true);
	url_date("/pic/2017/03/", 2017, 3, 0, false);
	/* the article's own date beats its folder's */
	url_date("/201702/t20170301_1.html", 2017, 3, 1, true);
	/* of two equally precise dates, the later in the path */
	url_date("/art/2017/3/24/t20170325_1.html", 2017, 3, 25, true);
	/* the query and fragment are not the path */
	url_date("/201703/a.html?d=20180101#t20190101_1", 2017, 3, 0, false);

	const char *none[] = {
		"/col/col1234/index.html", "/xxgk/201713/index.html",
		"/x/t20170230_1.html", "/x/t2017032_1.html", "/194812/",
		"/art/2017/13/24/a.html", "/2017/1234/", "http://20170324.cn/a",
		"/a.html?d=/20170324/", "/index_1.html", "", "/",
		"/12345678/", "/2017/", "/x/a20170324_1.html",
	};
	for (size_t i = 0; i < sizeof none / sizeof none[0]; i++)
		if (sl_date_from_url(none[i], &out, NULL))
			fail_msg("date in \"%s\"", none[i]);
}

/* ---- PubDate and single values ------------------------------------------ */

static void pubdate(const char *content, int y, int m, int d, int hh, int mm,
                    bool well_formed)
{
	struct sl_date out;
	int h = 99, mi = 99;
	bool wf = !well_formed;

	if (!sl_date_parse_pubdate(content, &out, &h, &mi, &wf))
		fail_msg("no date in PubDate \"%s\"", content);
	assert_ymd(&out, y, m, d);
	assert_int_equal(h, hh);
	assert_int_equal(mi, mm);
	if (wf != well_formed)
		fail_msg("PubDate \"%s\": well_formed %d", content, wf);
}

static void test_pubdate(void **state)
{
	struct sl_date out;
	int h = 99, mi = 99;
	bool wf = true;

	(void)state;
	pubdate("2022-04-17 14:46", 2022, 4, 17, 14, 46, true);
	pubdate(" 2022-04-17 00:00\n", 2022, 4, 17, 0, 0, true);
	pubdate("2022/4/17", 2022, 4, 17, -1, -1, false);
	pubdate("2022-04-17", 2022, 4, 17, -1, -1, false);
	pubdate("2022-04-17 2:46 PM", 2022, 4, 17, 14, 46, false);
	pubdate("2022-04-17 12:05 am", 2022, 4, 17, 0, 5, false);
	pubdate("2022-04-17 02:46 下午", 2022, 4, 17, 14, 46, false);
	pubdate("2022-04-17T14:46:00", 2022, 4, 17, 14, 46, false);
	pubdate("2022-04-17T14:46", 2022, 4, 17, 14, 46, false);
	pubdate("2022-04-17 14:46:05", 2022, 4, 17, 14, 46, false);
	pubdate("2022-4-17 14:46", 2022, 4, 17, 14, 46, false);
	pubdate("2022年4月17日", 2022, 4, 17, -1, -1, false);
	pubdate("2022-04-17 24:00", 2022, 4, 17, -1, -1, false);

	/* an impossible date is read, not well formed */
	assert_true(sl_date_parse_pubdate("2022-02-30 10:00", &out, &h, &mi, &wf));
	assert_false(out.valid);
	assert_false(wf);
	assert_int_equal(h, 10);

	/* no full date */
	const char *none[] = { "", "hello", "2022-04", "2022年4月", "[04-17]",
	                       "yyyy-MM-dd HH:mm", "14:46" };
	for (size_t i = 0; i < sizeof none / sizeof none[0]; i++) {
		wf = true;
		h = mi = 99;
		if (sl_date_parse_pubdate(none[i], &out, &h, &mi, &wf))
			fail_msg("date in PubDate \"%s\"", none[i]);
		assert_false(wf);
		assert_int_equal(h, -1);
		assert_int_equal(mi, -1);
	}
	/* NULL out pointers are allowed */
	assert_true(sl_date_parse_pubdate("2022-04-17 14:46", &out, NULL, NULL,
	                                  NULL));
}

static void test_parse_month_day(void **state)
{
	struct sl_date out;
	const char *ok[] = { "03-24", " 03-24 ", "[03-24]", "（03-24）",
	                     "\n\t( 03/24 )\n", "０３－２４" };
	const char *bad[] = { "3-24", "03-24x", "2017-03-24", "[03-24", "03-24]",
	                      "13-01", "03-32", "", "03.24", "[03-24]]" };

	(void)state;
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		memset(&out, 0, sizeof out);
		if (!sl_date_parse_month_day(ok[i], strlen(ok[i]), &out))
			fail_msg("rejected \"%s\"", ok[i]);
		assert_int_equal(out.m, 3);
		assert_int_equal(out.d, 24);
		assert_false(out.has_year);
		assert_true(out.has_day && out.valid);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (sl_date_parse_month_day(bad[i], strlen(bad[i]), &out))
			fail_msg("accepted \"%s\"", bad[i]);
	/* LEN bounds the text */
	assert_true(sl_date_parse_month_day("03-24 and more", 5, &out));
	assert_true(sl_date_parse_month_day("02-30", 5, &out));
	assert_false(out.valid);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numeric_forms),
		cmocka_unit_test(test_cjk_forms),
		cmocka_unit_test(test_fullwidth),
		cmocka_unit_test(test_hanzi),
		cmocka_unit_test(test_month_day),
		cmocka_unit_test(test_time),
		cmocka_unit_test(test_invalid_flagged),
		cmocka_unit_test(test_not_dates),
		cmocka_unit_test(test_several),
		cmocka_unit_test(test_bad_utf8_and_nul),
		cmocka_unit_test(test_large_input),
		cmocka_unit_test(test_random_pieces),
		cmocka_unit_test(test_days_round_trip),
		cmocka_unit_test(test_calendar_edges),
		cmocka_unit_test(test_parse_iso),
		cmocka_unit_test(test_today),
		cmocka_unit_test(test_infer_year),
		cmocka_unit_test(test_from_url),
		cmocka_unit_test(test_pubdate),
		cmocka_unit_test(test_parse_month_day),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
