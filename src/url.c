/* url.c — every link of a message, the facts about its host, and the link findings. */
#include "config.h"

#include <arpa/inet.h>
#include <idn2.h>
#include <libpsl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "brands.h"
#include "conffile.h"
#include "confusable.h"
#include "domain.h"
#include "findings.h"
#include "i18n.h"
#include "lookalike.h"
#include "message.h"
#include "unwrap.h"
#include "url.h"
#include "util.h"

/* ---- parsing ---- */

static bool
is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static bool
special_scheme(const char *s)
{
	return strcmp(s, "http") == 0 || strcmp(s, "https") == 0 || strcmp(s, "ftp") == 0 ||
	    strcmp(s, "ws") == 0 || strcmp(s, "wss") == 0 || strcmp(s, "hxxp") == 0 ||
	    strcmp(s, "hxxps") == 0;
}

void
url_parts_free(struct url_parts *u)
{
	free(u->scheme);
	free(u->userinfo);
	free(u->host);
	free(u->port);
	free(u->rest);
	memset(u, 0, sizeof *u);
}

int
url_parse(const char *url, struct url_parts *out)
{
	const char *p, *auth, *aend, *at, *h, *hend;
	size_t n;

	memset(out, 0, sizeof *out);
	if (url == NULL)
		return -1;
	/* Browsers strip leading and trailing C0 controls and spaces, and drop tabs and newlines inside. */
	while (*url != '\0' && (unsigned char)*url <= ' ')
		url++;
	if (*url == '\0')
		return -1;
	p = url;
	while (is_alpha((unsigned char)*p) || (p > url && (is_digit((unsigned char)*p) || *p == '+' ||
	    *p == '-' || *p == '.')))
		p++;
	if (p > url && *p == ':' && p - url >= 2) {
		out->scheme = xstrndup(url, (size_t)(p - url));
		ascii_lower(out->scheme);
		p++;
		if (!special_scheme(out->scheme) && !(p[0] == '/' && p[1] == '/')) {
			out->rest = xstrdup(p);
			return 0;
		}
		/* "https:\\evil", "https:/evil", "https:evil" all reach evil in a browser. */
		while (*p == '/' || *p == '\\')
			p++;
	} else if (url[0] == '/' && (url[1] == '/' || url[1] == '\\')) {
		out->scheme = xstrdup("");
		p = url + 2;
	} else if (ascii_strncasecmp(url, "www.", 4) == 0) {
		out->scheme = xstrdup("");
		p = url;
	} else
		return -1;
	auth = p;
	aend = auth + strcspn(auth, "/\\?#");
	/* The last '@' ends the userinfo ("https://a@b@evil/"). */
	at = NULL;
	for (const char *q = auth; q < aend; q++)
		if (*q == '@')
			at = q;
	h = auth;
	if (at != NULL) {
		out->userinfo = xstrndup(auth, (size_t)(at - auth));
		h = at + 1;
	}
	if (*h == '[') {
		hend = memchr(h, ']', (size_t)(aend - h));
		hend = hend != NULL ? hend + 1 : aend;
	} else {
		hend = memchr(h, ':', (size_t)(aend - h));
		if (hend == NULL)
			hend = aend;
	}
	n = (size_t)(hend - h);
	if (n > 0) {
		char *raw = xstrndup(h, n);

		out->host = util_pct_decode(raw, n);
		free(raw);
		ascii_lower(out->host);
		/* A trailing dot names the same host. */
		n = strlen(out->host);
		while (n > 0 && out->host[n - 1] == '.')
			out->host[--n] = '\0';
		if (*out->host == '\0') {
			free(out->host);
			out->host = NULL;
		}
	}
	if (hend < aend && *hend == ':' && hend + 1 < aend)
		out->port = xstrndup(hend + 1, (size_t)(aend - hend - 1));
	out->rest = xstrdup(aend);
	return 0;
}

char *
url_defang(const char *url)
{
	struct url_parts u;
	struct buf b;
	const char *s = url, *host_at = NULL, *host_end = NULL;

	if (url == NULL)
		return xstrdup("");
	while (*s != '\0' && (unsigned char)*s <= ' ')
		s++;
	buf_init(&b);
	buf_add(&b, "", 0);
	if (url_parse(s, &u) == 0 && u.host != NULL) {
		/* Locate the authority's host part in the text as written. */
		const char *p = s;

		if (*u.scheme != '\0') {
			p = strchr(s, ':') + 1;
			while (*p == '/' || *p == '\\')
				p++;
		} else if (p[0] == '/' && (p[1] == '/' || p[1] == '\\'))
			p += 2;
		host_end = p + strcspn(p, "/\\?#");
		for (const char *q = p; q < host_end; q++)
			if (*q == '@')
				p = q + 1;
		host_at = p;
	}
	for (const char *p = s; *p != '\0'; p++) {
		if (p == s && (ascii_strncasecmp(p, "http", 4) == 0)) {
			buf_add(&b, p[0] == 'H' ? "H" : "h", 1);
			buf_adds(&b, "XX");
			buf_addc(&b, p[3]);
			p += 3;
			continue;
		}
		if (p >= host_at && p < host_end && *p == '.' && host_at != NULL) {
			buf_adds(&b, "[.]");
			continue;
		}
		if ((unsigned char)*p < ' ' || *p == 0x7f)
			continue;
		buf_addc(&b, *p);
	}
	url_parts_free(&u);
	return buf_take(&b);
}

/* ---- bare URLs in text ---- */

/* Characters a bare URL never holds (RFC 3986 plus common sense for mail text). */
static bool
url_stop_ascii(int c)
{
	return c <= ' ' || c == 0x7f || c == '"' || c == '<' || c == '>' || c == '`' || c == '{' ||
	    c == '}' || c == '|' || c == '^';
}

/* Non-ASCII code points allowed in a host: letters of alphabetic scripts, not CJK, not punctuation or full-width forms. */
static bool
host_char_ok(ucs4_t c)
{
	if (c < 0x80)
		return false;
	if (c < 0xC0 || c == 0xD7 || c == 0xF7)
		return false;
	if (c >= 0x2000 && c <= 0x2BFF)      /* punctuation, symbols, arrows */
		return false;
	if (c >= 0x2E80)                     /* CJK, kana, full-width forms and beyond */
		return false;
	return true;
}

static size_t
trim_url_end(const char *t, size_t s, size_t e)
{
	for (;;) {
		char c;
		size_t open = 0, close = 0;

		if (e <= s)
			return e;
		c = t[e - 1];
		if (strchr(".,;:!?'*", c) != NULL) {
			e--;
			continue;
		}
		if (c == ')' || c == ']') {
			char o = c == ')' ? '(' : '[';

			for (size_t i = s; i < e; i++) {
				if (t[i] == o)
					open++;
				else if (t[i] == c)
					close++;
			}
			if (close > open) {
				e--;
				continue;
			}
		}
		return e;
	}
}

size_t
url_find_text(const char *text, size_t len, struct url_span *out, size_t max)
{
	size_t n = 0, i = 0;

	while (i < len && n < max) {
		size_t start = i, host_start, j;
		const char *p = text + i;
		bool www = false;

		if ((p[0] | 0x20) == 'h' && len - i >= 7 && (ascii_strncasecmp(p, "http://", 7) == 0 ||
		    (len - i >= 8 && ascii_strncasecmp(p, "https://", 8) == 0)))
			host_start = i + (p[4] == ':' ? 7 : 8);
		else if ((p[0] | 0x20) == 'f' && len - i >= 6 && ascii_strncasecmp(p, "ftp://", 6) == 0)
			host_start = i + 6;
		else if ((p[0] | 0x20) == 'w' && len - i >= 5 && ascii_strncasecmp(p, "www.", 4) == 0 &&
		    (i == 0 || !(is_alpha((unsigned char)text[i - 1]) || is_digit((unsigned char)text[i - 1]) ||
		    text[i - 1] == '.' || text[i - 1] == '/' || text[i - 1] == '@' || text[i - 1] == '-'))) {
			host_start = i;
			www = true;
		} else {
			i++;
			continue;
		}
		/* Not inside a word ("xhttp://" is not a URL start, but "URL:http://" is). */
		if (!www && i > 0 && (is_alpha((unsigned char)text[i - 1]) || is_digit((unsigned char)text[i - 1]))) {
			i++;
			continue;
		}
		/* Host: ASCII host characters and non-CJK letters. */
		j = host_start;
		while (j < len) {
			unsigned char c = (unsigned char)text[j];

			if (c < 0x80) {
				if (url_stop_ascii(c) || c == '/' || c == '?' || c == '#' || c == '\\')
					break;
				j++;
			} else {
				ucs4_t uc;
				int k = u8_mbtouc(&uc, (const uint8_t *)text + j, len - j);

				if (k <= 0 || !host_char_ok(uc))
					break;
				j += (size_t)k;
			}
		}
		if (j == host_start || (www && j - host_start < 6)) {
			i = j > i ? j : i + 1;
			continue;
		}
		if (www && memchr(text + host_start, '@', j - host_start) != NULL) {
			i = j;          /* www.shop@example.com: an e-mail address */
			continue;
		}
		/* Path, query, fragment: ASCII only; any non-ASCII character (Japanese text) ends the URL. */
		{
			int square = 0;   /* "[url=https://x/a]text[/url]": an unopened ']' ends the URL */

			while (j < len && (unsigned char)text[j] < 0x80 && !url_stop_ascii((unsigned char)text[j])) {
				if (text[j] == '[')
					square++;
				else if (text[j] == ']' && square-- == 0)
					break;
				j++;
			}
		}
		j = trim_url_end(text, start, j);
		if (j > host_start) {
			out[n].start = start;
			out[n].end = j;
			n++;
		}
		i = j > i ? j : i + 1;
	}
	return n;
}

/* ---- data lists ---- */

struct wordlist {
	char **v;
	size_t n;
	bool loaded;
};

static struct wordlist risky_tlds, shorteners;

static char *lists_error;   /* what lists_load() could not read, for url_load() */

/* One name a line ("top", ".top"); the first word counts, '#' starts a comment. */
static void
wordlist_load(struct wordlist *w, const char *name)
{
	char *path = util_data_path(name), *err = NULL;
	struct conffile *cf = conffile_open(path, CONFFILE_HASH_ANYWHERE, &err);
	struct conffile_line l;

	w->loaded = true;
	free(path);
	while (cf != NULL && conffile_next(cf, &l)) {
		char *s = l.text + strspn(l.text, ".");

		s[strcspn(s, " \t")] = '\0';
		if (*s == '\0')
			continue;
		w->v = xreallocarray(w->v, w->n + 1, sizeof *w->v);
		w->v[w->n] = xstrdup(s);
		ascii_lower(w->v[w->n]);
		w->n++;
	}
	if (cf != NULL)
		conffile_close(cf, &err);
	conffile_join(&lists_error, err);
}

static const psl_ctx_t *psl_ctx;
static pthread_once_t lists_once = PTHREAD_ONCE_INIT;

/* Data lists and the PSL context, once: links are checked in several threads at once. */
static void
lists_load(void)
{
	wordlist_load(&risky_tlds, "risky-tlds.txt");
	wordlist_load(&shorteners, "shorteners.txt");
	if ((psl_ctx = psl_latest(NULL)) == NULL)
		psl_ctx = psl_builtin();
}

int
url_load(char **cause)
{
	pthread_once(&lists_once, lists_load);
	*cause = lists_error != NULL ? xstrdup(lists_error) : NULL;
	return lists_error != NULL ? -1 : 0;
}

static bool
host_under(const char *host, const char *d)
{
	size_t hl = strlen(host), dl = strlen(d);

	if (dl == 0 || hl < dl || strcmp(host + hl - dl, d) != 0)
		return false;
	return hl == dl || host[hl - dl - 1] == '.';
}

bool
url_risky_tld(const char *host)
{
	const char *tld;

	if (host == NULL)
		return false;
	pthread_once(&lists_once, lists_load);
	tld = strrchr(host, '.');
	tld = tld != NULL ? tld + 1 : host;
	for (size_t i = 0; i < risky_tlds.n; i++)
		if (ascii_strcasecmp(tld, risky_tlds.v[i]) == 0)
			return true;
	return false;
}

bool
url_is_shortener(const char *host)
{
	if (host == NULL)
		return false;
	pthread_once(&lists_once, lists_load);
	for (size_t i = 0; i < shorteners.n; i++)
		if (host_under(host, shorteners.v[i]))
			return true;
	return false;
}

/* ---- one link's facts ---- */

/* IPv4 in any form a browser accepts (WHATWG host parser): 1-4 parts, decimal, 0x hex or 0 octal. */
static bool
is_ipv4_any(const char *h)
{
	int parts = 0;
	const char *p = h;

	if (*p == '\0')
		return false;
	while (*p != '\0') {
		const char *s = p;

		if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
			p += 2;
			while (util_hex_digit((unsigned char)*p) >= 0)
				p++;
		} else
			while (is_digit((unsigned char)*p))
				p++;
		if (p == s)
			return false;
		parts++;
		if (*p == '.')
			p++;
		else if (*p != '\0')
			return false;
	}
	return parts >= 1 && parts <= 4;
}

/* true when tld is a top-level domain of the Public Suffix List ("pdf" and "txt" are not). */
static bool
known_tld(const char *tld)
{
	pthread_once(&lists_once, lists_load);
	return psl_ctx != NULL && psl_is_public_suffix2(psl_ctx, tld, PSL_TYPE_ANY | PSL_TYPE_NO_STAR_RULE);
}

/* The registrable domain named by a link's visible text ("www.amazon.co.jp", "https://amazon.co.jp/..."), or NULL. */
static char *
text_names_domain(const char *text)
{
	struct url_parts u;
	char *tok, *res = NULL;
	size_t n;

	if (text == NULL)
		return NULL;
	while (*text == ' ' || *text == '<' || *text == '(' || *text == '[')
		text++;
	n = strcspn(text, " \t\n<>()[]\"'");
	if (n == 0 || n > 2000)
		return NULL;
	tok = xstrndup(text, n);
	if (url_parse(tok, &u) == 0 && u.host != NULL && u.scheme != NULL &&
	    (*u.scheme == '\0' || special_scheme(u.scheme))) {
		const char *tld = strrchr(u.host, '.');

		if (tld != NULL && known_tld(tld + 1) && !(*u.scheme == '\0' && u.userinfo != NULL))
			res = domain_org(u.host);
	}
	else if (strchr(tok, '.') != NULL && strchr(tok, '@') == NULL) {
		/* A bare domain: "amazon.co.jp", "paypal.com/signin". */
		char *host = xstrndup(tok, strcspn(tok, "/?#:"));
		size_t hl = strlen(host);

		while (hl > 0 && strchr(".,;!?", host[hl - 1]) != NULL)
			host[--hl] = '\0';
		if (domain_is_hostname(host) && !is_ipv4_any(host)) {
			const char *tld = strrchr(host, '.') + 1;

			/* A file name ("invoice.pdf") is not a domain: require a letter-only TLD that libpsl knows. */
			if (strlen(tld) >= 2 && is_alpha((unsigned char)tld[0]) && known_tld(tld))
				res = domain_org(host);
		}
		free(host);
	}
	url_parts_free(&u);
	free(tok);
	return res;
}

/* A brand's id ("[paypal]") as a whole label or hyphen-separated part of one in the n bytes of host before its org domain. */
static bool
id_in_labels(const struct brand *br, const char *host, size_t n)
{
	const char *id = br->id;
	size_t il;

	if (id == NULL)
		return false;
	id += *id == '[';
	il = strcspn(id, "]");
	if (il < 5)   /* "ana", "line", "visa": too short or too common to be told from ordinary labels */
		return false;
	for (size_t k = 0; k < il; k++)
		if (!((id[k] >= 'a' && id[k] <= 'z') || (id[k] >= '0' && id[k] <= '9')))
			return false;
	for (size_t p = 0; p + il <= n; p++)
		if ((p == 0 || host[p - 1] == '.' || host[p - 1] == '-') && strncmp(host + p, id, il) == 0 &&
		    (host[p + il] == '.' || host[p + il] == '-'))
			return true;
	return false;
}

/*
 * Brand domain used as labels followed by more labels of another domain;
 * with names, also the brand's id as a label or part of one before the
 * registrable domain ("paypal-login.example.top").
 */
static char *
find_brand_subdomain_in(const char *host, const char *org, const struct brands *b, bool names)
{
	size_t hl = strlen(host), ol = org != NULL ? strlen(org) : 0;

	if (b == NULL || org == NULL)
		return NULL;
	for (size_t i = 0; i < brands_count(b); i++) {
		const struct brand *br = brands_get(b, i);

		for (int l = 0; l < 2; l++) {
			char *const *v = l == 0 ? br->domains : br->mail_domains;
			size_t n = l == 0 ? br->ndomains : br->nmail_domains;

			for (size_t k = 0; k < n; k++) {
				size_t dl = strlen(v[k]);
				const char *p = host;

				while ((p = strstr(p, v[k])) != NULL) {
					bool left = p == host || p[-1] == '.' || p[-1] == '-';
					bool right = p[dl] == '.' || p[dl] == '-';

					if (left && right && (size_t)(p - host) + dl < hl) {
						if (brands_owns(b, br, org, BRAND_ALL))
							break;
						return xstrdup(v[k]);
					}
					p++;
				}
			}
		}
		if (names && hl > ol + 1 && host[hl - ol - 1] == '.' && strcmp(host + hl - ol, org) == 0 &&
		    id_in_labels(br, host, hl - ol - 1) && !brands_owns(b, br, org, BRAND_ALL)) {
			const char *id = br->id + (*br->id == '[');
			return xstrndup(id, strcspn(id, "]"));
		}
	}
	return NULL;
}

static char *
find_brand_subdomain(const char *host, const char *org, const struct brands *b)
{
	return find_brand_subdomain_in(host, org, b, false);
}

char *
url_brand_subdomain(const char *host, const struct brands *b)
{
	char *h, *org, *r;

	if (host == NULL || *host == '\0' || b == NULL)
		return NULL;
	h = xstrdup(host);
	ascii_lower(h);
	org = domain_org(h);
	r = org != NULL && strcmp(org, h) != 0 ? find_brand_subdomain_in(h, org, b, true) : NULL;
	free(org);
	free(h);
	return r;
}

void
link_fill(struct link *l, const struct brands *b)
{
	struct url_parts u;
	struct unwrap uw;

	free(l->defanged);
	l->defanged = url_defang(l->href);
	/* Gateways and trackers peeled off: every fact below is of the real target. */
	for (size_t i = 0; i < l->nwrappers; i++)
		free(l->wrappers[i]);
	free(l->wrappers);
	free(l->unwrapped);
	free(l->unwrapped_defanged);
	free(l->tracker);
	/* Filled again (the TUI re-runs checks): what the last fill derived goes first. */
	free(l->scheme);
	free(l->userinfo);
	free(l->host);
	free(l->host_ascii);
	free(l->host_unicode);
	free(l->org_domain);
	free(l->brand_subdomain);
	free(l->text_domain);
	l->scheme = l->userinfo = l->host = l->host_ascii = l->host_unicode = NULL;
	l->org_domain = l->brand_subdomain = l->text_domain = NULL;
	l->ip_literal = l->userinfo_trick = false;
	unwrap_url(l->href, &uw);
	l->unwrapped = uw.target;
	l->unwrapped_defanged = uw.target != NULL ? url_defang(uw.target) : NULL;
	l->wrappers = uw.wrappers;
	l->nwrappers = uw.nwrappers;
	l->opaque = uw.opaque;
	l->tracker = uw.tracker;
	if (url_parse(l->unwrapped != NULL ? l->unwrapped : l->href, &u) != 0) {
		url_parts_free(&u);
		return;
	}
	/* "www.shop@example.com" without a scheme is an e-mail address, not a link. */
	if (*u.scheme == '\0' && u.userinfo != NULL) {
		url_parts_free(&u);
		return;
	}
	l->scheme = u.scheme;
	u.scheme = NULL;
	l->userinfo = u.userinfo;
	u.userinfo = NULL;
	l->tracking_path = u.host != NULL && unwrap_tracking_path(u.rest);
	if (u.host != NULL) {
		char *a = NULL, *un = NULL, *h = u.host;
		int rc;

		l->host = xstrdup(h);
		if (h[0] == '[' || domain_is_ip_literal(h) || is_ipv4_any(h)) {
			l->ip_literal = true;
			l->host_ascii = xstrdup(h);
			l->host_unicode = xstrdup(h);
		} else {
			/* UTS #46 non-transitional processing, as browsers do ("ａｍａｚｏｎ" -> "amazon"). */
			rc = idn2_to_ascii_8z(h, &a, IDN2_NFC_INPUT | IDN2_NONTRANSITIONAL);
			if (rc != IDN2_OK)
				rc = idn2_to_ascii_8z(h, &a, IDN2_NFC_INPUT | IDN2_TRANSITIONAL);
			if (rc == IDN2_OK && a != NULL) {
				l->host_ascii = xstrdup(a);
				ascii_lower(l->host_ascii);
				idn2_free(a);
			}
			if (idn2_to_unicode_8z8z(l->host_ascii != NULL ? l->host_ascii : h, &un, 0) == IDN2_OK &&
			    un != NULL) {
				l->host_unicode = xstrdup(un);
				idn2_free(un);
			} else
				l->host_unicode = xstrdup(h);
			l->org_domain = domain_org(l->host_ascii != NULL ? l->host_ascii : h);
			l->brand_subdomain = find_brand_subdomain(l->host_ascii != NULL ? l->host_ascii : h,
			    l->org_domain, b);
		}
		if (l->userinfo != NULL) {
			/* "https://www.apple.com@evil.example/": the part before '@' reads as the host. */
			char *user = xstrndup(l->userinfo, strcspn(l->userinfo, ":"));
			char *dec = util_pct_decode(user, strlen(user));

			l->userinfo_trick = strchr(dec, '.') != NULL || (b != NULL && brands_match(b, dec,
			    strlen(dec), NULL, NULL, NULL) != NULL);
			free(dec);
			free(user);
		}
	}
	if (l->text != NULL && strcmp(l->source, "text") != 0)
		l->text_domain = text_names_domain(l->text);
	url_parts_free(&u);
}

static void
link_free(struct link *l)
{
	free(l->source);
	free(l->text);
	free(l->href);
	free(l->defanged);
	free(l->unwrapped);
	free(l->unwrapped_defanged);
	for (size_t i = 0; i < l->nwrappers; i++)
		free(l->wrappers[i]);
	free(l->wrappers);
	free(l->tracker);
	free(l->scheme);
	free(l->host);
	free(l->host_ascii);
	free(l->host_unicode);
	free(l->org_domain);
	free(l->userinfo);
	free(l->brand_subdomain);
	free(l->text_domain);
}

void
links_free(struct link *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		link_free(&v[i]);
	free(v);
}

void
links_collect(const struct message *m, const struct brands *b, struct link **out, size_t *nout)
{
	struct link *v = NULL;
	struct url_span *spans;
	size_t n = 0, ns, cap = 0;

	*out = NULL;
	*nout = 0;
	if (m == NULL)
		return;
	for (size_t i = 0; i < m->nlinks && n < URL_MAX_LINKS; i++) {
		const struct body_link *bl = &m->links[i];
		struct link *l;

		if (bl->href == NULL)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			v = xreallocarray(v, cap, sizeof *v);
		}
		l = &v[n++];
		memset(l, 0, sizeof *l);
		l->number = bl->number;
		l->source = xstrdup(bl->source != NULL ? bl->source : "a");
		l->text = xstrdup(bl->text != NULL ? bl->text : "");
		l->href = xstrdup(bl->href);
		l->start = (long)bl->start;
		l->end = (long)bl->end;
		link_fill(l, b);
	}
	spans = xreallocarray(NULL, URL_MAX_LINKS, sizeof *spans);
	ns = url_find_text(m->body, m->body_len, spans, URL_MAX_LINKS);
	for (size_t i = 0; i < ns && n < URL_MAX_LINKS; i++) {
		struct link *l;
		bool inside = false;

		/* A URL that is an HTML link's visible text is that link. */
		for (size_t k = 0; k < m->nlinks && !inside; k++)
			inside = spans[i].start < m->links[k].end && m->links[k].start < spans[i].end;
		if (inside)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			v = xreallocarray(v, cap, sizeof *v);
		}
		l = &v[n++];
		memset(l, 0, sizeof *l);
		l->source = xstrdup("text");
		l->href = xstrndup(m->body + spans[i].start, spans[i].end - spans[i].start);
		l->text = xstrdup(l->href);
		l->start = (long)spans[i].start;
		l->end = (long)spans[i].end;
		link_fill(l, b);
	}
	free(spans);
	*out = v;
	*nout = n;
}

/* ---- findings ---- */

static bool
web_link(const struct link *l)
{
	return l->host != NULL && l->scheme != NULL && (*l->scheme == '\0' || special_scheme(l->scheme));
}

/* Two registrable domains are one when their A-labels are ("例え.jp" in the text, "xn--r8jz45g.jp" in the href). */
static bool
same_domain_idn(const char *a, const char *b)
{
	char *x = NULL, *y = NULL;
	bool same;

	if (strcmp(a, b) == 0)
		return true;
	if (idn2_to_ascii_8z(a, &x, IDN2_NFC_INPUT | IDN2_NONTRANSITIONAL) != IDN2_OK ||
	    idn2_to_ascii_8z(b, &y, IDN2_NFC_INPUT | IDN2_NONTRANSITIONAL) != IDN2_OK || x == NULL || y == NULL) {
		idn2_free(x);
		idn2_free(y);
		return false;
	}
	same = ascii_strcasecmp(x, y) == 0;
	idn2_free(x);
	idn2_free(y);
	return same;
}

/* The href, percent-decoded, names dom (a redirector carrying the real target). */
static bool
href_carries(const char *href, const char *dom)
{
	char *dec = util_pct_decode(href, strlen(href));
	bool r;

	ascii_lower(dec);
	r = strstr(dec, dom) != NULL;
	free(dec);
	return r;
}

const char *
link_shown(const struct link *l)
{
	return l->unwrapped_defanged != NULL ? l->unwrapped_defanged : l->defanged;
}

char *
link_via(const struct link *l)
{
	struct buf b;

	if (l->nwrappers == 0)
		return NULL;
	buf_init(&b);
	for (size_t i = 0; i < l->nwrappers; i++) {
		if (i > 0)
			buf_adds(&b, " \u2192 ");
		buf_adds(&b, l->wrappers[i]);
	}
	return buf_take(&b);
}

/* dom is one of the sender's registrable domains, or a domain of the brand that owns one of them. */
static bool
names_sender(const struct brands *b, const struct link_sender *s, const char *dom)
{
	const struct brand *tb;
	const char *own[2];

	if (s == NULL || dom == NULL)
		return false;
	own[0] = s->from_org;
	own[1] = s->dkim_org;
	tb = brands_lookup_domain(b, dom);
	for (int i = 0; i < 2; i++)
		if (own[i] != NULL && (strcmp(own[i], dom) == 0 || (tb != NULL && brands_owns(b, tb, own[i], BRAND_ALL))))
			return true;
	return false;
}

/*
 * The link goes through the sender's own click redirect ("click.sender.example/Click?q=");
 * from_only: the From domain's (a DKIM signer alone may be a hired or hijacked mailing account).
 */
static bool
own_tracker(const struct link *l, const struct link_sender *s, bool from_only)
{
	if (s == NULL || !l->tracking_path || l->org_domain == NULL)
		return false;
	return (s->from_org != NULL && strcmp(l->org_domain, s->from_org) == 0) ||
	    (!from_only && s->dkim_org != NULL && strcmp(l->org_domain, s->dkim_org) == 0);
}

void
url_check(const struct link *links, size_t n, const struct brands *b, const struct brand *claimed,
    const struct link_sender *sender, struct findings *fs)
{
	for (size_t i = 0; i < n; i++) {
		const struct link *l = &links[i];
		char where[32];
		const char *shown = link_shown(l);
		struct lookalike_match lm;
		const char *host = l->host_ascii != NULL ? l->host_ascii : l->host;

		if (!web_link(l))
			continue;
		snprintf(where, sizeof where, "link[%zu]", i + 1);
		if (l->ip_literal)
			finding_add(fs, F_LINK_IP_LITERAL, -1, where, l->start, l->end,
			    _("%s goes to the IP address %s"), shown, l->host);
		if (l->userinfo_trick)
			finding_add(fs, F_LINK_TEXT_MISMATCH, -1, where, l->start, l->end,
			    _("%s: \"%s\" before '@' is not the host; the link goes to %s"), shown,
			    l->userinfo, l->host);
		else if (l->text_domain != NULL && !l->opaque && (l->org_domain != NULL || l->ip_literal) &&
		    (l->org_domain == NULL || !same_domain_idn(l->text_domain, l->org_domain))) {
			const struct brand *tb = brands_lookup_domain(b, l->text_domain);
			bool same_brand = tb != NULL && l->org_domain != NULL && brands_owns(b, tb, l->org_domain, BRAND_ALL);
			bool tracked = l->tracker != NULL || own_tracker(l, sender, false);
			int sev = href_carries(l->unwrapped != NULL ? l->unwrapped : l->href, l->text_domain) ? SEV_LOW : -1;

			/* The sender's tracker naming the sender (or its brand) is the mailing service counting clicks. */
			if (tracked && names_sender(b, sender, l->text_domain))
				same_brand = true;
			/* The From domain's own redirect naming a domain no brand claims: the sender's choice, not a lure. */
			else if (own_tracker(l, sender, true) && tb == NULL)
				sev = SEV_LOW;
			if (!same_brand)
				finding_add(fs, F_LINK_TEXT_MISMATCH, sev, where, l->start, l->end,
				    _("the text names %s, the link goes to %s"), l->text_domain,
				    l->org_domain != NULL ? l->org_domain : l->host);
		}
		if (l->brand_subdomain != NULL)
			finding_add(fs, F_LINK_BRAND_MISMATCH, -1, where, l->start, l->end,
			    _("%s puts the brand domain %s in front of %s"), shown, l->brand_subdomain,
			    l->org_domain != NULL ? l->org_domain : l->host);
		else if (claimed != NULL && !l->opaque && !brands_owns(b, claimed, host, BRAND_ALL) &&
		    !(l->org_domain != NULL && brands_owns(b, claimed, l->org_domain, BRAND_ALL)))
			finding_add(fs, F_LINK_BRAND_MISMATCH, -1, where, l->start, l->end,
			    _("the message claims to be %s; %s is not one of its domains"), claimed->name,
			    l->org_domain != NULL ? l->org_domain : l->host);
		if (!l->ip_literal && url_risky_tld(host))
			finding_add(fs, F_LINK_RISKY_TLD, -1, where, l->start, l->end,
			    _("%s is under .%s"), shown, strrchr(host, '.') != NULL ? strrchr(host, '.') + 1 : host);
		if (url_is_shortener(host) && !(claimed != NULL && brands_owns(b, claimed, host, BRAND_ALL)))
			finding_add(fs, F_LINK_SHORTENER, -1, where, l->start, l->end,
			    _("%s hides its target behind the shortener %s"), shown, host);
		if (!l->ip_literal && lookalike_host(b, l->host, &lm)) {
			char *ev = lookalike_evidence(&lm, l->host);

			finding_add(fs, F_LINK_CONFUSABLE, -1, where, l->start, l->end, "%s", ev);
			free(ev);
			lookalike_match_free(&lm);
		}
	}
}
