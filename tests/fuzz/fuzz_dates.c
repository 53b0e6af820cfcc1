/*
 * fuzz_dates - the date reader: sl_dates_scan over the whole input (any
 * bytes, not NUL-terminated), then the input as a PubDate meta, a URL and
 * a month-day.  Checks that matches come in text order, do not overlap,
 * stay inside the text, and that a valid date is a real one.
 */
#include "fuzz.h"

#include "dates.h"

struct scan {
	size_t len, last_end, n;
};

static void
check_date(const struct sl_date *dt)
{
	if (!dt->valid)
		return;
	FUZZ_CHECK(dt->m >= 1 && dt->m <= 12);
	if (dt->has_day && dt->has_year)
		FUZZ_CHECK(dt->d >= 1 && dt->d <= sl_date_days_in_month(dt->y, dt->m));
	char buf[SL_DATE_FMT_SIZE];
	FUZZ_CHECK(sl_date_format(dt, buf, sizeof buf));
	int32_t days = sl_date_days(dt);
	struct sl_date back;
	if (dt->has_year && dt->has_day && days != SL_DATE_NO_DAYS &&
	    sl_date_from_days(days, &back))
		FUZZ_CHECK(sl_date_cmp(&back, dt) == 0);
}

static void
on_date(void *ctx, const struct sl_date_match *m)
{
	struct scan *s = ctx;
	FUZZ_CHECK(m->start < m->end && m->end <= s->len);
	FUZZ_CHECK(m->start >= s->last_end);
	s->last_end = m->end;
	s->n++;
	check_date(&m->date);
	FUZZ_CHECK(m->hour >= -1 && m->hour < 24 && m->minute >= -1 && m->minute < 60);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct scan s = { size, 0, 0 };
	sl_dates_scan((const char *)data, size, on_date, &s);

	char *str = fuzz_strndup(data, size);
	struct sl_date dt;
	int hh, mm;
	bool well;
	if (sl_date_parse_pubdate(str, &dt, &hh, &mm, &well)) {
		FUZZ_CHECK(dt.has_year && dt.has_day);
		check_date(&dt);
		FUZZ_CHECK(hh >= -1 && hh < 24 && mm >= -1 && mm < 60);
	}
	bool has_day;
	if (sl_date_from_url(str, &dt, &has_day)) {
		FUZZ_CHECK(dt.valid);
		check_date(&dt);
	}
	if (sl_date_parse_month_day(str, size, &dt)) {
		FUZZ_CHECK(!dt.has_year);
		struct sl_date as_of = sl_date_ymd(2017, 3, 24), full;
		if (sl_date_infer_year(dt.m, dt.d, NULL, &as_of, &full))
			check_date(&full);
	}
	if (sl_date_parse_iso(str, &dt))
		FUZZ_CHECK(dt.valid);
	free(str);
	return 0;
}
