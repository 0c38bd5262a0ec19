/* theme.c — the theme table (after htop's CRT.c colour schemes): defaults for 256, 8 and no colours, user overrides, glyphs. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conffile.h"
#include "i18n.h"
#include "theme.h"
#include "util.h"

struct spec {
	short fg, bg;      /* -1 default, -2 unset */
	attr_t attr;
	bool set;
};

static const char *elem_names[E_COUNT] = {
#define ELEM_NAME(id, name) name,
	THEME_ELEMENTS(ELEM_NAME)
#undef ELEM_NAME
};
static const char *level_names[LV_COUNT] = { "none", "info", "low", "medium", "high", "verified" };
static const char *area_names[AREA_COUNT] = { "body", "panel", "index", "list" };

/* Defaults: [elem] = { 256 colours, 8 colours, monochrome }. */
static const char *elem_defaults[E_COUNT][3] = {
	[E_NORMAL] = { "", "", "" },
	[E_TITLE] = { "white,colour24,bold", "white,blue,bold", "reverse,bold" },
	[E_STATUS] = { "white,colour238", "black,white", "reverse" },
	[E_CURSOR] = { "reverse", "reverse", "reverse" },
	[E_LABEL] = { "bold", "bold", "bold" },
	[E_DIM] = { "colour245", "dim", "dim" },
	[E_MARKER] = { "colour201,reverse", "magenta,reverse", "reverse" },
	[E_LINK] = { "colour75,underline", "blue,underline", "underline" },
	[E_LINK_SELECTED] = { "colour75,reverse", "blue,reverse", "reverse,underline" },
	[E_TAGGED] = { "colour220,bold", "yellow,bold", "bold" },
	[E_ERROR] = { "colour196,bold", "red,bold", "bold,reverse" },
	[E_JUMP] = { "reverse,bold", "reverse,bold", "reverse,bold" },
};
static const char *level_defaults[LV_COUNT][3] = {
	[LV_NONE] = { "", "", "" },
	[LV_INFO] = { "colour44", "cyan", "dim" },
	[LV_LOW] = { "colour176", "magenta", "underline" },
	[LV_MEDIUM] = { "colour214,bold", "yellow,bold", "bold,underline" },
	[LV_HIGH] = { "colour196,bold", "red,bold", "bold,reverse" },
	[LV_VERIFIED] = { "colour40,bold", "green,bold", "bold" },
};

static struct spec user_elem[E_COUNT];
static struct spec user_level[AREA_COUNT + 1][LV_COUNT];   /* [AREA_COUNT]: every area */
static struct style elems[E_COUNT];
static struct style levels[AREA_COUNT][LV_COUNT];
static bool use_utf8 = true, use_colour;
static short npairs;
static short pair_fg[256], pair_bg[256];

static int
colour_parse(const char *w)
{
	static const char *names[] = { "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white" };

	if (strcmp(w, "default") == 0)
		return -1;
	for (int i = 0; i < 8; i++)
		if (strcmp(w, names[i]) == 0)
			return i;
	if ((strncmp(w, "colour", 6) == 0 && w[6] != '\0') || (strncmp(w, "color", 5) == 0 && w[5] != '\0')) {
		const char *d = w + (w[5] == 'r' ? 6 : 5);
		int n = atoi(d);
		if (strspn(d, "0123456789") == strlen(d) && n >= 0 && n < 256)
			return n;
	}
	return -2;
}

/* Parse "red,bold" / "white colour24 reverse". Returns 0 or -1 naming the bad word in *bad. */
static int
spec_parse(const char *s, struct spec *out, const char **bad)
{
	static char word[64];
	int ncol = 0;

	out->fg = out->bg = -2;
	out->attr = A_NORMAL;
	out->set = true;
	while (*s != '\0') {
		size_t n = strcspn(s, ", \t");
		int c;

		if (n == 0) {
			s++;
			continue;
		}
		snprintf(word, sizeof word, "%.*s", (int)n, s);
		s += n;
		ascii_lower(word);
		if (strcmp(word, "bold") == 0)
			out->attr |= A_BOLD;
		else if (strcmp(word, "underline") == 0)
			out->attr |= A_UNDERLINE;
		else if (strcmp(word, "reverse") == 0)
			out->attr |= A_REVERSE;
		else if (strcmp(word, "dim") == 0)
			out->attr |= A_DIM;
		else if (strcmp(word, "italic") == 0)
			out->attr |= A_ITALIC;
		else if (strcmp(word, "standout") == 0)
			out->attr |= A_STANDOUT;
		else if (strcmp(word, "normal") == 0 || strcmp(word, "none") == 0)
			;
		else if ((c = colour_parse(word)) >= -1 && ncol < 2) {
			if (ncol++ == 0)
				out->fg = (short)c;
			else
				out->bg = (short)c;
		} else {
			*bad = word;
			return -1;
		}
	}
	return 0;
}

int
theme_load(const char *path, char **errors)
{
	struct conffile *cf = conffile_open(path, CONFFILE_KV | CONFFILE_HASH_ANYWHERE | CONFFILE_SQUEEZE, NULL);
	struct conffile_line l;

	*errors = NULL;
	if (cf == NULL)
		return -1;
	while (conffile_next(cf, &l)) {
		char *key = l.key, *dot;
		struct spec sp, *dst = NULL;
		const char *bad = NULL;

		dot = strchr(key, '.');
		for (int e = 0; e < E_COUNT && dot == NULL; e++)
			if (strcmp(key, elem_names[e]) == 0)
				dst = &user_elem[e];
		for (int lv = 1; lv < LV_COUNT && dst == NULL; lv++) {
			if (dot == NULL && strcmp(key, level_names[lv]) == 0)
				dst = &user_level[AREA_COUNT][lv];
			for (int a = 0; a < AREA_COUNT && dot != NULL && dst == NULL; a++)
				if (strncmp(key, area_names[a], (size_t)(dot - key)) == 0 &&
				    strlen(area_names[a]) == (size_t)(dot - key) && strcmp(dot + 1, level_names[lv]) == 0)
					dst = &user_level[a][lv];
		}
		if (dst == NULL) {
			conffile_error(cf, _("unknown theme element: %s"), key);
			continue;
		}
		if (spec_parse(l.value, &sp, &bad) != 0) {
			conffile_error(cf, _("not a colour or attribute: %s"), bad);
			continue;
		}
		*dst = sp;
	}
	if (conffile_close(cf, errors) != 0) {
		char *e = xasprintf("%s\n", *errors);   /* callers add these lines as they are */
		free(*errors);
		*errors = e;
	}
	return 0;
}

static short
pair_for(short fg, short bg)
{
	if (fg == -1 && bg == -1)
		return 0;
	for (short i = 1; i <= npairs; i++)
		if (pair_fg[i] == fg && pair_bg[i] == bg)
			return i;
	if (npairs + 1 >= 256 || npairs + 1 >= COLOR_PAIRS)
		return 0;
	npairs++;
	pair_fg[npairs] = fg;
	pair_bg[npairs] = bg;
	init_pair(npairs, fg, bg);
	return npairs;
}

static struct style
resolve(const char *def, const struct spec *u1, const struct spec *u2)
{
	struct spec sp = { -1, -1, A_NORMAL, false };
	const char *bad;
	struct style st;

	spec_parse(def, &sp, &bad);
	for (int i = 0; i < 2; i++) {
		const struct spec *u = i == 0 ? u1 : u2;
		if (u == NULL || !u->set)
			continue;
		sp.attr = u->attr;
		if (u->fg != -2)
			sp.fg = u->fg;
		if (u->bg != -2)
			sp.bg = u->bg;
		if (u->fg == -2 && u->bg == -2)
			sp.fg = sp.bg = -1;
	}
	if (sp.fg == -2)
		sp.fg = -1;
	if (sp.bg == -2)
		sp.bg = -1;
	if (use_colour && (sp.fg >= COLORS || sp.bg >= COLORS))   /* 256-colour spec on a smaller terminal */
		sp.fg = sp.fg >= COLORS ? sp.fg % 8 : sp.fg, sp.bg = sp.bg >= COLORS ? sp.bg % 8 : sp.bg;
	st.attr = sp.attr;
	st.pair = use_colour ? pair_for(sp.fg, sp.bg) : 0;
	return st;
}

void
theme_init(bool colour, bool utf8)
{
	int mode;

	use_utf8 = utf8;
	use_colour = colour && has_colors();
	if (use_colour) {
		start_color();
		use_default_colors();
	}
	mode = !use_colour ? 2 : COLORS >= 256 ? 0 : 1;
	npairs = 0;
	for (int e = 0; e < E_COUNT; e++)
		elems[e] = resolve(elem_defaults[e][mode], &user_elem[e], NULL);
	for (int a = 0; a < AREA_COUNT; a++)
		for (int lv = 0; lv < LV_COUNT; lv++)
			levels[a][lv] = resolve(level_defaults[lv][mode], &user_level[AREA_COUNT][lv], &user_level[a][lv]);
}

struct style
theme_elem(enum elem e)
{
	return elems[e];
}

struct style
theme_level(enum area a, enum level lv)
{
	return levels[a][lv];
}

struct style
theme_over(struct style base, struct style top)
{
	struct style s;

	s.attr = base.attr | top.attr;
	s.pair = top.pair != 0 ? top.pair : base.pair;
	return s;
}

void
theme_apply(struct style s)
{
	attr_set(s.attr, s.pair, NULL);
}

enum level
level_of_severity(enum severity s)
{
	switch (s) {
	case SEV_INFO: return LV_INFO;
	case SEV_LOW: return LV_LOW;
	case SEV_MEDIUM: return LV_MEDIUM;
	default: return LV_HIGH;
	}
}

const char *
theme_glyph_level(enum level lv)
{
	static const char *u[LV_COUNT] = { " ", "i", "~", "!", "\xe2\x9c\x97", "\xe2\x9c\x93" };   /* ✗ ✓ */
	static const char *a[LV_COUNT] = { " ", "i", "~", "!", "X", "v" };

	return use_utf8 ? u[lv] : a[lv];
}

const char *
theme_glyph_verdict(int verdict, bool verified, bool pending, bool error)
{
	if (error)
		return use_utf8 ? "\xe2\x9c\x97" : "x";        /* ✗ */
	if (pending)
		return use_utf8 ? "\xe2\x80\xa6" : ".";        /* … */
	if (verdict == VERDICT_PHISHING)
		return use_utf8 ? "\xe2\x97\x8f" : "#";        /* ● */
	if (verdict == VERDICT_SUSPICIOUS)
		return use_utf8 ? "\xe2\x96\xb2" : "!";        /* ▲ */
	if (verified)
		return use_utf8 ? "\xe2\x9c\x93" : "v";        /* ✓ */
	return use_utf8 ? "\xe2\x97\x8b" : "o";            /* ○ */
}

const char *
theme_glyph_vline(void)
{
	return use_utf8 ? "\xe2\x94\x82" : "|";
}

const char *
theme_glyph_hline(void)
{
	return use_utf8 ? "\xe2\x94\x80" : "-";
}

const char *
theme_glyph_ellipsis(void)
{
	return use_utf8 ? "\xe2\x80\xa6" : "~";
}
