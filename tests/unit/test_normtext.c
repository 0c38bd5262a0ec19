/* test_normtext.c — the one normaliser: normtext_unit(), and the brand matcher's fold and the phrase engine's stream agreeing on it. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "normtext.h"
#include "phrase.h"

/* Inputs that exercise every rule: width, compatibility forms, case, marks, invisibles, spaces, bad bytes. */
static const struct {
	const char *in;
	const char *folded;   /* normtext_fold_str(in, true) */
} cases[] = {
	{ "ＡＭＡＺＯＮ", "amazon" },                             /* full-width Latin */
	{ "Amazon", "amazon" },
	{ "ﾎﾟｲﾝﾄ", "ポイント" },                                  /* half-width kana with a separate voiced mark */
	{ "ホ\xe3\x82\x9aイント", "ポイント" },                    /* U+309A combining semi-voiced mark */
	{ "e\xcc\x81t\xc3\xa9", "\xc3\xa9t\xc3\xa9" },              /* e + U+0301 composes to é */
	{ "Pay\xe2\x80\x8bPal", "paypal" },                       /* ZWSP inside */
	{ "Pay\xc2\xadPal", "paypal" },                           /* soft hyphen */
	{ "A\xe2\x80\x8e""pple", "apple" },                       /* LRM */
	{ "T\xf3\xa0\x84\xb9r\xf3\xa0\x84\xb9ust", "trust" },     /* variation selectors between the letters */
	{ "ﬁnance", "finance" },                                  /* ligature */
	{ "①②", "12" },                                           /* circled digits */
	{ "Ⅻ", "xii" },                                          /* roman numeral */
	{ "楽天\xe3\x80\x80カード", "楽天カード" },                /* ideographic space */
	{ "Net\xc2\xa0""flix", "netflix" },                       /* NBSP */
	{ "ba\xffnk", "bank" },                                   /* an invalid byte */
	{ "ＰａｙＰａｌ　ログイン", "paypalログイン" },
	{ "\x01gi\x7f" "ft", "gift" },                            /* controls */
	{ "ΑΜΑΖΟΝ", "αμαζον" },                                   /* Greek stays Greek: look-alikes are the skeleton's job */
	{ "㈱楽天", "(株)楽天" },                                 /* parenthesised ideograph */
	{ "", "" },
};

START_TEST(fold_cases)
{
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *in = cases[i].in, *want = cases[i].folded;
		char *got;

		got = normtext_fold_str(in, true);
		ck_assert_msg(strcmp(got, want) == 0, "case %zu: \"%s\" folded to \"%s\", not \"%s\"", i, in, got, want);
		free(got);
	}
}
END_TEST

START_TEST(unfolded_keeps_case)
{
	char *got = normtext_fold_str("ＡＭＡＺＯＮ Prime", false);

	ck_assert_str_eq(got, "AMAZONPrime");
	free(got);
}
END_TEST

/* The phrase stream is the same normal form, with each white-space run one ' '. */
START_TEST(stream_agrees_with_fold)
{
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *in = cases[i].in;
		struct nstream ns;
		char *fold = normtext_fold_str(in, true);
		uint8_t out[256];
		size_t n = 0;

		phrase_stream_build(&ns, in, strlen(in));
		for (size_t j = 0; j < ns.n; j++) {
			int w;

			if (ns.c[j] == ' ')
				continue;
			w = u8_uctomb(out + n, ns.c[j], (int)(sizeof out - n));
			ck_assert_int_gt(w, 0);
			n += (size_t)w;
		}
		out[n] = '\0';
		ck_assert_msg(strcmp((char *)out, fold) == 0, "case %zu: stream \"%s\", fold \"%s\"", i, out, fold);
		phrase_stream_free(&ns);
		free(fold);
	}
}
END_TEST

START_TEST(stream_spaces_and_spans)
{
	const char *in = "Verify\xe3\x80\x80 your\t\xc2\xa0""ａｃｃｏｕｎｔ";
	struct nstream ns;

	phrase_stream_build(&ns, in, strlen(in));
	/* "verify your account": one space per run, wherever the run came from */
	ck_assert_uint_eq(ns.n, strlen("verify your account"));
	for (size_t j = 0; j < ns.n; j++)
		ck_assert_uint_eq(ns.c[j], (ucs4_t)"verify your account"[j]);
	/* each code point maps back to its own unit: the full-width 'ａ' is three bytes */
	ck_assert_uint_eq(ns.to[12] - ns.from[12], 3);
	ck_assert_int_eq(memcmp(in + ns.from[12], "ａ", 3), 0);
	phrase_stream_free(&ns);
}
END_TEST

START_TEST(unit_bounds)
{
	ucs4_t u[NORMTEXT_UNIT_MAX];
	size_t n;
	const char *s = "e\xcc\x81x";   /* e + U+0301, then x */

	ck_assert_uint_eq(normtext_unit(s, strlen(s), 0, true, u, &n), 3);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(u[0], 0xe9);
	ck_assert_uint_eq(normtext_unit(s, strlen(s), 3, true, u, &n), 1);
	ck_assert_uint_eq(u[0], 'x');
	ck_assert_uint_eq(normtext_unit(s, strlen(s), 4, true, u, &n), 0);   /* at the end */
	ck_assert_uint_eq(n, 0);
	/* a truncated sequence at the end is dropped, never read past len */
	{
		size_t k = normtext_unit("\xe3\x81", 2, 0, true, u, &n);

		ck_assert_uint_ge(k, 1);
		ck_assert_uint_le(k, 2);
		ck_assert_uint_eq(n, 0);
	}
	/* a thousand combining marks: bounded output, all bytes consumed in finite steps */
	{
		size_t len = 1 + 2000, used = 0, steps = 0;
		char *big = malloc(len + 1);

		big[0] = 'a';
		for (size_t i = 1; i < len; i += 2)
			memcpy(big + i, "\xcc\x81", 2);
		big[len] = '\0';
		while (used < len) {
			size_t k = normtext_unit(big, len, used, true, u, &n);

			ck_assert_uint_gt(k, 0);
			ck_assert_uint_le(n, NORMTEXT_UNIT_MAX);
			used += k;
			steps++;
		}
		ck_assert_uint_eq(used, len);
		ck_assert_uint_lt(steps, len);
		free(big);
	}
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("normtext");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, fold_cases);
	tcase_add_test(tc, unfolded_keeps_case);
	tcase_add_test(tc, stream_agrees_with_fold);
	tcase_add_test(tc, stream_spaces_and_spans);
	tcase_add_test(tc, unit_bounds);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
