/* evidence.h — what the UI shows and exports about a report: links (one accessor), defanged URLs, indicators, the origin; OSC 52, files, pipes, the pager. */
#ifndef KENSA_UI_EVIDENCE_H
#define KENSA_UI_EVIDENCE_H

#include <stddef.h>

#include <stdbool.h>

#include "theme.h"

struct report;

/* Worst level of the findings whose where is w (also w[n] when any_index); BRAND_VERIFIED counts as LV_VERIFIED. */
enum level ui_where_level(const struct report *r, const char *w, bool any_index);
/* Worst level of the findings with this id. */
enum level ui_id_level(const struct report *r, int id);
/* Worse of two levels (LV_VERIFIED ranks below LV_INFO findings only when nothing else). */
enum level ui_worse(enum level a, enum level b);

struct ui_link {
	int number;            /* [n] */
	/* every string is borrowed from the report's links (url.h) */
	const char *text;      /* visible text */
	const char *href;      /* target as written */
	const char *source;    /* "a", "text", ... */
	const char *defanged;  /* hXXps://host[.]tld/... */
	const char *host;      /* host (Unicode form for IDNs), or NULL */
	const char *org_domain;/* registrable domain, or NULL */
	long start, end;       /* span of the visible text in the body, -1 if none */
	char *via;             /* owned: the wrappers peeled off ("Safe Links → ..."), or NULL */
	const char *real;      /* the unwrapped target, defanged, or NULL (not wrapped, or hidden) */
	bool opaque;           /* a security gateway hides the real target */
	bool tracked;          /* a mailing service's click tracker keeps the real target */
};

/* The links of r, numbered as in the body. The one place the UI reads links from the core. Free with ui_links_free. */
size_t ui_links(const struct report *r, struct ui_link **out);
void ui_links_free(struct ui_link *v, size_t n);

/* "http://a.b/c" -> "hXXp://a[.]b/c"; caller frees. */
char *ui_defang(const char *url);
/* The origin hop's IP, or NULL. */
const char *ui_origin_ip(const struct report *r);
/* Country and network of the origin as far as the report knows them, or NULL; caller frees. */
char *ui_origin_geo(const struct report *r);
/* Country and network of hop h's client ("SG · AS150436 Byteplus Pte. Ltd."), or NULL. Caller frees. */
char *ui_hop_geo(const struct report *r, size_t h);
/* Every indicator of the message, one per line, URLs and domains defanged (ioc_format() in src/ioc.h); caller frees. */
char *ui_indicators(const struct report *r);

/* Put text on the terminal's clipboard with OSC 52 (works over SSH, in tmux with set-clipboard, and in GNU screen). */
void ui_osc52(const char *text);
/* The OSC 52 sequence that copies text; in_screen wraps it in GNU screen's DCS passthrough, in pieces. Caller frees. */
char *ui_osc52_sequence(const char *text, bool in_screen);
/*
 * Write text to path (mode 0600), creating its directory if missing; an
 * existing file is replaced only with overwrite (else EEXIST). 0 or -1 with *cause.
 */
int ui_write_file(const char *path, const char *text, bool overwrite, char **cause);
/* Feed the message file (or data) to "sh -c cmd"; returns the exit status or -1 with *cause. Terminal must be released. */
int ui_pipe(const char *cmd, const char *data, size_t len, char **cause);
/* Read a whole file; NULL with *cause on error. */
char *ui_read_file(const char *path, size_t *len, char **cause);
/*
 * Show the text reports of the n reports r in $PAGER (default less), one
 * after the other. Terminal must be released. -1 with *cause when the pager
 * cannot run, is not found (exit 127) or fails.
 */
int ui_pager_report(struct report *const *r, size_t n, char **cause);

#endif
