/*
 * gensite.h - the benchmark site generator's shared state: where it
 * writes, its random source, the attachment files it copies, and what it
 * counted.  gensite.c holds main() and file writing; gensite_site.c lays
 * the site out and writes its pages.
 */
#ifndef GENSITE_H
#define GENSITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gentext.h"

/* Attachment kinds, in the order of gensite.c's asset table. */
enum { GS_PDF, GS_DOC, GS_DOCX, GS_XLS, GS_XLSX, GS_WPS, GS_OFD, GS_PNG, GS_NASSETS };

struct gs_site {
	const char *root;
	const struct gen_vocab *vocab;
	struct gen_rng rng;
	const char *asset_ext[GS_NASSETS];
	char *asset[GS_NASSETS];         /* file contents (owned) */
	size_t asset_len[GS_NASSETS];
	/* What was written. */
	size_t pages, articles, lists, attachments, gbk_pages;
	uint64_t html_bytes;
};

/* Days since 1970-01-01 of Y-M-D, and back. */
long gs_days(int y, int m, int d);
void gs_civil(long days, int *y, int *m, int *d);

/* Writes LEN bytes to ROOT/REL, creating folders; exits on failure. */
void gs_write(const struct gs_site *s, const char *rel, const char *data, size_t len);

/* Writes the UTF-8 page B to REL, converted to GBK with CRLF line ends
 * when GBK is set. */
void gs_write_page(const struct gs_site *s, const char *rel, const struct gen_buf *b,
                   bool gbk);

/* Writes the whole site: exactly PAGES HTML pages, their attachments and
 * sitelint.conf. */
void gs_site_generate(struct gs_site *s, size_t pages);

#endif
