/* unwrap.c — peel security gateways' URL rewriting and mailing services' click tracking off a link. */
#include "config.h"

#include <fnmatch.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "conffile.h"
#include "domain.h"
#include "unwrap.h"
#include "url.h"
#include "util.h"

/* ---- decoding helpers ---- */

/*
 * A decoded target is used only when it is an http(s) URL with a host and
 * no control bytes (an encoded NUL or newline is a broken or hostile wrapper).
 */
static bool
target_ok(const char *s, size_t n)
{
	struct url_parts u;
	bool ok;

	if (strlen(s) != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return false;
	if (url_parse(s, &u) != 0) {
		url_parts_free(&u);
		return false;
	}
	ok = u.host != NULL && u.scheme != NULL && (strcmp(u.scheme, "http") == 0 || strcmp(u.scheme, "https") == 0);
	/* A host of letters, digits, "-", "_", "." (IPv6 brackets) or non-ASCII (IDN): not "%2" or "a b". */
	for (const char *h = ok ? u.host : ""; *h != '\0'; h++) {
		unsigned char c = (unsigned char)*h;

		if (!(c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    strchr("-_.[]:", c) != NULL))
			ok = false;
	}
	url_parts_free(&u);
	return ok;
}

/* Percent-decode [s, s+n) and keep it only if it is a usable target; NULL otherwise. */
static char *
decode_target(const char *s, size_t n)
{
	char *d = util_pct_decode(s, n);
	size_t dl = 0;

	/* pct_decode never grows the text; an encoded NUL shortens strlen below the decoded length. */
	for (size_t i = 0; i < n; i++, dl++)
		if (s[i] == '%' && i + 2 < n && util_hex_digit((unsigned char)s[i + 1]) >= 0 && util_hex_digit((unsigned char)s[i + 2]) >= 0)
			i += 2;
	if (!target_ok(d, dl)) {
		free(d);
		return NULL;
	}
	return d;
}

/* The raw value of query parameter name in rest (path, query, fragment), and its length; NULL when absent. */
static const char *
param_value(const char *rest, const char *name, size_t *len)
{
	const char *q = strchr(rest, '?'), *end;
	size_t nl = strlen(name);

	if (q == NULL)
		return NULL;
	end = q + strcspn(q, "#");
	for (const char *p = q + 1; p < end;) {
		const char *amp;

		/* An "&amp;" left undecoded in a text URL separates parameters too. */
		if (strncmp(p, "amp;", 4) == 0)
			p += 4;
		amp = memchr(p, '&', (size_t)(end - p));
		if (amp == NULL)
			amp = end;
		if ((size_t)(amp - p) > nl && ascii_strncasecmp(p, name, nl) == 0 && p[nl] == '=') {
			*len = (size_t)(amp - p - nl - 1);
			return p + nl + 1;
		}
		p = amp < end ? amp + 1 : end;
	}
	return NULL;
}

/* The path of rest (before '?' and '#') equals path, any case. */
static bool
path_is(const char *rest, const char *path)
{
	size_t n = strcspn(rest, "?#");

	return n == strlen(path) && ascii_strncasecmp(rest, path, n) == 0;
}

/* host is d or ends with "." d. */
static bool
host_under(const char *host, const char *d)
{
	size_t hl = strlen(host), dl = strlen(d);

	if (dl == 0 || hl < dl || strcmp(host + hl - dl, d) != 0)
		return false;
	return hl == dl || host[hl - dl - 1] == '.';
}

/* host is a subdomain of d (not d itself). */
static bool
host_strictly_under(const char *host, const char *d)
{
	return host_under(host, d) && strlen(host) > strlen(d);
}

/* The registrable domain of host is "<label>.<public suffix>" for that label ("google.co.jp" for label "google"). */
static bool
org_label_is(const char *host, const char *label)
{
	char *org = domain_org(host);
	size_t ll = strlen(label);
	bool r = org != NULL && strncmp(org, label, ll) == 0 && org[ll] == '.';

	free(org);
	return r;
}

/* ---- the gateways ---- */

/* Microsoft Defender for Office 365 Safe Links: https://<region>.safelinks.protection.outlook.com/?url=<percent-encoded>&data=... */
static char *
gw_safelinks(const struct url_parts *u)
{
	const char *v;
	size_t n;

	if (!host_strictly_under(u->host, "safelinks.protection.outlook.com") &&
	    !host_strictly_under(u->host, "safelinks.protection.office365.us"))
		return NULL;
	if ((v = param_value(u->rest, "url", &n)) == NULL)
		return NULL;
	return decode_target(v, n);
}

/* Proofpoint v2: "-" stands for "%" and "_" for "/", then percent-decoding. */
static char *
pp_v2(const char *v, size_t n)
{
	char *t = xstrndup(v, n), *r;

	for (char *p = t; *p != '\0'; p++) {
		if (*p == '-')
			*p = '%';
		else if (*p == '_')
			*p = '/';
	}
	r = decode_target(t, n);
	free(t);
	return r;
}

static int
b64v(int c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '-' || c == '+')
		return 62;
	if (c == '_' || c == '/')
		return 63;
	return -1;
}

/* URL-safe base64 without padding (padding tolerated); -1 on a foreign character. */
static int
b64url_decode(const char *s, size_t n, struct buf *out)
{
	unsigned acc = 0;
	int bits = 0;

	for (size_t i = 0; i < n; i++) {
		int v;

		if (s[i] == '=')
			break;
		if ((v = b64v((unsigned char)s[i])) < 0)
			return -1;
		acc = (acc << 6) | (unsigned)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			buf_addc(out, (char)((acc >> bits) & 0xff));
		}
	}
	return 0;
}

/* Length 2 for 'A' up to 65 for '_': the run lengths of Proofpoint v3's "**X" tokens. */
static int
pp_run_length(int c)
{
	static const char runs[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	const char *p = c != '\0' ? strchr(runs, c) : NULL;

	return p != NULL ? (int)(p - runs) + 2 : -1;
}

/*
 * Proofpoint v3: /v3/__<URL>__;<base64url>!!<tenant>!<signature>$ where each
 * "*" of the URL stands for the next character of the decoded bytes (UTF-8)
 * and "**X" for the next run of them, X giving the run length.
 */
static char *
pp_v3(const char *rest)
{
	const char *p = rest + strlen("/v3/__"), *q, *enc, *encend;
	char *url = NULL, *res = NULL, *bytes;
	struct buf dec, o;
	size_t nb, at = 0;

	if ((q = strstr(p, "__;")) == NULL || q == p)
		return NULL;
	enc = q + 3;
	encend = enc + strcspn(enc, "!");
	buf_init(&dec);
	buf_add(&dec, "", 0);
	if (b64url_decode(enc, (size_t)(encend - enc), &dec) != 0) {
		buf_free(&dec);
		return NULL;
	}
	nb = dec.len;
	bytes = buf_take(&dec);
	if (u8_check((const uint8_t *)bytes, nb) != NULL || strlen(bytes) != nb)
		goto out;
	url = util_pct_decode(p, (size_t)(q - p));
	buf_init(&o);
	buf_add(&o, "", 0);
	for (const char *s = url; *s != '\0'; s++) {
		int run = 1;

		if (*s != '*') {
			buf_addc(&o, *s);
			continue;
		}
		if (s[1] == '*') {
			if ((run = pp_run_length((unsigned char)s[2])) < 0) {
				buf_free(&o);
				goto out;
			}
			s += 2;
		}
		for (int k = 0; k < run; k++) {
			int cl;

			if (at >= nb || (cl = u8_mblen((const uint8_t *)bytes + at, nb - at)) <= 0) {
				buf_free(&o);
				goto out;
			}
			buf_add(&o, bytes + at, (size_t)cl);
			at += (size_t)cl;
		}
	}
	res = buf_take(&o);
	/* "https:/example.com": the rewriter sometimes drops the second slash. */
	{
		size_t sl = strcspn(res, ":/");

		if (sl > 0 && res[sl] == ':' && res[sl + 1] == '/' && res[sl + 2] != '/' && res[sl + 2] != '\0') {
			char *fixed = xasprintf("%.*s://%s", (int)sl, res, res + sl + 2);

			free(res);
			res = fixed;
		}
	}
	if (!target_ok(res, strlen(res))) {
		free(res);
		res = NULL;
	}
out:
	free(url);
	free(bytes);
	return res;
}

/* Proofpoint URL Defense v1 (u= percent-encoded), v2 (u= with -/_), v3 (__URL__;bytes!!). */
static char *
gw_proofpoint(const struct url_parts *u, const char **name)
{
	const char *v;
	size_t n;

	if (strcmp(u->host, "urldefense.proofpoint.com") != 0 && strcmp(u->host, "urldefense.com") != 0)
		return NULL;
	if (strncmp(u->rest, "/v1/", 4) == 0) {
		*name = "Proofpoint URL Defense v1";
		return (v = param_value(u->rest, "u", &n)) != NULL ? decode_target(v, n) : NULL;
	}
	if (strncmp(u->rest, "/v2/", 4) == 0) {
		*name = "Proofpoint URL Defense v2";
		return (v = param_value(u->rest, "u", &n)) != NULL ? pp_v2(v, n) : NULL;
	}
	if (strncmp(u->rest, "/v3/__", 6) == 0) {
		*name = "Proofpoint URL Defense v3";
		return pp_v3(u->rest);
	}
	return NULL;
}

/* Cisco Secure Email: https://secure-web.cisco.com/<token>/<percent-encoded URL> */
static char *
gw_cisco(const struct url_parts *u)
{
	const char *p, *slash;

	if (strcmp(u->host, "secure-web.cisco.com") != 0 || u->rest[0] != '/')
		return NULL;
	p = u->rest + 1;
	if ((slash = strchr(p, '/')) == NULL || slash == p)
		return NULL;
	return decode_target(slash + 1, strlen(slash + 1));
}

/* A gateway that keeps its target server-side: recognised, never decoded (Mimecast's /s/<token>). */
static bool
gw_mimecast(const struct url_parts *u)
{
	bool host = host_under(u->host, "mimecastprotect.com") ||
	    (host_strictly_under(u->host, "mimecast.com") && strncmp(u->host, "protect", 7) == 0) ||
	    (host_strictly_under(u->host, "mimecast-offshore.com") && strncmp(u->host, "protect", 7) == 0);

	return host && strncmp(u->rest, "/s/", 3) == 0;
}

/* The gateways in the order they are tried; each either decodes, or says the URL is not its own. */
static char *
gateway(const struct url_parts *u, const char **name, bool *opaque)
{
	const char *v;
	size_t n;
	char *t;

	*opaque = false;
	*name = "Safe Links";
	if ((t = gw_safelinks(u)) != NULL)
		return t;
	*name = NULL;
	if ((t = gw_proofpoint(u, name)) != NULL)
		return t;
	*name = "Cisco Secure Email";
	if ((t = gw_cisco(u)) != NULL)
		return t;
	if (strcmp(u->host, "linkprotect.cudasvc.com") == 0 && path_is(u->rest, "/url") &&
	    (v = param_value(u->rest, "a", &n)) != NULL && (t = decode_target(v, n)) != NULL) {
		*name = "Barracuda Link Protection";
		return t;
	}
	if (path_is(u->rest, "/wis/clicktime/v1/query") && org_label_is(u->host, "trendmicro") &&
	    (v = param_value(u->rest, "url", &n)) != NULL && (t = decode_target(v, n)) != NULL) {
		*name = "Trend Micro Click-Time";
		return t;
	}
	/* (the cheap tests first: every link of every message comes through here) */
	if (path_is(u->rest, "/url") && (strncmp(u->host, "google.", 7) == 0 || strncmp(u->host, "www.google.", 11) == 0) &&
	    org_label_is(u->host, "google") &&
	    (((v = param_value(u->rest, "q", &n)) != NULL && (t = decode_target(v, n)) != NULL) ||
	    ((v = param_value(u->rest, "url", &n)) != NULL && (t = decode_target(v, n)) != NULL))) {
		*name = "Google redirect";
		return t;
	}
	if (gw_mimecast(u)) {
		*name = "Mimecast";
		*opaque = true;
		return NULL;
	}
	*name = NULL;
	return NULL;
}

/* ---- click trackers ---- */

enum track_kind { TRACK_DOMAIN, TRACK_GLOB, TRACK_PATH };

struct track_entry {
	enum track_kind kind;
	char *pattern;       /* lower-case host, host glob, or path prefix as written */
	char *name;
};

static struct track_entry *tracks;
static size_t ntracks;
static pthread_once_t tracks_once = PTHREAD_ONCE_INIT;

static char *tracks_error;   /* what tracks_load() could not read, for unwrap_load() */

/* Lines "PATTERN  Service name  # comment"; a PATTERN starting with '/' is a path prefix. */
static void
tracks_load_file(const char *path, int flags)
{
	char *err = NULL;
	struct conffile *cf = path != NULL ? conffile_open(path, flags | CONFFILE_HASH_ANYWHERE, &err) : NULL;
	struct conffile_line l;

	while (cf != NULL && conffile_next(cf, &l)) {
		char *s = l.text, *e, *name;
		struct track_entry *t;

		e = s + strcspn(s, " \t");
		name = *e != '\0' ? e + 1 : e;
		*e = '\0';
		name += strspn(name, " \t");
		tracks = xreallocarray(tracks, ntracks + 1, sizeof *tracks);
		t = &tracks[ntracks++];
		t->kind = *s == '/' ? TRACK_PATH : strpbrk(s, "*?[") != NULL ? TRACK_GLOB : TRACK_DOMAIN;
		if (t->kind != TRACK_PATH) {
			ascii_lower(s);
			if (t->kind == TRACK_DOMAIN)
				s += strspn(s, ".");
		}
		t->pattern = xstrdup(s);
		t->name = xstrdup(*name != '\0' ? name : s);
	}
	if (cf != NULL)
		conffile_close(cf, &err);
	conffile_join(&tracks_error, err);
}

static void
tracks_load(void)
{
	char *path = util_data_path("tracking-hosts.txt");

	tracks_load_file(path, 0);
	free(path);
	path = util_config_path("tracking-hosts.txt");
	tracks_load_file(path, CONFFILE_OPTIONAL);
	free(path);
}

int
unwrap_load(char **cause)
{
	pthread_once(&tracks_once, tracks_load);
	*cause = tracks_error != NULL ? xstrdup(tracks_error) : NULL;
	return tracks_error != NULL ? -1 : 0;
}

/* fnmatch over host names with '*' kept within one label; "*.rest" also matches rest itself. */
static bool
host_glob(const char *pattern, const char *host)
{
	char *p = xstrdup(pattern), *h = xstrdup(host);
	bool r = false;

	for (char *s = p; *s != '\0'; s++)
		if (*s == '.')
			*s = '/';
	for (char *s = h; *s != '\0'; s++)
		if (*s == '.')
			*s = '/';
	if (strncmp(p, "*/", 2) == 0) {
		/* every suffix of the host on a label boundary, the whole host included */
		for (const char *s = h; s != NULL && !r; s = strchr(s, '/') != NULL ? strchr(s, '/') + 1 : NULL)
			r = fnmatch(p + 2, s, FNM_PATHNAME) == 0;
	} else
		r = fnmatch(p, h, FNM_PATHNAME) == 0;
	free(p);
	free(h);
	return r;
}

const char *
unwrap_tracking_host(const char *host)
{
	if (host == NULL || *host == '\0')
		return NULL;
	pthread_once(&tracks_once, tracks_load);
	for (size_t i = 0; i < ntracks; i++) {
		const struct track_entry *t = &tracks[i];

		if ((t->kind == TRACK_DOMAIN && host_under(host, t->pattern)) ||
		    (t->kind == TRACK_GLOB && host_glob(t->pattern, host)))
			return t->name;
	}
	return NULL;
}

bool
unwrap_tracking_path(const char *rest)
{
	if (rest == NULL)
		return false;
	pthread_once(&tracks_once, tracks_load);
	for (size_t i = 0; i < ntracks; i++)
		if (tracks[i].kind == TRACK_PATH &&
		    ascii_strncasecmp(rest, tracks[i].pattern, strlen(tracks[i].pattern)) == 0)
			return true;
	return false;
}

/*
 * The target a click tracker carries in its URL: Amazon SES's
 * /L0/<percent-encoded URL>/<n>/<message id>/..., the URL in clear after a
 * slash and a star at the end of the path (Twelvehorses), or a query parameter
 * whose value is itself an http(s) URL (url=, u=, D=). NULL when the
 * tracker keeps it server-side.
 */
static char *
tracker_target(const struct url_parts *u)
{
	const char *q, *end;
	char *t;

	if (host_strictly_under(u->host, "awstrack.me") && u->rest[0] == '/' && u->rest[1] == 'L' &&
	    u->rest[2] >= '0' && u->rest[2] <= '9' && u->rest[3] == '/') {
		const char *seg = u->rest + 4;

		return decode_target(seg, strcspn(seg, "/?#"));
	}
	/* Twelvehorses (2002): the target in clear after "/" "*" at the end of the path, up to the next star */
	if ((q = strstr(u->rest, "/*http")) != NULL) {
		const char *t0 = q + 2;

		if ((t = decode_target(t0, strcspn(t0, "*"))) != NULL)
			return t;
	}
	if ((q = strchr(u->rest, '?')) == NULL)
		return NULL;
	end = q + strcspn(q, "#");
	for (const char *p = q + 1; p < end;) {
		const char *amp = memchr(p, '&', (size_t)(end - p)), *eq;

		if (amp == NULL)
			amp = end;
		eq = memchr(p, '=', (size_t)(amp - p));
		if (eq != NULL && (t = decode_target(eq + 1, (size_t)(amp - eq - 1))) != NULL)
			return t;
		p = amp < end ? amp + 1 : end;
	}
	return NULL;
}

/* ---- the chain ---- */

static void
push(struct unwrap *out, const char *name)
{
	out->wrappers = xreallocarray(out->wrappers, out->nwrappers + 1, sizeof *out->wrappers);
	out->wrappers[out->nwrappers++] = xstrdup(name);
}

size_t
unwrap_url(const char *url, struct unwrap *out)
{
	char *cur = NULL;

	memset(out, 0, sizeof *out);
	if (url == NULL)
		return 0;
	for (int depth = 0; depth < UNWRAP_MAX_DEPTH; depth++) {
		struct url_parts u;
		const char *name, *tracker;
		bool opaque;
		char *t;

		if (url_parse(cur != NULL ? cur : url, &u) != 0 || u.host == NULL || u.rest == NULL) {
			url_parts_free(&u);
			break;
		}
		t = gateway(&u, &name, &opaque);
		if (t == NULL && name == NULL && (tracker = unwrap_tracking_host(u.host)) != NULL) {
			push(out, tracker);
			if ((t = tracker_target(&u)) == NULL)
				out->tracker = xstrdup(tracker);
			name = NULL;
		} else if (name != NULL && (t != NULL || opaque))
			push(out, name);
		url_parts_free(&u);
		out->opaque = opaque;
		if (t == NULL)
			break;
		free(cur);
		cur = t;
	}
	out->target = cur;
	return out->nwrappers;
}

void
unwrap_free(struct unwrap *u)
{
	for (size_t i = 0; i < u->nwrappers; i++)
		free(u->wrappers[i]);
	free(u->wrappers);
	free(u->target);
	free(u->tracker);
	memset(u, 0, sizeof *u);
}
