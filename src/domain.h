/* domain.h — registrable (organisational) domains through libpsl, IDN forms through libidn2. */
#ifndef KENSA_DOMAIN_H
#define KENSA_DOMAIN_H

#include <stdbool.h>

/*
 * Lower-cased registrable domain of host ("mail.example.co.jp" ->
 * "example.co.jp"), or NULL when host has none (a bare public suffix, an IP
 * literal, an empty or malformed name). A trailing dot is ignored. Caller frees.
 */
char *domain_org(const char *host);

/* true when both hosts have a registrable domain and it is the same one. */
bool domain_same_org(const char *a, const char *b);

/* Domain part of an address (after the last '@'), lower-cased; NULL if none. Caller frees. */
char *domain_of_address(const char *addr);

/* true when s is a syntactically plausible DNS host name with at least one dot. */
bool domain_is_hostname(const char *s);

/* true when s is an IPv4 or IPv6 literal (brackets allowed). */
bool domain_is_ip_literal(const char *s);

#endif
