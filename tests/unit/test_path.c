/*
 * test_path.c - member name normalization, legacy (GBK) names and the
 * URL to member path mapping.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "snapshot_impl.h"

struct norm_case {
	const char *in;
	const char *out;   /* NULL: refused */
};

static void
test_normalize(void **state)
{
	(void)state;
	static const struct norm_case cases[] = {
		{ "a.html", "a.html" },
		{ "dir/a.html", "dir/a.html" },
		{ "./dir//a.html", "dir/a.html" },
		{ "dir/./sub/../a.html", "dir/a.html" },
		{ "a/../b", "b" },
		{ "dir\\sub\\a.html", "dir/sub/a.html" },
		{ "dir/", "dir" },
		{ "\xe9\x80\x9a\xe7\x9f\xa5/a.html", "\xe9\x80\x9a\xe7\x9f\xa5/a.html" },
		{ "..a/b..", "..a/b.." },
		{ "...", "..." },
		{ "C", "C" },
		{ "dir/C:x", "dir/C:x" },
		{ "../evil", NULL },
		{ "a/../../x", NULL },
		{ "a\\..\\..\\x", NULL },
		{ "/etc/passwd", NULL },
		{ "\\\\server\\share\\x", NULL },
		{ "C:/windows/x", NULL },
		{ "c:x", NULL },
		{ "", NULL },
		{ ".", NULL },
		{ "a/..", NULL },
		{ "./", NULL },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *why = NULL;
		char *got = sl_path_normalize(cases[i].in, &why);
		if (cases[i].out == NULL) {
			if (got != NULL)
				fail_msg("'%s' should be refused, got '%s'", cases[i].in, got);
			assert_non_null(why);
		} else {
			if (got == NULL)
				fail_msg("'%s' refused: %s", cases[i].in, why);
			assert_string_equal(got, cases[i].out);
		}
		free(got);
	}
	assert_null(sl_path_normalize(NULL, NULL));
}

static void
test_normalize_long(void **state)
{
	(void)state;
	char *name = malloc(SL_SNAPSHOT_NAME_MAX + 2);
	memset(name, 'a', SL_SNAPSHOT_NAME_MAX + 1);
	name[SL_SNAPSHOT_NAME_MAX + 1] = '\0';
	const char *why = NULL;
	assert_null(sl_path_normalize(name, &why));
	assert_non_null(why);
	name[SL_SNAPSHOT_NAME_MAX] = '\0';
	char *ok = sl_path_normalize(name, &why);
	assert_non_null(ok);
	assert_int_equal(strlen(ok), SL_SNAPSHOT_NAME_MAX);
	free(ok);
	free(name);
}

static void
test_to_utf8(void **state)
{
	(void)state;
	/* 通知.html in UTF-8 passes through; in GBK it is converted. */
	const char *utf8 = "\xe9\x80\x9a\xe7\x9f\xa5.html";
	const char *gbk = "\xcd\xa8\xd6\xaa.html";
	char *a = sl_path_to_utf8(utf8, strlen(utf8));
	char *b = sl_path_to_utf8(gbk, strlen(gbk));
	assert_string_equal(a, utf8);
	assert_string_equal(b, utf8);
	free(a);
	free(b);
	/* GBK that is not UTF-8 by chance: 啊 is B0 A1. */
	a = sl_path_to_utf8("\xb0\xa1", 2);
	assert_string_equal(a, "\xe5\x95\x8a");
	free(a);
	/* Latin letters stay UTF-8 although C3 A9 is also GBK. */
	a = sl_path_to_utf8("caf\xc3\xa9.html", 10);
	assert_string_equal(a, "caf\xc3\xa9.html");
	free(a);
	/* Real UTF-8 CJK (3-byte sequences) is never reinterpreted. */
	a = sl_path_to_utf8("\xe5\x95\x8a", 3);
	assert_string_equal(a, "\xe5\x95\x8a");
	free(a);
	/* 0xFF is no GBK lead byte and no UTF-8: refused. */
	assert_null(sl_path_to_utf8("\xff\xfe.html", 7));
	assert_true(sl_path_is_utf8("abc", 3));
	assert_true(sl_path_is_utf8("\xef\xbf\xbd", 3));   /* a real U+FFFD */
	assert_false(sl_path_is_utf8("\xc0\xaf", 2));       /* overlong '/' */
	assert_false(sl_path_is_utf8("\xe9\x80", 2));       /* cut short */
}

struct url_case {
	const char *url;
	const char *path;   /* NULL: cannot be mapped */
	size_t host_len;
};

static void
test_from_url(void **state)
{
	(void)state;
	static const struct url_case cases[] = {
		{ "http://www.gov.cn/", "www.gov.cn/index.html", 10 },
		{ "http://www.gov.cn", "www.gov.cn/index.html", 10 },
		{ "http://www.gov.cn/dir/", "www.gov.cn/dir/index.html", 10 },
		{ "http://www.gov.cn/a/b.html?x=1&y=2#frag", "www.gov.cn/a/b.html", 10 },
		{ "http://www.gov.cn?x=1", "www.gov.cn/index.html", 10 },
		{ "HTTP://WWW.Gov.CN:80/A.html", "www.gov.cn/A.html", 10 },
		{ "https://h.cn:443/x", "h.cn/x", 4 },
		{ "http://h.cn:8080/x", "h.cn:8080/x", 9 },
		{ "https://h.cn:80/x", "h.cn:80/x", 7 },
		{ "http://user:pw@h.cn/x", "h.cn/x", 4 },
		{ "http://h.cn/%E9%80%9A%E7%9F%A5.html", "h.cn/\xe9\x80\x9a\xe7\x9f\xa5.html", 4 },
		{ "http://h.cn/a%20b.html", "h.cn/a b.html", 4 },
		/* Decoded bytes that are not UTF-8 stay encoded. */
		{ "http://h.cn/%B0%A1.html", "h.cn/%B0%A1.html", 4 },
		{ "http://h.cn/%CD%A8.html", "h.cn/\xcd\xa8.html", 4 },
		{ "http://h.cn/%zz.html", "h.cn/%zz.html", 4 },
		{ "http://h.cn/a/./b/../c.html", "h.cn/a/c.html", 4 },
		{ "http://h.cn//x.html", "h.cn/x.html", 4 },
		{ "http://[::1]:8080/x", "[::1]:8080/x", 10 },
		{ "http://h.cn/../x", NULL, 0 },
		{ "http://h.cn/%2e%2e/%2e%2e/etc/passwd", NULL, 0 },
		{ "http://h.cn/a%00b", "h.cn/a%00b", 4 },
		{ "http:///x", NULL, 0 },
		{ "http://", NULL, 0 },
		{ "dns:www.gov.cn", NULL, 0 },
		{ "ftp://h.cn/x", NULL, 0 },
		{ "metadata://gnu.org/software/wget/warc/wget.log", NULL, 0 },
		{ "http://../x", NULL, 0 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *why = NULL;
		size_t hl = 0;
		char *got = sl_path_from_url(cases[i].url, &hl, &why);
		if (cases[i].path == NULL) {
			if (got != NULL)
				fail_msg("'%s' should not map, got '%s'", cases[i].url, got);
			assert_non_null(why);
			continue;
		}
		if (got == NULL)
			fail_msg("'%s' does not map: %s", cases[i].url, why);
		assert_string_equal(got, cases[i].path);
		assert_int_equal(hl, cases[i].host_len);
		free(got);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_normalize),
		cmocka_unit_test(test_normalize_long),
		cmocka_unit_test(test_to_utf8),
		cmocka_unit_test(test_from_url),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
