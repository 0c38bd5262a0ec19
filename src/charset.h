/* charset.h — bytes in any charset mail uses, to valid UTF-8. */
#ifndef KENSA_CHARSET_H
#define KENSA_CHARSET_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Convert len bytes labelled charset (may be NULL or wrong) to UTF-8.
 * Handles ISO-2022-JP with the CP50220/CP50221 extensions (NEC row 13:
 * ①, ㈱, ㍉; half-width katakana), Shift_JIS/CP932, EUC-JP, UTF-7, the
 * Windows code pages, ISO-8859-*, GB2312/GBK/GB18030, Big5, EUC-KR, KOI8.
 * Unknown or missing labels and wrong labels are handled by detection
 * (valid UTF-8, ISO-2022 escapes, then Japanese legacy encodings, then
 * windows-1252). Never fails: undecodable bytes become U+FFFD. The result
 * is NUL-terminated valid UTF-8; *outlen gets its length (may be NULL).
 * *used (may be NULL) receives the name of the charset actually used
 * (static string). Caller frees the result.
 */
char *charset_to_utf8(const char *bytes, size_t len, const char *charset,
    size_t *outlen, const char **used);

/* Canonical iconv name for a MIME charset label ("x-sjis" -> "CP932", "iso-2022-jp" -> "ISO-2022-JP"); static string. */
const char *charset_canonical(const char *label);

/* Guess the charset of unlabelled bytes: "UTF-8", "ISO-2022-JP", "CP932", "EUC-JP", "US-ASCII" or "WINDOWS-1252". */
const char *charset_detect(const char *bytes, size_t len);

#endif
