/*
 * fuzz_filecheck - the file-type checks of downloads
 * (sl_filecheck_bytes): OLE2 headers and allocation tables, zip, OOXML
 * and OFD packages opened with libarchive, PDF, 7z, RAR, RTF ... The
 * first byte is what the name promises (enum sl_file_expect); the rest is
 * the file.  Checks that the outcome is in range and its detail is
 * NUL-terminated UTF-8, and describes it in both languages.
 */
#include "fuzz.h"

#include "filecheck.h"

static void
check_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		int l = sl_utf8_decode(p + i, n - i, &cp);
		FUZZ_CHECK(l > 1 || cp != 0xFFFD);   /* an invalid sequence */
		i += (size_t)l;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	enum sl_file_expect expect = (enum sl_file_expect)(data[0] % SL_EXPECT_COUNT);
	/* An exact-size copy: reads past the file are caught. */
	unsigned char *file = malloc(size);
	if (file == NULL)
		abort();
	memcpy(file, data + 1, size - 1);
	struct sl_file_check r;
	sl_filecheck_bytes(file, size - 1, expect, &r);
	FUZZ_CHECK(r.expect == expect);
	FUZZ_CHECK(r.kind < SL_FILE_KIND_COUNT && r.problem < SL_FP_COUNT);
	FUZZ_CHECK(memchr(r.detail, '\0', sizeof r.detail) != NULL);
	check_utf8(r.detail);
	(void)sl_filecheck_kind_name((enum sl_file_kind)r.kind, SL_LANG_ZH);
	if (r.problem != SL_FP_NONE) {
		char *en = sl_filecheck_describe(&r, "doc", SL_LANG_EN);
		char *zh = sl_filecheck_describe(&r, NULL, SL_LANG_ZH);
		FUZZ_CHECK(en != NULL && zh != NULL);
		check_utf8(en);
		free(en);
		free(zh);
	}
	free(file);
	return 0;
}
