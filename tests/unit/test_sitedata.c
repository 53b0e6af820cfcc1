/*
 * test_sitedata.c - the data files of the government-site rules: their
 * syntax, errors with line and column, and the lookups.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "config.h"
#include "sitedata.h"

static sl_status
parse(struct sl_sitedata *d, enum sl_sitedata_file kind, const char *text, struct sl_err *err)
{
	return sl_sitedata_parse(d, kind, "t.txt", text, strlen(text), err);
}

static void
test_provinces(void **state)
{
	(void)state;
	struct sl_err err = { "" };
	struct sl_sitedata *d = sl_sitedata_new();
	assert_int_equal(parse(d, SL_SD_PROVINCES, "\xEF\xBB\xBF# comment\r\n"
	                       "53 滇 云 云南省   # Yunnan\r\n\n\t11\t京\t北京市\n", &err), SL_OK);
	assert_int_equal(sl_sitedata_province_of(d, 0x6EC7 /* 滇 */), 53);
	assert_int_equal(sl_sitedata_province_of(d, 0x4E91 /* 云 */), 53);
	assert_int_equal(sl_sitedata_province_of(d, 0x4EAC /* 京 */), 11);
	assert_int_equal(sl_sitedata_province_of(d, 0x7CA4 /* 粤 */), -1);
	assert_true(sl_sitedata_province_known(d, 11));
	assert_false(sl_sitedata_province_known(d, 44));
	sl_sitedata_free(d);
}

struct ecase {
	enum sl_sitedata_file kind;
	const char *text;
	const char *msg;
};

static const struct ecase errors[] = {
	{ SL_SD_PROVINCES, "53 滇\n", "t.txt:1:5: error: expected CODE ABBREVIATION... NAME" },
	{ SL_SD_PROVINCES, "5 滇 云南省\n", "t.txt:1:1: error: expected a two-digit province code (11 to 99)" },
	{ SL_SD_PROVINCES, "53 滇云 云南省\n", "t.txt:1:4: error: an abbreviation is one Chinese character" },
	{ SL_SD_PROVINCES, "53 滇 云南省\n11 滇 北京市\n", "t.txt:2:4: error: abbreviation '滇' listed twice" },
	{ SL_SD_PROVINCES, "53\xE3\x80\x80滇 云南省\n",
	  "t.txt:1:3: error: full-width or no-break space: separate fields with spaces or tabs" },
	{ SL_SD_HOSTS, "# ok\nhttp://a.gov.cn/\n",
	  "t.txt:2:1: error: 'http://a.gov.cn/' is not a host name (write it without http:// and "
	  "without a path; '*.' for every subdomain)" },
	{ SL_SD_HOSTS, "a.gov.cn b.gov.cn\n",
	  "t.txt:1:10: error: the new address must start with http:// or https://" },
	{ SL_SD_HOSTS, "a.gov.cn http://b/ note\n",
	  "t.txt:1:20: error: expected HOST [NEW-ADDRESS] (put notes after '#')" },
	{ SL_SD_HOSTS, "*.\n", "t.txt:1:1: error: '*.' is not a host name (write it without "
	  "http:// and without a path; '*.' for every subdomain)" },
	{ SL_SD_COLUMNS, "portal\n", "t.txt:1:7: error: expected PROFILES NAME [SYNONYM...]" },
	{ SL_SD_COLUMNS, "portal,county 机构职能\n",
	  "t.txt:1:8: error: unknown profile 'county' (expected portal, department, township, "
	  "a comma-separated list of them, or *)" },
	{ SL_SD_CLOSURE, "关停 停止更新\n", "t.txt:1:4: error: one phrase a line (a phrase has no blanks)" },
	{ SL_SD_CLOSURE, "关停\n\xFF\n", "t.txt:2:1: error: invalid UTF-8 (the file must be UTF-8)" },
};

static void
test_errors(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof errors / sizeof errors[0]; i++) {
		struct sl_err err = { "" };
		struct sl_sitedata *d = sl_sitedata_new();
		assert_int_equal(parse(d, errors[i].kind, errors[i].text, &err), SL_ERR_USAGE);
		if (strcmp(err.msg, errors[i].msg) != 0)
			print_error("case %zu: %s\n", i, err.msg);
		assert_string_equal(err.msg, errors[i].msg);
		sl_sitedata_free(d);
	}
}

static void
test_nul_and_long_lines(void **state)
{
	(void)state;
	struct sl_err err = { "" };
	struct sl_sitedata *d = sl_sitedata_new();
	assert_int_equal(sl_sitedata_parse(d, SL_SD_CLOSURE, "t.txt", "ab\0c\n", 5, &err),
	                 SL_ERR_USAGE);
	assert_string_equal(err.msg, "t.txt:1:3: error: NUL byte in the file");
	char *line = malloc(SL_SITEDATA_MAX_LINE + 2);
	memset(line, 'a', SL_SITEDATA_MAX_LINE + 1);
	line[SL_SITEDATA_MAX_LINE + 1] = '\0';
	assert_int_equal(parse(d, SL_SD_CLOSURE, line, &err), SL_ERR_USAGE);
	assert_non_null(strstr(err.msg, "line longer than 4096 bytes"));
	free(line);
	sl_sitedata_free(d);
}

static void
test_hosts(void **state)
{
	(void)state;
	struct sl_err err = { "" };
	struct sl_sitedata *d = sl_sitedata_new();
	assert_int_equal(parse(d, SL_SD_HOSTS,
	                       "WWW.GTZYJ.example.gov.cn http://zrzyj.example.gov.cn/ # moved\n"
	                       "zt.example.gov.cn\n"
	                       "*.old.example.gov.cn https://new.example.gov.cn/\n", &err), SL_OK);
	sl_sitedata_seal(d);
	assert_int_equal(sl_sitedata_nmoved(d), 3);
	const struct sl_moved_host *m = sl_sitedata_moved(d, "gtzyj.example.gov.cn");
	assert_non_null(m);
	assert_string_equal(m->host, "gtzyj.example.gov.cn");
	assert_string_equal(m->to, "http://zrzyj.example.gov.cn/");
	assert_non_null(sl_sitedata_moved(d, "www.gtzyj.example.gov.cn:8080"));
	assert_non_null(sl_sitedata_moved(d, "GTZYJ.example.gov.cn."));
	m = sl_sitedata_moved(d, "zt.example.gov.cn");
	assert_non_null(m);
	assert_null(m->to);
	assert_null(sl_sitedata_moved(d, "zt2.example.gov.cn"));
	assert_null(sl_sitedata_moved(d, "example.gov.cn"));
	assert_null(sl_sitedata_moved(d, "old.example.gov.cn"));
	m = sl_sitedata_moved(d, "a.b.old.example.gov.cn");
	assert_non_null(m);
	assert_string_equal(m->host, "*.old.example.gov.cn");
	assert_null(sl_sitedata_moved(d, ""));
	assert_null(sl_sitedata_moved(NULL, "zt.example.gov.cn"));
	assert_int_equal(sl_sitedata_nmoved(NULL), 0);

	char key[64];
	assert_true(sl_sitedata_host_key("WWW.A.Gov.CN.:80", key, sizeof key));
	assert_string_equal(key, "a.gov.cn");
	assert_false(sl_sitedata_host_key("www.", key, sizeof key));
	assert_true(sl_sitedata_host_matches("*.a.cn", "b.a.cn"));
	assert_false(sl_sitedata_host_matches("*.a.cn", "a.cn"));
	assert_false(sl_sitedata_host_matches("*.a.cn", "ba.cn"));
	sl_sitedata_free(d);
}

static void
test_columns_and_phrases(void **state)
{
	(void)state;
	struct sl_err err = { "" };
	struct sl_sitedata *d = sl_sitedata_new();
	assert_int_equal(parse(d, SL_SD_COLUMNS, "*  政府信息公开指南 信息公开指南\n"
	                       "portal,township 领导信息\n", &err), SL_OK);
	size_t n;
	const struct sl_required_column *c = sl_sitedata_columns(d, &n);
	assert_int_equal(n, 2);
	assert_int_equal(c[0].nnames, 2);
	assert_string_equal(c[0].names[1], "信息公开指南");
	assert_int_equal(c[0].profiles, 7);
	assert_int_equal(c[1].profiles, (1u << SL_PROFILE_PORTAL) | (1u << SL_PROFILE_TOWNSHIP));
	assert_int_equal(parse(d, SL_SD_CLOSURE, "关停\n迁移至 # comment\n", &err), SL_OK);
	const char *const *p = sl_sitedata_closure_phrases(d, &n);
	assert_int_equal(n, 2);
	assert_string_equal(p[1], "迁移至");
	sl_sitedata_free(d);
	assert_null(sl_sitedata_columns(NULL, &n));
	assert_int_equal(n, 0);
}

/* The bundled files load (the tests run from the repository root). */
static void
test_bundled(void **state)
{
	(void)state;
	struct sl_err err = { "" };
	struct sl_sitedata *d = sl_sitedata_new();
	sl_status st = sl_sitedata_load_dir(d, "dictionaries", &err);
	if (st != SL_OK)
		print_error("%s\n", err.msg);
	assert_int_equal(st, SL_OK);
	assert_int_equal(sl_sitedata_province_of(d, 0x6EC7 /* 滇 */), 53);
	assert_true(sl_sitedata_province_known(d, 65));
	size_t n;
	sl_sitedata_columns(d, &n);
	assert_true(n >= 10);
	sl_sitedata_closure_phrases(d, &n);
	assert_true(n >= 5);
	sl_sitedata_free(d);

	d = sl_sitedata_new();
	assert_int_equal(sl_sitedata_load_dir(d, "no/such/dir", &err), SL_ERR_IO);
	assert_string_equal(err.msg, "no/such/dir/provinces.txt: error: cannot read the data file");
	sl_sitedata_free(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_provinces),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_nul_and_long_lines),
		cmocka_unit_test(test_hosts),
		cmocka_unit_test(test_columns_and_phrases),
		cmocka_unit_test(test_bundled),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
