/* theme.h — the colour theme: one table of elements and of areas x severity levels, user-overridable, with glyphs so nothing depends on colour alone. */
#ifndef KENSA_UI_THEME_H
#define KENSA_UI_THEME_H

#include <stdbool.h>
#include <curses.h>

#include "analyze.h"

/* Screen elements (X-macro): id, name in the theme file. */
#define THEME_ELEMENTS(X) \
	X(NORMAL, "normal") X(TITLE, "title") X(STATUS, "status") X(CURSOR, "cursor") \
	X(LABEL, "label") X(DIM, "dim") X(MARKER, "marker") X(LINK, "link") \
	X(LINK_SELECTED, "link-selected") X(TAGGED, "tagged") X(ERROR, "error") X(JUMP, "jump")

enum elem {
#define ELEM_ENUM(id, name) E_##id,
	THEME_ELEMENTS(ELEM_ENUM)
#undef ELEM_ENUM
	E_COUNT
};

/* Severity levels as shown: the four finding severities plus "verified" (green). */
enum level { LV_NONE = 0, LV_INFO, LV_LOW, LV_MEDIUM, LV_HIGH, LV_VERIFIED, LV_COUNT };
/* Where a level is shown; "high = ..." sets every area, "body.high = ..." one. */
enum area { AREA_BODY = 0, AREA_PANEL, AREA_INDEX, AREA_LIST, AREA_COUNT };

struct style {
	attr_t attr;
	short pair;
};

/*
 * Read "key = value" overrides ("high = red,bold", "panel.medium = colour214",
 * "cursor = reverse"). Values: up to two colours (foreground, background;
 * default black red green yellow blue magenta cyan white, colourN or colorN)
 * and attributes (bold underline reverse dim italic standout normal).
 * Bad lines go to *errors as "FILE:LINE: reason\n". Returns -1 if unreadable.
 * Call before theme_init.
 */
int theme_load(const char *path, char **errors);
/* Resolve the table for this terminal: colours (256 or 8) unless !colour, then glyphs for utf8 or ASCII. */
void theme_init(bool colour, bool utf8);

struct style theme_elem(enum elem e);
struct style theme_level(enum area a, enum level lv);
/* Combine: the level's style over a base style (colour from the level when it has one). */
struct style theme_over(struct style base, struct style top);
void theme_apply(struct style s);   /* attr_set on stdscr */

enum level level_of_severity(enum severity s);
/* One-column glyphs: a level ("✗" "!" "~" "i" "✓"), a verdict of the index. */
const char *theme_glyph_level(enum level lv);
const char *theme_glyph_verdict(int verdict, bool verified, bool pending, bool error);
/* Drawing characters: vertical and horizontal rule. */
const char *theme_glyph_vline(void);
const char *theme_glyph_hline(void);
const char *theme_glyph_ellipsis(void);

#endif
