/* Unit tests for overlay.c: where a page belongs in its root, its text
 * laid over the member, only its findings kept. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "overlay.h"

static char root[64];

static int
setup(void **st)
{
	(void)st;
	snprintf(root, sizeof root, "/tmp/sitelint-ov-XXXXXX");
	if (mkdtemp(root) == NULL)
		return -1;
	char *p = sl_aprintf("%s/sub", root);
	mkdir(p, 0755);
	free(p);
	p = sl_aprintf("%s/sub/a.html", root);
	FILE *f = fopen(p, "w");
	fputs("<title>disk</title>", f);
	fclose(f);
	free(p);
	return 0;
}

static int
teardown(void **st)
{
	(void)st;
	char *p = sl_aprintf("rm -rf '%s'", root);
	int rc = system(p);
	free(p);
	return rc == 0 ? 0 : -1;
}

static char *
member_of(const char *page, const char *stdin_name, FILE *in)
{
	struct sl_overlay *ov;
	struct sl_err err;
	if (sl_overlay_open(root, page, stdin_name, in, 0, &ov, &err) != SL_OK)
		return NULL;
	char *m = strdup(sl_overlay_path(ov));
	sl_overlay_free(ov);
	return m;
}

static void
test_locate(void **st)
{
	(void)st;
	char *page = sl_aprintf("%s/sub/../sub/a.html", root);
	char *m = member_of(page, NULL, NULL);
	assert_string_equal(m, "sub/a.html");          /* by its folder's real path */
	free(m);
	free(page);
	char text[] = "<p>x</p>";
	FILE *in = fmemopen(text, 8, "r");
	char *name = sl_aprintf("%s/new/b.html", root);   /* a folder that does not exist */
	m = member_of("-", name, in);
	assert_string_equal(m, "new/b.html");
	free(m);
	free(name);
	rewind(in);
	m = member_of("-", "sub/c.html", in);             /* relative to the root */
	assert_string_equal(m, "sub/c.html");
	free(m);
	fclose(in);
	/* Outside the root, no name for standard input, not a directory. */
	assert_null(member_of("/etc/hostname", NULL, NULL));
	struct sl_overlay *ov;
	struct sl_err err;
	assert_int_equal(sl_overlay_open(root, "-", NULL, stdin, 0, &ov, &err), SL_ERR_USAGE);
	assert_int_equal(sl_overlay_open("/etc/hostname", "x.html", NULL, NULL, 0, &ov, &err),
	                 SL_ERR_USAGE);
}

static void
test_take_and_finish(void **st)
{
	(void)st;
	char text[] = "<title>buffer</title>";
	FILE *in = fmemopen(text, 21, "r");
	struct sl_overlay *ov;
	struct sl_err err;
	assert_int_equal(sl_overlay_open(root, "-", "sub/a.html", in, 0, &ov, &err), SL_OK);
	fclose(in);
	struct sl_member other = { 0 }, page = { 0 };
	other.path = strdup("index.html");
	other.data = (unsigned char *)strdup("x");
	other.len = 1;
	page.path = strdup("sub/a.html");
	page.data = (unsigned char *)strdup("<title>disk</title>");
	page.len = 19;
	assert_false(sl_overlay_take(ov, &other));
	assert_true(sl_overlay_take(ov, &page));
	assert_int_equal(page.len, 21);
	assert_memory_equal(page.data, "<title>buffer</title>", 21);
	assert_null(sl_overlay_missing(ov));               /* the root held it */
	struct sl_report r;
	memset(&r, 0, sizeof r);
	r.display = strdup("root/");
	const char *args[] = { "x", "" };
	struct sl_span sp = { { 1, 1, 1, 1 }, { 1, 2, 2, 2 } };
	sl_diags_add(&r.diags, SL_LANG_EN, "index.html", &sp, SL_R_LINKS_BROKEN, NULL, args, 2);
	sl_diags_add(&r.diags, SL_LANG_EN, "sub/a.html", &sp, SL_R_LINKS_BROKEN, NULL, args, 2);
	sl_diags_add(&r.diags, SL_LANG_EN, "", NULL, SL_R_SNAPSHOT_LIMIT, NULL, args, 1);
	sl_overlay_finish(ov, &r, true);
	assert_int_equal(r.diags.n, 1);
	assert_string_equal(r.diags.v[0].file, "sub/a.html");
	assert_string_equal(r.diags.v[0].excerpt, "<title>buffer</title>");
	assert_int_equal(r.rule_counts[SL_R_LINKS_BROKEN], 1);
	assert_int_equal(r.stats.by_severity[SL_SEV_WARNING], 1);
	assert_true(r.single_page);
	assert_string_equal(r.display, "sub/a.html");
	sl_report_free(&r);
	sl_member_clear(&other);
	sl_member_clear(&page);
	sl_overlay_free(ov);
}

static void
test_new_page(void **st)
{
	(void)st;
	char text[] = "<p>new</p>";
	FILE *in = fmemopen(text, 10, "r");
	struct sl_overlay *ov;
	struct sl_err err;
	assert_int_equal(sl_overlay_open(root, "-", "sub/new.html", in, 0, &ov, &err), SL_OK);
	fclose(in);
	struct sl_member *m = sl_overlay_missing(ov);
	assert_non_null(m);
	assert_string_equal(m->path, "sub/new.html");
	assert_int_equal(m->len, 10);
	assert_null(sl_overlay_missing(ov));               /* only once */
	sl_member_clear(m);
	free(m);
	sl_overlay_free(ov);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_locate),
		cmocka_unit_test(test_take_and_finish),
		cmocka_unit_test(test_new_page),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
