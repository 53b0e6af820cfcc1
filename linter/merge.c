/*
 * merge.c - reports read back from NDJSON lines (see merge.h).
 *
 * Each line is the snapshots[] element of SPEC 4.2.  Fields we do not
 * know are ignored and missing ones left empty, so lines of an older or
 * newer sitelint still merge; a rule id this build does not know keeps
 * its findings in the severity totals but not in the per-rule counts.
 * Columns come back in the unit the line was written with (its
 * "column_unit"): all three column fields get that value.
 */
#include "merge.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_read.h"
#include "util.h"

/* as_of_source is a static string in a report: map it to one. */
static const char *
as_of_source(const char *s)
{
	static const char *const known[] = { "option", "config", "warc-date", "mtime", "today" };
	for (size_t i = 0; s != NULL && i < sizeof known / sizeof known[0]; i++)
		if (strcmp(s, known[i]) == 0)
			return known[i];
	return "ndjson";
}

static const char *
or_empty(const char *s)
{
	return s ? s : "";
}

static char *
dup_or_null(const char *s)
{
	return s ? sl_strdup(s) : NULL;
}

static uint64_t
count(const struct sl_json_value *obj, const char *key)
{
	double v = sl_json_num(sl_json_get(obj, key), 0);
	return v > 0 && v < 1e18 ? (uint64_t)v : 0;
}

static void
read_stats(struct sl_report *r, const struct sl_json_value *stats)
{
	struct sl_stats *s = &r->stats;
	s->members = count(stats, "members");
	s->pages = count(stats, "pages");
	s->other = count(stats, "other_files");
	s->bytes = count(stats, "bytes");
	s->skipped = count(stats, "skipped");
	s->suppressed = count(stats, "suppressed");
	s->by_severity[SL_SEV_ERROR] = count(stats, "errors");
	s->by_severity[SL_SEV_WARNING] = count(stats, "warnings");
	s->by_severity[SL_SEV_NOTE] = count(stats, "notes");
	const struct sl_json_value *rules = sl_json_get(stats, "rules");
	for (size_t i = 0; rules != NULL && rules->type == SL_JSON_OBJECT && i < rules->n; i++) {
		enum sl_rule_id id = sl_rule_find(rules->keys[i]);
		double v = sl_json_num(&rules->items[i], 0);
		if (id != SL_RULE_COUNT && v > 0 && v < 2e9)
			r->rule_counts[id] = (int32_t)v;
	}
}

static uint32_t
u32(const struct sl_json_value *obj, const char *key)
{
	double v = sl_json_num(sl_json_get(obj, key), 0);
	return v >= 0 && v < 4e9 ? (uint32_t)v : 0;
}

static void
read_diag(struct sl_report *r, const struct sl_json_value *d)
{
	enum sl_rule_id rule = sl_rule_find(or_empty(sl_json_str(sl_json_get(d, "rule"))));
	enum sl_severity sev;
	const char *sevname = sl_json_str(sl_json_get(d, "severity"));
	if (rule == SL_RULE_COUNT || sevname == NULL || !sl_severity_parse(sevname, &sev) ||
	    sev == SL_SEV_OFF)
		return;
	struct sl_diags *ds = &r->diags;
	if (ds->n == ds->cap) {
		ds->cap = ds->cap ? ds->cap * 2 : 16;
		ds->v = sl_realloc(ds->v, ds->cap * sizeof *ds->v);
	}
	struct sl_diag *x = &ds->v[ds->n++];
	memset(x, 0, sizeof *x);
	x->rule = rule;
	x->severity = sev;
	x->file = sl_strdup(or_empty(sl_json_str(sl_json_get(d, "file"))));
	x->message = sl_strdup(or_empty(sl_json_str(sl_json_get(d, "message"))));
	x->suggestion = dup_or_null(sl_json_str(sl_json_get(d, "suggestion")));
	const struct sl_json_value *line = sl_json_get(d, "line");
	x->has_pos = line != NULL && line->type == SL_JSON_NUMBER;
	if (x->has_pos) {
		uint32_t l = u32(d, "line"), c = u32(d, "column");
		uint32_t el = u32(d, "end_line"), ec = u32(d, "end_column");
		x->span.start = (struct sl_pos){ l, c, c, c };
		x->span.end = (struct sl_pos){ el, ec, ec, ec };
	}
}

/* Fills R from the snapshot object V. */
static void
read_report(struct sl_report *r, const struct sl_json_value *v, bool diagnostics)
{
	const char *path = sl_json_str(sl_json_get(v, "path"));
	r->path = sl_strdup(path ? path : "-");
	size_t n = strlen(r->path);
	r->display = n > 0 && r->path[n - 1] == '/' ? sl_strdup(r->path)
	                                            : sl_aprintf("%s/", r->path);
	r->site_name = dup_or_null(sl_json_str(sl_json_get(v, "site_name")));
	r->home = dup_or_null(sl_json_str(sl_json_get(v, "home")));
	snprintf(r->as_of, sizeof r->as_of, "%s", or_empty(sl_json_str(sl_json_get(v, "as_of"))));
	r->as_of_source = as_of_source(sl_json_str(sl_json_get(v, "as_of_source")));
	r->read_error = dup_or_null(sl_json_str(sl_json_get(v, "read_error")));
	const struct sl_json_value *verdict = sl_json_get(v, "verdict");
	const struct sl_json_value *pass = sl_json_get(verdict, "pass");
	r->pass = pass != NULL && pass->type == SL_JSON_BOOL && pass->boolean;
	const struct sl_json_value *probs = sl_json_get(verdict, "problems");
	for (size_t i = 0; probs != NULL && probs->type == SL_JSON_ARRAY && i < probs->n; i++) {
		const char *p = sl_json_str(&probs->items[i]);
		if (p == NULL)
			continue;
		r->problems = sl_realloc(r->problems, (r->nproblems + 1) * sizeof *r->problems);
		r->problems[r->nproblems++] = sl_strdup(p);
	}
	read_stats(r, sl_json_get(v, "stats"));
	const struct sl_json_value *diags = sl_json_get(v, "diagnostics");
	for (size_t i = 0; diagnostics && diags != NULL && diags->type == SL_JSON_ARRAY &&
	                   i < diags->n; i++)
		read_diag(r, &diags->items[i]);
	sl_diags_sort(&r->diags);
}

/* Reads one line of F into B (without its line break), at most
 * SL_MERGE_LINE_MAX bytes.  Returns 1 for a line, 0 at the end, -1 when
 * the line is too long. */
static int
read_line(FILE *f, struct sl_buf *b)
{
	sl_buf_reset(b);
	int c;
	bool any = false;
	while ((c = getc(f)) != EOF) {
		any = true;
		if (c == '\n')
			return 1;
		if (!sl_buf_putc(b, (char)c))
			return -1;
	}
	return any ? 1 : 0;
}

static sl_status
merge_file(const char *path, bool diagnostics, struct sl_report **reports, size_t *n,
           struct sl_err *err)
{
	bool std = strcmp(path, "-") == 0;
	FILE *f = std ? stdin : fopen(path, "rb");
	if (f == NULL)
		return sl_err_set(err, SL_ERR_IO, "%s: %s", path, strerror(errno));
	struct sl_buf line;
	sl_buf_init(&line, SL_MERGE_LINE_MAX);
	sl_status st = SL_OK;
	int got;
	for (unsigned long lineno = 1; st == SL_OK && (got = read_line(f, &line)) != 0; lineno++) {
		struct sl_json_value *v = NULL;
		struct sl_err e;
		size_t k = 0;
		while (k < line.len && (line.data[k] == ' ' || line.data[k] == '\t' || line.data[k] == '\r'))
			k++;
		if (got > 0 && k == line.len)
			continue;   /* a blank line */
		if (got < 0)
			st = sl_err_set(err, SL_ERR_LIMIT, "%s:%lu: line longer than %u bytes", path,
			                lineno, SL_MERGE_LINE_MAX);
		else if (sl_json_read(line.data, line.len, &v, &e) != SL_OK)
			st = sl_err_set(err, SL_ERR_FORMAT, "%s:%lu: %s", path, lineno, e.msg);
		else if (v->type != SL_JSON_OBJECT || sl_json_str(sl_json_get(v, "path")) == NULL)
			st = sl_err_set(err, SL_ERR_FORMAT, "%s:%lu: not a snapshot of --format ndjson "
			                "(an object with \"path\")", path, lineno);
		if (st == SL_OK) {
			*reports = sl_realloc(*reports, (*n + 1) * sizeof **reports);
			memset(&(*reports)[*n], 0, sizeof **reports);
			read_report(&(*reports)[(*n)++], v, diagnostics);
		}
		sl_json_value_free(v);
	}
	if (st == SL_OK && ferror(f))
		st = sl_err_set(err, SL_ERR_IO, "%s: %s", path, strerror(errno));
	sl_buf_free(&line);
	if (!std)
		fclose(f);
	return st;
}

sl_status
sl_merge_read(const char *const *paths, size_t n, bool diagnostics,
              struct sl_report **reports, size_t *nreports, struct sl_err *err)
{
	*reports = NULL;
	*nreports = 0;
	sl_status st = SL_OK;
	for (size_t i = 0; i < n && st == SL_OK; i++)
		st = merge_file(paths[i], diagnostics, reports, nreports, err);
	if (st != SL_OK) {
		for (size_t i = 0; i < *nreports; i++)
			sl_report_free(&(*reports)[i]);
		free(*reports);
		*reports = NULL;
		*nreports = 0;
	}
	return st;
}
