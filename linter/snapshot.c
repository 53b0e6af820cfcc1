/*
 * snapshot.c - opening a snapshot and the caps every kind shares.
 *
 * sl_snapshot_open() finds what the argument is by asking each backend
 * in a fixed order (directory, WARC, archive, single page) whether it
 * reads it; sl_snapshot_next() takes the backend's candidate members and
 * applies what does not depend on the container: duplicate paths, the
 * member count and the total byte caps.  libarchive is always driven
 * under a UTF-8 LC_CTYPE (uselocale), so member names come out as the
 * archive's bytes whatever the user's locale is.
 */
#include "snapshot_impl.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <archive_entry.h>

/* Probed in this order; the first that accepts the source reads it. */
static const struct sl_snapshot_backend *const backends[] = {
	&sl_snapshot_dir_backend,
	&sl_snapshot_warc_backend,
	&sl_snapshot_archive_backend,
	&sl_snapshot_file_backend,
};

/* --- the string table ------------------------------------------------ */

static uint64_t
hash_str(const char *s)
{
	uint64_t h = 14695981039346656037ull;   /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static size_t
map_slot(const struct sl_snapshot_map *mp, const char *key)
{
	size_t i = (size_t)hash_str(key) & (mp->cap - 1);
	while (mp->keys[i] != NULL && strcmp(mp->keys[i], key) != 0)
		i = (i + 1) & (mp->cap - 1);
	return i;
}

bool
sl_snapshot_map_find(const struct sl_snapshot_map *mp, const char *key, uint64_t *val)
{
	if (mp->cap == 0)
		return false;
	size_t i = map_slot(mp, key);
	if (mp->keys[i] == NULL)
		return false;
	if (val != NULL)
		*val = mp->vals[i];
	return true;
}

void
sl_snapshot_map_put(struct sl_snapshot_map *mp, const char *key, uint64_t val)
{
	/* Keep the load under 1/2 so probes stay short. */
	if ((mp->n + 1) * 2 > mp->cap) {
		struct sl_snapshot_map big = { NULL, NULL, 0, mp->cap ? mp->cap * 2 : 64 };
		big.keys = sl_calloc(big.cap, sizeof *big.keys);
		big.vals = sl_calloc(big.cap, sizeof *big.vals);
		for (size_t i = 0; i < mp->cap; i++) {
			if (mp->keys[i] == NULL)
				continue;
			size_t j = map_slot(&big, mp->keys[i]);
			big.keys[j] = mp->keys[i];
			big.vals[j] = mp->vals[i];
		}
		big.n = mp->n;
		free(mp->keys);
		free(mp->vals);
		*mp = big;
	}
	size_t i = map_slot(mp, key);
	if (mp->keys[i] == NULL) {
		mp->keys[i] = sl_strdup(key);
		mp->n++;
	}
	mp->vals[i] = val;
}

void
sl_snapshot_map_free(struct sl_snapshot_map *mp)
{
	for (size_t i = 0; i < mp->cap; i++)
		free(mp->keys[i]);
	free(mp->keys);
	free(mp->vals);
	memset(mp, 0, sizeof *mp);
}

/* --- helpers for the backends ---------------------------------------- */

void
sl_snapshot_emit(struct sl_snapshot *s, enum sl_snapshot_event ev,
                 const char *member, const char *fmt, ...)
{
	if (s->on_event == NULL)
		return;
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	s->on_event(s->event_ctx, ev, member, msg);
}

bool
sl_snapshot_seen(const struct sl_snapshot *s, const char *path)
{
	return sl_snapshot_map_find(&s->seen, path, NULL);
}

struct archive *
sl_snapshot_archive_open(const struct sl_source *src, bool raw, struct sl_err *err)
{
	struct archive *a = archive_read_new();
	if (a == NULL)
		sl_die_oom();
	archive_read_support_filter_all(a);
	if (raw) {
		archive_read_support_format_raw(a);
	} else {
		/* Every format but mtree (its entries name files on OUR disk
		 * whose contents it would read), raw and libarchive's WARC. */
		archive_read_support_format_7zip(a);
		archive_read_support_format_ar(a);
		archive_read_support_format_cab(a);
		archive_read_support_format_cpio(a);
		archive_read_support_format_empty(a);
		archive_read_support_format_iso9660(a);
		archive_read_support_format_lha(a);
		archive_read_support_format_rar(a);
		archive_read_support_format_rar5(a);
		archive_read_support_format_tar(a);
		archive_read_support_format_xar(a);
		archive_read_support_format_zip(a);
	}
	int r = src->path != NULL
	        ? archive_read_open_filename(a, src->path, 64 << 10)
	        : archive_read_open_memory(a, src->mem, src->mem_len);
	if (r != ARCHIVE_OK) {
		const char *e = archive_error_string(a);
		sl_err_set(err, SL_ERR_FORMAT, "%s", e ? e : "cannot be read");
		archive_read_free(a);
		return NULL;
	}
	return a;
}

int
sl_snapshot_archive_data(struct archive *a, uint64_t cap, struct sl_buf *out)
{
	sl_buf_reset(out);
	for (;;) {
		const void *buf;
		size_t size;
		la_int64_t off;
		int r = archive_read_data_block(a, &buf, &size, &off);
		if (r == ARCHIVE_EOF)
			return 0;
		if (r == ARCHIVE_FATAL)
			return -2;
		if (r != ARCHIVE_OK && r != ARCHIVE_WARN)
			return -1;
		if (off < 0 || (uint64_t)off > cap)
			return 1;
		/* A sparse hole before this block reads as zeros. */
		static const char zeros[4096];
		while ((uint64_t)off > out->len) {
			size_t z = (uint64_t)off - out->len;
			if (!sl_buf_append(out, zeros, z < sizeof zeros ? z : sizeof zeros))
				return 1;
		}
		if ((uint64_t)off < out->len)
			return -1;   /* overlapping blocks: not a sane entry */
		if (size > cap - out->len || !sl_buf_append(out, buf, size))
			return 1;
	}
}

/* --- opening ---------------------------------------------------------- */

/* Reads all of F into SRC's memory, at most CAP bytes. */
static sl_status
read_stream(FILE *f, uint64_t cap, struct sl_source *src, const char *name,
            struct sl_err *err)
{
	sl_status st = sl_read_capped(f, cap, name, "total size cap", &src->mem, &src->mem_len,
	                              err);
	if (st == SL_OK)
		src->is_stream = true;
	return st;
}

static void
apply_limits(struct sl_limits *l, const struct sl_limits *in)
{
	l->member_bytes = in && in->member_bytes ? in->member_bytes : SL_DEFAULT_MEMBER_BYTES;
	l->total_bytes = in && in->total_bytes ? in->total_bytes : SL_DEFAULT_TOTAL_BYTES;
	l->members = in && in->members ? in->members : SL_DEFAULT_MEMBERS;
}

/* Fills S->src from the argument: a path, or memory for "-" and pipes. */
static sl_status
open_source(struct sl_snapshot *s, const struct sl_snapshot_opts *opts,
            struct sl_err *err)
{
	if (strcmp(s->arg, "-") == 0) {
		FILE *in = opts && opts->stdin_stream ? opts->stdin_stream : stdin;
		return read_stream(in, s->lim.total_bytes, &s->src, s->display, err);
	}
	struct stat st;
	if (stat(s->arg, &st) != 0)
		return sl_err_set(err, SL_ERR_IO, "%s: %s", s->arg, strerror(errno));
	if (S_ISDIR(st.st_mode) || S_ISREG(st.st_mode)) {
		s->src.path = sl_strdup(s->arg);
		return SL_OK;
	}
	/* A pipe or a device cannot be read twice: read it once. */
	FILE *f = fopen(s->arg, "rb");
	if (f == NULL)
		return sl_err_set(err, SL_ERR_IO, "%s: %s", s->arg, strerror(errno));
	sl_status r = read_stream(f, s->lim.total_bytes, &s->src, s->display, err);
	fclose(f);
	s->src.is_stream = false;
	return r;
}

/* Says why no backend took the source: damage libarchive found while
 * decompressing (a cut .gz), or nothing we read. */
static sl_status
unreadable(const struct sl_snapshot *s, struct sl_err *err)
{
	struct sl_err e;
	struct archive *a = sl_snapshot_archive_open(&s->src, true, &e);
	if (a != NULL)
		archive_read_free(a);
	else if (strstr(e.msg, "Unrecognized") == NULL && strstr(e.msg, "empty") == NULL)
		return sl_err_set(err, SL_ERR_FORMAT, "%s: damaged: %s", s->display, e.msg);
	return sl_err_set(err, SL_ERR_FORMAT, "%s: not a directory, an archive, a WARC "
	                  "or an HTML file", s->display);
}

sl_status
sl_snapshot_open(const char *arg, const struct sl_snapshot_opts *opts,
                 struct sl_snapshot **out, struct sl_err *err)
{
	struct sl_snapshot *s = sl_calloc(1, sizeof *s);
	*out = NULL;
	s->arg = sl_strdup(arg);
	s->display = sl_strdup(strcmp(arg, "-") == 0 ? "standard input" : arg);
	apply_limits(&s->lim, opts ? &opts->limits : NULL);
	if (opts != NULL) {
		s->on_event = opts->on_event;
		s->event_ctx = opts->event_ctx;
		if (opts->stdin_filename != NULL)
			s->stdin_name = sl_strdup(opts->stdin_filename);
	}
	s->utf8_locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	if (s->utf8_locale == (locale_t)0)
		s->utf8_locale = newlocale(LC_CTYPE_MASK, "en_US.UTF-8", (locale_t)0);
	locale_t old = s->utf8_locale ? uselocale(s->utf8_locale) : (locale_t)0;

	sl_status st = open_source(s, opts, err);
	if (st != SL_OK)
		goto out;
	for (size_t i = 0; i < sizeof backends / sizeof backends[0]; i++) {
		if (backends[i]->probe(&s->src, s->arg)) {
			s->be = backends[i];
			break;
		}
	}
	if (s->be == NULL) {
		st = unreadable(s, err);
		goto out;
	}
	st = s->be->open(s, err);
out:
	if (old != (locale_t)0)
		uselocale(old);
	if (st != SL_OK) {
		sl_snapshot_free(s);
		return st;
	}
	*out = s;
	return SL_OK;
}

/* --- reading ---------------------------------------------------------- */

static sl_status
stop(struct sl_snapshot *s, sl_status st, const struct sl_err *err)
{
	s->stopped = true;
	s->stop_status = st;
	if (err != NULL)
		s->stop_err = *err;
	return st;
}

/* Applies the shared caps to the candidate M.  Returns 1 to yield it,
 * 0 to drop it and read on, -1 to stop reading. */
static int
admit(struct sl_snapshot *s, struct sl_member *m)
{
	if (sl_snapshot_seen(s, m->path)) {
		if (!s->be->quiet_duplicates)
			sl_snapshot_emit(s, SL_EV_DUPLICATE, m->path,
			                 "a member with this path was already read; the first is kept");
		return 0;
	}
	if (s->members >= s->lim.members) {
		sl_snapshot_emit(s, SL_EV_LIMIT, NULL, "more than %llu members; the rest "
		                 "of the snapshot is not read", (unsigned long long)s->lim.members);
		return -1;
	}
	if (m->len > s->lim.total_bytes - s->bytes) {
		sl_snapshot_emit(s, SL_EV_LIMIT, m->path, "the members read add up to more "
		                 "than %llu bytes; the rest of the snapshot is not read",
		                 (unsigned long long)s->lim.total_bytes);
		return -1;
	}
	sl_snapshot_map_put(&s->seen, m->path, 1);
	s->members++;
	s->bytes += m->len;
	return 1;
}

sl_status
sl_snapshot_next(struct sl_snapshot *s, struct sl_member *m, struct sl_err *err)
{
	memset(m, 0, sizeof *m);
	if (s->stopped) {
		if (s->stop_status != SL_OK && err != NULL)
			*err = s->stop_err;
		return s->stop_status;
	}
	locale_t old = s->utf8_locale ? uselocale(s->utf8_locale) : (locale_t)0;
	sl_status st;
	for (;;) {
		struct sl_err e = { "" };
		st = s->be->next(s, m, &e);
		if (st != SL_OK) {
			sl_member_clear(m);
			stop(s, st, &e);
			if (err != NULL)
				*err = e;
			break;
		}
		if (m->path == NULL) {
			stop(s, SL_OK, NULL);
			break;
		}
		int r = admit(s, m);
		if (r > 0)
			break;
		sl_member_clear(m);
		if (r < 0) {
			stop(s, SL_OK, NULL);
			break;
		}
	}
	if (old != (locale_t)0)
		uselocale(old);
	return st;
}

enum sl_snapshot_kind
sl_snapshot_kind(const struct sl_snapshot *s)
{
	return s->be->kind;
}

const char *
sl_snapshot_host(const struct sl_snapshot *s)
{
	return s->host;
}

void
sl_snapshot_free(struct sl_snapshot *s)
{
	if (s == NULL)
		return;
	locale_t old = s->utf8_locale ? uselocale(s->utf8_locale) : (locale_t)0;
	if (s->be != NULL)
		s->be->close(s);
	if (old != (locale_t)0)
		uselocale(old);
	if (s->utf8_locale != (locale_t)0)
		freelocale(s->utf8_locale);
	sl_snapshot_map_free(&s->seen);
	free(s->src.path);
	free(s->src.mem);
	free(s->arg);
	free(s->display);
	free(s->stdin_name);
	free(s->host);
	free(s);
}

void
sl_member_clear(struct sl_member *m)
{
	if (m == NULL)
		return;
	free(m->path);
	free(m->data);
	free(m->content_type);
	free(m->location);
	free(m->url);
	memset(m, 0, sizeof *m);
}
