/* lookup.c — a small pool of worker threads for RDAP and DNS lookups; a pipe tells the caller when all are done. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "geoip.h"
#include "lookup.h"
#include "util.h"

#define MAX_WORKERS 8

struct lookup_job {
	pthread_mutex_t lock;
	struct domainage *da;
	struct lookup_item *items;
	size_t n, next, ndone;
	int timeout_ms;
	int pipe[2];              /* [0] readable when done */
	int refs;                 /* the caller and each running worker */
	pthread_t th[MAX_WORKERS];
	int nth;
};

static void
job_unref(struct lookup_job *j)
{
	bool last;

	pthread_mutex_lock(&j->lock);
	last = --j->refs == 0;
	pthread_mutex_unlock(&j->lock);
	if (!last)
		return;
	for (size_t i = 0; i < j->n; i++) {
		free(j->items[i].name);
		domainage_result_free(&j->items[i].age);
		for (int k = 0; k < j->items[i].naddrs; k++)
			free(j->items[i].addrs[k]);
		free(j->items[i].error);
	}
	free(j->items);
	close(j->pipe[0]);
	close(j->pipe[1]);
	pthread_mutex_destroy(&j->lock);
	free(j);
}

static void *
worker(void *arg)
{
	struct lookup_job *j = arg;

	for (;;) {
		struct lookup_item *it;
		size_t i;

		pthread_mutex_lock(&j->lock);
		i = j->next < j->n ? j->next++ : j->n;
		pthread_mutex_unlock(&j->lock);
		if (i >= j->n)
			break;
		it = &j->items[i];
		if (it->kind == LOOKUP_RDAP)
			domainage_rdap(j->da, it->name, &it->age);
		else {
			int n = geoip_resolve(it->name, j->timeout_ms, it->addrs, LOOKUP_MAX_ADDRS, &it->error);
			it->naddrs = n > 0 ? n : 0;
		}
		pthread_mutex_lock(&j->lock);
		if (++j->ndone == j->n) {
			char c = 1;
			while (write(j->pipe[1], &c, 1) < 0 && errno == EINTR)
				;
		}
		pthread_mutex_unlock(&j->lock);
	}
	job_unref(j);
	return NULL;
}

struct lookup_job *
lookup_start(struct domainage *da, struct lookup_item *items, size_t n, int parallel, int timeout_ms)
{
	struct lookup_job *j = xcalloc(1, sizeof *j);

	pthread_mutex_init(&j->lock, NULL);
	j->da = da;
	j->items = items;
	j->n = n;
	j->timeout_ms = timeout_ms > 0 ? timeout_ms : 5000;
	j->refs = 1;
	if (pipe(j->pipe) != 0) {
		j->pipe[0] = j->pipe[1] = -1;
	} else {
		for (int k = 0; k < 2; k++) {
			fcntl(j->pipe[k], F_SETFD, FD_CLOEXEC);
			fcntl(j->pipe[k], F_SETFL, O_NONBLOCK);
		}
	}
	if (parallel < 1)
		parallel = 1;
	if (parallel > MAX_WORKERS)
		parallel = MAX_WORKERS;
	if ((size_t)parallel > n)
		parallel = (int)n;
	if (n == 0) {
		char c = 1;
		if (j->pipe[1] >= 0)
			(void)!write(j->pipe[1], &c, 1);
		return j;
	}
	if (j->pipe[0] < 0) {
		/* no pipe: do the work here, the job is done on return */
		j->refs++;
		worker(j);
		return j;
	}
	for (int k = 0; k < parallel; k++) {
		pthread_mutex_lock(&j->lock);
		j->refs++;
		pthread_mutex_unlock(&j->lock);
		if (pthread_create(&j->th[j->nth], NULL, worker, j) != 0) {
			pthread_mutex_lock(&j->lock);
			j->refs--;
			pthread_mutex_unlock(&j->lock);
			break;
		}
		j->nth++;
	}
	if (j->nth == 0)
		worker((j->refs++, j));   /* no thread could start: do it here */
	return j;
}

int
lookup_fd(const struct lookup_job *j)
{
	return j->pipe[0];
}

bool
lookup_done(struct lookup_job *j)
{
	bool done;

	pthread_mutex_lock(&j->lock);
	done = j->ndone >= j->n;
	pthread_mutex_unlock(&j->lock);
	return done;
}

bool
lookup_wait(struct lookup_job *j, int timeout_ms)
{
	struct timespec start, now;

	clock_gettime(CLOCK_MONOTONIC, &start);
	while (!lookup_done(j)) {
		struct pollfd pfd = { .fd = j->pipe[0], .events = POLLIN };
		int left = -1;

		if (timeout_ms >= 0) {
			long el;
			clock_gettime(CLOCK_MONOTONIC, &now);
			el = (now.tv_sec - start.tv_sec) * 1000L + (now.tv_nsec - start.tv_nsec) / 1000000L;
			if (el >= timeout_ms)
				break;
			left = (int)(timeout_ms - el);
		}
		if (poll(&pfd, 1, left) < 0 && errno != EINTR)
			break;
	}
	return lookup_done(j);
}

struct lookup_item *
lookup_items(struct lookup_job *j, size_t *n)
{
	*n = j->n;
	return j->items;
}

void
lookup_free(struct lookup_job *j)
{
	int nth;

	if (j == NULL)
		return;
	nth = j->nth;
	if (lookup_done(j))
		for (int k = 0; k < nth; k++)
			pthread_join(j->th[k], NULL);
	else
		for (int k = 0; k < nth; k++)
			pthread_detach(j->th[k]);
	job_unref(j);
}
