/*
 * test_matcher.c - the automaton, match selection, exceptions, dates,
 * confusable characters and byte spans through normalization.
 *
 * Expected spans are byte offsets counted by hand (a CJK character is
 * three bytes in UTF-8).  One test checks the automaton against a naive
 * leftmost-longest search written here, on random patterns and texts.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pthread.h>

#include <cmocka.h>

#include "dict.h"
#include "matcher.h"

#define MAXM 64

struct found {
	size_t n;
	const char *rule[MAXM];
	const char *sugg[MAXM];
	uint32_t start[MAXM], end[MAXM];
};

static void
collect(void *ctx, const struct sl_text_match *m)
{
	struct found *f = ctx;
	if (f->n == MAXM)
		return;
	f->rule[f->n] = m->entry->rule;
	f->sugg[f->n] = m->entry->nsugg ? m->entry->suggestions[0] : NULL;
	f->start[f->n] = m->start;
	f->end[f->n] = m->end;
	f->n++;
}

static struct sl_dictset *
make_set(const char *text)
{
	struct sl_dictset *set = sl_dictset_new();
	struct sl_err err;
	err.msg[0] = '\0';
	if (sl_dictset_load_mem(set, "t.txt", text, strlen(text), &err) != SL_OK ||
	    sl_dictset_compile(set, &err) != SL_OK)
		fail_msg("%s", err.msg);
	return set;
}

static struct found
scan_opts(const struct sl_dictset *set, const char *text, int32_t as_of,
          const struct sl_text_opts *opts)
{
	struct found f;
	memset(&f, 0, sizeof f);
	assert_int_equal(sl_text_scan(set, NULL, text, strlen(text), as_of, opts,
	                              collect, &f), SL_OK);
	return f;
}

static struct found
scan(const struct sl_dictset *set, const char *text)
{
	return scan_opts(set, text, 20240101, NULL);
}

static void
expect_one(const struct found *f, size_t i, const char *rule, uint32_t start, uint32_t end)
{
	assert_true(i < f->n);
	assert_string_equal(f->rule[i], rule);
	assert_int_equal(f->start[i], start);
	assert_int_equal(f->end[i], end);
}

static void
test_leftmost_longest(void **state)
{
	(void)state;
	/* 甲乙丙丁戊 stand for a b c d e (three bytes each). */
	struct sl_dictset *set = make_set(
		"text/typo\t甲乙\tx\n"
		"text/typo\t甲乙丙\ty\n"
		"text/typo\t乙丙丁\tz\n"
		"text/typo\t丁戊\tw\n");
	/* abcde: abc (leftmost, longest at a) wins over ab and bcd; then de. */
	struct found f = scan(set, "甲乙丙丁戊");
	assert_int_equal(f.n, 2);
	expect_one(&f, 0, "text/typo", 0, 9);
	assert_string_equal(f.sugg[0], "y");
	expect_one(&f, 1, "text/typo", 9, 15);
	/* bcde: bcd, then only e is left. */
	f = scan(set, "乙丙丁戊");
	assert_int_equal(f.n, 1);
	expect_one(&f, 0, "text/typo", 0, 9);
	assert_string_equal(f.sugg[0], "z");
	sl_dictset_free(set);
}

static void
test_nested_cjk_patterns(void **state)
{
	(void)state;
	struct sl_dictset *set = make_set(
		"text/wrong-name\t中华人民共合国\t中华人民共和国\n"
		"text/typo\t共合\t共和\n"
		"text/typo\t人名\t人民\n");
	struct found f = scan(set, "中华人民共合国人名");
	assert_int_equal(f.n, 2);
	expect_one(&f, 0, "text/wrong-name", 0, 21);
	expect_one(&f, 1, "text/typo", 21, 27);
	f = scan(set, "共合");
	assert_int_equal(f.n, 1);
	expect_one(&f, 0, "text/typo", 0, 6);
	sl_dictset_free(set);
}

static void
test_exception_contexts(void **state)
{
	(void)state;
	struct sl_dictset *set = make_set(
		"text/typo\t必竟\t毕竟\texcept=想必竟然\n"
		"text/typo\t作崇\t作祟\texcept=工作崇拜|作崇高\n");
	assert_int_equal(scan(set, "想必竟然如此").n, 0);
	assert_int_equal(scan(set, "他们工作崇拜英雄").n, 0);
	assert_int_equal(scan(set, "工作崇高").n, 0);
	/* The context must be there whole: at the start of the text the
	 * preceding 想 is missing. */
	struct found f = scan(set, "必竟然");
	assert_int_equal(f.n, 1);
	expect_one(&f, 0, "text/typo", 0, 6);
	f = scan(set, "从中作崇");
	assert_int_equal(f.n, 1);
	expect_one(&f, 0, "text/typo", 6, 12);
	/* One occurrence excepted, the other not. */
	f = scan(set, "想必竟然必竟");
	assert_int_equal(f.n, 1);
	expect_one(&f, 0, "text/typo", 12, 18);
	sl_dictset_free(set);
}

static void
test_exception_lets_shorter_match_win(void **state)
{
	(void)state;
	struct sl_dictset *set = make_set(
		"text/typo\t甲乙丙\tx\texcept=甲乙丙丁\n"
		"text/typo\t甲乙\ty\n");
	struct found f = scan(set, "甲乙丙丁");
	assert_int_equal(f.n, 1);
	expect_one(&f, 0, "text/typo", 0, 6);
	assert_string_equal(f.sugg[0], "y");
	sl_dictset_free(set);
}

static void
test_validity_dates(void **state)
{
	(void)state;
	struct sl_dictset *set = make_set(
		"text/outdated\t国土资源局\t自然资源局\tfrom=2019-03-31\n");
	const char *t = "县国土资源局";
	assert_int_equal(scan_opts(set, t, 20190330, NULL).n, 0);
	assert_int_equal(scan_opts(set, t, 20180101, NULL).n, 0);
	struct found f = scan_opts(set, t, 20190331, NULL);
	assert_int_equal(f.n, 1);
	expect_one(&f, 0, "text/outdated", 3, 18);
	assert_int_equal(scan_opts(set, t, 20250101, NULL).n, 1);
	/* No as-of date: every dated entry is in force. */
	assert_int_equal(scan_opts(set, t, 0, NULL).n, 1);
	sl_dictset_free(set);
}

static void
test_spans_through_normalization(void **state)
{
	(void)state;
	struct sl_dictset *set = make_set(
		"text/typo\t开诚不公\t开诚布公\n"
		"text/placeholder\tlorem ipsum\t-\n");
	/* Spaces between CJK: 4 characters and 3 spaces. */
	struct found f = scan(set, "x开 诚 不 公y");
	assert_int_equal(f.n, 1);
	expect_one(&f, 0, "text/typo", 1, 16);
	/* Full width: 5 + 5 letters of 3 bytes, one ASCII space. */
	f = scan(set, "ＬＯＲＥＭ ＩＰＳＵＭ");
	assert_int_equal(f.n, 1);
	expect_one(&f, 0, "text/placeholder", 0, 31);
	/* A soft hyphen (U+00AD, 2 bytes) inside is skipped. */
	f = scan(set, "lo\xC2\xADrem ipsum!");
	assert_int_equal(f.n, 1);
	expect_one(&f, 0, "text/placeholder", 0, 13);
	/* ASCII entries match whole words only. */
	assert_int_equal(scan(set, "xlorem ipsum").n, 0);
	assert_int_equal(scan(set, "lorem ipsums").n, 0);
	sl_dictset_free(set);
}

static void
test_trad_simp_option(void **state)
{
	(void)state;
	struct sl_dictset *set = make_set("text/typo\t开诚不公\t开诚布公\n");
	struct sl_text_opts trad = { true, false };
	assert_int_equal(scan(set, "開誠不公").n, 0);
	struct found f = scan_opts(set, "了開誠不公", 20240101, &trad);
	assert_int_equal(f.n, 1);
	expect_one(&f, 0, "text/typo", 3, 15);
	sl_dictset_free(set);
}

static void
test_confusable_kangxi(void **state)
{
	(void)state;
	struct sl_dictset *set = make_set("");
	/* 第⼀次: U+2F00 at bytes 3..6, suggestion U+4E00. */
	struct found f = scan(set, "第\xE2\xBC\x80次");
	assert_int_equal(f.n, 1);
	expect_one(&f, 0, "text/confusable", 3, 6);
	assert_string_equal(f.sugg[0], "\xE4\xB8\x80");
	/* A compatibility ideograph U+F9D1 -> 六 U+516D. */
	f = scan(set, "\xEF\xA7\x91");
	assert_int_equal(f.n, 1);
	assert_string_equal(f.sugg[0], "\xE5\x85\xAD");
	/* U+FA0E is a unified ideograph in that block: not reported. */
	assert_int_equal(scan(set, "\xEF\xA8\x8E").n, 0);
	/* CJK radical U+2EA0 looks like 民 U+6C11. */
	f = scan(set, "\xE2\xBA\xA0");
	assert_int_equal(f.n, 1);
	assert_string_equal(f.sugg[0], "\xE6\xB0\x91");
	/* Opting out. */
	struct sl_text_opts off = { false, true };
	assert_int_equal(scan_opts(set, "第\xE2\xBC\x80次", 0, &off).n, 0);
	sl_dictset_free(set);
}

static void
test_confusable_zero_width(void **state)
{
	(void)state;
	struct sl_dictset *set = make_set("text/typo\t开诚不公\t开诚布公\n");
	/* ZWSP inside 开诚布公: a confusable, suggestion "" (delete). */
	struct found f = scan(set, "开诚\xE2\x80\x8B布公");
	assert_int_equal(f.n, 1);
	expect_one(&f, 0, "text/confusable", 6, 9);
	assert_string_equal(f.sugg[0], "");
	/* Inside the typo: both, in text order. */
	f = scan(set, "开诚\xE2\x80\x8B不公");
	assert_int_equal(f.n, 2);
	expect_one(&f, 0, "text/typo", 0, 15);
	expect_one(&f, 1, "text/confusable", 6, 9);
	/* Two in a row are one finding. */
	f = scan(set, "开\xE2\x80\x8B\xE2\x80\x8C诚");
	assert_int_equal(f.n, 1);
	expect_one(&f, 0, "text/confusable", 3, 9);
	/* At the end of a word, or between emoji: not reported. */
	assert_int_equal(scan(set, "开诚\xE2\x80\x8B").n, 0);
	assert_int_equal(scan(set, "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9").n, 0);
	/* Inside an ASCII word only the zero-width space counts. */
	assert_int_equal(scan(set, "ab\xE2\x80\x8B" "cd").n, 1);
	assert_int_equal(scan(set, "ab\xE2\x80\x8C" "cd").n, 0);
	sl_dictset_free(set);
}

static void
test_mojibake_markers(void **state)
{
	(void)state;
	struct sl_dictset *set = make_set(
		"text/mojibake\t\xEF\xBF\xBD\t-\n"
		"text/mojibake\t锟斤拷\t-\n"
		"text/mojibake\tÃ©\té\n");
	struct found f = scan(set, "网站锟斤拷x\xEF\xBF\xBD");
	assert_int_equal(f.n, 2);
	expect_one(&f, 0, "text/mojibake", 6, 15);
	expect_one(&f, 1, "text/mojibake", 16, 19);
	/* Inside a word, and whatever the case. */
	f = scan(set, "CAFÃ©s");
	assert_int_equal(f.n, 1);
	expect_one(&f, 0, "text/mojibake", 3, 7);
	/* An invalid byte decodes to U+FFFD and is reported too. */
	f = scan(set, "a\xFF");
	assert_int_equal(f.n, 1);
	expect_one(&f, 0, "text/mojibake", 1, 2);
	sl_dictset_free(set);
}

static void
test_match_whole(void **state)
{
	(void)state;
	struct sl_dictset *set = make_set("text/placeholder\t测试\t-\tmatch=whole\n");
	struct found f = scan(set, " 【测试】 ");
	assert_int_equal(f.n, 1);
	expect_one(&f, 0, "text/placeholder", 4, 10);
	assert_int_equal(scan(set, "系统测试").n, 0);
	assert_int_equal(scan(set, "测试完成").n, 0);
	sl_dictset_free(set);
}

static void
test_scratch_reuse_and_empty(void **state)
{
	(void)state;
	struct sl_dictset *set = make_set("text/typo\t攻府\t政府\n");
	struct sl_text_scratch *scr = sl_text_scratch_new();
	for (int i = 0; i < 3; i++) {
		struct found f;
		memset(&f, 0, sizeof f);
		const char *t = i == 1 ? "" : "区攻府办";
		assert_int_equal(sl_text_scan(set, scr, t, strlen(t), 0, NULL, collect, &f),
		                 SL_OK);
		assert_int_equal(f.n, i == 1 ? 0 : 1);
	}
	sl_text_scratch_free(scr);
	sl_text_scratch_free(NULL);
	sl_dictset_free(set);
}

/* Naive leftmost-longest over NP patterns stored one after another (each
 * NUL-terminated) in PATS, single-byte symbols: the oracle. */
static size_t
naive_many(const char *pats, size_t np, const char *t, uint32_t *st, uint32_t *en)
{
	size_t n = strlen(t), k = 0;
	for (size_t i = 0; i < n;) {
		size_t best = 0;
		const char *p = pats;
		for (size_t q = 0; q < np; q++) {
			size_t l = strlen(p);
			if (l > best && i + l <= n && memcmp(t + i, p, l) == 0)
				best = l;
			p += l + 1;
		}
		if (best == 0) {
			i++;
			continue;
		}
		st[k] = (uint32_t)i;
		en[k++] = (uint32_t)(i + best);
		i += best;
	}
	return k;
}

/* A random 63-symbol text over "0123" (from *SEED): SET finds in it what
 * the oracle finds with the NP packed PATS. */
static void
check_random_text(const struct sl_dictset *set, const char *pats, size_t np, unsigned *seed)
{
	static const char alpha[] = "0123";
	char text[64];
	for (int j = 0; j < 63; j++) {
		*seed = *seed * 1103515245u + 12345u;
		text[j] = alpha[(*seed >> 16) % 4];
	}
	text[63] = '\0';
	uint32_t st[64], en[64];
	size_t k = naive_many(pats, np, text, st, en);
	struct found f = scan(set, text);
	assert_int_equal(f.n, k);
	for (size_t j = 0; j < k; j++) {
		assert_int_equal(f.start[j], st[j]);
		assert_int_equal(f.end[j], en[j]);
	}
}

static void
test_random_against_naive(void **state)
{
	(void)state;
	/* Digits and punctuation: no case folding, no word boundaries. */
	static const char alpha[] = "0123";
	unsigned seed = 12345;
	for (int round = 0; round < 200; round++) {
		char pats[40][8], dict[2048] = "";
		size_t np = 0;
		for (int i = 0; i < 40; i++) {
			seed = seed * 1103515245u + 12345u;
			size_t len = 1 + (seed >> 16) % 5, j;
			char p[8];
			for (j = 0; j < len; j++) {
				seed = seed * 1103515245u + 12345u;
				p[j] = alpha[(seed >> 16) % 4];
			}
			p[len] = '\0';
			for (j = 0; j < np; j++)
				if (strcmp(pats[j], p) == 0)
					break;
			if (j < np)
				continue;
			memcpy(pats[np++], p, len + 1);
			size_t o = strlen(dict);
			snprintf(dict + o, sizeof dict - o, "text/mojibake\t%s\t-\n", p);
		}
		struct sl_dictset *set = make_set(dict);
		char packed[40 * 8];
		size_t po = 0;
		for (size_t j = 0; j < np; j++) {
			memcpy(packed + po, pats[j], strlen(pats[j]) + 1);
			po += strlen(pats[j]) + 1;
		}
		check_random_text(set, packed, np, &seed);
		sl_dictset_free(set);
	}
}

/* Past AC_MIN patterns the set is scanned as an automaton: the same
 * matches as the oracle. */
static void
test_many_patterns_automaton(void **state)
{
	(void)state;
	enum { NP = 20000, LEN = 9 };
	static const char alpha[] = "0123";
	/* Every string of 1..LEN symbols numbered, every 13th taken: distinct. */
	char *pats = malloc((size_t)NP * (LEN + 1)), *dict = malloc((size_t)NP * 32);
	size_t np = 0, po = 0, dn = 0;
	for (uint32_t v = 0; np < NP; v += 13) {
		char p[LEN + 1];
		uint32_t x = v, len = 1, span = 4;
		while (x >= span) {
			x -= span;
			span *= 4;
			len++;
		}
		assert_true(len <= LEN);
		for (uint32_t j = 0; j < len; j++, x /= 4)
			p[j] = alpha[x % 4];
		p[len] = '\0';
		memcpy(pats + po, p, len + 1);
		po += len + 1;
		dn += (size_t)snprintf(dict + dn, (size_t)NP * 32 - dn, "text/mojibake\t%s\t-\n", p);
		np++;
	}
	struct sl_dictset *set = sl_dictset_new();
	struct sl_err err;
	assert_int_equal(sl_dictset_load_mem(set, "many.txt", dict, dn, &err), SL_OK);
	assert_int_equal(sl_dictset_compile(set, &err), SL_OK);
	struct sl_matcher_stats st;
	sl_matcher_stats(sl_dictset_matcher(set), &st);
	assert_true(st.automaton);
	unsigned seed = 777;
	for (int round = 0; round < 20; round++)
		check_random_text(set, pats, np, &seed);
	sl_dictset_free(set);
	free(pats);
	free(dict);
}

struct job {
	const struct sl_dictset *set;
	size_t total;
};

static void *
worker(void *arg)
{
	struct job *j = arg;
	struct sl_text_scratch *scr = sl_text_scratch_new();
	const char *t = "区攻府办公室必竟开诚\xE2\x80\x8B布公";
	for (int i = 0; i < 500; i++) {
		struct found f;
		memset(&f, 0, sizeof f);
		sl_text_scan(j->set, scr, t, strlen(t), 20240101, NULL, collect, &f);
		j->total += f.n;
	}
	sl_text_scratch_free(scr);
	return NULL;
}

static void
test_threads_share_a_set(void **state)
{
	(void)state;
	struct sl_dictset *set = make_set(
		"text/typo\t攻府\t政府\n"
		"text/typo\t必竟\t毕竟\n");
	struct job jobs[4];
	pthread_t th[4];
	for (int i = 0; i < 4; i++) {
		jobs[i] = (struct job){ set, 0 };
		assert_int_equal(pthread_create(&th[i], NULL, worker, &jobs[i]), 0);
	}
	for (int i = 0; i < 4; i++) {
		pthread_join(th[i], NULL);
		/* Per scan: 攻府, 必竟, the zero-width space. */
		assert_int_equal(jobs[i].total, 500 * 3);
	}
	sl_dictset_free(set);
}

static void
test_stats(void **state)
{
	(void)state;
	struct sl_dictset *set = make_set("text/typo\tab\tx\ntext/typo\tac\ty\n");
	struct sl_matcher_stats st;
	sl_matcher_stats(sl_dictset_matcher(set), &st);
	assert_int_equal(st.patterns, 2);
	assert_int_equal(st.states, 4);     /* root, a, ab, ac */
	assert_int_equal(st.alphabet, 3);
	assert_true(st.confusables > 300);
	assert_false(st.automaton);   /* two patterns: walked from their starts */
	sl_dictset_free(set);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_leftmost_longest),
		cmocka_unit_test(test_nested_cjk_patterns),
		cmocka_unit_test(test_exception_contexts),
		cmocka_unit_test(test_exception_lets_shorter_match_win),
		cmocka_unit_test(test_validity_dates),
		cmocka_unit_test(test_spans_through_normalization),
		cmocka_unit_test(test_trad_simp_option),
		cmocka_unit_test(test_confusable_kangxi),
		cmocka_unit_test(test_confusable_zero_width),
		cmocka_unit_test(test_mojibake_markers),
		cmocka_unit_test(test_match_whole),
		cmocka_unit_test(test_scratch_reuse_and_empty),
		cmocka_unit_test(test_random_against_naive),
		cmocka_unit_test(test_many_patterns_automaton),
		cmocka_unit_test(test_threads_share_a_set),
		cmocka_unit_test(test_stats),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
