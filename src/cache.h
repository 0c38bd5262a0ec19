/* cache.h — the analysis cache: each message's verdict, score, ids and index columns in LMDB, so a second look costs a stat(). */
#ifndef KENSA_CACHE_H
#define KENSA_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <time.h>

struct cache;
struct settings;
struct report;

/* What is kept of one message: enough to print its scan line and its index row. */
struct cache_entry {
	int verdict;              /* enum verdict */
	int score;
	uint8_t ids[64];          /* finding ids raised (enum finding_id), each once, in report order */
	size_t nids;
	time_t date;              /* parsed Date, 0 if none */
	int worst;                /* worst severity of a finding other than BRAND_VERIFIED + 1, 0 none */
	bool verified;            /* BRAND_VERIFIED raised */
	char *subject;            /* decoded, or NULL */
	char *from;               /* display name, else the address's local part, or NULL */
	char *from_domain;        /* the From address's domain, or NULL */
};

/*
 * Open (creating) the cache file dir/analysis.mdb. fingerprint names what
 * the cached answers were computed with (cache_fingerprint()); when the file
 * holds another fingerprint its entries are dropped. A file that is not a
 * kensa cache, or is corrupt, is moved aside to analysis.mdb.bad-TIME and
 * *notice (caller frees) says so; a fresh file is used. Returns 0, or -1
 * with *cause when no cache can be had (the caller goes on without one).
 */
int cache_open(const char *dir, const char *fingerprint, struct cache **out, char **notice, char **cause);
/* Write what is pending and close; NULL is fine. */
void cache_close(struct cache *c);

/*
 * Look up the message at base (its Maildir base name, flags removed by the
 * caller or not: everything from ":2," on is ignored) with stat st. Returns
 * true and fills *out (free with cache_entry_free) on a hit. Thread-safe.
 */
bool cache_get(struct cache *c, const char *base, const struct stat *st, struct cache_entry *out);
/* Store e for the message; written in batches (and at cache_close). Thread-safe. */
void cache_put(struct cache *c, const char *base, const struct stat *st, const struct cache_entry *e);
/*
 * The same for a message analysed out of turn (the one on screen, ahead of
 * the listing order): held until cache_flush or cache_close, so the entries
 * of a Maildir analysed in delivery order keep appending at the end of the
 * tree (full pages) instead of splitting pages around a newer key.
 */
void cache_put_late(struct cache *c, const char *base, const struct stat *st, const struct cache_entry *e);
/* Fill e from an analysed report (strings copied). */
void cache_entry_from_report(struct cache_entry *e, const struct report *r);
void cache_entry_free(struct cache_entry *e);

/*
 * The process's one cache (LMDB allows one handle per file and process),
 * opened on first use with cfg's fingerprint; NULL when cfg turns it off or
 * it cannot be opened (*notice, when not NULL, then or on a moved-aside file
 * gets one line for the user, once). Closed by cache_shared_close().
 */
struct cache *cache_shared(const struct settings *cfg, char **notice);
void cache_shared_close(void);
/* Write what is pending now (the TUI at quiet moments). */
void cache_flush(struct cache *c);

/* Entries written and hits served so far (for tests and bench). */
void cache_stats(const struct cache *c, size_t *hits, size_t *misses, size_t *writes);

/*
 * What the answers depend on, as a printable hash: kensa's version and
 * binary, the finding ids, every shipped data file, the user's kensa
 * configuration directory, the GeoIP databases and the settings that
 * change an analysis. Caller frees.
 */
char *cache_fingerprint(const struct settings *cfg);

/* The cache directory: $XDG_CACHE_HOME/kensa, else ~/.cache/kensa. Caller frees. */
char *cache_dir(void);

#endif
