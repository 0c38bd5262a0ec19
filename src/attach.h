/* attach.h — attachments a user could be tricked into running or opening as a login page (ATTACHMENT_RISKY). */
#ifndef KENSA_ATTACH_H
#define KENSA_ATTACH_H

#include <stdbool.h>
#include <stddef.h>

struct message;
struct findings;

/*
 * Why the attachment named name (decoded, may be NULL) with content type
 * ctype (may be NULL) and the first len bytes of its decoded content is
 * risky, as one translated line, or NULL when it is not: executables and
 * scripts by magic number or extension (also behind a decoy extension,
 * "請求書.pdf.exe", or a right-to-left override), disk images and
 * shortcuts, HTML holding a form or a script redirect, macro-enabled
 * Office files, archives that hold such files, and encrypted archives when
 * body (may be NULL) gives a password. The content is only read in memory.
 * Caller frees.
 */
char *attach_risk(const char *name, const char *ctype, const char *data, size_t len, const char *body);

/* ATTACHMENT_RISKY for each risky attachment of m, where "attachment[n]" (n = MIME part index). */
void attach_check(const struct message *m, struct findings *fs);

#endif
