/* text-script.c — TEXT_MIXED_SCRIPT: Latin words spelt with Cyrillic or Greek look-alike letters. */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <uniname.h>
#include <uninorm.h>
#include <unistr.h>
#include <uniwbrk.h>

#include "brands.h"
#include "confusable.h"
#include "findings.h"
#include "i18n.h"
#include "text-int.h"
#include "util.h"

/* Greek letters that pass for Latin ones. */
static bool
greek_lookalike(ucs4_t c)
{
	static const ucs4_t g[] = {
		0x391, 0x392, 0x395, 0x396, 0x397, 0x399, 0x39a, 0x39c, 0x39d, 0x39f, 0x3a1, 0x3a4,
		0x3a5, 0x3a7, 0x3b1, 0x3b9, 0x3ba, 0x3bd, 0x3bf, 0x3c1, 0x3c5, 0x3c7, 0x3f2, 0x3f3,
	};

	for (size_t i = 0; i < sizeof g / sizeof g[0]; i++)
		if (g[i] == c)
			return true;
	return false;
}

/*
 * The word of len bytes at s with each Cyrillic or Greek letter that has a
 * one-letter Latin prototype (UTS #39) written as that letter: "Аmazon" ->
 * "Amazon". NULL when a letter has no such prototype. Caller frees.
 */
static char *
latin_reading(const char *s, size_t len)
{
	struct buf b;

	buf_init(&b);
	buf_adds(&b, "");
	for (size_t x = 0; x < len;) {
		ucs4_t c;
		int k = next_cp(s, len, x, &c);
		const uc_script_t *sc = c < 0x80 ? NULL : uc_script(c);

		if (sc != NULL && (strcmp(sc->name, "Cyrillic") == 0 || strcmp(sc->name, "Greek") == 0)) {
			char one[8] = { 0 }, *sk;

			memcpy(one, s + x, (size_t)k);
			sk = confusable_skeleton(one);
			if (sk == NULL || strlen(sk) != 1 || !is_latin_letter((unsigned char)sk[0])) {
				free(sk);
				buf_free(&b);
				return NULL;
			}
			/* the skeleton is folded to lower case: keep the letter's case */
			buf_addf(&b, "%c", uc_is_upper(c) ? sk[0] - 'a' + 'A' : sk[0]);
			free(sk);
		} else
			buf_add(&b, s + x, (size_t)k);
		x += (size_t)k;
	}
	return buf_take(&b);
}

void
text_script_check(const char *s, size_t len, const char *where, long base, struct findings *fs)
{
	char *brk;
	size_t emitted = 0;

	if (len == 0)
		return;
	/* cheap exit: no Cyrillic or Greek byte lead (U+0370..U+052F is 0xCD..0xD4) */
	{
		bool any = false;

		for (size_t i = 0; i < len && !any; i++)
			any = (unsigned char)s[i] >= 0xcd && (unsigned char)s[i] <= 0xd4;
		if (!any)
			return;
	}
	brk = xmalloc(len);
	u8_wordbreaks((const uint8_t *)s, len, brk);
	for (size_t i = 0; i < len && emitted < MAX_PER_FIELD;) {
		size_t j = i + 1, latin = 0, other = 0;
		struct buf names;

		/* a UAX #29 word, also cut at '.' and ':' ("кадров.pdf" is two words here) */
		while (j < len && !brk[j] && s[j] != '.' && s[j] != ':' && s[j] != '\'')
			j++;
		if (j == i + 1 && (s[i] == '.' || s[i] == ':' || s[i] == '\'')) {
			i = j;
			buf_init(&names);
			buf_free(&names);
			continue;
		}
		buf_init(&names);
		for (size_t x = i; x < j;) {
			ucs4_t c;
			int k = next_cp(s, j, x, &c);
			const uc_script_t *sc;

			x += (size_t)k;
			if (c < 0x80) {
				latin += is_latin_letter(c);
				continue;
			}
			if (!uc_is_alpha(c) || (sc = uc_script(c)) == NULL)
				continue;
			if (strcmp(sc->name, "Latin") == 0)
				latin++;
			else if (strcmp(sc->name, "Cyrillic") == 0 || (strcmp(sc->name, "Greek") == 0 && greek_lookalike(c))) {
				char nm[UNINAME_MAX];

				if (other++ < 4) {
					if (names.len > 0)
						buf_adds(&names, ", ");
					buf_add(&names, s + x - k, (size_t)k);
					buf_addf(&names, " U+%04X %s", (unsigned)c,
					    unicode_character_name(c, nm) != NULL ? nm : "");
				}
			}
		}
		if (latin > 0 && other > 0) {
			char *q = text_excerpt(s + i, j - i, EXCERPT_COLS), *plain = latin_reading(s + i, j - i);
			const struct brands *b = brands_default(NULL);
			const struct brand *br = NULL;
			int cover = 0;

			/* the word read with Latin letters for the look-alikes: a brand's name is an imitation (high) */
			if (plain != NULL && b != NULL)
				br = brands_match(b, plain, strlen(plain), NULL, NULL, &cover);
			if (br != NULL && cover == 100)
				finding_add(fs, F_TEXT_MIXED_SCRIPT, SEV_HIGH, where, base + (long)i, base + (long)j,
				    _("\"%s\" mixes Latin letters with %s: it reads \"%s\", the name of %s"), q, names.s, plain,
				    br->name);
			else
				finding_add(fs, F_TEXT_MIXED_SCRIPT, SEV_MEDIUM, where, base + (long)i, base + (long)j,
				    _("\"%s\" mixes Latin letters with %s"), q, names.s);
			free(plain);
			free(q);
			emitted++;
		}
		buf_free(&names);
		i = j;
	}
	free(brk);
}

/*
 * A letter drawn from the mathematical or enclosed alphanumerics: 𝐁𝐨𝐥𝐝,
 * 𝘐𝘵𝘢𝘭𝘪𝘤, Ⓒⓘⓡⓒⓛⓔⓓ, 🅂🅀🅄🄰🅁🄴🄳, ⒫⒜⒭⒠⒩. Its plain reading goes to *plain
 * (0 for a styled digit). Fullwidth forms are not styled: Japanese writes
 * ＡＭＡＺＯＮ every day. Circled digits (①) and regional indicators (flags)
 * are not letters and never count.
 */
static bool
styled_letter(ucs4_t c, ucs4_t *plain)
{
	ucs4_t d[UC_DECOMPOSITION_MAX_LENGTH];
	int tag;

	*plain = 0;
	if (c >= 0x1f130 && c <= 0x1f149) {          /* squared Latin capitals */
		*plain = 'A' + (c - 0x1f130);
		return true;
	}
	if (c >= 0x1f150 && c <= 0x1f169) {          /* negative circled */
		*plain = 'A' + (c - 0x1f150);
		return true;
	}
	if (c >= 0x1f170 && c <= 0x1f189) {          /* negative squared */
		*plain = 'A' + (c - 0x1f170);
		return true;
	}
	if (!((c >= 0x1d400 && c <= 0x1d7ff) || (c >= 0x249c && c <= 0x24e9)))
		return false;
	switch (uc_decomposition(c, &tag, d)) {
	case 1:
		break;
	case 3:   /* ⒜ is "(a)" */
		if (d[0] == '(' && d[2] == ')') {
			d[0] = d[1];
			break;
		}
		return false;
	default:
		return false;
	}
	if (d[0] >= 0x80)
		return c >= 0x1d400 && uc_is_alpha(c);   /* a styled Greek letter or the like: styled, no ASCII reading */
	*plain = d[0];
	return (d[0] >= 'a' && d[0] <= 'z') || (d[0] >= 'A' && d[0] <= 'Z') || (d[0] >= '0' && d[0] <= '9');
}

void
text_styled_check(const char *s, size_t len, const char *where, long base, struct findings *fs)
{
	size_t emitted = 0;
	bool any = false;

	/* cheap exit: no lead byte of U+249C..U+24E9 (E2 92/93) or of a plane-1 symbol (F0 9D / F0 9F) */
	for (size_t i = 0; i + 1 < len && !any; i++)
		any = ((unsigned char)s[i] == 0xe2 && ((unsigned char)s[i + 1] == 0x92 || (unsigned char)s[i + 1] == 0x93)) ||
		    ((unsigned char)s[i] == 0xf0 && ((unsigned char)s[i + 1] == 0x9d || (unsigned char)s[i + 1] == 0x9f));
	if (!any)
		return;
	for (size_t i = 0; i < len && emitted < MAX_PER_FIELD;) {
		ucs4_t c, p;
		int k = next_cp(s, len, i, &c);
		size_t start = i, end, j;
		unsigned letters = 0, word = 0, longest = 0;
		size_t kept = 0;
		struct buf reads;
		char nm[UNINAME_MAX];
		ucs4_t first = c;

		if (!styled_letter(c, &p)) {
			i += (size_t)k;
			continue;
		}
		/* the run: styled letters, and the spaces and punctuation between them */
		buf_init(&reads);
		end = i;
		for (j = i; j < len;) {
			ucs4_t d, q;
			int m = next_cp(s, len, j, &d);

			if (styled_letter(d, &q)) {
				letters += ((q | 0x20) >= 'a' && (q | 0x20) <= 'z') || (q == 0 && uc_is_alpha(d)) ? 1 : 0;
				if (q != 0)
					buf_addf(&reads, "%c", (int)q);
				else
					buf_adds(&reads, "?");
				kept = reads.len;
				if (++word > longest)
					longest = word;
				j += (size_t)m;
				end = j;
				continue;
			}
			word = 0;
			if (d < 0x80 && d != '\n' && d != '\r' && !is_word_char(d) && j - end < 3) {
				if (d == ' ' || d == '\t')
					buf_adds(&reads, " ");
				else
					buf_addf(&reads, "%c", (int)d);
				j += (size_t)m;
				continue;
			}
			break;
		}
		/* the reading ends with the last styled letter, as the span does */
		reads.len = kept;
		reads.s[kept] = '\0';
		/* three letters or more, two of them side by side: not the blood types 🅰 🅱 🅾 */
		if (letters >= 3 && longest >= 2) {
			char *q = text_excerpt(s + start, end - start, EXCERPT_COLS);

			finding_add(fs, F_TEXT_STYLED_LETTERS, -1, where, base + (long)start, base + (long)end,
			    _("\"%s\" is written in styled letters (%s), it reads \"%s\""), q,
			    unicode_character_name(first, nm) != NULL ? nm : "?", reads.s);
			free(q);
			emitted++;
		}
		buf_free(&reads);
		i = end;
	}
}
