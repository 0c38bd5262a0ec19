/* test_auth.c — which Authentication-Results are believed, alignment with From, and the AUTH_* findings. */
#include "config.h"

#include <check.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "address.h"
#include "auth.h"
#include "findings.h"
#include "message.h"
#include "received.h"
#include "settings.h"
#include "util.h"

#define SEEDS TEST_CORPUS "/seeds"

/* One evaluated message: the summary, the findings and what led to them. */
struct eval {
	struct auth_summary au;
	struct findings fs;
	int origin;
	size_t nhops;
};

static void
evaluate(struct message *m, const struct settings *cfg, struct eval *e)
{
	struct received_config rc = { NULL, 0, -1 };
	struct hop *hops = NULL;
	const struct header *h = NULL;
	struct addresses as;

	memset(e, 0, sizeof *e);
	while ((h = message_header_next(m, "Received", h)) != NULL) {
		struct hop hop;
		char *cause = NULL;

		memset(&hop, 0, sizeof hop);
		ck_assert_int_eq(received_parse(h->raw, &hop, &cause), 0);
		hops = xreallocarray(hops, e->nhops + 1, sizeof *hops);
		hops[e->nhops++] = hop;
	}
	e->origin = received_chain(hops, e->nhops, &rc);
	addresses_collect(m, &as);
	auth_evaluate(m, as.from.domain, hops, e->nhops, e->origin, cfg, &e->au);
	auth_check(&e->au, &e->fs);
	addresses_free(&as);
	for (size_t i = 0; i < e->nhops; i++)
		received_hop_free(&hops[i]);
	free(hops);
}

static void
eval_text(const char *text, const struct settings *cfg, struct eval *e)
{
	struct message *m;
	char *cause = NULL;

	ck_assert_int_eq(message_load_mem(text, strlen(text), "t", &m, &cause), 0);
	evaluate(m, cfg, e);
	message_free(m);
}

/* Find the seed whose file name starts with prefix. */
static void
eval_seed(const char *prefix, struct eval *e)
{
	DIR *d = opendir(SEEDS);
	struct dirent *de;
	char *path = NULL, *cause = NULL;
	struct message *m;

	ck_assert_ptr_nonnull(d);
	while ((de = readdir(d)) != NULL)
		if (strncmp(de->d_name, prefix, strlen(prefix)) == 0)
			path = xasprintf("%s/%s", SEEDS, de->d_name);
	closedir(d);
	ck_assert_msg(path != NULL, "seed %s not found", prefix);
	ck_assert_int_eq(message_load_file(path, &m, &cause), 0);
	evaluate(m, NULL, e);
	message_free(m);
	free(path);
}

static void
eval_free(struct eval *e)
{
	auth_summary_free(&e->au);
	findings_free(&e->fs);
}

static int
count(const struct findings *fs, enum finding_id id, enum severity *sev)
{
	int n = 0;

	for (size_t i = 0; i < fs->n; i++)
		if (fs->v[i].id == id) {
			n++;
			if (sev != NULL)
				*sev = fs->v[i].severity;
		}
	return n;
}

static const struct finding *
find(const struct findings *fs, enum finding_id id)
{
	for (size_t i = 0; i < fs->n; i++)
		if (fs->v[i].id == id)
			return &fs->v[i];
	return NULL;
}

#define RECEIVED_MX \
	"Received: from mail.sender.example (mail.sender.example [198.51.100.7])\n" \
	"\tby mx.example.com (Postfix) with ESMTPS id 3A4B51A00AF\n" \
	"\tfor <taro@example.com>; Mon, 1 Jan 2024 09:00:02 +0900 (JST)\n"
#define AR_REAL \
	"Authentication-Results: mx.example.com; spf=fail smtp.mailfrom=x@sender.example;\n" \
	"\tdkim=none; dmarc=fail (p=REJECT) header.from=bank.example\n"
#define AR_FORGED \
	"Authentication-Results: evil.example; spf=pass smtp.mailfrom=info@bank.example;\n" \
	"\tdkim=pass header.d=bank.example; dmarc=pass header.from=bank.example\n"
#define TAIL \
	"From: Bank <info@bank.example>\nTo: taro@example.com\nSubject: x\n\nbody\n"

static void
assert_real_results(const struct eval *e)
{
	ck_assert_str_eq(e->au.authserv_id, "mx.example.com");
	ck_assert_ptr_nonnull(strstr(e->au.trust_reason, "receiving-side"));
	ck_assert_int_eq(e->au.spf, AUTH_FAIL);
	ck_assert_int_eq(e->au.dkim, AUTH_NONE);
	ck_assert_int_eq(e->au.dmarc, AUTH_FAIL);
	ck_assert_str_eq(e->au.spf_domain, "sender.example");
	ck_assert(!e->au.aligned_pass);
	ck_assert(!e->au.dkim_aligned);
	ck_assert_int_eq(e->au.nuntrusted, 1);
	ck_assert_int_eq(count(&e->fs, F_AUTH_SPF_FAIL, NULL), 1);
	ck_assert_int_eq(count(&e->fs, F_AUTH_DMARC_FAIL, NULL), 1);
	ck_assert_int_eq(count(&e->fs, F_AUTH_DKIM_FAIL, NULL), 0);
}

START_TEST(forged_below_real)
{
	struct eval e;

	/* the sender's own "all pass" header sits below the receiving server's */
	eval_text(RECEIVED_MX AR_REAL AR_FORGED TAIL, NULL, &e);
	ck_assert_int_eq(e.origin, 0);
	assert_real_results(&e);
	ck_assert_str_eq(e.au.spf_where, "header:Authentication-Results[1]");
	eval_free(&e);
}
END_TEST

START_TEST(forged_above_real)
{
	struct eval e;

	/*
	 * The forged header is topmost, and a forged Received below the origin
	 * even names evil.example as a "by" host: only hops the receiving side
	 * added count.
	 */
	eval_text("Received: from localhost (localhost [127.0.0.1])\n"
	    "\tby mx.example.com (Postfix) with ESMTP id 5E6F71A00B1; Mon, 1 Jan 2024 09:00:03 +0900\n"
	    AR_FORGED RECEIVED_MX AR_REAL
	    "Received: from pc (pc [192.0.2.9]) by evil.example with SMTP; Mon, 1 Jan 2024 09:00:00 +0900\n"
	    TAIL, NULL, &e);
	ck_assert_int_eq(e.origin, 1);
	assert_real_results(&e);
	ck_assert_str_eq(e.au.spf_where, "header:Authentication-Results[2]");
	eval_free(&e);
}
END_TEST

START_TEST(configured_id_overrides)
{
	const char *t = "Received: from relay.example.net (relay.example.net [203.0.113.20])\n"
	    "\tby filter.example.org (Postfix) with ESMTP id 1; Mon, 1 Jan 2024 09:00:02 +0900\n"
	    "Authentication-Results: filter.example.org; spf=pass smtp.mailfrom=a@shop.example\n"
	    "Authentication-Results: mx.example.com; spf=fail smtp.mailfrom=a@shop.example;\n"
	    "\tdmarc=fail header.from=shop.example\n"
	    "From: <a@shop.example>\nSubject: x\n\nbody\n";
	struct settings s;
	struct eval e;

	/* unconfigured: the id naming the receiving "by" host wins */
	eval_text(t, NULL, &e);
	ck_assert_str_eq(e.au.authserv_id, "filter.example.org");
	ck_assert_int_eq(e.au.spf, AUTH_PASS);
	ck_assert(e.au.spf_aligned);
	ck_assert(e.au.aligned_pass);
	eval_free(&e);

	settings_init(&s);
	ck_assert_int_eq(settings_set(&s, "authserv_id", "mx.example.com"), 0);
	eval_text(t, &s, &e);
	ck_assert_str_eq(e.au.authserv_id, "mx.example.com");
	ck_assert_ptr_nonnull(strstr(e.au.trust_reason, "configured"));
	ck_assert_int_eq(e.au.spf, AUTH_FAIL);
	ck_assert_int_eq(e.au.dmarc, AUTH_FAIL);
	ck_assert(!e.au.aligned_pass);
	ck_assert_int_eq(e.au.nuntrusted, 1);
	ck_assert_int_eq(count(&e.fs, F_AUTH_SPF_FAIL, NULL), 1);
	ck_assert_int_eq(count(&e.fs, F_AUTH_DMARC_FAIL, NULL), 1);
	eval_free(&e);
	settings_free(&s);

	/* a configured id no header carries: nothing is believed */
	settings_init(&s);
	ck_assert_int_eq(settings_set(&s, "authserv_id", "mx.other.example"), 0);
	eval_text(t, &s, &e);
	ck_assert_ptr_null(e.au.authserv_id);
	ck_assert(!e.au.have_results);
	ck_assert_int_eq(e.au.spf, AUTH_UNKNOWN);
	ck_assert_int_eq(count(&e.fs, F_AUTH_MISSING, NULL), 1);
	ck_assert_int_eq(e.fs.n, 1);
	eval_free(&e);
	settings_free(&s);
}
END_TEST

/*
 * Two servers of the user's, both configured: every header either stamped
 * is believed, from the top; the filter's dmarc=fail below the MX's
 * dmarc=none is not dropped; a third party's header is not believed.
 */
START_TEST(two_configured_ids)
{
	const char *t = "Received: from filter.example.com (filter.example.com [192.0.2.5])\n"
	    "\tby mx.example.com (Postfix) with ESMTP id 2; Mon, 1 Jan 2024 09:00:03 +0900\n"
	    "Authentication-Results: mx.example.com; dmarc=none header.from=shop.example\n"
	    "Authentication-Results: evil.example; spf=pass smtp.mailfrom=a@shop.example;\n"
	    "\tdkim=pass header.d=shop.example; dmarc=pass header.from=shop.example\n"
	    "Authentication-Results: filter.example.com; spf=fail smtp.mailfrom=a@shop.example;\n"
	    "\tdkim=fail header.d=shop.example; dmarc=fail header.from=shop.example\n"
	    "From: <a@shop.example>\nSubject: x\n\nbody\n";
	struct settings s;
	struct eval e;

	settings_init(&s);
	ck_assert_int_eq(settings_set(&s, "authserv_id", "filter.example.com, MX.example.com"), 0);
	eval_text(t, &s, &e);
	ck_assert_str_eq(e.au.authserv_id, "mx.example.com, filter.example.com");
	ck_assert_int_eq(e.au.dmarc, AUTH_FAIL);
	ck_assert_str_eq(e.au.dmarc_where, "header:Authentication-Results[3]");
	ck_assert_int_eq(e.au.spf, AUTH_FAIL);
	ck_assert_int_eq(e.au.dkim, AUTH_FAIL);
	ck_assert(!e.au.aligned_pass);
	ck_assert_int_eq(e.au.nuntrusted, 1);
	ck_assert_int_eq(count(&e.fs, F_AUTH_DMARC_FAIL, NULL), 1);
	eval_free(&e);
	settings_free(&s);

	/* only the MX configured: its dmarc=none stands, the filter's results are not believed */
	settings_init(&s);
	ck_assert_int_eq(settings_set(&s, "authserv_id", "mx.example.com"), 0);
	eval_text(t, &s, &e);
	ck_assert_str_eq(e.au.authserv_id, "mx.example.com");
	ck_assert_int_eq(e.au.dmarc, AUTH_NONE);
	ck_assert_int_eq(e.au.spf, AUTH_UNKNOWN);
	ck_assert_int_eq(e.au.nuntrusted, 2);
	eval_free(&e);
	settings_free(&s);
}
END_TEST

START_TEST(exchange_online_no_id)
{
	struct eval e;

	eval_text("Received: from TY2PR01MB1234.jpnprd01.prod.outlook.com (2603:1096:404:8000::12)\n"
	    " by OS3PR01MB5678.jpnprd01.prod.outlook.com with HTTPS; Mon, 1 Jan 2024 00:00:02 +0000\n"
	    "Authentication-Results: spf=fail (sender IP is 203.0.113.5)\n"
	    " smtp.mailfrom=contoso.example; dkim=fail (body hash did not verify)\n"
	    " header.d=contoso.example;dmarc=fail action=quarantine\n"
	    " header.from=contoso.example;compauth=fail reason=000\n"
	    "Authentication-Results: spf=pass (sender IP is 198.51.100.1)\n"
	    " smtp.mailfrom=contoso.example; dkim=pass header.d=contoso.example;\n"
	    " dmarc=pass header.from=contoso.example\n"
	    "From: <ceo@contoso.example>\nSubject: x\n\nbody\n", NULL, &e);
	ck_assert_ptr_null(e.au.authserv_id);
	ck_assert_ptr_nonnull(strstr(e.au.trust_reason, "topmost"));
	ck_assert_int_eq(e.au.spf, AUTH_FAIL);
	ck_assert_int_eq(e.au.dkim, AUTH_FAIL);
	ck_assert_int_eq(e.au.dmarc, AUTH_FAIL);
	ck_assert_str_eq(e.au.spf_where, "header:Authentication-Results[1]");
	ck_assert_str_eq(e.au.dkim_domain, "contoso.example");
	ck_assert(!e.au.aligned_pass);
	ck_assert_int_eq(count(&e.fs, F_AUTH_SPF_FAIL, NULL), 1);
	ck_assert_int_eq(count(&e.fs, F_AUTH_DKIM_FAIL, NULL), 1);
	ck_assert_int_eq(count(&e.fs, F_AUTH_DMARC_FAIL, NULL), 1);
	eval_free(&e);
}
END_TEST

START_TEST(arc_when_no_plain)
{
	struct eval e;

	eval_text("Received: from out.shop.example (out.shop.example [203.0.113.30])\n"
	    "        by mx.google.com with ESMTPS id z11si1; Mon, 1 Jan 2024 00:00:02 -0800 (PST)\n"
	    "ARC-Authentication-Results: i=1; mx.google.com; spf=fail smtp.mailfrom=a@shop.example\n"
	    "ARC-Authentication-Results: i=2; mx.google.com;\n"
	    "       dkim=pass header.i=@shop.example header.s=s1;\n"
	    "       spf=pass smtp.mailfrom=bounce@mailer.example.net;\n"
	    "       dmarc=pass header.from=shop.example\n"
	    "ARC-Authentication-Results: i=3; evil.example; spf=fail smtp.mailfrom=a@shop.example\n"
	    "From: Shop <news@shop.example>\nSubject: x\n\nbody\n", NULL, &e);
	ck_assert_str_eq(e.au.authserv_id, "mx.google.com");
	ck_assert(e.au.have_results);
	/* the newest instance with the trusted id */
	ck_assert_int_eq(e.au.spf, AUTH_PASS);
	ck_assert_int_eq(e.au.dkim, AUTH_PASS);
	ck_assert_int_eq(e.au.dmarc, AUTH_PASS);
	ck_assert_str_eq(e.au.spf_where, "header:ARC-Authentication-Results[2]");
	ck_assert_str_eq(e.au.dkim_domain, "shop.example");
	ck_assert(e.au.dkim_aligned);
	ck_assert(!e.au.spf_aligned);
	ck_assert(e.au.aligned_pass);
	ck_assert_int_eq(e.fs.n, 0);
	eval_free(&e);
}
END_TEST

START_TEST(received_spf_fallback)
{
	struct eval e;
	enum severity sev;
	const struct finding *f;

	/* no results header at all: Received-SPF (the topmost) speaks for SPF */
	eval_text(RECEIVED_MX
	    "Received-SPF: softfail (mx.example.com: transitioning domain of x@bad.example does not\n"
	    "\tdesignate 198.51.100.7 as permitted sender) client-ip=198.51.100.7;\n"
	    "\tenvelope-from=x@bad.example; helo=mail.sender.example;\n"
	    "Received-SPF: pass (forged) client-ip=198.51.100.7; envelope-from=x@bank.example;\n"
	    TAIL, NULL, &e);
	ck_assert(e.au.have_results);
	ck_assert_int_eq(e.au.spf, AUTH_SOFTFAIL);
	ck_assert_str_eq(e.au.spf_domain, "bad.example");
	ck_assert_str_eq(e.au.spf_where, "header:Received-SPF[1]");
	ck_assert_int_eq(e.au.dkim, AUTH_UNKNOWN);
	ck_assert_int_eq(count(&e.fs, F_AUTH_SPF_FAIL, &sev), 1);
	ck_assert_int_eq(sev, SEV_LOW);
	ck_assert_int_eq(count(&e.fs, F_AUTH_MISSING, NULL), 0);
	f = find(&e.fs, F_AUTH_SPF_FAIL);
	ck_assert_int_eq(f->span_start, 0);
	ck_assert_int_gt(f->span_end, 0);
	eval_free(&e);

	/* a results header without an SPF clause: Received-SPF fills that gap only */
	eval_text(RECEIVED_MX
	    "Authentication-Results: mx.example.com; dkim=pass header.d=bank.example\n"
	    "Received-SPF: fail (mx.example.com: domain of x@bank.example does not designate\n"
	    "\t198.51.100.7 as permitted sender) client-ip=198.51.100.7; envelope-from=x@bank.example;\n"
	    TAIL, NULL, &e);
	ck_assert_int_eq(e.au.spf, AUTH_FAIL);
	ck_assert_int_eq(e.au.dkim, AUTH_PASS);
	ck_assert_str_eq(e.au.spf_where, "header:Received-SPF[1]");
	ck_assert_str_eq(e.au.dkim_where, "header:Authentication-Results[1]");
	ck_assert(!e.au.spf_aligned);
	ck_assert(e.au.dkim_aligned);
	ck_assert_int_eq(count(&e.fs, F_AUTH_SPF_FAIL, &sev), 1);
	ck_assert_int_eq(sev, SEV_MEDIUM);
	eval_free(&e);
}
END_TEST

START_TEST(alignment_relaxed)
{
	struct eval e;

	/* the SMARTalk shape: DKIM for the From's organisation, SPF for the ESP's bounce domain */
	eval_text("Received: from bmmpo4101.jpx1.mta.emberpoint.com (bmmpo4101.jpx1.mta.emberpoint.com. [106.185.101.209])\n"
	    "        by mx.google.com with ESMTPS id z11si2345678pfa.201.2021.12.15.00.00.40\n"
	    "        for <taro.example@gmail.com>; Wed, 15 Dec 2021 00:00:41 -0800 (PST)\n"
	    "Authentication-Results: mx.google.com;\n"
	    "       dkim=pass header.d=comm.rakuten.co.jp header.s=fusion;\n"
	    "       spf=pass smtp.mailfrom=z-fusion@bma.mpse.jp\n"
	    "From: SMARTalk <smart@comm.rakuten.co.jp>\nSubject: x\n\nbody\n", NULL, &e);
	ck_assert_str_eq(e.au.dkim_domain, "comm.rakuten.co.jp");
	ck_assert_str_eq(e.au.spf_domain, "bma.mpse.jp");
	ck_assert(e.au.dkim_aligned);
	ck_assert(!e.au.spf_aligned);
	ck_assert(e.au.aligned_pass);
	ck_assert_int_eq(e.au.dmarc, AUTH_UNKNOWN);
	eval_free(&e);

	/* parent organisational domain signs for a subdomain sender: still aligned */
	eval_text(RECEIVED_MX
	    "Authentication-Results: mx.example.com; dkim=pass header.d=rakuten.co.jp;\n"
	    "\tspf=pass smtp.mailfrom=bounce@bma.mpse.jp\n"
	    "From: <smart@comm.rakuten.co.jp>\nSubject: x\n\nbody\n", NULL, &e);
	ck_assert(e.au.dkim_aligned);
	ck_assert(!e.au.spf_aligned);
	ck_assert(e.au.aligned_pass);
	eval_free(&e);

	/* passes for other domains prove nothing about From */
	eval_text(RECEIVED_MX
	    "Authentication-Results: mx.example.com; dkim=pass header.d=rakuten.co.jp.evil.example;\n"
	    "\tspf=pass smtp.mailfrom=bounce@bma.mpse.jp\n"
	    "From: <smart@comm.rakuten.co.jp>\nSubject: x\n\nbody\n", NULL, &e);
	ck_assert_int_eq(e.au.dkim, AUTH_PASS);
	ck_assert(!e.au.dkim_aligned);
	ck_assert(!e.au.spf_aligned);
	ck_assert(!e.au.aligned_pass);
	ck_assert_int_eq(e.fs.n, 0);
	eval_free(&e);

	/* a DKIM fail for the From domain is not aligned either */
	eval_text(RECEIVED_MX
	    "Authentication-Results: mx.example.com; dkim=fail header.d=comm.rakuten.co.jp\n"
	    "From: <smart@comm.rakuten.co.jp>\nSubject: x\n\nbody\n", NULL, &e);
	ck_assert(!e.au.dkim_aligned);
	ck_assert(!e.au.aligned_pass);
	eval_free(&e);
}
END_TEST

START_TEST(dmarc_pass_aligned)
{
	struct eval e;

	eval_text(RECEIVED_MX
	    "Authentication-Results: mx.example.com; spf=pass smtp.mailfrom=b@esp.example.net;\n"
	    "\tdkim=pass header.d=esp.example.net; dmarc=pass header.from=bank.example\n"
	    TAIL, NULL, &e);
	ck_assert(!e.au.spf_aligned);
	ck_assert(!e.au.dkim_aligned);
	ck_assert_int_eq(e.au.dmarc, AUTH_PASS);
	ck_assert_str_eq(e.au.dmarc_from, "bank.example");
	ck_assert(e.au.aligned_pass);
	eval_free(&e);

	/* a DMARC pass for another header.from does not vouch for this From */
	eval_text(RECEIVED_MX
	    "Authentication-Results: mx.example.com; dmarc=pass header.from=other.example\n"
	    TAIL, NULL, &e);
	ck_assert(!e.au.aligned_pass);
	eval_free(&e);
}
END_TEST

START_TEST(findings_and_severities)
{
	struct eval e;
	enum severity sev;
	const struct finding *f;

	eval_text(RECEIVED_MX
	    "Authentication-Results: mx.example.com; spf=fail smtp.mailfrom=x@bank.example;\n"
	    "\tdkim=fail (bad signature) header.d=bank.example; dmarc=fail header.from=bank.example\n"
	    TAIL, NULL, &e);
	ck_assert_int_eq(count(&e.fs, F_AUTH_SPF_FAIL, &sev), 1);
	ck_assert_int_eq(sev, SEV_MEDIUM);
	ck_assert_int_eq(count(&e.fs, F_AUTH_DKIM_FAIL, &sev), 1);
	ck_assert_int_eq(sev, SEV_MEDIUM);
	ck_assert_int_eq(count(&e.fs, F_AUTH_DMARC_FAIL, &sev), 1);
	ck_assert_int_eq(sev, SEV_HIGH);
	ck_assert_int_eq(count(&e.fs, F_AUTH_MISSING, NULL), 0);
	f = find(&e.fs, F_AUTH_DKIM_FAIL);
	ck_assert_str_eq(f->where, "header:Authentication-Results[1]");
	ck_assert_ptr_nonnull(strstr(f->evidence, "dkim=fail"));
	ck_assert_ptr_nonnull(strstr(f->evidence, "bad signature"));
	f = find(&e.fs, F_AUTH_SPF_FAIL);
	ck_assert_int_ge(f->span_start, 0);
	ck_assert_int_gt(f->span_end, f->span_start);
	eval_free(&e);

	eval_text(RECEIVED_MX
	    "Authentication-Results: mx.example.com; spf=softfail smtp.mailfrom=x@bank.example\n"
	    TAIL, NULL, &e);
	ck_assert_int_eq(count(&e.fs, F_AUTH_SPF_FAIL, &sev), 1);
	ck_assert_int_eq(sev, SEV_LOW);
	ck_assert_int_eq(e.fs.n, 1);
	eval_free(&e);

	/* neutral, none and temperror are not failures */
	eval_text(RECEIVED_MX
	    "Authentication-Results: mx.example.com; spf=neutral smtp.mailfrom=x@bank.example;\n"
	    "\tdkim=temperror header.d=bank.example; dmarc=none header.from=bank.example\n"
	    TAIL, NULL, &e);
	ck_assert(e.au.have_results);
	ck_assert_int_eq(e.fs.n, 0);
	eval_free(&e);

	/* nothing at all */
	eval_text(RECEIVED_MX TAIL, NULL, &e);
	ck_assert(!e.au.have_results);
	ck_assert_int_eq(count(&e.fs, F_AUTH_MISSING, &sev), 1);
	ck_assert_int_eq(sev, SEV_LOW);
	ck_assert_int_eq(e.fs.n, 1);
	eval_free(&e);

	/* "; none": the server said it checked nothing, which is a result */
	eval_text(RECEIVED_MX "Authentication-Results: mx.example.com; none\n" TAIL, NULL, &e);
	ck_assert(e.au.have_results);
	ck_assert_int_eq(count(&e.fs, F_AUTH_MISSING, NULL), 0);
	eval_free(&e);
}
END_TEST

START_TEST(seed_ana_all_fail)
{
	struct eval e;
	enum severity sev;

	eval_seed("1771568541", &e);
	ck_assert_int_eq(e.origin, 1);
	ck_assert_str_eq(e.au.authserv_id, "mx.example.com");
	ck_assert_int_eq(e.au.spf, AUTH_FAIL);
	ck_assert_int_eq(e.au.dkim, AUTH_FAIL);
	ck_assert_int_eq(e.au.dmarc, AUTH_FAIL);
	ck_assert_str_eq(e.au.spf_domain, "kmnkw.cn");
	ck_assert_str_eq(e.au.dkim_domain, "kmnkw.cn");
	/* failures never align, even for the From domain itself */
	ck_assert(!e.au.aligned_pass);
	ck_assert_int_eq(count(&e.fs, F_AUTH_SPF_FAIL, &sev), 1);
	ck_assert_int_eq(sev, SEV_MEDIUM);
	ck_assert_int_eq(count(&e.fs, F_AUTH_DKIM_FAIL, NULL), 1);
	ck_assert_int_eq(count(&e.fs, F_AUTH_DMARC_FAIL, &sev), 1);
	ck_assert_int_eq(sev, SEV_HIGH);
	ck_assert_int_eq(count(&e.fs, F_AUTH_MISSING, NULL), 0);
	eval_free(&e);
}
END_TEST

START_TEST(seed_amex_softfail)
{
	struct eval e;
	enum severity sev;

	eval_seed("1764487212", &e);
	ck_assert_str_eq(e.au.authserv_id, "mx.example.com");
	ck_assert_int_eq(e.au.spf, AUTH_SOFTFAIL);
	ck_assert_int_eq(e.au.dkim, AUTH_NONE);
	ck_assert_int_eq(e.au.dmarc, AUTH_FAIL);
	ck_assert_str_eq(e.au.dmarc_from, "auccwallt.top");
	ck_assert_int_eq(count(&e.fs, F_AUTH_SPF_FAIL, &sev), 1);
	ck_assert_int_eq(sev, SEV_LOW);
	ck_assert_int_eq(count(&e.fs, F_AUTH_DMARC_FAIL, NULL), 1);
	ck_assert_int_eq(count(&e.fs, F_AUTH_DKIM_FAIL, NULL), 0);
	ck_assert_int_eq(e.fs.n, 2);
	eval_free(&e);
}
END_TEST

START_TEST(seed_smartalk_pass)
{
	struct eval e;

	eval_seed("1639558840", &e);
	ck_assert_str_eq(e.au.authserv_id, "mx.google.com");
	ck_assert_int_eq(e.au.spf, AUTH_PASS);
	ck_assert_int_eq(e.au.dkim, AUTH_PASS);
	ck_assert_int_eq(e.au.dmarc, AUTH_PASS);
	ck_assert_str_eq(e.au.dkim_domain, "comm.rakuten.co.jp");
	ck_assert_str_eq(e.au.spf_domain, "bma.mpse.jp");
	ck_assert(e.au.dkim_aligned);
	ck_assert(!e.au.spf_aligned);
	ck_assert(e.au.aligned_pass);
	/* the plain header is preferred over ARC of the same id */
	ck_assert_str_eq(e.au.dkim_where, "header:Authentication-Results[1]");
	ck_assert_int_eq(count(&e.fs, F_AUTH_SPF_FAIL, NULL), 0);
	ck_assert_int_eq(count(&e.fs, F_AUTH_DKIM_FAIL, NULL), 0);
	ck_assert_int_eq(count(&e.fs, F_AUTH_DMARC_FAIL, NULL), 0);
	ck_assert_int_eq(count(&e.fs, F_AUTH_MISSING, NULL), 0);
	ck_assert_int_eq(e.fs.n, 0);
	eval_free(&e);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("auth");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	message_init();
	tcase_add_test(tc, forged_below_real);
	tcase_add_test(tc, forged_above_real);
	tcase_add_test(tc, configured_id_overrides);
	tcase_add_test(tc, exchange_online_no_id);
	tcase_add_test(tc, two_configured_ids);
	tcase_add_test(tc, arc_when_no_plain);
	tcase_add_test(tc, received_spf_fallback);
	tcase_add_test(tc, alignment_relaxed);
	tcase_add_test(tc, dmarc_pass_aligned);
	tcase_add_test(tc, findings_and_severities);
	tcase_add_test(tc, seed_ana_all_fail);
	tcase_add_test(tc, seed_amex_softfail);
	tcase_add_test(tc, seed_smartalk_pass);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
