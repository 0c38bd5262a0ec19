/* fuzz_text.c — libFuzzer harness for the text checks: every check over arbitrary bytes as one field. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "findings.h"
#include "text.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct findings fs = { NULL, 0, 0 };
	char *cause = NULL;

	if (size > 1 << 16)
		return 0;
	text_load(&cause);   /* the lists from KENSA_DATADIR (make check sets it); missing lists are fine */
	free(cause);
	text_scan((const char *)data, size, "body", 0, TEXT_ALL_CHECKS | TEXT_JAPANESE, &fs);
	for (size_t i = 0; i < fs.n; i++)
		if (fs.v[i].span_start < 0 || fs.v[i].span_end > (long)size || fs.v[i].span_start > fs.v[i].span_end)
			abort();
	findings_free(&fs);
	return 0;
}
