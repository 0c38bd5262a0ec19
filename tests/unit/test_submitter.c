/* test_submitter.c — the client behind a webmail or submission server, and who vouches for it. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "message.h"
#include "received.h"
#include "submitter.h"
#include "util.h"

/* Load text, parse its Received headers, run the trust walk and find the submitter. */
static int
find(const char *text, struct submitter *s, int *origin)
{
	struct message *m;
	struct hop *hops = NULL;
	const struct header *h = NULL;
	size_t n = 0;
	char *cause = NULL;
	int rc;

	ck_assert_int_eq(message_load_mem(text, strlen(text), "t", &m, &cause), 0);
	while ((h = message_header_next(m, "Received", h)) != NULL) {
		hops = xreallocarray(hops, n + 1, sizeof *hops);
		ck_assert_int_eq(received_parse(h->raw, &hops[n], &cause), 0);
		n++;
	}
	*origin = received_chain(hops, n, NULL);
	rc = submitter_find(m, hops, n, *origin, s);
	for (size_t i = 0; i < n; i++)
		received_hop_free(&hops[i]);
	free(hops);
	message_free(m);
	return rc;
}

#define MX "Received: from localhost (localhost [127.0.0.1]) by mx.example.com (Postfix) with ESMTP id A; Mon, 1 Jan 2024 10:00:05 +0000\n"
#define OUT "Received: from webmail.example.net (webmail.example.net [198.51.100.10]) by mx.example.com (Postfix) with ESMTPS id B; Mon, 1 Jan 2024 10:00:04 +0000\n"

/* Written by the webmail host under its own Received: the origin server's statement. */
START_TEST(originating_ip_under_origin)
{
	struct submitter s;
	int o;

	ck_assert_int_eq(find(MX OUT "X-Originating-IP: [203.0.113.77]\nFrom: <a@example.net>\n\nbody\n", &s, &o), 0);
	ck_assert_int_eq(o, 1);
	ck_assert_str_eq(s.ip, "203.0.113.77");
	ck_assert_int_eq(s.trust, SUBMITTER_ORIGIN);
	ck_assert_str_eq(s.source, "X-Originating-IP");
	ck_assert_str_eq(s.where, "header:X-Originating-IP");
	ck_assert_str_eq(submitter_trust_name(s.trust), "origin-server");
	submitter_free(&s);
}
END_TEST

/* Under a Received the sender wrote: as claimed. */
START_TEST(sender_ip_claimed)
{
	struct submitter s;
	int o;

	ck_assert_int_eq(find(MX OUT
	    "Received: from pc (unknown [10.0.0.2]) by webmail.example.net (Postfix) with ESMTP id C; Mon, 1 Jan 2024 10:00:03 +0000\n"
	    "X-Sender-IP: 203.0.113.78\nFrom: <a@example.net>\n\nbody\n", &s, &o), 0);
	ck_assert_str_eq(s.ip, "203.0.113.78");
	ck_assert_int_eq(s.trust, SUBMITTER_CLAIMED);
	ck_assert_str_eq(submitter_trust_name(s.trust), "claimed");
	submitter_free(&s);
}
END_TEST

/* Exchange Online: "TenantId=...;Ip=[...];Helo=[...]", stamped above the origin by the receiving side. */
START_TEST(crosstenant_receiving_side)
{
	struct submitter s;
	int o;

	ck_assert_int_eq(find(MX
	    "X-MS-Exchange-CrossTenant-OriginalAttributedTenantConnectingIp: TenantId=0b0f2c65-1a1b-4c3d-9e8f-001122334455;Ip=[203.0.113.79];Helo=[pc.example.net]\n"
	    OUT "From: <a@example.net>\n\nbody\n", &s, &o), 0);
	ck_assert_str_eq(s.ip, "203.0.113.79");
	ck_assert_int_eq(s.trust, SUBMITTER_RECEIVING);
	submitter_free(&s);
}
END_TEST

/* Webmail hop right under the origin: "(SquirrelMail authenticated user x) ... with HTTP". */
START_TEST(webmail_hop)
{
	struct submitter s;
	int o;

	ck_assert_int_eq(find(MX OUT
	    "Received: from 203.0.113.80 (SquirrelMail authenticated user synapse) by webmail.example.net with HTTP; Mon, 1 Jan 2024 10:00:03 +0000\n"
	    "X-Originating-IP: 203.0.113.81\nFrom: <a@example.net>\n\nbody\n", &s, &o), 0);
	ck_assert_str_eq(s.ip, "203.0.113.80");
	ck_assert_int_eq(s.trust, SUBMITTER_ORIGIN);
	ck_assert_str_eq(s.source, "Received[3] with HTTP");
	ck_assert_str_eq(s.where, "header:Received[3]");
	submitter_free(&s);
}
END_TEST

/* Authenticated submission two hops down: as claimed. */
START_TEST(esmtpa_claimed)
{
	struct submitter s;
	int o;

	ck_assert_int_eq(find(MX OUT
	    "Received: from relay.example.net (relay.example.net [192.0.2.1]) by webmail.example.net (Postfix) with ESMTP id D; Mon, 1 Jan 2024 10:00:03 +0000\n"
	    "Received: from pc (unknown [203.0.113.82]) by relay.example.net (Postfix) with ESMTPSA id E; Mon, 1 Jan 2024 10:00:02 +0000\n"
	    "From: <a@example.net>\n\nbody\n", &s, &o), 0);
	ck_assert_str_eq(s.ip, "203.0.113.82");
	ck_assert_int_eq(s.trust, SUBMITTER_CLAIMED);
	submitter_free(&s);
}
END_TEST

/* Nothing to say: private addresses, the origin's own address, junk, none at all. */
START_TEST(nothing)
{
	struct submitter s;
	int o;

	ck_assert_int_eq(find(MX OUT "X-Originating-IP: [10.1.2.3]\nX-Sender-IP: 198.51.100.10\n"
	    "X-Originating-IP: not an address\nX-MS-Exchange-CrossTenant-OriginalAttributedTenantConnectingIp: TenantId=x;Ip=[999.1.1.1]\n"
	    "From: <a@example.net>\n\nbody\n", &s, &o), -1);
	ck_assert_int_eq(s.trust, SUBMITTER_NONE);
	ck_assert_ptr_null(s.source);
	ck_assert_ptr_null(submitter_trust_name(s.trust));
	submitter_free(&s);
	ck_assert_int_eq(find("From: <a@example.net>\n\nbody\n", &s, &o), -1);
	submitter_free(&s);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("submitter");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, originating_ip_under_origin);
	tcase_add_test(tc, sender_ip_claimed);
	tcase_add_test(tc, crosstenant_receiving_side);
	tcase_add_test(tc, webmail_hop);
	tcase_add_test(tc, esmtpa_claimed);
	tcase_add_test(tc, nothing);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
