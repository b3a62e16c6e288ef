/* runner.c - spawning and watching the external build */
#include "runner.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "log.h"
#include "spawn.h"
#include "xalloc.h"
#include "banned.h"

#define LINE_MAX_LEN 4096	/* a longer output line is split */
#define READ_CHUNK 8192		/* bytes read from the pipe at a time */

struct runner {
	struct spawn sp;	/* sp.out_fd: the output pipe, -1 at EOF */
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

/* Signals tend ignores that the build gets back at their default. */
static const int default_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT,
	SIGPIPE, SIGCHLD, 0 };

struct runner *
runner_start(const char *cmd, const char *cwd, const char *extra_env)
{
	const char *env[] = { extra_env, NULL };
	struct runner *r = xcalloc(1, sizeof *r);

	r->sp = (struct spawn)SPAWN_INIT;
	r->sp.shell = cmd;
	r->sp.dir = cwd;
	r->sp.env = extra_env ? env : NULL;
	r->sp.in = SPAWN_NULL;
	r->sp.out = SPAWN_PIPE;
	r->sp.err = SPAWN_TO_OUT;
	r->sp.new_pgroup = true;
	r->sp.kill_group = true;	/* the leftovers die with the shell */
	r->sp.default_signals = default_signals;
	if (spawn_start(&r->sp) < 0) {
		int err = errno;

		free(r);
		errno = err;
		return NULL;
	}
	r->log = xmalloc(RUNNER_LOG_MAX + 1);
	r->log[0] = '\0';
	fcntl(r->sp.out_fd, F_SETFL, O_NONBLOCK);
	return r;
}

int
runner_pidfd(const struct runner *r)
{
	return r->sp.pidfd;
}

int
runner_outfd(const struct runner *r)
{
	return r->sp.out_fd;
}

pid_t
runner_pid(const struct runner *r)
{
	return r->sp.pid;
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

	while (r->sp.out_fd >= 0) {
		ssize_t n = read(r->sp.out_fd, buf, sizeof buf);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return;
		if (n <= 0) {	/* EOF (or an error: same end) */
			if (r->linelen)
				emit_line(r, r->line, r->linelen);
			r->linelen = 0;
			close(r->sp.out_fd);
			r->sp.out_fd = -1;
			return;
		}
		take_lines(r, buf, (size_t)n);
	}
}

bool
runner_reap(struct runner *r, int *status)
{
	/* SIGKILLs the group's leftovers before the shell is reaped */
	if (!spawn_reap(&r->sp, status))
		return false;
	runner_read_output(r);
	if (r->linelen) {	/* the rest, if the pipe is still held open */
		emit_line(r, r->line, r->linelen);
		r->linelen = 0;
	}
	return true;
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
	spawn_kill(&r->sp, sig);	/* nothing once reaped */
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
	if (!r)
		return;
	spawn_finish(&r->sp);	/* SIGKILLs the group if still running */
	free(r->log);
	free(r);
}
