/* test_lookalike.c — brand look-alikes in host labels: each substitution, affixes, typos, IDN forms, and the hosts that must stay silent. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "address.h"
#include "brands.h"
#include "findings.h"
#include "lookalike.h"
#include "message.h"

static struct brands *b;

static void
setup(void)
{
	char *cause = NULL;

	setenv("KENSA_DATADIR", TEST_DATADIR, 1);
	message_init();
	b = brands_new();
	ck_assert_msg(brands_load_file(b, TEST_DATADIR "/brands.conf", &cause) == 0, "%s", cause);
}

static void
teardown(void)
{
	brands_free(b);
}

/*
 * host must imitate brand id by kind, through label (NULL: any) with a
 * how that contains how_part (NULL: any).
 */
static void
hit(const char *host, const char *id, enum lookalike_kind kind, const char *label, const char *how_part)
{
	struct lookalike_match m;
	char *ev;

	ck_assert_msg(lookalike_host(b, host, &m), "%s should look like brand %s", host, id);
	ev = lookalike_evidence(&m, host);
	ck_assert_msg(strcmp(m.brand->id, id) == 0, "%s: brand %s, expected %s (%s)", host, m.brand->id, id, ev);
	ck_assert_msg(m.kind == kind, "%s: kind %d, expected %d (%s)", host, m.kind, kind, ev);
	if (label != NULL)
		ck_assert_msg(strcmp(m.label, label) == 0, "%s: label '%s', expected '%s'", host, m.label, label);
	if (how_part != NULL)
		ck_assert_msg(strstr(m.how, how_part) != NULL, "%s: how '%s' lacks '%s'", host, m.how, how_part);
	/* The evidence names the host, the brand and one of its domains. */
	ck_assert_msg(strstr(ev, host) != NULL && strstr(ev, m.brand->name) != NULL, "%s", ev);
	/* A span, when given, is the label as written in the host. */
	if (m.start >= 0) {
		ck_assert_int_eq(m.end - m.start, (long)strlen(m.label));
		ck_assert_msg(strncmp(host + m.start, m.label, strlen(m.label)) == 0, "%s: span %ld-%ld", host,
		    m.start, m.end);
	}
	free(ev);
	lookalike_match_free(&m);
}

static void
silent(const char *host)
{
	struct lookalike_match m;

	if (lookalike_host(b, host, &m)) {
		char *ev = lookalike_evidence(&m, host);

		ck_abort_msg("%s should not be a look-alike: %s", host, ev);
	}
}

START_TEST(substitutions)
{
	hit("amaz0n-secure.top", "amazon", LOOKALIKE_CHARS, "amaz0n", "0→o");
	hit("rnercari.com", "mercari", LOOKALIKE_CHARS, "rnercari", "rn→m");
	hit("www.paypa1.com", "paypal", LOOKALIKE_CHARS, "paypa1", "1→l");
	hit("1nstagram.net", "instagram", LOOKALIKE_CHARS, "1nstagram", "1→i");
	hit("5potify.com", "spotify", LOOKALIKE_CHARS, "5potify", "5→s");
	hit("vvhatsapp.com", "whatsapp", LOOKALIKE_CHARS, "vvhatsapp", "vv→w");
	hit("clocomo.net", "docomo", LOOKALIKE_CHARS, "clocomo", "cl→d");
	hit("g00gle.com", "google", LOOKALIKE_CHARS, "g00gle", "0→o");
	/* the span of the label inside the host */
	{
		struct lookalike_match m;

		ck_assert(lookalike_host(b, "login.amaz0n-secure.top", &m));
		ck_assert_int_eq(m.start, 6);
		ck_assert_int_eq(m.end, 12);
		lookalike_match_free(&m);
	}
}
END_TEST

START_TEST(typos)
{
	hit("amazn.com", "amazon", LOOKALIKE_EDIT, "amazn", "dropped");
	hit("amazoon.net", "amazon", LOOKALIKE_EDIT, "amazoon", "added");
	hit("amzaon.com", "amazon", LOOKALIKE_EDIT, "amzaon", "swapped");
	hit("rakuteh.co", "rakuten", LOOKALIKE_EDIT, "rakuteh", "changed");
	hit("www-metmask.mielke-service.de", "metamask", LOOKALIKE_EDIT, "metmask", NULL);
}
END_TEST

START_TEST(affixes)
{
	hit("secure-amazon-login.com", "amazon", LOOKALIKE_AFFIX, "secure-amazon-login", "'secure-' and '-login'");
	hit("jp-rakuten.com", "rakuten", LOOKALIKE_AFFIX, "jp-rakuten", "'jp-'");
	hit("amazon-secure.top", "amazon", LOOKALIKE_AFFIX, "amazon-secure", "'-secure'");
	hit("myamazonaccount.net", "amazon", LOOKALIKE_AFFIX, NULL, NULL);
	hit("bank-of-america.xyz", "bank_of_america", LOOKALIKE_AFFIX, NULL, NULL);
	hit("support-trustwallet.com", "trustwallet", LOOKALIKE_AFFIX, NULL, NULL);
	hit("correios-rastreamentoseguro.com.ua", "correios", LOOKALIKE_AFFIX, NULL, "'-rastreamentoseguro'");
	/* "sagawa" is a part of sagawa-exp.co.jp, so counts by itself */
	hit("sagawa-delivery.top", "sagawa", LOOKALIKE_AFFIX, NULL, NULL);
}
END_TEST

START_TEST(brand_domain_in_front)
{
	hit("amazon.co.jp.account-verify.top", "amazon", LOOKALIKE_SUBDOMAIN, "amazon.co.jp", NULL);
	hit("www.smbc-card.com-secure.info", "smbc_card", LOOKALIKE_SUBDOMAIN, NULL, NULL);
	/* ideographic full stops are dots */
	hit("amazon\xe3\x80\x82" "co\xe3\x80\x82" "jp\xe3\x80\x82" "evil-site\xe3\x80\x82" "top", "amazon",
	    LOOKALIKE_SUBDOMAIN, NULL, NULL);
	/* the brand's bare name in front of another domain */
	hit("paypal.account-check.info", "paypal", LOOKALIKE_EXACT, "paypal", NULL);
	hit("icloud.crossheart.de", "apple", LOOKALIKE_EXACT, "icloud", NULL);
}
END_TEST

START_TEST(idn_forms)
{
	struct lookalike_match m;

	hit("аmazon.co.jp", "amazon", LOOKALIKE_CHARS, "аmazon", "Cyrillic");         /* Cyrillic а */
	hit("xn--mazon-3ve.co.jp", "amazon", LOOKALIKE_CHARS, "аmazon", "U+0430");     /* the same as punycode */
	hit("ａｍａｚｏｎ.co.jp", "amazon", LOOKALIKE_CHARS, NULL, NULL);                 /* full-width */
	hit("аpple.com", "apple", LOOKALIKE_CHARS, NULL, "Cyrillic");                   /* an ordinary word, homoglyph */
	hit("paypa1.onmicrosoft.com", "paypal", LOOKALIKE_CHARS, "paypa1", NULL);       /* a tenant of brand infrastructure */
	/* punycode is compared as the letters it stands for, so no span into the A-label */
	ck_assert(lookalike_host(b, "xn--mazon-3ve.co.jp", &m));
	ck_assert_int_eq(m.start, -1);
	lookalike_match_free(&m);
}
END_TEST

START_TEST(short_brands)
{
	hit("ana.top", "ana", LOOKALIKE_EXACT, "ana", NULL);
	hit("ana-mileage.top", "ana", LOOKALIKE_AFFIX, "ana-mileage", NULL);
	hit("jcb-card.xyz", "jcb", LOOKALIKE_AFFIX, NULL, NULL);
	/* only as the whole registrable label (or a hyphen part of it), never inside words or as typos */
	silent("banana.top");
	silent("anal.com");
	silent("ana.blog-host.com");
	silent("au.news-site.com");
	silent("dhl.example-shop.com");
	silent("jcbx.com");
	silent("ana.co.uk");             /* not a risky TLD: a company of that name */
	silent("ups-and-downs.com");
}
END_TEST

START_TEST(own_hosts)
{
	silent("amazon.co.jp");
	silent("www.amazon.co.jp");
	silent("smile.amazon.com");
	silent("jp.mercari.com");
	silent("www.paypal.com");
	silent("www.rakuten-card.co.jp");   /* contains "rakuten", and belongs to its group */
	silent("news.yahoo.co.jp");         /* Yahoo! JAPAN's own, though "yahoo" is Yahoo's token */
	silent("amazonses.com");            /* a service Amazon lists */
	silent("s3.amazonaws.com");         /* brand infrastructure */
	silent("login.microsoftonline.com");
	silent("WWW.AMAZON.CO.JP.");
}
END_TEST

START_TEST(ordinary_words)
{
	silent("apple.slashdot.org");
	silent("live.cnn.com");
	silent("mobile.nytimes.com");
	silent("meta.stackexchange.com");
	silent("line.toppage.xyz");
	silent("online-line.top");
	silent("apple.top");
	silent("finance-news.com");         /* one letter from binance, but not its first */
	silent("email.company.com");        /* gmail */
	silent("cloud.company.com");        /* icloud */
	silent("shagmail.com");             /* gmail inside a word */
	silent("money.co.jp");              /* monex: five letters, no typos */
	silent("telecom-news.com");         /* telekom */
	silent("goggle.com");
	silent("resonance-lab.com");        /* resona */
	silent("amazing.co.jp");
	silent("maladireta.correio.biz");   /* Portuguese "mail", one letter from correios */
	silent("www.citi.umich.edu");       /* hard ham: a word brand as a subdomain label */
	silent("outlook.4team.biz");
	silent("amazon.de");                /* the brand's name under a TLD that is not much abused */
	silent("gmail.example.com");        /* RFC 2606 names */
	silent("paypa1.test");
}
END_TEST

/* The second answer for a host (from the thread's cache) is the first one, and a miss stays a miss. */
START_TEST(repeated_hosts)
{
	struct lookalike_match a, c;

	for (int i = 0; i < 20; i++) {
		char host[64];

		snprintf(host, sizeof host, "login%d.amaz0n-secure.top", i % 11);
		ck_assert(lookalike_host(b, host, &a));
		ck_assert(lookalike_host(b, host, &c));
		ck_assert_ptr_eq(a.brand, c.brand);
		ck_assert_int_eq(a.kind, c.kind);
		ck_assert_str_eq(a.label, c.label);
		ck_assert_str_eq(a.how, c.how);
		ck_assert_str_eq(a.domain, c.domain);
		ck_assert_int_eq(a.start, c.start);
		ck_assert_int_eq(a.start, (long)strlen(host) - 17);
		lookalike_match_free(&a);
		lookalike_match_free(&c);
		silent("www.example-shop.com");
	}
}
END_TEST

START_TEST(not_hosts)
{
	struct lookalike_match m;

	silent("");
	silent("192.0.2.1");
	silent("[2001:db8::1]");
	silent("localhost");
	silent("co.jp");
	silent(".");
	silent("例え.jp");
	silent("xn--r8jz45g.jp");
	ck_assert(!lookalike_host(NULL, "amaz0n.com", &m));
	ck_assert_ptr_null(m.label);
}
END_TEST

START_TEST(fold)
{
	const char *same[][2] = {
		{ "amazon", "amaz0n" }, { "mercari", "rnercari" }, { "whatsapp", "vvhatsapp" },
		{ "docomo", "clocomo" }, { "paypal", "paypa1" }, { "instagram", "1nstagram" },
		{ "spotify", "5potify" }, { "amazon", "ＡＭＡＺＯＮ" }, { "amazon", "аmazon" },
	};

	for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
		char *x = lookalike_fold(same[i][0]), *y = lookalike_fold(same[i][1]);

		ck_assert_msg(strcmp(x, y) == 0, "%s/%s: %s != %s", same[i][0], same[i][1], x, y);
		free(x);
		free(y);
	}
	{
		char *x = lookalike_fold("amazon"), *y = lookalike_fold("amazing");

		ck_assert_str_ne(x, y);
		free(x);
		free(y);
	}
}
END_TEST

START_TEST(tokens)
{
	const struct brand *br = brands_find(b, "amex");
	const struct brand *sg = brands_find(b, "sagawa");
	bool name = false, part = false, exp = false;

	ck_assert_ptr_nonnull(br);
	for (size_t i = 0; i < br->nlookalike; i++)
		name |= strcmp(br->lookalike[i].plain, "americanexpress") == 0;
	ck_assert(name);
	ck_assert_ptr_nonnull(sg);
	for (size_t i = 0; i < sg->nlookalike; i++) {
		part |= strcmp(sg->lookalike[i].plain, "sagawa") == 0;
		exp |= strcmp(sg->lookalike[i].plain, "exp") == 0;
	}
	ck_assert(part);
	ck_assert(!exp);
}
END_TEST

static int
from_findings(const char *raw, long *s, long *e)
{
	struct addresses a;
	struct findings fs = { 0 };
	int n = 0;

	memset(&a, 0, sizeof a);
	address_parse(raw, raw, &a.from);
	lookalike_check_from(&a, b, &fs);
	for (size_t i = 0; i < fs.n; i++)
		if (fs.v[i].id == F_FROM_CONFUSABLE) {
			n++;
			ck_assert_str_eq(fs.v[i].where, "header:From");
			*s = fs.v[i].span_start;
			*e = fs.v[i].span_end;
		}
	findings_free(&fs);
	address_free(&a.from);
	return n;
}

START_TEST(from_domain)
{
	const char *raw = "Amazon <info@mail.amaz0n-secure.top>";
	long s = -2, e = -2;

	ck_assert_int_eq(from_findings(raw, &s, &e), 1);
	ck_assert_int_eq(e - s, 6);
	ck_assert(strncmp(raw + s, "amaz0n", 6) == 0);
	ck_assert_int_eq(from_findings("\"Rakuten\" <no-reply@rakuten-secure-login.com>", &s, &e), 1);
	ck_assert_int_eq(from_findings("Amazon <no-reply@amazon.co.jp>", &s, &e), 0);
	ck_assert_int_eq(from_findings("Taro <taro@gmail.com>", &s, &e), 0);
	ck_assert_int_eq(from_findings("Taro <taro@ana-net.co.uk>", &s, &e), 0);
	ck_assert_int_eq(from_findings("not an address", &s, &e), 0);
}
END_TEST

static Suite *
lookalike_suite(void)
{
	Suite *s = suite_create("lookalike");
	TCase *tc = tcase_create("core");

	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_add_test(tc, substitutions);
	tcase_add_test(tc, typos);
	tcase_add_test(tc, affixes);
	tcase_add_test(tc, brand_domain_in_front);
	tcase_add_test(tc, idn_forms);
	tcase_add_test(tc, short_brands);
	tcase_add_test(tc, own_hosts);
	tcase_add_test(tc, ordinary_words);
	tcase_add_test(tc, not_hosts);
	tcase_add_test(tc, repeated_hosts);
	tcase_add_test(tc, fold);
	tcase_add_test(tc, tokens);
	tcase_add_test(tc, from_domain);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(lookalike_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
