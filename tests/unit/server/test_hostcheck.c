/* test_hostcheck.c - accepted Host headers (DNS-rebinding protection) */
#include <criterion/criterion.h>
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "hostcheck.h"

struct host_case {
	const char *host;
	bool want;
};

static void
run(const struct hostcheck *hc, const struct host_case *cases, size_t n)
{
	for (size_t i = 0; i < n; i++)
		cr_expect_eq(hostcheck_allowed(hc, cases[i].host),
		    cases[i].want, "Host '%s': want %s", cases[i].host,
		    cases[i].want ? "allowed" : "refused");
}

#define RUN(hc, cases) run(hc, cases, sizeof cases / sizeof *cases)

Test(hostcheck, no_header, .timeout = 10)
{
	struct hostcheck none = { NULL, 0 };

	cr_assert(hostcheck_allowed(&none, NULL));
	cr_assert(hostcheck_allowed(NULL, NULL));
}

Test(hostcheck, local_names_and_addresses, .timeout = 10)
{
	static const struct host_case cases[] = {
		{ "localhost", true },
		{ "LOCALHOST", true },
		{ "LocalHost", true },
		{ "localhost:8000", true },
		{ "localhost.", true },
		{ "localhost.:8000", true },
		{ "app.localhost", true },
		{ "a.b.LOCALHOST:3000", true },
		{ "127.0.0.1", true },
		{ "127.0.0.1:80", true },
		{ "10.1.2.3", true },
		{ "192.168.0.10:8080", true },
		{ "0.0.0.0", true },
		{ "[::1]", true },
		{ "[::1]:8000", true },
		{ "[fe80::1]", true },
		{ "[FE80::1]:1", true },
		{ "[::ffff:127.0.0.1]", true },
	};
	struct hostcheck none = { NULL, 0 };

	RUN(&none, cases);
	RUN(NULL, cases);
}

Test(hostcheck, refused, .timeout = 10)
{
	static const struct host_case cases[] = {
		{ "evil.example", false },
		{ "evil.example:8000", false },
		{ "localhost.evil.example", false },
		{ "localhost.evil.example:80", false },
		{ "evillocalhost", false },
		{ "localhostx", false },
		{ "127.0.0.1.nip.io", false },
		{ "127.0.0.1.nip.io:8000", false },
		{ "256.1.1.1", false },
		{ "1.2.3", false },
		{ "[not-ip]", false },
		{ "[not-ip]:80", false },
		{ "[127.0.0.1]", false },
		{ "[::1", false },
		{ "::1", false },
		{ "[]", false },
		{ "", false },
		{ ":8000", false },
		{ "docs.test", false },
	};
	struct hostcheck none = { NULL, 0 };

	RUN(&none, cases);
}

Test(hostcheck, extra_names, .timeout = 10)
{
	static const char *const names[] = { "docs.test", "::1", "[fe80::2]" };
	static const struct host_case cases[] = {
		{ "docs.test", true },
		{ "DOCS.test:9", true },
		{ "Docs.Test.", true },
		{ "docs.test:8000", true },
		{ "[::1]", true },
		{ "[::1]:8000", true },
		{ "[fe80::2]:80", true },
		{ "sub.docs.test", false },
		{ "docs.test.evil.example", false },
		{ "docs.tes", false },
		{ "xdocs.test", false },
		{ "evil.example", false },
	};
	struct hostcheck hc = { names, sizeof names / sizeof *names };

	RUN(&hc, cases);
}

Test(hostcheck, this_machine, .timeout = 10)
{
	char me[256], upper[256], with_port[300];
	struct hostcheck none = { NULL, 0 };

	cr_assert_eq(gethostname(me, sizeof me), 0);
	me[sizeof me - 1] = '\0';
	cr_assert_neq(me[0], '\0', "empty host name");
	for (size_t i = 0; i <= strlen(me); i++)
		upper[i] = (char)toupper((unsigned char)me[i]);
	snprintf(with_port, sizeof with_port, "%s:4000", me);
	cr_assert(hostcheck_allowed(&none, me), "own name '%s' refused", me);
	cr_assert(hostcheck_allowed(&none, upper), "'%s' refused", upper);
	cr_assert(hostcheck_allowed(&none, with_port), "'%s' refused",
	    with_port);
}

/* A phone on the LAN may reach this machine by its mDNS name. */
Test(hostcheck, this_machine_mdns, .timeout = 10)
{
	char me[256], mdns[300], other[300];
	struct hostcheck none = { NULL, 0 };

	cr_assert_eq(gethostname(me, sizeof me), 0);
	me[sizeof me - 1] = '\0';
	snprintf(mdns, sizeof mdns, "%s.LOCAL:8000", me);
	snprintf(other, sizeof other, "x%s.local", me);
	cr_assert(hostcheck_allowed(&none, mdns), "'%s' refused", mdns);
	cr_assert(!hostcheck_allowed(&none, other), "'%s' accepted", other);
	cr_assert(!hostcheck_allowed(&none, "evil.local"));
}

Test(hostcheck, valid_syntax, .timeout = 10)
{
	static const struct host_case cases[] = {
		{ "localhost", true },
		{ "localhost:8000", true },
		{ "localhost:", true },		/* port = *DIGIT */
		{ "127.0.0.1:65535", true },
		{ "[::1]", true },
		{ "[::1]:8000", true },
		{ "", true },
		{ "localhost:abc", false },
		{ "localhost:80x", false },
		{ "localhost:-1", false },
		{ "localhost:123456", false },
		{ "localhost:99999", false },
		{ "localhost:65536", false },
		{ "localhost:00080", true },
		{ "[::1]:70000", false },
		{ "a:1:2", false },
		{ "[::1", false },
		{ "[::1]x", false },
		{ "[::1]:8a", false },
		{ "local host", false },
		{ "local\thost", false },
		{ "local\x01host", false },
		{ "local\x7fhost", false },
	};

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		cr_expect_eq(hostcheck_valid(cases[i].host), cases[i].want,
		    "Host '%s': want %s", cases[i].host,
		    cases[i].want ? "valid" : "invalid");
}
