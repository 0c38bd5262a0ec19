/* settings.c — the config file reader and the option table. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "received.h"
#include "message.h"
#include "settings.h"
#include "util.h"

void
settings_init(struct settings *s)
{
	memset(s, 0, sizeof *s);
	s->boundary_override = -1;
	s->dns = true;
	s->new_domain_days = 30;
	s->rdap_url = xstrdup("https://rdap.org/");
	s->rdap_timeout = 5;
	s->cache = true;
	s->max_message_size = MESSAGE_MAX_SIZE;
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

/* trusted_relays: every entry checked and written canonically (received_relay_parse); one bad entry rejects the line. */
static int
add_relays(struct settings *s, const char *value, char **why)
{
	char **v = NULL;
	size_t n = 0;

	add_list(&v, &n, value);
	for (size_t i = 0; i < n; i++) {
		char *norm, *cause = NULL;

		if (received_relay_parse(v[i], &norm, &cause) != 0) {
			*why = xasprintf(_("trusted_relays: %s"), cause);
			free(cause);
			free_list(v, n);
			return -1;
		}
		free(v[i]);
		v[i] = norm;
	}
	s->trusted_relays = xreallocarray(s->trusted_relays, s->ntrusted_relays + n + 1,
	    sizeof *s->trusted_relays);
	for (size_t i = 0; i < n; i++)
		s->trusted_relays[s->ntrusted_relays++] = v[i];
	free(v);
	return 0;
}

/* settings_set() with the reason for a refusal in *why (caller frees), when there is one to give. */
static int
set_value(struct settings *s, const char *key, const char *value, char **why)
{
	bool b;

	*why = NULL;
	if (strcmp(key, "trusted_relays") == 0) {
		if (add_relays(s, value, why) != 0) {
			s->bad_trust = true;
			return -1;
		}
	} else if (strcmp(key, "authserv_id") == 0 || strcmp(key, "authserv_ids") == 0)
		add_list(&s->authserv_ids, &s->nauthserv_ids, value);
	else if (strcmp(key, "geoip_dir") == 0) {
		free(s->geoip_dir);
		s->geoip_dir = xstrdup(value);
	} else if (strcmp(key, "network") == 0) {
		if (parse_bool(value, &s->network) != 0)
			return -1;
	} else if (strcmp(key, "color") == 0) {
		if (parse_bool(value, &b) != 0)
			return -1;
		if (!b)
			s->no_color = true;
	} else if (strcmp(key, "cache") == 0) {
		if (parse_bool(value, &s->cache) != 0)
			return -1;
	} else if (strcmp(key, "dns") == 0) {
		if (parse_bool(value, &s->dns) != 0)
			return -1;
	} else if (strcmp(key, "new_domain_days") == 0 || strcmp(key, "rdap_timeout") == 0) {
		char *end;
		long v = strtol(value, &end, 10);
		if (end == value || *end != '\0' || v < 1 || v > 3650)
			return -1;
		if (key[0] == 'n')
			s->new_domain_days = (int)v;
		else if (v > 60)
			return -1;
		else
			s->rdap_timeout = (int)v;
	} else if (strcmp(key, "rdap_bootstrap") == 0 || strcmp(key, "rdap_url") == 0) {
		char **dst = key[5] == 'b' ? &s->rdap_bootstrap : &s->rdap_url;
		free(*dst);
		*dst = xstrdup(value);
	} else if (strcmp(key, "max_message_size") == 0) {
		/* bytes, or with a K, M or G suffix (powers of 1024) */
		char *end;
		unsigned long long v = strtoull(value, &end, 10);
		int shift = *end == 'k' || *end == 'K' ? 10 : *end == 'm' || *end == 'M' ? 20 :
		    *end == 'g' || *end == 'G' ? 30 : 0;
		if (end == value || *value == '-' || (shift != 0 && *++end != '\0') || *end != '\0' || v < 1 ||
		    v > (4ull << 30) >> shift)
			return -1;
		s->max_message_size = (size_t)(v << shift);
	} else if (strcmp(key, "keymap") == 0) {
		free(s->keymap);
		s->keymap = xstrdup(value);
	} else if (strcmp(key, "lang") == 0) {
		free(s->lang);
		s->lang = xstrdup(value);
	} else
		return -1;
	return 0;
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
	char *def = NULL, *line = NULL;
	size_t cap = 0;
	ssize_t len;
	unsigned lineno = 0;
	FILE *f;
	int rc = 0;

	*cause = NULL;
	if (path == NULL) {
		if ((def = util_config_path("config")) == NULL)
			return 0;
	}
	f = fopen(path != NULL ? path : def, "r");
	if (f == NULL) {
		if (path == NULL && errno == ENOENT) {
			free(def);
			return 0;
		}
		*cause = xasprintf("%s: %s", path != NULL ? path : def, strerror(errno));
		free(def);
		return -1;
	}
	free(s->config_path);
	s->config_path = xstrdup(path != NULL ? path : def);
	while ((len = getline(&line, &cap, f)) >= 0) {
		char *p = line, *eq, *key, *value, *why = NULL;

		lineno++;
		if ((eq = strchr(p, '#')) != NULL)
			*eq = '\0';
		str_squeeze_space(p);
		if (*p == '\0')
			continue;
		if ((eq = strchr(p, '=')) == NULL) {
			if (*cause == NULL)
				*cause = xasprintf(_("%s:%u: expected \"key = value\""), s->config_path, lineno);
			rc = -1;
			continue;
		}
		*eq = '\0';
		key = p;
		value = eq + 1;
		str_squeeze_space(key);
		str_squeeze_space(value);
		if (set_value(s, key, value, &why) != 0) {
			if (*cause == NULL && why != NULL)
				*cause = xasprintf("%s:%u: %s", s->config_path, lineno, why);
			else if (*cause == NULL)
				*cause = xasprintf(_("%s:%u: unknown key or bad value: %s"), s->config_path, lineno, key);
			rc = -1;
		}
		free(why);
	}
	free(line);
	fclose(f);
	free(def);
	return rc;
}
