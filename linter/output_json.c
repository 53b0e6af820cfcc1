/*
 * output_json.c - --format json (one document) and ndjson (one line per
 * snapshot), with the fields of SPEC 4.2.
 */
#include <string.h>

#include "json.h"
#include "output.h"
#include "util.h"

static void
write_stats(struct sl_json *j, const struct sl_report *r)
{
	const struct sl_stats *s = &r->stats;
	sl_json_key(j, "stats");
	sl_json_begin_object(j);
	sl_json_key(j, "members"); sl_json_int(j, (int64_t)s->members);
	sl_json_key(j, "pages"); sl_json_int(j, (int64_t)s->pages);
	sl_json_key(j, "other_files"); sl_json_int(j, (int64_t)s->other);
	sl_json_key(j, "bytes"); sl_json_int(j, (int64_t)s->bytes);
	sl_json_key(j, "skipped"); sl_json_int(j, (int64_t)s->skipped);
	sl_json_key(j, "suppressed"); sl_json_int(j, (int64_t)s->suppressed);
	sl_json_key(j, "errors"); sl_json_int(j, (int64_t)s->by_severity[SL_SEV_ERROR]);
	sl_json_key(j, "warnings"); sl_json_int(j, (int64_t)s->by_severity[SL_SEV_WARNING]);
	sl_json_key(j, "notes"); sl_json_int(j, (int64_t)s->by_severity[SL_SEV_NOTE]);
	sl_json_key(j, "rules");
	sl_json_begin_object(j);
	for (int i = 0; i < SL_RULE_COUNT; i++) {
		if (r->rule_counts[i] == 0)
			continue;
		sl_json_key(j, sl_rules[i].id);
		sl_json_int(j, r->rule_counts[i]);
	}
	sl_json_end_object(j);
	sl_json_end_object(j);
}

static void
write_diag(struct sl_json *j, const struct sl_diag *d, const struct sl_output_opts *o)
{
	sl_json_begin_object(j);
	sl_json_key(j, "file"); sl_json_string(j, d->file);
	if (d->has_pos) {
		sl_json_key(j, "line"); sl_json_int(j, d->span.start.line);
		sl_json_key(j, "column"); sl_json_int(j, sl_pos_col(&d->span.start, o->unit));
		sl_json_key(j, "end_line"); sl_json_int(j, d->span.end.line);
		sl_json_key(j, "end_column"); sl_json_int(j, sl_pos_col(&d->span.end, o->unit));
	} else {
		sl_json_key(j, "line"); sl_json_null(j);
		sl_json_key(j, "column"); sl_json_null(j);
		sl_json_key(j, "end_line"); sl_json_null(j);
		sl_json_key(j, "end_column"); sl_json_null(j);
	}
	sl_json_key(j, "severity"); sl_json_string(j, sl_severity_name(d->severity, SL_LANG_EN));
	sl_json_key(j, "rule"); sl_json_string(j, sl_rules[d->rule].id);
	sl_json_key(j, "message"); sl_json_string(j, d->message);
	sl_json_key(j, "suggestion"); sl_json_string(j, d->suggestion);
	sl_json_key(j, "indicator"); sl_json_string(j, sl_rules[d->rule].indicator);
	sl_json_end_object(j);
}

static void
write_snapshot(struct sl_json *j, const struct sl_report *r, const struct sl_output_opts *o)
{
	sl_json_begin_object(j);
	sl_json_key(j, "path"); sl_json_string(j, r->path);
	sl_json_key(j, "site_name"); sl_json_string(j, r->site_name);
	sl_json_key(j, "home"); sl_json_string(j, r->home);
	sl_json_key(j, "as_of"); sl_json_string(j, r->as_of);
	sl_json_key(j, "as_of_source"); sl_json_string(j, r->as_of_source);
	sl_json_key(j, "column_unit");
	sl_json_string(j, o->unit == SL_COL_BYTE ? "byte" : o->unit == SL_COL_UTF16 ? "utf16" : "char");
	sl_json_key(j, "read_error"); sl_json_string(j, r->read_error);
	sl_json_key(j, "verdict");
	sl_json_begin_object(j);
	sl_json_key(j, "pass"); sl_json_bool(j, r->pass);
	sl_json_key(j, "problems");
	sl_json_begin_array(j);
	for (size_t i = 0; i < r->nproblems; i++)
		sl_json_string(j, r->problems[i]);
	sl_json_end_array(j);
	sl_json_end_object(j);
	write_stats(j, r);
	sl_json_key(j, "diagnostics");
	sl_json_begin_array(j);
	for (size_t i = 0; i < r->diags.n; i++)
		write_diag(j, &r->diags.v[i], o);
	sl_json_end_array(j);
	sl_json_end_object(j);
}

void
sl_output_json(FILE *f, const struct sl_report *reports, size_t n,
               const struct sl_output_opts *o, bool ndjson)
{
	struct sl_json j;
	if (ndjson) {
		for (size_t i = 0; i < n; i++) {
			sl_json_init(&j, f, false);
			write_snapshot(&j, &reports[i], o);
			fputc('\n', f);
		}
		return;
	}
	sl_json_init(&j, f, true);
	sl_json_begin_object(&j);
	sl_json_key(&j, "tool");
	sl_json_begin_object(&j);
	sl_json_key(&j, "name"); sl_json_string(&j, "sitelint");
	sl_json_key(&j, "version"); sl_json_string(&j, sl_version);
	sl_json_end_object(&j);
	sl_json_key(&j, "snapshots");
	sl_json_begin_array(&j);
	for (size_t i = 0; i < n; i++)
		write_snapshot(&j, &reports[i], o);
	sl_json_end_array(&j);
	sl_json_end_object(&j);
	fputc('\n', f);
}
