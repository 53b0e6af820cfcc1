/*
 * snapshot_impl.h - what the snapshot backends share (internal to
 * snapshot*.c and path.c; nothing outside the reader includes it).
 *
 * snapshot.c owns the dispatch: it finds the backend that accepts the
 * argument (a const table of struct sl_snapshot_backend, probed in
 * order), applies the caps every backend shares (member count, total
 * bytes, duplicate paths) and reports events.  A backend only produces
 * candidate members, one per call, in its own deterministic order.
 */
#ifndef SL_SNAPSHOT_IMPL_H
#define SL_SNAPSHOT_IMPL_H

#include <locale.h>
#include <stdbool.h>
#include <stdint.h>

#include <archive.h>

#include "snapshot.h"

/* Longest WARC or HTTP header block we accept. */
#define SL_SNAPSHOT_HEADER_MAX (64u << 10)
/* Longest member name (bytes) we accept. */
#define SL_SNAPSHOT_NAME_MAX 4096u

/* Where a snapshot's bytes come from: a file, or memory (standard input
 * and other streams are read into memory once, so they can be re-read). */
struct sl_source {
	char *path;              /* file system path, or NULL for memory */
	unsigned char *mem;      /* the whole input when path is NULL */
	size_t mem_len;
	bool is_stream;          /* "-" (or a pipe): a page gets stdin's name */
};

/* A string-keyed table (open addressing) of uint64_t values.  Keys are
 * copied.  Used for seen paths, link targets and WARC revisit lookups. */
struct sl_snapshot_map {
	char **keys;
	uint64_t *vals;
	size_t n, cap;
};

void sl_snapshot_map_free(struct sl_snapshot_map *mp);
/* Returns true and sets *VAL (when VAL is not NULL) if KEY is present. */
bool sl_snapshot_map_find(const struct sl_snapshot_map *mp, const char *key,
                          uint64_t *val);
/* Sets KEY to VAL, replacing an existing value. */
void sl_snapshot_map_put(struct sl_snapshot_map *mp, const char *key, uint64_t val);

struct sl_snapshot;

/* One kind of snapshot.  PROBE says whether the backend reads SRC (it
 * must not report events); OPEN sets s->state; NEXT fills M with the next
 * candidate member (M->path NULL at the end) or returns an error status
 * that stops reading; CLOSE frees s->state (called once, also after a
 * failed OPEN, with s->state possibly NULL). */
struct sl_snapshot_backend {
	enum sl_snapshot_kind kind;
	bool quiet_duplicates;   /* drop later duplicates without an event */
	bool (*probe)(const struct sl_source *src, const char *arg);
	sl_status (*open)(struct sl_snapshot *s, struct sl_err *err);
	sl_status (*next)(struct sl_snapshot *s, struct sl_member *m,
	                  struct sl_err *err);
	void (*close)(struct sl_snapshot *s);
};

extern const struct sl_snapshot_backend sl_snapshot_dir_backend;
extern const struct sl_snapshot_backend sl_snapshot_file_backend;
extern const struct sl_snapshot_backend sl_snapshot_archive_backend;
extern const struct sl_snapshot_backend sl_snapshot_warc_backend;

struct sl_snapshot {
	const struct sl_snapshot_backend *be;
	void *state;                 /* the backend's own */
	char *arg;                   /* the argument as given */
	char *display;               /* name used in messages */
	char *stdin_name;            /* page name for a stream */
	struct sl_source src;
	struct sl_limits lim;        /* with defaults applied */
	sl_snapshot_event_fn on_event;
	void *event_ctx;
	char *host;                  /* WARC: set by the backend */
	struct sl_snapshot_map seen; /* paths yielded so far */
	uint64_t members, bytes;
	bool stopped;
	sl_status stop_status;
	struct sl_err stop_err;
	locale_t utf8_locale;        /* libarchive runs under it, or 0 */
};

/* Reports an event (formatted message) to the caller's callback. */
void sl_snapshot_emit(struct sl_snapshot *s, enum sl_snapshot_event ev,
                      const char *member, const char *fmt, ...) SL_PRINTF(4, 5);

/* True when PATH was already yielded (a later one is a duplicate). */
bool sl_snapshot_seen(const struct sl_snapshot *s, const char *path);

/* A new libarchive reader over S's source: RAW selects the raw format
 * (decompression only, for WARC); otherwise the archive formats we read.
 * Returns NULL with ERR filled when the source cannot be opened. */
struct archive *sl_snapshot_archive_open(const struct sl_source *src, bool raw,
                                         struct sl_err *err);

/* Reads the current libarchive entry's data into OUT, at most CAP bytes
 * (sparse holes are filled with zeros, counted as data).  Returns 0 when
 * read, 1 when the entry is larger than CAP (the rest is left unread),
 * -1 when this entry failed (reading may go on) and -2 on a fatal error. */
int sl_snapshot_archive_data(struct archive *a, uint64_t cap, struct sl_buf *out);

/* Returns RAW as UTF-8: a copy when it is valid UTF-8, else its GB18030
 * (GBK) decoding, or NULL when it is neither.  The caller frees it. */
char *sl_path_to_utf8(const char *raw, size_t len);

/* True when the N bytes at P are valid UTF-8. */
bool sl_path_is_utf8(const char *p, size_t n);

/* Maps an http(s) URL to a member path "host/path": query and fragment
 * dropped, "/" and ".../" get "index.html", the path percent-decoded when
 * that gives UTF-8, the host lowercased, a default port dropped.  Returns
 * a new string, or NULL with *REASON set when the URL cannot be mapped.
 * When HOST_LEN is not NULL it receives the length of the host part. */
char *sl_path_from_url(const char *url, size_t *host_len, const char **reason);

#endif
