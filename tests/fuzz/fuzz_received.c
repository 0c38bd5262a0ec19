/* fuzz_received.c — libFuzzer harness for Received: parsing, date parsing and the trust walk. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "received.h"
#include "util.h"

#define MAX_VALUES 256	/* analyze.c reads at most 100 Received headers */

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *relays[] = { "192.0.2.0/24", "2001:db8::/32", "198.51.100.7",
	    "mx.example.com", ".example.org", "bad/999" };
	struct received_config cfg = { relays, sizeof relays / sizeof relays[0], -1 };
	struct hop one, *hops = NULL;
	size_t n = 0;
	char *s, *p, *cause = NULL;
	time_t t;

	s = xmalloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';

	/* The whole input as one value. */
	if (received_parse(s, &one, &cause) == 0)
		(void)received_chain(&one, 1, NULL);
	received_hop_free(&one);
	free(cause);
	(void)received_parse_date(s, &t);
	(void)ip_is_private(s);

	/* Blank-line separated values as one chain, topmost first. */
	p = s;
	while (p != NULL && n < MAX_VALUES) {
		char *next = strstr(p, "\n\n");

		if (next != NULL) {
			*next = '\0';
			next += 2;
		}
		hops = xreallocarray(hops, n + 1, sizeof *hops);
		cause = NULL;
		if (received_parse(p, &hops[n], &cause) == 0)
			n++;
		else
			received_hop_free(&hops[n]);
		free(cause);
		p = next;
	}
	(void)received_chain(hops, n, NULL);
	if (n > 0) {
		cfg.boundary_override = (int)(size % (n + 1)) - 1;
		(void)received_chain(hops, n, &cfg);
		cfg.boundary_override = -1;
		(void)received_chain(hops, n, &cfg);
	}
	for (size_t i = 0; i < n; i++)
		received_hop_free(&hops[i]);
	free(hops);
	free(s);
	return 0;
}
