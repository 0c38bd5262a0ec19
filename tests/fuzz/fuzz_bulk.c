/* fuzz_bulk.c — libFuzzer harness for bulk and list evidence and the random-name test over a message's headers. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "address.h"
#include "bulk.h"
#include "message.h"
#include "randname.h"

static volatile size_t sink;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct message *m;
	struct addresses a;
	struct bulk_evidence b;
	char *cause = NULL, *s, *text;

	message_init();
	/* the input as a display name, too */
	if ((text = malloc(size + 1)) == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	sink += randname_check(text);
	sink += (size_t)randname_surprise(text, strlen(text));
	free(text);
	if (message_load_mem((const char *)data, size, "fuzz", &m, &cause) != 0) {
		free(cause);
		return 0;
	}
	addresses_collect(m, &a);
	bulk_collect(m, &a, &b);
	if ((s = bulk_summary(&b)) != NULL) {
		sink += strlen(s);
		free(s);
	}
	sink += bulk_is_list_host(&b, a.return_path.domain) + bulk_is_list_host(&b, a.from.domain);
	if (a.msgid_domain != NULL && bulk_esp_of(a.msgid_domain) != NULL)
		sink++;
	if (a.from.display != NULL)
		sink += randname_check(a.from.display);
	bulk_evidence_free(&b);
	addresses_free(&a);
	message_free(m);
	return 0;
}
