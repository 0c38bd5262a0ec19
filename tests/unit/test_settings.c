/* test_settings.c — the config file reader, its error messages and the environment. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "settings.h"
#include "util.h"

static char tmpdir[64];

static void
setup(void)
{
	strcpy(tmpdir, "/tmp/kensa-settings-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	unsetenv("NO_COLOR");
}

static void
teardown(void)
{
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);

	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
}

/* Write text to tmpdir/name (creating one level of directory if name has a '/'); returns the path. */
static char *
write_file(const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", tmpdir, name), *slash;
	FILE *f;

	if ((slash = strrchr(path, '/')) != NULL && slash > path + strlen(tmpdir)) {
		*slash = '\0';
		ck_assert_int_eq(mkdir(path, 0700), 0);
		*slash = '/';
	}
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
	return path;
}

START_TEST(defaults)
{
	struct settings s;

	settings_init(&s);
	ck_assert_int_eq(s.ntrusted_relays, 0);
	ck_assert_int_eq(s.nauthserv_ids, 0);
	ck_assert(!s.network);
	ck_assert(!s.no_color);
	ck_assert_int_eq(s.boundary_override, -1);
	ck_assert_ptr_null(s.config_path);
	settings_free(&s);
}
END_TEST

START_TEST(full_file)
{
	struct settings s;
	char *cause = NULL;
	char *path = write_file("config",
	    "# kensa configuration\n"
	    "\n"
	    "trusted_relays = 192.0.2.0/24, mx.example.com,2001:db8::/32\n"
	    "   \t\n"
	    "authserv_id = mx.example.com   # our MX\n"
	    "network = on\n"
	    "color = off\n"
	    "geoip_dir = /usr/share/GeoIP\n"
	    "lang=ja\n"
	    "  # indented comment = not a key\n");

	settings_init(&s);
	ck_assert_int_eq(settings_load(&s, path, &cause), 0);
	ck_assert_ptr_null(cause);
	ck_assert_str_eq(s.config_path, path);
	ck_assert_int_eq(s.ntrusted_relays, 3);
	ck_assert_str_eq(s.trusted_relays[0], "192.0.2.0/24");
	ck_assert_str_eq(s.trusted_relays[1], "mx.example.com");
	ck_assert_str_eq(s.trusted_relays[2], "2001:db8::/32");
	ck_assert_int_eq(s.nauthserv_ids, 1);
	ck_assert_str_eq(s.authserv_ids[0], "mx.example.com");
	ck_assert(s.network);
	ck_assert(s.no_color);
	ck_assert_str_eq(s.geoip_dir, "/usr/share/GeoIP");
	ck_assert_str_eq(s.lang, "ja");
	settings_free(&s);
	free(path);
}
END_TEST

START_TEST(bad_line_reported_later_lines_load)
{
	struct settings s;
	char *cause = NULL, *want;
	char *path = write_file("config",
	    "# comment\n"
	    "network = on\n"
	    "this line has no equals sign\n"
	    "frobnicate = 7\n"
	    "authserv_id = mx.example.com\n"
	    "color = off\n");

	settings_init(&s);
	ck_assert_int_eq(settings_load(&s, path, &cause), -1);
	ck_assert_ptr_nonnull(cause);
	/* the first bad line is named, with its file */
	want = xasprintf("%s:3:", path);
	ck_assert_msg(strncmp(cause, want, strlen(want)) == 0, "cause \"%s\"", cause);
	free(want);
	ck_assert(s.network);
	ck_assert_int_eq(s.nauthserv_ids, 1);
	ck_assert_str_eq(s.authserv_ids[0], "mx.example.com");
	ck_assert(s.no_color);
	free(cause);
	settings_free(&s);
	free(path);
}
END_TEST

START_TEST(unknown_key_and_bad_value)
{
	struct settings s;
	char *cause = NULL, *want;
	char *path = write_file("config",
	    "\n"
	    "frobnicate = 7\n"
	    "lang = en\n");

	settings_init(&s);
	ck_assert_int_eq(settings_load(&s, path, &cause), -1);
	want = xasprintf("%s:2:", path);
	ck_assert_msg(strncmp(cause, want, strlen(want)) == 0, "cause \"%s\"", cause);
	ck_assert_ptr_nonnull(strstr(cause, "frobnicate"));
	ck_assert_str_eq(s.lang, "en");
	free(want);
	free(cause);
	settings_free(&s);
	free(path);

	path = write_file("config2", "network = maybe\ncolor = off\n");
	settings_init(&s);
	ck_assert_int_eq(settings_load(&s, path, &cause), -1);
	want = xasprintf("%s:1:", path);
	ck_assert_msg(strncmp(cause, want, strlen(want)) == 0, "cause \"%s\"", cause);
	ck_assert_ptr_nonnull(strstr(cause, "network"));
	ck_assert(!s.network);
	ck_assert(s.no_color);
	free(want);
	free(cause);
	settings_free(&s);
	free(path);

	settings_init(&s);
	ck_assert_int_eq(settings_set(&s, "no_such_key", "x"), -1);
	ck_assert_int_eq(settings_set(&s, "color", "purple"), -1);
	ck_assert(!s.no_color);
	ck_assert_int_eq(settings_set(&s, "network", "yes"), 0);
	ck_assert(s.network);
	ck_assert_int_eq(settings_set(&s, "network", "0"), 0);
	ck_assert(!s.network);
	/* lists accumulate */
	ck_assert_int_eq(settings_set(&s, "authserv_id", "a.example"), 0);
	ck_assert_int_eq(settings_set(&s, "authserv_ids", "b.example c.example"), 0);
	ck_assert_int_eq(s.nauthserv_ids, 3);
	ck_assert_str_eq(s.authserv_ids[2], "c.example");
	settings_free(&s);
}
END_TEST

START_TEST(missing_explicit_file)
{
	struct settings s;
	char *cause = NULL, *path = xasprintf("%s/does-not-exist.conf", tmpdir);

	settings_init(&s);
	ck_assert_int_eq(settings_load(&s, path, &cause), -1);
	ck_assert_ptr_nonnull(cause);
	ck_assert_ptr_nonnull(strstr(cause, path));
	ck_assert_ptr_null(s.config_path);
	free(cause);
	settings_free(&s);
	free(path);
}
END_TEST

START_TEST(default_path_xdg)
{
	struct settings s;
	char *cause = NULL, *path;

	/* $XDG_CONFIG_HOME/kensa/config missing: not an error */
	ck_assert_int_eq(setenv("XDG_CONFIG_HOME", tmpdir, 1), 0);
	settings_init(&s);
	ck_assert_int_eq(settings_load(&s, NULL, &cause), 0);
	ck_assert_ptr_null(cause);
	ck_assert_ptr_null(s.config_path);
	settings_free(&s);

	/* present: it is read */
	path = write_file("kensa/config", "authserv_id = mx.example.org\n");
	settings_init(&s);
	ck_assert_int_eq(settings_load(&s, NULL, &cause), 0);
	ck_assert_str_eq(s.config_path, path);
	ck_assert_int_eq(s.nauthserv_ids, 1);
	ck_assert_str_eq(s.authserv_ids[0], "mx.example.org");
	settings_free(&s);
	free(path);
}
END_TEST

START_TEST(default_path_home)
{
	struct settings s;
	char *cause = NULL;

	/* no XDG_CONFIG_HOME: ~/.config/kensa/config, missing, is fine */
	unsetenv("XDG_CONFIG_HOME");
	ck_assert_int_eq(setenv("HOME", tmpdir, 1), 0);
	settings_init(&s);
	ck_assert_int_eq(settings_load(&s, NULL, &cause), 0);
	ck_assert_ptr_null(cause);
	ck_assert_ptr_null(s.config_path);
	settings_free(&s);

	/* an empty XDG_CONFIG_HOME counts as unset */
	ck_assert_int_eq(setenv("XDG_CONFIG_HOME", "", 1), 0);
	settings_init(&s);
	ck_assert_int_eq(settings_load(&s, NULL, &cause), 0);
	ck_assert_ptr_null(cause);
	settings_free(&s);
}
END_TEST

START_TEST(no_color_env)
{
	struct settings s;

	ck_assert_int_eq(setenv("NO_COLOR", "1", 1), 0);
	settings_init(&s);
	ck_assert(s.no_color);
	settings_free(&s);

	/* no-color.org: set but empty does not count */
	ck_assert_int_eq(setenv("NO_COLOR", "", 1), 0);
	settings_init(&s);
	ck_assert(!s.no_color);
	settings_free(&s);

	unsetenv("NO_COLOR");
	settings_init(&s);
	ck_assert(!s.no_color);
	/* "color = on" does not override NO_COLOR / --no-color, only "off" sets it */
	ck_assert_int_eq(settings_set(&s, "color", "on"), 0);
	ck_assert(!s.no_color);
	settings_free(&s);
}
END_TEST

/* trusted_relays entries: what is accepted, in which canonical form, and what is refused. */
static const struct {
	const char *entry;
	const char *norm;	/* NULL: refused */
} relay_cases[] = {
	{ "192.0.2.7", "192.0.2.7" },
	{ "192.0.2.0/24", "192.0.2.0/24" },
	{ "1.2/16", "1.2.0.0/16" },
	{ "10/8", "10.0.0.0/8" },
	{ "172.16/12", "172.16.0.0/12" },
	{ "2001:db8::/32", "2001:db8::/32" },
	{ "2001:db8::7", "2001:db8::7" },
	{ "!1.2.3.4", "!1.2.3.4" },
	{ "!10/8", "!10.0.0.0/8" },
	{ "mx.example.com", "mx.example.com" },
	{ ".example.org", ".example.org" },
	{ "999.1.1.1/33", NULL },
	{ "1.2.3.4/", NULL },
	{ "1.2.3.4/33", NULL },
	{ "2001:db8::/129", NULL },
	{ "1.2.3.4/x", NULL },
	{ "999.1.1.1", NULL },
	{ "1.2.3", NULL },
	{ "1..2/8", NULL },
	{ "junk", NULL },
	{ "!", NULL },
	{ "ex@mple.com", NULL },
	{ "fe80::zz", NULL },
};

START_TEST(trusted_relays_entries)
{
	struct settings s;
	char *line = xasprintf("trusted_relays = %s\n", relay_cases[_i].entry);
	char *path = write_file("config", line), *cause = NULL, *want;
	int rc;

	settings_init(&s);
	rc = settings_load(&s, path, &cause);
	if (relay_cases[_i].norm != NULL) {
		ck_assert_msg(rc == 0, "%s: %s", relay_cases[_i].entry, cause);
		ck_assert_int_eq(s.ntrusted_relays, 1);
		ck_assert_str_eq(s.trusted_relays[0], relay_cases[_i].norm);
		ck_assert(!s.bad_trust);
	} else {
		ck_assert_msg(rc == -1, "%s accepted", relay_cases[_i].entry);
		want = xasprintf("%s:1: trusted_relays: ", path);
		ck_assert_msg(strncmp(cause, want, strlen(want)) == 0, "cause \"%s\"", cause);
		free(want);
		ck_assert(s.bad_trust);
		ck_assert_int_eq(s.ntrusted_relays, 0);
	}
	free(cause);
	free(line);
	free(path);
	settings_free(&s);
}
END_TEST

/* A bad entry among good ones refuses its whole line and names the line; the others load. */
START_TEST(trusted_relays_bad_line)
{
	struct settings s;
	char *cause = NULL, *want;
	char *path = write_file("config",
	    "trusted_relays = 192.0.2.0/24\n"
	    "# the next line has a typo\n"
	    "trusted_relays = 198.51.100.7, 999.1.1.1/33, mx.example.com\n"
	    "trusted_relays = !10/8\n");

	settings_init(&s);
	ck_assert_int_eq(settings_load(&s, path, &cause), -1);
	want = xasprintf("%s:3: trusted_relays: \"999.1.1.1/33\"", path);
	ck_assert_msg(strncmp(cause, want, strlen(want)) == 0, "cause \"%s\"", cause);
	ck_assert(s.bad_trust);
	ck_assert_int_eq(s.ntrusted_relays, 2);
	ck_assert_str_eq(s.trusted_relays[0], "192.0.2.0/24");
	ck_assert_str_eq(s.trusted_relays[1], "!10.0.0.0/8");
	free(want);
	free(cause);
	free(path);
	settings_free(&s);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("settings");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, defaults);
	tcase_add_test(tc, full_file);
	tcase_add_test(tc, bad_line_reported_later_lines_load);
	tcase_add_test(tc, unknown_key_and_bad_value);
	tcase_add_test(tc, missing_explicit_file);
	tcase_add_test(tc, default_path_xdg);
	tcase_add_test(tc, default_path_home);
	tcase_add_test(tc, no_color_env);
	tcase_add_loop_test(tc, trusted_relays_entries, 0, sizeof relay_cases / sizeof relay_cases[0]);
	tcase_add_test(tc, trusted_relays_bad_line);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
