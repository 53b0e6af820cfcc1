/*
 * snapshot_archive.c - archives libarchive reads (tar and its compressed
 * forms, zip, 7z, cpio, iso, ...), members yielded in archive order.
 *
 * Links: a hard link or a symlink gets the bytes of the file it points
 * at.  We do not know while streaming which files later links will need,
 * and keeping every file's bytes would defeat the memory bound, so links
 * are collected during the first pass and resolved at the end: a second
 * pass over the archive reads each target once and yields its links (in
 * target order, then link order).  Links that leave the snapshot, point
 * at nothing or at a skipped member, or loop, are reported.
 */
#include "snapshot_impl.h"

#include <stdlib.h>
#include <string.h>

#include <archive_entry.h>

/* Most symlink-to-link hops followed before calling it a loop. */
#define MAX_HOPS 40
/* Consecutive unreadable headers tolerated before calling it damage. */
#define MAX_BAD_HEADERS 100

struct link {
	char *path;          /* the link member's path */
	char *raw;           /* its name in the archive, for messages */
	char *target;        /* normalized path it points at */
	int64_t mtime;
	uint64_t target_idx; /* index of the entry whose bytes it gets */
};

struct arc_state {
	struct archive *a;
	struct sl_buf buf;
	uint64_t idx;                  /* entries read in this pass */
	uint64_t files;                /* non-directory entries seen */
	char *last;                    /* last entry's path, for messages */
	struct sl_snapshot_map names;  /* path -> entry index << 1 | skipped */
	struct sl_snapshot_map linkmap;/* link path -> index in links */
	struct link *links;
	size_t nlinks, caplinks;
	int pass;                      /* 1 files, 2 links, 3 done */
	size_t *order;                 /* pass 2: resolved links by target */
	size_t norder, cur;
	unsigned char *tdata;          /* pass 2: the current target's bytes */
	size_t tlen;
	uint64_t tidx;
	bool have_target;
};

static bool
arc_probe(const struct sl_source *src, const char *arg)
{
	(void)arg;
	struct archive *a = sl_snapshot_archive_open(src, false, NULL);
	if (a == NULL)
		return false;
	struct archive_entry *e;
	int r = archive_read_next_header(a, &e);
	int fmt = archive_format(a);
	archive_read_free(a);
	/* A recognized format that fails at once is a damaged archive:
	 * reading it reports the damage.  The "empty" format is no archive. */
	return fmt != 0 && (fmt & ARCHIVE_FORMAT_BASE_MASK) != ARCHIVE_FORMAT_EMPTY &&
	       (r >= ARCHIVE_WARN || r == ARCHIVE_EOF || r == ARCHIVE_FATAL);
}

static sl_status
arc_open(struct sl_snapshot *s, struct sl_err *err)
{
	struct arc_state *st = sl_calloc(1, sizeof *st);
	s->state = st;
	sl_buf_init(&st->buf, 0);
	st->pass = 1;
	struct sl_err e;
	st->a = sl_snapshot_archive_open(&s->src, false, &e);
	if (st->a == NULL)
		return sl_err_set(err, SL_ERR_FORMAT, "%s: %s", s->display, e.msg);
	return SL_OK;
}

/* Reports damage that stops reading: an event naming MEMBER when the
 * damage is in or before it (it is lost), and ERR, "NAME: truncated or
 * damaged WHERE member 'MEMBER': why". */
static sl_status
damaged(struct sl_snapshot *s, struct arc_state *st, const char *where,
        const char *member, struct sl_err *err)
{
	const char *why = archive_error_string(st->a);
	if (why == NULL)
		why = "read error";
	/* Damage after a member leaves that member whole: name no member. */
	if (member != NULL && strcmp(where, "after") == 0)
		sl_snapshot_emit(s, SL_EV_DAMAGED, NULL, "after member '%s': %s", member, why);
	else
		sl_snapshot_emit(s, SL_EV_DAMAGED, member, "%s", why);
	st->pass = 3;
	if (member == NULL)
		return sl_err_set(err, SL_ERR_FORMAT, "%s: truncated or damaged: %s",
		                  s->display, why);
	return sl_err_set(err, SL_ERR_FORMAT, "%s: truncated or damaged %s member '%s': %s",
	                  s->display, where, member, why);
}

static void
add_link(struct arc_state *st, const char *path, const char *raw, char *target,
         int64_t mtime)
{
	if (st->nlinks == st->caplinks) {
		st->caplinks = st->caplinks ? st->caplinks * 2 : 16;
		st->links = sl_realloc(st->links, st->caplinks * sizeof *st->links);
	}
	struct link *l = &st->links[st->nlinks];
	l->path = sl_strdup(path);
	l->raw = sl_strdup(raw);
	l->target = target;
	l->mtime = mtime;
	l->target_idx = 0;
	sl_snapshot_map_put(&st->linkmap, path, st->nlinks);
	st->nlinks++;
}

/* Records the link entry E (member PATH, archive name RAW) for later. */
static void
take_link(struct sl_snapshot *s, struct arc_state *st, struct archive_entry *e,
          const char *path, const char *raw)
{
	const char *hard = archive_entry_hardlink(e);
	const char *to = hard ? hard : archive_entry_symlink(e);
	const char *why = NULL;
	char *target = NULL;
	if (to == NULL || *to == '\0') {
		sl_snapshot_emit(s, SL_EV_SKIPPED, raw, "link without a target; skipped");
		return;
	}
	if (hard != NULL) {
		char *u = sl_path_to_utf8(to, strlen(to));
		target = u ? sl_path_normalize(u, &why) : NULL;
		free(u);
	} else if (to[0] != '/') {
		/* A symlink's target is relative to the link's directory. */
		const char *slash = strrchr(path, '/');
		char *u = sl_path_to_utf8(to, strlen(to));
		char *joined = u == NULL ? NULL : slash == NULL ? sl_strdup(u)
		               : sl_aprintf("%.*s/%s", (int)(slash - path), path, u);
		target = joined ? sl_path_normalize(joined, &why) : NULL;
		free(u);
		free(joined);
	} else {
		why = "absolute link target";
	}
	if (target == NULL) {
		sl_snapshot_emit(s, SL_EV_UNSAFE_PATH, raw, "%s link to '%s' refused: %s",
		                 hard ? "hard" : "symbolic", to,
		                 why ? why : "target is neither UTF-8 nor GBK");
		return;
	}
	add_link(st, path, raw, target,
	         archive_entry_mtime_is_set(e) ? (int64_t)archive_entry_mtime(e) : 0);
}

/* Handles one non-directory entry.  Returns 1 when M was filled, 0 to go
 * on, or -1 after reporting damage (ERR filled). */
static int
take_entry(struct sl_snapshot *s, struct arc_state *st, struct archive_entry *e,
           struct sl_member *m, struct sl_err *err)
{
	const char *raw = archive_entry_pathname(e);
	if (raw == NULL) {
		sl_snapshot_emit(s, SL_EV_SKIPPED, NULL, "entry %llu has no usable name; skipped",
		                 (unsigned long long)st->idx);
		return 0;
	}
	const char *why = "name is neither UTF-8 nor GBK";
	char *name = sl_path_to_utf8(raw, strlen(raw));
	char *path = name ? sl_path_normalize(name, &why) : NULL;
	free(name);
	if (path == NULL) {
		sl_snapshot_emit(s, SL_EV_UNSAFE_PATH, raw, "%s; skipped", why);
		return 0;
	}
	free(st->last);
	st->last = sl_strdup(path);    /* for messages about what follows */
	int rc = 0;
	bool is_link = archive_entry_filetype(e) == AE_IFLNK ||
	               (archive_entry_hardlink(e) != NULL && archive_entry_size(e) <= 0);
	if (sl_snapshot_map_find(&st->names, path, NULL) ||
	    sl_snapshot_map_find(&st->linkmap, path, NULL)) {
		sl_snapshot_emit(s, SL_EV_DUPLICATE, path, "a member with this path was "
		                 "already read; the first is kept");
	} else if (is_link) {
		take_link(s, st, e, path, raw);
	} else if (archive_entry_filetype(e) != AE_IFREG) {
		sl_snapshot_emit(s, SL_EV_SKIPPED, path, "not a regular file; skipped");
	} else if (archive_entry_is_encrypted(e)) {
		sl_snapshot_emit(s, SL_EV_SKIPPED, path, "encrypted; skipped");
		sl_snapshot_map_put(&st->names, path, st->idx << 1 | 1);
	} else {
		/* A size in the header that is over the cap is enough to skip
		 * (no need to inflate it); one under it is not trusted: the
		 * bytes are counted as they come. */
		int r = archive_entry_size_is_set(e) &&
		        (uint64_t)archive_entry_size(e) > s->lim.member_bytes
		        ? 1 : sl_snapshot_archive_data(st->a, s->lim.member_bytes, &st->buf);
		if (r == -2) {
			damaged(s, st, "in", path, err);
			rc = -1;
		} else if (r != 0) {
			if (r > 0)
				sl_snapshot_emit(s, SL_EV_LIMIT, path, "larger than the member size "
				                 "cap (%llu bytes); skipped",
				                 (unsigned long long)s->lim.member_bytes);
			else
				sl_snapshot_emit(s, SL_EV_UNREADABLE, path, "cannot be read: %s",
				                 archive_error_string(st->a));
			sl_snapshot_map_put(&st->names, path, st->idx << 1 | 1);
		} else {
			sl_snapshot_map_put(&st->names, path, st->idx << 1);
			m->data = (unsigned char *)sl_buf_steal(&st->buf, &m->len);
			m->mtime = archive_entry_mtime_is_set(e) ? (int64_t)archive_entry_mtime(e) : 0;
			m->path = path;
			return 1;
		}
	}
	free(path);
	return rc;
}

struct by_target {
	uint64_t target_idx;
	size_t link;
};

/* Orders resolved links by target entry, then by their own order. */
static int
cmp_target(const void *a, const void *b)
{
	const struct by_target *x = a, *y = b;
	if (x->target_idx != y->target_idx)
		return x->target_idx < y->target_idx ? -1 : 1;
	return x->link < y->link ? -1 : x->link > y->link;
}

/* Resolves every link to the entry holding its bytes; reports the rest. */
static void
resolve_links(struct sl_snapshot *s, struct arc_state *st)
{
	struct by_target *bt = sl_malloc((st->nlinks ? st->nlinks : 1) * sizeof *bt);
	st->order = sl_malloc((st->nlinks ? st->nlinks : 1) * sizeof *st->order);
	for (size_t i = 0; i < st->nlinks; i++) {
		struct link *l = &st->links[i];
		const char *t = l->target;
		uint64_t v;
		int hops = 0;
		for (;;) {
			if (sl_snapshot_map_find(&st->names, t, &v)) {
				if (v & 1)
					sl_snapshot_emit(s, SL_EV_SKIPPED, l->raw, "links to '%s', which "
					                 "was skipped; skipped too", t);
				else {
					l->target_idx = v >> 1;
					bt[st->norder].target_idx = l->target_idx;
					bt[st->norder++].link = i;
				}
				break;
			}
			if (!sl_snapshot_map_find(&st->linkmap, t, &v) || ++hops > MAX_HOPS) {
				if (hops > MAX_HOPS)
					sl_snapshot_emit(s, SL_EV_SKIPPED, l->raw, "link loop (or a chain "
					                 "of more than %d links) through '%s'; skipped",
					                 MAX_HOPS, t);
				else
					sl_snapshot_emit(s, SL_EV_SKIPPED, l->raw, "links to '%s', which "
					                 "is not a file in the archive; skipped", t);
				break;
			}
			t = st->links[v].target;
		}
	}
	if (st->norder > 0)
		qsort(bt, st->norder, sizeof *bt, cmp_target);
	for (size_t i = 0; i < st->norder; i++)
		st->order[i] = bt[i].link;
	free(bt);
}

/* Pass 2: yields the next resolved link, reading targets in order. */
static sl_status
next_link(struct sl_snapshot *s, struct arc_state *st, struct sl_member *m,
          struct sl_err *err)
{
	if (st->cur >= st->norder) {
		st->pass = 3;
		return SL_OK;
	}
	struct link *l = &st->links[st->order[st->cur]];
	if (!st->have_target || st->tidx != l->target_idx) {
		struct archive_entry *e;
		while (st->idx < l->target_idx) {
			int r = archive_read_next_header(st->a, &e);
			if (r < ARCHIVE_FAILED || r == ARCHIVE_EOF)
				return damaged(s, st, "before", l->target, err);
			st->idx++;
		}
		free(st->tdata);
		st->tdata = NULL;
		int r = sl_snapshot_archive_data(st->a, s->lim.member_bytes, &st->buf);
		if (r != 0)
			return damaged(s, st, "in", l->target, err);
		st->tdata = (unsigned char *)sl_buf_steal(&st->buf, &st->tlen);
		st->tidx = l->target_idx;
		st->have_target = true;
	}
	m->path = sl_strdup(l->path);
	m->data = sl_malloc(st->tlen + 1);
	memcpy(m->data, st->tdata, st->tlen);
	m->data[st->tlen] = '\0';
	m->len = st->tlen;
	m->mtime = l->mtime;
	st->cur++;
	return SL_OK;
}

/* End of the first pass: resolve links and start the second, if any. */
static sl_status
start_links(struct sl_snapshot *s, struct arc_state *st, struct sl_err *err)
{
	resolve_links(s, st);
	st->pass = 3;
	if (st->norder == 0)
		return SL_OK;
	archive_read_free(st->a);
	struct sl_err e;
	st->a = sl_snapshot_archive_open(&s->src, false, &e);
	if (st->a == NULL)
		return sl_err_set(err, SL_ERR_IO, "%s: cannot be read again: %s", s->display, e.msg);
	st->idx = 0;
	st->pass = 2;
	return SL_OK;
}

static sl_status
arc_next(struct sl_snapshot *s, struct sl_member *m, struct sl_err *err)
{
	struct arc_state *st = s->state;
	int bad = 0;
	while (st->pass == 1) {
		struct archive_entry *e;
		int r = archive_read_next_header(st->a, &e);
		if (r == ARCHIVE_EOF) {
			sl_status x = start_links(s, st, err);
			if (x != SL_OK)
				return x;
			break;
		}
		/* ARCHIVE_RETRY (a header that failed its checks; libarchive
		 * looks for the next one) ranks above ARCHIVE_WARN but is no
		 * entry: E holds nothing usable. */
		bool bad_header = r == ARCHIVE_RETRY || r < ARCHIVE_WARN;
		if (r == ARCHIVE_FATAL || (bad_header && ++bad > MAX_BAD_HEADERS))
			return damaged(s, st, "after", st->last, err);
		st->idx++;
		if (bad_header) {
			if (bad == 1)   /* one message for a run of bad headers */
				sl_snapshot_emit(s, SL_EV_UNREADABLE, NULL, "entry %llu cannot be read: %s",
				                 (unsigned long long)st->idx, archive_error_string(st->a));
			continue;
		}
		bad = 0;
		if (archive_entry_filetype(e) == AE_IFDIR)
			continue;
		if (++st->files > 2 * s->lim.members + 1000) {
			sl_snapshot_emit(s, SL_EV_LIMIT, NULL, "more than %llu entries; the rest "
			                 "of the archive is not read",
			                 (unsigned long long)(2 * s->lim.members + 1000));
			st->pass = 3;
			return SL_OK;
		}
		int got = take_entry(s, st, e, m, err);
		if (got > 0)
			return SL_OK;
		if (got < 0)
			return SL_ERR_FORMAT;
	}
	if (st->pass == 2)
		return next_link(s, st, m, err);
	return SL_OK;
}

static void
arc_close(struct sl_snapshot *s)
{
	struct arc_state *st = s->state;
	if (st == NULL)
		return;
	if (st->a != NULL)
		archive_read_free(st->a);
	sl_buf_free(&st->buf);
	free(st->last);
	sl_snapshot_map_free(&st->names);
	sl_snapshot_map_free(&st->linkmap);
	for (size_t i = 0; i < st->nlinks; i++) {
		free(st->links[i].path);
		free(st->links[i].raw);
		free(st->links[i].target);
	}
	free(st->links);
	free(st->order);
	free(st->tdata);
	free(st);
	s->state = NULL;
}

const struct sl_snapshot_backend sl_snapshot_archive_backend = {
	SL_SNAP_ARCHIVE, false, arc_probe, arc_open, arc_next, arc_close,
};
