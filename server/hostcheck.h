/*
 * hostcheck.h - DNS-rebinding protection: which Host headers are accepted.
 *
 * A page on evil.example whose name is made to resolve to 127.0.0.1 could
 * otherwise read the local dev server. Accepted: no Host at all (HTTP/1.0),
 * `localhost` and `*.localhost`, any IP address literal (v4, or v6 in
 * brackets: a rebinding attack needs a name), this machine's host name (and
 * NAME.local, its mDNS name, which a phone on the LAN may use), the
 * --host value, and names added with --allow-host. A port suffix is ignored;
 * names compare case-insensitively.
 */
#ifndef TEND_HOSTCHECK_H
#define TEND_HOSTCHECK_H

#include <stdbool.h>
#include <stddef.h>

/* The extra names (e.g. --host and --allow-host values); not copied. */
struct hostcheck {
	const char *const *names;
	size_t count;
};

/* Is the Host header one of the accepted names (above)? NULL is. */
bool hostcheck_allowed(const struct hostcheck *hc, const char *host_header);

/*
 * Is the Host header well formed (RFC 9112: "host [ ':' port ]")? False for
 * a port that is not digits (at most 5) or over 65535, a control byte or a
 * space, and an unclosed '[': the request is then a 400.
 */
bool hostcheck_valid(const char *host_header);

#endif
