/* list.c — the list behind the findings, received, headers, links, MIME, folders and help views. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"

#include "draw.h"
#include "list.h"
#include "normtext.h"
#include "tui.h"
#include "view.h"
#include "util.h"

void
list_draw(struct view *v, struct list *l, int y0, int h, list_item_fn fn)
{
	int used = 0;

	if (l->n == 0)
		return;
	if (l->cursor >= l->n)
		l->cursor = l->n - 1;
	if (l->scroll_only) {
		l->top = l->cursor;
	} else {
		if (l->cursor < l->top)
			l->top = l->cursor;
		/* move top down until the cursor's item fits */
		for (;;) {
			int rows = 0;
			for (size_t i = l->top; i <= l->cursor; i++)
				rows += fn(v, i, 0, v->x, v->w, h, false, true);
			if (rows <= h || l->top == l->cursor)
				break;
			l->top++;
		}
	}
	draw_highlight(l->search);   /* the search in force shows where it matches */
	for (size_t i = l->top; i < l->n && used < h; i++)
		used += fn(v, i, y0 + used, v->x, v->w, h - used, !l->scroll_only && i == l->cursor, false);
	draw_highlight(NULL);
}

int
list_key(struct list *l, enum action a, int page)
{
	long c = (long)l->cursor;

	switch (a) {
	case A_LINE_DOWN: c++; break;
	case A_LINE_UP: c--; break;
	case A_PAGE_DOWN: c += page; break;
	case A_PAGE_UP: c -= page; break;
	case A_HALF_DOWN: c += page / 2; break;
	case A_HALF_UP: c -= page / 2; break;
	case A_FIRST: c = 0; break;
	case A_LAST: c = (long)l->n - 1; break;
	default:
		return REACT_UNHANDLED;
	}
	if (c >= (long)l->n)
		c = (long)l->n - 1;
	if (c < 0)
		c = 0;
	l->cursor = (size_t)c;
	return REACT_REDRAW;
}

int
list_text(int y, int x, int w, int maxrows, int indent, const char *s, struct style st, bool dry)
{
	size_t len = s != NULL ? strlen(s) : 0, pos = 0;
	int rows = 0;

	if (len == 0)
		return 0;
	while (pos < len && rows < maxrows) {
		int in = rows > 0 ? indent : 0;
		size_t next, e = draw_wrap(s, len, pos, w - in, &next);
		if (!dry)
			draw_text(y + rows, x + in, w - in, s + pos, e - pos, st);
		rows++;
		if (next <= pos)
			break;
		pos = next;
	}
	return rows;
}

void
list_done(struct list *l)
{
	free(l->search);
	l->search = NULL;
}

/* Does item i, as fn draws it, hold needle? */
static bool
item_has(struct view *v, list_item_fn fn, size_t i, const char *needle)
{
	struct buf b;
	bool r;

	buf_init(&b);
	buf_adds(&b, "");
	draw_capture(&b);
	fn(v, i, 0, 0, 100000, 100000, false, false);
	draw_capture(NULL);
	{   /* folded as the brand matcher folds: "ＡＭＡＺＯＮ" finds "Amazon" */
		char *hay = normtext_fold_str(b.s, true), *nf = normtext_fold_str(needle, true);
		r = *nf != '\0' && strstr(hay, nf) != NULL;
		free(hay);
		free(nf);
	}
	buf_free(&b);
	return r;
}

static int
search_step(struct view *v, struct list *l, list_item_fn fn, int dir)
{
	for (size_t k = 1; k <= l->n; k++) {
		size_t i = dir > 0 ? (l->cursor + k) % l->n : (l->cursor + l->n - k % l->n) % l->n;

		if (item_has(v, fn, i, l->search)) {
			bool wrapped = dir > 0 ? i <= l->cursor : i >= l->cursor;

			l->cursor = i;
			if (l->scroll_only)
				l->top = i;
			if (wrapped)
				tui_message(v->t, false, "%s", dir > 0 ? _("search wrapped to the top") : _("search wrapped to the bottom"));
			return REACT_REDRAW;
		}
	}
	tui_message(v->t, true, _("not found: %s"), l->search);
	return REACT_REDRAW;
}

int
list_search_key(struct view *v, struct list *l, list_item_fn fn, enum action a)
{
	char *q;

	switch (a) {
	case A_SEARCH:
		if ((q = tui_prompt(v->t, _("Search for: "), NULL)) == NULL)
			return REACT_REDRAW;
		list_done(l);
		if (*q == '\0' || l->n == 0) {   /* an empty search ends the search */
			free(q);
			return REACT_REDRAW;
		}
		l->search = q;
		/* from the item under the cursor itself */
		if (item_has(v, fn, l->cursor, q))
			return REACT_REDRAW;
		return search_step(v, l, fn, 1);
	case A_NEXT_MESSAGE:
	case A_TOGGLE_SEEN:
		if (l->search == NULL || l->n == 0)
			return REACT_UNHANDLED;
		return search_step(v, l, fn, a == A_NEXT_MESSAGE ? 1 : -1);
	default:
		return REACT_UNHANDLED;
	}
}
