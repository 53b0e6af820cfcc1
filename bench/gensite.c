/*
 * gensite - writes a large, deterministic, government-style site for the
 * benchmark (make bench), or the benchmark's large dictionary.
 *
 *   gensite [-w WORDS] [-a ASSETS] [-s SEED] OUTDIR PAGES
 *   gensite [-w WORDS] -d OUTFILE ENTRIES
 *
 * The site has exactly PAGES HTML pages (at least 60): a home page with
 * navigation and the newest items of three columns, hub pages, sixteen
 * columns whose lists hold 20 dated items a page (index.html,
 * index_1.html ...), and articles of 14-20 KB with long Chinese
 * paragraphs made from WORDS (default bench/words.txt) under TRS-style
 * names (col/YYYYMM/tYYYYMMDD_ID.html).  The three policy columns are
 * GBK with CRLF line ends, as such columns often are.  Attachments
 * (pdf, doc, docx, xls, xlsx, wps, ofd), images, the style sheet and the
 * script are copies of the demo snapshot's good files (ASSETS, default
 * snapshots/county-portal).  A few problems are planted at fixed rates
 * (bench/README.md).  sitelint.conf fixes the as-of date, 2026-11-27, and
 * every file's mtime is that day.
 *
 * -d writes ENTRIES text/typo entries that never occur in generated
 * pages (see gentext.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "gentext.h"
#include "gensite.h"

static void
usage(void)
{
	fputs("usage: gensite [-w WORDS] [-a ASSETS] [-s SEED] OUTDIR PAGES\n"
	      "       gensite [-w WORDS] -d OUTFILE ENTRIES\n", stderr);
	exit(2);
}

/* --- days ------------------------------------------------------------ */

/* Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm). */
long
gs_days(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
gs_civil(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* --- files ----------------------------------------------------------- */

static char last_dir[4096];

/* Creates the folders of REL under ROOT (REL's last part is a file). */
static void
make_dirs(const char *root, const char *rel)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", root, rel);
	char *slash = strrchr(path, '/');
	if (slash == NULL)
		return;
	*slash = '\0';
	if (strcmp(path, last_dir) == 0)
		return;
	for (char *p = path + strlen(root) + 1; ; p++) {
		if (*p == '/' || *p == '\0') {
			char c = *p;
			*p = '\0';
			if (mkdir(path, 0755) != 0 && errno != EEXIST) {
				perror(path);
				exit(1);
			}
			*p = c;
			if (c == '\0')
				break;
		}
	}
	snprintf(last_dir, sizeof last_dir, "%s", path);
}

void
gs_write(const struct gs_site *s, const char *rel, const char *data, size_t len)
{
	make_dirs(s->root, rel);
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", s->root, rel);
	FILE *f = fopen(path, "wb");
	if (f == NULL || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
		perror(path);
		exit(1);
	}
	struct timespec ts[2];
	ts[0].tv_sec = ts[1].tv_sec = (time_t)gs_days(2026, 11, 27) * 86400 + 12 * 3600;
	ts[0].tv_nsec = ts[1].tv_nsec = 0;
	utimensat(AT_FDCWD, path, ts, 0);
}

/* Converts the UTF-8 page B to GBK with CRLF line ends, then writes it. */
static void
write_gbk(const struct gs_site *s, const char *rel, const struct gen_buf *b)
{
	struct gen_buf crlf = { 0 };
	for (size_t i = 0; i < b->len; i++) {
		if (b->p[i] == '\n')
			gen_buf_put(&crlf, "\r\n", 2);
		else
			gen_buf_put(&crlf, b->p + i, 1);
	}
	iconv_t cd = iconv_open("GBK", "UTF-8");
	if (cd == (iconv_t)-1) {
		perror("iconv_open GBK");
		exit(1);
	}
	size_t cap = crlf.len + 16;
	char *out = malloc(cap), *op = out, *ip = crlf.p;
	size_t il = crlf.len, ol = cap;
	if (out == NULL || iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) {
		fprintf(stderr, "gensite: %s: cannot write as GBK\n", rel);
		exit(1);
	}
	iconv_close(cd);
	gs_write(s, rel, out, cap - ol);
	free(out);
	gen_buf_free(&crlf);
}

void
gs_write_page(const struct gs_site *s, const char *rel, const struct gen_buf *b, bool gbk)
{
	if (gbk)
		write_gbk(s, rel, b);
	else
		gs_write(s, rel, b->p, b->len);
}

static char *
read_asset(const char *dir, const char *rel, size_t *len)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, rel);
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		perror(path);
		exit(1);
	}
	struct gen_buf b = { 0 };
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		gen_buf_put(&b, chunk, n);
	fclose(f);
	*len = b.len;
	return b.p;
}

/* The demo snapshot's good files, by extension. */
static const struct { const char *ext, *rel; } asset_files[GS_NASSETS] = {
	{ "pdf", "bsfw/bgxz/202610/P020261020118734.pdf" },
	{ "doc", "bsfw/bgxz/202611/P020261105331842.doc" },
	{ "docx", "bsfw/bgxz/202611/P020261118563201.docx" },
	{ "xls", "bsfw/bgxz/202610/P020261030215563.xls" },
	{ "xlsx", "bsfw/bgxz/202611/P020261112402117.xlsx" },
	{ "wps", "zcwj/202611/P020261118571026.wps" },
	{ "ofd", "xxgk/xxgknb/202601/P020260120311583.ofd" },
	{ "png", "xwzx/gzdt/202611/W020261126395810.png" },
};

static const char *const static_files[] = {
	"css/style.css", "js/common.js", "images/logo.png", "images/gaba.png",
	"images/jiucuo.png", "images/top_bg.png", "images/nav_bg.png",
};

static void
load_assets(struct gs_site *s, const char *dir)
{
	for (int i = 0; i < GS_NASSETS; i++) {
		s->asset_ext[i] = asset_files[i].ext;
		s->asset[i] = read_asset(dir, asset_files[i].rel, &s->asset_len[i]);
	}
	for (size_t i = 0; i < sizeof static_files / sizeof static_files[0]; i++) {
		size_t len;
		char *data = read_asset(dir, static_files[i], &len);
		gs_write(s, static_files[i], data, len);
		free(data);
	}
}

int
main(int argc, char **argv)
{
	const char *words = "bench/words.txt", *assets = "snapshots/county-portal";
	const char *dict = NULL;
	uint64_t seed = 20170324;
	int opt;
	while ((opt = getopt(argc, argv, "w:a:s:d:")) != -1) {
		switch (opt) {
		case 'w': words = optarg; break;
		case 'a': assets = optarg; break;
		case 's': seed = strtoull(optarg, NULL, 10); break;
		case 'd': dict = optarg; break;
		default: usage();
		}
	}
	if (optind + (dict ? 1 : 2) != argc)
		usage();
	struct gen_vocab v;
	if (!gen_vocab_load(&v, words))
		return 1;
	if (dict != NULL) {
		bool ok = gen_dict_write(dict, &v, strtoul(argv[optind], NULL, 10));
		gen_vocab_free(&v);
		return ok ? 0 : 1;
	}
	struct gs_site s;
	memset(&s, 0, sizeof s);
	s.root = argv[optind];
	s.vocab = &v;
	s.rng.s = seed;
	long pages = strtol(argv[optind + 1], NULL, 10);
	if (pages < 60 || pages > 10000000) {
		fputs("gensite: PAGES must be 60 .. 10000000\n", stderr);
		return 2;
	}
	if (mkdir(s.root, 0755) != 0 && errno != EEXIST) {
		perror(s.root);
		return 1;
	}
	load_assets(&s, assets);
	gs_site_generate(&s, (size_t)pages);
	printf("gensite: %s: %zu pages (%zu articles, %zu lists, %zu other), %zu attachments, "
	       "%.1f MB of HTML (%zu GBK pages)\n", s.root, s.pages, s.articles, s.lists,
	       s.pages - s.articles - s.lists, s.attachments, (double)s.html_bytes / 1e6,
	       s.gbk_pages);
	for (int i = 0; i < GS_NASSETS; i++)
		free(s.asset[i]);
	gen_vocab_free(&v);
	return 0;
}
