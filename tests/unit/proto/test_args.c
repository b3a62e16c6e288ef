/* test_args.c - a server_config through tend-serve's command line and back */
#include <criterion/criterion.h>
#include <limits.h>
#include <string.h>

#include "args.h"

static int
count(char **argv)
{
	int n = 0;

	while (argv[n])
		n++;
	return n;
}

Test(args, every_field_round_trips)
{
	const char *names[] = { "127.0.0.1", NULL, "dev.example", "a b" };
	struct server_config in = {
		.listen_fd = 7, .msg_fd = 12, .parent = 4242,
		.root = "/tmp/site out/_site", .generation = 4000000000u,
		.max_connections = 512, .per_ip_limit = 256,
		.run_id = "1a2b", .hosts = { names, 4 },
		.hold_every_build = true, .building = true, .reload = true,
		.base = "/repo/v1/", .spa = "app/shell.html",
		.verbosity = LOG_VERBOSE,
		.cert = "/d/cert.pem", .key = "/d/key.pem",
	}, out;
	char err[128] = "", **argv = args_make("/x/tend-serve", &in);

	cr_assert_str_eq(argv[0], "/x/tend-serve");
	cr_assert_eq(args_parse(count(argv), argv, &out, err, sizeof err), 0,
	    "%s", err);
	cr_expect_eq(out.listen_fd, 7);
	cr_expect_eq(out.msg_fd, 12);
	cr_expect_eq(out.parent, 4242);
	cr_expect_str_eq(out.root, "/tmp/site out/_site");
	cr_expect_eq(out.generation, 4000000000u);
	cr_expect_eq(out.max_connections, 512);
	cr_expect_eq(out.per_ip_limit, 256);
	cr_expect_str_eq(out.run_id, "1a2b");
	cr_expect(out.hold_every_build && out.building && out.reload);
	cr_expect_eq(out.verbosity, LOG_VERBOSE);
	cr_expect_str_eq(out.base, "/repo/v1/");
	cr_expect_str_eq(out.spa, "app/shell.html");
	cr_expect_str_eq(out.cert, "/d/cert.pem");
	cr_expect_str_eq(out.key, "/d/key.pem");
	/* the NULL name is skipped, the others kept in order */
	cr_assert_eq(out.hosts.count, 3);
	cr_expect_str_eq(out.hosts.names[0], "127.0.0.1");
	cr_expect_str_eq(out.hosts.names[1], "dev.example");
	cr_expect_str_eq(out.hosts.names[2], "a b");
	args_release(&out);
	cr_expect_null(out.hosts.names);
	args_free(argv);
}

Test(args, flags_off_and_quiet)
{
	struct server_config in = {
		.listen_fd = 3, .msg_fd = 4, .parent = 1, .root = "/r",
		.verbosity = LOG_QUIET,
	}, out;
	char err[128] = "", **argv = args_make("tend-serve", &in);

	cr_assert_eq(args_parse(count(argv), argv, &out, err, sizeof err), 0,
	    "%s", err);
	cr_expect_not(out.hold_every_build || out.building || out.reload);
	cr_expect_eq(out.verbosity, LOG_QUIET);
	cr_expect_eq(out.generation, 0);
	cr_expect_str_eq(out.run_id, "");
	cr_expect_eq(out.hosts.count, 0);
	cr_expect_null(out.base);
	cr_expect_null(out.spa);
	args_release(&out);
	args_free(argv);

	in.verbosity = LOG_NORMAL;
	argv = args_make("tend-serve", &in);
	cr_assert_eq(args_parse(count(argv), argv, &out, err, sizeof err), 0);
	cr_expect_eq(out.verbosity, LOG_NORMAL);
	args_release(&out);
	args_free(argv);
}

/* Parse one bad command line: -1, a message, nothing to release. */
static void
refused(const char *const *args, const char *why)
{
	char *argv[16], err[128] = "";
	struct server_config out;
	int n = 0;

	argv[0] = (char *)"tend-serve";
	for (; args[n]; n++)
		argv[n + 1] = (char *)args[n];
	argv[n + 1] = NULL;
	cr_expect_eq(args_parse(n + 1, argv, &out, err, sizeof err), -1, "%s",
	    why);
	cr_expect_neq(err[0], '\0', "%s: no message", why);
	cr_expect_null(out.hosts.names, "%s", why);
}

#define BASE "--listen-fd=3", "--msg-fd=4", "--parent=9", "--root=/r"

Test(args, bad_command_lines_are_refused)
{
	refused((const char *[]){ NULL }, "nothing");
	refused((const char *[]){ "--msg-fd=4", "--parent=9", "--root=/r",
	    NULL }, "no --listen-fd");
	refused((const char *[]){ "--listen-fd=3", "--msg-fd=4", "--parent=9",
	    NULL }, "no --root");
	refused((const char *[]){ BASE, "--root=", NULL }, "empty root");
	refused((const char *[]){ BASE, "--listen-fd=-1", NULL }, "negative");
	refused((const char *[]){ BASE, "--msg-fd=4x", NULL }, "trailing x");
	refused((const char *[]){ BASE, "--msg-fd=", NULL }, "empty number");
	refused((const char *[]){ BASE, "--cert=/c.pem", NULL },
	    "--cert without --key");
	refused((const char *[]){ BASE, "--listen-fd=99999999999", NULL },
	    "fd over INT_MAX");
	refused((const char *[]){ BASE, "--parent=0", NULL }, "parent 0");
	refused((const char *[]){ BASE, "--generation=4294967296", NULL },
	    "generation over UINT_MAX");
	refused((const char *[]){ BASE, "--allow-host=", NULL }, "empty host");
	refused((const char *[]){ BASE, "--port=80", NULL }, "unknown");
	refused((const char *[]){ BASE, "--reload=1", NULL }, "flag value");
	refused((const char *[]){ BASE, "--root", NULL }, "root without =");
	refused((const char *[]){ BASE, "--base=docs", NULL },
	    "base not in its one form");
	refused((const char *[]){ BASE, "--base=/a/../b/", NULL }, "base ..");
	refused((const char *[]){ BASE, "--spa=", NULL }, "empty spa");
}

Test(args, cert_request_round_trips)
{
	const char *names[] = { "localhost", "::1", NULL, "192.0.2.7" };
	struct cert_request in = { .cert = "/c.pem", .key = "/k.pem",
		.make = true, .quiet = true, .names = names, .count = 4 }, out;
	char err[128] = "", **argv = args_cert_make("tend-serve", &in);

	cr_assert_eq(args_cert_parse(count(argv), argv, &out, err, sizeof err),
	    1, "%s", err);
	cr_expect_str_eq(out.cert, "/c.pem");
	cr_expect_str_eq(out.key, "/k.pem");
	cr_expect(out.make && out.quiet);
	cr_assert_eq(out.count, 3);
	cr_expect_str_eq(out.names[1], "::1");
	cr_expect_str_eq(out.names[2], "192.0.2.7");
	args_cert_release(&out);
	args_free(argv);

	/* not a --cert-only line: 0; a bad one: -1 */
	char **serve = (char **)(const char *[]){ "tend-serve",
		"--listen-fd=3", NULL };
	char **bad = (char **)(const char *[]){ "tend-serve", "--cert-only",
		"--cert=/c", NULL };
	char **junk = (char **)(const char *[]){ "tend-serve", "--cert-only",
		"--cert=/c", "--key=/k", "--x", NULL };

	cr_expect_eq(args_cert_parse(2, serve, &out, err, sizeof err), 0);
	cr_expect_eq(args_cert_parse(3, bad, &out, err, sizeof err), -1);
	cr_expect_eq(args_cert_parse(5, junk, &out, err, sizeof err), -1);
	cr_expect(strstr(err, "--x"), "%s", err);
}
