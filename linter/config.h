/*
 * config.h - sitelint.conf: what a webmaster tells sitelint about a site.
 *
 * The module owns the file format (docs/config.md is its reference): a
 * small INI-like UTF-8 text with top-level site keys (name, profile,
 * status, as-of, home, domain, decommissioned), a [limits] section, a [rules] section of
 * per-rule settings and [column "PATTERN"] sections that declare columns
 * (栏目).  It parses the text into a plain struct sl_config, matches
 * member paths against the column declarations, and names the column
 * classes that other modules share.
 *
 * A bad file is an SL_ERR_USAGE failure whose message reads
 * "FILE:LINE:COL: error: MESSAGE", COL being 1-based in code points and
 * pointing at the offending token.  Rule ids in [rules] are not checked
 * here (the rule table lives elsewhere): each entry keeps its line and
 * column so the caller can report an unknown id with sl_config_error().
 */
#ifndef SL_CONFIG_H
#define SL_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

#define SL_CONFIG_MAX_BYTES    (1u << 20)  /* whole file */
#define SL_CONFIG_MAX_LINE     4096        /* bytes in one line */
#define SL_CONFIG_MAX_PATTERN  512         /* bytes in a column pattern */
#define SL_CONFIG_MAX_COLUMNS  10000
#define SL_CONFIG_MAX_RULES    1000
#define SL_CONFIG_MAX_DOMAINS  64
#define SL_CONFIG_MAX_MOVED    10000       /* `decommissioned` lines */
#define SL_CONFIG_MAX_NUMBER   100000      /* largest count or day limit */

/* Day limits: a column's own limit when it has none, and "never stale". */
#define SL_LIMIT_UNSET  (-1)
#define SL_LIMIT_OFF    (-2)

/* The kind of site, which decides the required columns (SPEC 5). */
enum sl_profile {
	SL_PROFILE_PORTAL,      /* a government's portal (门户网站) */
	SL_PROFILE_DEPARTMENT,  /* a department's site (部门网站) */
	SL_PROFILE_TOWNSHIP,    /* a township or street site (乡镇/街道) */
};

enum sl_site_status {
	SL_SITE_OPEN,
	SL_SITE_CLOSING,        /* must carry a closure notice (SPEC 5) */
};

/* Column classes (SPEC 5.1).  SL_CLASS_NONE means not known (yet). */
enum sl_column_class {
	SL_CLASS_NONE = -1,
	SL_CLASS_NEWS,          /* news: 动态, 要闻 */
	SL_CLASS_NOTICE,        /* notice: 通知公告 */
	SL_CLASS_POLICY,        /* policy: 政策文件 */
	SL_CLASS_PERSONNEL,     /* personnel: 人事信息 */
	SL_CLASS_PLAN,          /* plan: 规划计划 */
	SL_CLASS_SERVICE,       /* service: 办事服务 */
	SL_CLASS_FORMS,         /* forms: 表格下载 */
	SL_CLASS_REQUEST,       /* request: 依申请公开 */
	SL_CLASS_INTERACTION,   /* interaction: 互动交流 */
	SL_CLASS_OTHER,         /* other */
	SL_CLASS_COUNT
};

/* A rule's setting from [rules].  SL_RS_ON enables the rule with its
 * default severity. */
enum sl_rule_setting {
	SL_RS_OFF,
	SL_RS_ON,
	SL_RS_NOTE,
	SL_RS_WARNING,
	SL_RS_ERROR,
};

struct sl_config_date {
	int y, m, d;
	bool set;               /* false: not given (the fields are 0) */
};

/* Thresholds.  Day limits are SL_LIMIT_OFF when nothing is stale. */
struct sl_config_limits {
	int blank_columns_veto;       /* 5: blank columns that fail a site */
	int stale_columns_veto;       /* 10: stale columns of any class */
	int stale_news_notice_veto;   /* 5: stale news + notice/policy columns */
	int sparse_items;             /* 10: fewer items is columns/sparse */
	int stale_days[SL_CLASS_COUNT]; /* news 14, notice 180, policy 180,
	                                   personnel 365, plan 365, else off */
	int homepage_stale_days;      /* 14 */
	int unanswered_days;          /* 90 */
};

struct sl_config_rule {
	char *rule;             /* the key as written: a rule id, a family
	                           ("text/" followed by "*") or "*" (owned) */
	enum sl_rule_setting setting;
	unsigned line, col;     /* of the key */
	unsigned value_col;     /* of the value */
};

struct sl_column_decl {
	char *pattern;          /* as written, minus a leading "/" or "./"
	                           (owned) */
	char *name;             /* 栏目名称, or NULL (owned) */
	enum sl_column_class cls;  /* SL_CLASS_NONE when not given */
	int limit_days;         /* days, SL_LIMIT_OFF, or SL_LIMIT_UNSET (the
	                           class limit applies) */
	unsigned line;          /* of the section header */
};

/* A closed or moved site from a `decommissioned = HOST [-> ADDRESS]`
 * line (links/decommissioned). */
struct sl_config_moved {
	char *host;             /* lowercase ASCII, maybe "*.suffix" (owned) */
	char *to;               /* its new http(s) address, or NULL (owned) */
	unsigned line;
};

struct sl_config {
	char *file;             /* the file name used in messages (owned) */
	char *name;             /* site name, or NULL (owned) */
	enum sl_profile profile;          /* default: portal */
	bool profile_set;                 /* `profile` was given */
	enum sl_site_status status;       /* default: open */
	struct sl_config_date as_of;
	char *home;             /* member path of the home page, or NULL */
	char **domains;         /* the site's own hosts, lowercase ASCII,
	                           optionally "*.suffix" or "host:port" */
	size_t ndomains;
	struct sl_config_limits limits;
	struct sl_config_rule *rules;     /* in file order */
	size_t nrules;
	struct sl_column_decl *columns;   /* in file order */
	size_t ncolumns;
	struct sl_config_moved *moved;    /* `decommissioned` lines, in file
	                                     order (the key may repeat) */
	size_t nmoved;
};

/* Fills CFG with the defaults (no strings, no lists). */
void sl_config_init(struct sl_config *cfg);

/* Releases what CFG owns and leaves it as sl_config_init() does.
 * CFG == NULL is a no-op. */
void sl_config_free(struct sl_config *cfg);

/* Parses TEXT (LEN bytes, UTF-8, an optional BOM; need not be
 * NUL-terminated) into CFG.  FILENAME is used in messages ("sitelint.conf"
 * when NULL).  CFG must have been set up by sl_config_init(); what it
 * held is released first.  On failure returns SL_ERR_USAGE (SL_ERR_LIMIT
 * when LEN exceeds SL_CONFIG_MAX_BYTES) with "FILE:LINE:COL: error: ..."
 * in ERR, and CFG holds the defaults. */
sl_status sl_config_parse(struct sl_config *cfg, const char *text, size_t len,
                          const char *filename, struct sl_err *err);

/* Reads the file PATH and parses it as sl_config_parse() does.  Fails with
 * SL_ERR_IO when it cannot be read. */
sl_status sl_config_load(struct sl_config *cfg, const char *path,
                         struct sl_err *err);

/* Formats "FILE:LINE:COL: error: MESSAGE" for a place in the file CFG was
 * parsed from (e.g. an unknown rule id) into ERR, and returns
 * SL_ERR_USAGE. */
sl_status sl_config_error(const struct sl_config *cfg, struct sl_err *err,
                          unsigned line, unsigned col, const char *fmt, ...)
	SL_PRINTF(5, 6);

/* Returns the first column declaration (in file order) whose pattern
 * matches MEMBER_PATH (a path inside the snapshot, '/'-separated; a
 * leading '/' is ignored), or NULL.  Borrowed from CFG.  Patterns:
 *   "dir/"    the pages directly in dir (not in its subdirectories);
 *   "a/b"     (no wildcard) exactly a/b, or the pages directly in a/b/;
 *   globs     '*' any run of characters but '/', '?' one character but
 *             '/', '**' any run including '/' ('**' then '/' at the
 *             start of a segment may also match nothing); a glob
 *             ending in '/' matches the pages directly under it. */
const struct sl_column_decl *sl_config_match_column(const struct sl_config *cfg,
                                                    const char *member_path);

/* Returns true when PATTERN (as above) matches MEMBER_PATH. */
bool sl_config_pattern_match(const char *pattern, const char *member_path);

/* Returns the staleness limit in days for a column declared by DECL (may
 * be NULL) of class CLS: DECL's own limit, else the class limit, else
 * SL_LIMIT_OFF. */
int sl_config_stale_days(const struct sl_config *cfg,
                         const struct sl_column_decl *decl,
                         enum sl_column_class cls);

/* Returns true when HOST (a URL's host, any case, with or without
 * ":port") is one of CFG's domains: equal to an entry, or a subdomain of
 * a "*.suffix" entry; an entry without a port matches any port. */
bool sl_config_host_is_internal(const struct sl_config *cfg, const char *host);

/* Column classes by name ("news", "notice", ...; ASCII case-insensitive).
 * Returns false for an unknown name. */
bool sl_column_class_parse(const char *name, enum sl_column_class *out);

/* Returns the name of CLS ("news" ...), or NULL for SL_CLASS_NONE and
 * out-of-range values.  A static string. */
const char *sl_column_class_name(enum sl_column_class cls);

/* Names of profiles, statuses and rule settings, as written in the file.
 * Static strings; NULL for out-of-range values. */
const char *sl_config_profile_name(enum sl_profile profile);
const char *sl_config_status_name(enum sl_site_status status);
const char *sl_config_setting_name(enum sl_rule_setting setting);

#endif
