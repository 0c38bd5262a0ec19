/* test_mailbox.c — the core mailbox: read-only Maildir and Maildir++ listing (order, flags, subfolders, errors), headers on demand, summaries, new mail and renames seen, and the rename-only writes. */
#include "config.h"

#include <check.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mailbox.h"
#include "util.h"

static char root[64];
static struct buf snap;

static void
mkdir_at(const char *rel)
{
	char *p = xasprintf("%s/%s", root, rel);

	ck_assert_msg(mkdir(p, 0700) == 0, "mkdir %s", p);
	free(p);
}

static void
file_at(const char *rel)
{
	char *p = xasprintf("%s/%s", root, rel);
	FILE *f = fopen(p, "w");

	ck_assert_msg(f != NULL, "create %s", p);
	fprintf(f, "From: a@example.com\nSubject: %s\n\nbody\n", rel);
	ck_assert_int_eq(fclose(f), 0);
	free(p);
}

/*
 * root/          cur/ new/ tmp/        the Maildir
 * root/.Junk/    cur/ new/             a Maildir++ subfolder
 * root/.Sent/    cur/ new/             an empty one
 * root/.Notes/                         a dot directory that is not a Maildir
 * root/archive/  cur/ new/             not a Maildir++ name (no leading dot)
 */
static void
setup(void)
{
	strcpy(root, "/tmp/kensa-mailbox-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(root));
	mkdir_at("cur");
	mkdir_at("new");
	mkdir_at("tmp");
	file_at("cur/10.M1P1.host:2,S");
	file_at("cur/2.M1P1.host:2,FS");
	file_at("cur/.hidden");
	mkdir_at("cur/subdir");
	file_at("new/5.M1P1.host");
	file_at("new/.nfs0001");
	file_at("tmp/7.M1P1.host");
	mkdir_at(".Junk");
	mkdir_at(".Junk/cur");
	mkdir_at(".Junk/new");
	file_at(".Junk/cur/3.M1P1.host:2,");
	file_at(".Junk/new/1.M1P1.host");
	mkdir_at(".Sent");
	mkdir_at(".Sent/cur");
	mkdir_at(".Sent/new");
	mkdir_at(".Notes");
	file_at(".Notes/note.txt");
	mkdir_at("archive");
	mkdir_at("archive/cur");
	mkdir_at("archive/new");
	file_at("archive/cur/4.M1P1.host:2,S");
}

static void
teardown(void)
{
	char *cmd = xasprintf("rm -rf '%s'", root);

	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
}

/* Everything a write would change: names, types, sizes, modification times. */
static int
snap_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)type;
	(void)ftw;
	buf_addf(&snap, "%s %o %lld %lld.%09ld\n", path, (unsigned)st->st_mode, (long long)st->st_size,
	    (long long)st->st_mtim.tv_sec, st->st_mtim.tv_nsec);
	return 0;
}

static char *
snapshot(void)
{
	buf_init(&snap);
	buf_adds(&snap, "");
	ck_assert_int_eq(nftw(root, snap_one, 16, FTW_PHYS), 0);
	return buf_take(&snap);
}

#define NAME(mb, i) mailbox_name((mb), (i))
#define FLAGS(mb, i) (mailbox_entry((mb), (i))->flags)

START_TEST(root_listing)
{
	struct mailbox *mb = NULL;
	char *cause = NULL;
	struct folder_info *fi;
	size_t nf;

	ck_assert(mailbox_is_maildir(root));
	ck_assert_int_eq(mailbox_open(root, "", 0, NULL, &mb, &cause), 0);
	ck_assert_ptr_null(cause);
	ck_assert_str_eq(mailbox_root(mb), root);
	ck_assert_str_eq(mailbox_folder(mb), "");
	/* new/ and cur/ merged in delivery order; dotfiles, tmp/ and directories left out */
	ck_assert_uint_eq(mailbox_count(mb), 3);
	ck_assert_str_eq(NAME(mb, 0), "cur/2.M1P1.host:2,FS");
	ck_assert_str_eq(NAME(mb, 1), "new/5.M1P1.host");
	ck_assert_str_eq(NAME(mb, 2), "cur/10.M1P1.host:2,S");
	ck_assert_uint_eq(FLAGS(mb, 0), EF_FLAGGED | EF_SEEN);
	ck_assert_uint_eq(FLAGS(mb, 1), EF_NEW);
	ck_assert_uint_eq(FLAGS(mb, 2), EF_SEEN);
	/* the delivery time in the name stands for the date until the headers are read */
	ck_assert_int_eq(mailbox_entry(mb, 0)->date, 0);   /* "2" is no time */
	ck_assert_uint_eq(mailbox_pending(mb), 3);
	for (size_t i = 0; i < mailbox_count(mb); i++) {
		char *want = xasprintf("%s/%s", root, NAME(mb, i)), *got = mailbox_path(mb, i);
		ck_assert_str_eq(got, want);
		ck_assert_int_eq(access(got, R_OK), 0);
		ck_assert_int_eq(mailbox_entry(mb, i)->state, ENTRY_LISTED);
		free(want);
		free(got);
	}
	mailbox_free(mb);

	/* Maildir++ subfolders with their counts; not-Maildir dot directories left out */
	nf = mailbox_list_folders(root, &fi);
	ck_assert_uint_eq(nf, 3);
	ck_assert_str_eq(fi[0].name, "");
	ck_assert_uint_eq(fi[0].total, 3);
	ck_assert_uint_eq(fi[0].unseen, 1);
	ck_assert_str_eq(fi[1].name, ".Junk");
	ck_assert_uint_eq(fi[1].total, 2);
	ck_assert_uint_eq(fi[1].unseen, 2);
	ck_assert_str_eq(fi[2].name, ".Sent");
	ck_assert_uint_eq(fi[2].total, 0);
	mailbox_free_folders(fi, nf);
}
END_TEST

START_TEST(recursive_listing)
{
	struct mailbox *mb = NULL;
	char *cause = NULL, *p;

	ck_assert_int_eq(mailbox_open(root, "", MAILBOX_RECURSIVE, NULL, &mb, &cause), 0);
	ck_assert_uint_eq(mailbox_count(mb), 5);
	/* the root first, then each folder in name order */
	ck_assert_str_eq(NAME(mb, 0), "cur/2.M1P1.host:2,FS");
	ck_assert_str_eq(NAME(mb, 2), "cur/10.M1P1.host:2,S");
	ck_assert_str_eq(NAME(mb, 3), ".Junk/new/1.M1P1.host");
	ck_assert_uint_eq(FLAGS(mb, 3), EF_NEW);
	ck_assert_str_eq(NAME(mb, 4), ".Junk/cur/3.M1P1.host:2,");
	ck_assert_uint_eq(FLAGS(mb, 4), 0);
	p = mailbox_path(mb, 4);
	ck_assert_int_eq(access(p, R_OK), 0);
	ck_assert_ptr_nonnull(strstr(p, "/.Junk/cur/3.M1P1.host:2,"));
	free(p);
	for (size_t i = 0; i < mailbox_count(mb); i++)
		ck_assert_ptr_null(strstr(NAME(mb, i), "archive"));
	mailbox_free(mb);

	/* a subfolder opened on its own, as a folder of the root or as a Maildir */
	ck_assert_int_eq(mailbox_open(root, ".Junk", 0, NULL, &mb, &cause), 0);
	ck_assert_uint_eq(mailbox_count(mb), 2);
	ck_assert_str_eq(NAME(mb, 0), "new/1.M1P1.host");
	p = mailbox_path(mb, 0);
	ck_assert_ptr_nonnull(strstr(p, "/.Junk/new/1.M1P1.host"));
	free(p);
	mailbox_free(mb);
	p = xasprintf("%s/.Junk", root);
	ck_assert_int_eq(mailbox_open(p, "", MAILBOX_RECURSIVE, NULL, &mb, &cause), 0);
	ck_assert_uint_eq(mailbox_count(mb), 2);
	ck_assert_str_eq(NAME(mb, 1), "cur/3.M1P1.host:2,");
	mailbox_free(mb);
	free(p);
}
END_TEST

START_TEST(version_order)
{
	struct mailbox *mb = NULL;
	char *cause = NULL, *p;
	const char *names[] = { "cur/100.M1P1.host:2,", "new/9.M1P1.host", "cur/10.M2P1.host:2,",
	    "cur/10.M1P1.host:2,", "new/1000.M1P1.host" };

	p = xasprintf("%s/new/5.M1P1.host", root);
	ck_assert_int_eq(unlink(p), 0);
	free(p);
	p = xasprintf("%s/cur/2.M1P1.host:2,FS", root);
	ck_assert_int_eq(unlink(p), 0);
	free(p);
	p = xasprintf("%s/cur/10.M1P1.host:2,S", root);
	ck_assert_int_eq(unlink(p), 0);
	free(p);
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		file_at(names[i]);
	ck_assert_int_eq(mailbox_open(root, "", 0, NULL, &mb, &cause), 0);
	ck_assert_uint_eq(mailbox_count(mb), 5);
	ck_assert_str_eq(NAME(mb, 0), "new/9.M1P1.host");
	ck_assert_str_eq(NAME(mb, 1), "cur/10.M1P1.host:2,");
	ck_assert_str_eq(NAME(mb, 2), "cur/10.M2P1.host:2,");
	ck_assert_str_eq(NAME(mb, 3), "cur/100.M1P1.host:2,");
	ck_assert_str_eq(NAME(mb, 4), "new/1000.M1P1.host");
	mailbox_free(mb);
}
END_TEST

/* The file name part of a listed name. */
static const char *
file_part(const char *name)
{
	const char *slash = strrchr(name, '/');

	return slash != NULL ? slash + 1 : name;
}

/* Many names, listed in random directory order: consecutive entries are in strverscmp order. */
static void
check_version_order(bool with_odd_names)
{
	struct mailbox *mb = NULL;
	char *cause = NULL;
	unsigned seed = 12345;
	size_t made = 3;   /* the fixture's cur/10…, cur/2…, new/5… */

	for (int i = 0; i < 400; i++) {
		char name[128];
		unsigned r;

		seed = seed * 1103515245u + 12345u;
		r = seed >> 8;
		switch (r % 5) {
		case 0:   /* today's ten-digit times */
			snprintf(name, sizeof name, "%s/%u.M%uP1.host%s", r & 1 ? "cur" : "new", 1600000000u + r % 5000,
			    i, r & 1 ? ":2,S" : "");
			break;
		case 1:   /* the same second, several messages */
			snprintf(name, sizeof name, "cur/1700000000.M%uP%u.host:2,", r % 97, i);
			break;
		case 2:   /* short and long runs of digits */
			snprintf(name, sizeof name, "new/%u.%u.host", r % 1000 + 1, i);
			break;
		case 3:
			snprintf(name, sizeof name, "cur/%u%09u.x%d:2,", r % 9 + 1, r, i);
			break;
		default:
			if (with_odd_names)   /* leading zeros, letters, a twenty-digit run */
				snprintf(name, sizeof name, "cur/%s%u.%d:2,",
				    r % 3 == 0 ? "0" : r % 3 == 1 ? "msg" : "12345678901234567890", r % 100, i);
			else
				snprintf(name, sizeof name, "new/99%u.%d", r % 10, i);
			break;
		}
		file_at(name);
		made++;
	}
	ck_assert_int_eq(mailbox_open(root, "", 0, NULL, &mb, &cause), 0);
	ck_assert_uint_eq(mailbox_count(mb), made);
	for (size_t i = 1; i < mailbox_count(mb); i++)
		ck_assert_msg(strverscmp(file_part(NAME(mb, i - 1)), file_part(NAME(mb, i))) <= 0, "%s before %s",
		    NAME(mb, i - 1), NAME(mb, i));
	mailbox_free(mb);
}

START_TEST(version_order_many)
{
	check_version_order(false);
}
END_TEST

START_TEST(version_order_odd_names)
{
	check_version_order(true);
}
END_TEST

START_TEST(nothing_written)
{
	struct mailbox *mb = NULL;
	char *cause = NULL, *before, *after;

	before = snapshot();
	sleep(1);   /* so that a write would show in second-resolution timestamps too */
	ck_assert_int_eq(mailbox_open(root, "", MAILBOX_RECURSIVE, NULL, &mb, &cause), 0);
	ck_assert_uint_eq(mailbox_count(mb), 5);
	for (size_t i = 0; i < mailbox_count(mb); i++)
		mailbox_load_headers(mb, i);
	ck_assert_uint_eq(mailbox_poll(mb, NULL), 0);
	mailbox_free(mb);
	ck_assert_int_eq(mailbox_open(root, "", 0, NULL, &mb, &cause), 0);
	mailbox_free(mb);
	after = snapshot();
	ck_assert_str_eq(before, after);
	free(before);
	free(after);
}
END_TEST

START_TEST(empty_maildir)
{
	struct mailbox *mb = NULL;
	char *cause = NULL, *p = xasprintf("%s/.Sent", root);

	/* no messages and no subfolders: an empty listing, not an error */
	ck_assert_int_eq(mailbox_open(p, "", MAILBOX_RECURSIVE, NULL, &mb, &cause), 0);
	ck_assert_ptr_null(cause);
	ck_assert_uint_eq(mailbox_count(mb), 0);
	ck_assert_uint_eq(mailbox_poll(mb, NULL), 0);
	mailbox_free(mb);
	free(p);
}
END_TEST

START_TEST(errors)
{
	struct mailbox *mb = (struct mailbox *)1;
	char *cause = NULL, *p;

	/* a directory without cur/ and new/ */
	p = xasprintf("%s/.Notes", root);
	ck_assert(!mailbox_is_maildir(p));
	ck_assert_int_eq(mailbox_open(p, "", 0, NULL, &mb, &cause), -1);
	ck_assert_ptr_null(mb);
	ck_assert_ptr_nonnull(cause);
	ck_assert_ptr_nonnull(strstr(cause, "not a Maildir"));
	free(cause);
	cause = NULL;
	free(p);

	/* only cur/ is not enough; nor a folder name that is not there */
	mkdir_at("half");
	mkdir_at("half/cur");
	p = xasprintf("%s/half", root);
	ck_assert(!mailbox_is_maildir(p));
	ck_assert_int_eq(mailbox_open(p, "", 0, NULL, &mb, &cause), -1);
	ck_assert_ptr_nonnull(strstr(cause, "not a Maildir"));
	free(cause);
	cause = NULL;
	free(p);
	ck_assert_int_eq(mailbox_open(root, ".Nowhere", 0, NULL, &mb, &cause), -1);
	ck_assert_ptr_nonnull(cause);
	free(cause);
	cause = NULL;

	/* missing */
	p = xasprintf("%s/no-such-dir", root);
	mb = (struct mailbox *)1;
	ck_assert_int_eq(mailbox_open(p, "", 0, NULL, &mb, &cause), -1);
	ck_assert_ptr_null(mb);
	ck_assert_ptr_nonnull(cause);
	ck_assert(strlen(cause) > 0);
	free(cause);
	cause = NULL;
	free(p);

	/* a regular file */
	p = xasprintf("%s/cur/10.M1P1.host:2,S", root);
	ck_assert(!mailbox_is_maildir(p));
	ck_assert_int_eq(mailbox_open(p, "", 0, NULL, &mb, &cause), -1);
	ck_assert_ptr_nonnull(strstr(cause, "not a directory"));
	free(cause);
	free(p);

	mailbox_free(NULL);
}
END_TEST

/* Headers on demand: subject and sender into the arena, once; a file that vanished leaves them empty. */
START_TEST(headers_on_demand)
{
	struct mailbox *mb = NULL;
	struct mailbox_entry *e;
	char *cause = NULL, *p;

	ck_assert_int_eq(mailbox_open(root, "", 0, NULL, &mb, &cause), 0);
	e = mailbox_entry(mb, 2);
	ck_assert_uint_eq(e->subject, 0);
	mailbox_load_headers(mb, 2);
	ck_assert_int_eq(e->state, ENTRY_HEADERS);
	ck_assert_str_eq(mailbox_str(mb, e->subject), "cur/10.M1P1.host:2,S");
	ck_assert_str_eq(mailbox_str(mb, e->from_name), "a");
	ck_assert_str_eq(mailbox_str(mb, e->from_domain), "example.com");
	p = mailbox_path(mb, 1);
	ck_assert_int_eq(unlink(p), 0);
	free(p);
	mailbox_load_headers(mb, 1);
	ck_assert_int_eq(mailbox_entry(mb, 1)->state, ENTRY_HEADERS);
	ck_assert_str_eq(mailbox_str(mb, mailbox_entry(mb, 1)->subject), "");
	mailbox_free(mb);
}
END_TEST

/* A summary is applied once: pending falls, ids are set, a known subject is kept. */
START_TEST(summaries)
{
	struct mailbox *mb = NULL;
	struct mailbox_summary s;
	struct mailbox_entry *e;
	char *cause = NULL;

	ck_assert_int_eq(mailbox_open(root, "", 0, NULL, &mb, &cause), 0);
	memset(&s, 0, sizeof s);
	s.state = ENTRY_ANALYSED;
	s.verdict = 2;
	s.score = 77;
	s.worst = 3;
	s.verified = 0;
	s.ids[F_FROM_BRAND_MISMATCH / 64] |= (uint64_t)1 << (F_FROM_BRAND_MISMATCH % 64);
	s.subject = xstrdup("from the analysis");
	s.from_domain = xstrdup("evil.example");
	mailbox_apply(mb, 0, &s);
	e = mailbox_entry(mb, 0);
	ck_assert_int_eq(e->state, ENTRY_ANALYSED);
	ck_assert_int_eq(e->score, 77);
	ck_assert_int_eq(e->verdict, 2);
	ck_assert(e->ids[F_FROM_BRAND_MISMATCH / 64] & ((uint64_t)1 << (F_FROM_BRAND_MISMATCH % 64)));
	ck_assert_str_eq(mailbox_str(mb, e->subject), "from the analysis");
	ck_assert_str_eq(mailbox_str(mb, e->from_domain), "evil.example");
	ck_assert_uint_eq(mailbox_pending(mb), 2);
	mailbox_apply(mb, 0, &s);   /* again: not counted twice */
	ck_assert_uint_eq(mailbox_pending(mb), 2);
	/* headers read first: their subject stays */
	mailbox_load_headers(mb, 2);
	mailbox_apply(mb, 2, &s);
	ck_assert_str_eq(mailbox_str(mb, mailbox_entry(mb, 2)->subject), "cur/10.M1P1.host:2,S");
	ck_assert_uint_eq(mailbox_pending(mb), 1);
	mailbox_summary_free(&s);
	mailbox_free(mb);
}
END_TEST

/* Another program delivers and renames: the new message is appended, the renamed one keeps its id. */
START_TEST(poll_sees_new_mail_and_renames)
{
	struct mailbox *mb = NULL;
	char *cause = NULL, *a, *b;

	ck_assert_int_eq(mailbox_open(root, "", MAILBOX_RECURSIVE, NULL, &mb, &cause), 0);
	ck_assert_uint_eq(mailbox_poll(mb, NULL), 0);
	sleep(1);   /* a directory's mtime must change visibly */
	file_at("new/20.M1P1.host");
	file_at("new/11.M1P1.host");
	file_at(".Junk/new/30.M1P1.host");
	a = xasprintf("%s/new/5.M1P1.host", root);
	b = xasprintf("%s/cur/5.M1P1.host:2,S", root);
	ck_assert_int_eq(rename(a, b), 0);
	free(a);
	free(b);
	ck_assert_uint_eq(mailbox_poll(mb, NULL), 3);
	ck_assert_uint_eq(mailbox_count(mb), 8);
	ck_assert_str_eq(NAME(mb, 1), "cur/5.M1P1.host:2,S");
	ck_assert_uint_eq(FLAGS(mb, 1), EF_SEEN);
	/* the new ones in the defined order among themselves */
	ck_assert_str_eq(NAME(mb, 5), "new/11.M1P1.host");
	ck_assert_str_eq(NAME(mb, 6), "new/20.M1P1.host");
	ck_assert_str_eq(NAME(mb, 7), ".Junk/new/30.M1P1.host");
	ck_assert_uint_eq(mailbox_pending(mb), 8);
	ck_assert_uint_eq(mailbox_poll(mb, NULL), 0);
	mailbox_free(mb);
}
END_TEST

/* Another program deletes: the entry is marked gone (not shown), a move from new/ to cur/ is not a deletion. */
START_TEST(poll_sees_deletions)
{
	struct mailbox *mb = NULL;
	char *cause = NULL, *a, *b;
	size_t gone = 99, pending;

	ck_assert_int_eq(mailbox_open(root, "", MAILBOX_RECURSIVE, NULL, &mb, &cause), 0);
	ck_assert_uint_eq(mailbox_count(mb), 5);
	ck_assert_uint_eq(mailbox_poll(mb, &gone), 0);
	ck_assert_uint_eq(gone, 0);
	pending = mailbox_pending(mb);
	sleep(1);   /* a directory's mtime must change visibly */
	/* entries: 0 cur/2, 1 new/5, 2 cur/10, 3 .Junk/new/1, 4 .Junk/cur/3 */
	a = xasprintf("%s/cur/10.M1P1.host:2,S", root);
	ck_assert_int_eq(unlink(a), 0);
	free(a);
	a = xasprintf("%s/.Junk/new/1.M1P1.host", root);
	ck_assert_int_eq(unlink(a), 0);
	free(a);
	a = xasprintf("%s/new/5.M1P1.host", root);
	b = xasprintf("%s/cur/5.M1P1.host:2,S", root);
	ck_assert_int_eq(rename(a, b), 0);
	free(a);
	free(b);
	ck_assert_uint_eq(mailbox_poll(mb, &gone), 0);
	ck_assert_uint_eq(gone, 2);
	ck_assert_uint_eq(mailbox_count(mb), 5);   /* ids stay; the gone ones are marked */
	ck_assert(FLAGS(mb, 2) & EF_GONE);
	ck_assert(FLAGS(mb, 3) & EF_GONE);
	ck_assert(!(FLAGS(mb, 1) & EF_GONE));
	ck_assert_str_eq(NAME(mb, 1), "cur/5.M1P1.host:2,S");
	ck_assert(!(FLAGS(mb, 0) & EF_GONE));
	ck_assert(!(FLAGS(mb, 4) & EF_GONE));
	ck_assert_uint_eq(mailbox_pending(mb), pending - 2);   /* never to be analysed */
	/* nothing changed since: nothing more is gone */
	ck_assert_uint_eq(mailbox_poll(mb, &gone), 0);
	ck_assert_uint_eq(gone, 0);
	mailbox_free(mb);
}
END_TEST

/* Flags and Junk: exactly one rename each, the entry follows, nothing else in the tree changes. */
START_TEST(rename_only_writes)
{
	struct mailbox *mb = NULL;
	char *cause = NULL, *p;

	ck_assert_int_eq(mailbox_open(root, "", MAILBOX_RECURSIVE, NULL, &mb, &cause), 0);
	/* new/ -> cur/ with the flag; letters kept in ASCII order */
	ck_assert_int_eq(mailbox_toggle_flag(mb, 1, 'S', &cause), 0);
	ck_assert_str_eq(NAME(mb, 1), "cur/5.M1P1.host:2,S");
	ck_assert_int_eq(mailbox_toggle_flag(mb, 1, 'F', &cause), 0);
	ck_assert_str_eq(NAME(mb, 1), "cur/5.M1P1.host:2,FS");
	ck_assert_int_eq(mailbox_toggle_flag(mb, 1, 'F', &cause), 0);
	ck_assert_str_eq(NAME(mb, 1), "cur/5.M1P1.host:2,S");
	p = mailbox_path(mb, 1);
	ck_assert_int_eq(access(p, R_OK), 0);
	free(p);
	/* a subfolder entry keeps its folder */
	ck_assert_int_eq(mailbox_toggle_flag(mb, 3, 'S', &cause), 0);
	ck_assert_str_eq(NAME(mb, 3), ".Junk/cur/1.M1P1.host:2,S");
	p = xasprintf("%s/.Junk/cur/1.M1P1.host:2,S", root);
	ck_assert_int_eq(access(p, R_OK), 0);
	free(p);
	/* already junk */
	ck_assert_int_eq(mailbox_move_to_junk(mb, 3, &cause), -1);
	ck_assert_ptr_nonnull(strstr(cause, "Junk"));
	free(cause);
	cause = NULL;
	/* root -> .Junk, same sub and name; gone from the list, no longer pending */
	ck_assert_uint_eq(mailbox_pending(mb), 5);
	ck_assert_int_eq(mailbox_move_to_junk(mb, 2, &cause), 0);
	ck_assert(FLAGS(mb, 2) & EF_GONE);
	ck_assert_uint_eq(mailbox_pending(mb), 4);
	p = xasprintf("%s/.Junk/cur/10.M1P1.host:2,S", root);
	ck_assert_int_eq(access(p, R_OK), 0);
	free(p);
	p = xasprintf("%s/cur/10.M1P1.host:2,S", root);
	ck_assert_int_eq(access(p, F_OK), -1);
	free(p);
	/* a name already taken in .Junk is never overwritten */
	file_at(".Junk/cur/2.M1P1.host:2,FS");
	ck_assert_int_eq(mailbox_move_to_junk(mb, 0, &cause), -1);
	ck_assert_ptr_nonnull(cause);
	free(cause);
	p = xasprintf("%s/cur/2.M1P1.host:2,FS", root);
	ck_assert_int_eq(access(p, R_OK), 0);
	free(p);
	mailbox_free(mb);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("mailbox");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, root_listing);
	tcase_add_test(tc, recursive_listing);
	tcase_add_test(tc, version_order);
	tcase_add_test(tc, version_order_many);
	tcase_add_test(tc, version_order_odd_names);
	tcase_add_test(tc, nothing_written);
	tcase_add_test(tc, empty_maildir);
	tcase_add_test(tc, errors);
	tcase_add_test(tc, headers_on_demand);
	tcase_add_test(tc, summaries);
	tcase_add_test(tc, poll_sees_new_mail_and_renames);
	tcase_add_test(tc, poll_sees_deletions);
	tcase_add_test(tc, rename_only_writes);
	tcase_set_timeout(tc, 30);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
