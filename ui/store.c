/* store.c — one Maildir folder as a compact index: the listing, headers of visible rows, worker threads (one per core) that analyse the rest, polling for new mail, and the rename-only actions. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "address.h"
#include "i18n.h"
#include "maildir.h"
#include "message.h"
#include "received.h"
#include "settings.h"
#include "cache.h"
#include "store.h"
#include "util.h"

#define QUEUE_LOW   256     /* refill the workers' queue below this */
#define MAX_WORKERS 8
#define SUBJECT_MAX 240     /* bytes of subject kept per message */
#define NAME_MAX_KEPT 80
#define HEADER_READ (64u << 10)

struct job {
	uint32_t id;
	uint32_t name;       /* the entry's name when queued: a rename since makes the result stale */
	char *path;
};

struct result {
	uint32_t id, name;
	uint8_t state, verdict, worst, verified;
	int16_t score;
	int64_t date;
	uint64_t ids[FID_WORDS];
	char *subject, *from_name, *from_domain;
};

struct store {
	char *root, *folder, *dir;        /* dir: root or root/folder */
	const struct settings *cfg;
	char *arena;                      /* strings, offset 0 is "" */
	size_t alen, acap;
	struct entry *v;
	size_t n, cap;
	uint32_t *hash;                   /* id + 1 by base name, 0 empty */
	size_t hcap;
	struct timespec mtime[2];         /* new/, cur/ */
	size_t fill_next;                 /* next entry to queue in listing order */
	size_t npending;

	pthread_t threads[MAX_WORKERS];   /* one per core, at a lower priority than the input loop */
	int nthreads;
	bool started;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	bool stop;
	struct job *queue;                /* FIFO: queue[qhead..qlen) */
	size_t qhead, qlen, qcap;
	struct job *prio;                 /* LIFO: the rows the user looks at */
	size_t nprio, prio_cap;
	struct result *results;
	size_t nresults, rcap;
	int pipe[2];
};

/* ---- arena and hash ---- */

static uint32_t
arena_add(struct store *s, const char *str, size_t len)
{
	uint32_t off;

	if (s->alen + len + 1 > s->acap) {
		while (s->alen + len + 1 > s->acap)
			s->acap = s->acap != 0 ? s->acap * 2 : 65536;
		s->arena = xrealloc(s->arena, s->acap);
	}
	off = (uint32_t)s->alen;
	memcpy(s->arena + s->alen, str, len);
	s->arena[s->alen + len] = '\0';
	s->alen += len + 1;
	return off;
}

/* Keep at most max bytes, cut at a UTF-8 character boundary. */
static uint32_t
arena_add_clipped(struct store *s, const char *str, size_t max)
{
	size_t len;

	if (str == NULL || *str == '\0')
		return 0;
	len = strlen(str);
	if (len > max) {
		len = max;
		while (len > 0 && ((unsigned char)str[len] & 0xC0) == 0x80)
			len--;
	}
	return arena_add(s, str, len);
}

/* The base name: after "cur/" or "new/", up to ":2,". */
static void
base_of(const char *name, const char **b, size_t *len)
{
	const char *slash = strchr(name, '/'), *colon;

	*b = slash != NULL ? slash + 1 : name;
	colon = strstr(*b, ":2,");
	*len = colon != NULL ? (size_t)(colon - *b) : strlen(*b);
}

static uint32_t
hash_bytes(const char *p, size_t n)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)p[i]) * 16777619u;
	return h;
}

static void
hash_insert(struct store *s, size_t id)
{
	const char *b;
	size_t len, i;

	base_of(s->arena + s->v[id].name, &b, &len);
	for (i = hash_bytes(b, len) & (s->hcap - 1); s->hash[i] != 0; i = (i + 1) & (s->hcap - 1))
		;
	s->hash[i] = (uint32_t)id + 1;
}

static void
hash_rebuild(struct store *s)
{
	size_t want = 1024;

	while (want < s->n * 2 + 2)
		want *= 2;
	free(s->hash);
	s->hcap = want;
	s->hash = xcalloc(want, sizeof *s->hash);
	for (size_t i = 0; i < s->n; i++)
		hash_insert(s, i);
}

static long
hash_find(const struct store *s, const char *b, size_t len)
{
	for (size_t i = hash_bytes(b, len) & (s->hcap - 1); s->hash[i] != 0; i = (i + 1) & (s->hcap - 1)) {
		const char *eb;
		size_t elen;
		base_of(s->arena + s->v[s->hash[i] - 1].name, &eb, &elen);
		if (elen == len && memcmp(eb, b, len) == 0)
			return (long)s->hash[i] - 1;
	}
	return -1;
}

/* ---- listing ---- */

static uint8_t
flags_of(const char *name)
{
	const char *colon = strstr(name, ":2,");
	uint8_t f = 0;

	if (strncmp(name, "new/", 4) == 0)
		f |= EF_NEW;
	if (colon != NULL)
		for (const char *p = colon + 3; *p != '\0'; p++)
			f |= *p == 'S' ? EF_SEEN : *p == 'F' ? EF_FLAGGED : *p == 'R' ? EF_REPLIED : 0;
	return f;
}

/* The delivery time a Maildir file name starts with (Maildir: "TIME.UNIQUE.HOST"), or 0. */
static int64_t
name_time(const char *name)
{
	const char *b;
	size_t len;
	int64_t t = 0;

	base_of(name, &b, &len);
	for (size_t i = 0; i < len && b[i] >= '0' && b[i] <= '9' && i < 12; i++)
		t = t * 10 + (b[i] - '0');
	return t >= 100000000 && t < 10000000000LL ? t : 0;
}

static void
add_entry(struct store *s, const char *sub, const char *file)
{
	struct entry *e;
	char tmp[4096];
	size_t ls = strlen(sub), lf = strlen(file);
	int n = (int)(ls + 1 + lf);

	if (ls + lf + 2 > sizeof tmp)
		return;
	memcpy(tmp, sub, ls);
	tmp[ls] = '/';
	memcpy(tmp + ls + 1, file, lf + 1);
	if (s->n == s->cap) {
		s->cap = s->cap != 0 ? s->cap * 2 : 1024;
		s->v = xreallocarray(s->v, s->cap, sizeof *s->v);
	}
	e = &s->v[s->n++];
	memset(e, 0, sizeof *e);
	e->name = arena_add(s, tmp, (size_t)n);
	e->flags = flags_of(tmp);
	e->date = name_time(tmp);
	s->npending++;
}

static int
list_dir(struct store *s, const char *sub, bool only_unknown, size_t *added)
{
	char *path = xasprintf("%s/%s", s->dir, sub);
	DIR *d = opendir(path);
	struct dirent *de;
	struct stat st;

	if (d == NULL) {
		free(path);
		return -1;
	}
	if (stat(path, &st) == 0)
		s->mtime[strcmp(sub, "cur") == 0] = st.st_mtim;
	while ((de = readdir(d)) != NULL) {
		/* every name but dot files and folders: what is not a regular file is refused with a reason when read */
		if (de->d_name[0] == '.' || de->d_type == DT_DIR)
			continue;
		if (only_unknown) {
			const char *b;
			size_t len;
			long id;
			char full[4096];

			snprintf(full, sizeof full, "%s/%s", sub, de->d_name);
			base_of(full, &b, &len);
			if ((id = hash_find(s, b, len)) >= 0) {
				struct entry *e = &s->v[id];
				if (strcmp(s->arena + e->name, full) != 0 && !(e->flags & EF_GONE)) {
					/* renamed by another program (new/ -> cur/, flags) */
					e->name = arena_add(s, full, strlen(full));
					e->flags = (uint8_t)((e->flags & ~(EF_SEEN | EF_FLAGGED | EF_REPLIED | EF_NEW)) | flags_of(full));
				}
				continue;
			}
			add_entry(s, sub, de->d_name);
			if (s->n * 2 + 2 > s->hcap)
				hash_rebuild(s);
			else
				hash_insert(s, s->n - 1);
			(*added)++;
		} else
			add_entry(s, sub, de->d_name);
	}
	closedir(d);
	free(path);
	return 0;
}

/* ---- the worker ---- */

static void
summarise(struct result *res, const struct report *r)
{
	const struct address *f = &r->addr.from;
	int worst = -1;

	res->state = ENTRY_ANALYSED;
	res->verdict = (uint8_t)r->verdict;
	res->score = (int16_t)(r->score > 32767 ? 32767 : r->score < -32768 ? -32768 : r->score);
	res->date = r->when;
	memset(res->ids, 0, sizeof res->ids);
	res->verified = 0;
	for (size_t i = 0; i < r->findings.n; i++) {
		const struct finding *fd = &r->findings.v[i];
		res->ids[fd->id / 64] |= (uint64_t)1 << (fd->id % 64);
		if (fd->id == F_BRAND_VERIFIED)
			res->verified = 1;
		else if ((int)fd->severity > worst)
			worst = (int)fd->severity;
	}
	res->worst = (uint8_t)(worst + 1);
	res->subject = xstrdup(r->subject);
	if (f->display != NULL && *f->display != '\0')
		res->from_name = xstrdup(f->display);
	else if (f->addr != NULL)
		res->from_name = xstrndup(f->addr, strcspn(f->addr, "@"));
	else
		res->from_name = NULL;
	res->from_domain = xstrdup(f->domain);
}

/* The same summary from what the analysis cache kept. */
static void
from_cache(struct result *res, const struct cache_entry *e)
{
	res->state = ENTRY_ANALYSED;
	res->verdict = (uint8_t)e->verdict;
	res->score = (int16_t)e->score;
	res->date = e->date;
	memset(res->ids, 0, sizeof res->ids);
	for (size_t i = 0; i < e->nids; i++)
		res->ids[e->ids[i] / 64] |= (uint64_t)1 << (e->ids[i] % 64);
	res->verified = e->verified;
	res->worst = (uint8_t)e->worst;
	res->subject = xstrdup(e->subject);
	res->from_name = xstrdup(e->from);
	res->from_domain = xstrdup(e->from_domain);
}

static void
notify(struct store *s)
{
	char c = 1;

	if (write(s->pipe[1], &c, 1) < 0 && errno != EAGAIN) {
		/* the main loop also polls with a timeout: nothing is lost */
	}
}

static void *
worker(void *arg)
{
	struct store *s = arg;

	/* Linux nices threads one by one: the workers yield to the input loop (and to the message on screen). */
	(void)setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 10);
	pthread_mutex_lock(&s->lock);
	for (;;) {
		struct job j;
		struct result res;
		struct report *r;
		char *cause = NULL;
		struct cache *cache;
		struct cache_entry ce;
		struct stat st;
		bool have_st;

		while (!s->stop && s->nprio == 0 && s->qhead == s->qlen) {
			cache_flush(cache_shared(s->cfg, NULL));   /* idle: what was learnt goes to disk */
			pthread_cond_wait(&s->wake, &s->lock);
		}
		if (s->stop)
			break;
		if (s->nprio > 0)
			j = s->prio[--s->nprio];
		else
			j = s->queue[s->qhead++];
		if (s->qlen - s->qhead < QUEUE_LOW / 2)
			notify(s);   /* ask for more */
		pthread_mutex_unlock(&s->lock);

		memset(&res, 0, sizeof res);
		res.id = j.id;
		res.name = j.name;
		/*
		 * The core is reentrant for separate messages: GMime is initialised
		 * once in main (message_init) before this thread starts, every
		 * parser, stream and message is per call, GMime's iconv cache has its
		 * own lock, and src/ keeps no mutable statics besides message_init's
		 * flag (kensa scan already runs it on several threads). So the main
		 * thread may analyse the message the user opens meanwhile.
		 */
		cache = cache_shared(s->cfg, NULL);
		have_st = cache != NULL && stat(j.path, &st) == 0 && S_ISREG(st.st_mode);
		if (have_st && cache_get(cache, j.path, &st, &ce)) {
			from_cache(&res, &ce);
			cache_entry_free(&ce);
		} else if (analyze_file(j.path, s->cfg, &r, &cause) != 0) {
			res.state = ENTRY_ERROR;
			free(cause);
		} else {
			summarise(&res, r);
			if (have_st && r->pending == NULL) {
				cache_entry_from_report(&ce, r);
				cache_put(cache, j.path, &st, &ce);
				cache_entry_free(&ce);
			}
			report_free(r);
		}
		free(j.path);

		pthread_mutex_lock(&s->lock);
		if (s->nresults == s->rcap) {
			s->rcap = s->rcap != 0 ? s->rcap * 2 : 64;
			s->results = xreallocarray(s->results, s->rcap, sizeof *s->results);
		}
		s->results[s->nresults++] = res;
		if (s->nresults == 1)
			notify(s);
	}
	pthread_mutex_unlock(&s->lock);
	return NULL;
}

static struct job
make_job(struct store *s, size_t id)
{
	struct job j;

	j.id = (uint32_t)id;
	j.name = s->v[id].name;
	j.path = xasprintf("%s/%s", s->dir, s->arena + s->v[id].name);
	s->v[id].flags |= EF_QUEUED;
	return j;
}

/* Top up the FIFO (lock held). */
static void
refill(struct store *s)
{
	if (s->qhead > 0 && s->qhead == s->qlen)
		s->qhead = s->qlen = 0;
	while (s->qlen - s->qhead < QUEUE_LOW && s->fill_next < s->n) {
		size_t id = s->fill_next++;
		struct entry *e = &s->v[id];
		if (e->state >= ENTRY_ANALYSED || (e->flags & (EF_QUEUED | EF_GONE)))
			continue;
		if (s->qlen == s->qcap) {
			if (s->qhead > 0) {
				memmove(s->queue, s->queue + s->qhead, (s->qlen - s->qhead) * sizeof *s->queue);
				s->qlen -= s->qhead;
				s->qhead = 0;
			} else {
				s->qcap = s->qcap != 0 ? s->qcap * 2 : QUEUE_LOW * 2;
				s->queue = xreallocarray(s->queue, s->qcap, sizeof *s->queue);
			}
		}
		s->queue[s->qlen++] = make_job(s, id);
	}
	pthread_cond_broadcast(&s->wake);
}

/* ---- public ---- */

int
store_open(const char *root, const char *folder, const struct settings *cfg, struct store **out, char **cause)
{
	struct store *s;

	*out = NULL;
	s = xcalloc(1, sizeof *s);
	s->root = xstrdup(root);
	s->folder = xstrdup(folder != NULL ? folder : "");
	s->dir = *s->folder ? xasprintf("%s/%s", root, s->folder) : xstrdup(root);
	s->cfg = cfg;
	arena_add(s, "", 0);
	if (!maildir_is(s->dir)) {
		*cause = xstrdup(_("not a Maildir (no cur/ and new/ folders)"));
		store_free(s);
		return -1;
	}
	if (list_dir(s, "new", false, NULL) != 0 || list_dir(s, "cur", false, NULL) != 0) {
		*cause = xasprintf("%s: %s", s->dir, strerror(errno));
		store_free(s);
		return -1;
	}
	/* ids stay in directory order: the index sorts its own view, the worker follows wants;
	   the name hash is built when new mail is first looked for */
	if (pipe(s->pipe) != 0) {
		*cause = xasprintf("pipe: %s", strerror(errno));
		s->pipe[0] = s->pipe[1] = -1;
		store_free(s);
		return -1;
	}
	fcntl(s->pipe[0], F_SETFL, O_NONBLOCK);
	fcntl(s->pipe[1], F_SETFL, O_NONBLOCK);
	fcntl(s->pipe[0], F_SETFD, FD_CLOEXEC);
	fcntl(s->pipe[1], F_SETFD, FD_CLOEXEC);
	pthread_mutex_init(&s->lock, NULL);
	pthread_cond_init(&s->wake, NULL);
	*out = s;
	return 0;
}

void
store_start(struct store *s)
{
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	int want = ncpu < 1 ? 1 : ncpu > MAX_WORKERS ? MAX_WORKERS : (int)ncpu;

	if (s->started)
		return;
	pthread_mutex_lock(&s->lock);
	refill(s);
	pthread_mutex_unlock(&s->lock);
	for (int i = 0; i < want; i++)
		if (pthread_create(&s->threads[s->nthreads], NULL, worker, s) == 0)
			s->nthreads++;
	s->started = s->nthreads > 0;
}

void
store_free(struct store *s)
{
	if (s == NULL)
		return;
	if (s->started) {
		pthread_mutex_lock(&s->lock);
		s->stop = true;
		pthread_cond_broadcast(&s->wake);
		pthread_mutex_unlock(&s->lock);
		for (int i = 0; i < s->nthreads; i++)
			pthread_join(s->threads[i], NULL);
	}
	if (s->pipe[1] > 0 || s->started) {
		pthread_mutex_destroy(&s->lock);
		pthread_cond_destroy(&s->wake);
	}
	for (size_t i = s->qhead; i < s->qlen; i++)
		free(s->queue[i].path);
	for (size_t i = 0; i < s->nprio; i++)
		free(s->prio[i].path);
	for (size_t i = 0; i < s->nresults; i++) {
		free(s->results[i].subject);
		free(s->results[i].from_name);
		free(s->results[i].from_domain);
	}
	if (s->pipe[0] > 0) {
		close(s->pipe[0]);
		close(s->pipe[1]);
	}
	free(s->queue);
	free(s->prio);
	free(s->results);
	free(s->v);
	free(s->hash);
	free(s->arena);
	free(s->root);
	free(s->folder);
	free(s->dir);
	free(s);
}

size_t store_count(const struct store *s) { return s->n; }
struct entry *store_entry(struct store *s, size_t id) { return &s->v[id]; }
const char *store_str(const struct store *s, uint32_t off) { return s->arena + off; }
const char *store_root(const struct store *s) { return s->root; }
const char *store_folder(const struct store *s) { return s->folder; }
int store_fd(const struct store *s) { return s->pipe[0]; }
size_t store_pending(const struct store *s) { return s->npending; }

char *
store_path(const struct store *s, size_t id)
{
	return xasprintf("%s/%s", s->dir, s->arena + s->v[id].name);
}

void
store_load_headers(struct store *s, size_t id)
{
	struct entry *e = &s->v[id];
	char *path, *data, *end;
	ssize_t got;
	size_t len = 0, got_size;
	int fd;
	struct message *m;
	char *cause = NULL;
	const struct header *h;
	const char *v;

	if (e->state != ENTRY_LISTED)
		return;
	path = store_path(s, id);
	/* never blocks: a FIFO or a device in the Maildir is refused, not waited on */
	fd = message_open(path, s->cfg != NULL ? s->cfg->max_message_size : 0, &got_size, &cause);
	free(path);
	e->state = ENTRY_HEADERS;
	if (fd < 0) {
		free(cause);
		return;
	}
	cause = NULL;
	data = xmalloc(HEADER_READ + 1);
	while (len < HEADER_READ && (got = read(fd, data + len, HEADER_READ - len)) > 0) {
		len += (size_t)got;
		data[len] = '\0';
		if (strstr(data, "\n\n") != NULL || strstr(data, "\r\n\r\n") != NULL)
			break;
	}
	close(fd);
	data[len] = '\0';
	if ((end = strstr(data, "\n\n")) != NULL || (end = strstr(data, "\r\n\r\n")) != NULL)
		len = (size_t)(end - data) + 1;
	if (message_load_mem(data, len, "", &m, &cause) == 0) {
		struct address a;
		if (e->subject == 0)
			e->subject = arena_add_clipped(s, message_hvalue(m, "Subject"), SUBJECT_MAX);
		if ((h = message_header(m, "From")) != NULL && e->from_name == 0) {
			address_parse(h->raw, h->value, &a);
			if (a.display != NULL && *a.display != '\0')
				e->from_name = arena_add_clipped(s, a.display, NAME_MAX_KEPT);
			else if (a.addr != NULL) {
				char *local = xstrndup(a.addr, strcspn(a.addr, "@"));
				e->from_name = arena_add_clipped(s, local, NAME_MAX_KEPT);
				free(local);
			}
			e->from_domain = arena_add_clipped(s, a.domain, NAME_MAX_KEPT);
			address_free(&a);
		}
		if ((v = message_hvalue(m, "Date")) != NULL) {
			time_t t;
			if (received_parse_date(v, &t) == 0)
				e->date = t;
		}
		message_free(m);
	} else
		free(cause);
	free(data);
}

void
store_want(struct store *s, size_t id)
{
	struct entry *e = &s->v[id];

	if (e->state >= ENTRY_ANALYSED || (e->flags & (EF_QUEUED | EF_GONE)))
		return;
	pthread_mutex_lock(&s->lock);
	if (s->nprio == s->prio_cap) {
		s->prio_cap = s->prio_cap != 0 ? s->prio_cap * 2 : 64;
		s->prio = xreallocarray(s->prio, s->prio_cap, sizeof *s->prio);
	}
	s->prio[s->nprio++] = make_job(s, id);
	pthread_cond_signal(&s->wake);
	pthread_mutex_unlock(&s->lock);
}

static void
apply(struct store *s, struct result *res)
{
	struct entry *e = &s->v[res->id];

	if (e->name != res->name) {   /* renamed meanwhile: analyse again under the new name */
		e->flags &= (uint8_t)~EF_QUEUED;
		if (res->id < s->fill_next)
			s->fill_next = res->id;
		return;
	}
	e->flags &= (uint8_t)~EF_QUEUED;
	if (e->state < ENTRY_ANALYSED)
		s->npending--;
	e->state = res->state;
	if (res->state == ENTRY_ERROR)
		return;
	e->verdict = res->verdict;
	e->score = res->score;
	e->worst = res->worst;
	if (res->verified)
		e->flags |= EF_VERIFIED;
	memcpy(e->ids, res->ids, sizeof e->ids);
	if (res->date != 0)
		e->date = res->date;
	if (e->subject == 0)
		e->subject = arena_add_clipped(s, res->subject, SUBJECT_MAX);
	if (e->from_name == 0)
		e->from_name = arena_add_clipped(s, res->from_name, NAME_MAX_KEPT);
	if (e->from_domain == 0)
		e->from_domain = arena_add_clipped(s, res->from_domain, NAME_MAX_KEPT);
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
		free(rv[i].subject);
		free(rv[i].from_name);
		free(rv[i].from_domain);
	}
	free(rv);
	pthread_mutex_lock(&s->lock);
	refill(s);
	pthread_mutex_unlock(&s->lock);
	return n;
}

void
store_note_report(struct store *s, size_t id, const struct report *r)
{
	struct result res;

	memset(&res, 0, sizeof res);
	res.id = (uint32_t)id;
	res.name = s->v[id].name;
	summarise(&res, r);
	apply(s, &res);
	free(res.subject);
	free(res.from_name);
	free(res.from_domain);
}

size_t
store_poll(struct store *s)
{
	static const char *subs[2] = { "new", "cur" };
	size_t added = 0;

	if (s->hash == NULL)
		hash_rebuild(s);
	for (int i = 0; i < 2; i++) {
		char *path = xasprintf("%s/%s", s->dir, subs[i]);
		struct stat st;
		bool changed = stat(path, &st) == 0 &&
		    (st.st_mtim.tv_sec != s->mtime[i].tv_sec || st.st_mtim.tv_nsec != s->mtime[i].tv_nsec);
		free(path);
		if (changed)
			list_dir(s, subs[i], true, &added);
	}
	if (added > 0) {
		pthread_mutex_lock(&s->lock);
		refill(s);
		pthread_mutex_unlock(&s->lock);
	}
	return added;
}

/* ---- actions: rename(2) only, so a message is in one place whatever happens ---- */

static int
rename_noreplace(const char *from, const char *to)
{
#ifdef RENAME_NOREPLACE
	if (renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
		return 0;
	if (errno != EINVAL && errno != ENOSYS)
		return -1;
#endif
	/* No atomic no-replace here: link then unlink (at worst two names, never none). */
	if (link(from, to) != 0)
		return -1;
	return unlink(from);
}

static int
ensure_maildir(const char *dir, char **cause)
{
	static const char *subs[] = { "", "/cur", "/new", "/tmp" };

	if (maildir_is(dir))
		return 0;
	for (size_t i = 0; i < 4; i++) {
		char *p = xasprintf("%s%s", dir, subs[i]);
		if (mkdir(p, 0700) != 0 && errno != EEXIST) {
			*cause = xasprintf("%s: %s", p, strerror(errno));
			free(p);
			return -1;
		}
		free(p);
	}
	{
		char *p = xasprintf("%s/maildirfolder", dir);   /* Maildir++ marks subfolders so */
		int fd = open(p, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
		if (fd >= 0)
			close(fd);
		free(p);
	}
	return 0;
}

int
store_move_to_junk(struct store *s, size_t id, char **cause)
{
	struct entry *e = &s->v[id];
	char *junk, *from, *to;
	const char *name = s->arena + e->name;
	int rc;

	if (strcmp(s->folder, ".Junk") == 0) {
		*cause = xstrdup(_("the message is already in the Junk folder"));
		return -1;
	}
	junk = xasprintf("%s/.Junk", s->root);
	if (ensure_maildir(junk, cause) != 0) {
		free(junk);
		return -1;
	}
	from = store_path(s, id);
	to = xasprintf("%s/%s", junk, name);
	rc = rename_noreplace(from, to);
	if (rc != 0)
		*cause = xasprintf("%s: %s", to, strerror(errno));
	else {
		e->flags |= EF_GONE;
		if (e->state < ENTRY_ANALYSED)
			s->npending--, e->state = ENTRY_ERROR;
	}
	free(from);
	free(to);
	free(junk);
	return rc;
}

int
store_toggle_flag(struct store *s, size_t id, char flag, char **cause)
{
	struct entry *e = &s->v[id];
	const char *name = s->arena + e->name, *b, *colon;
	size_t blen;
	char letters[64] = "", *from, *to, *newname;
	size_t nl = 0;
	bool had = false;
	int rc;

	base_of(name, &b, &blen);
	if ((colon = strstr(b, ":2,")) != NULL)
		for (const char *p = colon + 3; *p != '\0' && nl + 2 < sizeof letters; p++) {
			if (*p == flag)
				had = true;
			else
				letters[nl++] = *p;
		}
	if (!had)
		letters[nl++] = flag;
	letters[nl] = '\0';
	/* Maildir: flags in ASCII order */
	for (size_t i = 1; i < nl; i++)
		for (size_t j = i; j > 0 && letters[j - 1] > letters[j]; j--) {
			char t = letters[j];
			letters[j] = letters[j - 1];
			letters[j - 1] = t;
		}
	newname = xasprintf("cur/%.*s:2,%s", (int)blen, b, letters);
	from = store_path(s, id);
	to = xasprintf("%s/%s", s->dir, newname);
	rc = rename_noreplace(from, to);
	if (rc != 0)
		*cause = xasprintf("%s: %s", from, strerror(errno));
	else {
		e->name = arena_add(s, newname, strlen(newname));
		e->flags = (uint8_t)((e->flags & ~(EF_SEEN | EF_FLAGGED | EF_REPLIED | EF_NEW)) | flags_of(newname));
	}
	free(newname);
	free(from);
	free(to);
	return rc;
}

static void
count_dir(const char *dir, const char *sub, struct folder_info *fi)
{
	char *p = xasprintf("%s/%s", dir, sub);
	DIR *d = opendir(p);
	struct dirent *de;

	free(p);
	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		const char *colon;
		if (de->d_name[0] == '.')
			continue;
		fi->total++;
		colon = strstr(de->d_name, ":2,");
		if (strcmp(sub, "new") == 0 || colon == NULL || strchr(colon + 3, 'S') == NULL)
			fi->unseen++;
	}
	closedir(d);
}

static int
folder_cmp(const void *a, const void *b)
{
	return strcmp(((const struct folder_info *)a)->name, ((const struct folder_info *)b)->name);
}

size_t
store_list_folders(const char *root, struct folder_info **out)
{
	struct folder_info *v = xcalloc(1, sizeof *v);
	size_t n = 1;
	DIR *d;
	struct dirent *de;

	v[0].name = xstrdup("");
	count_dir(root, "new", &v[0]);
	count_dir(root, "cur", &v[0]);
	if ((d = opendir(root)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			char *sub;
			if (de->d_name[0] != '.' || strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
				continue;
			sub = xasprintf("%s/%s", root, de->d_name);
			if (maildir_is(sub)) {
				v = xreallocarray(v, n + 1, sizeof *v);
				memset(&v[n], 0, sizeof v[n]);
				v[n].name = xstrdup(de->d_name);
				count_dir(sub, "new", &v[n]);
				count_dir(sub, "cur", &v[n]);
				n++;
			}
			free(sub);
		}
		closedir(d);
	}
	if (n > 2)
		qsort(v + 1, n - 1, sizeof *v, folder_cmp);
	*out = v;
	return n;
}

void
store_free_folders(struct folder_info *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}
