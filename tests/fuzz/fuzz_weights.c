/* fuzz_weights.c — libFuzzer harness for the weight table parser and the scorer it feeds. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "findings.h"
#include "weights.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct weights *w = weights_new();
	struct findings fs = { 0 };
	char *cause = NULL;
	enum verdict v;
	int score;

	weights_load_mem(w, (const char *)data, size, "fuzz", &cause);
	free(cause);
	weights_check(w, "fuzz", &cause);
	free(cause);
	/* Whatever the table, every weight stays in range and a score is a verdict. */
	for (int id = 0; id < F_COUNT; id++)
		for (int s = SEV_INFO; s <= SEV_HIGH; s++) {
			int x = weights_weight(w, id, s);
			if (x < -WEIGHT_MAX || x > WEIGHT_MAX)
				abort();
			finding_add(&fs, id, s, "fuzz", -1, -1, NULL);
		}
	score = findings_score_with(&fs, w, &v);
	if (score < 0 || (unsigned)v > VERDICT_PHISHING)
		abort();
	findings_free(&fs);
	weights_free(w);
	return 0;
}
