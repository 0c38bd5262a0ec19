/* submitter.c — the client behind a webmail or submission server, and how far the statement naming it can be believed. */
#include "config.h"

#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "message.h"
#include "received.h"
#include "submitter.h"
#include "util.h"

static const char *ip_headers[] = {
	"X-Originating-IP",
	"X-Sender-IP",
	"X-MS-Exchange-CrossTenant-OriginalAttributedTenantConnectingIp",
	NULL
};

/* A public address in v ("[1.2.3.4]", "1.2.3.4", "Ip=[1.2.3.4]" of a TenantId list); writes its canonical text. */
static bool
header_ip(const char *v, char *out, size_t outsz)
{
	const char *p = v, *ip;
	char tmp[64];
	unsigned char bin[16];
	size_t n;

	if (v == NULL)
		return false;
	if ((ip = ascii_strcasestr(v, "Ip=")) != NULL && (ip == v || ip[-1] == ';' || ip[-1] == ' '))
		p = ip + 3;
	while (*p == ' ' || *p == '\t' || *p == '[')
		p++;
	n = strcspn(p, "]; \t,");
	if (n == 0 || n >= sizeof tmp)
		return false;
	memcpy(tmp, p, n);
	tmp[n] = '\0';
	if (inet_pton(AF_INET, tmp, bin) == 1) {
		if (inet_ntop(AF_INET, bin, out, (socklen_t)outsz) == NULL)
			return false;
	} else if (inet_pton(AF_INET6, tmp, bin) == 1) {
		if (inet_ntop(AF_INET6, bin, out, (socklen_t)outsz) == NULL)
			return false;
	} else
		return false;
	return !ip_is_private(out);
}

/* Webmail ("with HTTP", "HTTPS", "HTTPREST") or authenticated submission ("ESMTPA", "ESMTPSA"). */
static bool
protocol_is_submission(const char *pr)
{
	size_t n;

	if (pr == NULL)
		return false;
	if (ascii_strncasecmp(pr, "HTTP", 4) == 0)
		return true;
	n = strcspn(pr, " ");
	return (n == 6 && ascii_strncasecmp(pr, "ESMTPA", 6) == 0) ||
	    (n == 7 && ascii_strncasecmp(pr, "ESMTPSA", 7) == 0);
}

/* Trust of something written by the client of hop k (k = -1: above every Received header). */
static enum submitter_trust
writer_trust(int k, int origin)
{
	if (origin < 0)
		return SUBMITTER_CLAIMED;
	if (k < origin)
		return SUBMITTER_RECEIVING;
	if (k == origin)
		return SUBMITTER_ORIGIN;
	return SUBMITTER_CLAIMED;
}

static void
offer(struct submitter *out, const char *ip, enum submitter_trust t, char *source, char *where)
{
	if (out->trust == SUBMITTER_NONE || t < out->trust) {
		free(out->source);
		free(out->where);
		snprintf(out->ip, sizeof out->ip, "%s", ip);
		out->trust = t;
		out->source = source;
		out->where = where;
		return;
	}
	free(source);
	free(where);
}

int
submitter_find(const struct message *m, const struct hop *hops, size_t nhops, int origin,
    struct submitter *out)
{
	const char *origin_ip = origin >= 0 && (size_t)origin < nhops ? hops[origin].ip : NULL;
	size_t nreceived = 0, above = 0;
	bool aligned;
	char ip[48];

	memset(out, 0, sizeof *out);
	for (size_t i = 0; m != NULL && i < m->nheaders; i++)
		if (ascii_strcasecmp(m->headers[i].name, "Received") == 0)
			nreceived++;
	aligned = nreceived == nhops;

	/* Received hops below the origin: the hop under it was written by the origin server. */
	for (size_t k = origin >= 0 ? (size_t)origin + 1 : 0; k < nhops; k++) {
		const struct hop *h = &hops[k];

		if (h->ip == NULL || !protocol_is_submission(h->protocol) || ip_is_private(h->ip) ||
		    (origin_ip != NULL && strcmp(h->ip, origin_ip) == 0))
			continue;
		offer(out, h->ip, writer_trust((int)k - 1, origin),
		    xasprintf("Received[%zu] with %s", k + 1, h->protocol),
		    xasprintf("header:Received[%zu]", k + 1));
	}

	/* The headers, by where they sit among the Received headers. */
	for (size_t i = 0; m != NULL && i < m->nheaders; i++) {
		const struct header *hd = &m->headers[i];

		if (ascii_strcasecmp(hd->name, "Received") == 0) {
			above++;
			continue;
		}
		for (size_t k = 0; ip_headers[k] != NULL; k++) {
			enum submitter_trust t;

			if (ascii_strcasecmp(hd->name, ip_headers[k]) != 0 || !header_ip(hd->value, ip, sizeof ip))
				continue;
			if (origin_ip != NULL && strcmp(ip, origin_ip) == 0)
				continue;
			/* under 'above' Received headers: written by the client of hop above-1 */
			t = aligned ? writer_trust((int)above - 1, origin) : SUBMITTER_CLAIMED;
			offer(out, ip, t, xstrdup(ip_headers[k]), xasprintf("header:%s", ip_headers[k]));
		}
	}
	return out->trust == SUBMITTER_NONE ? -1 : 0;
}

void
submitter_free(struct submitter *s)
{
	if (s == NULL)
		return;
	free(s->source);
	free(s->where);
	memset(s, 0, sizeof *s);
}

const char *
submitter_trust_name(enum submitter_trust t)
{
	switch (t) {
	case SUBMITTER_RECEIVING:
		return "receiving-side";
	case SUBMITTER_ORIGIN:
		return "origin-server";
	case SUBMITTER_CLAIMED:
		return "claimed";
	default:
		return NULL;
	}
}
