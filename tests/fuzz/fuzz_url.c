/* fuzz_url.c — libFuzzer harness for URL parsing, defanging, bare-URL finding and link facts. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "url.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), *d;
	struct url_parts u;
	struct url_span spans[64];
	struct link l;
	size_t n;

	if (s == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	url_parse(s, &u);
	url_parts_free(&u);
	d = url_defang(s);
	free(d);
	n = url_find_text(s, size, spans, 64);
	for (size_t i = 0; i < n; i++) {
		memset(&l, 0, sizeof l);
		l.source = strdup("a");
		l.href = strndup(s + spans[i].start, spans[i].end - spans[i].start);
		l.text = strdup(s);
		link_fill(&l, NULL);
		free(l.source); free(l.href); free(l.text); free(l.defanged); free(l.scheme);
		free(l.host); free(l.host_ascii); free(l.host_unicode); free(l.org_domain);
		free(l.userinfo); free(l.brand_subdomain); free(l.text_domain);
		free(l.unwrapped); free(l.unwrapped_defanged); free(l.tracker);
		for (size_t k = 0; k < l.nwrappers; k++)
			free(l.wrappers[k]);
		free(l.wrappers);
	}
	free(s);
	return 0;
}
