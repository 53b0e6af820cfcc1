/*
 * cli.c - option parsing, rule listing and explanations, running each
 * snapshot and writing the chosen format.
 */
#include "cli.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "datadir.h"
#include "diag.h"
#include "dict.h"
#include "lint.h"
#include "merge.h"
#include "output.h"
#include "progress.h"
#include "unpack.h"
#include "sitedata.h"
#include "util.h"

struct cli {
	struct sl_lint_opts lint;
	struct sl_output_opts out;
	const char *output_path;
	int excerpt;            /* -1 auto (terminal), 0 no, 1 yes */
	int color;              /* -1 auto, 0 never, 1 always */
	bool quiet;
	bool unit_given;
	const char **dict_files;   /* --dict, in order */
	size_t ndict_files;
	bool no_default_dicts;
	bool check_dict;           /* --check-dict: the operands are dictionaries */
	struct sl_dictset *dicts;
	struct sl_sitedata *sitedata;
	const char *unpack_dir;    /* --unpack-to */
	bool merge;                /* --merge: the operands are NDJSON files */
	bool format_given;
};

static const char usage_text[] =
	"usage: sitelint [OPTIONS] SNAPSHOT...\n"
	"Lints offline snapshots of websites (a directory, an archive, a WARC, a page, or -).\n"
	"\n"
	"Output:\n"
	"  --format FMT          gcc (default), json, ndjson, summary, sarif, html, diff\n"
	"  -o, --output FILE     write to FILE instead of standard output\n"
	"  --lang zh|en          language of messages (default from LC_ALL/LC_MESSAGES/LANG)\n"
	"  --column-unit U       char (default), byte or utf16\n"
	"  --excerpt, --no-excerpt  show the source line, caret and fix-it (default: on a terminal)\n"
	"  --color WHEN          auto (default), always, never\n"
	"  -q, --quiet           no summary line (nor progress line) on standard error\n"
	"  --merge FILE...       one report from the --format ndjson lines of several runs\n"
	"                        (default --format summary: one notice table)\n"
	"Rules:\n"
	"  --list-rules          list every rule\n"
	"  --explain RULE        explain a rule: what, why, how to fix, how to suppress\n"
	"  --enable RULE         enable a rule (an id, a family like links/*, or *)\n"
	"  --disable RULE        disable it\n"
	"  --severity RULE=LEVEL set its severity: error, warning, note, off\n"
	"  --fail-on LEVEL       exit 1 on findings at or above LEVEL (default error)\n"
	"Dictionaries:\n"
	"  --dict FILE           add a dictionary (repeatable; after the bundled ones)\n"
	"  --no-default-dicts    do not load the bundled dictionaries\n"
	"  --check-dict FILE...  check dictionary files (format, contradictions, self-tests)\n"
	"  --fold-traditional    fold Traditional to Simplified Chinese before matching\n"
	"Snapshot:\n"
	"  --config FILE         configuration (default: sitelint.conf at the snapshot root)\n"
	"  --home PATH           member path of the home page\n"
	"  --root DIR            site root for a single page argument (editors: lint PAGE,\n"
	"                        or - with --stdin-filename, against the site in DIR)\n"
	"  --unpack-to DIR       also write the snapshot's files under DIR and report them there\n"
	"  --as-of YYYY-MM-DD    the check date (default: config, WARC date, newest mtime, today)\n"
	"  --stdin-filename PATH name for the page or archive read from -\n"
	"  -j, --jobs N          worker threads (default: all cores)\n"
	"  --max-member-bytes N, --max-total-bytes N, --max-members N   input caps\n"
	"  --version, -h, --help\n"
	"Exit status: 0 clean, 1 findings at or above --fail-on, 2 unreadable input or bad usage.\n";

enum {
	OPT_FORMAT = 256, OPT_LANG, OPT_UNIT, OPT_EXCERPT, OPT_NO_EXCERPT, OPT_COLOR,
	OPT_LIST, OPT_EXPLAIN, OPT_ENABLE, OPT_DISABLE, OPT_SEVERITY, OPT_FAIL_ON,
	OPT_CONFIG, OPT_HOME, OPT_ROOT, OPT_AS_OF, OPT_STDIN_NAME, OPT_MAX_MEMBER,
	OPT_MAX_TOTAL, OPT_MAX_MEMBERS, OPT_VERSION, OPT_DICT, OPT_NO_DEFAULT_DICTS,
	OPT_CHECK_DICT, OPT_FOLD_TRAD, OPT_UNPACK_TO, OPT_MERGE,
};

static const struct option long_opts[] = {
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "output", required_argument, NULL, 'o' },
	{ "lang", required_argument, NULL, OPT_LANG },
	{ "column-unit", required_argument, NULL, OPT_UNIT },
	{ "excerpt", no_argument, NULL, OPT_EXCERPT },
	{ "no-excerpt", no_argument, NULL, OPT_NO_EXCERPT },
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "quiet", no_argument, NULL, 'q' },
	{ "list-rules", no_argument, NULL, OPT_LIST },
	{ "explain", required_argument, NULL, OPT_EXPLAIN },
	{ "enable", required_argument, NULL, OPT_ENABLE },
	{ "disable", required_argument, NULL, OPT_DISABLE },
	{ "severity", required_argument, NULL, OPT_SEVERITY },
	{ "fail-on", required_argument, NULL, OPT_FAIL_ON },
	{ "config", required_argument, NULL, OPT_CONFIG },
	{ "home", required_argument, NULL, OPT_HOME },
	{ "root", required_argument, NULL, OPT_ROOT },
	{ "as-of", required_argument, NULL, OPT_AS_OF },
	{ "stdin-filename", required_argument, NULL, OPT_STDIN_NAME },
	{ "jobs", required_argument, NULL, 'j' },
	{ "max-member-bytes", required_argument, NULL, OPT_MAX_MEMBER },
	{ "max-total-bytes", required_argument, NULL, OPT_MAX_TOTAL },
	{ "max-members", required_argument, NULL, OPT_MAX_MEMBERS },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ "dict", required_argument, NULL, OPT_DICT },
	{ "no-default-dicts", no_argument, NULL, OPT_NO_DEFAULT_DICTS },
	{ "check-dict", no_argument, NULL, OPT_CHECK_DICT },
	{ "fold-traditional", no_argument, NULL, OPT_FOLD_TRAD },
	{ "unpack-to", required_argument, NULL, OPT_UNPACK_TO },
	{ "merge", no_argument, NULL, OPT_MERGE },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static enum sl_lang
lang_from_env(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	for (size_t i = 0; i < 3; i++) {
		const char *v = getenv(vars[i]);
		if (v != NULL && v[0] != '\0')
			return strncmp(v, "zh", 2) == 0 ? SL_LANG_ZH : SL_LANG_EN;
	}
	return SL_LANG_EN;
}

static int usage_error(const char *fmt, ...) SL_PRINTF(1, 2);

static int
usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("sitelint: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'sitelint --help'.\n", stderr);
	return 2;
}

static bool
known_pattern(const char *pattern)
{
	for (int i = 0; i < SL_RULE_COUNT; i++)
		if (sl_rule_matches(pattern, (enum sl_rule_id)i))
			return true;
	return false;
}

static int
add_override(struct cli *c, const char *pattern, enum sl_severity sev)
{
	if (!known_pattern(pattern))
		return usage_error("unknown rule '%s' (see --list-rules)", pattern);
	c->lint.overrides = sl_realloc(c->lint.overrides,
	                               (c->lint.noverrides + 1) * sizeof *c->lint.overrides);
	c->lint.overrides[c->lint.noverrides].pattern = sl_strdup(pattern);
	c->lint.overrides[c->lint.noverrides++].severity = sev;
	return 0;
}

static int
parse_severity_opt(struct cli *c, const char *arg)
{
	const char *eq = strchr(arg, '=');
	enum sl_severity sev;
	if (eq == NULL || !sl_severity_parse(eq + 1, &sev))
		return usage_error("--severity wants RULE=error|warning|note|off, not '%s'", arg);
	char *rule = sl_strndup(arg, (size_t)(eq - arg));
	int rc = add_override(c, rule, sev);
	free(rule);
	return rc;
}

static int
parse_as_of(struct cli *c, const char *arg)
{
	int y, m, d;
	char tail;
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (strlen(arg) != 10 || sscanf(arg, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
	    y < 1990 || y > 2200 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1] ||
	    (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)))
		return usage_error("--as-of wants a date YYYY-MM-DD, not '%s'", arg);
	c->lint.as_of = y * 10000 + m * 100 + d;
	return 0;
}

static int
parse_u64_opt(const char *arg, uint64_t *out, const char *name)
{
	if (!sl_parse_u64(arg, UINT64_MAX, out) || *out == 0)
		return usage_error("%s wants a positive number, not '%s'", name, arg);
	return 0;
}

static int list_rules(const struct cli *c);
static int explain_rule(const struct cli *c, const char *id);

/* Parses one option; returns -1 to go on, else an exit status. */
static int
parse_one(struct cli *c, int opt, const char *arg)
{
	uint64_t v;
	switch (opt) {
	case OPT_FORMAT:
		if (!sl_format_parse(arg, &c->out.format))
			return usage_error("unknown format '%s' (gcc, json, ndjson, summary, sarif, html, diff)", arg);
		c->format_given = true;
		break;
	case 'o': c->output_path = arg; break;
	case OPT_LANG:
		if (strcmp(arg, "zh") && strcmp(arg, "en"))
			return usage_error("--lang wants zh or en, not '%s'", arg);
		c->lint.lang = c->out.lang = arg[0] == 'z' ? SL_LANG_ZH : SL_LANG_EN;
		break;
	case OPT_UNIT:
		if (!strcmp(arg, "char")) c->out.unit = SL_COL_CHAR;
		else if (!strcmp(arg, "byte")) c->out.unit = SL_COL_BYTE;
		else if (!strcmp(arg, "utf16")) c->out.unit = SL_COL_UTF16;
		else return usage_error("--column-unit wants char, byte or utf16, not '%s'", arg);
		break;
	case OPT_EXCERPT: c->excerpt = 1; break;
	case OPT_NO_EXCERPT: c->excerpt = 0; break;
	case OPT_COLOR:
		if (!strcmp(arg, "auto")) c->color = -1;
		else if (!strcmp(arg, "always")) c->color = 1;
		else if (!strcmp(arg, "never")) c->color = 0;
		else return usage_error("--color wants auto, always or never, not '%s'", arg);
		break;
	case 'q': c->quiet = true; break;
	case OPT_LIST: return list_rules(c);
	case OPT_EXPLAIN: return explain_rule(c, arg);
	case OPT_ENABLE: return add_override(c, arg, SL_SEV_DEFAULT) ? 2 : -1;
	case OPT_DISABLE: return add_override(c, arg, SL_SEV_OFF) ? 2 : -1;
	case OPT_SEVERITY: return parse_severity_opt(c, arg) ? 2 : -1;
	case OPT_FAIL_ON:
		if (!sl_severity_parse(arg, &c->lint.fail_on) || c->lint.fail_on == SL_SEV_OFF)
			return usage_error("--fail-on wants error, warning or note, not '%s'", arg);
		break;
	case OPT_CONFIG: c->lint.config_path = arg; break;
	case OPT_HOME: c->lint.home = arg; break;
	case OPT_ROOT: c->lint.root = arg; break;
	case OPT_AS_OF: return parse_as_of(c, arg) ? 2 : -1;
	case OPT_STDIN_NAME: c->lint.stdin_filename = arg; break;
	case 'j':
		if (!sl_parse_u64(arg, 1024, &v) || v == 0)
			return usage_error("--jobs wants a number from 1 to 1024, not '%s'", arg);
		c->lint.jobs = (unsigned)v;
		break;
	case OPT_MAX_MEMBER:
		return parse_u64_opt(arg, &c->lint.limits.member_bytes, "--max-member-bytes") ? 2 : -1;
	case OPT_MAX_TOTAL:
		return parse_u64_opt(arg, &c->lint.limits.total_bytes, "--max-total-bytes") ? 2 : -1;
	case OPT_MAX_MEMBERS:
		return parse_u64_opt(arg, &c->lint.limits.members, "--max-members") ? 2 : -1;
	case OPT_VERSION: printf("sitelint %s\n", sl_version); return 0;
	case OPT_DICT:
		c->dict_files = sl_realloc(c->dict_files, (c->ndict_files + 1) * sizeof *c->dict_files);
		c->dict_files[c->ndict_files++] = arg;
		break;
	case OPT_NO_DEFAULT_DICTS: c->no_default_dicts = true; break;
	case OPT_CHECK_DICT: c->check_dict = true; break;
	case OPT_FOLD_TRAD: c->lint.fold_traditional = true; break;
	case OPT_UNPACK_TO: c->unpack_dir = arg; break;
	case OPT_MERGE: c->merge = true; break;
	case 'h': fputs(usage_text, stdout); return 0;
	default: fputs(usage_text, stderr); return 2;
	}
	return -1;
}

static int
list_rules(const struct cli *c)
{
	enum sl_lang lang = c->out.lang;
	for (int i = 0; i < SL_RULE_COUNT; i++) {
		const struct sl_rule *r = &sl_rules[i];
		printf("%-26s %-8s %-14s %s\n", r->id, sl_severity_name(r->severity, SL_LANG_EN),
		       r->indicator ? r->indicator : "-", r->summary[lang == SL_LANG_ZH]);
	}
	return 0;
}

static int
explain_rule(const struct cli *c, const char *id)
{
	enum sl_rule_id rule = sl_rule_find(id);
	if (rule == SL_RULE_COUNT)
		return usage_error("unknown rule '%s' (see --list-rules)", id);
	const struct sl_rule *r = &sl_rules[rule];
	int zh = c->out.lang == SL_LANG_ZH;
	printf("%s (%s%s%s)\n%s\n\n%s\n", r->id, sl_severity_name(r->severity, c->out.lang),
	       r->indicator ? ", " : "", r->indicator ? r->indicator : "",
	       r->summary[zh], r->explain[zh]);
	return 0;
}

static void
print_dict_problem(void *ctx, const struct sl_dict_diag *d)
{
	(void)ctx;
	if (d->line > 0)
		fprintf(stderr, "%s:%u:%u: error: %s\n", d->file, d->line, d->col, d->msg);
	else
		fprintf(stderr, "%s: error: %s\n", d->file, d->msg);
}

/* --check-dict FILE...: every problem of every file, then a verdict. */
static int
check_dicts(char **paths, int n)
{
	size_t problems = sl_dict_check_files((const char *const *)paths, (size_t)n,
	                                      print_dict_problem, NULL);
	if (problems > 0) {
		fprintf(stderr, "sitelint: %zu problem(s) in %d dictionary file(s)\n", problems, n);
		return 2;
	}
	fprintf(stderr, "sitelint: %d dictionary file(s) valid\n", n);
	return 0;
}

/* Loads the bundled dictionaries (unless --no-default-dicts) and every
 * --dict file into one compiled set. */
static int
load_dicts(struct cli *c)
{
	struct sl_err err = { "" };
	sl_status st = SL_OK;
	c->dicts = sl_dictset_new();
	if (!c->no_default_dicts) {
		char *dir = sl_data_path("text");
		st = sl_dictset_load_dir(c->dicts, dir, &err);
		free(dir);
	}
	for (size_t i = 0; st == SL_OK && i < c->ndict_files; i++)
		st = sl_dictset_load_file(c->dicts, c->dict_files[i], &err);
	if (st == SL_OK)
		st = sl_dictset_compile(c->dicts, &err);
	if (st != SL_OK) {
		fprintf(stderr, "sitelint: %s\n", err.msg);
		return 2;
	}
	c->lint.dicts = c->dicts;
	return -1;
}

/* Loads the reference data of the government-site rules (sitedata.h). */
static int
load_sitedata(struct cli *c)
{
	struct sl_err err = { "" };
	c->sitedata = sl_sitedata_new();
	sl_status st = sl_sitedata_load_dir(c->sitedata, sl_data_dir(), &err);
	if (st != SL_OK) {
		fprintf(stderr, "sitelint: %s\n", err.msg);
		return 2;
	}
	c->lint.sitedata = c->sitedata;
	return -1;
}

static void
print_summary_line(const struct sl_report *r, enum sl_lang lang)
{
	const struct sl_stats *s = &r->stats;
	fprintf(stderr,
	        lang == SL_LANG_ZH
	                ? "sitelint: %s: 错误 %llu，警告 %llu，提示 %llu；成员 %llu 个（页面 %llu，跳过 %llu）；检查日期 %s（%s）\n"
	                : "sitelint: %s: %llu errors, %llu warnings, %llu notes; %llu members (%llu pages, %llu skipped); as of %s (%s)\n",
	        r->path, (unsigned long long)s->by_severity[SL_SEV_ERROR],
	        (unsigned long long)s->by_severity[SL_SEV_WARNING],
	        (unsigned long long)s->by_severity[SL_SEV_NOTE],
	        (unsigned long long)s->members, (unsigned long long)s->pages,
	        (unsigned long long)s->skipped, r->as_of, r->as_of_source);
}

/* The exit status after report R, from the status so far. */
static int
status_after(const struct cli *c, const struct sl_report *r, int status)
{
	if (r->read_error != NULL)
		status = 2;
	for (int s = c->lint.fail_on; s <= SL_SEV_ERROR && status == 0; s++)
		if (r->stats.by_severity[s] > 0)
			status = 1;
	return status;
}

/* Writes the chosen format to -o FILE or standard output; frees REPORTS. */
static int
write_reports(struct cli *c, struct sl_report *reports, size_t nreports, int status)
{
	FILE *f = stdout;
	if (c->output_path != NULL && (f = fopen(c->output_path, "w")) == NULL) {
		fprintf(stderr, "sitelint: cannot write %s\n", c->output_path);
		status = 2;
	} else if (sl_output_write(f, reports, nreports, &c->out) != SL_OK) {
		fprintf(stderr, "sitelint: error writing %s\n", c->output_path ? c->output_path : "standard output");
		status = 2;
	}
	if (f != NULL && f != stdout && fclose(f) != 0 && status != 2) {
		fprintf(stderr, "sitelint: error writing %s\n", c->output_path);
		status = 2;
	}
	/* After the findings, so a terminal shows the totals last.  A
	 * snapshot not read in full (exit status 2) is said even with -q. */
	for (size_t i = 0; i < nreports; i++) {
		if (!c->quiet && c->out.format == SL_FMT_GCC)
			print_summary_line(&reports[i], c->out.lang);
		if (reports[i].read_error != NULL)
			fprintf(stderr, c->out.lang == SL_LANG_ZH ? "sitelint: 未完整读取: %s\n"
			        : "sitelint: not read in full: %s\n", reports[i].read_error);
	}
	for (size_t i = 0; i < nreports; i++)
		sl_report_free(&reports[i]);
	free(reports);
	return status;
}

/* --unpack-to DIR: snapshot I of N goes to DIR itself when it is the only
 * one, else to DIR/NAME (its file name; -I added when an earlier one has
 * the same name). */
static char *
unpack_dir_for(const char *dir, char **args, int i, int n)
{
	size_t dl = strlen(dir);
	while (dl > 1 && dir[dl - 1] == '/')
		dl--;
	if (n == 1)
		return sl_strndup(dir, dl);
	size_t al = strlen(args[i]);
	while (al > 1 && args[i][al - 1] == '/')
		al--;
	const char *base = args[i];
	for (size_t k = 0; k < al; k++)
		if (args[i][k] == '/')
			base = args[i] + k + 1;
	size_t bl = (size_t)(args[i] + al - base);
	int dup = 0;
	for (int k = 0; k < i; k++) {
		const char *kb = strrchr(args[k], '/');
		kb = kb && kb[1] ? kb + 1 : args[k];
		dup += strncmp(kb, base, bl) == 0 && (kb[bl] == '\0' || kb[bl] == '/');
	}
	return dup ? sl_aprintf("%.*s/%.*s-%d", (int)dl, dir, (int)bl, base, i + 1)
	           : sl_aprintf("%.*s/%.*s", (int)dl, dir, (int)bl, base);
}

/* Lints ARG into R, writing its files under UDIR when that is not NULL
 * (*UNPACK_FAILED set when some could not be written). */
static sl_status
lint_one(struct cli *c, const char *arg, const char *udir, struct sl_report *r,
         bool *unpack_failed, struct sl_err *err)
{
	struct sl_unpack *u = NULL;
	sl_status st = udir ? sl_unpack_new(udir, &u, err) : SL_OK;
	if (st != SL_OK)
		return st;
	c->lint.unpack = u;
	sl_progress_start(c->lint.progress, arg);
	st = sl_lint_snapshot(arg, &c->lint, r, err);
	sl_progress_end(c->lint.progress);
	c->lint.unpack = NULL;
	if (u == NULL)
		return st;
	const char *first;
	unsigned long bad = sl_unpack_failed(u, &first);
	if (bad > 0) {
		fprintf(stderr, "sitelint: --unpack-to %s: %lu file(s) not written; the first: %s\n",
		        udir, bad, first);
		*unpack_failed = true;
	}
	if (st == SL_OK) {
		/* Findings name the written files, for an editor to open. */
		free(r->display);
		r->display = sl_aprintf("%s/", udir);
		r->single_page = false;
	}
	sl_unpack_free(u);
	return st;
}

static int
run(struct cli *c, char **args, int nargs)
{
	int status = 0;
	struct sl_report *reports = sl_calloc((size_t)nargs, sizeof *reports);
	size_t nreports = 0;
	for (int i = 0; i < nargs; i++) {
		struct sl_err err = { "" };
		struct sl_report *r = &reports[nreports];
		char *udir = c->unpack_dir ? unpack_dir_for(c->unpack_dir, args, i, nargs) : NULL;
		bool unpack_failed = false;
		sl_status st = lint_one(c, args[i], udir, r, &unpack_failed, &err);
		free(udir);
		if (unpack_failed)
			status = 2;
		if (st != SL_OK) {
			fprintf(stderr, "sitelint: %s\n", err.msg);
			sl_report_free(r);
			status = 2;
			continue;
		}
		nreports++;
		status = status_after(c, r, status);
	}
	return write_reports(c, reports, nreports, status);
}

/* --merge FILE...: the reports of --format ndjson lines, in one output. */
static int
merge_run(struct cli *c, char **paths, int n)
{
	if (!c->format_given)
		c->out.format = SL_FMT_SUMMARY;
	struct sl_report *reports;
	size_t nreports;
	struct sl_err err = { "" };
	if (sl_merge_read((const char *const *)paths, (size_t)n, c->out.format != SL_FMT_SUMMARY,
	                  &reports, &nreports, &err) != SL_OK) {
		fprintf(stderr, "sitelint: %s\n", err.msg);
		return 2;
	}
	int status = 0;
	for (size_t i = 0; i < nreports; i++)
		status = status_after(c, &reports[i], status);
	return write_reports(c, reports, nreports, status);
}

int
sl_cli_main(int argc, char **argv)
{
	struct cli c;
	memset(&c, 0, sizeof c);
	c.lint.lang = c.out.lang = lang_from_env();
	c.lint.fail_on = SL_SEV_ERROR;
	c.excerpt = -1;
	c.color = -1;
	int opt, rc = -1;
	optind = 1;
	while (rc < 0 && (opt = getopt_long(argc, argv, "o:qj:h", long_opts, NULL)) != -1)
		rc = parse_one(&c, opt, optarg);
	if (rc < 0 && optind >= argc)
		rc = usage_error("%s", "no snapshot given");
	if (rc < 0 && c.check_dict)
		rc = check_dicts(argv + optind, argc - optind);
	if (rc < 0 && c.merge)
		rc = merge_run(&c, argv + optind, argc - optind);
	if (rc < 0 && c.unpack_dir != NULL && c.lint.root != NULL)
		rc = usage_error("%s", "--unpack-to and --root do not go together");
	if (rc < 0)
		rc = load_dicts(&c);
	if (rc < 0)
		rc = load_sitedata(&c);
	if (rc < 0) {
		bool tty = c.output_path == NULL && isatty(STDOUT_FILENO);
		c.out.excerpts = c.lint.excerpts = c.excerpt < 0 ? tty : c.excerpt;
		/* SARIF fingerprints and the HTML report need the source lines. */
		if (c.out.format == SL_FMT_SARIF || c.out.format == SL_FMT_HTML)
			c.lint.excerpts = true;
		c.out.color = c.color < 0 ? tty && getenv("NO_COLOR") == NULL : c.color;
		if (!c.quiet && isatty(STDERR_FILENO))
			c.lint.progress = sl_progress_new(stderr);
		rc = run(&c, argv + optind, argc - optind);
		sl_progress_free(c.lint.progress);
	}
	for (size_t i = 0; i < c.lint.noverrides; i++)
		free(c.lint.overrides[i].pattern);
	free(c.lint.overrides);
	free(c.dict_files);
	sl_dictset_free(c.dicts);
	sl_sitedata_free(c.sitedata);
	return rc;
}
