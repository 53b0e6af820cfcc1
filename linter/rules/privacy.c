/*
 * rules/privacy.c - privacy/id-number and privacy/phone: personal data
 * published unmasked in page text.
 *
 * Every text run a reader sees (text, alt and title attributes, the page
 * title) is scanned by pii.h; each number is reported at its exact
 * source span with the masked form as the fix-it (35*************123,
 * 139****4265), the message showing only the masked form so that the
 * report does not spread the data further.
 */
#include "landmarks.h"
#include "pii.h"

struct scan {
	struct sl_page_check *c;
	const struct sl_textrun *run;
};

static void
on_number(void *vctx, const struct sl_pii_match *m)
{
	struct scan *x = vctx;
	struct sl_span s = sl_run_span(x->c->dec, x->run, m->start, m->end);
	enum sl_rule_id rule = m->kind == SL_PII_ID_NUMBER ? SL_R_PRIVACY_ID_NUMBER
	                                                   : SL_R_PRIVACY_PHONE;
	SL_EMIT(x->c->emit, rule, &s, m->masked, m->masked);
}

/* Page check: unmasked ID and mobile numbers. */
void
sl_check_privacy(struct sl_page_check *c)
{
	struct scan x = { c, NULL };
	for (size_t i = 0; i < c->page->nruns; i++) {
		x.run = &c->page->runs[i];
		sl_pii_scan(x.run->text, x.run->len, on_number, &x);
	}
}
