/* fuzz_brands.c — libFuzzer harness for the brand registry parser and brand-name matching. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "brands.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct brands *b = brands_new();
	char *cause = NULL, **problems = NULL;
	size_t s, e, np = 0;
	int cover;

	brands_load_mem(b, (const char *)data, size, "fuzz", &cause);
	free(cause);
	/* The input as text to match against whatever brands it defined. */
	if (brands_match(b, (const char *)data, size, &s, &e, &cover) != NULL && (s > e || e > size))
		abort();
	brands_validate(b, &problems, &np);
	for (size_t i = 0; i < np; i++)
		free(problems[i]);
	free(problems);
	for (size_t i = 0; i < brands_count(b); i++)
		brands_root(b, brands_get(b, i));
	brands_free(b);
	return 0;
}
