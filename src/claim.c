/* claim.c — who a message says it is (display name, subject, signature, copyright, HTML title and alt) and whether its sender agrees. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "address.h"
#include "auth.h"
#include "brands.h"
#include "claim.h"
#include "domain.h"
#include "findings.h"
#include "html.h"
#include "i18n.h"
#include "message.h"
#include "randname.h"
#include "util.h"

/* Body lines read for signatures and copyright notices, at most. */
#define CLAIM_MAX_LINES 400
/* A signature line is short: at most this many bytes. */
#define CLAIM_LINE_MAX 160

const char *
claim_source_name(enum claim_source s)
{
	static const char *const names[] = {
		"none", "from-name", "subject", "copyright", "signature", "title", "alt", "from-domain",
	};

	return (unsigned)s <= CLAIM_FROM_DOMAIN ? names[s] : "none";
}

void
claim_free(struct brand_claim *c)
{
	free(c->where);
	free(c->text);
	memset(c, 0, sizeof *c);
	c->start = c->end = -1;
}

static void
claim_set(struct brand_claim *c, const struct brand *br, enum claim_source src, const char *where,
    const char *text, long start, long end, long base)
{
	c->brand = br;
	c->source = src;
	c->where = xstrdup(where);
	c->text = xstrndup(text + start, (size_t)(end - start));
	c->start = base >= 0 ? base + start : -1;
	c->end = base >= 0 ? base + end : -1;
}

static bool
all_lower(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || s[i] == '.' || s[i] == '-' || s[i] == ' '))
			return false;
	return true;
}

/* Does the subject hold the name in brackets (【ANA】) or lead with it ("SMARTalk:", "Amazon -")? */
static const struct brand *
subject_claim(const struct brands *b, const char *subj, size_t *start, size_t *end)
{
	static const char *const opens[] = { "【", "〔", "［", "「", "≪", "《", "『", "[", "<", "(" };
	static const char *const closes[] = { "】", "〕", "］", "」", "≫", "》", "』", "]", ">", ")" };
	const char *p = subj;
	const struct brand *br;
	size_t s, e;
	int cover;

	/* Bracketed names anywhere. */
	for (size_t k = 0; k < sizeof opens / sizeof opens[0]; k++) {
		const char *o = subj;

		while ((o = strstr(o, opens[k])) != NULL) {
			const char *in = o + strlen(opens[k]), *c = strstr(in, closes[k]);

			if (c == NULL || c - in > 80)
				break;
			br = brands_match(b, in, (size_t)(c - in), &s, &e, &cover);
			/* "[PATCH] apple: ..." is not a claim; "[Amazon]" and "【Amazon.co.jp】" are. */
			if (br != NULL && cover >= 60) {
				*start = (size_t)(in - subj) + s;
				*end = (size_t)(in - subj) + e;
				return br;
			}
			o = c;
		}
	}
	/* A leading name, after reply prefixes and filter tags. */
	for (;;) {
		while (*p == ' ')
			p++;
		if (ascii_strncasecmp(p, "re:", 3) == 0 || ascii_strncasecmp(p, "fw:", 3) == 0)
			p += 3;
		else if (ascii_strncasecmp(p, "fwd:", 4) == 0)
			p += 4;
		else if (*p == '[' && strchr(p, ']') != NULL && strchr(p, ']') - p < 20)
			p = strchr(p, ']') + 1;
		else
			break;
	}
	{
		size_t n = strcspn(p, ":：|｜-–—「【");

		if (n > 0 && n < 80 && p[n] != '\0') {
			br = brands_match(b, p, n, &s, &e, &cover);
			/* "apple: fix gmux" names a kernel subsystem; brands write their names capitalised. */
			if (br != NULL && cover >= 60 && s <= 2 && !all_lower(p + s, e - s)) {
				*start = (size_t)(p - subj) + s;
				*end = (size_t)(p - subj) + e;
				return br;
			}
		}
	}
	return NULL;
}

static bool
is_copyright_line(const char *s, size_t n)
{
	char *line = xstrndup(s, n);
	bool r = strstr(line, "\xc2\xa9") != NULL || ascii_strcasestr(line, "copyright") != NULL ||
	    strstr(line, "(c)") != NULL || strstr(line, "(C)") != NULL || strstr(line, "\xe2\x93\x92") != NULL ||
	    strstr(line, "著作権") != NULL || ascii_strcasestr(line, "all rights reserved") != NULL;

	free(line);
	return r;
}

/* Signature and copyright lines of the rendered body. */
static bool
body_claim(const struct brands *b, const char *body, size_t len, struct brand_claim *out)
{
	const char *p = body, *end = body + len;
	int lines = 0;
	const struct brand *sig = NULL;
	size_t sig_s = 0, sig_e = 0;

	while (p < end && lines < CLAIM_MAX_LINES) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
		size_t s, e;
		int cover;
		const struct brand *br;

		if (n > 0 && n <= CLAIM_LINE_MAX * 2) {
			bool copy = is_copyright_line(p, n);

			if (copy || n <= CLAIM_LINE_MAX) {
				lines++;
				br = brands_match(b, p, n, &s, &e, &cover);
				if (br != NULL && copy) {
					claim_set(out, br, CLAIM_COPYRIGHT, "body", p, (long)s, (long)e, (long)(p - body));
					return true;
				}
				if (br != NULL && cover >= 45 && sig == NULL) {
					sig = br;
					sig_s = (size_t)(p - body) + s;
					sig_e = (size_t)(p - body) + e;
				}
			}
		}
		p = nl != NULL ? nl + 1 : end;
	}
	if (sig != NULL) {
		claim_set(out, sig, CLAIM_SIGNATURE, "body", body, (long)sig_s, (long)sig_e, 0);
		return true;
	}
	return false;
}

bool
claim_mailbox_domain(const char *org)
{
	static const char *const mailbox[] = {
		"gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com",
		"icloud.com", "me.com", "mac.com", "yahoo.com", "yahoo.co.jp", "ymail.com",
		"docomo.ne.jp", "ezweb.ne.jp", "au.com", "softbank.ne.jp", "softbank.jp", "aol.com",
	};

	for (size_t i = 0; org != NULL && i < sizeof mailbox / sizeof mailbox[0]; i++)
		if (strcmp(org, mailbox[i]) == 0)
			return true;
	return false;
}

bool
claim_from_is_brand(const struct brands *b, const struct brand *br, const char *host)
{
	char *org;
	bool r;

	if (host == NULL || br == NULL)
		return false;
	/* mail_domains are the registry's word that the brand itself sends from there */
	if (brands_owns(b, br, host, BRAND_MAIL | BRAND_SERVICES))
		return true;
	org = domain_org(host);
	r = !claim_mailbox_domain(org) && brands_owns(b, br, host, BRAND_WEB);
	free(org);
	return r;
}

void
claim_find(const struct message *m, const struct addresses *a, const struct brands *b, struct brand_claim *out)
{
	const struct header *h;
	const struct html_doc *doc;
	const struct brand *br;
	size_t s, e;
	bool quoting;

	memset(out, 0, sizeof *out);
	out->start = out->end = -1;
	if (b == NULL || brands_count(b) == 0)
		return;
	/* 1. The display name. */
	if (a->from.display != NULL && *a->from.display != '\0' &&
	    (br = brands_match(b, a->from.display, strlen(a->from.display), &s, &e, NULL)) != NULL) {
		claim_set(out, br, CLAIM_FROM_NAME, "header:From", a->from.display, (long)s, (long)e,
		    a->from.name_start);
		return;
	}
	/* 2. The subject. */
	h = message_header(m, "Subject");
	if (h != NULL && h->value != NULL && (br = subject_claim(b, h->value, &s, &e)) != NULL) {
		claim_set(out, br, CLAIM_SUBJECT, "header:Subject", h->value, (long)s, (long)e, 0);
		return;
	}
	/* 3. Signature and copyright lines, title, alt: not in what merely quotes others' mail. */
	quoting = a->list_id != NULL || a->is_report;
	if (!quoting && m->body != NULL && body_claim(b, m->body, m->body_len, out))
		return;
	if (!quoting && (doc = message_html(m)) != NULL) {
		if (doc->title != NULL &&
		    (br = brands_match(b, doc->title, strlen(doc->title), &s, &e, NULL)) != NULL) {
			claim_set(out, br, CLAIM_TITLE, "html:title", doc->title, (long)s, (long)e, -1);
			return;
		}
		for (size_t i = 0; i < doc->nalts && i < 50; i++) {
			int cover;

			if ((br = brands_match(b, doc->alts[i], strlen(doc->alts[i]), &s, &e, &cover)) != NULL &&
			    cover >= 40) {
				claim_set(out, br, CLAIM_ALT, "html:alt", doc->alts[i], (long)s, (long)e, -1);
				return;
			}
		}
	}
	/* 4. No name: the From address itself, when it is on a brand's sending domains. */
	if (a->from.valid && a->from.domain != NULL && !claim_mailbox_domain(a->from.org_domain) &&
	    (br = brands_lookup_domain(b, a->from.domain)) != NULL && claim_from_is_brand(b, br, a->from.domain)) {
		out->brand = br;
		out->source = CLAIM_FROM_DOMAIN;
		out->where = xstrdup("header:From");
		out->text = xstrdup(a->from.domain);
		out->start = a->from.addr_start;
		out->end = a->from.addr_end;
	}
}

/* ---- random display names ---- */

static bool
is_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

/* One token of letters and digits in one case: "u2zckmmpc", "XQZVBNMKL". */
static bool
token_random(const char *name)
{
	size_t n = 0, vowels = 0, digits = 0, run = 0, maxrun = 0, switches = 0;
	char prev = 0;

	bool upper = false, lower = false;

	if (name == NULL)
		return false;
	/* One case throughout: "XQZVBNMKL" is as random as "xqzvbnmkl"; "McDonald" is a name. */
	for (const char *p = name; *p != '\0'; p++) {
		upper |= *p >= 'A' && *p <= 'Z';
		lower |= *p >= 'a' && *p <= 'z';
	}
	if (upper && lower)
		return false;
	for (const char *p = name; *p != '\0'; p++, n++) {
		char c = *p >= 'A' && *p <= 'Z' ? (char)(*p - 'A' + 'a') : *p;
		bool d = c >= '0' && c <= '9';

		/* Names with spaces, separators, capitals or non-ASCII are people's or brands' names. */
		if (!((c >= 'a' && c <= 'z') || d))
			return false;
		if (d)
			digits++;
		else if (is_vowel(c))
			vowels++;
		if (!d && !is_vowel(c)) {
			if (++run > maxrun)
				maxrun = run;
		} else
			run = 0;
		if (prev != 0 && ((prev >= '0' && prev <= '9') != d))
			switches++;
		prev = c;
	}
	if (n < 7 || n > 40 || digits == n)
		return false;
	/* A long consonant run ("zckmmpc"), or letters and digits interleaved ("u2zck..."), and few vowels. */
	if (maxrun >= 6)
		return true;
	if (switches >= 2 && vowels * 4 < n - digits)
		return true;
	if (n >= 10 && digits == 0 && vowels * 4 < n)
		return true;
	return false;
}

bool
claim_random_name(const char *name)
{
	return token_random(name) || randname_check(name);
}

/* ---- greetings ---- */

static bool
word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
	    c == '_' || c == '-' || c == '+' || c == '@';
}

/* An honorific right after (様, さま, 殿, さん, 御中) or a greeting word right before (Dear, Hello, Hi). */
static bool
greeting_context(const char *head, size_t hlen, size_t s, size_t e)
{
	static const char *const after[] = { "様", "さま", "殿", "さん", "御中", "sama", "san" };
	static const char *const before[] = { "dear", "hello", "hi", "こんにちは", "拝啓" };
	size_t i = e;

	for (;;) {
		if (i < hlen && head[i] == ' ')
			i++;
		else if (i + 3 <= hlen && strncmp(head + i, "\xe3\x80\x80", 3) == 0)
			i += 3;
		else
			break;
	}
	for (size_t k = 0; k < sizeof after / sizeof after[0]; k++)
		if (strncmp(head + i, after[k], strlen(after[k])) == 0)
			return true;
	if (i < hlen && (head[i] == ',' || strncmp(head + i, "、", 3) == 0 || head[i] == '\n')) {
		size_t j = s;

		while (j > 0 && (head[j - 1] == ' ' || head[j - 1] == ','))
			j--;
		for (size_t k = 0; k < sizeof before / sizeof before[0]; k++) {
			size_t l = strlen(before[k]);

			if (j >= l && ascii_strncasecmp(head + j - l, before[k], l) == 0)
				return true;
		}
	}
	return false;
}

bool
claim_greeting_address(const char *body, size_t len, char *const *rcpt, size_t nrcpt, size_t *start, size_t *end)
{
	size_t hlen = 0;
	int lines = 0;

	if (body == NULL)
		return false;
	/* The first five non-empty lines. */
	while (hlen < len && lines < 5) {
		const char *nl = memchr(body + hlen, '\n', len - hlen);
		size_t n = nl != NULL ? (size_t)(nl - body - hlen) + 1 : len - hlen;

		if (n > 1)
			lines++;
		hlen += n;
	}
	for (size_t r = 0; r < nrcpt; r++) {
		const char *addr = rcpt[r], *at = strchr(addr, '@');
		const char *cands[2];
		size_t lens[2];
		int nc = 0;

		if (at == NULL || at == addr)
			continue;
		cands[nc] = addr;
		lens[nc++] = strlen(addr);
		/* The local part alone only when it cannot be a plain given name. */
		if (at - addr >= 4 && (strpbrk(addr, "0123456789._-") != NULL && strpbrk(addr, "0123456789._-") < at)) {
			cands[nc] = addr;
			lens[nc++] = (size_t)(at - addr);
		} else if (at - addr >= 8) {
			cands[nc] = addr;
			lens[nc++] = (size_t)(at - addr);
		}
		for (int c = 0; c < nc; c++) {
			const char *p = body, *lim = body + hlen;

			while (p < lim) {
				const char *hit = NULL;

				for (const char *q = p; q + lens[c] <= lim; q++)
					if (ascii_strncasecmp(q, cands[c], lens[c]) == 0) {
						hit = q;
						break;
					}
				if (hit == NULL)
					break;
				if ((hit == body || !word_char(hit[-1])) &&
				    (hit + lens[c] == body + len || !word_char(hit[lens[c]])) &&
				    greeting_context(body, hlen, (size_t)(hit - body), (size_t)(hit - body) + lens[c])) {
					*start = (size_t)(hit - body);
					*end = *start + lens[c];
					return true;
				}
				p = hit + 1;
			}
		}
	}
	return false;
}

/* ---- findings ---- */

/* The From local part is a role only the domain's own servers use (RFC 5321 section 4.5.1, RFC 3834). */
static bool
system_sender(const struct address *from)
{
	const char *at;
	size_t n;

	if (from->addr == NULL || (at = strrchr(from->addr, '@')) == NULL)
		return false;
	n = (size_t)(at - from->addr);
	return (n == 10 && ascii_strncasecmp(from->addr, "postmaster", 10) == 0) ||
	    (n == 13 && ascii_strncasecmp(from->addr, "mailer-daemon", 13) == 0);
}

static bool
has_calendar(const struct message *m)
{
	for (size_t i = 0; i < m->nparts; i++)
		if (m->parts[i].content_type != NULL && strcmp(m->parts[i].content_type, "text/calendar") == 0)
			return true;
	return false;
}

bool
claim_name_address(const struct address *from, char *const *rcpt, size_t nrcpt, size_t *start, size_t *end)
{
	const char *d = from->display, *at;
	char *dom, *org;
	bool other;

	if (d == NULL || from->org_domain == NULL || strstr(d, " via ") != NULL)   /* "taro@example.com via Group": the list's own form */
		return false;
	for (at = strchr(d, '@'); at != NULL; at = strchr(at + 1, '@')) {
		const char *s = at, *e = at + 1;

		while (s > d && word_char(s[-1]) && s[-1] != '@')
			s--;
		while (*e != '\0' && word_char(*e) && *e != '@')
			e++;
		while (e > at + 1 && (e[-1] == '.' || e[-1] == '-'))
			e--;
		if (s == at || e == at + 1)
			continue;
		dom = xstrndup(at + 1, (size_t)(e - at - 1));
		ascii_lower(dom);
		org = domain_org(dom);
		other = org != NULL && strcmp(org, from->org_domain) != 0;
		for (size_t r = 0; r < nrcpt && !other; r++)   /* the recipient's own address, as if written to oneself */
			other = strlen(rcpt[r]) == (size_t)(e - s) && ascii_strncasecmp(rcpt[r], s, (size_t)(e - s)) == 0 &&
			    ascii_strcasecmp(rcpt[r], from->addr) != 0;
		free(org);
		free(dom);
		if (other) {
			*start = (size_t)(s - d);
			*end = (size_t)(e - d);
			return true;
		}
	}
	return false;
}

bool
claim_subject_address(const char *subject, char *const *rcpt, size_t nrcpt, size_t *start, size_t *end)
{
	size_t slen;

	if (subject == NULL)
		return false;
	slen = strlen(subject);
	for (size_t r = 0; r < nrcpt; r++) {
		const char *addr = rcpt[r], *at = strchr(addr, '@');
		size_t n = strlen(addr);

		/* The whole address, with a real local part and domain: a bare given name proves nothing. */
		if (at == NULL || at - addr < 2 || strchr(at + 1, '@') != NULL || at[1] == '\0' || n > slen)
			continue;
		for (const char *q = subject; q + n <= subject + slen; q++)
			if (ascii_strncasecmp(q, addr, n) == 0 && (q == subject || !word_char(q[-1]) || q[-1] == '<') &&
			    !word_char(q[n + strspn(q + n, ".-")])) {   /* "addr." and "addr-" end a sentence, "addr.evil" does not */
				*start = (size_t)(q - subject);
				*end = *start + n;
				return true;
			}
	}
	return false;
}

bool
claim_check_sender(const struct brand_claim *c, const struct message *m, const struct addresses *a,
    const struct auth_summary *auth, const struct brands *b, struct findings *fs)
{
	bool verified = false;
	char **rcpt = NULL;
	size_t nrcpt = 0, s, e;
	const struct header *h = NULL;

	if (c->brand != NULL && a->from.valid && a->from.domain != NULL) {
		bool own = claim_from_is_brand(b, c->brand, a->from.domain);
		/* Point at the claim; a title or alt text has no place in the body, so point at the address. */
		const char *where = c->start >= 0 ? c->where : "header:From";
		long s0 = c->start >= 0 ? c->start : a->from.addr_start;
		long s1 = c->start >= 0 ? c->end : a->from.addr_end;

		/* Bounces from the brand's mailbox service (mailer-daemon@googlemail.com) are the brand's. */
		if (!own && system_sender(&a->from) && brands_owns(b, c->brand, a->from.domain, BRAND_WEB))
			own = true;
		if (own) {
			if (auth->dkim_aligned || auth->dmarc == AUTH_PASS) {
				finding_add(fs, F_BRAND_VERIFIED, -1, where, s0, s1,
				    _("%s: From %s is the brand's, and %s passed aligned"), c->brand->name,
				    a->from.domain, auth->dmarc == AUTH_PASS ? "DMARC" : "DKIM");
				verified = true;
			}
		} else {
			int sev = c->source == CLAIM_FROM_NAME || c->source == CLAIM_SUBJECT ? SEV_HIGH : SEV_MEDIUM;

			finding_add(fs, F_FROM_BRAND_MISMATCH, sev, where, s0, s1,
			    _("\"%s\" names %s, but the sender's domain %s is not one of its domains"), c->text,
			    c->brand->name, a->from.org_domain != NULL ? a->from.org_domain : a->from.domain);
		}
	}
	if (a->from.display != NULL && claim_random_name(a->from.display))
		finding_add(fs, F_FROM_RANDOM_NAME, -1, "header:From", a->from.name_start, a->from.name_end,
		    _("display name \"%s\""), a->from.display);
	for (size_t i = 0; i < a->nto; i++)
		if (a->to[i].addr != NULL) {
			rcpt = xreallocarray(rcpt, nrcpt + 1, sizeof *rcpt);
			rcpt[nrcpt++] = a->to[i].addr;
		}
	while ((h = message_header_next(m, "Delivered-To", h)) != NULL && nrcpt < 20) {
		rcpt = xreallocarray(rcpt, nrcpt + 1, sizeof *rcpt);
		rcpt[nrcpt++] = h->value;
	}
	if (a->from.valid && a->list_id == NULL && claim_name_address(&a->from, rcpt, nrcpt, &s, &e)) {
		const char *d = a->from.display;
		/* the display name's span in the header, when its bytes stand there unchanged */
		bool in = a->from.name_start >= 0 && a->from.name_start + (long)e <= a->from.name_end;

		finding_add(fs, F_FROM_NAME_ADDRESS, -1, "header:From", in ? a->from.name_start + (long)s : a->from.addr_start,
		    in ? a->from.name_start + (long)e : a->from.addr_end,
		    _("the display name shows %.*s, but the mail comes from %s"), (int)(e - s), d + s, a->from.addr);
	}
	/*
	 * A subject that names the recipient by full address is mail merged by a
	 * machine, not written to a person. Calendar invitations (a text/calendar
	 * part) name the invitee so by design: "Invitation: ... (taro@example.com)".
	 */
	if (!a->is_report && !system_sender(&a->from) && !has_calendar(m) && (h = message_header(m, "Subject")) != NULL &&
	    h->value != NULL && claim_subject_address(h->value, rcpt, nrcpt, &s, &e))
		finding_add(fs, F_GREETING_IS_ADDRESS, -1, "header:Subject", (long)s, (long)e,
		    _("the subject names the recipient by address: \"%.*s\""), (int)(e - s), h->value + s);
	h = NULL;
	/* Delivery reports greet the sender of the bounced mail by address, and rightly so. */
	if (m->body != NULL && !a->is_report && !system_sender(&a->from) && claim_greeting_address(m->body, m->body_len, rcpt, nrcpt, &s, &e))
		finding_add(fs, F_GREETING_IS_ADDRESS, -1, "body", (long)s, (long)e,
		    _("the greeting calls the recipient \"%.*s\""), (int)(e - s), m->body + s);
	free(rcpt);
	return verified;
}
