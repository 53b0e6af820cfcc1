/*
 * output_html.c - the HTML review report (work in progress).
 */
#include "output.h"

void
sl_output_html(FILE *f, const struct sl_report *reports, size_t n,
               const struct sl_output_opts *o)
{
	(void)f; (void)reports; (void)n; (void)o;
}
