/* fuzz_address.c — libFuzzer harness for mailbox parsing and header decoding. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "address.h"
#include "message.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), *dec;
	struct address a;

	if (s == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	message_init();
	dec = message_decode_header(s);
	address_parse(s, dec, &a);
	address_free(&a);
	free(dec);
	free(s);
	return 0;
}
