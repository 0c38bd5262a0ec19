/* test_domainage.c — RDAP answers, bootstrap files, dates, the cache, newly-registered-domain lists, the lookup job. */
#include "config.h"

#include <check.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sys/socket.h>

#include "analyze.h"
#include "domainage.h"
#include "lookup.h"
#include "message.h"
#include "settings.h"
#include "util.h"

/* ---- a one-thread RDAP server on 127.0.0.1 for these tests ---- */

static int server_fd = -1;
static volatile int server_stop;
static int server_requests;

static void *
server_main(void *arg)
{
	(void)arg;
	while (!server_stop) {
		struct pollfd p = { .fd = server_fd, .events = POLLIN };
		char req[2048], *path, *sp, *body, *resp;
		ssize_t n;
		size_t got = 0;
		int c, code = 404;

		if (poll(&p, 1, 100) != 1 || (c = accept(server_fd, NULL, NULL)) < 0)
			continue;
		while (got < sizeof req - 1 && (n = read(c, req + got, sizeof req - 1 - got)) > 0) {
			got += (size_t)n;
			req[got] = '\0';
			if (strstr(req, "\r\n\r\n") != NULL)
				break;
		}
		req[got] = '\0';
		server_requests++;
		path = strchr(req, ' ');
		path = path != NULL ? path + 1 : req;
		if ((sp = strchr(path, ' ')) != NULL)
			*sp = '\0';
		if (strcmp(path, "/domain/fresh.test") == 0) {
			code = 200;
			body = xstrdup("{\"objectClassName\":\"domain\",\"events\":[{\"eventAction\":\"registration\","
			    "\"eventDate\":\"2026-02-18T03:04:05Z\"}]}");
		} else
			body = xstrdup("{\"errorCode\":404}");
		resp = xasprintf("HTTP/1.1 %d X\r\nContent-Type: application/rdap+json\r\nContent-Length: %zu\r\n"
		    "Connection: close\r\n\r\n%s", code, strlen(body), body);
		(void)!write(c, resp, strlen(resp));
		close(c);
		free(resp);
		free(body);
	}
	return NULL;
}

/* Start the server; returns its base URL (caller frees). */
static char *
server_start(pthread_t *th)
{
	struct sockaddr_in sin;
	socklen_t len = sizeof sin;

	server_fd = socket(AF_INET, SOCK_STREAM, 0);
	ck_assert_int_ge(server_fd, 0);
	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ck_assert_int_eq(bind(server_fd, (struct sockaddr *)&sin, sizeof sin), 0);
	ck_assert_int_eq(listen(server_fd, 8), 0);
	ck_assert_int_eq(getsockname(server_fd, (struct sockaddr *)&sin, &len), 0);
	server_stop = 0;
	server_requests = 0;
	ck_assert_int_eq(pthread_create(th, NULL, server_main, NULL), 0);
	return xasprintf("http://127.0.0.1:%d/", ntohs(sin.sin_port));
}

static void
server_end(pthread_t th)
{
	server_stop = 1;
	pthread_join(th, NULL);
	close(server_fd);
}

static time_t
utc(const char *s)
{
	time_t t = 0;

	ck_assert_msg(domainage_parse_time(s, &t) == 0, "cannot parse %s", s);
	return t;
}

START_TEST(rfc3339)
{
	time_t t;

	ck_assert_int_eq((long long)utc("1970-01-01T00:00:00Z"), 0);
	ck_assert_int_eq((long long)utc("2026-02-18T00:00:00Z"), 1771372800LL);
	ck_assert_int_eq((long long)utc("2026-02-18"), 1771372800LL);
	ck_assert_int_eq((long long)utc("2026-02-18T09:00:00+09:00"), 1771372800LL);
	ck_assert_int_eq((long long)utc("2026-02-17T19:30:00.123456-04:30"), 1771372800LL);
	ck_assert_int_eq((long long)utc("2026-02-18t00:00:00z"), 1771372800LL);
	ck_assert_int_eq(domainage_parse_time("2026-02-18T00:00Z", &t), -1);
	ck_assert_int_eq(domainage_parse_time("2026-13-01", &t), -1);
	ck_assert_int_eq(domainage_parse_time("18/02/2026", &t), -1);
	ck_assert_int_eq(domainage_parse_time("2026-02-18T00:00:00+0900", &t), -1);
	ck_assert_int_eq(domainage_parse_time("2026-02-18 junk", &t), -1);
	ck_assert_int_eq(domainage_parse_time("", &t), -1);
	ck_assert_int_eq(domainage_parse_time(NULL, &t), -1);
}
END_TEST

START_TEST(days)
{
	time_t reg = utc("2026-02-18T03:04:05Z");

	ck_assert_int_eq(domainage_days(reg, utc("2026-02-20T06:22:01Z")), 2);
	ck_assert_int_eq(domainage_days(reg, utc("2026-02-18T23:59:59Z")), 0);
	ck_assert_int_eq(domainage_days(reg, utc("2026-03-20T03:04:05Z")), 30);
	ck_assert_int_eq(domainage_days(reg, utc("2026-02-17T03:04:05Z")), -1);
	ck_assert_int_eq(domainage_days(reg, utc("2026-02-18T02:00:00Z")), -1);
}
END_TEST

static int
rdap(const char *json, time_t *t, char **cause)
{
	*cause = NULL;
	return domainage_parse_rdap(json, strlen(json), t, cause);
}

START_TEST(rdap_answers)
{
	time_t t = 0;
	char *cause;

	ck_assert_int_eq(rdap("{\"objectClassName\":\"domain\",\"ldhName\":\"kmnkw.cn\",\"events\":["
	    "{\"eventAction\":\"last changed\",\"eventDate\":\"2026-02-19T00:00:00Z\"},"
	    "{\"eventAction\":\"registration\",\"eventDate\":\"2026-02-18T03:04:05Z\"},"
	    "{\"eventAction\":\"expiration\",\"eventDate\":\"2027-02-18T03:04:05Z\"}]}", &t, &cause), 0);
	ck_assert_int_eq((long long)t, (long long)utc("2026-02-18T03:04:05Z"));
	ck_assert_ptr_null(cause);

	ck_assert_int_eq(rdap("{\"events\":[{\"eventAction\":\"expiration\",\"eventDate\":\"2027-01-01\"}]}", &t, &cause), -1);
	ck_assert(strstr(cause, "no registration event") != NULL);
	free(cause);
	ck_assert_int_eq(rdap("{\"errorCode\":404,\"title\":\"Not Found\"}", &t, &cause), -1);
	ck_assert(strstr(cause, "404") != NULL);
	free(cause);
	ck_assert_int_eq(rdap("{\"events\":[{\"eventAction\":\"registration\",\"eventDate\":\"yesterday\"}]}", &t, &cause), -1);
	ck_assert(strstr(cause, "date") != NULL);
	free(cause);
	ck_assert_int_eq(rdap("{\"events\":[{\"eventAction\":\"registration\"}]}", &t, &cause), -1);
	free(cause);
	ck_assert_int_eq(rdap("{\"events\":{\"eventAction\":\"registration\"}}", &t, &cause), -1);
	free(cause);
	ck_assert_int_eq(rdap("{\"events\":[", &t, &cause), -1);
	ck_assert(strstr(cause, "not JSON") != NULL);
	free(cause);
	ck_assert_int_eq(rdap("[1,2]", &t, &cause), -1);
	free(cause);
	ck_assert_int_eq(rdap("", &t, &cause), -1);
	free(cause);
}
END_TEST

static struct rdap_bootstrap *
boot(const char *json)
{
	struct rdap_bootstrap *b = NULL;
	char *cause = NULL;

	ck_assert_msg(domainage_bootstrap_parse(json, strlen(json), &b, &cause) == 0, "%s", cause);
	return b;
}

static void
url_is(const struct rdap_bootstrap *b, const char *domain, const char *want)
{
	char *got = domainage_bootstrap_url(b, domain);

	if (want == NULL)
		ck_assert_msg(got == NULL, "%s: got %s", domain, got);
	else {
		ck_assert_msg(got != NULL, "%s: none, want %s", domain, want);
		ck_assert_str_eq(got, want);
	}
	free(got);
}

START_TEST(bootstrap)
{
	struct rdap_bootstrap *b = boot("{\"version\":\"1.0\",\"publication\":\"2026-11-26T00:00:00Z\",\"services\":["
	    "[[\"com\",\"net\"],[\"http://rdap.example/plain/\",\"https://rdap.example/com/v1\"]],"
	    "[[\"jp\"],[\"https://jp.example/\"]],"
	    "[[\"co.jp\"],[\"http://cojp.example/x/\"]],"
	    "[[\"bad\"],[\"ftp://nope/\"]],"
	    "\"junk\", [[1],[2]]]}");
	char *cause = NULL;
	struct rdap_bootstrap *none = NULL;

	ck_assert_str_eq(domainage_bootstrap_date(b), "2026-11-26T00:00:00Z");
	url_is(b, "example.com", "https://rdap.example/com/v1/");     /* https preferred, '/' added */
	url_is(b, "EXAMPLE.NET.", "https://rdap.example/com/v1/");
	url_is(b, "amazon.co.jp", "http://cojp.example/x/");          /* the longest suffix */
	url_is(b, "example.jp", "https://jp.example/");
	url_is(b, "examplecom", NULL);
	url_is(b, "x.notcom", NULL);
	url_is(b, "x.bad", NULL);
	url_is(b, "kmnkw.cn", NULL);
	url_is(NULL, "kmnkw.cn", NULL);
	domainage_bootstrap_free(b);

	ck_assert_int_eq(domainage_bootstrap_parse("{\"services\":{}}", 15, &none, &cause), -1);
	ck_assert_ptr_nonnull(cause);
	free(cause);
	ck_assert_int_eq(domainage_bootstrap_parse("not json", 8, &none, &cause), -1);
	free(cause);
	ck_assert_ptr_null(none);
}
END_TEST

START_TEST(shipped_bootstrap)
{
	char *path = xasprintf("%s/rdap-dns.json", TEST_DATA), *text, *cause = NULL;
	struct rdap_bootstrap *b = NULL;
	FILE *f = fopen(path, "r");
	size_t n;

	ck_assert_ptr_nonnull(f);
	text = xcalloc(1, 1 << 16);
	n = fread(text, 1, (1 << 16) - 1, f);
	fclose(f);
	ck_assert_int_eq(domainage_bootstrap_parse(text, n, &b, &cause), 0);
	ck_assert_ptr_nonnull(domainage_bootstrap_date(b));
	url_is(b, "americanexpress.com", "https://rdap.verisign.com/com/v1/");
	url_is(b, "auccwallt.top", "https://rdap.nic.top/");
	url_is(b, "kmnkw.cn", NULL);   /* CNNIC publishes no RDAP service: the fallback answers */
	domainage_bootstrap_free(b);
	free(text);
	free(path);
}
END_TEST

static char *
write_file(const char *dir, const char *name, const char *text)
{
	char *p = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(p, "w");

	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
	return p;
}

START_TEST(local_cache_and_lists)
{
	char tmpl[] = "/tmp/kensa-da-XXXXXX", *dir = mkdtemp(tmpl), *lists, *cache, *files[3];
	char *list_dirs[2];
	struct domainage_config dc;
	struct domainage *da;
	struct domainage_result r;
	time_t now = time(NULL);
	char *line;

	ck_assert_ptr_nonnull(dir);
	lists = xasprintf("%s/lists", dir);
	cache = xasprintf("%s/cache", dir);
	mkdir(lists, 0700);
	mkdir(cache, 0700);
	files[0] = write_file(lists, "2026-02-18.txt", "# a daily list\nkmnkw.cn\nJFMMFN.CN.\n");
	files[1] = write_file(lists, "nrd.csv", "cpvvl.cn,2026-02-03\nauccwallt.top 2025-11-28T10:00:00Z\nno-date.top\nbad.top 31/12/2025\n");
	line = xasprintf("fresh.com\tfound\t1771372800\t%lld\thttps://rdap.example/domain/fresh.com\n"
	    "stale.com\tfound\t1771372800\t%lld\thttps://rdap.example/domain/stale.com\n"
	    "gone.com\tnotfound\t0\t%lld\thttps://rdap.example/domain/gone.com\n"
	    "flaky.com\tfailed\t0\t%lld\ttimeout\n"
	    "kmnkw.cn\tfailed\t0\t%lld\ttimeout\n"
	    "garbage line\n",
	    (long long)now - 60, (long long)now - 40L * 86400, (long long)now - 60, (long long)now - 60, (long long)now - 60);
	files[2] = write_file(cache, "domainage.tsv", line);
	free(line);

	memset(&dc, 0, sizeof dc);
	list_dirs[0] = lists;
	list_dirs[1] = NULL;
	dc.list_dirs = list_dirs;
	dc.cache_dir = cache;
	da = domainage_open(&dc);

	ck_assert_int_eq(domainage_local(da, "fresh.com", &r), 0);
	ck_assert_int_eq(r.status, DOMAINAGE_FOUND);
	ck_assert_str_eq(r.source, "cache");
	ck_assert_int_eq((long long)r.registered, 1771372800LL);
	domainage_result_free(&r);
	/* expired entries are not answers */
	ck_assert_int_eq(domainage_local(da, "stale.com", &r), -1);
	ck_assert_int_eq(r.status, DOMAINAGE_UNKNOWN);
	domainage_result_free(&r);
	ck_assert_int_eq(domainage_local(da, "gone.com", &r), 0);
	ck_assert_int_eq(r.status, DOMAINAGE_NOT_FOUND);
	domainage_result_free(&r);
	ck_assert_int_eq(domainage_local(da, "flaky.com", &r), 0);
	ck_assert_int_eq(r.status, DOMAINAGE_FAILED);
	ck_assert_str_eq(r.detail, "timeout");
	domainage_result_free(&r);
	/* a list knows better than a cached failure; the date from the file's name */
	ck_assert_int_eq(domainage_local(da, "kmnkw.cn", &r), 0);
	ck_assert_int_eq(r.status, DOMAINAGE_FOUND);
	ck_assert_str_eq(r.source, "list");
	ck_assert_int_eq((long long)r.registered, (long long)utc("2026-02-18"));
	ck_assert(strstr(r.detail, "2026-02-18.txt") != NULL);
	domainage_result_free(&r);
	ck_assert_int_eq(domainage_local(da, "jfmmfn.cn", &r), 0);
	domainage_result_free(&r);
	ck_assert_int_eq(domainage_local(da, "Cpvvl.CN", &r), 0);
	ck_assert_int_eq((long long)r.registered, (long long)utc("2026-02-03"));
	domainage_result_free(&r);
	ck_assert_int_eq(domainage_local(da, "auccwallt.top", &r), 0);
	ck_assert_int_eq((long long)r.registered, (long long)utc("2025-11-28T10:00:00Z"));
	domainage_result_free(&r);
	ck_assert_int_eq(domainage_local(da, "no-date.top", &r), -1);
	domainage_result_free(&r);
	ck_assert_int_eq(domainage_local(da, "bad.top", &r), -1);
	domainage_result_free(&r);
	ck_assert_int_eq(domainage_local(da, "unknown.example", &r), -1);
	domainage_result_free(&r);
	ck_assert_uint_eq(domainage_queries(da), 0);
	domainage_close(da);

	for (int i = 0; i < 3; i++) {
		unlink(files[i]);
		free(files[i]);
	}
	rmdir(lists);
	rmdir(cache);
	rmdir(dir);
	free(lists);
	free(cache);
}
END_TEST

/* A cache file grown by many answers for few domains is rewritten with the live ones only. */
START_TEST(cache_compaction)
{
	char tmpl[] = "/tmp/kensa-da-XXXXXX", *dir = mkdtemp(tmpl), *path, *no_lists[1] = { NULL };
	struct domainage_config dc;
	struct domainage *da;
	struct domainage_result r;
	time_t now = time(NULL);
	FILE *f;
	char line[256];
	int n = 0;

	ck_assert_ptr_nonnull(dir);
	path = xasprintf("%s/domainage.tsv", dir);
	f = fopen(path, "w");
	for (int i = 0; i < 5000; i++)
		fprintf(f, "churn%d.com\tfailed\t0\t%lld\told\n", i % 3, (long long)now - 7200);
	fprintf(f, "keep.com\tfound\t1771372800\t%lld\tx\n", (long long)now - 10);
	fclose(f);
	memset(&dc, 0, sizeof dc);
	dc.cache_dir = dir;
	dc.list_dirs = no_lists;
	da = domainage_open(&dc);
	ck_assert_int_eq(domainage_local(da, "keep.com", &r), 0);
	domainage_result_free(&r);
	ck_assert_int_eq(domainage_local(da, "churn1.com", &r), -1);   /* expired failure */
	domainage_result_free(&r);
	domainage_close(da);
	f = fopen(path, "r");
	while (fgets(line, sizeof line, f) != NULL)
		n++;
	fclose(f);
	ck_assert_int_eq(n, 1);
	unlink(path);
	rmdir(dir);
	free(path);
}
END_TEST

/* RDAP that cannot succeed, all on the loopback: no server known, a closed port. Failures are cached. */
START_TEST(rdap_failures_cached)
{
	char tmpl[] = "/tmp/kensa-da-XXXXXX", *dir = mkdtemp(tmpl), *bootfile, *cachefile;
	char *no_lists[1] = { NULL };
	struct domainage_config dc;
	struct domainage *da;
	struct domainage_result r;

	ck_assert_ptr_nonnull(dir);
	bootfile = write_file(dir, "boot.json", "{\"services\":[[[\"test\"],[\"http://127.0.0.1:1/\"]]]}");
	memset(&dc, 0, sizeof dc);
	dc.cache_dir = dir;
	dc.list_dirs = no_lists;
	dc.bootstrap = bootfile;
	dc.timeout_ms = 2000;
	da = domainage_open(&dc);

	ck_assert_int_eq(domainage_rdap(da, "nowhere.example", &r), -1);
	ck_assert_int_eq(r.status, DOMAINAGE_FAILED);
	ck_assert(strstr(r.detail, "no RDAP server") != NULL);
	domainage_result_free(&r);
	{
		/* an unreadable bootstrap file is named in the failure */
		struct domainage_config bad = dc;
		struct domainage *db;
		bad.bootstrap = "/nonexistent/dns.json";
		db = domainage_open(&bad);
		ck_assert_int_eq(domainage_rdap(db, "x.test", &r), -1);
		ck_assert(strstr(r.detail, "/nonexistent/dns.json") != NULL);
		domainage_result_free(&r);
		domainage_close(db);
	}
	ck_assert_int_eq(domainage_queries(da), 0);
	ck_assert_int_eq(domainage_local(da, "nowhere.example", &r), -1);   /* not cached */
	domainage_result_free(&r);

	/* names that could bend the URL or the cache file are refused before any query */
	ck_assert_int_eq(domainage_rdap(da, "a.test/../../x", &r), -1);
	ck_assert(strstr(r.detail, "not a valid domain name") != NULL);
	domainage_result_free(&r);
	ck_assert_int_eq(domainage_rdap(da, "a.test\nb.test\tfound", &r), -1);
	domainage_result_free(&r);
	ck_assert_int_eq(domainage_queries(da), 0);

	ck_assert_int_eq(domainage_rdap(da, "closed.test", &r), -1);
	ck_assert_int_eq(r.status, DOMAINAGE_FAILED);
	ck_assert_str_eq(r.source, "rdap");
	ck_assert(strstr(r.detail, "http://127.0.0.1:1/domain/closed.test") != NULL);
	domainage_result_free(&r);
	ck_assert_int_eq(domainage_queries(da), 1);
	domainage_close(da);

	/* a new context reads the failure back from the cache file */
	da = domainage_open(&dc);
	ck_assert_int_eq(domainage_local(da, "closed.test", &r), 0);
	ck_assert_int_eq(r.status, DOMAINAGE_FAILED);
	ck_assert_str_eq(r.source, "cache");
	domainage_result_free(&r);
	domainage_close(da);

	cachefile = xasprintf("%s/domainage.tsv", dir);
	unlink(cachefile);
	unlink(bootfile);
	rmdir(dir);
	free(cachefile);
	free(bootfile);
}
END_TEST

/* The asynchronous job: the descriptor becomes readable, results arrive, nothing blocks the caller. */
START_TEST(lookup_job)
{
	char tmpl[] = "/tmp/kensa-da-XXXXXX", *dir = mkdtemp(tmpl), *bootfile, *cachefile;
	char *no_lists[1] = { NULL };
	struct domainage_config dc;
	struct domainage *da;
	struct lookup_item *items = xcalloc(3, sizeof *items), *got;
	struct lookup_job *j;
	struct pollfd pfd;
	size_t n;

	ck_assert_ptr_nonnull(dir);
	bootfile = write_file(dir, "boot.json", "{\"services\":[[[\"test\"],[\"http://127.0.0.1:1/\"]]]}");
	memset(&dc, 0, sizeof dc);
	dc.cache_dir = dir;
	dc.list_dirs = no_lists;
	dc.bootstrap = bootfile;
	da = domainage_open(&dc);
	items[0].kind = LOOKUP_RDAP;
	items[0].name = xstrdup("a.test");
	items[1].kind = LOOKUP_RDAP;
	items[1].name = xstrdup("b.test");
	items[2].kind = LOOKUP_DNS;
	items[2].name = xstrdup("localhost");
	j = lookup_start(da, items, 3, 2, 3000);
	ck_assert_int_ge(lookup_fd(j), 0);
	pfd.fd = lookup_fd(j);
	pfd.events = POLLIN;
	ck_assert_int_eq(poll(&pfd, 1, 10000), 1);
	ck_assert(lookup_done(j));
	ck_assert(lookup_wait(j, 0));
	got = lookup_items(j, &n);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(got[0].age.status, DOMAINAGE_FAILED);
	ck_assert_int_eq(got[1].age.status, DOMAINAGE_FAILED);
	ck_assert_int_gt(got[2].naddrs, 0);
	lookup_free(j);

	/* an empty job is done at once */
	j = lookup_start(da, xcalloc(1, sizeof *items), 0, 4, 1000);
	ck_assert(lookup_done(j));
	ck_assert(lookup_wait(j, 0));
	lookup_free(j);
	domainage_close(da);

	cachefile = xasprintf("%s/domainage.tsv", dir);
	unlink(cachefile);
	unlink(bootfile);
	rmdir(dir);
	free(cachefile);
	free(bootfile);
}
END_TEST

static char *
write_file(const char *dir, const char *name, const char *text);

/* A registration date from RDAP, cached, then read back without the server. */
START_TEST(rdap_found)
{
	char tmpl[] = "/tmp/kensa-da-XXXXXX", *dir = mkdtemp(tmpl), *base, *bootfile, *json, *cachefile;
	char *no_lists[1] = { NULL };
	struct domainage_config dc;
	struct domainage *da;
	struct domainage_result r;
	pthread_t th;

	ck_assert_ptr_nonnull(dir);
	base = server_start(&th);
	json = xasprintf("{\"services\":[[[\"test\"],[\"%s\"]]]}", base);
	bootfile = write_file(dir, "boot.json", json);
	memset(&dc, 0, sizeof dc);
	dc.cache_dir = dir;
	dc.list_dirs = no_lists;
	dc.bootstrap = bootfile;
	da = domainage_open(&dc);
	ck_assert_int_eq(domainage_rdap(da, "Fresh.Test", &r), 0);
	ck_assert_int_eq(r.status, DOMAINAGE_FOUND);
	ck_assert_int_eq((long long)r.registered, (long long)utc("2026-02-18T03:04:05Z"));
	ck_assert_str_eq(r.domain, "fresh.test");
	domainage_result_free(&r);
	ck_assert_int_eq(domainage_rdap(da, "other.test", &r), 0);
	ck_assert_int_eq(r.status, DOMAINAGE_NOT_FOUND);
	domainage_result_free(&r);
	ck_assert_int_eq(server_requests, 2);
	domainage_close(da);
	server_end(th);

	da = domainage_open(&dc);
	ck_assert_int_eq(domainage_local(da, "fresh.test", &r), 0);
	ck_assert_int_eq(r.status, DOMAINAGE_FOUND);
	ck_assert_str_eq(r.source, "cache");
	domainage_result_free(&r);
	ck_assert_int_eq(domainage_local(da, "other.test", &r), 0);
	ck_assert_int_eq(r.status, DOMAINAGE_NOT_FOUND);
	domainage_result_free(&r);
	domainage_close(da);

	cachefile = xasprintf("%s/domainage.tsv", dir);
	unlink(cachefile);
	unlink(bootfile);
	rmdir(dir);
	free(cachefile);
	free(bootfile);
	free(json);
	free(base);
}
END_TEST

/* The TUI's path: the report comes back at once, the answers arrive through a descriptor. */
START_TEST(analyze_async)
{
	static const char mail[] =
	    "Received: from unknown (HELO fresh.test) (192.0.2.10)\r\n"
	    "\tby mx.example.com with SMTP; Fri, 20 Feb 2026 14:22:07 +0800\r\n"
	    "From: Support <support@fresh.test>\r\n"
	    "To: taro@example.com\r\n"
	    "Subject: notice\r\n"
	    "Date: Fri, 20 Feb 2026 14:22:01 +0800\r\n"
	    "Content-Type: text/html; charset=utf-8\r\n\r\n"
	    "<p><a href=\"https://login.fresh.test/x\">Sign in</a></p>\r\n";
	char tmpl[] = "/tmp/kensa-da-XXXXXX", *dir = mkdtemp(tmpl), *base, *bootfile, *json, *cause = NULL, *cachefile;
	struct settings cfg;
	struct message *m;
	struct report *r;
	const struct domain_fact *d;
	struct pollfd pfd;
	pthread_t th;

	ck_assert_ptr_nonnull(dir);
	setenv("XDG_CACHE_HOME", dir, 1);   /* the shared context's cache: opened here first */
	base = server_start(&th);
	json = xasprintf("{\"services\":[[[\"test\"],[\"%s\"]]]}", base);
	bootfile = write_file(dir, "boot.json", json);
	settings_init(&cfg);
	cfg.network = true;
	cfg.dns = false;
	cfg.rdap_bootstrap = xstrdup(bootfile);
	message_init();
	ck_assert_int_eq(message_load_mem(mail, sizeof mail - 1, "async", &m, &cause), 0);
	r = analyze_message_async(m, &cfg);
	ck_assert_ptr_nonnull(r->pending);
	ck_assert(r->network);
	ck_assert_uint_eq(r->lookups, 1);   /* one registrable domain, asked once */
	ck_assert(!findings_has(&r->findings, F_FROM_NEW_DOMAIN));
	ck_assert_int_ge(analyze_pending_fd(r), 0);
	pfd.fd = analyze_pending_fd(r);
	pfd.events = POLLIN;
	ck_assert_int_eq(poll(&pfd, 1, 10000), 1);
	ck_assert_int_eq(analyze_pending_apply(r, &cfg), 1);
	ck_assert_ptr_null(r->pending);
	ck_assert_int_eq(analyze_pending_fd(r), -1);
	ck_assert(findings_has(&r->findings, F_FROM_NEW_DOMAIN));
	ck_assert(findings_has(&r->findings, F_LINK_NEW_DOMAIN));
	d = analyze_domain_fact(r, "fresh.test");
	ck_assert_ptr_nonnull(d);
	ck_assert(d->from);
	ck_assert_int_eq(d->link, 1);
	ck_assert_int_eq(domainage_days(d->age.registered, r->when), 2);
	ck_assert_ptr_null(analyze_domain_fact(r, "example.com"));
	report_free(r);
	server_end(th);
	settings_free(&cfg);

	cachefile = xasprintf("%s/kensa/domainage.tsv", dir);
	unlink(cachefile);
	free(cachefile);
	cachefile = xasprintf("%s/kensa", dir);
	rmdir(cachefile);
	free(cachefile);
	unlink(bootfile);
	rmdir(dir);
	free(bootfile);
	free(json);
	free(base);
}
END_TEST

/* The config keys of this module, their defaults and their bounds. */
START_TEST(settings_keys)
{
	struct settings s;

	settings_init(&s);
	ck_assert(!s.network);
	ck_assert(s.dns);
	ck_assert_int_eq(s.new_domain_days, 30);
	ck_assert_int_eq(s.rdap_timeout, 5);
	ck_assert_str_eq(s.rdap_url, "https://rdap.org/");
	ck_assert_ptr_null(s.rdap_bootstrap);
	ck_assert_int_eq(settings_set(&s, "network", "on"), 0);
	ck_assert_int_eq(settings_set(&s, "dns", "off"), 0);
	ck_assert_int_eq(settings_set(&s, "new_domain_days", "14"), 0);
	ck_assert_int_eq(settings_set(&s, "rdap_timeout", "2"), 0);
	ck_assert_int_eq(settings_set(&s, "rdap_url", ""), 0);
	ck_assert_int_eq(settings_set(&s, "rdap_bootstrap", "/etc/kensa/dns.json"), 0);
	ck_assert(s.network);
	ck_assert(!s.dns);
	ck_assert_int_eq(s.new_domain_days, 14);
	ck_assert_int_eq(s.rdap_timeout, 2);
	ck_assert_str_eq(s.rdap_url, "");
	ck_assert_str_eq(s.rdap_bootstrap, "/etc/kensa/dns.json");
	ck_assert_int_eq(settings_set(&s, "new_domain_days", "0"), -1);
	ck_assert_int_eq(settings_set(&s, "new_domain_days", "ten"), -1);
	ck_assert_int_eq(settings_set(&s, "rdap_timeout", "120"), -1);
	ck_assert_int_eq(settings_set(&s, "dns", "maybe"), -1);
	ck_assert_int_eq(s.new_domain_days, 14);
	settings_free(&s);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("domainage");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	setenv("KENSA_DATADIR", TEST_DATA, 1);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, settings_keys);
	tcase_add_test(tc, rfc3339);
	tcase_add_test(tc, days);
	tcase_add_test(tc, rdap_answers);
	tcase_add_test(tc, bootstrap);
	tcase_add_test(tc, shipped_bootstrap);
	tcase_add_test(tc, local_cache_and_lists);
	tcase_add_test(tc, rdap_failures_cached);
	tcase_add_test(tc, cache_compaction);
	tcase_add_test(tc, lookup_job);
	tcase_add_test(tc, rdap_found);
	tcase_add_test(tc, analyze_async);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
