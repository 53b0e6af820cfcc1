/*
 * unpack.c - --unpack-to DIR (see unpack.h).
 *
 * DIR is made and resolved with realpath() first, so the path prefix has
 * no symlink and no "..".  The member part comes from the reader, which
 * normalized it; it is checked again here (relative, no "." or ".."
 * segment) before libarchive sees it.  libarchive's secure flags then
 * refuse ".." anywhere (NODOTDOT), any symlink on the way, including one
 * planted in DIR before the run (SYMLINKS), and an absolute name
 * (NOABSOLUTEPATHS) when DIR is inside the working directory, so that the
 * names can be relative to it; for a DIR elsewhere every name is
 * absolute and that one flag cannot be set.
 */
#include "unpack.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util.h"

struct sl_unpack {
	struct archive *disk;
	char *root;            /* DIR resolved, relative to the working
	                          directory when it is inside it */
	int flags;             /* archive_write_disk options */
	unsigned long written, failed;
	char first[512];       /* the first failure */
};

/* mkdir -p DIR. */
static bool
make_dirs(const char *dir)
{
	char *p = sl_strdup(dir);
	bool ok = true;
	for (char *s = p + 1; ok; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, 0755) != 0 && errno != EEXIST)
			ok = false;
		*s = c;
		if (c == '\0')
			break;
	}
	free(p);
	return ok;
}

static void
new_writer(struct sl_unpack *u)
{
	u->disk = archive_write_disk_new();
	if (u->disk == NULL)
		sl_die_oom();
	archive_write_disk_set_options(u->disk, u->flags);
}

sl_status
sl_unpack_new(const char *dir, struct sl_unpack **out, struct sl_err *err)
{
	*out = NULL;
	struct stat st;
	if (!make_dirs(dir) || stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
		return sl_err_set(err, SL_ERR_IO, "--unpack-to %s: cannot make the directory: %s",
		                  dir, strerror(errno ? errno : ENOTDIR));
	char *real = realpath(dir, NULL);
	if (real == NULL)
		return sl_err_set(err, SL_ERR_IO, "--unpack-to %s: %s", dir, strerror(errno));
	struct sl_unpack *u = sl_calloc(1, sizeof *u);
	u->flags = ARCHIVE_EXTRACT_TIME | ARCHIVE_EXTRACT_SECURE_NODOTDOT |
	           ARCHIVE_EXTRACT_SECURE_SYMLINKS;
	char *cwd = realpath(".", NULL);
	size_t n = cwd ? strlen(cwd) : 0;
	if (cwd != NULL && strncmp(real, cwd, n) == 0 && real[n] == '/' && n > 1) {
		u->root = sl_strdup(real + n + 1);
		u->flags |= ARCHIVE_EXTRACT_SECURE_NOABSOLUTEPATHS;
		free(real);
	} else {
		u->root = real;
	}
	free(cwd);
	new_writer(u);
	*out = u;
	return SL_OK;
}

static void
failed(struct sl_unpack *u, const char *member, const char *why)
{
	if (u->failed++ == 0)
		snprintf(u->first, sizeof u->first, "%s: %s", member, why);
}

/* Relative, no empty, "." or ".." segment. */
static bool
safe_member(const char *p)
{
	if (p[0] == '\0' || p[0] == '/')
		return false;
	for (const char *s = p; *s;) {
		size_t n = strcspn(s, "/");
		if (n == 0 || (n == 1 && s[0] == '.') || (n == 2 && s[0] == '.' && s[1] == '.'))
			return false;
		s += n;
		if (*s == '/')
			s++;
	}
	return true;
}

void
sl_unpack_member(struct sl_unpack *u, const struct sl_member *m)
{
	if (u == NULL)
		return;
	if (!safe_member(m->path)) {
		failed(u, m->path, "not a safe relative name");
		return;
	}
	char *path = sl_aprintf("%s/%s", u->root, m->path);
	struct archive_entry *e = archive_entry_new();
	if (e == NULL)
		sl_die_oom();
	archive_entry_set_pathname(e, path);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, 0644);
	archive_entry_set_size(e, (la_int64_t)m->len);
	int64_t t = m->warc_date ? m->warc_date : m->mtime;
	if (t > 0)
		archive_entry_set_mtime(e, (time_t)t, 0);
	int r = archive_write_header(u->disk, e);
	if (r == ARCHIVE_OK || r == ARCHIVE_WARN) {
		if (m->len > 0 && archive_write_data(u->disk, m->data, m->len) != (la_ssize_t)m->len)
			r = ARCHIVE_FAILED;
		int fr = archive_write_finish_entry(u->disk);
		if (r == ARCHIVE_OK)
			r = fr;
	}
	if (r == ARCHIVE_OK || r == ARCHIVE_WARN) {
		u->written++;
	} else {
		const char *why = archive_error_string(u->disk);
		failed(u, m->path, why ? why : "cannot be written");
		if (r == ARCHIVE_FATAL) {
			/* The writer is unusable after a fatal error: start anew. */
			archive_write_free(u->disk);
			new_writer(u);
		}
	}
	archive_entry_free(e);
	free(path);
}

unsigned long
sl_unpack_failed(const struct sl_unpack *u, const char **first)
{
	if (first != NULL)
		*first = u->first;
	return u->failed;
}

unsigned long
sl_unpack_written(const struct sl_unpack *u)
{
	return u->written;
}

void
sl_unpack_free(struct sl_unpack *u)
{
	if (u == NULL)
		return;
	if (u->disk != NULL) {
		archive_write_close(u->disk);
		archive_write_free(u->disk);
	}
	free(u->root);
	free(u);
}
