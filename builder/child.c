/* child.c - starting the server child, tend-serve */
#include "child.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "args.h"
#include "log.h"
#include "msg.h"
#include "banned.h"

/* Signals tend-serve gets back at their default (tend handles them). */
static const int default_signals[] = { SIGINT, SIGTERM, SIGHUP, 0 };

int
child_start(struct server_child *c, const char *exe,
    struct server_config cfg)
{
	char **argv;
	int fds[2], keep[3] = { -1, -1, -1 }, saved, rc;

	if (msg_pair(fds) < 0)
		return -1;
	cfg.msg_fd = fds[1];
	cfg.parent = getpid();
	argv = args_make(exe, &cfg);
	keep[0] = cfg.msg_fd;
	keep[1] = cfg.listen_fd;
	c->sp = (struct spawn)SPAWN_INIT;
	c->sp.path = exe;
	c->sp.argv = (const char *const *)argv;
	c->sp.keep_fds = keep;
	c->sp.keep_mask = true;	/* the stop signals stay blocked */
	c->sp.default_signals = default_signals;
	rc = spawn_start(&c->sp);
	saved = errno;
	args_free(argv);
	close(fds[1]);
	if (rc < 0) {
		close(fds[0]);
		errno = saved;
		return -1;
	}
	c->pid = c->sp.pid;
	c->pidfd = c->sp.pidfd;
	c->msg_fd = fds[0];
	return 0;
}

/* Close the parent's descriptors for a reaped child. */
static void
forget(struct server_child *c)
{
	spawn_finish(&c->sp);	/* closes the pidfd */
	if (c->msg_fd >= 0)
		close(c->msg_fd);
	*c = (struct server_child)SERVER_CHILD_INIT;
}

bool
child_reap(struct server_child *c, int *status)
{
	if (c->pid <= 0 || !spawn_reap(&c->sp, status))
		return false;
	forget(c);
	return true;
}

void
child_stop(struct server_child *c, int sig)
{
	if (c->pid <= 0)
		return;
	if (sig)
		spawn_kill(&c->sp, sig);
	spawn_wait(&c->sp);
	forget(c);
}

bool
child_may_restart(struct child_restarts *r, int64_t now)
{
	if (r->n == CHILD_RESTART_MAX) {
		if (now - r->at[0] < CHILD_RESTART_WINDOW_MS)
			return false;
		memmove(r->at, r->at + 1, sizeof r->at[0] * (r->n - 1));
		r->n--;
	}
	r->at[r->n++] = now;
	return true;
}

void
child_json_exit(int status, bool restarting)
{
	json_begin("server");
	if (WIFEXITED(status))
		json_int("exit_status", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		json_int("signal", WTERMSIG(status));
	json_bool("restarting", restarting);
	json_end();
}
