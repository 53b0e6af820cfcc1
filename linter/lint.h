/*
 * lint.h - linting one snapshot from end to end.
 *
 * sl_lint_snapshot() opens a snapshot, streams its members to a pool of
 * workers that decode and analyse each page once and run the page rules,
 * keeps a compact record per member (the site model, site.h), then runs
 * the site rules, applies configuration and inline suppressions, and
 * returns a sorted report.  Nothing is printed here: output formats take
 * the report (output.h).
 */
#ifndef SL_LINT_H
#define SL_LINT_H

#include <stdbool.h>
#include <stdint.h>

#include "decode.h"
#include "diag.h"
#include "snapshot.h"

struct sl_progress;
struct sl_unpack;

/* One --enable/--disable/--severity setting, applied in order. */
struct sl_rule_override {
	char *pattern;               /* rule id, family, or "*" (owned) */
	enum sl_severity severity;   /* SL_SEV_OFF to disable; -2: default */
};
#define SL_SEV_DEFAULT ((enum sl_severity)-2)

struct sl_lint_opts {
	unsigned jobs;               /* worker threads; 0 = all cores */
	enum sl_lang lang;
	bool excerpts;               /* keep source lines for --excerpt */
	struct sl_limits limits;
	const char *config_path;     /* --config, or NULL */
	const char *home;            /* --home, or NULL */
	const char *root;            /* --root for a single page, or NULL */
	const char *stdin_filename;  /* --stdin-filename, or NULL */
	int32_t as_of;               /* --as-of as yyyymmdd, or 0 */
	struct sl_rule_override *overrides;
	size_t noverrides;
	enum sl_severity fail_on;    /* exit 1 at or above this */
	const struct sl_dictset *dicts;  /* compiled text dictionaries, or NULL */
	const struct sl_sitedata *sitedata;  /* provinces, moved hosts, required
	                                       columns, closure phrases
	                                       (sitedata.h), or NULL */
	bool fold_traditional;       /* Traditional->Simplified before matching */
	struct sl_progress *progress;  /* progress line on a terminal, or NULL */
	struct sl_unpack *unpack;    /* --unpack-to: members written there, or NULL */
};

/* Counts for the summary: every member is accounted for. */
struct sl_stats {
	uint64_t members;            /* members read */
	uint64_t pages;              /* HTML pages analysed */
	uint64_t other;              /* non-HTML members (attachments, images) */
	uint64_t bytes;              /* bytes read */
	uint64_t skipped;            /* members refused or skipped (see diags) */
	/* Why, one count per reader event (they add up to skipped): */
	uint64_t skipped_unsafe;     /* an absolute or climbing name or link */
	uint64_t skipped_limit;      /* over a cap (the rest of the snapshot
	                                counts once) */
	uint64_t skipped_duplicate;  /* a path read before */
	uint64_t skipped_other;      /* encrypted, a link to nothing, not a
	                                regular file, a bad WARC record */
	uint64_t skipped_unreadable; /* an I/O error or damaged data (exit 2) */
	uint64_t suppressed;         /* diagnostics suppressed inline */
	uint64_t by_severity[3];
};

/* One column (栏目) as the column checks saw it, for the reports that
 * show freshness (the HTML report's column table).  The column checks
 * fill sl_report.columns; when they did not run it stays empty and the
 * reports leave the table out. */
struct sl_report_column {
	char *path;                  /* member path of its (first) list page (owned) */
	char *name;                  /* 工作动态 (owned) */
	char *class_name;            /* "news", "notice" ..., or NULL (owned) */
	int32_t newest;              /* yyyymmdd of its newest item, 0 if none */
	int32_t limit_days;          /* staleness limit of its class, 0 if none */
	uint32_t items;              /* dated items found */
	bool stale;                  /* newest is older than the limit allows */
	bool blank;                  /* reported as columns/blank */
};

struct sl_report {
	char *path;                  /* the snapshot argument as given */
	char *display;               /* what gcc output puts before a member
	                                path ("site/" or "site.tar.gz/"), or
	                                for a single page its name as given */
	bool single_page;            /* one page: DISPLAY is the whole name */
	char *site_name;             /* SiteName meta, config name, home title */
	char *home;                  /* member path of the home page, or NULL */
	char as_of[11];              /* YYYY-MM-DD */
	const char *as_of_source;    /* "option", "config", "warc-date", ... */
	char *read_error;            /* why reading stopped early, or NULL */
	struct sl_stats stats;
	struct sl_diags diags;       /* sorted */
	bool pass;                   /* census verdict */
	char **problems;             /* worded as the notices word them */
	size_t nproblems;
	int32_t rule_counts[SL_RULE_COUNT];
	struct sl_report_column *columns;   /* sorted by path; may be empty */
	size_t ncolumns;
};

/* Lints the snapshot named by ARG (see snapshot.h for the kinds).  Fills
 * *REPORT (release with sl_report_free) and returns SL_OK, or the status
 * of a failure that prevented linting (unreadable snapshot, bad config):
 * ERR then says why.  A snapshot that could be read only in part returns
 * SL_OK with report->read_error set; the caller exits 2. */
sl_status sl_lint_snapshot(const char *arg, const struct sl_lint_opts *opts,
                           struct sl_report *report, struct sl_err *err);

void sl_report_free(struct sl_report *r);

#endif
