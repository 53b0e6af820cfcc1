/* Unit tests for progress.c: silent at first, then a line rewritten in
 * place, erased at the end; no output at all for a short run. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "progress.h"

static char *
run(const char *delay, int members)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (delay)
		setenv("SITELINT_PROGRESS_DELAY", delay, 1);
	else
		unsetenv("SITELINT_PROGRESS_DELAY");
	struct sl_progress *p = sl_progress_new(f);
	sl_progress_start(p, "site/");
	for (int i = 0; i < members; i++) {
		sl_progress_read(p, 1000);
		sl_progress_analysed(p, i % 2 == 0);
	}
	sl_progress_end(p);
	sl_progress_free(p);
	fclose(f);
	return buf;
}

static void
test_short_run_is_silent(void **st)
{
	(void)st;
	char *out = run("3600000", 500);   /* an hour of silence first */
	assert_string_equal(out, "");
	free(out);
	/* NULL is "no progress wanted": every call is a no-op. */
	sl_progress_start(NULL, "x");
	sl_progress_read(NULL, 1);
	sl_progress_analysed(NULL, true);
	sl_progress_end(NULL);
	sl_progress_free(NULL);
}

static void
test_line(void **st)
{
	(void)st;
	char *out = run("0", 128);
	assert_non_null(strstr(out, "\r\033[Ksitelint: site/: 64 files read, 32 pages analysed"));
	/* Erased at the end: the output ends with the erase sequence. */
	size_t n = strlen(out);
	assert_true(n > 4 && strcmp(out + n - 4, "\r\033[K") == 0);
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_short_run_is_silent),
		cmocka_unit_test(test_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
