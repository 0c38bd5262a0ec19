/* text-int.h — what the text checks (text*.c, phrase.c) share: character classes, excerpts, the per-family entry points. */
#ifndef KENSA_TEXT_INT_H
#define KENSA_TEXT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <unictype.h>
#include <unistr.h>

#include "unichar.h"
#include "util.h"

struct findings;
struct nstream;

#define MAX_PER_FIELD   10        /* findings of one id in one field */
#define EXCERPT_COLS    60        /* display columns of text quoted in evidence */

static inline bool
is_hira(ucs4_t c)
{
	return c >= 0x3041 && c <= 0x309f;
}

static inline bool
is_kata(ucs4_t c)
{
	return (c >= 0x30a1 && c <= 0x30fa) || (c >= 0x31f0 && c <= 0x31ff);
}

/* Kana that can be dropped or doubled cheaply (not the long-vowel mark: サーバ/サーバー is house style). */
static inline bool
is_kana(ucs4_t c)
{
	return is_hira(c) || is_kata(c);
}

static inline bool
is_latin_letter(ucs4_t c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	return uc_is_alpha(c) && uc_script(c) != NULL && strcmp(uc_script(c)->name, "Latin") == 0;
}

static inline bool
is_word_char(ucs4_t c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
	return uc_is_alnum(c);
}

static inline bool
is_bidi_control(ucs4_t c)
{
	return (unichar_kind(c) & UNICHAR_BIDI_CONTROL) != 0;
}

static inline bool
is_bidi_mark(ucs4_t c)
{
	return (unichar_kind(c) & UNICHAR_BIDI_MARK) != 0;
}


/* Decode one code point (invalid bytes become U+FFFD, one byte long). */
static inline int
next_cp(const char *s, size_t len, size_t i, ucs4_t *c)
{
	return u8_mbtouc(c, (const uint8_t *)s + i, len - i);
}

static inline void
u32_to_buf(struct buf *b, const ucs4_t *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		uint8_t tmp[6];
		int k = c[i] != 0 ? u8_uctomb(tmp, c[i], sizeof tmp) : 0;

		if (k > 0)
			buf_add(b, (const char *)tmp, (size_t)k);
	}
}

/* What stands around the urgency wording of a field, from outside it. */
struct urgency_ctx {
	bool bounce;              /* a delivery report: quoted wording is the returned mail's */
	const size_t *links;      /* byte offsets of the field's links (HTML anchors' text) */
	size_t nlinks;
	int outside;              /* the subject: 2 the body presses or asks to act, 1 it links, 0 neither */
	int *inside;              /* out (may be NULL): the same of this field */
};

/*
 * s[0..n) quoted for evidence: controls, bidi and invisible characters as
 * <U+XXXX>, line breaks as spaces, cut at cols display columns (0: no
 * limit) with "…". Caller frees.
 */
char *text_excerpt(const char *s, size_t n, int cols);

/* TEXT_TYPO over the match stream ns of src (text.c's windows); spans offset by base. */
void text_typo_check(const char *src, const struct nstream *ns, const char *where, long base, struct findings *fs);

/*
 * TEXT_URGENCY over the window of s starting at ws (ns built on it), with
 * what stands around it (ux, may be NULL).
 */
void text_urgency_window(const char *s, size_t ws, const struct nstream *ns, const char *where, long base,
    const struct urgency_ctx *ux, struct findings *fs);

/* The field is mostly Japanese (some kana, not too few of them against Han). */
bool text_looks_japanese(const char *s, size_t len);

/* TEXT_FOREIGN_GLYPH: Han characters outside the Japanese character sets. */
void text_glyph_check(const char *s, size_t len, const char *where, long base, struct findings *fs);

/* TEXT_MIXED_SCRIPT: Latin words with Cyrillic or Greek look-alikes in them. */
void text_script_check(const char *s, size_t len, const char *where, long base, struct findings *fs);

/* TEXT_STYLED_LETTERS: runs of mathematical or enclosed alphanumerics standing for plain letters. */
void text_styled_check(const char *s, size_t len, const char *where, long base, struct findings *fs);

/* INVISIBLE_CHARS: default-ignorable code points hiding inside words. */
void text_hidden_check(const char *s, size_t len, const char *where, long base, struct findings *fs);

/*
 * BIDI_CONTROL: bidi controls (overrides only with overrides_only, and the
 * marks LRM, RLM, ALM with marks); one finding showing the line as displayed.
 */
void text_bidi_check(const char *s, size_t len, const char *where, long base, bool overrides_only, bool marks,
    struct findings *fs);

#endif
