/* test_bulk.c — bulk and list evidence, the sender mismatches it lowers, AUTH_MISSING excuses, two-'@' From, random Latin names. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "address.h"
#include "analyze.h"
#include "bulk.h"
#include "claim.h"
#include "findings.h"
#include "message.h"
#include "randname.h"
#include "util.h"

/* A whole message: headers (lines ending in \n), a blank line and a body. */
static struct report *
analyse(const char *headers)
{
	char *text = xasprintf("%s\nHello,\nthe meeting is at ten.\n", headers), *cause = NULL;
	struct message *m;

	ck_assert_msg(message_load_mem(text, strlen(text), "t", &m, &cause) == 0, "%s", cause);
	free(text);
	return analyze_message(m, NULL);
}

/* Severity of the first finding with id, -1 if none. */
static int
severity_of(const struct report *r, enum finding_id id)
{
	for (size_t i = 0; i < r->findings.n; i++)
		if (r->findings.v[i].id == id)
			return (int)r->findings.v[i].severity;
	return -1;
}

static const char *
evidence_of(const struct report *r, enum finding_id id)
{
	for (size_t i = 0; i < r->findings.n; i++)
		if (r->findings.v[i].id == id)
			return r->findings.v[i].evidence;
	return NULL;
}

#define BASE "From: Alice <alice@alice.example>\nTo: bob@bob.example\nSubject: notes\n" \
	"Date: Mon, 1 Jan 2024 10:00:00 +0000\nMessage-ID: <1@alice.example>\n"
#define AR "Authentication-Results: mx.bob.example; spf=pass smtp.mailfrom=alice.example\n"

/* ---- bulk evidence ---- */

static const struct {
	const char *headers;
	bool unsub, one_click, list;
	const char *precedence, *esp, *via;
} bulk_cases[] = {
	{ "", false, false, false, NULL, NULL, NULL },
	{ "List-Unsubscribe: <mailto:u@alice.example>\n", true, false, false, NULL, NULL, NULL },
	{ "List-Unsubscribe: <https://alice.example/u>\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\n",
	  true, true, false, NULL, NULL, NULL },
	{ "List-Unsubscribe: <https://alice.example/u>\nList-Unsubscribe-Post: something else\n",
	  true, false, false, NULL, NULL, NULL },
	{ "Precedence: bulk\n", false, false, false, "bulk", NULL, NULL },
	{ "Precedence: LIST\n", false, false, true, "list", NULL, NULL },
	{ "Precedence: junk\n", false, false, false, "junk", NULL, NULL },
	{ "Precedence: first-class\n", false, false, false, NULL, NULL, NULL },
	{ "List-Id: Developers <dev.lists.example.org>\n", false, false, true, NULL, NULL, NULL },
	{ "List-Post: <mailto:dev@lists.example.org>\n", false, false, true, NULL, NULL, NULL },
	{ "X-Mailman-Version: 2.1.39\n", false, false, true, NULL, NULL, NULL },
	{ "X-Google-Group-Id: 123456\n", false, false, true, NULL, NULL, NULL },
	{ "Sender: owner-dev@lists.example.org\n", false, false, true, NULL, NULL, NULL },
	{ "DKIM-Signature: v=1; a=rsa-sha256; d=sendgrid.info; s=smtpapi; h=from; bh=x; b=y\n",
	  false, false, false, NULL, "SendGrid", "DKIM" },
	{ "DKIM-Signature: v=1; a=rsa-sha256; d=alice.example; s=s1; h=from; bh=x; b=y\n",
	  false, false, false, NULL, NULL, NULL },
	{ "DKIM-Signature: v=1; a=rsa-sha256; d=alice.example; s=s1; h=from; bh=x; b=y\n"
	  "DKIM-Signature: v=1; a=rsa-sha256; d=mcsv.net; s=k1; h=from; bh=x; b=y\n",
	  false, false, false, NULL, "Mailchimp", "DKIM" },
	{ "Return-Path: <bounces+123-abc=bob.example@em123.sendgrid.net>\n",
	  false, false, false, NULL, "SendGrid", "Return-Path" },
	{ "Return-Path: <bounce@cmail19.com>\n", false, false, false, NULL, "Campaign Monitor", "Return-Path" },
	{ "Return-Path: <bounce@cmailer.com>\n", false, false, false, NULL, NULL, NULL },
	{ "Feedback-ID: 1.us-east-1.abc=:AmazonSES\n", false, false, false, NULL, "Amazon SES", "Feedback-ID" },
	{ "Feedback-ID: 111:222:campaign:alice\n", false, false, false, NULL, NULL, NULL },
	{ "DKIM-Signature: v=1; a=rsa-sha256; d=bme.jp; s=s; h=from; bh=x; b=y\n",
	  false, false, false, NULL, "Blastmail", "DKIM" },
	{ "DKIM-Signature: v=1; a=rsa-sha256; d=s7.exacttarget.com; s=s; h=from; bh=x; b=y\n",
	  false, false, false, NULL, "Salesforce Marketing Cloud", "DKIM" },
};

START_TEST(bulk_recognised)
{
	const char *h = bulk_cases[_i].headers;
	/* the Message-ID case needs its own header: BASE has one on alice.example */
	char *text = xasprintf("%s%s\nbody\n", BASE, h), *cause = NULL;
	struct message *m;
	struct addresses a;
	struct bulk_evidence b;

	ck_assert_int_eq(message_load_mem(text, strlen(text), "t", &m, &cause), 0);
	addresses_collect(m, &a);
	bulk_collect(m, &a, &b);
	ck_assert_msg(b.list_unsubscribe == bulk_cases[_i].unsub, "case %d: list-unsubscribe", _i);
	ck_assert_msg(b.one_click == bulk_cases[_i].one_click, "case %d: one-click", _i);
	ck_assert_msg(b.mailing_list == bulk_cases[_i].list, "case %d: mailing list", _i);
	ck_assert_msg(bulk_cases[_i].precedence == NULL ? b.precedence == NULL :
	    b.precedence != NULL && strcmp(b.precedence, bulk_cases[_i].precedence) == 0, "case %d: precedence", _i);
	ck_assert_msg(bulk_cases[_i].esp == NULL ? b.esp == NULL :
	    b.esp != NULL && strcmp(b.esp, bulk_cases[_i].esp) == 0, "case %d: esp %s", _i, b.esp ? b.esp : "-");
	if (bulk_cases[_i].via != NULL)
		ck_assert_str_eq(b.esp_via, bulk_cases[_i].via);
	ck_assert(bulk_any(&b) == (*h != '\0' && (b.list_unsubscribe || b.precedence || b.mailing_list ||
	    b.esp || b.feedback_id)));
	bulk_evidence_free(&b);
	addresses_free(&a);
	message_free(m);
	free(text);
}
END_TEST

START_TEST(bulk_summary_line)
{
	struct report *r = analyse("From: Shop <news@shop.example>\nTo: bob@bob.example\nSubject: sale\n"
	    "Date: Mon, 1 Jan 2024 10:00:00 +0000\nMessage-ID: <9@shop.example>\n"
	    "List-Unsubscribe: <https://shop.example/u>\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\n"
	    "DKIM-Signature: v=1; a=rsa-sha256; d=sendgrid.info; s=s; h=from; bh=x; b=y\n");
	char *s = bulk_summary(&r->bulk);

	ck_assert_str_eq(s, "list-unsubscribe (one-click), ESP SendGrid (DKIM)");
	free(s);
	report_free(r);
	r = analyse(BASE);
	ck_assert_ptr_null(bulk_summary(&r->bulk));
	ck_assert_ptr_null(bulk_esp_of("alice.example"));
	ck_assert_str_eq(bulk_esp_of("EM5.SendGrid.NET."), "SendGrid");
	report_free(r);
}
END_TEST

/* ---- list and mailing-service mail: the sender mismatches ---- */

#define LOW SEV_LOW
#define MED SEV_MEDIUM
#define INFO SEV_INFO
#define NONE (-1)

static const struct {
	const char *headers;
	enum finding_id id;
	int severity;
} list_cases[] = {
	/* 0: LKML: the list's bounce address */
	{ "From: Joe <joe@perches.example>\nTo: lkml@vger.kernel.org\nSubject: p\nMessage-ID: <1@perches.example>\n"
	  "Return-Path: <linux-kernel-owner@vger.kernel.org>\nSender: linux-kernel-owner@vger.kernel.org\n"
	  "List-ID: <linux-kernel.vger.kernel.org>\nPrecedence: bulk\n", F_RETURN_PATH_MISMATCH, INFO },
	/* 1: no List-* headers, but Precedence and an owner- bounce address */
	{ "From: Joe <joe@perches.example>\nTo: x@y.example\nSubject: p\nMessage-ID: <1@perches.example>\n"
	  "Return-Path: <owner-words@listserv.linguist.example>\nPrecedence: bulk\n", F_RETURN_PATH_MISMATCH, INFO },
	/* 2: a plain mismatch stays */
	{ BASE "Return-Path: <x@evil.example>\n", F_RETURN_PATH_MISMATCH, LOW },
	/* 3-7: mailing services' bounce domains */
	{ BASE "Return-Path: <bounces+1-2=bob.example@em1.sendgrid.net>\n", F_RETURN_PATH_MISMATCH, INFO },
	{ BASE "Return-Path: <0101018a-1@us-west-2.amazonses.com>\n", F_RETURN_PATH_MISMATCH, INFO },
	{ BASE "Return-Path: <bounce-mc.us1_1.2-bob=bob.example@mail3.mcsv.net>\n", F_RETURN_PATH_MISMATCH, INFO },
	{ BASE "Return-Path: <bounce@cmail20.com>\n", F_RETURN_PATH_MISMATCH, INFO },
	{ BASE "Return-Path: <b@mkt123.mktomail.com>\n", F_RETURN_PATH_MISMATCH, INFO },
	/* 8: a list elsewhere does not excuse a bounce address on a third domain */
	{ BASE "List-Id: <dev.lists.example.org>\nReturn-Path: <x@evil.example>\n", F_RETURN_PATH_MISMATCH, LOW },
	/* 9: a -bounces address on a mailbox provider is no list */
	{ BASE "Precedence: bulk\nReturn-Path: <spam-bounces@gmail.com>\n", F_RETURN_PATH_MISMATCH, LOW },
	/* 10: MSN groups (2002): bounce and replies to the group's host, no List-* header */
	{ "From: joyful <j@hotmail.com>\nTo: \"One Income\" <OneIncome@groups.msn.com>\nSubject: s\n"
	  "Message-ID: <OneIncome-1@groups.msn.com>\nReturn-Path: <OneIncome-bounce@groups.msn.com>\n"
	  "Reply-To: <OneIncome@groups.msn.com>\nX-Loop: notifications@groups.msn.com\n", F_RETURN_PATH_MISMATCH, INFO },
	{ "From: joyful <j@hotmail.com>\nTo: \"One Income\" <OneIncome@groups.msn.com>\nSubject: s\n"
	  "Message-ID: <OneIncome-1@groups.msn.com>\nReturn-Path: <OneIncome-bounce@groups.msn.com>\n"
	  "Reply-To: <OneIncome@groups.msn.com>\nX-Loop: notifications@groups.msn.com\n", F_REPLY_TO_MISMATCH, INFO },
	/* 12: Reply-To the list (List-Post) */
	{ BASE "List-Post: <mailto:dev@lists.example.org>\nReply-To: dev@lists.example.org\n", F_REPLY_TO_MISMATCH, INFO },
	/* 13: Reply-To on the List-Id host */
	{ BASE "List-Id: Dev <dev.lists.example.org>\nReply-To: other@lists.example.org\n", F_REPLY_TO_MISMATCH, INFO },
	/* 14: Mailman's DMARC mitigation: From is the list, Reply-To the poster */
	{ "From: Alice via Dev <dev@lists.example.org>\nTo: dev@lists.example.org\nSubject: s\n"
	  "Message-ID: <1@alice.example>\nReply-To: Alice <alice@alice.example>\nList-Id: <dev.lists.example.org>\n",
	  F_REPLY_TO_MISMATCH, INFO },
	{ "From: Alice via Dev <dev@lists.example.org>\nTo: dev@lists.example.org\nSubject: s\n"
	  "Message-ID: <1@alice.example>\nReply-To: Alice <alice@alice.example>\nList-Id: <dev.lists.example.org>\n",
	  F_MESSAGE_ID_MISMATCH, INFO },
	/* 16: Google Groups: X-Original-From */
	{ "From: 'Bob' <grp@googlegroups.com>\nTo: grp@googlegroups.com\nSubject: s\nMessage-ID: <1@bob.example>\n"
	  "X-Original-From: Bob <bob@bob.example>\nReply-To: Bob <bob@bob.example>\nList-Id: <grp.googlegroups.com>\n",
	  F_REPLY_TO_MISMATCH, INFO },
	/* 17: From on the list's domain without the rewrite's marks: Reply-To still counts */
	{ "From: Alice <dev@lists.example.org>\nTo: dev@lists.example.org\nSubject: s\nMessage-ID: <1@lists.example.org>\n"
	  "Reply-To: Alice <alice@evil.example>\nList-Id: <dev.lists.example.org>\n", F_REPLY_TO_MISMATCH, MED },
	/* 18: a List-Id naming a mailbox provider excuses no Reply-To there */
	{ BASE "List-Id: <x.gmail.com>\nReply-To: thief@gmail.com\n", F_REPLY_TO_MISMATCH, MED },
	/* 19: bulk marks alone excuse no Reply-To */
	{ BASE "List-Unsubscribe: <mailto:u@alice.example>\nPrecedence: bulk\n"
	  "DKIM-Signature: v=1; a=rsa-sha256; d=sendgrid.info; s=s; h=from; bh=x; b=y\nReply-To: thief@gmail.com\n",
	  F_REPLY_TO_MISMATCH, MED },
	/* 20-21: mailing services' message ids */
	{ "From: Shop <news@shop.example>\nTo: b@bob.example\nSubject: s\nMessage-ID: <abc@geopod-ismtpd-1.sendgrid.net>\n",
	  F_MESSAGE_ID_MISMATCH, INFO },
	{ "From: Shop <news@shop.example>\nTo: b@bob.example\nSubject: s\nMessage-ID: <0100-1@email.amazonses.com>\n",
	  F_MESSAGE_ID_MISMATCH, INFO },
	/* 22: a foreign Message-ID with only an unsubscribe link stays */
	{ "From: Shop <news@shop.example>\nTo: b@bob.example\nSubject: s\nMessage-ID: <1@evil.example>\n"
	  "List-Unsubscribe: <mailto:u@shop.example>\n", F_MESSAGE_ID_MISMATCH, LOW },
	/* 23: the list numbers the messages itself */
	{ "From: Ann <ann@ann.example>\nTo: g@groups.example.net\nSubject: s\nMessage-ID: <g-1@groups.example.net>\n"
	  "List-Id: <g.groups.example.net>\n", F_MESSAGE_ID_MISMATCH, INFO },
	/* 24: all consistent: nothing */
	{ BASE "Return-Path: <alice@alice.example>\nReply-To: alice@mail.alice.example\n", F_REPLY_TO_MISMATCH, NONE },
};

START_TEST(list_mail)
{
	struct report *r = analyse(list_cases[_i].headers);
	int sev = severity_of(r, list_cases[_i].id);

	ck_assert_msg(sev == list_cases[_i].severity, "case %d: %s severity %d, expected %d (%s)", _i,
	    finding_name(list_cases[_i].id), sev, list_cases[_i].severity,
	    evidence_of(r, list_cases[_i].id) ? evidence_of(r, list_cases[_i].id) : "-");
	if (sev == SEV_INFO)   /* the evidence says why */
		ck_assert_msg(strstr(evidence_of(r, list_cases[_i].id), ": ") != NULL, "case %d: no reason", _i);
	report_free(r);
}
END_TEST

/* ---- AUTH_MISSING ---- */

#define PUB(date) "Received: from mail.alice.example (mail.alice.example [203.0.113.7]) by mx.bob.example " \
	"(Postfix) with ESMTP id A1; " date "\n"
#define PRIV(date) "Received: from pc1.office (pc1.office [10.1.2.3]) by mail.office (Postfix) with ESMTP id B2; " \
	date "\n"
#define D2002 "Tue, 20 Aug 2002 10:00:00 +0000"
#define D2024 "Mon, 1 Jan 2024 10:00:00 +0000"
#define HDR(date) "From: Alice <alice@alice.example>\nTo: bob@bob.example\nSubject: s\nMessage-ID: <1@alice.example>\n" \
	"Date: " date "\n"
#define NODATE "From: Alice <alice@alice.example>\nTo: bob@bob.example\nSubject: s\nMessage-ID: <1@alice.example>\n"

static const struct {
	const char *headers;
	int severity;
} auth_cases[] = {
	{ HDR(D2024) PUB(D2024), LOW },                                  /* 0: today's mail without results */
	{ HDR(D2002) PUB(D2002), INFO },                                 /* 1: 2002 throughout */
	{ NODATE PUB(D2002), INFO },                                     /* 2: no Date, received 2002 */
	{ HDR(D2002) PUB(D2024), LOW },                                  /* 3: forged old Date */
	{ HDR(D2024) PUB(D2002), LOW },                                  /* 4: dates disagree */
	{ HDR(D2002) PUB(D2024) PUB(D2002), LOW },                       /* 5: the receiving hop is new */
	{ HDR(D2002) PUB(D2002) PUB("Wed, 21 Aug 2002 10:00:00 +0000"), INFO },
	{ HDR(D2002) PUB(D2002) PUB(D2024), LOW },                       /* 7: a newer hop below */
	{ HDR("Sat, 31 Dec 2004 23:00:00 +0000") PUB("Sat, 31 Dec 2004 23:30:00 +0000"), INFO },
	{ HDR("Sun, 2 Jan 2005 10:00:00 +0000") PUB("Sun, 2 Jan 2005 10:00:00 +0000"), LOW },
	{ HDR("20 Aug 02 10:00 GMT") PUB(D2002), INFO },                  /* 10: two-digit year */
	{ HDR("not a date") PUB(D2002), LOW },                           /* 11: unreadable Date */
	{ HDR(D2024), INFO },                                            /* 12: no Received at all */
	{ NODATE, INFO },                                                /* 13: a draft */
	{ HDR(D2024) PRIV(D2024), INFO },                                /* 14: office-internal */
	{ HDR(D2024) "Received: from localhost (localhost [127.0.0.1]) by mail.office; " D2024 "\n", INFO },
	{ HDR(D2024) "Received: (qmail 1234 invoked by uid 1000); " D2024 "\n", INFO },
	{ HDR(D2024) PRIV(D2024) PUB(D2024), LOW },                      /* 17: crossed the Internet */
	{ HDR(D2024) PUB(D2024) PRIV(D2024), LOW },
	{ HDR(D2024) "Received: from relay.alice.example by mx.bob.example; " D2024 "\n", LOW },
	{ HDR(D2024) AR PUB(D2024), NONE },                              /* 20: results present */
	{ HDR(D2024) "Received-SPF: pass (mx: domain of alice.example) client-ip=203.0.113.7;\n" PUB(D2024), NONE },
	{ HDR(D2002) "Received: from mail.alice.example (mail.alice.example [203.0.113.7]) by mx.bob.example\n", LOW },
};

START_TEST(auth_missing)
{
	struct report *r = analyse(auth_cases[_i].headers);
	int sev = severity_of(r, F_AUTH_MISSING);

	ck_assert_msg(sev == auth_cases[_i].severity, "case %d: severity %d, expected %d (%s)", _i, sev,
	    auth_cases[_i].severity, evidence_of(r, F_AUTH_MISSING) ? evidence_of(r, F_AUTH_MISSING) : "-");
	if (sev == SEV_INFO)
		ck_assert_ptr_nonnull(r->auth.missing_excuse);
	report_free(r);
}
END_TEST

START_TEST(auth_missing_evidence)
{
	struct report *r = analyse(HDR(D2002) PUB(D2002));

	ck_assert_ptr_nonnull(strstr(evidence_of(r, F_AUTH_MISSING), "2002-08-20"));
	ck_assert_ptr_nonnull(strstr(evidence_of(r, F_AUTH_MISSING), "before SPF and DKIM"));
	report_free(r);
}
END_TEST

/* ---- two '@' in From ---- */

static const struct {
	const char *from;
	bool invalid;        /* FROM_ADDRESS_INVALID raised */
	const char *domain;  /* from.domain */
	const char *reads;   /* the false domain the evidence names, or NULL */
} at_cases[] = {
	{ "<info@brand.example@evil.example>", true, "evil.example", "brand.example" },
	{ "info@brand.example@evil.example", true, "evil.example", "brand.example" },
	{ "\"Brand\" <info@paypal.com@evil.top>", true, "evil.top", "paypal.com" },
	{ "Amazon <support@amazon.co.jp@mail.x.cn>", true, "mail.x.cn", "amazon.co.jp" },
	{ "<a@b@c.example>", true, "c.example", "b" },
	{ "=?utf-8?b?44Od44Kx44OD44OI44Kr44O844OJ?= <a@bank.example@evil.example>", true, "evil.example", "bank.example" },
	{ "<\"info@brand.example\"@evil.example>", true, "evil.example", "brand.example" },
	{ "\"info@brand.example\"@evil.example", true, "evil.example", "brand.example" },
	{ "<a@b.example@c.example@d.example>", true, "d.example", "b.example" },
	{ "x@y.example@z.example", true, "z.example", "y.example" },
	{ "  <support@apple.com@id-apple.example.net>  ", true, "id-apple.example.net", "apple.com" },
	{ "\"info@brand.example\" <x@evil.example>", false, "evil.example", NULL },
	{ "info@brand.example", false, "brand.example", NULL },
	{ "<info@brand.example>", false, "brand.example", NULL },
	{ "Brand <info@brand.example>", false, "brand.example", NULL },
	{ "\"a@b\" <c@d.example>", false, "d.example", NULL },
	{ "info@brand.example (Brand)", false, "brand.example", NULL },
	{ "Name <x@[192.0.2.1]>", false, "192.0.2.1", NULL },
	{ "\"@home\" <a@b.example>", false, "b.example", NULL },
	{ "user <user@sub.domain.example>", false, "sub.domain.example", NULL },
	{ "Support@Brand.Example", false, "brand.example", NULL },
};

START_TEST(two_at_from)
{
	char *h = xasprintf("From: %s\nTo: bob@bob.example\nSubject: s\nDate: " D2024 "\nMessage-ID: <1@x.example>\n",
	    at_cases[_i].from);
	struct report *r = analyse(h);
	const char *ev = evidence_of(r, F_FROM_ADDRESS_INVALID);

	ck_assert_msg((ev != NULL) == at_cases[_i].invalid, "case %d: FROM_ADDRESS_INVALID %s", _i, ev ? ev : "-");
	ck_assert_msg(r->addr.from.domain != NULL && strcmp(r->addr.from.domain, at_cases[_i].domain) == 0,
	    "case %d: domain %s", _i, r->addr.from.domain ? r->addr.from.domain : "-");
	ck_assert(r->addr.from.multi_at == at_cases[_i].invalid);
	if (at_cases[_i].invalid) {
		char *want = xasprintf("reads as %s but is sent from %s", at_cases[_i].reads, at_cases[_i].domain);
		ck_assert_msg(strstr(ev, want) != NULL, "case %d: %s", _i, ev);
		ck_assert_int_eq(severity_of(r, F_FROM_ADDRESS_INVALID), SEV_HIGH);
		free(want);
	}
	report_free(r);
	free(h);
}
END_TEST

/* ---- random Latin display names ---- */

static const char *const random_names[] = {
	"xkqjzvbw", "Qwhtrplm Zxcv", "aBcDeFgH", "zqxvbnm", "Hgfdsxcv Bnmkjh", "kwpzrt", "Xjqwrtpz",
	"BvCxZlKj", "pLmQwErT", "Grtxvkl Mnbvcz", "QZXWVKJ", "Fjdkslqp", "vbnmqwrt", "Zrtpkx Qwvmn",
	"hJkLmNbV", "Bcdfghjk", "Mxqzpt Vkjw", "wvxzqk", "Tkdqzf", "Rnbvcxz Plkjhg",
};

static const char *const real_names[] = {
	"Taro Yamada", "Szczepanski", "Brzeczyszczykiewicz", "Llewellyn ap Gruffydd", "Rhydderch",
	"Gwyneth Llwyd", "IBM", "NTT docomo", "KDDI", "Shunichi Kobayashi", "Tsutomu Yamaguchi",
	"Knightsbridge", "KetoXplode", "MashreqKYC", "McDonald", "iPhone", "XkcdFan", "Joost Schrijvers",
	"Wojciech", "Przemyslaw Wojcik", "PayPal", "YouTube", "LinkedIn", "Amazon Gutschein", "xxxxxx",
	"Nguyen Van Huynh", "Mkhitaryan", "Tkachenko", "Ryuuichi Sakamoto", "Jan van IJsselmuiden",
	"Dzhokhar Tsarnaev", "Xochitl Gonzalez", "SMBC", "ZDNet Tech Update Today", "Strengths",
	"mrbrightside", "tschmidt", "Grzegorz", "Vsevolod Zhdanov", "Hjalmar Bjorklund",
};

START_TEST(random_latin)
{
	for (size_t i = 0; i < sizeof random_names / sizeof random_names[0]; i++)
		ck_assert_msg(claim_random_name(random_names[i]), "%s should look random", random_names[i]);
	for (size_t i = 0; i < sizeof real_names / sizeof real_names[0]; i++)
		ck_assert_msg(!claim_random_name(real_names[i]), "%s should not look random", real_names[i]);
}
END_TEST

START_TEST(random_surprise_orders)
{
	/* the statistic itself: keyboard mash is more surprising than a name, and case does not matter */
	ck_assert_int_gt(randname_surprise("xkqjzvbw", 8), randname_surprise("yamamoto", 8));
	ck_assert_int_gt(randname_surprise("qwhtrplm", 8), randname_surprise("schrijver", 9));
	ck_assert_int_eq(randname_surprise("XKQJZVBW", 8), randname_surprise("xkqjzvbw", 8));
	ck_assert_int_eq(randname_surprise("", 0), 0);
	ck_assert(!randname_check(NULL));
	ck_assert(!randname_check("ｘｋｑｊｚｖｂｗ"));       /* not ASCII: not judged */
	ck_assert(!randname_check("xkqjzvbw@evil.example"));
	ck_assert(!randname_check("xkqjzvbw zqxvbnm kwpzrt hgfdsx"));   /* four words: a phrase */
}
END_TEST

START_TEST(random_name_finding)
{
	struct report *r = analyse("From: Qwhtrplm Zxcv <a@b.example>\nTo: bob@bob.example\nSubject: s\n"
	    "Date: " D2024 "\nMessage-ID: <1@b.example>\n");

	ck_assert_int_eq(severity_of(r, F_FROM_RANDOM_NAME), SEV_MEDIUM);
	report_free(r);
	r = analyse("From: Gwyneth Llwyd <a@b.example>\nTo: bob@bob.example\nSubject: s\n"
	    "Date: " D2024 "\nMessage-ID: <1@b.example>\n");
	ck_assert_int_eq(severity_of(r, F_FROM_RANDOM_NAME), -1);
	report_free(r);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("bulk");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	setenv("KENSA_DATADIR", TEST_DATADIR, 1);
	message_init();
	tcase_add_loop_test(tc, bulk_recognised, 0, (int)(sizeof bulk_cases / sizeof bulk_cases[0]));
	tcase_add_test(tc, bulk_summary_line);
	tcase_add_loop_test(tc, list_mail, 0, (int)(sizeof list_cases / sizeof list_cases[0]));
	tcase_add_loop_test(tc, auth_missing, 0, (int)(sizeof auth_cases / sizeof auth_cases[0]));
	tcase_add_test(tc, auth_missing_evidence);
	tcase_add_loop_test(tc, two_at_from, 0, (int)(sizeof at_cases / sizeof at_cases[0]));
	tcase_add_test(tc, random_latin);
	tcase_add_test(tc, random_surprise_orders);
	tcase_add_test(tc, random_name_finding);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
