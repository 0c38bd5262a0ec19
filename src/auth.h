/* auth.h — which SPF/DKIM/DMARC results to believe, and their alignment with From. */
#ifndef KENSA_AUTH_H
#define KENSA_AUTH_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "authres.h"

struct message;
struct hop;
struct findings;
struct settings;

struct auth_summary {
	enum auth_result spf, dkim, dmarc;
	char *spf_domain;       /* smtp.mailfrom (or smtp.helo) domain the SPF result is for */
	char *dkim_domain;      /* header.d (or header.i domain) of the passing signature, else of the first */
	char *dmarc_from;       /* header.from of the DMARC clause */
	bool spf_aligned;       /* SPF passed for the From organisational domain */
	bool dkim_aligned;      /* DKIM passed for the From organisational domain */
	bool aligned_pass;      /* DMARC pass, or an aligned SPF/DKIM pass */
	char *authserv_id;      /* the id trusted, NULL when the trusted header had none */
	char *trust_reason;     /* why that header was believed (English, translated) */
	bool have_results;      /* some trusted result was found */
	char *spf_clause, *dkim_clause, *dmarc_clause;  /* evidence text of each clause */
	char *spf_where, *dkim_where, *dmarc_where;     /* "header:Authentication-Results[1]" */
	long spf_span[2], dkim_span[2], dmarc_span[2];   /* in that header's decoded value; -1 */
	char **dkim_sig_domains; size_t ndkim_sig_domains; /* d= of every DKIM-Signature */
	size_t nuntrusted;      /* results headers ignored (other authserv-ids) */
	char *missing_excuse;   /* why having no results says nothing (no Received, only private hops, received before 2005); NULL otherwise */
};

/* 2005-01-01 UTC: mail received before it predates SPF (2004-06 drafts, RFC 4408) and DKIM (RFC 4871). */
#define AUTH_ERA_START ((time_t)1104537600)

/*
 * Decide which Authentication-Results to trust and summarise them. Trusted:
 * headers whose authserv-id is configured (cfg->authserv_ids), else the id
 * of the topmost header that matches a "by" host of a hop added by the
 * receiving side, else the topmost header's id. ARC-Authentication-Results
 * with that id are used when no plain header is; Received-SPF (topmost)
 * when no SPF clause was found. from_domain may be NULL.
 */
void auth_evaluate(const struct message *m, const char *from_domain, const struct hop *hops,
    size_t nhops, int origin, const struct settings *cfg, struct auth_summary *out);
void auth_summary_free(struct auth_summary *a);

/*
 * Why a message with no authentication results is not suspect for it, or
 * NULL: it has no Received header (never delivered over SMTP), every hop is
 * on private or loopback addresses (it never crossed the Internet), or the
 * topmost hop (written by the receiving server) and every other timestamp
 * and the Date are before AUTH_ERA_START. A forged Date alone excuses
 * nothing. Caller frees.
 */
char *auth_missing_excuse(const struct message *m, const struct hop *hops, size_t nhops);

/* AUTH_SPF_FAIL, AUTH_DKIM_FAIL, AUTH_DMARC_FAIL, AUTH_MISSING (info-level with a->missing_excuse). */
void auth_check(const struct auth_summary *a, struct findings *fs);

#endif
