/* tui.h — the terminal UI: the view interface (after tmux's window modes), the application state views share, and its entry point. */
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

/* Reaction flags returned by key handlers (after htop's Action.c). */
#define REACT_NONE      0x00
#define REACT_REDRAW    0x01   /* draw the screen again */
#define REACT_RELAYOUT  0x02   /* sizes or content changed: resize the views, then draw */
#define REACT_CLOSE     0x04   /* pop this view */
#define REACT_QUIT      0x08
#define REACT_UNHANDLED 0x10   /* not this view's action: the global handler gets it */

struct view_ops {
	const char *name;
	enum keyctx ctx;
	void (*init)(struct view *v, void *arg);
	void (*free)(struct view *v);
	void (*resize)(struct view *v);          /* v->y, x, h, w are set before */
	int (*key)(struct view *v, enum action a);
	void (*draw)(struct view *v);
};

struct view {
	const struct view_ops *ops;
	struct tui *t;
	void *data;
	int y, x, h, w;        /* the area the view owns (the status line is the tui's) */
	char *status;          /* the view's own status line text (view-owned), or NULL */
};

/* Options for the TUI taken by kensa.c. */
struct tui_options {
	const char *target;    /* Maildir, message file, or "-" */
	const char *keymap;    /* name in the keymaps directory or a file; NULL: default */
	bool no_color;
};

/* Run the TUI; returns the exit status. */
int tui_main(struct settings *cfg, const struct tui_options *opt);

/* ---- for views ---- */

struct view *tui_push(struct tui *t, const struct view_ops *ops, void *arg);
struct store *tui_store(struct tui *t);
struct settings *tui_settings(struct tui *t);
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
/* Move the index cursor by dir (+1/-1) and make that message current; -1 at the ends or without an index. */
long tui_step_message(struct tui *t, int dir);
long view_index_step(struct view *v, int dir);
/* true when v lies directly on the index (or is the only view): it may switch messages. */
bool tui_above_index(struct view *v);
/* Switch to another folder of the Maildir. */
void tui_open_folder(struct tui *t, const char *folder);
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

/* Each view's ops and the argument its init takes. */
extern const struct view_ops view_index_ops;      /* arg: NULL */
extern const struct view_ops view_message_ops;    /* arg: struct jump * or NULL */
extern const struct view_ops view_findings_ops;   /* arg: NULL */
extern const struct view_ops view_received_ops;   /* arg: int * hop index to start on, or NULL */
extern const struct view_ops view_headers_ops;    /* arg: const char * "header:Name[n]" or NULL */
extern const struct view_ops view_links_ops;      /* arg: int * link number, or NULL */
extern const struct view_ops view_mime_ops;       /* arg: int * part index, or NULL */
extern const struct view_ops view_folders_ops;    /* arg: NULL */
extern const struct view_ops view_help_ops;       /* arg: enum keyctx * of the view below */

/* Where the message view should scroll to and highlight. */
struct jump {
	long start, end;       /* byte span in the body */
	int link;              /* link number to select, 0 none */
};

#endif
