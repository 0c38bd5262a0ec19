/* sanitize.c — message bytes to harmless terminal cells: control pictures, U+FFFD, visible markers (after mblaze's safe_u8putstr and NeoMutt's mbyte filter). */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "sanitize.h"
#include "unichar.h"
#include "util.h"

const char *
sanitize_marker_name(unsigned c)
{
	return unichar_name(c);
}

/* Strict UTF-8 (RFC 3629 §4): no overlongs, surrogates or values past U+10FFFF. Returns the length, 0 if invalid. */
static size_t
utf8_decode(const unsigned char *p, size_t n, unsigned *cp)
{
	unsigned c = p[0], min;
	size_t len;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF)
		len = 2, c &= 0x1F, min = 0x80;
	else if (c >= 0xE0 && c <= 0xEF)
		len = 3, c &= 0x0F, min = 0x800;
	else if (c >= 0xF0 && c <= 0xF4)
		len = 4, c &= 0x07, min = 0x10000;
	else
		return 0;
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (p[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
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
	unsigned c;
	size_t n = utf8_decode(p, len - pos, &c);
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

static void
put_utf8(struct buf *b, unsigned c)
{
	char t[4];

	if (c < 0x80)
		buf_addc(b, (char)c);
	else if (c < 0x800) {
		t[0] = (char)(0xC0 | c >> 6);
		t[1] = (char)(0x80 | (c & 0x3F));
		buf_add(b, t, 2);
	} else if (c < 0x10000) {
		t[0] = (char)(0xE0 | c >> 12);
		t[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		t[2] = (char)(0x80 | (c & 0x3F));
		buf_add(b, t, 3);
	} else {
		t[0] = (char)(0xF0 | c >> 18);
		t[1] = (char)(0x80 | ((c >> 12) & 0x3F));
		t[2] = (char)(0x80 | ((c >> 6) & 0x3F));
		t[3] = (char)(0x80 | (c & 0x3F));
		buf_add(b, t, 4);
	}
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
		for (size_t i = 0; c.text[i] != L'\0'; i++)
			put_utf8(&b, (unsigned)c.text[i]);
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
