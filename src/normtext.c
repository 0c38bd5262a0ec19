/* normtext.c — folding text for brand and confusable matching while keeping each byte's origin. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <unigbrk.h>
#include <uninorm.h>
#include <unistr.h>

#include "normtext.h"
#include "unichar.h"
#include "util.h"

bool
normtext_is_space(ucs4_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
	    c == 0xA0 || c == 0x3000 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F ||
	    c == 0x205F || c == 0x1680 || c == 0x85 || c == 0x2028 || c == 0x2029;
}

bool
normtext_is_ignorable(unsigned int c)
{
	return normtext_is_space(c) || unichar_kind(c) != 0;
}

/* Dropped from the normal form: the unichar table, Unicode's default-ignorables, C0 and C1 controls. */
static uint8_t drop_cache[0x10000];   /* the BMP: 0 unknown, 1 kept, 2 dropped */

static bool
dropped(ucs4_t c)
{
	bool d;

	if (c < 0xa0)
		return c < 0x20 || c >= 0x7f;
	if (c < 0x10000) {
		uint8_t v = __atomic_load_n(&drop_cache[c], __ATOMIC_RELAXED);

		if (v != 0)
			return v == 2;
	}
	d = unichar_kind(c) != 0 || uc_is_property_default_ignorable_code_point(c);
	if (c < 0x10000)
		__atomic_store_n(&drop_cache[c], d ? 2 : 1, __ATOMIC_RELAXED);
	return d;
}

/* NFKC-stable single code points, cached for the BMP: 0 unknown, 1 stable, 2 not. */
static uint8_t nfkc_cache[0x10000];

static bool
nfkc_stable(ucs4_t c)
{
	ucs4_t out[8];
	size_t n = 8;
	ucs4_t *r;
	bool ok;

	if (c < 0xa0)
		return true;
	if (c < 0x10000) {
		uint8_t v = __atomic_load_n(&nfkc_cache[c], __ATOMIC_RELAXED);

		if (v != 0)
			return v == 1;
	}
	r = u32_normalize(UNINORM_NFKC, &c, 1, out, &n);
	ok = r != NULL && n == 1 && r[0] == c;
	if (r != NULL && r != out)
		free(r);
	if (c < 0x10000)
		__atomic_store_n(&nfkc_cache[c], ok ? 1 : 2, __ATOMIC_RELAXED);
	return ok;
}

static ucs4_t
lower(ucs4_t c)
{
	if (c < 0x80)
		return c >= 'A' && c <= 'Z' ? c + 32 : c;
	return uc_tolower(c);
}

/* One normalised code point into out: white space as ' ', the dropped ones not at all. */
static void
put(ucs4_t c, bool fold, ucs4_t *out, size_t *n)
{
	if (normtext_is_space(c))
		c = ' ';
	else if (dropped(c))
		return;
	else if (fold)
		c = lower(c);
	if (*n < NORMTEXT_UNIT_MAX)
		out[(*n)++] = c;
}

size_t
normtext_unit(const char *s, size_t len, size_t i, bool fold, ucs4_t *out, size_t *n)
{
	const uint8_t *p = (const uint8_t *)s;
	ucs4_t cl[32], c;
	size_t k = 0, at = i;
	int m;

	*n = 0;
	if (i >= len)
		return 0;
	if (p[i] < 0x80) {   /* ASCII: never composes with what follows below U+0300 */
		put(p[i], fold, out, n);
		if (i + 1 >= len || p[i + 1] < 0xcc)   /* U+0300 starts at 0xCC 0x80 */
			return 1;
	}
	m = u8_mbtouc(&c, p + i, len - i);
	if (m <= 0)
		return 1;
	if (c == 0xFFFD && !(m == 3 && p[i] == 0xEF)) {   /* an invalid byte: dropped */
		*n = 0;
		return (size_t)m;
	}
	cl[k++] = c;
	i += (size_t)m;
	/* the grapheme cluster (UAX #29, without the emoji rules): the marks NFKC composes with their base */
	while (i < len) {
		ucs4_t d;
		int m2 = u8_mbtouc(&d, p + i, len - i);

		if (m2 <= 0 || d < 0x300 || uc_is_grapheme_break(cl[k - 1], d) || k == sizeof cl / sizeof cl[0])
			break;
		cl[k++] = d;
		i += (size_t)m2;
	}
	*n = 0;
	if (k == 1 && nfkc_stable(c)) {
		put(c, fold, out, n);
		return i - at;
	}
	{
		ucs4_t buf[NORMTEXT_UNIT_MAX], *r;
		size_t nr = NORMTEXT_UNIT_MAX;

		r = u32_normalize(UNINORM_NFKC, cl, k, buf, &nr);
		if (r != NULL) {
			for (size_t j = 0; j < nr; j++)
				put(r[j], fold, out, n);
			if (r != buf)
				free(r);
		}
	}
	return i - at;
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
	size_t cap = len + 16;

	out->len = 0;
	out->s = xmalloc(cap);
	out->orig = xreallocarray(NULL, cap, sizeof *out->orig);
	out->orig_end = xreallocarray(NULL, cap, sizeof *out->orig_end);
	for (size_t i = 0; i < len;) {
		ucs4_t u[NORMTEXT_UNIT_MAX];
		size_t nu, k = normtext_unit(text, len, i, fold, u, &nu);

		for (size_t j = 0; j < nu; j++) {
			uint8_t tmp[6];
			int w;

			if (u[j] == ' ')   /* matching ignores white space */
				continue;
			w = u8_uctomb(tmp, u[j], sizeof tmp);
			if (w <= 0)
				continue;
			grow(out, &cap, (size_t)w);
			for (int x = 0; x < w; x++) {
				out->orig[out->len] = i;
				out->orig_end[out->len] = i + k;
				out->s[out->len++] = (char)tmp[x];
			}
		}
		i += k;
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
