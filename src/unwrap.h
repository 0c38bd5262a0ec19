/* unwrap.h — links rewritten by security gateways and mailing services' click trackers: the real target behind them. */
#ifndef KENSA_UNWRAP_H
#define KENSA_UNWRAP_H

#include <stdbool.h>
#include <stddef.h>

/* Wrappers peeled off one link at most (Safe Links around Proofpoint around a tracker...). */
#define UNWRAP_MAX_DEPTH 8

struct unwrap {
	char *target;        /* innermost URL that could be decoded; NULL when none was */
	char **wrappers;     /* service names, outermost first ("Safe Links", "Proofpoint URL Defense v2") */
	size_t nwrappers;
	bool opaque;         /* the innermost wrapper is a gateway that hides its target (Mimecast) */
	char *tracker;       /* the click tracker the innermost URL goes through ("SendGrid"), or NULL */
};

/*
 * Peel every wrapper off url: security gateways' rewriters (Microsoft Safe
 * Links, Proofpoint URL Defense v1-v3, Mimecast, Cisco Secure Email,
 * Barracuda, Trend Micro, Google's /url redirect) and click trackers that
 * carry their target in the URL (Amazon SES, a url= parameter). A decoded
 * target counts only when it is itself an http(s) URL with a host. Fills
 * out (free with unwrap_free) and returns the number of wrappers found.
 */
size_t unwrap_url(const char *url, struct unwrap *out);
void unwrap_free(struct unwrap *u);

/*
 * Load data/tracking-hosts.txt and the user's list (else done on first use).
 * Returns 0, or -1 with *cause naming what could not be read (caller frees).
 */
int unwrap_load(char **cause);

/*
 * The click tracker a host belongs to (data/tracking-hosts.txt and the
 * user's ~/.config/kensa/tracking-hosts.txt), or NULL. host lower-case ASCII.
 */
const char *unwrap_tracking_host(const char *host);

/*
 * true when rest (path and query as url_parse gives it) has the shape of a
 * click-tracking redirect ("/Click?q=", "/ls/click?upn=") from the lists'
 * path lines: a redirect run on the sender's own domain.
 */
bool unwrap_tracking_path(const char *rest);

#endif
