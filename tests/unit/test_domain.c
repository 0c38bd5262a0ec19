/* test_domain.c — registrable domains and host/IP classification. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain.h"

static void
org_is(const char *host, const char *want)
{
	char *got = domain_org(host);
	const char *h = host != NULL ? host : "(null)";

	if (want == NULL)
		ck_assert_msg(got == NULL, "%s: expected none, got %s", h, got != NULL ? got : "");
	else {
		ck_assert_msg(got != NULL, "%s: expected %s, got none", h, want);
		ck_assert_str_eq(got, want);
	}
	free(got);
}

START_TEST(registrable)
{
	org_is("comm.rakuten.co.jp", "rakuten.co.jp");
	org_is("www.amazon.co.jp", "amazon.co.jp");
	org_is("Amazon.co.jp", "amazon.co.jp");
	org_is("reflecto.cpvvl.cn", "cpvvl.cn");
	org_is("bmmpo4101.jpx1.mta.emberpoint.com.", "emberpoint.com");
	org_is("BN8NAM11FT066.mail.protection.outlook.com", "outlook.com");
	org_is("s.vpass.jp", "vpass.jp");
	org_is("www2271.sakura.ne.jp", "sakura.ne.jp");
	org_is("example.com", "example.com");
	org_is("co.jp", NULL);
	org_is("com", NULL);
	org_is("192.0.2.1", NULL);
	org_is("[2001:db8::1]", NULL);
	org_is("", NULL);
	org_is(NULL, NULL);
	org_is("localhost", NULL);
}
END_TEST

/* the per-thread cache of answers: asked again, in any order, with collisions and hosts too long for it */
START_TEST(org_cache)
{
	char host[256], want[256], lng[200];

	for (int round = 0; round < 3; round++)
		for (int i = 0; i < 300; i++) {
			int k = round == 1 ? 299 - i : i;

			snprintf(host, sizeof host, "mail%d.Host%d.example%d.co.jp", k % 7, k, k % 13);
			snprintf(want, sizeof want, "example%d.co.jp", k % 13);
			org_is(host, want);
			snprintf(host, sizeof host, "h%d.co.jp", k % 5);
			snprintf(want, sizeof want, "h%d.co.jp", k % 5);
			org_is(host, want);
			org_is("co.jp", NULL);
		}
	memset(lng, 'a', sizeof lng);
	lng[150] = '\0';
	snprintf(host, sizeof host, "x.%s.example.com", lng);
	org_is(host, "example.com");
	org_is(host, "example.com");
	snprintf(host, sizeof host, "x.%s.com", lng);
	snprintf(want, sizeof want, "%s.com", lng);
	org_is(host, want);
	org_is(host, want);
}
END_TEST

START_TEST(same_org)
{
	ck_assert(domain_same_org("bounce.shop.example.com", "shop.example.com"));
	ck_assert(domain_same_org("mx.google.com", "google.com"));
	ck_assert(!domain_same_org("comm.rakuten.co.jp", "bma.mpse.jp"));
	ck_assert(!domain_same_org("co.jp", "co.jp"));
	ck_assert(!domain_same_org(NULL, "example.com"));
}
END_TEST

START_TEST(address_domain)
{
	char *d = domain_of_address("Taro@Mail.Example.COM");

	ck_assert_str_eq(d, "mail.example.com");
	free(d);
	ck_assert_ptr_null(domain_of_address("no-at-sign"));
	ck_assert_ptr_null(domain_of_address("user@"));
	d = domain_of_address("a@b@c.example");
	ck_assert_str_eq(d, "c.example");
	free(d);
}
END_TEST

START_TEST(hostnames_and_ips)
{
	ck_assert(domain_is_hostname("mx.example.com"));
	ck_assert(domain_is_hostname("xn--eckwd4c7c.xn--zckzah"));
	ck_assert(!domain_is_hostname("localhost"));
	ck_assert(!domain_is_hostname("bad..name"));
	ck_assert(!domain_is_hostname("-lead.example"));
	ck_assert(!domain_is_hostname("192.0.2.1"));
	ck_assert(!domain_is_hostname("a b.example"));
	ck_assert(domain_is_ip_literal("192.0.2.1"));
	ck_assert(domain_is_ip_literal("[192.0.2.1]"));
	ck_assert(domain_is_ip_literal("2603:10b6:408:e6::28"));
	ck_assert(domain_is_ip_literal("[IPv6:2001:db8::1]"));
	ck_assert(!domain_is_ip_literal("15.20.6792.27"));
	ck_assert(!domain_is_ip_literal("example.com"));
	ck_assert(!domain_is_ip_literal(""));
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("domain");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, registrable);
	tcase_add_test(tc, org_cache);
	tcase_add_test(tc, same_org);
	tcase_add_test(tc, address_domain);
	tcase_add_test(tc, hostnames_and_ips);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
