/*
 * filecheck_impl.h - what the parts of the file checker share
 * (filecheck.c, filecheck_zip.c, filecheck_ole2.c).  Not for rules.
 */
#ifndef SL_FILECHECK_IMPL_H
#define SL_FILECHECK_IMPL_H

#include "filecheck.h"

/* Reads the zip (OOXML, OFD) container of N bytes at P: sets out->kind to
 * SL_FILE_ZIP, SL_FILE_OFD or an SL_FILE_OOXML_* kind from the entry
 * names, and out->problem (with detail) when it is cut off or damaged. */
void sl_filecheck_zip(const unsigned char *p, size_t n, struct sl_file_check *out);

/* Reads the OLE2 compound file of N bytes at P (its signature already
 * matched): sets out->kind from its streams (WordDocument, Workbook,
 * PowerPoint Document) and out->problem when its header is invalid or
 * sectors in use lie past the end. */
void sl_filecheck_ole2(const unsigned char *p, size_t n, struct sl_file_check *out);

/* Copies S (N bytes) into out->detail, cut at a UTF-8 boundary. */
void sl_filecheck_set_detail(struct sl_file_check *out, const char *s, size_t n);

#endif
