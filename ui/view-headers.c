/* view-headers.c — every header as written and, beside it, as decoded; fields with findings coloured. */
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

struct hview {
	struct list l;
	struct report *r;
	int *occ;        /* occurrence number of each header among those of its name, from 1 */
};

static enum level
header_level(struct hview *hv, size_t i)
{
	const struct header *h = &hv->r->msg->headers[i];
	char *w = xasprintf("header:%s", h->name), *wn = xasprintf("header:%s[%d]", h->name, hv->occ[i]);
	enum level lv = ui_worse(hv->occ[i] == 1 ? ui_where_level(hv->r, w, false) : LV_NONE, ui_where_level(hv->r, wn, false));

	free(w);
	free(wn);
	return lv;
}

static int
item(struct view *v, size_t i, int y, int x, int w, int maxrows, bool cur, bool dry)
{
	struct hview *hv = v->data;
	const struct header *h = &hv->r->msg->headers[i];
	struct style base = cur ? theme_elem(E_CURSOR) : theme_elem(E_NORMAL);
	enum level lv = header_level(hv, i);
	struct style st = lv != LV_NONE ? theme_over(base, theme_level(AREA_LIST, lv)) : base;
	char *raw = xasprintf("%s:%s%s", h->name, h->lead, h->raw != NULL ? h->raw : ""), *p;
	int rows = 0;
	bool differs;

	/* the raw value, each folded line as written (CR dropped: it would only show as a control picture) */
	for (p = raw; *p; p++)
		if (*p == '\r')
			memmove(p, p + 1, strlen(p));
	{
		char *sq = xstrdup(h->raw != NULL ? h->raw : "");
		str_squeeze_space(sq);
		differs = h->value != NULL && strcmp(sq, h->value) != 0;
		free(sq);
	}
	{
		int n = list_text(y, x, w, maxrows, 4, raw, st, true);
		if (!dry) {
			for (int k = 0; k < n; k++)
				draw_fill(y + k, x, w, base);
			list_text(y, x, w, maxrows, 4, raw, st, false);
		}
		rows += n;
	}
	free(raw);
	if (differs && rows < maxrows) {
		char *dec = xasprintf("= %s", h->value);
		struct style ds = theme_over(base, theme_elem(E_LINK));
		int n = list_text(y + rows, x + 4, w - 4, maxrows - rows, 2, dec, ds, true);
		if (!dry) {
			for (int k = 0; k < n; k++)
				draw_fill(y + rows + k, x, w, base);
			list_text(y + rows, x + 4, w - 4, maxrows - rows, 2, dec, ds, false);
		}
		rows += n;
		free(dec);
	}
	return rows;
}

static void
h_init(struct view *v, void *arg)
{
	struct hview *hv = xcalloc(1, sizeof *hv);
	const char *want = arg;
	char name[256] = "";
	int nth = 1;

	v->data = hv;
	hv->r = tui_report(v->t);
	if (hv->r == NULL)
		return;
	hv->l.n = hv->r->msg->nheaders;
	hv->occ = xcalloc(hv->l.n + 1, sizeof *hv->occ);
	for (size_t i = 0; i < hv->l.n; i++) {
		int k = 1;
		for (size_t j = 0; j < i; j++)
			if (ascii_strcasecmp(hv->r->msg->headers[j].name, hv->r->msg->headers[i].name) == 0)
				k++;
		hv->occ[i] = k;
	}
	if (want != NULL && sscanf(want, "header:%255[^[][%d]", name, &nth) >= 1)
		for (size_t i = 0; i < hv->l.n; i++)
			if (ascii_strcasecmp(hv->r->msg->headers[i].name, name) == 0 && hv->occ[i] == nth) {
				hv->l.cursor = i;
				break;
			}
}

static void
h_free(struct view *v)
{
	struct hview *hv = v->data;

	list_done(&hv->l);
	free(hv->occ);
	free(hv);
}

static void
h_resize(struct view *v)
{
}

static int
h_key(struct view *v, enum action a)
{
	struct hview *hv = v->data;
	int sr = list_search_key(v, &hv->l, item, a);

	if (sr != REACT_UNHANDLED)   /* /, and n N while a search is active */
		return sr;

	if (a == A_SELECT)
		return REACT_NONE;
	return list_key(&hv->l, a, v->h - 2);
}

static void
h_draw(struct view *v)
{
	struct hview *hv = v->data;
	char *title, *hints;

	if (hv->r == NULL)
		return;
	title = xasprintf("%s (%zu)  %s", _("Headers: as written, = decoded"), hv->l.n,
	    hv->r->subject != NULL ? hv->r->subject : "");
	tui_title(v, title);
	free(title);
	list_draw(v, &hv->l, v->y + 1, v->h - 1, item);
	hints = tui_hints(CTX_LIST);
	free(v->status);
	v->status = xasprintf("%zu/%zu  %s", hv->l.n > 0 ? hv->l.cursor + 1 : 0, hv->l.n, hints);
	free(hints);
}

const struct view_ops view_headers_ops = {
	"headers", CTX_LIST, h_init, h_free, h_resize, h_key, h_draw, NULL,
};
