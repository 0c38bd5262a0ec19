/* fuzz_rdap.c — libFuzzer harness for the RDAP answer parser and the RFC 3339 date parser. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domainage.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), *cause = NULL;
	time_t t;

	if (s == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (domainage_parse_rdap(s, size, &t, &cause) != 0 && cause == NULL)
		abort();   /* a failure always says why */
	free(cause);
	(void)domainage_parse_time(s, &t);
	free(s);
	return 0;
}
