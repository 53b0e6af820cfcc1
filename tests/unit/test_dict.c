/*
 * test_dict.c - the dictionary format: parsing, every malformed-line
 * message with its exact line and column, self-tests, contradictions,
 * self-firing entries, sets of several files, and the bundled files.
 *
 * Run from the repository root (the bundled files are read from
 * dictionaries/text/).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "dict.h"
#include "matcher.h"

/* Problems reported by the check functions, as "LINE:COL: message". */
struct diags {
	size_t n;
	char text[32][700];
};

static void
keep_diag(void *ctx, const struct sl_dict_diag *d)
{
	struct diags *g = ctx;
	if (g->n < 32)
		snprintf(g->text[g->n], sizeof g->text[0], "%u:%u: %s", d->line, d->col, d->msg);
	g->n++;
}

static size_t
check_text(const char *text, struct diags *g)
{
	memset(g, 0, sizeof *g);
	struct sl_dictset *set = sl_dictset_new();
	size_t n = sl_dictset_check_mem(set, "t.txt", text, strlen(text), keep_diag, g);
	n += sl_dictset_check(set, keep_diag, g);
	sl_dictset_free(set);
	return n;
}

static void
assert_starts(const char *s, const char *prefix)
{
	if (strncmp(s, prefix, strlen(prefix)) != 0)
		fail_msg("got \"%s\", expected \"%s...\"", s, prefix);
}

/* One malformed line each, and where it must be reported. */
static const struct {
	const char *text;
	const char *want;
} malformed[] = {
	{ "text/tpyo\t甲乙\t丙", "1:1: unknown rule 'text/tpyo'" },
	{ "text/typo 甲乙 丙丁", "1:10: fields must be separated by TAB characters" },
	{ "text/typo\t甲乙", "1:13: missing the suggestions field" },
	{ "text/typo", "1:10: missing the wrong form and suggestions" },
	{ "text/typo\t\t丙", "1:11: empty wrong form" },
	{ "text/typo\t 甲乙\t丙", "1:11: space at the start of the wrong form" },
	{ "text/typo\t甲乙\xE3\x80\x80\t丙", "1:13: space at the end of the wrong form" },
	{ "text/typo\t甲乙\t丙||丁", "1:16: empty suggestion" },
	{ "text/typo\t作\t作为", "1:13: the wrong form occurs inside its suggestion '作为'" },
	{ "text/typo\t甲乙\t甲乙", "1:14: suggestion '甲乙' is the wrong form itself" },
	{ "text/typo\tABC\tabc", "1:15: suggestion 'abc' is the wrong form itself" },
	{ "text/typo\t甲乙\t丙\tfoo=1", "1:16: unknown attribute 'foo'" },
	{ "text/typo\t甲乙\t丙\tnote", "1:16: expected key=value" },
	{ "text/typo\t甲乙\t丙\tnote=a\tnote=b", "1:23: duplicate attribute 'note'" },
	{ "text/typo\t甲乙\t丙\tfrom=2019-02-29", "1:21: invalid date '2019-02-29'" },
	{ "text/typo\t甲乙\t丙\tfrom=19-1-1", "1:21: invalid date '19-1-1'" },
	{ "text/typo\t甲乙\t丙\tseverity=fatal", "1:25: invalid severity 'fatal'" },
	{ "text/typo\t甲乙\t丙\tmatch=some", "1:22: invalid match 'some'" },
	{ "text/typo\t甲乙\t丙\texcept=丙丁", "1:23: exception '丙丁' does not contain the wrong form" },
	{ "text/typo\t甲乙\t丙\texcept=甲乙丁||", "1:27: empty exception" },
	{ "text/typo\t\xE2\x80\x8B\t丙", "1:11: wrong form is empty after normalization" },
	{ "text/typo\t甲\xFF乙\t丙", "1:12: invalid UTF-8" },
	{ "text/typo\t甲\x01乙\t丙", "1:12: control character U+0001" },
	{ " text/typo\t甲乙\t丙", "1:1: space at the start of the line" },
	{ "@tset 甲 => (nothing)", "1:1: unknown directive '@tset'" },
	{ "@test 甲乙", "1:9: expected ' => '" },
	{ "@test  => (nothing)", "1:7: empty test input" },
	{ "@test[as-of=2019-13-01] 甲 => (nothing)", "1:13: invalid date '2019-13-01'" },
	{ "@test[tard] 甲 => (nothing)", "1:7: unknown test option 'tard'" },
	{ "@test[trad 甲 => (nothing)", "1:6: missing ']'" },
	{ "@test[trad]甲 => (nothing)", "1:12: expected ' INPUT => EXPECTED'" },
	{ "@test 甲 => text/tpyo 甲", "1:12: unknown rule 'text/tpyo'" },
	{ "@test 甲 => text/typo", "1:12: expected 'RULE TEXT' or (nothing)" },
	{ "@test 甲\\u{zz} => (nothing)", "1:8: invalid escape" },
	{ "@test 甲 => text/typo \\u{110000}", "1:22: invalid escape" },
	{ "# a comment\n\n   \ntext/typo\t甲乙\t丙\tfrom=2019-00-01",
	  "4:21: invalid date '2019-00-01'" },
	{ "text/typo\t甲乙\t丙\ntext/typo\t甲乙\t丁", "2:11: duplicate entry for '甲乙' (first at line 1)" },
	{ "text/typo\t开诚不公\t开诚布公\ntext/typo\t开 诚 布 公\t开诚不公",
	  "2:11: '开 诚 布 公' -> '开诚不公' contradicts t.txt:1" },
	{ "text/typo\t甲乙\t丙丁\ntext/typo\t丙丁\t戊", "1:14: suggestion '丙丁' would itself be reported (text/typo '丙丁' of t.txt:2)" },
	{ "text/typo\t甲乙\t丙\n@test 甲乙 => (nothing)",
	  "2:1: self-test failed: expected (nothing), got text/typo 甲乙" },
	{ "text/typo\t甲乙\t丙\n@test 甲乙，甲\\u{200B}乙 => text/typo 甲乙",
	  "2:1: self-test failed: expected text/typo 甲乙, got text/typo 甲乙; "
	  "text/typo 甲\\u{200B}乙; text/confusable \\u{200B}" },
};

static void
test_malformed_lines(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof malformed / sizeof malformed[0]; i++) {
		struct diags g;
		size_t n = check_text(malformed[i].text, &g);
		if (n != 1)
			fail_msg("case %zu: %zu problems, first: %s", i, n, g.n ? g.text[0] : "-");
		assert_starts(g.text[0], malformed[i].want);
	}
}

static void
test_long_line(void **state)
{
	(void)state;
	size_t n = 5000;
	char *s = malloc(n + 1);
	memcpy(s, "text/typo\t", 10);
	memset(s + 10, 'a', n - 10);
	s[n] = '\0';
	struct diags g;
	assert_int_equal(check_text(s, &g), 1);
	assert_starts(g.text[0], "1:4097: line longer than 4096 bytes");
	free(s);
}

static void
test_check_collects_every_problem(void **state)
{
	(void)state;
	const char *text =
		"text/tpyo\t甲乙\t丙\n"
		"text/typo\t乙丙\t丁\n"
		"text/typo\t作\t作为\n"
		"@tset x\n";
	struct diags g;
	assert_int_equal(check_text(text, &g), 3);
	assert_starts(g.text[0], "1:1:");
	assert_starts(g.text[1], "3:13:");
	assert_starts(g.text[2], "4:1:");
	/* The loader stops at the first, with the file name. */
	struct sl_dictset *set = sl_dictset_new();
	struct sl_err err;
	assert_int_equal(sl_dictset_load_mem(set, "x.txt", text, strlen(text), &err),
	                 SL_ERR_USAGE);
	assert_starts(err.msg, "x.txt:1:1: unknown rule");
	sl_dictset_free(set);
}

static void
test_good_entry_fields(void **state)
{
	(void)state;
	const char *text =
		"\xEF\xBB\xBF# BOM, CRLF, every attribute\r\n"
		"text/outdated\t国土资源局\t自然资源局|自然资源和规划局\tfrom=2019-03-31\t"
		"except=原国土资源局\tseverity=note\tnote=local reform\r\n"
		"text/placeholder\t测试\t-\tmatch=whole\r\n"
		"text/typo\t的的\t的\r\n";
	struct sl_dictset *set = sl_dictset_new();
	struct sl_err err;
	assert_int_equal(sl_dictset_load_mem(set, "g.txt", text, strlen(text), &err), SL_OK);
	assert_int_equal(sl_dictset_compile(set, &err), SL_OK);
	assert_int_equal(sl_dictset_count(set), 3);
	size_t n;
	const struct sl_dict_pattern *p = sl_dictset_patterns(set, &n);
	assert_int_equal(n, 3);
	const struct sl_dict_entry *e = p[0].entry;
	assert_string_equal(e->rule, "text/outdated");
	assert_int_equal(e->kind, SL_TEXT_OUTDATED);
	assert_string_equal(e->wrong, "国土资源局");
	assert_int_equal(e->nsugg, 2);
	assert_string_equal(e->suggestions[1], "自然资源和规划局");
	assert_int_equal(e->valid_from, 20190331);
	assert_int_equal(e->nexc, 1);
	assert_string_equal(e->exceptions[0], "原国土资源局");
	assert_int_equal(e->severity, SL_DICT_SEV_NOTE);
	assert_string_equal(e->note, "local reform");
	assert_string_equal(e->file, "g.txt");
	assert_int_equal(e->line, 2);
	assert_int_equal(p[0].len, 5);
	assert_int_equal(p[0].nexc, 1);
	assert_int_equal(p[0].exc[0].at, 1);
	e = p[1].entry;
	assert_int_equal(e->nsugg, 0);
	assert_true(e->whole);
	assert_int_equal(e->severity, SL_DICT_SEV_DEFAULT);
	assert_int_equal(p[2].entry->line, 4);
	sl_dictset_free(set);
}

static void
test_self_tests_pass(void **state)
{
	(void)state;
	const char *text =
		"text/typo\t开诚不公\t开诚布公\n"
		"text/typo\t必竟\t毕竟\texcept=想必竟然\n"
		"text/outdated\t国土资源局\t自然资源局\tfrom=2019-03-31\n"
		"@test 本单位开诚不公地 => text/typo 开诚不公\n"
		"@test 想必竟然 => (nothing)\n"
		"@test 必竟是；开诚不公 => text/typo 必竟 ; text/typo 开诚不公\n"
		"@test[as-of=2019-03-30] 国土资源局 => (nothing)\n"
		"@test[as-of=2019-03-31] 国土资源局 => text/outdated 国土资源局\n"
		"@test[trad, as-of=2000-01-01] 開誠不公 => text/typo 開誠不公\n"
		"@test 开诚\\u{200b}布公 => text/confusable \\u{200B}\n";
	struct diags g;
	assert_int_equal(check_text(text, &g), 0);
}

static void
test_contradiction_across_files(void **state)
{
	(void)state;
	struct sl_dictset *set = sl_dictset_new();
	struct diags g;
	memset(&g, 0, sizeof g);
	const char *a = "text/typo\t甲乙\t丙丁\n";
	const char *b = "# user list\ntext/typo\t丙丁\t甲乙|戊\n";
	assert_int_equal(sl_dictset_check_mem(set, "a.txt", a, strlen(a), keep_diag, &g), 0);
	assert_int_equal(sl_dictset_check_mem(set, "b.txt", b, strlen(b), keep_diag, &g), 0);
	assert_int_equal(sl_dictset_check(set, keep_diag, &g), 1);
	assert_string_equal(g.text[0], "2:11: '丙丁' -> '甲乙' contradicts a.txt:1 ('甲乙' -> '丙丁')");
	sl_dictset_free(set);

	/* The loader's compile fails the same way. */
	set = sl_dictset_new();
	struct sl_err err;
	assert_int_equal(sl_dictset_load_mem(set, "a.txt", a, strlen(a), &err), SL_OK);
	assert_int_equal(sl_dictset_load_mem(set, "b.txt", b, strlen(b), &err), SL_OK);
	assert_int_equal(sl_dictset_compile(set, &err), SL_ERR_USAGE);
	assert_starts(err.msg, "b.txt:2:11: '丙丁' -> '甲乙' contradicts a.txt:1");
	sl_dictset_free(set);
}

static void
test_later_file_overrides(void **state)
{
	(void)state;
	struct sl_dictset *set = sl_dictset_new();
	struct sl_err err;
	const char *a = "text/typo\t甲乙\t丙\ntext/typo\t丁戊\t己\n";
	const char *b = "text/wrong-name\t甲　乙\t庚\n";
	assert_int_equal(sl_dictset_load_mem(set, "a.txt", a, strlen(a), &err), SL_OK);
	assert_int_equal(sl_dictset_load_mem(set, "b.txt", b, strlen(b), &err), SL_OK);
	assert_int_equal(sl_dictset_compile(set, &err), SL_OK);
	assert_int_equal(sl_dictset_count(set), 2);
	size_t n;
	const struct sl_dict_pattern *p = sl_dictset_patterns(set, &n);
	assert_int_equal(n, 2);
	assert_string_equal(p[0].entry->wrong, "丁戊");
	assert_string_equal(p[1].entry->rule, "text/wrong-name");
	assert_string_equal(p[1].entry->suggestions[0], "庚");
	sl_dictset_free(set);
}

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void
test_load_dir_and_files(void **state)
{
	(void)state;
	char dir[] = "/tmp/test_dict-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char pa[64], pb[64], pc[64], pbad[64];
	snprintf(pa, sizeof pa, "%s/b.txt", dir);
	snprintf(pb, sizeof pb, "%s/a.txt", dir);
	snprintf(pc, sizeof pc, "%s/README.md", dir);
	write_file(pa, "text/typo\t甲乙\t丁\n");
	write_file(pb, "text/typo\t甲乙\t丙\n");
	write_file(pc, "not a dictionary\n");
	struct sl_dictset *set = sl_dictset_new();
	struct sl_err err;
	assert_int_equal(sl_dictset_load_dir(set, dir, &err), SL_OK);
	assert_int_equal(sl_dictset_compile(set, &err), SL_OK);
	size_t n;
	const struct sl_dict_pattern *p = sl_dictset_patterns(set, &n);
	/* a.txt, then b.txt: b's entry replaced a's. */
	assert_int_equal(n, 1);
	assert_string_equal(p[0].entry->suggestions[0], "丁");
	sl_dictset_free(set);

	snprintf(pbad, sizeof pbad, "%s/c.txt", dir);
	write_file(pbad, "text/typo\t甲乙\n");
	set = sl_dictset_new();
	assert_int_equal(sl_dictset_load_dir(set, dir, &err), SL_ERR_USAGE);
	char want[128];
	snprintf(want, sizeof want, "%s:1:13: missing the suggestions field", pbad);
	assert_starts(err.msg, want);
	sl_dictset_free(set);

	set = sl_dictset_new();
	assert_int_equal(sl_dictset_load_file(set, "/nonexistent/x.txt", &err), SL_ERR_IO);
	assert_starts(err.msg, "/nonexistent/x.txt: ");
	assert_int_equal(sl_dictset_load_dir(set, "/nonexistent", &err), SL_ERR_IO);
	sl_dictset_free(set);

	struct diags g;
	memset(&g, 0, sizeof g);
	const char *paths[] = { pa, "/nonexistent/x.txt" };
	assert_int_equal(sl_dict_check_files(paths, 2, keep_diag, &g), 1);
	assert_starts(g.text[0], "0:0: No such file");

	unlink(pa);
	unlink(pb);
	unlink(pc);
	unlink(pbad);
	rmdir(dir);
	sl_dictset_free(NULL);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* What `make check` runs through `sitelint --check-dict`: every bundled
 * file passes alone and with the others. */
static void
test_bundled_dictionaries(void **state)
{
	(void)state;
	const char *dirname = "dictionaries/text";
	DIR *d = opendir(dirname);
	if (d == NULL)
		fail_msg("%s: run the tests from the repository root", dirname);
	char *paths[64];
	size_t n = 0;
	struct dirent *de;
	while ((de = readdir(d)) != NULL && n < 64)
		if (de->d_name[0] != '.' && strstr(de->d_name, ".txt") != NULL &&
		    strcmp(strstr(de->d_name, ".txt"), ".txt") == 0) {
			size_t len = strlen(dirname) + strlen(de->d_name) + 2;
			paths[n] = malloc(len);
			snprintf(paths[n], len, "%s/%s", dirname, de->d_name);
			n++;
		}
	closedir(d);
	qsort(paths, n, sizeof *paths, cmp_str);
	assert_true(n >= 8);
	for (size_t i = 0; i < n; i++) {
		struct diags g;
		memset(&g, 0, sizeof g);
		size_t bad = sl_dict_check_files((const char *const *)&paths[i], 1, keep_diag, &g);
		if (bad != 0)
			fail_msg("%s: %s", paths[i], g.text[0]);
	}
	struct diags g;
	memset(&g, 0, sizeof g);
	size_t bad = sl_dict_check_files((const char *const *)paths, n, keep_diag, &g);
	if (bad != 0)
		fail_msg("together: %s", g.text[0]);
	/* And the loader reads them as a lint run does. */
	struct sl_dictset *set = sl_dictset_new();
	struct sl_err err;
	assert_int_equal(sl_dictset_load_dir(set, dirname, &err), SL_OK);
	assert_int_equal(sl_dictset_compile(set, &err), SL_OK);
	assert_true(sl_dictset_count(set) > 1000);
	sl_dictset_free(set);
	for (size_t i = 0; i < n; i++)
		free(paths[i]);
}

static void
test_rule_names(void **state)
{
	(void)state;
	enum sl_text_rule k;
	for (int i = 0; i < SL_TEXT_NRULES; i++) {
		const char *name = sl_dict_rule_name((enum sl_text_rule)i);
		assert_true(sl_dict_rule_parse(name, strlen(name), &k));
		assert_int_equal(k, i);
	}
	assert_false(sl_dict_rule_parse("text/typ", 8, &k));
	assert_string_equal(sl_dict_rule_name(SL_TEXT_MOJIBAKE), "text/mojibake");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_malformed_lines),
		cmocka_unit_test(test_long_line),
		cmocka_unit_test(test_check_collects_every_problem),
		cmocka_unit_test(test_good_entry_fields),
		cmocka_unit_test(test_self_tests_pass),
		cmocka_unit_test(test_contradiction_across_files),
		cmocka_unit_test(test_later_file_overrides),
		cmocka_unit_test(test_load_dir_and_files),
		cmocka_unit_test(test_bundled_dictionaries),
		cmocka_unit_test(test_rule_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
