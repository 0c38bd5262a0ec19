/* settings.c — the option table (name, type, default, validator, help) and the config file reader. */
#include "config.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conffile.h"
#include "i18n.h"
#include "received.h"
#include "message.h"
#include "settings.h"
#include "util.h"

static int apply(struct settings *s, const struct setting_def *d, const char *value, char **why);

void
settings_init(struct settings *s)
{
	memset(s, 0, sizeof *s);
	s->boundary_override = -1;
	for (size_t i = 0; i < settings_table_size; i++) {
		char *why = NULL;

		if (settings_table[i].def != NULL && apply(s, &settings_table[i], settings_table[i].def, &why) != 0)
			abort();   /* a default the table's own validator refuses */
		free(why);
	}
	if (getenv("NO_COLOR") != NULL && *getenv("NO_COLOR") != '\0')
		s->no_color = true;
}

static void
free_list(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void
settings_free(struct settings *s)
{
	free_list(s->trusted_relays, s->ntrusted_relays);
	free_list(s->authserv_ids, s->nauthserv_ids);
	free(s->geoip_dir);
	free(s->lang);
	free(s->keymap);
	free(s->config_path);
	free(s->rdap_bootstrap);
	free(s->rdap_url);
	free(s->start);
	memset(s, 0, sizeof *s);
}

static void
add_list(char ***v, size_t *n, const char *value)
{
	char *copy = xstrdup(value), *tok, *save = NULL;

	for (tok = strtok_r(copy, ", \t", &save); tok != NULL; tok = strtok_r(NULL, ", \t", &save)) {
		*v = xreallocarray(*v, *n + 1, sizeof **v);
		(*v)[(*n)++] = xstrdup(tok);
	}
	free(copy);
}

/* ---- the table ---- */

static int
parse_bool(const char *v, bool *out)
{
	if (ascii_strcasecmp(v, "on") == 0 || ascii_strcasecmp(v, "yes") == 0 ||
	    ascii_strcasecmp(v, "true") == 0 || strcmp(v, "1") == 0)
		*out = true;
	else if (ascii_strcasecmp(v, "off") == 0 || ascii_strcasecmp(v, "no") == 0 ||
	    ascii_strcasecmp(v, "false") == 0 || strcmp(v, "0") == 0)
		*out = false;
	else
		return -1;
	return 0;
}

/* lang: a language kensa has messages in (po/LINGUAS, and English, the source), as "ja", "ja_JP" or "ja_JP.UTF-8". */
static int
check_lang(const char *value, char **why)
{
	static const char *const known[] = { "en", "ja", "C", "POSIX" };
	size_t n = strcspn(value, "_.@");

	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		if (strlen(known[i]) == n && strncmp(value, known[i], n) == 0)
			return 0;
	*why = xasprintf(_("lang: no messages in \"%s\" (ja, en)"), value);
	return -1;
}

/* keymap: a shipped keymap (keymaps/NAME.keys) or a path, which must be readable. */
static int
check_keymap(const char *value, char **why)
{
	static const char *const shipped[] = { "default", "vi", "emacs" };

	if (strchr(value, '/') != NULL) {
		if (access(value, R_OK) == 0)
			return 0;
		*why = xasprintf(_("keymap: %s: %s"), value, strerror(errno));
		return -1;
	}
	for (size_t i = 0; i < sizeof shipped / sizeof shipped[0]; i++)
		if (strcmp(value, shipped[i]) == 0)
			return 0;
	*why = xasprintf(_("keymap: \"%s\" is neither default, vi, emacs nor a file path"), value);
	return -1;
}

/* start: where the index's cursor starts. */
static int
check_start(const char *value, char **why)
{
	if (strcmp(value, "newest") == 0 || strcmp(value, "unread") == 0)
		return 0;
	*why = xasprintf(_("start: \"%s\" is neither newest nor unread"), value);
	return -1;
}

#define F(field) offsetof(struct settings, field)
#define NONE ((size_t)-1)

/* Every setting, as tmux's options-table.c: defaults are written as config text and parsed by the same code. */
const struct setting_def settings_table[] = {
	{ "trusted_relays", SETTING_LIST, NULL, F(trusted_relays), F(ntrusted_relays), 0, 0, NULL,
	  N_("relays whose Received lines are trusted: addresses, CIDR blocks, host names (\"!\" excludes)"), NULL, NULL, NULL, NULL },
	{ "authserv_id", SETTING_LIST, NULL, F(authserv_ids), F(nauthserv_ids), 0, 0, NULL,
	  N_("authserv-ids of Authentication-Results headers your own servers add"), NULL, NULL, NULL, NULL },
	{ "authserv_ids", SETTING_LIST, NULL, F(authserv_ids), F(nauthserv_ids), 0, 0, NULL,
	  N_("the same as authserv_id"), NULL, NULL, NULL, NULL },
	{ "geoip_dir", SETTING_STRING, NULL, F(geoip_dir), NONE, 0, 0, NULL,
	  N_("directory of the GeoIP/ASN databases"), "--geoip-dir", "DIR", NULL, N_("look for GeoIP databases in DIR") },
	{ "network", SETTING_BOOL, "off", F(network), NONE, 0, 0, NULL,
	  N_("allow RDAP and DNS look-ups"), "--network", NULL, "on", N_("allow RDAP and DNS look-ups (off by default)") },
	{ "color", SETTING_BOOL, NULL, F(no_color), NONE, 0, 0, NULL,
	  N_("\"off\" draws without colour (as NO_COLOR)"), "--no-color", NULL, "off", N_("no colours (also NO_COLOR)") },
	{ "cache", SETTING_BOOL, "on", F(cache), NONE, 0, 0, NULL,
	  N_("keep the analysis cache"), "--no-cache", NULL, "off", N_("neither read nor write the analysis cache") },
	{ "dns", SETTING_BOOL, "on", F(dns), NONE, 0, 0, NULL,
	  N_("with network on, also ask DNS (off: RDAP only)"), NULL, NULL, NULL, NULL },
	{ "new_domain_days", SETTING_NUMBER, "30", F(new_domain_days), NONE, 1, 3650, NULL,
	  N_("a domain registered fewer days before the mail is new"), NULL, NULL, NULL, NULL },
	{ "rdap_timeout", SETTING_NUMBER, "5", F(rdap_timeout), NONE, 1, 60, NULL,
	  N_("seconds per RDAP query"), NULL, NULL, NULL, NULL },
	{ "rdap_bootstrap", SETTING_STRING, NULL, F(rdap_bootstrap), NONE, 0, 0, NULL,
	  N_("IANA-format RDAP bootstrap file (default: the shipped copy)"), NULL, NULL, NULL, NULL },
	{ "rdap_url", SETTING_STRING, "https://rdap.org/", F(rdap_url), NONE, 0, 0, NULL,
	  N_("fallback RDAP base URL (empty: none)"), NULL, NULL, NULL, NULL },
	{ "max_message_size", SETTING_SIZE, "256M", F(max_message_size), NONE, 1, 4ll << 30, NULL,
	  N_("bytes read of one message, with a K, M or G suffix"), NULL, NULL, NULL, NULL },
	{ "keymap", SETTING_STRING, NULL, F(keymap), NONE, 0, 0, check_keymap,
	  N_("key bindings: default, vi, emacs or a file"), "--keymap", "NAME", NULL,
	  N_("key bindings of the message browser: default, vi, emacs or a file") },
	{ "start", SETTING_STRING, "newest", F(start), NONE, 0, 0, check_start,
	  N_("where the index's cursor starts: newest, or unread (the first unread row from the top)"),
	  NULL, NULL, NULL, NULL },
	{ "mouse", SETTING_BOOL, "off", F(mouse), NONE, 0, 0, NULL,
	  N_("in the browser, click to select and open, wheel to scroll"), NULL, NULL, NULL, NULL },
	{ "lang", SETTING_STRING, NULL, F(lang), NONE, 0, 0, check_lang,
	  N_("language of the output (ja, en)"), "--lang", "LANG", NULL, NULL },
};
const size_t settings_table_size = sizeof settings_table / sizeof settings_table[0];

#undef F

const struct setting_def *
settings_find(const char *name)
{
	for (size_t i = 0; i < settings_table_size; i++)
		if (strcmp(settings_table[i].name, name) == 0)
			return &settings_table[i];
	return NULL;
}

const struct setting_def *
settings_find_option(const char *opt, size_t len)
{
	for (size_t i = 0; i < settings_table_size; i++)
		if (settings_table[i].option != NULL && strlen(settings_table[i].option) == len &&
		    strncmp(settings_table[i].option, opt, len) == 0)
			return &settings_table[i];
	return NULL;
}

/* The help column starts here; a longer left part puts the help on the next line. */
#define HELP_COL 32

static void
help_line(FILE *f, const char *left, const char *help)
{
	int n = fprintf(f, "  %s", left);

	if (n + 1 > HELP_COL)
		fprintf(f, "\n%*s%s\n", HELP_COL, "", help);
	else
		fprintf(f, "%*s%s\n", HELP_COL - n, "", help);
}

void
settings_help(FILE *f, bool options)
{
	for (size_t i = 0; i < settings_table_size; i++) {
		const struct setting_def *d = &settings_table[i];
		char *left;

		if (options) {
			if (d->option == NULL)
				continue;
			left = d->metavar != NULL ? xasprintf("%s %s", d->option, d->metavar) : xstrdup(d->option);
			help_line(f, left, _(d->option_help != NULL ? d->option_help : d->help));
		} else {
			left = d->def != NULL ? xasprintf("%s = %s", d->name, d->def) : xstrdup(d->name);
			help_line(f, left, _(d->help));
		}
		free(left);
	}
}

/* trusted_relays: every entry checked and written canonically (received_relay_parse); one bad entry rejects the line. */
static int
relays_norm(char **v, size_t n, char **why)
{
	for (size_t i = 0; i < n; i++) {
		char *norm, *cause = NULL;

		if (received_relay_parse(v[i], &norm, &cause) != 0) {
			*why = xasprintf(_("trusted_relays: %s"), cause);
			free(cause);
			return -1;
		}
		free(v[i]);
		v[i] = norm;
	}
	return 0;
}

/* Apply one value through its table row; the reason for a refusal in *why (caller frees). */
static int
apply(struct settings *s, const struct setting_def *d, const char *value, char **why)
{
	char *field = (char *)s + d->offset, *end;
	bool b;

	if (d->check != NULL && d->check(value, why) != 0)
		return -1;
	switch (d->type) {
	case SETTING_BOOL:
		if (parse_bool(value, &b) != 0) {
			*why = xasprintf(_("%s: expected on or off, got \"%s\""), d->name, value);
			return -1;
		}
		if (d->offset == offsetof(struct settings, no_color)) {
			if (!b)   /* "color = on" never overrides NO_COLOR or --no-color */
				s->no_color = true;
		} else
			*(bool *)(void *)field = b;
		break;
	case SETTING_NUMBER: {
		long v = strtol(value, &end, 10);
		if (end == value || *end != '\0' || v < d->min || v > d->max) {
			*why = xasprintf(_("%s: expected a number from %lld to %lld, got \"%s\""), d->name,
			    d->min, d->max, value);
			return -1;
		}
		*(int *)(void *)field = (int)v;
		break;
	}
	case SETTING_SIZE: {
		/* bytes, or with a K, M or G suffix (powers of 1024) */
		unsigned long long v = strtoull(value, &end, 10);
		int shift = *end == 'k' || *end == 'K' ? 10 : *end == 'm' || *end == 'M' ? 20 :
		    *end == 'g' || *end == 'G' ? 30 : 0;
		if (end == value || *value == '-' || (shift != 0 && *++end != '\0') || *end != '\0' ||
		    v < (unsigned long long)d->min || v > (unsigned long long)d->max >> shift) {
			*why = xasprintf(_("%s: expected a size such as 256M (at most 4G), got \"%s\""), d->name, value);
			return -1;
		}
		*(size_t *)(void *)field = (size_t)(v << shift);
		break;
	}
	case SETTING_STRING:
		free(*(char **)(void *)field);
		*(char **)(void *)field = xstrdup(value);
		break;
	case SETTING_LIST: {
		char ***v = (char ***)(void *)field, **items = NULL;
		size_t *n = (size_t *)(void *)((char *)s + d->count_offset), nitems = 0;

		add_list(&items, &nitems, value);
		if (d->offset == offsetof(struct settings, trusted_relays) && relays_norm(items, nitems, why) != 0) {
			free_list(items, nitems);
			s->bad_trust = true;
			return -1;
		}
		*v = xreallocarray(*v, *n + nitems + 1, sizeof **v);
		for (size_t i = 0; i < nitems; i++)
			(*v)[(*n)++] = items[i];
		free(items);
		break;
	}
	}
	return 0;
}

int
settings_apply(struct settings *s, const struct setting_def *d, const char *value, char **why)
{
	*why = NULL;
	return apply(s, d, value, why);
}

/* settings_set() with the reason for a refusal in *why (caller frees). */
static int
set_value(struct settings *s, const char *key, const char *value, char **why)
{
	const struct setting_def *d = settings_find(key);

	*why = NULL;
	if (d == NULL) {
		*why = xasprintf(_("unknown setting: %s"), key);
		return -1;
	}
	return apply(s, d, value, why);
}

int
settings_set(struct settings *s, const char *key, const char *value)
{
	char *why = NULL;
	int rc = set_value(s, key, value, &why);

	free(why);
	return rc;
}

int
settings_load(struct settings *s, const char *path, char **cause)
{
	char *def = NULL;
	struct conffile *cf;
	struct conffile_line l;
	int rc;

	*cause = NULL;
	if (path == NULL) {
		if ((def = util_config_path("config")) == NULL)
			return 0;
	}
	cf = conffile_open(path != NULL ? path : def,
	    CONFFILE_KV | CONFFILE_HASH_ANYWHERE | CONFFILE_SQUEEZE | (path == NULL ? CONFFILE_OPTIONAL : 0), cause);
	free(def);
	if (cf == NULL)
		return *cause != NULL ? -1 : 0;
	free(s->config_path);
	s->config_path = xstrdup(conffile_name(cf));
	while (conffile_next(cf, &l)) {
		char *why = NULL;

		if (set_value(s, l.key, l.value, &why) != 0)
			conffile_error(cf, "%s", why);
		free(why);
	}
	rc = conffile_close(cf, cause);
	return rc;
}
