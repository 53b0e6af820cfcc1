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

/* What one worker thread keeps between members (scratch buffers). */
struct sl_worker {
	struct sl_text_scratch *text;
	uint8_t *maybe_phrase;       /* per run of the page (rules.h) */
	size_t maybe_cap;
};

void sl_worker_init(struct sl_worker *w);
void sl_worker_free(struct sl_worker *w);

/* Builds the record of M with the scratch of worker W.  The result is
 * owned by the caller. */
struct sl_doc *sl_analyse_member(const struct sl_member *m, bool single_page,
                                 const struct sl_lint_opts *opts, struct sl_worker *w);

#endif
