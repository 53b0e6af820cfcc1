/*
 * lint.c - the pipeline for one snapshot: read, analyse in parallel,
 * check the site, filter, sort.
 */
#include "lint.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "analyse.h"
#include "decode.h"
#include "config.h"
#include "emit.h"
#include "overlay.h"
#include "pool.h"
#include "progress.h"
#include "rules/rules.h"
#include "site.h"
#include "suppress.h"
#include "unpack.h"
#include "util.h"
#include "verdict.h"

#define CONFIG_NAME "sitelint.conf"
#define CONFIG_MAX_BYTES (1u << 20)

struct run {
	const struct sl_lint_opts *opts;
	struct sl_worker *workers;  /* one per pool thread */
	struct sl_report *r;
	struct sl_site site;
	pthread_mutex_t mu;
	struct sl_diags reader;     /* findings about the container */
	struct sl_config cfg;
	bool have_cfg;
	bool single_page;
	sl_status cfg_status;
	struct sl_err cfg_err;
	struct sl_overlay *ov;      /* --root: the page laid over the root */
	char *unreadable;           /* the first SL_EV_UNREADABLE, in English */
};

static const char *const home_names[] = {
	"index.html", "index.htm", "index.shtml", "default.html", "default.htm",
};

/* --- reading ------------------------------------------------------- */

static void
on_event(void *ctx, enum sl_snapshot_event ev, const char *member, const char *msg)
{
	struct run *run = ctx;
	enum sl_lang lang = run->opts->lang;
	enum sl_rule_id rule;
	const char *zh;
	switch (ev) {
	case SL_EV_UNSAFE_PATH: rule = SL_R_SNAPSHOT_UNSAFE_PATH; zh = "已拒绝越出快照范围的成员"; break;
	case SL_EV_LIMIT:       rule = SL_R_SNAPSHOT_LIMIT; zh = "达到上限"; break;
	case SL_EV_DUPLICATE:   rule = SL_R_SNAPSHOT_SKIPPED; zh = "重复的成员，保留第一个"; break;
	case SL_EV_SKIPPED:     rule = SL_R_SNAPSHOT_SKIPPED; zh = "跳过无法读取的成员"; break;
	case SL_EV_DAMAGED:     rule = SL_R_SNAPSHOT_DAMAGED; zh = "快照已损坏"; break;
	case SL_EV_UNREADABLE:  rule = SL_R_SNAPSHOT_DAMAGED; zh = "无法读取"; break;
	default:                return;
	}
	/* Reading goes on, but the snapshot was not read in full: exit 2. */
	if (ev == SL_EV_UNREADABLE && run->unreadable == NULL)
		run->unreadable = member ? sl_aprintf("%s: '%s': %s", run->r->path, member, msg)
		                         : sl_aprintf("%s: %s", run->r->path, msg);
	struct sl_stats *stats = &run->r->stats;
	/* Damage that names a member lost that member. */
	stats->skipped += ev != SL_EV_DAMAGED || member != NULL;
	stats->skipped_unsafe += ev == SL_EV_UNSAFE_PATH;
	stats->skipped_limit += ev == SL_EV_LIMIT;
	stats->skipped_duplicate += ev == SL_EV_DUPLICATE;
	stats->skipped_other += ev == SL_EV_SKIPPED;
	stats->skipped_unreadable += ev == SL_EV_UNREADABLE || (ev == SL_EV_DAMAGED && member);
	char *text;
	if (member != NULL)
		text = lang == SL_LANG_ZH ? sl_aprintf("%s“%s”：%s", zh, member, msg)
		                          : sl_aprintf("'%s': %s", member, msg);
	else
		text = lang == SL_LANG_ZH ? sl_aprintf("%s：%s", zh, msg) : sl_strdup(msg);
	struct sl_emit e = { &run->reader, lang, "", NULL, false };
	SL_EMIT(&e, rule, NULL, NULL, text);
	free(text);
}

static void
work(void *arg, void *job, unsigned worker)
{
	struct run *run = arg;
	struct sl_member *m = job;
	struct sl_doc *doc = sl_analyse_member(m, run->single_page, run->opts,
	                                       &run->workers[worker]);
	sl_progress_analysed(run->opts->progress, doc->is_html);
	sl_member_clear(m);
	free(m);
	pthread_mutex_lock(&run->mu);
	sl_site_add(&run->site, doc);
	pthread_mutex_unlock(&run->mu);
}

static bool
is_config_member(const char *path)
{
	const char *slash = strchr(path, '/');
	if (slash == NULL)
		return strcmp(path, CONFIG_NAME) == 0;
	return strchr(slash + 1, '/') == NULL && strcmp(slash + 1, CONFIG_NAME) == 0;
}

static void
take_config_member(struct run *run, const struct sl_member *m)
{
	if (run->have_cfg || run->cfg_status != SL_OK)
		return;
	char *name = sl_aprintf("%s%s", run->r->display, m->path);
	run->cfg_status = sl_config_parse(&run->cfg, (const char *)m->data, m->len,
	                                  name, &run->cfg_err);
	free(name);
	run->have_cfg = run->cfg_status == SL_OK;
}

static unsigned
default_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 64 ? 64 : (unsigned)n;
}

static sl_status
read_snapshot(struct run *run, struct sl_snapshot *snap)
{
	const struct sl_lint_opts *o = run->opts;
	unsigned jobs = o->jobs ? o->jobs : default_jobs();
	run->workers = sl_calloc(jobs, sizeof *run->workers);
	for (unsigned i = 0; i < jobs; i++)
		sl_worker_init(&run->workers[i]);
	/* Sixteen members a worker at most, 64 MB in all: the reader stays
	 * ahead of the workers, and once the queue is full it sleeps until
	 * half of it is done (pool.c). */
	struct sl_pool *pool = sl_pool_new(jobs, jobs * 16, 64u << 20, work, run);
	struct sl_err err;
	sl_status st;
	for (;;) {
		struct sl_member *m = sl_calloc(1, sizeof *m);
		st = sl_snapshot_next(snap, m, &err);
		if (st != SL_OK || m->path == NULL) {
			sl_member_clear(m);
			free(m);
			break;
		}
		run->r->stats.members++;
		run->r->stats.bytes += m->len;
		if (m->warc_date > run->site.newest_warc_date)
			run->site.newest_warc_date = m->warc_date;
		if (o->config_path == NULL && is_config_member(m->path))
			take_config_member(run, m);
		if (run->ov != NULL)
			sl_overlay_take(run->ov, m);
		sl_unpack_member(o->unpack, m);
		sl_progress_read(o->progress, m->len);
		sl_pool_submit(pool, m, m->len);
	}
	/* --root: a page the root does not hold yet (a new file). */
	struct sl_member *extra = run->ov ? sl_overlay_missing(run->ov) : NULL;
	if (extra != NULL) {
		run->r->stats.members++;
		run->r->stats.bytes += extra->len;
		sl_pool_submit(pool, extra, extra->len);
	}
	sl_pool_finish(pool);
	for (unsigned i = 0; i < jobs; i++)
		sl_worker_free(&run->workers[i]);
	free(run->workers);
	run->workers = NULL;
	if (st != SL_OK)   /* the reader reported the damage as an event */
		run->r->read_error = sl_strdup(err.msg);
	else if (run->unreadable != NULL)   /* it read on past a member */
		run->r->read_error = sl_strdup(run->unreadable);
	return SL_OK;
}

/* --- facts of the site ---------------------------------------------- */

static char *
single_top_dir(const struct sl_site *site)
{
	if (site->ndocs == 0)
		return NULL;
	const char *first = site->docs[0]->path;
	const char *slash = strchr(first, '/');
	if (slash == NULL)
		return NULL;
	size_t n = (size_t)(slash - first) + 1;
	for (size_t i = 1; i < site->ndocs; i++)
		if (strncmp(site->docs[i]->path, first, n) != 0)
			return NULL;
	return sl_strndup(first, n);
}

static const struct sl_doc *
find_home(struct run *run, char **looked_for)
{
	const struct sl_site *site = &run->site;
	const char *want = run->opts->home ? run->opts->home
	                 : run->have_cfg ? run->cfg.home : NULL;
	*looked_for = NULL;
	if (run->single_page)
		return site->ndocs ? site->docs[0] : NULL;
	char *top = single_top_dir(site);
	if (want != NULL) {
		/* Relative to the site root: the snapshot root, or its single
		 * top-level folder (a wget mirror's host folder, a WARC host). */
		const char *why;
		char *p = sl_path_normalize(want, &why);
		const struct sl_doc *d = p ? sl_site_find(site, p) : NULL;
		if (d == NULL && p != NULL && top != NULL) {
			char *q = sl_aprintf("%s%s", top, p);
			d = sl_site_find(site, q);
			free(q);
		}
		*looked_for = p ? p : sl_strdup(want);
		free(top);
		return d;
	}
	for (int pass = 0; pass < 2; pass++) {
		const char *prefix = pass == 0 ? "" : top;
		if (prefix == NULL)
			break;
		for (size_t i = 0; i < sizeof home_names / sizeof home_names[0]; i++) {
			char *p = sl_aprintf("%s%s", prefix, home_names[i]);
			const struct sl_doc *d = sl_site_find(site, p);
			free(p);
			if (d != NULL) {
				free(top);
				return d;
			}
		}
	}
	free(top);
	for (size_t i = 0; i < site->ndocs; i++)
		if (site->docs[i]->is_first_html)
			return site->docs[i];
	return NULL;
}

/* The folder the site's root is in: the single top-level folder when the
 * home page is inside it (a WARC's host, a wget mirror's host folder),
 * else "" (the snapshot root). */
static char *
site_root(const struct sl_site *site, const struct sl_doc *home)
{
	char *top = single_top_dir(site);
	if (top != NULL && home != NULL && strncmp(home->path, top, strlen(top)) == 0 &&
	    strchr(home->path + strlen(top), '/') == NULL)
		return top;
	free(top);
	return sl_strdup("");
}

static int32_t
ymd_of_time(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (gmtime_r(&tt, &tm) == NULL)
		return 19700101;
	return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
}

static int32_t
choose_as_of(struct run *run, const char **source)
{
	if (run->opts->as_of) {
		*source = "option";
		return run->opts->as_of;
	}
	if (run->have_cfg && run->cfg.as_of.set) {
		*source = "config";
		return run->cfg.as_of.y * 10000 + run->cfg.as_of.m * 100 + run->cfg.as_of.d;
	}
	if (run->site.newest_warc_date > 0) {
		*source = "warc-date";
		return ymd_of_time(run->site.newest_warc_date);
	}
	if (run->site.newest_mtime > 0) {
		*source = "mtime";
		return ymd_of_time(run->site.newest_mtime);
	}
	*source = "today";
	return ymd_of_time((int64_t)time(NULL));
}

static char *
choose_site_name(struct run *run, const struct sl_doc *home)
{
	const struct sl_doc_meta *m = home ? sl_doc_meta(home, "SiteName") : NULL;
	if (m != NULL && m->content[0])
		return sl_strdup(m->content);
	if (run->have_cfg && run->cfg.name != NULL)
		return sl_strdup(run->cfg.name);
	if (home != NULL && home->title != NULL && home->title[0])
		return sl_strdup(home->title);
	const char *base = strrchr(run->r->path, '/');
	return sl_strdup(base && base[1] ? base + 1 : run->r->path);
}

/* --- filtering ------------------------------------------------------- */

static enum sl_severity
apply_setting(enum sl_severity cur, enum sl_severity emitted, enum sl_severity set)
{
	if (set == SL_SEV_OFF)
		return SL_SEV_OFF;
	/* Enabling restores the severity the check gave (an error for a
	 * broken link on the home page), not the table's default. */
	if (set == SL_SEV_DEFAULT)
		return cur == SL_SEV_OFF ? emitted : cur;
	return set;
}

static enum sl_severity
config_setting(enum sl_rule_setting s)
{
	switch (s) {
	case SL_RS_OFF: return SL_SEV_OFF;
	case SL_RS_NOTE: return SL_SEV_NOTE;
	case SL_RS_WARNING: return SL_SEV_WARNING;
	case SL_RS_ERROR: return SL_SEV_ERROR;
	default: return SL_SEV_DEFAULT;
	}
}

static enum sl_severity
final_severity(const struct run *run, const struct sl_diag *d)
{
	enum sl_severity sev = d->severity;
	if (run->have_cfg)
		for (size_t i = 0; i < run->cfg.nrules; i++)
			if (sl_rule_matches(run->cfg.rules[i].rule, d->rule))
				sev = apply_setting(sev, d->severity, config_setting(run->cfg.rules[i].setting));
	for (size_t i = 0; i < run->opts->noverrides; i++)
		if (sl_rule_matches(run->opts->overrides[i].pattern, d->rule))
			sev = apply_setting(sev, d->severity, run->opts->overrides[i].severity);
	return sev;
}

static sl_status
validate_config_rules(struct run *run, struct sl_err *err)
{
	for (size_t i = 0; i < run->cfg.nrules; i++) {
		const struct sl_config_rule *cr = &run->cfg.rules[i];
		bool any = false;
		for (int k = 0; k < SL_RULE_COUNT && !any; k++)
			any = sl_rule_matches(cr->rule, (enum sl_rule_id)k);
		if (!any)
			return sl_config_error(&run->cfg, err, cr->line, cr->col,
			                       "unknown rule '%s' (see sitelint --list-rules)", cr->rule);
	}
	return SL_OK;
}

struct unused_ctx {
	struct run *run;
	struct sl_diags *out;
	const struct sl_doc *doc;
};

/* The span of the directive comment around LINE (positions inside a
 * comment are only known in code points; the comment's own span is exact
 * in every unit). */
static struct sl_span
directive_span(const struct sl_doc *doc, uint32_t line, uint32_t col)
{
	for (size_t i = 0; i < doc->ndirectives; i++)
		if (doc->directives[i].start.line <= line && line <= doc->directives[i].end.line)
			return doc->directives[i];
	struct sl_span s;
	s.start = (struct sl_pos){ line, col, col, col };
	s.end = s.start;
	return s;
}

static void
on_unused(void *ctx, uint32_t line, uint32_t col, const char *directive, const char *rule)
{
	struct unused_ctx *u = ctx;
	enum sl_lang lang = u->run->opts->lang;
	struct sl_emit e = { u->out, lang, u->doc->path, NULL, false };
	struct sl_span s = directive_span(u->doc, line, col);
	char *msg = lang == SL_LANG_ZH
		? sl_aprintf("抑制注释 %s %s 没有抑制任何诊断", directive, rule ? rule : "（全部规则）")
		: sl_aprintf("%s %s did not suppress anything", directive, rule ? rule : "(all rules)");
	SL_EMIT(&e, SL_R_SUPPRESS_UNUSED, &s, NULL, msg);
	free(msg);
}

/* Moves D into OUT unless it is off, suppressed or not yet due. */
static void
keep_or_drop(struct run *run, struct sl_diag *d, int32_t as_of,
             struct sl_doc *doc, struct sl_diags *out)
{
	d->severity = final_severity(run, d);
	bool drop = d->severity == SL_SEV_OFF || (d->only_after && as_of < d->only_after);
	if (!drop && doc != NULL && doc->supp != NULL && d->has_pos &&
	    sl_suppress_check(doc->supp, sl_rules[d->rule].id, d->span.start.line)) {
		run->r->stats.suppressed++;
		drop = true;
	}
	if (drop) {
		sl_diag_clear(d);
		return;
	}
	struct sl_diags one = { d, 1, 1 };
	sl_diags_move(out, &one);
}

static void
collect(struct run *run, struct sl_diags *site_diags, int32_t as_of)
{
	struct sl_diags *out = &run->r->diags;
	for (size_t i = 0; i < run->reader.n; i++)
		keep_or_drop(run, &run->reader.v[i], as_of, NULL, out);
	run->reader.n = 0;
	for (size_t i = 0; i < site_diags->n; i++) {
		struct sl_diag *d = &site_diags->v[i];
		keep_or_drop(run, d, as_of, sl_site_find(&run->site, d->file), out);
	}
	site_diags->n = 0;
	for (size_t i = 0; i < run->site.ndocs; i++) {
		struct sl_doc *doc = run->site.docs[i];
		for (size_t k = 0; k < doc->diags.n; k++)
			keep_or_drop(run, &doc->diags.v[k], as_of, doc, out);
		doc->diags.n = 0;
		if (doc->supp != NULL) {
			struct sl_diags unused = { 0 };
			struct unused_ctx u = { run, &unused, doc };
			sl_suppress_unused(doc->supp, on_unused, &u);
			for (size_t k = 0; k < unused.n; k++)
				keep_or_drop(run, &unused.v[k], as_of, NULL, out);
			free(unused.v);
		}
	}
	sl_diags_sort(out);
	for (size_t i = 0; i < out->n; i++) {
		run->r->rule_counts[out->v[i].rule]++;
		run->r->stats.by_severity[out->v[i].severity]++;
	}
}

/* --- excerpts of site findings --------------------------------------- */

/* Site checks run after the pages are gone, so their findings have no
 * source line.  When excerpts are wanted, read the members that have such
 * findings once more (only then: it costs a second pass) and fill them. */
static void
fill_excerpts(struct run *run, const char *arg)
{
	struct sl_diags *list = &run->r->diags;
	bool need = false;
	for (size_t i = 0; i < list->n && !need; i++)
		need = list->v[i].has_pos && list->v[i].excerpt == NULL && list->v[i].file[0];
	if (!need || strcmp(arg, "-") == 0)
		return;
	struct sl_snapshot_opts so = { run->opts->limits, NULL, NULL, run->opts->stdin_filename, NULL };
	struct sl_snapshot *snap = NULL;
	struct sl_err err;
	if (sl_snapshot_open(arg, &so, &snap, &err) != SL_OK)
		return;
	struct sl_member m;
	memset(&m, 0, sizeof m);
	while (sl_snapshot_next(snap, &m, &err) == SL_OK && m.path != NULL) {
		/* The list is sorted by file: find this member's findings. */
		size_t lo = 0, hi = list->n;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (strcmp(list->v[mid].file, m.path) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		bool want = false;
		for (size_t i = lo; i < list->n && strcmp(list->v[i].file, m.path) == 0; i++)
			want |= list->v[i].has_pos && list->v[i].excerpt == NULL;
		struct sl_decoded dec;
		if (want && sl_decode(m.data, m.len, m.content_type, &dec, &err) == SL_OK) {
			for (size_t i = lo; i < list->n && strcmp(list->v[i].file, m.path) == 0; i++)
				if (list->v[i].has_pos && list->v[i].excerpt == NULL)
					list->v[i].excerpt = sl_excerpt_line(&dec, list->v[i].span.start.line);
			sl_decoded_free(&dec);
		}
		sl_member_clear(&m);
	}
	sl_member_clear(&m);
	sl_snapshot_free(snap);
}

/* --- the whole run --------------------------------------------------- */

static char *
display_prefix(const char *arg, enum sl_snapshot_kind kind, const struct sl_lint_opts *o)
{
	if (strcmp(arg, "-") == 0) {   /* an archive on stdin: "NAME/member" */
		const char *name = o->stdin_filename ? o->stdin_filename : "-";
		return kind == SL_SNAP_FILE ? sl_strdup(name) : sl_aprintf("%s/", name);
	}
	if (kind == SL_SNAP_FILE)
		return sl_strdup(arg);
	size_t n = strlen(arg);
	while (n > 1 && arg[n - 1] == '/')
		n--;
	char *base = sl_strndup(arg, n);
	char *p = sl_aprintf("%s/", base);
	free(base);
	return p;
}

static sl_status
load_config(struct run *run, const char *arg, enum sl_snapshot_kind kind, struct sl_err *err)
{
	const char *path = run->opts->config_path;
	char *dirconf = NULL;
	struct stat st;
	if (path == NULL && kind == SL_SNAP_DIR) {
		dirconf = sl_aprintf("%s/%s", arg, CONFIG_NAME);
		if (stat(dirconf, &st) == 0)
			path = dirconf;
	}
	sl_status s = SL_OK;
	if (path != NULL) {
		s = sl_config_load(&run->cfg, path, err);
		run->have_cfg = s == SL_OK;
		if (s == SL_OK)
			s = validate_config_rules(run, err);
	}
	free(dirconf);
	return s;
}

/* The site's own hosts, for every check that resolves links: configured
 * domains, the home page's SiteDomain (a list), the WARC host and a
 * host-named top folder. */
static void
collect_hosts(const struct run *run, const struct sl_doc *home, const char *root,
              struct sl_site_hosts *hosts)
{
	sl_site_hosts_init(hosts);
	if (run->have_cfg)
		for (size_t i = 0; i < run->cfg.ndomains; i++)
			sl_site_hosts_add(hosts, run->cfg.domains[i]);
	const struct sl_doc_meta *m = home ? sl_doc_meta(home, "SiteDomain") : NULL;
	if (m != NULL) {
		char *list = sl_strdup(m->content);
		for (char *p = list, *end; p != NULL && *p; p = end) {
			end = strpbrk(p, ",;， ");
			if (end != NULL)
				*end++ = '\0';
			if (*p)
				sl_site_hosts_add(hosts, p);
		}
		free(list);
	}
	if (run->site.host != NULL)
		sl_site_hosts_add(hosts, run->site.host);
	size_t n = strlen(root);
	if (n > 1 && memchr(root, '.', n) != NULL) {
		char *h = sl_strndup(root, n - 1);
		sl_site_hosts_add(hosts, h);
		free(h);
	}
}

/* One site check, into its own list. */
struct site_job {
	sl_site_rule_fn fn;
	struct sl_site_check c;
	struct sl_diags out;
};

static void
site_work(void *arg, void *job, unsigned worker)
{
	(void)arg;
	(void)worker;
	struct site_job *j = job;
	j->fn(&j->c);
}

/* The site checks only read the site, each its own way (links, columns,
 * downloads ...), so they run side by side on the worker threads, each
 * into its own list; the lists join in the registry's order, so the
 * findings are the same for any number of threads. */
static void
run_site_rules(struct run *run, const struct sl_site_check *c)
{
	size_t n = 0;
	while (sl_site_rules[n] != NULL)
		n++;
	struct site_job *jobs = sl_calloc(n, sizeof *jobs);
	unsigned threads = run->opts->jobs ? run->opts->jobs : default_jobs();
	struct sl_pool *pool = sl_pool_new(threads < n ? threads : (unsigned)n, n, 0, site_work,
	                                   NULL);
	for (size_t i = 0; i < n; i++) {
		jobs[i].fn = sl_site_rules[i];
		jobs[i].c = *c;
		jobs[i].c.out = &jobs[i].out;
		sl_pool_submit(pool, &jobs[i], 0);
	}
	sl_pool_finish(pool);
	for (size_t i = 0; i < n; i++) {
		sl_diags_move(c->out, &jobs[i].out);
		sl_diags_free(&jobs[i].out);
	}
	free(jobs);
}

/* After the stream: the site's facts (home, as-of, name), the site
 * checks, filtering and sorting, excerpts, the verdict. */
static void
judge_site(struct run *run, const char *arg)
{
	struct sl_report *r = run->r;
	sl_site_seal(&run->site);

	for (size_t i = 0; i < run->site.ndocs; i++) {
		if (run->site.docs[i]->is_html)
			r->stats.pages++;
		else
			r->stats.other++;
	}
	char *looked_for;
	const struct sl_doc *home = find_home(run, &looked_for);
	const char *source;
	int32_t as_of = choose_as_of(run, &source);
	snprintf(r->as_of, sizeof r->as_of, "%04u-%02u-%02u",
	         (unsigned)(as_of / 10000) % 10000u, (unsigned)(as_of / 100 % 100) % 100u,
	         (unsigned)(as_of % 100) % 100u);
	r->as_of_source = source;
	r->home = home ? sl_strdup(home->path) : NULL;
	r->site_name = choose_site_name(run, home);

	struct sl_diags site_diags = { 0 };
	char *root = site_root(&run->site, home);
	struct sl_site_hosts *hosts = sl_malloc(sizeof *hosts);
	collect_hosts(run, home, root, hosts);
	struct sl_site_check c = { &run->site, run->have_cfg ? &run->cfg : NULL, root, home,
	                           looked_for, as_of, run->opts->lang, &site_diags, run->opts,
	                           hosts };
	run_site_rules(run, &c);
	free(looked_for);
	free(root);
	free(hosts);
	collect(run, &site_diags, as_of);
	sl_diags_free(&site_diags);
	if (run->ov != NULL)
		sl_overlay_finish(run->ov, r, run->opts->excerpts);
	else if (run->opts->excerpts)
		fill_excerpts(run, arg);
	sl_verdict_decide(r, run->have_cfg ? &run->cfg : NULL);
}

sl_status
sl_lint_snapshot(const char *arg, const struct sl_lint_opts *opts,
                 struct sl_report *r, struct sl_err *err)
{
	struct run run;
	memset(&run, 0, sizeof run);
	memset(r, 0, sizeof *r);
	run.opts = opts;
	run.r = r;
	r->path = sl_strdup(arg);
	sl_site_init(&run.site);
	sl_config_init(&run.cfg);
	pthread_mutex_init(&run.mu, NULL);

	struct sl_snapshot_opts so = { opts->limits, on_event, &run, opts->stdin_filename, NULL };
	struct sl_snapshot *snap = NULL;
	sl_status s = SL_OK;
	/* --root DIR PAGE: the snapshot is DIR, with PAGE laid over it. */
	const char *snap_arg = opts->root ? opts->root : arg;
	if (opts->root != NULL &&
	    (s = sl_overlay_open(opts->root, arg, opts->stdin_filename, NULL,
	                         opts->limits.member_bytes, &run.ov, err)) != SL_OK)
		goto out;
	if ((s = sl_snapshot_open(snap_arg, &so, &snap, err)) != SL_OK)
		goto out;
	enum sl_snapshot_kind kind = sl_snapshot_kind(snap);
	run.single_page = kind == SL_SNAP_FILE;
	r->single_page = run.single_page;
	r->display = display_prefix(snap_arg, kind, opts);
	if ((s = load_config(&run, snap_arg, kind, err)) != SL_OK)
		goto out;
	read_snapshot(&run, snap);
	if (run.cfg_status != SL_OK) {
		*err = run.cfg_err;
		s = run.cfg_status;
		goto out;
	}
	if (run.have_cfg && (s = validate_config_rules(&run, err)) != SL_OK)
		goto out;
	if (sl_snapshot_host(snap) != NULL)
		run.site.host = sl_strdup(sl_snapshot_host(snap));
	judge_site(&run, arg);
out:
	sl_overlay_free(run.ov);
	sl_snapshot_free(snap);
	free(run.unreadable);
	sl_diags_free(&run.reader);
	sl_site_free(&run.site);
	sl_config_free(&run.cfg);
	pthread_mutex_destroy(&run.mu);
	if (r->display == NULL)
		r->display = sl_aprintf("%s/", arg);
	return s;
}

void
sl_report_free(struct sl_report *r)
{
	free(r->path);
	free(r->display);
	free(r->site_name);
	free(r->home);
	free(r->read_error);
	sl_diags_free(&r->diags);
	for (size_t i = 0; i < r->nproblems; i++)
		free(r->problems[i]);
	free(r->problems);
	for (size_t i = 0; i < r->ncolumns; i++) {
		free(r->columns[i].path);
		free(r->columns[i].name);
		free(r->columns[i].class_name);
	}
	free(r->columns);
	memset(r, 0, sizeof *r);
}
