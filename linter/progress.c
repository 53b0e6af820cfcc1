/*
 * progress.c - the progress line of long runs (see progress.h).
 */
#include "progress.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>

#include "util.h"

#define QUIET_NS  1000000000LL   /* say nothing during the first second */
#define EVERY_NS   250000000LL   /* then at most four lines a second */
#define DELAY_ENV "SITELINT_PROGRESS_DELAY"   /* ms instead of QUIET_NS (tests) */

struct sl_progress {
	FILE *out;
	const char *name;
	int64_t start, last;      /* monotonic ns */
	int64_t quiet;            /* ns before the first line */
	uint64_t read, bytes;     /* reader thread only */
	atomic_ullong analysed;   /* any thread */
	atomic_ullong pages;
	bool shown;
};

static int64_t
now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

struct sl_progress *
sl_progress_new(FILE *out)
{
	struct sl_progress *p = sl_calloc(1, sizeof *p);
	p->out = out;
	p->quiet = QUIET_NS;
	const char *env = getenv(DELAY_ENV);
	uint64_t ms;
	if (env != NULL && sl_parse_u64(env, 3600000, &ms))
		p->quiet = (int64_t)ms * 1000000LL;
	atomic_init(&p->analysed, 0);
	atomic_init(&p->pages, 0);
	return p;
}

void
sl_progress_start(struct sl_progress *p, const char *name)
{
	if (p == NULL)
		return;
	p->name = name;
	p->start = p->last = now_ns();
	p->read = p->bytes = 0;
	atomic_store(&p->analysed, 0);
	atomic_store(&p->pages, 0);
	p->shown = false;
}

static void
print_line(struct sl_progress *p, int64_t t)
{
	double secs = (double)(t - p->start) / 1e9;
	unsigned long long pages = atomic_load(&p->pages);
	double mb = (double)p->bytes / 1e6;
	/* \r and erase-to-end rewrite the line in place. */
	fprintf(p->out, "\r\033[Ksitelint: %s: %llu files read, %llu pages analysed, %.1f MB, "
	        "%.0f pages/s", p->name, (unsigned long long)p->read, pages, mb,
	        secs > 0 ? (double)pages / secs : 0.0);
	fflush(p->out);
	p->shown = true;
	p->last = t;
}

void
sl_progress_read(struct sl_progress *p, uint64_t len)
{
	if (p == NULL)
		return;
	p->read++;
	p->bytes += len;
	/* Asking the clock costs little, but not every member need ask. */
	if ((p->read & 63) != 0)
		return;
	int64_t t = now_ns();
	if (t - p->start >= p->quiet && (t - p->last >= EVERY_NS || !p->shown))
		print_line(p, t);
}

void
sl_progress_analysed(struct sl_progress *p, bool page)
{
	if (p == NULL)
		return;
	atomic_fetch_add(&p->analysed, 1);
	if (page)
		atomic_fetch_add(&p->pages, 1);
}

void
sl_progress_end(struct sl_progress *p)
{
	if (p == NULL || !p->shown)
		return;
	fputs("\r\033[K", p->out);
	fflush(p->out);
	p->shown = false;
}

void
sl_progress_free(struct sl_progress *p)
{
	free(p);
}
