/* analyze.h — run every check over a message and return one report. */
#ifndef KENSA_ANALYZE_H
#define KENSA_ANALYZE_H

#include <stddef.h>
#include <time.h>

#include "address.h"
#include "auth.h"
#include "bulk.h"
#include "claim.h"
#include "domainage.h"
#include "findings.h"
#include "geoip.h"
#include "received.h"
#include "submitter.h"

struct message;
struct settings;
struct lookup_job;

/* A registrable domain the message names (From, links) and what is known of its age. */
struct domain_fact {
	char *domain;             /* registrable domain, lower case */
	bool from;                /* the From address's domain */
	int link;                 /* number of the first link to it, 0 none */
	struct domainage_result age;
};

/* A link host's address and network: IP literals always, names with network use. */
struct host_fact {
	char *host;               /* as in the link, lower case */
	int link;                 /* link number */
	char *ip;                 /* the literal, or the first address the name resolved to; NULL if unresolved */
	struct geoip_info geo;
	const char *cdn;          /* CDN network name (static) or NULL */
	char *error;              /* why resolution failed, or NULL */
};

struct report {
	char *file;               /* as given */
	struct message *msg;      /* owned */
	char *subject;            /* decoded, or NULL */
	char *date;               /* Date header as written, or NULL */
	time_t when;              /* parsed Date, 0 if none */
	struct addresses addr;
	struct bulk_evidence bulk;         /* List-*, Precedence, mailing service (bulk.h) */
	struct hop *hops; size_t nhops;   /* Received, topmost first */
	int origin;               /* index into hops, -1 none */
	struct auth_summary auth;
	struct findings findings;
	int score;
	enum verdict verdict;
	char **notices; size_t nnotices;   /* capped analysis, parse problems */
	struct link *links; size_t nlinks; /* every link of the body (url.h), in order */
	struct brand_claim claim;          /* the brand the message claims (claim.h); brand NULL if none */
	/* GeoIP and domain age */
	struct geoip_info origin_geo;      /* of hops[origin].ip */
	struct geoip_info *hop_geo;        /* one per hop (public client IPs only), or NULL */
	struct submitter submitted;        /* the client behind a webmail or submission server (submitter.h) */
	struct geoip_info submitted_geo;   /* of submitted.ip */
	struct domain_fact *domains; size_t ndomains;
	struct host_fact *hosts; size_t nhosts;
	bool network;             /* network lookups were allowed */
	unsigned lookups;         /* RDAP and DNS queries made for this report */
	struct lookup_job *pending;        /* lookups still running (analyze_message_async) */
};

/*
 * Load path ("-" for stdin) and analyse it. Returns 0 with *out set (free
 * with report_free), or -1 with a one-line *cause naming the reason (the
 * caller adds the file name).
 */
/*
 * Load every data list the checks use (brand registry, phrase, urgency and
 * lure lists, confusables, TLD, shortener, mailing-service, tracker and CDN
 * lists) now rather than on first use. Returns 0, or -1 with *cause (caller
 * frees): one line per missing or unreadable shipped file naming the path
 * looked at (util_data_path()), and per bad line of a list. Callers that
 * start up (kensa report/scan, the TUI) stop on -1: a missing list would
 * otherwise only weaken the verdicts. The user's brands.d problems are left
 * to the reports' notices.
 */
int analyze_load_data(char **cause);

int analyze_file(const char *path, const struct settings *cfg, struct report **out, char **cause);

/* Analyse an already loaded message; takes ownership of m. Never fails. */
struct report *analyze_message(struct message *m, const struct settings *cfg);

/*
 * Like analyze_message, but network lookups (when allowed) are started on
 * worker threads and not waited for: r->pending is set while they run.
 * Poll analyze_pending_fd(r) and call analyze_pending_apply(r, cfg) when it
 * is readable; the findings are then re-run with the answers.
 */
struct report *analyze_message_async(struct message *m, const struct settings *cfg);
/* The descriptor that becomes readable when r's lookups are done; -1 when none are pending. */
int analyze_pending_fd(const struct report *r);
/* If r's lookups are done, take their answers and re-run the checks; returns 1 then, 0 if still running (or none). */
int analyze_pending_apply(struct report *r, const struct settings *cfg);

/*
 * Add ORIGIN_COUNTRY for r's origin when its country is known: info, or low
 * when brand_cc (the claimed brand's home country, ISO code; NULL unknown)
 * differs and the origin is not one of the brand's mailing services'
 * networks. run_checks calls it with the brand registry's answer.
 */
void analyze_origin_country(struct report *r, const char *brand_cc, bool mailing_service);

/* What is known of domain's age in r (NULL if the message does not name it): the link list's hook for "age_days". */
const struct domain_fact *analyze_domain_fact(const struct report *r, const char *domain);

/* Re-run the checks that depend on the trust boundary with hop 'origin' as the origin (-1 = automatic). */
void analyze_set_origin(struct report *r, const struct settings *cfg, int origin);

void report_free(struct report *r);

#endif
