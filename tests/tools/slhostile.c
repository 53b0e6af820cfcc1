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
 */
#include <archive.h>
#include <archive_entry.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	return 0;
}
