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
	SL_FMT_SARIF,
	SL_FMT_HTML,
	SL_FMT_DIFF,
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
/* SARIF 2.1.0, one run for all snapshots (output_sarif.c). */
void sl_output_sarif(FILE *f, const struct sl_report *reports, size_t n,
                     const struct sl_output_opts *o);
/* One self-contained HTML review report (output_html.c). */
void sl_output_html(FILE *f, const struct sl_report *reports, size_t n,
                    const struct sl_output_opts *o);
/* A unified diff applying every text fix-it (output_diff.c).  It re-reads
 * the original files; one that cannot be read is skipped with a message
 * on standard error. */
void sl_output_diff(FILE *f, const struct sl_report *reports, size_t n,
                    const struct sl_output_opts *o);

/* The version string of the tool. */
extern const char sl_version[];

#endif
