/* fuzz_message.c — libFuzzer harness for message loading: headers, MIME tree, body, links. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "message.h"

static volatile size_t sink;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct message *m;
	const struct header *h = NULL;
	const struct html_doc *d;
	char *cause = NULL;

	message_init();
	if (message_load_mem((const char *)data, size, "fuzz", &m, &cause) != 0) {
		free(cause);
		return 0;
	}
	for (size_t i = 0; i < m->nheaders; i++)
		sink += strlen(m->headers[i].name) + strlen(m->headers[i].raw) + strlen(m->headers[i].value);
	while ((h = message_header_next(m, "Received", h)) != NULL)
		sink++;
	sink += strlen(m->body) + m->body_len;
	if (strlen(m->body) != m->body_len)
		abort();
	for (size_t i = 0; i < m->nlinks; i++) {
		if (m->links[i].start > m->links[i].end || m->links[i].end > m->body_len)
			abort();
		sink += strlen(m->links[i].href) + strlen(m->links[i].text) + strlen(m->links[i].source);
	}
	for (size_t i = 0; i < m->nparts; i++) {
		sink += strlen(m->parts[i].content_type) + m->parts[i].size;
		if (m->parts[i].filename != NULL)
			sink += strlen(m->parts[i].filename);
		if (m->parts[i].charset != NULL)
			sink += strlen(m->parts[i].charset);
	}
	for (size_t i = 0; i < m->nnotices; i++)
		sink += strlen(m->notices[i]);
	if ((d = message_html(m)) != NULL) {
		if (d->title != NULL)
			sink += strlen(d->title);
		for (size_t i = 0; i < d->nalts; i++)
			sink += strlen(d->alts[i]);
	}
	message_free(m);
	return 0;
}
