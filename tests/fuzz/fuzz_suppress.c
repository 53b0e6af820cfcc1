/*
 * fuzz_suppress - inline suppressions (sl_suppress_build).  The input is
 * split at NUL bytes into comment texts; each gets a line from the byte
 * before it.  Findings of a few rules are then checked on every line,
 * and the unused and malformed directives are listed, as a run does.
 */
#include "fuzz.h"

#include "suppress.h"

#define MAX_COMMENTS 256

static void
on_unused(void *ctx, uint32_t line, uint32_t col, const char *directive, const char *rule)
{
	(void)ctx;
	FUZZ_CHECK(line >= 1 && col >= 1 && directive != NULL);
	volatile size_t n = strlen(directive) + (rule ? strlen(rule) : 0);
	(void)n;
}

static void
on_problem(void *ctx, uint32_t line, uint32_t col, const char *message)
{
	(void)ctx;
	FUZZ_CHECK(line >= 1 && col >= 1 && message != NULL);
	volatile size_t n = strlen(message);
	(void)n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct sl_comment_in in[MAX_COMMENTS];
	static char *texts[MAX_COMMENTS];
	size_t n = 0, pos = 0;
	uint32_t line = 1;
	while (pos < size && n < MAX_COMMENTS) {
		uint8_t gap = data[pos++];
		char *t = fuzz_field(data, size, &pos, 0);
		uint32_t nl = 0;
		for (const char *p = t; *p; p++)
			nl += *p == '\n';
		line += gap % 4;
		in[n] = (struct sl_comment_in){ t, line, 1u + gap / 4, line + nl };
		line += nl;
		texts[n++] = t;
	}
	struct sl_suppress *s = sl_suppress_build(in, n);
	static const char *const rules[] = {
		"pages/missing-title", "text/typo", "links/broken", "suppress/unused",
	};
	for (uint32_t l = 1; l <= line + 1 && l < 4096; l++)
		for (size_t r = 0; r < sizeof rules / sizeof rules[0]; r++)
			(void)sl_suppress_check(s, rules[r], l);
	sl_suppress_unused(s, on_unused, NULL);
	sl_suppress_problems(s, on_problem, NULL);
	sl_suppress_free(s);
	for (size_t i = 0; i < n; i++)
		free(texts[i]);
	return 0;
}
