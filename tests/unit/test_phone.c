/* test_phone.c — phone numbers in the forms people write them, and PHONE_NOT_BRAND. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "brands.h"
#include "findings.h"
#include "phone.h"

/* The first number in text: its normalised form and the text it spans (NULL: none expected). */
static void
first_is(const char *text, const char *number, const char *span)
{
	struct phone ph[8];
	size_t n = phone_find(text, strlen(text), ph, 8);

	if (number == NULL) {
		ck_assert_msg(n == 0, "\"%s\": expected no number, got %s", text, n ? ph[0].number : "");
		return;
	}
	ck_assert_msg(n >= 1, "\"%s\": expected %s, got none", text, number);
	ck_assert_str_eq(ph[0].number, number);
	ck_assert_msg(ph[0].end - ph[0].start == strlen(span) && memcmp(text + ph[0].start, span, strlen(span)) == 0,
	    "\"%s\": span \"%.*s\", expected \"%s\"", text, (int)(ph[0].end - ph[0].start), text + ph[0].start, span);
	for (size_t i = 0; i < n; i++)
		free(ph[i].number);
}

START_TEST(forms)
{
	first_is("お問い合わせ:0120-959-684<br>", "0120959684", "0120-959-684");
	first_is("TEL 0120 959 684 (9:00-18:00)", "0120959684", "0120 959 684");
	first_is("電話：０１２０－９５９－６８４まで", "0120959684", "０１２０－９５９－６８４");
	first_is("電話 0120ー959ー684", "0120959684", "0120ー959ー684");
	first_is("+81-120-959-684", "0120959684", "+81-120-959-684");
	first_is("+81 (0)3 1234 5678", "0312345678", "+81 (0)3 1234 5678");
	first_is("＋８１　３　１２３４　５６７８", "0312345678", "＋８１　３　１２３４　５６７８");
	first_is("03(1234)5678", "0312345678", "03(1234)5678");
	first_is("090-1234-5678", "09012345678", "090-1234-5678");
	first_is("0570-000-123", "0570000123", "0570-000-123");
	first_is("call 0312345678 now", "0312345678", "0312345678");
	first_is("US: +1 415 555 0100", "+14155550100", "+1 415 555 0100");
	first_is("Tel.: +55 11 3003-0000", "+551130030000", "+55 11 3003-0000");
}
END_TEST

START_TEST(not_numbers)
{
	first_is("〒153-0063 東京都目黒区", NULL, NULL);      /* postal code */
	first_is("2026-02-11 21:35", NULL, NULL);              /* date */
	first_is("残高:68,336 マイル", NULL, NULL);
	first_is("注文番号 250-1234567-1234567", NULL, NULL);  /* order number */
	first_is("ID A0120959684", NULL, NULL);                /* glued to letters */
	first_is("01209596841234", NULL, NULL);                /* too long */
	first_is("0012-345-6789", NULL, NULL);                 /* international prefix */
	first_is("version 1.2.3", NULL, NULL);
	first_is("", NULL, NULL);
}
END_TEST

START_TEST(not_brand)
{
	struct brands *b = brands_new();
	struct findings fs = { 0 };
	char *cause = NULL;
	const char *body = "お問い合わせ:0120-959-684\n正規窓口 0120-999-373\nもう一度 0120-959-684\n";
	long skip[1][2] = { { 0, 0 } };

	ck_assert_int_eq(brands_load_file(b, TEST_DATADIR "/brands.conf", &cause), 0);
	phone_check(body, strlen(body), b, brands_find(b, "amazon"), (const long (*)[2])skip, 1, &fs);
	ck_assert_uint_eq(fs.n, 1);                                   /* once per number; the real one is fine */
	ck_assert_int_eq(fs.v[0].id, F_PHONE_NOT_BRAND);
	ck_assert_int_eq(fs.v[0].span_start, (long)(strstr(body, "0120-959") - body));
	ck_assert_int_eq(fs.v[0].span_end, fs.v[0].span_start + 12);
	findings_free(&fs);
	/* a brand without known numbers, or no claim: nothing to compare with */
	phone_check(body, strlen(body), b, brands_find(b, "pocketcard"), NULL, 0, &fs);
	phone_check(body, strlen(body), b, NULL, NULL, 0, &fs);
	ck_assert_uint_eq(fs.n, 0);
	/* numbers inside a link's span are part of the URL */
	skip[0][0] = 0;
	skip[0][1] = (long)strlen(body);
	phone_check(body, strlen(body), b, brands_find(b, "amazon"), (const long (*)[2])skip, 1, &fs);
	ck_assert_uint_eq(fs.n, 0);
	brands_free(b);
}
END_TEST

static Suite *
phone_suite(void)
{
	Suite *s = suite_create("phone");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, forms);
	tcase_add_test(tc, not_numbers);
	tcase_add_test(tc, not_brand);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(phone_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
