/*
 * rules/rules.h - the interface between the lint driver and rule checks.
 *
 * Page checks run in a worker, once per HTML page, while the page's
 * decoded text and full analysis are alive; they may also fill fields of
 * the page's struct sl_doc for the site checks.  Site checks run once,
 * after the whole snapshot has been read, over the site model.  Both
 * kinds are listed in const tables (registry.c) through these typedefs,
 * so the compiler checks every signature.
 */
#ifndef SL_RULES_H
#define SL_RULES_H

#include <stdint.h>

#include "analyse.h"
#include "emit.h"
#include "lint.h"
#include "page.h"
#include "site.h"
#include "snapshot.h"
#include "url.h"

struct sl_page_check {
	const struct sl_member *member;
	struct sl_decoded *dec;
	const struct sl_page *page;
	struct sl_doc *doc;
	struct sl_emit *emit;
	const struct sl_lint_opts *opts;
	struct sl_worker *worker;    /* this thread's scratch */
	const char *misdeclared;     /* the declared label when the page was
	                                read as UTF-8 against it, else NULL */
	const uint8_t *maybe_phrase; /* per run: 0 when it holds no closure,
	                                exempt or placeholder phrase, so none
	                                need be searched there; or NULL */
};

/* Fills MAYBE (one byte per run of P) for struct sl_page_check: one pass
 * of one automaton over each run for all three phrase lists, where the
 * checks would make two or three.  Returns false (MAYBE untouched) when
 * the phrases are too many for one automaton. */
bool sl_check_phrase_runs(const struct sl_page *p, const struct sl_lint_opts *opts,
                          uint8_t *maybe);

struct sl_config;

struct sl_site_check {
	const struct sl_site *site;
	const struct sl_config *cfg;  /* NULL when there is none */
	const char *root_prefix;     /* "" or the folder the site lives in
	                                ("host/" of a WARC or wget mirror) */
	const struct sl_doc *home;   /* NULL when there is none */
	const char *home_path;       /* what was looked for when HOME is NULL */
	int32_t as_of;               /* yyyymmdd */
	enum sl_lang lang;
	struct sl_diags *out;
	const struct sl_lint_opts *opts;
	const struct sl_site_hosts *hosts;  /* the site's own hosts (links to
	                                      them are internal) */
};

typedef void (*sl_page_rule_fn)(struct sl_page_check *c);
typedef void (*sl_site_rule_fn)(struct sl_site_check *c);

extern const sl_page_rule_fn sl_page_rules[];
extern const sl_site_rule_fn sl_site_rules[];

/* rules/pages.c */
void sl_check_pages_title(struct sl_page_check *c);
void sl_check_pages_encoding(struct sl_page_check *c);
/* rules/text.c */
void sl_check_text(struct sl_page_check *c);
/* rules/columns.c (and rules/datecheck.c, rules/interaction.c, which
 * sl_check_columns runs over one column model: see rules/colrules.h) */
void sl_check_colpage(struct sl_page_check *c);
void sl_check_columns(struct sl_site_check *c);
/* rules/links.c */
void sl_check_links(struct sl_site_check *c);
/* rules/landmarks.c, identity.c, closure.c: what the government-site
 * checks record on every page, and their site checks */
void sl_check_landmarks(struct sl_page_check *c);
void sl_check_identity_scan(struct sl_page_check *c);
void sl_check_closure_scan(struct sl_page_check *c);
void sl_check_site_identifier(struct sl_site_check *c);
void sl_check_site_closure(struct sl_site_check *c);
/* rules/columns_required.c */
void sl_check_site_columns(struct sl_site_check *c);
/* rules/meta.c */
void sl_check_pages_metadata(struct sl_site_check *c);
/* rules/decommissioned.c */
void sl_check_links_decommissioned(struct sl_site_check *c);
/* rules/privacy.c */
void sl_check_privacy(struct sl_page_check *c);
/* rules/site.c */
void sl_check_site_unreachable(struct sl_site_check *c);
/* rules/forms.c, forms_page.c, forms_columns.c: downloads, service
 * columns, 办事指南, 依申请公开 */
void sl_check_forms_page(struct sl_page_check *c);
void sl_check_forms(struct sl_site_check *c);
struct sl_url_ref;
/* True when link L, resolved to REF (naming TARGET, or NULL when it is
 * missing), leads to a download: forms/missing then reports a missing
 * target instead of links/broken (links.c asks). */
bool sl_forms_is_download_link(const struct sl_doc_link *l, const struct sl_url_ref *ref,
                               const struct sl_doc *target);

#endif
