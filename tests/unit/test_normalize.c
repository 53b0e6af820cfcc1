/*
 * test_normalize.c - NFKC case folding with an exact map back to bytes.
 *
 * Every expectation is written out by hand: the normalized code points
 * and, for each, the byte span of the input it came from.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <unicode/unorm2.h>

#include "normalize.h"

struct expect {
	uint32_t cp, from, to;
};

/* Normalizes IN and compares with the N expected code points. */
static void
check(const char *in, unsigned flags, const struct expect *exp, size_t n)
{
	struct sl_norm nm;
	sl_norm_init(&nm);
	assert_int_equal(sl_norm_text(&nm, in, strlen(in), flags, NULL), SL_OK);
	assert_int_equal(nm.len, n);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(nm.cp[i], exp[i].cp);
		assert_int_equal(nm.from[i], exp[i].from);
		assert_int_equal(nm.to[i], exp[i].to);
	}
	sl_norm_free(&nm);
}

#define CHECK(in, flags, ...) do { \
		static const struct expect e_[] = { __VA_ARGS__ }; \
		check(in, flags, e_, sizeof e_ / sizeof e_[0]); \
	} while (0)

static void
test_ascii_case_fold(void **state)
{
	(void)state;
	CHECK("AbC", 0, { 'a', 0, 1 }, { 'b', 1, 2 }, { 'c', 2, 3 });
}

static void
test_fullwidth_letters(void **state)
{
	(void)state;
	/* Ｌ Ｏ １ are three bytes each. */
	CHECK("Ｌｏ１", 0, { 'l', 0, 3 }, { 'o', 3, 6 }, { '1', 6, 9 });
}

static void
test_ligature_maps_both_letters(void **state)
{
	(void)state;
	/* U+FB01 (3 bytes) becomes f, i: both map to the ligature. */
	CHECK("\xEF\xAC\x81x", 0, { 'f', 0, 3 }, { 'i', 0, 3 }, { 'x', 3, 4 });
}

static void
test_sharp_s_folds_to_ss(void **state)
{
	(void)state;
	CHECK("a\xC3\x9F", 0, { 'a', 0, 1 }, { 's', 1, 3 }, { 's', 1, 3 });
}

static void
test_combining_sequence_is_one_segment(void **state)
{
	(void)state;
	/* e + U+0301 composes to U+00E9 spanning both. */
	CHECK("e\xCC\x81z", 0, { 0xE9, 0, 3 }, { 'z', 3, 4 });
}

static void
test_zero_width_removed(void **state)
{
	(void)state;
	/* 开 U+200B 诚: the ZWSP is gone, 诚 keeps its own bytes. */
	CHECK("开\xE2\x80\x8B诚", 0, { 0x5F00, 0, 3 }, { 0x8BDA, 6, 9 });
	/* Soft hyphen U+00AD too. */
	CHECK("a\xC2\xAD" "b", 0, { 'a', 0, 1 }, { 'b', 3, 4 });
}

static void
test_kangxi_radical_folds(void **state)
{
	(void)state;
	/* ⼀ U+2F00 -> 一 U+4E00 */
	CHECK("\xE2\xBC\x80", 0, { 0x4E00, 0, 3 });
}

static void
test_space_between_cjk_dropped(void **state)
{
	(void)state;
	CHECK("开 诚", 0, { 0x5F00, 0, 3 }, { 0x8BDA, 4, 7 });
	/* Full-width space, CR LF and tabs are white space too. */
	CHECK("开\xE3\x80\x80诚\r\n\t公", 0, { 0x5F00, 0, 3 }, { 0x8BDA, 6, 9 },
	      { 0x516C, 12, 15 });
}

static void
test_space_elsewhere_collapsed(void **state)
{
	(void)state;
	/* Between letters: one space mapped to the whole run. */
	CHECK("a \t b", 0, { 'a', 0, 1 }, { ' ', 1, 4 }, { 'b', 4, 5 });
	/* Between CJK and ASCII it stays. */
	CHECK("开 a", 0, { 0x5F00, 0, 3 }, { ' ', 3, 4 }, { 'a', 4, 5 });
}

static void
test_invalid_utf8_is_replacement(void **state)
{
	(void)state;
	CHECK("a\xFF" "b", 0, { 'a', 0, 1 }, { 0xFFFD, 1, 2 }, { 'b', 2, 3 });
}

static void
test_supplementary_plane(void **state)
{
	(void)state;
	/* U+20000 (4 bytes) passes through with its span. */
	CHECK("\xF0\xA0\x80\x80" "a", 0, { 0x20000, 0, 4 }, { 'a', 4, 5 });
}

static void
test_trad_simp_off_and_on(void **state)
{
	(void)state;
	/* 開誠 = U+958B U+8AA0 -> 开诚 U+5F00 U+8BDA, spans unchanged. */
	CHECK("開誠", 0, { 0x958B, 0, 3 }, { 0x8AA0, 3, 6 });
	CHECK("開誠", SL_NORM_TRAD_SIMP, { 0x5F00, 0, 3 }, { 0x8BDA, 3, 6 });
	/* ICU's phrase rule: 計畫 -> 计划 (U+8BA1 U+5212), not 计画. */
	CHECK("計畫", SL_NORM_TRAD_SIMP, { 0x8BA1, 0, 3 }, { 0x5212, 3, 6 });
	/* Simplified text is left alone. */
	CHECK("开诚", SL_NORM_TRAD_SIMP, { 0x5F00, 0, 3 }, { 0x8BDA, 3, 6 });
}

static void
test_norm_utf8(void **state)
{
	(void)state;
	size_t len = 0;
	char *s = sl_norm_utf8("ＡＢ 开 诚 ﬁ", strlen("ＡＢ 开 诚 ﬁ"), 0, &len);
	assert_non_null(s);
	assert_string_equal(s, "ab 开诚 fi");
	assert_int_equal(len, strlen("ab 开诚 fi"));
	free(s);
}

static void
test_empty_and_reuse(void **state)
{
	(void)state;
	struct sl_norm nm;
	sl_norm_init(&nm);
	assert_int_equal(sl_norm_text(&nm, "", 0, 0, NULL), SL_OK);
	assert_int_equal(nm.len, 0);
	assert_int_equal(sl_norm_text(&nm, "AB", 2, 0, NULL), SL_OK);
	assert_int_equal(nm.len, 2);
	assert_int_equal(sl_norm_text(&nm, "\xE2\x80\x8B", 3, 0, NULL), SL_OK);
	assert_int_equal(nm.len, 0);
	sl_norm_free(&nm);
	sl_norm_free(&nm);
	sl_norm_free(NULL);
}

/* Characters that are a normalization segment of their own are
 * normalized once and remembered (normalize.c): repeats, and characters
 * that share a slot of that memory (U+FF0C and U+FF4C both end in 0x0C),
 * give what normalizing them afresh gives, in one call and the next. */
static void
test_single_segments_remembered(void **state)
{
	(void)state;
	/* Ａ，ｌ，ｌ：each full-width character is 3 bytes. */
	CHECK("Ａ，ｌ，ｌ", 0, { 'a', 0, 3 }, { ',', 3, 6 }, { 'l', 6, 9 }, { ',', 9, 12 },
	      { 'l', 12, 15 });
	/* A ligature gives two code points, a soft hyphen none. */
	CHECK("ﬁ开\xC2\xAD诚ﬁ\xC2\xAD", 0, { 'f', 0, 3 }, { 'i', 0, 3 }, { 0x5F00, 3, 6 },
	      { 0x8BDA, 8, 11 }, { 'f', 11, 14 }, { 'i', 11, 14 });
	struct sl_norm nm;
	sl_norm_init(&nm);
	for (int round = 0; round < 3; round++) {
		assert_int_equal(sl_norm_text(&nm, "开，ｌ", strlen("开，ｌ"), 0, NULL), SL_OK);
		assert_int_equal(nm.len, 3);
		assert_int_equal(nm.cp[1], ',');
		assert_int_equal(nm.from[1], 3);
		assert_int_equal(nm.to[1], 6);
		assert_int_equal(nm.cp[2], 'l');
		assert_int_equal(nm.from[2], 6);
		assert_int_equal(nm.to[2], 9);
	}
	sl_norm_free(&nm);
}

/* Characters that normalize to themselves (or to one other character)
 * are copied without ICU when nothing after them can combine with them
 * (normalize.c); when something can, ICU decides, as before. */
static void
test_combining_after_plain_characters(void **state)
{
	(void)state;
	/* 开 A U+030A 诚: A and the ring compose (and fold) to å. */
	CHECK("开A\xCC\x8A诚", 0, { 0x5F00, 0, 3 }, { 0xE5, 3, 6 }, { 0x8BDA, 6, 9 });
	/* か U+3099 (combining voiced mark) composes to が. */
	CHECK("かか\xE3\x82\x99", 0, { 0x304B, 0, 3 }, { 0x304C, 3, 9 });
	/* Half-width ｶ and ﾞ are two starters NFKC makes one ガ. */
	CHECK("ｶ\xEF\xBE\x9E开", 0, { 0x30AC, 0, 6 }, { 0x5F00, 6, 9 });
	/* Tamil U+0BC6 U+0BBE: a second starter that composes (U+0BCA). */
	CHECK("\xE0\xAF\x86\xE0\xAE\xBE", 0, { 0x0BCA, 0, 6 });
	/* Plain text around full-width letters and an ideographic space. */
	CHECK("Ａb\xE3\x80\x80" "c，", 0, { 'a', 0, 3 }, { 'b', 3, 4 }, { ' ', 4, 7 },
	      { 'c', 7, 8 }, { ',', 8, 11 });
}

static void
test_is_cjk(void **state)
{
	(void)state;
	assert_true(sl_norm_is_cjk(0x4E00));
	assert_true(sl_norm_is_cjk(0x3007));
	assert_true(sl_norm_is_cjk(0x20000));
	assert_false(sl_norm_is_cjk('a'));
	assert_false(sl_norm_is_cjk(0xE9));
}

/* Every CJK Unified Ideograph normalizes to itself, one code point from
 * its own three bytes, as ICU's NFKC_Casefold says (the normalizer takes
 * that for granted in its fast path). */
static void
test_cjk_ideographs_are_their_own_form(void **state)
{
	(void)state;
	UErrorCode ec = U_ZERO_ERROR;
	const UNormalizer2 *nf = unorm2_getNFKCCasefoldInstance(&ec);
	assert_true(U_SUCCESS(ec));
	char *text = malloc((0x9FFF - 0x4E00 + 1) * 3 + 1);
	size_t o = 0;
	for (uint32_t c = 0x4E00; c <= 0x9FFF; c++) {
		UChar in = (UChar)c, out[4];
		UErrorCode e2 = U_ZERO_ERROR;
		assert_true(unorm2_hasBoundaryBefore(nf, (UChar32)c));
		assert_int_equal(unorm2_normalize(nf, &in, 1, out, 4, &e2), 1);
		assert_int_equal(out[0], c);
		text[o++] = (char)(0xE0 | c >> 12);
		text[o++] = (char)(0x80 | (c >> 6 & 0x3F));
		text[o++] = (char)(0x80 | (c & 0x3F));
	}
	struct sl_norm n;
	sl_norm_init(&n);
	assert_int_equal(sl_norm_text(&n, text, o, 0, NULL), SL_OK);
	assert_int_equal(n.len, 0x9FFF - 0x4E00 + 1);
	for (size_t i = 0; i < n.len; i++) {
		assert_int_equal(n.cp[i], 0x4E00 + i);
		assert_int_equal(n.from[i], 3 * i);
		assert_int_equal(n.to[i], 3 * i + 3);
	}
	sl_norm_free(&n);
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ascii_case_fold),
		cmocka_unit_test(test_fullwidth_letters),
		cmocka_unit_test(test_ligature_maps_both_letters),
		cmocka_unit_test(test_sharp_s_folds_to_ss),
		cmocka_unit_test(test_combining_sequence_is_one_segment),
		cmocka_unit_test(test_zero_width_removed),
		cmocka_unit_test(test_kangxi_radical_folds),
		cmocka_unit_test(test_space_between_cjk_dropped),
		cmocka_unit_test(test_space_elsewhere_collapsed),
		cmocka_unit_test(test_invalid_utf8_is_replacement),
		cmocka_unit_test(test_supplementary_plane),
		cmocka_unit_test(test_trad_simp_off_and_on),
		cmocka_unit_test(test_norm_utf8),
		cmocka_unit_test(test_empty_and_reuse),
		cmocka_unit_test(test_single_segments_remembered),
		cmocka_unit_test(test_combining_after_plain_characters),
		cmocka_unit_test(test_is_cjk),
		cmocka_unit_test(test_cjk_ideographs_are_their_own_form),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
