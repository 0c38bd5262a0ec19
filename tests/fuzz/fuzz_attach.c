/* fuzz_attach.c — libFuzzer harness for the attachment checks (magic numbers, ZIP local headers, HTML). */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "attach.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = { NULL, "a.zip", "x.html", "請求書.pdf.exe" };
	char *copy = malloc(size + 1), *why;

	if (copy == NULL)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		/* the content also as the body (passwords) and, once, as the file name */
		why = attach_risk(names[i], i == 2 ? "text/html" : NULL, copy, size, copy);
		free(why);
	}
	why = attach_risk(copy, NULL, NULL, 0, NULL);
	free(why);
	free(copy);
	return 0;
}
