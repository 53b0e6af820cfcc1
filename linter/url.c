/*
 * url.c - offline link resolution and the URL cutters for srcset,
 * meta refresh and CSS (see url.h).
 *
 * The resolver keeps the path being built in the caller's
 * struct sl_url_ref: it starts as the page's member path, <base href>
 * is applied to it, then the reference.  Segments are percent-decoded as
 * they are appended, so a '%' in an existing member name is never
 * decoded twice.  No allocation; every buffer is sized from SL_URL_MAX.
 */
#include "url.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/ustring.h>

#include "util.h"

const char *const sl_url_index_names[] = {
	"index.html", "index.htm", "index.shtml", "default.html", "default.htm",
	NULL,
};

static bool
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* ASCII whitespace as the HTML standard defines it. */
static bool
is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static int
hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* ---- host names ---- */

/* Copies the host of the authority S[0..N) into OUT (SL_URL_HOST_MAX + 1
 * bytes): userinfo dropped, ASCII lowercased, one trailing dot and a
 * default or empty port removed, and a leading "www." removed when
 * STRIP_WWW.  Returns false when there is no valid host. */
static bool
host_normalize(const char *s, size_t n, bool strip_www, char *out)
{
	for (size_t i = n; i > 0; i--) {
		if (s[i - 1] == '@') {
			s += i;
			n -= i;
			break;
		}
	}
	size_t hlen = n;
	const char *port = NULL;
	if (n > 0 && s[0] == '[') {
		const char *rb = memchr(s, ']', n);
		if (rb == NULL)
			return false;
		hlen = (size_t)(rb - s) + 1;
		if (hlen < n && s[hlen] != ':')
			return false;
	} else {
		const char *colon = memchr(s, ':', n);
		if (colon != NULL)
			hlen = (size_t)(colon - s);
	}
	if (hlen < n)
		port = s + hlen + 1;
	unsigned long pv = 0;
	bool keep_port = false;
	if (port != NULL) {
		for (const char *p = port; p < s + n; p++) {
			if (!is_digit(*p))
				return false;
			pv = pv * 10 + (unsigned long)(*p - '0');
			if (pv > 65535)
				return false;
		}
		keep_port = port < s + n && pv != 80 && pv != 443;
	}
	if (hlen > 0 && s[hlen - 1] == '.')
		hlen--;
	if (strip_www && hlen > 4 && sl_ascii_nieq(s, "www.", 4)) {
		s += 4;
		hlen -= 4;
	}
	if (hlen == 0 || hlen > 255)
		return false;
	for (size_t i = 0; i < hlen; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c <= 0x20 || c == 0x7f || strchr("<>^|\"`{}\\/?#@%", c) != NULL)
			return false;
		out[i] = sl_ascii_lower((char)c);
	}
	out[hlen] = '\0';
	if (keep_port)
		snprintf(out + hlen, SL_URL_HOST_MAX + 1 - hlen, ":%lu", pv);
	return true;
}

/* Finds the authority in NAME, a bare host or a URL. */
static void
authority_of(const char *name, const char **start, size_t *len)
{
	const char *p = strstr(name, "://");
	p = p != NULL ? p + 3 : name;
	while (is_ws(*p) || *p == '/' || *p == '\\')
		p++;
	size_t n = strcspn(p, "/\\?#");
	while (n > 0 && is_ws(p[n - 1]))
		n--;
	*start = p;
	*len = n;
}

/* Normalizes NAME (host or URL) into the key form of struct
 * sl_site_hosts. */
static bool
host_key(const char *name, char *key)
{
	const char *a;
	size_t n;
	authority_of(name, &a, &n);
	return host_normalize(a, n, true, key);
}

static bool
hosts_has_key(const struct sl_site_hosts *hosts, const char *key)
{
	if (hosts == NULL)
		return false;
	for (size_t i = 0; i < hosts->count && i < SL_SITE_HOSTS_MAX; i++)
		if (strcmp(hosts->names[i], key) == 0)
			return true;
	return false;
}

void
sl_site_hosts_init(struct sl_site_hosts *hosts)
{
	hosts->count = 0;
}

bool
sl_site_hosts_add(struct sl_site_hosts *hosts, const char *name)
{
	char key[SL_URL_HOST_MAX + 1];
	if (name == NULL || !host_key(name, key))
		return false;
	if (hosts_has_key(hosts, key))
		return true;
	if (hosts->count >= SL_SITE_HOSTS_MAX)
		return false;
	memcpy(hosts->names[hosts->count++], key, strlen(key) + 1);
	return true;
}

bool
sl_site_hosts_match(const struct sl_site_hosts *hosts, const char *host)
{
	char key[SL_URL_HOST_MAX + 1];
	if (hosts == NULL || host == NULL || !host_key(host, key))
		return false;
	return hosts_has_key(hosts, key);
}

/* ---- percent-decoding ---- */

static bool
utf8_valid(const unsigned char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		uint32_t cp;
		int l = sl_utf8_decode(s + i, n - i, &cp);
		if (cp == 0xFFFD && l == 1 && s[i] >= 0x80)
			return false;
		i += (size_t)l;
	}
	return true;
}

/* Converts the GB18030 bytes IN[0..N) to UTF-8 in OUT (CAP bytes).
 * Returns the length, or SIZE_MAX when the bytes are not GB18030. */
static size_t
gb18030_to_utf8(const unsigned char *in, size_t n, char *out, size_t cap)
{
	UChar u[SL_URL_MAX / 3 + 4];
	UErrorCode st = U_ZERO_ERROR;
	size_t result = SIZE_MAX;

	if (n > SL_URL_MAX / 3 || cap > INT32_MAX)
		return SIZE_MAX;
	UConverter *cv = ucnv_open("GB18030", &st);
	if (U_FAILURE(st))
		return SIZE_MAX;
	ucnv_setToUCallBack(cv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &st);
	if (U_FAILURE(st))
		goto out;
	int32_t ulen = ucnv_toUChars(cv, u, (int32_t)(sizeof u / sizeof u[0]),
	                             (const char *)in, (int32_t)n, &st);
	if (U_FAILURE(st))
		goto out;
	int32_t olen = 0;
	u_strToUTF8(out, (int32_t)cap, &olen, u, ulen, &st);
	if (U_FAILURE(st) || olen < 0 || (size_t)olen > cap)
		goto out;
	result = (size_t)olen;
out:
	ucnv_close(cv);
	return result;
}

static bool
is_escape(const char *s, size_t n, size_t i)
{
	return i + 2 < n && s[i] == '%' &&
	       hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0;
}

/* Decodes one run of escapes (LIT[0..LITLEN), whose bytes are BYTES[0..NB))
 * into OUT, which has room for LITLEN bytes.  Valid UTF-8 is kept; else
 * GB18030 when ALLOW_GBK; else (or for a NUL byte) the run stays as
 * written.  Returns the bytes written. */
static size_t
decode_run(const char *lit, size_t litlen, const unsigned char *bytes,
           size_t nb, char *out, bool allow_gbk, bool *had_nul)
{
	if (memchr(bytes, 0, nb) != NULL) {
		*had_nul = true;
	} else if (utf8_valid(bytes, nb)) {
		memcpy(out, bytes, nb);
		return nb;
	} else if (allow_gbk) {
		size_t n = gb18030_to_utf8(bytes, nb, out, litlen);
		if (n != SIZE_MAX)
			return n;
	}
	memcpy(out, lit, litlen);
	return litlen;
}

/* Percent-decodes S[0..N) into OUT, which has room for N + 1 bytes (the
 * result is never longer than the input), and NUL-terminates it.  Sets
 * *HAD_NUL when an escape stood for a NUL byte (that run is kept as
 * written).  Returns the length. */
static size_t
pct_decode(const char *s, size_t n, char *out, bool allow_gbk, bool *had_nul)
{
	unsigned char bytes[SL_URL_MAX / 3 + 1];
	size_t o = 0, i = 0;

	while (i < n) {
		if (!is_escape(s, n, i)) {
			out[o++] = s[i++];
			continue;
		}
		size_t start = i, nb = 0;
		while (nb < sizeof bytes && is_escape(s, n, i)) {
			bytes[nb++] = (unsigned char)(hex_value(s[i + 1]) * 16 +
			                              hex_value(s[i + 2]));
			i += 3;
		}
		o += decode_run(s + start, i - start, bytes, nb, out + o,
		                allow_gbk, had_nul);
	}
	out[o] = '\0';
	return o;
}

/* ---- the path being resolved ---- */

struct walk {
	char *buf;          /* out->path */
	const char *root;   /* bytes that stand for the root ("" or "host/") */
	size_t root_len;
	size_t base;        /* bytes of buf that are the root: never popped */
	size_t len;
	bool own;           /* on the site's own hosts (base == root_len) */
	bool dir;           /* buf names a directory */
	const char *reason; /* why resolution failed */
};

/* Moves W to the root of the site (OWN) or of another host. */
static void
walk_reset(struct walk *w, bool own)
{
	w->own = own;
	w->base = own ? w->root_len : 0;
	memcpy(w->buf, w->root, w->base);
	w->len = w->base;
	w->dir = true;
}

/* Drops the last segment, never the root. */
static void
walk_pop(struct walk *w)
{
	size_t i = w->len;
	while (i > w->base && w->buf[i - 1] != '/')
		i--;
	w->len = i > w->base ? i - 1 : w->base;
}

static bool
walk_push(struct walk *w, const char *seg, size_t n)
{
	size_t sep = w->len > w->base ? 1 : 0;
	if (n + sep >= SL_URL_PATH_MAX - w->len) {
		w->reason = "resolved path too long";
		return false;
	}
	if (sep)
		w->buf[w->len++] = '/';
	memcpy(w->buf + w->len, seg, n);
	w->len += n;
	return true;
}

/* 1 for ".", 2 for "..", else 0; "%2e" counts as a dot, as browsers
 * count it. */
static int
dot_segment(const char *s, size_t n)
{
	int dots = 0;
	size_t i = 0;
	while (i < n) {
		if (s[i] == '.')
			i++;
		else if (n - i >= 3 && s[i] == '%' && s[i + 1] == '2' &&
		         (s[i + 2] == 'e' || s[i + 2] == 'E'))
			i += 3;
		else
			return 0;
		if (++dots > 2)
			return 0;
	}
	return dots;
}

/* Appends one decoded segment; an escaped '/' or '\' in it separates
 * segments, as it does in a web server's file name. */
static bool
walk_push_decoded(struct walk *w, const char *d, size_t n)
{
	size_t i = 0;
	w->dir = false;
	while (i < n) {
		size_t j = i;
		while (j < n && d[j] != '/' && d[j] != '\\')
			j++;
		if (j < n && j + 1 == n)
			w->dir = true;
		int dots = j - i <= 2 ? dot_segment(d + i, j - i) : 0;
		if (dots == 2)
			walk_pop(w);
		if (dots > 0 && j == n)
			w->dir = true;
		if (dots == 0 && j > i && !walk_push(w, d + i, j - i))
			return false;
		i = j + 1;
	}
	return true;
}

/* Applies the raw '/'-separated path P[0..N) to W: dot segments resolved
 * (clamped at the root), empty segments dropped, the rest decoded. */
static bool
walk_apply(struct walk *w, const char *p, size_t n)
{
	char seg[SL_URL_MAX + 1];
	size_t i = 0;

	while (i < n) {
		size_t j = i;
		while (j < n && p[j] != '/')
			j++;
		int dots = dot_segment(p + i, j - i);
		if (dots == 2)
			walk_pop(w);
		if (dots > 0)
			w->dir = true;
		if (dots == 0 && j > i) {
			bool nul = false;
			size_t len = pct_decode(p + i, j - i, seg, true, &nul);
			if (nul) {
				w->reason = "escaped NUL byte in the path";
				return false;
			}
			if (!walk_push_decoded(w, seg, len))
				return false;
		}
		i = j + 1;
	}
	if (n > 0 && p[n - 1] == '/')
		w->dir = true;
	return true;
}

/* ---- references ---- */

struct parts {
	const char *scheme;
	size_t scheme_len;
	bool has_auth;
	const char *auth;
	size_t auth_len;
	const char *path;
	size_t path_len;
	bool has_query;
	const char *query;
	size_t query_len;
	bool has_frag;
	const char *frag;
	size_t frag_len;
};

/* Copies REF into BUF (SL_URL_MAX + 1 bytes) as the URL parser sees it:
 * leading and trailing C0 controls and spaces removed, tabs and newlines
 * dropped.  Returns the length, or SIZE_MAX when REF is too long. */
static size_t
clean_ref(const char *ref, char *buf)
{
	size_t n = strnlen(ref, SL_URL_MAX + 1);
	if (n > SL_URL_MAX)
		return SIZE_MAX;
	size_t a = 0, o = 0;
	while (a < n && (unsigned char)ref[a] <= 0x20)
		a++;
	while (n > a && (unsigned char)ref[n - 1] <= 0x20)
		n--;
	for (size_t i = a; i < n; i++)
		if (ref[i] != '\t' && ref[i] != '\n' && ref[i] != '\r')
			buf[o++] = ref[i];
	buf[o] = '\0';
	return o;
}

/* "", "#", and javascript: URLs that do nothing. */
static bool
is_placeholder(const char *s, size_t n)
{
	static const char *const noops[] = {
		"", ";", "void(0)", "void(0);", "void0", "void0;", NULL,
	};
	char body[16];
	size_t b = 0;

	if (n == 0 || (n == 1 && s[0] == '#'))
		return true;
	if (n < 11 || !sl_ascii_nieq(s, "javascript:", 11))
		return false;
	for (size_t i = 11; i < n; i++) {
		if (is_ws(s[i]))
			continue;
		if (b == sizeof body - 1)
			return false;
		body[b++] = sl_ascii_lower(s[i]);
	}
	body[b] = '\0';
	for (size_t i = 0; noops[i] != NULL; i++)
		if (strcmp(body, noops[i]) == 0)
			return true;
	return false;
}

static bool
scheme_is(const struct parts *p, const char *name)
{
	return p->scheme_len == strlen(name) &&
	       sl_ascii_nieq(p->scheme, name, p->scheme_len);
}

/* Splits the authority off the path part S[I..END) (backslashes already
 * turned into '/'): two or more slashes introduce a host, as the URL
 * parser skips any number of them for http. */
static void
split_authority(char *s, size_t i, size_t end, struct parts *p)
{
	size_t slashes = 0;
	while (i + slashes < end && s[i + slashes] == '/')
		slashes++;
	if (slashes < 2) {
		p->path = s + i;
		p->path_len = end - i;
		return;
	}
	size_t a = i + slashes, b = a;
	while (b < end && s[b] != '/')
		b++;
	p->has_auth = true;
	p->auth = s + a;
	p->auth_len = b - a;
	p->path = s + b;
	p->path_len = end - b;
}

/* Splits the cleaned reference S (N bytes, NUL-terminated, modified:
 * '\' before the query becomes '/') into P.  Returns SL_URL_INTERNAL for
 * an http(s) or scheme-less reference, else SL_URL_SPECIAL, or
 * SL_URL_INVALID with *REASON set. */
static enum sl_url_kind
split_ref(char *s, size_t n, struct parts *p, const char **reason)
{
	size_t i = 0;

	memset(p, 0, sizeof *p);
	if (n > 0 && is_alpha(s[0])) {
		size_t j = 1;
		while (j < n && (is_alpha(s[j]) || is_digit(s[j]) || s[j] == '+' ||
		                 s[j] == '-' || s[j] == '.'))
			j++;
		if (j < n && s[j] == ':') {
			p->scheme = s;
			p->scheme_len = j;
			i = j + 1;
		}
	}
	if (p->scheme != NULL && (p->scheme_len == 1 || scheme_is(p, "file"))) {
		*reason = "link to a local file";   /* C:\..., file:///... */
		return SL_URL_INVALID;
	}
	if (p->scheme != NULL && !scheme_is(p, "http") && !scheme_is(p, "https"))
		return SL_URL_SPECIAL;
	char *hash = memchr(s + i, '#', n - i);
	size_t end = hash != NULL ? (size_t)(hash - s) : n;
	if (hash != NULL) {
		p->has_frag = true;
		p->frag = hash + 1;
		p->frag_len = n - end - 1;
	}
	char *q = memchr(s + i, '?', end - i);
	size_t pend = q != NULL ? (size_t)(q - s) : end;
	if (q != NULL) {
		p->has_query = true;
		p->query = q + 1;
		p->query_len = end - pend - 1;
	}
	for (size_t k = i; k < pend; k++)
		if (s[k] == '\\')
			s[k] = '/';
	split_authority(s, i, pend, p);
	if (p->has_auth && p->auth_len == 0) {
		*reason = "URL without a host";
		return SL_URL_INVALID;
	}
	return SL_URL_INTERNAL;
}

/* Applies the split reference P to W, which holds the base.  HOST receives
 * the host when the result leaves the site.  Returns false with
 * W->reason set when the reference cannot be resolved. */
static bool
walk_ref(struct walk *w, const struct parts *p,
         const struct sl_site_hosts *hosts, char *host)
{
	if (p->has_auth) {
		char h[SL_URL_HOST_MAX + 1];
		if (!host_normalize(p->auth, p->auth_len, false, h)) {
			w->reason = "malformed host name";
			return false;
		}
		const char *key = h;
		if (strncmp(h, "www.", 4) == 0 && h[4] != '\0')
			key += 4;
		bool own = hosts_has_key(hosts, key);
		walk_reset(w, own);
		if (!own)
			memcpy(host, h, strlen(h) + 1);
		return walk_apply(w, p->path, p->path_len);
	}
	if (p->path_len == 0)
		return true;    /* the same document, another query or fragment */
	if (p->path[0] == '/') {
		walk_reset(w, w->own);
		return walk_apply(w, p->path, p->path_len);
	}
	if (!w->dir)
		walk_pop(w);
	w->dir = true;
	return walk_apply(w, p->path, p->path_len);
}

/* Tells whether W, after <base href>, still names the page PAGE itself
 * (the page, or its directory when the page is an index page). */
static bool
walk_is_page(const struct walk *w, const char *page, size_t page_len)
{
	if (!w->own || page_len < w->len || memcmp(w->buf, page, w->len) != 0)
		return false;
	if (!w->dir)
		return page_len == w->len;
	const char *rest = page + w->len;
	if (w->len > w->base) {
		if (*rest != '/')
			return false;
		rest++;
	}
	for (size_t i = 0; sl_url_index_names[i] != NULL; i++)
		if (strcmp(rest, sl_url_index_names[i]) == 0)
			return true;
	return false;
}

static void
walk_init(struct walk *w, const char *page, size_t page_len)
{
	memcpy(w->buf, page, page_len);
	w->len = page_len;
	w->base = w->root_len;
	w->own = true;
	w->dir = false;
	w->reason = NULL;
}

static void
ref_clear(struct sl_url_ref *out)
{
	out->kind = SL_URL_INVALID;
	out->is_dir = false;
	out->has_query = false;
	out->has_fragment = false;
	out->reason = NULL;
	out->scheme[0] = '\0';
	out->host[0] = '\0';
	out->path[0] = '\0';
	out->query[0] = '\0';
	out->fragment[0] = '\0';
}

static void
set_invalid(struct sl_url_ref *out, const char *reason)
{
	ref_clear(out);
	out->reason = reason;
}

/* The length of the part of PAGE that stands for the root: ROOT plus the
 * '/' after it, or 0 when ROOT is empty or not a prefix of PAGE. */
static size_t
root_length(const char *page, const char *root)
{
	size_t n = root != NULL ? strlen(root) : 0;
	if (n == 0 || strncmp(page, root, n) != 0)
		return 0;
	if (root[n - 1] == '/')
		return n;
	return page[n] == '/' ? n + 1 : 0;
}

/* Applies <base href> to W; an unusable one leaves W at the page. */
static void
apply_base(struct walk *w, const char *base_href, char *buf,
           const struct sl_site_hosts *hosts, struct sl_url_ref *out,
           const char *page, size_t page_len)
{
	struct parts p;
	const char *reason = NULL;
	size_t n = clean_ref(base_href, buf);
	if (n == SIZE_MAX || is_placeholder(buf, n) ||
	    split_ref(buf, n, &p, &reason) != SL_URL_INTERNAL)
		return;
	if (!walk_ref(w, &p, hosts, out->host)) {
		walk_init(w, page, page_len);
		out->host[0] = '\0';
	}
}

/* Stores the scheme of P, lowercase, when there is one and it fits. */
static void
copy_scheme(struct sl_url_ref *out, const struct parts *p)
{
	if (p->scheme == NULL || p->scheme_len >= sizeof out->scheme)
		return;
	for (size_t i = 0; i < p->scheme_len; i++)
		out->scheme[i] = sl_ascii_lower(p->scheme[i]);
	out->scheme[p->scheme_len] = '\0';
}

/* Copies the query and the decoded fragment of P into OUT. */
static void
set_query_fragment(struct sl_url_ref *out, const struct parts *p)
{
	bool nul = false;
	if (p->has_query) {
		out->has_query = true;
		memcpy(out->query, p->query, p->query_len);
		out->query[p->query_len] = '\0';
	}
	if (p->has_frag) {
		out->has_fragment = true;
		pct_decode(p->frag, p->frag_len, out->fragment, false, &nul);
	}
}

/* Stores the outcome of a resolved walk W in OUT. */
static void
finish(struct sl_url_ref *out, struct walk *w, const struct parts *p)
{
	if (w->len == w->base) {
		w->dir = true;
		if (w->base > 0)
			w->len--;    /* the bare root prefix, without its '/' */
	}
	out->path[w->len] = '\0';
	out->is_dir = w->dir;
	out->kind = w->own ? SL_URL_INTERNAL : SL_URL_EXTERNAL;
	if (w->own)
		out->host[0] = '\0';
	else
		copy_scheme(out, p);
	set_query_fragment(out, p);
}

void
sl_url_resolve(const char *page_path, const char *base_href,
               const char *ref, const struct sl_site_hosts *hosts,
               const char *root_prefix, struct sl_url_ref *out)
{
	char buf[SL_URL_MAX + 1];
	struct parts p;
	struct walk w;
	const char *reason = "no reference";

	ref_clear(out);
	if (page_path == NULL || ref == NULL)
		goto invalid;
	size_t page_len = strnlen(page_path, SL_URL_PATH_MAX);
	reason = "page path too long";
	if (page_len >= SL_URL_PATH_MAX)
		goto invalid;
	w.buf = out->path;
	w.root = page_path;
	w.root_len = root_length(page_path, root_prefix);
	walk_init(&w, page_path, page_len);
	if (base_href != NULL)
		apply_base(&w, base_href, buf, hosts, out, page_path, page_len);

	size_t n = clean_ref(ref, buf);
	reason = "URL too long";
	if (n == SIZE_MAX)
		goto invalid;
	if (is_placeholder(buf, n)) {
		ref_clear(out);
		out->kind = SL_URL_PLACEHOLDER;
		return;
	}
	enum sl_url_kind kind = split_ref(buf, n, &p, &reason);
	if (kind == SL_URL_INVALID)
		goto invalid;
	if (kind == SL_URL_SPECIAL) {
		ref_clear(out);
		out->kind = SL_URL_SPECIAL;
		copy_scheme(out, &p);
		return;
	}
	if (!p.has_auth && p.path_len == 0 && !p.has_query && p.has_frag &&
	    walk_is_page(&w, page_path, page_len)) {
		memcpy(out->path, page_path, page_len + 1);
		out->host[0] = '\0';
		out->kind = SL_URL_FRAGMENT_ONLY;
		set_query_fragment(out, &p);
		return;
	}
	reason = NULL;
	if (walk_ref(&w, &p, hosts, out->host)) {
		finish(out, &w, &p);
		return;
	}
	reason = w.reason;
invalid:
	set_invalid(out, reason);
}

bool
sl_url_candidates(const char *path, bool is_dir, sl_url_candidate_fn fn,
                  void *ctx)
{
	char buf[SL_URL_PATH_MAX + 16];
	size_t n = strlen(path);

	if (n == 0)
		is_dir = true;
	if (!is_dir && fn(ctx, path))
		return true;
	const char *slash = strrchr(path, '/');
	const char *last = slash != NULL ? slash + 1 : path;
	if (!is_dir && strchr(last, '.') != NULL)
		return false;
	if (n >= SL_URL_PATH_MAX)
		return false;
	memcpy(buf, path, n);
	if (n > 0)
		buf[n++] = '/';
	for (size_t i = 0; sl_url_index_names[i] != NULL; i++) {
		size_t k = strlen(sl_url_index_names[i]);
		memcpy(buf + n, sl_url_index_names[i], k + 1);
		if (fn(ctx, buf))
			return true;
	}
	return false;
}

/* ---- srcset ---- */

/* Skips the descriptors of a srcset candidate from S[I]: they end at a
 * comma outside parentheses.  Returns the index after that comma. */
static size_t
srcset_skip_descriptors(const char *s, size_t i)
{
	bool in_parens = false;
	for (; s[i] != '\0'; i++) {
		if (in_parens) {
			if (s[i] == ')')
				in_parens = false;
		} else if (s[i] == ',') {
			return i + 1;
		} else if (s[i] == '(') {
			in_parens = true;
		}
	}
	return i;
}

bool
sl_url_srcset_next(const char *s, size_t *pos, size_t *url_start,
                   size_t *url_len)
{
	size_t i = *pos;

	while (s[i] != '\0' && (is_ws(s[i]) || s[i] == ','))
		i++;
	if (s[i] == '\0') {
		*pos = i;
		return false;
	}
	size_t start = i;
	while (s[i] != '\0' && !is_ws(s[i]))
		i++;
	size_t end = i;
	if (s[end - 1] == ',') {
		while (end > start && s[end - 1] == ',')
			end--;    /* never reaches start: s[start] is not ',' */
	} else {
		i = srcset_skip_descriptors(s, i);
	}
	*pos = i;
	*url_start = start;
	*url_len = end - start;
	return true;
}

/* ---- meta refresh ---- */

/* Where the URL starts after "url=" (any case, spaces around '='), or
 * SIZE_MAX when C + I does not start so. */
static size_t
refresh_after_url_eq(const char *c, size_t i)
{
	if (sl_ascii_lower(c[i]) != 'u' || sl_ascii_lower(c[i + 1]) != 'r' ||
	    sl_ascii_lower(c[i + 2]) != 'l')
		return SIZE_MAX;
	i += 3;
	while (is_ws(c[i]))
		i++;
	if (c[i] != '=')
		return SIZE_MAX;
	i++;
	while (is_ws(c[i]))
		i++;
	return i;
}

bool
sl_url_refresh_target(const char *c, size_t *start, size_t *len)
{
	size_t i = 0;

	while (is_ws(c[i]))
		i++;
	size_t digits = i;
	while (is_digit(c[i]))
		i++;
	if (i == digits && c[i] != '.')
		return false;
	while (is_digit(c[i]) || c[i] == '.')
		i++;
	if (c[i] != '\0' && c[i] != ';' && c[i] != ',' && !is_ws(c[i]))
		return false;
	while (is_ws(c[i]))
		i++;
	if (c[i] == ';' || c[i] == ',')
		i++;
	while (is_ws(c[i]))
		i++;
	if (c[i] == '\0')
		return false;    /* refreshes the page itself */

	/* "u" not followed by "rl=" is part of the URL and its quotes are
	 * not skipped (the standard's "jump to parse"); else skip quotes. */
	size_t u = refresh_after_url_eq(c, i);
	bool skip_quotes = u != SIZE_MAX || sl_ascii_lower(c[i]) != 'u';
	if (u == SIZE_MAX)
		u = i;
	size_t e;
	if (skip_quotes && (c[u] == '\'' || c[u] == '"')) {
		const char *q = strchr(c + u + 1, c[u]);
		u++;
		e = q != NULL ? (size_t)(q - c) : u + strlen(c + u);
	} else {
		e = u + strlen(c + u);
	}
	while (u < e && (unsigned char)c[u] <= 0x20)
		u++;
	while (e > u && (unsigned char)c[e - 1] <= 0x20)
		e--;
	if (e == u)
		return false;
	*start = u;
	*len = e - u;
	return true;
}

/* ---- CSS ---- */

static bool
css_is_ident(char c)
{
	return is_alpha(c) || is_digit(c) || c == '-' || c == '_' ||
	       c == '\\' || (unsigned char)c >= 0x80;
}

/* Skips the comment at CSS[I] ("/" "*"); returns the index after it. */
static size_t
css_skip_comment(const char *css, size_t len, size_t i)
{
	for (i += 2; i + 1 < len; i++)
		if (css[i] == '*' && css[i + 1] == '/')
			return i + 2;
	return len;
}

static size_t
css_skip_ws_comments(const char *css, size_t len, size_t i)
{
	while (i < len) {
		if (is_ws(css[i]))
			i++;
		else if (css[i] == '/' && i + 1 < len && css[i + 1] == '*')
			i = css_skip_comment(css, len, i);
		else
			break;
	}
	return i;
}

/* Reads the string at CSS[I] (a quote).  Stores its contents' bounds in
 * *S and *E and returns the index after it; a string cut by a newline
 * is bad and gets an empty span. */
static size_t
css_string(const char *css, size_t len, size_t i, size_t *s, size_t *e)
{
	char quote = css[i];
	size_t j = i + 1;
	*s = j;
	while (j < len) {
		if (css[j] == '\\') {
			j = j + 1 < len ? j + 2 : len;
		} else if (css[j] == quote) {
			*e = j;
			return j + 1;
		} else if (css[j] == '\n' || css[j] == '\r' || css[j] == '\f') {
			*e = *s;
			return j;
		} else {
			j++;
		}
	}
	*e = len;    /* end of input closes a string */
	return len;
}

/* Skips to after the next ')' (or the end). */
static size_t
css_close_paren(const char *css, size_t len, size_t i)
{
	const char *p = i < len ? memchr(css + i, ')', len - i) : NULL;
	return p != NULL ? (size_t)(p - css) + 1 : len;
}

/* Reads the body of url( from CSS[I] (after the parenthesis).  Stores the
 * URL's bounds (empty for a bad URL) and returns the index after ')'. */
static size_t
css_url_body(const char *css, size_t len, size_t i, size_t *s, size_t *e)
{
	i = css_skip_ws_comments(css, len, i);
	if (i < len && (css[i] == '"' || css[i] == '\'')) {
		i = css_string(css, len, i, s, e);
		return css_close_paren(css, len, i);
	}
	*s = i;
	while (i < len && css[i] != ')' && !is_ws(css[i])) {
		char c = css[i];
		if (c == '"' || c == '\'' || c == '(' || (unsigned char)c < 0x20) {
			*e = *s;    /* a bad URL: browsers ignore it */
			return css_close_paren(css, len, i);
		}
		i += c == '\\' && i + 1 < len ? 2 : 1;
	}
	*e = i;
	i = css_skip_ws_comments(css, len, i);
	if (i < len && css[i] != ')')
		*e = *s;
	return css_close_paren(css, len, i);
}

bool
sl_url_css_next(const char *css, size_t len, size_t *pos, size_t *url_start,
                size_t *url_len)
{
	size_t i = *pos, s = 0, e = 0;

	while (i < len) {
		char c = css[i];
		if (c == '/' && i + 1 < len && css[i + 1] == '*') {
			i = css_skip_comment(css, len, i);
			continue;
		}
		if (c == '"' || c == '\'') {
			i = css_string(css, len, i, &s, &e);
			continue;
		}
		if (c == '\\') {
			i += 2;
			continue;
		}
		e = s = 0;
		if (c == '@' && len - i > 7 && sl_ascii_nieq(css + i + 1, "import", 6) &&
		    !css_is_ident(css[i + 7])) {
			i = css_skip_ws_comments(css, len, i + 7);
			if (i < len && (css[i] == '"' || css[i] == '\''))
				i = css_string(css, len, i, &s, &e);
		} else if ((c == 'u' || c == 'U') && len - i > 4 &&
		           sl_ascii_nieq(css + i, "url(", 4) &&
		           (i == 0 || !css_is_ident(css[i - 1]))) {
			i = css_url_body(css, len, i + 4, &s, &e);
		} else {
			i++;
		}
		if (e > s) {
			*pos = i;
			*url_start = s;
			*url_len = e - s;
			return true;
		}
	}
	*pos = len;
	return false;
}
