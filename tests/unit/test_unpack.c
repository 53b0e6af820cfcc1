/* Unit tests for unpack.c: members written under DIR, nothing else. */
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

#include "unpack.h"

static char dir[64];

static int
setup(void **st)
{
	(void)st;
	snprintf(dir, sizeof dir, "/tmp/sitelint-up-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int
teardown(void **st)
{
	(void)st;
	char *p = sl_aprintf("rm -rf '%s'", dir);
	int rc = system(p);
	free(p);
	return rc == 0 ? 0 : -1;
}

static void
member(struct sl_member *m, const char *path, const char *data)
{
	memset(m, 0, sizeof *m);
	m->path = strdup(path);
	m->data = (unsigned char *)strdup(data);
	m->len = strlen(data);
	m->mtime = 1700000000;
}

static void
test_write(void **st)
{
	(void)st;
	char *out = sl_aprintf("%s/out/deeper", dir);
	struct sl_unpack *u;
	struct sl_err err;
	assert_int_equal(sl_unpack_new(out, &u, &err), SL_OK);
	struct sl_member m;
	member(&m, "xwzx/中文 页.html", "<p>页</p>");
	sl_unpack_member(u, &m);
	sl_member_clear(&m);
	member(&m, "empty.doc", "");
	sl_unpack_member(u, &m);
	sl_member_clear(&m);
	/* Names the reader never yields are refused here too. */
	static const char *const bad[] = { "../evil.html", "/etc/evil", "a/./b", "a//b", "" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		member(&m, bad[i], "x");
		sl_unpack_member(u, &m);
		sl_member_clear(&m);
	}
	const char *first;
	assert_int_equal(sl_unpack_written(u), 2);
	assert_int_equal(sl_unpack_failed(u, &first), 5);
	assert_non_null(strstr(first, "../evil.html"));
	sl_unpack_free(u);
	char *p = sl_aprintf("%s/xwzx/中文 页.html", out);
	struct stat sb;
	assert_int_equal(stat(p, &sb), 0);
	assert_int_equal(sb.st_size, strlen("<p>页</p>"));
	assert_int_equal(sb.st_mtime, 1700000000);
	assert_int_equal(sb.st_mode & 0777, 0644);
	free(p);
	p = sl_aprintf("%s/out/evil.html", dir);
	assert_int_not_equal(stat(p, &sb), 0);
	free(p);
	free(out);
}

static void
test_symlink_refused(void **st)
{
	(void)st;
	char *out = sl_aprintf("%s/sym", dir), *victim = sl_aprintf("%s/victim", dir);
	char *link = sl_aprintf("%s/sym/sub", dir);
	mkdir(out, 0755);
	mkdir(victim, 0755);
	assert_int_equal(symlink(victim, link), 0);
	struct sl_unpack *u;
	struct sl_err err;
	assert_int_equal(sl_unpack_new(out, &u, &err), SL_OK);
	struct sl_member m;
	member(&m, "sub/x.html", "x");
	sl_unpack_member(u, &m);
	sl_member_clear(&m);
	assert_int_equal(sl_unpack_written(u), 0);
	assert_int_equal(sl_unpack_failed(u, NULL), 1);
	sl_unpack_free(u);
	char *p = sl_aprintf("%s/x.html", victim);
	struct stat sb;
	assert_int_not_equal(stat(p, &sb), 0);
	free(p);
	free(link);
	free(victim);
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_write),
		cmocka_unit_test(test_symlink_refused),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
