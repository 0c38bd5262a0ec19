/* normtext.h — text folded for matching (NFKC, case folding, spaces and zero-width characters dropped) with a map back to the original bytes. */
#ifndef KENSA_NORMTEXT_H
#define KENSA_NORMTEXT_H

#include <stdbool.h>
#include <stddef.h>

#include <unitypes.h>

struct normtext {
	char *s;          /* folded UTF-8, NUL-terminated */
	size_t len;
	size_t *orig;     /* orig[i]: offset in the input of the character that produced s[i]; orig[len] = input length */
	size_t *orig_end; /* orig_end[i]: end offset of that character */
};

/*
 * Fold len bytes of UTF-8 unit by unit through normtext_unit() (NFKC,
 * lower case when fold is true), with white space (incl. U+3000) and every
 * invisible or format character of the unichar table (ZWSP, bidi controls,
 * BOM, SHY, tags...) dropped; each output byte maps back to its unit. Free
 * with normtext_free().
 */
void normtext_fold(const char *text, size_t len, bool fold, struct normtext *out);
void normtext_free(struct normtext *n);

/* Fold a NUL-terminated string; caller frees the result. */
char *normtext_fold_str(const char *s, bool fold);

/* true for the code points normtext_fold drops: white space and the unichar table. */
bool normtext_is_ignorable(unsigned int c);

/* White space: ASCII, NBSP, the U+2000 spaces, U+3000, NEL, LSEP, PSEP. */
bool normtext_is_space(ucs4_t c);

/* The most code points normtext_unit() writes for one unit. */
#define NORMTEXT_UNIT_MAX 64

/*
 * The one normaliser, shared by normtext_fold() (brands, lures) and the
 * phrase engine's match stream (typos, urgency): read the unit at byte i
 * of s (a character and the grapheme extenders after it, UAX #29) and
 * write its normal form to out: NFKC, then each code point lower-cased
 * (simple case mapping) when fold; any white space as ' '; the invisible
 * and format characters of the unichar table, default-ignorables and
 * controls dropped; an invalid byte dropped. Returns the bytes read (at
 * least 1 while i < len), the code points written in *n (0 to
 * NORMTEXT_UNIT_MAX).
 */
size_t normtext_unit(const char *s, size_t len, size_t i, bool fold, ucs4_t *out, size_t *n);

#endif
