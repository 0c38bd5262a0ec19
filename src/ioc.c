/* ioc.c — the indicator lines of a report (the format the TUI copies and exports), without curses. */
#include "config.h"

#include <stdlib.h>

#include "analyze.h"
#include "geoip.h"
#include "ioc.h"
#include "report.h"
#include "url.h"
#include "util.h"

/* One "label: value" line, the value made safe; nothing when val is NULL. */
static void
ioc_line(struct buf *b, const char *label, const char *val)
{
	char *c;

	if (val == NULL)
		return;
	c = report_clean(val, 0);
	buf_addf(b, "%s: %s\n", label, c);
	free(c);
}

/* The same for a host name, every dot written "[.]" (url_defang() leaves a bare host as it is). */
static void
ioc_line_host(struct buf *b, const char *label, const char *host)
{
	struct buf d;

	if (host == NULL)
		return;
	buf_init(&d);
	buf_adds(&d, "");
	for (const char *p = host; *p != '\0'; p++) {
		if (*p == '.')
			buf_adds(&d, "[.]");
		else
			buf_addc(&d, *p);
	}
	ioc_line(b, label, d.s);
	buf_free(&d);
}

char *
ioc_format(const struct report *r)
{
	struct buf b;
	bool origin = r->origin >= 0 && (size_t)r->origin < r->nhops;
	char *geo;

	buf_init(&b);
	buf_adds(&b, "");
	ioc_line(&b, "file", r->file);
	ioc_line(&b, "subject", r->subject);
	ioc_line(&b, "date", r->date);
	ioc_line(&b, "message-id", r->addr.message_id);
	ioc_line(&b, "from", r->addr.from.addr);
	ioc_line_host(&b, "from-domain", r->addr.from.domain);
	for (size_t i = 0; i < r->addr.nreply_to; i++)
		ioc_line(&b, "reply-to", r->addr.reply_to[i].addr);
	ioc_line(&b, "return-path", r->addr.return_path.addr);
	if (origin) {
		ioc_line(&b, "origin-ip", r->hops[r->origin].ip);
		ioc_line(&b, "origin-helo", r->hops[r->origin].helo);
		ioc_line(&b, "origin-rdns", r->hops[r->origin].rdns);
	}
	geo = geoip_info_text(&r->origin_geo);
	ioc_line(&b, "origin-geo", geo);
	free(geo);
	for (size_t i = 0; i < r->nlinks; i++) {
		const struct link *l = &r->links[i];

		ioc_line(&b, "url", l->defanged);
		ioc_line_host(&b, "url-host", l->host_unicode != NULL ? l->host_unicode : l->host);
	}
	for (size_t i = 0; i < r->findings.n; i++)
		ioc_line(&b, "finding", finding_name(r->findings.v[i].id));
	buf_addf(&b, "verdict: %s (%d)\n", verdict_name(r->verdict), r->score);
	return buf_take(&b);
}
