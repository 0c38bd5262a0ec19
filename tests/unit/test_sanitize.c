/* test_sanitize.c — the one path from message bytes to the terminal: nothing that steers a terminal survives, everything invisible becomes visible. */
#include "config.h"

#include <check.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "sanitize.h"

/* s made safe (UTF-8 mode), compared with want. */
static void
assert_clean(const char *s, size_t len, const char *want)
{
	char *got = sanitize_string(s, len, 0);

	ck_assert_str_eq(got, want);
	free(got);
}

/* No byte of the output is ESC, C0 other than none, DEL or a C1 control encoded in UTF-8. */
static void
assert_inert(const char *out)
{
	const unsigned char *p = (const unsigned char *)out;

	for (; *p; p++) {
		ck_assert_msg(*p >= 0x20 && *p != 0x7F, "control byte 0x%02x in output", *p);
		if (p[0] == 0xC2)
			ck_assert_msg(p[1] < 0x80 || p[1] > 0x9F, "C1 control in output");
	}
}

START_TEST(c0_del_as_control_pictures)
{
	assert_clean("a\x01" "b", 3, "a\xe2\x90\x81" "b");               /* ␁ */
	assert_clean("\x1b[31mred", 8, "\xe2\x90\x9b[31mred");            /* ␛[31m */
	assert_clean("x\x7fy", 3, "x\xe2\x90\xa1y");                      /* ␡ */
	assert_clean("a\0b", 3, "a\xe2\x90\x80" "b");                     /* NUL is data too */
	assert_clean("\r\n", 2, "\xe2\x90\x8d\xe2\x90\x8a");
	assert_clean("a\tb", 3, "a b");
}
END_TEST

START_TEST(c1_and_invalid_utf8)
{
	assert_clean("\xc2\x9b" "31m", 5, "<U+009B>31m");                 /* 8-bit CSI */
	assert_clean("\xc2\x9d" "52;c;AA\xc2\x9c", 11, "<U+009D>52;c;AA<U+009C>");   /* 8-bit OSC ... ST */
	assert_clean("\x9b" "31m", 4, "\xef\xbf\xbd" "31m");              /* a lone C1 byte is not UTF-8 */
	assert_clean("\xff\xfe", 2, "\xef\xbf\xbd\xef\xbf\xbd");
	assert_clean("\xc0\xaf", 2, "\xef\xbf\xbd\xef\xbf\xbd");          /* overlong '/' */
	assert_clean("\xed\xa0\x80", 3, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");   /* surrogate */
	assert_clean("\xe3\x81", 2, "\xef\xbf\xbd\xef\xbf\xbd");          /* truncated あ */
	assert_clean("\xf4\x90\x80\x80", 4, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");   /* > U+10FFFF */
}
END_TEST

START_TEST(escape_sequences_never_pass)
{
	static const char *attacks[] = {
		"\x1b]52;c;ZWNobyBwd25lZA==\x07",          /* OSC 52: write the clipboard */
		"\x1b]8;;http://evil.example/\x1b\\click\x1b]8;;\x1b\\",   /* OSC 8 hyperlink */
		"\x1b]0;fake title\x07",                   /* window title */
		"\x1bP+q544e\x1b\\",                       /* DCS: terminfo query */
		"\x1b[2J\x1b[H",                           /* CSI: clear screen */
		"\x1b[6n",                                 /* CSI: cursor position report (answer injection) */
		"\xc2\x9b" "2J\xc2\x9d" "0;t\xc2\x9c",     /* the same in C1 form */
	};

	for (size_t i = 0; i < sizeof attacks / sizeof attacks[0]; i++) {
		char *out = sanitize_string(attacks[i], strlen(attacks[i]), 0);
		assert_inert(out);
		ck_assert_ptr_null(strchr(out, '\x1b'));
		free(out);
		out = sanitize_string(attacks[i], strlen(attacks[i]), SAN_ASCII);
		assert_inert(out);
		free(out);
	}
}
END_TEST

START_TEST(bidi_and_zero_width_markers)
{
	assert_clean("abc\xe2\x80\xae" "fdp.exe", 13, "abc<RLO>fdp.exe");
	assert_clean("\xe2\x80\xab", 3, "<RLE>");
	assert_clean("\xe2\x81\xa6x\xe2\x81\xa9", 7, "<LRI>x<PDI>");
	assert_clean("pay\xe2\x80\x8bpal", 9, "pay<ZWSP>pal");
	assert_clean("a\xe2\x80\x8d" "b", 5, "a<ZWJ>b");
	assert_clean("\xef\xbb\xbfhi", 5, "<BOM>hi");
	assert_clean("so\xc2\xad" "ft", 6, "so<SHY>ft");
	assert_clean("\xd8\x9c", 2, "<ALM>");
	assert_clean("\xf3\xa0\x80\x81", 4, "<TAG>");                    /* U+E0001 language tag */
	assert_clean("\xe1\xa0\x8b\xe1\xa0\x8e\xe1\xa0\x8f", 9, "<FVS><MVS><FVS>");   /* Mongolian selectors (the unichar table) */
	assert_clean("\xf0\x9b\xb2\xa0", 4, "<SFC>");                    /* U+1BCA0 shorthand format control */
	ck_assert_str_eq(sanitize_marker_name(0x202E), "RLO");
	ck_assert_ptr_null(sanitize_marker_name('a'));
}
END_TEST

START_TEST(text_passes_with_widths)
{
	struct san_cell c;
	const char *ja = "よろしく";

	assert_clean("Hello, 世界", strlen("Hello, 世界"), "Hello, 世界");
	ck_assert_int_eq(sanitize_width(ja, strlen(ja), 0), 8);          /* four wide characters */
	ck_assert_int_eq(sanitize_width("abc", 3, 0), 3);
	sanitize_next(ja, strlen(ja), 0, 0, &c);
	ck_assert_int_eq(c.width, 2);
	ck_assert_int_eq((int)c.len, 3);
	ck_assert_int_eq(c.kind, SAN_TEXT);
	sanitize_next("\xe2\x80\xae", 3, 0, 0, &c);
	ck_assert_int_eq(c.kind, SAN_MARKER);
	ck_assert_int_eq(c.width, 5);                                      /* "<RLO>" */
	sanitize_next("e\xcc\x81", 3, 1, 0, &c);                           /* combining acute */
	ck_assert_int_eq(c.width, 0);
	sanitize_next("\t", 1, 0, SAN_TAB, &c);
	ck_assert_int_eq(c.text[0], L'\t');
}
END_TEST

START_TEST(ascii_terminal)
{
	char *out = sanitize_string("\x1b[1m\xe2\x80\xae\xff", 8, SAN_ASCII);

	ck_assert_str_eq(out, "^[[1m<RLO>?");
	free(out);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("sanitize");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		setlocale(LC_CTYPE, "en_US.UTF-8");
	tcase_add_test(tc, c0_del_as_control_pictures);
	tcase_add_test(tc, c1_and_invalid_utf8);
	tcase_add_test(tc, escape_sequences_never_pass);
	tcase_add_test(tc, bidi_and_zero_width_markers);
	tcase_add_test(tc, text_passes_with_widths);
	tcase_add_test(tc, ascii_terminal);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
