/* report.h — text, Markdown and JSON renderings of a report, and the one-line scan form. */
#ifndef KENSA_REPORT_H
#define KENSA_REPORT_H

#include <stdio.h>

struct report;

enum report_format { REPORT_TEXT, REPORT_MARKDOWN, REPORT_JSON };

/* Write r to f in the given format (JSON: one pretty object; compact when oneline). */
void report_write(FILE *f, const struct report *r, enum report_format fmt);
/* One JSON object on one line (for scan --json). Caller frees. */
/*
 * What makes a phishing verdict able to harm (its payload findings, or the
 * link that leaves the sender's domains), or why a score past the phishing
 * threshold stays suspicious; NULL when neither applies. Caller frees.
 */
char *report_payload_text(const struct report *r);
char *report_json_line(const struct report *r);
/* The scan line: verdict, score, file, ids, subject. Caller frees. */
char *report_scan_line(const struct report *r, const char *name);
/* The same line from what the analysis cache kept (cache.h): byte-identical to report_scan_line's. */
struct cache_entry;
char *report_scan_line_cached(const struct cache_entry *e, const char *name);
/* The scan line of a message that could not be read. */
char *report_scan_error_line(const char *name, const char *cause, int json);

/*
 * Make message text safe for a terminal line: C0/C1/DEL become control
 * pictures, invalid UTF-8 becomes U+FFFD, the invisible and format
 * characters of the unichar table (bidi controls, zero-width characters,
 * BOM, SHY, tags...) become <U+XXXX> markers. Newlines kept only if keep_nl.
 * Caller frees.
 */
char *report_clean(const char *s, int keep_nl);

#endif
