/* store.h — the index of one Maildir folder: compact per-message state, filled by a background analysis worker; the only code that writes to the Maildir (on explicit user actions). */
#ifndef KENSA_UI_STORE_H
#define KENSA_UI_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "analyze.h"

struct settings;
struct store;

enum entry_state { ENTRY_LISTED = 0, ENTRY_HEADERS, ENTRY_ANALYSED, ENTRY_ERROR };

#define EF_SEEN     0x01
#define EF_FLAGGED  0x02
#define EF_REPLIED  0x04
#define EF_NEW      0x08    /* in new/ */
#define EF_TAGGED   0x10
#define EF_GONE     0x20    /* moved away or vanished: not shown */
#define EF_VERIFIED 0x40    /* BRAND_VERIFIED */
#define EF_QUEUED   0x80    /* handed to the worker */

#define FID_WORDS ((F_COUNT + 63) / 64)

/* Kept for every message: about 50 bytes plus its strings in the store's arena. */
struct entry {
	uint32_t name;        /* arena offset: "cur/BASE:2,FLAGS" under the folder */
	uint32_t subject;     /* arena offsets, 0 = not known yet */
	uint32_t from_name;
	uint32_t from_domain;
	int64_t date;         /* Date header, else the delivery time in the file name, else 0 */
	int16_t score;
	uint8_t state;        /* enum entry_state */
	uint8_t verdict;      /* enum verdict once analysed */
	uint8_t worst;        /* worst finding severity + 1, 0 none */
	uint8_t flags;        /* EF_* */
	uint64_t ids[FID_WORDS];   /* finding ids raised */
};

/*
 * List the folder ("" the Maildir root, ".Junk" a Maildir++ subfolder) of
 * the Maildir at root: names only, no file is opened; ids are in directory
 * order. Returns 0 or -1 with *cause (caller frees).
 */
int store_open(const char *root, const char *folder, const struct settings *cfg, struct store **out, char **cause);
/* Start the background analysis (after the first screen is up). */
void store_start(struct store *s);
void store_free(struct store *s);

size_t store_count(const struct store *s);
struct entry *store_entry(struct store *s, size_t id);
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

/* Readable when the worker has results; then call store_collect. */
int store_fd(const struct store *s);
/* Apply the worker's results; returns how many entries changed. */
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

/* Maildir++ folders of root with message and unseen counts; names[0] is "" (the root). */
struct folder_info {
	char *name;
	size_t total, unseen;
};
size_t store_list_folders(const char *root, struct folder_info **out);
void store_free_folders(struct folder_info *v, size_t n);

#endif
