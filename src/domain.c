/* domain.c — registrable domains (libpsl), IP literal and host name tests. */
#include "config.h"

#include <arpa/inet.h>
#include <libpsl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain.h"
#include "util.h"

static const psl_ctx_t *ctx;
static pthread_once_t ctx_once = PTHREAD_ONCE_INIT;

static void
psl_init(void)
{
	ctx = psl_latest(NULL);   /* the system list when newer than the built-in one */
	if (ctx == NULL)
		ctx = psl_builtin();
}

/* Once, whatever the number of scan threads asking. */
static const psl_ctx_t *
psl(void)
{
	pthread_once(&ctx_once, psl_init);
	return ctx;
}

static char *
clean_host(const char *host)
{
	char *h;
	size_t n;

	if (host == NULL)
		return NULL;
	while (*host == ' ' || *host == '[' || *host == '<')
		host++;
	h = xstrdup(host);
	n = strlen(h);
	while (n > 0 && (h[n - 1] == '.' || h[n - 1] == ' ' || h[n - 1] == ']' || h[n - 1] == '>'))
		h[--n] = '\0';
	ascii_lower(h);
	return h;
}

/*
 * A message names the same few hosts again and again (every link to one
 * tracker, every hop of one provider): each thread remembers its last
 * answers. Fixed-size entries, so nothing is left to free when it ends.
 */
#define ORG_CACHE 64
#define ORG_KEY   96

struct org_entry {
	char host[ORG_KEY];   /* cleaned host, "" when unused */
	char org[ORG_KEY];    /* its registrable domain, "" when none */
};

static _Thread_local struct org_entry org_cache[ORG_CACHE];

char *
domain_org(const char *host)
{
	char *h = clean_host(host), *res = NULL;
	const char *rd;
	struct org_entry *e = NULL;
	size_t hl;

	if (h == NULL || *h == '\0' || domain_is_ip_literal(h) || strchr(h, '.') == NULL) {
		free(h);
		return NULL;
	}
	if ((hl = strlen(h)) < ORG_KEY) {
		uint32_t k = 2166136261u;

		for (const char *p = h; *p != '\0'; p++)
			k = (k ^ (unsigned char)*p) * 16777619u;
		e = &org_cache[k % ORG_CACHE];
		if (strcmp(e->host, h) == 0) {
			free(h);
			return e->org[0] != '\0' ? xstrdup(e->org) : NULL;
		}
	}
	rd = psl_registrable_domain(psl(), h);
	if (rd != NULL)
		res = xstrdup(rd);
	if (e != NULL && (rd == NULL || strlen(rd) < ORG_KEY)) {
		memcpy(e->host, h, hl + 1);
		if (rd != NULL)
			memcpy(e->org, rd, strlen(rd) + 1);
		else
			e->org[0] = '\0';
	}
	free(h);
	return res;
}

bool
domain_same_org(const char *a, const char *b)
{
	char *oa = domain_org(a), *ob = domain_org(b);
	bool same = oa != NULL && ob != NULL && strcmp(oa, ob) == 0;

	free(oa);
	free(ob);
	return same;
}

char *
domain_of_address(const char *addr)
{
	const char *at;
	char *d;

	if (addr == NULL || (at = strrchr(addr, '@')) == NULL || at[1] == '\0')
		return NULL;
	d = clean_host(at + 1);
	if (*d == '\0') {
		free(d);
		return NULL;
	}
	return d;
}

bool
domain_is_hostname(const char *s)
{
	size_t label = 0, n = 0;
	bool dot = false;

	if (s == NULL || *s == '\0' || *s == '.' || *s == '-')
		return false;
	for (; *s != '\0'; s++, n++) {
		unsigned char c = (unsigned char)*s;
		if (c == '.') {
			if (label == 0)
				return false;
			label = 0;
			dot = true;
		} else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_' || c >= 0x80) {
			if (++label > 63)
				return false;
		} else
			return false;
	}
	return dot && n <= 253 && !domain_is_ip_literal(s - n);
}

bool
domain_is_ip_literal(const char *s)
{
	char tmp[INET6_ADDRSTRLEN + 8];
	unsigned char addr[16];
	size_t n;

	if (s == NULL)
		return false;
	if (*s == '[')
		s++;
	if (ascii_strncasecmp(s, "IPv6:", 5) == 0)
		s += 5;
	n = strlen(s);
	if (n == 0 || n >= sizeof tmp)
		return false;
	memcpy(tmp, s, n + 1);
	if (tmp[n - 1] == ']')
		tmp[n - 1] = '\0';
	return inet_pton(AF_INET, tmp, addr) == 1 || inet_pton(AF_INET6, tmp, addr) == 1;
}
