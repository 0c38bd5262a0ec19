/* confusable.h — UTS #39 confusable skeletons from data/confusables.txt. */
#ifndef KENSA_CONFUSABLE_H
#define KENSA_CONFUSABLE_H

#include <stdbool.h>

/*
 * Load the source -> prototype table from path (lines "XXXX ; YYYY ZZZZ",
 * '#' comments), replacing any table loaded before. Returns 0, or -1 with
 * *cause (caller frees, may be NULL) "FILE: reason" when unreadable, else
 * one "FILE:LINE: reason" per bad line, joined by newlines.
 */
int confusable_load(const char *path, char **cause);

/*
 * Load util_data_path("confusables.txt") now, as confusable_skeleton() does
 * on first use. Returns 0, or -1 with *cause saying why (caller frees).
 */
int confusable_load_default(char **cause);

/*
 * The skeleton of a UTF-8 string (UTS #39 section 4: NFD, each character
 * mapped to its prototype, NFD again), then case-folded so that "PAYPAL",
 * "paypa1" and "pаypal" (Cyrillic а) share one skeleton. Loads
 * util_data_path("confusables.txt") on first use when nothing was loaded
 * (without it only case and compatibility forms are folded). Caller frees.
 */
char *confusable_skeleton(const char *s);

#endif
