/* report.c — text, Markdown and JSON renderings of a report. */
#include "config.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistr.h>
#include <uniwidth.h>

#include "analyze.h"
#include "domainage.h"
#include "geoip.h"
#include "i18n.h"
#include "brands.h"
#include "message.h"
#include "url.h"
#include "cache.h"
#include "report.h"
#include "unichar.h"
#include "util.h"
#include "weights.h"

char *
report_clean(const char *s, int keep_nl)
{
	struct buf b;
	const uint8_t *p = (const uint8_t *)(s != NULL ? s : ""), *end = p + strlen((const char *)p);

	buf_init(&b);
	buf_adds(&b, "");
	while (p < end) {
		ucs4_t c;
		int n = u8_mbtouc(&c, p, (size_t)(end - p));
		uint8_t tmp[8];
		int len;

		if (c == 0xFFFD && !(n == 3 && p[0] == 0xEF && p[1] == 0xBF && p[2] == 0xBD)) {
			buf_adds(&b, "\xEF\xBF\xBD");  /* invalid UTF-8 */
		} else if (c == '\n' && keep_nl) {
			buf_addc(&b, '\n');
		} else if (c == '\t') {
			buf_addc(&b, keep_nl ? '\t' : ' ');
		} else if (c < 0x20 || c == 0x7F) {
			len = u8_uctomb(tmp, c == 0x7F ? 0x2421 : 0x2400 + c, sizeof tmp);
			buf_add(&b, (const char *)tmp, (size_t)len);
		} else if (c >= 0x80 && c < 0xA0) {
			buf_addf(&b, "<U+%04X>", (unsigned)c);
		} else if (unichar_kind(c) != 0) {
			buf_addf(&b, "<U+%04X>", (unsigned)c);
		} else
			buf_add(&b, (const char *)p, (size_t)n);
		p += n > 0 ? n : 1;
	}
	return buf_take(&b);
}

/* Display width of UTF-8 text as a terminal shows it (CJK wide = 2). */
static int
width_of(const char *s)
{
	return u8_strwidth((const uint8_t *)s, "UTF-8");
}

static void
pad_to(FILE *f, const char *s, int width)
{
	int w = width_of(s);

	fputs(s, f);
	for (; w < width; w++)
		fputc(' ', f);
}

static const char *
str_or(const char *s, const char *dflt)
{
	return s != NULL && *s != '\0' ? s : dflt;
}

/* What a wrapped link really reaches: the decoded target, or why it is not known. */
static const char *
link_real(const struct link *l)
{
	if (l->opaque)
		return _("(target hidden by the gateway)");
	if (l->tracker != NULL)
		return _("(target kept by the mailing service)");
	return str_or(l->unwrapped_defanged, "-");
}

static const char *
auth_word(enum auth_result r)
{
	return r == AUTH_UNKNOWN ? "-" : authres_result_name(r);
}

static char *
format_time(time_t t)
{
	char b[32];
	struct tm tm;

	if (t == 0 || gmtime_r(&t, &tm) == NULL)
		return xstrdup("-");
	strftime(b, sizeof b, "%Y-%m-%d %H:%M:%SZ", &tm);
	return xstrdup(b);
}

static const char *
trust_word(enum hop_trust t)
{
	switch (t) {
	case HOP_TRUSTED:
		return _("trusted");
	case HOP_ORIGIN:
		return _("origin");
	case HOP_PASSED_OVER:
		return _("passed over");
	default:
		return _("unverifiable");
	}
}

static char *
origin_text(const struct report *r)
{
	const struct hop *o;

	if (r->origin < 0 || (size_t)r->origin >= r->nhops)
		return xstrdup(_("not found (no untrusted hop)"));
	o = &r->hops[r->origin];
	return xasprintf(_("%s (HELO %s, reverse DNS %s) — hop %d of %zu"), str_or(o->ip, "?"),
	    str_or(o->helo, "-"), o->rdns_state == RDNS_NAME ? o->rdns :
	    o->rdns_state == RDNS_NONE ? _("none") : _("not stated"), r->origin + 1, r->nhops);
}

static char *
address_text(const struct address *a)
{
	if (!a->present)
		return xstrdup("-");
	if (a->display != NULL)
		return xasprintf("%s <%s>", a->display, str_or(a->addr, ""));
	return xstrdup(str_or(a->addr, "-"));
}

/* "SG · AS150436 Byteplus Pte. Ltd." for the origin, or why it is unknown. */
static char *
origin_geo_text(const struct report *r)
{
	char *t;

	if (r->origin < 0 || (size_t)r->origin >= r->nhops || r->hops[r->origin].ip == NULL)
		return xstrdup("-");
	if ((t = geoip_info_text(&r->origin_geo)) != NULL)
		return t;
	return xstrdup(_("unknown (not in the GeoIP databases, or none installed)"));
}

/* Who vouches for a "submitted from" address, in words. */
static const char *
submitted_trust_text(enum submitter_trust t)
{
	switch (t) {
	case SUBMITTER_RECEIVING:
		return _("stated by the receiving side");
	case SUBMITTER_ORIGIN:
		return _("stated by the origin server");
	default:
		return _("as claimed by the sender");
	}
}

/* "203.0.113.7 JP AS64500 Example — X-Originating-IP, stated by the origin server", or NULL when there is none. */
static char *
submitted_text(const struct report *r)
{
	const struct submitter *sb = &r->submitted;
	char *geo, *t;

	if (sb->trust == SUBMITTER_NONE)
		return NULL;
	geo = geoip_info_text(&r->submitted_geo);
	t = xasprintf("%s%s%s — %s, %s", sb->ip, geo != NULL ? "  " : "", geo != NULL ? geo : "",
	    sb->source != NULL ? sb->source : "-", submitted_trust_text(sb->trust));
	free(geo);
	return t;
}

/* Whether network lookups were made: the privacy statement of every report. */
static char *
lookups_text(const struct report *r)
{
	if (!r->network)
		return xstrdup(_("none: network use is off (offline data only)"));
	if (r->lookups == 0)
		return xstrdup(_("network use is on; none needed (all answers were local)"));
	return xasprintf(_("network use is on; %u queries (RDAP registries and DNS only, never the links' hosts)"),
	    r->lookups);
}

static char *
date_text(time_t t)
{
	char b[16];
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL)
		return xstrdup("-");
	strftime(b, sizeof b, "%Y-%m-%d", &tm);
	return xstrdup(b);
}

/* One domain's age as a sentence. */
static char *
domain_age_text(const struct report *r, const struct domain_fact *d)
{
	const struct domainage_result *a = &d->age;
	char *reg, *s;

	switch (a->status) {
	case DOMAINAGE_FOUND:
		reg = date_text(a->registered);
		if (r->when != 0)
			s = xasprintf(_("registered %s (%d days before the mail; %s)"), reg,
			    domainage_days(a->registered, r->when), a->source != NULL ? a->source : "-");
		else
			s = xasprintf(_("registered %s (%s)"), reg, a->source != NULL ? a->source : "-");
		free(reg);
		return s;
	case DOMAINAGE_NOT_FOUND:
		return xasprintf(_("not registered, says the registry (%s)"), a->source != NULL ? a->source : "-");
	case DOMAINAGE_FAILED:
		return xasprintf(_("lookup failed: %s"), a->detail != NULL ? a->detail : "-");
	default:
		return xstrdup(r->network ? _("not looked up") : _("unknown (network use is off)"));
	}
}

struct row {
	const char *label;
	char *value;
};

static void
write_rows(FILE *f, struct row *rows, size_t n)
{
	int w = 0;

	for (size_t i = 0; i < n; i++)
		if (width_of(rows[i].label) > w)
			w = width_of(rows[i].label);
	for (size_t i = 0; i < n; i++) {
		char *clean = report_clean(rows[i].value, 0);
		pad_to(f, rows[i].label, w + 2);
		fprintf(f, "%s\n", clean);
		free(clean);
		free(rows[i].value);
	}
}

static char *
auth_text(const struct report *r)
{
	const struct auth_summary *a = &r->auth;

	return xasprintf("SPF %s · DKIM %s · DMARC %s%s%s%s", auth_word(a->spf), auth_word(a->dkim),
	    auth_word(a->dmarc), a->aligned_pass ? _(" · aligned with From") : "",
	    a->authserv_id != NULL ? "  authserv-id " : "", a->authserv_id != NULL ? a->authserv_id : "");
}

static char *
brand_text(const struct report *r)
{
	const struct brand_claim *c = &r->claim;

	if (c->brand == NULL)
		return xstrdup(_("none claimed"));
	return xasprintf(_("%s (\"%s\" in %s)"), c->brand->name, c->text != NULL ? c->text : "", c->where);
}

/* "list-unsubscribe, ESP SendGrid (DKIM)", or "-" when nothing says the mail is bulk. */
static char *
bulk_text(const struct report *r)
{
	char *s = bulk_summary(&r->bulk);

	return s != NULL ? s : xstrdup("-");
}

/*
 * What makes a phishing verdict able to harm (the payload findings, or the
 * link that leaves the sender's domains), or why a score past the phishing
 * threshold stays suspicious (no payload); NULL when neither applies.
 */
char *
report_payload_text(const struct report *r)
{
	const struct weights *w = weights_current();
	bool capped = r->verdict != VERDICT_PHISHING && weights_payload_required(w) &&
	    r->score >= weights_threshold(w, VERDICT_PHISHING);
	bool seen[F_COUNT] = { false };
	struct buf b;

	if (r->verdict != VERDICT_PHISHING && !capped)
		return NULL;
	buf_init(&b);
	for (size_t i = 0; i < r->findings.n; i++) {
		const struct finding *fd = &r->findings.v[i];

		if (!weights_payload(w, fd->id, fd->severity) || seen[fd->id])
			continue;
		seen[fd->id] = true;
		buf_addf(&b, "%s%s", b.len > 0 ? ", " : "", finding_name(fd->id));
	}
	if (r->findings.link_offsite > 0 && r->findings.link_offsite <= r->nlinks && weights_payload_link_offsite(w)) {
		const struct link *l = &r->links[r->findings.link_offsite - 1];
		struct buf host;   /* defanged: every dot as [.] */

		buf_init(&host);
		buf_adds(&host, "");
		for (const char *p = l->host != NULL ? l->host : "?"; *p != '\0'; p++)
			if (*p == '.')
				buf_adds(&host, "[.]");
			else
				buf_add(&host, p, 1);
		buf_addf(&b, "%s", b.len > 0 ? ", " : "");
		buf_addf(&b, _("link[%zu] to %s leaves the sender's and the brand's domains"), r->findings.link_offsite, host.s);
		buf_free(&host);
	}
	if (b.len == 0)
		buf_addf(&b, "%s", _("none: no link, attachment, number or reply address to harm with, so at most suspicious"));
	return buf_take(&b);
}

static void
write_text(FILE *f, const struct report *r)
{
	struct row rows[19];
	size_t n = 0, nrt = 0;
	char *reply = NULL, *pay;

	for (size_t i = 0; i < r->addr.nreply_to; i++)
		nrt++;
	reply = nrt > 0 ? address_text(&r->addr.reply_to[0]) : xstrdup("-");
	rows[n++] = (struct row){ _("File"), xstrdup(r->file) };
	rows[n++] = (struct row){ _("Verdict"), xasprintf(_("%s (score %d)"), verdict_label(r->verdict), r->score) };
	if ((pay = report_payload_text(r)) != NULL)
		rows[n++] = (struct row){ _("Payload"), pay };
	rows[n++] = (struct row){ _("Subject"), xstrdup(str_or(r->subject, "-")) };
	rows[n++] = (struct row){ _("From"), address_text(&r->addr.from) };
	rows[n++] = (struct row){ _("Reply-To"), reply };
	rows[n++] = (struct row){ _("Return-Path"), address_text(&r->addr.return_path) };
	rows[n++] = (struct row){ _("Date"), xstrdup(str_or(r->date, "-")) };
	rows[n++] = (struct row){ _("Message-ID"), xstrdup(str_or(r->addr.message_id, "-")) };
	rows[n++] = (struct row){ _("Origin"), origin_text(r) };
	rows[n++] = (struct row){ _("Origin network"), origin_geo_text(r) };
	if (r->submitted.trust != SUBMITTER_NONE)
		rows[n++] = (struct row){ _("Submitted from"), submitted_text(r) };
	rows[n++] = (struct row){ _("Auth"), auth_text(r) };
	rows[n++] = (struct row){ _("Brand"), brand_text(r) };
	rows[n++] = (struct row){ _("Bulk"), bulk_text(r) };
	rows[n++] = (struct row){ _("Lookups"), lookups_text(r) };
	write_rows(f, rows, n);

	fprintf(f, "\n%s\n", _("Findings"));
	if (r->findings.n == 0)
		fprintf(f, "  %s\n", _("none"));
	for (size_t i = 0; i < r->findings.n; i++) {
		const struct finding *fd = &r->findings.v[i];
		char *ev = report_clean(fd->evidence, 0);
		fprintf(f, "  ");
		pad_to(f, severity_label(fd->severity), 8);
		pad_to(f, finding_name(fd->id), 22);
		fprintf(f, "%s (%+d)\n", finding_title(fd->id), fd->weight);
		fprintf(f, "  %8s%-22s%s\n", "", fd->where, ev);
		free(ev);
	}

	fprintf(f, "\n%s\n", _("Links (defanged)"));
	if (r->nlinks == 0)
		fprintf(f, "  %s\n", _("none"));
	for (size_t i = 0; i < r->nlinks; i++) {
		const struct link *l = &r->links[i];
		char *d = report_clean(l->defanged, 0), *t = report_clean(l->text, 0);

		fprintf(f, "  %2zu  %s\n", i + 1, d);
		if (l->nwrappers > 0) {
			char *via = link_via(l), *real = report_clean(link_real(l), 0);

			fprintf(f, "      %s %s \u2192 %s\n", _("via"), via, real);
			free(via);
			free(real);
		}
		fprintf(f, "      %s  %s\n", str_or(l->org_domain, str_or(l->host, "-")), t);
		free(d);
		free(t);
	}
	if (r->ndomains > 0) {
		fprintf(f, "\n%s\n", _("Domain ages"));
		for (size_t i = 0; i < r->ndomains; i++) {
			char *age = domain_age_text(r, &r->domains[i]), *line, *clean;
			char *role = r->domains[i].from ? xstrdup("From") : xasprintf("link[%d]", r->domains[i].link);
			line = xasprintf("%s  %s  %s", r->domains[i].domain, role, age);
			clean = report_clean(line, 0);
			fprintf(f, "  %s\n", clean);
			free(clean);
			free(line);
			free(role);
			free(age);
		}
	}
	if (r->nhosts > 0) {
		fprintf(f, "\n%s\n", _("Link hosts"));
		for (size_t i = 0; i < r->nhosts; i++) {
			const struct host_fact *h = &r->hosts[i];
			char *geo = geoip_info_text(&h->geo), *line, *clean;
			line = xasprintf("link[%d]  %s%s%s  %s%s%s", h->link, h->host,
			    h->ip == NULL || strcmp(h->ip, h->host) != 0 ? " → " : "", h->ip == NULL ? "?" :
			    strcmp(h->ip, h->host) != 0 ? h->ip : "",
			    geo != NULL ? geo : h->error != NULL ? h->error : "-", h->cdn != NULL ? "  CDN " : "",
			    h->cdn != NULL ? h->cdn : "");
			clean = report_clean(line, 0);
			fprintf(f, "  %s\n", clean);
			free(clean);
			free(line);
			free(geo);
		}
	}

	fprintf(f, "\n%s\n", _("Received chain (newest first)"));
	if (r->nhops == 0)
		fprintf(f, "  %s\n", _("none"));
	for (size_t i = 0; i < r->nhops; i++) {
		const struct hop *h = &r->hops[i];
		char *t = h->has_time ? format_time(h->when) : xstrdup("-");
		char *line = xasprintf("%s [%s] → %s", str_or(h->from_host, "-"), str_or(h->ip, "-"),
		    str_or(h->by_host, "-"));
		char *clean = report_clean(line, 0), *why = report_clean(h->trust_reason, 0);
		fprintf(f, "  %2zu  ", i + 1);
		pad_to(f, trust_word(h->trust), 14);
		fprintf(f, "%s  %s", clean, t);
		if (h->delay >= 0) {
			char d[32];

			fprintf(f, " (+%s)", util_duration(h->delay, d, sizeof d));
		}
		if (r->hop_geo != NULL && r->hop_geo[i].country[0] != '\0')
			fprintf(f, "  %s", r->hop_geo[i].country);
		if (r->hop_geo != NULL && r->hop_geo[i].asn != 0)
			fprintf(f, " AS%lu", r->hop_geo[i].asn);
		fprintf(f, "\n      %s\n", why);
		free(t);
		free(line);
		free(clean);
		free(why);
	}
	if (r->nnotices > 0) {
		fprintf(f, "\n%s\n", _("Notices"));
		for (size_t i = 0; i < r->nnotices; i++) {
			/* notices can quote message data (a charset label) */
			char *c = report_clean(r->notices[i], 0);
			fprintf(f, "  %s\n", c);
			free(c);
		}
	}
}

/* Markdown table cell: no newlines, '|' escaped, controls made visible. */
static char *
md_cell(const char *s)
{
	char *clean = report_clean(s != NULL ? s : "-", 0);
	struct buf b;

	buf_init(&b);
	buf_adds(&b, "");
	for (const char *p = clean; *p != '\0'; p++) {
		if (*p == '|' || *p == '`' || *p == '*' || *p == '_' || *p == '<' || *p == '>' ||
		    *p == '[' || *p == ']' || *p == '\\')
			buf_addc(&b, '\\');
		buf_addc(&b, *p);
	}
	free(clean);
	return buf_take(&b);
}

static void
md_row(FILE *f, const char *label, char *value)
{
	char *c = md_cell(value);

	fprintf(f, "| %s | %s |\n", label, c);
	free(c);
	free(value);
}

static void
write_markdown(FILE *f, const struct report *r)
{
	char *subj = md_cell(str_or(r->subject, _("(no subject)")));

	fprintf(f, "## %s: %s\n\n", _("kensa report"), subj);
	free(subj);
	fprintf(f, "**%s:** %s (%s %d)\n\n", _("Verdict"), verdict_label(r->verdict), _("score"), r->score);
	fprintf(f, "| %s | %s |\n|---|---|\n", _("Field"), _("Value"));
	{
		char *pay = report_payload_text(r);

		if (pay != NULL)
			md_row(f, _("Payload"), pay);
	}
	md_row(f, _("File"), xstrdup(r->file));
	md_row(f, _("From"), address_text(&r->addr.from));
	md_row(f, _("Reply-To"), r->addr.nreply_to ? address_text(&r->addr.reply_to[0]) : xstrdup("-"));
	md_row(f, _("Return-Path"), address_text(&r->addr.return_path));
	md_row(f, _("Date"), xstrdup(str_or(r->date, "-")));
	md_row(f, _("Message-ID"), xstrdup(str_or(r->addr.message_id, "-")));
	md_row(f, _("Origin"), origin_text(r));
	md_row(f, _("Origin network"), origin_geo_text(r));
	if (r->submitted.trust != SUBMITTER_NONE)
		md_row(f, _("Submitted from"), submitted_text(r));
	md_row(f, _("Auth"), auth_text(r));
	md_row(f, _("Brand"), brand_text(r));
	md_row(f, _("Bulk"), bulk_text(r));
	md_row(f, _("Lookups"), lookups_text(r));
	for (size_t i = 0; i < r->ndomains; i++) {
		char *label = xasprintf(_("Age of %s"), r->domains[i].domain), *lab = md_cell(label);
		md_row(f, lab, domain_age_text(r, &r->domains[i]));
		free(lab);
		free(label);
	}
	for (size_t i = 0; i < r->nhosts; i++) {
		const struct host_fact *h = &r->hosts[i];
		char *label = xasprintf("link[%d] %s", h->link, h->host), *lab = md_cell(label);
		char *geo = geoip_info_text(&h->geo);
		md_row(f, lab, xasprintf("%s%s%s%s%s", h->ip != NULL && strcmp(h->ip, h->host) != 0 ? h->ip : "",
		    h->ip != NULL && strcmp(h->ip, h->host) != 0 ? " " : "",
		    geo != NULL ? geo : h->error != NULL ? h->error : "-",
		    h->cdn != NULL ? " CDN " : "", h->cdn != NULL ? h->cdn : ""));
		free(geo);
		free(lab);
		free(label);
	}

	fprintf(f, "\n### %s\n\n", _("Findings"));
	if (r->findings.n == 0)
		fprintf(f, "%s\n", _("none"));
	else
		fprintf(f, "| %s | %s | %s | %s |\n|---|---|---|---|\n", _("Severity"), "Id", _("Finding"), _("Evidence"));
	for (size_t i = 0; i < r->findings.n; i++) {
		const struct finding *fd = &r->findings.v[i];
		char *ev = md_cell(fd->evidence), *where = md_cell(fd->where);
		fprintf(f, "| %s | `%s` | %s (%+d) | %s: %s |\n", severity_label(fd->severity), finding_name(fd->id),
		    finding_title(fd->id), fd->weight, where, ev);
		free(ev);
		free(where);
	}
	if (r->nlinks > 0) {
		fprintf(f, "\n### %s\n\n| # | %s | %s | %s |\n|---|---|---|---|\n", _("Links (defanged)"),
		    _("Target"), _("Domain"), _("Text"));
		for (size_t i = 0; i < r->nlinks; i++) {
			const struct link *l = &r->links[i];
			char *d = md_cell(l->defanged), *t = md_cell(l->text), *o = md_cell(str_or(l->org_domain,
			    str_or(l->host, "-")));

			if (l->nwrappers > 0) {
				char *via = link_via(l), *v = md_cell(via), *real = md_cell(link_real(l));

				/* "`original` via Safe Links → `real target`" */
				fprintf(f, "| %zu | `%s` %s %s \u2192 %s%s%s | %s | %s |\n", i + 1, d, _("via"), v,
				    l->unwrapped != NULL && !l->opaque ? "`" : "", real, l->unwrapped != NULL && !l->opaque ? "`" : "",
				    o, t);
				free(via);
				free(v);
				free(real);
			} else
				fprintf(f, "| %zu | `%s` | %s | %s |\n", i + 1, d, o, t);
			free(d);
			free(t);
			free(o);
		}
	}
	fprintf(f, "\n### %s\n\n", _("Received chain (newest first)"));
	fprintf(f, "| # | %s | %s | IP | %s | %s |\n|---|---|---|---|---|---|\n", _("Trust"), _("Sending host"),
	    _("Receiving host"), _("Time"));
	for (size_t i = 0; i < r->nhops; i++) {
		const struct hop *h = &r->hops[i];
		char *from = md_cell(str_or(h->from_host, "-")), *by = md_cell(str_or(h->by_host, "-"));
		char *t = h->has_time ? format_time(h->when) : xstrdup("-");
		fprintf(f, "| %zu | %s | %s | `%s` | %s | %s |\n", i + 1, trust_word(h->trust), from,
		    str_or(h->ip, "-"), by, t);
		free(from);
		free(by);
		free(t);
	}
	if (r->nnotices > 0) {
		fprintf(f, "\n### %s\n\n", _("Notices"));
		for (size_t i = 0; i < r->nnotices; i++) {
			char *c = md_cell(r->notices[i]);
			fprintf(f, "- %s\n", c);
			free(c);
		}
	}
}

static json_t *
jstr(const char *s)
{
	/* jansson rejects invalid UTF-8: message text is valid by construction, but be safe */
	if (s == NULL)
		return json_null();
	if (u8_check((const uint8_t *)s, strlen(s)) != NULL) {
		char *c = report_clean(s, 1);
		json_t *j = json_string(c);
		free(c);
		return j;
	}
	return json_string(s);
}

static json_t *
links_json(const struct report *r)
{
	json_t *a = json_array();

	for (size_t i = 0; i < r->nlinks; i++) {
		const struct link *l = &r->links[i];
		json_t *j = json_object();

		json_object_set_new(j, "text", jstr(l->text));
		json_object_set_new(j, "href", jstr(l->href));
		json_object_set_new(j, "defanged", jstr(l->defanged));
		json_object_set_new(j, "unwrapped", jstr(l->unwrapped));
		json_object_set_new(j, "unwrapped_defanged", jstr(l->unwrapped_defanged));
		{
			json_t *w = json_array();

			for (size_t k = 0; k < l->nwrappers; k++)
				json_array_append_new(w, jstr(l->wrappers[k]));
			json_object_set_new(j, "wrappers", w);
			json_object_set_new(j, "target_hidden", json_boolean(l->opaque || l->tracker != NULL));
		}
		json_object_set_new(j, "domain", jstr(l->host_ascii != NULL ? l->host_ascii : l->host));
		json_object_set_new(j, "org_domain", jstr(l->org_domain));
		{
			const struct domain_fact *d = analyze_domain_fact(r, l->org_domain);

			json_object_set_new(j, "age_days", d != NULL && d->age.status == DOMAINAGE_FOUND && r->when != 0 ?
			    json_integer(domainage_days(d->age.registered, r->when)) : json_null());
		}
		json_object_set_new(j, "source", jstr(l->source));
		json_object_set_new(j, "number", l->number > 0 ? json_integer(l->number) : json_null());
		json_object_set_new(j, "host_unicode", jstr(l->host_unicode));
		json_object_set_new(j, "ip_literal", json_boolean(l->ip_literal));
		json_object_set_new(j, "userinfo", jstr(l->userinfo));
		json_object_set_new(j, "brand_subdomain", jstr(l->brand_subdomain));
		json_object_set_new(j, "span", l->start >= 0 ?
		    json_pack("[II]", (json_int_t)l->start, (json_int_t)l->end) : json_null());
		json_array_append_new(a, j);
	}
	return a;
}

static json_t *
brand_json(const struct report *r)
{
	const struct brand_claim *c = &r->claim;
	json_t *j;

	if (c->brand == NULL)
		return json_null();
	j = json_object();
	json_object_set_new(j, "id", jstr(c->brand->id));
	json_object_set_new(j, "name", jstr(c->brand->name));
	json_object_set_new(j, "source", jstr(claim_source_name(c->source)));
	json_object_set_new(j, "where", jstr(c->where));
	json_object_set_new(j, "text", jstr(c->text));
	json_object_set_new(j, "span", c->start >= 0 ?
	    json_pack("[II]", (json_int_t)c->start, (json_int_t)c->end) : json_null());
	return j;
}

static json_t *
bulk_json(const struct report *r)
{
	const struct bulk_evidence *b = &r->bulk;
	json_t *j = json_object();

	json_object_set_new(j, "list_unsubscribe", json_boolean(b->list_unsubscribe));
	json_object_set_new(j, "one_click", json_boolean(b->one_click));
	json_object_set_new(j, "precedence", jstr(b->precedence));
	json_object_set_new(j, "mailing_list", json_boolean(b->mailing_list));
	json_object_set_new(j, "list", jstr(b->list_name));
	json_object_set_new(j, "esp", jstr(b->esp));
	json_object_set_new(j, "esp_domain", jstr(b->esp_domain));
	json_object_set_new(j, "esp_via", jstr(b->esp_via));
	json_object_set_new(j, "feedback_id", json_boolean(b->feedback_id));
	return j;
}

static json_t *
report_json(const struct report *r)
{
	json_t *o = json_object(), *from = json_object(), *origin = json_object(), *auth = json_object();
	json_t *findings = json_array(), *hops = json_array(), *notices = json_array();
	const struct hop *oh = r->origin >= 0 && (size_t)r->origin < r->nhops ? &r->hops[r->origin] : NULL;

	json_object_set_new(o, "file", jstr(r->file));
	json_object_set_new(o, "message_id", jstr(r->addr.message_id));
	json_object_set_new(o, "date", jstr(r->date));
	json_object_set_new(o, "subject", jstr(r->subject));
	json_object_set_new(from, "display", jstr(r->addr.from.display));
	json_object_set_new(from, "address", jstr(r->addr.from.addr));
	json_object_set_new(from, "domain", jstr(r->addr.from.domain));
	json_object_set_new(from, "org_domain", jstr(r->addr.from.org_domain));
	json_object_set_new(o, "from", from);
	json_object_set_new(origin, "ip", jstr(oh ? oh->ip : NULL));
	json_object_set_new(origin, "helo", jstr(oh ? oh->helo : NULL));
	json_object_set_new(origin, "rdns", jstr(oh && oh->rdns_state == RDNS_NAME ? oh->rdns : NULL));
	json_object_set_new(origin, "country", oh && r->origin_geo.country[0] ? jstr(r->origin_geo.country) : json_null());
	json_object_set_new(origin, "asn", oh && r->origin_geo.asn ? json_integer((json_int_t)r->origin_geo.asn) : json_null());
	json_object_set_new(origin, "as_org", jstr(oh ? r->origin_geo.as_org : NULL));
	json_object_set_new(origin, "hop", oh ? json_integer(r->origin + 1) : json_null());
	json_object_set_new(o, "origin", origin);
	if (r->submitted.trust != SUBMITTER_NONE) {
		json_t *sub = json_object();
		const struct geoip_info *g = &r->submitted_geo;

		json_object_set_new(sub, "ip", jstr(r->submitted.ip));
		json_object_set_new(sub, "source", jstr(r->submitted.source));
		json_object_set_new(sub, "where", jstr(r->submitted.where));
		json_object_set_new(sub, "trust", jstr(submitter_trust_name(r->submitted.trust)));
		json_object_set_new(sub, "country", g->country[0] ? jstr(g->country) : json_null());
		json_object_set_new(sub, "asn", g->asn ? json_integer((json_int_t)g->asn) : json_null());
		json_object_set_new(sub, "as_org", jstr(g->as_org));
		json_object_set_new(o, "submitted_from", sub);
	} else
		json_object_set_new(o, "submitted_from", json_null());
	json_object_set_new(auth, "spf", r->auth.spf ? jstr(authres_result_name(r->auth.spf)) : json_null());
	json_object_set_new(auth, "dkim", r->auth.dkim ? jstr(authres_result_name(r->auth.dkim)) : json_null());
	json_object_set_new(auth, "dmarc", r->auth.dmarc ? jstr(authres_result_name(r->auth.dmarc)) : json_null());
	json_object_set_new(auth, "aligned", json_boolean(r->auth.aligned_pass));
	json_object_set_new(auth, "authserv_id", jstr(r->auth.authserv_id));
	json_object_set_new(o, "auth", auth);
	json_object_set_new(o, "links", links_json(r));
	json_object_set_new(o, "brand", brand_json(r));
	json_object_set_new(o, "bulk", bulk_json(r));
	for (size_t i = 0; i < r->findings.n; i++) {
		const struct finding *fd = &r->findings.v[i];
		json_t *jf = json_object();
		json_object_set_new(jf, "id", json_string(finding_name(fd->id)));
		json_object_set_new(jf, "severity", json_string(severity_name(fd->severity)));
		json_object_set_new(jf, "where", jstr(fd->where));
		json_object_set_new(jf, "span", fd->span_start >= 0 ?
		    json_pack("[II]", (json_int_t)fd->span_start, (json_int_t)fd->span_end) : json_null());
		json_object_set_new(jf, "title", jstr(finding_title(fd->id)));
		json_object_set_new(jf, "evidence", jstr(fd->evidence));
		json_object_set_new(jf, "weight", json_integer(fd->weight));
		json_array_append_new(findings, jf);
	}
	json_object_set_new(o, "findings", findings);
	{
		json_t *doms = json_array(), *hosts = json_array(), *net = json_object();
		static const char *const st[] = { "unknown", "found", "not_found", "failed" };

		for (size_t i = 0; i < r->ndomains; i++) {
			const struct domain_fact *d = &r->domains[i];
			char *reg = d->age.status == DOMAINAGE_FOUND ? date_text(d->age.registered) : NULL;
			json_t *jd = json_object();
			json_object_set_new(jd, "domain", jstr(d->domain));
			json_object_set_new(jd, "from", json_boolean(d->from));
			json_object_set_new(jd, "link", d->link > 0 ? json_integer(d->link) : json_null());
			json_object_set_new(jd, "status", json_string(st[d->age.status]));
			json_object_set_new(jd, "registered", jstr(reg));
			json_object_set_new(jd, "age_days", reg != NULL && r->when != 0 ?
			    json_integer(domainage_days(d->age.registered, r->when)) : json_null());
			json_object_set_new(jd, "source", jstr(d->age.source));
			json_object_set_new(jd, "detail", jstr(d->age.detail));
			json_array_append_new(doms, jd);
			free(reg);
		}
		json_object_set_new(o, "domains", doms);
		for (size_t i = 0; i < r->nhosts; i++) {
			const struct host_fact *h = &r->hosts[i];
			json_t *jh = json_object();
			json_object_set_new(jh, "link", json_integer(h->link));
			json_object_set_new(jh, "host", jstr(h->host));
			json_object_set_new(jh, "ip", jstr(h->ip));
			json_object_set_new(jh, "country", h->geo.country[0] ? jstr(h->geo.country) : json_null());
			json_object_set_new(jh, "asn", h->geo.asn ? json_integer((json_int_t)h->geo.asn) : json_null());
			json_object_set_new(jh, "as_org", jstr(h->geo.as_org));
			json_object_set_new(jh, "cdn", jstr(h->cdn));
			json_object_set_new(jh, "error", jstr(h->error));
			json_array_append_new(hosts, jh);
		}
		json_object_set_new(o, "link_hosts", hosts);
		json_object_set_new(net, "allowed", json_boolean(r->network));
		json_object_set_new(net, "lookups", json_integer(r->lookups));
		json_object_set_new(o, "network", net);
	}
	for (size_t i = 0; i < r->nhops; i++) {
		const struct hop *h = &r->hops[i];
		json_t *jh = json_object();
		json_object_set_new(jh, "from", jstr(h->from_host));
		json_object_set_new(jh, "helo", jstr(h->helo));
		json_object_set_new(jh, "rdns", jstr(h->rdns_state == RDNS_NAME ? h->rdns :
		    h->rdns_state == RDNS_NONE ? "unknown" : NULL));
		json_object_set_new(jh, "ip", jstr(h->ip));
		json_object_set_new(jh, "country", r->hop_geo != NULL && r->hop_geo[i].country[0] ?
		    jstr(r->hop_geo[i].country) : json_null());
		json_object_set_new(jh, "asn", r->hop_geo != NULL && r->hop_geo[i].asn ?
		    json_integer((json_int_t)r->hop_geo[i].asn) : json_null());
		json_object_set_new(jh, "as_org", jstr(r->hop_geo != NULL ? r->hop_geo[i].as_org : NULL));
		json_object_set_new(jh, "by", jstr(h->by_host));
		json_object_set_new(jh, "with", jstr(h->protocol));
		json_object_set_new(jh, "tls", jstr(h->tls));
		json_object_set_new(jh, "time", h->has_time ? json_integer((json_int_t)h->when) : json_null());
		json_object_set_new(jh, "delay", h->delay >= 0 ? json_integer(h->delay) : json_null());
		json_object_set_new(jh, "trust", json_string(h->trust == HOP_TRUSTED ? "trusted" :
		    h->trust == HOP_ORIGIN ? "origin" : h->trust == HOP_PASSED_OVER ? "passed-over" :
		    "unverifiable"));
		json_object_set_new(jh, "reason", jstr(h->trust_reason));
		json_array_append_new(hops, jh);
	}
	json_object_set_new(o, "hops", hops);
	for (size_t i = 0; i < r->nnotices; i++)
		json_array_append_new(notices, jstr(r->notices[i]));
	json_object_set_new(o, "notices", notices);
	json_object_set_new(o, "score", json_integer(r->score));
	json_object_set_new(o, "link_offsite", json_boolean(r->findings.link_offsite > 0));
	json_object_set_new(o, "verdict", json_string(verdict_name(r->verdict)));
	return o;
}

/*
 * j serialised, with what jansson leaves raw escaped as well: the C1
 * controls U+0080-U+009F (a terminal obeys them as it does ESC, which
 * jansson escapes) and U+2028/U+2029 (line breaks to JavaScript). Both only
 * occur inside strings, so \uXXXX is always valid there. JSON_ENSURE_ASCII
 * would escape every non-ASCII character: Japanese text would be unreadable.
 * Caller frees.
 */
static char *
json_text(json_t *j, size_t flags)
{
	char *s = json_dumps(j, flags);
	struct buf b;

	if (s == NULL)
		return xstrdup("null");
	buf_init(&b);
	buf_adds(&b, "");
	for (const char *p = s; *p != '\0'; p++) {
		unsigned char c = (unsigned char)*p;
		char esc[8];

		if (c == 0xc2 && (unsigned char)p[1] >= 0x80 && (unsigned char)p[1] <= 0x9f) {
			snprintf(esc, sizeof esc, "\\u%04x", (unsigned char)p[1]);
			buf_adds(&b, esc);
			p++;
		} else if (c == 0xe2 && (unsigned char)p[1] == 0x80 &&
		    ((unsigned char)p[2] == 0xa8 || (unsigned char)p[2] == 0xa9)) {
			snprintf(esc, sizeof esc, "\\u%04x", 0x2000 + (unsigned char)p[2] - 0x80);
			buf_adds(&b, esc);
			p += 2;
		} else
			buf_addc(&b, *p);
	}
	free(s);
	return buf_take(&b);
}

void
report_write(FILE *f, const struct report *r, enum report_format fmt)
{
	json_t *j;
	char *s;

	switch (fmt) {
	case REPORT_TEXT:
		write_text(f, r);
		break;
	case REPORT_MARKDOWN:
		write_markdown(f, r);
		break;
	case REPORT_JSON:
		j = report_json(r);
		s = json_text(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		fputs(s, f);
		fputc('\n', f);
		free(s);
		json_decref(j);
		break;
	}
}

char *
report_json_line(const struct report *r)
{
	json_t *j = report_json(r);
	char *out = json_text(j, JSON_COMPACT | JSON_PRESERVE_ORDER);

	json_decref(j);
	return out;
}

/* The scan line from its parts: ids (each once, in order) by number. */
static char *
scan_line(enum verdict v, int score, const char *name, const int *ids, size_t nids, const char *subject)
{
	struct buf b;
	char *subj = report_clean(str_or(subject, ""), 0), *nm = report_clean(name, 0), *line;

	buf_init(&b);
	for (size_t i = 0; i < nids; i++) {
		if (b.len > 0)
			buf_addc(&b, ',');
		buf_adds(&b, finding_name(ids[i]));
	}
	line = xasprintf("%-10s %3d  %s  %s  %s", verdict_name(v), score, nm, b.len > 0 ? b.s : "-", subj);
	buf_free(&b);
	free(subj);
	free(nm);
	return line;
}

char *
report_scan_line(const struct report *r, const char *name)
{
	int seen[F_COUNT] = { 0 }, *ids = xcalloc(F_COUNT, sizeof *ids);
	size_t n = 0;
	char *line;

	for (size_t i = 0; i < r->findings.n; i++)
		if (!seen[r->findings.v[i].id]++)
			ids[n++] = (int)r->findings.v[i].id;
	line = scan_line(r->verdict, r->score, name, ids, n, r->subject);
	free(ids);
	return line;
}

char *
report_scan_line_cached(const struct cache_entry *e, const char *name)
{
	int ids[sizeof e->ids];

	for (size_t i = 0; i < e->nids; i++)
		ids[i] = e->ids[i];
	return scan_line((enum verdict)e->verdict, e->score, name, ids, e->nids, e->subject);
}

char *
report_scan_error_line(const char *name, const char *cause, int json)
{
	char *nm, *c, *line;

	if (json) {
		json_t *j = json_pack("{s:o,s:s,s:o}", "file", jstr(name), "verdict", "error", "error", jstr(cause));

		line = json_text(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
		json_decref(j);
		return line;
	}
	nm = report_clean(name, 0);
	c = report_clean(cause, 0);
	line = xasprintf("%-10s %3s  %s  %s", "error", "-", nm, c);
	free(nm);
	free(c);
	return line;
}
