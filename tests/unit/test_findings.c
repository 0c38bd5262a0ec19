/* test_findings.c — the finding table, weights, score and verdict. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "findings.h"
#include "util.h"
#include "weights.h"

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

static const char hand[] =
    "severity info 0\nseverity low 8\nseverity medium 15\nseverity high 30\n"
    "threshold suspicious 20\nthreshold phishing 45\n"
    "weight BRAND_VERIFIED * -40\nweight AUTH_MISSING * 5\nweight MESSAGE_ID_MISMATCH * 5\n"
    "weight SUBJECT_SPAM_TAG * 20\n"
    "payload LINK_BRAND_MISMATCH\npayload LINK_RISKY_TLD\n";

START_TEST(verdicts)
{
	struct findings fs = { 0 };
	enum verdict v;
	int score;
	char *cause = NULL;
	struct weights *w = weights_new();

	/* the hand table kensa shipped before the fit, so that these figures do not follow a refit */
	ck_assert_int_eq(weights_load_mem(w, hand, strlen(hand), "hand", &cause), 0);

	ck_assert_int_eq(findings_score_with(&fs, w, &v), 0);
	ck_assert_int_eq(v, VERDICT_CLEAN);

	/* a spoofed sender with no payload (the prank) stays suspicious however high */
	finding_add(&fs, F_SUBJECT_SPAM_TAG, -1, "header:Subject", -1, -1, NULL);
	finding_add(&fs, F_FROM_BRAND_MISMATCH, -1, "header:From", -1, -1, NULL);
	finding_add(&fs, F_AUTH_DMARC_FAIL, -1, "header:Authentication-Results[1]", -1, -1, NULL);
	finding_add(&fs, F_RETURN_PATH_MISMATCH, -1, "header:Return-Path", -1, -1, NULL);
	score = findings_score_with(&fs, w, &v);
	ck_assert_int_ge(score, 45);
	ck_assert_int_eq(v, VERDICT_SUSPICIOUS);

	/* a link to a place the brand is not: phishing */
	finding_add(&fs, F_LINK_BRAND_MISMATCH, -1, "link[1]", -1, -1, NULL);
	findings_score_with(&fs, w, &v);
	ck_assert_int_eq(v, VERDICT_PHISHING);
	findings_free(&fs);

	/* an id counts once */
	for (int i = 0; i < 5; i++)
		finding_add(&fs, F_LINK_RISKY_TLD, -1, "link", -1, -1, NULL);
	ck_assert_int_eq(findings_score_with(&fs, w, &v), 15);
	ck_assert_int_eq(fs.v[0].weight, 15);
	ck_assert_int_eq(fs.v[1].weight, 0);
	findings_free(&fs);

	/* info-level mismatches weigh nothing; a verified brand lowers the score */
	finding_add(&fs, F_RETURN_PATH_MISMATCH, SEV_INFO, "header:Return-Path", -1, -1, NULL);
	finding_add(&fs, F_MESSAGE_ID_MISMATCH, SEV_INFO, "header:Message-ID", -1, -1, NULL);
	finding_add(&fs, F_SUBJECT_SPAM_TAG, -1, "header:Subject", -1, -1, NULL);
	finding_add(&fs, F_BRAND_VERIFIED, -1, "header:From", -1, -1, NULL);
	ck_assert_int_eq(findings_score_with(&fs, w, &v), 0);
	ck_assert_int_eq(v, VERDICT_CLEAN);
	findings_free(&fs);
	weights_free(w);
}
END_TEST

/* Load text as a weights file named "t.conf"; returns the table (or NULL and *cause). */
static struct weights *
load(const char *text, char **cause)
{
	struct weights *w = weights_new();

	if (weights_load_mem(w, text, strlen(text), "t.conf", cause) != 0) {
		weights_free(w);
		return NULL;
	}
	return w;
}

/* Read more lines into w, as a later file would. */
static int
load_more(struct weights *w, const char *text, const char *name, char **cause)
{
	return weights_load_mem(w, text, strlen(text), name, cause);
}

static const char good[] =
    "# a comment line\n"
    "severity info 0\nseverity low 8\nseverity medium 15\nseverity high 30\n"
    "threshold suspicious 20   # trailing comment\n"
    "threshold phishing 45\n"
    "weight LINK_TEXT_MISMATCH high 31\n"
    "weight LINK_TEXT_MISMATCH * 25\n"
    "weight BRAND_VERIFIED * -40\n"
    "\tpayload LINK_TEXT_MISMATCH\n"
    "payload PHONE_NOT_BRAND yes\n";

START_TEST(weights_good_file)
{
	char *cause = NULL;
	struct weights *w = load(good, &cause);

	ck_assert_ptr_nonnull(w);
	ck_assert_ptr_null(cause);
	ck_assert_int_eq(weights_check(w, "t.conf", &cause), 0);
	/* per id and severity, then the id's "*", then the severity */
	ck_assert_int_eq(weights_weight(w, F_LINK_TEXT_MISMATCH, SEV_HIGH), 31);
	ck_assert_int_eq(weights_weight(w, F_LINK_TEXT_MISMATCH, SEV_LOW), 25);
	ck_assert_int_eq(weights_weight(w, F_BRAND_VERIFIED, SEV_INFO), -40);
	/* ids the file does not list fall back to their severity's weight */
	ck_assert_int_eq(weights_weight(w, F_TEXT_TYPO, SEV_MEDIUM), 15);
	ck_assert_int_eq(weights_weight(w, F_TEXT_TYPO, SEV_HIGH), 30);
	ck_assert_int_eq(weights_weight(w, F_ORIGIN_COUNTRY, SEV_INFO), 0);
	ck_assert_int_eq(weights_threshold(w, VERDICT_SUSPICIOUS), 20);
	ck_assert_int_eq(weights_threshold(w, VERDICT_PHISHING), 45);
	/* payload ids count above info only */
	ck_assert(weights_payload(w, F_LINK_TEXT_MISMATCH, SEV_LOW));
	ck_assert(!weights_payload(w, F_LINK_TEXT_MISMATCH, SEV_INFO));
	ck_assert(weights_payload(w, F_PHONE_NOT_BRAND, SEV_MEDIUM));
	ck_assert(!weights_payload(w, F_TEXT_TYPO, SEV_HIGH));
	ck_assert(weights_payload_required(w));
	weights_free(w);
}
END_TEST

/* Each bad line is refused with FILE:LINE and the reason. */
START_TEST(weights_bad_lines)
{
	static const struct {
		const char *text, *want;
	} bad[] = {
		{ "severity low 8\nweight NO_SUCH_ID * 5\n", "t.conf:2: unknown finding id: NO_SUCH_ID" },
		{ "payload NO_SUCH_ID\n", "t.conf:1: unknown finding id: NO_SUCH_ID" },
		{ "\n\nseverity huge 8\n", "t.conf:3: unknown severity" },
		{ "severity low eight\n", "t.conf:1: a weight is a whole number" },
		{ "severity low 8x\n", "t.conf:1: a weight is a whole number" },
		{ "weight TEXT_TYPO * 1001\n", "t.conf:1: a weight is a whole number" },
		{ "weight TEXT_TYPO medium\n", "t.conf:1: expected \"weight ID" },
		{ "weight TEXT_TYPO bogus 3\n", "t.conf:1: unknown severity" },
		{ "threshold maybe 20\n", "t.conf:1: a threshold is" },
		{ "threshold phishing 0\n", "t.conf:1: a threshold is a whole number" },
		{ "severity low 8\nseverity low 9\n", "t.conf:2: given twice in one file: low" },
		{ "weight TEXT_TYPO * 1\nweight TEXT_TYPO * 2\n", "t.conf:2: given twice" },
		{ "payload TEXT_TYPO maybe\n", "t.conf:1: expected yes or no" },
		{ "payload-required perhaps\n", "t.conf:1: expected \"payload-required" },
		{ "clear now\n", "t.conf:1: \"clear\" takes no argument" },
		{ "bogus 1\n", "t.conf:1: unknown directive" },
		{ "weight A B C D E F\n", "t.conf:1: too many words" },
	};

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char *cause = NULL;
		struct weights *w = load(bad[i].text, &cause);

		ck_assert_ptr_null(w);
		ck_assert_ptr_nonnull(cause);
		ck_assert_msg(strncmp(cause, bad[i].want, strlen(bad[i].want)) == 0, "%s: got \"%s\"", bad[i].text, cause);
		free(cause);
	}
}
END_TEST

START_TEST(weights_check_and_files)
{
	char *cause = NULL, path[] = "/tmp/kensa-weights-XXXXXX";
	struct weights *w = load("severity low 8\n", &cause);
	FILE *f;
	int fd;

	/* no thresholds: the table cannot score */
	ck_assert_int_eq(weights_check(w, "t.conf", &cause), -1);
	ck_assert(strstr(cause, "threshold suspicious") != NULL);
	free(cause);
	ck_assert_int_eq(load_more(w, "threshold suspicious 50\nthreshold phishing 40\n", "u.conf", &cause), 0);
	ck_assert_int_eq(weights_check(w, "u.conf", &cause), -1);
	free(cause);
	/* a later file overrides; "clear" forgets */
	ck_assert_int_eq(load_more(w, "threshold phishing 60\nseverity low 3\n", "v.conf", &cause), 0);
	ck_assert_int_eq(weights_check(w, "v.conf", &cause), 0);
	ck_assert_int_eq(weights_weight(w, F_RETURN_PATH_MISMATCH, SEV_LOW), 3);
	ck_assert_int_eq(load_more(w, "clear\nthreshold suspicious 1\nthreshold phishing 2\n", "c.conf", &cause), 0);
	ck_assert_int_eq(weights_weight(w, F_RETURN_PATH_MISMATCH, SEV_LOW), 0);
	weights_free(w);

	/* files: unreadable names the file, a bad line names FILE:LINE */
	w = weights_new();
	ck_assert_int_eq(weights_load_file(w, "/nonexistent/weights.conf", &cause), -1);
	ck_assert(strncmp(cause, "/nonexistent/weights.conf: ", 27) == 0);
	free(cause);
	ck_assert((fd = mkstemp(path)) >= 0);
	ck_assert_ptr_nonnull(f = fdopen(fd, "w"));
	fputs("severity low 8\n# two\nweight FROM_NOWHERE * 3\n", f);
	fclose(f);
	ck_assert_int_eq(weights_load_file(w, path, &cause), -1);
	{
		char *want = xasprintf("%s:3: unknown finding id: FROM_NOWHERE", path);
		ck_assert_str_eq(cause, want);
		free(want);
	}
	free(cause);
	unlink(path);
	weights_free(w);
}
END_TEST

/* Scores and verdicts follow the table given: thresholds, per-severity weights, the payload rule. */
START_TEST(weights_score_with)
{
	char *cause = NULL;
	struct weights *w = load(good, &cause);
	struct findings fs = { 0 };
	enum verdict v;

	finding_add(&fs, F_LINK_TEXT_MISMATCH, SEV_LOW, "link[1]", -1, -1, NULL);
	ck_assert_int_eq(findings_score_with(&fs, w, &v), 25);
	ck_assert_int_eq(v, VERDICT_SUSPICIOUS);
	finding_add(&fs, F_LINK_TEXT_MISMATCH, SEV_HIGH, "link[2]", -1, -1, NULL);
	ck_assert_int_eq(findings_score_with(&fs, w, &v), 31);   /* once, the strongest */
	finding_add(&fs, F_TEXT_TYPO, -1, "body", -1, -1, NULL);
	ck_assert_int_eq(findings_score_with(&fs, w, &v), 46);
	ck_assert_int_eq(v, VERDICT_PHISHING);
	findings_free(&fs);

	/* without a payload, phishing only when the rule is off */
	finding_add(&fs, F_FROM_BRAND_MISMATCH, -1, "header:From", -1, -1, NULL);
	finding_add(&fs, F_AUTH_DMARC_FAIL, -1, "header:Authentication-Results", -1, -1, NULL);
	ck_assert_int_eq(findings_score_with(&fs, w, &v), 60);
	ck_assert_int_eq(v, VERDICT_SUSPICIOUS);
	ck_assert_int_eq(load_more(w, "payload-required no\n", "n.conf", &cause), 0);
	findings_score_with(&fs, w, &v);
	ck_assert_int_eq(v, VERDICT_PHISHING);
	/* a higher threshold, a zeroed severity */
	ck_assert_int_eq(load_more(w, "threshold phishing 61\nseverity high 0\n", "m.conf", &cause), 0);
	ck_assert_int_eq(findings_score_with(&fs, w, &v), 0);
	ck_assert_int_eq(v, VERDICT_CLEAN);
	findings_free(&fs);
	weights_free(w);
}
END_TEST

/* The shipped table loads (KENSA_DATADIR or TEST_DATADIR) and passes its check. */
START_TEST(weights_shipped)
{
	char *cause = NULL, *path = xasprintf("%s/weights.conf", TEST_DATADIR);
	struct weights *w = weights_new();

	ck_assert_msg(weights_load_file(w, path, &cause) == 0, "%s", cause);
	ck_assert_int_eq(weights_check(w, path, &cause), 0);
	ck_assert(weights_threshold(w, VERDICT_SUSPICIOUS) <= weights_threshold(w, VERDICT_PHISHING));
	ck_assert(weights_payload(w, F_LINK_BRAND_MISMATCH, SEV_HIGH));
	ck_assert(weights_weight(w, F_BRAND_VERIFIED, SEV_INFO) < 0);
	free(path);
	weights_free(w);
}
END_TEST

/*
 * The shipped table's payload rule: a brand named by a stranger with a
 * free-mail Reply-To (the advance-fee and "reply to claim" letter) has
 * something to harm with, an answer; the same spoof without it (the prank
 * that only points at the brand's own site) stays suspicious.
 */
START_TEST(weights_shipped_reply_to_freemail_is_payload)
{
	char *cause = NULL, *path = xasprintf("%s/weights.conf", TEST_DATADIR);
	struct weights *w = weights_new();
	struct findings fs = { 0 };
	enum verdict v;

	ck_assert_msg(weights_load_file(w, path, &cause) == 0, "%s", cause);
	ck_assert(weights_payload(w, F_REPLY_TO_FREEMAIL, SEV_HIGH));
	ck_assert(weights_payload(w, F_REPLY_TO_FREEMAIL, SEV_MEDIUM));
	ck_assert(weights_payload(w, F_REPLY_TO_MISMATCH, SEV_MEDIUM));   /* replies to another domain: where the answer goes */
	ck_assert(!weights_payload(w, F_RETURN_PATH_MISMATCH, SEV_LOW));   /* bounces go there, not the reader */
	finding_add(&fs, F_FROM_BRAND_MISMATCH, SEV_HIGH, "header:From", -1, -1, NULL);
	finding_add(&fs, F_AUTH_DMARC_FAIL, SEV_HIGH, "header:Authentication-Results", -1, -1, NULL);
	ck_assert_int_ge(findings_score_with(&fs, w, &v), weights_threshold(w, VERDICT_PHISHING));
	ck_assert_int_eq(v, VERDICT_SUSPICIOUS);
	finding_add(&fs, F_REPLY_TO_FREEMAIL, SEV_HIGH, "header:Reply-To", -1, -1, NULL);
	findings_score_with(&fs, w, &v);
	ck_assert_int_eq(v, VERDICT_PHISHING);
	findings_free(&fs);
	free(path);
	weights_free(w);
}
END_TEST

/* "payload-link-offsite": a link off the sender's and the brand's domains is a payload when the table says so. */
START_TEST(weights_link_offsite)
{
	char *cause = NULL;
	struct weights *w = load(good, &cause);
	struct findings fs = { 0 };
	enum verdict v;

	ck_assert(!weights_payload_link_offsite(w));   /* off unless given */
	finding_add(&fs, F_FROM_BRAND_MISMATCH, -1, "header:From", -1, -1, NULL);
	finding_add(&fs, F_AUTH_DMARC_FAIL, -1, "header:Authentication-Results", -1, -1, NULL);
	fs.link_offsite = true;
	findings_score_with(&fs, w, &v);
	ck_assert_int_eq(v, VERDICT_SUSPICIOUS);
	ck_assert_int_eq(load_more(w, "payload-link-offsite yes\n", "o.conf", &cause), 0);
	ck_assert(weights_payload_link_offsite(w));
	findings_score_with(&fs, w, &v);
	ck_assert_int_eq(v, VERDICT_PHISHING);
	fs.link_offsite = false;   /* no such link: the spoof stays suspicious */
	findings_score_with(&fs, w, &v);
	ck_assert_int_eq(v, VERDICT_SUSPICIOUS);
	/* below the phishing threshold the link changes nothing */
	findings_free(&fs);
	finding_add(&fs, F_AUTH_DMARC_FAIL, -1, "header:Authentication-Results", -1, -1, NULL);
	fs.link_offsite = true;
	findings_score_with(&fs, w, &v);
	ck_assert_int_ne(v, VERDICT_PHISHING);
	findings_free(&fs);
	/* bad lines */
	ck_assert_int_eq(load_more(w, "payload-link-offsite maybe\n", "b.conf", &cause), -1);
	ck_assert_msg(strstr(cause, "b.conf:1: expected \"payload-link-offsite yes|no\"") != NULL, "%s", cause);
	free(cause);
	cause = NULL;
	ck_assert_int_eq(load_more(w, "payload-link-offsite no\npayload-link-offsite yes\n", "t.conf", &cause), -1);
	ck_assert_msg(strstr(cause, "t.conf:2: given twice") != NULL, "%s", cause);
	free(cause);
	weights_free(w);
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
	tcase_add_test(tc, weights_good_file);
	tcase_add_test(tc, weights_bad_lines);
	tcase_add_test(tc, weights_check_and_files);
	tcase_add_test(tc, weights_score_with);
	tcase_add_test(tc, weights_shipped);
	tcase_add_test(tc, weights_shipped_reply_to_freemail_is_payload);
	tcase_add_test(tc, weights_link_offsite);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
