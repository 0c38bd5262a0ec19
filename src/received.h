/* received.h — Received: header parsing (RFC 5321 §4.4 and the formats seen in the wild) and origin choice. */
#ifndef KENSA_RECEIVED_H
#define KENSA_RECEIVED_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

enum rdns_state {
	RDNS_NOT_STATED = 0, /* the header does not say */
	RDNS_NONE,           /* no reverse name: "unknown", Exim "from [ip]", Sendmail/Courier "from HELO ([ip])", "(may be forged)" */
	RDNS_NAME            /* rdns holds the name the MTA found */
};

enum hop_trust {
	HOP_TRUSTED = 0,     /* added by and received from the receiving side */
	HOP_ORIGIN,          /* added by the receiving side; its from-IP is the origin */
	HOP_UNVERIFIABLE,    /* below the origin: written by the sender, may be forged */
	HOP_PASSED_OVER      /* above the origin, but its client stated no address: not vouched for, not the origin */
};

struct hop {
	char *raw;           /* unfolded header value, white space squeezed */
	char *from_host;     /* the name right after "from" as written (may be HELO), or NULL */
	char *helo;          /* HELO/EHLO name: qmail "(HELO x)", Exim "helo=x", or from_host where the format makes it the HELO; NULL if unknown */
	char *rdns;          /* reverse name written by the receiving MTA, when rdns_state == RDNS_NAME; with RDNS_NONE the name Sendmail marked "(may be forged)", else NULL; trailing dot removed */
	enum rdns_state rdns_state;
	bool rdns_unconfirmed; /* qmail, Obtuse: the name came from a PTR lookup nobody checked forward; shown, never trusted */
	char *ip;            /* client IP from the TCP-info part only (never from HELO); IPv4-mapped IPv6 given as IPv4; NULL if none */
	int ip_family;       /* 0 none, 4, 6 */
	char *by_host;       /* name (or address, e.g. Gmail "2002:a05:...") after "by" */
	char *protocol;      /* "with" word(s): SMTP, ESMTPS, ESMTPSA, LMTP, HTTPS, "Microsoft SMTP Server" */
	char *tls;           /* TLS details if stated: "TLS1_2 ECDHE-..." or "version=TLS1_2 cipher=..."; NULL if none */
	char *id;            /* "id" value (Exchange "15.20.6792.27" is an id, not an IP) */
	char *for_addr;      /* "for <addr>" without brackets */
	bool has_time;
	time_t when;         /* timestamp after the last ';', UTC */
	long delay;          /* seconds since the previous (older) hop; -1 unknown (set by received_chain) */
	enum hop_trust trust;
	char *trust_reason;  /* one English sentence, e.g. "from 127.0.0.1: loopback" (set by received_chain) */
};

/*
 * Parse one Received: header value (unfolded or folded, raw bytes). Never
 * fails on odd input: fields it cannot find stay NULL. Returns 0, or -1 with
 * *cause (caller frees) only when value is empty or not a Received header at all.
 */
int received_parse(const char *value, struct hop *out, char **cause);
void received_hop_free(struct hop *h);

/*
 * Check one trusted_relays entry and write its canonical form to *norm
 * (caller frees): an address ("192.0.2.7", "2001:db8::7"), a CIDR prefix,
 * IPv4 short forms padded ("10/8" -> "10.0.0.0/8", "1.2/16" ->
 * "1.2.0.0/16"), IPv6 prefixes, a host name ("mx.example.com") or a
 * domain (".example.org": any host under it); "!" before any of these
 * makes it an exclusion. Returns 0, or -1 with *cause (caller frees).
 */
int received_relay_parse(const char *entry, char **norm, char **cause);

struct received_config {
	const char *const *trusted_relays; /* entries as received_relay_parse() writes them; "!x" excludes x, before any other rule */
	size_t ntrusted_relays;
	int boundary_override;             /* -1 auto; else the hop index chosen as origin by the user */
};

/*
 * Decide trust for hops[0..n-1] (hops[0] = topmost header, newest): hops
 * are trusted from the top while the client that handed the message over is
 * on the receiving side (private/loopback/link-local address, a configured
 * trusted relay, no "from" part (local submission), or a host name in the
 * same organisational domain as the receiving side's "by" hosts with
 * continuity by -> next from). A HELO never counts: a client that greets
 * with the receiver's own name stays outside. The first hop whose client is
 * not trusted is the origin; the hops below it are unverifiable; hops above
 * it whose client stated no address are HOP_PASSED_OVER. Sets trust, trust_reason
 * and delay on every hop. Returns the origin index, or -1 if none (all trusted).
 */
int received_chain(struct hop *hops, size_t n, const struct received_config *cfg);

/* Parse an RFC 5322 date (lenient: missing weekday, seconds, zone names like JST/PST, 2-digit years). Returns 0 and sets *out (UTC), or -1. */
int received_parse_date(const char *s, time_t *out);

/* true for RFC 1918, loopback, link-local, CGNAT, ULA, ::1, IPv4-mapped of those. */
bool ip_is_private(const char *ip);

#endif
