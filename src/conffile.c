/* conffile.c — one reader for line files and "key = value" files, with FILE:LINE errors for every bad line. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "conffile.h"
#include "i18n.h"
#include "util.h"

struct conffile {
	char *name;
	int flags;
	FILE *f;                 /* file mode */
	char *mem;               /* memory mode: the copy, its length and read offset */
	size_t memlen, memoff;
	char *line;              /* the current raw line */
	size_t cap;
	unsigned lineno;
	struct buf errors;
	size_t nerrors;
};

static struct conffile *
conffile_new(const char *name, int flags)
{
	struct conffile *cf = xcalloc(1, sizeof *cf);

	cf->name = xstrdup(name);
	cf->flags = flags;
	buf_init(&cf->errors);
	return cf;
}

struct conffile *
conffile_open(const char *path, int flags, char **cause)
{
	FILE *f = fopen(path, "r");
	struct conffile *cf;
	struct stat st;

	if (cause != NULL)
		*cause = NULL;
	if (f == NULL) {
		if (!((flags & CONFFILE_OPTIONAL) && errno == ENOENT) && cause != NULL)
			*cause = xasprintf("%s: %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		if (cause != NULL)
			*cause = xasprintf("%s: %s", path, strerror(EISDIR));
		fclose(f);
		return NULL;
	}
	cf = conffile_new(path, flags);
	cf->f = f;
	return cf;
}

struct conffile *
conffile_open_mem(const char *text, size_t len, const char *name, int flags)
{
	struct conffile *cf = conffile_new(name, flags);

	cf->mem = xmalloc(len + 1);
	if (len > 0)
		memcpy(cf->mem, text, len);
	cf->mem[len] = '\0';
	cf->memlen = len;
	return cf;
}

const char *
conffile_name(const struct conffile *cf)
{
	return cf->name;
}

size_t
conffile_nerrors(const struct conffile *cf)
{
	return cf->nerrors;
}

static void
error_v(struct conffile *cf, unsigned lineno, const char *fmt, va_list ap)
{
	char *msg;

	if (cf->nerrors++ >= CONFFILE_MAX_ERRORS)
		return;
	msg = xvasprintf(fmt, ap);
	if (cf->errors.len > 0)
		buf_addc(&cf->errors, '\n');
	buf_addf(&cf->errors, "%s:%u: %s", cf->name, lineno, msg);
	free(msg);
}

void
conffile_error(struct conffile *cf, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	error_v(cf, cf->lineno, fmt, ap);
	va_end(ap);
}

void
conffile_error_at(struct conffile *cf, unsigned lineno, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	error_v(cf, lineno, fmt, ap);
	va_end(ap);
}

/* One raw line (without its '\n') into cf->line; its length, or -1 at the end. */
static ssize_t
raw_line(struct conffile *cf)
{
	ssize_t n;

	if (cf->f != NULL) {
		if ((n = getline(&cf->line, &cf->cap, cf->f)) < 0)
			return -1;
	} else {
		const char *s = cf->mem + cf->memoff, *nl;
		size_t left = cf->memlen - cf->memoff;

		if (left == 0)
			return -1;
		nl = memchr(s, '\n', left);
		n = nl != NULL ? nl - s + 1 : (ssize_t)left;
		if ((size_t)n + 1 > cf->cap) {
			cf->cap = (size_t)n + 1;
			cf->line = xrealloc(cf->line, cf->cap);
		}
		memcpy(cf->line, s, (size_t)n);
		cf->line[n] = '\0';
		cf->memoff += (size_t)n;
	}
	if (n > 0 && cf->line[n - 1] == '\n')
		cf->line[--n] = '\0';
	return n;
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

/* Trim s in place; returns the new start. */
static char *
trim(char *s)
{
	char *e;

	while (is_space(*s))
		s++;
	e = s + strlen(s);
	while (e > s && is_space(e[-1]))
		*--e = '\0';
	return s;
}

/* Cut s at its comment, as the flags say. */
static void
cut_comment(char *s, int flags)
{
	char *h;

	if (flags & CONFFILE_HASH_ANYWHERE) {
		if ((h = strchr(s, '#')) != NULL)
			*h = '\0';
	} else if (flags & CONFFILE_HASH_WORD) {
		for (h = s; (h = strchr(h, '#')) != NULL; h++)
			if (h == s || is_space(h[-1])) {
				*h = '\0';
				break;
			}
	} else if (*s == '#')
		*s = '\0';
}

bool
conffile_next(struct conffile *cf, struct conffile_line *l)
{
	ssize_t n;

	memset(l, 0, sizeof *l);
	while ((n = raw_line(cf)) >= 0) {
		char *s = cf->line, *eq;

		cf->lineno++;
		if (cf->lineno == 1 && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
			s += 3;
		if (memchr(cf->line, '\0', (size_t)n) != NULL) {
			conffile_error(cf, _("a NUL byte in the line"));
			continue;
		}
		s = trim(s);
		cut_comment(s, cf->flags);
		s = trim(s);
		if (cf->flags & CONFFILE_SQUEEZE)
			str_squeeze_space(s);
		if (*s == '\0')
			continue;
		l->text = s;
		l->len = strlen(s);
		l->lineno = cf->lineno;
		if (!(cf->flags & CONFFILE_KV))
			return true;
		if ((eq = strchr(s, '=')) == NULL) {
			conffile_error(cf, "%s: %s", _("expected \"key = value\""), s);
			continue;
		}
		*eq = '\0';
		l->key = trim(s);
		l->value = trim(eq + 1);
		l->text = l->key;
		l->len = strlen(l->key);
		return true;
	}
	return false;
}

int
conffile_close(struct conffile *cf, char **cause)
{
	int rc;

	if (cause != NULL)
		*cause = NULL;
	if (cf == NULL)
		return 0;
	if (cf->f != NULL && ferror(cf->f)) {
		if (cf->errors.len > 0)
			buf_addc(&cf->errors, '\n');
		buf_addf(&cf->errors, "%s: %s", cf->name, strerror(EIO));
		cf->nerrors++;
	}
	rc = cf->nerrors > 0 ? -1 : 0;
	if (cf->nerrors > CONFFILE_MAX_ERRORS)
	{
		buf_addc(&cf->errors, '\n');
		buf_addf(&cf->errors, _("%s: %zu more bad lines not shown"), cf->name,
		    cf->nerrors - CONFFILE_MAX_ERRORS);
	}
	if (rc != 0 && cause != NULL)
		*cause = buf_take(&cf->errors);
	buf_free(&cf->errors);
	if (cf->f != NULL)
		fclose(cf->f);
	free(cf->mem);
	free(cf->line);
	free(cf->name);
	free(cf);
	return rc;
}

void
conffile_join(char **acc, char *msg)
{
	char *s;

	if (msg == NULL || *msg == '\0') {
		free(msg);
		return;
	}
	if (*acc == NULL) {
		*acc = msg;
		return;
	}
	s = xasprintf("%s\n%s", *acc, msg);
	free(*acc);
	free(msg);
	*acc = s;
}
