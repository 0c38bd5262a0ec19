/* unichar.h — the one table of invisible and format characters: what folding drops, what evidence, reports and the screen escape. */
#ifndef KENSA_UNICHAR_H
#define KENSA_UNICHAR_H

#include <stddef.h>

#include <unitypes.h>

/* What a table entry is (kind bits). */
#define UNICHAR_FORMAT         0x01   /* zero-width format character: renders as nothing */
#define UNICHAR_BIDI_MARK      0x02   /* LRM, RLM, ALM */
#define UNICHAR_BIDI_EMBED     0x04   /* LRE, RLE, PDF */
#define UNICHAR_BIDI_OVERRIDE  0x08   /* LRO, RLO */
#define UNICHAR_BIDI_ISOLATE   0x10   /* LRI, RLI, FSI, PDI */
#define UNICHAR_SEPARATOR      0x20   /* LSEP, PSEP: line breaks terminals and JSON readers mishandle */
#define UNICHAR_JOINER         0x40   /* ZWSP, ZWNJ, ZWJ: spelling in Arabic, Indic, Thai... scripts */
#define UNICHAR_WRITING        0x80   /* part of ordinary writing (CGJ, Mongolian selectors, Hangul fillers): never hides a word */

#define UNICHAR_BIDI_CONTROL   (UNICHAR_BIDI_EMBED | UNICHAR_BIDI_OVERRIDE | UNICHAR_BIDI_ISOLATE)

struct unichar {
	ucs4_t lo, hi;        /* the range, inclusive */
	const char *name;     /* short name for markers: "ZWSP", "RLO" */
	unsigned kind;        /* UNICHAR_* bits */
};

/*
 * The table entry holding c, or NULL when c is an ordinary character
 * (white space included: it is visible as space). Every entry is shown
 * as a <NAME> marker by the UI's sanitiser, escaped by report_clean() and the
 * evidence excerpts, and dropped by normtext_fold().
 */
const struct unichar *unichar_find(ucs4_t c);

/* The kind bits of c; 0 for a character not in the table. */
unsigned unichar_kind(ucs4_t c);

/* The marker name of c ("BOM"), or NULL when c is not in the table. */
const char *unichar_name(ucs4_t c);

/* The whole table, sorted by code point, its length in *n; for tests. */
const struct unichar *unichar_table(size_t *n);

#endif
