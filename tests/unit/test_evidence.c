/* test_evidence.c — what leaves kensa: OSC 52 sequences (also through GNU screen), indicators, defanged URLs. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "evidence.h"
#include "ioc.h"
#include "message.h"
#include "util.h"

#define SEEDS TEST_CORPUS "/seeds"

START_TEST(osc52_plain)
{
	char *s = ui_osc52_sequence("hello", false);

	ck_assert_str_eq(s, "\033]52;c;aGVsbG8=\a");
	free(s);
	s = ui_osc52_sequence("", false);
	ck_assert_str_eq(s, "\033]52;c;\a");
	free(s);
	s = ui_osc52_sequence("ポケット", false);   /* UTF-8 bytes, base64 as they are */
	ck_assert_str_eq(s, "\033]52;c;44Od44Kx44OD44OI\a");
	free(s);
}
END_TEST

/* Inside GNU screen: DCS pieces, each at most 76 bytes of the sequence, that join back into it. */
START_TEST(osc52_screen)
{
	struct buf text, joined;
	char *plain, *s;
	const char *p;
	size_t pieces = 0;

	buf_init(&text);
	for (int i = 0; i < 100; i++)
		buf_adds(&text, "hXXps://reflecto[.]cpvvl[.]cn/netsvice/logino/\n");
	plain = ui_osc52_sequence(text.s, false);
	s = ui_osc52_sequence(text.s, true);
	buf_init(&joined);
	for (p = s; *p != '\0';) {
		const char *end;

		ck_assert_int_eq(strncmp(p, "\033P", 2), 0);
		end = strstr(p + 2, "\033\\");
		ck_assert_ptr_nonnull(end);
		ck_assert_int_le(end - (p + 2), 76);
		buf_add(&joined, p + 2, (size_t)(end - (p + 2)));
		p = end + 2;
		pieces++;
	}
	ck_assert_uint_gt(pieces, 1);
	ck_assert_str_eq(joined.s, plain);
	free(plain);
	free(s);
	buf_free(&joined);
	buf_free(&text);
}
END_TEST

START_TEST(defang)
{
	char *d = ui_defang("https://reflecto.cpvvl.cn/netsvice/logino/");

	ck_assert_str_eq(d, "hXXps://reflecto[.]cpvvl[.]cn/netsvice/logino/");
	free(d);
}
END_TEST

/* The ポケットカード sample's indicators: origin IP, sender domain, the link defanged, never live. */
START_TEST(indicators_of_sample)
{
	struct report *r;
	char *cause = NULL, *ind;

	ck_assert_int_eq(analyze_file(SEEDS "/1770309790.M101P4242.mx.example.com,S=4096:2,", NULL, &r, &cause), 0);
	ind = ui_indicators(r);
	ck_assert_ptr_nonnull(strstr(ind, "101.47.76.101"));
	ck_assert_ptr_nonnull(strstr(ind, "hXXps://reflecto[.]cpvvl[.]cn/netsvice/logino/"));
	ck_assert_ptr_null(strstr(ind, "https://reflecto"));
	ck_assert_ptr_nonnull(strstr(ind, "FROM_BRAND_MISMATCH"));
	{
		char *core = ioc_format(r);   /* the UI shows the core's format as it is */

		ck_assert_str_eq(ind, core);
		free(core);
	}
	free(ind);
	report_free(r);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("evidence");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	message_init();
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, osc52_plain);
	tcase_add_test(tc, osc52_screen);
	tcase_add_test(tc, defang);
	tcase_add_test(tc, indicators_of_sample);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
