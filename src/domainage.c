/* domainage.c — domain creation dates from the cache, newly-registered-domain lists and RDAP (RFC 9083, RFC 9224 bootstrap). */
#include "config.h"

#include <curl/curl.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <idn2.h>
#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conffile.h"
#include "domainage.h"
#include "i18n.h"
#include "util.h"

#define RDAP_MAX_BODY   (1u << 20)     /* bytes of an RDAP answer read */
#define CACHE_NAME      "domainage.tsv"
#define RDAP_PARALLEL   4              /* queries in flight per process, whatever the callers */
#define CACHE_COMPACT   4096           /* lines past which a mostly stale cache file is rewritten */

/* ---- dates ---- */

int
domainage_days(time_t registered, time_t when)
{
	double d = difftime(when, registered) / 86400.0;

	return d >= 0 ? (int)d : -(int)(-d + 0.999999);
}

static int
digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int
domainage_parse_time(const char *s, time_t *out)
{
	struct tm tm;
	int y, mo, d, h = 0, mi = 0, sec = 0, off = 0;
	const char *p;
	time_t t;

	if (s == NULL || strlen(s) < 10 || s[4] != '-' || s[7] != '-')
		return -1;
	if ((y = digits(s, 4)) < 1900 || (mo = digits(s + 5, 2)) < 1 || mo > 12 ||
	    (d = digits(s + 8, 2)) < 1 || d > 31)
		return -1;
	p = s + 10;
	if (*p == 'T' || *p == 't' || *p == ' ') {
		if (strlen(p) < 9 || p[3] != ':' || p[6] != ':' || (h = digits(p + 1, 2)) < 0 || h > 23 ||
		    (mi = digits(p + 4, 2)) < 0 || mi > 59 || (sec = digits(p + 7, 2)) < 0 || sec > 60)
			return -1;
		p += 9;
		if (*p == '.' || *p == ',') {
			p++;
			if (*p < '0' || *p > '9')
				return -1;
			while (*p >= '0' && *p <= '9')
				p++;
		}
		if (*p == 'Z' || *p == 'z')
			p++;
		else if (*p == '+' || *p == '-') {
			int oh, om;
			if (strlen(p) < 6 || p[3] != ':' || (oh = digits(p + 1, 2)) < 0 || oh > 23 ||
			    (om = digits(p + 4, 2)) < 0 || om > 59)
				return -1;
			off = (oh * 60 + om) * 60 * (*p == '-' ? -1 : 1);
			p += 6;
		}
	}
	if (*p != '\0')
		return -1;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec == 60 ? 59 : sec;
	if ((t = timegm(&tm)) == (time_t)-1)
		return -1;
	*out = t - off;
	return 0;
}

/* ---- RDAP answers (RFC 9083) ---- */

int
domainage_parse_rdap(const char *json, size_t len, time_t *registered, char **cause)
{
	json_error_t err;
	json_t *root, *events, *ev;
	size_t i;
	int rc = -1;

	*cause = NULL;
	root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &err);
	if (root == NULL) {
		*cause = xasprintf(_("not JSON (%s)"), err.text);
		return -1;
	}
	if (!json_is_object(root)) {
		*cause = xstrdup(_("not an RDAP object"));
		goto out;
	}
	if (json_is_integer(json_object_get(root, "errorCode"))) {
		*cause = xasprintf(_("RDAP error %lld"), (long long)json_integer_value(json_object_get(root, "errorCode")));
		goto out;
	}
	events = json_object_get(root, "events");
	if (!json_is_array(events)) {
		*cause = xstrdup(_("no events in the RDAP answer"));
		goto out;
	}
	json_array_foreach(events, i, ev) {
		const char *action = json_string_value(json_object_get(ev, "eventAction"));
		const char *date = json_string_value(json_object_get(ev, "eventDate"));

		if (action == NULL || ascii_strcasecmp(action, "registration") != 0)
			continue;
		if (date == NULL || domainage_parse_time(date, registered) != 0) {
			*cause = xstrdup(_("unreadable registration date"));
			goto out;
		}
		rc = 0;
		goto out;
	}
	*cause = xstrdup(_("no registration event in the RDAP answer"));
out:
	json_decref(root);
	return rc;
}

/* ---- bootstrap (RFC 9224) ---- */

struct rdap_service {
	char *suffix;            /* "com", "co.jp" */
	char *url;               /* ends in '/' */
};

struct rdap_bootstrap {
	struct rdap_service *v;
	size_t n;
	char *publication;
};

int
domainage_bootstrap_parse(const char *json, size_t len, struct rdap_bootstrap **out, char **cause)
{
	json_error_t err;
	json_t *root, *services, *svc;
	struct rdap_bootstrap *b;
	size_t i;

	*out = NULL;
	*cause = NULL;
	root = json_loadb(json, len, 0, &err);
	if (root == NULL) {
		*cause = xasprintf(_("not JSON (line %d: %s)"), err.line, err.text);
		return -1;
	}
	services = json_object_get(root, "services");
	if (!json_is_array(services)) {
		*cause = xstrdup(_("no \"services\" array"));
		json_decref(root);
		return -1;
	}
	b = xcalloc(1, sizeof *b);
	if (json_is_string(json_object_get(root, "publication")))
		b->publication = xstrdup(json_string_value(json_object_get(root, "publication")));
	json_array_foreach(services, i, svc) {
		json_t *tlds = json_array_get(svc, 0), *urls = json_array_get(svc, 1), *u, *t;
		const char *best = NULL;
		size_t j;

		if (!json_is_array(tlds) || !json_is_array(urls))
			continue;
		json_array_foreach(urls, j, u) {
			const char *s = json_string_value(u);
			if (s == NULL || (strncmp(s, "https://", 8) != 0 && strncmp(s, "http://", 7) != 0))
				continue;
			if (best == NULL || (strncmp(best, "https://", 8) != 0 && strncmp(s, "https://", 8) == 0))
				best = s;
		}
		if (best == NULL)
			continue;
		json_array_foreach(tlds, j, t) {
			const char *s = json_string_value(t);
			size_t bl = strlen(best);

			if (s == NULL || *s == '\0')
				continue;
			b->v = xreallocarray(b->v, b->n + 1, sizeof *b->v);
			b->v[b->n].suffix = xstrdup(s);
			ascii_lower(b->v[b->n].suffix);
			b->v[b->n].url = bl > 0 && best[bl - 1] == '/' ? xstrdup(best) : xasprintf("%s/", best);
			b->n++;
		}
	}
	json_decref(root);
	*out = b;
	return 0;
}

void
domainage_bootstrap_free(struct rdap_bootstrap *b)
{
	if (b == NULL)
		return;
	for (size_t i = 0; i < b->n; i++) {
		free(b->v[i].suffix);
		free(b->v[i].url);
	}
	free(b->v);
	free(b->publication);
	free(b);
}

char *
domainage_bootstrap_url(const struct rdap_bootstrap *b, const char *domain)
{
	const struct rdap_service *best = NULL;
	size_t dl, bestlen = 0;

	if (b == NULL || domain == NULL)
		return NULL;
	dl = strlen(domain);
	while (dl > 0 && domain[dl - 1] == '.')
		dl--;
	for (size_t i = 0; i < b->n; i++) {
		size_t sl = strlen(b->v[i].suffix);

		if (sl > dl || sl <= bestlen)
			continue;
		if (ascii_strncasecmp(domain + dl - sl, b->v[i].suffix, sl) != 0)
			continue;
		if (sl < dl && domain[dl - sl - 1] != '.')
			continue;
		best = &b->v[i];
		bestlen = sl;
	}
	return best != NULL ? xstrdup(best->url) : NULL;
}

const char *
domainage_bootstrap_date(const struct rdap_bootstrap *b)
{
	return b != NULL ? b->publication : NULL;
}

/* ---- the context: cache, lists, bootstrap ---- */

struct entry {
	char *domain;
	enum domainage_status status;
	time_t registered;
	time_t checked;          /* when the answer was got; 0 for list entries */
	char *detail;
};

struct table {
	struct entry *v;
	size_t n, cap;
	size_t *slots;           /* open addressing: index + 1, 0 empty */
	size_t nslots;
};

struct domainage {
	pthread_mutex_t lock;
	char *cache_path;
	char **list_dirs;
	char *bootstrap_path;
	char *fallback;
	int timeout_ms;
	long ttl[4];             /* by status */
	bool cache_loaded, lists_loaded, bootstrap_loaded;
	struct table cache, lists;
	struct rdap_bootstrap *bootstrap;
	char *bootstrap_error;
	unsigned queries;
	int inflight;            /* RDAP queries running */
	pthread_cond_t slot;     /* signalled when one ends */
};

static size_t
hash_str(const char *s)
{
	size_t h = 1469598103934665603ULL;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static struct entry *
table_find(struct table *t, const char *domain)
{
	if (t->nslots == 0)
		return NULL;
	for (size_t i = hash_str(domain) & (t->nslots - 1);; i = (i + 1) & (t->nslots - 1)) {
		if (t->slots[i] == 0)
			return NULL;
		if (strcmp(t->v[t->slots[i] - 1].domain, domain) == 0)
			return &t->v[t->slots[i] - 1];
	}
}

static void
table_rehash(struct table *t)
{
	free(t->slots);
	t->nslots = t->nslots ? t->nslots * 2 : 64;
	t->slots = xcalloc(t->nslots, sizeof *t->slots);
	for (size_t k = 0; k < t->n; k++) {
		size_t i = hash_str(t->v[k].domain) & (t->nslots - 1);
		while (t->slots[i] != 0)
			i = (i + 1) & (t->nslots - 1);
		t->slots[i] = k + 1;
	}
}

/* Insert or replace (the later line of a file wins). */
static void
table_put(struct table *t, const char *domain, enum domainage_status st, time_t reg, time_t checked, const char *detail)
{
	struct entry *e = table_find(t, domain);

	if (e == NULL) {
		if (t->n == t->cap) {
			t->cap = t->cap ? t->cap * 2 : 64;
			t->v = xreallocarray(t->v, t->cap, sizeof *t->v);
		}
		e = &t->v[t->n++];
		e->domain = xstrdup(domain);
		e->detail = NULL;
		if (t->n * 2 > t->nslots)
			table_rehash(t);
		else {
			size_t i = hash_str(domain) & (t->nslots - 1);
			while (t->slots[i] != 0)
				i = (i + 1) & (t->nslots - 1);
			t->slots[i] = t->n;
		}
	}
	e->status = st;
	e->registered = reg;
	e->checked = checked;
	free(e->detail);
	e->detail = xstrdup(detail);
}

static void
table_free(struct table *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->v[i].domain);
		free(t->v[i].detail);
	}
	free(t->v);
	free(t->slots);
	memset(t, 0, sizeof *t);
}

struct domainage *
domainage_open(const struct domainage_config *cfg)
{
	struct domainage *da = xcalloc(1, sizeof *da);
	struct domainage_config none;
	size_t n = 0;

	if (cfg == NULL) {
		memset(&none, 0, sizeof none);
		cfg = &none;
	}
	pthread_mutex_init(&da->lock, NULL);
	pthread_cond_init(&da->slot, NULL);
	if (cfg->cache_dir != NULL)
		da->cache_path = xasprintf("%s/%s", cfg->cache_dir, CACHE_NAME);
	else {
		const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
		if (xdg != NULL && *xdg == '/')
			da->cache_path = xasprintf("%s/kensa/%s", xdg, CACHE_NAME);
		else if (home != NULL && *home != '\0')
			da->cache_path = xasprintf("%s/.cache/kensa/%s", home, CACHE_NAME);
	}
	if (cfg->list_dirs != NULL) {
		while (cfg->list_dirs[n] != NULL)
			n++;
		da->list_dirs = xcalloc(n + 1, sizeof *da->list_dirs);
		for (size_t i = 0; i < n; i++)
			da->list_dirs[i] = xstrdup(cfg->list_dirs[i]);
	} else {
		const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
		da->list_dirs = xcalloc(3, sizeof *da->list_dirs);
		if (xdg != NULL && *xdg == '/')
			da->list_dirs[n++] = xasprintf("%s/kensa/new-domains", xdg);
		else if (home != NULL && *home != '\0')
			da->list_dirs[n++] = xasprintf("%s/.local/share/kensa/new-domains", home);
		da->list_dirs[n++] = util_data_path("new-domains");
	}
	da->bootstrap_path = cfg->bootstrap != NULL ? xstrdup(cfg->bootstrap) : util_data_path("rdap-dns.json");
	if (cfg->fallback_url != NULL && *cfg->fallback_url != '\0') {
		size_t l = strlen(cfg->fallback_url);
		da->fallback = cfg->fallback_url[l - 1] == '/' ? xstrdup(cfg->fallback_url) :
		    xasprintf("%s/", cfg->fallback_url);
	}
	da->timeout_ms = cfg->timeout_ms > 0 ? cfg->timeout_ms : 5000;
	da->ttl[DOMAINAGE_FOUND] = cfg->ttl_found > 0 ? cfg->ttl_found : 30L * 86400;
	da->ttl[DOMAINAGE_NOT_FOUND] = cfg->ttl_not_found > 0 ? cfg->ttl_not_found : 86400;
	da->ttl[DOMAINAGE_FAILED] = cfg->ttl_failed > 0 ? cfg->ttl_failed : 3600;
	return da;
}

void
domainage_close(struct domainage *da)
{
	if (da == NULL)
		return;
	free(da->cache_path);
	for (size_t i = 0; da->list_dirs[i] != NULL; i++)
		free(da->list_dirs[i]);
	free(da->list_dirs);
	free(da->bootstrap_path);
	free(da->fallback);
	table_free(&da->cache);
	table_free(&da->lists);
	domainage_bootstrap_free(da->bootstrap);
	free(da->bootstrap_error);
	pthread_cond_destroy(&da->slot);
	pthread_mutex_destroy(&da->lock);
	free(da);
}

static pthread_mutex_t shared_lock = PTHREAD_MUTEX_INITIALIZER;
static struct domainage *shared;

struct domainage *
domainage_shared(const struct domainage_config *cfg)
{
	struct domainage *da;

	pthread_mutex_lock(&shared_lock);
	if (shared == NULL)
		shared = domainage_open(cfg);
	da = shared;
	pthread_mutex_unlock(&shared_lock);
	return da;
}

static const char *const status_words[] = { "unknown", "found", "notfound", "failed" };

/* Cache lines: domain TAB status TAB registered TAB checked TAB detail (tabs and newlines never in values). */
/* Rewrite the cache file with its live entries only (called with the lock held). */
static void
cache_compact(struct domainage *da)
{
	char *tmp = xasprintf("%s.%ld.tmp", da->cache_path, (long)getpid());
	time_t now = time(NULL);
	FILE *f = fopen(tmp, "w");

	if (f == NULL) {
		free(tmp);
		return;
	}
	for (size_t i = 0; i < da->cache.n; i++) {
		const struct entry *e = &da->cache.v[i];
		if (now - e->checked >= da->ttl[e->status])
			continue;
		fprintf(f, "%s\t%s\t%lld\t%lld\t%s\n", e->domain, e->status == DOMAINAGE_FOUND ? "found" :
		    e->status == DOMAINAGE_NOT_FOUND ? "notfound" : "failed", (long long)e->registered,
		    (long long)e->checked, e->detail != NULL ? e->detail : "");
	}
	if (fclose(f) != 0 || rename(tmp, da->cache_path) != 0)
		unlink(tmp);
	free(tmp);
}

static void
cache_load(struct domainage *da)
{
	FILE *f;
	char *line = NULL;
	size_t cap = 0, lines = 0;

	da->cache_loaded = true;
	if (da->cache_path == NULL || (f = fopen(da->cache_path, "r")) == NULL)
		return;
	while (getline(&line, &cap, f) > 0) {
		char *field[5] = { NULL }, *p = line, *save = NULL;
		int nf = 0, st = -1;

		lines++;
		line[strcspn(line, "\r\n")] = '\0';
		for (char *tok = strtok_r(p, "\t", &save); tok != NULL && nf < 5; tok = strtok_r(NULL, "\t", &save))
			field[nf++] = tok;
		if (nf < 4 || field[0][0] == '#')
			continue;
		for (int i = 1; i < 4; i++)
			if (strcmp(field[1], status_words[i]) == 0)
				st = i;
		if (st < 0)
			continue;
		table_put(&da->cache, field[0], (enum domainage_status)st, (time_t)strtoll(field[2], NULL, 10),
		    (time_t)strtoll(field[3], NULL, 10), field[4]);
	}
	free(line);
	fclose(f);
	if (lines > CACHE_COMPACT && lines > 2 * da->cache.n)
		cache_compact(da);
}

/* The directories above the cache file, private to the user (GLib's mkdir -p). */
static void
mkdir_p(const char *path)
{
	char *dir = g_path_get_dirname(path);

	(void)g_mkdir_with_parents(dir, 0700);
	g_free(dir);
}

/* Append one answer to the cache file (called with the lock held). */
static void
cache_store(struct domainage *da, const char *domain, enum domainage_status st, time_t reg, const char *detail)
{
	time_t now = time(NULL);
	struct buf b;
	int fd;

	table_put(&da->cache, domain, st, reg, now, detail);
	if (da->cache_path == NULL)
		return;
	for (const char *p = domain; *p != '\0'; p++)
		if ((unsigned char)*p <= ' ')
			return;   /* never a domain; keep the file's lines intact */
	mkdir_p(da->cache_path);
	if ((fd = open(da->cache_path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600)) < 0)
		return;
	buf_init(&b);
	buf_addf(&b, "%s\t%s\t%lld\t%lld\t", domain, status_words[st], (long long)reg, (long long)now);
	for (const char *p = detail != NULL ? detail : ""; *p != '\0'; p++)
		buf_addc(&b, *p == '\t' || *p == '\n' || *p == '\r' ? ' ' : *p);
	buf_addc(&b, '\n');
	if (write(fd, b.s, b.len) != (ssize_t)b.len) {
		/* a cache that cannot be written only costs a later query */
	}
	close(fd);
	buf_free(&b);
}

/* First YYYY-MM-DD in s, or -1. */
static int
find_date(const char *s, time_t *out)
{
	for (const char *p = s; *p != '\0'; p++) {
		char tmp[11];
		if (strlen(p) < 10)
			break;
		memcpy(tmp, p, 10);
		tmp[10] = '\0';
		if (domainage_parse_time(tmp, out) == 0)
			return 0;
	}
	return -1;
}

/*
 * A list file: one domain per line, optionally followed (after white space,
 * a comma or a tab) by its registration date; a line without a date takes
 * the date in the file's name (the daily lists are named 2026-02-18.txt).
 */
static void
list_load_file(struct domainage *da, const char *path, const char *name)
{
	/* downloaded lists come in many shapes: what is not a domain line is skipped, not reported */
	struct conffile *cf = conffile_open(path, CONFFILE_HASH_ANYWHERE, NULL);
	struct conffile_line l;
	time_t file_date = 0;
	bool has_file_date = find_date(name, &file_date) == 0;

	if (cf == NULL)
		return;
	while (conffile_next(cf, &l)) {
		char *p = l.text, *dom, *rest;
		size_t dl;
		time_t t;

		dl = strcspn(p, " \t,;");
		if (dl == 0 || dl > 253)
			continue;
		dom = xstrndup(p, dl);
		while (dl > 0 && dom[dl - 1] == '.')
			dom[--dl] = '\0';
		ascii_lower(dom);
		rest = p + strcspn(p, " \t,;");
		rest += strspn(rest, " \t,;");
		rest[strcspn(rest, " \t")] = '\0';
		if (*rest != '\0' && domainage_parse_time(rest, &t) == 0)
			table_put(&da->lists, dom, DOMAINAGE_FOUND, t, 0, path);
		else if (*rest == '\0' && has_file_date)
			table_put(&da->lists, dom, DOMAINAGE_FOUND, file_date, 0, path);
		free(dom);
	}
	conffile_close(cf, NULL);
}

static void
lists_load(struct domainage *da)
{
	da->lists_loaded = true;
	for (size_t i = 0; da->list_dirs[i] != NULL; i++) {
		DIR *d = opendir(da->list_dirs[i]);
		struct dirent *de;

		if (d == NULL)
			continue;
		while ((de = readdir(d)) != NULL) {
			char *path;
			struct stat st;

			if (de->d_name[0] == '.')
				continue;
			path = xasprintf("%s/%s", da->list_dirs[i], de->d_name);
			if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
				list_load_file(da, path, de->d_name);
			free(path);
		}
		closedir(d);
	}
}

static void
result_init(struct domainage_result *out, const char *domain)
{
	memset(out, 0, sizeof *out);
	out->domain = xstrdup(domain);
	ascii_lower(out->domain);
}

static void
result_from(struct domainage_result *out, const struct entry *e, const char *source)
{
	out->status = e->status;
	out->registered = e->registered;
	out->source = source;
	free(out->detail);
	out->detail = xstrdup(e->detail);
}

int
domainage_local(struct domainage *da, const char *domain, struct domainage_result *out)
{
	struct entry *e;
	const struct entry *failed = NULL;
	time_t now = time(NULL);
	int rc = -1;

	result_init(out, domain);
	pthread_mutex_lock(&da->lock);
	if (!da->cache_loaded)
		cache_load(da);
	if (!da->lists_loaded)
		lists_load(da);
	e = table_find(&da->cache, out->domain);
	if (e != NULL && now - e->checked >= 0 && now - e->checked < da->ttl[e->status]) {
		if (e->status == DOMAINAGE_FAILED)
			failed = e;   /* a list may still know it */
		else {
			result_from(out, e, "cache");
			rc = 0;
		}
	}
	if (rc != 0 && (e = table_find(&da->lists, out->domain)) != NULL) {
		result_from(out, e, "list");
		rc = 0;
	}
	if (rc != 0 && failed != NULL) {
		result_from(out, failed, "cache");
		rc = 0;
	}
	pthread_mutex_unlock(&da->lock);
	return rc;
}

/* ---- RDAP over HTTP ---- */

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;

static void
curl_init_once(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
}

static size_t
body_write(char *data, size_t size, size_t nmemb, void *arg)
{
	struct buf *b = arg;
	size_t n = size * nmemb;

	if (b->len + n > RDAP_MAX_BODY)
		return 0;   /* too big: abort the transfer */
	buf_add(b, data, n);
	return n;
}

static void
bootstrap_load(struct domainage *da)
{
	FILE *f;
	struct buf b;
	char tmp[8192];
	size_t n;

	da->bootstrap_loaded = true;
	if ((f = fopen(da->bootstrap_path, "r")) == NULL) {
		da->bootstrap_error = xasprintf("%s: %s", da->bootstrap_path, strerror(errno));
		return;
	}
	buf_init(&b);
	buf_adds(&b, "");
	while ((n = fread(tmp, 1, sizeof tmp, f)) > 0 && b.len < (8u << 20))
		buf_add(&b, tmp, n);
	fclose(f);
	if (domainage_bootstrap_parse(b.s, b.len, &da->bootstrap, &da->bootstrap_error) != 0) {
		char *c = da->bootstrap_error;
		da->bootstrap_error = xasprintf("%s: %s", da->bootstrap_path, c);
		free(c);
	}
	buf_free(&b);
}

unsigned
domainage_queries(struct domainage *da)
{
	unsigned n;

	pthread_mutex_lock(&da->lock);
	n = da->queries;
	pthread_mutex_unlock(&da->lock);
	return n;
}

int
domainage_rdap(struct domainage *da, const char *domain, struct domainage_result *out)
{
	char *base, *ascii = NULL, *url, *cause = NULL;
	struct buf body;
	CURL *c;
	CURLcode cc;
	long status = 0;
	time_t reg = 0;
	enum domainage_status st = DOMAINAGE_FAILED;
	char errbuf[CURL_ERROR_SIZE];

	result_init(out, domain);
	out->source = "rdap";
	pthread_once(&curl_once, curl_init_once);
	/* the A-label form, letters, digits, hyphens and dots only: nothing else reaches the URL */
	if (idn2_to_ascii_8z(out->domain, &ascii, IDN2_NONTRANSITIONAL) != IDN2_OK || ascii[0] == '\0' ||
	    ascii[strspn(ascii, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-")] != '\0') {
		free(ascii);
		ascii = NULL;
		out->status = DOMAINAGE_FAILED;
		out->detail = xstrdup(_("not a valid domain name"));
		return -1;
	}
	pthread_mutex_lock(&da->lock);
	if (!da->bootstrap_loaded)
		bootstrap_load(da);
	base = domainage_bootstrap_url(da->bootstrap, ascii);
	if (base == NULL && da->fallback != NULL)
		base = xstrdup(da->fallback);
	if (base != NULL) {
		da->queries++;
		while (da->inflight >= RDAP_PARALLEL)
			pthread_cond_wait(&da->slot, &da->lock);
		da->inflight++;
	}
	pthread_mutex_unlock(&da->lock);
	if (base == NULL) {
		/* no server: not cached, the configuration may change */
		out->status = DOMAINAGE_FAILED;
		pthread_mutex_lock(&da->lock);
		out->detail = da->bootstrap_error != NULL ? xasprintf("%s (%s)",
		    _("no RDAP server for this top-level domain (set rdap_url)"), da->bootstrap_error) :
		    xstrdup(_("no RDAP server for this top-level domain (set rdap_url)"));
		pthread_mutex_unlock(&da->lock);
		free(ascii);
		return -1;
	}
	url = xasprintf("%sdomain/%s", base, ascii);
	free(base);
	free(ascii);

	buf_init(&body);
	buf_adds(&body, "");
	errbuf[0] = '\0';
	if ((c = curl_easy_init()) == NULL) {
		out->status = DOMAINAGE_FAILED;
		out->detail = xstrdup("curl_easy_init");
		free(url);
		buf_free(&body);
		pthread_mutex_lock(&da->lock);
		da->inflight--;
		pthread_cond_signal(&da->slot);
		pthread_mutex_unlock(&da->lock);
		return -1;
	}
	{
		struct curl_slist *hdr = curl_slist_append(NULL, "Accept: application/rdap+json, application/json");

		curl_easy_setopt(c, CURLOPT_URL, url);
		curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdr);
		curl_easy_setopt(c, CURLOPT_USERAGENT, PACKAGE_NAME "/" PACKAGE_VERSION);
		curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
		curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, (long)da->timeout_ms);
		curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, (long)da->timeout_ms);
		curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
		curl_easy_setopt(c, CURLOPT_MAXREDIRS, 3L);
#if LIBCURL_VERSION_NUM >= 0x075500
		curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
		curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
		curl_easy_setopt(c, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
		curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
		curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, body_write);
		curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
		curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
		cc = curl_easy_perform(c);
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
		curl_easy_cleanup(c);
		curl_slist_free_all(hdr);
	}
	if (cc != CURLE_OK)
		cause = xasprintf("%s: %s", url, errbuf[0] != '\0' ? errbuf : curl_easy_strerror(cc));
	else if (status == 404) {
		st = DOMAINAGE_NOT_FOUND;
		cause = xstrdup(url);
	} else if (status != 200)
		cause = xasprintf(_("%s: HTTP status %ld"), url, status);
	else if (domainage_parse_rdap(body.s, body.len, &reg, &cause) == 0) {
		st = DOMAINAGE_FOUND;
		cause = xstrdup(url);
	} else {
		char *c2 = cause;
		cause = xasprintf("%s: %s", url, c2);
		free(c2);
	}
	buf_free(&body);
	free(url);
	out->status = st;
	out->registered = st == DOMAINAGE_FOUND ? reg : 0;
	out->detail = cause;
	pthread_mutex_lock(&da->lock);
	da->inflight--;
	pthread_cond_signal(&da->slot);
	if (!da->cache_loaded)
		cache_load(da);
	cache_store(da, out->domain, st, out->registered, cause);
	pthread_mutex_unlock(&da->lock);
	return st == DOMAINAGE_FAILED ? -1 : 0;
}

void
domainage_result_free(struct domainage_result *r)
{
	if (r == NULL)
		return;
	free(r->domain);
	free(r->detail);
	memset(r, 0, sizeof *r);
}
