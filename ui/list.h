/* list.h — a scrolling list of items of varying height, shared by the drill-down views. */
#ifndef KENSA_UI_LIST_H
#define KENSA_UI_LIST_H

#include <stdbool.h>
#include <stddef.h>

#include "keymap.h"
#include "theme.h"

struct view;

struct list {
	size_t n, cursor, top;
	bool scroll_only;      /* no cursor: the list scrolls by line (help) */
	char *search;          /* the text searched for with /, or NULL (list_done frees it) */
};

/* Draw item i at row y within w columns and at most maxrows rows (nothing when dry); returns the rows it takes. */
typedef int (*list_item_fn)(struct view *v, size_t i, int y, int x, int w, int maxrows, bool cursor, bool dry);

/* Draw the items in rows y0..y0+h-1, keeping the cursor visible. */
void list_draw(struct view *v, struct list *l, int y0, int h, list_item_fn fn);
/* Movement actions; REACT_REDRAW when handled, else REACT_UNHANDLED. */
int list_key(struct list *l, enum action a, int page);

/*
 * Search in a list view: / asks for a text and moves to the next item whose
 * words (as drawn by fn) hold it, ASCII case folded; while a search is
 * active n (next-message) and N (toggle-seen) go to the next and previous
 * match, wrapping round (said). REACT_UNHANDLED for any other action, and
 * for n and N with no search, so that they keep their bindings.
 */
int list_search_key(struct view *v, struct list *l, list_item_fn fn, enum action a);
/* Free what the list holds (the search). */
void list_done(struct list *l);

/* Wrapped text from (y, x) in w columns, at most maxrows rows, indent for the continuation rows; returns rows. */
int list_text(int y, int x, int w, int maxrows, int indent, const char *s, struct style st, bool dry);

#endif
