/* test_authres.c — Authentication-Results, ARC-Authentication-Results, Received-SPF and DKIM-Signature tag parsing. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "authres.h"
#include "util.h"

/*
 * Header values are written as they appear after "Name:", folds kept.
 * Real cases name the corpus file (under /work/shared/corpus) they were
 * copied from; all of those are Apache-2.0, MIT, BSD-2-Clause or GPL-3
 * material or this project's own seeds. The Exchange Online shape, known
 * from the CC BY-NC phishing corpus, is rewritten with example domains and
 * documentation addresses.
 */

static struct ar_header h;

static void
parse_ok(const char *value, int arc)
{
	char *cause = NULL;
	int rc = authres_parse(value, arc, &h, &cause);

	ck_assert_msg(rc == 0, "authres_parse failed: %s", cause ? cause : "?");
	ck_assert_ptr_null(cause);
}

static void
teardown(void)
{
	authres_free(&h);
}

static const struct ar_clause *
clause(size_t i)
{
	ck_assert_msg(i < h.nclauses, "clause %zu of %zu", i, h.nclauses);
	return &h.clauses[i];
}

/* Check method, result and result keyword of clause i. */
static void
check_clause(size_t i, const char *method, enum auth_result r, const char *result_str)
{
	const struct ar_clause *c = clause(i);

	ck_assert_str_eq(c->method, method);
	ck_assert_int_eq(c->result, r);
	ck_assert_str_eq(c->result_str, result_str);
}

static void
check_prop(size_t i, const char *ptype, const char *property, const char *value)
{
	const char *v = authres_prop(clause(i), ptype, property);

	ck_assert_msg(v != NULL, "clause %zu has no %s.%s", i, ptype, property);
	ck_assert_str_eq(v, value);
}

static void
check_id(const char *id)
{
	if (id == NULL)
		ck_assert_ptr_null(h.authserv_id);
	else {
		ck_assert_ptr_nonnull(h.authserv_id);
		ck_assert_str_eq(h.authserv_id, id);
	}
}

static void
check_comment(size_t i, const char *comment)
{
	const struct ar_clause *c = clause(i);

	if (comment == NULL)
		ck_assert_ptr_null(c->comment);
	else {
		ck_assert_ptr_nonnull(c->comment);
		ck_assert_str_eq(c->comment, comment);
	}
}

/* ---- RFC 8601 Appendix B ---- */

/* B.1: no header at all; nothing to parse, and an empty value is an error. */
START_TEST(rfc8601_b1_absent)
{
	char *cause = NULL;

	ck_assert_int_eq(authres_parse("", 0, &h, &cause), -1);
	ck_assert_ptr_nonnull(cause);
	ck_assert_ptr_null(h.authserv_id);
	ck_assert_uint_eq(h.nclauses, 0);
	free(cause);
	cause = NULL;
	ck_assert_int_eq(authres_parse(" \r\n\t(only a comment)", 0, &h, &cause), -1);
	free(cause);
}
END_TEST

START_TEST(rfc8601_b2_none)
{
	parse_ok("example.org 1; none", 0);
	check_id("example.org");
	ck_assert_int_eq(h.version, 1);
	ck_assert_int_eq(h.none, 1);
	ck_assert_uint_eq(h.nclauses, 0);
}
END_TEST

START_TEST(rfc8601_b3_spf)
{
	parse_ok("example.com;\r\n          spf=pass smtp.mailfrom=example.net", 0);
	check_id("example.com");
	ck_assert_int_eq(h.version, 1);
	ck_assert_int_eq(h.none, 0);
	ck_assert_uint_eq(h.nclauses, 1);
	check_clause(0, "spf", AUTH_PASS, "pass");
	check_prop(0, "smtp", "mailfrom", "example.net");
}
END_TEST

START_TEST(rfc8601_b4_single_mta)
{
	parse_ok("example.com;\r\n"
	    "          auth=pass (cram-md5) smtp.auth=sender@example.net;\r\n"
	    "          spf=pass smtp.mailfrom=example.net", 0);
	check_id("example.com");
	ck_assert_uint_eq(h.nclauses, 2);
	check_clause(0, "auth", AUTH_PASS, "pass");
	check_comment(0, "cram-md5");
	check_prop(0, "smtp", "auth", "sender@example.net");
	check_clause(1, "spf", AUTH_PASS, "pass");
	check_comment(1, NULL);
	check_prop(1, "smtp", "mailfrom", "example.net");
	authres_free(&h);

	parse_ok("example.com; iprev=pass\r\n          policy.iprev=192.0.2.200", 0);
	check_id("example.com");
	ck_assert_uint_eq(h.nclauses, 1);
	check_clause(0, "iprev", AUTH_PASS, "pass");
	check_prop(0, "policy", "iprev", "192.0.2.200");
	authres_free(&h);

	/* the RFC 7601 / 7001 edition also carried Sender ID */
	parse_ok("example.com;\r\n          sender-id=pass header.from=example.net", 0);
	check_clause(0, "sender-id", AUTH_PASS, "pass");
	check_prop(0, "header", "from", "example.net");
}
END_TEST

START_TEST(rfc8601_b5_different_mtas)
{
	parse_ok("example.com;\r\n"
	    "          dkim=pass (good signature) header.d=example.com", 0);
	check_id("example.com");
	ck_assert_uint_eq(h.nclauses, 1);
	check_clause(0, "dkim", AUTH_PASS, "pass");
	check_comment(0, "good signature");
	check_prop(0, "header", "d", "example.com");
	authres_free(&h);

	parse_ok("example.com;\r\n"
	    "          auth=pass (cram-md5) smtp.auth=sender@example.com;\r\n"
	    "          spf=fail smtp.mailfrom=example.com", 0);
	ck_assert_uint_eq(h.nclauses, 2);
	check_clause(0, "auth", AUTH_PASS, "pass");
	check_prop(0, "smtp", "auth", "sender@example.com");
	check_clause(1, "spf", AUTH_FAIL, "fail");
	check_prop(1, "smtp", "mailfrom", "example.com");
	authres_free(&h);

	/* RFC 7001 form of the first header */
	parse_ok("example.com;\r\n"
	    "          sender-id=fail header.from=example.com;\r\n"
	    "          dkim=pass (good signature) header.d=example.com", 0);
	ck_assert_uint_eq(h.nclauses, 2);
	check_clause(0, "sender-id", AUTH_FAIL, "fail");
	check_clause(1, "dkim", AUTH_PASS, "pass");
	check_prop(1, "header", "d", "example.com");
}
END_TEST

START_TEST(rfc8601_b6_multi_tiered)
{
	parse_ok("example.com;\r\n"
	    "      dkim=pass reason=\"good signature\"\r\n"
	    "        header.i=@mail-router.example.net;\r\n"
	    "      dkim=fail reason=\"bad signature\"\r\n"
	    "        header.i=@newyork.example.com", 0);
	check_id("example.com");
	ck_assert_uint_eq(h.nclauses, 2);
	check_clause(0, "dkim", AUTH_PASS, "pass");
	ck_assert_str_eq(clause(0)->reason, "good signature");
	check_prop(0, "header", "i", "@mail-router.example.net");
	check_clause(1, "dkim", AUTH_FAIL, "fail");
	ck_assert_str_eq(clause(1)->reason, "bad signature");
	check_prop(1, "header", "i", "@newyork.example.com");
	authres_free(&h);

	parse_ok("mail-router.example.net;\r\n"
	    "      dkim=pass (good signature) header.d=newyork.example.com\r\n"
	    "            header.b=oINEO8hg;\r\n"
	    "      dkim=fail (bad signature) header.d=mail-router.example.net\r\n"
	    "            header.b=EToRSuvU", 0);
	check_id("mail-router.example.net");
	ck_assert_uint_eq(h.nclauses, 2);
	check_clause(0, "dkim", AUTH_PASS, "pass");
	check_comment(0, "good signature");
	check_prop(0, "header", "d", "newyork.example.com");
	check_prop(0, "header", "b", "oINEO8hg");
	check_clause(1, "dkim", AUTH_FAIL, "fail");
	check_comment(1, "bad signature");
	check_prop(1, "header", "d", "mail-router.example.net");
	check_prop(1, "header", "b", "EToRSuvU");
}
END_TEST

START_TEST(rfc8601_b7_comment_heavy)
{
	parse_ok("foo.example.net (foobar) 1 (baz);\r\n"
	    "    dkim (Because I like it) / 1 (One yay) = (wait for it) fail\r\n"
	    "      policy (A dot can go here) . (like that) expired\r\n"
	    "      (this surprised me) = (as I wasn't expecting it) 1362471462", 0);
	check_id("foo.example.net");
	ck_assert_int_eq(h.version, 1);
	ck_assert_uint_eq(h.nclauses, 1);
	check_clause(0, "dkim", AUTH_FAIL, "fail");
	ck_assert_uint_eq(clause(0)->nprops, 1);
	check_prop(0, "policy", "expired", "1362471462");
}
END_TEST

/* ---- RFC 8617 ---- */

START_TEST(rfc8617_arc_results)
{
	/* RFC 8617 Appendix B shape */
	parse_ok("i=1; lists.example.org;\r\n"
	    "      spf=pass smtp.mfrom=jqd@d1.example;\r\n"
	    "      dkim=pass (1024-bit key) header.i=@d1.example;\r\n"
	    "      dmarc=pass", 1);
	ck_assert_int_eq(h.instance, 1);
	check_id("lists.example.org");
	ck_assert_uint_eq(h.nclauses, 3);
	check_clause(0, "spf", AUTH_PASS, "pass");
	check_prop(0, "smtp", "mfrom", "jqd@d1.example");
	check_clause(1, "dkim", AUTH_PASS, "pass");
	check_comment(1, "1024-bit key");
	check_clause(2, "dmarc", AUTH_PASS, "pass");
	authres_free(&h);

	/* a plain header has instance 0 */
	parse_ok("example.com; spf=pass smtp.mailfrom=example.net", 0);
	ck_assert_int_eq(h.instance, 0);
	authres_free(&h);

	/* huge instance numbers saturate instead of overflowing */
	parse_ok("i=99999999999999999999; example.com; arc=none", 1);
	ck_assert_int_gt(h.instance, 0);
	check_id("example.com");
}
END_TEST

/* ---- real headers from the corpus ---- */

/* ham/ham_sisimai_bounces/bsd/rhost-gsuite-05.eml */
START_TEST(real_gsuite_helo)
{
	parse_ok("mx.google.com; dkim=pass header.i=@googlemail.com;\n"
	    " spf=pass (google.com: best guess record for domain of\n"
	    " postmaster@mail-qk0-x246.google.com designates 2607:f8b0:400d:c09::246 as\n"
	    " permitted sender) smtp.helo=mail-qk0-x246.google.com; dmarc=pass\n"
	    " (p=QUARANTINE sp=QUARANTINE dis=NONE) header.from=googlemail.com", 0);
	check_id("mx.google.com");
	ck_assert_uint_eq(h.nclauses, 3);
	check_clause(0, "dkim", AUTH_PASS, "pass");
	check_prop(0, "header", "i", "@googlemail.com");
	check_clause(1, "spf", AUTH_PASS, "pass");
	check_comment(1, "google.com: best guess record for domain of "
	    "postmaster@mail-qk0-x246.google.com designates 2607:f8b0:400d:c09::246 as "
	    "permitted sender");
	check_prop(1, "smtp", "helo", "mail-qk0-x246.google.com");
	check_clause(2, "dmarc", AUTH_PASS, "pass");
	check_comment(2, "p=QUARANTINE sp=QUARANTINE dis=NONE");
	check_prop(2, "header", "from", "googlemail.com");
}
END_TEST

/* ham/ham_sisimai_bounces/bsd/lhost-mailru-05.eml: bare auth=pass smtp.auth=user */
START_TEST(real_mailru_auth)
{
	parse_ok("f374.i.mail.ru; auth=pass smtp.auth=mailer-daemon@corp.mail.ru "
	    "smtp.mailfrom=mailer-daemon@corp.mail.ru", 0);
	check_id("f374.i.mail.ru");
	ck_assert_uint_eq(h.nclauses, 1);
	check_clause(0, "auth", AUTH_PASS, "pass");
	check_prop(0, "smtp", "auth", "mailer-daemon@corp.mail.ru");
	check_prop(0, "smtp", "mailfrom", "mailer-daemon@corp.mail.ru");
}
END_TEST

/* ham/ham_sisimai_bounces/bsd/rhost-facebook-03.eml */
START_TEST(real_sender_id)
{
	parse_ok("mx.example.jp; sender-id=none header.from=mailer-daemon@mx.facebook.com", 0);
	check_id("mx.example.jp");
	ck_assert_uint_eq(h.nclauses, 1);
	check_clause(0, "sender-id", AUTH_NONE, "none");
	check_prop(0, "header", "from", "mailer-daemon@mx.facebook.com");
}
END_TEST

/* ham/ham_sisimai_bounces/bsd/rhost-outlook-02.eml: ';' inside a comment, x- style method */
START_TEST(real_outlook_semicolon_in_comment)
{
	parse_ok("outlook.example.com; spf=none (sender IP is 65.55.116.81; identity alignment "
	    "result is pass and alignment mode is relaxed) smtp.helo=BLU004-OMC3S6.outlook.example.com; "
	    "dkim=none (identity alignment result is pass and alignment mode is relaxed) "
	    "header.d=mail.outlook.example.com; x-hmca=none "
	    "header.id=postmaster@mail.outlook.example.com\r", 0);
	check_id("outlook.example.com");
	ck_assert_uint_eq(h.nclauses, 3);
	check_clause(0, "spf", AUTH_NONE, "none");
	check_comment(0, "sender IP is 65.55.116.81; identity alignment result is pass "
	    "and alignment mode is relaxed");
	check_prop(0, "smtp", "helo", "BLU004-OMC3S6.outlook.example.com");
	check_clause(1, "dkim", AUTH_NONE, "none");
	check_prop(1, "header", "d", "mail.outlook.example.com");
	check_clause(2, "x-hmca", AUTH_NONE, "none");
	check_prop(2, "header", "id", "postmaster@mail.outlook.example.com");
}
END_TEST

/* ham/ham_sisimai_bounces/bsd/lhost-gmail-04.eml: empty property values */
START_TEST(real_gmail_empty_values)
{
	parse_ok("mr.google.com; spf=pass (google.com: domain of  designates 10.68.220.169 "
	    "as permitted sender) smtp.mail=; dkim=pass header.i=", 0);
	check_id("mr.google.com");
	ck_assert_uint_eq(h.nclauses, 2);
	check_clause(0, "spf", AUTH_PASS, "pass");
	check_comment(0, "google.com: domain of designates 10.68.220.169 as permitted sender");
	check_prop(0, "smtp", "mail", "");
	check_clause(1, "dkim", AUTH_PASS, "pass");
	check_prop(1, "header", "i", "");
}
END_TEST

/* ham/ham_sisimai_bounces/bsd/lhost-googleworkspace-01.eml */
START_TEST(real_google_arc)
{
	parse_ok("i=1; mx.google.com;\n"
	    "       dkim=pass header.i=@googlemail.com header.s=20210112 header.b=PqBP51+l;\n"
	    "       spf=none (google.com: mail-sor-f69.google.com does not designate permitted "
	    "sender hosts) smtp.helo=mail-sor-f69.google.com;\n"
	    "       dmarc=pass (p=QUARANTINE sp=QUARANTINE dis=NONE) header.from=googlemail.com", 1);
	ck_assert_int_eq(h.instance, 1);
	check_id("mx.google.com");
	ck_assert_uint_eq(h.nclauses, 3);
	check_clause(0, "dkim", AUTH_PASS, "pass");
	check_prop(0, "header", "i", "@googlemail.com");
	check_prop(0, "header", "s", "20210112");
	check_prop(0, "header", "b", "PqBP51+l");
	check_clause(1, "spf", AUTH_NONE, "none");
	check_prop(1, "smtp", "helo", "mail-sor-f69.google.com");
	check_clause(2, "dmarc", AUTH_PASS, "pass");
	check_prop(2, "header", "from", "googlemail.com");
}
END_TEST

/* ham/ham_sisimai_bounces/bsd/lhost-amazonses-19.eml: Yahoo's legacy "id  from=domain;" form */
START_TEST(real_yahoo_legacy)
{
	parse_ok("mta1001.biz.mail.sg3.yahoo.com  from=amazonses.com; domainkeys=neutral (no sig);"
	    "  from=amazonses.com; dkim=neutral (no sig)", 0);
	check_id("mta1001.biz.mail.sg3.yahoo.com");
	ck_assert_uint_eq(h.nclauses, 4);
	check_clause(0, "from", AUTH_OTHER, "amazonses.com");
	check_clause(1, "domainkeys", AUTH_NEUTRAL, "neutral");
	check_comment(1, "no sig");
	check_clause(3, "dkim", AUTH_NEUTRAL, "neutral");
	check_comment(3, "no sig");
}
END_TEST

/* torture/sisimai/maildir_dos/lhost-yahoo-01.eml: a property after the clause's ';' */
START_TEST(real_yahoo_trailing_property)
{
	parse_ok("mta508.mail.kks.y.example.co.jp  from=y.example.co.jp; domainkeys=pass (ok); "
	    "dkim=pass (ok); header.i=@y.example.co.jp", 0);
	check_id("mta508.mail.kks.y.example.co.jp");
	ck_assert_uint_eq(h.nclauses, 3);
	check_clause(2, "dkim", AUTH_PASS, "pass");
	check_prop(2, "header", "i", "@y.example.co.jp");
}
END_TEST

/* ham/ham_sisimai_bounces/bsd/lhost-amazonses-11.eml */
START_TEST(real_google_dkim_neutral)
{
	parse_ok("mx.google.com;\n"
	    "       dkim=neutral (body hash did not verify) header.i=@amazonses.com;\n"
	    "       spf=fail (google.com: domain of 01010158992beedd-7d62a0c4-97e7-40d9-8bd9-"
	    "8df84f891f1a-000000@us-west-2.amazonses.com does not designate 192.0.2.222 as "
	    "permitted sender) smtp.mailfrom=01010158992beedd-7d62a0c4-97e7-40d9-8bd9-8df84f891f1a-"
	    "000000@us-west-2.amazonses.com", 0);
	ck_assert_uint_eq(h.nclauses, 2);
	check_clause(0, "dkim", AUTH_NEUTRAL, "neutral");
	check_comment(0, "body hash did not verify");
	check_prop(0, "header", "i", "@amazonses.com");
	check_clause(1, "spf", AUTH_FAIL, "fail");
	check_prop(1, "smtp", "mailfrom",
	    "01010158992beedd-7d62a0c4-97e7-40d9-8bd9-8df84f891f1a-000000@us-west-2.amazonses.com");
	authres_free(&h);

	/* the second header of the same message */
	parse_ok("aneyakoji.example.jp; sender-id=none header.from=no-reply@sns.amazonaws.com; "
	    "spf=pass smtp.mfrom=01010158992beedd-7d62a0c4-97e7-40d9-8bd9-8df84f891f1a-"
	    "000000@us-west-2.amazonses.com", 0);
	check_id("aneyakoji.example.jp");
	ck_assert_uint_eq(h.nclauses, 2);
	check_prop(0, "header", "from", "no-reply@sns.amazonaws.com");
	check_clause(1, "spf", AUTH_PASS, "pass");
}
END_TEST

/* ham/ham_sisimai_bounces/bsd/lhost-office365-07.eml: Exchange, no authserv-id, stray ids */
START_TEST(real_office365_no_authserv_id)
{
	parse_ok("spf=pass (sender IP is 104.47.126.237)\n"
	    " smtp.helo=APC01-PU1-obe.outbound.protection.outlook.com; outlook.com;\n"
	    " dkim=none (message not signed) header.d=none;outlook.com; dmarc=pass\n"
	    " action=none header.from=outlook.com;", 0);
	check_id(NULL);
	ck_assert_uint_eq(h.nclauses, 3);
	check_clause(0, "spf", AUTH_PASS, "pass");
	check_comment(0, "sender IP is 104.47.126.237");
	check_prop(0, "smtp", "helo", "APC01-PU1-obe.outbound.protection.outlook.com");
	check_clause(1, "dkim", AUTH_NONE, "none");
	check_comment(1, "message not signed");
	check_prop(1, "header", "d", "none");
	check_clause(2, "dmarc", AUTH_PASS, "pass");
	check_prop(2, "", "action", "none");
	check_prop(2, "header", "from", "outlook.com");
}
END_TEST

/* ham/ham_sisimai_bounces/bsd/rhost-google-06.eml: no space after the colon, arc= method */
START_TEST(real_arc_no_space)
{
	parse_ok("i=1; mx4.example.jp; dmarc=none (p=none dis=none) header.from=mail1.example.org; "
	    "spf=none smtp.helo=mail1.example.org; arc=none smtp.client-ip=192.0.2.202", 1);
	ck_assert_int_eq(h.instance, 1);
	check_id("mx4.example.jp");
	ck_assert_uint_eq(h.nclauses, 3);
	check_clause(0, "dmarc", AUTH_NONE, "none");
	check_comment(0, "p=none dis=none");
	check_prop(0, "header", "from", "mail1.example.org");
	check_clause(1, "spf", AUTH_NONE, "none");
	check_clause(2, "arc", AUTH_NONE, "none");
	check_prop(2, "smtp", "client-ip", "192.0.2.202");
}
END_TEST

/* ham/ham_sisimai_bounces/bsd/lhost-sendmail-55.eml and rhost-microsoft-03.eml */
START_TEST(real_empty_comment_and_null_sender)
{
	parse_ok("mxs.mail.ru; spf=none () smtp.helo=nijo.example.jp", 0);
	check_clause(0, "spf", AUTH_NONE, "none");
	check_comment(0, "");
	check_prop(0, "smtp", "helo", "nijo.example.jp");
	authres_free(&h);

	parse_ok("spf=none (sender IP is ) smtp.mailfrom=<>; ", 0);
	check_id(NULL);
	ck_assert_uint_eq(h.nclauses, 1);
	check_comment(0, "sender IP is");
	check_prop(0, "smtp", "mailfrom", "<>");
}
END_TEST

/* ham/ham_sisimai_bounces/bsd/lhost-dragonfly-27.eml: CRLF, no space after the colon */
START_TEST(real_permerror)
{
	parse_ok("email.example.org; dkim=permerror (bad message/signature format)\r", 0);
	check_id("email.example.org");
	ck_assert_uint_eq(h.nclauses, 1);
	check_clause(0, "dkim", AUTH_PERMERROR, "permerror");
	check_comment(0, "bad message/signature format");
}
END_TEST

/* torture/notmuch/broken/empty-part */
START_TEST(real_arc_none)
{
	parse_ok("i=1;\n\tmx1.freebsd.org;\n\tnone", 1);
	ck_assert_int_eq(h.instance, 1);
	check_id("mx1.freebsd.org");
	ck_assert_int_eq(h.none, 1);
	ck_assert_uint_eq(h.nclauses, 0);
}
END_TEST

/* torture/notmuch/indexing/PATCH-1-2-system_data_types.7-srcfix.txt:2,S: quoted header.b */
START_TEST(real_kernel_quoted_b)
{
	parse_ok("mail.kernel.org;\n\tdkim=pass (2048-bit key) header.d=gmail.com "
	    "header.i=@gmail.com header.b=\"Osm9Pn67\"", 0);
	check_id("mail.kernel.org");
	check_clause(0, "dkim", AUTH_PASS, "pass");
	check_comment(0, "2048-bit key");
	check_prop(0, "header", "d", "gmail.com");
	check_prop(0, "header", "i", "@gmail.com");
	check_prop(0, "header", "b", "Osm9Pn67");
}
END_TEST

/* torture/spamassassin_dkim/arc/ok01.eml: a property before any method, ';' in a comment */
START_TEST(real_spamassassin_property_first)
{
	parse_ok("sa-test.spamassassin.org; header.From=test@sa-test.spamassassin.org; dkim=pass (\n"
	    "        message from spamassassin.org verified; );", 0);
	check_id("sa-test.spamassassin.org");
	ck_assert_uint_eq(h.nclauses, 1);
	check_clause(0, "dkim", AUTH_PASS, "pass");
	check_comment(0, "message from spamassassin.org verified;");
	check_prop(0, "header", "from", "test@sa-test.spamassassin.org");
}
END_TEST

/* torture/eml_analyzer/invalid_datetime.eml: quoted values with '=' and parens, quoted comments */
START_TEST(real_migadu_quoted)
{
	parse_ok("i=2;\n\taspmx1.migadu.com;\n"
	    "\tdkim=pass header.d=rolo-sistemi.si header.s=s1 header.b=SMzMUQlo;\n"
	    "\tdkim=fail (\"body hash did not verify\") header.d=godaddy.com header.s=drisfdc "
	    "header.b=W017rdNB;\n"
	    "\tdmarc=none;\n"
	    "\tspf=softfail (aspmx1.migadu.com: 185.201.19.200 is neither permitted nor denied by "
	    "domain of \"bounce+6162d2.05fa3-xxx=xxxxx.xxx@rolo-sistemi.si\") "
	    "smtp.mailfrom=\"bounce+6162d2.05fa3-xxx=xxxxx.xxx@rolo-sistemi.si\";\n"
	    "\tarc=reject (\"signature check failed: fail, {[1] = sig:google.com:reject}\")", 1);
	ck_assert_int_eq(h.instance, 2);
	check_id("aspmx1.migadu.com");
	ck_assert_uint_eq(h.nclauses, 5);
	check_clause(0, "dkim", AUTH_PASS, "pass");
	check_prop(0, "header", "d", "rolo-sistemi.si");
	check_prop(0, "header", "s", "s1");
	check_clause(1, "dkim", AUTH_FAIL, "fail");
	check_comment(1, "\"body hash did not verify\"");
	check_prop(1, "header", "d", "godaddy.com");
	check_clause(2, "dmarc", AUTH_NONE, "none");
	ck_assert_uint_eq(clause(2)->nprops, 0);
	check_clause(3, "spf", AUTH_SOFTFAIL, "softfail");
	check_prop(3, "smtp", "mailfrom", "bounce+6162d2.05fa3-xxx=xxxxx.xxx@rolo-sistemi.si");
	check_clause(4, "arc", AUTH_OTHER, "reject");
	check_comment(4, "\"signature check failed: fail, {[1] = sig:google.com:reject}\"");
	authres_free(&h);

	/* same file: two leading spaces, an address with two '@' */
	parse_ok(" antispamcloud.com; spf=pass smtp.mailfrom=bounce+6162d2.05fa3-xxx@xxxxxx.xxx@"
	    "rolo-sistemi.si; dkim=pass header.i=rolo-sistemi.si; dkim=fail (bodyhash_mismatch) "
	    "header.i=godaddy.com", 0);
	check_id("antispamcloud.com");
	ck_assert_uint_eq(h.nclauses, 3);
	check_prop(0, "smtp", "mailfrom", "bounce+6162d2.05fa3-xxx@xxxxxx.xxx@rolo-sistemi.si");
	check_prop(1, "header", "i", "rolo-sistemi.si");
	check_clause(2, "dkim", AUTH_FAIL, "fail");
	check_prop(2, "header", "i", "godaddy.com");
}
END_TEST

/* torture/rspamd/arcallow.eml: authserv-id version, results without properties */
START_TEST(real_microsoft_arc_version)
{
	parse_ok("i=1; mx.microsoft.com 1; spf=none; dmarc=none; dkim=none; arc=none", 1);
	ck_assert_int_eq(h.instance, 1);
	check_id("mx.microsoft.com");
	ck_assert_int_eq(h.version, 1);
	ck_assert_uint_eq(h.nclauses, 4);
	check_clause(0, "spf", AUTH_NONE, "none");
	check_clause(3, "arc", AUTH_NONE, "none");
	authres_free(&h);

	/* same file */
	parse_ok("mx.google.com;\n"
	    "       dkim=pass header.i=@outlook.com header.s=selector1 header.b=CjJhz37G;\n"
	    "       arc=pass (i=1);\n"
	    "       spf=pass (google.com: domain of testcpsf@outlook.com designates 40.92.74.29 as "
	    "permitted sender) smtp.mailfrom=testcpsf@outlook.com;\n"
	    "       dmarc=pass (p=NONE sp=QUARANTINE dis=NONE) header.from=outlook.com", 0);
	ck_assert_uint_eq(h.nclauses, 4);
	check_clause(1, "arc", AUTH_PASS, "pass");
	check_comment(1, "i=1");
	check_prop(2, "smtp", "mailfrom", "testcpsf@outlook.com");
	check_prop(3, "header", "from", "outlook.com");
}
END_TEST

/* torture/rspamd/arcbad.eml: quoted reason with parens, comment after the property */
START_TEST(real_rspamd_reason)
{
	parse_ok("mail.highsecure.ru;\n"
	    "\tdkim=pass header.d=freebsd.org header.s=dkim header.b=H7pb97c0;\n"
	    "\tdkim=fail (body hash did not verify) header.d=outlook.com header.s=selector1 "
	    "header.b=LWxzK+W8;\n"
	    "\tdmarc=fail reason=\"SPF not aligned (relaxed), DKIM not aligned (relaxed)\" "
	    "header.from=outlook.com (policy=none);\n"
	    "\tspf=pass (mail.highsecure.ru: domain of owner-freebsd-test@freebsd.org designates "
	    "96.47.72.81 as permitted sender) smtp.mailfrom=owner-freebsd-test@freebsd.org", 0);
	check_id("mail.highsecure.ru");
	ck_assert_uint_eq(h.nclauses, 4);
	check_prop(0, "header", "d", "freebsd.org");
	check_clause(1, "dkim", AUTH_FAIL, "fail");
	check_prop(1, "header", "b", "LWxzK+W8");
	check_clause(2, "dmarc", AUTH_FAIL, "fail");
	ck_assert_str_eq(clause(2)->reason, "SPF not aligned (relaxed), DKIM not aligned (relaxed)");
	check_prop(2, "header", "from", "outlook.com");
	check_comment(2, NULL);
	check_clause(3, "spf", AUTH_PASS, "pass");
	check_prop(3, "smtp", "mailfrom", "owner-freebsd-test@freebsd.org");
	authres_free(&h);

	/* same file, the ARC set from mx1.freebsd.org */
	parse_ok("i=1; mx.microsoft.com 1; spf=none; dmarc=none;\n dkim=none; arc=none", 1);
	ck_assert_uint_eq(h.nclauses, 4);
	check_clause(2, "dkim", AUTH_NONE, "none");
}
END_TEST

/* torture/rspamd/dmarc/good_dkim_highsecure.eml */
START_TEST(real_rspamd_auth)
{
	parse_ok("mail.highsecure.ru;\n\tauth=pass smtp.auth=vsevolod@highsecure.ru "
	    "smtp.mailfrom=vsevolod@highsecure.ru", 0);
	check_id("mail.highsecure.ru");
	check_clause(0, "auth", AUTH_PASS, "pass");
	check_prop(0, "smtp", "auth", "vsevolod@highsecure.ru");
	check_prop(0, "smtp", "mailfrom", "vsevolod@highsecure.ru");
	authres_free(&h);

	/* same file: a quoted header.b containing '/' */
	parse_ok("mx.google.com;\n"
	    "       dkim=pass header.i=@highsecure.ru header.s=dkim header.b=\"oVxOH/NU\";\n"
	    "       spf=pass (google.com: domain of vsevolod@highsecure.ru designates 88.99.142.95 "
	    "as permitted sender) smtp.mailfrom=vsevolod@highsecure.ru", 0);
	check_prop(0, "header", "b", "oVxOH/NU");
	check_prop(1, "smtp", "mailfrom", "vsevolod@highsecure.ru");
}
END_TEST

/* torture/eml_analyzer/emails/plain_emails/basic_email.eml: old Google smtp.mail */
START_TEST(real_google_smtp_mail)
{
	parse_ok("mx.google.com; spf=neutral (google.com: 203.12.160.161 is neither permitted nor "
	    "denied by domain of test@lindsaar.net) smtp.mail=test@lindsaar.net", 0);
	check_id("mx.google.com");
	check_clause(0, "spf", AUTH_NEUTRAL, "neutral");
	check_prop(0, "smtp", "mail", "test@lindsaar.net");
}
END_TEST

/* seeds/Maildir/cur/1771568541.M303P6161.*: folded comment, DMARC policy comment */
START_TEST(real_seed_ana)
{
	parse_ok("mx.example.com; spf=fail (domain of kmnkw.cn does not\n"
	    "\tdesignate 101.47.76.36 as permitted sender) smtp.mailfrom=reportqsevxnk@kmnkw.cn;\n"
	    "\tdkim=fail (signature verification failed) header.d=kmnkw.cn;\n"
	    "\tdmarc=fail (p=NONE) header.from=kmnkw.cn", 0);
	check_id("mx.example.com");
	ck_assert_uint_eq(h.nclauses, 3);
	check_clause(0, "spf", AUTH_FAIL, "fail");
	check_comment(0, "domain of kmnkw.cn does not designate 101.47.76.36 as permitted sender");
	check_prop(0, "smtp", "mailfrom", "reportqsevxnk@kmnkw.cn");
	check_clause(1, "dkim", AUTH_FAIL, "fail");
	check_prop(1, "header", "d", "kmnkw.cn");
	check_clause(2, "dmarc", AUTH_FAIL, "fail");
	check_comment(2, "p=NONE");
	check_prop(2, "header", "from", "kmnkw.cn");
}
END_TEST

/* seeds/Maildir/cur/1764487212.M505P8181.* and 1770309790.M101P4242.* */
START_TEST(real_seed_amex)
{
	parse_ok("mx.example.com; spf=softfail smtp.mailfrom=gtjipqj@xdsndkpbg.com;\n"
	    "\tdkim=none; dmarc=fail (p=REJECT) header.from=auccwallt.top", 0);
	ck_assert_uint_eq(h.nclauses, 3);
	check_clause(0, "spf", AUTH_SOFTFAIL, "softfail");
	check_prop(0, "smtp", "mailfrom", "gtjipqj@xdsndkpbg.com");
	check_clause(1, "dkim", AUTH_NONE, "none");
	check_clause(2, "dmarc", AUTH_FAIL, "fail");
	check_comment(2, "p=REJECT");
	check_prop(2, "header", "from", "auccwallt.top");
	authres_free(&h);

	parse_ok("mx.example.com; spf=none smtp.mailfrom=jfmmfn.cn;\n"
	    "\tdkim=none; dmarc=none header.from=jfmmfn.cn", 0);
	ck_assert_uint_eq(h.nclauses, 3);
	check_prop(0, "smtp", "mailfrom", "jfmmfn.cn");
	check_prop(2, "header", "from", "jfmmfn.cn");
}
END_TEST

/* seeds/Maildir/cur/1639558840.M404P7171.*: Google ARC with p=NONE */
START_TEST(real_seed_smartalk)
{
	parse_ok("i=1; mx.google.com;\n"
	    "       dkim=pass header.i=@comm.rakuten.co.jp header.s=fusion header.b=Ab3dEf9h;\n"
	    "       spf=pass (google.com: domain of z-fusion-xfb6x7-0-4zs-007ymg0123gmail.com@"
	    "bma.mpse.jp designates 106.185.101.209 as permitted sender) "
	    "smtp.mailfrom=z-fusion-xfb6x7-0-4zs-007ymg0123gmail.com@bma.mpse.jp;\n"
	    "       dmarc=pass (p=NONE sp=NONE dis=NONE) header.from=comm.rakuten.co.jp", 1);
	ck_assert_int_eq(h.instance, 1);
	check_id("mx.google.com");
	check_prop(0, "header", "i", "@comm.rakuten.co.jp");
	check_prop(0, "header", "s", "fusion");
	check_prop(0, "header", "b", "Ab3dEf9h");
	check_prop(1, "smtp", "mailfrom", "z-fusion-xfb6x7-0-4zs-007ymg0123gmail.com@bma.mpse.jp");
	check_clause(2, "dmarc", AUTH_PASS, "pass");
	check_comment(2, "p=NONE sp=NONE dis=NONE");
	check_prop(2, "header", "from", "comm.rakuten.co.jp");
}
END_TEST

/* ---- written-out breakage ---- */

/* Exchange Online shape (as seen in phishing mail), example domains and IPs. */
START_TEST(exchange_online)
{
	parse_ok("spf=temperror (sender IP is 192.0.2.4) smtp.mailfrom=example.com; dkim=none "
	    "(message not signed) header.d=none;dmarc=temperror action=none "
	    "header.from=example.com.br;compauth=fail reason=001", 0);
	check_id(NULL);
	ck_assert_int_eq(h.version, 1);
	ck_assert_uint_eq(h.nclauses, 4);
	check_clause(0, "spf", AUTH_TEMPERROR, "temperror");
	check_comment(0, "sender IP is 192.0.2.4");
	check_prop(0, "smtp", "mailfrom", "example.com");
	check_clause(1, "dkim", AUTH_NONE, "none");
	check_prop(1, "header", "d", "none");
	check_clause(2, "dmarc", AUTH_TEMPERROR, "temperror");
	check_prop(2, "", "action", "none");
	check_prop(2, "header", "from", "example.com.br");
	check_clause(3, "compauth", AUTH_FAIL, "fail");
	ck_assert_str_eq(clause(3)->reason, "001");
	ck_assert_uint_eq(clause(3)->nprops, 0);
}
END_TEST

START_TEST(missing_semicolons)
{
	parse_ok("mx.example.org spf=pass smtp.mailfrom=a@example.com dkim=pass header.d=example.com "
	    "header.s=sel dmarc=pass header.from=example.com", 0);
	check_id("mx.example.org");
	ck_assert_uint_eq(h.nclauses, 3);
	check_prop(0, "smtp", "mailfrom", "a@example.com");
	check_prop(1, "header", "d", "example.com");
	check_prop(1, "header", "s", "sel");
	check_prop(2, "header", "from", "example.com");
}
END_TEST

START_TEST(nested_comments)
{
	parse_ok("mx.example.org; spf=fail (domain of example.com (really; truly) does not "
	    "designate 192.0.2.36 as permitted sender) smtp.mailfrom=x@example.com; dkim=pass", 0);
	ck_assert_uint_eq(h.nclauses, 2);
	check_comment(0, "domain of example.com (really; truly) does not designate 192.0.2.36 "
	    "as permitted sender");
	check_prop(0, "smtp", "mailfrom", "x@example.com");
	check_clause(1, "dkim", AUTH_PASS, "pass");
}
END_TEST

START_TEST(upper_case_and_versions)
{
	parse_ok("MX.Example.ORG 2; SPF=PASS Smtp.MailFrom=Bob@Example.COM; "
	    "DKIM/1=Fail header.D=Example.COM; X-Custom=TempErr; foo=PermErr; "
	    "spf=HardFail; dmarc=policy policy.dmarc=reject", 0);
	check_id("MX.Example.ORG");
	ck_assert_int_eq(h.version, 2);
	ck_assert_uint_eq(h.nclauses, 6);
	check_clause(0, "spf", AUTH_PASS, "pass");
	check_prop(0, "smtp", "mailfrom", "Bob@Example.COM");
	check_clause(1, "dkim", AUTH_FAIL, "fail");
	check_prop(1, "header", "d", "Example.COM");
	check_clause(2, "x-custom", AUTH_TEMPERROR, "temperr");
	check_clause(3, "foo", AUTH_PERMERROR, "permerr");
	check_clause(4, "spf", AUTH_FAIL, "hardfail");
	check_clause(5, "dmarc", AUTH_POLICY, "policy");
	check_prop(5, "policy", "dmarc", "reject");
}
END_TEST

START_TEST(quoted_values)
{
	parse_ok("\"mx.example.org\"; spf=pass smtp.mailfrom=\"john doe\"@example.com "
	    "reason=\"a \\\"quoted\\\" reason\"; dkim = pass header.i = @example.com", 0);
	check_id("mx.example.org");
	ck_assert_uint_eq(h.nclauses, 2);
	check_prop(0, "smtp", "mailfrom", "john doe@example.com");
	ck_assert_str_eq(clause(0)->reason, "a \"quoted\" reason");
	check_clause(1, "dkim", AUTH_PASS, "pass");
	check_prop(1, "header", "i", "@example.com");
}
END_TEST

START_TEST(bare_none_value)
{
	parse_ok("none", 0);
	check_id(NULL);
	ck_assert_int_eq(h.none, 1);
	ck_assert_uint_eq(h.nclauses, 0);
	authres_free(&h);

	parse_ok("example.org; none", 0);
	check_id("example.org");
	ck_assert_int_eq(h.none, 1);
}
END_TEST

START_TEST(garbage)
{
	static const char *const inputs[] = {
		"(", ")", "=", ";", "\"", "\\", "((((((", "a=", "=b", ".=.", "a/=b", "a . = b",
		"x; (unterminated", "x; spf=\"unterminated", "x; spf=pass smtp.", "x; spf=pass smtp.=y",
		"x; spf = ", "x;;;;;", "x; @@@ ### spf=pass", "i=", "i=1", "i=1;", "\r\n\t ",
		"x; dkim=pass header.b=abc= header.d=example.com", "x; spf=\\", "x; (a\\",
	};
	char *cause;

	for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
		for (int arc = 0; arc < 2; arc++) {
			cause = NULL;
			if (authres_parse(inputs[i], arc, &h, &cause) == 0)
				ck_assert_ptr_null(cause);
			else
				ck_assert_ptr_nonnull(cause);
			for (size_t j = 0; j < h.nclauses; j++) {
				ck_assert_ptr_nonnull(h.clauses[j].method);
				ck_assert_ptr_nonnull(h.clauses[j].result_str);
			}
			authres_free(&h);
			free(cause);
		}
	}
	parse_ok("x; dkim=pass header.b=abc= header.d=example.com", 0);
	check_prop(0, "header", "b", "abc=");
	check_prop(0, "header", "d", "example.com");
	authres_free(&h);
	parse_ok("x; spf= smtp.mailfrom=a@example.com", 0);
	check_clause(0, "spf", AUTH_UNKNOWN, "");
	check_prop(0, "smtp", "mailfrom", "a@example.com");
	authres_free(&h);
	cause = NULL;
	ck_assert_int_eq(authres_parse(NULL, 0, &h, &cause), -1);
	free(cause);
}
END_TEST

START_TEST(large_value)
{
	size_t n = 1 << 20;
	char *big = xmalloc(n + 1);
	static const char unit[] = "dkim=pass (c (d)) header.d=example.com; ";

	for (size_t i = 0; i < n; i++)
		big[i] = unit[i % (sizeof unit - 1)];
	big[n] = '\0';
	parse_ok(big, 0);
	ck_assert_uint_gt(h.nclauses, 20000);
	authres_free(&h);

	memset(big, '(', n);
	{
		char *cause = NULL;
		ck_assert_int_eq(authres_parse(big, 0, &h, &cause), -1);
		free(cause);
	}
	free(big);
}
END_TEST

START_TEST(result_names)
{
	ck_assert_int_eq(authres_result_from_string("pass"), AUTH_PASS);
	ck_assert_int_eq(authres_result_from_string("FAIL"), AUTH_FAIL);
	ck_assert_int_eq(authres_result_from_string("hardfail"), AUTH_FAIL);
	ck_assert_int_eq(authres_result_from_string("SoftFail"), AUTH_SOFTFAIL);
	ck_assert_int_eq(authres_result_from_string("neutral"), AUTH_NEUTRAL);
	ck_assert_int_eq(authres_result_from_string("none"), AUTH_NONE);
	ck_assert_int_eq(authres_result_from_string("TempError"), AUTH_TEMPERROR);
	ck_assert_int_eq(authres_result_from_string("temperr"), AUTH_TEMPERROR);
	ck_assert_int_eq(authres_result_from_string("permerror"), AUTH_PERMERROR);
	ck_assert_int_eq(authres_result_from_string("PermErr"), AUTH_PERMERROR);
	ck_assert_int_eq(authres_result_from_string("policy"), AUTH_POLICY);
	ck_assert_int_eq(authres_result_from_string("bestguesspass"), AUTH_OTHER);
	ck_assert_int_eq(authres_result_from_string(""), AUTH_UNKNOWN);
	ck_assert_int_eq(authres_result_from_string(NULL), AUTH_UNKNOWN);
	ck_assert_str_eq(authres_result_name(AUTH_PASS), "pass");
	ck_assert_str_eq(authres_result_name(AUTH_TEMPERROR), "temperror");
	ck_assert_str_eq(authres_result_name(AUTH_UNKNOWN), "");
}
END_TEST

/* ---- Received-SPF ---- */

static struct received_spf spf;

static void
spf_ok(const char *value)
{
	char *cause = NULL;
	int rc = received_spf_parse(value, &spf, &cause);

	ck_assert_msg(rc == 0, "received_spf_parse failed: %s", cause ? cause : "?");
	ck_assert_ptr_null(cause);
}

static void
spf_teardown(void)
{
	received_spf_free(&spf);
}

static void
check_str(const char *got, const char *want)
{
	if (want == NULL)
		ck_assert_ptr_null(got);
	else {
		ck_assert_ptr_nonnull(got);
		ck_assert_str_eq(got, want);
	}
}

/* ham/ham_spamassassin_t_nice/spf3-received-spf: quoted envelope-from, receiver= */
START_TEST(spf_spamassassin)
{
	spf_ok("fail (dostech.ca: 69.61.78.188 is authorized to use\n"
	    " 'spamassassin@dostech.ca' in 'mfrom' identity (mechanism 'mx' matched))\n"
	    " receiver=FC5-VPC; identity=mfrom; envelope-from=\"spamassassin@dostech.ca\";\n"
	    " helo=smtp.dostech.net; client-ip=69.61.78.188");
	ck_assert_int_eq(spf.result, AUTH_FAIL);
	check_str(spf.result_str, "fail");
	check_str(spf.comment, "dostech.ca: 69.61.78.188 is authorized to use "
	    "'spamassassin@dostech.ca' in 'mfrom' identity (mechanism 'mx' matched)");
	check_str(spf.receiver, "FC5-VPC");
	check_str(spf.envelope_from, "spamassassin@dostech.ca");
	check_str(spf.helo, "smtp.dostech.net");
	check_str(spf.client_ip, "69.61.78.188");
	received_spf_free(&spf);

	/* same file: no key-value list, receiver from the comment */
	spf_ok("neutral (herse.apache.org: domain of spamassassin@dostech.ca\n"
	    " designates 69.61.78.188 as permitted sender)");
	ck_assert_int_eq(spf.result, AUTH_NEUTRAL);
	check_str(spf.receiver, "herse.apache.org");
	check_str(spf.client_ip, NULL);
}
END_TEST

/* ham/ham_sisimai_bounces/bsd/lhost-office365-07.eml: capitalised result */
START_TEST(spf_office365)
{
	spf_ok("Pass (protection.outlook.com: domain of\n"
	    " APC01-PU1-obe.outbound.protection.outlook.com designates 104.47.126.237 as\n"
	    " permitted sender) receiver=protection.outlook.com; client-ip=104.47.126.237;\n"
	    " helo=APC01-PU1-obe.outbound.protection.outlook.com;");
	ck_assert_int_eq(spf.result, AUTH_PASS);
	check_str(spf.result_str, "pass");
	check_str(spf.receiver, "protection.outlook.com");
	check_str(spf.client_ip, "104.47.126.237");
	check_str(spf.helo, "APC01-PU1-obe.outbound.protection.outlook.com");
	check_str(spf.envelope_from, NULL);
	received_spf_free(&spf);

	/* same file */
	spf_ok("None (protection.outlook.com:  does not designate permitted\n sender hosts)");
	ck_assert_int_eq(spf.result, AUTH_NONE);
	check_str(spf.comment, "protection.outlook.com: does not designate permitted sender hosts");
}
END_TEST

/* ham/ham_notmuch_lkml/cur/1382298805.004642:2, : "mx3" is no host name */
START_TEST(spf_lkml)
{
	spf_ok("neutral (mx3: 157.181.1.14 is neither permitted nor denied by domain of elte.hu) "
	    "client-ip=157.181.1.14; envelope-from=mingo@elte.hu; helo=elvis.elte.hu;");
	ck_assert_int_eq(spf.result, AUTH_NEUTRAL);
	check_str(spf.client_ip, "157.181.1.14");
	check_str(spf.envelope_from, "mingo@elte.hu");
	check_str(spf.helo, "elvis.elte.hu");
	check_str(spf.receiver, NULL);
}
END_TEST

/* torture/notmuch/duplicate/msg-3-1:2, : no comment, IPv6 */
START_TEST(spf_no_comment)
{
	spf_ok("pass client-ip=2607:f8f0:614:1::1274:39;\n"
	    " envelope-from=debbugs@buxtehude.debian.org; helo=buxtehude.debian.org");
	ck_assert_int_eq(spf.result, AUTH_PASS);
	check_str(spf.comment, NULL);
	check_str(spf.client_ip, "2607:f8f0:614:1::1274:39");
	check_str(spf.envelope_from, "debbugs@buxtehude.debian.org");
	check_str(spf.helo, "buxtehude.debian.org");
}
END_TEST

/* seeds/Maildir/cur/1771568541.M303P6161.*: "Fail", folded comment */
START_TEST(spf_seed)
{
	spf_ok("Fail (mx.example.com: domain of reportqsevxnk@kmnkw.cn does not\n"
	    "\tdesignate 101.47.76.36 as permitted sender) client-ip=101.47.76.36;");
	ck_assert_int_eq(spf.result, AUTH_FAIL);
	check_str(spf.result_str, "fail");
	check_str(spf.receiver, "mx.example.com");
	check_str(spf.client_ip, "101.47.76.36");
}
END_TEST

/* ham/ham_sisimai_bounces/bsd/lhost-amazonworkmail-07.eml and lhost-yahoo-05.eml, lhost-sendmail-55.eml */
START_TEST(spf_sisimai)
{
	spf_ok("none (spfCheck: 54.240.27.4 is neither permitted nor denied by\n"
	    " domain of a27-4.smtp-out.us-west-2.amazonses.com) client-ip=54.240.27.4;\n"
	    " envelope-from=postmaster@a27-4.smtp-out.us-west-2.amazonses.com;\n"
	    " helo=a27-4.smtp-out.us-west-2.amazonses.com;");
	ck_assert_int_eq(spf.result, AUTH_NONE);
	check_str(spf.receiver, NULL);
	check_str(spf.envelope_from, "postmaster@a27-4.smtp-out.us-west-2.amazonses.com");
	received_spf_free(&spf);

	spf_ok("none (domain of nm36-vm0.bullet.mail.ne1.yahoo.com does not designate "
	    "permitted sender hosts)\n bAMDMQ--");
	ck_assert_int_eq(spf.result, AUTH_NONE);
	check_str(spf.receiver, NULL);
	received_spf_free(&spf);

	spf_ok("none");
	ck_assert_int_eq(spf.result, AUTH_NONE);
	check_str(spf.comment, NULL);
}
END_TEST

START_TEST(spf_forms)
{
	char *cause = NULL;

	spf_ok("TempError (mx.example.org: error in processing during lookup of "
	    "a@example.com: DNS timeout) identity=mailfrom; client-ip=192.0.2.1; "
	    "helo=mail.example.com; envelope-from=a@example.com; receiver=<UNKNOWN>; "
	    "mechanism=default");
	ck_assert_int_eq(spf.result, AUTH_TEMPERROR);
	check_str(spf.result_str, "temperror");
	check_str(spf.receiver, "<UNKNOWN>");
	check_str(spf.envelope_from, "a@example.com");
	received_spf_free(&spf);

	spf_ok("SoftFail client-ip = 192.0.2.1 envelope-from = <> helo=");
	ck_assert_int_eq(spf.result, AUTH_SOFTFAIL);
	check_str(spf.client_ip, "192.0.2.1");
	check_str(spf.envelope_from, "<>");
	check_str(spf.helo, "");
	received_spf_free(&spf);

	/* no leading result: only a result= key will do */
	spf_ok("result=PermError; client-ip=192.0.2.1");
	ck_assert_int_eq(spf.result, AUTH_PERMERROR);
	received_spf_free(&spf);
	ck_assert_int_eq(received_spf_parse("client-ip=192.0.2.1", &spf, &cause), -1);
	ck_assert_ptr_nonnull(cause);
	free(cause);
	cause = NULL;
	ck_assert_int_eq(received_spf_parse("", &spf, &cause), -1);
	free(cause);
	cause = NULL;
	ck_assert_int_eq(received_spf_parse("(only a comment)", &spf, &cause), -1);
	free(cause);
	cause = NULL;
	ck_assert_int_eq(received_spf_parse(NULL, &spf, &cause), -1);
	free(cause);
}
END_TEST

/* ---- DKIM-Signature ---- */

/* ham/ham_sisimai_bounces/bsd/lhost-googlegroups-07.eml */
START_TEST(dkim_google)
{
	char *d = NULL, *s = NULL;

	ck_assert_int_eq(dkim_signature_tags("v=1; a=rsa-sha256; c=relaxed/relaxed;\n"
	    "        d=googlemail.com; s=20161025;\n"
	    "        h=mime-version:to:auto-submitted:message-id:date:from:subject\n"
	    "         :references:in-reply-to:content-transfer-encoding;\n"
	    "        bh=vbXV/rNhfCO/FbPqgwuco+8/kaEt9CAl19nnkOphAns=;\n"
	    "        b=ipyFudCrMoL21LF2zkDN/rX/RWG6Wpa56ZPF6jVZS0UFmi+iaQ5RMdJSBBp6RagYgM\n"
	    "         3U0Q==", &d, &s), 0);
	check_str(d, "googlemail.com");
	check_str(s, "20161025");
	free(d);
	free(s);
}
END_TEST

/* ham/ham_sisimai_bounces/bsd/lhost-receivingses-01.eml: s= before d=, tabs */
START_TEST(dkim_amazonses)
{
	char *d = NULL, *s = NULL;

	ck_assert_int_eq(dkim_signature_tags("v=1; a=rsa-sha256; q=dns/txt; c=relaxed/simple;\n"
	    "\ts=7v7vs6w47njt4pimodk5mmttbegzsi6n; d=amazonses.com; t=1443707338;\n"
	    "\th=Date:From:To:Message-ID:Subject:MIME-Version:Content-Type:Feedback-ID;\n"
	    "\tbh=roLoAT9MkFBLeTM7VSyVvNfTSXwV9vWdNiz6lMneggk=;\n"
	    "\tb=U3ppxKmrv4cvv78BNw7HO0sn0lpjPZKlTtyamrLRRPffmQsHdLGZ/jOVFevOnzOA\n"
	    "\tzbqH4fpWPYMa3OE77gdNpDvTAhF/lK5P4fkSEaz4=", &d, &s), 0);
	check_str(d, "amazonses.com");
	check_str(s, "7v7vs6w47njt4pimodk5mmttbegzsi6n");
	free(d);
	free(s);
}
END_TEST

START_TEST(dkim_folded_and_missing)
{
	char *d = NULL, *s = NULL;

	/* FWS anywhere, including inside the values (RFC 6376 §3.2) */
	ck_assert_int_eq(dkim_signature_tags("v=1;\r\n d\r\n\t= exam\r\n ple.\r\n com ;"
	    " s =\r\n sel\r\n 2024 ;b=abc", &d, &s), 0);
	check_str(d, "example.com");
	check_str(s, "sel2024");
	free(d);
	free(s);

	ck_assert_int_eq(dkim_signature_tags("v=1; a=rsa-sha256; b=abc", &d, &s), 0);
	check_str(d, NULL);
	check_str(s, NULL);

	ck_assert_int_eq(dkim_signature_tags("v=1; d=example.com; bh=x", &d, &s), 0);
	check_str(d, "example.com");
	check_str(s, NULL);
	free(d);

	/* empty values count as absent; no trailing ';' */
	ck_assert_int_eq(dkim_signature_tags("d=; s=sel", &d, &s), 0);
	check_str(d, NULL);
	check_str(s, "sel");
	free(s);

	/* tag names are case-sensitive: D= is not d= */
	ck_assert_int_eq(dkim_signature_tags("D=example.com; s=sel", &d, &s), 0);
	check_str(d, NULL);
	free(s);

	/* a duplicate tag invalidates the whole tag-list (§3.2) */
	ck_assert_int_eq(dkim_signature_tags("d=a.example; s=x; d=b.example", &d, &s), -1);
	check_str(d, NULL);
	check_str(s, NULL);

	ck_assert_int_eq(dkim_signature_tags("", &d, &s), -1);
	ck_assert_int_eq(dkim_signature_tags("no tags at all", &d, &s), -1);
	ck_assert_int_eq(dkim_signature_tags(NULL, &d, &s), -1);
	ck_assert_int_eq(dkim_signature_tags(";;;=;=", &d, &s), 0);
	check_str(d, NULL);

	/* either output may be NULL */
	ck_assert_int_eq(dkim_signature_tags("d=example.com; s=sel", NULL, &s), 0);
	check_str(s, "sel");
	free(s);
	ck_assert_int_eq(dkim_signature_tags("d=example.com; s=sel", &d, NULL), 0);
	check_str(d, "example.com");
	free(d);
}
END_TEST

static Suite *
authres_suite(void)
{
	Suite *s = suite_create("authres");
	TCase *tc;

	tc = tcase_create("rfc8601");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, rfc8601_b1_absent);
	tcase_add_test(tc, rfc8601_b2_none);
	tcase_add_test(tc, rfc8601_b3_spf);
	tcase_add_test(tc, rfc8601_b4_single_mta);
	tcase_add_test(tc, rfc8601_b5_different_mtas);
	tcase_add_test(tc, rfc8601_b6_multi_tiered);
	tcase_add_test(tc, rfc8601_b7_comment_heavy);
	tcase_add_test(tc, rfc8617_arc_results);
	suite_add_tcase(s, tc);

	tc = tcase_create("corpus");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, real_gsuite_helo);
	tcase_add_test(tc, real_mailru_auth);
	tcase_add_test(tc, real_sender_id);
	tcase_add_test(tc, real_outlook_semicolon_in_comment);
	tcase_add_test(tc, real_gmail_empty_values);
	tcase_add_test(tc, real_google_arc);
	tcase_add_test(tc, real_yahoo_legacy);
	tcase_add_test(tc, real_yahoo_trailing_property);
	tcase_add_test(tc, real_google_dkim_neutral);
	tcase_add_test(tc, real_office365_no_authserv_id);
	tcase_add_test(tc, real_arc_no_space);
	tcase_add_test(tc, real_empty_comment_and_null_sender);
	tcase_add_test(tc, real_permerror);
	tcase_add_test(tc, real_arc_none);
	tcase_add_test(tc, real_kernel_quoted_b);
	tcase_add_test(tc, real_spamassassin_property_first);
	tcase_add_test(tc, real_migadu_quoted);
	tcase_add_test(tc, real_microsoft_arc_version);
	tcase_add_test(tc, real_rspamd_reason);
	tcase_add_test(tc, real_rspamd_auth);
	tcase_add_test(tc, real_google_smtp_mail);
	tcase_add_test(tc, real_seed_ana);
	tcase_add_test(tc, real_seed_amex);
	tcase_add_test(tc, real_seed_smartalk);
	suite_add_tcase(s, tc);

	tc = tcase_create("breakage");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, exchange_online);
	tcase_add_test(tc, missing_semicolons);
	tcase_add_test(tc, nested_comments);
	tcase_add_test(tc, upper_case_and_versions);
	tcase_add_test(tc, quoted_values);
	tcase_add_test(tc, bare_none_value);
	tcase_add_test(tc, garbage);
	tcase_add_test(tc, large_value);
	tcase_add_test(tc, result_names);
	suite_add_tcase(s, tc);

	tc = tcase_create("received_spf");
	tcase_add_checked_fixture(tc, NULL, spf_teardown);
	tcase_add_test(tc, spf_spamassassin);
	tcase_add_test(tc, spf_office365);
	tcase_add_test(tc, spf_lkml);
	tcase_add_test(tc, spf_no_comment);
	tcase_add_test(tc, spf_seed);
	tcase_add_test(tc, spf_sisimai);
	tcase_add_test(tc, spf_forms);
	suite_add_tcase(s, tc);

	tc = tcase_create("dkim_signature");
	tcase_add_test(tc, dkim_google);
	tcase_add_test(tc, dkim_amazonses);
	tcase_add_test(tc, dkim_folded_and_missing);
	suite_add_tcase(s, tc);

	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(authres_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
