/* test_brands.c — the shipped registry is valid; loading, overrides, groups, domains and brand-name matching. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "brands.h"

static struct brands *shipped;

static void
load_shipped(void)
{
	char *cause = NULL;

	shipped = brands_new();
	ck_assert_msg(brands_load_file(shipped, TEST_DATADIR "/brands.conf", &cause) == 0, "%s", cause);
}

static void
free_shipped(void)
{
	brands_free(shipped);
}

/* ---- the file itself ---- */

START_TEST(file_is_valid)
{
	char **problems = NULL;
	size_t n = 0;

	brands_validate(shipped, &problems, &n);
	for (size_t i = 0; i < n; i++)
		fprintf(stderr, "brands.conf: %s\n", problems[i]);
	ck_assert_msg(n == 0, "%zu problems in brands.conf (listed above)", n);
	for (size_t i = 0; i < n; i++)
		free(problems[i]);
	free(problems);
}
END_TEST

START_TEST(file_has_the_brands_asked_for)
{
	static const char *const ids[] = {
		/* the samples */
		"pocketcard", "amazon", "ana", "smartalk", "rakuten", "amex", "smbc_card",
		/* Japanese targets */
		"jcb", "mufg", "yucho", "docomo", "kddi", "softbank", "yamato", "sagawa", "jp_post", "nta",
		"mercari", "paypay", "jr_east", "tepco", "aeon_card", "saison", "epos", "mizuho",
		/* global and the phishing corpus */
		"apple", "microsoft", "google", "paypal", "netflix", "dhl", "correios", "bradesco",
		"banco_do_brasil", "receita", "mercadolivre", "ledger", "metamask", "trustwallet",
		"facebook", "mcafee",
	};

	ck_assert_uint_ge(brands_count(shipped), 80);
	for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
		ck_assert_msg(brands_find(shipped, ids[i]) != NULL, "no [%s]", ids[i]);
	/* every section has a source comment right above it */
	{
		FILE *f = fopen(TEST_DATADIR "/brands.conf", "r");
		char line[4096], prev[4096] = "";
		int sections = 0, sourced = 0;

		ck_assert_ptr_nonnull(f);
		while (fgets(line, sizeof line, f) != NULL) {
			if (line[0] == '[') {
				sections++;
				if (strncmp(prev, "# ", 2) == 0)
					sourced++;
			}
			strcpy(prev, line);
		}
		fclose(f);
		ck_assert_int_eq(sections, sourced);
	}
}
END_TEST

/* ---- parsing ---- */

START_TEST(parse_errors_name_the_line)
{
	struct brands *b = brands_new();
	char *cause = NULL;
	const char *bad = "[ok]\nname = OK\ndomains = ok.example\n\n[bad]\nname = X\ncolour = red\n";

	ck_assert_int_eq(brands_load_mem(b, bad, strlen(bad), "t.conf", &cause), -1);
	ck_assert_ptr_nonnull(cause);
	ck_assert_msg(strncmp(cause, "t.conf:7:", 9) == 0, "%s", cause);
	free(cause);
	/* the good section still loads, the bad one does not */
	ck_assert_ptr_nonnull(brands_find(b, "ok"));
	ck_assert_ptr_null(brands_find(b, "bad"));
	ck_assert_int_eq(brands_load_mem(b, "name = x\n", 9, "u.conf", &cause), -1);
	free(cause);
	ck_assert_int_eq(brands_load_mem(b, "[A B]\n", 6, "v.conf", &cause), -1);
	free(cause);
	ck_assert_int_eq(brands_load_mem(b, "[x]\nname=a\nname=b\n", 19, "w.conf", &cause), -1);
	free(cause);
	ck_assert_int_eq(brands_load_mem(b, "[y]\njunk\n", 9, "y.conf", &cause), -1);
	free(cause);
	brands_free(b);
}
END_TEST

START_TEST(user_dir_overrides_by_id)
{
	char dir[] = "/tmp/kensa-brands-XXXXXX", path[256];
	struct brands *b = brands_new();
	char *cause = NULL;
	FILE *f;
	const struct brand *br;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/10-mine.conf", dir);
	f = fopen(path, "w");
	fputs("# my bank\n[mybank]\nname = Example Bank\naliases = イグザンプル銀行\ndomains = examplebank.example\n"
	    "# pocketcard now with a phone\n[pocketcard]\nname = ポケットカード\ndomains = pocketcard.co.jp\nphones = 0120-000-111\n", f);
	fclose(f);
	snprintf(path, sizeof path, "%s/ignored.txt", dir);
	f = fopen(path, "w");
	fputs("[ignored]\nname = Ignored\n", f);
	fclose(f);
	ck_assert_int_eq(brands_load_file(b, TEST_DATADIR "/brands.conf", &cause), 0);
	ck_assert_int_eq(brands_load_dir(b, dir, &cause), 0);
	ck_assert_ptr_nonnull(brands_find(b, "mybank"));
	ck_assert_ptr_null(brands_find(b, "ignored"));
	br = brands_find(b, "pocketcard");
	ck_assert_uint_eq(br->nphones, 1);
	ck_assert_uint_eq(br->naliases, 0);   /* replaced entirely */
	ck_assert(brands_has_phone(b, br, "０１２０ー０００ー１１１"));
	ck_assert(brands_match(b, "イグザンプル 銀行", strlen("イグザンプル 銀行"), NULL, NULL, NULL) ==
	    brands_find(b, "mybank"));
	unlink(path);
	snprintf(path, sizeof path, "%s/10-mine.conf", dir);
	unlink(path);
	rmdir(dir);
	/* a missing directory is no error */
	ck_assert_int_eq(brands_load_dir(b, "/nonexistent/kensa", &cause), 0);
	brands_free(b);
}
END_TEST

/* ---- groups and domains ---- */

START_TEST(groups_and_domains)
{
	const struct brand *smartalk = brands_find(shipped, "smartalk");
	const struct brand *rakuten = brands_find(shipped, "rakuten");
	const struct brand *amazon = brands_find(shipped, "amazon");

	ck_assert_ptr_eq(brands_root(shipped, smartalk), rakuten);
	ck_assert(brands_related(shipped, smartalk, brands_find(shipped, "rakuten_card")));
	ck_assert(!brands_related(shipped, smartalk, amazon));
	/* SMARTalk mail from the parent's domain is its own */
	ck_assert(brands_owns(shipped, smartalk, "comm.rakuten.co.jp", BRAND_MAIL));
	ck_assert(brands_owns(shipped, smartalk, "ip-phone-smart.jp", BRAND_WEB));
	ck_assert(brands_owns(shipped, smartalk, "bma.mpse.jp", BRAND_SERVICES));
	ck_assert(!brands_owns(shipped, smartalk, "bma.mpse.jp", BRAND_WEB | BRAND_MAIL));
	ck_assert(brands_owns(shipped, amazon, "WWW.Amazon.co.jp.", BRAND_WEB));
	ck_assert(!brands_owns(shipped, amazon, "amazon.co.jp.evil.example", BRAND_ALL));
	ck_assert(!brands_owns(shipped, amazon, "notamazon.co.jp", BRAND_ALL));
	ck_assert(brands_owns(shipped, brands_find(shipped, "smbc_card"), "s.vpass.jp", BRAND_WEB));
	ck_assert_ptr_eq(brands_lookup_domain(shipped, "mail.rakuten-card.co.jp"), brands_find(shipped, "rakuten_card"));
	ck_assert_ptr_eq(brands_lookup_domain(shipped, "www.americanexpress.com"), brands_find(shipped, "amex"));
	ck_assert_ptr_null(brands_lookup_domain(shipped, "jfmmfn.cn"));
	ck_assert_ptr_null(brands_lookup_domain(shipped, ""));
}
END_TEST

START_TEST(phones)
{
	const struct brand *amazon = brands_find(shipped, "amazon");

	ck_assert(brands_have_phones(shipped, amazon));
	ck_assert(brands_has_phone(shipped, amazon, "0120-999-373"));
	ck_assert(brands_has_phone(shipped, amazon, "+81 120 999 373"));
	ck_assert(brands_has_phone(shipped, amazon, "０１２０９９９３７３"));
	ck_assert(!brands_has_phone(shipped, amazon, "0120-959-684"));
	ck_assert(!brands_have_phones(shipped, brands_find(shipped, "pocketcard")));
}
END_TEST

/* ---- brand names in text ---- */

static void
match_is(const char *text, const char *want_id, const char *want_span)
{
	size_t s = 0, e = 0;
	const struct brand *br = brands_match(shipped, text, strlen(text), &s, &e, NULL);

	if (want_id == NULL) {
		ck_assert_msg(br == NULL, "\"%s\": expected no brand, got %s", text, br != NULL ? br->id : "");
		return;
	}
	ck_assert_msg(br != NULL, "\"%s\": expected %s, got none", text, want_id);
	ck_assert_msg(strcmp(br->id, want_id) == 0, "\"%s\": expected %s, got %s", text, want_id, br->id);
	if (want_span != NULL)
		ck_assert_msg(strlen(want_span) == e - s && memcmp(text + s, want_span, e - s) == 0,
		    "\"%s\": span \"%.*s\", expected \"%s\"", text, (int)(e - s), text + s, want_span);
}

START_TEST(match_forms)
{
	match_is("ポケットカード", "pocketcard", "ポケットカード");
	match_is("POCKETCARD CO.,LTD.", "pocketcard", "POCKETCARD");
	match_is("Amazon.co.jp", "amazon", "Amazon.co.jp");
	match_is("ａｍａｚｏｎ", "amazon", "ａｍａｚｏｎ");            /* full-width */
	match_is("ﾎﾟｹｯﾄｶｰﾄﾞ会員様", "pocketcard", "ﾎﾟｹｯﾄｶｰﾄﾞ");    /* half-width kana with sound marks */
	match_is("ホ\xe3\x82\x9aケットカード", "pocketcard", NULL);      /* combining semi-voiced mark */
	match_is("AMAZON カスタマーサービス", "amazon", "AMAZON カスタマーサービス"); /* case, spaces, longest alias */
	match_is("AMAZON からのお知らせ", "amazon", "AMAZON");
	match_is("A m a z o n", "amazon", "A m a z o n");                 /* spaces */
	match_is("Ama\xe2\x80\x8bzon", "amazon", "Ama\xe2\x80\x8bzon");   /* zero-width space */
	match_is("アメリカン・エキスプレス", "amex", NULL);
	match_is("American Express", "amex", "American Express");
	match_is("三井住友カード", "smbc_card", "三井住友カード");
	match_is("全日本空輸株式会社", "ana", NULL);
	match_is("SMARTalkカスタマーセンター", "smartalk", "SMARTalkカスタマーセンター");
	match_is("ｓｍａｒｔａｌｋ", "smartalk", NULL);
	match_is("【ANA】今だけ", "ana", "ANA");
	match_is("Copyright © Pocketcard Co,Ltd.td.", "pocketcard", "Pocketcard");
	match_is("Microsoft 365", "microsoft", "Microsoft 365");
	match_is("Banco do Brasil", "banco_do_brasil", NULL);
	match_is("MetaMask Support", "metamask", "MetaMask");
}
END_TEST

START_TEST(match_refusals)
{
	match_is("Ana Souza", NULL, NULL);          /* acronyms only as written */
	match_is("on the line", NULL, NULL);
	match_is("Tim Berners-Lee", NULL, NULL);
	match_is("Amazonian rainforest", NULL, NULL); /* not inside a longer word */
	match_is("xamazon", NULL, NULL);
	match_is("taro@example.com", NULL, NULL);
	match_is("", NULL, NULL);
}
END_TEST

START_TEST(match_cover)
{
	int cover = 0;
	const char *t = "三井住友カード株式会社";

	ck_assert_ptr_nonnull(brands_match(shipped, t, strlen(t), NULL, NULL, &cover));
	ck_assert_int_ge(cover, 60);
	t = "いつもご利用いただきありがとうございます。Amazonをご利用のお客様へ大切なお知らせです。";
	ck_assert_ptr_nonnull(brands_match(shipped, t, strlen(t), NULL, NULL, &cover));
	ck_assert_int_lt(cover, 30);
}
END_TEST

static Suite *
brands_suite(void)
{
	Suite *s = suite_create("brands");
	TCase *tc = tcase_create("core");

	tcase_add_unchecked_fixture(tc, load_shipped, free_shipped);
	tcase_add_test(tc, file_is_valid);
	tcase_add_test(tc, file_has_the_brands_asked_for);
	tcase_add_test(tc, parse_errors_name_the_line);
	tcase_add_test(tc, user_dir_overrides_by_id);
	tcase_add_test(tc, groups_and_domains);
	tcase_add_test(tc, phones);
	tcase_add_test(tc, match_forms);
	tcase_add_test(tc, match_refusals);
	tcase_add_test(tc, match_cover);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(brands_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
