/* phone.h — phone numbers in text (Japanese and international forms) and PHONE_NOT_BRAND. */
#ifndef KENSA_PHONE_H
#define KENSA_PHONE_H

#include <stddef.h>

struct brands;
struct brand;
struct findings;

struct phone {
	char *number;     /* normalised: national Japanese form "0120959684", else "+" and digits */
	size_t start, end;/* byte span in the text */
};

/*
 * Find phone numbers in len bytes of UTF-8 text: Japanese numbers of 10 or
 * 11 digits starting with 0 ("0120-959-684", "0120 959 684", "03(1234)5678",
 * full-width digits and hyphens, the long-vowel mark used as a hyphen), and
 * international ones starting with "+" ("+81 120 959 684" becomes
 * "0120959684"). Digits glued to letters or other digits, dates and postal
 * codes are not numbers. Returns the count (at most max) with records in
 * out (free each number).
 */
size_t phone_find(const char *text, size_t len, struct phone *out, size_t max);

/* Normalise one number as phone_find does; NULL when it is not a phone number. Caller frees. */
char *phone_normalise(const char *s);

/*
 * PHONE_NOT_BRAND for each distinct number in the body that is not one of
 * the claimed brand's group's numbers, when that group lists any. skip
 * (nskip pairs of start/end) are body spans not to read (link URLs).
 */
void phone_check(const char *body, size_t len, const struct brands *b, const struct brand *claimed,
    const long (*skip)[2], size_t nskip, struct findings *fs);

#endif
