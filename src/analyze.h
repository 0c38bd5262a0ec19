/* analyze.h — run every check over a message and return one report. */
#ifndef KENSA_ANALYZE_H
#define KENSA_ANALYZE_H

#include <stddef.h>
#include <time.h>

#include "address.h"
#include "auth.h"
#include "claim.h"
#include "findings.h"
#include "received.h"

struct message;
struct settings;

struct report {
	char *file;               /* as given */
	struct message *msg;      /* owned */
	char *subject;            /* decoded, or NULL */
	char *date;               /* Date header as written, or NULL */
	time_t when;              /* parsed Date, 0 if none */
	struct addresses addr;
	struct hop *hops; size_t nhops;   /* Received, topmost first */
	int origin;               /* index into hops, -1 none */
	struct auth_summary auth;
	struct findings findings;
	int score;
	enum verdict verdict;
	char **notices; size_t nnotices;   /* capped analysis, parse problems */
	struct link *links; size_t nlinks; /* every link of the body (url.h), in order */
	struct brand_claim claim;          /* the brand the message claims (claim.h); brand NULL if none */
};

/*
 * Load path ("-" for stdin) and analyse it. Returns 0 with *out set (free
 * with report_free), or -1 with a one-line *cause naming the reason (the
 * caller adds the file name).
 */
int analyze_file(const char *path, const struct settings *cfg, struct report **out, char **cause);

/* Analyse an already loaded message; takes ownership of m. Never fails. */
struct report *analyze_message(struct message *m, const struct settings *cfg);

/* Re-run the checks that depend on the trust boundary with hop 'origin' as the origin (-1 = automatic). */
void analyze_set_origin(struct report *r, const struct settings *cfg, int origin);

void report_free(struct report *r);

#endif
