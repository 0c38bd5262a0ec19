/* randname.c — random-looking Latin display names: letter-bigram surprise, vowels and case switches. */
#include "config.h"

#include <stddef.h>
#include <string.h>

#include "randname.h"
#include "randname-table.h"

#define MAX_WORDS      3     /* more words than this is a phrase, never random */
#define MIN_WORD       4     /* shorter words (and acronyms up to ACRONYM) say nothing */
#define MIN_STRICT     6     /* the decisive word is at least this long */
#define ACRONYM        6
#define LOOSE          80    /* every word at least this surprising (x100) */

static int
sym(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a';
	return 26;
}

static int
hexval(char c)
{
	return c >= 'a' ? c - 'a' + 10 : c - '0';
}

int
randname_surprise(const char *word, size_t len)
{
	int sum = 0, prev = 26;

	if (len == 0)
		return 0;
	for (size_t i = 0; i <= len; i++) {
		int cur = i < len ? sym(word[i]) : 26, cost = hexval(randname_cost[prev][cur]);
		if (cost > 6)
			sum += cost - 6;
		prev = cur;
	}
	return (int)(sum * 100 / (int)len);
}

static bool
is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static bool
is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || is_upper(c);
}

static bool
is_vowel(char c)
{
	return strchr("aeiouyAEIOUY", c) != NULL;
}

/* "aBcDeFgH": the case changes at nearly every letter (McDonald, iPhone, KetoXplode change less). */
static bool
alternating(const char *w, size_t n)
{
	size_t sw = 0;

	for (size_t i = 1; i < n; i++)
		if (is_upper(w[i]) != is_upper(w[i - 1]))
			sw++;
	return n >= 6 && sw >= 4 && 2 * sw >= n;
}

bool
randname_check(const char *name)
{
	const char *p, *parts[2 * MAX_WORDS + 8];
	size_t lens[2 * MAX_WORDS + 8], nparts = 0, words = 0;
	bool strict = false;

	if (name == NULL)
		return false;
	for (p = name; *p != '\0'; p++)
		if ((unsigned char)*p >= 0x80 || *p == '@')
			return false;
	for (p = name; *p != '\0';) {
		const char *s;
		size_t n;

		if (!is_letter(*p)) {
			p++;
			continue;
		}
		for (s = p; is_letter(*p); p++)
			;
		n = (size_t)(p - s);
		if (++words > MAX_WORDS)
			return false;
		if (alternating(s, n))
			return true;
		/* camel case is read as its parts: "KetoXplode", "MashreqKYC" */
		for (size_t i = 0, start = 0; i <= n; i++) {
			bool cut = i == n || (i > start && is_upper(s[i]) && !is_upper(s[i - 1]));
			if (!cut)
				continue;
			if (nparts < sizeof parts / sizeof parts[0]) {
				parts[nparts] = s + start;
				lens[nparts++] = i - start;
			}
			start = i;
		}
	}
	for (size_t i = 0; i < nparts; i++) {
		const char *w = parts[i];
		size_t n = lens[i], vowels = 0, upper = 0;
		bool one_letter = true;
		int surprise;

		if (n < MIN_WORD)
			continue;
		for (size_t k = 0; k < n; k++) {
			vowels += is_vowel(w[k]);
			upper += is_upper(w[k]);
			if ((w[k] | 0x20) != (w[0] | 0x20))
				one_letter = false;
		}
		/* an acronym (IBM, NTT, KDDI) or a placeholder ("xxxxx") makes the name a real one */
		if ((upper == n && n <= ACRONYM) || one_letter)
			return false;
		surprise = randname_surprise(w, n);
		if (n >= MIN_STRICT && (nparts == 1 ? surprise >= 140 && vowels * 10 <= n * 3 :
		    surprise >= 120 && vowels * 100 <= n * 34))
			strict = true;
		else if (surprise < LOOSE)
			return false;
	}
	return strict;
}
