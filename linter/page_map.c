/*
 * page_map.c - where libxml2's SAX events came from in the source.
 *
 * libxml2 hands out decoded text and attribute values but no offsets;
 * its parser position (input->cur) is the only clue.  In libxml2 2.9.14
 * start tags are reported with the position on their '>', end tags and
 * comments just after them, text chunks at their end -- except a chunk
 * flushed because the 1000-byte buffer filled, and a lone "<" kept as
 * text, which are reported with the position on their last character.
 * Character references arrive as chunks of their own.
 *
 * This file aligns the decoded bytes of an event with the source: plain
 * text maps byte for byte, a reference maps every byte of its expansion
 * to its '&', and characters libxml2 drops (form feeds, &#0;, U+FFFE ...)
 * are skipped.  When nothing aligns the offsets are a best effort; reads
 * never leave the text.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>

#include "page_impl.h"

/* The size of libxml2's text buffer (HTML_PARSER_BIG_BUFFER_SIZE): a
 * chunk this long was flushed before the parser moved past its last
 * character. */
#define BIG_CHUNK 1000

/* Longest entity name in libxml2's HTML 4 table is 8 bytes. */
#define MAX_ENTITY_NAME 32

/* How far back from the parser position a reference may start. */
#define REF_LOOKBACK 40

char *
sl_page_map_sanitize(const char *t, size_t len)
{
	const unsigned char *u = (const unsigned char *)t;
	char *copy = NULL;
	size_t i = 0;
	while (i < len) {
		/* Fast paths (every page goes through here, and decoded text
		 * is valid): eight ASCII bytes at a time, and the three-byte
		 * sequences of CJK text (E1-EC, EE-EF: no range check beyond
		 * the trail bits). */
		if (len - i >= 8) {
			uint64_t v;
			memcpy(&v, u + i, 8);
			if ((v & 0x8080808080808080u) == 0) {
				i += 8;
				continue;
			}
		}
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		if (u[i] >= 0xE1 && u[i] <= 0xEF && u[i] != 0xED && len - i >= 3 &&
		    (u[i + 1] & 0xC0) == 0x80 && (u[i + 2] & 0xC0) == 0x80) {
			i += 3;
			continue;
		}
		uint32_t cp;
		int n = sl_utf8_decode(u + i, len - i, &cp);
		if (n > 1 || cp != 0xFFFD) {
			i += (size_t)n;
			continue;
		}
		if (copy == NULL) {
			copy = sl_malloc(len + 1);
			memcpy(copy, t, len);
			copy[len] = '\0';
		}
		copy[i++] = '?';
	}
	return copy;
}

size_t
sl_page_map_charlen(const char *t, size_t len, size_t pos)
{
	if (pos >= len)
		return 0;
	uint32_t cp;
	int n = sl_utf8_decode((const unsigned char *)t + pos, len - pos, &cp);
	return n > 0 ? (size_t)n : 1;
}

/* libxml2's IS_CHAR: the code points XML allows. */
static bool
is_xml_char(uint32_t c)
{
	return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
	       (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

static int
digit_value(char c, bool hex)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (hex && c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (hex && c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* As htmlParseCharRef: digits up to ';' (consumed) or the first other
 * character (not consumed); a value out of range yields nothing. */
static size_t
numeric_ref(const char *t, size_t len, size_t pos, char *out, size_t *outlen)
{
	size_t i = pos + 2;
	bool hex = i < len && (t[i] == 'x' || t[i] == 'X');
	if (hex)
		i++;
	uint32_t val = 0;
	int d;
	while (i < len && (d = digit_value(t[i], hex)) >= 0) {
		if (val < 0x110000)
			val = val * (hex ? 16 : 10) + (uint32_t)d;
		i++;
	}
	if (i < len && t[i] == ';')
		i++;
	*outlen = is_xml_char(val) ? (size_t)sl_utf8_encode(val, out) : 0;
	return i - pos;
}

static bool
is_name_start(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	       c == ':' || c >= 0x80;
}

static bool
is_name_char(unsigned char c)
{
	return is_name_start(c) || (c >= '0' && c <= '9') || c == '.' ||
	       c == '-';
}

size_t
sl_page_map_ref(const char *t, size_t len, size_t pos, char *out,
                size_t *outlen)
{
	*outlen = 0;
	if (pos + 1 >= len || t[pos] != '&')
		return 0;
	if (t[pos + 1] == '#')
		return numeric_ref(t, len, pos, out, outlen);
	/* htmlParseEntityRef: a name, then ';' and a known entity, else the
	 * '&' and the name stay as they are. */
	size_t i = pos + 1;
	if (!is_name_start((unsigned char)t[i]))
		return 0;
	while (i < len && is_name_char((unsigned char)t[i]))
		i++;
	size_t n = i - pos - 1;
	if (i >= len || t[i] != ';' || n >= MAX_ENTITY_NAME)
		return 0;
	char name[MAX_ENTITY_NAME];
	memcpy(name, t + pos + 1, n);
	name[n] = '\0';
	const htmlEntityDesc *ent = htmlEntityLookup((const xmlChar *)name);
	if (ent == NULL || ent->value == 0)
		return 0;
	*outlen = (size_t)sl_utf8_encode(ent->value, out);
	return i + 1 - pos;
}

static void
fill_linear(uint32_t *src, size_t n, size_t start)
{
	if (src == NULL)
		return;
	for (size_t i = 0; i < n; i++)
		src[i] = (uint32_t)(start + i);
}

static void
fill_same(uint32_t *src, size_t from, size_t n, size_t off)
{
	if (src == NULL)
		return;
	for (size_t i = from; i < n; i++)
		src[i] = (uint32_t)off;
}

/* Does CH lie in the source just before END (and after LAST)? */
static bool
ends_at(const char *t, size_t len, size_t last, size_t end, const char *ch,
        size_t n)
{
	return end <= len && end >= n && end - n >= last &&
	       memcmp(t + end - n, ch, n) == 0;
}

/* Walks the source from P in step with CH, expanding references and
 * skipping source characters libxml2 dropped; never moves P past LIMIT.
 * Returns the source offset after the chunk. */
static size_t
lockstep(const char *t, size_t limit, size_t p, const char *ch, size_t n,
         uint32_t *src)
{
	size_t i = 0;
	while (i < n) {
		if (p >= limit) {
			fill_same(src, i, n, limit);
			return limit;
		}
		if (t[p] == '&') {
			char out[4];
			size_t on;
			size_t rl = sl_page_map_ref(t, limit, p, out, &on);
			if (rl > 0 && on > 0 && on <= n - i &&
			    memcmp(ch + i, out, on) == 0) {
				fill_same(src, i, i + on, p);
				i += on;
				p += rl;
				continue;
			}
			if (rl > 0 && on == 0) {        /* a dropped reference */
				p += rl;
				continue;
			}
		}
		if (t[p] == ch[i]) {
			if (src != NULL)
				src[i] = (uint32_t)p;
			i++;
			p++;
			continue;
		}
		/* libxml2 dropped or skipped this source character. */
		p += sl_page_map_charlen(t, limit, p);
	}
	return p;
}

/* A chunk that is one character reference ending at CUR. */
static bool
ref_ending_at(const char *t, size_t len, size_t last, size_t cur,
              const char *ch, size_t n, uint32_t *src)
{
	size_t lo = cur > REF_LOOKBACK ? cur - REF_LOOKBACK : 0;
	if (lo < last)
		lo = last;
	for (size_t a = cur; a > lo; a--) {
		if (t[a - 1] != '&')
			continue;
		char out[4];
		size_t on;
		size_t rl = sl_page_map_ref(t, len, a - 1, out, &on);
		if (rl > 0 && a - 1 + rl == cur && on == n &&
		    memcmp(out, ch, n) == 0) {
			fill_same(src, 0, n, a - 1);
			return true;
		}
		return false;
	}
	return false;
}

size_t
sl_page_map_chunk(const char *t, size_t len, size_t last, size_t cur,
                  const char *ch, size_t n, uint32_t *src)
{
	if (cur > len)
		cur = len;
	size_t k = sl_page_map_charlen(t, len, cur);
	if (n >= BIG_CHUNK && ends_at(t, len, last, cur + k, ch, n)) {
		fill_linear(src, n, cur + k - n);
		return cur + k;
	}
	if (n <= 4 && ref_ending_at(t, len, last, cur, ch, n, src))
		return cur;
	if (ends_at(t, len, last, cur, ch, n)) {
		fill_linear(src, n, cur - n);
		return cur;
	}
	/* A lone "<" kept as text: libxml2 reports it before moving on, and
	 * only when no tag name, '/', '!' or '?' follows. */
	if (n == 1 && ch[0] == '<' && cur < len && t[cur] == '<' &&
	    cur >= last && !is_name_start((unsigned char)t[cur + 1]) &&
	    t[cur + 1] != '/' && t[cur + 1] != '!' && t[cur + 1] != '?') {
		fill_linear(src, 1, cur);
		return cur + 1;
	}
	size_t limit = cur + k + 4 < len ? cur + k + 4 : len;
	if (last > limit)
		last = limit;
	return lockstep(t, limit, last, ch, n, src);
}

void
sl_page_map_value(const char *t, size_t from, size_t to, const char *ch,
                  size_t n, uint32_t *src)
{
	if (to - from == n && memcmp(t + from, ch, n) == 0) {
		fill_linear(src, n, from);
		return;
	}
	lockstep(t, to, from, ch, n, src);
}

/* libxml2's htmlParseHTMLName reads these characters. */
static bool
is_tag_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == ':' || c == '-' || c == '_' ||
	       c == '.';
}

bool
sl_page_map_name_at(const char *t, size_t len, size_t at, const char *name)
{
	size_t n = strlen(name);
	if (at > len || len - at < n || !sl_ascii_nieq(t + at, name, n))
		return false;
	return at + n >= len || !is_tag_char((unsigned char)t[at + n]);
}

size_t
sl_page_map_find_tag(const char *t, size_t len, size_t from, size_t to,
                     const char *name)
{
	if (to > len)
		to = len;
	while (from < to) {
		const char *lt = memchr(t + from, '<', to - from);
		if (lt == NULL)
			return SIZE_MAX;
		size_t at = (size_t)(lt - t);
		if (sl_page_map_name_at(t, len, at + 1, name))
			return at;
		from = at + 1;
	}
	return SIZE_MAX;
}

size_t
sl_page_map_find(const char *t, size_t from, size_t to, const char *lit,
                 size_t n)
{
	while (from < to && to - from >= n) {
		const char *c = memchr(t + from, lit[0], to - from - n + 1);
		if (c == NULL)
			return SIZE_MAX;
		size_t at = (size_t)(c - t);
		if (memcmp(c, lit, n) == 0)
			return at;
		from = at + 1;
	}
	return SIZE_MAX;
}
