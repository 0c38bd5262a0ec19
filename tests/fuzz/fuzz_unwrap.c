/* fuzz_unwrap.c — libFuzzer harness for the gateway and click-tracker unwrapper, and link facts built on it. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "unwrap.h"
#include "url.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	struct unwrap u;
	struct link *l;

	if (s == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	unwrap_url(s, &u);
	/* What was decoded is a URL with a host, never longer than its wrapper, and the chain is bounded. */
	if (u.nwrappers > UNWRAP_MAX_DEPTH + 1 || (u.target != NULL && strlen(u.target) > size + 8))
		abort();
	if (u.target != NULL) {
		struct url_parts p;

		if (url_parse(u.target, &p) != 0 || p.host == NULL)
			abort();
		url_parts_free(&p);
	}
	unwrap_free(&u);
	(void)unwrap_tracking_host(s);
	(void)unwrap_tracking_path(s);
	/* the same input as a link, through every fact the checks use */
	l = calloc(1, sizeof *l);
	if (l != NULL) {
		l->source = strdup("a");
		l->href = strdup(s);
		l->text = strdup(s);
		link_fill(l, NULL);
		links_free(l, 1);
	}
	free(s);
	return 0;
}
