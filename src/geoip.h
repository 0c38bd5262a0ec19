/* geoip.h — country and network (ASN, operator) of an IP address from MaxMind-format databases, whatever their schema. */
#ifndef KENSA_GEOIP_H
#define KENSA_GEOIP_H

#include <stdbool.h>
#include <stddef.h>

struct geoip;             /* the open databases */

/* What a database (or the set of them) can answer. */
#define GEOIP_COUNTRY 0x1
#define GEOIP_ASN     0x2

struct geoip_info {
	char country[3];      /* ISO 3166-1 alpha-2, upper case; "" when unknown */
	unsigned long asn;    /* autonomous system number; 0 when unknown */
	char *as_org;         /* the network's operator, or NULL */
};

/*
 * Directories searched for *.mmdb, in order: geoip_dir when set (one
 * directory or a ':'-separated list; then nothing else is searched), else
 * $XDG_DATA_HOME/kensa/geoip (~/.local/share/kensa/geoip), /usr/share/GeoIP,
 * /var/lib/GeoIP (where geoipupdate writes) and util_data_path("geoip").
 * Returns a NULL-terminated array; free with geoip_dirs_free.
 */
char **geoip_search_dirs(const char *geoip_dir);
void geoip_dirs_free(char **dirs);

/*
 * Open every readable *.mmdb file in dirs (NULL-terminated), earlier
 * directories answering first. Unreadable or corrupt files are skipped
 * (geoip_problems lists them); no database at all is not an error. Never
 * returns NULL; close with geoip_close.
 */
struct geoip *geoip_open(char *const *dirs);
void geoip_close(struct geoip *g);

/*
 * The process-wide databases for this geoip_dir setting (NULL: the default
 * search), opened on first use, thread-safe, never closed. Later calls
 * return the same set whatever their argument.
 */
struct geoip *geoip_shared(const char *geoip_dir);

/* GEOIP_COUNTRY | GEOIP_ASN: what the open databases can answer. */
int geoip_kinds(const struct geoip *g);

/* Number of open databases, and the path and kinds of database i. */
size_t geoip_count(const struct geoip *g);
const char *geoip_path(const struct geoip *g, size_t i);
int geoip_db_kinds(const struct geoip *g, size_t i);

/* Files that could not be opened, one line each ("FILE: reason"), or NULL. */
const char *geoip_problems(const struct geoip *g);

/*
 * When a kind of database is missing, a translated paragraph saying which
 * and how to get one (kensa-update-geoip, GeoLite2 or DB-IP Lite files,
 * --geoip-dir); NULL when both are present. Caller frees.
 */
char *geoip_missing_hint(const struct geoip *g);

/*
 * Look up ip: IPv4, IPv6 or IPv4-mapped IPv6 ("::ffff:1.2.3.4", looked up
 * as the IPv4 address), with or without brackets or an "IPv6:" prefix.
 * Fields are filled from the first database that has them: country from
 * country.iso_code (GeoLite2/GeoIP2/DB-IP), country_code (ip-location-db,
 * IPinfo Lite) or registered_country.iso_code; ASN from
 * autonomous_system_number or asn ("AS13335" or a number); operator from
 * autonomous_system_organization, as_name or as_org. Returns 0 when
 * anything was found, -1 otherwise (unparsable address included); *out
 * is always initialised: free with geoip_info_free.
 */
int geoip_lookup(const struct geoip *g, const char *ip, struct geoip_info *out);
void geoip_info_free(struct geoip_info *info);

/* "SG · AS150436 Byteplus Pte. Ltd." or NULL when info holds nothing. Caller frees. */
char *geoip_info_text(const struct geoip_info *info);

/*
 * Resolve host to at most max addresses (numeric strings, caller frees each)
 * with getaddrinfo, giving up after timeout_ms (the lookup then finishes
 * on its own thread and is discarded). Returns the count, or -1 with *cause.
 */
int geoip_resolve(const char *host, int timeout_ms, char **addrs, int max, char **cause);

/*
 * When asn is a content-delivery network listed in util_data_path("cdn-asn.txt")
 * ("13335 Cloudflare" per line), the network's name (static); else NULL.
 */
const char *geoip_cdn_name(unsigned long asn);
/* Load that list now (else done on first use). Returns 0, or -1 with *cause saying why (caller frees). */
int geoip_cdn_load(char **cause);

#endif
