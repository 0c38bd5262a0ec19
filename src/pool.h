/* pool.h — the analysis worker pool shared by kensa scan and the browser: one thread per core, a FIFO with a queue-jumping front, optionally at a lower priority than the caller. */
#ifndef KENSA_POOL_H
#define KENSA_POOL_H

#include <stddef.h>

struct pool;

/* Runs one job on a worker thread; ctx is the pool's. */
typedef void (*pool_run_fn)(void *ctx, void *job);
/* Called on a worker when the queue runs dry (e.g. to flush a cache); may be NULL. */
typedef void (*pool_idle_fn)(void *ctx);

#define POOL_MAX_THREADS 16

/*
 * Start a pool of nthreads workers (0: one per online core, at most
 * POOL_MAX_THREADS) running run(ctx, job) for every job pushed. With
 * nice > 0 the workers lower their own priority by that much (Linux nices
 * threads one by one), so an input loop on the caller's thread stays
 * responsive. Never fails: when no thread can be started, pool_push runs
 * the job on the caller's thread.
 */
struct pool *pool_new(int nthreads, int nice, pool_run_fn run, pool_idle_fn idle, void *ctx);
/* Queue job at the back (FIFO). */
void pool_push(struct pool *p, void *job);
/* Queue job ahead of everything queued (the last pushed first: the message on screen). */
void pool_push_first(struct pool *p, void *job);
/* Jobs queued and not yet taken by a worker. */
size_t pool_queued(struct pool *p);
/* Wait until every queued job has run and the workers are idle. */
void pool_drain(struct pool *p);
/* The number of worker threads running. */
int pool_threads(const struct pool *p);
/*
 * Stop: the jobs being run finish, those still queued are handed to
 * discard (may be NULL) instead of run; the threads are joined.
 */
void pool_free(struct pool *p, void (*discard)(void *job));

#endif
