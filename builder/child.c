/* child.c - forking the server child */
#include "child.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/pidfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "msg.h"
#include "runner.h"

/*
 * In the child: close the descriptors from lo to hi. close_range() may be
 * missing (Linux < 5.9, or a seccomp filter): then list /proc/self/fd, and
 * without /proc close them one by one up to the descriptor limit. The parent
 * has no thread when it forks, so opendir()'s malloc is safe here.
 */
static void
close_between(unsigned lo, unsigned hi)
{
	DIR *d;
	struct dirent *e;
	long max;

	if (lo > hi || close_range(lo, hi, 0) == 0)
		return;
	d = opendir("/proc/self/fd");
	if (d) {
		while ((e = readdir(d))) {
			char *end;
			unsigned long fd = strtoul(e->d_name, &end, 10);

			if (*end == '\0' && end != e->d_name && fd >= lo &&
			    fd <= hi && (int)fd != dirfd(d))
				close((int)fd);
		}
		closedir(d);
		return;
	}
	max = sysconf(_SC_OPEN_MAX);
	if (max < 0 || max > INT_MAX)
		max = INT_MAX;
	for (unsigned long fd = lo; fd <= hi && fd < (unsigned long)max; fd++)
		close((int)fd);
}

/* In the child: close every descriptor above 2 except a and b. */
static void
close_others(int a, int b)
{
	unsigned lo = (unsigned)(a < b ? a : b), hi = (unsigned)(a < b ? b : a);

	if (lo > 3)
		close_between(3, lo - 1);
	close_between(lo + 1, hi - 1);
	close_between(hi + 1, ~0U);
}

/* In the child, after fork: never returns. */
static void __attribute__((noreturn))
run_child(struct server_config cfg, const sigset_t *mask)
{
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	signal(SIGPIPE, SIG_IGN);
	sigprocmask(SIG_SETMASK, mask, NULL);	/* stop signals stay blocked */
	close_others(cfg.listen_fd, cfg.msg_fd);
	_exit(server_run(&cfg));
}

int
child_start(struct server_child *c, struct server_config cfg)
{
	sigset_t all, old;
	int fds[2], saved;
	pid_t pid;

	if (msg_pair(fds) < 0)
		return -1;
	cfg.msg_fd = fds[1];
	cfg.parent = getpid();
	fflush(NULL);
	sigfillset(&all);
	sigprocmask(SIG_SETMASK, &all, &old);
	pid = fork();
	if (pid == 0)
		run_child(cfg, &old);
	saved = errno;
	sigprocmask(SIG_SETMASK, &old, NULL);
	close(fds[1]);
	if (pid < 0) {
		close(fds[0]);
		errno = saved;
		return -1;
	}
	c->pid = pid;
	c->msg_fd = fds[0];
	c->pidfd = pidfd_open(pid, 0);
	if (c->pidfd < 0) {
		saved = errno;
		child_stop(c, SIGKILL);
		errno = saved;
		return -1;
	}
	return 0;
}

/* Close the parent's descriptors for a reaped child. */
static void
forget(struct server_child *c)
{
	if (c->pidfd >= 0)
		close(c->pidfd);
	if (c->msg_fd >= 0)
		close(c->msg_fd);
	*c = (struct server_child)SERVER_CHILD_INIT;
}

bool
child_reap(struct server_child *c, int *status)
{
	siginfo_t si = { 0 };

	if (c->pid <= 0 || waitid(P_PID, (id_t)c->pid, &si,
	    WEXITED | WNOHANG) < 0 || si.si_pid == 0)
		return false;
	*status = runner_wait_status(&si);
	forget(c);
	return true;
}

void
child_stop(struct server_child *c, int sig)
{
	int status;

	if (c->pid <= 0)
		return;
	if (sig)
		kill(c->pid, sig);
	while (waitpid(c->pid, &status, 0) < 0 && errno == EINTR)
		;
	forget(c);
}
