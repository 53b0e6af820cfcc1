/*
 * filecheck.h - is a download what its name says it is?
 *
 * The module owns the file-type checks of downloads (attachments): from a
 * member's bytes it tells what the file really is (an OLE2 compound file
 * and which Office program wrote it, an OOXML package and its kind, an OFD
 * document, a zip, PDF, RAR, 7z, RTF or gzip file, an HTML page, an image)
 * and whether it is complete, and compares that with what its extension
 * or HTTP Content-Type promises (enum sl_file_expect).  Containers are
 * opened from memory (zip and OOXML with libarchive, OLE2 by its header
 * and allocation table); nothing is written anywhere.
 *
 * The bytes are only at hand while a worker holds the member, so
 * sl_filecheck() runs there (analyse.c) and keeps a small struct
 * sl_file_check in the member's record; the forms rules report it later
 * at every link to the file (rules/forms.c).
 */
#ifndef SL_FILECHECK_H
#define SL_FILECHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "snapshot.h"

/* What a download's name promises.  Office families accept either
 * container (a .doc that is really a .docx opens in Word), but not
 * another program's file. */
enum sl_file_expect {
	SL_EXPECT_ANY,          /* any content but an HTML page: a download
	                           known by its link text or type only */
	SL_EXPECT_WORD,         /* doc docx wps ...: OLE2 or OOXML, Word */
	SL_EXPECT_EXCEL,        /* xls xlsx et ... */
	SL_EXPECT_POWERPOINT,   /* ppt pptx dps ... */
	SL_EXPECT_OFD,          /* a zip holding OFD.xml */
	SL_EXPECT_PDF,          /* %PDF- ... %%EOF */
	SL_EXPECT_ZIP,
	SL_EXPECT_RAR,
	SL_EXPECT_7Z,
	SL_EXPECT_RTF,
	SL_EXPECT_TEXT,         /* txt, csv: anything but HTML */
	SL_EXPECT_GZIP,
	SL_EXPECT_COUNT
};

/* What the bytes are. */
enum sl_file_kind {
	SL_FILE_UNKNOWN,        /* no signature we know */
	SL_FILE_EMPTY,
	SL_FILE_OLE2,           /* compound file of an unknown program */
	SL_FILE_OLE2_WORD,
	SL_FILE_OLE2_EXCEL,
	SL_FILE_OLE2_POWERPOINT,
	SL_FILE_OOXML,          /* [Content_Types].xml, no known main part */
	SL_FILE_OOXML_WORD,
	SL_FILE_OOXML_EXCEL,
	SL_FILE_OOXML_POWERPOINT,
	SL_FILE_OFD,
	SL_FILE_ZIP,
	SL_FILE_PDF,
	SL_FILE_RAR,
	SL_FILE_7Z,
	SL_FILE_RTF,
	SL_FILE_GZIP,
	SL_FILE_HTML,
	SL_FILE_PNG,
	SL_FILE_JPEG,
	SL_FILE_GIF,
	SL_FILE_TEXT,
	SL_FILE_KIND_COUNT
};

/* What is wrong with a download; SL_FP_NONE when nothing is. */
enum sl_file_problem {
	SL_FP_NONE,
	SL_FP_EMPTY,            /* zero bytes */
	SL_FP_HTML,             /* an HTML page (detail: its title, if any) */
	SL_FP_OTHER_KIND,       /* a file of another kind (see kind) */
	SL_FP_UNKNOWN,          /* no known signature (detail: first bytes) */
	SL_FP_PDF_NO_EOF,       /* %PDF- but no %%EOF at the end: cut off */
	SL_FP_ZIP_TRUNCATED,    /* no end-of-central-directory record */
	SL_FP_ZIP_DAMAGED,      /* an entry (detail: its name) or the
	                           directory cannot be read */
	SL_FP_NO_CONTENT_TYPES, /* a zip without [Content_Types].xml */
	SL_FP_OOXML_NO_PART,    /* OOXML without a word/, xl/ or ppt/ part */
	SL_FP_NO_OFD_XML,       /* a zip without OFD.xml */
	SL_FP_OLE2_DAMAGED,     /* invalid compound-file header (detail) */
	SL_FP_OLE2_TRUNCATED,   /* sectors in use lie past the end */
	SL_FP_7Z_TRUNCATED,     /* the header lies past the end */
	SL_FP_COUNT
};

#define SL_FILECHECK_DETAIL 80   /* bytes of detail kept, NUL included */

/* The outcome of one check.  Plain data: free() releases it. */
struct sl_file_check {
	uint8_t expect;         /* enum sl_file_expect */
	uint8_t kind;           /* enum sl_file_kind */
	uint8_t problem;        /* enum sl_file_problem */
	char detail[SL_FILECHECK_DETAIL];  /* UTF-8, "" when there is none */
};

/* Checks the LEN bytes at DATA against EXPECT and fills *OUT.  Never
 * fails: a file that cannot be read is a finding, not an error.  Reads
 * at most SL_FILECHECK_MAX_UNPACKED bytes out of a container. */
void sl_filecheck_bytes(const unsigned char *data, size_t len,
                        enum sl_file_expect expect, struct sl_file_check *out);

#define SL_FILECHECK_MAX_UNPACKED (64u << 20)
#define SL_FILECHECK_MAX_ENTRIES  20000

/* Checks member M when its name (or, in a WARC, its Content-Type) says it
 * is a download (dictionaries/attachment-types.txt).  Returns a new
 * result the caller frees with free(), or NULL when M is not a download
 * or the data could not be loaded. */
struct sl_file_check *sl_filecheck(const struct sl_member *m);

/* "an Excel 97-2003 workbook", "一个 Excel 97-2003 工作簿" ...: a static
 * string naming KIND in LANG. */
const char *sl_filecheck_kind_name(enum sl_file_kind kind, enum sl_lang lang);

/* Describes what is wrong with the file R (whose problem is not NONE) for
 * a message: "it is an HTML page (\"404 Not Found\"), not a .doc".  EXT
 * is the extension the link promised, without the dot ("doc"), or NULL.
 * Returns a new string. */
char *sl_filecheck_describe(const struct sl_file_check *r, const char *ext,
                            enum sl_lang lang);

#endif
