/* test_spamtag.c — spam tags in the Subject and the spam filter headers (SUBJECT_SPAM_TAG). */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "findings.h"
#include "message.h"
#include "spamtag.h"

static struct findings fs;

/* Run spamtag_check over a header block (a body is added); returns the number of findings. */
static size_t
check_headers(const char *headers)
{
	struct message *m;
	char *cause = NULL, *text;
	size_t len = strlen(headers);

	text = malloc(len + 16);
	ck_assert_ptr_nonnull(text);
	memcpy(text, headers, len);
	strcpy(text + len, "\nbody\n");
	findings_free(&fs);
	ck_assert_int_eq(message_load_mem(text, strlen(text), "t", &m, &cause), 0);
	spamtag_check(m, &fs);
	message_free(m);
	free(text);
	for (size_t i = 0; i < fs.n; i++) {
		ck_assert_int_eq(fs.v[i].id, F_SUBJECT_SPAM_TAG);
		ck_assert_int_eq(fs.v[i].severity, SEV_MEDIUM);
	}
	return fs.n;
}

/* The one finding is on the Subject and spans exactly tag, found at byte offset start. */
static void
assert_subject_tag(const char *subject_header, long start, const char *tag)
{
	ck_assert_int_eq(check_headers(subject_header), 1);
	ck_assert_str_eq(fs.v[0].where, "header:Subject");
	ck_assert_int_eq(fs.v[0].span_start, start);
	ck_assert_int_eq(fs.v[0].span_end, start + (long)strlen(tag));
	ck_assert_ptr_nonnull(strstr(fs.v[0].evidence, tag));
}

START_TEST(subject_ascii_tags)
{
	assert_subject_tag("Subject: [spam] Your account\n", 0, "[spam]");
	assert_subject_tag("Subject: [SPAM] Your account\n", 0, "[SPAM]");
	assert_subject_tag("Subject: ***SPAM*** Your account\n", 0, "***SPAM***");
	assert_subject_tag("Subject: {Spam?} Your account\n", 0, "{Spam?}");
	/* not only at the start: a list tag may come first */
	assert_subject_tag("Subject: Re: [list] [SPAM] hello\n", 11, "[SPAM]");
}
END_TEST

START_TEST(subject_japanese_tags)
{
	assert_subject_tag("Subject: [迷惑メール] ご利用確認\n", 0, "[迷惑メール]");
	assert_subject_tag("Subject: 【迷惑メール】ご利用確認\n", 0, "【迷惑メール】");
	/* offsets are bytes: "ご確認 " is 10 bytes of UTF-8 */
	assert_subject_tag("Subject: ご確認 【迷惑メール】\n", 10, "【迷惑メール】");
}
END_TEST

START_TEST(subject_encoded)
{
	/* "[spam] 【American Express】..." with the tag outside the encoded words (seed 1764487212) */
	assert_subject_tag("Subject: [spam] =?utf-8?b?44CQQW1lcmljYW4gRXhwcmVzc+OAkQ==?=\n", 0, "[spam]");
	/* "【迷惑メール】テスト" entirely inside a UTF-8 B-word */
	assert_subject_tag("Subject: =?UTF-8?B?44CQ6L+35oOR44Oh44O844Or44CR44OG44K544OI?=\n", 0, "【迷惑メール】");
	/* "お知らせ [SPAM]" as a Q-word: the span is in the decoded text (12 bytes of kana + space) */
	assert_subject_tag("Subject: =?utf-8?q?=E3=81=8A=E7=9F=A5=E3=82=89=E3=81=9B_=5BSPAM=5D?=\n", 13, "[SPAM]");
	/* ISO-2022-JP: "[迷惑メール]" */
	assert_subject_tag("Subject: =?iso-2022-jp?b?WxskQkxCT0clYSE8JWsbKEJd?=\n", 0, "[迷惑メール]");
}
END_TEST

START_TEST(subject_negatives)
{
	ck_assert_int_eq(check_headers("Subject: Spam filter settings changed\n"), 0);
	ck_assert_int_eq(check_headers("Subject: Re: spam? no, ham\n"), 0);
	ck_assert_int_eq(check_headers("Subject: 迷惑メール対策のお知らせ\n"), 0);
	ck_assert_int_eq(check_headers("From: a@example.com\n"), 0);
}
END_TEST

START_TEST(spam_flag)
{
	ck_assert_int_eq(check_headers("Subject: hi\nX-Spam-Flag: YES\n"), 1);
	ck_assert_str_eq(fs.v[0].where, "header:X-Spam-Flag");
	ck_assert_ptr_nonnull(strstr(fs.v[0].evidence, "YES"));
	ck_assert_int_eq(check_headers("Subject: hi\nX-Spam-Flag: NO\n"), 0);

	/* a tagged subject and the flag: one finding per signal */
	ck_assert_int_eq(check_headers("Subject: [SPAM] hi\nX-Spam-Flag: YES\n"), 2);
}
END_TEST

START_TEST(spam_status)
{
	ck_assert_int_eq(check_headers("X-Spam-Status: Yes, score=12.3 required=5.0 tests=BAYES_99,\n"
	    "\tURIBL_BLACK autolearn=spam version=3.4.6\n"), 1);
	ck_assert_str_eq(fs.v[0].where, "header:X-Spam-Status");
	ck_assert_ptr_nonnull(strstr(fs.v[0].evidence, "score=12.3"));
	ck_assert_int_eq(check_headers("X-Spam-Status: No, score=-0.1 required=5.0 tests=NONE\n"), 0);
}
END_TEST

START_TEST(spam_level)
{
	ck_assert_int_eq(check_headers("X-Spam-Level: *****\n"), 1);
	ck_assert_str_eq(fs.v[0].where, "header:X-Spam-Level");
	ck_assert_int_eq(fs.v[0].span_start, 0);
	ck_assert_int_eq(fs.v[0].span_end, 5);
	ck_assert_int_eq(check_headers("X-Spam-Level: ************\n"), 1);
	ck_assert_int_eq(fs.v[0].span_end, 12);
	ck_assert_int_eq(check_headers("X-Spam-Level: ****\n"), 0);
	ck_assert_int_eq(check_headers("X-Spam-Level: \n"), 0);
}
END_TEST

START_TEST(microsoft_scl)
{
	const char *v;

	ck_assert_int_eq(check_headers("X-Forefront-Antispam-Report: CIP:203.0.113.5;CTRY:CN;LANG:ja;"
	    "SCL:5;SRV:;IPV:NLI;SFV:SPM;H:mail.example.cn;PTR:InfoNoRecords;CAT:SPM;SFS:(13230031);DIR:INB;\n"), 1);
	ck_assert_str_eq(fs.v[0].where, "header:X-Forefront-Antispam-Report");
	ck_assert_ptr_nonnull(strstr(fs.v[0].evidence, "SCL:5"));
	/* the span covers "SCL:5" in the value */
	v = "CIP:203.0.113.5;CTRY:CN;LANG:ja;SCL:5;";
	ck_assert_int_eq(fs.v[0].span_start, strstr(v, "SCL:") - v);
	ck_assert_int_eq(fs.v[0].span_end - fs.v[0].span_start, 5);

	ck_assert_int_eq(check_headers("X-Forefront-Antispam-Report: CIP:203.0.113.5;SCL:9;SFV:SPM;\n"), 1);
	ck_assert_ptr_nonnull(strstr(fs.v[0].evidence, "SCL:9"));
	ck_assert_int_eq(check_headers("X-Forefront-Antispam-Report: CIP:203.0.113.5;SCL:1;SFV:NSPM;\n"), 0);
	ck_assert_int_eq(check_headers("X-Forefront-Antispam-Report: CIP:203.0.113.5;SCL:-1;SFV:SKN;\n"), 0);
	ck_assert_int_eq(check_headers("X-Forefront-Antispam-Report: CIP:203.0.113.5;SFV:NSPM;\n"), 0);

	ck_assert_int_eq(check_headers("X-MS-Exchange-Organization-SCL: 5\n"), 1);
	ck_assert_str_eq(fs.v[0].where, "header:X-MS-Exchange-Organization-SCL");
	ck_assert_int_eq(check_headers("X-MS-Exchange-Organization-SCL: 1\n"), 0);
	ck_assert_int_eq(check_headers("X-MS-Exchange-Organization-SCL: -1\n"), 0);
	/* both headers saying the same thing are one signal */
	ck_assert_int_eq(check_headers("X-Forefront-Antispam-Report: SCL:6;\nX-MS-Exchange-Organization-SCL: 6\n"), 1);
}
END_TEST

START_TEST(seed_headers_agree)
{
	/* seed 1764487212: "[spam]" subject and X-Spam-Flag: YES */
	ck_assert_int_eq(check_headers("X-Spam-Flag: YES\n"
	    "Subject: [spam] =?utf-8?b?44CQQW1lcmljYW4gRXhwcmVzc+OAkeOCq+ODvOODieOBruS4gOaZguWIqeeUqA==?=\n"
	    " =?utf-8?b?5YGc5q2i44Gv6Kej6Zmk44GV44KM44G+44GX44GfIDg3MQ==?=\n"
	    "From: \"American Express\" <info@auccwallt.top>\n"), 2);
	ck_assert_str_eq(fs.v[0].where, "header:Subject");
	ck_assert_int_eq(fs.v[0].span_start, 0);
	ck_assert_int_eq(fs.v[0].span_end, 6);
	ck_assert_str_eq(fs.v[1].where, "header:X-Spam-Flag");
	findings_free(&fs);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("spamtag");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	message_init();
	tcase_add_test(tc, subject_ascii_tags);
	tcase_add_test(tc, subject_japanese_tags);
	tcase_add_test(tc, subject_encoded);
	tcase_add_test(tc, subject_negatives);
	tcase_add_test(tc, spam_flag);
	tcase_add_test(tc, spam_status);
	tcase_add_test(tc, spam_level);
	tcase_add_test(tc, microsoft_scl);
	tcase_add_test(tc, seed_headers_agree);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
