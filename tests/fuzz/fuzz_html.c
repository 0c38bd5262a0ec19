/* fuzz_html.c — libFuzzer harness for the HTML renderer: html_render() must agree with html_render_exact(). */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "html.h"
#include "html_same.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *d;

	if (size > 1 << 20)
		return 0;
	/* a small cap as well: the cap is where the renderer once looped */
	if ((d = html_render_diff((const char *)data, size, 0)) != NULL ||
	    (d = html_render_diff((const char *)data, size, 256)) != NULL) {
		fprintf(stderr, "html_render and html_render_exact differ: %s\n", d);
		abort();
	}
	return 0;
}
