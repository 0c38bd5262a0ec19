/* spamtag.h — SUBJECT_SPAM_TAG: tags a receiving filter put in the Subject, and the spam filter headers. */
#ifndef KENSA_SPAMTAG_H
#define KENSA_SPAMTAG_H

struct message;
struct findings;

/*
 * Subject tags ([spam], ***SPAM***, [迷惑メール], {Spam?}, ...), X-Spam-Flag:
 * YES, X-Spam-Status: Yes, X-Spam-Level of 5 stars or more, and Microsoft's
 * SCL of 5 or more (X-Forefront-Antispam-Report, X-MS-Exchange-Organization-SCL).
 * Adds one SUBJECT_SPAM_TAG per signal.
 */
void spamtag_check(const struct message *m, struct findings *fs);

#endif
