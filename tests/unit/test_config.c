/*
 * test_config.c - sitelint.conf parsing, error positions, column and
 * host matching.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"

static const char full_example[] =
	"# sitelint.conf for a county portal\n"
	"name    = 梁河县人民政府\n"
	"profile = portal            # portal | department | township\n"
	"status  = closing\n"
	"as-of   = 2016-02-29\n"
	"home    = /index.htm\n"
	"domain  = www.lianghe.gov.cn, *.dh.gov.cn ; comma-separated\n"
	"\n"
	"[limits]\n"
	"blank-columns-veto = 3\n"
	"stale-columns-veto = 8\n"
	"stale-news-notice-veto = 4\n"
	"sparse-items = 12\n"
	"stale-days.news = 10\n"
	"stale-days.notice = 90\n"
	"stale-days.plan = off\n"
	"stale-days.service = 400\n"
	"homepage-stale-days = 7\n"
	"unanswered-days = 60\n"
	"\n"
	"[rules]\n"
	"links/broken = error          # error | warning | note | off | on\n"
	"  text/sensitive = off\n"
	"dates/* = note\n"
	"text/typo = on\n"
	"\n"
	"[column \"xxgk/gzdt/\"]        ; a directory\n"
	"name  = 工作动态\n"
	"class = news\n"
	"limit = 30\n"
	"\n"
	"[column col/col*/index*.html]\n"
	"class = Notice\n"
	"limit = off\n"
	"[column \"zwgk/\"]\n";

static void
test_defaults(void **state)
{
	(void)state;
	struct sl_config cfg;
	sl_config_init(&cfg);
	assert_null(cfg.name);
	assert_null(cfg.home);
	assert_int_equal(cfg.profile, SL_PROFILE_PORTAL);
	assert_int_equal(cfg.status, SL_SITE_OPEN);
	assert_false(cfg.as_of.set);
	assert_int_equal(cfg.ndomains, 0);
	assert_int_equal(cfg.limits.blank_columns_veto, 5);
	assert_int_equal(cfg.limits.stale_columns_veto, 10);
	assert_int_equal(cfg.limits.stale_news_notice_veto, 5);
	assert_int_equal(cfg.limits.sparse_items, 10);
	assert_int_equal(cfg.limits.stale_days[SL_CLASS_NEWS], 14);
	assert_int_equal(cfg.limits.stale_days[SL_CLASS_NOTICE], 180);
	assert_int_equal(cfg.limits.stale_days[SL_CLASS_POLICY], 180);
	assert_int_equal(cfg.limits.stale_days[SL_CLASS_PERSONNEL], 365);
	assert_int_equal(cfg.limits.stale_days[SL_CLASS_PLAN], 365);
	assert_int_equal(cfg.limits.stale_days[SL_CLASS_OTHER], SL_LIMIT_OFF);
	assert_int_equal(cfg.limits.homepage_stale_days, 14);
	assert_int_equal(cfg.limits.unanswered_days, 90);
	sl_config_free(&cfg);
	sl_config_free(NULL);
}

static void
check_full(const struct sl_config *cfg)
{
	assert_string_equal(cfg->name, "梁河县人民政府");
	assert_int_equal(cfg->profile, SL_PROFILE_PORTAL);
	assert_int_equal(cfg->status, SL_SITE_CLOSING);
	assert_true(cfg->as_of.set);
	assert_int_equal(cfg->as_of.y, 2016);
	assert_int_equal(cfg->as_of.m, 2);
	assert_int_equal(cfg->as_of.d, 29);
	assert_string_equal(cfg->home, "index.htm");
	assert_int_equal(cfg->ndomains, 2);
	assert_string_equal(cfg->domains[0], "www.lianghe.gov.cn");
	assert_string_equal(cfg->domains[1], "*.dh.gov.cn");

	const struct sl_config_limits *l = &cfg->limits;
	assert_int_equal(l->blank_columns_veto, 3);
	assert_int_equal(l->stale_columns_veto, 8);
	assert_int_equal(l->stale_news_notice_veto, 4);
	assert_int_equal(l->sparse_items, 12);
	assert_int_equal(l->stale_days[SL_CLASS_NEWS], 10);
	assert_int_equal(l->stale_days[SL_CLASS_NOTICE], 90);
	assert_int_equal(l->stale_days[SL_CLASS_POLICY], 180);
	assert_int_equal(l->stale_days[SL_CLASS_PLAN], SL_LIMIT_OFF);
	assert_int_equal(l->stale_days[SL_CLASS_SERVICE], 400);
	assert_int_equal(l->homepage_stale_days, 7);
	assert_int_equal(l->unanswered_days, 60);

	assert_int_equal(cfg->nrules, 4);
	assert_string_equal(cfg->rules[0].rule, "links/broken");
	assert_int_equal(cfg->rules[0].setting, SL_RS_ERROR);
	assert_int_equal(cfg->rules[0].line, 22);
	assert_int_equal(cfg->rules[0].col, 1);
	assert_int_equal(cfg->rules[0].value_col, 16);
	assert_string_equal(cfg->rules[1].rule, "text/sensitive");
	assert_int_equal(cfg->rules[1].setting, SL_RS_OFF);
	assert_int_equal(cfg->rules[1].line, 23);
	assert_int_equal(cfg->rules[1].col, 3);
	assert_string_equal(cfg->rules[2].rule, "dates/*");
	assert_int_equal(cfg->rules[2].setting, SL_RS_NOTE);
	assert_int_equal(cfg->rules[3].setting, SL_RS_ON);

	assert_int_equal(cfg->ncolumns, 3);
	assert_string_equal(cfg->columns[0].pattern, "xxgk/gzdt/");
	assert_string_equal(cfg->columns[0].name, "工作动态");
	assert_int_equal(cfg->columns[0].cls, SL_CLASS_NEWS);
	assert_int_equal(cfg->columns[0].limit_days, 30);
	assert_int_equal(cfg->columns[0].line, 27);
	assert_string_equal(cfg->columns[1].pattern, "col/col*/index*.html");
	assert_null(cfg->columns[1].name);
	assert_int_equal(cfg->columns[1].cls, SL_CLASS_NOTICE);
	assert_int_equal(cfg->columns[1].limit_days, SL_LIMIT_OFF);
	assert_string_equal(cfg->columns[2].pattern, "zwgk/");
	assert_int_equal(cfg->columns[2].cls, SL_CLASS_NONE);
	assert_int_equal(cfg->columns[2].limit_days, SL_LIMIT_UNSET);
}

static void
test_full_example(void **state)
{
	(void)state;
	struct sl_config cfg;
	struct sl_err err = { "" };
	sl_config_init(&cfg);
	assert_int_equal(sl_config_parse(&cfg, full_example, strlen(full_example),
	                                 "site.conf", &err), SL_OK);
	assert_string_equal(cfg.file, "site.conf");
	check_full(&cfg);
	/* Parsing again replaces everything. */
	assert_int_equal(sl_config_parse(&cfg, "name = x\n", 9, NULL, &err), SL_OK);
	assert_string_equal(cfg.file, "sitelint.conf");
	assert_string_equal(cfg.name, "x");
	assert_int_equal(cfg.ncolumns, 0);
	assert_int_equal(cfg.nrules, 0);
	assert_int_equal(cfg.limits.sparse_items, 10);
	sl_config_free(&cfg);
}

/* The same file with CRLF line ends and a byte-order mark. */
static void
test_crlf_and_bom(void **state)
{
	(void)state;
	struct sl_buf b;
	sl_buf_init(&b, 0);
	sl_buf_puts(&b, "\xEF\xBB\xBF");
	for (const char *s = full_example; *s; s++) {
		if (*s == '\n')
			sl_buf_putc(&b, '\r');
		sl_buf_putc(&b, *s);
	}
	struct sl_config cfg;
	struct sl_err err = { "" };
	sl_config_init(&cfg);
	assert_int_equal(sl_config_parse(&cfg, b.data, b.len, "site.conf", &err), SL_OK);
	check_full(&cfg);
	sl_config_free(&cfg);
	sl_buf_free(&b);

	/* Columns on the first line are counted after the BOM; a lone CR
	 * ends a line too. */
	static const char bad[] = "\xEF\xBB\xBFname = a\rcolour = red\r\n";
	sl_config_init(&cfg);
	assert_int_equal(sl_config_parse(&cfg, bad, strlen(bad), "t.conf", &err),
	                 SL_ERR_USAGE);
	assert_string_equal(err.msg, "t.conf:2:1: error: unknown key 'colour'");
	static const char bad1[] = "\xEF\xBB\xBFprofile = x\r\n";
	assert_int_equal(sl_config_parse(&cfg, bad1, strlen(bad1), "t.conf", &err),
	                 SL_ERR_USAGE);
	assert_string_equal(err.msg, "t.conf:1:11: error: unknown profile 'x' "
	                    "(expected portal, department or township)");
	sl_config_free(&cfg);
}

static void
test_quoted(void **state)
{
	(void)state;
	static const char text[] =
		"name = \"  梁河县 \\\"人民\\\" 政府 \\\\ # not a comment ; \" # comment\n"
		"home = \"a b/index.html\"\n"
		"[column \"信息 公开/]x/\"]\n"
		"name = \"\\\"\"\n"
		"[column \"zwgk/\" ] ; c\n"
		"name = 50% # done\n"
		"[column x#y/]\n"
		"name = a#b;c\n";
	struct sl_config cfg;
	struct sl_err err = { "" };
	sl_config_init(&cfg);
	assert_int_equal(sl_config_parse(&cfg, text, strlen(text), "q.conf", &err), SL_OK);
	assert_string_equal(cfg.name, "  梁河县 \"人民\" 政府 \\ # not a comment ; ");
	assert_string_equal(cfg.home, "a b/index.html");
	assert_int_equal(cfg.ncolumns, 3);
	assert_string_equal(cfg.columns[0].pattern, "信息 公开/]x/");
	assert_string_equal(cfg.columns[0].name, "\"");
	assert_string_equal(cfg.columns[1].pattern, "zwgk/");
	assert_string_equal(cfg.columns[1].name, "50%");
	assert_string_equal(cfg.columns[2].pattern, "x#y/");
	assert_string_equal(cfg.columns[2].name, "a#b;c");
	sl_config_free(&cfg);
}

struct bad_case {
	const char *text;
	size_t len;             /* 0: strlen(text) */
	const char *msg;
};

static const struct bad_case bad_cases[] = {
	{ "profile = county\n", 0, "t.conf:1:11: error: unknown profile 'county' "
	  "(expected portal, department or township)" },
	{ "as-of = 2017-02-30\n", 0,
	  "t.conf:1:9: error: invalid date '2017-02-30' (no such day)" },
	{ "as-of = 2100-02-29\n", 0,
	  "t.conf:1:9: error: invalid date '2100-02-29' (no such day)" },
	{ "as-of = 2017-3-24\n", 0,
	  "t.conf:1:9: error: invalid date '2017-3-24' (expected YYYY-MM-DD)" },
	{ "as-of = 2017-13-01\n", 0,
	  "t.conf:1:9: error: invalid date '2017-13-01' (no such day)" },
	{ "status = shut\n", 0,
	  "t.conf:1:10: error: unknown status 'shut' (expected open or closing)" },
	{ "[rules]\nlinks/broken = fatal\n", 0, "t.conf:2:16: error: unknown "
	  "severity 'fatal' (expected off, on, note, warning or error)" },
	{ "[column \"a/\"]\nclass = blog\n", 0, "t.conf:2:9: error: unknown column "
	  "class 'blog' (expected news, notice, policy, personnel, plan, service, "
	  "forms, request, interaction or other)" },
	{ "[limits]\nsparse-items = -3\n", 0,
	  "t.conf:2:16: error: expected a whole number of at least 0, got '-3'" },
	{ "[limits]\nsparse-items = 3 items\n", 0,
	  "t.conf:2:16: error: expected a whole number of at least 0, got '3 items'" },
	{ "[limits]\nblank-columns-veto = 0\n", 0,
	  "t.conf:2:22: error: expected a whole number of at least 1, got '0'" },
	{ "[limits]\nstale-days.news = soon\n", 0, "t.conf:2:19: error: expected "
	  "a whole number of at least 0 or 'off', got 'soon'" },
	{ "[limits]\nunanswered-days = 1000000\n", 0,
	  "t.conf:2:19: error: number '1000000' is too large (at most 100000)" },
	{ "[column \"a/\"]\nlimit = -1\n", 0, "t.conf:2:9: error: expected a whole "
	  "number of at least 0 or 'off', got '-1'" },
	{ "name = a\nname = b\n", 0,
	  "t.conf:2:1: error: duplicate key 'name' (first set on line 1)" },
	{ "[limits]\nstale-days.news = 3\n\nstale-days.news = 4\n", 0,
	  "t.conf:4:1: error: duplicate key 'stale-days.news' (first set on line 2)" },
	{ "[column \"a/\"]\nclass = news\nname = x\nclass = plan\n", 0,
	  "t.conf:4:1: error: duplicate key 'class' (first set on line 2)" },
	{ "[rules]\ntext/typo = off\n[limits]\n[rules]\ntext/typo = on\n", 0,
	  "t.conf:5:1: error: duplicate rule 'text/typo' (first set on line 2)" },
	{ "name = \"abc\n", 0, "t.conf:1:8: error: unterminated quoted string" },
	{ "name = \"abc\\\"\n", 0, "t.conf:1:8: error: unterminated quoted string" },
	{ "name = \"a\\tb\"\n", 0, "t.conf:1:10: error: unknown escape in quoted "
	  "string (only \\\" and \\\\ are escapes)" },
	{ "name = \"x\" y\n", 0,
	  "t.conf:1:12: error: unexpected text after the closing quote" },
	{ "name = \"梁河\" x\n", 0,
	  "t.conf:1:13: error: unexpected text after the closing quote" },
	{ "[limits\n", 0, "t.conf:1:1: error: unterminated section header "
	  "(missing ']')" },
	{ "  [column \"x/\"\n", 0, "t.conf:1:3: error: unterminated section header "
	  "(missing ']')" },
	{ "[column \"x/]\n", 0, "t.conf:1:9: error: unterminated quoted string" },
	{ "[limit]\n", 0, "t.conf:1:2: error: unknown section 'limit' (expected "
	  "[limits], [rules] or [column \"PATTERN\"])" },
	{ "[]\n", 0, "t.conf:1:1: error: empty section header" },
	{ "[ 栏目 ]\n", 0, "t.conf:1:3: error: expected a section name after '['" },
	{ "[limits x]\n", 0, "t.conf:1:9: error: unexpected text in section header" },
	{ "[limits] x\n", 0,
	  "t.conf:1:10: error: unexpected text after section header" },
	{ "[rules]x\n", 0, "t.conf:1:8: error: unexpected text after section header" },
	{ "[rules] # c\n[limits]] x\n", 0,
	  "t.conf:2:9: error: unexpected text after section header" },
	{ "[column]\n", 0, "t.conf:1:8: error: missing column pattern: write "
	  "[column \"PATTERN\"]" },
	{ "[column \"\"]\n", 0, "t.conf:1:9: error: empty column pattern" },
	{ "[column \"a/\"]\n[column \"/a/\"]\n", 0, "t.conf:2:9: error: duplicate "
	  "column pattern 'a/' (first declared on line 1)" },
	{ "colour = red\n", 0, "t.conf:1:1: error: unknown key 'colour'" },
	{ "Name = x\n", 0, "t.conf:1:1: error: unknown key 'Name'" },
	{ "[limits]\nfoo = 1\n", 0, "t.conf:2:1: error: unknown key 'foo' in [limits]" },
	{ "[column \"a/\"]\nfoo = 1\n", 0,
	  "t.conf:2:1: error: unknown key 'foo' in [column]" },
	{ "sparse-items = 3\n", 0,
	  "t.conf:1:1: error: 'sparse-items' belongs in the [limits] section" },
	{ "[limits]\nhome = x\n", 0, "t.conf:2:1: error: 'home' is a site key: "
	  "put it before the first [section]" },
	{ "[rules]\nhome = off\n", 0, "t.conf:2:1: error: 'home' is a site key: "
	  "put it before the first [section]" },
	{ "class = news\n", 0,
	  "t.conf:1:1: error: 'class' belongs in a [column \"PATTERN\"] section" },
	{ "[limits]\nstale-days.blog = 3\n", 0,
	  "t.conf:2:12: error: unknown column class 'blog' in 'stale-days.blog'" },
	{ "[rules]\nTypo = off\n", 0, "t.conf:2:1: error: 'Typo' is not a rule id "
	  "(expected family/name, family/* or *)" },
	{ "[rules]\ntext/ty*po = off\n", 0, "t.conf:2:1: error: 'text/ty*po' is "
	  "not a rule id (expected family/name, family/* or *)" },
	{ "name\n", 0, "t.conf:1:1: error: expected 'key = value' or a [section] "
	  "header" },
	{ "  = x\n", 0, "t.conf:1:3: error: missing key before '='" },
	{ "site name = x\n", 0, "t.conf:1:5: error: invalid character in key "
	  "(keys are ASCII letters, digits and - . / * _)" },
	{ "name =   # nothing\n", 0, "t.conf:1:10: error: missing value for 'name'" },
	{ "name =\n", 0, "t.conf:1:7: error: missing value for 'name'" },
	{ "name = \"\"\n", 0, "t.conf:1:8: error: missing value for 'name'" },
	{ "domain = www.a.gov.cn, http://b.gov.cn/\n", 0, "t.conf:1:24: error: "
	  "'http://b.gov.cn/' is not a host name (write it without http:// and "
	  "without a path)" },
	{ "domain = a.cn,,b.cn\n", 0, "t.conf:1:15: error: empty host name in 'domain'" },
	{ "domain = a.cn,\n", 0, "t.conf:1:15: error: empty host name in 'domain'" },
	{ "domain = a b.cn\n", 0,
	  "t.conf:1:11: error: invalid character in host name 'a b.cn'" },
	{ "domain = \"a.cn, b_c.cn\"\n", 0,
	  "t.conf:1:18: error: invalid character in host name 'b_c.cn'" },
	{ "name = a\xff\n", 0, "t.conf:1:9: error: invalid UTF-8 (the file must be "
	  "UTF-8)" },
	{ "# 注释\n名 = \xe6\x96\n", 0, "t.conf:2:5: error: invalid UTF-8 (the file "
	  "must be UTF-8)" },
	{ "name = a\0b\n", 11, "t.conf:1:9: error: NUL byte in the file" },
};

static void
test_errors(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
		const struct bad_case *c = &bad_cases[i];
		struct sl_config cfg;
		struct sl_err err = { "" };
		sl_config_init(&cfg);
		size_t len = c->len ? c->len : strlen(c->text);
		sl_status st = sl_config_parse(&cfg, c->text, len, "t.conf", &err);
		if (st != SL_ERR_USAGE || strcmp(err.msg, c->msg) != 0)
			print_error("case %zu: %s\n  got %d '%s'\n", i, c->text, st, err.msg);
		assert_int_equal(st, SL_ERR_USAGE);
		assert_string_equal(err.msg, c->msg);
		/* A failed parse leaves the defaults. */
		assert_null(cfg.name);
		assert_int_equal(cfg.ncolumns, 0);
		assert_int_equal(cfg.nrules, 0);
		assert_int_equal(cfg.ndomains, 0);
		assert_int_equal(cfg.limits.sparse_items, 10);
		sl_config_free(&cfg);
	}
}

static void
test_limits_of_input(void **state)
{
	(void)state;
	struct sl_config cfg;
	struct sl_err err = { "" };
	sl_config_init(&cfg);

	/* A line of 4096 bytes is fine, 4097 is not. */
	size_t n = 7 + 4090;
	char *line = malloc(n + 2);
	memcpy(line, "name = ", 7);
	memset(line + 7, 'x', 4090);
	line[n] = '\n';
	assert_int_equal(sl_config_parse(&cfg, line, n - 1, "t.conf", &err), SL_OK);
	assert_int_equal(sl_config_parse(&cfg, line, n, "t.conf", &err), SL_ERR_USAGE);
	assert_string_equal(err.msg, "t.conf:1:4097: error: line longer than 4096 bytes");
	free(line);

	/* More than 1 MiB of text. */
	size_t big = SL_CONFIG_MAX_BYTES + 1;
	char *text = malloc(big);
	memset(text, '\n', big);
	assert_int_equal(sl_config_parse(&cfg, text, big - 1, "t.conf", &err), SL_OK);
	assert_int_equal(sl_config_parse(&cfg, text, big, "t.conf", &err), SL_ERR_LIMIT);
	assert_string_equal(err.msg, "t.conf: error: the file is larger than "
	                    "1048576 bytes");
	free(text);

	/* Too many hosts. */
	struct sl_buf b;
	sl_buf_init(&b, 0);
	sl_buf_puts(&b, "domain = a0.cn");
	for (int i = 1; i < SL_CONFIG_MAX_DOMAINS; i++)
		sl_buf_printf(&b, ",a%d.cn", i % 10);
	assert_int_equal(sl_config_parse(&cfg, b.data, b.len, "t.conf", &err), SL_OK);
	assert_int_equal(cfg.ndomains, SL_CONFIG_MAX_DOMAINS);
	sl_buf_puts(&b, ",zz.cn");
	assert_int_equal(sl_config_parse(&cfg, b.data, b.len, "t.conf", &err),
	                 SL_ERR_USAGE);
	assert_string_equal(err.msg, "t.conf:1:394: error: too many hosts in "
	                    "'domain' (at most 64)");
	sl_buf_free(&b);
	sl_config_free(&cfg);
}

static void
test_sections_reopen(void **state)
{
	(void)state;
	static const char text[] =
		"[limits]\nsparse-items = 3\n"
		"[column \"a/\"]\nlimit = 3\nclass = PLAN\n"
		"[column \"b/\"]\nlimit = 4\n"
		"[limits]\nunanswered-days = 0\n"
		"[rules]\n* = off\ntext/* = warning\n";
	struct sl_config cfg;
	struct sl_err err = { "" };
	sl_config_init(&cfg);
	assert_int_equal(sl_config_parse(&cfg, text, strlen(text), "t.conf", &err), SL_OK);
	assert_int_equal(cfg.limits.sparse_items, 3);
	assert_int_equal(cfg.limits.unanswered_days, 0);
	assert_int_equal(cfg.ncolumns, 2);
	assert_int_equal(cfg.columns[0].limit_days, 3);
	assert_int_equal(cfg.columns[0].cls, SL_CLASS_PLAN);
	assert_int_equal(cfg.columns[1].limit_days, 4);
	assert_int_equal(cfg.columns[1].line, 6);
	assert_int_equal(cfg.nrules, 2);
	assert_string_equal(cfg.rules[0].rule, "*");
	assert_int_equal(cfg.rules[1].setting, SL_RS_WARNING);
	sl_config_free(&cfg);
}

static void
test_caller_error(void **state)
{
	(void)state;
	static const char text[] = "[rules]\n\tlinks/brokn = off\n";
	struct sl_config cfg;
	struct sl_err err = { "" };
	sl_config_init(&cfg);
	assert_int_equal(sl_config_parse(&cfg, text, strlen(text), "s.conf", &err), SL_OK);
	const struct sl_config_rule *r = &cfg.rules[0];
	assert_int_equal(sl_config_error(&cfg, &err, r->line, r->col,
	                                 "unknown rule '%s'", r->rule), SL_ERR_USAGE);
	assert_string_equal(err.msg, "s.conf:2:2: error: unknown rule 'links/brokn'");
	sl_config_free(&cfg);
}

static void
test_load(void **state)
{
	(void)state;
	char path[] = "/tmp/sitelint-test-config-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "wb");
	assert_non_null(f);
	fputs(full_example, f);
	fclose(f);

	struct sl_config cfg;
	struct sl_err err = { "" };
	sl_config_init(&cfg);
	assert_int_equal(sl_config_load(&cfg, path, &err), SL_OK);
	assert_string_equal(cfg.file, path);
	check_full(&cfg);

	f = fopen(path, "ab");
	assert_non_null(f);
	fputs("bogus\n", f);
	fclose(f);
	assert_int_equal(sl_config_load(&cfg, path, &err), SL_ERR_USAGE);
	char *want = sl_aprintf("%s:36:1: error: expected 'key = value' or a "
	                        "[section] header", path);
	assert_string_equal(err.msg, want);
	free(want);

	f = fopen(path, "wb");
	assert_non_null(f);
	for (unsigned i = 0; i <= SL_CONFIG_MAX_BYTES / 8; i++)
		fputs("# 12345\n", f);
	fclose(f);
	assert_int_equal(sl_config_load(&cfg, path, &err), SL_ERR_LIMIT);
	unlink(path);

	/* A directory opens but cannot be read. */
	assert_int_equal(sl_config_load(&cfg, "/", &err), SL_ERR_IO);
	assert_string_equal(err.msg, "/: error: cannot read: Is a directory");
	assert_int_equal(sl_config_load(&cfg, "/nonexistent/sitelint.conf", &err),
	                 SL_ERR_IO);
	assert_string_equal(err.msg, "/nonexistent/sitelint.conf: error: cannot "
	                    "open: No such file or directory");
	sl_config_free(&cfg);
}

static void
test_match_column(void **state)
{
	(void)state;
	static const char text[] =
		"[column \"xxgk/gzdt/\"]\n"
		"[column \"col/col*/index*.html\"]\n"
		"[column \"art/**/list.html\"]\n"
		"[column \"./zwgk\"]\n"
		"[column \"**/tzgg/\"]\n"
		"[column \"栏目?/\"]\n"
		"[column \"xxgk/*\"]\n";
	static const struct { const char *path; int want; } cases[] = {
		{ "xxgk/gzdt/index.html", 0 },
		{ "xxgk/gzdt/index_1.html", 0 },
		{ "/xxgk/gzdt/index.html", 0 },
		{ "xxgk/gzdt/201703/t20170324_1.html", -1 },
		{ "xxgk/gzdtx/index.html", -1 },
		{ "xxgk/index.html", 6 },
		{ "col/col1234/index.html", 1 },
		{ "col/col1234/index_2.html", 1 },
		{ "col/col1/sub/index.html", -1 },
		{ "col/col1/list.html", -1 },
		{ "col/index.html", -1 },
		{ "art/list.html", 2 },
		{ "art/2017/3/list.html", 2 },
		{ "art/2017/3/list.htm", -1 },
		{ "zwgk", 3 },
		{ "zwgk/index.html", 3 },
		{ "zwgk/a/index.html", -1 },
		{ "zwgkx/index.html", -1 },
		{ "tzgg/index.html", 4 },
		{ "a/b/tzgg/index.html", 4 },
		{ "a/tzgg/x/index.html", -1 },
		{ "栏目一/index.html", 5 },
		{ "栏目/index.html", -1 },
		{ "栏目一二/index.html", -1 },
		{ "", -1 },
	};
	struct sl_config cfg;
	struct sl_err err = { "" };
	sl_config_init(&cfg);
	assert_int_equal(sl_config_parse(&cfg, text, strlen(text), "t.conf", &err), SL_OK);
	assert_string_equal(cfg.columns[3].pattern, "zwgk");
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct sl_column_decl *d = sl_config_match_column(&cfg, cases[i].path);
		int got = d ? (int)(d - cfg.columns) : -1;
		if (got != cases[i].want)
			print_error("path %s: got %d want %d\n", cases[i].path, got,
			            cases[i].want);
		assert_int_equal(got, cases[i].want);
	}
	sl_config_free(&cfg);
}

static void
test_glob(void **state)
{
	(void)state;
	assert_true(sl_config_pattern_match("**", "a/b/c.html"));
	assert_true(sl_config_pattern_match("*", "index.html"));
	assert_false(sl_config_pattern_match("*", "a/index.html"));
	assert_false(sl_config_pattern_match("a*b", "a/b"));
	assert_true(sl_config_pattern_match("a*b", "ab"));
	assert_true(sl_config_pattern_match("a*b", "axxb"));
	assert_false(sl_config_pattern_match("a?c", "a/c"));
	assert_true(sl_config_pattern_match("a?c", "abc"));
	assert_true(sl_config_pattern_match("a/**/c", "a/c"));
	assert_true(sl_config_pattern_match("a/**/c", "a/b/b/c"));
	assert_false(sl_config_pattern_match("a/**/c", "a/b/bc"));
	assert_true(sl_config_pattern_match("a/**c", "a/b/bc"));
	assert_true(sl_config_pattern_match("*/*/", "a/b/index.html"));
	assert_false(sl_config_pattern_match("*/*/", "a/index.html"));
	/* No backtracking blow-up and a correct answer. */
	char path[201];
	memset(path, 'a', 200);
	path[200] = '\0';
	assert_false(sl_config_pattern_match("*a*a*a*a*a*a*a*a*a*a*b", path));
	assert_true(sl_config_pattern_match("*a*a*a*a*a*a*a*a*a*a*", path));
	assert_false(sl_config_pattern_match("", "x"));
}

static void
test_hosts_and_days(void **state)
{
	(void)state;
	static const char text[] =
		"domain = WWW.Lianghe.gov.cn, *.dh.gov.cn, localhost:8080\n"
		"[column \"a/\"]\nlimit = 3\n[column \"b/\"]\n";
	struct sl_config cfg;
	struct sl_err err = { "" };
	sl_config_init(&cfg);
	assert_int_equal(sl_config_parse(&cfg, text, strlen(text), "t.conf", &err), SL_OK);
	assert_string_equal(cfg.domains[0], "www.lianghe.gov.cn");
	assert_true(sl_config_host_is_internal(&cfg, "www.lianghe.gov.cn"));
	assert_true(sl_config_host_is_internal(&cfg, "WWW.LIANGHE.GOV.CN:80"));
	assert_false(sl_config_host_is_internal(&cfg, "lianghe.gov.cn"));
	assert_false(sl_config_host_is_internal(&cfg, "www.lianghe.gov.cn.evil.com"));
	assert_true(sl_config_host_is_internal(&cfg, "a.dh.gov.cn"));
	assert_true(sl_config_host_is_internal(&cfg, "x.a.dh.gov.cn:8443"));
	assert_false(sl_config_host_is_internal(&cfg, "dh.gov.cn"));
	assert_false(sl_config_host_is_internal(&cfg, "evil-dh.gov.cn"));
	assert_true(sl_config_host_is_internal(&cfg, "localhost:8080"));
	assert_false(sl_config_host_is_internal(&cfg, "localhost"));
	assert_false(sl_config_host_is_internal(&cfg, "localhost:9090"));

	assert_int_equal(sl_config_stale_days(&cfg, &cfg.columns[0], SL_CLASS_NEWS), 3);
	assert_int_equal(sl_config_stale_days(&cfg, &cfg.columns[1], SL_CLASS_NEWS), 14);
	assert_int_equal(sl_config_stale_days(&cfg, NULL, SL_CLASS_PLAN), 365);
	assert_int_equal(sl_config_stale_days(&cfg, NULL, SL_CLASS_FORMS), SL_LIMIT_OFF);
	assert_int_equal(sl_config_stale_days(&cfg, NULL, SL_CLASS_NONE), SL_LIMIT_OFF);
	sl_config_free(&cfg);
}

static void
test_names(void **state)
{
	(void)state;
	static const char *const names[] = {
		"news", "notice", "policy", "personnel", "plan",
		"service", "forms", "request", "interaction", "other",
	};
	enum sl_column_class c;
	assert_int_equal(sizeof names / sizeof names[0], SL_CLASS_COUNT);
	for (int i = 0; i < SL_CLASS_COUNT; i++) {
		assert_string_equal(sl_column_class_name((enum sl_column_class)i), names[i]);
		assert_true(sl_column_class_parse(names[i], &c));
		assert_int_equal(c, i);
	}
	assert_true(sl_column_class_parse("POLICY", &c));
	assert_int_equal(c, SL_CLASS_POLICY);
	assert_false(sl_column_class_parse("blog", &c));
	assert_false(sl_column_class_parse("", &c));
	assert_null(sl_column_class_name(SL_CLASS_NONE));
	assert_null(sl_column_class_name(SL_CLASS_COUNT));
	assert_string_equal(sl_config_profile_name(SL_PROFILE_TOWNSHIP), "township");
	assert_string_equal(sl_config_status_name(SL_SITE_CLOSING), "closing");
	assert_null(sl_config_profile_name((enum sl_profile)3));
	assert_string_equal(sl_config_setting_name(SL_RS_WARNING), "warning");
	assert_null(sl_config_setting_name((enum sl_rule_setting)99));
}

/* decommissioned = HOST [-> ADDRESS]: repeatable, validated. */
static void
test_decommissioned(void **state)
{
	(void)state;
	static const char text[] =
		"decommissioned = GTZYJ.canglan.gov.cn -> http://www.canglan.gov.cn/jgzn/\n"
		"decommissioned = zt.canglan.gov.cn   # no successor\n"
		"decommissioned = *.old.gov.cn https://new.gov.cn/\n";
	struct sl_config cfg;
	struct sl_err err = { "" };
	sl_config_init(&cfg);
	assert_false(cfg.profile_set);
	assert_int_equal(sl_config_parse(&cfg, text, strlen(text), "s.conf", &err), SL_OK);
	assert_int_equal(cfg.nmoved, 3);
	assert_string_equal(cfg.moved[0].host, "gtzyj.canglan.gov.cn");
	assert_string_equal(cfg.moved[0].to, "http://www.canglan.gov.cn/jgzn/");
	assert_int_equal(cfg.moved[0].line, 1);
	assert_string_equal(cfg.moved[1].host, "zt.canglan.gov.cn");
	assert_null(cfg.moved[1].to);
	assert_string_equal(cfg.moved[2].host, "*.old.gov.cn");
	assert_string_equal(cfg.moved[2].to, "https://new.gov.cn/");
	assert_false(cfg.profile_set);
	assert_int_equal(sl_config_parse(&cfg, "profile = portal\n", 17, "s.conf", &err), SL_OK);
	assert_true(cfg.profile_set);
	assert_int_equal(cfg.nmoved, 0);

	static const struct { const char *text, *msg; } bad[] = {
		{ "decommissioned = a.gov.cn -> b.gov.cn\n",
		  "s.conf:1:30: error: the new address in 'decommissioned' must start with "
		  "http:// or https://" },
		{ "decommissioned = a.gov.cn ->\n",
		  "s.conf:1:29: error: missing the new address after '->' in 'decommissioned'" },
		{ "decommissioned = a.gov.cn http://b/ c\n",
		  "s.conf:1:37: error: expected HOST [-> NEW-ADDRESS] in 'decommissioned'" },
		{ "decommissioned = http://a.gov.cn/\n",
		  "s.conf:1:18: error: 'http://a.gov.cn/' is not a host name (write it without "
		  "http:// and without a path)" },
		{ "[limits]\ndecommissioned = a.gov.cn\n",
		  "s.conf:2:1: error: 'decommissioned' is a site key: put it before the first "
		  "[section]" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(sl_config_parse(&cfg, bad[i].text, strlen(bad[i].text), "s.conf",
		                                 &err), SL_ERR_USAGE);
		if (strcmp(err.msg, bad[i].msg) != 0)
			print_error("case %zu: %s\n", i, err.msg);
		assert_string_equal(err.msg, bad[i].msg);
		assert_int_equal(cfg.nmoved, 0);
	}
	sl_config_free(&cfg);
}

/* The full example of docs/config.md parses (the docs do not rot). */
static void
test_docs_example(void **state)
{
	(void)state;
	FILE *f = fopen("docs/config.md", "rb");
	if (f == NULL) {
		skip();
		return;
	}
	static char doc[65536];
	size_t n = fread(doc, 1, sizeof doc - 1, f);
	fclose(f);
	doc[n] = '\0';
	const char *mark = strstr(doc, "<!-- full example -->");
	assert_non_null(mark);
	const char *start = strstr(mark, "```ini\n");
	assert_non_null(start);
	start += 7;
	const char *end = strstr(start, "```");
	assert_non_null(end);
	struct sl_config cfg;
	struct sl_err err = { "" };
	sl_config_init(&cfg);
	sl_status st = sl_config_parse(&cfg, start, (size_t)(end - start),
	                               "docs/config.md", &err);
	if (st != SL_OK)
		print_error("%s\n", err.msg);
	assert_int_equal(st, SL_OK);
	assert_non_null(cfg.name);
	assert_true(cfg.as_of.set);
	assert_true(cfg.ncolumns > 0);
	assert_true(cfg.nrules > 0);
	sl_config_free(&cfg);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_full_example),
		cmocka_unit_test(test_crlf_and_bom),
		cmocka_unit_test(test_quoted),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_limits_of_input),
		cmocka_unit_test(test_sections_reopen),
		cmocka_unit_test(test_caller_error),
		cmocka_unit_test(test_load),
		cmocka_unit_test(test_match_column),
		cmocka_unit_test(test_glob),
		cmocka_unit_test(test_hosts_and_days),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_decommissioned),
		cmocka_unit_test(test_docs_example),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
