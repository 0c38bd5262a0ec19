/* view-index.c — the message list: date, risk glyph, sender, subject; sorting, limiting by pattern, tagging; rows fill in as the worker analyses. */
#include "config.h"

#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <unistr.h>

#include "analyze.h"
#include "brands.h"
#include "message.h"
#include "draw.h"
#include "i18n.h"
#include "normtext.h"
#include "settings.h"
#include "store.h"
#include "tui.h"
#include "url.h"
#include "view.h"
#include "util.h"

enum sort { SORT_DATE, SORT_RISK, SORT_SENDER };

/* One term of a limit pattern (documented in kensa(1) and the help view). */
struct term {
	/*
	 * 't' text, 'f' finding, 'v' verdict, 's' subject, 'e' sender, 'F'
	 * flagged, 'N' unseen, 'T' tagged; read from the message itself: 'b'
	 * body, 'u' link hosts, 'a' attachment names and hashes
	 */
	char kind;
	bool negate;
	int value;         /* finding id, verdict (3 = pending) */
	char *text;
};

/* A parsed pattern: every term must match (AND). */
struct pattern {
	struct term *terms;
	size_t n;
	bool deep;         /* a ~b, ~u or ~a term: the messages must be read */
};

#define TERMS      "fvsaebuFNT"   /* every ~x */
#define TERMS_ARG  "fvsaebu"      /* those followed by an argument */
#define DEEP(k)    ((k) == 'b' || (k) == 'u' || (k) == 'a')

/*
 * The messages a ~b, ~u or ~a limit must read, read by one worker thread so
 * that a large message never holds up the keys; the index takes the
 * results as they come (deep_step).
 */
struct deepjob {
	pthread_t th;
	struct pattern pat;        /* a copy: the limit may change while it runs */
	struct settings cfg;       /* the browser's, with the network off */
	char **paths;
	uint32_t *ids;
	uint8_t *result;           /* per item: 1 matches, 2 does not (valid below done) */
	size_t n, taken;           /* taken: results the index has copied */
	atomic_size_t done;
	atomic_bool cancel;
};

struct index {
	uint32_t *order;
	size_t norder, cap;
	size_t cursor, top;
	enum sort sort;
	bool reverse;
	char *limit;
	struct pattern lim;
	unsigned gen;
	long last_build;
	bool built;
	/* a limit with ~b, ~u or ~a: per entry 0 not read yet, 1 matches, 2 does not, 3 being read (job) */
	uint8_t *deep;
	size_t ndeep, deep_left;
	struct deepjob *job;
};

static struct store *S(struct view *v) { return tui_store(v->t); }

static long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- patterns ---- */

static void
pattern_free(struct pattern *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->terms[i].text);
	free(p->terms);
	p->terms = NULL;
	p->n = 0;
	p->deep = false;
}

/* Parse "~f FROM_BRAND_MISMATCH ~v phishing !text" into *out (emptied first); returns 0 or -1 with *cause. */
static int
pattern_parse(struct pattern *out, const char *pat, char **cause)
{
	char *copy = xstrdup(pat), *save = NULL, *w;

	pattern_free(out);
	for (w = strtok_r(copy, " \t", &save); w != NULL; w = strtok_r(NULL, " \t", &save)) {
		struct term t = { 't', false, 0, NULL };

		if (*w == '!') {
			t.negate = true;
			w++;
		}
		if (w[0] == '~' && w[1] != '\0' && (w[2] != '\0' || strchr(TERMS, w[1]) == NULL)) {
			/* "~x" kensa does not know is an error, not a text that matches nothing */
			*cause = xasprintf(_("unknown pattern: %s (~f ~v ~s ~e ~b ~u ~a ~F ~N ~T)"), w);
			goto fail;
		}
		if (w[0] == '~' && w[1] != '\0' && w[2] == '\0' && strchr(TERMS, w[1]) != NULL) {
			t.kind = w[1];
			out->deep = out->deep || DEEP(t.kind);
			if (strchr(TERMS_ARG, t.kind) != NULL) {
				char *arg = strtok_r(NULL, " \t", &save);
				if (arg == NULL) {
					*cause = xasprintf(_("%s needs an argument"), w);
					goto fail;
				}
				if (t.kind == 'f') {
					char *up = xstrdup(arg);
					for (char *p = up; *p; p++)
						if (*p >= 'a' && *p <= 'z')
							*p = (char)(*p - 32);
					t.value = finding_from_name(up);
					free(up);
					if (t.value < 0) {
						*cause = xasprintf(_("unknown finding id: %s"), arg);
						goto fail;
					}
				} else if (t.kind == 'v') {
					if (ascii_strcasecmp(arg, "phishing") == 0) t.value = VERDICT_PHISHING;
					else if (ascii_strcasecmp(arg, "suspicious") == 0) t.value = VERDICT_SUSPICIOUS;
					else if (ascii_strcasecmp(arg, "clean") == 0) t.value = VERDICT_CLEAN;
					else if (ascii_strcasecmp(arg, "pending") == 0) t.value = 3;
					else {
						*cause = xasprintf(_("unknown verdict: %s (phishing, suspicious, clean, pending)"), arg);
						goto fail;
					}
				} else
					t.text = normtext_fold_str(arg, true);
			}
		} else if (*w != '\0')
			t.text = normtext_fold_str(w, true);
		else
			continue;
		out->terms = xreallocarray(out->terms, out->n + 1, sizeof *out->terms);
		out->terms[out->n++] = t;
	}
	free(copy);
	return 0;
fail:
	free(copy);
	pattern_free(out);
	return -1;
}

/*
 * Does hay contain the folded needle, folded the way the brand matcher folds
 * (NFKC, lower case, no white space: "ＡＭＡＺＯＮ" finds "Amazon")? ASCII
 * text is compared as it stands, the rest folded first.
 */
static bool
folded_has(const char *hay, const char *needle)
{
	bool ascii = true;
	char *f;
	bool r;

	if (hay == NULL || needle == NULL)
		return false;
	if (*needle == '\0')
		return true;
	for (const char *p = hay; *p != '\0' && ascii; p++)
		ascii = (unsigned char)*p < 0x80;
	if (ascii)
		return ascii_strcasestr(hay, needle) != NULL;
	f = normtext_fold_str(hay, true);
	r = strstr(f, needle) != NULL;
	free(f);
	return r;
}

static bool
term_match(struct store *s, const struct mailbox_entry *e, const struct term *t)
{
	const char *subj = store_str(s, e->subject), *name = store_str(s, e->from_name), *dom = store_str(s, e->from_domain);

	switch (t->kind) {
	case 'f':
		return e->state == ENTRY_ANALYSED && (e->ids[t->value / 64] >> (t->value % 64) & 1);
	case 'v':
		if (t->value == 3)
			return e->state < ENTRY_ANALYSED;
		return e->state == ENTRY_ANALYSED && e->verdict == t->value;
	case 's':
		return folded_has(subj, t->text);
	case 'e':
		return folded_has(name, t->text) || folded_has(dom, t->text);
	case 'b': case 'u': case 'a':
		return !t->negate;   /* read from the message: deep_match() */
	case 'F':
		return (e->flags & EF_FLAGGED) != 0;
	case 'N':
		return !(e->flags & EF_SEEN);
	case 'T':
		return (e->flags & EF_TAGGED) != 0;
	default:
		return folded_has(subj, t->text) || folded_has(name, t->text) || folded_has(dom, t->text);
	}
}

static bool
pattern_match(const struct pattern *p, struct store *s, const struct mailbox_entry *e)
{
	for (size_t i = 0; i < p->n; i++)
		if (term_match(s, e, &p->terms[i]) == p->terms[i].negate)
			return false;
	return true;
}

/* Does the hex needle (4 digits or more) start a SHA-256 given in lower case? */
static bool
hash_has(const char *sha, const char *needle)
{
	size_t n = strlen(needle);

	if (*sha == '\0' || n < 4 || strspn(needle, "0123456789abcdef") != n)
		return false;
	return strncmp(sha, needle, n) == 0;
}

/* The ~b, ~u and ~a terms of p against the analysed message r (the others are pattern_match's). */
static bool
deep_match(const struct pattern *p, const struct report *r)
{
	for (size_t i = 0; i < p->n; i++) {
		const struct term *t = &p->terms[i];
		bool hit = false;

		if (!DEEP(t->kind))
			continue;
		if (t->kind == 'b')
			hit = folded_has(r->msg->body, t->text);
		else if (t->kind == 'u')
			for (size_t k = 0; k < r->nlinks && !hit; k++) {
				const struct link *l = &r->links[k];
				hit = folded_has(l->host, t->text) || folded_has(l->host_unicode, t->text) ||
				    folded_has(l->org_domain, t->text);
			}
		else
			for (size_t k = 0; k < r->msg->nparts && !hit; k++) {
				const struct mime_part *m = &r->msg->parts[k];
				if (!m->is_attachment && m->filename == NULL)
					continue;
				hit = folded_has(m->filename, t->text) || hash_has(m->sha256, t->text);
			}
		if (hit == t->negate)
			return false;
	}
	return true;
}

/* Read path and try p's deep terms on it (cfg: the network off: what the message says). An unreadable message matches nothing. */
static bool
deep_eval_path(const struct settings *cfg, const struct pattern *p, const char *path)
{
	struct report *r = NULL;
	char *cause = NULL;
	bool hit = false;

	if (path != NULL && analyze_file(path, cfg, &r, &cause) == 0) {
		hit = deep_match(p, r);
		report_free(r);
	} else
		free(cause);
	return hit;
}

static bool
deep_eval(struct view *v, const struct pattern *p, uint32_t id)
{
	struct settings cfg = *tui_settings(v->t);
	char *path = store_path(S(v), id);
	bool hit;

	cfg.network = false;
	hit = deep_eval_path(&cfg, p, path);
	free(path);
	return hit;
}

static void *
deep_run(void *arg)
{
	struct deepjob *j = arg;

	for (size_t k = 0; k < j->n && !atomic_load(&j->cancel); k++) {
		j->result[k] = deep_eval_path(&j->cfg, &j->pat, j->paths[k]) ? 1 : 2;
		atomic_store(&j->done, k + 1);   /* result[k] is the index's from now on */
	}
	return NULL;
}

/* Free job j (no thread running); the entries it had not handed over are unread again. */
static void
deepjob_free(struct index *ix, struct deepjob *j)
{
	for (size_t k = j->taken; k < j->n; k++)
		if (j->ids[k] < ix->ndeep && ix->deep[j->ids[k]] == 3)
			ix->deep[j->ids[k]] = 0;
	for (size_t k = 0; k < j->n; k++)
		free(j->paths[k]);
	free(j->paths);
	free(j->ids);
	free(j->result);
	pattern_free(&j->pat);
	free(j);
}

/* Stop the job, waiting for the message being read. */
static void
deep_stop(struct index *ix)
{
	if (ix->job == NULL)
		return;
	atomic_store(&ix->job->cancel, true);
	pthread_join(ix->job->th, NULL);
	deepjob_free(ix, ix->job);
	ix->job = NULL;
}

static bool deep_step(struct view *v);

/* Hand the entries the limit has not read yet to a new job (none running). */
static void
deep_start(struct view *v)
{
	struct index *ix = v->data;
	struct store *s = S(v);
	struct deepjob *j = xcalloc(1, sizeof *j);
	size_t cap = ix->deep_left;

	j->cfg = *tui_settings(v->t);
	j->cfg.network = false;
	j->paths = xcalloc(cap, sizeof *j->paths);
	j->ids = xcalloc(cap, sizeof *j->ids);
	j->result = xcalloc(cap, 1);
	for (size_t i = 0; i < ix->ndeep && i < store_count(s) && j->n < cap; i++) {
		const struct mailbox_entry *e = store_entry(s, i);

		if ((e->flags & EF_GONE) || ix->deep[i] != 0 || !pattern_match(&ix->lim, s, e))
			continue;
		j->ids[j->n] = (uint32_t)i;
		j->paths[j->n++] = store_path(s, i);
		ix->deep[i] = 3;
	}
	/* the job's own copy of the pattern */
	j->pat.terms = xcalloc(ix->lim.n > 0 ? ix->lim.n : 1, sizeof *j->pat.terms);
	for (size_t k = 0; k < ix->lim.n; k++) {
		j->pat.terms[k] = ix->lim.terms[k];
		j->pat.terms[k].text = ix->lim.terms[k].text != NULL ? xstrdup(ix->lim.terms[k].text) : NULL;
	}
	j->pat.n = ix->lim.n;
	j->pat.deep = true;
	atomic_init(&j->done, 0);
	atomic_init(&j->cancel, false);
	ix->job = j;
	if (pthread_create(&j->th, NULL, deep_run, j) != 0) {   /* no thread: deep_step reads them here */
		ix->job = NULL;
		deepjob_free(ix, j);
	}
	tui_set_idle(v->t, deep_step, v);
}

static bool
matches(struct index *ix, struct store *s, const struct mailbox_entry *e, size_t i)
{
	if (!pattern_match(&ix->lim, s, e))
		return false;
	return !ix->lim.deep || (i < ix->ndeep && ix->deep[i] == 1);
}

/* ---- order ---- */

struct sort_ctx {
	struct store *s;
	enum sort sort;
	bool reverse;
};

static int
risk_rank(const struct mailbox_entry *e)
{
	if (e->state == ENTRY_ERROR)
		return -1;
	if (e->state < ENTRY_ANALYSED)
		return -2;
	return e->verdict * 100000 + e->score + 50000;
}

static int
order_cmp(const void *a, const void *b, void *arg)
{
	const struct sort_ctx *c = arg;
	uint32_t ia = *(const uint32_t *)a, ib = *(const uint32_t *)b;
	const struct mailbox_entry *x = store_entry(c->s, ia), *y = store_entry(c->s, ib);
	int r = 0;

	switch (c->sort) {
	case SORT_DATE:
		r = x->date > y->date ? -1 : x->date < y->date ? 1 : 0;   /* newest first */
		break;
	case SORT_RISK: {
		int rx = risk_rank(x), ry = risk_rank(y);
		r = rx > ry ? -1 : rx < ry ? 1 : (x->date > y->date ? -1 : x->date < y->date ? 1 : 0);
		break;
	}
	case SORT_SENDER:
		r = ascii_strcasecmp(store_str(c->s, x->from_name), store_str(c->s, y->from_name));
		if (r == 0)
			r = ascii_strcasecmp(store_str(c->s, x->from_domain), store_str(c->s, y->from_domain));
		break;
	}
	if (r == 0)
		r = ia < ib ? 1 : ia > ib ? -1 : 0;
	return c->reverse ? -r : r;
}

struct keyed {
	int64_t key;
	uint32_t id;
};

static int
keyed_cmp(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;

	if (x->key != y->key)
		return x->key > y->key ? -1 : 1;   /* largest first */
	return x->id > y->id ? -1 : x->id < y->id ? 1 : 0;
}

/*
 * A Maildir listed in delivery order is already in date order, oldest
 * first: reversed, it is the index's order without a sort. True when k is
 * in keyed_cmp's order (turned round if it was exactly backwards).
 */
static bool
keyed_presorted(struct keyed *k, size_t n)
{
	bool fwd = true, back = true;

	for (size_t i = 1; i < n && (fwd || back); i++) {
		int c = keyed_cmp(&k[i - 1], &k[i]);
		fwd = fwd && c < 0;
		back = back && c > 0;
	}
	if (back)
		for (size_t i = 0, j = n - 1; i < j; i++, j--) {
			struct keyed t = k[i];
			k[i] = k[j];
			k[j] = t;
		}
	return fwd || back;
}

/* Date and risk orders through one integer key per row: no pointer chasing in the comparisons (100,000 rows). */
static void
keyed_sort(struct store *s, uint32_t *order, size_t n, enum sort sort, bool reverse)
{
	struct keyed *k = xmalloc(n * sizeof *k);

	for (size_t i = 0; i < n; i++) {
		const struct mailbox_entry *e = store_entry(s, order[i]);
		int64_t date = e->date & (((int64_t)1 << 36) - 1);
		k[i].id = order[i];
		k[i].key = sort == SORT_DATE ? e->date : ((int64_t)(risk_rank(e) + 3) << 36) | date;
	}
	if (n > 1 && !keyed_presorted(k, n))   /* qsort(NULL, 0, ...) is undefined */
		qsort(k, n, sizeof *k, keyed_cmp);
	for (size_t i = 0; i < n; i++)
		order[reverse ? n - 1 - i : i] = k[i].id;
	free(k);
}

static void
rebuild(struct view *v)
{
	struct index *ix = v->data;
	struct store *s = S(v);
	size_t n = store_count(s);
	long keep = ix->norder > 0 && ix->cursor < ix->norder ? (long)ix->order[ix->cursor] : tui_current(v->t);
	struct sort_ctx c = { s, ix->sort, ix->reverse };

	if (ix->cap < n) {
		ix->cap = n;
		ix->order = xreallocarray(ix->order, n > 0 ? n : 1, sizeof *ix->order);
	}
	ix->norder = 0;
	if (ix->lim.deep && ix->ndeep < n) {   /* new mail: not read yet */
		ix->deep = xreallocarray(ix->deep, n, 1);
		memset(ix->deep + ix->ndeep, 0, n - ix->ndeep);
		ix->ndeep = n;
	}
	ix->deep_left = 0;
	for (size_t i = 0; i < n; i++) {
		const struct mailbox_entry *e = store_entry(s, i);
		if (e->flags & EF_GONE)
			continue;
		if (ix->lim.deep && (ix->deep[i] == 0 || ix->deep[i] == 3) && pattern_match(&ix->lim, s, e))
			ix->deep_left++;
		if (matches(ix, s, e, i))
			ix->order[ix->norder++] = (uint32_t)i;
	}
	if (ix->deep_left > 0 && ix->job == NULL)   /* read them on a worker thread */
		deep_start(v);
	if (ix->norder > 1 && ix->sort == SORT_SENDER)
		qsort_r(ix->order, ix->norder, sizeof *ix->order, order_cmp, &c);
	else if (ix->norder > 1)
		keyed_sort(s, ix->order, ix->norder, ix->sort, ix->reverse);
	ix->cursor = 0;
	if (!ix->built && keep < 0 && tui_settings(v->t) != NULL && tui_settings(v->t)->start != NULL &&
	    strcmp(tui_settings(v->t)->start, "unread") == 0) {
		/* "start = unread": the first unread row from the top (the newest unread in date order) */
		for (size_t i = 0; i < ix->norder; i++)
			if (!(store_entry(s, ix->order[i])->flags & EF_SEEN)) {
				ix->cursor = i;
				break;
			}
	}
	for (size_t i = 0; keep >= 0 && i < ix->norder; i++)
		if (ix->order[i] == (uint32_t)keep) {
			ix->cursor = i;
			break;
		}
	if (keep >= 0 && ix->cursor == 0 && ix->norder > 0 && ix->order[0] != (uint32_t)keep && ix->built) {
		/* the message left the list (moved, limited out): stay near where it was */
		ix->cursor = ix->top < ix->norder ? ix->top : ix->norder - 1;
	}
	tui_set_current(v->t, ix->norder > 0 ? (long)ix->order[ix->cursor] : -1);
	ix->gen = tui_list_gen(v->t);
	ix->last_build = now_ms();
	ix->built = true;
}

/*
 * Between keys, while a ~b, ~u or ~a limit is being read: wait up to 50 ms
 * for the job (a key ends the wait at once), take what it has read, show
 * the rows that match. False when nothing is left to read.
 */
static bool
deep_step(struct view *v)
{
	struct index *ix = v->data;
	struct deepjob *j = ix->job;
	struct pollfd in = { STDIN_FILENO, POLLIN, 0 };
	bool found = false;
	size_t done;

	if (!ix->lim.deep)
		return false;
	if (j == NULL) {   /* no thread could be started: one message a step, here */
		struct store *s = S(v);

		for (size_t i = 0; i < ix->ndeep && i < store_count(s); i++) {
			const struct mailbox_entry *e = store_entry(s, i);

			if ((e->flags & EF_GONE) || ix->deep[i] != 0 || !pattern_match(&ix->lim, s, e))
				continue;
			ix->deep[i] = deep_eval(v, &ix->lim, (uint32_t)i) ? 1 : 2;
			rebuild(v);
			return true;
		}
		rebuild(v);
		return false;
	}
	(void)poll(&in, 1, 50);
	done = atomic_load(&j->done);
	for (; j->taken < done; j->taken++) {
		uint32_t id = j->ids[j->taken];

		if (id < ix->ndeep && ix->deep[id] == 3)
			ix->deep[id] = j->result[j->taken];
		found = found || j->result[j->taken] == 1;
	}
	if (done == j->n) {
		deep_stop(ix);
		rebuild(v);   /* starts another job if new mail came */
		return ix->job != NULL;
	}
	if (found)
		rebuild(v);
	else {
		size_t left = 0;   /* the count of those left, for the status line */

		for (size_t k = j->taken; k < j->n; k++)
			left += ix->deep[j->ids[k]] == 3;
		ix->deep_left = left;
	}
	return true;
}

static void
index_init(struct view *v, void *arg)
{
	struct index *ix = xcalloc(1, sizeof *ix);

	v->data = ix;
	rebuild(v);
}

static void
index_free(struct view *v)
{
	struct index *ix = v->data;

	tui_set_idle(v->t, NULL, NULL);
	deep_stop(ix);
	pattern_free(&ix->lim);
	free(ix->limit);
	free(ix->order);
	free(ix->deep);
	free(ix);
}

static void
index_resize(struct view *v)
{
}

static int
rows(struct view *v)
{
	return v->h - 1 > 1 ? v->h - 1 : 1;
}

static void
clamp(struct view *v)
{
	struct index *ix = v->data;
	int r = rows(v);

	if (ix->norder == 0) {
		ix->cursor = ix->top = 0;
		tui_set_current(v->t, -1);
		return;
	}
	if (ix->cursor >= ix->norder)
		ix->cursor = ix->norder - 1;
	if (ix->cursor < ix->top)
		ix->top = ix->cursor;
	if (ix->cursor >= ix->top + (size_t)r)
		ix->top = ix->cursor - (size_t)r + 1;
	if (ix->top + (size_t)r > ix->norder)
		ix->top = ix->norder > (size_t)r ? ix->norder - (size_t)r : 0;
	tui_set_current(v->t, (long)ix->order[ix->cursor]);
}

static void
move_by(struct view *v, long d)
{
	struct index *ix = v->data;
	long c = (long)ix->cursor + d;

	if (c < 0)
		c = 0;
	if (ix->norder > 0 && c >= (long)ix->norder)
		c = (long)ix->norder - 1;
	ix->cursor = (size_t)c;
	clamp(v);
}

/*
 * Tag (or untag) every message the pattern matches, whether the limit
 * shows it or not, as NeoMutt's tag-pattern; the count is said, and the
 * actions on tagged messages say it again before they act.
 */
static void
tag_pattern(struct view *v, bool tag)
{
	struct store *s = S(v);
	struct pattern p = { NULL, 0, false };
	char *pat, *cause = NULL;
	size_t n = 0;
	long last = now_ms();
	bool stopped = false;

	pat = tui_prompt(v->t, tag ? _("Tag messages matching (text, ~s ~e ~b ~u ~a ~f ~v ~F ~N ~T, ! negates): ")
	    : _("Untag messages matching (text, ~s ~e ~b ~u ~a ~f ~v ~F ~N ~T, ! negates): "), NULL);
	if (pat == NULL)
		return;
	if (pattern_parse(&p, pat, &cause) != 0) {
		tui_message(v->t, true, "%s", cause);
		free(cause);
		free(pat);
		return;
	}
	if (p.n == 0) {   /* an empty pattern would match everything: nothing is done */
		free(pat);
		return;
	}
	for (size_t i = 0; i < store_count(s); i++) {
		struct mailbox_entry *e = store_entry(s, i);

		if ((e->flags & EF_GONE) || !pattern_match(&p, s, e) || ((e->flags & EF_TAGGED) != 0) == tag)
			continue;
		if (p.deep) {   /* reading every message takes a while: said as it goes, Escape stops it */
			long t = now_ms();

			if (t - last >= 200) {
				last = t;
				if (tui_progress(v->t, _("reading the messages: %zu of %zu (Escape stops)"), i, store_count(s))) {
					stopped = true;
					break;
				}
			}
			if (!deep_eval(v, &p, (uint32_t)i))
				continue;
		}
		e->flags ^= EF_TAGGED;
		n++;
	}
	if (stopped)
		tui_message(v->t, true, tag ? ngettext("stopped: %zu message tagged", "stopped: %zu messages tagged", n)
		    : ngettext("stopped: %zu message untagged", "stopped: %zu messages untagged", n), n);
	else if (tag)
		tui_message(v->t, false, ngettext("%zu message tagged", "%zu messages tagged", n), n);
	else
		tui_message(v->t, false, ngettext("%zu message untagged", "%zu messages untagged", n), n);
	pattern_free(&p);
	free(pat);
}

static int
index_key(struct view *v, enum action a)
{
	struct index *ix = v->data;
	int r = rows(v);
	char *pat, *cause = NULL;

	switch (a) {
	case A_LINE_DOWN: move_by(v, 1); break;
	case A_LINE_UP: move_by(v, -1); break;
	case A_NEXT_MESSAGE:
	case A_PREV_MESSAGE:   /* also from the message view above (tui.c passes them down) */
		if (ix->norder == 0 || (a == A_NEXT_MESSAGE ? ix->cursor + 1 >= ix->norder : ix->cursor == 0)) {
			tui_message(v->t, false, "%s", a == A_NEXT_MESSAGE ? _("this is the last message") : _("this is the first message"));
			break;
		}
		move_by(v, a == A_NEXT_MESSAGE ? 1 : -1);
		break;
	case A_PAGE_DOWN: move_by(v, r); break;
	case A_PAGE_UP: move_by(v, -r); break;
	case A_HALF_DOWN: move_by(v, r / 2); break;
	case A_HALF_UP: move_by(v, -r / 2); break;
	case A_FIRST: move_by(v, -(long)ix->norder); break;
	case A_LAST: move_by(v, (long)ix->norder); break;
	case A_SORT_DATE: case A_SORT_RISK: case A_SORT_SENDER:
		ix->sort = a == A_SORT_DATE ? SORT_DATE : a == A_SORT_RISK ? SORT_RISK : SORT_SENDER;
		ix->reverse = false;
		rebuild(v);
		clamp(v);
		break;
	case A_SORT_REVERSE:
		ix->reverse = !ix->reverse;
		rebuild(v);
		clamp(v);
		break;
	case A_LIMIT:
		/* the prompt starts empty: Up brings back the limit in force and the ones before it */
		if ((pat = tui_prompt(v->t, _("Limit to (text, ~s ~e ~b ~u ~a ~f ~v ~F ~N ~T, ! negates; empty: all): "),
		    NULL)) == NULL)
			break;
		{
			struct pattern np = { NULL, 0, false };

			if (pattern_parse(&np, pat, &cause) != 0) {   /* the limit in force stays */
				tui_message(v->t, true, "%s", cause);
				free(cause);
				free(pat);
				break;
			}
			deep_stop(ix);
			pattern_free(&ix->lim);
			ix->lim = np;
			/* nothing read yet for this limit */
			free(ix->deep);
			ix->deep = NULL;
			ix->ndeep = 0;
			ix->deep_left = 0;
			tui_set_idle(v->t, NULL, NULL);
		}
		free(ix->limit);
		ix->limit = ix->lim.n > 0 ? pat : NULL;
		if (ix->lim.n == 0)
			free(pat);
		tui_note_limit(v->t, ix->limit);
		rebuild(v);
		clamp(v);
		break;
	case A_TAG:
		if (ix->norder > 0) {
			store_entry(S(v), ix->order[ix->cursor])->flags ^= EF_TAGGED;
			move_by(v, 1);
		}
		break;
	case A_UNTAG_ALL:
		for (size_t i = 0; i < store_count(S(v)); i++)
			store_entry(S(v), i)->flags &= (uint8_t)~EF_TAGGED;
		break;
	case A_TAG_PATTERN:
	case A_UNTAG_PATTERN:
		tag_pattern(v, a == A_TAG_PATTERN);
		break;
	default:
		return REACT_UNHANDLED;
	}
	return REACT_REDRAW;
}

static const char *
date_text(int64_t t, bool wide, char *buf, size_t len)
{
	time_t tt = (time_t)t, now = time(NULL);
	struct tm tm, tn;

	if (t == 0) {
		snprintf(buf, len, "%s", wide ? "          " : "     ");
		return buf;
	}
	localtime_r(&tt, &tm);
	localtime_r(&now, &tn);
	if (wide)
		strftime(buf, len, "%Y-%m-%d", &tm);
	else if (tm.tm_year == tn.tm_year)
		strftime(buf, len, "%m-%d", &tm);
	else
		strftime(buf, len, "%Y ", &tm);
	return buf;
}

static enum level
entry_level(const struct mailbox_entry *e)
{
	if (e->state != ENTRY_ANALYSED)
		return LV_NONE;
	if (e->verdict == VERDICT_PHISHING)
		return LV_HIGH;
	if (e->verdict == VERDICT_SUSPICIOUS)
		return LV_MEDIUM;
	if (e->flags & EF_VERIFIED)
		return LV_VERIFIED;
	return LV_NONE;
}

/*
 * The sender's domain in w cells: whole when it fits, else cut from the
 * left ("…verify-secure.top"), so that the end, where the registrable
 * domain stands, shows and not a brand's name put in front of it. A domain
 * wearing a brand before another registrable domain is coloured as a high
 * finding.
 */
static void
draw_domain(int y, int x, int w, const char *dom, struct style base)
{
	const struct brands *b = brands_default(NULL);
	char *worn;
	struct style st;
	size_t len;

	if (dom == NULL)
		dom = "";
	worn = url_brand_subdomain(dom, b);
	st = theme_over(base, worn != NULL ? theme_level(AREA_INDEX, LV_HIGH) : theme_elem(E_DIM));
	len = strlen(dom);
	free(worn);
	if (draw_width(dom, len) <= w) {
		draw_str(y, x, w, dom, st);
		return;
	}
	{
		const uint8_t *s = (const uint8_t *)dom, *p = s + len;
		const char *ell = theme_glyph_ellipsis();
		int ew = draw_width(ell, strlen(ell));

		/* the longest tail that fits beside the ellipsis, a character at a time */
		for (;;) {
			ucs4_t c;
			const uint8_t *q = u8_prev(&c, p, s);

			if (q == NULL || draw_width((const char *)q, len - (size_t)(q - s)) > w - ew)
				break;
			p = q;
		}
		draw_str(y, x, ew, ell, st);
		draw_str(y, x + ew, w - ew, (const char *)p, st);
	}
}

static void
index_draw(struct view *v)
{
	struct index *ix = v->data;
	struct store *s = S(v);
	int r = rows(v), namew, domw, x;
	bool wide = v->w >= 100;
	size_t total = 0, phish = 0, susp = 0, pend = store_pending(s), tagged = 0;
	char date[32], *title;
	const char *folder = store_folder(s);

	if (tui_list_gen(v->t) != ix->gen) {
		bool force = tui_list_take_force(v->t);
		if (force || pend == 0 || store_count(s) < 5000 || now_ms() - ix->last_build >= 1000)
			rebuild(v);
	}
	clamp(v);
	title = xasprintf("kensa  %s%s%s", store_root(s), *folder ? "/" : "", folder);
	tui_title(v, title);
	free(title);
	namew = v->w >= 100 ? 18 : v->w >= 70 ? 14 : 10;
	domw = v->w >= 100 ? 18 : v->w >= 70 ? 12 : 0;
	for (int row = 0; row < r && ix->top + (size_t)row < ix->norder; row++) {
		size_t id = ix->order[ix->top + (size_t)row];
		struct mailbox_entry *e = store_entry(s, id);
		bool cur = ix->top + (size_t)row == ix->cursor;
		struct style base = cur ? theme_elem(E_CURSOR) : theme_elem(E_NORMAL);
		int y = v->y + 1 + row;
		enum level lv;
		char fl[3];

		if (e->state == ENTRY_LISTED)
			store_load_headers(s, id);
		if (e->state < ENTRY_ANALYSED)
			store_want(s, id);
		lv = entry_level(e);
		draw_fill(y, v->x, v->w, base);
		fl[0] = (e->flags & EF_TAGGED) ? '*' : ' ';
		fl[1] = (e->flags & EF_FLAGGED) ? '!' : !(e->flags & EF_SEEN) ? 'N' : ' ';
		fl[2] = '\0';
		x = v->x;
		x += 1 + draw_str(y, x, 2, fl, (e->flags & EF_TAGGED) ? theme_over(base, theme_elem(E_TAGGED)) : base);
		x += draw_str(y, x, 11, date_text(e->date, wide, date, sizeof date), base);
		x++;
		draw_str(y, x, 1, theme_glyph_verdict(e->verdict, (e->flags & EF_VERIFIED) != 0,
		    e->state < ENTRY_ANALYSED, e->state == ENTRY_ERROR),
		    e->state < ENTRY_ANALYSED ? theme_over(base, theme_elem(E_DIM)) : theme_over(base, theme_level(AREA_INDEX, lv)));
		x += 2;
		draw_str(y, x, namew, store_str(s, e->from_name), lv >= LV_MEDIUM && lv != LV_VERIFIED ?
		    theme_over(base, theme_level(AREA_INDEX, lv)) : base);
		x += namew + 1;
		if (domw > 0) {
			draw_domain(y, x, domw, store_str(s, e->from_domain), base);
			x += domw + 1;
		}
		draw_str(y, x, v->w - (x - v->x), store_str(s, e->subject), base);
	}
	if (ix->norder == 0)
		draw_str(v->y + 2, v->x + 2, v->w - 4, ix->limit != NULL ? _("No message matches the limit.") : _("No messages."),
		    theme_elem(E_DIM));
	for (size_t i = 0; i < store_count(s); i++) {
		const struct mailbox_entry *e = store_entry(s, i);
		if (e->flags & EF_GONE)
			continue;
		total++;
		if (e->flags & EF_TAGGED)
			tagged++;
		if (e->state == ENTRY_ANALYSED && e->verdict == VERDICT_PHISHING)
			phish++;
		else if (e->state == ENTRY_ANALYSED && e->verdict == VERDICT_SUSPICIOUS)
			susp++;
	}
	{
		struct buf b;
		static const char *sorts[] = { N_("date"), N_("risk"), N_("sender") };
		buf_init(&b);
		buf_addf(&b, ngettext("%zu message", "%zu messages", total), total);
		buf_addf(&b, " | %s %zu | %s %zu", _("phishing"), phish, _("suspicious"), susp);
		if (pend > 0)
			buf_addf(&b, " | %s %zu", _("being analysed"), pend);
		if (tagged > 0)
			buf_addf(&b, " | %s %zu", _("tagged"), tagged);
		if (ix->limit != NULL)
			buf_addf(&b, " | %s %zu: %s", _("shown"), ix->norder, ix->limit);
		if (ix->deep_left > 0)
			buf_addf(&b, " (%s %zu)", _("messages left to read"), ix->deep_left);
		buf_addf(&b, "  [%s: %s%s]  %s:%s", _("sort"), _(sorts[ix->sort]), ix->reverse ? " ^" : "",
		    tui_key_for(CTX_INDEX, A_HELP), _("help"));
		free(v->status);
		v->status = buf_take(&b);
	}
}

/* A click on a row moves the cursor there; a click on the cursor's row opens the message. */
static enum action
index_click(struct view *v, int y, int x)
{
	struct index *ix = v->data;
	int row = y - (v->y + 1);

	(void)x;
	if (row < 0 || row >= rows(v) || ix->top + (size_t)row >= ix->norder)
		return A_NONE;
	if (ix->top + (size_t)row == ix->cursor)
		return A_SELECT;
	ix->cursor = ix->top + (size_t)row;
	tui_set_current(v->t, (long)ix->order[ix->cursor]);
	return A_NONE;
}

const struct view_ops view_index_ops = {
	"index", CTX_INDEX, index_init, index_free, index_resize, index_key, index_draw, index_click,
};
