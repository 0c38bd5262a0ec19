/* randname.h — does a Latin display name look machine-generated ("xkqjzvbw", "Qwhtrplm Zxcv", "aBcDeFgH")? */
#ifndef KENSA_RANDNAME_H
#define KENSA_RANDNAME_H

#include <stdbool.h>

/*
 * true when name (UTF-8) reads as random letters rather than a name, a
 * word, an acronym or a product: every word of four letters or more is
 * improbable by its letter bigrams (English, romaji and European names:
 * src/randname-table.h) and one of six or more is very much so with few
 * vowels, or a word switches case at every other letter. Names with
 * non-ASCII letters, an '@', or more than three words are never random.
 */
bool randname_check(const char *name);

/* Surprise of one word (ASCII letters, any case): mean bits beyond 6 per letter of its bigrams, x100. */
int randname_surprise(const char *word, size_t len);

#endif
