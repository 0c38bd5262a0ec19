/* text-script.c — TEXT_MIXED_SCRIPT: Latin words spelt with Cyrillic or Greek look-alike letters. */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <uniname.h>
#include <unistr.h>
#include <uniwbrk.h>

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
			char *q = text_excerpt(s + i, j - i, EXCERPT_COLS);

			finding_add(fs, F_TEXT_MIXED_SCRIPT, -1, where, base + (long)i, base + (long)j,
			    _("\"%s\" mixes Latin letters with %s"), q, names.s);
			free(q);
			emitted++;
		}
		buf_free(&names);
		i = j;
	}
	free(brk);
}
