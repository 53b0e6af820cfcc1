/*
 * textscan - runs the text engine over plain-text files, one run per
 * line, and prints every finding.  For measuring dictionaries against
 * real text (false positives, recall); not used by the test suite.
 *
 *   textscan [-d DICT_DIR]... [-f DICT_FILE]... [-a YYYYMMDD] [-t] [-q]
 *            [-r RULE] FILE...
 *
 * Prints "FILE:LINE: RULE 'MATCH' -> SUGGESTION  [DICTFILE:LINE]  ...context..."
 * and, on stderr, how many lines drew a finding.  -q prints only the
 * totals; -r counts only findings of RULE; -t folds Traditional Chinese.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dict.h"
#include "matcher.h"

struct state {
	const char *file;
	size_t lineno;
	const char *line;
	size_t len;
	const char *only;
	bool quiet;
	size_t hits;
};

static void
on_match(void *ctx, const struct sl_text_match *m)
{
	struct state *st = ctx;
	if (st->only != NULL && strcmp(st->only, m->entry->rule) != 0)
		return;
	st->hits++;
	if (st->quiet)
		return;
	size_t a = m->start > 24 ? m->start - 24 : 0;
	size_t b = m->end + 24 < st->len ? m->end + 24 : st->len;
	while (a > 0 && ((unsigned char)st->line[a] & 0xC0) == 0x80)
		a--;
	while (b < st->len && ((unsigned char)st->line[b] & 0xC0) == 0x80)
		b++;
	printf("%s:%zu: %s '%.*s' -> %s  [%s:%u]  ...%.*s...\n", st->file, st->lineno,
	       m->entry->rule, (int)(m->end - m->start), st->line + m->start,
	       m->entry->nsugg ? m->entry->suggestions[0] : "-", m->entry->file,
	       m->entry->line, (int)(b - a), st->line + a);
}

static int
scan_file(const struct sl_dictset *set, struct sl_text_scratch *scr, const char *path,
          int32_t as_of, const struct sl_text_opts *opts, struct state *st,
          size_t *lines, size_t *hit_lines)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		perror(path);
		return 1;
	}
	char *buf = NULL;
	size_t cap = 0;
	ssize_t n;
	st->file = path;
	st->lineno = 0;
	while ((n = getline(&buf, &cap, f)) >= 0) {
		while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
			n--;
		st->lineno++;
		st->line = buf;
		st->len = (size_t)n;
		size_t before = st->hits;
		sl_text_scan(set, scr, buf, (size_t)n, as_of, opts, on_match, st);
		(*lines)++;
		if (st->hits > before)
			(*hit_lines)++;
	}
	free(buf);
	fclose(f);
	return 0;
}

int
main(int argc, char **argv)
{
	struct sl_dictset *set = sl_dictset_new();
	struct sl_err err;
	struct sl_text_opts opts = { false, false };
	struct state st = { 0 };
	int32_t as_of = 0;
	int i, rc = 0;
	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1] != '\0'; i++) {
		char o = argv[i][1];
		if (o == 't' || o == 'q') {
			opts.trad_simp |= o == 't';
			st.quiet |= o == 'q';
			continue;
		}
		if (i + 1 >= argc) {
			fprintf(stderr, "textscan: -%c needs an argument\n", o);
			return 2;
		}
		const char *v = argv[++i];
		sl_status s = SL_OK;
		if (o == 'd')
			s = sl_dictset_load_dir(set, v, &err);
		else if (o == 'f')
			s = sl_dictset_load_file(set, v, &err);
		else if (o == 'a')
			as_of = (int32_t)strtol(v, NULL, 10);
		else if (o == 'r')
			st.only = v;
		if (s != SL_OK) {
			fprintf(stderr, "textscan: %s\n", err.msg);
			return 2;
		}
	}
	if (sl_dictset_compile(set, &err) != SL_OK) {
		fprintf(stderr, "textscan: %s\n", err.msg);
		return 2;
	}
	struct sl_text_scratch *scr = sl_text_scratch_new();
	size_t lines = 0, hit_lines = 0;
	for (; i < argc; i++)
		rc |= scan_file(set, scr, argv[i], as_of, &opts, &st, &lines, &hit_lines);
	fprintf(stderr, "textscan: %zu entries, %zu lines, %zu with findings, %zu findings\n",
	        sl_dictset_count(set), lines, hit_lines, st.hits);
	sl_text_scratch_free(scr);
	sl_dictset_free(set);
	return rc;
}
