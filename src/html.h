/* html.h — HTML mail bodies rendered to readable text with numbered links. */
#ifndef KENSA_HTML_H
#define KENSA_HTML_H

#include <stdbool.h>
#include <stddef.h>

#include "message.h"

/* Past this many links, text is still rendered but links are no longer numbered. */
#define HTML_MAX_LINKS 5000
/* HTML past this many tags is not rendered (gumbo is quadratic on deep nesting). */
#define HTML_MAX_TAGS  50000
/* Past this many attributes on one start tag, the HTML is cut before it (gumbo is quadratic there too). */
#define HTML_MAX_ATTRS 256
/* HTML whose elements nest deeper than this is cut there (gumbo's tree building is quadratic in depth). */
#define HTML_MAX_DEPTH 512
/* Past this many image alt texts, no more are kept. */
#define HTML_MAX_ALTS  1000

struct html_doc {
	char *text;               /* rendered text, valid UTF-8, NUL-terminated (never NULL) */
	size_t len;
	struct body_link *links;  /* in document order, numbered from 1 */
	size_t nlinks;
	char *title;              /* <title>, squeezed, or NULL */
	char **alts;              /* alt texts of <img> (and <area>), squeezed, non-empty */
	size_t nalts;
	bool truncated;           /* text stopped at the max given to html_render(), or markup_capped */
	bool markup_capped;       /* HTML cut at HTML_MAX_TAGS tags or at a tag with too many attributes */
	bool links_capped;        /* more than HTML_MAX_LINKS links */
	bool depth_capped;        /* HTML cut where elements nest deeper than HTML_MAX_DEPTH (also markup_capped) */
	struct text_span *hidden; /* spans of text the CSS hides (display:none, visibility:hidden, font-size:0, */
	size_t nhidden;           /* opacity:0, max-height:0 with overflow:hidden, text coloured as its background) */
};

/*
 * Render len bytes of UTF-8 HTML (invalid bytes are replaced) into *doc,
 * keeping at most max bytes of text (0: no limit). Block elements break
 * lines, <p> and headings leave a blank line, list items get "・ " (ordered:
 * "1. "), table cells are separated by a space and rows by a line break;
 * <head>, <script>, <style> and <template> are not rendered; white space
 * collapses as in a browser except inside <pre>. Each link's visible text is
 * followed by " [n]" and recorded in doc->links with the byte span of that
 * text in doc->text: <a href> and <area href> (source "a"/"area"), <form
 * action> ("form") and <meta http-equiv=refresh> ("meta-refresh"); the
 * latter two and text-less links show a bare "[n]" where they occur.
 * <img alt> shows as "[alt]". Never fails; free with html_doc_free().
 */
void html_render(const char *html, size_t len, size_t max, struct html_doc *doc);
/* The same with links numbered from first (a body made of several parts). */
void html_render_numbered(const char *html, size_t len, size_t max, int first, struct html_doc *doc);
void html_doc_free(struct html_doc *doc);

/*
 * The HTML without what html_render() never uses (comments, the text of
 * <style> and <script>, attributes it does not read), such that it renders
 * the same: a new string with *len set, or NULL when nothing was dropped;
 * *state (may be NULL) tells whether the pass read the HTML to its end (it
 * stops where the tokeniser's state depends on the tree builder) and
 * whether it cut the HTML before a tag with too many attributes.
 * html_render() parses its result; html_render_exact() parses the HTML as
 * it is (slower, with gumbo's full error tracking): the reference the
 * tests and the fuzz harness hold html_render() to.
 */
char *html_slim(const char *html, size_t *len, unsigned *state);
#define HTML_SLIM_WHOLE  1u   /* read to the end: no repeated attribute left */
#define HTML_SLIM_CAPPED 2u   /* cut before a tag with too many attributes */
void html_render_exact(const char *html, size_t len, size_t max, struct html_doc *doc);

/*
 * The rendering of a loaded message's HTML body, or NULL when the body was
 * not HTML (implemented in message.c; valid until message_free()). Gives
 * later modules the title and image alt texts (brand claims); its text and
 * links have been moved to message.body and message.links (here NULL/0).
 */
const struct html_doc *message_html(const struct message *m);

#endif
