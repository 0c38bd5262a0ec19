/* evidence.c — links, defanging, indicators and the ways evidence leaves kensa (OSC 52, file, pipe, pager). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <stdbool.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "analyze.h"
#include "domain.h"
#include "geoip.h"
#include "evidence.h"
#include "i18n.h"
#include "ioc.h"
#include "message.h"
#include "report.h"
#include "url.h"
#include "util.h"

/* The links of the report as the url module found them (HTML links and bare URLs), numbered as in the body. */
size_t
ui_links(const struct report *r, struct ui_link **out)
{
	struct ui_link *v = xcalloc(r->nlinks + 1, sizeof *v);
	int next = 1;

	for (size_t i = 0; i < r->nlinks; i++)
		if (r->links[i].number >= next)
			next = r->links[i].number + 1;
	for (size_t i = 0; i < r->nlinks; i++) {
		const struct link *l = &r->links[i];
		struct ui_link *u = &v[i];

		/* bare URLs carry no [n] in the body: they follow the HTML links */
		u->number = l->number > 0 ? l->number : next++;
		u->text = l->text;
		u->href = l->href;
		u->source = l->source;
		u->defanged = l->defanged;
		u->host = l->host_unicode != NULL ? l->host_unicode : l->host;
		u->org_domain = l->org_domain;
		u->start = l->start;
		u->end = l->end;
		u->via = link_via(l);
		u->real = l->opaque || l->tracker != NULL ? NULL : l->unwrapped_defanged;
		u->opaque = l->opaque;
		u->tracked = l->tracker != NULL;
	}
	*out = v;
	return r->nlinks;
}

void
ui_links_free(struct ui_link *v, size_t n)
{
	for (size_t i = 0; v != NULL && i < n; i++)
		free(v[i].via);
	free(v);
}

char *
ui_defang(const char *url)
{
	return url_defang(url);
}

const char *
ui_origin_ip(const struct report *r)
{
	if (r->origin < 0 || (size_t)r->origin >= r->nhops)
		return NULL;
	return r->hops[r->origin].ip;
}

/* The GeoIP facts arrive as the ORIGIN_COUNTRY finding's evidence. */
char *
ui_origin_geo(const struct report *r)
{
	return geoip_info_text(&r->origin_geo);
}

char *
ui_hop_geo(const struct report *r, size_t h)
{
	if ((int)h == r->origin)
		return ui_origin_geo(r);
	return r->hop_geo != NULL && h < r->nhops ? geoip_info_text(&r->hop_geo[h]) : NULL;
}

char *
ui_indicators(const struct report *r)
{
	return ioc_format(r);
}

char *
ui_osc52_sequence(const char *text, bool in_screen)
{
	gchar *b64 = g_base64_encode((const guchar *)text, strlen(text));
	char *seq = xasprintf("\033]52;c;%s\a", b64);
	struct buf b;

	g_free(b64);
	if (!in_screen)
		return seq;
	/*
	 * GNU screen passes a sequence to the outer terminal only inside a DCS
	 * string, and caps each string's length: wrap it in pieces.
	 */
	buf_init(&b);
	for (size_t off = 0, n = strlen(seq); off < n; off += 76) {
		buf_adds(&b, "\033P");
		buf_add(&b, seq + off, n - off < 76 ? n - off : 76);
		buf_adds(&b, "\033\\");
	}
	free(seq);
	return buf_take(&b);
}

void
ui_osc52(const char *text)
{
	/* inside screen (and not in a tmux running under it), the sequence needs screen's passthrough */
	bool in_screen = getenv("STY") != NULL && getenv("TMUX") == NULL;
	char *seq = ui_osc52_sequence(text, in_screen);
	size_t len = strlen(seq);

	fflush(stdout);
	for (size_t off = 0; off < len;) {
		ssize_t w = write(STDOUT_FILENO, seq + off, len - off);
		if (w <= 0 && errno != EINTR)
			break;
		if (w > 0)
			off += (size_t)w;
	}
	free(seq);
}

int
ui_write_file(const char *path, const char *text, bool overwrite, char **cause)
{
	const char *slash = strrchr(path, '/');
	size_t len = strlen(text);
	int fd;

	if (slash != NULL && slash != path) {   /* the directory, as mkdir -p (GLib's) */
		char *dir = xstrndup(path, (size_t)(slash - path));

		if (g_mkdir_with_parents(dir, 0700) != 0) {
			*cause = xasprintf("%s: %s", dir, strerror(errno));
			free(dir);
			return -1;
		}
		free(dir);
	}
	if ((fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | (overwrite ? O_TRUNC : O_EXCL), 0600)) < 0) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	if (write(fd, text, len) != (ssize_t)len) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	if (close(fd) != 0) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

char *
ui_read_file(const char *path, size_t *len, char **cause)
{
	char *data, *why = NULL;
	size_t size;
	int fd;

	/* as a message is read: a regular file only, never blocking on a FIFO */
	if ((fd = message_open(path, 0, &size, &why)) == -1 || message_read_fd(fd, size, 0, &data, len, &why) != 0) {
		if (fd >= 0)
			close(fd);
		*cause = xasprintf("%s: %s", path, why);
		free(why);
		return NULL;
	}
	close(fd);
	return data;
}

int
ui_pipe(const char *cmd, const char *data, size_t len, char **cause)
{
	void (*old)(int) = signal(SIGPIPE, SIG_IGN);
	FILE *f = popen(cmd, "w");
	int st;

	if (f == NULL) {
		*cause = xasprintf("%s: %s", cmd, strerror(errno));
		signal(SIGPIPE, old);
		return -1;
	}
	fwrite(data, 1, len, f);
	st = pclose(f);
	signal(SIGPIPE, old);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

int
ui_pager_report(struct report *const *r, size_t n, char **cause)
{
	const char *pager = getenv("PAGER");
	void (*old)(int);
	FILE *f;
	int st;

	if (pager == NULL || *pager == '\0')
		pager = "less";
	old = signal(SIGPIPE, SIG_IGN);
	if ((f = popen(pager, "w")) == NULL) {
		*cause = xasprintf("%s: %s", pager, strerror(errno));
		signal(SIGPIPE, old);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			fputs("\n\n", f);
		report_write(f, r[i], REPORT_TEXT);
	}
	st = pclose(f);
	signal(SIGPIPE, old);
	/* a pager that is not there (the shell says 127) or that failed is said, not silently skipped */
	if (st == -1 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		if (st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 127)
			*cause = xasprintf(_("the pager \"%s\" was not found (set $PAGER)"), pager);
		else
			*cause = xasprintf(_("the pager \"%s\" failed (status %d)"), pager,
			    st != -1 && WIFEXITED(st) ? WEXITSTATUS(st) : -1);
		return -1;
	}
	return 0;
}

enum level
ui_worse(enum level a, enum level b)
{
	if (a == LV_VERIFIED)
		return b != LV_NONE && b != LV_INFO ? b : a;
	if (b == LV_VERIFIED)
		return a != LV_NONE && a != LV_INFO ? a : b;
	return a > b ? a : b;
}

static enum level
finding_level(const struct finding *f)
{
	return f->id == F_BRAND_VERIFIED ? LV_VERIFIED : level_of_severity(f->severity);
}

enum level
ui_where_level(const struct report *r, const char *w, bool any_index)
{
	enum level lv = LV_NONE;
	size_t n = strlen(w);

	for (size_t i = 0; i < r->findings.n; i++) {
		const struct finding *f = &r->findings.v[i];
		if (f->where == NULL || ascii_strncasecmp(f->where, w, n) != 0)
			continue;
		if (f->where[n] == '\0' || (any_index && f->where[n] == '['))
			lv = ui_worse(lv, finding_level(f));
	}
	return lv;
}

enum level
ui_id_level(const struct report *r, int id)
{
	enum level lv = LV_NONE;

	for (size_t i = 0; i < r->findings.n; i++)
		if ((int)r->findings.v[i].id == id)
			lv = ui_worse(lv, finding_level(&r->findings.v[i]));
	return lv;
}
