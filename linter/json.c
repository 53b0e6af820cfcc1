/*
 * json.c - streaming JSON writer.
 */
#include "json.h"

#include <inttypes.h>
#include <string.h>

#include "util.h"

void
sl_json_init(struct sl_json *j, FILE *f, bool pretty)
{
	memset(j, 0, sizeof *j);
	j->f = f;
	j->pretty = pretty;
	j->first[0] = true;
}

static void
indent(struct sl_json *j)
{
	if (!j->pretty)
		return;
	fputc('\n', j->f);
	for (int i = 0; i < j->depth; i++)
		fputs("  ", j->f);
}

/* Separates a value from the previous one in its container. */
static void
before_value(struct sl_json *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (j->depth > 0) {
		if (!j->first[j->depth])
			fputc(',', j->f);
		indent(j);
	}
	j->first[j->depth] = false;
}

static void
json_open(struct sl_json *j, char c)
{
	before_value(j);
	fputc(c, j->f);
	if (j->depth < SL_JSON_MAX_DEPTH - 1)
		j->depth++;
	j->first[j->depth] = true;
}

static void
json_close(struct sl_json *j, char c)
{
	bool empty = j->first[j->depth];
	if (j->depth > 0)
		j->depth--;
	if (!empty)
		indent(j);
	fputc(c, j->f);
}

void sl_json_begin_object(struct sl_json *j) { json_open(j, '{'); }
void sl_json_end_object(struct sl_json *j) { json_close(j, '}'); }
void sl_json_begin_array(struct sl_json *j) { json_open(j, '['); }
void sl_json_end_array(struct sl_json *j) { json_close(j, ']'); }

void
sl_json_escape(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		unsigned c = p[i];
		if (c == '"' || c == '\\') {
			fputc('\\', f);
			fputc((int)c, f);
			i++;
		} else if (c < 0x20) {
			switch (c) {
			case '\n': fputs("\\n", f); break;
			case '\r': fputs("\\r", f); break;
			case '\t': fputs("\\t", f); break;
			default: fprintf(f, "\\u%04x", c); break;
			}
			i++;
		} else if (c < 0x80) {
			fputc((int)c, f);
			i++;
		} else {
			uint32_t cp;
			int len = sl_utf8_decode(p + i, n - i, &cp);
			if (cp == 0xFFFD && len == 1)
				fputs("\xEF\xBF\xBD", f);
			else
				fwrite(p + i, 1, (size_t)len, f);
			i += (size_t)len;
		}
	}
}

void
sl_json_key(struct sl_json *j, const char *key)
{
	before_value(j);
	fputc('"', j->f);
	sl_json_escape(j->f, key);
	fputs(j->pretty ? "\": " : "\":", j->f);
	j->after_key = true;
}

void
sl_json_string(struct sl_json *j, const char *s)
{
	if (s == NULL) {
		sl_json_null(j);
		return;
	}
	before_value(j);
	fputc('"', j->f);
	sl_json_escape(j->f, s);
	fputc('"', j->f);
}

void
sl_json_int(struct sl_json *j, int64_t v)
{
	before_value(j);
	fprintf(j->f, "%" PRId64, v);
}

void
sl_json_bool(struct sl_json *j, bool v)
{
	before_value(j);
	fputs(v ? "true" : "false", j->f);
}

void
sl_json_null(struct sl_json *j)
{
	before_value(j);
	fputs("null", j->f);
}
