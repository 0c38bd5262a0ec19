/* findings.h — the finding model: ids, severities, spans, evidence; score and verdict. */
#ifndef KENSA_FINDINGS_H
#define KENSA_FINDINGS_H

#include <stdbool.h>
#include <stddef.h>

enum severity { SEV_INFO = 0, SEV_LOW, SEV_MEDIUM, SEV_HIGH };

/* Every finding id, once (X-macro): id, default severity, untranslated title. */
#define FINDING_IDS(X) \
	X(SUBJECT_SPAM_TAG,     SEV_MEDIUM, N_("The receiving server's spam filter tagged this message")) \
	X(FROM_BRAND_MISMATCH,  SEV_HIGH,   N_("The display name names a brand the sender's domain does not belong to")) \
	X(FROM_ADDRESS_INVALID, SEV_HIGH,   N_("The From header holds no usable address")) \
	X(FROM_RANDOM_NAME,     SEV_MEDIUM, N_("The display name is a random string")) \
	X(GREETING_IS_ADDRESS,  SEV_MEDIUM, N_("The greeting uses the recipient's address instead of a name")) \
	X(RETURN_PATH_MISMATCH, SEV_LOW,    N_("The Return-Path domain differs from the From domain")) \
	X(REPLY_TO_MISMATCH,    SEV_MEDIUM, N_("Replies go to a domain other than the sender's")) \
	X(MESSAGE_ID_MISMATCH,  SEV_LOW,    N_("The Message-ID domain differs from the From domain")) \
	X(AUTH_SPF_FAIL,        SEV_MEDIUM, N_("SPF failed: the sending server is not authorised for the envelope domain")) \
	X(AUTH_DKIM_FAIL,       SEV_MEDIUM, N_("DKIM failed: the signature does not verify")) \
	X(AUTH_DMARC_FAIL,      SEV_HIGH,   N_("DMARC failed: the From domain is not authenticated")) \
	X(AUTH_MISSING,         SEV_LOW,    N_("No authentication results from the receiving server")) \
	X(ORIGIN_NO_RDNS,       SEV_MEDIUM, N_("The originating IP has no reverse DNS name")) \
	X(ORIGIN_COUNTRY,       SEV_INFO,   N_("Country of the originating IP")) \
	X(ORIGIN_HELO_MISMATCH, SEV_LOW,    N_("The sending server's HELO name does not match its reverse DNS name")) \
	X(LINK_BRAND_MISMATCH,  SEV_HIGH,   N_("A link leaves the domains of the brand the message claims")) \
	X(LINK_TEXT_MISMATCH,   SEV_HIGH,   N_("A link's visible text names a different domain than its target")) \
	X(LINK_NEW_DOMAIN,      SEV_HIGH,   N_("A link points to a recently registered domain")) \
	X(LINK_RISKY_TLD,       SEV_MEDIUM, N_("A link points to a top-level domain much used for abuse")) \
	X(LINK_IP_LITERAL,      SEV_HIGH,   N_("A link points to a bare IP address")) \
	X(LINK_CONFUSABLE,      SEV_HIGH,   N_("A link's host imitates a brand's name or domain")) \
	X(LINK_SHORTENER,       SEV_LOW,    N_("A link goes through a URL shortener")) \
	X(LINK_CDN_HOSTED,      SEV_LOW,    N_("A link's host is behind a CDN that hides the real server")) \
	X(FROM_NEW_DOMAIN,      SEV_HIGH,   N_("The sender's domain was registered recently")) \
	X(TEXT_TYPO,            SEV_MEDIUM, N_("A misspelt phrase typical of machine translation")) \
	X(TEXT_FOREIGN_GLYPH,   SEV_MEDIUM, N_("Characters Japanese does not use in Japanese text")) \
	X(TEXT_MIXED_SCRIPT,    SEV_MEDIUM,  N_("A word mixes Latin with look-alike letters of another script")) \
	X(TEXT_URGENCY,         SEV_MEDIUM, N_("Threat or deadline wording")) \
	X(PHONE_NOT_BRAND,      SEV_MEDIUM, N_("A phone number that is not one of the brand's")) \
	X(INVISIBLE_CHARS,      SEV_MEDIUM, N_("Invisible characters inside words")) \
	X(BIDI_CONTROL,         SEV_HIGH,   N_("Bidirectional control characters that reorder the text")) \
	X(ATTACHMENT_RISKY,     SEV_HIGH,   N_("An attachment that can run code or imitate a login page")) \
	X(FROM_NAME_ADDRESS,    SEV_MEDIUM, N_("The display name is an address on another domain than the sender's")) \
	X(FROM_RISKY_TLD,       SEV_LOW,    N_("The sender's domain is under a top-level domain much used for abuse")) \
	X(FROM_CONFUSABLE,      SEV_HIGH,   N_("The sender's domain imitates a brand's name or domain")) \
	X(REPLY_TO_FREEMAIL,    SEV_MEDIUM, N_("Replies go to a free-mail mailbox, not to the sender")) \
	X(LURE_RECIPIENT_DOMAIN, SEV_MEDIUM, N_("A mailbox or account notice in the recipient's own organisation's name links elsewhere")) \
	X(LURE_DOCUMENT,        SEV_MEDIUM, N_("A shared-document, voicemail, fax, e-signature or parcel notice links outside any such service")) \
	X(LURE_CALLBACK,        SEV_HIGH,   N_("A bill or renewal notice whose only way out is a phone number to call")) \
	X(LURE_CRYPTO,          SEV_MEDIUM, N_("Crypto wallet or token-claim wording with a link")) \
	X(LURE_ADVANCE_FEE,     SEV_HIGH,   N_("Advance-fee wording: an inheritance, fund or award waiting to be released")) \
	X(LURE_PRIZE,           SEV_MEDIUM, N_("A prize, reward or survey draw the reader is told to claim")) \
	X(PHONE_MOBILE_SUPPORT, SEV_MEDIUM, N_("A mobile or IP-phone number given as a company's support line")) \
	X(HEADER_OVERFLOW,      SEV_MEDIUM, N_("More header fields than any mail server writes")) \
	X(RECEIVED_OVERFLOW,    SEV_MEDIUM, N_("More Received hops than any mail route has")) \
	X(HIDDEN_TEXT,          SEV_LOW,    N_("Text hidden from the reader by CSS (salting)")) \
	X(TEXT_STYLED_LETTERS,  SEV_MEDIUM, N_("Words written in mathematical or enclosed letters that filters do not read")) \
	X(BRAND_VERIFIED,       SEV_INFO,   N_("The message is authenticated as the brand it names"))

#ifndef N_
#define N_(s) s
#endif

enum finding_id {
#define FINDING_ENUM(id, sev, title) F_##id,
	FINDING_IDS(FINDING_ENUM)
#undef FINDING_ENUM
	F_COUNT
};

struct finding {
	enum finding_id id;
	enum severity severity;
	char *where;       /* "header:From", "header:Received[2]", "body", "link[3]", "attachment[1]" */
	long span_start;   /* byte offsets into the decoded field or rendered body; -1 if none */
	long span_end;
	char *evidence;    /* the raw facts, one line or a few */
	int weight;        /* score contribution (from the weight table; may be negative) */
};

struct findings {
	struct finding *v;
	size_t n, cap;
	/*
	 * The first link (1-based index into the report's links) that leaves
	 * both the sender's registrable domain and the claimed brand's domains,
	 * 0 when none (analyze.c sets it before scoring): a payload when the
	 * table says "payload-link-offsite yes".
	 */
	size_t link_offsite;
};

const char *finding_name(enum finding_id id);        /* "FROM_BRAND_MISMATCH" */
const char *finding_title(enum finding_id id);       /* translated */
enum severity finding_default_severity(enum finding_id id);
int finding_from_name(const char *name);             /* -1 if unknown */
const char *severity_name(enum severity s);          /* "info", ... (untranslated, for JSON) */
const char *severity_label(enum severity s);         /* translated */

/* Add a finding; where and evidence are copied (evidence may be NULL). Severity < 0 means the id's default. Returns the new finding. */
struct finding *finding_add(struct findings *fs, enum finding_id id, int severity,
    const char *where, long span_start, long span_end, const char *evidence_fmt, ...)
    __attribute__((format(printf, 7, 8)));
int findings_has(const struct findings *fs, enum finding_id id);
void findings_free(struct findings *fs);

enum verdict { VERDICT_CLEAN = 0, VERDICT_SUSPICIOUS, VERDICT_PHISHING };
const char *verdict_name(enum verdict v);            /* "clean", ... (JSON) */
const char *verdict_label(enum verdict v);           /* translated */

/*
 * Sum the weights (setting each finding's weight from the table: an id
 * counts once, with its strongest instance) and choose the verdict.
 * findings_score uses the process-wide table (weights_current()).
 */
struct weights;
int findings_score(struct findings *fs, enum verdict *verdict);
int findings_score_with(struct findings *fs, const struct weights *w, enum verdict *verdict);

#endif
