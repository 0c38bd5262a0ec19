/* view-mime.c — the MIME tree: part types, names, sizes, charsets; the displayed body and risky attachments marked. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "draw.h"
#include "evidence.h"
#include "i18n.h"
#include "list.h"
#include "message.h"
#include "tui.h"
#include "view.h"
#include "util.h"

struct mview {
	struct list l;
	struct report *r;
	bool *open;      /* parts whose details (full hash) are shown: Enter toggles */
};

static int
item(struct view *v, size_t i, int y, int x, int w, int maxrows, bool cur, bool dry)
{
	struct mview *mv = v->data;
	const struct mime_part *p = &mv->r->msg->parts[i];
	struct style base = cur ? theme_elem(E_CURSOR) : theme_elem(E_NORMAL);
	enum level lv = LV_NONE;
	struct buf b;
	char *s;
	int n;

	if (p->is_attachment) {   /* attachment[k]: the k-th attachment part */
		int k = 0;
		for (size_t j = 0; j <= i; j++)
			k += mv->r->msg->parts[j].is_attachment;
		s = xasprintf("attachment[%d]", k);
		lv = ui_where_level(mv->r, s, false);
		free(s);
	}
	buf_init(&b);
	for (int d = 0; d < p->depth; d++)
		buf_adds(&b, "  ");
	buf_addf(&b, "%s %s", theme_glyph_level(lv), p->content_type != NULL ? p->content_type : "?");
	if (p->charset != NULL)
		buf_addf(&b, "  charset=%s", p->charset);
	if (p->filename != NULL)
		buf_addf(&b, "  \"%s\"", p->filename);
	if (p->disposition != NULL)
		buf_addf(&b, "  %s", p->disposition);
	if (p->size > 0)
		buf_addf(&b, "  %zu %s", p->size, _("bytes"));
	if (p->is_body)
		buf_addf(&b, "  [%s]", _("shown as the body"));
	if (p->sha256[0] != '\0') {
		if (mv->open != NULL && mv->open[i])   /* the details, each on its line */
			buf_addf(&b, "\n%s %s", "SHA-256", p->sha256);
		else
			buf_addf(&b, "  sha256 %.12s%s", p->sha256, theme_glyph_ellipsis());
	}
	s = buf_take(&b);
	n = list_text(y, x, w, maxrows, 4 + 2 * p->depth, s, base, true);
	if (!dry) {
		for (int k = 0; k < n; k++)
			draw_fill(y + k, x, w, base);
		list_text(y, x, w, maxrows, 4 + 2 * p->depth, s, lv != LV_NONE ? theme_over(base, theme_level(AREA_LIST, lv)) : base, false);
	}
	free(s);
	return n;
}

static void
m_init(struct view *v, void *arg)
{
	struct mview *mv = xcalloc(1, sizeof *mv);

	v->data = mv;
	mv->r = tui_report(v->t);
	mv->l.n = mv->r != NULL ? mv->r->msg->nparts : 0;
	mv->open = xcalloc(mv->l.n > 0 ? mv->l.n : 1, sizeof *mv->open);
	if (arg != NULL && *(int *)arg >= 0 && (size_t)*(int *)arg < mv->l.n)
		mv->l.cursor = (size_t)*(int *)arg;
}

static void
m_free(struct view *v)
{
	struct mview *mv = v->data;

	list_done(&mv->l);
	free(mv->open);
	free(mv);
}

static void
m_resize(struct view *v)
{
}

static int
m_key(struct view *v, enum action a)
{
	struct mview *mv = v->data;
	int sr = list_search_key(v, &mv->l, item, a);

	if (sr != REACT_UNHANDLED)   /* /, and n N while a search is active */
		return sr;

	if (a == A_SELECT) {   /* Enter: a part's full hash, or back to one line */
		if (mv->l.n > 0 && mv->r->msg->parts[mv->l.cursor].sha256[0] != '\0') {
			mv->open[mv->l.cursor] = !mv->open[mv->l.cursor];
			return REACT_REDRAW;
		}
		return REACT_NONE;
	}
	return list_key(&mv->l, a, v->h - 2);
}

static void
m_draw(struct view *v)
{
	struct mview *mv = v->data;
	char *title, *hints;

	if (mv->r == NULL)
		return;
	title = xasprintf("%s (%zu)  %s %zu %s", _("MIME tree"), mv->l.n, _("message"), mv->r->msg->size, _("bytes"));
	tui_title(v, title);
	free(title);
	list_draw(v, &mv->l, v->y + 1, v->h - 1, item);
	hints = tui_hints(CTX_LIST);
	free(v->status);
	v->status = xasprintf("%zu/%zu  %s", mv->l.n > 0 ? mv->l.cursor + 1 : 0, mv->l.n, hints);
	free(hints);
}

const struct view_ops view_mime_ops = {
	"mime", CTX_LIST, m_init, m_free, m_resize, m_key, m_draw, NULL,
};
