/* test_unwrap.c — every gateway unwrapper and the click-tracker rules, from the vendors' documented URL formats, positive and negative. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brands.h"
#include "findings.h"
#include "unwrap.h"
#include "url.h"

static struct brands *b;

static void
setup(void)
{
	char *cause = NULL;

	setenv("KENSA_DATADIR", TEST_DATADIR, 1);
	setenv("XDG_CONFIG_HOME", "/nonexistent", 1);
	b = brands_new();
	ck_assert_msg(brands_load_file(b, TEST_DATADIR "/brands.conf", &cause) == 0, "%s", cause);
}

static void
teardown(void)
{
	brands_free(b);
}

/* One case: url, the target expected (NULL: none decoded), the outermost wrapper's name (NULL: none), opaque. */
struct ucase {
	const char *url, *target, *wrapper;
	bool opaque;
};

static void
run_cases(const struct ucase *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct unwrap u;
		size_t nw = unwrap_url(c[i].url, &u);

		if (c[i].target == NULL)
			ck_assert_msg(u.target == NULL, "%s: decoded %s", c[i].url, u.target);
		else {
			ck_assert_msg(u.target != NULL, "%s: not decoded", c[i].url);
			ck_assert_str_eq(u.target, c[i].target);
		}
		if (c[i].wrapper == NULL)
			ck_assert_msg(nw == 0, "%s: wrapper %s", c[i].url, nw > 0 ? u.wrappers[0] : "");
		else {
			ck_assert_msg(nw > 0, "%s: no wrapper", c[i].url);
			ck_assert_str_eq(u.wrappers[0], c[i].wrapper);
		}
		ck_assert_msg(u.opaque == c[i].opaque, "%s: opaque %d", c[i].url, u.opaque);
		unwrap_free(&u);
	}
}

#define RUN(t) run_cases(t, sizeof t / sizeof *t)
#define SL "Safe Links"
#define EX "https://www.example.com/"

START_TEST(safelinks)
{
	static const struct ucase t[] = {
		{ "https://nam12.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.example.com%2F&data=05%7C01%7Cuser%40example.org%7C&sdata=abc%3D&reserved=0", EX, SL, false },
		{ "https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.example.com%2Fpath%3Fa%3D1%26b%3D2&data=05", "https://www.example.com/path?a=1&b=2", SL, false },
		{ "https://APC01.SafeLinks.Protection.Outlook.com/?url=http%3A%2F%2Fexample.net%2F&reserved=0", "http://example.net/", SL, false },
		{ "https://gcc02.safelinks.protection.office365.us/?url=https%3A%2F%2Fwww.example.com%2F&data=x", EX, SL, false },
		{ "https://nam12.safelinks.protection.outlook.com/?data=05&url=https%3A%2F%2Fwww.example.com%2F", EX, SL, false },
		{ "https://nam12.safelinks.protection.outlook.com/?url=https%3a%2f%2fwww.example.com%2f", EX, SL, false },
		{ "https://nam12.safelinks.protection.outlook.com/?url=https://www.example.com/&data=05", EX, SL, false },
		{ "https://nam12.safelinks.protection.outlook.com/?url=https%3A%2F%2Fxn--eckwd4c7c.xn--zckzah%2F", "https://xn--eckwd4c7c.xn--zckzah/", SL, false },
		{ "https://nam12.safelinks.protection.outlook.com/?url=https%3A%2F%2F%E4%BE%8B%E3%81%88.jp%2F", "https://例え.jp/", SL, false },
		{ "https://nam12.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.example.com%2F%25E3%2581%2582", "https://www.example.com/%E3%81%82", SL, false },
		{ "https://nam12.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.example.com%2F#frag", EX, SL, false },
		{ "https://nam12.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.example.com%2F&amp;data=05", EX, SL, false },
		/* negative: missing or empty url, not a web URL, control bytes, wrong hosts */
		{ "https://nam12.safelinks.protection.outlook.com/?data=05%7C01&reserved=0", NULL, NULL, false },
		{ "https://nam12.safelinks.protection.outlook.com/?url=&data=05", NULL, NULL, false },
		{ "https://nam12.safelinks.protection.outlook.com/", NULL, NULL, false },
		{ "https://nam12.safelinks.protection.outlook.com/?url=hello", NULL, NULL, false },
		{ "https://nam12.safelinks.protection.outlook.com/?url=javascript%3Aalert(1)", NULL, NULL, false },
		{ "https://nam12.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.example.com%00.evil%2F", NULL, NULL, false },
		{ "https://nam12.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.exa%0Ample.com%2F", NULL, NULL, false },
		{ "https://nam12.safelinks.protection.outlook.com/?url=https%3A%2F%2F", NULL, NULL, false },
		{ "https://safelinks.protection.outlook.com.evil.example/?url=https%3A%2F%2Fwww.example.com%2F", NULL, NULL, false },
		{ "https://nam12.safelinks-protection-outlook.example/?url=https%3A%2F%2Fwww.example.com%2F", NULL, NULL, false },
		{ "https://evilsafelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.example.com%2F", NULL, NULL, false },
		{ "https://safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.example.com%2F", NULL, NULL, false },
		{ "https://nam12.safelinks.protection.outlook.com/?myurl=https%3A%2F%2Fwww.example.com%2F", NULL, NULL, false },
	};

	RUN(t);
}
END_TEST

#define P1 "Proofpoint URL Defense v1"
#define P2 "Proofpoint URL Defense v2"
#define P3 "Proofpoint URL Defense v3"

START_TEST(proofpoint)
{
	static const struct ucase t[] = {
		/* v1: u= percent-encoded, then k=, r=, m=, s= */
		{ "https://urldefense.proofpoint.com/v1/url?u=http%3A%2F%2Fwww.example.com%2F&k=abc%3D%0A&r=def&m=ghi&s=jkl", "http://www.example.com/", P1, false },
		{ "https://urldefense.proofpoint.com/v1/url?u=https://www.example.com/a%3Fb%3Dc&k=x", "https://www.example.com/a?b=c", P1, false },
		{ "https://urldefense.proofpoint.com/v1/url?k=x&u=http%3A%2F%2Fexample.org%2F", "http://example.org/", P1, false },
		{ "https://urldefense.proofpoint.com/v1/url?k=x", NULL, NULL, false },
		{ "https://urldefense.proofpoint.com/v1/url?u=not-a-url&k=x", NULL, NULL, false },
		/* v2: "-" for "%", "_" for "/" */
		{ "https://urldefense.proofpoint.com/v2/url?u=https-3A__www.example.com_&d=DwMFaQ&c=abc&r=def&m=ghi&s=jkl&e=", EX, P2, false },
		{ "https://urldefense.proofpoint.com/v2/url?u=http-3A__www.example.org_url&d=BwdwBAg&c=TIwf", "http://www.example.org/url", P2, false },
		{ "https://urldefense.proofpoint.com/v2/url?u=https-3A__www.example.com_path-3Fa-3D1-26b-3D2&d=x&c=y", "https://www.example.com/path?a=1&b=2", P2, false },
		{ "https://urldefense.proofpoint.com/v2/url?u=https-3A__www.example.com_-25E3-2581-2582&d=x", "https://www.example.com/%E3%81%82", P2, false },
		{ "https://urldefense.proofpoint.com/v2/url?u=https-3A__xn-2D-2Dmazon-2D3ve.co.jp_&d=x", "https://xn--mazon-3ve.co.jp/", P2, false },
		{ "https://urldefense.com/v2/url?u=https-3A__www.example.com_&d=x", EX, P2, false },
		{ "https://urldefense.proofpoint.com/v2/url?d=x&c=y", NULL, NULL, false },
		{ "https://urldefense.proofpoint.com/v2/url?u=https-3A-00__www.example.com_&d=x", NULL, NULL, false },
		{ "https://urldefense.proofpoint.com/v2/url?u=ftp-3A__files.example.com_&d=x", NULL, NULL, false },
		/* v3: __URL__;base64 of the replaced characters!!tenant!signature$ */
		{ "https://urldefense.com/v3/__https://www.example.com/a*20b__;JQ!!ABCD!efgh$", "https://www.example.com/a%20b", P3, false },
		{ "https://urldefense.com/v3/__https://www.example.com/__;!!ABCD!efgh$", EX, P3, false },
		{ "https://urldefense.com/v3/__https://x.example.com/owa*2Findex.html?t=1*frag__;JSM!!Fjc1!xx$", "https://x.example.com/owa%2Findex.html?t=1#frag", P3, false },
		{ "https://urldefense.com/v3/__https://x.example.com/**A__;YWI!!T!s$", "https://x.example.com/ab", P3, false },
		{ "https://urldefense.com/v3/__https://x.example.com/caf*__;w6k!!T!s$", "https://x.example.com/café", P3, false },
		{ "https://urldefense.com/v3/__https:/x.example.com/p__;!!T!s$", "https://x.example.com/p", P3, false },
		{ "https://urldefense.proofpoint.com/v3/__https://www.example.com/__;!!T!s$", EX, P3, false },
		{ "https://urldefense.com/v3/__https://www.example.com/%3Fq__;!!T!s$", "https://www.example.com/?q", P3, false },
		/* v3 broken: no "__;", fewer bytes than stars, a foreign base64 character, a bad run letter, bytes not UTF-8 */
		{ "https://urldefense.com/v3/__https://www.example.com/", NULL, NULL, false },
		{ "https://urldefense.com/v3/__https://x.example.com/**__;JQ!!T!s$", NULL, NULL, false },
		{ "https://urldefense.com/v3/__https://x.example.com/a*b*c__;JQ!!T!s$", NULL, NULL, false },
		{ "https://urldefense.com/v3/__https://x.example.com/a*b__;J.Q!!T!s$", NULL, NULL, false },
		{ "https://urldefense.com/v3/__https://x.example.com/**!__;YWI!!T!s$", NULL, NULL, false },
		{ "https://urldefense.com/v3/__https://x.example.com/*__;_w!!T!s$", NULL, NULL, false },
		{ "https://urldefense.com/v3/____;!!T!s$", NULL, NULL, false },
		/* look-alike hosts and versions */
		{ "https://urldefense.proofpoint.com.evil.example/v2/url?u=https-3A__www.example.com_&d=x", NULL, NULL, false },
		{ "https://noturldefense.com/v3/__https://www.example.com/__;!!T!s$", NULL, NULL, false },
		{ "https://urldefense.com/v9/url?u=https-3A__www.example.com_", NULL, NULL, false },
		{ "https://proofpoint.com/v2/url?u=https-3A__www.example.com_&d=x", NULL, NULL, false },
	};

	RUN(t);
}
END_TEST

#define MC "Mimecast"

START_TEST(mimecast)
{
	static const struct ucase t[] = {
		{ "https://protect-eu.mimecast.com/s/AbCdEfGhIjKlMnO?domain=example.com", NULL, MC, true },
		{ "https://protect-us.mimecast.com/s/AbCdEf/", NULL, MC, true },
		{ "https://protect-au.mimecast.com/s/x?domain=www.example.com", NULL, MC, true },
		{ "https://protect-za.mimecast.com/s/x", NULL, MC, true },
		{ "https://protect-de.mimecast.com/s/x?domain=example.de", NULL, MC, true },
		{ "https://protect.mimecast-offshore.com/s/x?domain=example.com", NULL, MC, true },
		{ "https://url.uk.m.mimecastprotect.com/s/AbCdEf?domain=example.com", NULL, MC, true },
		{ "https://url.us.m.mimecastprotect.com/s/AbCdEf", NULL, MC, true },
		{ "https://url.au.m.mimecastprotect.com/s/AbCdEf?domain=example.com.au", NULL, MC, true },
		{ "https://mimecastprotect.com/s/AbCdEf", NULL, MC, true },
		{ "HTTPS://PROTECT-EU.MIMECAST.COM/s/AbCd", NULL, MC, true },
		/* not the rewriter: other paths, other hosts of the company, look-alikes */
		{ "https://protect-eu.mimecast.com/", NULL, NULL, false },
		{ "https://protect-eu.mimecast.com/S/AbCd", NULL, NULL, false },
		{ "https://protect-eu.mimecast.com/x/s/AbCd", NULL, NULL, false },
		{ "https://www.mimecast.com/s/AbCd", NULL, NULL, false },
		{ "https://mimecast.com/s/AbCd", NULL, NULL, false },
		{ "https://login-eu.mimecast.com/s/AbCd", NULL, NULL, false },
		{ "https://protect-eu.mimecast.com.evil.example/s/AbCd", NULL, NULL, false },
		{ "https://protect-eu-mimecast.com/s/AbCd", NULL, NULL, false },
		{ "https://url.uk.m.mimecastprotect.com.evil.example/s/AbCd", NULL, NULL, false },
		{ "https://mimecastprotect.com.example/s/AbCd", NULL, NULL, false },
		{ "mailto:protect-eu.mimecast.com/s/AbCd", NULL, NULL, false },
	};

	RUN(t);
}
END_TEST

#define CI "Cisco Secure Email"

START_TEST(cisco)
{
	static const struct ucase t[] = {
		{ "https://secure-web.cisco.com/1AbCdEfGh-IjKl_mN/https%3A%2F%2Fwww.example.com%2F", EX, CI, false },
		{ "https://secure-web.cisco.com/1AbC/https%3A%2F%2Fwww.example.com%2Flogin%3Fnext%3D%252F", "https://www.example.com/login?next=%2F", CI, false },
		{ "https://secure-web.cisco.com/1AbC/http%3A%2F%2Fexample.org", "http://example.org", CI, false },
		{ "https://secure-web.cisco.com/1AbC/https%3a%2f%2fwww.example.com%2f", EX, CI, false },
		{ "https://secure-web.cisco.com/1AbC/https://www.example.com/", EX, CI, false },
		{ "https://SECURE-WEB.CISCO.COM/1AbC/https%3A%2F%2Fwww.example.com%2F", EX, CI, false },
		{ "https://secure-web.cisco.com/1AbC/https%3A%2F%2F%E4%BE%8B%E3%81%88.jp%2F", "https://例え.jp/", CI, false },
		{ "https://secure-web.cisco.com/1AbC/https%3A%2F%2Fwww.example.com%2F%23top", "https://www.example.com/#top", CI, false },
		{ "https://secure-web.cisco.com/1AbC/https%3A%2F%2Fxn--mazon-3ve.co.jp%2F", "https://xn--mazon-3ve.co.jp/", CI, false },
		{ "http://secure-web.cisco.com/1AbC/https%3A%2F%2Fwww.example.com%2F", EX, CI, false },
		/* negative */
		{ "https://secure-web.cisco.com/", NULL, NULL, false },
		{ "https://secure-web.cisco.com/1AbC", NULL, NULL, false },
		{ "https://secure-web.cisco.com/1AbC/", NULL, NULL, false },
		{ "https://secure-web.cisco.com//https%3A%2F%2Fwww.example.com%2F", NULL, NULL, false },
		{ "https://secure-web.cisco.com/1AbC/not-a-url", NULL, NULL, false },
		{ "https://secure-web.cisco.com/1AbC/https%3A%2F%2Fwww.ex%00ample.com%2F", NULL, NULL, false },
		{ "https://secure-web.cisco.com/1AbC/data%3Atext%2Fhtml%2Cx", NULL, NULL, false },
		{ "https://secure-web.cisco.com.evil.example/1AbC/https%3A%2F%2Fwww.example.com%2F", NULL, NULL, false },
		{ "https://secure-web-cisco.com/1AbC/https%3A%2F%2Fwww.example.com%2F", NULL, NULL, false },
		{ "https://www.cisco.com/1AbC/https%3A%2F%2Fwww.example.com%2F", NULL, NULL, false },
		{ "https://secure-web.cisco.com/1AbC/https%3A%2F%2F%2", NULL, NULL, false },
	};

	RUN(t);
}
END_TEST

#define BA "Barracuda Link Protection"
#define TM "Trend Micro Click-Time"

START_TEST(barracuda_trendmicro)
{
	static const struct ucase t[] = {
		{ "https://linkprotect.cudasvc.com/url?a=https%3a%2f%2fwww.example.com%2f&c=E,1,AbC&typo=1", EX, BA, false },
		{ "https://linkprotect.cudasvc.com/url?c=E,1,x&a=http%3A%2F%2Fexample.org%2Fp%3Fq%3D1&typo=1", "http://example.org/p?q=1", BA, false },
		{ "https://linkprotect.cudasvc.com/url?a=https://www.example.com/&c=E", EX, BA, false },
		{ "https://LINKPROTECT.cudasvc.com/URL?a=https%3a%2f%2fwww.example.com%2f", EX, BA, false },
		{ "https://linkprotect.cudasvc.com/url?a=https%3a%2f%2f%e4%be%8b%e3%81%88.jp%2f&c=E", "https://例え.jp/", BA, false },
		{ "https://linkprotect.cudasvc.com/url?a=https%3a%2f%2fwww.example.com%2f&amp;c=E", EX, BA, false },
		{ "https://linkprotect.cudasvc.com/url?c=E,1,x&typo=1", NULL, NULL, false },
		{ "https://linkprotect.cudasvc.com/url?a=", NULL, NULL, false },
		{ "https://linkprotect.cudasvc.com/other?a=https%3a%2f%2fwww.example.com%2f", NULL, NULL, false },
		{ "https://linkprotect.cudasvc.com/url?a=file%3a%2f%2f%2fetc%2fpasswd", NULL, NULL, false },
		{ "https://linkprotect.cudasvc.com.evil.example/url?a=https%3a%2f%2fwww.example.com%2f", NULL, NULL, false },
		{ "https://evil-linkprotect.cudasvc.com/url?a=https%3a%2f%2fwww.example.com%2f", NULL, NULL, false },
		{ "https://imsva91-ctp.trendmicro.com:443/wis/clicktime/v1/query?url=https%3a%2f%2fwww.example.com%2f&umid=1234-5678&auth=abc", EX, TM, false },
		{ "https://imsva91-ctp.trendmicro.com/wis/clicktime/v1/query?umid=1&url=http%3A%2F%2Fexample.org%2Fa%3Fb%3Dc", "http://example.org/a?b=c", TM, false },
		{ "https://tmes.trendmicro.eu/wis/clicktime/v1/query?url=https%3a%2f%2fwww.example.com%2f", EX, TM, false },
		{ "https://ctp.trendmicro.co.jp/wis/clicktime/v1/query?url=https%3a%2f%2f%e4%be%8b%e3%81%88.jp%2f", "https://例え.jp/", TM, false },
		{ "https://imsva91-ctp.trendmicro.com/wis/clicktime/v1/query?umid=1&auth=2", NULL, NULL, false },
		{ "https://imsva91-ctp.trendmicro.com/wis/clicktime/v2/query?url=https%3a%2f%2fwww.example.com%2f", NULL, NULL, false },
		{ "https://trendmicro.evil.example/wis/clicktime/v1/query?url=https%3a%2f%2fwww.example.com%2f", NULL, NULL, false },
		{ "https://imsva91-ctp.trendmicro.com.evil.example/wis/clicktime/v1/query?url=https%3a%2f%2fwww.example.com%2f", NULL, NULL, false },
		{ "https://imsva91-ctp.trendmicro.com/wis/clicktime/v1/query?url=https%3a%2f%2f", NULL, NULL, false },
		{ "https://imsva91-ctp.trendmicro.com/wis/clicktime/v1/query?url=%0d%0ahttps%3a%2f%2fwww.example.com%2f", NULL, NULL, false },
	};

	RUN(t);
}
END_TEST

#define GO "Google redirect"

START_TEST(google)
{
	static const struct ucase t[] = {
		{ "https://www.google.com/url?q=https://www.example.com/&sa=D&source=editors&ust=1&usg=AOvVaw", EX, GO, false },
		{ "https://www.google.com/url?sa=t&url=https%3A%2F%2Fwww.example.com%2F&usg=x", EX, GO, false },
		{ "https://www.google.co.jp/url?q=https%3A%2F%2Fwww.example.com%2F", EX, GO, false },
		{ "https://google.com/url?q=https%3A%2F%2Fwww.example.com%2F", EX, GO, false },
		{ "http://www.google.de/url?q=http://example.org/x%3Fa%3D1&sa=D", "http://example.org/x?a=1", GO, false },
		{ "https://www.google.com/url?q=https%3A%2F%2F%E4%BE%8B%E3%81%88.jp%2F", "https://例え.jp/", GO, false },
		{ "https://www.google.com/url?q=https%3A%2F%2Fwww.example.com%2F#x", EX, GO, false },
		{ "https://www.google.com/url?q=not-a-url&url=https%3A%2F%2Fwww.example.com%2F", EX, GO, false },
		{ "https://www.google.com/url?sa=D&q=https://www.example.com/", EX, GO, false },
		{ "https://www.google.com.au/url?q=https://www.example.com/", EX, GO, false },
		{ "https://www.google.com/url?sa=D", NULL, NULL, false },
		{ "https://www.google.com/url?q=", NULL, NULL, false },
		{ "https://www.google.com/url?q=javascript:alert(1)", NULL, NULL, false },
		{ "https://www.google.com/search?q=https://www.example.com/", NULL, NULL, false },
		{ "https://www.google.com/urls?q=https://www.example.com/", NULL, NULL, false },
		{ "https://mail.google.com/url?q=https://www.example.com/", NULL, NULL, false },
		{ "https://www.google.evil.example/url?q=https://www.example.com/", NULL, NULL, false },
		{ "https://google.com.evil.example/url?q=https://www.example.com/", NULL, NULL, false },
		{ "https://www.googIe.com/url?q=https://www.example.com/", NULL, NULL, false },
		{ "https://www.google.com/url?q=https%3A%2F%2F%00", NULL, NULL, false },
		{ "https://www.google.com/url?qq=https://www.example.com/", NULL, NULL, false },
	};

	RUN(t);
}
END_TEST

START_TEST(nested)
{
	struct unwrap u;

	/* Safe Links around Proofpoint v2 around a Google redirect */
	ck_assert_uint_eq(unwrap_url("https://nam12.safelinks.protection.outlook.com/?url="
	    "https%3A%2F%2Furldefense.proofpoint.com%2Fv2%2Furl%3Fu%3Dhttps-3A__www.google.com_url-3Fq-3Dhttps-3A__evil.example_x%26d%3DDwMF"
	    "&data=05", &u), 3);
	ck_assert_str_eq(u.wrappers[0], SL);
	ck_assert_str_eq(u.wrappers[1], P2);
	ck_assert_str_eq(u.wrappers[2], GO);
	ck_assert_str_eq(u.target, "https://evil.example/x");
	ck_assert(!u.opaque);
	unwrap_free(&u);
	/* Safe Links around Mimecast: decoded once, then opaque */
	ck_assert_uint_eq(unwrap_url("https://nam12.safelinks.protection.outlook.com/?url="
	    "https%3A%2F%2Fprotect-eu.mimecast.com%2Fs%2FAbCd%3Fdomain%3Dexample.com&data=05", &u), 2);
	ck_assert_str_eq(u.wrappers[1], MC);
	ck_assert(u.opaque);
	ck_assert_str_eq(u.target, "https://protect-eu.mimecast.com/s/AbCd?domain=example.com");
	unwrap_free(&u);
	/* Safe Links around a click tracker that keeps its target */
	ck_assert_uint_eq(unwrap_url("https://nam12.safelinks.protection.outlook.com/?url="
	    "https%3A%2F%2Fu123.ct.sendgrid.net%2Fls%2Fclick%3Fupn%3DAbC&data=05", &u), 2);
	ck_assert_str_eq(u.wrappers[1], "SendGrid");
	ck_assert_str_eq(u.tracker, "SendGrid");
	ck_assert(!u.opaque);
	unwrap_free(&u);
	/* Google redirecting to itself forever stops at the depth limit */
	{
		char *url = strdup("https://www.example.com/");

		for (int i = 0; i < UNWRAP_MAX_DEPTH + 3; i++) {
			char *enc = malloc(strlen(url) * 3 + 1), *o = enc, *next;

			for (const char *p = url; *p != '\0'; p++)
				o += sprintf(o, strchr(":/?&=%", *p) != NULL ? "%%%02X" : "%c", (unsigned char)*p);
			*o = '\0';
			next = malloc(strlen(enc) + 40);
			sprintf(next, "https://www.google.com/url?q=%s", enc);
			free(enc);
			free(url);
			url = next;
		}
		ck_assert_uint_eq(unwrap_url(url, &u), UNWRAP_MAX_DEPTH);
		ck_assert_ptr_nonnull(u.target);
		unwrap_free(&u);
		free(url);
	}
	/* nothing to peel */
	ck_assert_uint_eq(unwrap_url("https://www.example.com/?url=https%3A%2F%2Fevil.example%2F", &u), 0);
	ck_assert_ptr_null(u.target);
	unwrap_free(&u);
	ck_assert_uint_eq(unwrap_url("", &u), 0);
	unwrap_free(&u);
	ck_assert_uint_eq(unwrap_url(NULL, &u), 0);
	unwrap_free(&u);
}
END_TEST

START_TEST(trackers)
{
	static const struct ucase t[] = {
		/* trackers keeping the target server-side: named, nothing decoded */
		{ "https://u1234.ct.sendgrid.net/ls/click?upn=AbCdEf", NULL, "SendGrid", false },
		{ "https://ct.sendgrid.net/wf/click?upn=AbC", NULL, "SendGrid", false },
		{ "https://example.us1.list-manage.com/track/click?u=0123abcd&id=4567&e=89ab", NULL, "Mailchimp", false },
		{ "https://mailchi.mp/example/newsletter", NULL, "Mailchimp", false },
		{ "https://click.e.example.exacttarget.com/?qs=abc", NULL, "Salesforce Marketing Cloud", false },
		{ "https://cl.exct.net/?qs=abc", NULL, "Salesforce Marketing Cloud", false },
		{ "https://click.s10.mc.salesforce.com/?qs=abc", NULL, "Salesforce Marketing Cloud", false },
		{ "https://t.hubspotlinks.com/Ctc/x", NULL, "HubSpot", false },
		{ "https://t.sidekickopen90.com/s1t/c/5/x", NULL, "HubSpot", false },
		{ "https://mkto-ab123.com/x", NULL, "Marketo", false },
		{ "https://go.mkto-ab123.com/x", NULL, "Marketo", false },
		{ "https://trk.klclick.com/ls/click?upn=x", NULL, "Klaviyo", false },
		{ "https://trk.klclick3.com/ls/click?upn=x", NULL, "Klaviyo", false },
		{ "https://r20.rs6.net/tn.jsp?f=001abc&c=x", NULL, "Constant Contact", false },
		{ "https://email.mg.example.com.mailgun.org/c/x", NULL, "Mailgun", false },
		{ "https://click.cuenote.jp/c/x", NULL, "Cuenote", false },
		{ "https://x.bme.jp/bm/p/f/tf.php?id=x", NULL, "bMe (arara)", false },
		/* trackers carrying the target: decoded */
		{ "https://abcdefgh.r.us-east-1.awstrack.me/L0/https:%2F%2Fwww.example.com%2Fpage%3Fa=1/1/0100018abc/xyz=123", "https://www.example.com/page?a=1", "Amazon SES", false },
		{ "https://abcdefgh.r.eu-west-1.awstrack.me/L0/https:%2F%2Fwww.example.com%2F/2/0102/x=1", EX, "Amazon SES", false },
		{ "http://www.komtools.net/tracker_court/routage.fdml?F=asenews-november&D=http%3A%2F%2Fstore.example.com%2Fie%2F&P=ie_gStory1", "http://store.example.com/ie/", "Komtools", false },
		{ "https://click.cuenote.jp/c/x?url=https%3A%2F%2Fwww.example.com%2F", EX, "Cuenote", false },
		{ "http://www.twelvehorses.com/mm/Clickthrough/23317062/27021558/23333143/uBn6_sd/*http://www.example.com/*http://www.example.com/", "http://www.example.com/", "Twelvehorses", false },
		{ "http://www.twelvehorses.com/mm/Clickthrough/1/2/3/x/*httpnot", NULL, "Twelvehorses", false },
		/* not trackers: look-alikes, and awstrack.me itself */
		{ "https://sendgrid.net.evil.example/ls/click?upn=x", NULL, NULL, false },
		{ "https://evilsendgrid.net/ls/click?upn=x", NULL, NULL, false },
		{ "https://mkto-ab123.evil.com/x", NULL, NULL, false },
		{ "https://list-manage.com.evil.example/track/click", NULL, NULL, false },
		{ "https://awstrack.me.evil.example/L0/https:%2F%2Fwww.example.com%2F/1/x", NULL, NULL, false },
	};

	RUN(t);
	ck_assert_str_eq(unwrap_tracking_host("ct.sendgrid.net"), "SendGrid");
	ck_assert_str_eq(unwrap_tracking_host("rs6.net"), "Constant Contact");
	ck_assert_ptr_null(unwrap_tracking_host("sendgrid.net.example"));
	ck_assert_ptr_null(unwrap_tracking_host("www.example.com"));
	ck_assert_ptr_null(unwrap_tracking_host(""));
	ck_assert_ptr_null(unwrap_tracking_host(NULL));
	ck_assert(unwrap_tracking_path("/Click?q=30-u8jEIRrZ"));
	ck_assert(unwrap_tracking_path("/click?q=1"));
	ck_assert(unwrap_tracking_path("/ls/click?upn=AbC"));
	ck_assert(!unwrap_tracking_path("/Clicks?q=1"));
	ck_assert(!unwrap_tracking_path("/"));
	ck_assert(!unwrap_tracking_path(NULL));
}
END_TEST

/* ---- what the link checks make of it ---- */

static int
count_of(const char *href, const char *text, const char *from_org, const char *dkim_org, const char *claimed,
    enum finding_id id, enum severity *sev)
{
	struct link *l = calloc(1, sizeof *l);
	struct link_sender s = { from_org, dkim_org };
	struct findings fs = { 0 };
	int n = 0;

	l->source = strdup("a");
	l->href = strdup(href);
	l->text = strdup(text);
	l->end = (long)strlen(text);
	link_fill(l, b);
	url_check(l, 1, b, claimed != NULL ? brands_find(b, claimed) : NULL,
	    from_org != NULL || dkim_org != NULL ? &s : NULL, &fs);
	for (size_t i = 0; i < fs.n; i++)
		if (fs.v[i].id == id) {
			n++;
			if (sev != NULL)
				*sev = fs.v[i].severity;
		}
	findings_free(&fs);
	links_free(l, 1);
	return n;
}

#define RAISES(h, t, f, d, c, id) ck_assert_msg(count_of(h, t, f, d, c, id, NULL) == 1, "%s [%s] should raise %s", h, t, #id)
#define QUIET(h, t, f, d, c, id)  ck_assert_msg(count_of(h, t, f, d, c, id, NULL) == 0, "%s [%s] should not raise %s", h, t, #id)

START_TEST(tracked_text)
{
	enum severity sev = SEV_INFO;
	const char *sg = "https://u1234.ct.sendgrid.net/ls/click?upn=AbCdEf";

	/* the sender's own domain named through its mailing service: no lie */
	QUIET(sg, "www.example-shop.com", "example-shop.com", NULL, NULL, F_LINK_TEXT_MISMATCH);
	QUIET(sg, "https://example-shop.com/sale", "example-shop.com", NULL, NULL, F_LINK_TEXT_MISMATCH);
	QUIET(sg, "www.example-shop.com", "mailer.example", "example-shop.com", NULL, F_LINK_TEXT_MISMATCH);   /* DKIM d= */
	QUIET("https://x.us1.list-manage.com/track/click?u=1&id=2", "www.amazon.com", "amazon.co.jp", NULL, NULL,
	    F_LINK_TEXT_MISMATCH);                                               /* another domain of the same brand */
	QUIET("https://click.example-shop.com/Click?q=1", "example-shop.com", "example-shop.com", NULL, NULL,
	    F_LINK_TEXT_MISMATCH);
	/* another brand, or no sender known: still a mismatch */
	RAISES(sg, "www.amazon.co.jp", "example-shop.com", NULL, NULL, F_LINK_TEXT_MISMATCH);
	RAISES(sg, "www.paypal.com", "example-shop.com", "example-shop.com", NULL, F_LINK_TEXT_MISMATCH);
	RAISES(sg, "www.example-shop.com", NULL, NULL, NULL, F_LINK_TEXT_MISMATCH);
	RAISES(sg, "www.other-shop.com", "example-shop.com", NULL, NULL, F_LINK_TEXT_MISMATCH);
	/* a host that is not a tracker naming the sender is still a lie */
	RAISES("https://evil.example/ls/click?upn=x", "www.example-shop.com", "example-shop.com", NULL, NULL,
	    F_LINK_TEXT_MISMATCH);
	/* the sender's own click redirect: a domain of no brand is low, a brand's stays high */
	ck_assert_int_eq(count_of("http://clickthru.online.com/Click?q=6a-z_30IeWiUJn7vuIzceCGFySNP8yR", "News.com",
	    "online.com", NULL, NULL, F_LINK_TEXT_MISMATCH, &sev), 1);
	ck_assert_int_eq(sev, SEV_LOW);
	sev = SEV_INFO;
	ck_assert_int_eq(count_of("http://click.example-shop.com/Click?q=1", "www.paypal.com", "example-shop.com", NULL,
	    NULL, F_LINK_TEXT_MISMATCH, &sev), 1);
	ck_assert_int_eq(sev, SEV_HIGH);
	sev = SEV_INFO;
	ck_assert_int_eq(count_of("http://click.example-shop.com/Click?q=1", "News.com", "other.example", NULL, NULL,
	    F_LINK_TEXT_MISMATCH, &sev), 1);
	ck_assert_int_eq(sev, SEV_HIGH);
	sev = SEV_INFO;                                                          /* a DKIM signer's tracker alone: high */
	ck_assert_int_eq(count_of("http://t.emailmkt.example-shop.com/ls/click?upn=x", "www.other-news.com", "hotmail.com",
	    "example-shop.com", NULL, F_LINK_TEXT_MISMATCH, &sev), 1);
	ck_assert_int_eq(sev, SEV_HIGH);
	QUIET("http://t.emailmkt.example-shop.com/ls/click?upn=x", "www.example-shop.com", "hotmail.com", "example-shop.com",
	    NULL, F_LINK_TEXT_MISMATCH);
	sev = SEV_INFO;
	ck_assert_int_eq(count_of("http://click.example-shop.com/products/1", "News.com", "example-shop.com", NULL, NULL,
	    F_LINK_TEXT_MISMATCH, &sev), 1);                                     /* no redirect shape */
	ck_assert_int_eq(sev, SEV_HIGH);
	/* a tracker that carries its target is judged by that target */
	RAISES("https://abcdefgh.r.us-east-1.awstrack.me/L0/https:%2F%2Fevil.example%2F/1/x/y=1", "www.example-shop.com",
	    "example-shop.com", NULL, NULL, F_LINK_TEXT_MISMATCH);
	QUIET("https://abcdefgh.r.us-east-1.awstrack.me/L0/https:%2F%2Fwww.example-shop.com%2F/1/x/y=1",
	    "www.example-shop.com", NULL, NULL, NULL, F_LINK_TEXT_MISMATCH);
}
END_TEST

START_TEST(unwrapped_checks)
{
	const char *sl = "https://nam12.safelinks.protection.outlook.com/?url=";

	/* the text against the real target */
	QUIET("https://nam12.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.paypal.com%2Fsignin&data=05",
	    "www.paypal.com", NULL, NULL, NULL, F_LINK_TEXT_MISMATCH);
	RAISES("https://nam12.safelinks.protection.outlook.com/?url=https%3A%2F%2Fpaypa1-login.example%2F&data=05",
	    "www.paypal.com", NULL, NULL, NULL, F_LINK_TEXT_MISMATCH);
	RAISES("https://urldefense.proofpoint.com/v2/url?u=https-3A__keiyakensev.top_sign-2Din&d=x", "https://www.amazon.co.jp/",
	    NULL, NULL, NULL, F_LINK_TEXT_MISMATCH);
	/* a gateway hiding the target: the text cannot be compared */
	QUIET("https://protect-eu.mimecast.com/s/AbCd?domain=evil.example", "www.paypal.com", NULL, NULL, NULL,
	    F_LINK_TEXT_MISMATCH);
	QUIET("https://protect-eu.mimecast.com/s/AbCd", "x", NULL, NULL, "amazon", F_LINK_BRAND_MISMATCH);
	/* the claimed brand against the real target */
	QUIET("https://urldefense.com/v3/__https://www.amazon.co.jp/gp/__;!!T!s$", "here", NULL, NULL, "amazon",
	    F_LINK_BRAND_MISMATCH);
	RAISES("https://urldefense.com/v3/__https://amaz0n-jp.example/gp/__;!!T!s$", "here", NULL, NULL, "amazon",
	    F_LINK_BRAND_MISMATCH);
	/* TLD, shortener, IP literal, confusable: of the real host */
	{
		char url[256];

		snprintf(url, sizeof url, "%s%s", sl, "https%3A%2F%2Fkeiyakensev.top%2F");
		RAISES(url, "x", NULL, NULL, NULL, F_LINK_RISKY_TLD);
		snprintf(url, sizeof url, "%s%s", sl, "https%3A%2F%2Fbit.ly%2Fabc");
		RAISES(url, "x", NULL, NULL, NULL, F_LINK_SHORTENER);
		snprintf(url, sizeof url, "%s%s", sl, "http%3A%2F%2F192.0.2.7%2Flogin");
		RAISES(url, "x", NULL, NULL, NULL, F_LINK_IP_LITERAL);
		snprintf(url, sizeof url, "%s%s", sl, "https%3A%2F%2Fxn--mazon-3ve.co.jp%2F");
		RAISES(url, "x", NULL, NULL, NULL, F_LINK_CONFUSABLE);
		snprintf(url, sizeof url, "%s%s", sl, "https%3A%2F%2Fwww.example.com%2F");
		QUIET(url, "x", NULL, NULL, NULL, F_LINK_RISKY_TLD);
	}
}
END_TEST

START_TEST(link_fields)
{
	struct link *l = calloc(1, sizeof *l);

	l->source = strdup("a");
	l->href = strdup("https://nam12.safelinks.protection.outlook.com/?url=https%3A%2F%2Furldefense.com%2Fv3%2F__https%3A%2F%2Fevil.example%2Fa__%3B%21%21T%21s%24&data=05");
	l->text = strdup("x");
	link_fill(l, b);
	ck_assert_str_eq(l->unwrapped, "https://evil.example/a");
	ck_assert_str_eq(l->unwrapped_defanged, "hXXps://evil[.]example/a");
	ck_assert_str_eq(link_shown(l), "hXXps://evil[.]example/a");
	ck_assert(strncmp(l->defanged, "hXXps://nam12[.]safelinks", 25) == 0);
	ck_assert_uint_eq(l->nwrappers, 2);
	ck_assert_str_eq(l->wrappers[0], SL);
	ck_assert_str_eq(l->wrappers[1], P3);
	ck_assert_str_eq(l->host, "evil.example");
	ck_assert_str_eq(l->org_domain, "evil.example");
	/* filling again (the TUI re-runs checks) neither leaks nor doubles */
	link_fill(l, b);
	ck_assert_uint_eq(l->nwrappers, 2);
	links_free(l, 1);
}
END_TEST

static Suite *
unwrap_suite(void)
{
	Suite *s = suite_create("unwrap");
	TCase *tc = tcase_create("core");

	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_add_test(tc, safelinks);
	tcase_add_test(tc, proofpoint);
	tcase_add_test(tc, mimecast);
	tcase_add_test(tc, cisco);
	tcase_add_test(tc, barracuda_trendmicro);
	tcase_add_test(tc, google);
	tcase_add_test(tc, nested);
	tcase_add_test(tc, trackers);
	tcase_add_test(tc, tracked_text);
	tcase_add_test(tc, unwrapped_checks);
	tcase_add_test(tc, link_fields);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(unwrap_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
