/* view-findings.c — every finding with severity, title and evidence; Enter jumps to where it stands. */
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

struct fview {
	struct list l;
	struct report *r;
	unsigned gen;
};

static int
item(struct view *v, size_t i, int y, int x, int w, int maxrows, bool cur, bool dry)
{
	struct fview *fv = v->data;
	const struct finding *f = &fv->r->findings.v[i];
	enum level lv = f->id == F_BRAND_VERIFIED ? LV_VERIFIED : level_of_severity(f->severity);
	struct style base = cur ? theme_elem(E_CURSOR) : theme_elem(E_NORMAL);
	struct style sev = theme_over(base, theme_level(AREA_LIST, lv));
	char *head;
	int rows = 0;

	/* the weight this finding adds to the score (an id counts once: its other instances show +0) */
	head = xasprintf("%s %-6s %s %+d  %s", theme_glyph_level(lv), severity_label(f->severity), finding_name(f->id),
	    f->weight, f->where != NULL ? f->where : "");
	if (!dry) {
		draw_fill(y, x, w, base);
		draw_str(y, x, w, head, sev);
	}
	free(head);
	rows++;
	if (rows < maxrows) {
		if (!dry)
			draw_fill(y + rows, x, w, base);
		rows += list_text(y + rows, x + 4, w - 4, maxrows - rows, 0, finding_title(f->id), base, dry);
	}
	if (f->evidence != NULL && rows < maxrows) {
		int n = list_text(y + rows, x + 4, w - 4, maxrows - rows, 2, f->evidence, theme_over(base, theme_elem(E_DIM)), true);
		if (!dry) {
			for (int k = 0; k < n; k++)
				draw_fill(y + rows + k, x, w, base);
			list_text(y + rows, x + 4, w - 4, maxrows - rows, 2, f->evidence, theme_over(base, theme_elem(E_DIM)), false);
		}
		rows += n;
	}
	return rows;
}

static void
f_init(struct view *v, void *arg)
{
	struct fview *fv = xcalloc(1, sizeof *fv);

	v->data = fv;
	fv->r = tui_report(v->t);
	fv->gen = tui_report_gen(v->t);
	fv->l.n = fv->r != NULL ? fv->r->findings.n : 0;
}

static void
f_free(struct view *v)
{
	struct fview *fv = v->data;

	list_done(&fv->l);
	free(v->data);
}

static void
f_resize(struct view *v)
{
}

/* Open the view that shows where finding f stands. */
static void
jump(struct view *v, const struct finding *f)
{
	struct fview *fv = v->data;
	int n;
	char name[256];

	if (f->where == NULL)
		return;
	if (strcmp(f->where, "body") == 0) {
		struct jump j = { f->span_start, f->span_end, 0 };
		if (f->span_start < 0)
			j.start = j.end = 0;
		tui_push(v->t, &view_message_ops, &j);
	} else if (sscanf(f->where, "link[%d]", &n) == 1) {
		struct ui_link *links;
		size_t nl = ui_links(fv->r, &links);
		struct jump j = { -1, -1, n };
		for (size_t k = 0; k < nl; k++)
			if (links[k].number == n) {
				j.start = links[k].start;
				j.end = links[k].end;
			}
		ui_links_free(links, nl);
		if (j.start >= 0)
			tui_push(v->t, &view_message_ops, &j);
		else
			tui_push(v->t, &view_links_ops, &n);
	} else if (sscanf(f->where, "header:Received[%d]", &n) == 1) {
		n--;
		tui_push(v->t, &view_received_ops, &n);
	} else if (sscanf(f->where, "attachment[%d]", &n) == 1) {
		/* the n-th attachment part */
		int k = 0, part = -1;
		for (size_t p = 0; p < fv->r->msg->nparts; p++)
			if (fv->r->msg->parts[p].is_attachment && ++k == n)
				part = (int)p;
		tui_push(v->t, &view_mime_ops, part >= 0 ? &part : NULL);
	} else if (sscanf(f->where, "header:%255s", name) == 1) {
		tui_push(v->t, &view_headers_ops, (void *)f->where);
	}
}

static int
f_key(struct view *v, enum action a)
{
	struct fview *fv = v->data;
	int sr = list_search_key(v, &fv->l, item, a);

	if (sr != REACT_UNHANDLED)   /* /, and n N while a search is active */
		return sr;

	if (a == A_SELECT) {
		if (fv->l.n > 0)
			jump(v, &fv->r->findings.v[fv->l.cursor]);
		return REACT_REDRAW;
	}
	return list_key(&fv->l, a, v->h - 2);
}

static void
f_draw(struct view *v)
{
	struct fview *fv = v->data;
	char *title, *hints;

	if (fv->r != tui_report(v->t) || fv->gen != tui_report_gen(v->t)) {   /* re-analysed */
		fv->r = tui_report(v->t);
		fv->gen = tui_report_gen(v->t);
		fv->l.n = fv->r != NULL ? fv->r->findings.n : 0;
	}
	if (fv->r == NULL)
		return;
	title = xasprintf("%s: %s (%d) %s", _("Findings"), verdict_label(fv->r->verdict), fv->r->score,
	    fv->r->subject != NULL ? fv->r->subject : "");
	tui_title(v, title);
	free(title);
	if (fv->l.n == 0)
		draw_str(v->y + 2, v->x + 2, v->w - 4, _("No findings."), theme_elem(E_DIM));
	list_draw(v, &fv->l, v->y + 1, v->h - 1, item);
	hints = tui_hints(CTX_LIST);
	free(v->status);
	v->status = xasprintf("%zu/%zu  %s:%s  %s", fv->l.n > 0 ? fv->l.cursor + 1 : 0, fv->l.n,
	    tui_key_for(CTX_LIST, A_SELECT), _("where it stands"), hints);
	free(hints);
}

const struct view_ops view_findings_ops = {
	"findings", CTX_LIST, f_init, f_free, f_resize, f_key, f_draw, NULL,
};
