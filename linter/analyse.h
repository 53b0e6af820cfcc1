/*
 * analyse.h - from one member to its site-model record.
 *
 * For an HTML member: decode it, analyse the page once (page.h), run the
 * page checks (rules/registry.c), build its inline suppressions, and keep
 * what the site checks need in a struct sl_doc.  For any other member:
 * keep its size, type and first bytes.  Runs in a worker thread; touches
 * nothing shared.
 */
#ifndef SL_ANALYSE_H
#define SL_ANALYSE_H

#include "lint.h"
#include "site.h"
#include "snapshot.h"

/* True when M should be analysed as an HTML page: by WARC Content-Type,
 * else by extension, else by sniffing its first bytes.  SINGLE_PAGE forces
 * it (a page named on the command line). */
bool sl_member_is_html(const struct sl_member *m, bool single_page);

/* Builds the record of M.  The result is owned by the caller. */
struct sl_doc *sl_analyse_member(const struct sl_member *m, bool single_page,
                                 const struct sl_lint_opts *opts);

#endif
