/* weights.c — the weight table read from data/weights.conf and the user's weights.conf. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "util.h"
#include "weights.h"

#define NSEV (SEV_HIGH + 1)
#define UNSET INT_MIN

struct weights {
	int severity[NSEV];
	int by_id[F_COUNT][NSEV];   /* UNSET: fall back to any[] */
	int any[F_COUNT];           /* UNSET: fall back to severity[] */
	bool payload[F_COUNT];
	bool payload_required;
	bool payload_link_offsite;
	int threshold[VERDICT_PHISHING + 1];   /* [VERDICT_SUSPICIOUS], [VERDICT_PHISHING]; UNSET until given */
};

static void
table_clear(struct weights *w)
{
	for (int s = 0; s < NSEV; s++)
		w->severity[s] = 0;
	for (int i = 0; i < F_COUNT; i++) {
		for (int s = 0; s < NSEV; s++)
			w->by_id[i][s] = UNSET;
		w->any[i] = UNSET;
		w->payload[i] = false;
	}
	w->payload_required = true;
	w->payload_link_offsite = false;
	for (int v = 0; v <= VERDICT_PHISHING; v++)
		w->threshold[v] = UNSET;
}

struct weights *
weights_new(void)
{
	struct weights *w = xmalloc(sizeof *w);

	table_clear(w);
	return w;
}

void
weights_free(struct weights *w)
{
	free(w);
}

static int
severity_from_name(const char *s)
{
	static const char *const names[] = { "info", "low", "medium", "high" };

	for (int i = 0; i < NSEV; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	return -1;
}

/* A whole decimal integer in [-WEIGHT_MAX, WEIGHT_MAX]. */
static int
parse_weight(const char *s, int *out)
{
	char *end;
	long v;

	if (s == NULL || *s == '\0')
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < -WEIGHT_MAX || v > WEIGHT_MAX)
		return -1;
	*out = (int)v;
	return 0;
}

static int
problem(char **cause, const char *name, unsigned line, const char *what, const char *arg)
{
	*cause = xasprintf("%s:%u: %s%s%s", name, line, _(what), arg != NULL ? ": " : "",
	    arg != NULL ? arg : "");
	return -1;
}

/* Which settings one file gave already: a second line for the same thing is a mistake. */
struct seen {
	bool severity[NSEV];
	bool by_id[F_COUNT][NSEV];
	bool any[F_COUNT];
	bool payload[F_COUNT];
	bool payload_required;
	bool payload_link_offsite;
	bool threshold[VERDICT_PHISHING + 1];
};

static int
parse_line(struct weights *w, struct seen *seen, char **tok, int ntok, const char *name,
    unsigned lineno, char **cause)
{
	int id, sev, v;

	if (strcmp(tok[0], "clear") == 0) {
		if (ntok != 1)
			return problem(cause, name, lineno, N_("\"clear\" takes no argument"), NULL);
		table_clear(w);
		memset(seen, 0, sizeof *seen);
	} else if (strcmp(tok[0], "severity") == 0) {
		if (ntok != 3)
			return problem(cause, name, lineno, N_("expected \"severity SEVERITY WEIGHT\""), NULL);
		if ((sev = severity_from_name(tok[1])) < 0)
			return problem(cause, name, lineno, N_("unknown severity (info, low, medium, high)"), tok[1]);
		if (parse_weight(tok[2], &v) != 0)
			return problem(cause, name, lineno, N_("a weight is a whole number from -1000 to 1000"), tok[2]);
		if (seen->severity[sev])
			return problem(cause, name, lineno, N_("given twice in one file"), tok[1]);
		seen->severity[sev] = true;
		w->severity[sev] = v;
	} else if (strcmp(tok[0], "weight") == 0) {
		if (ntok != 4)
			return problem(cause, name, lineno, N_("expected \"weight ID SEVERITY|* WEIGHT\""), NULL);
		if ((id = finding_from_name(tok[1])) < 0)
			return problem(cause, name, lineno, N_("unknown finding id"), tok[1]);
		sev = strcmp(tok[2], "*") == 0 ? NSEV : severity_from_name(tok[2]);
		if (sev < 0)
			return problem(cause, name, lineno, N_("unknown severity (info, low, medium, high or *)"), tok[2]);
		if (parse_weight(tok[3], &v) != 0)
			return problem(cause, name, lineno, N_("a weight is a whole number from -1000 to 1000"), tok[3]);
		if (sev == NSEV ? seen->any[id] : seen->by_id[id][sev])
			return problem(cause, name, lineno, N_("given twice in one file"), tok[1]);
		if (sev == NSEV) {
			seen->any[id] = true;
			w->any[id] = v;
		} else {
			seen->by_id[id][sev] = true;
			w->by_id[id][sev] = v;
		}
	} else if (strcmp(tok[0], "payload") == 0) {
		if (ntok != 2 && ntok != 3)
			return problem(cause, name, lineno, N_("expected \"payload ID [yes|no]\""), NULL);
		if ((id = finding_from_name(tok[1])) < 0)
			return problem(cause, name, lineno, N_("unknown finding id"), tok[1]);
		if (ntok == 3 && strcmp(tok[2], "yes") != 0 && strcmp(tok[2], "no") != 0)
			return problem(cause, name, lineno, N_("expected yes or no"), tok[2]);
		if (seen->payload[id])
			return problem(cause, name, lineno, N_("given twice in one file"), tok[1]);
		seen->payload[id] = true;
		w->payload[id] = ntok == 2 || strcmp(tok[2], "yes") == 0;
	} else if (strcmp(tok[0], "payload-required") == 0) {
		if (ntok != 2 || (strcmp(tok[1], "yes") != 0 && strcmp(tok[1], "no") != 0))
			return problem(cause, name, lineno, N_("expected \"payload-required yes|no\""), NULL);
		if (seen->payload_required)
			return problem(cause, name, lineno, N_("given twice in one file"), tok[0]);
		seen->payload_required = true;
		w->payload_required = strcmp(tok[1], "yes") == 0;
	} else if (strcmp(tok[0], "payload-link-offsite") == 0) {
		if (ntok != 2 || (strcmp(tok[1], "yes") != 0 && strcmp(tok[1], "no") != 0))
			return problem(cause, name, lineno, N_("expected \"payload-link-offsite yes|no\""), NULL);
		if (seen->payload_link_offsite)
			return problem(cause, name, lineno, N_("given twice in one file"), tok[0]);
		seen->payload_link_offsite = true;
		w->payload_link_offsite = strcmp(tok[1], "yes") == 0;
	} else if (strcmp(tok[0], "threshold") == 0) {
		enum verdict vd;

		if (ntok != 3)
			return problem(cause, name, lineno, N_("expected \"threshold suspicious|phishing SCORE\""), NULL);
		if (strcmp(tok[1], "suspicious") == 0)
			vd = VERDICT_SUSPICIOUS;
		else if (strcmp(tok[1], "phishing") == 0)
			vd = VERDICT_PHISHING;
		else
			return problem(cause, name, lineno, N_("a threshold is \"suspicious\" or \"phishing\""), tok[1]);
		if (parse_weight(tok[2], &v) != 0 || v < 1)
			return problem(cause, name, lineno, N_("a threshold is a whole number from 1 to 1000"), tok[2]);
		if (seen->threshold[vd])
			return problem(cause, name, lineno, N_("given twice in one file"), tok[1]);
		seen->threshold[vd] = true;
		w->threshold[vd] = v;
	} else
		return problem(cause, name, lineno,
		    N_("unknown directive (severity, weight, payload, payload-required, payload-link-offsite, threshold, clear)"), tok[0]);
	return 0;
}

int
weights_load_mem(struct weights *w, const char *text, size_t len, const char *name, char **cause)
{
	struct seen *seen = xcalloc(1, sizeof *seen);
	const char *p = text, *end = text + len;
	unsigned lineno = 0;
	int rc = 0;

	*cause = NULL;
	while (p < end && rc == 0) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
		char *line = xstrndup(p, n), *tok[5], *save = NULL, *t;
		int ntok = 0;

		lineno++;
		if (memchr(p, '\0', n) != NULL)
			rc = problem(cause, name, lineno, N_("NUL byte in line"), NULL);
		p += n + (nl != NULL);
		if ((t = strchr(line, '#')) != NULL)
			*t = '\0';
		for (t = strtok_r(line, " \t\r\f\v", &save); rc == 0 && t != NULL;
		    t = strtok_r(NULL, " \t\r\f\v", &save)) {
			if (ntok == 5) {
				rc = problem(cause, name, lineno, N_("too many words"), NULL);
				break;
			}
			tok[ntok++] = t;
		}
		if (rc == 0 && ntok > 0)
			rc = parse_line(w, seen, tok, ntok, name, lineno, cause);
		free(line);
	}
	free(seen);
	return rc;
}

int
weights_load_file(struct weights *w, const char *path, char **cause)
{
	struct buf b;
	char chunk[4096];
	size_t n;
	FILE *f;
	int rc;

	*cause = NULL;
	if ((f = fopen(path, "r")) == NULL) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && b.len < (1u << 20))
		buf_add(&b, chunk, n);
	if (ferror(f) || b.len >= (1u << 20)) {
		*cause = xasprintf("%s: %s", path, ferror(f) ? strerror(errno) : _("file too large"));
		fclose(f);
		buf_free(&b);
		return -1;
	}
	fclose(f);
	rc = weights_load_mem(w, b.s != NULL ? b.s : "", b.len, path, cause);
	buf_free(&b);
	return rc;
}

int
weights_check(const struct weights *w, const char *name, char **cause)
{
	*cause = NULL;
	if (w->threshold[VERDICT_SUSPICIOUS] == UNSET)
		*cause = xasprintf("%s: %s", name, _("no \"threshold suspicious\" line"));
	else if (w->threshold[VERDICT_PHISHING] == UNSET)
		*cause = xasprintf("%s: %s", name, _("no \"threshold phishing\" line"));
	else if (w->threshold[VERDICT_PHISHING] < w->threshold[VERDICT_SUSPICIOUS])
		*cause = xasprintf("%s: %s", name, _("the phishing threshold is below the suspicious one"));
	return *cause != NULL ? -1 : 0;
}

int
weights_weight(const struct weights *w, enum finding_id id, enum severity s)
{
	if ((unsigned)s >= NSEV)
		s = SEV_INFO;
	if ((unsigned)id >= F_COUNT)
		return w->severity[s];
	if (w->by_id[id][s] != UNSET)
		return w->by_id[id][s];
	if (w->any[id] != UNSET)
		return w->any[id];
	return w->severity[s];
}

bool
weights_payload(const struct weights *w, enum finding_id id, enum severity s)
{
	return (unsigned)id < F_COUNT && w->payload[id] && s > SEV_INFO;
}

bool
weights_payload_required(const struct weights *w)
{
	return w->payload_required;
}

bool
weights_payload_link_offsite(const struct weights *w)
{
	return w->payload_link_offsite;
}

int
weights_threshold(const struct weights *w, enum verdict v)
{
	if (v != VERDICT_SUSPICIOUS && v != VERDICT_PHISHING)
		return 0;
	return w->threshold[v] == UNSET ? INT_MAX : w->threshold[v];
}

/* ---- the process-wide table ---- */

static struct weights *current;
static int current_rc;
static char *current_problem;
static const char *current_user_path;
static pthread_once_t current_once = PTHREAD_ONCE_INIT;

static void
current_load(void)
{
	char *shipped = util_data_path("weights.conf"), *def = NULL, *c = NULL;
	const char *user = current_user_path;

	current = weights_new();
	if (weights_load_file(current, shipped, &c) != 0) {
		if (access(shipped, F_OK) != 0) {
			free(c);
			c = xasprintf(_("%s: the shipped weight table is missing (kensa looked there; "
			    "set KENSA_DATADIR or reinstall)"), shipped);
		}
		goto fail;
	}
	if (user == NULL) {
		def = util_config_path("weights.conf");
		if (def != NULL && access(def, F_OK) == 0)
			user = def;
	}
	if (user != NULL && weights_load_file(current, user, &c) != 0)
		goto fail;
	if (weights_check(current, user != NULL ? user : shipped, &c) != 0)
		goto fail;
	free(shipped);
	free(def);
	return;
fail:
	table_clear(current);
	current_rc = -1;
	current_problem = c;
	free(shipped);
	free(def);
}

int
weights_setup(const char *user_path, char **cause)
{
	current_user_path = user_path;
	pthread_once(&current_once, current_load);
	*cause = current_rc != 0 ? xstrdup(current_problem) : NULL;
	return current_rc;
}

const struct weights *
weights_current(void)
{
	pthread_once(&current_once, current_load);
	return current;
}
