/* findings.c — the finding model, the weight table, score and verdict. */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "findings.h"
#include "i18n.h"
#include "util.h"

/*
 * The one table of weights. A finding's weight is its severity's weight
 * unless the id overrides it. "payload" ids are what makes a message able to
 * harm: a link, an attachment or a phone number to call. A message is
 * phishing only with a payload; without one (the spoofed prank that links to
 * the brand's own site) it is at most suspicious.
 */
static const int severity_weight[] = {
	[SEV_INFO] = 0, [SEV_LOW] = 8, [SEV_MEDIUM] = 15, [SEV_HIGH] = 30,
};

#define THRESHOLD_SUSPICIOUS 20
#define THRESHOLD_PHISHING   45

static const struct {
	const char *name;
	enum severity severity;
	const char *title;
} table[] = {
#define FINDING_ROW(id, sev, title) { #id, sev, title },
	FINDING_IDS(FINDING_ROW)
#undef FINDING_ROW
};

static const struct {
	enum finding_id id;
	int weight;         /* INT_MIN-free: 1000 means "severity weight" */
	int payload;
} overrides[] = {
	{ F_BRAND_VERIFIED,      -40, 0 },
	{ F_ORIGIN_COUNTRY,     1000, 0 },   /* info 0; low when the brand's country differs */
	{ F_AUTH_MISSING,          5, 0 },   /* old and internal mail often has none */
	{ F_MESSAGE_ID_MISMATCH,   5, 0 },   /* mailing services number messages on their own domain */
	{ F_SUBJECT_SPAM_TAG,     20, 0 },   /* the receiving filter's own verdict: suspicious by itself (bench/RESULTS-eval.md) */
	{ F_LINK_BRAND_MISMATCH, 1000, 1 },
	{ F_LINK_TEXT_MISMATCH,  1000, 1 },
	{ F_LINK_NEW_DOMAIN,     1000, 1 },
	{ F_LINK_RISKY_TLD,      1000, 1 },
	{ F_LINK_IP_LITERAL,     1000, 1 },
	{ F_LINK_CONFUSABLE,     1000, 1 },
	{ F_LINK_SHORTENER,      1000, 1 },
	{ F_LINK_CDN_HOSTED,     1000, 1 },
	{ F_PHONE_NOT_BRAND,     1000, 1 },
	{ F_ATTACHMENT_RISKY,    1000, 1 },
	/* the lures name their own way to harm: the link, the number to call, the address to answer */
	{ F_LURE_RECIPIENT_DOMAIN, 1000, 1 },
	{ F_LURE_DOCUMENT,       1000, 1 },
	{ F_LURE_CALLBACK,       1000, 1 },
	{ F_LURE_CRYPTO,         1000, 1 },
	{ F_LURE_ADVANCE_FEE,    1000, 1 },
	{ F_LURE_PRIZE,          1000, 1 },
	{ F_PHONE_MOBILE_SUPPORT, 1000, 1 },
};

const char *
finding_name(enum finding_id id)
{
	return (unsigned)id < F_COUNT ? table[id].name : "UNKNOWN";
}

const char *
finding_title(enum finding_id id)
{
	return (unsigned)id < F_COUNT ? _(table[id].title) : "";
}

enum severity
finding_default_severity(enum finding_id id)
{
	return (unsigned)id < F_COUNT ? table[id].severity : SEV_INFO;
}

int
finding_from_name(const char *name)
{
	for (int i = 0; i < F_COUNT; i++)
		if (ascii_strcasecmp(name, table[i].name) == 0)
			return i;
	return -1;
}

const char *
severity_name(enum severity s)
{
	static const char *const names[] = { "info", "low", "medium", "high" };

	return (unsigned)s <= SEV_HIGH ? names[s] : "info";
}

const char *
severity_label(enum severity s)
{
	static const char *const labels[] = { N_("info"), N_("low"), N_("medium"), N_("high") };

	return (unsigned)s <= SEV_HIGH ? _(labels[s]) : "";
}

struct finding *
finding_add(struct findings *fs, enum finding_id id, int severity, const char *where,
    long span_start, long span_end, const char *evidence_fmt, ...)
{
	struct finding *f;
	va_list ap;

	if (fs->n == fs->cap) {
		fs->cap = fs->cap ? fs->cap * 2 : 8;
		fs->v = xreallocarray(fs->v, fs->cap, sizeof *fs->v);
	}
	f = &fs->v[fs->n++];
	f->id = id;
	f->severity = severity < 0 ? finding_default_severity(id) : (enum severity)severity;
	f->where = xstrdup(where != NULL ? where : "");
	f->span_start = span_start;
	f->span_end = span_end;
	f->evidence = NULL;
	if (evidence_fmt != NULL) {
		va_start(ap, evidence_fmt);
		f->evidence = xvasprintf(evidence_fmt, ap);
		va_end(ap);
	}
	f->weight = 0;
	return f;
}

int
findings_has(const struct findings *fs, enum finding_id id)
{
	for (size_t i = 0; i < fs->n; i++)
		if (fs->v[i].id == id)
			return 1;
	return 0;
}

void
findings_free(struct findings *fs)
{
	for (size_t i = 0; i < fs->n; i++) {
		free(fs->v[i].where);
		free(fs->v[i].evidence);
	}
	free(fs->v);
	fs->v = NULL;
	fs->n = fs->cap = 0;
}

const char *
verdict_name(enum verdict v)
{
	static const char *const names[] = { "clean", "suspicious", "phishing" };

	return (unsigned)v <= VERDICT_PHISHING ? names[v] : "clean";
}

const char *
verdict_label(enum verdict v)
{
	static const char *const labels[] = { N_("clean"), N_("suspicious"), N_("phishing") };

	return (unsigned)v <= VERDICT_PHISHING ? _(labels[v]) : "";
}

static int
weight_of(const struct finding *f, int *payload)
{
	int w = severity_weight[f->severity];

	*payload = 0;
	for (size_t i = 0; i < sizeof overrides / sizeof overrides[0]; i++) {
		if (overrides[i].id != f->id)
			continue;
		if (overrides[i].weight != 1000)
			w = overrides[i].weight;
		*payload = overrides[i].payload && f->severity > SEV_INFO;
	}
	return w;
}

int
findings_score(struct findings *fs, enum verdict *verdict)
{
	int score = 0, payload = 0;
	long first[F_COUNT];

	for (int i = 0; i < F_COUNT; i++)
		first[i] = -1;
	/* An id counts once towards the score, with its strongest instance's weight: ten risky links are one risk. */
	for (size_t i = 0; i < fs->n; i++) {
		struct finding *f = &fs->v[i];
		int p, w = weight_of(f, &p);

		payload |= p;
		f->weight = 0;
		if (first[f->id] < 0) {
			first[f->id] = (long)i;
			f->weight = w;
			score += w;
		} else if (w > fs->v[first[f->id]].weight) {
			score += w - fs->v[first[f->id]].weight;
			fs->v[first[f->id]].weight = w;
		}
	}
	if (score < 0)
		score = 0;
	if (verdict != NULL) {
		if (score >= THRESHOLD_PHISHING && payload)
			*verdict = VERDICT_PHISHING;
		else if (score >= THRESHOLD_SUSPICIOUS)
			*verdict = VERDICT_SUSPICIOUS;
		else
			*verdict = VERDICT_CLEAN;
	}
	return score;
}
