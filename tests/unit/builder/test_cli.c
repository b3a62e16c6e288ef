/* test_cli.c - the command line */
#include <criterion/criterion.h>
#include <stdarg.h>
#include <stdio.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

#define MAX_ARGS 32

/* One parse: argv is built from the NULL-terminated words (mutable copies). */
struct parse {
	enum cli_result r;
	struct tend_opts o;
	char err[256];
	char words[MAX_ARGS][128];
	char *argv[MAX_ARGS + 1];
};

static struct parse P;

static enum cli_result
parse(const char *first, ...)
{
	va_list ap;
	int argc = 0;

	memset(&P, 0, sizeof P);
	P.o = (struct tend_opts)TEND_OPTS_INIT;
	va_start(ap, first);
	for (const char *w = first; w; w = va_arg(ap, const char *)) {
		cr_assert_lt(argc, MAX_ARGS);
		snprintf(P.words[argc], sizeof P.words[argc], "%s", w);
		P.argv[argc] = P.words[argc];
		argc++;
	}
	va_end(ap);
	P.argv[argc] = NULL;
	P.r = cli_parse(argc, P.argv, &P.o, P.err, sizeof P.err);
	return P.r;
}

/* Expect CLI_ERROR with err containing each of the given words. */
static void
expect_error(const char *want1, const char *want2)
{
	cr_expect_eq(P.r, CLI_ERROR, "result %d, err '%s'", P.r, P.err);
	cr_expect(strstr(P.err, want1), "err '%s' lacks '%s'", P.err, want1);
	if (want2)
		cr_expect(strstr(P.err, want2), "err '%s' lacks '%s'", P.err,
		    want2);
	cr_expect_null(strchr(P.err, '\n'), "err is one line: '%s'", P.err);
}

Test(cli, serve_defaults, .timeout = 10)
{
	cr_assert_eq(parse("tend", "serve", NULL), CLI_OK, "%s", P.err);
	cr_expect_eq(P.o.command, CMD_SERVE);
	cr_expect_str_eq(P.o.src, ".");
	cr_expect_null(P.o.out);
	cr_expect_null(P.o.build_cmd);
	cr_expect_str_eq(P.o.host, "127.0.0.1");
	cr_expect_eq(P.o.port, TEND_DEFAULT_PORT);
	cr_expect_not(P.o.port_given);
	cr_expect_eq(P.o.debounce_ms, TEND_DEFAULT_DEBOUNCE_MS);
	cr_expect_eq(P.o.timeout_s, TEND_DEFAULT_TIMEOUT_S);
	cr_expect_eq(P.o.n_ignores, 0);
	cr_expect_eq(P.o.n_hosts, 0);
	cr_expect_str_eq(P.o.hosts[0], "127.0.0.1");
	cr_expect_eq(P.o.max_connections, TEND_DEFAULT_MAX_CONNECTIONS);
	cr_expect_not(P.o.no_reload);
	cr_expect_not(P.o.json_log);
	cr_expect_eq(P.o.poll_ms, 0);
	cr_expect_null(P.o.junit);
	cr_expect_not(P.o.json);
	cr_expect_not(P.o.list_external);
	cr_expect_eq(P.o.verbosity, LOG_NORMAL);
}

Test(cli, build_with_src, .timeout = 10)
{
	cr_assert_eq(parse("tend", "build", "docs", NULL), CLI_OK, "%s",
	    P.err);
	cr_expect_eq(P.o.command, CMD_BUILD);
	cr_expect_str_eq(P.o.src, "docs");
	/* SRC points into argv. */
	cr_expect_eq(P.o.src, P.argv[2]);
	cr_assert_eq(parse("tend", "serve", "/abs/site", NULL), CLI_OK);
	cr_expect_eq(P.o.command, CMD_SERVE);
	cr_expect_str_eq(P.o.src, "/abs/site");
}

Test(cli, every_short_option, .timeout = 10)
{
	cr_assert_eq(parse("tend", "build", "src", "-o", "out", "-c",
	    "make html", "-p", "9000", "-q", NULL), CLI_OK, "%s", P.err);
	cr_expect_str_eq(P.o.out, "out");
	cr_expect_str_eq(P.o.build_cmd, "make html");
	cr_expect_eq(P.o.port, 9000);
	cr_expect(P.o.port_given);
	cr_expect_eq(P.o.verbosity, LOG_QUIET);
	cr_assert_eq(parse("tend", "serve", "-v", "-p8001", "-oout2", NULL),
	    CLI_OK, "%s", P.err);
	cr_expect_eq(P.o.verbosity, LOG_VERBOSE);
	cr_expect_eq(P.o.port, 8001);
	cr_expect_str_eq(P.o.out, "out2");
}

Test(cli, every_long_option, .timeout = 10)
{
	cr_assert_eq(parse("tend", "serve", "site", "--out", "o",
	    "--cmd", "hugo", "--port", "1234", "--host", "::1",
	    "--debounce", "250", "--timeout", "30", "--ignore", "*.tmp",
	    "--allow-host", "dev.test", "--max-connections", "64",
	    "--no-reload", "--json-log", "--verbose", NULL), CLI_OK, "%s",
	    P.err);
	cr_expect_str_eq(P.o.src, "site");
	cr_expect_str_eq(P.o.out, "o");
	cr_expect_str_eq(P.o.build_cmd, "hugo");
	cr_expect_eq(P.o.port, 1234);
	cr_expect(P.o.port_given);
	cr_expect_str_eq(P.o.host, "::1");
	cr_expect_eq(P.o.debounce_ms, 250);
	cr_expect_eq(P.o.timeout_s, 30);
	cr_expect_eq(P.o.n_ignores, 1);
	cr_expect_str_eq(P.o.ignores[0], "*.tmp");
	cr_expect_eq(P.o.n_hosts, 1);
	cr_expect_str_eq(P.o.hosts[0], "::1");
	cr_expect_str_eq(P.o.hosts[1], "dev.test");
	cr_expect_eq(P.o.max_connections, 64);
	cr_expect(P.o.no_reload);
	cr_expect(P.o.json_log);
	cr_expect_eq(P.o.verbosity, LOG_VERBOSE);
	cr_assert_eq(parse("tend", "build", "--quiet", NULL), CLI_OK);
	cr_expect_eq(P.o.verbosity, LOG_QUIET);
}

Test(cli, long_options_with_equals, .timeout = 10)
{
	cr_assert_eq(parse("tend", "serve", "--out=o", "--cmd=npm run build",
	    "--port=4000", "--host=0.0.0.0", "--debounce=0", "--timeout=86400",
	    "--ignore=drafts/*", "--allow-host=a.test",
	    "--max-connections=100000", NULL), CLI_OK, "%s", P.err);
	cr_expect_str_eq(P.o.out, "o");
	cr_expect_str_eq(P.o.build_cmd, "npm run build");
	cr_expect_eq(P.o.port, 4000);
	cr_expect_str_eq(P.o.host, "0.0.0.0");
	cr_expect_eq(P.o.debounce_ms, 0);
	cr_expect_eq(P.o.timeout_s, 86400);
	cr_expect_str_eq(P.o.ignores[0], "drafts/*");
	cr_expect_str_eq(P.o.hosts[1], "a.test");
	cr_expect_eq(P.o.max_connections, 100000);
}

Test(cli, options_before_and_between_operands, .timeout = 10)
{
	cr_assert_eq(parse("tend", "--port", "5000", "build", "-q", "src",
	    "--no-reload", NULL), CLI_OK, "%s", P.err);
	cr_expect_eq(P.o.command, CMD_BUILD);
	cr_expect_str_eq(P.o.src, "src");
	cr_expect_eq(P.o.port, 5000);
	cr_expect(P.o.no_reload);
}

/*
 * BUG (builder/cli.c, cli_parse): with "-" leading the optstring, getopt_long
 * returns -1 at "--" and leaves the remaining words at argv[optind..]; they
 * are never read, so `tend build -- -odd-name` silently builds "." and
 * `tend -- build` says "missing command".
 */
Test(cli, double_dash_ends_options, .timeout = 10)
{
	cr_assert_eq(parse("tend", "build", "--", "-odd-name", NULL), CLI_OK,
	    "%s", P.err);
	cr_expect_str_eq(P.o.src, "-odd-name");
	cr_expect_null(P.o.out);
	cr_expect_eq(parse("tend", "--", "serve", "x", NULL), CLI_OK, "%s",
	    P.err);
	cr_expect_str_eq(P.o.src, "x");
	/* Too many words after "--" are still an error, not dropped. */
	parse("tend", "build", "a", "--", "b", NULL);
	expect_error("too many", "'b'");
}

Test(cli, port_zero_and_limits, .timeout = 10)
{
	cr_assert_eq(parse("tend", "serve", "--port", "0", NULL), CLI_OK,
	    "%s", P.err);
	cr_expect_eq(P.o.port, 0);
	cr_expect(P.o.port_given);
	cr_assert_eq(parse("tend", "serve", "-p", "65535", NULL), CLI_OK);
	cr_expect_eq(P.o.port, 65535);
	cr_assert_eq(parse("tend", "serve", "-p", "8000", NULL), CLI_OK);
	cr_expect(P.o.port_given, "naming the default port still counts");
}

Test(cli, invalid_port, .timeout = 10)
{
	static const char *const bad[] = { "65536", "-1", "abc", "80x", "",
		"99999999999999999999", "8 0", "0x50" };

	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		parse("tend", "serve", "--port", bad[i], NULL);
		expect_error("port", bad[i]);
		cr_expect_not(P.o.port_given, "'%s'", bad[i]);
	}
	parse("tend", "serve", "--port=", NULL);
	expect_error("port", NULL);
}

Test(cli, invalid_debounce_timeout_connections, .timeout = 10)
{
	parse("tend", "serve", "--debounce", "60001", NULL);
	expect_error("debounce", "60001");
	parse("tend", "serve", "--debounce", "-5", NULL);
	expect_error("debounce", "-5");
	parse("tend", "serve", "--debounce", "10ms", NULL);
	expect_error("debounce", "10ms");
	parse("tend", "serve", "--timeout", "0", NULL);
	expect_error("timeout", "'0'");
	parse("tend", "serve", "--timeout", "86401", NULL);
	expect_error("timeout", "86401");
	parse("tend", "serve", "--timeout", "1.5", NULL);
	expect_error("timeout", "1.5");
	parse("tend", "serve", "--max-connections", "0", NULL);
	expect_error("max-connections", "'0'");
	/* The edges are accepted. */
	cr_expect_eq(parse("tend", "serve", "--debounce", "60000",
	    "--timeout", "1", "--max-connections", "1", NULL), CLI_OK, "%s",
	    P.err);
	cr_expect_eq(P.o.timeout_s, 1);
}

Test(cli, check_ci_options, .timeout = 10)
{
	cr_expect_eq(parse("tend", "check", "--format", "github",
	    "--codequality", "cq.json", "--skip", "^/api/", "--skip", "x|y",
	    "--changed-since", "origin/main", NULL), CLI_OK, "%s", P.err);
	cr_expect_eq(P.o.format, CRAWL_FORMAT_GITHUB);
	cr_expect_str_eq(P.o.codequality, "cq.json");
	cr_expect_eq(P.o.n_skips, 2);
	cr_expect_str_eq(P.o.skips[1], "x|y");
	cr_expect_str_eq(P.o.changed_since, "origin/main");
	parse("tend", "check", "--format", "xml", NULL);
	expect_error("unknown --format 'xml'", "github");
	parse("tend", "check", "--skip", "a(", NULL);
	expect_error("bad --skip pattern 'a('", NULL);
	parse("tend", "check", "--skip", "", NULL);
	expect_error("bad --skip pattern ''", "empty");
	parse("tend", "check", "--changed-since", "", NULL);
	expect_error("--changed-since", "empty");
	parse("tend", "build", "--skip", "x", NULL);
	expect_error("go with 'tend check'", NULL);
	parse("tend", "serve", "--format", "text", NULL);
	expect_error("go with 'tend check'", NULL);
}

Test(cli, unknown_option, .timeout = 10)
{
	parse("tend", "serve", "--bogus", NULL);
	expect_error("unknown option", "--bogus");
	parse("tend", "serve", "-x", NULL);
	expect_error("unknown option", "-x");
	parse("tend", "serve", "-qZ", NULL);
	expect_error("unknown option", "-Z");
}

Test(cli, missing_value, .timeout = 10)
{
	parse("tend", "serve", "--out", NULL);
	expect_error("needs a value", NULL);
	cr_expect(strstr(P.err, "'--out'") || strstr(P.err, "'-o'"), "%s",
	    P.err);
	parse("tend", "serve", "-p", NULL);
	expect_error("needs a value", "-p");
	parse("tend", "serve", "--debounce", NULL);
	expect_error("needs a value", "--debounce");
	parse("tend", "serve", "--ignore", NULL);
	expect_error("needs a value", "--ignore");
}

Test(cli, commands, .timeout = 10)
{
	parse("tend", "deploy", NULL);
	expect_error("unknown command", "deploy");
	parse("tend", "Serve", NULL);
	expect_error("unknown command", "Serve");
	parse("tend", NULL);
	expect_error("missing command", NULL);
	parse("tend", "-q", NULL);
	expect_error("missing command", NULL);
	parse("tend", "build", "a", "b", NULL);
	expect_error("too many", "'b'");
	parse("tend", "build", "a", "b", "c", "d", NULL);
	expect_error("too many", "'b'");
	parse("tend", "build", "", NULL);
	expect_error("empty", NULL);
	parse("tend", "build", "-c", "", NULL);
	expect_error("--cmd command is empty", NULL);
	parse("tend", "build", "--cmd= ", NULL);
	expect_error("--cmd command is empty", NULL);
}

Test(cli, help_and_version_exit, .timeout = 10)
{
	int devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);

	/* The texts go to stdout; keep them out of the test log. */
	cr_assert_geq(devnull, 0);
	fflush(stdout);
	cr_assert_geq(dup2(devnull, STDOUT_FILENO), 0);
	close(devnull);
	cr_expect_eq(parse("tend", "--help", NULL), CLI_EXIT);
	cr_expect_eq(parse("tend", "-h", NULL), CLI_EXIT);
	cr_expect_eq(parse("tend", "serve", "--version", NULL), CLI_EXIT);
	cr_expect_eq(parse("tend", "-V", NULL), CLI_EXIT);
	/* Help wins even before a bad command is seen. */
	cr_expect_eq(parse("tend", "--help", "nonsense", NULL), CLI_EXIT);
	cr_expect(strstr(cli_usage, "usage: tend serve"));
	cr_expect(strstr(cli_usage, "--ignore"));
}

Test(cli, repeated_ignore_and_allow_host, .timeout = 10)
{
	cr_assert_eq(parse("tend", "serve", "--ignore", "a", "--ignore=b/*",
	    "--ignore", "*.log", "--allow-host", "x.test", "--host", "::",
	    "--allow-host=y.test", NULL), CLI_OK, "%s", P.err);
	cr_expect_eq(P.o.n_ignores, 3);
	cr_expect_str_eq(P.o.ignores[0], "a");
	cr_expect_str_eq(P.o.ignores[1], "b/*");
	cr_expect_str_eq(P.o.ignores[2], "*.log");
	cr_expect_eq(P.o.n_hosts, 2);
	cr_expect_str_eq(P.o.hosts[0], "::");	/* --host, wherever given */
	cr_expect_str_eq(P.o.hosts[1], "x.test");
	cr_expect_str_eq(P.o.hosts[2], "y.test");
}

Test(cli, too_many_ignores, .timeout = 10)
{
	static char words[2 * TEND_MAX_IGNORES + 4][16];
	char *argv[2 * TEND_MAX_IGNORES + 5];
	struct tend_opts o = TEND_OPTS_INIT;
	char err[256] = "";
	int argc = 0;

	argv[argc++] = strcpy(words[0], "tend");
	argv[argc++] = strcpy(words[1], "serve");
	for (int i = 0; i <= TEND_MAX_IGNORES; i++) {
		argv[argc] = strcpy(words[argc], "--ignore");
		argc++;
		snprintf(words[argc], sizeof words[argc], "g%d", i);
		argv[argc] = words[argc];
		argc++;
	}
	argv[argc] = NULL;
	cr_expect_eq(cli_parse(argc, argv, &o, err, sizeof err), CLI_ERROR);
	cr_expect(strstr(err, "too many --ignore"), "%s", err);
	cr_expect_eq(o.n_ignores, TEND_MAX_IGNORES);
}

Test(cli, parse_twice_resets, .timeout = 10)
{
	/* cli_parse resets getopt: a second parse starts from argv[1]. */
	cr_assert_eq(parse("tend", "build", "one", "-p", "1", NULL), CLI_OK);
	cr_assert_eq(parse("tend", "serve", "two", NULL), CLI_OK, "%s",
	    P.err);
	cr_expect_eq(P.o.command, CMD_SERVE);
	cr_expect_str_eq(P.o.src, "two");
	cr_expect_not(P.o.port_given);
}

Test(cli, check_command_and_its_options, .timeout = 10)
{
	cr_assert_eq(parse("tend", "check", "site", "--junit", "r.xml",
	    "--json", "--external", NULL), CLI_OK, "%s", P.err);
	cr_expect_eq(P.o.command, CMD_CHECK);
	cr_expect_str_eq(P.o.src, "site");
	cr_expect_str_eq(P.o.junit, "r.xml");
	cr_expect(P.o.json);
	cr_expect(P.o.list_external);
	cr_expect_not(P.o.json_log, "--json is not --json-log");
	parse("tend", "serve", "--json", NULL);
	expect_error("check", NULL);
	parse("tend", "build", "--junit=x.xml", NULL);
	expect_error("check", NULL);
	parse("tend", "serve", "--external", NULL);
	expect_error("check", NULL);
}

Test(cli, poll_interval, .timeout = 10)
{
	cr_assert_eq(parse("tend", "serve", "--poll", "500", NULL), CLI_OK,
	    "%s", P.err);
	cr_expect_eq(P.o.poll_ms, 500);
	cr_expect_eq(parse("tend", "serve", "--poll=10", NULL), CLI_OK);
	cr_expect_eq(P.o.poll_ms, 10);
	parse("tend", "serve", "--poll", "9", NULL);
	expect_error("poll", "'9'");
	parse("tend", "serve", "--poll", "3600001", NULL);
	expect_error("poll", "3600001");
	parse("tend", "serve", "--poll", "fast", NULL);
	expect_error("poll", "fast");
}

Test(cli, base_and_spa, .timeout = 10)
{
	cr_assert_eq(parse("tend", "serve", "--base", "docs", NULL), CLI_OK,
	    "%s", P.err);
	cr_expect_str_eq(P.o.base, "/docs/");
	cr_expect_null(P.o.spa);
	cr_assert_eq(parse("tend", "check", "--base=/a/b", "--spa", "site",
	    NULL), CLI_OK, "%s", P.err);
	cr_expect_str_eq(P.o.base, "/a/b/");
	cr_expect_str_eq(P.o.spa, "index.html");
	cr_expect_str_eq(P.o.src, "site");	/* not --spa's */
	cr_assert_eq(parse("tend", "serve", "--spa=/app/shell.html", NULL),
	    CLI_OK, "%s", P.err);
	cr_expect_str_eq(P.o.spa, "app/shell.html");
	cr_expect_null(P.o.base);
	parse("tend", "serve", "--base", "/a/../b", NULL);
	expect_error("invalid --base", "'..' segment");
	parse("tend", "serve", "--base", "/a?b", NULL);
	expect_error("invalid --base", "query");
	parse("tend", "serve", "--base", "a//b", NULL);
	expect_error("invalid --base", "empty segment");
	parse("tend", "serve", "--spa=a/../b.html", NULL);
	expect_error("invalid --spa", NULL);
	parse("tend", "serve", "--spa=dir/", NULL);
	expect_error("invalid --spa", NULL);
	parse("tend", "build", "--base", "/x/", NULL);
	expect_error("--base and --spa go with", "'tend serve'");
	parse("tend", "build", "--spa", NULL);
	expect_error("--base and --spa go with", NULL);
}

Test(cli, https_cert_key_and_qr, .timeout = 10)
{
	cr_assert_eq(parse("tend", "serve", "--https", NULL), CLI_OK, "%s",
	    P.err);
	cr_expect(P.o.https);
	cr_assert_eq(parse("tend", "serve", "--cert", "c.pem", "--key=k.pem",
	    NULL), CLI_OK, "%s", P.err);
	cr_expect(P.o.https, "--cert and --key mean TLS");
	cr_expect_str_eq(P.o.cert, "c.pem");
	cr_expect_str_eq(P.o.key, "k.pem");
	parse("tend", "serve", "--cert", "c.pem", NULL);
	expect_error("--cert and --key go together", NULL);
	parse("tend", "serve", "--key", "k.pem", NULL);
	expect_error("--cert and --key go together", NULL);
	parse("tend", "build", "--https", NULL);
	expect_error("go with 'tend serve'", NULL);
	parse("tend", "check", "--qr", "--host", "0.0.0.0", NULL);
	expect_error("go with 'tend serve'", NULL);
	/* a QR code of a loopback URL helps no phone */
	parse("tend", "serve", "--qr", NULL);
	expect_error("--qr needs --host 0.0.0.0 or ::", NULL);
	parse("tend", "serve", "--qr", "--host", "::1", NULL);
	expect_error("--qr needs", NULL);
	cr_assert_eq(parse("tend", "serve", "--qr", "--host", "::", NULL),
	    CLI_OK, "%s", P.err);
	cr_expect(P.o.qr);
	cr_assert_eq(parse("tend", "serve", "--qr", "--host", "192.0.2.7",
	    NULL), CLI_OK, "%s", P.err);
}
