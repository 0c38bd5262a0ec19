/* store.h — the browser's view model of one Maildir folder: the core's mailbox index (src/mailbox.h), filled by the shared analysis pool; its writes are the mailbox's rename-only actions, on explicit user actions. */
#ifndef KENSA_UI_STORE_H
#define KENSA_UI_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "analyze.h"
#include "mailbox.h"

struct settings;
struct store;

/*
 * List the folder ("" the Maildir root, ".Junk" a Maildir++ subfolder) of
 * the Maildir at root: names only, no file is opened; ids are in the
 * mailbox's defined order. Returns 0 or -1 with *cause (caller frees).
 */
int store_open(const char *root, const char *folder, const struct settings *cfg, struct store **out, char **cause);
/* Start the background analysis (after the first screen is up). */
void store_start(struct store *s);
void store_free(struct store *s);

size_t store_count(const struct store *s);
struct mailbox_entry *store_entry(struct store *s, size_t id);
const char *store_str(const struct store *s, uint32_t off);   /* "" for 0 */
const char *store_root(const struct store *s);
const char *store_folder(const struct store *s);
char *store_path(const struct store *s, size_t id);           /* full path; caller frees */

/* Read the headers of entry id now (the visible rows of the first screen). */
void store_load_headers(struct store *s, size_t id);
/* Analyse entry id before the others. */
void store_want(struct store *s, size_t id);
/* Record what a full analysis of entry id found (the message view's report). */
void store_note_report(struct store *s, size_t id, const struct report *r);

/* Readable when the pool has results; then call store_collect. */
int store_fd(const struct store *s);
/* Apply the pool's results; returns how many entries changed. */
size_t store_collect(struct store *s);
/* Look for messages added since (new mail); returns how many were added. */
size_t store_poll(struct store *s);
/* Entries not yet analysed. */
size_t store_pending(const struct store *s);

/*
 * Move entry id to the Maildir++ folder ".Junk" of the root (created if
 * missing) by rename(2): the message is always in exactly one place. Returns 0
 * or -1 with *cause.
 */
int store_move_to_junk(struct store *s, size_t id, char **cause);
/* Toggle a Maildir flag letter ('F', 'S') by renaming (new/ -> cur/ when needed). */
int store_toggle_flag(struct store *s, size_t id, char flag, char **cause);

/* Maildir++ folders of root with message and unseen counts (mailbox_list_folders). */
size_t store_list_folders(const char *root, struct folder_info **out);
void store_free_folders(struct folder_info *v, size_t n);

#endif
