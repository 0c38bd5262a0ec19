/* view-folders.c — the Maildir++ folders with their message and unseen counts; Enter opens one. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "i18n.h"
#include "list.h"
#include "store.h"
#include "tui.h"
#include "view.h"
#include "util.h"

struct dview {
	struct list l;
	struct folder_info *v;
	size_t n;
};

static int
item(struct view *v, size_t i, int y, int x, int w, int maxrows, bool cur, bool dry)
{
	struct dview *dv = v->data;
	const struct folder_info *f = &dv->v[i];
	struct style base = cur ? theme_elem(E_CURSOR) : theme_elem(E_NORMAL);
	bool here = strcmp(f->name, store_folder(tui_store(v->t))) == 0;
	char *s;

	if (dry)
		return 1;
	draw_fill(y, x, w, base);
	s = xasprintf("%s %-24s %7zu %s  %7zu %s", here ? ">" : " ", *f->name ? f->name : _("(inbox)"), f->total,
	    _("messages"), f->unseen, _("unseen"));
	draw_str(y, x, w, s, here ? theme_over(base, theme_elem(E_LABEL)) : base);
	free(s);
	return 1;
}

static void
d_init(struct view *v, void *arg)
{
	struct dview *dv = xcalloc(1, sizeof *dv);

	v->data = dv;
	dv->n = store_list_folders(store_root(tui_store(v->t)), &dv->v);
	dv->l.n = dv->n;
	for (size_t i = 0; i < dv->n; i++)
		if (strcmp(dv->v[i].name, store_folder(tui_store(v->t))) == 0)
			dv->l.cursor = i;
}

static void
d_free(struct view *v)
{
	struct dview *dv = v->data;

	store_free_folders(dv->v, dv->n);
	free(dv);
}

static void
d_resize(struct view *v)
{
}

static int
d_key(struct view *v, enum action a)
{
	struct dview *dv = v->data;

	if (a == A_SELECT && dv->n > 0) {
		char *name = xstrdup(dv->v[dv->l.cursor].name);
		tui_open_folder(v->t, name);   /* replaces every view, this one too */
		free(name);
		return REACT_RELAYOUT;
	}
	return list_key(&dv->l, a, v->h - 2);
}

static void
d_draw(struct view *v)
{
	struct dview *dv = v->data;
	char *title = xasprintf("%s  %s", _("Folders"), store_root(tui_store(v->t))), *hints;

	tui_title(v, title);
	free(title);
	list_draw(v, &dv->l, v->y + 1, v->h - 1, item);
	hints = tui_hints(CTX_LIST);
	free(v->status);
	v->status = xasprintf("%s:%s  %s", tui_key_for(CTX_LIST, A_SELECT), _("open"), hints);
	free(hints);
}

const struct view_ops view_folders_ops = {
	"folders", CTX_LIST, d_init, d_free, d_resize, d_key, d_draw, NULL,
};
