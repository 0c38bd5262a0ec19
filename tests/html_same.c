/* html_same.c — compares two renderings of the same HTML: html_render() is held to html_render_exact(). */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html_same.h"

static bool
same(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

const char *
html_doc_diff(const struct html_doc *a, const struct html_doc *b)
{
	static char why[512];

	if (!same(a->text, b->text)) {
		size_t i = 0;

		while (a->text[i] != '\0' && a->text[i] == b->text[i])
			i++;
		snprintf(why, sizeof why, "text differs at byte %zu: \"%.60s\" / \"%.60s\"", i, a->text + i, b->text + i);
		return why;
	}
	if (a->nlinks != b->nlinks) {
		snprintf(why, sizeof why, "%zu links / %zu", a->nlinks, b->nlinks);
		return why;
	}
	for (size_t i = 0; i < a->nlinks; i++) {
		const struct body_link *x = &a->links[i], *y = &b->links[i];

		if (x->number != y->number || !same(x->href, y->href) || !same(x->text, y->text) ||
		    !same(x->source, y->source) || x->start != y->start || x->end != y->end) {
			snprintf(why, sizeof why, "link %zu: %s \"%.60s\" [%zu,%zu) / %s \"%.60s\" [%zu,%zu)", i + 1,
			    x->source, x->href, x->start, x->end, y->source, y->href, y->start, y->end);
			return why;
		}
	}
	if (!same(a->title, b->title))
		return "title";
	if (a->nalts != b->nalts)
		return "number of alt texts";
	for (size_t i = 0; i < a->nalts; i++)
		if (!same(a->alts[i], b->alts[i]))
			return "alt text";
	if (a->truncated != b->truncated || a->links_capped != b->links_capped)
		return "caps";
	return NULL;
}

const char *
html_render_diff(const char *html, size_t len, size_t max)
{
	struct html_doc a, b;
	const char *d;

	/* HTML cut before markup too large to parse renders less, by design: nothing to compare */
	html_render(html, len, max, &b);
	if (b.markup_capped) {
		d = b.truncated ? NULL : "markup capped but not marked truncated";
		html_doc_free(&b);
		return d;
	}
	html_render_exact(html, len, max, &a);
	d = html_doc_diff(&a, &b);
	html_doc_free(&a);
	html_doc_free(&b);
	return d;
}
