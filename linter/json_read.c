/*
 * json_read.c - the JSON reader (see json_read.h).
 *
 * A state machine over the bytes with a stack of the open containers.
 * A container's members live in its items array; a pointer to an open
 * container stays valid because its parent only grows after it closed.
 */
#include "json_read.h"

#include <stdlib.h>
#include <string.h>

struct reader {
	const char *s;
	size_t n, i;
	struct sl_err *err;
};

static sl_status
fail(struct reader *r, const char *what)
{
	return sl_err_set(r->err, SL_ERR_FORMAT, "column %zu: %s", r->i + 1, what);
}

static void
skip_ws(struct reader *r)
{
	while (r->i < r->n && (r->s[r->i] == ' ' || r->s[r->i] == '\t' ||
	                       r->s[r->i] == '\n' || r->s[r->i] == '\r'))
		r->i++;
}

static int
hex4(const char *p)
{
	int v = 0;
	for (int k = 0; k < 4; k++) {
		char c = p[k];
		int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
		      : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	return v;
}

/* Reads the \u escape at r->i (after the backslash and 'u'). */
static sl_status
read_u_escape(struct reader *r, struct sl_buf *b)
{
	if (r->n - r->i < 4 || hex4(r->s + r->i) < 0)
		return fail(r, "bad \\u escape");
	uint32_t cp = (uint32_t)hex4(r->s + r->i);
	r->i += 4;
	if (cp >= 0xD800 && cp <= 0xDBFF && r->n - r->i >= 6 && r->s[r->i] == '\\' &&
	    r->s[r->i + 1] == 'u' && hex4(r->s + r->i + 2) >= 0xDC00 &&
	    hex4(r->s + r->i + 2) <= 0xDFFF) {
		cp = 0x10000 + ((cp - 0xD800) << 10) + ((uint32_t)hex4(r->s + r->i + 2) - 0xDC00);
		r->i += 6;
	} else if (cp >= 0xD800 && cp <= 0xDFFF) {
		cp = 0xFFFD;
	}
	char u[4];
	sl_buf_append(b, u, (size_t)sl_utf8_encode(cp, u));
	return SL_OK;
}

/* Reads the string at r->i (on its opening quote). */
static sl_status
read_string(struct reader *r, char **out)
{
	struct sl_buf b;
	sl_buf_init(&b, 0);
	r->i++;
	sl_status st = SL_OK;
	for (;;) {
		if (r->i >= r->n) {
			st = fail(r, "unterminated string");
			break;
		}
		unsigned char c = (unsigned char)r->s[r->i++];
		if (c == '"')
			break;
		if (c < 0x20) {
			st = fail(r, "control character in a string");
			break;
		}
		if (c != '\\') {
			sl_buf_putc(&b, (char)c);
			continue;
		}
		if (r->i >= r->n) {
			st = fail(r, "unterminated string");
			break;
		}
		char e = r->s[r->i++];
		const char *from = "\"\\/bfnrt", *to = "\"\\/\b\f\n\r\t";
		const char *k = e ? strchr(from, e) : NULL;
		if (k != NULL)
			sl_buf_putc(&b, to[k - from]);
		else if (e != 'u' || (st = read_u_escape(r, &b)) != SL_OK) {
			if (st == SL_OK)
				st = fail(r, "bad escape");
			break;
		}
	}
	if (st == SL_OK) {
		*out = sl_buf_steal(&b, NULL);
		if (*out == NULL)
			*out = sl_strdup("");
	}
	sl_buf_free(&b);
	return st;
}

static sl_status
read_number(struct reader *r, double *out)
{
	size_t start = r->i;
	while (r->i < r->n && strchr("+-0123456789.eE", r->s[r->i]) != NULL && r->s[r->i])
		r->i++;
	size_t len = r->i - start;
	if (len == 0 || len > 64)
		return fail(r, "bad number");
	char tmp[65];
	memcpy(tmp, r->s + start, len);
	tmp[len] = '\0';
	char *end;
	*out = strtod(tmp, &end);
	if (*end != '\0' || (tmp[0] == '0' && len > 1 && tmp[1] >= '0' && tmp[1] <= '9'))
		return fail(r, "bad number");
	return SL_OK;
}

/* Adds a new member to container C (with KEY for an object). */
static struct sl_json_value *
add_item(struct sl_json_value *c, char *key)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 4;
		c->items = sl_realloc(c->items, c->cap * sizeof *c->items);
		if (c->type == SL_JSON_OBJECT)
			c->keys = sl_realloc(c->keys, c->cap * sizeof *c->keys);
	}
	if (c->type == SL_JSON_OBJECT)
		c->keys[c->n] = key;
	struct sl_json_value *v = &c->items[c->n++];
	memset(v, 0, sizeof *v);
	return v;
}

/* Reads one scalar or opens a container at r->i into V. */
static sl_status
read_value(struct reader *r, struct sl_json_value *v)
{
	static const struct { const char *word; enum sl_json_type t; bool b; } words[] = {
		{ "true", SL_JSON_BOOL, true }, { "false", SL_JSON_BOOL, false },
		{ "null", SL_JSON_NULL, false },
	};
	if (r->i >= r->n)
		return fail(r, "unexpected end of the text");
	char c = r->s[r->i];
	if (c == '{' || c == '[') {
		v->type = c == '{' ? SL_JSON_OBJECT : SL_JSON_ARRAY;
		r->i++;
		return SL_OK;
	}
	if (c == '"') {
		v->type = SL_JSON_STRING;
		return read_string(r, &v->string);
	}
	for (size_t k = 0; k < 3; k++) {
		size_t l = strlen(words[k].word);
		if (r->n - r->i >= l && memcmp(r->s + r->i, words[k].word, l) == 0) {
			v->type = words[k].t;
			v->boolean = words[k].b;
			r->i += l;
			return SL_OK;
		}
	}
	v->type = SL_JSON_NUMBER;
	return read_number(r, &v->number);
}

enum state { ST_VALUE, ST_FIRST_VALUE, ST_KEY, ST_FIRST_KEY, ST_AFTER };

/* One step of the machine at the non-blank byte r->i. */
static sl_status
step(struct reader *r, struct sl_json_value **stack, int *depth, enum state *st,
     struct sl_json_value *root)
{
	struct sl_json_value *top = *depth > 0 ? stack[*depth - 1] : NULL;
	char c = r->s[r->i];
	if ((*st == ST_FIRST_VALUE && c == ']') || (*st == ST_FIRST_KEY && c == '}') ||
	    (*st == ST_AFTER && top != NULL && c == (top->type == SL_JSON_OBJECT ? '}' : ']'))) {
		r->i++;
		(*depth)--;
		*st = ST_AFTER;
		return SL_OK;
	}
	if (*st == ST_AFTER) {
		if (top == NULL)
			return fail(r, "text after the value");
		if (c != ',')
			return fail(r, "',' or the end of the container expected");
		r->i++;
		*st = top->type == SL_JSON_OBJECT ? ST_KEY : ST_VALUE;
		return SL_OK;
	}
	char *key = NULL;
	if (*st == ST_KEY || *st == ST_FIRST_KEY) {
		if (c != '"')
			return fail(r, "a key (a string) expected");
		sl_status s = read_string(r, &key);
		if (s != SL_OK)
			return s;
		skip_ws(r);
		if (r->i >= r->n || r->s[r->i] != ':') {
			free(key);
			return fail(r, "':' expected");
		}
		r->i++;
		skip_ws(r);
	}
	struct sl_json_value *v = top ? add_item(top, key) : root;
	sl_status s = read_value(r, v);
	if (s != SL_OK)
		return s;
	if (v->type == SL_JSON_OBJECT || v->type == SL_JSON_ARRAY) {
		if (*depth >= SL_JSON_READ_DEPTH)
			return fail(r, "nested too deeply");
		stack[(*depth)++] = v;
		*st = v->type == SL_JSON_OBJECT ? ST_FIRST_KEY : ST_FIRST_VALUE;
	} else {
		*st = ST_AFTER;
	}
	return SL_OK;
}

sl_status
sl_json_read(const char *s, size_t n, struct sl_json_value **out, struct sl_err *err)
{
	struct reader r = { s, n, 0, err };
	struct sl_json_value *root = sl_calloc(1, sizeof *root);
	struct sl_json_value *stack[SL_JSON_READ_DEPTH];
	int depth = 0;
	enum state st = ST_VALUE;
	sl_status status = SL_OK;
	*out = NULL;
	for (;;) {
		skip_ws(&r);
		if (r.i >= r.n)
			break;
		if ((status = step(&r, stack, &depth, &st, root)) != SL_OK)
			break;
	}
	if (status == SL_OK && (st != ST_AFTER || depth != 0))
		status = fail(&r, "unexpected end of the text");
	if (status != SL_OK) {
		sl_json_value_free(root);
		return status;
	}
	*out = root;
	return SL_OK;
}

const struct sl_json_value *
sl_json_get(const struct sl_json_value *v, const char *key)
{
	if (v == NULL || v->type != SL_JSON_OBJECT)
		return NULL;
	for (size_t i = 0; i < v->n; i++)
		if (strcmp(v->keys[i], key) == 0)
			return &v->items[i];
	return NULL;
}

const char *
sl_json_str(const struct sl_json_value *v)
{
	return v != NULL && v->type == SL_JSON_STRING ? v->string : NULL;
}

double
sl_json_num(const struct sl_json_value *v, double def)
{
	return v != NULL && v->type == SL_JSON_NUMBER ? v->number : def;
}

/* Frees what V holds (not V itself), iteratively: a stack of the
 * containers being emptied, last member first. */
static void
clear_value(struct sl_json_value *v)
{
	struct sl_json_value *stack[SL_JSON_READ_DEPTH + 1];
	int depth = 0;
	stack[depth++] = v;
	while (depth > 0) {
		struct sl_json_value *c = stack[depth - 1];
		if (c->n > 0 && depth <= SL_JSON_READ_DEPTH) {
			struct sl_json_value *last = &c->items[--c->n];
			if (c->keys != NULL)
				free(c->keys[c->n]);
			free(last->string);
			if (last->n > 0 || last->items != NULL)
				stack[depth++] = last;
			continue;
		}
		free(c->items);
		free(c->keys);
		c->items = NULL;
		c->keys = NULL;
		c->n = 0;
		depth--;
	}
}

void
sl_json_value_free(struct sl_json_value *v)
{
	if (v == NULL)
		return;
	free(v->string);
	clear_value(v);
	free(v);
}
