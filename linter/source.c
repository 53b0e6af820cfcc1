/*
 * source.c - reading a snapshot's members again after the run (see
 * source.h).
 */
#include "source.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "decode.h"
#include "emit.h"
#include "util.h"

/* Reads the regular file PATH, at most CAP bytes, into M (data and len;
 * a NUL follows the bytes).  Returns false when it cannot. */
static bool
read_path(const char *path, uint64_t cap, struct sl_member *m)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	struct stat st;
	if (fd < 0)
		return false;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (uint64_t)st.st_size > cap) {
		close(fd);
		return false;
	}
	struct sl_buf b;
	sl_buf_init(&b, (size_t)cap);
	char chunk[64 << 10];
	bool ok = true;
	for (;;) {
		ssize_t got = read(fd, chunk, sizeof chunk);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0 || (got > 0 && !sl_buf_append(&b, chunk, (size_t)got))) {
			ok = false;
			break;
		}
		if (got == 0)
			break;
	}
	close(fd);
	if (ok) {
		m->data = (unsigned char *)sl_buf_steal(&b, &m->len);
		if (m->data == NULL)
			m->data = (unsigned char *)sl_strdup("");
		m->mtime = (int64_t)st.st_mtime;
	}
	sl_buf_free(&b);
	return ok;
}

static int
cmp_wanted(const void *key, const void *elem)
{
	return strcmp((const char *)key, *(const char *const *)elem);
}

/* Directory snapshots: open ROOT/MEMBER when its real path stays inside
 * ROOT's (a symlink leaving the snapshot is not followed). */
static bool
read_dir_member(const char *root_real, const char *root, const char *member,
                uint64_t cap, struct sl_member *m)
{
	char *path = sl_aprintf("%s/%s", root, member);
	char *real = realpath(path, NULL);
	size_t n = strlen(root_real);
	bool ok = real != NULL && strncmp(real, root_real, n) == 0 &&
	          (real[n] == '/' || strcmp(root_real, "/") == 0) &&
	          read_path(real, cap, m);
	free(real);
	free(path);
	return ok;
}

/* Streams the snapshot once, handing FN the wanted members not yet read
 * (DONE marks those). */
static void
stream_members(const struct sl_report *r, const char *const *wanted, size_t n,
               bool *done, const struct sl_limits *limits, sl_source_fn fn, void *ctx)
{
	struct sl_snapshot_opts so = { { 0, 0, 0 }, NULL, NULL, NULL, NULL };
	if (limits != NULL)
		so.limits = *limits;
	struct sl_snapshot *snap;
	struct sl_err err;
	if (sl_snapshot_open(r->path, &so, &snap, &err) != SL_OK)
		return;
	struct sl_member m;
	while (sl_snapshot_next(snap, &m, &err) == SL_OK && m.path != NULL) {
		const char *const *hit = bsearch(m.path, wanted, n, sizeof *wanted, cmp_wanted);
		if (hit != NULL && !done[hit - wanted]) {
			done[hit - wanted] = true;
			fn(ctx, &m);
		}
		sl_member_clear(&m);
	}
	sl_snapshot_free(snap);
}

size_t
sl_source_each(const struct sl_report *r, const char *const *wanted, size_t n,
               const struct sl_limits *limits, sl_source_fn fn, void *ctx)
{
	uint64_t cap = limits && limits->member_bytes ? limits->member_bytes
	                                              : SL_DEFAULT_MEMBER_BYTES;
	if (n == 0)
		return 0;
	if (strcmp(r->path, "-") == 0)
		return n;   /* standard input was read once */
	bool *done = sl_calloc(n, sizeof *done);
	struct stat st;
	bool is_dir = stat(r->path, &st) == 0 && S_ISDIR(st.st_mode);
	char *root_real = is_dir ? realpath(r->path, NULL) : NULL;
	for (size_t i = 0; i < n && (r->single_page || root_real != NULL); i++) {
		struct sl_member m;
		memset(&m, 0, sizeof m);
		bool ok = r->single_page ? read_path(r->path, cap, &m)
		                         : read_dir_member(root_real, r->path, wanted[i], cap, &m);
		if (!ok)
			continue;
		m.path = sl_strdup(wanted[i]);
		done[i] = true;
		fn(ctx, &m);
		sl_member_clear(&m);
		if (r->single_page)
			break;
	}
	free(root_real);
	size_t missing = 0;
	for (size_t i = 0; i < n; i++)
		missing += !done[i];
	/* Archives, WARCs, and directory members whose names are not their
	 * file names (GBK names are read as UTF-8): stream once more. */
	if (missing > 0 && !r->single_page) {
		stream_members(r, wanted, n, done, limits, fn, ctx);
		missing = 0;
		for (size_t i = 0; i < n; i++)
			missing += !done[i];
	}
	free(done);
	return missing;
}
