/* mailbox.c — a Maildir folder (or Maildir++ tree) as a compact, ordered index: listing, headers on demand, summaries, polling and the rename-only writes. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "address.h"
#include "analyze.h"
#include "cache.h"
#include "i18n.h"
#include "mailbox.h"
#include "message.h"
#include "received.h"
#include "settings.h"
#include "util.h"

#define SUBJECT_MAX 240     /* bytes of subject kept per message */
#define NAME_MAX_KEPT 80
#define HEADER_READ (64u << 10)

struct folder_dir {
	char *prefix;                     /* "" or ".Junk/": what entry names of this folder start with */
	char *dir;                        /* full path of the folder */
	struct timespec mtime[2];         /* new/, cur/ when last listed */
};

struct mailbox {
	char *root, *folder, *dir;        /* dir: root or root/folder */
	const struct settings *cfg;
	struct folder_dir *fd;            /* fd[0] the folder itself, then subfolders when recursive */
	size_t nfd;
	char *arena;                      /* strings, offset 0 is "" */
	size_t alen, acap;
	struct mailbox_entry *v;
	size_t n, cap;
	uint32_t *hash;                   /* id + 1 by prefix and base name, 0 empty */
	size_t hcap;
	size_t npending;
};

/* ---- arena and hash ---- */

static uint32_t
arena_add(struct mailbox *mb, const char *str, size_t len)
{
	uint32_t off;

	if (mb->alen + len + 1 > mb->acap) {
		while (mb->alen + len + 1 > mb->acap)
			mb->acap = mb->acap != 0 ? mb->acap * 2 : 65536;
		mb->arena = xrealloc(mb->arena, mb->acap);
	}
	off = (uint32_t)mb->alen;
	memcpy(mb->arena + mb->alen, str, len);
	mb->arena[mb->alen + len] = '\0';
	mb->alen += len + 1;
	return off;
}

/* Keep at most max bytes, cut at a UTF-8 character boundary. */
static uint32_t
arena_add_clipped(struct mailbox *mb, const char *str, size_t max)
{
	size_t len;

	if (str == NULL || *str == '\0')
		return 0;
	len = strlen(str);
	if (len > max) {
		len = max;
		while (len > 0 && ((unsigned char)str[len] & 0xC0) == 0x80)
			len--;
	}
	return arena_add(mb, str, len);
}

/* The file name after the last '/'. */
static const char *
file_of(const char *name)
{
	const char *slash = strrchr(name, '/');

	return slash != NULL ? slash + 1 : name;
}

/*
 * The key that survives renames: the folder prefix and the base name (the
 * file name up to ":2,"), so "cur/1.M2:2,S" and "new/1.M2" are one message.
 */
static void
key_of(const char *name, const char **prefix, size_t *plen, const char **b, size_t *blen)
{
	const char *f = file_of(name), *colon;

	*prefix = name;
	*plen = f - name >= 4 ? (size_t)(f - name) - 4 : 0;   /* without "cur/" or "new/" */
	*b = f;
	colon = strstr(f, ":2,");
	*blen = colon != NULL ? (size_t)(colon - f) : strlen(f);
}

static uint32_t
hash_key(const char *name)
{
	const char *p, *b;
	size_t plen, blen;
	uint32_t h = 2166136261u;

	key_of(name, &p, &plen, &b, &blen);
	for (size_t i = 0; i < plen; i++)
		h = (h ^ (unsigned char)p[i]) * 16777619u;
	for (size_t i = 0; i < blen; i++)
		h = (h ^ (unsigned char)b[i]) * 16777619u;
	return h;
}

static bool
same_key(const char *x, const char *y)
{
	const char *px, *bx, *py, *by;
	size_t plx, blx, ply, bly;

	key_of(x, &px, &plx, &bx, &blx);
	key_of(y, &py, &ply, &by, &bly);
	return plx == ply && blx == bly && memcmp(px, py, plx) == 0 && memcmp(bx, by, blx) == 0;
}

static void
hash_insert(struct mailbox *mb, size_t id)
{
	size_t i;

	for (i = hash_key(mb->arena + mb->v[id].name) & (mb->hcap - 1); mb->hash[i] != 0; i = (i + 1) & (mb->hcap - 1))
		;
	mb->hash[i] = (uint32_t)id + 1;
}

static void
hash_rebuild(struct mailbox *mb)
{
	size_t want = 1024;

	while (want < mb->n * 2 + 2)
		want *= 2;
	free(mb->hash);
	mb->hcap = want;
	mb->hash = xcalloc(want, sizeof *mb->hash);
	for (size_t i = 0; i < mb->n; i++)
		hash_insert(mb, i);
}

static long
hash_find(const struct mailbox *mb, const char *name)
{
	for (size_t i = hash_key(name) & (mb->hcap - 1); mb->hash[i] != 0; i = (i + 1) & (mb->hcap - 1))
		if (same_key(mb->arena + mb->v[mb->hash[i] - 1].name, name))
			return (long)mb->hash[i] - 1;
	return -1;
}

/* ---- listing ---- */

bool
mailbox_is_maildir(const char *path)
{
	char *cur = xasprintf("%s/cur", path), *new = xasprintf("%s/new", path);
	struct stat a, b;
	bool yes = stat(cur, &a) == 0 && S_ISDIR(a.st_mode) && stat(new, &b) == 0 && S_ISDIR(b.st_mode);

	free(cur);
	free(new);
	return yes;
}

static uint8_t
flags_of(const char *name)
{
	const char *f = file_of(name), *colon = strstr(f, ":2,");
	uint8_t fl = 0;

	if (f - name >= 4 && strncmp(f - 4, "new/", 4) == 0)
		fl |= EF_NEW;
	if (colon != NULL)
		for (const char *p = colon + 3; *p != '\0'; p++)
			fl |= *p == 'S' ? EF_SEEN : *p == 'F' ? EF_FLAGGED : *p == 'R' ? EF_REPLIED : 0;
	return fl;
}

/* The delivery time a Maildir file name starts with (Maildir: "TIME.UNIQUE.HOST"), or 0. */
static int64_t
name_time(const char *name)
{
	const char *b = file_of(name);
	int64_t t = 0;

	for (size_t i = 0; i < 12 && b[i] >= '0' && b[i] <= '9'; i++)
		t = t * 10 + (b[i] - '0');
	return t >= 100000000 && t < 10000000000LL ? t : 0;
}

static void
add_entry(struct mailbox *mb, const char *name, size_t len)
{
	struct mailbox_entry *e;

	if (mb->n == mb->cap) {
		mb->cap = mb->cap != 0 ? mb->cap * 2 : 1024;
		mb->v = xreallocarray(mb->v, mb->cap, sizeof *mb->v);
	}
	e = &mb->v[mb->n++];
	memset(e, 0, sizeof *e);
	e->name = arena_add(mb, name, len);
	e->flags = flags_of(name);
	e->date = name_time(name);
	mb->npending++;
}

/*
 * Read folder f's sub ("new" or "cur"). With only_unknown, names already
 * listed (by key) are renames: the entry takes the new name; the others are
 * added and counted in *added. seen (nseen entries, or NULL) marks the ids
 * found again.
 */
static int
list_sub(struct mailbox *mb, struct folder_dir *f, const char *sub, bool only_unknown, size_t *added, uint8_t *seen,
    size_t nseen)
{
	char *path = xasprintf("%s/%s", f->dir, sub);
	DIR *d = opendir(path);
	struct dirent *de;
	struct stat st;
	char name[4096];
	size_t plen, dlen;

	if (d == NULL) {
		free(path);
		return -1;
	}
	if (stat(path, &st) == 0)
		f->mtime[strcmp(sub, "cur") == 0] = st.st_mtim;
	plen = (size_t)snprintf(name, sizeof name, "%s%s/", f->prefix, sub);   /* the folder part, once */
	if (plen >= sizeof name) {
		closedir(d);
		free(path);
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		int len;

		/* Every name but dot files and folders: what is not a regular file is refused with a reason when read. */
		if (de->d_name[0] == '.' || de->d_type == DT_DIR)
			continue;
		dlen = strlen(de->d_name);
		if (plen + dlen >= sizeof name)
			continue;
		memcpy(name + plen, de->d_name, dlen + 1);
		len = (int)(plen + dlen);
		if (only_unknown) {
			long id = hash_find(mb, name);

			if (id >= 0) {
				struct mailbox_entry *e = &mb->v[id];

				if (seen != NULL && (size_t)id < nseen)
					seen[id] = 1;
				if (strcmp(mb->arena + e->name, name) != 0 && !(e->flags & EF_GONE)) {
					/* renamed by another program (new/ -> cur/, flags) */
					e->name = arena_add(mb, name, (size_t)len);
					e->flags = (uint8_t)((e->flags & ~(EF_SEEN | EF_FLAGGED | EF_REPLIED | EF_NEW)) |
					    flags_of(name));
				}
				continue;
			}
			add_entry(mb, name, (size_t)len);
			if (mb->n * 2 + 2 > mb->hcap)
				hash_rebuild(mb);
			else
				hash_insert(mb, mb->n - 1);
			(*added)++;
		} else
			add_entry(mb, name, (size_t)len);
	}
	closedir(d);
	free(path);
	return 0;
}

/*
 * The defined order: folder by name as strcmp orders them (the root's ""
 * first), then the file name in version order (strverscmp). Two different
 * leading numbers without leading zeros order as strverscmp orders them
 * (the longer run is the larger, equal lengths compare digit by digit), so
 * the Maildir delivery time decides without reading the rest of the name;
 * the names are compared only on a tie. One 16-byte key per entry keeps
 * the sort of 100,000 names in cache.
 */
struct sort_key {
	uint64_t lead;        /* the file name's leading number (no leading zero, at most 19 digits), else 0 */
	uint32_t id;
	uint32_t plen;        /* the folder name's length without "/cur/" or "/new/" ("" for the root) */
};

static int
key_cmp(const void *a, const void *b, void *arg)
{
	const struct sort_key *x = a, *y = b;
	const struct mailbox *mb = arg;
	const char *nx, *ny;
	int c;

	if ((x->plen | y->plen) == 0 && x->lead != y->lead && x->lead != 0 && y->lead != 0)
		return x->lead < y->lead ? -1 : 1;   /* the common case: one folder, two delivery times */
	nx = mb->arena + mb->v[x->id].name;
	ny = mb->arena + mb->v[y->id].name;
	if ((x->plen | y->plen) != 0) {
		c = memcmp(nx, ny, x->plen < y->plen ? x->plen : y->plen);
		if (c == 0 && x->plen != y->plen)
			c = x->plen < y->plen ? -1 : 1;
		if (c != 0)
			return c;
		if (x->lead != y->lead && x->lead != 0 && y->lead != 0)
			return x->lead < y->lead ? -1 : 1;
	}
	c = strverscmp(file_of(nx), file_of(ny));
	return c != 0 ? c : (x->id < y->id ? -1 : x->id > y->id);
}

/*
 * The common case, one folder of Maildir names: a stable radix sort on the
 * delivery time (11 bits a pass, as many passes as the largest time needs),
 * then key_cmp on the runs of equal times. false, with k untouched, when a
 * name has no leading number or another folder is listed.
 */
static bool
radix_sort(struct sort_key *k, size_t n, const struct mailbox *mb)
{
	uint64_t max = 0;
	struct sort_key *tmp, *src = k, *dst;
	size_t count[2048];

	for (size_t i = 0; i < n; i++) {
		if (k[i].lead == 0 || k[i].plen != 0)
			return false;
		if (k[i].lead > max)
			max = k[i].lead;
	}
	dst = tmp = xreallocarray(NULL, n, sizeof *tmp);
	for (unsigned shift = 0; shift < 64 && (max >> shift) != 0; shift += 11) {
		size_t sum = 0;
		struct sort_key *t;

		memset(count, 0, sizeof count);
		for (size_t i = 0; i < n; i++)
			count[(src[i].lead >> shift) & 2047]++;
		for (size_t b = 0; b < 2048; b++) {
			size_t c = count[b];
			count[b] = sum;
			sum += c;
		}
		for (size_t i = 0; i < n; i++)
			dst[count[(src[i].lead >> shift) & 2047]++] = src[i];
		t = src, src = dst, dst = t;
	}
	if (src != k)
		memcpy(k, src, n * sizeof *k);
	free(tmp);
	/* equal delivery times: the names decide */
	for (size_t i = 0, j; i < n; i = j) {
		for (j = i + 1; j < n && k[j].lead == k[i].lead; j++)
			;
		if (j - i > 1)
			qsort_r(k + i, j - i, sizeof *k, key_cmp, (void *)mb);
	}
	return true;
}

/* Put entries [first, n) in the defined order. */
static void
sort_entries(struct mailbox *mb, size_t first)
{
	size_t n = mb->n - first;
	struct sort_key *k;
	struct mailbox_entry *v;

	if (n < 2)
		return;
	k = xreallocarray(NULL, n, sizeof *k);
	for (size_t i = 0; i < n; i++) {
		const char *name = mb->arena + mb->v[first + i].name, *file = file_of(name);
		size_t digits = 0;
		uint64_t lead = 0;

		if (file[0] >= '1' && file[0] <= '9')
			for (; digits < 20 && file[digits] >= '0' && file[digits] <= '9'; digits++)
				lead = lead * 10 + (uint64_t)(file[digits] - '0');
		k[i].lead = digits > 0 && digits < 20 ? lead : 0;
		k[i].plen = (size_t)(file - name) >= 5 ? (uint32_t)(file - name) - 5 : 0;
		k[i].id = (uint32_t)(first + i);
	}
	if (!radix_sort(k, n, mb))
		qsort_r(k, n, sizeof *k, key_cmp, mb);
	v = xreallocarray(NULL, n, sizeof *v);
	for (size_t i = 0; i < n; i++)
		v[i] = mb->v[k[i].id];
	memcpy(mb->v + first, v, n * sizeof *v);
	free(v);
	free(k);
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
add_folder(struct mailbox *mb, const char *prefix, const char *dir)
{
	mb->fd = xreallocarray(mb->fd, mb->nfd + 1, sizeof *mb->fd);
	memset(&mb->fd[mb->nfd], 0, sizeof mb->fd[mb->nfd]);
	mb->fd[mb->nfd].prefix = xstrdup(prefix);
	mb->fd[mb->nfd].dir = xstrdup(dir);
	mb->nfd++;
}

/* Maildir++ subfolders of dir (".Name" directories holding cur/ and new/), sorted. */
static void
add_subfolders(struct mailbox *mb)
{
	DIR *d = opendir(mb->dir);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0;

	while (d != NULL && (de = readdir(d)) != NULL) {
		char *sub;
		if (de->d_name[0] != '.' || strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		sub = xasprintf("%s/%s", mb->dir, de->d_name);
		if (mailbox_is_maildir(sub)) {
			names = xreallocarray(names, n + 1, sizeof *names);
			names[n++] = xstrdup(de->d_name);
		}
		free(sub);
	}
	if (d != NULL)
		closedir(d);
	if (n > 1)
		qsort(names, n, sizeof *names, str_cmp);
	for (size_t i = 0; i < n; i++) {
		char *prefix = xasprintf("%s/", names[i]), *dir = xasprintf("%s/%s", mb->dir, names[i]);
		add_folder(mb, prefix, dir);
		free(prefix);
		free(dir);
		free(names[i]);
	}
	free(names);
}

int
mailbox_open(const char *root, const char *folder, unsigned flags, const struct settings *cfg,
    struct mailbox **out, char **cause)
{
	struct mailbox *mb;
	struct stat st;

	*out = NULL;
	mb = xcalloc(1, sizeof *mb);
	mb->root = xstrdup(root);
	mb->folder = xstrdup(folder != NULL ? folder : "");
	mb->dir = *mb->folder ? xasprintf("%s/%s", root, mb->folder) : xstrdup(root);
	mb->cfg = cfg;
	arena_add(mb, "", 0);
	if (stat(mb->dir, &st) != 0) {
		*cause = xstrdup(strerror(errno));
		mailbox_free(mb);
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		*cause = xstrdup(_("not a directory"));
		mailbox_free(mb);
		return -1;
	}
	if (!mailbox_is_maildir(mb->dir)) {
		*cause = xstrdup(_("not a Maildir (no cur/ and new/ folders)"));
		mailbox_free(mb);
		return -1;
	}
	add_folder(mb, "", mb->dir);
	if (flags & MAILBOX_RECURSIVE)
		add_subfolders(mb);
	for (size_t i = 0; i < mb->nfd; i++) {
		if (list_sub(mb, &mb->fd[i], "new", false, NULL, NULL, 0) != 0 ||
		    list_sub(mb, &mb->fd[i], "cur", false, NULL, NULL, 0) != 0) {
			if (i > 0)
				continue;   /* an unreadable subfolder does not stop the rest */
			*cause = xasprintf("%s: %s", mb->dir, strerror(errno));
			mailbox_free(mb);
			return -1;
		}
	}
	sort_entries(mb, 0);
	/* the name hash is built when new mail is first looked for */
	*out = mb;
	return 0;
}

void
mailbox_free(struct mailbox *mb)
{
	if (mb == NULL)
		return;
	for (size_t i = 0; i < mb->nfd; i++) {
		free(mb->fd[i].prefix);
		free(mb->fd[i].dir);
	}
	free(mb->fd);
	free(mb->v);
	free(mb->hash);
	free(mb->arena);
	free(mb->root);
	free(mb->folder);
	free(mb->dir);
	free(mb);
}

size_t mailbox_count(const struct mailbox *mb) { return mb->n; }
struct mailbox_entry *mailbox_entry(struct mailbox *mb, size_t id) { return &mb->v[id]; }
const char *mailbox_str(const struct mailbox *mb, uint32_t off) { return mb->arena + off; }
const char *mailbox_name(const struct mailbox *mb, size_t id) { return mb->arena + mb->v[id].name; }
const char *mailbox_root(const struct mailbox *mb) { return mb->root; }
const char *mailbox_folder(const struct mailbox *mb) { return mb->folder; }
size_t mailbox_pending(const struct mailbox *mb) { return mb->npending; }

char *
mailbox_path(const struct mailbox *mb, size_t id)
{
	return xasprintf("%s/%s", mb->dir, mb->arena + mb->v[id].name);
}

/* ---- headers and summaries ---- */

void
mailbox_load_headers(struct mailbox *mb, size_t id)
{
	struct mailbox_entry *e = &mb->v[id];
	char *path, *data, *end;
	ssize_t got;
	size_t len = 0, got_size;
	int fd;
	struct message *m;
	char *cause = NULL;
	const struct header *h;
	const char *v;

	if (e->state != ENTRY_LISTED)
		return;
	path = mailbox_path(mb, id);
	/* never blocks: a FIFO or a device in the Maildir is refused, not waited on */
	fd = message_open(path, mb->cfg != NULL ? mb->cfg->max_message_size : 0, &got_size, &cause);
	free(path);
	e->state = ENTRY_HEADERS;
	if (fd < 0) {
		free(cause);
		return;
	}
	cause = NULL;
	data = xmalloc(HEADER_READ + 1);
	while (len < HEADER_READ && (got = read(fd, data + len, HEADER_READ - len)) > 0) {
		len += (size_t)got;
		data[len] = '\0';
		if (strstr(data, "\n\n") != NULL || strstr(data, "\r\n\r\n") != NULL)
			break;
	}
	close(fd);
	data[len] = '\0';
	if ((end = strstr(data, "\n\n")) != NULL || (end = strstr(data, "\r\n\r\n")) != NULL)
		len = (size_t)(end - data) + 1;
	if (message_load_mem(data, len, "", &m, &cause) == 0) {
		struct address a;
		if (e->subject == 0)
			e->subject = arena_add_clipped(mb, message_hvalue(m, "Subject"), SUBJECT_MAX);
		if ((h = message_header(m, "From")) != NULL && e->from_name == 0) {
			address_parse(h->raw, h->value, &a);
			if (a.display != NULL && *a.display != '\0')
				e->from_name = arena_add_clipped(mb, a.display, NAME_MAX_KEPT);
			else if (a.addr != NULL) {
				char *local = xstrndup(a.addr, strcspn(a.addr, "@"));
				e->from_name = arena_add_clipped(mb, local, NAME_MAX_KEPT);
				free(local);
			}
			e->from_domain = arena_add_clipped(mb, a.domain, NAME_MAX_KEPT);
			address_free(&a);
		}
		if ((v = message_hvalue(m, "Date")) != NULL) {
			time_t t;
			if (received_parse_date(v, &t) == 0)
				e->date = t;
		}
		message_free(m);
	} else
		free(cause);
	free(data);
}

void
mailbox_summary_from_report(struct mailbox_summary *s, const struct report *r)
{
	const struct address *f = &r->addr.from;
	int worst = -1;

	memset(s, 0, sizeof *s);
	s->state = ENTRY_ANALYSED;
	s->verdict = (uint8_t)r->verdict;
	s->score = (int16_t)(r->score > 32767 ? 32767 : r->score < -32768 ? -32768 : r->score);
	s->date = r->when;
	for (size_t i = 0; i < r->findings.n; i++) {
		const struct finding *fd = &r->findings.v[i];
		s->ids[fd->id / 64] |= (uint64_t)1 << (fd->id % 64);
		if (fd->id == F_BRAND_VERIFIED)
			s->verified = 1;
		else if ((int)fd->severity > worst)
			worst = (int)fd->severity;
	}
	s->worst = (uint8_t)(worst + 1);
	s->subject = xstrdup(r->subject);
	if (f->display != NULL && *f->display != '\0')
		s->from_name = xstrdup(f->display);
	else if (f->addr != NULL)
		s->from_name = xstrndup(f->addr, strcspn(f->addr, "@"));
	s->from_domain = xstrdup(f->domain);
}

void
mailbox_summary_from_cache(struct mailbox_summary *s, const struct cache_entry *e)
{
	memset(s, 0, sizeof *s);
	s->state = ENTRY_ANALYSED;
	s->verdict = (uint8_t)e->verdict;
	s->score = (int16_t)e->score;
	s->date = e->date;
	for (size_t i = 0; i < e->nids; i++)
		s->ids[e->ids[i] / 64] |= (uint64_t)1 << (e->ids[i] % 64);
	s->verified = e->verified;
	s->worst = (uint8_t)e->worst;
	s->subject = xstrdup(e->subject);
	s->from_name = xstrdup(e->from);
	s->from_domain = xstrdup(e->from_domain);
}

void
mailbox_summary_free(struct mailbox_summary *s)
{
	free(s->subject);
	free(s->from_name);
	free(s->from_domain);
	s->subject = s->from_name = s->from_domain = NULL;
}

void
mailbox_apply(struct mailbox *mb, size_t id, const struct mailbox_summary *s)
{
	struct mailbox_entry *e = &mb->v[id];

	if (e->state < ENTRY_ANALYSED && !(e->flags & EF_GONE))
		mb->npending--;
	e->state = s->state;
	if (s->state == ENTRY_ERROR)
		return;
	e->verdict = s->verdict;
	e->score = s->score;
	e->worst = s->worst;
	if (s->verified)
		e->flags |= EF_VERIFIED;
	memcpy(e->ids, s->ids, sizeof e->ids);
	if (s->date != 0)
		e->date = s->date;
	if (e->subject == 0)
		e->subject = arena_add_clipped(mb, s->subject, SUBJECT_MAX);
	if (e->from_name == 0)
		e->from_name = arena_add_clipped(mb, s->from_name, NAME_MAX_KEPT);
	if (e->from_domain == 0)
		e->from_domain = arena_add_clipped(mb, s->from_domain, NAME_MAX_KEPT);
}

/* ---- new mail ---- */

/* Does entry name belong to folder f (its prefix, then new/ or cur/ and a file name)? */
static bool
in_folder(const char *name, const struct folder_dir *f)
{
	size_t pl = strlen(f->prefix);

	return strncmp(name, f->prefix, pl) == 0 && (strncmp(name + pl, "new/", 4) == 0 ||
	    strncmp(name + pl, "cur/", 4) == 0) && strchr(name + pl + 4, '/') == NULL;
}

size_t
mailbox_poll(struct mailbox *mb, size_t *gone)
{
	static const char *subs[2] = { "new", "cur" };
	size_t added = 0, first = mb->n, ngone = 0;
	uint8_t *seen = NULL;

	if (mb->hash == NULL)
		hash_rebuild(mb);
	for (size_t f = 0; f < mb->nfd; f++) {
		bool changed = false, ok = true;

		for (int i = 0; i < 2; i++) {
			char *path = xasprintf("%s/%s", mb->fd[f].dir, subs[i]);
			struct stat st;

			changed |= stat(path, &st) == 0 && (st.st_mtim.tv_sec != mb->fd[f].mtime[i].tv_sec ||
			    st.st_mtim.tv_nsec != mb->fd[f].mtime[i].tv_nsec);
			free(path);
		}
		if (!changed)
			continue;
		/*
		 * Both subs read again, so that a message moved from new/ to cur/
		 * is found where it went; what neither holds any more was deleted
		 * (or moved away) by another program.
		 */
		seen = xreallocarray(seen, first > 0 ? first : 1, 1);
		memset(seen, 0, first);
		for (int i = 0; i < 2; i++)
			ok &= list_sub(mb, &mb->fd[f], subs[i], true, &added, seen, first) == 0;
		for (size_t id = 0; ok && id < first; id++) {
			struct mailbox_entry *e = &mb->v[id];

			if (seen[id] || (e->flags & EF_GONE) || !in_folder(mb->arena + e->name, &mb->fd[f]))
				continue;
			if (e->state < ENTRY_ANALYSED)
				mb->npending--, e->state = ENTRY_ERROR;
			e->flags |= EF_GONE;
			ngone++;
		}
	}
	free(seen);
	if (mb->n - first > 1) {   /* the new ones in the defined order among themselves */
		sort_entries(mb, first);
		hash_rebuild(mb);
	}
	if (gone != NULL)
		*gone = ngone;
	return added;
}

/* ---- writes: rename(2) only, so a message is in one place whatever happens ---- */

static int
rename_noreplace(const char *from, const char *to)
{
#ifdef RENAME_NOREPLACE
	if (renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
		return 0;
	if (errno != EINVAL && errno != ENOSYS)
		return -1;
#endif
	/* No atomic no-replace here: link then unlink (at worst two names, never none). */
	if (link(from, to) != 0)
		return -1;
	return unlink(from);
}

static int
ensure_maildir(const char *dir, char **cause)
{
	static const char *subs[] = { "", "/cur", "/new", "/tmp" };
	char *p;
	int fd;

	if (mailbox_is_maildir(dir))
		return 0;
	for (size_t i = 0; i < 4; i++) {
		p = xasprintf("%s%s", dir, subs[i]);
		if (mkdir(p, 0700) != 0 && errno != EEXIST) {
			*cause = xasprintf("%s: %s", p, strerror(errno));
			free(p);
			return -1;
		}
		free(p);
	}
	p = xasprintf("%s/maildirfolder", dir);   /* Maildir++ marks subfolders so */
	if ((fd = open(p, O_WRONLY | O_CREAT | O_CLOEXEC, 0600)) >= 0)
		close(fd);
	free(p);
	return 0;
}

int
mailbox_move_to_junk(struct mailbox *mb, size_t id, char **cause)
{
	struct mailbox_entry *e = &mb->v[id];
	const char *name = mb->arena + e->name, *f = file_of(name);
	char *junk, *from, *to;
	int rc;

	if (strcmp(mb->folder, ".Junk") == 0 || strncmp(name, ".Junk/", 6) == 0) {
		*cause = xstrdup(_("the message is already in the Junk folder"));
		return -1;
	}
	junk = xasprintf("%s/.Junk", mb->root);
	if (ensure_maildir(junk, cause) != 0) {
		free(junk);
		return -1;
	}
	from = mailbox_path(mb, id);
	/* the same sub (new/ or cur/) and file name under .Junk */
	to = xasprintf("%s/%.3s/%s", junk, f - name >= 4 ? f - 4 : "cur", f);
	rc = rename_noreplace(from, to);
	if (rc != 0)
		*cause = xasprintf("%s: %s", to, strerror(errno));
	else {
		if (e->state < ENTRY_ANALYSED && !(e->flags & EF_GONE))
			mb->npending--, e->state = ENTRY_ERROR;
		e->flags |= EF_GONE;
	}
	free(from);
	free(to);
	free(junk);
	return rc;
}

int
mailbox_toggle_flag(struct mailbox *mb, size_t id, char flag, char **cause)
{
	struct mailbox_entry *e = &mb->v[id];
	const char *name = mb->arena + e->name, *prefix, *b, *colon;
	size_t plen, blen;
	char letters[64] = "", *from, *to, *newname;
	size_t nl = 0;
	bool had = false;
	int rc;

	key_of(name, &prefix, &plen, &b, &blen);
	if ((colon = strstr(b, ":2,")) != NULL)
		for (const char *p = colon + 3; *p != '\0' && nl + 2 < sizeof letters; p++) {
			if (*p == flag)
				had = true;
			else
				letters[nl++] = *p;
		}
	if (!had)
		letters[nl++] = flag;
	letters[nl] = '\0';
	/* Maildir: flags in ASCII order */
	for (size_t i = 1; i < nl; i++)
		for (size_t j = i; j > 0 && letters[j - 1] > letters[j]; j--) {
			char t = letters[j];
			letters[j] = letters[j - 1];
			letters[j - 1] = t;
		}
	newname = xasprintf("%.*scur/%.*s:2,%s", (int)plen, prefix, (int)blen, b, letters);
	from = mailbox_path(mb, id);
	to = xasprintf("%s/%s", mb->dir, newname);
	rc = rename_noreplace(from, to);
	if (rc != 0)
		*cause = xasprintf("%s: %s", from, strerror(errno));
	else {
		e->name = arena_add(mb, newname, strlen(newname));
		e->flags = (uint8_t)((e->flags & ~(EF_SEEN | EF_FLAGGED | EF_REPLIED | EF_NEW)) | flags_of(newname));
	}
	free(newname);
	free(from);
	free(to);
	return rc;
}

/* ---- folders ---- */

static void
count_dir(const char *dir, const char *sub, struct folder_info *fi)
{
	char *p = xasprintf("%s/%s", dir, sub);
	DIR *d = opendir(p);
	struct dirent *de;

	free(p);
	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		const char *colon;
		if (de->d_name[0] == '.' || de->d_type == DT_DIR)
			continue;   /* what the listing leaves out is not counted either */
		fi->total++;
		colon = strstr(de->d_name, ":2,");
		if (strcmp(sub, "new") == 0 || colon == NULL || strchr(colon + 3, 'S') == NULL)
			fi->unseen++;
	}
	closedir(d);
}

static int
folder_cmp(const void *a, const void *b)
{
	return strcmp(((const struct folder_info *)a)->name, ((const struct folder_info *)b)->name);
}

size_t
mailbox_list_folders(const char *root, struct folder_info **out)
{
	struct folder_info *v = xcalloc(1, sizeof *v);
	size_t n = 1;
	DIR *d;
	struct dirent *de;

	v[0].name = xstrdup("");
	count_dir(root, "new", &v[0]);
	count_dir(root, "cur", &v[0]);
	if ((d = opendir(root)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			char *sub;
			if (de->d_name[0] != '.' || strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
				continue;
			sub = xasprintf("%s/%s", root, de->d_name);
			if (mailbox_is_maildir(sub)) {
				v = xreallocarray(v, n + 1, sizeof *v);
				memset(&v[n], 0, sizeof v[n]);
				v[n].name = xstrdup(de->d_name);
				count_dir(sub, "new", &v[n]);
				count_dir(sub, "cur", &v[n]);
				n++;
			}
			free(sub);
		}
		closedir(d);
	}
	if (n > 2)
		qsort(v + 1, n - 1, sizeof *v, folder_cmp);
	*out = v;
	return n;
}

void
mailbox_free_folders(struct folder_info *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}
