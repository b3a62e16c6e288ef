/*
 * lan.h - the addresses other devices reach tend at, when it listens on a
 * wildcard address (--host 0.0.0.0 or ::): for the printed URLs, the QR
 * code and the certificate's names.
 *
 * The addresses come from getifaddrs(): every address of an interface that
 * is up and not the loopback, of the wildcard's family (tend binds :: with
 * IPV6_V6ONLY, so 0.0.0.0 is reached over IPv4 only and :: over IPv6 only).
 * IPv6 link-local addresses (fe80::/10) are left out: a URL for one needs a
 * zone ("[fe80::1%25wlan0]"), which browsers do not take, and the zone is
 * this machine's interface name, which means nothing on a phone. Loopback
 * addresses on another interface are left out too. The order is
 * getifaddrs()'s, so the first one is the first interface's.
 */
#ifndef TEND_LAN_H
#define TEND_LAN_H

#include <stdbool.h>

#include "strlist.h"

/* Is host a wildcard address, "0.0.0.0" or "::"? */
bool lan_is_wildcard(const char *host);

/*
 * Add to out the numeric addresses (above) of the family of wildcard
 * address host (nothing for another host). 0, or -1 with errno from
 * getifaddrs().
 */
int lan_addresses(const char *host, struct strlist *out);

/* The URL for host, port and base path (listen.h's listen_url(); base
 * NULL: "/"), https:// with tls. A new string. */
char *lan_url(const char *host, int port, const char *base, bool tls);

/*
 * Say where tend is served from the network: with a wildcard host one
 * "on the network: URL" line per address (or a warning that there is
 * none), and with qr a QR code of the first such URL (of url itself for
 * another host). base: the base path of each (NULL: "/"); tls: https://
 * URLs.
 */
void lan_announce(const char *host, const char *url, int port,
    const char *base, bool tls, bool qr);

#endif
