/* phrase.h — the phrase engine shared by the text checks: match stream, phrase lists, fuzzy candidates. */
#ifndef KENSA_PHRASE_H
#define KENSA_PHRASE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <unitypes.h>

/*
 * The match stream: a field NFKC-normalised per grapheme cluster and
 * lower-cased, white space runs squeezed to one space (dropped between two
 * wide characters: Japanese wrapped across lines), default-ignorable code
 * points dropped. Every code point keeps the byte span of the cluster it came
 * from, so a match maps back to the original bytes.
 */
struct nstream {
	ucs4_t *c;
	uint32_t *from, *to;
	size_t n, cap;
};

struct phrase {
	ucs4_t *c;          /* normalised */
	size_t len;
	char *text;         /* as written in the list */
	char *kind;         /* urgency: "deadline", "threat", ...; NULL */
	int threshold;      /* tenths of an edit; 0: exact matches only */
	bool allow_only;    /* "!word": known good, never suggested */
	bool context;       /* "~word": phishing's vocabulary: a near miss counts only inside a phishing phrase, or by look-alikes */
	bool phish;         /* "=words": a phishing phrase, matched word by word around a near miss of a "~" word */
	bool latin_start, latin_end, kata_start, kata_end;
	bool word;          /* Latin letters and digits only: matched through the word index */
};

/* A phrase found in the match stream by phrase_candidates(). */
struct cand {
	uint32_t phrase;
	size_t s, e;        /* [s, e) in the match stream */
	int cost;
	char *edits;        /* "ろ→る, し dropped" */
};

struct cands {
	struct cand *v;
	size_t n, cap;
};

/*
 * Build the match stream of s[0..len) into ns (overwritten; free with
 * phrase_stream_free()).
 */
void phrase_stream_build(struct nstream *ns, const char *s, size_t len);
void phrase_stream_free(struct nstream *ns);

/*
 * Load data/phrases.{ja,en} and data/urgency.{ja,en} and the user's files
 * of the same names, and index them (text_load() in text.h is the public
 * name). Idempotent and thread-safe. Returns 0, or -1 with *cause naming
 * the unreadable file.
 */
int phrase_load(char **cause);

/* Forget the loaded lists. */
void phrase_unload(void);

/* Number of typo phrases and of urgency patterns loaded. */
size_t phrase_count(void);
size_t phrase_urgency_count(void);

/* Typo phrase i (< phrase_count()); the lists must be loaded. */
const struct phrase *phrase_get(size_t i);

/* The "=phrase" entries (phishing phrases): how many, and the i-th. */
size_t phrase_phish_count(void);
const struct phrase *phrase_phish(size_t i);

/*
 * Append to cs the typo phrases found in ns, exactly (cost 0) or within
 * their threshold (cost in tenths of an edit, edits described, the caller
 * frees them).
 */
void phrase_candidates(const struct nstream *ns, struct cands *cs);

/*
 * The longest urgency pattern starting at stream position i ('#' matches a
 * run of digits), its end in *end; NULL if none.
 */
const struct phrase *phrase_urgency_at(const struct nstream *ns, size_t i, size_t *end);

/* a and b are a look-alike pair (る/ろ, l/1, ...) the edit costs treat as cheap. */
bool phrase_lookalike(ucs4_t a, ucs4_t b);

#endif
