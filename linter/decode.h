/*
 * decode.h - from a page's bytes to UTF-8 text, and from any offset in
 * that text back to an exact line and column in the original file.
 *
 * The charset is taken, in this order, from a byte-order mark, the HTTP
 * Content-Type (WARC), a <meta charset> or <meta http-equiv> in the first
 * 1024 bytes (as the HTML standard prescans), else ICU's detector.  Labels
 * are mapped as WHATWG Encoding does (gb2312, gbk, x-gbk -> GBK; gb18030;
 * latin1/iso-8859-1/ascii -> windows-1252; ...).  Conversion is done
 * with ICU.  NUL bytes and bytes invalid in the charset become U+FFFD.
 *
 * Positions: LINE counts line breaks (LF, CR or CRLF, each one break) in
 * the decoded text, 1-based; the column is 1-based and counted in code
 * points (char), in bytes of the file's own encoding (byte), or in UTF-16
 * code units (utf16).
 */
#ifndef SL_DECODE_H
#define SL_DECODE_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

enum sl_charset_source {
	SL_CS_BOM,
	SL_CS_HTTP,
	SL_CS_META,
	SL_CS_DETECTED,
	SL_CS_DEFAULT,   /* nothing declared and detection undecided: UTF-8 */
};

enum sl_column_unit { SL_COL_CHAR, SL_COL_BYTE, SL_COL_UTF16 };

/* A position in the original file.  All fields 1-based. */
struct sl_pos {
	uint32_t line;
	uint32_t col_char;
	uint32_t col_byte;
	uint32_t col_utf16;
};

/* A span; END is exclusive (the column after the last character), as in
 * SARIF. */
struct sl_span {
	struct sl_pos start;
	struct sl_pos end;
};

/* Returns the column of P in UNIT. */
uint32_t sl_pos_col(const struct sl_pos *p, enum sl_column_unit unit);

struct sl_decoded {
	char *text;              /* UTF-8, NUL-terminated; owned */
	size_t len;
	char charset[32];        /* canonical name actually used, e.g. "GBK" */
	enum sl_charset_source source;
	char declared[32];       /* label found in HTTP/meta ("" if none) */
	char declared_http[32];  /* label from the HTTP header ("" if none) */
	char declared_meta[32];  /* label from <meta> ("" if none) */
	size_t meta_offset;      /* offset in TEXT of the <meta> with the label */
	size_t invalid_count;    /* invalid sequences in the charset (each became
	                            one U+FFFD) */
	size_t first_invalid;    /* offset in TEXT of the first one */
	size_t nul_count;        /* NUL bytes (became U+FFFD) */
	bool scanned_valid;      /* TEXT is the input, scanned and found to be
	                            UTF-8 without invalid sequences or NULs */
	/* Private: offset map and line index. */
	uint32_t *orig;          /* orig byte offset for each TEXT byte offset, or
	                            NULL when the two are the same */
	size_t orig_base;        /* bytes skipped at the start (BOM) */
	uint32_t *lines;         /* TEXT offset of each line start; the same
	                            allocation holds, after nlines entries, the
	                            4 KiB checkpoints of long lines (decode.c) */
	size_t nlines;
	/* A cursor that makes ascending lookups linear in total. */
	size_t cur_off;
	struct sl_pos cur_pos;
};

/* Decodes BYTES (LEN of them).  HTTP_CONTENT_TYPE is the Content-Type
 * header value or NULL.  Fills *OUT, which the caller releases with
 * sl_decoded_free().  Fails only with SL_ERR_LIMIT when LEN exceeds
 * UINT32_MAX / 2 (offsets are 32-bit). */
sl_status sl_decode(const unsigned char *bytes, size_t len,
                    const char *http_content_type, struct sl_decoded *out,
                    struct sl_err *err);

void sl_decoded_free(struct sl_decoded *d);

/* Position of the character that starts at TEXT offset OFF (OFF == len
 * gives the position after the last character).  Not thread-safe on one
 * D: it moves D's cursor. */
struct sl_pos sl_decoded_pos(struct sl_decoded *d, size_t off);

/* The span of TEXT offsets [START, END). */
struct sl_span sl_decoded_span(struct sl_decoded *d, size_t start, size_t end);

/* The byte offset in the original input of the character that starts at
 * TEXT offset OFF. */
size_t sl_decoded_orig(const struct sl_decoded *d, size_t off);

/* Returns the line containing TEXT offset OFF, without its line break:
 * *LINE_START and *LINE_LEN are set (offsets into d->text). */
void sl_decoded_line(const struct sl_decoded *d, size_t off,
                     size_t *line_start, size_t *line_len);

/* Maps a charset label to its WHATWG canonical name for ICU ("GBK",
 * "UTF-8", "windows-1252", "GB18030", "Big5", ...), or NULL if unknown. */
const char *sl_charset_canonical(const char *label);

#endif
