/* fuzz_conffile.c — libFuzzer harness for the one config reader: every comment style, key = value, and the error list. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "conffile.h"

static volatile size_t sink;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int flag_sets[] = {
		0,
		CONFFILE_KV | CONFFILE_HASH_ANYWHERE | CONFFILE_SQUEEZE,
		CONFFILE_HASH_WORD,
		CONFFILE_KV,
	};

	for (size_t i = 0; i < sizeof flag_sets / sizeof flag_sets[0]; i++) {
		struct conffile *cf = conffile_open_mem((const char *)data, size, "fuzz", flag_sets[i]);
		struct conffile_line l;
		char *cause = NULL;
		unsigned last = 0;

		while (conffile_next(cf, &l)) {
			/* what the reader promises: increasing line numbers, trimmed text of the stated length */
			if (l.lineno <= last || strlen(l.text) != l.len ||
			    (l.len == 0 && !(flag_sets[i] & CONFFILE_KV)) ||
			    (l.len > 0 && (l.text[0] == ' ' || l.text[l.len - 1] == ' ')) || ((flag_sets[i] & CONFFILE_KV) && (l.key == NULL || l.value == NULL)))
				abort();
			last = l.lineno;
			sink += l.len;
			if (l.len % 7 == 0)
				conffile_error(cf, "length %zu", l.len);
		}
		if ((conffile_close(cf, &cause) == 0) != (cause == NULL))
			abort();
		sink += cause != NULL ? strlen(cause) : 0;
		free(cause);
	}
	return 0;
}
