/* phone.c — phone numbers as people write them, compared with the brand's own. */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "brands.h"
#include "findings.h"
#include "i18n.h"
#include "phone.h"
#include "util.h"

#define PHONE_MAX 200
/* Numbers are looked for in the first MiB of text (a phone number to call sits near the top of a lure). */
#define PHONE_SCAN_MAX (1u << 20)

/* One character mapped for scanning: '0'-'9', '+', '-' (any dash), ' ', '(' / ')', or 'x' (anything else), 'a' (a letter). */
struct pc {
	uint32_t start;    /* byte offset; the character ends where the next one starts */
	char c;
};

static char
classify(ucs4_t c)
{
	if (c >= '0' && c <= '9')
		return (char)c;
	if (c >= 0xFF10 && c <= 0xFF19)
		return (char)('0' + (c - 0xFF10));
	if (c == '+' || c == 0xFF0B)
		return '+';
	if (c == '-' || c == 0xFF0D || c == 0x2212 || (c >= 0x2010 && c <= 0x2015) || c == 0x30FC ||
	    c == 0xFF70 || c == '.')
		return '-';
	if (c == ' ' || c == 0x3000 || c == 0xA0)
		return ' ';
	if (c == '(' || c == 0xFF08)
		return '(';
	if (c == ')' || c == 0xFF09)
		return ')';
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xFF21 && c <= 0xFF5A))
		return 'a';
	return 'x';
}

/* Normalise a run of digits and separators; NULL when it is no phone number. */
static char *
judge(const char *d, size_t nd, bool plus, int groups, int maxgroup)
{
	char num[40];

	if (nd >= sizeof num - 2)
		return NULL;
	if (plus) {
		if (nd >= 3 && d[0] == '8' && d[1] == '1') {
			/* +81 (0)3-... : drop the trunk zero if written */
			size_t k = 2;

			if (d[k] == '0')
				k++;
			num[0] = '0';
			memcpy(num + 1, d + k, nd - k);
			num[1 + nd - k] = '\0';
			nd = strlen(num);
			if (nd < 10 || nd > 11)
				return NULL;
			return xstrdup(num);
		}
		if (nd < 8 || nd > 15 || groups < 2)
			return NULL;
		num[0] = '+';
		memcpy(num + 1, d, nd);
		num[nd + 1] = '\0';
		return xstrdup(num);
	}
	/* Japanese: 0 then a non-zero digit, 10 or 11 digits; an unbroken run only when it is exactly that. */
	if (d[0] != '0' || d[1] == '0' || nd < 10 || nd > 11)
		return NULL;
	if (groups == 1 && nd != 10 && nd != 11)
		return NULL;
	if (groups > 1 && (groups > 4 || maxgroup > 5 + (groups == 2 ? 3 : 0)))
		return NULL;
	memcpy(num, d, nd);
	num[nd] = '\0';
	return xstrdup(num);
}

size_t
phone_find(const char *text, size_t len, struct phone *out, size_t max)
{
	struct pc *v;
	size_t nv = 0, n = 0;
	const uint8_t *p = (const uint8_t *)text, *end = p + len;

	if (text == NULL || len == 0 || max == 0)
		return 0;
	if (len > PHONE_SCAN_MAX) {
		len = PHONE_SCAN_MAX;
		end = p + len;
	}
	v = xreallocarray(NULL, len + 1, sizeof *v);
	while (p < end) {
		ucs4_t c;
		int k = u8_mbtouc(&c, p, (size_t)(end - p));

		if (k <= 0)
			k = 1;
		v[nv].c = classify(c);
		v[nv].start = (uint32_t)(p - (const uint8_t *)text);
		nv++;
		p += k;
	}
	v[nv].start = (uint32_t)(p - (const uint8_t *)text);   /* sentinel: the end of the last character */
	v[nv].c = 'x';
	for (size_t i = 0; i < nv && n < max;) {
		char digits[40];
		size_t nd = 0, j = i, last = i, groups = 0, glen = 0, maxgroup = 0;
		bool plus = false, open = false;
		char prev = i > 0 ? v[i - 1].c : 'x';
		char *num;

		if (!((v[i].c >= '0' && v[i].c <= '9') || v[i].c == '+' || v[i].c == '(') ||
		    (prev >= '0' && prev <= '9') || prev == 'a' || prev == '+' ||
		    (prev == '-' && i > 1 && v[i - 2].c >= '0' && v[i - 2].c <= '9')) {
			i++;
			continue;
		}
		if (v[j].c == '+') {
			plus = true;
			j++;
		}
		for (; j < nv; j++) {
			char c = v[j].c;

			if (c >= '0' && c <= '9') {
				if (nd < sizeof digits)
					digits[nd++] = c;
				glen++;
				last = j;
			} else if ((c == '-' || c == ' ' || c == '(' || c == ')') && j + 1 < nv) {
				char nx = v[j + 1].c;

				/* A complete number followed by "(9:00-18:00)" or more figures: stop. */
				if (nd >= (plus ? 11u : 10u) && c != ')')
					break;

				if (glen > 0) {
					groups++;
					if (glen > maxgroup)
						maxgroup = glen;
					glen = 0;
				}
				if (c == '(')
					open = true;
				if (c == ')') {
					if (!open)
						break;
					open = false;
				}
				/* One separator between groups, or ") " / " (" pairs. */
				if (!((nx >= '0' && nx <= '9') || ((c == ')' || c == ' ') && (nx == ' ' || nx == '(')) ||
				    (c == ')' && nx == '-')))
					break;
				if (c == ' ' && nx == ' ')
					break;
			} else
				break;
		}
		if (glen > 0) {
			groups++;
			if (glen > maxgroup)
				maxgroup = glen;
		}
		/* Glued to a letter or digit after it: an id, not a number. */
		if (last + 1 < nv && (v[last + 1].c == 'a' || (v[last + 1].c >= '0' && v[last + 1].c <= '9'))) {
			i = last + 1;
			continue;
		}
		if (nd > 0 && (num = judge(digits, nd, plus, (int)groups, (int)maxgroup)) != NULL) {
			out[n].number = num;
			out[n].start = v[i].c == '(' && !plus ? v[i].start : v[i].start;
			out[n].end = v[last + 1].start;
			n++;
		}
		i = last + 1 > i ? last + 1 : i + 1;
	}
	free(v);
	return n;
}

char *
phone_normalise(const char *s)
{
	struct phone ph[2];
	size_t n = phone_find(s, strlen(s), ph, 2);
	char *r = NULL;

	if (n >= 1)
		r = ph[0].number;
	for (size_t i = 1; i < n; i++)
		free(ph[i].number);
	return r;
}

void
phone_check(const char *body, size_t len, const struct brands *b, const struct brand *claimed,
    const long (*skip)[2], size_t nskip, struct findings *fs)
{
	struct phone *ph;
	size_t n;

	if (claimed == NULL || body == NULL || !brands_have_phones(b, claimed))
		return;
	ph = xreallocarray(NULL, PHONE_MAX, sizeof *ph);
	n = phone_find(body, len, ph, PHONE_MAX);
	for (size_t i = 0; i < n; i++) {
		bool dup = false, skipped = false;

		for (size_t k = 0; k < nskip && !skipped; k++)
			skipped = (long)ph[i].start < skip[k][1] && skip[k][0] < (long)ph[i].end;
		for (size_t k = 0; k < i && !dup; k++)
			dup = strcmp(ph[k].number, ph[i].number) == 0;
		if (!skipped && !dup && !brands_has_phone(b, claimed, ph[i].number))
			finding_add(fs, F_PHONE_NOT_BRAND, -1, "body", (long)ph[i].start, (long)ph[i].end,
			    _("%.*s is not among the numbers %s publishes"), (int)(ph[i].end - ph[i].start),
			    body + ph[i].start, claimed->name);
	}
	for (size_t i = 0; i < n; i++)
		free(ph[i].number);
	free(ph);
}
