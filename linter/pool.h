/*
 * pool.h - a fixed pool of worker threads fed through a bounded queue.
 *
 * The producer (the snapshot reader, on the main thread) submits jobs;
 * sl_pool_submit() blocks while the queue holds its cap of jobs or bytes,
 * so memory stays bounded however large the snapshot is.  Workers run
 * the pool's one job function; results go wherever that function puts
 * them (under the caller's own lock).  With one thread no thread is
 * started: jobs run inline in sl_pool_submit(), in submission order.
 */
#ifndef SL_POOL_H
#define SL_POOL_H

#include <stddef.h>

struct sl_pool;

/* FN(ARG, JOB, WORKER) processes one job; WORKER is 0..threads-1 (index
 * of per-thread scratch state). */
typedef void (*sl_pool_fn)(void *arg, void *job, unsigned worker);

/* Starts THREADS workers (at least 1).  MAX_QUEUED bounds the jobs
 * waiting; MAX_BYTES bounds the sum of their sizes (0: no byte cap). */
struct sl_pool *sl_pool_new(unsigned threads, size_t max_queued,
                            size_t max_bytes, sl_pool_fn fn, void *arg);

/* Queues JOB of SIZE bytes, blocking while the queue is full. */
void sl_pool_submit(struct sl_pool *p, void *job, size_t size);

/* Waits until every queued job has run, then stops the workers and
 * frees the pool.  NULL is a no-op. */
void sl_pool_finish(struct sl_pool *p);

unsigned sl_pool_threads(const struct sl_pool *p);

#endif
