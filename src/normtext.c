/* normtext.c — folding text for brand and confusable matching while keeping each byte's origin. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <uninorm.h>
#include <unistr.h>

#include "normtext.h"
#include "unichar.h"
#include "util.h"

bool
normtext_is_ignorable(unsigned int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
	    c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F ||
	    c == 0x205F || c == 0x3000 || unichar_kind(c) != 0;
}

static void
grow(struct normtext *n, size_t *cap, size_t need)
{
	if (n->len + need + 1 <= *cap)
		return;
	while (n->len + need + 1 > *cap)
		*cap *= 2;
	n->s = xrealloc(n->s, *cap);
	n->orig = xreallocarray(n->orig, *cap, sizeof *n->orig);
	n->orig_end = xreallocarray(n->orig_end, *cap, sizeof *n->orig_end);
}

void
normtext_fold(const char *text, size_t len, bool fold, struct normtext *out)
{
	const uint8_t *p = (const uint8_t *)text, *end = p + len;
	size_t cap = len + 16;

	out->len = 0;
	out->s = xmalloc(cap);
	out->orig = xreallocarray(NULL, cap, sizeof *out->orig);
	out->orig_end = xreallocarray(NULL, cap, sizeof *out->orig_end);
	while (p < end) {
		size_t at = (size_t)(p - (const uint8_t *)text);
		ucs4_t c;
		int k = u8_mbtouc(&c, p, (size_t)(end - p));

		if (k <= 0)
			k = 1;
		if (c == 0xFFFD && !(k == 3 && p[0] == 0xEF)) {   /* invalid byte */
			p += k;
			continue;
		}
		if (normtext_is_ignorable(c)) {
			p += k;
			continue;
		}
		/* Combining marks after it join the unit, so that NFKC composes them: "ﾎﾟ" gives "ポ", "e\u0301" gives "é". */
		for (;;) {
			ucs4_t m;
			int km = p + k < end ? u8_mbtouc(&m, p + k, (size_t)(end - p - k)) : 0;

			if (km <= 0 || normtext_is_ignorable(m) || !((m >= 0x300 && m <= 0x36F) || m == 0x3099 ||
			    m == 0x309A || m == 0xFF9E || m == 0xFF9F))
				break;
			k += km;
		}
		if (c < 0x80 && k == 1) {
			char ch = (char)c;

			if (fold && ch >= 'A' && ch <= 'Z')
				ch = (char)(ch - 'A' + 'a');
			grow(out, &cap, 1);
			out->orig[out->len] = at;
			out->orig_end[out->len] = at + (size_t)k;
			out->s[out->len++] = ch;
		} else {
			uint8_t tmp[64];
			size_t n = sizeof tmp;
			uint8_t *r = fold ? u8_casefold(p, (size_t)k, NULL, UNINORM_NFKC, tmp, &n)
			    : u8_normalize(UNINORM_NFKC, p, (size_t)k, tmp, &n);

			if (r != NULL) {
				size_t j = 0;

				/* NFKC can yield spaces (U+3000 is handled above, but e.g. U+2474 "(1)") */
				grow(out, &cap, n);
				for (; j < n; j++) {
					if (r[j] == ' ')
						continue;
					out->orig[out->len] = at;
					out->orig_end[out->len] = at + (size_t)k;
					out->s[out->len++] = (char)r[j];
				}
				if (r != tmp)
					free(r);
			}
		}
		p += k;
	}
	out->s[out->len] = '\0';
	out->orig[out->len] = len;
	out->orig_end[out->len] = len;
}

void
normtext_free(struct normtext *n)
{
	free(n->s);
	free(n->orig);
	free(n->orig_end);
	memset(n, 0, sizeof *n);
}

char *
normtext_fold_str(const char *s, bool fold)
{
	struct normtext n;
	char *r;

	normtext_fold(s, strlen(s), fold, &n);
	r = n.s;
	n.s = NULL;
	normtext_free(&n);
	return r;
}
