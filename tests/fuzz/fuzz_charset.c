/* fuzz_charset.c — libFuzzer harness for charset conversion, detection and header decoding. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "charset.h"
#include "message.h"

static const char *const labels[] = {
	NULL, "utf-8", "us-ascii", "iso-2022-jp", "shift_jis", "euc-jp", "utf-7",
	"windows-1252", "windows-1251", "iso-8859-1", "iso-8859-2", "gb2312", "big5",
	"euc-kr", "koi8-r", "koi8-u", "x-unknown", "iso-2022-jp-2", "iso-2022-jp-3",
	"cp932", "gb18030", "utf-16", "iso-8859-15", "tis-620",
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *label, *used;
	char *u, *s;
	size_t len;

	if (size == 0)
		return 0;
	label = labels[data[0] % (sizeof labels / sizeof labels[0])];
	u = charset_to_utf8((const char *)data + 1, size - 1, label, &len, &used);
	if (strlen(u) != len || u8_check((const uint8_t *)u, len) != NULL || used == NULL)
		abort();
	free(u);
	(void)charset_detect((const char *)data + 1, size - 1);
	(void)charset_canonical(label);

	s = malloc(size);
	if (s == NULL)
		return 0;
	memcpy(s, data + 1, size - 1);
	s[size - 1] = '\0';
	message_init();
	u = message_decode_header(s);
	if (u8_check((const uint8_t *)u, strlen(u)) != NULL)
		abort();
	free(u);
	free(s);
	return 0;
}
