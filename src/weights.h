/* weights.h — the weight table as data: severity weights, per-id weights, payload ids, thresholds. */
#ifndef KENSA_WEIGHTS_H
#define KENSA_WEIGHTS_H

#include <stdbool.h>
#include <stddef.h>

#include "findings.h"

/*
 * The file format (data/weights.conf, ~/.config/kensa/weights.conf), one
 * directive a line, '#' to the end of a line is a comment:
 *
 *   severity SEV N          weight of any finding of severity SEV (info, low, medium, high)
 *   weight ID SEV N         weight of id ID raised at severity SEV
 *   weight ID * N           weight of id ID at every severity without its own line
 *   payload ID [yes|no]     ID is (or is not) a payload: a link, attachment or
 *                           phone number that can harm; counts when raised above info
 *   payload-required yes|no phishing needs a payload finding (default yes)
 *   payload-link-offsite yes|no  a link leaving the sender's registrable domain
 *                           and the claimed brand's domains is a payload too (default no)
 *   threshold suspicious N  score from which a message is suspicious
 *   threshold phishing N    score from which it is phishing
 *   clear                   forget everything read before this line
 *
 * A finding's weight is the first of: its id at its severity, its id at
 * "*", its severity's weight. Weights lie in [-WEIGHT_MAX, WEIGHT_MAX].
 */
#define WEIGHT_MAX 1000

struct weights;

/* An empty table: every weight 0, no payload ids, payload required, no thresholds (free with weights_free). */
struct weights *weights_new(void);
void weights_free(struct weights *w);

/*
 * Read one weights file into w; its lines override what w held. Returns 0,
 * or -1 with *cause "FILE:LINE: reason" (caller frees) at the first bad
 * line (unknown directive, id or severity, bad number, an id or severity
 * given twice in one file) or "FILE: reason" for an unreadable file.
 */
int weights_load_file(struct weights *w, const char *path, char **cause);
/* The same from memory; name is used in messages. */
int weights_load_mem(struct weights *w, const char *text, size_t len, const char *name, char **cause);
/* 0 when w can score (both thresholds set, suspicious <= phishing), else -1 with *cause naming what is missing. */
int weights_check(const struct weights *w, const char *name, char **cause);

/* The weight of id raised at severity s; whether id at s counts as a payload. */
int weights_weight(const struct weights *w, enum finding_id id, enum severity s);
bool weights_payload(const struct weights *w, enum finding_id id, enum severity s);
bool weights_payload_required(const struct weights *w);
bool weights_payload_link_offsite(const struct weights *w);
/* The score from which a message gets verdict v (VERDICT_SUSPICIOUS or VERDICT_PHISHING). */
int weights_threshold(const struct weights *w, enum verdict v);

/*
 * The process-wide table: util_data_path("weights.conf"), then user_path
 * when not NULL (an error if it cannot be read), else
 * $XDG_CONFIG_HOME/kensa/weights.conf (else ~/.config/kensa/weights.conf;
 * a missing one is no error). The first call loads it; later calls return
 * the first result. Returns 0, or -1 with *cause (caller frees) when a file
 * is missing or bad; the table is then empty and every message clean.
 * Call it before starting threads (kensa's main() does, at start-up).
 */
int weights_setup(const char *user_path, char **cause);
/* The process-wide table (loaded with weights_setup(NULL, ...) on first use; never NULL). */
const struct weights *weights_current(void);

#endif
