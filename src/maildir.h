/* maildir.h — list a Maildir (cur/ and new/, Maildir++ subfolders) without ever writing to it. */
#ifndef KENSA_MAILDIR_H
#define KENSA_MAILDIR_H

#include <stdbool.h>
#include <stddef.h>

struct maildir_entry {
	char *path;        /* full path to the message file */
	char *name;        /* path relative to the Maildir root: "cur/123.M1P2.host:2,S" */
	char *folder;      /* "" for the root, ".Junk" for a Maildir++ subfolder */
	char *flags;       /* letters after ":2," ("FS"), "" if none */
	bool is_new;       /* in new/ */
};

struct maildir {
	char *path;
	struct maildir_entry *v;
	size_t n;
	char **folders;    /* Maildir++ subfolder names found (".Junk", ".Sent") */
	size_t nfolders;
};

/* true when path is a directory with cur/ and new/ (tmp/ is not required for reading). */
bool maildir_is(const char *path);

/*
 * List the messages of the Maildir at path, in Maildir order (delivery
 * order: file names sorted, new/ and cur/ merged), with its subfolders'
 * messages too when recursive. Returns 0, or -1 with *cause (caller frees)
 * when path is missing, unreadable or not a Maildir.
 */
int maildir_open(const char *path, bool recursive, struct maildir **out, char **cause);
void maildir_free(struct maildir *md);

#endif
