/* Unit tests for pool.c: every job runs once, with any thread count. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "pool.h"

struct tally {
	pthread_mutex_t mu;
	unsigned char seen[5000];
	unsigned max_worker;
	size_t order_breaks;
	size_t last;
};

static void
count(void *arg, void *job, unsigned worker)
{
	struct tally *t = arg;
	size_t i = (size_t)(uintptr_t)job;
	pthread_mutex_lock(&t->mu);
	t->seen[i]++;
	if (worker > t->max_worker)
		t->max_worker = worker;
	if (i < t->last)
		t->order_breaks++;
	t->last = i;
	pthread_mutex_unlock(&t->mu);
}

static void
run_with(unsigned threads)
{
	struct tally t;
	memset(&t, 0, sizeof t);
	pthread_mutex_init(&t.mu, NULL);
	struct sl_pool *p = sl_pool_new(threads, 3, 100, count, &t);
	assert_int_equal(sl_pool_threads(p), threads);
	for (size_t i = 0; i < 5000; i++)
		sl_pool_submit(p, (void *)(uintptr_t)i, i % 250);   /* some oversize */
	sl_pool_finish(p);
	for (size_t i = 0; i < 5000; i++)
		assert_int_equal(t.seen[i], 1);
	assert_true(t.max_worker < threads);
	if (threads == 1)   /* inline: submission order */
		assert_int_equal(t.order_breaks, 0);
	pthread_mutex_destroy(&t.mu);
}

static void test_one_thread(void **s) { (void)s; run_with(1); }
static void test_two_threads(void **s) { (void)s; run_with(2); }
static void test_eight_threads(void **s) { (void)s; run_with(8); }

static void
test_finish_null(void **s)
{
	(void)s;
	sl_pool_finish(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_thread),
		cmocka_unit_test(test_two_threads),
		cmocka_unit_test(test_eight_threads),
		cmocka_unit_test(test_finish_null),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
