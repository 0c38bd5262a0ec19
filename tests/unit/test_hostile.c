/* test_hostile.c — hostile input: header floods, endless hop chains, things that are not files, C1 controls in JSON, salted and split bodies, deep HTML. */
#include "config.h"

#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "analyze.h"
#include "findings.h"
#include "html.h"
#include "html_same.h"
#include "message.h"
#include "report.h"
#include "settings.h"
#include "url.h"
#include "util.h"

/* A phishing seed: brand in the subject, SPF/DKIM/DMARC fail, a random display name. */
#define ANA TEST_CORPUS "/seeds/1771568541.M303P6161.mx.example.com,S=2048:2,"

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct buf b;
	char chunk[4096];
	size_t k;

	ck_assert_ptr_nonnull(f);
	buf_init(&b);
	buf_adds(&b, "");
	while ((k = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, k);
	fclose(f);
	*len = b.len;
	return buf_take(&b);
}

static struct report *
analyse(const char *data, size_t len)
{
	struct message *m;
	char *cause = NULL;

	ck_assert_int_eq(message_load_mem(data, len, "mem", &m, &cause), 0);
	return analyze_message(m, NULL);
}

static bool
has_notice(const struct report *r, const char *part)
{
	for (size_t i = 0; i < r->nnotices; i++)
		if (strstr(r->notices[i], part) != NULL)
			return true;
	return false;
}

/* The seed with text inserted before its line starting with 'before' (NULL: at the top). */
static char *
insert(const char *seed, const char *before, const char *text, size_t *len)
{
	const char *at = seed;
	struct buf b;

	if (before != NULL) {
		at = strstr(seed, before);
		ck_assert_ptr_nonnull(at);
	}
	buf_init(&b);
	buf_add(&b, seed, (size_t)(at - seed));
	buf_adds(&b, text);
	buf_adds(&b, at);
	*len = b.len;
	return buf_take(&b);
}

START_TEST(filler_headers_keep_the_evidence)
{
	size_t slen, len;
	char *seed = slurp(ANA, &slen), *msg;
	struct report *base, *r;
	struct buf fill;

	buf_init(&fill);
	for (int i = 0; i < 2000; i++)
		buf_addf(&fill, "X-Filler-%d: padding padding padding\n", i);
	/* all before Authentication-Results, Subject and From */
	msg = insert(seed, "Received: from filter.example.com", fill.s, &len);
	base = analyse(seed, slen);
	r = analyse(msg, len);
	ck_assert_int_eq(base->verdict, VERDICT_PHISHING);
	ck_assert_int_eq(r->verdict, base->verdict);
	ck_assert_int_ge(r->score, base->score);
	ck_assert_str_eq(r->subject, base->subject);
	ck_assert_str_eq(r->addr.from.addr, base->addr.from.addr);
	ck_assert_str_eq(r->addr.from.display, base->addr.from.display);
	ck_assert_int_eq(r->nhops, base->nhops);
	ck_assert(findings_has(&r->findings, F_AUTH_DMARC_FAIL));
	ck_assert(findings_has(&r->findings, F_FROM_BRAND_MISMATCH));
	/* the flood itself is evidence */
	ck_assert(findings_has(&r->findings, F_HEADER_OVERFLOW));
	ck_assert(!findings_has(&base->findings, F_HEADER_OVERFLOW));
	ck_assert_uint_gt(r->msg->nfields, MESSAGE_MAX_HEADERS);
	ck_assert(has_notice(r, "header fields"));
	report_free(base);
	report_free(r);
	free(msg);
	buf_free(&fill);
	free(seed);
}
END_TEST

START_TEST(filler_headers_after_the_cap_are_dropped)
{
	struct buf b;
	struct report *r;

	buf_init(&b);
	buf_adds(&b, "From: a@example.com\nSubject: first\n");
	for (int i = 0; i < 3000; i++)
		buf_addf(&b, "X-Filler-%d: x\n", i);
	/* a second Subject past the cap does not replace the first */
	buf_adds(&b, "Subject: second\nReply-To: z@example.net\n\nbody\n");
	r = analyse(b.s, b.len);
	ck_assert_str_eq(r->subject, "first");
	ck_assert_str_eq(message_hvalue(r->msg, "Reply-To"), "z@example.net");
	ck_assert_uint_eq(r->msg->nfields, 3004);
	ck_assert_uint_le(r->msg->nheaders, MESSAGE_MAX_HEADERS + MESSAGE_MAX_EVIDENCE);
	ck_assert(findings_has(&r->findings, F_HEADER_OVERFLOW));
	report_free(r);
	buf_free(&b);
}
END_TEST

START_TEST(a_header_flood_is_counted_not_parsed)
{
	struct buf b;
	struct report *r;

	buf_init(&b);
	for (int i = 0; i < 20000; i++)
		buf_addf(&b, "X-Filler-%d: padding\n", i);
	buf_adds(&b, "From: Bank <a@bank.example>\nSubject: after the flood\n\nbody\n");
	r = analyse(b.s, b.len);
	ck_assert_str_eq(r->subject, "after the flood");
	ck_assert_str_eq(r->addr.from.addr, "a@bank.example");
	ck_assert_uint_eq(r->msg->nfields, 20002);
	ck_assert(findings_has(&r->findings, F_HEADER_OVERFLOW));
	ck_assert(has_notice(r, "20002 header fields"));
	report_free(r);
	buf_free(&b);
}
END_TEST

START_TEST(five_thousand_hops_keep_the_top)
{
	size_t slen, len;
	char *seed = slurp(ANA, &slen), *msg;
	struct report *base, *r;
	struct buf hops;

	buf_init(&hops);
	/* forged hops below the receiving side's, as a sender would add them */
	for (int i = 0; i < 5000; i++)
		buf_addf(&hops, "Received: from relay%d.example.net (relay%d.example.net [198.51.100.%d])\n"
		    "\tby relay%d.example.net with ESMTP id %d; Fri, 20 Feb 2026 14:22:01 +0800\n",
		    i + 1, i + 1, i % 250 + 1, i, i);
	msg = insert(seed, "Authentication-Results:", hops.s, &len);
	base = analyse(seed, slen);
	r = analyse(msg, len);
	ck_assert_int_eq(r->verdict, base->verdict);
	ck_assert(findings_has(&r->findings, F_RECEIVED_OVERFLOW));
	ck_assert(!findings_has(&base->findings, F_RECEIVED_OVERFLOW));
	ck_assert_uint_eq(r->msg->nreceived, 5002);
	ck_assert_uint_eq(r->nhops, 100);
	/* the two hops next to the receiving side are the first two read */
	ck_assert_str_eq(message_header(r->msg, "Received")->raw, message_header(base->msg, "Received")->raw);
	ck_assert_str_eq(r->hops[1].ip, "101.47.76.36");
	ck_assert(has_notice(r, "4902 dropped"));
	report_free(base);
	report_free(r);
	free(msg);
	buf_free(&hops);
	free(seed);
}
END_TEST

/* ---- things that are not messages ---- */

static void
refused(const char *path, const char *why)
{
	struct message *m = NULL;
	char *cause = NULL;
	size_t size;

	ck_assert_int_eq(message_load_file(path, &m, &cause), -1);
	ck_assert_ptr_null(m);
	ck_assert_msg(strstr(cause, why) != NULL, "%s: %s", path, cause);
	ck_assert_ptr_null(strchr(cause, '\n'));
	free(cause);
	ck_assert_int_eq(message_open(path, 0, &size, &cause), -1);
	free(cause);
}

START_TEST(not_regular_files_are_refused)
{
	char dir[] = "/tmp/kensa-hostile.XXXXXX", *fifo, *link, *sock;
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int s;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	fifo = xasprintf("%s/fifo", dir);
	link = xasprintf("%s/link", dir);
	sock = xasprintf("%s/sock", dir);
	ck_assert_int_eq(mkfifo(fifo, 0600), 0);
	ck_assert_int_eq(symlink(fifo, link), 0);
	/* nobody writes to the FIFO: an open without O_NONBLOCK would wait for ever */
	refused(fifo, "FIFO");
	refused(link, "FIFO");
	refused(dir, "directory");
	refused("/dev/zero", "device");
	snprintf(sa.sun_path, sizeof sa.sun_path, "%s", sock);
	s = socket(AF_UNIX, SOCK_STREAM, 0);
	ck_assert_int_eq(bind(s, (struct sockaddr *)&sa, sizeof sa), 0);
	refused(sock, "socket");
	close(s);
	unlink(sock);
	unlink(link);
	unlink(fifo);
	rmdir(dir);
	free(fifo);
	free(link);
	free(sock);
}
END_TEST

START_TEST(streams_stop_at_the_cap)
{
	int p[2];
	char *data = NULL, *cause = NULL, chunk[8192];
	size_t len;
	pid_t pid;

	ck_assert_int_eq(pipe(p), 0);
	memset(chunk, 'y', sizeof chunk);
	if ((pid = fork()) == 0) {
		close(p[0]);
		while (write(p[1], chunk, sizeof chunk) > 0)   /* endless, until the reader goes */
			;
		_exit(0);
	}
	close(p[1]);
	ck_assert_int_eq(message_read_fd(p[0], 0, 100000, &data, &len, &cause), -1);
	ck_assert_ptr_null(data);
	ck_assert_ptr_nonnull(strstr(cause, "max_message_size"));
	free(cause);
	close(p[0]);
	/* and below the cap a stream is read whole */
	ck_assert_int_eq(pipe(p), 0);
	ck_assert_int_eq(write(p[1], "Subject: x\n\ny\n", 14), 14);
	close(p[1]);
	ck_assert_int_eq(message_read_fd(p[0], 0, 100000, &data, &len, &cause), 0);
	ck_assert_uint_eq(len, 14);
	ck_assert_str_eq(data, "Subject: x\n\ny\n");
	free(data);
	close(p[0]);
}
END_TEST

START_TEST(max_message_size_setting)
{
	struct settings s;

	settings_init(&s);
	ck_assert_uint_eq(s.max_message_size, 256u << 20);
	ck_assert_int_eq(settings_set(&s, "max_message_size", "1M"), 0);
	ck_assert_uint_eq(s.max_message_size, 1u << 20);
	ck_assert_int_eq(settings_set(&s, "max_message_size", "4096"), 0);
	ck_assert_uint_eq(s.max_message_size, 4096);
	ck_assert_int_eq(settings_set(&s, "max_message_size", "0"), -1);
	ck_assert_int_eq(settings_set(&s, "max_message_size", "-5"), -1);
	ck_assert_int_eq(settings_set(&s, "max_message_size", "12Q"), -1);
	ck_assert_uint_eq(s.max_message_size, 4096);
	settings_free(&s);
}
END_TEST

/* ---- output ---- */

START_TEST(json_escapes_c1_and_line_separators)
{
	/* U+009B (CSI), U+0085 (NEL), ESC, U+2028 in the display name, subject, link text and a file name */
	const char *msg =
	    "From: =?UTF-8?B?QmFua8KbMzFtwoUbWzJK4oCo?= <x@evil.example>\n"
	    "Subject: =?UTF-8?B?SGVsbG/CmzMxbcKFG1sySuKAqA==?=\n"
	    "MIME-Version: 1.0\n"
	    "Content-Type: multipart/mixed; boundary=BB\n\n"
	    "--BB\nContent-Type: text/plain; charset=utf-8\n\n"
	    "click\xc2\x9b\xc2\x85\x1b[2J\xe2\x80\xa8 http://evil.example/x\n"
	    "--BB\nContent-Type: application/octet-stream\n"
	    "Content-Disposition: attachment; filename*=utf-8''inv%C2%9B%C2%85%1B%E2%80%A8.exe\n\nAAAA\n--BB--\n";
	struct report *r = analyse(msg, strlen(msg));
	char *line = report_json_line(r), *cause = NULL;

	for (const char *p = line; *p != '\0'; p++) {
		ck_assert_msg(!((unsigned char)p[0] == 0xc2 && (unsigned char)p[1] >= 0x80 && (unsigned char)p[1] <= 0x9f),
		    "raw C1 control at byte %zu", (size_t)(p - line));
		ck_assert_msg(*p != 0x1b, "raw ESC");
		ck_assert_msg(!((unsigned char)p[0] == 0xe2 && (unsigned char)p[1] == 0x80 && (unsigned char)p[2] == 0xa8),
		    "raw U+2028");
	}
	ck_assert_ptr_nonnull(strstr(line, "\\u009b"));
	ck_assert_ptr_nonnull(strstr(line, "\\u0085"));
	ck_assert_ptr_nonnull(strstr(line, "\\u2028"));
	free(line);
	line = report_scan_error_line("cur/\xc2\x9b" "bad", "why\xe2\x80\xa9", 1);
	ck_assert_str_eq(line, "{\"file\":\"cur/\\u009bbad\",\"verdict\":\"error\",\"error\":\"why\\u2029\"}");
	free(line);
	free(cause);
	report_free(r);
}
END_TEST

/* ---- bodies ---- */

START_TEST(mixed_text_and_html_are_both_body)
{
	const char *msg =
	    "From: Shop <news@shop.example>\nSubject: hello\nMIME-Version: 1.0\n"
	    "Content-Type: multipart/mixed; boundary=XX\n\n"
	    "--XX\nContent-Type: text/plain; charset=utf-8\n\nPlain part http://plain.example/a here.\n"
	    "--XX\nContent-Type: text/html; charset=utf-8\n\n"
	    "<p>HTML part <a href=\"http://html-only.example/login\">sign in</a></p>\n--XX--\n";
	struct report *r = analyse(msg, strlen(msg));
	bool plain = false, html = false;

	ck_assert_ptr_nonnull(strstr(r->msg->body, "Plain part"));
	ck_assert_ptr_nonnull(strstr(r->msg->body, "HTML part"));
	ck_assert(strstr(r->msg->body, "Plain part") < strstr(r->msg->body, "HTML part"));
	for (size_t i = 0; i < r->nlinks; i++) {
		const struct link *l = &r->links[i];

		plain |= strcmp(l->href, "http://plain.example/a") == 0;
		html |= strcmp(l->href, "http://html-only.example/login") == 0;
		/* spans point at the link's text in the whole body */
		ck_assert_uint_le((size_t)l->end, r->msg->body_len);
	}
	ck_assert(plain && html);
	ck_assert_uint_eq(r->msg->nlinks, 1);
	ck_assert_int_eq(r->msg->links[0].number, 1);
	ck_assert(strncmp(r->msg->body + r->msg->links[0].start, "sign in", 7) == 0);
	report_free(r);
}
END_TEST

START_TEST(two_html_parts_number_links_on)
{
	const char *msg =
	    "From: a@example.com\nSubject: two\nMIME-Version: 1.0\n"
	    "Content-Type: multipart/mixed; boundary=XX\n\n"
	    "--XX\nContent-Type: text/html\n\n<a href=\"http://one.example/\">one</a>\n"
	    "--XX\nContent-Type: text/html\n\n<a href=\"http://two.example/\">two</a>\n--XX--\n";
	struct report *r = analyse(msg, strlen(msg));
	const struct message *m = r->msg;

	ck_assert_uint_eq(m->nlinks, 2);
	ck_assert_int_eq(m->links[1].number, 2);
	ck_assert(strncmp(m->body + m->links[1].start, "two", 3) == 0);
	ck_assert_ptr_nonnull(strstr(m->body, "two [2]"));
	report_free(r);
}
END_TEST

static char *
hidden_text(const struct message *m)
{
	struct buf b;

	buf_init(&b);
	buf_adds(&b, "");
	for (size_t i = 0; i < m->nhidden; i++) {
		buf_add(&b, m->body + m->hidden[i].start, m->hidden[i].end - m->hidden[i].start);
		buf_adds(&b, "|");
	}
	return buf_take(&b);
}

START_TEST(css_hidden_text_is_marked)
{
	const char *msg =
	    "From: a@example.com\nSubject: hi\nContent-Type: text/html; charset=utf-8\n\n"
	    "<p>shown one</p>"
	    "<div style=\"display:none\">salt a</div>"
	    "<p>shown two</p>"
	    "<span style=\"visibility: hidden\">salt b</span> <b>shown three</b>"
	    "<p style=\"font-size:0px\">salt c</p>"
	    "<p style=\"COLOR: #FFF\">salt d</p>"
	    "<table bgcolor=\"#000000\"><tr><td><font color=\"#ffffff\">white on black</font></td></tr></table>"
	    "<p style=\"opacity:0\">salt e</p>"
	    "<div style=\"max-height:0; overflow:hidden\">salt f</div>"
	    "<p style=\"color: red\">shown four</p>";
	struct message *m;
	char *cause = NULL, *h;

	ck_assert_int_eq(message_load_mem(msg, strlen(msg), "mem", &m, &cause), 0);
	h = hidden_text(m);
	ck_assert_str_eq(h, "salt a|salt b|salt c\n\nsalt d|salt e\n\nsalt f|");
	/* the hidden text stays in the body, where the spans say */
	ck_assert_ptr_nonnull(strstr(m->body, "white on black"));
	ck_assert_ptr_nonnull(strstr(m->body, "shown four"));
	free(h);
	message_free(m);
}
END_TEST

START_TEST(salted_text_is_a_finding_not_a_phrase)
{
	struct buf b;
	struct report *r;

	buf_init(&b);
	buf_adds(&b, "From: a@example.com\nSubject: news\nContent-Type: text/html; charset=utf-8\n\n"
	    "<p>Our spring newsletter is here.</p><div style=\"display:none\">");
	for (int i = 0; i < 40; i++)
		buf_adds(&b, "garden lettuce ");
	buf_adds(&b, "within 24 hours</div>");
	r = analyse(b.s, b.len);
	ck_assert(findings_has(&r->findings, F_HIDDEN_TEXT));
	/* the deadline wording is hidden: the reader never sees it */
	ck_assert(!findings_has(&r->findings, F_TEXT_URGENCY));
	report_free(r);
	buf_free(&b);
	/* the same shown is urgency, and nothing is hidden */
	buf_init(&b);
	buf_adds(&b, "From: a@example.com\nSubject: news\nContent-Type: text/html; charset=utf-8\n\n"
	    "<p>Our spring newsletter is here.</p><div>Pay within 24 hours</div>");
	r = analyse(b.s, b.len);
	ck_assert(!findings_has(&r->findings, F_HIDDEN_TEXT));
	ck_assert(findings_has(&r->findings, F_TEXT_URGENCY));
	report_free(r);
	buf_free(&b);
}
END_TEST

START_TEST(deep_html_is_cut_at_the_depth_cap)
{
	struct buf b;
	struct html_doc doc;
	const char *d;

	buf_init(&b);
	buf_adds(&b, "<p>top</p>");
	for (int i = 0; i < 100000; i++)
		buf_adds(&b, "<div>");
	buf_adds(&b, "deep");
	html_render(b.s, b.len, 0, &doc);
	ck_assert(doc.depth_capped);
	ck_assert(doc.markup_capped);
	ck_assert_ptr_nonnull(strstr(doc.text, "top"));
	html_doc_free(&doc);
	buf_free(&b);
	/* closed elements do not add up: 5,000 sibling <div>s at depth 3 are not capped */
	buf_init(&b);
	buf_adds(&b, "<div><div><div>");
	for (int i = 0; i < 5000; i++)
		buf_adds(&b, "<div><b>x</b> <span>y</span></div>");
	buf_adds(&b, "</div></div></div>");
	html_render(b.s, b.len, 0, &doc);
	ck_assert(!doc.depth_capped);
	html_doc_free(&doc);
	/* just under the cap the two renderers still agree */
	buf_free(&b);
	buf_init(&b);
	for (int i = 0; i < HTML_MAX_DEPTH - 2; i++)
		buf_adds(&b, "<span style=\"color:#fff\">");
	buf_adds(&b, "<a href=\"http://x.example/\">x</a>");
	d = html_render_diff(b.s, b.len, 0);
	ck_assert_msg(d == NULL, "%s", d);
	buf_free(&b);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("hostile");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, filler_headers_keep_the_evidence);
	tcase_add_test(tc, filler_headers_after_the_cap_are_dropped);
	tcase_add_test(tc, a_header_flood_is_counted_not_parsed);
	tcase_add_test(tc, five_thousand_hops_keep_the_top);
	tcase_add_test(tc, not_regular_files_are_refused);
	tcase_add_test(tc, streams_stop_at_the_cap);
	tcase_add_test(tc, max_message_size_setting);
	tcase_add_test(tc, json_escapes_c1_and_line_separators);
	tcase_add_test(tc, mixed_text_and_html_are_both_body);
	tcase_add_test(tc, two_html_parts_number_links_on);
	tcase_add_test(tc, css_hidden_text_is_marked);
	tcase_add_test(tc, salted_text_is_a_finding_not_a_phrase);
	tcase_add_test(tc, deep_html_is_cut_at_the_depth_cap);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
