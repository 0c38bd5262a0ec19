/* settings.h — the option table: command-line options and the config file, one struct. */
#ifndef KENSA_SETTINGS_H
#define KENSA_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct settings {
	char **trusted_relays;  size_t ntrusted_relays;  /* "trusted_relays = 192.0.2.0/24, mx.example.com" */
	char **authserv_ids;    size_t nauthserv_ids;    /* "authserv_id = mx.example.com" */
	char *geoip_dir;        /* --geoip-dir, "geoip_dir" */
	bool network;           /* --network, "network = on" */
	char *lang;             /* --lang, "lang" */
	bool no_color;          /* --no-color, NO_COLOR, "color = off" */
	int boundary_override;  /* -1 auto */
	char *keymap;           /* --keymap, "keymap": TUI key bindings (default, vi, emacs or a file) */
	char *config_path;      /* the file read, or NULL */
	bool bad_trust;         /* a trusted_relays entry was malformed: the trust boundary would be wrong, so callers stop */
	/* GeoIP and domain age (geoip.h, domainage.h) */
	bool dns;               /* "dns = off": with network on, RDAP only */
	int new_domain_days;    /* "new_domain_days = 30": LINK_/FROM_NEW_DOMAIN threshold */
	char *rdap_bootstrap;   /* "rdap_bootstrap = FILE": IANA-format dns.json (default: the shipped copy) */
	char *rdap_url;         /* "rdap_url = URL": fallback RDAP base URL ("" none) */
	int rdap_timeout;       /* "rdap_timeout = 5": seconds per query */
	bool cache;             /* --no-cache, "cache = off": the analysis cache (cache.h) */
	size_t max_message_size;/* "max_message_size = 256M": bytes read of one message (file or stream) */
	char *start;            /* "start = newest" or "unread": where the index's cursor starts */
	bool mouse;             /* "mouse = on": click to select, wheel to scroll */
};

enum setting_type {
	SETTING_BOOL,    /* on/off, yes/no, true/false, 1/0 */
	SETTING_NUMBER,  /* an int from min to max */
	SETTING_SIZE,    /* bytes, or with a K, M or G suffix; from min to max bytes */
	SETTING_STRING,
	SETTING_LIST,    /* comma- or space-separated; each line adds to the list */
};

/* One row of the option table: every config key, its default and its check. */
struct setting_def {
	const char *name;
	enum setting_type type;
	const char *def;          /* default, written as in a config file; NULL: unset */
	size_t offset;            /* the field in struct settings */
	size_t count_offset;      /* SETTING_LIST: the size_t count beside it */
	long long min, max;       /* SETTING_NUMBER, SETTING_SIZE */
	int (*check)(const char *value, char **why);   /* NULL, or 0 / -1 with *why (caller frees) */
	const char *help;         /* untranslated (N_), one line */
	/* The command-line option that sets it, if any (--help is written from these rows). */
	const char *option;       /* "--geoip-dir", or NULL */
	const char *metavar;      /* "DIR" for an option that takes a value; NULL for a flag */
	const char *flag_value;   /* a flag's value, written as in a config file ("on", "off") */
	const char *option_help;  /* untranslated (N_); NULL: help */
};

extern const struct setting_def settings_table[];
extern const size_t settings_table_size;

/* The row of name, or NULL. */
const struct setting_def *settings_find(const char *name);

/* The row whose command-line option is the len bytes at opt ("--network"), or NULL. */
const struct setting_def *settings_find_option(const char *opt, size_t len);

/*
 * Apply value to the row d, as a config line would; 0, or -1 with the
 * reason in *why (caller frees). The command line goes through this after
 * the config file, so that it wins.
 */
int settings_apply(struct settings *s, const struct setting_def *d, const char *value, char **why);

/*
 * Write the help of the option table to f: with options, one line per
 * command-line option the table binds ("  --geoip-dir DIR    ..."); else one
 * line per config key, with its default ("  network = off      ...").
 */
void settings_help(FILE *f, bool options);

/* Zero s and apply every default of settings_table (and NO_COLOR from the environment). */
void settings_init(struct settings *s);
void settings_free(struct settings *s);

/*
 * Read a config file of "key = value" lines ('#' starts a comment). path
 * NULL means the default ($XDG_CONFIG_HOME/kensa/config, else
 * ~/.config/kensa/config), which may be missing. Returns 0, or -1 with
 * *cause (caller frees) "FILE: reason" for an unreadable explicit file, or
 * one "FILE:LINE: reason" line per bad line (unknown key, a value the
 * table's type or validator refuses), joined by newlines; good lines load.
 */
int settings_load(struct settings *s, const char *path, char **cause);

/*
 * Set one key through settings_table; returns 0 or -1 for an unknown key or bad value. A
 * trusted_relays line with one malformed entry (received_relay_parse) is
 * refused whole and sets bad_trust.
 */
int settings_set(struct settings *s, const char *key, const char *value);

#endif
