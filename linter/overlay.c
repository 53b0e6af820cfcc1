/*
 * overlay.c - one page linted against a site root (see overlay.h).
 */
#include "overlay.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "decode.h"
#include "emit.h"
#include "util.h"

struct sl_overlay {
	char *member;           /* the page's member path in the root */
	char *shown;            /* the page's name as written */
	unsigned char *data;    /* its text */
	size_t len;
	bool seen;              /* the root holds it */
};

/* NAME's member path when its folder's real path is inside ROOT_REAL.
 * *OUTSIDE is set when the folder exists but is not inside it. */
static char *
by_real_path(const char *root_real, const char *name, bool *outside)
{
	const char *slash = strrchr(name, '/');
	char *dir = slash ? sl_strndup(name, slash == name ? 1 : (size_t)(slash - name))
	                  : sl_strdup(".");
	const char *base = slash ? slash + 1 : name;
	char *real = realpath(dir, NULL);
	free(dir);
	char *out = NULL;
	size_t n = strlen(root_real);
	if (real != NULL && base[0] != '\0' && strncmp(real, root_real, n) == 0) {
		if (real[n] == '\0')
			out = sl_strdup(base);
		else if (real[n] == '/' || strcmp(root_real, "/") == 0)
			out = sl_aprintf("%s/%s", real + n + (real[n] == '/'), base);
	}
	*outside = real != NULL && out == NULL;
	free(real);
	return out;
}

/* NAME with the root as written stripped ("site/a.html" under "site/"). */
static char *
by_prefix(const char *root, const char *name)
{
	size_t n = strlen(root);
	while (n > 1 && root[n - 1] == '/')
		n--;
	while (strncmp(name, "./", 2) == 0)
		name += 2;
	if (strncmp(root, "./", 2) == 0 && n > 2) {
		root += 2;
		n -= 2;
	}
	if (strncmp(name, root, n) == 0 && name[n] == '/')
		return sl_strdup(name + n + 1);
	return NULL;
}

static sl_status
locate(struct sl_overlay *ov, const char *root, struct sl_err *err)
{
	struct stat st;
	if (stat(root, &st) != 0 || !S_ISDIR(st.st_mode))
		return sl_err_set(err, SL_ERR_USAGE, "--root %s: not a directory", root);
	char *root_real = realpath(root, NULL);
	if (root_real == NULL)
		return sl_err_set(err, SL_ERR_IO, "--root %s: %s", root, strerror(errno));
	bool outside;
	char *rel = by_real_path(root_real, ov->shown, &outside);
	if (rel == NULL && !outside)
		rel = by_prefix(root, ov->shown);
	if (rel == NULL && !outside && ov->shown[0] != '/')
		rel = sl_strdup(ov->shown);
	free(root_real);
	const char *why = "not inside the root";
	char *member = rel ? sl_path_normalize(rel, &why) : NULL;
	free(rel);
	if (member == NULL || member[0] == '\0') {
		free(member);
		return sl_err_set(err, SL_ERR_USAGE, "%s: not a page inside --root %s (%s)",
		                  ov->shown, root, why);
	}
	ov->member = member;
	return SL_OK;
}

sl_status
sl_overlay_open(const char *root, const char *page, const char *stdin_name, FILE *in,
                uint64_t cap, struct sl_overlay **out, struct sl_err *err)
{
	*out = NULL;
	bool from_stdin = strcmp(page, "-") == 0;
	if (from_stdin && stdin_name == NULL)
		return sl_err_set(err, SL_ERR_USAGE, "--root with '-' needs --stdin-filename PATH "
		                  "(where the text belongs in the site)");
	struct sl_overlay *ov = sl_calloc(1, sizeof *ov);
	ov->shown = sl_strdup(from_stdin ? stdin_name : page);
	if (cap == 0)
		cap = SL_DEFAULT_MEMBER_BYTES;
	sl_status st = locate(ov, root, err);
	if (st == SL_OK && from_stdin) {
		st = sl_read_capped(in ? in : stdin, cap, "standard input", "member size cap", &ov->data,
		                    &ov->len, err);
	} else if (st == SL_OK) {
		FILE *f = fopen(page, "rb");
		if (f == NULL)
			st = sl_err_set(err, SL_ERR_IO, "%s: %s", page, strerror(errno));
		else
			st = sl_read_capped(f, cap, page, "member size cap", &ov->data, &ov->len, err);
		if (f != NULL)
			fclose(f);
	}
	if (st != SL_OK) {
		sl_overlay_free(ov);
		return st;
	}
	*out = ov;
	return SL_OK;
}

const char *
sl_overlay_path(const struct sl_overlay *ov)
{
	return ov->member;
}

bool
sl_overlay_take(struct sl_overlay *ov, struct sl_member *m)
{
	if (ov->seen || strcmp(m->path, ov->member) != 0)
		return false;
	ov->seen = true;
	free(m->data);
	m->data = sl_malloc(ov->len + 1);
	memcpy(m->data, ov->data, ov->len);
	m->data[ov->len] = '\0';
	m->len = ov->len;
	return true;
}

struct sl_member *
sl_overlay_missing(struct sl_overlay *ov)
{
	if (ov->seen)
		return NULL;
	ov->seen = true;
	struct sl_member *m = sl_calloc(1, sizeof *m);
	m->path = sl_strdup(ov->member);
	m->data = sl_malloc(ov->len + 1);
	memcpy(m->data, ov->data, ov->len);
	m->data[ov->len] = '\0';
	m->len = ov->len;
	return m;
}

void
sl_overlay_finish(struct sl_overlay *ov, struct sl_report *r, bool excerpts)
{
	struct sl_diags *ds = &r->diags;
	size_t k = 0;
	for (size_t i = 0; i < ds->n; i++) {
		if (strcmp(ds->v[i].file, ov->member) == 0)
			ds->v[k++] = ds->v[i];
		else
			sl_diag_clear(&ds->v[i]);
	}
	ds->n = k;
	memset(r->rule_counts, 0, sizeof r->rule_counts);
	memset(r->stats.by_severity, 0, sizeof r->stats.by_severity);
	for (size_t i = 0; i < ds->n; i++) {
		r->rule_counts[ds->v[i].rule]++;
		r->stats.by_severity[ds->v[i].severity]++;
	}
	r->single_page = true;
	free(r->display);
	r->display = sl_strdup(ov->shown);
	struct sl_decoded dec;
	struct sl_err err;
	bool need = false;
	for (size_t i = 0; i < ds->n && excerpts; i++)
		need = need || (ds->v[i].has_pos && ds->v[i].excerpt == NULL);
	if (!need || sl_decode(ov->data, ov->len, NULL, &dec, &err) != SL_OK)
		return;
	for (size_t i = 0; i < ds->n; i++)
		if (ds->v[i].has_pos && ds->v[i].excerpt == NULL)
			ds->v[i].excerpt = sl_excerpt_line(&dec, ds->v[i].span.start.line);
	sl_decoded_free(&dec);
}

void
sl_overlay_free(struct sl_overlay *ov)
{
	if (ov == NULL)
		return;
	free(ov->member);
	free(ov->shown);
	free(ov->data);
	free(ov);
}
