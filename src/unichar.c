/* unichar.c — the table of invisible and format characters, searched by code point. */
#include "config.h"

#include <stddef.h>

#include "unichar.h"

#define F  UNICHAR_FORMAT
#define W  UNICHAR_WRITING

/* Sorted, not overlapping. */
static const struct unichar table[] = {
	{ 0x00AD, 0x00AD, "SHY", F },
	{ 0x034F, 0x034F, "CGJ", F | W },
	{ 0x061C, 0x061C, "ALM", UNICHAR_BIDI_MARK },
	{ 0x115F, 0x1160, "HF", F | W },
	{ 0x17B4, 0x17B5, "KIV", F },
	{ 0x180B, 0x180D, "FVS", F | W },
	{ 0x180E, 0x180E, "MVS", F | W },
	{ 0x180F, 0x180F, "FVS", F | W },
	{ 0x200B, 0x200B, "ZWSP", F | UNICHAR_JOINER },
	{ 0x200C, 0x200C, "ZWNJ", F | UNICHAR_JOINER },
	{ 0x200D, 0x200D, "ZWJ", F | UNICHAR_JOINER },
	{ 0x200E, 0x200E, "LRM", UNICHAR_BIDI_MARK },
	{ 0x200F, 0x200F, "RLM", UNICHAR_BIDI_MARK },
	{ 0x2028, 0x2028, "LSEP", UNICHAR_SEPARATOR },
	{ 0x2029, 0x2029, "PSEP", UNICHAR_SEPARATOR },
	{ 0x202A, 0x202A, "LRE", UNICHAR_BIDI_EMBED },
	{ 0x202B, 0x202B, "RLE", UNICHAR_BIDI_EMBED },
	{ 0x202C, 0x202C, "PDF", UNICHAR_BIDI_EMBED },
	{ 0x202D, 0x202D, "LRO", UNICHAR_BIDI_OVERRIDE },
	{ 0x202E, 0x202E, "RLO", UNICHAR_BIDI_OVERRIDE },
	{ 0x2060, 0x2060, "WJ", F },
	{ 0x2061, 0x2064, "INVIS", F },                 /* invisible operators */
	{ 0x2066, 0x2066, "LRI", UNICHAR_BIDI_ISOLATE },
	{ 0x2067, 0x2067, "RLI", UNICHAR_BIDI_ISOLATE },
	{ 0x2068, 0x2068, "FSI", UNICHAR_BIDI_ISOLATE },
	{ 0x2069, 0x2069, "PDI", UNICHAR_BIDI_ISOLATE },
	{ 0x206A, 0x206F, "DEPR", F },                  /* deprecated format characters */
	{ 0x3164, 0x3164, "HF", F | W },
	{ 0xFEFF, 0xFEFF, "BOM", F },
	{ 0xFFA0, 0xFFA0, "HF", F | W },
	{ 0xFFF9, 0xFFFB, "IA", F },                    /* interlinear annotation */
	{ 0x1BCA0, 0x1BCA3, "SFC", F },                 /* shorthand format controls */
	{ 0x1D173, 0x1D17A, "MUS", F },                 /* musical format characters */
	{ 0xE0000, 0xE007F, "TAG", F },
};

const struct unichar *
unichar_find(ucs4_t c)
{
	size_t lo = 0, hi = sizeof table / sizeof table[0];

	if (c < 0xAD)
		return NULL;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (c < table[mid].lo)
			hi = mid;
		else if (c > table[mid].hi)
			lo = mid + 1;
		else
			return &table[mid];
	}
	return NULL;
}

unsigned
unichar_kind(ucs4_t c)
{
	const struct unichar *u = unichar_find(c);

	return u != NULL ? u->kind : 0;
}

const char *
unichar_name(ucs4_t c)
{
	const struct unichar *u = unichar_find(c);

	return u != NULL ? u->name : NULL;
}

const struct unichar *
unichar_table(size_t *n)
{
	*n = sizeof table / sizeof table[0];
	return table;
}
