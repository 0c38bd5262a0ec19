/* text-ja.c — TEXT_FOREIGN_GLYPH: Han characters a Japanese writer would not type (simplified Chinese forms). */
#include "config.h"

#include <iconv.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unistr.h>

#include "findings.h"
#include "i18n.h"
#include "text-int.h"
#include "util.h"

/* Han code points in JIS X 0213 or CP932: 0 unknown, 1 yes, 2 no (BMP cached). */
static uint8_t jis_cache[0x10000];
static iconv_t cd_jisx = (iconv_t)-1, cd_cp932 = (iconv_t)-1;
static bool cd_tried, cd_ok;
static pthread_mutex_t cd_lock = PTHREAD_MUTEX_INITIALIZER;   /* iconv descriptors are not shared safely */

static bool
iconv_can(iconv_t cd, ucs4_t c)
{
	uint8_t in[6];
	char out[16], *ip = (char *)in, *op = out;
	size_t il, ol = sizeof out;
	int k = u8_uctomb(in, c, sizeof in);

	if (k <= 0)
		return false;
	il = (size_t)k;
	iconv(cd, NULL, NULL, NULL, NULL);
	return iconv(cd, &ip, &il, &op, &ol) != (size_t)-1 && il == 0;
}

/* -1: cannot tell (no iconv converters), 1: Japanese, 0: foreign. */
static int
han_is_japanese(ucs4_t c)
{
	bool ok;

	if (c >= 0x10000)
		return 1;   /* Extension B and beyond: rare names (𠮷), never the simplified forms */
	{
		uint8_t v = __atomic_load_n(&jis_cache[c], __ATOMIC_RELAXED);

		if (v != 0)
			return v == 1;
	}
	pthread_mutex_lock(&cd_lock);
	if (!cd_tried) {
		cd_tried = true;
		cd_jisx = iconv_open("EUC-JISX0213", "UTF-8");
		cd_cp932 = iconv_open("CP932", "UTF-8");
		cd_ok = cd_jisx != (iconv_t)-1 || cd_cp932 != (iconv_t)-1;
	}
	if (!cd_ok) {
		pthread_mutex_unlock(&cd_lock);
		return -1;
	}
	ok = (cd_jisx != (iconv_t)-1 && iconv_can(cd_jisx, c)) ||
	    (cd_cp932 != (iconv_t)-1 && iconv_can(cd_cp932, c));
	pthread_mutex_unlock(&cd_lock);
	__atomic_store_n(&jis_cache[c], ok ? 1 : 2, __ATOMIC_RELAXED);
	return ok;
}

static bool
is_han(ucs4_t c)
{
	const uc_script_t *sc;

	if (c < 0x2e80)
		return false;
	if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf))
		return true;
	sc = uc_script(c);
	return sc != NULL && strcmp(sc->name, "Han") == 0;
}

/* Kana and Han counts of a field: "mostly Japanese" is some kana and not too few of them. */
bool
text_looks_japanese(const char *s, size_t len)
{
	size_t kana = 0, han = 0;

	for (size_t i = 0; i < len;) {
		ucs4_t c;

		if ((unsigned char)s[i] < 0xe3) {   /* below U+3000 */
			i++;
			continue;
		}
		i += (size_t)next_cp(s, len, i, &c);
		if (c < 0x3000)
			continue;
		if (is_kana(c) && c != 0x30fc && c != 0x30fb)
			kana++;
		else if (is_han(c))
			han++;
	}
	return kana >= 2 && kana * 5 >= han;
}

void
text_glyph_check(const char *s, size_t len, const char *where, long base, struct findings *fs)
{
	size_t emitted = 0;

	for (size_t i = 0; i < len && emitted < MAX_PER_FIELD;) {
		size_t ws = i, we, nforeign = 0;
		struct buf list;
		ucs4_t c;
		int k = next_cp(s, len, i, &c);

		if (!is_han(c)) {
			i += (size_t)k;
			continue;
		}
		/* one run of Han characters */
		buf_init(&list);
		while (i < len) {
			int r;

			k = next_cp(s, len, i, &c);
			if (!is_han(c))
				break;
			if ((r = han_is_japanese(c)) == 0) {
				if (nforeign++ < 8) {
					if (list.len > 0)
						buf_adds(&list, ", ");
					buf_add(&list, s + i, (size_t)k);
					buf_addf(&list, " U+%04X", (unsigned)c);
				}
			} else if (r < 0) {
				buf_free(&list);
				return;
			}
			i += (size_t)k;
		}
		we = i;
		if (nforeign > 0) {
			char *q = text_excerpt(s + ws, we - ws, EXCERPT_COLS);

			finding_add(fs, F_TEXT_FOREIGN_GLYPH, -1, where, base + (long)ws, base + (long)we,
			    _("\"%s\": %s not in the Japanese character sets (JIS X 0213, CP932)"), q, list.s);
			free(q);
			emitted++;
		}
		buf_free(&list);
	}
}
