/* util.h — allocation that dies cleanly, growable strings, small helpers. */
#ifndef KENSA_UTIL_H
#define KENSA_UTIL_H

#include <stdarg.h>
#include <stddef.h>

/*
 * Allocation failure is the one error the core does not return: these call
 * the handler set by util_set_fatal_hook() (the TUI restores the terminal
 * there), print one line and exit(1).
 */
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);                 /* NULL stays NULL */
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap);
void util_set_fatal_hook(void (*hook)(void));

/* Path of a data file: $KENSA_DATADIR/name when set (tests, uninstalled builds), else PKGDATADIR/name. Caller frees. */
char *util_data_path(const char *name);
/* Path of the user's file: $XDG_CONFIG_HOME/kensa/name, else ~/.config/kensa/name; NULL with neither set. Caller frees. */
char *util_config_path(const char *name);
/* $XDG_STATE_HOME/kensa/name, else ~/.local/state/kensa/name (what kensa writes for the user: indicator files); NULL without HOME. */
char *util_state_path(const char *name);
/* The value of a hex digit, or -1. */
int util_hex_digit(int c);
/* Percent-decode n bytes of s; a '%' not followed by two hex digits stays as written (as urllib's unquote). Caller frees. */
char *util_pct_decode(const char *s, size_t n);

/*
 * A duration as people read it, in its two largest units: "12s", "4m 10s",
 * "3h 05m", "1d 12h" (a zero second unit left out: "4m", "1d"); negative
 * durations get a '-'. Written to buf (at least 32 bytes), returned.
 */
char *util_duration(long secs, char *buf, size_t n);

/* A growable NUL-terminated byte string. */
struct buf {
	char *s;
	size_t len;
	size_t cap;
};
void buf_init(struct buf *b);
void buf_add(struct buf *b, const char *s, size_t n);
void buf_adds(struct buf *b, const char *s);
/* One byte; the common case inline, it is on the renderers' hot path. */
static inline void
buf_addc(struct buf *b, char c)
{
	if (b->len + 2 <= b->cap) {
		b->s[b->len++] = c;
		b->s[b->len] = '\0';
	} else
		buf_add(b, &c, 1);
}
void buf_addf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *buf_take(struct buf *b);                /* returns s (never NULL), resets b */
void buf_free(struct buf *b);


/* ASCII helpers that never depend on the locale. */
int ascii_strcasecmp(const char *a, const char *b);
int ascii_strncasecmp(const char *a, const char *b, size_t n);
const char *ascii_strcasestr(const char *hay, const char *needle);
void ascii_lower(char *s);
/* Collapse runs of white space (incl. folded CRLF) to one space, trim ends; in place. */
void str_squeeze_space(char *s);

#endif
