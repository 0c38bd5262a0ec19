/* normtext.h — text folded for matching (NFKC, case folding, spaces and zero-width characters dropped) with a map back to the original bytes. */
#ifndef KENSA_NORMTEXT_H
#define KENSA_NORMTEXT_H

#include <stdbool.h>
#include <stddef.h>

struct normtext {
	char *s;          /* folded UTF-8, NUL-terminated */
	size_t len;
	size_t *orig;     /* orig[i]: offset in the input of the character that produced s[i]; orig[len] = input length */
	size_t *orig_end; /* orig_end[i]: end offset of that character */
};

/*
 * Fold len bytes of UTF-8 (invalid bytes are dropped) character by
 * character: NFKC, then case folding when fold is true; white space
 * (incl. U+3000) and every invisible or format character of the unichar
 * table (ZWSP, bidi controls, BOM, SHY, tags...) are dropped. Free with
 * normtext_free().
 */
void normtext_fold(const char *text, size_t len, bool fold, struct normtext *out);
void normtext_free(struct normtext *n);

/* Fold a NUL-terminated string; caller frees the result. */
char *normtext_fold_str(const char *s, bool fold);

/* true for the code points normtext_fold drops. */
bool normtext_is_ignorable(unsigned int c);

#endif
