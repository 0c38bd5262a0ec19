/* test_lure.c — scams that name no brand: each LURE_* finding, REPLY_TO_FREEMAIL and PHONE_MOBILE_SUPPORT on small realistic messages, with spans. */
#include "config.h"

#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analyze.h"
#include "findings.h"
#include "lure.h"
#include "message.h"
#include "util.h"

/* One message: headers (From, To, Reply-To may be NULL) and a text/plain UTF-8 body; span NULL means "not raised". */
struct tc {
	const char *from, *to, *reply_to, *subject, *body;
	const char *span;
};

static void
setup(void)
{
	setenv("KENSA_DATADIR", TEST_DATADIR, 1);
	setenv("XDG_CONFIG_HOME", "/nonexistent-kensa-test", 1);
	message_init();
}

static struct report *
analyse(const struct tc *t, const char *extra)
{
	struct message *m;
	char *cause = NULL, *reply = t->reply_to != NULL ? xasprintf("Reply-To: %s\r\n", t->reply_to) : xstrdup("");
	char *mail = xasprintf("From: %s\r\nTo: %s\r\n%s%sSubject: %s\r\nDate: Mon, 3 Mar 2025 10:00:00 +0000\r\n"
	    "Message-ID: <t1@mail.example.net>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
	    "Content-Transfer-Encoding: 8bit\r\n\r\n%s\r\n",
	    t->from, t->to != NULL ? t->to : "undisclosed-recipients:;", reply, extra != NULL ? extra : "", t->subject, t->body);

	ck_assert_msg(message_load_mem(mail, strlen(mail), "t", &m, &cause) == 0, "%s", cause);
	free(mail);
	free(reply);
	return analyze_message(m, NULL);
}

/* The text a finding's span covers, in the field its where names. */
static char *
span_text(const struct report *r, const struct finding *f)
{
	const char *field = NULL;

	if (strcmp(f->where, "body") == 0)
		field = r->msg->body;
	else if (strncmp(f->where, "header:", 7) == 0) {
		char name[32];

		snprintf(name, sizeof name, "%.*s", (int)strcspn(f->where + 7, "["), f->where + 7);
		field = message_hvalue(r->msg, name);
	}
	if (field == NULL || f->span_start < 0 || f->span_end < f->span_start || (size_t)f->span_end > strlen(field))
		return xstrdup("(no span)");
	return xstrndup(field + f->span_start, (size_t)(f->span_end - f->span_start));
}

static void
expect(enum finding_id id, const struct tc *t, size_t i, const char *extra)
{
	struct report *r = analyse(t, extra);
	const struct finding *f = NULL;

	for (size_t k = 0; k < r->findings.n && f == NULL; k++)
		if (r->findings.v[k].id == id)
			f = &r->findings.v[k];
	if (t->span == NULL)
		ck_assert_msg(f == NULL, "%s case %zu (\"%s\"): raised: %s", finding_name(id), i, t->subject,
		    f != NULL ? f->evidence : "");
	else {
		char *s;

		ck_assert_msg(f != NULL, "%s case %zu (\"%s\"): not raised", finding_name(id), i, t->subject);
		s = span_text(r, f);
		ck_assert_msg(strcmp(s, t->span) == 0, "%s case %zu (\"%s\"): span \"%s\" (%s), expected \"%s\"",
		    finding_name(id), i, t->subject, s, f->where, t->span);
		ck_assert_msg(f->evidence != NULL && *f->evidence != '\0', "%s case %zu: no evidence", finding_name(id), i);
		free(s);
	}
	report_free(r);
}

static void
run_table(enum finding_id id, const struct tc *v, size_t n, size_t want)
{
	size_t pos = 0, neg = 0;

	for (size_t i = 0; i < n; i++) {
		expect(id, &v[i], i, NULL);
		if (v[i].span != NULL)
			pos++;
		else
			neg++;
	}
	ck_assert_msg(pos >= want && neg >= want, "%s: %zu positive, %zu negative cases", finding_name(id), pos, neg);
}

#define N(v) (sizeof (v) / sizeof (v)[0])

/* ---- REPLY_TO_FREEMAIL ---- */

static const struct tc reply_cases[] = {
	{ "Dr. Paul Adams <p.adams@uni-example.edu>", "you@example.org", "paul.adams1956@gmail.com", "Hello", "Please reply.", "paul.adams1956@gmail.com" },
	{ "Claims Office <claims@iceapple.tech>", "you@example.org", "claimsoffice@outlook.com", "Assets", "Write back.", "claimsoffice@outlook.com" },
	{ "Mrs. Jonto <info@relief-fund.org>", "you@example.org", "\"Mrs. Jonto\" <beneditojonto@hotmail.com>", "Donation", "Reply.", "beneditojonto@hotmail.com" },
	{ "Bank <notice@bank-notice.net>", "you@example.org", "agent@hotmail.co.uk", "Transfer", "Reply.", "agent@hotmail.co.uk" },
	{ "HR <hr@company-example.com>", "you@example.org", "hr.desk@yahoo.com", "Offer", "Reply.", "hr.desk@yahoo.com" },
	{ "配送センター <info@delivery-example.jp>", "you@example.org", "support-center@yahoo.co.jp", "お知らせ", "ご返信ください。", "support-center@yahoo.co.jp" },
	{ "Service <service@shop-example.fr>", "you@example.org", "service.client@yahoo.fr", "Remboursement", "Répondez.", "service.client@yahoo.fr" },
	{ "Agent <a@agency-example.ru>", "you@example.org", "agent77@mail.ru", "Offer", "Reply.", "agent77@mail.ru" },
	{ "Trade <sales@factory-example.cn>", "you@example.org", "8812345@qq.com", "Quote", "Reply.", "8812345@qq.com" },
	{ "Trade <sales@factory-example.cn>", "you@example.org", "sales_dept@163.com", "Quote", "Reply.", "sales_dept@163.com" },
	{ "Legal <legal@court-example.com>", "you@example.org", "legal.team@protonmail.com", "Case", "Reply.", "legal.team@protonmail.com" },
	{ "Legal <legal@court-example.com>", "you@example.org", "legal.team@proton.me", "Case", "Reply.", "legal.team@proton.me" },
	{ "Director <director@ngo-example.org>", "you@example.org", "director1@aol.com", "Grant", "Reply.", "director1@aol.com" },
	{ "Director <director@ngo-example.org>", "you@example.org", "director1@icloud.com", "Grant", "Reply.", "director1@icloud.com" },
	{ "Kunde <kunde@shop-example.de>", "you@example.org", "kundenservice@gmx.de", "Gewinn", "Antworten.", "kundenservice@gmx.de" },
	{ "Kunde <kunde@shop-example.de>", "you@example.org", "kundenservice@web.de", "Gewinn", "Antworten.", "kundenservice@web.de" },
	{ "Agent <a@agency-example.ru>", "you@example.org", "agent@yandex.ru", "Offer", "Reply.", "agent@yandex.ru" },
	{ "Office <office@firm-example.com>", "you@example.org", "office.firm@zoho.com", "Invoice", "Reply.", "office.firm@zoho.com" },
	{ "Office <office@firm-example.kr>", "you@example.org", "office.firm@naver.com", "Invoice", "Reply.", "office.firm@naver.com" },
	{ "Support <support@tool-example.com>", "you@example.org", "support.tool@live.com", "Help", "Reply.", "support.tool@live.com" },
	{ "Stella Rose <stella1@gmail.com>", "you@example.org", "alinco22@gmail.com", "Dear friend", "Reply.", "alinco22@gmail.com" },
	/* negatives */
	{ "Taro <taro@gmail.com>", "you@example.org", "taro@gmail.com", "Lunch", "See you.", NULL },
	{ "Taro <Taro@Gmail.com>", "you@example.org", "taro@gmail.com", "Lunch", "See you.", NULL },
	{ "Shop <news@shop-example.com>", "you@example.org", "support@shop-example.com", "News", "Hi.", NULL },
	{ "Member <abc@hotmail.com>", "you@example.org", "OneIncomeLiving@groups.msn.com", "Re: Hi", "Hi.", NULL },
	{ "List <list@example.com>", "you@example.org", "forteana@yahoogroups.com", "Digest", "Hi.", NULL },
	{ "Shop <news@shop-example.com>", "you@example.org", "help@gmail.com.example.net", "News", "Hi.", NULL },
	{ "Shop <news@shop-example.com>", "you@example.org", "help@mygmail.com", "News", "Hi.", NULL },
	{ "Shop <news@shop-example.com>", "you@example.org", "help@notgmail.com", "News", "Hi.", NULL },
	{ "Shop <news@shop-example.com>", "you@example.org", "help@yahoo-inc.com", "News", "Hi.", NULL },
	{ "Shop <news@shop-example.com>", "you@example.org", "help@mail.ru.example.com", "News", "Hi.", NULL },
	{ "Shop <news@shop-example.com>", "you@example.org", NULL, "News", "Write to help@gmail.com.", NULL },
	{ "Shop <news@shop-example.com>", "you@example.org", "not an address", "News", "Hi.", NULL },
	{ "Shop <news@shop-example.com>", "you@example.org", "support@outlook.example.com", "News", "Hi.", NULL },
	{ "Shop <news@shop-example.com>", "you@example.org", "support@corp.qq.com.cn", "News", "Hi.", NULL },
	{ "Shop <news@shop-example.com>", "you@example.org", "support@live-events.com", "News", "Hi.", NULL },
	{ "Shop <news@shop-example.com>", "you@example.org", "support@aol.example", "News", "Hi.", NULL },
	{ "Team <team@startup-example.io>", "you@example.org", "team@startup-example.io", "News", "Hi.", NULL },
	{ "Team <team@startup-example.io>", "you@example.org", "billing@pay.startup-example.io", "News", "Hi.", NULL },
	{ "Team <team@startup-example.io>", "you@example.org", "jobs@163.com.startup-example.io", "News", "Hi.", NULL },
	{ "Team <team@startup-example.io>", "you@example.org", "<>", "News", "Hi.", NULL },
};

START_TEST(reply_to_freemail)
{
	run_table(F_REPLY_TO_FREEMAIL, reply_cases, N(reply_cases), 20);
}
END_TEST

/* ---- LURE_ADVANCE_FEE ---- */

#define FEE_FROM "Mr. James Cole <j.cole@lawfirm-example.com>"
static const struct tc fee_cases[] = {
	{ FEE_FROM, NULL, NULL, "Hello", "I am Barrister James Cole. My late client left US$10.5 million and no next of kin.", "Barrister" },
	{ FEE_FROM, NULL, NULL, "Hello", "You are the beneficiary of an inheritance of $4,500,000.00 from a deceased client.", "beneficiary" },
	{ FEE_FROM, NULL, NULL, "Greetings", "A consignment box with USD 2.5M is held by the diplomatic courier service.", "consignment" },
	{ FEE_FROM, NULL, NULL, "Notice", "The compensation fund has approved $1.5 million; contact the western union office.", "compensation fund" },
	{ FEE_FROM, NULL, NULL, "Winner", "You are a lottery winner of 2,500,000 euros. Send your full name and your home address.", "lottery winner" },
	{ FEE_FROM, NULL, NULL, "MANAGEMENT OFFER", "A private client needs a fund manager to manage funds totaling $53.7 million USD.", "private client" },
	{ FEE_FROM, NULL, NULL, "Please confirm", "Somebody says he is your brother and asked us to receive the funds on your behalf: $7.5million usd.", "receive the funds" },
	{ FEE_FROM, NULL, NULL, "Regards", "We have US$ 9.5 million united state dollars to transfer into your account as a dormant fund.", "transfer into your account" },
	{ FEE_FROM, NULL, NULL, "Donation", "I am a widow suffering from cancer and I want to donate the sum of $2,800,000 to charity work.", "widow" },
	{ FEE_FROM, NULL, NULL, "Partnership", "I seek your consent for an urgent business dealing. Kindly get back to me.", "seek your consent" },
	{ FEE_FROM, NULL, NULL, "ATM", "Your ATM card worth $850,000 is ready; pay the processing fee today.", "ATM card" },
	{ FEE_FROM, NULL, NULL, "IMF", "The IMF and the World Bank approved your payment of USD 1,000,000.00.", "IMF" },
	{ FEE_FROM, NULL, NULL, "Award", "Your email was awarded the sum of £750,000 in the UK lottery draw.", "awarded" },
	{ FEE_FROM, NULL, NULL, "Urgent", "Strictly confidential: I need your assistance to move $12 million. It is 100% risk free.", "Strictly confidential" },
	{ FEE_FROM, NULL, NULL, "Dear friend", "My late husband deposited $5,500,000 in a dormant account. I am terminally ill.", "My late husband" },
	{ FEE_FROM, NULL, NULL, "Reply", "Send your full names, your country of origin and your occupation to claim it.", "your full names" },
	{ FEE_FROM, NULL, NULL, "United Nations", "The United Nations compensation payment of $800,000 is ready for you.", "United Nations" },
	{ FEE_FROM, NULL, NULL, "遺産", "遺産の相続人としてあなたが選ばれました。US$5,000,000 を送金します。", "遺産" },
	{ FEE_FROM, NULL, NULL, "FUNDS", "The bank draft of 3.2 million dollars will be released; the security company holds it.", "bank draft" },
	{ FEE_FROM, NULL, NULL, "hi", "Good day. Ten million dollars await the beneficiary; contact my lawyer for the release of the funds.", "beneficiary" },
	/* negatives */
	{ FEE_FROM, NULL, NULL, "Invoice", "Please find our invoice of $1,200 for March.", NULL },
	{ FEE_FROM, NULL, NULL, "Policy", "Please name a beneficiary on the enclosed life insurance form.", NULL },
	{ FEE_FROM, NULL, NULL, "Results", "Revenue grew to $3.5 million this quarter.", NULL },
	{ FEE_FROM, NULL, NULL, "Estate", "The inheritance tax threshold is discussed in our newsletter.", NULL },
	{ FEE_FROM, NULL, NULL, "Lottery", "The state lottery results are published on Sunday.", NULL },
	{ FEE_FROM, NULL, NULL, "Shipping", "Your consignment number is 88231; it ships tomorrow.", NULL },
	{ FEE_FROM, NULL, NULL, "Charity", "Our charity work raised $2,000 last year; thank you.", NULL },
	{ FEE_FROM, NULL, NULL, "Fund", "The fund transfer of $250 is complete.", NULL },
	{ FEE_FROM, NULL, NULL, "Money", "The budget is $10 million for next year.", NULL },
	{ FEE_FROM, NULL, NULL, "Court", "The barrister will attend the hearing on Monday.", NULL },
	{ FEE_FROM, NULL, NULL, "Meeting", "Let us meet at 10:00 in room 3.", NULL },
	{ FEE_FROM, NULL, NULL, "Report", "The World Bank report on growth is attached.", NULL },
	{ FEE_FROM, NULL, NULL, "Diplomat", "The diplomat gave a talk on trade.", NULL },
	{ FEE_FROM, NULL, NULL, "Kin", "Next of kin details are needed for the hospital form. Cost: $15.", NULL },
	{ FEE_FROM, NULL, NULL, "Transfer", "The wire of 1,000,000 yen arrived.", NULL },
	{ FEE_FROM, NULL, NULL, "Sale", "Save $500 on our sofas this week.", NULL },
	{ FEE_FROM, NULL, NULL, "Benefits", "Your employee benefits include a beneficiary option.", NULL },
	{ FEE_FROM, NULL, NULL, "会議", "来週の会議は10時からです。", NULL },
	{ FEE_FROM, NULL, NULL, "Inherit", "Child classes inherit from the base class.", NULL },
	{ FEE_FROM, NULL, NULL, "Awards", "The film was awarded two prizes.", NULL },
};

START_TEST(advance_fee)
{
	run_table(F_LURE_ADVANCE_FEE, fee_cases, N(fee_cases), 20);
}
END_TEST

/* ---- LURE_PRIZE ---- */

#define PRIZE_FROM "Rewards <rewards@promo-example.com>"
static const struct tc prize_cases[] = {
	{ PRIZE_FROM, NULL, NULL, "You have won", "Congratulations! Claim your prize: https://win-now-example.com/x", "You have won" },
	{ PRIZE_FROM, NULL, NULL, "Hello", "You have been selected to complete a short survey. https://survey-example.net/s", "You have been selected" },
	{ PRIZE_FROM, NULL, NULL, "Hi", "Congratulations, you've won a cookware set! https://prize-example.net/", "you've won" },
	{ PRIZE_FROM, NULL, NULL, "Reward", "Claim your reward now. It is a free gift. https://gift-example.org/a", "Claim your reward" },
	{ PRIZE_FROM, NULL, NULL, "Reward", "Claim your rewards today, you've earned them. https://rewards-example.org/a", "Claim your rewards" },
	{ PRIZE_FROM, NULL, NULL, "Pending", "Your pending reward expires; only pay shipping. https://ship-example.com/", "pending reward" },
	{ PRIZE_FROM, NULL, NULL, "Hi", "Answer a few questions and get a $100 gift card. https://quiz-example.com/", "Answer a few questions" },
	{ PRIZE_FROM, NULL, NULL, "Winner", "YOU ARE OUR WINNER! Claim now: https://claim-example.shop/", "YOU ARE OUR WINNER" },
	{ PRIZE_FROM, NULL, NULL, "Spins", "Claim your bonus and 200 free spins. https://casino-example.com/", "Claim your bonus" },
	{ PRIZE_FROM, NULL, NULL, "Hi", "You have been chosen for our loyalty program reward. https://loyal-example.com/", "You have been chosen" },
	{ PRIZE_FROM, NULL, NULL, "Hi", "Take our survey and redeem your reward. https://s-example.com/", "Take our survey" },
	{ PRIZE_FROM, NULL, NULL, "Hi", "Congratulations! Complete our survey to receive a prize. https://s-example.com/", "Complete our survey" },
	{ PRIZE_FROM, NULL, NULL, "Hi", "You are a winner. Just pay for shipping. https://ship-example.com/", "You are a winner" },
	{ "Lotto <lotto@draw-example.com>", NULL, "claims.agent@gmail.com", "Hi", "You have won the draw. Congratulations, reply now.", "You have won" },
	{ PRIZE_FROM, NULL, NULL, "Raffle", "Unclaimed reward from our raffle. https://raffle-example.com/", "Unclaimed reward" },
	{ PRIZE_FROM, NULL, NULL, "当選のお知らせ", "おめでとうございます。当選しました。https://gift-example.jp/a", "当選しました" },
	{ PRIZE_FROM, NULL, NULL, "お知らせ", "アンケートにご回答いただくと賞品を差し上げます。https://q-example.jp/", "アンケートにご回答" },
	{ PRIZE_FROM, NULL, NULL, "お知らせ", "ご当選おめでとうございます。送料のみでお届けします。https://ship-example.jp/", "ご当選" },
	{ PRIZE_FROM, NULL, NULL, "特別なお知らせ", "あなたが選ばれました。ギフト券をお受け取りください。https://g-example.jp/", "選ばれました" },
	{ PRIZE_FROM, NULL, NULL, "Hi", "Claim your gift: a free gift card. https://g-example.com/", "Claim your gift" },
	/* an amount of money is the second sign */
	{ PRIZE_FROM, NULL, NULL, "Balance", "Withdraw your funds: $25,745 before the block. https://mine-example.com/", "Withdraw your funds" },
	{ PRIZE_FROM, NULL, NULL, "+$19,782 pending", "Please withdraw your balance now. https://w-example.net/", "withdraw your balance" },
	/* negatives */
	{ PRIZE_FROM, NULL, NULL, "Hi", "You have been selected to speak; the fee is $500. Reply to confirm.", NULL },
	{ PRIZE_FROM, NULL, NULL, "Refund", "To withdraw your funds from the savings plan ($2,000), visit https://www.google.com/bank", NULL },
	{ PRIZE_FROM, NULL, NULL, "Graduation", "Congratulations on your graduation! https://school-example.edu/", NULL },
	{ PRIZE_FROM, NULL, NULL, "Hi", "You have won the draw. Reply to this message.", NULL },
	{ PRIZE_FROM, NULL, NULL, "Hi", "Claim your prize at https://www.amazon.co.jp/gp/ congratulations.", NULL },
	{ PRIZE_FROM, NULL, NULL, "Giveaway", "Our giveaway winner will be announced. https://blog-example.com/", NULL },
	{ PRIZE_FROM, NULL, NULL, "Survey", "Please take a short survey about our service. https://s-example.com/", NULL },
	{ PRIZE_FROM, NULL, NULL, "Dell", "Buy a Dell and be entered; the next lucky winner could be you. Giveaway: https://d-example.com/", NULL },
	{ PRIZE_FROM, NULL, NULL, "Gift", "Gift cards make great presents. https://shop-example.com/", NULL },
	{ PRIZE_FROM, NULL, NULL, "Hi", "Claim your reward.", NULL },
	{ PRIZE_FROM, NULL, NULL, "Hi", "Meeting at noon. https://cal-example.com/", NULL },
	{ PRIZE_FROM, NULL, NULL, "Sweepstakes", "Sweepstakes rules and the winner list. https://rules-example.com/", NULL },
	{ PRIZE_FROM, NULL, NULL, "Hi", "Congratulations, winner of the chess cup! https://chess-example.org/", NULL },
	{ PRIZE_FROM, NULL, NULL, "Hi", "The raffle raised money. https://club-example.org/", NULL },
	{ PRIZE_FROM, NULL, NULL, "Hi", "You have been selected for jury duty. Court: https://court-example.gov/", NULL },
	{ PRIZE_FROM, NULL, NULL, "Hi", "Welcome bonus terms apply. https://bank-example.com/", NULL },
	{ PRIZE_FROM, NULL, NULL, "抽選結果", "抽選の結果、残念ながら落選となりました。https://ev-example.jp/", NULL },
	{ PRIZE_FROM, NULL, NULL, "アンケート", "アンケートへのご協力をお願いします。https://q-example.jp/", NULL },
	{ PRIZE_FROM, NULL, NULL, "Hi", "Congratulations to our staff; the quick survey results are in. https://hr-example.com/", NULL },
	{ PRIZE_FROM, NULL, NULL, "Hi", "You have won nothing yet.", NULL },
	{ PRIZE_FROM, NULL, NULL, "Hi", "Congratulations! You have been selected. https://www.google.com/forms", NULL },
	{ PRIZE_FROM, NULL, NULL, "Hi", "Free gift wrapping on all orders. https://shop-example.com/", NULL },
};

START_TEST(prize)
{
	run_table(F_LURE_PRIZE, prize_cases, N(prize_cases), 20);
}
END_TEST

/* The attached document is the vector of a lure with no link: "see the attached PDF to withdraw your funds". */
static struct report *
with_attachment(const char *body, const char *type, const char *name)
{
	struct message *m;
	char *cause = NULL;
	char *mail = xasprintf("From: Mining <info@mining-example.com>\r\nTo: you@example.jp\r\nSubject: Your balance\r\n"
	    "Date: Mon, 3 Mar 2025 10:00:00 +0000\r\nMessage-ID: <t2@mail.example.net>\r\nMIME-Version: 1.0\r\n"
	    "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
	    "%s\r\n--b\r\nContent-Type: %s\r\nContent-Disposition: attachment; filename=\"%s\"\r\n"
	    "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b--\r\n", body, type, name);

	ck_assert_msg(message_load_mem(mail, strlen(mail), "t", &m, &cause) == 0, "%s", cause);
	free(mail);
	return analyze_message(m, NULL);
}

START_TEST(prize_document_vector)
{
	static const char body[] = "Your account has been accumulating funds: $25,745 waiting for you. It will be blocked "
	    "in 24 hours. Withdraw your funds as soon as possible; the attached PDF explains how.";
	struct report *r = with_attachment(body, "application/pdf", "withdraw.pdf");
	const struct finding *f = NULL;

	for (size_t k = 0; k < r->findings.n && f == NULL; k++)
		if (r->findings.v[k].id == F_LURE_PRIZE)
			f = &r->findings.v[k];
	ck_assert_msg(f != NULL, "no LURE_PRIZE");
	ck_assert_msg(strstr(f->evidence, "withdraw.pdf") != NULL, "%s", f->evidence);
	report_free(r);
	/* an image is no document to follow */
	r = with_attachment(body, "image/png", "logo.png");
	ck_assert(!findings_has(&r->findings, F_LURE_PRIZE));
	report_free(r);
	/* the same words with no amount and only one phrase: nothing */
	r = with_attachment("Please find attached the minutes.", "application/pdf", "minutes.pdf");
	ck_assert(!findings_has(&r->findings, F_LURE_PRIZE));
	report_free(r);
}
END_TEST

/* ---- LURE_CRYPTO ---- */

#define CRYPTO_FROM "Wallet Team <team@notify-example.com>"
#define NEWS_FROM "Newsroom <news@news-example.com>"
static const struct tc crypto_cases[] = {
	{ CRYPTO_FROM, NULL, NULL, "Verify Your Wallet", "Validate your wallet with your seed phrase: https://wallet-check-example.com/", "Verify Your Wallet" },
	{ CRYPTO_FROM, NULL, NULL, "News", "Enter your secret recovery phrase to keep your MetaMask. https://mm-example.app/", "secret recovery phrase" },
	{ CRYPTO_FROM, NULL, NULL, "Airdrop", "Claim your tokens from the airdrop pool now. https://drop-example.xyz/", "Airdrop" },
	{ CRYPTO_FROM, NULL, NULL, "News", "Connect your wallet to receive the airdrop. https://connect-example.io/", "Connect your wallet" },
	{ CRYPTO_FROM, NULL, NULL, "PancakeSwap", "We are launching an exclusive airdrop. Claim your airdrop. https://pst-example.com/", "airdrop" },
	{ CRYPTO_FROM, NULL, NULL, "$BLUR", "Don't miss your chance to claim your $BLUR tokens https://t-example.co/x", "claim your $" },
	{ CRYPTO_FROM, NULL, NULL, "Security", "Vulnerability in Iedger live: scan your crypto now. https://scan-example.com/", "Iedger live" },
	{ CRYPTO_FROM, NULL, NULL, "KYC", "Your wallet has not been verified. Unverified wallets will be suspended. https://kyc-example.com/", "wallet has not" },
	{ CRYPTO_FROM, NULL, NULL, "Mint", "Free mint for beta testers: NFT drop. https://mint-example.io/", "Free mint" },
	{ CRYPTO_FROM, NULL, NULL, "Trust Wallet", "Synchronize your wallet to avoid losing your bitcoin. https://sync-example.com/", "Trust Wallet" },
	{ CRYPTO_FROM, NULL, NULL, "Hi", "WalletConnect session expired; reconnect your wallet. https://wc-example.com/", "WalletConnect" },
	{ CRYPTO_FROM, NULL, NULL, "Hi", "Import your wallet with the 12-word phrase. https://imp-example.com/", "Import your wallet" },
	{ CRYPTO_FROM, NULL, NULL, "Hi", "Your private key must be re-entered for staking. https://st-example.com/", "private key" },
	{ CRYPTO_FROM, NULL, NULL, "Hi", "Phantom wallet users: claim tokens now. https://ph-example.com/", "Phantom wallet" },
	{ CRYPTO_FROM, NULL, NULL, "Hi", "Restore your wallet: the ethereum bridge moved. https://rs-example.com/", "Restore your wallet" },
	{ CRYPTO_FROM, NULL, NULL, "Hi", "Wallet verification required for your USDT. https://wv-example.com/", "Wallet verification" },
	{ CRYPTO_FROM, NULL, NULL, "お知らせ", "ウォレットの認証を行ってください。シードフレーズが必要です。https://w-example.jp/", "ウォレットの認証" },
	{ CRYPTO_FROM, NULL, NULL, "重要", "エアドロップで仮想通貨を受け取れます。https://a-example.jp/", "エアドロップ" },
	{ CRYPTO_FROM, NULL, NULL, "重要", "秘密鍵を入力して暗号資産を保護してください。https://k-example.jp/", "秘密鍵" },
	{ CRYPTO_FROM, NULL, NULL, "Hi", "Token claim is open: coinbase wallet holders claim tokens. https://tc-example.com/", "Token claim" },
	/* negatives */
	{ CRYPTO_FROM, NULL, NULL, "Market", "Bitcoin and ethereum rose; staking yields fell. https://news-example.com/", NULL },
	{ CRYPTO_FROM, NULL, NULL, "Wallet", "Validate your wallet with your seed phrase in the app.", NULL },
	{ CRYPTO_FROM, NULL, NULL, "Coinbase", "Verify your wallet and claim tokens at https://www.coinbase.com/", NULL },
	{ "Leather Shop <shop@leather-example.com>", NULL, NULL, "Leather", "Keep your wallet slim with our new design. https://leather-example.com/", NULL },
	{ NEWS_FROM, NULL, NULL, "Blockchain", "A blockchain conference on web3 and defi. https://conf-example.com/", NULL },
	{ NEWS_FROM, NULL, NULL, "Hi", "The airdrop of supplies reached the village. https://ngo-example.org/", NULL },
	{ NEWS_FROM, NULL, NULL, "Hi", "Use AirDrop to share photos. https://tips-example.com/", NULL },
	{ NEWS_FROM, NULL, NULL, "Hi", "Never share your seed phrase with anyone.", NULL },
	{ NEWS_FROM, NULL, NULL, "Hi", "Your security token expires; sign in again. https://corp-example.com/", NULL },
	{ NEWS_FROM, NULL, NULL, "Hi", "NFT art show this week. https://gallery-example.com/", NULL },
	{ NEWS_FROM, NULL, NULL, "Hi", "Crypto taxes explained. https://tax-example.com/", NULL },
	{ NEWS_FROM, NULL, NULL, "Hi", "Ledger balance and staking report. https://acct-example.com/", NULL },
	{ NEWS_FROM, NULL, NULL, "Hi", "Lost your wallet? Report it to the police. https://city-example.gov/", NULL },
	{ NEWS_FROM, NULL, NULL, "Hi", "MetaMask is a browser extension.", NULL },
	{ NEWS_FROM, NULL, NULL, "Hi", "Tokens for the arcade are on sale. https://arcade-example.com/", NULL },
	{ NEWS_FROM, NULL, NULL, "相場", "ビットコインとイーサリアムの相場情報です。https://news-example.jp/", NULL },
	{ NEWS_FROM, NULL, NULL, "財布", "新しい財布のご案内です。https://shop-example.jp/", NULL },
	{ NEWS_FROM, NULL, NULL, "Hi", "Meeting at noon. https://cal-example.com/", NULL },
	{ NEWS_FROM, NULL, NULL, "Hi", "Stake your claim in the garden contest. https://garden-example.org/", NULL },
	{ NEWS_FROM, NULL, NULL, "Hi", "Private key rotation for SSH is due. https://it-example.com/", NULL },
};

START_TEST(crypto)
{
	run_table(F_LURE_CRYPTO, crypto_cases, N(crypto_cases), 20);
}
END_TEST

/* ---- LURE_DOCUMENT ---- */

#define DOC_FROM "Office <noreply@files-example.com>"
static const struct tc doc_cases[] = {
	{ DOC_FROM, NULL, NULL, "Taro shared a document with you", "Open it here: https://doc-view-example.com/d", "shared a document" },
	{ DOC_FROM, NULL, NULL, "You have a new voice message", "Listen: https://vm-example.net/play", "voice message" },
	{ DOC_FROM, NULL, NULL, "Incoming fax", "3 pages received. https://fax-example.net/", "Incoming fax" },
	{ DOC_FROM, NULL, NULL, "DocuSign: please sign", "Review and sign the contract. https://sign-example.com/e", "DocuSign" },
	{ DOC_FROM, NULL, NULL, "Hello", "A document has been shared with you. View document: https://v-example.com/", "document has been shared" },
	{ DOC_FROM, NULL, NULL, "Hi", "You have a voicemail (0:42). Play message: https://vm-example.net/", "voicemail" },
	{ DOC_FROM, NULL, NULL, "Secure message", "You received an encrypted message. https://sec-example.com/", "Secure message" },
	{ DOC_FROM, NULL, NULL, "Hi", "Scanned document attached via OneDrive. https://od-example.com/", "Scanned document" },
	{ DOC_FROM, NULL, NULL, "E-signature request", "Please sign by Friday. https://es-example.com/", "E-signature" },
	{ DOC_FROM, NULL, NULL, "New fax", "Fax message from +1 212 555 0100. https://fax-example.com/", "New fax" },
	{ DOC_FROM, NULL, NULL, "Hi", "Anna wants to share a folder with you on SharePoint. https://sp-example.com/", "wants to share" },
	{ DOC_FROM, NULL, NULL, "WeTransfer", "Files sent you documents. https://wt-example.com/", "WeTransfer" },
	{ DOC_FROM, NULL, NULL, "Hi", "Voice mail received. Listen to message: https://vm-example.net/", "Voice mail" },
	{ DOC_FROM, NULL, NULL, "Adobe Sign", "Completed document ready. https://as-example.com/", "Adobe Sign" },
	{ DOC_FROM, NULL, NULL, "Missed call", "Audio message saved. https://vm-example.net/", "Missed call" },
	{ DOC_FROM, NULL, NULL, "ファイルを共有しました", "下記リンクから確認してください。https://f-example.jp/", "ファイルを共有" },
	{ DOC_FROM, NULL, NULL, "留守番電話", "新しいボイスメールがあります。https://v-example.jp/", "留守番電話" },
	{ DOC_FROM, NULL, NULL, "お荷物のお届け", "ご不在のためお荷物をお届けできませんでした。https://p-example.jp/", "お荷物のお届け" },
	{ DOC_FROM, NULL, NULL, "配送", "配送できませんでした。再配達はこちら https://p-example.jp/", "配送できませんでした" },
	{ DOC_FROM, NULL, NULL, "電子署名のお願い", "契約書に署名をお願いします。https://s-example.jp/", "署名のお願い" },
	/* negatives */
	{ DOC_FROM, NULL, NULL, "DocuSign: please sign", "Review and sign: https://www.docusign.net/Signing/x", NULL },
	{ DOC_FROM, NULL, NULL, "Taro shared a file", "Open: https://www.dropbox.com/s/abc", NULL },
	{ DOC_FROM, NULL, NULL, "Shared with you", "Open: https://docs.google.com/document/d/1", NULL },
	{ DOC_FROM, NULL, NULL, "Voicemail", "Your phone plan includes voicemail.", NULL },
	{ DOC_FROM, NULL, NULL, "Hello", "Our fax number changed. https://corp-example.com/", NULL },
	{ DOC_FROM, NULL, NULL, "Hi", "Meeting notes are on the wiki. https://wiki-example.com/", NULL },
	{ DOC_FROM, NULL, NULL, "Onedrive tips", "Sync files to OneDrive: https://support.microsoft.com/onedrive", NULL },
	{ DOC_FROM, NULL, NULL, "Hi", "Please sign the birthday card at reception. https://office-example.com/", NULL },
	{ DOC_FROM, NULL, NULL, "Fax", "Fax received.", NULL },
	{ DOC_FROM, NULL, NULL, "Hi", "Dropbox raised prices, says the news. https://news-example.com/", NULL },
	{ DOC_FROM, "staff@files-example.com", NULL, "Shared a document", "See https://intra.files-example.com/d", NULL },
	{ DOC_FROM, NULL, NULL, "WeTransfer", "Download: https://we.tl/t-abc", NULL },
	{ DOC_FROM, NULL, NULL, "Adobe Sign", "Sign: https://secure.adobe.com/x", NULL },
	{ DOC_FROM, NULL, NULL, "Hi", "Lunch on Friday? https://food-example.com/", NULL },
	{ DOC_FROM, NULL, NULL, "再配達のご案内", "再配達のお申し込みはこちら https://www.kuronekoyamato.co.jp/", NULL },
	{ DOC_FROM, NULL, NULL, "議事録", "議事録を添付します。", NULL },
	{ DOC_FROM, NULL, NULL, "Voice message", "Listen in the app.", NULL },
	{ DOC_FROM, NULL, NULL, "Hi", "The secure document policy is updated. https://policy-example.com/", NULL },
	{ DOC_FROM, NULL, NULL, "Hi", "Electronic signature law explained. https://law-example.com/", NULL },
	{ DOC_FROM, NULL, NULL, "Hi", "Sharepoint training next week. https://sharepoint.microsoft.com/", NULL },
};

START_TEST(document)
{
	run_table(F_LURE_DOCUMENT, doc_cases, N(doc_cases), 20);
}
END_TEST

/* ---- LURE_CALLBACK ---- */

#define CB_FROM "Billing <billing@renew-example.com>"
static const struct tc cb_cases[] = {
	{ CB_FROM, NULL, NULL, "Order Confirmation", "Your subscription has been renewed for $499.99. To cancel call us at 1-808-555-0142.", "1-808-555-0142" },
	{ CB_FROM, NULL, NULL, "Invoice", "Invoice #4411: $389.00 will be charged. Call +1 (888) 555-0199 to dispute.", "+1 (888) 555-0199" },
	{ CB_FROM, NULL, NULL, "Renewal", "Auto-renewal complete, $299.00 deducted. Helpline: (877) 555-0123", "(877) 555-0123" },
	{ CB_FROM, NULL, NULL, "Receipt", "Thank you for your purchase of $349. If you did not authorize this, call 888.555.0101.", "888.555.0101" },
	{ CB_FROM, NULL, NULL, "Geek Squad", "Membership renewed: $399.99. Customer support 1 (844) 555-0177", "1 (844) 555-0177" },
	{ CB_FROM, NULL, NULL, "Refund", "A refund of $250 awaits; billing department: 1-833-555-0110", "1-833-555-0110" },
	{ CB_FROM, NULL, NULL, "Hi", "Transaction ID 88: $520.00 charged to your card. Call now +1 415 555 0100", "+1 415 555 0100" },
	{ CB_FROM, NULL, NULL, "Order", "Your order #7781 total amount $699. Please call 1-800-555-0134 to cancel.", "1-800-555-0134" },
	{ CB_FROM, NULL, NULL, "Subscription", "Annual plan renewed. Toll free 1-866-555-0150.", "1-866-555-0150" },
	{ CB_FROM, NULL, NULL, "Payment", "Payment received: $480. Not authorized? Dial (855) 555-0188.", "(855) 555-0188" },
	{ CB_FROM, NULL, NULL, "PayPal", "Invoice of $600.00 has been charged. Give us a call: +1-888-555-0111", "+1-888-555-0111" },
	{ CB_FROM, NULL, NULL, "Norton", "Your subscription will be charged $389.99 today. Contact us at 1 888 555 0166", "1 888 555 0166" },
	{ CB_FROM, NULL, NULL, "Hi", "Cancellation of your membership: call our billing team 1-888-555-0123.", "1-888-555-0123" },
	{ CB_FROM, NULL, NULL, "Purchase", "Purchase of iPhone 15 for $1,299 confirmed. Call customer service at 1-800-555-0177", "1-800-555-0177" },
	{ CB_FROM, NULL, NULL, "料金未納のお知らせ", "未納料金 29,800円 があります。至急お電話ください。03-1234-5678", "03-1234-5678" },
	{ CB_FROM, NULL, NULL, "ご請求", "未払いの利用料金があります。下記番号までお電話ください。0120-111-222", "0120-111-222" },
	{ CB_FROM, NULL, NULL, "契約更新", "自動更新により 49,800円 を請求します。解約は 050-1234-5678 まで。", "050-1234-5678" },
	{ CB_FROM, NULL, NULL, "重要", "延滞している料金のお支払いについてご連絡ください。06-1234-5678 法的措置", "06-1234-5678" },
	{ CB_FROM, NULL, NULL, "Hi", "We debited $199.00 for the renewal. Please call +44 20 7946 0958.", "+44 20 7946 0958" },
	{ CB_FROM, NULL, NULL, "Hi", "Unauthorized purchase of $750 on your account. Call immediately 1-877-555-0190.", "1-877-555-0190" },
	/* negatives */
	{ CB_FROM, NULL, NULL, "Order Confirmation", "Renewed for $499.99. To cancel call 1-808-555-0142 or visit https://renew-example.com/", NULL },
	{ CB_FROM, NULL, NULL, "Hello", "Call me at 1-808-555-0142 about lunch.", NULL },
	{ CB_FROM, NULL, NULL, "Invoice", "Invoice #4411 for $389.00 is attached. Thank you.", NULL },
	{ CB_FROM, NULL, NULL, "Hi", "Our office phone is (212) 555-0100.", NULL },
	{ CB_FROM, NULL, NULL, "Hi", "Order number 1-808-555: shipped.", NULL },
	{ CB_FROM, NULL, NULL, "Hi", "The meeting is at 10. Room 101.", NULL },
	{ CB_FROM, NULL, NULL, "Hi", "Refund policy: see our site https://shop-example.com/refund. Phone 1-800-555-0100.", NULL },
	{ CB_FROM, NULL, NULL, "Hi", "Tracking 1Z999AA10123456784 for your order.", NULL },
	{ CB_FROM, NULL, NULL, "Hi", "Version 2.3.4-555-0100 released.", NULL },
	{ CB_FROM, NULL, NULL, "Hi", "Your subscription to the newsletter is confirmed.", NULL },
	{ CB_FROM, NULL, NULL, "会議", "会議は 03-1234-5678 の会議室で行います。", NULL },
	{ CB_FROM, NULL, NULL, "請求書", "請求書を送付します。https://billing-example.jp/ 03-1234-5678", NULL },
	{ CB_FROM, NULL, NULL, "Hi", "Dates: 2025-03-01 to 2025-03-31; invoice total $40.", NULL },
	{ CB_FROM, NULL, NULL, "Hi", "Serial 123-456-7890123 invoice.", NULL },
	{ CB_FROM, NULL, NULL, "Hi", "Call us at 1-800-555-0100 for a free quote.", NULL },
	{ CB_FROM, NULL, NULL, "Hi", "Your purchase of $20 is complete. www.shop-example.com Phone (212) 555-0100, call us.", NULL },
	{ CB_FROM, NULL, NULL, "Hi", "Transaction complete.", NULL },
	{ CB_FROM, NULL, NULL, "Hi", "ZIP 10001-1234 billing address updated.", NULL },
	{ CB_FROM, NULL, NULL, "Hi", "Renewal reminder: your passport expires. Call 1-877-487-2778.", NULL },
	{ CB_FROM, NULL, NULL, "Hi", "Cancel anytime.", NULL },
};

START_TEST(callback)
{
	run_table(F_LURE_CALLBACK, cb_cases, N(cb_cases), 20);
}
END_TEST

/* ---- LURE_RECIPIENT_DOMAIN ---- */

#define RCPT "taro@example-corp.co.jp"
#define ADMIN "Mail Admin <admin@mailsvc-example.com>"
static const struct tc rcpt_cases[] = {
	{ "example-corp.co.jp IT Support <it@mailsvc-example.com>", RCPT, NULL, "Notice", "Update here: https://portal-example.net/u", "example-corp.co.jp" },
	{ ADMIN, RCPT, NULL, "Mailbox for taro@example-corp.co.jp is full", "Click https://quota-example.net/q", "taro@example-corp.co.jp" },
	{ ADMIN, RCPT, NULL, "Password expiry for taro@example-corp.co.jp", "Keep same password: https://pw-example.net/", "taro@example-corp.co.jp" },
	{ "Example-Corp Helpdesk <help@mailsvc-example.com>", RCPT, NULL, "Action needed", "Verify: https://v-example.net/", "Example-Corp" },
	{ ADMIN, RCPT, NULL, "example-corp.co.jp: 5 pending messages", "Release them: https://rel-example.net/", "example-corp.co.jp" },
	{ ADMIN, RCPT, NULL, "[example-corp] storage quota", "Upgrade: https://up-example.net/", "example-corp" },
	{ ADMIN, RCPT, NULL, "Your mailbox is full", "Your mailbox quota is exceeded. https://q-example.net/", "mailbox is full" },
	{ ADMIN, RCPT, NULL, "Password will expire", "Your password will expire today; keep current password: https://k-example.net/", "Password will expire" },
	{ ADMIN, RCPT, NULL, "Notice", "Storage is full. Messages on hold: 12. https://h-example.net/", "Storage is full" },
	{ ADMIN, RCPT, NULL, "Undelivered messages", "You have undelivered messages; retain password here https://r-example.net/", "Undelivered messages" },
	{ ADMIN, "hanako@corp-example.com", NULL, "corp-example.com account deactivation", "Cancel: https://d-example.net/", "corp-example.com" },
	{ "corp-example.com Webmail <noreply@svc-example.com>", "hanako@corp-example.com", NULL, "Hi", "Login https://w-example.net/", "corp-example.com" },
	{ ADMIN, "hanako@corp-example.com", NULL, "Quarantine for hanako@corp-example.com", "Review: https://qq-example.net/", "hanako@corp-example.com" },
	{ ADMIN, RCPT, NULL, "メールボックスの容量が不足しています", "容量を追加してください https://m-example.jp/", "メールボックスの容量" },
	{ ADMIN, RCPT, NULL, "パスワードの有効期限のお知らせ", "同じパスワードを維持するには https://p-example.jp/", "パスワードの有効期限" },
	{ ADMIN, RCPT, NULL, "example-corp.co.jp 管理者より", "確認してください https://c-example.jp/", "example-corp.co.jp" },
	{ "example-corp システム管理者 <sys@svc-example.jp>", RCPT, NULL, "お知らせ", "https://s-example.jp/", "example-corp" },
	{ ADMIN, RCPT, NULL, "Email deactivation", "Email deactivation scheduled; upgrade your mailbox https://e-example.net/", "Email deactivation" },
	{ ADMIN, RCPT, NULL, "Hi", "Mailbox storage at 99%. Storage quota reached. https://s-example.net/", "Mailbox storage" },
	{ ADMIN, "jiro@example-corp.co.jp", NULL, "Dear jiro@example-corp.co.jp", "Sign in https://si-example.net/", "jiro@example-corp.co.jp" },
	/* negatives */
	{ "IT <it@example-corp.co.jp>", RCPT, NULL, "example-corp.co.jp maintenance", "See https://intra.example-corp.co.jp/", NULL },
	{ ADMIN, RCPT, NULL, "example-corp.co.jp report", "No link here.", NULL },
	{ ADMIN, RCPT, NULL, "example-corp.co.jp login", "See https://login.microsoftonline.com/", NULL },
	{ ADMIN, "taro@gmail.com", NULL, "Gmail storage", "See https://g-example.net/", NULL },
	{ ADMIN, RCPT, NULL, "Weekly news", "Great deals: https://shop-example.net/", NULL },
	{ ADMIN, RCPT, NULL, "Hello", "Check out our mailbox organiser. https://shop-example.net/", NULL },
	{ "CERT Advisory <cert-advisory@cert.org>", "cert-advisory@cert.org", NULL, "CERT Advisory", "See https://www.php.net/", NULL },
	{ ADMIN, RCPT, NULL, "Lunch", "Lunch at noon? https://food-example.net/", NULL },
	{ ADMIN, "a@corp.com", NULL, "corp news", "https://n-example.net/", NULL },
	{ ADMIN, RCPT, NULL, "Corp news", "Password managers help. https://blog-example.net/", NULL },
	{ ADMIN, RCPT, NULL, "example corp", "https://n-example.net/", NULL },
	{ ADMIN, NULL, NULL, "Mailbox full", "Hi", NULL },
	{ ADMIN, RCPT, NULL, "example-corporation news", "https://n-example.net/", NULL },
	{ ADMIN, RCPT, NULL, "お知らせ", "メールボックスを整理しましょう。https://tips-example.jp/", NULL },
	{ ADMIN, RCPT, NULL, "パスワード", "パスワードは定期的に見直しましょう。", NULL },
	{ ADMIN, RCPT, NULL, "Re: example-corp.co.jp", "Thanks, see you.", NULL },
	{ ADMIN, RCPT, NULL, "Mailbox full", "Storage is full. https://www.dropbox.com/plans", NULL },
	{ ADMIN, RCPT, NULL, "Webmail", "Webmail is moving. https://portal-example.net/", NULL },
	{ ADMIN, RCPT, NULL, "taro", "Hi taro, https://n-example.net/", NULL },
	{ ADMIN, RCPT, NULL, "Your account", "Welcome aboard. https://w-example.net/", NULL },
};

START_TEST(recipient_domain)
{
	run_table(F_LURE_RECIPIENT_DOMAIN, rcpt_cases, N(rcpt_cases), 20);
}
END_TEST

/* A mailing list's own mail (List-Id) names its domain: no finding. */
START_TEST(recipient_domain_list)
{
	struct tc t = { ADMIN, RCPT, NULL, "[example-corp.co.jp] digest", "https://n-example.net/", NULL };

	expect(F_LURE_RECIPIENT_DOMAIN, &t, 0, "List-Id: <staff.example-corp.co.jp>\r\n");
	t.span = "example-corp.co.jp";
	expect(F_LURE_RECIPIENT_DOMAIN, &t, 1, "Delivered-To: taro@example-corp.co.jp\r\n");
}
END_TEST

/* ---- PHONE_MOBILE_SUPPORT ---- */

#define MOB_FROM "カスタマーセンター <info@support-example.jp>"
static const struct tc mob_cases[] = {
	{ MOB_FROM, NULL, NULL, "お知らせ", "お問い合わせ: 090-1234-5678", "090-1234-5678" },
	{ MOB_FROM, NULL, NULL, "お知らせ", "サポート窓口 080-1111-2222 まで", "080-1111-2222" },
	{ MOB_FROM, NULL, NULL, "お知らせ", "カスタマーセンター（050-3333-4444）", "050-3333-4444" },
	{ MOB_FROM, NULL, NULL, "お知らせ", "お電話でのお問い合わせは 070-5555-6666", "070-5555-6666" },
	{ MOB_FROM, NULL, NULL, "お知らせ", "TEL：０９０－１２３４－５６７８", "０９０－１２３４－５６７８" },
	{ MOB_FROM, NULL, NULL, "お知らせ", "連絡先 +81 90 1234 5678", "+81 90 1234 5678" },
	{ MOB_FROM, NULL, NULL, "お知らせ", "コールセンター 09012345678", "09012345678" },
	{ MOB_FROM, NULL, NULL, "お知らせ", "フリーダイヤル 050 1234 5678", "050 1234 5678" },
	{ MOB_FROM, NULL, NULL, "お知らせ", "お客様相談室 080-9876-5432（9時〜18時）", "080-9876-5432" },
	{ MOB_FROM, NULL, NULL, "お知らせ", "サービスセンター：070-1234-0000", "070-1234-0000" },
	{ MOB_FROM, NULL, NULL, "お知らせ", "問い合わせ先は下記です。\n090-2222-3333", "090-2222-3333" },
	{ MOB_FROM, NULL, NULL, "お知らせ", "電話 050-5555-0000", "050-5555-0000" },
	{ MOB_FROM, NULL, NULL, "お知らせ", "お問合せ 080ー1234ー5678", "080ー1234ー5678" },
	{ MOB_FROM, NULL, NULL, "お知らせ", "窓口: 090 8765 4321", "090 8765 4321" },
	{ MOB_FROM, NULL, NULL, "Notice", "Customer service: 090-1234-5678", "090-1234-5678" },
	{ MOB_FROM, NULL, NULL, "Notice", "Support line 080-1234-5678", "080-1234-5678" },
	{ MOB_FROM, NULL, NULL, "Notice", "Help desk 050-1234-5678", "050-1234-5678" },
	{ MOB_FROM, NULL, NULL, "お知らせ", "カスタマーサポート 070-9999-8888 にご連絡を", "070-9999-8888" },
	{ MOB_FROM, NULL, NULL, "お知らせ", "お問い合わせ 03-1234-5678 または 090-1234-0001", "090-1234-0001" },
	{ MOB_FROM, NULL, NULL, "お知らせ", "センター直通 080-0000-1111", "080-0000-1111" },
	/* negatives */
	{ MOB_FROM, NULL, NULL, "お知らせ", "お問い合わせ: 03-1234-5678", NULL },
	{ MOB_FROM, NULL, NULL, "お知らせ", "お問い合わせ: 0120-959-684", NULL },
	{ MOB_FROM, NULL, NULL, "お知らせ", "お問い合わせ: 0570-000-123", NULL },
	{ MOB_FROM, NULL, NULL, "お知らせ", "担当の山田の携帯は 090-1234-5678 です。", NULL },
	{ MOB_FROM, NULL, NULL, "お知らせ", "090-1234-5678", NULL },
	{ MOB_FROM, NULL, NULL, "お知らせ", "会員番号 0901234567890", NULL },
	{ MOB_FROM, NULL, NULL, "お知らせ", "お問い合わせ 06-6123-4567", NULL },
	{ MOB_FROM, NULL, NULL, "お知らせ", "注文番号 090-1234-5678-99 を確認", NULL },
	{ MOB_FROM, NULL, NULL, "お知らせ", "2025-03-01 に発送しました。", NULL },
	{ MOB_FROM, NULL, NULL, "お知らせ", "お問い合わせはWebフォームから。", NULL },
	{ MOB_FROM, NULL, NULL, "Notice", "Support: +1 415 555 0100", NULL },
	{ MOB_FROM, NULL, NULL, "Notice", "Call 0800 123 4567 (UK freephone)", NULL },
	{ MOB_FROM, NULL, NULL, "お知らせ", "お問い合わせ 050-123-456", NULL },
	{ MOB_FROM, NULL, NULL, "お知らせ", "お問い合わせ 〒153-0063", NULL },
	{ MOB_FROM, NULL, NULL, "お知らせ", "友人の番号: 080-1234-5678", NULL },
	{ MOB_FROM, NULL, NULL, "お知らせ", "お問い合わせ 045-123-4567", NULL },
	{ MOB_FROM, NULL, NULL, "お知らせ", "お問い合わせ 011-123-4567", NULL },
	{ MOB_FROM, NULL, NULL, "お知らせ", "サポート A09012345678", NULL },
	{ MOB_FROM, NULL, NULL, "お知らせ", "", NULL },
	{ MOB_FROM, NULL, NULL, "お知らせ", "お問い合わせ 092-123-4567", NULL },
};

START_TEST(mobile_support)
{
	run_table(F_PHONE_MOBILE_SUPPORT, mob_cases, N(mob_cases), 20);
}
END_TEST

/* ---- the helpers on their own ---- */

START_TEST(freemail_list)
{
	char *cause = NULL;

	ck_assert_msg(lure_load(&cause) == 0, "%s", cause);
	ck_assert_uint_gt(lure_freemail_count(), 40);
	ck_assert_uint_gt(lure_vocab_count(), 300);
	ck_assert(lure_is_freemail("gmail.com"));
	ck_assert(lure_is_freemail("GMAIL.COM"));
	ck_assert(lure_is_freemail("yahoo.co.jp"));
	ck_assert(lure_is_freemail("hotmail.co.uk"));
	ck_assert(!lure_is_freemail("groups.msn.com"));
	ck_assert(!lure_is_freemail("yahoogroups.com"));
	ck_assert(!lure_is_freemail("example.com"));
	ck_assert(!lure_is_freemail(""));
	ck_assert(!lure_is_freemail(NULL));
}
END_TEST

START_TEST(money)
{
	static const struct {
		const char *text, *span;
		double value;
	} v[] = {
		{ "left US$10.5 million in", "US$10.5 million", 10.5e6 },
		{ "sum of $4,500,000.00 only", "$4,500,000.00", 4.5e6 },
		{ "USD 2.5M held", "USD 2.5M", 2.5e6 },
		{ "the €1.000.000 prize", "€1.000.000", 1e6 },
		{ "pay 499 dollars now", "499 dollars", 499 },
		{ "未納 29,800円 です", "29,800円", 29800 },
		{ "3万円 です", "3万円", 30000 },
		{ "Ten Million Dollars await", "Million Dollars", 1e6 },
		{ "$7.5million usd", "$7.5million", 7.5e6 },
		{ "funded with 140 btc as discussed", "140 btc", 140 },
		{ "withdraw your 11736$ today", "11736$", 11736 },
		{ "0.52 ETH offered", "0.52 ETH", 0.52 },
		{ "claim 272 USDT now", "272 USDT", 272 },
	};

	for (size_t i = 0; i < N(v); i++) {
		size_t span[2];
		double big;
		size_t n = lure_find_money(v[i].text, strlen(v[i].text), span, &big);

		ck_assert_msg(n >= 1, "%s: none", v[i].text);
		ck_assert_msg(span[1] - span[0] == strlen(v[i].span) && memcmp(v[i].text + span[0], v[i].span, strlen(v[i].span)) == 0,
		    "%s: span \"%.*s\"", v[i].text, (int)(span[1] - span[0]), v[i].text + span[0]);
		ck_assert_msg(big > v[i].value * 0.99 && big < v[i].value * 1.01, "%s: %f", v[i].text, big);
	}
	ck_assert_uint_eq(lure_find_money("room 101 at 10:00, version 2.5", 31, NULL, NULL), 0);
	ck_assert_uint_eq(lure_find_money("", 0, NULL, NULL), 0);
}
END_TEST

START_TEST(phones)
{
	struct lure_phone ph[8];
	const char *t = "Call 1-808-555-0142 or (877) 555-0123, +1 415 555 0100; JP 03-1234-5678. Not 123-45-6789 or 2025-03-01.";
	size_t n = lure_find_phones(t, strlen(t), ph, 8);
	bool us = false, jp = false, intl = false;

	ck_assert_uint_eq(n, 4);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(ph[i].number, "+18085550142") == 0)
			us = memcmp(t + ph[i].start, "1-808-555-0142", ph[i].end - ph[i].start) == 0;
		if (strcmp(ph[i].number, "0312345678") == 0)
			jp = true;
		if (strcmp(ph[i].number, "+14155550100") == 0)
			intl = true;
	}
	ck_assert(us && jp && intl);
	ck_assert_uint_eq(lure_find_phones("(12) 555-0100 and 555-0100", 26, ph, 8), 0);
}
END_TEST

/* A user's list extends the shipped one. */
START_TEST(user_list)
{
	char dir[] = "/tmp/kensa-lure-XXXXXX", path[256];
	FILE *f;
	struct tc t = { "Club <club@club-example.org>", NULL, NULL, "Hi", "Grab your golden goose token and verify your wallet: https://gg-example.com/", NULL };

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/kensa", dir);
	ck_assert_int_eq(mkdir(path, 0700), 0);
	snprintf(path, sizeof path, "%s/kensa/lures.en", dir);
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	fputs("golden goose token\tcrypto\n", f);
	fclose(f);
	lure_unload();
	setenv("XDG_CONFIG_HOME", dir, 1);
	t.span = "golden goose token";
	expect(F_LURE_CRYPTO, &t, 0, NULL);
	unlink(path);
	snprintf(path, sizeof path, "%s/kensa", dir);
	rmdir(path);
	rmdir(dir);
	setenv("XDG_CONFIG_HOME", "/nonexistent-kensa-test", 1);
	lure_unload();
}
END_TEST

/* Without the data files the checks are quiet and the report says why. */
START_TEST(missing_data)
{
	struct tc t = fee_cases[0];
	struct report *r;
	bool notice = false;

	lure_unload();
	setenv("KENSA_DATADIR", "/nonexistent-kensa", 1);
	t.span = NULL;
	r = analyse(&t, NULL);
	for (size_t i = 0; i < r->nnotices; i++)
		if (strstr(r->notices[i], "lures") != NULL)
			notice = true;
	ck_assert(notice);
	ck_assert(!findings_has(&r->findings, F_LURE_ADVANCE_FEE));
	report_free(r);
	setenv("KENSA_DATADIR", TEST_DATADIR, 1);
	lure_unload();
}
END_TEST

static Suite *
lure_suite(void)
{
	Suite *s = suite_create("lure");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, reply_to_freemail);
	tcase_add_test(tc, advance_fee);
	tcase_add_test(tc, prize);
	tcase_add_test(tc, prize_document_vector);
	tcase_add_test(tc, crypto);
	tcase_add_test(tc, document);
	tcase_add_test(tc, callback);
	tcase_add_test(tc, recipient_domain);
	tcase_add_test(tc, recipient_domain_list);
	tcase_add_test(tc, mobile_support);
	tcase_add_test(tc, freemail_list);
	tcase_add_test(tc, money);
	tcase_add_test(tc, phones);
	tcase_add_test(tc, user_list);
	tcase_add_test(tc, missing_data);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(lure_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
