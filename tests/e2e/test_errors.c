/* test_errors.c - bad input gets one clear line and a non-zero exit */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "config.h"
#include "harness.h"

static struct tend_proc t;
static char *site, *bindir;

static void
teardown(void)
{
	tp_teardown(&t, &site);
	if (bindir) {
		rm_rf(bindir);
		free(bindir);
		bindir = NULL;
	}
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
	assert_one_line("cannot write in '/proc', which holds the output "
	    "folder 'tend-out': ");
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

/* Copy the program name from beside tend into bindir (made if need be);
 * returns the copy's path (static). */
static const char *
copy_program(const char *name)
{
	static char dst[PATH_MAX];
	char src[PATH_MAX], dir[PATH_MAX], buf[65536];
	int in, out;
	ssize_t n;

	if (!bindir)
		bindir = tmp_dir();
	snprintf(dir, sizeof dir, "%s", tend_bin());
	snprintf(src, sizeof src, "%s/%s", dirname(dir), name);
	snprintf(dst, sizeof dst, "%s/%s", bindir, name);
	in = open(src, O_RDONLY | O_CLOEXEC);
	cr_assert_geq(in, 0, "cannot open %s", src);
	out = open(dst, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0755);
	cr_assert_geq(out, 0, "cannot create %s", dst);
	while ((n = read(in, buf, sizeof buf)) > 0)
		cr_assert_eq(write(out, buf, (size_t)n), n);
	cr_assert_eq(n, 0);
	close(in);
	cr_assert_eq(close(out), 0);
	return dst;
}

/* tend serve and tend check need tend-serve, beside tend or installed. */
Test(errors, serve_without_its_server_program)
{
	char tend[PATH_MAX];

	if (access(TEND_LIBEXECDIR "/tend-serve", X_OK) == 0)
		cr_skip_test("tend-serve is installed in " TEND_LIBEXECDIR);
	site = make_site();
	snprintf(tend, sizeof tend, "%s", copy_program("tend"));
	tp_exec(&t, NULL, (const char *const[]){ tend, "serve", site,
	    "--port", "0", NULL });
	cr_assert(tp_wait_exit(&t, 10000), "tend did not exit:\n%s", t.err);
	cr_assert(WIFEXITED(t.status) && WEXITSTATUS(t.status) == 1,
	    "status %#x", t.status);
	assert_one_line("cannot find tend-serve in '");
	cr_assert(strstr(t.err, "': tend serve needs it"), "%s", t.err);
	cr_assert(pgroup_wait_empty(t.pid, 2000), "a process was left");
	tp_cleanup(&t);

	tp_exec(&t, NULL, (const char *const[]){ tend, "check", site, NULL });
	cr_assert(tp_wait_exit(&t, 10000), "tend did not exit:\n%s", t.err);
	cr_assert(WIFEXITED(t.status) && WEXITSTATUS(t.status) == 1,
	    "status %#x", t.status);
	assert_one_line("': tend check needs it");
}

/*
 * The server program gone when the server child must be restarted: the
 * restart fails with the reason, tend stops (exit 1), nothing is left.
 */
Test(errors, server_program_gone_at_restart)
{
	char tend[PATH_MAX], serve[PATH_MAX];
	pid_t child;

	site = make_site();
	snprintf(tend, sizeof tend, "%s", copy_program("tend"));
	snprintf(serve, sizeof serve, "%s", copy_program("tend-serve"));
	tp_exec(&t, NULL, (const char *const[]){ tend, "serve", site,
	    "--port", "0", "--json-log", NULL });
	cr_assert(tp_wait_builds(&t, 1, 10000), "%s", t.err);
	cr_assert_eq(pgroup_others(t.pid, &child, 1), 1);
	cr_assert_eq(unlink(serve), 0);
	cr_assert_eq(kill(child, SIGKILL), 0);
	cr_assert(tp_wait_exit(&t, 5000), "tend did not stop:\n%s", t.err);
	cr_assert(WIFEXITED(t.status) && WEXITSTATUS(t.status) == 1,
	    "status %#x:\n%s", t.status, t.err);
	cr_assert(strstr(t.err, "cannot start the server: No such file or "
	    "directory"), "%s", t.err);
	cr_assert(pgroup_wait_empty(t.pid, 2000), "a process was left");
}
