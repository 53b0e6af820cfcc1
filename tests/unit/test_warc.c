/*
 * test_warc.c - the WARC reader: records written byte by byte here (and a
 * few small fixtures from warcio and jwarc, see tests/fixtures/warc/).
 */
#define _XOPEN_SOURCE 700     /* nftw() for the clean-up */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

#include "snapshot.h"
#include "util.h"

#define FIXTURES "tests/fixtures/warc/"

static char tmpdir[64];

/* --- what a read produced ----------------------------------------------- */

struct event {
	enum sl_snapshot_event ev;
	char *member;
	char *msg;
};

struct result {
	sl_status open_st, st;
	struct sl_err err;
	enum sl_snapshot_kind kind;
	char *host;
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

static void
read_snap(const char *arg, const struct sl_limits *lim, FILE *in, struct result *r)
{
	memset(r, 0, sizeof *r);
	struct sl_snapshot_opts o;
	memset(&o, 0, sizeof o);
	if (lim != NULL)
		o.limits = *lim;
	o.on_event = on_event;
	o.event_ctx = r;
	o.stdin_stream = in;
	struct sl_snapshot *s = NULL;
	r->open_st = sl_snapshot_open(arg, &o, &s, &r->err);
	if (r->open_st != SL_OK)
		return;
	r->kind = sl_snapshot_kind(s);
	for (;;) {
		struct sl_member m;
		r->st = sl_snapshot_next(s, &m, &r->err);
		if (r->st != SL_OK || m.path == NULL)
			break;
		assert_int_equal(m.data[m.len], '\0');
		if (r->n == r->cap) {
			r->cap = r->cap ? r->cap * 2 : 16;
			r->m = realloc(r->m, r->cap * sizeof *r->m);
		}
		r->m[r->n++] = m;
	}
	if (sl_snapshot_host(s) != NULL)
		r->host = strdup(sl_snapshot_host(s));
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
	free(r->host);
	memset(r, 0, sizeof *r);
}

static const struct sl_member *
member(const struct result *r, const char *path)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->m[i].path, path) == 0)
			return &r->m[i];
	fail_msg("member '%s' missing", path);
	return NULL;
}

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
assert_body(const struct sl_member *m, const char *data)
{
	assert_int_equal(m->len, strlen(data));
	assert_memory_equal(m->data, data, m->len);
}

static int64_t
epoch(int y, int mo, int d, int h, int mi, int s)
{
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = s;
	return (int64_t)timegm(&tm);
}

/* --- writing WARCs ------------------------------------------------------- */

static char *
tpath(const char *name)
{
	size_t n = strlen(tmpdir) + strlen(name) + 2;
	char *p = malloc(n);
	snprintf(p, n, "%s/%s", tmpdir, name);
	return p;
}

static void
put_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* Appends a WARC record: VERSION line, TYPE, URI (NULL: none), the EXTRA
 * header lines (each ending in CRLF), a Content-Length of the block
 * length plus LIE, and the block. */
static void
record(struct sl_buf *b, const char *version, const char *type, const char *uri,
       const char *extra, const void *block, size_t n, long lie)
{
	sl_buf_printf(b, "%s\r\n", version);
	if (type != NULL)
		sl_buf_printf(b, "WARC-Type: %s\r\n", type);
	if (uri != NULL)
		sl_buf_printf(b, "WARC-Target-URI: %s\r\n", uri);
	sl_buf_printf(b, "WARC-Date: 2017-03-06T04:02:06Z\r\n%sContent-Length: %ld\r\n\r\n",
	              extra ? extra : "", (long)n + lie);
	sl_buf_append(b, block, n);
	sl_buf_puts(b, "\r\n\r\n");
}

/* A response record whose block is the string HTTP. */
static void
response(struct sl_buf *b, const char *uri, const char *http)
{
	record(b, "WARC/1.0", "response", uri, "Content-Type: application/http; "
	       "msgtype=response\r\n", http, strlen(http), 0);
}

/* Gzips N bytes at P into OUT (one gzip member). */
static void
gzip_into(struct sl_buf *out, const void *p, size_t n)
{
	size_t cap = n + n / 8 + 4096, used = 0;
	unsigned char *z = malloc(cap);
	struct archive *a = archive_write_new();
	archive_write_set_format_raw(a);
	archive_write_add_filter_gzip(a);
	archive_write_set_bytes_in_last_block(a, 1);
	assert_int_equal(archive_write_open_memory(a, z, cap, &used), ARCHIVE_OK);
	struct archive_entry *e = archive_entry_new();
	archive_entry_set_pathname(e, "x");
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_size(e, (la_int64_t)n);
	assert_int_equal(archive_write_header(a, e), ARCHIVE_OK);
	if (n > 0)
		assert_int_equal(archive_write_data(a, p, n), (la_ssize_t)n);
	assert_int_equal(archive_write_close(a), ARCHIVE_OK);
	archive_entry_free(e);
	archive_write_free(a);
	sl_buf_append(out, z, used);
	free(z);
}

static void
write_warc(const char *name, const struct sl_buf *b, char **path)
{
	*path = tpath(name);
	put_file(*path, b->data, b->len);
}

#define N(a) (sizeof a / sizeof a[0])
/* A record whose block is the string S. */
#define RECORD_S(b, type, uri, extra, s) \
	record((b), "WARC/1.0", (type), (uri), (extra), (s), strlen(s), 0)

/* --- tests --------------------------------------------------------------- */

static void
test_basic(void **state)
{
	(void)state;
	struct sl_buf b;
	sl_buf_init(&b, 0);
	RECORD_S(&b, "warcinfo", NULL, "Content-Type: application/warc-fields\r\n",
	         "software: test\r\n");
	response(&b, "http://Example.COM/dir/",
	         "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
	         "Content-Length: 11\r\n\r\n<p>home</p>");
	RECORD_S(&b, "request", "http://example.com/dir/", NULL, "GET /dir/ HTTP/1.1\r\n\r\n");
	response(&b, "http://example.com/s.css",
	         "HTTP/1.1 200 OK\r\nContent-Type: text/css\r\n\r\nbody{}");
	RECORD_S(&b, "metadata", "http://example.com/dir/", NULL, "via: x\r\n");
	char *path;
	write_warc("basic.warc", &b, &path);
	struct result r;
	read_snap(path, NULL, NULL, &r);
	assert_int_equal(r.open_st, SL_OK);
	assert_int_equal(r.st, SL_OK);
	assert_int_equal(r.kind, SL_SNAP_WARC);
	assert_int_equal(r.n, 2);
	assert_string_equal(r.m[0].path, "example.com/dir/index.html");
	assert_string_equal(r.m[1].path, "example.com/s.css");
	const struct sl_member *m = &r.m[0];
	assert_body(m, "<p>home</p>");
	assert_int_equal(m->http_status, 200);
	assert_string_equal(m->content_type, "text/html; charset=utf-8");
	assert_string_equal(m->url, "http://Example.COM/dir/");
	assert_null(m->location);
	assert_int_equal(m->warc_date, epoch(2017, 3, 6, 4, 2, 6));
	assert_int_equal(m->mtime, m->warc_date);
	assert_true(m->is_first_html);
	assert_false(r.m[1].is_first_html);
	assert_body(&r.m[1], "body{}");
	assert_string_equal(r.host, "example.com");
	assert_int_equal(r.nev, 0);
	result_free(&r);
	sl_buf_free(&b);
	free(path);
}

static void
test_v11_resource(void **state)
{
	(void)state;
	struct sl_buf b;
	sl_buf_init(&b, 0);
	sl_buf_puts(&b, "WARC/1.1\r\nWARC-Type: resource\r\n"
	            "WARC-Target-URI: <http://h.cn/r.html>\r\n"
	            "WARC-Date: 2017-03-06T04:02:06.123456Z\r\n"
	            "Content-Type: text/html\r\nContent-Length: 7\r\n\r\n<p>r</p\r\n\r\n");
	/* Lower precision dates are W3C-DTF too. */
	sl_buf_puts(&b, "WARC/1.1\r\nWARC-Type: resource\r\n"
	            "WARC-Target-URI: http://h.cn/day.txt\r\n"
	            "WARC-Date: 2017-03-06\r\nContent-Length: 1\r\n\r\nx\r\n\r\n");
	char *path;
	write_warc("v11.warc", &b, &path);
	struct result r;
	read_snap(path, NULL, NULL, &r);
	assert_int_equal(r.st, SL_OK);
	assert_int_equal(r.n, 2);
	const struct sl_member *m = member(&r, "h.cn/r.html");
	assert_body(m, "<p>r</p");
	assert_int_equal(m->http_status, 200);
	assert_string_equal(m->content_type, "text/html");
	assert_string_equal(m->url, "http://h.cn/r.html");
	assert_int_equal(m->warc_date, epoch(2017, 3, 6, 4, 2, 6));
	assert_true(m->is_first_html);
	m = member(&r, "h.cn/day.txt");
	assert_null(m->content_type);
	assert_int_equal(m->warc_date, epoch(2017, 3, 6, 0, 0, 0));
	result_free(&r);
	sl_buf_free(&b);
	free(path);
}

static void
test_chunked(void **state)
{
	(void)state;
	struct sl_buf b;
	sl_buf_init(&b, 0);
	response(&b, "http://h.cn/c.html",
	         "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/html\r\n\r\n"
	         "5\r\nhello\r\n6;name=value\r\n world\r\nb\r\n 0123456789\r\n0\r\nX-Trailer: 1\r\n\r\n");
	/* Said chunked, but is not (crawlers that stored it de-chunked). */
	response(&b, "http://h.cn/plain.html",
	         "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n<html>not chunked</html>");
	char *path;
	write_warc("chunked.warc", &b, &path);
	struct result r;
	read_snap(path, NULL, NULL, &r);
	assert_int_equal(r.st, SL_OK);
	assert_body(member(&r, "h.cn/c.html"), "hello world 0123456789");
	assert_body(member(&r, "h.cn/plain.html"), "<html>not chunked</html>");
	assert_int_equal(events(&r, SL_EV_NOTE, "http://h.cn/plain.html"), 1);
	result_free(&r);
	sl_buf_free(&b);
	free(path);
}

static uint32_t
adler32(const unsigned char *p, size_t n)
{
	uint32_t a = 1, b = 0;
	for (size_t i = 0; i < n; i++) {
		a = (a + p[i]) % 65521;
		b = (b + a) % 65521;
	}
	return b << 16 | a;
}

static void
test_content_encoding(void **state)
{
	(void)state;
	const char *page = "<html><body>\xe6\x94\xbf\xe5\xba\x9c gzip body gzip body</body></html>";
	struct sl_buf gz, zl, raw, http, b;
	sl_buf_init(&gz, 0);
	sl_buf_init(&zl, 0);
	sl_buf_init(&raw, 0);
	sl_buf_init(&http, 0);
	sl_buf_init(&b, 0);
	gzip_into(&gz, page, strlen(page));
	/* The deflate data inside libarchive's gzip: 10-byte header (no
	 * optional fields), 8-byte trailer. */
	assert_int_equal((unsigned char)gz.data[3], 0);
	sl_buf_append(&raw, gz.data + 10, gz.len - 18);
	sl_buf_append(&zl, "\x78\x9c", 2);
	sl_buf_append(&zl, raw.data, raw.len);
	uint32_t ad = adler32((const unsigned char *)page, strlen(page));
	unsigned char be[4] = { (unsigned char)(ad >> 24), (unsigned char)(ad >> 16),
	                        (unsigned char)(ad >> 8), (unsigned char)ad };
	sl_buf_append(&zl, be, 4);
	static const char *const names[] = { "gzip", "x-gzip", "deflate", "deflate" };
	const struct sl_buf *bodies[] = { &gz, &gz, &zl, &raw };
	static const char *const uris[] = { "http://h.cn/gz.html", "http://h.cn/xgz.html",
	                                    "http://h.cn/zlib.html", "http://h.cn/raw.html" };
	for (size_t i = 0; i < N(names); i++) {
		sl_buf_reset(&http);
		sl_buf_printf(&http, "HTTP/1.1 200 OK\r\nContent-Encoding: %s\r\n"
		              "Content-Type: text/html\r\n\r\n", names[i]);
		sl_buf_append(&http, bodies[i]->data, bodies[i]->len);
		record(&b, "WARC/1.0", "response", uris[i], NULL, http.data, http.len, 0);
	}
	/* Chunked and gzipped: de-chunk first. */
	sl_buf_reset(&http);
	sl_buf_printf(&http, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n"
	              "Content-Encoding: gzip\r\n\r\n%zx\r\n", gz.len);
	sl_buf_append(&http, gz.data, gz.len);
	sl_buf_puts(&http, "\r\n0\r\n\r\n");
	record(&b, "WARC/1.0", "response", "http://h.cn/both.html", NULL, http.data, http.len, 0);
	/* An encoding we cannot undo: kept, with a note. */
	response(&b, "http://h.cn/br.html",
	         "HTTP/1.1 200 OK\r\nContent-Encoding: br\r\n\r\n\x1b\x03");
	/* Says gzip, is not. */
	response(&b, "http://h.cn/liar.html",
	         "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\nplain text");
	char *path;
	write_warc("encoded.warc", &b, &path);
	struct result r;
	read_snap(path, NULL, NULL, &r);
	assert_int_equal(r.st, SL_OK);
	assert_body(member(&r, "h.cn/gz.html"), page);
	assert_body(member(&r, "h.cn/xgz.html"), page);
	assert_body(member(&r, "h.cn/zlib.html"), page);
	assert_body(member(&r, "h.cn/raw.html"), page);
	assert_body(member(&r, "h.cn/both.html"), page);
	assert_body(member(&r, "h.cn/br.html"), "\x1b\x03");
	assert_body(member(&r, "h.cn/liar.html"), "plain text");
	assert_int_equal(events(&r, SL_EV_NOTE, "http://h.cn/br.html"), 1);
	assert_int_equal(events(&r, SL_EV_NOTE, "http://h.cn/liar.html"), 1);
	result_free(&r);
	sl_buf_free(&gz);
	sl_buf_free(&zl);
	sl_buf_free(&raw);
	sl_buf_free(&http);
	sl_buf_free(&b);
	free(path);
}

static void
test_status(void **state)
{
	(void)state;
	struct sl_buf b;
	sl_buf_init(&b, 0);
	response(&b, "http://gov.cn/",
	         "HTTP/1.1 301 Moved Permanently\r\nLocation: http://www.gov.cn/\r\n"
	         "Content-Type: text/html\r\n\r\n<a href=\"http://www.gov.cn/\">moved</a>");
	response(&b, "http://www.gov.cn/missing.html",
	         "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\nNot Found");
	response(&b, "http://www.gov.cn/logo.png",
	         "HTTP/1.1 200\r\nContent-Type: image/png\r\n\r\n\x89PNG");
	response(&b, "http://www.gov.cn/",
	         "HTTP/1.0 200 OK\r\nContent-Type: TEXT/HTML\r\n\r\n<p>home</p>");
	response(&b, "http://other.cn/",
	         "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>other</p>");
	char *path;
	write_warc("status.warc", &b, &path);
	struct result r;
	read_snap(path, NULL, NULL, &r);
	assert_int_equal(r.st, SL_OK);
	assert_int_equal(r.n, 5);
	const struct sl_member *m = member(&r, "gov.cn/index.html");
	assert_int_equal(m->http_status, 301);
	assert_string_equal(m->location, "http://www.gov.cn/");
	assert_false(m->is_first_html);
	m = member(&r, "www.gov.cn/missing.html");
	assert_int_equal(m->http_status, 404);
	assert_null(m->location);
	/* The first HTML response: a 404 is a page (an error page). */
	assert_true(m->is_first_html);
	assert_false(member(&r, "www.gov.cn/index.html")->is_first_html);
	assert_false(member(&r, "other.cn/index.html")->is_first_html);
	assert_int_equal(member(&r, "www.gov.cn/logo.png")->http_status, 200);
	assert_string_equal(r.host, "www.gov.cn");
	result_free(&r);
	sl_buf_free(&b);
	free(path);
}

static void
test_revisit(void **state)
{
	(void)state;
	struct sl_buf b;
	sl_buf_init(&b, 0);
	RECORD_S(&b, "response", "http://h.cn/a.html", "WARC-Payload-Digest: sha1:AAAA\r\n",
	         "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>A</p>");
	/* Same payload under another URI, found by digest. */
	RECORD_S(&b, "revisit", "http://h.cn/b.html",
	         "WARC-Payload-Digest: sha1:AAAA\r\n"
	         "WARC-Profile: http://netpreserve.org/warc/1.0/revisit/identical-payload-digest\r\n",
	         "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n");
	/* Found by WARC-Refers-To-Target-URI; a 304 keeps the original status. */
	RECORD_S(&b, "revisit", "http://h.cn/c.html",
	         "WARC-Payload-Digest: sha1:ZZZZ\r\nWARC-Refers-To-Target-URI: <http://h.cn/a.html>\r\n",
	         "HTTP/1.1 304 Not Modified\r\n\r\n");
	/* Nothing to repeat. */
	RECORD_S(&b, "revisit", "http://h.cn/d.html", "WARC-Payload-Digest: sha1:NONE\r\n", "");
	/* The same URI again: a re-crawl, dropped without an event. */
	RECORD_S(&b, "revisit", "http://h.cn/a.html", "WARC-Payload-Digest: sha1:AAAA\r\n",
	         "HTTP/1.1 200 OK\r\n\r\n");
	response(&b, "http://h.cn/e.html", "HTTP/1.1 200 OK\r\n\r\n<p>E</p>");
	char *path;
	write_warc("revisit.warc", &b, &path);
	struct result r;
	read_snap(path, NULL, NULL, &r);
	assert_int_equal(r.st, SL_OK);
	/* Records first, then revisits in the order of what they repeat. */
	static const char *const want[] = { "h.cn/a.html", "h.cn/e.html", "h.cn/b.html",
	                                    "h.cn/c.html" };
	assert_int_equal(r.n, N(want));
	for (size_t i = 0; i < N(want); i++)
		assert_string_equal(r.m[i].path, want[i]);
	const struct sl_member *m = member(&r, "h.cn/b.html");
	assert_body(m, "<p>A</p>");
	assert_int_equal(m->http_status, 200);
	assert_string_equal(m->content_type, "text/html; charset=utf-8");
	assert_string_equal(m->url, "http://h.cn/b.html");
	m = member(&r, "h.cn/c.html");
	assert_body(m, "<p>A</p>");
	assert_int_equal(m->http_status, 200);
	assert_string_equal(m->content_type, "text/html");
	assert_int_equal(events(&r, SL_EV_SKIPPED, "http://h.cn/d.html"), 1);
	assert_int_equal(events(&r, SL_EV_DUPLICATE, NULL), 0);
	assert_int_equal(r.nev, 1);
	result_free(&r);
	sl_buf_free(&b);
	free(path);
}

static void
test_folded_headers(void **state)
{
	(void)state;
	struct sl_buf b;
	sl_buf_init(&b, 0);
	const char *http = "HTTP/1.1 200 OK\r\nContent-Type: text/html;\r\n\tcharset=gbk\r\n"
	                   "X-Long: a\r\n b\r\n\r\n<p>f</p>";
	sl_buf_printf(&b, "WARC/1.0\r\nWARC-Type:\r\n response\r\nWARC-Target-URI:\r\n"
	              "  http://h.cn/folded.html\r\nX-Other: 1\r\n 2\r\n"
	              "Content-Length: %zu\r\n\r\n%s\r\n\r\n", strlen(http), http);
	/* LF-only line ends are accepted too. */
	sl_buf_puts(&b, "WARC/1.0\nWARC-Type: resource\nWARC-Target-URI: http://h.cn/lf.txt\n"
	            "Content-Length: 2\n\nlf\n\n");
	char *path;
	write_warc("folded.warc", &b, &path);
	struct result r;
	read_snap(path, NULL, NULL, &r);
	assert_int_equal(r.st, SL_OK);
	const struct sl_member *m = member(&r, "h.cn/folded.html");
	assert_body(m, "<p>f</p>");
	assert_string_equal(m->content_type, "text/html; charset=gbk");
	assert_body(member(&r, "h.cn/lf.txt"), "lf");
	assert_int_equal(r.nev, 0);
	result_free(&r);
	sl_buf_free(&b);
	free(path);
}

static void
test_lying_length(void **state)
{
	(void)state;
	struct sl_buf b;
	sl_buf_init(&b, 0);
	const char *http = "HTTP/1.1 200 OK\r\n\r\n<p>0123456789</p>";
	/* 10 bytes short: the tail is junk before the next record. */
	record(&b, "WARC/1.0", "response", "http://h.cn/short.html", NULL, http,
	       strlen(http), -10);
	response(&b, "http://h.cn/next.html", "HTTP/1.1 200 OK\r\n\r\nnext");
	/* Longer than the data, at the end of the file: truncated. */
	record(&b, "WARC/1.0", "response", "http://h.cn/last.html", NULL, http,
	       strlen(http), 100);
	b.len -= 4;       /* no record end either */
	char *path;
	write_warc("lying.warc", &b, &path);
	struct result r;
	read_snap(path, NULL, NULL, &r);
	assert_int_equal(r.open_st, SL_OK);
	assert_int_equal(r.st, SL_ERR_FORMAT);
	assert_non_null(strstr(r.err.msg, "lying.warc"));
	assert_non_null(strstr(r.err.msg, "http://h.cn/last.html"));
	assert_int_equal(r.n, 2);
	assert_body(member(&r, "h.cn/short.html"), "<p>0123");
	assert_body(member(&r, "h.cn/next.html"), "next");
	assert_int_equal(events(&r, SL_EV_SKIPPED, NULL), 1);
	assert_int_equal(events(&r, SL_EV_DAMAGED, "http://h.cn/last.html"), 1);
	result_free(&r);
	sl_buf_free(&b);
	free(path);
}

static void
test_missing_headers(void **state)
{
	(void)state;
	struct sl_buf b;
	sl_buf_init(&b, 0);
	const char *ok = "HTTP/1.1 200 OK\r\n\r\nok";
	record(&b, "WARC/1.0", NULL, "http://h.cn/notype.html", NULL, ok, strlen(ok), 0);
	record(&b, "WARC/1.0", "response", NULL, NULL, ok, strlen(ok), 0);
	sl_buf_puts(&b, "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://h.cn/nolen.html"
	            "\r\n\r\nHTTP/1.1 200 OK\r\n\r\nlost\r\n\r\n");
	sl_buf_puts(&b, "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://h.cn/badlen.html"
	            "\r\nContent-Length: 12x\r\n\r\nHTTP/1.1 200 OK\r\n\r\nlost\r\n\r\n");
	response(&b, "http://h.cn/nohttp.html", "this is no HTTP head");
	response(&b, "dns:www.h.cn", "20170306040206\nwww.h.cn. 300 IN A 1.2.3.4\n");
	response(&b, "http:///nohost", ok);
	response(&b, "http://h.cn/good.html", ok);
	char *path;
	write_warc("missing.warc", &b, &path);
	struct result r;
	read_snap(path, NULL, NULL, &r);
	assert_int_equal(r.st, SL_OK);
	assert_int_equal(r.n, 1);
	assert_body(member(&r, "h.cn/good.html"), "ok");
	assert_int_equal(events(&r, SL_EV_SKIPPED, "http://h.cn/notype.html"), 1);
	assert_int_equal(events(&r, SL_EV_SKIPPED, "http://h.cn/nolen.html"), 1);
	assert_int_equal(events(&r, SL_EV_SKIPPED, "http://h.cn/badlen.html"), 1);
	assert_int_equal(events(&r, SL_EV_SKIPPED, "http://h.cn/nohttp.html"), 1);
	assert_int_equal(events(&r, SL_EV_SKIPPED, "http:///nohost"), 1);
	assert_int_equal(events(&r, SL_EV_NOTE, "dns:www.h.cn"), 1);
	/* No URI at all; and the bytes skipped after each bad length. */
	assert_int_equal(events(&r, SL_EV_SKIPPED, NULL), 8);
	result_free(&r);
	sl_buf_free(&b);
	free(path);
}

static void
test_duplicates(void **state)
{
	(void)state;
	struct sl_buf b;
	sl_buf_init(&b, 0);
	response(&b, "http://h.cn/a.html", "HTTP/1.1 200 OK\r\n\r\nfirst");
	response(&b, "http://h.cn/a.html?session=2", "HTTP/1.1 200 OK\r\n\r\nsecond");
	response(&b, "http://H.CN:80/a.html#top", "HTTP/1.1 200 OK\r\n\r\nthird");
	RECORD_S(&b, "resource", "http://h.cn/a.html", NULL, "fourth");
	char *path;
	write_warc("dup.warc", &b, &path);
	struct result r;
	read_snap(path, NULL, NULL, &r);
	assert_int_equal(r.st, SL_OK);
	assert_int_equal(r.n, 1);
	assert_body(&r.m[0], "first");
	assert_int_equal(r.nev, 0);
	result_free(&r);
	sl_buf_free(&b);
	free(path);
}

/* Three records, each its own gzip member, and the same in one member. */
static void
test_gzip(void **state)
{
	(void)state;
	struct sl_buf recs[3], per, whole, all;
	sl_buf_init(&per, 0);
	sl_buf_init(&whole, 0);
	sl_buf_init(&all, 0);
	static const char *const uris[] = { "http://h.cn/", "http://h.cn/1.html",
	                                    "http://h.cn/2.html" };
	for (int i = 0; i < 3; i++) {
		sl_buf_init(&recs[i], 0);
		char http[128];
		snprintf(http, sizeof http, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
		         "<p>%d</p>", i);
		response(&recs[i], uris[i], http);
		gzip_into(&per, recs[i].data, recs[i].len);
		sl_buf_append(&all, recs[i].data, recs[i].len);
	}
	gzip_into(&whole, all.data, all.len);
	char *p1, *p2;
	write_warc("per.warc.gz", &per, &p1);
	write_warc("whole.warc.gz", &whole, &p2);
	const char *paths[] = { p1, p2, "-" };
	for (size_t k = 0; k < N(paths); k++) {
		FILE *in = k == 2 ? fmemopen(per.data, per.len, "r") : NULL;
		struct result r;
		read_snap(paths[k], NULL, in, &r);
		if (in != NULL)
			fclose(in);
		assert_int_equal(r.kind, SL_SNAP_WARC);
		assert_int_equal(r.st, SL_OK);
		assert_int_equal(r.n, 3);
		assert_string_equal(r.m[0].path, "h.cn/index.html");
		assert_body(&r.m[0], "<p>0</p>");
		assert_body(member(&r, "h.cn/2.html"), "<p>2</p>");
		assert_true(r.m[0].is_first_html);
		result_free(&r);
	}
	/* A cut .warc.gz: what came before is read, then an error.  (The
	 * gzip filter inflates 64 KiB blocks: the block in which the cut
	 * falls is lost, and a file that inflates to less fails at open.) */
	sl_buf_reset(&per);
	for (int i = 0; i < 200; i++) {
		char uri[64], http[4096];
		snprintf(uri, sizeof uri, "http://h.cn/%03d.html", i);
		int n = snprintf(http, sizeof http, "HTTP/1.1 200 OK\r\n\r\n");
		uint32_t seed = (uint32_t)i + 1;
		for (int k = 0; k < 2000; k++) {
			seed = seed * 1103515245u + 12345u;
			http[n++] = (char)('a' + (seed >> 16) % 26);
		}
		http[n] = '\0';
		sl_buf_reset(&all);
		response(&all, uri, http);
		gzip_into(&per, all.data, all.len);
	}
	per.len = per.len / 2;
	char *p3, *p4;
	write_warc("cut.warc.gz", &per, &p3);
	struct result r;
	read_snap(p3, NULL, NULL, &r);
	assert_int_equal(r.open_st, SL_OK);
	assert_int_equal(r.st, SL_ERR_FORMAT);
	assert_true(r.n >= 50 && r.n < 100);
	for (size_t i = 0; i < r.n; i++) {
		char want[32];
		snprintf(want, sizeof want, "h.cn/%03zu.html", i);
		assert_string_equal(r.m[i].path, want);
		assert_int_equal(r.m[i].len, 2000);
	}
	assert_non_null(strstr(r.err.msg, "cut.warc.gz"));
	assert_int_equal(events(&r, SL_EV_DAMAGED, NULL), 1);
	result_free(&r);
	per.len = 3000;
	write_warc("small-cut.warc.gz", &per, &p4);
	read_snap(p4, NULL, NULL, &r);
	assert_int_equal(r.open_st, SL_ERR_FORMAT);
	assert_non_null(strstr(r.err.msg, "small-cut.warc.gz"));
	assert_non_null(strstr(r.err.msg, "truncated"));
	result_free(&r);
	free(p4);
	for (int i = 0; i < 3; i++)
		sl_buf_free(&recs[i]);
	sl_buf_free(&per);
	sl_buf_free(&whole);
	sl_buf_free(&all);
	free(p1);
	free(p2);
	free(p3);
}

static void
test_caps(void **state)
{
	(void)state;
	struct sl_buf b, big;
	sl_buf_init(&b, 0);
	sl_buf_init(&big, 0);
	sl_buf_puts(&big, "HTTP/1.1 200 OK\r\n\r\n");
	for (int i = 0; i < 5000; i++)
		sl_buf_putc(&big, 'x');
	record(&b, "WARC/1.0", "response", "http://h.cn/big.html", NULL, big.data, big.len, 0);
	/* A gzip body that inflates past the cap. */
	sl_buf_reset(&big);
	char zeros[8192] = { 0 };
	sl_buf_puts(&big, "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n");
	gzip_into(&big, zeros, sizeof zeros);
	record(&b, "WARC/1.0", "response", "http://h.cn/bomb.html", NULL, big.data, big.len, 0);
	/* A header block over 64 KiB. */
	sl_buf_puts(&b, "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://h.cn/hdr\r\n");
	for (int i = 0; i < 2000; i++)
		sl_buf_puts(&b, "X-Padding: 0123456789012345678901234567890123456789\r\n");
	sl_buf_puts(&b, "Content-Length: 21\r\n\r\nHTTP/1.1 200 OK\r\n\r\nxx\r\n\r\n");
	response(&b, "http://h.cn/ok.html", "HTTP/1.1 200 OK\r\n\r\nok");
	char *path;
	write_warc("caps.warc", &b, &path);
	struct sl_limits lim = { 4096, 0, 0 };
	struct result r;
	read_snap(path, &lim, NULL, &r);
	assert_int_equal(r.st, SL_OK);
	assert_int_equal(r.n, 1);
	assert_body(&r.m[0], "ok");
	assert_int_equal(events(&r, SL_EV_LIMIT, "http://h.cn/big.html"), 1);
	assert_int_equal(events(&r, SL_EV_LIMIT, "http://h.cn/bomb.html"), 1);
	assert_int_equal(events(&r, SL_EV_LIMIT, NULL), 3);
	result_free(&r);
	/* The count cap. */
	struct sl_limits one = { 0, 0, 1 };
	read_snap(path, &one, NULL, &r);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.m[0].path, "h.cn/big.html");
	result_free(&r);
	sl_buf_free(&b);
	sl_buf_free(&big);
	free(path);
}

/* --- fixtures (warcio, jwarc) --------------------------------------------- */

static void
test_fixture_warcio(void **state)
{
	(void)state;
	struct result r;
	/* A gzip-encoded response; a revisit of the same URI. */
	read_snap(FIXTURES "example.warc.gz", NULL, NULL, &r);
	assert_int_equal(r.st, SL_OK);
	assert_int_equal(r.n, 1);
	const struct sl_member *m = member(&r, "example.com/index.html");
	assert_int_equal(m->len, 1270);    /* the uncompressed page */
	assert_memory_equal(m->data, "<!doctype html>", 15);
	assert_non_null(strstr((const char *)m->data, "<title>Example Domain</title>"));
	assert_int_equal(m->http_status, 200);
	assert_string_equal(m->content_type, "text/html");
	assert_int_equal(m->warc_date, epoch(2017, 3, 6, 4, 2, 6));
	assert_string_equal(r.host, "example.com");
	assert_int_equal(r.nev, 0);
	result_free(&r);

	read_snap(FIXTURES "example-iana.org-chunked.warc", NULL, NULL, &r);
	assert_int_equal(r.st, SL_OK);
	m = member(&r, "www.iana.org/index.html");
	assert_int_equal(m->len, 7223);
	assert_memory_equal(m->data, "<!doctype html>", 15);
	assert_memory_equal(m->data + m->len - 8, "</html>\n", 8);
	assert_string_equal(m->content_type, "text/html; charset=UTF-8");
	result_free(&r);

	/* Content-Length 2 bytes short of the data. */
	read_snap(FIXTURES "example-trunc.warc", NULL, NULL, &r);
	assert_int_equal(r.st, SL_OK);
	m = member(&r, "example.com/index.html");
	assert_int_equal(m->len, 1270);
	assert_int_equal(events(&r, SL_EV_SKIPPED, NULL), 1);
	result_free(&r);

	/* wget: URIs in <>, its log as metadata: resources. */
	read_snap(FIXTURES "example-wget-bad-target-uri.warc.gz", NULL, NULL, &r);
	assert_int_equal(r.st, SL_OK);
	assert_int_equal(r.n, 1);
	assert_string_equal(member(&r, "example.com/index.html")->url, "http://example.com/");
	assert_int_equal(events(&r, SL_EV_SKIPPED, NULL), 0);
	result_free(&r);

	read_snap(FIXTURES "example-resource.warc.gz", NULL, NULL, &r);
	assert_int_equal(r.st, SL_OK);
	m = member(&r, "example.com/index.html");
	assert_int_equal(m->http_status, 200);
	assert_string_equal(m->content_type, "text/html; charset=utf-8");
	result_free(&r);
}

static void
test_fixture_jwarc(void **state)
{
	(void)state;
	struct result r;
	read_snap(FIXTURES "cc.warc.gz", NULL, NULL, &r);
	assert_int_equal(r.st, SL_OK);
	const struct sl_member *m = member(&r, "commoncrawl.org/index.html");
	assert_int_equal(m->len, 20289);   /* its HTTP Content-Length */
	assert_string_equal(m->content_type, "text/html; charset=UTF-8");
	assert_int_equal(m->warc_date, epoch(2019, 12, 10, 10, 0, 1));
	assert_string_equal(r.host, "commoncrawl.org");
	result_free(&r);
	/* A gzip member with an extra field, holding a warcinfo only. */
	read_snap(FIXTURES "gzip_extra_sl.warc.gz", NULL, NULL, &r);
	assert_int_equal(r.kind, SL_SNAP_WARC);
	assert_int_equal(r.st, SL_OK);
	assert_int_equal(r.n, 0);
	assert_int_equal(r.nev, 0);
	result_free(&r);
	/* Folded headers; the file ends right after the header. */
	read_snap(FIXTURES "fold.warc", NULL, NULL, &r);
	assert_int_equal(r.kind, SL_SNAP_WARC);
	assert_int_equal(r.st, SL_OK);
	assert_int_equal(r.n, 0);
	result_free(&r);
}

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

static int
setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/sl-test-warc.XXXXXX");
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
		cmocka_unit_test(test_basic),
		cmocka_unit_test(test_v11_resource),
		cmocka_unit_test(test_chunked),
		cmocka_unit_test(test_content_encoding),
		cmocka_unit_test(test_status),
		cmocka_unit_test(test_revisit),
		cmocka_unit_test(test_folded_headers),
		cmocka_unit_test(test_lying_length),
		cmocka_unit_test(test_missing_headers),
		cmocka_unit_test(test_duplicates),
		cmocka_unit_test(test_gzip),
		cmocka_unit_test(test_caps),
		cmocka_unit_test(test_fixture_warcio),
		cmocka_unit_test(test_fixture_jwarc),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
