/*
 * test_identifiers.c - 网站标识码, ICP备案号 and 公安机关备案号 found in text
 * and judged against a province table.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "identifiers.h"
#include "sitedata.h"

static const char provinces[] =
	"11 京 北京市\n"
	"53 滇 云 云南省\n"
	"51 川 蜀 四川省\n";

static const char *scan_text;

/* "KIND:text:well_formed" joined by '|'. */
static void
collect(void *ctx, const struct sl_ident_match *m)
{
	char *out = ctx;
	size_t n = strlen(out);
	snprintf(out + n, 1024 - n, "%s%d:%.*s:%d", n ? "|" : "", (int)m->kind,
	         (int)(m->end - m->start), scan_text + m->start, m->well_formed);
}

static void
check_scan(const char *text, const char *want)
{
	char got[1024] = "";
	scan_text = text;
	sl_ident_scan(text, strlen(text), collect, got);
	if (strcmp(got, want) != 0)
		print_error("text: %s\n got: %s\nwant: %s\n", text, got, want);
	assert_string_equal(got, want);
}

static void
test_scan(void **state)
{
	(void)state;
	/* The demo's footer, with &nbsp; decoded to U+00A0. */
	check_scan("网站标识码：5335270001\xC2\xA0\xC2\xA0滇ICP备20007153号-1\xC2\xA0"
	           "滇公网安备 53352702000117号",
	           "0:5335270001:1|1:滇ICP备20007153号-1:1|2:滇公网安备 53352702000117号:1");
	check_scan("网站标识码:bm12345678", "0:bm12345678:1");
	check_scan("网站标识码 BM12345678", "0:BM12345678:1");
	check_scan("网站标识码：533527000", "0:533527000:0");
	check_scan("网站标识码：５３３５２７０００１", "0:５３３５２７０００１:0");
	check_scan("网站标识码：", "0:网站标识码:0");
	check_scan("网站标识码：53352700011", "0:53352700011:0");
	/* Labels are not identifiers; the numbers after them are. */
	check_scan("ICP备案号：京ICP备05005020号", "1:京ICP备05005020号:1");
	check_scan("公网安备案号：京公网安备11010502030143号", "2:京公网安备11010502030143号:1");
	check_scan("ICP备案号：", "");
	/* Malformed forms. */
	check_scan("ICP备20007153号", "1:ICP备20007153号:0");
	check_scan("滇ICP备20007153", "1:滇ICP备20007153:0");
	check_scan("滇ICP备123号", "1:滇ICP备123号:0");
	check_scan("滇icp备20007153号-12。", "1:滇icp备20007153号-12:1");
	check_scan("滇ICP备2000715３号", "1:滇ICP备2000715３号:0");
	check_scan("滇公网安备 5335270200011号", "2:滇公网安备 5335270200011号:0");
	check_scan("公网安备 53352702000117号", "2:公网安备 53352702000117号:0");
	check_scan("滇公网安备53352702000117", "2:滇公网安备53352702000117:0");
	check_scan("no identifiers here: ICP, 公网, 标识码", "");
}

static void
test_sitecode_form(void **state)
{
	(void)state;
	assert_true(sl_ident_sitecode_form("5335270001"));
	assert_true(sl_ident_sitecode_form(" bm12345678 "));
	assert_true(sl_ident_sitecode_form("BM12345678"));
	assert_false(sl_ident_sitecode_form("533527000"));
	assert_false(sl_ident_sitecode_form("bm1234567"));
	assert_false(sl_ident_sitecode_form("53352700 01"));
	assert_false(sl_ident_sitecode_form("bm1234567x"));
	assert_false(sl_ident_sitecode_form(""));
}

static void
test_judge(void **state)
{
	(void)state;
	struct sl_err err = { "" };
	struct sl_sitedata *d = sl_sitedata_new();
	assert_int_equal(sl_sitedata_parse(d, SL_SD_PROVINCES, "p.txt", provinces,
	                                   strlen(provinces), &err), SL_OK);
	sl_sitedata_seal(d);
	assert_int_equal(sl_ident_judge(SL_IDENT_SITECODE, "5335270001", d, "5335270001"), SL_IDP_OK);
	assert_int_equal(sl_ident_judge(SL_IDENT_SITECODE, "5335270001", d, NULL), SL_IDP_OK);
	assert_int_equal(sl_ident_judge(SL_IDENT_SITECODE, "5335270001", d, " 5335270001 "), SL_IDP_OK);
	assert_int_equal(sl_ident_judge(SL_IDENT_SITECODE, "5335270001", d, "5335270002"), SL_IDP_META);
	assert_int_equal(sl_ident_judge(SL_IDENT_SITECODE, "4435270001", d, NULL), SL_IDP_PROVINCE);
	assert_int_equal(sl_ident_judge(SL_IDENT_SITECODE, "bm12345678", d, "BM12345678"), SL_IDP_OK);
	assert_int_equal(sl_ident_judge(SL_IDENT_SITECODE, "53352700", d, NULL), SL_IDP_FORM);
	assert_int_equal(sl_ident_judge(SL_IDENT_ICP, "滇ICP备20007153号-1", d, NULL), SL_IDP_OK);
	assert_int_equal(sl_ident_judge(SL_IDENT_ICP, "蜀ICP备20007153号", d, NULL), SL_IDP_OK);
	assert_int_equal(sl_ident_judge(SL_IDENT_ICP, "粤ICP备20007153号", d, NULL), SL_IDP_PROVINCE);
	assert_int_equal(sl_ident_judge(SL_IDENT_ICP, "ICP备20007153号", d, NULL), SL_IDP_FORM);
	assert_int_equal(sl_ident_judge(SL_IDENT_POLICE, "滇公网安备 53352702000117号", d, NULL),
	                 SL_IDP_OK);
	assert_int_equal(sl_ident_judge(SL_IDENT_POLICE, "云公网安备53352702000117号", d, NULL),
	                 SL_IDP_OK);
	assert_int_equal(sl_ident_judge(SL_IDENT_POLICE, "滇公网安备 11352702000117号", d, NULL),
	                 SL_IDP_MISMATCH);
	assert_int_equal(sl_ident_judge(SL_IDENT_POLICE, "粤公网安备 44352702000117号", d, NULL),
	                 SL_IDP_PROVINCE);
	assert_int_equal(sl_ident_judge(SL_IDENT_POLICE, "滇公网安备 533527020001号", d, NULL),
	                 SL_IDP_FORM);
	/* Without the table only the form is judged. */
	assert_int_equal(sl_ident_judge(SL_IDENT_POLICE, "粤公网安备 11352702000117号", NULL, NULL),
	                 SL_IDP_OK);
	sl_sitedata_free(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scan),
		cmocka_unit_test(test_sitecode_form),
		cmocka_unit_test(test_judge),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
