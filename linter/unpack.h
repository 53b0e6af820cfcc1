/*
 * unpack.h - --unpack-to DIR: the members of a snapshot written to disk
 * as they are linted, so that the reported paths (DIR/member) open in an
 * editor.
 *
 * Each member the reader yields (its name already normalized, ".." and
 * absolute names and links leaving the snapshot refused, every size
 * capped: snapshot.h) is written with libarchive's disk writer and its
 * ARCHIVE_EXTRACT_SECURE_NODOTDOT, _SECURE_NOABSOLUTEPATHS and
 * _SECURE_SYMLINKS flags, as a regular file of mode 0644 with the
 * member's mtime (a WARC record gets its WARC-Date), never following a
 * symlink already in DIR.  Nothing else is ever written to disk.
 */
#ifndef SL_UNPACK_H
#define SL_UNPACK_H

#include <stdbool.h>

#include "snapshot.h"

struct sl_unpack;

/* Prepares writing under DIR (created if missing, mode 0755).  Returns
 * SL_ERR_IO with ERR filled when DIR cannot be made. */
sl_status sl_unpack_new(const char *dir, struct sl_unpack **out, struct sl_err *err);

/* Writes M under the directory.  A member that cannot be written is
 * counted and the first such failure kept (sl_unpack_failed()); writing
 * goes on with the next. */
void sl_unpack_member(struct sl_unpack *u, const struct sl_member *m);

/* The number of members not written, and the first failure's message. */
unsigned long sl_unpack_failed(const struct sl_unpack *u, const char **first);

/* The number of members written. */
unsigned long sl_unpack_written(const struct sl_unpack *u);

void sl_unpack_free(struct sl_unpack *u);

#endif
