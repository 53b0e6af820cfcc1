/* Unit tests for filecheck.c (with filecheck_zip.c, filecheck_ole2.c) and
 * formsdict.c.  The real files are the fixtures of the forms-files golden
 * case, made with LibreOffice, zip, 7z and gzip (tests/cases/forms-files/
 * sitelint.conf says how); run from the repository root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <archive.h>
#include <archive_entry.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "filecheck.h"
#include "formsdict.h"
#include "snapshot.h"
#include "util.h"

#define GOOD "tests/cases/forms-files/bgxz/good/"
#define BAD  "tests/cases/forms-files/bgxz/bad/"

static unsigned char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	struct sl_buf b;
	sl_buf_init(&b, 0);
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		assert_true(sl_buf_append(&b, chunk, n));
	fclose(f);
	return (unsigned char *)sl_buf_steal(&b, len);
}

static void
check_file(const char *path, enum sl_file_expect expect, enum sl_file_kind kind,
           enum sl_file_problem problem)
{
	size_t len;
	unsigned char *p = slurp(path, &len);
	struct sl_file_check r;
	sl_filecheck_bytes(p, len, expect, &r);
	if (r.kind != kind || r.problem != problem)
		print_error("%s: kind %d problem %d (%s)\n", path, r.kind, r.problem, r.detail);
	assert_int_equal(r.kind, kind);
	assert_int_equal(r.problem, problem);
	free(p);
}

static void
test_real_files(void **state)
{
	(void)state;
	check_file(GOOD "form.doc", SL_EXPECT_WORD, SL_FILE_OLE2_WORD, SL_FP_NONE);
	check_file(GOOD "form.docx", SL_EXPECT_WORD, SL_FILE_OOXML_WORD, SL_FP_NONE);
	check_file(GOOD "sheet.xls", SL_EXPECT_EXCEL, SL_FILE_OLE2_EXCEL, SL_FP_NONE);
	check_file(GOOD "sheet.xlsx", SL_EXPECT_EXCEL, SL_FILE_OOXML_EXCEL, SL_FP_NONE);
	check_file(GOOD "slides.ppt", SL_EXPECT_POWERPOINT, SL_FILE_OLE2_POWERPOINT, SL_FP_NONE);
	check_file(GOOD "slides.pptx", SL_EXPECT_POWERPOINT, SL_FILE_OOXML_POWERPOINT, SL_FP_NONE);
	check_file(GOOD "form.pdf", SL_EXPECT_PDF, SL_FILE_PDF, SL_FP_NONE);
	check_file(GOOD "report.ofd", SL_EXPECT_OFD, SL_FILE_OFD, SL_FP_NONE);
	check_file(GOOD "form.rtf", SL_EXPECT_RTF, SL_FILE_RTF, SL_FP_NONE);
	check_file(GOOD "bundle.zip", SL_EXPECT_ZIP, SL_FILE_ZIP, SL_FP_NONE);
	check_file(GOOD "pack.7z", SL_EXPECT_7Z, SL_FILE_7Z, SL_FP_NONE);
	check_file(GOOD "empty.rar", SL_EXPECT_RAR, SL_FILE_RAR, SL_FP_NONE);
	check_file(GOOD "list.txt.gz", SL_EXPECT_GZIP, SL_FILE_GZIP, SL_FP_NONE);
	check_file(GOOD "list.txt", SL_EXPECT_TEXT, SL_FILE_UNKNOWN, SL_FP_NONE);
	/* Word opens these under a .doc name. */
	check_file(GOOD "modern.doc", SL_EXPECT_WORD, SL_FILE_OOXML_WORD, SL_FP_NONE);
	check_file(GOOD "rich.doc", SL_EXPECT_WORD, SL_FILE_RTF, SL_FP_NONE);
	check_file(GOOD "web.doc", SL_EXPECT_WORD, SL_FILE_HTML, SL_FP_NONE);
	/* A zip is acceptable wherever a zip is asked for. */
	check_file(GOOD "form.docx", SL_EXPECT_ZIP, SL_FILE_OOXML_WORD, SL_FP_NONE);
}

static void
test_broken_files(void **state)
{
	(void)state;
	check_file(BAD "empty.docx", SL_EXPECT_WORD, SL_FILE_EMPTY, SL_FP_EMPTY);
	check_file(BAD "cut.pdf", SL_EXPECT_PDF, SL_FILE_PDF, SL_FP_PDF_NO_EOF);
	check_file(BAD "cut.docx", SL_EXPECT_WORD, SL_FILE_ZIP, SL_FP_ZIP_TRUNCATED);
	check_file(BAD "cut.doc", SL_EXPECT_WORD, SL_FILE_OLE2, SL_FP_OLE2_TRUNCATED);
	check_file(BAD "cut.7z", SL_EXPECT_7Z, SL_FILE_7Z, SL_FP_7Z_TRUNCATED);
	check_file(BAD "crc.zip", SL_EXPECT_ZIP, SL_FILE_ZIP, SL_FP_ZIP_DAMAGED);
	check_file(BAD "404.doc", SL_EXPECT_WORD, SL_FILE_HTML, SL_FP_HTML);
	check_file(BAD "gone.pdf", SL_EXPECT_PDF, SL_FILE_HTML, SL_FP_HTML);
	check_file(BAD "magic.xls", SL_EXPECT_EXCEL, SL_FILE_PNG, SL_FP_OTHER_KIND);
	check_file(BAD "junk.pdf", SL_EXPECT_PDF, SL_FILE_UNKNOWN, SL_FP_UNKNOWN);
	check_file(BAD "noct.docx", SL_EXPECT_WORD, SL_FILE_ZIP, SL_FP_NO_CONTENT_TYPES);
	check_file(BAD "noofd.ofd", SL_EXPECT_OFD, SL_FILE_ZIP, SL_FP_NO_OFD_XML);
	check_file(BAD "word.xlsx", SL_EXPECT_EXCEL, SL_FILE_OOXML_WORD, SL_FP_OTHER_KIND);
	check_file(BAD "excel.doc", SL_EXPECT_WORD, SL_FILE_OLE2_EXCEL, SL_FP_OTHER_KIND);
	/* A damaged container of another kind is named by its kind. */
	check_file(BAD "cut.docx", SL_EXPECT_PDF, SL_FILE_ZIP, SL_FP_OTHER_KIND);
	/* Text and "any" downloads only refuse HTML pages. */
	check_file(BAD "404.doc", SL_EXPECT_TEXT, SL_FILE_HTML, SL_FP_HTML);
	check_file(BAD "magic.xls", SL_EXPECT_ANY, SL_FILE_PNG, SL_FP_NONE);
}

static void
check_mem(const void *p, size_t n, enum sl_file_expect e, enum sl_file_problem problem,
          const char *detail)
{
	struct sl_file_check r;
	sl_filecheck_bytes(p, n, e, &r);
	assert_int_equal(r.problem, problem);
	if (detail != NULL)
		assert_string_equal(r.detail, detail);
}

static void
test_pdf_trailer(void **state)
{
	(void)state;
	const char *ok = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";
	check_mem(ok, strlen(ok), SL_EXPECT_PDF, SL_FP_NONE, NULL);
	/* The header may follow a little junk; %%EOF must be in the last 2 KiB. */
	char *p = sl_malloc(4096);
	memset(p, ' ', 4096);
	memcpy(p + 10, "%PDF-1.7", 8);
	memcpy(p + 1000, "%%EOF", 5);
	check_mem(p, 4096, SL_EXPECT_PDF, SL_FP_PDF_NO_EOF, NULL);
	memcpy(p + 4096 - 2048, "%%EOF", 5);
	check_mem(p, 4096, SL_EXPECT_PDF, SL_FP_NONE, NULL);
	free(p);
}

static void
test_saved_pages(void **state)
{
	(void)state;
	const char *nginx = "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body></body></html>";
	check_mem(nginx, strlen(nginx), SL_EXPECT_PDF, SL_FP_HTML, "404 Not Found");
	const char *h1 = "\xEF\xBB\xBF  <!DOCTYPE html><body><h1> 文件 <b>不存在</b> </h1></body>";
	check_mem(h1, strlen(h1), SL_EXPECT_ZIP, SL_FP_HTML, "文件 不存在");
	/* GBK titles are not quoted (they would print as mojibake). */
	const char *gbk = "<html><head><title>\xD2\xB3\xC3\xE6\xB2\xBB\xB4\xE6\xD4\xDA</title></head></html>";
	check_mem(gbk, strlen(gbk), SL_EXPECT_WORD, SL_FP_HTML, "");
	/* Pages Word and Excel write themselves are accepted for them. */
	const char *mht = "MIME-Version: 1.0\r\nContent-Type: multipart/related\r\n\r\n";
	check_mem(mht, strlen(mht), SL_EXPECT_EXCEL, SL_FP_NONE, NULL);
	check_mem(mht, strlen(mht), SL_EXPECT_PDF, SL_FP_UNKNOWN, "4D 49 4D 45 2D 56 65 72");
	const char *xml = "<?xml version=\"1.0\"?><?mso-application progid=\"Word.Document\"?><w:wordDocument/>";
	check_mem(xml, strlen(xml), SL_EXPECT_WORD, SL_FP_NONE, NULL);
	/* A long title is cut at a character boundary. */
	struct sl_buf b;
	sl_buf_init(&b, 0);
	sl_buf_puts(&b, "<title>");
	for (int i = 0; i < 40; i++)
		sl_buf_puts(&b, "页");
	sl_buf_puts(&b, "</title>");
	struct sl_file_check r;
	sl_filecheck_bytes((const unsigned char *)b.data, b.len, SL_EXPECT_PDF, &r);
	assert_int_equal(r.problem, SL_FP_HTML);
	assert_int_equal(strlen(r.detail), 60);   /* 20 characters of 3 bytes */
	sl_buf_free(&b);
}

/* Writes a zip holding NAMES (each with a little content) into memory. */
static unsigned char *
make_zip(const char *const *names, size_t n, size_t *len)
{
	size_t cap = 1 << 16;
	unsigned char *buf = sl_malloc(cap);
	struct archive *a = archive_write_new();
	archive_write_set_format_zip(a);
	assert_int_equal(archive_write_open_memory(a, buf, cap, len), ARCHIVE_OK);
	for (size_t i = 0; i < n; i++) {
		struct archive_entry *e = archive_entry_new();
		archive_entry_set_pathname(e, names[i]);
		archive_entry_set_filetype(e, AE_IFREG);
		archive_entry_set_perm(e, 0644);
		archive_entry_set_size(e, 5);
		assert_int_equal(archive_write_header(a, e), ARCHIVE_OK);
		assert_int_equal(archive_write_data(a, "<x/>\n", 5), 5);
		archive_entry_free(e);
	}
	assert_int_equal(archive_write_close(a), ARCHIVE_OK);
	archive_write_free(a);
	return buf;
}

static void
test_zip_packages(void **state)
{
	(void)state;
	static const char *const word[] = { "[Content_Types].xml", "_rels/.rels", "word/document.xml" };
	static const char *const bare[] = { "[Content_Types].xml", "_rels/.rels" };
	static const char *const ofd[] = { "OFD.xml", "Doc_0/Document.xml" };
	size_t len;
	struct sl_file_check r;
	unsigned char *z = make_zip(word, 3, &len);
	sl_filecheck_bytes(z, len, SL_EXPECT_WORD, &r);
	assert_int_equal(r.kind, SL_FILE_OOXML_WORD);
	assert_int_equal(r.problem, SL_FP_NONE);
	sl_filecheck_bytes(z, len, SL_EXPECT_POWERPOINT, &r);
	assert_int_equal(r.problem, SL_FP_OTHER_KIND);
	sl_filecheck_bytes(z, len - 10, SL_EXPECT_WORD, &r);     /* no end record */
	assert_int_equal(r.problem, SL_FP_ZIP_TRUNCATED);
	free(z);
	z = make_zip(bare, 2, &len);
	sl_filecheck_bytes(z, len, SL_EXPECT_EXCEL, &r);
	assert_int_equal(r.kind, SL_FILE_OOXML);
	assert_int_equal(r.problem, SL_FP_OOXML_NO_PART);
	free(z);
	z = make_zip(ofd, 2, &len);
	sl_filecheck_bytes(z, len, SL_EXPECT_OFD, &r);
	assert_int_equal(r.kind, SL_FILE_OFD);
	assert_int_equal(r.problem, SL_FP_NONE);
	sl_filecheck_bytes(z, len, SL_EXPECT_WORD, &r);
	assert_int_equal(r.problem, SL_FP_OTHER_KIND);
	free(z);
}

static void
test_ole2_header(void **state)
{
	(void)state;
	size_t len;
	unsigned char *p = slurp(GOOD "form.doc", &len);
	struct sl_file_check r;
	sl_filecheck_bytes(p, 512, SL_EXPECT_WORD, &r);      /* the header alone */
	assert_int_equal(r.problem, SL_FP_OLE2_TRUNCATED);
	sl_filecheck_bytes(p, 100, SL_EXPECT_WORD, &r);
	assert_int_equal(r.problem, SL_FP_OLE2_TRUNCATED);
	p[28] = 0xFF;                                         /* byte-order mark */
	sl_filecheck_bytes(p, len, SL_EXPECT_WORD, &r);
	assert_int_equal(r.problem, SL_FP_OLE2_DAMAGED);
	assert_string_equal(r.detail, "bad byte-order mark");
	p[28] = 0xFE;
	p[30] = 10;                                           /* sector size 1 KiB */
	sl_filecheck_bytes(p, len, SL_EXPECT_WORD, &r);
	assert_int_equal(r.problem, SL_FP_OLE2_DAMAGED);
	p[30] = 9;
	/* A directory that loops on itself is read once. */
	uint32_t dir = (uint32_t)p[48] | (uint32_t)p[49] << 8;
	unsigned char *e = p + ((size_t)dir + 1) * 512;
	memcpy(e + 76, "\x01\x00\x00\x00", 4);                /* root's child: 1 */
	memcpy(e + 128 + 68, "\x01\x00\x00\x00", 4);          /* 1's left: itself */
	sl_filecheck_bytes(p, len, SL_EXPECT_WORD, &r);
	assert_int_equal(r.problem, SL_FP_NONE);
	free(p);
}

static void
test_7z_header(void **state)
{
	(void)state;
	unsigned char h[64] = "7z\xBC\xAF\x27\x1C\x00\x04";
	h[12] = 8;                       /* next header at 32 + 8, 16 bytes long */
	h[20] = 16;
	check_mem(h, 56, SL_EXPECT_7Z, SL_FP_NONE, NULL);
	check_mem(h, 55, SL_EXPECT_7Z, SL_FP_7Z_TRUNCATED, NULL);
	h[19] = 0xFF;                    /* an offset that would overflow */
	check_mem(h, 64, SL_EXPECT_7Z, SL_FP_7Z_TRUNCATED, NULL);
	check_mem(h, 20, SL_EXPECT_7Z, SL_FP_7Z_TRUNCATED, NULL);
}

static void
test_describe(void **state)
{
	(void)state;
	struct sl_file_check r;
	const char *page = "<html><head><title>404 Not Found</title></head></html>";
	sl_filecheck_bytes((const unsigned char *)page, strlen(page), SL_EXPECT_WORD, &r);
	char *s = sl_filecheck_describe(&r, "doc", SL_LANG_EN);
	assert_string_equal(s, "it is an HTML page (\"404 Not Found\"), not a .doc");
	free(s);
	s = sl_filecheck_describe(&r, "doc", SL_LANG_ZH);
	assert_string_equal(s, "实为 HTML 页面（“404 Not Found”），不是 .doc 文件");
	free(s);
	for (int k = 0; k < SL_FILE_KIND_COUNT; k++) {
		assert_true(strlen(sl_filecheck_kind_name((enum sl_file_kind)k, SL_LANG_EN)) > 0);
		assert_true(strlen(sl_filecheck_kind_name((enum sl_file_kind)k, SL_LANG_ZH)) > 0);
	}
	for (int p = 1; p < SL_FP_COUNT; p++) {
		memset(&r, 0, sizeof r);
		r.problem = (uint8_t)p;
		s = sl_filecheck_describe(&r, NULL, SL_LANG_EN);
		assert_true(strlen(s) > 10);
		free(s);
	}
}

static void
test_dict_errors(void **state)
{
	(void)state;
	struct sl_formsdict d;
	struct sl_err err;
	sl_formsdict_init(&d);
	const char *ok = "\xEF\xBB\xBF# types\r\ndoc\tword\tapplication/msword\r\n\r\n  # note\npdf\tpdf\n";
	assert_int_equal(sl_formsdict_parse_types(&d, ok, strlen(ok), "t.txt", &err), SL_OK);
	assert_int_equal(d.ntypes, 2);
	assert_int_equal(sl_formsdict_by_ext(&d, "DOC", 3)->expect, SL_EXPECT_WORD);
	assert_ptr_equal(sl_formsdict_by_ctype(&d, " Application/MSWord; charset=x"), &d.types[0]);
	assert_ptr_equal(sl_formsdict_by_path(&d, "a.b/c.PDF?x=1.doc#y"), &d.types[1]);
	assert_null(sl_formsdict_by_path(&d, "a.doc/c"));
	assert_null(sl_formsdict_by_path(&d, "c.pdf.bak"));
	static const struct { const char *text, *msg; } bad[] = {
		{ "doc word\n", "t.txt:1:4: error: fields are separated by TABs" },
		{ "doc\n", "t.txt:1:4: error: expected EXT<TAB>KIND" },
		{ "\ndocx\tworde\n", "t.txt:2:6: error: unknown kind" },
		{ "DOC\tword\n", "t.txt:1:1: error: an extension is" },
		{ "doc\tword\n", "t.txt:1:1: error: extension listed twice" },
		{ "xyz\tword\tapplication/msword\n", "t.txt:1:10: error: content type listed twice" },
		{ "xyz\tword\tmsword\n", "t.txt:1:10: error: a content type is" },
		{ "xyz\t\tword\n", "t.txt:1:5: error: empty field" },
		{ "xyz\tword \n", "t.txt:1:9: error: a field starts or ends with a space" },
		{ "\xE4\xB8\x8D\t\xff\n", "t.txt:1:3: error: invalid UTF-8" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(sl_formsdict_parse_types(&d, bad[i].text, strlen(bad[i].text), "t.txt",
		                                          &err), SL_ERR_USAGE);
		if (strncmp(err.msg, bad[i].msg, strlen(bad[i].msg)) != 0)
			print_error("got \"%s\", want \"%s...\"\n", err.msg, bad[i].msg);
		assert_true(strncmp(err.msg, bad[i].msg, strlen(bad[i].msg)) == 0);
	}
	const char *g = "设定依据\t办理依据|法律依据|办理依据\n";
	assert_int_equal(sl_formsdict_parse_guide(&d, g, strlen(g), "g.txt", &err), SL_OK);
	assert_int_equal(d.classes[0].nlabels, 3);   /* the name, then two labels */
	assert_int_equal(sl_formsdict_parse_guide(&d, g, strlen(g), "g.txt", &err), SL_ERR_USAGE);
	assert_string_equal(err.msg, "g.txt:1:1: error: element class listed twice");
	const char *g2 = "申请条件\t办理条件||受理条件\n";
	assert_int_equal(sl_formsdict_parse_guide(&d, g2, strlen(g2), "g.txt", &err), SL_ERR_USAGE);
	assert_string_equal(err.msg, "g.txt:1:11: error: empty label, or a label with spaces around it");
	const char *k = "guide\t办事指南\nflow\t流程图\n";
	assert_int_equal(sl_formsdict_parse_keywords(&d, k, strlen(k), "k.txt", &err), SL_ERR_USAGE);
	assert_true(strncmp(err.msg, "k.txt:2:1: error: unknown list", 30) == 0);
	assert_true(sl_formsdict_contains(&d, SL_FL_GUIDE, "某某办事指南"));
	assert_false(sl_formsdict_contains(&d, SL_FL_GUIDE, NULL));
	sl_formsdict_free(&d);
	sl_formsdict_free(NULL);
}

static void
test_bundled_data(void **state)
{
	(void)state;
	struct sl_formsdict d;
	struct sl_err err;
	sl_formsdict_init(&d);
	assert_int_equal(sl_formsdict_load(&d, "dictionaries", &err), SL_OK);
	assert_int_equal(d.nclasses, 8);
	static const char *const classes[] = { "事项名称", "设定依据", "申请条件", "办理材料",
	                                       "办理地点", "办理时间", "联系电话", "办理流程" };
	for (size_t i = 0; i < 8; i++)
		assert_string_equal(d.classes[i].name, classes[i]);
	static const char *const exts[] = { "doc", "docx", "xls", "xlsx", "ppt", "pptx", "pdf", "wps",
	                                    "et", "ofd", "txt", "zip", "rar", "7z" };
	for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++)
		assert_non_null(sl_formsdict_by_ext(&d, exts[i], strlen(exts[i])));
	assert_null(sl_formsdict_by_ext(&d, "html", 4));
	for (int l = 0; l < SL_FL_COUNT; l++)
		assert_true(d.nwords[l] > 0);
	sl_formsdict_free(&d);
	assert_int_equal(sl_formsdict_load(&d, "no/such/dir", &err), SL_ERR_IO);
	assert_int_equal(d.ntypes, 0);
}

static void
test_member(void **state)
{
	(void)state;
	/* The bundled data, found through $SITELINT_DATA_DIR (set in main). */
	unsigned char page[] = "<html><head><title>404</title></head></html>";
	char doc[] = "www.x.gov.cn/P0201.DOC", jsp[] = "getfile.jsp", pdf[] = "application/pdf";
	struct sl_member m = { 0 };
	m.path = doc;
	m.data = page;
	m.len = sizeof page - 1;
	struct sl_file_check *r = sl_filecheck(&m);
	assert_non_null(r);
	assert_int_equal(r->expect, SL_EXPECT_WORD);
	assert_int_equal(r->problem, SL_FP_HTML);
	free(r);
	m.path = jsp;
	assert_null(sl_filecheck(&m));
	m.content_type = pdf;
	r = sl_filecheck(&m);
	assert_non_null(r);
	assert_int_equal(r->expect, SL_EXPECT_PDF);
	free(r);
}

int
main(void)
{
	setenv("SITELINT_DATA_DIR", "dictionaries", 1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_real_files),
		cmocka_unit_test(test_broken_files),
		cmocka_unit_test(test_pdf_trailer),
		cmocka_unit_test(test_saved_pages),
		cmocka_unit_test(test_zip_packages),
		cmocka_unit_test(test_ole2_header),
		cmocka_unit_test(test_7z_header),
		cmocka_unit_test(test_describe),
		cmocka_unit_test(test_dict_errors),
		cmocka_unit_test(test_bundled_data),
		cmocka_unit_test(test_member),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
