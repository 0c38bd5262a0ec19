/* claim.h — the brand a message claims to come from, and the sender findings that follow from it. */
#ifndef KENSA_CLAIM_H
#define KENSA_CLAIM_H

#include <stdbool.h>
#include <stddef.h>

#include "address.h"

struct message;
struct addresses;
struct auth_summary;
struct brands;
struct brand;
struct findings;

/* Where a claim was read, strongest first. */
enum claim_source {
	CLAIM_NONE = 0,
	CLAIM_FROM_NAME,     /* the From display name */
	CLAIM_SUBJECT,       /* 【Amazon】 or a leading "SMARTalk:" */
	CLAIM_COPYRIGHT,     /* "© 2026 Amazon.com, Inc." */
	CLAIM_SIGNATURE,     /* a short body line mostly made of the name: "三井住友カード株式会社" */
	CLAIM_TITLE,         /* HTML <title> */
	CLAIM_ALT,           /* HTML <img alt> */
	CLAIM_FROM_DOMAIN,   /* no name anywhere, but From is on the brand's mail domains */
};

struct brand_claim {
	const struct brand *brand;   /* NULL: no claim */
	enum claim_source source;
	char *where;                 /* "header:From", "header:Subject", "body", "html:title", "html:alt" */
	long start, end;             /* byte span in the decoded header value or rendered body; -1 */
	char *text;                  /* the name as written */
};

/*
 * Find the claim of m: the first of the sources above that names a brand
 * of b. Body, title and alt claims are not read from mailing-list posts
 * and delivery reports (they quote other people's mail). Free with
 * claim_free().
 */
void claim_find(const struct message *m, const struct addresses *a, const struct brands *b,
    struct brand_claim *out);
void claim_free(struct brand_claim *c);

/* The name of a claim source for JSON ("from-name", "subject", ...). */
const char *claim_source_name(enum claim_source s);

/*
 * FROM_BRAND_MISMATCH (the From organisational domain is not among the
 * claimed brand's group's mail domains, services or non-mailbox web
 * domains), BRAND_VERIFIED (it is, and DKIM or DMARC passed aligned),
 * FROM_RANDOM_NAME and GREETING_IS_ADDRESS. Returns true when
 * BRAND_VERIFIED was raised.
 */
bool claim_check_sender(const struct brand_claim *c, const struct message *m, const struct addresses *a,
    const struct auth_summary *auth, const struct brands *b, struct findings *fs);

/* true when the From domain host (any case) is a sending domain of br's group. */
bool claim_from_is_brand(const struct brands *b, const struct brand *br, const char *host);

/* true when org is a mailbox provider's domain (gmail.com, yahoo.co.jp): an address there proves nothing about a brand or list. */
bool claim_mailbox_domain(const char *org);

/* true when a display name looks machine-generated ("u2zckmmpc"), not a name or handle. */
bool claim_random_name(const char *name);

/*
 * Find a greeting that uses one of the recipient addresses (or its
 * distinctive local part) as the name, in the first lines of body:
 * "taro@example.com 様", "Dear taro@example.com". Returns true with the
 * byte span of the address or local part.
 */
bool claim_greeting_address(const char *body, size_t len, char *const *recipients, size_t nrecipients,
    size_t *start, size_t *end);

/*
 * Does from's display name hold an address on another registrable domain
 * than from's own ("support@paypal.com" <x@evil.example>)? Returns true with
 * the byte span of that address in the display name. One of the recipients'
 * addresses counts whatever its domain. Mailing lists' "x via List" names are
 * not counted.
 */
bool claim_name_address(const struct address *from, char *const *recipients, size_t nrecipients,
    size_t *start, size_t *end);

/*
 * Does subject name one of the recipient addresses in full ("taro@example.com,
 * your reward")? Returns true with the byte span of the address in subject.
 */
bool claim_subject_address(const char *subject, char *const *recipients, size_t nrecipients,
    size_t *start, size_t *end);

#endif
