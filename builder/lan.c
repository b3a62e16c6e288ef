/* lan.c - the network addresses of a wildcard listener, and saying them */
#include "lan.h"

#include <arpa/inet.h>
#include <errno.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "listen.h"
#include "log.h"
#include "qr.h"
#include "xalloc.h"
#include "banned.h"

bool
lan_is_wildcard(const char *host)
{
	return !strcmp(host, "0.0.0.0") || !strcmp(host, "::");
}

/* The numeric form of a, of family, into s; false if it is not one to
 * list (lan.h: loopback, IPv6 link-local). */
static bool
listed(const struct sockaddr *a, int family, char *s, size_t n)
{
	if (a->sa_family != family)
		return false;
	if (family == AF_INET) {
		const struct in_addr *v4 = &((const struct sockaddr_in *)a)->sin_addr;

		if ((ntohl(v4->s_addr) >> 24) == 127)
			return false;
		return inet_ntop(AF_INET, v4, s, (socklen_t)n) != NULL;
	} else {
		const struct in6_addr *v6 =
		    &((const struct sockaddr_in6 *)a)->sin6_addr;

		if (IN6_IS_ADDR_LOOPBACK(v6) || IN6_IS_ADDR_LINKLOCAL(v6) ||
		    IN6_IS_ADDR_V4MAPPED(v6))
			return false;
		return inet_ntop(AF_INET6, v6, s, (socklen_t)n) != NULL;
	}
}

int
lan_addresses(const char *host, struct strlist *out)
{
	struct ifaddrs *all;
	int family;

	if (!strcmp(host, "0.0.0.0"))
		family = AF_INET;
	else if (!strcmp(host, "::"))
		family = AF_INET6;
	else
		return 0;
	if (getifaddrs(&all) < 0)
		return -1;
	for (struct ifaddrs *i = all; i; i = i->ifa_next) {
		char s[INET6_ADDRSTRLEN];

		if (!i->ifa_addr || !(i->ifa_flags & IFF_UP) ||
		    (i->ifa_flags & IFF_LOOPBACK))
			continue;
		if (listed(i->ifa_addr, family, s, sizeof s))
			strlist_add_unique(out, s);
	}
	freeifaddrs(all);
	return 0;
}

char *
lan_url(const char *host, int port, const char *base, bool tls)
{
	char *url = listen_url(host, port, base), *s;

	if (!tls || strncmp(url, "http://", 7))
		return url;
	s = xasprintf("https://%s", url + 7);
	free(url);
	return s;
}

/* Print url's QR code on stderr. */
static void
print_qr(const char *url)
{
	struct buf b = BUF_INIT;

	if (qr_render(url, qr_utf8_locale(), &b) < 0) {
		log_warn("cannot make a QR code of '%s'", url);
		return;
	}
	log_info("scan to open %s:", url);
	fputs(b.p, stderr);
	fflush(stderr);
	free(b.p);
}

void
lan_announce(const char *host, const char *url, int port, const char *base,
    bool tls, bool qr)
{
	struct strlist addrs = STRLIST_INIT;
	char *first = NULL;

	if (!lan_is_wildcard(host)) {
		if (qr)
			print_qr(url);
		return;
	}
	if (lan_addresses(host, &addrs) < 0)
		log_warn("cannot list the network addresses");
	else if (!addrs.len)
		log_warnx("no network address is up: other devices cannot "
		    "reach tend yet");
	for (size_t i = 0; i < addrs.len; i++) {
		char *u = lan_url(addrs.items[i], port, base, tls);

		log_info("on the network: %s", u);
		if (!first)
			first = u;
		else
			free(u);
	}
	if (qr && first)
		print_qr(first);
	free(first);
	strlist_clear(&addrs);
}
