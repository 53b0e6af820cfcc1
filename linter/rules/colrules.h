/*
 * rules/colrules.h - the column, date and interaction checks over the
 * column model (columns.h).  sl_check_columns() (rules.h) builds the
 * model once after the stream and runs them all in this order.
 */
#ifndef SL_COLRULES_H
#define SL_COLRULES_H

#include "columns.h"
#include "rules.h"

/* rules/columns.c: site/stale-homepage, columns/stale, columns/blank,
 * columns/sparse. */
void sl_colrules_homepage(struct sl_colmodel *m);
void sl_colrules_columns(struct sl_colmodel *m);
/* rules/datecheck.c: dates/invalid, dates/future, dates/mismatch,
 * dates/missing. */
void sl_colrules_dates(struct sl_colmodel *m);
/* rules/interaction.c: interaction/unanswered, interaction/no-channel. */
void sl_colrules_interaction(struct sl_colmodel *m);

/* Reports MSG for RULE in DOC (NULL: the snapshot) at SPAN (NULL: no
 * position).  Returns the new diagnostic. */
struct sl_diag *sl_colrules_emit(struct sl_colmodel *m, const struct sl_doc *doc,
                                 enum sl_rule_id rule, const struct sl_span *span,
                                 const char *msg);

/* The class of a column as a reader names it ("news", "新闻动态类"). */
const char *sl_colrules_class_label(enum sl_column_class cls, enum sl_lang lang);

/* Days from DATE to the as-of date (positive when DATE is earlier). */
int32_t sl_colrules_age(const struct sl_colmodel *m, const struct sl_date *date);

/* DATE as YYYY-MM-DD in BUF. */
const char *sl_colrules_fmt(const struct sl_date *date, char buf[SL_DATE_FMT_SIZE]);

/* The span a finding about a whole page is shown at: its first heading,
 * else its <title>. */
struct sl_span sl_colrules_page_span(const struct sl_doc *doc);

#endif
