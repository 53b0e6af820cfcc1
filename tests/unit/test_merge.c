/* Unit tests for merge.c: reports written as ndjson read back alike. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "merge.h"
#include "output.h"

static void
make_report(struct sl_report *r, const char *path, bool pass)
{
	memset(r, 0, sizeof *r);
	r->path = strdup(path);
	r->display = sl_aprintf("%s/", path);
	r->site_name = strdup("沧岚县人民政府");
	r->home = strdup("index.html");
	snprintf(r->as_of, sizeof r->as_of, "2026-11-27");
	r->as_of_source = "config";
	r->pass = pass;
	r->problems = calloc(1, sizeof *r->problems);
	r->problems[r->nproblems++] = strdup("错链断链");
	r->stats.members = 93;
	r->stats.pages = 69;
	r->stats.by_severity[SL_SEV_WARNING] = 1;
	r->stats.by_severity[SL_SEV_ERROR] = 1;
	struct sl_span sp = { { 62, 14, 14, 14 }, { 62, 36, 36, 36 } };
	const char *args[] = { "x.html", "" };
	sl_diags_add(&r->diags, SL_LANG_EN, "index.html", &sp, SL_R_LINKS_BROKEN, NULL, args, 2);
	struct sl_diag *d = sl_diags_add(&r->diags, SL_LANG_EN, "", NULL, SL_R_SNAPSHOT_LIMIT, NULL, args, 1);
	d->severity = SL_SEV_ERROR;
	r->rule_counts[SL_R_LINKS_BROKEN] = 1;
	r->rule_counts[SL_R_SNAPSHOT_LIMIT] = 1;
}

static void
test_round_trip(void **st)
{
	(void)st;
	char path[] = "/tmp/sitelint-merge-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	struct sl_report in[2];
	make_report(&in[0], "a", false);
	make_report(&in[1], "b.tar.gz", true);
	struct sl_output_opts o = { SL_FMT_NDJSON, SL_LANG_EN, SL_COL_CHAR, false, false };
	sl_output_json(f, in, 2, &o, true);
	fputs("\n  \n", f);           /* blank lines are skipped */
	fclose(f);
	const char *paths[] = { path, path };
	struct sl_report *out;
	size_t n;
	struct sl_err err;
	assert_int_equal(sl_merge_read(paths, 2, true, &out, &n, &err), SL_OK);
	assert_int_equal(n, 4);
	for (size_t i = 0; i < n; i++) {
		const struct sl_report *a = &in[i % 2], *b = &out[i];
		assert_string_equal(a->path, b->path);
		assert_string_equal(a->site_name, b->site_name);
		assert_string_equal(a->home, b->home);
		assert_string_equal(a->as_of, b->as_of);
		assert_string_equal(a->as_of_source, b->as_of_source);
		assert_int_equal(a->pass, b->pass);
		assert_int_equal(b->nproblems, 1);
		assert_string_equal(b->problems[0], "错链断链");
		assert_memory_equal(&a->stats, &b->stats, sizeof a->stats);
		assert_memory_equal(a->rule_counts, b->rule_counts, sizeof a->rule_counts);
		assert_int_equal(b->diags.n, 2);
		/* Sorted: the finding without position first. */
		assert_false(b->diags.v[0].has_pos);
		assert_int_equal(b->diags.v[1].span.start.line, 62);
		assert_int_equal(b->diags.v[1].span.start.col_char, 14);
		assert_int_equal(b->diags.v[1].span.end.col_char, 36);
		assert_string_equal(b->diags.v[1].message, a->diags.v[0].message);
	}
	for (size_t i = 0; i < n; i++)
		sl_report_free(&out[i]);
	free(out);
	/* Without diagnostics: counts only. */
	assert_int_equal(sl_merge_read(paths, 1, false, &out, &n, &err), SL_OK);
	assert_int_equal(out[0].diags.n, 0);
	assert_int_equal(out[0].stats.by_severity[SL_SEV_ERROR], 1);
	for (size_t i = 0; i < n; i++)
		sl_report_free(&out[i]);
	free(out);
	sl_report_free(&in[0]);
	sl_report_free(&in[1]);
	unlink(path);
}

static void
test_errors(void **st)
{
	(void)st;
	char path[] = "/tmp/sitelint-merge-XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");
	fputs("{\"path\":\"ok\"}\n[1,2]\n", f);
	fclose(f);
	const char *paths[] = { path };
	struct sl_report *out;
	size_t n;
	struct sl_err err;
	assert_int_equal(sl_merge_read(paths, 1, true, &out, &n, &err), SL_ERR_FORMAT);
	assert_non_null(strstr(err.msg, ":2: not a snapshot"));
	assert_null(out);
	assert_int_equal(n, 0);
	const char *none[] = { "/nonexistent/x.ndjson" };
	assert_int_equal(sl_merge_read(none, 1, true, &out, &n, &err), SL_ERR_IO);
	unlink(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
