/*
 * fuzz_dict - dictionary files.  The first byte chooses the path:
 * even, sl_dictset_load_mem() (stop at the first bad line) then compile,
 * then scan the file's own text with the automaton; odd,
 * sl_dictset_check_mem() (report every problem) then sl_dictset_check(),
 * which compiles and runs the file's self-tests.  Checks that matches
 * are inside the text and in text order, and that every diagnostic has a
 * file, a message and a position.
 */
#include "fuzz.h"

#include "dict.h"
#include "matcher.h"

struct scan {
	size_t len;
	uint32_t last_start;
};

static void
on_match(void *ctx, const struct sl_text_match *m)
{
	struct scan *s = ctx;
	FUZZ_CHECK(m->entry != NULL && m->entry->wrong != NULL);
	FUZZ_CHECK(m->start < m->end && m->end <= s->len);
	FUZZ_CHECK(m->start >= s->last_start);
	s->last_start = m->start;
}

static void
on_diag(void *ctx, const struct sl_dict_diag *d)
{
	(void)ctx;
	FUZZ_CHECK(d->file != NULL && d->msg != NULL);
	FUZZ_CHECK(d->line == 0 || d->col >= 1);
	volatile size_t n = strlen(d->file) + strlen(d->msg);
	(void)n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	const char *text = (const char *)data + 1;
	size_t len = size - 1;
	struct sl_dictset *set = sl_dictset_new();
	struct sl_err err;
	if (data[0] & 1) {
		sl_dictset_check_mem(set, "fuzz.txt", text, len, on_diag, NULL);
		sl_dictset_check(set, on_diag, NULL);
	} else if (sl_dictset_load_mem(set, "fuzz.txt", text, len, &err) == SL_OK &&
	           sl_dictset_compile(set, &err) == SL_OK) {
		(void)sl_dictset_count(set);
		struct scan s = { len, 0 };
		struct sl_text_opts o = { (data[0] & 2) != 0, (data[0] & 4) != 0 };
		sl_text_scan(set, NULL, text, len, (data[0] & 8) ? 20170324 : 0, &o, on_match, &s);
	}
	sl_dictset_free(set);
	return 0;
}
