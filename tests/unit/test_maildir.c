/* test_maildir.c — read-only Maildir and Maildir++ listing: order, flags, subfolders, errors. */
#include "config.h"

#include <check.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "maildir.h"
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
	strcpy(root, "/tmp/kensa-maildir-XXXXXX");
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

START_TEST(root_listing)
{
	struct maildir *md = NULL;
	char *cause = NULL;

	ck_assert(maildir_is(root));
	ck_assert_int_eq(maildir_open(root, false, &md, &cause), 0);
	ck_assert_ptr_null(cause);
	ck_assert_str_eq(md->path, root);
	/* new/ and cur/ merged in delivery order; dotfiles, tmp/ and directories left out */
	ck_assert_int_eq(md->n, 3);
	ck_assert_str_eq(md->v[0].name, "cur/2.M1P1.host:2,FS");
	ck_assert_str_eq(md->v[1].name, "new/5.M1P1.host");
	ck_assert_str_eq(md->v[2].name, "cur/10.M1P1.host:2,S");

	ck_assert_str_eq(md->v[0].flags, "FS");
	ck_assert(!md->v[0].is_new);
	ck_assert_str_eq(md->v[0].folder, "");
	ck_assert_str_eq(md->v[1].flags, "");
	ck_assert(md->v[1].is_new);
	ck_assert_str_eq(md->v[2].flags, "S");
	ck_assert(!md->v[2].is_new);
	for (size_t i = 0; i < md->n; i++) {
		char *want = xasprintf("%s/%s", root, md->v[i].name);
		ck_assert_str_eq(md->v[i].path, want);
		ck_assert_int_eq(access(md->v[i].path, R_OK), 0);
		free(want);
	}

	/* Maildir++ subfolders are named even when not read */
	ck_assert_int_eq(md->nfolders, 2);
	ck_assert_str_eq(md->folders[0], ".Junk");
	ck_assert_str_eq(md->folders[1], ".Sent");
	maildir_free(md);
}
END_TEST

START_TEST(recursive_listing)
{
	struct maildir *md = NULL;
	char *cause = NULL;

	ck_assert_int_eq(maildir_open(root, true, &md, &cause), 0);
	ck_assert_int_eq(md->n, 5);
	/* the root first, then each folder in name order */
	ck_assert_str_eq(md->v[0].name, "cur/2.M1P1.host:2,FS");
	ck_assert_str_eq(md->v[2].name, "cur/10.M1P1.host:2,S");
	ck_assert_str_eq(md->v[3].name, ".Junk/new/1.M1P1.host");
	ck_assert_str_eq(md->v[3].folder, ".Junk");
	ck_assert(md->v[3].is_new);
	ck_assert_str_eq(md->v[4].name, ".Junk/cur/3.M1P1.host:2,");
	ck_assert_str_eq(md->v[4].folder, ".Junk");
	ck_assert_str_eq(md->v[4].flags, "");
	ck_assert(!md->v[4].is_new);
	ck_assert_int_eq(access(md->v[4].path, R_OK), 0);
	ck_assert_ptr_nonnull(strstr(md->v[4].path, "/.Junk/cur/3.M1P1.host:2,"));
	ck_assert_int_eq(md->nfolders, 2);
	for (size_t i = 0; i < md->n; i++)
		ck_assert_ptr_null(strstr(md->v[i].name, "archive"));
	maildir_free(md);

	/* a subfolder opened on its own is a Maildir too */
	{
		char *junk = xasprintf("%s/.Junk", root);
		ck_assert_int_eq(maildir_open(junk, true, &md, &cause), 0);
		ck_assert_int_eq(md->n, 2);
		ck_assert_str_eq(md->v[0].name, "new/1.M1P1.host");
		ck_assert_str_eq(md->v[0].folder, "");
		ck_assert_int_eq(md->nfolders, 0);
		maildir_free(md);
		free(junk);
	}
}
END_TEST

START_TEST(version_order)
{
	struct maildir *md = NULL;
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
	ck_assert_int_eq(maildir_open(root, false, &md, &cause), 0);
	ck_assert_int_eq(md->n, 5);
	ck_assert_str_eq(md->v[0].name, "new/9.M1P1.host");
	ck_assert_str_eq(md->v[1].name, "cur/10.M1P1.host:2,");
	ck_assert_str_eq(md->v[2].name, "cur/10.M2P1.host:2,");
	ck_assert_str_eq(md->v[3].name, "cur/100.M1P1.host:2,");
	ck_assert_str_eq(md->v[4].name, "new/1000.M1P1.host");
	maildir_free(md);
}
END_TEST

START_TEST(nothing_written)
{
	struct maildir *md = NULL;
	char *cause = NULL, *before, *after;

	before = snapshot();
	sleep(1);   /* so that a write would show in second-resolution timestamps too */
	ck_assert_int_eq(maildir_open(root, true, &md, &cause), 0);
	ck_assert_int_eq(md->n, 5);
	maildir_free(md);
	ck_assert_int_eq(maildir_open(root, false, &md, &cause), 0);
	maildir_free(md);
	after = snapshot();
	ck_assert_str_eq(before, after);
	free(before);
	free(after);
}
END_TEST

START_TEST(empty_maildir)
{
	struct maildir *md = NULL;
	char *cause = NULL, *p = xasprintf("%s/.Sent", root);

	/* no messages and no subfolders: an empty listing, not an error */
	ck_assert_int_eq(maildir_open(p, true, &md, &cause), 0);
	ck_assert_ptr_null(cause);
	ck_assert_int_eq(md->n, 0);
	ck_assert_int_eq(md->nfolders, 0);
	maildir_free(md);
	free(p);
}
END_TEST

START_TEST(errors)
{
	struct maildir *md = (struct maildir *)1;
	char *cause = NULL, *p;

	/* a directory without cur/ and new/ */
	p = xasprintf("%s/.Notes", root);
	ck_assert(!maildir_is(p));
	ck_assert_int_eq(maildir_open(p, false, &md, &cause), -1);
	ck_assert_ptr_null(md);
	ck_assert_ptr_nonnull(cause);
	ck_assert_ptr_nonnull(strstr(cause, "not a Maildir"));
	free(cause);
	cause = NULL;
	free(p);

	/* only cur/ is not enough */
	mkdir_at("half");
	mkdir_at("half/cur");
	p = xasprintf("%s/half", root);
	ck_assert(!maildir_is(p));
	ck_assert_int_eq(maildir_open(p, false, &md, &cause), -1);
	ck_assert_ptr_nonnull(strstr(cause, "not a Maildir"));
	free(cause);
	cause = NULL;
	free(p);

	/* missing */
	p = xasprintf("%s/no-such-dir", root);
	md = (struct maildir *)1;
	ck_assert_int_eq(maildir_open(p, false, &md, &cause), -1);
	ck_assert_ptr_null(md);
	ck_assert_ptr_nonnull(cause);
	ck_assert(strlen(cause) > 0);
	free(cause);
	cause = NULL;
	free(p);

	/* a regular file */
	p = xasprintf("%s/cur/10.M1P1.host:2,S", root);
	ck_assert(!maildir_is(p));
	ck_assert_int_eq(maildir_open(p, false, &md, &cause), -1);
	ck_assert_ptr_nonnull(strstr(cause, "not a directory"));
	free(cause);
	free(p);

	maildir_free(NULL);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("maildir");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, root_listing);
	tcase_add_test(tc, recursive_listing);
	tcase_add_test(tc, version_order);
	tcase_add_test(tc, nothing_written);
	tcase_add_test(tc, empty_maildir);
	tcase_add_test(tc, errors);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
