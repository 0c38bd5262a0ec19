/* sanitize.h — the one path from message bytes to the terminal: every byte becomes a visible, harmless cell. */
#ifndef KENSA_UI_SANITIZE_H
#define KENSA_UI_SANITIZE_H

#include <stddef.h>
#include <wchar.h>

#define SAN_ASCII  0x1   /* the terminal is not UTF-8: markers in ASCII, unprintable characters as '?' */
#define SAN_TAB    0x2   /* keep '\t' as a tab cell (the caller expands it); else shown as a space */

enum san_kind {
	SAN_TEXT = 0,    /* an ordinary printable character */
	SAN_MARKER,      /* a control picture or a <NAME> marker standing for an invisible or dangerous character */
	SAN_INVALID      /* U+FFFD for bytes that are not UTF-8 */
};

struct san_cell {
	wchar_t text[12];     /* what to show, NUL-terminated; only printable characters */
	int width;            /* columns it takes (0 for combining marks) */
	enum san_kind kind;
	size_t len;           /* input bytes it stands for (>= 1) */
	unsigned cp;          /* the code point decoded (0xFFFD for invalid bytes) */
};

/*
 * Decode the cell starting at s[pos] (pos < len). C0 controls and DEL
 * become control pictures (U+2400 block), C1 controls <U+0080>...<U+009F>,
 * invalid UTF-8 one U+FFFD per bad byte, bidi controls and zero-width or
 * other invisible format characters a <NAME> marker, characters the locale
 * cannot print U+FFFD. Escape sequences are thus never emitted: ESC itself
 * becomes U+241B. '\n' is returned as a SAN_MARKER U+2424 unless the caller
 * splits lines first. Widths come from wcwidth() in the current locale.
 */
void sanitize_next(const char *s, size_t len, size_t pos, unsigned flags, struct san_cell *out);

/* The whole string made safe, as UTF-8 (or ASCII with SAN_ASCII); caller frees. */
char *sanitize_string(const char *s, size_t len, unsigned flags);

/* Display columns of s made safe (tabs count as one column). */
int sanitize_width(const char *s, size_t len, unsigned flags);

/* The name of an invisible character's marker ("RLO", "ZWSP"), or NULL when c is not one. */
const char *sanitize_marker_name(unsigned c);

#endif
