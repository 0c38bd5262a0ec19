/* lookalike.h — host names that imitate a brand: every label against the brand's names and domain labels. */
#ifndef KENSA_LOOKALIKE_H
#define KENSA_LOOKALIKE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct brands;
struct brand;
struct addresses;
struct findings;

/* How a host imitates a brand, weakest first (a better match replaces a weaker one). */
enum lookalike_kind {
	LOOKALIKE_NONE = 0,
	LOOKALIKE_EDIT,       /* one letter dropped, added, changed, or two swapped ("amazn", "amzaon") */
	LOOKALIKE_AFFIX,      /* the token inside a longer label ("amazon-secure", "jp-amazon", "myamazon") */
	LOOKALIKE_EXACT,      /* the token as a label of another domain ("amazon.example.top") */
	LOOKALIKE_CHARS,      /* the token's skeleton: homoglyphs, digits, rn/vv/cl ("amaz0n", "аmazon") */
	LOOKALIKE_SUBDOMAIN,  /* a whole brand domain in front of another domain ("amazon.co.jp.example.top") */
};

/* One comparison token of a brand, prepared once per registry load (brands.c keeps them per brand). */
struct lookalike_token {
	char *plain;   /* lower-case as in the registry ("amazon", "rakuten-card", "americanexpress") */
	char *fold;    /* lookalike_fold(plain) */
	size_t len;    /* strlen(fold) */
	size_t plen;   /* strlen(plain) */
	uint64_t mask; /* the bytes of fold as a set, to skip most tokens at once */
	bool hyphen;   /* plain holds a '-' */
	bool weak;     /* short (<= 4 letters) or an ordinary word: whole registrable label only */
	bool word;     /* an ordinary word ("apple", "line", "visa"): only look-alike characters count */
};

struct lookalike_match {
	const struct brand *brand;
	enum lookalike_kind kind;
	char *label;       /* the host's label or hyphen part that imitates (Unicode form), or the brand domain */
	char *token;       /* the brand token it imitates */
	char *domain;      /* the brand's first domain, for the evidence */
	char *how;         /* translated: "0→o", "with '-secure' added", "one letter dropped" ... */
	long start, end;   /* byte span of label in the host as passed; -1 when written differently there */
};

/*
 * The comparison form of a label: the UTS #39 skeleton (confusable.h) with
 * the common substitutions folded ("rn" and "m", "vv" and "w", "cl" and "d",
 * 0/o, 1/l/i, 5/s, 3/e), so that "amaz0n", "аmazon" and "arnazon" fold
 * like "amazon". Caller frees.
 */
char *lookalike_fold(const char *s);

/*
 * The tokens of br: the first label of each of its domains and mail domains
 * (and the parts of a hyphenated one that are not ordinary words), and its
 * name when written in Latin letters without spaces ("American Express" ->
 * "americanexpress"). Returns the array (count in *n); free with
 * lookalike_tokens_free().
 */
struct lookalike_token *lookalike_tokens(const struct brand *br, size_t *n);
void lookalike_tokens_free(struct lookalike_token *v, size_t n);

/*
 * Does host (as written: ASCII, punycode or Unicode, any case, ideographic
 * full stops allowed) imitate a brand of b? Each label left of the public
 * suffix, and each hyphen part of it, is compared with every brand token;
 * short tokens and ordinary words only as the whole registrable label. A
 * host whose registrable domain belongs to any brand of b is never a
 * look-alike (unless written with non-ASCII letters that IDNA folds onto
 * it), nor is one of the brands' infrastructure domains (amazonaws.com).
 * On a match fills *out (free with lookalike_match_free) and returns true.
 */
bool lookalike_host(const struct brands *b, const char *host, struct lookalike_match *out);
void lookalike_match_free(struct lookalike_match *m);

/* One line of evidence for m found in host: "amaz0n-secure.top: label 'amaz0n' looks like 'amazon' (0→o); ...". Caller frees. */
char *lookalike_evidence(const struct lookalike_match *m, const char *host);

/* FROM_CONFUSABLE when the From address's domain imitates a brand of b, with the span of the label in the From field. */
void lookalike_check_from(const struct addresses *a, const struct brands *b, struct findings *fs);

#endif
