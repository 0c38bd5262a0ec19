/* keymap.c — the action table and the bindings: defaults are config text read by the same loader as the user's file (after tmux's key-bindings.c). */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "conffile.h"
#include "i18n.h"
#include "keymap.h"
#include "util.h"

static const struct {
	const char *name, *desc;
} actions[] = {
#define ACTION_ROW(id, name, desc) { name, desc },
	ACTIONS(ACTION_ROW)
#undef ACTION_ROW
};

static const char *ctx_names[CTX_COUNT] = { "global", "index", "message", "list", "received" };
static const char *ctx_labels[CTX_COUNT] = {
	N_("Everywhere"), N_("Message list"), N_("Message"), N_("Lists"), N_("Received chain"),
};

struct binding {
	int key;
	enum action action;
};
static struct binding *bindings[CTX_COUNT];
static size_t nbindings[CTX_COUNT];

const char *
action_name(enum action a)
{
	return a < A_COUNT ? actions[a].name : "?";
}

const char *
action_desc(enum action a)
{
	return a < A_COUNT ? _(actions[a].desc) : "?";
}

int
action_from_name(const char *name)
{
	for (int i = 0; i < A_COUNT; i++)
		if (strcmp(actions[i].name, name) == 0)
			return i;
	return -1;
}

const char *
keyctx_name(enum keyctx c)
{
	return ctx_names[c];
}

const char *
keyctx_label(enum keyctx c)
{
	return _(ctx_labels[c]);
}

static const struct {
	const char *name;
	int key;
} named_keys[] = {
	{ "Up", KEYC_CURSES + KEY_UP },         { "Down", KEYC_CURSES + KEY_DOWN },
	{ "Left", KEYC_CURSES + KEY_LEFT },     { "Right", KEYC_CURSES + KEY_RIGHT },
	{ "PageUp", KEYC_CURSES + KEY_PPAGE },  { "PageDown", KEYC_CURSES + KEY_NPAGE },
	{ "Home", KEYC_CURSES + KEY_HOME },     { "End", KEYC_CURSES + KEY_END },
	{ "BTab", KEYC_CURSES + KEY_BTAB },     { "Delete", KEYC_CURSES + KEY_DC },
	{ "Insert", KEYC_CURSES + KEY_IC },     { "Backspace", KEYC_CURSES + KEY_BACKSPACE },
	{ "Enter", '\n' },                      { "Tab", '\t' },
	{ "Escape", 27 },                       { "Space", ' ' },
	{ "Hash", '#' },
};

int
key_parse(const char *s)
{
	int meta = 0, n;
	unsigned c;
	size_t len;

	if (strncmp(s, "M-", 2) == 0 && s[2] != '\0') {
		meta = KEYC_META;
		s += 2;
	}
	for (size_t i = 0; i < sizeof named_keys / sizeof named_keys[0]; i++)
		if (ascii_strcasecmp(s, named_keys[i].name) == 0)
			return named_keys[i].key + meta;
	if (ascii_strcasecmp(s, "Return") == 0)
		return '\n' + meta;
	if ((s[0] == 'F' || s[0] == 'f') && s[1] >= '1' && s[1] <= '9' && (n = atoi(s + 1)) >= 1 && n <= 12 &&
	    strspn(s + 1, "0123456789") == strlen(s + 1))
		return KEYC_CURSES + KEY_F(n) + meta;
	if (strncmp(s, "C-", 2) == 0 && s[2] != '\0' && s[3] == '\0') {
		c = (unsigned char)s[2];
		if (c == '?')
			return 0x7F + meta;
		if (c >= 'a' && c <= 'z')
			c -= 32;
		if (c >= '@' && c <= '_')
			return (int)(c - '@') + meta;
		return -1;
	}
	/* One character, possibly multi-byte UTF-8. */
	len = strlen(s);
	c = (unsigned char)s[0];
	if (len == 1 && c > ' ' && c < 0x7F)
		return (int)c + meta;
	/* Two printable ASCII characters: a sequence, as vi's "gg" (not with M-; "C-" is a prefix left without its key) */
	if (len == 2 && meta == 0 && c > ' ' && c < 0x7F && (unsigned char)s[1] > ' ' && (unsigned char)s[1] < 0x7F &&
	    s[1] != '-')
		return KEYC_SEQ_OF((int)c, (int)(unsigned char)s[1]);
	if (c >= 0x80) {
		ucs4_t v;

		if (u8_mbtoucr(&v, (const uint8_t *)s, len) != (int)len)
			return -1;
		return (int)v + meta;
	}
	return -1;
}

const char *
key_name(int key)
{
	static char out[32];
	const char *pre = (key & KEYC_META) ? "M-" : "";
	unsigned k = (unsigned)key & ~(unsigned)KEYC_META;

	if (key & KEYC_SEQ) {
		snprintf(out, sizeof out, "%c%c", (char)((key >> 8) & 0x7F), (char)(key & 0x7F));
		return out;
	}

	for (size_t i = 0; i < sizeof named_keys / sizeof named_keys[0]; i++)
		if ((unsigned)named_keys[i].key == k) {
			snprintf(out, sizeof out, "%s%s", pre, named_keys[i].name);
			return out;
		}
	if (k >= KEYC_CURSES + KEY_F(1) && k <= KEYC_CURSES + KEY_F(12))
		snprintf(out, sizeof out, "%sF%u", pre, k - KEYC_CURSES - KEY_F(0));
	else if (k >= KEYC_CURSES)
		snprintf(out, sizeof out, "%s<%u>", pre, k - KEYC_CURSES);
	else if (k < 0x20)
		snprintf(out, sizeof out, "%sC-%c", pre, (char)(k + 'a' - 1));
	else if (k == 0x7F)
		snprintf(out, sizeof out, "%sC-?", pre);
	else if (k < 0x80)
		snprintf(out, sizeof out, "%s%c", pre, (char)k);
	else {
		uint8_t u[8];
		int n = u8_uctomb(u, k, sizeof u - 1);

		u[n > 0 ? n : 0] = '\0';
		snprintf(out, sizeof out, "%s%s", pre, (const char *)u);
	}
	return out;
}

void
keymap_clear(void)
{
	for (int c = 0; c < CTX_COUNT; c++) {
		free(bindings[c]);
		bindings[c] = NULL;
		nbindings[c] = 0;
	}
}

static void
bind_key(enum keyctx ctx, int key, enum action a)
{
	for (size_t i = 0; i < nbindings[ctx]; i++)
		if (bindings[ctx][i].key == key) {
			bindings[ctx][i].action = a;
			return;
		}
	bindings[ctx] = xreallocarray(bindings[ctx], nbindings[ctx] + 1, sizeof *bindings[ctx]);
	bindings[ctx][nbindings[ctx]].key = key;
	bindings[ctx][nbindings[ctx]++].action = a;
}

static void
unbind_key(enum keyctx ctx, int key)
{
	for (size_t i = 0; i < nbindings[ctx]; i++)
		if (bindings[ctx][i].key == key) {
			bindings[ctx][i] = bindings[ctx][--nbindings[ctx]];
			return;
		}
}

static int
ctx_from_name(const char *s)
{
	for (int c = 0; c < CTX_COUNT; c++)
		if (strcmp(ctx_names[c], s) == 0)
			return c;
	return -1;
}

/* One file; its bad lines, and those of the files it includes, go to err as "FILE:LINE: reason\n". */
static int
load(const char *path, struct buf *err, int depth)
{
	struct conffile *cf = conffile_open(path, CONFFILE_HASH_WORD, NULL);
	struct conffile_line l;
	char *errs = NULL;

	if (cf == NULL)
		return -1;
	while (conffile_next(cf, &l)) {   /* '#' after a blank is a comment; the key '#' itself is written "Hash" */
		char *w[5], *save = NULL, *p;
		int nw = 0, ctx = CTX_GLOBAL, key, act;

		for (p = strtok_r(l.text, " \t\r\n", &save); p != NULL && nw < 5; p = strtok_r(NULL, " \t\r\n", &save))
			w[nw++] = p;
		if (nw == 0)
			continue;
		if (strcmp(w[0], "include") == 0 && nw == 2) {
			char *inc;
			const char *slash = strrchr(path, '/');
			if (strchr(w[1], '/') != NULL)
				inc = xstrdup(w[1]);
			else if (slash != NULL)
				inc = xasprintf("%.*s/%s.keys", (int)(slash - path), path, w[1]);
			else
				inc = xasprintf("%s.keys", w[1]);
			if (depth > 8)
				conffile_error(cf, _("include nested too deeply: %s"), w[1]);
			else if (load(inc, err, depth + 1) != 0)
				conffile_error(cf, _("cannot read the included keymap %s"), inc);
			free(inc);
			continue;
		}
		if ((strcmp(w[0], "bind") != 0 || (nw != 3 && nw != 4)) && (strcmp(w[0], "unbind") != 0 || (nw != 2 && nw != 3))) {
			conffile_error(cf, _("expected \"bind [CONTEXT] KEY ACTION\" or \"unbind [CONTEXT] KEY\", got \"%s\""), w[0]);
			continue;
		}
		if ((w[0][0] == 'b' && nw == 4) || (w[0][0] == 'u' && nw == 3)) {
			if ((ctx = ctx_from_name(w[1])) < 0) {
				conffile_error(cf, _("unknown context: %s (global, index, message, list, received)"), w[1]);
				continue;
			}
			memmove(&w[1], &w[2], sizeof w[0] * (size_t)(nw - 2));
			nw--;
		}
		if ((key = key_parse(w[1])) < 0) {
			conffile_error(cf, _("unknown key: %s"), w[1]);
			continue;
		}
		if (w[0][0] == 'u') {
			unbind_key(ctx, key);
			continue;
		}
		if ((act = action_from_name(w[2])) < 0) {
			conffile_error(cf, _("unknown action: %s"), w[2]);
			continue;
		}
		bind_key(ctx, key, act);
	}
	if (conffile_close(cf, &errs) != 0) {
		buf_adds(err, errs);
		buf_addc(err, '\n');
	}
	free(errs);
	return 0;
}

int
keymap_load(const char *path, char **errors)
{
	struct buf err;
	int rc;

	buf_init(&err);
	rc = load(path, &err, 0);
	*errors = err.len > 0 ? buf_take(&err) : NULL;
	buf_free(&err);
	return rc;
}

enum action
keymap_lookup(enum keyctx ctx, int key)
{
	for (int pass = 0; pass < 2; pass++) {
		enum keyctx c = pass == 0 ? ctx : CTX_GLOBAL;
		for (size_t i = 0; i < nbindings[c]; i++)
			if (bindings[c][i].key == key)
				return bindings[c][i].action;
	}
	return A_NONE;
}

bool
keymap_is_prefix(enum keyctx ctx, int key)
{
	if (key <= ' ' || key >= 0x7F)
		return false;
	for (int pass = 0; pass < 2; pass++) {
		enum keyctx c = pass == 0 ? ctx : CTX_GLOBAL;
		for (size_t i = 0; i < nbindings[c]; i++)
			if ((bindings[c][i].key & KEYC_SEQ) && ((bindings[c][i].key >> 8) & 0x7F) == key &&
			    bindings[c][i].action != A_NONE)
				return true;
	}
	return false;
}

size_t
keymap_keys_for(enum keyctx ctx, enum action a, int *keys, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < nbindings[ctx] && n < max; i++)
		if (bindings[ctx][i].action == a)
			keys[n++] = bindings[ctx][i].key;
	return n;   /* in the order they were bound: the first is the one hints show */
}
