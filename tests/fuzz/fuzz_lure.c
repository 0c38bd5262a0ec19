/* fuzz_lure.c — libFuzzer harness for the lure checks: numbers and amounts in raw text, then the whole check over a parsed message. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "address.h"
#include "auth.h"
#include "brands.h"
#include "findings.h"
#include "lure.h"
#include "message.h"
#include "url.h"

static volatile size_t sink;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct lure_phone ph[16];
	size_t first[2], n;
	double big;
	struct message *m;
	struct addresses a;
	struct auth_summary auth;
	struct findings fs = { 0 };
	struct link *links = NULL;
	size_t nlinks = 0;
	const struct brands *b;
	char *cause = NULL;

	/* the scanners read exactly size bytes: no terminating NUL is given */
	n = lure_find_phones(text, size, ph, 16);
	for (size_t i = 0; i < n; i++)
		if (ph[i].start >= ph[i].end || ph[i].end > size)
			abort();
	if (lure_find_money(text, size, first, &big) > 0 && (first[0] >= first[1] || first[1] > size || big < 0))
		abort();
	sink += lure_is_freemail(size < 64 ? "gmail.com" : "example.com");

	message_init();
	if (message_load_mem(text, size, "fuzz", &m, &cause) != 0) {
		free(cause);
		return 0;
	}
	b = brands_default(NULL);
	addresses_collect(m, &a);
	links_collect(m, b, &links, &nlinks);
	memset(&auth, 0, sizeof auth);
	if (lure_check(m, &a, &auth, links, nlinks, b, &fs, &cause) != 0)
		free(cause);
	for (size_t i = 0; i < fs.n; i++) {
		const struct finding *f = &fs.v[i];
		const char *field = NULL;

		if (strcmp(f->where, "body") == 0)
			field = m->body;
		else if (strcmp(f->where, "header:Subject") == 0)
			field = message_hvalue(m, "Subject");
		else if (strcmp(f->where, "header:From") == 0)
			field = message_hvalue(m, "From");
		if (f->span_start < -1 || f->span_end < f->span_start)
			abort();
		if (field != NULL && f->span_end > (long)strlen(field))
			abort();
		sink += strlen(f->evidence);
	}
	findings_free(&fs);
	links_free(links, nlinks);
	addresses_free(&a);
	message_free(m);
	return 0;
}
