/*
 * test_url.c - link resolution, site hosts, and the srcset, meta refresh
 * and CSS URL cutters.
 *
 * Expected values are written by hand from the URL standard, RFC 3986
 * and the HTML standard; the GBK byte sequences were checked with
 * iconv -f GBK (中文 = D6 D0 CE C4, 附件 = B8 BD BC FE, 你好 = C4 E3 BA C3).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "url.h"

#define PAGE "xwzx/gzdt/index.html"
#define WPAGE "www.x.gov.cn/xwzx/index.html"

enum { I = SL_URL_INTERNAL, E = SL_URL_EXTERNAL, S = SL_URL_SPECIAL,
       P = SL_URL_PLACEHOLDER, F = SL_URL_FRAGMENT_ONLY, X = SL_URL_INVALID };

struct rcase {
	const char *page;
	const char *base;   /* <base href> or NULL */
	const char *ref;
	const char *root;   /* root_prefix or NULL */
	const char *hosts;  /* space-separated; NULL: "www.x.gov.cn" */
	int kind;
	const char *path;   /* expected path (NULL: not checked) */
	int is_dir;
	const char *query;  /* NULL: has_query must be false */
	const char *frag;   /* NULL: has_fragment must be false */
	const char *host;   /* expected host ("" unless EXTERNAL) */
};

static const struct rcase cases[] = {
	/* relative paths, ./ and ../ */
	{PAGE, NULL, "a.html", NULL, NULL, I, "xwzx/gzdt/a.html", 0, NULL, NULL, ""},
	{PAGE, NULL, "../b.html", NULL, NULL, I, "xwzx/b.html", 0, NULL, NULL, ""},
	{PAGE, NULL, "./c.html", NULL, NULL, I, "xwzx/gzdt/c.html", 0, NULL, NULL, ""},
	{PAGE, NULL, "../../../../d.html", NULL, NULL, I, "d.html", 0, NULL, NULL, ""},
	{PAGE, NULL, "sub/./x/../e.html", NULL, NULL, I, "xwzx/gzdt/sub/e.html", 0, NULL, NULL, ""},
	{PAGE, NULL, "%2e%2e/f.html", NULL, NULL, I, "xwzx/f.html", 0, NULL, NULL, ""},
	{PAGE, NULL, ".%2E/.%2e/g.html", NULL, NULL, I, "g.html", 0, NULL, NULL, ""},
	{PAGE, NULL, "a//b.html", NULL, NULL, I, "xwzx/gzdt/a/b.html", 0, NULL, NULL, ""},
	{PAGE, NULL, "  a.html\t ", NULL, NULL, I, "xwzx/gzdt/a.html", 0, NULL, NULL, ""},
	{PAGE, NULL, "a\n.ht\r\nml", NULL, NULL, I, "xwzx/gzdt/a.html", 0, NULL, NULL, ""},
	/* root-absolute, clamped at the root */
	{PAGE, NULL, "/xxgk/index.html", NULL, NULL, I, "xxgk/index.html", 0, NULL, NULL, ""},
	{PAGE, NULL, "/../a.html", NULL, NULL, I, "a.html", 0, NULL, NULL, ""},
	{PAGE, NULL, "/a/../../../b.html", NULL, NULL, I, "b.html", 0, NULL, NULL, ""},
	/* directories */
	{PAGE, NULL, "xxgk/", NULL, NULL, I, "xwzx/gzdt/xxgk", 1, NULL, NULL, ""},
	{PAGE, NULL, "xxgk", NULL, NULL, I, "xwzx/gzdt/xxgk", 0, NULL, NULL, ""},
	{PAGE, NULL, "/xxgk/", NULL, NULL, I, "xxgk", 1, NULL, NULL, ""},
	{PAGE, NULL, "/", NULL, NULL, I, "", 1, NULL, NULL, ""},
	{PAGE, NULL, ".", NULL, NULL, I, "xwzx/gzdt", 1, NULL, NULL, ""},
	{PAGE, NULL, "..", NULL, NULL, I, "xwzx", 1, NULL, NULL, ""},
	{PAGE, NULL, "../..", NULL, NULL, I, "", 1, NULL, NULL, ""},
	{PAGE, NULL, "./", NULL, NULL, I, "xwzx/gzdt", 1, NULL, NULL, ""},
	/* own host: scheme, case, www., ports, trailing dot, userinfo */
	{PAGE, NULL, "http://www.x.gov.cn/xxgk/a.html", NULL, NULL, I, "xxgk/a.html", 0, NULL, NULL, ""},
	{PAGE, NULL, "https://www.x.gov.cn/a.html", NULL, NULL, I, "a.html", 0, NULL, NULL, ""},
	{PAGE, NULL, "http://x.gov.cn/a.html", NULL, NULL, I, "a.html", 0, NULL, NULL, ""},
	{PAGE, NULL, "HTTP://WWW.X.GOV.CN:80/A.html", NULL, NULL, I, "A.html", 0, NULL, NULL, ""},
	{PAGE, NULL, "https://www.x.gov.cn:443/a.html", NULL, NULL, I, "a.html", 0, NULL, NULL, ""},
	{PAGE, NULL, "http://www.x.gov.cn.:80/a.html", NULL, NULL, I, "a.html", 0, NULL, NULL, ""},
	{PAGE, NULL, "http://user:pw@www.x.gov.cn/a.html", NULL, NULL, I, "a.html", 0, NULL, NULL, ""},
	{PAGE, NULL, "http://www.x.gov.cn", NULL, NULL, I, "", 1, NULL, NULL, ""},
	{PAGE, NULL, "http:///www.x.gov.cn/a.html", NULL, NULL, I, "a.html", 0, NULL, NULL, ""},
	{PAGE, NULL, "http://www.x.gov.cn/../a.html", NULL, NULL, I, "a.html", 0, NULL, NULL, ""},
	{PAGE, NULL, "http:a.html", NULL, NULL, I, "xwzx/gzdt/a.html", 0, NULL, NULL, ""},
	{PAGE, NULL, "http://x.gov.cn/", NULL, "x.gov.cn", I, "", 1, NULL, NULL, ""},
	{PAGE, NULL, "http://www.x.gov.cn/a.html", NULL, "http://X.gov.cn:80/", I, "a.html", 0, NULL, NULL, ""},
	/* protocol-relative */
	{PAGE, NULL, "//www.x.gov.cn/b.html", NULL, NULL, I, "b.html", 0, NULL, NULL, ""},
	{PAGE, NULL, "//www.other.gov.cn/b.html", NULL, NULL, E, "b.html", 0, NULL, NULL, "www.other.gov.cn"},
	{PAGE, NULL, "\\\\www.x.gov.cn\\c.html", NULL, NULL, I, "c.html", 0, NULL, NULL, ""},
	/* foreign hosts */
	{PAGE, NULL, "http://WWW.Other.GOV.cn/X.html", NULL, NULL, E, "X.html", 0, NULL, NULL, "www.other.gov.cn"},
	{PAGE, NULL, "http://www.beijing.gov.cn/", NULL, NULL, E, "", 1, NULL, NULL, "www.beijing.gov.cn"},
	{PAGE, NULL, "http://www.x.gov.cn:8080/a.html", NULL, NULL, E, "a.html", 0, NULL, NULL, "www.x.gov.cn:8080"},
	{PAGE, NULL, "http://old.x.gov.cn:80/a/b.html?id=3", NULL, NULL, E, "a/b.html", 0, "id=3", NULL, "old.x.gov.cn"},
	{PAGE, NULL, "http://www.x.gov.cn/a.html", NULL, "", E, "a.html", 0, NULL, NULL, "www.x.gov.cn"},
	{PAGE, NULL, "http://www2.x.gov.cn/a.html", NULL, NULL, E, "a.html", 0, NULL, NULL, "www2.x.gov.cn"},
	/* queries and fragments */
	{PAGE, NULL, "a.html?x=1&y=2", NULL, NULL, I, "xwzx/gzdt/a.html", 0, "x=1&y=2", NULL, ""},
	{PAGE, NULL, "a.html#sec2", NULL, NULL, I, "xwzx/gzdt/a.html", 0, NULL, "sec2", ""},
	{PAGE, NULL, "a.html?x=1#top", NULL, NULL, I, "xwzx/gzdt/a.html", 0, "x=1", "top", ""},
	{PAGE, NULL, "a.html?p=..\\..\\b", NULL, NULL, I, "xwzx/gzdt/a.html", 0, "p=..\\..\\b", NULL, ""},
	{PAGE, NULL, "list/?page=2", NULL, NULL, I, "xwzx/gzdt/list", 1, "page=2", NULL, ""},
	{PAGE, NULL, "?page=2", NULL, NULL, I, PAGE, 0, "page=2", NULL, ""},
	{PAGE, NULL, "#top", NULL, NULL, F, PAGE, 0, NULL, "top", ""},
	{PAGE, NULL, "#%E4%B8%AD", NULL, NULL, F, PAGE, 0, NULL, "中", ""},
	{PAGE, NULL, "#%zz", NULL, NULL, F, PAGE, 0, NULL, "%zz", ""},
	{PAGE, NULL, "index.html#top", NULL, NULL, I, PAGE, 0, NULL, "top", ""},
	{PAGE, NULL, "a.html?q=中文#f", NULL, NULL, I, "xwzx/gzdt/a.html", 0, "q=中文", "f", ""},
	/* percent-encoding, GBK, raw UTF-8 */
	{PAGE, NULL, "%E4%B8%AD%E6%96%87.doc", NULL, NULL, I, "xwzx/gzdt/中文.doc", 0, NULL, NULL, ""},
	{PAGE, NULL, "%e4%b8%ad.doc", NULL, NULL, I, "xwzx/gzdt/中.doc", 0, NULL, NULL, ""},
	{PAGE, NULL, "%D6%D0%CE%C4.doc", NULL, NULL, I, "xwzx/gzdt/中文.doc", 0, NULL, NULL, ""},
	{PAGE, NULL, "/xxgk/%D6%D0%CE%C4/%B8%BD%BC%FE.doc", NULL, NULL, I, "xxgk/中文/附件.doc", 0, NULL, NULL, ""},
	{PAGE, NULL, "%C4%E3%BA%C3%2Ehtml", NULL, NULL, I, "xwzx/gzdt/你好.html", 0, NULL, NULL, ""},
	{PAGE, NULL, "附件%D6%D0.doc", NULL, NULL, I, "xwzx/gzdt/附件中.doc", 0, NULL, NULL, ""},
	{PAGE, NULL, "中文.doc", NULL, NULL, I, "xwzx/gzdt/中文.doc", 0, NULL, NULL, ""},
	{PAGE, NULL, "../附件/说明 文件.pdf", NULL, NULL, I, "xwzx/附件/说明 文件.pdf", 0, NULL, NULL, ""},
	{PAGE, NULL, "a%20b.html", NULL, NULL, I, "xwzx/gzdt/a b.html", 0, NULL, NULL, ""},
	{PAGE, NULL, "a%zz.html", NULL, NULL, I, "xwzx/gzdt/a%zz.html", 0, NULL, NULL, ""},
	{PAGE, NULL, "a%2.html", NULL, NULL, I, "xwzx/gzdt/a%2.html", 0, NULL, NULL, ""},
	{PAGE, NULL, "a%", NULL, NULL, I, "xwzx/gzdt/a%", 0, NULL, NULL, ""},
	{PAGE, NULL, "%D6.doc", NULL, NULL, I, "xwzx/gzdt/%D6.doc", 0, NULL, NULL, ""},
	{PAGE, NULL, "a%2Fb.html", NULL, NULL, I, "xwzx/gzdt/a/b.html", 0, NULL, NULL, ""},
	{PAGE, NULL, "a%00.html", NULL, NULL, X, NULL, 0, NULL, NULL, ""},
	/* backslashes */
	{PAGE, NULL, "..\\..\\a.html", NULL, NULL, I, "a.html", 0, NULL, NULL, ""},
	{PAGE, NULL, "\\xxgk\\a.html", NULL, NULL, I, "xxgk/a.html", 0, NULL, NULL, ""},
	{PAGE, NULL, "sub\\b.html", NULL, NULL, I, "xwzx/gzdt/sub/b.html", 0, NULL, NULL, ""},
	/* placeholders in all spellings */
	{PAGE, NULL, "", NULL, NULL, P, "", 0, NULL, NULL, ""},
	{PAGE, NULL, "   ", NULL, NULL, P, "", 0, NULL, NULL, ""},
	{PAGE, NULL, "#", NULL, NULL, P, "", 0, NULL, NULL, ""},
	{PAGE, NULL, " # ", NULL, NULL, P, "", 0, NULL, NULL, ""},
	{PAGE, NULL, "javascript:void(0)", NULL, NULL, P, "", 0, NULL, NULL, ""},
	{PAGE, NULL, "javascript:void(0);", NULL, NULL, P, "", 0, NULL, NULL, ""},
	{PAGE, NULL, "JavaScript:Void(0)", NULL, NULL, P, "", 0, NULL, NULL, ""},
	{PAGE, NULL, " javascript: void( 0 ) ; ", NULL, NULL, P, "", 0, NULL, NULL, ""},
	{PAGE, NULL, "javascript:;", NULL, NULL, P, "", 0, NULL, NULL, ""},
	{PAGE, NULL, "javascript:", NULL, NULL, P, "", 0, NULL, NULL, ""},
	{PAGE, NULL, "JAVASCRIPT:void 0", NULL, NULL, P, "", 0, NULL, NULL, ""},
	{PAGE, NULL, "java\tscript:\nvoid(0)", NULL, NULL, P, "", 0, NULL, NULL, ""},
	/* special schemes and invalid URLs */
	{PAGE, NULL, "javascript:openWin('a.html')", NULL, NULL, S, "", 0, NULL, NULL, ""},
	{PAGE, NULL, "mailto:a@x.gov.cn", NULL, NULL, S, "", 0, NULL, NULL, ""},
	{PAGE, NULL, "tel:12345", NULL, NULL, S, "", 0, NULL, NULL, ""},
	{PAGE, NULL, "data:image/png;base64,AAAA", NULL, NULL, S, "", 0, NULL, NULL, ""},
	{PAGE, NULL, "ftp://ftp.x.gov.cn/a.zip", NULL, NULL, S, "", 0, NULL, NULL, ""},
	{PAGE, NULL, "SMS:10086", NULL, NULL, S, "", 0, NULL, NULL, ""},
	{PAGE, NULL, "http://", NULL, NULL, X, NULL, 0, NULL, NULL, ""},
	{PAGE, NULL, "https:///", NULL, NULL, X, NULL, 0, NULL, NULL, ""},
	{PAGE, NULL, "http://www. x.gov.cn/", NULL, NULL, X, NULL, 0, NULL, NULL, ""},
	{PAGE, NULL, "http://www.x.gov.cn:8o/", NULL, NULL, X, NULL, 0, NULL, NULL, ""},
	{PAGE, NULL, "http://www.x.gov.cn:99999/", NULL, NULL, X, NULL, 0, NULL, NULL, ""},
	{PAGE, NULL, "C:\\Documents\\a.doc", NULL, NULL, X, NULL, 0, NULL, NULL, ""},
	{PAGE, NULL, "file:///C:/a.doc", NULL, NULL, X, NULL, 0, NULL, NULL, ""},
	/* <base href> */
	{PAGE, "/xxgk/", "a.html", NULL, NULL, I, "xxgk/a.html", 0, NULL, NULL, ""},
	{PAGE, "/xxgk/list.html", "a.html", NULL, NULL, I, "xxgk/a.html", 0, NULL, NULL, ""},
	{PAGE, "../", "a.html", NULL, NULL, I, "xwzx/a.html", 0, NULL, NULL, ""},
	{PAGE, "sub/", "../a.html", NULL, NULL, I, "xwzx/gzdt/a.html", 0, NULL, NULL, ""},
	{PAGE, "http://www.x.gov.cn/zwgk/", "a.html", NULL, NULL, I, "zwgk/a.html", 0, NULL, NULL, ""},
	{PAGE, "http://x.gov.cn/zwgk/", "/b.html", NULL, NULL, I, "b.html", 0, NULL, NULL, ""},
	{PAGE, "http://www.other.gov.cn/d/", "a.html", NULL, NULL, E, "d/a.html", 0, NULL, NULL, "www.other.gov.cn"},
	{PAGE, "http://www.other.gov.cn/d/", "/a.html", NULL, NULL, E, "a.html", 0, NULL, NULL, "www.other.gov.cn"},
	{PAGE, "http://www.other.gov.cn/d/", "http://www.x.gov.cn/a.html", NULL, NULL, I, "a.html", 0, NULL, NULL, ""},
	{PAGE, "http://www.other.gov.cn/d/", "#x", NULL, NULL, E, "d", 1, NULL, "x", "www.other.gov.cn"},
	{PAGE, "index.html", "#x", NULL, NULL, F, PAGE, 0, NULL, "x", ""},
	{PAGE, "http://www.x.gov.cn/xwzx/gzdt/", "#x", NULL, NULL, F, PAGE, 0, NULL, "x", ""},
	{PAGE, "/other.html", "#x", NULL, NULL, I, "other.html", 0, NULL, "x", ""},
	{PAGE, "http://", "a.html", NULL, NULL, I, "xwzx/gzdt/a.html", 0, NULL, NULL, ""},
	{PAGE, "javascript:void(0)", "a.html", NULL, NULL, I, "xwzx/gzdt/a.html", 0, NULL, NULL, ""},
	{PAGE, "", "a.html", NULL, NULL, I, "xwzx/gzdt/a.html", 0, NULL, NULL, ""},
	{PAGE, "a%00/", "b.html", NULL, NULL, I, "xwzx/gzdt/b.html", 0, NULL, NULL, ""},
	/* WARC-style member paths: the first segment is the host */
	{WPAGE, NULL, "/a.html", "www.x.gov.cn/", NULL, I, "www.x.gov.cn/a.html", 0, NULL, NULL, ""},
	{WPAGE, NULL, "a.html", "www.x.gov.cn/", NULL, I, "www.x.gov.cn/xwzx/a.html", 0, NULL, NULL, ""},
	{WPAGE, NULL, "../../../b.html", "www.x.gov.cn/", NULL, I, "www.x.gov.cn/b.html", 0, NULL, NULL, ""},
	{WPAGE, NULL, "http://x.gov.cn/c/d.html", "www.x.gov.cn/", NULL, I, "www.x.gov.cn/c/d.html", 0, NULL, NULL, ""},
	{WPAGE, NULL, "/", "www.x.gov.cn/", NULL, I, "www.x.gov.cn", 1, NULL, NULL, ""},
	{WPAGE, NULL, "..", "www.x.gov.cn/", NULL, I, "www.x.gov.cn", 1, NULL, NULL, ""},
	{WPAGE, NULL, "/zwgk/", "www.x.gov.cn", NULL, I, "www.x.gov.cn/zwgk", 1, NULL, NULL, ""},
	{WPAGE, NULL, "#f", "www.x.gov.cn/", NULL, F, WPAGE, 0, NULL, "f", ""},
	{WPAGE, "/xwzx/", "#f", "www.x.gov.cn/", NULL, F, WPAGE, 0, NULL, "f", ""},
	{WPAGE, "/", "#f", "www.x.gov.cn/", NULL, I, "www.x.gov.cn", 1, NULL, "f", ""},
	{WPAGE, "http://www.x.gov.cn/", "#f", "www.x.gov.cn/", NULL, I, "www.x.gov.cn", 1, NULL, "f", ""},
	{WPAGE, NULL, "/a.html", "other/", NULL, I, "a.html", 0, NULL, NULL, ""},
};

static void
load_hosts(struct sl_site_hosts *h, const char *list)
{
	char buf[512];
	sl_site_hosts_init(h);
	if (list == NULL)
		list = "www.x.gov.cn";
	snprintf(buf, sizeof buf, "%s", list);
	for (char *p = buf; *p != '\0';) {
		char *sp = strchr(p, ' ');
		if (sp != NULL)
			*sp = '\0';
		if (*p != '\0')
			assert_true(sl_site_hosts_add(h, p));
		if (sp == NULL)
			break;
		p = sp + 1;
	}
}

static void
check_case(const struct rcase *c, struct sl_url_ref *r)
{
	struct sl_site_hosts hosts;
	load_hosts(&hosts, c->hosts);
	sl_url_resolve(c->page, c->base, c->ref, &hosts, c->root, r);
	if ((int)r->kind != c->kind || (c->path != NULL && strcmp(r->path, c->path) != 0))
		print_error("ref \"%s\" (base %s): kind %d path \"%s\", want %d \"%s\"\n",
		            c->ref, c->base ? c->base : "-", (int)r->kind, r->path,
		            c->kind, c->path ? c->path : "?");
	assert_int_equal(r->kind, c->kind);
	if (c->path != NULL)
		assert_string_equal(r->path, c->path);
	if (c->kind == X) {
		assert_non_null(r->reason);
		return;
	}
	assert_null(r->reason);
	assert_int_equal(r->is_dir, c->is_dir);
	assert_int_equal(r->has_query, c->query != NULL);
	assert_string_equal(r->query, c->query ? c->query : "");
	assert_int_equal(r->has_fragment, c->frag != NULL);
	assert_string_equal(r->fragment, c->frag ? c->frag : "");
	assert_string_equal(r->host, c->host);
}

static void
test_resolve_table(void **state)
{
	(void)state;
	struct sl_url_ref *r = malloc(sizeof *r);
	assert_non_null(r);
	size_t n = sizeof cases / sizeof cases[0];
	assert_true(n >= 60);
	for (size_t i = 0; i < n; i++)
		check_case(&cases[i], r);
	free(r);
}

static void
test_special_scheme_names(void **state)
{
	(void)state;
	struct sl_url_ref *r = malloc(sizeof *r);
	assert_non_null(r);
	sl_url_resolve(PAGE, NULL, "MailTo:a@b.cn", NULL, NULL, r);
	assert_int_equal(r->kind, SL_URL_SPECIAL);
	assert_string_equal(r->scheme, "mailto");
	sl_url_resolve(PAGE, NULL, "HTTPS://a.cn/x", NULL, NULL, r);
	assert_int_equal(r->kind, SL_URL_EXTERNAL);
	assert_string_equal(r->scheme, "https");
	assert_string_equal(r->host, "a.cn");
	/* no hosts at all: every absolute URL leaves the site */
	sl_url_resolve(PAGE, NULL, "//www.x.gov.cn/", NULL, NULL, r);
	assert_int_equal(r->kind, SL_URL_EXTERNAL);
	assert_string_equal(r->scheme, "");
	free(r);
}

static void
test_limits(void **state)
{
	(void)state;
	struct sl_url_ref *r = malloc(sizeof *r);
	char *big = malloc(SL_URL_MAX + 2);
	assert_non_null(r);
	assert_non_null(big);

	memset(big, 'a', SL_URL_MAX + 1);
	big[SL_URL_MAX + 1] = '\0';
	sl_url_resolve(PAGE, NULL, big, NULL, NULL, r);
	assert_int_equal(r->kind, SL_URL_INVALID);
	assert_non_null(r->reason);

	big[SL_URL_MAX] = '\0';   /* exactly at the cap: accepted */
	sl_url_resolve(PAGE, NULL, big, NULL, NULL, r);
	assert_int_equal(r->kind, SL_URL_INTERNAL);
	assert_int_equal(strlen(r->path), strlen("xwzx/gzdt/") + SL_URL_MAX);

	/* a long base plus a long reference overflows the path: INVALID,
	 * never a truncated path */
	char *page = malloc(SL_URL_PATH_MAX + 1);
	assert_non_null(page);
	memset(page, 'p', SL_URL_PATH_MAX);
	page[SL_URL_PATH_MAX] = '\0';
	sl_url_resolve(page, NULL, "a.html", NULL, NULL, r);
	assert_int_equal(r->kind, SL_URL_INVALID);
	page[12000] = '\0';
	page[11000] = '/';
	sl_url_resolve(page, NULL, "a.html", NULL, NULL, r);
	assert_int_equal(r->kind, SL_URL_INTERNAL);
	assert_int_equal(strlen(r->path), 11000 + strlen("/a.html"));
	sl_url_resolve(page, NULL, big, NULL, NULL, r);
	assert_int_equal(r->kind, SL_URL_INVALID);
	assert_string_equal(r->path, "");

	/* many escapes: every byte decoded, nothing overflows */
	for (size_t i = 0; i + 3 <= SL_URL_MAX; i += 3)
		memcpy(big + i, "%D6", 3);
	big[SL_URL_MAX / 3 * 3] = '\0';
	sl_url_resolve(PAGE, NULL, big, NULL, NULL, r);
	assert_int_equal(r->kind, SL_URL_INTERNAL);
	free(page);
	free(big);
	free(r);
}

static void
test_site_hosts(void **state)
{
	(void)state;
	struct sl_site_hosts h;
	sl_site_hosts_init(&h);
	assert_false(sl_site_hosts_match(&h, "www.x.gov.cn"));
	assert_false(sl_site_hosts_match(NULL, "www.x.gov.cn"));
	assert_true(sl_site_hosts_add(&h, "http://WWW.X.gov.cn./index.html"));
	assert_true(sl_site_hosts_add(&h, "x.gov.cn:80"));   /* same host */
	assert_int_equal(h.count, 1);
	assert_true(sl_site_hosts_match(&h, "x.gov.cn"));
	assert_true(sl_site_hosts_match(&h, "WWW.X.GOV.CN"));
	assert_true(sl_site_hosts_match(&h, "www.x.gov.cn:443"));
	assert_true(sl_site_hosts_match(&h, "https://x.gov.cn/a"));
	assert_true(sl_site_hosts_match(&h, "x.gov.cn."));
	assert_false(sl_site_hosts_match(&h, "x.gov.cn:8080"));
	assert_false(sl_site_hosts_match(&h, "y.x.gov.cn"));
	assert_false(sl_site_hosts_match(&h, "wwwx.gov.cn"));
	assert_false(sl_site_hosts_match(&h, ""));
	assert_false(sl_site_hosts_add(&h, ""));
	assert_false(sl_site_hosts_add(&h, "http://"));
	assert_false(sl_site_hosts_add(&h, "a b.cn"));
	assert_true(sl_site_hosts_add(&h, "x.gov.cn:8080"));
	assert_true(sl_site_hosts_match(&h, "www.x.gov.cn:8080"));
	/* full */
	char name[32];
	for (int i = 0; h.count < SL_SITE_HOSTS_MAX; i++) {
		snprintf(name, sizeof name, "h%d.cn", i);
		assert_true(sl_site_hosts_add(&h, name));
	}
	assert_false(sl_site_hosts_add(&h, "one-too-many.cn"));
	assert_true(sl_site_hosts_add(&h, "www.x.gov.cn"));   /* present */
}

struct seen {
	char list[8][64];
	int n;
	int stop_at;   /* index at which to answer "found", or -1 */
};

static bool
collect(void *ctx, const char *member)
{
	struct seen *s = ctx;
	assert_true(s->n < 8);
	snprintf(s->list[s->n], sizeof s->list[0], "%s", member);
	return s->n++ == s->stop_at;
}

static void
test_candidates(void **state)
{
	(void)state;
	struct seen s = {.n = 0, .stop_at = -1};
	assert_false(sl_url_candidates("a/b.html", false, collect, &s));
	assert_int_equal(s.n, 1);
	assert_string_equal(s.list[0], "a/b.html");

	s = (struct seen){.n = 0, .stop_at = -1};
	assert_false(sl_url_candidates("xxgk", false, collect, &s));
	assert_int_equal(s.n, 6);
	assert_string_equal(s.list[0], "xxgk");
	assert_string_equal(s.list[1], "xxgk/index.html");
	assert_string_equal(s.list[2], "xxgk/index.htm");
	assert_string_equal(s.list[3], "xxgk/index.shtml");
	assert_string_equal(s.list[4], "xxgk/default.html");
	assert_string_equal(s.list[5], "xxgk/default.htm");

	s = (struct seen){.n = 0, .stop_at = -1};
	assert_false(sl_url_candidates("v1.2", true, collect, &s));
	assert_int_equal(s.n, 5);
	assert_string_equal(s.list[0], "v1.2/index.html");

	s = (struct seen){.n = 0, .stop_at = 2};
	assert_true(sl_url_candidates("", false, collect, &s));
	assert_int_equal(s.n, 3);
	assert_string_equal(s.list[0], "index.html");
	assert_string_equal(s.list[2], "index.shtml");

	s = (struct seen){.n = 0, .stop_at = 0};
	assert_true(sl_url_candidates("xxgk", false, collect, &s));
	assert_int_equal(s.n, 1);

	int count = 0;
	for (const char *const *p = sl_url_index_names; *p != NULL; p++)
		count++;
	assert_int_equal(count, 5);
}

/* Joins every URL the srcset cutter finds with '|'. */
static void
srcset_all(const char *s, char *out, size_t cap)
{
	size_t pos = 0, start, len, o = 0;
	out[0] = '\0';
	int guard = 0;
	while (sl_url_srcset_next(s, &pos, &start, &len)) {
		assert_true(++guard < 100);
		int k = snprintf(out + o, cap - o, "%s%.*s", o ? "|" : "", (int)len, s + start);
		assert_true(k >= 0 && (size_t)k < cap - o);
		o += (size_t)k;
	}
}

static void
test_srcset(void **state)
{
	(void)state;
	static const struct { const char *in, *want; } t[] = {
		{"a.jpg", "a.jpg"},
		{"a.jpg 1x, b.jpg 2x", "a.jpg|b.jpg"},
		{"  a.jpg   480w ,b.jpg 800w  ", "a.jpg|b.jpg"},
		{"a.jpg,b.jpg", "a.jpg,b.jpg"},       /* comma inside a URL */
		{"a.jpg, b.jpg", "a.jpg|b.jpg"},      /* trailing comma ends it */
		{"a,b.jpg 1x,c.jpg 2x", "a,b.jpg|c.jpg"},
		{"data:image/png;base64,iVBORw0K 1x, /b.png 2x",
		 "data:image/png;base64,iVBORw0K|/b.png"},
		{"a.jpg (x, y) 1x, b.jpg", "a.jpg|b.jpg"},  /* comma in parens */
		{",,, a.jpg,,, ", "a.jpg"},
		{"", ""},
		{" , ", ""},
		{"中文.jpg 1x,\t附件.png 2x", "中文.jpg|附件.png"},
	};
	char out[256];
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		srcset_all(t[i].in, out, sizeof out);
		assert_string_equal(out, t[i].want);
	}
}

static void
test_refresh(void **state)
{
	(void)state;
	static const struct { const char *in, *want; } t[] = {
		{"5; url='x.html'", "x.html"},
		{"0;URL=x.html", "x.html"},
		{"3, x.html", "x.html"},
		{"0; url = \"a b.html\" ", "a b.html"},
		{"0;url='a.html'junk", "a.html"},
		{"  1.5 ; Url=http://www.x.gov.cn/ ", "http://www.x.gov.cn/"},
		{".5;url=y.html", "y.html"},
		{"0 url=z.html", "z.html"},
		{"0;'q.html'", "q.html"},
		{"0; urlx.html", "urlx.html"},       /* jump to parse */
		{"0; u'a.html'", "u'a.html'"},
		{"0;url='unterminated.html", "unterminated.html"},
		{"5", NULL},
		{"5;", NULL},
		{"0; url=", NULL},
		{"0; url=''", NULL},
		{"", NULL},
		{"abc; url=x.html", NULL},
		{"5x; url=x.html", NULL},
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		size_t start = 99, len = 99;
		bool ok = sl_url_refresh_target(t[i].in, &start, &len);
		if (t[i].want == NULL) {
			assert_false(ok);
			continue;
		}
		assert_true(ok);
		assert_int_equal(len, strlen(t[i].want));
		assert_memory_equal(t[i].in + start, t[i].want, len);
	}
}

static void
css_all(const char *css, char *out, size_t cap)
{
	size_t pos = 0, start, len, o = 0, n = strlen(css);
	out[0] = '\0';
	int guard = 0;
	while (sl_url_css_next(css, n, &pos, &start, &len)) {
		assert_true(++guard < 100);
		assert_true(start + len <= n);
		int k = snprintf(out + o, cap - o, "%s%.*s", o ? "|" : "", (int)len, css + start);
		assert_true(k >= 0 && (size_t)k < cap - o);
		o += (size_t)k;
	}
	assert_int_equal(pos, n);
}

static void
test_css(void **state)
{
	(void)state;
	static const struct { const char *in, *want; } t[] = {
		{"background:url(a.png)", "a.png"},
		{"background: URL( 'b.png' ) no-repeat", "b.png"},
		{"x{background:url(\"c d.png\")}", "c d.png"},
		{"url(\"a'b.png\") url('a\"b.png')", "a'b.png|a\"b.png"},
		{"/* url(no.png) */ url(yes.png)", "yes.png"},
		{"content:\"url(no.png)\"; b:url(yes.png)", "yes.png"},
		{"@import \"s.css\"; @import 't.css' screen;", "s.css|t.css"},
		{"@IMPORT url(u.css);", "u.css"},
		{"@import /* c */ 'v.css';", "v.css"},
		{"myurl(no.png) -url(no2.png) url(ok.png)", "ok.png"},
		{"url() url('') url( )", ""},
		{"url(a b.png) url(c.png)", "c.png"},      /* bad URL skipped */
		{"url(a\"b.png) url(d.png)", "d.png"},
		{"src:url(f.woff2) format('woff2'),url(g.woff)", "f.woff2|g.woff"},
		{"url('x.png' ) url(y.png", "x.png|y.png"},
		{"url('unclosed", "unclosed"},
		{"url('bad\nstring') url(z.png)", "z.png"},
		{"url(data:image/png;base64,AA==)", "data:image/png;base64,AA=="},
		{"/* unterminated url(no.png)", ""},
		{"@import", ""},
		{"url(", ""},
		{"", ""},
	};
	char out[256];
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		css_all(t[i].in, out, sizeof out);
		if (strcmp(out, t[i].want) != 0)
			print_error("css \"%s\": got \"%s\"\n", t[i].in, out);
		assert_string_equal(out, t[i].want);
	}
	/* the length bounds the scan: no read past LEN */
	const char *s = "url(a.png)url(b.png)";
	size_t pos = 0, start, len;
	assert_true(sl_url_css_next(s, 10, &pos, &start, &len));
	assert_int_equal(start, 4);
	assert_int_equal(len, 5);
	assert_false(sl_url_css_next(s, 10, &pos, &start, &len));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_resolve_table),
		cmocka_unit_test(test_special_scheme_names),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_site_hosts),
		cmocka_unit_test(test_candidates),
		cmocka_unit_test(test_srcset),
		cmocka_unit_test(test_refresh),
		cmocka_unit_test(test_css),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
