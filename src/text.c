/* text.c — what the words say: machine-translation typos, foreign glyphs, mixed scripts, urgency wording, hidden characters. */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unistr.h>
#include <uniwidth.h>

#include "address.h"
#include "findings.h"
#include "i18n.h"
#include "message.h"
#include "phrase.h"
#include "text.h"
#include "text-int.h"
#include "util.h"

#define NS_WINDOW (256u << 10)   /* bytes of text matched at once */

/* Append s[0..n) to b with controls, the characters of the unichar table and other default-ignorables written as <U+XXXX>; at most cols display columns (then "…"). */
static void
esc_add(struct buf *b, const char *s, size_t n, int cols)
{
	size_t i = 0;
	int used = 0;

	while (i < n) {
		ucs4_t c;
		int k = next_cp(s, n, i, &c), w;

		if (c < 0x20 || (c >= 0x7f && c < 0xa0) || unichar_kind(c) != 0 ||
		    (c != 0x3000 && c != ' ' && uc_is_property_default_ignorable_code_point(c)) || c == 0xfffd) {
			if (c == '\n' || c == '\t' || c == '\r')
				buf_addc(b, ' '), w = 1;
			else
				buf_addf(b, "<U+%04X>", (unsigned)c), w = 8;
		} else {
			buf_add(b, s + i, (size_t)k);
			w = uc_width(c, "UTF-8");
			if (w < 0)
				w = 1;
		}
		used += w;
		i += (size_t)k;
		if (cols > 0 && used >= cols && i < n) {
			buf_adds(b, "…");
			break;
		}
	}
}

char *
text_excerpt(const char *s, size_t n, int cols)
{
	struct buf b;

	buf_init(&b);
	esc_add(&b, s, n, cols);
	return buf_take(&b);
}

/* ---------------------------------------------------------------- the lists */

int
text_load(char **cause)
{
	return phrase_load(cause);
}

void
text_unload(void)
{
	phrase_unload();
}

size_t
text_phrase_count(void)
{
	return phrase_count();
}

size_t
text_urgency_count(void)
{
	return phrase_urgency_count();
}

/* ---------------------------------------------------------------- the fields */

static void scan_ctx(const char *s, size_t len, const char *where, long base, unsigned flags,
    const struct urgency_ctx *ux, struct findings *fs);

void
text_scan(const char *s, size_t len, const char *where, long base, unsigned flags, struct findings *fs)
{
	scan_ctx(s, len, where, base, flags, NULL, fs);
}

static void
scan_ctx(const char *s, size_t len, const char *where, long base, unsigned flags, const struct urgency_ctx *ux,
    struct findings *fs)
{
	struct nstream ns;
	char *copy = NULL;

	if (s == NULL || len == 0)
		return;
	if (!(flags & TEXT_VALID_UTF8) && u8_check((const uint8_t *)s, len) != NULL) {
		/* invalid bytes become '?': the spans stay those of the input */
		copy = xmalloc(len + 1);
		for (size_t i = 0; i < len;) {
			ucs4_t c;
			int k = u8_mbtoucr(&c, (const uint8_t *)s + i, len - i);

			if (k < 0) {
				copy[i++] = '?';
				continue;
			}
			memcpy(copy + i, s + i, (size_t)k);
			i += (size_t)k;
		}
		copy[len] = '\0';
		s = copy;
	}
	/*
	 * The match stream costs 12 bytes a character: a long body is read in
	 * windows that end at a line break, so memory stays near the body's size.
	 */
	for (size_t ws = 0, we; (flags & (TEXT_TYPO_CHECK | TEXT_URGENCY_CHECK)) && ws < len; ws = we) {
		we = len - ws > NS_WINDOW ? ws + NS_WINDOW : len;
		if (we < len) {
			const char *nl = memrchr(s + ws + NS_WINDOW / 2, '\n', we - ws - NS_WINDOW / 2);

			if (nl != NULL)
				we = (size_t)(nl - s) + 1;
			else
				while (we > ws + 1 && ((unsigned char)s[we] & 0xc0) == 0x80)
					we--;
		}
		phrase_stream_build(&ns, s + ws, we - ws);
		if (flags & TEXT_TYPO_CHECK)
			text_typo_check(s + ws, &ns, where, base + (long)ws, fs);
		if (flags & TEXT_URGENCY_CHECK)
			text_urgency_window(s, ws, &ns, where, base, ux, fs);
		phrase_stream_free(&ns);
	}
	if ((flags & TEXT_GLYPH_CHECK) && ((flags & TEXT_JAPANESE) || text_looks_japanese(s, len)))
		text_glyph_check(s, len, where, base, fs);
	if (flags & TEXT_SCRIPT_CHECK) {
		text_script_check(s, len, where, base, fs);
		text_styled_check(s, len, where, base, fs);
	}
	if (flags & TEXT_HIDDEN_CHECK)
		text_hidden_check(s, len, where, base, fs);
	if (flags & (TEXT_BIDI_CHECK | TEXT_BIDI_OVERRIDE))
		text_bidi_check(s, len, where, base, !(flags & TEXT_BIDI_CHECK), false, fs);
	free(copy);
}

static void
display_scan(const struct message *m, const struct address *a, const char *header, unsigned flags, struct findings *fs)
{
	const char *v = message_hvalue(m, header);
	char *where;

	if (a == NULL || !a->present || a->display == NULL || v == NULL || a->name_start < 0 ||
	    a->name_end > (long)strlen(v) || a->name_end <= a->name_start)
		return;
	where = xasprintf("header:%s", header);
	text_scan(v + a->name_start, (size_t)(a->name_end - a->name_start), where, a->name_start, flags, fs);
	free(where);
}

int
text_check(const struct message *m, const struct addresses *a, struct findings *fs, char **cause)
{
	const char *env = getenv("KENSA_NO_TEXT"), *subj;
	struct urgency_ctx ux;
	struct findings bfs;
	size_t *links;
	int inside = 0;
	unsigned jp;
	int rc;
	int nattach = 0;

	if (env != NULL && *env != '\0' && strcmp(env, "0") != 0)
		return 0;
	rc = text_load(cause);
	jp = text_looks_japanese(m->body, m->body_len) ? TEXT_JAPANESE : 0;
	/* the subject's urgency is weighed by what the body says: scan the body first, report in the usual order */
	memset(&ux, 0, sizeof ux);
	ux.bounce = (a != NULL && a->is_report) || (a != NULL && a->from.addr != NULL &&
	    (ascii_strncasecmp(a->from.addr, "mailer-daemon@", 14) == 0 || ascii_strncasecmp(a->from.addr, "postmaster@", 11) == 0));
	links = xcalloc(m->nlinks + 1, sizeof *links);
	for (size_t i = 0; i < m->nlinks; i++)
		links[i] = m->links[i].start;
	ux.links = links;
	ux.nlinks = m->nlinks;
	ux.inside = &inside;
	memset(&bfs, 0, sizeof bfs);
	scan_ctx(m->body, m->body_len, "body", 0, TEXT_VALID_UTF8 | (jp ? TEXT_GLYPH_CHECK : 0) |
	    TEXT_TYPO_CHECK | TEXT_URGENCY_CHECK | TEXT_SCRIPT_CHECK | TEXT_HIDDEN_CHECK | TEXT_BIDI_OVERRIDE | jp, &ux, &bfs);
	free(links);
	ux.links = NULL;
	ux.nlinks = 0;
	ux.inside = NULL;
	ux.outside = inside;
	if ((subj = message_hvalue(m, "Subject")) != NULL)
		scan_ctx(subj, strlen(subj), "header:Subject", 0, TEXT_ALL_CHECKS | jp, &ux, fs);
	if (a != NULL) {
		display_scan(m, &a->from, "From", (TEXT_ALL_CHECKS & ~TEXT_URGENCY_CHECK) | jp, fs);
		display_scan(m, &a->sender, "Sender", (TEXT_ALL_CHECKS & ~TEXT_URGENCY_CHECK) | jp, fs);
	}
	for (size_t i = 0; i < bfs.n; i++) {   /* moved: the strings now belong to fs */
		if (fs->n == fs->cap) {
			fs->cap = fs->cap ? fs->cap * 2 : 8;
			fs->v = xreallocarray(fs->v, fs->cap, sizeof *fs->v);
		}
		fs->v[fs->n++] = bfs.v[i];
	}
	free(bfs.v);
	for (size_t i = 0; i < m->nparts; i++) {
		const char *fn = m->parts[i].filename;
		char *where;

		if (fn == NULL)
			continue;
		where = xasprintf("attachment[%d]", ++nattach);
		text_scan(fn, strlen(fn), where, 0, TEXT_HIDDEN_CHECK | TEXT_SCRIPT_CHECK, fs);
		text_bidi_check(fn, strlen(fn), where, 0, false, true, fs);
		free(where);
	}
	return rc;
}

