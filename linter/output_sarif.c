/*
 * output_sarif.c - SARIF 2.1.0 for code scanning (GitHub) and SARIF
 * viewers (VS Code's SARIF Viewer, the SARIF web viewer).
 *
 * One run holds every snapshot of the invocation.  Every rule the results
 * use is in the driver's rule list, with its summary (shortDescription), the
 * "what it checks" part of its explanation (fullDescription), the whole
 * explanation (help) and its default level.  A result names its file by a
 * URI relative to its snapshot: uriBaseId "SNAPSHOT" (the second snapshot
 * of a run "SNAPSHOT2", and so on), which originalUriBaseIds maps to the
 * snapshot's path as given on the command line, relative to %SRCROOT%
 * (the directory sitelint ran in) or as an absolute file: URI.
 *
 * Columns: --column-unit char is SARIF's "unicodeCodePoints" and utf16 its
 * "utf16CodeUnits".  SARIF has no byte columns: with --column-unit byte
 * the regions stay in code points (columnKind unicodeCodePoints) and the
 * byte columns travel in each region's property bag as "byteStartColumn"
 * and "byteEndColumn".
 *
 * partialFingerprints["sitelint/v1"] identifies a result across runs
 * without its line number: a hash of the rule, the file, the source line
 * with all white space removed and the text under the span (or the
 * message, for a finding without a position), then ":N" for the Nth
 * result with the same hash.  Inserting lines above a finding, or
 * re-indenting it, keeps its fingerprint; changing the line's content
 * makes a new one, as GitHub's own primaryLocationLineHash does.
 */
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "output.h"
#include "util.h"

#define SARIF_SCHEMA \
	"https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

/* --- small writers ---------------------------------------------------- */

static void
text_object(struct sl_json *j, const char *key, const char *text)
{
	sl_json_key(j, key);
	sl_json_begin_object(j);
	sl_json_key(j, "text");
	sl_json_string(j, text);
	sl_json_end_object(j);
}

/* Appends S to B percent-encoded as a URI path: unreserved characters and
 * '/' stay, every other byte (UTF-8 included) becomes %XX. */
static void
uri_encode(struct sl_buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p) != NULL) {
			sl_buf_putc(b, (char)*p);
		} else {
			char e[3] = { '%', hex[*p >> 4], hex[*p & 15] };
			sl_buf_append(b, e, 3);
		}
	}
}

/* The URI base id of snapshot I ("SNAPSHOT", "SNAPSHOT2", ...). */
static void
base_id(char *out, size_t cap, size_t i)
{
	if (i == 0)
		snprintf(out, cap, "SNAPSHOT");
	else
		snprintf(out, cap, "SNAPSHOT%zu", i + 1);
}

/* The snapshot's folder as given ("site/", "site.tar.gz/", the folder of
 * a single page, "" for the current directory).  Returns a new string. */
static char *
snapshot_folder(const struct sl_report *r)
{
	if (!r->single_page)
		return sl_strdup(r->display);
	const char *slash = strrchr(r->display, '/');
	return slash ? sl_strndup(r->display, (size_t)(slash - r->display) + 1) : sl_strdup("");
}

/* The member path of D inside the folder snapshot_folder() names. */
static const char *
member_path(const struct sl_report *r, const struct sl_diag *d)
{
	if (r->single_page) {
		const char *slash = strrchr(r->display, '/');
		return slash ? slash + 1 : r->display;
	}
	return d->file;
}

/* An absolute path becomes a file: URI; a relative one stays relative (to
 * %SRCROOT%).  "" (the current directory) becomes "./". */
static void
folder_uri(struct sl_buf *b, const char *folder)
{
	if (folder[0] == '/') {
		sl_buf_puts(b, "file://");
		uri_encode(b, folder);
	} else if (folder[0] == '\0') {
		sl_buf_puts(b, "./");
	} else {
		uri_encode(b, folder);
	}
}

/* --- rules ------------------------------------------------------------ */

static const char *
level_name(enum sl_severity sev)
{
	return sev == SL_SEV_ERROR ? "error" : sev == SL_SEV_WARNING ? "warning" : "note";
}

/* "links/broken-anchor" -> "LinksBrokenAnchor". */
static void
rule_name(struct sl_buf *b, const char *id)
{
	bool up = true;
	for (const char *p = id; *p; p++) {
		if (*p == '/' || *p == '-' || *p == '_') {
			up = true;
			continue;
		}
		sl_buf_putc(b, up && *p >= 'a' && *p <= 'z' ? (char)(*p - 'a' + 'A') : *p);
		up = false;
	}
}

/* The "what it checks" part of an explanation: up to the "Why:" (原因：)
 * paragraph, without the trailing line break. */
static char *
what_part(const char *explain)
{
	static const char *const marks[] = { "\nWhy:", "\n原因：" };
	size_t n = strlen(explain);
	for (size_t i = 0; i < 2; i++) {
		const char *p = strstr(explain, marks[i]);
		if (p != NULL && (size_t)(p - explain) < n)
			n = (size_t)(p - explain);
	}
	return sl_strndup(explain, n);
}

static void
write_rule(struct sl_json *j, int i, enum sl_lang lang)
{
	const struct sl_rule *r = &sl_rules[i];
	int zh = lang == SL_LANG_ZH;
	struct sl_buf b;
	sl_buf_init(&b, 0);
	sl_json_begin_object(j);
	sl_json_key(j, "id"); sl_json_string(j, r->id);
	rule_name(&b, r->id);
	sl_json_key(j, "name"); sl_json_string(j, b.data);
	text_object(j, "shortDescription", r->summary[zh]);
	char *what = what_part(r->explain[zh]);
	text_object(j, "fullDescription", what);
	free(what);
	sl_json_key(j, "help");
	sl_json_begin_object(j);
	sl_json_key(j, "text"); sl_json_string(j, r->explain[zh]);
	sl_buf_reset(&b);
	sl_buf_printf(&b, "**%s** (`%s`)\n\n", r->summary[zh], r->id);
	sl_buf_puts(&b, r->explain[zh]);
	sl_json_key(j, "markdown"); sl_json_string(j, b.data);
	sl_json_end_object(j);
	sl_json_key(j, "defaultConfiguration");
	sl_json_begin_object(j);
	sl_json_key(j, "level"); sl_json_string(j, level_name(r->severity));
	sl_json_end_object(j);
	sl_json_key(j, "properties");
	sl_json_begin_object(j);
	sl_json_key(j, "tags");
	sl_json_begin_array(j);
	sl_json_string(j, "sitelint");
	sl_buf_reset(&b);
	sl_buf_append(&b, r->id, strcspn(r->id, "/"));
	sl_json_string(j, b.data);
	if (r->indicator != NULL)
		sl_json_string(j, r->indicator);
	sl_json_end_array(j);
	sl_json_key(j, "precision"); sl_json_string(j, "high");
	sl_json_key(j, "problem.severity");
	sl_json_string(j, r->severity == SL_SEV_NOTE ? "recommendation" : level_name(r->severity));
	sl_json_key(j, "indicator"); sl_json_string(j, r->indicator);
	sl_json_end_object(j);
	sl_json_end_object(j);
	sl_buf_free(&b);
}

/* --- fingerprints ----------------------------------------------------- */

struct sarif_state {
	uint64_t *keys;        /* 0 = empty */
	uint32_t *counts;
	size_t cap;
	int rule_index[SL_RULE_COUNT];   /* position in the rule list, or -1 */
};

static uint64_t
fnv(uint64_t h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return (h ^ 0xff) * 1099511628211ull;   /* a separator after each field */
}

/* The line-independent hash of D (see the header comment). */
static uint64_t
fingerprint_hash(const struct sl_report *r, const struct sl_diag *d)
{
	uint64_t h = 14695981039346656037ull;
	const char *id = sl_rules[d->rule].id;
	const char *file = member_path(r, d);
	h = fnv(h, id, strlen(id));
	h = fnv(h, file, strlen(file));
	if (!d->has_pos || d->excerpt == NULL)
		return fnv(h, d->message, strlen(d->message)) | 1;
	const char *line = d->excerpt;
	size_t n = strlen(line);
	for (size_t i = 0; i < n; i++)
		if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r' && line[i] != '\n')
			h = (h ^ (unsigned char)line[i]) * 1099511628211ull;
	h = fnv(h, "", 0);
	/* The text under the span, when it lies on the excerpt's line. */
	if (d->span.end.line == d->span.start.line) {
		size_t from = 0, to = 0;
		uint32_t col = 1;
		for (size_t i = 0; i <= n; col++) {
			if (col == d->span.start.col_char)
				from = i;
			if (col == d->span.end.col_char) {
				to = i;
				break;
			}
			if (i == n)
				break;
			uint32_t cp;
			i += (size_t)sl_utf8_decode((const unsigned char *)line + i, n - i, &cp);
		}
		if (to > from)
			h = fnv(h, line + from, to - from);
	}
	return h | 1;
}

/* Returns how many times KEY was seen before (0 the first time). */
static uint32_t
fp_count(struct sarif_state *t, uint64_t key)
{
	size_t i = (size_t)(key ^ (key >> 29)) & (t->cap - 1);
	while (t->keys[i] != 0 && t->keys[i] != key)
		i = (i + 1) & (t->cap - 1);
	t->keys[i] = key;
	return t->counts[i]++;
}

/* --- results ---------------------------------------------------------- */

static void
write_region(struct sl_json *j, const struct sl_diag *d, const struct sl_output_opts *o)
{
	enum sl_column_unit unit = o->unit == SL_COL_UTF16 ? SL_COL_UTF16 : SL_COL_CHAR;
	sl_json_key(j, "region");
	sl_json_begin_object(j);
	sl_json_key(j, "startLine"); sl_json_int(j, d->span.start.line);
	sl_json_key(j, "startColumn"); sl_json_int(j, sl_pos_col(&d->span.start, unit));
	sl_json_key(j, "endLine"); sl_json_int(j, d->span.end.line);
	sl_json_key(j, "endColumn"); sl_json_int(j, sl_pos_col(&d->span.end, unit));
	if (d->excerpt != NULL)
		text_object(j, "snippet", d->excerpt);
	if (o->unit == SL_COL_BYTE) {
		sl_json_key(j, "properties");
		sl_json_begin_object(j);
		sl_json_key(j, "byteStartColumn"); sl_json_int(j, d->span.start.col_byte);
		sl_json_key(j, "byteEndColumn"); sl_json_int(j, d->span.end.col_byte);
		sl_json_end_object(j);
	}
	sl_json_end_object(j);
}

static void
write_artifact(struct sl_json *j, const struct sl_report *r, const struct sl_diag *d,
               const char *base)
{
	struct sl_buf b;
	sl_buf_init(&b, 0);
	sl_json_key(j, "artifactLocation");
	sl_json_begin_object(j);
	if (d->file[0] == '\0' && !r->single_page) {
		/* The snapshot itself (an archive's damage, a cap). */
		size_t n = strlen(r->display);
		char *whole = sl_strndup(r->display, n > 1 && r->display[n - 1] == '/' ? n - 1 : n);
		folder_uri(&b, whole);
		free(whole);
		sl_json_key(j, "uri"); sl_json_string(j, b.data);
		if (r->display[0] != '/') {
			sl_json_key(j, "uriBaseId"); sl_json_string(j, "%SRCROOT%");
		}
	} else {
		uri_encode(&b, member_path(r, d));
		sl_json_key(j, "uri"); sl_json_string(j, b.data);
		sl_json_key(j, "uriBaseId"); sl_json_string(j, base);
	}
	sl_json_end_object(j);
	sl_buf_free(&b);
}

static bool
is_text_rule(enum sl_rule_id rule)
{
	return strncmp(sl_rules[rule].id, "text/", 5) == 0;
}

/* A text finding's suggestion as a SARIF fix: replace the span. */
static void
write_fix(struct sl_json *j, const struct sl_report *r, const struct sl_diag *d,
          const char *base, const struct sl_output_opts *o)
{
	sl_json_key(j, "fixes");
	sl_json_begin_array(j);
	sl_json_begin_object(j);
	char *desc = sl_aprintf(o->lang == SL_LANG_ZH ? "改为“%s”" : "Replace with '%s'",
	                        d->suggestion);
	text_object(j, "description", desc);
	free(desc);
	sl_json_key(j, "artifactChanges");
	sl_json_begin_array(j);
	sl_json_begin_object(j);
	write_artifact(j, r, d, base);
	sl_json_key(j, "replacements");
	sl_json_begin_array(j);
	sl_json_begin_object(j);
	enum sl_column_unit unit = o->unit == SL_COL_UTF16 ? SL_COL_UTF16 : SL_COL_CHAR;
	sl_json_key(j, "deletedRegion");
	sl_json_begin_object(j);
	sl_json_key(j, "startLine"); sl_json_int(j, d->span.start.line);
	sl_json_key(j, "startColumn"); sl_json_int(j, sl_pos_col(&d->span.start, unit));
	sl_json_key(j, "endLine"); sl_json_int(j, d->span.end.line);
	sl_json_key(j, "endColumn"); sl_json_int(j, sl_pos_col(&d->span.end, unit));
	sl_json_end_object(j);
	text_object(j, "insertedContent", d->suggestion);
	sl_json_end_object(j);
	sl_json_end_array(j);
	sl_json_end_object(j);
	sl_json_end_array(j);
	sl_json_end_object(j);
	sl_json_end_array(j);
}

static void
write_result(struct sl_json *j, const struct sl_report *r, const struct sl_diag *d,
             const char *base, struct sarif_state *fps, const struct sl_output_opts *o)
{
	sl_json_begin_object(j);
	sl_json_key(j, "ruleId"); sl_json_string(j, sl_rules[d->rule].id);
	sl_json_key(j, "ruleIndex"); sl_json_int(j, fps->rule_index[d->rule]);
	sl_json_key(j, "level"); sl_json_string(j, level_name(d->severity));
	text_object(j, "message", d->message);
	sl_json_key(j, "locations");
	sl_json_begin_array(j);
	sl_json_begin_object(j);
	sl_json_key(j, "physicalLocation");
	sl_json_begin_object(j);
	write_artifact(j, r, d, base);
	if (d->has_pos)
		write_region(j, d, o);
	sl_json_end_object(j);
	sl_json_end_object(j);
	sl_json_end_array(j);
	uint64_t h = fingerprint_hash(r, d);
	char fp[40];
	snprintf(fp, sizeof fp, "%016llx:%u", (unsigned long long)h, fp_count(fps, h) + 1);
	sl_json_key(j, "partialFingerprints");
	sl_json_begin_object(j);
	sl_json_key(j, "sitelint/v1"); sl_json_string(j, fp);
	sl_json_end_object(j);
	if (d->suggestion != NULL && d->has_pos && is_text_rule(d->rule))
		write_fix(j, r, d, base, o);
	if (d->suggestion != NULL || sl_rules[d->rule].indicator != NULL) {
		sl_json_key(j, "properties");
		sl_json_begin_object(j);
		if (d->suggestion != NULL) {
			sl_json_key(j, "suggestion"); sl_json_string(j, d->suggestion);
		}
		if (sl_rules[d->rule].indicator != NULL) {
			sl_json_key(j, "indicator"); sl_json_string(j, sl_rules[d->rule].indicator);
		}
		sl_json_end_object(j);
	}
	sl_json_end_object(j);
}

/* --- the run ---------------------------------------------------------- */

/* Only the rules the results use are listed (a clean run lists none):
 * INDEX maps a rule to its position in the list, -1 when unused. */
static void
write_driver(struct sl_json *j, enum sl_lang lang, const int *index)
{
	sl_json_key(j, "tool");
	sl_json_begin_object(j);
	sl_json_key(j, "driver");
	sl_json_begin_object(j);
	sl_json_key(j, "name"); sl_json_string(j, "sitelint");
	sl_json_key(j, "version"); sl_json_string(j, sl_version);
	sl_json_key(j, "semanticVersion"); sl_json_string(j, sl_version);
	sl_json_key(j, "language"); sl_json_string(j, lang == SL_LANG_ZH ? "zh-CN" : "en-US");
	sl_json_key(j, "rules");
	sl_json_begin_array(j);
	for (int i = 0; i < SL_RULE_COUNT; i++)
		if (index[i] >= 0)
			write_rule(j, i, lang);
	sl_json_end_array(j);
	sl_json_end_object(j);
	sl_json_end_object(j);
}

static void
write_invocation(struct sl_json *j, const struct sl_report *reports, size_t n)
{
	bool ok = true;
	for (size_t i = 0; i < n; i++)
		ok = ok && reports[i].read_error == NULL;
	sl_json_key(j, "invocations");
	sl_json_begin_array(j);
	sl_json_begin_object(j);
	sl_json_key(j, "executionSuccessful"); sl_json_bool(j, ok);
	if (!ok) {
		sl_json_key(j, "toolExecutionNotifications");
		sl_json_begin_array(j);
		for (size_t i = 0; i < n; i++) {
			if (reports[i].read_error == NULL)
				continue;
			sl_json_begin_object(j);
			sl_json_key(j, "level"); sl_json_string(j, "error");
			char *msg = sl_aprintf("%s: %s", reports[i].path, reports[i].read_error);
			text_object(j, "message", msg);
			free(msg);
			sl_json_end_object(j);
		}
		sl_json_end_array(j);
	}
	sl_json_end_object(j);
	sl_json_end_array(j);
}

static void
write_bases(struct sl_json *j, const struct sl_report *reports, size_t n)
{
	struct sl_buf b;
	sl_buf_init(&b, 0);
	sl_json_key(j, "originalUriBaseIds");
	sl_json_begin_object(j);
	for (size_t i = 0; i < n; i++) {
		char id[32];
		base_id(id, sizeof id, i);
		char *folder = snapshot_folder(&reports[i]);
		sl_buf_reset(&b);
		folder_uri(&b, folder);
		sl_json_key(j, id);
		sl_json_begin_object(j);
		sl_json_key(j, "uri"); sl_json_string(j, b.data);
		if (folder[0] != '/') {
			sl_json_key(j, "uriBaseId"); sl_json_string(j, "%SRCROOT%");
		}
		text_object(j, "description", reports[i].path);
		sl_json_end_object(j);
		free(folder);
	}
	sl_json_end_object(j);
	sl_buf_free(&b);
}

/* The census verdict of each snapshot, in the run's property bag. */
static void
write_verdicts(struct sl_json *j, const struct sl_report *reports, size_t n)
{
	sl_json_key(j, "properties");
	sl_json_begin_object(j);
	sl_json_key(j, "snapshots");
	sl_json_begin_array(j);
	for (size_t i = 0; i < n; i++) {
		const struct sl_report *r = &reports[i];
		char id[32];
		base_id(id, sizeof id, i);
		sl_json_begin_object(j);
		sl_json_key(j, "uriBaseId"); sl_json_string(j, id);
		sl_json_key(j, "path"); sl_json_string(j, r->path);
		sl_json_key(j, "siteName"); sl_json_string(j, r->site_name);
		sl_json_key(j, "home"); sl_json_string(j, r->home);
		sl_json_key(j, "asOf"); sl_json_string(j, r->as_of);
		sl_json_key(j, "asOfSource"); sl_json_string(j, r->as_of_source);
		sl_json_key(j, "pass"); sl_json_bool(j, r->pass);
		sl_json_key(j, "problems");
		sl_json_begin_array(j);
		for (size_t k = 0; k < r->nproblems; k++)
			sl_json_string(j, r->problems[k]);
		sl_json_end_array(j);
		sl_json_end_object(j);
	}
	sl_json_end_array(j);
	sl_json_end_object(j);
}

void
sl_output_sarif(FILE *f, const struct sl_report *reports, size_t n,
                const struct sl_output_opts *o)
{
	size_t total = 0;
	for (size_t i = 0; i < n; i++)
		total += reports[i].diags.n;
	struct sarif_state fps = { NULL, NULL, 64, { 0 } };
	bool used[SL_RULE_COUNT] = { false };
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < reports[i].diags.n; k++)
			used[reports[i].diags.v[k].rule] = true;
	for (int i = 0, next = 0; i < SL_RULE_COUNT; i++)
		fps.rule_index[i] = used[i] ? next++ : -1;
	while (fps.cap < total * 2)
		fps.cap *= 2;
	fps.keys = sl_calloc(fps.cap, sizeof *fps.keys);
	fps.counts = sl_calloc(fps.cap, sizeof *fps.counts);

	struct sl_json j;
	sl_json_init(&j, f, true);
	sl_json_begin_object(&j);
	sl_json_key(&j, "$schema"); sl_json_string(&j, SARIF_SCHEMA);
	sl_json_key(&j, "version"); sl_json_string(&j, "2.1.0");
	sl_json_key(&j, "runs");
	sl_json_begin_array(&j);
	sl_json_begin_object(&j);
	write_driver(&j, o->lang, fps.rule_index);
	write_invocation(&j, reports, n);
	write_bases(&j, reports, n);
	sl_json_key(&j, "columnKind");
	sl_json_string(&j, o->unit == SL_COL_UTF16 ? "utf16CodeUnits" : "unicodeCodePoints");
	sl_json_key(&j, "results");
	sl_json_begin_array(&j);
	for (size_t i = 0; i < n; i++) {
		char id[32];
		base_id(id, sizeof id, i);
		for (size_t k = 0; k < reports[i].diags.n; k++)
			write_result(&j, &reports[i], &reports[i].diags.v[k], id, &fps, o);
	}
	sl_json_end_array(&j);
	write_verdicts(&j, reports, n);
	sl_json_end_object(&j);
	sl_json_end_array(&j);
	sl_json_end_object(&j);
	fputc('\n', f);
	free(fps.keys);
	free(fps.counts);
}
