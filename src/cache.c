/* cache.c — the analysis cache in LMDB (as NeoMutt's header cache): one file, many readers, batched writes. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <lmdb.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analyze.h"
#include "cache.h"
#include "findings.h"
#include "geoip.h"
#include "i18n.h"
#include "settings.h"
#include "util.h"
#include "weights.h"

#define CACHE_FILE     "analysis.mdb"
#define MAP_SIZE       ((size_t)4 << 30)   /* address space only: the file grows as it fills */
#define BATCH          4096                /* entries per write transaction, written in key order */
#define KEY_LEN        12
#define META_KEY       "\0kensa-cache-fingerprint"
#define META_KEY_LEN   24
#define FORMAT         1                   /* first byte of every value */
#define MAX_TEXT       65535               /* subject and sender kept up to this many bytes (a u16 length) */

struct pending {
	unsigned char key[KEY_LEN];
	unsigned char *val;
	size_t len;
};

struct cache {
	MDB_env *env;
	MDB_dbi dbi;
	char *path;
	pthread_mutex_t lock;
	struct pending *pend;
	size_t npend;
	struct pending *late;             /* out of turn: written with the next cache_flush */
	size_t nlate;
	size_t hits, misses, writes;
};

/*
 * The key: the message's identity on disk and its base name (which survives
 * flag renames), hashed, behind its delivery time (from the Maildir name, else
 * the modification time): mail arrives in time order, so new entries mostly
 * land at the end of the tree and pages stay full.
 */
static void
make_key(const char *base, const struct stat *st, unsigned char key[KEY_LEN])
{
	GChecksum *ck = g_checksum_new(G_CHECKSUM_SHA256);
	const char *slash = strrchr(base, '/'), *flags;
	unsigned char digest[32];
	gsize dlen = sizeof digest;
	uint64_t f[4] = { (uint64_t)st->st_dev, (uint64_t)st->st_ino, (uint64_t)st->st_size,
		(uint64_t)st->st_mtim.tv_sec * 1000000000u + (uint64_t)st->st_mtim.tv_nsec };
	uint32_t t = (uint32_t)st->st_mtim.tv_sec;

	if (slash != NULL)
		base = slash + 1;
	if (base[0] >= '1' && base[0] <= '9' && strspn(base, "0123456789") >= 9)
		t = (uint32_t)strtoul(base, NULL, 10);   /* Maildir names start with the delivery time */
	flags = strstr(base, ":2,");
	g_checksum_update(ck, (const guchar *)f, sizeof f);
	g_checksum_update(ck, (const guchar *)base, flags != NULL ? (gssize)(flags - base) : (gssize)strlen(base));
	g_checksum_get_digest(ck, digest, &dlen);
	g_checksum_free(ck);
	key[0] = (unsigned char)(t >> 24), key[1] = (unsigned char)(t >> 16);
	key[2] = (unsigned char)(t >> 8), key[3] = (unsigned char)t;
	memcpy(key + 4, digest, KEY_LEN - 4);
}

/* Value: FORMAT, verdict, score (2), date (8), worst | verified << 7, nids, ids, subject, from, domain (2 + n each). */
static void
put_text(unsigned char **p, const char *s, size_t n)
{
	(*p)[0] = (unsigned char)(n & 0xff), (*p)[1] = (unsigned char)(n >> 8);
	memcpy(*p + 2, s != NULL ? s : "", n);
	*p += 2 + n;
}

static size_t
text_len(const char *s)
{
	size_t n = s != NULL ? strlen(s) : 0;

	return n > MAX_TEXT ? MAX_TEXT : n;
}

static unsigned char *
encode(const struct cache_entry *e, size_t *len)
{
	size_t ls = text_len(e->subject), lf = text_len(e->from), ld = text_len(e->from_domain);
	unsigned char *v, *p;
	int64_t date = (int64_t)e->date;
	int16_t score = (int16_t)(e->score > 32767 ? 32767 : e->score < -32768 ? -32768 : e->score);

	*len = 1 + 1 + 2 + 8 + 1 + 1 + e->nids + 2 + ls + 2 + lf + 2 + ld;
	p = v = xmalloc(*len);
	*p++ = FORMAT;
	*p++ = (unsigned char)e->verdict;
	memcpy(p, &score, 2), p += 2;
	memcpy(p, &date, 8), p += 8;
	*p++ = (unsigned char)((e->worst & 0x7f) | (e->verified ? 0x80 : 0));
	*p++ = (unsigned char)e->nids;
	memcpy(p, e->ids, e->nids), p += e->nids;
	put_text(&p, e->subject, ls);
	put_text(&p, e->from, lf);
	put_text(&p, e->from_domain, ld);
	return v;
}

static char *
take_text(const unsigned char **p, const unsigned char *end, bool *ok)
{
	size_t n;
	char *s;

	if (end - *p < 2) {
		*ok = false;
		return NULL;
	}
	n = (size_t)(*p)[0] | (size_t)(*p)[1] << 8;
	*p += 2;
	if ((size_t)(end - *p) < n) {
		*ok = false;
		return NULL;
	}
	s = n > 0 ? xstrndup((const char *)*p, n) : NULL;
	*p += n;
	return s;
}

static bool
decode(const unsigned char *v, size_t len, struct cache_entry *e)
{
	const unsigned char *p = v, *end = v + len;
	int16_t score;
	int64_t date;
	bool ok = true;

	memset(e, 0, sizeof *e);
	if (len < 14 || p[0] != FORMAT || p[1] > VERDICT_PHISHING)
		return false;
	e->verdict = p[1];
	memcpy(&score, p + 2, 2);
	memcpy(&date, p + 4, 8);
	e->score = score;
	e->date = (time_t)date;
	e->worst = p[12] & 0x7f;
	e->verified = (p[12] & 0x80) != 0;
	e->nids = p[13];
	p += 14;
	if ((size_t)(end - p) < e->nids || e->nids > sizeof e->ids || e->worst > SEV_HIGH + 1)
		return false;
	memcpy(e->ids, p, e->nids);
	p += e->nids;
	for (size_t i = 0; i < e->nids; i++)
		if (e->ids[i] >= F_COUNT)
			return false;
	e->subject = take_text(&p, end, &ok);
	e->from = take_text(&p, end, &ok);
	e->from_domain = take_text(&p, end, &ok);
	if (!ok || p != end) {
		cache_entry_free(e);
		return false;
	}
	return true;
}

void
cache_entry_free(struct cache_entry *e)
{
	free(e->subject);
	free(e->from);
	free(e->from_domain);
	e->subject = e->from = e->from_domain = NULL;
}

void
cache_entry_from_report(struct cache_entry *e, const struct report *r)
{
	bool seen[F_COUNT] = { false };
	const struct address *f = &r->addr.from;

	memset(e, 0, sizeof *e);
	e->verdict = (int)r->verdict;
	e->score = r->score;
	e->date = r->when;
	for (size_t i = 0; i < r->findings.n; i++) {
		const struct finding *fd = &r->findings.v[i];

		if (!seen[fd->id] && e->nids < sizeof e->ids) {
			seen[fd->id] = true;
			e->ids[e->nids++] = (uint8_t)fd->id;
		}
		if (fd->id == F_BRAND_VERIFIED)
			e->verified = true;
		else if ((int)fd->severity + 1 > e->worst)
			e->worst = (int)fd->severity + 1;
	}
	e->subject = xstrdup(r->subject);
	if (f->display != NULL && *f->display != '\0')
		e->from = xstrdup(f->display);
	else if (f->addr != NULL)
		e->from = xstrndup(f->addr, strcspn(f->addr, "@"));
	e->from_domain = xstrdup(f->domain);
}

/* Open the environment at path; an LMDB error code, or 0. */
static int
env_open(struct cache *c)
{
	int rc;
	MDB_txn *txn;

	if ((rc = mdb_env_create(&c->env)) != 0)
		return rc;
	mdb_env_set_mapsize(c->env, MAP_SIZE);
	mdb_env_set_maxreaders(c->env, 256);
	/* NOTLS: worker threads each begin their own read transactions; NOMETASYNC: a crash loses the last batch, never the file. */
	rc = mdb_env_open(c->env, c->path, MDB_NOSUBDIR | MDB_NOTLS | MDB_NOMETASYNC, 0600);
	if (rc == 0 && (rc = mdb_txn_begin(c->env, NULL, 0, &txn)) == 0) {
		if ((rc = mdb_dbi_open(txn, NULL, 0, &c->dbi)) == 0)
			rc = mdb_txn_commit(txn);
		else
			mdb_txn_abort(txn);
	}
	if (rc != 0) {
		mdb_env_close(c->env);
		c->env = NULL;
	}
	return rc;
}

/*
 * Check the fingerprint: 0 when it matches (or the file is new and now
 * carries it), 1 when the file holds a foreign database, else an LMDB error.
 * A different fingerprint empties the database.
 */
static int
check_fingerprint(struct cache *c, const char *fingerprint)
{
	MDB_txn *txn;
	MDB_val k = { META_KEY_LEN, (void *)META_KEY }, v;
	MDB_stat st;
	int rc;

	if ((rc = mdb_txn_begin(c->env, NULL, 0, &txn)) != 0)
		return rc;
	rc = mdb_get(txn, c->dbi, &k, &v);
	if (rc == 0 && v.mv_size == strlen(fingerprint) && memcmp(v.mv_data, fingerprint, v.mv_size) == 0) {
		mdb_txn_abort(txn);
		return 0;
	}
	if (rc == MDB_NOTFOUND && mdb_stat(txn, c->dbi, &st) == 0 && st.ms_entries > 0) {
		mdb_txn_abort(txn);   /* entries but no fingerprint: not ours */
		return 1;
	}
	if (rc != 0 && rc != MDB_NOTFOUND) {
		mdb_txn_abort(txn);
		return rc;
	}
	/* new, or computed with other code or data: start again */
	if ((rc = mdb_drop(txn, c->dbi, 0)) == 0) {
		v.mv_size = strlen(fingerprint);
		v.mv_data = (void *)fingerprint;
		rc = mdb_put(txn, c->dbi, &k, &v, 0);
	}
	if (rc == 0)
		return mdb_txn_commit(txn);
	mdb_txn_abort(txn);
	return rc;
}

/* Move a bad cache file (and its lock file) aside; returns the new name. */
static char *
move_aside(const char *path)
{
	char *bad = xasprintf("%s.bad-%ld", path, (long)time(NULL));
	char *lock = xasprintf("%s-lock", path);

	if (rename(path, bad) != 0) {
		free(bad);
		bad = NULL;
		unlink(path);
	}
	unlink(lock);
	free(lock);
	return bad;
}

/* mkdir -p for the cache directory, private to the user (GLib's). */
static int
make_dirs(const char *dir)
{
	return g_mkdir_with_parents(dir, 0700);
}

int
cache_open(const char *dir, const char *fingerprint, struct cache **out, char **notice, char **cause)
{
	struct cache *c;
	int rc;

	*out = NULL;
	if (notice != NULL)
		*notice = NULL;
	if (make_dirs(dir) != 0) {
		*cause = xasprintf(_("cannot create %s: %s"), dir, strerror(errno));
		return -1;
	}
	c = xcalloc(1, sizeof *c);
	c->path = xasprintf("%s/%s", dir, CACHE_FILE);
	pthread_mutex_init(&c->lock, NULL);
	for (int attempt = 0; attempt < 2; attempt++) {
		rc = env_open(c);
		if (rc == 0) {
			rc = check_fingerprint(c, fingerprint);
			if (rc == 0) {
				*out = c;
				return 0;
			}
			mdb_env_close(c->env);
			c->env = NULL;
		}
		/* Unusable as it stands (not LMDB, another version, corrupt, not ours): start afresh once. */
		if (attempt == 0 && (rc == 1 || rc == MDB_INVALID || rc == MDB_VERSION_MISMATCH || rc == MDB_CORRUPTED ||
		    rc == MDB_PAGE_NOTFOUND || rc == MDB_INCOMPATIBLE || rc == MDB_BAD_DBI)) {
			char *bad = move_aside(c->path);

			if (notice != NULL)
				*notice = xasprintf(_("the analysis cache %s was unreadable and was moved aside to %s"), c->path,
				    bad != NULL ? bad : "(removed)");
			free(bad);
			continue;
		}
		break;
	}
	*cause = xasprintf(_("analysis cache %s: %s"), c->path, rc == 1 ? _("not a kensa cache") : mdb_strerror(rc));
	pthread_mutex_destroy(&c->lock);
	free(c->path);
	free(c);
	return -1;
}

static int
pending_cmp(const void *a, const void *b)
{
	return memcmp(((const struct pending *)a)->key, ((const struct pending *)b)->key, KEY_LEN);
}

/* Write the pending entries in one transaction; called with the lock held. */
static void
flush_locked(struct cache *c, bool with_late)
{
	MDB_txn *txn;
	int rc = 0;

	if (with_late && c->nlate > 0) {
		c->pend = xreallocarray(c->pend, c->npend + c->nlate + BATCH, sizeof *c->pend);
		memcpy(c->pend + c->npend, c->late, c->nlate * sizeof *c->late);
		c->npend += c->nlate;
		free(c->late);
		c->late = NULL;
		c->nlate = 0;
	}
	if (c->npend == 0)
		return;
	qsort(c->pend, c->npend, sizeof *c->pend, pending_cmp);
	if (mdb_txn_begin(c->env, NULL, 0, &txn) == 0) {
		for (size_t i = 0; i < c->npend && rc == 0; i++) {
			MDB_val k = { KEY_LEN, c->pend[i].key }, v = { c->pend[i].len, c->pend[i].val };

			/* past the last key (new mail, in time order): append, which keeps pages full */
			rc = mdb_put(txn, c->dbi, &k, &v, MDB_APPEND);
			if (rc == MDB_KEYEXIST)
				rc = mdb_put(txn, c->dbi, &k, &v, 0);
		}
		/* On any failure (a full map included) these entries are simply not cached. */
		if (rc != 0)
			mdb_txn_abort(txn);
		else if (mdb_txn_commit(txn) == 0)
			c->writes += c->npend;
	}
	for (size_t i = 0; i < c->npend; i++)
		free(c->pend[i].val);
	free(c->pend);
	c->pend = NULL;
	c->npend = 0;
}

void
cache_close(struct cache *c)
{
	if (c == NULL)
		return;
	pthread_mutex_lock(&c->lock);
	flush_locked(c, true);
	pthread_mutex_unlock(&c->lock);
	mdb_env_close(c->env);
	pthread_mutex_destroy(&c->lock);
	free(c->path);
	free(c);
}

bool
cache_get(struct cache *c, const char *base, const struct stat *st, struct cache_entry *out)
{
	unsigned char key[KEY_LEN];
	MDB_txn *txn;
	MDB_val k = { KEY_LEN, key }, v;
	bool hit = false;

	if (c == NULL)
		return false;
	make_key(base, st, key);
	if (mdb_txn_begin(c->env, NULL, MDB_RDONLY, &txn) == 0) {
		if (mdb_get(txn, c->dbi, &k, &v) == 0)
			hit = decode(v.mv_data, v.mv_size, out);
		mdb_txn_abort(txn);
	}
	pthread_mutex_lock(&c->lock);
	if (hit)
		c->hits++;
	else
		c->misses++;
	pthread_mutex_unlock(&c->lock);
	return hit;
}

/* Queue one entry: in the next batch, or (late) until the next flush. */
static void
put(struct cache *c, const char *base, const struct stat *st, const struct cache_entry *e, bool late)
{
	struct pending p;

	if (c == NULL)
		return;
	make_key(base, st, p.key);
	p.val = encode(e, &p.len);
	pthread_mutex_lock(&c->lock);
	if (late) {
		c->late = xreallocarray(c->late, c->nlate + 1, sizeof *c->late);
		c->late[c->nlate++] = p;
	} else {
		if (c->npend % BATCH == 0)
			c->pend = xreallocarray(c->pend, c->npend + BATCH, sizeof *c->pend);
		c->pend[c->npend++] = p;
		if (c->npend >= BATCH)
			flush_locked(c, false);
	}
	pthread_mutex_unlock(&c->lock);
}

void
cache_put(struct cache *c, const char *base, const struct stat *st, const struct cache_entry *e)
{
	put(c, base, st, e, false);
}

void
cache_put_late(struct cache *c, const char *base, const struct stat *st, const struct cache_entry *e)
{
	put(c, base, st, e, true);
}

void
cache_flush(struct cache *c)
{
	if (c == NULL)
		return;
	pthread_mutex_lock(&c->lock);
	flush_locked(c, true);
	pthread_mutex_unlock(&c->lock);
}


static pthread_mutex_t shared_lock = PTHREAD_MUTEX_INITIALIZER;
static struct cache *shared;
static bool shared_tried;

struct cache *
cache_shared(const struct settings *cfg, char **notice)
{
	struct cache *c;

	pthread_mutex_lock(&shared_lock);
	if (!shared_tried && (cfg == NULL || cfg->cache)) {
		char *dir = cache_dir(), *fp = cache_fingerprint(cfg), *note = NULL, *cause = NULL;

		shared_tried = true;
		if (cache_open(dir, fp, &shared, &note, &cause) != 0) {
			free(note);
			note = cause;
		}
		if (notice != NULL)
			*notice = note;
		else
			free(note);
		free(dir);
		free(fp);
	}
	c = shared;
	pthread_mutex_unlock(&shared_lock);
	return c;
}

void
cache_shared_close(void)
{
	pthread_mutex_lock(&shared_lock);
	cache_close(shared);
	shared = NULL;
	pthread_mutex_unlock(&shared_lock);
}

void
cache_stats(const struct cache *c, size_t *hits, size_t *misses, size_t *writes)
{
	*hits = c != NULL ? c->hits : 0;
	*misses = c != NULL ? c->misses : 0;
	*writes = c != NULL ? c->writes : 0;
}

/* ---- the fingerprint ---- */

static void
hash_file(GChecksum *ck, const char *path)
{
	char buf[65536];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	struct stat st;

	g_checksum_update(ck, (const guchar *)path, (gssize)strlen(path) + 1);
	if (fd < 0)
		return;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
		while ((n = read(fd, buf, sizeof buf)) > 0)
			g_checksum_update(ck, (const guchar *)buf, n);
	close(fd);
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every regular file under dir (to depth levels), in name order. */
static void
hash_dir(GChecksum *ck, const char *dir, int depth)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0;

	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL)
		if (de->d_name[0] != '.') {
			names = xreallocarray(names, n + 1, sizeof *names);
			names[n++] = xasprintf("%s/%s", dir, de->d_name);
		}
	closedir(d);
	if (n > 1)   /* qsort(NULL, 0, ...) is undefined */
		qsort(names, n, sizeof *names, name_cmp);
	for (size_t i = 0; i < n; i++) {
		struct stat st;

		if (stat(names[i], &st) == 0) {
			if (S_ISREG(st.st_mode) && st.st_size < (64 << 20))
				hash_file(ck, names[i]);
			else if (S_ISDIR(st.st_mode) && depth > 0)
				hash_dir(ck, names[i], depth - 1);
		}
		free(names[i]);
	}
	free(names);
}

static void
hash_stat(GChecksum *ck, const char *path)
{
	struct stat st;
	char *s;

	if (stat(path, &st) != 0)
		return;
	s = xasprintf("%s %lld %lld.%09ld %llu", path, (long long)st.st_size, (long long)st.st_mtim.tv_sec,
	    st.st_mtim.tv_nsec, (unsigned long long)st.st_ino);
	g_checksum_update(ck, (const guchar *)s, (gssize)strlen(s));
	free(s);
}

char *
cache_fingerprint(const struct settings *cfg)
{
	GChecksum *ck = g_checksum_new(G_CHECKSUM_SHA256);
	char *datadir = util_data_path(""), *confdir = util_config_path(""), *s;
	struct geoip *g = geoip_shared(cfg != NULL ? cfg->geoip_dir : NULL);

	/* the code: its version and this very binary (a rebuild is another analyser) */
	g_checksum_update(ck, (const guchar *)PACKAGE_VERSION, -1);
	hash_stat(ck, "/proc/self/exe");
	for (int i = 0; i < F_COUNT; i++)
		g_checksum_update(ck, (const guchar *)finding_name(i), -1);
	/* the data: shipped files, the user's own files, the GeoIP databases */
	hash_dir(ck, datadir, 0);
	if (confdir != NULL)
		hash_dir(ck, confdir, 2);
	for (size_t i = 0; i < geoip_count(g); i++)
		hash_stat(ck, geoip_path(g, i));
	/* the weight table in force (--weights FILE is not under the data or config directories) */
	if (weights_current() != NULL) {
		const struct weights *w = weights_current();
		struct buf b;

		buf_init(&b);
		for (int i = 0; i < F_COUNT; i++)
			for (int sev = SEV_INFO; sev <= SEV_HIGH; sev++)
				buf_addf(&b, "%d.%d=%d%c ", i, sev, weights_weight(w, i, sev), weights_payload(w, i, sev) ? 'p' : '-');
		buf_addf(&b, "req=%d off=%d s=%d p=%d", weights_payload_required(w), weights_payload_link_offsite(w),
		    weights_threshold(w, VERDICT_SUSPICIOUS), weights_threshold(w, VERDICT_PHISHING));
		g_checksum_update(ck, (const guchar *)b.s, (gssize)b.len);
		buf_free(&b);
	}
	/* settings the command line can change on top of the files */
	if (cfg != NULL) {
		s = xasprintf("net=%d dns=%d days=%d cfg=%s geo=%s b=%d", cfg->network, cfg->dns, cfg->new_domain_days,
		    cfg->config_path != NULL ? cfg->config_path : "", cfg->geoip_dir != NULL ? cfg->geoip_dir : "",
		    cfg->boundary_override);
		g_checksum_update(ck, (const guchar *)s, -1);
		free(s);
		if (cfg->config_path != NULL)
			hash_file(ck, cfg->config_path);
	}
	s = xstrdup(g_checksum_get_string(ck));
	g_checksum_free(ck);
	free(datadir);
	free(confdir);
	return s;
}

char *
cache_dir(void)
{
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");

	if (xdg != NULL && *xdg == '/')
		return xasprintf("%s/kensa", xdg);
	return xasprintf("%s/.cache/kensa", home != NULL ? home : ".");
}
