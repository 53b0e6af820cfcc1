/*
 * snapshot.h - one interface over every kind of site snapshot.
 *
 * A snapshot is opened from its command-line argument (a directory, an
 * archive libarchive reads, a WARC or WARC.gz, a single HTML file, or
 * "-" for standard input) and then yields members one at a time, in a
 * deterministic order, each with its normalized path and its bytes.
 *
 * The reader owns safety: member names are normalized ('\' and '/'
 * separators, "." removed), names that are absolute or climb out with
 * ".." and links that leave the snapshot are refused and reported,
 * never followed; every size from input is capped (struct sl_limits) and
 * a hit cap is reported.  Problems that concern one member are reported
 * through the event callback and reading goes on; only a failure that
 * stops reading (an unreadable archive, damage past which nothing can be
 * read) makes sl_snapshot_next() return an error status.
 */
#ifndef SL_SNAPSHOT_H
#define SL_SNAPSHOT_H

#include <stdint.h>
#include <stdio.h>

#include "util.h"

/* Caps on what one snapshot may make us hold.  Zero means "default". */
struct sl_limits {
	uint64_t member_bytes;   /* largest member kept (default 64 MiB) */
	uint64_t total_bytes;    /* all members together (default 4 GiB) */
	uint64_t members;        /* member count (default 200,000) */
};

#define SL_DEFAULT_MEMBER_BYTES (64ull << 20)
#define SL_DEFAULT_TOTAL_BYTES  (4ull << 30)
#define SL_DEFAULT_MEMBERS      200000ull

/* What kind of input a snapshot argument turned out to be. */
enum sl_snapshot_kind {
	SL_SNAP_DIR,
	SL_SNAP_ARCHIVE,
	SL_SNAP_WARC,
	SL_SNAP_FILE,    /* a single page */
};

/* One member.  Everything is owned by the member; free it with
 * sl_member_clear(). */
struct sl_member {
	char *path;          /* normalized, relative, '/'-separated, no ".." */
	unsigned char *data; /* the member's bytes (HTTP headers stripped) */
	size_t len;
	int64_t mtime;       /* seconds since the epoch; 0 when unknown */
	int http_status;     /* WARC: the HTTP status; 0 otherwise */
	char *content_type;  /* WARC: the HTTP Content-Type, else NULL */
	char *location;      /* WARC 3xx: the Location header, else NULL */
	char *url;           /* WARC: the target URI, else NULL */
	int64_t warc_date;   /* WARC: the record's WARC-Date, else 0 */
	int is_first_html;   /* WARC: first HTML response of the first host */
};

void sl_member_clear(struct sl_member *m);

/* Events the reader reports while it goes on reading. */
enum sl_snapshot_event {
	SL_EV_UNSAFE_PATH,   /* absolute name, "..", link leaving the snapshot */
	SL_EV_LIMIT,         /* a cap was hit; the member (or the rest) skipped */
	SL_EV_DUPLICATE,     /* a second member with the same path; first kept */
	SL_EV_SKIPPED,       /* a member that could not be read (encrypted...) */
	SL_EV_DAMAGED,       /* damage in the container; reading stopped early */
	SL_EV_NOTE,          /* informational (e.g. a WARC record type ignored) */
	SL_EV_UNREADABLE,    /* a member or entry that could not be read (an I/O
	                        error, damaged data); reading goes on, but the
	                        snapshot was not read in full (exit status 2) */
};

/* MEMBER is the (possibly unnormalized) name concerned, or NULL for the
 * snapshot as a whole.  MSG is an English sentence without final period. */
typedef void (*sl_snapshot_event_fn)(void *ctx, enum sl_snapshot_event ev,
                                     const char *member, const char *msg);

struct sl_snapshot_opts {
	struct sl_limits limits;
	sl_snapshot_event_fn on_event;  /* may be NULL */
	void *event_ctx;
	const char *stdin_filename;     /* name for "-" (--stdin-filename) */
	FILE *stdin_stream;             /* defaults to stdin; tests set it */
};

struct sl_snapshot;

/* Opens ARG.  On success *OUT is a new snapshot the caller frees with
 * sl_snapshot_free().  Fails with SL_ERR_IO when ARG cannot be opened and
 * SL_ERR_FORMAT when it is nothing we can read. */
sl_status sl_snapshot_open(const char *arg, const struct sl_snapshot_opts *opts,
                           struct sl_snapshot **out, struct sl_err *err);

/* Reads the next member into *M (which the caller clears after use).
 * Returns SL_OK with M->path set, SL_OK with M->path NULL at the end, or
 * an error status (with ERR filled) when reading had to stop: the members
 * already returned stay valid and the caller should lint them and exit 2. */
sl_status sl_snapshot_next(struct sl_snapshot *s, struct sl_member *m,
                           struct sl_err *err);

enum sl_snapshot_kind sl_snapshot_kind(const struct sl_snapshot *s);

/* For a WARC: the host of the first HTML response (the site's own host),
 * or NULL.  For other kinds: NULL.  Valid until sl_snapshot_free(). */
const char *sl_snapshot_host(const struct sl_snapshot *s);

void sl_snapshot_free(struct sl_snapshot *s);

/* Normalizes an archive member name IN: converts '\' to '/', drops empty
 * and "." segments, refuses absolute names (leading '/', a drive letter
 * "C:") and any ".." that climbs above the root.  Returns a new string, or
 * NULL when the name is refused (REASON then says why). */
char *sl_path_normalize(const char *in, const char **reason);

#endif
