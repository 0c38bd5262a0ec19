/* test_unichar.c — one table of invisible characters: folding, evidence, reports and the screen agree on every one of them. */
#include "config.h"

#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unistr.h>

#include "normtext.h"
#include "report.h"
#include "sanitize.h"
#include "text-int.h"
#include "unichar.h"

/* c as UTF-8, NUL-terminated, in b (at least 8 bytes). */
static const char *
enc(ucs4_t c, char *b)
{
	int n = u8_uctomb((uint8_t *)b, c, 6);

	ck_assert_int_gt(n, 0);
	b[n] = '\0';
	return b;
}

START_TEST(table_sorted_and_named)
{
	size_t n;
	const struct unichar *t = unichar_table(&n);

	ck_assert_uint_gt(n, 20);
	for (size_t i = 0; i < n; i++) {
		ck_assert_uint_le(t[i].lo, t[i].hi);
		ck_assert_msg(i == 0 || t[i - 1].hi < t[i].lo, "U+%04X out of order", (unsigned)t[i].lo);
		ck_assert_uint_ne(t[i].kind, 0);
		ck_assert(t[i].name != NULL && t[i].name[0] != '\0' && strlen(t[i].name) <= 5);
		ck_assert_ptr_eq(unichar_find(t[i].lo), &t[i]);
		ck_assert_ptr_eq(unichar_find(t[i].hi), &t[i]);
	}
	ck_assert_ptr_null(unichar_find('a'));
	ck_assert_ptr_null(unichar_find(' '));
	ck_assert_ptr_null(unichar_find(0x3000));       /* ideographic space: white space, visible as such */
	ck_assert_ptr_null(unichar_find(0xFE0F));       /* variation selectors belong to the glyph before */
	ck_assert_str_eq(unichar_name(0x200B), "ZWSP");
	ck_assert_uint_eq(unichar_kind(0x202E), UNICHAR_BIDI_OVERRIDE);
	ck_assert(unichar_kind(0x2067) & UNICHAR_BIDI_CONTROL);
	ck_assert(unichar_kind(0x061C) & UNICHAR_BIDI_MARK);
	ck_assert(unichar_kind(0x200D) & UNICHAR_JOINER);
	ck_assert(unichar_kind(0x3164) & UNICHAR_WRITING);
}
END_TEST

/* Every entry is a format, line-separator or default-ignorable character (libunistring's view), none is printable space. */
START_TEST(table_is_invisible_by_unicode)
{
	size_t n;
	const struct unichar *t = unichar_table(&n);

	for (size_t i = 0; i < n; i++)
		for (ucs4_t c = t[i].lo; c <= t[i].hi; c++)
			ck_assert_msg(uc_is_property_default_ignorable_code_point(c) ||
			    uc_is_general_category(c, UC_CATEGORY_Cf) || uc_is_general_category(c, UC_CATEGORY_Zl) ||
			    uc_is_general_category(c, UC_CATEGORY_Zp) || uc_general_category(c).bitmask == UC_CATEGORY_Cn.bitmask,
			    "U+%04X is not invisible", (unsigned)c);
}
END_TEST

/* The other way round: every assigned default-ignorable format character is in the table. */
START_TEST(table_holds_every_ignorable_format_char)
{
	for (ucs4_t c = 0; c <= 0x10FFFF; c++) {
		if (c >= 0xD800 && c <= 0xDFFF)
			continue;
		if (uc_is_general_category(c, UC_CATEGORY_Cf) && uc_is_property_default_ignorable_code_point(c))
			ck_assert_msg(unichar_find(c) != NULL, "U+%04X missing from the table", (unsigned)c);
	}
}
END_TEST

/* The users agree: every character of the table is dropped by normtext, marked by sanitize, escaped by report and the evidence. */
START_TEST(users_agree)
{
	size_t n;
	const struct unichar *t = unichar_table(&n);

	for (size_t i = 0; i < n; i++)
		for (ucs4_t c = t[i].lo; c <= t[i].hi; c++) {
			char b[8], want[16], in[32], *got;

			enc(c, b);
			/* normtext drops it: "Pay<c>Pal" folds to "paypal" */
			ck_assert_msg(normtext_is_ignorable(c), "U+%04X kept by normtext", (unsigned)c);
			snprintf(in, sizeof in, "Pay%sPal", b);
			got = normtext_fold_str(in, true);
			ck_assert_str_eq(got, "paypal");
			free(got);
			/* sanitize marks it with the table's name */
			snprintf(want, sizeof want, "<%s>", t[i].name);
			got = sanitize_string(b, strlen(b), 0);
			ck_assert_str_eq(got, want);
			free(got);
			ck_assert_str_eq(sanitize_marker_name(c), t[i].name);
			/* report and the evidence excerpts escape it */
			snprintf(want, sizeof want, "<U+%04X>", (unsigned)c);
			got = report_clean(b, 0);
			ck_assert_str_eq(got, want);
			free(got);
			got = text_excerpt(b, strlen(b), 0);
			ck_assert_str_eq(got, want);
			free(got);
		}
}
END_TEST

/* What the table leaves alone, every user leaves alone. */
START_TEST(ordinary_text_passes)
{
	static const char *const plain[] = { "PayPal", "よろしく", "e\xcc\x81", "\xe2\x98\xba\xef\xb8\x8f" };

	for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++) {
		char *a = sanitize_string(plain[i], strlen(plain[i]), 0), *r = report_clean(plain[i], 0);

		ck_assert_ptr_null(strchr(a, '<'));
		ck_assert_str_eq(r, plain[i]);
		free(a);
		free(r);
	}
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("unichar");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		setlocale(LC_CTYPE, "en_US.UTF-8");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, table_sorted_and_named);
	tcase_add_test(tc, table_is_invisible_by_unicode);
	tcase_add_test(tc, table_holds_every_ignorable_format_char);
	tcase_add_test(tc, users_agree);
	tcase_add_test(tc, ordinary_text_passes);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
