/* brands.h — the brand registry (data/brands.conf and the user's brands.d): names, domains, phones; brand claims in text. */
#ifndef KENSA_BRANDS_H
#define KENSA_BRANDS_H

#include <stdbool.h>
#include <stddef.h>

struct brand {
	char *id;                 /* "[amazon]" */
	char *name;               /* canonical display name */
	char **aliases; size_t naliases;         /* as written in the file (name not repeated) */
	char **domains; size_t ndomains;         /* registrable web domains, lower-case */
	char **mail_domains; size_t nmail_domains;
	char **services; size_t nservices;       /* mailing / tracking services */
	char *parent;             /* id, or NULL */
	char *country;            /* ISO 3166-1 alpha-2, or NULL */
	char **phones; size_t nphones;           /* as written */
	char **domain_skeletons;       /* UTS #39 skeleton of each of domains (confusable.h) */
	char **mail_domain_skeletons;  /* and of each of mail_domains */
	struct lookalike_token *lookalike; size_t nlookalike;  /* comparison tokens (lookalike.h) */
	char *file;               /* where the section came from */
	int line;                 /* its "[id]" line */
};

struct brands;
struct lookalike_token;

/* Which of a brand's domain lists to consult (bit set). */
#define BRAND_WEB      0x1
#define BRAND_MAIL     0x2
#define BRAND_SERVICES 0x4
#define BRAND_ALL      (BRAND_WEB | BRAND_MAIL | BRAND_SERVICES)

/* An empty registry (free with brands_free). */
struct brands *brands_new(void);
void brands_free(struct brands *b);

/*
 * Parse one registry file into b. A section whose id is already in b
 * replaces it (user overrides); new ids add brands. Returns 0, or -1 with
 * *cause (caller frees) "FILE: reason" for an unreadable file, else one
 * "FILE:LINE: reason" per bad line (syntax, unknown key, duplicate key or id
 * within the file) joined by newlines; the file's good sections still load.
 */
int brands_load_file(struct brands *b, const char *path, char **cause);
/* The same from memory; name is used in messages. */
int brands_load_mem(struct brands *b, const char *text, size_t len, const char *name, char **cause);
/* Load every *.conf in dir in name order (a missing dir is not an error). */
int brands_load_dir(struct brands *b, const char *dir, char **cause);

/*
 * The process-wide registry: util_data_path("brands.conf"), then
 * $XDG_CONFIG_HOME/kensa/brands.d (else ~/.config/kensa/brands.d). Loaded
 * once; never NULL (empty when nothing could be read). *cause, when not
 * NULL, receives the load problems of the first call, one a line (caller frees).
 */
const struct brands *brands_default(char **cause);
/* Load that registry now; returns 0, or -1 with *cause (caller frees) for the shipped brands.conf's problems only. */
int brands_load_default(char **cause);

size_t brands_count(const struct brands *b);
const struct brand *brands_get(const struct brands *b, size_t i);
const struct brand *brands_find(const struct brands *b, const char *id);
/* The top of br's parent chain (br itself when it has no known parent). */
const struct brand *brands_root(const struct brands *b, const struct brand *br);
/* true when x and y are one group (same root). */
bool brands_related(const struct brands *b, const struct brand *x, const struct brand *y);

/*
 * true when host (a host name or registrable domain, any case, trailing
 * dot ignored) is one of br's domains or a subdomain of one, looking in the
 * lists selected by what (BRAND_WEB, ...) of br's whole group (its root
 * and every brand under it).
 */
bool brands_owns(const struct brands *b, const struct brand *br, const char *host, int what);

/* The brand whose own domains (web or mail) hold host or a parent domain of it, or NULL. */
const struct brand *brands_lookup_domain(const struct brands *b, const char *host);

/* true when the number (any form brand_phone_norm accepts) is one of br's group's phones. */
bool brands_has_phone(const struct brands *b, const struct brand *br, const char *number);
/* true when br's group lists any phone. */
bool brands_have_phones(const struct brands *b, const struct brand *br);

/*
 * Find the brand named in len bytes of UTF-8 text: aliases compared after
 * NFKC and case folding with spaces and zero-width characters ignored;
 * short upper-case acronyms (ANA, JCB, LINE) only as written; Latin names
 * not inside longer Latin words. The earliest match wins, the longest at
 * one place. Returns the brand with the byte span of the match in text, or
 * NULL. *cover (may be NULL) receives the matched share of the text's
 * non-space characters, in percent.
 */
const struct brand *brands_match(const struct brands *b, const char *text, size_t len,
    size_t *start, size_t *end, int *cover);

/*
 * Check the registry for what a file test must refuse: a domain listed by
 * two brands that are not one group, a domain that is not a registrable
 * domain per the Public Suffix List, a parent id that does not exist, a
 * brand without names or domains. Returns the number of problems, each
 * appended to *problems (caller frees each and the array).
 */
size_t brands_validate(const struct brands *b, char ***problems, size_t *nproblems);

#endif
