/* test_html.c — HTML bodies rendered to text: blocks, links and their spans, what a browser never shows. */
#include "config.h"

#include <check.h>
#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "html_same.h"
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

/* html_render() must render as html_render_exact() does; returns the slimmed length (len when unchanged) */
static size_t
slim_same_rendering(const char *html, size_t len)
{
	size_t slen = len;
	char *s = html_slim(html, &slen, NULL);
	const char *d = html_render_diff(html, len, 0);

	ck_assert_msg(d == NULL, "%s: %.300s\n  slimmed: %.300s", d, html, s != NULL ? s : "(unchanged)");
	if (s == NULL)
		return len;
	free(s);
	return slen;
}

static const char *const slim_cases[] = {
	"<div class=\"a\" style=\"color: red\" id=x>text</div>",
	"<div title=\"a>b\" data-x='c>d' style=e>text</div><p>after</p>",
	"<a class=btn href=https://e.example/x/>go</a> tail",
	"<div style=x/>text</div>",
	"<img class=i alt=logo/ src=x.png>",
	"<img src=\"x\" alt=\"Amazon\" width=1 />",
	"<svg width=10><path d=\"M0 0\"/><text class=t>svg text</text></svg>after",
	"<svg><a xlink:href=\"https://s.example/\" class=x>in svg</a><use xlink:href=\"#i\" class=y/></svg>",
	"<textarea class=t><p class=x>not a tag</p></textarea>",
	"<title id=t>a <b class=c>b</b></title><body class=x>x",
	"<div class=a><plaintext class=p><p class=x>all text",
	"<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0//EN\" \"x\"><html lang=en><body bgcolor=white>t",
	"</ <p title=\">\">text",
	"</>x<? php class=y ?><p class=z>y",
	"<svg><![CDATA[<p class=x>cdata]]></svg><p class=y>z",
	"<p>a <![CDATA[<p class=x>bogus]]> b",
	"<table class=t><input type=hidden class=a><tr class=r><td class=c>cell</table>",
	"<table><input type=text class=a><td>x</table>",
	"<math><annotation-xml encoding=\"text/html\" class=a><p class=b>x</p></annotation-xml></math>",
	"<svg><font color=red class=x>out</font></svg>",
	"<svg><font class=x>in</font></svg>",
	"<b class=1><b class=2><b class=3><b class=4><p class=p>x</b></b>y",
	"<p class=a>text <div class=\"x",
	"<div class=x =y \"z w' <q=r>t</div>",
	"<div class=a href=b class=c href=d>dup</div>",
	"<a x x href=\"https://e.example/\">dup</a><b c=1 C=2 d>z</b><m/p<!--e/p<!--e http-equiv>",
	"<a hidden hidden class=k class href=https://h.example/ alt=1 alt>x</a>",
	"<isindex prompt=\"Search here\" class=x action=/s>",
	"<body bgcolor=x><p>t</p><body class=y link=z>",
	"<noscript class=n><p class=x>ns</p></noscript>",
	"<meta http-equiv=refresh content=\"0; url=https://r.example/\" charset=utf-8>",
	"<form action=https://f.example/ method=post class=f><input name=u class=i></form>",
	"<iframe class=i><p class=x>raw</p></iframe><xmp class=x><b class=y>raw</b></xmp>",
	"<noembed class=n><p class=x>raw</p></noembed><noframes><p class=x>raw</p></noframes>",
	"<style media=x>p{}</style><script type=x>if (a<b) {}</script><p class=a>x",
	"<TEXTAREA>a</textareax class=q></TEXTAREA ><p class=y>z",
	"<div\tclass=a\nstyle=b\fid=c\r>ws</div>",
	"<div class=a/ id=b>slash</div><br/><br class=x />",
	"<!-- <p class=x> --><p class=y>after comment",
	"<!--><p class=y>abrupt<!---><p class=z>again",
	"<span class=\"unterminated>lost text",
	"<area href=https://a.example/ alt=Map shape=rect coords=1,2,3,4>",
	"<A HREF=\"https://u.example/\" CLASS=X>upper</A><DIV CLASS=Y STYLE=Z>x</DIV>",
	"<!-- hidden --!><a class=q href=\"https://evil.example/\">shown</a> -->",
	"<!-- a --!-- b --><p class=x>after",
	"<<!-->p &l<!-- x -->t; &amp<!-- y -->; a<!-- z -->b",
	"<select><style><a href=\"https://e.example/\">x</a></style></select><p class=y>z",
	"<svg><style><a href=\"https://s.example/\">svg link</a></style></svg><p class=y>z",
	"<script><!--<script></script><a href=\"https://e.example/\">x</a>--></script><p class=a>after",
	"<![CDATA[><p s=\"]]><h\t\">",
	"<template><col><title><p class=\"</title>\">x</p></template>",
	"<frameset><title><p class=a>t</title></frameset>",
	"<style>p { color: red }</style><p class=x>after style<script>var a = '<p>';</script>b",
	"<title>x</title><a class=q href=\"https://t.example/\">t</a><iframe class=i><a href=y>raw</a></iframe>",
	"<math><mi class=a>x</mi></math><textarea class=t><p class=x>t</textarea>",
	"<p>a   \n\t b</p>\n\n   <p>c \r\n d</p><pre>  x\n\n  y</pre><p>e    f</p>",
	"<listing>\n a  b</listing><p>  c   d  </p>",
	"<table>  \n  <tr>  <td> x   y </td>\n\n<td>\tz</td></tr>  </table>  after   table",
	"<p>a&nbsp;&nbsp; b \xc2\xa0 \xc2\xa0 c</p><textarea>  t  \n  u</textarea>  <title>  t  </title>",
	"<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.01  Transitional//EN\">  <table><p>quirks   mode</table>",
	"  \n  <html>  <head>  <title>x</title>  </head>  <body>  <b>  bold  </b>  <i>it</i>  </body>  </html>  ",
	"<select>  <option>  a  </option>  </select><frameset>  </frameset>   x",
	"<a href=s><div><div><div><div><div><div><div><p>><!--><a>",
	"<a href=x>a<b>b<!-- c --><a href=y>d</a>e</b>",
	"<isindex\f\xfe\f\x05\faction=/>",
	"<a \x01 \x02 href=\"https://c.example/\">control names</a><p \xc2\x85 \x7f class=x>y",
	"<svg><title><isindex\f\xfe\f\x05\faction=<>",
	"<svg><title>t</title></svg><a x x href=\"https://after.example/\">after the pass stopped</a>",
	"<a href href=\"\"=3>valueless</a><p class=x alt =y>z",
};

START_TEST(slim_keeps_tree)
{
	const char *s = slim_cases[_i];

	slim_same_rendering(s, strlen(s));
}
END_TEST

START_TEST(slim_drops_unread_attributes)
{
	const char *in = "<div class=\"a\" style=\"margin: 0\">x</div>";
	size_t len = strlen(in);
	unsigned state = 0;
	char *s = html_slim(in, &len, &state);

	ck_assert_ptr_nonnull(s);
	ck_assert_str_eq(s, "<div>x</div>");
	ck_assert_uint_eq(len, strlen(s));
	free(s);
	len = strlen("<p><a href=x>y</a></p>");
	ck_assert_ptr_null(html_slim("<p><a href=x>y</a></p>", &len, &state));
	ck_assert_uint_eq(state, HTML_SLIM_WHOLE);
	/* the pass stops where raw text depends on the tree builder */
	in = "<p class=a>x</p><svg><title><p class=x>t</p></title></svg><p class=y>z";
	len = strlen(in);
	s = html_slim(in, &len, &state);
	ck_assert_uint_eq(state, 0);
	ck_assert_ptr_nonnull(strstr(s, "<p class=y>z"));
	free(s);
	/* the renderer still sees what it reads */
	render("<table style=x><tr><td class=y><a class=btn href=\"https://e.example/\" style=z>Go</a></td></tr></table>");
	ck_assert_uint_eq(doc.nlinks, 1);
	ck_assert_str_eq(doc.links[0].href, "https://e.example/");
	ck_assert_str_eq(doc.links[0].text, "Go");
}
END_TEST

/* real phishing HTML (tests/data/html, see its README): same trees, far less to parse */
START_TEST(slim_real_mail)
{
	DIR *d = opendir(TEST_FIXTURES "/html");
	struct dirent *e;
	size_t files = 0, before = 0, after = 0;

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)) != NULL) {
		char path[4096], *html;
		size_t len;
		FILE *f;

		if (strstr(e->d_name, ".html") == NULL)
			continue;
		snprintf(path, sizeof path, "%s/html/%s", TEST_FIXTURES, e->d_name);
		f = fopen(path, "rb");
		ck_assert_ptr_nonnull(f);
		fseek(f, 0, SEEK_END);
		len = (size_t)ftell(f);
		rewind(f);
		html = xmalloc(len + 1);
		ck_assert_uint_eq(fread(html, 1, len, f), len);
		fclose(f);
		before += len;
		after += slim_same_rendering(html, len);
		free(html);
		files++;
	}
	closedir(d);
	ck_assert_uint_ge(files, 4);
	ck_assert_uint_lt(after, before * 3 / 4);
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

START_TEST(duplicate_attributes_keep_the_link)
{
	/* gumbo 0.10 with max_errors = 0 glued "href" onto a repeated valueless attribute */
	render("<p><a hidden hidden href=\"https://evil.example/\">Amazon</a></p>");
	ck_assert_uint_eq(doc.nlinks, 1);
	ck_assert_str_eq(doc.links[0].href, "https://evil.example/");
	render("<p><b x x><a x x href=\"https://evil.example/2\">Amazon</a></b></p>");
	ck_assert_uint_eq(doc.nlinks, 1);
	ck_assert_str_eq(doc.links[0].href, "https://evil.example/2");
}
END_TEST

/* gumbo's search for repeated attributes is quadratic: a tag with 100,000 took two minutes */
START_TEST(slim_many_attributes)
{
	struct buf b;
	size_t len;
	unsigned state = 0;
	char *s;

	/* 256 attributes are read as usual */
	buf_init(&b);
	buf_adds(&b, "<p class=x>a</p><p ");
	for (int i = 0; i < 255; i++)
		buf_addf(&b, "a%d ", i);
	buf_adds(&b, "href=\"https://m.example/\">b</p><a x x href=\"https://n.example/\">c</a>");
	slim_same_rendering(b.s, b.len);
	len = b.len;
	free(html_slim(b.s, &len, &state));
	ck_assert_uint_eq(state, HTML_SLIM_WHOLE);
	/* one more, and the HTML ends before that tag, visibly */
	buf_free(&b);
	buf_init(&b);
	buf_adds(&b, "<p class=x>a</p><p ");
	for (int i = 0; i < 100000; i++)
		buf_addf(&b, "a%d ", i);
	buf_adds(&b, "href=\"https://m.example/\">b</p><a x x href=\"https://n.example/\">c</a>");
	len = b.len;
	s = html_slim(b.s, &len, &state);
	ck_assert_uint_eq(state, HTML_SLIM_WHOLE | HTML_SLIM_CAPPED);
	ck_assert_str_eq(s, "<p>a</p>");
	free(s);
	html_doc_free(&doc);
	html_render(b.s, b.len, 0, &doc);
	ck_assert_str_eq(doc.text, "a");
	ck_assert(doc.truncated);
	/* also where the pass had stopped and copies the rest as it is */
	buf_free(&b);
	buf_init(&b);
	buf_adds(&b, "<svg><title>t</title></svg><p>a</p><p ");
	for (int i = 0; i < 100000; i++)
		buf_addf(&b, "a%d ", i);
	buf_adds(&b, ">b</p>");
	len = b.len;
	s = html_slim(b.s, &len, &state);
	ck_assert(state & HTML_SLIM_CAPPED);
	ck_assert_ptr_null(strstr(s, "a99999"));
	free(s);
	buf_free(&b);
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
	tcase_add_test(tc, duplicate_attributes_keep_the_link);
	tcase_add_loop_test(tc, slim_keeps_tree, 0, sizeof slim_cases / sizeof *slim_cases);
	tcase_add_test(tc, slim_drops_unread_attributes);
	tcase_add_test(tc, slim_real_mail);
	tcase_add_test(tc, slim_many_attributes);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
