/*
 * textbench - measures the text engine: load and compile time of a large
 * generated dictionary, automaton size, and scanning speed with and
 * without it.  Not a test: performance is measured here, never asserted
 * in a unit test.
 *
 *   textbench DICT_DIR CORPUS [ENTRIES]
 *
 * DICT_DIR is the bundled dictionaries (dictionaries/text), CORPUS a
 * plain-text file scanned one line per run (any Chinese text), ENTRIES
 * the size of the generated dictionary (default 100000).  The generated
 * wrong forms are 3-6 characters drawn from the corpus's own characters
 * (so their prefixes occur in the text and the automaton is exercised),
 * each made unique by two characters that encode its number.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "dict.h"
#include "matcher.h"

struct corpus {
	char *data;
	size_t len;
	size_t *line, *llen;
	size_t nlines;
	uint32_t *han;          /* Han characters of the corpus, repeated */
	size_t nhan;
	uint32_t *distinct;     /* distinct Han characters */
	size_t ndistinct;
};

static double
now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

static int
read_corpus(const char *path, struct corpus *c)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		perror(path);
		return -1;
	}
	struct sl_buf b;
	sl_buf_init(&b, 0);
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		sl_buf_append(&b, chunk, n);
	fclose(f);
	c->data = sl_buf_steal(&b, &c->len);
	c->line = sl_malloc((c->len + 1) * sizeof *c->line);
	c->llen = sl_malloc((c->len + 1) * sizeof *c->llen);
	c->han = sl_malloc((c->len + 1) * sizeof *c->han);
	size_t start = 0;
	for (size_t i = 0; i <= c->len; i++) {
		if (i == c->len || c->data[i] == '\n') {
			c->line[c->nlines] = start;
			c->llen[c->nlines++] = i - start;
			start = i + 1;
		}
	}
	for (size_t i = 0; i < c->len;) {
		uint32_t cp;
		i += (size_t)sl_utf8_decode((const unsigned char *)c->data + i, c->len - i, &cp);
		if (cp >= 0x4E00 && cp <= 0x9FFF)
			c->han[c->nhan++] = cp;
	}
	c->distinct = sl_malloc((c->nhan + 1) * sizeof *c->distinct);
	memcpy(c->distinct, c->han, c->nhan * sizeof *c->han);
	qsort(c->distinct, c->nhan, sizeof *c->distinct, cmp_u32);
	for (size_t i = 0; i < c->nhan; i++)
		if (c->ndistinct == 0 || c->distinct[c->ndistinct - 1] != c->distinct[i])
			c->distinct[c->ndistinct++] = c->distinct[i];
	return c->nhan >= 100 && c->ndistinct >= 64 ? 0 : -1;
}

static uint64_t rng = 88172645463325252ull;

static uint32_t
rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng % n);
}

static void
put_cp(FILE *f, uint32_t cp)
{
	char u8[4];
	fwrite(u8, 1, (size_t)sl_utf8_encode(cp, u8), f);
}

/* Writes N entries; returns 0 on success. */
static int
generate(const char *path, const struct corpus *c, size_t n)
{
	FILE *f = fopen(path, "w");
	if (f == NULL)
		return -1;
	uint32_t k = (uint32_t)c->ndistinct;
	for (size_t i = 0; i < n; i++) {
		uint32_t w[6];
		size_t len = 3 + rnd(4);
		w[0] = c->han[rnd((uint32_t)c->nhan)];
		w[1] = c->distinct[(i / k) % k];
		w[2] = c->distinct[i % k];
		for (size_t j = 3; j < len; j++)
			w[j] = c->han[rnd((uint32_t)c->nhan)];
		fputs("text/typo\t", f);
		for (size_t j = 0; j < len; j++)
			put_cp(f, w[j]);
		fputc('\t', f);
		/* The suggestion: a different first character, same length. */
		uint32_t s0 = c->distinct[rnd(k)];
		put_cp(f, s0 == w[0] ? (s0 == 0x4E00 ? 0x4E01 : 0x4E00) : s0);
		for (size_t j = 1; j < len; j++)
			put_cp(f, w[j]);
		fputc('\n', f);
	}
	return fclose(f);
}

static void
count_match(void *ctx, const struct sl_text_match *m)
{
	(void)m;
	(*(size_t *)ctx)++;
}

/* Scans the corpus three times; returns the best MB/s. */
static double
scan_speed(const struct sl_dictset *set, const struct corpus *c, size_t *matches)
{
	struct sl_text_scratch *scr = sl_text_scratch_new();
	double best = 0;
	for (int round = 0; round < 3; round++) {
		size_t m = 0;
		double t0 = now();
		for (size_t i = 0; i < c->nlines; i++)
			sl_text_scan(set, scr, c->data + c->line[i], c->llen[i], 20250101, NULL,
			             count_match, &m);
		double mbs = (double)c->len / 1e6 / (now() - t0);
		if (mbs > best)
			best = mbs;
		*matches = m;
	}
	sl_text_scratch_free(scr);
	return best;
}

static void
print_stats(const char *what, const struct sl_dictset *set)
{
	struct sl_matcher_stats st;
	sl_matcher_stats(sl_dictset_matcher(set), &st);
	printf("%s: %zu patterns, %zu states, %zu cells (%.0f%% used), alphabet %zu, "
	       "automaton %.2f MB\n", what, st.patterns, st.states, st.slots,
	       st.slots ? 100.0 * (double)st.states / (double)st.slots : 0.0,
	       st.alphabet, (double)st.bytes / 1e6);
}

int
main(int argc, char **argv)
{
	struct corpus c;
	struct sl_err err;
	memset(&c, 0, sizeof c);
	if (argc < 3) {
		fprintf(stderr, "usage: textbench DICT_DIR CORPUS [ENTRIES]\n");
		return 2;
	}
	size_t n = argc > 3 ? (size_t)strtoul(argv[3], NULL, 10) : 100000;
	if (read_corpus(argv[2], &c) != 0) {
		fprintf(stderr, "textbench: %s: too little Chinese text\n", argv[2]);
		return 2;
	}
	char path[] = "/tmp/textbench-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0 || generate(path, &c, n) != 0) {
		perror("textbench: generating the dictionary");
		return 2;
	}
	close(fd);

	double t0 = now();
	struct sl_dictset *small = sl_dictset_new();
	if (sl_dictset_load_dir(small, argv[1], &err) != SL_OK ||
	    sl_dictset_compile(small, &err) != SL_OK) {
		fprintf(stderr, "textbench: %s\n", err.msg);
		return 2;
	}
	printf("bundled: %zu entries, load+compile %.1f ms\n", sl_dictset_count(small),
	       (now() - t0) * 1e3);

	t0 = now();
	struct sl_dictset *big = sl_dictset_new();
	sl_status st = sl_dictset_load_file(big, path, &err);
	double t1 = now();
	if (st == SL_OK)
		st = sl_dictset_compile(big, &err);
	double t2 = now();
	if (st != SL_OK) {
		fprintf(stderr, "textbench: %s\n", err.msg);
		return 2;
	}
	printf("generated: %zu entries, load %.1f ms, compile %.1f ms, total %.1f ms\n",
	       sl_dictset_count(big), (t1 - t0) * 1e3, (t2 - t1) * 1e3, (t2 - t0) * 1e3);

	struct sl_dictset *both = sl_dictset_new();
	t0 = now();
	if (sl_dictset_load_dir(both, argv[1], &err) != SL_OK ||
	    sl_dictset_load_file(both, path, &err) != SL_OK ||
	    sl_dictset_compile(both, &err) != SL_OK) {
		fprintf(stderr, "textbench: %s\n", err.msg);
		return 2;
	}
	printf("bundled + generated: %zu entries, load+compile %.1f ms\n",
	       sl_dictset_count(both), (now() - t0) * 1e3);
	unlink(path);

	print_stats("automaton, bundled", small);
	print_stats("automaton, bundled + generated", both);
	size_t m1, m2;
	double s1 = scan_speed(small, &c, &m1);
	double s2 = scan_speed(both, &c, &m2);
	printf("scan %zu lines, %.1f MB: bundled %.1f MB/s (%zu findings), "
	       "bundled + generated %.1f MB/s (%zu findings), ratio %.2f\n",
	       c.nlines, (double)c.len / 1e6, s1, m1, s2, m2, s2 / s1);
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	printf("peak RSS %.1f MB\n", (double)ru.ru_maxrss / 1024.0);

	sl_dictset_free(small);
	sl_dictset_free(big);
	sl_dictset_free(both);
	free(c.data);
	free(c.line);
	free(c.llen);
	free(c.han);
	free(c.distinct);
	return 0;
}
