/* test_html.c — HTML bodies rendered to text: blocks, links and their spans, what a browser never shows. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "util.h"

static struct html_doc doc;

static const char *
render(const char *html)
{
	html_doc_free(&doc);
	html_render(html, strlen(html), 0, &doc);
	return doc.text;
}

static void
teardown(void)
{
	html_doc_free(&doc);
}

START_TEST(blocks_and_space)
{
	const char *t = render("<p>one   two</p><p>three<br>four</p><ul><li>a</li><li>b</li></ul>");

	ck_assert_ptr_nonnull(strstr(t, "one two"));
	ck_assert_ptr_nonnull(strstr(t, "three\nfour"));
	ck_assert_ptr_nonnull(strstr(t, "・ a"));
	ck_assert_ptr_nonnull(strstr(t, "・ b"));
}
END_TEST

START_TEST(links_numbered_with_spans)
{
	const char *t = render("<p>Go <a href=\"https://evil.example/x\">ログイン</a> now, "
	    "<a href=\"https://b.example/\">here</a></p>");

	ck_assert_uint_eq(doc.nlinks, 2);
	ck_assert_int_eq(doc.links[0].number, 1);
	ck_assert_str_eq(doc.links[0].href, "https://evil.example/x");
	ck_assert_str_eq(doc.links[0].text, "ログイン");
	ck_assert_int_eq(strncmp(t + doc.links[0].start, "ログイン", strlen("ログイン")), 0);
	ck_assert_uint_eq(doc.links[0].end - doc.links[0].start, strlen("ログイン"));
	ck_assert_ptr_nonnull(strstr(t, "ログイン [1]"));
	ck_assert_ptr_nonnull(strstr(t, "here [2]"));
}
END_TEST

START_TEST(forms_and_refresh_are_links)
{
	render("<meta http-equiv=\"refresh\" content=\"0; url=https://r.example/\">"
	    "<form action=\"https://f.example/post\"><input></form>");
	ck_assert_uint_eq(doc.nlinks, 2);
	ck_assert_str_eq(doc.links[0].source, "meta-refresh");
	ck_assert_str_eq(doc.links[1].source, "form");
}
END_TEST

/* Comments (conditional ones too) and style/script contents are never shown and never parsed. */
START_TEST(unseen_dropped)
{
	const char *t = render("<style>p{color:red} .x>a{}</style><script>var a = '<p>no</p>';</script>"
	    "<!--[if mso]><p>outlook only</p><![endif]-->"
	    "<p>shown<!-- hidden --> text</p><!--><p>after empty comment</p><!---><p>and again</p>");

	ck_assert_ptr_null(strstr(t, "color"));
	ck_assert_ptr_null(strstr(t, "var a"));
	ck_assert_ptr_null(strstr(t, "no"));
	ck_assert_ptr_null(strstr(t, "outlook only"));
	ck_assert_ptr_null(strstr(t, "hidden"));
	ck_assert_ptr_nonnull(strstr(t, "shown text"));
	ck_assert_ptr_nonnull(strstr(t, "after empty comment"));
	ck_assert_ptr_nonnull(strstr(t, "and again"));
}
END_TEST

/* Upper case, attributes, and an unclosed comment that runs to the end. */
START_TEST(unseen_forms)
{
	const char *t = render("<STYLE type=\"text/css\">body{}</STYLE ><p>A</p><Script\n>x()</sCrIpT><p>B</p><!-- to the end <p>C</p>");

	ck_assert_ptr_nonnull(strstr(t, "A"));
	ck_assert_ptr_nonnull(strstr(t, "B"));
	ck_assert_ptr_null(strstr(t, "body{}"));
	ck_assert_ptr_null(strstr(t, "x()"));
	ck_assert_ptr_null(strstr(t, "C"));
	/* <styles> is not <style> */
	t = render("<styles>kept</styles>");
	ck_assert_ptr_nonnull(strstr(t, "kept"));
}
END_TEST

/* In <title> and <textarea> "<!--" is text, as in a browser. */
START_TEST(rcdata_keeps_comment_text)
{
	const char *t = render("<title>Sign <!-- in --></title><p><textarea>a <!-- b --></textarea></p><p>end</p>");

	ck_assert_ptr_nonnull(doc.title);
	ck_assert_ptr_nonnull(strstr(doc.title, "<!-- in -->"));
	ck_assert_ptr_nonnull(strstr(t, "end"));
}
END_TEST

START_TEST(data_payloads_and_alt)
{
	struct buf b;

	buf_init(&b);
	buf_adds(&b, "<p>x</p><img alt=\"Amazon\" src=\"data:image/png;base64,");
	for (int i = 0; i < 5000; i++)
		buf_adds(&b, "QUFB");
	buf_adds(&b, "\"><p>y</p>");
	html_doc_free(&doc);
	html_render(b.s, b.len, 0, &doc);
	ck_assert_ptr_nonnull(strstr(doc.text, "[Amazon]"));
	ck_assert_ptr_nonnull(strstr(doc.text, "y"));
	ck_assert_uint_eq(doc.nalts, 1);
	ck_assert_str_eq(doc.alts[0], "Amazon");
	buf_free(&b);
}
END_TEST

START_TEST(invalid_utf8_and_nul)
{
	static const char html[] = "<p>a\xff" "b</p>\0<p>c</p>";

	html_doc_free(&doc);
	html_render(html, sizeof html - 1, 0, &doc);
	ck_assert_ptr_nonnull(strstr(doc.text, "a\xef\xbf\xbd" "b"));
	ck_assert_ptr_nonnull(strstr(doc.text, "c"));
}
END_TEST

START_TEST(tag_cap_truncates)
{
	struct buf b;

	buf_init(&b);
	for (int i = 0; i < HTML_MAX_TAGS + 10; i++)
		buf_adds(&b, "<b>");
	html_doc_free(&doc);
	html_render(b.s, b.len, 0, &doc);
	ck_assert(doc.truncated);
	buf_free(&b);
}
END_TEST

START_TEST(cap_at_a_line_break)
{
	/* the cap reached where line breaks are pending used to loop for ever */
	html_doc_free(&doc);
	html_render("<p>aaaa</p><p>bbbb</p>", strlen("<p>aaaa</p><p>bbbb</p>"), 4, &doc);
	ck_assert_str_eq(doc.text, "aaaa");
	ck_assert(doc.truncated);
	html_doc_free(&doc);
	html_render("<pre>ab\n\ncd</pre>", strlen("<pre>ab\n\ncd</pre>"), 3, &doc);
	ck_assert_str_eq(doc.text, "ab\n");
	ck_assert(doc.truncated);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("html");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, blocks_and_space);
	tcase_add_test(tc, links_numbered_with_spans);
	tcase_add_test(tc, forms_and_refresh_are_links);
	tcase_add_test(tc, unseen_dropped);
	tcase_add_test(tc, unseen_forms);
	tcase_add_test(tc, rcdata_keeps_comment_text);
	tcase_add_test(tc, data_payloads_and_alt);
	tcase_add_test(tc, invalid_utf8_and_nul);
	tcase_add_test(tc, tag_cap_truncates);
	tcase_add_test(tc, cap_at_a_line_break);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
