/* draw.h — every string the UI shows goes through these: the sanitiser, display widths, clipping, wrapping. */
#ifndef KENSA_UI_DRAW_H
#define KENSA_UI_DRAW_H

#include <stdbool.h>
#include <stddef.h>

#include "theme.h"

/* Per-byte marks for draw_marked: the level (low 3 bits) and flags. */
#define MARK_LEVEL    0x07
#define MARK_LINK     0x08
#define MARK_LINK_SEL 0x10
#define MARK_JUMP     0x20
#define MARK_HIDDEN   0x40   /* text the message's CSS hides from its reader */

/* Set the sanitiser flags for this terminal (ASCII when the locale is not UTF-8). */
void draw_init(bool utf8);
unsigned draw_flags(void);

/* Draw s[0..len) at (y, x) within w columns in style st; tabs expand to 8. Returns the columns used. */
int draw_text(int y, int x, int w, const char *s, size_t len, struct style st);
int draw_str(int y, int x, int w, const char *s, struct style st);
/* The same, colouring each byte by marks[i] (levels in area a). */
int draw_marked(int y, int x, int w, const char *s, size_t len, struct style st,
    const unsigned char *marks, enum area a);
/* Spaces from (y, x) for w columns. */
void draw_fill(int y, int x, int w, struct style st);
/* Columns s takes once sanitised. */
int draw_width(const char *s, size_t len);
struct buf;
/* With b, the draw_* text functions append their text to b instead of drawing (a list item's words for search); NULL: draw again. */
void draw_capture(struct buf *b);
/*
 * Wrap: the end of the display line starting at pos that fits in w columns
 * (stopping at '\n'); *next is where the following line starts. Breaks after a
 * space when one is in the second half of the line.
 */
size_t draw_wrap(const char *s, size_t len, size_t pos, int w, size_t *next);
/*
 * draw_wrap() that may also break after a '.', but not after one inside the
 * nkeep byte spans keep[i][0] <= p < keep[i][1] (a registrable domain kept
 * whole: "amazon.co.jp." / "verify-secure.top", unless it alone passes w);
 * keep NULL: as draw_wrap().
 */
size_t draw_wrap_keep(const char *s, size_t len, size_t pos, int w, size_t *next, const size_t (*keep)[2], size_t nkeep);

/*
 * While set (a list view's search), every string drawn without marks of its
 * own shows where needle matches it, folded as the brand matcher folds, in
 * the search match's style; NULL ends it.
 */
void draw_highlight(const char *needle);

#endif
