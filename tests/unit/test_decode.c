/*
 * test_decode.c - charset choice, conversion, offset map and positions
 * (linter/decode.c, linter/charset.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <unicode/ucnv.h>

#include "decode.h"

/* Converts UTF-8 to CHARSET with ICU (the bytes a real page holds).
 * The caller frees the result. */
static unsigned char *
encode(const char *charset, const char *utf8, size_t *n)
{
	UErrorCode st = U_ZERO_ERROR;
	size_t cap = strlen(utf8) * 2 + 16;
	char *out = malloc(cap);
	assert_non_null(out);
	int32_t k = ucnv_convert(charset, "UTF-8", out, (int32_t)cap, utf8, -1,
	                         &st);
	assert_false(U_FAILURE(st));
	*n = (size_t)k;
	return (unsigned char *)out;
}

/* Concatenates PREFIX (ASCII), the UTF-8 MIDDLE in CHARSET, and SUFFIX. */
static unsigned char *
page(const char *prefix, const char *charset, const char *middle,
     const char *suffix, size_t *n)
{
	size_t mn, pn = strlen(prefix), sn = strlen(suffix);
	unsigned char *m = encode(charset, middle, &mn);
	unsigned char *p = malloc(pn + mn + sn + 1);
	assert_non_null(p);
	memcpy(p, prefix, pn);
	memcpy(p + pn, m, mn);
	memcpy(p + pn + mn, suffix, sn);
	free(m);
	*n = pn + mn + sn;
	return p;
}

static void
decode_ok(const void *bytes, size_t len, const char *ct, struct sl_decoded *d)
{
	struct sl_err err;
	assert_int_equal(sl_decode(bytes, len, ct, d, &err), SL_OK);
	assert_non_null(d->text);
}

static void
decode_str(const char *s, const char *ct, struct sl_decoded *d)
{
	decode_ok(s, strlen(s), ct, d);
}

static size_t
text_off(const struct sl_decoded *d, const char *needle)
{
	const char *p = strstr(d->text, needle);
	assert_non_null(p);
	return (size_t)(p - d->text);
}

static void
assert_pos(struct sl_decoded *d, size_t off, uint32_t line, uint32_t col_char,
           uint32_t col_byte, uint32_t col_utf16)
{
	struct sl_pos p = sl_decoded_pos(d, off);
	assert_int_equal(p.line, line);
	assert_int_equal(p.col_char, col_char);
	assert_int_equal(p.col_byte, col_byte);
	assert_int_equal(p.col_utf16, col_utf16);
}

/* Properties every decoding must have, whatever the input. */
static void
check_invariants(const struct sl_decoded *d, size_t input_len)
{
	const unsigned char *t = (const unsigned char *)d->text;
	assert_int_equal(t[d->len], 0);
	assert_int_equal(strlen(d->text), d->len);
	for (size_t i = 0; i < d->len;) {
		uint32_t cp;
		int k = sl_utf8_decode(t + i, d->len - i, &cp);
		/* A real U+FFFD is 3 bytes; 1 byte >= 0x80 is invalid. */
		assert_false(k == 1 && t[i] >= 0x80);
		i += (size_t)k;
	}
	if (d->orig != NULL) {
		assert_int_equal(d->orig[d->len], input_len);
		for (size_t i = 1; i <= d->len; i++)
			assert_true(d->orig[i - 1] <= d->orig[i]);
	} else {
		assert_int_equal(d->len + d->orig_base, input_len);
	}
	assert_true(d->nlines >= 1);
	assert_int_equal(d->lines[0], 0);
	for (size_t i = 1; i < d->nlines; i++)
		assert_true(d->lines[i - 1] < d->lines[i] && d->lines[i] <= d->len);
	assert_true(d->invalid_count == 0 || d->first_invalid < d->len);
}

static void
test_bom_utf8(void **state)
{
	struct sl_decoded d;
	(void)state;
	decode_str("\xEF\xBB\xBF" "ab\ncd", "text/html; charset=gbk", &d);
	assert_string_equal(d.text, "ab\ncd");
	assert_int_equal(d.source, SL_CS_BOM);
	assert_string_equal(d.charset, "UTF-8");
	assert_string_equal(d.declared_http, "gbk");
	assert_string_equal(d.declared, "");
	assert_null(d.orig);
	/* The BOM counts in byte columns of line 1 only. */
	assert_pos(&d, 0, 1, 1, 4, 1);
	assert_pos(&d, 1, 1, 2, 5, 2);
	assert_pos(&d, 3, 2, 1, 1, 1);
	check_invariants(&d, 8);
	sl_decoded_free(&d);
}

static void
test_bom_utf16(void **state)
{
	/* "hi\n" U+4E2D, little and big endian. */
	static const unsigned char le[] = {0xFF, 0xFE, 'h', 0, 'i', 0, '\n', 0,
	                                   0x2D, 0x4E};
	static const unsigned char be[] = {0xFE, 0xFF, 0, 'h', 0, 'i', 0, '\n',
	                                   0x4E, 0x2D};
	struct sl_decoded d;
	(void)state;
	decode_ok(le, sizeof le, NULL, &d);
	assert_string_equal(d.text, "hi\n\xE4\xB8\xAD");
	assert_int_equal(d.source, SL_CS_BOM);
	assert_string_equal(d.charset, "UTF-16LE");
	assert_pos(&d, 0, 1, 1, 3, 1);
	assert_pos(&d, 1, 1, 2, 5, 2);
	assert_pos(&d, 3, 2, 1, 1, 1);
	assert_pos(&d, d.len, 2, 2, 3, 2);
	check_invariants(&d, sizeof le);
	sl_decoded_free(&d);

	decode_ok(be, sizeof be, "text/html; charset=utf-8", &d);
	assert_string_equal(d.text, "hi\n\xE4\xB8\xAD");
	assert_string_equal(d.charset, "UTF-16BE");
	assert_int_equal(d.source, SL_CS_BOM);
	check_invariants(&d, sizeof be);
	sl_decoded_free(&d);
}

static void
test_http_beats_meta(void **state)
{
	size_t n;
	unsigned char *b = page("<meta charset=\"utf-8\"><p>", "GBK",
	                        "中文网站", "</p>", &n);
	struct sl_decoded d;
	(void)state;
	decode_ok(b, n, "text/html; charset=GBK", &d);
	assert_int_equal(d.source, SL_CS_HTTP);
	assert_string_equal(d.charset, "GBK");
	assert_string_equal(d.declared, "GBK");
	assert_string_equal(d.declared_http, "GBK");
	assert_string_equal(d.declared_meta, "utf-8");
	assert_int_equal(d.meta_offset, 0);
	assert_non_null(strstr(d.text, "<p>中文网站</p>"));
	assert_int_equal(d.invalid_count, 0);
	check_invariants(&d, n);
	sl_decoded_free(&d);

	/* Without the header the meta decides, and the GBK bytes are
	 * invalid UTF-8. */
	decode_ok(b, n, NULL, &d);
	assert_int_equal(d.source, SL_CS_META);
	assert_string_equal(d.charset, "UTF-8");
	assert_true(d.invalid_count > 0);
	assert_int_equal(d.first_invalid, text_off(&d, "<p>") + 3);
	check_invariants(&d, n);
	sl_decoded_free(&d);
	free(b);
}

static void
test_meta_charset(void **state)
{
	size_t n;
	unsigned char *b = page("<!DOCTYPE html><html><head>"
	                        "<!-- <meta charset=\"big5\"> -->"
	                        "<div title='<meta charset=big5>'>"
	                        "<META Charset = 'gb2312' >",
	                        "GBK", "<title>通知公告</title>", "", &n);
	struct sl_decoded d;
	(void)state;
	decode_ok(b, n, NULL, &d);
	assert_int_equal(d.source, SL_CS_META);
	assert_string_equal(d.charset, "GBK");
	assert_string_equal(d.declared, "gb2312");
	assert_string_equal(d.declared_meta, "gb2312");
	assert_string_equal(d.declared_http, "");
	assert_int_equal(d.meta_offset, text_off(&d, "<META"));
	assert_non_null(strstr(d.text, "<title>通知公告</title>"));
	check_invariants(&d, n);
	sl_decoded_free(&d);
	free(b);
}

static void
test_meta_http_equiv(void **state)
{
	struct sl_decoded d;
	size_t n;
	(void)state;
	unsigned char *b = page("<html><head><meta name=\"x\" content=\"charset=big5\">"
	                        "<meta http-equiv=\"Content-Type\" "
	                        "content=\"text/html; charset=gb2312\">",
	                        "GBK", "政府信息公开", "", &n);
	decode_ok(b, n, NULL, &d);
	assert_int_equal(d.source, SL_CS_META);
	assert_string_equal(d.charset, "GBK");
	assert_string_equal(d.declared_meta, "gb2312");
	assert_int_equal(d.meta_offset, text_off(&d, "<meta http-equiv"));
	assert_non_null(strstr(d.text, "政府信息公开"));
	sl_decoded_free(&d);
	free(b);

	/* Attributes in the other order, unquoted. */
	decode_str("<meta content=text/html;charset=x-gbk "
	           "http-equiv=content-type>", NULL, &d);
	assert_int_equal(d.source, SL_CS_META);
	assert_string_equal(d.charset, "GBK");
	assert_string_equal(d.declared_meta, "x-gbk");
	sl_decoded_free(&d);

	/* A content charset without the pragma is no declaration. */
	decode_str("<meta content=\"text/html; charset=gbk\">x", NULL, &d);
	assert_int_equal(d.source, SL_CS_DEFAULT);
	assert_string_equal(d.declared_meta, "");
	sl_decoded_free(&d);

	/* A UTF-16 label in a meta means UTF-8. */
	decode_str("<meta charset=utf-16le>x", NULL, &d);
	assert_int_equal(d.source, SL_CS_META);
	assert_string_equal(d.charset, "UTF-8");
	sl_decoded_free(&d);

	/* An unknown label is kept for the diagnostic; detection decides. */
	decode_str("<meta charset=\"gb-2312\"><p>x", NULL, &d);
	assert_string_equal(d.declared_meta, "gb-2312");
	assert_string_equal(d.declared, "");
	assert_int_equal(d.source, SL_CS_DEFAULT);
	sl_decoded_free(&d);
}

static void
test_meta_after_1024_ignored(void **state)
{
	char buf[1200];
	struct sl_decoded d;
	(void)state;
	memset(buf, ' ', sizeof buf);
	memcpy(buf + 1030, "<meta charset=gbk>", 18);
	buf[1100] = '\0';
	decode_str(buf, NULL, &d);
	assert_string_equal(d.declared_meta, "");
	assert_int_equal(d.source, SL_CS_DEFAULT);
	sl_decoded_free(&d);

	memcpy(buf + 900, "<meta charset=gbk>", 18);
	decode_str(buf, NULL, &d);
	assert_string_equal(d.declared_meta, "gbk");
	assert_int_equal(d.meta_offset, 900);
	sl_decoded_free(&d);
}

static void
test_gb2312_decodes_as_gb18030(void **state)
{
	/* 81 40 is U+4E02 (GBK, not GB2312); 95 32 82 36 is U+20000 (only
	 * GB18030). */
	static const char b[] = "<meta charset=gb2312>\x81\x40|\x95\x32\x82\x36|";
	struct sl_decoded d;
	(void)state;
	decode_str(b, NULL, &d);
	assert_string_equal(d.charset, "GBK");
	assert_int_equal(d.invalid_count, 0);
	assert_string_equal(d.text + text_off(&d, ">") + 1,
	                    "\xE4\xB8\x82|\xF0\xA0\x80\x80|");
	size_t a = text_off(&d, "\xF0");
	/* The 4-byte character: 4 bytes, 1 code point, 2 UTF-16 units. */
	struct sl_pos p0 = sl_decoded_pos(&d, a), p1 = sl_decoded_pos(&d, a + 4);
	assert_int_equal(p1.col_byte - p0.col_byte, 4);
	assert_int_equal(p1.col_char - p0.col_char, 1);
	assert_int_equal(p1.col_utf16 - p0.col_utf16, 2);
	check_invariants(&d, strlen(b));
	sl_decoded_free(&d);
}

static const char notice[] =
	"关于做好2024年度政府信息公开工作年度报告编制发布工作的通知。"
	"各乡镇人民政府，县政府各部门、各直属机构：为深入贯彻落实《中华人民共和国"
	"政府信息公开条例》有关规定，切实做好政府信息公开工作年度报告编制和发布工作，"
	"现将有关事项通知如下。一、高度重视年度报告工作。各单位要充分认识做好年度"
	"报告工作的重要意义，主要负责同志要亲自审定，明确专人负责，确保按时保质完成。"
	"二、严格规范报告内容。年度报告应当包括主动公开政府信息情况、收到和处理政府"
	"信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进"
	"情况等内容，数据要真实准确，表述要规范严谨。三、按时公开发布。各单位应于每年"
	"一月三十一日前，在本单位门户网站政府信息公开专栏集中发布，并报送县政府办公室"
	"备案。联系人：张明，联系电话：0123-4567890。";

static void
test_detect_gbk(void **state)
{
	char html[4096];
	size_t n;
	struct sl_decoded d;
	(void)state;
	snprintf(html, sizeof html,
	         "<html><head><title>通知</title></head><body>\n<p>%s</p>\n"
	         "</body></html>\n", notice);
	unsigned char *b = encode("GBK", html, &n);
	decode_ok(b, n, NULL, &d);
	assert_int_equal(d.source, SL_CS_DETECTED);
	assert_string_equal(d.charset, "GBK");
	assert_string_equal(d.declared, "");
	assert_int_equal(d.invalid_count, 0);
	assert_string_equal(d.text, html);
	check_invariants(&d, n);
	sl_decoded_free(&d);
	free(b);

	/* The same page in UTF-8 is recognised without ICU. */
	decode_str(html, NULL, &d);
	assert_int_equal(d.source, SL_CS_DETECTED);
	assert_string_equal(d.charset, "UTF-8");
	assert_null(d.orig);
	sl_decoded_free(&d);

	decode_str("<p>plain ASCII</p>", NULL, &d);
	assert_int_equal(d.source, SL_CS_DEFAULT);
	assert_string_equal(d.charset, "UTF-8");
	assert_null(d.orig);
	sl_decoded_free(&d);
}

static void
test_positions_gbk(void **state)
{
	size_t n;
	unsigned char *b = page("x\r\n", "GBK", "中文abc", "", &n);
	struct sl_decoded d;
	(void)state;
	decode_ok(b, n, "text/html;charset=\"gbk\"", &d);
	assert_string_equal(d.text, "x\r\n中文abc");
	size_t a = text_off(&d, "a");
	assert_pos(&d, a, 2, 3, 5, 3);
	assert_pos(&d, text_off(&d, "文"), 2, 2, 3, 2);
	assert_pos(&d, d.len, 2, 6, 8, 6);
	/* Inside a character: the character's own position. */
	assert_pos(&d, a - 1, 2, 2, 3, 2);
	check_invariants(&d, n);
	sl_decoded_free(&d);
	free(b);
}

static void
test_positions_utf8(void **state)
{
	struct sl_decoded d;
	(void)state;
	decode_str("中文abc\n\xF0\xA0\x80\x80" "b", NULL, &d);
	assert_pos(&d, 6, 1, 3, 7, 3);
	assert_pos(&d, 9, 1, 6, 10, 6);
	/* U+20000: one code point, two UTF-16 units, four bytes. */
	assert_pos(&d, 10, 2, 1, 1, 1);
	assert_pos(&d, 14, 2, 2, 5, 3);
	assert_pos(&d, d.len, 2, 3, 6, 4);
	assert_pos(&d, d.len + 100, 2, 3, 6, 4);
	check_invariants(&d, d.len);
	sl_decoded_free(&d);
}

static void
test_utf16_supplementary_http(void **state)
{
	/* 'a' U+20000 'b' in UTF-16LE, declared by HTTP, no BOM. */
	static const unsigned char b[] = {'a', 0, 0x40, 0xD8, 0x00, 0xDC, 'b', 0};
	struct sl_decoded d;
	(void)state;
	decode_ok(b, sizeof b, "text/html; charset=utf-16", &d);
	assert_string_equal(d.charset, "UTF-16LE");
	assert_string_equal(d.text, "a\xF0\xA0\x80\x80" "b");
	assert_pos(&d, 5, 1, 3, 7, 4);
	check_invariants(&d, sizeof b);
	sl_decoded_free(&d);
}

static void
test_line_breaks(void **state)
{
	struct sl_decoded d;
	size_t s, n;
	(void)state;
	decode_str("a\r\nb\rc\nd\n\r\r\ne", NULL, &d);
	/* a | b | c | d | "" | "" | e */
	assert_int_equal(d.nlines, 7);
	assert_pos(&d, 0, 1, 1, 1, 1);
	assert_pos(&d, 1, 1, 2, 2, 2);
	/* The LF of a CRLF is the same break as its CR. */
	assert_pos(&d, 2, 1, 2, 2, 2);
	assert_pos(&d, 3, 2, 1, 1, 1);
	assert_pos(&d, 5, 3, 1, 1, 1);
	assert_pos(&d, 7, 4, 1, 1, 1);
	assert_pos(&d, 12, 7, 1, 1, 1);
	sl_decoded_line(&d, 0, &s, &n);
	assert_int_equal(s, 0);
	assert_int_equal(n, 1);
	sl_decoded_line(&d, 2, &s, &n);
	assert_int_equal(s, 0);
	assert_int_equal(n, 1);
	sl_decoded_line(&d, 4, &s, &n);
	assert_int_equal(s, 3);
	assert_int_equal(n, 1);
	sl_decoded_line(&d, 9, &s, &n);
	assert_int_equal(s, 9);
	assert_int_equal(n, 0);
	sl_decoded_line(&d, d.len, &s, &n);
	assert_int_equal(s, 12);
	assert_int_equal(n, 1);
	sl_decoded_free(&d);

	decode_str("x\n", NULL, &d);
	assert_int_equal(d.nlines, 2);
	assert_pos(&d, 2, 2, 1, 1, 1);
	sl_decoded_free(&d);
}

static void
test_tabs(void **state)
{
	struct sl_decoded d;
	(void)state;
	decode_str("\tx\t\ty", NULL, &d);
	assert_pos(&d, 1, 1, 2, 2, 2);
	assert_pos(&d, 4, 1, 5, 5, 5);
	sl_decoded_free(&d);
}

static void
test_invalid_bytes(void **state)
{
	struct sl_decoded d;
	(void)state;
	/* A lone byte and a truncated 3-byte sequence: two U+FFFD. */
	decode_str("ab\xFF" "cd\xE4\xB8", "text/html; charset=utf-8", &d);
	assert_string_equal(d.text, "ab\xEF\xBF\xBD" "cd\xEF\xBF\xBD");
	assert_int_equal(d.invalid_count, 2);
	assert_int_equal(d.first_invalid, 2);
	assert_int_equal(d.nul_count, 0);
	assert_pos(&d, 5, 1, 4, 4, 4);
	assert_pos(&d, d.len, 1, 7, 8, 7);
	check_invariants(&d, 7);
	sl_decoded_free(&d);

	/* Invalid in GBK. */
	decode_str("\xD6\xD0\xFF" "A", "text/html; charset=gbk", &d);
	assert_string_equal(d.text, "中\xEF\xBF\xBD" "A");
	assert_int_equal(d.invalid_count, 1);
	assert_int_equal(d.first_invalid, 3);
	assert_pos(&d, 6, 1, 3, 4, 3);
	check_invariants(&d, 4);
	sl_decoded_free(&d);
}

static void
test_nul(void **state)
{
	static const char b[] = "a\0b";
	static const char g[] = "\xD6\xD0\0x";
	struct sl_decoded d;
	(void)state;
	decode_ok(b, 3, NULL, &d);
	assert_string_equal(d.text, "a\xEF\xBF\xBD" "b");
	assert_int_equal(d.nul_count, 1);
	assert_int_equal(d.invalid_count, 0);
	assert_pos(&d, 4, 1, 3, 3, 3);
	check_invariants(&d, 3);
	sl_decoded_free(&d);

	decode_ok(g, 4, "text/html; charset=gb2312", &d);
	assert_string_equal(d.text, "中\xEF\xBF\xBD" "x");
	assert_int_equal(d.nul_count, 1);
	check_invariants(&d, 4);
	sl_decoded_free(&d);
}

static void
test_windows_1252(void **state)
{
	struct sl_decoded d;
	(void)state;
	decode_str("\x80\x81\xE9", "text/html; charset=ISO-8859-1", &d);
	assert_string_equal(d.charset, "windows-1252");
	assert_string_equal(d.text, "\xE2\x82\xAC\xC2\x81\xC3\xA9");
	assert_int_equal(d.invalid_count, 0);
	assert_pos(&d, d.len, 1, 4, 4, 4);
	sl_decoded_free(&d);

	/* Pure ASCII in a declared charset needs no conversion. */
	decode_str("<p>ok</p>", "text/html; charset=gbk", &d);
	assert_string_equal(d.charset, "GBK");
	assert_int_equal(d.source, SL_CS_HTTP);
	assert_null(d.orig);
	sl_decoded_free(&d);
}

static void
test_canonical_labels(void **state)
{
	static const char *const cases[][2] = {
		{"utf8", "UTF-8"}, {" UTF-8 ", "UTF-8"},
		{"unicode-1-1-utf-8", "UTF-8"}, {"gb2312", "GBK"},
		{"GB2312", "GBK"}, {"x-gbk", "GBK"}, {"chinese", "GBK"},
		{"csiso58gb231280", "GBK"}, {"iso-ir-58", "GBK"},
		{"GB_2312-80", "GBK"}, {"\tgbk\n", "GBK"},
		{"gb18030", "gb18030"}, {"big5-hkscs", "Big5"},
		{"x-x-big5", "Big5"}, {"latin1", "windows-1252"},
		{"us-ascii", "windows-1252"}, {"iso-8859-1", "windows-1252"},
		{"utf-16", "UTF-16LE"}, {"utf-16be", "UTF-16BE"},
		{"shift_jis", "Shift_JIS"}, {"euc-kr", "EUC-KR"},
		{"koi8-r", "KOI8-R"}, {"iso-8859-15", "ISO-8859-15"},
	};
	static const char *const unknown[] = {
		"gb-2312", "utf-9", "", "   ", "hz-gb-2312", "gbk2",
		"gbkgbkgbkgbkgbkgbkgbkgbkgbkgbkgbkgbkgbk",
	};
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *c = sl_charset_canonical(cases[i][0]);
		assert_non_null(c);
		assert_string_equal(c, cases[i][1]);
	}
	for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++)
		assert_null(sl_charset_canonical(unknown[i]));
	assert_null(sl_charset_canonical(NULL));
}

static void
test_content_type(void **state)
{
	struct sl_decoded d;
	(void)state;
	decode_str("x", "Text/HTML; foo=bar; Charset=\"GB2312\"; q=1", &d);
	assert_string_equal(d.declared_http, "GB2312");
	assert_string_equal(d.charset, "GBK");
	sl_decoded_free(&d);
	decode_str("x", "text/html", &d);
	assert_string_equal(d.declared_http, "");
	assert_int_equal(d.source, SL_CS_DEFAULT);
	sl_decoded_free(&d);
	decode_str("x", "text/html; charset=", &d);
	assert_int_equal(d.source, SL_CS_DEFAULT);
	sl_decoded_free(&d);
}

static void
test_empty_and_limit(void **state)
{
	struct sl_decoded d;
	struct sl_err err;
	size_t s, n;
	(void)state;
	decode_ok(NULL, 0, NULL, &d);
	assert_string_equal(d.text, "");
	assert_int_equal(d.nlines, 1);
	assert_pos(&d, 0, 1, 1, 1, 1);
	sl_decoded_line(&d, 0, &s, &n);
	assert_int_equal(n, 0);
	sl_decoded_free(&d);
	sl_decoded_free(&d);
	sl_decoded_free(NULL);

	/* The length is refused before any byte is read. */
	assert_int_equal(sl_decode((const unsigned char *)"x",
	                           (size_t)UINT32_MAX / 2 + 1, NULL, &d, &err),
	                 SL_ERR_LIMIT);
	assert_null(d.text);
	sl_decoded_free(&d);
}

static void
test_span_and_units(void **state)
{
	struct sl_decoded d;
	(void)state;
	decode_str("中文abc", NULL, &d);
	struct sl_span sp = sl_decoded_span(&d, 3, 7);
	assert_int_equal(sp.start.col_char, 2);
	assert_int_equal(sp.end.col_char, 4);
	assert_int_equal(sl_pos_col(&sp.start, SL_COL_CHAR), 2);
	assert_int_equal(sl_pos_col(&sp.start, SL_COL_BYTE), 4);
	assert_int_equal(sl_pos_col(&sp.end, SL_COL_BYTE), 8);
	assert_int_equal(sl_pos_col(&sp.end, SL_COL_UTF16), 4);
	sl_decoded_free(&d);
}

/* Positions must not depend on the order of the lookups (the cursor). */
static void
test_cursor_order(void **state)
{
	size_t n;
	unsigned char *b = page("<p>\r\n", "GB18030", "中文abc\r\n政府\n\n𠀀x网站", "\r", &n);
	struct sl_decoded d;
	(void)state;
	decode_ok(b, n, "text/html; charset=gb18030", &d);
	check_invariants(&d, n);
	struct sl_pos *fwd = calloc(d.len + 1, sizeof *fwd);
	assert_non_null(fwd);
	for (size_t i = 0; i <= d.len; i++)
		fwd[i] = sl_decoded_pos(&d, i);
	for (size_t i = d.len + 1; i-- > 0;) {
		struct sl_pos p = sl_decoded_pos(&d, i);
		assert_memory_equal(&p, &fwd[i], sizeof p);
	}
	for (size_t k = 0; k < 200; k++) {
		size_t i = (k * 7919) % (d.len + 1);
		struct sl_pos p = sl_decoded_pos(&d, i);
		assert_memory_equal(&p, &fwd[i], sizeof p);
	}
	free(fwd);
	sl_decoded_free(&d);
	free(b);
}

static void
test_huge_single_line(void **state)
{
	/* "ab中" is 5 bytes, 3 code points, 3 UTF-16 units. */
	const size_t units = 4 * 1000 * 1000, len = units * 5;
	char *b = malloc(len);
	struct sl_decoded d;
	(void)state;
	assert_non_null(b);
	for (size_t i = 0; i < units; i++)
		memcpy(b + i * 5, "ab\xE4\xB8\xAD", 5);
	decode_ok(b, len, NULL, &d);
	assert_int_equal(d.nlines, 1);
	for (size_t k = 0; k < 100000; k++) {
		size_t u = k * (units / 100000);
		assert_pos(&d, u * 5, 1, (uint32_t)(3 * u + 1),
		           (uint32_t)(5 * u + 1), (uint32_t)(3 * u + 1));
	}
	sl_decoded_free(&d);
	free(b);
}

static uint64_t
xorshift(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* Long lines, looked up in random order, against a plain count. */
static void
test_long_lines_any_order(void **state)
{
	static const char *const units[] = {"a", "\xE4\xB8\xAD", "\xF0\xA0\x80\x80",
	                                    "\t"};
	size_t cap = 64 * 1024, n = 0;
	char *b = malloc(cap);
	struct sl_decoded d;
	uint64_t seed = 42;
	(void)state;
	assert_non_null(b);
	/* Lines of 20000, 9000 and 5 bytes, then one padded so that the
	 * text ends on a multiple of 4096. */
	static const size_t sizes[] = {20000, 9000, 5, 13000};
	for (size_t l = 0; l < 4; l++) {
		size_t start = n;
		while (n - start < sizes[l]) {
			const char *u = units[xorshift(&seed) % 4];
			memcpy(b + n, u, strlen(u));
			n += strlen(u);
		}
		if (l < 3) {
			memcpy(b + n, l == 0 ? "\r\n" : "\n", l == 0 ? 2 : 1);
			n += l == 0 ? 2 : 1;
		}
	}
	while (n % 4096 != 0)
		b[n++] = 'x';
	decode_ok(b, n, NULL, &d);
	assert_int_equal(d.len, n);
	assert_int_equal(d.nlines, 4);

	/* The reference: line, code points and UTF-16 units by hand. */
	struct sl_pos *ref = calloc(n + 1, sizeof *ref);
	assert_non_null(ref);
	uint32_t line = 1, cc = 1, cu = 1;
	size_t ls = 0;
	for (size_t i = 0; i <= n; i++) {
		ref[i] = (struct sl_pos){line, cc, (uint32_t)(i - ls + 1), cu};
		if (i == n)
			break;
		unsigned char c = (unsigned char)b[i];
		if (c == '\n' || (c == '\r' && (i + 1 >= n || b[i + 1] != '\n'))) {
			line++;
			cc = cu = 1;
			ls = i + 1;
		} else if ((c & 0xC0) != 0x80) {
			cc++;
			cu += c >= 0xF0 ? 2 : 1;
		}
	}
	for (size_t k = 0; k < 20000; k++) {
		size_t i = (size_t)(xorshift(&seed) % (n + 1));
		if (i == n - 1 || (k % 1000) == 0)
			i = n;
		/* Only character starts outside a CRLF's LF. */
		if ((b[i] & 0xC0) == 0x80 && i < n)
			continue;
		if (i > 0 && i < n && b[i] == '\n' && b[i - 1] == '\r')
			continue;
		struct sl_pos p = sl_decoded_pos(&d, i);
		assert_memory_equal(&p, &ref[i], sizeof p);
	}
	free(ref);
	sl_decoded_free(&d);
	free(b);
}

static void
test_random_bytes(void **state)
{
	static const char *const cts[] = {
		NULL, "text/html; charset=gbk", "text/html; charset=utf-16le",
		"text/html; charset=utf-16be", "text/html; charset=big5",
		"text/html; charset=shift_jis", "text/html; charset=iso-2022-jp",
		"text/html; charset=utf-8", "text/html; charset=latin1",
		"text/html; charset=euc-kr", "text/html; charset=x-user-defined",
		"text/html; charset=iso-8859-16",
	};
	uint64_t seed = 0x9E3779B97F4A7C15u;
	unsigned char buf[4096];
	(void)state;
	for (int iter = 0; iter < 600; iter++) {
		size_t n = (size_t)(xorshift(&seed) % sizeof buf);
		for (size_t i = 0; i < n; i++)
			buf[i] = (unsigned char)xorshift(&seed);
		/* Some inputs mostly ASCII with line breaks, some with BOMs. */
		if (iter % 3 == 1)
			for (size_t i = 0; i < n; i++)
				if (buf[i] & 0x40)
					buf[i] = (unsigned char)("ab\r\n<>中"[buf[i] % 8]);
		if (iter % 7 == 0 && n >= 3)
			memcpy(buf, iter % 2 ? "\xFF\xFE" : "\xEF\xBB\xBF",
			       iter % 2 ? 2 : 3);
		struct sl_decoded d;
		decode_ok(buf, n, cts[iter % (sizeof cts / sizeof cts[0])], &d);
		check_invariants(&d, n);
		struct sl_pos prev = {0, 0, 0, 0};
		for (size_t i = 0; i <= d.len; i++) {
			struct sl_pos p = sl_decoded_pos(&d, i);
			assert_true(p.line >= prev.line);
			if (p.line == prev.line)
				assert_true(p.col_char >= prev.col_char &&
				            p.col_byte >= prev.col_byte &&
				            p.col_utf16 >= prev.col_utf16);
			prev = p;
			size_t s, l;
			sl_decoded_line(&d, i, &s, &l);
			assert_true(s <= i && s + l <= d.len);
		}
		sl_decoded_free(&d);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bom_utf8),
		cmocka_unit_test(test_bom_utf16),
		cmocka_unit_test(test_http_beats_meta),
		cmocka_unit_test(test_meta_charset),
		cmocka_unit_test(test_meta_http_equiv),
		cmocka_unit_test(test_meta_after_1024_ignored),
		cmocka_unit_test(test_gb2312_decodes_as_gb18030),
		cmocka_unit_test(test_detect_gbk),
		cmocka_unit_test(test_positions_gbk),
		cmocka_unit_test(test_positions_utf8),
		cmocka_unit_test(test_utf16_supplementary_http),
		cmocka_unit_test(test_line_breaks),
		cmocka_unit_test(test_tabs),
		cmocka_unit_test(test_invalid_bytes),
		cmocka_unit_test(test_nul),
		cmocka_unit_test(test_windows_1252),
		cmocka_unit_test(test_canonical_labels),
		cmocka_unit_test(test_content_type),
		cmocka_unit_test(test_empty_and_limit),
		cmocka_unit_test(test_span_and_units),
		cmocka_unit_test(test_cursor_order),
		cmocka_unit_test(test_huge_single_line),
		cmocka_unit_test(test_long_lines_any_order),
		cmocka_unit_test(test_random_bytes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
