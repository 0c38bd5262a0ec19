/* test_store.c — the TUI's Maildir index: listing without opening files, headers on demand, the background worker, new mail, and the rename-only actions. */
#include "config.h"

#include <check.h>
#include <dirent.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "message.h"
#include "settings.h"
#include "store.h"

#define SAMPLES TEST_SAMPLES "/Maildir/cur"

static char root[256];
static struct settings cfg;

static void
copy_file(const char *from, const char *to)
{
	char buf[8192];
	size_t n;
	FILE *a = fopen(from, "rb"), *b = fopen(to, "wb");

	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	while ((n = fread(buf, 1, sizeof buf, a)) > 0)
		fwrite(buf, 1, n, b);
	fclose(a);
	fclose(b);
}

/* A Maildir with the six samples in cur/ and one in new/. */
static void
make_maildir(void)
{
	char p[512];
	DIR *d;
	struct dirent *de;

	strcpy(root, "/tmp/kensa-store-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(root));
	for (const char *const *s = (const char *const[]){ "cur", "new", "tmp", NULL }; *s; s++) {
		snprintf(p, sizeof p, "%s/%s", root, *s);
		ck_assert_int_eq(mkdir(p, 0700), 0);
	}
	d = opendir(SAMPLES);
	ck_assert_ptr_nonnull(d);
	while ((de = readdir(d)) != NULL) {
		char from[512];
		if (de->d_name[0] == '.')
			continue;
		snprintf(from, sizeof from, "%s/%s", SAMPLES, de->d_name);
		snprintf(p, sizeof p, "%s/cur/%s", root, de->d_name);
		copy_file(from, p);
		if (strncmp(de->d_name, "1770309790", 10) == 0) {
			snprintf(p, sizeof p, "%s/new/1790000000.M1P1.host", root);
			copy_file(from, p);
		}
	}
	closedir(d);
}

static size_t
count_files(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t n = 0;

	if (d == NULL)
		return 0;
	while ((de = readdir(d)) != NULL)
		n += de->d_name[0] != '.';
	closedir(d);
	return n;
}

static void
rm_tree(const char *dir)
{
	char cmd[600];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

/* Wait for the worker to analyse everything (bounded). */
static void
drain(struct store *s)
{
	for (int i = 0; i < 500 && store_pending(s) > 0; i++) {
		struct pollfd p = { store_fd(s), POLLIN, 0 };
		poll(&p, 1, 20);
		store_collect(s);
	}
	ck_assert_int_eq((int)store_pending(s), 0);
}

static long
find(struct store *s, const char *prefix)
{
	for (size_t i = 0; i < store_count(s); i++)
		if (strstr(store_str(s, store_entry(s, i)->name), prefix) != NULL)
			return (long)i;
	return -1;
}

START_TEST(listing_then_headers_then_analysis)
{
	struct store *s;
	char *cause = NULL;
	long id;
	struct mailbox_entry *e;

	make_maildir();
	ck_assert_int_eq(store_open(root, "", &cfg, &s, &cause), 0);
	ck_assert_int_eq((int)store_count(s), 7);
	ck_assert_int_eq((int)store_pending(s), 7);
	id = find(s, "1770309790");
	ck_assert_int_ge(id, 0);
	e = store_entry(s, (size_t)id);
	ck_assert_int_eq(e->state, ENTRY_LISTED);
	ck_assert_int_eq(e->subject, 0);                    /* nothing read yet */
	ck_assert_int_eq(e->date, 1770309790);              /* the delivery time in the name */
	ck_assert(!(e->flags & EF_SEEN));                    /* ":2," */
	ck_assert(store_entry(s, (size_t)find(s, "1639558840"))->flags & EF_SEEN);   /* ":2,S" */
	store_load_headers(s, (size_t)id);
	ck_assert_int_eq(e->state, ENTRY_HEADERS);
	ck_assert_str_eq(store_str(s, e->from_name), "ポケットカード");
	ck_assert_str_eq(store_str(s, e->from_domain), "jfmmfn.cn");
	ck_assert(strstr(store_str(s, e->subject), "[spam]") != NULL);
	id = find(s, "new/1790000000");
	ck_assert(store_entry(s, (size_t)id)->flags & EF_NEW);
	ck_assert(!(store_entry(s, (size_t)id)->flags & EF_SEEN));
	store_start(s);
	drain(s);
	e = store_entry(s, (size_t)find(s, "1770309790"));
	ck_assert_int_eq(e->state, ENTRY_ANALYSED);
	ck_assert_int_gt(e->score, 0);
	ck_assert(e->ids[F_SUBJECT_SPAM_TAG / 64] >> (F_SUBJECT_SPAM_TAG % 64) & 1);
	ck_assert_int_gt(e->worst, 0);
	store_free(s);
	rm_tree(root);
}
END_TEST

START_TEST(new_mail_is_picked_up)
{
	struct store *s;
	char *cause = NULL, from[512], to[512];

	make_maildir();
	ck_assert_int_eq(store_open(root, "", &cfg, &s, &cause), 0);
	store_start(s);
	ck_assert_int_eq((int)store_poll(s), 0);
	sleep(1);   /* a new directory mtime */
	snprintf(from, sizeof from, "%s/new/1790000000.M1P1.host", root);
	snprintf(to, sizeof to, "%s/new/1790000001.M2P1.host", root);
	copy_file(from, to);
	ck_assert_int_eq((int)store_poll(s), 1);
	ck_assert_int_eq((int)store_count(s), 8);
	/* another program moves a message new/ -> cur/: the same entry, renamed */
	snprintf(to, sizeof to, "%s/cur/1790000000.M1P1.host:2,S", root);
	ck_assert_int_eq(rename(from, to), 0);
	sleep(1);
	ck_assert_int_eq((int)store_poll(s), 0);
	ck_assert_int_eq((int)store_count(s), 8);
	ck_assert_int_ge(find(s, "cur/1790000000.M1P1.host:2,S"), 0);
	drain(s);
	store_free(s);
	rm_tree(root);
}
END_TEST

START_TEST(junk_moves_by_rename)
{
	struct store *s, *j;
	char *cause = NULL, p[512];
	long id;
	struct folder_info *fi;
	size_t nf;

	make_maildir();
	ck_assert_int_eq(store_open(root, "", &cfg, &s, &cause), 0);
	id = find(s, "1770309790");
	ck_assert_int_eq(store_move_to_junk(s, (size_t)id, &cause), 0);
	ck_assert(store_entry(s, (size_t)id)->flags & EF_GONE);
	snprintf(p, sizeof p, "%s/.Junk/cur", root);
	ck_assert_int_eq((int)count_files(p), 1);
	snprintf(p, sizeof p, "%s/.Junk/maildirfolder", root);
	ck_assert_int_eq(access(p, F_OK), 0);
	snprintf(p, sizeof p, "%s/cur", root);
	ck_assert_int_eq((int)count_files(p), 5);
	/* a second move of a message with the same name never overwrites */
	id = find(s, "new/1790000000");
	ck_assert_int_eq(store_move_to_junk(s, (size_t)id, &cause), 0);
	snprintf(p, sizeof p, "%s/.Junk/new", root);
	ck_assert_int_eq((int)count_files(p), 1);
	nf = store_list_folders(root, &fi);
	ck_assert_int_eq((int)nf, 2);
	ck_assert_str_eq(fi[0].name, "");
	ck_assert_int_eq((int)fi[0].total, 5);
	ck_assert_str_eq(fi[1].name, ".Junk");
	ck_assert_int_eq((int)fi[1].total, 2);
	ck_assert_int_eq((int)fi[1].unseen, 2);
	store_free_folders(fi, nf);
	ck_assert_int_eq(store_open(root, ".Junk", &cfg, &j, &cause), 0);
	ck_assert_int_eq((int)store_count(j), 2);
	ck_assert_int_eq(store_move_to_junk(j, 0, &cause), -1);   /* already there */
	ck_assert_ptr_nonnull(cause);
	free(cause);
	store_free(j);
	store_free(s);
	rm_tree(root);
}
END_TEST

START_TEST(flags_toggle_by_rename)
{
	struct store *s;
	char *cause = NULL, p[512];
	long id;

	make_maildir();
	ck_assert_int_eq(store_open(root, "", &cfg, &s, &cause), 0);
	id = find(s, "1770309790");
	ck_assert_int_eq(store_toggle_flag(s, (size_t)id, 'F', &cause), 0);
	ck_assert_str_eq(store_str(s, store_entry(s, (size_t)id)->name), "cur/1770309790.M101P4242.mx.example.com,S=4096:2,F");
	ck_assert(store_entry(s, (size_t)id)->flags & EF_FLAGGED);
	snprintf(p, sizeof p, "%s/cur/1770309790.M101P4242.mx.example.com,S=4096:2,F", root);
	ck_assert_int_eq(access(p, F_OK), 0);
	ck_assert_int_eq(store_toggle_flag(s, (size_t)id, 'S', &cause), 0);
	ck_assert_str_eq(store_str(s, store_entry(s, (size_t)id)->name), "cur/1770309790.M101P4242.mx.example.com,S=4096:2,FS");
	ck_assert(store_entry(s, (size_t)id)->flags & EF_SEEN);
	ck_assert_int_eq(access(p, F_OK), -1);   /* the old name is gone: one message, one name */
	/* seen on a message in new/: it moves to cur/ */
	id = find(s, "new/1790000000");
	ck_assert_int_eq(store_toggle_flag(s, (size_t)id, 'S', &cause), 0);
	ck_assert_str_eq(store_str(s, store_entry(s, (size_t)id)->name), "cur/1790000000.M1P1.host:2,S");
	snprintf(p, sizeof p, "%s/new", root);
	ck_assert_int_eq((int)count_files(p), 0);
	snprintf(p, sizeof p, "%s/cur", root);
	ck_assert_int_eq((int)count_files(p), 7);
	store_free(s);
	rm_tree(root);
}
END_TEST

START_TEST(not_a_maildir)
{
	struct store *s;
	char *cause = NULL;

	ck_assert_int_eq(store_open("/nonexistent/kensa", "", &cfg, &s, &cause), -1);
	ck_assert_ptr_nonnull(cause);
	free(cause);
}
END_TEST

int
main(void)
{
	Suite *su = suite_create("store");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	message_init();
	settings_init(&cfg);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, listing_then_headers_then_analysis);
	tcase_add_test(tc, new_mail_is_picked_up);
	tcase_add_test(tc, junk_moves_by_rename);
	tcase_add_test(tc, flags_toggle_by_rename);
	tcase_add_test(tc, not_a_maildir);
	suite_add_tcase(su, tc);
	sr = srunner_create(su);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	settings_free(&cfg);
	return failed == 0 ? 0 : 1;
}
