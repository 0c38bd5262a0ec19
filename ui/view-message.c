/* view-message.c — one message as it was meant to look: the rendered body with every finding's span coloured, links numbered with defanged targets, and the panel of header fields that matter. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "authres.h"
#include "draw.h"
#include "evidence.h"
#include "i18n.h"
#include "message.h"
#include "normtext.h"
#include "report.h"
#include "tui.h"
#include "view.h"
#include "util.h"

#define PANEL_MIN_WIDTH 100   /* narrower terminals get the panel below the body */
#define LABEL_W 12

struct field {
	const char *label;    /* translated */
	char *value;
	enum level level;
	size_t keep[4][2];    /* byte spans of value a wrap must not cut at a '.' (the From's registrable domain) */
	size_t nkeep;
};

struct line {
	size_t start, end;
};

struct msgview {
	struct report *r;
	unsigned gen;
	long entry;               /* the index entry shown (tui_current), -1 none */
	char *text;               /* body plus the numbered link list */
	size_t len;
	unsigned char *marks;     /* per byte of text */
	struct ui_link *links;
	size_t nlinks;
	long *footer;             /* start of each link's line in the list, -1 */
	struct line *lines;
	size_t nlines;
	int laid_w;
	size_t top;
	int sel;                  /* selected link number, 0 none */
	struct jump jump;
	bool have_jump;
	char *search;             /* the text searched for with /, or NULL: n and N then move between its matches */
	struct normtext fold;     /* text folded as the brand matcher folds it, for the search (fold.s NULL: not yet) */
	struct field *fields;
	size_t nfields;
	int bx, by, bw, bh;       /* body area */
	int px, py, pw, ph;       /* panel area */
	bool side;
};

static void
fields_free(struct msgview *m)
{
	for (size_t i = 0; i < m->nfields; i++)
		free(m->fields[i].value);
	free(m->fields);
	m->fields = NULL;
	m->nfields = 0;
}

static void
add_field(struct msgview *m, const char *label, char *value, enum level lv)
{
	m->fields = xreallocarray(m->fields, m->nfields + 1, sizeof *m->fields);
	m->fields[m->nfields].label = label;
	m->fields[m->nfields].value = value != NULL ? value : xstrdup("-");
	m->fields[m->nfields].nkeep = 0;
	m->fields[m->nfields++].level = lv;
}

/*
 * A long domain wraps before its registrable part, not inside it: the
 * panel shows "amazon.co.jp." / "verify-secure.top", so the part that
 * decides is read whole. Every place org stands at a name's end is kept.
 */
static void
keep_org(struct field *fl, const char *org)
{
	const char *v = fl->value, *p = v;
	size_t ol = org != NULL ? strlen(org) : 0;

	if (ol == 0)
		return;
	while ((p = strstr(p, org)) != NULL && fl->nkeep < sizeof fl->keep / sizeof fl->keep[0]) {
		bool left = p == v || p[-1] == '.' || p[-1] == '@' || p[-1] == ' ' || p[-1] == '(';
		bool right = p[ol] == '\0' || p[ol] == '\n' || p[ol] == ')' || p[ol] == ' ' || p[ol] == '>';

		if (left && right) {
			fl->keep[fl->nkeep][0] = (size_t)(p - v);
			fl->keep[fl->nkeep++][1] = (size_t)(p - v) + ol;
		}
		p += ol;
	}
}

static const char *
aw(enum auth_result r)
{
	return r == AUTH_UNKNOWN ? "-" : authres_result_name(r);
}

static enum level
auth_level(const struct report *r, enum auth_result res, int fail_id)
{
	enum level lv = ui_id_level(r, fail_id);

	if (lv == LV_NONE && res == AUTH_PASS)
		lv = LV_VERIFIED;
	return lv;
}

static char *
address_value(const struct address *a)
{
	if (!a->present)
		return NULL;
	if (a->display != NULL && a->addr != NULL)
		return xasprintf("%s\n%s", a->display, a->addr);
	return xstrdup(a->addr != NULL ? a->addr : a->display);
}

static void
build_fields(struct msgview *m)
{
	const struct report *r = m->r;
	const struct address *f = &r->addr.from;
	enum level lv;
	char *v, *geo;
	struct buf b;

	fields_free(m);
	lv = ui_worse(ui_where_level(r, "header:From", true), ui_id_level(r, F_BRAND_VERIFIED));
	buf_init(&b);
	buf_adds(&b, "");
	if (f->display != NULL)
		buf_addf(&b, "%s\n", f->display);
	if (f->addr != NULL)
		buf_addf(&b, "%s\n", f->addr);
	else if (!f->valid)
		buf_addf(&b, "%s\n", _("(no usable address)"));
	if (f->domain != NULL)
		buf_addf(&b, "%s %s", _("domain"), f->domain);
	if (f->org_domain != NULL && f->domain != NULL && strcmp(f->org_domain, f->domain) != 0)
		buf_addf(&b, " (%s)", f->org_domain);
	if (findings_has(&r->findings, F_FROM_BRAND_MISMATCH))
		buf_addf(&b, "\n%s %s", theme_glyph_level(LV_HIGH), _("not the brand it names"));
	else if (findings_has(&r->findings, F_BRAND_VERIFIED))
		buf_addf(&b, "\n%s %s", theme_glyph_level(LV_VERIFIED), _("authenticated as the brand"));
	if (findings_has(&r->findings, F_FROM_CONFUSABLE))
		buf_addf(&b, "\n%s %s", theme_glyph_level(LV_HIGH), _("imitates a brand"));
	add_field(m, _("From"), buf_take(&b), lv);
	keep_org(&m->fields[m->nfields - 1], f->org_domain);
	if (r->addr.nreply_to > 0) {
		buf_init(&b);
		buf_adds(&b, "");
		for (size_t i = 0; i < r->addr.nreply_to; i++)
			buf_addf(&b, "%s%s", i > 0 ? "\n" : "", r->addr.reply_to[i].addr != NULL ? r->addr.reply_to[i].addr : "?");
		add_field(m, _("Reply-To"), buf_take(&b), ui_where_level(r, "header:Reply-To", true));
	}
	add_field(m, _("Return-Path"), address_value(&r->addr.return_path), ui_where_level(r, "header:Return-Path", true));
	add_field(m, _("Date"), xstrdup(r->date), ui_where_level(r, "header:Date", true));
	add_field(m, _("Subject"), xstrdup(r->subject), ui_where_level(r, "header:Subject", true));
	add_field(m, _("Message-ID"), xstrdup(r->addr.message_id), ui_where_level(r, "header:Message-ID", true));
	{
		/* the attachments: name, type, size and the SHA-256 prefix an analyst looks up (the MIME view has all of it) */
		size_t na = 0, nrisky = 0;
		enum level worst = LV_NONE;

		buf_init(&b);
		buf_adds(&b, "");
		for (size_t i = 0; i < r->msg->nparts; i++) {
			const struct mime_part *p = &r->msg->parts[i];
			enum level plv;
			char *where;

			if (!p->is_attachment)
				continue;
			where = xasprintf("attachment[%zu]", ++na);
			plv = ui_where_level(r, where, false);
			free(where);
			nrisky += plv >= LV_MEDIUM && plv != LV_VERIFIED;
			worst = ui_worse(worst, plv);
			buf_addf(&b, "\n%s %s\n  %s, %zu %s", theme_glyph_level(plv), p->filename != NULL ? p->filename : "-",
			    p->content_type != NULL ? p->content_type : "?", p->size, _("bytes"));
			if (p->sha256[0] != '\0')
				buf_addf(&b, ", sha256 %.12s%s", p->sha256, theme_glyph_ellipsis());
		}
		if (na > 0) {
			char *head = nrisky > 0 ?
			    xasprintf(ngettext("%zu attachment, %zu risky", "%zu attachments, %zu risky", na), na, nrisky) :
			    xasprintf(ngettext("%zu attachment", "%zu attachments", na), na);

			v = xasprintf("%s%s", head, b.s);
			free(head);
			add_field(m, _("Attached"), v, worst);
		}
		buf_free(&b);
	}
	/* origin: IP, names, country and network */
	lv = LV_NONE;
	if (r->origin >= 0 && (size_t)r->origin < r->nhops) {
		const struct hop *o = &r->hops[r->origin];
		char *w = xasprintf("header:Received[%d]", r->origin + 1);
		lv = ui_where_level(r, w, false);
		free(w);
		buf_init(&b);
		buf_addf(&b, "%s", o->ip != NULL ? o->ip : "?");
		if ((geo = ui_origin_geo(r)) != NULL) {
			buf_addf(&b, "\n%s", geo);
			free(geo);
		}
		if (o->rdns_state == RDNS_NAME && o->rdns != NULL)
			buf_addf(&b, "\nrDNS %s", o->rdns);
		else if (o->rdns_state == RDNS_NONE)
			buf_addf(&b, "\n%s %s", theme_glyph_level(LV_MEDIUM), _("no reverse DNS"));
		if (o->helo != NULL)
			buf_addf(&b, "\nHELO %s", o->helo);
		v = buf_take(&b);
	} else
		v = xstrdup(_("(not found)"));
	add_field(m, _("Origin"), v, ui_worse(lv, ui_id_level(r, F_ORIGIN_COUNTRY)));
	if (r->submitted.trust != SUBMITTER_NONE) {
		/* the client behind a webmail or submission server, and who says so */
		buf_init(&b);
		buf_addf(&b, "%s", r->submitted.ip);
		if ((geo = geoip_info_text(&r->submitted_geo)) != NULL) {
			buf_addf(&b, "\n%s", geo);
			free(geo);
		}
		buf_addf(&b, "\n%s%s", r->submitted.source != NULL ? r->submitted.source : "",
		    r->submitted.trust == SUBMITTER_CLAIMED ? _(" (as claimed)") : "");
		add_field(m, _("Submitted"), buf_take(&b), LV_NONE);
	}
	add_field(m, "SPF", xasprintf("%s %s%s%s", theme_glyph_level(auth_level(r, r->auth.spf, F_AUTH_SPF_FAIL)),
	    aw(r->auth.spf), r->auth.spf_domain != NULL ? " " : "", r->auth.spf_domain != NULL ? r->auth.spf_domain : ""),
	    auth_level(r, r->auth.spf, F_AUTH_SPF_FAIL));
	add_field(m, "DKIM", xasprintf("%s %s%s%s", theme_glyph_level(auth_level(r, r->auth.dkim, F_AUTH_DKIM_FAIL)),
	    aw(r->auth.dkim), r->auth.dkim_domain != NULL ? " d=" : "", r->auth.dkim_domain != NULL ? r->auth.dkim_domain : ""),
	    auth_level(r, r->auth.dkim, F_AUTH_DKIM_FAIL));
	add_field(m, "DMARC", xasprintf("%s %s", theme_glyph_level(auth_level(r, r->auth.dmarc, F_AUTH_DMARC_FAIL)),
	    aw(r->auth.dmarc)), auth_level(r, r->auth.dmarc, F_AUTH_DMARC_FAIL));
	add_field(m, _("Aligned"), xasprintf("%s %s", theme_glyph_level(r->auth.aligned_pass ? LV_VERIFIED : LV_NONE),
	    r->auth.aligned_pass ? _("yes: From is authenticated") : r->auth.have_results ? _("no") : _("no results")),
	    r->auth.aligned_pass ? LV_VERIFIED : ui_id_level(r, F_AUTH_MISSING));
	if ((v = bulk_summary(&r->bulk)) != NULL)
		add_field(m, _("Bulk"), v, LV_NONE);
	lv = ui_id_level(r, F_SUBJECT_SPAM_TAG);
	if (lv != LV_NONE) {
		buf_init(&b);
		buf_adds(&b, "");
		for (size_t i = 0; i < r->findings.n; i++)
			if (r->findings.v[i].id == F_SUBJECT_SPAM_TAG)
				buf_addf(&b, "%s%s", b.len > 0 ? "\n" : "", r->findings.v[i].evidence != NULL ? r->findings.v[i].evidence : "");
		add_field(m, _("Spam tag"), buf_take(&b), lv);
	}
	lv = r->verdict == VERDICT_PHISHING ? LV_HIGH : r->verdict == VERDICT_SUSPICIOUS ? LV_MEDIUM :
	    findings_has(&r->findings, F_BRAND_VERIFIED) ? LV_VERIFIED : LV_NONE;
	v = xasprintf(ngettext("%zu finding", "%zu findings", r->findings.n), r->findings.n);
	add_field(m, _("Verdict"), xasprintf("%s %s (%d), %s", theme_glyph_level(lv), verdict_label(r->verdict), r->score, v), lv);
	{
		char *pay = report_payload_text(r);

		if (pay != NULL)
			add_field(m, _("Payload"), pay, lv);
	}
	free(v);
}

static void
build_text(struct msgview *m)
{
	const struct report *r = m->r;
	const struct message *msg = r->msg;
	struct buf b;

	free(m->text);
	free(m->marks);
	free(m->footer);
	if (m->fold.s != NULL)
		normtext_free(&m->fold);
	memset(&m->fold, 0, sizeof m->fold);
	ui_links_free(m->links, m->nlinks);
	m->nlinks = ui_links(r, &m->links);
	buf_init(&b);
	buf_add(&b, msg->body, msg->body_len);
	m->footer = xcalloc(m->nlinks + 1, sizeof *m->footer);
	if (m->nlinks > 0) {
		buf_adds(&b, "\n\n");
		buf_addf(&b, "%s %s\n", theme_glyph_hline(), _("Links (defanged)"));
		for (size_t i = 0; i < m->nlinks; i++) {
			m->footer[i] = (long)b.len;
			buf_addf(&b, "[%d] %s", m->links[i].number, m->links[i].defanged);
			if (m->links[i].text != NULL && *m->links[i].text != '\0')
				buf_addf(&b, "  \"%s\"", m->links[i].text);
			buf_addc(&b, '\n');
		}
	}
	if (msg->nhidden > 0) {
		/* the passages themselves are dimmed where they stand: the spans stay those of the body */
		buf_adds(&b, "\n");
		buf_addf(&b, "%s ", theme_glyph_hline());
		buf_addf(&b, ngettext("Text hidden by the message's CSS: %zu passage, shown dimmed above",
		    "Text hidden by the message's CSS: %zu passages, shown dimmed above", msg->nhidden), msg->nhidden);
		buf_addc(&b, '\n');
	}
	m->len = b.len;
	m->text = buf_take(&b);
	m->marks = xcalloc(m->len + 1, 1);
	for (size_t i = 0; i < msg->nhidden; i++)
		for (size_t p = msg->hidden[i].start; p < msg->hidden[i].end && p < msg->body_len; p++)
			m->marks[p] |= MARK_HIDDEN;
	/* finding spans: the body's own, and the links' */
	for (size_t i = 0; i < r->findings.n; i++) {
		const struct finding *f = &r->findings.v[i];
		enum level lv = f->id == F_BRAND_VERIFIED ? LV_VERIFIED : level_of_severity(f->severity);
		long s = -1, e = -1;
		int ln;

		if (f->where == NULL)
			continue;
		if (strcmp(f->where, "body") == 0 && f->span_start >= 0 && f->span_end > f->span_start) {
			s = f->span_start;
			e = f->span_end;
		} else if (sscanf(f->where, "link[%d]", &ln) == 1) {
			for (size_t k = 0; k < m->nlinks; k++)
				if (m->links[k].number == ln) {
					s = m->links[k].start;
					e = m->links[k].end;
					if (m->footer[k] >= 0) {
						size_t a = (size_t)m->footer[k], z = a + strcspn(m->text + a, "\n");
						for (size_t p = a; p < z; p++)
							if ((m->marks[p] & MARK_LEVEL) < lv || (m->marks[p] & MARK_LEVEL) == LV_VERIFIED)
								m->marks[p] = (unsigned char)((m->marks[p] & ~MARK_LEVEL) | lv);
					}
				}
		}
		if (s < 0 || (size_t)e > msg->body_len)
			continue;
		for (long p = s; p < e; p++) {
			unsigned cur = m->marks[p] & MARK_LEVEL;
			if (cur == LV_NONE || cur == LV_VERIFIED || (lv != LV_VERIFIED && (unsigned)lv > cur))
				m->marks[p] = (unsigned char)((m->marks[p] & ~MARK_LEVEL) | lv);
		}
	}
	for (size_t k = 0; k < m->nlinks; k++) {
		if (m->links[k].start >= 0 && (size_t)m->links[k].end <= msg->body_len)
			for (long p = m->links[k].start; p < m->links[k].end; p++)
				m->marks[p] |= MARK_LINK;
		if (m->footer[k] >= 0) {
			size_t a = (size_t)m->footer[k];
			size_t z = a + strcspn(m->text + a, " ");   /* "[n]" */
			z += 1 + strcspn(m->text + z + 1, " \n");  /* the defanged URL */
			for (size_t p = a; p < z && p < m->len; p++)
				m->marks[p] |= MARK_LINK;
		}
	}
	m->laid_w = -1;
}

static void
mark_selection(struct msgview *m)
{
	for (size_t p = 0; p < m->len; p++)
		m->marks[p] &= (unsigned char)~(MARK_LINK_SEL | MARK_JUMP);
	for (size_t k = 0; k < m->nlinks && m->sel > 0; k++)
		if (m->links[k].number == m->sel) {
			if (m->links[k].start >= 0)
				for (long p = m->links[k].start; p < m->links[k].end && (size_t)p < m->len; p++)
					m->marks[p] |= MARK_LINK_SEL;
			if (m->footer[k] >= 0)
				for (size_t p = (size_t)m->footer[k]; p < m->len && m->text[p] != '\n'; p++)
					m->marks[p] |= MARK_LINK_SEL;
		}
	if (m->have_jump && m->jump.start >= 0)
		for (long p = m->jump.start; p < m->jump.end && (size_t)p < m->len; p++)
			m->marks[p] |= MARK_JUMP;
}

static void
relayout(struct msgview *m)
{
	size_t pos = 0, cap = 256;

	free(m->lines);
	m->lines = xmalloc(cap * sizeof *m->lines);
	m->nlines = 0;
	while (pos < m->len || m->nlines == 0) {
		size_t next, end = draw_wrap(m->text, m->len, pos, m->bw, &next);
		if (m->nlines == cap)
			m->lines = xreallocarray(m->lines, cap *= 2, sizeof *m->lines);
		m->lines[m->nlines].start = pos;
		m->lines[m->nlines++].end = end;
		if (next <= pos && pos < m->len)
			next = pos + 1;
		pos = next;
		if (pos >= m->len)
			break;
	}
	m->laid_w = m->bw;
}

static size_t
line_of(struct msgview *m, size_t off)
{
	for (size_t i = 0; i < m->nlines; i++)
		if (off < m->lines[i].end || (i + 1 < m->nlines && off < m->lines[i + 1].start))
			return i;
	return m->nlines > 0 ? m->nlines - 1 : 0;
}

static void
scroll_to(struct msgview *m, size_t off)
{
	size_t ln = line_of(m, off);

	if (ln < m->top || ln >= m->top + (size_t)m->bh)
		m->top = ln > (size_t)m->bh / 3 ? ln - (size_t)m->bh / 3 : 0;
}

/* Lines the panel needs at width w. */
static int
panel_lines(struct msgview *m, int w)
{
	int n = 0;

	for (size_t i = 0; i < m->nfields; i++) {
		const char *v = m->fields[i].value;
		size_t len = strlen(v), pos = 0;
		do {
			size_t next;
			draw_wrap(v, len, pos, w - LABEL_W, &next);
			pos = next;
			n++;
		} while (pos < len);
	}
	return n;
}

static void
msg_resize(struct view *v)
{
	struct msgview *m = v->data;
	int body_h = v->h - 1;

	m->side = v->w >= PANEL_MIN_WIDTH;
	if (m->side) {
		m->pw = v->w / 3 > 36 ? v->w / 3 : 36;
		m->bw = v->w - m->pw - 1;
		m->bx = v->x;
		m->by = v->y + 1;
		m->bh = body_h;
		m->px = v->x + m->bw + 1;
		m->py = v->y + 1;
		m->ph = body_h;
	} else {
		int need = m->r != NULL ? panel_lines(m, v->w) : 0;
		m->ph = need < body_h / 2 ? need : body_h / 2;
		m->bw = v->w;
		m->bx = v->x;
		m->by = v->y + 1;
		m->bh = body_h - m->ph - 1;
		if (m->bh < 1)
			m->bh = 1;
		m->px = v->x;
		m->pw = v->w;
		m->py = m->by + m->bh + 1;
	}
	if (m->laid_w != m->bw && m->text != NULL)
		relayout(m);
}

static void
load(struct view *v)
{
	struct msgview *m = v->data;

	m->r = tui_report(v->t);
	m->gen = tui_report_gen(v->t);
	m->entry = tui_current(v->t);
	if (m->r == NULL)
		return;
	build_text(m);
	build_fields(m);
	msg_resize(v);
	mark_selection(m);
}

static void
msg_init(struct view *v, void *arg)
{
	struct msgview *m = xcalloc(1, sizeof *m);

	v->data = m;
	m->laid_w = -1;
	if (arg != NULL) {
		m->jump = *(struct jump *)arg;
		m->have_jump = m->jump.start >= 0;
		m->sel = m->jump.link;
	}
	load(v);
}

static void
msg_free(struct view *v)
{
	struct msgview *m = v->data;

	fields_free(m);
	ui_links_free(m->links, m->nlinks);
	free(m->footer);
	free(m->text);
	free(m->marks);
	free(m->lines);
	free(m->search);
	if (m->fold.s != NULL)
		normtext_free(&m->fold);
	free(m);
}

static void
select_link(struct msgview *m, int dir)
{
	size_t k;

	if (m->nlinks == 0)
		return;
	for (k = 0; k < m->nlinks && m->links[k].number != m->sel; k++)
		;
	if (k == m->nlinks)
		k = dir > 0 ? 0 : m->nlinks - 1;
	else if (dir > 0)
		k = (k + 1) % m->nlinks;
	else
		k = (k + m->nlinks - 1) % m->nlinks;
	m->sel = m->links[k].number;
	mark_selection(m);
	scroll_to(m, m->links[k].start >= 0 ? (size_t)m->links[k].start : (size_t)m->footer[k]);
}

/*
 * The next (dir 1) or previous (dir -1) match of needle in the text
 * starting at or after (before) byte from, both folded as the brand matcher
 * folds (NFKC, case, white space: "ＡＭＡＺＯＮ" finds "Amazon"); its byte
 * span in the text goes to *end. -1 if none.
 */
static long
find_text(struct msgview *m, const char *needle, long from, int dir, long *end)
{
	char *fn = normtext_fold_str(needle, true);
	size_t nl = strlen(fn), lo = 0, hi;
	long k, found = -1;

	if (m->fold.s == NULL)
		normtext_fold(m->text, m->len, true, &m->fold);
	if (nl == 0 || nl > m->fold.len) {
		free(fn);
		return -1;
	}
	/* the first folded byte from text byte from on */
	hi = m->fold.len;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if ((long)m->fold.orig[mid] < from)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (dir < 0 && (lo >= m->fold.len || (long)m->fold.orig[lo] > from))
		k = (long)lo - 1;
	else
		k = (long)lo;
	if (dir < 0 && (size_t)k + nl > m->fold.len)
		k = (long)(m->fold.len - nl);   /* a match needs nl bytes from where it starts */
	for (; k >= 0 && (size_t)k + nl <= m->fold.len; k += dir)
		if (memcmp(m->fold.s + k, fn, nl) == 0) {
			found = (long)m->fold.orig[k];
			*end = (long)m->fold.orig_end[(size_t)k + nl - 1];
			break;
		}
	free(fn);
	return found;
}

/* Move to the next or previous match of the search, wrapping round once (said); the match is highlighted. */
static void
search_step(struct view *v, struct msgview *m, int dir)
{
	long from = m->have_jump && m->jump.start >= 0 ? m->jump.start + dir : dir > 0 ? (long)(m->lines != NULL && m->top < m->nlines ? m->lines[m->top].start : 0) : (long)m->len - 1;
	long end = 0, at = find_text(m, m->search, from, dir, &end);
	bool wrapped = false;

	if (at < 0) {
		at = find_text(m, m->search, dir > 0 ? 0 : (long)m->len, dir, &end);
		wrapped = at >= 0;
	}
	if (at < 0) {
		tui_message(v->t, true, _("not found: %s"), m->search);
		return;
	}
	m->jump.start = at;
	m->jump.end = end;
	m->jump.link = 0;
	m->have_jump = true;
	mark_selection(m);
	scroll_to(m, (size_t)at);
	if (wrapped)
		tui_message(v->t, false, dir > 0 ? _("search wrapped to the top") : _("search wrapped to the bottom"));
}

static int
msg_key(struct view *v, enum action a)
{
	struct msgview *m = v->data;
	long maxtop = m->nlines > (size_t)m->bh ? (long)(m->nlines - (size_t)m->bh) : 0, top = (long)m->top;

	if (m->r == NULL)
		return a == A_BACK || a == A_QUIT ? REACT_UNHANDLED : REACT_NONE;
	switch (a) {
	case A_LINE_DOWN: top++; break;
	case A_LINE_UP: top--; break;
	case A_PAGE_DOWN: top += m->bh > 1 ? m->bh - 1 : 1; break;
	case A_PAGE_UP: top -= m->bh > 1 ? m->bh - 1 : 1; break;
	case A_HALF_DOWN: top += m->bh / 2; break;
	case A_HALF_UP: top -= m->bh / 2; break;
	case A_FIRST: top = 0; break;
	case A_LAST: top = maxtop; break;
	case A_NEXT_LINK: select_link(m, 1); return REACT_REDRAW;
	case A_PREV_LINK: select_link(m, -1); return REACT_REDRAW;
	case A_SEARCH: {
		char *q = tui_prompt(v->t, _("Search the message for: "), NULL);

		if (q == NULL)
			return REACT_REDRAW;
		free(m->search);
		m->search = NULL;
		if (*q == '\0') {   /* an empty search ends the search: n and N are next message and seen again */
			free(q);
			m->have_jump = false;
			mark_selection(m);
			return REACT_REDRAW;
		}
		m->search = q;
		m->have_jump = false;
		search_step(v, m, 1);
		return REACT_REDRAW;
	}
	case A_TOGGLE_SEEN:   /* N: the previous match while a search is active, as less does */
		if (m->search == NULL)
			return REACT_UNHANDLED;
		search_step(v, m, -1);
		return REACT_REDRAW;
	case A_NEXT_MESSAGE:
	case A_PREV_MESSAGE:
		if (m->search != NULL && a == A_NEXT_MESSAGE) {   /* n: the next match while a search is active */
			search_step(v, m, 1);
			return REACT_REDRAW;
		}
		if (!tui_above_index(v)) {   /* views below hold this report: close them first */
			tui_message(v->t, false, "%s", _("close the drill-down views first (q)"));
			return REACT_REDRAW;
		}
		return REACT_UNHANDLED;   /* the index below moves; msg_draw follows the new current message */
	case A_COPY_DEFANGED_URL:
		for (size_t k = 0; k < m->nlinks; k++)
			if (m->links[k].number == m->sel || (m->sel == 0 && k == 0)) {
				ui_osc52(m->links[k].defanged);
				tui_message(v->t, false, _("sent to the terminal's clipboard (OSC 52): %s"), m->links[k].defanged);
				return REACT_REDRAW;
			}
		return REACT_UNHANDLED;
	case A_SELECT:
		if (m->sel > 0) {
			int n = m->sel;
			tui_push(v->t, &view_links_ops, &n);
			return REACT_REDRAW;
		}
		return REACT_NONE;
	default:
		return REACT_UNHANDLED;
	}
	if (top > maxtop)
		top = maxtop;
	if (top < 0)
		top = 0;
	m->top = (size_t)top;
	return REACT_REDRAW;
}

static void
draw_panel(struct msgview *m)
{
	int y = m->py, end = m->py + m->ph;
	struct style lab = theme_elem(E_LABEL);

	for (size_t i = 0; i < m->nfields && y < end; i++) {
		const struct field *f = &m->fields[i];
		struct style st = theme_level(AREA_PANEL, f->level);
		size_t len = strlen(f->value), pos = 0;
		bool first = true;

		do {
			size_t next, e = draw_wrap_keep(f->value, len, pos, m->pw - LABEL_W, &next,
			    f->nkeep > 0 ? (const size_t (*)[2])f->keep : NULL, f->nkeep);
			if (first) {
				draw_str(y, m->px, LABEL_W - 1, f->label, f->level >= LV_LOW && f->level != LV_VERIFIED ?
				    theme_over(lab, st) : lab);
				first = false;
			}
			draw_text(y, m->px + LABEL_W, m->pw - LABEL_W, f->value + pos, e - pos, st);
			pos = next;
			y++;
		} while (pos < len && y < end);
	}
}

static void
msg_draw(struct view *v)
{
	struct msgview *m = v->data;
	char *title;

	if (m->entry != tui_current(v->t)) {   /* another message was chosen (next/previous through the index) */
		m->top = 0;
		m->sel = 0;
		m->have_jump = false;
		free(m->search);   /* a search belongs to the message it was made in */
		m->search = NULL;
		load(v);
	}
	if (m->r == NULL && tui_analysing(v->t)) {
		tui_title(v, _("message"));
		draw_str(v->y + 2, v->x + 2, v->w - 4, _("analysing the message..."), theme_elem(E_DIM));
		return;
	}
	if (m->r == NULL)
		load(v);   /* the analysis finished behind the screen */
	if (m->r == NULL) {
		tui_title(v, _("message"));
		draw_str(v->y + 2, v->x + 2, v->w - 4, _("The message could not be read."), theme_elem(E_ERROR));
		return;
	}
	if (m->gen != tui_report_gen(v->t) || m->r != tui_report(v->t)) {   /* re-analysed (trust boundary moved) */
		size_t top = m->top;
		load(v);
		m->top = top;
	}
	if (m->laid_w != m->bw)
		relayout(m);
	if (m->have_jump && m->top == 0 && m->jump.start >= 0) {
		scroll_to(m, (size_t)m->jump.start);
		m->have_jump = m->jump.start >= 0;
		m->jump.start = m->jump.start;   /* keep the highlight */
	}
	title = xasprintf("%s  %s", theme_glyph_level(m->fields[m->nfields - 1].level),
	    m->r->subject != NULL ? m->r->subject : _("(no subject)"));
	tui_title(v, title);
	free(title);
	for (int row = 0; row < m->bh && m->top + (size_t)row < m->nlines; row++) {
		const struct line *l = &m->lines[m->top + (size_t)row];
		draw_marked(m->by + row, m->bx, m->bw, m->text + l->start, l->end - l->start, theme_elem(E_NORMAL),
		    m->marks + l->start, AREA_BODY);
	}
	if (m->side) {
		for (int row = 0; row < m->ph; row++)
			draw_str(m->py + row, m->px - 1, 1, theme_glyph_vline(), theme_elem(E_DIM));
	} else {
		struct style d = theme_elem(E_DIM);
		for (int x = 0; x < v->w; x++)
			draw_str(m->py - 1, v->x + x, 1, theme_glyph_hline(), d);
	}
	draw_panel(m);
	free(v->status);
	{
		char *hints = tui_hints(CTX_MESSAGE);
		v->status = xasprintf("%zu/%zu  %s", m->nlines > 0 ? m->top + 1 : 0, m->nlines, hints);
		free(hints);
	}
}

const struct view_ops view_message_ops = {
	"message", CTX_MESSAGE, msg_init, msg_free, msg_resize, msg_key, msg_draw, NULL,
};
