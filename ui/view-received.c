/* view-received.c — the Received chain hop by hop: IP, country, network, reverse DNS, delay, why each hop is trusted or not; the user moves the trust boundary. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analyze.h"
#include "draw.h"
#include "evidence.h"
#include "i18n.h"
#include "list.h"
#include "tui.h"
#include "view.h"
#include "util.h"

struct rview {
	struct list l;
	struct report *r;
	bool oldest_first;
};

/* The hop shown at list position i. */
static size_t
hop_at(struct rview *rv, size_t i)
{
	return rv->oldest_first ? rv->r->nhops - 1 - i : i;
}

static const char *
trust_label(enum hop_trust t)
{
	switch (t) {
	case HOP_TRUSTED: return _("trusted");
	case HOP_ORIGIN: return _("origin");
	case HOP_PASSED_OVER: return _("passed over");
	default: return _("unverifiable");
	}
}

static int
item(struct view *v, size_t i, int y, int x, int w, int maxrows, bool cur, bool dry)
{
	struct rview *rv = v->data;
	const struct report *r = rv->r;
	size_t h = hop_at(rv, i);
	const struct hop *hp = &r->hops[h];
	char *where = xasprintf("header:Received[%zu]", h + 1), *line, *geo = NULL;
	enum level lv = ui_where_level(r, where, false);
	struct style base = cur ? theme_elem(E_CURSOR) : theme_elem(E_NORMAL);
	struct style st = hp->trust == HOP_UNVERIFIABLE || hp->trust == HOP_PASSED_OVER ?
	    theme_over(base, theme_elem(E_DIM)) : base;
	struct buf b;
	int rows = 0;
	char when[40] = "-";

	free(where);
	if (lv != LV_NONE)
		st = theme_over(base, theme_level(AREA_LIST, lv));
	if (hp->has_time) {
		struct tm tm;
		gmtime_r(&hp->when, &tm);
		strftime(when, sizeof when, "%Y-%m-%d %H:%M:%SZ", &tm);
	}
	line = xasprintf("[%zu] %s %s  %s %s%s%s  %s %s", h + 1, (int)h == r->origin ? theme_glyph_level(LV_HIGH) : " ",
	    trust_label(hp->trust), _("from"), hp->from_host != NULL ? hp->from_host : "-",
	    hp->helo != NULL && (hp->from_host == NULL || strcmp(hp->helo, hp->from_host) != 0) ? " HELO " : "",
	    hp->helo != NULL && (hp->from_host == NULL || strcmp(hp->helo, hp->from_host) != 0) ? hp->helo : "",
	    _("by"), hp->by_host != NULL ? hp->by_host : "-");
	if (!dry)
		draw_fill(y, x, w, base);
	rows += list_text(y, x, w, maxrows, 6, line, (int)h == r->origin ? theme_over(st, theme_elem(E_LABEL)) : st, dry);
	free(line);
	buf_init(&b);
	buf_addf(&b, "IP %s", hp->ip != NULL ? hp->ip : "-");
	if ((geo = ui_hop_geo(r, h)) != NULL) {
		buf_addf(&b, "  %s", geo);
		free(geo);
	}
	buf_addf(&b, "  rDNS %s", hp->rdns_state == RDNS_NAME && hp->rdns != NULL ? hp->rdns :
	    hp->rdns_state == RDNS_NONE ? _("none") : _("not stated"));
	buf_addf(&b, "  %s %s", _("at"), when);
	if (hp->delay >= 0) {
		char d[32];

		buf_addf(&b, "  %s +%s", _("delay"), util_duration(hp->delay, d, sizeof d));
	}
	if (hp->protocol != NULL)
		buf_addf(&b, "  %s", hp->protocol);
	if (hp->tls != NULL)
		buf_addf(&b, "  TLS");
	if (r->submitted.where != NULL && strncmp(r->submitted.where, "header:Received[", 16) == 0 &&
	    strtoul(r->submitted.where + 16, NULL, 10) == h + 1)
		buf_addf(&b, "  %s%s", _("submitted from here"),
		    r->submitted.trust == SUBMITTER_CLAIMED ? _(" (as claimed)") : "");
	line = buf_take(&b);
	if (rows < maxrows) {
		int n = list_text(y + rows, x + 4, w - 4, maxrows - rows, 2, line, st, true);
		if (!dry) {
			for (int k = 0; k < n; k++)
				draw_fill(y + rows + k, x, w, base);
			list_text(y + rows, x + 4, w - 4, maxrows - rows, 2, line, st, false);
		}
		rows += n;
	}
	free(line);
	if (hp->trust_reason != NULL && rows < maxrows) {
		line = xasprintf("%s: %s", _("why"), hp->trust_reason);
		int n = list_text(y + rows, x + 4, w - 4, maxrows - rows, 2, line, theme_over(base, theme_elem(E_DIM)), true);
		if (!dry) {
			for (int k = 0; k < n; k++)
				draw_fill(y + rows + k, x, w, base);
			list_text(y + rows, x + 4, w - 4, maxrows - rows, 2, line, theme_over(base, theme_elem(E_DIM)), false);
		}
		rows += n;
		free(line);
	}
	return rows;
}

static void
r_init(struct view *v, void *arg)
{
	struct rview *rv = xcalloc(1, sizeof *rv);

	v->data = rv;
	rv->r = tui_report(v->t);
	rv->l.n = rv->r != NULL ? rv->r->nhops : 0;
	if (arg != NULL && *(int *)arg >= 0 && (size_t)*(int *)arg < rv->l.n)
		rv->l.cursor = (size_t)*(int *)arg;
	else if (rv->r != NULL && rv->r->origin >= 0)
		rv->l.cursor = (size_t)rv->r->origin;
}

static void
r_free(struct view *v)
{
	struct rview *rv = v->data;

	list_done(&rv->l);
	free(v->data);
}

static void
r_resize(struct view *v)
{
}

static int
r_key(struct view *v, enum action a)
{
	struct rview *rv = v->data;
	size_t h;
	int sr = list_search_key(v, &rv->l, item, a);

	if (sr != REACT_UNHANDLED)   /* /, and n N while a search is active */
		return sr;

	if (rv->l.n == 0)
		return list_key(&rv->l, a, v->h - 2);
	h = hop_at(rv, rv->l.cursor);
	switch (a) {
	case A_TOGGLE_ORDER:
		rv->oldest_first = !rv->oldest_first;
		rv->l.cursor = rv->l.n - 1 - rv->l.cursor;   /* stay on the same hop */
		rv->l.top = 0;
		return REACT_REDRAW;
	case A_SET_ORIGIN:
		analyze_set_origin(rv->r, tui_settings(v->t), (int)h);
		tui_report_changed(v->t);
		tui_set_origin_moved(v->t, true);
		tui_message(v->t, false, _("hops above [%zu] trusted; origin %s; verdict %s (%d)"), h + 1,
		    ui_origin_ip(rv->r) != NULL ? ui_origin_ip(rv->r) : "-", verdict_label(rv->r->verdict), rv->r->score);
		return REACT_REDRAW;
	case A_RESET_ORIGIN:
		analyze_set_origin(rv->r, tui_settings(v->t), -1);
		tui_report_changed(v->t);
		tui_set_origin_moved(v->t, false);
		tui_message(v->t, false, _("origin chosen by kensa again: %s; verdict %s (%d)"),
		    ui_origin_ip(rv->r) != NULL ? ui_origin_ip(rv->r) : "-", verdict_label(rv->r->verdict), rv->r->score);
		return REACT_REDRAW;
	case A_SELECT:
		return REACT_NONE;
	default:
		return list_key(&rv->l, a, v->h - 2);
	}
}

static void
r_draw(struct view *v)
{
	struct rview *rv = v->data;
	char *title, *hints;

	if (rv->r == NULL)
		return;
	title = xasprintf("%s (%s)  %s %s", _("Received chain"), rv->oldest_first ? _("oldest first") : _("newest first"),
	    _("origin"), ui_origin_ip(rv->r) != NULL ? ui_origin_ip(rv->r) : "-");
	tui_title(v, title);
	free(title);
	if (rv->l.n == 0)
		draw_str(v->y + 2, v->x + 2, v->w - 4, _("No Received headers."), theme_elem(E_DIM));
	list_draw(v, &rv->l, v->y + 1, v->h - 1, item);
	hints = tui_hints(CTX_RECEIVED);
	free(v->status);
	{
		int k1[2], k2[2], k3[2];
		size_t n1 = keymap_keys_for(CTX_RECEIVED, A_TOGGLE_ORDER, k1, 1), n2 = keymap_keys_for(CTX_RECEIVED, A_SET_ORIGIN, k2, 1),
		    n3 = keymap_keys_for(CTX_RECEIVED, A_RESET_ORIGIN, k3, 1);
		char a[32] = "", b[32] = "", c[32] = "";
		if (n1) snprintf(a, sizeof a, "%s", key_name(k1[0]));
		if (n2) snprintf(b, sizeof b, "%s", key_name(k2[0]));
		if (n3) snprintf(c, sizeof c, "%s", key_name(k3[0]));
		v->status = xasprintf("[%zu/%zu]  %s:%s %s:%s %s:%s  %s", rv->l.n > 0 ? hop_at(rv, rv->l.cursor) + 1 : 0, rv->l.n,
		    a, _("order"), b, _("set origin"), c, _("auto origin"), hints);
	}
	free(hints);
}

const struct view_ops view_received_ops = {
	"received", CTX_RECEIVED, r_init, r_free, r_resize, r_key, r_draw, NULL,
};
