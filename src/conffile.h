/* conffile.h — one reader for line files and "key = value" files, with FILE:LINE errors for every bad line. */
#ifndef KENSA_CONFFILE_H
#define KENSA_CONFFILE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

struct conffile;

enum {
	CONFFILE_OPTIONAL = 0x01,      /* a missing file (ENOENT) is no error */
	CONFFILE_HASH_ANYWHERE = 0x02, /* '#' anywhere starts a comment (default: only as the first non-blank) */
	CONFFILE_HASH_WORD = 0x04,     /* '#' at the start or after white space starts a comment */
	CONFFILE_SQUEEZE = 0x08,       /* runs of white space inside a line become one space */
	CONFFILE_KV = 0x10,            /* "key = value" lines; a line without '=' is reported as bad */
};

/* Errors kept for one file; the rest are counted in one closing line. */
#define CONFFILE_MAX_ERRORS 100

struct conffile_line {
	char *text;        /* the line without comment and surrounding white space; writable until the next call */
	size_t len;        /* strlen(text) */
	char *key, *value; /* CONFFILE_KV: both trimmed (text is then the key) */
	unsigned lineno;   /* 1-based */
};

/*
 * Open path for reading. Returns NULL with *cause "PATH: reason" (caller
 * frees) when it cannot be read; with CONFFILE_OPTIONAL a missing file
 * returns NULL and leaves *cause NULL.
 */
struct conffile *conffile_open(const char *path, int flags, char **cause);

/* Read len bytes of text (copied) as if from a file called name. Never fails. */
struct conffile *conffile_open_mem(const char *text, size_t len, const char *name, int flags);

/*
 * The next line that is neither blank nor a comment, in *l; false at the end.
 * A UTF-8 byte-order mark on line 1 is skipped; CR before LF is white space.
 * Lines holding a NUL byte, and with CONFFILE_KV lines without '=', are
 * reported with conffile_error() and skipped.
 */
bool conffile_next(struct conffile *cf, struct conffile_line *l);

/* Record "NAME:LINE: reason" for the line last returned (or for lineno with _at). */
void conffile_error(struct conffile *cf, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void conffile_error_at(struct conffile *cf, unsigned lineno, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The name given at open (the path), for the caller's own messages. */
const char *conffile_name(const struct conffile *cf);

/* The number of bad lines recorded so far. */
size_t conffile_nerrors(const struct conffile *cf);

/*
 * Close cf (NULL is fine). Returns 0, or -1 when a bad line was recorded, with
 * *cause holding one "NAME:LINE: reason" per bad line joined by newlines
 * (caller frees). cause may be NULL to drop the messages.
 */
int conffile_close(struct conffile *cf, char **cause);

/* Append msg to *acc (a newline between), taking ownership of msg; for callers that read several files. */
void conffile_join(char **acc, char *msg);

#endif
