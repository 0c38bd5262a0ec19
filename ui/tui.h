/* tui.h — the terminal UI application: its entry point and the services it offers views (the view interface is view.h). */
#ifndef KENSA_UI_TUI_H
#define KENSA_UI_TUI_H

#include <stdbool.h>
#include <stddef.h>

#include "keymap.h"

#ifndef ENABLE_NLS
#define ngettext(a, b, n) ((n) == 1 ? (a) : (b))
#endif

struct report;
struct settings;
struct store;
struct tui;
struct view;
struct view_ops;

/* Options for the TUI taken by kensa.c. */
struct tui_options {
	const char *target;    /* Maildir, message file, or "-" */
	const char *keymap;    /* name in the keymaps directory or a file; NULL: default */
	bool no_color;
	int (*data_ready)(void);   /* waits for the data files; nonzero (said on stderr) when they are missing; may be NULL */
};

/* Run the TUI; returns the exit status. */
int tui_main(struct settings *cfg, const struct tui_options *opt);

/* ---- for views ---- */

struct view *tui_push(struct tui *t, const struct view_ops *ops, void *arg);
struct store *tui_store(struct tui *t);
struct settings *tui_settings(struct tui *t);
/* The user moved (or reset) the trust boundary of the message shown: quitting asks first while it is moved. */
void tui_set_origin_moved(struct tui *t, bool moved);
/* The index's limit pattern in force (copied), or NULL: quitting asks first while there is one. */
void tui_note_limit(struct tui *t, const char *limit);
/* Tell the tui which index entry the cursor is on (-1: none). */
void tui_set_current(struct tui *t, long entry);
long tui_current(struct tui *t);
/* The analysed report of the current message (loaded and cached), or NULL with a status message. */
struct report *tui_report(struct tui *t);
/* Whether a message's analysis is still going behind the screen (tui_report() gave NULL for that reason). */
bool tui_analysing(struct tui *t);
/* Incremented whenever the cached report is replaced or re-analysed: views recompute. */
unsigned tui_report_gen(struct tui *t);
/* The report changed in place (trust boundary moved): note it in the index, bump the generation. */
void tui_report_changed(struct tui *t);
/* Incremented whenever entries of the store change (results, actions, new mail): the index rebuilds its rows. */
unsigned tui_list_gen(struct tui *t);
void tui_list_changed(struct tui *t);          /* and rebuild at once */
bool tui_list_take_force(struct tui *t);
/*
 * Background work for v between keys: the main loop calls step(v) after
 * the keys waiting (step does a slice of about 50 ms) until it returns
 * false. NULL stops it; a view that sets it clears it when freed.
 */
void tui_set_idle(struct tui *t, bool (*step)(struct view *), struct view *v);
/* true when v lies directly on the index (or is the only view): it may switch messages. */
bool tui_above_index(struct view *v);
/* Switch to another folder of the Maildir. */
void tui_open_folder(struct tui *t, const char *folder);
/*
 * A long action's progress on the status line, drawn at once (it stays as
 * the message afterwards); true when the user pressed Escape or C-g to stop
 * it. Another key pressed meanwhile is kept for the input loop.
 */
bool tui_progress(struct tui *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* One-line message in the status line (copied); error ones are styled so. */
void tui_message(struct tui *t, bool error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Ask a yes/no question on the status line; true for yes. */
bool tui_confirm(struct tui *t, const char *question);
/* Read a line on the status line; NULL when cancelled. Caller frees. */
char *tui_prompt(struct tui *t, const char *prompt, const char *initial);
/* Leave curses for a command (pager, pipe) and come back. */
void tui_suspend(struct tui *t);
void tui_resume(struct tui *t);
bool tui_utf8(struct tui *t);
/* "f:findings r:received ... ?:help" from the bindings in force for ctx; caller frees. */
char *tui_hints(enum keyctx ctx);
/* The first key bound to a in ctx (or global), "" if none; in a static buffer. */
const char *tui_key_for(enum keyctx ctx, enum action a);
/* A title bar at row y of the view's width. */
void tui_title(struct view *v, const char *title);

#endif
