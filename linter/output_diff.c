/*
 * output_diff.c - --format diff: a unified diff that applies every fix-it
 * of the text rules (text/typo, text/wrong-name, text/outdated ...: the
 * suggestion replaces the text under the span).
 *
 *   cd SNAPSHOT && patch -p1 < fixes.diff
 *
 * The original bytes are read again (source.h) and the replacement is
 * made in them, so everything else stays byte for byte: the encoding (a
 * GBK page gets its replacement in GBK, converted with ICU; a character
 * the page's charset cannot hold is written as an HTML character
 * reference &#NNNN;), CRLF line ends, a missing final line break.  The
 * span's byte columns give the exact bytes; the common beginning and end
 * of the old text and the suggestion are kept, so `开诚&#19981;公` -> 开诚布公
 * replaces only the entity.  Two fixes that overlap: the first is kept.
 * Files in an encoding that is not ASCII-compatible (UTF-16) are skipped
 * with a message on standard error, as are files that cannot be read
 * again (standard input).
 */
#include <stdlib.h>
#include <string.h>
#include <unicode/ucnv.h>
#include <unicode/ustring.h>

#include "charset.h"
#include "decode.h"
#include "output.h"
#include "source.h"
#include "util.h"

#define CONTEXT 3

struct fix {
	size_t a, b;          /* bytes [a, b) of the file to replace */
	char *rep;            /* replacement bytes, in the file's charset */
	size_t rep_len;
};

struct file_diff {
	const char *path;     /* member path (borrowed from a diagnostic) */
	size_t first, count;  /* its fix-it diagnostics in the report */
	char *text;           /* the diff of this file, or NULL */
	size_t len;
};

struct diff_run {
	const struct sl_report *r;
	struct file_diff *files;
	size_t nfiles;
	const char *const *wanted;
};

static bool
is_fixit(const struct sl_diag *d)
{
	return d->has_pos && d->suggestion != NULL && d->file[0] != '\0' &&
	       strncmp(sl_rules[d->rule].id, "text/", 5) == 0;
}

/* --- bytes and characters ----------------------------------------------- */

/* Byte offset of each line start by our line model (LF, CR, CRLF). */
static size_t *
line_starts(const unsigned char *p, size_t len, size_t *n)
{
	size_t cap = 64, k = 0;
	size_t *ls = sl_malloc(cap * sizeof *ls);
	ls[k++] = 0;
	for (size_t i = 0; i < len; i++) {
		if (p[i] != '\n' && p[i] != '\r')
			continue;
		if (p[i] == '\r' && i + 1 < len && p[i + 1] == '\n')
			i++;
		if (k == cap)
			ls = sl_realloc(ls, (cap *= 2) * sizeof *ls);
		ls[k++] = i + 1;
	}
	*n = k;
	return ls;
}

/* Converts the UTF-8 string S to CNV's charset; unmappable characters
 * become &#NNNN;.  Returns new bytes (length in *LEN) or NULL. */
static char *
to_charset(UConverter *cnv, const char *s, size_t *len)
{
	UErrorCode e = U_ZERO_ERROR;
	int32_t ulen = 0;
	size_t n = strlen(s);
	if (n > 4096)
		return NULL;
	UChar *u = sl_malloc((n + 1) * sizeof *u);
	u_strFromUTF8(u, (int32_t)n + 1, &ulen, s, (int32_t)n, &e);
	char *out = NULL;
	if (U_SUCCESS(e)) {
		ucnv_setFromUCallBack(cnv, UCNV_FROM_U_CALLBACK_ESCAPE, UCNV_ESCAPE_XML_DEC,
		                      NULL, NULL, &e);
		int32_t cap = ulen * 10 + 16;
		out = sl_malloc((size_t)cap);
		int32_t got = ucnv_fromUChars(cnv, out, cap, u, ulen, &e);
		if (U_FAILURE(e)) {
			free(out);
			out = NULL;
		} else {
			*len = (size_t)got;
		}
	}
	free(u);
	return out;
}

/* The length of the markup unit at P (N bytes left): a tag "<...>" (1
 * returned in *TAG) or an entity "&...;" (one character of text), else
 * 0: an ordinary character. */
static size_t
markup_len(const char *p, size_t n, bool *tag)
{
	*tag = p[0] == '<';
	if (p[0] != '<' && p[0] != '&')
		return 0;
	const char *end = memchr(p, p[0] == '<' ? '>' : ';', n);
	if (end == NULL || (p[0] == '&' && end - p > 32))
		return 0;
	return (size_t)(end - p) + 1;
}

/* Splits the N bytes at P into characters of CNV's charset, a tag or an
 * entity counting as one: fills B with the offset after each.  Returns
 * the count. */
static size_t
char_ends(UConverter *cnv, const char *p, size_t n, size_t *b, size_t cap)
{
	const char *s = p, *lim = p + n;
	size_t k = 0;
	ucnv_reset(cnv);
	while (s < lim && k < cap) {
		bool tag;
		size_t ml = markup_len(s, (size_t)(lim - s), &tag);
		if (ml > 0) {
			s += ml;
			b[k++] = (size_t)(s - p);
			continue;
		}
		UErrorCode e = U_ZERO_ERROR;
		ucnv_getNextUChar(cnv, &s, lim, &e);
		if (U_FAILURE(e) && s == p + (k ? b[k - 1] : 0))
			s++;   /* no progress on bad bytes: one byte is one char */
		b[k++] = (size_t)(s - p);
	}
	return k;
}

/* Narrows FX to the part that differs: drops the characters the old
 * bytes and the replacement share at the start and at the end. */
static void
trim_common(UConverter *cnv, const unsigned char *data, struct fix *fx)
{
	size_t on = fx->b - fx->a, rn = fx->rep_len;
	if (on == 0 || rn == 0 || on > 4096 || rn > 4096)
		return;
	size_t *oe = sl_malloc((on + 1) * sizeof *oe), *re = sl_malloc((rn + 1) * sizeof *re);
	const char *old = (const char *)data + fx->a;
	size_t oc = char_ends(cnv, old, on, oe, on), rc = char_ends(cnv, fx->rep, rn, re, rn);
#define START(ends, i) ((i) ? (ends)[(i) - 1] : 0)
	size_t pre = 0;
	while (pre < oc && pre < rc && oe[pre] == re[pre] &&
	       memcmp(old, fx->rep, oe[pre]) == 0)
		pre++;
	size_t suf = 0;
	while (suf < oc - pre && suf < rc - pre) {
		size_t ol = oe[oc - 1 - suf] - START(oe, oc - 1 - suf);
		size_t rl = re[rc - 1 - suf] - START(re, rc - 1 - suf);
		if (ol != rl || memcmp(old + START(oe, oc - 1 - suf),
		                       fx->rep + START(re, rc - 1 - suf), ol) != 0)
			break;
		suf++;
	}
	size_t ofrom = START(oe, pre), oto = START(oe, oc - suf);
	size_t rfrom = START(re, pre), rto = START(re, rc - suf);
#undef START
	memmove(fx->rep, fx->rep + rfrom, rto - rfrom);
	fx->rep_len = rto - rfrom;
	fx->b = fx->a + oto;
	fx->a += ofrom;
	free(oe);
	free(re);
}

/* When the old text holds tags (开诚<b>不</b>公) and as many characters of
 * text as the replacement, puts the replacement's characters in place of
 * the text and keeps the tags (开诚<b>布</b>公). */
static void
keep_markup(UConverter *cnv, const unsigned char *data, struct fix *fx)
{
	const char *old = (const char *)data + fx->a;
	size_t on = fx->b - fx->a, rn = fx->rep_len;
	if (on == 0 || rn == 0 || on > 4096 || rn > 4096 || memchr(old, '<', on) == NULL)
		return;
	size_t *re = sl_malloc(rn * sizeof *re);
	size_t rc = char_ends(cnv, fx->rep, rn, re, rn);
	struct sl_buf b;
	sl_buf_init(&b, 0);
	size_t used = 0;
	bool ok = true;
	for (size_t i = 0; i < on && ok;) {
		bool tag;
		size_t ml = markup_len(old + i, on - i, &tag);
		if (tag && ml > 0) {
			sl_buf_append(&b, old + i, ml);
			i += ml;
			continue;
		}
		if (ml == 0) {
			size_t e;
			char_ends(cnv, old + i, on - i, &e, 1);
			ml = e;
		}
		if (used == rc) {
			ok = false;
			break;
		}
		size_t from = used ? re[used - 1] : 0;
		sl_buf_append(&b, fx->rep + from, re[used] - from);
		used++;
		i += ml;
	}
	if (ok && used == rc) {
		free(fx->rep);
		fx->rep = sl_buf_steal(&b, &fx->rep_len);
	}
	sl_buf_free(&b);
	free(re);
}

static int
cmp_fix(const void *pa, const void *pb)
{
	const struct fix *a = pa, *b = pb;
	return a->a < b->a ? -1 : a->a > b->a ? 1 : a->b < b->b ? -1 : a->b > b->b;
}

/* The fixes of FD in M's bytes, sorted, without overlaps.  Returns the
 * count, or -1 (with a message) when the file is skipped. */
static long
make_fixes(const struct diff_run *run, const struct file_diff *fd,
           const struct sl_member *m, struct fix **out)
{
	struct sl_decoded dec;
	struct sl_err err;
	if (sl_decode(m->data, m->len, m->content_type, &dec, &err) != SL_OK)
		return -1;
	/* UTF-8 and windows-1252 are decoded without ICU; ICU writes them. */
	const char *icu = sl_charset_icu_name(dec.charset);
	if (icu == NULL && (strcmp(dec.charset, "UTF-8") == 0 || strcmp(dec.charset, "windows-1252") == 0))
		icu = dec.charset;
	bool ascii = sl_charset_ascii_compatible(dec.charset);
	UErrorCode e = U_ZERO_ERROR;
	UConverter *cnv = ascii && icu ? ucnv_open(icu, &e) : NULL;
	if (cnv == NULL || U_FAILURE(e)) {
		fprintf(stderr, "sitelint: %s%s: no fixes written for a page in %s\n",
		        run->r->display, fd->path, dec.charset);
		sl_decoded_free(&dec);
		if (cnv)
			ucnv_close(cnv);
		return -1;
	}
	size_t nls;
	size_t *ls = line_starts(m->data, m->len, &nls);
	struct fix *fx = sl_calloc(fd->count, sizeof *fx);
	size_t n = 0;
	for (size_t i = 0; i < fd->count; i++) {
		const struct sl_diag *d = &run->r->diags.v[fd->first + i];
		if (!is_fixit(d) || d->span.start.line > nls || d->span.end.line > nls)
			continue;
		size_t a = ls[d->span.start.line - 1] + d->span.start.col_byte - 1;
		size_t b = ls[d->span.end.line - 1] + d->span.end.col_byte - 1;
		if (b < a || b > m->len)
			continue;
		struct fix f = { a, b, NULL, 0 };
		if ((f.rep = to_charset(cnv, d->suggestion, &f.rep_len)) == NULL)
			continue;
		trim_common(cnv, m->data, &f);
		keep_markup(cnv, m->data, &f);
		trim_common(cnv, m->data, &f);
		fx[n++] = f;
	}
	qsort(fx, n, sizeof *fx, cmp_fix);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (k > 0 && fx[i].a < fx[k - 1].b) {
			free(fx[i].rep);   /* overlaps the previous fix */
			continue;
		}
		fx[k++] = fx[i];
	}
	free(ls);
	ucnv_close(cnv);
	sl_decoded_free(&dec);
	*out = fx;
	return (long)k;
}

/* --- the unified diff ------------------------------------------------------ */

/* Lines split at '\n' (as diff and patch see them). */
struct lines {
	size_t *start;        /* offset of each line; start[n] = length */
	size_t n;
};

static void
split_lines(const char *p, size_t len, struct lines *l)
{
	size_t cap = 64;
	l->start = sl_malloc(cap * sizeof *l->start);
	l->n = 0;
	for (size_t i = 0; i < len;) {
		if (l->n + 2 >= cap)
			l->start = sl_realloc(l->start, (cap *= 2) * sizeof *l->start);
		l->start[l->n++] = i;
		const char *nl = memchr(p + i, '\n', len - i);
		i = nl ? (size_t)(nl - p) + 1 : len;
	}
	l->start[l->n] = len;
}

/* The line of L that holds byte OFF (the last line for OFF == length). */
static size_t
line_of(const struct lines *l, size_t off)
{
	size_t lo = 0, hi = l->n;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (l->start[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

static void
put_line(struct sl_buf *out, char tag, const char *p, const struct lines *l, size_t i)
{
	size_t len = l->start[i + 1] - l->start[i];
	sl_buf_putc(out, tag);
	sl_buf_append(out, p + l->start[i], len);
	if (len == 0 || p[l->start[i] + len - 1] != '\n')
		sl_buf_puts(out, "\n\\ No newline at end of file\n");
}

/* Writes the hunks turning OLD into NEW.  A change is a run of lines
 * [o0, o1) of OLD that became [n0, n1) of NEW; CH holds them in order. */
struct change {
	size_t o0, o1, n0, n1;
};

static void
write_hunks(struct sl_buf *out, const char *old, const struct lines *ol,
            const char *new, const struct lines *nl, const struct change *ch, size_t nch)
{
	for (size_t i = 0; i < nch;) {
		size_t j = i;
		/* Changes whose contexts touch share a hunk. */
		while (j + 1 < nch && ch[j + 1].o0 <= ch[j].o1 + 2 * CONTEXT)
			j++;
		size_t o0 = ch[i].o0 > CONTEXT ? ch[i].o0 - CONTEXT : 0;
		size_t n0 = ch[i].n0 - (ch[i].o0 - o0);
		size_t o1 = ch[j].o1 + CONTEXT < ol->n ? ch[j].o1 + CONTEXT : ol->n;
		size_t n1 = ch[j].n1 + (o1 - ch[j].o1);
		sl_buf_printf(out, "@@ -%zu,%zu +%zu,%zu @@\n", o1 > o0 ? o0 + 1 : o0, o1 - o0,
		              n1 > n0 ? n0 + 1 : n0, n1 - n0);
		size_t at = o0;
		for (size_t k = i; k <= j; k++) {
			for (; at < ch[k].o0; at++)
				put_line(out, ' ', old, ol, at);
			for (size_t x = ch[k].o0; x < ch[k].o1; x++)
				put_line(out, '-', old, ol, x);
			for (size_t x = ch[k].n0; x < ch[k].n1; x++)
				put_line(out, '+', new, nl, x);
			at = ch[k].o1;
		}
		for (; at < o1; at++)
			put_line(out, ' ', old, ol, at);
		i = j + 1;
	}
}

/* Quotes a path for the ---/+++ lines when it holds white space, quotes
 * or control characters (GNU patch reads C-style quoted names). */
static void
put_name(struct sl_buf *out, const char *prefix, const char *path)
{
	bool quote = false;
	for (const unsigned char *p = (const unsigned char *)path; *p; p++)
		quote = quote || *p <= ' ' || *p == '"' || *p == '\\' || *p == 0x7f;
	if (!quote) {
		sl_buf_printf(out, "%s%s\n", prefix, path);
		return;
	}
	sl_buf_printf(out, "\"%s", prefix);
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if (*p == '"' || *p == '\\')
			sl_buf_printf(out, "\\%c", *p);
		else if (*p < ' ' || *p == 0x7f)
			sl_buf_printf(out, "\\%03o", *p);
		else
			sl_buf_putc(out, (char)*p);
	}
	sl_buf_puts(out, "\"\n");
}

/* Builds the new bytes and the changed line runs, then the diff text. */
static void
diff_file(struct file_diff *fd, const struct sl_member *m, const struct fix *fx, size_t n)
{
	const char *old = (const char *)m->data;
	struct lines ol, nl;
	split_lines(old, m->len, &ol);
	struct sl_buf nb;
	sl_buf_init(&nb, 0);
	struct change *ch = sl_calloc(n, sizeof *ch);
	long *shift = sl_calloc(n + 1, sizeof *shift);   /* new minus old bytes after change k */
	size_t nch = 0, copied = 0;
	long delta = 0;
	for (size_t i = 0; i < n;) {
		/* Fixes on the same lines form one change. */
		size_t o0 = line_of(&ol, fx[i].a);
		size_t o1 = line_of(&ol, fx[i].b > fx[i].a ? fx[i].b - 1 : fx[i].a) + 1;
		size_t j = i + 1;
		for (; j < n && line_of(&ol, fx[j].a) < o1; j++) {
			size_t l2 = line_of(&ol, fx[j].b > fx[j].a ? fx[j].b - 1 : fx[j].a) + 1;
			o1 = l2 > o1 ? l2 : o1;
		}
		for (size_t k = i; k < j; k++) {
			sl_buf_append(&nb, old + copied, fx[k].a - copied);
			sl_buf_append(&nb, fx[k].rep, fx[k].rep_len);
			delta += (long)fx[k].rep_len - (long)(fx[k].b - fx[k].a);
			copied = fx[k].b;
		}
		ch[nch].o0 = o0;
		ch[nch].o1 = o1;
		shift[++nch] = delta;
		i = j;
	}
	sl_buf_append(&nb, old + copied, m->len - copied);
	split_lines(nb.data ? nb.data : "", nb.len, &nl);
	/* Old bytes [start(o0), start(o1)) became new bytes shifted by the
	 * changes before (at the start) and up to this one (at the end). */
	for (size_t k = 0; k < nch; k++) {
		size_t from = (size_t)((long)ol.start[ch[k].o0] + shift[k]);
		size_t to = (size_t)((long)ol.start[ch[k].o1] + shift[k + 1]);
		ch[k].n0 = from >= nb.len ? nl.n : line_of(&nl, from);
		ch[k].n1 = to >= nb.len ? nl.n : line_of(&nl, to);
	}
	struct sl_buf out;
	sl_buf_init(&out, 0);
	put_name(&out, "--- a/", fd->path);
	put_name(&out, "+++ b/", fd->path);
	write_hunks(&out, old, &ol, nb.data, &nl, ch, nch);
	fd->text = sl_buf_steal(&out, &fd->len);
	sl_buf_free(&out);
	sl_buf_free(&nb);
	free(ol.start);
	free(nl.start);
	free(ch);
	free(shift);
}

static void
on_member(void *ctx, const struct sl_member *m)
{
	struct diff_run *run = ctx;
	size_t lo = 0, hi = run->nfiles;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(run->files[mid].path, m->path);
		if (c == 0) {
			lo = mid;
			break;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo >= run->nfiles || strcmp(run->files[lo].path, m->path) != 0)
		return;
	struct file_diff *fd = &run->files[lo];
	struct fix *fx = NULL;
	long n = make_fixes(run, fd, m, &fx);
	if (n > 0)
		diff_file(fd, m, fx, (size_t)n);
	for (long i = 0; i < n; i++)
		free(fx[i].rep);
	free(fx);
}

static void
diff_report(FILE *f, const struct sl_report *r)
{
	struct diff_run run = { r, NULL, 0, NULL };
	for (size_t i = 0; i < r->diags.n; i++) {
		const struct sl_diag *d = &r->diags.v[i];
		if (!is_fixit(d))
			continue;
		struct file_diff *last = run.nfiles ? &run.files[run.nfiles - 1] : NULL;
		if (last != NULL && strcmp(last->path, d->file) == 0 &&
		    last->first + last->count == i) {
			last->count++;
			continue;
		}
		run.files = sl_realloc(run.files, (run.nfiles + 1) * sizeof *run.files);
		run.files[run.nfiles++] = (struct file_diff){ d->file, i, 1, NULL, 0 };
	}
	if (run.nfiles == 0)
		return;
	const char **wanted = sl_malloc(run.nfiles * sizeof *wanted);
	for (size_t i = 0; i < run.nfiles; i++)
		wanted[i] = run.files[i].path;
	size_t missing = sl_source_each(r, wanted, run.nfiles, NULL, on_member, &run);
	if (missing > 0)
		fprintf(stderr, "sitelint: %s: %zu file(s) with fixes could not be read again; "
		        "no diff for them\n", r->path, missing);
	for (size_t i = 0; i < run.nfiles; i++) {
		if (run.files[i].text != NULL)
			fwrite(run.files[i].text, 1, run.files[i].len, f);
		free(run.files[i].text);
	}
	free(wanted);
	free(run.files);
}

void
sl_output_diff(FILE *f, const struct sl_report *reports, size_t n,
               const struct sl_output_opts *o)
{
	(void)o;
	for (size_t i = 0; i < n; i++)
		diff_report(f, &reports[i]);
}
