/*
 * filecheck.c - what a download really is: signatures, the PDF trailer,
 * the 7z start header, saved HTML pages; then whether that is what its
 * name promised.  Containers are read by filecheck_zip.c and
 * filecheck_ole2.c.
 */
#include "filecheck.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "filecheck_impl.h"
#include "formsdict.h"
#include "util.h"

#define SNIFF_BYTES   1024      /* where a signature or "<html" may be */
#define HTML_HEAD     8192      /* where a saved page's <title> is looked for */
#define PDF_TRAILER   2048      /* where "%%EOF" must be, from the end */
#define TITLE_BYTES   60        /* of a page title quoted in a message */

/* True when the N bytes at P are the start of a multibyte character cut
 * short by the end (a lead byte, then continuation bytes only). */
static bool
cut_character(const unsigned char *p, size_t n)
{
	if (p[0] < 0xC0 || n >= 4)
		return false;
	for (size_t i = 1; i < n; i++)
		if ((p[i] & 0xC0) != 0x80)
			return false;
	return true;
}

void
sl_filecheck_set_detail(struct sl_file_check *out, const char *s, size_t n)
{
	/* The detail goes into messages (and JSON): keep it valid UTF-8
	 * whatever S holds -- a zip entry name may be GBK or garbage, a
	 * caller may cut inside a character.  Invalid bytes become '?'; a
	 * character that does not fit, or is cut short, is left out. */
	const unsigned char *u = (const unsigned char *)s;
	size_t k = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		int l = sl_utf8_decode(u + i, n - i, &cp);
		bool bad = l == 1 && cp == 0xFFFD;
		if (bad && cut_character(u + i, n - i))
			break;
		size_t len = bad ? 1 : (size_t)l;
		if (k + len >= sizeof out->detail)
			break;
		if (bad)
			out->detail[k] = '?';
		else
			memcpy(out->detail + k, u + i, len);
		k += len;
		i += len;
	}
	out->detail[k] = '\0';
}

/* The first occurrence of NEEDLE in the N bytes at HAY, or NULL. */
static const char *
find_bytes(const unsigned char *hay, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	const char *h = (const char *)hay;
	for (size_t i = 0; i + k <= n; i++) {
		const char *p = memchr(h + i, needle[0], n - k + 1 - i);
		if (p == NULL)
			return NULL;
		i = (size_t)(p - h);
		if (memcmp(p, needle, k) == 0)
			return p;
	}
	return NULL;
}

/* ASCII case-insensitive search of NEEDLE in the N bytes at HAY. */
static const char *
find_ci(const char *hay, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	for (size_t i = 0; i + k <= n; i++)
		if (sl_ascii_nieq(hay + i, needle, k))
			return hay + i;
	return NULL;
}

/* --- saved HTML pages ----------------------------------------------- */

static bool
looks_html(const unsigned char *p, size_t n)
{
	size_t i = n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
		i++;
	if (i >= n || p[i] != '<')
		return false;
	const char *s = (const char *)p + i;
	size_t m = n - i < SNIFF_BYTES ? n - i : SNIFF_BYTES;
	static const char *const tags[] = { "<html", "<!doctype html", "<head", "<body",
	                                    "<title", "<h1", "<center" };
	for (size_t k = 0; k < sizeof tags / sizeof tags[0]; k++)
		if (find_ci(s, m, tags[k]) != NULL)
			return true;
	return false;
}

/* The text of the first <TAG> element in the head of a saved page,
 * whitespace collapsed, when it is valid UTF-8. */
static bool
element_text(const char *s, size_t n, const char *open, const char *close,
             struct sl_file_check *out)
{
	const char *a = find_ci(s, n, open);
	const char *gt = a ? memchr(a, '>', n - (size_t)(a - s)) : NULL;
	const char *b = gt ? find_ci(gt, n - (size_t)(gt - s), close) : NULL;
	if (b == NULL)
		return false;
	char text[TITLE_BYTES * 2 + 8];
	size_t k = 0;
	bool space = false;
	for (const char *p = gt + 1; p < b && k < sizeof text - 2; p++) {
		if (*p == '<') {       /* an inline tag inside: skip it */
			const char *e = memchr(p, '>', (size_t)(b - p));
			if (e == NULL)
				break;
			p = e;
			continue;
		}
		bool ws = *p == ' ' || *p == '\t' || *p == '\r' || *p == '\n';
		if (ws) {
			space = k > 0;
			continue;
		}
		if (space)
			text[k++] = ' ';
		space = false;
		text[k++] = *p;
	}
	for (size_t i = 0; i < k;) {
		uint32_t cp;
		int len = sl_utf8_decode((const unsigned char *)text + i, k - i, &cp);
		if (cp == 0xFFFD && i + (size_t)len < k)
			return false;          /* GBK or damaged: not quoted */
		if (cp == 0xFFFD) {        /* cut in the middle of a character */
			k = i;
			break;
		}
		i += (size_t)len;
	}
	if (k == 0)
		return false;
	sl_filecheck_set_detail(out, text, k < TITLE_BYTES ? k : TITLE_BYTES);
	return true;
}

static void
html_title(const unsigned char *p, size_t n, struct sl_file_check *out)
{
	const char *s = (const char *)p;
	size_t m = n < HTML_HEAD ? n : HTML_HEAD;
	if (!element_text(s, m, "<title", "</title", out))
		element_text(s, m, "<h1", "</h1", out);
}

/* Word and Excel open pages they saved themselves ("save as web page",
 * MHT, Word 2003 XML) under a .doc or .xls name. */
static bool
office_text_format(const unsigned char *p, size_t n)
{
	const char *s = (const char *)p;
	size_t m = n < HTML_HEAD ? n : HTML_HEAD;
	return find_ci(s, m, "urn:schemas-microsoft-com:office") != NULL ||
	       find_ci(s, m, "mso-application") != NULL ||
	       (m >= 13 && sl_ascii_nieq(s, "MIME-Version:", 13));
}

/* --- signatures ------------------------------------------------------ */

static void
check_pdf(const unsigned char *p, size_t n, struct sl_file_check *out)
{
	out->kind = SL_FILE_PDF;
	size_t tail = n < PDF_TRAILER ? n : PDF_TRAILER;
	if (find_bytes(p + n - tail, tail, "%%EOF") == NULL)
		out->problem = SL_FP_PDF_NO_EOF;
}

/* The 7z start header names where the end header is: past the end of
 * the file means the archive was cut off. */
static void
check_7z(const unsigned char *p, size_t n, struct sl_file_check *out)
{
	out->kind = SL_FILE_7Z;
	if (n < 32) {
		out->problem = SL_FP_7Z_TRUNCATED;
		return;
	}
	uint64_t off = 0, size = 0;
	for (int i = 7; i >= 0; i--) {
		off = off << 8 | p[12 + i];
		size = size << 8 | p[20 + i];
	}
	if (off > n || size > n || 32 + off + size > n)
		out->problem = SL_FP_7Z_TRUNCATED;
}

static bool
starts(const unsigned char *p, size_t n, const char *sig, size_t k)
{
	return n >= k && memcmp(p, sig, k) == 0;
}

/* Sets out->kind (and a container problem) from the bytes alone. */
static void
detect(const unsigned char *p, size_t n, struct sl_file_check *out)
{
	size_t head = n < SNIFF_BYTES ? n : SNIFF_BYTES;
	if (starts(p, n, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))
		sl_filecheck_ole2(p, n, out);
	else if (starts(p, n, "PK\x03\x04", 4) || starts(p, n, "PK\x05\x06", 4))
		sl_filecheck_zip(p, n, out);
	else if (find_bytes(p, head, "%PDF-") != NULL)
		check_pdf(p, n, out);
	else if (starts(p, n, "7z\xBC\xAF\x27\x1C", 6))
		check_7z(p, n, out);
	else if (starts(p, n, "Rar!\x1A\x07\x00", 7) || starts(p, n, "Rar!\x1A\x07\x01\x00", 8))
		out->kind = SL_FILE_RAR;
	else if (starts(p, n, "{\\rtf", 5))
		out->kind = SL_FILE_RTF;
	else if (starts(p, n, "\x1F\x8B", 2))
		out->kind = SL_FILE_GZIP;
	else if (starts(p, n, "\x89PNG\r\n\x1A\n", 8))
		out->kind = SL_FILE_PNG;
	else if (starts(p, n, "\xFF\xD8\xFF", 3))
		out->kind = SL_FILE_JPEG;
	else if (starts(p, n, "GIF87a", 6) || starts(p, n, "GIF89a", 6))
		out->kind = SL_FILE_GIF;
	else if (looks_html(p, n))
		out->kind = SL_FILE_HTML;
	else
		out->kind = SL_FILE_UNKNOWN;
}

/* --- what the name promised ----------------------------------------- */

static bool
is_office(enum sl_file_expect e)
{
	return e == SL_EXPECT_WORD || e == SL_EXPECT_EXCEL || e == SL_EXPECT_POWERPOINT;
}

static bool
is_zip_kind(enum sl_file_kind k)
{
	return k == SL_FILE_ZIP || k == SL_FILE_OFD || (k >= SL_FILE_OOXML && k <= SL_FILE_OOXML_POWERPOINT);
}

/* True when kind K is acceptable for E (the file may still be damaged). */
static bool
fits(enum sl_file_expect e, enum sl_file_kind k)
{
	switch (e) {
	case SL_EXPECT_WORD:
		return k == SL_FILE_OLE2 || k == SL_FILE_OLE2_WORD || k == SL_FILE_OOXML_WORD ||
		       k == SL_FILE_RTF;
	case SL_EXPECT_EXCEL:
		return k == SL_FILE_OLE2 || k == SL_FILE_OLE2_EXCEL || k == SL_FILE_OOXML_EXCEL;
	case SL_EXPECT_POWERPOINT:
		return k == SL_FILE_OLE2 || k == SL_FILE_OLE2_POWERPOINT || k == SL_FILE_OOXML_POWERPOINT;
	case SL_EXPECT_OFD:   return k == SL_FILE_OFD;
	case SL_EXPECT_PDF:   return k == SL_FILE_PDF;
	case SL_EXPECT_ZIP:   return is_zip_kind(k);
	case SL_EXPECT_RAR:   return k == SL_FILE_RAR;
	case SL_EXPECT_7Z:    return k == SL_FILE_7Z;
	case SL_EXPECT_RTF:   return k == SL_FILE_RTF;
	case SL_EXPECT_GZIP:  return k == SL_FILE_GZIP;
	default:              return k != SL_FILE_HTML;   /* text, any */
	}
}

/* Whether a damaged container of kind K is the container E asks for, so
 * that the damage (not the kind) is what to report. */
static bool
same_container(enum sl_file_expect e, enum sl_file_kind k)
{
	if (is_office(e))
		return fits(e, k) || k == SL_FILE_ZIP || k == SL_FILE_OLE2 || k == SL_FILE_OOXML;
	if (e == SL_EXPECT_OFD)
		return is_zip_kind(k);
	return fits(e, k);
}

static void
hex_detail(const unsigned char *p, size_t n, struct sl_file_check *out)
{
	char hex[3 * 8 + 1];
	size_t k = 0;
	for (size_t i = 0; i < n && i < 8; i++)
		k += (size_t)snprintf(hex + k, sizeof hex - k, i ? " %02X" : "%02X", p[i]);
	sl_filecheck_set_detail(out, hex, k);
}

void
sl_filecheck_bytes(const unsigned char *p, size_t n, enum sl_file_expect expect,
                   struct sl_file_check *out)
{
	memset(out, 0, sizeof *out);
	out->expect = (uint8_t)expect;
	if (n == 0) {
		out->kind = SL_FILE_EMPTY;
		out->problem = SL_FP_EMPTY;
		return;
	}
	detect(p, n, out);
	enum sl_file_kind k = out->kind;
	if (out->problem != SL_FP_NONE && same_container(expect, k))
		return;                 /* the right container, damaged */
	out->problem = SL_FP_NONE;
	out->detail[0] = '\0';
	if (fits(expect, k))
		return;
	if (is_office(expect) && (k == SL_FILE_HTML || k == SL_FILE_UNKNOWN) &&
	    office_text_format(p, n))
		return;
	if (k == SL_FILE_HTML) {
		out->problem = SL_FP_HTML;
		html_title(p, n, out);
	} else if (k == SL_FILE_ZIP && is_office(expect)) {
		out->problem = SL_FP_NO_CONTENT_TYPES;
	} else if (k == SL_FILE_OOXML && is_office(expect)) {
		out->problem = SL_FP_OOXML_NO_PART;
	} else if (is_zip_kind(k) && expect == SL_EXPECT_OFD) {
		out->problem = SL_FP_NO_OFD_XML;
	} else if (k == SL_FILE_UNKNOWN) {
		out->problem = SL_FP_UNKNOWN;
		hex_detail(p, n, out);
	} else {
		out->problem = SL_FP_OTHER_KIND;
	}
}

struct sl_file_check *
sl_filecheck(const struct sl_member *m)
{
	const struct sl_formsdict *d = sl_formsdict_bundled();
	const struct sl_forms_type *t = sl_formsdict_by_path(d, m->path);
	if (t == NULL)
		t = sl_formsdict_by_ctype(d, m->content_type);
	if (t == NULL)
		return NULL;
	struct sl_file_check *r = sl_malloc(sizeof *r);
	sl_filecheck_bytes(m->data, m->len, (enum sl_file_expect)t->expect, r);
	return r;
}

/* --- words for messages ---------------------------------------------- */

static const char *const kind_names[SL_FILE_KIND_COUNT][2] = {
	[SL_FILE_UNKNOWN] = { "a file of unknown type", "未知类型的文件" },
	[SL_FILE_EMPTY] = { "an empty file", "空文件" },
	[SL_FILE_OLE2] = { "an OLE2 compound file", "OLE2 复合文档" },
	[SL_FILE_OLE2_WORD] = { "a Word 97-2003 document", "Word 97-2003 文档" },
	[SL_FILE_OLE2_EXCEL] = { "an Excel 97-2003 workbook", "Excel 97-2003 工作簿" },
	[SL_FILE_OLE2_POWERPOINT] = { "a PowerPoint 97-2003 presentation", "PowerPoint 97-2003 演示文稿" },
	[SL_FILE_OOXML] = { "an OOXML package", "OOXML 文档包" },
	[SL_FILE_OOXML_WORD] = { "a Word (.docx) document", "Word（.docx）文档" },
	[SL_FILE_OOXML_EXCEL] = { "an Excel (.xlsx) workbook", "Excel（.xlsx）工作簿" },
	[SL_FILE_OOXML_POWERPOINT] = { "a PowerPoint (.pptx) presentation", "PowerPoint（.pptx）演示文稿" },
	[SL_FILE_OFD] = { "an OFD document", "OFD 版式文档" },
	[SL_FILE_ZIP] = { "a zip archive", "zip 压缩包" },
	[SL_FILE_PDF] = { "a PDF document", "PDF 文档" },
	[SL_FILE_RAR] = { "a RAR archive", "RAR 压缩包" },
	[SL_FILE_7Z] = { "a 7z archive", "7z 压缩包" },
	[SL_FILE_RTF] = { "an RTF document", "RTF 文档" },
	[SL_FILE_GZIP] = { "a gzip file", "gzip 压缩文件" },
	[SL_FILE_HTML] = { "an HTML page", "HTML 页面" },
	[SL_FILE_PNG] = { "a PNG image", "PNG 图片" },
	[SL_FILE_JPEG] = { "a JPEG image", "JPEG 图片" },
	[SL_FILE_GIF] = { "a GIF image", "GIF 图片" },
	[SL_FILE_TEXT] = { "a text file", "文本文件" },
};

const char *
sl_filecheck_kind_name(enum sl_file_kind kind, enum sl_lang lang)
{
	if ((unsigned)kind >= SL_FILE_KIND_COUNT)
		kind = SL_FILE_UNKNOWN;
	return kind_names[kind][lang == SL_LANG_ZH];
}

char *
sl_filecheck_describe(const struct sl_file_check *r, const char *ext, enum sl_lang lang)
{
	bool zh = lang == SL_LANG_ZH;
	const char *x = ext ? ext : "";
	const char *d = r->detail;
	switch ((enum sl_file_problem)r->problem) {
	case SL_FP_EMPTY:
		return sl_strdup(zh ? "文件为空（0 字节）" : "it is empty (0 bytes)");
	case SL_FP_HTML:
		if (d[0])
			return zh ? sl_aprintf("实为 HTML 页面（“%s”），不是 .%s 文件", d, x)
			          : sl_aprintf("it is an HTML page (\"%s\"), not a .%s", d, x);
		return zh ? sl_aprintf("实为 HTML 页面，不是 .%s 文件", x)
		          : sl_aprintf("it is an HTML page, not a .%s", x);
	case SL_FP_OTHER_KIND: {
		const char *k = sl_filecheck_kind_name(r->kind, lang);
		/* A space between Chinese and Latin text ("实为 PNG 图片"). */
		return zh ? sl_aprintf("实为%s%s，不是 .%s 文件", (unsigned char)k[0] < 0x80 ? " " : "", k, x)
		          : sl_aprintf("it is %s, not a .%s", k, x);
	}
	case SL_FP_UNKNOWN:
		return zh ? sl_aprintf("开头字节（%s）不是 .%s 文件的格式特征", d, x)
		          : sl_aprintf("it does not start like a .%s file (first bytes %s)", x, d);
	case SL_FP_PDF_NO_EOF:
		return sl_strdup(zh ? "PDF 文件不完整：末尾没有 %%EOF 结束标记"
		                    : "the PDF is cut off: no %%EOF at its end");
	case SL_FP_ZIP_TRUNCATED:
		return sl_strdup(zh ? "zip 容器不完整：缺少中央目录结束记录"
		                    : "the zip container is cut off: it has no end-of-central-directory record");
	case SL_FP_ZIP_DAMAGED:
		if (d[0])
			return zh ? sl_aprintf("zip 容器已损坏：条目“%s”无法读出", d)
			          : sl_aprintf("the zip container is damaged: entry '%s' cannot be read", d);
		return sl_strdup(zh ? "zip 容器已损坏：无法读出目录" : "the zip container is damaged: its directory cannot be read");
	case SL_FP_NO_CONTENT_TYPES:
		return zh ? sl_aprintf("是不含 [Content_Types].xml 的 zip 压缩包，不是 OOXML 文档（.%s）", x)
		          : sl_aprintf("it is a zip archive without [Content_Types].xml, not an OOXML document (.%s)", x);
	case SL_FP_OOXML_NO_PART:
		return sl_strdup(zh ? "OOXML 文档包中没有 word/、xl/ 或 ppt/ 部件"
		                    : "the OOXML package has no word/, xl/ or ppt/ part");
	case SL_FP_NO_OFD_XML:
		return sl_strdup(zh ? "是不含 OFD.xml 的 zip 压缩包，不是 OFD 文档"
		                    : "it is a zip archive without OFD.xml, not an OFD document");
	case SL_FP_OLE2_DAMAGED:
		return zh ? sl_aprintf("OLE2 复合文档头无效（%s）", d)
		          : sl_aprintf("the OLE2 compound file header is invalid (%s)", d);
	case SL_FP_OLE2_TRUNCATED:
		return sl_strdup(zh ? "OLE2 复合文档不完整：分配表中在用的扇区超出文件末尾"
		                    : "the OLE2 compound file is cut off: sectors in use lie past its end");
	case SL_FP_7Z_TRUNCATED:
		return sl_strdup(zh ? "7z 压缩包不完整：文件头指向文件末尾之外"
		                    : "the 7z archive is cut off: its header points past the end");
	default:
		return sl_strdup("");
	}
}
