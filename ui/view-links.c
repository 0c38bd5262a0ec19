/* view-links.c — every link: visible text, real target (defanged), domain facts, and the findings raised on it. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "draw.h"
#include "evidence.h"
#include "i18n.h"
#include "list.h"
#include "tui.h"
#include "view.h"
#include "util.h"

struct lview {
	struct list l;
	struct report *r;
	struct ui_link *links;
	size_t nlinks;
};

static int
block(int y, int x, int w, int maxrows, int indent, const char *s, struct style st, struct style base, bool dry)
{
	int n = list_text(y, x, w, maxrows, indent, s, st, true);

	if (!dry) {
		for (int k = 0; k < n; k++)
			draw_fill(y + k, x - 4 > 0 ? x - 4 : x, w + 4, base);
		list_text(y, x, w, maxrows, indent, s, st, false);
	}
	return n;
}

static int
item(struct view *v, size_t i, int y, int x, int w, int maxrows, bool cur, bool dry)
{
	struct lview *lv = v->data;
	const struct ui_link *l = &lv->links[i];
	char *where = xasprintf("link[%d]", l->number), *s;
	enum level level = ui_where_level(lv->r, where, false);
	struct style base = cur ? theme_elem(E_CURSOR) : theme_elem(E_NORMAL);
	struct style st = level != LV_NONE ? theme_over(base, theme_level(AREA_LIST, level)) : base;
	int rows = 0;

	s = xasprintf("[%d] %s %s", l->number, theme_glyph_level(level), l->defanged);
	if (!dry)
		draw_fill(y, x, w, base);
	rows += list_text(y, x, w, maxrows, 6, s, theme_over(st, theme_elem(E_LINK)), dry);
	free(s);
	/* a rewritten link: "via Safe Links → real target" */
	if (l->via != NULL && rows < maxrows) {
		s = xasprintf("%s %s \u2192 %s", _("via"), l->via, l->real != NULL ? l->real :
		    l->opaque ? _("(target hidden by the gateway)") :
		    l->tracked ? _("(target kept by the mailing service)") : "-");
		rows += block(y + rows, x + 4, w - 4, maxrows - rows, 2, s, theme_over(base, theme_elem(E_LINK)), base, dry);
		free(s);
	}
	if (rows < maxrows) {
		s = xasprintf("%s: %s", _("text"), l->text != NULL && *l->text ? l->text : _("(the URL itself)"));
		rows += block(y + rows, x + 4, w - 4, maxrows - rows, 2, s, base, base, dry);
		free(s);
	}
	if (rows < maxrows) {
		s = xasprintf("%s: %s  %s: %s  %s: %s", _("host"), l->host != NULL ? l->host : "-", _("domain"),
		    l->org_domain != NULL ? l->org_domain : "-", _("source"), l->source != NULL ? l->source : "-");
		rows += block(y + rows, x + 4, w - 4, maxrows - rows, 2, s, theme_over(base, theme_elem(E_DIM)), base, dry);
		free(s);
	}
	for (size_t k = 0; k < lv->r->findings.n && rows < maxrows; k++) {
		const struct finding *f = &lv->r->findings.v[k];
		if (f->where == NULL || strcmp(f->where, where) != 0)
			continue;
		s = xasprintf("%s %s: %s%s%s", theme_glyph_level(level_of_severity(f->severity)), finding_name(f->id),
		    finding_title(f->id), f->evidence != NULL ? " - " : "", f->evidence != NULL ? f->evidence : "");
		rows += block(y + rows, x + 4, w - 4, maxrows - rows, 2, s,
		    theme_over(base, theme_level(AREA_LIST, level_of_severity(f->severity))), base, dry);
		free(s);
	}
	free(where);
	return rows;
}

static void
l_init(struct view *v, void *arg)
{
	struct lview *lv = xcalloc(1, sizeof *lv);

	v->data = lv;
	lv->r = tui_report(v->t);
	if (lv->r == NULL)
		return;
	lv->nlinks = ui_links(lv->r, &lv->links);
	lv->l.n = lv->nlinks;
	if (arg != NULL)
		for (size_t i = 0; i < lv->nlinks; i++)
			if (lv->links[i].number == *(int *)arg)
				lv->l.cursor = i;
}

static void
l_free(struct view *v)
{
	struct lview *lv = v->data;

	list_done(&lv->l);
	ui_links_free(lv->links, lv->nlinks);
	free(lv);
}

static void
l_resize(struct view *v)
{
}

static int
l_key(struct view *v, enum action a)
{
	struct lview *lv = v->data;
	int sr = list_search_key(v, &lv->l, item, a);

	if (sr != REACT_UNHANDLED)   /* /, and n N while a search is active */
		return sr;

	if (lv->nlinks > 0 && a == A_COPY_DEFANGED_URL) {
		ui_osc52(lv->links[lv->l.cursor].defanged);
		tui_message(v->t, false, _("sent to the terminal's clipboard (OSC 52): %s"), lv->links[lv->l.cursor].defanged);
		return REACT_REDRAW;
	}
	if (lv->nlinks > 0 && a == A_SELECT) {
		const struct ui_link *l = &lv->links[lv->l.cursor];
		struct jump j = { l->start, l->end, l->number };
		tui_push(v->t, &view_message_ops, &j);
		return REACT_REDRAW;
	}
	return list_key(&lv->l, a, v->h - 2);
}

static void
l_draw(struct view *v)
{
	struct lview *lv = v->data;
	char *title, *hints;

	if (lv->r == NULL)
		return;
	title = xasprintf("%s (%zu)", _("Links: visible text, real target (defanged), domain"), lv->nlinks);
	tui_title(v, title);
	free(title);
	if (lv->nlinks == 0)
		draw_str(v->y + 2, v->x + 2, v->w - 4, _("No links."), theme_elem(E_DIM));
	list_draw(v, &lv->l, v->y + 1, v->h - 1, item);
	hints = tui_hints(CTX_LIST);
	free(v->status);
	v->status = xasprintf("%zu/%zu  %s", lv->nlinks > 0 ? lv->l.cursor + 1 : 0, lv->nlinks, hints);
	free(hints);
}

const struct view_ops view_links_ops = {
	"links", CTX_LIST, l_init, l_free, l_resize, l_key, l_draw, NULL,
};
