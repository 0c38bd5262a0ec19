/* fuzz_bootstrap.c — libFuzzer harness for the RDAP bootstrap (RFC 9224) parser and its TLD matching. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domainage.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = { "example.com", "a.b.co.jp", "com", "", ".", "x..top", "xn--zckzah.jp" };
	struct rdap_bootstrap *b = NULL;
	char *cause = NULL;

	if (domainage_bootstrap_parse((const char *)data, size, &b, &cause) == 0) {
		for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
			char *url = domainage_bootstrap_url(b, names[i]);
			if (url != NULL && (*url == '\0' || url[strlen(url) - 1] != '/'))
				abort();   /* base URLs always end in '/' */
			free(url);
		}
		(void)domainage_bootstrap_date(b);
		domainage_bootstrap_free(b);
	} else if (cause == NULL)
		abort();
	free(cause);
	return 0;
}
