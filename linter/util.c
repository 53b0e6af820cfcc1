/*
 * util.c - status messages, allocation, capped buffers, ASCII helpers.
 */
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

sl_status
sl_err_set(struct sl_err *err, sl_status status, const char *fmt, ...)
{
	if (err != NULL) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof err->msg, fmt, ap);
		va_end(ap);
	}
	return status;
}

void
sl_die_oom(void)
{
	fputs("sitelint: out of memory\n", stderr);
	abort();
}

void *
sl_malloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (p == NULL)
		sl_die_oom();
	return p;
}

void *
sl_calloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);
	if (p == NULL)
		sl_die_oom();
	return p;
}

void *
sl_realloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (q == NULL)
		sl_die_oom();
	return q;
}

char *
sl_strndup(const char *s, size_t n)
{
	char *p = sl_malloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
sl_strdup(const char *s)
{
	return sl_strndup(s, strlen(s));
}

char *
sl_aprintf(const char *fmt, ...)
{
	va_list ap, ap2;
	if (fmt == NULL)
		return sl_strdup("");
	va_start(ap, fmt);
	va_copy(ap2, ap);
	char probe[1];
	int n = vsnprintf(probe, sizeof probe, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	char *p = sl_malloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap2);
	va_end(ap2);
	return p;
}

void
sl_buf_init(struct sl_buf *b, size_t limit)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	b->limit = limit ? limit : SIZE_MAX - 1;
}

void
sl_buf_free(struct sl_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

void
sl_buf_reset(struct sl_buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

static bool
buf_reserve(struct sl_buf *b, size_t n)
{
	if (n > b->limit - b->len)
		return false;
	size_t need = b->len + n + 1;
	if (need <= b->cap)
		return true;
	/* Oversize by 50% to keep appends amortized linear. */
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 3 ? need : cap + cap / 2;
	b->data = sl_realloc(b->data, cap);
	b->cap = cap;
	return true;
}

bool
sl_buf_append(struct sl_buf *b, const void *p, size_t n)
{
	if (!buf_reserve(b, n))
		return false;
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return true;
}

bool
sl_buf_puts(struct sl_buf *b, const char *s)
{
	return sl_buf_append(b, s, strlen(s));
}

bool
sl_buf_putc(struct sl_buf *b, char c)
{
	return sl_buf_append(b, &c, 1);
}

bool
sl_buf_printf(struct sl_buf *b, const char *fmt, ...)
{
	va_list ap, ap2;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	char probe[1];
	int n = vsnprintf(probe, sizeof probe, fmt, ap);
	va_end(ap);
	if (n < 0 || !buf_reserve(b, (size_t)n)) {
		va_end(ap2);
		return false;
	}
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap2);
	va_end(ap2);
	b->len += (size_t)n;
	return true;
}

char *
sl_buf_steal(struct sl_buf *b, size_t *len)
{
	char *p = b->data;
	if (p == NULL)
		p = sl_calloc(1, 1);
	if (len != NULL)
		*len = b->len;
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

sl_status
sl_read_capped(FILE *f, uint64_t cap, const char *name, const char *cap_name,
               unsigned char **out, size_t *len, struct sl_err *err)
{
	struct sl_buf b;
	sl_buf_init(&b, cap < SIZE_MAX - 1 ? (size_t)cap : SIZE_MAX - 1);
	char chunk[64 << 10];
	size_t n;
	sl_status st = SL_OK;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (!sl_buf_append(&b, chunk, n)) {
			st = sl_err_set(err, SL_ERR_LIMIT, "%s: larger than the %s (%llu bytes)", name,
			                cap_name, (unsigned long long)cap);
			break;
		}
	}
	if (st == SL_OK && ferror(f))
		st = sl_err_set(err, SL_ERR_IO, "%s: %s", name, strerror(errno));
	if (st == SL_OK)
		*out = (unsigned char *)sl_buf_steal(&b, len);
	sl_buf_free(&b);
	return st;
}

bool
sl_strset_add(struct sl_strset *set, const char *s)
{
	for (size_t i = 0; i < set->n; i++)
		if (strcmp(set->v[i], s) == 0)
			return false;
	if (set->n == set->cap) {
		set->cap = set->cap ? set->cap * 2 : 16;
		set->v = sl_realloc(set->v, set->cap * sizeof *set->v);
	}
	set->v[set->n++] = sl_strdup(s);
	return true;
}

void
sl_strset_clear(struct sl_strset *set)
{
	for (size_t i = 0; i < set->n; i++)
		free(set->v[i]);
	set->n = 0;
}

void
sl_strset_free(struct sl_strset *set)
{
	sl_strset_clear(set);
	free(set->v);
	set->v = NULL;
	set->cap = 0;
}

char
sl_ascii_lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

bool
sl_ascii_nieq(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (sl_ascii_lower(a[i]) != sl_ascii_lower(b[i]))
			return false;
		if (a[i] == '\0')
			return true;
	}
	return true;
}

bool
sl_ascii_ieq(const char *a, const char *b)
{
	for (;; a++, b++) {
		if (sl_ascii_lower(*a) != sl_ascii_lower(*b))
			return false;
		if (*a == '\0')
			return true;
	}
}

bool
sl_ascii_istarts(const char *s, const char *prefix)
{
	size_t n = strlen(prefix);
	return strlen(s) >= n && sl_ascii_nieq(s, prefix, n);
}

bool
sl_ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && memcmp(s + a - b, suffix, b) == 0;
}

bool
sl_parse_u64(const char *s, uint64_t max, uint64_t *out)
{
	uint64_t v = 0;
	if (s == NULL || *s == '\0')
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return false;
		unsigned d = (unsigned)(*s - '0');
		if (v > (max - d) / 10)
			return false;
		v = v * 10 + d;
	}
	*out = v;
	return true;
}

int
sl_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	if (n == 0) {
		*cp = 0xFFFD;
		return 0;
	}
	unsigned c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	int len;
	uint32_t v, min;
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2; v = c & 0x1F; min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3; v = c & 0x0F; min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4; v = c & 0x07; min = 0x10000;
	} else {
		*cp = 0xFFFD;
		return 1;
	}
	if ((size_t)len > n) {
		*cp = 0xFFFD;
		return 1;
	}
	for (int i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return 1;
		}
		v = (v << 6) | (s[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
		*cp = 0xFFFD;
		return 1;
	}
	*cp = v;
	return len;
}

int
sl_utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp >= 0xD800 && cp <= 0xDFFF)
		cp = 0xFFFD;
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	if (cp > 0x10FFFF)
		return sl_utf8_encode(0xFFFD, out);
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

bool
sl_utf8_valid_nonascii(const unsigned char *s, size_t len)
{
	bool non_ascii = false;
	for (size_t i = 0; i < len;) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		uint32_t cp;
		int n = sl_utf8_decode(s + i, len - i, &cp);
		if (cp == 0xFFFD && n == 1)
			return false;
		non_ascii = true;
		i += (size_t)n;
	}
	return non_ascii;
}
