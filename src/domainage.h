/* domainage.h — creation date of a registrable domain: local cache, newly-registered-domain lists, RDAP (RFC 9083) when allowed. */
#ifndef KENSA_DOMAINAGE_H
#define KENSA_DOMAINAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

enum domainage_status {
	DOMAINAGE_UNKNOWN = 0,   /* not known locally and not asked (network off) */
	DOMAINAGE_FOUND,         /* registered holds the creation date */
	DOMAINAGE_NOT_FOUND,     /* the registry answered that no such domain exists */
	DOMAINAGE_FAILED         /* the lookup failed: no server, timeout, bad answer */
};

struct domainage_result {
	char *domain;            /* registrable domain, lower case */
	enum domainage_status status;
	time_t registered;       /* when status == DOMAINAGE_FOUND */
	const char *source;      /* "cache", "list", "rdap" (static), or NULL */
	char *detail;            /* the list file, the RDAP URL asked, or why it failed; may be NULL */
};

struct domainage_config {
	const char *cache_dir;   /* NULL: $XDG_CACHE_HOME/kensa, else ~/.cache/kensa */
	char *const *list_dirs;  /* NULL-terminated; NULL: $XDG_DATA_HOME/kensa/new-domains and util_data_path("new-domains") */
	const char *bootstrap;   /* IANA-format RDAP bootstrap file; NULL: util_data_path("rdap-dns.json") */
	const char *fallback_url;/* RDAP base URL for TLDs the bootstrap lacks; NULL or "" none */
	int timeout_ms;          /* per RDAP query; 0: 5000 */
	long ttl_found;          /* seconds a cached answer is trusted; 0: 30 days */
	long ttl_not_found;      /* 0: 1 day */
	long ttl_failed;         /* 0: 1 hour */
};

struct domainage;

/*
 * A lookup context for cfg (strings are copied). Nothing is read until
 * first used; a missing cache, list directory or bootstrap file is not an
 * error. Thread-safe: lookups may run on several threads at once.
 */
struct domainage *domainage_open(const struct domainage_config *cfg);
void domainage_close(struct domainage *da);

/* The process-wide context, opened with cfg on first use (later cfgs ignored); never closed. */
struct domainage *domainage_shared(const struct domainage_config *cfg);

/*
 * Answer from local knowledge only: an unexpired cache entry, else a
 * newly-registered-domain list. Returns 0 with *out filled (FOUND,
 * NOT_FOUND or a cached FAILED), or -1 (out->status UNKNOWN) when nothing
 * local is known. *out is always initialised: free with domainage_result_free.
 */
int domainage_local(struct domainage *da, const char *domain, struct domainage_result *out);

/*
 * Ask RDAP: the server for domain's TLD from the bootstrap file, else the
 * fallback base URL; one HTTP(S) GET of BASE/domain/NAME bounded by the
 * timeout, redirects followed (at most 3, http and https only). The answer,
 * failures included, is cached. Blocking: call it from a worker thread
 * (see lookup.h). Returns 0 (FOUND or NOT_FOUND) or -1 (FAILED, detail says why).
 */
int domainage_rdap(struct domainage *da, const char *domain, struct domainage_result *out);

/* Number of RDAP queries this context has sent. */
unsigned domainage_queries(struct domainage *da);

void domainage_result_free(struct domainage_result *r);

/*
 * Whole days from registration to when (the message date), rounded down;
 * negative when the domain was registered after when. This is the hook the
 * link list uses for its "age_days".
 */
int domainage_days(time_t registered, time_t when);

/*
 * Parse an RDAP domain response (RFC 9083 §4.5 events): the eventDate of
 * the "registration" event. Returns 0 with *registered, or -1 with *cause
 * (caller frees): not JSON, an RDAP error object, no registration event,
 * a date that is not RFC 3339.
 */
int domainage_parse_rdap(const char *json, size_t len, time_t *registered, char **cause);

/* Parse an RFC 3339 date-time ("2026-02-18T03:04:05.123+09:00", or a bare "2026-02-18"). Returns 0 or -1. */
int domainage_parse_time(const char *s, time_t *out);

/* An RDAP bootstrap registry (RFC 9224, the IANA dns.json format). */
struct rdap_bootstrap;

/*
 * Parse a bootstrap file's text. Returns 0 with *out (free with
 * domainage_bootstrap_free), or -1 with *cause (caller frees).
 */
int domainage_bootstrap_parse(const char *json, size_t len, struct rdap_bootstrap **out, char **cause);
void domainage_bootstrap_free(struct rdap_bootstrap *b);
/* The base URL (ending in '/') serving domain: the longest matching label suffix, https preferred; NULL if none. Caller frees. */
char *domainage_bootstrap_url(const struct rdap_bootstrap *b, const char *domain);
/* The file's "publication" date as written, or NULL. */
const char *domainage_bootstrap_date(const struct rdap_bootstrap *b);

#endif
