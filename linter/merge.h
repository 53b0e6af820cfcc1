/*
 * merge.h - sitelint --merge FILE...: the reports of many runs, read back
 * from their --format ndjson lines, as one set of reports.
 *
 * A province's thousands of sites are linted in pieces (GNU parallel over
 * machines, a Kubernetes Indexed Job, a Slurm array), each piece writing
 * one NDJSON line per snapshot; --merge reads every line of every FILE
 * ("-" is standard input) in order and gives the reports to the output
 * formats, so `--format summary` (the default with --merge) prints one
 * notice table numbered across all pieces.  Diagnostics are read back
 * only when the format shows them (json, ndjson, sarif, html, gcc); the
 * summary needs only the counts, so memory stays small.
 */
#ifndef SL_MERGE_H
#define SL_MERGE_H

#include <stdbool.h>
#include <stddef.h>

#include "lint.h"

/* The longest NDJSON line read (one snapshot with all its findings). */
#define SL_MERGE_LINE_MAX (512u << 20)

/* Reads the N files of PATHS.  On success *REPORTS holds *NREPORTS
 * reports (free each with sl_report_free(), then the array).  With
 * DIAGNOSTICS false the reports carry counts but no diagnostics.  A file
 * that cannot be read or a line that is not a snapshot object fails with
 * ERR naming the file and line (the reports read so far are freed). */
sl_status sl_merge_read(const char *const *paths, size_t n, bool diagnostics,
                        struct sl_report **reports, size_t *nreports,
                        struct sl_err *err);

#endif
