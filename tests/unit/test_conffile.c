/* test_conffile.c — the one config reader: comments, trimming, line numbers, every bad line; the settings table; start-up data. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analyze.h"
#include "conffile.h"
#include "settings.h"
#include "util.h"

static char tmpdir[64];

static void
setup(void)
{
	strcpy(tmpdir, "/tmp/kensa-conffile-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void
teardown(void)
{
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);

	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
}

/* Write len bytes to tmpdir/name; returns the path (caller frees). */
static char *
write_bytes(const char *name, const char *text, size_t len)
{
	char *path = xasprintf("%s/%s", tmpdir, name);
	FILE *f = fopen(path, "wb");

	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(text, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
	return path;
}

/* All lines of cf as "LINENO:text|" into one string (caller frees). */
static char *
lines_of(struct conffile *cf)
{
	struct conffile_line l;
	struct buf b;

	buf_init(&b);
	buf_add(&b, "", 0);
	while (conffile_next(cf, &l)) {
		ck_assert_uint_eq(l.len, strlen(l.text));
		if (l.key != NULL)
			buf_addf(&b, "%u:%s=%s|", l.lineno, l.key, l.value);
		else
			buf_addf(&b, "%u:%s|", l.lineno, l.text);
	}
	return buf_take(&b);
}

START_TEST(comments_blank_and_trimming)
{
	static const char text[] =
	    "# a comment\n"
	    "\n"
	    "   \t\n"
	    "  first  \n"
	    "\tsecond word\t\n"
	    "  # indented comment\n"
	    "third # not a comment here\n";
	struct conffile *cf = conffile_open_mem(text, sizeof text - 1, "t.list", 0);
	char *got = lines_of(cf), *cause = NULL;

	ck_assert_str_eq(got, "4:first|5:second word|7:third # not a comment here|");
	ck_assert_int_eq(conffile_close(cf, &cause), 0);
	ck_assert_ptr_null(cause);
	free(got);

	/* the comment styles */
	cf = conffile_open_mem("a b # c\nkey#1 # two\n", 21, "t", CONFFILE_HASH_ANYWHERE);
	got = lines_of(cf);
	ck_assert_str_eq(got, "1:a b|2:key|");
	conffile_close(cf, NULL);
	free(got);
	cf = conffile_open_mem("a b # c\nbind #\nkey#1 # two\n", 27, "t", CONFFILE_HASH_WORD);
	got = lines_of(cf);
	ck_assert_str_eq(got, "1:a b|2:bind|3:key#1|");
	conffile_close(cf, NULL);
	free(got);
	cf = conffile_open_mem("a   b\t\tc\n", 9, "t", CONFFILE_SQUEEZE);
	got = lines_of(cf);
	ck_assert_str_eq(got, "1:a b c|");
	conffile_close(cf, NULL);
	free(got);
}
END_TEST

START_TEST(crlf_bom_and_no_final_newline)
{
	static const char text[] = "\xEF\xBB\xBFone\r\ntwo \r\n\r\nthree";
	struct conffile *cf = conffile_open_mem(text, sizeof text - 1, "crlf", 0);
	char *got = lines_of(cf);

	ck_assert_str_eq(got, "1:one|2:two|4:three|");
	ck_assert_int_eq(conffile_close(cf, NULL), 0);
	free(got);

	/* the same from a file */
	char *path = write_bytes("crlf", text, sizeof text - 1);
	cf = conffile_open(path, 0, NULL);
	ck_assert_ptr_nonnull(cf);
	got = lines_of(cf);
	ck_assert_str_eq(got, "1:one|2:two|4:three|");
	ck_assert_str_eq(conffile_name(cf), path);
	ck_assert_int_eq(conffile_close(cf, NULL), 0);
	free(got);
	free(path);
}
END_TEST

START_TEST(key_value)
{
	static const char text[] =
	    "a = 1\n"
	    "  spaced key   =   spaced value  \r\n"
	    "empty =\n"
	    "no equals sign\n"
	    "x=y=z\n";
	struct conffile *cf = conffile_open_mem(text, sizeof text - 1, "kv.conf", CONFFILE_KV);
	char *got = lines_of(cf), *cause = NULL;

	ck_assert_str_eq(got, "1:a=1|2:spaced key=spaced value|3:empty=|5:x=y=z|");
	ck_assert_int_eq(conffile_close(cf, &cause), -1);
	ck_assert_ptr_nonnull(cause);
	ck_assert_msg(strncmp(cause, "kv.conf:4: ", 11) == 0, "cause \"%s\"", cause);
	ck_assert_ptr_null(strchr(cause, '\n'));
	free(got);
	free(cause);
}
END_TEST

START_TEST(very_long_line)
{
	size_t n = 200000;
	char *text = xmalloc(n + 32), *got;
	struct conffile *cf;
	struct conffile_line l;

	memcpy(text, "short\n", 6);
	memset(text + 6, 'x', n);
	memcpy(text + 6 + n, "\nafter\n", 7);
	char *path = write_bytes("long", text, n + 13);
	cf = conffile_open(path, 0, NULL);
	ck_assert(conffile_next(cf, &l));
	ck_assert_str_eq(l.text, "short");
	ck_assert(conffile_next(cf, &l));
	ck_assert_uint_eq(l.lineno, 2);
	ck_assert_uint_eq(l.len, n);   /* one line, not cut into pieces */
	ck_assert(l.text[0] == 'x' && l.text[n - 1] == 'x');
	ck_assert(conffile_next(cf, &l));
	ck_assert_uint_eq(l.lineno, 3);
	ck_assert_str_eq(l.text, "after");
	ck_assert(!conffile_next(cf, &l));
	ck_assert_int_eq(conffile_close(cf, NULL), 0);

	cf = conffile_open_mem(text, n + 13, "long", 0);
	got = lines_of(cf);
	ck_assert_uint_eq(strlen(got), n + 19);   /* "1:short|2:" + n + "|3:after|" */
	ck_assert(strncmp(got + n + 10, "|3:after|", 9) == 0);
	conffile_close(cf, NULL);
	free(got);
	free(path);
	free(text);
}
END_TEST

START_TEST(nul_bytes)
{
	static const char text[] = "good\nba\0d\nalso good\n\0\n";
	struct conffile *cf = conffile_open_mem(text, sizeof text - 1, "nul", 0);
	char *got = lines_of(cf), *cause = NULL;

	ck_assert_str_eq(got, "1:good|3:also good|");
	ck_assert_int_eq(conffile_close(cf, &cause), -1);
	ck_assert_ptr_nonnull(strstr(cause, "nul:2: "));
	ck_assert_ptr_nonnull(strstr(cause, "\nnul:4: "));
	free(got);
	free(cause);

	/* from a file too */
	char *path = write_bytes("nul", text, sizeof text - 1);
	cf = conffile_open(path, 0, NULL);
	got = lines_of(cf);
	ck_assert_str_eq(got, "1:good|3:also good|");
	ck_assert_uint_eq(conffile_nerrors(cf), 2);
	conffile_close(cf, NULL);
	free(got);
	free(path);
}
END_TEST

START_TEST(missing_file)
{
	char *path = xasprintf("%s/nope.conf", tmpdir), *cause = NULL;

	ck_assert_ptr_null(conffile_open(path, 0, &cause));
	ck_assert_ptr_nonnull(cause);
	ck_assert_ptr_nonnull(strstr(cause, path));
	ck_assert_ptr_nonnull(strstr(cause, "No such file"));
	free(cause);
	ck_assert_ptr_null(conffile_open(path, CONFFILE_OPTIONAL, &cause));
	ck_assert_ptr_null(cause);
	/* a directory is not missing: optional or not, it is an error, never an empty file */
	ck_assert_ptr_null(conffile_open(tmpdir, CONFFILE_OPTIONAL, &cause));
	ck_assert_ptr_nonnull(cause);
	ck_assert_ptr_nonnull(strstr(cause, "directory"));
	free(cause);
	ck_assert_int_eq(conffile_close(NULL, &cause), 0);
	ck_assert_ptr_null(cause);
	free(path);
}
END_TEST

/* Every bad line is reported, in order, with its own line number. */
START_TEST(every_bad_line)
{
	static const char text[] =
	    "ok = 1\n"
	    "bad one\n"
	    "# comment\n"
	    "ok = 2\n"
	    "bad two\n"
	    "\n"
	    "bad three\n";
	struct conffile *cf = conffile_open_mem(text, sizeof text - 1, "m.conf", CONFFILE_KV);
	struct conffile_line l;
	char *cause = NULL;
	int good = 0;

	while (conffile_next(cf, &l)) {
		good++;
		if (strcmp(l.value, "2") == 0)
			conffile_error(cf, "caller says %s", "no");
	}
	conffile_error_at(cf, 99, "at the end");
	ck_assert_int_eq(good, 2);
	ck_assert_int_eq(conffile_close(cf, &cause), -1);
	ck_assert_msg(strncmp(cause, "m.conf:2: ", 10) == 0, "%s", cause);
	ck_assert_ptr_nonnull(strstr(cause, "\nm.conf:4: caller says no\n"));
	ck_assert_ptr_nonnull(strstr(cause, "\nm.conf:5: "));
	ck_assert_ptr_nonnull(strstr(cause, "\nm.conf:7: "));
	ck_assert_ptr_nonnull(strstr(cause, "\nm.conf:99: at the end"));
	ck_assert(strstr(cause, "m.conf:2: ") < strstr(cause, "m.conf:5: "));
	free(cause);

	/* thousands of bad lines: the first CONFFILE_MAX_ERRORS, then a count */
	struct buf b;
	buf_init(&b);
	for (int i = 0; i < 1000; i++)
		buf_adds(&b, "junk\n");
	cf = conffile_open_mem(b.s, b.len, "many", CONFFILE_KV);
	while (conffile_next(cf, &l))
		;
	ck_assert_uint_eq(conffile_nerrors(cf), 1000);
	ck_assert_int_eq(conffile_close(cf, &cause), -1);
	ck_assert_ptr_nonnull(strstr(cause, "many:100: "));
	ck_assert_ptr_null(strstr(cause, "many:101: "));
	ck_assert_ptr_nonnull(strstr(cause, "900"));
	free(cause);
	buf_free(&b);
}
END_TEST

START_TEST(join)
{
	char *acc = NULL;

	conffile_join(&acc, NULL);
	ck_assert_ptr_null(acc);
	conffile_join(&acc, xstrdup("a"));
	conffile_join(&acc, xstrdup(""));
	conffile_join(&acc, xstrdup("b"));
	ck_assert_str_eq(acc, "a\nb");
	free(acc);
}
END_TEST

/* ---- the settings table ---- */

START_TEST(table_defaults)
{
	struct settings s;

	settings_init(&s);
	ck_assert(s.dns);
	ck_assert(s.cache);
	ck_assert(!s.network);
	ck_assert_int_eq(s.new_domain_days, 30);
	ck_assert_int_eq(s.rdap_timeout, 5);
	ck_assert_str_eq(s.rdap_url, "https://rdap.org/");
	ck_assert_uint_eq(s.max_message_size, 256u << 20);
	/* every row has a name, help text, and a default its own validator accepts */
	for (size_t i = 0; i < settings_table_size; i++) {
		const struct setting_def *d = &settings_table[i];
		struct settings t;

		ck_assert_ptr_nonnull(d->help);
		ck_assert_ptr_eq(settings_find(d->name), d);
		if (d->def == NULL)
			continue;
		settings_init(&t);
		ck_assert_msg(settings_set(&t, d->name, d->def) == 0, "%s = %s", d->name, d->def);
		settings_free(&t);
	}
	ck_assert_ptr_null(settings_find("nosuch"));
	settings_free(&s);
}
END_TEST

static const struct {
	const char *key, *value;
	int ok;
} value_cases[] = {
	{ "lang", "fr", 0 }, { "lang", "ja", 1 }, { "lang", "ja_JP.UTF-8", 1 }, { "lang", "en", 1 },
	{ "lang", "", 0 }, { "lang", "jafoo", 0 },
	{ "trusted_relays", "999.1.1.1/33", 0 }, { "trusted_relays", "192.0.2.0/24", 1 },
	{ "keymap", "nosuch", 0 }, { "keymap", "vi", 1 }, { "keymap", "emacs", 1 }, { "keymap", "default", 1 },
	{ "keymap", "/nonexistent/dir/x.keys", 0 }, { "keymap", "/dev/null", 1 },
	{ "network", "maybe", 0 }, { "network", "on", 1 }, { "dns", "OFF", 1 },
	{ "new_domain_days", "0", 0 }, { "new_domain_days", "3650", 1 }, { "new_domain_days", "3651", 0 },
	{ "rdap_timeout", "60", 1 }, { "rdap_timeout", "61", 0 }, { "rdap_timeout", "5s", 0 },
	{ "max_message_size", "4G", 1 }, { "max_message_size", "5G", 0 }, { "max_message_size", "1K", 1 },
	{ "max_message_size", "-1", 0 }, { "max_message_size", "12Q", 0 },
	{ "unknown_key", "1", 0 }, { "color", "off", 1 }, { "color", "purple", 0 },
};

START_TEST(table_values)
{
	struct settings s;

	settings_init(&s);
	ck_assert_msg(settings_set(&s, value_cases[_i].key, value_cases[_i].value) == (value_cases[_i].ok ? 0 : -1),
	    "%s = %s", value_cases[_i].key, value_cases[_i].value);
	settings_free(&s);
}
END_TEST

/* The bad values, several in one file: each named with file and line; good lines still load. */
START_TEST(settings_every_bad_line)
{
	static const char text[] =
	    "# mine\n"
	    "lang = fr\n"
	    "network = on\n"
	    "trusted_relays = 999.1.1.1/33\n"
	    "keymap = nosuch\n"
	    "frobnicate = 1\n"
	    "no equals\n"
	    "rdap_timeout = 9\n";
	char *path = write_bytes("config", text, sizeof text - 1), *cause = NULL, *want;
	struct settings s;
	int n = 0;

	settings_init(&s);
	ck_assert_int_eq(settings_load(&s, path, &cause), -1);
	ck_assert_ptr_nonnull(cause);
	for (int line = 2; line <= 7; line++) {
		if (line == 3)
			continue;
		want = xasprintf("%s:%d: ", path, line);
		ck_assert_msg(strstr(cause, want) != NULL, "no %s in \"%s\"", want, cause);
		free(want);
	}
	for (const char *p = cause; p != NULL; p = strchr(p + 1, '\n'))
		n++;
	ck_assert_int_eq(n, 5);
	ck_assert_ptr_nonnull(strstr(cause, "fr"));
	ck_assert_ptr_nonnull(strstr(cause, "999.1.1.1/33"));
	ck_assert_ptr_nonnull(strstr(cause, "nosuch"));
	ck_assert_ptr_nonnull(strstr(cause, "frobnicate"));
	ck_assert(s.network);
	ck_assert_int_eq(s.rdap_timeout, 9);
	ck_assert_ptr_null(s.lang);
	ck_assert_ptr_null(s.keymap);
	ck_assert(s.bad_trust);
	free(cause);
	free(path);
	settings_free(&s);
}
END_TEST

/* Start-up: with the shipped data every list loads; without one, its path is named. */
START_TEST(startup_data)
{
	char *cause = NULL, *dir = xasprintf("%s/data", tmpdir), *cmd;

	/* a copy of the data without the confusables table (loaders run once per process: one check) */
	cmd = xasprintf("cp -r '%s' '%s' && rm '%s/confusables.txt'", TEST_DATADIR, dir, dir);
	ck_assert_int_eq(system(cmd), 0);
	setenv("KENSA_DATADIR", dir, 1);
	unsetenv("XDG_CONFIG_HOME");
	setenv("HOME", tmpdir, 1);
	ck_assert_int_eq(analyze_load_data(&cause), -1);
	ck_assert_ptr_nonnull(cause);
	{
		char *want = xasprintf("%s/confusables.txt: No such file", dir);
		ck_assert_msg(strstr(cause, want) != NULL, "cause \"%s\"", cause);
		free(want);
	}
	/* only that file: the others loaded */
	ck_assert_ptr_null(strchr(cause, '\n'));
	free(cause);
	free(cmd);
	free(dir);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("conffile");
	TCase *tc = tcase_create("reader");
	SRunner *sr;
	int failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, comments_blank_and_trimming);
	tcase_add_test(tc, crlf_bom_and_no_final_newline);
	tcase_add_test(tc, key_value);
	tcase_add_test(tc, very_long_line);
	tcase_add_test(tc, nul_bytes);
	tcase_add_test(tc, missing_file);
	tcase_add_test(tc, every_bad_line);
	tcase_add_test(tc, join);
	suite_add_tcase(s, tc);
	tc = tcase_create("settings");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, table_defaults);
	tcase_add_loop_test(tc, table_values, 0, sizeof value_cases / sizeof value_cases[0]);
	tcase_add_test(tc, settings_every_bad_line);
	tcase_add_test(tc, startup_data);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
