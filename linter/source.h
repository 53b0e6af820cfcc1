/*
 * source.h - going back to a snapshot's files after the run.
 *
 * The pipeline keeps no page text (memory stays flat); the fix-it diff
 * needs the original bytes.  This module reads again just the members
 * that have fix-its: from a directory snapshot by opening the files (inside the
 * snapshot's real path only), from an archive or WARC by streaming it once
 * more, from a single page by reading the page.  Standard input cannot be
 * read twice: its members are reported as unavailable.
 */
#ifndef SL_SOURCE_H
#define SL_SOURCE_H

#include <stdbool.h>
#include <stddef.h>

#include "lint.h"
#include "snapshot.h"

/* Called once per wanted member that could be read; M is borrowed. */
typedef void (*sl_source_fn)(void *ctx, const struct sl_member *m);

/* Calls FN for each member of report R's snapshot whose path is one of
 * the N strings of WANTED (sorted by strcmp, unique).  LIMITS caps what
 * is read (NULL: the defaults).  Members that cannot be found or read
 * are skipped; returns the number of wanted members that were not read. */
size_t sl_source_each(const struct sl_report *r, const char *const *wanted, size_t n,
                      const struct sl_limits *limits, sl_source_fn fn, void *ctx);

#endif
