/* submitter.h — the client behind a webmail or submission server: X-Originating-IP and the like, webmail and authenticated Received hops. */
#ifndef KENSA_SUBMITTER_H
#define KENSA_SUBMITTER_H

#include <stddef.h>

struct message;
struct hop;

/* Who wrote the statement, and so how far it can be believed. */
enum submitter_trust {
	SUBMITTER_NONE = 0,       /* nothing found */
	SUBMITTER_RECEIVING,      /* written by the receiving side (above the origin) */
	SUBMITTER_ORIGIN,         /* written by the origin server, the one that handed the mail to the receiving side */
	SUBMITTER_CLAIMED         /* written further back, by the sender's side: as claimed */
};

struct submitter {
	char ip[48];              /* canonical address text; empty when trust == SUBMITTER_NONE */
	enum submitter_trust trust;
	char *source;             /* "X-Originating-IP", "Received[3] with HTTP", ... */
	char *where;              /* "header:X-Originating-IP", "header:Received[3]" */
};

/*
 * Find the address the message was submitted from, behind a webmail or
 * submission server: X-Originating-IP, X-Sender-IP,
 * X-MS-Exchange-CrossTenant-OriginalAttributedTenantConnectingIp
 * ("TenantId=...;Ip=[1.2.3.4];Helo=[...]"), and Received hops below the
 * origin made "with HTTP(S)" (webmail) or "with ESMTPA/ESMTPSA"
 * (authenticated submission). Private, loopback and unparsable addresses,
 * and the origin's own address, are skipped.
 *
 * Who wrote a header is read from where it sits: one that sits directly
 * under the topmost k Received headers was there when the host that wrote
 * Received[k] took the message, so it was written by that hop's client or
 * before it. Written above the origin's client: the receiving side; by the
 * origin's client (the hop below the origin, or a header right under the
 * origin's Received): the origin server; further down: as claimed. When
 * the message's Received headers and hops[] do not line up (a header
 * failed to parse), header positions count as claimed. The best-trusted
 * statement wins, the topmost among equals. hops may be NULL (nhops 0),
 * origin -1. Fills *out (free with submitter_free); returns 0 if found,
 * -1 if not.
 */
int submitter_find(const struct message *m, const struct hop *hops, size_t nhops, int origin,
    struct submitter *out);
void submitter_free(struct submitter *s);

/* "receiving-side", "origin-server", "claimed" or NULL: the JSON and report word. */
const char *submitter_trust_name(enum submitter_trust t);

#endif
