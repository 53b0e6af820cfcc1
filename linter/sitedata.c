/*
 * sitedata.c - loading the reference data of the government-site rules
 * (provinces, moved hosts, required columns, closure phrases) and the
 * lookups the rules make in it.
 */
#include "sitedata.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

const char *const sl_sitedata_file_names[SL_SD_NFILES] = {
	"provinces.txt", "decommissioned-hosts.txt", "columns-required.txt",
	"closure-phrases.txt",
};

struct province {
	uint32_t abbr;          /* the abbreviation, one code point */
	int code;
};

struct sl_sitedata {
	struct province *prov;  size_t nprov, capprov;
	struct sl_moved_host *hosts;  size_t nhosts, caphosts;
	struct sl_required_column *cols;  size_t ncols, capcols;
	char **phrases;  size_t nphrases, capphrases;
	bool sealed;
};

/* One line cut into fields. */
struct line {
	const char *file;
	unsigned no;
	const char *start;                 /* of the line, for columns */
	const char *f[SL_SITEDATA_MAX_FIELDS];
	size_t flen[SL_SITEDATA_MAX_FIELDS];
	size_t n;
};

struct sl_sitedata *
sl_sitedata_new(void)
{
	return sl_calloc(1, sizeof(struct sl_sitedata));
}

void
sl_sitedata_free(struct sl_sitedata *d)
{
	if (d == NULL)
		return;
	free(d->prov);
	for (size_t i = 0; i < d->nhosts; i++) {
		free(d->hosts[i].host);
		free(d->hosts[i].to);
	}
	free(d->hosts);
	for (size_t i = 0; i < d->ncols; i++) {
		for (size_t k = 0; k < d->cols[i].nnames; k++)
			free(d->cols[i].names[k]);
		free(d->cols[i].names);
	}
	free(d->cols);
	for (size_t i = 0; i < d->nphrases; i++)
		free(d->phrases[i]);
	free(d->phrases);
	free(d);
}

static unsigned
col_of(const char *start, const char *at)
{
	unsigned col = 1;
	for (const char *q = start; q < at; q++)
		if (((unsigned char)*q & 0xC0) != 0x80)
			col++;
	return col;
}

static sl_status lerr(struct sl_err *err, const struct line *l, const char *at,
                      const char *fmt, ...) SL_PRINTF(4, 5);

/* "FILE:LINE:COL: error: MESSAGE" for a place AT in line L. */
static sl_status
lerr(struct sl_err *err, const struct line *l, const char *at, const char *fmt, ...)
{
	char msg[384];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return sl_err_set(err, SL_ERR_USAGE, "%s:%u:%u: error: %s", l->file, l->no,
	                  col_of(l->start, at), msg);
}

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Checks the raw line [S, E) and cuts it into fields. */
static sl_status
split_line(struct line *l, const char *s, const char *e, struct sl_err *err)
{
	l->start = s;
	l->n = 0;
	if (e - s > SL_SITEDATA_MAX_LINE)
		return lerr(err, l, s + SL_SITEDATA_MAX_LINE, "line longer than %d bytes",
		            SL_SITEDATA_MAX_LINE);
	for (const char *q = s; q < e;) {
		uint32_t cp;
		int k = sl_utf8_decode((const unsigned char *)q, (size_t)(e - q), &cp);
		if (*q == '\0')
			return lerr(err, l, q, "NUL byte in the file");
		if (k == 1 && cp == 0xFFFD)
			return lerr(err, l, q, "invalid UTF-8 (the file must be UTF-8)");
		if (cp == 0x3000 || cp == 0xA0)
			return lerr(err, l, q, "full-width or no-break space: separate fields "
			            "with spaces or tabs");
		q += k;
	}
	const char *q = s;
	for (;;) {
		while (q < e && is_blank(*q))
			q++;
		if (q == e || *q == '#')
			return SL_OK;
		if (l->n == SL_SITEDATA_MAX_FIELDS)
			return lerr(err, l, q, "more than %d fields", SL_SITEDATA_MAX_FIELDS);
		l->f[l->n] = q;
		while (q < e && !is_blank(*q))
			q++;
		l->flen[l->n] = (size_t)(q - l->f[l->n]);
		l->n++;
	}
}

/* Grows *ARR (elements of SIZE) so that N + 1 fit. */
static sl_status
grow(void **arr, size_t *cap, size_t n, size_t size, const struct line *l,
     struct sl_err *err)
{
	if (n >= SL_SITEDATA_MAX_ENTRIES)
		return sl_err_set(err, SL_ERR_LIMIT, "%s:%u:1: error: more than %d entries",
		                  l->file, l->no, SL_SITEDATA_MAX_ENTRIES);
	if (n < *cap)
		return SL_OK;
	*cap = *cap ? *cap * 2 : 16;
	*arr = sl_realloc(*arr, *cap * size);
	return SL_OK;
}

/* ---- provinces.txt: CODE ABBR [ABBR...] NAME ---- */

static bool
one_code_point(const char *s, size_t n, uint32_t *cp)
{
	int k = sl_utf8_decode((const unsigned char *)s, n, cp);
	return (size_t)k == n && *cp >= 0x80;
}

static sl_status
add_province(struct sl_sitedata *d, const struct line *l, struct sl_err *err)
{
	if (l->n < 3)
		return lerr(err, l, l->n ? l->f[l->n - 1] + l->flen[l->n - 1] : l->start,
		            "expected CODE ABBREVIATION... NAME");
	const char *c = l->f[0];
	if (l->flen[0] != 2 || c[0] < '1' || c[0] > '9' || c[1] < '0' || c[1] > '9')
		return lerr(err, l, c, "expected a two-digit province code (11 to 99)");
	int code = (c[0] - '0') * 10 + (c[1] - '0');
	for (size_t i = 1; i + 1 < l->n; i++) {
		uint32_t cp;
		if (!one_code_point(l->f[i], l->flen[i], &cp))
			return lerr(err, l, l->f[i], "an abbreviation is one Chinese character");
		if (sl_sitedata_province_of(d, cp) >= 0)
			return lerr(err, l, l->f[i], "abbreviation '%.*s' listed twice",
			            (int)l->flen[i], l->f[i]);
		sl_status st = grow((void **)&d->prov, &d->capprov, d->nprov, sizeof *d->prov,
		                    l, err);
		if (st != SL_OK)
			return st;
		d->prov[d->nprov++] = (struct province){ cp, code };
	}
	return SL_OK;
}

/* ---- decommissioned-hosts.txt: HOST [NEW-ADDRESS] ---- */

bool
sl_sitedata_host_key(const char *host, char *out, size_t size)
{
	size_t n = strcspn(host, ":/?#");
	if (n >= 4 && sl_ascii_nieq(host, "www.", 4)) {
		host += 4;
		n -= 4;
	}
	while (n > 0 && host[n - 1] == '.')
		n--;
	if (n == 0 || n >= size)
		return false;
	for (size_t i = 0; i < n; i++)
		out[i] = sl_ascii_lower(host[i]);
	out[n] = '\0';
	return true;
}

bool
sl_sitedata_host_matches(const char *pattern, const char *key)
{
	if (pattern[0] == '*' && pattern[1] == '.') {
		size_t p = strlen(pattern + 1), k = strlen(key);
		return k > p && strcmp(key + k - p, pattern + 1) == 0;
	}
	return strcmp(pattern, key) == 0;
}

static bool
host_ok(const char *s, size_t n)
{
	size_t i = n > 2 && s[0] == '*' && s[1] == '.' ? 2 : 0;
	if (i == n || s[i] == '.')
		return false;
	for (; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '-' || c == '.' || c >= 0x80))
			return false;
	}
	return true;
}

static bool
address_ok(const char *s, size_t n)
{
	return (n > 7 && sl_ascii_nieq(s, "http://", 7)) ||
	       (n > 8 && sl_ascii_nieq(s, "https://", 8));
}

static sl_status
add_host(struct sl_sitedata *d, const struct line *l, struct sl_err *err)
{
	if (l->n > 2)
		return lerr(err, l, l->f[2], "expected HOST [NEW-ADDRESS] (put notes after '#')");
	char key[300];
	char *h = sl_strndup(l->f[0], l->flen[0]);
	bool ok = host_ok(h, l->flen[0]) && sl_sitedata_host_key(h, key, sizeof key);
	free(h);
	if (!ok)
		return lerr(err, l, l->f[0], "'%.*s' is not a host name (write it without "
		            "http:// and without a path; '*.' for every subdomain)",
		            (int)(l->flen[0] > 60 ? 60 : l->flen[0]), l->f[0]);
	if (l->n == 2 && !address_ok(l->f[1], l->flen[1]))
		return lerr(err, l, l->f[1], "the new address must start with http:// or https://");
	sl_status st = grow((void **)&d->hosts, &d->caphosts, d->nhosts, sizeof *d->hosts, l, err);
	if (st != SL_OK)
		return st;
	struct sl_moved_host *m = &d->hosts[d->nhosts++];
	m->host = sl_strdup(key);
	m->to = l->n == 2 ? sl_strndup(l->f[1], l->flen[1]) : NULL;
	d->sealed = false;
	return SL_OK;
}

/* ---- columns-required.txt: PROFILES NAME [SYNONYM...] ---- */

static sl_status
parse_profiles(const struct line *l, unsigned *out, struct sl_err *err)
{
	const char *s = l->f[0], *e = s + l->flen[0];
	*out = 0;
	if (l->flen[0] == 1 && s[0] == '*') {
		for (int p = 0; sl_config_profile_name((enum sl_profile)p) != NULL; p++)
			*out |= 1u << p;
		return SL_OK;
	}
	while (s < e) {
		const char *c = memchr(s, ',', (size_t)(e - s));
		size_t n = (size_t)((c ? c : e) - s);
		int found = -1;
		for (int p = 0; sl_config_profile_name((enum sl_profile)p) != NULL; p++) {
			const char *name = sl_config_profile_name((enum sl_profile)p);
			if (strlen(name) == n && memcmp(name, s, n) == 0)
				found = p;
		}
		if (found < 0)
			return lerr(err, l, s, "unknown profile '%.*s' (expected portal, department, "
			            "township, a comma-separated list of them, or *)", (int)n, s);
		*out |= 1u << found;
		s = c ? c + 1 : e;
	}
	return SL_OK;
}

static sl_status
add_column(struct sl_sitedata *d, const struct line *l, struct sl_err *err)
{
	if (l->n < 2)
		return lerr(err, l, l->f[0] + l->flen[0], "expected PROFILES NAME [SYNONYM...]");
	unsigned profiles;
	sl_status st = parse_profiles(l, &profiles, err);
	if (st == SL_OK)
		st = grow((void **)&d->cols, &d->capcols, d->ncols, sizeof *d->cols, l, err);
	if (st != SL_OK)
		return st;
	struct sl_required_column *c = &d->cols[d->ncols++];
	c->profiles = profiles;
	c->nnames = l->n - 1;
	c->names = sl_calloc(c->nnames, sizeof *c->names);
	for (size_t i = 1; i < l->n; i++)
		c->names[i - 1] = sl_strndup(l->f[i], l->flen[i]);
	return SL_OK;
}

/* ---- closure-phrases.txt: PHRASE ---- */

static sl_status
add_phrase(struct sl_sitedata *d, const struct line *l, struct sl_err *err)
{
	if (l->n > 1)
		return lerr(err, l, l->f[1], "one phrase a line (a phrase has no blanks)");
	sl_status st = grow((void **)&d->phrases, &d->capphrases, d->nphrases,
	                    sizeof *d->phrases, l, err);
	if (st != SL_OK)
		return st;
	d->phrases[d->nphrases++] = sl_strndup(l->f[0], l->flen[0]);
	return SL_OK;
}

sl_status
sl_sitedata_parse(struct sl_sitedata *d, enum sl_sitedata_file kind, const char *name,
                  const char *text, size_t len, struct sl_err *err)
{
	struct line l = { .file = name ? name : sl_sitedata_file_names[kind] };
	if (len > SL_SITEDATA_MAX_FILE)
		return sl_err_set(err, SL_ERR_LIMIT, "%s: error: the file is larger than %u bytes",
		                  l.file, SL_SITEDATA_MAX_FILE);
	const char *s = text, *end = text + len;
	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		s += 3;
	sl_status st = SL_OK;
	while (s < end && st == SL_OK) {
		const char *e = s;
		while (e < end && *e != '\n' && *e != '\r')
			e++;
		l.no++;
		st = split_line(&l, s, e, err);
		if (st == SL_OK && l.n > 0) {
			switch (kind) {
			case SL_SD_PROVINCES: st = add_province(d, &l, err); break;
			case SL_SD_HOSTS:     st = add_host(d, &l, err); break;
			case SL_SD_COLUMNS:   st = add_column(d, &l, err); break;
			default:              st = add_phrase(d, &l, err); break;
			}
		}
		if (e < end && *e == '\r' && e + 1 < end && e[1] == '\n')
			e++;
		s = e < end ? e + 1 : end;
	}
	return st;
}

sl_status
sl_sitedata_load_file(struct sl_sitedata *d, enum sl_sitedata_file kind, const char *path,
                      struct sl_err *err)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return sl_err_set(err, SL_ERR_IO, "%s: error: cannot read the data file", path);
	struct sl_buf b;
	sl_buf_init(&b, SL_SITEDATA_MAX_FILE + 1);
	char chunk[8192];
	size_t n;
	bool fits = true;
	while (fits && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
		fits = sl_buf_append(&b, chunk, n);
	bool bad = ferror(f) != 0;
	fclose(f);
	sl_status st;
	if (bad)
		st = sl_err_set(err, SL_ERR_IO, "%s: error: cannot read the data file", path);
	else if (!fits)
		st = sl_err_set(err, SL_ERR_LIMIT, "%s: error: the file is larger than %u bytes",
		                path, SL_SITEDATA_MAX_FILE);
	else
		st = sl_sitedata_parse(d, kind, path, b.data ? b.data : "", b.len, err);
	sl_buf_free(&b);
	return st;
}

sl_status
sl_sitedata_load_dir(struct sl_sitedata *d, const char *dir, struct sl_err *err)
{
	sl_status st = SL_OK;
	for (int k = 0; k < SL_SD_NFILES && st == SL_OK; k++) {
		char *path = sl_aprintf("%s/%s", dir, sl_sitedata_file_names[k]);
		st = sl_sitedata_load_file(d, (enum sl_sitedata_file)k, path, err);
		free(path);
	}
	sl_sitedata_seal(d);
	return st;
}

/* ---- lookups ---- */

static int
cmp_host(const void *a, const void *b)
{
	return strcmp(((const struct sl_moved_host *)a)->host,
	              ((const struct sl_moved_host *)b)->host);
}

void
sl_sitedata_seal(struct sl_sitedata *d)
{
	/* A stable order for equal hosts is not needed: the first of two
	 * entries for one host is as good as the second. */
	if (d->nhosts > 1)
		qsort(d->hosts, d->nhosts, sizeof *d->hosts, cmp_host);
	d->sealed = true;
}

int
sl_sitedata_province_of(const struct sl_sitedata *d, uint32_t cp)
{
	for (size_t i = 0; i < d->nprov; i++)
		if (d->prov[i].abbr == cp)
			return d->prov[i].code;
	return -1;
}

bool
sl_sitedata_province_known(const struct sl_sitedata *d, int code)
{
	for (size_t i = 0; i < d->nprov; i++)
		if (d->prov[i].code == code)
			return true;
	return false;
}

static const struct sl_moved_host *
find_exact(const struct sl_sitedata *d, const char *key)
{
	struct sl_moved_host probe = { (char *)(uintptr_t)key, NULL };
	return bsearch(&probe, d->hosts, d->nhosts, sizeof *d->hosts, cmp_host);
}

const struct sl_moved_host *
sl_sitedata_moved(const struct sl_sitedata *d, const char *host)
{
	char key[300], wild[302];
	if (d == NULL || d->nhosts == 0 || !d->sealed ||
	    !sl_sitedata_host_key(host, key, sizeof key))
		return NULL;
	const struct sl_moved_host *m = find_exact(d, key);
	/* "*.x.gov.cn" covers a.x.gov.cn and a.b.x.gov.cn: try each suffix. */
	for (const char *dot = strchr(key, '.'); m == NULL && dot != NULL;
	     dot = strchr(dot + 1, '.')) {
		snprintf(wild, sizeof wild, "*%s", dot);
		m = find_exact(d, wild);
	}
	return m;
}

size_t
sl_sitedata_nmoved(const struct sl_sitedata *d)
{
	return d ? d->nhosts : 0;
}

const struct sl_required_column *
sl_sitedata_columns(const struct sl_sitedata *d, size_t *n)
{
	*n = d ? d->ncols : 0;
	return d ? d->cols : NULL;
}

const char *const *
sl_sitedata_closure_phrases(const struct sl_sitedata *d, size_t *n)
{
	*n = d ? d->nphrases : 0;
	return d ? (const char *const *)d->phrases : NULL;
}
