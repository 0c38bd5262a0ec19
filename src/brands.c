/* brands.c — the brand registry: loader, group and domain look-ups, and brand names found in text. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brands.h"
#include "conffile.h"
#include "confusable.h"
#include "lookalike.h"
#include "domain.h"
#include "i18n.h"
#include "normtext.h"
#include "util.h"

/* One alias ready for matching: folded text, and how to compare it. */
struct alias {
	char *folded;        /* NFKC (+ case fold unless exact) */
	size_t len;
	bool exact;          /* short upper-case acronym: compare unfolded */
	bool latin_start;    /* starts / ends with an ASCII letter or digit: needs a word boundary */
	bool latin_end;
	size_t brand;        /* index into v */
};

struct brands {
	struct brand *v;
	size_t n, cap;
	struct alias *aliases;
	size_t naliases, aliases_cap;
	/* Aliases by their first two folded bytes, per kind (0 folded, 1 exact): bucket k is items[start[k]..start[k+1]). */
	unsigned *bucket_start[2];
	unsigned *bucket_items[2];
	size_t *roots;       /* index of each brand's group root */
	bool dirty;          /* aliases need rebuilding */
};

struct brands *
brands_new(void)
{
	return xcalloc(1, sizeof(struct brands));
}

static void
list_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void
brand_free(struct brand *br)
{
	free(br->id);
	free(br->name);
	list_free(br->aliases, br->naliases);
	list_free(br->domains, br->ndomains);
	list_free(br->mail_domains, br->nmail_domains);
	list_free(br->services, br->nservices);
	free(br->parent);
	free(br->country);
	list_free(br->phones, br->nphones);
	list_free(br->domain_skeletons, br->domain_skeletons != NULL ? br->ndomains : 0);
	list_free(br->mail_domain_skeletons, br->mail_domain_skeletons != NULL ? br->nmail_domains : 0);
	lookalike_tokens_free(br->lookalike, br->nlookalike);
	free(br->file);
	memset(br, 0, sizeof *br);
}

static void
aliases_free(struct brands *b)
{
	for (size_t i = 0; i < b->naliases; i++)
		free(b->aliases[i].folded);
	free(b->aliases);
	b->aliases = NULL;
	b->naliases = b->aliases_cap = 0;
	for (int k = 0; k < 2; k++) {
		free(b->bucket_start[k]);
		free(b->bucket_items[k]);
		b->bucket_start[k] = b->bucket_items[k] = NULL;
	}
	free(b->roots);
	b->roots = NULL;
}

void
brands_free(struct brands *b)
{
	if (b == NULL)
		return;
	for (size_t i = 0; i < b->n; i++)
		brand_free(&b->v[i]);
	free(b->v);
	aliases_free(b);
	free(b);
}

static void aliases_build(struct brands *b);

/* ---- parsing ---- */

static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

/* Split a comma-separated value into trimmed non-empty items; lower-cases when lower. */
static void
split_list(const char *value, bool lower, char ***v, size_t *n)
{
	char *copy = xstrdup(value), *p = copy, *comma;

	list_free(*v, *n);
	*v = NULL;
	*n = 0;
	for (;;) {
		char *item;

		comma = strchr(p, ',');
		if (comma != NULL)
			*comma = '\0';
		item = trim(p);
		if (*item != '\0') {
			*v = xreallocarray(*v, *n + 1, sizeof **v);
			(*v)[*n] = xstrdup(item);
			if (lower)
				ascii_lower((*v)[*n]);
			(*n)++;
		}
		if (comma == NULL)
			break;
		p = comma + 1;
	}
	free(copy);
}

static bool
valid_id(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_' || *s == '-'))
			return false;
	return true;
}

static struct brand *
find_mut(struct brands *b, const char *id)
{
	for (size_t i = 0; i < b->n; i++)
		if (strcmp(b->v[i].id, id) == 0)
			return &b->v[i];
	return NULL;
}

/* A section is complete: keep it (replacing one of the same id) when good, else drop it. */
static void
section_end(struct brands *b, struct brand *cur, bool keep, bool open)
{
	struct brand *old;

	if (!keep) {
		if (open)
			brand_free(cur);
		return;
	}
	if ((old = find_mut(b, cur->id)) != NULL) {
		brand_free(old);
		*old = *cur;
	} else {
		if (b->n == b->cap) {
			b->cap = b->cap ? b->cap * 2 : 64;
			b->v = xreallocarray(b->v, b->cap, sizeof *b->v);
		}
		b->v[b->n++] = *cur;
	}
	b->dirty = true;
}

/* Record a bad line: "what: arg". */
static void
problem(struct conffile *cf, const char *what, const char *arg)
{
	if (arg != NULL)
		conffile_error(cf, "%s: %s", _(what), arg);
	else
		conffile_error(cf, "%s", _(what));
}

/* Read every line of cf into b; closes cf. */
static int
load_cf(struct brands *b, struct conffile *cf, char **cause)
{
	const char *name = conffile_name(cf);
	struct conffile_line l;
	struct brand cur;
	bool in = false, bad_section = false;
	unsigned seen = 0;
	char **ids = NULL;
	size_t nids = 0;
	int rc;
	static const char *const keys[] = {
		"name", "aliases", "domains", "mail_domains", "services", "parent", "country", "phones",
	};

	memset(&cur, 0, sizeof cur);
	while (conffile_next(cf, &l)) {
		char *s = l.text, *eq, *key, *value;
		int k;

		if (*s == '[') {
			char *close = strchr(s, ']');

			section_end(b, &cur, in && !bad_section, in);
			memset(&cur, 0, sizeof cur);
			in = true;
			bad_section = false;
			seen = 0;
			if (close == NULL || *trim(close + 1) != '\0') {
				problem(cf, N_("a section line is \"[id]\""), s);
				bad_section = true;
				continue;
			}
			*close = '\0';
			cur.id = xstrdup(trim(s + 1));
			cur.file = xstrdup(name);
			cur.line = (int)l.lineno;
			if (!valid_id(cur.id)) {
				problem(cf, N_("a brand id is lower-case ASCII letters, digits, '_' or '-'"), cur.id);
				bad_section = true;
			}
			for (size_t i = 0; i < nids && !bad_section; i++)
				if (strcmp(ids[i], cur.id) == 0) {
					problem(cf, N_("brand id used twice in one file"), cur.id);
					bad_section = true;
				}
			if ((nids & (nids - 1)) == 0)   /* grow at powers of two */
				ids = xreallocarray(ids, nids ? nids * 2 : 1, sizeof *ids);
			ids[nids++] = xstrdup(cur.id);
			continue;
		}
		if ((eq = strchr(s, '=')) == NULL) {
			problem(cf, N_("expected \"key = value\""), s);
			continue;
		}
		*eq = '\0';
		key = trim(s);
		value = trim(eq + 1);
		if (!in) {
			problem(cf, N_("key outside a [brand] section"), key);
			continue;
		}
		for (k = 0; k < (int)(sizeof keys / sizeof keys[0]); k++)
			if (strcmp(key, keys[k]) == 0)
				break;
		if (k == (int)(sizeof keys / sizeof keys[0])) {
			problem(cf, N_("unknown key"), key);
			bad_section = true;
			continue;
		}
		if (seen & (1u << k)) {
			problem(cf, N_("key given twice in one section"), key);
			bad_section = true;
			continue;
		}
		seen |= 1u << k;
		switch (k) {
		case 0:
			free(cur.name);
			cur.name = *value != '\0' ? xstrdup(value) : NULL;
			break;
		case 1: split_list(value, false, &cur.aliases, &cur.naliases); break;
		case 2: split_list(value, true, &cur.domains, &cur.ndomains); break;
		case 3: split_list(value, true, &cur.mail_domains, &cur.nmail_domains); break;
		case 4: split_list(value, true, &cur.services, &cur.nservices); break;
		case 5:
			free(cur.parent);
			cur.parent = *value != '\0' ? xstrdup(value) : NULL;
			break;
		case 6:
			free(cur.country);
			cur.country = *value != '\0' ? xstrdup(value) : NULL;
			break;
		case 7: split_list(value, false, &cur.phones, &cur.nphones); break;
		}
	}
	/* The last section. */
	section_end(b, &cur, in && !bad_section, in);
	list_free(ids, nids);
	rc = conffile_close(cf, cause);
	/* Ready for matching now: brands_match() may run in several threads at once. */
	if (b->dirty)
		aliases_build(b);
	return rc;
}

int
brands_load_mem(struct brands *b, const char *text, size_t len, const char *name, char **cause)
{
	return load_cf(b, conffile_open_mem(text, len, name, 0), cause);
}

int
brands_load_file(struct brands *b, const char *path, char **cause)
{
	struct conffile *cf = conffile_open(path, 0, cause);

	return cf != NULL ? load_cf(b, cf, cause) : -1;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
brands_load_dir(struct brands *b, const char *dir, char **cause)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0;
	int rc = 0;

	if (cause != NULL)
		*cause = NULL;
	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		size_t l = strlen(e->d_name);

		if (e->d_name[0] == '.' || l < 6 || strcmp(e->d_name + l - 5, ".conf") != 0)
			continue;
		names = xreallocarray(names, n + 1, sizeof *names);
		names[n++] = xasprintf("%s/%s", dir, e->d_name);
	}
	closedir(d);
	if (n > 1)   /* qsort(NULL, 0, ...) is undefined */
		qsort(names, n, sizeof *names, cmp_str);
	for (size_t i = 0; i < n; i++) {
		char *c = NULL;

		if (brands_load_file(b, names[i], &c) != 0) {
			rc = -1;
			if (cause != NULL)
				conffile_join(cause, c);
			else
				free(c);
		}
	}
	list_free(names, n);
	return rc;
}

static struct brands *default_brands;
static char *default_problem;
static char *shipped_problem;   /* the shipped file's part of default_problem */
static bool default_told;
static pthread_once_t default_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t default_lock = PTHREAD_MUTEX_INITIALIZER;

static void
default_load(void)
{
	char *path = util_data_path("brands.conf"), *c = NULL, *dir;

	default_brands = brands_new();
	if (brands_load_file(default_brands, path, &c) != 0) {
		default_problem = c;
		shipped_problem = xstrdup(c);
	}
	free(path);
	dir = util_config_path("brands.d");
	if (dir != NULL) {
		c = NULL;
		if (brands_load_dir(default_brands, dir, &c) != 0)
			conffile_join(&default_problem, c);
		else
			free(c);
		free(dir);
	}
}

int
brands_load_default(char **cause)
{
	pthread_once(&default_once, default_load);
	*cause = shipped_problem != NULL ? xstrdup(shipped_problem) : NULL;
	return shipped_problem != NULL ? -1 : 0;
}

const struct brands *
brands_default(char **cause)
{
	pthread_once(&default_once, default_load);
	if (cause != NULL) {
		*cause = NULL;
		pthread_mutex_lock(&default_lock);
		if (!default_told && default_problem != NULL)
			*cause = xstrdup(default_problem);
		default_told = true;
		pthread_mutex_unlock(&default_lock);
	}
	return default_brands;
}

/* ---- look-ups ---- */

size_t
brands_count(const struct brands *b)
{
	return b != NULL ? b->n : 0;
}

const struct brand *
brands_get(const struct brands *b, size_t i)
{
	return b != NULL && i < b->n ? &b->v[i] : NULL;
}

const struct brand *
brands_find(const struct brands *b, const char *id)
{
	if (b == NULL || id == NULL)
		return NULL;
	for (size_t i = 0; i < b->n; i++)
		if (strcmp(b->v[i].id, id) == 0)
			return &b->v[i];
	return NULL;
}

/* Walk the parent chain (bounded: a parent cycle in a user file must not hang). */
static const struct brand *
root_walk(const struct brands *b, const struct brand *br)
{
	for (int depth = 0; br != NULL && br->parent != NULL && depth < 16; depth++) {
		const struct brand *p = brands_find(b, br->parent);

		if (p == NULL || p == br)
			break;
		br = p;
	}
	return br;
}

const struct brand *
brands_root(const struct brands *b, const struct brand *br)
{
	if (b != NULL && br != NULL && b->roots != NULL && br >= b->v && br < b->v + b->n)
		return &b->v[b->roots[br - b->v]];
	return root_walk(b, br);
}

bool
brands_related(const struct brands *b, const struct brand *x, const struct brand *y)
{
	return x != NULL && y != NULL && brands_root(b, x) == brands_root(b, y);
}

/* host equals d or ends with "." d. */
static bool
host_under(const char *host, size_t hl, const char *d)
{
	size_t dl = strlen(d);

	if (dl == 0 || hl < dl || ascii_strncasecmp(host + hl - dl, d, dl) != 0)
		return false;
	return hl == dl || host[hl - dl - 1] == '.';
}

static bool
list_holds(char *const *v, size_t n, const char *host, size_t hl)
{
	for (size_t i = 0; i < n; i++)
		if (host_under(host, hl, v[i]))
			return true;
	return false;
}

static bool
one_owns(const struct brand *br, const char *host, size_t hl, int what)
{
	return ((what & BRAND_WEB) && list_holds(br->domains, br->ndomains, host, hl)) ||
	    ((what & BRAND_MAIL) && list_holds(br->mail_domains, br->nmail_domains, host, hl)) ||
	    ((what & BRAND_SERVICES) && list_holds(br->services, br->nservices, host, hl));
}

bool
brands_owns(const struct brands *b, const struct brand *br, const char *host, int what)
{
	const struct brand *root;
	size_t hl;

	if (b == NULL || br == NULL || host == NULL)
		return false;
	hl = strlen(host);
	while (hl > 0 && host[hl - 1] == '.')
		hl--;
	if (hl == 0)
		return false;
	root = brands_root(b, br);
	for (size_t i = 0; i < b->n; i++)
		if (brands_root(b, &b->v[i]) == root && one_owns(&b->v[i], host, hl, what))
			return true;
	return false;
}

const struct brand *
brands_lookup_domain(const struct brands *b, const char *host)
{
	size_t hl;

	if (b == NULL || host == NULL)
		return NULL;
	hl = strlen(host);
	while (hl > 0 && host[hl - 1] == '.')
		hl--;
	if (hl == 0)
		return NULL;
	for (size_t i = 0; i < b->n; i++)
		if (one_owns(&b->v[i], host, hl, BRAND_WEB | BRAND_MAIL))
			return &b->v[i];
	return NULL;
}

/* Digits of a phone number in national form: "+81 120-959-684" and "0120959684" both give "0120959684". */
static void
phone_digits(const char *s, char *out, size_t cap)
{
	size_t n = 0;
	bool plus = false;
	char *folded = normtext_fold_str(s, false);

	for (const char *p = folded; *p != '\0' && n + 1 < cap; p++) {
		if (*p == '+' && n == 0)
			plus = true;
		else if (*p >= '0' && *p <= '9')
			out[n++] = *p;
	}
	out[n] = '\0';
	free(folded);
	if (plus && strncmp(out, "81", 2) == 0 && n + 1 < cap) {
		memmove(out + 1, out + 2, n - 1);
		out[0] = '0';
	}
}

bool
brands_has_phone(const struct brands *b, const struct brand *br, const char *number)
{
	const struct brand *root = brands_root(b, br);
	char want[64], have[64];

	if (br == NULL || number == NULL)
		return false;
	phone_digits(number, want, sizeof want);
	for (size_t i = 0; i < b->n; i++) {
		if (brands_root(b, &b->v[i]) != root)
			continue;
		for (size_t j = 0; j < b->v[i].nphones; j++) {
			phone_digits(b->v[i].phones[j], have, sizeof have);
			if (*want != '\0' && strcmp(want, have) == 0)
				return true;
		}
	}
	return false;
}

bool
brands_have_phones(const struct brands *b, const struct brand *br)
{
	const struct brand *root = brands_root(b, br);

	if (br == NULL)
		return false;
	for (size_t i = 0; i < b->n; i++)
		if (brands_root(b, &b->v[i]) == root && b->v[i].nphones > 0)
			return true;
	return false;
}

/* ---- matching ---- */

static bool
is_latin_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Short acronyms collide with words and first names ("Ana", "line", "Tim"): only as written. */
static bool
is_acronym(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++, n++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9')))
			return false;
	return n >= 2 && n <= 4;
}

static void
alias_add(struct brands *b, size_t bi, const char *text)
{
	struct alias a;
	bool exact = is_acronym(text);

	a.folded = normtext_fold_str(text, !exact);
	a.len = strlen(a.folded);
	if (a.len < 2) {
		free(a.folded);
		return;
	}
	a.exact = exact;
	a.latin_start = is_latin_alnum(a.folded[0]);
	a.latin_end = is_latin_alnum(a.folded[a.len - 1]);
	a.brand = bi;
	if (b->naliases == b->aliases_cap) {
		b->aliases_cap = b->aliases_cap ? b->aliases_cap * 2 : 256;
		b->aliases = xreallocarray(b->aliases, b->aliases_cap, sizeof *b->aliases);
	}
	b->aliases[b->naliases++] = a;
}

#define BUCKETS 65536
#define KEY(p) ((unsigned)(unsigned char)(p)[0] << 8 | (unsigned char)(p)[1])

static void
aliases_build(struct brands *b)
{
	aliases_free(b);
	for (size_t i = 0; i < b->n; i++) {
		struct brand *br = &b->v[i];

		if (br->name != NULL)
			alias_add(b, i, br->name);
		for (size_t j = 0; j < br->naliases; j++)
			alias_add(b, i, br->aliases[j]);
		/* Skeletons for LINK_CONFUSABLE, once per load rather than once per link. */
		if (br->domain_skeletons == NULL) {
			br->domain_skeletons = xcalloc(br->ndomains + 1, sizeof *br->domain_skeletons);
			for (size_t j = 0; j < br->ndomains; j++)
				br->domain_skeletons[j] = confusable_skeleton(br->domains[j]);
		}
		if (br->mail_domain_skeletons == NULL) {
			br->mail_domain_skeletons = xcalloc(br->nmail_domains + 1, sizeof *br->mail_domain_skeletons);
			for (size_t j = 0; j < br->nmail_domains; j++)
				br->mail_domain_skeletons[j] = confusable_skeleton(br->mail_domains[j]);
		}
		if (br->lookalike == NULL)
			br->lookalike = lookalike_tokens(br, &br->nlookalike);
	}
	b->roots = xreallocarray(NULL, b->n + 1, sizeof *b->roots);
	for (size_t i = 0; i < b->n; i++)
		b->roots[i] = (size_t)(root_walk(b, &b->v[i]) - b->v);
	/* Counting sort of the aliases into buckets by their first two bytes. */
	for (int k = 0; k < 2; k++) {
		unsigned *start = xcalloc(BUCKETS + 1, sizeof *start), *fill;

		for (size_t i = 0; i < b->naliases; i++)
			if (b->aliases[i].exact == (k == 1))
				start[KEY(b->aliases[i].folded) + 1]++;
		for (size_t i = 0; i < BUCKETS; i++)
			start[i + 1] += start[i];
		b->bucket_items[k] = xreallocarray(NULL, start[BUCKETS] + 1, sizeof *b->bucket_items[k]);
		fill = xreallocarray(NULL, BUCKETS, sizeof *fill);
		memcpy(fill, start, BUCKETS * sizeof *fill);
		for (size_t i = 0; i < b->naliases; i++)
			if (b->aliases[i].exact == (k == 1))
				b->bucket_items[k][fill[KEY(b->aliases[i].folded)]++] = (unsigned)i;
		free(fill);
		b->bucket_start[k] = start;
	}
	b->dirty = false;
}

/* a occurs at byte pos of n, at a word boundary where Latin meets Latin (judged on the original text: folding drops spaces). */
static bool
alias_at(const struct alias *a, const struct normtext *n, size_t pos, const char *text, size_t len)
{
	size_t at, to;

	if (pos + a->len > n->len || memcmp(n->s + pos, a->folded, a->len) != 0)
		return false;
	at = n->orig[pos];
	to = n->orig_end[pos + a->len - 1];
	return (!a->latin_start || at == 0 || !is_latin_alnum(text[at - 1])) &&
	    (!a->latin_end || to >= len || !is_latin_alnum(text[to]));
}

const struct brand *
brands_match(const struct brands *b, const char *text, size_t len, size_t *start, size_t *end, int *cover)
{
	struct normtext folded, plain;
	size_t best_at = (size_t)-1, best_len = 0, best_brand = 0;
	bool best_exact = false;

	if (cover != NULL)
		*cover = 0;
	if (b == NULL || b->n == 0 || b->bucket_start[0] == NULL || text == NULL || len == 0)
		return NULL;
	normtext_fold(text, len, true, &folded);
	normtext_fold(text, len, false, &plain);
	/* Leftmost, then longest: walk each folded form once, trying the aliases that start with its next two bytes. */
	for (int k = 0; k < 2; k++) {
		const struct normtext *n = k == 0 ? &folded : &plain;

		for (size_t pos = 0; pos + 1 < n->len && n->orig[pos] <= best_at; pos++) {
			unsigned key = KEY(n->s + pos);

			for (unsigned j = b->bucket_start[k][key]; j < b->bucket_start[k][key + 1]; j++) {
				const struct alias *a = &b->aliases[b->bucket_items[k][j]];
				size_t at, span;

				if (!alias_at(a, n, pos, text, len))
					continue;
				at = n->orig[pos];
				span = n->orig_end[pos + a->len - 1] - at;
				if (at < best_at || (at == best_at && span > best_len)) {
					best_at = at;
					best_len = span;
					best_brand = a->brand;
					best_exact = a->exact;
				}
			}
		}
	}
	if (best_at != (size_t)-1) {
		if (start != NULL)
			*start = best_at;
		if (end != NULL)
			*end = best_at + best_len;
		if (cover != NULL) {
			/* share of the folded text covered by the match */
			const struct normtext *n = best_exact ? &plain : &folded;
			size_t covered = 0;

			for (size_t i = 0; i < n->len; i++)
				if (n->orig[i] >= best_at && n->orig[i] < best_at + best_len)
					covered++;
			*cover = n->len > 0 ? (int)(covered * 100 / n->len) : 0;
		}
	}
	normtext_free(&folded);
	normtext_free(&plain);
	return best_at != (size_t)-1 ? &b->v[best_brand] : NULL;
}

/* ---- validation ---- */

static void
add_problem(char ***v, size_t *n, char *s)
{
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[(*n)++] = s;
}

static void
check_registrable(const struct brand *br, char *const *v, size_t n, const char *key,
    char ***problems, size_t *nproblems)
{
	for (size_t i = 0; i < n; i++) {
		char *org = domain_org(v[i]);

		if (org == NULL || strcmp(org, v[i]) != 0)
			add_problem(problems, nproblems, xasprintf("%s:%d: [%s] %s: %s is not a registrable domain (%s)",
			    br->file, br->line, br->id, key, v[i], org != NULL ? org : "none"));
		free(org);
	}
}

size_t
brands_validate(const struct brands *b, char ***problems, size_t *nproblems)
{
	size_t before = *nproblems;

	for (size_t i = 0; i < b->n; i++) {
		const struct brand *br = &b->v[i];

		if (br->name == NULL)
			add_problem(problems, nproblems, xasprintf("%s:%d: [%s] has no name", br->file, br->line, br->id));
		if (br->parent != NULL && brands_find(b, br->parent) == NULL)
			add_problem(problems, nproblems, xasprintf("%s:%d: [%s] parent %s does not exist",
			    br->file, br->line, br->id, br->parent));
		if (br->ndomains == 0 && br->nmail_domains == 0 && br->parent == NULL)
			add_problem(problems, nproblems, xasprintf("%s:%d: [%s] has no domains and no parent",
			    br->file, br->line, br->id));
		check_registrable(br, br->domains, br->ndomains, "domains", problems, nproblems);
		check_registrable(br, br->mail_domains, br->nmail_domains, "mail_domains", problems, nproblems);
		check_registrable(br, br->services, br->nservices, "services", problems, nproblems);
		/* A domain in two brands that are not one group. */
		for (size_t j = i + 1; j < b->n; j++) {
			const struct brand *o = &b->v[j];

			if (brands_related(b, br, o))
				continue;
			for (int l = 0; l < 2; l++) {
				char *const *v = l == 0 ? br->domains : br->mail_domains;
				size_t n = l == 0 ? br->ndomains : br->nmail_domains;

				for (size_t k = 0; k < n; k++) {
					size_t hl = strlen(v[k]);

					if (list_holds(o->domains, o->ndomains, v[k], hl) ||
					    list_holds(o->mail_domains, o->nmail_domains, v[k], hl))
						add_problem(problems, nproblems, xasprintf(
						    "%s:%d: [%s] and %s:%d: [%s] both list %s", br->file, br->line,
						    br->id, o->file, o->line, o->id, v[k]));
				}
			}
		}
	}
	return *nproblems - before;
}
