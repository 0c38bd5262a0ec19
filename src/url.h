/* url.h — links from HTML and from text: parsing, host forms (IDN, IP, registrable domain), defanging and the link findings. */
#ifndef KENSA_URL_H
#define KENSA_URL_H

#include <stdbool.h>
#include <stddef.h>

struct message;
struct brands;
struct brand;
struct findings;

/* Past this many links a message's links are not all kept. */
#define URL_MAX_LINKS 5000

/* The parts of one URL as a browser would split it (WHATWG-style leniency: backslashes, missing slashes). */
struct url_parts {
	char *scheme;      /* lower-case; "" for a "www." form without scheme */
	char *userinfo;    /* before '@' in the authority, or NULL */
	char *host;        /* percent-decoded, lower-case ASCII letters, as written otherwise; NULL when none */
	char *port;        /* or NULL */
	char *rest;        /* path, query and fragment as written ("" when none) */
};

/*
 * Split url into out. Accepts "scheme://[userinfo@]host[:port]/...",
 * "www.host/..." and "//host/..."; a scheme without authority (mailto:,
 * tel:, javascript:) gives host NULL. Returns 0, or -1 when url is not a
 * URL at all (empty, no scheme and no "www." / "//" start). Free with
 * url_parts_free() in both cases.
 */
int url_parse(const char *url, struct url_parts *out);
void url_parts_free(struct url_parts *u);

/*
 * Defanged form for showing: "https" -> "hXXps", "http" -> "hXXp", every
 * dot of the host "[.]" ("hXXps://reflecto[.]cpvvl[.]cn/netsvice/logino/").
 * Caller frees.
 */
char *url_defang(const char *url);

/* One bare URL found in text: byte span [start, end). */
struct url_span {
	size_t start, end;
};

/*
 * Find bare URLs in len bytes of UTF-8 text: "http://", "https://",
 * "ftp://" (any case) and "www." forms. A URL ends at white space, quotes
 * and angle brackets, and at Japanese punctuation and full-width or other
 * CJK characters (which may still belong to the host only when not CJK);
 * trailing sentence punctuation and an unbalanced closing bracket are left
 * out. Returns the number found (at most max) with spans in out.
 */
size_t url_find_text(const char *text, size_t len, struct url_span *out, size_t max);

struct link {
	int number;          /* [n] in the rendered body, 0 for bare URLs in text */
	char *source;        /* "a", "area", "form", "meta-refresh", "text" */
	char *text;          /* visible text (for text URLs: the URL as written) */
	char *href;          /* target as written */
	char *defanged;      /* of href */
	char *unwrapped;     /* the real target behind gateways and trackers (unwrap.h), NULL when none was decoded */
	char *unwrapped_defanged;  /* of unwrapped, or NULL */
	char **wrappers;     /* names of the wrappers peeled off, outermost first */
	size_t nwrappers;
	bool opaque;         /* a security gateway hides the target (Mimecast): target checks cannot be made */
	char *tracker;       /* the click tracker the link still goes through (target kept by the service), or NULL */
	bool tracking_path;  /* the path has a click redirect's shape ("/Click?q="): tracking when on the sender's domain */
	/* The fields below describe the real target: unwrapped when set, else href. */
	char *scheme;        /* lower-case, "" for www. forms, NULL when not a URL */
	char *host;          /* lower-case host as written (Unicode allowed), NULL if none */
	char *host_ascii;    /* A-label (punycode) form, NULL when IDNA refuses the name */
	char *host_unicode;  /* U-label form */
	char *org_domain;    /* registrable domain (libpsl) of the ASCII form, NULL for IPs */
	char *userinfo;      /* user[:password] before '@', or NULL */
	bool ip_literal;     /* host is an IPv4/IPv6 address, also in decimal/hex/octal forms */
	bool userinfo_trick; /* the userinfo looks like a host name ("https://www.apple.com@evil.example/") */
	char *brand_subdomain; /* a brand domain used as labels under another domain ("www.jcb.co.jp.secure-login.example"), or NULL */
	char *text_domain;   /* registrable domain the visible text names, or NULL */
	long start, end;     /* byte span in the rendered body (-1 when not shown) */
};

/*
 * All links of m: the HTML links (a, area, form, meta refresh) in order,
 * then bare URLs of the rendered body outside them. Each record filled as
 * described above; b (may be NULL) is used for brand_subdomain. Free with
 * links_free().
 */
void links_collect(const struct message *m, const struct brands *b, struct link **out, size_t *n);
/*
 * The brand a host wears before a registrable domain that is not the
 * brand's: one of its domains as labels ("amazon.co.jp.account-verify.top"),
 * or its id of 5 or more letters as a label or a hyphen-separated part of
 * one ("paypal-login.secure.top"). The matched domain or id (caller frees),
 * or NULL; host in ASCII (A-label) form, any case.
 */
char *url_brand_subdomain(const char *host, const struct brands *b);
/* Fill the derived fields of l from l->href and l->text (used by links_collect; exposed for tests). */
void link_fill(struct link *l, const struct brands *b);
void links_free(struct link *v, size_t n);

/*
 * Load data/risky-tlds.txt and data/shorteners.txt (else done on first use).
 * Returns 0, or -1 with *cause naming the file that could not be read (caller frees).
 */
int url_load(char **cause);
/* true when the TLD of host is in data/risky-tlds.txt; the same for data/shorteners.txt. */
bool url_risky_tld(const char *host);
bool url_is_shortener(const char *host);

/* Who sent the message: a click-tracked link whose text names the sender's own domains is no lie. */
struct link_sender {
	const char *from_org;  /* registrable domain of From, or NULL */
	const char *dkim_org;  /* registrable domain of a passing DKIM signature, or NULL */
};

/* The link's real target as shown: the unwrapped URL's defanged form, else href's. */
const char *link_shown(const struct link *l);

/*
 * The wrappers of l joined for showing ("Safe Links → Proofpoint URL
 * Defense v3"), or NULL when it has none. Caller frees.
 */
char *link_via(const struct link *l);

/*
 * LINK_TEXT_MISMATCH, LINK_BRAND_MISMATCH (claimed may be NULL: then only
 * links with a brand domain as subdomain), LINK_RISKY_TLD, LINK_IP_LITERAL,
 * LINK_SHORTENER and LINK_CONFUSABLE, one per offending link, where
 * "link[i]" (1-based index into links) and the link's span in the body.
 * Every check looks at the unwrapped target. sender (may be NULL): a link
 * through a click tracker (a tracking host, or a click-redirect path on the
 * sender's domain) whose text names the sender's domain or brand is not a
 * mismatch; through the From domain's own tracker, text naming a domain of
 * no known brand is a low one. A target hidden by a gateway (Mimecast) is not
 * compared with the text or the claimed brand.
 */
void url_check(const struct link *links, size_t n, const struct brands *b,
    const struct brand *claimed, const struct link_sender *sender, struct findings *fs);

#endif
