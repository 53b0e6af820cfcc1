/*
 * slhostile - writes the hostile snapshots of tests/hostile.sh into a
 * directory, at test time (none of them is committed):
 *
 *   slhostile DIR
 *
 * traversal.tar   names with "..", absolute names, backslash zip-slip,
 *                 symlinks and hard links leaving the snapshot, a loop
 * zeros.tar.gz    a 1 GiB member of zeros (about 1 MB compressed)
 * many.tar        60,000 members
 * liar.tar        a member whose header claims more bytes than follow
 * dup.zip         two members with the same name
 * encrypted.zip   an encrypted member (skipped if libarchive cannot write it)
 * truncated.tar.gz, random.bin, empty.tar
 * nested.html     200,000 nested <div> elements
 * longline.html   a 20 MB line
 * nul.html        NUL bytes, invalid UTF-8, bad character references
 * badgbk.html     a page declared GBK with invalid GBK bytes
 * liar.warc       WARC records with lying lengths and a missing header
 * zipslip.zip     names with "..", backslashes, drive letters, inside a zip
 * links.zip       symlinks inside a zip: out, absolute, looping, to itself
 * links.tar       a chain of 60 symlinks, hard links to nothing, to
 *                 themselves and to a symlink, a symlink to a directory
 * dup.tar         one path three times ("a/b.html", "a//b.html", "./a/b.html")
 * liar.zip        stored members whose sizes lie (more and fewer bytes
 *                 than follow)
 * bomb.zip        a deflated 80 MB member whose headers claim 100 bytes
 * badref.html     bad numeric character references in text, attributes
 *                 and the title
 * warc-missing.warc  records without WARC-Type, WARC-Target-URI,
 *                 Content-Length, WARC-Date, an HTTP head, a version line
 * corrupt.tar.gz  a gzip stream damaged in the middle: the members before
 *                 the damage must still be linted (failure path)
 * corrupt.zip     one member whose deflate data is damaged
 * site/           a directory with a FIFO (must be skipped, not waited
 *                 on) and secret.html, which hostile.sh makes unreadable
 */
#include <archive.h>
#include <archive_entry.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static char dir[4096];

static char *
path_of(const char *name)
{
	static char buf[4200];
	snprintf(buf, sizeof buf, "%s/%s", dir, name);
	return buf;
}

static void
die(struct archive *a, const char *what)
{
	fprintf(stderr, "slhostile: %s: %s\n", what, a ? archive_error_string(a) : "failed");
	exit(1);
}

static void
add_file(struct archive *a, const char *name, const void *data, size_t len)
{
	struct archive_entry *e = archive_entry_new();
	archive_entry_set_pathname(e, name);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, 0644);
	archive_entry_set_size(e, (la_int64_t)len);
	archive_entry_set_mtime(e, 1700000000, 0);
	if (archive_write_header(a, e) != ARCHIVE_OK)
		die(a, name);
	if (len > 0 && archive_write_data(a, data, len) < 0)
		die(a, name);
	archive_entry_free(e);
}

static void
add_link(struct archive *a, const char *name, const char *target, int hard)
{
	struct archive_entry *e = archive_entry_new();
	archive_entry_set_pathname(e, name);
	if (hard) {
		archive_entry_set_filetype(e, AE_IFREG);
		archive_entry_set_hardlink(e, target);
	} else {
		archive_entry_set_filetype(e, AE_IFLNK);
		archive_entry_set_symlink(e, target);
	}
	archive_entry_set_perm(e, 0777);
	archive_entry_set_size(e, 0);
	if (archive_write_header(a, e) != ARCHIVE_OK)
		die(a, name);
	archive_entry_free(e);
}

static struct archive *
open_out(const char *name, int format, int filter)
{
	struct archive *a = archive_write_new();
	archive_write_set_format(a, format);
	if (filter)
		archive_write_add_filter(a, filter);
	if (archive_write_open_filename(a, path_of(name)) != ARCHIVE_OK)
		die(a, name);
	return a;
}

static void
close_out(struct archive *a)
{
	archive_write_close(a);
	archive_write_free(a);
}

static const char page[] = "<!doctype html><html><head><meta charset=utf-8><title>t</title></head>"
                           "<body><p>正文</p></body></html>\n";

static void
write_traversal(void)
{
	struct archive *a = open_out("traversal.tar", ARCHIVE_FORMAT_TAR_PAX_RESTRICTED, 0);
	add_file(a, "index.html", page, strlen(page));
	add_file(a, "../evil.html", page, strlen(page));
	add_file(a, "/etc/evil.html", page, strlen(page));
	add_file(a, "a\\..\\..\\slip.html", page, strlen(page));
	add_file(a, "C:/windows/evil.html", page, strlen(page));
	add_link(a, "passwd.html", "/etc/passwd", 0);
	add_link(a, "up.html", "../../outside.html", 0);
	add_link(a, "loop1.html", "loop2.html", 0);
	add_link(a, "loop2.html", "loop1.html", 0);
	add_link(a, "hard.html", "../outside.html", 1);
	close_out(a);
}

static void
write_zeros(void)
{
	struct archive *a = open_out("zeros.tar.gz", ARCHIVE_FORMAT_TAR_PAX_RESTRICTED, ARCHIVE_FILTER_GZIP);
	add_file(a, "index.html", page, strlen(page));
	struct archive_entry *e = archive_entry_new();
	archive_entry_set_pathname(e, "big.html");
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, 0644);
	archive_entry_set_size(e, 1ll << 30);
	if (archive_write_header(a, e) != ARCHIVE_OK)
		die(a, "big.html");
	static char zeros[1 << 16];
	for (long i = 0; i < (1l << 30) / (long)sizeof zeros; i++)
		if (archive_write_data(a, zeros, sizeof zeros) < 0)
			die(a, "big.html");
	archive_entry_free(e);
	close_out(a);
}

static void
write_many(void)
{
	struct archive *a = open_out("many.tar", ARCHIVE_FORMAT_TAR_USTAR, 0);
	add_file(a, "index.html", page, strlen(page));
	char name[64];
	for (int i = 0; i < 60000; i++) {
		snprintf(name, sizeof name, "d%02d/f%05d.txt", i % 100, i);
		add_file(a, name, "x", 1);
	}
	close_out(a);
}

static void
write_zip(const char *name, int encrypt)
{
	struct archive *a = archive_write_new();
	archive_write_set_format_zip(a);
	if (encrypt && archive_write_set_options(a, "zip:encryption=zipcrypt") != ARCHIVE_OK) {
		archive_write_free(a);
		fprintf(stderr, "slhostile: no zip encryption here; %s not written\n", name);
		return;
	}
	if (encrypt)
		archive_write_set_passphrase(a, "secret");
	if (archive_write_open_filename(a, path_of(name)) != ARCHIVE_OK)
		die(a, name);
	add_file(a, "index.html", page, strlen(page));
	add_file(a, encrypt ? "secret.html" : "index.html", page, strlen(page));
	close_out(a);
}

static void
write_bytes(const char *name, const void *data, size_t len)
{
	FILE *f = fopen(path_of(name), "wb");
	if (f == NULL || fwrite(data, 1, len, f) != len || fclose(f) != 0)
		die(NULL, name);
}

static void
write_truncated(void)
{
	struct archive *a = archive_write_new();
	archive_write_set_format_pax_restricted(a);
	archive_write_add_filter_gzip(a);
	size_t cap = 1 << 20, used = 0;
	char *buf = malloc(cap);
	if (archive_write_open_memory(a, buf, cap, &used) != ARCHIVE_OK)
		die(a, "truncated.tar.gz");
	add_file(a, "index.html", page, strlen(page));
	char big[40000];
	for (size_t i = 0; i < sizeof big; i++)
		big[i] = (char)('a' + (i * 7919 % 26));
	add_file(a, "second.html", big, sizeof big);
	close_out(a);
	write_bytes("truncated.tar.gz", buf, used * 2 / 3);
	free(buf);
}

static void
write_pages(void)
{
	size_t n = 200000;
	char *s = malloc(n * 11 + 200), *p = s;
	p += snprintf(p, 100, "<html><head><title>deep</title></head><body>");
	for (size_t i = 0; i < n; i++) { memcpy(p, "<div>", 5); p += 5; }
	for (size_t i = 0; i < n; i++) { memcpy(p, "</div>", 6); p += 6; }
	p += snprintf(p, 100, "</body></html>\n");
	write_bytes("nested.html", s, (size_t)(p - s));
	free(s);

	size_t len = 20u << 20;
	s = malloc(len + 200);
	p = s + snprintf(s, 200, "<html><head><title>long</title></head><body><p>");
	while ((size_t)(p - s) < len) {
		memcpy(p, "政府网站 <a href=\"x.html\">x</a> ", 33);
		p += 33;
	}
	p += snprintf(p, 100, "</p></body></html>");
	write_bytes("longline.html", s, (size_t)(p - s));
	free(s);

	static const char nul[] = "<html><head><meta charset=utf-8><title>n\0ul</title></head><body>"
		"<p>a\0b \xff\xfe\xc3 &#0; &#xD800; &#99999999999; &#x110000; &bogus; &#; &#x;</p>"
		"<a href=\"a\0b.html\">x</a></body></html>";
	write_bytes("nul.html", nul, sizeof nul - 1);
	static const char gbk[] = "<html><head><meta charset=gbk><title>\xd5\xfe\xb8\xae</title></head>"
		"<body><p>\xd5\xfe\x81\x20\xff\xff\xb8</p></body></html>";
	write_bytes("badgbk.html", gbk, sizeof gbk - 1);

	unsigned char rnd[65536];
	unsigned x = 12345;
	for (size_t i = 0; i < sizeof rnd; i++) {
		x = x * 1103515245u + 12345u;
		rnd[i] = (unsigned char)(x >> 16);
	}
	write_bytes("random.bin", rnd, sizeof rnd);
}

static void
write_warc(void)
{
	static const char w[] =
		"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://h.example/\r\n"
		"WARC-Date: 2017-03-24T00:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
		"Content-Length: 120\r\n\r\n"
		"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><title>h</title><body>x</body></html>"
		"\r\n\r\n"
		"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 10\r\n\r\n0123456789\r\n\r\n"
		"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://h.example/b.html\r\n"
		"Content-Length: 999999\r\n\r\nHTTP/1.1 200 OK\r\n\r\nshort";
	write_bytes("liar.warc", w, sizeof w - 1);
}

/* --- names and links inside zips and tars ----------------------------- */

static void
write_zipslip(void)
{
	struct archive *a = open_out("zipslip.zip", ARCHIVE_FORMAT_ZIP, 0);
	add_file(a, "index.html", page, strlen(page));
	add_file(a, "..\\..\\evil.html", page, strlen(page));
	add_file(a, "a\\..\\..\\slip.html", page, strlen(page));
	add_file(a, "C:\\Windows\\evil.html", page, strlen(page));
	add_file(a, "\\abs.html", page, strlen(page));
	add_file(a, "ok\\inside.html", page, strlen(page));
	close_out(a);
}

static void
write_link_archives(void)
{
	struct archive *a = open_out("links.zip", ARCHIVE_FORMAT_ZIP, 0);
	add_file(a, "index.html", page, strlen(page));
	add_link(a, "out.html", "../../etc/passwd", 0);
	add_link(a, "abs.html", "/etc/passwd", 0);
	add_link(a, "zloop1.html", "zloop2.html", 0);
	add_link(a, "zloop2.html", "zloop1.html", 0);
	add_link(a, "self.html", "self.html", 0);
	add_link(a, "good.html", "index.html", 0);
	close_out(a);

	a = open_out("links.tar", ARCHIVE_FORMAT_TAR_PAX_RESTRICTED, 0);
	add_file(a, "index.html", page, strlen(page));
	add_file(a, "sub/p.html", page, strlen(page));
	char name[32], target[32];
	for (int i = 0; i < 60; i++) {   /* c00 -> c01 -> ... -> c59 -> index */
		snprintf(name, sizeof name, "c%02d.html", i);
		snprintf(target, sizeof target, i < 59 ? "c%02d.html" : "index.html", i + 1);
		add_link(a, name, target, 0);
	}
	add_link(a, "hnone.html", "nothere.html", 1);
	add_link(a, "hself.html", "hself.html", 1);
	add_link(a, "s.html", "index.html", 0);
	add_link(a, "hsym.html", "s.html", 1);
	add_link(a, "dirlink", "sub", 0);
	add_link(a, "sub/up.html", "../index.html", 0);
	close_out(a);

	a = open_out("dup.tar", ARCHIVE_FORMAT_TAR_PAX_RESTRICTED, 0);
	add_file(a, "index.html", page, strlen(page));
	add_file(a, "a/b.html", "<title>first</title>", 20);
	add_file(a, "a//b.html", "<title>second</title>", 21);
	add_file(a, "./a/b.html", "<title>third</title>", 20);
	add_file(a, "index.html", "<title>again</title>", 20);
	close_out(a);
}

/* --- a zip written by hand: sizes that lie ----------------------------- */

static uint32_t
crc32_of(const unsigned char *p, size_t n)
{
	uint32_t c = 0xFFFFFFFFu;
	for (size_t i = 0; i < n; i++) {
		c ^= p[i];
		for (int k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1)));
	}
	return ~c;
}

static unsigned char *
put16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	return p + 2;
}

static unsigned char *
put32(unsigned char *p, uint32_t v)
{
	p = put16(p, v & 0xFFFF);
	return put16(p, v >> 16);
}

struct zentry {
	const char *name;
	const char *data;   /* the bytes that follow the local header */
	uint32_t claim;     /* the size both headers state */
	uint32_t offset;
};

/* A stored (uncompressed) zip whose headers state CLAIM bytes for each
 * entry, with the CRC of the bytes really written. */
static void
write_liar_zip(void)
{
	static char big[200];
	memset(big, 'x', sizeof big - 1);
	struct zentry e[] = {
		{ "index.html", page, (uint32_t)strlen(page), 0 },
		{ "more.html", "<title>claims 1000000 bytes</title>", 1000000, 0 },
		{ "fewer.html", big, 10, 0 },
		{ "after.html", page, (uint32_t)strlen(page), 0 },
	};
	size_t n = sizeof e / sizeof e[0];
	unsigned char *buf = calloc(1, 1 << 16), *p = buf;
	for (size_t i = 0; i < n; i++) {
		size_t nl = strlen(e[i].name), dl = strlen(e[i].data);
		e[i].offset = (uint32_t)(p - buf);
		p = put32(p, 0x04034b50);
		p = put16(p, 20); p = put16(p, 0x800); p = put16(p, 0);
		p = put16(p, 0); p = put16(p, 0x21);
		p = put32(p, crc32_of((const unsigned char *)e[i].data, dl));
		p = put32(p, e[i].claim); p = put32(p, e[i].claim);
		p = put16(p, (unsigned)nl); p = put16(p, 0);
		memcpy(p, e[i].name, nl); p += nl;
		memcpy(p, e[i].data, dl); p += dl;
	}
	unsigned char *cd = p;
	for (size_t i = 0; i < n; i++) {
		size_t nl = strlen(e[i].name), dl = strlen(e[i].data);
		p = put32(p, 0x02014b50);
		p = put16(p, 0x031e); p = put16(p, 20); p = put16(p, 0x800); p = put16(p, 0);
		p = put16(p, 0); p = put16(p, 0x21);
		p = put32(p, crc32_of((const unsigned char *)e[i].data, dl));
		p = put32(p, e[i].claim); p = put32(p, e[i].claim);
		p = put16(p, (unsigned)nl); p = put16(p, 0); p = put16(p, 0);
		p = put16(p, 0); p = put16(p, 0); p = put32(p, 0100644u << 16);
		p = put32(p, e[i].offset);
		memcpy(p, e[i].name, nl); p += nl;
	}
	unsigned char *end = p;
	p = put32(p, 0x06054b50);
	p = put16(p, 0); p = put16(p, 0); p = put16(p, (unsigned)n); p = put16(p, (unsigned)n);
	p = put32(p, (uint32_t)(end - cd)); p = put32(p, (uint32_t)(cd - buf));
	p = put16(p, 0);
	write_bytes("liar.zip", buf, (size_t)(p - buf));
	free(buf);
}

/* Reads the file NAME whole; *LEN gets its size. */
static unsigned char *
slurp(const char *name, size_t *len)
{
	FILE *f = fopen(path_of(name), "rb");
	if (f == NULL || fseek(f, 0, SEEK_END) != 0)
		die(NULL, name);
	long n = ftell(f);
	unsigned char *b = malloc((size_t)n + 1);
	rewind(f);
	if (b == NULL || fread(b, 1, (size_t)n, f) != (size_t)n)
		die(NULL, name);
	fclose(f);
	*len = (size_t)n;
	return b;
}

/* Returns the offset of the zip header with signature SIG whose name is
 * NAME (local: name at 30, central: at 46), or (size_t)-1. */
static size_t
find_zip_header(const unsigned char *b, size_t n, uint32_t sig, const char *name)
{
	size_t at = sig == 0x04034b50 ? 30 : 46, nl = strlen(name);
	for (size_t i = 0; i + at + nl <= n; i++)
		if (b[i] == (sig & 0xFF) && b[i + 1] == ((sig >> 8) & 0xFF) &&
		    b[i + 2] == ((sig >> 16) & 0xFF) && b[i + 3] == (sig >> 24) &&
		    memcmp(b + i + at, name, nl) == 0)
			return i;
	return (size_t)-1;
}

/* A deflated member of 80 MB of zeros whose headers claim 100 bytes:
 * the member size cap must count the bytes as they come. */
static void
write_bomb_zip(void)
{
	struct archive *a = open_out("bomb.zip", ARCHIVE_FORMAT_ZIP, 0);
	add_file(a, "index.html", page, strlen(page));
	struct archive_entry *e = archive_entry_new();
	archive_entry_set_pathname(e, "bomb.html");
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, 0644);
	archive_entry_set_size(e, 80ll << 20);
	if (archive_write_header(a, e) != ARCHIVE_OK)
		die(a, "bomb.html");
	static char zeros[1 << 16];
	for (int i = 0; i < (80 << 20) / (int)sizeof zeros; i++)
		if (archive_write_data(a, zeros, sizeof zeros) < 0)
			die(a, "bomb.html");
	archive_entry_free(e);
	close_out(a);
	size_t n;
	unsigned char *b = slurp("bomb.zip", &n);
	size_t loc = find_zip_header(b, n, 0x04034b50, "bomb.html");
	size_t cen = find_zip_header(b, n, 0x02014b50, "bomb.html");
	if (loc == (size_t)-1 || cen == (size_t)-1)
		die(NULL, "bomb.zip headers");
	if (b[loc + 22] | b[loc + 23] | b[loc + 24] | b[loc + 25])
		put32(b + loc + 22, 100);
	put32(b + cen + 24, 100);
	for (size_t i = loc; i + 16 <= cen; i++)   /* the data descriptor */
		if (b[i] == 'P' && b[i + 1] == 'K' && b[i + 2] == 7 && b[i + 3] == 8)
			put32(b + i + 12, 100);
	write_bytes("bomb.zip", b, n);
	free(b);
}

/* --- pages and WARC records -------------------------------------------- */

static void
write_badref(void)
{
	static const char b[] =
		"<html><head><meta charset=utf-8><title>&#xD800;&#0;t&#x110000;</title></head><body>\n"
		"<p>&#0; &#x0; &#128; &#x80; &#x9F; &#xD800; &#xDFFF; &#xFFFE; &#x10FFFF; &#x110000;\n"
		"&#99999999999999999999999999; &#xFFFFFFFFFFFFFFFF; &#-1; &#x; &#; &#65 &#X41;\n"
		"&#00000000000000000000000000000065; &#x0000000000000000004E0D; &#xZZ; &#\n"
		"<a href=\"a&#0;b.html\">x</a> <a href=\"&#x110000;.html\">y</a>\n"
		"<img src=\"&#xD800;.png\" alt=\"&#99999999999;\"> <a href=\"#&#xDFFF;\">z</a></p>\n"
		"</body></html>\n";
	write_bytes("badref.html", b, sizeof b - 1);
}

/* Appends a WARC record with the header lines HDR (each ending in CRLF)
 * and BODY; Content-Length is added unless NO_LENGTH. */
static size_t
warc_record(char *out, size_t cap, const char *hdr, const char *body, int no_length)
{
	size_t bl = strlen(body);
	int n = no_length
	        ? snprintf(out, cap, "WARC/1.0\r\n%s\r\n%s\r\n\r\n", hdr, body)
	        : snprintf(out, cap, "WARC/1.0\r\n%sContent-Length: %zu\r\n\r\n%s\r\n\r\n", hdr, bl, body);
	return n < 0 || (size_t)n >= cap ? 0 : (size_t)n;
}

static void
write_warc_missing(void)
{
	static const char http[] = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
	                           "<html><head><title>t</title></head><body><p>x</p></body></html>";
	static const char ct[] = "Content-Type: application/http; msgtype=response\r\n";
	static char buf[8192], hdr[512];
	size_t n = 0;
	const char *d = "WARC-Date: 2017-03-24T00:00:00Z\r\n";
	snprintf(hdr, sizeof hdr, "WARC-Type: response\r\nWARC-Target-URI: http://h.example/\r\n%s%s", d, ct);
	n += warc_record(buf + n, sizeof buf - n, hdr, http, 0);
	/* no WARC-Target-URI */
	snprintf(hdr, sizeof hdr, "WARC-Type: response\r\n%s%s", d, ct);
	n += warc_record(buf + n, sizeof buf - n, hdr, http, 0);
	/* no WARC-Type */
	snprintf(hdr, sizeof hdr, "WARC-Target-URI: http://h.example/notype.html\r\n%s%s", d, ct);
	n += warc_record(buf + n, sizeof buf - n, hdr, http, 0);
	/* no WARC-Date */
	snprintf(hdr, sizeof hdr, "WARC-Type: response\r\nWARC-Target-URI: http://h.example/nodate.html\r\n%s", ct);
	n += warc_record(buf + n, sizeof buf - n, hdr, http, 0);
	/* no HTTP head in a response */
	snprintf(hdr, sizeof hdr, "WARC-Type: response\r\nWARC-Target-URI: http://h.example/nohttp.html\r\n%s%s", d, ct);
	n += warc_record(buf + n, sizeof buf - n, hdr, "<html><title>no head</title></html>", 0);
	/* a revisit without WARC-Refers-To */
	snprintf(hdr, sizeof hdr, "WARC-Type: revisit\r\nWARC-Target-URI: http://h.example/revisit.html\r\n%s", d);
	n += warc_record(buf + n, sizeof buf - n, hdr, "", 0);
	/* no version line: a header block on its own */
	n += (size_t)snprintf(buf + n, sizeof buf - n, "WARC-Type: response\r\nContent-Length: 5\r\n\r\nhello\r\n\r\n");
	/* a good record after all that */
	snprintf(hdr, sizeof hdr, "WARC-Type: response\r\nWARC-Target-URI: http://h.example/last.html\r\n%s%s", d, ct);
	n += warc_record(buf + n, sizeof buf - n, hdr, http, 0);
	/* no Content-Length, at the end */
	snprintf(hdr, sizeof hdr, "WARC-Type: response\r\nWARC-Target-URI: http://h.example/nolength.html\r\n%s%s", d, ct);
	n += warc_record(buf + n, sizeof buf - n, hdr, http, 1);
	write_bytes("warc-missing.warc", buf, n);
}

/* --- failure paths ------------------------------------------------------ */

static const char untitled[] = "<!doctype html><html><head><meta charset=utf-8></head>"
                               "<body><p>首页</p></body></html>\n";

/* Fills BUF with N letters that do not compress well. */
static void
noise(char *buf, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++) {
		seed = seed * 1103515245u + 12345u;
		buf[i] = (char)('a' + (seed >> 16) % 26);
	}
}

/* A tar.gz whose gzip stream is damaged at 60%: index.html (no title, a
 * finding) comes first and must still be reported. */
static void
write_corrupt_targz(void)
{
	struct archive *a = archive_write_new();
	archive_write_set_format_pax_restricted(a);
	archive_write_add_filter_gzip(a);
	size_t cap = 4 << 20, used = 0;
	unsigned char *buf = malloc(cap);
	if (archive_write_open_memory(a, buf, cap, &used) != ARCHIVE_OK)
		die(a, "corrupt.tar.gz");
	add_file(a, "index.html", untitled, strlen(untitled));
	static char fill[64 << 10];
	char name[32];
	for (int i = 0; i < 8; i++) {
		noise(fill, sizeof fill, (unsigned)i + 1);
		snprintf(name, sizeof name, "f%d.txt", i);
		add_file(a, name, fill, sizeof fill);
	}
	close_out(a);
	memset(buf + used * 6 / 10, 0xFF, 64);
	write_bytes("corrupt.tar.gz", buf, used);
	free(buf);
}

/* A zip whose second member's deflate data is damaged; the first and
 * the third are intact. */
static void
write_corrupt_zip(void)
{
	struct archive *a = open_out("corrupt.zip", ARCHIVE_FORMAT_ZIP, 0);
	add_file(a, "index.html", untitled, strlen(untitled));
	static char fill[16 << 10];
	noise(fill, sizeof fill, 7);
	add_file(a, "bad.html", fill, sizeof fill);
	add_file(a, "after.html", page, strlen(page));
	close_out(a);
	size_t n;
	unsigned char *b = slurp("corrupt.zip", &n);
	size_t loc = find_zip_header(b, n, 0x04034b50, "bad.html");
	if (loc == (size_t)-1)
		die(NULL, "corrupt.zip headers");
	size_t data = loc + 30 + 8 + (b[loc + 28] | (size_t)b[loc + 29] << 8);
	memset(b + data + 2000, 0xFF, 64);
	write_bytes("corrupt.zip", b, n);
	free(b);
}

/* site/: index.html, secret.html (hostile.sh takes its read permission
 * away) and fifo, a named pipe nobody writes to. */
static void
write_site(void)
{
	if (mkdir(path_of("site"), 0755) != 0)
		die(NULL, "site");
	write_bytes("site/index.html", untitled, strlen(untitled));
	write_bytes("site/secret.html", page, strlen(page));
	if (mkfifo(path_of("site/fifo"), 0644) != 0)
		die(NULL, "site/fifo");
}

/* Makes the first header of a tar claim SIZE (11 octal digits) bytes,
 * with a correct checksum, so that only the size lies. */
static void
patch_tar_size(const char *name, const char *size)
{
	FILE *f = fopen(path_of(name), "r+b");
	unsigned char h[512];
	if (f == NULL || fread(h, 1, 512, f) != 512)
		die(NULL, name);
	memcpy(h + 124, size, 11);
	memset(h + 148, ' ', 8);
	unsigned sum = 0;
	for (int i = 0; i < 512; i++)
		sum += h[i];
	snprintf((char *)h + 148, 8, "%06o", sum);
	h[155] = ' ';
	fseek(f, 0, SEEK_SET);
	if (fwrite(h, 1, 512, f) != 512 || fclose(f) != 0)
		die(NULL, name);
}

int
main(int argc, char **argv)
{
	if (argc != 2) {
		fputs("usage: slhostile DIR\n", stderr);
		return 2;
	}
	snprintf(dir, sizeof dir, "%s", argv[1]);
	write_traversal();
	write_zeros();
	write_many();
	write_zip("dup.zip", 0);
	write_zip("encrypted.zip", 1);
	write_truncated();
	struct archive *a = open_out("empty.tar", ARCHIVE_FORMAT_TAR_USTAR, 0);
	close_out(a);
	a = open_out("liar.tar", ARCHIVE_FORMAT_TAR_USTAR, 0);
	add_file(a, "index.html", page, strlen(page));
	close_out(a);
	patch_tar_size("liar.tar", "00077777777");
	write_pages();
	write_warc();
	write_zipslip();
	write_link_archives();
	write_liar_zip();
	write_bomb_zip();
	write_badref();
	write_warc_missing();
	write_corrupt_targz();
	write_corrupt_zip();
	write_site();
	return 0;
}
