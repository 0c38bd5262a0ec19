/* findings.c — the finding model, score and verdict (weights from src/weights.c). */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "findings.h"
#include "i18n.h"
#include "util.h"
#include "weights.h"

static const struct {
	const char *name;
	enum severity severity;
	const char *title;
} table[] = {
#define FINDING_ROW(id, sev, title) { #id, sev, title },
	FINDING_IDS(FINDING_ROW)
#undef FINDING_ROW
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

/*
 * The weights come from one table, data/weights.conf (src/weights.h). A
 * "payload" finding is what makes a message able to harm: a link, an
 * attachment or a phone number to call. When the table requires it, a
 * message is phishing only with a payload; without one (the spoofed prank
 * that links to the brand's own site) it is at most suspicious. With
 * "payload-link-offsite yes" a link that leaves the sender's and the
 * claimed brand's domains is a payload too (fs->link_offsite).
 */
int
findings_score(struct findings *fs, enum verdict *verdict)
{
	return findings_score_with(fs, weights_current(), verdict);
}

int
findings_score_with(struct findings *fs, const struct weights *wt, enum verdict *verdict)
{
	int score = 0, payload = 0;
	long first[F_COUNT];

	for (int i = 0; i < F_COUNT; i++)
		first[i] = -1;
	/* An id counts once towards the score, with its strongest instance's weight: ten risky links are one risk. */
	for (size_t i = 0; i < fs->n; i++) {
		struct finding *f = &fs->v[i];
		int w = weights_weight(wt, f->id, f->severity);

		payload |= weights_payload(wt, f->id, f->severity);
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
	payload |= fs->link_offsite > 0 && weights_payload_link_offsite(wt);
	if (verdict != NULL) {
		if (score >= weights_threshold(wt, VERDICT_PHISHING) &&
		    (payload || !weights_payload_required(wt)))
			*verdict = VERDICT_PHISHING;
		else if (score >= weights_threshold(wt, VERDICT_SUSPICIOUS))
			*verdict = VERDICT_SUSPICIOUS;
		else
			*verdict = VERDICT_CLEAN;
	}
	return score;
}
