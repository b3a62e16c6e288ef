/* test_signals.c - Ctrl-C, SIGTERM and SIGKILL as a terminal or CI sends them */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <stdio.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

static struct tend_proc t;
static char *site;

static void
teardown(void)
{
	tp_teardown(&t, &site);
}

TestSuite(signals, .fini = teardown, .timeout = 30);

/* SITE/out as an absolute path (a relative --out is taken from the cwd). */
static const char *
out_dir(void)
{
	static char path[600];

	snprintf(path, sizeof path, "%s/out", site);
	return path;
}

static long long
ms_deadline(int ms)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000 + ms;
}

/* Time left before the deadline end; sleeps a little so a poll loop does
 * not spin (there is no event for "a process appeared"). */
static bool
ms_left(long long end)
{
	usleep(2000);
	return ms_deadline(0) < end;
}

/* Wait until the JSON log reported n restarts of the server. */
static bool
wait_restarts(struct tend_proc *tp, int n, int ms)
{
	long long end = ms_deadline(ms);

	for (;;) {
		int c = 0;

		for (const char *s = tp->out; s && (s = strstr(s,
		    "\"restarting\":true")); s++)
			c++;
		if (c >= n)
			return true;
		if (ms_deadline(0) >= end)
			return false;
		tp_wait_out(tp, "\n\x01", 20);	/* reads for up to 20 ms */
	}
}

static bool
killed_by(int status, int sig)
{
	return WIFSIGNALED(status) && WTERMSIG(status) == sig;
}

/* Can we bind the port again (nobody holds it)? */
static bool
port_free(int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
		.sin_port = htons((uint16_t)port) };
	int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1, ok;

	inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	ok = bind(fd, (struct sockaddr *)&a, sizeof a) == 0 &&
	     listen(fd, 1) == 0;
	close(fd);
	return ok;
}

Test(signals, ctrl_c_while_idle_stops_everything)
{
	site = make_site();
	tp_serve(&t, site, NULL);
	cr_assert(tp_wait_builds(&t, 1, 10000));
	cr_assert_eq(pgroup_count(t.pid), 2, "expected parent + server child");
	cr_assert_eq(pgroup_zombies(t.pid), 0);
	tp_signal_group(&t, SIGINT);
	cr_assert(tp_wait_exit(&t, 5000), "tend did not stop");
	cr_assert(killed_by(t.status, SIGINT),
	    "expected death by SIGINT (shell: 130), status %#x", t.status);
	cr_assert(pgroup_wait_empty(t.pid, 2000), "a process was left");
	cr_assert(port_free(t.port));
	cr_assert(tp_wait_out(&t, "\"event\":\"stop\"", 100));
	cr_assert_not(file_exists(site, "._site.tend-old"));
}

Test(signals, sigterm_to_parent_alone_stops_the_server)
{
	site = make_site();
	tp_serve(&t, site, NULL);
	cr_assert(tp_wait_builds(&t, 1, 10000));
	cr_assert_eq(kill(t.pid, SIGTERM), 0);
	cr_assert(tp_wait_exit(&t, 5000));
	cr_assert(killed_by(t.status, SIGTERM), "status %#x", t.status);
	cr_assert(pgroup_wait_empty(t.pid, 3000),
	    "the server child outlived its parent");
	cr_assert(port_free(t.port));
}

Test(signals, sighup_to_parent_alone_stops_too)
{
	site = make_site();
	tp_serve(&t, site, NULL);
	cr_assert(tp_wait_builds(&t, 1, 10000));
	cr_assert_eq(kill(t.pid, SIGHUP), 0);
	cr_assert(tp_wait_exit(&t, 5000));
	cr_assert(killed_by(t.status, SIGHUP), "status %#x", t.status);
	cr_assert(pgroup_wait_empty(t.pid, 3000));
}

Test(signals, sigkill_to_parent_takes_the_child_along)
{
	site = make_site();
	tp_serve(&t, site, NULL);
	cr_assert(tp_wait_builds(&t, 1, 10000));
	cr_assert_eq(kill(t.pid, SIGKILL), 0);
	cr_assert(tp_wait_exit(&t, 2000));
	cr_assert(pgroup_wait_empty(t.pid, 1000),
	    "the server child was still alive 1 s after its parent's SIGKILL");
	cr_assert(port_free(t.port), "the port is still held");
}

Test(signals, server_child_restarted_when_it_dies)
{
	pid_t child;
	char url[160];

	site = make_site();
	tp_serve(&t, site, NULL);
	cr_assert(tp_wait_builds(&t, 1, 10000));
	cr_assert_eq(pgroup_others(t.pid, &child, 1), 1);
	cr_assert_eq(kill(child, SIGKILL), 0);
	cr_assert(tp_wait_err(&t, "restarting it", 3000), "%s", t.err);
	snprintf(url, sizeof url, "%s/", t.url);
	cr_assert(http_wait_body(url, "Home page", 3000));
	cr_assert_eq(pgroup_count(t.pid), 2);
	cr_assert_eq(pgroup_zombies(t.pid), 0, "the dead child was not reaped");
	tp_signal_group(&t, SIGINT);
	cr_assert(tp_wait_exit(&t, 5000));
	cr_assert(pgroup_wait_empty(t.pid, 2000));
}

Test(signals, build_command_ctrl_c_finishes_the_build)
{
	site = tmp_dir();
	write_file(site, "src.txt", "x");
	tp_serve(&t, site, (const char *const[]){ "-v", "--cmd",
	    "mkdir -p out && sleep 2 && echo done > out/marker.html",
	    "--out", out_dir(), NULL });
	cr_assert(tp_wait_err(&t, "(process group ", 5000), "%s", t.err);
	tp_signal_group(&t, SIGINT);
	cr_assert(tp_wait_err(&t, "finishing the current build", 2000),
	    "%s", t.err);
	cr_assert(tp_wait_exit(&t, 8000), "tend did not stop after the build");
	cr_assert(killed_by(t.status, SIGINT), "status %#x", t.status);
	cr_assert(file_exists(site, "out/marker.html"),
	    "the build was interrupted; stderr:\n%s", t.err);
	cr_assert(strstr(t.out, "\"ok\":true"), "%s", t.out);
	cr_assert(pgroup_wait_empty(t.pid, 2000));
}

Test(signals, second_ctrl_c_aborts_the_build)
{
	const char *p;
	pid_t build_pgid;

	site = tmp_dir();
	write_file(site, "src.txt", "x");
	tp_serve(&t, site, (const char *const[]){ "-v", "--cmd",
	    "mkdir -p out && sleep 30 && echo done > out/marker.html",
	    "--out", out_dir(), NULL });
	cr_assert(tp_wait_err(&t, "(process group ", 5000), "%s", t.err);
	p = strstr(t.err, "(process group ");
	build_pgid = (pid_t)atoi(p + strlen("(process group "));
	cr_assert_gt(build_pgid, 0);
	cr_assert_gt(pgroup_count(build_pgid), 0);
	tp_signal_group(&t, SIGINT);
	cr_assert(tp_wait_err(&t, "finishing the current build", 2000));
	tp_signal_group(&t, SIGINT);
	cr_assert(tp_wait_exit(&t, 4000), "tend did not stop within 4 s");
	cr_assert(killed_by(t.status, SIGINT), "status %#x", t.status);
	cr_assert(pgroup_wait_empty(build_pgid, 1000),
	    "the build's processes are still running");
	cr_assert_not(file_exists(site, "out/marker.html"));
	cr_assert(pgroup_wait_empty(t.pid, 1000));
}

Test(signals, builtin_build_ctrl_c_exits_by_sigint)
{
	site = make_site();
	tp_start(&t, NULL, (const char *const[]){ "build", site, NULL });
	tp_signal_group(&t, SIGINT);
	cr_assert(tp_wait_exit(&t, 5000));
	/* Whenever the signal lands (before, during or after the build), the
	   shell must see a death by SIGINT, and nothing half-built is left. */
	cr_assert(killed_by(t.status, SIGINT), "status %#x", t.status);
	cr_assert_not(file_exists(site, "._site.tend-new"));
}

/* Ctrl-C at any moment of a short build, 150 times from 0 to 3 ms after
 * the start: tend ends by SIGINT (or exits 0 when it was done before the
 * signal), and never leaves a staging folder (the output check before the
 * build makes and removes one: the signals were not taken yet then). */
Test(signals, ctrl_c_at_any_moment_leaves_no_staging)
{
	for (int i = 0; i < 150; i++) {
		site = make_site();
		tp_start(&t, NULL, (const char *const[]){ "build", site, NULL });
		usleep((useconds_t)(i * 20));
		tp_signal_group(&t, SIGINT);
		cr_assert(tp_wait_exit(&t, 5000));
		cr_assert(killed_by(t.status, SIGINT) || (WIFEXITED(t.status) &&
		    WEXITSTATUS(t.status) == 0), "run %d: status %#x", i,
		    t.status);
		cr_assert_not(file_exists(site, "._site.tend-new"),
		    "run %d: the staging folder was left", i);
		cr_assert_not(file_exists(site, "._site.tend-old"), "run %d", i);
		tp_teardown(&t, &site);
	}
}

/* Six deaths of the server child within 10 s: tend gives up, says so on
 * stderr and in the JSON log, and exits 1. */
Test(signals, server_that_keeps_dying_makes_tend_give_up)
{
	pid_t child, last = 0;

	site = make_site();
	tp_serve(&t, site, NULL);
	cr_assert(tp_wait_builds(&t, 1, 10000));
	for (int i = 0; i < 6; i++) {
		long long end = ms_deadline(3000);

		/* the previous child is replaced by a new one */
		while (pgroup_others(t.pid, &child, 1) != 1 || child == last)
			cr_assert(ms_left(end), "no new server child (%d)", i);
		cr_assert_eq(kill(child, SIGKILL), 0);
		last = child;
		if (i < 5)
			cr_assert(wait_restarts(&t, i + 1, 3000), "%s", t.err);
	}
	cr_assert(tp_wait_exit(&t, 5000), "tend did not give up");
	cr_assert(WIFEXITED(t.status) && WEXITSTATUS(t.status) == 1,
	    "status %#x", t.status);
	cr_assert(tp_wait_err(&t, "giving up", 100), "%s", t.err);
	cr_assert(strstr(t.out, "\"event\":\"server\",\"signal\":9,"
	    "\"restarting\":false"), "%s", t.out);
	cr_assert(strstr(t.out, "\"event\":\"stop\",\"reason\":\"error\","
	    "\"status\":1"), "%s", t.out);
	cr_assert(pgroup_wait_empty(t.pid, 2000));
}
