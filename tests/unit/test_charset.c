/* test_charset.c — every mail charset to UTF-8, wrong and missing labels, broken bytes. */
#include "config.h"

#include <check.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "charset.h"

static char *out;
static const char *used;

/* Encode UTF-8 text into charset cs with iconv (the test's own inputs). */
static char *
enc(const char *utf8, const char *cs, size_t *len)
{
	iconv_t cd = iconv_open(cs, "UTF-8");
	char *in = (char *)utf8, *buf, *o;
	size_t inleft = strlen(utf8), oleft = inleft * 4 + 16;

	ck_assert_msg(cd != (iconv_t)-1, "iconv has no %s", cs);
	buf = o = malloc(oleft);
	ck_assert(iconv(cd, &in, &inleft, &o, &oleft) != (size_t)-1);
	iconv(cd, NULL, NULL, &o, &oleft);
	iconv_close(cd);
	*len = (size_t)(o - buf);
	return buf;
}

static const char *
conv(const char *bytes, size_t len, const char *label)
{
	size_t olen;

	free(out);
	out = charset_to_utf8(bytes, len, label, &olen, &used);
	ck_assert_uint_eq(strlen(out), olen);
	ck_assert_ptr_null(u8_check((const uint8_t *)out, olen));
	return out;
}

/* Round trip: UTF-8 -> cs (iconv) -> UTF-8 (ours) under the given label. */
static void
round_trip(const char *text, const char *cs, const char *label)
{
	size_t len;
	char *b = enc(text, cs, &len);

	ck_assert_str_eq(conv(b, len, label), text);
	free(b);
}

START_TEST(iso2022jp_cp50220)
{
	/* ① (NEC row 13 2D21), ㈱ (2D6A), ㍉ (2D40): glibc ISO-2022-JP rejects all three */
	const char s[] = "\x1b$B-!-j-@%F%9%H\x1b(B ok";

	ck_assert_str_eq(conv(s, sizeof s - 1, "ISO-2022-JP"), "①㈱㍉テスト ok");
	ck_assert_str_eq(used, "ISO-2022-JP");
	/* ESC $ @ (JIS C 6226-1978) and ESC ( J (JIS Roman) */
	ck_assert_str_eq(conv("\x1b$@$\"\x1b(Jx", 9, "iso-2022-jp"), "あx");
}
END_TEST

START_TEST(iso2022jp_halfwidth_katakana)
{
	/* ESC ( I, and the SO/SI form of CP50221 */
	ck_assert_str_eq(conv("\x1b(I12\x1b(Bab", 10, "iso-2022-jp"), "ｱｲab");
	ck_assert_str_eq(conv("a\x0e" "12\x0f" "b", 6, "csISO2022JP"), "aｱｲb");
	/* 8-bit JIS8 katakana (CP50222) */
	ck_assert_str_eq(conv("\x1b$B$\"\x1b(B\xb1", 9, "iso-2022-jp"), "あｱ");
}
END_TEST

START_TEST(iso2022jp_truncated_escapes)
{
	/* an escape cut short, half a character, an unknown escape: U+FFFD, never a hang */
	ck_assert_str_eq(conv("ab\x1b$", 4, "iso-2022-jp"), "ab\xef\xbf\xbd$");
	ck_assert_str_eq(conv("\x1b$B$", 4, "iso-2022-jp"), "\xef\xbf\xbd");
	ck_assert_str_eq(conv("\x1b", 1, "iso-2022-jp"), "\xef\xbf\xbd");
	ck_assert_str_eq(conv("\x1bZx", 3, "iso-2022-jp"), "\xef\xbf\xbdZx");
}
END_TEST

START_TEST(shift_jis_cp932)
{
	round_trip("日本語のテキスト", "SHIFT_JIS", "Shift_JIS");
	ck_assert_str_eq(used, "CP932");
	/* NEC row 13 (①㈱) and an IBM extension (纊) are CP932 only */
	ck_assert_str_eq(conv("\x87\x40\x87\x8a\xfa\x5c", 6, "shift_jis"), "①㈱纊");
	ck_assert_str_eq(conv("\x87\x40", 2, "x-sjis"), "①");
	ck_assert_str_eq(conv("\x82\xa0", 2, "windows-31j"), "あ");
}
END_TEST

START_TEST(euc_jp)
{
	round_trip("お支払い方法を更新", "EUC-JP", "EUC-JP");
	ck_assert_str_eq(used, "EUC-JP-MS");
	/* NEC row 13 in EUC-JP-MS */
	ck_assert_str_eq(conv("\xad\xa1\xad\xea", 4, "euc-jp"), "①㈱");
}
END_TEST

START_TEST(utf7)
{
	ck_assert_str_eq(conv("Hi +ZeVnLIqe-!", 14, "UTF-7"), "Hi 日本語!");
}
END_TEST

START_TEST(windows_codepages)
{
	ck_assert_str_eq(conv("\x80 \x93quoted\x94", 10, "windows-1252"), "€ “quoted”");
	ck_assert_str_eq(conv("\xcf\xf0\xe8\xe2\xe5\xf2", 6, "windows-1251"), "Привет");
	ck_assert_str_eq(conv("\xcf\xf0\xe8", 3, "cp1251"), "При");
	ck_assert_str_eq(conv("\xf0\xd2\xc9", 3, "koi8-r"), "При");
}
END_TEST

START_TEST(iso8859)
{
	ck_assert_str_eq(conv("caf\xe9 na\xefve", 10, "ISO-8859-1"), "café naïve");
	ck_assert_str_eq(conv("\xa4", 1, "iso-8859-15"), "€");
	ck_assert_str_eq(conv("\xb1", 1, "iso-8859-2"), "ą");
}
END_TEST

START_TEST(chinese_korean)
{
	round_trip("你好世界", "GB2312", "gb2312");
	ck_assert_str_eq(used, "GB18030");
	round_trip("你好", "BIG5", "big5");
	round_trip("안녕하세요", "EUC-KR", "euc-kr");
	round_trip("안녕하세요", "EUC-KR", "ks_c_5601-1987");
}
END_TEST

START_TEST(wrong_labels)
{
	size_t len;
	char *b;

	/* UTF-8 labelled Latin-1 is UTF-8: Latin-1 text is almost never valid UTF-8 */
	ck_assert_str_eq(conv("こんにちは", strlen("こんにちは"), "iso-8859-1"), "こんにちは");
	ck_assert_str_eq(used, "UTF-8");
	/* Shift_JIS labelled us-ascii is Japanese */
	b = enc("お客様のアカウント", "CP932", &len);
	ck_assert_str_eq(conv(b, len, "us-ascii"), "お客様のアカウント");
	ck_assert_str_eq(used, "CP932");
	free(b);
	/* EUC-JP labelled iso-8859-1 */
	b = enc("お客様のアカウント", "EUC-JP", &len);
	ck_assert_str_eq(conv(b, len, "iso-8859-1"), "お客様のアカウント");
	free(b);
	/* "ISO-2022-JP" on 8-bit Shift_JIS (old Japanese webmail) */
	b = enc("ご確認ください", "CP932", &len);
	ck_assert_str_eq(conv(b, len, "iso-2022-jp"), "ご確認ください");
	free(b);
	/* Latin-1 really Latin-1 stays so */
	ck_assert_str_eq(conv("Gr\xfc\xdf" "e", 5, "iso-8859-1"), "Grüße");
}
END_TEST

START_TEST(missing_label_detection)
{
	size_t len;
	char *b;

	ck_assert_str_eq(charset_detect("plain", 5), "US-ASCII");
	ck_assert_str_eq(charset_detect("\x1b$B$\"\x1b(B", 8), "ISO-2022-JP");
	ck_assert_str_eq(charset_detect("日本", strlen("日本")), "UTF-8");
	b = enc("ログインしてください", "CP932", &len);
	ck_assert_str_eq(charset_detect(b, len), "CP932");
	ck_assert_str_eq(conv(b, len, NULL), "ログインしてください");
	free(b);
	b = enc("ログインしてください", "EUC-JP", &len);
	ck_assert_str_eq(charset_detect(b, len), "EUC-JP");
	ck_assert_str_eq(conv(b, len, "x-unknown-label"), "ログインしてください");
	free(b);
	ck_assert_str_eq(charset_detect("caf\xe9", 4), "WINDOWS-1252");
	ck_assert_str_eq(conv("\x1b$B$\"\x1b(B", 8, NULL), "あ");
}
END_TEST

START_TEST(invalid_bytes)
{
	/* invalid sequences become U+FFFD and conversion goes on */
	ck_assert_str_eq(conv("a\xff" "b", 3, "utf-8"), "a\xef\xbf\xbd" "b");
	ck_assert_str_eq(conv("\x82\xa0\x82", 3, "shift_jis"), "あ\xef\xbf\xbd");
	ck_assert_str_eq(conv("\xa4\xa2\xff\xa4\xa4", 5, "euc-jp"), "あ\xef\xbf\xbdい");
	ck_assert_str_eq(conv("x\xff\xfe", 3, "gb2312"), "x\xef\xbf\xbd\xef\xbf\xbd");
	/* NUL would cut the C string: replaced */
	ck_assert_str_eq(conv("a\0b", 3, "utf-8"), "a\xef\xbf\xbd" "b");
	ck_assert_str_eq(conv(NULL, 0, "utf-8"), "");
	conv("+AAA", 4, "utf-7");   /* a truncated UTF-7 run: valid output, no hang */
}
END_TEST

START_TEST(canonical_names)
{
	ck_assert_str_eq(charset_canonical("x-sjis"), "CP932");
	ck_assert_str_eq(charset_canonical("\"Shift_JIS\""), "CP932");
	ck_assert_str_eq(charset_canonical("iso-2022-jp"), "ISO-2022-JP");
	ck_assert_str_eq(charset_canonical("EUC-JP"), "EUC-JP-MS");
	ck_assert_str_eq(charset_canonical("windows-1251"), "WINDOWS-1251");
	ck_assert_str_eq(charset_canonical("utf-8*ja"), "UTF-8");
	ck_assert_str_eq(charset_canonical("GB2312"), "GB18030");
	ck_assert_ptr_null(charset_canonical("x-made-up"));
	ck_assert_ptr_null(charset_canonical(NULL));
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("charset");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, iso2022jp_cp50220);
	tcase_add_test(tc, iso2022jp_halfwidth_katakana);
	tcase_add_test(tc, iso2022jp_truncated_escapes);
	tcase_add_test(tc, shift_jis_cp932);
	tcase_add_test(tc, euc_jp);
	tcase_add_test(tc, utf7);
	tcase_add_test(tc, windows_codepages);
	tcase_add_test(tc, iso8859);
	tcase_add_test(tc, chinese_korean);
	tcase_add_test(tc, wrong_labels);
	tcase_add_test(tc, missing_label_detection);
	tcase_add_test(tc, invalid_bytes);
	tcase_add_test(tc, canonical_names);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	free(out);
	return failed == 0 ? 0 : 1;
}
