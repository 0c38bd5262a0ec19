/* analyze.c — one pass of every check over a message: the report both the TUI and the batch commands show. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analyze.h"
#include "attach.h"
#include "bulk.h"
#include "brands.h"
#include "conffile.h"
#include "confusable.h"
#include "domain.h"
#include "domainage.h"
#include "geoip.h"
#include "i18n.h"
#include "lookalike.h"
#include "lookup.h"
#include "lure.h"
#include "message.h"
#include "phone.h"
#include "settings.h"
#include "spamtag.h"
#include "url.h"
#include "text.h"
#include "unwrap.h"
#include "util.h"

#define MAX_HOPS 100

static void
add_notice(struct report *r, char *s)
{
	r->notices = xreallocarray(r->notices, r->nnotices + 1, sizeof *r->notices);
	r->notices[r->nnotices++] = s;
}

static void
parse_hops(struct report *r)
{
	const struct header *h = NULL;
	size_t total = 0;

	while ((h = message_header_next(r->msg, "Received", h)) != NULL) {
		char *cause = NULL;
		struct hop hop;

		if (++total > MAX_HOPS)
			continue;
		memset(&hop, 0, sizeof hop);
		if (received_parse(h->raw, &hop, &cause) != 0) {
			free(cause);
			received_hop_free(&hop);
			continue;
		}
		r->hops = xreallocarray(r->hops, r->nhops + 1, sizeof *r->hops);
		r->hops[r->nhops++] = hop;
	}
	if (r->msg->nreceived > total)
		total = r->msg->nreceived;   /* some were not even kept by the message */
	if (total > MAX_HOPS)
		add_notice(r, xasprintf(_("analysis capped: %zu Received headers, the topmost %d read (the "
		    "receiving side's), %zu dropped"), total, MAX_HOPS, total - MAX_HOPS));
}

/*
 * HEADER_OVERFLOW and RECEIVED_OVERFLOW: a header block past the caps is
 * no MTA's work but a way to push evidence out of sight (the caps keep it:
 * message.c keeps the fields the checks read, parse_hops the topmost hops).
 */
static void
overflow_check(struct report *r)
{
	const struct message *m = r->msg;

	if (m->nfields > MESSAGE_MAX_HEADERS && m->nfields > m->nheaders)
		finding_add(&r->findings, F_HEADER_OVERFLOW, -1, "header", -1, -1,
		    _("%zu header fields (more than %d): %zu not analysed"), m->nfields, MESSAGE_MAX_HEADERS,
		    m->nfields - m->nheaders);
	else if (m->nfields > MESSAGE_MAX_HEADERS)
		finding_add(&r->findings, F_HEADER_OVERFLOW, -1, "header", -1, -1,
		    _("%zu header fields (more than %d)"), m->nfields, MESSAGE_MAX_HEADERS);
	if (m->nreceived > MAX_HOPS)
		finding_add(&r->findings, F_RECEIVED_OVERFLOW, -1, "header:Received", -1, -1,
		    _("%zu Received fields (more than %d): the topmost %d read, %zu dropped"), m->nreceived,
		    MAX_HOPS, MAX_HOPS, m->nreceived - MAX_HOPS);
}

/* Characters a reader could see in [s, e): not white space, not zero-width or soft hyphens. */
static size_t
seen_chars(const char *s, const char *e)
{
	size_t n = 0;

	while (s < e) {
		const unsigned char *u = (const unsigned char *)s;

		if (*u <= ' ')
			s++;
		else if (u[0] == 0xe2 && u[1] == 0x80 && u[2] >= 0x8b && u[2] <= 0x8f)
			s += 3;   /* U+200B-U+200F */
		else if ((u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf) || (u[0] == 0xcd && u[1] == 0x8f))
			s += u[0] == 0xef ? 3 : 2;   /* U+FEFF, U+034F */
		else if (u[0] == 0xc2 && (u[1] == 0xad || u[1] == 0xa0))
			s += 2;   /* soft hyphen, NBSP */
		else {
			n++;
			s++;
			while (s < e && ((unsigned char)*s & 0xc0) == 0x80)
				s++;
		}
	}
	return n;
}

#define HIDDEN_MIN 200   /* characters of hidden text that make salting (a preheader is less) */

/* HIDDEN_TEXT: much text the HTML hides from the reader; medium when it outweighs what is shown. */
static void
hidden_check(struct report *r)
{
	const struct message *m = r->msg;
	size_t hidden = 0, all, longest = 0;
	char *excerpt;

	if (m->nhidden == 0)
		return;
	for (size_t i = 0; i < m->nhidden; i++) {
		hidden += seen_chars(m->body + m->hidden[i].start, m->body + m->hidden[i].end);
		if (m->hidden[i].end - m->hidden[i].start > m->hidden[longest].end - m->hidden[longest].start)
			longest = i;
	}
	if (hidden < HIDDEN_MIN)
		return;
	all = seen_chars(m->body, m->body + m->body_len);
	excerpt = xstrndup(m->body + m->hidden[longest].start, m->hidden[longest].end - m->hidden[longest].start);
	if (strlen(excerpt) > 80) {
		size_t k = 80;

		while (k > 0 && ((unsigned char)excerpt[k] & 0xc0) == 0x80)
			k--;
		excerpt[k] = '\0';
	}
	str_squeeze_space(excerpt);
	finding_add(&r->findings, F_HIDDEN_TEXT, hidden * 2 >= all ? SEV_MEDIUM : -1, "body",
	    (long)m->hidden[longest].start, (long)m->hidden[longest].end,
	    _("%zu of %zu characters are hidden (display:none, font-size:0, text coloured as its background...): "
	    "\"%s\""), hidden, all, excerpt);
	free(excerpt);
}

/* ORIGIN_NO_RDNS and ORIGIN_HELO_MISMATCH on the chosen origin hop. */
static void
origin_check(struct report *r)
{
	const struct hop *o;
	char *where;

	if (r->origin < 0 || (size_t)r->origin >= r->nhops)
		return;
	o = &r->hops[r->origin];
	where = xasprintf("header:Received[%d]", r->origin + 1);
	if (o->ip != NULL && o->rdns_state == RDNS_NONE && o->rdns != NULL)
		finding_add(&r->findings, F_ORIGIN_NO_RDNS, -1, where, -1, -1,
		    _("origin %s: the reverse name %s does not map back to it (\"may be forged\"; HELO %s)"),
		    o->ip, o->rdns, o->helo != NULL ? o->helo : "-");
	else if (o->ip != NULL && o->rdns_state == RDNS_NONE)
		finding_add(&r->findings, F_ORIGIN_NO_RDNS, -1, where, -1, -1,
		    _("origin %s: the receiving server found no reverse name (HELO %s)"),
		    o->ip, o->helo != NULL ? o->helo : "-");
	if (o->rdns_state == RDNS_NAME && o->helo != NULL && o->rdns != NULL &&
	    domain_is_hostname(o->helo) && !domain_is_ip_literal(o->helo) &&
	    ascii_strcasecmp(o->helo, o->rdns) != 0 && !domain_same_org(o->helo, o->rdns))
		finding_add(&r->findings, F_ORIGIN_HELO_MISMATCH, -1, where, -1, -1,
		    _("origin %s: HELO %s, reverse name %s"), o->ip != NULL ? o->ip : "?", o->helo, o->rdns);
	free(where);
}

/* Brand, link, phone and attachment findings (claim and links were collected at load). */
static void
brand_checks(struct report *r)
{
	const struct brands *b = brands_default(NULL);
	long (*skip)[2] = NULL;
	bool verified;
	struct link_sender sender = { r->addr.from.org_domain, NULL };
	char *dkim_org = NULL;

	verified = claim_check_sender(&r->claim, r->msg, &r->addr, &r->auth, b, &r->findings);
	if (r->addr.from.valid && r->addr.from.domain != NULL && url_risky_tld(r->addr.from.domain))
		finding_add(&r->findings, F_FROM_RISKY_TLD, -1, "header:From", r->addr.from.addr_start,
		    r->addr.from.addr_end, _("sender's domain %s"), r->addr.from.domain);
	lookalike_check_from(&r->addr, b, &r->findings);
	if (r->auth.dkim == AUTH_PASS && r->auth.dkim_domain != NULL)
		sender.dkim_org = dkim_org = domain_org(r->auth.dkim_domain);
	/* A message authenticated as the brand may link where the brand likes. */
	url_check(r->links, r->nlinks, b, verified ? NULL : r->claim.brand, &sender, &r->findings);
	free(dkim_org);
	if (r->nlinks > 0)
		skip = xreallocarray(NULL, r->nlinks, sizeof *skip);
	for (size_t i = 0; i < r->nlinks; i++) {
		skip[i][0] = r->links[i].start;
		skip[i][1] = r->links[i].end;
	}
	phone_check(r->msg->body, r->msg->body_len, b, r->claim.brand, (const long (*)[2])skip, r->nlinks,
	    &r->findings);
	free(skip);
	attach_check(r->msg, &r->findings);
}

/* ---- GeoIP and domain age ---- */

#define MAX_DOMAINS      20    /* registrable domains looked up per message */
#define MAX_RESOLVE      10    /* link host names resolved per message */
#define LOOKUP_PARALLEL  4     /* queries at once */

struct link_target {
	int number;               /* link[n]: 1-based index into report.links */
	const char *host;         /* ASCII (A-label) host, else as written; NULL if none */
	long start, end;          /* span of the visible text in the body */
};

/*
 * The message's links as the url module collected them (HTML links and
 * bare URLs). Returns the count; *out is freed by the caller (the strings
 * are borrowed from r->links).
 */
static size_t
link_targets(const struct report *r, struct link_target **out)
{
	struct link_target *v = xcalloc(r->nlinks + 1, sizeof *v);

	for (size_t i = 0; i < r->nlinks; i++) {
		v[i].number = (int)i + 1;
		v[i].host = r->links[i].host_ascii != NULL ? r->links[i].host_ascii : r->links[i].host;
		v[i].start = r->links[i].start;
		v[i].end = r->links[i].end;
	}
	*out = v;
	return r->nlinks;
}

/* The link's host, lower-case, without IPv6 brackets or trailing dots; NULL if none. Caller frees. */
static char *
url_host(const struct link_target *t)
{
	char *host;
	size_t n;

	if (t->host == NULL)
		return NULL;
	host = t->host[0] == '[' ? xstrndup(t->host + 1, strcspn(t->host + 1, "]")) : xstrdup(t->host);
	while ((n = strlen(host)) > 0 && host[n - 1] == '.')
		host[n - 1] = '\0';
	if (*host == '\0') {
		free(host);
		return NULL;
	}
	ascii_lower(host);
	return host;
}

static void
domainage_config_of(const struct settings *cfg, struct domainage_config *dc)
{
	memset(dc, 0, sizeof *dc);
	if (cfg == NULL)
		return;
	dc->bootstrap = cfg->rdap_bootstrap;
	dc->fallback_url = cfg->rdap_url;
	dc->timeout_ms = cfg->rdap_timeout > 0 ? cfg->rdap_timeout * 1000 : 5000;
}

static struct domain_fact *
domain_fact_add(struct report *r, const char *domain)
{
	for (const char *p = domain; *p != '\0'; p++)
		if ((unsigned char)*p <= ' ' || *p == '/' || *p == '\\' || *p == '%' || *p == '"')
			return NULL;   /* not a domain name: nothing to ask about */
	for (size_t i = 0; i < r->ndomains; i++)
		if (strcmp(r->domains[i].domain, domain) == 0)
			return &r->domains[i];
	if (r->ndomains >= MAX_DOMAINS)
		return NULL;
	r->domains = xreallocarray(r->domains, r->ndomains + 1, sizeof *r->domains);
	memset(&r->domains[r->ndomains], 0, sizeof r->domains[r->ndomains]);
	r->domains[r->ndomains].domain = xstrdup(domain);
	return &r->domains[r->ndomains++];
}

/* Offline facts: origin country and network, IP-literal link hosts, domain ages known locally. */
static void
collect_facts(struct report *r, const struct settings *cfg)
{
	struct geoip *g = geoip_shared(cfg != NULL ? cfg->geoip_dir : NULL);
	struct domainage_config dc;
	struct domainage *da;
	struct link_target *links;
	size_t nlinks;

	if (r->addr.from.org_domain != NULL) {
		struct domain_fact *d = domain_fact_add(r, r->addr.from.org_domain);
		if (d != NULL)
			d->from = true;
	}
	nlinks = link_targets(r, &links);
	for (size_t i = 0; i < nlinks; i++) {
		char *host = url_host(&links[i]), *org;
		struct host_fact *hf;

		if (host == NULL)
			continue;
		if (domain_is_ip_literal(host)) {
			r->hosts = xreallocarray(r->hosts, r->nhosts + 1, sizeof *r->hosts);
			hf = &r->hosts[r->nhosts++];
			memset(hf, 0, sizeof *hf);
			hf->host = host;
			hf->link = links[i].number;
			hf->ip = xstrdup(host);
			geoip_lookup(g, host, &hf->geo);
			hf->cdn = geoip_cdn_name(hf->geo.asn);
			continue;
		}
		if ((org = domain_org(host)) != NULL) {
			struct domain_fact *d = domain_fact_add(r, org);
			if (d != NULL && d->link == 0)
				d->link = links[i].number;
			free(org);
		}
		free(host);
	}
	free(links);
	domainage_config_of(cfg, &dc);
	da = domainage_shared(&dc);
	for (size_t i = 0; i < r->ndomains; i++)
		if (r->domains[i].age.domain == NULL)
			domainage_local(da, r->domains[i].domain, &r->domains[i].age);
}

/* With network use allowed: RDAP for the domains not known locally, DNS for link host names. */
static void
start_lookups(struct report *r, const struct settings *cfg)
{
	struct domainage_config dc;
	struct lookup_item *items;
	struct link_target *links;
	size_t n = 0, nlinks, nres = 0;

	r->network = cfg != NULL && cfg->network;
	if (!r->network)
		return;
	items = xcalloc(r->ndomains + MAX_RESOLVE + 1, sizeof *items);
	for (size_t i = 0; i < r->ndomains; i++)
		if (r->domains[i].age.status == DOMAINAGE_UNKNOWN) {
			items[n].kind = LOOKUP_RDAP;
			items[n++].name = xstrdup(r->domains[i].domain);
		}
	nlinks = cfg->dns ? link_targets(r, &links) : 0;
	for (size_t i = 0; i < nlinks && nres < MAX_RESOLVE; i++) {
		char *host = url_host(&links[i]);
		bool seen = false;
		bool name_like = host != NULL && *host != '\0' && *host != '.' && *host != '-';

		for (const char *p = host; name_like && *p != '\0'; p++)
			if ((unsigned char)*p < 0x80 && strchr("abcdefghijklmnopqrstuvwxyz0123456789.-_", *p) == NULL)
				name_like = false;   /* letters, digits, '-', '_', '.' and IDN (UTF-8) only */
		if (!name_like || domain_is_ip_literal(host)) {
			free(host);
			continue;
		}
		for (size_t k = 0; k < r->nhosts; k++)
			if (strcmp(r->hosts[k].host, host) == 0)
				seen = true;
		r->hosts = xreallocarray(r->hosts, r->nhosts + 1, sizeof *r->hosts);
		memset(&r->hosts[r->nhosts], 0, sizeof r->hosts[r->nhosts]);
		r->hosts[r->nhosts].host = xstrdup(host);
		r->hosts[r->nhosts++].link = links[i].number;
		if (!seen) {
			items[n].kind = LOOKUP_DNS;
			items[n++].name = host;
			nres++;
		} else
			free(host);
	}
	if (cfg->dns)
		free(links);
	if (n == 0) {
		free(items);
		return;
	}
	r->lookups += (unsigned)n;
	domainage_config_of(cfg, &dc);
	r->pending = lookup_start(domainage_shared(&dc), items, n, LOOKUP_PARALLEL,
	    cfg->rdap_timeout > 0 ? cfg->rdap_timeout * 1000 : 5000);
}

/* Take the answers of finished lookups into the report. */
static void
apply_lookups(struct report *r, const struct settings *cfg)
{
	struct geoip *g = geoip_shared(cfg != NULL ? cfg->geoip_dir : NULL);
	struct lookup_item *items;
	size_t n;

	items = lookup_items(r->pending, &n);
	for (size_t i = 0; i < n; i++) {
		struct lookup_item *it = &items[i];

		if (it->kind == LOOKUP_RDAP) {
			for (size_t k = 0; k < r->ndomains; k++) {
				if (strcmp(r->domains[k].domain, it->name) != 0)
					continue;
				domainage_result_free(&r->domains[k].age);
				r->domains[k].age = it->age;
				memset(&it->age, 0, sizeof it->age);
				break;
			}
			continue;
		}
		for (size_t k = 0; k < r->nhosts; k++) {
			struct host_fact *hf = &r->hosts[k];

			if (strcmp(hf->host, it->name) != 0 || hf->ip != NULL)
				continue;
			if (it->naddrs == 0) {
				free(hf->error);
				hf->error = xstrdup(it->error != NULL ? it->error : _("no address found"));
			}
			/* the first address with a known network, and any that is a CDN */
			for (int a = 0; a < it->naddrs; a++) {
				struct geoip_info gi;
				const char *cdn;

				geoip_lookup(g, it->addrs[a], &gi);
				cdn = geoip_cdn_name(gi.asn);
				if (hf->ip == NULL || (cdn != NULL && hf->cdn == NULL)) {
					free(hf->ip);
					geoip_info_free(&hf->geo);
					hf->ip = xstrdup(it->addrs[a]);
					hf->geo = gi;
					hf->cdn = cdn;
				} else
					geoip_info_free(&gi);
			}
		}
	}
	lookup_free(r->pending);
	r->pending = NULL;
}

/*
 * The claimed brand's home country (ISO code), and whether the mail comes
 * through the brand's own senders (its From domain, authenticated aligned):
 * those relay through mailing services anywhere, so their origin country
 * says nothing.
 */
static const char *
brand_home_country(const struct report *r, bool *mailing_service)
{
	const struct brand *br = r->claim.brand;
	const struct brands *b = brands_default(NULL);

	*mailing_service = false;
	if (br == NULL)
		return NULL;
	/* mail relayed by one of the brand's own senders or services may come from anywhere */
	if (r->addr.from.domain != NULL && claim_from_is_brand(b, br, r->addr.from.domain) &&
	    r->auth.aligned_pass)
		*mailing_service = true;
	return br->country;
}

void
analyze_origin_country(struct report *r, const char *brand_cc, bool mailing_service)
{
	const struct hop *o;
	char *where, *facts;
	bool differs;

	if (r->origin < 0 || (size_t)r->origin >= r->nhops || r->origin_geo.country[0] == '\0')
		return;
	o = &r->hops[r->origin];
	facts = geoip_info_text(&r->origin_geo);
	where = xasprintf("header:Received[%d]", r->origin + 1);
	differs = brand_cc != NULL && ascii_strcasecmp(brand_cc, r->origin_geo.country) != 0 && !mailing_service;
	if (differs)
		finding_add(&r->findings, F_ORIGIN_COUNTRY, SEV_LOW, where, -1, -1,
		    _("origin %s: %s; the brand named is based in %s"), o->ip, facts, brand_cc);
	else
		finding_add(&r->findings, F_ORIGIN_COUNTRY, SEV_INFO, where, -1, -1,
		    _("origin %s: %s"), o->ip, facts);
	free(where);
	free(facts);
}

/* The date the message claims: Date, else the origin hop's time, else now. */
static time_t
message_time(const struct report *r)
{
	if (r->when != 0)
		return r->when;
	if (r->origin >= 0 && (size_t)r->origin < r->nhops && r->hops[r->origin].has_time)
		return r->hops[r->origin].when;
	return time(NULL);
}

static char *
age_evidence(const struct domain_fact *d, time_t when, int days)
{
	char reg[16], mail[16];
	struct tm tm;
	char *gap, *s;

	gmtime_r(&d->age.registered, &tm);
	strftime(reg, sizeof reg, "%Y-%m-%d", &tm);
	gmtime_r(&when, &tm);
	strftime(mail, sizeof mail, "%Y-%m-%d", &tm);
	if (days <= 0)
		gap = xstrdup(_("the same day as this mail"));
	else if (days == 1)
		gap = xstrdup(_("1 day before this mail"));
	else
		gap = xasprintf(_("%d days before this mail"), days);
	s = xasprintf(_("%s: registered %s, %s (mail dated %s; source: %s)"), d->domain, reg, gap, mail,
	    d->age.source != NULL ? d->age.source : "-");
	free(gap);
	return s;
}

/* LINK_NEW_DOMAIN and FROM_NEW_DOMAIN: registered at most new_domain_days before the message date. */
static void
age_check(struct report *r, const struct settings *cfg)
{
	int limit = cfg != NULL && cfg->new_domain_days > 0 ? cfg->new_domain_days : 30;
	time_t when = message_time(r);
	struct link_target *links;
	size_t nlinks = link_targets(r, &links);

	for (size_t i = 0; i < r->ndomains; i++) {
		const struct domain_fact *d = &r->domains[i];
		int days;
		char *ev;

		if (d->age.status != DOMAINAGE_FOUND)
			continue;
		days = domainage_days(d->age.registered, when);
		/* registered after the mail (beyond clock skew): the Date is not believable, the age says nothing */
		if (days > limit || days < -1)
			continue;
		ev = age_evidence(d, when, days);
		if (d->from) {
			const char *from = message_hvalue(r->msg, "From");
			const char *at = from != NULL ? ascii_strcasestr(from, d->domain) : NULL;
			finding_add(&r->findings, F_FROM_NEW_DOMAIN, -1, "header:From",
			    at != NULL ? (long)(at - from) : -1, at != NULL ? (long)(at - from + strlen(d->domain)) : -1,
			    "%s", ev);
		}
		for (size_t k = 0; k < nlinks; k++) {
			char *host = url_host(&links[k]), *org = host != NULL ? domain_org(host) : NULL;
			if (org != NULL && strcmp(org, d->domain) == 0) {
				char *where = xasprintf("link[%d]", links[k].number);
				finding_add(&r->findings, F_LINK_NEW_DOMAIN, -1, where, links[k].start, links[k].end, "%s", ev);
				free(where);
			}
			free(org);
			free(host);
		}
		free(ev);
	}
	free(links);
}

/* LINK_CDN_HOSTED: the link's host answers from a CDN's network, which hides the real server. */
static void
cdn_check(struct report *r)
{
	for (size_t i = 0; i < r->nhosts; i++) {
		const struct host_fact *h = &r->hosts[i];
		char *where, *facts;

		if (h->cdn == NULL || h->ip == NULL)
			continue;
		where = xasprintf("link[%d]", h->link);
		facts = geoip_info_text(&h->geo);
		finding_add(&r->findings, F_LINK_CDN_HOSTED, -1, where, -1, -1,
		    _("%s → %s: %s (%s)"), h->host, h->ip, facts != NULL ? facts : "-", h->cdn);
		free(facts);
		free(where);
	}
}

const struct domain_fact *
analyze_domain_fact(const struct report *r, const char *domain)
{
	for (size_t i = 0; domain != NULL && i < r->ndomains; i++)
		if (ascii_strcasecmp(r->domains[i].domain, domain) == 0)
			return &r->domains[i];
	return NULL;
}

/*
 * The first web link (1-based, 0 none) that leaves the sender's
 * registrable domain (the From's, or the DKIM signer's when it passed) and
 * the domains of the brand claimed. Such a link is where the message sends
 * its reader: with the table's "payload-link-offsite yes" it is a payload.
 * A message without a usable From counts any link to a host.
 */
static size_t
link_offsite(const struct report *r)
{
	const struct brands *b = brands_default(NULL);
	const char *from = r->addr.from.valid ? r->addr.from.org_domain : NULL;
	char *dkim = r->auth.dkim == AUTH_PASS && r->auth.dkim_domain != NULL ? domain_org(r->auth.dkim_domain) : NULL;
	size_t off = 0;

	for (size_t i = 0; i < r->nlinks && off == 0; i++) {
		const struct link *l = &r->links[i];
		const char *org = l->org_domain;

		if (l->host == NULL || l->scheme == NULL || (strcmp(l->scheme, "http") != 0 && strcmp(l->scheme, "https") != 0 &&
		    strcmp(l->scheme, "") != 0))
			continue;   /* mailto:, tel:, cid: and the like lead nowhere else */
		if (org == NULL && !l->ip_literal)
			continue;
		if (org != NULL && ((from != NULL && ascii_strcasecmp(org, from) == 0) ||
		    (dkim != NULL && ascii_strcasecmp(org, dkim) == 0)))
			continue;
		if (org != NULL && r->claim.brand != NULL && b != NULL && brands_owns(b, r->claim.brand, org, BRAND_ALL))
			continue;
		off = i + 1;
	}
	free(dkim);
	return off;
}

static void
run_checks(struct report *r, const struct settings *cfg)
{
	struct received_config rc = { NULL, 0, -1 };

	findings_free(&r->findings);
	auth_summary_free(&r->auth);
	if (cfg != NULL) {
		rc.trusted_relays = (const char *const *)cfg->trusted_relays;
		rc.ntrusted_relays = cfg->ntrusted_relays;
		rc.boundary_override = cfg->boundary_override;
	}
	if (r->origin != -2)
		rc.boundary_override = r->origin;
	r->origin = received_chain(r->hops, r->nhops, &rc);
	geoip_info_free(&r->origin_geo);
	if (r->origin >= 0 && (size_t)r->origin < r->nhops && r->hops[r->origin].ip != NULL)
		geoip_lookup(geoip_shared(cfg != NULL ? cfg->geoip_dir : NULL), r->hops[r->origin].ip, &r->origin_geo);
	submitter_free(&r->submitted);
	geoip_info_free(&r->submitted_geo);
	if (submitter_find(r->msg, r->hops, r->nhops, r->origin, &r->submitted) == 0)
		geoip_lookup(geoip_shared(cfg != NULL ? cfg->geoip_dir : NULL), r->submitted.ip, &r->submitted_geo);
	if (r->hop_geo == NULL && r->nhops > 0) {
		/* every hop's client, for the chain view (the origin's trust may move, the addresses do not) */
		r->hop_geo = xcalloc(r->nhops, sizeof *r->hop_geo);
		for (size_t i = 0; i < r->nhops; i++)
			if (r->hops[i].ip != NULL && !ip_is_private(r->hops[i].ip))
				geoip_lookup(geoip_shared(cfg != NULL ? cfg->geoip_dir : NULL), r->hops[i].ip, &r->hop_geo[i]);
	}

	auth_evaluate(r->msg, r->addr.from.domain, r->hops, r->nhops, r->origin, cfg, &r->auth);
	spamtag_check(r->msg, &r->findings);
	overflow_check(r);
	address_check(&r->addr, &r->auth, &r->bulk, &r->findings);
	origin_check(r);
	{
		bool svc;
		const char *cc = brand_home_country(r, &svc);
		analyze_origin_country(r, cc, svc);
	}
	auth_check(&r->auth, &r->findings);
	brand_checks(r);
	hidden_check(r);
	{
		char *cause = NULL, *saved = r->msg->body, *shown = NULL;

		/* the reader never sees hidden text: typos and urgency are looked for in what is shown */
		if (r->msg->nhidden > 0) {
			shown = xmalloc(r->msg->body_len + 1);
			memcpy(shown, saved, r->msg->body_len + 1);
			for (size_t i = 0; i < r->msg->nhidden; i++)
				memset(shown + r->msg->hidden[i].start, ' ', r->msg->hidden[i].end - r->msg->hidden[i].start);
			r->msg->body = shown;
		}
		if (text_check(r->msg, &r->addr, &r->findings, &cause) != 0) {
			char *n = xasprintf(_("text analysis: %s"), cause);
			size_t i;

			for (i = 0; i < r->nnotices && strcmp(r->notices[i], n) != 0; i++)
				;
			if (i == r->nnotices)   /* once, though the checks re-run with another origin */
				add_notice(r, n);
			else
				free(n);
		}
		r->msg->body = saved;
		free(shown);
		free(cause);
	}
	{
		char *cause = NULL;

		if (lure_check(r->msg, &r->addr, &r->auth, r->links, r->nlinks, brands_default(NULL), &r->findings,
		    &cause) != 0) {
			char *n = xasprintf(_("lure analysis: %s"), cause);
			size_t i;

			for (i = 0; i < r->nnotices && strcmp(r->notices[i], n) != 0; i++)
				;
			if (i == r->nnotices)
				add_notice(r, n);
			else
				free(n);
		}
		free(cause);
	}
	age_check(r, cfg);
	cdn_check(r);
	r->findings.link_offsite = link_offsite(r);
	r->score = findings_score(&r->findings, &r->verdict);
}

struct report *
analyze_message_async(struct message *m, const struct settings *cfg)
{
	struct report *r = xcalloc(1, sizeof *r);
	const char *v;

	r->msg = m;
	r->file = xstrdup(m->path);
	r->origin = -2;
	r->subject = xstrdup(message_hvalue(m, "Subject"));
	if ((v = message_hvalue(m, "Date")) != NULL) {
		r->date = xstrdup(v);
		if (received_parse_date(v, &r->when) != 0)
			r->when = 0;
	}
	for (size_t i = 0; i < m->nnotices; i++)
		add_notice(r, xstrdup(m->notices[i]));
	addresses_collect(m, &r->addr);
	bulk_collect(m, &r->addr, &r->bulk);
	parse_hops(r);
	{
		char *cause = NULL;
		const struct brands *b = brands_default(&cause);

		if (cause != NULL)
			add_notice(r, xasprintf(_("brand registry: %s"), cause));
		free(cause);
		links_collect(m, b, &r->links, &r->nlinks);
		claim_find(m, &r->addr, b, &r->claim);
	}
	if (cfg != NULL && cfg->boundary_override >= 0)
		r->origin = cfg->boundary_override;
	collect_facts(r, cfg);
	start_lookups(r, cfg);
	run_checks(r, cfg);
	return r;
}

int
analyze_pending_fd(const struct report *r)
{
	return r->pending != NULL ? lookup_fd(r->pending) : -1;
}

int
analyze_pending_apply(struct report *r, const struct settings *cfg)
{
	if (r->pending == NULL || !lookup_done(r->pending))
		return 0;
	apply_lookups(r, cfg);
	run_checks(r, cfg);
	return 1;
}

struct report *
analyze_message(struct message *m, const struct settings *cfg)
{
	struct report *r = analyze_message_async(m, cfg);

	/* every query is bounded by the timeout; this bound only guards against a stuck resolver */
	if (r->pending != NULL) {
		int per = cfg != NULL && cfg->rdap_timeout > 0 ? cfg->rdap_timeout : 5;
		/* worst case: every query in turn waits its full timeout (scan's threads share the slots) */
		lookup_wait(r->pending, (int)r->lookups * per * 1000 + 2000);
		if (!analyze_pending_apply(r, cfg)) {
			lookup_free(r->pending);
			r->pending = NULL;
			add_notice(r, xstrdup(_("network lookups did not finish in time; their answers are missing")));
		}
	}
	return r;
}

void
analyze_set_origin(struct report *r, const struct settings *cfg, int origin)
{
	r->origin = origin < 0 ? -2 : origin;
	run_checks(r, cfg);
}

int
analyze_load_data(char **cause)
{
	int (*const loaders[])(char **) = {
		brands_load_default, text_load, lure_load, confusable_load_default, url_load,
		bulk_load, unwrap_load, geoip_cdn_load,
	};
	int rc = 0;

	*cause = NULL;
	for (size_t i = 0; i < sizeof loaders / sizeof loaders[0]; i++) {
		char *c = NULL;

		if (loaders[i](&c) != 0)
			rc = -1;
		conffile_join(cause, c);
	}
	return rc;
}

int
analyze_file(const char *path, const struct settings *cfg, struct report **out, char **cause)
{
	struct message *m;

	*out = NULL;
	if (message_load_file_max(path, cfg != NULL ? cfg->max_message_size : 0, &m, cause) != 0)
		return -1;
	*out = analyze_message(m, cfg);
	return 0;
}

void
report_free(struct report *r)
{
	if (r == NULL)
		return;
	free(r->file);
	message_free(r->msg);
	free(r->subject);
	free(r->date);
	addresses_free(&r->addr);
	bulk_evidence_free(&r->bulk);
	for (size_t i = 0; i < r->nhops; i++)
		received_hop_free(&r->hops[i]);
	free(r->hops);
	auth_summary_free(&r->auth);
	findings_free(&r->findings);
	geoip_info_free(&r->origin_geo);
	submitter_free(&r->submitted);
	geoip_info_free(&r->submitted_geo);
	for (size_t i = 0; r->hop_geo != NULL && i < r->nhops; i++)
		geoip_info_free(&r->hop_geo[i]);
	free(r->hop_geo);
	for (size_t i = 0; i < r->ndomains; i++) {
		free(r->domains[i].domain);
		domainage_result_free(&r->domains[i].age);
	}
	free(r->domains);
	for (size_t i = 0; i < r->nhosts; i++) {
		free(r->hosts[i].host);
		free(r->hosts[i].ip);
		free(r->hosts[i].error);
		geoip_info_free(&r->hosts[i].geo);
	}
	free(r->hosts);
	lookup_free(r->pending);
	for (size_t i = 0; i < r->nnotices; i++)
		free(r->notices[i]);
	free(r->notices);
	links_free(r->links, r->nlinks);
	claim_free(&r->claim);
	free(r);
}
