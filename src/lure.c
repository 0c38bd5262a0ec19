/* lure.c — scams that name no brand: advance fee, prizes, crypto, callback numbers, document and mailbox notices, free-mail replies. */
#include "config.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "address.h"
#include "auth.h"
#include "brands.h"
#include "conffile.h"
#include "domain.h"
#include "findings.h"
#include "i18n.h"
#include "lure.h"
#include "message.h"
#include "normtext.h"
#include "phone.h"
#include "url.h"
#include "util.h"

/* Text read per field: a lure states itself near the top. */
#define LURE_SCAN_MAX (256u * 1024)
#define LURE_MAX_PHONES 64

/* The kinds of data/lures.*: each entry is "phrase<TAB>kind". */
enum kind { K_FEE, K_PRIZE, K_PRIZEWORD, K_CRYPTO, K_CRYPTOWORD, K_DOCUMENT, K_BILLING, K_CALL, K_MAILBOX, K_SUPPORT, K_COUNT };
static const char *const kind_names[K_COUNT] = {
	"fee", "prize", "prizeword", "crypto", "cryptoword", "document", "billing", "call", "mailbox", "support",
};

struct entry {
	char *text;         /* as written */
	char *fold;         /* NFKC, case-folded, spaces dropped */
	size_t len;
	bool prefix;        /* written with a trailing '*': no word end needed */
	bool latin_start, latin_end;
	enum kind kind;
};

static struct {
	struct entry *v; size_t n;
	char **freemail; size_t nfreemail;
	bool loaded;
	char *error;
} lists;
static pthread_mutex_t lists_lock = PTHREAD_MUTEX_INITIALIZER;

static bool
is_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static void
entry_add(const char *phrase, const char *kind)
{
	struct entry e;
	size_t n = strlen(phrase);
	int k;

	for (k = 0; k < K_COUNT && strcmp(kind, kind_names[k]) != 0; k++)
		;
	if (k == K_COUNT || n == 0)
		return;
	memset(&e, 0, sizeof e);
	e.text = xstrdup(phrase);
	if (e.text[n - 1] == '*') {
		e.prefix = true;
		e.text[--n] = '\0';
	}
	e.fold = normtext_fold_str(e.text, true);
	e.len = strlen(e.fold);
	if (e.len == 0) {
		free(e.text);
		free(e.fold);
		return;
	}
	e.latin_start = is_alnum((unsigned char)e.fold[0]);
	e.latin_end = is_alnum((unsigned char)e.fold[e.len - 1]);
	e.kind = (enum kind)k;
	lists.v = xreallocarray(lists.v, lists.n + 1, sizeof *lists.v);
	lists.v[lists.n++] = e;
}

/* Read one list: vocab lines are "PHRASE<TAB>KIND", else one free-mail domain a line. Missing optional files are fine. */
static int
list_read(const char *path, bool vocab, bool optional, char **cause)
{
	struct conffile *cf = conffile_open(path, optional ? CONFFILE_OPTIONAL : 0, cause);
	struct conffile_line l;

	if (cf == NULL)
		return *cause != NULL ? -1 : 0;
	while (conffile_next(cf, &l)) {
		char *line = l.text, *tab;

		if (!vocab) {
			ascii_lower(line);
			lists.freemail = xreallocarray(lists.freemail, lists.nfreemail + 1, sizeof *lists.freemail);
			lists.freemail[lists.nfreemail++] = xstrdup(line);
			continue;
		}
		if ((tab = strchr(line, '\t')) == NULL) {
			conffile_error(cf, _("expected \"PHRASE<TAB>KIND\": %s"), line);
			continue;
		}
		*tab = '\0';
		entry_add(line, tab + 1 + strspn(tab + 1, "\t "));
	}
	return conffile_close(cf, cause);
}

static int
entry_cmp(const void *x, const void *y)
{
	const struct entry *a = x, *b = y;

	return a->len != b->len ? (a->len > b->len ? -1 : 1) : strcmp(a->fold, b->fold);
}

int
lure_load(char **cause)
{
	static const struct {
		const char *name;
		bool vocab;
	} files[] = {
		{ "lures.en", true }, { "lures.ja", true }, { "lures.pt", true }, { "lures.de", true },
		{ "lures.nl", true }, { "lures.fr", true }, { "lures.es", true }, { "freemail.txt", false },
	};
	int rc = 0;

	pthread_mutex_lock(&lists_lock);
	if (lists.loaded) {
		if (lists.error != NULL) {
			*cause = xstrdup(lists.error);
			rc = -1;
		}
		pthread_mutex_unlock(&lists_lock);
		return rc;
	}
	*cause = NULL;
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		char *path = util_data_path(files[i].name), *err = NULL;

		if (list_read(path, files[i].vocab, false, &err) != 0)
			rc = -1;
		conffile_join(cause, err);
		free(path);
		err = NULL;
		if ((path = util_config_path(files[i].name)) != NULL) {
			if (list_read(path, files[i].vocab, true, &err) != 0)
				rc = -1;
			conffile_join(cause, err);
			free(path);
		}
	}
	/* longest first: a phrase takes its words before a shorter entry can count them again */
	if (lists.n > 0)
		qsort(lists.v, lists.n, sizeof *lists.v, entry_cmp);
	if (rc != 0)
		lists.error = xstrdup(*cause);
	lists.loaded = true;
	pthread_mutex_unlock(&lists_lock);
	return rc;
}

void
lure_unload(void)
{
	pthread_mutex_lock(&lists_lock);
	for (size_t i = 0; i < lists.n; i++) {
		free(lists.v[i].text);
		free(lists.v[i].fold);
	}
	free(lists.v);
	for (size_t i = 0; i < lists.nfreemail; i++)
		free(lists.freemail[i]);
	free(lists.freemail);
	free(lists.error);
	memset(&lists, 0, sizeof lists);
	pthread_mutex_unlock(&lists_lock);
}

size_t
lure_vocab_count(void)
{
	return lists.n;
}

size_t
lure_freemail_count(void)
{
	return lists.nfreemail;
}

bool
lure_is_freemail(const char *domain)
{
	char *d, *org;
	bool hit = false;

	if (domain == NULL || *domain == '\0')
		return false;
	d = xstrdup(domain);
	ascii_lower(d);
	org = domain_org(d);
	for (size_t i = 0; i < lists.nfreemail && !hit; i++) {
		const char *e = lists.freemail[i];
		size_t el = strlen(e);

		if (el >= 2 && e[el - 1] == '*' && e[el - 2] == '.')   /* "yahoo.*": the registrable domain's first label */
			hit = org != NULL && strncmp(org, e, el - 1) == 0;
		else
			hit = strcmp(d, e) == 0;   /* mailboxes sit on the bare domain; groups.msn.com is a list */
	}
	free(org);
	free(d);
	return hit;
}

/* ---- numbers ---- */

/* A North American number at p: [+]1 sep, (NXX) or NXX, sep, NXX, sep, XXXX. Returns its length, 0 if none. */
static size_t
nanp_at(const char *s, size_t len, size_t p, char *digits)
{
	size_t i = p, nd = 0;
	bool paren = false;

	if (i < len && s[i] == '+') {
		if (i + 1 >= len || s[i + 1] != '1')
			return 0;
		i++;
	}
	if (i < len && s[i] == '1' && i + 1 < len && strchr(" -.", s[i + 1]) != NULL)
		i += 2;
	else if (s[p] == '+')
		return 0;
	if (i < len && s[i] == ' ')
		i++;
	if (i < len && s[i] == '(') {
		paren = true;
		i++;
	}
	for (int k = 0; k < 3; k++, i++)
		if (i >= len || !is_digit((unsigned char)s[i]))
			return 0;
		else
			digits[nd++] = s[i];
	if (digits[0] < '2')
		return 0;
	if (paren) {
		if (i >= len || s[i] != ')')
			return 0;
		i++;
		if (i < len && s[i] == ' ')
			i++;
	} else {
		if (i >= len || strchr(" -.", s[i]) == NULL)
			return 0;
		i++;
	}
	for (int k = 0; k < 3; k++, i++)
		if (i >= len || !is_digit((unsigned char)s[i]))
			return 0;
		else
			digits[nd++] = s[i];
	if (i >= len || strchr(" -.", s[i]) == NULL)
		return 0;
	i++;
	for (int k = 0; k < 4; k++, i++)
		if (i >= len || !is_digit((unsigned char)s[i]))
			return 0;
		else
			digits[nd++] = s[i];
	if (i < len && (is_alnum((unsigned char)s[i]) || (s[i] == '-' && i + 1 < len && is_digit((unsigned char)s[i + 1]))))
		return 0;
	digits[nd] = '\0';
	return i - p;
}

size_t
lure_find_phones(const char *text, size_t len, struct lure_phone *out, size_t max)
{
	struct phone ph[LURE_MAX_PHONES];
	size_t n = 0, np;

	if (len > LURE_SCAN_MAX)
		len = LURE_SCAN_MAX;
	np = phone_find(text, len, ph, LURE_MAX_PHONES);
	for (size_t i = 0; i < np; i++) {
		if (n < max) {
			size_t st = ph[i].start;
			const char *sp = text + st, *ep = text + ph[i].end;

			/* an opening bracket before the number without its closing one is punctuation, not the number */
			if (*sp == '(' && memchr(sp, ')', (size_t)(ep - sp)) == NULL)
				st += 1;
			else if (ep - sp >= 3 && memcmp(sp, "\xef\xbc\x88", 3) == 0 && memmem(sp, (size_t)(ep - sp), "\xef\xbc\x89", 3) == NULL)
				st += 3;
			snprintf(out[n].number, sizeof out[n].number, "%s", ph[i].number);
			out[n].start = st;
			out[n].end = ph[i].end;
			n++;
		}
		free(ph[i].number);
	}
	for (size_t p = 0; p < len && n < max; p++) {
		char digits[16];
		size_t l;
		bool taken = false;

		if (text[p] != '+' && text[p] != '(' && !is_digit((unsigned char)text[p]))
			continue;
		if (p > 0 && (is_alnum((unsigned char)text[p - 1]) || text[p - 1] == '+' ||
		    ((text[p - 1] == '-' || text[p - 1] == '.') && p > 1 && is_digit((unsigned char)text[p - 2]))))
			continue;
		if ((l = nanp_at(text, len, p, digits)) == 0)
			continue;
		for (size_t k = 0; k < n; k++)
			if (out[k].start < p + l && p < out[k].end)
				taken = true;
		if (!taken) {
			snprintf(out[n].number, sizeof out[n].number, "+1%s", digits);
			out[n].start = p;
			out[n].end = p + l;
			n++;
		}
		p += l - 1;
	}
	return n;
}

/* Does the currency word w (lower-case ASCII) sit at s[i..] as a word? */
static bool
word_at(const char *s, size_t len, size_t i, const char *w)
{
	size_t n = strlen(w);

	return i + n <= len && ascii_strncasecmp(s + i, w, n) == 0 && (i + n == len || !is_alnum((unsigned char)s[i + n]));
}

static size_t
skip_spaces(const char *s, size_t len, size_t i)
{
	while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n'))
		i++;
	return i;
}

size_t
lure_find_money(const char *s, size_t len, size_t first[2], double *largest)
{
	static const char *const before[] = { "us$", "usd", "eur", "gbp", "$", "\xe2\x82\xac", "\xc2\xa3", "\xef\xbf\xa5", "\xc2\xa5", "aud", "cad", "rs." };
	static const char *const after[] = { "usd", "dollars", "dollar", "euros", "euro", "pounds", "eur", "gbp", "\xe5\x86\x86", "\xe4\xb8\x87\xe5\x86\x86",
		"btc", "bitcoin", "eth", "usdt", "$" };
	size_t count = 0;

	if (largest != NULL)
		*largest = 0;
	if (len > LURE_SCAN_MAX)
		len = LURE_SCAN_MAX;
	for (size_t i = 0; i < len; i++) {
		size_t st = i, e, j;
		double v = 0, scale = 1;
		bool cur = false, frac = false;

		if (!is_digit((unsigned char)s[i]) || (i > 0 && (is_digit((unsigned char)s[i - 1]) || s[i - 1] == ',' || s[i - 1] == '.')))
			continue;
		/* the number: digits with thousands commas or dots and a decimal part */
		for (e = i; e < len && (is_digit((unsigned char)s[e]) || ((s[e] == ',' || s[e] == '.') && e + 1 < len &&
		    is_digit((unsigned char)s[e + 1]))); e++) {
			if (is_digit((unsigned char)s[e])) {
				if (frac)
					scale /= 10, v += (s[e] - '0') * scale;
				else
					v = v * 10 + (s[e] - '0');
			} else if (s[e] == '.' && (len - e < 4 || !is_digit((unsigned char)s[e + 3]) || !is_digit((unsigned char)s[e + 2]) ||
			    (e + 4 < len && is_digit((unsigned char)s[e + 4]))))
				frac = true;   /* "10.5", "4,500,000.00"; "1.000.000" groups */
		}
		if (e - i > 24) {
			i = e;
			continue;
		}
		/* a currency before: "US$ 10", "$4,500", "USD 2.5" */
		for (size_t k = 0; k < sizeof before / sizeof before[0] && !cur; k++) {
			size_t bl = strlen(before[k]), b = i;

			if (b > 0 && s[b - 1] == ' ')
				b--;
			if (b >= bl && ascii_strncasecmp(s + b - bl, before[k], bl) == 0 &&
			    (b == bl || !is_alnum((unsigned char)s[b - bl - 1]) || before[k][0] == '$')) {
				cur = true;
				st = b - bl;
			}
		}
		j = skip_spaces(s, len, e);
		{
			static const struct { const char *w; double x; } mult[] = {
				{ "million", 1e6 }, { "mil", 1e6 }, { "m", 1e6 }, { "billion", 1e9 }, { "bn", 1e9 },
			};
			bool hit = false;

			for (size_t k = 0; k < sizeof mult / sizeof mult[0] && !hit; k++)
				if (word_at(s, len, j, mult[k].w)) {
					v *= mult[k].x;
					e = j + strlen(mult[k].w);
					j = skip_spaces(s, len, e);
					hit = true;
				}
		}
		if (j + 3 <= len && memcmp(s + j, "\xe4\xb8\x87", 3) == 0 && j + 6 <= len && memcmp(s + j + 3, "\xe5\x86\x86", 3) == 0)
			v *= 1e4;
		for (size_t k = 0; k < sizeof after / sizeof after[0] && !cur; k++)
			if (word_at(s, len, j, after[k]) || ((unsigned char)after[k][0] >= 0x80 &&
			    j + strlen(after[k]) <= len && memcmp(s + j, after[k], strlen(after[k])) == 0)) {
				cur = true;
				e = j + strlen(after[k]);
			}
		if (cur) {
			if (count++ == 0 && first != NULL) {
				first[0] = st;
				first[1] = e;
			}
			if (largest != NULL && v > *largest)
				*largest = v;
		}
		i = e > i ? e - 1 : i;
	}
	/* "ten million dollars", "5 million united states dollars" written in words */
	for (size_t i = 0; i + 7 <= len; i++) {
		size_t q = i + 7, rest;

		if (ascii_strncasecmp(s + i, "million", 7) != 0)
			continue;
		rest = len - q > 40 ? 40 : len - q;
		for (size_t k = 0; k < rest; k++) {
			size_t w = 0;

			if (k + 6 <= rest && ascii_strncasecmp(s + q + k, "dollar", 6) == 0)
				w = 6;
			else if (k + 4 <= rest && ascii_strncasecmp(s + q + k, "euro", 4) == 0)
				w = 4;
			else if (k + 5 <= rest && ascii_strncasecmp(s + q + k, "pound", 5) == 0)
				w = 5;
			if (w == 0)
				continue;
			if (k + w < rest && (s[q + k + w] == 's' || s[q + k + w] == 'S'))
				w++;
			if (count++ == 0 && first != NULL) {
				first[0] = i;
				first[1] = q + k + w;
			}
			if (largest != NULL && *largest < 1e6)
				*largest = 1e6;
			break;
		}
		i = q - 1;
	}
	return count;
}

/* ---- vocabulary hits ---- */

enum field { FLD_SUBJECT, FLD_DISPLAY, FLD_BODY, FLD_COUNT };
static const char *const field_where[FLD_COUNT] = { "header:Subject", "header:From", "body" };

struct hits {
	uint8_t *seen;                          /* per entry: bit per field hit */
	size_t n[K_COUNT][FLD_COUNT];           /* distinct entries hit per kind and field */
	long span[K_COUNT][FLD_COUNT][2];       /* first hit per kind and field */
	const char *word[K_COUNT][FLD_COUNT];   /* its entry as written */
};

static bool
in_skip(size_t a, size_t b, const long (*skip)[2], size_t nskip)
{
	for (size_t i = 0; i < nskip; i++)
		if (skip[i][0] >= 0 && (long)a < skip[i][1] && (long)b > skip[i][0])
			return true;
	return false;
}

/* Every entry's first whole-word occurrence in text (field f), outside the skip spans and the text a longer entry took. */
static void
hits_scan(struct hits *h, enum field f, const char *text, size_t len, const long (*skip)[2], size_t nskip)
{
	struct normtext nt;
	uint8_t *taken;   /* per folded byte: a longer entry already matched it */

	if (text == NULL || len == 0)
		return;
	if (len > LURE_SCAN_MAX)
		len = LURE_SCAN_MAX;
	normtext_fold(text, len, true, &nt);
	taken = xcalloc(nt.len + 1, 1);
	for (size_t i = 0; i < lists.n; i++) {
		const struct entry *e = &lists.v[i];
		const char *p = nt.s;
		size_t tries = 0;

		/* bounded: a word repeated a hundred thousand times is read a few thousand times */
		while (tries++ < 4096 && (p = memmem(p, nt.len - (size_t)(p - nt.s), e->fold, e->len)) != NULL) {
			size_t fi = (size_t)(p - nt.s), a = nt.orig[fi], b = nt.orig_end[fi + e->len - 1];
			bool ok = true;

			if (e->latin_start && a > 0 && is_alnum((unsigned char)text[a - 1]))
				ok = false;
			if (e->latin_end && !e->prefix && b < len && is_alnum((unsigned char)text[b]))
				ok = false;
			if (ok && in_skip(a, b, skip, nskip))
				ok = false;
			for (size_t k = 0; ok && k < e->len; k++)
				if (taken[fi + k])
					ok = false;   /* "winner" inside "lucky winner", "air drop" where "airdrop" stood */
			if (ok && e->prefix)
				while (b < len && is_alnum((unsigned char)text[b]))
					b++;   /* "claim your reward*": the span covers "rewards" */
			if (ok) {
				memset(taken + fi, 1, e->len);
				if ((h->seen[i] & (1u << f)) == 0) {
					h->seen[i] |= (uint8_t)(1u << f);
					if (h->n[e->kind][f]++ == 0 || (long)a < h->span[e->kind][f][0]) {
						h->span[e->kind][f][0] = (long)a;
						h->span[e->kind][f][1] = (long)b;
						h->word[e->kind][f] = e->text;
					}
				}
			}
			p += ok ? e->len : 1;
		}
	}
	free(taken);
	normtext_free(&nt);
}

/* Distinct entries of kind k hit anywhere. */
static size_t
hits_total(const struct hits *h, enum kind k)
{
	size_t n = 0;

	for (size_t i = 0; i < lists.n; i++)
		if (lists.v[i].kind == k && h->seen[i] != 0)
			n++;
	return n;
}

/* The field to point at for kind k: subject, else the display name, else the body; FLD_COUNT if none. */
static enum field
hits_where(const struct hits *h, enum kind k)
{
	for (int f = 0; f < FLD_COUNT; f++)
		if (h->n[k][f] > 0)
			return (enum field)f;
	return FLD_COUNT;
}

/* ---- links ---- */

static bool
web_link(const struct link *l)
{
	return l->host != NULL && l->scheme != NULL &&
	    (strcmp(l->scheme, "http") == 0 || strcmp(l->scheme, "https") == 0 || l->scheme[0] == '\0');
}

/*
 * The first web link whose registrable domain is none of a brand's in the
 * registry and neither of the two given organisations (may be NULL): where
 * a lure sends its reader. -1 if none.
 */
static long
offsite_link(const struct link *links, size_t n, const struct brands *b, const char *org1, const char *org2)
{
	for (size_t i = 0; i < n; i++) {
		const struct link *l = &links[i];
		const char *org = l->org_domain;
		const char *host = l->host_ascii != NULL ? l->host_ascii : l->host;

		if (!web_link(&l[0]))
			continue;
		if (org != NULL && ((org1 != NULL && ascii_strcasecmp(org, org1) == 0) ||
		    (org2 != NULL && ascii_strcasecmp(org, org2) == 0)))
			continue;
		if (!l->ip_literal && host != NULL && brands_lookup_domain(b, host) != NULL)
			continue;
		return (long)i;
	}
	return -1;
}

static size_t
count_web_links(const struct link *links, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		if (web_link(&links[i]))
			k++;
	return k;
}

/* ---- the checks ---- */

struct ctx {
	const struct message *m;
	const struct addresses *a;
	const struct auth_summary *auth;
	const struct link *links; size_t nlinks;
	const struct brands *b;
	struct findings *fs;
	const char *subject, *from;           /* decoded values, or NULL */
	long display_base;                    /* offset of the display name in the From value, -1 */
	const char *field_text[FLD_COUNT];
	char *rcpt_addr, *rcpt_domain, *rcpt_org;   /* the recipient, lower case, or NULL */
	const char *from_org_aligned;         /* From's organisation when authenticated aligned, else NULL */
	struct hits h;
};

/* Add id at kind k's first hit (subject, else display name, else body); tail (may be NULL) ends the evidence. */
static void
add_kind(struct ctx *c, enum finding_id id, int sev, enum kind k, const char *tail)
{
	enum field f = hits_where(&c->h, k);
	long s, e, fs, fe;

	if (f == FLD_COUNT)
		return;
	s = fs = c->h.span[k][f][0];
	e = fe = c->h.span[k][f][1];
	if (f == FLD_DISPLAY) {
		if (c->display_base < 0)
			s = e = -1;
		else {
			s += c->display_base;
			e += c->display_base;
		}
	}
	finding_add(c->fs, id, sev, field_where[f], s, e, _("\"%.*s\" and %zu more phrase(s) of the kind%s%s"),
	    (int)(fe - fs), c->field_text[f] + fs, hits_total(&c->h, k) - 1 +
	    (k == K_PRIZE ? hits_total(&c->h, K_PRIZEWORD) : k == K_CRYPTO ? hits_total(&c->h, K_CRYPTOWORD) : 0),
	    tail != NULL ? "; " : "",
	    tail != NULL ? tail : "");
}

/* REPLY_TO_FREEMAIL: replies go to a free-mail mailbox that is not the sender's. */
static void
check_reply_to(struct ctx *c)
{
	const struct address *from = &c->a->from;

	for (size_t i = 0; i < c->a->nreply_to; i++) {
		const struct address *r = &c->a->reply_to[i];
		char *where;

		if (!r->valid || r->domain == NULL || !lure_is_freemail(r->domain))
			continue;
		if (from->addr != NULL && ascii_strcasecmp(from->addr, r->addr) == 0)
			continue;
		where = c->a->nreply_to > 1 ? xasprintf("header:Reply-To[%zu]", i + 1) : xstrdup("header:Reply-To");
		/* high when the sender writes from elsewhere: the answers are diverted to a throwaway mailbox */
		finding_add(c->fs, F_REPLY_TO_FREEMAIL, from->domain != NULL && !lure_is_freemail(from->domain) ? SEV_HIGH : -1,
		    where, r->addr_start, r->addr_end,
		    _("replies go to %s (free mail); the sender is %s"), r->addr, from->addr != NULL ? from->addr : "-");
		free(where);
		return;
	}
}

/* The recipient: Delivered-To, X-Original-To, else the first To address. */
static void
find_recipient(struct ctx *c)
{
	static const char *const names[] = { "Delivered-To", "X-Original-To" };
	const struct address *to = NULL;
	struct address tmp;

	memset(&tmp, 0, sizeof tmp);
	for (size_t i = 0; i < 2 && to == NULL; i++) {
		const struct header *hd = message_header(c->m, names[i]);

		if (hd == NULL)
			continue;
		address_parse(hd->raw, hd->value, &tmp);
		if (tmp.valid && tmp.domain != NULL)
			to = &tmp;
		else
			address_free(&tmp);
	}
	if (to == NULL && c->a->nto > 0 && c->a->to[0].valid && c->a->to[0].domain != NULL)
		to = &c->a->to[0];
	if (to != NULL) {
		c->rcpt_addr = xstrdup(to->addr);
		ascii_lower(c->rcpt_addr);
		c->rcpt_domain = xstrdup(to->domain);
		c->rcpt_org = to->org_domain != NULL ? xstrdup(to->org_domain) : xstrdup(to->domain);
		ascii_lower(c->rcpt_org);
	}
	if (to == &tmp)
		address_free(&tmp);
}

/* Where text (len bytes) names needle as a whole word (case-insensitive); -1 if nowhere. */
static long
find_word(const char *text, const char *needle)
{
	size_t n = strlen(needle);

	for (const char *p = text; n > 0 && (p = ascii_strcasestr(p, needle)) != NULL; p++) {
		if ((p == text || !is_alnum((unsigned char)p[-1])) && !is_alnum((unsigned char)p[n]))
			return (long)(p - text);
	}
	return -1;
}

/* The recipient's own name for its organisation in s: its address, its domain, or the domain's first label. */
static long
names_recipient(const struct ctx *c, const char *s, size_t *len)
{
	char label[64];
	const char *dot;
	long at;

	if (s == NULL || c->rcpt_addr == NULL)
		return -1;
	if ((at = find_word(s, c->rcpt_addr)) >= 0) {
		*len = strlen(c->rcpt_addr);
		return at;
	}
	if (lure_is_freemail(c->rcpt_domain))
		return -1;   /* "gmail" names the provider, not the recipient's organisation */
	if (strchr(c->rcpt_domain, '.') != NULL && (at = find_word(s, c->rcpt_domain)) >= 0) {
		*len = strlen(c->rcpt_domain);
		return at;
	}
	/* the bare label only when long enough not to be a common word ("corp", "mail") */
	if ((dot = strchr(c->rcpt_org, '.')) == NULL || dot - c->rcpt_org < 5 || (size_t)(dot - c->rcpt_org) >= sizeof label)
		return -1;
	memcpy(label, c->rcpt_org, (size_t)(dot - c->rcpt_org));
	label[dot - c->rcpt_org] = '\0';
	if ((at = find_word(s, label)) >= 0)
		*len = strlen(label);
	return at;
}

/* LURE_RECIPIENT_DOMAIN: the recipient's own organisation (or its mailbox) as the brand, with a link off it. */
static void
check_recipient(struct ctx *c)
{
	const char *from_org = c->a->from.org_domain;
	size_t nlen = 0;
	long at, li;
	const char *where = NULL;
	bool mailbox;

	if (c->rcpt_org == NULL || c->a->is_report)
		return;
	/* the organisation's own authenticated mail, or a brand's authenticated notice about the customer's domain */
	if (c->auth->aligned_pass && from_org != NULL &&
	    (ascii_strcasecmp(from_org, c->rcpt_org) == 0 || brands_lookup_domain(c->b, from_org) != NULL))
		return;
	li = offsite_link(c->links, c->nlinks, c->b, c->rcpt_org, c->from_org_aligned);
	if (li < 0)
		return;
	mailbox = c->h.n[K_MAILBOX][FLD_SUBJECT] + c->h.n[K_MAILBOX][FLD_DISPLAY] > 0 || hits_total(&c->h, K_MAILBOX) >= 2;
	/* a list's own blast (List-Id, or From is the list address it is sent to) names the list's domain */
	if (c->a->list_id != NULL || (c->a->from.addr != NULL && ascii_strcasecmp(c->a->from.addr, c->rcpt_addr) == 0 && !mailbox))
		;
	else if (c->a->from.display != NULL && c->display_base >= 0 &&
	    (at = names_recipient(c, c->a->from.display, &nlen)) >= 0) {
		where = "header:From";
		at += c->display_base;
	} else if ((at = names_recipient(c, c->subject, &nlen)) >= 0)
		where = "header:Subject";
	if (where != NULL) {
		finding_add(c->fs, F_LURE_RECIPIENT_DOMAIN, mailbox ? SEV_HIGH : -1, where, at, at + (long)nlen,
		    _("names the recipient's own %s; link[%ld] goes to %s"), c->rcpt_org, li + 1,
		    c->links[li].host != NULL ? c->links[li].host : "?");
		return;
	}
	if (mailbox) {
		char *tail = xasprintf(_("a mailbox or password notice; link[%ld] goes to %s"), li + 1,
		    c->links[li].host != NULL ? c->links[li].host : "?");
		add_kind(c, F_LURE_RECIPIENT_DOMAIN, -1, K_MAILBOX, tail);
		free(tail);
	}
}

static void
check_document(struct ctx *c)
{
	size_t head = c->h.n[K_DOCUMENT][FLD_SUBJECT] + c->h.n[K_DOCUMENT][FLD_DISPLAY];
	size_t total = hits_total(&c->h, K_DOCUMENT);
	char *tail;
	long li;

	if (head == 0 && total < 2)
		return;
	if ((li = offsite_link(c->links, c->nlinks, c->b, c->rcpt_org, c->from_org_aligned)) < 0)
		return;
	tail = xasprintf(_("link[%ld] goes to %s, no vendor of such a service"), li + 1,
	    c->links[li].host != NULL ? c->links[li].host : "?");
	add_kind(c, F_LURE_DOCUMENT, head > 0 && total >= 2 ? SEV_HIGH : -1, K_DOCUMENT, tail);
	free(tail);
}

static void
check_crypto(struct ctx *c)
{
	size_t head = c->h.n[K_CRYPTO][FLD_SUBJECT] + c->h.n[K_CRYPTO][FLD_DISPLAY];
	size_t total = hits_total(&c->h, K_CRYPTO) + hits_total(&c->h, K_CRYPTOWORD);
	char *tail;
	long li;

	if (hits_total(&c->h, K_CRYPTO) == 0 || total < 2)
		return;
	if ((li = offsite_link(c->links, c->nlinks, c->b, c->from_org_aligned, NULL)) < 0)
		return;
	tail = xasprintf(_("link[%ld] goes to %s"), li + 1, c->links[li].host != NULL ? c->links[li].host : "?");
	add_kind(c, F_LURE_CRYPTO, head > 0 || total >= 3 ? SEV_HIGH : -1, K_CRYPTO, tail);
	free(tail);
}

/* A free-mail address in the body, the From or the Reply-To: where an answer would go. */
static const char *
reply_vector(const struct ctx *c)
{
	if (c->a->from.domain != NULL && lure_is_freemail(c->a->from.domain))
		return c->a->from.addr;
	for (size_t i = 0; i < c->a->nreply_to; i++)
		if (c->a->reply_to[i].domain != NULL && lure_is_freemail(c->a->reply_to[i].domain))
			return c->a->reply_to[i].addr;
	for (size_t i = 0; i < c->nlinks; i++) {
		const char *h = c->links[i].href;

		if (h != NULL && ascii_strncasecmp(h, "mailto:", 7) == 0) {
			const char *at = strchr(h, '@');
			char *d = at != NULL ? xstrndup(at + 1, strcspn(at + 1, "?>& ")) : NULL;
			bool fm = d != NULL && lure_is_freemail(d);

			free(d);
			if (fm)
				return h + 7;
		}
	}
	return NULL;
}

static void
check_fee(struct ctx *c)
{
	size_t total = hits_total(&c->h, K_FEE), first[2] = { 0, 0 };
	double big = 0, sbig = 0;
	size_t nm = lure_find_money(c->m->body, c->m->body_len, first, &big);
	size_t ns = c->subject != NULL ? lure_find_money(c->subject, strlen(c->subject), NULL, &sbig) : 0;
	const char *rv = reply_vector(c);
	char *amount, *tail;

	if (!(total >= 3 || (total >= 2 && ((nm > 0 && big >= 100000) || (ns > 0 && sbig >= 100000)))))
		return;
	if (nm > 0 && big >= 100000)
		amount = xasprintf(_("amount \"%.*s\""), (int)(first[1] - first[0]), c->m->body + first[0]);
	else if (ns > 0 && sbig >= 100000)
		amount = xstrdup(_("a large amount in the subject"));
	else
		amount = xstrdup(_("no amount named"));
	if (rv != NULL)
		tail = xasprintf(_("%s; answers go to %s"), amount, rv);
	else
		tail = xstrdup(amount);
	add_kind(c, F_LURE_ADVANCE_FEE, -1, K_FEE, tail);
	free(tail);
	free(amount);
}

/*
 * An attached document the reader is sent to open (PDF, HTML, an office
 * file, an archive): the vector of a lure with no link ("the attached PDF
 * explains how to withdraw your funds"). Its file name, or NULL.
 */
static const char *
document_vector(const struct message *m)
{
	static const char *const types[] = {
		"application/pdf", "text/html", "application/msword", "application/vnd.openxmlformats-officedocument",
		"application/vnd.ms-", "application/rtf", "application/zip", "application/x-zip", "application/x-rar",
		"application/x-7z", "application/octet-stream",
	};

	for (size_t i = 0; i < m->nparts; i++) {
		const struct mime_part *p = &m->parts[i];

		if (!p->is_attachment || p->is_body || p->content_type == NULL)
			continue;
		for (size_t k = 0; k < sizeof types / sizeof types[0]; k++)
			if (strncmp(p->content_type, types[k], strlen(types[k])) == 0)
				return p->filename != NULL ? p->filename : p->content_type;
	}
	return NULL;
}

static void
check_prize(struct ctx *c)
{
	size_t head = c->h.n[K_PRIZE][FLD_SUBJECT] + c->h.n[K_PRIZE][FLD_DISPLAY];
	size_t total = hits_total(&c->h, K_PRIZE) + hits_total(&c->h, K_PRIZEWORD);
	const char *rv = NULL, *doc = NULL;
	char *tail;
	long li;

	/* an amount of money waiting ("$25,745 waiting for you") is the second sign */
	if (total == 1 && (lure_find_money(c->m->body, c->m->body_len, NULL, NULL) > 0 ||
	    (c->subject != NULL && lure_find_money(c->subject, strlen(c->subject), NULL, NULL) > 0)))
		total++;
	if (hits_total(&c->h, K_PRIZE) == 0 || total < 2)
		return;
	li = offsite_link(c->links, c->nlinks, c->b, c->from_org_aligned, NULL);
	if (li < 0 && (rv = reply_vector(c)) == NULL && (doc = document_vector(c->m)) == NULL)
		return;
	if (li >= 0)
		tail = xasprintf(_("link[%ld] goes to %s"), li + 1, c->links[li].host != NULL ? c->links[li].host : "?");
	else if (rv != NULL)
		tail = xasprintf(_("answers go to %s"), rv);
	else
		tail = xasprintf(_("the attachment \"%s\" is where it sends the reader"), doc);
	add_kind(c, F_LURE_PRIZE, total >= 3 && head > 0 ? SEV_HIGH : -1, K_PRIZE, tail);
	free(tail);
}

/* LURE_CALLBACK and PHONE_MOBILE_SUPPORT: a number to call is the payload. */
static void
check_phones(struct ctx *c)
{
	struct lure_phone ph[LURE_MAX_PHONES];
	const char *body = c->m->body;
	size_t n = lure_find_phones(body, c->m->body_len, ph, LURE_MAX_PHONES);
	size_t billing = hits_total(&c->h, K_BILLING), call = hits_total(&c->h, K_CALL);
	size_t money = lure_find_money(body, c->m->body_len, NULL, NULL);

	if (n == 0)
		return;
	if (billing >= 1 && billing + call + (money > 0) >= 3 && count_web_links(c->links, c->nlinks) == 0) {
		enum field f = hits_where(&c->h, K_BILLING);
		long s = c->h.span[K_BILLING][f][0], e = c->h.span[K_BILLING][f][1];

		finding_add(c->fs, F_LURE_CALLBACK, -1, "body", (long)ph[0].start, (long)ph[0].end,
		    _("call %.*s about \"%.*s\" (%zu billing and %zu call-to-action phrases%s); no link"),
		    (int)(ph[0].end - ph[0].start), body + ph[0].start, (int)(e - s), c->field_text[f] + s, billing, call,
		    money > 0 ? _(", an amount") : "");
	}
	for (size_t i = 0; i < n; i++) {
		const char *num = ph[i].number;
		size_t from = ph[i].start > 160 ? ph[i].start - 160 : 0;
		struct normtext nt;
		bool support = false;

		if (strlen(num) != 11 || num[0] != '0' || (strncmp(num, "050", 3) != 0 && strncmp(num, "070", 3) != 0 &&
		    strncmp(num, "080", 3) != 0 && strncmp(num, "090", 3) != 0))
			continue;
		while (from > 0 && ((unsigned char)body[from] & 0xC0) == 0x80)
			from--;
		normtext_fold(body + from, ph[i].start - from, true, &nt);
		for (size_t k = 0; k < lists.n && !support; k++)
			if (lists.v[k].kind == K_SUPPORT && memmem(nt.s, nt.len, lists.v[k].fold, lists.v[k].len) != NULL)
				support = true;
		normtext_free(&nt);
		if (!support)
			continue;
		finding_add(c->fs, F_PHONE_MOBILE_SUPPORT, -1, "body", (long)ph[i].start, (long)ph[i].end,
		    _("%.*s is a %s number given as a support line"), (int)(ph[i].end - ph[i].start), body + ph[i].start,
		    num[1] == '5' ? _("IP phone (050)") : _("mobile"));
		break;
	}
}

int
lure_check(const struct message *m, const struct addresses *a, const struct auth_summary *auth,
    const struct link *links, size_t nlinks, const struct brands *b, struct findings *fs, char **cause)
{
	const char *off = getenv("KENSA_NO_LURE");
	struct ctx c;
	long (*skip)[2] = NULL;
	int rc;

	if (off != NULL && strcmp(off, "1") == 0)
		return 0;
	rc = lure_load(cause);
	memset(&c, 0, sizeof c);
	c.m = m;
	c.a = a;
	c.auth = auth;
	c.links = links;
	c.nlinks = nlinks;
	c.b = b;
	c.fs = fs;
	c.subject = message_hvalue(m, "Subject");
	c.from = message_hvalue(m, "From");
	c.display_base = -1;
	if (a->from.display != NULL && c.from != NULL) {
		const char *p = strstr(c.from, a->from.display);
		if (p != NULL)
			c.display_base = (long)(p - c.from);
	}
	c.field_text[FLD_SUBJECT] = c.subject;
	c.field_text[FLD_DISPLAY] = a->from.display;
	c.field_text[FLD_BODY] = m->body;
	if (auth->aligned_pass && a->from.org_domain != NULL)
		c.from_org_aligned = a->from.org_domain;
	find_recipient(&c);
	check_reply_to(&c);

	c.h.seen = xcalloc(lists.n + 1, 1);
	for (int k = 0; k < K_COUNT; k++)
		for (int f = 0; f < FLD_COUNT; f++)
			c.h.span[k][f][0] = c.h.span[k][f][1] = -1;
	if (nlinks > 0)
		skip = xreallocarray(NULL, nlinks, sizeof *skip);
	for (size_t i = 0; i < nlinks; i++) {
		/* the URL itself, when shown as text, is no wording */
		bool url_text = links[i].source != NULL && strcmp(links[i].source, "text") == 0;
		skip[i][0] = url_text ? links[i].start : -1;
		skip[i][1] = url_text ? links[i].end : -1;
	}
	if (c.subject != NULL)
		hits_scan(&c.h, FLD_SUBJECT, c.subject, strlen(c.subject), NULL, 0);
	if (a->from.display != NULL)
		hits_scan(&c.h, FLD_DISPLAY, a->from.display, strlen(a->from.display), NULL, 0);
	hits_scan(&c.h, FLD_BODY, m->body, m->body_len, (const long (*)[2])skip, nlinks);
	free(skip);

	check_recipient(&c);
	check_document(&c);
	check_crypto(&c);
	check_fee(&c);
	check_prize(&c);
	check_phones(&c);

	free(c.h.seen);
	free(c.rcpt_addr);
	free(c.rcpt_domain);
	free(c.rcpt_org);
	return rc;
}
