/* lookalike.c — brand look-alikes inside host names: skeletons, substitutions, affixes and one-letter typos per label. */
#include "config.h"

#include <idn2.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unistr.h>

#include "address.h"
#include "brands.h"
#include "confusable.h"
#include "domain.h"
#include "findings.h"
#include "i18n.h"
#include "lookalike.h"
#include "url.h"
#include "util.h"

static bool
in_list(const char *const *v, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return true;
	return false;
}

#define IN(list, s) in_list(list, sizeof list / sizeof list[0], s)

/*
 * Brand tokens that are ordinary words: as host labels they name
 * everything else far more often than the brand ("live.example.com",
 * "mobile.example.com", "meta.stackexchange.com"). They count only when the
 * registrable label is written with look-alike characters ("аpple.com").
 */
static const char *const words[] = {
	"apple", "banco", "boy", "caixa", "chase", "citi", "claro", "digital", "diners",
	"exodus", "fazenda", "ledger", "line", "live", "me", "meta", "mobile", "office", "otto",
	"outlook", "proton", "ripple", "steam", "tether", "visa", "vivo", "zoom",
};

/* Hyphen parts of brand domains that are no name of the brand ("rakuten-card", "tokyo-gas"). */
static const char *const parts_generic[] = {
	"account", "bank", "card", "credit", "direct", "global", "group", "japan", "login", "member",
	"money", "nord", "online", "phone", "point", "secure", "service", "smart", "smile", "sued",
	"support", "tokyo",
};

/* Real words one letter away from a brand token or containing one: never a typo of it nor an affixed form. */
static const char *const edit_words[] = {
	"americana", "correio", "dinners", "goggle", "lifecare", "lively", "resonance", "resonant", "shoppe", "telecom",
};

/* A hyphen part of written is one of edit_words ("resonance-lab": its "resona" is no affixed Resona). */
static bool
hit_in_word(const char *written)
{
	char *w = xstrdup(written), *save = NULL;
	bool r = false;

	for (char *p = strtok_r(w, "-", &save); p != NULL && !r; p = strtok_r(NULL, "-", &save))
		r = IN(edit_words, p);
	free(w);
	return r;
}

/*
 * The brands' own infrastructure under registrable domains the registry
 * deliberately leaves out (anyone can host there, brands.conf explains
 * why): their registrable label is no look-alike, the tenant's labels
 * in front of it still may be ("paypa1.onmicrosoft.com").
 */
static const char *const infra[] = {
	"amazonaws.com", "amazontrust.com", "amazon-adsystem.com", "ssl-images-amazon.com", "media-amazon.com",
	"googleapis.com", "googleusercontent.com", "googlesyndication.com", "googletagmanager.com",
	"googleadservices.com", "google-analytics.com", "googlevideo.com", "googlegroups.com",
	"youtube-nocookie.com", "yahoogroups.com", "yahooapis.com", "yahoodns.net",
	"dropboxusercontent.com", "cdninstagram.com", "facebookmail.com", "linkedinmobileapp.com",
	"microsoftstore.com", "spotifycdn.com", "netflixstudios.com", "paypal-communication.com",
	"paypal-community.com", "applecard.apple", "office.net", "outlookmobile.com", "onmicrosoft.com",
};

/* Names nobody can register (RFC 2606, RFC 6761): test fixtures, never an imitation. */
static bool
reserved(const char *org)
{
	static const char *const names[] = { "example.com", "example.net", "example.org" };
	static const char *const tlds[] = { "example", "test", "invalid", "localhost" };
	const char *tld = strrchr(org, '.');

	return IN(names, org) || (tld != NULL && IN(tlds, tld + 1));
}

/* The skeleton of each ASCII character, once: host labels are mostly ASCII and skeletons map character by character. */
static char *ascii_skel[128];
static pthread_once_t ascii_once = PTHREAD_ONCE_INIT;

static void
ascii_init(void)
{
	for (int c = 1; c < 128; c++) {
		char one[2] = { (char)c, '\0' }, *sk = confusable_skeleton(one);
		bool ascii = true;

		for (const char *p = sk; *p != '\0'; p++)
			ascii &= (unsigned char)*p < 0x80;
		if (ascii && strlen(sk) <= 4)
			ascii_skel[c] = sk;
		else
			free(sk);
	}
}

/* confusable_skeleton(s) through the table when every character of s is in it, else the full mapping. */
static char *
skeleton(const char *s)
{
	struct buf out;

	pthread_once(&ascii_once, ascii_init);
	for (const char *p = s; *p != '\0'; p++)
		if ((unsigned char)*p >= 0x80 || ascii_skel[(unsigned char)*p] == NULL)
			return confusable_skeleton(s);
	buf_init(&out);
	buf_add(&out, "", 0);
	for (const char *p = s; *p != '\0'; p++)
		buf_adds(&out, ascii_skel[(unsigned char)*p]);
	return buf_take(&out);
}

char *
lookalike_fold(const char *s)
{
	char *sk = skeleton(s), *out = xmalloc(strlen(sk) + 1), *o = out;

	/* The skeleton already maps 0 -> o, 1 and I -> l, m -> rn; fold what it leaves apart. */
	for (const char *p = sk; *p != '\0'; p++) {
		if (p[0] == 'v' && p[1] == 'v') {
			*o++ = 'w';
			p++;
		} else if (p[0] == 'c' && (p[1] == 'l' || p[1] == 'i')) {
			*o++ = 'd';
			p++;
		} else if (*p == 'i')
			*o++ = 'l';
		else if (*p == '5')
			*o++ = 's';
		else if (*p == '3')
			*o++ = 'e';
		else
			*o++ = *p;
	}
	*o = '\0';
	free(sk);
	return out;
}

/* ---- tokens ---- */

/* The bytes of s as a set (bit c % 64): a token can only be inside a unit whose set holds its own. */
static uint64_t
byte_mask(const char *s)
{
	uint64_t m = 0;

	for (; *s != '\0'; s++)
		m |= (uint64_t)1 << ((unsigned char)*s & 63);
	return m;
}


static void
token_add(struct lookalike_token **v, size_t *n, const char *plain)
{
	struct lookalike_token t;
	size_t pl = strlen(plain);

	if (pl < 2)
		return;
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*v)[i].plain, plain) == 0)
			return;
	t.plain = xstrdup(plain);
	ascii_lower(t.plain);
	t.fold = lookalike_fold(t.plain);
	t.len = strlen(t.fold);
	t.plen = pl;
	t.mask = byte_mask(t.fold);
	t.hyphen = strchr(t.plain, '-') != NULL;
	t.word = IN(words, t.plain);
	t.weak = t.word || pl <= 4;
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[(*n)++] = t;
}

static void
tokens_of_domain(struct lookalike_token **v, size_t *n, const char *dom)
{
	char *label = xstrndup(dom, strcspn(dom, "."));

	token_add(v, n, label);
	/* "sagawa-exp" -> "sagawa" too: hyphen parts that name the brand. */
	if (strchr(label, '-') != NULL) {
		char *save = NULL;

		for (char *p = strtok_r(label, "-", &save); p != NULL; p = strtok_r(NULL, "-", &save))
			if (strlen(p) >= 5 && !IN(parts_generic, p) && !IN(words, p))
				token_add(v, n, p);
	}
	free(label);
}

struct lookalike_token *
lookalike_tokens(const struct brand *br, size_t *n)
{
	struct lookalike_token *v = NULL;

	*n = 0;
	for (size_t i = 0; i < br->ndomains; i++)
		tokens_of_domain(&v, n, br->domains[i]);
	for (size_t i = 0; i < br->nmail_domains; i++)
		tokens_of_domain(&v, n, br->mail_domains[i]);
	if (br->name != NULL) {
		struct buf w;
		bool latin = true;

		buf_init(&w);
		buf_add(&w, "", 0);
		for (const char *p = br->name; *p != '\0' && latin; p++) {
			if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9'))
				buf_addc(&w, *p);
			else if (*p != ' ')
				latin = false;
		}
		if (latin && w.len >= 5)
			token_add(&v, n, w.s);
		buf_free(&w);
	}
	return v;
}

void
lookalike_tokens_free(struct lookalike_token *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].plain);
		free(v[i].fold);
	}
	free(v);
}

/* ---- comparing ---- */

/*
 * Is label (folded) one edit from token (folded), the first letter kept?
 * Returns 0, or 'c' changed, 'd' dropped, 'a' added, 's' swapped, with the
 * position in the label in *at.
 */
static int
edit1(const char *a, size_t la, const char *b, size_t lb, size_t *at)
{
	size_t i = 0;

	while (i < la && i < lb && a[i] == b[i])
		i++;
	if (i == 0)
		return 0;
	*at = i;
	if (la == lb) {
		if (i == la)
			return 0;
		if (strcmp(a + i + 1, b + i + 1) == 0)
			return 'c';
		if (i + 1 < la && a[i] == b[i + 1] && a[i + 1] == b[i] && strcmp(a + i + 2, b + i + 2) == 0)
			return 's';
		return 0;
	}
	if (la + 1 == lb)
		return strcmp(a + i, b + i + 1) == 0 ? 'd' : 0;
	if (la == lb + 1)
		return strcmp(a + i + 1, b + i) == 0 ? 'a' : 0;
	return 0;
}

/* The substitutions that turn written into plain, as "0→o, rn→m", or the first foreign letter. */
static char *
how_chars(const char *written, const char *plain)
{
	static const struct {
		const char *from, *to;
	} subst[] = {
		{ "0", "o" }, { "1", "l" }, { "1", "i" }, { "5", "s" }, { "3", "e" },
		{ "rn", "m" }, { "vv", "w" }, { "cl", "d" }, { "l", "i" }, { "i", "l" },
	};
	struct buf out;
	const uint8_t *p;

	buf_init(&out);
	buf_add(&out, "", 0);
	for (p = (const uint8_t *)written; *p != '\0'; p++)
		if (*p >= 0x80) {
			ucs4_t c;
			int k = u8_mbtouc(&c, p, strlen((const char *)p));
			char one[8] = "", *f;
			const uc_script_t *sc = uc_script(c);

			if (k > 0 && k < 8)
				memcpy(one, p, (size_t)k);
			f = lookalike_fold(one);
			buf_addf(&out, _("%s '%s' (U+%04X) for '%s'"), sc != NULL ? sc->name : "?", one,
			    (unsigned)c, f);
			free(f);
			return buf_take(&out);
		}
	for (size_t i = 0; i < sizeof subst / sizeof subst[0]; i++)
		if (strstr(written, subst[i].from) != NULL && strstr(plain, subst[i].to) != NULL &&
		    strstr(plain, subst[i].from) == NULL) {
			/* "1→l" and "l→i" for one letter would say the same twice */
			if (out.len > 0 && strcmp(subst[i].from, "l") == 0)
				continue;
			buf_addf(&out, "%s%s→%s", out.len > 0 ? ", " : "", subst[i].from, subst[i].to);
		}
	if (out.len == 0)
		buf_adds(&out, _("look-alike characters"));
	return buf_take(&out);
}

/* The text around plain inside written: "with 'secure-' and '-login' added". */
static char *
how_affix(const char *written, const char *plain, bool dehyphen)
{
	const char *at = strstr(written, plain);
	char *r, *pre, *post;

	if (dehyphen)
		return xstrdup(_("hyphens inserted"));
	if (at == NULL) {
		char *c = how_chars(written, plain);

		r = xasprintf(_("%s, inside a longer label"), c);
		free(c);
		return r;
	}
	pre = xstrndup(written, (size_t)(at - written));
	post = xstrdup(at + strlen(plain));
	if (*pre != '\0' && *post != '\0')
		r = xasprintf(_("with '%s' and '%s' added"), pre, post);
	else
		r = xasprintf(_("with '%s' added"), *pre != '\0' ? pre : post);
	free(pre);
	free(post);
	return r;
}

static char *
how_edit(int op, const char *fold, size_t at)
{
	(void)fold;
	(void)at;
	switch (op) {
	case 'd':
		return xstrdup(_("one letter dropped"));
	case 'a':
		return xstrdup(_("one letter added"));
	case 's':
		return xstrdup(_("two letters swapped"));
	default:
		return xstrdup(_("one letter changed"));
	}
}

/* What lookalike_host works on: the host split into labels, with the registrable label's index. */
struct host_view {
	char *uni;          /* labels in Unicode form, '.'-separated */
	char *ascii;        /* A-label form, or NULL when IDNA refuses the name */
	char *org;          /* registrable domain of the ASCII form */
	bool nonascii;      /* written with non-ASCII letters (not as punycode) */
	bool same;          /* uni is byte for byte the host as passed: spans hold */
	size_t nlabels, reg;
	size_t off[128], len[128];
};

static bool
view_make(const char *host, struct host_view *v)
{
	struct buf w;
	char *a = NULL, *u = NULL;
	int rc;
	size_t n, orglabels = 1;

	memset(v, 0, sizeof *v);
	if (host == NULL || *host == '\0' || strlen(host) > 1000 || domain_is_ip_literal(host))
		return false;
	buf_init(&w);
	buf_add(&w, "", 0);
	v->same = true;
	for (const char *p = host; *p != '\0'; p++) {
		/* ideographic and full-width full stops separate labels as '.' does (UTS #46) */
		if (strncmp(p, "\xe3\x80\x82", 3) == 0 || strncmp(p, "\xef\xbc\x8e", 3) == 0 ||
		    strncmp(p, "\xef\xbd\xa1", 3) == 0) {
			buf_addc(&w, '.');
			p += 2;
			v->same = false;
		} else {
			if ((unsigned char)*p >= 0x80)
				v->nonascii = true;
			buf_addc(&w, *p >= 'A' && *p <= 'Z' ? (char)(*p - 'A' + 'a') : *p);
		}
	}
	while (w.len > 0 && w.s[w.len - 1] == '.') {
		w.s[--w.len] = '\0';
		v->same = false;
	}
	rc = idn2_to_ascii_8z(w.s, &a, IDN2_NFC_INPUT | IDN2_NONTRANSITIONAL);
	if (rc != IDN2_OK)
		rc = idn2_to_ascii_8z(w.s, &a, IDN2_NFC_INPUT | IDN2_TRANSITIONAL);
	if (rc == IDN2_OK && a != NULL) {
		v->ascii = xstrdup(a);
		ascii_lower(v->ascii);
	}
	idn2_free(a);
	/* Punycode is read as the letters it stands for. */
	if (!v->nonascii && v->ascii != NULL && strstr(w.s, "xn--") != NULL &&
	    idn2_to_unicode_8z8z(v->ascii, &u, 0) == IDN2_OK && u != NULL) {
		v->uni = xstrdup(u);
		v->same = false;
		buf_free(&w);
	} else
		v->uni = buf_take(&w);
	idn2_free(u);
	v->org = domain_org(v->ascii != NULL ? v->ascii : v->uni);
	if (v->org == NULL)
		return false;
	for (const char *p = v->org; *p != '\0'; p++)
		orglabels += *p == '.';
	for (size_t i = 0, start = 0;; i++) {
		if (v->uni[i] == '.' || v->uni[i] == '\0') {
			if (v->nlabels == sizeof v->off / sizeof v->off[0])
				return false;
			v->off[v->nlabels] = start;
			v->len[v->nlabels++] = i - start;
			start = i + 1;
			if (v->uni[i] == '\0')
				break;
		}
	}
	n = v->nlabels;
	if (n < orglabels)
		return false;
	v->reg = n - orglabels;
	return true;
}

static void
view_free(struct host_view *v)
{
	free(v->uni);
	free(v->ascii);
	free(v->org);
}

struct best {
	struct lookalike_match m;
	bool have;
};

static void
best_set(struct best *bt, const struct brand *br, enum lookalike_kind kind, const char *label, size_t ll,
    const char *token, char *how, long start)
{
	if (bt->have && bt->m.kind >= kind) {
		free(how);
		return;
	}
	lookalike_match_free(&bt->m);
	bt->have = true;
	bt->m.brand = br;
	bt->m.kind = kind;
	bt->m.label = xstrndup(label, ll);
	bt->m.token = xstrdup(token);
	bt->m.domain = xstrdup(br->ndomains > 0 ? br->domains[0] : br->nmail_domains > 0 ? br->mail_domains[0] : "");
	bt->m.how = how;
	bt->m.start = start;
	bt->m.end = start >= 0 ? start + (long)ll : -1;
}

/*
 * One unit: a whole label or one hyphen part of it (part true), written as
 * w (ll bytes) at offset off of the label whole (wl bytes at woff).
 */
static void
compare_unit(const struct brands *b, const struct host_view *v, const char *w, size_t ll, size_t off,
    const char *whole, size_t wl, size_t woff, bool reg, bool part, bool owned, struct best *bt)
{
	char *wr = xstrndup(w, ll), *f = lookalike_fold(wr), *dh = NULL;
	size_t fl = strlen(f), at = 0;
	uint64_t fm = byte_mask(f), dm = 0;
	bool known = false;
	int risky = -1, op = 0;
	long start = v->same ? (long)off : -1;
	const struct brand *ebr = NULL;
	const struct lookalike_token *et = NULL;

	/* "bank-of-america" read without its hyphens */
	if (!part && strchr(f, '-') != NULL) {
		char *o;

		dh = xmalloc(fl + 1);
		o = dh;
		for (const char *p = f; *p != '\0'; p++)
			if (*p != '-')
				*o++ = *p;
		*o = '\0';
		dm = byte_mask(dh);
	}
	for (size_t i = 0; i < brands_count(b); i++) {
		const struct brand *br = brands_get(b, i);

		for (size_t j = 0; j < br->nlookalike; j++) {
			const struct lookalike_token *t = &br->lookalike[j];
			uint64_t miss = t->mask & ~fm;

			/* more than one letter of the token missing: no match of any kind */
			if ((miss & (miss - 1)) != 0 && (dh == NULL || (t->mask & ~dm) != 0))
				continue;
			if (miss == 0 && fl == t->len && strcmp(f, t->fold) == 0) {
				bool chars = strcmp(wr, t->plain) != 0;

				known |= !chars;
				/* Short tokens and words: only the registrable label itself (or a hyphen part of it, for short names). */
				if (t->weak && (!reg || (t->word && part) || (t->len < 3 && part)))
					continue;
				if (risky < 0)
					risky = url_risky_tld(v->ascii != NULL ? v->ascii : v->uni);
				if (chars && !(t->len < 3))
					best_set(bt, br, LOOKALIKE_CHARS, w, ll, t->plain, how_chars(wr, t->plain), start);
				else if (owned || chars)
					continue;
				else if (part && !t->word && (!t->weak || risky))
					best_set(bt, br, LOOKALIKE_AFFIX, whole, wl, t->plain,
					    xstrdup(_("a hyphenated part of the label")), v->same ? (long)woff : -1);
				else if (!reg && !t->weak)
					best_set(bt, br, LOOKALIKE_EXACT, w, ll, t->plain,
					    xstrdup(_("the brand's name as a label of another domain")), start);
				else if (reg && risky && !t->word)
					best_set(bt, br, LOOKALIKE_EXACT, w, ll, t->plain,
					    xstrdup(_("the brand's name under another top-level domain")), start);
				continue;
			}
			if (owned || t->weak)
				continue;
			/* (five letters occur inside too many words: "gmail" in "shagmail"; such tokens only lead) */
			if (!part && miss == 0 && fl > t->len &&
			    (t->plen >= 6 ? strstr(f, t->fold) != NULL : strncmp(f, t->fold, t->len) == 0) && !hit_in_word(wr))
				best_set(bt, br, LOOKALIKE_AFFIX, w, ll, t->plain, how_affix(wr, t->plain, false), start);
			else if (dh != NULL && t->plen >= 6 && !t->hyphen && (t->mask & ~dm) == 0 &&
			    strstr(dh, t->fold) != NULL && !hit_in_word(wr))
				best_set(bt, br, LOOKALIKE_AFFIX, w, ll, t->plain, how_affix(wr, t->plain, true), start);
			else if (et == NULL && t->plen >= 6 && f[0] == t->fold[0] && fl >= 5 && fl + 1 >= t->len &&
			    fl <= t->len + 1 && (op = edit1(f, fl, t->fold, t->len, &at)) != 0) {
				ebr = br;
				et = t;
			}
		}
	}
	/* A typo, unless the unit is some brand's own token or a word of its own. */
	if (et != NULL && !known && !IN(edit_words, wr)) {
		op = edit1(f, fl, et->fold, et->len, &at);
		best_set(bt, ebr, LOOKALIKE_EDIT, w, ll, et->plain, how_edit(op, f, at), start);
	}
	free(dh);
	free(f);
	free(wr);
}

/* A brand domain written as labels in front of another registrable domain ("amazon.co.jp.example.top"). */
static bool
brand_as_subdomain(const struct brands *b, const struct host_view *v, struct best *bt)
{
	const char *h = v->ascii != NULL ? v->ascii : v->uni;
	size_t hl = strlen(h), orgat = hl - strlen(v->org);

	for (size_t i = 0; i < brands_count(b); i++) {
		const struct brand *br = brands_get(b, i);

		for (int k = 0; k < 2; k++) {
			char *const *d = k == 0 ? br->domains : br->mail_domains;
			size_t n = k == 0 ? br->ndomains : br->nmail_domains;

			for (size_t j = 0; j < n; j++) {
				size_t dl = strlen(d[j]);
				const char *p = h;

				if (strcspn(d[j], ".") < 2)
					continue;
				while ((p = strstr(p, d[j])) != NULL) {
					size_t at = (size_t)(p - h);
					bool left = at == 0 || p[-1] == '.' || p[-1] == '-';
					bool right = (p[dl] == '.' && at + dl < orgat) || (p[dl] == '-' && at + dl < hl);

					if (left && right) {
						best_set(bt, br, LOOKALIKE_SUBDOMAIN, p, dl, d[j], xstrdup(""),
						    v->same && v->ascii != NULL && strcmp(v->ascii, v->uni) == 0 ? (long)at : -1);
						return true;
					}
					p++;
				}
			}
		}
	}
	return false;
}

/* The registrable domain is a mailing or tracking service some brand of b lists (amazonses.com). */
static bool
service_of_brand(const struct brands *b, const char *org)
{
	for (size_t i = 0; i < brands_count(b); i++) {
		const struct brand *br = brands_get(b, i);

		for (size_t j = 0; j < br->nservices; j++)
			if (strcmp(br->services[j], org) == 0)
				return true;
	}
	return false;
}

static bool
host_match(const struct brands *b, const char *host, struct lookalike_match *out)
{
	struct host_view v;
	struct best bt;
	bool owned = false, infra_org;

	memset(out, 0, sizeof *out);
	memset(&v, 0, sizeof v);
	out->start = out->end = -1;
	if (b == NULL || !view_make(host, &v)) {
		view_free(&v);
		return false;
	}
	memset(&bt, 0, sizeof bt);
	/* The brands' own hosts are no look-alikes, unless written in letters IDNA folds onto them ("ａｍａｚｏｎ.co.jp"). */
	if (reserved(v.org)) {
		view_free(&v);
		return false;
	}
	infra_org = IN(infra, v.org);
	if (!infra_org && (brands_lookup_domain(b, v.org) != NULL || service_of_brand(b, v.org))) {
		if (!v.nonascii) {
			view_free(&v);
			return false;
		}
		owned = true;
	}
	/* (a brand domain has a dot: it needs two labels in front of the registrable one, or a hyphen to end at) */
	if (!owned && (v.reg >= 2 || strchr(v.uni, '-') != NULL))
		brand_as_subdomain(b, &v, &bt);
	for (size_t k = 0; k <= v.reg && !(bt.have && bt.m.kind == LOOKALIKE_SUBDOMAIN); k++) {
		const char *w = v.uni + v.off[k];
		size_t ll = v.len[k];

		if (ll < 2 || (ll == 3 && strncmp(w, "www", 3) == 0) || (infra_org && k == v.reg))
			continue;
		compare_unit(b, &v, w, ll, v.off[k], w, ll, v.off[k], k == v.reg, false, owned, &bt);
		if (memchr(w, '-', ll) != NULL && strncmp(w, "xn--", 4) != 0)
			for (size_t s = 0; s < ll;) {
				size_t e = s;

				while (e < ll && w[e] != '-')
					e++;
				if (e > s && e - s < ll)
					compare_unit(b, &v, w + s, e - s, v.off[k] + s, w, ll, v.off[k], k == v.reg, true,
					    owned, &bt);
				s = e + 1;
			}
	}
	view_free(&v);
	if (!bt.have)
		return false;
	*out = bt.m;
	return true;
}

/*
 * A message names the same few hosts in link after link: each thread
 * remembers its last answers, in fixed-size entries so that nothing is left
 * to free when it ends. Keyed by the registry too (its first brand and
 * size, against a registry freed and another allocated in its place).
 */
#define HOST_CACHE 8

struct host_entry {
	const struct brands *b;
	const struct brand *first;
	size_t nbrands;
	char host[96];
	bool hit;
	const struct brand *brand;
	enum lookalike_kind kind;
	char label[96], token[64], domain[96], how[160];
	long start, end;
};

static _Thread_local struct host_entry host_cache[HOST_CACHE];
static _Thread_local unsigned host_next;

static bool
fits(const char *s, size_t n)
{
	return s != NULL && strlen(s) < n;
}

bool
lookalike_host(const struct brands *b, const char *host, struct lookalike_match *out)
{
	const struct brand *first = b != NULL && brands_count(b) > 0 ? brands_get(b, 0) : NULL;
	size_t nb = b != NULL ? brands_count(b) : 0;
	struct host_entry *e;
	bool r;

	if (b == NULL || host == NULL || strlen(host) >= sizeof host_cache[0].host)
		return host_match(b, host, out);
	for (int i = 0; i < HOST_CACHE; i++) {
		e = &host_cache[i];
		if (e->b == b && e->first == first && e->nbrands == nb && strcmp(e->host, host) == 0) {
			memset(out, 0, sizeof *out);
			out->start = out->end = -1;
			if (!e->hit)
				return false;
			out->brand = e->brand;
			out->kind = e->kind;
			out->label = xstrdup(e->label);
			out->token = xstrdup(e->token);
			out->domain = xstrdup(e->domain);
			out->how = xstrdup(e->how);
			out->start = e->start;
			out->end = e->end;
			return true;
		}
	}
	r = host_match(b, host, out);
	if (r && !(fits(out->label, sizeof e->label) && fits(out->token, sizeof e->token) &&
	    fits(out->domain, sizeof e->domain) && fits(out->how, sizeof e->how)))
		return r;
	e = &host_cache[host_next++ % HOST_CACHE];
	memset(e, 0, sizeof *e);
	e->b = b;
	e->first = first;
	e->nbrands = nb;
	memcpy(e->host, host, strlen(host) + 1);
	e->hit = r;
	if (r) {
		e->brand = out->brand;
		e->kind = out->kind;
		memcpy(e->label, out->label, strlen(out->label) + 1);
		memcpy(e->token, out->token, strlen(out->token) + 1);
		memcpy(e->domain, out->domain, strlen(out->domain) + 1);
		memcpy(e->how, out->how, strlen(out->how) + 1);
		e->start = out->start;
		e->end = out->end;
	}
	return r;
}

void
lookalike_match_free(struct lookalike_match *m)
{
	free(m->label);
	free(m->token);
	free(m->domain);
	free(m->how);
	memset(m, 0, sizeof *m);
	m->start = m->end = -1;
}

char *
lookalike_evidence(const struct lookalike_match *m, const char *host)
{
	if (m->kind == LOOKALIKE_SUBDOMAIN)
		return xasprintf(_("%s: brand %s's domain %s is written in front of another domain"), host,
		    m->brand->name, m->token);
	if (m->kind == LOOKALIKE_EXACT)
		return xasprintf(_("%s: label '%s' is the name of brand %s (%s); its domain is %s"), host, m->label,
		    m->brand->name, m->how, m->domain);
	if (m->kind == LOOKALIKE_AFFIX)
		return xasprintf(_("%s: label '%s' contains '%s' (%s); brand %s's domain %s"), host, m->label,
		    m->token, m->how, m->brand->name, m->domain);
	return xasprintf(_("%s: label '%s' looks like '%s' (%s); brand %s's domain %s"), host, m->label, m->token,
	    m->how, m->brand->name, m->domain);
}

void
lookalike_check_from(const struct addresses *a, const struct brands *b, struct findings *fs)
{
	struct lookalike_match m;
	const char *at;
	char *ev;
	long s = -1, e = -1;

	if (a == NULL || b == NULL || !a->from.valid || a->from.domain == NULL)
		return;
	if (!lookalike_host(b, a->from.domain, &m))
		return;
	/* The label inside the address as written in the decoded field, when it is written there as compared. */
	if (a->from.addr != NULL && a->from.addr_start >= 0 && (at = strrchr(a->from.addr, '@')) != NULL) {
		if (m.start >= 0 && strlen(at + 1) >= (size_t)m.start + strlen(m.label) &&
		    ascii_strncasecmp(at + 1 + m.start, m.label, strlen(m.label)) == 0) {
			s = a->from.addr_start + (long)(at + 1 - a->from.addr) + m.start;
			e = s + (long)strlen(m.label);
		} else {
			s = a->from.addr_start + (long)(at + 1 - a->from.addr);
			e = a->from.addr_end;
		}
	}
	ev = lookalike_evidence(&m, a->from.domain);
	finding_add(fs, F_FROM_CONFUSABLE, -1, "header:From", s, e, "%s", ev);
	free(ev);
	lookalike_match_free(&m);
}
