/*
 * output.h - the output formats of SPEC 4.2 over finished reports.
 *
 * Each writer takes the reports of all snapshots of the run and writes
 * to F; it returns SL_ERR_IO when writing failed (a full disk, a closed
 * pipe), which the caller reports and turns into exit status 2.
 */
#ifndef SL_OUTPUT_H
#define SL_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

#include "decode.h"
#include "diag.h"
#include "lint.h"

enum sl_format {
	SL_FMT_GCC,
	SL_FMT_JSON,
	SL_FMT_NDJSON,
	SL_FMT_SUMMARY,
};

struct sl_output_opts {
	enum sl_format format;
	enum sl_lang lang;
	enum sl_column_unit unit;
	bool excerpts;          /* gcc: source line, caret and fix-it */
	bool color;             /* gcc: ANSI colours (a terminal) */
};

/* Parses a --format value; false if unknown. */
bool sl_format_parse(const char *s, enum sl_format *out);

sl_status sl_output_write(FILE *f, const struct sl_report *reports, size_t n,
                          const struct sl_output_opts *o);

/* The individual writers. */
void sl_output_gcc(FILE *f, const struct sl_report *r, const struct sl_output_opts *o);
void sl_output_json(FILE *f, const struct sl_report *reports, size_t n,
                    const struct sl_output_opts *o, bool ndjson);
void sl_output_summary(FILE *f, const struct sl_report *reports, size_t n,
                       const struct sl_output_opts *o);

/* The version string of the tool. */
extern const char sl_version[];

#endif
