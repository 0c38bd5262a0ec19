/* test_findings.c — the finding table, weights, score and verdict. */
#include "config.h"

#include <check.h>
#include <string.h>

#include "findings.h"

START_TEST(names_round_trip)
{
	for (int i = 0; i < F_COUNT; i++) {
		ck_assert_int_eq(finding_from_name(finding_name(i)), i);
		ck_assert(strlen(finding_title(i)) > 0);
	}
	ck_assert_int_eq(finding_from_name("NO_SUCH_ID"), -1);
	ck_assert_str_eq(finding_name(F_FROM_BRAND_MISMATCH), "FROM_BRAND_MISMATCH");
	ck_assert_int_eq(F_BRAND_VERIFIED, F_COUNT - 1);   /* new ids go before it; no fixed count to update */
	ck_assert_str_eq(finding_name(F_FROM_CONFUSABLE), "FROM_CONFUSABLE");
	ck_assert_str_eq(finding_name(F_LURE_CALLBACK), "LURE_CALLBACK");
}
END_TEST

START_TEST(add_and_evidence)
{
	struct findings fs = { 0 };
	struct finding *f = finding_add(&fs, F_ORIGIN_NO_RDNS, -1, "header:Received[2]", 5, 12, "ip %s", "192.0.2.1");

	ck_assert_int_eq(f->severity, SEV_MEDIUM);
	ck_assert_str_eq(f->evidence, "ip 192.0.2.1");
	ck_assert_str_eq(f->where, "header:Received[2]");
	f = finding_add(&fs, F_RETURN_PATH_MISMATCH, SEV_INFO, "header:Return-Path", -1, -1, NULL);
	ck_assert_int_eq(f->severity, SEV_INFO);
	ck_assert_ptr_null(f->evidence);
	ck_assert(findings_has(&fs, F_ORIGIN_NO_RDNS));
	ck_assert(!findings_has(&fs, F_TEXT_TYPO));
	findings_free(&fs);
	ck_assert_int_eq(fs.n, 0);
}
END_TEST

START_TEST(verdicts)
{
	struct findings fs = { 0 };
	enum verdict v;
	int score;

	ck_assert_int_eq(findings_score(&fs, &v), 0);
	ck_assert_int_eq(v, VERDICT_CLEAN);

	/* a spoofed sender with no payload (the prank) stays suspicious however high */
	finding_add(&fs, F_SUBJECT_SPAM_TAG, -1, "header:Subject", -1, -1, NULL);
	finding_add(&fs, F_FROM_BRAND_MISMATCH, -1, "header:From", -1, -1, NULL);
	finding_add(&fs, F_AUTH_DMARC_FAIL, -1, "header:Authentication-Results[1]", -1, -1, NULL);
	finding_add(&fs, F_RETURN_PATH_MISMATCH, -1, "header:Return-Path", -1, -1, NULL);
	score = findings_score(&fs, &v);
	ck_assert_int_ge(score, 45);
	ck_assert_int_eq(v, VERDICT_SUSPICIOUS);

	/* a link to a place the brand is not: phishing */
	finding_add(&fs, F_LINK_BRAND_MISMATCH, -1, "link[1]", -1, -1, NULL);
	findings_score(&fs, &v);
	ck_assert_int_eq(v, VERDICT_PHISHING);
	findings_free(&fs);

	/* an id counts once */
	for (int i = 0; i < 5; i++)
		finding_add(&fs, F_LINK_RISKY_TLD, -1, "link", -1, -1, NULL);
	ck_assert_int_eq(findings_score(&fs, &v), 15);
	ck_assert_int_eq(fs.v[0].weight, 15);
	ck_assert_int_eq(fs.v[1].weight, 0);
	findings_free(&fs);

	/* info-level mismatches weigh nothing; a verified brand lowers the score */
	finding_add(&fs, F_RETURN_PATH_MISMATCH, SEV_INFO, "header:Return-Path", -1, -1, NULL);
	finding_add(&fs, F_MESSAGE_ID_MISMATCH, SEV_INFO, "header:Message-ID", -1, -1, NULL);
	finding_add(&fs, F_SUBJECT_SPAM_TAG, -1, "header:Subject", -1, -1, NULL);
	finding_add(&fs, F_BRAND_VERIFIED, -1, "header:From", -1, -1, NULL);
	ck_assert_int_eq(findings_score(&fs, &v), 0);
	ck_assert_int_eq(v, VERDICT_CLEAN);
	findings_free(&fs);
}
END_TEST

START_TEST(labels)
{
	ck_assert_str_eq(severity_name(SEV_HIGH), "high");
	ck_assert_str_eq(verdict_name(VERDICT_PHISHING), "phishing");
	ck_assert_str_eq(verdict_name(VERDICT_CLEAN), "clean");
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("findings");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, names_round_trip);
	tcase_add_test(tc, add_and_evidence);
	tcase_add_test(tc, verdicts);
	tcase_add_test(tc, labels);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
