/* attach.c — risky attachments by name, magic number and (for archives and HTML) their first bytes; never opened or run. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attach.h"
#include "findings.h"
#include "i18n.h"
#include "message.h"
#include "util.h"

/* Bytes of an attachment read for these checks. */
#define ATTACH_READ (2u << 20)

/* Extensions that run code or mount a disk when opened on Windows or macOS. */
static const char *const run_ext[] = {
	"exe", "scr", "com", "pif", "bat", "cmd", "js", "jse", "vbs", "vbe", "wsf", "wsh", "hta",
	"lnk", "iso", "img", "vhd", "vhdx", "msi", "msix", "appx", "appxbundle", "jar", "ps1", "psm1",
	"reg", "cpl", "chm", "one", "xll", "url", "scf", "application", "gadget", "msc", "sct",
	"inf", "dmg", "pkg", "app", "apk", "dll", "sys", "ocx", "library-ms", "search-ms", "settingcontent-ms",
};
static const char *const macro_ext[] = {
	"docm", "dotm", "xlsm", "xltm", "xlam", "pptm", "potm", "ppam", "ppsm", "sldm", "xlsb",
};
static const char *const html_ext[] = { "html", "htm", "shtml", "xhtml", "mht", "mhtml", "svg" };
static const char *const archive_ext[] = { "zip", "rar", "7z", "gz", "tgz", "bz2", "xz", "cab", "ace", "arj", "lzh", "z" };

static bool
in_list(const char *ext, const char *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (ascii_strcasecmp(ext, v[i]) == 0)
			return true;
	return false;
}
#define IN(ext, list) in_list(ext, list, sizeof list / sizeof list[0])

/* The last extension of name, trailing dots and spaces ignored ("a.exe. " -> "exe"); "" if none. */
static void
last_ext(const char *name, char *out, size_t cap, size_t *before)
{
	size_t n = strlen(name), e;

	*out = '\0';
	while (n > 0 && (name[n - 1] == ' ' || name[n - 1] == '.'))
		n--;
	e = n;
	while (e > 0 && name[e - 1] != '.' && name[e - 1] != '/' && name[e - 1] != '\\')
		e--;
	if (e == 0 || name[e - 1] != '.' || n - e >= cap || n == e)
		return;
	memcpy(out, name + e, n - e);
	out[n - e] = '\0';
	if (before != NULL)
		*before = e - 1;
}

static bool
has_bidi_override(const char *s)
{
	/* U+202A-U+202E, U+2066-U+2069 */
	for (; *s != '\0'; s++)
		if ((unsigned char)s[0] == 0xE2 && (((unsigned char)s[1] == 0x80 &&
		    (unsigned char)s[2] >= 0xAA && (unsigned char)s[2] <= 0xAE) ||
		    ((unsigned char)s[1] == 0x81 && (unsigned char)s[2] >= 0xA6 && (unsigned char)s[2] <= 0xA9)))
			return true;
	return false;
}

/* Reason for a name alone, or NULL. */
static char *
name_risk(const char *name)
{
	char ext[32], prev[32];
	size_t dot = 0;

	if (name == NULL || *name == '\0')
		return NULL;
	if (has_bidi_override(name))
		return xasprintf(_("the name \"%s\" holds a right-to-left override that disguises its extension"), name);
	last_ext(name, ext, sizeof ext, &dot);
	if (*ext == '\0')
		return NULL;
	if (IN(ext, run_ext)) {
		char *stem = xstrndup(name, dot);

		last_ext(stem, prev, sizeof prev, NULL);
		free(stem);
		if (*prev != '\0' && !IN(prev, run_ext))
			return xasprintf(_("\"%s\" is a .%s program behind a decoy .%s extension"), name, ext, prev);
		return xasprintf(_("\"%s\" is a .%s file: it runs or mounts when opened"), name, ext);
	}
	if (IN(ext, macro_ext))
		return xasprintf(_("\"%s\" is a macro-enabled Office file"), name);
	return NULL;
}

static bool
has_ci(const char *data, size_t len, const char *needle)
{
	size_t n = strlen(needle);

	for (size_t i = 0; i + n <= len; i++)
		if (ascii_strncasecmp(data + i, needle, n) == 0)
			return true;
	return false;
}

static bool
has_bytes(const char *data, size_t len, const char *needle, size_t n)
{
	return n <= len && memmem(data, len, needle, n) != NULL;
}

static unsigned
le16(const unsigned char *p)
{
	return p[0] | (unsigned)p[1] << 8;
}

static unsigned long
le32(const unsigned char *p)
{
	return p[0] | (unsigned long)p[1] << 8 | (unsigned long)p[2] << 16 | (unsigned long)p[3] << 24;
}

struct zipinfo {
	bool encrypted;
	bool macro;           /* vbaProject.bin inside an OOXML package */
	char *risky_member;   /* first member whose name is risky */
	int members;
};

/* Walk the local file headers of a ZIP (APPNOTE 4.3.7) in the bytes we have. */
static void
zip_scan(const unsigned char *d, size_t len, struct zipinfo *z)
{
	size_t off = 0;

	memset(z, 0, sizeof *z);
	while (off + 30 <= len && le32(d + off) == 0x04034b50UL && z->members < 10000) {
		unsigned flags = le16(d + off + 6);
		unsigned long csize = le32(d + off + 18);
		unsigned nlen = le16(d + off + 26), xlen = le16(d + off + 28);
		char *name;

		if (off + 30 + nlen > len)
			break;
		z->members++;
		if (flags & 1)
			z->encrypted = true;
		name = xstrndup((const char *)d + off + 30, nlen);
		if (strstr(name, "vbaProject.bin") != NULL)
			z->macro = true;
		if (z->risky_member == NULL) {
			char *why = name_risk(name);

			if (why != NULL) {
				z->risky_member = name;
				name = NULL;
				free(why);
			}
		}
		free(name);
		/* Sizes follow the data when bit 3 is set: stop there, the names seen so far are what we have. */
		if ((flags & 8) && csize == 0)
			break;
		off += 30 + nlen + xlen + csize;
	}
}

/* The body gives a password ("パスワード: abc123", "password is ..."): the archive is encrypted to get past scanners. */
static bool
body_gives_password(const char *body)
{
	static const char *const words[] = {
		"パスワード", "暗証", "解凍", "password", "passwort", "senha", "contraseña", "mot de passe", "pwd", "pw:", "pw：", "密码",
	};

	if (body == NULL)
		return false;
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (ascii_strcasestr(body, words[i]) != NULL)
			return true;
	return false;
}

char *
attach_risk(const char *name, const char *ctype, const char *data, size_t len, const char *body)
{
	const unsigned char *d = (const unsigned char *)data;
	char ext[32], *why;
	const char *shown = name != NULL ? name : "(unnamed)";
	bool htmlish;

	ext[0] = '\0';
	if (name != NULL)
		last_ext(name, ext, sizeof ext, NULL);
	if ((why = name_risk(name)) != NULL)
		return why;
	if (d != NULL) {
		/* Programs and shortcuts by magic number, whatever the name says. */
		if (len >= 64 && d[0] == 'M' && d[1] == 'Z' && le32(d + 60) + 4 <= len &&
		    memcmp(d + le32(d + 60), "PE\0\0", 4) == 0)
			return xasprintf(_("\"%s\" is a Windows program (PE executable)"), shown);
		if (len >= 2 && d[0] == 'M' && d[1] == 'Z')
			return xasprintf(_("\"%s\" is a DOS/Windows executable (MZ header)"), shown);
		if (len >= 4 && memcmp(d, "\x7f" "ELF", 4) == 0)
			return xasprintf(_("\"%s\" is a Linux program (ELF)"), shown);
		if (len >= 4 && (le32(d) == 0xFEEDFACEUL || le32(d) == 0xFEEDFACFUL || le32(d) == 0xBEBAFECAUL))
			return xasprintf(_("\"%s\" is a macOS program (Mach-O)"), shown);
		if (len >= 20 && le32(d) == 0x4CUL && memcmp(d + 4, "\x01\x14\x02\x00", 4) == 0)
			return xasprintf(_("\"%s\" is a Windows shortcut (.lnk)"), shown);
		if (len >= 0x8006 && memcmp(d + 0x8001, "CD001", 5) == 0)
			return xasprintf(_("\"%s\" is a disk image (ISO 9660)"), shown);
		if (len >= 8 && memcmp(d, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) == 0 &&
		    (has_bytes(data, len, "_VBA_PROJECT", 12) ||
		    has_bytes(data, len, "V\0B\0A\0", 6) || has_bytes(data, len, "M\0a\0c\0r\0o\0s", 11)))
			return xasprintf(_("\"%s\" is an Office document with macros"), shown);
		if (len >= 4 && memcmp(d, "PK\x03\x04", 4) == 0) {
			struct zipinfo z;
			char *r = NULL;

			zip_scan(d, len, &z);
			if (z.macro)
				r = xasprintf(_("\"%s\" is an Office document with macros (vbaProject.bin)"), shown);
			else if (z.risky_member != NULL)
				r = xasprintf(_("the archive \"%s\" holds \"%s\""), shown, z.risky_member);
			else if (z.encrypted && body_gives_password(body))
				r = xasprintf(_("the archive \"%s\" is encrypted and the message gives its password"), shown);
			free(z.risky_member);
			if (r != NULL)
				return r;
		}
		/* RAR and 7-Zip headers are not walked: encrypted ones with a password in the body are the lure. */
		if (((len >= 6 && memcmp(d, "Rar!\x1a\x07", 6) == 0) ||
		    (len >= 6 && memcmp(d, "7z\xbc\xaf\x27\x1c", 6) == 0)) && body_gives_password(body))
			return xasprintf(_("the archive \"%s\" cannot be scanned and the message gives a password"), shown);
	}
	/* HTML attachments that ask for a login or bounce the reader elsewhere. */
	htmlish = IN(ext, html_ext) || (ctype != NULL && (strcmp(ctype, "text/html") == 0 ||
	    strcmp(ctype, "image/svg+xml") == 0 || strcmp(ctype, "application/xhtml+xml") == 0));
	if (!htmlish && d != NULL && len >= 5) {
		size_t i = 0;

		while (i < len && i < 64 && (d[i] == ' ' || d[i] == '\n' || d[i] == '\r' || d[i] == '\t' || d[i] == 0xEF ||
		    d[i] == 0xBB || d[i] == 0xBF))
			i++;
		htmlish = has_ci(data + i, len - i < 16 ? len - i : 16, "<html") ||
		    has_ci(data + i, len - i < 16 ? len - i : 16, "<!doctype html");
	}
	if (htmlish && d != NULL) {
		if (has_ci(data, len, "<form") || has_ci(data, len, "type=\"password\"") ||
		    has_ci(data, len, "type=password") || has_ci(data, len, "type='password'"))
			return xasprintf(_("the HTML attachment \"%s\" holds a form"), shown);
		if (has_ci(data, len, "<script") && (has_ci(data, len, "location") || has_ci(data, len, "atob(") ||
		    has_ci(data, len, "unescape(") || has_ci(data, len, "eval(") || has_ci(data, len, "fetch(")))
			return xasprintf(_("the HTML attachment \"%s\" runs a script that loads or redirects"), shown);
		if (has_ci(data, len, "http-equiv=\"refresh\"") || has_ci(data, len, "http-equiv=refresh"))
			return xasprintf(_("the HTML attachment \"%s\" redirects to a web page"), shown);
	}
	if (IN(ext, archive_ext) && d == NULL && body_gives_password(body))
		return xasprintf(_("the archive \"%s\" comes with a password in the message"), shown);
	return NULL;
}

void
attach_check(const struct message *m, struct findings *fs)
{
	if (m == NULL)
		return;
	for (size_t i = 0; i < m->nparts; i++) {
		const struct mime_part *mp = &m->parts[i];
		char *data = NULL, *why, where[40];
		size_t len = 0;

		if (mp->is_body || strncmp(mp->content_type, "multipart/", 10) == 0)
			continue;
		/* Attachments, and inline parts that are not text a client shows. */
		if (!mp->is_attachment && mp->filename == NULL && strncmp(mp->content_type, "text/", 5) == 0)
			continue;
		if (strcmp(mp->content_type, "message/rfc822") == 0 || strcmp(mp->content_type, "message/delivery-status") == 0)
			continue;
		message_part_content(m, i, ATTACH_READ, &data, &len, NULL);
		why = attach_risk(mp->filename, mp->content_type, data, len, m->body);
		if (why != NULL) {
			snprintf(where, sizeof where, "attachment[%d]", mp->index);
			finding_add(fs, F_ATTACHMENT_RISKY, -1, where, -1, -1, "%s", why);
			free(why);
		}
		free(data);
	}
}
