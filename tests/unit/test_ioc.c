/* test_ioc.c — the indicator lines: fixed labels in a fixed order, defanged, and message text that cannot forge a line. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "ioc.h"
#include "message.h"
#include "util.h"

#define SEEDS TEST_CORPUS "/seeds"

static const char *const labels[] = {
	"file", "subject", "date", "message-id", "from", "from-domain", "reply-to", "return-path",
	"origin-ip", "origin-helo", "origin-rdns", "origin-geo", "url", "finding", "verdict",
};

/* Index of the line's label in labels[] ("url-host" ranks with "url"), or -1. */
static int
label_rank(const char *line)
{
	size_t n = strcspn(line, ":");

	if (n == 8 && strncmp(line, "url-host", 8) == 0)
		n = 3;
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (strlen(labels[i]) == n && strncmp(line, labels[i], n) == 0 && line[strcspn(line, ":") + 1] == ' ')
			return (int)i;
	return -1;
}

/* Every line has a known label, in the documented order, and the last one is the verdict. */
static void
assert_well_formed(const char *ind)
{
	int last = -1;
	const char *p = ind, *verdict = NULL;

	while (*p != '\0') {
		const char *nl = strchr(p, '\n');
		int rank = label_rank(p);

		ck_assert_msg(nl != NULL, "unterminated line: %s", p);
		ck_assert_msg(rank >= 0, "unknown label: %.*s", (int)(nl - p), p);
		ck_assert_msg(rank >= last, "out of order: %.*s", (int)(nl - p), p);
		last = rank;
		if (strncmp(p, "verdict: ", 9) == 0)
			verdict = p;
		p = nl + 1;
	}
	ck_assert_ptr_nonnull(verdict);
	ck_assert_int_eq(last, (int)(sizeof labels / sizeof labels[0]) - 1);
}

/* The ポケットカード sample: origin IP, the link and its host defanged, never live, the findings and the verdict. */
START_TEST(indicators_of_sample)
{
	struct report *r;
	char *cause = NULL, *ind, *want;

	ck_assert_int_eq(analyze_file(SEEDS "/1770309790.M101P4242.mx.example.com,S=4096:2,", NULL, &r, &cause), 0);
	ind = ioc_format(r);
	assert_well_formed(ind);
	ck_assert_ptr_nonnull(strstr(ind, "\norigin-ip: 101.47.76.101\n"));
	ck_assert_ptr_nonnull(strstr(ind, "\nurl: hXXps://reflecto[.]cpvvl[.]cn/netsvice/logino/\n"));
	ck_assert_ptr_nonnull(strstr(ind, "\nurl-host: reflecto[.]cpvvl[.]cn\n"));
	ck_assert_ptr_nonnull(strstr(ind, "\nfinding: FROM_BRAND_MISMATCH\n"));
	ck_assert_ptr_null(strstr(ind, "https://"));
	want = xasprintf("verdict: %s (%d)\n", verdict_name(r->verdict), r->score);
	ck_assert_str_eq(ind + strlen(ind) - strlen(want), want);
	free(want);
	free(ind);
	report_free(r);
}
END_TEST

/* A hostile subject cannot add an indicator line or a terminal escape; absent values give no line. */
START_TEST(hostile_values_stay_on_their_line)
{
	struct report r;
	char *ind;

	memset(&r, 0, sizeof r);
	r.origin = -1;
	r.file = "cur/1.eml";
	r.subject = "hello\nurl: https://evil.example/\x1b]52;c;AA\x07";
	r.addr.from.addr = "a@evil.example";
	r.addr.from.domain = "evil.example";
	r.verdict = VERDICT_PHISHING;
	r.score = 87;
	ind = ioc_format(&r);
	assert_well_formed(ind);
	ck_assert_ptr_null(strstr(ind, "\nurl: "));
	ck_assert_ptr_null(strchr(ind, '\x1b'));
	ck_assert_ptr_null(strchr(ind, '\x07'));
	ck_assert_ptr_nonnull(strstr(ind, "\nfrom-domain: evil[.]example\n"));
	ck_assert_ptr_null(strstr(ind, "date:"));
	ck_assert_ptr_null(strstr(ind, "origin-ip:"));
	ck_assert_str_eq(strstr(ind, "verdict: "), "verdict: phishing (87)\n");
	free(ind);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("ioc");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	message_init();
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, indicators_of_sample);
	tcase_add_test(tc, hostile_values_stay_on_their_line);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
