/*
 * charset.h - private to the decoding module: which charset a page
 * claims and which one it looks like.  Owns the WHATWG label table, the
 * Content-Type charset parameter, the HTML standard's <meta> prescan
 * and the wrapper around ICU's detector.  decode.c is the only user;
 * sl_charset_canonical() itself is declared in decode.h.
 */
#ifndef SL_CHARSET_H
#define SL_CHARSET_H

#include <stdbool.h>
#include <stddef.h>

/* Longest label we keep, as written, plus its NUL (the decode.h
 * fields are char[32]). */
#define SL_CHARSET_LABEL_MAX 32

/* What the prescan found in a <meta>. */
struct sl_charset_meta {
	bool found;                       /* a charset label was seen */
	size_t offset;                    /* byte offset of the meta's '<' */
	char label[SL_CHARSET_LABEL_MAX]; /* as written, sanitized, clipped */
	const char *canonical;            /* NULL if the label is unknown */
};

/* Like sl_charset_canonical() on the N bytes at P (which need not be
 * NUL-terminated). */
const char *sl_charset_canonical_n(const char *p, size_t n);

/* The ICU converter name that decodes CANONICAL (a name returned by
 * sl_charset_canonical()), or NULL if ICU is not to be used for it. */
const char *sl_charset_icu_name(const char *canonical);

/* True if CANONICAL decodes bytes 0x01-0x7F as ASCII (so a page of pure
 * ASCII needs no conversion). */
bool sl_charset_ascii_compatible(const char *canonical);

/* Copies the charset parameter of the Content-Type value CT (as
 * written, clipped and sanitized) into LABEL and returns its canonical
 * name, or NULL.  LABEL is "" when CT has no charset parameter. */
const char *sl_charset_from_content_type(const char *ct,
                                         char label[SL_CHARSET_LABEL_MAX]);

/* The HTML standard's "prescan a byte stream to determine its
 * encoding" over the first 1024 of the LEN bytes at B.  Fills *M: with
 * the meta that decides the encoding when there is one (its canonical
 * set, UTF-16 already mapped to UTF-8), else with the first meta that
 * named an unknown label (canonical NULL), else found = false. */
void sl_charset_prescan(const unsigned char *b, size_t len,
                        struct sl_charset_meta *m);

/* Runs ICU's detector over (a prefix of) the LEN bytes at B.  Returns a
 * canonical name when the detector is confident, else NULL.  GB18030
 * results are reported as "GBK": the detector cannot tell the two apart
 * and the GBK decoder is the gb18030 one. */
const char *sl_charset_detect(const unsigned char *b, size_t len);

#endif
