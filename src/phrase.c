/* phrase.c — the phrase engine: the match stream, the typo and urgency lists with their indexes, fuzzy candidates. */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <unictype.h>
#include <unigbrk.h>
#include <uninorm.h>
#include <unistr.h>
#include <uniwidth.h>

#include "conffile.h"
#include "i18n.h"
#include "normtext.h"
#include "phrase.h"
#include "text-int.h"
#include "util.h"

#define WINDOW          4096      /* code points of text per candidate pass */
#define INF             (1 << 28)
#define WH_MAX          48        /* longest word of the word index */

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

/* ---------------------------------------------------------------- the match stream */

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

void
phrase_stream_free(struct nstream *ns)
{
	free(ns->c);
	free(ns->from);
	free(ns->to);
	memset(ns, 0, sizeof *ns);
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
	ns_push(ns, c, from, to);
}

/* The stream is normtext_unit()'s normal form, lower-cased, with each run of white space one ' '. */
void
phrase_stream_build(struct nstream *ns, const char *s, size_t len)
{
	size_t space_to = 0;
	long space_from = -1;

	memset(ns, 0, sizeof *ns);
	for (size_t i = 0; i < len;) {
		ucs4_t u[NORMTEXT_UNIT_MAX];
		size_t n, k = normtext_unit(s, len, i, true, u, &n);

		for (size_t j = 0; j < n; j++) {
			if (u[j] == ' ') {
				if (space_from < 0)
					space_from = (long)i;
				space_to = i + k;
			} else
				ns_emit(ns, u[j], i, i + k, &space_from, space_to);
		}
		i += k;
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
		phrase_stream_build(&ns, pat, strlen(pat));
		free(pat);
	} else
		phrase_stream_build(&ns, line, n);
	if (ns.n == 0) {
		phrase_stream_free(&ns);
		return;
	}
	p.c = xreallocarray(NULL, ns.n, sizeof *p.c);
	memcpy(p.c, ns.c, ns.n * sizeof *p.c);
	p.len = ns.n;
	phrase_stream_free(&ns);
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
phrase_load(char **cause)
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
		return phrase_load(cause);
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
phrase_unload(void)
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
phrase_count(void)
{
	return lists.phrases.n;
}

size_t
phrase_urgency_count(void)
{
	return lists.urgency.n;
}

/* ---------------------------------------------------------------- fuzzy candidates */

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

void
phrase_candidates(const struct nstream *ns, struct cands *cs)
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

/* ---------------------------------------------------------------- urgency patterns */

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

/*
 * The urgency pattern that starts at stream position i (the longest, when
 * several do), its end in *end; or NULL.
 */
const struct phrase *
phrase_urgency_at(const struct nstream *ns, size_t i, size_t *end)
{
	ucs4_t keys[2] = { ns->c[i], ns->c[i] >= '0' && ns->c[i] <= '9' ? '#' : 0 };

	if (lists.urgency.n == 0)
		return NULL;
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
			return NULL;
	}

	for (int kk = 0; kk < 2 && keys[kk] != 0; kk++) {
		size_t hh = hash64(keys[kk]) & (lists.nufirst - 1);

		for (size_t k = lists.ufirst[hh]; k != 0; k = lists.unext[k - 1]) {
			const struct phrase *p = &lists.urgency.v[k - 1];

			if (p->c[0] != keys[kk])
				continue;
			if ((*end = urgency_match(ns, p, i)) != 0)
				return p;
		}
	}
	return NULL;
}

const struct phrase *
phrase_get(size_t i)
{
	return &lists.phrases.v[i];
}

size_t
phrase_phish_count(void)
{
	return lists.nphish;
}

const struct phrase *
phrase_phish(size_t i)
{
	return &lists.phrases.v[lists.phish[i]];
}

bool
phrase_lookalike(ucs4_t a, ucs4_t b)
{
	return is_lookalike(a, b);
}
