/*
 * fuzz_decode - charset decoding (sl_decode) and the offset-to-position
 * map.  The first byte chooses whether the first line is an HTTP
 * Content-Type; the rest is the page.  Checks that the text is
 * NUL-terminated, that positions never go backwards, and that a position
 * is the same whatever lookups came before it (the cursor is only a
 * shortcut).
 */
#include "fuzz.h"

#include "decode.h"

#define SAMPLES 512

static int
pos_cmp(const struct sl_pos *a, const struct sl_pos *b)
{
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col_char != b->col_char)
		return a->col_char < b->col_char ? -1 : 1;
	return 0;
}

static void
check_positions(struct sl_decoded *d)
{
	static size_t off[SAMPLES];
	static struct sl_pos pos[SAMPLES];
	size_t n = 0, step = d->len / SAMPLES + 1;
	struct sl_pos prev = { 1, 1, 1, 1 };
	for (size_t i = 0; i <= d->len; i++) {
		if (i < d->len && ((unsigned char)d->text[i] & 0xC0) == 0x80)
			continue;   /* not the start of a character */
		if (i % step != 0 && i != d->len)
			continue;
		struct sl_pos p = sl_decoded_pos(d, i);
		FUZZ_CHECK(p.line >= 1 && p.col_char >= 1 && p.col_byte >= 1 && p.col_utf16 >= 1);
		FUZZ_CHECK(p.col_utf16 >= p.col_char);
		FUZZ_CHECK(pos_cmp(&prev, &p) <= 0);
		FUZZ_CHECK(p.line <= d->nlines + 1);
		prev = p;
		if (n < SAMPLES) {
			off[n] = i;
			pos[n++] = p;
		}
		size_t ls, ll;
		sl_decoded_line(d, i, &ls, &ll);
		FUZZ_CHECK(ls <= i && ls + ll <= d->len);
	}
	/* The same answers backwards. */
	for (size_t k = n; k-- > 0;) {
		struct sl_pos p = sl_decoded_pos(d, off[k]);
		FUZZ_CHECK(memcmp(&p, &pos[k], sizeof p) == 0);
	}
	if (n >= 2) {
		struct sl_span sp = sl_decoded_span(d, off[0], off[n - 1]);
		FUZZ_CHECK(pos_cmp(&sp.start, &sp.end) <= 0);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	size_t pos = 1;
	char *ct = NULL;
	if (data[0] & 1)
		ct = fuzz_field(data, size, &pos, '\n');
	struct sl_decoded d;
	struct sl_err err;
	if (sl_decode(data + pos, size - pos, ct, &d, &err) == SL_OK) {
		FUZZ_CHECK(d.text != NULL && d.text[d.len] == '\0');
		FUZZ_CHECK(memchr(d.charset, '\0', sizeof d.charset) != NULL);
		FUZZ_CHECK(d.invalid_count == 0 || d.first_invalid <= d.len);
		check_positions(&d);
		sl_decoded_free(&d);
	}
	(void)sl_charset_canonical(ct ? ct : "");
	free(ct);
	return 0;
}
