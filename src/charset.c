/* charset.c — mail bytes in any charset to valid UTF-8 with iconv, ISO-2022-JP by way of EUC-JP-MS. */
#include "config.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "charset.h"
#include "util.h"

/*
 * glibc has no CP50220, and its ISO-2022-JP rejects NEC row 13 (①, ㈱, ㍉)
 * and half-width katakana, which Japanese senders use all the time. So
 * ISO-2022-JP is rewritten here as EUC-JP (same JIS X 0208 code points
 * with the high bit set) and that is decoded by "EUC-JP-MS", which has the
 * NEC and IBM extensions. Wrong and missing labels are guessed, see
 * charset_detect() and doc/VIOLATIONS.md.
 */

#define REPLACEMENT "\xef\xbf\xbd"   /* U+FFFD */
#define BAD_BYTE 0xff                 /* invalid in EUC-JP: marks a broken ISO-2022-JP byte */

struct alias {
	const char *label;
	const char *name;
};

/* MIME labels (lower case) to the iconv name used; supersets where mailers mean them. */
static const struct alias aliases[] = {
	{ "utf-8", "UTF-8" }, { "utf8", "UTF-8" }, { "unicode-1-1-utf-8", "UTF-8" },
	{ "us-ascii", "US-ASCII" }, { "ascii", "US-ASCII" }, { "ansi_x3.4-1968", "US-ASCII" },
	{ "iso-2022-jp", "ISO-2022-JP" }, { "csiso2022jp", "ISO-2022-JP" },
	{ "iso-2022-jp-1", "ISO-2022-JP" }, { "iso-2022-jp-ms", "ISO-2022-JP" },
	{ "cp50220", "ISO-2022-JP" }, { "cp50221", "ISO-2022-JP" }, { "cp50222", "ISO-2022-JP" },
	{ "x-cp50220", "ISO-2022-JP" }, { "x-cp50221", "ISO-2022-JP" },
	{ "iso-2022-jp-2", "ISO-2022-JP-2" }, { "csiso2022jp2", "ISO-2022-JP-2" },
	{ "iso-2022-jp-3", "ISO-2022-JP-3" }, { "iso-2022-jp-2004", "ISO-2022-JP-3" },
	{ "shift_jis", "CP932" }, { "shift-jis", "CP932" }, { "sjis", "CP932" },
	{ "x-sjis", "CP932" }, { "ms_kanji", "CP932" }, { "csshiftjis", "CP932" },
	{ "windows-31j", "CP932" }, { "cswindows31j", "CP932" }, { "cp932", "CP932" },
	{ "ms932", "CP932" }, { "x-ms-cp932", "CP932" }, { "shift_jisx0213", "CP932" },
	{ "euc-jp", "EUC-JP-MS" }, { "x-euc-jp", "EUC-JP-MS" }, { "eucjp", "EUC-JP-MS" },
	{ "euc-jp-ms", "EUC-JP-MS" }, { "cseucpkdfmtjapanese", "EUC-JP-MS" },
	{ "utf-7", "UTF-7" }, { "unicode-1-1-utf-7", "UTF-7" }, { "csunicode11utf7", "UTF-7" },
	/* WHATWG: browsers and mail clients read Latin-1 as windows-1252 */
	{ "iso-8859-1", "WINDOWS-1252" }, { "iso8859-1", "WINDOWS-1252" },
	{ "iso_8859-1", "WINDOWS-1252" }, { "latin1", "WINDOWS-1252" }, { "l1", "WINDOWS-1252" },
	{ "gb2312", "GB18030" }, { "gbk", "GB18030" }, { "gb18030", "GB18030" },
	{ "x-gbk", "GB18030" }, { "euc-cn", "GB18030" }, { "cp936", "GB18030" },
	{ "csgb2312", "GB18030" }, { "chinese", "GB18030" }, { "gb_2312-80", "GB18030" },
	{ "big5", "CP950" }, { "x-big5", "CP950" }, { "cn-big5", "CP950" }, { "csbig5", "CP950" },
	{ "cp950", "CP950" }, { "big5-hkscs", "BIG5-HKSCS" },
	{ "euc-kr", "CP949" }, { "ks_c_5601-1987", "CP949" }, { "ksc5601", "CP949" },
	{ "ks_c_5601", "CP949" }, { "cseuckr", "CP949" }, { "cp949", "CP949" },
	{ "korean", "CP949" }, { "uhc", "CP949" }, { "x-windows-949", "CP949" },
	{ "iso-2022-kr", "ISO-2022-KR" },
	{ "koi8-r", "KOI8-R" }, { "cskoi8r", "KOI8-R" }, { "koi8-u", "KOI8-U" }, { "koi8-ru", "KOI8-RU" },
	{ "tis-620", "CP874" }, { "windows-874", "CP874" }, { "iso-8859-11", "CP874" },
	{ "utf-16", "UTF-16" }, { "utf-16le", "UTF-16LE" }, { "utf-16be", "UTF-16BE" },
	{ "utf-32", "UTF-32" },
};

/* Families with a numeric suffix, "windows-1251" and "cp1251" alike. */
static const char *const windows_names[] = {
	"WINDOWS-1250", "WINDOWS-1251", "WINDOWS-1252", "WINDOWS-1253", "WINDOWS-1254",
	"WINDOWS-1255", "WINDOWS-1256", "WINDOWS-1257", "WINDOWS-1258",
};
static const char *const iso8859_names[] = {
	NULL, "WINDOWS-1252", "ISO-8859-2", "ISO-8859-3", "ISO-8859-4", "ISO-8859-5",
	"ISO-8859-6", "ISO-8859-7", "ISO-8859-8", "ISO-8859-9", "ISO-8859-10",
	"CP874", NULL, "ISO-8859-13", "ISO-8859-14", "ISO-8859-15", "ISO-8859-16",
};

/* Parse the decimal number that ends s; -1 if there is none. */
static int
trailing_number(const char *s)
{
	int n = 0;

	if (*s == '\0' || strlen(s) > 4)
		return -1;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		n = n * 10 + (*s - '0');
	}
	return n;
}

const char *
charset_canonical(const char *label)
{
	char l[64];
	size_t i, n;
	int num;

	if (label == NULL)
		return NULL;
	/* Trim white space and quotes; drop an RFC 2231 "*language" suffix. */
	while (*label == ' ' || *label == '\t' || *label == '"' || *label == '\'')
		label++;
	for (n = 0; label[n] != '\0' && label[n] != '*' && n < sizeof l - 1; n++)
		l[n] = (char)((label[n] >= 'A' && label[n] <= 'Z') ? label[n] + 32 : label[n]);
	while (n > 0 && (l[n - 1] == ' ' || l[n - 1] == '\t' || l[n - 1] == '"' || l[n - 1] == '\''))
		n--;
	l[n] = '\0';
	if (n == 0)
		return NULL;
	for (i = 0; i < sizeof aliases / sizeof aliases[0]; i++) {
		if (strcmp(l, aliases[i].label) == 0)
			return aliases[i].name;
	}
	if (strncmp(l, "windows-", 8) == 0 || strncmp(l, "x-cp", 4) == 0 || strncmp(l, "cp", 2) == 0) {
		num = trailing_number(l + (l[0] == 'w' ? 8 : l[0] == 'x' ? 4 : 2));
		if (num >= 1250 && num <= 1258)
			return windows_names[num - 1250];
	}
	if (strncmp(l, "iso-8859-", 9) == 0 || strncmp(l, "iso8859-", 8) == 0 ||
	    strncmp(l, "iso_8859-", 9) == 0) {
		num = trailing_number(strchr(l, '-') + (l[3] == '8' ? 1 : 6));
		if (num >= 1 && num <= 16 && iso8859_names[num] != NULL)
			return iso8859_names[num];
	}
	return NULL;
}

/* Counts of what a byte string would be in one multi-byte encoding. */
struct score {
	size_t bad;      /* invalid sequences */
	size_t multi;    /* valid multi-byte characters */
	size_t strong;   /* of those, kana and common kanji */
};

/* Shift_JIS / CP932: lead 81-9F, E0-FC; trail 40-7E, 80-FC; A1-DF half-width katakana. */
static void
score_sjis(const unsigned char *p, size_t len, struct score *s)
{
	size_t i = 0;

	memset(s, 0, sizeof *s);
	while (i < len) {
		unsigned char c = p[i];

		if (c < 0x80) {
			i++;
		} else if (c >= 0xa1 && c <= 0xdf) {
			i++;   /* half-width katakana: valid, but weak evidence */
		} else if ((c >= 0x81 && c <= 0x9f) || (c >= 0xe0 && c <= 0xfc)) {
			unsigned char t = i + 1 < len ? p[i + 1] : 0;

			if ((t >= 0x40 && t <= 0x7e) || (t >= 0x80 && t <= 0xfc)) {
				s->multi++;
				/* 82: hiragana, 83: katakana, 81: punctuation, 88-9F: level-1 kanji */
				if ((c >= 0x81 && c <= 0x83) || (c >= 0x88 && c <= 0x9f))
					s->strong++;
				i += 2;
			} else {
				s->bad++;
				i++;
			}
		} else {
			s->bad++;
			i++;
		}
	}
}

/* EUC-JP: A1-FE pairs, 8E + half-width katakana, 8F + JIS X 0212 pair. */
static void
score_eucjp(const unsigned char *p, size_t len, struct score *s)
{
	size_t i = 0;

	memset(s, 0, sizeof *s);
	while (i < len) {
		unsigned char c = p[i];
		unsigned char t = i + 1 < len ? p[i + 1] : 0;

		if (c < 0x80) {
			i++;
		} else if (c >= 0xa1 && c <= 0xfe && t >= 0xa1 && t <= 0xfe) {
			s->multi++;
			/* A1: punctuation, A4: hiragana, A5: katakana, B0-CF: level-1 kanji */
			if (c == 0xa1 || c == 0xa4 || c == 0xa5 || (c >= 0xb0 && c <= 0xcf))
				s->strong++;
			i += 2;
		} else if (c == 0x8e && t >= 0xa1 && t <= 0xdf) {
			s->multi++;
			i += 2;
		} else if (c == 0x8f && t >= 0xa1 && t <= 0xfe && i + 2 < len &&
		    p[i + 2] >= 0xa1 && p[i + 2] <= 0xfe) {
			s->multi++;
			i += 3;
		} else {
			s->bad++;
			i++;
		}
	}
}

/* True if the bytes hold an ISO-2022-JP designation (ESC $ B, ESC $ @, ESC ( I, ESC $ ( D ...). */
static int
has_iso2022jp_escape(const unsigned char *p, size_t len)
{
	const unsigned char *e = p, *end = p + len;

	while ((e = memchr(e, 0x1b, (size_t)(end - e))) != NULL) {
		if (end - e >= 3 && e[1] == '$' && (e[2] == 'B' || e[2] == '@' || e[2] == '('))
			return 1;
		if (end - e >= 3 && e[1] == '(' && (e[2] == 'I' || e[2] == 'J'))
			return 1;
		e++;
	}
	return 0;
}

/*
 * Pick a Japanese legacy encoding if the bytes read well in one: no
 * invalid sequence (or very few), and most characters kana or common
 * kanji. Returns "CP932", "EUC-JP" or NULL.
 */
static const char *
detect_japanese(const unsigned char *p, size_t len)
{
	struct score sj, eu;
	int sj_ok, eu_ok;

	score_sjis(p, len, &sj);
	score_eucjp(p, len, &eu);
	sj_ok = sj.multi >= 2 && sj.bad * 20 <= sj.multi && sj.strong * 2 >= sj.multi;
	eu_ok = eu.multi >= 2 && eu.bad * 20 <= eu.multi && eu.strong * 2 >= eu.multi;
	/* A single character is enough when nothing else is wrong. */
	if (!sj_ok && sj.multi == 1 && sj.bad == 0 && sj.strong == 1)
		sj_ok = 1;
	if (!eu_ok && eu.multi == 1 && eu.bad == 0 && eu.strong == 1)
		eu_ok = 1;
	if (sj_ok && eu_ok) {
		if (sj.bad != eu.bad)
			return sj.bad < eu.bad ? "CP932" : "EUC-JP";
		/* Both clean: the one whose characters look more like Japanese text. */
		return sj.strong * eu.multi > eu.strong * sj.multi ? "CP932" : "EUC-JP";
	}
	if (sj_ok)
		return "CP932";
	if (eu_ok)
		return "EUC-JP";
	return NULL;
}

const char *
charset_detect(const char *bytes, size_t len)
{
	const unsigned char *p = (const unsigned char *)bytes;
	const char *jp;
	size_t i;

	if (has_iso2022jp_escape(p, len))
		return "ISO-2022-JP";
	for (i = 0; i < len && p[i] < 0x80; i++)
		;
	if (i == len)
		return "US-ASCII";
	if (u8_check(p, len) == NULL)
		return "UTF-8";
	if ((jp = detect_japanese(p, len)) != NULL)
		return jp;
	return "WINDOWS-1252";
}

/*
 * ISO-2022-JP (RFC 1468 with the CP50220/CP50221 extensions) to EUC-JP.
 * Unknown escapes and bytes that cannot occur become BAD_BYTE, which the
 * EUC-JP decoder turns into U+FFFD. Control characters pass through in
 * every mode (many mailers forget ESC ( B before a line end).
 */
static void
iso2022jp_to_eucjp(const unsigned char *p, size_t len, struct buf *out)
{
	enum { ASCII, KANJI, KANJI212, KATAKANA } mode = ASCII, saved = ASCII;
	int shifted = 0;
	size_t i = 0;

	while (i < len) {
		unsigned char c = p[i];

		if (c == 0x1b) {
			size_t rest = len - i;

			if (rest >= 3 && p[i + 1] == '$' && (p[i + 2] == 'B' || p[i + 2] == '@')) {
				mode = KANJI;
				i += 3;
			} else if (rest >= 4 && p[i + 1] == '$' && p[i + 2] == '(' &&
			    (p[i + 3] == 'B' || p[i + 3] == '@')) {
				mode = KANJI;
				i += 4;
			} else if (rest >= 4 && p[i + 1] == '$' && p[i + 2] == '(' && p[i + 3] == 'D') {
				mode = KANJI212;
				i += 4;
			} else if (rest >= 3 && p[i + 1] == '(' &&
			    (p[i + 2] == 'B' || p[i + 2] == 'J' || p[i + 2] == 'H')) {
				mode = ASCII;
				i += 3;
			} else if (rest >= 3 && p[i + 1] == '(' && p[i + 2] == 'I') {
				mode = KATAKANA;
				i += 3;
			} else {
				/* Unknown or truncated escape: one U+FFFD for the ESC, the rest as data. */
				buf_addc(out, (char)BAD_BYTE);
				i++;
			}
			shifted = 0;
			continue;
		}
		if (c == 0x0e) {          /* SO: CP50221 half-width katakana */
			if (!shifted)
				saved = mode;
			shifted = 1;
			mode = KATAKANA;
			i++;
			continue;
		}
		if (c == 0x0f) {          /* SI */
			if (shifted)
				mode = saved;
			shifted = 0;
			i++;
			continue;
		}
		if (c >= 0xa1 && c <= 0xdf) {     /* JIS8 katakana (CP50222) */
			buf_addc(out, (char)0x8e);
			buf_addc(out, (char)c);
			i++;
			continue;
		}
		if (c >= 0x80) {
			buf_addc(out, (char)BAD_BYTE);
			i++;
			continue;
		}
		if (c <= 0x20 || c == 0x7f) {
			buf_addc(out, (char)c);
			i++;
			continue;
		}
		switch (mode) {
		case ASCII:
			buf_addc(out, (char)c);
			i++;
			break;
		case KATAKANA:
			if (c >= 0x21 && c <= 0x5f) {
				buf_addc(out, (char)0x8e);
				buf_addc(out, (char)(c | 0x80));
			} else
				buf_addc(out, (char)BAD_BYTE);
			i++;
			break;
		case KANJI:
		case KANJI212:
			if (i + 1 < len && p[i + 1] > 0x20 && p[i + 1] < 0x7f) {
				if (mode == KANJI212)
					buf_addc(out, (char)0x8f);
				buf_addc(out, (char)(c | 0x80));
				buf_addc(out, (char)(p[i + 1] | 0x80));
				i += 2;
			} else {
				buf_addc(out, (char)BAD_BYTE);   /* half a character */
				i++;
			}
			break;
		}
	}
}

/*
 * Decode with iconv, continuing past invalid input: each invalid byte
 * becomes U+FFFD and conversion resumes at the next byte. Returns -1
 * (nothing added) if iconv does not know the charset.
 */
static int
iconv_append(const char *from, const char *bytes, size_t len, struct buf *out, size_t *nbad)
{
	iconv_t cd;
	char *in = (char *)bytes, *o;
	size_t inleft = len, oleft, r;

	if ((cd = iconv_open("UTF-8", from)) == (iconv_t)-1)
		return -1;
	if (out->s == NULL)
		buf_add(out, "", 0);
	while (inleft > 0) {
		size_t before = inleft;

		if (out->cap - out->len < 64 + inleft / 2 * 3) {
			size_t want = out->len + 64 + inleft * 4;

			out->s = xrealloc(out->s, want + 1);
			out->cap = want;
		}
		o = out->s + out->len;
		oleft = out->cap - out->len;
		r = iconv(cd, &in, &inleft, &o, &oleft);
		out->len = (size_t)(o - out->s);
		if (r != (size_t)-1)
			break;
		if (errno == E2BIG)
			continue;
		/* EILSEQ, EINVAL (truncated at the end) or anything else: skip one byte. */
		buf_add(out, REPLACEMENT, 3);
		(*nbad)++;
		if (inleft > 0) {
			in++;
			inleft--;
		}
		iconv(cd, NULL, NULL, NULL, NULL);
		if (inleft == before)   /* cannot happen; never loop forever */
			break;
	}
	/* Flush the shift state of stateful decoders (UTF-7). */
	o = out->s + out->len;
	oleft = out->cap - out->len;
	if (oleft >= 16) {
		iconv(cd, NULL, NULL, &o, &oleft);
		out->len = (size_t)(o - out->s);
	}
	iconv_close(cd);
	out->s[out->len] = '\0';
	return 0;
}

/*
 * Make the result safe to use as a C string: NUL and invalid UTF-8 become
 * U+FFFD. valid: b is known to be valid UTF-8 (checked already).
 */
static char *
finish(struct buf *b, size_t *outlen, bool valid)
{
	const uint8_t *p = (const uint8_t *)b->s, *end = p + b->len;
	struct buf o;

	if (memchr(b->s, '\0', b->len) == NULL && (valid || u8_check(p, b->len) == NULL)) {
		if (outlen != NULL)
			*outlen = b->len;
		return buf_take(b);
	}
	buf_init(&o);
	while (p < end) {
		ucs4_t uc;
		int n = u8_mbtoucr(&uc, p, (size_t)(end - p));

		if (n <= 0) {
			buf_add(&o, REPLACEMENT, 3);
			p++;
		} else if (uc == 0) {
			buf_add(&o, REPLACEMENT, 3);
			p++;
		} else {
			buf_add(&o, (const char *)p, (size_t)n);
			p += n;
		}
	}
	buf_free(b);
	if (outlen != NULL)
		*outlen = o.len;
	return buf_take(&o);
}

/* Does this ISO-2022 text need glibc's ISO-2022-JP-2/-3 (other character sets than ours)? */
static const char *
iso2022_variant(const unsigned char *p, size_t len)
{
	const unsigned char *e = p, *end = p + len;

	while ((e = memchr(e, 0x1b, (size_t)(end - e))) != NULL) {
		if (end - e >= 4 && e[1] == '$' && e[2] == '(' &&
		    (e[3] == 'O' || e[3] == 'P' || e[3] == 'Q'))
			return "ISO-2022-JP-3";
		if (end - e >= 3 && (e[1] == '.' || e[1] == 'N' ||
		    (e[1] == '$' && e[2] == 'A') || (e[1] == '$' && e[2] == '(' && end - e >= 4 && e[3] == 'C')))
			return "ISO-2022-JP-2";
		e++;
	}
	return NULL;
}

static void
decode_iso2022jp(const char *bytes, size_t len, struct buf *out, size_t *nbad)
{
	const char *variant = iso2022_variant((const unsigned char *)bytes, len);
	struct buf euc;

	if (variant != NULL && iconv_append(variant, bytes, len, out, nbad) == 0)
		return;
	buf_init(&euc);
	iso2022jp_to_eucjp((const unsigned char *)bytes, len, &euc);
	if (iconv_append("EUC-JP-MS", euc.s, euc.len, out, nbad) != 0 &&
	    iconv_append("EUC-JP", euc.s, euc.len, out, nbad) != 0)
		iconv_append("ISO-8859-1", bytes, len, out, nbad);
	buf_free(&euc);
}

/* Is this label so often wrong that the bytes should be checked? */
static int
weak_label(const char *canon)
{
	return canon == NULL || strcmp(canon, "US-ASCII") == 0 || strcmp(canon, "WINDOWS-1252") == 0;
}

char *
charset_to_utf8(const char *bytes, size_t len, const char *charset,
    size_t *outlen, const char **used)
{
	const unsigned char *p = (const unsigned char *)bytes;
	const char *canon = charset_canonical(charset), *name, *det;
	struct buf out;
	size_t nbad = 0, i;
	int eight = 0, as_given = 0;
	bool valid = false;   /* the output is checked UTF-8 */

	if (bytes == NULL) {
		bytes = "";
		len = 0;
	}
	p = (const unsigned char *)bytes;
	for (i = 0; i < len; i++) {
		if (p[i] >= 0x80) {
			eight = 1;
			break;
		}
	}
	name = canon;
	if (weak_label(canon)) {
		/*
		 * Missing, unknown, us-ascii or Latin-1 labels: trust the
		 * bytes when they are clearly something else. A label we do
		 * not know but iconv does is used as given.
		 */
		det = charset_detect(bytes, len);
		if (strcmp(det, "WINDOWS-1252") == 0 && canon == NULL && charset != NULL && eight) {
			iconv_t cd = iconv_open("UTF-8", charset);

			if (cd != (iconv_t)-1) {
				iconv_close(cd);
				det = NULL;
				name = charset;
				as_given = 1;
			}
		}
		if (det != NULL) {
			if (canon != NULL && strcmp(det, "US-ASCII") == 0)
				name = canon;
			else if (canon != NULL && strcmp(det, "WINDOWS-1252") == 0)
				name = canon;
			else
				name = det;
		}
	} else if (strcmp(canon, "ISO-2022-JP") == 0 && eight &&
	    !has_iso2022jp_escape(p, len)) {
		/* "ISO-2022-JP" on 8-bit text: really Shift_JIS, EUC-JP or UTF-8. */
		det = charset_detect(bytes, len);
		if (strcmp(det, "WINDOWS-1252") != 0)
			name = det;
	} else if (strcmp(canon, "UTF-8") == 0 && eight) {
		if (u8_check(p, len) == NULL)
			valid = true;
		else if ((det = detect_japanese(p, len)) != NULL)
			/* Invalid UTF-8: Japanese legacy text mislabelled, or just damage. */
			name = det;
	}
	if (strcmp(name, "EUC-JP") == 0)
		name = "EUC-JP-MS";

	buf_init(&out);
	if (!eight && strcmp(name, "UTF-7") != 0 && strncmp(name, "ISO-2022", 8) != 0 &&
	    strncmp(name, "UTF-16", 6) != 0 && strncmp(name, "UTF-32", 6) != 0) {
		/* ASCII is ASCII in everything else we accept. */
		buf_add(&out, bytes != NULL ? bytes : "", len);
		valid = true;
	} else if (strcmp(name, "ISO-2022-JP") == 0) {
		decode_iso2022jp(bytes, len, &out, &nbad);
	} else if (strcmp(name, "UTF-8") == 0 || strcmp(name, "US-ASCII") == 0) {
		/* Our own pass: iconv stops at the first bad byte of UTF-8 anyway. */
		buf_add(&out, bytes, len);
		name = "UTF-8";
	} else if (iconv_append(name, bytes, len, &out, &nbad) != 0) {
		name = "WINDOWS-1252";
		iconv_append(name, bytes, len, &out, &nbad);
	}
	if (used != NULL) {
		/* A label iconv knew but we did not is not a static string. */
		*used = as_given && name == charset ? "UNKNOWN" : name;
	}
	return finish(&out, outlen, valid);
}
