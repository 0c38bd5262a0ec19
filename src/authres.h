/* authres.h — Authentication-Results (RFC 8601), ARC-Authentication-Results (RFC 8617), Received-SPF (RFC 7208 §9.1), DKIM-Signature tags. */
#ifndef KENSA_AUTHRES_H
#define KENSA_AUTHRES_H

#include <stddef.h>

enum auth_result {
	AUTH_UNKNOWN = 0, /* no result seen */
	AUTH_PASS,
	AUTH_FAIL,
	AUTH_SOFTFAIL,
	AUTH_NEUTRAL,
	AUTH_NONE,
	AUTH_TEMPERROR,
	AUTH_PERMERROR,
	AUTH_POLICY,
	AUTH_OTHER        /* any other keyword, kept in result_str */
};

struct ar_prop {
	char *ptype;      /* "smtp", "header", "body", "policy" */
	char *property;   /* "mailfrom", "from", "d", "i", "s", "b" */
	char *value;      /* unquoted; comments removed */
};

struct ar_clause {
	char *method;     /* lower-case: "spf", "dkim", "dmarc", "arc", "iprev", "auth", "compauth", ... */
	enum auth_result result;
	char *result_str; /* lower-case keyword as written */
	char *comment;    /* text of the first comment after the result, or NULL */
	char *reason;     /* reason= value, or NULL */
	struct ar_prop *props;
	size_t nprops;
};

struct ar_header {
	char *authserv_id; /* NULL when absent (Exchange Online writes none) */
	int version;       /* authserv-id version, 1 if not given */
	int instance;      /* ARC i= value; 0 for plain Authentication-Results */
	int none;          /* "; none" : no results */
	struct ar_clause *clauses;
	size_t nclauses;
};

/*
 * Parse an Authentication-Results value (arc != 0: ARC-Authentication-Results,
 * which starts with "i=N;"). Lenient about real-world breakage: missing
 * authserv-id, missing ';' between clauses, comments anywhere, quoted values.
 * Returns 0, or -1 with *cause (caller frees) when nothing could be parsed.
 */
int authres_parse(const char *value, int arc, struct ar_header *out, char **cause);
void authres_free(struct ar_header *h);

/* Look up a property of a clause: authres_prop(c, "smtp", "mailfrom"); NULL if absent. */
const char *authres_prop(const struct ar_clause *c, const char *ptype, const char *property);

enum auth_result authres_result_from_string(const char *s);
const char *authres_result_name(enum auth_result r); /* "pass", "fail", ... , "" for UNKNOWN */

struct received_spf {
	enum auth_result result;
	char *result_str;
	char *client_ip;      /* client-ip= */
	char *envelope_from;  /* envelope-from= */
	char *helo;           /* helo= */
	char *receiver;       /* receiver= or the host in the comment "(host: ...)" */
	char *comment;
};
int received_spf_parse(const char *value, struct received_spf *out, char **cause);
void received_spf_free(struct received_spf *s);

/* The d= and s= tags of a DKIM-Signature value (RFC 6376 §3.5); each NULL if absent. Returns 0 or -1. */
int dkim_signature_tags(const char *value, char **d, char **s);

#endif
