/* test_listen.c - binding the server socket, and the URL shown */
#include <criterion/criterion.h>
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "listen.h"

/* A TCP socket bound (and listening) on 127.0.0.1:port; sets *got. */
static int
hold_port(int port, int *got)
{
	struct sockaddr_in sa = { .sin_family = AF_INET,
		.sin_port = htons((uint16_t)port) };
	socklen_t len = sizeof sa;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	cr_assert_geq(fd, 0);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0 ||
	    listen(fd, 1) < 0) {
		close(fd);
		return -1;
	}
	cr_assert_eq(getsockname(fd, (struct sockaddr *)&sa, &len), 0);
	*got = ntohs(sa.sin_port);
	return fd;
}

/* Is 127.0.0.1:port free right now? */
static int
port_free(int port)
{
	int p, fd = hold_port(port, &p);

	if (fd < 0)
		return 0;
	close(fd);
	return 1;
}

/* The port fd is bound to. */
static int
port_of(int fd)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss;

	cr_assert_eq(getsockname(fd, (struct sockaddr *)&ss, &len), 0);
	if (ss.ss_family == AF_INET6)
		return ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
	return ntohs(((struct sockaddr_in *)&ss)->sin_port);
}

Test(listen, port_zero_picks_a_port, .timeout = 10)
{
	char err[256] = "";
	int bound = -1, fd = listen_open("127.0.0.1", 0, false, &bound, err,
	    sizeof err);
	struct sockaddr_in peer = { .sin_family = AF_INET };
	int c;

	cr_assert_geq(fd, 0, "%s", err);
	cr_expect_gt(bound, 0);
	cr_expect_eq(bound, port_of(fd));
	cr_expect(fcntl(fd, F_GETFD) & FD_CLOEXEC);
	/* It is listening: a client can connect. */
	peer.sin_port = htons((uint16_t)bound);
	peer.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	c = socket(AF_INET, SOCK_STREAM, 0);
	cr_expect_eq(connect(c, (struct sockaddr *)&peer, sizeof peer), 0,
	    "connect: %s", strerror(errno));
	close(c);
	close(fd);
}

Test(listen, port_zero_with_try_next, .timeout = 10)
{
	char err[256] = "";
	int bound = -1, fd = listen_open("127.0.0.1", 0, true, &bound, err,
	    sizeof err);

	cr_assert_geq(fd, 0, "%s", err);
	cr_expect_gt(bound, 0);
	close(fd);
}

Test(listen, ipv6_loopback, .timeout = 10)
{
	char err[256] = "";
	int bound = -1, fd = listen_open("::1", 0, false, &bound, err,
	    sizeof err);

	if (fd < 0 && strstr(err, "address")) {
		cr_skip_test("no IPv6 here: %s", err);
		return;
	}
	cr_assert_geq(fd, 0, "%s", err);
	cr_expect_eq(bound, port_of(fd));
	close(fd);
}

Test(listen, busy_port_is_an_error, .timeout = 10)
{
	char err[256] = "", want[16];
	int p, held = hold_port(0, &p), bound = -1, fd;

	cr_assert_geq(held, 0);
	fd = listen_open("127.0.0.1", p, false, &bound, err, sizeof err);
	cr_expect_lt(fd, 0);
	if (fd >= 0)
		close(fd);
	snprintf(want, sizeof want, "%d", p);
	cr_expect(strstr(err, want), "err '%s' does not name port %d", err, p);
	cr_expect(strstr(err, "in use"), "err '%s'", err);
	close(held);
}

Test(listen, busy_port_tries_the_next, .timeout = 10)
{
	/* Find a held port P whose next ports are not all busy too. */
	for (int attempt = 0; attempt < 20; attempt++) {
		char err[256] = "";
		int p, held = hold_port(0, &p), bound = -1, fd, expect = -1;

		cr_assert_geq(held, 0);
		if (p + LISTEN_TRY_NEXT > 65535) {
			close(held);
			continue;
		}
		for (int q = p + 1; q < p + LISTEN_TRY_NEXT; q++)
			if (port_free(q)) {
				expect = q;
				break;
			}
		if (expect < 0) {
			close(held);
			continue;
		}
		fd = listen_open("127.0.0.1", p, true, &bound, err,
		    sizeof err);
		close(held);
		if (fd < 0 && strstr(err, "busy"))
			continue;	/* someone took them meanwhile */
		cr_assert_geq(fd, 0, "%s", err);
		cr_expect_gt(bound, p);
		cr_expect_lt(bound, p + LISTEN_TRY_NEXT);
		cr_expect_eq(bound, port_of(fd));
		/* The first free one, unless another process took it. */
		cr_expect(bound == expect || !port_free(expect),
		    "bound %d, but %d was free", bound, expect);
		close(fd);
		return;
	}
	cr_skip_test("no held port with free neighbours found");
}

Test(listen, all_busy_names_the_range, .timeout = 10)
{
	int held[LISTEN_TRY_NEXT], base = -1;
	char err[256] = "", want[64];
	int bound, fd;

	/* Hold LISTEN_TRY_NEXT consecutive ports, from a random start. */
	for (int attempt = 0; attempt < 20 && base < 0; attempt++) {
		int p, first = hold_port(0, &p), n = 1;

		if (first < 0 || p + LISTEN_TRY_NEXT > 65535) {
			if (first >= 0)
				close(first);
			continue;
		}
		held[0] = first;
		while (n < LISTEN_TRY_NEXT) {
			int got, fd2 = hold_port(p + n, &got);

			if (fd2 < 0)
				break;
			held[n++] = fd2;
		}
		if (n == LISTEN_TRY_NEXT)
			base = p;
		else
			while (n)
				close(held[--n]);
	}
	if (base < 0) {
		cr_skip_test("no %d free consecutive ports", LISTEN_TRY_NEXT);
		return;
	}
	fd = listen_open("127.0.0.1", base, true, &bound, err, sizeof err);
	cr_expect_lt(fd, 0);
	snprintf(want, sizeof want, "%d to %d", base, base + LISTEN_TRY_NEXT - 1);
	cr_expect(strstr(err, want), "err '%s' lacks '%s'", err, want);
	for (int i = 0; i < LISTEN_TRY_NEXT; i++)
		close(held[i]);
}

/*
 * Issue: near the top of the port range the busy-port message named ports
 * past 65535 ("ports 65530 to 65549"). The range tried ends at 65535.
 */
Test(listen, all_busy_never_names_a_port_past_65535, .timeout = 10)
{
	int held[6], n = 0, bound, fd;
	char err[256] = "";

	for (int p = 65530; p <= 65535; p++) {
		int got, h = hold_port(p, &got);

		if (h < 0) {
			while (n)
				close(held[--n]);
			cr_skip_test("port %d is not free", p);
			return;
		}
		held[n++] = h;
	}
	fd = listen_open("127.0.0.1", 65530, true, &bound, err, sizeof err);
	cr_expect_lt(fd, 0);
	cr_expect(strstr(err, "ports 65530 to 65535 on 127.0.0.1 are all busy"),
	    "err '%s'", err);
	err[0] = '\0';
	fd = listen_open("127.0.0.1", 65535, true, &bound, err, sizeof err);
	cr_expect_lt(fd, 0);
	cr_expect(strstr(err, "65535") && !strstr(err, "6553 to") &&
	    !strstr(err, "to 655"), "err '%s'", err);
	while (n)
		close(held[--n]);
}

Test(listen, bad_address, .timeout = 10)
{
	static const char *const bad[] = { "999.1.1.1", "not an address!",
		"::zz" };

	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char err[256] = "";
		int bound = -1, fd = listen_open(bad[i], 0, false, &bound, err,
		    sizeof err);

		cr_expect_lt(fd, 0, "'%s' bound", bad[i]);
		if (fd >= 0)
			close(fd);
		cr_expect(strstr(err, bad[i]), "err '%s' does not name '%s'",
		    err, bad[i]);
	}
}

Test(listen, address_not_local, .timeout = 10)
{
	char err[256] = "";
	int bound = -1;
	/* TEST-NET-1: valid, but not an address of this machine. */
	int fd = listen_open("192.0.2.1", 0, true, &bound, err, sizeof err);

	cr_expect_lt(fd, 0);
	if (fd >= 0)
		close(fd);
	cr_expect(strstr(err, "192.0.2.1"), "%s", err);
}

static void
expect_url(const char *host, int port, const char *want)
{
	char *u = listen_url(host, port, NULL);

	cr_expect_str_eq(u, want);
	free(u);
}

Test(listen, url, .timeout = 10)
{
	expect_url("127.0.0.1", 8000, "http://127.0.0.1:8000/");
	expect_url("192.168.1.5", 80, "http://192.168.1.5:80/");
	expect_url("::1", 8001, "http://[::1]:8001/");
	expect_url("fe80::1", 9, "http://[fe80::1]:9/");
	expect_url("0.0.0.0", 8000, "http://127.0.0.1:8000/");
	expect_url("::", 65535, "http://[::1]:65535/");
	expect_url("localhost", 3000, "http://localhost:3000/");
}

Test(listen, url_with_base, .timeout = 10)
{
	char *u = listen_url("127.0.0.1", 8000, "/repo/v1/");

	cr_expect_str_eq(u, "http://127.0.0.1:8000/repo/v1/");
	free(u);
	u = listen_url("::", 80, "/docs/");
	cr_expect_str_eq(u, "http://[::1]:80/docs/");
	free(u);
}

Test(listen, is_public, .timeout = 10)
{
	cr_expect_not(listen_is_public("127.0.0.1"));
	cr_expect_not(listen_is_public("127.1.2.3"));
	cr_expect_not(listen_is_public("::1"));
	cr_expect_not(listen_is_public("localhost"));
	cr_expect(listen_is_public("0.0.0.0"));
	cr_expect(listen_is_public("::"));
	cr_expect(listen_is_public("192.168.1.5"));
	cr_expect(listen_is_public("10.0.0.1"));
	cr_expect(listen_is_public("128.0.0.1"));
	cr_expect(listen_is_public("2001:db8::1"));
	cr_expect(listen_is_public("example.com"));
}
