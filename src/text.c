/* text.c — what the words say: machine-translation typos, foreign glyphs, mixed scripts, urgency wording, hidden characters. */
#include "config.h"

#include <errno.h>
#include <iconv.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <unictype.h>
#include <unigbrk.h>
#include <uniname.h>
#include <uninorm.h>
#include <unistr.h>
#include <uniwbrk.h>
#include <uniwidth.h>

#include "address.h"
#include "conffile.h"
#include "findings.h"
#include "i18n.h"
#include "message.h"
#include "text.h"
#include "util.h"

#define MAX_PER_FIELD   10        /* findings of one id in one field */
#define EXCERPT_COLS    60        /* display columns of text quoted in evidence */
#define WINDOW          4096      /* code points of text per candidate pass */
#define INF             (1 << 28)
#define WH_MAX          48        /* longest word of the word index */

/*
 * The match stream: a field NFKC-normalised per grapheme cluster and
 * lower-cased, white space runs squeezed to one space (dropped between two
 * wide characters: Japanese wrapped across lines), default-ignorable code
 * points dropped. Every code point keeps the byte span of the cluster it came
 * from, so a match maps back to the original bytes.
 */
#define NS_WINDOW (256u << 10)   /* bytes of text matched at once */

struct nstream {
	ucs4_t *c;
	uint32_t *from, *to;
	size_t n, cap;
};

struct phrase {
	ucs4_t *c;          /* normalised */
	size_t len;
	char *text;         /* as written in the list */
	char *kind;         /* urgency: "deadline", "threat", ...; NULL */
	int threshold;      /* tenths of an edit; 0: exact matches only */
	bool allow_only;    /* "!word": known good, never suggested */
	bool context;       /* "~word": phishing's vocabulary: a near miss counts only inside a phishing phrase, or by look-alikes */
	bool phish;         /* "=words": a phishing phrase, matched word by word around a near miss of a "~" word */
	bool latin_start, latin_end, kata_start, kata_end;
	bool word;          /* Latin letters and digits only: matched through the word index */
};

struct posting {
	uint64_t key;       /* folded bigram */
	uint32_t phrase;
	uint32_t off;
};

/* Postings sorted by key, and an open-addressing hash: key -> first posting index + 1. */
struct index {
	struct posting *post; size_t npost;
	size_t *slot; size_t nslot;
};

struct plist {
	struct phrase *v;
	size_t n, cap;
};

/* The lists are loaded once and then only read; scan runs text_check() from several threads. */
static pthread_mutex_t lists_lock = PTHREAD_MUTEX_INITIALIZER;
static struct {
	bool loaded;
	char *error;                     /* why a list could not be read, repeated to every caller */
	struct plist phrases, urgency;
	struct index gen, lat;           /* bigram index of non-Latin phrases; (bigram, offset) index of Latin phrases with spaces or punctuation */
	struct index words;              /* one-word Latin phrases and their one-deletion variants (off 0: the word, j+1: without letter j) */
	uint8_t latbits[8192];
	uint8_t genbits[8192];           /* the same for the Japanese phrases */
	uint8_t urgbits[8192];           /* bloom bits of the urgency patterns' first two code points */           /* bloom bits of the Latin phrases' bigrams: most text bigrams are in none */
	size_t *ufirst; size_t nufirst; /* urgency: hash on first code point -> pattern index + 1 (chained via unext) */
	size_t *unext;
	uint32_t *phish; size_t nphish; /* indexes of the "=phrase" entries */
} lists;

/* ---------------------------------------------------------------- helpers */

static bool
is_hira(ucs4_t c)
{
	return c >= 0x3041 && c <= 0x309f;
}

static bool
is_kata(ucs4_t c)
{
	return (c >= 0x30a1 && c <= 0x30fa) || (c >= 0x31f0 && c <= 0x31ff);
}

/* Kana that can be dropped or doubled cheaply (not the long-vowel mark: サーバ/サーバー is house style). */
static bool
is_kana(ucs4_t c)
{
	return is_hira(c) || is_kata(c);
}

static bool
is_latin_letter(ucs4_t c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	return uc_is_alpha(c) && uc_script(c) != NULL && strcmp(uc_script(c)->name, "Latin") == 0;
}

static bool
is_word_char(ucs4_t c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
	return uc_is_alnum(c);
}

static bool
is_bidi_control(ucs4_t c)
{
	return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

static bool
is_bidi_mark(ucs4_t c)
{
	return c == 0x200e || c == 0x200f || c == 0x061c;
}

static bool
is_space(ucs4_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
	    c == 0xa0 || c == 0x3000 || (c >= 0x2000 && c <= 0x200a) || c == 0x202f ||
	    c == 0x205f || c == 0x1680 || c == 0x85 || c == 0x2028 || c == 0x2029;
}

/* Decode one code point (invalid bytes become U+FFFD, one byte long). */
static int
next_cp(const char *s, size_t len, size_t i, ucs4_t *c)
{
	return u8_mbtouc(c, (const uint8_t *)s + i, len - i);
}

/* Append s[0..n) to b with controls, bidi and invisible characters written as <U+XXXX>; at most cols display columns (then "…"). */
static void
esc_add(struct buf *b, const char *s, size_t n, int cols)
{
	size_t i = 0;
	int used = 0;

	while (i < n) {
		ucs4_t c;
		int k = next_cp(s, n, i, &c), w;

		if (c < 0x20 || (c >= 0x7f && c < 0xa0) || is_bidi_control(c) || is_bidi_mark(c) ||
		    (c != 0x3000 && c != ' ' && uc_is_property_default_ignorable_code_point(c)) || c == 0xfffd) {
			if (c == '\n' || c == '\t' || c == '\r')
				buf_addc(b, ' '), w = 1;
			else
				buf_addf(b, "<U+%04X>", (unsigned)c), w = 8;
		} else {
			buf_add(b, s + i, (size_t)k);
			w = uc_width(c, "UTF-8");
			if (w < 0)
				w = 1;
		}
		used += w;
		i += (size_t)k;
		if (cols > 0 && used >= cols && i < n) {
			buf_adds(b, "…");
			break;
		}
	}
}

static char *
esc_dup(const char *s, size_t n, int cols)
{
	struct buf b;

	buf_init(&b);
	esc_add(&b, s, n, cols);
	return buf_take(&b);
}

static void
u32_to_buf(struct buf *b, const ucs4_t *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		uint8_t tmp[6];
		int k = c[i] != 0 ? u8_uctomb(tmp, c[i], sizeof tmp) : 0;

		if (k > 0)
			buf_add(b, (const char *)tmp, (size_t)k);
	}
}

/* ---------------------------------------------------------------- normalisation */

/* NFKC-stable single code points, cached for the BMP: 0 unknown, 1 stable, 2 not. */
static uint8_t nfkc_cache[0x10000];

static bool
nfkc_stable(ucs4_t c)
{
	ucs4_t out[8];
	size_t n = 8;
	ucs4_t *r;
	bool ok;

	if (c < 0xa0)
		return true;
	if (c < 0x10000) {
		uint8_t v = __atomic_load_n(&nfkc_cache[c], __ATOMIC_RELAXED);

		if (v != 0)
			return v == 1;
	}
	r = u32_normalize(UNINORM_NFKC, &c, 1, out, &n);
	ok = r != NULL && n == 1 && r[0] == c;
	if (r != NULL && r != out)
		free(r);
	if (c < 0x10000)
		__atomic_store_n(&nfkc_cache[c], ok ? 1 : 2, __ATOMIC_RELAXED);
	return ok;
}

static void
ns_push(struct nstream *ns, ucs4_t c, size_t from, size_t to)
{
	if (ns->n == ns->cap) {
		ns->cap = ns->cap ? ns->cap * 2 : 256;
		ns->c = xreallocarray(ns->c, ns->cap, sizeof *ns->c);
		ns->from = xreallocarray(ns->from, ns->cap, sizeof *ns->from);
		ns->to = xreallocarray(ns->to, ns->cap, sizeof *ns->to);
	}
	ns->c[ns->n] = c;
	ns->from[ns->n] = (uint32_t)from;
	ns->to[ns->n] = (uint32_t)to;
	ns->n++;
}

static void
ns_free(struct nstream *ns)
{
	free(ns->c);
	free(ns->from);
	free(ns->to);
	memset(ns, 0, sizeof *ns);
}

static ucs4_t
lower(ucs4_t c)
{
	if (c < 0x80)
		return c >= 'A' && c <= 'Z' ? c + 32 : c;
	return uc_tolower(c);
}

/* Emit one normalised code point, handling the pending white space run. */
static void
ns_emit(struct nstream *ns, ucs4_t c, size_t from, size_t to, long *space_from, size_t space_to)
{
	if (*space_from >= 0) {
		if (ns->n > 0 && ns->c[ns->n - 1] != ' ' &&
		    !(uc_width(ns->c[ns->n - 1], "UTF-8") == 2 && uc_width(c, "UTF-8") == 2))
			ns_push(ns, ' ', (size_t)*space_from, space_to);
		*space_from = -1;
	}
	ns_push(ns, lower(c), from, to);
}

/* Build the match stream of s[0..len) (see struct nstream). */
static void
ns_build(struct nstream *ns, const char *s, size_t len)
{
	size_t i = 0, space_to = 0;
	long space_from = -1;
	ucs4_t cl[32];

	memset(ns, 0, sizeof *ns);
	while (i < len) {
		size_t start = i, k = 0;
		ucs4_t c, prev;
		int m = next_cp(s, len, i, &c);

		i += (size_t)m;
		cl[k++] = c;
		/* the grapheme cluster (UAX #29, without the emoji rules) */
		while (i < len) {
			ucs4_t d;
			int m2 = next_cp(s, len, i, &d);

			prev = cl[k - 1];
			/* below U+0300 nothing extends a cluster (CR LF is white space either way) */
			if (d < 0x300 || uc_is_grapheme_break(prev, d) || k == sizeof cl / sizeof cl[0])
				break;
			cl[k++] = d;
			i += (size_t)m2;
		}
		if (k == 1 && c < 0x80) {
			if (is_space(c)) {
				if (space_from < 0)
					space_from = (long)start;
				space_to = i;
			} else if (c >= 0x20 && c != 0x7f)
				ns_emit(ns, c, start, i, &space_from, space_to);
			continue;
		}
		if (k == 1 && is_space(c)) {
			if (space_from < 0)
				space_from = (long)start;
			space_to = i;
			continue;
		}
		if (k == 1 && nfkc_stable(c)) {
			if (!uc_is_property_default_ignorable_code_point(c) && c >= 0xa0)
				ns_emit(ns, c, start, i, &space_from, space_to);
			continue;
		}
		{
			ucs4_t out[64], *r;
			size_t n = 64;

			r = u32_normalize(UNINORM_NFKC, cl, k, out, &n);
			if (r == NULL)
				continue;
			for (size_t j = 0; j < n; j++) {
				if (is_space(r[j])) {
					if (space_from < 0)
						space_from = (long)start;
					space_to = i;
				} else if (!uc_is_property_default_ignorable_code_point(r[j]) &&
				    !(r[j] < 0x20 || (r[j] >= 0x7f && r[j] < 0xa0)))
					ns_emit(ns, r[j], start, i, &space_from, space_to);
			}
			if (r != out)
				free(r);
		}
	}
}

/* ---------------------------------------------------------------- folding and edit costs */

static ucs4_t fold_slow(ucs4_t c);

static bool is_lookalike_slow(ucs4_t a, ucs4_t b);

/* fold() and the look-alike pairs of U+3000..U+30FF, computed once. */
static ucs4_t kana_fold[0x100];
static uint8_t kana_look[0x100][0x20];
static pthread_once_t kana_fold_once = PTHREAD_ONCE_INIT;
static bool kana_ready;

static void
kana_fold_init(void)
{
	for (ucs4_t c = 0; c < 0x100; c++) {
		kana_fold[c] = fold_slow(0x3000 + c);
		for (ucs4_t d = 0; d < 0x100; d++)
			if (is_lookalike_slow(0x3000 + c, 0x3000 + d))
				kana_look[c][d >> 3] |= (uint8_t)(1u << (d & 7));
	}
	__atomic_store_n(&kana_ready, true, __ATOMIC_RELEASE);
}

static ucs4_t fold_wide(ucs4_t c);

/* The folded form: voiced and semi-voiced kana to plain, small kana to large, look-alike katakana and kanji to one. */
static inline __attribute__((always_inline)) ucs4_t
fold(ucs4_t c)
{
	if (c < 0x2010)
		return c;
	return fold_wide(c);
}

static ucs4_t
fold_wide(ucs4_t c)
{
	if (c < 0x3000)
		return c == 0x2015 || c == 0x2010 || c == 0x2500 ? 0x30fc : c;
	if (c < 0x3100) {
		if (!__atomic_load_n(&kana_ready, __ATOMIC_ACQUIRE))
			pthread_once(&kana_fold_once, kana_fold_init);
		return kana_fold[c - 0x3000];
	}
	return c == 0x4e00 ? 0x30fc : c;   /* 一 ー; the kanji of the other pairs fold to themselves */
}

static ucs4_t
fold_slow(ucs4_t c)
{
	ucs4_t d[UC_DECOMPOSITION_MAX_LENGTH];

	if ((is_hira(c) || is_kata(c)) && uc_canonical_decomposition(c, d) == 2 &&
	    (d[1] == 0x3099 || d[1] == 0x309a))
		c = d[0];
	switch (c) {
	/* small to large */
	case 0x3041: case 0x3043: case 0x3045: case 0x3047: case 0x3049:
	case 0x3083: case 0x3085: case 0x3087: case 0x308e:
	case 0x30a1: case 0x30a3: case 0x30a5: case 0x30a7: case 0x30a9:
	case 0x30e3: case 0x30e5: case 0x30e7: case 0x30ee:
		return c + 1;
	case 0x3063: return 0x3064;   /* っ つ */
	case 0x3095: return 0x304b;   /* ゕ か */
	case 0x3096: return 0x3051;   /* ゖ け */
	case 0x30c3: return 0x30c4;   /* ッ ツ */
	case 0x30f5: return 0x529b;   /* ヵ カ(力) */
	case 0x30f6: return 0x30b1;   /* ヶ ケ */
	/* look-alikes */
	case 0x30bd: return 0x30f3;   /* ソ ン */
	case 0x30b7: return 0x30c4;   /* シ ツ */
	case 0x30ed: return 0x53e3;   /* ロ 口 */
	case 0x4e00: return 0x30fc;   /* 一 ー */
	case 0x30a8: return 0x5de5;   /* エ 工 */
	case 0x30ab: return 0x529b;   /* カ 力 */
	case 0x30bf: return 0x5915;   /* タ 夕 */
	case 0x30cb: return 0x4e8c;   /* ニ 二 */
	case 0x30cf: return 0x516b;   /* ハ 八 */
	case 0x30c8: return 0x535c;   /* ト 卜 */
	case 0x30d8: return 0x3078;   /* ヘ へ (ベ ペ decompose to ヘ first) */
	default:     return c;
	}
}

/* Pairs that look alike but are not folded: cheap substitutions (both orders). */
static const ucs4_t lookalike[][2] = {
	{ 0x308b, 0x308d },   /* る ろ */
	{ 0x306c, 0x3081 },   /* ぬ め */
	{ 0x306d, 0x308c },   /* ね れ */
	{ 0x308c, 0x308f },   /* れ わ */
	{ 0x306d, 0x308f },   /* ね わ */
	{ 0x306f, 0x307b },   /* は ほ */
	{ 0x3055, 0x3061 },   /* さ ち */
	{ 0x30af, 0x30ef },   /* ク ワ */
	{ 0x30af, 0x30b1 },   /* ク ケ */
	{ 0x30a6, 0x30ef },   /* ウ ワ */
	{ 0x30c1, 0x30c6 },   /* チ テ */
	{ 0x30cc, 0x30b9 },   /* ヌ ス */
	{ 0x30ce, 0x30e1 },   /* ノ メ */
	{ 0x30e9, 0x30d5 },   /* ラ フ */
	{ 0x30ef, 0x30d5 },   /* ワ フ */
	{ 0x30b3, 0x30e6 },   /* コ ユ */
	{ 0x30de, 0x30a2 },   /* マ ア */
	{ 'm', 'n' }, { 'l', 'i' }, { 'l', '1' }, { 'i', '1' }, { 'o', '0' },
	{ 'u', 'v' }, { 'w', 'v' },
};

static bool
is_lookalike(ucs4_t a, ucs4_t b)
{
	if (a < 0x80 && b < 0x80) {
		unsigned x = a < b ? a : b, y = a < b ? b : a;

		return (x == 'm' && y == 'n') || (x == 'i' && y == 'l') || (x == '1' && (y == 'l' || y == 'i')) ||
		    (x == '0' && y == 'o') || (x == 'u' && y == 'v') || (x == 'v' && y == 'w');
	}
	if (a < 0x3040 || a > 0x30ff || b < 0x3040 || b > 0x30ff)
		return false;
	if (!__atomic_load_n(&kana_ready, __ATOMIC_ACQUIRE))
		pthread_once(&kana_fold_once, kana_fold_init);
	return kana_look[a - 0x3000][(b - 0x3000) >> 3] & (1u << ((b - 0x3000) & 7));
}

static bool
is_lookalike_slow(ucs4_t a, ucs4_t b)
{
	for (size_t i = 0; i < sizeof lookalike / sizeof lookalike[0]; i++)
		if ((lookalike[i][0] == a && lookalike[i][1] == b) || (lookalike[i][0] == b && lookalike[i][1] == a))
			return true;
	return false;
}

/* Tenths of an edit. */
static int
cost_sub(ucs4_t p, ucs4_t t)
{
	if (p == t)
		return 0;
	if (p < 0x80 && t < 0x80)
		return is_lookalike(p, t) ? 5 : 10;
	if (fold(p) == fold(t))
		return 3;
	if (is_lookalike(p, t))
		return 5;
	return 10;
}

/* White space and punctuation inside Japanese text: style, never a typo. */
static bool
is_filler(ucs4_t c)
{
	if (c < 0x80)
		return c == ' ' || (c > 0x20 && c < 0x7f && c != '#' && !(c >= '0' && c <= '9') &&
		    !((c | 0x20) >= 'a' && (c | 0x20) <= 'z'));
	return (c >= 0x3000 && c <= 0x3003) || c == 0x30fb || c == 0xff0c || (c >= 0x2010 && c <= 0x2027);
}

/* The phrase's character i is missing from the text. */
static int
cost_del(const ucs4_t *p, size_t m, size_t i)
{
	ucs4_t c = p[i];

	if (is_filler(c))
		return is_latin_letter(p[0]) ? 15 : 0;   /* "creditcard" is a URL, not a typo */

	if (c < 0x80 && is_latin_letter(c))
		return (i > 0 && p[i - 1] == c) || (i + 1 < m && p[i + 1] == c) ? 5 : 8;
	if (c == 0x3044 && i > 0 && (p[i - 1] == 0x3066 || p[i - 1] == 0x3067) && i + 1 < m)
		return 0;   /* "なってます" for "なっています": the spoken contraction, a variant */
	if (is_kana(c) && c != 0x30fc && i > 0 && i + 1 < m && is_kana(p[i - 1]) && is_kana(p[i + 1]))
		return 5;   /* a kana dropped between kana; next to a kanji it is okurigana style */
	return 10;
}

/* The text has the extra character t[j] before the phrase's character i. */
static int
cost_ins(const ucs4_t *p, size_t m, size_t i, const ucs4_t *t, size_t j, size_t tstart)
{
	ucs4_t c = t[j];
	/* doubled, or a stutter of the letter before last ("verifiy") */
	bool doubled = (j > tstart && t[j - 1] == c) || (i < m && p[i] == c) ||
	    (c < 0x80 && j > tstart + 1 && t[j - 2] == c);

	if (is_filler(c) && i > 0 && i < m)
		return is_latin_letter(p[0]) ? 15 : 0;
	if (c < 0x80 && is_latin_letter(c))
		return doubled ? 5 : 8;
	if (is_kana(c) && c != 0x30fc && doubled)
		return 4;
	return 10;
}

/* ---------------------------------------------------------------- lists */

static int
phrase_threshold(const struct phrase *p)
{
	size_t l = p->len;

	if (p->allow_only || p->phish)
		return 0;
	if (p->latin_start) {
		if (l < 5)
			return 0;
		return l <= 6 ? 5 : l <= 9 ? 8 : 9;
	}
	if (l < 3)
		return 0;
	for (size_t i = 0; i < l; i++)
		if (p->c[i] < 0x80 && is_latin_letter(p->c[i]))
			return 0;   /* "ログインID": its Latin bigrams are everywhere in English; exact only */
	{
		/* "ですが", "いたします。": hiragana this short sits inside every sentence ("ですか", "おねがいします") */
		size_t k = 0, kana = 0;

		for (; k < l && (is_hira(p->c[k]) || is_filler(p->c[k])); k++)
			kana += is_hira(p->c[k]);
		if (k == l && kana <= 5)
			return 0;
	}
	return l == 3 ? 3 : l <= 5 ? 5 : l <= 9 ? 8 : 10;
}

static void
plist_add(struct plist *pl, const char *line, bool urgency)
{
	struct phrase p;
	struct nstream ns;
	const char *tab = strchr(line, '\t');
	size_t n = tab != NULL ? (size_t)(tab - line) : strlen(line);

	memset(&p, 0, sizeof p);
	if (!urgency && (line[0] == '!' || line[0] == '~' || line[0] == '=')) {
		p.allow_only = line[0] == '!';
		p.context = line[0] == '~';
		p.phish = line[0] == '=';
		line++, n--;
	}
	while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\r'))
		n--;
	if (n == 0)
		return;
	if (urgency) {   /* "{N}" is a number: '#' in the match stream */
		struct buf b;
		char *pat;

		buf_init(&b);
		for (size_t i = 0; i < n; i++) {
			if (i + 3 <= n && memcmp(line + i, "{N}", 3) == 0) {
				buf_addc(&b, '#');
				i += 2;
			} else
				buf_addc(&b, line[i]);
		}
		pat = buf_take(&b);
		ns_build(&ns, pat, strlen(pat));
		free(pat);
	} else
		ns_build(&ns, line, n);
	if (ns.n == 0) {
		ns_free(&ns);
		return;
	}
	p.c = xreallocarray(NULL, ns.n, sizeof *p.c);
	memcpy(p.c, ns.c, ns.n * sizeof *p.c);
	p.len = ns.n;
	ns_free(&ns);
	p.text = xstrndup(line, n);
	if (tab != NULL) {
		char *k = xstrdup(tab + 1);

		k[strcspn(k, "\t\r\n")] = '\0';
		str_squeeze_space(k);
		p.kind = k[0] != '\0' ? k : (free(k), NULL);
	}
	p.latin_start = is_latin_letter(p.c[0]) || (p.c[0] >= '0' && p.c[0] <= '9') || p.c[0] == '#';
	p.latin_end = is_latin_letter(p.c[p.len - 1]) || (p.c[p.len - 1] >= '0' && p.c[p.len - 1] <= '9') || p.c[p.len - 1] == '#';
	p.kata_start = is_kata(p.c[0]);
	p.kata_end = is_kata(p.c[p.len - 1]) || p.c[p.len - 1] == 0x30fc;
	p.threshold = phrase_threshold(&p);
	p.word = p.latin_start && p.len < WH_MAX;
	for (size_t i = 0; i < p.len && p.word; i++)
		p.word = p.c[i] < 0x80 ? is_word_char(p.c[i]) : is_latin_letter(p.c[i]);
	if (pl->n == pl->cap) {
		pl->cap = pl->cap ? pl->cap * 2 : 256;
		pl->v = xreallocarray(pl->v, pl->cap, sizeof *pl->v);
	}
	pl->v[pl->n++] = p;
}

/* Read one list file; a missing optional file is fine. */
static int
list_read(struct plist *pl, const char *path, bool urgency, bool optional, char **cause)
{
	struct conffile *cf = conffile_open(path, optional ? CONFFILE_OPTIONAL : 0, cause);
	struct conffile_line l;

	if (cf == NULL)
		return *cause != NULL ? -1 : 0;
	while (conffile_next(cf, &l)) {
		if (u8_check((const uint8_t *)l.text, l.len) != NULL) {
			conffile_error(cf, _("not UTF-8"));
			continue;
		}
		plist_add(pl, l.text, urgency);
	}
	return conffile_close(cf, cause);
}

static uint64_t
bigram_key(ucs4_t a, ucs4_t b)
{
	return ((uint64_t)fold(a) << 32) | fold(b);
}

static size_t
hash64(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	k ^= k >> 33;
	return (size_t)k;
}

static int
posting_cmp(const void *a, const void *b)
{
	const struct posting *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->phrase < y->phrase ? -1 : x->phrase > y->phrase;
}

static void
index_add(struct index *ix, uint64_t key, size_t phrase, size_t off)
{
	struct posting *po = &ix->post[ix->npost++];

	po->key = key;
	po->phrase = (uint32_t)phrase;
	po->off = (uint32_t)off;
}

static void
index_hash(struct index *ix)
{
	if (ix->npost > 1)   /* qsort(NULL, 0, ...) is undefined */
		qsort(ix->post, ix->npost, sizeof *ix->post, posting_cmp);
	ix->nslot = 16;
	while (ix->nslot < ix->npost * 2)
		ix->nslot *= 2;
	ix->slot = xcalloc(ix->nslot, sizeof *ix->slot);
	for (size_t i = 0; i < ix->npost; i++) {
		size_t h;

		if (i > 0 && ix->post[i].key == ix->post[i - 1].key)
			continue;
		h = hash64(ix->post[i].key) & (ix->nslot - 1);
		while (ix->slot[h] != 0)
			h = (h + 1) & (ix->nslot - 1);
		ix->slot[h] = i + 1;
	}
}

/* Index of the first posting with this key, or SIZE_MAX. */
static size_t
index_find(const struct index *ix, uint64_t key)
{
	size_t h;

	if (ix->nslot == 0)
		return SIZE_MAX;
	h = hash64(key) & (ix->nslot - 1);
	while (ix->slot[h] != 0 && ix->post[ix->slot[h] - 1].key != key)
		h = (h + 1) & (ix->nslot - 1);
	return ix->slot[h] != 0 ? ix->slot[h] - 1 : SIZE_MAX;
}

/* Bloom bit of a (bigram, offset): cheap, checked at every letter of English text. */
static size_t
bloom_bit(ucs4_t a, ucs4_t b, size_t off)
{
	return ((size_t)a * 0x9e37u + (size_t)b * 0x85ebu + off * 0xc2b3u + ((size_t)a >> 7) * 0x27d5u) & 0xffff;
}

static uint64_t
lat_key(ucs4_t a, ucs4_t b, size_t off)
{
	return ((uint64_t)(fold(a) & 0x1fffff) << 37) | ((uint64_t)(fold(b) & 0x1fffff) << 16) | (off & 0xffff);
}

static void
index_free(struct index *ix)
{
	free(ix->post);
	free(ix->slot);
	memset(ix, 0, sizeof *ix);
}

/*
 * Polynomial hash of a word, and of the word without one code point in
 * O(1) each from prefix and suffix hashes: the one-deletion variants of a
 * text word cost one pass.
 */
#define WH_B   0x9e3779b97f4a7c15ULL

struct whash {
	uint64_t pre[WH_MAX + 1], suf[WH_MAX + 1], pw[WH_MAX + 1];
	size_t n;
};

static void
whash_init(struct whash *w, const ucs4_t *c, size_t n)
{
	w->n = n;
	w->pre[0] = 0;
	w->pw[0] = 1;
	for (size_t i = 0; i < n; i++) {
		w->pre[i + 1] = w->pre[i] * WH_B + c[i] + 1;
		w->pw[i + 1] = w->pw[i] * WH_B;
	}
	w->suf[n] = 0;
	for (size_t i = n; i > 0; i--)
		w->suf[i - 1] = (c[i - 1] + 1) * w->pw[n - i] + w->suf[i];
}

/* The hash without position skip (SIZE_MAX: the whole word); the length is mixed in. */
static uint64_t
whash_get(const struct whash *w, size_t skip)
{
	if (skip == SIZE_MAX)
		return w->pre[w->n] ^ ((uint64_t)w->n << 56);
	return (w->pre[skip] * w->pw[w->n - 1 - skip] + w->suf[skip + 1]) ^ ((uint64_t)(w->n - 1) << 56);
}

/*
 * The typo list's indexes: folded bigrams of the Japanese (non-Latin)
 * phrases; folded bigrams with their offset for the Latin ones, which are
 * matched from the start of a word. Then the urgency list's first-code-point
 * index.
 */
static void
index_build(void)
{
	size_t np = 0;

	for (size_t i = 0; i < lists.phrases.n; i++)
		np += lists.phrases.v[i].len > 1 ? lists.phrases.v[i].len - 1 : 0;
	lists.gen.post = xreallocarray(NULL, np ? np : 1, sizeof *lists.gen.post);
	lists.lat.post = xreallocarray(NULL, np ? np : 1, sizeof *lists.lat.post);
	lists.words.post = xreallocarray(NULL, np + 2 * lists.phrases.n + 1, sizeof *lists.words.post);
	for (size_t i = 0; i < lists.phrases.n; i++) {
		const struct phrase *p = &lists.phrases.v[i];

		if (p->phish) {
			lists.phish = xreallocarray(lists.phish, lists.nphish + 1, sizeof *lists.phish);
			lists.phish[lists.nphish++] = (uint32_t)i;
			continue;
		}
		if (p->word) {
			struct whash w;

			whash_init(&w, p->c, p->len);
			index_add(&lists.words, whash_get(&w, SIZE_MAX), i, 0);
			for (size_t j = 0; j < p->len && p->threshold > 0; j++)
				index_add(&lists.words, whash_get(&w, j), i, j + 1);
			continue;
		}
		for (size_t j = 0; j + 1 < p->len; j++) {
			if (p->latin_start) {
				size_t h = hash64(bigram_key(p->c[j], p->c[j + 1])) & 0xffff;

				index_add(&lists.lat, lat_key(p->c[j], p->c[j + 1], j), i, j);
				h = bloom_bit(fold(p->c[j]), fold(p->c[j + 1]), j);
				lists.latbits[h >> 3] |= (uint8_t)(1u << (h & 7));
			}
			else {
				size_t h = bloom_bit(fold(p->c[j]), fold(p->c[j + 1]), 0);

				index_add(&lists.gen, bigram_key(p->c[j], p->c[j + 1]), i, j);
				lists.genbits[h >> 3] |= (uint8_t)(1u << (h & 7));
			}
		}
	}
	index_hash(&lists.gen);
	index_hash(&lists.lat);
	index_hash(&lists.words);

	lists.nufirst = 64;
	while (lists.nufirst < lists.urgency.n * 2)
		lists.nufirst *= 2;
	lists.ufirst = xcalloc(lists.nufirst, sizeof *lists.ufirst);
	lists.unext = xcalloc(lists.urgency.n ? lists.urgency.n : 1, sizeof *lists.unext);
	for (size_t i = 0; i < lists.urgency.n; i++) {
		const struct phrase *p = &lists.urgency.v[i];
		size_t h = hash64(bigram_key(p->c[0], p->len > 1 ? p->c[1] : 0)) & 0xffff;

		lists.urgbits[h >> 3] |= (uint8_t)(1u << (h & 7));
	}
	/* chains longest first: at one position the longest pattern wins */
	for (size_t len = 64; len > 0; len--)
		for (size_t i = 0; i < lists.urgency.n; i++) {
			const struct phrase *p = &lists.urgency.v[i];
			size_t h, *tail;

			if ((p->len > 64 ? 64 : p->len) != len)
				continue;
			h = hash64(p->c[0]) & (lists.nufirst - 1);
			for (tail = &lists.ufirst[h]; *tail != 0; tail = &lists.unext[*tail - 1])
				;
			*tail = i + 1;
		}
}

int
text_load(char **cause)
{
	static const struct {
		const char *name;
		bool urgency;
	} files[] = {
		{ "phrases.ja", false }, { "phrases.en", false },
		{ "urgency.ja", true }, { "urgency.en", true },
	};
	int rc = 0;

	if (__atomic_load_n(&lists.loaded, __ATOMIC_ACQUIRE)) {
		if (lists.error == NULL)
			return 0;
		*cause = xstrdup(lists.error);
		return -1;
	}
	pthread_mutex_lock(&lists_lock);
	if (lists.loaded) {
		pthread_mutex_unlock(&lists_lock);
		return text_load(cause);
	}
	*cause = NULL;
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		struct plist *pl = files[i].urgency ? &lists.urgency : &lists.phrases;
		char *path = util_data_path(files[i].name), *err = NULL;

		if (list_read(pl, path, files[i].urgency, false, &err) != 0)
			rc = -1;
		conffile_join(cause, err);
		free(path);
		err = NULL;
		if ((path = util_config_path(files[i].name)) != NULL) {
			if (list_read(pl, path, files[i].urgency, true, &err) != 0)
				rc = -1;
			conffile_join(cause, err);
			free(path);
		}
	}
	index_build();
	if (rc != 0)
		lists.error = xstrdup(*cause);
	__atomic_store_n(&lists.loaded, true, __ATOMIC_RELEASE);
	pthread_mutex_unlock(&lists_lock);
	return rc;
}

static void
plist_free(struct plist *pl)
{
	for (size_t i = 0; i < pl->n; i++) {
		free(pl->v[i].c);
		free(pl->v[i].text);
		free(pl->v[i].kind);
	}
	free(pl->v);
	memset(pl, 0, sizeof *pl);
}

void
text_unload(void)
{
	pthread_mutex_lock(&lists_lock);
	plist_free(&lists.phrases);
	plist_free(&lists.urgency);
	index_free(&lists.gen);
	index_free(&lists.lat);
	index_free(&lists.words);
	free(lists.error);
	free(lists.ufirst);
	free(lists.unext);
	free(lists.phish);
	memset(&lists, 0, sizeof lists);
	pthread_mutex_unlock(&lists_lock);
}

size_t
text_phrase_count(void)
{
	return lists.phrases.n;
}

size_t
text_urgency_count(void)
{
	return lists.urgency.n;
}

/* ---------------------------------------------------------------- TEXT_TYPO */

struct cand {
	uint32_t phrase;
	size_t s, e;        /* [s, e) in the match stream */
	int cost;
	char *edits;        /* "ろ→る, し dropped" */
};

struct cands {
	struct cand *v;
	size_t n, cap;
};

static bool
boundary_ok(const struct nstream *ns, const struct phrase *p, size_t s, size_t e)
{
	if (p->latin_start && s > 0 && (is_latin_letter(ns->c[s - 1]) || (ns->c[s - 1] >= '0' && ns->c[s - 1] <= '9')))
		return false;
	if (p->latin_end && e < ns->n && (is_latin_letter(ns->c[e]) || (ns->c[e] >= '0' && ns->c[e] <= '9')))
		return false;
	if (p->kata_start && s > 0 && (is_kata(ns->c[s - 1]) || ns->c[s - 1] == 0x30fc))
		return false;
	if (p->kata_end && e < ns->n && (is_kata(ns->c[e]) || ns->c[e] == 0x30fc))
		return false;
	return true;
}

static void
edit_note(struct buf *b, int op, ucs4_t a, ucs4_t c)
{
	struct buf x, y;

	if (b == NULL)
		return;
	buf_init(&x);
	buf_init(&y);
	u32_to_buf(&x, &a, 1);
	u32_to_buf(&y, &c, 1);
	buf_adds(&x, "");
	buf_adds(&y, "");
	if (b->len > 0)
		buf_adds(b, ", ");
	switch (op) {
	case 1:  buf_addf(b, _("%s→%s"), x.s, y.s); break;
	case 2:  buf_addf(b, _("%s dropped"), x.s); break;
	case 3:  buf_addf(b, _("%s added"), x.s); break;
	default: buf_addf(b, _("%s%s swapped"), x.s, y.s); break;
	}
	buf_free(&x);
	buf_free(&y);
}

/*
 * Weighted edit distance of phrase p against a substring of the stream
 * inside [ws, we): free start and end in the text, both on boundaries the
 * phrase asks for. Returns the cost (INF if none) and the span; with edits
 * set, describes the edits.
 */
static int
align(const struct nstream *ns, const struct phrase *p, size_t ws, size_t we, size_t *os, size_t *oe, char **edits, bool *odd)
{
	size_t m = p->len, n = we - ws, W = n + 1, cells = (m + 1) * W;

	int Ds[2048];
	unsigned char ops[2048];
	size_t sts[2048];
	bool heap = cells > 2048;
	int *D = heap ? xreallocarray(NULL, cells, sizeof *D) : Ds;
	unsigned char *op = heap ? xreallocarray(NULL, cells, 1) : ops;
	size_t *st = heap ? xreallocarray(NULL, cells, sizeof *st) : sts;
	const ucs4_t *t = ns->c;
	int best = INF;
	size_t bj = 0;

#define AT(i, j) ((i) * W + (j))
	for (size_t j = 0; j <= n; j++) {
		bool ok = !(p->latin_start && ws + j > 0 && (is_latin_letter(t[ws + j - 1]) || (t[ws + j - 1] >= '0' && t[ws + j - 1] <= '9'))) &&
		    !(p->kata_start && ws + j > 0 && (is_kata(t[ws + j - 1]) || t[ws + j - 1] == 0x30fc));
		D[AT(0, j)] = ok ? 0 : INF;
		op[AT(0, j)] = 0;
		st[AT(0, j)] = ws + j;
	}
	for (size_t i = 1; i <= m; i++) {
		D[AT(i, 0)] = D[AT(i - 1, 0)] >= INF ? INF : D[AT(i - 1, 0)] + cost_del(p->c, m, i - 1);
		op[AT(i, 0)] = 2;
		st[AT(i, 0)] = st[AT(i - 1, 0)];
		for (size_t j = 1; j <= n; j++) {
			size_t tj = ws + j - 1;
			int v = INF, c;
			unsigned char o = 0;
			size_t s = 0;

			if (D[AT(i - 1, j - 1)] < INF && (c = D[AT(i - 1, j - 1)] + cost_sub(p->c[i - 1], t[tj])) < v)
				v = c, o = 1, s = st[AT(i - 1, j - 1)];
			if (D[AT(i - 1, j)] < INF && (c = D[AT(i - 1, j)] + cost_del(p->c, m, i - 1)) < v)
				v = c, o = 2, s = st[AT(i - 1, j)];
			if (D[AT(i, j - 1)] < INF && (c = D[AT(i, j - 1)] + cost_ins(p->c, m, i, t, tj, ws)) < v)
				v = c, o = 3, s = st[AT(i, j - 1)];
			/* adjacent transposition (Latin: "verfiy") */
			if (i > 1 && j > 1 && p->c[i - 1] < 0x80 && p->c[i - 1] == t[tj - 1] && p->c[i - 2] == t[tj] &&
			    p->c[i - 1] != p->c[i - 2] && D[AT(i - 2, j - 2)] < INF && (c = D[AT(i - 2, j - 2)] + 5) < v)
				v = c, o = 4, s = st[AT(i - 2, j - 2)];
			D[AT(i, j)] = v;
			op[AT(i, j)] = o;
			st[AT(i, j)] = s;
		}
	}
	for (size_t j = 1; j <= n; j++) {
		int v = D[AT(m, j)];
		size_t e = ws + j;

		if (v >= best || st[AT(m, j)] >= e)
			continue;
		if (p->latin_end && e < ns->n && (is_latin_letter(t[e]) || (t[e] >= '0' && t[e] <= '9')))
			continue;
		if (p->kata_end && e < ns->n && (is_kata(t[e]) || t[e] == 0x30fc))
			continue;
		best = v, bj = j;
	}
	if (best < INF) {
		*os = st[AT(m, bj)];
		*oe = ws + bj;
		if (edits != NULL) {
			/* walk back, then write the edits in reading order */
			struct { int op; ucs4_t a, b; } ev[64];
			size_t i = m, j = bj, nev = 0;
			struct buf b;

			int last = 0;

			*odd = false;
			while (i > 0 && op[AT(i, j)] != 0) {
				int o = op[AT(i, j)], cost;
				ucs4_t x = 0, y = 0;

				if (o == 1) {
					x = p->c[i - 1], y = t[ws + j - 1];
					cost = cost_sub(x, y);
					i--, j--;
				} else if (o == 2) {
					x = p->c[i - 1];
					cost = cost_del(p->c, m, i - 1);
					i--;
				} else if (o == 3) {
					x = t[ws + j - 1];
					cost = cost_ins(p->c, m, i, t, ws + j - 1, ws);
					j--;
				} else {
					x = p->c[i - 2], y = p->c[i - 1];
					cost = 5;
					i -= 2, j -= 2;
				}
				if ((o == 1 && x == y) || ((o == 2 || o == 3) && is_filler(x)))
					continue;
				/*
				 * Machine-translation slips are single cheap edits: any
				 * ordinary one (of ten), or a run of dropped characters
				 * ("させていただきた(く)" is not "させていただきました"), is
				 * another wording, not a typo.
				 */
				if (cost >= 10 || (o == 2 && last == 2))
					*odd = true;
				last = o;
				if (nev < sizeof ev / sizeof ev[0]) {
					ev[nev].op = o, ev[nev].a = x, ev[nev].b = y;
					nev++;
				}
			}
			buf_init(&b);
			while (nev > 0) {
				nev--;
				edit_note(&b, ev[nev].op, ev[nev].a, ev[nev].b);
			}
			*edits = buf_take(&b);
		}
	}
	if (heap) {
		free(D);
		free(op);
		free(st);
	}
#undef AT
	return best;
}

static void
cands_add(struct cands *cs, uint32_t phrase, size_t s, size_t e, int cost, char *edits)
{
	if (cs->n > 0 && cs->v[cs->n - 1].phrase == phrase && cs->v[cs->n - 1].s == s && cs->v[cs->n - 1].e == e) {
		free(edits);
		return;
	}
	if (cs->n == cs->cap) {
		cs->cap = cs->cap ? cs->cap * 2 : 32;
		cs->v = xreallocarray(cs->v, cs->cap, sizeof *cs->v);
	}
	cs->v[cs->n].phrase = phrase;
	cs->v[cs->n].s = s;
	cs->v[cs->n].e = e;
	cs->v[cs->n].cost = cost;
	cs->v[cs->n].edits = edits;
	cs->n++;
}

/* LSD radix sort of hit keys (phrase, diagonal), a byte at a time, skipping bytes all keys share: qsort was a fifth of a scan. */
static void
hits_sort(uint64_t *v, size_t n, uint64_t **tmp, size_t *tmpcap)
{
	uint64_t *src = v, *dst;
	size_t count[256];

	if (n < 64) {
		for (size_t i = 1; i < n; i++) {   /* insertion sort */
			uint64_t x = v[i];
			size_t j = i;

			for (; j > 0 && v[j - 1] > x; j--)
				v[j] = v[j - 1];
			v[j] = x;
		}
		return;
	}
	if (*tmpcap < n) {
		*tmpcap = n;
		*tmp = xreallocarray(*tmp, n, sizeof **tmp);
	}
	dst = *tmp;
	for (int sh = 0; sh < 64; sh += 8) {
		size_t sum = 0;
		uint64_t diff = 0;

		for (size_t i = 1; i < n; i++)
			diff |= src[i] ^ src[0];
		if (((diff >> sh) & 0xff) == 0)
			continue;
		memset(count, 0, sizeof count);
		for (size_t i = 0; i < n; i++)
			count[(src[i] >> sh) & 0xff]++;
		for (size_t k = 0; k < 256; k++) {
			size_t c = count[k];

			count[k] = sum;
			sum += c;
		}
		for (size_t i = 0; i < n; i++)
			dst[count[(src[i] >> sh) & 0xff]++] = src[i];
		{
			uint64_t *t = src;

			src = dst;
			dst = t;
		}
	}
	if (src != v)
		memcpy(v, src, n * sizeof *v);
}

static void cands_add(struct cands *cs, uint32_t phrase, size_t s, size_t e, int cost, char *edits);

/* a equals b without position k (a has n - 1 code points). */
static bool
equal_but(const ucs4_t *a, const ucs4_t *b, size_t n, size_t k)
{
	return memcmp(a, b, k * sizeof *a) == 0 && memcmp(a + k, b + k + 1, (n - 1 - k) * sizeof *a) == 0;
}

/*
 * The one edit between phrase p and word w (n code points) that the
 * deletion keys met on: skip is the text position left out (SIZE_MAX:
 * none), pk the phrase position left out (SIZE_MAX: none). Returns its
 * cost (INF when the keys met by a hash collision) and describes it in
 * note (when not NULL).
 */
static int
word_edit(const struct phrase *p, const ucs4_t *w, size_t n, size_t skip, size_t pk, struct buf *note)
{
	const ucs4_t *c = p->c;
	size_t m = p->len;

	if (skip == SIZE_MAX && pk == SIZE_MAX)
		return m == n && memcmp(c, w, n * sizeof *w) == 0 ? 0 : INF;
	if (pk == SIZE_MAX) {   /* the text has w[skip] extra */
		bool doubled = (skip > 0 && w[skip - 1] == w[skip]) || (skip + 1 < n && w[skip + 1] == w[skip]) ||
		    (skip > 1 && w[skip - 2] == w[skip]);

		if (m + 1 != n || !equal_but(c, w, n, skip))
			return INF;
		edit_note(note, 3, w[skip], 0);
		return doubled ? 5 : 8;
	}
	if (skip == SIZE_MAX) {   /* the text lacks c[pk] */
		if (n + 1 != m || !equal_but(w, c, m, pk))
			return INF;
		edit_note(note, 2, c[pk], 0);
		return cost_del(c, m, pk);
	}
	if (m != n)
		return INF;
	if (skip == pk) {   /* one substitution */
		for (size_t i = 0; i < n; i++)
			if (i != pk && c[i] != w[i])
				return INF;
		edit_note(note, 1, c[pk], w[pk]);
		return cost_sub(c[pk], w[pk]);
	}
	if (skip == pk + 1 || pk == skip + 1) {   /* neighbours swapped */
		size_t a = skip < pk ? skip : pk;

		if (c[a] != w[a + 1] || c[a + 1] != w[a] || memcmp(c, w, a * sizeof *w) != 0 ||
		    memcmp(c + a + 2, w + a + 2, (n - a - 2) * sizeof *w) != 0)
			return INF;
		edit_note(note, 4, c[a], c[a + 1]);
		return 5;
	}
	return INF;
}

/* Phrases of the word index one edit or less from the word ns[s, e) (keys of one-deletion variants met), costed directly. */
static void
word_candidates(const struct nstream *ns, size_t s, size_t e, struct cands *cs)
{
	size_t n = e - s;
	struct whash wh;

	if (n >= WH_MAX)
		return;
	whash_init(&wh, ns->c + s, n);
	/* words shorter than four letters can only be exact: near misses need phrases of five */
	for (size_t skip = SIZE_MAX;; skip = skip == SIZE_MAX ? 0 : skip + 1) {
		size_t k;

		if (skip != SIZE_MAX && (skip >= n || n < 4))
			break;
		if ((k = index_find(&lists.words, whash_get(&wh, skip))) == SIZE_MAX)
			continue;
		for (uint64_t key = lists.words.post[k].key; k < lists.words.npost && lists.words.post[k].key == key; k++) {
			uint32_t pi = lists.words.post[k].phrase;
			const struct phrase *p = &lists.phrases.v[pi];
			size_t pk = lists.words.post[k].off == 0 ? SIZE_MAX : lists.words.post[k].off - 1;
			int c = word_edit(p, ns->c + s, n, skip, pk, NULL);

			if (c == 0)
				cands_add(cs, pi, s, e, 0, NULL);
			else if (c <= p->threshold) {
				/* described only when kept: most edits cost more than the phrase allows */
				struct buf note;

				buf_init(&note);
				word_edit(p, ns->c + s, n, skip, pk, &note);
				buf_adds(&note, "");
				cands_add(cs, pi, s, e, c, buf_take(&note));
			}
		}
	}
}

/* Candidate generation: folded bigrams shared with a phrase on nearby diagonals, then one alignment per cluster. */
static void
typo_candidates(const struct nstream *ns, struct cands *cs)
{
	uint64_t *hits = NULL, *tmp = NULL;
	size_t nh, cap = 0, tmpcap = 0;

	for (size_t w0 = 0; w0 + 1 < ns->n; w0 += WINDOW) {
		size_t w1 = w0 + WINDOW < ns->n - 1 ? w0 + WINDOW : ns->n - 1;

		size_t wstart = w0, wend = w0;

		nh = 0;
		for (size_t i = w0; i < w1; i++) {
			bool latin = ns->c[i] < 0x80 ? is_word_char(ns->c[i]) : is_latin_letter(ns->c[i]);
			size_t k;

			if (latin && (i == 0 || i >= wend)) {
				size_t e = i;

				wstart = i;
				while (e < ns->n && (ns->c[e] < 0x80 ? is_word_char(ns->c[e]) : is_latin_letter(ns->c[e])))
					e++;
				wend = e;
				if (e - i >= 2 && lists.words.npost > 0)
					word_candidates(ns, i, e, cs);
			}
			/*
			 * An English word is matched whole by word_candidates(); the
			 * bigram indexes see only its first four positions (Latin
			 * phrases with spaces or dots start at a word, at offsets
			 * i - wstart - 1 .. + 1; Japanese phrases with Latin in them,
			 * "下記URL"). The rest of the word is skipped.
			 */
			if (latin && i - wstart > 3) {
				if (wend > i + 1)
					i = wend - 2;   /* the loop's i++ lands on the word's last bigram */
				continue;
			}
			if (latin) {
				for (long delta = -1; delta <= 1; delta++) {
					long off = (long)(i - wstart) + delta;
					uint64_t lk;
					size_t h;

					if (off < 0)
						continue;
					h = bloom_bit(fold(ns->c[i]), fold(ns->c[i + 1]), (size_t)off);
					if (!(lists.latbits[h >> 3] & (1u << (h & 7))))
						continue;
					lk = lat_key(ns->c[i], ns->c[i + 1], (size_t)off);
					if ((k = index_find(&lists.lat, lk)) == SIZE_MAX)
						continue;
					for (uint64_t key = lists.lat.post[k].key; k < lists.lat.npost && lists.lat.post[k].key == key; k++) {
						if (nh == cap) {
							cap = cap ? cap * 2 : 1024;
							hits = xreallocarray(hits, cap, sizeof *hits);
						}
						hits[nh++] = ((uint64_t)lists.lat.post[k].phrase << 32) | (uint32_t)((long)wstart - delta + 65536);
					}
				}
			}
			{
				size_t h = bloom_bit(fold(ns->c[i]), fold(ns->c[i + 1]), 0);

				if (!(lists.genbits[h >> 3] & (1u << (h & 7))))
					continue;
			}
			if ((k = index_find(&lists.gen, bigram_key(ns->c[i], ns->c[i + 1]))) == SIZE_MAX)
				continue;
			for (uint64_t key = lists.gen.post[k].key; k < lists.gen.npost && lists.gen.post[k].key == key; k++) {
				const struct posting *po = &lists.gen.post[k];
				long d = (long)i - (long)po->off;

				if (d + 65536 < 0)
					continue;
				if (nh == cap) {
					cap = cap ? cap * 2 : 1024;
					hits = xreallocarray(hits, cap, sizeof *hits);
				}
				hits[nh++] = ((uint64_t)po->phrase << 32) | (uint32_t)(d + 65536);
			}
		}
		hits_sort(hits, nh, &tmp, &tmpcap);
		for (size_t a = 0; a < nh;) {
			uint32_t pi = (uint32_t)(hits[a] >> 32);
			const struct phrase *p = &lists.phrases.v[pi];
			long E = p->threshold / 4, need = (long)p->len - 1 - 2 * E;
			size_t b = a, z;

			if (p->latin_start) {
				/* votes come from the first four bigrams; one edit (English costs are >= 5) breaks two */
				E = p->threshold / 5;
				need = (long)p->len - 1 < 4 ? (long)p->len - 1 : 4;
				if (E > 0)
					need -= 2;
			}
			if (need < 1)
				need = 1;
			while (b < nh && (uint32_t)(hits[b] >> 32) == pi)
				b++;
			/* slide over diagonals of this phrase */
			for (size_t x = a; x < b;) {
				long d0 = (long)(uint32_t)hits[x] - 65536;
				long votes = 0;

				for (z = x; z < b && (long)(uint32_t)hits[z] - 65536 <= d0 + 2 * E; z++)
					votes++;
				if (votes >= need && p->latin_start && d0 >= 0 && (size_t)d0 < ns->n) {
					/* one-word phrases: the text word must be as long, give or take the edits */
					bool spaced = false;
					size_t wl = 0, pl = 0, x0 = (size_t)d0;

					/* (for phrases of several words, the first word) */
					for (size_t q = 0; q < p->len && is_word_char(p->c[q]); q++)
						pl++;
					spaced = false;
					/* the word starts within one of d0 */
					if (!is_latin_letter(ns->c[x0]) && x0 + 1 < ns->n)
						x0++;
					else if (x0 > 0 && is_latin_letter(ns->c[x0 - 1]))
						x0--;
					while (x0 + wl < ns->n && is_word_char(ns->c[x0 + wl]))
						wl++;
					if (!spaced && (wl + (size_t)E < pl || wl > pl + (size_t)E)) {
						x++;
						continue;
					}
				}
				if (votes >= need) {
					long ws = d0 - E - 1, we = d0 + 2 * E + (long)p->len + E + 1;
					size_t s, e;
					int c;
					char *edits = NULL;

					if (ws < 0)
						ws = 0;
					if (we > (long)ns->n)
						we = (long)ns->n;
					/* the common case: the phrase itself, spelt right */
					if (votes >= (long)p->len - 1 && d0 >= 0 && (size_t)d0 + p->len <= ns->n &&
					    memcmp(ns->c + d0, p->c, p->len * sizeof(ucs4_t)) == 0 &&
					    boundary_ok(ns, p, (size_t)d0, (size_t)d0 + p->len)) {
						cands_add(cs, pi, (size_t)d0, (size_t)d0 + p->len, 0, NULL);
						x = z;
						continue;
					}
					if (p->threshold == 0) {   /* exact matches only, and this is not one */
						x = z;
						continue;
					}
					c = align(ns, p, (size_t)ws, (size_t)we, &s, &e, NULL, NULL);
					if (c <= p->threshold) {
						bool odd = false;

						if (c > 0)
							align(ns, p, (size_t)ws, (size_t)we, &s, &e, &edits, &odd);
						if (odd)
							free(edits);
						else
							cands_add(cs, pi, s, e, c, edits);
					}
					x = z;   /* this cluster is done */
				} else
					x++;
			}
			a = b;
		}
	}
	free(hits);
	free(tmp);
}

/* The words t (n code points) and w (m) differ by an English inflection ("accounts", "deliver"/"delivery"), or not at all. */
static bool
inflected(const ucs4_t *t, size_t n, const ucs4_t *w, size_t m)
{
	static const char *const suffix[] = {
		"s", "es", "ed", "d", "ing", "er", "ers", "or", "ors", "ly", "al", "y", "e", "ment",
		"ments", "ion", "ions", "ation", "'s", "able", "ity", "ness",
	};
	size_t k = 0;
	const ucs4_t *rest;
	size_t nrest;

	while (k < n && k < m && t[k] == w[k])
		k++;
	if (k == n && k == m)
		return true;
	if (k == n)
		rest = w + k, nrest = m - k;
	else if (k == m)
		rest = t + k, nrest = n - k;
	else
		return false;
	for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
		size_t l = strlen(suffix[i]), x;

		if (l != nrest)
			continue;
		for (x = 0; x < l && rest[x] == (ucs4_t)suffix[i][x]; x++)
			;
		if (x == l)
			return true;
	}
	return false;
}

/* The text at [s, e) and the phrase differ by an English inflection. */
static bool
latin_inflection(const struct nstream *ns, const struct phrase *p, size_t s, size_t e)
{
	return inflected(ns->c + s, e - s, p->c, p->len);
}

/* Every difference between the phrase and the text at [s, e) is a look-alike letter ("Iog in", "B0NUS"): disguise, not a slip of the hand. */
static bool
lookalike_only(const struct nstream *ns, const struct phrase *p, size_t s, size_t e)
{
	bool any = false;

	if (e - s != p->len)
		return false;
	for (size_t i = 0; i < p->len; i++) {
		if (ns->c[s + i] == p->c[i])
			continue;
		if (!is_lookalike(p->c[i], ns->c[s + i]))
			return false;
		any = true;
	}
	return any;
}

static bool
is_wordc(ucs4_t c)
{
	return c < 0x80 ? is_word_char(c) || c == '\'' : is_latin_letter(c) || c == 0x2019;
}

/* "your" and the forms a hurried or foreign writer puts for it. */
static bool
your_form(const ucs4_t *w, size_t n)
{
	static const char *const forms[] = { "you", "your", "you're", "youre", "ur", "yours", "you\xe2\x80\x99re" };
	char b[16];
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		if (w[i] == 0x2019)
			k += (size_t)u8_uctomb((uint8_t *)b + k, w[i], (int)(sizeof b - k - 1));
		else if (w[i] < 0x80 && k + 1 < sizeof b)
			b[k++] = (char)w[i];
		else
			return false;
		if (k + 4 >= sizeof b)
			return false;
	}
	b[k] = '\0';
	for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++)
		if (strcmp(b, forms[i]) == 0)
			return true;
	return false;
}

/* At most one insertion, deletion, substitution or swap of neighbours between a (n) and b (m). */
static bool
one_edit(const ucs4_t *a, size_t n, const ucs4_t *b, size_t m)
{
	size_t i = 0;

	if (n > m)
		return one_edit(b, m, a, n);
	if (m - n > 1)
		return false;
	while (i < n && a[i] == b[i])
		i++;
	if (i == n)
		return true;
	if (n == m)
		return memcmp(a + i + 1, b + i + 1, (n - i - 1) * sizeof *a) == 0 ||
		    (i + 1 < n && a[i] == b[i + 1] && a[i + 1] == b[i] && memcmp(a + i + 2, b + i + 2, (n - i - 2) * sizeof *a) == 0);
	return memcmp(a + i, b + i + 1, (n - i) * sizeof *a) == 0;
}

/* Text word against phrase word: 0 the same (or inflected), 1 misspelt, 2 another word. */
static int
word_cmp(const ucs4_t *t, size_t n, const ucs4_t *w, size_t m)
{
	if (inflected(t, n, w, m))
		return 0;
	if (your_form(w, m) && your_form(t, n))
		return 1;
	if (n >= 4 && m >= 4 && one_edit(t, n, w, m))
		return 1;
	return 2;
}

/*
 * A phishing phrase ("=verify your account") that the words around the near
 * miss c of the one-word phrase p complete: every other word the same or
 * inflected, at most (k - 1) / 2 of them misspelt themselves. Words are
 * joined by single spaces (any other punctuation ends the phrase). Returns
 * the phrase, or NULL: a lone misspelt word is a human's slip.
 */
static const struct phrase *
phish_around(const struct nstream *ns, const struct phrase *p, const struct cand *c)
{
	if (!p->word || (c->s > 0 && is_wordc(ns->c[c->s - 1])) || (c->e < ns->n && is_wordc(ns->c[c->e])))
		return NULL;
	for (size_t qi = 0; qi < lists.nphish; qi++) {
		const struct phrase *q = &lists.phrases.v[lists.phish[qi]];
		size_t ws[16], we[16], k = 0;

		if (!q->phish)
			continue;
		/* the phrase's words */
		for (size_t i = 0; i < q->len && k < 16;) {
			while (i < q->len && q->c[i] == ' ')
				i++;
			if (i == q->len)
				break;
			ws[k] = i;
			while (i < q->len && q->c[i] != ' ')
				i++;
			we[k++] = i;
		}
		for (size_t j = 0; j < k; j++) {
			size_t near = 0, pos;
			bool ok = true;

			if (we[j] - ws[j] != p->len || memcmp(q->c + ws[j], p->c, p->len * sizeof *p->c) != 0)
				continue;
			/* words before, right to left */
			pos = c->s;
			for (size_t x = j; x-- > 0 && ok;) {
				size_t e, s;

				if (pos < 2 || ns->c[pos - 1] != ' ' || !is_wordc(ns->c[pos - 2])) {
					ok = false;
					break;
				}
				e = pos - 1;
				for (s = e; s > 0 && is_wordc(ns->c[s - 1]); s--)
					;
				switch (word_cmp(ns->c + s, e - s, q->c + ws[x], we[x] - ws[x])) {
				case 0: break;
				case 1: near++; break;
				default: ok = false;
				}
				pos = s;
			}
			/* and after, left to right */
			pos = c->e;
			for (size_t x = j + 1; x < k && ok; x++) {
				size_t s, e;

				if (pos + 1 >= ns->n || ns->c[pos] != ' ' || !is_wordc(ns->c[pos + 1])) {
					ok = false;
					break;
				}
				s = pos + 1;
				for (e = s; e < ns->n && is_wordc(ns->c[e]); e++)
					;
				switch (word_cmp(ns->c + s, e - s, q->c + ws[x], we[x] - ws[x])) {
				case 0: break;
				case 1: near++; break;
				default: ok = false;
				}
				pos = e;
			}
			if (ok && k >= 2 && near <= (k - 1) / 2)
				return q;
		}
	}
	return NULL;
}

/* The quoted text of [s, e) and its byte span. */
static char *
stream_quote(const char *src, const struct nstream *ns, size_t s, size_t e, size_t *bs, size_t *be)
{
	*bs = ns->from[s];
	*be = ns->to[e - 1];
	return esc_dup(src + *bs, *be - *bs, EXCERPT_COLS);
}

/*
 * Phishing phrases whose words are all there but "your" is put as "you" or
 * "you're" ("verify you account"): the grammar of a foreign writer in the
 * phrase phishing uses. Adds a TEXT_TYPO on the wrong form; taken marks
 * text already reported.
 */
static void
phish_your(const char *src, const struct nstream *ns, const char *where, long base, bool *taken,
    size_t *emitted, struct findings *fs)
{
	for (size_t i = 0; i < ns->n && *emitted < MAX_PER_FIELD && lists.nphish > 0; i++) {
		if (!is_wordc(ns->c[i]) || (i > 0 && is_wordc(ns->c[i - 1])))
			continue;
		for (size_t qi = 0; qi < lists.nphish && *emitted < MAX_PER_FIELD; qi++) {
			const struct phrase *q = &lists.phrases.v[lists.phish[qi]];
			size_t pos = i, qp = 0, bad_s = 0, bad_e = 0, nbad = 0;
			bool ok = true;

			if (!q->phish || q->c[0] != ns->c[i])
				continue;
			while (ok && qp < q->len) {
				size_t qe = qp, e = pos;

				while (qe < q->len && q->c[qe] != ' ')
					qe++;
				while (e < ns->n && is_wordc(ns->c[e]))
					e++;
				if (e == pos)
					ok = false;
				else if (!inflected(ns->c + pos, e - pos, q->c + qp, qe - qp)) {
					if (your_form(ns->c + pos, e - pos) && your_form(q->c + qp, qe - qp) && nbad == 0)
						bad_s = pos, bad_e = e, nbad++;
					else
						ok = false;
				}
				qp = qe;
				pos = e;
				if (ok && qp < q->len) {   /* one space between the words */
					qp++;
					if (pos >= ns->n || ns->c[pos] != ' ')
						ok = false;
					pos++;
				}
			}
			if (!ok || nbad != 1 || (pos < ns->n && is_wordc(ns->c[pos])) || taken[bad_s])
				continue;
			{
				size_t bs, be;
				char *w = stream_quote(src, ns, bad_s, bad_e, &bs, &be);

				finding_add(fs, F_TEXT_TYPO, -1, where, base + (long)bs, base + (long)be,
				    _("\"%s\" for \"your\" in \"%s\""), w, q->text);
				free(w);
			}
			for (size_t x = bad_s; x < bad_e; x++)
				taken[x] = true;
			(*emitted)++;
			break;
		}
	}
}

static void
typo_check(const char *src, const struct nstream *ns, const char *where, long base, struct findings *fs)
{
	struct cands cs = { NULL, 0, 0 };
	size_t emitted = 0;
	bool *taken;

	if (lists.phrases.n == 0 || ns->n < 2)
		return;
	typo_candidates(ns, &cs);
	taken = xcalloc(ns->n + 1, sizeof *taken);

	/* Repeated fragments after an exact match: "Ltd.td.", "申し上げます上げます". */
	for (size_t i = 0; i < cs.n && emitted < MAX_PER_FIELD; i++) {
		const struct cand *c = &cs.v[i];
		const struct phrase *p = &lists.phrases.v[c->phrase];

		if (c->cost != 0 || p->len < 3)
			continue;
		for (size_t k = p->len - 1; k >= 2; k--) {
			size_t letters = 0, s, e;

			if (c->e + k > ns->n || memcmp(ns->c + c->e, p->c + p->len - k, k * sizeof(ucs4_t)) != 0)
				continue;
			for (size_t x = 0; x < k; x++)
				letters += is_word_char(p->c[p->len - k + x]);
			if (letters < 2)
				continue;
			if (c->e + k < ns->n && is_latin_letter(p->c[p->len - 1]) && is_latin_letter(ns->c[c->e + k]))
				continue;
			if (c->e + k < ns->n && is_kana(p->c[p->len - 1]) && is_kana(ns->c[c->e + k]))
				continue;
			s = c->s, e = c->e + k;
			if (p->latin_start) {   /* the whole token: "Co,Ltd.td." */
				while (s > 0 && ns->c[s - 1] != ' ')
					s--;
				while (e < ns->n && ns->c[e] != ' ')
					e++;
			}
			if (taken[s])
				break;
			{
				struct buf rep;
				size_t bs, be;
				char *q = stream_quote(src, ns, s, e, &bs, &be);

				buf_init(&rep);
				u32_to_buf(&rep, p->c + p->len - k, k);
				finding_add(fs, F_TEXT_TYPO, -1, where, base + (long)bs, base + (long)be,
				    _("\"%s\" repeats \"%s\" after \"%s\""), q, rep.s, p->text);
				buf_free(&rep);
				free(q);
			}
			for (size_t x = s; x < e; x++)
				taken[x] = true;
			emitted++;
			break;
		}
	}

	/* Near misses: not inside an exact match of any phrase, not covered by correctly spelt phrases, longest phrase first. */
	bool any_near = false;

	for (size_t i = 0; i < cs.n && !any_near; i++)
		any_near = cs.v[i].cost > 0;
	if (any_near) {
		bool *good = xcalloc(ns->n + 1, sizeof *good);
		size_t *reach = xcalloc(ns->n + 1, sizeof *reach);   /* furthest end of an exact match starting at or before x */

		for (size_t i = 0; i < cs.n; i++)
			if (cs.v[i].cost == 0) {
				if (cs.v[i].e > reach[cs.v[i].s])
					reach[cs.v[i].s] = cs.v[i].e;
				for (size_t x = cs.v[i].s; x < cs.v[i].e; x++)
					good[x] = true;
			}
		for (size_t x = 1; x <= ns->n; x++)
			if (reach[x - 1] > reach[x])
				reach[x] = reach[x - 1];
		for (size_t i = 0; i < cs.n; i++)
			if (cs.v[i].cost > 0 && reach[cs.v[i].s] >= cs.v[i].e)
				cs.v[i].cost = -1;
		free(reach);
		for (size_t i = 0; i < cs.n; i++) {
			bool covered = cs.v[i].cost > 0;

			for (size_t x = cs.v[i].s; x < cs.v[i].e && covered; x++)
				covered = good[x];
			if (covered)
				cs.v[i].cost = -1;
		}
		free(good);
	}
	for (;;) {
		struct cand *bestc = NULL;

		for (size_t i = 0; i < cs.n; i++) {
			struct cand *c = &cs.v[i];
			const struct phrase *p = &lists.phrases.v[c->phrase];
			bool inside = false, clash = false;

			if (c->cost <= 0)
				continue;
			if (!inside && p->latin_start && latin_inflection(ns, p, c->s, c->e))
				inside = true;
			if (!inside && p->context && !lookalike_only(ns, p, c->s, c->e) && phish_around(ns, p, c) == NULL)
				inside = true;
			for (size_t x = c->s; x < c->e && !clash; x++)
				clash = taken[x];
			if (!inside && p->latin_start)   /* homoglyphs are TEXT_MIXED_SCRIPT's */
				for (size_t x = c->s; x < c->e && !inside; x++)
					inside = ns->c[x] >= 0x80 && uc_is_alpha(ns->c[x]) && !is_latin_letter(ns->c[x]);
			if (inside || clash) {
				c->cost = -1;
				continue;
			}
			if (bestc == NULL || p->len > lists.phrases.v[bestc->phrase].len ||
			    (p->len == lists.phrases.v[bestc->phrase].len && c->cost < bestc->cost))
				bestc = c;
		}
		if (bestc == NULL || emitted >= MAX_PER_FIELD)
			break;
		{
			size_t bs, be;
			char *q = stream_quote(src, ns, bestc->s, bestc->e, &bs, &be);

			const struct phrase *bp = &lists.phrases.v[bestc->phrase];
			const struct phrase *ph = bp->context && !lookalike_only(ns, bp, bestc->s, bestc->e) ?
			    phish_around(ns, bp, bestc) : NULL;

			if (ph != NULL)
				finding_add(fs, F_TEXT_TYPO, -1, where, base + (long)bs, base + (long)be,
				    _("\"%s\": probably \"%s\" (%s) in \"%s\""), q, bp->text,
				    bestc->edits != NULL ? bestc->edits : "", ph->text);
			else
				finding_add(fs, F_TEXT_TYPO, -1, where, base + (long)bs, base + (long)be,
				    _("\"%s\": probably \"%s\" (%s)"), q, bp->text,
				    bestc->edits != NULL ? bestc->edits : "");
			free(q);
		}
		for (size_t x = bestc->s; x < bestc->e; x++)
			taken[x] = true;
		bestc->cost = -1;
		emitted++;
	}
	phish_your(src, ns, where, base, taken, &emitted, fs);
	for (size_t i = 0; i < cs.n; i++)
		free(cs.v[i].edits);
	free(cs.v);
	free(taken);
}

/* ---------------------------------------------------------------- TEXT_URGENCY */

/* The kinds the shipped urgency lists use, for the catalogue; user kinds are shown as written. */
static const char *const urgency_kinds[] = { N_("deadline"), N_("suspension"), N_("threat"), N_("loss") };

static const char *
kind_label(const char *kind)
{
	for (size_t i = 0; i < sizeof urgency_kinds / sizeof urgency_kinds[0]; i++)
		if (strcmp(kind, urgency_kinds[i]) == 0)
			return _(urgency_kinds[i]);
	return kind;
}

/* Match pattern p at stream position i ('#' is a run of digits). Returns the end, or 0. */
static size_t
urgency_match(const struct nstream *ns, const struct phrase *p, size_t i)
{
	size_t j = i;

	for (size_t k = 0; k < p->len; k++) {
		if (p->c[k] == '#') {
			size_t d = j;

			while (j < ns->n && ns->c[j] >= '0' && ns->c[j] <= '9')
				j++;
			if (j == d)
				return 0;
			continue;
		}
		if (j >= ns->n || ns->c[j] != p->c[k])
			return 0;
		j++;
	}
	return boundary_ok(ns, p, i, j) ? j : 0;
}

#define URGENCY_NEAR 240   /* code points of the match stream: "near" for urgency context (a paragraph or two) */

/* What stands around the urgency wording of a field, from outside it. */
struct urgency_ctx {
	bool bounce;              /* a delivery report: quoted wording is the returned mail's */
	const size_t *links;      /* byte offsets of the field's links (HTML anchors' text) */
	size_t nlinks;
	int outside;              /* the subject: 2 the body presses or asks to act, 1 it links, 0 neither */
	int *inside;              /* out (may be NULL): the same of this field */
};

struct uhit {
	size_t s, e;
	const struct phrase *p;
	int cls;                  /* 0 deadline, 1 pressure (suspension, threat, loss), 2 action (context only) */
};

/* Stream positions where a URL starts ("http://", "https://", "www."). */
static bool
url_at(const struct nstream *ns, size_t i)
{
	static const char *const pre[] = { "http://", "https://", "www." };

	if (i > 0 && is_word_char(ns->c[i - 1]))
		return false;
	for (size_t k = 0; k < 3; k++) {
		size_t l = strlen(pre[k]), x = 0;

		while (x < l && i + x < ns->n && ns->c[i + x] == (ucs4_t)pre[k][x])
			x++;
		if (x == l)
			return true;
	}
	return false;
}

/* The line of the hit starts with '>': quoted from another mail. */
static bool
quoted_at(const char *src, size_t bs)
{
	size_t b = bs;

	while (b > 0 && src[b - 1] != '\n')
		b--;
	while (b < bs && (src[b] == ' ' || src[b] == '\t'))
		b++;
	return src[b] == '>';
}

/* Just before stream position i the text names a link or code ("this link will expire", "このURLの有効期限"): the mail's own token, not a threat. */
static bool
token_before(const struct nstream *ns, size_t i)
{
	static const ucs4_t *const words[] = {
		U"link", U"url", U"code", U"token", U"リンク", U"コード", U"認証番号", U"確認番号",
	};
	size_t from = i > 40 ? i - 40 : 0;

	for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
		size_t l = 0;

		while (words[k][l] != 0)
			l++;
		for (size_t x = from; x + l <= i; x++)
			if (memcmp(ns->c + x, words[k], l * sizeof(ucs4_t)) == 0)
				return true;
	}
	return false;
}

/*
 * TEXT_URGENCY, weighed by what stands near the wording: a deadline or a
 * threat with the other, or with a call to act ("click here", "ログイン",
 * kind "action" in the lists), or a threat in a mail with a link, is
 * pressure (the default severity); a threat alone or a deadline next to a
 * link is low; a deadline alone ("as soon as
 * possible" in a colleague's reply), the lifetime of the mail's own link or
 * code ("this link will expire in 6 hours"), any wording in a delivery report
 * or on a quoted line is info.
 */
static void
urgency_check(const char *src, const struct nstream *ns, const char *where, long base, const struct urgency_ctx *ux,
    struct findings *fs)
{
	struct uhit *h = NULL;
	size_t nh = 0, cap = 0, *urls = NULL, nurls = 0, ucap = 0, emitted = 0;
	int inside = 0;

	if (lists.urgency.n == 0)
		return;
	for (size_t i = 0; i < ns->n; i++) {
		ucs4_t keys[2] = { ns->c[i], ns->c[i] >= '0' && ns->c[i] <= '9' ? '#' : 0 };
		size_t e = 0;
		const struct phrase *hit = NULL;

		if ((ns->c[i] == 'h' || ns->c[i] == 'w') && url_at(ns, i)) {
			if (nurls == ucap) {
				ucap = ucap ? ucap * 2 : 16;
				urls = xreallocarray(urls, ucap, sizeof *urls);
			}
			urls[nurls++] = i;
		}
		/* inside an English word or number no pattern starts (they start at word boundaries) */
		if (i > 0 && ns->c[i] < 0x80 && ns->c[i - 1] < 0x80 && is_word_char(ns->c[i]) && is_word_char(ns->c[i - 1]))
			continue;
		{
			/* the first two code points ('#' and what follows a number) must start some pattern */
			ucs4_t c1 = i + 1 < ns->n ? ns->c[i + 1] : 0, c2 = 0;
			size_t hb = hash64(bigram_key(keys[0], c1)) & 0xffff, h2 = 0;
			bool maybe = lists.urgbits[hb >> 3] & (1u << (hb & 7));

			if (!maybe && keys[1] != 0) {
				size_t j = i;

				while (j < ns->n && ns->c[j] >= '0' && ns->c[j] <= '9')
					j++;
				c2 = j < ns->n ? ns->c[j] : 0;
				h2 = hash64(bigram_key('#', c2)) & 0xffff;
				maybe = lists.urgbits[h2 >> 3] & (1u << (h2 & 7));
			}
			if (!maybe)
				continue;
		}

		for (int kk = 0; kk < 2 && hit == NULL && keys[kk] != 0; kk++) {
			size_t hh = hash64(keys[kk]) & (lists.nufirst - 1);

			for (size_t k = lists.ufirst[hh]; k != 0; k = lists.unext[k - 1]) {
				const struct phrase *p = &lists.urgency.v[k - 1];

				if (p->c[0] != keys[kk])
					continue;
				if ((e = urgency_match(ns, p, i)) != 0) {
					hit = p;
					break;
				}
			}
		}
		if (hit == NULL)
			continue;
		if (nh == cap) {
			cap = cap ? cap * 2 : 16;
			h = xreallocarray(h, cap, sizeof *h);
		}
		h[nh].s = i;
		h[nh].e = e;
		h[nh].p = hit;
		h[nh].cls = hit->kind == NULL ? 1 : strcmp(hit->kind, "deadline") == 0 ? 0 : strcmp(hit->kind, "action") == 0 ? 2 : 1;
		if (h[nh].cls != 0 && inside < 2)
			inside = 2;
		nh++;
		i = e - 1;
	}
	if (nurls > 0 || (ux != NULL && ux->nlinks > 0))
		inside = inside ? inside : 1;
	for (size_t k = 0; k < nh && emitted < MAX_PER_FIELD; k++) {
		const struct uhit *u = &h[k];
		size_t bs = ns->from[u->s], be = ns->to[u->e - 1];
		bool press = false, act = false, link = false;
		int sev;
		char *q;

		if (u->cls == 2)
			continue;
		/* what stands near: other wording (hits are in text order: look outwards), URLs, links */
		for (size_t x = k; x-- > 0 && h[x].e + URGENCY_NEAR >= u->s;) {
			act |= h[x].cls == 2;
			press |= h[x].cls != 2 && h[x].cls != u->cls;
		}
		for (size_t x = k + 1; x < nh && h[x].s <= u->e + URGENCY_NEAR; x++) {
			act |= h[x].cls == 2;
			press |= h[x].cls != 2 && h[x].cls != u->cls;
		}
		for (size_t x = 0; x < nurls && !link; x++)
			link = (urls[x] > u->s ? urls[x] - u->s : u->s - urls[x]) <= URGENCY_NEAR;
		for (size_t x = 0; ux != NULL && x < ux->nlinks && !link; x++) {
			size_t lb = ux->links[x], near = 3 * URGENCY_NEAR;   /* bytes: Japanese is three a code point */

			link = (lb > bs ? lb - bs : bs - lb) <= near;
		}
		if (ux != NULL && ux->outside == 2)
			act = true;
		else if (ux != NULL && ux->outside == 1)
			link = true;
		if (press || act || (u->cls == 1 && (nurls > 0 || (ux != NULL && (ux->nlinks > 0 || ux->outside == 1)))))
			sev = -1;   /* a threat and a link anywhere in the mail: the shape of phishing */
		else if (u->cls == 1 || link)
			sev = SEV_LOW;
		else
			sev = SEV_INFO;
		if ((ux != NULL && ux->bounce) || quoted_at(src, bs) || (u->cls == 0 && token_before(ns, u->s)))
			sev = SEV_INFO;
		q = esc_dup(src + bs, be - bs, EXCERPT_COLS);
		if (strcmp(q, u->p->text) == 0)   /* as listed: the kind is news enough */
			finding_add(fs, F_TEXT_URGENCY, sev, where, base + (long)bs, base + (long)be,
			    _("\"%s\" (%s)"), q, u->p->kind != NULL ? kind_label(u->p->kind) : _("urgency"));
		else
			finding_add(fs, F_TEXT_URGENCY, sev, where, base + (long)bs, base + (long)be,
			    _("\"%s\" (%s: \"%s\")"), q, u->p->kind != NULL ? kind_label(u->p->kind) : _("urgency"), u->p->text);
		free(q);
		emitted++;
	}
	if (ux != NULL && ux->inside != NULL)
		*ux->inside = inside;
	free(h);
	free(urls);
}

/* ---------------------------------------------------------------- TEXT_FOREIGN_GLYPH */

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
static bool
looks_japanese(const char *s, size_t len)
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

static void
glyph_check(const char *s, size_t len, const char *where, long base, struct findings *fs)
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
			char *q = esc_dup(s + ws, we - ws, EXCERPT_COLS);

			finding_add(fs, F_TEXT_FOREIGN_GLYPH, -1, where, base + (long)ws, base + (long)we,
			    _("\"%s\": %s not in the Japanese character sets (JIS X 0213, CP932)"), q, list.s);
			free(q);
			emitted++;
		}
		buf_free(&list);
	}
}

/* ---------------------------------------------------------------- TEXT_MIXED_SCRIPT */

/* Greek letters that pass for Latin ones. */
static bool
greek_lookalike(ucs4_t c)
{
	static const ucs4_t g[] = {
		0x391, 0x392, 0x395, 0x396, 0x397, 0x399, 0x39a, 0x39c, 0x39d, 0x39f, 0x3a1, 0x3a4,
		0x3a5, 0x3a7, 0x3b1, 0x3b9, 0x3ba, 0x3bd, 0x3bf, 0x3c1, 0x3c5, 0x3c7, 0x3f2, 0x3f3,
	};

	for (size_t i = 0; i < sizeof g / sizeof g[0]; i++)
		if (g[i] == c)
			return true;
	return false;
}

static void
script_check(const char *s, size_t len, const char *where, long base, struct findings *fs)
{
	char *brk;
	size_t emitted = 0;

	if (len == 0)
		return;
	/* cheap exit: no Cyrillic or Greek byte lead (U+0370..U+052F is 0xCD..0xD4) */
	{
		bool any = false;

		for (size_t i = 0; i < len && !any; i++)
			any = (unsigned char)s[i] >= 0xcd && (unsigned char)s[i] <= 0xd4;
		if (!any)
			return;
	}
	brk = xmalloc(len);
	u8_wordbreaks((const uint8_t *)s, len, brk);
	for (size_t i = 0; i < len && emitted < MAX_PER_FIELD;) {
		size_t j = i + 1, latin = 0, other = 0;
		struct buf names;

		/* a UAX #29 word, also cut at '.' and ':' ("кадров.pdf" is two words here) */
		while (j < len && !brk[j] && s[j] != '.' && s[j] != ':' && s[j] != '\'')
			j++;
		if (j == i + 1 && (s[i] == '.' || s[i] == ':' || s[i] == '\'')) {
			i = j;
			buf_init(&names);
			buf_free(&names);
			continue;
		}
		buf_init(&names);
		for (size_t x = i; x < j;) {
			ucs4_t c;
			int k = next_cp(s, j, x, &c);
			const uc_script_t *sc;

			x += (size_t)k;
			if (c < 0x80) {
				latin += is_latin_letter(c);
				continue;
			}
			if (!uc_is_alpha(c) || (sc = uc_script(c)) == NULL)
				continue;
			if (strcmp(sc->name, "Latin") == 0)
				latin++;
			else if (strcmp(sc->name, "Cyrillic") == 0 || (strcmp(sc->name, "Greek") == 0 && greek_lookalike(c))) {
				char nm[UNINAME_MAX];

				if (other++ < 4) {
					if (names.len > 0)
						buf_adds(&names, ", ");
					buf_add(&names, s + x - k, (size_t)k);
					buf_addf(&names, " U+%04X %s", (unsigned)c,
					    unicode_character_name(c, nm) != NULL ? nm : "");
				}
			}
		}
		if (latin > 0 && other > 0) {
			char *q = esc_dup(s + i, j - i, EXCERPT_COLS);

			finding_add(fs, F_TEXT_MIXED_SCRIPT, -1, where, base + (long)i, base + (long)j,
			    _("\"%s\" mixes Latin letters with %s"), q, names.s);
			free(q);
			emitted++;
		}
		buf_free(&names);
		i = j;
	}
	free(brk);
}

/* ---------------------------------------------------------------- INVISIBLE_CHARS, BIDI_CONTROL */

/* A default-ignorable code point that hides inside a word; the legitimate joiners are spared. */
static bool
hiding(ucs4_t c, ucs4_t before, ucs4_t after)
{
	const uc_script_t *sb, *sa;

	if (is_bidi_control(c) || is_bidi_mark(c) || !uc_is_property_default_ignorable_code_point(c))
		return false;
	if ((c >= 0xfe00 && c <= 0xfe0f) || (c >= 0xe0100 && c <= 0xe01ef) || c == 0x34f ||
	    (c >= 0x180b && c <= 0x180f) || c == 0x3164 || c == 0xffa0 || c == 0x115f || c == 0x1160)
		return false;   /* variation selectors (ideographic variants, emoji), CGJ, Mongolian, Hangul fillers */
	if (!is_word_char(before) || !is_word_char(after))
		return false;
	sb = uc_script(before);
	sa = uc_script(after);
	if (c == 0x200c || c == 0x200d || c == 0x200b) {
		/* joiners and word separators are spelling in these scripts */
		static const char *const own[] = {
			"Arabic", "Syriac", "Devanagari", "Bengali", "Gurmukhi", "Gujarati", "Oriya", "Tamil",
			"Telugu", "Kannada", "Malayalam", "Sinhala", "Thai", "Lao", "Khmer", "Myanmar", "Tibetan",
			"Hebrew", "Mongolian",
		};

		for (size_t i = 0; i < sizeof own / sizeof own[0]; i++)
			if ((sb != NULL && strcmp(sb->name, own[i]) == 0) || (sa != NULL && strcmp(sa->name, own[i]) == 0))
				return false;
	}
	return true;
}

static void
hidden_check(const char *s, size_t len, const char *where, long base, struct findings *fs)
{
	size_t emitted = 0;
	ucs4_t prev = 0;

	for (size_t i = 0; i < len && emitted < MAX_PER_FIELD;) {
		ucs4_t c, after = 0;
		int k;
		size_t j, ws, we;

		if ((unsigned char)s[i] < 0x80) {
			prev = (unsigned char)s[i++];
			continue;
		}
		k = next_cp(s, len, i, &c);

		if (c < 0xad || !uc_is_property_default_ignorable_code_point(c)) {
			prev = c;
			i += (size_t)k;
			continue;
		}
		/* the next visible code point */
		for (j = i + (size_t)k; j < len;) {
			ucs4_t d;
			int m = next_cp(s, len, j, &d);

			if (!uc_is_property_default_ignorable_code_point(d)) {
				after = d;
				break;
			}
			j += (size_t)m;
		}
		if (!hiding(c, prev, after)) {
			i += (size_t)k;
			continue;
		}
		/* the word around it */
		ws = i;
		while (ws > 0) {
			size_t p = ws - 1;
			ucs4_t d;

			while (p > 0 && ((unsigned char)s[p] & 0xc0) == 0x80)
				p--;
			next_cp(s, len, p, &d);
			if (!is_word_char(d) && !uc_is_property_default_ignorable_code_point(d))
				break;
			ws = p;
		}
		we = j;
		while (we < len) {
			ucs4_t d;
			int m = next_cp(s, len, we, &d);

			if (!is_word_char(d) && !uc_is_property_default_ignorable_code_point(d))
				break;
			we += (size_t)m;
		}
		{
			struct buf looks;
			char *really = esc_dup(s + ws, we - ws, 0);

			buf_init(&looks);
			for (size_t x = ws; x < we;) {
				ucs4_t d;
				int m = next_cp(s, len, x, &d);

				if (!uc_is_property_default_ignorable_code_point(d))
					buf_add(&looks, s + x, (size_t)m);
				x += (size_t)m;
			}
			finding_add(fs, F_INVISIBLE_CHARS, -1, where, base + (long)ws, base + (long)we,
			    _("looks like \"%s\", really \"%s\""), looks.s, really);
			buf_free(&looks);
			free(really);
		}
		emitted++;
		prev = 0;
		i = we;
	}
}

/* What a bidi-aware display shows: right-to-left overrides reverse their run (by grapheme), the controls vanish. */
static char *
bidi_visual(const char *s, size_t len)
{
	struct buf out, run;
	int depth = 0;

	buf_init(&out);
	buf_init(&run);
	for (size_t i = 0; i <= len;) {
		ucs4_t c = 0;
		int k = i < len ? next_cp(s, len, i, &c) : 1;
		bool end = i >= len || c == '\n' || (depth > 0 && (c == 0x202c || c == 0x2069));

		if (end && depth > 0 && run.len > 0) {
			/* emit the run reversed by grapheme cluster */
			const uint8_t *b = (const uint8_t *)run.s, *e = b + run.len;
			const uint8_t **g = xreallocarray(NULL, run.len + 1, sizeof *g);
			size_t ng = 0;

			for (const uint8_t *p = b; p < e; p = u8_grapheme_next(p, e))
				g[ng++] = p;
			g[ng] = e;
			for (size_t x = ng; x > 0; x--)
				buf_add(&out, (const char *)g[x - 1], (size_t)(g[x] - g[x - 1]));
			free(g);
			run.len = 0;
			if (run.s != NULL)
				run.s[0] = '\0';
			depth = 0;
		} else if (end)
			depth = 0;
		if (i >= len)
			break;
		if (c == 0x202e)
			depth = 1;
		else if (is_bidi_control(c) || is_bidi_mark(c))
			;
		else if (depth > 0)
			buf_add(&run, s + i, (size_t)k);
		else
			buf_add(&out, s + i, (size_t)k);
		i += (size_t)k;
	}
	buf_free(&run);
	return buf_take(&out);
}

static void
bidi_check(const char *s, size_t len, const char *where, long base, bool overrides_only, bool marks, struct findings *fs)
{
	size_t first = len, last = 0, n = 0;

	for (size_t i = 0; i < len;) {
		ucs4_t c;
		int k;

		if ((unsigned char)s[i] != 0xe2 && (unsigned char)s[i] != 0xd8) {   /* U+2xxx and U+061C */
			i++;
			continue;
		}
		k = next_cp(s, len, i, &c);
		if ((overrides_only ? (c == 0x202d || c == 0x202e) : is_bidi_control(c)) || (marks && is_bidi_mark(c))) {
			if (first == len)
				first = i;
			last = i + (size_t)k;
			n++;
		}
		i += (size_t)k;
	}
	if (n == 0)
		return;
	{
		/* show the line that holds them */
		size_t ls = first, le = last;
		char *vis, *really, *v;

		while (ls > 0 && s[ls - 1] != '\n' && first - ls < 40)
			ls--;
		while (ls < first && ((unsigned char)s[ls] & 0xc0) == 0x80)
			ls++;
		while (le < len && s[le] != '\n' && le - last < 60)
			le++;
		while (le < len && ((unsigned char)s[le] & 0xc0) == 0x80)
			le++;
		vis = bidi_visual(s + ls, le - ls);
		v = esc_dup(vis, strlen(vis), EXCERPT_COLS * 2);
		really = esc_dup(s + ls, le - ls, EXCERPT_COLS * 2);
		finding_add(fs, F_BIDI_CONTROL, -1, where, base + (long)first, base + (long)le,
		    _("looks like \"%s\", really \"%s\""), v, really);
		free(vis);
		free(v);
		free(really);
	}
}

/* ---------------------------------------------------------------- the fields */

static void scan_ctx(const char *s, size_t len, const char *where, long base, unsigned flags,
    const struct urgency_ctx *ux, struct findings *fs);

void
text_scan(const char *s, size_t len, const char *where, long base, unsigned flags, struct findings *fs)
{
	scan_ctx(s, len, where, base, flags, NULL, fs);
}

/*
 * urgency_check over the window of s starting at ws (ns built on it): the
 * context's link offsets are moved into the window, and what the window found
 * around its wording adds to what the field found so far.
 */
static void
urgency_window(const char *s, size_t ws, const struct nstream *ns, const char *where, long base,
    const struct urgency_ctx *ux, struct findings *fs)
{
	struct urgency_ctx w;
	size_t *links = NULL;
	int inside = 0;

	if (ux == NULL) {
		urgency_check(s + ws, ns, where, base + (long)ws, NULL, fs);
		return;
	}
	w = *ux;
	w.nlinks = 0;
	if (ux->nlinks > 0)
		links = xreallocarray(NULL, ux->nlinks, sizeof *links);
	for (size_t i = 0; i < ux->nlinks; i++)
		if (ux->links[i] >= ws)
			links[w.nlinks++] = ux->links[i] - ws;
	w.links = links;
	w.inside = ux->inside != NULL ? &inside : NULL;
	urgency_check(s + ws, ns, where, base + (long)ws, &w, fs);
	if (ux->inside != NULL && inside > *ux->inside)
		*ux->inside = inside;
	free(links);
}

static void
scan_ctx(const char *s, size_t len, const char *where, long base, unsigned flags, const struct urgency_ctx *ux,
    struct findings *fs)
{
	struct nstream ns;
	char *copy = NULL;

	if (s == NULL || len == 0)
		return;
	if (!(flags & TEXT_VALID_UTF8) && u8_check((const uint8_t *)s, len) != NULL) {
		/* invalid bytes become '?': the spans stay those of the input */
		copy = xmalloc(len + 1);
		for (size_t i = 0; i < len;) {
			ucs4_t c;
			int k = u8_mbtoucr(&c, (const uint8_t *)s + i, len - i);

			if (k < 0) {
				copy[i++] = '?';
				continue;
			}
			memcpy(copy + i, s + i, (size_t)k);
			i += (size_t)k;
		}
		copy[len] = '\0';
		s = copy;
	}
	/*
	 * The match stream costs 12 bytes a character: a long body is read in
	 * windows that end at a line break, so memory stays near the body's size.
	 */
	for (size_t ws = 0, we; (flags & (TEXT_TYPO_CHECK | TEXT_URGENCY_CHECK)) && ws < len; ws = we) {
		we = len - ws > NS_WINDOW ? ws + NS_WINDOW : len;
		if (we < len) {
			const char *nl = memrchr(s + ws + NS_WINDOW / 2, '\n', we - ws - NS_WINDOW / 2);

			if (nl != NULL)
				we = (size_t)(nl - s) + 1;
			else
				while (we > ws + 1 && ((unsigned char)s[we] & 0xc0) == 0x80)
					we--;
		}
		ns_build(&ns, s + ws, we - ws);
		if (flags & TEXT_TYPO_CHECK)
			typo_check(s + ws, &ns, where, base + (long)ws, fs);
		if (flags & TEXT_URGENCY_CHECK)
			urgency_window(s, ws, &ns, where, base, ux, fs);
		ns_free(&ns);
	}
	if ((flags & TEXT_GLYPH_CHECK) && ((flags & TEXT_JAPANESE) || looks_japanese(s, len)))
		glyph_check(s, len, where, base, fs);
	if (flags & TEXT_SCRIPT_CHECK)
		script_check(s, len, where, base, fs);
	if (flags & TEXT_HIDDEN_CHECK)
		hidden_check(s, len, where, base, fs);
	if (flags & (TEXT_BIDI_CHECK | TEXT_BIDI_OVERRIDE))
		bidi_check(s, len, where, base, !(flags & TEXT_BIDI_CHECK), false, fs);
	free(copy);
}

static void
display_scan(const struct message *m, const struct address *a, const char *header, unsigned flags, struct findings *fs)
{
	const char *v = message_hvalue(m, header);
	char *where;

	if (a == NULL || !a->present || a->display == NULL || v == NULL || a->name_start < 0 ||
	    a->name_end > (long)strlen(v) || a->name_end <= a->name_start)
		return;
	where = xasprintf("header:%s", header);
	text_scan(v + a->name_start, (size_t)(a->name_end - a->name_start), where, a->name_start, flags, fs);
	free(where);
}

int
text_check(const struct message *m, const struct addresses *a, struct findings *fs, char **cause)
{
	const char *env = getenv("KENSA_NO_TEXT"), *subj;
	struct urgency_ctx ux;
	struct findings bfs;
	size_t *links;
	int inside = 0;
	unsigned jp;
	int rc;
	int nattach = 0;

	if (env != NULL && *env != '\0' && strcmp(env, "0") != 0)
		return 0;
	rc = text_load(cause);
	jp = looks_japanese(m->body, m->body_len) ? TEXT_JAPANESE : 0;
	/* the subject's urgency is weighed by what the body says: scan the body first, report in the usual order */
	memset(&ux, 0, sizeof ux);
	ux.bounce = (a != NULL && a->is_report) || (a != NULL && a->from.addr != NULL &&
	    (ascii_strncasecmp(a->from.addr, "mailer-daemon@", 14) == 0 || ascii_strncasecmp(a->from.addr, "postmaster@", 11) == 0));
	links = xcalloc(m->nlinks + 1, sizeof *links);
	for (size_t i = 0; i < m->nlinks; i++)
		links[i] = m->links[i].start;
	ux.links = links;
	ux.nlinks = m->nlinks;
	ux.inside = &inside;
	memset(&bfs, 0, sizeof bfs);
	scan_ctx(m->body, m->body_len, "body", 0, TEXT_VALID_UTF8 | (jp ? TEXT_GLYPH_CHECK : 0) |
	    TEXT_TYPO_CHECK | TEXT_URGENCY_CHECK | TEXT_SCRIPT_CHECK | TEXT_HIDDEN_CHECK | TEXT_BIDI_OVERRIDE | jp, &ux, &bfs);
	free(links);
	ux.links = NULL;
	ux.nlinks = 0;
	ux.inside = NULL;
	ux.outside = inside;
	if ((subj = message_hvalue(m, "Subject")) != NULL)
		scan_ctx(subj, strlen(subj), "header:Subject", 0, TEXT_ALL_CHECKS | jp, &ux, fs);
	if (a != NULL) {
		display_scan(m, &a->from, "From", (TEXT_ALL_CHECKS & ~TEXT_URGENCY_CHECK) | jp, fs);
		display_scan(m, &a->sender, "Sender", (TEXT_ALL_CHECKS & ~TEXT_URGENCY_CHECK) | jp, fs);
	}
	for (size_t i = 0; i < bfs.n; i++) {   /* moved: the strings now belong to fs */
		if (fs->n == fs->cap) {
			fs->cap = fs->cap ? fs->cap * 2 : 8;
			fs->v = xreallocarray(fs->v, fs->cap, sizeof *fs->v);
		}
		fs->v[fs->n++] = bfs.v[i];
	}
	free(bfs.v);
	for (size_t i = 0; i < m->nparts; i++) {
		const char *fn = m->parts[i].filename;
		char *where;

		if (fn == NULL)
			continue;
		where = xasprintf("attachment[%d]", ++nattach);
		text_scan(fn, strlen(fn), where, 0, TEXT_HIDDEN_CHECK | TEXT_SCRIPT_CHECK, fs);
		bidi_check(fn, strlen(fn), where, 0, false, true, fs);
		free(where);
	}
	return rc;
}
