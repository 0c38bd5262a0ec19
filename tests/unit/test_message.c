/* test_message.c — loading mail: decoded headers, the chosen body, links, the MIME tree, limits. */
#include "config.h"

#include <check.h>
#include <glib.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "html.h"
#include "message.h"
#include "util.h"

#ifndef TEST_CORPUS
#define TEST_CORPUS TOP_SRCDIR "/tests/corpus"
#endif
#ifndef TOP_SRCDIR
#define TOP_SRCDIR "/work/main"
#endif

#define SEED(n) TEST_CORPUS "/seeds/" n
#define TORTURE(n) TEST_CORPUS "/torture/" n

static struct message *m;

static struct message *
load_file(const char *path)
{
	char *cause = NULL;

	message_free(m);
	m = NULL;
	ck_assert_msg(message_load_file(path, &m, &cause) == 0, "%s", cause);
	return m;
}

static struct message *
load(const char *text)
{
	char *cause = NULL;

	message_free(m);
	m = NULL;
	ck_assert_msg(message_load_mem(text, strlen(text), "test", &m, &cause) == 0, "%s", cause);
	return m;
}

static char *
decode(const char *raw)
{
	static char *last;

	free(last);
	last = message_decode_header(raw);
	return last;
}

static int
has_notice(const char *needle)
{
	for (size_t i = 0; i < m->nnotices; i++) {
		if (strstr(m->notices[i], needle) != NULL)
			return 1;
	}
	return 0;
}

static void
teardown(void)
{
	message_free(m);
	m = NULL;
}

/* ---- the six seeds ---- */

START_TEST(seed_smartalk_iso2022jp)
{
	load_file(SEED("1639558840.M404P7171.mx.example.com,S=3072:2,S"));
	ck_assert_str_eq(message_hvalue(m, "Subject"), "SMARTalk:クレジットカード情報の更新のお願い");
	ck_assert_str_eq(message_hvalue(m, "From"), "SMARTalkカスタマーセンター <smart@comm.rakuten.co.jp>");
	ck_assert_str_eq(m->body_type, "text/plain");
	ck_assert_str_eq(m->body_charset, "ISO-2022-JP");
	ck_assert_ptr_nonnull(strstr(m->body, "クレジットカード決済システムのリニューアルに伴い"));
	ck_assert_ptr_nonnull(strstr(m->body, "楽天モバイル株式会社"));
	ck_assert_uint_eq(m->nparts, 1);
	ck_assert(m->parts[0].is_body);
	ck_assert_uint_eq(m->nlinks, 0);
	/* 14 message fields and the top-level Content-Type and Content-Transfer-Encoding */
	ck_assert_uint_eq(m->nheaders, 16);
	ck_assert_str_eq(message_hvalue(m, "Content-Type"), "text/plain; charset=ISO-2022-JP");
	ck_assert_str_eq(message_hvalue(m, "Content-Transfer-Encoding"), "7bit");
	/* raw keeps the folding, less the blank after the colon */
	ck_assert_ptr_nonnull(strstr(message_header(m, "Subject")->raw, "?=\n =?iso-2022-jp?b?"));
}
END_TEST

START_TEST(seed_amex_utf8)
{
	const struct header *h = NULL;
	int n = 0;

	load_file(SEED("1764487212.M505P8181.mx.example.com,S=2560:2,"));
	ck_assert_str_eq(message_hvalue(m, "Subject"),
	    "[spam] 【American Express】カードの一時利用停止は解除されました 871");
	ck_assert_str_eq(message_hvalue(m, "From"), "\"American Express\" <info@auccwallt.top>");
	ck_assert_ptr_nonnull(strstr(m->body, "アメリカン・エキスプレスのカード"));
	while ((h = message_header_next(m, "received", h)) != NULL)
		n++;
	ck_assert_int_eq(n, 2);
	ck_assert_ptr_null(message_header(m, "X-Not-There"));
}
END_TEST

START_TEST(seed_smbc_utf8_name)
{
	load_file(SEED("1764487398.M606P8182.mx.example.com,S=2560:2,"));
	ck_assert_str_eq(message_hvalue(m, "From"), "三井住友カード <info@smbc-card.top>");
	ck_assert_ptr_nonnull(strstr(m->body, "https://s.vpass.jp/sec_check/login"));
}
END_TEST

START_TEST(seed_pocketcard_html)
{
	const struct body_link *l;
	const struct html_doc *d;

	load_file(SEED("1770309790.M101P4242.mx.example.com,S=4096:2,"));
	ck_assert_str_eq(message_hvalue(m, "Subject"), "[spam] 最新のお客様情報のご登録をお願いします");
	ck_assert_str_eq(message_hvalue(m, "From"), "ポケットカード <mail.qaqrl@jfmmfn.cn>");
	/* multipart/alternative: the HTML, the last alternative, is what the user sees */
	ck_assert_str_eq(m->body_type, "text/html");
	ck_assert_str_eq(m->body_charset, "UTF-8");
	ck_assert_uint_eq(m->nparts, 3);
	ck_assert_str_eq(m->parts[0].content_type, "multipart/alternative");
	ck_assert(!m->parts[1].is_body);
	ck_assert(m->parts[2].is_body);
	ck_assert_ptr_nonnull(strstr(m->body, "よるくお願い申し上げます"));
	ck_assert_ptr_nonnull(strstr(m->body, "暮らしをクリエイティブに\nPOCKETCARD CO.,LTD."));
	ck_assert_ptr_nonnull(strstr(m->body, "🔒 ログイン [1]"));
	ck_assert_ptr_nonnull(strstr(m->body, "Copyright © Pocketcard"));
	ck_assert_uint_eq(m->nlinks, 1);
	l = &m->links[0];
	ck_assert_int_eq(l->number, 1);
	ck_assert_str_eq(l->href, "https://reflecto.cpvvl.cn/netsvice/logino/");
	ck_assert_str_eq(l->source, "a");
	ck_assert_str_eq(l->text, "🔒 ログイン");
	ck_assert_int_eq((int)(l->end - l->start), (int)strlen("🔒 ログイン"));
	ck_assert(strncmp(m->body + l->start, "🔒 ログイン", l->end - l->start) == 0);
	ck_assert_uint_eq(m->body_len, strlen(m->body));
	d = message_html(m);
	ck_assert_ptr_nonnull(d);
	ck_assert_ptr_null(d->title);
}
END_TEST

START_TEST(seed_amazon_html)
{
	load_file(SEED("1770813301.M202P5151.mx.example.com,S=5120:2,"));
	ck_assert_str_eq(message_hvalue(m, "Subject"), "[spam] 【Amazon】お支払い方法に問題があります");
	ck_assert_str_eq(message_hvalue(m, "From"), "\"Amazon\" <Amazon.co.jp>");
	ck_assert_str_eq(m->body_type, "text/html");
	ck_assert_uint_eq(m->nlinks, 2);
	ck_assert_str_eq(m->links[0].href, "https://keiyakensev.top/sign-in");
	ck_assert_str_eq(m->links[0].text, "お支払い方法を更新");
	ck_assert_ptr_nonnull(strstr(m->body, "お支払い方法を更新 [1]"));
	ck_assert_str_eq(m->links[1].href, "https://www.amazon.co.jp/gp/help/customer/display.html");
	ck_assert_ptr_nonnull(strstr(m->body, "Amazonヘルプページ [2]を"));
	ck_assert_ptr_nonnull(strstr(m->body, "お問い合わせ:0120-959-684"));
}
END_TEST

START_TEST(seed_ana_iso2022jp)
{
	load_file(SEED("1771568541.M303P6161.mx.example.com,S=2048:2,"));
	ck_assert_str_eq(message_hvalue(m, "Subject"), "【ANA】今だけ最大5,000マイルをプレゼント!");
	ck_assert_str_eq(message_hvalue(m, "From"), "u2zckmmpc <reportqsevxnk@kmnkw.cn>");
	ck_assert_ptr_nonnull(strstr(m->body, "ANAマイルの期限が切れます!"));
	ck_assert_ptr_nonnull(strstr(m->body, "【発行・編集】全日本空輸株式会社"));
}
END_TEST

/* ---- RFC 2047, also broken ---- */

START_TEST(rfc2047_split_multibyte)
{
	/* あ = E3 81 82 cut after two bytes, base64 and Q alike */
	ck_assert_str_eq(decode("=?UTF-8?B?44E=?= =?UTF-8?B?gg==?="), "あ");
	ck_assert_str_eq(decode("=?utf-8?q?=E3=81?=\r\n =?utf-8?q?=82?=x"), "あx");
	/* base64 itself cut across words without padding (broken encoders) */
	ck_assert_str_eq(decode("=?UTF-8?B?44GC44?= =?UTF-8?B?GE?="), "あい");
	/* ISO-2022-JP: one escape sequence spanning two words */
	ck_assert_str_eq(decode("=?ISO-2022-JP?B?GyRCJCIk?= =?ISO-2022-JP?B?JBsoQg==?="), "あい");
	/* different charsets stay apart */
	ck_assert_str_eq(decode("=?utf-8?B?44GC?= =?iso-2022-jp?B?GyRCJCIbKEI=?="), "ああ");
}
END_TEST

START_TEST(rfc2047_lenient_placement)
{
	ck_assert_str_eq(decode("\"=?UTF-8?B?44GC?=\" <a@example.com>"), "\"あ\" <a@example.com>");
	ck_assert_str_eq(decode("abc=?UTF-8?B?44GC?=def"), "abcあdef");
	ck_assert_str_eq(decode("=?UTF-8?B?44GC"), "あ");                  /* no ?= */
	ck_assert_str_eq(decode("=?utf-8?b?44GC?= tail"), "あ tail");
	ck_assert_str_eq(decode("=?UTF-8*ja?Q?=E3=81=82_x?="), "あ x");    /* RFC 2231 language */
	ck_assert_str_eq(decode("a =?broken"), "a =?broken");
	ck_assert_str_eq(decode("=??B?x?="), "=??B?x?=");
	ck_assert_str_eq(decode("  folded\r\n\tvalue  "), "folded value");
	ck_assert_str_eq(decode(""), "");
}
END_TEST

START_TEST(rfc2047_wrong_and_missing_labels)
{
	/* UTF-8 bytes labelled Latin-1 */
	ck_assert_str_eq(decode("=?iso-8859-1?B?44GC44GE?="), "あい");
	/* Shift_JIS bytes labelled ISO-2022-JP */
	ck_assert_str_eq(decode("=?ISO-2022-JP?B?grGC8YLJgr+CzQ==?="), "こんにちは");
	/* ISO-2022-JP with ① (CP50220) */
	ck_assert_str_eq(decode("=?ISO-2022-JP?B?GyRCLSEbKEI=?= =?iso-2022-jp?b?GyRCLWobKEI=?="), "①㈱");
	/* unlabelled 8-bit Shift_JIS, EUC-JP, UTF-8 and raw ISO-2022-JP */
	ck_assert_str_eq(decode("\x82\xa8\x92\x6d\x82\xe7\x82\xb9 info"), "お知らせ info");
	ck_assert_str_eq(decode("\xa4\xaa\xc3\xce\xa4\xe9\xa4\xbb"), "お知らせ");
	ck_assert_str_eq(decode("お知らせ"), "お知らせ");
	ck_assert_str_eq(decode("\x1b$B$*CN$i$;\x1b(B!"), "お知らせ!");
	/* 8-bit that is no Japanese: windows-1252, as browsers read unlabelled text */
	ck_assert_str_eq(decode("caf\xe9 \xff"), "café ÿ");
}
END_TEST

START_TEST(subject_unlabelled_shift_jis_in_message)
{
	load("From: a@example.com\nSubject: \x82\xa8\x92\x6d\x82\xe7\x82\xb9\nContent-Type: text/plain\n\n"
	    "\x82\xb2\x8a\x6d\x94\x46\x82\xad\x82\xbe\x82\xb3\x82\xa2\n");
	ck_assert_str_eq(message_hvalue(m, "Subject"), "お知らせ");
	ck_assert_str_eq(m->body, "ご確認ください\n");
	ck_assert_str_eq(m->body_charset, "CP932");
}
END_TEST

/* ---- RFC 2231 and the tree ---- */

static const char tree_msg[] =
    "From: a@example.com\n"
    "Subject: tree\n"
    "MIME-Version: 1.0\n"
    "Content-Type: multipart/mixed; boundary=\"outer\"\n"
    "\n"
    "--outer\n"
    "Content-Type: multipart/alternative; boundary=alt\n"
    "\n"
    "--alt\n"
    "Content-Type: text/plain; charset=utf-8\n"
    "\n"
    "plain version\n"
    "--alt\n"
    "Content-Type: text/html; charset=\"iso-2022-jp\"\n"
    "\n"
    "<html><head><title>Notice</title></head><body><p>\x1b$B-!\x1b(B <img alt=\"LOGO\" src=x>"
    "<a href=\"http://x.example/\">go</a></p></body></html>\n"
    "--alt--\n"
    "--outer\n"
    "Content-Type: application/pdf\n"
    "Content-Disposition: attachment; filename*=UTF-8''%E8%AB%8B%E6%B1%82%E6%9B%B8.pdf\n"
    "Content-Transfer-Encoding: base64\n"
    "\n"
    "JVBERi0xLjQK\n"
    "--outer\n"
    "Content-Type: application/octet-stream; name=\"=?ISO-2022-JP?B?GyRCLSEbKEI=?=.zip\"\n"
    "\n"
    "PK\n"
    "--outer\n"
    "Content-Type: text/plain\n"
    "Content-Disposition: attachment;\n"
    " filename*0*=ISO-2022-JP''%1B%24B%24%22%1B%28B;\n"
    " filename*1=\".txt\"\n"
    "\n"
    "attached text\n"
    "--outer\n"
    "Content-Type: message/rfc822\n"
    "\n"
    "From: inner@example.com\n"
    "Subject: inner\n"
    "Content-Type: text/plain\n"
    "\n"
    "inner body\n"
    "--outer--\n";

START_TEST(mime_tree)
{
	const struct html_doc *d;

	load(tree_msg);
	ck_assert_uint_eq(m->nparts, 9);
	ck_assert_str_eq(m->parts[0].content_type, "multipart/mixed");
	ck_assert_int_eq(m->parts[0].depth, 0);
	ck_assert_str_eq(m->parts[1].content_type, "multipart/alternative");
	ck_assert_int_eq(m->parts[1].depth, 1);
	ck_assert_str_eq(m->parts[2].content_type, "text/plain");
	ck_assert_int_eq(m->parts[2].depth, 2);
	ck_assert_uint_eq(m->parts[2].size, strlen("plain version"));
	ck_assert_str_eq(m->parts[3].content_type, "text/html");
	ck_assert_str_eq(m->parts[3].charset, "iso-2022-jp");
	ck_assert(m->parts[3].is_body);
	ck_assert(!m->parts[2].is_body);
	ck_assert_str_eq(m->parts[4].content_type, "application/pdf");
	ck_assert_str_eq(m->parts[4].filename, "請求書.pdf");
	ck_assert_str_eq(m->parts[4].disposition, "attachment");
	ck_assert_uint_eq(m->parts[4].size, 9);     /* "%PDF-1.4\n" */
	ck_assert(m->parts[4].is_attachment);
	ck_assert_str_eq(m->parts[5].filename, "①.zip");
	ck_assert(m->parts[5].is_attachment);
	ck_assert_str_eq(m->parts[6].filename, "あ.txt");
	ck_assert(m->parts[6].is_attachment);
	ck_assert_str_eq(m->parts[7].content_type, "message/rfc822");
	ck_assert_str_eq(m->parts[8].content_type, "text/plain");
	ck_assert_int_eq(m->parts[8].depth, 2);
	ck_assert(!m->parts[8].is_body);
	ck_assert_str_eq(m->body_type, "text/html");
	ck_assert_str_eq(m->body, "① [LOGO]go [1]");
	d = message_html(m);
	ck_assert_ptr_nonnull(d);
	ck_assert_str_eq(d->title, "Notice");
	ck_assert_uint_eq(d->nalts, 1);
	ck_assert_str_eq(d->alts[0], "LOGO");
}
END_TEST

START_TEST(body_choice)
{
	/* the last alternative that can be shown, even if it is text/plain */
	load("Subject: x\nContent-Type: multipart/alternative; boundary=b\n\n"
	    "--b\nContent-Type: text/html\n\n<p>html</p>\n"
	    "--b\nContent-Type: text/plain\n\nplain\n"
	    "--b\nContent-Type: text/calendar\n\nBEGIN:VCALENDAR\n--b--\n");
	ck_assert_str_eq(m->body, "plain");
	/* mixed: the first text part that is not an attachment */
	load("Subject: x\nContent-Type: multipart/mixed; boundary=b\n\n"
	    "--b\nContent-Type: text/plain\nContent-Disposition: attachment; filename=a.txt\n\nattached\n"
	    "--b\nContent-Type: text/plain\n\nshown\n--b--\n");
	ck_assert_str_eq(m->body, "shown");
	/* an attached message is never the body */
	load("Subject: x\nContent-Type: multipart/mixed; boundary=b\n\n"
	    "--b\nContent-Type: message/rfc822\n\nSubject: in\n\ninner\n--b--\n");
	ck_assert_str_eq(m->body, "");
	ck_assert_ptr_null(m->body_type);
	/* no Content-Type: text/plain; the headers only: an empty body */
	load("Subject: only headers\n");
	ck_assert_str_eq(m->body, "");
}
END_TEST

/* ---- errors and limits ---- */

START_TEST(errors)
{
	char *cause = NULL;
	struct message *x = NULL;
	static const char garbage[] = "\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0\x01\0\0\0\xff\xfe\xfd";
	char path[] = "/tmp/kensa-test-XXXXXX";
	int fd;

	ck_assert_int_eq(message_load_mem(garbage, sizeof garbage - 1, "bin", &x, &cause), -1);
	ck_assert_ptr_null(x);
	ck_assert_str_eq(cause, "not a mail message (no header field)");
	free(cause);
	ck_assert_int_eq(message_load_mem("", 0, "e", &x, &cause), -1);
	ck_assert_ptr_nonnull(strstr(cause, "empty file"));
	free(cause);
	fd = mkstemp(path);
	ck_assert_int_ne(fd, -1);
	close(fd);
	ck_assert_int_eq(message_load_file(path, &x, &cause), -1);
	ck_assert_ptr_nonnull(strstr(cause, "empty file"));
	free(cause);
	unlink(path);
	ck_assert_int_eq(message_load_file("/nonexistent/kensa", &x, &cause), -1);
	ck_assert_ptr_nonnull(strstr(cause, "No such file"));
	ck_assert_ptr_null(strchr(cause, '\n'));
	free(cause);
	ck_assert_int_eq(message_load_file("/tmp", &x, &cause), -1);
	ck_assert_ptr_nonnull(strstr(cause, "is a directory"));
	free(cause);
}
END_TEST

START_TEST(stdin_dash)
{
	int fd = open(SEED("1771568541.M303P6161.mx.example.com,S=2048:2,"), O_RDONLY);

	ck_assert_int_ne(fd, -1);
	ck_assert_int_ne(dup2(fd, 0), -1);
	close(fd);
	load_file("-");
	ck_assert_str_eq(m->path, "-");
	ck_assert_uint_eq(m->size, 1624);
	ck_assert_str_eq(message_hvalue(m, "Subject"), "【ANA】今だけ最大5,000マイルをプレゼント!");
}
END_TEST

START_TEST(ten_thousand_parts)
{
	struct buf b;
	char *s;

	buf_init(&b);
	buf_adds(&b, "Subject: parts\nContent-Type: multipart/mixed; boundary=b\n\n");
	for (int i = 0; i < 10000; i++)
		buf_addf(&b, "--b\nContent-Type: text/plain\n\npart %d\n", i);
	buf_adds(&b, "--b--\n");
	s = buf_take(&b);
	load(s);
	free(s);
	ck_assert_uint_eq(m->nparts, MESSAGE_MAX_PARTS);
	ck_assert(has_notice("10001 MIME parts"));
	/* every inline text part of multipart/mixed is body, up to 32 */
	ck_assert(strncmp(m->body, "part 0\n\n-- text/plain --\n\npart 1\n", 32) == 0);
	ck_assert_ptr_nonnull(strstr(m->body, "part 31"));
	ck_assert_ptr_null(strstr(m->body, "part 32"));
}
END_TEST

/* Attachments carry the SHA-256 of their whole decoded content (past the 2 MiB kept too); text shown as the body does not. */
START_TEST(attachment_sha256)
{
	struct buf b;
	char *s;
	GChecksum *ck = g_checksum_new(G_CHECKSUM_SHA256);
	size_t big = (3u << 20) + 5;   /* past ATTACH_KEEP */
	char *raw = malloc(big);

	for (size_t i = 0; i < big; i++)
		raw[i] = (char)('a' + i % 26);
	g_checksum_update(ck, (const guchar *)raw, (gssize)big);
	buf_init(&b);
	buf_adds(&b, "Subject: a\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n--b\n"
	    "Content-Type: text/plain\n\nbody\n--b\nContent-Type: application/pdf\n"
	    "Content-Disposition: attachment; filename=\"x.pdf\"\nContent-Transfer-Encoding: base64\n\naGVsbG8K\n--b\n"
	    "Content-Type: application/octet-stream\nContent-Disposition: attachment; filename=big.bin\n\n");
	buf_add(&b, raw, big);
	buf_adds(&b, "\n--b--\n");
	s = buf_take(&b);
	message_free(m);
	m = NULL;
	{
		char *cause = NULL;

		ck_assert_msg(message_load_mem(s, strlen(s), "t", &m, &cause) == 0, "%s", cause);
	}
	free(s);
	ck_assert_uint_eq(m->nparts, 4);
	ck_assert_str_eq(m->parts[1].sha256, "");   /* the body text */
	ck_assert_str_eq(m->parts[2].sha256, "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03");
	/* the line break before the boundary belongs to the boundary (RFC 2046): the content is raw exactly */
	ck_assert_uint_eq(m->parts[3].size, big);
	ck_assert_str_eq(m->parts[3].sha256, g_checksum_get_string(ck));
	g_checksum_free(ck);
	free(raw);
}
END_TEST

/* The blank after a field's colon is kept apart as written, so "as written" views show the bytes. */
START_TEST(header_lead_as_written)
{
	load("Received: from a (a [192.0.2.1])\n\tby b; Tue, 14 Nov 2023 10:00:00 +0900\nSubject:x\n"
	    "X-Tab:\ty\nX-Many:   z\nX-Empty:\nFrom: <a@example.com>\n\nbody\n");
	ck_assert_str_eq(m->headers[0].name, "Received");
	ck_assert_str_eq(m->headers[0].lead, " ");
	ck_assert_str_eq(m->headers[0].raw, "from a (a [192.0.2.1])\n\tby b; Tue, 14 Nov 2023 10:00:00 +0900");
	ck_assert_str_eq(message_header(m, "Subject")->lead, "");
	ck_assert_str_eq(message_header(m, "Subject")->raw, "x");
	ck_assert_str_eq(message_header(m, "X-Tab")->lead, "\t");
	ck_assert_str_eq(message_header(m, "X-Many")->lead, "   ");
	ck_assert_str_eq(message_header(m, "X-Many")->value, "z");
	ck_assert_str_eq(message_header(m, "X-Empty")->lead, "");
}
END_TEST

/* Parts past the cap are cut before GMime builds them; the count and the parts read stay as they were. */
START_TEST(nested_parts_counted_before_parsing)
{
	struct buf b;
	char *s;

	buf_init(&b);
	buf_adds(&b, "Subject: nested\nContent-Type: multipart/mixed;\n\tboundary=\"outer\"\n\n");
	for (int i = 0; i < 600; i++)
		buf_addf(&b, "--outer\nContent-Type: multipart/alternative; boundary=in\n\n"
		    "--in\nContent-Type: text/plain\n\nalt %d\n--in\nContent-Type: text/html\n\n<p>alt %d</p>\n--in--\n", i, i);
	buf_adds(&b, "--outer--\n");
	s = buf_take(&b);
	load(s);
	free(s);
	/* the root, 600 alternatives and their 1,200 leaves */
	ck_assert_uint_eq(m->nparts, MESSAGE_MAX_PARTS);
	ck_assert(has_notice("1801 MIME parts, first 200 read"));
	/* part k > 0 is an alternative (depth 1) when k % 3 == 1, else one of its leaves */
	ck_assert_uint_eq(m->parts[MESSAGE_MAX_PARTS - 1].depth, (MESSAGE_MAX_PARTS - 1) % 3 == 1 ? 1 : 2);
}
END_TEST

/* Text lines that start with "--" but name no boundary are text: nothing is cut (over 68 KiB, so the pre-pass runs). */
START_TEST(dash_lines_are_not_parts)
{
	struct buf b;
	char *s;

	buf_init(&b);
	buf_adds(&b, "Subject: sql\nContent-Type: multipart/mixed; boundary=\"b 1\"\n\n--b 1\nContent-Type: text/plain\n\n");
	for (int i = 0; i < 3000; i++)
		buf_addf(&b, "-- step %d: a line long enough that the message passes 68 KiB\n\n--b\n\n", i);
	buf_adds(&b, "--b 1\nContent-Type: text/plain\n\nthe last part\n--b 1--\n");
	s = buf_take(&b);
	load(s);
	free(s);
	ck_assert_uint_eq(m->nparts, 3);
	ck_assert(!has_notice("MIME parts"));
	ck_assert_ptr_nonnull(strstr(m->body, "-- step 2999"));
	ck_assert_ptr_nonnull(strstr(m->body, "the last part"));
}
END_TEST

/* Exactly the cap: every part read, no notice. */
START_TEST(parts_at_the_cap)
{
	struct buf b;
	char *s;

	buf_init(&b);
	buf_adds(&b, "Subject: parts\nContent-Type: multipart/mixed; boundary=b\n\n");
	for (int i = 0; i < MESSAGE_MAX_PARTS - 1; i++)
		buf_addf(&b, "--b\nContent-Type: application/octet-stream\n\n%d: padding so that the message passes 68 KiB\n", i);
	buf_adds(&b, "--b--\n");
	s = buf_take(&b);
	load(s);
	free(s);
	ck_assert_uint_eq(m->nparts, MESSAGE_MAX_PARTS);
	ck_assert(!has_notice("MIME parts"));
}
END_TEST

START_TEST(megabyte_header)
{
	size_t n = 1 << 20;
	char *s = xmalloc(n + 64);

	memcpy(s, "Subject: ", 9);
	memset(s + 9, 'A', n);
	strcpy(s + 9 + n, "\nFrom: a@example.com\n\nbody\n");
	load(s);
	free(s);
	ck_assert_uint_le(strlen(message_hvalue(m, "Subject")), MESSAGE_MAX_HEADER);
	ck_assert_str_eq(message_hvalue(m, "From"), "a@example.com");
	ck_assert(has_notice("header field"));
	ck_assert_str_eq(m->body, "body\n");
}
END_TEST

START_TEST(many_headers)
{
	struct buf b;
	char *s;

	buf_init(&b);
	for (int i = 0; i < 3000; i++)
		buf_addf(&b, "X-H%d: v\n", i);
	buf_adds(&b, "\nbody\n");
	s = buf_take(&b);
	load(s);
	free(s);
	ck_assert_uint_eq(m->nheaders, MESSAGE_MAX_HEADERS);
	ck_assert(has_notice("3000 header fields"));
}
END_TEST

/* ---- torture messages (tests/corpus/torture/README.md) ---- */

START_TEST(torture_japanese)
{
	load_file(TORTURE("japanese_iso_2022.eml"));
	ck_assert_str_eq(m->body_charset, "ISO-2022-JP");
	ck_assert(strncmp(m->body, "すみません。\n", strlen("すみません。\n")) == 0);
	ck_assert_str_eq(message_hvalue(m, "To"), "みける <raasdnil@gmail.com>");
	load_file(TORTURE("japanese_shift_jis.eml"));
	ck_assert_str_eq(m->body_charset, "CP932");
	ck_assert_ptr_nonnull(strstr(m->body, "あいうえお"));
	ck_assert_ptr_nonnull(strstr(m->body, "今後ともよろしくお願い申し上げます"));
	load_file(TORTURE("japanese_attachment_long_name.eml"));
	ck_assert_str_eq(m->parts[1].filename, "かきくけこかきくけこかきくけこかきくけこかきくけこ.txt");
	ck_assert(m->parts[1].is_attachment);
}
END_TEST

START_TEST(torture_korean)
{
	load_file(TORTURE("ks_c_5601-1987.eml"));
	ck_assert_str_eq(m->body_charset, "CP949");
	ck_assert_ptr_nonnull(strstr(m->body, "스티해"));
}
END_TEST

START_TEST(torture_boundaries)
{
	load_file(TORTURE("raw_email_with_illegal_boundary.eml"));
	ck_assert_str_eq(m->body_type, "text/html");
	ck_assert_ptr_nonnull(strstr(m->body, "This is an outlook test"));
	load_file(TORTURE("rspamd-badboundary.eml"));
	ck_assert_uint_eq(m->nparts, 2);
	ck_assert_str_eq(m->parts[1].filename, "Transparent.gif");
	ck_assert_uint_eq(m->parts[1].size, 42);
	ck_assert_str_eq(m->body, "");
}
END_TEST

START_TEST(torture_cr_only)
{
	load_file(TORTURE("sisimai-mac-arf-01.eml"));
	ck_assert_uint_eq(m->nheaders, 14);
	ck_assert_ptr_nonnull(strstr(message_hvalue(m, "Content-Type"), "multipart/report"));
	ck_assert_str_eq(m->parts[0].content_type, "multipart/report");
	ck_assert_ptr_nonnull(message_hvalue(m, "Subject"));
	ck_assert_ptr_nonnull(strstr(message_hvalue(m, "Subject"), "Feedback Report"));
}
END_TEST

START_TEST(torture_attachments)
{
	load_file(TORTURE("attachment_nonascii_filename.eml"));
	ck_assert_str_eq(m->parts[2].filename, "ciële.txt");
	load_file(TORTURE("attachment_message_rfc822.eml"));
	ck_assert_str_eq(m->parts[2].content_type, "message/rfc822");
	ck_assert(m->parts[1].is_body);
	ck_assert_str_eq(m->parts[5].filename, "broken.pdf");
	load_file(TORTURE("gmime-empty1.msg"));
	ck_assert_str_eq(m->body, "");
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("message");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	message_init();
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, seed_smartalk_iso2022jp);
	tcase_add_test(tc, seed_amex_utf8);
	tcase_add_test(tc, seed_smbc_utf8_name);
	tcase_add_test(tc, seed_pocketcard_html);
	tcase_add_test(tc, seed_amazon_html);
	tcase_add_test(tc, seed_ana_iso2022jp);
	tcase_add_test(tc, rfc2047_split_multibyte);
	tcase_add_test(tc, rfc2047_lenient_placement);
	tcase_add_test(tc, rfc2047_wrong_and_missing_labels);
	tcase_add_test(tc, subject_unlabelled_shift_jis_in_message);
	tcase_add_test(tc, mime_tree);
	tcase_add_test(tc, body_choice);
	tcase_add_test(tc, errors);
	tcase_add_test(tc, stdin_dash);
	tcase_add_test(tc, ten_thousand_parts);
	tcase_add_test(tc, header_lead_as_written);
	tcase_add_test(tc, attachment_sha256);
	tcase_add_test(tc, nested_parts_counted_before_parsing);
	tcase_add_test(tc, dash_lines_are_not_parts);
	tcase_add_test(tc, parts_at_the_cap);
	tcase_add_test(tc, megabyte_header);
	tcase_add_test(tc, many_headers);
	tcase_add_test(tc, torture_japanese);
	tcase_add_test(tc, torture_korean);
	tcase_add_test(tc, torture_boundaries);
	tcase_add_test(tc, torture_cr_only);
	tcase_add_test(tc, torture_attachments);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
