/*
 * pool.c - worker threads and a bounded FIFO of jobs.
 */
#include "pool.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

#include "util.h"

struct job {
	void *job;
	size_t size;
};

struct sl_pool {
	pthread_mutex_t mu;
	pthread_cond_t not_empty, not_full;
	struct job *q;          /* ring buffer of max_queued slots */
	size_t head, count, max_queued;
	size_t bytes, max_bytes;
	bool stopping;
	bool waiting;           /* the producer waits for room ... */
	size_t want;            /* ... for a job of this size */
	unsigned nthreads;
	pthread_t *threads;
	sl_pool_fn fn;
	void *arg;
};

struct worker_arg {
	struct sl_pool *p;
	unsigned index;
};

/* The queue cannot take a job of SIZE now. */
static bool
full(const struct sl_pool *p, size_t size)
{
	return p->count == p->max_queued ||
	       (p->max_bytes && p->count > 0 && p->bytes + size > p->max_bytes);
}

/* Once full, the producer sleeps until the queue is half empty (and the
 * job fits), so that it is woken once for many jobs rather than for each
 * (a context switch per page was 5% of a run's time). */
static bool
over_low_water(const struct sl_pool *p, size_t size)
{
	return p->count > p->max_queued / 2 ||
	       (p->max_bytes && p->count > 0 && p->bytes + size > p->max_bytes);
}

static void *
worker_main(void *varg)
{
	struct worker_arg *wa = varg;
	struct sl_pool *p = wa->p;
	unsigned index = wa->index;
	free(wa);
	for (;;) {
		pthread_mutex_lock(&p->mu);
		while (p->count == 0 && !p->stopping)
			pthread_cond_wait(&p->not_empty, &p->mu);
		if (p->count == 0) {
			pthread_mutex_unlock(&p->mu);
			return NULL;
		}
		struct job j = p->q[p->head];
		p->head = (p->head + 1) % p->max_queued;
		p->count--;
		p->bytes -= j.size;
		if (p->waiting && !over_low_water(p, p->want))
			pthread_cond_signal(&p->not_full);
		pthread_mutex_unlock(&p->mu);
		p->fn(p->arg, j.job, index);
	}
}

struct sl_pool *
sl_pool_new(unsigned threads, size_t max_queued, size_t max_bytes,
            sl_pool_fn fn, void *arg)
{
	struct sl_pool *p = sl_calloc(1, sizeof *p);
	p->nthreads = threads ? threads : 1;
	p->max_queued = max_queued ? max_queued : 1;
	p->max_bytes = max_bytes;
	p->fn = fn;
	p->arg = arg;
	if (p->nthreads == 1)
		return p;
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->not_empty, NULL);
	pthread_cond_init(&p->not_full, NULL);
	p->q = sl_calloc(p->max_queued, sizeof *p->q);
	p->threads = sl_calloc(p->nthreads, sizeof *p->threads);
	for (unsigned i = 0; i < p->nthreads; i++) {
		struct worker_arg *wa = sl_malloc(sizeof *wa);
		wa->p = p;
		wa->index = i;
		if (pthread_create(&p->threads[i], NULL, worker_main, wa) != 0) {
			/* Run with the threads we got; at least one is needed. */
			free(wa);
			if (i == 0) {
				sl_die_oom();
			}
			p->nthreads = i;
			break;
		}
	}
	return p;
}

void
sl_pool_submit(struct sl_pool *p, void *job, size_t size)
{
	if (p->threads == NULL) {
		p->fn(p->arg, job, 0);
		return;
	}
	pthread_mutex_lock(&p->mu);
	/* An oversize job is admitted alone, so it cannot wait forever. */
	if (full(p, size)) {
		p->waiting = true;
		p->want = size;
		do
			pthread_cond_wait(&p->not_full, &p->mu);
		while (over_low_water(p, size));
		p->waiting = false;
	}
	p->q[(p->head + p->count) % p->max_queued] = (struct job){ job, size };
	p->count++;
	p->bytes += size;
	pthread_cond_signal(&p->not_empty);
	pthread_mutex_unlock(&p->mu);
}

void
sl_pool_finish(struct sl_pool *p)
{
	if (p == NULL)
		return;
	if (p->threads != NULL) {
		pthread_mutex_lock(&p->mu);
		p->stopping = true;
		pthread_cond_broadcast(&p->not_empty);
		pthread_mutex_unlock(&p->mu);
		for (unsigned i = 0; i < p->nthreads; i++)
			pthread_join(p->threads[i], NULL);
		pthread_mutex_destroy(&p->mu);
		pthread_cond_destroy(&p->not_empty);
		pthread_cond_destroy(&p->not_full);
	}
	free(p->threads);
	free(p->q);
	free(p);
}

unsigned
sl_pool_threads(const struct sl_pool *p)
{
	return p->nthreads;
}
