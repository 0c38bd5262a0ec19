/* pool.c — worker threads over one job queue with a priority end; the only thread pool in kensa. */
#include "config.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "pool.h"
#include "util.h"

struct pool {
	pool_run_fn run;
	pool_idle_fn idle;
	void *ctx;
	int nice;
	pthread_t threads[POOL_MAX_THREADS];
	int nthreads;
	pthread_mutex_t lock;
	pthread_cond_t wake;      /* a job was queued, or stop */
	pthread_cond_t done;      /* a worker went idle */
	bool stop;
	int busy;                 /* workers running a job */
	void **q;                 /* ring buffer: q[head], … q[head + len - 1] (mod cap) */
	size_t head, len, cap;
};

static void
grow(struct pool *p)
{
	size_t ncap = p->cap != 0 ? p->cap * 2 : 256;
	void **nq = xreallocarray(NULL, ncap, sizeof *nq);

	for (size_t i = 0; i < p->len; i++)
		nq[i] = p->q[(p->head + i) % p->cap];
	free(p->q);
	p->q = nq;
	p->cap = ncap;
	p->head = 0;
}

static void *
worker(void *arg)
{
	struct pool *p = arg;

	if (p->nice > 0)
		(void)setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), p->nice);
	pthread_mutex_lock(&p->lock);
	for (;;) {
		void *job;

		while (!p->stop && p->len == 0) {
			if (p->idle != NULL) {
				pthread_mutex_unlock(&p->lock);
				p->idle(p->ctx);
				pthread_mutex_lock(&p->lock);
				if (p->stop || p->len > 0)
					break;
			}
			pthread_cond_wait(&p->wake, &p->lock);
		}
		if (p->stop)
			break;
		job = p->q[p->head];
		p->head = (p->head + 1) % p->cap;
		p->len--;
		p->busy++;
		pthread_mutex_unlock(&p->lock);
		p->run(p->ctx, job);
		pthread_mutex_lock(&p->lock);
		p->busy--;
		if (p->busy == 0 && p->len == 0)
			pthread_cond_broadcast(&p->done);
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

struct pool *
pool_new(int nthreads, int nice, pool_run_fn run, pool_idle_fn idle, void *ctx)
{
	struct pool *p = xcalloc(1, sizeof *p);

	if (nthreads <= 0) {
		long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
		nthreads = ncpu < 1 ? 1 : ncpu > POOL_MAX_THREADS ? POOL_MAX_THREADS : (int)ncpu;
	}
	if (nthreads > POOL_MAX_THREADS)
		nthreads = POOL_MAX_THREADS;
	p->run = run;
	p->idle = idle;
	p->ctx = ctx;
	p->nice = nice;
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->wake, NULL);
	pthread_cond_init(&p->done, NULL);
	for (int i = 0; i < nthreads; i++)
		if (pthread_create(&p->threads[p->nthreads], NULL, worker, p) == 0)
			p->nthreads++;
	return p;
}

static void
push(struct pool *p, void *job, bool first)
{
	if (p->nthreads == 0) {   /* no thread could be started: the caller does the work */
		p->run(p->ctx, job);
		return;
	}
	pthread_mutex_lock(&p->lock);
	if (p->len == p->cap)
		grow(p);
	if (first) {
		p->head = (p->head + p->cap - 1) % p->cap;
		p->q[p->head] = job;
	} else
		p->q[(p->head + p->len) % p->cap] = job;
	p->len++;
	pthread_cond_signal(&p->wake);
	pthread_mutex_unlock(&p->lock);
}

void pool_push(struct pool *p, void *job) { push(p, job, false); }
void pool_push_first(struct pool *p, void *job) { push(p, job, true); }
int pool_threads(const struct pool *p) { return p->nthreads; }

size_t
pool_queued(struct pool *p)
{
	size_t n;

	pthread_mutex_lock(&p->lock);
	n = p->len;
	pthread_mutex_unlock(&p->lock);
	return n;
}

void
pool_drain(struct pool *p)
{
	pthread_mutex_lock(&p->lock);
	while (p->len > 0 || p->busy > 0)
		pthread_cond_wait(&p->done, &p->lock);
	pthread_mutex_unlock(&p->lock);
}

void
pool_free(struct pool *p, void (*discard)(void *job))
{
	if (p == NULL)
		return;
	pthread_mutex_lock(&p->lock);
	p->stop = true;
	pthread_cond_broadcast(&p->wake);
	pthread_mutex_unlock(&p->lock);
	for (int i = 0; i < p->nthreads; i++)
		pthread_join(p->threads[i], NULL);
	for (size_t i = 0; i < p->len; i++)
		if (discard != NULL)
			discard(p->q[(p->head + i) % p->cap]);
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->wake);
	pthread_cond_destroy(&p->done);
	free(p->q);
	free(p);
}
