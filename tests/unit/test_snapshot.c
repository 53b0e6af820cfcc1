/*
 * test_snapshot.c - directories, single pages, standard input and
 * archives: order, names, links, caps, damage.  Every archive is built
 * here, in a temporary directory, with libarchive's writer.
 */
#define _XOPEN_SOURCE 700     /* nftw() for the clean-up */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

#include "snapshot.h"

static char tmpdir[64];

/* --- what a read produced ----------------------------------------------- */

struct event {
	enum sl_snapshot_event ev;
	char *member;
	char *msg;
};

struct result {
	sl_status open_st, st, again;
	struct sl_err err;
	enum sl_snapshot_kind kind;
	struct sl_member *m;
	size_t n, cap;
	struct event *ev;
	size_t nev, capev;
};

static void
on_event(void *ctx, enum sl_snapshot_event ev, const char *member, const char *msg)
{
	struct result *r = ctx;
	if (r->nev == r->capev) {
		r->capev = r->capev ? r->capev * 2 : 16;
		r->ev = realloc(r->ev, r->capev * sizeof *r->ev);
	}
	r->ev[r->nev].ev = ev;
	r->ev[r->nev].member = member ? strdup(member) : NULL;
	r->ev[r->nev].msg = strdup(msg);
	r->nev++;
}

/* Opens ARG and reads every member into R. */
static void
read_snap(const char *arg, const struct sl_limits *lim, FILE *in, const char *stdin_name,
          struct result *r)
{
	memset(r, 0, sizeof *r);
	struct sl_snapshot_opts o;
	memset(&o, 0, sizeof o);
	if (lim != NULL)
		o.limits = *lim;
	o.on_event = on_event;
	o.event_ctx = r;
	o.stdin_stream = in;
	o.stdin_filename = stdin_name;
	struct sl_snapshot *s = NULL;
	r->open_st = sl_snapshot_open(arg, &o, &s, &r->err);
	if (r->open_st != SL_OK) {
		assert_null(s);
		return;
	}
	r->kind = sl_snapshot_kind(s);
	assert_null(sl_snapshot_host(s));
	for (;;) {
		struct sl_member m;
		r->st = sl_snapshot_next(s, &m, &r->err);
		if (r->st != SL_OK || m.path == NULL) {
			assert_null(m.path);
			break;
		}
		assert_non_null(m.data);
		assert_int_equal(m.data[m.len], '\0');
		assert_int_equal(m.http_status, 0);
		if (r->n == r->cap) {
			r->cap = r->cap ? r->cap * 2 : 16;
			r->m = realloc(r->m, r->cap * sizeof *r->m);
		}
		r->m[r->n++] = m;
	}
	/* Reading on after the end (or an error) gives the same answer. */
	struct sl_member m;
	struct sl_err e2;
	r->again = sl_snapshot_next(s, &m, &e2);
	assert_null(m.path);
	assert_int_equal(r->again, r->st);
	sl_snapshot_free(s);
}

static void
result_free(struct result *r)
{
	for (size_t i = 0; i < r->n; i++)
		sl_member_clear(&r->m[i]);
	for (size_t i = 0; i < r->nev; i++) {
		free(r->ev[i].member);
		free(r->ev[i].msg);
	}
	free(r->m);
	free(r->ev);
	memset(r, 0, sizeof *r);
}

static const struct sl_member *
member(const struct result *r, const char *path)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->m[i].path, path) == 0)
			return &r->m[i];
	return NULL;
}

/* Events of kind EV (about MEMBER when not NULL). */
static size_t
events(const struct result *r, enum sl_snapshot_event ev, const char *memb)
{
	size_t n = 0;
	for (size_t i = 0; i < r->nev; i++)
		if (r->ev[i].ev == ev && (memb == NULL ||
		                          (r->ev[i].member && strcmp(r->ev[i].member, memb) == 0)))
			n++;
	return n;
}

static void
assert_member(const struct result *r, const char *path, const char *data)
{
	const struct sl_member *m = member(r, path);
	if (m == NULL)
		fail_msg("member '%s' missing", path);
	assert_int_equal(m->len, strlen(data));
	assert_memory_equal(m->data, data, m->len);
}

static void
assert_order(const struct result *r, const char *const *paths, size_t n)
{
	assert_int_equal(r->n, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(r->m[i].path, paths[i]);
}

/* --- files ----------------------------------------------------------------- */

static char *
tpath(const char *name)
{
	size_t n = strlen(tmpdir) + strlen(name) + 2;
	char *p = malloc(n);
	snprintf(p, n, "%s/%s", tmpdir, name);
	return p;
}

static void
put_file(const char *path, const void *data, size_t len, time_t mtime)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	if (mtime != 0) {
		struct timeval tv[2] = { { mtime, 0 }, { mtime, 0 } };
		assert_int_equal(utimes(path, tv), 0);
	}
}

static unsigned char *
get_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	unsigned char *p = malloc((size_t)n + 1);
	assert_int_equal(fread(p, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return p;
}

/* Pseudo-random bytes (not compressible), the same every run. */
static void
fill_random(unsigned char *p, size_t n, uint32_t seed)
{
	for (size_t i = 0; i < n; i++) {
		seed = seed * 1103515245u + 12345u;
		p[i] = (unsigned char)(seed >> 16);
	}
}

/* --- archives -------------------------------------------------------------- */

struct ent {
	char type;          /* 'f' file, 'd' directory, 'l' symlink, 'h' hard link */
	const char *name;
	const char *data;   /* contents, or the link target */
	time_t mtime;
};

static struct archive *
writer(const char *path, const char *format, const char *filter)
{
	struct archive *a = archive_write_new();
	assert_int_equal(archive_write_set_format_by_name(a, format), ARCHIVE_OK);
	if (filter != NULL)
		assert_int_equal(archive_write_add_filter_by_name(a, filter), ARCHIVE_OK);
	assert_int_equal(archive_write_open_filename(a, path), ARCHIVE_OK);
	return a;
}

static void
write_entries(struct archive *a, const struct ent *e, size_t n)
{
	struct archive_entry *ae = archive_entry_new();
	for (size_t i = 0; i < n; i++) {
		archive_entry_clear(ae);
		archive_entry_copy_pathname(ae, e[i].name);
		archive_entry_set_perm(ae, 0644);
		archive_entry_set_mtime(ae, e[i].mtime, 0);
		size_t len = 0;
		switch (e[i].type) {
		case 'f':
			len = strlen(e[i].data);
			archive_entry_set_filetype(ae, AE_IFREG);
			archive_entry_set_size(ae, (la_int64_t)len);
			break;
		case 'd':
			archive_entry_set_filetype(ae, AE_IFDIR);
			archive_entry_set_perm(ae, 0755);
			archive_entry_set_size(ae, 0);
			break;
		case 'l':
			archive_entry_set_filetype(ae, AE_IFLNK);
			archive_entry_copy_symlink(ae, e[i].data);
			break;
		case 'h':
			archive_entry_set_filetype(ae, AE_IFREG);
			archive_entry_copy_hardlink(ae, e[i].data);
			archive_entry_set_size(ae, 0);
			break;
		}
		int r = archive_write_header(a, ae);
		if (r < ARCHIVE_WARN)
			fail_msg("%s: %s", e[i].name, archive_error_string(a));
		if (len > 0)
			assert_int_equal(archive_write_data(a, e[i].data, len), (la_ssize_t)len);
	}
	archive_entry_free(ae);
}

static void
close_writer(struct archive *a)
{
	assert_int_equal(archive_write_close(a), ARCHIVE_OK);
	archive_write_free(a);
}

/* Writes an archive with UTF-8 names (libarchive's writers go through the
 * locale, so they run under a UTF-8 one; the reader must not need it). */
static void
make_archive(const char *path, const char *format, const char *filter,
             const struct ent *e, size_t n)
{
	locale_t loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	locale_t old = loc ? uselocale(loc) : (locale_t)0;
	struct archive *a = writer(path, format, filter);
	write_entries(a, e, n);
	close_writer(a);
	if (loc) {
		uselocale(old);
		freelocale(loc);
	}
}

#define N(a) (sizeof a / sizeof a[0])

/* --- directories ------------------------------------------------------------ */

static void
test_dir_sorted(void **state)
{
	(void)state;
	char *root = tpath("sorted");
	assert_int_equal(mkdir(root, 0755), 0);
	static const char *const files[] = {
		"b.html", "a.html", "a/x.html", "a.b/y.html", "Z.html", "a/sub/deep.htm",
		"\xe9\x80\x9a\xe7\x9f\xa5/index.html",
	};
	static const char *const dirs[] = {
		"a", "a.b", "a/sub", "\xe9\x80\x9a\xe7\x9f\xa5", "empty",
	};
	char buf[512];
	for (size_t i = 0; i < N(dirs); i++) {
		snprintf(buf, sizeof buf, "%s/%s", root, dirs[i]);
		assert_int_equal(mkdir(buf, 0755), 0);
	}
	for (size_t i = 0; i < N(files); i++) {
		snprintf(buf, sizeof buf, "%s/%s", root, files[i]);
		put_file(buf, files[i], strlen(files[i]), 1000000000 + (time_t)i);
	}
	struct result r;
	read_snap(root, NULL, NULL, NULL, &r);
	assert_int_equal(r.open_st, SL_OK);
	assert_int_equal(r.st, SL_OK);
	assert_int_equal(r.kind, SL_SNAP_DIR);
	/* Byte order of the whole path: '.' (2E) sorts before '/' (2F). */
	static const char *const want[] = {
		"Z.html", "a.b/y.html", "a.html", "a/sub/deep.htm", "a/x.html", "b.html",
		"\xe9\x80\x9a\xe7\x9f\xa5/index.html",
	};
	assert_order(&r, want, N(want));
	for (size_t i = 0; i < N(files); i++) {
		assert_member(&r, files[i], files[i]);
		assert_int_equal(member(&r, files[i])->mtime, 1000000000 + (int64_t)i);
	}
	assert_int_equal(r.nev, 0);
	result_free(&r);
	/* Same input, same order. */
	read_snap(root, NULL, NULL, NULL, &r);
	assert_order(&r, want, N(want));
	result_free(&r);
	free(root);
}

static void
test_dir_symlinks(void **state)
{
	(void)state;
	char *root = tpath("links");
	char *outside = tpath("outside.html");
	char buf[512];
	assert_int_equal(mkdir(root, 0755), 0);
	put_file(outside, "secret", 6, 0);
	snprintf(buf, sizeof buf, "%s/sub", root);
	assert_int_equal(mkdir(buf, 0755), 0);
	snprintf(buf, sizeof buf, "%s/a.html", root);
	put_file(buf, "AAA", 3, 0);
	snprintf(buf, sizeof buf, "%s/sub/b.html", root);
	put_file(buf, "BBB", 3, 0);
	static const struct { const char *name, *target; } links[] = {
		{ "in.html", "a.html" },            /* a file inside: read as it */
		{ "sub/up.html", "../a.html" },
		{ "out.html", "../outside.html" },  /* leaves the snapshot */
		{ "abs.html", "/etc/passwd" },
		{ "dangling.html", "nowhere.html" },
		{ "loop", "." },                    /* directory loops */
		{ "sub/up", ".." },
		{ "alias", "sub" },                 /* a directory inside */
		{ "self.html", "self.html" },       /* ELOOP */
	};
	for (size_t i = 0; i < N(links); i++) {
		snprintf(buf, sizeof buf, "%s/%s", root, links[i].name);
		assert_int_equal(symlink(links[i].target, buf), 0);
	}
	snprintf(buf, sizeof buf, "%s/pipe", root);
	assert_int_equal(mkfifo(buf, 0644), 0);
	snprintf(buf, sizeof buf, "%s/locked.html", root);
	put_file(buf, "x", 1, 0);
	bool can_lock = geteuid() != 0;   /* root reads anything */
	if (can_lock)
		assert_int_equal(chmod(buf, 0), 0);

	struct result r;
	read_snap(root, NULL, NULL, NULL, &r);
	assert_int_equal(r.st, SL_OK);
	static const char *const want_root[] = {
		"a.html", "in.html", "locked.html", "sub/b.html", "sub/up.html",
	};
	static const char *const want_user[] = {
		"a.html", "in.html", "sub/b.html", "sub/up.html",
	};
	if (can_lock) {
		assert_order(&r, want_user, N(want_user));
		assert_int_equal(events(&r, SL_EV_UNREADABLE, "locked.html"), 1);
	} else {
		assert_order(&r, want_root, N(want_root));
	}
	assert_member(&r, "in.html", "AAA");
	assert_member(&r, "sub/up.html", "AAA");
	assert_int_equal(events(&r, SL_EV_UNSAFE_PATH, "out.html"), 1);
	assert_int_equal(events(&r, SL_EV_UNSAFE_PATH, "abs.html"), 1);
	assert_int_equal(events(&r, SL_EV_SKIPPED, "dangling.html"), 1);
	assert_int_equal(events(&r, SL_EV_SKIPPED, "self.html"), 1);
	assert_int_equal(events(&r, SL_EV_SKIPPED, "pipe"), 1);
	for (size_t i = 0; i < r.nev; i++)
		assert_null(strstr(r.ev[i].msg, "secret"));
	result_free(&r);
	free(root);
	free(outside);
}

static void
test_dir_member_cap(void **state)
{
	(void)state;
	char *root = tpath("capped");
	char buf[512];
	assert_int_equal(mkdir(root, 0755), 0);
	unsigned char big[5000];
	memset(big, 'x', sizeof big);
	snprintf(buf, sizeof buf, "%s/big.html", root);
	put_file(buf, big, sizeof big, 0);
	snprintf(buf, sizeof buf, "%s/exact.html", root);
	put_file(buf, big, 4096, 0);
	snprintf(buf, sizeof buf, "%s/small.html", root);
	put_file(buf, "ok", 2, 0);
	struct sl_limits lim = { 4096, 0, 0 };
	struct result r;
	read_snap(root, &lim, NULL, NULL, &r);
	static const char *const want[] = { "exact.html", "small.html" };
	assert_order(&r, want, N(want));
	assert_int_equal(r.m[0].len, 4096);
	assert_int_equal(events(&r, SL_EV_LIMIT, "big.html"), 1);
	result_free(&r);

	/* The total cap stops reading: the first member that would pass it
	 * is not yielded, nor anything after it. */
	struct sl_limits tot = { 0, 4097, 0 };
	read_snap(root, &tot, NULL, NULL, &r);
	assert_int_equal(r.st, SL_OK);
	assert_int_equal(r.n, 0);    /* big.html alone is over */
	assert_int_equal(events(&r, SL_EV_LIMIT, NULL), 1);
	result_free(&r);
	struct sl_limits tot2 = { 4096, 4097, 0 };
	read_snap(root, &tot2, NULL, NULL, &r);
	static const char *const want2[] = { "exact.html" };
	assert_order(&r, want2, N(want2));
	assert_int_equal(events(&r, SL_EV_LIMIT, "small.html"), 1);
	result_free(&r);

	/* The member count cap. */
	struct sl_limits cnt = { 0, 0, 1 };
	read_snap(root, &cnt, NULL, NULL, &r);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.m[0].path, "big.html");
	assert_int_equal(events(&r, SL_EV_LIMIT, NULL), 1);
	result_free(&r);
	free(root);
}

/* --- single pages and standard input ---------------------------------------- */

static void
test_single_file(void **state)
{
	(void)state;
	char *page = tpath("page.htm");
	put_file(page, "<p>hi</p>", 9, 1234567890);
	struct result r;
	read_snap(page, NULL, NULL, NULL, &r);
	assert_int_equal(r.open_st, SL_OK);
	assert_int_equal(r.kind, SL_SNAP_FILE);
	static const char *const want[] = { "page.htm" };
	assert_order(&r, want, 1);
	assert_member(&r, "page.htm", "<p>hi</p>");
	assert_int_equal(r.m[0].mtime, 1234567890);
	result_free(&r);

	/* No extension, but text: a page too. */
	char *text = tpath("README");
	put_file(text, "\xe6\x96\x87\xe6\x9c\xac\n", 7, 0);
	read_snap(text, NULL, NULL, NULL, &r);
	assert_int_equal(r.kind, SL_SNAP_FILE);
	assert_member(&r, "README", "\xe6\x96\x87\xe6\x9c\xac\n");
	result_free(&r);

	/* An empty .html file is an empty page. */
	char *empty = tpath("empty.html");
	put_file(empty, "", 0, 0);
	read_snap(empty, NULL, NULL, NULL, &r);
	assert_int_equal(r.kind, SL_SNAP_FILE);
	assert_member(&r, "empty.html", "");
	result_free(&r);
	free(page);
	free(text);
	free(empty);
}

static void
test_not_a_snapshot(void **state)
{
	(void)state;
	unsigned char junk[4096];
	fill_random(junk, sizeof junk, 7);
	char *bin = tpath("random.bin");
	put_file(bin, junk, sizeof junk, 0);
	struct result r;
	read_snap(bin, NULL, NULL, NULL, &r);
	assert_int_equal(r.open_st, SL_ERR_FORMAT);
	assert_non_null(strstr(r.err.msg, "random.bin"));
	result_free(&r);
	/* Empty, with no page extension: nothing we read. */
	char *empty = tpath("empty.dat");
	put_file(empty, "", 0, 0);
	read_snap(empty, NULL, NULL, NULL, &r);
	assert_int_equal(r.open_st, SL_ERR_FORMAT);
	result_free(&r);
	char *missing = tpath("no-such-file");
	read_snap(missing, NULL, NULL, NULL, &r);
	assert_int_equal(r.open_st, SL_ERR_IO);
	assert_non_null(strstr(r.err.msg, "no-such-file"));
	result_free(&r);
	free(bin);
	free(empty);
	free(missing);
}

static void
test_stdin_page(void **state)
{
	(void)state;
	static const struct { const char *name, *want; } cases[] = {
		{ NULL, "stdin.html" },
		{ "sub/page.html", "sub/page.html" },
		{ "./sub\\page.html", "sub/page.html" },
		{ "/home/u/site/abs.html", "abs.html" },
		{ "../up.html", "up.html" },
	};
	for (size_t i = 0; i < N(cases); i++) {
		char text[] = "<title>t</title>";
		FILE *in = fmemopen(text, strlen(text), "r");
		struct result r;
		read_snap("-", NULL, in, cases[i].name, &r);
		fclose(in);
		assert_int_equal(r.open_st, SL_OK);
		assert_int_equal(r.kind, SL_SNAP_FILE);
		static const char *want[1];
		want[0] = cases[i].want;
		assert_order(&r, want, 1);
		assert_member(&r, cases[i].want, text);
		result_free(&r);
	}
	/* Binary bytes on stdin are still a page ("-" has no other kind). */
	unsigned char junk[100];
	fill_random(junk, sizeof junk, 3);
	FILE *in = fmemopen(junk, sizeof junk, "r");
	struct result r;
	read_snap("-", NULL, in, NULL, &r);
	fclose(in);
	assert_int_equal(r.kind, SL_SNAP_FILE);
	assert_int_equal(r.n, 1);
	assert_memory_equal(r.m[0].data, junk, sizeof junk);
	result_free(&r);
	/* Over the total cap: refused at open. */
	char text[] = "0123456789";
	in = fmemopen(text, 10, "r");
	struct sl_limits lim = { 0, 5, 0 };
	read_snap("-", &lim, in, NULL, &r);
	fclose(in);
	assert_int_equal(r.open_st, SL_ERR_LIMIT);
	result_free(&r);
}

static void
test_stdin_archive(void **state)
{
	(void)state;
	char *tgz = tpath("stdin.tar.gz");
	static const struct ent e[] = {
		{ 'f', "index.html", "<p>home</p>", 1500000000 },
		{ 'f', "col/a.html", "<p>a</p>", 1500000001 },
	};
	make_archive(tgz, "paxr", "gzip", e, N(e));
	size_t len;
	unsigned char *bytes = get_file(tgz, &len);
	FILE *in = fmemopen(bytes, len, "r");
	struct result r;
	read_snap("-", NULL, in, "ignored.html", &r);
	fclose(in);
	assert_int_equal(r.open_st, SL_OK);
	assert_int_equal(r.kind, SL_SNAP_ARCHIVE);
	static const char *const want[] = { "index.html", "col/a.html" };
	assert_order(&r, want, N(want));
	assert_member(&r, "col/a.html", "<p>a</p>");
	assert_int_equal(r.m[1].mtime, 1500000001);
	result_free(&r);
	free(bytes);
	free(tgz);
}

/* --- archives --------------------------------------------------------------- */

static void
test_formats(void **state)
{
	(void)state;
	static const struct { const char *format, *filter, *file; } formats[] = {
		{ "paxr", NULL, "f.tar" }, { "paxr", "gzip", "f.tar.gz" },
		{ "paxr", "bzip2", "f.tar.bz2" }, { "paxr", "xz", "f.tar.xz" },
		{ "paxr", "zstd", "f.tar.zst" }, { "gnutar", "gzip", "f.gnu.tgz" },
		{ "zip", NULL, "f.zip" }, { "7zip", NULL, "f.7z" },
		{ "newc", NULL, "f.cpio" }, { "iso9660", NULL, "f.iso" },
	};
	static const struct ent e[] = {
		{ 'd', "col", NULL, 1500000000 },
		{ 'f', "index.html", "<title>home</title>", 1500000000 },
		{ 'f', "col/a.html", "<p>a</p>", 1500000100 },
		{ 'f', "\xe9\x80\x9a\xe7\x9f\xa5/\xe5\x85\xac\xe5\x91\x8a.html", "notice", 1500000200 },
		{ 'f', "zero.doc", "", 1500000300 },
	};
	for (size_t i = 0; i < N(formats); i++) {
		char *path = tpath(formats[i].file);
		make_archive(path, formats[i].format, formats[i].filter, e, N(e));
		struct result r;
		read_snap(path, NULL, NULL, NULL, &r);
		if (r.open_st != SL_OK || r.st != SL_OK)
			fail_msg("%s: %s", formats[i].file, r.err.msg);
		assert_int_equal(r.kind, SL_SNAP_ARCHIVE);
		assert_int_equal(r.n, 4);
		for (size_t k = 1; k < N(e); k++) {
			assert_member(&r, e[k].name, e[k].data);
			assert_int_equal(member(&r, e[k].name)->mtime, e[k].mtime);
		}
		/* Archive order, except iso9660 which sorts its directory. */
		if (strcmp(formats[i].format, "iso9660") != 0)
			assert_string_equal(r.m[0].path, "index.html");
		assert_int_equal(r.nev, 0);
		result_free(&r);
		free(path);
	}
}

static void
test_empty_archives(void **state)
{
	(void)state;
	static const struct { const char *format, *filter, *file; } formats[] = {
		{ "paxr", NULL, "empty.tar" }, { "paxr", "gzip", "empty.tar.gz" },
		{ "zip", NULL, "empty.zip" },
	};
	for (size_t i = 0; i < N(formats); i++) {
		char *path = tpath(formats[i].file);
		make_archive(path, formats[i].format, formats[i].filter, NULL, 0);
		struct result r;
		read_snap(path, NULL, NULL, NULL, &r);
		assert_int_equal(r.open_st, SL_OK);
		assert_int_equal(r.kind, SL_SNAP_ARCHIVE);
		assert_int_equal(r.st, SL_OK);
		assert_int_equal(r.n, 0);
		result_free(&r);
		free(path);
	}
}

static void
test_unsafe_names(void **state)
{
	(void)state;
	static const struct ent e[] = {
		{ 'f', "../evil.html", "evil", 0 },
		{ 'f', "/etc/passwd", "evil", 0 },
		{ 'f', "a\\..\\..\\x.html", "evil", 0 },
		{ 'f', "C:/x.html", "evil", 0 },
		{ 'f', "./ok.html", "ok", 0 },
		{ 'f', "a/../b.html", "b", 0 },
		{ 'f', "win\\dir\\c.html", "c", 0 },
	};
	static const char *const formats[][2] = { { "paxr", "t.tar" }, { "zip", "t.zip" } };
	for (size_t i = 0; i < N(formats); i++) {
		char *path = tpath(formats[i][1]);
		make_archive(path, formats[i][0], NULL, e, N(e));
		struct result r;
		read_snap(path, NULL, NULL, NULL, &r);
		assert_int_equal(r.st, SL_OK);
		static const char *const want[] = { "ok.html", "b.html", "win/dir/c.html" };
		assert_order(&r, want, N(want));
		/* Reported with the raw name (libarchive's zip reader turns
		 * '\\' into '/' itself). */
		assert_int_equal(events(&r, SL_EV_UNSAFE_PATH, "../evil.html"), 1);
		assert_int_equal(events(&r, SL_EV_UNSAFE_PATH, "/etc/passwd"), 1);
		assert_int_equal(events(&r, SL_EV_UNSAFE_PATH, "C:/x.html"), 1);
		assert_int_equal(events(&r, SL_EV_UNSAFE_PATH, "a\\..\\..\\x.html") +
		                 events(&r, SL_EV_UNSAFE_PATH, "a/../../x.html"), 1);
		assert_int_equal(events(&r, SL_EV_UNSAFE_PATH, NULL), 4);
		result_free(&r);
		free(path);
	}
}

static void
test_duplicates(void **state)
{
	(void)state;
	static const struct ent e[] = {
		{ 'f', "a.html", "first", 0 },
		{ 'f', "a.html", "second", 0 },
		{ 'f', "d/x.html", "first", 0 },
		{ 'f', "d\\x.html", "second", 0 },
		{ 'f', "./a.html", "third", 0 },
	};
	char *path = tpath("dup.tar");
	make_archive(path, "paxr", NULL, e, N(e));
	struct result r;
	read_snap(path, NULL, NULL, NULL, &r);
	static const char *const want[] = { "a.html", "d/x.html" };
	assert_order(&r, want, N(want));
	assert_member(&r, "a.html", "first");
	assert_member(&r, "d/x.html", "first");
	assert_int_equal(events(&r, SL_EV_DUPLICATE, "a.html"), 2);
	assert_int_equal(events(&r, SL_EV_DUPLICATE, "d/x.html"), 1);
	result_free(&r);
	free(path);
}

static void
test_links(void **state)
{
	(void)state;
	static const struct ent e[] = {
		{ 'f', "a.html", "AAA", 100 },
		{ 'l', "s1.html", "a.html", 101 },
		{ 'd', "dir", NULL, 0 },
		{ 'l', "dir/s2.html", "../a.html", 102 },
		{ 'l', "s3.html", "/etc/passwd", 0 },
		{ 'l', "s4.html", "../../x", 0 },
		{ 'l', "l1", "l2", 0 },
		{ 'l', "l2", "l1", 0 },
		{ 'l', "s5.html", "later.html", 103 },
		{ 'f', "later.html", "LLL", 104 },
		{ 'h', "h1.html", "a.html", 105 },
		{ 'h', "h2.html", "missing.html", 0 },
		{ 'h', "h3.html", "../../etc/passwd", 0 },
		{ 'l', "sdir", "dir", 0 },
		{ 'h', "h4.html", "s1.html", 106 },
		{ 'f', "big.html", "0123456789", 0 },
		{ 'h', "h5.html", "big.html", 0 },
	};
	char *path = tpath("links.tar.gz");
	make_archive(path, "paxr", "gzip", e, N(e));
	struct sl_limits lim = { 8, 0, 0 };
	struct result r;
	read_snap(path, &lim, NULL, NULL, &r);
	assert_int_equal(r.st, SL_OK);
	/* Files in archive order, then links by target, then link order. */
	static const char *const want[] = {
		"a.html", "later.html",
		"s1.html", "dir/s2.html", "h1.html", "h4.html",
		"s5.html",
	};
	assert_order(&r, want, N(want));
	for (size_t i = 2; i < 6; i++)
		assert_member(&r, want[i], "AAA");
	assert_member(&r, "s5.html", "LLL");
	assert_int_equal(member(&r, "h1.html")->mtime, 105);
	assert_int_equal(member(&r, "s5.html")->mtime, 103);
	assert_int_equal(events(&r, SL_EV_UNSAFE_PATH, "s3.html"), 1);
	assert_int_equal(events(&r, SL_EV_UNSAFE_PATH, "s4.html"), 1);
	assert_int_equal(events(&r, SL_EV_UNSAFE_PATH, "h3.html"), 1);
	assert_int_equal(events(&r, SL_EV_SKIPPED, "l1"), 1);
	assert_int_equal(events(&r, SL_EV_SKIPPED, "l2"), 1);
	assert_int_equal(events(&r, SL_EV_SKIPPED, "h2.html"), 1);
	assert_int_equal(events(&r, SL_EV_SKIPPED, "sdir"), 1);
	assert_int_equal(events(&r, SL_EV_LIMIT, "big.html"), 1);
	assert_int_equal(events(&r, SL_EV_SKIPPED, "h5.html"), 1);
	result_free(&r);
	free(path);
}

static void
test_gbk_zip(void **state)
{
	(void)state;
	/* Written in the C locale: the GBK bytes go in as they are, without
	 * the UTF-8 flag, as Chinese zip tools do. */
	static const struct ent e[] = {
		{ 'f', "\xcd\xa8\xd6\xaa/\xb9\xab\xb8\xe6.html", "gbk", 0 },
		{ 'f', "\xb0\xa1.html", "ah", 0 },
		{ 'f', "plain.html", "ascii", 0 },
	};
	char *path = tpath("gbk.zip");
	struct archive *a = writer(path, "zip", NULL);
	write_entries(a, e, N(e));
	close_writer(a);
	struct result r;
	read_snap(path, NULL, NULL, NULL, &r);
	assert_int_equal(r.st, SL_OK);
	/* 通知/公告.html and 啊.html */
	assert_member(&r, "\xe9\x80\x9a\xe7\x9f\xa5/\xe5\x85\xac\xe5\x91\x8a.html", "gbk");
	assert_member(&r, "\xe5\x95\x8a.html", "ah");
	assert_member(&r, "plain.html", "ascii");
	result_free(&r);
	free(path);
}

static void
test_encrypted_zip(void **state)
{
	(void)state;
	static const struct ent e[] = { { 'f', "secret.html", "hidden text", 0 } };
	char *path = tpath("enc.zip");
	struct archive *a = archive_write_new();
	archive_write_set_format_zip(a);
	assert_int_equal(archive_write_set_options(a, "zip:encryption=zipcrypt"), ARCHIVE_OK);
	assert_int_equal(archive_write_set_passphrase(a, "pw"), ARCHIVE_OK);
	assert_int_equal(archive_write_open_filename(a, path), ARCHIVE_OK);
	write_entries(a, e, N(e));
	close_writer(a);
	struct result r;
	read_snap(path, NULL, NULL, NULL, &r);
	assert_int_equal(r.open_st, SL_OK);
	assert_int_equal(r.st, SL_OK);
	assert_int_equal(r.n, 0);
	assert_int_equal(events(&r, SL_EV_SKIPPED, "secret.html"), 1);
	result_free(&r);
	free(path);
}

/* Cuts LEN bytes of PATH to KEEP and reads it. */
static void
read_cut(const char *path, const char *cut, double keep, struct result *r)
{
	size_t len;
	unsigned char *bytes = get_file(path, &len);
	put_file(cut, bytes, (size_t)(len * keep), 0);
	free(bytes);
	read_snap(cut, NULL, NULL, NULL, r);
}

static void
test_truncated(void **state)
{
	(void)state;
	enum { SIZE = 40000 };
	static char data[5][SIZE + 1];
	struct ent e[5];
	static const char *const names[] = { "m0.html", "m1.html", "m2.html", "m3.html",
	                                     "m4.html" };
	for (int i = 0; i < 5; i++) {
		fill_random((unsigned char *)data[i], SIZE, (uint32_t)i + 1);
		for (int k = 0; k < SIZE; k++)
			data[i][k] = (char)('a' + ((unsigned char)data[i][k] % 26));
		data[i][SIZE] = '\0';
		e[i] = (struct ent){ 'f', names[i], data[i], 0 };
	}
	static const char *const kinds[][3] = {
		{ "paxr", "gzip", "trunc.tar.gz" }, { "paxr", NULL, "trunc.tar" },
		{ "zip", NULL, "trunc.zip" }, { "paxr", "xz", "trunc.tar.xz" },
	};
	for (size_t i = 0; i < N(kinds); i++) {
		char *path = tpath(kinds[i][2]);
		char cutname[64];
		snprintf(cutname, sizeof cutname, "cut-%s", kinds[i][2]);
		char *cut = tpath(cutname);
		make_archive(path, kinds[i][0], kinds[i][1], e, 5);
		struct result r;
		read_cut(path, cut, 0.5, &r);
		if (r.open_st != SL_OK)
			fail_msg("%s: %s", cutname, r.err.msg);
		assert_int_equal(r.st, SL_ERR_FORMAT);
		assert_true(r.n >= 1 && r.n < 5);
		for (size_t k = 0; k < r.n; k++)
			assert_member(&r, names[k], data[k]);
		/* The message names the archive and the member it stopped in. */
		assert_non_null(strstr(r.err.msg, cutname));
		assert_non_null(strstr(r.err.msg, "member"));
		assert_int_equal(events(&r, SL_EV_DAMAGED, NULL), 1);
		result_free(&r);
		free(path);
		free(cut);
	}
}

/* A tar whose header claims a size that is not the data's. */
static void
test_lying_header(void **state)
{
	(void)state;
	static const struct ent e[] = {
		{ 'f', "a.html", "0123456789", 0 },
		{ 'f', "b.html", "second", 0 },
	};
	char *path = tpath("lie.tar");
	make_archive(path, "ustar", NULL, e, N(e));
	size_t len;
	unsigned char *t = get_file(path, &len);
	/* The size field is 12 octal bytes at 124; the checksum 8 at 148. */
	static const char *const sizes[] = { "77777777777", "00000000004" };
	for (size_t k = 0; k < N(sizes); k++) {
		memcpy(t + 124, sizes[k], 11);
		memset(t + 148, ' ', 8);
		unsigned sum = 0;
		for (int i = 0; i < 512; i++)
			sum += t[i];
		snprintf((char *)t + 148, 8, "%06o", sum);
		char *lie = tpath(k == 0 ? "lie-big.tar" : "lie-small.tar");
		put_file(lie, t, len, 0);
		struct result r;
		read_snap(lie, NULL, NULL, NULL, &r);
		assert_int_equal(r.open_st, SL_OK);
		if (k == 0) {
			/* 8 GiB claimed: over the cap, skipped without reading;
			 * then the archive ends where the data should be. */
			assert_int_equal(events(&r, SL_EV_LIMIT, "a.html"), 1);
			assert_int_equal(r.n, 0);
			assert_int_equal(r.st, SL_ERR_FORMAT);
			assert_non_null(strstr(r.err.msg, "a.html"));
		} else {
			/* 4 bytes claimed: the member is those 4 bytes; the
			 * next header is still on the next 512-byte block. */
			assert_int_equal(r.st, SL_OK);
			assert_member(&r, "a.html", "0123");
			assert_member(&r, "b.html", "second");
		}
		result_free(&r);
		free(lie);
	}
	free(t);
	free(path);
}

static long
peak_rss_kb(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

/* 1 GiB of zeros in a tar.gz (about 1 MB) with a 64 MiB member cap. */
static void
test_bomb(void **state)
{
	(void)state;
	char *path = tpath("bomb.tar.gz");
	struct archive *a = archive_write_new();
	archive_write_set_format_pax_restricted(a);
	archive_write_add_filter_gzip(a);
	archive_write_set_filter_option(a, "gzip", "compression-level", "1");
	assert_int_equal(archive_write_open_filename(a, path), ARCHIVE_OK);
	struct archive_entry *ae = archive_entry_new();
	archive_entry_set_pathname(ae, "zeros.html");
	archive_entry_set_filetype(ae, AE_IFREG);
	archive_entry_set_perm(ae, 0644);
	archive_entry_set_size(ae, (la_int64_t)1 << 30);
	assert_int_equal(archive_write_header(a, ae), ARCHIVE_OK);
	static char zeros[1 << 20];
	for (int i = 0; i < 1024; i++)
		assert_int_equal(archive_write_data(a, zeros, sizeof zeros), (la_ssize_t)sizeof zeros);
	archive_entry_clear(ae);
	archive_entry_set_pathname(ae, "after.html");
	archive_entry_set_filetype(ae, AE_IFREG);
	archive_entry_set_perm(ae, 0644);
	archive_entry_set_size(ae, 5);
	assert_int_equal(archive_write_header(a, ae), ARCHIVE_OK);
	archive_write_data(a, "after", 5);
	archive_entry_free(ae);
	close_writer(a);

	long before = peak_rss_kb();
	struct sl_limits lim = { 64u << 20, 0, 0 };
	struct result r;
	read_snap(path, &lim, NULL, NULL, &r);
	long grew = peak_rss_kb() - before;
	assert_int_equal(r.st, SL_OK);
	assert_int_equal(events(&r, SL_EV_LIMIT, "zeros.html"), 1);
	static const char *const want[] = { "after.html" };
	assert_order(&r, want, 1);
	/* The member was never held: the peak grew by far less than it. */
	if (grew > 100 * 1024)
		fail_msg("peak RSS grew by %ld KiB", grew);
	result_free(&r);
	free(path);
}

/* 60,000 tiny members with a member count cap of 50,000. */
static void
test_many_members(void **state)
{
	(void)state;
	char *path = tpath("many.tar.gz");
	struct archive *a = writer(path, "paxr", "gzip");
	struct archive_entry *ae = archive_entry_new();
	for (unsigned i = 0; i < 60000; i++) {
		char name[32];
		snprintf(name, sizeof name, "d%02u/%05u.html", i / 1000, i);
		archive_entry_clear(ae);
		archive_entry_copy_pathname(ae, name);
		archive_entry_set_filetype(ae, AE_IFREG);
		archive_entry_set_perm(ae, 0644);
		archive_entry_set_size(ae, 1);
		assert_int_equal(archive_write_header(a, ae), ARCHIVE_OK);
		archive_write_data(a, "x", 1);
	}
	archive_entry_free(ae);
	close_writer(a);
	struct sl_limits lim = { 0, 0, 50000 };
	struct result r;
	read_snap(path, &lim, NULL, NULL, &r);
	assert_int_equal(r.st, SL_OK);
	assert_int_equal(r.n, 50000);
	assert_string_equal(r.m[49999].path, "d49/49999.html");
	assert_int_equal(events(&r, SL_EV_LIMIT, NULL), 1);
	result_free(&r);
	free(path);
}

static void
test_free_null(void **state)
{
	(void)state;
	sl_snapshot_free(NULL);
	struct sl_member m;
	memset(&m, 0, sizeof m);
	sl_member_clear(&m);
	sl_member_clear(NULL);
}

/* --- setup ------------------------------------------------------------------ */

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DP)
		return rmdir(path);
	chmod(path, 0644);
	return unlink(path);
}

static int
setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/sl-test-snapshot.XXXXXX");
	return mkdtemp(tmpdir) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	(void)state;
	return nftw(tmpdir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dir_sorted),
		cmocka_unit_test(test_dir_symlinks),
		cmocka_unit_test(test_dir_member_cap),
		cmocka_unit_test(test_single_file),
		cmocka_unit_test(test_not_a_snapshot),
		cmocka_unit_test(test_stdin_page),
		cmocka_unit_test(test_stdin_archive),
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_empty_archives),
		cmocka_unit_test(test_unsafe_names),
		cmocka_unit_test(test_duplicates),
		cmocka_unit_test(test_links),
		cmocka_unit_test(test_gbk_zip),
		cmocka_unit_test(test_encrypted_zip),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_lying_header),
		cmocka_unit_test(test_bomb),
		cmocka_unit_test(test_many_members),
		cmocka_unit_test(test_free_null),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
