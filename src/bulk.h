/* bulk.h — evidence that a message is bulk or mailing-list mail: List-* headers, Precedence, mailing services. */
#ifndef KENSA_BULK_H
#define KENSA_BULK_H

#include <stdbool.h>
#include <stddef.h>

struct message;
struct addresses;

#define BULK_MAX_LIST_HOSTS 8

struct bulk_evidence {
	bool list_unsubscribe;   /* List-Unsubscribe present */
	bool one_click;          /* List-Unsubscribe-Post: List-Unsubscribe=One-Click (RFC 8058) */
	char *precedence;        /* "bulk", "list" or "junk" from Precedence, else NULL */
	bool feedback_id;        /* Feedback-ID present (the ESP's complaint-loop tag) */
	bool mailing_list;       /* discussion-list headers: List-Id, List-Post, Mailman, Google Groups, ... */
	char *list_name;         /* how the list names itself (List-Id, X-Mailing-List, ...), or NULL */
	char *list_hosts[BULK_MAX_LIST_HOSTS]; /* lower-case host names of the list (List-Id, List-Post, Sender, ...) */
	size_t nlist_hosts;
	bool from_rewritten;     /* the list put its own address in From ("X via List", X-Original-From) */
	char *esp;               /* mailing service name (data/mailing-services.txt), or NULL */
	char *esp_domain;        /* the domain it was recognised by */
	const char *esp_via;     /* "DKIM", "Return-Path", "Message-ID", "Feedback-ID" (static) */
};

/*
 * Collect the bulk and mailing-list evidence of m (a: its collected
 * addresses). Never fails; free with bulk_evidence_free.
 */
void bulk_collect(const struct message *m, const struct addresses *a, struct bulk_evidence *out);
void bulk_evidence_free(struct bulk_evidence *b);

/* true when b holds any evidence at all. */
bool bulk_any(const struct bulk_evidence *b);

/*
 * One short line for the report and the TUI: "list-unsubscribe
 * (one-click), precedence bulk, ESP SendGrid (DKIM)". NULL when there is
 * no evidence; caller frees.
 */
char *bulk_summary(const struct bulk_evidence *b);

/*
 * Load data/mailing-services.txt (else done on first use). Returns 0, or -1
 * with *cause naming the unreadable file or its bad lines (caller frees).
 */
int bulk_load(char **cause);

/*
 * The mailing service whose domain host is on (its registrable domain or
 * the host itself matched against data/mailing-services.txt), or NULL.
 * The string is static (the table lives as long as the process).
 */
const char *bulk_esp_of(const char *host);

/*
 * true when host (a domain of Return-Path, Reply-To, From, Message-ID) is
 * the list's: same registrable domain as one of b->list_hosts; on a mailbox
 * provider (groups.msn.com, googlegroups.com is not one) only a host below
 * the provider's own domain counts, so that "x@gmail.com" never passes for
 * a list.
 */
bool bulk_is_list_host(const struct bulk_evidence *b, const char *host);

#endif
