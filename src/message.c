/* message.c — load a message with GMime: headers decoded our way, the body a mail client would show, the MIME tree. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gmime/gmime.h>
#include <unistr.h>

#include "charset.h"
#include "html.h"
#include "i18n.h"
#include "message.h"
#include "util.h"

/*
 * GMime parses the structure; header values (RFC 2047), file names
 * (RFC 2231) and every charset conversion go through our own code so that
 * ISO-2022-JP with the CP50220 extensions, split multi-byte characters and
 * wrong labels come out as a Japanese mail client shows them. Content is
 * decoded through a GMime filter stream in chunks, so a 100 MB attachment is
 * counted without being held in memory. See doc/VIOLATIONS.md.
 */

#define HTML_MAX_SOURCE   (2 * MESSAGE_MAX_BODY)  /* bytes of HTML handed to the renderer */
#define MAX_CHOOSE_DEPTH  64                      /* multipart nesting looked into for the body */
#define MAX_PARAM_SECTIONS 64                     /* RFC 2231 continuations kept */

struct priv {
	GMimeObject **objs;        /* parallel to message.parts while loading (borrowed from msg) */
	GMimeMessage *msg;
	struct html_doc *html;     /* when the body was HTML */
	size_t parts_cap, notices_cap;
	char **content;            /* parallel to message.parts: decoded bytes of attachments (ATTACH_KEEP at most), else NULL */
	size_t *content_len;
	bool *content_trunc;
	struct text_part *text;    /* parallel to message.parts while loading: decoded renderable parts */
};

/* A renderable part decoded while the tree is walked, so that the body is not decoded twice. */
struct text_part {
	struct buf b;
	bool read;    /* b holds the part (up to its body cap) */
	int more;     /* there was more than the cap */
};

/* Bytes of each attachment kept for content checks (magic numbers, archive headers, HTML forms). */
#define ATTACH_KEEP (2u << 20)

static void
log_nothing(const gchar *domain, GLogLevelFlags level, const gchar *text, gpointer data)
{
	(void)domain;
	(void)level;
	(void)text;
	(void)data;
}

void
message_init(void)
{
	static int done;

	if (done)
		return;
	done = 1;
	g_mime_init();
	/* GMime and GLib report malformed input on stderr; the core never prints. */
	g_log_set_default_handler(log_nothing, NULL);
	g_log_set_handler("gmime", G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION,
	    log_nothing, NULL);
	g_log_set_handler("GLib", G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL |
	    G_LOG_LEVEL_MESSAGE | G_LOG_LEVEL_INFO | G_LOG_LEVEL_DEBUG, log_nothing, NULL);
	g_log_set_handler("GLib-GObject", G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL |
	    G_LOG_LEVEL_MESSAGE | G_LOG_LEVEL_INFO | G_LOG_LEVEL_DEBUG, log_nothing, NULL);
}

static void
notice_add(struct message *m, char *s)
{
	struct priv *p = m->priv;

	for (size_t i = 0; i < m->nnotices; i++) {
		if (strcmp(m->notices[i], s) == 0) {
			free(s);
			return;
		}
	}
	if (m->nnotices == p->notices_cap) {
		p->notices_cap = p->notices_cap ? p->notices_cap * 2 : 4;
		m->notices = xreallocarray(m->notices, p->notices_cap, sizeof *m->notices);
	}
	m->notices[m->nnotices++] = s;
}

/* Cut a UTF-8 string to at most max bytes on a character boundary. */
static size_t
utf8_cut(char *s, size_t len, size_t max)
{
	if (len <= max)
		return len;
	while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	s[max] = '\0';
	return max;
}

/* ---- RFC 2047 ---- */

/* A piece of a header value: raw text or the decoded bytes of encoded words in one charset. */
struct piece {
	int encoded;
	char charset[64];
	struct buf bytes;
	int b64_state;            /* base64 carried over from a word cut short (broken encoders) */
	guint32 b64_save;
};

static int
is_wsp(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Q encoding (RFC 2047 §4.2): "_" is a space, =XX a byte; anything else as is. */
static void
q_decode(const char *s, size_t n, struct buf *out)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '_')
			buf_addc(out, ' ');
		else if (s[i] == '=' && i + 2 < n && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
			buf_addc(out, (char)(hexval(s[i + 1]) << 4 | hexval(s[i + 2])));
			i += 2;
		} else
			buf_addc(out, s[i]);
	}
}

/*
 * Parse an encoded word at p (which starts "=?"): charset, encoding and text.
 * Lenient: lower-case b/q, an RFC 2231 "*lang" suffix, a missing "?=" (the
 * word ends at white space or the next "=?"). Returns the end of the word,
 * or NULL if this is not an encoded word.
 */
static const char *
encoded_word(const char *p, const char *end, char *charset, size_t cslen, char *enc,
    const char **text, size_t *textlen)
{
	const char *q = p + 2, *cs = q, *t;
	size_t n;

	while (q < end && *q != '?' && !is_wsp(*q) && q - cs < 60)
		q++;
	if (q >= end || *q != '?' || q == cs)
		return NULL;
	n = (size_t)(q - cs);
	if (n >= cslen)
		return NULL;
	memcpy(charset, cs, n);
	charset[n] = '\0';
	q++;
	if (q + 1 >= end || (*q != 'b' && *q != 'B' && *q != 'q' && *q != 'Q') || q[1] != '?')
		return NULL;
	*enc = (char)(*q | 0x20);
	q += 2;
	t = q;
	/* The text ends at "?=", or for a broken word at white space or the next word. */
	while (q < end && !(q[0] == '?' && q + 1 < end && q[1] == '=')) {
		if (is_wsp(*q) || (q[0] == '=' && q + 2 < end && q[1] == '?' && q[2] != '=' && q > t))
			break;
		q++;
	}
	*text = t;
	*textlen = (size_t)(q - t);
	if (q < end && q[0] == '?' && q + 1 < end && q[1] == '=')
		return q + 2;
	return q;
}

static struct piece *
piece_new(struct piece **v, size_t *n, size_t *cap, int encoded, const char *charset)
{
	struct piece *pc;

	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		*v = xreallocarray(*v, *cap, sizeof **v);
	}
	pc = &(*v)[(*n)++];
	memset(pc, 0, sizeof *pc);
	pc->encoded = encoded;
	if (charset != NULL)
		snprintf(pc->charset, sizeof pc->charset, "%s", charset);
	buf_init(&pc->bytes);
	return pc;
}

static int
only_space(const struct buf *b)
{
	for (size_t i = 0; i < b->len; i++) {
		if (!is_wsp(b->s[i]))
			return 0;
	}
	return 1;
}

char *
message_decode_header(const char *raw)
{
	const char *p, *end, *text, *next;
	struct piece *v = NULL, *pc;
	size_t n = 0, cap = 0, textlen;
	struct buf out, plain;
	const char *detected = NULL;
	char cs[64], enc;
	int eight = 0;

	if (raw == NULL)
		return xstrdup("");
	/*
	 * Most header values are plain ASCII with no encoded word: unfolding
	 * and squeezing white space is all they need.
	 */
	for (p = raw; *p != '\0' && (unsigned char)*p < 0x80 && *p != 0x1b && !(p[0] == '=' && p[1] == '?'); p++)
		;
	if (*p == '\0') {
		char *plain_copy = xstrdup(raw);

		str_squeeze_space(plain_copy);
		return plain_copy;
	}
	p = raw;
	end = raw + strlen(raw);
	while (p < end) {
		if (p[0] == '=' && p + 1 < end && p[1] == '?' &&
		    (next = encoded_word(p, end, cs, sizeof cs, &enc, &text, &textlen)) != NULL) {
			/*
			 * RFC 2047 §6.2: white space between adjacent words goes. Words
			 * in the same charset are joined before conversion, so a
			 * character split across two words survives.
			 */
			if (n > 0 && !v[n - 1].encoded && only_space(&v[n - 1].bytes) &&
			    n > 1 && v[n - 2].encoded) {
				buf_free(&v[n - 1].bytes);
				n--;
			}
			if (n > 0 && v[n - 1].encoded && ascii_strcasecmp(v[n - 1].charset, cs) == 0)
				pc = &v[n - 1];
			else
				pc = piece_new(&v, &n, &cap, 1, cs);
			if (enc == 'b') {
				guchar *dst = xmalloc(textlen + 4);
				size_t k;

				/* Keep the decoder state only across words cut short without padding. */
				k = g_mime_encoding_base64_decode_step((const guchar *)text, textlen, dst,
				    &pc->b64_state, &pc->b64_save);
				buf_add(&pc->bytes, (char *)dst, k);
				free(dst);
				if (textlen > 0 && text[textlen - 1] == '=') {
					pc->b64_state = 0;
					pc->b64_save = 0;
				}
			} else {
				q_decode(text, textlen, &pc->bytes);
				pc->b64_state = 0;
				pc->b64_save = 0;
			}
			p = next;
			continue;
		}
		if (n == 0 || v[n - 1].encoded)
			pc = piece_new(&v, &n, &cap, 0, NULL);
		else
			pc = &v[n - 1];
		/* RFC 5322 §2.2.3 unfolding: line breaks go, white space stays. */
		if (*p == '\r' || *p == '\n') {
			if (p + 1 < end && (p[1] == ' ' || p[1] == '\t' || (p[0] == '\r' && p[1] == '\n'))) {
				p++;
				continue;
			}
			buf_addc(&pc->bytes, ' ');
			p++;
			continue;
		}
		if ((unsigned char)*p >= 0x80 || *p == 0x1b)
			eight = 1;
		buf_addc(&pc->bytes, *p++);
	}

	/* Unlabelled 8-bit (or ISO-2022-JP escapes) in the raw text: one guess for all of it. */
	if (eight) {
		buf_init(&plain);
		for (size_t i = 0; i < n; i++) {
			if (!v[i].encoded)
				buf_add(&plain, v[i].bytes.s, v[i].bytes.len);
		}
		detected = charset_detect(plain.s, plain.len);
		buf_free(&plain);
	}
	buf_init(&out);
	for (size_t i = 0; i < n; i++) {
		char *u;
		size_t ulen;

		if (v[i].encoded)
			u = charset_to_utf8(v[i].bytes.s, v[i].bytes.len, v[i].charset, &ulen, NULL);
		else if (detected != NULL)
			u = charset_to_utf8(v[i].bytes.s, v[i].bytes.len, detected, &ulen, NULL);
		else
			u = charset_to_utf8(v[i].bytes.s, v[i].bytes.len, "US-ASCII", &ulen, NULL);
		buf_add(&out, u, ulen);
		free(u);
		buf_free(&v[i].bytes);
	}
	free(v);
	if (out.s == NULL)
		return xstrdup("");
	str_squeeze_space(out.s);
	return buf_take(&out);
}

/* ---- RFC 2231 parameters ---- */

static void
pct_decode(const char *s, struct buf *out)
{
	for (; *s != '\0'; s++) {
		if (*s == '%' && hexval(s[1]) >= 0 && hexval(s[2]) >= 0) {
			buf_addc(out, (char)(hexval(s[1]) << 4 | hexval(s[2])));
			s += 2;
		} else
			buf_addc(out, *s);
	}
}

/*
 * The decoded value of parameter want in a raw Content-Type or
 * Content-Disposition value: RFC 2231 extended (want*=cs'lang'%XX) and
 * continued (want*0*=, want*1=) forms first, then want= with RFC 2047 words
 * or raw 8-bit bytes (which is what Japanese mailers send). NULL if absent.
 */
static char *
param_decode(const char *raw, const char *want)
{
	char *sect[MAX_PARAM_SECTIONS] = { NULL };
	int sect_enc[MAX_PARAM_SECTIONS] = { 0 };
	char *plain = NULL, *ext = NULL, *result = NULL;
	size_t wl = strlen(want);
	const char *p = raw;
	int nsect = 0;

	if (raw == NULL)
		return NULL;
	/* Skip the type or disposition itself. */
	while (*p != '\0' && *p != ';')
		p++;
	while (*p != '\0') {
		const char *name, *nend;
		struct buf val;

		while (*p == ';' || is_wsp(*p))
			p++;
		name = p;
		while (*p != '\0' && *p != '=' && *p != ';')
			p++;
		nend = p;
		while (nend > name && is_wsp(nend[-1]))
			nend--;
		if (*p != '=') {
			continue;
		}
		p++;
		while (is_wsp(*p))
			p++;
		buf_init(&val);
		if (*p == '"') {
			for (p++; *p != '\0' && *p != '"'; p++) {
				if (*p == '\\' && p[1] != '\0')
					p++;
				if (*p == '\r' || *p == '\n')
					continue;
				buf_addc(&val, *p);
			}
			if (*p == '"')
				p++;
			while (*p != '\0' && *p != ';')
				p++;
		} else {
			const char *s = p;

			while (*p != '\0' && *p != ';')
				p++;
			buf_add(&val, s, (size_t)(p - s));
			if (val.s != NULL)
				str_squeeze_space(val.s);
		}
		if (val.s == NULL)
			buf_adds(&val, "");
		if ((size_t)(nend - name) >= wl && ascii_strncasecmp(name, want, wl) == 0) {
			const char *rest = name + wl;
			size_t rl = (size_t)(nend - rest);

			if (rl == 0 && plain == NULL) {
				plain = buf_take(&val);
			} else if (rl == 1 && *rest == '*' && ext == NULL) {
				ext = buf_take(&val);
			} else if (rl >= 2 && *rest == '*' && rest[1] >= '0' && rest[1] <= '9') {
				int k = 0;
				const char *d = rest + 1;

				while (d < nend && *d >= '0' && *d <= '9' && k < 1000)
					k = k * 10 + (*d++ - '0');
				if (k < MAX_PARAM_SECTIONS && sect[k] == NULL) {
					sect_enc[k] = d < nend && *d == '*';
					sect[k] = buf_take(&val);
					if (k + 1 > nsect)
						nsect = k + 1;
				}
			}
		}
		buf_free(&val);
	}

	if (ext != NULL || nsect > 0) {
		struct buf bytes;
		char charset[64] = "";
		const char *s;

		buf_init(&bytes);
		if (ext != NULL) {
			s = ext;
			if (strchr(s, '\'') != NULL) {
				const char *q1 = strchr(s, '\''), *q2 = strchr(q1 + 1, '\'');

				snprintf(charset, sizeof charset, "%.*s", (int)(q1 - s), s);
				s = q2 != NULL ? q2 + 1 : q1 + 1;
			}
			pct_decode(s, &bytes);
		} else {
			for (int k = 0; k < nsect; k++) {
				if ((s = sect[k]) == NULL)
					continue;
				if (sect_enc[k]) {
					if (k == 0 && strchr(s, '\'') != NULL) {
						const char *q1 = strchr(s, '\''), *q2 = strchr(q1 + 1, '\'');

						snprintf(charset, sizeof charset, "%.*s", (int)(q1 - s), s);
						s = q2 != NULL ? q2 + 1 : q1 + 1;
					}
					pct_decode(s, &bytes);
				} else
					buf_adds(&bytes, s);
			}
		}
		if (bytes.len > 0 || ext != NULL)
			result = charset_to_utf8(bytes.s, bytes.len, *charset ? charset : NULL, NULL, NULL);
		buf_free(&bytes);
	}
	if (result == NULL && plain != NULL)
		result = message_decode_header(plain);
	free(plain);
	free(ext);
	for (int k = 0; k < MAX_PARAM_SECTIONS; k++)
		free(sect[k]);
	if (result != NULL && *result == '\0') {
		free(result);
		result = NULL;
	}
	return result;
}

/* Raw value of a header of this object, or NULL. */
static const char *
object_raw_header(GMimeObject *o, const char *name)
{
	GMimeHeaderList *hl = g_mime_object_get_header_list(o);
	int n = hl != NULL ? g_mime_header_list_get_count(hl) : 0;

	for (int i = 0; i < n; i++) {
		GMimeHeader *h = g_mime_header_list_get_header_at(hl, i);
		const char *hn = g_mime_header_get_name(h);

		if (hn != NULL && ascii_strcasecmp(hn, name) == 0)
			return g_mime_header_get_raw_value(h);
	}
	return NULL;
}

static char *
part_filename(GMimeObject *o)
{
	char *f;
	const char *g;

	if ((f = param_decode(object_raw_header(o, "Content-Disposition"), "filename")) != NULL)
		return f;
	if ((f = param_decode(object_raw_header(o, "Content-Type"), "name")) != NULL)
		return f;
	if (GMIME_IS_PART(o) && (g = g_mime_part_get_filename(GMIME_PART(o))) != NULL && *g != '\0') {
		if (u8_check((const uint8_t *)g, strlen(g)) == NULL)
			return xstrdup(g);
		return charset_to_utf8(g, strlen(g), NULL, NULL, NULL);
	}
	return NULL;
}

/* ---- content ---- */

/*
 * Decode a leaf part's content through GMime's filters, keeping at most
 * cap bytes in out (out may be NULL), and return the full decoded size.
 * *more is set when bytes were dropped.
 */
static size_t
part_read(GMimePart *part, struct buf *out, size_t cap, int *more, GChecksum *ck)
{
	GMimeDataWrapper *w = g_mime_part_get_content(part);
	GMimeStream *s, *f;
	GMimeContentEncoding enc;
	char chunk[65536];
	size_t total = 0;
	ssize_t k;

	if (more != NULL)
		*more = 0;
	if (w == NULL || (s = g_mime_data_wrapper_get_stream(w)) == NULL)
		return 0;
	enc = g_mime_data_wrapper_get_encoding(w);
	if (g_mime_stream_reset(s) == -1)
		return 0;
	f = g_mime_stream_filter_new(s);
	if (enc == GMIME_CONTENT_ENCODING_BASE64 || enc == GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE ||
	    enc == GMIME_CONTENT_ENCODING_UUENCODE) {
		GMimeFilter *dec = g_mime_filter_basic_new(enc, FALSE);

		g_mime_stream_filter_add(GMIME_STREAM_FILTER(f), dec);
		g_object_unref(dec);
	}
	while ((k = g_mime_stream_read(f, chunk, sizeof chunk)) > 0) {
		total += (size_t)k;
		if (ck != NULL)   /* every byte, past the cap too: the hash analysts look up */
			g_checksum_update(ck, (const guchar *)chunk, k);
		if (out != NULL && out->len < cap) {
			size_t take = (size_t)k < cap - out->len ? (size_t)k : cap - out->len;

			buf_add(out, chunk, take);
			if (take < (size_t)k && more != NULL)
				*more = 1;
		} else if (out != NULL && more != NULL)
			*more = 1;
	}
	/* Flush what the decoder holds back (a trailing partial QP line, say). */
	g_mime_stream_flush(f);
	g_object_unref(f);
	g_mime_stream_reset(s);
	return total;
}

static char *
mime_type_of(GMimeObject *o)
{
	GMimeContentType *ct = g_mime_object_get_content_type(o);
	char *t, *c;

	if (ct == NULL)
		return xstrdup("text/plain");
	t = g_mime_content_type_get_mime_type(ct);
	c = xstrdup(t != NULL ? t : "text/plain");
	g_free(t);
	ascii_lower(c);
	return c;
}

static int
renderable(const char *type)
{
	return strcmp(type, "text/plain") == 0 || strcmp(type, "text/html") == 0;
}

static struct mime_part *
part_of(struct message *m, GMimeObject *o)
{
	struct priv *p = m->priv;

	for (size_t i = 0; i < m->nparts; i++) {
		if (p->objs[i] == o)
			return &m->parts[i];
	}
	return NULL;
}

/*
 * The parts a mail client would display inline, in order: in
 * multipart/alternative the last alternative it can render, in
 * multipart/related the root, in multipart/mixed (and any other multipart)
 * every inline text part, so that a text/plain part cannot stand in for
 * the text/html one beside it. Attached messages are never the body. Only
 * parts that were walked (within MESSAGE_MAX_PARTS) are considered; at most
 * max are put in out. Returns how many were.
 */
static size_t
choose_bodies(struct message *m, GMimeObject *o, int depth, GMimeObject **out, size_t max)
{
	struct mime_part *mp = part_of(m, o);
	GMimeMultipart *mul;
	size_t k = 0;
	int n;

	if (mp == NULL || depth > MAX_CHOOSE_DEPTH || max == 0)
		return 0;
	if (GMIME_IS_MESSAGE_PART(o))
		return 0;
	if (GMIME_IS_PART(o)) {
		if (!renderable(mp->content_type) || mp->is_attachment)
			return 0;
		out[0] = o;
		return 1;
	}
	if (!GMIME_IS_MULTIPART(o))
		return 0;
	mul = GMIME_MULTIPART(o);
	n = g_mime_multipart_get_count(mul);
	if (n > MESSAGE_MAX_PARTS)
		n = MESSAGE_MAX_PARTS;
	if (strcmp(mp->content_type, "multipart/alternative") == 0) {
		for (int i = n - 1; i >= 0; i--) {
			if ((k = choose_bodies(m, g_mime_multipart_get_part(mul, i), depth + 1, out, max)) > 0)
				return k;
		}
		return 0;
	}
	if (strcmp(mp->content_type, "multipart/related") == 0) {
		for (int i = 0; i < n; i++) {
			if ((k = choose_bodies(m, g_mime_multipart_get_part(mul, i), depth + 1, out, max)) > 0)
				return k;
		}
		return 0;
	}
	for (int i = 0; i < n && k < max; i++)
		k += choose_bodies(m, g_mime_multipart_get_part(mul, i), depth + 1, out + k, max - k);
	return k;
}

/* ---- the tree ---- */

struct walk {
	GMimeObject *obj;
	int depth;
};

/* Bytes of a part read as the body: HTML gets more, its markup is not shown. */
static size_t
body_cap(const struct mime_part *mp)
{
	return strcmp(mp->content_type, "text/html") == 0 ? HTML_MAX_SOURCE : MESSAGE_MAX_BODY;
}

static void
part_add(struct message *m, GMimeObject *o, int depth)
{
	struct priv *p = m->priv;
	struct mime_part *mp;
	const char *cs, *disp;

	if (m->nparts == p->parts_cap) {
		p->parts_cap = p->parts_cap ? p->parts_cap * 2 : 16;
		m->parts = xreallocarray(m->parts, p->parts_cap, sizeof *m->parts);
		p->objs = xreallocarray(p->objs, p->parts_cap, sizeof *p->objs);
		p->content = xreallocarray(p->content, p->parts_cap, sizeof *p->content);
		p->content_len = xreallocarray(p->content_len, p->parts_cap, sizeof *p->content_len);
		p->content_trunc = xreallocarray(p->content_trunc, p->parts_cap, sizeof *p->content_trunc);
		p->text = xreallocarray(p->text, p->parts_cap, sizeof *p->text);
	}
	memset(&p->text[m->nparts], 0, sizeof *p->text);
	p->content[m->nparts] = NULL;
	p->content_len[m->nparts] = 0;
	p->content_trunc[m->nparts] = false;
	mp = &m->parts[m->nparts];
	memset(mp, 0, sizeof *mp);
	p->objs[m->nparts] = o;
	mp->index = (int)m->nparts++;
	mp->depth = depth;
	mp->content_type = mime_type_of(o);
	if ((cs = g_mime_object_get_content_type_parameter(o, "charset")) != NULL && *cs != '\0')
		mp->charset = charset_to_utf8(cs, strlen(cs), "US-ASCII", NULL, NULL);
	if ((disp = g_mime_object_get_disposition(o)) != NULL && *disp != '\0') {
		mp->disposition = xstrdup(disp);
		ascii_lower(mp->disposition);
	}
	if (!GMIME_IS_MULTIPART(o) && !GMIME_IS_MESSAGE_PART(o))
		mp->filename = part_filename(o);
	mp->is_attachment = (mp->disposition != NULL && strcmp(mp->disposition, "attachment") == 0) ||
	    (mp->filename != NULL && !(renderable(mp->content_type) &&
	    (mp->disposition == NULL || strcmp(mp->disposition, "inline") == 0)));
	if (GMIME_IS_MESSAGE_PART(o) && mp->disposition != NULL)
		mp->is_attachment = strcmp(mp->disposition, "attachment") == 0;
	if (GMIME_IS_PART(o) && (mp->is_attachment || !renderable(mp->content_type))) {
		struct buf b;
		int more = 0;
		size_t i = (size_t)mp->index;

		GChecksum *ck = g_checksum_new(G_CHECKSUM_SHA256);

		buf_init(&b);
		buf_add(&b, "", 0);
		mp->size = part_read(GMIME_PART(o), &b, ATTACH_KEEP, &more, ck);
		snprintf(mp->sha256, sizeof mp->sha256, "%s", g_checksum_get_string(ck));
		g_checksum_free(ck);
		p->content_len[i] = b.len;
		p->content[i] = buf_take(&b);
		p->content_trunc[i] = more != 0;
	} else if (GMIME_IS_PART(o)) {
		struct text_part *t = &p->text[mp->index];

		buf_init(&t->b);
		mp->size = part_read(GMIME_PART(o), &t->b, body_cap(mp), &t->more, NULL);
		t->read = true;
	}
}

/* Depth-first, iteratively: GMime trees can be deep. cut: the parts squeeze_fields() cut before GMime saw them. */
static void
walk_tree(struct message *m, GMimeObject *root, size_t cut)
{
	struct walk *stack;
	size_t depth = 0, cap = 64, total = cut;

	stack = xreallocarray(NULL, cap, sizeof *stack);
	stack[depth++] = (struct walk){ root, 0 };
	while (depth > 0) {
		struct walk w = stack[--depth];
		GMimeObject *kids[1];
		int nk = 0;

		total++;
		if (m->nparts < MESSAGE_MAX_PARTS)
			part_add(m, w.obj, w.depth);
		if (GMIME_IS_MULTIPART(w.obj)) {
			GMimeMultipart *mul = GMIME_MULTIPART(w.obj);
			int n = g_mime_multipart_get_count(mul);

			if (depth + (size_t)n >= cap) {
				while (depth + (size_t)n >= cap)
					cap *= 2;
				stack = xreallocarray(stack, cap, sizeof *stack);
			}
			for (int i = n - 1; i >= 0; i--) {
				GMimeObject *c = g_mime_multipart_get_part(mul, i);

				if (c != NULL)
					stack[depth++] = (struct walk){ c, w.depth + 1 };
			}
		} else if (GMIME_IS_MESSAGE_PART(w.obj)) {
			GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(w.obj));

			if (inner != NULL && (kids[0] = g_mime_message_get_mime_part(inner)) != NULL)
				nk = 1;
			if (nk == 1) {
				if (depth + 1 >= cap) {
					cap *= 2;
					stack = xreallocarray(stack, cap, sizeof *stack);
				}
				stack[depth++] = (struct walk){ kids[0], w.depth + 1 };
			}
		}
	}
	free(stack);
	if (total > MESSAGE_MAX_PARTS)
		notice_add(m, xasprintf(_("analysis capped: %zu MIME parts, first %d read"),
		    total, MESSAGE_MAX_PARTS));
}

static size_t
count_replacements(const char *s, size_t len)
{
	size_t n = 0;
	const char *p = s, *end;

	if (s == NULL)
		return 0;
	end = s + len;

	/* memchr for the lead byte: much faster than memmem on the long bodies where it is rare */
	while (p < end && (p = memchr(p, '\xef', (size_t)(end - p))) != NULL) {
		if (end - p >= 3 && (unsigned char)p[1] == 0xbf && (unsigned char)p[2] == 0xbd) {
			n++;
			p += 3;
		} else
			p++;
	}
	return n;
}

/* Line ends as the terminal wants them: CRLF and lone CR become LF; in place. */
static size_t
crlf_to_lf(char *s, size_t len)
{
	size_t r, w;

	for (r = w = 0; r < len; r++) {
		if (s[r] == '\r') {
			if (r + 1 < len && s[r + 1] == '\n')
				continue;
			s[w++] = '\n';
		} else
			s[w++] = s[r];
	}
	s[w] = '\0';
	return w;
}

/* One body part rendered: its text, and for HTML the rendering (links numbered from the first given). */
struct rendered {
	char *text;
	size_t len;
	struct html_doc *html;
};

static void
render_part(struct message *m, GMimeObject *o, size_t max, int first_link, struct rendered *out)
{
	struct priv *p = m->priv;
	struct mime_part *mp = part_of(m, o);
	int html = strcmp(mp->content_type, "text/html") == 0, more = 0;
	size_t cap = body_cap(mp), ulen;
	const char *used = NULL;
	struct buf raw;
	char *u;

	memset(out, 0, sizeof *out);
	mp->is_body = true;
	if (m->body_type == NULL)
		m->body_type = xstrdup(mp->content_type);
	if (p->text != NULL && p->text[mp->index].read) {
		raw = p->text[mp->index].b;   /* taken */
		more = p->text[mp->index].more;
		memset(&p->text[mp->index], 0, sizeof *p->text);
	} else {
		buf_init(&raw);
		part_read(GMIME_PART(o), &raw, cap, &more, NULL);
	}
	if (more)
		notice_add(m, xasprintf(_("body longer than %zu bytes: the rest is not analysed"), cap));
	u = charset_to_utf8(raw.s, raw.len, mp->charset, &ulen, &used);
	if (m->body_charset == NULL)
		m->body_charset = xstrdup(used);
	/* Cut at cap: the last character may be cut in half. */
	if (more && ulen >= 3 && memcmp(u + ulen - 3, "\xef\xbf\xbd", 3) == 0) {
		ulen -= 3;
		u[ulen] = '\0';
	}
	if (count_replacements(u, ulen) > count_replacements(raw.s, raw.len))
		notice_add(m, xasprintf(_("undecodable bytes in charset %s"),
		    mp->charset != NULL ? mp->charset : used));
	buf_free(&raw);
	if (html) {
		out->html = xcalloc(1, sizeof *out->html);
		html_render_numbered(u, ulen, max, first_link, out->html);
		free(u);
		out->text = out->html->text;
		out->len = out->html->len;
		out->html->text = NULL;
		out->html->len = 0;
		if (out->html->depth_capped)
			notice_add(m, xasprintf(_("analysis capped: the HTML was cut where its elements nest "
			    "deeper than %d"), HTML_MAX_DEPTH));
		else if (out->html->markup_capped)
			notice_add(m, xasprintf(_("analysis capped: the HTML was cut before markup too large to "
			    "parse (over %u tags, or a tag with over %u attributes)"), HTML_MAX_TAGS, HTML_MAX_ATTRS));
		else if (out->html->truncated)
			notice_add(m, xasprintf(_("body longer than %zu bytes: the rest is not analysed"),
			    (size_t)MESSAGE_MAX_BODY));
		if (out->html->links_capped)
			notice_add(m, xasprintf(_("analysis capped: more than %d links in the HTML body"),
			    HTML_MAX_LINKS));
		return;
	}
	ulen = crlf_to_lf(u, ulen);
	if (ulen > max) {
		ulen = utf8_cut(u, ulen, max);
		notice_add(m, xasprintf(_("body longer than %zu bytes: the rest is not analysed"),
		    (size_t)MESSAGE_MAX_BODY));
	}
	out->text = u;
	out->len = ulen;
}

/* Up to this many inline text parts make the body. */
#define MAX_BODY_PARTS 32

/*
 * The body: every chosen part rendered in order, a separator line between
 * two, links renumbered and their spans (and hidden spans) moved to where
 * each part's text stands in the whole.
 */
static void
load_body(struct message *m, GMimeObject *root)
{
	struct priv *p = m->priv;
	GMimeObject *parts[MAX_BODY_PARTS];
	size_t n = choose_bodies(m, root, 0, parts, MAX_BODY_PARTS), links_cap = 0;
	struct buf body;

	if (n == 0)
		return;
	buf_init(&body);
	buf_adds(&body, "");
	for (size_t i = 0; i < n && body.len < MESSAGE_MAX_BODY; i++) {
		struct rendered r;
		size_t off;

		if (body.len > 0) {
			char *sep = xasprintf("\n\n-- %s --\n\n", part_of(m, parts[i])->content_type);

			if (body.len + strlen(sep) >= MESSAGE_MAX_BODY) {
				free(sep);
				break;
			}
			buf_adds(&body, sep);
			free(sep);
		}
		off = body.len;
		render_part(m, parts[i], MESSAGE_MAX_BODY - body.len, (int)m->nlinks + 1, &r);
		buf_add(&body, r.text, r.len);
		free(r.text);
		if (r.html == NULL)
			continue;
		for (size_t k = 0; k < r.html->nlinks; k++) {
			if (m->nlinks == links_cap) {
				links_cap = links_cap ? links_cap * 2 : 16;
				m->links = xreallocarray(m->links, links_cap, sizeof *m->links);
			}
			m->links[m->nlinks] = r.html->links[k];
			m->links[m->nlinks].start += off;
			m->links[m->nlinks].end += off;
			m->nlinks++;
		}
		free(r.html->links);
		r.html->links = NULL;
		r.html->nlinks = 0;
		for (size_t k = 0; k < r.html->nhidden; k++) {
			m->hidden = xreallocarray(m->hidden, m->nhidden + 1, sizeof *m->hidden);
			m->hidden[m->nhidden].start = r.html->hidden[k].start + off;
			m->hidden[m->nhidden].end = r.html->hidden[k].end + off;
			m->nhidden++;
		}
		/* the first HTML part's title and alt texts are what message_html() gives */
		if (p->html == NULL)
			p->html = r.html;
		else {
			html_doc_free(r.html);
			free(r.html);
		}
	}
	m->body_len = body.len;
	m->body = buf_take(&body);
}

/* ---- headers ---- */

/*
 * Fields the analysis reads, kept wherever they stand even past
 * MESSAGE_MAX_HEADERS: thousands of filler fields must not hide the From,
 * the Subject or the receiving side's verdict. The first of a singleton
 * is what message_hvalue() answers, so only the first is kept.
 */
static const char *const evidence_once[] = {
	"From", "Sender", "Reply-To", "To", "Cc", "Subject", "Date", "Message-ID", "Return-Path",
	"Delivered-To", "MIME-Version", "Content-Type", "Content-Transfer-Encoding",
	"Content-Disposition", "List-Id", "List-Post", "List-Unsubscribe", "Mailing-List",
	"X-Spam-Flag", "X-Spam-Status", "X-Spam-Level", "X-Forefront-Antispam-Report",
	"X-MS-Exchange-Organization-SCL",
};
static const char *const evidence_many[] = {
	"Authentication-Results", "ARC-Authentication-Results", "Received-SPF", "DKIM-Signature",
};
#define MAX_RECEIVED_KEPT 100   /* Received fields kept past the cap (analyze.c reads 100 hops) */
#define NEVIDENCE_ONCE (sizeof evidence_once / sizeof *evidence_once)

/* What is kept past the cap so far: singletons seen, Received and other fields kept. */
struct past_cap {
	bool seen[NEVIDENCE_ONCE];
	size_t received, extra;
};

static void
past_cap_init(const struct message *m, struct past_cap *pc)
{
	memset(pc, 0, sizeof *pc);
	for (size_t i = 0; i < m->nheaders; i++) {
		if (ascii_strcasecmp(m->headers[i].name, "Received") == 0)
			pc->received++;
		for (size_t k = 0; k < NEVIDENCE_ONCE; k++)
			if (ascii_strcasecmp(m->headers[i].name, evidence_once[k]) == 0)
				pc->seen[k] = true;
	}
}

/* Whether a field past MESSAGE_MAX_HEADERS is kept; the counts in pc go up when it is. */
static bool
keep_past_cap(struct past_cap *pc, const char *name)
{
	if (pc->extra >= MESSAGE_MAX_EVIDENCE)
		return false;
	for (size_t i = 0; i < NEVIDENCE_ONCE; i++)
		if (ascii_strcasecmp(name, evidence_once[i]) == 0) {
			if (pc->seen[i])
				return false;
			pc->seen[i] = true;
			pc->extra++;
			return true;
		}
	if (ascii_strcasecmp(name, "Received") == 0) {
		if (pc->received >= MAX_RECEIVED_KEPT)
			return false;
		pc->received++;
		pc->extra++;
		return true;
	}
	for (size_t i = 0; i < sizeof evidence_many / sizeof *evidence_many; i++)
		if (ascii_strcasecmp(name, evidence_many[i]) == 0) {
			pc->extra++;
			return true;
		}
	return false;
}

static void
load_headers(struct message *m, GMimeObject *o)
{
	GMimeHeaderList *hl = g_mime_object_get_header_list(o);
	int n = hl != NULL ? g_mime_header_list_get_count(hl) : 0, capped = 0;
	size_t cap = m->nheaders;
	struct past_cap pc;

	past_cap_init(m, &pc);
	for (int i = 0; i < n; i++) {
		GMimeHeader *h = g_mime_header_list_get_header_at(hl, i);
		const char *name = g_mime_header_get_name(h), *raw = g_mime_header_get_raw_value(h);
		struct header *hd;
		size_t rl;

		if (name == NULL)
			name = "";
		if (raw == NULL)
			raw = "";
		m->nfields++;
		if (ascii_strcasecmp(name, "Received") == 0)
			m->nreceived++;
		if (m->nheaders >= MESSAGE_MAX_HEADERS && !keep_past_cap(&pc, name))
			continue;   /* counted in nfields: load_stream says how many went */
		if (m->nheaders == cap) {
			cap = cap ? cap * 2 : 32;
			m->headers = xreallocarray(m->headers, cap, sizeof *m->headers);
		}
		hd = &m->headers[m->nheaders++];
		memset(hd, 0, sizeof *hd);
		if (u8_check((const uint8_t *)name, strlen(name)) == NULL)
			hd->name = xstrdup(name);
		else
			hd->name = charset_to_utf8(name, strlen(name), "UTF-8", NULL, NULL);
		/* Raw: as written, less the blank after the colon (kept apart in lead) and the final line break. */
		for (size_t k = 0; *raw == ' ' || *raw == '\t'; raw++)
			if (k < sizeof hd->lead - 1)
				hd->lead[k++] = *raw;
		rl = strlen(raw);
		while (rl > 0 && (raw[rl - 1] == '\n' || raw[rl - 1] == '\r'))
			rl--;
		if (rl > MESSAGE_MAX_HEADER) {
			rl = MESSAGE_MAX_HEADER;
			capped = 1;
		}
		hd->raw = xstrndup(raw, rl);
		hd->value = message_decode_header(hd->raw);
		if (strlen(hd->value) > MESSAGE_MAX_HEADER) {
			utf8_cut(hd->value, strlen(hd->value), MESSAGE_MAX_HEADER);
			capped = 1;
		}
	}
	if (capped)
		notice_add(m, xasprintf(_("analysis capped: a header field longer than %u bytes was cut"),
		    MESSAGE_MAX_HEADER));
}

/* ---- loading ---- */

static void
text_parts_free(struct message *m)
{
	struct priv *p = m->priv;

	for (size_t i = 0; p->text != NULL && i < m->nparts; i++)
		buf_free(&p->text[i].b);
	free(p->text);
	p->text = NULL;
}

/* Header fields of the message dropped before parsing (squeeze_fields). */
struct predropped {
	size_t fields, received;
	size_t parts;   /* MIME parts past MESSAGE_MAX_PARTS, cut before GMime built them */
};

static int
load_stream(GMimeStream *stream, size_t size, const struct predropped *pre, const char *name,
    struct message **out, char **cause)
{
	GMimeParser *parser;
	GMimeMessage *msg;
	GMimeObject *root;
	struct message *m;
	struct priv *p;

	message_init();
	parser = g_mime_parser_new_with_stream(stream);
	g_mime_parser_set_format(parser, GMIME_FORMAT_MESSAGE);
	msg = g_mime_parser_construct_message(parser, NULL);
	g_object_unref(parser);
	/* Content-* fields live on the MIME part: a message of only those is still a message. */
	if (msg == NULL || (g_mime_header_list_get_count(g_mime_object_get_header_list(GMIME_OBJECT(msg))) <= 0 &&
	    (g_mime_message_get_mime_part(msg) == NULL || g_mime_header_list_get_count(
	    g_mime_object_get_header_list(g_mime_message_get_mime_part(msg))) <= 0))) {
		if (msg != NULL)
			g_object_unref(msg);
		*cause = xstrdup(_("not a mail message (no header field)"));
		return -1;
	}
	m = xcalloc(1, sizeof *m);
	p = xcalloc(1, sizeof *p);
	m->priv = p;
	p->msg = msg;
	m->path = xstrdup(name);
	m->size = size;
	/* fields squeeze_fields() took out before GMime saw them */
	m->nfields = pre->fields;
	m->nreceived = pre->received;
	load_headers(m, GMIME_OBJECT(msg));
	/* GMime keeps the top-level Content-* fields on the MIME part, not the message. */
	if (g_mime_message_get_mime_part(msg) != NULL)
		load_headers(m, g_mime_message_get_mime_part(msg));
	if (m->nfields > m->nheaders)
		notice_add(m, xasprintf(_("analysis capped: %zu header fields, %zu not read (the first %d and "
		    "the fields the checks use were kept)"), m->nfields, m->nfields - m->nheaders, MESSAGE_MAX_HEADERS));
	if ((root = g_mime_message_get_mime_part(msg)) != NULL) {
		walk_tree(m, root, pre->parts);
		load_body(m, root);
	}
	if (m->body == NULL) {
		m->body = xstrdup("");
		m->body_len = 0;
	}
	/* Everything is copied out: let GMime (and the file) go. */
	text_parts_free(m);
	free(p->objs);
	p->objs = NULL;
	g_object_unref(msg);
	p->msg = NULL;
	*out = m;
	return 0;
}

/* An mbox "From " line or a byte-order mark before the headers. */
static size_t
leading_junk(const char *data, size_t len)
{
	const char *nl;

	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		return 3;
	if (len >= 5 && memcmp(data, "From ", 5) == 0 &&
	    (nl = memchr(data, '\n', len < 4096 ? len : 4096)) != NULL)
		return (size_t)(nl - data) + 1;
	return 0;
}

/* Old Mac line ends (CR only): GMime would see one endless header line. */
static int
cr_only(const char *data, size_t len)
{
	size_t n = len < 8192 ? len : 8192;

	return memchr(data, '\r', n) != NULL && memchr(data, '\n', n) == NULL;
}

/* Header fields past this many bytes are cut before GMime sees them (it keeps more than one copy of each). */
#define FIELD_KEEP (MESSAGE_MAX_HEADER + 4096)

/* "Name:" at the start of a line: a header field, not text. */
static bool
looks_like_field(const guint8 *s, size_t n)
{
	size_t i = 0;

	while (i < n && i < 200 && s[i] > ' ' && s[i] < 0x7f && s[i] != ':')
		i++;
	return i > 0 && i < n && s[i] == ':';
}

/* Whether a field named at s (up to ':') is one the checks read. */
static bool
evidence_field(const guint8 *s, size_t n, bool *received)
{
	size_t k = 0;

	while (k < n && s[k] != ':')
		k++;
	*received = k == 8 && ascii_strncasecmp((const char *)s, "Received", 8) == 0;
	for (size_t i = 0; i < NEVIDENCE_ONCE; i++)
		if (strlen(evidence_once[i]) == k && ascii_strncasecmp((const char *)s, evidence_once[i], k) == 0)
			return true;
	for (size_t i = 0; i < sizeof evidence_many / sizeof *evidence_many; i++)
		if (strlen(evidence_many[i]) == k && ascii_strncasecmp((const char *)s, evidence_many[i], k) == 0)
			return true;
	return false;
}

/* Fields of the message's own header kept before those past it are counted and dropped unread. */
#define FIELDS_PARSED (2 * MESSAGE_MAX_HEADERS)

/* The multipart boundaries the header lines name, to count parts before GMime builds one object each. */
#define MAX_BOUNDARIES 64
struct boundaries {
	char v[MAX_BOUNDARIES][72];   /* RFC 2046: at most 70 characters */
	size_t len[MAX_BOUNDARIES];
	size_t n;
};

/* Note the boundary="..." (or boundary=token) parameter on a header line, if any. */
static void
boundary_note(struct boundaries *b, const guint8 *s, size_t n)
{
	for (size_t i = 0; i + 9 < n; i++) {
		size_t j, k;
		bool q;

		if ((s[i] != 'b' && s[i] != 'B') || ascii_strncasecmp((const char *)s + i, "boundary=", 9) != 0 ||
		    (i > 0 && s[i - 1] != ';' && s[i - 1] != ' ' && s[i - 1] != '\t'))
			continue;
		j = i + 9;
		q = s[j] == '"';
		j += q;
		for (k = j; k < n && k - j <= 70 && s[k] != '\r' && s[k] != '\n' &&
		    (q ? s[k] != '"' : s[k] > ' ' && s[k] != ';' && s[k] != '"'); k++)
			;
		if (k == j || k - j > 70 || b->n == MAX_BOUNDARIES)
			return;
		for (size_t x = 0; x < b->n; x++)
			if (b->len[x] == k - j && memcmp(b->v[x], s + j, k - j) == 0)
				return;
		memcpy(b->v[b->n], s + j, k - j);
		b->len[b->n++] = k - j;
		return;
	}
}

/* Is the line "--" + a noted boundary, and not the closing "--boundary--"? */
static bool
opening_delimiter(const struct boundaries *b, const guint8 *s, size_t n)
{
	for (size_t x = 0; x < b->n; x++) {
		size_t l = b->len[x], k = 2 + l;

		if (n < k || memcmp(s + 2, b->v[x], l) != 0)
			continue;
		while (k < n && (s[k] == ' ' || s[k] == '\t'))
			k++;
		if (k == n || s[k] == '\r' || s[k] == '\n')
			return true;
	}
	return false;
}

/*
 * In place, before GMime parses anything, and returning the new length:
 * - cut every header field (of the message and of its MIME parts: the lines
 *   after a "--" line up to the next empty one) to FIELD_KEEP bytes. GMime
 *   holds a header's value in its parser's buffer and again in the field,
 *   so a 50 MB header line cost four times its size; no check reads more
 *   than MESSAGE_MAX_HEADER of a field, and load_headers() still says that
 *   the field was cut;
 * - past FIELDS_PARSED fields of the message's own header, count and drop
 *   the fields the checks do not read;
 * - stop at the part after the first MESSAGE_MAX_PARTS (counted by the
 *   opening delimiters of the boundaries the headers name): GMime builds
 *   some 3 kB of objects a part, so 10,000 empty parts in 0.4 MB took 34 MB
 *   to be walked only up to the cap. The parts cut are counted in pre.
 */
static size_t
squeeze_fields(guint8 *d, size_t len, struct predropped *pre)
{
	size_t r = 0, w = 0, field = 0, nfields = 0, nevidence = 0, nrec_past = 0, nparts = 0;
	bool header = true, in_field = false, top = true, dropping = false, cut = false;
	struct boundaries *bd = xcalloc(1, sizeof *bd);

	while (r < len) {
		const guint8 *nl = memchr(d + r, '\n', len - r);
		size_t e = nl != NULL ? (size_t)(nl - d) + 1 : len, n = e - r, keep = n;

		if (header && memchr(d + r, '=', n) != NULL)
			boundary_note(bd, d + r, n);
		if (cut) {   /* past the part cap: only counted */
			if ((n == 1 && d[r] == '\n') || (n == 2 && d[r] == '\r' && d[r + 1] == '\n'))
				header = false;
			else if (n >= 2 && d[r] == '-' && d[r + 1] == '-') {
				header = true;
				pre->parts += opening_delimiter(bd, d + r, n);
			}
			r = e;
			continue;
		}
		if (header) {
			bool rec;

			if ((n == 1 && d[r] == '\n') || (n == 2 && d[r] == '\r' && d[r + 1] == '\n')) {
				header = false;
				in_field = false;
				top = dropping = false;
			} else if (d[r] == ' ' || d[r] == '\t') {
				if (dropping || (in_field && w - field + n > FIELD_KEEP))
					keep = 0;   /* a continuation past the cap goes */
			} else if (top && ++nfields > FIELDS_PARSED &&
			    !(evidence_field(d + r, n, &rec) && !rec && ++nevidence <= MESSAGE_MAX_EVIDENCE) &&
			    !(rec && ++nrec_past <= MAX_RECEIVED_KEPT)) {
				/* a flood: counted, not parsed (GMime holds some 500 bytes a field) */
				(void)evidence_field(d + r, n, &rec);
				pre->fields++;
				pre->received += rec;
				dropping = true;
				in_field = false;
				keep = 0;
			} else if ((dropping = false, in_field = looks_like_field(d + r, n))) {
				field = w;
				if (n > FIELD_KEEP) {
					/* the first FIELD_KEEP bytes and the line end */
					memmove(d + w, d + r, FIELD_KEEP);
					w += FIELD_KEEP;
					if (nl != NULL)
						d[w++] = '\n';
					r = e;
					continue;
				}
			}
		} else if (n >= 2 && d[r] == '-' && d[r + 1] == '-') {
			header = true;   /* a boundary, perhaps: part headers follow */
			if (opening_delimiter(bd, d + r, n) && ++nparts > MESSAGE_MAX_PARTS) {
				cut = true;
				pre->parts++;
				r = e;
				continue;
			}
		}
		if (keep > 0 && w != r)
			memmove(d + w, d + r, keep);
		w += keep;
		r = e;
	}
	free(bd);
	return w;
}

/*
 * Parses the bytes in arr (taken over: the stream owns them, and parts
 * are windows on them, not copies).
 */
static int
load_bytes(GByteArray *arr, const char *name, struct message **out, char **cause)
{
	GMimeStream *s, *sub;
	size_t len = arr->len, total = arr->len, skip;
	struct predropped pre = { 0, 0, 0 };
	int r;

	if (len > 0 && cr_only((const char *)arr->data, len))
		for (size_t i = 0; i < len; i++)
			if (arr->data[i] == '\r' && (i + 1 == len || arr->data[i + 1] != '\n'))
				arr->data[i] = '\n';
	if (len > FIELD_KEEP) {
		len = squeeze_fields(arr->data, len, &pre);
		g_byte_array_set_size(arr, (guint)len);
	}
	skip = leading_junk((const char *)arr->data, len);
	s = g_mime_stream_mem_new_with_byte_array(arr);
	sub = g_mime_stream_substream(s, (gint64)skip, -1);
	r = load_stream(sub, total, &pre, name, out, cause);
	g_object_unref(sub);
	g_object_unref(s);
	return r;
}

int
message_load_mem(const char *data, size_t len, const char *name, struct message **out, char **cause)
{
	GByteArray *arr;

	*out = NULL;
	if (name == NULL)
		name = "-";
	if (data == NULL || len == 0) {
		*cause = xstrdup(_("empty file"));
		return -1;
	}
	arr = g_byte_array_sized_new((guint)len);
	g_byte_array_append(arr, (const guint8 *)data, (guint)len);
	return load_bytes(arr, name, out, cause);
}

/*
 * Reads all of fd into a new array (one read for a regular file whose size
 * is known), at most max bytes. NULL with *cause set on an error.
 */
static GByteArray *
read_all(int fd, size_t hint, size_t max, char **cause)
{
	size_t cap = hint > 0 && hint < max ? hint + 1 : 65536, len = 0;
	guint8 *data;

	if (cap > max + 1)
		cap = max + 1;
	data = g_malloc(cap);
	for (;;) {
		ssize_t k;

		if (len > max) {
			*cause = xasprintf(_("more than %zu bytes (max_message_size): not read as a message"), max);
			g_free(data);
			return NULL;
		}
		if (len == cap) {
			/* grow by half: the array is at most 1.5 times the message */
			cap = cap + cap / 2 > max + 1 ? max + 1 : cap + cap / 2;
			data = g_realloc(data, cap);
		}
		if ((k = read(fd, data + len, cap - len)) < 0) {
			if (errno == EINTR)
				continue;
			*cause = xstrdup(strerror(errno));
			g_free(data);
			return NULL;
		}
		if (k == 0)
			return g_byte_array_new_take(data, len);
		len += (size_t)k;
	}
}

int
message_open(const char *path, size_t max, size_t *size, char **cause)
{
	struct stat st;
	const char *what = NULL;
	int fd;
	bool is_stdin = strcmp(path, "-") == 0;

	*size = 0;
	if (max == 0)
		max = MESSAGE_MAX_SIZE;
	/* O_NONBLOCK: opening a FIFO with no writer must not wait for one */
	if (is_stdin)
		fd = STDIN_FILENO;
	else if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)) == -1) {
		int e = errno;

		/* a socket cannot be opened (ENXIO): say what it is */
		if (stat(path, &st) == 0 && S_ISSOCK(st.st_mode))
			*cause = xstrdup(_("not a regular file (a socket)"));
		else
			*cause = xstrdup(strerror(e));
		return -1;
	}
	if (fstat(fd, &st) == -1) {
		*cause = xstrdup(strerror(errno));
		if (!is_stdin)
			close(fd);
		return -1;
	}
	if (S_ISDIR(st.st_mode))
		what = _("is a directory");
	else if (is_stdin || S_ISREG(st.st_mode))
		what = NULL;
	else if (S_ISFIFO(st.st_mode))
		what = _("not a regular file (a FIFO)");
	else if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
		what = _("not a regular file (a device)");
	else if (S_ISSOCK(st.st_mode))
		what = _("not a regular file (a socket)");
	else
		what = _("not a regular file");
	if (what != NULL || (S_ISREG(st.st_mode) && (uintmax_t)st.st_size > max)) {
		*cause = what != NULL ? xstrdup(what) :
		    xasprintf(_("larger than %zu bytes (max_message_size): not read as a message"), max);
		if (!is_stdin)
			close(fd);
		return -1;
	}
	if (!is_stdin)
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	if (S_ISREG(st.st_mode))
		*size = (size_t)st.st_size;
	return fd;
}

int
message_read_fd(int fd, size_t size, size_t max, char **data, size_t *len, char **cause)
{
	GByteArray *arr = read_all(fd, size, max == 0 ? MESSAGE_MAX_SIZE : max, cause);

	*data = NULL;
	*len = 0;
	if (arr == NULL)
		return -1;
	g_byte_array_append(arr, (const guint8 *)"", 1);
	*len = arr->len - 1;
	*data = (char *)g_byte_array_free(arr, FALSE);
	return 0;
}

int
message_load_file_max(const char *path, size_t max, struct message **out, char **cause)
{
	GByteArray *arr;
	size_t size;
	int fd;

	*out = NULL;
	message_init();
	if (max == 0)
		max = MESSAGE_MAX_SIZE;
	if ((fd = message_open(path, max, &size, cause)) == -1)
		return -1;
	/* the whole file at once: a few system calls, and GMime reads memory */
	arr = read_all(fd, size, max, cause);
	if (fd != STDIN_FILENO)
		close(fd);
	if (arr == NULL)
		return -1;
	if (arr->len == 0) {
		*cause = xstrdup(_("empty file"));
		g_byte_array_unref(arr);
		return -1;
	}
	return load_bytes(arr, path, out, cause);
}

int
message_load_file(const char *path, struct message **out, char **cause)
{
	return message_load_file_max(path, 0, out, cause);
}

void
message_free(struct message *m)
{
	struct priv *p;

	if (m == NULL)
		return;
	p = m->priv;
	free(m->path);
	for (size_t i = 0; i < m->nheaders; i++) {
		free(m->headers[i].name);
		free(m->headers[i].raw);
		free(m->headers[i].value);
	}
	free(m->headers);
	free(m->body);
	free(m->body_type);
	free(m->body_charset);
	for (size_t i = 0; i < m->nlinks; i++) {
		free(m->links[i].href);
		free(m->links[i].text);
		free(m->links[i].source);
	}
	free(m->links);
	free(m->hidden);
	for (size_t i = 0; i < m->nparts; i++) {
		free(m->parts[i].content_type);
		free(m->parts[i].charset);
		free(m->parts[i].filename);
		free(m->parts[i].disposition);
	}
	free(m->parts);
	for (size_t i = 0; i < m->nnotices; i++)
		free(m->notices[i]);
	free(m->notices);
	if (p != NULL) {
		if (p->html != NULL) {
			html_doc_free(p->html);
			free(p->html);
		}
		free(p->objs);
		for (size_t i = 0; p->content != NULL && i < m->nparts; i++)
			free(p->content[i]);
		free(p->content);
		free(p->content_len);
		free(p->content_trunc);
		if (p->msg != NULL)
			g_object_unref(p->msg);
		free(p);
	}
	free(m);
}

const struct header *
message_header_next(const struct message *m, const char *name, const struct header *after)
{
	size_t i = 0;

	if (m == NULL || name == NULL)
		return NULL;
	if (after != NULL)
		i = (size_t)(after - m->headers) + 1;
	for (; i < m->nheaders; i++) {
		if (ascii_strcasecmp(m->headers[i].name, name) == 0)
			return &m->headers[i];
	}
	return NULL;
}

const struct header *
message_header(const struct message *m, const char *name)
{
	return message_header_next(m, name, NULL);
}

const char *
message_hvalue(const struct message *m, const char *name)
{
	const struct header *h = message_header(m, name);

	return h != NULL ? h->value : NULL;
}

const struct html_doc *
message_html(const struct message *m)
{
	if (m == NULL || m->priv == NULL)
		return NULL;
	return ((struct priv *)m->priv)->html;
}

int
message_part_content(const struct message *m, size_t index, size_t cap, char **data, size_t *len,
    bool *truncated)
{
	struct priv *p;
	size_t n;

	*data = NULL;
	*len = 0;
	if (truncated != NULL)
		*truncated = false;
	if (m == NULL || (p = m->priv) == NULL || index >= m->nparts || p->content == NULL ||
	    p->content[index] == NULL)
		return -1;
	n = p->content_len[index] < cap ? p->content_len[index] : cap;
	*data = xmalloc(n + 1);
	memcpy(*data, p->content[index], n);
	(*data)[n] = '\0';
	*len = n;
	if (truncated != NULL)
		*truncated = p->content_trunc[index] || n < p->content_len[index];
	return 0;
}
