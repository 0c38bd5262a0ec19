/* view.h — what a view is (after tmux's window modes): the view_ops interface, the reaction flags, and the registry of views. */
#ifndef KENSA_UI_VIEW_H
#define KENSA_UI_VIEW_H

#include "keymap.h"

struct tui;

/* Reaction flags returned by key handlers (after htop's Action.c). */
#define REACT_NONE      0x00
#define REACT_REDRAW    0x01   /* draw the screen again */
#define REACT_RELAYOUT  0x02   /* sizes or content changed: resize the views, then draw */
#define REACT_CLOSE     0x04   /* pop this view */
#define REACT_QUIT      0x08
#define REACT_UNHANDLED 0x10   /* not this view's action: the view below (the index, under the message view) and then the global handler get it */

struct view_ops {
	const char *name;
	enum keyctx ctx;
	void (*init)(struct view *v, void *arg);
	void (*free)(struct view *v);
	void (*resize)(struct view *v);          /* v->y, x, h, w are set before */
	int (*key)(struct view *v, enum action a);
	void (*draw)(struct view *v);
	/* a mouse click at screen (y, x) with "mouse = on": the action it means (A_NONE: handled or nothing); may be NULL */
	enum action (*click)(struct view *v, int y, int x);
};

struct view {
	const struct view_ops *ops;
	struct tui *t;
	void *data;
	int y, x, h, w;        /* the area the view owns (the status line is the tui's) */
	char *status;          /* the view's own status line text (view-owned), or NULL */
};

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
