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
};

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
/* rules/links.c */
void sl_check_links(struct sl_site_check *c);
/* rules/site.c */
void sl_check_site_unreachable(struct sl_site_check *c);

#endif
