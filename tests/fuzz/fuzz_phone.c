/* fuzz_phone.c — libFuzzer harness for phone number finding. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "phone.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct phone ph[32];
	size_t n = phone_find((const char *)data, size, ph, 32);

	for (size_t i = 0; i < n; i++) {
		if (ph[i].start > ph[i].end || ph[i].end > size)
			abort();
		free(ph[i].number);
	}
	return 0;
}
