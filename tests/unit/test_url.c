/* test_url.c — URL parsing, bare URLs in Japanese text, defanging, link facts and every link finding, positive and negative. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brands.h"
#include "confusable.h"
#include "findings.h"
#include "url.h"

static struct brands *b;

static void
setup(void)
{
	char *cause = NULL;

	setenv("KENSA_DATADIR", TEST_DATADIR, 1);
	b = brands_new();
	ck_assert_msg(brands_load_file(b, TEST_DATADIR "/brands.conf", &cause) == 0, "%s", cause);
}

static void
teardown(void)
{
	brands_free(b);
}

/* ---- parsing ---- */

static void
parse_is(const char *url, const char *scheme, const char *userinfo, const char *host, const char *rest)
{
	struct url_parts u;
	int rc = url_parse(url, &u);

	if (scheme == NULL) {
		ck_assert_msg(rc == -1, "%s: expected not a URL", url);
		url_parts_free(&u);
		return;
	}
	ck_assert_msg(rc == 0, "%s: expected a URL", url);
	ck_assert_str_eq(u.scheme, scheme);
	if (userinfo == NULL)
		ck_assert_msg(u.userinfo == NULL, "%s: userinfo %s", url, u.userinfo);
	else
		ck_assert_str_eq(u.userinfo, userinfo);
	if (host == NULL)
		ck_assert_msg(u.host == NULL, "%s: host %s", url, u.host);
	else
		ck_assert_str_eq(u.host, host);
	if (rest != NULL)
		ck_assert_str_eq(u.rest, rest);
	url_parts_free(&u);
}

START_TEST(parse_forms)
{
	parse_is("https://reflecto.cpvvl.cn/netsvice/logino/", "https", NULL, "reflecto.cpvvl.cn", "/netsvice/logino/");
	parse_is("HTTPS://WWW.Amazon.CO.JP:443/gp?x=1#top", "https", NULL, "www.amazon.co.jp", "/gp?x=1#top");
	parse_is("https://www.apple.com@evil.example/login", "https", "www.apple.com", "evil.example", "/login");
	parse_is("https://a@b@evil.example/", "https", "a@b", "evil.example", "/");
	parse_is("https:\\\\evil.example\\path", "https", NULL, "evil.example", "\\path");
	parse_is("https:/evil.example/x", "https", NULL, "evil.example", "/x");
	parse_is("//cdn.example.net/x.js", "", NULL, "cdn.example.net", "/x.js");
	parse_is("www.example.co.jp/path", "", NULL, "www.example.co.jp", "/path");
	parse_is("http://[2001:db8::1]:8080/", "http", NULL, "[2001:db8::1]", "/");
	parse_is("http://%65vil.example/", "http", NULL, "evil.example", "/");
	parse_is("http://example.com./", "http", NULL, "example.com", "/");
	parse_is("mailto:taro@example.com", "mailto", NULL, NULL, "taro@example.com");
	parse_is("tel:0120-959-684", "tel", NULL, NULL, NULL);
	parse_is("javascript:alert(1)", "javascript", NULL, NULL, NULL);
	parse_is("  https://example.com/  ", "https", NULL, "example.com", NULL);
	parse_is("", NULL, NULL, NULL, NULL);
	parse_is("not a url", NULL, NULL, NULL, NULL);
	parse_is("/relative/path", NULL, NULL, NULL, NULL);
}
END_TEST

/* ---- defanging ---- */

static void
defang_is(const char *url, const char *want)
{
	char *d = url_defang(url);

	ck_assert_str_eq(d, want);
	free(d);
}

START_TEST(defang)
{
	defang_is("https://reflecto.cpvvl.cn/netsvice/logino/", "hXXps://reflecto[.]cpvvl[.]cn/netsvice/logino/");
	defang_is("http://branchiish.aaxqlc.cn/a.b", "hXXp://branchiish[.]aaxqlc[.]cn/a.b");
	defang_is("www.example.com/x.html", "www[.]example[.]com/x.html");
	defang_is("https://user.name@evil.example/", "hXXps://user.name@evil[.]example/");
	defang_is("http://192.0.2.1/", "hXXp://192[.]0[.]2[.]1/");
	defang_is("mailto:a@b.example", "mailto:a@b.example");
	defang_is("https://x.example/\x1b[31m", "hXXps://x[.]example/[31m");
}
END_TEST

/* ---- bare URLs in text ---- */

static void
find_is(const char *text, const char *first, size_t want_n)
{
	struct url_span sp[8];
	size_t n = url_find_text(text, strlen(text), sp, 8);

	ck_assert_msg(n == want_n, "\"%s\": %zu URLs, expected %zu", text, n, want_n);
	if (first != NULL) {
		ck_assert_msg(sp[0].end - sp[0].start == strlen(first) &&
		    memcmp(text + sp[0].start, first, strlen(first)) == 0,
		    "\"%s\": found \"%.*s\", expected \"%s\"", text, (int)(sp[0].end - sp[0].start),
		    text + sp[0].start, first);
	}
}

START_TEST(find_in_text)
{
	find_is("ログイン: https://reflecto.cpvvl.cn/netsvice/logino/\n", "https://reflecto.cpvvl.cn/netsvice/logino/", 1);
	find_is("こちら→https://example.co.jp/a。ご確認ください", "https://example.co.jp/a", 1);
	find_is("https://example.co.jp/aをクリック", "https://example.co.jp/a", 1);
	find_is("（https://example.co.jp/a）", "https://example.co.jp/a", 1);
	find_is("「https://example.co.jp/a」", "https://example.co.jp/a", 1);
	find_is("see https://example.com/a.", "https://example.com/a", 1);
	find_is("(see https://en.wikipedia.org/wiki/Foo_(bar))", "https://en.wikipedia.org/wiki/Foo_(bar)", 1);
	find_is("see (https://example.com/x), then", "https://example.com/x", 1);
	find_is("<https://example.com/x>", "https://example.com/x", 1);
	find_is("[url=https://example.com/a]click[/url]", "https://example.com/a", 1);
	find_is("[https://example.com/x?a[0]=1]", "https://example.com/x?a[0]=1", 1);
	find_is("詳しくはwww.example.co.jp/infoへ", "www.example.co.jp/info", 1);
	find_is("Visit www.example.com, or http://b.example/", "www.example.com", 2);
	find_is("https://аmazon.co.jp/login", "https://аmazon.co.jp/login", 1);  /* Cyrillic а stays in the host */
	find_is("https://example.com、次に", "https://example.com", 1);
	find_is("https://example.com　全角スペース", "https://example.com", 1);
	find_is("HTTPS://EXAMPLE.COM/UP", "HTTPS://EXAMPLE.COM/UP", 1);
	find_is("xhttp://nope.example/", NULL, 0);
	find_is("mywww.example.com", NULL, 0);
	find_is("https:// nothing", NULL, 0);
	find_is("plain text, no links at all", NULL, 0);
	find_is("taro@www.example.com", NULL, 0);
	find_is("mail www.shop@example.com today", NULL, 0);
}
END_TEST

/* ---- link facts ---- */

static struct link
link_of(const char *href, const char *text, const char *source)
{
	struct link l;

	memset(&l, 0, sizeof l);
	l.source = strdup(source);
	l.href = strdup(href);
	l.text = strdup(text != NULL ? text : href);
	l.start = 0;
	l.end = (long)strlen(l.text);
	link_fill(&l, b);
	return l;
}

static void
link_done(struct link *l)
{
	struct link *v = malloc(sizeof *v);

	*v = *l;
	links_free(v, 1);
}

START_TEST(facts)
{
	struct link l;

	l = link_of("https://Reflecto.CPVVL.cn/netsvice/logino/", NULL, "a");
	ck_assert_str_eq(l.host, "reflecto.cpvvl.cn");
	ck_assert_str_eq(l.org_domain, "cpvvl.cn");
	ck_assert_str_eq(l.defanged, "hXXps://Reflecto[.]CPVVL[.]cn/netsvice/logino/");
	ck_assert(!l.ip_literal && !l.userinfo_trick && l.brand_subdomain == NULL);
	link_done(&l);

	l = link_of("https://xn--mazon-3ve.co.jp/", NULL, "a");          /* punycode in, Unicode out */
	ck_assert_str_eq(l.host_ascii, "xn--mazon-3ve.co.jp");
	ck_assert_str_eq(l.host_unicode, "аmazon.co.jp");                  /* Cyrillic а */
	link_done(&l);

	l = link_of("https://аmazon.co.jp/", NULL, "a");                  /* Unicode in, punycode out */
	ck_assert_str_eq(l.host_unicode, "аmazon.co.jp");
	ck_assert_ptr_nonnull(l.host_ascii);
	ck_assert(strncmp(l.host_ascii, "xn--", 4) == 0);
	link_done(&l);

	l = link_of("http://192.0.2.1/login", NULL, "a");
	ck_assert(l.ip_literal);
	ck_assert_ptr_null(l.org_domain);
	link_done(&l);
	l = link_of("http://3221225985/", NULL, "a");                     /* decimal IPv4 */
	ck_assert(l.ip_literal);
	link_done(&l);
	l = link_of("http://0xc0.0.2.1/", NULL, "a");                     /* hex IPv4 */
	ck_assert(l.ip_literal);
	link_done(&l);
	l = link_of("http://[2001:db8::1]/", NULL, "a");
	ck_assert(l.ip_literal);
	link_done(&l);
	l = link_of("http://2024.example.com/", NULL, "a");               /* digits, but a name */
	ck_assert(!l.ip_literal);
	link_done(&l);

	l = link_of("https://www.apple.com@evil.example/", NULL, "a");
	ck_assert(l.userinfo_trick);
	ck_assert_str_eq(l.host, "evil.example");
	link_done(&l);
	l = link_of("ftp://anonymous@ftp.example.org/pub/", NULL, "a");
	ck_assert(!l.userinfo_trick);
	link_done(&l);

	l = link_of("https://www.jcb.co.jp.secure-login.example/", NULL, "a");
	ck_assert_str_eq(l.brand_subdomain, "jcb.co.jp");
	link_done(&l);
	l = link_of("https://my.jcb.co.jp/login", NULL, "a");             /* the brand's own subdomain */
	ck_assert_ptr_null(l.brand_subdomain);
	link_done(&l);

	l = link_of("https://click.example.net/x", "www.amazon.co.jp", "a");
	ck_assert_str_eq(l.text_domain, "amazon.co.jp");
	link_done(&l);
	l = link_of("https://click.example.net/x", "請求書.pdf", "a");
	ck_assert_ptr_null(l.text_domain);
	link_done(&l);
	l = link_of("https://click.example.net/x", "こちらをクリック", "a");
	ck_assert_ptr_null(l.text_domain);
	link_done(&l);
}
END_TEST

/* ---- findings ---- */

static int
count_of(const char *href, const char *text, const char *claimed, enum finding_id id)
{
	struct link l = link_of(href, text, text != NULL ? "a" : "text");
	struct findings fs = { 0 };
	int n = 0;

	url_check(&l, 1, b, claimed != NULL ? brands_find(b, claimed) : NULL, NULL, &fs);
	for (size_t i = 0; i < fs.n; i++) {
		if (fs.v[i].id == id) {
			n++;
			ck_assert_str_eq(fs.v[i].where, "link[1]");
			ck_assert_int_eq(fs.v[i].span_start, 0);
			ck_assert_int_eq(fs.v[i].span_end, (long)strlen(l.text));
		}
	}
	findings_free(&fs);
	link_done(&l);
	return n;
}

#define RAISES(href, text, claimed, id)   ck_assert_msg(count_of(href, text, claimed, id) == 1, "%s should raise %s", href, #id)
#define QUIET(href, text, claimed, id)    ck_assert_msg(count_of(href, text, claimed, id) == 0, "%s should not raise %s", href, #id)

START_TEST(text_mismatch)
{
	RAISES("https://keiyakensev.top/sign-in", "https://www.amazon.co.jp/", NULL, F_LINK_TEXT_MISMATCH);
	RAISES("https://evil.example/", "www.paypal.com", NULL, F_LINK_TEXT_MISMATCH);
	RAISES("http://192.0.2.7/", "smbc-card.com", NULL, F_LINK_TEXT_MISMATCH);
	RAISES("https://www.apple.com@evil.example/", NULL, NULL, F_LINK_TEXT_MISMATCH);
	QUIET("https://www.amazon.co.jp/gp/", "www.amazon.co.jp", NULL, F_LINK_TEXT_MISMATCH);
	QUIET("https://www.amazon.co.jp/gp/", "amazon.co.jp", NULL, F_LINK_TEXT_MISMATCH);
	QUIET("https://evil.example/", "こちら", NULL, F_LINK_TEXT_MISMATCH);
	QUIET("https://www.amazon.com/", "www.amazon.co.jp", NULL, F_LINK_TEXT_MISMATCH);   /* one brand */
	QUIET("https://s.vpass.jp/x", "smbc-card.com", NULL, F_LINK_TEXT_MISMATCH);
	QUIET("https://evil.example/", "請求書.pdf", NULL, F_LINK_TEXT_MISMATCH);
	QUIET("https://evil.example/", "www.futuresoftindiacom", NULL, F_LINK_TEXT_MISMATCH);   /* no such TLD */
	QUIET("www.shop@example.com", NULL, NULL, F_LINK_TEXT_MISMATCH);                      /* an address */
	/* the text is the Unicode form of the href's punycode host: one host */
	QUIET("https://xn--r8jz45g.jp/", "https://例え.jp/", NULL, F_LINK_TEXT_MISMATCH);
	QUIET("https://www.xn--r8jz45g.jp/a", "例え.jp", NULL, F_LINK_TEXT_MISMATCH);
	QUIET("https://xn--mazon-3ve.co.jp/", "https://аmazon.co.jp/", NULL, F_LINK_TEXT_MISMATCH);
	RAISES("https://xn--mazon-3ve.co.jp/", "https://аmazon.co.jp/", NULL, F_LINK_CONFUSABLE);  /* but it looks like Amazon */
	RAISES("https://xn--r8jz45g.jp/", "https://例え.com/", NULL, F_LINK_TEXT_MISMATCH);
}
END_TEST

START_TEST(text_mismatch_redirector_is_low)
{
	struct link l = link_of("https://click.mail.example.net/?u=https%3A%2F%2Fwww.example.org%2F", "www.example.org", "a");
	struct findings fs = { 0 };

	url_check(&l, 1, b, NULL, NULL, &fs);
	ck_assert_uint_eq(fs.n, 1);
	ck_assert_int_eq(fs.v[0].id, F_LINK_TEXT_MISMATCH);
	ck_assert_int_eq(fs.v[0].severity, SEV_LOW);
	findings_free(&fs);
	link_done(&l);
}
END_TEST

START_TEST(brand_mismatch)
{
	RAISES("https://keiyakensev.top/sign-in", "お支払い方法を更新", "amazon", F_LINK_BRAND_MISMATCH);
	RAISES("https://reflecto.cpvvl.cn/netsvice/logino/", NULL, "pocketcard", F_LINK_BRAND_MISMATCH);
	RAISES("https://www.jcb.co.jp.secure-login.example/", NULL, NULL, F_LINK_BRAND_MISMATCH);
	RAISES("https://amazon.co.jp-login.example/", NULL, NULL, F_LINK_BRAND_MISMATCH);
	QUIET("https://www.amazon.co.jp/gp/help", "ヘルプ", "amazon", F_LINK_BRAND_MISMATCH);
	QUIET("https://www.americanexpress.com/ja-jp/account/login", NULL, "amex", F_LINK_BRAND_MISMATCH);
	QUIET("https://s.vpass.jp/sec_check/login", NULL, "smbc_card", F_LINK_BRAND_MISMATCH);
	QUIET("https://ip-phone-smart.jp/mypage/", NULL, "smartalk", F_LINK_BRAND_MISMATCH);
	QUIET("https://www.rakuten.co.jp/", NULL, "smartalk", F_LINK_BRAND_MISMATCH);   /* the parent's */
	QUIET("https://r10.to/abc", NULL, "rakuten", F_LINK_BRAND_MISMATCH);            /* its service */
	QUIET("https://evil.example/", NULL, NULL, F_LINK_BRAND_MISMATCH);              /* no claim */
	QUIET("mailto:support@evil.example", "mail us", "amazon", F_LINK_BRAND_MISMATCH);
}
END_TEST

START_TEST(risky_tld)
{
	RAISES("https://keiyakensev.top/sign-in", NULL, NULL, F_LINK_RISKY_TLD);
	RAISES("https://branchiish.aaxqlc.cn/amcmembr_Loginam/", NULL, NULL, F_LINK_RISKY_TLD);
	RAISES("http://login.example.xyz/", NULL, NULL, F_LINK_RISKY_TLD);
	QUIET("https://www.amazon.co.jp/", NULL, NULL, F_LINK_RISKY_TLD);
	QUIET("https://example.com/top", NULL, NULL, F_LINK_RISKY_TLD);
	QUIET("https://top.example.org/", NULL, NULL, F_LINK_RISKY_TLD);
	QUIET("http://192.0.2.1/", NULL, NULL, F_LINK_RISKY_TLD);
}
END_TEST

START_TEST(ip_literal)
{
	RAISES("http://192.0.2.1/login.php", NULL, NULL, F_LINK_IP_LITERAL);
	RAISES("http://[2001:db8::2]/", NULL, NULL, F_LINK_IP_LITERAL);
	RAISES("http://3221225985/", NULL, NULL, F_LINK_IP_LITERAL);
	QUIET("http://192-0-2-1.example.net/", NULL, NULL, F_LINK_IP_LITERAL);
	QUIET("https://www.example.com/192.0.2.1", NULL, NULL, F_LINK_IP_LITERAL);
}
END_TEST

START_TEST(shortener)
{
	RAISES("https://bit.ly/3abcDEF", NULL, NULL, F_LINK_SHORTENER);
	RAISES("https://tinyurl.com/y7x8", NULL, NULL, F_LINK_SHORTENER);
	RAISES("http://x.gd/AbCd", NULL, NULL, F_LINK_SHORTENER);
	RAISES("https://r10.to/abc", NULL, "amazon", F_LINK_SHORTENER);   /* Rakuten's, not Amazon's */
	QUIET("https://r10.to/abc", NULL, "rakuten", F_LINK_SHORTENER);
	QUIET("https://bitly.example.com/", NULL, NULL, F_LINK_SHORTENER);
	QUIET("https://notbit.ly.example/", NULL, NULL, F_LINK_SHORTENER);
}
END_TEST

START_TEST(confusable)
{
	RAISES("https://аmazon.co.jp/login", NULL, NULL, F_LINK_CONFUSABLE);        /* Cyrillic а */
	RAISES("https://xn--mazon-3ve.co.jp/", NULL, NULL, F_LINK_CONFUSABLE);      /* аmazon via punycode */
	RAISES("https://rnercari.com/", NULL, NULL, F_LINK_CONFUSABLE);             /* rn for m */
	RAISES("https://www.paypa1.com/signin", NULL, NULL, F_LINK_CONFUSABLE);     /* 1 for l */
	RAISES("https://ａｍａｚｏｎ.co.jp/", NULL, NULL, F_LINK_CONFUSABLE);       /* full-width */
	RAISES("https://g00gle.com/", NULL, NULL, F_LINK_CONFUSABLE);
	QUIET("https://www.amazon.co.jp/", NULL, NULL, F_LINK_CONFUSABLE);
	QUIET("https://jp.mercari.com/", NULL, NULL, F_LINK_CONFUSABLE);
	QUIET("https://www.paypal.com/signin", NULL, NULL, F_LINK_CONFUSABLE);
	QUIET("https://amazing.example/", NULL, NULL, F_LINK_CONFUSABLE);
	QUIET("https://example.com/", NULL, NULL, F_LINK_CONFUSABLE);
}
END_TEST

START_TEST(skeletons)
{
	char *a = confusable_skeleton("paypal.com"), *c = confusable_skeleton("pаypаl.com");
	char *d = confusable_skeleton("PAYPAL.COM"), *e = confusable_skeleton("paypa1.com");

	ck_assert_str_eq(a, c);
	ck_assert_str_eq(a, d);
	ck_assert_str_eq(a, e);
	free(a);
	free(c);
	free(d);
	free(e);
	a = confusable_skeleton("mercari");
	c = confusable_skeleton("rnercari");
	ck_assert_str_eq(a, c);
	free(a);
	free(c);
	a = confusable_skeleton("example");
	c = confusable_skeleton("exarnple");
	d = confusable_skeleton("exampl");
	ck_assert_str_eq(a, c);
	ck_assert_str_ne(a, d);
	free(a);
	free(c);
	free(d);
}
END_TEST

/* The brand a sender's domain wears before another registrable domain (the index's sender column colours it). */
START_TEST(brand_subdomain_of_host)
{
	static const struct {
		const char *host, *want;
	} cases[] = {
		{ "amazon.co.jp.account-verify-secure.top", "amazon.co.jp" },
		{ "www.amazon.co.jp.account-verify-secure.top", "amazon.co.jp" },
		{ "AMAZON.CO.JP.Verify.Example.com", "amazon.co.jp" },       /* any case */
		{ "paypal.com-resolution.center.example", "paypal.com" },
		{ "paypal-login.secure-check.top", "paypal" },                /* the id as part of a label */
		{ "service.paypal.secure-check.top", "paypal" },              /* the id as a label */
		{ "netflix-billing.support.example", "netflix" },
		{ "rakuten.co.jp.xn--eckwd4c7c.example", "rakuten.co.jp" },
		{ "mail.amazon.co.jp", NULL },                                 /* the brand's own */
		{ "amazon.co.jp", NULL },
		{ "smtp-out.paypal.com", NULL },
		{ "news.rakuten.co.jp", NULL },
		{ "secure-check.top", NULL },                                  /* nothing in front of it */
		{ "paypalx.example.com", NULL },                               /* not a whole label or part */
		{ "mypaypal.example.com", NULL },
		{ "line-1.mail.example.com", NULL },                           /* "line": too short an id */
		{ "visa.travel-agency.example", NULL },                        /* "visa": likewise */
		{ "mail.example.co.jp", NULL },
		{ "", NULL },
		{ "example", NULL },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = url_brand_subdomain(cases[i].host, b);

		if (cases[i].want == NULL)
			ck_assert_msg(got == NULL, "%s: got %s", cases[i].host, got);
		else
			ck_assert_msg(got != NULL && strcmp(got, cases[i].want) == 0, "%s: got %s, want %s", cases[i].host,
			    got != NULL ? got : "(null)", cases[i].want);
		free(got);
	}
	ck_assert_ptr_null(url_brand_subdomain("paypal.example.com", NULL));
	ck_assert_ptr_null(url_brand_subdomain(NULL, b));
}
END_TEST

static Suite *
url_suite(void)
{
	Suite *s = suite_create("url");
	TCase *tc = tcase_create("core");

	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_add_test(tc, parse_forms);
	tcase_add_test(tc, defang);
	tcase_add_test(tc, find_in_text);
	tcase_add_test(tc, facts);
	tcase_add_test(tc, text_mismatch);
	tcase_add_test(tc, text_mismatch_redirector_is_low);
	tcase_add_test(tc, brand_mismatch);
	tcase_add_test(tc, risky_tld);
	tcase_add_test(tc, ip_literal);
	tcase_add_test(tc, shortener);
	tcase_add_test(tc, confusable);
	tcase_add_test(tc, skeletons);
	tcase_add_test(tc, brand_subdomain_of_host);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(url_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
