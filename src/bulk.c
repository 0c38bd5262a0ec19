/* bulk.c — bulk and mailing-list evidence (RFC 2369, RFC 2919, RFC 8058, Precedence, mailing services). */
#include "config.h"

#include <fnmatch.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "address.h"
#include "authres.h"
#include "bulk.h"
#include "claim.h"
#include "conffile.h"
#include "domain.h"
#include "i18n.h"
#include "message.h"
#include "util.h"

/* ---- the mailing-service table ---- */

struct esp {
	char *pattern;   /* registrable domain, lower case, may hold fnmatch wildcards */
	char *name;
};

static struct esp *esps;
static size_t nesps;
static pthread_once_t esps_once = PTHREAD_ONCE_INIT;

static char *esps_error;   /* what esps_load() could not read, for bulk_load() */

/* "DOMAIN  Service name" a line, '#' comments. */
static void
esps_load(void)
{
	char *path = util_data_path("mailing-services.txt"), *err = NULL;
	struct conffile *cf = conffile_open(path, 0, &err);
	struct conffile_line l;

	free(path);
	while (cf != NULL && conffile_next(cf, &l)) {
		char *s = l.text, *e, *name;

		e = s + strcspn(s, " \t");
		if (*e == '\0') {
			conffile_error(cf, _("a domain without a service name: %s"), s);
			continue;
		}
		*e++ = '\0';
		name = e + strspn(e, " \t");
		str_squeeze_space(name);
		esps = xreallocarray(esps, nesps + 1, sizeof *esps);
		esps[nesps].pattern = xstrdup(s);
		ascii_lower(esps[nesps].pattern);
		esps[nesps++].name = xstrdup(name);
	}
	if (cf != NULL)
		conffile_close(cf, &err);
	esps_error = err;
}

int
bulk_load(char **cause)
{
	pthread_once(&esps_once, esps_load);
	*cause = esps_error != NULL ? xstrdup(esps_error) : NULL;
	return esps_error != NULL ? -1 : 0;
}

const char *
bulk_esp_of(const char *host)
{
	char *h, *org;
	const char *found = NULL;
	size_t n;

	if (host == NULL || *host == '\0')
		return NULL;
	pthread_once(&esps_once, esps_load);
	h = xstrdup(host);
	ascii_lower(h);
	while ((n = strlen(h)) > 0 && h[n - 1] == '.')
		h[n - 1] = '\0';
	org = domain_org(h);
	for (size_t i = 0; i < nesps && found == NULL; i++)
		if ((org != NULL && fnmatch(esps[i].pattern, org, 0) == 0) || fnmatch(esps[i].pattern, h, 0) == 0)
			found = esps[i].name;
	free(org);
	free(h);
	return found;
}

/* ---- list hosts ---- */

static void
add_list_host(struct bulk_evidence *b, const char *host)
{
	char *h;
	size_t n;

	if (host == NULL || b->nlist_hosts >= BULK_MAX_LIST_HOSTS)
		return;
	h = xstrdup(host);
	str_squeeze_space(h);
	ascii_lower(h);
	while ((n = strlen(h)) > 0 && (h[n - 1] == '.' || h[n - 1] == '>'))
		h[n - 1] = '\0';
	if (!domain_is_hostname(h)) {
		free(h);
		return;
	}
	for (size_t i = 0; i < b->nlist_hosts; i++)
		if (strcmp(b->list_hosts[i], h) == 0) {
			free(h);
			return;
		}
	b->list_hosts[b->nlist_hosts++] = h;
}

/* The domain of the first word holding '@' in value ("mailto:l@d", "list l@d; contact o@d"). */
static void
add_address_host(struct bulk_evidence *b, const char *value)
{
	const char *at, *s, *e;
	char *host;

	if (value == NULL || (at = strchr(value, '@')) == NULL)
		return;
	for (s = at + 1, e = s; *e != '\0' && strchr(" \t<>;,?\"'()", *e) == NULL; e++)
		;
	host = xstrndup(s, (size_t)(e - s));
	add_list_host(b, host);
	free(host);
}

/* The id inside angle brackets of a List-Id (RFC 2919 §3), else the value. Caller frees. */
static char *
list_id_of(const char *value)
{
	const char *lt = strrchr(value, '<'), *gt;
	char *id;

	if (lt != NULL && (gt = strchr(lt, '>')) != NULL)
		id = xstrndup(lt + 1, (size_t)(gt - lt - 1));
	else
		id = xstrdup(value);
	str_squeeze_space(id);
	return id;
}

/* A local part lists and their managers bounce with: owner-x, x-owner, x-bounces, x-admin, x-request. */
static bool
list_local_part(const char *addr)
{
	static const char *const suffix[] = { "-owner", "-bounces", "-bounce", "-admin", "-request" };
	const char *at;
	size_t n;

	if (addr == NULL || (at = strrchr(addr, '@')) == NULL)
		return false;
	n = (size_t)(at - addr);
	if ((n > 6 && ascii_strncasecmp(addr, "owner-", 6) == 0) || (n > 7 && ascii_strncasecmp(addr, "sentto-", 7) == 0))
		return true;
	for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
		size_t k = strlen(suffix[i]);
		const char *plus = memchr(addr, '+', n);
		size_t m = plus != NULL ? (size_t)(plus - addr) : n;   /* VERP: x-bounces+rcpt=d@list */
		if (m > k && ascii_strncasecmp(addr + m - k, suffix[i], k) == 0)
			return true;
	}
	return false;
}

void
bulk_collect(const struct message *m, const struct addresses *a, struct bulk_evidence *out)
{
	static const char *const list_marks[] = {
		"X-Mailman-Version", "X-Google-Group-Id", "X-Google-Groups-Id", "X-Groupsio-Message-Id",
		"X-Yahoo-Newman-Id", "X-Listserver", "X-ListMember",
	};
	const struct header *h = NULL;
	const char *v;

	memset(out, 0, sizeof *out);
	out->list_unsubscribe = message_header(m, "List-Unsubscribe") != NULL;
	if ((v = message_hvalue(m, "List-Unsubscribe-Post")) != NULL &&
	    ascii_strcasestr(v, "List-Unsubscribe=One-Click") != NULL)
		out->one_click = true;
	if ((v = message_hvalue(m, "Precedence")) != NULL) {
		char *p = xstrdup(v);
		str_squeeze_space(p);
		ascii_lower(p);
		if (strcmp(p, "bulk") == 0 || strcmp(p, "list") == 0 || strcmp(p, "junk") == 0)
			out->precedence = p;
		else
			free(p);
	}
	out->feedback_id = message_header(m, "Feedback-ID") != NULL;

	/* Mailing lists: the headers they add (RFC 2369, RFC 2919, Mailman, Google Groups, groups.io). */
	if ((v = message_hvalue(m, "List-Id")) != NULL) {
		char *id = list_id_of(v);
		out->mailing_list = true;
		out->list_name = xstrdup(id);
		add_list_host(out, id);
		free(id);
	}
	if ((v = message_hvalue(m, "List-Post")) != NULL) {
		out->mailing_list = true;
		add_address_host(out, v);
	}
	static const char *const addr_fields[] = { "X-Mailing-List", "Mailing-List", "X-BeenThere" };
	for (size_t i = 0; i < sizeof addr_fields / sizeof addr_fields[0]; i++)
		if ((v = message_hvalue(m, addr_fields[i])) != NULL) {
			out->mailing_list = true;
			if (out->list_name == NULL) {
				out->list_name = xstrdup(v);
				str_squeeze_space(out->list_name);
			}
			add_address_host(out, v);
		}
	for (size_t i = 0; i < sizeof list_marks / sizeof list_marks[0]; i++)
		if (message_header(m, list_marks[i]) != NULL)
			out->mailing_list = true;
	if (out->precedence != NULL && strcmp(out->precedence, "list") == 0)
		out->mailing_list = true;
	/* The list's own bounce address in Sender or Return-Path (owner-x@, x-bounces@). */
	if (a != NULL) {
		if (a->sender.valid && (out->mailing_list || list_local_part(a->sender.addr))) {
			out->mailing_list = true;
			add_list_host(out, a->sender.domain);
		}
		/* with a list's marks, or mail addressed to (or Sender:) the same host as the bounce address */
		bool same_host = a->sender.valid && a->return_path.domain != NULL && a->sender.domain != NULL &&
		    strcmp(a->sender.domain, a->return_path.domain) == 0;
		for (size_t i = 0; i < a->nto && !same_host; i++)
			same_host = a->to[i].domain != NULL && a->return_path.domain != NULL &&
			    strcmp(a->to[i].domain, a->return_path.domain) == 0;
		if (a->return_path.valid && list_local_part(a->return_path.addr) &&
		    (out->mailing_list || out->precedence != NULL || same_host ||
		    message_header(m, "X-Loop") != NULL)) {
			out->mailing_list = true;
			add_list_host(out, a->return_path.domain);
		}
	}

	/* Mailman's and Google Groups' DMARC mitigation: From is the list's, the poster moves to Reply-To. */
	if (out->mailing_list && a != NULL && a->from.valid && bulk_is_list_host(out, a->from.domain) &&
	    ((a->from.display != NULL && ascii_strcasestr(a->from.display, " via ") != NULL) ||
	    message_header(m, "X-Original-From") != NULL))
		out->from_rewritten = true;

	/* Mailing services: DKIM d=, then the bounce address, the Message-ID, the Feedback-ID. */
	while ((h = message_header_next(m, "DKIM-Signature", h)) != NULL && out->esp == NULL) {
		char *d = NULL, *s = NULL;
		const char *name;
		if (dkim_signature_tags(h->value, &d, &s) == 0 && (name = bulk_esp_of(d)) != NULL) {
			out->esp = xstrdup(name);
			out->esp_domain = xstrdup(d);
			out->esp_via = "DKIM";
		}
		free(d);
		free(s);
	}
	if (a != NULL && out->esp == NULL) {
		const char *name;
		if (a->return_path.valid && (name = bulk_esp_of(a->return_path.domain)) != NULL) {
			out->esp = xstrdup(name);
			out->esp_domain = xstrdup(a->return_path.domain);
			out->esp_via = "Return-Path";
		} else if (a->msgid_domain != NULL && (name = bulk_esp_of(a->msgid_domain)) != NULL) {
			out->esp = xstrdup(name);
			out->esp_domain = xstrdup(a->msgid_domain);
			out->esp_via = "Message-ID";
		}
	}
	if (out->esp == NULL && (v = message_hvalue(m, "Feedback-ID")) != NULL) {
		/* "a:b:c:SenderId" (Google's format); Amazon SES ends in ":AmazonSES" */
		const char *last = strrchr(v, ':');
		if (last != NULL && ascii_strcasestr(last, "AmazonSES") != NULL) {
			out->esp = xstrdup("Amazon SES");
			out->esp_via = "Feedback-ID";
		}
	}
}

void
bulk_evidence_free(struct bulk_evidence *b)
{
	free(b->precedence);
	free(b->list_name);
	for (size_t i = 0; i < b->nlist_hosts; i++)
		free(b->list_hosts[i]);
	free(b->esp);
	free(b->esp_domain);
	memset(b, 0, sizeof *b);
}

bool
bulk_any(const struct bulk_evidence *b)
{
	return b->list_unsubscribe || b->one_click || b->precedence != NULL || b->feedback_id ||
	    b->mailing_list || b->esp != NULL;
}

char *
bulk_summary(const struct bulk_evidence *b)
{
	struct buf s;

	if (!bulk_any(b))
		return NULL;
	buf_init(&s);
	buf_adds(&s, "");
	if (b->list_unsubscribe)
		buf_addf(&s, "%slist-unsubscribe%s", s.len ? ", " : "", b->one_click ? " (one-click)" : "");
	else if (b->one_click)
		buf_addf(&s, "%sone-click unsubscribe", s.len ? ", " : "");
	if (b->mailing_list)
		buf_addf(&s, "%slist %s", s.len ? ", " : "", b->list_name != NULL ? b->list_name :
		    b->nlist_hosts > 0 ? b->list_hosts[0] : "?");
	if (b->precedence != NULL)
		buf_addf(&s, "%sprecedence %s", s.len ? ", " : "", b->precedence);
	if (b->esp != NULL)
		buf_addf(&s, "%sESP %s (%s)", s.len ? ", " : "", b->esp, b->esp_via);
	if (b->feedback_id)
		buf_addf(&s, "%sfeedback-id", s.len ? ", " : "");
	return buf_take(&s);
}

bool
bulk_is_list_host(const struct bulk_evidence *b, const char *host)
{
	char *org;
	bool found = false;

	if (b == NULL || host == NULL || b->nlist_hosts == 0 || (org = domain_org(host)) == NULL)
		return false;
	/* on a mailbox provider only a list host below it counts (groups.msn.com), never the provider itself */
	if (claim_mailbox_domain(org) && ascii_strcasecmp(host, org) == 0) {
		free(org);
		return false;
	}
	for (size_t i = 0; i < b->nlist_hosts && !found; i++) {
		char *lorg = domain_org(b->list_hosts[i]);
		if (lorg != NULL && strcmp(lorg, org) == 0) {
			if (!claim_mailbox_domain(org))
				found = true;
			else {
				/* the list host must be the address's host or below it */
				size_t hn = strlen(host), ln = strlen(b->list_hosts[i]);
				found = ascii_strcasecmp(host, b->list_hosts[i]) == 0 ||
				    (ln > hn && b->list_hosts[i][ln - hn - 1] == '.' &&
				    ascii_strcasecmp(b->list_hosts[i] + ln - hn, host) == 0);
			}
		}
		free(lorg);
	}
	free(org);
	return found;
}
