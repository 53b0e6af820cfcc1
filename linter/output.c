/*
 * output.c - format selection and the dispatch to writers.
 */
#include "output.h"

#include <string.h>

#include "util.h"

const char sl_version[] = "0.1.0";

bool
sl_format_parse(const char *s, enum sl_format *out)
{
	static const struct { const char *name; enum sl_format f; } tab[] = {
		{ "gcc", SL_FMT_GCC }, { "json", SL_FMT_JSON },
		{ "ndjson", SL_FMT_NDJSON }, { "summary", SL_FMT_SUMMARY },
		{ "sarif", SL_FMT_SARIF }, { "html", SL_FMT_HTML }, { "diff", SL_FMT_DIFF },
	};
	for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++) {
		if (strcmp(s, tab[i].name) == 0) {
			*out = tab[i].f;
			return true;
		}
	}
	return false;
}

sl_status
sl_output_write(FILE *f, const struct sl_report *reports, size_t n,
                const struct sl_output_opts *o)
{
	switch (o->format) {
	case SL_FMT_GCC:
		for (size_t i = 0; i < n; i++)
			sl_output_gcc(f, &reports[i], o);
		break;
	case SL_FMT_JSON:
		sl_output_json(f, reports, n, o, false);
		break;
	case SL_FMT_NDJSON:
		sl_output_json(f, reports, n, o, true);
		break;
	case SL_FMT_SUMMARY:
		sl_output_summary(f, reports, n, o);
		break;
	case SL_FMT_SARIF:
		sl_output_sarif(f, reports, n, o);
		break;
	case SL_FMT_HTML:
		sl_output_html(f, reports, n, o);
		break;
	case SL_FMT_DIFF:
		sl_output_diff(f, reports, n, o);
		break;
	}
	if (fflush(f) != 0 || ferror(f))
		return SL_ERR_IO;
	return SL_OK;
}
