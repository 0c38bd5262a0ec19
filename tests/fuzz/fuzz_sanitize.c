/* fuzz_sanitize.c — libFuzzer harness for the UI's sanitiser: whatever the bytes, the output steers no terminal. */
#include "config.h"

#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "sanitize.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int init;
	char *out;
	size_t len;

	if (!init) {
		init = 1;
		if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
			setlocale(LC_CTYPE, "en_US.UTF-8");
	}
	for (unsigned flags = 0; flags <= SAN_ASCII; flags += SAN_ASCII) {
		int w = sanitize_width((const char *)data, size, flags);
		out = sanitize_string((const char *)data, size, flags);
		len = strlen(out);
		if (u8_check((const uint8_t *)out, len) != NULL)
			abort();
		for (size_t i = 0; i < len; i++) {
			unsigned char c = (unsigned char)out[i];
			if (c < 0x20 || c == 0x7F)   /* C0, ESC, DEL */
				abort();
			if (c == 0xC2 && i + 1 < len && (unsigned char)out[i + 1] >= 0x80 && (unsigned char)out[i + 1] <= 0x9F)
				abort();   /* C1 */
		}
		if (w < 0 || (size > 0 && len == 0))
			abort();
		free(out);
	}
	return 0;
}
