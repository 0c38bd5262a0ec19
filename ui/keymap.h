/* keymap.h — named actions and the key bindings read from keymaps/NAME.keys and ~/.config/kensa/keys. */
#ifndef KENSA_UI_KEYMAP_H
#define KENSA_UI_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>

/* Every action, once: name, description (untranslated). */
#define ACTIONS(X) \
	X(NONE,              "none",              N_("do nothing")) \
	X(LINE_DOWN,         "line-down",         N_("move down one line")) \
	X(LINE_UP,           "line-up",           N_("move up one line")) \
	X(PAGE_DOWN,         "page-down",         N_("move down one page")) \
	X(PAGE_UP,           "page-up",           N_("move up one page")) \
	X(HALF_DOWN,         "half-page-down",    N_("move down half a page")) \
	X(HALF_UP,           "half-page-up",      N_("move up half a page")) \
	X(FIRST,             "first",             N_("go to the first line")) \
	X(LAST,              "last",              N_("go to the last line")) \
	X(SELECT,            "select",            N_("open the item under the cursor")) \
	X(BACK,              "back",              N_("close this view and return to where you were")) \
	X(QUIT,              "quit",              N_("quit kensa")) \
	X(HELP,              "help",              N_("show the key bindings in force")) \
	X(REDRAW,            "redraw",            N_("redraw the screen")) \
	X(NEXT_MESSAGE,      "next-message",      N_("show the next message")) \
	X(PREV_MESSAGE,      "prev-message",      N_("show the previous message")) \
	X(NEXT_LINK,         "next-link",         N_("select the next link in the message")) \
	X(PREV_LINK,         "prev-link",         N_("select the previous link in the message")) \
	X(SORT_DATE,         "sort-date",         N_("sort by date")) \
	X(SORT_RISK,         "sort-risk",         N_("sort by risk")) \
	X(SORT_SENDER,       "sort-sender",       N_("sort by sender")) \
	X(SORT_REVERSE,      "sort-reverse",      N_("reverse the sort order")) \
	X(LIMIT,             "limit",             N_("show only messages matching a pattern")) \
	X(SEARCH,            "search",            N_("search the message; then n and N go to the next and previous match")) \
	X(TAG,               "tag",               N_("tag or untag the message")) \
	X(UNTAG_ALL,         "untag-all",         N_("untag every message")) \
	X(TAG_PATTERN,       "tag-pattern",       N_("tag the messages matching a pattern")) \
	X(UNTAG_PATTERN,     "untag-pattern",     N_("untag the messages matching a pattern")) \
	X(OPEN_FINDINGS,     "open-findings",     N_("show the findings of the message")) \
	X(OPEN_RECEIVED,     "open-received",     N_("show the Received chain hop by hop")) \
	X(OPEN_HEADERS,      "open-headers",      N_("show the raw and decoded headers")) \
	X(OPEN_LINKS,        "open-links",        N_("show the links with their real targets")) \
	X(OPEN_MIME,         "open-mime",         N_("show the MIME tree")) \
	X(OPEN_FOLDERS,      "open-folders",      N_("show the Maildir folders")) \
	X(TOGGLE_ORDER,      "toggle-order",      N_("toggle the hop order (oldest first or last)")) \
	X(SET_ORIGIN,        "set-origin",        N_("trust hops down to this one: make it the origin")) \
	X(RESET_ORIGIN,      "reset-origin",      N_("let kensa choose the origin again")) \
	X(MOVE_TO_JUNK,      "move-to-junk",      N_("move the message (or the tagged ones) to the Junk folder")) \
	X(TOGGLE_FLAGGED,    "toggle-flagged",    N_("flag or unflag the message")) \
	X(TOGGLE_SEEN,       "toggle-seen",       N_("mark the message seen or unseen")) \
	X(COPY_DEFANGED_URL, "copy-defanged-url", N_("copy the selected link, defanged, to the clipboard")) \
	X(COPY_ORIGIN_IP,    "copy-origin-ip",    N_("copy the origin IP to the clipboard")) \
	X(COPY_INDICATORS,   "copy-indicators",   N_("copy every indicator of the message to the clipboard")) \
	X(SAVE_INDICATORS,   "save-indicators",   N_("write every indicator of the message to a file")) \
	X(PIPE_MESSAGE,      "pipe-message",      N_("pipe the message to a command")) \
	X(SHOW_REPORT,       "show-report",       N_("show the kensa report of the message in a pager"))

#ifndef N_
#define N_(s) s
#endif

enum action {
#define ACTION_ENUM(id, name, desc) A_##id,
	ACTIONS(ACTION_ENUM)
#undef ACTION_ENUM
	A_COUNT
};

/* Binding contexts: a view looks in its own, then in "global". */
enum keyctx { CTX_GLOBAL = 0, CTX_INDEX, CTX_MESSAGE, CTX_LIST, CTX_RECEIVED, CTX_COUNT };

/* Key codes: Unicode characters as themselves; curses KEY_* codes at KEYC_CURSES + code; KEYC_META added for Alt/Escape prefix. */
#define KEYC_CURSES 0x200000
#define KEYC_META   0x1000000
/* Two printable ASCII keys pressed in turn ("gg"): KEYC_SEQ | first << 8 | second. */
#define KEYC_SEQ    0x2000000
#define KEYC_SEQ_OF(a, b) (KEYC_SEQ | ((a) << 8) | (b))

const char *action_name(enum action a);
const char *action_desc(enum action a);     /* translated */
int action_from_name(const char *name);     /* -1 if unknown */
const char *keyctx_name(enum keyctx c);
const char *keyctx_label(enum keyctx c);     /* translated */

/* "j", "C-n", "M-x", "Down", "PageDown", "Enter", "Space", "F1", "gg" (two keys in turn) -> key code; -1 if not a key name. */
int key_parse(const char *s);
/* The name of a key code ("C-n"), in a static buffer. */
const char *key_name(int key);

/* Start empty (no bindings). */
void keymap_clear(void);
/*
 * Load bindings from a file:
 *   bind [CONTEXT] KEY ACTION     (CONTEXT: global index message list received; default global)
 *   unbind [CONTEXT] KEY
 *   include NAME                  (a keymap in the same directory as this file, or a path)
 * Bad lines are skipped and each one appended to *errors as "FILE:LINE: reason\n"
 * (caller frees; NULL when none). Returns -1 if the file cannot be read, else 0.
 */
int keymap_load(const char *path, char **errors);
/* The action bound to key in ctx (falling back to global), A_NONE if unbound. */
enum action keymap_lookup(enum keyctx ctx, int key);
/* Does key start a two-key binding ("g" of "gg") in ctx or global? Then the next key completes it. */
bool keymap_is_prefix(enum keyctx ctx, int key);
/* Keys bound to action in exactly ctx, in binding order; returns the count, fills up to max. */
size_t keymap_keys_for(enum keyctx ctx, enum action a, int *keys, size_t max);

#endif
