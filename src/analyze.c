/* analyze.c — one pass of every check over a message: the report both the TUI and the batch commands show. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "domain.h"
#include "i18n.h"
#include "message.h"
#include "settings.h"
#include "spamtag.h"
#include "text.h"
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
	if (total > MAX_HOPS)
		add_notice(r, xasprintf(_("analysis capped: %zu Received headers, first %d read"), total, MAX_HOPS));
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
	if (o->ip != NULL && o->rdns_state == RDNS_NONE)
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

	auth_evaluate(r->msg, r->addr.from.domain, r->hops, r->nhops, r->origin, cfg, &r->auth);
	spamtag_check(r->msg, &r->findings);
	address_check(&r->addr, &r->auth, &r->findings);
	origin_check(r);
	auth_check(&r->auth, &r->findings);
	{
		char *cause = NULL;

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
		free(cause);
	}
	r->score = findings_score(&r->findings, &r->verdict);
}

struct report *
analyze_message(struct message *m, const struct settings *cfg)
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
	parse_hops(r);
	if (cfg != NULL && cfg->boundary_override >= 0)
		r->origin = cfg->boundary_override;
	run_checks(r, cfg);
	return r;
}

void
analyze_set_origin(struct report *r, const struct settings *cfg, int origin)
{
	r->origin = origin < 0 ? -2 : origin;
	run_checks(r, cfg);
}

int
analyze_file(const char *path, const struct settings *cfg, struct report **out, char **cause)
{
	struct message *m;

	*out = NULL;
	if (message_load_file(path, &m, cause) != 0)
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
	for (size_t i = 0; i < r->nhops; i++)
		received_hop_free(&r->hops[i]);
	free(r->hops);
	auth_summary_free(&r->auth);
	findings_free(&r->findings);
	for (size_t i = 0; i < r->nnotices; i++)
		free(r->notices[i]);
	free(r->notices);
	free(r);
}
