/*
 * path.c - member names: normalization (the one place that decides which
 * names are safe), legacy-encoded names (GBK from Chinese zip tools) and
 * the URL to member path mapping used for WARC records.
 */
#include "snapshot_impl.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/ucnv.h>
#include <unicode/ustring.h>

bool
sl_path_is_utf8(const char *p, size_t n)
{
	const unsigned char *s = (const unsigned char *)p;
	size_t i = 0;
	while (i < n) {
		uint32_t cp;
		int len = sl_utf8_decode(s + i, n - i, &cp);
		/* A real U+FFFD decodes as 3 bytes; 1 byte means invalid. */
		if (cp == 0xFFFD && len == 1)
			return false;
		i += (size_t)len;
	}
	return true;
}

/* GBK names can be valid UTF-8 by chance: "通知" in GBK is CD A8 D6 AA,
 * which is UTF-8 for a combining mark and a Hebrew accent.  A name whose
 * non-ASCII characters are all 2-byte UTF-8 (U+0080-U+07FF) and not all
 * Latin letters (U+00C0-U+024F, as in "café") is ambiguous. */
static bool
ambiguous_utf8(const char *p, size_t n)
{
	const unsigned char *s = (const unsigned char *)p;
	bool odd = false;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		int len = sl_utf8_decode(s + i, n - i, &cp);
		if (cp >= 0x800)
			return false;
		if (cp >= 0x80 && (cp < 0xC0 || cp > 0x24F))
			odd = true;
		i += (size_t)len;
	}
	return odd;
}

/* True when U holds only ASCII, CJK ideographs, CJK punctuation and
 * full-width forms: what a GBK file name decodes to. */
static bool
cjk_only(const UChar *u, int32_t n)
{
	for (int32_t i = 0; i < n; i++) {
		UChar c = u[i];
		if (!(c < 0x80 || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3000 && c <= 0x303F) ||
		      (c >= 0xFF00 && c <= 0xFFEF)))
			return false;
	}
	return true;
}

/* Decodes N bytes of GB18030 at RAW; NULL when they are not GB18030 or
 * (when CJK_ONLY) decode to anything but ASCII and CJK. */
static char *
from_gbk(const char *raw, size_t len, bool need_cjk)
{
	if (len > SL_SNAPSHOT_NAME_MAX)
		return NULL;
	UErrorCode ec = U_ZERO_ERROR;
	UConverter *cv = ucnv_open("GB18030", &ec);
	if (U_FAILURE(ec))
		return NULL;
	/* Stop at the first byte sequence GB18030 does not define. */
	ucnv_setToUCallBack(cv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &ec);
	UChar u[SL_SNAPSHOT_NAME_MAX + 1];
	int32_t ulen = ucnv_toUChars(cv, u, (int32_t)(sizeof u / sizeof u[0]),
	                             raw, (int32_t)len, &ec);
	ucnv_close(cv);
	if (U_FAILURE(ec) || (need_cjk && !cjk_only(u, ulen)))
		return NULL;
	int32_t need = 0;
	UErrorCode ec2 = U_ZERO_ERROR;
	u_strToUTF8(NULL, 0, &need, u, ulen, &ec2);
	char *out = sl_malloc((size_t)need + 1);
	ec = U_ZERO_ERROR;
	u_strToUTF8(out, need + 1, NULL, u, ulen, &ec);
	if (U_FAILURE(ec) || memchr(out, '\0', (size_t)need) != NULL) {
		free(out);
		return NULL;
	}
	out[need] = '\0';
	return out;
}

char *
sl_path_to_utf8(const char *raw, size_t len)
{
	bool utf8 = sl_path_is_utf8(raw, len);
	if (utf8 && !ambiguous_utf8(raw, len))
		return sl_strndup(raw, len);
	char *gbk = from_gbk(raw, len, utf8);
	if (gbk == NULL && utf8)
		return sl_strndup(raw, len);
	return gbk;
}

char *
sl_path_normalize(const char *in, const char **reason)
{
	const char *why = NULL;
	char *out = NULL;
	if (in == NULL || *in == '\0') {
		why = "empty name";
		goto out;
	}
	size_t n = strlen(in);
	if (n > SL_SNAPSHOT_NAME_MAX) {
		why = "name too long";
		goto out;
	}
	if (in[0] == '/' || in[0] == '\\') {
		why = "absolute name";
		goto out;
	}
	if (((in[0] >= 'A' && in[0] <= 'Z') || (in[0] >= 'a' && in[0] <= 'z')) &&
	    in[1] == ':') {
		why = "name starts with a drive letter";
		goto out;
	}
	/* The output is never longer than the input. */
	out = sl_malloc(n + 1);
	size_t len = 0;
	const char *p = in;
	while (*p != '\0') {
		size_t seg = strcspn(p, "/\\");
		if (seg == 0 || (seg == 1 && p[0] == '.')) {
			/* empty or "." segment: dropped */
		} else if (seg == 2 && p[0] == '.' && p[1] == '.') {
			if (len == 0) {
				why = "name climbs out of the snapshot with \"..\"";
				goto out;
			}
			while (len > 0 && out[len - 1] != '/')
				len--;
			if (len > 0)
				len--;   /* the '/' before the dropped segment */
		} else {
			if (len > 0)
				out[len++] = '/';
			memcpy(out + len, p, seg);
			len += seg;
		}
		p += seg;
		if (*p != '\0')
			p++;
	}
	if (len == 0) {
		why = "name designates no file";
		goto out;
	}
	out[len] = '\0';
	return out;
out:
	free(out);
	if (reason != NULL)
		*reason = why;
	return NULL;
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = sl_ascii_lower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Percent-decodes the N bytes at P into B.  Returns false when the result
 * is not UTF-8 or holds a NUL: the path is then kept encoded. */
static bool
percent_decode(const char *p, size_t n, struct sl_buf *b)
{
	for (size_t i = 0; i < n; i++) {
		int hi, lo;
		if (p[i] == '%' && i + 2 < n && (hi = hexval(p[i + 1])) >= 0 &&
		    (lo = hexval(p[i + 2])) >= 0) {
			char c = (char)(hi * 16 + lo);
			if (c == '\0')
				return false;
			sl_buf_putc(b, c);
			i += 2;
		} else {
			sl_buf_putc(b, p[i]);
		}
	}
	return sl_path_is_utf8(b->data ? b->data : "", b->len);
}

/* Splits "user@host:port" at AUTH (N bytes) into the lowercased host with
 * a non-default port kept.  Returns NULL when there is no host. */
static char *
map_host(const char *auth, size_t n, bool https)
{
	const char *at = NULL;
	for (size_t i = 0; i < n; i++)
		if (auth[i] == '@')
			at = auth + i;
	if (at != NULL) {
		n -= (size_t)(at + 1 - auth);
		auth = at + 1;
	}
	size_t hlen = n;
	const char *close = memchr(auth, ']', n);    /* IPv6 literal */
	const char *colon = NULL;
	for (size_t i = close ? (size_t)(close - auth) : 0; i < n; i++)
		if (auth[i] == ':')
			colon = auth + i;
	if (colon != NULL) {
		hlen = (size_t)(colon - auth);
		const char *port = colon + 1;
		size_t plen = n - hlen - 1;
		if (plen == 0 || (plen == 2 && !https && memcmp(port, "80", 2) == 0) ||
		    (plen == 3 && https && memcmp(port, "443", 3) == 0))
			n = hlen;
	}
	if (hlen == 0)
		return NULL;
	char *host = sl_strndup(auth, n);
	for (char *q = host; *q; q++) {
		*q = sl_ascii_lower(*q);
		if (*q == '/' || *q == '\\' || (unsigned char)*q < 0x20) {
			free(host);
			return NULL;
		}
	}
	if (strcmp(host, ".") == 0 || strcmp(host, "..") == 0) {
		free(host);
		return NULL;
	}
	return host;
}

char *
sl_path_from_url(const char *url, size_t *host_len, const char **reason)
{
	bool https;
	if (sl_ascii_istarts(url, "http://"))
		https = false;
	else if (sl_ascii_istarts(url, "https://"))
		https = true;
	else {
		*reason = "not an http or https URL";
		return NULL;
	}
	const char *auth = url + (https ? 8 : 7);
	size_t alen = strcspn(auth, "/?#");
	char *host = map_host(auth, alen, https);
	if (host == NULL) {
		*reason = "URL has no host";
		return NULL;
	}
	const char *path = auth + alen;
	size_t plen = strcspn(path, "?#");
	struct sl_buf b;
	sl_buf_init(&b, 0);
	if (!percent_decode(path, plen, &b)) {
		/* Kept encoded; raw bytes that are not UTF-8 get encoded too. */
		sl_buf_reset(&b);
		bool utf8 = sl_path_is_utf8(path, plen);
		for (size_t i = 0; i < plen; i++) {
			unsigned char c = (unsigned char)path[i];
			if (c >= 0x80 && !utf8)
				sl_buf_printf(&b, "%%%02X", c);
			else
				sl_buf_putc(&b, (char)c);
		}
	}
	if (b.len == 0 || b.data[b.len - 1] == '/')
		sl_buf_puts(&b, "index.html");
	const char *rel = b.data;
	while (*rel == '/' || *rel == '\\')
		rel++;
	const char *why = NULL;
	char *norm = sl_path_normalize(rel, &why);
	sl_buf_free(&b);
	char *out = NULL;
	if (norm == NULL)
		*reason = why;
	else
		out = sl_aprintf("%s/%s", host, norm);
	if (out != NULL && host_len != NULL)
		*host_len = strlen(host);
	free(norm);
	free(host);
	return out;
}
