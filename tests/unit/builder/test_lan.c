/* test_lan.c - the LAN addresses of a wildcard listener, from a made-up
 * getifaddrs() (the e2e test lists real ones, in a network namespace) */
#include <criterion/criterion.h>
#include <arpa/inet.h>
#include <errno.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include "lan.h"

int __wrap_getifaddrs(struct ifaddrs **ifap);
void __wrap_freeifaddrs(struct ifaddrs *ifa);

#define N 9
static struct ifaddrs ifs[N];
static struct sockaddr_storage addrs[N];
static int fail_errno;

/* One interface address: name, flags, a numeric address (NULL: none). */
static void
set(int i, const char *name, unsigned flags, const char *addr)
{
	ifs[i].ifa_name = (char *)name;
	ifs[i].ifa_flags = flags;
	ifs[i].ifa_next = i + 1 < N ? &ifs[i + 1] : NULL;
	ifs[i].ifa_addr = NULL;
	if (!addr)
		return;
	if (strchr(addr, ':')) {
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)&addrs[i];

		a->sin6_family = AF_INET6;
		cr_assert_eq(inet_pton(AF_INET6, addr, &a->sin6_addr), 1);
	} else {
		struct sockaddr_in *a = (struct sockaddr_in *)&addrs[i];

		a->sin_family = AF_INET;
		cr_assert_eq(inet_pton(AF_INET, addr, &a->sin_addr), 1);
	}
	ifs[i].ifa_addr = (struct sockaddr *)&addrs[i];
}

int
__wrap_getifaddrs(struct ifaddrs **ifap)
{
	if (fail_errno) {
		errno = fail_errno;
		return -1;
	}
	*ifap = ifs;
	return 0;
}

void
__wrap_freeifaddrs(struct ifaddrs *ifa)
{
	(void)ifa;
}

static void
machine(void)
{
	set(0, "lo", IFF_UP | IFF_LOOPBACK, "127.0.0.1");
	set(1, "lo", IFF_UP | IFF_LOOPBACK, "::1");
	set(2, "eth0", IFF_UP, "192.168.1.20");
	set(3, "eth0", IFF_UP, "fe80::1");
	set(4, "eth0", IFF_UP, "2001:db8::20");
	set(5, "wlan0", 0, "10.0.0.5");			/* down */
	set(6, "tun0", IFF_UP, NULL);			/* no address */
	set(7, "dummy0", IFF_UP, "127.0.0.2");	/* loopback elsewhere */
	set(8, "wlan1", IFF_UP, "10.1.2.3");
}

TestSuite(lan, .init = machine, .timeout = 10);

Test(lan, ipv4_wildcard)
{
	struct strlist l = STRLIST_INIT;

	cr_assert_eq(lan_addresses("0.0.0.0", &l), 0);
	cr_assert_eq(l.len, 2);
	cr_expect_str_eq(l.items[0], "192.168.1.20");
	cr_expect_str_eq(l.items[1], "10.1.2.3");
	strlist_clear(&l);
}

Test(lan, ipv6_wildcard_skips_link_local)
{
	struct strlist l = STRLIST_INIT;

	cr_assert_eq(lan_addresses("::", &l), 0);
	cr_assert_eq(l.len, 1);
	cr_expect_str_eq(l.items[0], "2001:db8::20");
	strlist_clear(&l);
}

Test(lan, not_a_wildcard)
{
	struct strlist l = STRLIST_INIT;

	cr_assert_eq(lan_addresses("127.0.0.1", &l), 0);
	cr_assert_eq(lan_addresses("192.168.1.20", &l), 0);
	cr_expect_eq(l.len, 0);
	cr_expect(lan_is_wildcard("::") && lan_is_wildcard("0.0.0.0"));
	cr_expect_not(lan_is_wildcard("::1"));
}

Test(lan, getifaddrs_fails)
{
	struct strlist l = STRLIST_INIT;

	fail_errno = ENOMEM;
	cr_expect_eq(lan_addresses("0.0.0.0", &l), -1);
	cr_expect_eq(errno, ENOMEM);
	cr_expect_eq(l.len, 0);
}

Test(lan, urls)
{
	char *a = lan_url("192.168.1.20", 8000, "/repo/", true);
	char *b = lan_url("2001:db8::20", 8443, NULL, true);
	char *c = lan_url("0.0.0.0", 80, NULL, false);

	cr_expect_str_eq(a, "https://192.168.1.20:8000/repo/");
	cr_expect_str_eq(b, "https://[2001:db8::20]:8443/");
	cr_expect_str_eq(c, "http://127.0.0.1:80/");
	free(a);
	free(b);
	free(c);
}
