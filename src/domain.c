/* domain.c — registrable domains (libpsl), IP literal and host name tests. */
#include "config.h"

#include <arpa/inet.h>
#include <libpsl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "domain.h"
#include "util.h"

static const psl_ctx_t *psl_ctx;
static pthread_once_t psl_once = PTHREAD_ONCE_INIT;

static void
psl_load(void)
{
	psl_ctx = psl_latest(NULL);   /* the system list when newer than the built-in one */
	if (psl_ctx == NULL)
		psl_ctx = psl_builtin();
}

/* Loaded once: scan's worker threads ask at the same time. */
static const psl_ctx_t *
psl(void)
{
	pthread_once(&psl_once, psl_load);
	return psl_ctx;
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

char *
domain_org(const char *host)
{
	char *h = clean_host(host), *res = NULL;
	const char *rd;

	if (h == NULL || *h == '\0' || domain_is_ip_literal(h) || strchr(h, '.') == NULL) {
		free(h);
		return NULL;
	}
	rd = psl_registrable_domain(psl(), h);
	if (rd != NULL)
		res = xstrdup(rd);
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
