/* html_same.h — compares two renderings of the same HTML (tests and fuzzing). */
#ifndef KENSA_HTML_SAME_H
#define KENSA_HTML_SAME_H

#include "html.h"

/*
 * NULL when a and b render the same: text, links (number, target, text,
 * source, span), title, alt texts and caps. Otherwise what differs first
 * (a static buffer).
 */
const char *html_doc_diff(const struct html_doc *a, const struct html_doc *b);

/*
 * Renders html with html_render() and html_render_exact(); what differs, or
 * NULL. HTML cut before markup too large to parse (html_doc.markup_capped)
 * is only checked to be marked truncated.
 */
const char *html_render_diff(const char *html, size_t len, size_t max);

#endif
