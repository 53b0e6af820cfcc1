/*
 * gentext.c - made-up government prose from a fixed vocabulary, and the
 * large generated dictionary of the benchmark.
 */
#include "gentext.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *
xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (q == NULL) {
		fputs("gensite: out of memory\n", stderr);
		exit(1);
	}
	return q;
}

uint64_t
gen_rng_next(struct gen_rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

uint32_t
gen_rng_below(struct gen_rng *r, uint32_t n)
{
	return (uint32_t)(gen_rng_next(r) % n);
}

/* --- buffer ---------------------------------------------------------- */

static void
reserve(struct gen_buf *b, size_t more)
{
	if (b->len + more + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 4096;
	while (cap < b->len + more + 1)
		cap *= 2;
	b->p = xrealloc(b->p, cap);
	b->cap = cap;
}

void
gen_buf_put(struct gen_buf *b, const char *s, size_t n)
{
	reserve(b, n);
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void
gen_buf_puts(struct gen_buf *b, const char *s)
{
	gen_buf_put(b, s, strlen(s));
}

void
gen_buf_printf(struct gen_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n <= 0)
		return;
	reserve(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
gen_buf_free(struct gen_buf *b)
{
	free(b->p);
	memset(b, 0, sizeof *b);
}

/* --- vocabulary ------------------------------------------------------ */

static const char *const section_names[GEN_NSECTIONS] = {
	"subject", "verb", "object", "tail", "time", "lead", "number",
	"title-head", "title-tail", "dept", "town",
};

static int
section_of(const char *name)
{
	for (int i = 0; i < GEN_NSECTIONS; i++)
		if (strcmp(name, section_names[i]) == 0)
			return i;
	return -1;
}

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	struct gen_buf b = { 0 };
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && b.len < (1u << 20))
		gen_buf_put(&b, chunk, n);
	fclose(f);
	if (b.p == NULL)
		gen_buf_put(&b, "", 0);
	return b.p;
}

bool
gen_vocab_load(struct gen_vocab *v, const char *path)
{
	memset(v, 0, sizeof *v);
	v->data = slurp(path);
	if (v->data == NULL) {
		perror(path);
		return false;
	}
	int sec = -1;
	for (char *line = v->data, *next; line != NULL && *line; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		size_t n = strlen(line);
		while (n > 0 && (line[n - 1] == '\r' || line[n - 1] == ' '))
			line[--n] = '\0';
		if (n == 0 || line[0] == '#')
			continue;
		if (line[0] == '[' && line[n - 1] == ']') {
			line[n - 1] = '\0';
			sec = section_of(line + 1);
			if (sec < 0)
				fprintf(stderr, "%s: unknown section [%s]\n", path, line + 1);
			continue;
		}
		if (sec < 0)
			continue;
		v->items[sec] = xrealloc(v->items[sec], (v->n[sec] + 1) * sizeof *v->items[sec]);
		v->items[sec][v->n[sec]++] = line;
	}
	for (int i = 0; i < GEN_NSECTIONS; i++) {
		if (v->n[i] == 0) {
			fprintf(stderr, "%s: section [%s] is empty\n", path, section_names[i]);
			return false;
		}
	}
	return true;
}

void
gen_vocab_free(struct gen_vocab *v)
{
	for (int i = 0; i < GEN_NSECTIONS; i++)
		free(v->items[i]);
	free(v->data);
	memset(v, 0, sizeof *v);
}

const char *
gen_pick(const struct gen_vocab *v, enum gen_section s, struct gen_rng *r)
{
	return v->items[s][gen_rng_below(r, (uint32_t)v->n[s])];
}

/* --- prose ----------------------------------------------------------- */

/* A "number" item with its {N} filled in. */
static void
put_number(struct gen_buf *b, const struct gen_vocab *v, struct gen_rng *r)
{
	const char *item = gen_pick(v, GEN_NUMBER, r);
	const char *at = strstr(item, "{N}");
	if (at == NULL) {
		gen_buf_puts(b, item);
		return;
	}
	gen_buf_put(b, item, (size_t)(at - item));
	gen_buf_printf(b, "%u", 3 + gen_rng_below(r, 4000));
	gen_buf_puts(b, at + 3);
}

void
gen_sentence(struct gen_buf *b, const struct gen_vocab *v, struct gen_rng *r,
             const char *typo)
{
	switch (gen_rng_below(r, 5)) {
	case 0:
		gen_buf_puts(b, gen_pick(v, GEN_LEAD, r));
		gen_buf_puts(b, "，");
		gen_buf_puts(b, gen_pick(v, GEN_SUBJECT, r));
		gen_buf_puts(b, gen_pick(v, GEN_VERB, r));
		gen_buf_puts(b, gen_pick(v, GEN_OBJECT, r));
		break;
	case 1:
		gen_buf_puts(b, gen_pick(v, GEN_TIME, r));
		gen_buf_puts(b, "，");
		put_number(b, v, r);
		gen_buf_puts(b, "，");
		put_number(b, v, r);
		break;
	case 2:
		gen_buf_puts(b, gen_pick(v, GEN_TOWN, r));
		gen_buf_puts(b, gen_pick(v, GEN_VERB, r));
		gen_buf_puts(b, gen_pick(v, GEN_OBJECT, r));
		gen_buf_puts(b, "，");
		gen_buf_puts(b, gen_pick(v, GEN_TAIL, r));
		break;
	default:
		gen_buf_puts(b, gen_pick(v, GEN_TIME, r));
		gen_buf_puts(b, "，");
		gen_buf_puts(b, gen_pick(v, GEN_SUBJECT, r));
		gen_buf_puts(b, gen_pick(v, GEN_VERB, r));
		gen_buf_puts(b, gen_pick(v, GEN_OBJECT, r));
		gen_buf_puts(b, "，");
		gen_buf_puts(b, gen_pick(v, GEN_TAIL, r));
		break;
	}
	if (typo != NULL) {
		gen_buf_puts(b, "，各级干部");
		gen_buf_puts(b, typo);
	}
	gen_buf_puts(b, "。");
}

void
gen_title(struct gen_buf *b, const struct gen_vocab *v, struct gen_rng *r)
{
	switch (gen_rng_below(r, 3)) {
	case 0:
		gen_buf_puts(b, gen_pick(v, GEN_TOWN, r));
		gen_buf_puts(b, gen_pick(v, GEN_VERB, r));
		gen_buf_puts(b, gen_pick(v, GEN_OBJECT, r));
		break;
	default:
		gen_buf_puts(b, gen_pick(v, GEN_TITLE_HEAD, r));
		gen_buf_puts(b, gen_pick(v, GEN_VERB, r));
		gen_buf_puts(b, gen_pick(v, GEN_OBJECT, r));
		gen_buf_puts(b, gen_pick(v, GEN_TITLE_TAIL, r));
		break;
	}
}

/* --- the large dictionary -------------------------------------------- */

static size_t
put_cp(char *out, uint32_t cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	out[0] = (char)(0xE0 | (cp >> 12));
	out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[2] = (char)(0x80 | (cp & 0x3F));
	return 3;
}

/* Byte length of the first K UTF-8 characters of S (fewer if S ends). */
static size_t
prefix_bytes(const char *s, size_t k)
{
	size_t i = 0;
	while (s[i] && k > 0) {
		i++;
		while (((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
		k--;
	}
	return i;
}

/*
 * Each entry's wrong form is a 2-4 character piece of a vocabulary word
 * (so that the automaton walks deep on every page) followed by two CJK
 * Extension A characters that encode the entry's number (so that it is
 * unique and never occurs in generated pages: the run with the big
 * dictionary reports exactly what the run without it reports, and the
 * difference is the cost of loading and matching alone).  The suggestion
 * ends in a third range, so that no suggestion is another entry's wrong
 * form.
 */
bool
gen_dict_write(const char *path, const struct gen_vocab *v, size_t n)
{
	FILE *f = fopen(path, "w");
	if (f == NULL) {
		perror(path);
		return false;
	}
	static const enum gen_section from[] = { GEN_OBJECT, GEN_VERB, GEN_SUBJECT, GEN_TAIL };
	struct gen_rng r = { 20261127 };
	fputs("# Generated by bench/gensite -d: benchmark entries, never a real typo.\n", f);
	for (size_t i = 0; i < n && i < 512u * 512u; i++) {
		const char *word = gen_pick(v, from[i % 4], &r);
		/* Skip a leading quote or punctuation mark. */
		size_t skip = prefix_bytes(word, gen_rng_below(&r, 2));
		const char *w = word + skip;
		size_t len = prefix_bytes(w, 2 + gen_rng_below(&r, 3));
		char tail[12], sugg[12];
		size_t tl = put_cp(tail, 0x3400 + (uint32_t)(i / 512));
		tl += put_cp(tail + tl, 0x3600 + (uint32_t)(i % 512));
		size_t sl = put_cp(sugg, 0x3400 + (uint32_t)(i / 512));
		sl += put_cp(sugg + sl, 0x3800 + (uint32_t)(i % 512));
		fprintf(f, "text/typo\t%.*s%.*s\t%.*s%.*s\n", (int)len, w, (int)tl, tail,
		        (int)len, w, (int)sl, sugg);
	}
	return fclose(f) == 0;
}
