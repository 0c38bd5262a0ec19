/* fuzz_authres.c — libFuzzer harness for the Authentication-Results, Received-SPF and DKIM-Signature parsers. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "authres.h"
#include "util.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ar_header h;
	struct received_spf spf;
	char *s, *cause, *d, *sel;

	s = xmalloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';

	for (int arc = 0; arc < 2; arc++) {
		cause = NULL;
		if (authres_parse(s, arc, &h, &cause) == 0) {
			for (size_t i = 0; i < h.nclauses; i++) {
				(void)authres_prop(&h.clauses[i], "smtp", "mailfrom");
				(void)authres_result_name(h.clauses[i].result);
			}
		}
		authres_free(&h);
		free(cause);
	}

	cause = NULL;
	if (received_spf_parse(s, &spf, &cause) == 0)
		(void)authres_result_name(spf.result);
	received_spf_free(&spf);
	free(cause);

	d = sel = NULL;
	(void)dkim_signature_tags(s, &d, &sel);
	free(d);
	free(sel);

	free(s);
	return 0;
}
