/*
 * test_pii.c - unmasked ID numbers and mobile numbers in text.
 *
 * Check characters were computed by hand from ISO 7064 MOD 11-2 (weights
 * 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, remainders 0..10 map to
 * 1 0 X 9 8 7 6 5 4 3 2); 11010519491231002X is the example of GB 11643.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "pii.h"

/* Found numbers as "I:masked" or "M:masked", joined by '|'. */
static void
collect(void *ctx, const struct sl_pii_match *m)
{
	char *out = ctx;
	size_t n = strlen(out);
	snprintf(out + n, 512 - n, "%s%c:%s", n ? "|" : "",
	         m->kind == SL_PII_ID_NUMBER ? 'I' : 'M', m->masked);
}

struct pcase {
	const char *text;
	const char *want;      /* kinds and masked forms */
	const char *spans;     /* the found texts joined by '|' */
};

static void
check(const struct pcase *c)
{
	char got[512] = "";
	sl_pii_scan(c->text, strlen(c->text), collect, got);
	if (strcmp(got, c->want) != 0)
		print_error("text: %s\n got: %s\nwant: %s\n", c->text, got, c->want);
	assert_string_equal(got, c->want);
}

static const char *span_text;

static void
collect_spans(void *ctx, const struct sl_pii_match *m)
{
	char *out = ctx;
	size_t n = strlen(out);
	snprintf(out + n, 512 - n, "%s%.*s", n ? "|" : "", (int)(m->end - m->start),
	         span_text + m->start);
}

static void
check_spans(const struct pcase *c)
{
	char spans[512] = "";
	span_text = c->text;
	sl_pii_scan(c->text, strlen(c->text), collect_spans, spans);
	if (strcmp(spans, c->spans) != 0)
		print_error("text: %s\n got: %s\nwant: %s\n", c->text, spans, c->spans);
	assert_string_equal(spans, c->spans);
}

static const struct pcase cases[] = {
	/* ID numbers */
	{ "身份证号533527199004120531。", "I:53*************531", "533527199004120531" },
	{ "11010519491231002X", "I:11*************02X", "11010519491231002X" },
	{ "11010519491231002x，", "I:11*************02x", "11010519491231002x" },
	{ "１１０１０５１９４９１２３１００２Ｘ", "I:11*************02X",
	  "１１０１０５１９４９１２３１００２Ｘ" },
	{ "1101051949123100２x", "I:11*************02x", "1101051949123100２x" },
	{ "533527199004120532", "", "" },                      /* check digit */
	{ "110105194912310021", "", "" },                      /* check digit */
	{ "440304200002291236", "I:44*************236", "440304200002291236" }, /* 2000-02-29 */
	{ "440304200102291233", "", "" },                      /* 2001-02-29 */
	{ "533527189912311238", "", "" },                      /* born 1899 */
	{ "990101199001010019", "", "" },                      /* region 9 */
	{ "610101190001010012", "I:61*************012", "610101190001010012" },
	{ "5335271990041205310", "", "" },                     /* 19 digits */
	{ "1533527199004120531", "", "" },
	{ "533527199004120531a", "", "" },                     /* glued to a letter */
	{ "53352719900412053X7", "", "" },
	{ "53**************12 35*************123", "", "" },   /* masked */
	{ "P020261118563201 t20261116_4416811", "", "" },      /* CMS names */
	/* mobile numbers */
	{ "联系电话13908834265", "M:139****4265", "13908834265" },
	{ "139-0883-4265，139 0883 4265", "M:139-****-4265|M:139 **** 4265",
	  "139-0883-4265|139 0883 4265" },
	{ "１３９０８８３４２６５", "M:139****4265", "１３９０８８３４２６５" },
	{ "139－0883－4265", "M:139－****－4265", "139－0883－4265" },
	{ "139\xC2\xA0" "0883\xC2\xA0" "4265", "M:139\xC2\xA0****\xC2\xA0" "4265",
	  "139\xC2\xA0" "0883\xC2\xA0" "4265" },
	{ "+86 13908834265", "M:139****4265", "13908834265" },
	{ "12908834265 8613908834265 139088342651", "", "" },   /* 12x, 13 and 12 digits */
	{ "139-0883 4265 139-08834-265 139-0883-42651", "", "" }, /* mixed, 3-5-3, glued */
	{ "138****1234 139****4265", "", "" },                  /* masked */
	{ "0883-5212345 0883-52xxxxx 1366×768", "", "" },       /* landlines, a resolution */
	{ "13908834265x", "", "" },
	{ "", "", "" },
};

static void
test_kinds_and_masks(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		check(&cases[i]);
}

static void
test_spans(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		check_spans(&cases[i]);
}

static void
test_checksum(void **state)
{
	(void)state;
	assert_true(sl_pii_id_checksum_ok("533527199004120531"));
	assert_true(sl_pii_id_checksum_ok("11010519491231002X"));
	assert_true(sl_pii_id_checksum_ok("11010519491231002x"));
	assert_false(sl_pii_id_checksum_ok("110105194912310020"));
	assert_false(sl_pii_id_checksum_ok("1101051949123100AX"));
}

/* Invalid UTF-8 and NUL bytes never stop or confuse the scan. */
static void
test_hostile_bytes(void **state)
{
	(void)state;
	char got[512] = "";
	const char t[] = "\xFF\xEF\xBC" "13908834265\0" "13908834265\xE3";
	sl_pii_scan(t, sizeof t - 1, collect, got);
	assert_string_equal(got, "M:139****4265|M:139****4265");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kinds_and_masks),
		cmocka_unit_test(test_spans),
		cmocka_unit_test(test_checksum),
		cmocka_unit_test(test_hostile_bytes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
