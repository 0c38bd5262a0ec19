/* received.c — Received: header parsing (RFC 5321 §4.4, RFC 5322 §3.6.7 and the MTA formats in doc/VIOLATIONS.md) and the trust walk that picks the origin. */
#include "config.h"

#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain.h"
#include "i18n.h"
#include "received.h"
#include "util.h"

#define NOMATCH		SIZE_MAX
#define MAX_SIDE	64	/* receiving-side domains remembered by received_chain() */
#define MAX_DATE_TRIES	8	/* weekday words tried when there is no ';' */

/* A top-level piece of a header value: a word or a (possibly nested) comment. */
enum tok_type {
	TOK_WORD,
	TOK_COMMENT
};
struct tok {
	enum tok_type type;
	size_t start;		/* word: first byte; comment: after '(' */
	size_t end;		/* word: one past the end; comment: the ')' */
};
struct toks {
	struct tok *v;
	size_t n;
	size_t cap;
};

/* The clauses of RFC 5321 §4.4 "Time-stamp-line", by token index. */
enum clause {
	CL_FROM,
	CL_BY,
	CL_VIA,
	CL_WITH,
	CL_ID,
	CL_FOR,
	CL_TLS,			/* Exim 4.93+: "tls TLS_AES_256_GCM_SHA384" */
	CL_COUNT
};
static const char *clause_words[CL_COUNT] = {
	"from", "by", "via", "with", "id", "for", "tls"
};

/* Everything the parser keeps while it works on one value. */
struct rparse {
	const char *s;
	size_t len;		/* clause part: up to the last top-level ';' */
	size_t *match;		/* match[i]: the ')' closing a '(' at i, or NOMATCH */
	struct toks t;
	size_t cl[CL_COUNT];	/* first token after the keyword, or NOMATCH */
	size_t cl_end[CL_COUNT];
};

/* Exchange Online: the from name is only a HELO, so it is believed only from these networks. */
struct netrange {
	const char *net;
	int bits;
};
static const struct netrange microsoft_nets[] = {
	{ "40.92.0.0", 15 }, { "40.107.0.0", 16 }, { "52.96.0.0", 14 },
	{ "52.100.0.0", 14 }, { "104.47.0.0", 17 }, { "2603:1000::", 24 },
	{ "2a01:111::", 32 },
};
static const char *microsoft_orgs[] = { "outlook.com", "office365.com", "exchangelabs.com", NULL };
static const char *google_orgs[] = { "google.com", "gmail.com", "googlemail.com", "1e100.net", NULL };

static bool
is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static bool
is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static bool
is_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
word_is(const char *s, const struct tok *t, const char *w)
{
	size_t n = strlen(w);

	return t->type == TOK_WORD && t->end - t->start == n &&
	    ascii_strncasecmp(s + t->start, w, n) == 0;
}

static bool
starts_with(const char *s, size_t n, const char *prefix)
{
	size_t p = strlen(prefix);

	return n >= p && ascii_strncasecmp(s, prefix, p) == 0;
}

/* Copy of s[start,end) without the characters of strip at either end, or NULL if nothing is left. */
static char *
span_dup(const char *s, size_t start, size_t end, const char *strip)
{
	while (start < end && strchr(strip, s[start]) != NULL && s[start] != '\0')
		start++;
	while (end > start && strchr(strip, s[end - 1]) != NULL && s[end - 1] != '\0')
		end--;
	if (start == end)
		return NULL;
	return xstrndup(s + start, end - start);
}

/*
 * Pair the parentheses of s[0,len) in one pass. An unmatched '(' is an
 * ordinary character, so a HELO such as "evil(" cannot swallow the TCP-info
 * comment and the "by" part behind it (see doc/VIOLATIONS.md). Quoted
 * pairs are not honoured in comments: RFC 5322 allows them, MTAs do not write them.
 */
static size_t *
paren_match(const char *s, size_t len)
{
	size_t *match, *stack, depth = 0;

	match = xreallocarray(NULL, len + 1, sizeof *match);
	stack = xreallocarray(NULL, len + 1, sizeof *stack);
	for (size_t i = 0; i < len; i++) {
		match[i] = NOMATCH;
		if (s[i] == '(')
			stack[depth++] = i;
		else if (s[i] == ')' && depth > 0)
			match[stack[--depth]] = i;
	}
	free(stack);
	return match;
}

static void
toks_add(struct toks *t, enum tok_type type, size_t start, size_t end)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 32;
		t->v = xreallocarray(t->v, t->cap, sizeof *t->v);
	}
	t->v[t->n].type = type;
	t->v[t->n].start = start;
	t->v[t->n].end = end;
	t->n++;
}

/* Split s[start,end) into words and top-level comments; ';' separates like white space. */
static void
tokenize(const char *s, const size_t *match, size_t start, size_t end, struct toks *t)
{
	size_t i = start, j;

	t->n = 0;
	while (i < end) {
		if (is_space(s[i]) || s[i] == ';') {
			i++;
			continue;
		}
		if (s[i] == '(' && match[i] != NOMATCH && match[i] < end) {
			toks_add(t, TOK_COMMENT, i + 1, match[i]);
			i = match[i] + 1;
			continue;
		}
		for (j = i + 1; j < end; j++) {
			if (is_space(s[j]) || s[j] == ';')
				break;
			if (s[j] == '(' && match[j] != NOMATCH && match[j] < end)
				break;
		}
		toks_add(t, TOK_WORD, i, j);
		i = j;
	}
}

/* Position of the last ';' outside comments, or NOMATCH. */
static size_t
last_semicolon(const char *s, const size_t *match, size_t len)
{
	size_t last = NOMATCH;

	for (size_t i = 0; i < len; i++) {
		if (s[i] == '(' && match[i] != NOMATCH)
			i = match[i];
		else if (s[i] == ';')
			last = i;
	}
	return last;
}

/*
 * Parse an address as MTAs write it: "1.2.3.4", "[1.2.3.4]", "[1.2.3.4]:25",
 * "[1.2.3.4:25]", "IPv6:2001:db8::1", "?IPv6:::ffff:1.2.3.4?", "fe80::1%22".
 * IPv4-mapped IPv6 comes back as IPv4. Writes the canonical text to out.
 */
static bool
addr_parse(const char *p, size_t n, char *out, size_t outsz, int *family)
{
	char tmp[INET6_ADDRSTRLEN + 16], *q, *colon;
	unsigned char a6[16], a4[4];
	bool bracketed = false;

	while (n > 0 && (p[n - 1] == ',' || p[n - 1] == ';' || p[n - 1] == '?'))
		n--;
	while (n > 0 && *p == '?') {
		p++;
		n--;
	}
	if (n == 0 || n >= sizeof tmp)
		return false;
	memcpy(tmp, p, n);
	tmp[n] = '\0';
	q = tmp;
	if (*q == '[') {
		char *close = strchr(q, ']');

		if (close == NULL)
			return false;
		if (close[1] != '\0' && (close[1] != ':' || close[2] == '\0' ||
		    strspn(close + 2, "0123456789") != strlen(close + 2)))
			return false;
		*close = '\0';
		q++;
		bracketed = true;
		if (*q == '?' && close > q + 1 && close[-1] == '?') {
			close[-1] = '\0';
			q++;
		}
	}
	if (ascii_strncasecmp(q, "IPv6:", 5) == 0)
		q += 5;
	if ((colon = strchr(q, '%')) != NULL)
		*colon = '\0';
	if (*q == '\0')
		return false;
	if (inet_pton(AF_INET6, q, a6) == 1) {
		static const unsigned char mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };

		if (memcmp(a6, mapped, sizeof mapped) == 0) {
			*family = 4;
			return inet_ntop(AF_INET, a6 + 12, out, outsz) != NULL;
		}
		*family = 6;
		return inet_ntop(AF_INET6, a6, out, outsz) != NULL;
	}
	/* "1.2.3.4:5678" (ecelerity writes the port inside the brackets). */
	if ((colon = strchr(q, ':')) != NULL && strchr(colon + 1, ':') == NULL &&
	    colon[1] != '\0' && strspn(colon + 1, "0123456789") == strlen(colon + 1))
		*colon = '\0';
	if (inet_pton(AF_INET, q, a4) == 1) {
		*family = 4;
		return inet_ntop(AF_INET, a4, out, outsz) != NULL;
	}
	/* Exim 3 "[192.0.2.1.4567]": the port after a fifth dot, only in brackets. */
	if (bracketed && (colon = strrchr(q, '.')) != NULL && colon[1] != '\0' &&
	    strspn(colon + 1, "0123456789") == strlen(colon + 1) && strlen(colon + 1) <= 5) {
		*colon = '\0';
		if (strchr(q, ':') == NULL && inet_pton(AF_INET, q, a4) == 1) {
			*family = 4;
			return inet_ntop(AF_INET, a4, out, outsz) != NULL;
		}
	}
	return false;
}

/* Reverse name as written, without "IDENT:", "user@" and the trailing dot; NULL if empty. */
static char *
rdns_clean(const char *p, size_t n)
{
	const char *at;

	if (starts_with(p, n, "IDENT:")) {
		p += 6;
		n -= 6;
	}
	at = memchr(p, '@', n);
	while (at != NULL) {
		n -= (size_t)(at + 1 - p);
		p = at + 1;
		at = memchr(p, '@', n);
	}
	while (n > 0 && (p[n - 1] == '.' || p[n - 1] == ','))
		n--;
	if (n == 0)
		return NULL;
	return xstrndup(p, n);
}

static bool
looks_like_name(const char *p, size_t n)
{
	bool dot = false;

	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = p[i];

		if (c == '.')
			dot = true;
		else if (!is_alpha(c) && !is_digit(c) && c != '-' && c != '_' && c < 0x80)
			return false;
	}
	return dot || (n == 9 && ascii_strncasecmp(p, "localhost", 9) == 0) ||
	    (n == 7 && ascii_strncasecmp(p, "unknown", 7) == 0);
}

/* What the from part's comments say. */
struct tcpinfo {
	char ip[INET6_ADDRSTRLEN + 1];
	int family;
	bool found;		/* a comment holds the client address */
	char *name;		/* name written before the address: rdns or "unknown" */
	char *helo;		/* qmail "(HELO x)", Exim "helo=x", ZMailer "\"EHLO x\"" */
	char *name_only;	/* a comment holding one host name and no address */
	bool qmail_bare;	/* the address stood alone without brackets: "(1.2.3.4)" */
	bool local;		/* OpenSMTPD "[local]" */
	bool helo_empty;	/* qmail "(HELO )": the client sent an empty HELO */
	bool exim_helo;		/* Exim, ecelerity: "helo=x" inside the TCP-info */
	bool courier;		/* Courier: "softdnserr", "(AUTH: ...)", "[::ffff:1.2.3.4]" */
	bool softdns;		/* Courier "(softdnserr [ip])": the lookup failed for now */
	bool forged;		/* Sendmail "(may be forged)": the name did not confirm */
};

/* Words that stand before an address in a comment but are not a reverse name. */
static bool
not_a_name(const char *p, size_t n)
{
	static const char *words[] = { "softdnserr", "unverified", "verified", "RDNS", NULL };

	for (size_t i = 0; words[i] != NULL; i++)
		if (strlen(words[i]) == n && ascii_strncasecmp(p, words[i], n) == 0)
			return true;
	return false;
}

static bool
is_helo_word(const char *s, const struct tok *t)
{
	return word_is(s, t, "HELO") || word_is(s, t, "EHLO") || word_is(s, t, "LHLO");
}

/* Look at one comment of the from part. */
static void
from_comment(struct rparse *p, const struct tok *c, bool first, struct tcpinfo *ti)
{
	const char *s = p->s;
	struct toks t = { NULL, 0, 0 };
	size_t prev = NOMATCH, nwords = 0;
	bool found_here = false;

	tokenize(s, p->match, c->start, c->end, &t);
	for (size_t i = 0; i < t.n; i++)
		if (t.v[i].type == TOK_WORD)
			nwords++;
	/*
	 * qmail: "(HELO name)" is the HELO, even when name is an address
	 * literal; "(HELO )" says the client sent an empty one. LMTP servers
	 * write "(LHLO name)".
	 */
	if (t.n >= 1 && is_helo_word(s, &t.v[0])) {
		if (t.n >= 2 && t.v[1].type == TOK_WORD && ti->helo == NULL)
			ti->helo = span_dup(s, t.v[1].start, t.v[1].end, "");
		else if (t.n == 1)
			ti->helo_empty = true;
		free(t.v);
		return;
	}
	/* Courier: "(AUTH: LOGIN user)" names the login, never a host. */
	if (t.n >= 1 && word_is(s, &t.v[0], "AUTH:")) {
		ti->courier = true;
		free(t.v);
		return;
	}
	for (size_t i = 0; i < t.n; i++)
		if (t.v[i].type == TOK_COMMENT && t.v[i].end - t.v[i].start == 13 &&
		    ascii_strncasecmp(s + t.v[i].start, "may be forged", 13) == 0)
			ti->forged = true;
	for (size_t i = 0; i < t.n; i++) {
		const struct tok *w = &t.v[i];
		const char *wp = s + w->start, *at, *br;
		size_t wn = w->end - w->start;
		char ip[sizeof ti->ip];
		int fam;

		if (w->type != TOK_WORD) {
			prev = NOMATCH;
			continue;
		}
		if (starts_with(wp, wn, "helo=")) {
			if (ti->helo == NULL && wn > 5)
				ti->helo = span_dup(s, w->start + 5, w->end, ",");
			ti->exim_helo = true;
			prev = NOMATCH;
			continue;
		}
		/* CommuniGate Pro: "(account user@example.edu HELO [10.0.0.1])": a login and a HELO, never the client. */
		if (word_is(s, w, "account") && i + 1 < t.n && t.v[i + 1].type == TOK_WORD) {
			i++;
			prev = NOMATCH;
			continue;
		}
		if (is_helo_word(s, w)) {
			if (i + 1 < t.n && t.v[i + 1].type == TOK_WORD) {
				if (ti->helo == NULL)
					ti->helo = span_dup(s, t.v[i + 1].start, t.v[i + 1].end, "");
				i++;
			}
			prev = NOMATCH;
			continue;
		}
		if (not_a_name(wp, wn)) {
			if (wn == 10 && ascii_strncasecmp(wp, "softdnserr", 10) == 0)
				ti->courier = ti->softdns = true;
			prev = NOMATCH;
			continue;
		}
		if (*wp == '"') {
			/* ZMailer: ([1.2.3.4]:123 "EHLO name" rhost-flags-OK-OK-OK-OK) */
			if ((starts_with(wp, wn, "\"EHLO") || starts_with(wp, wn, "\"HELO")) &&
			    i + 1 < t.n && t.v[i + 1].type == TOK_WORD && ti->helo == NULL)
				ti->helo = span_dup(s, t.v[i + 1].start, t.v[i + 1].end, "\"");
			prev = NOMATCH;
			continue;
		}
		if (ti->found || found_here) {
			prev = i;
			continue;
		}
		/* "user@1.2.3.4 with login" (qmail SMTP AUTH); the login may itself be an address */
		at = NULL;
		for (size_t k = wn; k > 0; k--)
			if (wp[k - 1] == '@') {
				at = wp + k - 1;
				break;
			}
		if (at != NULL && addr_parse(at + 1, wn - (size_t)(at + 1 - wp), ip, sizeof ip, &fam)) {
			memcpy(ti->ip, ip, sizeof ip);
			ti->family = fam;
			ti->qmail_bare = at[1] != '[';	/* Sendmail's ident form is "user@[ip]" */
			found_here = true;
			continue;
		}
		if (wn == 7 && ascii_strncasecmp(wp, "[local]", 7) == 0)
			ti->local = true;
		if (addr_parse(wp, wn, ip, sizeof ip, &fam)) {
			memcpy(ti->ip, ip, sizeof ip);
			ti->family = fam;
			found_here = true;
			/* XMail "(192.0.2.1:1234)" has a port; qmail never writes one */
			if (*wp != '[' && *wp != '?' && !(fam == 4 && memchr(wp, ':', wn) != NULL &&
			    memmem(wp, wn, "::", 2) == NULL))
				ti->qmail_bare = true;
			if (starts_with(wp, wn, "[::ffff:"))
				ti->courier = true;
			if (prev != NOMATCH) {
				free(ti->name);
				ti->name = rdns_clean(s + t.v[prev].start, t.v[prev].end - t.v[prev].start);
			}
			continue;
		}
		/* "name[1.2.3.4]" without the space */
		br = memchr(wp, '[', wn);
		if (br != NULL && br > wp &&
		    addr_parse(br, wn - (size_t)(br - wp), ip, sizeof ip, &fam)) {
			memcpy(ti->ip, ip, sizeof ip);
			ti->family = fam;
			found_here = true;
			free(ti->name);
			ti->name = rdns_clean(wp, (size_t)(br - wp));
			continue;
		}
		if (ti->local && prev != NOMATCH && ti->name == NULL)
			ti->name = rdns_clean(s + t.v[prev].start, t.v[prev].end - t.v[prev].start);
		prev = i;
	}
	if (found_here)
		ti->found = true;
	else if (first && !ti->found && nwords == 1 && t.n == 1 && ti->name_only == NULL &&
	    looks_like_name(s + t.v[0].start, t.v[0].end - t.v[0].start))
		ti->name_only = rdns_clean(s + t.v[0].start, t.v[0].end - t.v[0].start);
	free(t.v);
}

static bool
protocol_is_local(const char *proto)
{
	return proto != NULL && ascii_strncasecmp(proto, "local", 5) == 0;
}

static bool
protocol_is_mailbox(const char *proto)
{
	static const char *words[] = { "IMAP", "IMAPS", "IMAP4", "POP", "POP3", "POP3S", "ODMR", "ETRN", NULL };

	for (size_t i = 0; proto != NULL && words[i] != NULL; i++)
		if (ascii_strcasecmp(proto, words[i]) == 0)
			return true;
	return false;
}

static bool
org_in(const char *org, const char **set)
{
	for (size_t i = 0; org != NULL && set[i] != NULL; i++)
		if (ascii_strcasecmp(org, set[i]) == 0)
			return true;
	return false;
}

static bool
host_is_microsoft(const char *host)
{
	char *org = domain_org(host);
	bool yes = org_in(org, microsoft_orgs);

	free(org);
	return yes;
}

/* Exchange writes "from HELO (address)"; the name is not a reverse lookup. */
static bool
format_is_microsoft(const struct hop *h)
{
	const char *pr = h->protocol;

	if (pr != NULL && (ascii_strcasestr(pr, "Microsoft") != NULL ||
	    ascii_strcasestr(pr, "SMTPSVC") != NULL || ascii_strcasecmp(pr, "mapi") == 0 ||
	    ascii_strcasecmp(pr, "HTTPS") == 0 || ascii_strcasecmp(pr, "HTTP") == 0))
		return true;
	return host_is_microsoft(h->by_host);
}

/* A comment of the by or with part for which match() holds. */
static bool
by_comment(struct rparse *p, bool (*match)(const char *, size_t))
{
	for (int c = CL_BY; c <= CL_WITH; c++) {
		if (p->cl[c] == NOMATCH)
			continue;
		for (size_t i = p->cl[c]; i < p->cl_end[c]; i++) {
			const struct tok *t = &p->t.v[i];

			if (t->type == TOK_COMMENT && match(p->s + t->start, t->end - t->start))
				return true;
		}
	}
	return false;
}

static bool
is_exim_comment(const char *c, size_t n)
{
	return starts_with(c, n, "Exim ");
}

/* Sendmail's "(8.14.4/8.14.4)", "(8.12.3 da nor stuldap/8.12.3)", "(SGI-8.9.3/8.8.7)", "(... Sendmail ...)". */
static bool
is_sendmail_comment(const char *c, size_t n)
{
	const char *slash = memchr(c, '/', n);

	if (n < 4096 && memmem(c, n, "endmail", 7) != NULL)
		return true;
	if (slash == NULL)
		return false;
	for (const char *q = c; q + 2 < slash; q++)
		if (is_digit(q[0]) && q[1] == '.' && is_digit(q[2]))
			return true;
	return false;
}

static bool
is_courier_comment(const char *c, size_t n)
{
	return starts_with(c, n, "Courier") || starts_with(c, n, "courier");
}

/* Exim's message id: "1sxswz-00COfK-Qx" (before 4.97), "1rG0V0-00000000Yx5-2W4a" (4.97 on). */
static bool
id_is_exim(const char *id)
{
	size_t a, b, c;

	if (id == NULL)
		return false;
	a = strspn(id, "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
	if (a != 6 || id[a] != '-')
		return false;
	b = strspn(id + a + 1, "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
	if (b < 6 || b > 11 || id[a + 1 + b] != '-')
		return false;
	c = strspn(id + a + b + 2, "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
	return c >= 2 && c <= 4 && id[a + b + 2 + c] == '\0';
}

/*
 * Exim writes "from RDNS ([ip] helo=x)" (spec, received_header_text and
 * sender_rcvhost) and always "(Exim x.y)" and its own id shape. A
 * lower-case protocol alone is no evidence: Courier writes "with esmtp"
 * and puts the HELO where Exim puts the reverse name.
 */
static bool
format_is_exim(struct rparse *p, const struct hop *h)
{
	return by_comment(p, is_exim_comment) || id_is_exim(h->id);
}

static bool
protocol_is_lower(const char *pr)
{
	if (pr == NULL || !is_alpha((unsigned char)*pr))
		return false;
	for (; *pr != '\0' && *pr != ' '; pr++)
		if (*pr >= 'A' && *pr <= 'Z')
			return false;
	return true;
}

/* Obtuse smtpd: "from rdns(ip), claiming to be \"helo\" via SMTP": the quoted word, or NULL. */
static char *
claimed_helo(struct rparse *p)
{
	const struct tok *v = p->t.v;

	for (size_t i = p->cl[CL_FROM]; i + 3 < p->cl_end[CL_FROM]; i++)
		if (word_is(p->s, &v[i], "claiming") && word_is(p->s, &v[i + 1], "to") &&
		    word_is(p->s, &v[i + 2], "be") && v[i + 3].type == TOK_WORD)
			return span_dup(p->s, v[i + 3].start, v[i + 3].end, "\",");
	return NULL;
}

static void
set_rdns(struct hop *h, char **name, enum rdns_state st)
{
	free(h->rdns);
	h->rdns = NULL;
	h->rdns_state = st;
	if (st == RDNS_NAME) {
		h->rdns = *name;
		*name = NULL;
		if (h->rdns == NULL)
			h->rdns_state = RDNS_NOT_STATED;
	}
}

/*
 * Fill from_host, helo, rdns, ip from the from part (the TCP-info comment,
 * RFC 5321 §4.4). Who wrote the header decides what the name after "from"
 * is: the reverse name for Exim ("from RDNS ([ip] helo=x)"), qmail ("from
 * RDNS (HELO x) (ip)") and ZMailer; the HELO for Postfix, Sendmail, Courier,
 * Exchange and XMail, which state the reverse name, if any, inside the
 * comment. A HELO is never taken for a reverse name, nor an address a
 * client wrote (a HELO literal, a login) for the client's address.
 */
static void
parse_from(struct rparse *p, struct hop *h)
{
	const char *s = p->s;
	struct tcpinfo ti;
	size_t i = p->cl[CL_FROM], end = p->cl_end[CL_FROM], ncomments = 0, nextra = 0;
	const struct tok *w;
	char ip[sizeof ti.ip], *from_name;
	int fam;
	bool w_literal = false, paren_from = false, exim, microsoft;

	memset(&ti, 0, sizeof ti);
	if (i >= end)
		return;
	w = &p->t.v[i];
	if (w->type == TOK_WORD) {
		h->from_host = xstrndup(s + w->start, w->end - w->start);
		i++;
	} else if (starts_with(s + w->start, w->end - w->start, "from "))
		paren_from = true;	/* NAVGW: "from (from HELO [ip]) by" */
	for (; i < end; i++) {
		const struct tok *t = &p->t.v[i];

		if (t->type == TOK_WORD)
			nextra++;
		if (t->type == TOK_COMMENT)
			from_comment(p, t, ncomments++ == 0, &ti);
		else if (!ti.found && *(s + t->start) == '[' &&
		    addr_parse(s + t->start, t->end - t->start, ip, sizeof ip, &fam)) {
			/* fetchmail, m-FILTER, Exim 3: "from name [1.2.3.4] by ..." */
			memcpy(ti.ip, ip, sizeof ip);
			ti.family = fam;
			ti.found = true;
		}
	}
	if (h->from_host != NULL)
		w_literal = addr_parse(h->from_host, strlen(h->from_host), ip, sizeof ip, &fam);
	if (w_literal && h->from_host[0] == '?') {
		/* Gmail's rendering of an address-literal HELO: never the client */
		w_literal = false;
	}
	if (ti.found) {
		h->ip = xstrdup(ti.ip);
		h->ip_family = ti.family;
	} else if (w_literal) {
		/*
		 * "from [1.2.3.4] (helo=x)", "from [1.2.3.4] by" (Exim, Yahoo),
		 * "from 1.2.3.4 by ... with HTTP" (Hotmail), CommuniGate Pro
		 * "from [1.2.3.4] (account u HELO x)": with no address in the
		 * comments the literal is what the MTA recorded.
		 */
		h->ip = xstrdup(ip);
		h->ip_family = fam;
	}
	h->helo = ti.helo;
	ti.helo = NULL;
	if (h->helo == NULL && (h->helo = claimed_helo(p)) != NULL)
		ti.qmail_bare = true;	/* Obtuse smtpd writes the reverse name first, as qmail does */
	exim = format_is_exim(p, h);
	microsoft = format_is_microsoft(h);
	from_name = h->from_host != NULL ? xstrdup(h->from_host) : NULL;

	if (paren_from) {
		/* The words inside are what the client said: the HELO, never a reverse name. */
		if (ti.found && ti.name != NULL) {
			free(h->helo);
			h->helo = ti.name;
			ti.name = NULL;
		}
		if (ti.found)
			h->from_host = xstrdup(h->helo != NULL ? h->helo : ti.ip);
	} else if (h->from_host == NULL) {
		/* "from ([10.0.0.6]) by": an address and nothing else */
	} else if (ti.found && ti.name != NULL) {
		/* Postfix, Sendmail, Gmail, Courier: "from HELO (RDNS [ip])" or "(unknown [ip])". */
		if (ascii_strcasecmp(ti.name, "unknown") == 0)
			set_rdns(h, NULL, RDNS_NONE);
		else if (ti.forged) {
			/* Sendmail: the name did not map back to the address; kept, not believed */
			set_rdns(h, NULL, RDNS_NONE);
			h->rdns = rdns_clean(ti.name, strlen(ti.name));
		} else
			set_rdns(h, &ti.name, RDNS_NAME);
		if (h->helo == NULL && !ti.helo_empty)
			h->helo = xstrdup(h->from_host);
	} else if (ascii_strcasecmp(h->from_host, "unknown") == 0) {
		/* qmail "from unknown (HELO x) (1.2.3.4)", "from unknown [1.2.3.4]" */
		h->rdns_state = RDNS_NONE;
	} else if (w_literal && (ti.exim_helo || exim)) {
		/* Exim, ecelerity: "from [ip] (helo=x)": no verified name to write */
		h->rdns_state = RDNS_NONE;
	} else if (w_literal || h->from_host[0] == '?') {
		/* CommuniGate Pro, Yahoo, Hotmail: an address and nothing said of a name */
	} else if (ti.found && microsoft) {
		/* Exchange: "from HELO (ip)"; it never looks the name up */
		if (h->helo == NULL && !ti.helo_empty)
			h->helo = xstrdup(h->from_host);
	} else if (ti.found && ti.courier) {
		/* Courier: "from HELO ([::ffff:ip])" has no name; "(softdnserr [ip])" could not look */
		set_rdns(h, NULL, ti.softdns ? RDNS_NOT_STATED : RDNS_NONE);
		if (h->helo == NULL)
			h->helo = xstrdup(h->from_host);
	} else if (ti.found && (h->helo != NULL || ti.helo_empty || exim ||
	    (ti.qmail_bare && !protocol_is_lower(h->protocol)))) {
		/*
		 * The name after "from" is the reverse name: Exim "from RDNS
		 * ([ip] helo=x)", Exim 3 "from RDNS (HELO) [ip.port]", ZMailer
		 * "from RDNS ([ip]:port \"EHLO x\")", qmail "from RDNS (HELO x)
		 * (ip)". Exim and qmail leave the HELO out when it equals that name.
		 */
		h->rdns = rdns_clean(h->from_host, strlen(h->from_host));
		h->rdns_state = h->rdns != NULL ? RDNS_NAME : RDNS_NOT_STATED;
		/* tcpserver's TCPREMOTEHOST is the PTR as found; Exim's and ZMailer's are verified */
		h->rdns_unconfirmed = ti.qmail_bare && !exim;
		if (h->helo == NULL && exim && ti.name_only != NULL) {
			h->helo = ti.name_only;
			ti.name_only = NULL;
		}
		if (h->helo == NULL && !ti.helo_empty)
			h->helo = xstrdup(h->from_host);
	} else if (ti.found && (by_comment(p, is_sendmail_comment) ||
	    by_comment(p, is_courier_comment) || protocol_is_lower(h->protocol))) {
		/*
		 * Sendmail "from HELO ([ip])" (8.x/8.x in the by part) and
		 * Courier (lower-case "with esmtp"): the MTA looked and found
		 * no name, else it would stand before the address.
		 */
		h->rdns_state = RDNS_NONE;
		if (h->helo == NULL)
			h->helo = xstrdup(h->from_host);
	} else if (!ti.found && ti.name_only != NULL && h->ip == NULL) {
		/* Old Sendmail: "from HELO (rdns)" with no address at all. */
		if (ascii_strcasecmp(ti.name_only, "unknown") == 0)
			h->rdns_state = RDNS_NONE;
		else
			set_rdns(h, &ti.name_only, RDNS_NAME);
		if (h->helo == NULL)
			h->helo = xstrdup(h->from_host);
	} else if (h->helo == NULL && !ti.helo_empty && nextra == 0 &&
	    !protocol_is_local(h->protocol) && !protocol_is_mailbox(h->protocol)) {
		/*
		 * Exchange "from HELO (ip)", amavisd "from HELO ([ip])", XMail
		 * "from HELO (ip:port)"; not prose such as "from mail pickup
		 * service" or "from 42 named unknown".
		 */
		h->helo = xstrdup(h->from_host);
	}
	if (ti.local && h->rdns == NULL && ti.name != NULL &&
	    ascii_strcasecmp(ti.name, "unknown") != 0) {
		h->rdns = ti.name;
		ti.name = NULL;
		h->rdns_state = RDNS_NAME;
	}
	free(from_name);
	free(ti.name);
	free(ti.name_only);
	free(ti.helo);
}

/* TLS as the comments state it: Postfix "(using X with cipher Y)", Sendmail/Gmail/Exchange "(version=X cipher=Y)", Exim "(TLSv1.3:...)" and "tls X". */
static void
parse_tls(struct rparse *p, struct hop *h)
{
	const char *s = p->s;

	for (size_t i = 0; i < p->t.n && h->tls == NULL; i++) {
		const struct tok *t = &p->t.v[i];
		const char *cp = s + t->start, *with;
		size_t cn = t->end - t->start;
		char *c;

		if (t->type != TOK_COMMENT)
			continue;
		if (starts_with(cp, cn, "using ")) {
			c = xstrndup(cp + 6, cn - 6);
			if ((with = ascii_strcasestr(c, " with cipher ")) != NULL) {
				char *proto = xstrndup(c, (size_t)(with - c));
				const char *ciph = with + 13;
				size_t k = strcspn(ciph, " (");

				h->tls = xasprintf("%s %.*s", proto, (int)k, ciph);
				free(proto);
			}
			free(c);
		} else if (cn < 4096 && memmem(cp, cn, "cipher=", 7) != NULL) {
			struct buf b;

			buf_init(&b);
			for (size_t k = 0; k < cn; k++)
				buf_addc(&b, cp[k] == ',' ? ' ' : cp[k]);
			h->tls = buf_take(&b);
			str_squeeze_space(h->tls);
		} else if (p->cl[CL_WITH] != NOMATCH && i == p->cl[CL_WITH] + 1 &&
		    (starts_with(cp, cn, "TLS") || starts_with(cp, cn, "Cipher "))) {
			/* Exim: "with esmtps (TLSv1.3:TLS_AES_256_GCM_SHA384:256)" */
			h->tls = xstrndup(cp, cn);
			if (p->cl[CL_TLS] != NOMATCH && p->cl[CL_TLS] < p->cl_end[CL_TLS]) {
				const struct tok *v = &p->t.v[p->cl[CL_TLS]];

				free(h->tls);
				h->tls = xasprintf("%.*s %.*s", (int)cn, cp,
				    (int)(v->end - v->start), s + v->start);
			}
		}
	}
	if (h->tls == NULL && p->cl[CL_TLS] != NOMATCH && p->cl[CL_TLS] < p->cl_end[CL_TLS] &&
	    p->t.v[p->cl[CL_TLS]].type == TOK_WORD) {
		const struct tok *v = &p->t.v[p->cl[CL_TLS]];

		h->tls = xstrndup(s + v->start, v->end - v->start);
	}
	if (h->tls != NULL && h->tls[0] == '\0') {
		free(h->tls);
		h->tls = NULL;
	}
}

/* Value of a one-word clause ("by", "id", "for"), stripped of strip. */
static char *
clause_word(struct rparse *p, enum clause c, const char *strip)
{
	const struct tok *t;

	if (p->cl[c] == NOMATCH || p->cl[c] >= p->cl_end[c])
		return NULL;
	t = &p->t.v[p->cl[c]];
	if (t->type != TOK_WORD)
		return NULL;
	return span_dup(p->s, t->start, t->end, strip);
}

/* "with" words up to the first comment or keyword: "ESMTPS", "Microsoft SMTP Server". */
static char *
clause_with(struct rparse *p)
{
	struct buf b;
	char *out;

	if (p->cl[CL_WITH] == NOMATCH)
		return NULL;
	buf_init(&b);
	for (size_t i = p->cl[CL_WITH]; i < p->cl_end[CL_WITH]; i++) {
		const struct tok *t = &p->t.v[i];

		if (t->type != TOK_WORD || b.len > 200)
			break;
		if (b.len > 0)
			buf_addc(&b, ' ');
		buf_add(&b, p->s + t->start, t->end - t->start);
	}
	out = buf_take(&b);
	if (*out == '\0') {
		free(out);
		return NULL;
	}
	return out;
}

/* Find the clause keywords (RFC 5321 §4.4 order is not enforced, but "from" after "by" is Exim's "from <sender>"). */
static void
find_clauses(struct rparse *p)
{
	int cur = -1;

	for (int c = 0; c < CL_COUNT; c++)
		p->cl[c] = p->cl_end[c] = NOMATCH;
	for (size_t i = 0; i < p->t.n; i++) {
		const struct tok *t = &p->t.v[i];
		int kw = -1;

		for (int c = 0; c < CL_COUNT && t->type == TOK_WORD; c++) {
			if (!word_is(p->s, t, clause_words[c]))
				continue;
			if (c == CL_TLS && cur != CL_WITH)
				break;
			if (c == CL_FROM && p->cl[CL_BY] != NOMATCH)
				break;
			kw = c;
			break;
		}
		if (kw < 0)
			continue;
		if (cur >= 0 && p->cl_end[cur] == NOMATCH)
			p->cl_end[cur] = i;
		if (p->cl[kw] == NOMATCH) {
			p->cl[kw] = i + 1;
			cur = kw;
		} else
			cur = -1;	/* a repeated clause: ignore it */
	}
	if (cur >= 0 && p->cl_end[cur] == NOMATCH)
		p->cl_end[cur] = p->t.n;
	for (int c = 0; c < CL_COUNT; c++)
		if (p->cl[c] != NOMATCH && p->cl_end[c] == NOMATCH)
			p->cl_end[c] = p->cl[c];
}

/* Timestamp: after the last top-level ';' (RFC 5321 §4.4), else after a weekday word. */
static void
parse_when(struct rparse *p, size_t semi, struct hop *h)
{
	const char *s = p->s;
	static const char *days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", NULL };
	int tries = 0;

	if (semi != NOMATCH) {
		h->has_time = received_parse_date(s + semi + 1, &h->when) == 0;
		return;
	}
	for (size_t i = 0; i < p->t.n && tries < MAX_DATE_TRIES; i++) {
		const struct tok *t = &p->t.v[i];
		size_t n = t->end - t->start;

		if (t->type == TOK_WORD && n == 10 && is_digit(s[t->start]) && s[t->start + 4] == '-') {
			tries++;
			if (received_parse_date(s + t->start, &h->when) == 0) {
				h->has_time = true;
				return;
			}
		}
		if (t->type != TOK_WORD || n < 3 || n > 4 || (n == 4 && s[t->start + 3] != ','))
			continue;
		for (size_t d = 0; days[d] != NULL; d++) {
			if (ascii_strncasecmp(s + t->start, days[d], 3) != 0)
				continue;
			tries++;
			if (received_parse_date(s + t->start, &h->when) == 0) {
				h->has_time = true;
				return;
			}
		}
	}
}

int
received_parse(const char *value, struct hop *out, char **cause)
{
	struct rparse p;
	size_t semi, len;

	memset(out, 0, sizeof *out);
	out->delay = -1;
	if (value == NULL) {
		*cause = xstrdup(_("empty Received header"));
		return -1;
	}
	out->raw = xstrdup(value);
	str_squeeze_space(out->raw);
	len = strlen(out->raw);
	if (len == 0) {
		*cause = xstrdup(_("empty Received header"));
		received_hop_free(out);
		return -1;
	}

	memset(&p, 0, sizeof p);
	p.s = out->raw;
	p.match = paren_match(p.s, len);
	semi = last_semicolon(p.s, p.match, len);
	p.len = semi != NOMATCH ? semi : len;
	tokenize(p.s, p.match, 0, p.len, &p.t);
	find_clauses(&p);

	out->by_host = clause_word(&p, CL_BY, ",");
	out->protocol = clause_with(&p);
	out->id = clause_word(&p, CL_ID, ",");
	out->for_addr = clause_word(&p, CL_FOR, "<>\",");
	if (p.cl[CL_FROM] != NOMATCH)
		parse_from(&p, out);
	parse_tls(&p, out);
	if (semi == NOMATCH)
		tokenize(p.s, p.match, 0, len, &p.t);
	parse_when(&p, semi, out);

	free(p.match);
	free(p.t.v);
	if (p.cl[CL_FROM] == NOMATCH && p.cl[CL_BY] == NOMATCH && !out->has_time) {
		*cause = xstrdup(_("not a Received header: no from, by or date"));
		received_hop_free(out);
		return -1;
	}
	return 0;
}

void
received_hop_free(struct hop *h)
{
	if (h == NULL)
		return;
	free(h->raw);
	free(h->from_host);
	free(h->helo);
	free(h->rdns);
	free(h->ip);
	free(h->by_host);
	free(h->protocol);
	free(h->tls);
	free(h->id);
	free(h->for_addr);
	free(h->trust_reason);
	memset(h, 0, sizeof *h);
	h->delay = -1;
}

/* Date parsing (RFC 5322 §3.3 with the §4.3 obsolete forms and what MTAs really write). */

struct zone {
	const char *name;
	int minutes;
};
static const struct zone zones[] = {
	{ "UT", 0 }, { "UTC", 0 }, { "GMT", 0 }, { "Z", 0 }, { "WET", 0 },
	{ "BST", 60 }, { "CET", 60 }, { "MET", 60 }, { "WEST", 60 },
	{ "CEST", 120 }, { "MEST", 120 }, { "EET", 120 }, { "EEST", 180 },
	{ "MSK", 180 }, { "ICT", 420 }, { "WIB", 420 }, { "HKT", 480 },
	{ "SGT", 480 }, { "WST", 480 }, { "AWST", 480 }, { "JST", 540 },
	{ "KST", 540 }, { "ACST", 570 }, { "AEST", 600 }, { "AEDT", 660 },
	{ "NZST", 720 }, { "NZDT", 780 }, { "EST", -300 }, { "EDT", -240 },
	{ "CST", -360 }, { "CDT", -300 }, { "MST", -420 }, { "MDT", -360 },
	{ "PST", -480 }, { "PDT", -420 }, { "AKST", -540 }, { "AKDT", -480 },
	{ "HST", -600 }, { "NST", -210 }, { "NDT", -150 }, { "AST", -240 },
	{ "ADT", -180 },
};

static const char *months[] = {
	"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"
};

static const char *
skip_space(const char *s)
{
	while (is_space(*s))
		s++;
	return s;
}

/* Up to max digits; -1 if none. */
static long
read_num(const char **sp, int max)
{
	const char *s = *sp;
	long v = 0;
	int n = 0;

	while (n < max && is_digit(*s)) {
		v = v * 10 + (*s - '0');
		s++;
		n++;
	}
	if (n == 0)
		return -1;
	*sp = s;
	return v;
}

static int
read_month(const char **sp)
{
	const char *s = *sp;
	size_t n = 0;

	while (is_alpha(s[n]))
		n++;
	if (n < 3)
		return -1;
	for (int m = 0; m < 12; m++) {
		if (ascii_strncasecmp(s, months[m], 3) == 0) {
			*sp = s + n;
			return m;
		}
	}
	return -1;
}

/* "hh:mm[:ss]" */
static int
read_time(const char **sp, int *hh, int *mm, int *ss)
{
	const char *s = *sp;
	long v;

	if ((v = read_num(&s, 2)) < 0 || v > 23 || *s != ':')
		return -1;
	*hh = (int)v;
	s++;
	if ((v = read_num(&s, 2)) < 0 || v > 59)
		return -1;
	*mm = (int)v;
	*ss = 0;
	if (*s == ':') {
		s++;
		if ((v = read_num(&s, 2)) < 0 || v > 60)
			return -1;
		*ss = (int)v;
		if (*s == '.')	/* fractions of a second */
			while (is_digit(*++s))
				;
	}
	*sp = s;
	return 0;
}

/* Zone offset in minutes east of UTC; a missing or unknown zone counts as UTC (RFC 5322 §4.3). */
static int
read_zone(const char *s)
{
	s = skip_space(s);
	if (*s == '+' || *s == '-') {
		int sign = *s == '-' ? -1 : 1;
		long h, m = 0;

		s++;
		if (is_digit(s[0]) && is_digit(s[1]) && s[2] == ':') {
			h = (s[0] - '0') * 10 + (s[1] - '0');
			s += 3;
			if ((m = read_num(&s, 2)) < 0)
				m = 0;
		} else {
			const char *st = s;
			long v = read_num(&s, 4);

			if (v < 0)
				return 0;
			if (s - st <= 2) {
				h = v;
				m = 0;
			} else {
				h = v / 100;
				m = v % 100;
			}
		}
		if (h > 23 || m > 59)
			return 0;
		return sign * (int)(h * 60 + m);
	}
	if (is_alpha(*s)) {
		size_t n = 0;

		while (is_alpha(s[n]))
			n++;
		for (size_t i = 0; i < sizeof zones / sizeof zones[0]; i++)
			if (strlen(zones[i].name) == n && ascii_strncasecmp(s, zones[i].name, n) == 0)
				return zones[i].minutes;
	}
	return 0;
}

int
received_parse_date(const char *s, time_t *out)
{
	struct tm tm;
	long day, year;
	int mon, hh, mm, ss, zone;
	time_t t;

	if (s == NULL)
		return -1;
	memset(&tm, 0, sizeof tm);
	s = skip_space(s);
	/* Optional day name, with or without the comma. */
	if (is_alpha(*s)) {
		const char *w = s;

		while (is_alpha(*s))
			s++;
		if (s - w >= 3 && (mon = read_month(&w)) >= 0) {
			/* asctime: "Tue Oct  8 07:29:39 1991" has no day name first */
			s = w;
			goto asctime_form;
		}
		s = skip_space(s);
		if (*s == ',')
			s++;
		s = skip_space(s);
		if (is_alpha(*s)) {
			if ((mon = read_month(&s)) < 0)
				return -1;
			goto asctime_form;
		}
	}
	/* ISO 8601 as some Go MTAs write it: "2022-11-17 22:27:12.253869463 +0000 UTC" */
	if (is_digit(s[0]) && is_digit(s[1]) && is_digit(s[2]) && is_digit(s[3]) && s[4] == '-') {
		year = read_num(&s, 4);
		s++;
		if ((mon = (int)read_num(&s, 2) - 1) < 0 || mon > 11 || *s != '-')
			return -1;
		s++;
		if ((day = read_num(&s, 2)) < 1 || day > 31 || (*s != 'T' && *s != ' '))
			return -1;
		s++;
		if (read_time(&s, &hh, &mm, &ss) != 0)
			return -1;
		zone = *s == 'Z' ? 0 : read_zone(s);
		goto done;
	}
	/* a zero-padded "029" day is seen too */
	if ((day = read_num(&s, 3)) < 1 || day > 31 || is_digit(*s))
		return -1;
	s = skip_space(s);
	if (*s == '-')		/* "22-Aug-2002" */
		s++;
	if ((mon = read_month(&s)) < 0)
		return -1;
	s = skip_space(s);
	if (*s == '-')
		s++;
	{
		const char *st = s;

		if ((year = read_num(&s, 4)) < 0 || is_digit(*s))
			return -1;
		if (s - st == 2)
			year += year < 50 ? 2000 : 1900;
		else if (s - st == 3)
			year += 1900;
		else if (s - st == 1)
			return -1;
	}
	s = skip_space(s);
	if (read_time(&s, &hh, &mm, &ss) != 0)
		return -1;
	zone = read_zone(s);
	goto done;

asctime_form:
	s = skip_space(s);
	if ((day = read_num(&s, 2)) < 1 || day > 31)
		return -1;
	s = skip_space(s);
	if (read_time(&s, &hh, &mm, &ss) != 0)
		return -1;
	s = skip_space(s);
	zone = 0;
	if (is_alpha(*s) || *s == '+' || *s == '-') {	/* "Tue Oct 8 07:29:39 PDT 1991" */
		zone = read_zone(s);
		while (*s != '\0' && !is_space(*s))
			s++;
		s = skip_space(s);
	}
	if ((year = read_num(&s, 4)) < 0)
		return -1;
	if (year < 100)
		year += year < 50 ? 2000 : 1900;

done:
	if (year < 1900 || year > 9999)
		return -1;
	tm.tm_year = (int)(year - 1900);
	tm.tm_mon = mon;
	tm.tm_mday = (int)day;
	tm.tm_hour = hh;
	tm.tm_min = mm;
	tm.tm_sec = ss;
	if ((t = timegm(&tm)) == (time_t)-1 && !(year == 1969 && mon == 11 && day == 31))
		return -1;
	*out = t - (time_t)zone * 60;
	return 0;
}

/* Address classification. */

/* Binary form of ip (brackets, "IPv6:" and zone allowed); IPv4-mapped becomes IPv4. Returns family or 0. */
static int
ip_bin(const char *ip, unsigned char out[16])
{
	char norm[INET6_ADDRSTRLEN + 1];
	int fam;

	if (ip == NULL || !addr_parse(ip, strlen(ip), norm, sizeof norm, &fam))
		return 0;
	if (fam == 4)
		return inet_pton(AF_INET, norm, out) == 1 ? 4 : 0;
	return inet_pton(AF_INET6, norm, out) == 1 ? 6 : 0;
}

static bool
prefix_eq(const unsigned char *a, const unsigned char *b, int bits)
{
	int bytes = bits / 8, rest = bits % 8;

	if (memcmp(a, b, (size_t)bytes) != 0)
		return false;
	if (rest == 0)
		return true;
	return ((a[bytes] ^ b[bytes]) & (0xff << (8 - rest))) == 0;
}

static bool
ip_is_loopback(const char *ip)
{
	unsigned char a[16];
	static const unsigned char one[16] = { [15] = 1 };

	switch (ip_bin(ip, a)) {
	case 4:
		return a[0] == 127;
	case 6:
		return memcmp(a, one, 16) == 0;
	}
	return false;
}

bool
ip_is_private(const char *ip)
{
	unsigned char a[16];
	static const unsigned char zero[16];

	switch (ip_bin(ip, a)) {
	case 4:
		return a[0] == 10 || a[0] == 127 || a[0] == 0 ||
		    (a[0] == 172 && (a[1] & 0xf0) == 16) ||
		    (a[0] == 192 && a[1] == 168) ||
		    (a[0] == 169 && a[1] == 254) ||
		    (a[0] == 100 && (a[1] & 0xc0) == 64);
	case 6:
		return ip_is_loopback(ip) || memcmp(a, zero, 16) == 0 ||
		    (a[0] & 0xfe) == 0xfc ||			/* fc00::/7 */
		    (a[0] == 0xfe && (a[1] & 0xc0) == 0x80);	/* fe80::/10 */
	}
	return false;
}

/* ip inside "net/bits" (or equal to a plain address). */
static bool
ip_in_net(const char *ip, const char *net, int bits)
{
	unsigned char a[16], b[16];
	int fa = ip_bin(ip, a), fb = ip_bin(net, b);

	if (fa == 0 || fa != fb)
		return false;
	if (bits < 0)
		bits = fa == 4 ? 32 : 128;
	if (bits > (fa == 4 ? 32 : 128))
		return false;
	return prefix_eq(a, b, bits);
}

static bool
ip_is_microsoft(const char *ip)
{
	for (size_t i = 0; i < sizeof microsoft_nets / sizeof microsoft_nets[0]; i++)
		if (ip_in_net(ip, microsoft_nets[i].net, microsoft_nets[i].bits))
			return true;
	return false;
}

/* Trust walk. */

/* The receiving side: organisational domains of the "by" hosts of the hops trusted so far. */
struct side {
	char *org[MAX_SIDE];
	size_t n;
	bool microsoft;
	bool google;
};

static void
side_add(struct side *sd, const char *host)
{
	char *org = domain_org(host);

	if (org == NULL)
		return;
	if (org_in(org, microsoft_orgs))
		sd->microsoft = true;
	if (org_in(org, google_orgs))
		sd->google = true;
	for (size_t i = 0; i < sd->n; i++) {
		if (strcmp(sd->org[i], org) == 0) {
			free(org);
			return;
		}
	}
	if (sd->n < MAX_SIDE)
		sd->org[sd->n++] = org;
	else
		free(org);
}

/* Org of name when it belongs to the receiving side, else NULL. Caller frees. */
static char *
side_match(const struct side *sd, const char *name)
{
	char *org = domain_org(name);

	if (org == NULL)
		return NULL;
	for (size_t i = 0; i < sd->n; i++)
		if (strcmp(sd->org[i], org) == 0)
			return org;
	if ((sd->microsoft && org_in(org, microsoft_orgs)) ||
	    (sd->google && org_in(org, google_orgs)))
		return org;
	free(org);
	return NULL;
}

static void
side_free(struct side *sd)
{
	for (size_t i = 0; i < sd->n; i++)
		free(sd->org[i]);
	sd->n = 0;
}

static bool
name_eq(const char *a, const char *b)
{
	size_t na, nb;

	if (a == NULL || b == NULL)
		return false;
	na = strlen(a);
	nb = strlen(b);
	if (na > 0 && a[na - 1] == '.')
		na--;
	if (nb > 0 && b[nb - 1] == '.')
		nb--;
	return na == nb && na > 0 && ascii_strncasecmp(a, b, na) == 0;
}

/* Exchange Online names one machine "BN0PR03CA0023.namprd03.prod.outlook.com" and "BN0PR03CA0023.outlook.office365.com". */
static bool
same_machine(const char *a, const char *b)
{
	size_t la, lb;

	if (a == NULL || b == NULL)
		return false;
	if (name_eq(a, b))
		return true;
	la = strcspn(a, ".");
	lb = strcspn(b, ".");
	return la == lb && la >= 6 && ascii_strncasecmp(a, b, la) == 0 &&
	    host_is_microsoft(a) && host_is_microsoft(b);
}

/*
 * The name to judge a client by. The reverse name is written by the
 * receiving MTA and (for Postfix, Gmail, Exim) forward-confirmed; the HELO
 * is chosen by the client, so it counts only when there is no reverse name
 * and the address cannot be a stranger's: no address recorded, or an
 * Exchange Online address for an Exchange Online name.
 */
static const char *
client_name(const struct hop *h)
{
	if (h->rdns_state == RDNS_NAME && h->rdns != NULL) {
		if (h->rdns_unconfirmed ||
		    (h->raw != NULL && ascii_strcasestr(h->raw, "may be forged") != NULL))
			return NULL;
		return h->rdns;
	}
	if (h->rdns_state == RDNS_NONE || h->from_host == NULL)
		return NULL;
	if (h->ip == NULL)
		return h->from_host;
	if (host_is_microsoft(h->from_host) && ip_is_microsoft(h->ip))
		return h->from_host;
	return NULL;
}

/* An IPv4 address in short form ("10", "1.2", "1.2.3"), padded to four octets in out. */
static bool
ipv4_short(const char *p, size_t n, char *out, size_t outsz)
{
	unsigned oct[4] = { 0, 0, 0, 0 };
	size_t k = 0, i = 0;

	while (i < n && k < 4) {
		size_t st = i;
		unsigned v = 0;

		while (i < n && is_digit((unsigned char)p[i]) && i - st < 4)
			v = v * 10 + (unsigned)(p[i++] - '0');
		if (i == st || i - st > 3 || v > 255)
			return false;
		oct[k++] = v;
		if (i < n) {
			if (p[i] != '.' || i + 1 == n)
				return false;
			i++;
		}
	}
	if (i != n || k == 0)
		return false;
	snprintf(out, outsz, "%u.%u.%u.%u", oct[0], oct[1], oct[2], oct[3]);
	return true;
}

/* The last label of a host name must not be all digits: "999.1.1.1" is a broken address, not a name. */
static bool
relay_name_ok(const char *name)
{
	const char *last;
	size_t n = strlen(name);

	if (n > 0 && name[n - 1] == '.')
		n--;
	if (n == 0 || !domain_is_hostname(name))
		return false;
	last = name + n;
	while (last > name && last[-1] != '.')
		last--;
	return strspn(last, "0123456789") < (size_t)(name + n - last);
}

int
received_relay_parse(const char *entry, char **norm, char **cause)
{
	const char *e = entry, *slash;
	char net[INET6_ADDRSTRLEN + 8];
	unsigned char bin[16];
	bool neg = false;

	*norm = NULL;
	if (e != NULL && *e == '!') {
		neg = true;
		e++;
	}
	if (e == NULL || *e == '\0') {
		*cause = xstrdup(_("empty entry"));
		return -1;
	}
	if ((slash = strchr(e, '/')) != NULL) {
		size_t n = (size_t)(slash - e);
		char *end;
		long bits;
		int fam;

		if (slash[1] == '\0' || strspn(slash + 1, "0123456789") != strlen(slash + 1) ||
		    strlen(slash + 1) > 3) {
			*cause = xasprintf(_("\"%s\": the prefix length after '/' must be a number"), entry);
			return -1;
		}
		bits = strtol(slash + 1, &end, 10);
		if (n < sizeof net && memchr(e, ':', n) != NULL) {
			memcpy(net, e, n);
			net[n] = '\0';
			fam = inet_pton(AF_INET6, net, bin) == 1 ? 6 : 0;
		} else
			fam = n < sizeof net && ipv4_short(e, n, net, sizeof net) ? 4 : 0;
		if (fam == 0) {
			*cause = xasprintf(_("\"%s\": not an IP network"), entry);
			return -1;
		}
		if (bits > (fam == 4 ? 32 : 128)) {
			*cause = xasprintf(_("\"%s\": prefix length over %d"), entry, fam == 4 ? 32 : 128);
			return -1;
		}
		*norm = xasprintf("%s%s/%ld", neg ? "!" : "", net, bits);
		return 0;
	}
	if (strchr(e, ':') != NULL || strspn(e, "0123456789.") == strlen(e)) {
		if (inet_pton(AF_INET6, e, bin) != 1 && inet_pton(AF_INET, e, bin) != 1) {
			*cause = xasprintf(_("\"%s\": not an IP address"), entry);
			return -1;
		}
		*norm = xstrdup(entry);
		return 0;
	}
	if (!relay_name_ok(*e == '.' ? e + 1 : e)) {
		*cause = xasprintf(_("\"%s\": not an address, network or host name"), entry);
		return -1;
	}
	*norm = xstrdup(entry);
	return 0;
}

static bool
relay_matches(const struct hop *h, const char *relay)
{
	const char *slash, *name;
	char net[INET6_ADDRSTRLEN + 8];
	size_t n;

	if (relay == NULL || *relay == '\0')
		return false;
	if ((slash = strchr(relay, '/')) != NULL && memchr(relay, ':', (size_t)(slash - relay)) == NULL &&
	    (size_t)(slash - relay) < sizeof net && ipv4_short(relay, (size_t)(slash - relay), net, sizeof net)) {
		char *end;
		long bits = strtol(slash + 1, &end, 10);

		if (*end != '\0' || end == slash + 1 || bits < 0 || bits > 32)
			return false;
		return h->ip != NULL && ip_in_net(h->ip, net, (int)bits);
	}
	if (slash != NULL) {
		char *end;
		long bits = strtol(slash + 1, &end, 10);

		n = (size_t)(slash - relay);
		if (n >= sizeof net || *end != '\0' || end == slash + 1 || bits < 0 || bits > 128)
			return false;
		memcpy(net, relay, n);
		net[n] = '\0';
		return h->ip != NULL && ip_in_net(h->ip, net, (int)bits);
	}
	if (domain_is_ip_literal(relay))
		return h->ip != NULL && ip_in_net(h->ip, relay, -1);
	if ((name = client_name(h)) == NULL)
		return false;
	if (*relay == '.') {	/* ".example.com": any host under it */
		size_t ln = strlen(name), lr = strlen(relay);

		return ln > lr && ascii_strcasecmp(name + ln - lr, relay) == 0;
	}
	return name_eq(name, relay);
}

enum verdict {
	CLIENT_TRUSTED,
	CLIENT_OUTSIDE,		/* the origin */
	CLIENT_NOADDR		/* not trusted, but no address to call the origin */
};

static enum verdict
client_check(struct hop *hops, size_t n, size_t i, struct side *sd,
    const struct received_config *cfg, char **reason)
{
	struct hop *h = &hops[i];
	const char *by = h->by_host != NULL ? h->by_host : _("the receiving host");
	const char *name;
	char *org;

	if (h->from_host == NULL && h->ip == NULL) {
		/*
		 * No "from" part: written by a host the walk already trusts
		 * about something that happened inside it (local submission,
		 * Gmail's internal "by 2002:..." hop, qmail "invoked from
		 * network" whose network side is the next header). Trusting it
		 * reveals nothing new: the next header is judged on its own.
		 */
		if (i == 0)
			*reason = xasprintf(_("no client: submitted on %s"), by);
		else
			*reason = xasprintf(_("no client: handed over inside %s"), by);
		return CLIENT_TRUSTED;
	}
	/* Exclusions come first: the user says this client is not theirs, whatever it looks like. */
	for (size_t k = 0; cfg != NULL && cfg->trusted_relays != NULL && k < cfg->ntrusted_relays; k++) {
		const char *x = cfg->trusted_relays[k];

		if (x != NULL && x[0] == '!' && relay_matches(h, x + 1)) {
			*reason = xasprintf(_("client %s is excluded from the trusted relays (%s)"),
			    h->ip != NULL ? h->ip : h->from_host != NULL ? h->from_host : "-", x);
			return h->ip != NULL ? CLIENT_OUTSIDE : CLIENT_NOADDR;
		}
	}
	if (protocol_is_local(h->protocol)) {
		*reason = xasprintf(_("local submission on %s"), by);
		return CLIENT_TRUSTED;
	}
	if (protocol_is_mailbox(h->protocol)) {
		side_add(sd, h->from_host);
		*reason = xasprintf(_("retrieved with %s from the recipient's own mailbox at %s"),
		    h->protocol, h->from_host);
		return CLIENT_TRUSTED;
	}
	if (h->ip != NULL && ip_is_loopback(h->ip)) {
		*reason = xasprintf(_("client %s is loopback"), h->ip);
		return CLIENT_TRUSTED;
	}
	if (h->ip != NULL && ip_is_private(h->ip)) {
		*reason = xasprintf(_("client %s is a private address"), h->ip);
		return CLIENT_TRUSTED;
	}
	for (size_t k = 0; cfg != NULL && k < cfg->ntrusted_relays; k++) {
		if (cfg->trusted_relays != NULL && cfg->trusted_relays[k] != NULL &&
		    cfg->trusted_relays[k][0] != '!' && relay_matches(h, cfg->trusted_relays[k])) {
			*reason = xasprintf(_("client %s is a configured trusted relay (%s)"),
			    h->ip != NULL ? h->ip : h->from_host, cfg->trusted_relays[k]);
			return CLIENT_TRUSTED;
		}
	}
	if (h->ip == NULL && (name = h->rdns != NULL ? h->rdns : h->from_host) != NULL &&
	    (ascii_strcasecmp(name, "localhost") == 0 ||
	    ascii_strcasecmp(name, "localhost.localdomain") == 0)) {
		*reason = xasprintf(_("client %s: a local connection"), name);
		return CLIENT_TRUSTED;
	}
	if ((name = client_name(h)) != NULL && (org = side_match(sd, name)) != NULL) {
		if (i + 1 < n && same_machine(name, hops[i + 1].by_host))
			*reason = xasprintf(_("client %s is in the receiving side's domain %s and wrote the next header"),
			    name, org);
		else
			*reason = xasprintf(_("client %s is in the receiving side's domain %s"), name, org);
		free(org);
		return CLIENT_TRUSTED;
	}
	if (h->ip == NULL) {
		*reason = xasprintf(_("client %s states no address; passed over"), h->from_host);
		return CLIENT_NOADDR;
	}
	*reason = xstrdup(_("first client outside the receiving side"));
	return CLIENT_OUTSIDE;
}

static void
set_reason(struct hop *h, char *reason)
{
	free(h->trust_reason);
	h->trust_reason = reason;
}

int
received_chain(struct hop *hops, size_t n, const struct received_config *cfg)
{
	struct side sd;
	int origin = -1, first_noaddr = -1;
	bool tainted = false;
	size_t i;

	if (hops == NULL || n == 0)
		return -1;
	memset(&sd, 0, sizeof sd);
	for (i = 0; i < n; i++) {
		hops[i].delay = -1;
		if (i + 1 < n && hops[i].has_time && hops[i + 1].has_time)
			hops[i].delay = (long)(hops[i].when - hops[i + 1].when);
		hops[i].trust = HOP_TRUSTED;
		set_reason(&hops[i], NULL);
	}

	/*
	 * Walk from the top. Hop i was written by a host we trust (the one
	 * that received from hop i-1's trusted client), so its "by" name
	 * joins the receiving side and its client is judged.
	 *
	 * A client with no recorded address that is not otherwise trusted
	 * (old MTAs, "from host by host with SMTP") cannot be the origin:
	 * there is no address to report. It is passed over and the walk goes
	 * on, but what is below it was written by that unverified client, so
	 * from there on the first hop that states an address is the origin,
	 * whatever the address. Only if no such hop follows does the first
	 * passed-over hop become the origin. No MTA on the receiving side
	 * omits the address of an Internet client, so an attacker cannot
	 * make use of the pass.
	 */
	for (i = 0; i < n && origin < 0; i++) {
		struct hop *h = &hops[i];
		char *reason = NULL;
		enum verdict v;

		if (tainted) {
			if (h->ip != NULL) {
				origin = (int)i;
				set_reason(h, xstrdup(_("first client address stated below a client that stated none")));
			} else {
				h->trust = HOP_PASSED_OVER;
				set_reason(h, xstrdup(_("no client address stated; passed over")));
			}
			continue;
		}
		side_add(&sd, h->by_host);
		v = client_check(hops, n, i, &sd, cfg, &reason);
		set_reason(h, reason);
		if (v == CLIENT_OUTSIDE)
			origin = (int)i;
		else if (v == CLIENT_NOADDR) {
			h->trust = HOP_PASSED_OVER;
			first_noaddr = (int)i;
			tainted = true;
		}
	}
	side_free(&sd);
	if (origin < 0 && first_noaddr >= 0) {
		origin = first_noaddr;
		set_reason(&hops[origin], xasprintf(_("first client outside the receiving side (%s, no address stated)"),
		    hops[origin].from_host));
	}

	if (cfg != NULL && cfg->boundary_override >= 0 && (size_t)cfg->boundary_override < n) {
		origin = cfg->boundary_override;
		for (i = 0; i < (size_t)origin; i++) {
			hops[i].trust = HOP_TRUSTED;
			set_reason(&hops[i], xstrdup(_("above the origin chosen by the user")));
		}
		set_reason(&hops[origin], xstrdup(_("chosen as the origin by the user")));
	}
	if (origin < 0)
		return -1;
	hops[origin].trust = HOP_ORIGIN;
	for (i = (size_t)origin + 1; i < n; i++) {
		hops[i].trust = HOP_UNVERIFIABLE;
		set_reason(&hops[i], xstrdup(_("below the origin: written by the sender, cannot be verified")));
	}
	return origin;
}
