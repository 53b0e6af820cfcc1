/*
 * output_diff.c - the fix-it diff (work in progress).
 */
#include "output.h"

void
sl_output_diff(FILE *f, const struct sl_report *reports, size_t n,
               const struct sl_output_opts *o)
{
	(void)f; (void)reports; (void)n; (void)o;
}
