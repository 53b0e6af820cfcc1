/*
 * output_gcc.c - compiler-style lines, as GCC prints them:
 *
 *   site/xwzx/a.html:12:5: error: typo 开诚不公 [text/typo]
 *      12 |   <p>开诚不公地</p>
 *         |      ^~~~~~~~
 *         |      开诚布公
 *
 * The excerpt, caret line and fix-it appear on a terminal or with
 * --excerpt.  Carets are placed by display width: tabs to the next
 * multiple of 8, East Asian wide characters take two cells.
 */
#include <stdio.h>
#include <string.h>
#include <unicode/uchar.h>

#include "output.h"
#include "util.h"

static void
print_location(FILE *f, const struct sl_report *r, const struct sl_diag *d,
               const struct sl_output_opts *o)
{
	if (r->single_page)
		fputs(r->display, f);
	else if (d->file[0] == '\0')
		fwrite(r->display, 1, strlen(r->display) - (strlen(r->display) > 1), f);
	else
		fprintf(f, "%s%s", r->display, d->file);
	if (d->has_pos)
		fprintf(f, ":%u:%u", d->span.start.line, sl_pos_col(&d->span.start, o->unit));
	fputs(": ", f);
}

static int
cell_width(uint32_t cp)
{
	int w = u_getIntPropertyValue((UChar32)cp, UCHAR_EAST_ASIAN_WIDTH);
	return (w == U_EA_WIDE || w == U_EA_FULLWIDTH) ? 2 : 1;
}

/* Writes LINE with tabs expanded; records in *START_CELL and *END_CELL the
 * display cells of the code-point columns START_COL and END_COL. */
static void
print_excerpt_line(FILE *f, const char *line, uint32_t start_col, uint32_t end_col,
                   unsigned *start_cell, unsigned *end_cell)
{
	unsigned cell = 0;
	uint32_t col = 1;
	size_t n = strlen(line);
	*start_cell = *end_cell = 0;
	for (size_t i = 0; i <= n; col++) {
		if (col == start_col)
			*start_cell = cell;
		if (col == end_col)
			*end_cell = cell;
		if (i == n)
			break;
		uint32_t cp;
		int len = sl_utf8_decode((const unsigned char *)line + i, n - i, &cp);
		if (cp == '\t') {
			unsigned next = (cell / 8 + 1) * 8;
			for (; cell < next; cell++)
				fputc(' ', f);
		} else {
			fwrite(line + i, 1, (size_t)len, f);
			cell += (unsigned)cell_width(cp);
		}
		i += (size_t)len;
	}
	if (end_col > col)
		*end_cell = cell + 1;
	fputc('\n', f);
}

static void
print_excerpt(FILE *f, const struct sl_diag *d)
{
	char gutter[16];
	int gw = snprintf(gutter, sizeof gutter, "%5u", d->span.start.line);
	fprintf(f, "%s | ", gutter);
	unsigned sc, ec;
	uint32_t end_col = d->span.end.line == d->span.start.line ? d->span.end.col_char
	                                                           : UINT32_MAX;
	print_excerpt_line(f, d->excerpt, d->span.start.col_char, end_col, &sc, &ec);
	if (end_col == UINT32_MAX || ec <= sc)
		ec = end_col == UINT32_MAX ? sc + 1 : sc + 1;
	fprintf(f, "%*s | %*s^", gw, "", (int)sc, "");
	for (unsigned i = sc + 1; i < ec; i++)
		fputc('~', f);
	fputc('\n', f);
	if (d->suggestion != NULL)
		fprintf(f, "%*s | %*s%s\n", gw, "", (int)sc, "", d->suggestion);
}

void
sl_output_gcc(FILE *f, const struct sl_report *r, const struct sl_output_opts *o)
{
	static const char *const colors[] = { "\033[1;36m", "\033[1;35m", "\033[1;31m" };
	for (size_t i = 0; i < r->diags.n; i++) {
		const struct sl_diag *d = &r->diags.v[i];
		if (o->color)
			fputs("\033[1m", f);
		print_location(f, r, d, o);
		if (o->color)
			fprintf(f, "%s%s:\033[0m ", colors[d->severity],
			        sl_severity_name(d->severity, o->lang));
		else
			fprintf(f, "%s: ", sl_severity_name(d->severity, o->lang));
		fprintf(f, "%s [%s]\n", d->message, sl_rules[d->rule].id);
		if (o->excerpts && d->has_pos && d->excerpt != NULL)
			print_excerpt(f, d);
		else if (o->excerpts && d->suggestion != NULL)
			fprintf(f, "      | %s\n", d->suggestion);
	}
}
