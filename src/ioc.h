/* ioc.h — a report's indicators of compromise as plain lines, for the TUI's copy and export and for the batch commands. */
#ifndef KENSA_IOC_H
#define KENSA_IOC_H

struct report;

/*
 * Every indicator of r, one "label: value" line each, in a fixed order:
 * file, subject, date, message-id, from, from-domain, reply-to,
 * return-path, origin-ip, origin-helo, origin-rdns, origin-geo, then url
 * and url-host per link (body order), finding per finding, and a last
 * "verdict: NAME (score)" line. Absent values give no line. Host names
 * and URLs are defanged ("evil[.]example", "hXXps://..."), never live;
 * every value goes through report_clean(),
 * so message text cannot add lines or steer a terminal. Caller frees.
 */
char *ioc_format(const struct report *r);

#endif
