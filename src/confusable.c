/* confusable.c — UTS #39 skeletons: the table of look-alike characters and the mapping. */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <uninorm.h>
#include <unistr.h>

#include "conffile.h"
#include "confusable.h"
#include "util.h"

struct pair {
	ucs4_t from;
	ucs4_t to[4];
	int nto;
};

static struct pair *table;
static size_t ntable;
static bool loaded;

static int
cmp_pair(const void *a, const void *b)
{
	ucs4_t x = ((const struct pair *)a)->from, y = ((const struct pair *)b)->from;

	return x < y ? -1 : x > y;
}

int
confusable_load(const char *path, char **cause)
{
	struct conffile *cf = conffile_open(path, 0, cause);
	struct conffile_line l;
	struct pair *v = NULL;
	size_t n = 0, cap = 0;

	loaded = true;
	if (cf == NULL)
		return -1;
	while (conffile_next(cf, &l)) {
		struct pair p;
		char *s = l.text, *e;
		unsigned long cp;

		memset(&p, 0, sizeof p);
		cp = strtoul(s, &e, 16);
		if (e == s || cp > 0x10FFFF || (s = strchr(e, ';')) == NULL) {
			conffile_error(cf, "expected \"XXXX ; YYYY\"");
			continue;
		}
		p.from = (ucs4_t)cp;
		s++;
		for (;;) {
			cp = strtoul(s, &e, 16);
			if (e == s)
				break;
			if (p.nto < 4 && cp <= 0x10FFFF)
				p.to[p.nto++] = (ucs4_t)cp;
			s = e;
		}
		if (p.nto == 0) {
			conffile_error(cf, "no prototype");
			continue;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 8192;
			v = xreallocarray(v, cap, sizeof *v);
		}
		v[n++] = p;
	}
	if (n > 1)   /* qsort(NULL, 0, ...) is undefined */
		qsort(v, n, sizeof *v, cmp_pair);
	free(table);
	table = v;
	ntable = n;
	return conffile_close(cf, cause);
}

static const struct pair *
lookup(ucs4_t c)
{
	struct pair key;

	key.from = c;
	return ntable ? bsearch(&key, table, ntable, sizeof *table, cmp_pair) : NULL;
}

static uint8_t *
nfd(const uint8_t *s, size_t n, size_t *outn)
{
	uint8_t *r = u8_normalize(UNINORM_NFD, s, n, NULL, outn);

	if (r == NULL) {
		r = xmalloc(n + 1);
		memcpy(r, s, n);
		*outn = n;
	}
	return r;
}

static pthread_once_t default_once = PTHREAD_ONCE_INIT;

static char *default_error;   /* why the shipped table did not load, for confusable_load_default() */

/* The shipped table, once, unless a table was loaded explicitly before. */
static void
default_load(void)
{
	char *path;

	if (loaded)
		return;
	path = util_data_path("confusables.txt");
	confusable_load(path, &default_error);
	free(path);
}

int
confusable_load_default(char **cause)
{
	pthread_once(&default_once, default_load);
	*cause = default_error != NULL ? xstrdup(default_error) : NULL;
	return default_error != NULL ? -1 : 0;
}

/* Each character of n bytes replaced by its prototype. Returns a NUL-terminated string, *outn its length. */
static uint8_t *
map_chars(const uint8_t *s, size_t n, size_t *outn)
{
	struct buf out;
	const uint8_t *p, *end;

	buf_init(&out);
	buf_add(&out, "", 0);
	for (p = s, end = s + n; p < end;) {
		ucs4_t c;
		int k = u8_mbtouc(&c, p, (size_t)(end - p));
		const struct pair *m;

		if (k <= 0)
			k = 1;
		if ((m = lookup(c)) != NULL) {
			for (int i = 0; i < m->nto; i++) {
				uint8_t tmp[6];
				int l = u8_uctomb(tmp, m->to[i], sizeof tmp);

				if (l > 0)
					buf_add(&out, (const char *)tmp, (size_t)l);
			}
		} else
			buf_add(&out, (const char *)p, (size_t)k);
		p += k;
	}
	*outn = out.len;
	return (uint8_t *)buf_take(&out);
}

char *
confusable_skeleton(const char *s)
{
	size_t n, n2;
	uint8_t *a, *b;
	char *low;

	pthread_once(&default_once, default_load);
	/* Host names are case-insensitive ASCII; compatibility forms (full-width) decompose under NFKD. */
	low = xstrdup(s);
	ascii_lower(low);
	a = u8_normalize(UNINORM_NFKD, (const uint8_t *)low, strlen(low), NULL, &n);
	if (a == NULL) {
		a = (uint8_t *)low;
		n = strlen(low);
	} else
		free(low);
	b = map_chars(a, n, &n2);
	free(a);
	/* Prototypes can be upper case ("0" -> "O", "I" -> "l"): fold, map again, NFD. */
	a = u8_casefold(b, n2, NULL, NULL, NULL, &n);
	free(b);
	if (a == NULL)
		return xstrdup("");
	b = map_chars(a, n, &n2);
	free(a);
	a = nfd(b, n2, &n);
	free(b);
	low = xmalloc(n + 1);
	memcpy(low, a, n);
	low[n] = '\0';
	free(a);
	return low;
}
