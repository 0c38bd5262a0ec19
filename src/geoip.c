/* geoip.c — libmaxminddb lookups of country and ASN across GeoLite2/GeoIP2, DB-IP, ip-location-db and IPinfo schemas. */
#include "config.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <maxminddb.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <stdio.h>
#include <sys/stat.h>
#include <time.h>

#include "conffile.h"
#include "geoip.h"
#include "i18n.h"
#include "util.h"

#define MAX_DBS 32

struct geoip_db {
	MMDB_s mmdb;
	char *path;
	int kinds;
};

struct geoip {
	struct geoip_db *v;
	size_t n;
	char **dirs;              /* searched, for the hint */
	struct buf problems;
};

char **
geoip_search_dirs(const char *geoip_dir)
{
	char **v = xcalloc(8, sizeof *v);
	size_t n = 0;

	if (geoip_dir != NULL && *geoip_dir != '\0') {
		char *copy = xstrdup(geoip_dir), *tok, *save = NULL;

		for (tok = strtok_r(copy, ":", &save); tok != NULL; tok = strtok_r(NULL, ":", &save)) {
			v = xreallocarray(v, n + 2, sizeof *v);
			v[n++] = xstrdup(tok);
		}
		v[n] = NULL;
		free(copy);
		return v;
	}
	{
		const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");

		if (xdg != NULL && *xdg == '/')
			v[n++] = xasprintf("%s/kensa/geoip", xdg);
		else if (home != NULL && *home != '\0')
			v[n++] = xasprintf("%s/.local/share/kensa/geoip", home);
	}
	v[n++] = xstrdup("/usr/share/GeoIP");
	v[n++] = xstrdup("/var/lib/GeoIP");
	v[n++] = util_data_path("geoip");
	v[n] = NULL;
	return v;
}

void
geoip_dirs_free(char **dirs)
{
	if (dirs == NULL)
		return;
	for (char **d = dirs; *d != NULL; d++)
		free(*d);
	free(dirs);
}

/* The kinds of facts an entry holds, whatever the schema. */
static int
entry_kinds(MMDB_entry_s *e)
{
	MMDB_entry_data_s d;
	int k = 0;

	if ((MMDB_get_value(e, &d, "country", "iso_code", NULL) == MMDB_SUCCESS && d.has_data) ||
	    (MMDB_get_value(e, &d, "country_code", NULL) == MMDB_SUCCESS && d.has_data) ||
	    (MMDB_get_value(e, &d, "registered_country", "iso_code", NULL) == MMDB_SUCCESS && d.has_data))
		k |= GEOIP_COUNTRY;
	if ((MMDB_get_value(e, &d, "autonomous_system_number", NULL) == MMDB_SUCCESS && d.has_data) ||
	    (MMDB_get_value(e, &d, "asn", NULL) == MMDB_SUCCESS && d.has_data))
		k |= GEOIP_ASN;
	return k;
}

/*
 * What a database answers, learnt from its records rather than its name:
 * descend the search tree along a few fixed bit patterns and look at the
 * data records reached. The type string decides only when no record is found.
 */
static int
probe_kinds(MMDB_s *m)
{
	unsigned long seed = 0x9e3779b9UL;
	int kinds = 0, depth_max = m->metadata.ip_version == 6 ? 128 : 32;
	const char *type = m->metadata.database_type;

	for (int probe = 0; probe < 48 && kinds != (GEOIP_COUNTRY | GEOIP_ASN); probe++) {
		uint32_t node = 0;

		for (int depth = 0; depth < depth_max; depth++) {
			MMDB_search_node_s sn;
			int right;
			uint8_t type_rec;

			if (node >= m->metadata.node_count || MMDB_read_node(m, node, &sn) != MMDB_SUCCESS)
				break;
			seed = seed * 6364136223846793005UL + 1442695040888963407UL;
			right = (int)((seed >> 33) & 1);
			/* IPv6 trees keep IPv4 under ::/96: go there for half the probes */
			if (m->metadata.ip_version == 6 && depth < 96 && (probe & 1))
				right = 0;
			type_rec = right ? sn.right_record_type : sn.left_record_type;
			if (type_rec == MMDB_RECORD_TYPE_DATA) {
				MMDB_entry_s e = right ? sn.right_record_entry : sn.left_record_entry;
				kinds |= entry_kinds(&e);
				break;
			}
			if (type_rec != MMDB_RECORD_TYPE_SEARCH_NODE) {
				/* empty here: try the other side once */
				type_rec = right ? sn.left_record_type : sn.right_record_type;
				if (type_rec == MMDB_RECORD_TYPE_DATA) {
					MMDB_entry_s e = right ? sn.left_record_entry : sn.right_record_entry;
					kinds |= entry_kinds(&e);
					break;
				}
				if (type_rec != MMDB_RECORD_TYPE_SEARCH_NODE)
					break;
				right = !right;
			}
			node = right ? sn.right_record : sn.left_record;
		}
	}
	if (kinds == 0 && type != NULL) {
		if (ascii_strcasestr(type, "asn") != NULL)
			kinds |= GEOIP_ASN;
		if (ascii_strcasestr(type, "country") != NULL || ascii_strcasestr(type, "city") != NULL)
			kinds |= GEOIP_COUNTRY;
	}
	return kinds;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
open_dir(struct geoip *g, const char *dir, dev_t *devs, ino_t *inos)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t nn = 0;

	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name);
		if (len > 5 && strcmp(de->d_name + len - 5, ".mmdb") == 0 && de->d_name[0] != '.') {
			names = xreallocarray(names, nn + 1, sizeof *names);
			names[nn++] = xstrdup(de->d_name);
		}
	}
	closedir(d);
	if (nn > 1)
		qsort(names, nn, sizeof *names, cmp_str);
	for (size_t i = 0; i < nn; i++) {
		char *path = xasprintf("%s/%s", dir, names[i]);
		struct stat st;
		bool dup = false;
		int rc;

		free(names[i]);
		if (g->n >= MAX_DBS || stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
			free(path);
			continue;
		}
		for (size_t j = 0; j < g->n; j++)
			if (devs[j] == st.st_dev && inos[j] == st.st_ino)
				dup = true;
		if (dup) {
			free(path);
			continue;
		}
		g->v = xreallocarray(g->v, g->n + 1, sizeof *g->v);
		memset(&g->v[g->n], 0, sizeof g->v[g->n]);
		if ((rc = MMDB_open(path, MMDB_MODE_MMAP, &g->v[g->n].mmdb)) != MMDB_SUCCESS) {
			buf_addf(&g->problems, "%s%s: %s", g->problems.len ? "\n" : "", path,
			    rc == MMDB_IO_ERROR ? strerror(errno) : MMDB_strerror(rc));
			free(path);
			continue;
		}
		g->v[g->n].path = path;
		g->v[g->n].kinds = probe_kinds(&g->v[g->n].mmdb);
		devs[g->n] = st.st_dev;
		inos[g->n] = st.st_ino;
		g->n++;
	}
	free(names);
}

struct geoip *
geoip_open(char *const *dirs)
{
	struct geoip *g = xcalloc(1, sizeof *g);
	dev_t devs[MAX_DBS];
	ino_t inos[MAX_DBS];
	size_t nd = 0;

	buf_init(&g->problems);
	for (size_t i = 0; dirs != NULL && dirs[i] != NULL; i++)
		nd++;
	g->dirs = xcalloc(nd + 1, sizeof *g->dirs);
	for (size_t i = 0; i < nd; i++) {
		g->dirs[i] = xstrdup(dirs[i]);
		open_dir(g, dirs[i], devs, inos);
	}
	return g;
}

void
geoip_close(struct geoip *g)
{
	if (g == NULL)
		return;
	for (size_t i = 0; i < g->n; i++) {
		MMDB_close(&g->v[i].mmdb);
		free(g->v[i].path);
	}
	free(g->v);
	geoip_dirs_free(g->dirs);
	buf_free(&g->problems);
	free(g);
}

static pthread_mutex_t shared_lock = PTHREAD_MUTEX_INITIALIZER;
static struct geoip *shared;

struct geoip *
geoip_shared(const char *geoip_dir)
{
	struct geoip *g;

	pthread_mutex_lock(&shared_lock);
	if (shared == NULL) {
		char **dirs = geoip_search_dirs(geoip_dir);
		shared = geoip_open(dirs);
		geoip_dirs_free(dirs);
	}
	g = shared;
	pthread_mutex_unlock(&shared_lock);
	return g;
}

int
geoip_kinds(const struct geoip *g)
{
	int k = 0;

	for (size_t i = 0; i < g->n; i++)
		k |= g->v[i].kinds;
	return k;
}

size_t
geoip_count(const struct geoip *g)
{
	return g->n;
}

const char *
geoip_path(const struct geoip *g, size_t i)
{
	return i < g->n ? g->v[i].path : NULL;
}

int
geoip_db_kinds(const struct geoip *g, size_t i)
{
	return i < g->n ? g->v[i].kinds : 0;
}

const char *
geoip_problems(const struct geoip *g)
{
	return g->problems.len > 0 ? g->problems.s : NULL;
}

char *
geoip_missing_hint(const struct geoip *g)
{
	int k = geoip_kinds(g);
	struct buf dirs;
	const char *what;
	char *s;

	if ((k & (GEOIP_COUNTRY | GEOIP_ASN)) == (GEOIP_COUNTRY | GEOIP_ASN))
		return NULL;
	buf_init(&dirs);
	for (size_t i = 0; g->dirs[i] != NULL; i++)
		buf_addf(&dirs, "%s%s", i > 0 ? ", " : "", g->dirs[i]);
	what = k == 0 ? _("no GeoIP database (country or network)") :
	    (k & GEOIP_COUNTRY) == 0 ? _("no country database") : _("no network (ASN) database");
	s = xasprintf(_("GeoIP: %s found in %s. Run kensa-update-geoip to fetch the free "
	    "ip-location-db files (DB-IP, Route Views), or put GeoLite2-Country.mmdb and "
	    "GeoLite2-ASN.mmdb (or the DB-IP Lite files) in one of these directories or in the "
	    "directory named by --geoip-dir."), what, dirs.len > 0 ? dirs.s : "-");
	buf_free(&dirs);
	return s;
}

/* Parse ip into a sockaddr; IPv4-mapped IPv6 becomes IPv4. Returns 4, 6 or 0. */
static int
parse_ip(const char *ip, struct sockaddr_storage *ss)
{
	char tmp[INET6_ADDRSTRLEN + 8];
	size_t len;
	struct in6_addr a6;
	struct in_addr a4;

	if (ip == NULL)
		return 0;
	while (*ip == ' ' || *ip == '[')
		ip++;
	if (ascii_strncasecmp(ip, "IPv6:", 5) == 0)
		ip += 5;
	len = strcspn(ip, "] %");
	if (len == 0 || len >= sizeof tmp)
		return 0;
	memcpy(tmp, ip, len);
	tmp[len] = '\0';
	memset(ss, 0, sizeof *ss);
	if (inet_pton(AF_INET, tmp, &a4) == 1) {
		struct sockaddr_in *sin = (struct sockaddr_in *)ss;
		sin->sin_family = AF_INET;
		sin->sin_addr = a4;
		return 4;
	}
	if (inet_pton(AF_INET6, tmp, &a6) == 1) {
		if (IN6_IS_ADDR_V4MAPPED(&a6)) {
			struct sockaddr_in *sin = (struct sockaddr_in *)ss;
			sin->sin_family = AF_INET;
			memcpy(&sin->sin_addr, &a6.s6_addr[12], 4);
			return 4;
		}
		struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;
		sin6->sin6_family = AF_INET6;
		sin6->sin6_addr = a6;
		return 6;
	}
	return 0;
}

/* A string value (utf8) at the path, copied; NULL if none. */
static char *
get_string(MMDB_entry_s *e, const char *const *path)
{
	MMDB_entry_data_s d;

	if (MMDB_aget_value(e, &d, path) != MMDB_SUCCESS || !d.has_data || d.type != MMDB_DATA_TYPE_UTF8_STRING)
		return NULL;
	return xstrndup(d.utf8_string, d.data_size);
}

static unsigned long
get_asn(MMDB_entry_s *e, const char *key)
{
	const char *path[] = { key, NULL };
	MMDB_entry_data_s d;
	unsigned long v = 0;

	if (MMDB_aget_value(e, &d, path) != MMDB_SUCCESS || !d.has_data)
		return 0;
	switch (d.type) {
	case MMDB_DATA_TYPE_UINT16:
		return d.uint16;
	case MMDB_DATA_TYPE_UINT32:
		return d.uint32;
	case MMDB_DATA_TYPE_INT32:
		return d.int32 > 0 ? (unsigned long)d.int32 : 0;
	case MMDB_DATA_TYPE_UINT64:
		return d.uint64 <= 0xFFFFFFFFu ? (unsigned long)d.uint64 : 0;
	case MMDB_DATA_TYPE_UTF8_STRING: {
		/* IPinfo: "AS13335" */
		const char *s = d.utf8_string;
		size_t n = d.data_size, i = 0;
		if (n >= 2 && (s[0] == 'A' || s[0] == 'a') && (s[1] == 'S' || s[1] == 's'))
			i = 2;
		if (i >= n)
			return 0;
		for (; i < n; i++) {
			if (s[i] < '0' || s[i] > '9' || v > 0xFFFFFFFFul / 10)
				return 0;
			v = v * 10 + (unsigned long)(s[i] - '0');
		}
		return v <= 0xFFFFFFFFul ? v : 0;
	}
	default:
		return 0;
	}
}

static void
fill_from(MMDB_entry_s *e, struct geoip_info *out)
{
	static const char *const country_paths[][3] = {
		{ "country", "iso_code", NULL }, { "country_code", NULL, NULL },
		{ "registered_country", "iso_code", NULL }, { "country", NULL, NULL },
	};
	static const char *const org_keys[] = { "autonomous_system_organization", "as_name", "as_org" };

	for (size_t i = 0; out->country[0] == '\0' && i < sizeof country_paths / sizeof country_paths[0]; i++) {
		char *cc = get_string(e, country_paths[i]);
		/* IPinfo's "country" is a name; only two letters are a code */
		if (cc != NULL && strlen(cc) == 2 && ((cc[0] | 0x20) >= 'a' && (cc[0] | 0x20) <= 'z') &&
		    ((cc[1] | 0x20) >= 'a' && (cc[1] | 0x20) <= 'z')) {
			out->country[0] = (char)(cc[0] & ~0x20);
			out->country[1] = (char)(cc[1] & ~0x20);
			out->country[2] = '\0';
		}
		free(cc);
	}
	if (out->asn == 0) {
		out->asn = get_asn(e, "autonomous_system_number");
		if (out->asn == 0)
			out->asn = get_asn(e, "asn");
	}
	for (size_t i = 0; out->as_org == NULL && i < sizeof org_keys / sizeof org_keys[0]; i++) {
		const char *path[] = { org_keys[i], NULL };
		out->as_org = get_string(e, path);
		if (out->as_org != NULL && *out->as_org == '\0') {
			free(out->as_org);
			out->as_org = NULL;
		}
	}
}

int
geoip_lookup(const struct geoip *g, const char *ip, struct geoip_info *out)
{
	struct sockaddr_storage ss;
	int fam;

	memset(out, 0, sizeof *out);
	if (g == NULL || (fam = parse_ip(ip, &ss)) == 0)
		return -1;
	for (size_t i = 0; i < g->n; i++) {
		MMDB_lookup_result_s res;
		int err = 0;

		if (fam == 6 && g->v[i].mmdb.metadata.ip_version == 4)
			continue;
		res = MMDB_lookup_sockaddr(&g->v[i].mmdb, (struct sockaddr *)&ss, &err);
		if (err != MMDB_SUCCESS || !res.found_entry)
			continue;
		fill_from(&res.entry, out);
		if (out->country[0] != '\0' && out->asn != 0 && out->as_org != NULL)
			break;
	}
	return out->country[0] != '\0' || out->asn != 0 || out->as_org != NULL ? 0 : -1;
}

void
geoip_info_free(struct geoip_info *info)
{
	free(info->as_org);
	memset(info, 0, sizeof *info);
}

char *
geoip_info_text(const struct geoip_info *info)
{
	struct buf b;

	if (info->country[0] == '\0' && info->asn == 0 && info->as_org == NULL)
		return NULL;
	buf_init(&b);
	buf_adds(&b, info->country[0] != '\0' ? info->country : "??");
	if (info->asn != 0)
		buf_addf(&b, " · AS%lu", info->asn);
	if (info->as_org != NULL)
		buf_addf(&b, "%s%s", info->asn != 0 ? " " : " · ", info->as_org);
	return buf_take(&b);
}

/* ---- bounded name resolution ---- */

struct resolve {
	pthread_mutex_t lock;
	pthread_cond_t done_cv;
	int refs;                 /* the caller and the resolver thread */
	bool done;
	char *host;
	struct addrinfo *res;
	int rc;
};

static void
resolve_unref(struct resolve *r)
{
	bool last;

	pthread_mutex_lock(&r->lock);
	last = --r->refs == 0;
	pthread_mutex_unlock(&r->lock);
	if (!last)
		return;
	if (r->res != NULL)
		freeaddrinfo(r->res);
	free(r->host);
	pthread_mutex_destroy(&r->lock);
	pthread_cond_destroy(&r->done_cv);
	free(r);
}

static void *
resolve_thread(void *arg)
{
	struct resolve *r = arg;
	struct addrinfo hints, *res = NULL;
	int rc;

	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
#ifdef AI_IDN
	hints.ai_flags = AI_IDN;   /* internationalised names as they stand in the link */
#endif
	rc = getaddrinfo(r->host, NULL, &hints, &res);
	pthread_mutex_lock(&r->lock);
	r->rc = rc;
	r->res = res;
	r->done = true;
	pthread_cond_broadcast(&r->done_cv);
	pthread_mutex_unlock(&r->lock);
	resolve_unref(r);
	return NULL;
}

int
geoip_resolve(const char *host, int timeout_ms, char **addrs, int max, char **cause)
{
	struct resolve *r = xcalloc(1, sizeof *r);
	struct timespec until;
	pthread_attr_t attr;
	pthread_t th;
	int n = 0;

	*cause = NULL;
	pthread_mutex_init(&r->lock, NULL);
	pthread_cond_init(&r->done_cv, NULL);
	r->refs = 2;
	r->host = xstrdup(host);
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	if (pthread_create(&th, &attr, resolve_thread, r) != 0) {
		pthread_attr_destroy(&attr);
		r->refs = 1;
		resolve_unref(r);
		*cause = xstrdup(strerror(errno));
		return -1;
	}
	pthread_attr_destroy(&attr);
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += timeout_ms / 1000;
	until.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&r->lock);
	while (!r->done)
		if (pthread_cond_timedwait(&r->done_cv, &r->lock, &until) != 0)
			break;
	if (!r->done)
		*cause = xasprintf(_("no answer within %d ms"), timeout_ms);
	else if (r->rc != 0)
		*cause = xstrdup(gai_strerror(r->rc));
	else {
		for (struct addrinfo *ai = r->res; ai != NULL && n < max; ai = ai->ai_next) {
			char buf[INET6_ADDRSTRLEN];
			const void *a = ai->ai_family == AF_INET ?
			    (const void *)&((struct sockaddr_in *)ai->ai_addr)->sin_addr :
			    (const void *)&((struct sockaddr_in6 *)ai->ai_addr)->sin6_addr;
			bool seen = false;

			if ((ai->ai_family != AF_INET && ai->ai_family != AF_INET6) ||
			    inet_ntop(ai->ai_family, a, buf, sizeof buf) == NULL)
				continue;
			for (int j = 0; j < n; j++)
				if (strcmp(addrs[j], buf) == 0)
					seen = true;
			if (!seen)
				addrs[n++] = xstrdup(buf);
		}
	}
	pthread_mutex_unlock(&r->lock);
	resolve_unref(r);
	return *cause != NULL ? -1 : n;
}

/* ---- CDN networks ---- */

struct cdn {
	unsigned long asn;
	char *name;
};
static struct cdn *cdns;
static size_t ncdns;
static pthread_once_t cdn_once = PTHREAD_ONCE_INIT;

static char *cdn_error;   /* what cdn_load() could not read, for geoip_cdn_load() */

/* "13335 Cloudflare" (or "AS13335 Cloudflare") per line, '#' comments. */
static void
cdn_load(void)
{
	char *path = util_data_path("cdn-asn.txt"), *err = NULL;
	struct conffile *cf = conffile_open(path, CONFFILE_HASH_ANYWHERE, &err);
	struct conffile_line l;

	free(path);
	while (cf != NULL && conffile_next(cf, &l)) {
		char *p = l.text, *end;
		unsigned long asn;

		if (ascii_strncasecmp(p, "AS", 2) == 0)
			p += 2;
		asn = strtoul(p, &end, 10);
		if (end == p || asn == 0) {
			conffile_error(cf, _("expected \"ASN name\": %s"), l.text);
			continue;
		}
		while (*end == ' ' || *end == '\t')
			end++;
		cdns = xreallocarray(cdns, ncdns + 1, sizeof *cdns);
		cdns[ncdns].asn = asn;
		str_squeeze_space(end);
		cdns[ncdns].name = xstrdup(*end != '\0' ? end : "CDN");
		ncdns++;
	}
	if (cf != NULL)
		conffile_close(cf, &err);
	cdn_error = err;
}

int
geoip_cdn_load(char **cause)
{
	pthread_once(&cdn_once, cdn_load);
	*cause = cdn_error != NULL ? xstrdup(cdn_error) : NULL;
	return cdn_error != NULL ? -1 : 0;
}

const char *
geoip_cdn_name(unsigned long asn)
{
	pthread_once(&cdn_once, cdn_load);
	for (size_t i = 0; asn != 0 && i < ncdns; i++)
		if (cdns[i].asn == asn)
			return cdns[i].name;
	return NULL;
}
