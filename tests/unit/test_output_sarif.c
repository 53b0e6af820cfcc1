/* Unit tests for output_sarif.c: fingerprints that survive moved lines,
 * column kinds, the rule list. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_read.h"
#include "lint.h"
#include "output.h"

/* A report of one snapshot "site" with one finding per LINES entry: the
 * rule RULE at LINES[i]:COL, source line EXCERPT. */
static void
make_report(struct sl_report *r, enum sl_rule_id rule, const uint32_t *lines, size_t n,
            uint32_t col, const char *excerpt)
{
	memset(r, 0, sizeof *r);
	r->path = strdup("site");
	r->display = strdup("site/");
	r->site_name = strdup("站");
	snprintf(r->as_of, sizeof r->as_of, "2026-11-27");
	r->as_of_source = "option";
	for (size_t i = 0; i < n; i++) {
		struct sl_span sp = { { lines[i], col, col + 2, col }, { lines[i], col + 4, col + 14, col + 5 } };
		const char *args[] = { "x", "" };
		struct sl_diag *d = sl_diags_add(&r->diags, SL_LANG_EN, "a b/页.html", &sp, rule,
		                                 "建立健全", args, 2);
		d->excerpt = strdup(excerpt);
		r->rule_counts[rule]++;
	}
}

/* The SARIF of R as a tree. */
static struct sl_json_value *
sarif_of(const struct sl_report *r, enum sl_column_unit unit)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct sl_output_opts o = { SL_FMT_SARIF, SL_LANG_EN, unit, false, false };
	sl_output_sarif(f, r, 1, &o);
	fclose(f);
	struct sl_json_value *v = NULL;
	struct sl_err err;
	assert_int_equal(sl_json_read(buf, len, &v, &err), SL_OK);
	free(buf);
	return v;
}

static const struct sl_json_value *
run0(const struct sl_json_value *v)
{
	return &sl_json_get(v, "runs")->items[0];
}

static const char *
fingerprint(const struct sl_json_value *v, size_t i)
{
	const struct sl_json_value *res = &sl_json_get(run0(v), "results")->items[i];
	return sl_json_str(sl_json_get(sl_json_get(res, "partialFingerprints"), "sitelint/v1"));
}

static void
test_fingerprints(void **st)
{
	(void)st;
	struct sl_report a, b, c;
	uint32_t la[] = { 10, 12 }, lb[] = { 40, 45 };
	make_report(&a, SL_R_TEXT_TYPO, la, 2, 5, "<p>要建立建全制度。</p>");
	/* The same lines moved down and re-indented: the same fingerprints. */
	make_report(&b, SL_R_TEXT_TYPO, lb, 2, 9, "    <p>要建立建全制度。</p>");
	/* Another line content: other fingerprints. */
	make_report(&c, SL_R_TEXT_TYPO, la, 2, 5, "<p>要建立建全机制。</p>");
	struct sl_json_value *va = sarif_of(&a, SL_COL_CHAR), *vb = sarif_of(&b, SL_COL_CHAR);
	struct sl_json_value *vc = sarif_of(&c, SL_COL_CHAR);
	assert_string_equal(fingerprint(va, 0), fingerprint(vb, 0));
	assert_string_equal(fingerprint(va, 1), fingerprint(vb, 1));
	assert_string_not_equal(fingerprint(va, 0), fingerprint(va, 1));   /* :1 and :2 */
	assert_non_null(strstr(fingerprint(va, 1), ":2"));
	assert_string_not_equal(fingerprint(va, 0), fingerprint(vc, 0));
	sl_json_value_free(va);
	sl_json_value_free(vb);
	sl_json_value_free(vc);
	sl_report_free(&a);
	sl_report_free(&b);
	sl_report_free(&c);
}

static void
test_units_and_rules(void **st)
{
	(void)st;
	struct sl_report r;
	uint32_t l[] = { 3 };
	make_report(&r, SL_R_LINKS_BROKEN, l, 1, 7, "<a href=\"x\">");
	static const struct { enum sl_column_unit u; const char *kind; int start; } t[] = {
		{ SL_COL_CHAR, "unicodeCodePoints", 7 }, { SL_COL_UTF16, "utf16CodeUnits", 7 },
		{ SL_COL_BYTE, "unicodeCodePoints", 7 },
	};
	for (size_t i = 0; i < 3; i++) {
		struct sl_json_value *v = sarif_of(&r, t[i].u);
		const struct sl_json_value *run = run0(v);
		assert_string_equal(sl_json_str(sl_json_get(run, "columnKind")), t[i].kind);
		const struct sl_json_value *res = &sl_json_get(run, "results")->items[0];
		const struct sl_json_value *loc = &sl_json_get(res, "locations")->items[0];
		const struct sl_json_value *phys = sl_json_get(loc, "physicalLocation");
		const struct sl_json_value *reg = sl_json_get(phys, "region");
		assert_true(sl_json_num(sl_json_get(reg, "startColumn"), 0) == t[i].start);
		double end = sl_json_num(sl_json_get(reg, "endColumn"), 0);
		assert_true(end == (t[i].u == SL_COL_UTF16 ? 12 : 11));
		/* Byte columns travel in the region's property bag. */
		const struct sl_json_value *bag = sl_json_get(reg, "properties");
		assert_true((bag != NULL) == (t[i].u == SL_COL_BYTE));
		if (bag != NULL)
			assert_true(sl_json_num(sl_json_get(bag, "byteStartColumn"), 0) == 9);
		/* The URI is percent-encoded, relative to SNAPSHOT. */
		const struct sl_json_value *art = sl_json_get(phys, "artifactLocation");
		assert_string_equal(sl_json_str(sl_json_get(art, "uri")), "a%20b/%E9%A1%B5.html");
		assert_string_equal(sl_json_str(sl_json_get(art, "uriBaseId")), "SNAPSHOT");
		/* Only the rule used is listed, with its texts and level. */
		const struct sl_json_value *rules =
			sl_json_get(sl_json_get(sl_json_get(run, "tool"), "driver"), "rules");
		assert_int_equal(rules->n, 1);
		assert_string_equal(sl_json_str(sl_json_get(&rules->items[0], "id")), "links/broken");
		assert_non_null(sl_json_str(sl_json_get(sl_json_get(&rules->items[0], "help"), "text")));
		/* No fix for a links finding, even with a suggestion. */
		assert_null(sl_json_get(res, "fixes"));
		sl_json_value_free(v);
	}
	sl_report_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fingerprints),
		cmocka_unit_test(test_units_and_rules),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
