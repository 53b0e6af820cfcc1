/*
 * dates.h - calendar dates as Chinese government sites write them.
 *
 * This module owns the date type, its day arithmetic (proleptic
 * Gregorian, days since 1970-01-01, no time zones, no locale), and the
 * readers that find dates in page text, in item URLs (TRS style) and in
 * the PubDate meta.  It is pure: no I/O, no global state, and the text
 * scanner allocates nothing and runs in time linear in its input.
 *
 * Forms found in text (see sl_dates_scan):
 *   2017-03-24  2017-3-24  2017/3/24  2017.03.24     (numeric)
 *   2017年3月24日  2017年3月                           (CJK; month only)
 *   ２０１７－０３－２４  ２０１７年３月２４日            (full-width digits)
 *   二〇一七年三月二十四日  (〇/零/○, 十/廿/卅)          (Chinese numerals)
 *   [03-24]  （03-24）  【03-24】                       (month-day, no year)
 * each optionally followed by a time, 14:46 or 14:46:05.
 *
 * What is not a date: version numbers (1.2.3), phone numbers
 * (0692-1234567), document numbers (〔2017〕12号), 2017年度, mixed
 * separators (2017-03/24), digits glued to more digits or ASCII letters,
 * years outside SL_DATE_YEAR_MIN..SL_DATE_YEAR_MAX.  Impossible dates
 * that are otherwise well written (2017-02-30, 2017-13-01) are reported
 * with valid=false so that dates/invalid can flag them.
 */
#ifndef SL_DATES_H
#define SL_DATES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Years a date found in text or in a URL may carry. */
#define SL_DATE_YEAR_MIN 1949
#define SL_DATE_YEAR_MAX 2100

/* sl_date_days() of a date that has no day number. */
#define SL_DATE_NO_DAYS INT32_MIN

/* Bytes sl_date_format() needs at most, NUL included. */
#define SL_DATE_FMT_SIZE 11

/* A calendar date.  Fields hold the numbers as written even when the
 * date is impossible (2017-13-01 has m == 13, valid == false). */
struct sl_date {
	int16_t y;       /* year; 0 when !has_year */
	int8_t m;        /* month, 1..12 when valid */
	int8_t d;        /* day of month; 0 when !has_day */
	bool has_year;   /* false for month-day forms such as [03-24] */
	bool has_day;    /* false for year-month forms such as 2017年3月 */
	bool valid;      /* the month (and day) exist (in some year when
	                    !has_year, so 02-29 is valid) */
};

/* How a date was written: its separators. */
enum sl_date_form {
	SL_DATE_FORM_DASH,       /* 2017-03-24, 2017-3-24, ２０１７－０３－２４ */
	SL_DATE_FORM_SLASH,      /* 2017/3/24 */
	SL_DATE_FORM_DOT,        /* 2017.03.24 */
	SL_DATE_FORM_CJK,        /* 2017年3月24日 (日 or 号) */
	SL_DATE_FORM_CJK_MONTH,  /* 2017年3月: has_day is false */
	SL_DATE_FORM_MONTH_DAY,  /* [03-24], （03/24）: has_year is false */
};

/* How a date's numbers were written. */
enum sl_date_digits {
	SL_DATE_DIGITS_ASCII,      /* 0-9 */
	SL_DATE_DIGITS_FULLWIDTH,  /* ０-９ (U+FF10..U+FF19) */
	SL_DATE_DIGITS_HANZI,      /* 二〇一七, 三, 二十四 */
};

/* One date found by sl_dates_scan. */
struct sl_date_match {
	struct sl_date date;
	size_t start, end;         /* byte span [start,end) in the text: the
	                              date and its time, without the brackets
	                              of a month-day form */
	enum sl_date_form form;
	enum sl_date_digits digits;
	bool has_time;
	int8_t hour, minute, second;  /* 24-hour; -1 when absent */
};

/* Receives each date found; M is only valid during the call. */
typedef void (*sl_date_fn)(void *ctx, const struct sl_date_match *m);

/* Calls FN(CTX, match) for every date in the LEN bytes of UTF-8 text at
 * TEXT, in text order, with non-overlapping spans.  TEXT need not be
 * NUL-terminated and may hold invalid UTF-8 or NUL bytes (they are never
 * part of a date).  Allocates nothing; linear time. */
void sl_dates_scan(const char *text, size_t len, sl_date_fn fn, void *ctx);

/* True when Y is a Gregorian leap year. */
bool sl_date_is_leap(int y);

/* Days in month M (1..12) of year Y; 0 when M is out of range. */
int sl_date_days_in_month(int y, int m);

/* Returns the date Y-M-D with has_year and has_day set and valid
 * computed; Y, M and D must fit the struct's fields. */
struct sl_date sl_date_ymd(int y, int m, int d);

/* Days since 1970-01-01 (negative before).  A month-only date counts as
 * the first of its month.  Returns SL_DATE_NO_DAYS for a date that is
 * not valid or has no year. */
int32_t sl_date_days(const struct sl_date *date);

/* Stores in *OUT the date DAYS days after 1970-01-01 (a full, valid
 * date).  Returns false, leaving *OUT unchanged, when its year would lie
 * outside 1..9999. */
bool sl_date_from_days(int32_t days, struct sl_date *out);

/* Orders two dates by year, month and day (a month-only date sorts
 * before the days of its month; a date without year as year 0).
 * Returns <0, 0 or >0. */
int sl_date_cmp(const struct sl_date *a, const struct sl_date *b);

/* Parses exactly "YYYY-MM-DD" (zero-padded, a real date, year 1..9999),
 * the form of --as-of and config values.  Returns false on anything else
 * (surrounding spaces included), leaving *OUT unchanged. */
bool sl_date_parse_iso(const char *s, struct sl_date *out);

/* Writes DATE into BUF (SIZE bytes) as YYYY-MM-DD, or YYYY-MM without
 * day, or MM-DD without year, NUL-terminated.  Returns false (BUF then
 * holds "" when SIZE > 0) when SIZE is too small; SL_DATE_FMT_SIZE is
 * always enough. */
bool sl_date_format(const struct sl_date *date, char *buf, size_t size);

/* The current date in UTC. */
struct sl_date sl_date_today(void);

/* Gives the month-day M-D a year, into *OUT (a full date).  With
 * URL_DATE (a date read from the item's URL, may be NULL) the year is
 * URL_DATE's or the one next to it that puts M-D nearest to URL_DATE (a
 * URL of 2016-12-31 and [01-01] is 2017-01-01).  Otherwise it is the
 * latest year that does not put M-D after AS_OF (as-of 2017-01-05:
 * [12-30] is 2016-12-30, [01-03] is 2017-01-03).  02-29 always gets a
 * leap year.  Returns false when M-D is not a possible date or neither
 * URL_DATE nor AS_OF has a year. */
bool sl_date_infer_year(int m, int d, const struct sl_date *url_date,
                        const struct sl_date *as_of, struct sl_date *out);

/* Reads the date a CMS put in a URL or member path: t20170324_123.html,
 * P020170324123456.doc, /20170324/, /2017-03-24/, /2017/3/24/,
 * /2017/0324/, /2017-03/24/ (day known), /201703/, /2017-03/, /2017/03/
 * (month only).  The query and fragment are ignored.  The most precise
 * date wins, then the last one in the path.  Stores it in *OUT and
 * whether it has a day in *HAS_DAY (may be NULL) and returns true;
 * returns false when there is none (impossible dates and years outside
 * SL_DATE_YEAR_MIN..MAX do not count). */
bool sl_date_from_url(const char *url_or_path, struct sl_date *out,
                      bool *has_day);

/* Parses the content of a PubDate meta (a NUL-terminated string; only
 * its first 256 bytes are read).  The norm is "yyyy-MM-dd HH:mm"
 * (24-hour); *WELL_FORMED says whether CONTENT is exactly that, with a
 * real date and time, leading and trailing ASCII white space aside.
 * Other writings are still read when they hold a full date: 2022/4/17,
 * 2022-04-17 14:46:05, 2022-04-17T14:46:00+08:00, 2022-04-17 2:46 PM
 * (hour 14), 2022年4月17日.  Returns true and fills
 * *OUT (possibly valid=false), *HH and *MM (-1 when there is no time)
 * when a date with year and day was found.  Any out pointer but OUT may
 * be NULL. */
bool sl_date_parse_pubdate(const char *content, struct sl_date *out, int *hh,
                           int *mm, bool *well_formed);

/* Reads a list item's date written on its own as month-day: the LEN
 * bytes at S are, after optional white space and one pair of brackets,
 * exactly MM-DD or MM/DD (two digits each, ASCII or full-width), as in
 * <span>03-24</span>.  Fills *OUT (has_year false) and returns true; a
 * month outside 1..12 or day outside 1..31 is not a month-day. */
bool sl_date_parse_month_day(const char *s, size_t len, struct sl_date *out);

#endif
