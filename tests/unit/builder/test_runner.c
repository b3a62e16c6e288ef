/*
 * test_runner.c - the external build's runner: what it leaves behind when it
 * fails, and how it ends the build's process group.
 *
 * Linked with -Wl,--wrap=pipe2,--wrap=killpg (tests/meson.build): pipe2 can
 * be made to fail, and every killpg() is checked against the group leader's
 * state at that moment.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <malloc.h>
#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
#endif
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "runner.h"

int __real_pipe2(int fds[2], int flags);
int __real_killpg(pid_t pgrp, int sig);

static int pipe2_errno;		/* nonzero: pipe2() fails with it */
static int killpg_calls;
static int killpg_after_reap;	/* killpg() calls on a reaped leader's id */

int __wrap_pipe2(int fds[2], int flags);
int
__wrap_pipe2(int fds[2], int flags)
{
	if (pipe2_errno) {
		errno = pipe2_errno;
		return -1;
	}
	return __real_pipe2(fds, flags);
}

/*
 * The runner's group id is its leader's pid: once the leader is reaped, the
 * id is free for the kernel to hand out again, and killpg() on it may hit a
 * stranger's group. Note every call made when the leader (a child of this
 * test) is no longer waitable.
 */
int __wrap_killpg(pid_t pgrp, int sig);
int
__wrap_killpg(pid_t pgrp, int sig)
{
	siginfo_t si = { 0 };

	killpg_calls++;
	if (waitid(P_PID, (id_t)pgrp, &si, WEXITED | WNOHANG | WNOWAIT) < 0 &&
	    errno == ECHILD)
		killpg_after_reap++;
	return __real_killpg(pgrp, sig);
}

/* runner_start() with pipe2 failing: its errno (-1: it did not fail). */
static void *
start_failing(void *arg)
{
	int *err = arg;

	pipe2_errno = EMFILE;
	if (runner_start("true", "/", "TEND_CHANGED=a.txt"))
		*err = -1;
	else
		*err = errno;
	pipe2_errno = 0;
	return NULL;
}

Test(runner, failed_pipe_leaks_nothing, .timeout = 10)
{
	int err = 0;
#if defined(__SANITIZE_ADDRESS__)
	/*
	 * ASan's malloc is not glibc's: ask LeakSanitizer. The call runs on
	 * a thread that is gone by then, so no stale pointer left on a live
	 * stack hides the leak.
	 */
	pthread_t th;

	cr_assert_eq(pthread_create(&th, NULL, start_failing, &err), 0);
	pthread_join(th, NULL);
	cr_assert_eq(err, EMFILE, "runner_start: %d", err);
	cr_assert_eq(__lsan_do_recoverable_leak_check(), 0, "a leak");
#else
	/* glibc's count of the bytes malloc() handed out, not taken back */
	size_t before = mallinfo2().uordblks, after;

	start_failing(&err);
	after = mallinfo2().uordblks;
	cr_assert_eq(err, EMFILE, "runner_start: %d", err);
	cr_assert_eq(after, before, "%zu bytes leaked", after - before);
#endif
}

/* /proc/PID/stat's state letter, or 0 if there is no such process. */
static char
proc_state(pid_t pid)
{
	char path[64], buf[512], *p, state = 0;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return 0;
	if (fgets(buf, sizeof buf, f) && (p = strrchr(buf, ')')))
		state = p[2];
	fclose(f);
	return state;
}

/* Wait up to ms for pid to be gone or a zombie (not ours to reap). */
static bool
wait_dead(pid_t pid, int ms)
{
	for (int i = 0; i < ms / 10; i++) {
		char s = proc_state(pid);

		if (!s || s == 'Z')
			return true;
		usleep(10 * 1000);
	}
	return false;
}

Test(runner, leftovers_are_killed_before_the_leader_is_reaped, .timeout = 20)
{
	struct runner *r;
	struct pollfd p;
	const char *log;
	pid_t leftover;
	int status = -1;

	r = runner_start("sleep 300 & echo $!; exit 0", "/", NULL);
	cr_assert_not_null(r, "runner_start: %s", strerror(errno));
	p = (struct pollfd){ runner_pidfd(r), POLLIN, 0 };
	cr_assert_eq(poll(&p, 1, 10000), 1, "the shell did not exit");
	while (!runner_reap(r, &status))
		usleep(1000);
	cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	log = runner_log(r, NULL);
	leftover = (pid_t)atoi(log);
	cr_assert_gt(leftover, 0, "no pid in the output '%s'", log);
	runner_free(r);
	cr_assert_gt(killpg_calls, 0, "the group was never killed");
	cr_assert_eq(killpg_after_reap, 0, "killpg() on the id of a reaped "
	    "leader (%d of %d calls)", killpg_after_reap, killpg_calls);
	cr_assert(wait_dead(leftover, 5000), "the background sleep %d is "
	    "still running", (int)leftover);
}
