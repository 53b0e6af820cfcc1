/*
 * formsdict.c - reading the forms rules' data files.
 */
#include "formsdict.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "datadir.h"
#include "filecheck.h"

#define TYPES_FILE    "attachment-types.txt"
#define GUIDE_FILE    "guide-elements.txt"
#define KEYWORDS_FILE "forms-keywords.txt"
#define MAX_FIELDS    16

static const char *const expect_names[SL_EXPECT_COUNT] = {
	[SL_EXPECT_ANY] = "any",          [SL_EXPECT_WORD] = "word",
	[SL_EXPECT_EXCEL] = "excel",      [SL_EXPECT_POWERPOINT] = "powerpoint",
	[SL_EXPECT_OFD] = "ofd",          [SL_EXPECT_PDF] = "pdf",
	[SL_EXPECT_ZIP] = "zip",          [SL_EXPECT_RAR] = "rar",
	[SL_EXPECT_7Z] = "7z",            [SL_EXPECT_RTF] = "rtf",
	[SL_EXPECT_TEXT] = "text",        [SL_EXPECT_GZIP] = "gzip",
};

static const char *const list_names[SL_FL_COUNT] = {
	[SL_FL_GUIDE] = "guide",         [SL_FL_SERVICE] = "service",
	[SL_FL_FORMS] = "forms",         [SL_FL_REQUEST] = "request",
	[SL_FL_FLOWCHART] = "flowchart", [SL_FL_DOWNLOAD] = "download",
};

void
sl_formsdict_init(struct sl_formsdict *d)
{
	memset(d, 0, sizeof *d);
}

void
sl_formsdict_free(struct sl_formsdict *d)
{
	if (d == NULL)
		return;
	free(d->types);
	for (size_t i = 0; i < d->nctypes; i++)
		free(d->ctypes[i].type);
	free(d->ctypes);
	for (size_t i = 0; i < d->nclasses; i++) {
		free(d->classes[i].name);
		for (size_t k = 0; k < d->classes[i].nlabels; k++)
			free(d->classes[i].labels[k]);
		free(d->classes[i].labels);
	}
	for (int l = 0; l < SL_FL_COUNT; l++) {
		for (size_t k = 0; k < d->nwords[l]; k++)
			free(d->words[l][k]);
		free(d->words[l]);
	}
	sl_formsdict_init(d);
}

/* --- lines and fields ------------------------------------------------ */

struct line {
	const char *file;
	unsigned no;
	const char *text;       /* the line, without its break */
	size_t len;
	const char *field[MAX_FIELDS];
	size_t flen[MAX_FIELDS];
	size_t nfields;
};

static unsigned
col_of(const struct line *ln, const char *at)
{
	unsigned col = 1;
	for (const char *p = ln->text; p < at; p++)
		col += ((unsigned char)*p & 0xC0) != 0x80;
	return col;
}

static sl_status
line_error(const struct line *ln, const char *at, struct sl_err *err, const char *what)
{
	return sl_err_set(err, SL_ERR_USAGE, "%s:%u:%u: error: %s", ln->file, ln->no,
	                  col_of(ln, at ? at : ln->text), what);
}

/* Valid UTF-8 without control characters other than TAB. */
static const char *
bad_char(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 && c != '\t')
			return s + i;
		uint32_t cp;
		int k = sl_utf8_decode((const unsigned char *)s + i, n - i, &cp);
		if (cp == 0xFFFD && !(k == 3 && memcmp(s + i, "\xEF\xBF\xBD", 3) == 0))
			return s + i;
		i += (size_t)k;
	}
	return NULL;
}

static sl_status
split_fields(struct line *ln, struct sl_err *err)
{
	ln->nfields = 0;
	const char *p = ln->text, *end = ln->text + ln->len;
	for (;;) {
		const char *tab = memchr(p, '\t', (size_t)(end - p));
		const char *fe = tab ? tab : end;
		if (ln->nfields == MAX_FIELDS)
			return line_error(ln, p, err, "too many fields");
		if (fe == p)
			return line_error(ln, p, err, "empty field (two TABs in a row, or a TAB at the end)");
		if (*p == ' ' || fe[-1] == ' ')
			return line_error(ln, *p == ' ' ? p : fe - 1, err,
			                  "a field starts or ends with a space (fields are separated by TABs)");
		ln->field[ln->nfields] = p;
		ln->flen[ln->nfields++] = (size_t)(fe - p);
		if (tab == NULL)
			return SL_OK;
		p = tab + 1;
	}
}

/* The error for a line with too few fields: most often spaces where
 * TABs belong. */
static sl_status
few_fields(const struct line *ln, struct sl_err *err, const char *expected)
{
	const char *space = memchr(ln->field[0], ' ', ln->flen[0]);
	if (space != NULL)
		return line_error(ln, space, err, "fields are separated by TABs, not spaces");
	return line_error(ln, ln->field[0] + ln->flen[0], err, expected);
}

typedef sl_status (*line_fn)(struct sl_formsdict *d, struct line *ln, struct sl_err *err);

/* Calls FN for each item line of TEXT. */
static sl_status
each_line(struct sl_formsdict *d, const char *text, size_t len, const char *file,
          line_fn fn, struct sl_err *err)
{
	struct line ln = { .file = file ? file : "(dictionary)" };
	if (len > SL_FORMSDICT_MAX_FILE)
		return sl_err_set(err, SL_ERR_LIMIT, "%s: larger than %u bytes", ln.file,
		                  SL_FORMSDICT_MAX_FILE);
	size_t i = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t n = nl ? (size_t)(nl - (text + i)) : len - i;
		ln.no++;
		ln.text = text + i;
		ln.len = n > 0 && ln.text[n - 1] == '\r' ? n - 1 : n;
		i += n + 1;
		if (ln.len > SL_FORMSDICT_MAX_LINE)
			return line_error(&ln, NULL, err, "line longer than 4096 bytes");
		const char *bad = bad_char(ln.text, ln.len);
		if (bad != NULL)
			return line_error(&ln, bad, err, "invalid UTF-8 or a control character");
		size_t k = 0;
		while (k < ln.len && (ln.text[k] == ' ' || ln.text[k] == '\t'))
			k++;
		if (k == ln.len || ln.text[k] == '#')
			continue;
		sl_status s = split_fields(&ln, err);
		if (s == SL_OK)
			s = fn(d, &ln, err);
		if (s != SL_OK)
			return s;
	}
	return SL_OK;
}

/* --- attachment-types.txt -------------------------------------------- */

static bool
is_token(const char *s, size_t n, const char *extra)
{
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
		      strchr(extra, s[i]) != NULL))
			return false;
	return n > 0;
}

/* Checks the content type in field F of LN (before anything of the line
 * is added, so that a bad line adds nothing). */
static sl_status
check_ctype(const struct sl_formsdict *d, const struct line *ln, size_t f, struct sl_err *err)
{
	const char *s = ln->field[f];
	size_t n = ln->flen[f];
	const char *slash = memchr(s, '/', n);
	if (slash == NULL || slash == s || slash == s + n - 1 || !is_token(s, n, "/.+-"))
		return line_error(ln, s, err, "a content type is lowercase \"type/subtype\"");
	for (size_t i = 0; i < d->nctypes; i++)
		if (strlen(d->ctypes[i].type) == n && memcmp(d->ctypes[i].type, s, n) == 0)
			return line_error(ln, s, err, "content type listed twice");
	for (size_t g = 2; g < f; g++)
		if (ln->flen[g] == n && memcmp(ln->field[g], s, n) == 0)
			return line_error(ln, s, err, "content type listed twice");
	return SL_OK;
}

static sl_status
types_line(struct sl_formsdict *d, struct line *ln, struct sl_err *err)
{
	if (ln->nfields < 2)
		return few_fields(ln, err, "expected EXT<TAB>KIND[<TAB>CONTENT-TYPE]...");
	if (ln->flen[0] > SL_FORMSDICT_MAX_EXT || !is_token(ln->field[0], ln->flen[0], ""))
		return line_error(ln, ln->field[0], err,
		                  "an extension is 1 to 15 lowercase letters and digits, without the dot");
	int expect = -1;
	for (int k = 0; k < SL_EXPECT_COUNT; k++)
		if (strlen(expect_names[k]) == ln->flen[1] &&
		    memcmp(expect_names[k], ln->field[1], ln->flen[1]) == 0)
			expect = k;
	if (expect < 0)
		return line_error(ln, ln->field[1], err,
		                  "unknown kind (any word excel powerpoint ofd pdf zip rar 7z rtf text gzip)");
	if (sl_formsdict_by_ext(d, ln->field[0], ln->flen[0]) != NULL)
		return line_error(ln, ln->field[0], err, "extension listed twice");
	if (d->ntypes >= SL_FORMSDICT_MAX_ITEMS)
		return line_error(ln, NULL, err, "too many extensions");
	for (size_t f = 2; f < ln->nfields; f++) {
		sl_status s = check_ctype(d, ln, f, err);
		if (s != SL_OK)
			return s;
	}
	d->types = sl_realloc(d->types, (d->ntypes + 1) * sizeof *d->types);
	struct sl_forms_type *t = &d->types[d->ntypes++];
	memset(t, 0, sizeof *t);
	memcpy(t->ext, ln->field[0], ln->flen[0]);
	t->expect = expect;
	d->ctypes = sl_realloc(d->ctypes, (d->nctypes + ln->nfields) * sizeof *d->ctypes);
	for (size_t f = 2; f < ln->nfields; f++) {
		d->ctypes[d->nctypes].type = sl_strndup(ln->field[f], ln->flen[f]);
		d->ctypes[d->nctypes++].ext = d->ntypes - 1;
	}
	return SL_OK;
}

sl_status
sl_formsdict_parse_types(struct sl_formsdict *d, const char *text, size_t len,
                         const char *file, struct sl_err *err)
{
	return each_line(d, text, len, file, types_line, err);
}

/* --- guide-elements.txt and forms-keywords.txt ----------------------- */

static sl_status
guide_line(struct sl_formsdict *d, struct line *ln, struct sl_err *err)
{
	if (ln->nfields < 2)
		return few_fields(ln, err, "expected CLASS<TAB>LABEL|LABEL...");
	if (ln->nfields > 2)
		return line_error(ln, ln->field[2], err, "expected CLASS<TAB>LABEL|LABEL...");
	if (d->nclasses == SL_FORMSDICT_MAX_CLASSES)
		return line_error(ln, NULL, err, "more than 16 element classes");
	for (size_t i = 0; i < d->nclasses; i++)
		if (strlen(d->classes[i].name) == ln->flen[0] &&
		    memcmp(d->classes[i].name, ln->field[0], ln->flen[0]) == 0)
			return line_error(ln, ln->field[0], err, "element class listed twice");
	struct sl_guide_class *c = &d->classes[d->nclasses++];
	c->name = sl_strndup(ln->field[0], ln->flen[0]);
	c->labels = sl_calloc(1, sizeof *c->labels);
	c->labels[c->nlabels++] = sl_strdup(c->name);
	const char *p = ln->field[1], *end = p + ln->flen[1];
	while (p <= end) {
		const char *bar = memchr(p, '|', (size_t)(end - p));
		const char *e = bar ? bar : end;
		if (e == p || *p == ' ' || e[-1] == ' ')
			return line_error(ln, p, err, "empty label, or a label with spaces around it");
		if (c->nlabels >= 256)
			return line_error(ln, p, err, "more than 256 labels in one class");
		bool dup = false;
		for (size_t k = 0; k < c->nlabels && !dup; k++)
			dup = strlen(c->labels[k]) == (size_t)(e - p) &&
			      memcmp(c->labels[k], p, (size_t)(e - p)) == 0;
		if (!dup) {
			c->labels = sl_realloc(c->labels, (c->nlabels + 1) * sizeof *c->labels);
			c->labels[c->nlabels++] = sl_strndup(p, (size_t)(e - p));
		}
		p = e + 1;
	}
	return SL_OK;
}

sl_status
sl_formsdict_parse_guide(struct sl_formsdict *d, const char *text, size_t len,
                         const char *file, struct sl_err *err)
{
	return each_line(d, text, len, file, guide_line, err);
}

static sl_status
keyword_line(struct sl_formsdict *d, struct line *ln, struct sl_err *err)
{
	if (ln->nfields < 2)
		return few_fields(ln, err, "expected LIST<TAB>WORD");
	if (ln->nfields > 2)
		return line_error(ln, ln->field[2], err, "expected LIST<TAB>WORD");
	int list = -1;
	for (int k = 0; k < SL_FL_COUNT; k++)
		if (strlen(list_names[k]) == ln->flen[0] &&
		    memcmp(list_names[k], ln->field[0], ln->flen[0]) == 0)
			list = k;
	if (list < 0)
		return line_error(ln, ln->field[0], err,
		                  "unknown list (guide service forms request flowchart download)");
	if (d->nwords[list] >= SL_FORMSDICT_MAX_ITEMS)
		return line_error(ln, NULL, err, "too many words in one list");
	for (size_t k = 0; k < d->nwords[list]; k++)
		if (strlen(d->words[list][k]) == ln->flen[1] &&
		    memcmp(d->words[list][k], ln->field[1], ln->flen[1]) == 0)
			return line_error(ln, ln->field[1], err, "word listed twice");
	d->words[list] = sl_realloc(d->words[list], (d->nwords[list] + 1) * sizeof *d->words[list]);
	d->words[list][d->nwords[list]++] = sl_strndup(ln->field[1], ln->flen[1]);
	return SL_OK;
}

sl_status
sl_formsdict_parse_keywords(struct sl_formsdict *d, const char *text, size_t len,
                            const char *file, struct sl_err *err)
{
	return each_line(d, text, len, file, keyword_line, err);
}

/* --- loading --------------------------------------------------------- */

typedef sl_status (*parse_fn)(struct sl_formsdict *, const char *, size_t, const char *,
                              struct sl_err *);

static sl_status
load_one(struct sl_formsdict *d, const char *dir, const char *name, parse_fn fn,
         struct sl_err *err)
{
	char *path = sl_aprintf("%s/%s", dir, name);
	struct sl_buf b;
	sl_buf_init(&b, SL_FORMSDICT_MAX_FILE);
	sl_status s = SL_OK;
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		s = sl_err_set(err, SL_ERR_IO, "%s: %s", path, strerror(errno));
		goto out;
	}
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (!sl_buf_append(&b, chunk, n)) {
			s = sl_err_set(err, SL_ERR_LIMIT, "%s: larger than %u bytes", path,
			               SL_FORMSDICT_MAX_FILE);
			goto out;
		}
	}
	if (ferror(f)) {
		s = sl_err_set(err, SL_ERR_IO, "%s: read error", path);
		goto out;
	}
	s = fn(d, b.data ? b.data : "", b.len, path, err);
out:
	if (f != NULL)
		fclose(f);
	sl_buf_free(&b);
	free(path);
	return s;
}

sl_status
sl_formsdict_load(struct sl_formsdict *d, const char *dir, struct sl_err *err)
{
	sl_status s = load_one(d, dir, TYPES_FILE, sl_formsdict_parse_types, err);
	if (s == SL_OK)
		s = load_one(d, dir, GUIDE_FILE, sl_formsdict_parse_guide, err);
	if (s == SL_OK)
		s = load_one(d, dir, KEYWORDS_FILE, sl_formsdict_parse_keywords, err);
	if (s != SL_OK)
		sl_formsdict_free(d);
	return s;
}

static struct sl_formsdict bundled;
static bool bundled_ok;
static pthread_once_t bundled_once = PTHREAD_ONCE_INIT;

static void
load_bundled(void)
{
	struct sl_err err;
	sl_formsdict_init(&bundled);
	bundled_ok = sl_formsdict_load(&bundled, sl_data_dir(), &err) == SL_OK;
	if (!bundled_ok)
		fprintf(stderr, "sitelint: %s (the forms/* rules are not run)\n", err.msg);
}

const struct sl_formsdict *
sl_formsdict_bundled(void)
{
	pthread_once(&bundled_once, load_bundled);
	return bundled_ok ? &bundled : NULL;
}

/* --- lookups ---------------------------------------------------------- */

const struct sl_forms_type *
sl_formsdict_by_ext(const struct sl_formsdict *d, const char *ext, size_t n)
{
	if (d == NULL || n == 0 || n > SL_FORMSDICT_MAX_EXT)
		return NULL;
	char key[SL_FORMSDICT_MAX_EXT + 1];
	for (size_t i = 0; i < n; i++)
		key[i] = sl_ascii_lower(ext[i]);
	key[n] = '\0';
	/* A few dozen types: a linear search is as fast as any. */
	for (size_t i = 0; i < d->ntypes; i++)
		if (strcmp(d->types[i].ext, key) == 0)
			return &d->types[i];
	return NULL;
}

const struct sl_forms_type *
sl_formsdict_by_ctype(const struct sl_formsdict *d, const char *ct)
{
	if (d == NULL || ct == NULL)
		return NULL;
	while (*ct == ' ' || *ct == '\t')
		ct++;
	size_t n = strcspn(ct, "; \t");
	for (size_t i = 0; i < d->nctypes; i++)
		if (strlen(d->ctypes[i].type) == n && sl_ascii_nieq(d->ctypes[i].type, ct, n))
			return &d->types[d->ctypes[i].ext];
	return NULL;
}

const struct sl_forms_type *
sl_formsdict_by_path(const struct sl_formsdict *d, const char *path)
{
	size_t end = strcspn(path, "?#");
	size_t start = end;
	while (start > 0 && path[start - 1] != '/')
		start--;
	for (size_t i = end; i > start; i--)
		if (path[i - 1] == '.')
			return sl_formsdict_by_ext(d, path + i, end - i);
	return NULL;
}

bool
sl_formsdict_contains(const struct sl_formsdict *d, enum sl_forms_list list, const char *text)
{
	if (d == NULL || text == NULL)
		return false;
	for (size_t k = 0; k < d->nwords[list]; k++)
		if (strstr(text, d->words[list][k]) != NULL)
			return true;
	return false;
}
