/* tui.c — the TUI's main loop: start-up (keymap, theme, terminal), the view stack, keys to actions, the status line, background results and new mail. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <malloc.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <unistr.h>

#include <curses.h>
#include <term.h>

#include "analyze.h"
#include "cache.h"
#include "draw.h"
#include "evidence.h"
#include "i18n.h"
#include "keymap.h"
#include "message.h"
#include "settings.h"
#include "store.h"
#include "theme.h"
#include "tui.h"
#include "view.h"
#include "util.h"

#define MAX_VIEWS 32
#define COLLECT_EVERY_MS 150     /* apply worker results at most this often */
#define POLL_MAIL_MS 2000        /* look for new mail this often */
#define ANALYSIS_GRACE_MS 300    /* an analysis done within this shows at once; longer ones go on behind the screen */

struct tui {
	struct settings *cfg;
	char *root;                  /* the Maildir, or NULL for a single message */
	struct store *store;
	struct view *stack[MAX_VIEWS];
	int depth;
	struct view *index;          /* the index view, when there is one */
	long current;                /* entry id of the current message */
	struct report *rep;          /* the cached report of rep_entry */
	long rep_entry;
	unsigned rep_gen, list_gen;
	bool list_force;             /* entries moved or renamed: the index rebuilds at once */
	bool (*idle)(struct view *); /* background work between keys (the index's search of bodies), or NULL */
	struct view *idle_view;
	bool origin_moved;           /* the user moved the trust boundary of rep (set-origin) */
	char *limit;                 /* the index's limit pattern in force, or NULL */
	int prefix_key;              /* the first key of a two-key binding ("g" of "gg"), or 0 */
	struct hist { char *kind, *text; } *history;   /* prompts' answers, oldest first; Up and Down recall a prompt's own */
	size_t nhistory;
	char *single_path;           /* single-message mode: the file ("-" for stdin) */
	char *single_data;           /* stdin's bytes */
	size_t single_len;
	char *msg;                   /* status line message */
	bool msg_error;
	bool utf8, quit, need_layout, need_draw;
	/* the shown message is analysed on its own thread: the input loop never waits for it */
	pthread_t an_thread;
	bool an_busy;
	int an_pipe[2];              /* a byte when the thread is done */
	long an_entry, an_failed;    /* entry analysed; entry whose analysis failed (-1 none) */
	char *an_path;
	struct report *an_rep;       /* its result, or NULL with an_cause */
	char *an_cause;
};

static volatile sig_atomic_t got_signal;
static bool curses_on;

static void
on_signal(int sig)
{
	got_signal = sig;
}

static void
fatal_hook(void)
{
	if (curses_on)
		endwin();
}

/* ---- small accessors ---- */

struct store *tui_store(struct tui *t) { return t->store; }
struct settings *tui_settings(struct tui *t) { return t->cfg; }
long tui_current(struct tui *t) { return t->current; }
unsigned tui_report_gen(struct tui *t) { return t->rep_gen; }
unsigned tui_list_gen(struct tui *t) { return t->list_gen; }
void tui_list_changed(struct tui *t) { t->list_gen++; t->list_force = true; }
void tui_set_idle(struct tui *t, bool (*step)(struct view *), struct view *v) { t->idle = step; t->idle_view = v; }
static void draw_status(struct tui *t);

bool
tui_list_take_force(struct tui *t)
{
	bool f = t->list_force;

	t->list_force = false;
	return f;
}
bool tui_utf8(struct tui *t) { return t->utf8; }

void
tui_set_current(struct tui *t, long entry)
{
	t->current = entry;
}

void
tui_message(struct tui *t, bool error, const char *fmt, ...)
{
	va_list ap;

	free(t->msg);
	va_start(ap, fmt);
	t->msg = xvasprintf(fmt, ap);
	va_end(ap);
	t->msg_error = error;
	t->need_draw = true;
}

bool
tui_progress(struct tui *t, const char *fmt, ...)
{
	va_list ap;
	wint_t wc;
	int rc;
	bool stop = false;
	struct { int rc; wint_t wc; } kept[16];
	size_t nkept = 0;

	free(t->msg);
	va_start(ap, fmt);
	t->msg = xvasprintf(fmt, ap);
	va_end(ap);
	t->msg_error = false;
	draw_status(t);
	refresh();
	nodelay(stdscr, TRUE);
	while (nkept < sizeof kept / sizeof kept[0] && (rc = get_wch(&wc)) != ERR) {
		if (rc == OK && (wc == 27 || wc == 7)) {   /* Escape, C-g */
			stop = true;
			break;
		}
		kept[nkept].rc = rc;   /* any other key waits for the input loop */
		kept[nkept++].wc = wc;
	}
	/* back in the order typed: ncurses returns the last one pushed first */
	while (nkept > 0) {
		nkept--;
		if (kept[nkept].rc == KEY_CODE_YES)
			ungetch((int)kept[nkept].wc);
		else
			unget_wch((wchar_t)kept[nkept].wc);
	}
	return stop;
}

/*
 * Analyse one file for the screen. Network lookups (RDAP, DNS) are left
 * running: the main loop polls analyze_pending_fd() and applies their
 * answers when they come, so the screen never waits for them.
 */
static int
analyze_for_screen(struct tui *t, const char *path, struct report **out, char **cause)
{
	struct message *m;

	*out = NULL;
	if (message_load_file_max(path, t->cfg->max_message_size, &m, cause) != 0)
		return -1;
	*out = analyze_message_async(m, t->cfg);
	return 0;
}

static void *
analysis_thread(void *arg)
{
	struct tui *t = arg;
	char c = 1;

	if (analyze_for_screen(t, t->an_path, &t->an_rep, &t->an_cause) != 0)
		t->an_rep = NULL;
	while (write(t->an_pipe[1], &c, 1) < 0 && errno == EINTR)
		;
	return NULL;
}

/* The analysis thread is done (or wait up to ms for it): take its result; true when it was taken. */
static bool
analysis_take(struct tui *t, int ms)
{
	struct pollfd p = { t->an_pipe[0], POLLIN, 0 };
	char c;

	if (!t->an_busy || poll(&p, 1, ms) <= 0)
		return false;
	while (read(t->an_pipe[0], &c, 1) < 0 && errno == EINTR)
		;
	pthread_join(t->an_thread, NULL);
	t->an_busy = false;
	free(t->an_path);
	t->an_path = NULL;
	if (t->an_entry != t->current || t->store == NULL) {   /* the user moved on meanwhile */
		report_free(t->an_rep);
		free(t->an_cause);
	} else if (t->an_rep == NULL) {
		char *path = store_path(t->store, (size_t)t->an_entry);

		tui_message(t, true, "%s: %s", path, t->an_cause);
		free(path);
		free(t->an_cause);
		t->an_failed = t->an_entry;
	} else {
		report_free(t->rep);
		t->rep = t->an_rep;
		t->origin_moved = false;
		t->rep_entry = t->an_entry;
		t->rep_gen++;
		store_note_report(t->store, (size_t)t->rep_entry, t->rep);
		t->list_gen++;
	}
	t->an_rep = NULL;
	t->an_cause = NULL;
	t->need_draw = true;
	return true;
}

bool
tui_analysing(struct tui *t)
{
	return t->an_busy;   /* this message's, or the one before it: this one is next */
}

struct report *
tui_report(struct tui *t)
{
	if (t->rep != NULL && (t->store == NULL || t->rep_entry == t->current))
		return t->rep;
	if (t->store == NULL || t->current < 0 || (size_t)t->current >= store_count(t->store)) {
		tui_message(t, true, "%s", _("no message selected"));
		return NULL;
	}
	if (t->an_busy) {
		analysis_take(t, 0);
		if (t->rep != NULL && t->rep_entry == t->current)
			return t->rep;
		if (t->an_busy)
			return NULL;   /* still going (for this message or the one before: then this one is next) */
	}
	if (t->an_failed == t->current)
		return NULL;
	if (t->an_pipe[0] <= 0 && pipe(t->an_pipe) != 0) {
		char *path = store_path(t->store, (size_t)t->current), *cause = NULL;
		struct report *r;

		/* no pipe: analyse here as before */
		t->an_pipe[0] = t->an_pipe[1] = 0;
		if (analyze_for_screen(t, path, &r, &cause) != 0) {
			tui_message(t, true, "%s: %s", path, cause);
			free(cause);
			free(path);
			return NULL;
		}
		free(path);
		report_free(t->rep);
		t->rep = r;
		t->origin_moved = false;
		t->rep_entry = t->current;
		t->rep_gen++;
		store_note_report(t->store, (size_t)t->current, r);
		t->list_gen++;
		return r;
	}
	t->an_entry = t->current;
	t->an_failed = -1;
	t->an_path = store_path(t->store, (size_t)t->current);
	if (pthread_create(&t->an_thread, NULL, analysis_thread, t) != 0) {
		tui_message(t, true, "%s", strerror(errno));
		free(t->an_path);
		t->an_path = NULL;
		return NULL;
	}
	t->an_busy = true;
	/* most messages take a few milliseconds: those show at once, as before */
	if (analysis_take(t, ANALYSIS_GRACE_MS) && t->rep != NULL && t->rep_entry == t->current)
		return t->rep;
	if (t->an_busy)
		tui_message(t, false, "%s", _("analysing the message..."));
	return NULL;
}

void
tui_report_changed(struct tui *t)
{
	t->rep_gen++;
	if (t->store != NULL && t->rep != NULL && t->rep_entry >= 0) {
		store_note_report(t->store, (size_t)t->rep_entry, t->rep);
		t->list_gen++;
	}
}

bool
tui_above_index(struct view *v)
{
	struct tui *t = v->t;

	return t->depth == 1 || (t->depth >= 2 && t->stack[t->depth - 1] == v && t->stack[t->depth - 2] == t->index);
}

/* ---- the view stack ---- */

static void
layout(struct view *v)
{
	v->y = 0;
	v->x = 0;
	v->h = LINES - 1 > 1 ? LINES - 1 : 1;
	v->w = COLS > 1 ? COLS : 1;
	if (v->ops->resize != NULL)
		v->ops->resize(v);
}

struct view *
tui_push(struct tui *t, const struct view_ops *ops, void *arg)
{
	struct view *v;

	if (t->depth == MAX_VIEWS) {
		tui_message(t, true, "%s", _("too many views open"));
		return NULL;
	}
	v = xcalloc(1, sizeof *v);
	v->ops = ops;
	v->t = t;
	t->stack[t->depth++] = v;
	ops->init(v, arg);
	layout(v);
	t->need_draw = true;
	return v;
}

static void
pop(struct tui *t)
{
	struct view *v = t->stack[--t->depth];

	if (v == t->index)
		t->index = NULL;
	v->ops->free(v);
	free(v->status);
	free(v);
	if (t->depth > 0)
		layout(t->stack[t->depth - 1]);   /* the terminal may have changed size meanwhile */
	t->need_draw = true;
}

const char *
tui_key_for(enum keyctx ctx, enum action a)
{
	int keys[1];

	if (keymap_keys_for(ctx, a, keys, 1) == 0 && keymap_keys_for(CTX_GLOBAL, a, keys, 1) == 0)
		return "";
	return key_name(keys[0]);
}

char *
tui_hints(enum keyctx ctx)
{
	static const struct {
		enum action a;
		const char *label;
	} hints[] = {
		{ A_OPEN_FINDINGS, N_("findings") }, { A_OPEN_RECEIVED, N_("received") },
		{ A_OPEN_HEADERS, N_("headers") }, { A_OPEN_LINKS, N_("links") }, { A_OPEN_MIME, N_("MIME") },
		{ A_BACK, N_("back") }, { A_HELP, N_("help") },
	};
	struct buf b;

	buf_init(&b);
	buf_adds(&b, "");
	for (size_t i = 0; i < sizeof hints / sizeof hints[0]; i++) {
		int keys[4];
		size_t n = keymap_keys_for(ctx, hints[i].a, keys, 4);
		if (n == 0)
			n = keymap_keys_for(CTX_GLOBAL, hints[i].a, keys, 4);
		if (n > 0)
			buf_addf(&b, "%s%s:%s", b.len > 0 ? " " : "", key_name(keys[0]), _(hints[i].label));
	}
	return buf_take(&b);
}

void
tui_title(struct view *v, const char *title)
{
	struct style st = theme_elem(E_TITLE);

	draw_fill(v->y, v->x, v->w, st);
	draw_str(v->y, v->x + 1, v->w - 1, title, st);
}

/* ---- terminal in and out ---- */

void
tui_suspend(struct tui *t)
{
	def_prog_mode();
	endwin();
	fflush(stdout);
}

void
tui_resume(struct tui *t)
{
	reset_prog_mode();
	clearok(curscr, TRUE);
	t->need_layout = t->need_draw = true;
}

static void
draw_status(struct tui *t)
{
	struct view *top = t->stack[t->depth - 1];
	struct style st = theme_elem(E_STATUS);
	int y = LINES - 1;

	draw_fill(y, 0, COLS, st);
	if (t->msg != NULL)
		draw_str(y, 0, COLS, t->msg, t->msg_error ? theme_over(st, theme_elem(E_ERROR)) : st);
	else if (top->status != NULL)
		draw_str(y, 0, COLS, top->status, st);
}

static void
draw_all(struct tui *t)
{
	struct view *top = t->stack[t->depth - 1];

	erase();
	top->ops->draw(top);
	draw_status(t);
	refresh();
	t->need_draw = false;
}

static int
read_key(int *key)
{
	wint_t wc;
	int rc = get_wch(&wc);

	if (rc == ERR)
		return ERR;
	if (rc == KEY_CODE_YES) {
		*key = KEYC_CURSES + (int)wc;
		if (wc == KEY_ENTER)
			*key = '\n';
		return OK;
	}
	if (wc == 27) {   /* Escape alone, or Meta+key */
		wint_t w2;
		int r2;
		bool was = is_nodelay(stdscr);
		nodelay(stdscr, TRUE);
		r2 = get_wch(&w2);
		nodelay(stdscr, was);
		if (r2 == OK && w2 != 27) {
			*key = KEYC_META + (int)(w2 == '\r' ? '\n' : w2);
			return OK;
		}
		*key = 27;
		return OK;
	}
	*key = wc == '\r' ? '\n' : (wc == 0x7F || wc == 8) ? KEYC_CURSES + KEY_BACKSPACE : (int)wc;
	return OK;
}

char *
tui_prompt(struct tui *t, const char *prompt, const char *initial)
{
	struct buf b;
	int key;
	struct style st = theme_elem(E_STATUS);

	size_t hpos = t->nhistory;   /* nhistory: the line being written */
	char *draft = NULL;
	/* a prompt's kind: its words up to the first '(' or ':' ("Limit to", "Pipe the message to") */
	char *kind = xstrndup(prompt, strcspn(prompt, "(:"));

	buf_init(&b);
	buf_adds(&b, initial != NULL ? initial : "");
	nodelay(stdscr, FALSE);
	curs_set(1);
	for (;;) {
		int y = LINES - 1, x;
		draw_fill(y, 0, COLS, st);
		x = draw_str(y, 0, COLS, prompt, st);
		x += draw_str(y, x, COLS - x, b.s, st);
		move(y, x < COLS ? x : COLS - 1);
		refresh();
		if (read_key(&key) == ERR) {
			if (got_signal)
				break;
			continue;
		}
		if (key == '\n')
			break;
		if (key == KEYC_CURSES + KEY_UP || key == KEYC_CURSES + KEY_DOWN) {   /* the answers given before */
			size_t to = hpos;

			if (key == KEYC_CURSES + KEY_UP) {   /* the previous answer to this kind of prompt */
				for (size_t k = hpos; k-- > 0;)
					if (strcmp(t->history[k].kind, kind) == 0) {
						to = k;
						break;
					}
			} else {
				to = t->nhistory;
				for (size_t k = hpos + 1; k < t->nhistory; k++)
					if (strcmp(t->history[k].kind, kind) == 0) {
						to = k;
						break;
					}
			}
			if (to != hpos) {
				if (hpos == t->nhistory) {
					free(draft);
					draft = xstrdup(b.s);
				}
				hpos = to;
				b.len = 0;
				buf_adds(&b, hpos < t->nhistory ? t->history[hpos].text : draft != NULL ? draft : "");
			}
			continue;
		}
		if (key == 27 || key == 7 /* C-g */ || key == 3) {
			free(draft);
			free(kind);
			buf_free(&b);
			curs_set(0);
			nodelay(stdscr, TRUE);
			t->need_draw = true;
			return NULL;
		}
		if (key == KEYC_CURSES + KEY_RESIZE) {
			t->need_layout = true;
			continue;
		}
		if (key == KEYC_CURSES + KEY_BACKSPACE) {
			while (b.len > 0 && ((unsigned char)b.s[b.len - 1] & 0xC0) == 0x80)
				b.len--;
			if (b.len > 0)
				b.len--;
			b.s[b.len] = '\0';
		} else if (key == 21) {   /* C-u */
			b.len = 0;
			b.s[0] = '\0';
		} else if (key >= ' ' && key < KEYC_CURSES && key != 0x7F) {
			uint8_t u[6];
			int n = u8_uctomb(u, (ucs4_t)key, sizeof u);

			if (n > 0)
				buf_add(&b, (const char *)u, (size_t)n);
		}
	}
	curs_set(0);
	nodelay(stdscr, TRUE);
	t->need_draw = true;
	free(draft);
	if (b.len > 0) {
		bool same = false;

		for (size_t k = t->nhistory; k-- > 0 && !same;)   /* the last answer of this kind repeated: kept once */
			if (strcmp(t->history[k].kind, kind) == 0) {
				same = strcmp(t->history[k].text, b.s) == 0;
				break;
			}
		if (!same) {
			if (t->nhistory == 100) {   /* the last hundred */
				free(t->history[0].kind);
				free(t->history[0].text);
				memmove(t->history, t->history + 1, 99 * sizeof *t->history);
				t->nhistory--;
			}
			t->history = xreallocarray(t->history, t->nhistory + 1, sizeof *t->history);
			t->history[t->nhistory].kind = kind;
			t->history[t->nhistory++].text = xstrdup(b.s);
			kind = NULL;
		}
	}
	free(kind);
	return buf_take(&b);
}

bool
tui_confirm(struct tui *t, const char *question)
{
	char *q = xasprintf("%s [y/N] ", question);
	struct style st = theme_elem(E_STATUS);
	int key = 0;

	nodelay(stdscr, FALSE);
	draw_fill(LINES - 1, 0, COLS, st);
	draw_str(LINES - 1, 0, COLS, q, theme_over(st, theme_elem(E_LABEL)));
	refresh();
	while (read_key(&key) == ERR && !got_signal)
		;
	nodelay(stdscr, TRUE);
	free(q);
	t->need_draw = true;
	return key == 'y' || key == 'Y';
}

/* ---- folders ---- */

static bool leave_ok(struct tui *t, const char *what);

void
tui_open_folder(struct tui *t, const char *folder)
{
	struct store *s;
	char *cause = NULL;

	if (t->root == NULL)
		return;
	/* the tags, the limit and a moved trust boundary belong to the folder being left */
	if (!leave_ok(t, _("Open another folder and lose")))
		return;
	if (store_open(t->root, folder, t->cfg, &s, &cause) != 0) {
		tui_message(t, true, "%s/%s: %s", t->root, folder, cause);
		free(cause);
		return;
	}
	while (t->depth > 0)
		pop(t);
	report_free(t->rep);
	t->rep = NULL;
	t->origin_moved = false;
	t->rep_entry = -1;
	store_free(t->store);
	t->store = s;
	t->current = -1;
	t->list_gen++;
	tui_note_limit(t, NULL);   /* the new folder's index starts without one */
	t->index = tui_push(t, &view_index_ops, NULL);
}

/* ---- global actions: the ones that do not depend on the view ---- */

/* The entries an action applies to: the tagged ones, else the current one. */
static size_t
targets(struct tui *t, size_t **out)
{
	size_t n = 0, cap = 16;
	size_t *v = xmalloc(cap * sizeof *v);

	for (size_t i = 0; i < store_count(t->store); i++) {
		struct mailbox_entry *e = store_entry(t->store, i);
		if ((e->flags & EF_TAGGED) && !(e->flags & EF_GONE)) {
			if (n == cap)
				v = xreallocarray(v, cap *= 2, sizeof *v);
			v[n++] = i;
		}
	}
	if (n == 0 && t->current >= 0)
		v[n++] = (size_t)t->current;
	*out = v;
	return n;
}

static int
act_junk(struct tui *t)
{
	size_t *ids, n, done = 0;
	char *q, *cause = NULL;

	if (t->store == NULL) {
		tui_message(t, true, "%s", _("only messages in a Maildir can be moved"));
		return REACT_REDRAW;
	}
	if (strcmp(store_folder(t->store), ".Junk") == 0) {
		tui_message(t, true, "%s", _("the message is already in the Junk folder"));
		return REACT_REDRAW;
	}
	if ((n = targets(t, &ids)) == 0) {
		free(ids);
		return REACT_REDRAW;
	}
	q = xasprintf(ngettext("Move %zu message to the Junk folder?", "Move %zu messages to the Junk folder?", n), n);
	if (tui_confirm(t, q)) {
		for (size_t i = 0; i < n; i++) {
			if (store_move_to_junk(t->store, ids[i], &cause) != 0) {
				tui_message(t, true, "%s", cause);
				free(cause);
				cause = NULL;
				break;
			}
			done++;
		}
		if (done > 0)
			tui_message(t, false, ngettext("%zu message moved to Junk", "%zu messages moved to Junk", done), done);
		tui_list_changed(t);
		/* the message shown may be gone: back to the index */
		while (done > 0 && t->depth > 1 && t->stack[t->depth - 1] != t->index)
			pop(t);
	}
	free(q);
	free(ids);
	return REACT_RELAYOUT;
}

static int
act_flag(struct tui *t, char flag)
{
	size_t *ids, n;
	char *q, *cause = NULL;

	if (t->store == NULL) {
		tui_message(t, true, "%s", _("only messages in a Maildir have flags"));
		return REACT_REDRAW;
	}
	if ((n = targets(t, &ids)) == 0) {
		free(ids);
		return REACT_REDRAW;
	}
	if (flag == 'F')
		q = xasprintf(ngettext("Toggle the flag of %zu message?", "Toggle the flag of %zu messages?", n), n);
	else
		q = xasprintf(ngettext("Toggle seen on %zu message?", "Toggle seen on %zu messages?", n), n);
	if (tui_confirm(t, q)) {
		for (size_t i = 0; i < n; i++)
			if (store_toggle_flag(t->store, ids[i], flag, &cause) != 0) {
				tui_message(t, true, "%s", cause);
				free(cause);
				cause = NULL;
				break;
			}
		tui_list_changed(t);
		if (t->rep != NULL && t->rep_entry >= 0) {   /* the file has a new name */
			free(t->rep->file);
			t->rep->file = store_path(t->store, (size_t)t->rep_entry);
		}
	}
	free(q);
	free(ids);
	return REACT_REDRAW;
}

static char *
message_bytes(struct tui *t, size_t *len)
{
	char *cause = NULL, *data, *path;

	if (t->single_data != NULL) {
		*len = t->single_len;
		return xstrndup(t->single_data, t->single_len);
	}
	path = t->store != NULL ? (t->current >= 0 ? store_path(t->store, (size_t)t->current) : NULL) : xstrdup(t->single_path);
	if (path == NULL)
		return NULL;
	data = ui_read_file(path, len, &cause);
	if (data == NULL) {
		tui_message(t, true, "%s", cause);
		free(cause);
	}
	free(path);
	return data;
}

/* ---- global actions: what any view leaves unhandled (after NeoMutt's index/functions.c) ---- */

void
tui_set_origin_moved(struct tui *t, bool moved)
{
	t->origin_moved = moved;
}

void
tui_note_limit(struct tui *t, const char *limit)
{
	free(t->limit);
	t->limit = limit != NULL ? xstrdup(limit) : NULL;
}

/*
 * Leaving kensa with work on screen (tagged messages, a limit, a trust
 * boundary the user moved) asks first, naming what would be lost.
 */
static bool
leave_ok(struct tui *t, const char *what)
{
	size_t tagged = 0;
	const char *limit = t->limit;
	struct buf b;
	bool ok;

	for (size_t i = 0; t->store != NULL && i < store_count(t->store); i++) {
		const struct mailbox_entry *e = store_entry(t->store, i);

		tagged += (e->flags & EF_TAGGED) && !(e->flags & EF_GONE);
	}
	if (tagged == 0 && limit == NULL && !t->origin_moved)
		return true;
	buf_init(&b);
	buf_adds(&b, what);
	if (tagged > 0) {
		buf_adds(&b, " ");
		buf_addf(&b, ngettext("%zu tagged message", "%zu tagged messages", tagged), tagged);
	}
	if (limit != NULL)
		buf_addf(&b, "%s%s \"%s\"", tagged > 0 ? ", " : " ", _("the limit"), limit);
	if (t->origin_moved)
		buf_addf(&b, "%s%s", tagged > 0 || limit != NULL ? ", " : " ", _("the trust boundary you moved"));
	buf_adds(&b, "?");
	ok = tui_confirm(t, b.s);
	buf_free(&b);
	return ok;
}

static int
act_quit(struct tui *t, enum action a)
{
	(void)a;
	if (!leave_ok(t, _("Quit and lose")))
		return REACT_REDRAW;
	t->quit = true;
	return REACT_QUIT;
}

static int
act_back(struct tui *t, enum action a)
{
	(void)a;
	if (t->depth > 1)
		return REACT_CLOSE;
	if (!leave_ok(t, _("Quit and lose")))
		return REACT_REDRAW;
	t->quit = true;
	return REACT_QUIT;
}

static int
act_help(struct tui *t, enum action a)
{
	struct view *top = t->stack[t->depth - 1];
	enum keyctx ctx = top->ops->ctx;

	(void)a;
	if (top->ops != &view_help_ops)
		tui_push(t, &view_help_ops, &ctx);
	return REACT_REDRAW;
}

static int
act_redraw(struct tui *t, enum action a)
{
	(void)t, (void)a;
	clearok(curscr, TRUE);
	return REACT_RELAYOUT;
}

/* The drill-down views of the current message. */
static int
act_open_view(struct tui *t, enum action a)
{
	/* a long analysis goes on behind the message view, which fills in when it is done */
	if (tui_report(t) == NULL && (a != A_SELECT || !tui_analysing(t)))
		return REACT_REDRAW;
	tui_push(t, a == A_OPEN_FINDINGS ? &view_findings_ops : a == A_OPEN_RECEIVED ? &view_received_ops :
	    a == A_OPEN_HEADERS ? &view_headers_ops : a == A_OPEN_LINKS ? &view_links_ops :
	    a == A_OPEN_MIME ? &view_mime_ops : &view_message_ops, NULL);
	return REACT_REDRAW;
}

static int
act_open_folders(struct tui *t, enum action a)
{
	(void)a;
	if (t->root == NULL) {
		tui_message(t, true, "%s", _("no Maildir is open"));
		return REACT_REDRAW;
	}
	tui_push(t, &view_folders_ops, NULL);
	return REACT_REDRAW;
}

static int
act_move_to_junk(struct tui *t, enum action a)
{
	(void)a;
	return act_junk(t);
}

static int
act_toggle_flag(struct tui *t, enum action a)
{
	return act_flag(t, a == A_TOGGLE_FLAGGED ? 'F' : 'S');
}

static int
act_copy_origin_ip(struct tui *t, enum action a)
{
	struct report *r;

	(void)a;
	if ((r = tui_report(t)) == NULL)
		return REACT_REDRAW;
	if (ui_origin_ip(r) == NULL)
		tui_message(t, true, "%s", _("no origin IP in this message"));
	else {
		ui_osc52(ui_origin_ip(r));
		tui_message(t, false, _("sent to the terminal's clipboard (OSC 52): %s"), ui_origin_ip(r));
	}
	return REACT_REDRAW;
}

static int
act_copy_defanged_url(struct tui *t, enum action a)
{
	struct report *r;
	struct ui_link *links;
	size_t n;

	(void)a;
	if ((r = tui_report(t)) == NULL)
		return REACT_REDRAW;
	n = ui_links(r, &links);
	if (n == 0)
		tui_message(t, true, "%s", _("this message has no links"));
	else {
		ui_osc52(links[0].defanged);
		tui_message(t, false, _("sent to the terminal's clipboard (OSC 52): %s"), links[0].defanged);
	}
	ui_links_free(links, n);
	return REACT_REDRAW;
}

static int
act_copy_indicators(struct tui *t, enum action a)
{
	struct report *r;
	char *s;

	(void)a;
	if ((r = tui_report(t)) == NULL)
		return REACT_REDRAW;
	s = ui_indicators(r);
	ui_osc52(s);
	free(s);
	tui_message(t, false, "%s", _("every indicator of the message sent to the terminal's clipboard (OSC 52)"));
	return REACT_REDRAW;
}

/*
 * The reports an evidence action covers: every tagged message (analysed now,
 * as kensa scan would, the one shown reused), else the one shown. Free with
 * reports_done().
 */
static size_t
target_reports(struct tui *t, struct report ***out, bool **owned)
{
	size_t *ids, n, k = 0;
	bool tagged = false;
	struct report *cur;

	*out = NULL;
	*owned = NULL;
	for (size_t i = 0; t->store != NULL && i < store_count(t->store) && !tagged; i++)
		tagged = (store_entry(t->store, i)->flags & (EF_TAGGED | EF_GONE)) == EF_TAGGED;
	if (!tagged) {
		if ((cur = tui_report(t)) == NULL)
			return 0;
		*out = xmalloc(sizeof **out);
		(*out)[0] = cur;
		*owned = xcalloc(1, sizeof **owned);
		return 1;
	}
	n = targets(t, &ids);
	*out = xcalloc(n, sizeof **out);
	*owned = xcalloc(n, sizeof **owned);
	for (size_t i = 0; i < n; i++) {
		char *path, *cause = NULL;
		struct report *r = NULL;

		if ((long)ids[i] == t->rep_entry && t->rep != NULL) {
			(*out)[k++] = t->rep;
			continue;
		}
		path = store_path(t->store, ids[i]);
		if (analyze_file(path, t->cfg, &r, &cause) == 0) {
			(*out)[k] = r;
			(*owned)[k++] = true;
		} else {   /* gone or unreadable since: said, and the rest go on */
			tui_message(t, true, "%s", cause);
			free(cause);
		}
		free(path);
	}
	free(ids);
	return k;
}

static void
reports_done(struct report **v, bool *owned, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (owned[i])
			report_free(v[i]);
	free(v);
	free(owned);
}

/* "~/x" as the shell reads it. */
static char *
expand_home(const char *path)
{
	const char *home = getenv("HOME");

	if (path[0] == '~' && path[1] == '/' && home != NULL)
		return xasprintf("%s%s", home, path + 1);
	return xstrdup(path);
}

static int
act_save_indicators(struct tui *t, enum action a)
{
	struct report **reps;
	bool *owned;
	size_t n;
	char *def, *ans, *path, *q, *cause = NULL, stamp[64];
	time_t now = time(NULL);
	struct tm tm;
	struct buf b;
	bool overwrite = false;

	(void)a;
	if ((n = target_reports(t, &reps, &owned)) == 0)
		return REACT_REDRAW;
	/* a new file under $XDG_STATE_HOME/kensa/ unless the user says otherwise */
	localtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "indicators-%Y%m%d-%H%M%S.txt", &tm);
	if ((def = util_state_path(stamp)) == NULL)
		def = xstrdup(stamp);
	q = n > 1 ? xasprintf(ngettext("Write the indicators of %zu message to: ", "Write the indicators of %zu messages to: ", n), n)
	    : xstrdup(_("Write the indicators to: "));
	ans = tui_prompt(t, q, def);
	free(q);
	free(def);
	if (ans == NULL || *ans == '\0') {
		free(ans);
		reports_done(reps, owned, n);
		return REACT_REDRAW;
	}
	path = expand_home(ans);
	free(ans);
	if (access(path, F_OK) == 0) {   /* never overwritten without asking */
		q = xasprintf(_("%s exists. Replace it?"), path);
		overwrite = tui_confirm(t, q);
		free(q);
		if (!overwrite) {
			tui_message(t, false, "%s", _("nothing written"));
			free(path);
			reports_done(reps, owned, n);
			return REACT_REDRAW;
		}
	}
	buf_init(&b);
	buf_adds(&b, "");
	for (size_t i = 0; i < n; i++) {
		char *s = ui_indicators(reps[i]);

		if (i > 0)
			buf_adds(&b, "\n");
		buf_adds(&b, s);
		free(s);
	}
	if (ui_write_file(path, b.s, overwrite, &cause) != 0) {
		tui_message(t, true, "%s", cause);
		free(cause);
	} else if (n > 1)
		tui_message(t, false, ngettext("indicators of %zu message written to %s", "indicators of %zu messages written to %s", n),
		    n, path);
	else
		tui_message(t, false, _("indicators written to %s"), path);
	buf_free(&b);
	free(path);
	reports_done(reps, owned, n);
	return REACT_REDRAW;
}

static int
act_pipe_message(struct tui *t, enum action a)
{
	char *cmd, *data, *cause = NULL;
	size_t len;
	int st, key;

	(void)a;
	if ((cmd = tui_prompt(t, _("Pipe the message to: "), NULL)) == NULL || *cmd == '\0') {
		free(cmd);
		return REACT_REDRAW;
	}
	if ((data = message_bytes(t, &len)) == NULL) {
		free(cmd);
		return REACT_REDRAW;
	}
	tui_suspend(t);
	st = ui_pipe(cmd, data, len, &cause);
	printf("\n%s", _("Press any key to return to kensa..."));
	fflush(stdout);
	tui_resume(t);
	nodelay(stdscr, FALSE);
	read_key(&key);
	nodelay(stdscr, TRUE);
	if (st < 0 && cause != NULL) {
		tui_message(t, true, "%s", cause);
		free(cause);
	} else
		tui_message(t, st != 0, _("%s: exit status %d"), cmd, st);
	free(data);
	free(cmd);
	return REACT_RELAYOUT;
}

static int
act_show_report(struct tui *t, enum action a)
{
	struct report **reps;
	bool *owned;
	size_t n;
	char *cause = NULL;

	(void)a;
	if ((n = target_reports(t, &reps, &owned)) == 0)
		return REACT_REDRAW;
	tui_suspend(t);
	if (ui_pager_report(reps, n, &cause) != 0) {
		tui_message(t, true, "%s", cause);
		free(cause);
	}
	tui_resume(t);
	reports_done(reps, owned, n);
	return REACT_RELAYOUT;
}

/* action -> function; an action missing here is "not available here". */
static const struct {
	enum action a;
	int (*fn)(struct tui *, enum action);
} global_actions[] = {
	{ A_QUIT, act_quit },
	{ A_BACK, act_back },
	{ A_HELP, act_help },
	{ A_REDRAW, act_redraw },
	{ A_OPEN_FINDINGS, act_open_view },
	{ A_OPEN_RECEIVED, act_open_view },
	{ A_OPEN_HEADERS, act_open_view },
	{ A_OPEN_LINKS, act_open_view },
	{ A_OPEN_MIME, act_open_view },
	{ A_SELECT, act_open_view },
	{ A_OPEN_FOLDERS, act_open_folders },
	{ A_MOVE_TO_JUNK, act_move_to_junk },
	{ A_TOGGLE_FLAGGED, act_toggle_flag },
	{ A_TOGGLE_SEEN, act_toggle_flag },
	{ A_COPY_ORIGIN_IP, act_copy_origin_ip },
	{ A_COPY_DEFANGED_URL, act_copy_defanged_url },
	{ A_COPY_INDICATORS, act_copy_indicators },
	{ A_SAVE_INDICATORS, act_save_indicators },
	{ A_PIPE_MESSAGE, act_pipe_message },
	{ A_SHOW_REPORT, act_show_report },
};

static int
global_action(struct tui *t, enum action a)
{
	if (a == A_NONE)
		return REACT_NONE;
	for (size_t i = 0; i < sizeof global_actions / sizeof global_actions[0]; i++)
		if (global_actions[i].a == a)
			return global_actions[i].fn(t, a);
	tui_message(t, false, _("%s: not available here (? shows the keys)"), action_name(a));
	return REACT_REDRAW;
}

/* The index's actions a view lying on it passes down (the rest would act on a list the user cannot see). */
static bool
index_action(enum action a)
{
	return a == A_NEXT_MESSAGE || a == A_PREV_MESSAGE;
}

static void dispatch(struct tui *t, struct view *top, enum action a);

static void
handle_key(struct tui *t, int key)
{
	struct view *top = t->stack[t->depth - 1];
	enum action a;

	if (key == KEYC_CURSES + KEY_RESIZE) {
		t->need_layout = true;
		return;
	}
	free(t->msg);
	t->msg = NULL;
	if (key == KEYC_CURSES + KEY_MOUSE) {
		MEVENT ev;

		if (getmouse(&ev) != OK)
			return;
		if (ev.bstate & BUTTON4_PRESSED)
			a = A_LINE_UP;
#ifdef BUTTON5_PRESSED
		else if (ev.bstate & BUTTON5_PRESSED)
			a = A_LINE_DOWN;
#endif
		else if ((ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)) && top->ops->click != NULL)
			a = top->ops->click(top, ev.y, ev.x);
		else
			a = A_NONE;
		if (a == A_LINE_UP || a == A_LINE_DOWN)   /* the wheel: three lines a notch */
			for (int i = 0; i < 2; i++)
				dispatch(t, top, a);
		if (a != A_NONE)
			dispatch(t, top, a);
		t->need_draw = true;
		return;
	}
	if (t->prefix_key != 0) {   /* the second key of "gg" */
		key = key > ' ' && key < 0x7F ? KEYC_SEQ_OF(t->prefix_key, key) : key;
		t->prefix_key = 0;
	} else if (keymap_is_prefix(top->ops->ctx, key)) {
		t->prefix_key = key;
		tui_message(t, false, "%s-", key_name(key));
		t->need_draw = true;
		return;
	}
	a = keymap_lookup(top->ops->ctx, key);
	if (a == A_NONE) {
		tui_message(t, false, _("%s is not bound (? shows the keys)"), key_name(key));
		return;
	}
	dispatch(t, top, a);
}

/* Carry out action a in the top view, falling through to the index and the global actions. */
static void
dispatch(struct tui *t, struct view *top, enum action a)
{
	int r;

	r = top->ops->key(top, a);
	/* As NeoMutt's pager falls through to the index: the message view leaves choosing the message to the index below it. */
	if ((r & REACT_UNHANDLED) && t->index != NULL && top != t->index && tui_above_index(top) && index_action(a))
		r = t->index->ops->key(t->index, a);
	if (r & REACT_UNHANDLED)
		r = global_action(t, a);
	if ((r & REACT_CLOSE) && t->depth > 1 && t->stack[t->depth - 1] == top)
		pop(t);
	if (r & REACT_QUIT)
		t->quit = true;
	if (r & REACT_RELAYOUT)
		t->need_layout = true;
	t->need_draw = true;
}

/* ---- start-up ---- */

/* s with a leading $HOME/ written "~/": the reason still fits the status line. Caller frees. */
static char *
home_short(const char *s)
{
	const char *home = getenv("HOME");
	size_t n = home != NULL ? strlen(home) : 0;

	if (n > 1 && strncmp(s, home, n) == 0 && s[n] == '/')
		return xasprintf("~%s", s + n);
	return xstrdup(s);
}

static char *
keymap_dir(void)
{
	const char *env = getenv("KENSA_KEYMAPDIR");

	return xstrdup(env != NULL && *env != '\0' ? env : PKGDATADIR "/keymaps");
}

/* Load the chosen keymap, then the user's; errors as "FILE:LINE: reason" lines in *errors. */
static int
load_keys(const char *name, struct buf *errors)
{
	char *dir = keymap_dir(), *path, *user, *err = NULL;
	int rc = 0;

	keymap_clear();
	if (name == NULL || *name == '\0')
		name = "default";
	path = strchr(name, '/') != NULL ? xstrdup(name) : xasprintf("%s/%s.keys", dir, name);
	if (keymap_load(path, &err) != 0) {
		char *def = xasprintf("%s/default.keys", dir);
		buf_addf(errors, _("cannot read the keymap %s: %s\n"), path, strerror(errno));
		rc = -1;
		if (strcmp(def, path) != 0)
			keymap_load(def, &err);   /* never leave the user without keys */
		free(def);
	}
	if (err != NULL) {
		buf_adds(errors, err);
		free(err);
		err = NULL;
	}
	if ((user = util_config_path("keys")) != NULL && access(user, F_OK) == 0) {
		if (keymap_load(user, &err) != 0)
			buf_addf(errors, "%s: %s\n", user, strerror(errno));
		if (err != NULL) {
			buf_adds(errors, err);
			free(err);
		}
	}
	free(user);
	free(path);
	free(dir);
	return rc;
}

static void
load_theme(struct buf *errors)
{
	char *path = util_config_path("theme"), *err = NULL;

	if (path != NULL && access(path, F_OK) == 0) {
		if (theme_load(path, &err) != 0)
			buf_addf(errors, "%s: %s\n", path, strerror(errno));
		if (err != NULL) {
			buf_adds(errors, err);
			free(err);
		}
	}
	free(path);
}

static int (*data_ready)(void);

/* The data files are needed from the first analysis on (main loads them while the Maildir is listed). */
static int
wait_for_data(void)
{
	return data_ready != NULL ? data_ready() : 0;
}

static int
open_target(struct tui *t, const char *target)
{
	struct stat st;
	char *cause = NULL;

	if (strcmp(target, "-") == 0) {
		struct message *m;
		size_t size;
		int fd;

		if ((fd = message_open("-", t->cfg->max_message_size, &size, &cause)) == -1 ||
		    message_read_fd(fd, size, t->cfg->max_message_size, &t->single_data, &t->single_len, &cause) != 0) {
			fprintf(stderr, "kensa: -: %s\n", cause);
			free(cause);
			return -1;
		}
		if (wait_for_data() != 0)
			return -1;
		if (message_load_mem(t->single_data, t->single_len, "-", &m, &cause) != 0) {
			fprintf(stderr, "kensa: -: %s\n", cause);
			free(cause);
			return -1;
		}
		t->rep = analyze_message_async(m, t->cfg);
		t->single_path = xstrdup("-");
		/* the message came through the pipe: keys come from the terminal */
		if ((fd = open("/dev/tty", O_RDWR | O_CLOEXEC)) < 0) {
			fprintf(stderr, "kensa: /dev/tty: %s\n", strerror(errno));
			return -1;
		}
		dup2(fd, STDIN_FILENO);
		close(fd);
		return 0;
	}
	if (stat(target, &st) != 0) {
		fprintf(stderr, "kensa: %s: %s\n", target, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		if (wait_for_data() != 0)
			return -1;
		if (analyze_for_screen(t, target, &t->rep, &cause) != 0) {
			fprintf(stderr, "kensa: %s: %s\n", target, cause);
			free(cause);
			return -1;
		}
		t->single_path = xstrdup(target);
		return 0;
	}
	if (store_open(target, "", t->cfg, &t->store, &cause) != 0) {
		fprintf(stderr, "kensa: %s: %s\n", target, cause);
		free(cause);
		return -1;
	}
	if (wait_for_data() != 0) {
		store_free(t->store);
		t->store = NULL;
		return -1;
	}
	t->root = xstrdup(target);
	return 0;
}

static long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * An unknown TERM would make initscr() exit: draw as xterm-256color (or
 * vt100, which every terminfo database has) and say so on the first screen.
 */
static void
term_fallback(struct buf *errors)
{
	static const char *const fallbacks[] = { "xterm-256color", "vt100" };
	const char *term = getenv("TERM");
	int err = 0;

	if (term != NULL && *term != '\0' && setupterm(NULL, STDOUT_FILENO, &err) == OK) {
		del_curterm(cur_term);
		return;
	}
	for (size_t i = 0; i < sizeof fallbacks / sizeof fallbacks[0]; i++)
		if (setupterm(fallbacks[i], STDOUT_FILENO, &err) == OK) {
			del_curterm(cur_term);
			buf_addf(errors, _("unknown terminal type \"%s\": drawing as %s\n"), term != NULL ? term : "",
			    fallbacks[i]);
			setenv("TERM", fallbacks[i], 1);
			return;
		}
}

/*
 * Home, End, Page Up/Down, Insert and Delete in every encoding terminals
 * send, whatever TERM says: tmux and screen send ESC[1~ and ESC[4~ under
 * TERM=xterm*, PuTTY ESC[1~ or ESC[H, rxvt ESC[7~, others ESC O H. The
 * escape delay (25 ms) tells a lone Escape from these.
 */
static void
extra_keys(void)
{
	static const struct {
		const char *seq;
		int key;
	} extra[] = {
		{ "\033[1~", KEY_HOME }, { "\033[7~", KEY_HOME }, { "\033[H", KEY_HOME }, { "\033OH", KEY_HOME },
		{ "\033[4~", KEY_END }, { "\033[8~", KEY_END }, { "\033[F", KEY_END }, { "\033OF", KEY_END },
		{ "\033[5~", KEY_PPAGE }, { "\033[6~", KEY_NPAGE }, { "\033[2~", KEY_IC }, { "\033[3~", KEY_DC },
	};

	for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++)
		if (key_defined(extra[i].seq) == 0)
			define_key(extra[i].seq, extra[i].key);
}

/* C-s and C-q reach kensa instead of stopping the terminal's output (restored by endwin). */
static void
flow_control_off(void)
{
	struct termios tio;

	if (tcgetattr(STDIN_FILENO, &tio) == 0) {
		tio.c_iflag &= ~(tcflag_t)(IXON | IXOFF);
		if (tcsetattr(STDIN_FILENO, TCSANOW, &tio) == 0)
			def_prog_mode();
	}
}

int
tui_main(struct settings *cfg, const struct tui_options *opt)
{
	struct tui tui, *t = &tui;
	struct buf errors;
	const char *nc = getenv("NO_COLOR");
	bool colour = !(opt->no_color || cfg->no_color || (nc != NULL && *nc != '\0'));
	long last_collect = 0, last_poll;
	struct sigaction sa;
	char *def = NULL;
	const char *target = opt->target;

	memset(t, 0, sizeof *t);
	data_ready = opt->data_ready;
	t->cfg = cfg;
	t->current = -1;
	t->rep_entry = -1;
	t->an_entry = t->an_failed = -1;
	if (target == NULL) {
		const char *env = getenv("MAILDIR");
		target = def = env != NULL ? xstrdup(env) : xasprintf("%s/Maildir", getenv("HOME") ? getenv("HOME") : ".");
	}
	if (open_target(t, target) != 0 || !isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		if (t->rep != NULL || t->store != NULL)   /* opened, but no terminal to show it on */
			fprintf(stderr, "kensa: %s\n", _("the message browser needs a terminal (use kensa report or kensa scan in scripts)"));
		free(def);
		free(t->single_data);
		free(t->single_path);
		free(t->root);
		report_free(t->rep);
		store_free(t->store);
		return 1;
	}
	free(def);
	buf_init(&errors);
	buf_adds(&errors, "");
	load_keys(opt->keymap, &errors);
	load_theme(&errors);
	if (t->store != NULL) {   /* the analysis cache: open it now, so a bad file is said on the first screen */
		char *note = NULL;

		cache_shared(cfg, &note);
		if (note != NULL)
			buf_addf(&errors, "%s\n", note);
		free(note);
	}

	t->utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	draw_init(t->utf8);
	util_set_fatal_hook(fatal_hook);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);

	term_fallback(&errors);
	initscr();
	curses_on = true;
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	extra_keys();
	flow_control_off();
	if (cfg->mouse) {   /* "mouse = on": clicks and the wheel (the terminal's own selection then needs Shift) */
		mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
		    | BUTTON5_PRESSED
#endif
		    , NULL);
		mouseinterval(0);
	}
	curs_set(0);
	theme_init(colour, t->utf8);

	if (t->store != NULL)
		t->index = tui_push(t, &view_index_ops, NULL);
	else {
		t->current = 0;
		tui_push(t, &view_message_ops, NULL);
	}
	if (errors.len > 0) {
		size_t nl = 0;
		char *first;

		for (size_t i = 0; i < errors.len; i++)
			nl += errors.s[i] == '\n';
		errors.s[strcspn(errors.s, "\n")] = '\0';
		first = home_short(errors.s);
		if (nl > 1)
			tui_message(t, true, _("%s (and %zu more)"), first, nl - 1);
		else
			tui_message(t, true, "%s", first);
		free(first);
	}
	buf_free(&errors);

	last_poll = now_ms();
	t->need_draw = true;
	while (!t->quit && t->depth > 0) {
		struct pollfd fds[4];
		int nfds = 1, timeout = POLL_MAIL_MS, key, pend = -1, storei = -1, anai = -1;
		long now;

		if (got_signal)
			break;
		if (t->need_layout) {
			t->need_layout = false;
			for (int i = 0; i < t->depth; i++)
				layout(t->stack[i]);
			t->need_draw = true;
		}
		if (t->need_draw)
			draw_all(t);
		if (t->store != NULL)
			store_start(t->store);   /* the first screen is up: analyse the rest */
		fds[0].fd = STDIN_FILENO;
		fds[0].events = POLLIN;
		now = now_ms();
		if (t->store != NULL) {
			if (now - last_collect >= COLLECT_EVERY_MS) {
				storei = nfds++;
				fds[storei].fd = store_fd(t->store);
				fds[storei].events = POLLIN;
			} else
				timeout = (int)(COLLECT_EVERY_MS - (now - last_collect));
		}
		if (t->an_busy) {
			anai = nfds++;
			fds[anai].fd = t->an_pipe[0];
			fds[anai].events = POLLIN;
		}
		if (t->rep != NULL && analyze_pending_fd(t->rep) >= 0) {
			/* the shown message's network lookups: their answers redraw it */
			pend = nfds++;
			fds[pend].fd = analyze_pending_fd(t->rep);
			fds[pend].events = POLLIN;
		}
		if (t->idle != NULL)
			timeout = 0;   /* background work waits: keys first, then a slice of it */
		if (poll(fds, (nfds_t)nfds, timeout) < 0 && errno != EINTR)
			break;
		if (anai >= 0 && (fds[anai].revents & POLLIN))
			analysis_take(t, 0);   /* the shown message's analysis: its views fill in */
		if (pend >= 0 && (fds[pend].revents & (POLLIN | POLLHUP)) && analyze_pending_apply(t->rep, t->cfg)) {
			tui_report_changed(t);
			t->need_draw = true;
		}
		now = now_ms();
		if (storei >= 0 && (fds[storei].revents & POLLIN)) {
			if (store_collect(t->store) > 0) {
				t->list_gen++;
				t->need_draw = true;
				if (store_pending(t->store) == 0)
					malloc_trim(0);   /* the workers' transient memory back to the system */
			}
			last_collect = now;
		}
		if (t->store != NULL && now - last_poll >= POLL_MAIL_MS) {
			last_poll = now;
			if (store_poll(t->store) > 0) {
				tui_list_changed(t);
				t->need_draw = true;
			}
		}
		while (!t->quit && t->depth > 0 && read_key(&key) == OK)
			handle_key(t, key);
		if (!t->quit && t->idle != NULL) {
			if (!t->idle(t->idle_view))
				t->idle = NULL;
			t->need_draw = true;
		}
	}
	while (t->depth > 0)
		pop(t);
	endwin();
	curses_on = false;
	if (t->an_busy) {   /* bounded: the analysis has caps everywhere */
		pthread_join(t->an_thread, NULL);
		report_free(t->an_rep);
		free(t->an_cause);
		free(t->an_path);
	}
	if (t->an_pipe[0] > 0) {
		close(t->an_pipe[0]);
		close(t->an_pipe[1]);
	}
	report_free(t->rep);
	store_free(t->store);
	cache_shared_close();
	free(t->root);
	free(t->single_path);
	free(t->single_data);
	free(t->msg);
	free(t->limit);
	for (size_t i = 0; i < t->nhistory; i++) {
		free(t->history[i].kind);
		free(t->history[i].text);
	}
	free(t->history);
	keymap_clear();
	return 0;
}
