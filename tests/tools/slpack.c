/*
 * slpack - packs a snapshot directory into an archive or a WARC, for the
 * golden tests (archives are built at test time, never committed).
 *
 *   slpack FORMAT DIR OUT
 *
 * FORMAT is tar, tar.gz, tar.bz2, tar.xz, tar.zst, zip, 7z, cpio, iso,
 * warc or warc.gz.  Regular files under DIR (symlinks followed, other
 * kinds skipped) are stored in byte order of their path with their
 * mtimes.  A WARC gets one response record per file, target URI
 * http://HOST/PATH where HOST is DIR's basename; DIR/index.html is
 * written as the home page http://HOST/ (first record) instead of
 * http://HOST/index.html.  warc.gz compresses each record as its own
 * gzip member.  Exit status: 0 done, 1 failure, 2 usage, 3 the format is
 * not available in this libarchive (the caller skips it).
 */
#include <dirent.h>
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <archive.h>
#include <archive_entry.h>

#include "util.h"

struct file {
	char *rel;      /* path under DIR, '/'-separated */
	char *fs;       /* path to read */
	struct stat st;
};

struct files {
	struct file *v;
	size_t n, cap;
};

static int
cmp_file(const void *a, const void *b)
{
	return strcmp(((const struct file *)a)->rel, ((const struct file *)b)->rel);
}

/* Collects the regular files under ROOT, iteratively. */
static int
collect(const char *root, struct files *out)
{
	char **todo = sl_malloc(sizeof *todo);
	size_t ntodo = 1, captodo = 1;
	todo[0] = sl_strdup("");
	int rc = 0;
	while (ntodo > 0) {
		char *rel = todo[--ntodo];
		char *dir = *rel ? sl_aprintf("%s/%s", root, rel) : sl_strdup(root);
		DIR *dh = opendir(dir);
		if (dh == NULL) {
			fprintf(stderr, "slpack: %s: %s\n", dir, strerror(errno));
			rc = -1;
		}
		struct dirent *de;
		while (dh != NULL && (de = readdir(dh)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
				continue;
			char *r = *rel ? sl_aprintf("%s/%s", rel, de->d_name) : sl_strdup(de->d_name);
			char *fs = sl_aprintf("%s/%s", dir, de->d_name);
			struct stat st;
			if (stat(fs, &st) == 0 && S_ISDIR(st.st_mode)) {
				if (ntodo == captodo) {
					captodo *= 2;
					todo = sl_realloc(todo, captodo * sizeof *todo);
				}
				todo[ntodo++] = r;
				free(fs);
			} else if (stat(fs, &st) == 0 && S_ISREG(st.st_mode)) {
				if (out->n == out->cap) {
					out->cap = out->cap ? out->cap * 2 : 64;
					out->v = sl_realloc(out->v, out->cap * sizeof *out->v);
				}
				out->v[out->n++] = (struct file){ r, fs, st };
			} else {
				free(r);
				free(fs);
			}
		}
		if (dh != NULL)
			closedir(dh);
		free(dir);
		free(rel);
	}
	free(todo);
	if (out->n > 0)
		qsort(out->v, out->n, sizeof *out->v, cmp_file);
	return rc;
}

static unsigned char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	struct sl_buf b;
	sl_buf_init(&b, 0);
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		sl_buf_append(&b, chunk, n);
	fclose(f);
	return (unsigned char *)sl_buf_steal(&b, len);
}

/* --- archives ---------------------------------------------------------- */

struct format {
	const char *name;
	int (*set_format)(struct archive *);
	const char *filter;     /* NULL: none */
};

static const struct format formats[] = {
	{ "tar", archive_write_set_format_pax_restricted, NULL },
	{ "tar.gz", archive_write_set_format_pax_restricted, "gzip" },
	{ "tar.bz2", archive_write_set_format_pax_restricted, "bzip2" },
	{ "tar.xz", archive_write_set_format_pax_restricted, "xz" },
	{ "tar.zst", archive_write_set_format_pax_restricted, "zstd" },
	{ "zip", archive_write_set_format_zip, NULL },
	{ "7z", archive_write_set_format_7zip, NULL },
	{ "cpio", archive_write_set_format_cpio_newc, NULL },
	{ "iso", archive_write_set_format_iso9660, NULL },
};

static int
pack_archive(const struct format *f, const struct files *fl, const char *out)
{
	struct archive *a = archive_write_new();
	if (f->set_format(a) != ARCHIVE_OK ||
	    (f->filter && archive_write_add_filter_by_name(a, f->filter) != ARCHIVE_OK)) {
		fprintf(stderr, "slpack: %s is not available in this libarchive: %s\n",
		        f->name, archive_error_string(a));
		archive_write_free(a);
		return 3;
	}
	if (archive_write_open_filename(a, out) != ARCHIVE_OK) {
		fprintf(stderr, "slpack: %s: %s\n", out, archive_error_string(a));
		archive_write_free(a);
		return 1;
	}
	int rc = 0;
	struct archive_entry *e = archive_entry_new();
	for (size_t i = 0; i < fl->n && rc == 0; i++) {
		size_t len;
		unsigned char *data = slurp(fl->v[i].fs, &len);
		if (data == NULL) {
			fprintf(stderr, "slpack: %s: %s\n", fl->v[i].fs, strerror(errno));
			rc = 1;
			break;
		}
		archive_entry_clear(e);
		archive_entry_copy_pathname(e, fl->v[i].rel);
		archive_entry_set_filetype(e, AE_IFREG);
		archive_entry_set_perm(e, 0644);
		archive_entry_set_size(e, (la_int64_t)len);
		archive_entry_set_mtime(e, fl->v[i].st.st_mtime, 0);
		if (archive_write_header(a, e) < ARCHIVE_WARN ||
		    (len > 0 && archive_write_data(a, data, len) != (la_ssize_t)len)) {
			fprintf(stderr, "slpack: %s: %s\n", fl->v[i].rel, archive_error_string(a));
			rc = 1;
		}
		free(data);
	}
	archive_entry_free(e);
	if (archive_write_close(a) != ARCHIVE_OK && rc == 0) {
		fprintf(stderr, "slpack: %s: %s\n", out, archive_error_string(a));
		rc = 1;
	}
	archive_write_free(a);
	return rc;
}

/* --- WARC -------------------------------------------------------------- */

static const char *
guess_type(const char *path)
{
	static const struct { const char *ext, *type; } types[] = {
		{ ".html", "text/html" }, { ".htm", "text/html" }, { ".shtml", "text/html" },
		{ ".css", "text/css" }, { ".js", "application/javascript" },
		{ ".txt", "text/plain" }, { ".xml", "application/xml" },
		{ ".png", "image/png" }, { ".jpg", "image/jpeg" }, { ".jpeg", "image/jpeg" },
		{ ".gif", "image/gif" }, { ".svg", "image/svg+xml" },
		{ ".pdf", "application/pdf" }, { ".doc", "application/msword" },
		{ ".xls", "application/vnd.ms-excel" }, { ".zip", "application/zip" },
		{ ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
		{ ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
	};
	const char *dot = strrchr(path, '.');
	for (size_t i = 0; dot && i < sizeof types / sizeof types[0]; i++)
		if (sl_ascii_ieq(dot, types[i].ext))
			return types[i].type;
	return "application/octet-stream";
}

/* Percent-encodes what is not unreserved or '/' in a URL path. */
static void
put_url_path(struct sl_buf *b, const char *p)
{
	for (; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    strchr("-._~/", c) != NULL)
			sl_buf_putc(b, (char)c);
		else
			sl_buf_printf(b, "%%%02X", c);
	}
}

/* Builds one response record for REL (URL path; "" is the home page). */
static void
warc_record(struct sl_buf *rec, const char *host, const char *rel, const struct file *f,
            const unsigned char *data, size_t len, unsigned serial)
{
	struct sl_buf url, http;
	sl_buf_init(&url, 0);
	sl_buf_init(&http, 0);
	sl_buf_printf(&url, "http://%s/", host);
	put_url_path(&url, rel);
	sl_buf_printf(&http, "HTTP/1.1 200 OK\r\nContent-Type: %s\r\nContent-Length: %zu\r\n\r\n",
	              guess_type(f->rel), len);
	char date[32];
	struct tm tm;
	time_t t = f->st.st_mtime;
	gmtime_r(&t, &tm);
	strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &tm);
	sl_buf_reset(rec);
	sl_buf_printf(rec, "WARC/1.1\r\nWARC-Type: response\r\n"
	              "WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-%012u>\r\n"
	              "WARC-Date: %s\r\nWARC-Target-URI: %s\r\n"
	              "Content-Type: application/http; msgtype=response\r\n"
	              "Content-Length: %zu\r\n\r\n", serial, date, url.data, http.len + len);
	sl_buf_append(rec, http.data, http.len);
	sl_buf_append(rec, data, len);
	sl_buf_puts(rec, "\r\n\r\n");
	sl_buf_free(&url);
	sl_buf_free(&http);
}

/* Writes REC to OUT, as its own gzip member when GZ. */
static int
write_record(FILE *out, const struct sl_buf *rec, bool gz)
{
	if (!gz)
		return fwrite(rec->data, 1, rec->len, out) == rec->len ? 0 : 1;
	size_t cap = rec->len + rec->len / 8 + 4096, used = 0;
	unsigned char *z = sl_malloc(cap);
	struct archive *a = archive_write_new();
	archive_write_set_format_raw(a);
	archive_write_add_filter_gzip(a);
	archive_write_set_bytes_in_last_block(a, 1);
	struct archive_entry *e = archive_entry_new();
	archive_entry_set_pathname(e, "record");
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_size(e, (la_int64_t)rec->len);
	int rc = archive_write_open_memory(a, z, cap, &used) != ARCHIVE_OK ||
	         archive_write_header(a, e) != ARCHIVE_OK ||
	         archive_write_data(a, rec->data, rec->len) != (la_ssize_t)rec->len ||
	         archive_write_close(a) != ARCHIVE_OK;
	if (rc)
		fprintf(stderr, "slpack: gzip: %s\n", archive_error_string(a));
	archive_entry_free(e);
	archive_write_free(a);
	if (rc == 0 && fwrite(z, 1, used, out) != used)
		rc = 1;
	free(z);
	return rc;
}

static int
pack_warc(const struct files *fl, const char *dir, const char *out, bool gz)
{
	size_t n = strlen(dir);
	while (n > 1 && dir[n - 1] == '/')
		n--;
	size_t b = n;
	while (b > 0 && dir[b - 1] != '/')
		b--;
	char *host = sl_strndup(dir + b, n - b);
	FILE *f = fopen(out, "wb");
	if (f == NULL) {
		fprintf(stderr, "slpack: %s: %s\n", out, strerror(errno));
		free(host);
		return 1;
	}
	struct sl_buf rec;
	sl_buf_init(&rec, 0);
	int rc = 0;
	unsigned serial = 0;
	/* The home page first, as a crawl starts there. */
	for (int pass = 0; pass < 2 && rc == 0; pass++) {
		for (size_t i = 0; i < fl->n && rc == 0; i++) {
			bool home = strcmp(fl->v[i].rel, "index.html") == 0;
			if (home != (pass == 0))
				continue;
			size_t len;
			unsigned char *data = slurp(fl->v[i].fs, &len);
			if (data == NULL) {
				fprintf(stderr, "slpack: %s: %s\n", fl->v[i].fs, strerror(errno));
				rc = 1;
				break;
			}
			warc_record(&rec, host, home ? "" : fl->v[i].rel, &fl->v[i], data, len,
			            ++serial);
			rc = write_record(f, &rec, gz);
			free(data);
		}
	}
	if (fclose(f) != 0)
		rc = 1;
	sl_buf_free(&rec);
	free(host);
	return rc;
}

int
main(int argc, char **argv)
{
	if (argc != 4) {
		fputs("usage: slpack FORMAT DIR OUT\n", stderr);
		return 2;
	}
	/* libarchive converts names through the locale: make it UTF-8. */
	locale_t loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	if (loc != (locale_t)0)
		uselocale(loc);
	struct files fl = { 0 };
	int rc = collect(argv[2], &fl) != 0 ? 1 : -1;
	if (rc < 0 && (strcmp(argv[1], "warc") == 0 || strcmp(argv[1], "warc.gz") == 0))
		rc = pack_warc(&fl, argv[2], argv[3], argv[1][4] == '.');
	for (size_t i = 0; rc < 0 && i < sizeof formats / sizeof formats[0]; i++)
		if (strcmp(argv[1], formats[i].name) == 0)
			rc = pack_archive(&formats[i], &fl, argv[3]);
	if (rc < 0) {
		fprintf(stderr, "slpack: unknown format '%s'\n", argv[1]);
		rc = 2;
	}
	for (size_t i = 0; i < fl.n; i++) {
		free(fl.v[i].rel);
		free(fl.v[i].fs);
	}
	free(fl.v);
	if (loc != (locale_t)0) {
		uselocale(LC_GLOBAL_LOCALE);
		freelocale(loc);
	}
	return rc;
}
