/* html.c — HTML to readable text with gumbo: blocks, lists, tables, numbered links, alt texts. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>
#include <gumbo.h>
#include <unistr.h>

#include "html.h"
#include "util.h"

/*
 * One iterative walk over the gumbo tree (no recursion: mail HTML can nest
 * a hundred thousand levels deep). White space collapses as CSS "normal"
 * does: a run becomes one pending space, emitted only before the next
 * visible text; line breaks requested by blocks are pending the same way,
 * so empty blocks leave nothing behind.
 */

#define NO_SPAN SIZE_MAX
#define MAX_LIST_DEPTH 32

struct frame {
	GumboNode *node;
	unsigned int next;    /* next child to visit */
	int link;             /* link opened by this element, or -1 */
	int list;             /* this element pushed a list level */
	int hides;            /* this element's CSS hides its text */
	long bg, colour;      /* background and text colour before this element (restored on close), or -2 unchanged */
};

struct render {
	struct html_doc *doc;
	struct buf out;
	size_t max;
	int full;             /* max reached: stop */
	int pending_nl;       /* trailing newlines wanted before the next text (0-2) */
	int pending_sp;
	int nl_run;           /* newlines at the end of out */
	int pre;              /* inside <pre>/<textarea> */
	int hidden;           /* inside <head>, <title> ... : nothing rendered */
	int title;            /* collecting the first <title> */
	struct buf title_buf;
	int link;             /* open <a>, or -1 */
	size_t links_cap, alts_cap;
	int lists[MAX_LIST_DEPTH];   /* 0: <ul>, n > 0: next number of an <ol> */
	int nlists;
	int cell_in_row;
	int first;            /* number of the first link */
	int css_hidden;       /* inside elements whose CSS hides them */
	long bg;              /* background colour 0xRRGGBB, -1 none given (white) */
	long colour;          /* text colour, -1 none given (black) */
	size_t hidden_cap;
};

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Append bytes, stopping at max on a character boundary. */
static void
put(struct render *r, const char *s, size_t n)
{
	size_t i;

	if (r->full)
		return;
	if (r->max != 0 && r->out.len + n > r->max) {
		n = r->max > r->out.len ? r->max - r->out.len : 0;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
		r->full = 1;
		r->doc->truncated = true;
	}
	buf_add(&r->out, s, n);
	for (i = n; i > 0 && s[i - 1] == '\n'; i--)
		;
	if (i == 0)
		r->nl_run += (int)n;
	else
		r->nl_run = (int)(n - i);
}

/* Whether [s, e) is only white space (or empty). */
static bool
only_blank(const char *s, const char *e)
{
	for (; s < e; s++)
		if (!is_space(*s))
			return false;
	return true;
}

/* Text coloured as its background (white on white, mostly), or transparent. */
static bool
text_unseen(const struct render *r)
{
	long fg = r->colour == -1 ? 0x000000 : r->colour, bg = r->bg == -1 ? 0xffffff : r->bg;

	return r->colour == -3 || (r->colour != -1 && fg == bg);
}

/* Emit pending line breaks or the pending space, then visible text. */
static void
emit(struct render *r, const char *s, size_t n)
{
	if (r->hidden || r->full || n == 0)
		return;
	if (r->out.len > 0) {
		if (r->pending_nl > r->nl_run) {
			while (r->nl_run < r->pending_nl && !r->full)
				put(r, "\n", 1);
		} else if (r->pending_sp && r->nl_run == 0 && r->out.s[r->out.len - 1] != ' ')
			put(r, " ", 1);
	}
	r->pending_nl = 0;
	r->pending_sp = 0;
	if (r->link >= 0 && r->doc->links[r->link].start == NO_SPAN)
		r->doc->links[r->link].start = r->out.len;
	if (r->css_hidden > 0 || text_unseen(r)) {
		struct html_doc *d = r->doc;
		size_t at = r->out.len;

		put(r, s, n);
		if (r->out.len == at)
			return;
		if (d->nhidden > 0 && only_blank(r->out.s + d->hidden[d->nhidden - 1].end, r->out.s + at))
			d->hidden[d->nhidden - 1].end = r->out.len;   /* one span for a run */
		else {
			if (d->nhidden == r->hidden_cap) {
				r->hidden_cap = r->hidden_cap ? r->hidden_cap * 2 : 8;
				d->hidden = xreallocarray(d->hidden, r->hidden_cap, sizeof *d->hidden);
			}
			d->hidden[d->nhidden].start = at;
			d->hidden[d->nhidden++].end = r->out.len;
		}
		return;
	}
	put(r, s, n);
}

static void
block(struct render *r, int n)
{
	if (r->hidden)
		return;
	if (n > r->pending_nl)
		r->pending_nl = n;
	r->pending_sp = 0;
}

/* Text outside <pre>: runs of white space become one pending space; NBSP stays a space. */
static void
text(struct render *r, const char *s)
{
	const char *p = s, *start;

	if (r->title) {
		buf_adds(&r->title_buf, s);
		return;
	}
	if (r->hidden)
		return;
	if (r->pre) {
		for (; *p != '\0'; p++) {
			if (*p == '\r')
				continue;
			emit(r, p, 1);
		}
		return;
	}
	while (*p != '\0') {
		if (is_space(*p)) {
			r->pending_sp = 1;
			p++;
			continue;
		}
		if ((unsigned char)p[0] == 0xc2 && (unsigned char)p[1] == 0xa0) {
			emit(r, " ", 1);
			p += 2;
			continue;
		}
		start = p;
		while (*p != '\0' && !is_space(*p) &&
		    !((unsigned char)p[0] == 0xc2 && (unsigned char)p[1] == 0xa0))
			p++;
		emit(r, start, (size_t)(p - start));
	}
}

/* A copy with white space squeezed; NULL if nothing is left. */
static char *
squeezed(const char *s)
{
	char *c;

	if (s == NULL)
		return NULL;
	c = xstrdup(s);
	str_squeeze_space(c);
	if (*c == '\0') {
		free(c);
		return NULL;
	}
	return c;
}

/* Trim a URL as browsers do: outer white space and controls; tabs and newlines anywhere. */
static char *
trim_href(const char *s)
{
	size_t n = strlen(s), i, j;
	char *c;

	while (n > 0 && (unsigned char)s[n - 1] <= 0x20)
		n--;
	while (n > 0 && (unsigned char)*s <= 0x20) {
		s++;
		n--;
	}
	c = xmalloc(n + 1);
	for (i = j = 0; i < n; i++) {
		if (s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			c[j++] = s[i];
	}
	c[j] = '\0';
	return c;
}

static const char *
attr(GumboNode *n, const char *name)
{
	GumboAttribute *a = gumbo_get_attribute(&n->v.element.attributes, name);

	return a != NULL ? a->value : NULL;
}

/* Record a link; -1 when capped. The span starts at the next visible text. */
static int
link_add(struct render *r, const char *href, const char *source)
{
	struct html_doc *d = r->doc;
	struct body_link *l;

	if (d->nlinks >= HTML_MAX_LINKS) {
		d->links_capped = true;
		return -1;
	}
	if (d->nlinks == r->links_cap) {
		r->links_cap = r->links_cap ? r->links_cap * 2 : 16;
		d->links = xreallocarray(d->links, r->links_cap, sizeof *d->links);
	}
	l = &d->links[d->nlinks];
	memset(l, 0, sizeof *l);
	l->number = r->first + (int)d->nlinks;
	l->href = trim_href(href);
	l->source = xstrdup(source);
	l->start = l->end = NO_SPAN;
	return (int)d->nlinks++;
}

/* Close a link: the span ends after its text, then " [n]" (or a bare "[n]" if it had none). */
static void
link_close(struct render *r, int idx)
{
	struct body_link *l;
	char mark[32];
	size_t before;

	if (idx < 0)
		return;
	l = &r->doc->links[idx];
	if (r->link == idx)
		r->link = -1;
	if (l->text != NULL)
		return;   /* already closed by a nested <a> */
	if (l->start != NO_SPAN) {
		l->end = r->out.len;
		l->text = xstrndup(r->out.s + l->start, l->end - l->start);
		str_squeeze_space(l->text);
		snprintf(mark, sizeof mark, " [%d]", l->number);
		put(r, mark, strlen(mark));
		return;
	}
	snprintf(mark, sizeof mark, "[%d]", l->number);
	before = r->out.len;
	emit(r, mark, strlen(mark));
	if (r->out.len >= before + strlen(mark))
		l->start = l->end = r->out.len - strlen(mark);
	else
		l->start = l->end = r->out.len;
	l->text = xstrdup("");
}

static void
alt_add(struct render *r, const char *alt)
{
	struct html_doc *d = r->doc;
	char *s = squeezed(alt);

	if (s == NULL)
		return;
	if (d->nalts >= HTML_MAX_ALTS) {
		free(s);
		return;
	}
	if (d->nalts == r->alts_cap) {
		r->alts_cap = r->alts_cap ? r->alts_cap * 2 : 8;
		d->alts = xreallocarray(d->alts, r->alts_cap, sizeof *d->alts);
	}
	d->alts[d->nalts++] = s;
}

/* <meta http-equiv=refresh content="0; url='...'">: the URL part, or NULL. */
static char *
refresh_url(const char *content)
{
	const char *p = content, *q;
	char quote = 0;

	while (*p != '\0' && *p != ';' && *p != ',')
		p++;
	if (*p == '\0')
		return NULL;
	p++;
	while (is_space(*p))
		p++;
	if (ascii_strncasecmp(p, "url", 3) == 0) {
		q = p + 3;
		while (is_space(*q))
			q++;
		if (*q == '=') {
			p = q + 1;
			while (is_space(*p))
				p++;
		}
	}
	if (*p == '"' || *p == '\'')
		quote = *p++;
	q = quote ? strchr(p, quote) : NULL;
	if (q == NULL)
		q = p + strlen(p);
	if (q == p)
		return NULL;
	return xstrndup(p, (size_t)(q - p));
}

static int
block_level(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_P: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
	case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
	case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_PRE:
		return 2;
	case GUMBO_TAG_DIV: case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_LI:
	case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_DD: case GUMBO_TAG_TABLE:
	case GUMBO_TAG_TR: case GUMBO_TAG_THEAD: case GUMBO_TAG_TBODY: case GUMBO_TAG_TFOOT:
	case GUMBO_TAG_CAPTION: case GUMBO_TAG_FORM: case GUMBO_TAG_FIELDSET:
	case GUMBO_TAG_LEGEND: case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER:
	case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_NAV:
	case GUMBO_TAG_ASIDE: case GUMBO_TAG_MAIN: case GUMBO_TAG_ADDRESS:
	case GUMBO_TAG_CENTER: case GUMBO_TAG_FIGURE: case GUMBO_TAG_FIGCAPTION:
	case GUMBO_TAG_DETAILS: case GUMBO_TAG_SUMMARY: case GUMBO_TAG_HR:
	case GUMBO_TAG_BODY: case GUMBO_TAG_HTML: case GUMBO_TAG_SELECT:
	case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_OPTION: case GUMBO_TAG_LISTING:
		return 1;
	default:
		return 0;
	}
}

/* ---- inline CSS that hides text ---- */

/* A few colour names mail uses for hiding (white on white, mostly). */
static const struct {
	const char *name;
	long rgb;
} colour_names[] = {
	{ "white", 0xffffff }, { "black", 0x000000 }, { "red", 0xff0000 }, { "blue", 0x0000ff },
	{ "green", 0x008000 }, { "gray", 0x808080 }, { "grey", 0x808080 }, { "silver", 0xc0c0c0 },
	{ "yellow", 0xffff00 }, { "whitesmoke", 0xf5f5f5 }, { "snow", 0xfffafa },
};
#define TRANSPARENT (-3L)

static int
hexdig(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* A CSS or HTML colour at v (n bytes) as 0xRRGGBB, TRANSPARENT, or -1 when not understood. */
static long
css_colour(const char *v, size_t n)
{
	while (n > 0 && is_space(*v))
		v++, n--;
	if (n > 0 && *v == '#') {
		size_t k = 1;
		long c = 0;

		while (k < n && hexdig(v[k]) >= 0)
			k++;
		if (k == 4) {
			for (size_t i = 1; i < 4; i++)
				c = c << 8 | (long)(hexdig(v[i]) * 17);
			return c;
		}
		if (k == 7) {
			for (size_t i = 1; i < 7; i++)
				c = c << 4 | hexdig(v[i]);
			return c;
		}
		return -1;
	}
	if (n >= 4 && ascii_strncasecmp(v, "rgb", 3) == 0) {
		const char *p = v + 3, *end = v + n;
		long c = 0;
		int k = 0;

		if (p < end && (*p == 'a' || *p == 'A'))
			p++;
		if (p >= end || *p != '(')
			return -1;
		for (p++; k < 4 && p < end; k++) {
			char *e;
			double x = strtod(p, &e);

			if (e == p || e > end)
				return -1;
			if (k == 3)
				return x <= 0.05 ? TRANSPARENT : c;
			c = c << 8 | (long)(x < 0 ? 0 : x > 255 ? 255 : x);
			p = e;
			while (p < end && (is_space(*p) || *p == ','))
				p++;
		}
		return k == 3 ? c : -1;
	}
	if (n == 11 && ascii_strncasecmp(v, "transparent", 11) == 0)
		return TRANSPARENT;
	for (size_t i = 0; i < sizeof colour_names / sizeof *colour_names; i++)
		if (strlen(colour_names[i].name) == n && ascii_strncasecmp(v, colour_names[i].name, n) == 0)
			return colour_names[i].rgb;
	return -1;
}

/* Whether a CSS length or number at v is (about) nothing: 0, 0px, 0.4px, 0pt, 0em, 0%. */
static bool
css_zero(const char *v, size_t n, bool number)
{
	char buf[32], *e;
	double x;

	while (n > 0 && is_space(*v))
		v++, n--;
	if (n == 0 || n >= sizeof buf)
		return false;
	memcpy(buf, v, n);
	buf[n] = '\0';
	x = strtod(buf, &e);
	if (e == buf || x < 0)
		return false;
	if (number)
		return x <= 0.05;
	if (x == 0)
		return true;
	/* under a pixel or a point is nothing to a reader */
	return x < 1 && (ascii_strncasecmp(e, "px", 2) == 0 || ascii_strncasecmp(e, "pt", 2) == 0);
}

/*
 * What an inline style does to its element's text: returns true when it
 * hides it (display:none, visibility:hidden, font-size:0, opacity:0,
 * max-height:0 or height:0 with overflow:hidden, mso-hide:all); *colour
 * and *bg get the colours it sets (-1 none).
 */
static bool
css_hides(const char *style, long *colour, long *bg)
{
	const char *p = style;
	bool hides = false, zero_height = false, overflow_hidden = false;

	*colour = *bg = -1;
	while (*p != '\0') {
		const char *ps, *pe, *vs, *ve;
		size_t pn, vn;

		while (*p == ';' || is_space(*p))
			p++;
		ps = p;
		while (*p != '\0' && *p != ':' && *p != ';')
			p++;
		pe = p;
		while (pe > ps && is_space(pe[-1]))
			pe--;
		if (*p != ':')
			continue;
		vs = ++p;
		while (*p != '\0' && *p != ';')
			p++;
		ve = p;
		while (ve > vs && is_space(ve[-1]))
			ve--;
		if (ve - vs >= 10 && ascii_strncasecmp(ve - 10, "!important", 10) == 0)
			for (ve -= 10; ve > vs && is_space(ve[-1]); ve--)
				;
		while (vs < ve && is_space(*vs))
			vs++;
		pn = (size_t)(pe - ps);
		vn = (size_t)(ve - vs);
#define PROP(name) (pn == sizeof name - 1 && ascii_strncasecmp(ps, name, pn) == 0)
#define VAL(name) (vn == sizeof name - 1 && ascii_strncasecmp(vs, name, vn) == 0)
		if (PROP("display") && VAL("none"))
			hides = true;
		else if (PROP("visibility") && (VAL("hidden") || VAL("collapse")))
			hides = true;
		else if (PROP("mso-hide") && VAL("all"))
			hides = true;
		else if (PROP("font-size") && css_zero(vs, vn, false))
			hides = true;
		else if (PROP("opacity") && css_zero(vs, vn, true))
			hides = true;
		else if ((PROP("max-height") || PROP("height")) && css_zero(vs, vn, false))
			zero_height = true;
		else if (PROP("overflow") && VAL("hidden"))
			overflow_hidden = true;
		else if (PROP("color"))
			*colour = css_colour(vs, vn);
		else if (PROP("background-color"))
			*bg = css_colour(vs, vn);
		else if (PROP("background")) {
			/* the first token that is a colour */
			const char *t = vs;

			while (t < ve && *bg == -1) {
				const char *te = t;
				int depth = 0;

				while (te < ve && (depth > 0 || !is_space(*te))) {
					depth += *te == '(' ? 1 : *te == ')' ? -1 : 0;
					te++;
				}
				*bg = css_colour(t, (size_t)(te - t));
				for (t = te; t < ve && is_space(*t); t++)
					;
			}
		}
#undef PROP
#undef VAL
	}
	return hides || (zero_height && overflow_hidden);
}

/* Whether html_slim() must keep a style attribute: the renderer reads it (or cannot tell before gumbo decodes it). */
static bool
style_read(const char *v, size_t n)
{
	char *c;
	long colour, bg;
	bool read;

	if (memchr(v, '&', n) != NULL)
		return true;
	c = xstrndup(v, n);
	read = css_hides(c, &colour, &bg) || colour != -1 || bg != -1;
	free(c);
	return read;
}

/* Element opened; returns 0 if its children are not to be visited. */
static int open_element_inner(struct render *r, struct frame *f);

static int
open_element_inner(struct render *r, struct frame *f)
{
	GumboNode *n = f->node;
	GumboTag t = n->v.element.tag;
	const char *v;
	char mark[32];
	int lvl;

	switch (t) {
	case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_TEMPLATE:
	case GUMBO_TAG_NOFRAMES:
		return 0;
	case GUMBO_TAG_HEAD:
		r->hidden++;
		return 1;
	case GUMBO_TAG_TITLE:
		if (r->doc->title == NULL && !r->title) {
			r->title = 1;
			r->hidden++;
			return 1;
		}
		return 0;
	case GUMBO_TAG_META:
		if ((v = attr(n, "http-equiv")) != NULL && ascii_strcasecmp(v, "refresh") == 0 &&
		    (v = attr(n, "content")) != NULL) {
			char *url = refresh_url(v);
			int save = r->hidden, idx;

			if (url != NULL && (idx = link_add(r, url, "meta-refresh")) >= 0) {
				r->hidden = 0;   /* a redirect is shown wherever it is */
				link_close(r, idx);
				r->hidden = save;
				block(r, 1);
			}
			free(url);
		}
		return 0;
	case GUMBO_TAG_BR:
		if (!r->hidden) {
			r->pending_nl = (r->pending_nl > r->nl_run ? r->pending_nl : r->nl_run) + 1;
			if (r->pending_nl > 2)
				r->pending_nl = 2;
			r->pending_sp = 0;
		}
		return 0;
	case GUMBO_TAG_IMG:
		if ((v = attr(n, "alt")) != NULL) {
			char *s = squeezed(v);

			alt_add(r, v);
			if (s != NULL) {
				char *b = xasprintf("[%s]", s);

				emit(r, b, strlen(b));
				free(b);
				free(s);
			}
		}
		return 0;
	case GUMBO_TAG_AREA:
		if ((v = attr(n, "href")) != NULL && *v != '\0') {
			int idx = link_add(r, v, "area"), save = r->link;
			const char *alt = attr(n, "alt");
			char *s = squeezed(alt);

			if (alt != NULL)
				alt_add(r, alt);
			if (idx >= 0) {
				r->link = idx;
				if (s != NULL)
					emit(r, s, strlen(s));
				link_close(r, idx);
				r->link = save;
			}
			free(s);
		}
		return 0;
	case GUMBO_TAG_A:
		if ((v = attr(n, "href")) != NULL && *v != '\0') {
			if (r->link >= 0)
				link_close(r, r->link);
			f->link = link_add(r, v, "a");
			r->link = f->link;
		}
		return 1;
	case GUMBO_TAG_FORM:
		block(r, 1);
		if ((v = attr(n, "action")) != NULL && *v != '\0') {
			int idx = link_add(r, v, "form"), save = r->link;

			r->link = -1;
			link_close(r, idx);
			r->link = save;
		}
		return 1;
	case GUMBO_TAG_UL: case GUMBO_TAG_OL:
		block(r, r->nlists == 0 ? 2 : 1);
		if (r->nlists < MAX_LIST_DEPTH) {
			r->lists[r->nlists++] = t == GUMBO_TAG_OL ? 1 : 0;
			f->list = 1;
		}
		return 1;
	case GUMBO_TAG_LI:
		block(r, 1);
		if (r->nlists == 0 || r->lists[r->nlists - 1] == 0) {
			int d = r->nlists > 0 ? r->nlists : 1;

			if (d == 1)
				snprintf(mark, sizeof mark, "・ ");
			else
				snprintf(mark, sizeof mark, "%*s- ", (d - 1 > 8 ? 8 : d - 1) * 2, "");
		} else
			snprintf(mark, sizeof mark, "%d. ", r->lists[r->nlists - 1]++);
		emit(r, mark, strlen(mark));
		r->pending_sp = 0;
		return 1;
	case GUMBO_TAG_TR:
		block(r, 1);
		r->cell_in_row = 0;
		return 1;
	case GUMBO_TAG_TD: case GUMBO_TAG_TH:
		if (r->cell_in_row)
			r->pending_sp = 1;
		r->cell_in_row = 1;
		return 1;
	case GUMBO_TAG_PRE: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_LISTING:
		block(r, block_level(t));
		r->pre++;
		return 1;
	default:
		if ((lvl = block_level(t)) > 0)
			block(r, lvl);
		return 1;
	}
}


/* Text colour and background as the element's attributes and style set them; whether it hides its text. */
static void
css_enter(struct render *r, struct frame *f)
{
	GumboNode *n = f->node;
	const char *v;
	long colour = -1, bg = -1;

	f->hides = 0;
	f->bg = -2;
	f->colour = -2;
	if ((v = attr(n, "style")) != NULL && css_hides(v, &colour, &bg))
		f->hides = 1;
	if (gumbo_get_attribute(&n->v.element.attributes, "hidden") != NULL)
		f->hides = 1;
	if (colour == -1 && n->v.element.tag == GUMBO_TAG_FONT && (v = attr(n, "color")) != NULL)
		colour = css_colour(v, strlen(v));
	if (bg == -1 && (v = attr(n, "bgcolor")) != NULL)
		bg = css_colour(v, strlen(v));
	if (colour != -1) {
		f->colour = r->colour;
		r->colour = colour;
	}
	if (bg != -1 && bg != TRANSPARENT) {
		f->bg = r->bg;
		r->bg = bg;
	}
	r->css_hidden += f->hides;
}

static void
css_leave(struct render *r, struct frame *f)
{
	r->css_hidden -= f->hides;
	if (f->colour != -2)
		r->colour = f->colour;
	if (f->bg != -2)
		r->bg = f->bg;
	f->hides = 0;
	f->colour = f->bg = -2;
}

static int
open_element(struct render *r, struct frame *f)
{
	css_enter(r, f);
	if (open_element_inner(r, f))
		return 1;
	css_leave(r, f);
	return 0;
}

static void close_element_inner(struct render *r, struct frame *f);

static void
close_element(struct render *r, struct frame *f)
{
	close_element_inner(r, f);
	css_leave(r, f);
}

static void
close_element_inner(struct render *r, struct frame *f)
{
	GumboTag t = f->node->v.element.tag;
	int lvl;

	if (f->link >= 0)
		link_close(r, f->link);
	if (f->list && r->nlists > 0) {
		r->nlists--;
		block(r, r->nlists == 0 ? 2 : 1);
		return;
	}
	switch (t) {
	case GUMBO_TAG_HEAD:
		r->hidden--;
		return;
	case GUMBO_TAG_TITLE:
		if (r->title) {
			r->title = 0;
			r->hidden--;
			r->doc->title = squeezed(r->title_buf.s);
			if (r->doc->title == NULL)
				r->doc->title = xstrdup("");
		}
		return;
	case GUMBO_TAG_PRE: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_LISTING:
		r->pre--;
		break;
	case GUMBO_TAG_TD: case GUMBO_TAG_TH:
		r->pending_sp = 1;
		return;
	default:
		break;
	}
	if ((lvl = block_level(t)) > 0)
		block(r, lvl);
}

static GumboVector *
children(GumboNode *n)
{
	if (n->type == GUMBO_NODE_DOCUMENT)
		return &n->v.document.children;
	if (n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE)
		return &n->v.element.children;
	return NULL;
}

static void
walk(struct render *r, GumboNode *root)
{
	struct frame *stack;
	size_t depth = 0, cap = 64;

	stack = xreallocarray(NULL, cap, sizeof *stack);
	stack[depth++] = (struct frame){ root, 0, -1, 0, 0, -2, -2 };
	while (depth > 0 && !r->full) {
		struct frame *f = &stack[depth - 1];
		GumboVector *v = children(f->node);
		GumboNode *c;

		if (v == NULL || f->next >= v->length) {
			if (f->node->type == GUMBO_NODE_ELEMENT)
				close_element(r, f);
			depth--;
			continue;
		}
		c = v->data[f->next++];
		switch (c->type) {
		case GUMBO_NODE_TEXT:
		case GUMBO_NODE_WHITESPACE:
		case GUMBO_NODE_CDATA:
			text(r, c->v.text.text);
			break;
		case GUMBO_NODE_ELEMENT:
			if (depth == cap) {
				cap *= 2;
				stack = xreallocarray(stack, cap, sizeof *stack);
			}
			stack[depth] = (struct frame){ c, 0, -1, 0, 0, -2, -2 };
			if (open_element(r, &stack[depth]))
				depth++;
			break;
		default:
			break;   /* comments, <template> contents */
		}
	}
	/* Stopped at max: close what is open so every link has a span. */
	while (depth > 0) {
		struct frame *f = &stack[--depth];

		if (f->link >= 0 && r->doc->links[f->link].text == NULL)
			link_close(r, f->link);
	}
	free(stack);
}

/*
 * gumbo allocates and frees a node, a string or a vector at a time; half of
 * its time went to malloc and free. It gets a bump arena instead: frees are
 * no-ops and the whole tree goes at once (vector growth wastes at most as
 * much as it keeps).
 */
struct arena {
	struct arena_chunk *head;
};
struct arena_chunk {
	struct arena_chunk *next;
	size_t used, size;
	max_align_t data[];
};

static void *
arena_alloc(void *userdata, size_t size)
{
	struct arena *a = userdata;
	struct arena_chunk *c = a->head;
	size_t need = (size + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);

	if (c == NULL || c->size - c->used < need) {
		size_t sz = need > 65536 ? need : 65536;
		c = xmalloc(sizeof *c + sz);
		c->size = sz;
		c->used = 0;
		c->next = a->head;
		a->head = c;
	}
	c->used += need;
	return (char *)c->data + c->used - need;
}

static void
arena_free(void *userdata, void *p)
{
	(void)userdata;
	(void)p;
}

static void
arena_destroy(struct arena *a)
{
	while (a->head != NULL) {
		struct arena_chunk *next = a->head->next;
		free(a->head);
		a->head = next;
	}
}

/*
 * Inline images (src="data:image/png;base64,...") are often most of a
 * phishing mail's HTML and gumbo reads them a code point at a time: their
 * payloads are dropped before parsing (the media type stays). Returns a new
 * string, or NULL when there is nothing to drop.
 */
static char *
drop_data_payloads(const char *html, size_t *len)
{
	const char *p = html, *end = html + *len, *d;
	struct buf b;
	bool any = false;

	buf_init(&b);
	while ((d = memmem(p, (size_t)(end - p), "base64,", 7)) != NULL) {
		const char *q = d + 7;

		while (q < end && ((*q >= 'A' && *q <= 'Z') || (*q >= 'a' && *q <= 'z') ||
		    (*q >= '0' && *q <= '9') || *q == '+' || *q == '/' || *q == '=' ||
		    *q == '\n' || *q == '\r' || *q == ' '))
			q++;
		if (q - (d + 7) >= 256) {
			buf_add(&b, p, (size_t)(d + 7 - p));
			any = true;
		} else
			buf_add(&b, p, (size_t)(q - p));
		p = q;
		if (p >= end)
			break;
	}
	if (!any) {
		buf_free(&b);
		return NULL;
	}
	buf_add(&b, p, (size_t)(end - p));
	*len = b.len;
	return buf_take(&b);
}

static bool
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The '>' that ends a comment whose text starts at c, or NULL. */
static const char *
comment_end(const char *c, const char *end)
{
	/* "<!-->" and "<!--->" end at once (HTML5 "abrupt closing of empty comment") */
	if (c < end && *c == '>')
		return c;
	if (c + 1 < end && c[0] == '-' && c[1] == '>')
		return c + 1;
	/* then the first "-->" or "--!>" */
	for (const char *d = c; (d = memchr(d, '-', (size_t)(end - d))) != NULL; d++) {
		if (end - d >= 3 && d[1] == '-' && d[2] == '>')
			return d + 2;
		if (end - d >= 4 && d[1] == '-' && d[2] == '!' && d[3] == '>')
			return d + 3;
	}
	return NULL;
}

/* an attribute of a start tag: name [s, ne), whole [s, e) */
struct attr {
	const char *s, *ne, *e;
	bool dup;     /* a later one of the same name: dropped, as the tokeniser does */
	bool read;    /* read by the renderer */
};

struct name {
	const char *s;
	size_t n;
};
#define NAME(s) { s, sizeof s - 1 }

static bool
name_is(const char *s, size_t n, const struct name *set, size_t nset)
{
	for (size_t i = 0; i < nset; i++)
		if (set[i].n == n && ascii_strncasecmp(s, set[i].s, n) == 0)
			return true;
	return false;
}

/*
 * Text between tags into b, a run of white space as its first character
 * when collapse is set (the renderer collapses white space outside <pre>
 * anyway). Returns whether anything was dropped.
 */
static bool
add_text(struct buf *b, const char *s, const char *e, bool collapse)
{
	bool dropped = false;

	if (!collapse) {
		buf_add(b, s, (size_t)(e - s));
		return false;
	}
	while (s < e) {
		const char *w = s, *r;

		while (w < e && !is_space(*w))
			w++;
		if (w == e) {
			buf_add(b, s, (size_t)(e - s));
			break;
		}
		buf_add(b, s, (size_t)(w + 1 - s));
		for (r = w + 1; r < e && is_space(*r); r++)
			;
		dropped |= r > w + 1;
		s = r;
	}
	return dropped;
}

/* The end of a tag name starting at q (tag name state: up to white space, '/' or '>'). */
static const char *
tag_name_end(const char *q, const char *end)
{
	while (q < end && !is_space(*q) && *q != '/' && *q != '>')
		q++;
	return q;
}

/*
 * The next attribute of a tag from *qp, as the tokeniser's states read it:
 * name [*as, *ane), whole [*as, *ae). Returns false at the end of the tag
 * (*qp then at its '>', or at end when the input stops inside it); a '/'
 * just before that '>' sets *self_closing.
 */
static bool
next_attr(const char **qp, const char *end, const char **as, const char **ane, const char **ae,
    bool *self_closing)
{
	const char *q = *qp, *r;

	while (q < end && (is_space(*q) || *q == '/')) {
		if (*q == '/' && q + 1 < end && q[1] == '>')
			*self_closing = true;
		q++;
	}
	if (q >= end || *q == '>') {
		*qp = q;
		return false;
	}
	*self_closing = false;
	*as = q++;   /* a first '=' belongs to the name */
	while (q < end && !is_space(*q) && *q != '/' && *q != '>' && *q != '=')
		q++;
	*ane = *ae = q;
	for (r = q; r < end && is_space(*r); r++)
		;
	if (r < end && *r == '=') {
		r++;
		while (r < end && is_space(*r))
			r++;
		if (r < end && (*r == '"' || *r == '\'')) {
			const char *c = memchr(r + 1, *r, (size_t)(end - r - 1));

			r = c != NULL ? c + 1 : end;
		} else
			while (r < end && !is_space(*r) && *r != '>')
				r++;
		*ae = q = r;
	}
	*qp = q;
	return true;
}

/*
 * The first start tag at or after p with more than HTML_MAX_ATTRS
 * attributes (read as if all were markup), or NULL.
 */
static const char *
monster_tag(const char *p, const char *end)
{
	const char *lt;

	while ((lt = memchr(p, '<', (size_t)(end - p))) != NULL) {
		const char *q = lt + 1, *as, *ane, *ae;
		bool sc = false;
		size_t n = 0;

		if (q >= end || !is_alpha(*q)) {
			p = q;
			continue;
		}
		q = tag_name_end(q, end);
		while (next_attr(&q, end, &as, &ane, &ae, &sc))
			if (++n > HTML_MAX_ATTRS)
				return lt;
		p = q;
	}
	return NULL;
}

/* The "</name" (any case) that ends a raw-text or RCDATA element's text at or after p, or NULL. */
static const char *
raw_end(const char *p, const char *end, const char *name, size_t nlen)
{
	while ((p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		if ((size_t)(end - p) > nlen + 2 && p[1] == '/' && ascii_strncasecmp(p + 2, name, nlen) == 0 &&
		    (is_space(p[2 + nlen]) || p[2 + nlen] == '/' || p[2 + nlen] == '>'))
			return p;
		p++;
	}
	return NULL;
}

/* The value of an attribute whose name ends at ane and which ends at ae: whether the renderer reads it as a style. */
static bool
attr_style_read(const char *ane, const char *ae)
{
	const char *v = ane;

	while (v < ae && is_space(*v))
		v++;
	if (v >= ae || *v != '=')
		return false;
	for (v++; v < ae && is_space(*v); v++)
		;
	if (v < ae && (*v == '"' || *v == '\''))
		return style_read(v + 1, (size_t)(ae - v - 1) - (ae[-1] == *v && ae - v >= 2 ? 1 : 0));
	return style_read(v, (size_t)(ae - v));
}

/*
 * Gumbo reads everything a code point at a time, and most of a mail's
 * HTML is what the renderer never uses: comments (Outlook's conditional
 * ones), the contents of <style> and <script>, and attributes (style,
 * class, width...: 60 % of the corpus's HTML bytes are inside start
 * tags). One pass following the HTML5 tokeniser's states drops them, such
 * that the rendering is the same:
 *
 * - comments go (they end at "-->" or "--!>", as in browsers), or become
 *   empty where text would otherwise join across them;
 * - the text of <style> and <script> goes, the elements stay; that of
 *   <title>, <textarea>, <xmp>, <iframe>, <noembed> and <noframes> is
 *   copied unchanged (raw text: no tags inside), and after <plaintext>
 *   everything is;
 * - start tags keep only the attributes read here (href, alt, action,
 *   http-equiv, content, hidden, bgcolor, and style when it sets what
 *   css_hides() reads), except on the elements whose attributes the tree
 *   builder looks at, which keep all: the formatting elements (compared
 *   attribute by attribute for reconstruction), <input> (type=hidden in
 *   tables), <font> (leaves foreign content), <isindex> and annotation-xml;
 * - later attributes of the same name go, as the tokeniser drops them:
 *   gumbo 0.10 run with max_errors = 0 glues the next attribute's name
 *   onto a repeated valueless one (<a x x href=...> would lose its href);
 * - runs of white space in text keep their first character, until a
 *   <pre> or <listing> opens (the renderer collapses them elsewhere);
 * - doctypes, end tags and anything not a tag are copied.
 *
 * Whether a raw-text element's text really is raw depends on the tree
 * builder: inside <svg>/<math> it is markup, and <select>, <frameset> and
 * <template> ignore some such start tags; CDATA sections exist only in
 * <svg>/<math>. Once one of those five has been opened, the first raw-text
 * element or CDATA section ends the pass: from there the HTML is copied
 * as it is, and gumbo reads it exactly. Likewise after a <script> whose
 * text holds "<!--" (its end is then the tokeniser's business).
 *
 * A start tag with more than HTML_MAX_ATTRS attributes ends the HTML:
 * gumbo's search for repeated attributes is quadratic (one tag of 100,000
 * took two minutes), and no mail needs that many.
 *
 * Returns a new string and sets *len, or NULL when nothing was dropped.
 * *state (when not NULL) gets HTML_SLIM_WHOLE when the pass read the HTML
 * to its end, HTML_SLIM_CAPPED when it was cut at such a tag.
 */
char *
html_slim(const char *html, size_t *len, unsigned *state)
{
	static const struct name keep_attrs[] = {
		NAME("href"), NAME("alt"), NAME("action"), NAME("http-equiv"), NAME("content"),
		NAME("hidden"), NAME("bgcolor"),
	};
	static const struct name keep_all[] = {
		NAME("a"), NAME("b"), NAME("big"), NAME("code"), NAME("em"), NAME("font"), NAME("i"),
		NAME("nobr"), NAME("s"), NAME("small"), NAME("strike"), NAME("strong"), NAME("tt"),
		NAME("u"), NAME("input"), NAME("isindex"), NAME("annotation-xml"),
	};
	static const struct name raw[] = {
		NAME("title"), NAME("textarea"), NAME("xmp"), NAME("iframe"), NAME("noembed"),
		NAME("noframes"), NAME("plaintext"), NAME("style"), NAME("script"),
		/* not <noscript>: gumbo parses as if scripting were off */
	};
	static const struct name keep_space[] = { NAME("pre"), NAME("listing") };
	static const struct name unsure[] = {
		NAME("svg"), NAME("math"), NAME("select"), NAME("frameset"), NAME("template"),
	};
	const char *p = html, *end = html + *len, *lt;
	struct attr *at = NULL;
	size_t atcap = 0;
	struct buf b;
	bool any = false, ambiguous = false, collapse = true;
	const char *monster = NULL;   /* a tag with too many attributes: the HTML ends there */
	size_t after_tag = 0;   /* b.len right after the last tag written */

	buf_init(&b);
	while ((lt = memchr(p, '<', (size_t)(end - p))) != NULL) {
		const char *q = lt + 1, *name, *tag_end;
		size_t nlen;
		bool endtag = false, all, self_closing = false, dup = false;
		size_t nkept = 0, nattrs = 0;

		if (q < end && *q == '/') {
			endtag = true;
			q++;
		}
		if (!endtag && (size_t)(end - q) >= 3 && memcmp(q, "!--", 3) == 0) {
			const char *e = comment_end(q + 3, end);

			any |= add_text(&b, p, lt, collapse);
			p = e != NULL ? e + 1 : end;
			any = true;
			/*
			 * Right after a tag and before the next '<' it goes; elsewhere
			 * an empty one stays, or the text on each side would join
			 * ("<<!---->p", "&l<!---->t;"), and gumbo, which holds text
			 * back until the next token, would put text it no longer
			 * flushes here somewhere else (after an <a> it reparents).
			 */
			if (!((b.len == 0 || b.len == after_tag) && (p == end || *p == '<')))
				buf_add(&b, "<!---->", 7);
			continue;
		}
		if (!endtag && (size_t)(end - q) >= 8 && memcmp(q, "![CDATA[", 8) == 0 && ambiguous)
			break;
		if (q >= end || !is_alpha(*q)) {
			/* "<!..>" (a doctype; CDATA outside SVG), "<?..>" and "</ ..>" end at the next '>'; a lone '<' is text */
			if (q < end && (*q == '!' || *q == '?' || endtag)) {
				const char *gt = memchr(q, '>', (size_t)(end - q));

				q = gt != NULL ? gt + 1 : end;
			}
			any |= add_text(&b, p, lt, collapse);
			buf_add(&b, lt, (size_t)(q - lt));
			p = q;
			continue;
		}
		name = q;
		q = tag_name_end(q, end);
		nlen = (size_t)(q - name);
		/* the attributes, as the tokeniser's states read them */
		for (;;) {
			const char *as, *an, *ane, *ae;

			if (!next_attr(&q, end, &as, &ane, &ae, &self_closing))
				break;
			/* gumbo's search for repeats, and this one, are quadratic: such a tag ends the HTML */
			if (nattrs == HTML_MAX_ATTRS) {
				monster = lt;
				break;
			}
			if (nattrs == atcap) {
				atcap = atcap == 0 ? 32 : atcap * 2;
				at = xreallocarray(at, atcap, sizeof *at);
			}
			at[nattrs] = (struct attr){ as, ane, ae, false, false };
			/* the first of two same-named attributes wins */
			for (size_t i = 0; i < nattrs && !at[nattrs].dup; i++)
				if (at[i].ne - at[i].s == ane - as && ascii_strncasecmp(at[i].s, as, (size_t)(ane - as)) == 0)
					at[nattrs].dup = dup = true;
			/* in SVG, "xlink:href" is an attribute named href to gumbo */
			an = (size_t)(ane - as) > 6 && ascii_strncasecmp(as, "xlink:", 6) == 0 ? as + 6 : as;
			if (!at[nattrs].dup &&
			    (name_is(an, (size_t)(ane - an), keep_attrs, sizeof keep_attrs / sizeof *keep_attrs) ||
			    (ane - as == 5 && ascii_strncasecmp(as, "style", 5) == 0 && attr_style_read(ane, ae)))) {
				at[nattrs].read = true;
				nkept++;
			}
			nattrs++;
		}
		if (monster != NULL) {
			any |= add_text(&b, p, lt, collapse);
			p = lt;
			break;
		}
		if (q >= end)
			break;   /* end of input inside a tag: the tokeniser drops it; copied as it is */
		tag_end = q + 1;
		all = name_is(name, nlen, keep_all, sizeof keep_all / sizeof *keep_all);
		any |= add_text(&b, p, lt, collapse);
		if (endtag || (!dup && (all || nkept == nattrs))) {
			buf_add(&b, lt, (size_t)(tag_end - lt));
		} else {
			buf_add(&b, lt, (size_t)(name + nlen - lt));
			for (size_t i = 0; i < nattrs; i++)
				if (!at[i].dup && (all || at[i].read)) {
					buf_add(&b, " ", 1);
					buf_add(&b, at[i].s, (size_t)(at[i].e - at[i].s));
					/* "x =y" would give x the value y: an empty value said */
					if (at[i].e == at[i].ne)
						buf_add(&b, "=\"\"", 3);
				}
			buf_add(&b, self_closing ? " />" : ">", self_closing ? 3 : 1);
			any = true;
		}
		after_tag = b.len;
		p = tag_end;
		if (endtag)
			continue;
		if (name_is(name, nlen, unsure, sizeof unsure / sizeof *unsure))
			ambiguous = true;
		else if (name_is(name, nlen, keep_space, sizeof keep_space / sizeof *keep_space))
			collapse = false;
		else if (name_is(name, nlen, raw, sizeof raw / sizeof *raw)) {
			const char *c;

			if (ambiguous || (nlen == 9 && ascii_strncasecmp(name, "plaintext", 9) == 0))
				break;
			c = raw_end(p, end, name, nlen);
			if (c == NULL)
				c = end;
			if (nlen == 6 && ascii_strncasecmp(name, "script", 6) == 0 &&
			    memmem(p, (size_t)(c - p), "<!--", 4) != NULL)
				break;
			if ((nlen == 5 && ascii_strncasecmp(name, "style", 5) == 0) ||
			    (nlen == 6 && ascii_strncasecmp(name, "script", 6) == 0)) {
				if (c > p)
					any = true;
			} else
				buf_add(&b, p, (size_t)(c - p));
			p = c;
		}
	}
	free(at);
	/* what is left is copied as it is, up to a monster tag */
	if (monster == NULL)
		monster = monster_tag(p, end);
	if (monster != NULL) {
		end = monster;
		any = true;
	}
	if (state != NULL) {
		/* stopped before a tag: what is left may hold repeated attributes */
		*state = memchr(p, '<', (size_t)(end - p)) == NULL ? HTML_SLIM_WHOLE : 0;
		if (monster != NULL)
			*state |= HTML_SLIM_CAPPED;
	}
	if (!any) {
		buf_free(&b);
		return NULL;
	}
	buf_add(&b, p, (size_t)(end - p));
	*len = b.len;
	return buf_take(&b);
}

/* The code points gumbo (after HTML5's input stream rules) reads as U+FFFD. */
static bool
invalid_code_point(ucs4_t c)
{
	return (c >= 0x1 && c <= 0x8) || c == 0xb || (c >= 0xe && c <= 0x1f) || (c >= 0x7f && c <= 0x9f) ||
	    (c >= 0xfdd0 && c <= 0xfdef) || (c & 0xfffe) == 0xfffe;
}

/* Invalid UTF-8, a NUL or a code point gumbo replaces. */
static bool
needs_cleaning(const uint8_t *s, size_t len)
{
	/* bytes that may start one: C0 controls but white space, DEL, and the leads of C1 and noncharacters */
	static const bool lead[256] = {
		[0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1, [0x07] = 1,
		[0x08] = 1, [0x0b] = 1, [0x0e] = 1, [0x0f] = 1, [0x10] = 1, [0x11] = 1, [0x12] = 1, [0x13] = 1,
		[0x14] = 1, [0x15] = 1, [0x16] = 1, [0x17] = 1, [0x18] = 1, [0x19] = 1, [0x1a] = 1, [0x1b] = 1,
		[0x1c] = 1, [0x1d] = 1, [0x1e] = 1, [0x1f] = 1, [0x7f] = 1, [0xc2] = 1, [0xef] = 1,
		[0xf0] = 1, [0xf1] = 1, [0xf2] = 1, [0xf3] = 1, [0xf4] = 1,
	};

	if (u8_check(s, len) != NULL)
		return true;
	for (size_t i = 0; i < len; i++) {
		uint8_t c = s[i];

		if (!lead[c])
			continue;
		if (c < 0x80)
			return true;
		/* U+0080-U+009F, U+FDD0-U+FDEF, U+xFFFE and U+xFFFF (valid UTF-8 by now) */
		if (c == 0xc2 && s[i + 1] <= 0x9f)
			return true;
		if (c == 0xef && ((s[i + 1] == 0xb7 && s[i + 2] >= 0x90 && s[i + 2] <= 0xaf) ||
		    (s[i + 1] == 0xbf && s[i + 2] >= 0xbe)))
			return true;
		if (c >= 0xf0 && (s[i + 1] & 0x0f) == 0x0f && s[i + 2] == 0xbf && s[i + 3] >= 0xbe)
			return true;
	}
	return false;
}

/*
 * Where the HTML nests deeper than HTML_MAX_DEPTH, or NULL. gumbo's tree
 * builder searches the stack of open elements for nearly every tag, and
 * rebuilds unclosed formatting elements after each block, so its time (and
 * with the rebuilt elements its memory) grows with the square of the depth:
 * 100,000 nested <div>s took seconds. Browsers cap the depth too (Blink at
 * 512). The depth is estimated by a scan of the tags that errs on the deep
 * side: elements whose end tags are implied (p, li, td...) and void ones are
 * not counted, an end tag closes the open element of its name only when no
 * element that would stop the tree builder stands above it.
 */
static const char *
depth_cut(const char *html, size_t len)
{
	static const struct name uncounted[] = {
		/* void */
		NAME("area"), NAME("base"), NAME("br"), NAME("col"), NAME("embed"), NAME("hr"), NAME("img"),
		NAME("input"), NAME("link"), NAME("meta"), NAME("param"), NAME("source"), NAME("track"),
		NAME("wbr"), NAME("keygen"), NAME("basefont"), NAME("bgsound"), NAME("frame"), NAME("image"),
		/* end implied, or closed by the next of their kind */
		NAME("p"), NAME("li"), NAME("dt"), NAME("dd"), NAME("option"), NAME("optgroup"), NAME("rb"),
		NAME("rp"), NAME("rt"), NAME("rtc"), NAME("tr"), NAME("td"), NAME("th"), NAME("tbody"),
		NAME("thead"), NAME("tfoot"), NAME("caption"), NAME("colgroup"), NAME("html"), NAME("head"),
		NAME("body"), NAME("a"),
	};
	static const struct name raw[] = {
		NAME("script"), NAME("style"), NAME("title"), NAME("textarea"), NAME("xmp"), NAME("iframe"),
		NAME("noembed"), NAME("noframes"),
	};
	static const struct name stops[] = {
		/* the tree builder's scope boundaries and "special" elements an end tag does not pass */
		NAME("table"), NAME("applet"), NAME("object"), NAME("marquee"), NAME("template"), NAME("div"),
		NAME("ul"), NAME("ol"), NAME("dl"), NAME("blockquote"), NAME("center"), NAME("form"),
		NAME("section"), NAME("article"), NAME("aside"), NAME("header"), NAME("footer"), NAME("nav"),
		NAME("main"), NAME("address"), NAME("figure"), NAME("fieldset"), NAME("button"), NAME("select"),
		NAME("pre"), NAME("listing"), NAME("menu"), NAME("dir"), NAME("details"), NAME("summary"),
	};
	struct open {
		const char *name;
		size_t n;
		bool stop;
	} stack[HTML_MAX_DEPTH + 1];
	const char *p = html, *end = html + len, *lt;
	size_t depth = 0, foreign = 0;

	while ((lt = memchr(p, '<', (size_t)(end - p))) != NULL) {
		const char *q = lt + 1, *name, *as, *ane, *ae;
		bool endtag = false, sc = false;
		size_t n;

		if ((size_t)(end - q) >= 3 && memcmp(q, "!--", 3) == 0) {
			const char *e = comment_end(q + 3, end);

			if (e == NULL)
				return NULL;
			p = e + 1;
			continue;
		}
		if (q < end && *q == '/') {
			endtag = true;
			q++;
		}
		if (q >= end || !is_alpha(*q)) {
			p = q;
			continue;
		}
		name = q;
		q = tag_name_end(q, end);
		n = (size_t)(q - name);
		while (next_attr(&q, end, &as, &ane, &ae, &sc))
			;
		if (q >= end)
			return NULL;
		p = q + 1;
		if (endtag) {
			/* the nearest open element of that name, not past one that stops the search */
			for (size_t k = depth, seen = 0; k > 0 && seen < 32; k--, seen++) {
				if (stack[k - 1].n == n && ascii_strncasecmp(stack[k - 1].name, name, n) == 0) {
					for (; depth >= k; depth--)
						if ((stack[depth - 1].n == 3 && ascii_strncasecmp(stack[depth - 1].name, "svg", 3) == 0) ||
						    (stack[depth - 1].n == 4 && ascii_strncasecmp(stack[depth - 1].name, "math", 4) == 0))
							foreign--;
					break;
				}
				if (stack[k - 1].stop)
					break;
			}
			continue;
		}
		if (name_is(name, n, raw, sizeof raw / sizeof *raw)) {
			const char *c = raw_end(p, end, name, n);

			if (c == NULL)
				return NULL;
			p = c;
			continue;
		}
		if (n == 9 && ascii_strncasecmp(name, "plaintext", 9) == 0)
			return NULL;
		/* a self-closing tag is one only in SVG and MathML */
		if (name_is(name, n, uncounted, sizeof uncounted / sizeof *uncounted) || (sc && foreign > 0))
			continue;
		if (depth == HTML_MAX_DEPTH)
			return lt;
		if ((n == 3 && ascii_strncasecmp(name, "svg", 3) == 0) || (n == 4 && ascii_strncasecmp(name, "math", 4) == 0))
			foreign++;
		stack[depth++] = (struct open){ name, n, name_is(name, n, stops, sizeof stops / sizeof *stops) };
	}
	return NULL;
}

static void
render_html(const char *html, size_t len, size_t max, int first, struct html_doc *doc, bool exact)
{
	struct arena arena = { NULL };
	GumboOptions opt = kGumboDefaultOptions;
	GumboOutput *g;
	struct render r;
	char *clean = NULL;
	unsigned state = 0;

	memset(doc, 0, sizeof *doc);
	memset(&r, 0, sizeof r);
	r.doc = doc;
	r.max = max;
	r.link = -1;
	r.first = first;
	r.bg = r.colour = -1;
	buf_init(&r.out);
	buf_init(&r.title_buf);
	if (html == NULL)
		len = 0;
	/*
	 * gumbo wants valid UTF-8 and stops at a NUL; it reads the code points
	 * HTML5 calls invalid as U+FFFD. They are replaced here already, so
	 * that html_slim() compares attribute names as gumbo will.
	 */
	if (needs_cleaning((const uint8_t *)html, len)) {
		const uint8_t *p = (const uint8_t *)html, *end = p + len;
		struct buf b;

		buf_init(&b);
		while (p < end) {
			ucs4_t uc;
			int k = u8_mbtoucr(&uc, p, (size_t)(end - p));

			if (k <= 0 || uc == 0 || invalid_code_point(uc)) {
				buf_add(&b, "\xef\xbf\xbd", 3);
				p += k > 0 ? (size_t)k : 1;
			} else {
				buf_add(&b, (const char *)p, (size_t)k);
				p += k;
			}
		}
		len = b.len;
		html = clean = buf_take(&b);
	}
	{
		char *slim = drop_data_payloads(html, &len);

		const char *deep;

		if (slim != NULL) {
			free(clean);
			html = clean = slim;
		}
		if ((deep = depth_cut(html, len)) != NULL) {
			len = (size_t)(deep - html);
			doc->truncated = doc->markup_capped = doc->depth_capped = true;
		}
		if (!exact && (slim = html_slim(html, &len, &state)) != NULL) {
			free(clean);
			html = clean = slim;
		}
		if (state & HTML_SLIM_CAPPED)
			doc->truncated = doc->markup_capped = true;
	}
	/*
	 * gumbo's tree building is quadratic in the depth of nested formatting
	 * elements (<b><i><a> x 50,000 takes seconds): stop at HTML_MAX_TAGS.
	 */
	{
		const char *q = html, *end = html + len;
		size_t tags = 0;

		while (q != NULL && q < end && (q = memchr(q, '<', (size_t)(end - q))) != NULL) {
			if (++tags > HTML_MAX_TAGS) {
				len = (size_t)(q - html);
				doc->truncated = doc->markup_capped = true;
				break;
			}
			q++;
		}
	}
	/*
	 * Not recording parse errors is faster, but gumbo 0.10 then glues an
	 * attribute's name onto a repeated one before it: only HTML that
	 * html_slim() read to the end is free of those.
	 */
	opt.max_errors = !exact && (state & HTML_SLIM_WHOLE) ? 0 : -1;
	opt.allocator = arena_alloc;
	opt.deallocator = arena_free;
	opt.userdata = &arena;
	g = gumbo_parse_with_options(&opt, len > 0 ? html : "", len);
	walk(&r, g->document);
	arena_destroy(&arena);
	free(clean);
	buf_free(&r.title_buf);
	doc->text = buf_take(&r.out);
	doc->len = strlen(doc->text);
}

void
html_render(const char *html, size_t len, size_t max, struct html_doc *doc)
{
	render_html(html, len, max, 1, doc, false);
}

void
html_render_numbered(const char *html, size_t len, size_t max, int first, struct html_doc *doc)
{
	render_html(html, len, max, first, doc, false);
}

void
html_render_exact(const char *html, size_t len, size_t max, struct html_doc *doc)
{
	render_html(html, len, max, 1, doc, true);
}

void
html_doc_free(struct html_doc *doc)
{
	if (doc == NULL)
		return;
	free(doc->text);
	for (size_t i = 0; i < doc->nlinks; i++) {
		free(doc->links[i].href);
		free(doc->links[i].text);
		free(doc->links[i].source);
	}
	free(doc->links);
	free(doc->title);
	for (size_t i = 0; i < doc->nalts; i++)
		free(doc->alts[i]);
	free(doc->alts);
	free(doc->hidden);
	memset(doc, 0, sizeof *doc);
}
