/* spamtag.c — spam tags in the Subject and the common spam filter headers. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "findings.h"
#include "i18n.h"
#include "message.h"
#include "spamtag.h"
#include "util.h"

/* Tags filters prepend (SpamAssassin rewrite_header, Postfix/amavis, Japanese ISPs' 迷惑メール filters). */
static const char *const subject_tags[] = {
	"***SPAM***", "*****SPAM*****", "[SPAM]", "[SPAM?]", "{SPAM}", "{SPAM?}", "(SPAM)",
	"[SUSPECTED SPAM]", "[POSSIBLE SPAM]", "[PROBABLE SPAM]", "[JUNK]", "[BULK]",
	"[迷惑メール]", "【迷惑メール】", "[迷惑メール？]", "【迷惑メール？】", "[meiwaku]", "[MEIWAKU]",
	"[spam-ja]", "***迷惑メール***", "[SPAM-JA]",
};

static void
check_subject(const struct message *m, struct findings *fs)
{
	const char *subj = message_hvalue(m, "Subject");

	if (subj == NULL)
		return;
	for (size_t i = 0; i < sizeof subject_tags / sizeof subject_tags[0]; i++) {
		const char *p = ascii_strcasestr(subj, subject_tags[i]);
		if (p == NULL)
			continue;
		finding_add(fs, F_SUBJECT_SPAM_TAG, -1, "header:Subject", p - subj,
		    p - subj + (long)strlen(subject_tags[i]), _("Subject carries the tag %.*s"),
		    (int)strlen(subject_tags[i]), p);
		return;
	}
}

static int
scl_of(const char *v)
{
	const char *p = ascii_strcasestr(v, "SCL:");

	if (p == NULL)
		return -1;
	p += 4;
	while (*p == ' ')
		p++;
	if (*p == '-' || *p < '0' || *p > '9')
		return -1;
	return atoi(p);
}

void
spamtag_check(const struct message *m, struct findings *fs)
{
	const char *v;
	int scl;

	check_subject(m, fs);
	if ((v = message_hvalue(m, "X-Spam-Flag")) != NULL && ascii_strncasecmp(v, "YES", 3) == 0)
		finding_add(fs, F_SUBJECT_SPAM_TAG, -1, "header:X-Spam-Flag", 0, 3, "X-Spam-Flag: %s", v);
	if ((v = message_hvalue(m, "X-Spam-Status")) != NULL && ascii_strncasecmp(v, "Yes", 3) == 0)
		finding_add(fs, F_SUBJECT_SPAM_TAG, -1, "header:X-Spam-Status", 0, 3, "X-Spam-Status: %.120s", v);
	if ((v = message_hvalue(m, "X-Spam-Level")) != NULL && strspn(v, "*") >= 5)
		finding_add(fs, F_SUBJECT_SPAM_TAG, -1, "header:X-Spam-Level", 0, (long)strspn(v, "*"),
		    "X-Spam-Level: %.60s", v);
	if ((v = message_hvalue(m, "X-Forefront-Antispam-Report")) != NULL && (scl = scl_of(v)) >= 5)
		finding_add(fs, F_SUBJECT_SPAM_TAG, -1, "header:X-Forefront-Antispam-Report",
		    ascii_strcasestr(v, "SCL:") - v, ascii_strcasestr(v, "SCL:") - v + 5,
		    _("Microsoft spam confidence level SCL:%d"), scl);
	else if ((v = message_hvalue(m, "X-MS-Exchange-Organization-SCL")) != NULL &&
	    *v >= '0' && *v <= '9' && (scl = atoi(v)) >= 5)
		finding_add(fs, F_SUBJECT_SPAM_TAG, -1, "header:X-MS-Exchange-Organization-SCL", 0,
		    (long)strlen(v), _("Microsoft spam confidence level SCL:%d"), scl);
}
