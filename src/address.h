/* address.h — From, Sender, Reply-To, Return-Path, To, Message-ID: display name and address apart; the mismatch findings. */
#ifndef KENSA_ADDRESS_H
#define KENSA_ADDRESS_H

#include <stdbool.h>
#include <stddef.h>

struct message;
struct findings;
struct auth_summary;
struct bulk_evidence;

struct address {
	char *display;     /* decoded display name, UTF-8, unquoted; NULL if none */
	char *addr;        /* addr-spec as written (no angle brackets); NULL if none */
	char *domain;      /* lower-cased domain of addr, NULL if none */
	char *org_domain;  /* registrable domain (libpsl), NULL if none */
	bool valid;        /* addr has a local part, '@' and a plausible domain */
	bool present;      /* the header exists */
	bool multi_at;     /* addr holds more than one '@' (info@brand.example@evil.example): domain is the last one's */
	long addr_start, addr_end;   /* byte span of addr in the decoded header value; -1 */
	long name_start, name_end;   /* byte span of the display name in it; -1 */
};

struct addresses {
	struct address from, sender, return_path;
	struct address *reply_to; size_t nreply_to;
	struct address *to; size_t nto;
	char *message_id;       /* without angle brackets */
	char *msgid_domain;     /* lower-cased right-hand side */
	char *list_id;          /* List-Id, List-Post, List-Unsubscribe and Mailing-List values joined (a mailing list), or NULL */
	char *list_post;        /* List-Post value, or NULL */
	bool is_report;         /* a delivery or disposition report (multipart/report) */
};

/*
 * Parse the first mailbox of a header value (raw, RFC 2047 words allowed);
 * never fails: a value with no usable address gives valid == false.
 * decoded is the header's decoded value the spans refer to (may be NULL).
 */
void address_parse(const char *raw, const char *decoded, struct address *out);
void address_free(struct address *a);

/* Collect the address headers of m into out (free with addresses_free). */
void addresses_collect(const struct message *m, struct addresses *out);
void addresses_free(struct addresses *a);

/*
 * FROM_ADDRESS_INVALID (also for a From with two '@', which does not stop
 * the other checks: domain is the last '@''s), REPLY_TO_MISMATCH,
 * RETURN_PATH_MISMATCH and MESSAGE_ID_MISMATCH (organisational domains
 * through libpsl). The mismatches are info-level when DMARC or DKIM passes
 * aligned with From, and, with the evidence saying why, when bulk (may be
 * NULL) shows the other domain is the mailing list's (its bounce address,
 * Reply-To set to the list or to the poster when the list rewrote From) or
 * a mailing service's (Return-Path, Message-ID).
 */
void address_check(const struct addresses *a, const struct auth_summary *auth,
    const struct bulk_evidence *bulk, struct findings *fs);

#endif
