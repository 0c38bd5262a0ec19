/* text-urgency.c — TEXT_URGENCY: deadline, suspension and threat wording, weighed by what stands near it. */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "findings.h"
#include "i18n.h"
#include "phrase.h"
#include "text-int.h"
#include "util.h"

/* The kinds the shipped urgency lists use, for the catalogue; user kinds are shown as written. */
static const char *const urgency_kinds[] = { N_("deadline"), N_("suspension"), N_("threat"), N_("loss") };

static const char *
kind_label(const char *kind)
{
	for (size_t i = 0; i < sizeof urgency_kinds / sizeof urgency_kinds[0]; i++)
		if (strcmp(kind, urgency_kinds[i]) == 0)
			return _(urgency_kinds[i]);
	return kind;
}

#define URGENCY_NEAR 240   /* code points of the match stream: "near" for urgency context (a paragraph or two) */

struct uhit {
	size_t s, e;
	const struct phrase *p;
	int cls;                  /* 0 deadline, 1 pressure (suspension, threat, loss), 2 action (context only) */
};

/* Stream positions where a URL starts ("http://", "https://", "www."). */
static bool
url_at(const struct nstream *ns, size_t i)
{
	static const char *const pre[] = { "http://", "https://", "www." };

	if (i > 0 && is_word_char(ns->c[i - 1]))
		return false;
	for (size_t k = 0; k < 3; k++) {
		size_t l = strlen(pre[k]), x = 0;

		while (x < l && i + x < ns->n && ns->c[i + x] == (ucs4_t)pre[k][x])
			x++;
		if (x == l)
			return true;
	}
	return false;
}

/* The line of the hit starts with '>': quoted from another mail. */
static bool
quoted_at(const char *src, size_t bs)
{
	size_t b = bs;

	while (b > 0 && src[b - 1] != '\n')
		b--;
	while (b < bs && (src[b] == ' ' || src[b] == '\t'))
		b++;
	return src[b] == '>';
}

/* Just before stream position i the text names a link or code ("this link will expire", "このURLの有効期限"): the mail's own token, not a threat. */
static bool
token_before(const struct nstream *ns, size_t i)
{
	static const ucs4_t *const words[] = {
		U"link", U"url", U"code", U"token", U"リンク", U"コード", U"認証番号", U"確認番号",
	};
	size_t from = i > 40 ? i - 40 : 0;

	for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
		size_t l = 0;

		while (words[k][l] != 0)
			l++;
		for (size_t x = from; x + l <= i; x++)
			if (memcmp(ns->c + x, words[k], l * sizeof(ucs4_t)) == 0)
				return true;
	}
	return false;
}

/*
 * TEXT_URGENCY, weighed by what stands near the wording: a deadline or a
 * threat with the other, or with a call to act ("click here", "ログイン",
 * kind "action" in the lists), or a threat in a mail with a link, is
 * pressure (the default severity); a threat alone or a deadline next to a
 * link is low; a deadline alone ("as soon as
 * possible" in a colleague's reply), the lifetime of the mail's own link or
 * code ("this link will expire in 6 hours"), any wording in a delivery report
 * or on a quoted line is info.
 */
static void
urgency_check(const char *src, const struct nstream *ns, const char *where, long base, const struct urgency_ctx *ux,
    struct findings *fs)
{
	struct uhit *h = NULL;
	size_t nh = 0, cap = 0, *urls = NULL, nurls = 0, ucap = 0, emitted = 0;
	int inside = 0;

	if (phrase_urgency_count() == 0)
		return;
	for (size_t i = 0; i < ns->n; i++) {
		size_t e = 0;
		const struct phrase *hit;

		if ((ns->c[i] == 'h' || ns->c[i] == 'w') && url_at(ns, i)) {
			if (nurls == ucap) {
				ucap = ucap ? ucap * 2 : 16;
				urls = xreallocarray(urls, ucap, sizeof *urls);
			}
			urls[nurls++] = i;
		}
		/* inside an English word or number no pattern starts (they start at word boundaries) */
		if (i > 0 && ns->c[i] < 0x80 && ns->c[i - 1] < 0x80 && is_word_char(ns->c[i]) && is_word_char(ns->c[i - 1]))
			continue;
		if ((hit = phrase_urgency_at(ns, i, &e)) == NULL)
			continue;
		if (nh == cap) {
			cap = cap ? cap * 2 : 16;
			h = xreallocarray(h, cap, sizeof *h);
		}
		h[nh].s = i;
		h[nh].e = e;
		h[nh].p = hit;
		h[nh].cls = hit->kind == NULL ? 1 : strcmp(hit->kind, "deadline") == 0 ? 0 : strcmp(hit->kind, "action") == 0 ? 2 : 1;
		if (h[nh].cls != 0 && inside < 2)
			inside = 2;
		nh++;
		i = e - 1;
	}
	if (nurls > 0 || (ux != NULL && ux->nlinks > 0))
		inside = inside ? inside : 1;
	for (size_t k = 0; k < nh && emitted < MAX_PER_FIELD; k++) {
		const struct uhit *u = &h[k];
		size_t bs = ns->from[u->s], be = ns->to[u->e - 1];
		bool press = false, act = false, link = false;
		int sev;
		char *q;

		if (u->cls == 2)
			continue;
		/* what stands near: other wording (hits are in text order: look outwards), URLs, links */
		for (size_t x = k; x-- > 0 && h[x].e + URGENCY_NEAR >= u->s;) {
			act |= h[x].cls == 2;
			press |= h[x].cls != 2 && h[x].cls != u->cls;
		}
		for (size_t x = k + 1; x < nh && h[x].s <= u->e + URGENCY_NEAR; x++) {
			act |= h[x].cls == 2;
			press |= h[x].cls != 2 && h[x].cls != u->cls;
		}
		for (size_t x = 0; x < nurls && !link; x++)
			link = (urls[x] > u->s ? urls[x] - u->s : u->s - urls[x]) <= URGENCY_NEAR;
		for (size_t x = 0; ux != NULL && x < ux->nlinks && !link; x++) {
			size_t lb = ux->links[x], near = 3 * URGENCY_NEAR;   /* bytes: Japanese is three a code point */

			link = (lb > bs ? lb - bs : bs - lb) <= near;
		}
		if (ux != NULL && ux->outside == 2)
			act = true;
		else if (ux != NULL && ux->outside == 1)
			link = true;
		if (press || act || (u->cls == 1 && (nurls > 0 || (ux != NULL && (ux->nlinks > 0 || ux->outside == 1)))))
			sev = -1;   /* a threat and a link anywhere in the mail: the shape of phishing */
		else if (u->cls == 1 || link)
			sev = SEV_LOW;
		else
			sev = SEV_INFO;
		if ((ux != NULL && ux->bounce) || quoted_at(src, bs) || (u->cls == 0 && token_before(ns, u->s)))
			sev = SEV_INFO;
		q = text_excerpt(src + bs, be - bs, EXCERPT_COLS);
		if (strcmp(q, u->p->text) == 0)   /* as listed: the kind is news enough */
			finding_add(fs, F_TEXT_URGENCY, sev, where, base + (long)bs, base + (long)be,
			    _("\"%s\" (%s)"), q, u->p->kind != NULL ? kind_label(u->p->kind) : _("urgency"));
		else
			finding_add(fs, F_TEXT_URGENCY, sev, where, base + (long)bs, base + (long)be,
			    _("\"%s\" (%s: \"%s\")"), q, u->p->kind != NULL ? kind_label(u->p->kind) : _("urgency"), u->p->text);
		free(q);
		emitted++;
	}
	if (ux != NULL && ux->inside != NULL)
		*ux->inside = inside;
	free(h);
	free(urls);
}


/*
 * urgency_check over the window of s starting at ws (ns built on it): the
 * context's link offsets are moved into the window, and what the window found
 * around its wording adds to what the field found so far.
 */
void
text_urgency_window(const char *s, size_t ws, const struct nstream *ns, const char *where, long base,
    const struct urgency_ctx *ux, struct findings *fs)
{
	struct urgency_ctx w;
	size_t *links = NULL;
	int inside = 0;

	if (ux == NULL) {
		urgency_check(s + ws, ns, where, base + (long)ws, NULL, fs);
		return;
	}
	w = *ux;
	w.nlinks = 0;
	if (ux->nlinks > 0)
		links = xreallocarray(NULL, ux->nlinks, sizeof *links);
	for (size_t i = 0; i < ux->nlinks; i++)
		if (ux->links[i] >= ws)
			links[w.nlinks++] = ux->links[i] - ws;
	w.links = links;
	w.inside = ux->inside != NULL ? &inside : NULL;
	urgency_check(s + ws, ns, where, base + (long)ws, &w, fs);
	if (ux->inside != NULL && inside > *ux->inside)
		*ux->inside = inside;
	free(links);
}
