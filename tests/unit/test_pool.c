/* test_pool.c — the shared worker pool: every job runs once, the front of the queue jumps ahead, drain waits, free hands back what never ran. */
#include "config.h"

#include <check.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pool.h"

#define NJOBS 5000

struct ctx {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	int ran[NJOBS + 1];
	int order[NJOBS + 1];
	int norder;
	bool gate_open;       /* job 1 waits until the test opens the gate */
	bool in_gate;
	int idles;
};

static void
run(void *arg, void *job)
{
	struct ctx *c = arg;
	int j = (int)(intptr_t)job;

	pthread_mutex_lock(&c->lock);
	if (j == 1) {
		c->in_gate = true;
		pthread_cond_broadcast(&c->cond);
		while (!c->gate_open)
			pthread_cond_wait(&c->cond, &c->lock);
	}
	c->ran[j]++;
	c->order[c->norder++] = j;
	pthread_mutex_unlock(&c->lock);
}

static void
idle(void *arg)
{
	struct ctx *c = arg;

	pthread_mutex_lock(&c->lock);
	c->idles++;
	pthread_mutex_unlock(&c->lock);
}

static struct ctx *
ctx_new(void)
{
	struct ctx *c = calloc(1, sizeof *c);

	pthread_mutex_init(&c->lock, NULL);
	pthread_cond_init(&c->cond, NULL);
	c->gate_open = true;
	return c;
}

static void
ctx_free(struct ctx *c)
{
	pthread_mutex_destroy(&c->lock);
	pthread_cond_destroy(&c->cond);
	free(c);
}

START_TEST(every_job_once)
{
	struct ctx *c = ctx_new();
	struct pool *p = pool_new(4, 0, run, idle, c);

	ck_assert_int_eq(pool_threads(p), 4);
	for (int j = 2; j <= NJOBS; j++)
		pool_push(p, (void *)(intptr_t)j);
	pool_drain(p);
	ck_assert_uint_eq(pool_queued(p), 0);
	for (int j = 2; j <= NJOBS; j++)
		ck_assert_int_eq(c->ran[j], 1);
	ck_assert_int_eq(c->norder, NJOBS - 1);
	pool_free(p, NULL);
	ck_assert_int_gt(c->idles, 0);   /* the workers said when they ran dry */
	ctx_free(c);
}
END_TEST

static int discarded;

static void
discard(void *job)
{
	(void)job;
	discarded++;
}

/* One worker held on job 1: FIFO order behind it, pool_push_first ahead of everything queued. */
START_TEST(front_jumps_the_queue)
{
	struct ctx *c = ctx_new();
	struct pool *p;

	c->gate_open = false;
	p = pool_new(1, 5, run, NULL, c);
	pool_push(p, (void *)(intptr_t)1);
	pthread_mutex_lock(&c->lock);
	while (!c->in_gate)
		pthread_cond_wait(&c->cond, &c->lock);
	pthread_mutex_unlock(&c->lock);
	for (int j = 2; j <= 6; j++)
		pool_push(p, (void *)(intptr_t)j);
	pool_push_first(p, (void *)(intptr_t)7);
	pool_push_first(p, (void *)(intptr_t)8);   /* the last wanted first */
	ck_assert_uint_eq(pool_queued(p), 7);
	pthread_mutex_lock(&c->lock);
	c->gate_open = true;
	pthread_cond_broadcast(&c->cond);
	pthread_mutex_unlock(&c->lock);
	pool_drain(p);
	{
		int want[] = { 1, 8, 7, 2, 3, 4, 5, 6 };
		ck_assert_int_eq(c->norder, 8);
		for (int i = 0; i < 8; i++)
			ck_assert_int_eq(c->order[i], want[i]);
	}
	pool_free(p, NULL);
	ctx_free(c);
}
END_TEST

static void *
open_gate(void *arg)
{
	struct ctx *c = arg;

	usleep(100000);
	pthread_mutex_lock(&c->lock);
	c->gate_open = true;
	pthread_cond_broadcast(&c->cond);
	pthread_mutex_unlock(&c->lock);
	return NULL;
}

/* Stopping with work queued: the job running finishes, the rest are handed to discard, none runs twice. */
START_TEST(free_discards_the_rest)
{
	struct ctx *c = ctx_new();
	struct pool *p;
	int ran = 0;

	c->gate_open = false;
	p = pool_new(1, 0, run, NULL, c);
	pool_push(p, (void *)(intptr_t)1);
	pthread_mutex_lock(&c->lock);
	while (!c->in_gate)
		pthread_cond_wait(&c->cond, &c->lock);
	pthread_mutex_unlock(&c->lock);
	for (int j = 2; j <= 300; j++)   /* past the first ring size: it grows while wrapped */
		pool_push(p, (void *)(intptr_t)j);
	discarded = 0;
	{
		pthread_t t;
		/* open the gate from another thread once pool_free has set stop */
		ck_assert_int_eq(pthread_create(&t, NULL, open_gate, c), 0);
		pool_free(p, discard);
		pthread_join(t, NULL);
	}
	for (int j = 1; j <= 300; j++)
		ran += c->ran[j];
	ck_assert_int_eq(c->ran[1], 1);
	ck_assert_int_eq(ran + discarded, 300);
	ck_assert_int_gt(discarded, 0);
	ctx_free(c);
}
END_TEST

/* Zero threads asked: one per core; draining an empty pool returns at once. */
START_TEST(sized_to_the_cores)
{
	struct ctx *c = ctx_new();
	struct pool *p = pool_new(0, 0, run, NULL, c);
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);

	ck_assert_int_eq(pool_threads(p), ncpu > POOL_MAX_THREADS ? POOL_MAX_THREADS : (int)ncpu);
	pool_drain(p);
	pool_push(p, (void *)(intptr_t)3);
	pool_drain(p);
	ck_assert_int_eq(c->ran[3], 1);
	pool_free(p, NULL);
	pool_free(NULL, NULL);
	ctx_free(c);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("pool");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, every_job_once);
	tcase_add_test(tc, front_jumps_the_queue);
	tcase_add_test(tc, free_discards_the_rest);
	tcase_add_test(tc, sized_to_the_cores);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
