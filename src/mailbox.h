/* mailbox.h — one source of messages for scan, report and the browser: a Maildir folder (or a Maildir++ tree) as a compact index in a defined order, headers read on demand, analysis summaries, new-mail polling and the rename-only writes. */
#ifndef KENSA_MAILBOX_H
#define KENSA_MAILBOX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "findings.h"

struct cache_entry;
struct report;
struct settings;
struct mailbox;

enum entry_state { ENTRY_LISTED = 0, ENTRY_HEADERS, ENTRY_ANALYSED, ENTRY_ERROR };

#define EF_SEEN     0x01
#define EF_FLAGGED  0x02
#define EF_REPLIED  0x04
#define EF_NEW      0x08    /* in new/ */
#define EF_TAGGED   0x10    /* the browser's tag: never written to the Maildir */
#define EF_GONE     0x20    /* moved away or vanished: not shown */
#define EF_VERIFIED 0x40    /* BRAND_VERIFIED */
#define EF_QUEUED   0x80    /* handed to an analysis worker */

#define FID_WORDS ((F_COUNT + 63) / 64)

/* Kept for every message: about 70 bytes plus its strings in the mailbox's arena. */
struct mailbox_entry {
	uint32_t name;        /* arena offset: "cur/BASE:2,FLAGS", ".Junk/cur/…" in a recursive listing */
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

/* What an analysis (or the cache) says of one message, for mailbox_apply(). */
struct mailbox_summary {
	uint8_t state, verdict, worst, verified;
	int16_t score;
	int64_t date;
	uint64_t ids[FID_WORDS];
	char *subject, *from_name, *from_domain;
};

#define MAILBOX_RECURSIVE 0x01   /* the folder and its Maildir++ subfolders, names prefixed ".Sub/" */

/* true when path is a directory with cur/ and new/ (tmp/ is not required for reading). */
bool mailbox_is_maildir(const char *path);

/*
 * List folder ("" the Maildir root, ".Junk" a Maildir++ subfolder) of the
 * Maildir at root: names only, no message is opened. Ids are in the defined
 * order: folder by folder (the root first, then subfolders by name), and in
 * a folder by file name in version order (new/ and cur/ merged), which is
 * delivery order for Maildir names. cfg (may be NULL) gives the size limit
 * for header reads. Returns 0, or -1 with *cause (caller frees) when the
 * folder is missing, unreadable or not a Maildir. Nothing is ever written.
 */
int mailbox_open(const char *root, const char *folder, unsigned flags, const struct settings *cfg,
    struct mailbox **out, char **cause);
void mailbox_free(struct mailbox *mb);

size_t mailbox_count(const struct mailbox *mb);
struct mailbox_entry *mailbox_entry(struct mailbox *mb, size_t id);
const char *mailbox_str(const struct mailbox *mb, uint32_t off);   /* "" for 0 */
const char *mailbox_name(const struct mailbox *mb, size_t id);     /* the entry's name, relative to the folder */
const char *mailbox_root(const struct mailbox *mb);
const char *mailbox_folder(const struct mailbox *mb);
char *mailbox_path(const struct mailbox *mb, size_t id);           /* full path; caller frees */
/* Entries neither analysed nor gone. */
size_t mailbox_pending(const struct mailbox *mb);

/* Read the headers of entry id (subject, sender, date) if not done yet; a bad file leaves them empty. */
void mailbox_load_headers(struct mailbox *mb, size_t id);

/* Fill s from an analysed report (strings copied), or from a cache entry; free with mailbox_summary_free. */
void mailbox_summary_from_report(struct mailbox_summary *s, const struct report *r);
void mailbox_summary_from_cache(struct mailbox_summary *s, const struct cache_entry *e);
void mailbox_summary_free(struct mailbox_summary *s);
/* Record s for entry id (state, verdict, score, ids; subject and sender when not known yet). */
void mailbox_apply(struct mailbox *mb, size_t id, const struct mailbox_summary *s);

/*
 * Look for messages delivered, renamed or deleted by another program since
 * the listing (only the folders whose new/ or cur/ changed are read again,
 * both subs): renamed entries keep their id, new ones are appended, and
 * those no longer there are marked EF_GONE (counted in *gone, if not NULL).
 * Returns how many were added.
 */
size_t mailbox_poll(struct mailbox *mb, size_t *gone);

/*
 * Move entry id to the Maildir++ folder ".Junk" of the root (created if
 * missing) by rename(2) without replacing: the message is always in exactly
 * one place. Returns 0 or -1 with *cause.
 */
int mailbox_move_to_junk(struct mailbox *mb, size_t id, char **cause);
/* Toggle a Maildir flag letter ('F', 'S') by one rename (new/ -> cur/ when needed). */
int mailbox_toggle_flag(struct mailbox *mb, size_t id, char flag, char **cause);

/* Maildir++ folders of root with message and unseen counts; v[0] is "" (the root). */
struct folder_info {
	char *name;
	size_t total, unseen;
};
size_t mailbox_list_folders(const char *root, struct folder_info **out);
void mailbox_free_folders(struct folder_info *v, size_t n);

#endif
