/*
 * progress.h - a progress line on standard error for long runs.
 *
 *   sitelint: site.warc.gz: 41213 files read, 38002 pages analysed, 2.1 GB, 5120 pages/s
 *
 * The CLI makes one when standard error is a terminal (and -q is not
 * given); the lint driver reports each member read (reader thread) and
 * each member analysed (worker threads).  Nothing is printed during the
 * first second (SITELINT_PROGRESS_DELAY=MS changes that, for tests), so
 * short runs stay silent; the line is rewritten in place at most four
 * times a second and erased when the snapshot is done.
 */
#ifndef SL_PROGRESS_H
#define SL_PROGRESS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct sl_progress;

/* A progress reporter writing to OUT (a terminal), or NULL when progress
 * is not wanted.  Free with sl_progress_free(). */
struct sl_progress *sl_progress_new(FILE *out);

/* Starts counting for the snapshot NAME (borrowed until sl_progress_end). */
void sl_progress_start(struct sl_progress *p, const char *name);

/* A member of LEN bytes was read (call from one thread only). */
void sl_progress_read(struct sl_progress *p, uint64_t len);

/* A member was analysed; PAGE says it was an HTML page (any thread). */
void sl_progress_analysed(struct sl_progress *p, bool page);

/* Erases the line, if one was printed. */
void sl_progress_end(struct sl_progress *p);

void sl_progress_free(struct sl_progress *p);

#endif
