/* address.c — mailbox parsing with GMime, display name decoding, sender mismatch findings. */
#include "config.h"

#include <gmime/gmime.h>
#include <string.h>

#include "address.h"
#include "auth.h"
#include "bulk.h"
#include "domain.h"
#include "findings.h"
#include "i18n.h"
#include "message.h"
#include "util.h"

static bool
addr_is_valid(const char *addr)
{
	const char *at;

	if (addr == NULL || (at = strrchr(addr, '@')) == NULL || at == addr)
		return false;
	if (strchr(addr, ' ') != NULL)
		return false;
	return domain_is_hostname(at + 1) || (at[1] == '[' && domain_is_ip_literal(at + 1));
}

/* Strip surrounding white space and one level of double quotes, in place. */
static void
unquote(char *s)
{
	size_t n;

	str_squeeze_space(s);
	n = strlen(s);
	if (n >= 2 && s[0] == '"' && s[n - 1] == '"') {
		memmove(s, s + 1, n - 2);
		s[n - 2] = '\0';
		str_squeeze_space(s);
	}
}

static void
find_span(const char *hay, const char *needle, long *start, long *end)
{
	const char *p;

	*start = *end = -1;
	if (hay == NULL || needle == NULL || *needle == '\0')
		return;
	if ((p = strstr(hay, needle)) == NULL && (p = ascii_strcasestr(hay, needle)) == NULL)
		return;
	*start = p - hay;
	*end = *start + (long)strlen(needle);
}

/* Last '<' outside double quotes, or NULL. */
static const char *
angle_open(const char *s)
{
	const char *lt = NULL;
	bool quoted = false;

	for (; *s != '\0'; s++) {
		if (*s == '\\' && quoted && s[1] != '\0')
			s++;
		else if (*s == '"')
			quoted = !quoted;
		else if (*s == '<' && !quoted)
			lt = s;
	}
	return lt;
}

/*
 * GMime 3.2 leaks a string when a domain literal is followed by a comment
 * that never closes ("c@[192.0.2.1](x", found by fuzz_address): such text
 * is kept as it is instead of going through its parser.
 */
static bool
gmime_would_leak(const char *raw)
{
	int depth = 0;

	if (strchr(raw, '[') == NULL)
		return false;
	for (const char *p = raw; *p != '\0'; p++) {
		if (*p == '\\' && p[1] != '\0')
			p++;
		else if (*p == '(')
			depth++;
		else if (*p == ')' && depth > 0)
			depth--;
	}
	return depth > 0;
}

/*
 * A bare addr-spec with more than one '@' outside quotes ("a@brand@evil"):
 * GMime would keep "a@brand" and drop the real domain, so it is taken as
 * written. Returns it trimmed (caller frees), or NULL for any other form.
 */
static char *
bare_multi_at(const char *raw)
{
	char *s = xstrdup(raw);
	int ats = 0;
	bool quoted = false;

	str_squeeze_space(s);
	for (const char *p = s; *p != '\0'; p++) {
		if (*p == '\\' && quoted && p[1] != '\0')
			p++;
		else if (*p == '"')
			quoted = !quoted;
		else if (!quoted && (*p == ' ' || *p == ',' || *p == '(' || *p == ';')) {
			ats = 0;
			break;
		} else if (!quoted && *p == '@')
			ats++;
	}
	if (ats < 2) {
		free(s);
		return NULL;
	}
	return s;
}

void
address_parse(const char *raw, const char *decoded, struct address *out)
{
	InternetAddressList *list;
	const char *lt, *gt;

	memset(out, 0, sizeof *out);
	out->addr_start = out->addr_end = out->name_start = out->name_end = -1;
	if (raw == NULL)
		return;
	out->present = true;

	/*
	 * The angle form is split by hand so that the display name goes
	 * through our own RFC 2047 decoder (ISO-2022-JP extensions, broken
	 * words); GMime parses what is left and every other form.
	 */
	if ((lt = angle_open(raw)) != NULL) {
		char *name = xstrndup(raw, (size_t)(lt - raw));

		gt = strchr(lt, '>');
		out->addr = gt != NULL ? xstrndup(lt + 1, (size_t)(gt - lt - 1)) : xstrdup(lt + 1);
		str_squeeze_space(out->addr);
		str_squeeze_space(name);
		if (*name != '\0') {
			char *dec = message_decode_header(name);
			unquote(dec);
			if (*dec != '\0')
				out->display = dec;
			else
				free(dec);
		}
		free(name);
	} else if ((out->addr = bare_multi_at(raw)) != NULL) {
		;
	} else if (!gmime_would_leak(raw) && (list = internet_address_list_parse(NULL, raw)) != NULL) {
		for (int i = 0; i < internet_address_list_length(list); i++) {
			InternetAddress *ia = internet_address_list_get_address(list, i);
			if (!INTERNET_ADDRESS_IS_MAILBOX(ia))
				continue;
			out->addr = xstrdup(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(ia)));
			if (internet_address_get_name(ia) != NULL && *internet_address_get_name(ia) != '\0')
				out->display = xstrdup(internet_address_get_name(ia));
			break;
		}
		g_object_unref(list);
	}
	if (out->addr == NULL) {
		/* Nothing GMime would call a mailbox: keep the bare text as the address. */
		out->addr = xstrdup(raw);
		str_squeeze_space(out->addr);
	}
	if (*out->addr == '\0') {
		free(out->addr);
		out->addr = NULL;
	}
	out->valid = addr_is_valid(out->addr);
	out->multi_at = out->addr != NULL && strchr(out->addr, '@') != strrchr(out->addr, '@');
	if (out->valid) {
		out->domain = domain_of_address(out->addr);
		out->org_domain = domain_org(out->domain);
	}
	find_span(decoded, out->addr, &out->addr_start, &out->addr_end);
	find_span(decoded, out->display, &out->name_start, &out->name_end);
}

void
address_free(struct address *a)
{
	free(a->display);
	free(a->addr);
	free(a->domain);
	free(a->org_domain);
	memset(a, 0, sizeof *a);
}

static void
parse_list(const struct message *m, const char *name, struct address **v, size_t *n)
{
	const struct header *h = NULL;
	InternetAddressList *list;

	while ((h = message_header_next(m, name, h)) != NULL) {
		if ((list = internet_address_list_parse(NULL, h->raw)) == NULL)
			continue;
		for (int i = 0; i < internet_address_list_length(list) && *n < 100; i++) {
			InternetAddress *ia = internet_address_list_get_address(list, i);
			char *one;
			if (!INTERNET_ADDRESS_IS_MAILBOX(ia))
				continue;
			one = internet_address_to_string(ia, NULL, TRUE);
			*v = xreallocarray(*v, *n + 1, sizeof **v);
			address_parse(one, h->value, &(*v)[(*n)++]);
			g_free(one);
		}
		g_object_unref(list);
	}
}

void
addresses_collect(const struct message *m, struct addresses *out)
{
	const struct header *h;
	const char *at, *end;

	memset(out, 0, sizeof *out);
	h = message_header(m, "From");
	address_parse(h != NULL ? h->raw : NULL, h != NULL ? h->value : NULL, &out->from);
	h = message_header(m, "Sender");
	address_parse(h != NULL ? h->raw : NULL, h != NULL ? h->value : NULL, &out->sender);
	h = message_header(m, "Return-Path");
	address_parse(h != NULL ? h->raw : NULL, h != NULL ? h->value : NULL, &out->return_path);
	parse_list(m, "Reply-To", &out->reply_to, &out->nreply_to);
	parse_list(m, "To", &out->to, &out->nto);

	{
		/* What a mailing list says of itself, in one string to search. */
		static const char *const list_fields[] = { "List-Id", "List-Post", "List-Unsubscribe", "Mailing-List" };
		struct buf lb;

		buf_init(&lb);
		for (size_t i = 0; i < sizeof list_fields / sizeof list_fields[0]; i++)
			if (message_hvalue(m, list_fields[i]) != NULL)
				buf_addf(&lb, "%s ", message_hvalue(m, list_fields[i]));
		out->list_id = lb.len > 0 ? buf_take(&lb) : NULL;
		buf_free(&lb);
	}
	out->list_post = xstrdup(message_hvalue(m, "List-Post"));
	out->is_report = (h = message_header(m, "Content-Type")) != NULL &&
	    ascii_strcasestr(h->value, "multipart/report") != NULL;
	if ((h = message_header(m, "Message-ID")) != NULL) {
		char *id = xstrdup(h->value);
		str_squeeze_space(id);
		if (id[0] == '<') {
			memmove(id, id + 1, strlen(id));
			if ((end = strchr(id, '>')) != NULL)
				*(char *)end = '\0';
		}
		out->message_id = id;
		if ((at = strrchr(id, '@')) != NULL && at[1] != '\0') {
			out->msgid_domain = xstrdup(at + 1);
			ascii_lower(out->msgid_domain);
		}
	}
}

void
addresses_free(struct addresses *a)
{
	address_free(&a->from);
	address_free(&a->sender);
	address_free(&a->return_path);
	for (size_t i = 0; i < a->nreply_to; i++)
		address_free(&a->reply_to[i]);
	free(a->reply_to);
	for (size_t i = 0; i < a->nto; i++)
		address_free(&a->to[i]);
	free(a->to);
	free(a->message_id);
	free(a->msgid_domain);
	free(a->list_id);
	free(a->list_post);
	memset(a, 0, sizeof *a);
}

/* Severity of a sender-domain mismatch: info when the From domain is authenticated (mailing services bounce and number messages elsewhere). */
static int
mismatch_severity(const struct auth_summary *auth, enum finding_id id)
{
	if (auth != NULL && auth->aligned_pass)
		return SEV_INFO;
	return finding_default_severity(id);
}

void
address_check(const struct addresses *a, const struct auth_summary *auth, const struct bulk_evidence *bulk,
    struct findings *fs)
{
	const char *from_org, *esp;
	const char *list = bulk != NULL && bulk->list_name != NULL ? bulk->list_name :
	    bulk != NULL && bulk->nlist_hosts > 0 ? bulk->list_hosts[0] : "?";

	if (!a->from.present) {
		finding_add(fs, F_FROM_ADDRESS_INVALID, -1, "header:From", -1, -1, "%s", _("no From header"));
		return;
	}
	if (!a->from.valid) {
		/* A bounce from "MAILER-DAEMON <>" breaks RFC 5322 but harms nobody. */
		bool bounce = (a->from.addr == NULL || *a->from.addr == '\0') && (a->is_report ||
		    (a->from.display != NULL && (ascii_strcasestr(a->from.display, "mailer-daemon") != NULL ||
		    ascii_strcasestr(a->from.display, "postmaster") != NULL)));

		finding_add(fs, F_FROM_ADDRESS_INVALID, bounce ? SEV_INFO : -1, "header:From",
		    a->from.addr_start, a->from.addr_end, _("From: %s%s<%s>: no local part, '@' and domain"),
		    a->from.display ? a->from.display : "", a->from.display ? " " : "",
		    a->from.addr ? a->from.addr : "");
		return;
	}
	if (a->from.multi_at) {
		/* "info@brand.example@evil.example": what reads as the brand's address is a local part */
		const char *first = strchr(a->from.addr, '@') + 1;
		finding_add(fs, F_FROM_ADDRESS_INVALID, -1, "header:From", a->from.addr_start, a->from.addr_end,
		    _("From <%s> has more than one '@': it reads as %.*s but is sent from %s"), a->from.addr,
		    (int)strcspn(first, "@\""), first, a->from.domain != NULL ? a->from.domain : "?");
	}
	from_org = a->from.org_domain != NULL ? a->from.org_domain : a->from.domain;
	if (from_org == NULL)
		return;

	for (size_t i = 0; i < a->nreply_to; i++) {
		const struct address *r = &a->reply_to[i];
		const char *org = r->org_domain != NULL ? r->org_domain : r->domain;
		int sev = mismatch_severity(auth, F_REPLY_TO_MISMATCH);

		if (org == NULL || strcmp(org, from_org) == 0)
			continue;
		if ((a->list_post != NULL && r->addr != NULL && ascii_strcasestr(a->list_post, r->addr) != NULL) ||
		    (bulk != NULL && bulk->mailing_list && bulk_is_list_host(bulk, r->domain)))
			/* a mailing list that sets Reply-To to itself */
			finding_add(fs, F_REPLY_TO_MISMATCH, SEV_INFO, "header:Reply-To", r->addr_start, r->addr_end,
			    _("Reply-To %s is on %s, From is on %s: replies go to the mailing list %s"),
			    r->addr, org, from_org, list);
		else if (bulk != NULL && bulk->from_rewritten)
			/* Mailman and Google Groups put the list in From and the poster in Reply-To */
			finding_add(fs, F_REPLY_TO_MISMATCH, SEV_INFO, "header:Reply-To", r->addr_start, r->addr_end,
			    _("Reply-To %s is on %s, From is on %s: the mailing list %s put itself in From and the poster in Reply-To"),
			    r->addr, org, from_org, list);
		else
			finding_add(fs, F_REPLY_TO_MISMATCH, sev, "header:Reply-To", r->addr_start, r->addr_end,
			    _("Reply-To %s is on %s, From is on %s"), r->addr, org, from_org);
		break;
	}
	if (a->return_path.valid) {
		const struct address *rp = &a->return_path;
		const char *org = rp->org_domain != NULL ? rp->org_domain : rp->domain;

		if (org == NULL || strcmp(org, from_org) == 0)
			;
		else if (bulk != NULL && bulk->mailing_list && bulk_is_list_host(bulk, rp->domain))
			finding_add(fs, F_RETURN_PATH_MISMATCH, SEV_INFO, "header:Return-Path", rp->addr_start, rp->addr_end,
			    _("Return-Path %s is on %s, From is on %s: the bounce address of the mailing list %s"),
			    rp->addr, org, from_org, list);
		else if ((esp = bulk_esp_of(rp->domain)) != NULL)
			finding_add(fs, F_RETURN_PATH_MISMATCH, SEV_INFO, "header:Return-Path", rp->addr_start, rp->addr_end,
			    _("Return-Path %s is on %s, From is on %s: the bounce address of the mailing service %s"),
			    rp->addr, org, from_org, esp);
		else
			finding_add(fs, F_RETURN_PATH_MISMATCH, mismatch_severity(auth, F_RETURN_PATH_MISMATCH),
			    "header:Return-Path", rp->addr_start, rp->addr_end,
			    _("Return-Path %s is on %s, From is on %s"), rp->addr, org, from_org);
	}
	if (a->msgid_domain != NULL && domain_is_hostname(a->msgid_domain)) {
		char *org = domain_org(a->msgid_domain);
		if (org == NULL || strcmp(org, from_org) == 0)
			;
		else if ((esp = bulk_esp_of(a->msgid_domain)) != NULL)
			finding_add(fs, F_MESSAGE_ID_MISMATCH, SEV_INFO, "header:Message-ID", -1, -1,
			    _("Message-ID <%s> is on %s, From is on %s: numbered by the mailing service %s"),
			    a->message_id, org, from_org, esp);
		else if (bulk != NULL && bulk->mailing_list && (bulk->from_rewritten ||
		    bulk_is_list_host(bulk, a->msgid_domain)))
			finding_add(fs, F_MESSAGE_ID_MISMATCH, SEV_INFO, "header:Message-ID", -1, -1,
			    _("Message-ID <%s> is on %s, From is on %s: mail of the mailing list %s"),
			    a->message_id, org, from_org, list);
		else
			finding_add(fs, F_MESSAGE_ID_MISMATCH, mismatch_severity(auth, F_MESSAGE_ID_MISMATCH),
			    "header:Message-ID", -1, -1,
			    _("Message-ID <%s> is on %s, From is on %s"), a->message_id, org, from_org);
		free(org);
	}
}
