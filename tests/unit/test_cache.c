/* test_cache.c — the analysis cache: hits, misses, every key part, the fingerprint, two writers, bad files. */
#include "config.h"

#include <check.h>
#include <fcntl.h>
#include <lmdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cache.h"
#include "findings.h"
#include "util.h"

static char dir[256];

static void
setup(void)
{
	snprintf(dir, sizeof dir, "%s/kensa-cache-test-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void
teardown(void)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);

	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
}

static struct cache *
open_ok(const char *fp)
{
	struct cache *c = NULL;
	char *notice = NULL, *cause = NULL;

	ck_assert_msg(cache_open(dir, fp, &c, &notice, &cause) == 0, "cache_open: %s", cause ? cause : "?");
	ck_assert_ptr_null(notice);
	return c;
}

static struct stat
fake_stat(dev_t dev, ino_t ino, off_t size, time_t mtime)
{
	struct stat st;

	memset(&st, 0, sizeof st);
	st.st_dev = dev;
	st.st_ino = ino;
	st.st_size = size;
	st.st_mtim.tv_sec = mtime;
	st.st_mode = S_IFREG | 0600;
	return st;
}

static void
entry(struct cache_entry *e, int verdict, int score, const char *subject)
{
	memset(e, 0, sizeof *e);
	e->verdict = verdict;
	e->score = score;
	e->ids[0] = F_LINK_TEXT_MISMATCH;
	e->ids[1] = F_AUTH_DMARC_FAIL;
	e->nids = 2;
	e->date = 1700000000;
	e->subject = (char *)subject;
	e->from = (char *)"Amazon";
}

START_TEST(hit_and_miss)
{
	struct cache *c = open_ok("fp1");
	struct stat st = fake_stat(1, 100, 2048, 1700000000);
	struct cache_entry e, got;

	ck_assert(!cache_get(c, "cur/1.M1P1.host:2,S", &st, &got));
	entry(&e, VERDICT_PHISHING, 77, "【Amazon】お支払い方法の更新");
	cache_put(c, "cur/1.M1P1.host:2,S", &st, &e);
	cache_close(c);   /* written at close */
	c = open_ok("fp1");
	ck_assert(cache_get(c, "cur/1.M1P1.host:2,S", &st, &got));
	ck_assert_int_eq(got.verdict, VERDICT_PHISHING);
	ck_assert_int_eq(got.score, 77);
	ck_assert_int_eq((int)got.nids, 2);
	ck_assert_int_eq(got.ids[0], F_LINK_TEXT_MISMATCH);
	ck_assert_int_eq(got.ids[1], F_AUTH_DMARC_FAIL);
	ck_assert_int_eq((long)got.date, 1700000000);
	ck_assert_str_eq(got.subject, "【Amazon】お支払い方法の更新");
	ck_assert_str_eq(got.from, "Amazon");
	cache_entry_free(&got);
	/* flags renamed, another folder: the same message */
	ck_assert(cache_get(c, "/mail/cur/1.M1P1.host:2,FS", &st, &got));
	cache_entry_free(&got);
	ck_assert(cache_get(c, "1.M1P1.host", &st, &got));
	cache_entry_free(&got);
	cache_close(c);
}
END_TEST

START_TEST(every_key_part)
{
	struct cache *c = open_ok("fp1");
	struct stat st = fake_stat(1, 100, 2048, 1700000000), o;
	struct cache_entry e, got;

	entry(&e, VERDICT_SUSPICIOUS, 30, "x");
	cache_put(c, "cur/2.M2P2.host:2,", &st, &e);
	cache_close(c);
	c = open_ok("fp1");
	ck_assert(cache_get(c, "cur/2.M2P2.host:2,", &st, &got));
	cache_entry_free(&got);
	o = st, o.st_size = 2049;
	ck_assert_msg(!cache_get(c, "cur/2.M2P2.host:2,", &o, &got), "size is part of the key");
	o = st, o.st_mtim.tv_sec++;
	ck_assert_msg(!cache_get(c, "cur/2.M2P2.host:2,", &o, &got), "mtime is part of the key");
	o = st, o.st_mtim.tv_nsec = 5;
	ck_assert_msg(!cache_get(c, "cur/2.M2P2.host:2,", &o, &got), "mtime's nanoseconds are part of the key");
	o = st, o.st_ino = 101;
	ck_assert_msg(!cache_get(c, "cur/2.M2P2.host:2,", &o, &got), "the inode is part of the key");
	o = st, o.st_dev = 2;
	ck_assert_msg(!cache_get(c, "cur/2.M2P2.host:2,", &o, &got), "the device is part of the key");
	ck_assert_msg(!cache_get(c, "cur/3.M2P2.host:2,", &st, &got), "the base name is part of the key");
	cache_close(c);
}
END_TEST

START_TEST(fingerprint_invalidates)
{
	struct cache *c = open_ok("data-v1");
	struct stat st = fake_stat(1, 7, 10, 1);
	struct cache_entry e, got;

	entry(&e, VERDICT_CLEAN, 0, "hello");
	cache_put(c, "a", &st, &e);
	cache_close(c);
	c = open_ok("data-v2");   /* another weight table, brand file or binary */
	ck_assert(!cache_get(c, "a", &st, &got));
	cache_close(c);
	c = open_ok("data-v1");   /* and the old answers are gone, not resurrected */
	ck_assert(!cache_get(c, "a", &st, &got));
	cache_close(c);
}
END_TEST

START_TEST(fingerprint_follows_the_data)
{
	char *a, *b, *d = xasprintf("%s/data", dir), *f = xasprintf("%s/data/weights.conf", dir);
	char *old = getenv("KENSA_DATADIR") ? xstrdup(getenv("KENSA_DATADIR")) : NULL;
	FILE *fp;

	ck_assert_int_eq(mkdir(d, 0700), 0);
	setenv("KENSA_DATADIR", d, 1);
	fp = fopen(f, "w");
	fputs("threshold phishing 45\n", fp);
	fclose(fp);
	a = cache_fingerprint(NULL);
	b = cache_fingerprint(NULL);
	ck_assert_str_eq(a, b);
	free(b);
	fp = fopen(f, "w");
	fputs("threshold phishing 46\n", fp);
	fclose(fp);
	b = cache_fingerprint(NULL);
	ck_assert_str_ne(a, b);
	free(a);
	free(b);
	if (old != NULL)
		setenv("KENSA_DATADIR", old, 1);
	else
		unsetenv("KENSA_DATADIR");
	free(old);
	free(d);
	free(f);
}
END_TEST

/* Two processes writing at once: both sets land, nothing is lost or torn. */
START_TEST(two_writers)
{
	pid_t pid[2];
	struct cache *c;
	struct cache_entry got;

	c = open_ok("fp");   /* create the file first */
	cache_close(c);
	for (int p = 0; p < 2; p++) {
		pid[p] = fork();
		ck_assert_int_ge(pid[p], 0);
		if (pid[p] == 0) {
			struct cache *w = NULL;
			char *notice = NULL, *cause = NULL;

			if (cache_open(dir, "fp", &w, &notice, &cause) != 0)
				_exit(1);
			for (int i = 0; i < 3000; i++) {
				struct stat st = fake_stat(1, (ino_t)(p * 100000 + i), i, 1);
				struct cache_entry e;
				char name[32], subj[32];

				snprintf(name, sizeof name, "%d.%d", p, i);
				snprintf(subj, sizeof subj, "subject %d %d", p, i);
				entry(&e, VERDICT_SUSPICIOUS, i % 100, subj);
				cache_put(w, name, &st, &e);
			}
			cache_close(w);
			_exit(0);
		}
	}
	for (int p = 0; p < 2; p++) {
		int status;

		ck_assert_int_eq(waitpid(pid[p], &status, 0), pid[p]);
		ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	c = open_ok("fp");
	for (int p = 0; p < 2; p++)
		for (int i = 0; i < 3000; i += 7) {
			struct stat st = fake_stat(1, (ino_t)(p * 100000 + i), i, 1);
			char name[32], subj[32];

			snprintf(name, sizeof name, "%d.%d", p, i);
			snprintf(subj, sizeof subj, "subject %d %d", p, i);
			ck_assert_msg(cache_get(c, name, &st, &got), "entry %s", name);
			ck_assert_str_eq(got.subject, subj);
			ck_assert_int_eq(got.score, i % 100);
			cache_entry_free(&got);
		}
	cache_close(c);
}
END_TEST

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

/* A file that is not LMDB at all, or a damaged one: moved aside with a notice, a fresh cache used. */
START_TEST(corrupt_file_moved_aside)
{
	char *path = xasprintf("%s/analysis.mdb", dir), *notice = NULL, *cause = NULL;
	struct cache *c = NULL;
	struct stat st;
	struct cache_entry e, got;

	write_file(path, "this is not a database, but somebody's notes\n");
	ck_assert_int_eq(cache_open(dir, "fp", &c, &notice, &cause), 0);
	ck_assert_ptr_nonnull(notice);
	ck_assert_msg(strstr(notice, "moved aside") != NULL, "%s", notice);
	free(notice);
	st = fake_stat(1, 1, 1, 1);
	entry(&e, VERDICT_CLEAN, 3, "fresh");
	cache_put(c, "m", &st, &e);
	cache_close(c);
	c = open_ok("fp");
	ck_assert(cache_get(c, "m", &st, &got));
	cache_entry_free(&got);
	cache_close(c);
	free(path);
}
END_TEST

/* Another program's LMDB file (entries, no kensa fingerprint) is not trusted either. */
START_TEST(foreign_lmdb_moved_aside)
{
	char *path = xasprintf("%s/analysis.mdb", dir), *notice = NULL, *cause = NULL;
	MDB_env *env;
	MDB_txn *txn;
	MDB_dbi dbi;
	MDB_val k = { 3, "key" }, v = { 5, "value" };
	struct cache *c = NULL;

	ck_assert_int_eq(mdb_env_create(&env), 0);
	ck_assert_int_eq(mdb_env_open(env, path, MDB_NOSUBDIR, 0600), 0);
	ck_assert_int_eq(mdb_txn_begin(env, NULL, 0, &txn), 0);
	ck_assert_int_eq(mdb_dbi_open(txn, NULL, 0, &dbi), 0);
	ck_assert_int_eq(mdb_put(txn, dbi, &k, &v, 0), 0);
	ck_assert_int_eq(mdb_txn_commit(txn), 0);
	mdb_env_close(env);
	ck_assert_int_eq(cache_open(dir, "fp", &c, &notice, &cause), 0);
	ck_assert_ptr_nonnull(notice);
	free(notice);
	cache_close(c);
	free(path);
}
END_TEST

/* A value damaged inside a sound file is a miss, never a wrong answer. */
/*
 * The browser analyses the rows on screen (the newest mail) first, then the
 * rest in delivery order: the out-of-turn entries wait for the flush, so
 * the in-order ones append and the file stays as small as a scan's.
 */
static off_t
fill(const char *sub, bool newest_late)
{
	struct cache *c;
	struct cache_entry e, got;
	struct stat st, fst;
	char name[64], *path;
	const int n = 20000;

	snprintf(dir + strlen(dir), sizeof dir - strlen(dir), "/%s", sub);
	c = open_ok("fp-fill");
	entry(&e, VERDICT_CLEAN, 0, "A newsletter of an ordinary length, as most subjects are");
	for (int i = n - 30; newest_late && i < n; i++) {   /* the screen's rows */
		snprintf(name, sizeof name, "cur/%d.M%dP1.host:2,S", 1600000000 + i * 60, i);
		st = fake_stat(1, (ino_t)(1000 + i), 4096, 1600000000 + i * 60);
		cache_put_late(c, name, &st, &e);
	}
	for (int i = 0; i < (newest_late ? n - 30 : n); i++) {
		snprintf(name, sizeof name, "cur/%d.M%dP1.host:2,S", 1600000000 + i * 60, i);
		st = fake_stat(1, (ino_t)(1000 + i), 4096, 1600000000 + i * 60);
		cache_put(c, name, &st, &e);
	}
	snprintf(name, sizeof name, "cur/%d.M%dP1.host:2,S", 1600000000 + (n - 1) * 60, n - 1);
	st = fake_stat(1, (ino_t)(1000 + n - 1), 4096, 1600000000 + (n - 1) * 60);
	if (newest_late)   /* not written before the flush … */
		ck_assert(!cache_get(c, name, &st, &got));
	cache_flush(c);
	ck_assert(cache_get(c, name, &st, &got));   /* … written by it */
	cache_entry_free(&got);
	cache_close(c);
	path = xasprintf("%s/analysis.mdb", dir);
	ck_assert_int_eq(stat(path, &fst), 0);
	free(path);
	*strrchr(dir, '/') = '\0';
	return fst.st_size;
}

START_TEST(out_of_turn_keeps_pages_full)
{
	off_t in_order = fill("a", false), late = fill("b", true);

	ck_assert_msg(late <= in_order + in_order / 10, "in order %lld bytes, newest first %lld", (long long)in_order,
	    (long long)late);
	ck_assert_msg(in_order / 20000 <= 200, "%lld bytes a message", (long long)(in_order / 20000));
}
END_TEST

START_TEST(damaged_value_is_a_miss)
{
	struct cache *c = open_ok("fp");
	struct stat st = fake_stat(1, 9, 9, 9);
	struct cache_entry e, got;
	char *path = xasprintf("%s/analysis.mdb", dir);
	MDB_env *env;
	MDB_txn *txn;
	MDB_dbi dbi;
	MDB_cursor *cur;
	MDB_val k, v;
	unsigned char junk[20] = { 1, 9, 0 };   /* right format byte, impossible verdict */

	entry(&e, VERDICT_CLEAN, 1, "ok");
	cache_put(c, "m", &st, &e);
	cache_close(c);
	ck_assert_int_eq(mdb_env_create(&env), 0);
	ck_assert_int_eq(mdb_env_open(env, path, MDB_NOSUBDIR, 0600), 0);
	ck_assert_int_eq(mdb_txn_begin(env, NULL, 0, &txn), 0);
	ck_assert_int_eq(mdb_dbi_open(txn, NULL, 0, &dbi), 0);
	ck_assert_int_eq(mdb_cursor_open(txn, dbi, &cur), 0);
	while (mdb_cursor_get(cur, &k, &v, MDB_NEXT) == 0)
		if (k.mv_size == 12) {
			MDB_val nv = { sizeof junk, junk };

			ck_assert_int_eq(mdb_cursor_put(cur, &k, &nv, MDB_CURRENT), 0);
		}
	mdb_cursor_close(cur);
	ck_assert_int_eq(mdb_txn_commit(txn), 0);
	mdb_env_close(env);
	c = open_ok("fp");
	ck_assert(!cache_get(c, "m", &st, &got));
	cache_close(c);
	free(path);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("cache");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, hit_and_miss);
	tcase_add_test(tc, every_key_part);
	tcase_add_test(tc, fingerprint_invalidates);
	tcase_add_test(tc, fingerprint_follows_the_data);
	tcase_add_test(tc, two_writers);
	tcase_add_test(tc, corrupt_file_moved_aside);
	tcase_add_test(tc, foreign_lmdb_moved_aside);
	tcase_add_test(tc, damaged_value_is_a_miss);
	tcase_add_test(tc, out_of_turn_keeps_pages_full);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
