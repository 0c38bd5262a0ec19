/* auth.c — choose the trusted Authentication-Results and judge alignment with From. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth.h"
#include "domain.h"
#include "findings.h"
#include "i18n.h"
#include "message.h"
#include "received.h"
#include "settings.h"
#include "util.h"

struct parsed {
	struct ar_header ar;
	const struct header *h;
	int index;        /* among headers of the same name, from 1 */
	int arc;
	int ok;
};

static bool
id_matches_by(const char *id, const struct hop *hops, size_t nhops, int origin)
{
	size_t last = origin >= 0 ? (size_t)origin : nhops;

	for (size_t i = 0; i < nhops && i <= last; i++) {
		const char *by = hops[i].by_host;
		if (by == NULL)
			continue;
		if (ascii_strcasecmp(by, id) == 0 || domain_same_org(by, id))
			return true;
	}
	return false;
}

static bool
id_configured(const struct settings *cfg, const char *id)
{
	for (size_t i = 0; cfg != NULL && i < cfg->nauthserv_ids; i++)
		if (id != NULL && ascii_strcasecmp(cfg->authserv_ids[i], id) == 0)
			return true;
	return false;
}

static char *
clause_text(const struct ar_clause *c)
{
	struct buf b;

	buf_init(&b);
	buf_addf(&b, "%s=%s", c->method, c->result_str ? c->result_str : "");
	if (c->comment != NULL)
		buf_addf(&b, " (%s)", c->comment);
	for (size_t i = 0; i < c->nprops; i++)
		buf_addf(&b, " %s%s%s=%s", c->props[i].ptype, *c->props[i].ptype != '\0' ? "." : "",
		    c->props[i].property, c->props[i].value);
	return buf_take(&b);
}

static char *
domain_from_value(const char *v)
{
	char *d;

	if (v == NULL || *v == '\0')
		return NULL;
	if (strchr(v, '@') != NULL)
		return domain_of_address(v);
	d = xstrdup(v);
	ascii_lower(d);
	return d;
}

static void
set_span(const struct header *h, const char *method, long span[2])
{
	char key[32];
	const char *p;

	span[0] = span[1] = -1;
	snprintf(key, sizeof key, "%s=", method);
	if (h == NULL || h->value == NULL || (p = ascii_strcasestr(h->value, key)) == NULL)
		return;
	span[0] = p - h->value;
	span[1] = span[0];
	while (h->value[span[1]] != '\0' && h->value[span[1]] != ';')
		span[1]++;
}

/* Take the results of one trusted header. */
static void
take_header(struct auth_summary *a, const struct parsed *p)
{
	const char *name = p->arc ? "ARC-Authentication-Results" : "Authentication-Results";

	for (size_t i = 0; i < p->ar.nclauses; i++) {
		const struct ar_clause *c = &p->ar.clauses[i];
		char *where = xasprintf("header:%s[%d]", name, p->index);

		if (strcmp(c->method, "spf") == 0 && a->spf == AUTH_UNKNOWN) {
			const char *mf = authres_prop(c, "smtp", "mailfrom");
			if (mf == NULL)
				mf = authres_prop(c, "smtp", "helo");
			a->spf = c->result;
			a->spf_domain = domain_from_value(mf);
			a->spf_clause = clause_text(c);
			a->spf_where = xstrdup(where);
			set_span(p->h, "spf", a->spf_span);
		} else if (strcmp(c->method, "dkim") == 0 &&
		    (a->dkim == AUTH_UNKNOWN || (a->dkim != AUTH_PASS && c->result == AUTH_PASS))) {
			const char *d = authres_prop(c, "header", "d");
			if (d == NULL)
				d = authres_prop(c, "header", "i");
			a->dkim = c->result;
			free(a->dkim_domain);
			free(a->dkim_clause);
			free(a->dkim_where);
			a->dkim_domain = domain_from_value(d != NULL && *d == '@' ? d + 1 : d);
			a->dkim_clause = clause_text(c);
			a->dkim_where = xstrdup(where);
			set_span(p->h, "dkim", a->dkim_span);
		} else if (strcmp(c->method, "dmarc") == 0 && (a->dmarc == AUTH_UNKNOWN ||
		    (c->result == AUTH_FAIL && a->dmarc != AUTH_FAIL))) {
			/* a fail from any trusted server stands, even below a pass or none */
			free(a->dmarc_from);
			free(a->dmarc_clause);
			free(a->dmarc_where);
			a->dmarc = c->result;
			a->dmarc_from = domain_from_value(authres_prop(c, "header", "from"));
			a->dmarc_clause = clause_text(c);
			a->dmarc_where = xstrdup(where);
			set_span(p->h, "dmarc", a->dmarc_span);
		}
		free(where);
	}
	a->have_results = a->have_results || p->ar.nclauses > 0 || p->ar.none;
}

static void
parse_all(const struct message *m, const char *name, int arc, struct parsed **v, size_t *n)
{
	const struct header *h = NULL;
	int index = 0;

	while ((h = message_header_next(m, name, h)) != NULL && *n < 200) {
		char *cause = NULL;
		struct parsed *p;

		*v = xreallocarray(*v, *n + 1, sizeof **v);
		p = &(*v)[(*n)++];
		memset(p, 0, sizeof *p);
		p->h = h;
		p->index = ++index;
		p->arc = arc;
		p->ok = authres_parse(h->value, arc, &p->ar, &cause) == 0;
		free(cause);
	}
}

void
auth_evaluate(const struct message *m, const char *from_domain, const struct hop *hops,
    size_t nhops, int origin, const struct settings *cfg, struct auth_summary *a)
{
	struct parsed *v = NULL;
	size_t n = 0, narc;
	const char *trusted = NULL;
	bool found = false, any_id = false;
	const struct header *h = NULL;

	memset(a, 0, sizeof *a);
	for (int k = 0; k < 2; k++)
		a->spf_span[k] = a->dkim_span[k] = a->dmarc_span[k] = -1;
	parse_all(m, "Authentication-Results", 0, &v, &n);
	narc = n;
	parse_all(m, "ARC-Authentication-Results", 1, &v, &n);
	narc = n - narc;

	/*
	 * 1. configured ids: every header stamped by any of them, from the top;
	 * 2. an id naming a receiving-side host; 3. the topmost header's id.
	 */
	for (size_t i = 0; i < n; i++) {
		struct buf ids;

		if (!v[i].ok || !id_configured(cfg, v[i].ar.authserv_id))
			continue;
		buf_init(&ids);
		for (size_t j = 0; j < n; j++) {
			bool seen = false;

			if (!v[j].ok || !id_configured(cfg, v[j].ar.authserv_id))
				continue;
			for (size_t k = 0; k < j && !seen; k++)
				seen = v[k].ok && v[k].ar.authserv_id != NULL &&
				    ascii_strcasecmp(v[k].ar.authserv_id, v[j].ar.authserv_id) == 0;
			if (!seen)
				buf_addf(&ids, "%s%s", ids.len > 0 ? ", " : "", v[j].ar.authserv_id);
		}
		a->authserv_id = buf_take(&ids);
		a->trust_reason = xasprintf(_("authserv-id %s is configured"), a->authserv_id);
		for (size_t j = 0; j < n; j++) {
			if (!v[j].ok || v[j].arc)
				continue;
			if (id_configured(cfg, v[j].ar.authserv_id))
				take_header(a, &v[j]);
			else
				a->nuntrusted++;
		}
		/* ARC results of a configured id, newest instance first, fill the gaps */
		if (!a->have_results) {
			int best = -1;
			for (size_t j = 0; j < n; j++)
				if (v[j].ok && v[j].arc && id_configured(cfg, v[j].ar.authserv_id) &&
				    (best < 0 || v[j].ar.instance > v[best].ar.instance))
					best = (int)j;
			if (best >= 0)
				take_header(a, &v[best]);
		}
		found = true;
		any_id = true;	/* done: skip the single-id walk below */
		break;
	}
	if (cfg != NULL && cfg->nauthserv_ids > 0 && !found) {
		a->trust_reason = xstrdup(_("no results header carries a configured authserv-id"));
		found = true;
		any_id = true; /* trust nothing */
	}
	for (size_t i = 0; i < n && !found; i++)
		if (v[i].ok && v[i].ar.authserv_id != NULL &&
		    id_matches_by(v[i].ar.authserv_id, hops, nhops, origin)) {
			trusted = v[i].ar.authserv_id;
			found = true;
			a->trust_reason = xasprintf(_("authserv-id %s is a receiving-side host"), trusted);
		}
	for (size_t i = 0; i < n && !found; i++)
		if (v[i].ok && !v[i].arc) {
			trusted = v[i].ar.authserv_id;
			found = true;
			a->trust_reason = trusted != NULL ?
			    xasprintf(_("authserv-id %s is on the topmost results header"), trusted) :
			    xstrdup(_("the topmost results header (it names no authserv-id)"));
		}
	if (found && !any_id) {
		a->authserv_id = xstrdup(trusted);
		/* plain headers with the trusted id (the topmost only when it has none) */
		for (size_t i = 0; i < n; i++) {
			if (!v[i].ok || v[i].arc)
				continue;
			if (trusted == NULL ? v[i].ar.authserv_id == NULL :
			    (v[i].ar.authserv_id != NULL && ascii_strcasecmp(v[i].ar.authserv_id, trusted) == 0)) {
				take_header(a, &v[i]);
				if (trusted == NULL)
					break;
			} else
				a->nuntrusted++;
		}
		/* ARC results of the same id, newest instance first, fill the gaps */
		if (trusted != NULL && !a->have_results) {
			int best = -1;
			for (size_t i = 0; i < n; i++)
				if (v[i].ok && v[i].arc && v[i].ar.authserv_id != NULL &&
				    ascii_strcasecmp(v[i].ar.authserv_id, trusted) == 0 &&
				    (best < 0 || v[i].ar.instance > v[best].ar.instance))
					best = (int)i;
			if (best >= 0)
				take_header(a, &v[best]);
		}
	}
	(void)narc;

	/* Received-SPF: the topmost, when no SPF result was found. */
	if (a->spf == AUTH_UNKNOWN && (h = message_header(m, "Received-SPF")) != NULL) {
		struct received_spf s;
		char *cause = NULL;
		if (received_spf_parse(h->value, &s, &cause) == 0) {
			a->spf = s.result;
			a->spf_domain = s.envelope_from != NULL ? domain_from_value(s.envelope_from) : NULL;
			a->spf_clause = xasprintf("Received-SPF: %s", h->value);
			a->spf_where = xstrdup("header:Received-SPF[1]");
			a->spf_span[0] = 0;
			a->spf_span[1] = (long)strlen(h->value);
			a->have_results = true;
			received_spf_free(&s);
		}
		free(cause);
	}

	/* Every DKIM-Signature d=, for evidence. */
	h = NULL;
	while ((h = message_header_next(m, "DKIM-Signature", h)) != NULL && a->ndkim_sig_domains < 50) {
		char *d = NULL, *s = NULL;
		if (dkim_signature_tags(h->value, &d, &s) == 0 && d != NULL) {
			a->dkim_sig_domains = xreallocarray(a->dkim_sig_domains, a->ndkim_sig_domains + 1, sizeof (char *));
			a->dkim_sig_domains[a->ndkim_sig_domains++] = d;
			d = NULL;
		}
		free(d);
		free(s);
	}

	/* Relaxed alignment (RFC 7489 §3.1): same organisational domain. */
	if (from_domain != NULL) {
		a->spf_aligned = a->spf == AUTH_PASS && a->spf_domain != NULL &&
		    domain_same_org(a->spf_domain, from_domain);
		a->dkim_aligned = a->dkim == AUTH_PASS && a->dkim_domain != NULL &&
		    domain_same_org(a->dkim_domain, from_domain);
		a->aligned_pass = a->spf_aligned || a->dkim_aligned ||
		    (a->dmarc == AUTH_PASS && (a->dmarc_from == NULL || domain_same_org(a->dmarc_from, from_domain)));
	}
	if (!a->have_results)
		a->missing_excuse = auth_missing_excuse(m, hops, nhops);
	for (size_t i = 0; i < n; i++)
		authres_free(&v[i].ar);
	free(v);
}

char *
auth_missing_excuse(const struct message *m, const struct hop *hops, size_t nhops)
{
	const struct header *h = NULL;
	size_t nreceived = 0;
	bool internal = true, old;
	time_t newest = 0, date = 0;
	const char *dv;
	char rday[16], dday[16];
	struct tm tm;

	while ((h = message_header_next(m, "Received", h)) != NULL)
		nreceived++;
	if (nreceived == 0)
		return xstrdup(_("no Received header: the message was never delivered over SMTP (a draft, a sent copy or a local message)"));
	/* every hop parsed, and none handed over by a public address or a named outside host */
	if (nhops != nreceived)
		internal = false;
	for (size_t i = 0; i < nhops && internal; i++) {
		const struct hop *p = &hops[i];
		if (p->ip != NULL ? !ip_is_private(p->ip) :
		    (p->from_host != NULL && ascii_strcasecmp(p->from_host, "localhost") != 0))
			internal = false;
	}
	if (internal)
		return xstrdup(_("every Received hop is on private or loopback addresses: the message never crossed the Internet"));
	/* old mail: the receiving server's own stamp, and every other date, before SPF and DKIM */
	if (nhops == 0 || !hops[0].has_time)
		return NULL;
	for (size_t i = 0; i < nhops; i++)
		if (hops[i].has_time && hops[i].when > newest)
			newest = hops[i].when;
	if ((dv = message_hvalue(m, "Date")) != NULL && received_parse_date(dv, &date) != 0)
		date = 0;
	old = newest < AUTH_ERA_START && (dv == NULL || (date != 0 && date < AUTH_ERA_START));
	if (!old)
		return NULL;
	gmtime_r(&hops[0].when, &tm);
	strftime(rday, sizeof rday, "%Y-%m-%d", &tm);
	if (date == 0)
		return xasprintf(_("received %s, before SPF and DKIM (2005)"), rday);
	gmtime_r(&date, &tm);
	strftime(dday, sizeof dday, "%Y-%m-%d", &tm);
	return xasprintf(_("received %s and dated %s, before SPF and DKIM (2005)"), rday, dday);
}

void
auth_summary_free(struct auth_summary *a)
{
	free(a->spf_domain);
	free(a->dkim_domain);
	free(a->dmarc_from);
	free(a->authserv_id);
	free(a->trust_reason);
	free(a->spf_clause);
	free(a->dkim_clause);
	free(a->dmarc_clause);
	free(a->spf_where);
	free(a->dkim_where);
	free(a->dmarc_where);
	for (size_t i = 0; i < a->ndkim_sig_domains; i++)
		free(a->dkim_sig_domains[i]);
	free(a->dkim_sig_domains);
	free(a->missing_excuse);
	memset(a, 0, sizeof *a);
}

void
auth_check(const struct auth_summary *a, struct findings *fs)
{
	if (!a->have_results) {
		const char *why = a->trust_reason != NULL ? a->trust_reason :
		    _("no Authentication-Results or Received-SPF header");
		if (a->missing_excuse != NULL)
			finding_add(fs, F_AUTH_MISSING, SEV_INFO, "header:Authentication-Results", -1, -1,
			    "%s; %s", why, a->missing_excuse);
		else
			finding_add(fs, F_AUTH_MISSING, -1, "header:Authentication-Results", -1, -1, "%s", why);
		return;
	}
	if (a->spf == AUTH_FAIL || a->spf == AUTH_SOFTFAIL)
		finding_add(fs, F_AUTH_SPF_FAIL, a->spf == AUTH_SOFTFAIL ? SEV_LOW : -1,
		    a->spf_where, a->spf_span[0], a->spf_span[1], "%s", a->spf_clause);
	if (a->dkim == AUTH_FAIL || a->dkim == AUTH_PERMERROR)
		finding_add(fs, F_AUTH_DKIM_FAIL, -1, a->dkim_where, a->dkim_span[0], a->dkim_span[1],
		    "%s", a->dkim_clause);
	if (a->dmarc == AUTH_FAIL)
		finding_add(fs, F_AUTH_DMARC_FAIL, -1, a->dmarc_where, a->dmarc_span[0], a->dmarc_span[1],
		    "%s", a->dmarc_clause);
}
