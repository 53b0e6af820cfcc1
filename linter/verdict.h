/*
 * verdict.h - the census verdict of SPEC 4.4: pass or fail, and the
 * problems worded as the notices word them (站点无法访问, 首页长期未更新 ...).
 */
#ifndef SL_VERDICT_H
#define SL_VERDICT_H

#include "config.h"
#include "lint.h"

/* Decides R->pass and R->problems from R's (final, filtered) diagnostics
 * and the limits of CFG (NULL: defaults). */
void sl_verdict_decide(struct sl_report *r, const struct sl_config *cfg);

#endif
