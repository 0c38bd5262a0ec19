/* sanitize.c — message bytes to harmless terminal cells: control pictures, U+FFFD, visible markers (after mblaze's safe_u8putstr and NeoMutt's mbyte filter). */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <unistr.h>

#include "sanitize.h"
#include "unichar.h"
#include "util.h"

const char *
sanitize_marker_name(unsigned c)
{
	return unichar_name(c);
}

static void
set_ascii(struct san_cell *out, const char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0' && i + 1 < sizeof out->text / sizeof out->text[0]; i++)
		out->text[i] = (wchar_t)(unsigned char)s[i];
	out->text[i] = L'\0';
	out->width = (int)i;
}

/* Undecodable or unprintable: U+FFFD, or '?' in an ASCII locale. */
static void
set_invalid(struct san_cell *out, bool ascii)
{
	out->kind = SAN_INVALID;
	if (ascii)
		set_ascii(out, "?");
	else {
		out->text[0] = 0xFFFD;
		out->text[1] = L'\0';
		out->width = 1;
	}
}

void
sanitize_next(const char *s, size_t len, size_t pos, unsigned flags, struct san_cell *out)
{
	const unsigned char *p = (const unsigned char *)s + pos;
	bool ascii = (flags & SAN_ASCII) != 0;
	ucs4_t c;
	int k = u8_mbtoucr(&c, p, len - pos);   /* strict (RFC 3629 §4): no overlongs, surrogates or values past U+10FFFF */
	size_t n = k > 0 ? (size_t)k : 0;
	const char *name;
	char tmp[16];
	int w;

	out->len = n > 0 ? n : 1;
	out->kind = SAN_MARKER;
	out->cp = n > 0 ? c : 0xFFFD;
	if (n == 0) {
		set_invalid(out, ascii);
		return;
	}
	if (c == '\t') {
		out->kind = SAN_TEXT;
		set_ascii(out, (flags & SAN_TAB) ? "\t" : " ");
		return;
	}
	if (c < 0x20 || c == 0x7F) {
		if (ascii) {
			tmp[0] = '^';
			tmp[1] = c == 0x7F ? '?' : (char)(c + '@');
			tmp[2] = '\0';
			set_ascii(out, tmp);
		} else {
			out->text[0] = c == 0x7F ? 0x2421 : 0x2400 + c;
			out->text[1] = L'\0';
			out->width = 1;
		}
		return;
	}
	if (c >= 0x80 && c < 0xA0) {
		snprintf(tmp, sizeof tmp, "<U+%04X>", c);
		set_ascii(out, tmp);
		return;
	}
	if ((name = sanitize_marker_name(c)) != NULL) {
		snprintf(tmp, sizeof tmp, "<%s>", name);
		set_ascii(out, tmp);
		return;
	}
	if (c < 0x80) {
		out->kind = SAN_TEXT;
		out->text[0] = (wchar_t)c;
		out->text[1] = L'\0';
		out->width = 1;
		return;
	}
	w = wcwidth((wchar_t)c);
	if (w < 0) {   /* unassigned, or not printable in this locale's charset */
		set_invalid(out, ascii);
		return;
	}
	out->kind = SAN_TEXT;
	out->text[0] = (wchar_t)c;
	out->text[1] = L'\0';
	out->width = w;
}

char *
sanitize_string(const char *s, size_t len, unsigned flags)
{
	struct buf b;
	struct san_cell c;

	buf_init(&b);
	buf_adds(&b, "");
	for (size_t pos = 0; s != NULL && pos < len; pos += c.len) {
		sanitize_next(s, len, pos, flags, &c);
		for (size_t i = 0; c.text[i] != L'\0'; i++) {
			uint8_t u[6];
			int n = u8_uctomb(u, (ucs4_t)c.text[i], sizeof u);

			if (n > 0)
				buf_add(&b, (const char *)u, (size_t)n);
		}
	}
	return buf_take(&b);
}

int
sanitize_width(const char *s, size_t len, unsigned flags)
{
	struct san_cell c;
	int w = 0;

	for (size_t pos = 0; s != NULL && pos < len; pos += c.len) {
		sanitize_next(s, len, pos, flags, &c);
		w += c.width;
	}
	return w;
}
