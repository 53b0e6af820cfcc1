/*
 * overlay.h - one page linted against a site root: the editor's case.
 *
 *   sitelint --root site site/xwzx/a.html
 *   sitelint --root site --stdin-filename site/xwzx/a.html - < buffer
 *
 * The snapshot is the root directory; the page (its text from the file,
 * or the unsaved text from standard input) takes the place of the member
 * it names, or is added when the root does not hold it yet (a new file).
 * Links are resolved against the root's members, so links/broken and
 * links/broken-anchor work as in a whole-site run; only the page's own
 * findings are kept, and they are printed under the page's name as given
 * so an editor can jump to them.
 *
 * The page is located in the root by the real path of its folder when
 * that folder exists (a folder outside the root is an error), else by its
 * name as written when that starts with the root as written, else as a
 * path relative to the root.
 */
#ifndef SL_OVERLAY_H
#define SL_OVERLAY_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "lint.h"
#include "snapshot.h"

struct sl_overlay;

/* Prepares PAGE ("-": the text comes from IN and STDIN_NAME names it) as
 * a member of the directory ROOT and reads its text (at most CAP bytes).
 * Fails with SL_ERR_USAGE when ROOT is no directory or PAGE is not
 * inside it, SL_ERR_IO when the page cannot be read. */
sl_status sl_overlay_open(const char *root, const char *page, const char *stdin_name,
                          FILE *in, uint64_t cap, struct sl_overlay **out,
                          struct sl_err *err);

/* The page's member path inside the root. */
const char *sl_overlay_path(const struct sl_overlay *ov);

/* When M is the page, replaces its bytes with the page's text (the file
 * on disk may be older than the editor's buffer) and returns true. */
bool sl_overlay_take(struct sl_overlay *ov, struct sl_member *m);

/* After the stream: the page as a new member (the caller owns it) when
 * the root did not hold it, else NULL. */
struct sl_member *sl_overlay_missing(struct sl_overlay *ov);

/* Keeps only the page's findings in R, recounts them, gives the page's
 * name as written to R's display (R becomes a single page) and, when
 * EXCERPTS, fills the missing source lines from the page's text. */
void sl_overlay_finish(struct sl_overlay *ov, struct sl_report *r, bool excerpts);

void sl_overlay_free(struct sl_overlay *ov);

#endif
