/* test_geoip.c — country and ASN lookups across database schemas, database discovery, CDN list, bounded resolution. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analyze.h"
#include "geoip.h"
#include "settings.h"
#include "util.h"

static struct geoip *
open_dirs(const char *a, const char *b)
{
	char *dirs[3] = { NULL, NULL, NULL };
	struct geoip *g;

	dirs[0] = xasprintf("%s/%s", TEST_GEOIP, a);
	if (b != NULL)
		dirs[1] = xasprintf("%s/%s", TEST_GEOIP, b);
	g = geoip_open(dirs);
	free(dirs[0]);
	free(dirs[1]);
	return g;
}

/* ip must give exactly cc / asn / org (NULL: absent). */
static void
expect(struct geoip *g, const char *ip, const char *cc, unsigned long asn, const char *org)
{
	struct geoip_info gi;
	int rc = geoip_lookup(g, ip, &gi);

	ck_assert_msg(rc == (cc != NULL || asn != 0 || org != NULL ? 0 : -1), "%s: rc %d", ip, rc);
	ck_assert_msg(strcmp(gi.country, cc != NULL ? cc : "") == 0, "%s: country '%s', want '%s'", ip, gi.country,
	    cc != NULL ? cc : "");
	ck_assert_msg(gi.asn == asn, "%s: AS%lu, want AS%lu", ip, gi.asn, asn);
	if (org == NULL)
		ck_assert_msg(gi.as_org == NULL, "%s: org '%s', want none", ip, gi.as_org);
	else {
		ck_assert_msg(gi.as_org != NULL, "%s: no org, want '%s'", ip, org);
		ck_assert_str_eq(gi.as_org, org);
	}
	geoip_info_free(&gi);
}

/* The same answers from every schema: v4, v6, v4-mapped v6, literal forms. */
static void
schema_answers(struct geoip *g)
{
	expect(g, "101.47.76.101", "SG", 150436, "Byteplus Pte. Ltd.");
	expect(g, "154.223.230.135", "MY", 17561, "Larus Limited");
	expect(g, "::ffff:101.47.76.101", "SG", 150436, "Byteplus Pte. Ltd.");
	expect(g, "::FFFF:154.223.230.135", "MY", 17561, "Larus Limited");
	expect(g, "2001:db8::1", "DE", 64498, "IPv6 Documentation Network");
	expect(g, "[2001:db8:0:1::53]", "DE", 64498, "IPv6 Documentation Network");
	expect(g, "IPv6:2001:DB8::ff", "DE", 64498, "IPv6 Documentation Network");
	expect(g, "[192.0.2.77]", "NL", 64496, "Example \"Doc\" Networks, B.V.");
	/* a country without a network, nothing at all, not an address */
	expect(g, "198.51.100.200", "CN", 0, NULL);
	expect(g, "198.51.100.5", "CN", 64497, "Test Net Two");
	expect(g, "8.8.8.8", NULL, 0, NULL);
	expect(g, "2a00:1450::1", NULL, 0, NULL);
	expect(g, "999.1.2.3", NULL, 0, NULL);
	expect(g, "mail.example.com", NULL, 0, NULL);
	expect(g, "", NULL, 0, NULL);
	expect(g, NULL, NULL, 0, NULL);
}

START_TEST(geolite2_schema)
{
	struct geoip *g = open_dirs("geolite2", NULL);

	ck_assert_uint_eq(geoip_count(g), 2);
	ck_assert_int_eq(geoip_kinds(g), GEOIP_COUNTRY | GEOIP_ASN);
	/* sorted by name: ASN first; each recognised by its records, not its name */
	ck_assert(strstr(geoip_path(g, 0), "GeoLite2-ASN.mmdb") != NULL);
	ck_assert_int_eq(geoip_db_kinds(g, 0), GEOIP_ASN);
	ck_assert_int_eq(geoip_db_kinds(g, 1), GEOIP_COUNTRY);
	ck_assert_ptr_null(geoip_missing_hint(g));
	schema_answers(g);
	geoip_close(g);
}
END_TEST

START_TEST(iplocation_schema)
{
	struct geoip *g = open_dirs("iplocation", NULL);

	ck_assert_uint_eq(geoip_count(g), 2);
	ck_assert_int_eq(geoip_kinds(g), GEOIP_COUNTRY | GEOIP_ASN);
	schema_answers(g);
	geoip_close(g);
}
END_TEST

START_TEST(ipinfo_schema)
{
	struct geoip *g = open_dirs("ipinfo", NULL);

	/* one file with both: country_code, asn "AS150436", as_name */
	ck_assert_uint_eq(geoip_count(g), 1);
	ck_assert_int_eq(geoip_db_kinds(g, 0), GEOIP_COUNTRY | GEOIP_ASN);
	schema_answers(g);
	geoip_close(g);
}
END_TEST

START_TEST(missing_databases)
{
	char tmpl[] = "/tmp/kensa-geoip-XXXXXX", *dir = mkdtemp(tmpl), *bad, *hint;
	char *dirs[2] = { dir, NULL };
	struct geoip *g;
	struct geoip_info gi;
	FILE *f;

	ck_assert_ptr_nonnull(dir);
	g = geoip_open(dirs);
	ck_assert_uint_eq(geoip_count(g), 0);
	ck_assert_int_eq(geoip_kinds(g), 0);
	ck_assert_int_eq(geoip_lookup(g, "101.47.76.101", &gi), -1);
	hint = geoip_missing_hint(g);
	ck_assert_ptr_nonnull(hint);
	ck_assert(strstr(hint, "no GeoIP database") != NULL);
	ck_assert(strstr(hint, "kensa-update-geoip") != NULL);
	ck_assert(strstr(hint, dir) != NULL);
	free(hint);
	geoip_close(g);

	/* a corrupt file is skipped and named, not fatal */
	bad = xasprintf("%s/broken.mmdb", dir);
	f = fopen(bad, "w");
	fputs("this is not a MaxMind database\n", f);
	fclose(f);
	g = geoip_open(dirs);
	ck_assert_uint_eq(geoip_count(g), 0);
	ck_assert_ptr_nonnull(geoip_problems(g));
	ck_assert(strstr(geoip_problems(g), "broken.mmdb") != NULL);
	geoip_close(g);
	unlink(bad);
	free(bad);
	rmdir(dir);

	/* a country database alone: the hint names the network database */
	{
		char *one[2] = { NULL, NULL };
		one[0] = xasprintf("%s/only-country", TEST_GEOIP);
		mkdir(one[0], 0700);
		bad = xasprintf("%s/GeoLite2-Country.mmdb", one[0]);
		unlink(bad);
		ck_assert_int_eq(symlink(TEST_GEOIP "/geolite2/GeoLite2-Country.mmdb", bad), 0);
		g = geoip_open(one);
		ck_assert_int_eq(geoip_kinds(g), GEOIP_COUNTRY);
		hint = geoip_missing_hint(g);
		ck_assert_ptr_nonnull(hint);
		ck_assert(strstr(hint, "no network (ASN) database") != NULL);
		free(hint);
		expect(g, "101.47.76.101", "SG", 0, NULL);
		geoip_close(g);
		unlink(bad);
		rmdir(one[0]);
		free(bad);
		free(one[0]);
	}
}
END_TEST

START_TEST(directory_order)
{
	/* the same file twice counts once; the first directory answers first */
	struct geoip *g = open_dirs("ipinfo", "geolite2");
	char *dirs[3] = { NULL, NULL, NULL };

	ck_assert_uint_eq(geoip_count(g), 3);
	ck_assert(strstr(geoip_path(g, 0), "/ipinfo/") != NULL);
	schema_answers(g);
	geoip_close(g);
	dirs[0] = xasprintf("%s/geolite2", TEST_GEOIP);
	dirs[1] = xasprintf("%s/geolite2/", TEST_GEOIP);
	g = geoip_open(dirs);
	ck_assert_uint_eq(geoip_count(g), 2);
	geoip_close(g);
	free(dirs[0]);
	free(dirs[1]);
}
END_TEST

START_TEST(search_dirs)
{
	char **d;
	size_t n = 0;

	d = geoip_search_dirs("/a:/b");
	ck_assert_str_eq(d[0], "/a");
	ck_assert_str_eq(d[1], "/b");
	ck_assert_ptr_null(d[2]);
	geoip_dirs_free(d);

	setenv("XDG_DATA_HOME", "/xdg", 1);
	setenv("KENSA_DATADIR", "/inst", 1);
	d = geoip_search_dirs(NULL);
	for (; d[n] != NULL; n++)
		;
	ck_assert_uint_eq(n, 4);
	ck_assert_str_eq(d[0], "/xdg/kensa/geoip");
	ck_assert_str_eq(d[1], "/usr/share/GeoIP");
	ck_assert_str_eq(d[2], "/var/lib/GeoIP");
	ck_assert_str_eq(d[3], "/inst/geoip");
	geoip_dirs_free(d);
	setenv("KENSA_DATADIR", TEST_DATA, 1);
}
END_TEST

START_TEST(info_text_and_cdn)
{
	struct geoip_info gi;
	char *t;

	memset(&gi, 0, sizeof gi);
	ck_assert_ptr_null(geoip_info_text(&gi));
	strcpy(gi.country, "SG");
	gi.asn = 150436;
	gi.as_org = xstrdup("Byteplus Pte. Ltd.");
	t = geoip_info_text(&gi);
	ck_assert_str_eq(t, "SG · AS150436 Byteplus Pte. Ltd.");
	free(t);
	gi.asn = 0;
	t = geoip_info_text(&gi);
	ck_assert_str_eq(t, "SG · Byteplus Pte. Ltd.");
	free(t);
	geoip_info_free(&gi);

	setenv("KENSA_DATADIR", TEST_DATA, 1);
	ck_assert_str_eq(geoip_cdn_name(13335), "Cloudflare");
	ck_assert_str_eq(geoip_cdn_name(54113), "Fastly");
	ck_assert_ptr_nonnull(geoip_cdn_name(20940));
	ck_assert_ptr_null(geoip_cdn_name(150436));
	ck_assert_ptr_null(geoip_cdn_name(0));
}
END_TEST

START_TEST(resolve_bounded)
{
	char *addrs[4], *cause = NULL;
	int n = geoip_resolve("localhost", 3000, addrs, 4, &cause);
	bool loop = false;

	ck_assert_msg(n > 0, "localhost: %s", cause != NULL ? cause : "no address");
	for (int i = 0; i < n; i++) {
		if (strcmp(addrs[i], "127.0.0.1") == 0 || strcmp(addrs[i], "::1") == 0)
			loop = true;
		free(addrs[i]);
	}
	ck_assert(loop);
	/* a numeric host needs no resolver */
	n = geoip_resolve("192.0.2.1", 1000, addrs, 4, &cause);
	ck_assert_int_eq(n, 1);
	ck_assert_str_eq(addrs[0], "192.0.2.1");
	free(addrs[0]);
}
END_TEST

/* ORIGIN_COUNTRY through the analysis: info, low when the brand's country differs, info again for its mailing service. */
START_TEST(origin_country_finding)
{
	struct settings cfg;
	struct report *r;
	char *cause = NULL;
	const struct finding *f;

	settings_init(&cfg);
	cfg.geoip_dir = xasprintf("%s/geolite2", TEST_GEOIP);
	ck_assert_int_eq(analyze_file(TEST_CORPUS "/seeds/1770309790.M101P4242.mx.example.com,S=4096:2,", &cfg, &r, &cause), 0);
	ck_assert_str_eq(r->origin_geo.country, "SG");
	ck_assert_uint_eq(r->origin_geo.asn, 150436);
	ck_assert(findings_has(&r->findings, F_ORIGIN_COUNTRY));
	/* the message claims ポケットカード, a Japanese brand, and comes from Singapore */
	for (size_t i = 0; i < r->findings.n; i++)
		if (r->findings.v[i].id == F_ORIGIN_COUNTRY) {
			ck_assert_int_eq(r->findings.v[i].severity, SEV_LOW);
			ck_assert_int_gt(r->findings.v[i].weight, 0);   /* low counts; info would not */
		}
	findings_free(&r->findings);
	analyze_origin_country(r, "JP", false);
	f = &r->findings.v[r->findings.n - 1];
	ck_assert_int_eq(f->id, F_ORIGIN_COUNTRY);
	ck_assert_int_eq(f->severity, SEV_LOW);
	ck_assert(strstr(f->evidence, "based in JP") != NULL);
	findings_free(&r->findings);
	analyze_origin_country(r, "JP", true);
	ck_assert_int_eq(r->findings.v[r->findings.n - 1].severity, SEV_INFO);
	findings_free(&r->findings);
	analyze_origin_country(r, "sg", false);
	ck_assert_int_eq(r->findings.v[r->findings.n - 1].severity, SEV_INFO);
	report_free(r);
	settings_free(&cfg);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("geoip");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	setenv("KENSA_DATADIR", TEST_DATA, 1);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, geolite2_schema);
	tcase_add_test(tc, iplocation_schema);
	tcase_add_test(tc, ipinfo_schema);
	tcase_add_test(tc, missing_databases);
	tcase_add_test(tc, directory_order);
	tcase_add_test(tc, search_dirs);
	tcase_add_test(tc, info_text_and_cdn);
	tcase_add_test(tc, resolve_bounded);
	tcase_add_test(tc, origin_country_finding);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
