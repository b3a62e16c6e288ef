/* test_errors.c - bad input gets one clear line and a non-zero exit */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <stdio.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"

static struct tend_proc t;
static char *site;

static void
teardown(void)
{
	tp_teardown(&t, &site);
}

TestSuite(errors, .fini = teardown, .timeout = 30);

/* Run tend to completion; returns its exit code (asserts it exited). */
static int
run(const char *const *args)
{
	tp_start(&t, NULL, args);
	cr_assert(tp_wait_exit(&t, 10000), "tend did not exit; stderr:\n%s",
	    t.err);
	cr_assert(WIFEXITED(t.status), "status %#x; stderr:\n%s", t.status,
	    t.err);
	return WEXITSTATUS(t.status);
}

/* stderr is exactly one line containing needle. */
static void
assert_one_line(const char *needle)
{
	cr_assert(strstr(t.err, needle), "expected '%s' in:\n%s", needle,
	    t.err);
	cr_assert_eq(strchr(t.err, '\n'), t.err + strlen(t.err) - 1,
	    "more than one line:\n%s", t.err);
}

Test(errors, bad_flag)
{
	cr_assert_eq(run((const char *const[]){ "serve", "--bogus", NULL }), 2);
	assert_one_line("unknown option '--bogus'");
}

Test(errors, missing_value)
{
	cr_assert_eq(run((const char *const[]){ "serve", "--port", NULL }), 2);
	assert_one_line("needs a value");
}

Test(errors, bad_port)
{
	cr_assert_eq(run((const char *const[]){ "serve", "-p", "70000", NULL }),
	    2);
	assert_one_line("invalid port '70000'");
}

Test(errors, missing_command)
{
	cr_assert_eq(run((const char *const[]){ NULL }), 2);
	assert_one_line("missing command");
}

Test(errors, missing_folder)
{
	cr_assert_eq(run((const char *const[]){ "serve",
	    "/nonexistent/tend-src", NULL }), 2);
	assert_one_line("cannot use '/nonexistent/tend-src' as the source "
	    "folder: No such file or directory");
}

Test(errors, source_is_a_file)
{
	site = tmp_dir();
	write_file(site, "f", "x");
	char path[512];
	snprintf(path, sizeof path, "%s/f", site);
	cr_assert_eq(run((const char *const[]){ "build", path, NULL }), 2);
	assert_one_line("is not a folder");
}

Test(errors, help_and_version)
{
	cr_assert_eq(run((const char *const[]){ "--help", NULL }), 0);
	cr_assert(tp_wait_out(&t, "usage: tend serve", 100));
	tp_cleanup(&t);
	cr_assert_eq(run((const char *const[]){ "--version", NULL }), 0);
	cr_assert(tp_wait_out(&t, "tend 0.", 100));
}

Test(errors, busy_named_port)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t len = sizeof a;
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	char port[16], needle[64];

	inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
	cr_assert_eq(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
	cr_assert_eq(listen(fd, 1), 0);
	getsockname(fd, (struct sockaddr *)&a, &len);
	snprintf(port, sizeof port, "%d", ntohs(a.sin_port));
	site = make_site();
	cr_assert_eq(run((const char *const[]){ "serve", site, "--port", port,
	    NULL }), 2);
	snprintf(needle, sizeof needle, "port %s: Address already in use",
	    port);
	assert_one_line(needle);
	close(fd);
}

Test(errors, bad_host)
{
	site = make_site();
	cr_assert_eq(run((const char *const[]){ "serve", site, "--port", "0",
	    "--host", "not-an-address.invalid", NULL }), 2);
	assert_one_line("cannot use address 'not-an-address.invalid'");
}

Test(errors, failing_build_command)
{
	site = tmp_dir();
	cr_assert_eq(run((const char *const[]){ "build", site, "--cmd",
	    "echo something broke >&2; exit 3", NULL }), 1);
	cr_assert(strstr(t.err, "  | something broke"), "%s", t.err);
	cr_assert(strstr(t.err, "build failed: the command exited with "
	    "status 3"), "%s", t.err);
}

Test(errors, build_command_that_never_ends_times_out)
{
	site = tmp_dir();
	cr_assert_eq(run((const char *const[]){ "build", site, "--timeout",
	    "1", "--cmd", "sleep 60", NULL }), 1);
	cr_assert(strstr(t.err, "timed out after 1 s"), "%s", t.err);
}

Test(errors, refuses_to_replace_a_users_folder)
{
	site = make_site();
	write_file(site, "mine/precious.txt", "keep me");
	char out[512];
	snprintf(out, sizeof out, "%s/mine", site);
	cr_assert_eq(run((const char *const[]){ "build", site, "-o", out,
	    NULL }), 2);
	assert_one_line("refusing to replace");
	char *kept = read_file(site, "mine/precious.txt");
	cr_assert_str_eq(kept, "keep me");
	free(kept);
}

Test(errors, output_must_not_contain_source)
{
	site = make_site();
	char out[512];
	snprintf(out, sizeof out, "%s/..", site);
	cr_assert_eq(run((const char *const[]){ "build", site, "-o", site,
	    NULL }), 2);
	assert_one_line("must not contain the source folder");
}

Test(errors, unwritable_output_parent)
{
	site = make_site();
	/* /proc refuses new folders, even to root */
	cr_assert_eq(run((const char *const[]){ "build", site, "-o",
	    "/proc/tend-out", NULL }), 2);
	assert_one_line("cannot write the output folder '/proc/tend-out'");
}

Test(errors, output_parent_missing)
{
	site = make_site();
	cr_assert_eq(run((const char *const[]){ "build", site, "-o",
	    "/nonexistent/tend/out", NULL }), 2);
	assert_one_line("cannot write the output folder");
}

/*
 * ppoll failing with anything but EINTR is fatal: one message and exit 1,
 * never a silent busy loop. A descriptor limit below the number of polled
 * descriptors makes ppoll fail with EINVAL.
 */
Test(errors, wait_failure_ends_tend)
{
	struct rlimit one = { 1, 1 }, old;

	char asan[512];

	/* LeakSanitizer cannot read /proc with one descriptor: only the leak
	   check is off, and only in this test (its own process). */
	snprintf(asan, sizeof asan, "%s:detect_leaks=0",
	    getenv("ASAN_OPTIONS") ? getenv("ASAN_OPTIONS") : "");
	setenv("ASAN_OPTIONS", asan, 1);
	site = make_site();
	tp_serve(&t, site, NULL);
	cr_assert(tp_wait_builds(&t, 1, 10000));
	cr_assert_eq(prlimit(t.pid, RLIMIT_NOFILE, NULL, &old), 0);
	one.rlim_max = old.rlim_max;
	cr_assert_eq(prlimit(t.pid, RLIMIT_NOFILE, &one, NULL), 0);
	write_file(site, "index.md", "# woken\n");	/* the next ppoll fails */
	cr_assert(tp_wait_exit(&t, 5000),
	    "tend did not stop after ppoll failed:\n%s", t.err);
	cr_assert(WIFEXITED(t.status) && WEXITSTATUS(t.status) == 1,
	    "status %#x", t.status);
	cr_assert(strstr(t.err, "cannot wait for events: Invalid argument"),
	    "%s", t.err);
	cr_assert(pgroup_wait_empty(t.pid, 3000), "a process was left");
}
