/* fuzz_lookalike.c — libFuzzer harness for brand look-alikes: every input line as a host, and its fold. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "brands.h"
#include "lookalike.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct brands *b = brands_default(NULL);
	char *s = malloc(size + 1), *save = NULL;

	if (s == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	for (char *line = strtok_r(s, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
		struct lookalike_match m;
		char *f = lookalike_fold(line);

		free(f);
		if (lookalike_host(b, line, &m)) {
			char *ev = lookalike_evidence(&m, line);

			/* a match names a brand and a label, and its span lies inside the host as passed */
			if (m.brand == NULL || m.label == NULL || m.token == NULL || m.how == NULL || ev == NULL)
				abort();
			if (m.start >= 0 && (m.end < m.start || (size_t)m.end > strlen(line) ||
			    strncasecmp(line + m.start, m.label, (size_t)(m.end - m.start)) != 0))
				abort();
			free(ev);
			lookalike_match_free(&m);
		} else if (m.label != NULL)
			abort();
	}
	free(s);
	return 0;
}
