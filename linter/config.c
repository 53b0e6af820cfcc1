/*
 * config.c - the sitelint.conf parser, column pattern matching and the
 * names of column classes.  The format is described in docs/config.md.
 *
 * The parser works line by line on the caller's bytes (no copy of the
 * file): a line is blank, a comment, a [section] header or "key = value".
 * Every line is checked for NUL bytes, invalid UTF-8 and its length
 * before it is parsed, so columns can be counted in code points.
 */
#include "config.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const class_names[SL_CLASS_COUNT] = {
	"news", "notice", "policy", "personnel", "plan",
	"service", "forms", "request", "interaction", "other",
};
static const char *const profile_names[] = { "portal", "department", "township" };
static const char *const status_names[] = { "open", "closing" };
static const char *const setting_names[] = { "off", "on", "note", "warning", "error" };

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

enum section { SEC_TOP, SEC_LIMITS, SEC_RULES, SEC_COLUMN };

enum key_kind {
	K_STRING,    /* a char * in struct sl_config */
	K_PATH,      /* the same, a member path */
	K_PROFILE, K_STATUS, K_DATE, K_DOMAINS,
	K_MOVED,     /* "decommissioned": may repeat, one host a line */
	K_COUNT,     /* an int in struct sl_config, >= 0 */
	K_VETO,      /* the same, >= 1 */
	K_STALE,     /* "stale-days.CLASS": >= 0 or off */
	K_COL_NAME, K_COL_CLASS, K_COL_LIMIT,
};

struct key_def {
	const char *key;
	enum section sec;
	enum key_kind kind;
	size_t off;          /* offsetof the field in struct sl_config */
};

#define STALE_PREFIX "stale-days."

static const struct key_def keys[] = {
	{ "name", SEC_TOP, K_STRING, offsetof(struct sl_config, name) },
	{ "profile", SEC_TOP, K_PROFILE, 0 },
	{ "status", SEC_TOP, K_STATUS, 0 },
	{ "as-of", SEC_TOP, K_DATE, 0 },
	{ "home", SEC_TOP, K_PATH, offsetof(struct sl_config, home) },
	{ "domain", SEC_TOP, K_DOMAINS, 0 },
	{ "decommissioned", SEC_TOP, K_MOVED, 0 },
	{ "blank-columns-veto", SEC_LIMITS, K_VETO,
	  offsetof(struct sl_config, limits.blank_columns_veto) },
	{ "stale-columns-veto", SEC_LIMITS, K_VETO,
	  offsetof(struct sl_config, limits.stale_columns_veto) },
	{ "stale-news-notice-veto", SEC_LIMITS, K_VETO,
	  offsetof(struct sl_config, limits.stale_news_notice_veto) },
	{ "sparse-items", SEC_LIMITS, K_COUNT,
	  offsetof(struct sl_config, limits.sparse_items) },
	{ "homepage-stale-days", SEC_LIMITS, K_COUNT,
	  offsetof(struct sl_config, limits.homepage_stale_days) },
	{ "unanswered-days", SEC_LIMITS, K_COUNT,
	  offsetof(struct sl_config, limits.unanswered_days) },
	{ STALE_PREFIX "*", SEC_LIMITS, K_STALE, 0 },
	{ "name", SEC_COLUMN, K_COL_NAME, 0 },
	{ "class", SEC_COLUMN, K_COL_CLASS, 0 },
	{ "limit", SEC_COLUMN, K_COL_LIMIT, 0 },
};

struct parser {
	struct sl_config *cfg;
	struct sl_err *err;
	unsigned line;
	const char *ls;            /* start of the current line */
	enum section sec;
	unsigned seen[NELEM(keys)];        /* line a key was set on, or 0 */
	unsigned stale_seen[SL_CLASS_COUNT];
	size_t cols_cap, rules_cap;
};

/* A value: TEXT is unescaped (owned); SRC is where it starts in the line
 * (its opening quote when quoted); EXACT says that offsets in TEXT map to
 * the line one to one after the quote (no escapes were used). */
struct value {
	char *text;
	const char *src;
	bool quoted, exact;
};

static bool
is_ws(char c)
{
	return c == ' ' || c == '\t';
}

static const char *
skip_ws(const char *s, const char *e)
{
	while (s < e && is_ws(*s))
		s++;
	return s;
}

static bool
is_comment(char c)
{
	return c == '#' || c == ';';
}

static unsigned
col_of(const char *ls, const char *at)
{
	unsigned col = 1;
	for (const char *q = ls; q < at; q++)
		if (((unsigned char)*q & 0xC0) != 0x80)
			col++;
	return col;
}

/* Copies at most 40 bytes of S into BUF (48 bytes), cut on a character
 * boundary, with "..." when cut. */
static const char *
snip(char *buf, const char *s)
{
	size_t n = strlen(s);
	if (n <= 40)
		return s;
	n = 40;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	memcpy(buf, s, n);
	memcpy(buf + n, "...", 4);
	return buf;
}

static sl_status emit(struct sl_err *err, sl_status st, const char *file,
                      unsigned line, unsigned col, const char *fmt, va_list ap)
	SL_PRINTF(6, 0);

static sl_status
emit(struct sl_err *err, sl_status st, const char *file, unsigned line,
     unsigned col, const char *fmt, va_list ap)
{
	char msg[400];
	vsnprintf(msg, sizeof msg, fmt, ap);
	return sl_err_set(err, st, "%s:%u:%u: error: %s", file, line, col, msg);
}

/* Reports a problem at AT, a pointer into the current line. */
static sl_status perr(struct parser *p, const char *at, const char *fmt, ...)
	SL_PRINTF(3, 4);

static sl_status
perr(struct parser *p, const char *at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sl_status st = emit(p->err, SL_ERR_USAGE, p->cfg->file, p->line,
	                    col_of(p->ls, at), fmt, ap);
	va_end(ap);
	return st;
}

sl_status
sl_config_error(const struct sl_config *cfg, struct sl_err *err,
                unsigned line, unsigned col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sl_status st = emit(err, SL_ERR_USAGE,
	                    cfg->file ? cfg->file : "sitelint.conf", line, col,
	                    fmt, ap);
	va_end(ap);
	return st;
}

/* Where byte OFF of V's text is in the line (V's start when unknown). */
static const char *
value_at(const struct value *v, size_t off)
{
	if (!v->quoted)
		return v->src + off;
	return v->exact ? v->src + 1 + off : v->src;
}

/* ---- names ---- */

bool
sl_column_class_parse(const char *name, enum sl_column_class *out)
{
	for (size_t i = 0; i < NELEM(class_names); i++) {
		if (sl_ascii_ieq(name, class_names[i])) {
			*out = (enum sl_column_class)i;
			return true;
		}
	}
	return false;
}

const char *
sl_column_class_name(enum sl_column_class cls)
{
	if ((int)cls < 0 || (int)cls >= SL_CLASS_COUNT)
		return NULL;
	return class_names[cls];
}

const char *
sl_config_profile_name(enum sl_profile profile)
{
	if ((unsigned)profile >= NELEM(profile_names))
		return NULL;
	return profile_names[profile];
}

const char *
sl_config_status_name(enum sl_site_status status)
{
	if ((unsigned)status >= NELEM(status_names))
		return NULL;
	return status_names[status];
}

const char *
sl_config_setting_name(enum sl_rule_setting setting)
{
	if ((unsigned)setting >= NELEM(setting_names))
		return NULL;
	return setting_names[setting];
}

static int
name_index(const char *const *names, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (sl_ascii_ieq(s, names[i]))
			return (int)i;
	return -1;
}

/* ---- init / free ---- */

void
sl_config_init(struct sl_config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->profile = SL_PROFILE_PORTAL;
	cfg->status = SL_SITE_OPEN;
	struct sl_config_limits *l = &cfg->limits;
	l->blank_columns_veto = 5;
	l->stale_columns_veto = 10;
	l->stale_news_notice_veto = 5;
	l->sparse_items = 10;
	for (int i = 0; i < SL_CLASS_COUNT; i++)
		l->stale_days[i] = SL_LIMIT_OFF;
	l->stale_days[SL_CLASS_NEWS] = 14;
	l->stale_days[SL_CLASS_NOTICE] = 180;
	l->stale_days[SL_CLASS_POLICY] = 180;
	l->stale_days[SL_CLASS_PERSONNEL] = 365;
	l->stale_days[SL_CLASS_PLAN] = 365;
	l->homepage_stale_days = 14;
	l->unanswered_days = 90;
}

void
sl_config_free(struct sl_config *cfg)
{
	if (cfg == NULL)
		return;
	free(cfg->file);
	free(cfg->name);
	free(cfg->home);
	for (size_t i = 0; i < cfg->ndomains; i++)
		free(cfg->domains[i]);
	free(cfg->domains);
	for (size_t i = 0; i < cfg->nrules; i++)
		free(cfg->rules[i].rule);
	free(cfg->rules);
	for (size_t i = 0; i < cfg->ncolumns; i++) {
		free(cfg->columns[i].pattern);
		free(cfg->columns[i].name);
	}
	free(cfg->columns);
	for (size_t i = 0; i < cfg->nmoved; i++) {
		free(cfg->moved[i].host);
		free(cfg->moved[i].to);
	}
	free(cfg->moved);
	sl_config_init(cfg);
}

/* ---- values ---- */

/* Scans a quoted string at Q (on '"') into V; *AFTER is set past the
 * closing quote. */
static sl_status
scan_quoted(struct parser *p, const char *q, const char *e,
            struct value *v, const char **after)
{
	char *out = sl_malloc((size_t)(e - q));
	size_t n = 0;
	v->src = q;
	v->quoted = true;
	v->exact = true;
	for (const char *s = q + 1; s < e; s++) {
		if (*s == '"') {
			out[n] = '\0';
			v->text = out;
			*after = s + 1;
			return SL_OK;
		}
		if (*s == '\\') {
			if (s + 1 < e && (s[1] == '"' || s[1] == '\\')) {
				v->exact = false;
				out[n++] = *++s;
				continue;
			}
			free(out);
			if (s + 1 >= e)
				return perr(p, q, "unterminated quoted string");
			return perr(p, s, "unknown escape in quoted string "
			            "(only \\\" and \\\\ are escapes)");
		}
		out[n++] = *s;
	}
	free(out);
	return perr(p, q, "unterminated quoted string");
}

/* Scans the value starting at S (past the '=' and blanks) into V. */
static sl_status
scan_value(struct parser *p, const char *s, const char *e, struct value *v)
{
	if (s < e && *s == '"') {
		const char *after;
		sl_status st = scan_quoted(p, s, e, v, &after);
		if (st != SL_OK)
			return st;
		after = skip_ws(after, e);
		if (after < e && !is_comment(*after)) {
			free(v->text);
			v->text = NULL;
			return perr(p, after, "unexpected text after the closing quote");
		}
		return SL_OK;
	}
	/* A comment starts at '#' or ';' opening the value or after a blank. */
	const char *q = s;
	while (q < e && !(is_comment(*q) && (q == s || is_ws(q[-1]))))
		q++;
	while (q > s && is_ws(q[-1]))
		q--;
	v->text = sl_strndup(s, (size_t)(q - s));
	v->src = s;
	v->quoted = false;
	v->exact = true;
	return SL_OK;
}

/* Parses a whole number >= MIN (or "off" when ALLOW_OFF) from V. */
static sl_status
set_number(struct parser *p, const struct value *v, int min, bool allow_off,
           int *out)
{
	uint64_t n;
	if (allow_off && sl_ascii_ieq(v->text, "off")) {
		*out = SL_LIMIT_OFF;
		return SL_OK;
	}
	char buf[48];
	const char *shown = snip(buf, v->text);
	bool digits = v->text[0] != '\0' && strspn(v->text, "0123456789") == strlen(v->text);
	if (digits && !sl_parse_u64(v->text, SL_CONFIG_MAX_NUMBER, &n))
		return perr(p, v->src, "number '%s' is too large (at most %d)",
		            shown, SL_CONFIG_MAX_NUMBER);
	if (!digits || n < (uint64_t)min)
		return perr(p, v->src, "expected a whole number of at least %d%s, "
		            "got '%s'", min, allow_off ? " or 'off'" : "", shown);
	*out = (int)n;
	return SL_OK;
}

static bool
read_digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

static sl_status
set_date(struct parser *p, const struct value *v, struct sl_config_date *d)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	const char *t = v->text;
	char buf[48];
	int y, m, dd;
	if (strlen(t) != 10 || t[4] != '-' || t[7] != '-' || !read_digits(t, 4, &y)
	    || !read_digits(t + 5, 2, &m) || !read_digits(t + 8, 2, &dd))
		return perr(p, v->src, "invalid date '%s' (expected YYYY-MM-DD)",
		            snip(buf, t));
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (y < 1 || m < 1 || m > 12 || dd < 1
	    || dd > mdays[m - 1] + (m == 2 && leap))
		return perr(p, v->src, "invalid date '%s' (no such day)", t);
	d->y = y;
	d->m = m;
	d->d = dd;
	d->set = true;
	return SL_OK;
}

static bool
host_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
	       || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == ':'
	       || c >= 0x80;
}

/* Checks one host of a domain list: T[a..b). */
static sl_status
check_host(struct parser *p, const struct value *v, size_t a, size_t b)
{
	const char *t = v->text;
	char host[48];
	size_t n = b - a < 40 ? b - a : 40;
	memcpy(host, t + a, n);
	host[n] = '\0';
	if (a == b)
		return perr(p, value_at(v, a), "empty host name in 'domain'");
	if (memchr(t + a, '/', b - a) != NULL)
		return perr(p, value_at(v, a), "'%s' is not a host name (write "
		            "it without http:// and without a path)", host);
	size_t i = a;
	if (b - a > 2 && t[a] == '*' && t[a + 1] == '.')
		i += 2;
	for (; i < b; i++)
		if (!host_char((unsigned char)t[i]))
			return perr(p, value_at(v, i), "invalid character in host "
			            "name '%s'", host);
	return SL_OK;
}

static sl_status
set_domains(struct parser *p, const struct value *v)
{
	struct sl_config *cfg = p->cfg;
	const char *t = v->text;
	size_t i = 0, len = strlen(t);
	for (;;) {
		while (i < len && is_ws(t[i]))
			i++;
		size_t a = i, b;
		while (i < len && t[i] != ',')
			i++;
		for (b = i; b > a && is_ws(t[b - 1]); b--)
			;
		sl_status st = check_host(p, v, a, b);
		if (st != SL_OK)
			return st;
		if (cfg->ndomains == SL_CONFIG_MAX_DOMAINS)
			return perr(p, value_at(v, a), "too many hosts in 'domain' "
			            "(at most %d)", SL_CONFIG_MAX_DOMAINS);
		char *h = sl_strndup(t + a, b - a);
		for (char *c = h; *c; c++)
			*c = sl_ascii_lower(*c);
		cfg->domains = sl_realloc(cfg->domains,
		                          (cfg->ndomains + 1) * sizeof *cfg->domains);
		cfg->domains[cfg->ndomains++] = h;
		if (i == len)
			return SL_OK;
		i++;   /* the comma */
	}
}

/* decommissioned = HOST [->] [ADDRESS]: a closed site and where it went. */
static sl_status
set_moved(struct parser *p, const struct value *v)
{
	struct sl_config *cfg = p->cfg;
	const char *t = v->text;
	size_t a = 0, b = strcspn(t, " \t");
	const char *rest = skip_ws(t + b, t + strlen(t));
	bool arrow = strncmp(rest, "->", 2) == 0;
	if (arrow)
		rest = skip_ws(rest + 2, t + strlen(t));
	size_t rn = strcspn(rest, " \t");
	sl_status st = check_host(p, v, a, b);
	if (st != SL_OK)
		return st;
	if (arrow && rn == 0)
		return perr(p, value_at(v, (size_t)(rest - t)), "missing the new "
		            "address after '->' in 'decommissioned'");
	const char *extra = skip_ws(rest + rn, rest + strlen(rest));
	if (*extra != '\0')
		return perr(p, value_at(v, (size_t)(extra - t)), "expected HOST "
		            "[-> NEW-ADDRESS] in 'decommissioned'");
	if (rn > 0 && !(sl_ascii_istarts(rest, "http://") || sl_ascii_istarts(rest, "https://")))
		return perr(p, value_at(v, (size_t)(rest - t)), "the new address in "
		            "'decommissioned' must start with http:// or https://");
	if (cfg->nmoved == SL_CONFIG_MAX_MOVED)
		return perr(p, v->src, "too many 'decommissioned' lines (at most %d)",
		            SL_CONFIG_MAX_MOVED);
	cfg->moved = sl_realloc(cfg->moved, (cfg->nmoved + 1) * sizeof *cfg->moved);
	struct sl_config_moved *m = &cfg->moved[cfg->nmoved++];
	m->host = sl_strndup(t + a, b - a);
	for (char *c = m->host; *c; c++)
		*c = sl_ascii_lower(*c);
	m->to = rn > 0 ? sl_strndup(rest, rn) : NULL;
	m->line = p->line;
	return SL_OK;
}

/* Strips leading "/" and "./" from a path or pattern, in place. */
static void
strip_root(char *s)
{
	size_t k = 0;
	for (;;) {
		if (s[k] == '/')
			k++;
		else if (s[k] == '.' && s[k + 1] == '/')
			k += 2;
		else
			break;
	}
	memmove(s, s + k, strlen(s + k) + 1);
}

/* ---- keys ---- */

/* Finds KEY in section SEC; for stale-days.CLASS stores the class in
 * *CLS (SL_CLASS_NONE when the class is unknown). */
static int
find_key(enum section sec, const char *key, enum sl_column_class *cls)
{
	size_t plen = strlen(STALE_PREFIX);
	for (size_t i = 0; i < NELEM(keys); i++) {
		if (keys[i].sec != sec)
			continue;
		if (keys[i].kind == K_STALE) {
			if (strncmp(key, STALE_PREFIX, plen) != 0)
				continue;
			*cls = SL_CLASS_NONE;
			for (int c = 0; c < SL_CLASS_COUNT; c++)
				if (strcmp(key + plen, class_names[c]) == 0)
					*cls = (enum sl_column_class)c;
			return (int)i;
		}
		if (strcmp(keys[i].key, key) == 0)
			return (int)i;
	}
	return -1;
}

/* Explains why KEY (at AT) is not accepted in the current section. */
static sl_status
unknown_key(struct parser *p, const char *key, const char *at)
{
	enum sl_column_class cls;
	char buf[48];
	const char *k = snip(buf, key);
	if (p->sec != SEC_TOP && find_key(SEC_TOP, key, &cls) >= 0)
		return perr(p, at, "'%s' is a site key: put it before the first "
		            "[section]", k);
	if (p->sec != SEC_LIMITS && find_key(SEC_LIMITS, key, &cls) >= 0)
		return perr(p, at, "'%s' belongs in the [limits] section", k);
	if (p->sec != SEC_COLUMN && find_key(SEC_COLUMN, key, &cls) >= 0)
		return perr(p, at, "'%s' belongs in a [column \"PATTERN\"] "
		            "section", k);
	if (p->sec == SEC_LIMITS)
		return perr(p, at, "unknown key '%s' in [limits]", k);
	if (p->sec == SEC_COLUMN)
		return perr(p, at, "unknown key '%s' in [column]", k);
	return perr(p, at, "unknown key '%s'", k);
}

static sl_status
bad_choice(struct parser *p, const struct value *v, const char *what,
           const char *const *names, size_t n)
{
	char list[200] = "", buf[48];
	size_t len = 0;
	for (size_t i = 0; i < n; i++) {
		const char *sep = i == 0 ? "" : i + 1 == n ? " or " : ", ";
		int w = snprintf(list + len, sizeof list - len, "%s%s", sep, names[i]);
		if (w < 0 || (size_t)w >= sizeof list - len)
			break;
		len += (size_t)w;
	}
	return perr(p, v->src, "unknown %s '%s' (expected %s)", what,
	            snip(buf, v->text), list);
}

/* Parses a choice among NAMES from V into *OUT. */
static sl_status
set_choice(struct parser *p, const struct value *v, const char *what,
           const char *const *names, size_t n, int *out)
{
	int i = name_index(names, n, v->text);
	if (i < 0)
		return bad_choice(p, v, what, names, n);
	*out = i;
	return SL_OK;
}

static struct sl_column_decl *
cur_column(struct parser *p)
{
	return &p->cfg->columns[p->cfg->ncolumns - 1];
}

/* Stores V (whose text it takes) for key KEYS[K]. */
static sl_status
set_key(struct parser *p, int k, enum sl_column_class cls, struct value *v)
{
	struct sl_config *cfg = p->cfg;
	char *base = (char *)cfg;
	int n, *ip = (int *)(void *)(base + keys[k].off);
	char **sp = (char **)(void *)(base + keys[k].off);
	sl_status st = SL_OK;

	switch (keys[k].kind) {
	case K_PATH:
		strip_root(v->text);
		/* fall through */
	case K_STRING:
		*sp = v->text;
		v->text = NULL;
		break;
	case K_COL_NAME:
		cur_column(p)->name = v->text;
		v->text = NULL;
		break;
	case K_PROFILE:
		st = set_choice(p, v, "profile", profile_names,
		                NELEM(profile_names), &n);
		if (st == SL_OK) {
			cfg->profile = (enum sl_profile)n;
			cfg->profile_set = true;
		}
		break;
	case K_STATUS:
		st = set_choice(p, v, "status", status_names,
		                NELEM(status_names), &n);
		if (st == SL_OK)
			cfg->status = (enum sl_site_status)n;
		break;
	case K_COL_CLASS:
		st = set_choice(p, v, "column class", class_names,
		                NELEM(class_names), &n);
		if (st == SL_OK)
			cur_column(p)->cls = (enum sl_column_class)n;
		break;
	case K_DATE:
		st = set_date(p, v, &cfg->as_of);
		break;
	case K_DOMAINS:
		st = set_domains(p, v);
		break;
	case K_MOVED:
		st = set_moved(p, v);
		break;
	case K_COUNT:
	case K_VETO:
		st = set_number(p, v, keys[k].kind == K_VETO, false, ip);
		break;
	case K_STALE:
		st = set_number(p, v, 0, true, &cfg->limits.stale_days[cls]);
		break;
	case K_COL_LIMIT:
		st = set_number(p, v, 0, true, &cur_column(p)->limit_days);
		break;
	}
	return st;
}

/* ---- lines ---- */

static bool
key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
	       || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '/'
	       || c == '*' || c == '_';
}

/* A non-empty run of lowercase ASCII letters, digits and '-'. */
static bool
lower_word(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9')
		      || s[i] == '-'))
			return false;
	return n > 0;
}

/* A rule key: "*", a family ("text/" then "*") or "family/name". */
static bool
rule_key_ok(const char *k)
{
	const char *slash = strchr(k, '/');
	if (strcmp(k, "*") == 0)
		return true;
	if (slash == NULL || !lower_word(k, (size_t)(slash - k)))
		return false;
	return strcmp(slash + 1, "*") == 0 || lower_word(slash + 1, strlen(slash + 1));
}

static sl_status
set_rule(struct parser *p, const char *key, const char *kat, struct value *v)
{
	struct sl_config *cfg = p->cfg;
	char buf[48];
	enum sl_column_class cls;
	if (!rule_key_ok(key)) {
		if (find_key(SEC_TOP, key, &cls) >= 0 || find_key(SEC_LIMITS, key, &cls) >= 0)
			return unknown_key(p, key, kat);
		return perr(p, kat, "'%s' is not a rule id (expected family/name, "
		            "family/* or *)", snip(buf, key));
	}
	for (size_t i = 0; i < cfg->nrules; i++)
		if (strcmp(cfg->rules[i].rule, key) == 0)
			return perr(p, kat, "duplicate rule '%s' (first set on line %u)",
			            snip(buf, key), cfg->rules[i].line);
	if (cfg->nrules == SL_CONFIG_MAX_RULES)
		return perr(p, kat, "too many rule settings (at most %d)",
		            SL_CONFIG_MAX_RULES);
	int n;
	sl_status st = set_choice(p, v, "severity", setting_names,
	                          NELEM(setting_names), &n);
	if (st != SL_OK)
		return st;
	if (cfg->nrules == p->rules_cap) {
		p->rules_cap = p->rules_cap ? p->rules_cap * 2 : 8;
		cfg->rules = sl_realloc(cfg->rules, p->rules_cap * sizeof *cfg->rules);
	}
	struct sl_config_rule *r = &cfg->rules[cfg->nrules++];
	r->rule = sl_strdup(key);
	r->setting = (enum sl_rule_setting)n;
	r->line = p->line;
	r->col = col_of(p->ls, kat);
	r->value_col = col_of(p->ls, v->src);
	return SL_OK;
}

/* Handles KEY (at KAT) = V in the current section. */
static sl_status
apply_pair(struct parser *p, const char *key, const char *kat, struct value *v)
{
	enum sl_column_class cls = SL_CLASS_NONE;
	char buf[48];
	if (p->sec == SEC_RULES)
		return set_rule(p, key, kat, v);
	int k = find_key(p->sec, key, &cls);
	if (k < 0)
		return unknown_key(p, key, kat);
	unsigned *seen = &p->seen[k];
	if (keys[k].kind == K_STALE) {
		size_t plen = strlen(STALE_PREFIX);
		if (cls == SL_CLASS_NONE)
			return perr(p, kat + plen, "unknown column class '%s' in '%s'",
			            key + plen, snip(buf, key));
		seen = &p->stale_seen[cls];
	}
	if (*seen != 0 && keys[k].kind != K_MOVED)
		return perr(p, kat, "duplicate key '%s' (first set on line %u)",
		            key, *seen);
	*seen = p->line;
	return set_key(p, k, cls, v);
}

static sl_status
parse_pair(struct parser *p, const char *s, const char *e)
{
	const char *eq = memchr(s, '=', (size_t)(e - s));
	if (eq == NULL)
		return perr(p, s, "expected 'key = value' or a [section] header");
	const char *ke = eq;
	while (ke > s && is_ws(ke[-1]))
		ke--;
	if (ke == s)
		return perr(p, eq, "missing key before '='");
	for (const char *q = s; q < ke; q++)
		if (!key_char(*q))
			return perr(p, q, "invalid character in key (keys are ASCII "
			            "letters, digits and - . / * _)");

	char *key = sl_strndup(s, (size_t)(ke - s));
	const char *vs = skip_ws(eq + 1, e);
	struct value v = { 0 };
	sl_status st = scan_value(p, vs, e, &v);
	if (st != SL_OK)
		goto out;
	if (v.text[0] == '\0') {
		st = perr(p, vs, "missing value for '%s'", key);
		goto out;
	}
	st = apply_pair(p, key, s, &v);
out:
	free(v.text);
	free(key);
	return st;
}

/* Opens a [column "PATTERN"] section; takes PATTERN. */
static sl_status
open_column(struct parser *p, char *pattern, const char *at)
{
	struct sl_config *cfg = p->cfg;
	sl_status st = SL_OK;
	char buf[48];
	strip_root(pattern);
	if (pattern[0] == '\0') {
		st = perr(p, at, "empty column pattern");
		goto out;
	}
	if (strlen(pattern) > SL_CONFIG_MAX_PATTERN) {
		st = perr(p, at, "column pattern longer than %d bytes",
		          SL_CONFIG_MAX_PATTERN);
		goto out;
	}
	for (size_t i = 0; i < cfg->ncolumns; i++) {
		if (strcmp(cfg->columns[i].pattern, pattern) == 0) {
			st = perr(p, at, "duplicate column pattern '%s' (first declared "
			          "on line %u)", snip(buf, pattern), cfg->columns[i].line);
			goto out;
		}
	}
	if (cfg->ncolumns == SL_CONFIG_MAX_COLUMNS) {
		st = perr(p, at, "too many columns (at most %d)", SL_CONFIG_MAX_COLUMNS);
		goto out;
	}
	if (cfg->ncolumns == p->cols_cap) {
		p->cols_cap = p->cols_cap ? p->cols_cap * 2 : 8;
		cfg->columns = sl_realloc(cfg->columns, p->cols_cap * sizeof *cfg->columns);
	}
	struct sl_column_decl *c = &cfg->columns[cfg->ncolumns++];
	c->pattern = pattern;
	pattern = NULL;
	c->name = NULL;
	c->cls = SL_CLASS_NONE;
	c->limit_days = SL_LIMIT_UNSET;
	c->line = p->line;
	for (size_t i = 0; i < NELEM(keys); i++)
		if (keys[i].sec == SEC_COLUMN)
			p->seen[i] = 0;
out:
	free(pattern);
	return st;
}

/* Reads the pattern of a [column ...] header at S; *AFTER is set past
 * it and *AT to where it starts. */
static sl_status
column_pattern(struct parser *p, const char *s, const char *e, char **pattern,
               const char **at, const char **after)
{
	*at = s;
	if (s < e && *s == '"') {
		struct value v;
		sl_status st = scan_quoted(p, s, e, &v, after);
		*pattern = v.text;
		return st;
	}
	const char *q = s;
	while (q < e && *q != ']')
		q++;
	*after = q;
	while (q > s && is_ws(q[-1]))
		q--;
	if (q == s)
		return perr(p, s, "missing column pattern: write [column \"PATTERN\"]");
	*pattern = sl_strndup(s, (size_t)(q - s));
	return SL_OK;
}

static sl_status
parse_header(struct parser *p, const char *open, const char *e)
{
	static const char *const names[] = { "limits", "rules", "column" };
	static const enum section secs[] = { SEC_LIMITS, SEC_RULES, SEC_COLUMN };
	const char *ns = skip_ws(open + 1, e), *s = ns;
	while (s < e && (key_char(*s) && *s != '/' && *s != '*' && *s != '.'))
		s++;
	size_t nlen = (size_t)(s - ns);
	int which = -1;
	for (int i = 0; i < (int)NELEM(names); i++)
		if (nlen == strlen(names[i]) && memcmp(ns, names[i], nlen) == 0)
			which = i;
	if (nlen == 0 && (ns == e || *ns == ']'))
		return perr(p, open, ns == e ? "unterminated section header "
		            "(missing ']')" : "empty section header");
	if (nlen == 0)
		return perr(p, ns, "expected a section name after '['");
	if (which < 0)
		return perr(p, ns, "unknown section '%.*s' (expected [limits], "
		            "[rules] or [column \"PATTERN\"])", (int)nlen, ns);
	char *pattern = NULL;
	const char *at = NULL;
	s = skip_ws(s, e);
	if (secs[which] == SEC_COLUMN) {
		sl_status st = column_pattern(p, s, e, &pattern, &at, &s);
		if (st != SL_OK)
			return st;
		s = skip_ws(s, e);
	}
	sl_status st = SL_OK;
	if (s == e)
		st = perr(p, open, "unterminated section header (missing ']')");
	else if (*s != ']')
		st = perr(p, s, "unexpected text in section header");
	else if (s = skip_ws(s + 1, e), s < e && !is_comment(*s))
		st = perr(p, s, "unexpected text after section header");
	if (st != SL_OK) {
		free(pattern);
		return st;
	}
	p->sec = secs[which];
	return pattern ? open_column(p, pattern, at) : SL_OK;
}

/* Checks the raw line [S, E): no NUL, valid UTF-8, not too long. */
static sl_status
check_line(struct parser *p, const char *s, const char *e)
{
	for (const char *q = s; q < e;) {
		uint32_t cp;
		if (*q == '\0')
			return perr(p, q, "NUL byte in the file");
		int n = sl_utf8_decode((const unsigned char *)q, (size_t)(e - q), &cp);
		if (n == 1 && cp == 0xFFFD)
			return perr(p, q, "invalid UTF-8 (the file must be UTF-8)");
		if (q - s + n > SL_CONFIG_MAX_LINE)
			return perr(p, q, "line longer than %d bytes", SL_CONFIG_MAX_LINE);
		q += n;
	}
	return SL_OK;
}

static sl_status
parse_line(struct parser *p, const char *s, const char *e)
{
	sl_status st = check_line(p, s, e);
	if (st != SL_OK)
		return st;
	s = skip_ws(s, e);
	if (s == e || is_comment(*s))
		return SL_OK;
	if (*s == '[')
		return parse_header(p, s, e);
	return parse_pair(p, s, e);
}

sl_status
sl_config_parse(struct sl_config *cfg, const char *text, size_t len,
                const char *filename, struct sl_err *err)
{
	struct parser p;
	sl_status st = SL_OK;
	sl_config_free(cfg);
	cfg->file = sl_strdup(filename ? filename : "sitelint.conf");
	if (len > SL_CONFIG_MAX_BYTES)
		return sl_err_set(err, SL_ERR_LIMIT, "%s: error: the file is larger "
		                  "than %u bytes", cfg->file, SL_CONFIG_MAX_BYTES);
	memset(&p, 0, sizeof p);
	p.cfg = cfg;
	p.err = err;
	p.sec = SEC_TOP;
	const char *s = text, *end = text + len;
	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		s += 3;
	while (s < end) {
		const char *e = s;
		while (e < end && *e != '\n' && *e != '\r')
			e++;
		p.line++;
		p.ls = s;
		st = parse_line(&p, s, e);
		if (st != SL_OK)
			goto out;
		if (e < end && *e == '\r' && e + 1 < end && e[1] == '\n')
			e++;
		s = e < end ? e + 1 : end;
	}
out:
	if (st != SL_OK) {
		char *file = cfg->file;
		cfg->file = NULL;
		sl_config_free(cfg);
		cfg->file = file;
	}
	return st;
}

sl_status
sl_config_load(struct sl_config *cfg, const char *path, struct sl_err *err)
{
	struct sl_buf b;
	char chunk[16384];
	sl_status st;
	sl_buf_init(&b, SL_CONFIG_MAX_BYTES);
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return sl_err_set(err, SL_ERR_IO, "%s: error: cannot open: %s", path,
		                  strerror(errno));
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (!sl_buf_append(&b, chunk, n)) {
			st = sl_err_set(err, SL_ERR_LIMIT, "%s: error: the file is "
			                "larger than %u bytes", path, SL_CONFIG_MAX_BYTES);
			goto out;
		}
	}
	if (ferror(f)) {
		st = sl_err_set(err, SL_ERR_IO, "%s: error: cannot read: %s", path,
		                strerror(errno));
		goto out;
	}
	st = sl_config_parse(cfg, b.data ? b.data : "", b.len, path, err);
out:
	fclose(f);
	sl_buf_free(&b);
	return st;
}

/* ---- matching ---- */

/* The glob matcher runs over the path once, keeping the set of pattern
 * positions reached at each path offset (no recursion, no backtracking:
 * O(path * pattern)).  A code point advances the path by up to 4 bytes,
 * so 5 rows of states are enough. */
#define RING 5

struct glob {
	const char *pat;
	size_t plen;
	bool star_tail;          /* an implicit '*' after PAT */
	size_t m;                /* number of pattern positions */
};

static char
glob_at(const struct glob *g, size_t i)
{
	if (i < g->plen)
		return g->pat[i];
	return g->star_tail && i == g->plen ? '*' : '\0';
}

/* Adds the positions reachable from those in ROW without consuming;
 * SEG_START says the path is at the start of a segment (where "**" + "/"
 * may match nothing). */
static void
glob_closure(const struct glob *g, bool *row, bool seg_start)
{
	for (size_t i = 0; i < g->m; i++) {
		if (!row[i] || glob_at(g, i) != '*')
			continue;
		if (glob_at(g, i + 1) == '*') {
			row[i + 2] = true;
			if (seg_start && glob_at(g, i + 2) == '/')
				row[i + 3] = true;   /* "**" + "/" matches nothing too */
		} else {
			row[i + 1] = true;
		}
	}
}

static bool
glob_match(const struct glob *g, const char *s)
{
	bool ring[RING][SL_CONFIG_MAX_PATTERN + 4];
	size_t n = strlen(s), width = g->m + 3;   /* closure may set m + 2 */
	if (g->m > SL_CONFIG_MAX_PATTERN + 1)
		return false;
	/* The literal start of the pattern rules most paths out at once. */
	size_t lit = strcspn(g->pat, "*?");
	if (lit > g->plen)
		lit = g->plen;
	if (strncmp(g->pat, s, lit) != 0)
		return false;
	for (int r = 0; r < RING; r++)
		memset(ring[r], 0, width);
	ring[0][0] = true;
	for (size_t j = 0;; j++) {
		bool *cur = ring[j % RING];
		glob_closure(g, cur, j == 0 || s[j - 1] == '/');
		if (j == n)
			return cur[g->m];
		uint32_t cp;
		size_t len = (size_t)sl_utf8_decode((const unsigned char *)s + j,
		                                     n - j, &cp);
		bool *next = ring[(j + len) % RING];
		for (size_t i = 0; i < g->m; i++) {
			if (!cur[i])
				continue;
			char c = glob_at(g, i);
			if (c == '*' && glob_at(g, i + 1) == '*')
				next[i] = true;
			else if ((c == '*' || c == '?') && s[j] != '/')
				next[c == '*' ? i : i + 1] = true;
			else if (c != '*' && c != '?' && i + len <= g->plen
			         && memcmp(g->pat + i, s + j, len) == 0)
				next[i + len] = true;
		}
		memset(cur, 0, width);
	}
}

bool
sl_config_pattern_match(const char *pattern, const char *member_path)
{
	while (*member_path == '/')
		member_path++;
	size_t plen = strlen(pattern);
	if (plen == 0 || plen > SL_CONFIG_MAX_PATTERN)
		return false;
	bool dir = pattern[plen - 1] == '/';
	if (!dir && strpbrk(pattern, "*?") == NULL) {
		/* A plain path: that member, or the pages directly in it. */
		if (strncmp(member_path, pattern, plen) != 0)
			return false;
		const char *rest = member_path + plen;
		return *rest == '\0' || (*rest == '/' && strchr(rest + 1, '/') == NULL);
	}
	struct glob g = { pattern, plen, dir, plen + dir };
	return glob_match(&g, member_path);
}

const struct sl_column_decl *
sl_config_match_column(const struct sl_config *cfg, const char *member_path)
{
	for (size_t i = 0; i < cfg->ncolumns; i++)
		if (sl_config_pattern_match(cfg->columns[i].pattern, member_path))
			return &cfg->columns[i];
	return NULL;
}

int
sl_config_stale_days(const struct sl_config *cfg,
                     const struct sl_column_decl *decl,
                     enum sl_column_class cls)
{
	if (decl != NULL && decl->limit_days != SL_LIMIT_UNSET)
		return decl->limit_days;
	if ((int)cls < 0 || (int)cls >= SL_CLASS_COUNT)
		return SL_LIMIT_OFF;
	return cfg->limits.stale_days[cls];
}

/* Compares A[0..an) and B[0..bn) ignoring ASCII case. */
static bool
span_ieq(const char *a, size_t an, const char *b, size_t bn)
{
	return an == bn && sl_ascii_nieq(a, b, an);
}

bool
sl_config_host_is_internal(const struct sl_config *cfg, const char *host)
{
	size_t hlen = strlen(host);
	const char *colon = strchr(host, ':');
	size_t hname = colon ? (size_t)(colon - host) : hlen;
	for (size_t i = 0; i < cfg->ndomains; i++) {
		const char *d = cfg->domains[i];
		bool has_port = strchr(d, ':') != NULL;
		size_t n = has_port ? hlen : hname;   /* what of HOST to compare */
		if (d[0] == '*' && d[1] == '.') {
			size_t dl = strlen(d + 1);   /* ".suffix" */
			if (n > dl && span_ieq(host + n - dl, dl, d + 1, dl))
				return true;
		} else if (span_ieq(host, n, d, strlen(d))) {
			return true;
		}
	}
	return false;
}
