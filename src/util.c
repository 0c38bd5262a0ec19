/* util.c — allocation that dies cleanly, growable strings, ASCII helpers. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static void (*fatal_hook)(void);

void
util_set_fatal_hook(void (*hook)(void))
{
	fatal_hook = hook;
}

static void __attribute__((noreturn))
out_of_memory(size_t size)
{
	if (fatal_hook != NULL)
		fatal_hook();
	fprintf(stderr, "kensa: out of memory (allocating %zu bytes)\n", size);
	exit(1);
}

char *
util_data_path(const char *name)
{
	const char *dir = getenv("KENSA_DATADIR");

	if (dir == NULL || *dir == '\0')
		dir = PKGDATADIR;
	return xasprintf("%s/%s", dir, name);
}

char *
util_config_path(const char *name)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");

	if (xdg != NULL && *xdg != '\0')
		return xasprintf("%s/kensa/%s", xdg, name);
	if (home != NULL && *home != '\0')
		return xasprintf("%s/.config/kensa/%s", home, name);
	return NULL;
}

char *
util_state_path(const char *name)
{
	const char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");

	if (xdg != NULL && *xdg == '/')
		return xasprintf("%s/kensa/%s", xdg, name);
	if (home != NULL && *home != '\0')
		return xasprintf("%s/.local/state/kensa/%s", home, name);
	return NULL;
}

int
util_hex_digit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *
util_pct_decode(const char *s, size_t n)
{
	char *r = xmalloc(n + 1), *o = r;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n && util_hex_digit((unsigned char)s[i + 1]) >= 0 &&
		    util_hex_digit((unsigned char)s[i + 2]) >= 0) {
			*o++ = (char)(util_hex_digit((unsigned char)s[i + 1]) * 16 + util_hex_digit((unsigned char)s[i + 2]));
			i += 2;
		} else
			*o++ = s[i];
	}
	*o = '\0';
	return r;
}

void *
xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (p == NULL)
		out_of_memory(size);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		out_of_memory(n * size);
	return p;
}

void *
xrealloc(void *p, size_t size)
{
	void *q = realloc(p, size ? size : 1);

	if (q == NULL)
		out_of_memory(size);
	return q;
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > (size_t)-1 / size)
		out_of_memory((size_t)-1);
	return xrealloc(p, n * size);
}

char *
xstrdup(const char *s)
{
	return s == NULL ? NULL : xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p;

	if (s == NULL)
		return NULL;
	n = strnlen(s, n);
	p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	char *s;

	if (vasprintf(&s, fmt, ap) < 0)
		out_of_memory(strlen(fmt));
	return s;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}

void
buf_init(struct buf *b)
{
	b->s = NULL;
	b->len = b->cap = 0;
}

static void
buf_grow(struct buf *b, size_t need)
{
	size_t cap;

	if (b->len + need + 1 <= b->cap)
		return;
	cap = b->cap ? b->cap : 64;
	while (cap < b->len + need + 1)
		cap *= 2;
	b->s = xrealloc(b->s, cap);
	b->cap = cap;
}

void
buf_add(struct buf *b, const char *s, size_t n)
{
	buf_grow(b, n);
	if (n != 0)
		memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	buf_adds(b, s);
	free(s);
}

char *
buf_take(struct buf *b)
{
	char *s = b->s;

	if (s == NULL)
		s = xstrdup("");
	buf_init(b);
	return s;
}

void
buf_free(struct buf *b)
{
	free(b->s);
	buf_init(b);
}

static int
lc(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

int
ascii_strncasecmp(const char *a, const char *b, size_t n)
{
	for (; n != 0; a++, b++, n--) {
		int d = lc((unsigned char)*a) - lc((unsigned char)*b);
		if (d != 0 || *a == '\0')
			return d;
	}
	return 0;
}

int
ascii_strcasecmp(const char *a, const char *b)
{
	return ascii_strncasecmp(a, b, (size_t)-1);
}

const char *
ascii_strcasestr(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay != '\0'; hay++)
		if (ascii_strncasecmp(hay, needle, n) == 0)
			return hay;
	return n == 0 ? hay : NULL;
}

void
ascii_lower(char *s)
{
	for (; *s != '\0'; s++)
		*s = (char)lc((unsigned char)*s);
}

void
str_squeeze_space(char *s)
{
	char *w = s;
	int space = 1; /* drops leading space */

	for (char *r = s; *r != '\0'; r++) {
		if (*r == ' ' || *r == '\t' || *r == '\r' || *r == '\n') {
			if (!space)
				*w++ = ' ';
			space = 1;
		} else {
			*w++ = *r;
			space = 0;
		}
	}
	if (w > s && w[-1] == ' ')
		w--;
	*w = '\0';
}

char *
util_duration(long secs, char *buf, size_t n)
{
	const char *sign = secs < 0 ? "-" : "";
	unsigned long s = secs < 0 ? 0UL - (unsigned long)secs : (unsigned long)secs;

	if (s < 60)
		snprintf(buf, n, "%s%lus", sign, s);
	else if (s < 3600)
		snprintf(buf, n, s % 60 ? "%s%lum %02lus" : "%s%lum", sign, s / 60, s % 60);
	else if (s < 86400)
		snprintf(buf, n, s % 3600 / 60 ? "%s%luh %02lum" : "%s%luh", sign, s / 3600, s % 3600 / 60);
	else
		snprintf(buf, n, s % 86400 / 3600 ? "%s%lud %luh" : "%s%lud", sign, s / 86400, s % 86400 / 3600);
	return buf;
}
