/* text.h — what the words say: machine-translation typos, foreign glyphs, mixed scripts, urgency wording, hidden characters. */
#ifndef KENSA_TEXT_H
#define KENSA_TEXT_H

#include <stddef.h>

struct message;
struct addresses;
struct findings;

/* Which checks text_scan() runs over one field. */
#define TEXT_TYPO_CHECK     0x01   /* TEXT_TYPO */
#define TEXT_URGENCY_CHECK  0x02   /* TEXT_URGENCY */
#define TEXT_GLYPH_CHECK    0x04   /* TEXT_FOREIGN_GLYPH */
#define TEXT_SCRIPT_CHECK   0x08   /* TEXT_MIXED_SCRIPT, TEXT_STYLED_LETTERS */
#define TEXT_HIDDEN_CHECK   0x10   /* INVISIBLE_CHARS */
#define TEXT_BIDI_CHECK     0x20   /* BIDI_CONTROL: overrides, embeddings and isolates */
#define TEXT_BIDI_OVERRIDE  0x40   /* BIDI_CONTROL: overrides only (body text, where RTL scripts embed legitimately) */
#define TEXT_JAPANESE       0x80   /* treat the field as Japanese text even if it is short (the body is) */
#define TEXT_VALID_UTF8     0x100  /* s is known to be valid UTF-8 (message.body is): skip the check */
#define TEXT_ALL_CHECKS     0x3f

/*
 * Run the text checks over the decoded Subject, the From and Sender display
 * names, the rendered body and the MIME part file names of m. Findings
 * carry byte spans into the decoded header value ("header:Subject",
 * "header:From"), message.body ("body") or the part's file name
 * ("attachment[N]", N counting named parts from 1). The phrase lists are
 * loaded on first use (text_load()). Returns 0, or -1 with *cause set
 * (caller frees) when a list could not be read; the other checks still ran.
 * KENSA_NO_TEXT=1 in the environment turns the module off (for bench/).
 */
int text_check(const struct message *m, const struct addresses *a, struct findings *fs, char **cause);

/*
 * Run the checks selected by flags over s (len bytes, UTF-8; invalid bytes
 * are tolerated), adding findings with where and spans offset by base.
 */
void text_scan(const char *s, size_t len, const char *where, long base, unsigned flags, struct findings *fs);

/*
 * Load data/phrases.{ja,en} and data/urgency.{ja,en} (util_data_path())
 * and the user's files of the same names in $XDG_CONFIG_HOME/kensa/ (else
 * ~/.config/kensa/), which extend them. Idempotent. Returns 0, or -1 with
 * *cause naming each unreadable file and bad line, one a line (the lists
 * read so far stay loaded).
 */
int text_load(char **cause);

/* Forget the loaded lists (the next call loads them again); for tests. */
void text_unload(void);

/* Number of phrases (typo list) and urgency patterns loaded; for tests. */
size_t text_phrase_count(void);
size_t text_urgency_count(void);

#endif
