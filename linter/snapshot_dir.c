/*
 * snapshot_dir.c - snapshots on the file system: a directory tree (walked
 * iteratively, members yielded in byte order of their normalized path)
 * and a single page (a file, or standard input that is no archive).
 *
 * Symlinks are resolved with realpath(): a symlink to a file inside the
 * snapshot reads as that file; one to a directory inside it is not
 * walked (the walk reaches that directory by its real path anyway, so
 * symlink loops cannot make it go round); one that leaves the snapshot
 * is refused and reported.
 */
#include "snapshot_impl.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Reads the open regular file FD (SIZE bytes by fstat, a hint only) into
 * M, at most CAP bytes.  Returns 0 when read, 1 when larger than CAP and
 * -1 on a read error (errno set). */
static int
read_fd(int fd, uint64_t size, uint64_t cap, struct sl_member *m)
{
	/* The size is a hint: the file may grow or shrink while we read. */
	size_t alloc = (size_t)(size < cap ? size : cap) + 1;
	unsigned char *data = sl_malloc(alloc);
	size_t len = 0;
	for (;;) {
		if (len == alloc) {
			if (len > cap) {
				free(data);
				return 1;
			}
			uint64_t want = (uint64_t)alloc + alloc / 2 + 4096;
			alloc = (size_t)(want < cap + 1 ? want : cap + 1);
			data = sl_realloc(data, alloc);
		}
		ssize_t n = read(fd, data + len, alloc - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;
			free(data);
			errno = e;
			return -1;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	if (len > cap) {
		free(data);
		return 1;
	}
	/* Like every backend, leave a NUL after the bytes (not counted). */
	if (len == alloc)
		data = sl_realloc(data, len + 1);
	data[len] = '\0';
	m->data = data;
	m->len = len;
	return 0;
}

/* Reads the regular file PATH into M; reports a problem about MEMBER and
 * returns false when it cannot. */
static bool
read_file(struct sl_snapshot *s, const char *path, const char *member,
          struct sl_member *m)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0) {
		sl_snapshot_emit(s, SL_EV_UNREADABLE, member, "cannot be read: %s", strerror(errno));
		if (fd >= 0)
			close(fd);
		return false;
	}
	if (!S_ISREG(st.st_mode)) {
		sl_snapshot_emit(s, SL_EV_SKIPPED, member, "not a regular file");
		close(fd);
		return false;
	}
	int r = read_fd(fd, (uint64_t)st.st_size, s->lim.member_bytes, m);
	int e = errno;
	close(fd);
	if (r > 0)
		sl_snapshot_emit(s, SL_EV_LIMIT, member, "larger than the member size cap "
		                 "(%llu bytes); skipped", (unsigned long long)s->lim.member_bytes);
	else if (r < 0)
		sl_snapshot_emit(s, SL_EV_UNREADABLE, member, "cannot be read: %s", strerror(e));
	if (r == 0)
		m->mtime = (int64_t)st.st_mtime;
	return r == 0;
}

/* --- a directory ----------------------------------------------------- */

struct dir_file {
	char *path;   /* member path */
	char *fs;     /* where to read it */
};

struct dir_todo {
	char *fs;     /* the directory on disk */
	char *rel;    /* its path in the snapshot ("" for the root) */
};

struct dir_state {
	char *root;                   /* realpath of the root */
	struct dir_file *files;
	size_t n, cap, next;
	struct dir_todo *todo;        /* the walk's stack */
	size_t ntodo, captodo;
	struct sl_snapshot_map visited;   /* "dev:ino" of walked directories */
	bool truncated;               /* a directory listing was cut short */
};

static bool
dir_probe(const struct sl_source *src, const char *arg)
{
	struct stat st;
	(void)arg;
	return src->path != NULL && stat(src->path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
cmp_file(const void *a, const void *b)
{
	return strcmp(((const struct dir_file *)a)->path, ((const struct dir_file *)b)->path);
}

static bool
inside(const char *root, const char *real)
{
	size_t n = strlen(root);
	if (strcmp(root, "/") == 0)
		return true;
	return strncmp(real, root, n) == 0 && (real[n] == '\0' || real[n] == '/');
}

/* Marks the directory ST as walked; false when it already was. */
static bool
first_visit(struct dir_state *d, const struct stat *st)
{
	char key[64];
	snprintf(key, sizeof key, "%llu:%llu", (unsigned long long)st->st_dev,
	         (unsigned long long)st->st_ino);
	if (sl_snapshot_map_find(&d->visited, key, NULL))
		return false;
	sl_snapshot_map_put(&d->visited, key, 1);
	return true;
}

static void
push_dir(struct dir_state *d, const char *fs, const char *rel)
{
	if (d->ntodo == d->captodo) {
		d->captodo = d->captodo ? d->captodo * 2 : 16;
		d->todo = sl_realloc(d->todo, d->captodo * sizeof *d->todo);
	}
	d->todo[d->ntodo].fs = sl_strdup(fs);
	d->todo[d->ntodo].rel = sl_strdup(rel);
	d->ntodo++;
}

static void
add_file(struct sl_snapshot *s, struct dir_state *d, const char *fs, const char *rel)
{
	const char *why = "name is neither UTF-8 nor GBK";
	char *name = sl_path_to_utf8(rel, strlen(rel));
	char *path = name ? sl_path_normalize(name, &why) : NULL;
	free(name);
	if (path == NULL) {
		sl_snapshot_emit(s, SL_EV_UNSAFE_PATH, rel, "%s; skipped", why);
		return;
	}
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 64;
		d->files = sl_realloc(d->files, d->cap * sizeof *d->files);
	}
	d->files[d->n].path = path;
	d->files[d->n].fs = sl_strdup(fs);
	d->n++;
}

/* Handles the entry REL (on disk FS) of a directory being walked. */
static void
walk_entry(struct sl_snapshot *s, struct dir_state *d, const char *fs, const char *rel)
{
	struct stat st;
	if (lstat(fs, &st) != 0) {
		sl_snapshot_emit(s, SL_EV_UNREADABLE, rel, "cannot be read: %s", strerror(errno));
		return;
	}
	char *real = NULL;
	if (S_ISLNK(st.st_mode)) {
		real = realpath(fs, NULL);
		if (real == NULL) {
			sl_snapshot_emit(s, SL_EV_SKIPPED, rel, "symlink cannot be followed: %s",
			                 strerror(errno));
			return;
		}
		if (!inside(d->root, real) || stat(real, &st) != 0) {
			sl_snapshot_emit(s, SL_EV_UNSAFE_PATH, rel, "symlink leads out of the "
			                 "snapshot; not followed");
			free(real);
			return;
		}
		fs = real;
	}
	if (S_ISDIR(st.st_mode) && real != NULL) {
		/* Its real path is inside the root, so the walk reads its files
		 * under that path: following it would only duplicate them. */
		sl_snapshot_emit(s, SL_EV_NOTE, rel, "symlink to a directory of the snapshot; "
		                 "its files are read under their own path");
	} else if (S_ISDIR(st.st_mode)) {
		/* Only bind mounts can make a directory appear twice. */
		if (first_visit(d, &st))
			push_dir(d, fs, rel);
	} else if (S_ISREG(st.st_mode)) {
		add_file(s, d, fs, rel);
	} else {
		sl_snapshot_emit(s, SL_EV_SKIPPED, rel, "not a regular file");
	}
	free(real);
}

/* Lists directory T in byte order; returns the names (*COUNT of them). */
static char **
list_dir(struct sl_snapshot *s, struct dir_state *d, const struct dir_todo *t,
         size_t *count)
{
	DIR *dh = opendir(t->fs);
	if (dh == NULL) {
		sl_snapshot_emit(s, SL_EV_UNREADABLE, *t->rel ? t->rel : ".",
		                 "directory cannot be read: %s", strerror(errno));
		return NULL;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;
	while ((de = readdir(dh)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		/* More names than the count cap cannot all become members: the
		 * count cap (or dir_open) reports it. */
		if (n > s->lim.members) {
			d->truncated = true;
			break;
		}
		if (n + 1 >= cap) {
			cap = cap ? cap * 2 : 64;
			names = sl_realloc(names, cap * sizeof *names);
		}
		names[n++] = sl_strdup(de->d_name);
	}
	closedir(dh);
	if (n > 0)
		qsort(names, n, sizeof *names, cmp_str);
	*count = n;
	return names;
}

static void
walk_one(struct sl_snapshot *s, struct dir_state *d, struct dir_todo *t)
{
	size_t n = 0;
	char **names = list_dir(s, d, t, &n);
	size_t first = d->ntodo;
	for (size_t i = 0; i < n; i++) {
		char *fs = sl_aprintf("%s/%s", t->fs, names[i]);
		char *rel = *t->rel ? sl_aprintf("%s/%s", t->rel, names[i]) : sl_strdup(names[i]);
		if (strlen(rel) > SL_SNAPSHOT_NAME_MAX)
			sl_snapshot_emit(s, SL_EV_LIMIT, rel, "path longer than %u bytes; skipped",
			                 SL_SNAPSHOT_NAME_MAX);
		else if (d->n <= s->lim.members)
			walk_entry(s, d, fs, rel);
		free(fs);
		free(rel);
		free(names[i]);
	}
	free(names);
	/* Reverse the pushed subdirectories so they pop in sorted order. */
	for (size_t i = first, j = d->ntodo; i + 1 < j; i++, j--) {
		struct dir_todo tmp = d->todo[i];
		d->todo[i] = d->todo[j - 1];
		d->todo[j - 1] = tmp;
	}
}

static sl_status
dir_open(struct sl_snapshot *s, struct sl_err *err)
{
	struct dir_state *d = sl_calloc(1, sizeof *d);
	s->state = d;
	d->root = realpath(s->src.path, NULL);
	struct stat st;
	if (d->root == NULL || stat(d->root, &st) != 0)
		return sl_err_set(err, SL_ERR_IO, "%s: %s", s->display, strerror(errno));
	first_visit(d, &st);
	push_dir(d, d->root, "");
	/* Stop collecting one past the count cap: admit() reports it. */
	while (d->ntodo > 0 && d->n <= s->lim.members) {
		struct dir_todo t = d->todo[--d->ntodo];
		walk_one(s, d, &t);
		free(t.fs);
		free(t.rel);
	}
	if (d->truncated && d->n <= s->lim.members)
		sl_snapshot_emit(s, SL_EV_LIMIT, NULL, "a directory has more than %llu entries; "
		                 "not all of them were read", (unsigned long long)s->lim.members);
	if (d->n > 0)
		qsort(d->files, d->n, sizeof *d->files, cmp_file);
	return SL_OK;
}

static sl_status
dir_next(struct sl_snapshot *s, struct sl_member *m, struct sl_err *err)
{
	struct dir_state *d = s->state;
	(void)err;
	while (d->next < d->n) {
		struct dir_file *f = &d->files[d->next++];
		if (read_file(s, f->fs, f->path, m)) {
			m->path = f->path;
			f->path = NULL;
			return SL_OK;
		}
	}
	return SL_OK;
}

static void
dir_close(struct sl_snapshot *s)
{
	struct dir_state *d = s->state;
	if (d == NULL)
		return;
	for (size_t i = 0; i < d->n; i++) {
		free(d->files[i].path);
		free(d->files[i].fs);
	}
	for (size_t i = 0; i < d->ntodo; i++) {
		free(d->todo[i].fs);
		free(d->todo[i].rel);
	}
	free(d->files);
	free(d->todo);
	free(d->root);
	sl_snapshot_map_free(&d->visited);
	free(d);
	s->state = NULL;
}

const struct sl_snapshot_backend sl_snapshot_dir_backend = {
	SL_SNAP_DIR, false, dir_probe, dir_open, dir_next, dir_close,
};

/* --- a single page ----------------------------------------------------- */

static bool
has_page_ext(const char *arg)
{
	static const char *const exts[] = { ".html", ".htm", ".shtml", ".xhtml" };
	const char *dot = strrchr(arg, '.');
	if (dot == NULL || strchr(dot, '/') != NULL)
		return false;
	for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++)
		if (sl_ascii_ieq(dot, exts[i]))
			return true;
	return false;
}

/* HTML or text: a BOM, a '<' first, or no control bytes but whitespace. */
static bool
looks_like_text(const unsigned char *p, size_t n)
{
	if (n == 0)
		return false;
	if ((n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) ||
	    (n >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF))))
		return true;
	size_t i = 0;
	while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
		i++;
	if (i < n && p[i] == '<')
		return true;
	for (i = 0; i < n; i++) {
		unsigned char c = p[i];
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1B) ||
		    c == 0x7F)
			return false;
	}
	return true;
}

/* Starts like a compressed stream or an archive (gzip, bzip2, xz, zstd,
 * zip, 7z): one libarchive could not read is damaged, not a page. */
static bool
looks_packed(const unsigned char *p, size_t n)
{
	static const struct { const char *magic; size_t len; } m[] = {
		{ "\x1f\x8b", 2 }, { "BZh", 3 }, { "\xfd" "7zXZ\0", 6 },
		{ "\x28\xb5\x2f\xfd", 4 }, { "PK\x03\x04", 4 }, { "7z\xbc\xaf\x27\x1c", 6 },
	};
	for (size_t i = 0; i < sizeof m / sizeof m[0]; i++)
		if (n >= m[i].len && memcmp(p, m[i].magic, m[i].len) == 0)
			return true;
	return false;
}

static bool
file_probe(const struct sl_source *src, const char *arg)
{
	if (src->is_stream)   /* "-": whatever is no archive is a page */
		return !looks_packed(src->mem, src->mem_len);
	if (has_page_ext(arg))
		return true;
	if (src->path == NULL)
		return looks_like_text(src->mem, src->mem_len < 4096 ? src->mem_len : 4096);
	unsigned char head[4096];
	int fd = open(src->path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return false;
	ssize_t n = read(fd, head, sizeof head);
	close(fd);
	return n > 0 && looks_like_text(head, (size_t)n);
}

/* The member name of a single page. */
static char *
page_name(const struct sl_snapshot *s)
{
	const char *name = s->src.is_stream ? (s->stdin_name ? s->stdin_name : "stdin.html")
	                                    : s->arg;
	char *p = s->src.is_stream ? sl_path_normalize(name, NULL) : NULL;
	if (p != NULL)
		return p;
	/* An absolute or climbing --stdin-filename, or a file: its basename. */
	size_t n = strlen(name);
	while (n > 1 && name[n - 1] == '/')
		n--;
	size_t b = n;
	while (b > 0 && name[b - 1] != '/')
		b--;
	char *base = sl_strndup(name + b, n - b);
	p = sl_path_normalize(base, NULL);
	free(base);
	return p ? p : sl_strdup("stdin.html");
}

static sl_status
file_open(struct sl_snapshot *s, struct sl_err *err)
{
	(void)s;
	(void)err;
	return SL_OK;
}

static sl_status
file_next(struct sl_snapshot *s, struct sl_member *m, struct sl_err *err)
{
	(void)err;
	if (s->state != NULL)
		return SL_OK;
	s->state = s;     /* marks the one page as done */
	char *name = page_name(s);
	if (s->src.path != NULL) {
		if (!read_file(s, s->src.path, name, m)) {
			free(name);
			return SL_OK;
		}
	} else if (s->src.mem_len > s->lim.member_bytes) {
		sl_snapshot_emit(s, SL_EV_LIMIT, name, "larger than the member size cap "
		                 "(%llu bytes); skipped", (unsigned long long)s->lim.member_bytes);
		free(name);
		return SL_OK;
	} else {
		m->data = s->src.mem;
		m->len = s->src.mem_len;
		s->src.mem = NULL;
		s->src.mem_len = 0;
	}
	m->path = name;
	return SL_OK;
}

static void
file_close(struct sl_snapshot *s)
{
	s->state = NULL;
}

const struct sl_snapshot_backend sl_snapshot_file_backend = {
	SL_SNAP_FILE, false, file_probe, file_open, file_next, file_close,
};
