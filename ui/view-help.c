/* view-help.c — the bindings in force, generated from the keymap, and the limit pattern syntax. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "i18n.h"
#include "keymap.h"
#include "list.h"
#include "tui.h"
#include "view.h"
#include "util.h"

struct hline {
	char *text;
	bool heading;
};

struct helpview {
	struct list l;
	struct hline *lines;
	size_t n;
	enum keyctx ctx;
};

static void
add(struct helpview *h, bool heading, char *text)
{
	h->lines = xreallocarray(h->lines, h->n + 1, sizeof *h->lines);
	h->lines[h->n].text = text;
	h->lines[h->n++].heading = heading;
}

static void
section(struct helpview *h, enum keyctx ctx)
{
	bool any = false;

	for (int a = 1; a < A_COUNT; a++) {
		int keys[8];
		size_t n = keymap_keys_for(ctx, (enum action)a, keys, 8);
		struct buf b;
		int w;

		if (n == 0)
			continue;
		if (!any) {
			add(h, true, xstrdup(keyctx_label(ctx)));
			any = true;
		}
		buf_init(&b);
		buf_adds(&b, "  ");
		for (size_t k = 0; k < n; k++)
			buf_addf(&b, "%s%s", k > 0 ? " " : "", key_name(keys[k]));
		w = draw_width(b.s, b.len);
		while (w++ < 18)
			buf_addc(&b, ' ');
		buf_addf(&b, " %-18s %s", action_name((enum action)a), action_desc((enum action)a));
		add(h, false, buf_take(&b));
	}
	if (any)
		add(h, false, xstrdup(""));
}

static int
item(struct view *v, size_t i, int y, int x, int w, int maxrows, bool cur, bool dry)
{
	struct helpview *h = v->data;

	if (!dry)
		draw_str(y, x, w, h->lines[i].text, h->lines[i].heading ? theme_elem(E_LABEL) : theme_elem(E_NORMAL));
	return 1;
}

static void
help_init(struct view *v, void *arg)
{
	struct helpview *h = xcalloc(1, sizeof *h);

	v->data = h;
	h->ctx = arg != NULL ? *(enum keyctx *)arg : CTX_GLOBAL;
	h->l.scroll_only = true;
	if (h->ctx != CTX_GLOBAL)
		section(h, h->ctx);
	section(h, CTX_GLOBAL);
	if (h->ctx == CTX_INDEX) {
		add(h, true, xstrdup(_("Limit patterns (terms are ANDed; ! negates a term)")));
		add(h, false, xasprintf("  %-22s %s", "TEXT", _("subject, sender name or domain contains TEXT (full-width and case folded: ＡＭＡＺＯＮ finds Amazon)")));
		add(h, false, xasprintf("  %-22s %s", "~f FINDING_ID", _("a finding with this id was raised (e.g. ~f FROM_BRAND_MISMATCH)")));
		add(h, false, xasprintf("  %-22s %s", "~v VERDICT", _("phishing, suspicious, clean or pending")));
		add(h, false, xasprintf("  %-22s %s", "~s TEXT", _("the subject contains TEXT")));
		add(h, false, xasprintf("  %-22s %s", "~e TEXT", _("the sender name or domain contains TEXT")));
		add(h, false, xasprintf("  %-22s %s", "~b TEXT", _("the body contains TEXT (read from the messages)")));
		add(h, false, xasprintf("  %-22s %s", "~u TEXT", _("a link's host or registrable domain contains TEXT")));
		add(h, false, xasprintf("  %-22s %s", "~a TEXT", _("an attachment's name contains TEXT, or its SHA-256 starts with it")));
		add(h, false, xasprintf("  %-22s %s", "~F ~N ~T", _("flagged, unseen, tagged")));
		add(h, false, xstrdup(""));
		add(h, true, xstrdup(_("Risk column")));
		add(h, false, xasprintf("  %s %s   %s %s   %s %s   %s %s   %s %s", theme_glyph_verdict(VERDICT_PHISHING, false, false, false),
		    _("phishing"), theme_glyph_verdict(VERDICT_SUSPICIOUS, false, false, false), _("suspicious"),
		    theme_glyph_verdict(VERDICT_CLEAN, false, false, false), _("clean"),
		    theme_glyph_verdict(VERDICT_CLEAN, true, false, false), _("verified brand"),
		    theme_glyph_verdict(0, false, true, false), _("being analysed")));
		add(h, false, xasprintf("  %s %s   * %s   ! %s   N %s", theme_glyph_verdict(0, false, false, true),
		    _("could not be read"), _("tagged"), _("flagged"), _("unseen")));
		add(h, false, xasprintf("  %s", _("sender name: coloured by the worst finding of the From line")));
		add(h, false, xasprintf("  %s", _("sender domain: red when a brand stands before another registrable domain")));
	}
	h->l.n = h->n;
}

static void
help_free(struct view *v)
{
	struct helpview *h = v->data;

	for (size_t i = 0; i < h->n; i++)
		free(h->lines[i].text);
	free(h->lines);
	free(h);
}

static void
help_resize(struct view *v)
{
}

static int
help_key(struct view *v, enum action a)
{
	struct helpview *h = v->data;
	int r;

	if (a == A_HELP)
		return REACT_CLOSE;
	r = list_key(&h->l, a, v->h - 2);
	if (r == REACT_REDRAW && h->l.n > (size_t)(v->h - 1) && h->l.cursor > h->l.n - (size_t)(v->h - 1))
		h->l.cursor = h->l.n - (size_t)(v->h - 1);
	return r;
}

static void
help_draw(struct view *v)
{
	struct helpview *h = v->data;
	char *title = xasprintf("%s: %s", _("Help"), keyctx_label(h->ctx));

	tui_title(v, title);
	free(title);
	list_draw(v, &h->l, v->y + 1, v->h - 1, item);
	free(v->status);
	{
		/* say that the help goes on past the screen, and where */
		char *hints = tui_hints(CTX_LIST);
		bool below = h->l.top + (size_t)(v->h - 1) < h->n, above = h->l.top > 0;

		if (below || above)
			v->status = xasprintf("%s  %s", below && above ? _("(more above and below)") : below ? _("(more below)") :
			    _("(more above)"), hints);
		else
			v->status = xstrdup(hints);
		free(hints);
	}
}

const struct view_ops view_help_ops = {
	"help", CTX_LIST, help_init, help_free, help_resize, help_key, help_draw, NULL,
};
