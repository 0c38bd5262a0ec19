/* lure.h — scams that name no brand: advance fee, prizes, crypto, callback numbers, document and mailbox notices, free-mail replies. */
#ifndef KENSA_LURE_H
#define KENSA_LURE_H

#include <stdbool.h>
#include <stddef.h>

struct message;
struct addresses;
struct auth_summary;
struct link;
struct brands;
struct findings;

/* One number found by lure_find_phones(): byte span in the text, normalised digits. */
struct lure_phone {
	char number[24];  /* "0120959684", "+14155550100" */
	size_t start, end;
};

/*
 * Load data/lures.{en,ja} and data/freemail.txt (util_data_path()) and the
 * user's files of the same names in $XDG_CONFIG_HOME/kensa/ (else
 * ~/.config/kensa/), which extend them. Idempotent and thread-safe.
 * Returns 0, or -1 with *cause (caller frees): "PATH: reason" for each
 * unreadable file and "PATH:LINE: reason" for each bad line, one a line.
 */
int lure_load(char **cause);
/* Forget the loaded lists (the next call loads them again); for tests. */
void lure_unload(void);
/* Number of vocabulary entries and free-mail domains loaded; for tests. */
size_t lure_vocab_count(void);
size_t lure_freemail_count(void);

/* true when domain (any case) is a free-mail provider's: listed exactly; "yahoo.*" entries match any public suffix. */
bool lure_is_freemail(const char *domain);

/*
 * Phone numbers in len bytes of text: Japanese and "+" international forms
 * (phone_find()) and North American ones ("1-888-555-0100", "(888)
 * 555-0100", "+1 808 555 0100"). Returns the count (at most max).
 */
size_t lure_find_phones(const char *text, size_t len, struct lure_phone *out, size_t max);

/*
 * Money amounts in len bytes of text ("US$10.5 million", "$4,500,000.00",
 * "USD 2.5M", "€1,000", "499 dollars", "50,000円", "ten million dollars").
 * Returns how many were found; *first receives the span of the first
 * (may be NULL) and *largest its value in units (millions counted).
 */
size_t lure_find_money(const char *text, size_t len, size_t first[2], double *largest);

/*
 * REPLY_TO_FREEMAIL, LURE_RECIPIENT_DOMAIN, LURE_DOCUMENT, LURE_CALLBACK,
 * LURE_CRYPTO, LURE_ADVANCE_FEE, LURE_PRIZE and PHONE_MOBILE_SUPPORT over
 * m's Subject, From display name and rendered body, with spans into the
 * decoded header value or message.body. links are the message's links
 * (url.h), b the brand registry (vendor domains). Returns 0, or -1 with
 * *cause when a list could not be read (the checks still ran with what
 * loaded). KENSA_NO_LURE=1 turns the module off.
 */
int lure_check(const struct message *m, const struct addresses *a, const struct auth_summary *auth,
    const struct link *links, size_t nlinks, const struct brands *b, struct findings *fs, char **cause);

#endif
