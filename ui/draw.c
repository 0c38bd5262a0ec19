/* draw.c — text to the screen only through the sanitiser, measured with wcwidth so CJK columns line up. */
#include "config.h"

#include <stdbool.h>

#include <curses.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "normtext.h"
#include "sanitize.h"
#include "util.h"

static unsigned flags;

void
draw_init(bool utf8)
{
	flags = utf8 ? 0 : SAN_ASCII;
}

unsigned
draw_flags(void)
{
	return flags;
}

/* While set, drawing appends the text to this buffer instead of the screen (draw_capture). */
static struct buf *capture;

void
draw_capture(struct buf *b)
{
	capture = b;
}

/* The search in force in a list view, folded as the brand matcher folds (draw_highlight), or NULL. */
static char *highlight;

void
draw_highlight(const char *needle)
{
	free(highlight);
	highlight = needle != NULL && *needle != '\0' ? normtext_fold_str(needle, true) : NULL;
	if (highlight != NULL && *highlight == '\0') {
		free(highlight);
		highlight = NULL;
	}
}

/* MARK_JUMP on the bytes of s where the highlighted search matches (folded), or NULL when it does not. */
static unsigned char *
highlight_marks(const char *s, size_t len)
{
	struct normtext n;
	unsigned char *m = NULL;
	size_t hl = strlen(highlight);

	normtext_fold(s, len, true, &n);
	for (size_t p = 0; p + hl <= n.len; p++) {
		if (memcmp(n.s + p, highlight, hl) != 0)
			continue;
		if (m == NULL)
			m = xcalloc(len + 1, 1);
		for (size_t k = n.orig[p]; k < n.orig_end[p + hl - 1] && k < len; k++)
			m[k] |= MARK_JUMP;
		p += hl - 1;
	}
	normtext_free(&n);
	return m;
}

static int
draw_cells(int y, int x, int w, const char *s, size_t len, struct style st, const unsigned char *marks, enum area a)
{
	struct san_cell c;
	int col = 0;
	unsigned char last = 0xFF;
	struct style cur = st;
	unsigned char *own = NULL;

	if (w <= 0 || s == NULL)
		return 0;
	if (capture != NULL) {   /* the words a search looks at, not the screen */
		buf_add(capture, s, len);
		buf_addc(capture, ' ');
		return draw_width(s, len) < w ? draw_width(s, len) : w;
	}
	if (highlight != NULL && marks == NULL && len > 0 && (own = highlight_marks(s, len)) != NULL)
		marks = own;
	move(y, x);
	theme_apply(st);
	for (size_t pos = 0; pos < len; pos += c.len) {
		struct style want = st;

		sanitize_next(s, len, pos, flags | SAN_TAB, &c);
		if (c.text[0] == L'\t') {
			int to = (col / 8 + 1) * 8;
			if (to > w)
				to = w;
			theme_apply(st);
			while (col < to) {
				addch(' ');
				col++;
			}
			last = 0xFF;
			if (col >= w)
				break;
			continue;
		}
		if (col + c.width > w) {
			while (col < w) {   /* a wide character at the edge: pad */
				theme_apply(st);
				addch(' ');
				col++;
			}
			break;
		}
		if (marks != NULL) {
			unsigned char m = marks[pos];
			if (m != last || c.kind != SAN_TEXT) {
				if (m & MARK_HIDDEN)
					want = theme_over(want, theme_elem(E_DIM));
				if (m & MARK_LINK)
					want = theme_over(want, theme_elem(E_LINK));
				if (m & MARK_LEVEL)
					want = theme_over(want, theme_level(a, m & MARK_LEVEL));
				if (m & MARK_LINK_SEL)
					want = theme_over(want, theme_elem(E_LINK_SELECTED));
				if ((m & MARK_JUMP) && (st.attr & A_REVERSE)) {
					/* on a reversed row (the cursor's) the match is turned back and underlined */
					want = theme_over(want, theme_elem(E_JUMP));
					want.attr = (want.attr & ~A_REVERSE) | A_UNDERLINE;
				} else if (m & MARK_JUMP)
					want = theme_over(want, theme_elem(E_JUMP));
				last = m;
				cur = want;
			} else
				want = cur;
		}
		if (c.kind != SAN_TEXT) {
			want = theme_over(want, theme_elem(E_MARKER));
			last = 0xFF;
		}
		theme_apply(want);
		addnwstr(c.text, -1);
		col += c.width;
	}
	theme_apply(theme_elem(E_NORMAL));
	free(own);
	return col;
}

int
draw_text(int y, int x, int w, const char *s, size_t len, struct style st)
{
	return draw_cells(y, x, w, s, len, st, NULL, AREA_BODY);
}

int
draw_str(int y, int x, int w, const char *s, struct style st)
{
	return s != NULL ? draw_cells(y, x, w, s, strlen(s), st, NULL, AREA_BODY) : 0;
}

int
draw_marked(int y, int x, int w, const char *s, size_t len, struct style st, const unsigned char *marks, enum area a)
{
	return draw_cells(y, x, w, s, len, st, marks, a);
}

void
draw_fill(int y, int x, int w, struct style st)
{
	if (w <= 0 || capture != NULL)
		return;
	theme_apply(st);
	mvhline(y, x, ' ', w);
	theme_apply(theme_elem(E_NORMAL));
}

int
draw_width(const char *s, size_t len)
{
	return sanitize_width(s, len, flags);
}

size_t
draw_wrap(const char *s, size_t len, size_t pos, int w, size_t *next)
{
	return draw_wrap_keep(s, len, pos, w, next, NULL, 0);
}

/* Is byte p inside one of the n kept spans? */
static bool
kept(const size_t (*keep)[2], size_t n, size_t p)
{
	for (size_t i = 0; i < n; i++)
		if (p >= keep[i][0] && p < keep[i][1])
			return true;
	return false;
}

size_t
draw_wrap_keep(const char *s, size_t len, size_t pos, int w, size_t *next, const size_t (*keep)[2], size_t nkeep)
{
	struct san_cell c;
	int col = 0;
	size_t p = pos, space = (size_t)-1;
	int space_col = 0;

	if (w < 1)
		w = 1;
	while (p < len) {
		if (s[p] == '\n') {
			*next = p + 1;
			return p;
		}
		sanitize_next(s, len, p, flags | SAN_TAB, &c);
		int cw = c.text[0] == L'\t' ? (col / 8 + 1) * 8 - col : c.width;
		if (col + cw > w && p > pos) {
			if (space != (size_t)-1 && space_col > w / 2) {
				*next = space + 1;
				return space + 1;
			}
			*next = p;
			return p;
		}
		/* a break after a space; with kept spans, also after a '.' outside them */
		if (s[p] == ' ' || (keep != NULL && s[p] == '.' && !kept(keep, nkeep, p))) {
			space = p;
			space_col = col;
		}
		col += cw;
		p += c.len;
	}
	*next = len;
	return len;
}
