/* runner.c - spawning and watching the external build */
#include "runner.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/pidfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "log.h"
#include "xalloc.h"
#include "banned.h"

#define LINE_MAX_LEN 4096	/* a longer output line is split */
#define READ_CHUNK 8192		/* bytes read from the pipe at a time */

extern char **environ;

struct runner {
	pid_t pid;		/* also the process group id */
	int pidfd;
	int outfd;		/* read end of the output pipe, -1 at EOF */
	bool reaped;
	char line[LINE_MAX_LEN];	/* a partial output line */
	size_t linelen;
	char *log;		/* owned: the tail of the output */
	size_t loglen;
};

/* Keep the last RUNNER_LOG_MAX bytes of output. */
static void
log_keep(struct runner *r, const char *s, size_t n)
{
	if (n > RUNNER_LOG_MAX) {
		s += n - RUNNER_LOG_MAX;
		n = RUNNER_LOG_MAX;
	}
	if (r->loglen + n > RUNNER_LOG_MAX) {
		size_t drop = r->loglen + n - RUNNER_LOG_MAX;

		memmove(r->log, r->log + drop, r->loglen - drop);
		r->loglen -= drop;
	}
	memcpy(r->log + r->loglen, s, n);
	r->loglen += n;
	r->log[r->loglen] = '\0';
}

/* Print and keep one line (without its newline). */
static void
emit_line(struct runner *r, const char *s, size_t n)
{
	log_child_line("  | ", s, n);
	log_keep(r, s, n);
	log_keep(r, "\n", 1);
}

/* The environment plus extra (NULL: the environment itself). */
static char **
make_env(const char *extra)
{
	size_t n = 0, k = 0;
	char **env;
	size_t name = extra ? strcspn(extra, "=") + 1 : 0;

	if (!extra)
		return environ;
	while (environ[n])
		n++;
	env = xcalloc(n + 2, sizeof *env);
	for (size_t i = 0; i < n; i++)
		if (strncmp(environ[i], extra, name))
			env[k++] = environ[i];
	env[k++] = (char *)extra;
	env[k] = NULL;
	return env;
}

/* posix_spawn attributes: own process group, default signals, none blocked. */
static void
spawn_attrs(posix_spawnattr_t *a)
{
	sigset_t none, defaults;

	sigemptyset(&none);
	sigemptyset(&defaults);
	sigaddset(&defaults, SIGINT);
	sigaddset(&defaults, SIGTERM);
	sigaddset(&defaults, SIGHUP);
	sigaddset(&defaults, SIGQUIT);
	sigaddset(&defaults, SIGPIPE);
	sigaddset(&defaults, SIGCHLD);
	posix_spawnattr_init(a);
	posix_spawnattr_setflags(a, POSIX_SPAWN_SETPGROUP |
	    POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
	posix_spawnattr_setpgroup(a, 0);
	posix_spawnattr_setsigmask(a, &none);
	posix_spawnattr_setsigdefault(a, &defaults);
}

struct runner *
runner_start(const char *cmd, const char *cwd, const char *extra_env)
{
	char sh[] = "sh", dash_c[] = "-c";
	char *argv[] = { sh, dash_c, (char *)cmd, NULL };
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	struct runner *r;
	char **env;
	int p[2], err;

	if (pipe2(p, O_CLOEXEC) < 0)
		return NULL;
	env = make_env(extra_env);	/* after the last early return */
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, p[1], 1);
	posix_spawn_file_actions_adddup2(&fa, p[1], 2);
	posix_spawn_file_actions_addchdir_np(&fa, cwd);
	spawn_attrs(&attr);
	r = xcalloc(1, sizeof *r);
	r->log = xmalloc(RUNNER_LOG_MAX + 1);
	r->log[0] = '\0';
	err = posix_spawn(&r->pid, "/bin/sh", &fa, &attr, argv, env);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	if (env != environ)
		free(env);
	close(p[1]);
	r->outfd = p[0];
	r->pidfd = err ? -1 : pidfd_open(r->pid, 0);
	if (err || r->pidfd < 0) {
		if (!err)
			err = errno;
		if (r->pid > 0 && r->pidfd < 0)
			waitpid(r->pid, NULL, 0);	/* cannot happen late */
		close(p[0]);
		free(r->log);
		free(r);
		errno = err;
		return NULL;
	}
	fcntl(r->outfd, F_SETFL, O_NONBLOCK);
	return r;
}

int
runner_pidfd(const struct runner *r)
{
	return r->pidfd;
}

int
runner_outfd(const struct runner *r)
{
	return r->outfd;
}

pid_t
runner_pid(const struct runner *r)
{
	return r->pid;
}

/* Split buffered output into lines; a line longer than the buffer is cut. */
static void
take_lines(struct runner *r, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n' || r->linelen == sizeof r->line) {
			emit_line(r, r->line, r->linelen);
			r->linelen = 0;
			if (s[i] == '\n')
				continue;
		}
		r->line[r->linelen++] = s[i];
	}
}

void
runner_read_output(struct runner *r)
{
	char buf[READ_CHUNK];

	while (r->outfd >= 0) {
		ssize_t n = read(r->outfd, buf, sizeof buf);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return;
		if (n <= 0) {	/* EOF (or an error: same end) */
			if (r->linelen)
				emit_line(r, r->line, r->linelen);
			r->linelen = 0;
			close(r->outfd);
			r->outfd = -1;
			return;
		}
		take_lines(r, buf, (size_t)n);
	}
}

bool
runner_reap(struct runner *r, int *status)
{
	siginfo_t si = { 0 };

	if (r->reaped)
		return false;
	/*
	 * Look without reaping: while the shell is a zombie its pid, the
	 * group's id, cannot be handed out again, so killpg() reaches the
	 * build's leftovers and nobody else's. Reap only after that.
	 */
	if (waitid(P_PIDFD, (id_t)r->pidfd, &si,
	    WEXITED | WNOHANG | WNOWAIT) < 0 || si.si_pid == 0)
		return false;
	killpg(r->pid, SIGKILL);	/* what the build left running */
	while (waitid(P_PIDFD, (id_t)r->pidfd, &si, WEXITED) < 0)
		if (errno != EINTR)
			break;
	r->reaped = true;
	*status = runner_wait_status(&si);
	runner_read_output(r);
	if (r->linelen) {	/* the rest, if the pipe is still held open */
		emit_line(r, r->line, r->linelen);
		r->linelen = 0;
	}
	return true;
}

int
runner_wait_status(const siginfo_t *si)
{
	if (si->si_code == CLD_EXITED)
		return W_EXITCODE(si->si_status & 0xff, 0);
	return W_EXITCODE(0, si->si_status & 0x7f) |
	       (si->si_code == CLD_DUMPED ? WCOREFLAG : 0);
}

int
runner_exit_code(int status)
{
	if (WIFSIGNALED(status))
		return RUNNER_SIGNAL_BASE + WTERMSIG(status);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

const char *
runner_status_text(int status, char *buf, size_t len)
{
	const char *abbrev;

	if (WIFEXITED(status)) {
		snprintf(buf, len, "exited with status %d", WEXITSTATUS(status));
	} else if (WIFSIGNALED(status)) {
		abbrev = sigabbrev_np(WTERMSIG(status));
		if (abbrev)
			snprintf(buf, len, "was killed by SIG%s", abbrev);
		else
			snprintf(buf, len, "was killed by signal %d",
			    WTERMSIG(status));
	} else {
		snprintf(buf, len, "ended with wait status %#x", status);
	}
	return buf;
}

void
runner_kill(struct runner *r, int sig)
{
	if (r->reaped)	/* the group's id may belong to another group now */
		return;
	if (killpg(r->pid, sig) < 0 && errno == ESRCH)
		kill(r->pid, sig);
}

const char *
runner_log(const struct runner *r, size_t *len)
{
	if (len)
		*len = r->loglen;
	return r->log;
}

void
runner_free(struct runner *r)
{
	int status;

	if (!r)
		return;
	if (!r->reaped) {
		/* the unreaped shell still holds the group's id */
		killpg(r->pid, SIGKILL);
		while (waitpid(r->pid, &status, 0) < 0 && errno == EINTR)
			;
	}
	if (r->outfd >= 0)
		close(r->outfd);
	close(r->pidfd);
	free(r->log);
	free(r);
}
