/* authres.c — Authentication-Results, ARC-Authentication-Results, Received-SPF and DKIM-Signature tags. */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "authres.h"
#include "util.h"

/*
 * One hand-written scanner for RFC 8601 §2.2 (with the RFC 8617 §4.1.1
 * instance prefix) and RFC 7208 §9.1. Every loop advances the cursor and
 * nothing is rescanned more than a bounded number of times, so any input is
 * parsed in linear time. The grammar is bent as doc/VIOLATIONS.md lists.
 */

struct parse {
	const char *p;
	struct ar_header *h;
	size_t clauses_cap;
	size_t props_cap;        /* of the last clause */
	struct ar_prop *pending; /* properties seen before any clause */
	size_t npending;
	size_t pending_cap;
};

static int
is_wsp(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* ALPHA / DIGIT / "-" / "_": the RFC 8601 Keyword, a little wider. */
static int
is_keyword(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '_';
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* End of a value token: white space, comment, clause separator or the end. */
static int
ends_word(char c)
{
	return c == '\0' || is_wsp(c) || c == '(' || c == ';';
}

/* Skip an RFC 5322 comment starting at '('; nested, quoted-pair aware, may be unterminated. */
static const char *
skip_comment(const char *p, const char **text, size_t *len)
{
	int depth = 0;
	const char *start = p + 1;

	for (; *p != '\0'; p++) {
		if (*p == '\\') {
			if (p[1] == '\0')
				break;
			p++;
		} else if (*p == '(')
			depth++;
		else if (*p == ')' && --depth == 0) {
			*text = start;
			*len = (size_t)(p - start);
			return p + 1;
		}
	}
	*text = start;
	*len = (size_t)(p - start);
	return p;
}

static char *
comment_dup(const char *text, size_t len)
{
	char *s = xstrndup(text, len);

	str_squeeze_space(s);
	return s;
}

/*
 * Skip CFWS. If comment is not NULL and *comment is NULL, the first comment
 * seen is stored there. Returns nonzero if anything was skipped.
 */
static int
skip_cfws(const char **pp, char **comment)
{
	const char *p = *pp, *start = *pp, *text;
	size_t len;

	for (;;) {
		while (is_wsp(*p))
			p++;
		if (*p != '(')
			break;
		p = skip_comment(p, &text, &len);
		if (comment != NULL && *comment == NULL)
			*comment = comment_dup(text, len);
	}
	*pp = p;
	return p != start;
}

/* Read a quoted-string at '"'; returns the unquoted, unfolded text. */
static const char *
read_quoted(const char *p, struct buf *b)
{
	for (p++; *p != '\0' && *p != '"'; p++) {
		if (*p == '\\' && p[1] != '\0')
			p++;
		if (*p == '\r' || *p == '\n')
			continue;
		buf_addc(b, *p);
	}
	if (*p == '"')
		p++;
	return p;
}

/*
 * Read a value: a quoted-string (possibly followed by "@domain", for a
 * quoted local-part) or a run of characters up to white space, '(' or ';'.
 */
static char *
read_value(const char **pp)
{
	const char *p = *pp, *start;
	struct buf b;

	buf_init(&b);
	if (*p == '"') {
		p = read_quoted(p, &b);
		if (*p != '@')
			goto out;
	}
	start = p;
	while (!ends_word(*p))
		p++;
	buf_add(&b, start, (size_t)(p - start));
out:
	*pp = p;
	return buf_take(&b);
}

/*
 * After "key=" and some CFWS, does a new "key=" or "ptype.property=" follow?
 * Then the value was empty ("header.i= spf=pass"). Looks at one word only.
 */
static int
looks_like_key(const char *p)
{
	const char *s = p;

	while (is_keyword(*p))
		p++;
	if (p == s)
		return 0;
	if (*p == '.') {
		p++;
		while (is_keyword(*p) || *p == '.')
			p++;
	}
	while (*p == ' ' || *p == '\t')
		p++;
	return *p == '=';
}

/* Read the right-hand side after '='; empty when a new key follows. */
static char *
read_rhs(const char **pp)
{
	const char *p = *pp;
	int skipped = skip_cfws(&p, NULL);
	char *v;

	if (skipped && looks_like_key(p)) {
		*pp = p;
		return xstrdup("");
	}
	v = read_value(&p);
	*pp = p;
	return v;
}

/* Read a non-negative decimal number, saturating at INT_MAX. */
static const char *
read_number(const char *p, int *out)
{
	int n = 0;

	for (; is_digit(*p); p++) {
		if (n > (INT_MAX - 9) / 10)
			n = INT_MAX;
		else
			n = n * 10 + (*p - '0');
	}
	*out = n;
	return p;
}

static char *
lower_ndup(const char *s, size_t n)
{
	char *r = xstrndup(s, n);

	ascii_lower(r);
	return r;
}

enum auth_result
authres_result_from_string(const char *s)
{
	static const struct {
		const char *name;
		enum auth_result r;
	} map[] = {
		{ "pass", AUTH_PASS },
		{ "fail", AUTH_FAIL },
		{ "hardfail", AUTH_FAIL },
		{ "softfail", AUTH_SOFTFAIL },
		{ "neutral", AUTH_NEUTRAL },
		{ "none", AUTH_NONE },
		{ "temperror", AUTH_TEMPERROR },
		{ "temperr", AUTH_TEMPERROR },
		{ "permerror", AUTH_PERMERROR },
		{ "permerr", AUTH_PERMERROR },
		{ "policy", AUTH_POLICY },
	};

	if (s == NULL || *s == '\0')
		return AUTH_UNKNOWN;
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (ascii_strcasecmp(s, map[i].name) == 0)
			return map[i].r;
	return AUTH_OTHER;
}

const char *
authres_result_name(enum auth_result r)
{
	switch (r) {
	case AUTH_PASS:
		return "pass";
	case AUTH_FAIL:
		return "fail";
	case AUTH_SOFTFAIL:
		return "softfail";
	case AUTH_NEUTRAL:
		return "neutral";
	case AUTH_NONE:
		return "none";
	case AUTH_TEMPERROR:
		return "temperror";
	case AUTH_PERMERROR:
		return "permerror";
	case AUTH_POLICY:
		return "policy";
	case AUTH_OTHER:
		return "other";
	case AUTH_UNKNOWN:
		break;
	}
	return "";
}

static struct ar_clause *
last_clause(struct parse *ps)
{
	if (ps->h->nclauses == 0)
		return NULL;
	return &ps->h->clauses[ps->h->nclauses - 1];
}

static void
prop_push(struct ar_prop **v, size_t *n, size_t *cap, char *ptype, char *property, char *value)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 4;
		*v = xreallocarray(*v, *cap, sizeof **v);
	}
	(*v)[*n].ptype = ptype;
	(*v)[*n].property = property;
	(*v)[*n].value = value;
	(*n)++;
}

static void
add_prop(struct parse *ps, char *ptype, char *property, char *value)
{
	struct ar_clause *c = last_clause(ps);

	if (c == NULL)
		prop_push(&ps->pending, &ps->npending, &ps->pending_cap, ptype, property, value);
	else
		prop_push(&c->props, &c->nprops, &ps->props_cap, ptype, property, value);
}

static struct ar_clause *
add_clause(struct parse *ps, char *method, char *result)
{
	struct ar_header *h = ps->h;
	struct ar_clause *c;

	if (h->nclauses == ps->clauses_cap) {
		ps->clauses_cap = ps->clauses_cap ? ps->clauses_cap * 2 : 4;
		h->clauses = xreallocarray(h->clauses, ps->clauses_cap, sizeof *h->clauses);
	}
	c = &h->clauses[h->nclauses++];
	memset(c, 0, sizeof *c);
	c->method = method;
	ascii_lower(c->method);
	c->result_str = result;
	ascii_lower(c->result_str);
	c->result = authres_result_from_string(result);
	ps->props_cap = 0;
	if (h->nclauses == 1 && ps->npending > 0) {
		/* Properties written before the first method belong to it. */
		c->props = ps->pending;
		c->nprops = ps->npending;
		ps->props_cap = ps->pending_cap;
		ps->pending = NULL;
		ps->npending = ps->pending_cap = 0;
	}
	return c;
}

/*
 * One step of the resinfo loop: a ';', a "method[/version]=result", a
 * "ptype.property=value" (CFWS allowed around the '.', RFC 8601 B.7), a
 * pseudo-property without ptype, or a word to skip. Always advances ps->p.
 */
static void
parse_item(struct parse *ps, int *after_result)
{
	const char *p = ps->p, *k, *kend, *pr, *prend;
	struct ar_clause *c = last_clause(ps);
	int slash = 0;

	if (*p == ';') {
		ps->p = p + 1;
		*after_result = 0;
		return;
	}
	k = p;
	while (is_keyword(*p))
		p++;
	if (p == k) {
		/* Not a keyword: skip one word, or one stray character. */
		if (ends_word(*p))
			p++;
		else
			while (!ends_word(*p))
				p++;
		ps->p = p;
		return;
	}
	kend = p;
	skip_cfws(&p, NULL);
	if (*p == '.') {
		p++;
		skip_cfws(&p, NULL);
		pr = p;
		while (is_keyword(*p) || *p == '.')
			p++;
		prend = p;
		skip_cfws(&p, NULL);
		if (pr != prend && *p == '=') {
			p++;
			add_prop(ps, lower_ndup(k, (size_t)(kend - k)),
			    lower_ndup(pr, (size_t)(prend - pr)), read_rhs(&p));
			*after_result = 0;
		}
		ps->p = p;
		return;
	}
	if (*p == '/') {
		int version; /* method-version (RFC 8601 §2.2), not kept */

		p++;
		skip_cfws(&p, NULL);
		p = read_number(p, &version);
		skip_cfws(&p, NULL);
		slash = 1;
	}
	if (*p != '=') {
		/* A bare word: "none", a stray authserv-id ("outlook.com"), garbage. */
		if (!slash && kend - k == 4 && ascii_strncasecmp(k, "none", 4) == 0 &&
		    ps->h->nclauses == 0)
			ps->h->none = 1;
		ps->p = p;
		return;
	}
	p++;
	if (!slash && kend - k == 6 && ascii_strncasecmp(k, "reason", 6) == 0) {
		char *val = read_rhs(&p);

		if (c != NULL && c->reason == NULL) {
			str_squeeze_space(val);
			c->reason = val;
		} else
			free(val);
	} else if (!slash && kend - k == 6 && ascii_strncasecmp(k, "action", 6) == 0 &&
	    c != NULL) {
		/* Exchange Online's "dmarc=fail action=none": a property without ptype. */
		add_prop(ps, xstrdup(""), xstrdup("action"), read_rhs(&p));
	} else {
		add_clause(ps, xstrndup(k, (size_t)(kend - k)), read_rhs(&p));
		*after_result = 1;
	}
	ps->p = p;
}

/* Parse "i=N;" (RFC 8617 §4.1.1); leaves the cursor untouched when absent. */
static void
parse_instance(struct parse *ps)
{
	const char *p = ps->p;
	int n;

	if (*p != 'i' && *p != 'I')
		return;
	p++;
	skip_cfws(&p, NULL);
	if (*p != '=')
		return;
	p++;
	skip_cfws(&p, NULL);
	if (!is_digit(*p))
		return;
	p = read_number(p, &n);
	skip_cfws(&p, NULL);
	if (*p == ';')
		p++;
	ps->h->instance = n;
	ps->p = p;
}

/*
 * The authserv-id and its optional version. No authserv-id when the first
 * word is followed by '=' or '/' (Exchange Online starts with "spf=...").
 */
static void
parse_authserv_id(struct parse *ps)
{
	const char *p = ps->p, *q;
	char *id;

	if (*p == '"') {
		struct buf b;
		buf_init(&b);
		p = read_quoted(p, &b);
		id = buf_take(&b);
	} else {
		q = p;
		while (!ends_word(*p) && *p != '=' && *p != '/')
			p++;
		if (p == q)
			return;
		id = xstrndup(q, (size_t)(p - q));
	}
	q = p;
	skip_cfws(&q, NULL);
	if (*q == '=' || *q == '/') {
		free(id);
		return;
	}
	if (*q == '\0' && ascii_strcasecmp(id, "none") == 0) {
		/* the whole value is "none" */
		free(id);
		ps->h->none = 1;
		ps->p = q;
		return;
	}
	p = q;
	if (*id == '\0')
		free(id); /* "" */
	else
		ps->h->authserv_id = id;
	if (is_digit(*p)) {
		q = p;
		while (is_digit(*q))
			q++;
		if (ends_word(*q)) {
			p = read_number(p, &ps->h->version);
			skip_cfws(&p, NULL);
		}
	}
	if (*p == ';')
		p++;
	ps->p = p;
}

int
authres_parse(const char *value, int arc, struct ar_header *out, char **cause)
{
	struct parse ps;
	int after_result = 0;

	memset(out, 0, sizeof *out);
	out->version = 1;
	if (value == NULL) {
		*cause = xstrdup("no value");
		return -1;
	}
	memset(&ps, 0, sizeof ps);
	ps.h = out;
	ps.p = value;
	skip_cfws(&ps.p, NULL);
	if (arc) {
		parse_instance(&ps);
		skip_cfws(&ps.p, NULL);
	}
	parse_authserv_id(&ps);
	for (;;) {
		struct ar_clause *c = last_clause(&ps);
		const char *before;

		/* the first comment after a result, before any property, is the clause's */
		skip_cfws(&ps.p, c != NULL && after_result ? &c->comment : NULL);
		if (*ps.p == '\0')
			break;
		before = ps.p;
		parse_item(&ps, &after_result);
		if (ps.p == before) /* cannot happen; never loop */
			ps.p++;
	}
	for (size_t i = 0; i < ps.npending; i++) {
		free(ps.pending[i].ptype);
		free(ps.pending[i].property);
		free(ps.pending[i].value);
	}
	free(ps.pending);
	if (out->authserv_id == NULL && out->nclauses == 0 && !out->none) {
		authres_free(out);
		*cause = xstrdup("no authserv-id and no results");
		return -1;
	}
	return 0;
}

void
authres_free(struct ar_header *h)
{
	if (h == NULL)
		return;
	for (size_t i = 0; i < h->nclauses; i++) {
		struct ar_clause *c = &h->clauses[i];
		for (size_t j = 0; j < c->nprops; j++) {
			free(c->props[j].ptype);
			free(c->props[j].property);
			free(c->props[j].value);
		}
		free(c->props);
		free(c->method);
		free(c->result_str);
		free(c->comment);
		free(c->reason);
	}
	free(h->clauses);
	free(h->authserv_id);
	memset(h, 0, sizeof *h);
	h->version = 1;
}

const char *
authres_prop(const struct ar_clause *c, const char *ptype, const char *property)
{
	if (c == NULL)
		return NULL;
	for (size_t i = 0; i < c->nprops; i++)
		if (ascii_strcasecmp(c->props[i].ptype, ptype) == 0 &&
		    ascii_strcasecmp(c->props[i].property, property) == 0)
			return c->props[i].value;
	return NULL;
}

/* "(host: text)" names the receiver when it starts with a dotted host name. */
static char *
receiver_from_comment(const char *comment)
{
	const char *p = comment;
	int dots = 0;

	while (is_keyword(*p) || *p == '.') {
		if (*p == '.')
			dots++;
		p++;
	}
	if (*p != ':' || p == comment || dots == 0)
		return NULL;
	return xstrndup(comment, (size_t)(p - comment));
}

static void
spf_set(char **field, char *v)
{
	if (*field == NULL) {
		*field = v;
		return;
	}
	free(v);
}

int
received_spf_parse(const char *value, struct received_spf *out, char **cause)
{
	const char *p = value, *k;
	char *result = NULL;

	memset(out, 0, sizeof *out);
	if (value == NULL) {
		*cause = xstrdup("no value");
		return -1;
	}
	skip_cfws(&p, NULL);
	/* result (RFC 7208 §9.1); a leading "key=" means there is none */
	k = p;
	while (is_keyword(*p))
		p++;
	if (p != k) {
		const char *q = p;
		skip_cfws(&q, NULL);
		if (*q != '=')
			result = lower_ndup(k, (size_t)(p - k));
		else
			p = k;
	}
	/* the comment */
	skip_cfws(&p, &out->comment);
	/* key-value-list, ';' optional between pairs */
	while (skip_cfws(&p, NULL), *p != '\0') {
		const char *start = p;
		char *key, *v;

		if (*p == ';') {
			p++;
			continue;
		}
		k = p;
		while (is_keyword(*p))
			p++;
		if (p == k) {
			while (!ends_word(*p))
				p++;
			if (p == start)
				p++;
			continue;
		}
		key = lower_ndup(k, (size_t)(p - k));
		skip_cfws(&p, NULL);
		if (*p != '=') {
			free(key);
			continue;
		}
		p++;
		v = read_rhs(&p);
		if (strcmp(key, "client-ip") == 0)
			spf_set(&out->client_ip, v);
		else if (strcmp(key, "envelope-from") == 0)
			spf_set(&out->envelope_from, v);
		else if (strcmp(key, "helo") == 0)
			spf_set(&out->helo, v);
		else if (strcmp(key, "receiver") == 0)
			spf_set(&out->receiver, v);
		else if (strcmp(key, "result") == 0 && result == NULL) {
			ascii_lower(v);
			result = v;
		} else
			free(v);
		free(key);
	}
	if (result == NULL || *result == '\0') {
		free(result);
		received_spf_free(out);
		*cause = xstrdup("no SPF result");
		return -1;
	}
	out->result_str = result;
	out->result = authres_result_from_string(result);
	if (out->receiver == NULL && out->comment != NULL)
		out->receiver = receiver_from_comment(out->comment);
	return 0;
}

void
received_spf_free(struct received_spf *s)
{
	if (s == NULL)
		return;
	free(s->result_str);
	free(s->client_ip);
	free(s->envelope_from);
	free(s->helo);
	free(s->receiver);
	free(s->comment);
	memset(s, 0, sizeof *s);
}

/* A tag-value with its folding white space removed (RFC 6376 §3.2). */
static char *
tag_value(const char *v, size_t n)
{
	char *r = xmalloc(n + 1), *w = r;

	for (size_t i = 0; i < n; i++)
		if (!is_wsp(v[i]))
			*w++ = v[i];
	*w = '\0';
	return r;
}

int
dkim_signature_tags(const char *value, char **d, char **s)
{
	const char *p = value;
	char *dv = NULL, *sv = NULL;
	int tags = 0, dup = 0;

	if (d != NULL)
		*d = NULL;
	if (s != NULL)
		*s = NULL;
	if (value == NULL)
		return -1;
	while (*p != '\0') {
		const char *name, *nend, *v;

		while (is_wsp(*p))
			p++;
		name = p;
		while (*p != '\0' && *p != '=' && *p != ';' && !is_wsp(*p))
			p++;
		nend = p;
		while (is_wsp(*p))
			p++;
		if (*p != '=') {
			/* not a tag-spec: skip to the next ';' */
			while (*p != '\0' && *p != ';')
				p++;
			if (*p == ';')
				p++;
			continue;
		}
		p++;
		v = p;
		while (*p != '\0' && *p != ';')
			p++;
		tags++;
		/* tag names are case-sensitive (RFC 6376 §3.2) */
		if (nend - name == 1 && (*name == 'd' || *name == 's')) {
			char **slot = *name == 'd' ? &dv : &sv;
			if (*slot != NULL)
				dup = 1;
			else
				*slot = tag_value(v, (size_t)(p - v));
		}
		if (*p == ';')
			p++;
	}
	if (dup || tags == 0) {
		/* duplicate tags make the whole tag-list invalid (§3.2) */
		free(dv);
		free(sv);
		return -1;
	}
	if (dv != NULL && *dv == '\0') {
		free(dv);
		dv = NULL;
	}
	if (sv != NULL && *sv == '\0') {
		free(sv);
		sv = NULL;
	}
	if (d != NULL)
		*d = dv;
	else
		free(dv);
	if (s != NULL)
		*s = sv;
	else
		free(sv);
	return 0;
}
