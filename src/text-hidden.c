/* text-hidden.c — INVISIBLE_CHARS and BIDI_CONTROL: characters that hide inside words or reorder what is displayed. */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unigbrk.h>
#include <unistr.h>

#include "findings.h"
#include "i18n.h"
#include "text-int.h"
#include "util.h"

/* Latin, Greek, Cyrillic: alphabets whose letters take no variation selector or grapheme joiner in ordinary text. */
static bool
alphabet(const uc_script_t *sc)
{
	return sc != NULL && (strcmp(sc->name, "Latin") == 0 || strcmp(sc->name, "Greek") == 0 || strcmp(sc->name, "Cyrillic") == 0);
}

/* A default-ignorable code point that hides inside a word; the legitimate joiners are spared. */
static bool
hiding(ucs4_t c, ucs4_t before, ucs4_t after)
{
	const uc_script_t *sb, *sa;

	if (is_bidi_control(c) || is_bidi_mark(c) || !uc_is_property_default_ignorable_code_point(c))
		return false;
	if (!is_word_char(before) || !is_word_char(after))
		return false;
	sb = uc_script(before);
	sa = uc_script(after);
	/*
	 * Variation selectors (ideographic variants, emoji), CGJ, Mongolian and
	 * Hangul fillers are spelling where they belong; between two letters of
	 * an alphabet that has no variants ("E\u034fV\u034fR\u034fi",
	 * "Se\U000e0139rvice") they only break the word for a filter.
	 */
	if ((c >= 0xfe00 && c <= 0xfe0f) || (c >= 0xe0100 && c <= 0xe01ef) || (unichar_kind(c) & UNICHAR_WRITING))
		return alphabet(sb) && alphabet(sa);
	if (unichar_kind(c) & UNICHAR_JOINER) {
		/* joiners and word separators are spelling in these scripts */
		static const char *const own[] = {
			"Arabic", "Syriac", "Devanagari", "Bengali", "Gurmukhi", "Gujarati", "Oriya", "Tamil",
			"Telugu", "Kannada", "Malayalam", "Sinhala", "Thai", "Lao", "Khmer", "Myanmar", "Tibetan",
			"Hebrew", "Mongolian",
		};

		for (size_t i = 0; i < sizeof own / sizeof own[0]; i++)
			if ((sb != NULL && strcmp(sb->name, own[i]) == 0) || (sa != NULL && strcmp(sa->name, own[i]) == 0))
				return false;
	}
	return true;
}

void
text_hidden_check(const char *s, size_t len, const char *where, long base, struct findings *fs)
{
	size_t emitted = 0;
	ucs4_t prev = 0;

	for (size_t i = 0; i < len && emitted < MAX_PER_FIELD;) {
		ucs4_t c, after = 0;
		int k;
		size_t j, ws, we;

		if ((unsigned char)s[i] < 0x80) {
			prev = (unsigned char)s[i++];
			continue;
		}
		k = next_cp(s, len, i, &c);

		if (c < 0xad || !uc_is_property_default_ignorable_code_point(c)) {
			prev = c;
			i += (size_t)k;
			continue;
		}
		/* the next visible code point */
		for (j = i + (size_t)k; j < len;) {
			ucs4_t d;
			int m = next_cp(s, len, j, &d);

			if (!uc_is_property_default_ignorable_code_point(d)) {
				after = d;
				break;
			}
			j += (size_t)m;
		}
		if (!hiding(c, prev, after)) {
			i += (size_t)k;
			continue;
		}
		/* the word around it */
		ws = i;
		while (ws > 0) {
			size_t p = ws - 1;
			ucs4_t d;

			while (p > 0 && ((unsigned char)s[p] & 0xc0) == 0x80)
				p--;
			next_cp(s, len, p, &d);
			if (!is_word_char(d) && !uc_is_property_default_ignorable_code_point(d))
				break;
			ws = p;
		}
		we = j;
		while (we < len) {
			ucs4_t d;
			int m = next_cp(s, len, we, &d);

			if (!is_word_char(d) && !uc_is_property_default_ignorable_code_point(d))
				break;
			we += (size_t)m;
		}
		{
			struct buf looks;
			char *really = text_excerpt(s + ws, we - ws, 0);

			buf_init(&looks);
			for (size_t x = ws; x < we;) {
				ucs4_t d;
				int m = next_cp(s, len, x, &d);

				if (!uc_is_property_default_ignorable_code_point(d))
					buf_add(&looks, s + x, (size_t)m);
				x += (size_t)m;
			}
			finding_add(fs, F_INVISIBLE_CHARS, -1, where, base + (long)ws, base + (long)we,
			    _("looks like \"%s\", really \"%s\""), looks.s, really);
			buf_free(&looks);
			free(really);
		}
		emitted++;
		prev = 0;
		i = we;
	}
}

/* What a bidi-aware display shows: right-to-left overrides reverse their run (by grapheme), the controls vanish. */
static char *
bidi_visual(const char *s, size_t len)
{
	struct buf out, run;
	int depth = 0;

	buf_init(&out);
	buf_init(&run);
	for (size_t i = 0; i <= len;) {
		ucs4_t c = 0;
		int k = i < len ? next_cp(s, len, i, &c) : 1;
		bool end = i >= len || c == '\n' || (depth > 0 && (c == 0x202c || c == 0x2069));

		if (end && depth > 0 && run.len > 0) {
			/* emit the run reversed by grapheme cluster */
			const uint8_t *b = (const uint8_t *)run.s, *e = b + run.len;
			const uint8_t **g = xreallocarray(NULL, run.len + 1, sizeof *g);
			size_t ng = 0;

			for (const uint8_t *p = b; p < e; p = u8_grapheme_next(p, e))
				g[ng++] = p;
			g[ng] = e;
			for (size_t x = ng; x > 0; x--)
				buf_add(&out, (const char *)g[x - 1], (size_t)(g[x] - g[x - 1]));
			free(g);
			run.len = 0;
			if (run.s != NULL)
				run.s[0] = '\0';
			depth = 0;
		} else if (end)
			depth = 0;
		if (i >= len)
			break;
		if (c == 0x202e)
			depth = 1;
		else if (is_bidi_control(c) || is_bidi_mark(c))
			;
		else if (depth > 0)
			buf_add(&run, s + i, (size_t)k);
		else
			buf_add(&out, s + i, (size_t)k);
		i += (size_t)k;
	}
	buf_free(&run);
	return buf_take(&out);
}

void
text_bidi_check(const char *s, size_t len, const char *where, long base, bool overrides_only, bool marks, struct findings *fs)
{
	size_t first = len, last = 0, n = 0;

	for (size_t i = 0; i < len;) {
		ucs4_t c;
		int k;

		if ((unsigned char)s[i] != 0xe2 && (unsigned char)s[i] != 0xd8) {   /* U+2xxx and U+061C */
			i++;
			continue;
		}
		k = next_cp(s, len, i, &c);
		if ((overrides_only ? (unichar_kind(c) & UNICHAR_BIDI_OVERRIDE) != 0 : is_bidi_control(c)) || (marks && is_bidi_mark(c))) {
			if (first == len)
				first = i;
			last = i + (size_t)k;
			n++;
		}
		i += (size_t)k;
	}
	if (n == 0)
		return;
	{
		/* show the line that holds them */
		size_t ls = first, le = last;
		char *vis, *really, *v;

		while (ls > 0 && s[ls - 1] != '\n' && first - ls < 40)
			ls--;
		while (ls < first && ((unsigned char)s[ls] & 0xc0) == 0x80)
			ls++;
		while (le < len && s[le] != '\n' && le - last < 60)
			le++;
		while (le < len && ((unsigned char)s[le] & 0xc0) == 0x80)
			le++;
		vis = bidi_visual(s + ls, le - ls);
		v = text_excerpt(vis, strlen(vis), EXCERPT_COLS * 2);
		really = text_excerpt(s + ls, le - ls, EXCERPT_COLS * 2);
		finding_add(fs, F_BIDI_CONTROL, -1, where, base + (long)first, base + (long)le,
		    _("looks like \"%s\", really \"%s\""), v, really);
		free(vis);
		free(v);
		free(really);
	}
}
