/* test_keymap.c — keymaps are data: key names, the shipped files, and bad lines reported with file and line while the rest loads. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "keymap.h"

#ifndef KEYMAP_DIR
#error KEYMAP_DIR
#endif

START_TEST(key_names)
{
	ck_assert_int_eq(key_parse("j"), 'j');
	ck_assert_int_eq(key_parse("C-n"), 14);
	ck_assert_int_eq(key_parse("M-v"), KEYC_META + 'v');
	ck_assert_int_eq(key_parse("Enter"), '\n');
	ck_assert_int_eq(key_parse("Down"), KEYC_CURSES + KEY_DOWN);
	ck_assert_int_eq(key_parse("F1"), KEYC_CURSES + KEY_F(1));
	ck_assert_int_eq(key_parse("Hash"), '#');
	ck_assert_int_eq(key_parse("ん"), 0x3093);
	/* UTF-8 both ways through libunistring: two, three and four bytes; overlong, surrogate and truncated forms refused */
	ck_assert_int_eq(key_parse("é"), 0xE9);
	ck_assert_int_eq(key_parse("M-ü"), KEYC_META + 0xFC);
	ck_assert_int_eq(key_parse("\xf0\x9f\x94\x92"), 0x1F512);
	ck_assert_int_eq(key_parse("\xe0\x80\xaf"), -1);
	ck_assert_int_eq(key_parse("\xed\xa0\x80"), -1);
	ck_assert_int_eq(key_parse("\xe3\x82"), -1);
	ck_assert_str_eq(key_name(0x3093), "ん");
	ck_assert_str_eq(key_name(KEYC_META + 0xE9), "M-é");
	ck_assert_str_eq(key_name(0x1F512), "\xf0\x9f\x94\x92");
	/* two printable keys in turn are a sequence ("gg"); three, or with M-, are not keys */
	ck_assert_int_eq(key_parse("gg"), KEYC_SEQ_OF('g', 'g'));
	ck_assert_int_eq(key_parse("ZZ"), KEYC_SEQ_OF('Z', 'Z'));
	ck_assert_str_eq(key_name(key_parse("gg")), "gg");
	ck_assert_int_eq(key_parse("ggg"), -1);
	ck_assert_int_eq(key_parse("M-gg"), -1);
	ck_assert_int_eq(key_parse("g "), -1);
	ck_assert_int_eq(key_parse("Up"), KEYC_CURSES + KEY_UP);   /* a name, not a sequence */
	ck_assert_int_eq(key_parse("C-"), -1);
	ck_assert_str_eq(key_name(key_parse("C-n")), "C-n");
	ck_assert_str_eq(key_name(key_parse("PageDown")), "PageDown");
	ck_assert_str_eq(key_name(key_parse("M-<")), "M-<");
	ck_assert_int_eq(action_from_name("copy-defanged-url"), A_COPY_DEFANGED_URL);
	ck_assert_int_eq(action_from_name("no-such-action"), -1);
	ck_assert_str_eq(action_name(A_NEXT_MESSAGE), "next-message");
}
END_TEST

START_TEST(shipped_keymaps_load_cleanly)
{
	static const char *names[] = { "default", "vi", "emacs" };

	for (size_t i = 0; i < 3; i++) {
		char path[1024], *err = NULL;
		snprintf(path, sizeof path, "%s/%s.keys", KEYMAP_DIR, names[i]);
		keymap_clear();
		ck_assert_int_eq(keymap_load(path, &err), 0);
		ck_assert_msg(err == NULL, "%s: %s", names[i], err);
		ck_assert_int_eq(keymap_lookup(CTX_INDEX, 'J'), i == 1 ? A_NEXT_MESSAGE : A_MOVE_TO_JUNK);
		ck_assert_int_eq(keymap_lookup(CTX_MESSAGE, 'r'), A_OPEN_RECEIVED);   /* from global */
		ck_assert_int_eq(keymap_lookup(CTX_RECEIVED, 'b'), A_SET_ORIGIN);
		ck_assert_int_eq(keymap_lookup(CTX_LIST, 'b'), A_NONE);
		/* vi: gg is a two-key binding (g waits for the next key), G the last */
		ck_assert(keymap_is_prefix(CTX_INDEX, 'g') == (i == 1));
		ck_assert(!keymap_is_prefix(CTX_INDEX, 'j'));
		ck_assert_int_eq(keymap_lookup(CTX_LIST, KEYC_SEQ_OF('g', 'g')), i == 1 ? A_FIRST : A_NONE);
		if (i == 1)
			ck_assert_int_eq(keymap_lookup(CTX_INDEX, 'G'), A_LAST);
	}
	ck_assert_int_eq(keymap_lookup(CTX_INDEX, KEYC_META + 'n'), A_NEXT_MESSAGE);   /* emacs */
}
END_TEST

START_TEST(bad_lines_reported_rest_loads)
{
	char path[] = "/tmp/kensa-keys-XXXXXX", *err = NULL;
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");

	ck_assert_ptr_nonnull(f);
	fputs("# my keys\n"
	    "bind x quit\n"
	    "bind x no-such-action\n"      /* line 3 */
	    "bind NoSuchKey help\n"        /* line 4 */
	    "frobnicate\n"                 /* line 5 */
	    "bind nowhere z help\n"        /* line 6 */
	    "bind index z sort-risk   # trailing comment\n"
	    "bind Hash help\n"
	    "include missing-one\n"        /* line 9 */
	    "unbind j\n", f);
	fclose(f);
	keymap_clear();
	ck_assert_int_eq(keymap_load("/nonexistent/kensa.keys", &err), -1);
	keymap_clear();
	ck_assert_int_eq(keymap_load(path, &err), 0);
	ck_assert_ptr_nonnull(err);
	{
		char want[1100];
		int lines[] = { 3, 4, 5, 6, 9 };
		for (size_t i = 0; i < 5; i++) {
			snprintf(want, sizeof want, "%s:%d: ", path, lines[i]);
			ck_assert_msg(strstr(err, want) != NULL, "no error for line %d in: %s", lines[i], err);
		}
		ck_assert_ptr_null(strstr(err, ":7:"));
	}
	ck_assert_int_eq(keymap_lookup(CTX_GLOBAL, 'x'), A_QUIT);
	ck_assert_int_eq(keymap_lookup(CTX_INDEX, 'z'), A_SORT_RISK);
	ck_assert_int_eq(keymap_lookup(CTX_MESSAGE, '#'), A_HELP);
	free(err);
	remove(path);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("keymap");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, key_names);
	tcase_add_test(tc, shipped_keymaps_load_cleanly);
	tcase_add_test(tc, bad_lines_reported_rest_loads);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	keymap_clear();
	return failed == 0 ? 0 : 1;
}
