/*
 * snapshot_warc.c - WARC and WARC.gz (plain, one gzip member per record,
 * or one for the whole file), read with our own record parser on top of
 * libarchive's raw format and decompression filters.
 *
 * response records become members (HTTP status line and headers parsed
 * and stripped, chunked bodies de-chunked, gzip/deflate bodies inflated);
 * resource records become members as they are; revisit records get the
 * body of the earlier record they name (by payload digest, else by
 * WARC-Refers-To-Target-URI).  Like links in archives, revisits are
 * collected and served by a second pass at the end, so no record's body
 * is kept while others are read.  Other record types are skipped.  The
 * first record for a path wins; later ones (re-crawls) are dropped.
 */
#include "snapshot_impl.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define RD_SIZE (64u << 10)

/* A buffered reader over the decompressed stream. */
struct rd {
	struct archive *a;
	unsigned char *buf;
	size_t pos, len;
	bool eof, failed;
};

/* The WARC header fields we use. */
struct whdr {
	char *type, *uri, *date, *ctype, *refers, *digest, *length;
};

/* The HTTP header fields we use. */
struct http {
	char *ctype, *location, *te, *ce;
	int status;
	size_t body;         /* offset of the body in the block */
};

struct field {
	const char *name;
	size_t off;          /* offset of the char * in its struct */
};

static const struct field warc_fields[] = {
	{ "WARC-Type", offsetof(struct whdr, type) },
	{ "WARC-Target-URI", offsetof(struct whdr, uri) },
	{ "WARC-Date", offsetof(struct whdr, date) },
	{ "Content-Type", offsetof(struct whdr, ctype) },
	{ "WARC-Refers-To-Target-URI", offsetof(struct whdr, refers) },
	{ "WARC-Payload-Digest", offsetof(struct whdr, digest) },
	{ "Content-Length", offsetof(struct whdr, length) },
};

static const struct field http_fields[] = {
	{ "Content-Type", offsetof(struct http, ctype) },
	{ "Location", offsetof(struct http, location) },
	{ "Transfer-Encoding", offsetof(struct http, te) },
	{ "Content-Encoding", offsetof(struct http, ce) },
};

#define NFIELDS(t) (sizeof t / sizeof t[0])

/* A revisit waiting for the body of record SRC (pass 2). */
struct revisit {
	uint64_t src;
	size_t seq;
	char *path, *url, *ctype, *location;
	int status;
	int64_t date;
};

struct warc_state {
	struct rd r;
	int pass;                       /* 1 records, 2 revisits, 3 done */
	bool quiet;                     /* pass 2: events were reported */
	uint64_t ordinal;               /* records read in this pass */
	struct sl_buf block, body;
	struct sl_snapshot_map by_uri, by_digest;   /* -> record ordinal */
	struct revisit *rv;
	size_t nrv, caprv, cur;
	/* pass 2: the current source record's decoded body */
	unsigned char *sdata;
	size_t slen;
	char *sctype;
	int sstatus;
	uint64_t sord;
	bool have_src;
};

/* --- the reader ------------------------------------------------------- */

static int
rd_fill(struct rd *r)
{
	if (r->pos < r->len)
		return 1;
	if (r->failed)
		return -1;
	if (r->eof)
		return 0;
	la_ssize_t n = archive_read_data(r->a, r->buf, RD_SIZE);
	if (n < 0) {
		r->failed = true;
		return -1;
	}
	if (n == 0) {
		r->eof = true;
		return 0;
	}
	r->pos = 0;
	r->len = (size_t)n;
	return 1;
}

/* Reads a line (without its LF or CRLF) into LINE, at most MAX bytes; a
 * longer line is consumed and returns -2.  Returns 1 for a line, 0 at the
 * end of input, -1 on a read error. */
static int
rd_line(struct rd *r, struct sl_buf *line, size_t max)
{
	sl_buf_reset(line);
	bool any = false, toolong = false;
	for (;;) {
		int f = rd_fill(r);
		if (f < 0)
			return -1;
		if (f == 0)
			return any ? (toolong ? -2 : 1) : 0;
		any = true;
		unsigned char *p = r->buf + r->pos;
		size_t avail = r->len - r->pos;
		unsigned char *nl = memchr(p, '\n', avail);
		size_t take = nl ? (size_t)(nl - p) : avail;
		if (!toolong && (take > max - line->len || !sl_buf_append(line, p, take)))
			toolong = true;
		r->pos += take + (nl != NULL);
		if (nl != NULL)
			break;
	}
	if (toolong)
		return -2;
	if (line->len > 0 && line->data[line->len - 1] == '\r')
		line->data[--line->len] = '\0';
	return 1;
}

/* Reads N bytes, keeping the first KEEP in OUT.  Returns the bytes read:
 * fewer than N at the end of input or on an error (r->failed). */
static uint64_t
rd_block(struct rd *r, uint64_t n, struct sl_buf *out, uint64_t keep)
{
	uint64_t done = 0;
	sl_buf_reset(out);
	while (done < n && rd_fill(r) > 0) {
		size_t avail = r->len - r->pos;
		size_t take = n - done < avail ? (size_t)(n - done) : avail;
		if (out->len < keep) {
			size_t k = keep - out->len < take ? (size_t)(keep - out->len) : take;
			sl_buf_append(out, r->buf + r->pos, k);
		}
		r->pos += take;
		done += take;
	}
	return done;
}

/* --- header fields ---------------------------------------------------- */

static void
fields_free(const struct field *tab, size_t n, void *obj)
{
	for (size_t i = 0; i < n; i++) {
		char **slot = (char **)((char *)obj + tab[i].off);
		free(*slot);
		*slot = NULL;
	}
}

static char *
trim(const char *p, size_t n)
{
	while (n > 0 && (*p == ' ' || *p == '\t')) {
		p++;
		n--;
	}
	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r'))
		n--;
	return sl_strndup(p, n);
}

/* Takes one header line into OBJ.  *LAST is the slot a continuation line
 * (starting with a space or tab) extends; the first occurrence wins. */
static void
field_line(const struct field *tab, size_t ntab, void *obj, const char *line,
           size_t len, char ***last)
{
	if (len > 0 && (line[0] == ' ' || line[0] == '\t')) {
		if (*last != NULL && **last != NULL) {
			char *more = trim(line, len);
			char *joined = sl_aprintf("%s%s%s", **last, ***last ? " " : "", more);
			free(more);
			free(**last);
			**last = joined;
		}
		return;
	}
	*last = NULL;
	const char *colon = memchr(line, ':', len);
	if (colon == NULL)
		return;
	char *name = trim(line, (size_t)(colon - line));
	for (size_t i = 0; i < ntab; i++) {
		char **slot = (char **)((char *)obj + tab[i].off);
		if (sl_ascii_ieq(name, tab[i].name) && *slot == NULL) {
			*slot = trim(colon + 1, len - (size_t)(colon - line) - 1);
			*last = slot;
		}
	}
	free(name);
}

/* --- WARC-Date -------------------------------------------------------- */

static int64_t
days_from_civil(int64_t y, unsigned m, unsigned d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

/* Reads N digits at *P; false when they are not there. */
static bool
digits(const char **p, int n, unsigned *out)
{
	unsigned v = 0;
	for (int i = 0; i < n; i++, (*p)++) {
		if (**p < '0' || **p > '9')
			return false;
		v = v * 10 + (unsigned)(**p - '0');
	}
	*out = v;
	return true;
}

/* Reads SEP and two digits into *OUT, if SEP is next; else leaves *OUT. */
static bool
opt_field(const char **s, char sep, unsigned *out)
{
	if (**s != sep)
		return true;
	(*s)++;
	return digits(s, 2, out);
}

/* Parses a W3C-DTF date ("2017-03-06T04:02:06Z", fractional seconds and
 * lower precisions allowed) to epoch seconds; 0 when it is not one. */
static int64_t
parse_date(const char *s)
{
	unsigned y, mo = 1, d = 1, h = 0, mi = 0, sec = 0;
	if (s == NULL || !digits(&s, 4, &y) || !opt_field(&s, '-', &mo) ||
	    !opt_field(&s, '-', &d))
		return 0;
	if (*s == 'T' && (!opt_field(&s, 'T', &h) || *s != ':' || !opt_field(&s, ':', &mi) ||
	                  !opt_field(&s, ':', &sec)))
		return 0;
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60)
		return 0;
	return days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec;
}

/* --- HTTP ------------------------------------------------------------- */

/* Parses the HTTP response head at the start of P (N bytes). */
static bool
http_parse(const unsigned char *p, size_t n, struct http *h)
{
	const char *s = (const char *)p;
	size_t lim = n < SL_SNAPSHOT_HEADER_MAX ? n : SL_SNAPSHOT_HEADER_MAX;
	if (lim < 12 || memcmp(s, "HTTP/", 5) != 0)
		return false;
	size_t i = 5;
	while (i < lim && s[i] != ' ' && s[i] != '\n')
		i++;
	while (i < lim && s[i] == ' ')
		i++;
	unsigned code = 0;
	const char *c = s + i;
	if (i + 3 > lim || !digits(&c, 3, &code))
		return false;
	h->status = (int)code;
	const char *nl = memchr(s, '\n', lim);
	char **last = NULL;
	while (nl != NULL) {
		const char *line = nl + 1;
		const char *end = memchr(line, '\n', lim - (size_t)(line - s));
		size_t len = end ? (size_t)(end - line) : lim - (size_t)(line - s);
		if (len > 0 && line[len - 1] == '\r')
			len--;
		if (len == 0) {
			h->body = end ? (size_t)(end + 1 - s) : lim;
			return true;
		}
		field_line(http_fields, NFIELDS(http_fields), h, line, len, &last);
		nl = end;
	}
	/* No blank line: a head without a body (revisit) unless cut short. */
	h->body = n;
	return n <= SL_SNAPSHOT_HEADER_MAX;
}

static int
hexdigit(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (unsigned char)sl_ascii_lower((char)c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* De-chunks P (N bytes) into OUT.  Returns 0 when done, 1 when larger
 * than CAP, -1 when it is not a chunked body.  A body cut short after
 * some chunks keeps what was read. */
static int
dechunk(const unsigned char *p, size_t n, uint64_t cap, struct sl_buf *out)
{
	size_t i = 0;
	sl_buf_reset(out);
	for (int chunks = 0;; chunks++) {
		uint64_t size = 0;
		size_t start = i;
		int v;
		while (i < n && (v = hexdigit(p[i])) >= 0) {
			if (size > (cap >> 4))
				return 1;
			size = size * 16 + (uint64_t)v;
			i++;
		}
		const unsigned char *nl = i < n ? memchr(p + i, '\n', n - i) : NULL;
		if (i == start || nl == NULL)
			return chunks > 0 && i >= n ? 0 : -1;
		i = (size_t)(nl - p) + 1;
		if (size == 0)
			return 0;
		if (size > n - i)
			size = chunks > 0 ? n - i : size;
		if (size > n - i)
			return -1;
		if (size > cap - out->len)
			return 1;
		sl_buf_append(out, p + i, (size_t)size);
		i += (size_t)size;
		if (i < n && p[i] == '\r')
			i++;
		if (i < n && p[i] == '\n')
			i++;
	}
}

/* Inflates a gzip body, or a deflate one (zlib or raw) which we wrap in a
 * gzip header: libarchive has a gzip filter and does not check its CRC.
 * Returns 0, 1 when larger than CAP, -1 on failure (OUT holds what was
 * inflated before it). */
static int
inflate_body(const unsigned char *p, size_t n, bool deflate, uint64_t cap,
             struct sl_buf *out)
{
	sl_buf_reset(out);
	/* Eight zero bytes after the data complete a trailer cut short (a
	 * Content-Length that lies by a few bytes); after a whole stream
	 * they are ignored. */
	static const unsigned char gz[10] = { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff };
	bool zlib = deflate && n >= 2 && (p[0] & 0x0F) == 8 && ((p[0] << 8) | p[1]) % 31 == 0;
	size_t head = deflate ? sizeof gz : 0, skip = zlib ? 2 : 0;
	unsigned char *wrapped = sl_calloc(1, head + n - skip + 8);
	memcpy(wrapped, gz, head);
	if (n > skip)   /* P is NULL for an empty body */
		memcpy(wrapped + head, p + skip, n - skip);
	p = wrapped;
	n = head + n - skip + 8;
	int rc = -1;
	struct archive *a = archive_read_new();
	if (a == NULL)
		sl_die_oom();
	archive_read_support_filter_gzip(a);
	archive_read_support_format_raw(a);
	struct archive_entry *e;
	if (archive_read_open_memory(a, p, n) != ARCHIVE_OK ||
	    archive_filter_code(a, 0) != ARCHIVE_FILTER_GZIP ||
	    archive_read_next_header(a, &e) != ARCHIVE_OK)
		goto out;
	unsigned char chunk[16384];
	la_ssize_t got;
	while ((got = archive_read_data(a, chunk, sizeof chunk)) > 0) {
		if ((uint64_t)got > cap - out->len) {
			rc = 1;
			goto out;
		}
		sl_buf_append(out, chunk, (size_t)got);
	}
	rc = got == 0 ? 0 : -1;
out:
	archive_read_free(a);
	free(wrapped);
	return rc;
}

/* --- records ---------------------------------------------------------- */

/* Events of pass 2 were already reported by pass 1. */
#define WEMIT(s, w, ...) \
	do { if (!(w)->quiet) sl_snapshot_emit((s), __VA_ARGS__); } while (0)

enum { HDR_END = 0, HDR_OK = 1, HDR_BAD = 2, HDR_FAILED = -1, HDR_TRUNCATED = -2 };

static bool
is_version(const char *line)
{
	return strncmp(line, "WARC/", 5) == 0 && line[5] >= '0' && line[5] <= '9';
}

/* Reads the next record's header into H.  Bytes before the version line
 * (what a wrong Content-Length leaves) are skipped and reported. */
static int
read_header(struct sl_snapshot *s, struct warc_state *w, struct whdr *h)
{
	struct sl_buf line;
	sl_buf_init(&line, 0);
	uint64_t garbage = 0;
	size_t total = 0;
	char **last = NULL;
	int rc;
	for (;;) {
		rc = rd_line(&w->r, &line, SL_SNAPSHOT_HEADER_MAX);
		if (rc == 0 || rc == -1)
			break;
		if (rc == 1 && is_version(line.data))
			break;
		if (rc != 1 || line.len > 0 || garbage > 0)
			garbage += line.len + 1;
	}
	if (garbage > 0)
		WEMIT(s, w, SL_EV_SKIPPED, NULL, "%llu bytes between WARC records are not a "
		      "record (a Content-Length that does not match the data?); skipped",
		      (unsigned long long)garbage);
	if (rc != 1) {
		rc = rc == 0 ? HDR_END : HDR_FAILED;
		goto out;
	}
	for (;;) {
		rc = rd_line(&w->r, &line, SL_SNAPSHOT_HEADER_MAX);
		if (rc == 0 || rc == -1) {
			/* The end right after a header line: complete if it says how
			 * long its block is (reading the block finds truncation). */
			uint64_t len;
			bool sized = h->length != NULL &&
			             sl_parse_u64(h->length, UINT64_MAX / 2, &len);
			rc = rc < 0 ? HDR_FAILED : sized ? HDR_OK : HDR_TRUNCATED;
			break;
		}
		total += line.len + 2;
		if (rc == -2 || total > SL_SNAPSHOT_HEADER_MAX) {
			WEMIT(s, w, SL_EV_LIMIT, NULL, "a WARC record header is larger than %u "
			      "bytes; record skipped", SL_SNAPSHOT_HEADER_MAX);
			rc = HDR_BAD;
			break;
		}
		if (line.len == 0) {
			rc = HDR_OK;
			break;
		}
		field_line(warc_fields, NFIELDS(warc_fields), h, line.data, line.len, &last);
	}
out:
	sl_buf_free(&line);
	return rc;
}

/* Reports damage that stops reading. */
static sl_status
damaged(struct sl_snapshot *s, struct warc_state *w, const char *url, uint64_t want,
        uint64_t got, struct sl_err *err)
{
	w->pass = 3;
	if (w->r.failed) {
		const char *why = archive_error_string(w->r.a);
		sl_snapshot_emit(s, SL_EV_DAMAGED, url, "%s", why ? why : "read error");
		return sl_err_set(err, SL_ERR_FORMAT, "%s: damaged%s%s%s: %s", s->display,
		                  url ? " in record '" : "", url ? url : "", url ? "'" : "",
		                  why ? why : "read error");
	}
	if (url == NULL) {
		sl_snapshot_emit(s, SL_EV_DAMAGED, NULL, "the last record header is cut short");
		return sl_err_set(err, SL_ERR_FORMAT, "%s: truncated in a record header",
		                  s->display);
	}
	sl_snapshot_emit(s, SL_EV_DAMAGED, url, "record truncated: Content-Length says %llu "
	                 "bytes, %llu are left", (unsigned long long)want, (unsigned long long)got);
	return sl_err_set(err, SL_ERR_FORMAT, "%s: truncated in record '%s': Content-Length "
	                  "says %llu bytes, %llu are left", s->display, url,
	                  (unsigned long long)want, (unsigned long long)got);
}

/* Reads a block of LEN bytes keeping at most KEEP.  Returns 1 when read,
 * 0 when larger than KEEP (reported; skipped), -1 on damage (ERR). */
static int
read_block(struct sl_snapshot *s, struct warc_state *w, uint64_t len, uint64_t keep,
           const char *url, struct sl_err *err)
{
	uint64_t got = rd_block(&w->r, len, &w->block, keep + 1);
	if (got < len) {
		damaged(s, w, url, len, got, err);
		return -1;
	}
	if (w->block.len > keep) {
		WEMIT(s, w, SL_EV_LIMIT, url, "larger than the member size cap (%llu bytes); "
		      "skipped", (unsigned long long)s->lim.member_bytes);
		return 0;
	}
	return 1;
}

static void
swap_buf(struct sl_buf *a, struct sl_buf *b)
{
	struct sl_buf t = *a;
	*a = *b;
	*b = t;
}

static bool
has_token(const char *value, const char *token)
{
	size_t n = strlen(token);
	for (const char *p = value; *p; p++)
		if (sl_ascii_nieq(p, token, n))
			return true;
	return false;
}

/* Decodes the HTTP body in w->block from offset OFF into w->body (chunks
 * and Content-Encoding).  False when it is larger than the cap. */
static bool
decode_body(struct sl_snapshot *s, struct warc_state *w, const struct http *hp,
            size_t off, const char *url)
{
	uint64_t cap = s->lim.member_bytes;
	const unsigned char *p = (const unsigned char *)w->block.data + off;
	size_t n = w->block.len - off;
	int r = -1;
	if (hp->te != NULL && has_token(hp->te, "chunked")) {
		r = dechunk(p, n, cap, &w->body);
		if (r < 0)
			WEMIT(s, w, SL_EV_NOTE, url, "body is not chunked as its header says; "
			      "kept as it is");
	}
	if (r < 0) {
		/* As it is: moved to the front of the block, which becomes the
		 * body (no copy of a large body). */
		memmove(w->block.data, p, n);
		w->block.len = n;
		w->block.data[n] = '\0';
		swap_buf(&w->block, &w->body);
		r = n > cap;
	}
	const char *ce = hp->ce;
	bool gz = ce && (sl_ascii_ieq(ce, "gzip") || sl_ascii_ieq(ce, "x-gzip"));
	bool df = ce && sl_ascii_ieq(ce, "deflate");
	if (r == 0 && (gz || df)) {
		r = inflate_body((const unsigned char *)w->body.data, w->body.len, df, cap,
		                 &w->block);
		if (r < 0)
			WEMIT(s, w, SL_EV_NOTE, url, w->block.len > 0 ? "%s body is damaged; the "
			      "part that inflates is kept" : "%s body cannot be inflated; kept as "
			      "it is", ce);
		if (r == 0 || (r < 0 && w->block.len > 0))
			swap_buf(&w->block, &w->body);
		r = r > 0;
	} else if (r == 0 && ce != NULL && !sl_ascii_ieq(ce, "identity") && *ce != '\0') {
		WEMIT(s, w, SL_EV_NOTE, url, "Content-Encoding %s is not supported; body kept "
		      "as it is", ce);
	}
	if (r > 0)
		WEMIT(s, w, SL_EV_LIMIT, url, "decoded body larger than the member size cap "
		      "(%llu bytes); skipped", (unsigned long long)cap);
	return r == 0;
}

/* Reads the payload of a response (RESPONSE) or resource record into
 * w->body; HP receives the HTTP head of a response.  Returns 1 when read,
 * 0 when skipped (reported), -1 on damage (ERR). */
static int
read_payload(struct sl_snapshot *s, struct warc_state *w, bool response, uint64_t len,
             const char *url, struct http *hp, struct sl_err *err)
{
	uint64_t keep = s->lim.member_bytes + (response ? SL_SNAPSHOT_HEADER_MAX : 0);
	int rb = read_block(s, w, len, keep, url, err);
	if (rb <= 0)
		return rb;
	if (!response) {
		swap_buf(&w->block, &w->body);
		return 1;
	}
	if (!http_parse((const unsigned char *)w->block.data, w->block.len, hp)) {
		WEMIT(s, w, SL_EV_SKIPPED, url, "response record without a valid HTTP head; "
		      "skipped");
		return 0;
	}
	return decode_body(s, w, hp, hp->body, url) ? 1 : 0;
}

/* Skips a block of LEN bytes.  Returns 0, or -1 on damage (ERR). */
static int
skip_block(struct sl_snapshot *s, struct warc_state *w, uint64_t len, const char *what,
           struct sl_err *err)
{
	uint64_t got = rd_block(&w->r, len, &w->block, 0);
	if (got < len) {
		damaged(s, w, what, len, got, err);
		return -1;
	}
	return 0;
}

/* The target URI without the <> some writers put around it. */
static char *
clean_uri(const char *u)
{
	size_t n = strlen(u);
	if (n >= 2 && u[0] == '<' && u[n - 1] == '>')
		return sl_strndup(u + 1, n - 2);
	return sl_strdup(u);
}

/* Maps H's target URI; NULL (reported) when it has none or cannot be. */
static char *
record_path(struct sl_snapshot *s, struct warc_state *w, const struct whdr *h,
            size_t *host_len, char **url)
{
	*url = NULL;
	if (h->uri == NULL) {
		WEMIT(s, w, SL_EV_SKIPPED, NULL, "a %s record has no WARC-Target-URI; skipped",
		      h->type);
		return NULL;
	}
	const char *why = NULL;
	*url = clean_uri(h->uri);
	char *path = sl_path_from_url(*url, host_len, &why);
	if (path == NULL) {
		/* dns:, metadata: ... are normal in crawls: a note, not a finding. */
		bool web = sl_ascii_istarts(*url, "http://") || sl_ascii_istarts(*url, "https://");
		WEMIT(s, w, web ? SL_EV_SKIPPED : SL_EV_NOTE, *url, "%s record cannot be "
		      "mapped to a member path (%s); skipped", h->type, why);
		free(*url);
		*url = NULL;
	}
	return path;
}

static void
http_free(struct http *hp)
{
	fields_free(http_fields, NFIELDS(http_fields), hp);
}

static bool
is_html_type(const char *ct)
{
	return ct != NULL && (sl_ascii_istarts(ct, "text/html") ||
	                      sl_ascii_istarts(ct, "application/xhtml+xml"));
}

/* response and resource records.  Returns 1 when M was filled. */
static int
on_payload(struct sl_snapshot *s, struct warc_state *w, const struct whdr *h,
           uint64_t len, struct sl_member *m, struct sl_err *err)
{
	bool response = strcmp(h->type, "response") == 0;
	size_t host_len = 0;
	char *url;
	char *path = record_path(s, w, h, &host_len, &url);
	if (path == NULL)
		return skip_block(s, w, len, h->uri, err);
	/* Index every capture for the revisits that may name it. */
	if (w->by_uri.n < s->lim.members)
		sl_snapshot_map_put(&w->by_uri, url, w->ordinal);
	if (h->digest != NULL && w->by_digest.n < s->lim.members &&
	    !sl_snapshot_map_find(&w->by_digest, h->digest, NULL))
		sl_snapshot_map_put(&w->by_digest, h->digest, w->ordinal);
	struct http hp = { 0 };
	int rc = 0;
	if (sl_snapshot_seen(s, path))
		rc = skip_block(s, w, len, url, err);   /* a re-crawl: first kept */
	else
		rc = read_payload(s, w, response, len, url, &hp, err);
	/* Do not keep a large block's buffer for the records that follow. */
	if (w->block.cap > RD_SIZE * 16)
		sl_buf_free(&w->block);
	if (rc <= 0) {
		free(path);
		free(url);
		http_free(&hp);
		return rc;
	}
	m->path = path;
	m->url = url;
	m->data = (unsigned char *)sl_buf_steal(&w->body, &m->len);
	m->http_status = response ? hp.status : 200;
	m->content_type = response ? hp.ctype : (h->ctype ? sl_strdup(h->ctype) : NULL);
	hp.ctype = NULL;
	if (m->http_status >= 300 && m->http_status < 400) {
		m->location = hp.location;
		hp.location = NULL;
	}
	m->warc_date = m->mtime = parse_date(h->date);
	bool redirect = m->http_status >= 300 && m->http_status < 400;
	if (s->host == NULL && !redirect && is_html_type(m->content_type)) {
		s->host = sl_strndup(path, host_len);
		m->is_first_html = 1;
	}
	http_free(&hp);
	return 1;
}

/* revisit records: queued for pass 2 with the record they repeat. */
static int
on_revisit(struct sl_snapshot *s, struct warc_state *w, const struct whdr *h,
           uint64_t len, struct sl_member *m, struct sl_err *err)
{
	(void)m;
	char *url;
	char *path = record_path(s, w, h, NULL, &url);
	if (path == NULL || sl_snapshot_seen(s, path)) {
		int rc = skip_block(s, w, len, url ? url : h->uri, err);
		free(path);
		free(url);
		return rc;
	}
	uint64_t got = rd_block(&w->r, len, &w->block, SL_SNAPSHOT_HEADER_MAX);
	if (got < len) {
		damaged(s, w, url, len, got, err);
		free(path);
		free(url);
		return -1;
	}
	struct http hp = { 0 };
	if (!http_parse((const unsigned char *)w->block.data, w->block.len, &hp))
		hp.status = 0;
	uint64_t src;
	char *refers = h->refers ? clean_uri(h->refers) : NULL;
	bool found = (h->digest && sl_snapshot_map_find(&w->by_digest, h->digest, &src)) ||
	             sl_snapshot_map_find(&w->by_uri, refers ? refers : url, &src);
	free(refers);
	if (!found) {
		WEMIT(s, w, SL_EV_SKIPPED, url, "revisit of a record that is not in this WARC; "
		      "skipped");
		free(path);
		free(url);
		http_free(&hp);
		return 0;
	}
	if (w->nrv == w->caprv) {
		w->caprv = w->caprv ? w->caprv * 2 : 16;
		w->rv = sl_realloc(w->rv, w->caprv * sizeof *w->rv);
	}
	struct revisit *rv = &w->rv[w->nrv];
	rv->src = src;
	rv->seq = w->nrv++;
	rv->path = path;
	rv->url = url;
	rv->status = hp.status == 304 ? 0 : hp.status;
	rv->ctype = hp.ctype;
	rv->location = hp.location;
	hp.ctype = hp.location = NULL;
	rv->date = parse_date(h->date);
	http_free(&hp);
	return 0;
}

typedef int (*record_fn)(struct sl_snapshot *s, struct warc_state *w,
                         const struct whdr *h, uint64_t len, struct sl_member *m,
                         struct sl_err *err);

static const struct {
	const char *type;
	record_fn fn;
} record_types[] = {
	{ "response", on_payload },
	{ "resource", on_payload },
	{ "revisit", on_revisit },
};

/* Handles the record whose header is H.  Returns 1 when M was filled, 0
 * to go on, -1 on damage.  Pass 2 only skips blocks. */
static int
take_record(struct sl_snapshot *s, struct warc_state *w, const struct whdr *h,
            struct sl_member *m, struct sl_err *err)
{
	uint64_t len;
	if (h->length == NULL || !sl_parse_u64(h->length, UINT64_MAX / 2, &len)) {
		/* read_header() then skips the block as bytes that are no record. */
		WEMIT(s, w, SL_EV_SKIPPED, h->uri, "WARC record without a valid "
		      "Content-Length; skipped");
		return 0;
	}
	if (h->type == NULL) {
		WEMIT(s, w, SL_EV_SKIPPED, h->uri, "WARC record without a WARC-Type; skipped");
	} else if (w->pass == 1) {
		for (size_t i = 0; i < sizeof record_types / sizeof record_types[0]; i++)
			if (strcmp(h->type, record_types[i].type) == 0)
				return record_types[i].fn(s, w, h, len, m, err);
	}
	/* request, warcinfo, metadata, ...: not members. */
	return skip_block(s, w, len, h->uri ? h->uri : h->type, err);
}

/* --- pass 2: revisits --------------------------------------------------- */

static int
cmp_revisit(const void *a, const void *b)
{
	const struct revisit *x = a, *y = b;
	if (x->src != y->src)
		return x->src < y->src ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static sl_status
reopen(struct sl_snapshot *s, struct warc_state *w, struct sl_err *err)
{
	if (w->r.a != NULL)
		archive_read_free(w->r.a);
	w->r.pos = w->r.len = 0;
	w->r.eof = w->r.failed = false;
	struct sl_err e;
	struct archive_entry *entry;
	w->r.a = sl_snapshot_archive_open(&s->src, true, &e);
	if (w->r.a == NULL)
		return sl_err_set(err, SL_ERR_FORMAT, "%s: %s", s->display, e.msg);
	if (archive_read_next_header(w->r.a, &entry) != ARCHIVE_OK)
		return sl_err_set(err, SL_ERR_FORMAT, "%s: %s", s->display,
		                  archive_error_string(w->r.a));
	return SL_OK;
}

/* End of pass 1: start pass 2 when revisits wait for their records. */
static sl_status
start_revisits(struct sl_snapshot *s, struct warc_state *w, struct sl_err *err)
{
	w->pass = 3;
	if (w->nrv == 0)
		return SL_OK;
	qsort(w->rv, w->nrv, sizeof *w->rv, cmp_revisit);
	sl_status st = reopen(s, w, err);
	if (st != SL_OK)
		return st;
	w->pass = 2;
	w->quiet = true;
	w->ordinal = 0;
	return SL_OK;
}

/* Reads records up to the ordinal SRC and leaves its payload in w->s*.
 * Returns 1, 0 when it cannot be read (its revisits are skipped), -1. */
static int
load_source(struct sl_snapshot *s, struct warc_state *w, uint64_t src, struct sl_err *err)
{
	for (;;) {
		struct whdr h = { 0 };
		int rc = read_header(s, w, &h);
		if (rc == HDR_BAD) {
			fields_free(warc_fields, NFIELDS(warc_fields), &h);
			continue;
		}
		if (rc != HDR_OK) {
			fields_free(warc_fields, NFIELDS(warc_fields), &h);
			if (rc == HDR_END)
				sl_err_set(err, SL_ERR_FORMAT, "%s: changed while it was read",
				           s->display);
			else
				damaged(s, w, NULL, 0, 0, err);
			w->pass = 3;
			return -1;
		}
		uint64_t len = 0;
		bool at = ++w->ordinal == src;
		if (at) {
			struct http hp = { 0 };
			bool response = h.type && strcmp(h.type, "response") == 0;
			if (h.length == NULL || !sl_parse_u64(h.length, UINT64_MAX / 2, &len))
				rc = 0;
			else
				rc = read_payload(s, w, response, len, h.uri, &hp, err);
			free(w->sdata);
			free(w->sctype);
			w->sdata = rc > 0 ? (unsigned char *)sl_buf_steal(&w->body, &w->slen) : NULL;
			w->sctype = response ? hp.ctype : (h.ctype ? sl_strdup(h.ctype) : NULL);
			w->sstatus = response ? hp.status : 200;
			hp.ctype = NULL;
			http_free(&hp);
		} else {
			rc = take_record(s, w, &h, NULL, err);
		}
		fields_free(warc_fields, NFIELDS(warc_fields), &h);
		if (rc < 0 || at)
			return rc;
	}
}

static sl_status
next_revisit(struct sl_snapshot *s, struct warc_state *w, struct sl_member *m,
             struct sl_err *err)
{
	while (w->cur < w->nrv) {
		struct revisit *rv = &w->rv[w->cur];
		if (!w->have_src || w->sord != rv->src) {
			int rc = load_source(s, w, rv->src, err);
			if (rc < 0)
				return SL_ERR_FORMAT;
			w->have_src = true;
			w->sord = rv->src;
		}
		w->cur++;
		if (w->sdata == NULL) {
			sl_snapshot_emit(s, SL_EV_SKIPPED, rv->url, "the record this revisit "
			                 "repeats cannot be read; skipped");
			continue;
		}
		m->path = rv->path;
		m->url = rv->url;
		rv->path = rv->url = NULL;
		m->data = sl_malloc(w->slen + 1);
		memcpy(m->data, w->sdata, w->slen);
		m->data[w->slen] = '\0';
		m->len = w->slen;
		m->http_status = rv->status ? rv->status : w->sstatus;
		m->content_type = rv->ctype ? rv->ctype : w->sctype ? sl_strdup(w->sctype) : NULL;
		rv->ctype = NULL;
		if (m->http_status >= 300 && m->http_status < 400) {
			m->location = rv->location;
			rv->location = NULL;
		}
		m->warc_date = m->mtime = rv->date;
		return SL_OK;
	}
	w->pass = 3;
	return SL_OK;
}

/* --- the backend -------------------------------------------------------- */

static bool
warc_probe(const struct sl_source *src, const char *arg)
{
	(void)arg;
	struct archive *a = sl_snapshot_archive_open(src, true, NULL);
	if (a == NULL)
		return false;
	struct archive_entry *e;
	char head[8];
	size_t n = 0;
	if (archive_read_next_header(a, &e) == ARCHIVE_OK) {
		la_ssize_t got;
		while (n < sizeof head &&
		       (got = archive_read_data(a, head + n, sizeof head - n)) > 0)
			n += (size_t)got;
	}
	archive_read_free(a);
	return n >= 7 && memcmp(head, "WARC/", 5) == 0 && head[5] >= '0' && head[5] <= '9';
}

static sl_status
warc_open(struct sl_snapshot *s, struct sl_err *err)
{
	struct warc_state *w = sl_calloc(1, sizeof *w);
	s->state = w;
	w->r.buf = sl_malloc(RD_SIZE);
	sl_buf_init(&w->block, 0);
	sl_buf_init(&w->body, 0);
	w->pass = 1;
	return reopen(s, w, err);
}

static sl_status
warc_next(struct sl_snapshot *s, struct sl_member *m, struct sl_err *err)
{
	struct warc_state *w = s->state;
	while (w->pass == 1) {
		struct whdr h = { 0 };
		int rc = read_header(s, w, &h);
		if (rc == HDR_OK) {
			w->ordinal++;
			rc = take_record(s, w, &h, m, err);
		} else if (rc == HDR_END) {
			rc = start_revisits(s, w, err) == SL_OK ? 0 : -1;
		} else if (rc != HDR_BAD) {
			damaged(s, w, NULL, 0, 0, err);
			rc = -1;
		} else {
			rc = 0;
		}
		fields_free(warc_fields, NFIELDS(warc_fields), &h);
		if (rc < 0) {
			w->pass = 3;
			return SL_ERR_FORMAT;
		}
		if (rc > 0)
			return SL_OK;
	}
	if (w->pass == 2)
		return next_revisit(s, w, m, err);
	return SL_OK;
}

static void
warc_close(struct sl_snapshot *s)
{
	struct warc_state *w = s->state;
	if (w == NULL)
		return;
	if (w->r.a != NULL)
		archive_read_free(w->r.a);
	free(w->r.buf);
	sl_buf_free(&w->block);
	sl_buf_free(&w->body);
	sl_snapshot_map_free(&w->by_uri);
	sl_snapshot_map_free(&w->by_digest);
	for (size_t i = 0; i < w->nrv; i++) {
		free(w->rv[i].path);
		free(w->rv[i].url);
		free(w->rv[i].ctype);
		free(w->rv[i].location);
	}
	free(w->rv);
	free(w->sdata);
	free(w->sctype);
	free(w);
	s->state = NULL;
}

const struct sl_snapshot_backend sl_snapshot_warc_backend = {
	SL_SNAP_WARC, true, warc_probe, warc_open, warc_next, warc_close,
};
