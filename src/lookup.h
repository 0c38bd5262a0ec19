/* lookup.h — network lookups (RDAP, DNS) on worker threads, completion signalled through a file descriptor. */
#ifndef KENSA_LOOKUP_H
#define KENSA_LOOKUP_H

#include <stdbool.h>
#include <stddef.h>

#include "domainage.h"

#define LOOKUP_MAX_ADDRS 4

enum lookup_kind { LOOKUP_RDAP, LOOKUP_DNS };

struct lookup_item {
	enum lookup_kind kind;
	char *name;                        /* registrable domain (RDAP) or host name (DNS) */
	/* results, valid once the job is done */
	struct domainage_result age;       /* RDAP */
	char *addrs[LOOKUP_MAX_ADDRS];     /* DNS: numeric addresses */
	int naddrs;
	char *error;                       /* DNS failure, or NULL */
};

struct lookup_job;

/*
 * Start looking up items[0..n-1] (the job takes the array and frees it)
 * on at most 'parallel' worker threads, each query bounded by timeout_ms
 * (RDAP through da, DNS through geoip_resolve). Never blocks. da must
 * outlive the job's workers (the shared context always does).
 */
struct lookup_job *lookup_start(struct domainage *da, struct lookup_item *items, size_t n, int parallel, int timeout_ms);

/* A descriptor that becomes readable when every item is done (poll it from a UI loop). */
int lookup_fd(const struct lookup_job *j);

/* true when every item is done; never blocks. */
bool lookup_done(struct lookup_job *j);

/* Wait until done or timeout_ms passed (-1: no limit). Returns lookup_done(). */
bool lookup_wait(struct lookup_job *j, int timeout_ms);

/* The items; complete only once lookup_done() is true. */
struct lookup_item *lookup_items(struct lookup_job *j, size_t *n);

/*
 * Free the job and its items. If it is not done the workers are detached
 * and finish on their own (each query is bounded), freeing it then.
 */
void lookup_free(struct lookup_job *j);

#endif
