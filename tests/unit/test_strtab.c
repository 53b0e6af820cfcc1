/*
 * test_strtab.c - interned strings, and the site model that keeps its
 * docs' link, meta and anchor strings in one table (site.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "site.h"
#include "strtab.h"
#include "util.h"

static void
test_same_string_same_copy(void **state)
{
	(void)state;
	struct sl_strtab *t = sl_strtab_new();
	char a[] = "/xwzx/gzdt/", b[] = "/xwzx/gzdt/";
	char *x = sl_strtab_intern(t, a);
	char *y = sl_strtab_intern(t, b);
	assert_ptr_equal(x, y);
	assert_ptr_not_equal(x, a);
	assert_string_equal(x, "/xwzx/gzdt/");
	assert_ptr_not_equal(sl_strtab_intern(t, "/xwzx/"), x);
	assert_int_equal(sl_strtab_count(t), 2);
	assert_int_equal(sl_strtab_bytes(t), strlen(a) + 1 + strlen("/xwzx/") + 1);
	/* The empty string is a string like any other. */
	assert_string_equal(sl_strtab_intern(t, ""), "");
	assert_ptr_equal(sl_strtab_intern(t, ""), sl_strtab_intern(t, ""));
	sl_strtab_free(t);
	sl_strtab_free(NULL);
}

/* Many strings (the table grows, blocks fill), some large (a block of
 * their own): every copy stays where it was and keeps its bytes. */
static void
test_growth_keeps_copies(void **state)
{
	(void)state;
	enum { N = 50000 };
	struct sl_strtab *t = sl_strtab_new();
	char **first = calloc(N, sizeof *first);
	char *large = malloc(40000);
	assert_non_null(first);
	assert_non_null(large);
	memset(large, 'x', 39999);
	large[39999] = '\0';
	for (int i = 0; i < N; i++) {
		char s[64];
		snprintf(s, sizeof s, "/col%d/t2026_%d.html", i % 97, i);
		first[i] = sl_strtab_intern(t, s);
		if (i % 5000 == 0) {
			large[i / 5000] = 'y';   /* a different large string each time */
			assert_string_equal(sl_strtab_intern(t, large), large);
		}
	}
	for (int i = 0; i < N; i++) {
		char s[64];
		snprintf(s, sizeof s, "/col%d/t2026_%d.html", i % 97, i);
		assert_string_equal(first[i], s);
		assert_ptr_equal(sl_strtab_intern(t, s), first[i]);
	}
	assert_int_equal(sl_strtab_count(t), N + 10);
	sl_strtab_free(t);
	free(first);
	free(large);
}

/* A doc as analyse.c makes it: every string its own allocation. */
static struct sl_doc *
make_doc(const char *path, const char *nav_url)
{
	struct sl_doc *d = sl_calloc(1, sizeof *d);
	d->path = sl_strdup(path);
	d->is_html = true;
	d->nlinks = 2;
	d->link_recs = sl_calloc(2, sizeof *d->link_recs);
	d->link_recs[0].url = sl_strdup(nav_url);
	d->link_recs[0].text = sl_strdup("新闻中心");
	d->link_recs[0].span.start.line = 3;
	d->link_recs[1].url = sl_strdup(path);
	d->link_recs[1].text = NULL;
	d->link_recs[1].span.start.line = 9;
	d->nmetas = 1;
	d->metas = sl_calloc(1, sizeof *d->metas);
	d->metas[0].name = sl_strdup("SiteName");
	d->metas[0].content = sl_strdup("沧岚县人民政府");
	d->nanchors = 1;
	d->anchors = sl_calloc(1, sizeof *d->anchors);
	d->anchors[0] = sl_strdup("nav");
	return d;
}

/* The site keeps one copy of what its pages share; readers see the same
 * strings as before; freeing frees each once (valgrind and ASan check). */
static void
test_site_interns_doc_strings(void **state)
{
	(void)state;
	struct sl_site site;
	sl_site_init(&site);
	assert_true(sl_site_add(&site, make_doc("a.html", "/xwzx/")));
	assert_true(sl_site_add(&site, make_doc("b.html", "/xwzx/")));
	struct sl_doc *moved = make_doc("m.html", "/xwzx/");
	moved->link_recs[0].span.start.line = 4;   /* same link, elsewhere */
	assert_true(sl_site_add(&site, moved));
	/* A duplicate path is refused and freed before anything is kept. */
	assert_false(sl_site_add(&site, make_doc("a.html", "/other/")));
	sl_site_seal(&site);
	const struct sl_doc *a = sl_site_find(&site, "a.html");
	const struct sl_doc *b = sl_site_find(&site, "b.html");
	assert_non_null(a);
	assert_non_null(b);
	assert_true(a->interned);
	assert_string_equal(a->links[0]->url, "/xwzx/");
	assert_ptr_equal(a->links[0]->url, b->links[0]->url);
	assert_ptr_equal(a->links[0]->text, b->links[0]->text);
	/* The same link at the same place is one record of the site's. */
	assert_ptr_equal(a->links[0], b->links[0]);
	assert_null(a->link_recs);
	assert_int_equal(a->links[0]->span.start.line, 3);
	assert_null(a->links[1]->text);
	assert_string_equal(a->links[1]->url, "a.html");
	assert_string_equal(b->links[1]->url, "b.html");
	assert_ptr_not_equal(a->links[1], b->links[1]);
	assert_int_equal(b->links[1]->span.start.line, 9);
	const struct sl_doc *m = sl_site_find(&site, "m.html");
	assert_ptr_not_equal(m->links[0], a->links[0]);
	assert_ptr_equal(m->links[0]->url, a->links[0]->url);
	assert_int_equal(m->links[0]->span.start.line, 4);
	assert_ptr_equal(a->metas[0].content, b->metas[0].content);
	assert_non_null(sl_doc_meta(b, "sitename"));
	assert_true(sl_doc_has_anchor(a, "nav"));
	assert_false(sl_doc_has_anchor(a, "zoom"));
	assert_ptr_equal(a->anchors[0], b->anchors[0]);
	sl_site_free(&site);
	/* A doc never added to a site owns its strings. */
	sl_doc_free(make_doc("c.html", "/xxgk/"));
	sl_doc_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_string_same_copy),
		cmocka_unit_test(test_growth_keeps_copies),
		cmocka_unit_test(test_site_interns_doc_strings),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
