/* store.c — the browser's view model of one Maildir folder: the core's mailbox (listing, headers, renames) plus the shared analysis pool and the cache, with results handed to the input loop through a pipe. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache.h"
#include "mailbox.h"
#include "pool.h"
#include "settings.h"
#include "store.h"
#include "util.h"

/*
 * The input loop applies results and tops the queue up every 150 ms at most:
 * the queue must hold more than the pool can do in that time, which with a
 * warm cache (a stat and a lookup per message) is thousands of messages.
 */
#define QUEUE_LOW   16384   /* top up below this many queued jobs … */
#define QUEUE_FILL  49152   /* … to this many (about 5 MB of jobs at most, freed once done) */
#define WORKER_NICE 10      /* the workers yield to the input loop (and to the message on screen) */

struct job {
	uint32_t id;
	uint32_t name;       /* the entry's name when queued: a rename since makes the result stale */
	bool out_of_turn;    /* asked for ahead of the listing order (on screen, opened) */
	char *path;
};

struct result {
	uint32_t id, name;
	struct mailbox_summary sum;
};

struct store {
	struct mailbox *mb;
	const struct settings *cfg;
	size_t fill_next;                 /* next entry to queue in listing order */
	struct pool *pool;                /* NULL until store_start */
	pthread_mutex_t lock;             /* guards results */
	struct result *results;
	size_t nresults, rcap;
	int pipe[2];
};

static void
notify(struct store *s)
{
	char c = 1;

	if (write(s->pipe[1], &c, 1) < 0 && errno != EAGAIN) {
		/* the main loop also polls with a timeout: nothing is lost */
	}
}

/* ---- on a pool thread ---- */

static void
run_job(void *ctx, void *arg)
{
	struct job *j = arg;
	struct store *s = ctx;
	struct result res;
	struct report *r;
	char *cause = NULL;
	struct cache *cache = cache_shared(s->cfg, NULL);
	struct cache_entry ce;
	struct stat st;
	bool have_st;

	memset(&res, 0, sizeof res);
	res.id = j->id;
	res.name = j->name;
	/*
	 * The core is reentrant for separate messages: GMime is initialised
	 * once in main (message_init) before the pool starts, every parser,
	 * stream and message is per call, GMime's iconv cache has its own lock,
	 * and src/ keeps no mutable statics besides message_init's flag. So the
	 * main thread may analyse the message the user opens meanwhile.
	 */
	have_st = cache != NULL && stat(j->path, &st) == 0 && S_ISREG(st.st_mode);
	if (have_st && cache_get(cache, j->path, &st, &ce)) {
		mailbox_summary_from_cache(&res.sum, &ce);
		cache_entry_free(&ce);
	} else if (analyze_file(j->path, s->cfg, &r, &cause) != 0) {
		res.sum.state = ENTRY_ERROR;
		free(cause);
	} else {
		mailbox_summary_from_report(&res.sum, r);
		if (have_st && r->pending == NULL) {
			cache_entry_from_report(&ce, r);
			(j->out_of_turn ? cache_put_late : cache_put)(cache, j->path, &st, &ce);
			cache_entry_free(&ce);
		}
		report_free(r);
	}
	free(j->path);
	free(j);

	pthread_mutex_lock(&s->lock);
	if (s->nresults == s->rcap) {
		s->rcap = s->rcap != 0 ? s->rcap * 2 : 64;
		s->results = xreallocarray(s->results, s->rcap, sizeof *s->results);
	}
	s->results[s->nresults++] = res;
	if (s->nresults == 1)
		notify(s);
	pthread_mutex_unlock(&s->lock);
	if (pool_queued(s->pool) < QUEUE_LOW / 2)
		notify(s);   /* ask for more */
}

static void
idle(void *ctx)
{
	struct store *s = ctx;

	cache_flush(cache_shared(s->cfg, NULL));   /* what was learnt goes to disk */
}

static void
discard(void *arg)
{
	struct job *j = arg;

	free(j->path);
	free(j);
}

/* ---- on the input loop's thread ---- */

static struct job *
make_job(struct store *s, size_t id)
{
	struct job *j = xmalloc(sizeof *j);
	struct mailbox_entry *e = mailbox_entry(s->mb, id);

	j->id = (uint32_t)id;
	j->name = e->name;
	j->path = mailbox_path(s->mb, id);
	j->out_of_turn = false;
	e->flags |= EF_QUEUED;
	return j;
}

/* Keep the pool's FIFO topped up in listing order. */
static void
refill(struct store *s)
{
	size_t queued, n = mailbox_count(s->mb);

	if (s->pool == NULL)
		return;
	if ((queued = pool_queued(s->pool)) >= QUEUE_LOW)
		return;
	for (; queued < QUEUE_FILL && s->fill_next < n; s->fill_next++) {
		struct mailbox_entry *e = mailbox_entry(s->mb, s->fill_next);
		if (e->state >= ENTRY_ANALYSED || (e->flags & (EF_QUEUED | EF_GONE)))
			continue;
		pool_push(s->pool, make_job(s, s->fill_next));
		queued++;
	}
}

int
store_open(const char *root, const char *folder, const struct settings *cfg, struct store **out, char **cause)
{
	struct store *s;

	*out = NULL;
	s = xcalloc(1, sizeof *s);
	s->cfg = cfg;
	s->pipe[0] = s->pipe[1] = -1;
	if (mailbox_open(root, folder, 0, cfg, &s->mb, cause) != 0) {
		free(s);
		return -1;
	}
	if (pipe(s->pipe) != 0) {
		*cause = xasprintf("pipe: %s", strerror(errno));
		mailbox_free(s->mb);
		free(s);
		return -1;
	}
	for (int i = 0; i < 2; i++) {
		fcntl(s->pipe[i], F_SETFL, O_NONBLOCK);
		fcntl(s->pipe[i], F_SETFD, FD_CLOEXEC);
	}
	pthread_mutex_init(&s->lock, NULL);
	*out = s;
	return 0;
}

void
store_start(struct store *s)
{
	if (s->pool != NULL)
		return;
	s->pool = pool_new(0, WORKER_NICE, run_job, idle, s);
	refill(s);
}

void
store_free(struct store *s)
{
	if (s == NULL)
		return;
	pool_free(s->pool, discard);
	for (size_t i = 0; i < s->nresults; i++)
		mailbox_summary_free(&s->results[i].sum);
	free(s->results);
	pthread_mutex_destroy(&s->lock);
	close(s->pipe[0]);
	close(s->pipe[1]);
	mailbox_free(s->mb);
	free(s);
}

size_t store_count(const struct store *s) { return mailbox_count(s->mb); }
struct mailbox_entry *store_entry(struct store *s, size_t id) { return mailbox_entry(s->mb, id); }
const char *store_str(const struct store *s, uint32_t off) { return mailbox_str(s->mb, off); }
const char *store_root(const struct store *s) { return mailbox_root(s->mb); }
const char *store_folder(const struct store *s) { return mailbox_folder(s->mb); }
int store_fd(const struct store *s) { return s->pipe[0]; }
size_t store_pending(const struct store *s) { return mailbox_pending(s->mb); }
char *store_path(const struct store *s, size_t id) { return mailbox_path(s->mb, id); }
void store_load_headers(struct store *s, size_t id) { mailbox_load_headers(s->mb, id); }

void
store_want(struct store *s, size_t id)
{
	struct mailbox_entry *e = mailbox_entry(s->mb, id);
	struct job *j;

	if (s->pool == NULL || e->state >= ENTRY_ANALYSED || (e->flags & (EF_QUEUED | EF_GONE)))
		return;
	j = make_job(s, id);
	j->out_of_turn = true;
	pool_push_first(s->pool, j);
}

static void
apply(struct store *s, const struct result *res)
{
	struct mailbox_entry *e = mailbox_entry(s->mb, res->id);

	e->flags &= (uint8_t)~EF_QUEUED;
	if (e->name != res->name) {   /* renamed meanwhile: analyse again under the new name */
		if (res->id < s->fill_next)
			s->fill_next = res->id;
		return;
	}
	mailbox_apply(s->mb, res->id, &res->sum);
}

size_t
store_collect(struct store *s)
{
	char drain[256];
	struct result *rv;
	size_t n;

	while (read(s->pipe[0], drain, sizeof drain) > 0)
		;
	pthread_mutex_lock(&s->lock);
	rv = s->results;
	n = s->nresults;
	s->results = NULL;
	s->nresults = s->rcap = 0;
	pthread_mutex_unlock(&s->lock);
	for (size_t i = 0; i < n; i++) {
		apply(s, &rv[i]);
		mailbox_summary_free(&rv[i].sum);
	}
	free(rv);
	refill(s);
	return n;
}

void
store_note_report(struct store *s, size_t id, const struct report *r)
{
	struct result res;

	res.id = (uint32_t)id;
	res.name = mailbox_entry(s->mb, id)->name;
	mailbox_summary_from_report(&res.sum, r);
	apply(s, &res);
	mailbox_summary_free(&res.sum);
}

size_t
store_poll(struct store *s)
{
	size_t gone = 0, added = mailbox_poll(s->mb, &gone);

	if (added > 0)
		refill(s);
	return added + gone;
}

int store_move_to_junk(struct store *s, size_t id, char **cause) { return mailbox_move_to_junk(s->mb, id, cause); }
int store_toggle_flag(struct store *s, size_t id, char flag, char **cause) { return mailbox_toggle_flag(s->mb, id, flag, cause); }
size_t store_list_folders(const char *root, struct folder_info **out) { return mailbox_list_folders(root, out); }
void store_free_folders(struct folder_info *v, size_t n) { mailbox_free_folders(v, n); }
