/* fuzz_settings.c — libFuzzer harness for the config file reader and the trusted_relays entry parser. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "received.h"
#include "settings.h"
#include "util.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[] = "/tmp/kensa-fuzz-settings-XXXXXX", *s, *line, *save = NULL;
	struct settings st;
	char *cause = NULL;
	int fd;

	/* settings_load() reads a file: the input is written to a private one. */
	if ((fd = mkstemp(path)) < 0)
		return 0;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		unlink(path);
		return 0;
	}
	close(fd);
	settings_init(&st);
	(void)settings_load(&st, path, &cause);
	free(cause);
	settings_free(&st);
	unlink(path);

	/* Every line as one trusted_relays entry. */
	s = xmalloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	for (line = strtok_r(s, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
		char *norm = NULL;

		cause = NULL;
		if (received_relay_parse(line, &norm, &cause) == 0)
			free(norm);
		else
			free(cause);
	}
	free(s);
	return 0;
}
