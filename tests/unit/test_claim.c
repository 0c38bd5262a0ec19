/* test_claim.c — the brand a message claims (display name, subject, signature, copyright, title, alt) and the sender findings. */
#include "config.h"

#include <check.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "address.h"
#include "analyze.h"
#include "brands.h"
#include "claim.h"
#include "domain.h"
#include "findings.h"
#include "message.h"

static struct brands *b;

static void
setup(void)
{
	char *cause = NULL;

	setenv("KENSA_DATADIR", TEST_DATADIR, 1);
	b = brands_new();
	ck_assert_msg(brands_load_file(b, TEST_DATADIR "/brands.conf", &cause) == 0, "%s", cause);
	message_init();
}

static void
teardown(void)
{
	brands_free(b);
}

/* Claim of a message given as text. */
static void
claim_is(const char *mail, const char *id, enum claim_source src, const char *text)
{
	struct message *m;
	struct addresses a;
	struct brand_claim c;
	char *cause = NULL;

	ck_assert_msg(message_load_mem(mail, strlen(mail), "t", &m, &cause) == 0, "%s", cause);
	addresses_collect(m, &a);
	claim_find(m, &a, b, &c);
	if (id == NULL)
		ck_assert_msg(c.brand == NULL, "expected no claim, got %s (%s)", c.brand ? c.brand->id : "", c.text);
	else {
		ck_assert_msg(c.brand != NULL, "expected %s, got no claim", id);
		ck_assert_str_eq(c.brand->id, id);
		ck_assert_int_eq(c.source, src);
		ck_assert_str_eq(c.text, text);
		if (c.start >= 0 && src == CLAIM_SIGNATURE)
			ck_assert(strncmp(m->body + c.start, text, strlen(text)) == 0);
		if (c.start >= 0 && src == CLAIM_SUBJECT)
			ck_assert(strncmp(message_hvalue(m, "Subject") + c.start, text, strlen(text)) == 0);
	}
	claim_free(&c);
	addresses_free(&a);
	message_free(m);
}

#define HDR "To: taro@example.com\nDate: Fri, 20 Feb 2026 14:22:01 +0800\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n"

START_TEST(claim_sources)
{
	claim_is("From: \"Amazon\" <x@evil.example>\nSubject: hi\n" HDR "\nbody\n", "amazon", CLAIM_FROM_NAME, "Amazon");
	claim_is("From: =?utf-8?b?44Od44Kx44OD44OI44Kr44O844OJ?= <a@jfmmfn.cn>\nSubject: x\n" HDR "\nx\n",
	    "pocketcard", CLAIM_FROM_NAME, "ポケットカード");
	claim_is("From: u2zckmmpc <r@kmnkw.cn>\nSubject: 【ANA】今だけ最大5,000マイル\n" HDR "\nx\n", "ana", CLAIM_SUBJECT, "ANA");
	claim_is("From: x <r@kmnkw.cn>\nSubject: [spam] 【三井住友カード】ご利用確認\n" HDR "\nx\n", "smbc_card", CLAIM_SUBJECT, "三井住友カード");
	claim_is("From: x <r@a.example>\nSubject: SMARTalk:お知らせ\n" HDR "\nx\n", "smartalk", CLAIM_SUBJECT, "SMARTalk");
	claim_is("From: x <r@a.example>\nSubject: Re: [PATCH] apple: fix gmux\n" HDR "\nx\n", NULL, 0, NULL);
	claim_is("From: x <r@a.example>\nSubject: I bought it on Amazon yesterday\n" HDR "\nx\n", NULL, 0, NULL);
	claim_is("From: x <r@a.example>\nSubject: hello\n" HDR "\nお客様各位\n\nご確認ください。\n\nCopyright © Pocketcard Co,Ltd.td. All rights reserved.\n",
	    "pocketcard", CLAIM_COPYRIGHT, "Pocketcard");
	claim_is("From: x <r@a.example>\nSubject: hello\n" HDR "\nお客様各位\n\nご確認ください。\n\n【発行・編集】全日本空輸株式会社\n",
	    "ana", CLAIM_SIGNATURE, "全日本空輸株式会社");
	claim_is("From: x <r@a.example>\nSubject: hello\n" HDR "\nI read about Amazon and PayPal in a long sentence that goes on and on about many things.\n",
	    NULL, 0, NULL);
	claim_is("From: x <r@a.example>\nSubject: hello\nTo: t@example.com\nMIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\n\n"
	    "<html><head><title>Netflix</title></head><body><p>Update your payment details to keep watching today.</p></body></html>\n",
	    "netflix", CLAIM_TITLE, "Netflix");
	claim_is("From: x <r@a.example>\nSubject: hello\nTo: t@example.com\nMIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\n\n"
	    "<html><body><p>Your account <img src=\"cid:x\" alt=\"PayPal\"> is limited until you confirm your details.</p></body></html>\n",
	    "paypal", CLAIM_ALT, "PayPal");
	/* mailing lists quote other people's signatures: body claims are not read */
	claim_is("From: x <r@a.example>\nSubject: hello\nList-Id: <linux-kernel.vger.kernel.org>\n" HDR "\nthanks\n\nGoogle LLC\n",
	    NULL, 0, NULL);
	/* no name anywhere, but the From address is on the brand's sending domain */
	claim_is("From: <no-reply@accounts.google.com>\nSubject: Security alert\n" HDR "\nA new sign-in\n", "google",
	    CLAIM_FROM_DOMAIN, "accounts.google.com");
}
END_TEST

START_TEST(random_names)
{
	static const char *const randoms[] = {
		"u2zckmmpc", "xqzvbnmkl", "a8f3k2j9x", "reportqsevxnk", "kmnkwzrtp", "XQZVBNMKL", "U2ZCKMMPC",
	};
	static const char *const names[] = {
		"taro", "Taro Yamada", "jsmith", "tschmidt", "mrbrightside", "johnsmith1985", "yamada.taro",
		"ポケットカード", "u2", "Amazon", "info", "noreply", "alexander", "christopher", "strengths",
		"support", "newsletter", "k.tanaka", "abc12345", "JOHNSON", "SMARTALK", "XkcdFan", "TSCHMIDT",
	};

	for (size_t i = 0; i < sizeof randoms / sizeof randoms[0]; i++)
		ck_assert_msg(claim_random_name(randoms[i]), "%s should look random", randoms[i]);
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		ck_assert_msg(!claim_random_name(names[i]), "%s should not look random", names[i]);
}
END_TEST

static void
greeting_is(const char *body, const char *span)
{
	char *rcpt[] = { "taro@example.com", "hanako.sato@example.jp" };
	size_t s = 0, e = 0;
	bool hit = claim_greeting_address(body, strlen(body), rcpt, 2, &s, &e);

	if (span == NULL) {
		ck_assert_msg(!hit, "\"%s\": expected no greeting, got \"%.*s\"", body, (int)(e - s), body + s);
		return;
	}
	ck_assert_msg(hit, "\"%s\": expected a greeting", body);
	ck_assert_msg(e - s == strlen(span) && memcmp(body + s, span, e - s) == 0, "\"%s\": span \"%.*s\"", body,
	    (int)(e - s), body + s);
}

START_TEST(greetings)
{
	greeting_is("taro@example.com 様\n\nANAマイルの期限が切れます!\n", "taro@example.com");
	greeting_is("TARO@EXAMPLE.COM様\n", "TARO@EXAMPLE.COM");
	greeting_is("hanako.sato さま\nお知らせ\n", "hanako.sato");
	greeting_is("Dear taro@example.com,\nYour account\n", "taro@example.com");
	greeting_is("Hello hanako.sato,\n", "hanako.sato");
	greeting_is("山田 太郎 様\n\nお知らせ\n", NULL);
	greeting_is("Taro 様\n", NULL);                       /* a short local part may be the real name */
	greeting_is("お問い合わせは taro@example.com までどうぞ\n", NULL);   /* not a greeting */
	greeting_is("line1\nline2\nline3\nline4\nline5\nline6\ntaro@example.com 様\n", NULL);   /* too far down */
}
END_TEST

static void
subject_is(const char *subject, const char *span)
{
	char *rcpt[] = { "taro@example.com", "h.sato@example.jp" };
	size_t s = 0, e = 0;
	bool hit = claim_subject_address(subject, rcpt, 2, &s, &e);

	if (span == NULL) {
		ck_assert_msg(!hit, "\"%s\": expected no address, got \"%.*s\"", subject, (int)(e - s), subject + s);
		return;
	}
	ck_assert_msg(hit, "\"%s\": expected the recipient's address", subject);
	ck_assert_msg(e - s == strlen(span) && memcmp(subject + s, span, e - s) == 0, "\"%s\": span \"%.*s\"",
	    subject, (int)(e - s), subject + s);
}

START_TEST(subject_addresses)
{
	/* the recipient's whole address, wherever it stands */
	subject_is("taro@example.com, Rate your Shopping Experience for Rewards!", "taro@example.com");
	subject_is("Important pour taro@example.com", "taro@example.com");
	subject_is("A mensalidade do seu plano foi reajustada taro@example.com?", "taro@example.com");
	subject_is("RE:taro@example.com, You have won", "taro@example.com");
	subject_is("Letzte Erinnerung: TARO@EXAMPLE.COM, erneuern Sie", "TARO@EXAMPLE.COM");
	subject_is("taro@example.com- Congratulations! You Won", "taro@example.com");
	subject_is("Mailbox taro@example.com is full.", "taro@example.com");
	subject_is("<taro@example.com> password expires today", "taro@example.com");
	subject_is("【重要】h.sato@example.jp 様 アカウント確認", "h.sato@example.jp");
	subject_is("h.sato@example.jp様のパスワードの有効期限", "h.sato@example.jp");
	subject_is("(taro@example.com) invoice 2291", "taro@example.com");
	/* another address, a part of one, or a longer one */
	subject_is("Your order", NULL);
	subject_is("taro, your order has shipped", NULL);
	subject_is("Message from xtaro@example.com", NULL);
	subject_is("taro@example.com.evil.top verification", NULL);
	subject_is("taro@example.community news", NULL);
	subject_is("mail for taro@example.co", NULL);
	subject_is("sato@example.jp asked a question", NULL);
	subject_is("", NULL);
	subject_is("taro at example.com", NULL);
	subject_is("Re: [list] taro@example-lists.org digest", NULL);
	subject_is("example.com news", NULL);
}
END_TEST

static void
name_address_is(const char *display, const char *addr, const char *span)
{
	char *rcpt[] = { "taro@example.com", "phishing@pot" };
	struct address from = { 0 };
	size_t s = 0, e = 0;
	bool hit;

	from.display = (char *)display;
	from.addr = (char *)addr;
	from.domain = strchr(addr, '@') + 1;
	from.org_domain = domain_org(from.domain);
	from.valid = true;
	hit = claim_name_address(&from, rcpt, 2, &s, &e);
	free(from.org_domain);
	if (span == NULL) {
		ck_assert_msg(!hit, "\"%s\" <%s>: expected nothing, got \"%.*s\"", display, addr, (int)(e - s), display + s);
		return;
	}
	ck_assert_msg(hit, "\"%s\" <%s>: expected the address in the name", display, addr);
	ck_assert_msg(e - s == strlen(span) && memcmp(display + s, span, e - s) == 0, "\"%s\": span \"%.*s\"",
	    display, (int)(e - s), display + s);
}

START_TEST(name_addresses)
{
	name_address_is("support@paypal.com", "x7@evil.example", "support@paypal.com");
	name_address_is("Estancos@GiftCard.es", "message@my.zalando.es", "Estancos@GiftCard.es");
	name_address_is("PayPal (service@paypal.com)", "a@b.top", "service@paypal.com");
	name_address_is("No-Reply@digilan.it", "news@mailer.example.net", "No-Reply@digilan.it");
	name_address_is("phishing@pot", "YpLkIvs@buildolution.com", "phishing@pot");
	name_address_is("taro@example.com", "promo@deals.example.net", "taro@example.com");
	name_address_is("Amazon.co.jp <account-update@amazon.co.jp>", "u@kmnkw.cn", "account-update@amazon.co.jp");
	name_address_is("info@bank.example.", "x@evil.example", "info@bank.example");
	name_address_is("\"billing@apple.com\"", "billing@apple-id.top", "billing@apple.com");
	name_address_is("helpdesk@microsoft.com.", "a@b.example", "helpdesk@microsoft.com");
	/* the same registrable domain, no address, a list's form, the sender itself */
	name_address_is("support@disneyplus.com", "support@disneyplus.com", NULL);
	name_address_is("news@mail.example.com", "bounce@example.com", NULL);
	name_address_is("Taro Yamada", "taro@example.com", NULL);
	name_address_is("taro@example.org via Mailing List", "list@lists.example.net", NULL);
	name_address_is("'hanako@example.jp' via Friends", "friends@googlegroups.com", NULL);
	name_address_is("Shop @ Home", "a@shop.example", NULL);
	name_address_is("@twitter", "notify@twitter.com", NULL);
	name_address_is("taro@example.com", "taro@example.com", NULL);
	name_address_is("Ask me @ the desk", "desk@example.org", NULL);
	name_address_is("Sales@Example.COM", "sales@example.com", NULL);
}
END_TEST

/* FROM_RISKY_TLD and the subject's address through the whole analyser. */
static struct report *
analyse_text(const char *text)
{
	struct message *m = NULL;
	char *cause = NULL;

	ck_assert_int_eq(message_load_mem(text, strlen(text), "test.eml", &m, &cause), 0);
	return analyze_message(m, NULL);
}

START_TEST(sender_tld_and_subject)
{
	struct report *r;

	r = analyse_text("From: Shop <deals@mail.bargains.top>\nTo: taro@example.com\n"
	    "Subject: taro@example.com, your reward\nDate: Tue, 31 Oct 2023 16:06:40 +0000\n\nHello\n");
	ck_assert(findings_has(&r->findings, F_FROM_RISKY_TLD));
	ck_assert(findings_has(&r->findings, F_GREETING_IS_ADDRESS));
	for (size_t i = 0; i < r->findings.n; i++)
		if (r->findings.v[i].id == F_GREETING_IS_ADDRESS)
			ck_assert_str_eq(r->findings.v[i].where, "header:Subject");
	report_free(r);
	r = analyse_text("From: Shop <deals@mail.bargains.example.com>\nTo: taro@example.com\n"
	    "Subject: your reward\nDate: Tue, 31 Oct 2023 16:06:40 +0000\n\nHello\n");
	ck_assert(!findings_has(&r->findings, F_FROM_RISKY_TLD));
	ck_assert(!findings_has(&r->findings, F_GREETING_IS_ADDRESS));
	report_free(r);
	/* a calendar invitation names its invitee in the subject by design */
	r = analyse_text("From: Ken <ken@example.org>\nTo: taro@example.com\nMIME-Version: 1.0\n"
	    "Subject: Invitation: planning @ Thu 10am (taro@example.com)\n"
	    "Content-Type: multipart/alternative; boundary=b\n\n--b\nContent-Type: text/plain\n\nJoin us\n"
	    "--b\nContent-Type: text/calendar; method=REQUEST\n\nBEGIN:VCALENDAR\nEND:VCALENDAR\n--b--\n");
	ck_assert(!findings_has(&r->findings, F_GREETING_IS_ADDRESS));
	report_free(r);
	/* a bounce quoting the address is the system's, not a lure */
	r = analyse_text("From: MAILER-DAEMON@mx.example.top\nTo: taro@example.com\n"
	    "Subject: Undelivered Mail Returned to Sender: taro@example.com\n\nsorry\n");
	ck_assert(!findings_has(&r->findings, F_GREETING_IS_ADDRESS));
	report_free(r);
}
END_TEST

/* The samples: claims and the sender findings through the whole analyser. */
static struct report *
seed(const char *prefix)
{
	char pat[512];
	glob_t g;
	struct report *r = NULL;
	char *cause = NULL;

	snprintf(pat, sizeof pat, TEST_CORPUS "/seeds/%s*", prefix);
	ck_assert_int_eq(glob(pat, 0, NULL, &g), 0);
	ck_assert_int_eq(analyze_file(g.gl_pathv[0], NULL, &r, &cause), 0);
	globfree(&g);
	return r;
}

static bool
has(const struct report *r, enum finding_id id)
{
	return findings_has(&r->findings, id);
}

START_TEST(samples)
{
	struct report *r;

	r = seed("1770309790");   /* ポケットカード from jfmmfn.cn */
	ck_assert_str_eq(r->claim.brand->id, "pocketcard");
	ck_assert(has(r, F_FROM_BRAND_MISMATCH) && !has(r, F_BRAND_VERIFIED));
	for (size_t i = 0; i < r->findings.n; i++)
		if (r->findings.v[i].id == F_FROM_BRAND_MISMATCH) {
			const char *v = message_hvalue(r->msg, "From");

			ck_assert_str_eq(r->findings.v[i].where, "header:From");
			ck_assert(strncmp(v + r->findings.v[i].span_start, "ポケットカード", strlen("ポケットカード")) == 0);
		}
	report_free(r);
	r = seed("1771568541");   /* ANA: random name, greeting */
	ck_assert_str_eq(r->claim.brand->id, "ana");
	ck_assert(has(r, F_FROM_RANDOM_NAME) && has(r, F_GREETING_IS_ADDRESS) && has(r, F_FROM_BRAND_MISMATCH));
	report_free(r);
	r = seed("1639558840");   /* SMARTalk, genuine */
	ck_assert_str_eq(r->claim.brand->id, "smartalk");
	ck_assert(has(r, F_BRAND_VERIFIED) && !has(r, F_FROM_BRAND_MISMATCH) && !has(r, F_FROM_RANDOM_NAME));
	ck_assert_int_eq(r->verdict, VERDICT_CLEAN);
	report_free(r);
	r = seed("1764487212");   /* American Express prank */
	ck_assert_str_eq(r->claim.brand->id, "amex");
	ck_assert(has(r, F_FROM_BRAND_MISMATCH) && !has(r, F_LINK_BRAND_MISMATCH));
	report_free(r);
	r = seed("1764487398");   /* 三井住友カード prank */
	ck_assert_str_eq(r->claim.brand->id, "smbc_card");
	ck_assert(has(r, F_FROM_BRAND_MISMATCH) && !has(r, F_LINK_BRAND_MISMATCH));
	report_free(r);
	r = seed("1770813301");   /* Amazon with no address: no mismatch on a domain it does not have */
	ck_assert_str_eq(r->claim.brand->id, "amazon");
	ck_assert(!has(r, F_FROM_BRAND_MISMATCH) && has(r, F_PHONE_NOT_BRAND));
	report_free(r);
}
END_TEST

START_TEST(title_claim_points_at_the_address)
{
	const char *mail = "From: Billing <billing@netf1ix-help.example>\nSubject: hello\nTo: t@example.com\n"
	    "MIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\n\n"
	    "<html><head><title>Netflix</title></head><body><p>Update your payment details to keep watching.</p>"
	    "<a href=\"https://netf1ix-help.example/pay\">Update</a></body></html>\n";
	struct message *m;
	struct report *r;
	char *cause = NULL;
	const char *from;
	bool seen = false;

	ck_assert_msg(message_load_mem(mail, strlen(mail), "t", &m, &cause) == 0, "%s", cause);
	r = analyze_message(m, NULL);
	from = message_hvalue(r->msg, "From");
	ck_assert_str_eq(r->claim.brand->id, "netflix");
	for (size_t i = 0; i < r->findings.n; i++) {
		const struct finding *f = &r->findings.v[i];

		if (f->id == F_FROM_BRAND_MISMATCH) {
			seen = true;
			ck_assert_str_eq(f->where, "header:From");
			ck_assert(strncmp(from + f->span_start, "billing@netf1ix-help.example", 28) == 0);
		}
		if (f->id == F_LINK_BRAND_MISMATCH)
			ck_assert_int_ge(f->span_start, 0);
	}
	ck_assert(seen);
	ck_assert(findings_has(&r->findings, F_LINK_BRAND_MISMATCH));
	report_free(r);
}
END_TEST

static Suite *
claim_suite(void)
{
	Suite *s = suite_create("claim");
	TCase *tc = tcase_create("core");

	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, claim_sources);
	tcase_add_test(tc, random_names);
	tcase_add_test(tc, greetings);
	tcase_add_test(tc, subject_addresses);
	tcase_add_test(tc, name_addresses);
	tcase_add_test(tc, sender_tld_and_subject);
	tcase_add_test(tc, samples);
	tcase_add_test(tc, title_claim_points_at_the_address);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(claim_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
