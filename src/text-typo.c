/* text-typo.c — TEXT_TYPO: near misses of the phrase lists, repeated fragments, "you" for "your" in phishing phrases. */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unistr.h>

#include "findings.h"
#include "i18n.h"
#include "phrase.h"
#include "text-int.h"
#include "util.h"

/* The words t (n code points) and w (m) differ by an English inflection ("accounts", "deliver"/"delivery"), or not at all. */
static bool
inflected(const ucs4_t *t, size_t n, const ucs4_t *w, size_t m)
{
	static const char *const suffix[] = {
		"s", "es", "ed", "d", "ing", "er", "ers", "or", "ors", "ly", "al", "y", "e", "ment",
		"ments", "ion", "ions", "ation", "'s", "able", "ity", "ness",
	};
	size_t k = 0;
	const ucs4_t *rest;
	size_t nrest;

	while (k < n && k < m && t[k] == w[k])
		k++;
	if (k == n && k == m)
		return true;
	if (k == n)
		rest = w + k, nrest = m - k;
	else if (k == m)
		rest = t + k, nrest = n - k;
	else
		return false;
	for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
		size_t l = strlen(suffix[i]), x;

		if (l != nrest)
			continue;
		for (x = 0; x < l && rest[x] == (ucs4_t)suffix[i][x]; x++)
			;
		if (x == l)
			return true;
	}
	return false;
}

/* The text at [s, e) and the phrase differ by an English inflection. */
static bool
latin_inflection(const struct nstream *ns, const struct phrase *p, size_t s, size_t e)
{
	return inflected(ns->c + s, e - s, p->c, p->len);
}

/* Every difference between the phrase and the text at [s, e) is a look-alike letter ("Iog in", "B0NUS"): disguise, not a slip of the hand. */
static bool
lookalike_only(const struct nstream *ns, const struct phrase *p, size_t s, size_t e)
{
	bool any = false;

	if (e - s != p->len)
		return false;
	for (size_t i = 0; i < p->len; i++) {
		if (ns->c[s + i] == p->c[i])
			continue;
		if (!phrase_lookalike(p->c[i], ns->c[s + i]))
			return false;
		any = true;
	}
	return any;
}

static bool
is_wordc(ucs4_t c)
{
	return c < 0x80 ? is_word_char(c) || c == '\'' : is_latin_letter(c) || c == 0x2019;
}

/* "your" and the forms a hurried or foreign writer puts for it. */
static bool
your_form(const ucs4_t *w, size_t n)
{
	static const char *const forms[] = { "you", "your", "you're", "youre", "ur", "yours", "you\xe2\x80\x99re" };
	char b[16];
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		if (w[i] == 0x2019)
			k += (size_t)u8_uctomb((uint8_t *)b + k, w[i], (int)(sizeof b - k - 1));
		else if (w[i] < 0x80 && k + 1 < sizeof b)
			b[k++] = (char)w[i];
		else
			return false;
		if (k + 4 >= sizeof b)
			return false;
	}
	b[k] = '\0';
	for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++)
		if (strcmp(b, forms[i]) == 0)
			return true;
	return false;
}

/* At most one insertion, deletion, substitution or swap of neighbours between a (n) and b (m). */
static bool
one_edit(const ucs4_t *a, size_t n, const ucs4_t *b, size_t m)
{
	size_t i = 0;

	if (n > m)
		return one_edit(b, m, a, n);
	if (m - n > 1)
		return false;
	while (i < n && a[i] == b[i])
		i++;
	if (i == n)
		return true;
	if (n == m)
		return memcmp(a + i + 1, b + i + 1, (n - i - 1) * sizeof *a) == 0 ||
		    (i + 1 < n && a[i] == b[i + 1] && a[i + 1] == b[i] && memcmp(a + i + 2, b + i + 2, (n - i - 2) * sizeof *a) == 0);
	return memcmp(a + i, b + i + 1, (n - i) * sizeof *a) == 0;
}

/* Text word against phrase word: 0 the same (or inflected), 1 misspelt, 2 another word. */
static int
word_cmp(const ucs4_t *t, size_t n, const ucs4_t *w, size_t m)
{
	if (inflected(t, n, w, m))
		return 0;
	if (your_form(w, m) && your_form(t, n))
		return 1;
	if (n >= 4 && m >= 4 && one_edit(t, n, w, m))
		return 1;
	return 2;
}

/*
 * A phishing phrase ("=verify your account") that the words around the near
 * miss c of the one-word phrase p complete: every other word the same or
 * inflected, at most (k - 1) / 2 of them misspelt themselves. Words are
 * joined by single spaces (any other punctuation ends the phrase). Returns
 * the phrase, or NULL: a lone misspelt word is a human's slip.
 */
static const struct phrase *
phish_around(const struct nstream *ns, const struct phrase *p, const struct cand *c)
{
	if (!p->word || (c->s > 0 && is_wordc(ns->c[c->s - 1])) || (c->e < ns->n && is_wordc(ns->c[c->e])))
		return NULL;
	for (size_t qi = 0; qi < phrase_phish_count(); qi++) {
		const struct phrase *q = phrase_phish(qi);
		size_t ws[16], we[16], k = 0;

		if (!q->phish)
			continue;
		/* the phrase's words */
		for (size_t i = 0; i < q->len && k < 16;) {
			while (i < q->len && q->c[i] == ' ')
				i++;
			if (i == q->len)
				break;
			ws[k] = i;
			while (i < q->len && q->c[i] != ' ')
				i++;
			we[k++] = i;
		}
		for (size_t j = 0; j < k; j++) {
			size_t near = 0, pos;
			bool ok = true;

			if (we[j] - ws[j] != p->len || memcmp(q->c + ws[j], p->c, p->len * sizeof *p->c) != 0)
				continue;
			/* words before, right to left */
			pos = c->s;
			for (size_t x = j; x-- > 0 && ok;) {
				size_t e, s;

				if (pos < 2 || ns->c[pos - 1] != ' ' || !is_wordc(ns->c[pos - 2])) {
					ok = false;
					break;
				}
				e = pos - 1;
				for (s = e; s > 0 && is_wordc(ns->c[s - 1]); s--)
					;
				switch (word_cmp(ns->c + s, e - s, q->c + ws[x], we[x] - ws[x])) {
				case 0: break;
				case 1: near++; break;
				default: ok = false;
				}
				pos = s;
			}
			/* and after, left to right */
			pos = c->e;
			for (size_t x = j + 1; x < k && ok; x++) {
				size_t s, e;

				if (pos + 1 >= ns->n || ns->c[pos] != ' ' || !is_wordc(ns->c[pos + 1])) {
					ok = false;
					break;
				}
				s = pos + 1;
				for (e = s; e < ns->n && is_wordc(ns->c[e]); e++)
					;
				switch (word_cmp(ns->c + s, e - s, q->c + ws[x], we[x] - ws[x])) {
				case 0: break;
				case 1: near++; break;
				default: ok = false;
				}
				pos = e;
			}
			if (ok && k >= 2 && near <= (k - 1) / 2)
				return q;
		}
	}
	return NULL;
}

/* The quoted text of [s, e) and its byte span. */
static char *
stream_quote(const char *src, const struct nstream *ns, size_t s, size_t e, size_t *bs, size_t *be)
{
	*bs = ns->from[s];
	*be = ns->to[e - 1];
	return text_excerpt(src + *bs, *be - *bs, EXCERPT_COLS);
}

/*
 * Phishing phrases whose words are all there but "your" is put as "you" or
 * "you're" ("verify you account"): the grammar of a foreign writer in the
 * phrase phishing uses. Adds a TEXT_TYPO on the wrong form; taken marks
 * text already reported.
 */
static void
phish_your(const char *src, const struct nstream *ns, const char *where, long base, bool *taken,
    size_t *emitted, struct findings *fs)
{
	for (size_t i = 0; i < ns->n && *emitted < MAX_PER_FIELD && phrase_phish_count() > 0; i++) {
		if (!is_wordc(ns->c[i]) || (i > 0 && is_wordc(ns->c[i - 1])))
			continue;
		for (size_t qi = 0; qi < phrase_phish_count() && *emitted < MAX_PER_FIELD; qi++) {
			const struct phrase *q = phrase_phish(qi);
			size_t pos = i, qp = 0, bad_s = 0, bad_e = 0, nbad = 0;
			bool ok = true;

			if (!q->phish || q->c[0] != ns->c[i])
				continue;
			while (ok && qp < q->len) {
				size_t qe = qp, e = pos;

				while (qe < q->len && q->c[qe] != ' ')
					qe++;
				while (e < ns->n && is_wordc(ns->c[e]))
					e++;
				if (e == pos)
					ok = false;
				else if (!inflected(ns->c + pos, e - pos, q->c + qp, qe - qp)) {
					if (your_form(ns->c + pos, e - pos) && your_form(q->c + qp, qe - qp) && nbad == 0)
						bad_s = pos, bad_e = e, nbad++;
					else
						ok = false;
				}
				qp = qe;
				pos = e;
				if (ok && qp < q->len) {   /* one space between the words */
					qp++;
					if (pos >= ns->n || ns->c[pos] != ' ')
						ok = false;
					pos++;
				}
			}
			if (!ok || nbad != 1 || (pos < ns->n && is_wordc(ns->c[pos])) || taken[bad_s])
				continue;
			{
				size_t bs, be;
				char *w = stream_quote(src, ns, bad_s, bad_e, &bs, &be);

				finding_add(fs, F_TEXT_TYPO, -1, where, base + (long)bs, base + (long)be,
				    _("\"%s\" for \"your\" in \"%s\""), w, q->text);
				free(w);
			}
			for (size_t x = bad_s; x < bad_e; x++)
				taken[x] = true;
			(*emitted)++;
			break;
		}
	}
}

void
text_typo_check(const char *src, const struct nstream *ns, const char *where, long base, struct findings *fs)
{
	struct cands cs = { NULL, 0, 0 };
	size_t emitted = 0;
	bool *taken;

	if (phrase_count() == 0 || ns->n < 2)
		return;
	phrase_candidates(ns, &cs);
	taken = xcalloc(ns->n + 1, sizeof *taken);

	/* Repeated fragments after an exact match: "Ltd.td.", "申し上げます上げます". */
	for (size_t i = 0; i < cs.n && emitted < MAX_PER_FIELD; i++) {
		const struct cand *c = &cs.v[i];
		const struct phrase *p = phrase_get(c->phrase);

		if (c->cost != 0 || p->len < 3)
			continue;
		for (size_t k = p->len - 1; k >= 2; k--) {
			size_t letters = 0, s, e;

			if (c->e + k > ns->n || memcmp(ns->c + c->e, p->c + p->len - k, k * sizeof(ucs4_t)) != 0)
				continue;
			for (size_t x = 0; x < k; x++)
				letters += is_word_char(p->c[p->len - k + x]);
			if (letters < 2)
				continue;
			if (c->e + k < ns->n && is_latin_letter(p->c[p->len - 1]) && is_latin_letter(ns->c[c->e + k]))
				continue;
			if (c->e + k < ns->n && is_kana(p->c[p->len - 1]) && is_kana(ns->c[c->e + k]))
				continue;
			s = c->s, e = c->e + k;
			if (p->latin_start) {   /* the whole token: "Co,Ltd.td." */
				while (s > 0 && ns->c[s - 1] != ' ')
					s--;
				while (e < ns->n && ns->c[e] != ' ')
					e++;
			}
			if (taken[s])
				break;
			{
				struct buf rep;
				size_t bs, be;
				char *q = stream_quote(src, ns, s, e, &bs, &be);

				buf_init(&rep);
				u32_to_buf(&rep, p->c + p->len - k, k);
				finding_add(fs, F_TEXT_TYPO, -1, where, base + (long)bs, base + (long)be,
				    _("\"%s\" repeats \"%s\" after \"%s\""), q, rep.s, p->text);
				buf_free(&rep);
				free(q);
			}
			for (size_t x = s; x < e; x++)
				taken[x] = true;
			emitted++;
			break;
		}
	}

	/* Near misses: not inside an exact match of any phrase, not covered by correctly spelt phrases, longest phrase first. */
	bool any_near = false;

	for (size_t i = 0; i < cs.n && !any_near; i++)
		any_near = cs.v[i].cost > 0;
	if (any_near) {
		bool *good = xcalloc(ns->n + 1, sizeof *good);
		size_t *reach = xcalloc(ns->n + 1, sizeof *reach);   /* furthest end of an exact match starting at or before x */

		for (size_t i = 0; i < cs.n; i++)
			if (cs.v[i].cost == 0) {
				if (cs.v[i].e > reach[cs.v[i].s])
					reach[cs.v[i].s] = cs.v[i].e;
				for (size_t x = cs.v[i].s; x < cs.v[i].e; x++)
					good[x] = true;
			}
		for (size_t x = 1; x <= ns->n; x++)
			if (reach[x - 1] > reach[x])
				reach[x] = reach[x - 1];
		for (size_t i = 0; i < cs.n; i++)
			if (cs.v[i].cost > 0 && reach[cs.v[i].s] >= cs.v[i].e)
				cs.v[i].cost = -1;
		free(reach);
		for (size_t i = 0; i < cs.n; i++) {
			bool covered = cs.v[i].cost > 0;

			for (size_t x = cs.v[i].s; x < cs.v[i].e && covered; x++)
				covered = good[x];
			if (covered)
				cs.v[i].cost = -1;
		}
		free(good);
	}
	for (;;) {
		struct cand *bestc = NULL;

		for (size_t i = 0; i < cs.n; i++) {
			struct cand *c = &cs.v[i];
			const struct phrase *p = phrase_get(c->phrase);
			bool inside = false, clash = false;

			if (c->cost <= 0)
				continue;
			if (!inside && p->latin_start && latin_inflection(ns, p, c->s, c->e))
				inside = true;
			if (!inside && p->context && !lookalike_only(ns, p, c->s, c->e) && phish_around(ns, p, c) == NULL)
				inside = true;
			for (size_t x = c->s; x < c->e && !clash; x++)
				clash = taken[x];
			if (!inside && p->latin_start)   /* homoglyphs are TEXT_MIXED_SCRIPT's */
				for (size_t x = c->s; x < c->e && !inside; x++)
					inside = ns->c[x] >= 0x80 && uc_is_alpha(ns->c[x]) && !is_latin_letter(ns->c[x]);
			if (inside || clash) {
				c->cost = -1;
				continue;
			}
			if (bestc == NULL || p->len > phrase_get(bestc->phrase)->len ||
			    (p->len == phrase_get(bestc->phrase)->len && c->cost < bestc->cost))
				bestc = c;
		}
		if (bestc == NULL || emitted >= MAX_PER_FIELD)
			break;
		{
			size_t bs, be;
			char *q = stream_quote(src, ns, bestc->s, bestc->e, &bs, &be);

			const struct phrase *bp = phrase_get(bestc->phrase);
			const struct phrase *ph = bp->context && !lookalike_only(ns, bp, bestc->s, bestc->e) ?
			    phish_around(ns, bp, bestc) : NULL;

			if (ph != NULL)
				finding_add(fs, F_TEXT_TYPO, -1, where, base + (long)bs, base + (long)be,
				    _("\"%s\": probably \"%s\" (%s) in \"%s\""), q, bp->text,
				    bestc->edits != NULL ? bestc->edits : "", ph->text);
			else
				finding_add(fs, F_TEXT_TYPO, -1, where, base + (long)bs, base + (long)be,
				    _("\"%s\": probably \"%s\" (%s)"), q, bp->text,
				    bestc->edits != NULL ? bestc->edits : "");
			free(q);
		}
		for (size_t x = bestc->s; x < bestc->e; x++)
			taken[x] = true;
		bestc->cost = -1;
		emitted++;
	}
	phish_your(src, ns, where, base, taken, &emitted, fs);
	for (size_t i = 0; i < cs.n; i++)
		free(cs.v[i].edits);
	free(cs.v);
	free(taken);
}
