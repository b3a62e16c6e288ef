/* child.c - starting the server child, tend-serve */
#include "child.h"

#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <sys/pidfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "args.h"
#include "libexec.h"
#include "msg.h"
#include "runner.h"
#include "banned.h"

extern char **environ;

/*
 * The child's descriptors: stdio, and a and b without their close-on-exec
 * flag (adddup2 onto itself clears it; either may be below 3 if tend was
 * started with stdio closed); every other one closed. glibc's closefrom
 * action falls back to /proc/self/fd without close_range().
 */
static void
keep_only(posix_spawn_file_actions_t *fa, int a, int b)
{
	int lo = a < b ? a : b, hi = a < b ? b : a;

	for (int fd = STDERR_FILENO + 1; fd < hi; fd++)
		if (fd != lo)
			posix_spawn_file_actions_addclose(fa, fd);
	posix_spawn_file_actions_adddup2(fa, a, a);
	posix_spawn_file_actions_adddup2(fa, b, b);
	posix_spawn_file_actions_addclosefrom_np(fa, hi > STDERR_FILENO ? hi + 1
	    : STDERR_FILENO + 1);
}

/*
 * Spawn exe with argv: tend's signal mask (the stop signals stay blocked:
 * tend-serve reads them from a signalfd), their handlers at the default.
 * Its pid, or -1 with errno (an exec failure included).
 */
static pid_t
spawn(const char *exe, char **argv, int listen_fd, int msg_fd)
{
	posix_spawnattr_t attr;
	posix_spawn_file_actions_t fa;
	sigset_t mask;
	pid_t pid = -1;
	int rc;

	sigprocmask(SIG_SETMASK, NULL, &mask);	/* the stop signals stay blocked */
	libexec_spawnattr(&attr, &mask);
	posix_spawn_file_actions_init(&fa);
	keep_only(&fa, listen_fd, msg_fd);
	rc = posix_spawn(&pid, exe, &fa, &attr, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	if (rc) {
		errno = rc;
		return -1;
	}
	return pid;
}

int
child_start(struct server_child *c, const char *exe,
    struct server_config cfg)
{
	char **argv;
	int fds[2], saved;
	pid_t pid;

	if (msg_pair(fds) < 0)
		return -1;
	cfg.msg_fd = fds[1];
	cfg.parent = getpid();
	argv = args_make(exe, &cfg);
	pid = spawn(exe, argv, cfg.listen_fd, cfg.msg_fd);
	saved = errno;
	args_free(argv);
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
