/*
 * spawn.h - starting a program and waiting for it: the one way tend starts
 * processes (after git's run-command.h). The external build (runner.h), the
 * server child (child.h), tend check's crawler (checkrun.h) and the browser
 * (browser.h) are all started here; only what the caller fills in differs.
 *
 * Calling protocol:
 *
 *  1. struct spawn sp = SPAWN_INIT; then fill in what the child gets: argv
 *     (or shell), and any of the fields below whose default does not fit.
 *  2. spawn_start(&sp): fork, set the child up, exec. It returns only once
 *     the exec succeeded or failed; a failure anywhere in the child (chdir,
 *     open, exec) comes back through a close-on-exec pipe as the child's
 *     errno, as git does: -1 with that errno, the child already reaped and
 *     every descriptor closed. On success, 0 with sp.pid, sp.pidfd and the
 *     pipes asked for (sp.in_fd, sp.out_fd, sp.err_fd).
 *  3. Poll sp.pidfd (readable once the child exited) and the pipes; read
 *     and write the pipes as needed; spawn_kill() to signal it.
 *  4. spawn_reap() when sp.pidfd is readable (never blocks), or
 *     spawn_wait() to block: either gives the wait status once.
 *  5. spawn_finish(&sp): SIGKILL and reap the child if it is not yet, close
 *     every descriptor spawn_start() returned. Always call it, even after a
 *     reap; it is safe on a struct whose start failed, or twice.
 *
 * Descriptors: the child gets its stdin, stdout and stderr (as asked) and the
 * descriptors in keep_fds, under their own numbers; every other descriptor is
 * closed at the exec, whatever its close-on-exec flag. The parent's ends
 * (sp.in_fd, sp.out_fd, sp.err_fd, sp.pidfd) are owned by the struct: close-on-exec,
 * blocking, closed by spawn_finish() (a caller that closes one earlier sets
 * the field to -1). The descriptors named in keep_fds stay the caller's.
 *
 * Signals: in the child, every signal whose handler is a function is reset
 * to SIG_DFL (exec would do so too), and so are those in default_signals
 * that tend ignores (an ignored signal stays ignored across exec). The mask
 * is emptied, unless keep_mask keeps the caller's (then the stop signals
 * tend blocks stay blocked, for a child that reads them from a signalfd).
 * No handler of tend's runs in the child: every signal is blocked from the
 * fork until the mask is set just before the exec.
 *
 * Statuses are wait statuses (WIFEXITED() ... apply); spawn_exit_code()
 * turns one into a shell's exit code, 128 + n for a child killed by signal
 * n (git's wait_or_whine()).
 *
 * With core/ on the include path this header hides the C library's
 * <spawn.h>: posix_spawn() is not used beside it.
 *
 * Between the fork and the exec the child makes async-signal-safe calls only
 * (everything it needs is prepared before the fork), so spawn_start() may be
 * called while other threads run. None of these functions is itself
 * async-signal-safe.
 */
#ifndef TEND_SPAWN_H
#define TEND_SPAWN_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* A killed child's exit code is 128 + its signal, for a shell. */
#define SPAWN_SIGNAL_BASE 128

/* What one of the child's stdin, stdout or stderr is. */
enum spawn_io {
	SPAWN_INHERIT = 0,	/* tend's own */
	SPAWN_NULL,		/* /dev/null */
	SPAWN_PIPE,		/* a pipe; the parent's end in sp.*_fd */
	SPAWN_TO_OUT,		/* stderr only: the same as stdout */
};

struct spawn {
	/* What to run: argv, or `/bin/sh -c shell` when shell is set. */
	const char *const *argv;	/* NULL-terminated */
	const char *path;		/* the executable; NULL: argv[0] (no
					   $PATH search either way) */
	const char *shell;

	/* "NAME=value" entries (NULL-terminated) that replace or add to
	   tend's environment; NULL: the environment as it is. */
	const char *const *env;
	const char *dir;		/* chdir() there; NULL: tend's folder */

	enum spawn_io in, out, err;
	/* Descriptors the child keeps under their numbers (-1 ends the
	   list; NULL: none). None may be 0, 1 or 2 unless that one is
	   SPAWN_INHERIT. */
	const int *keep_fds;

	bool new_pgroup;	/* its own process group; its pid is the id */
	bool new_session;	/* setsid(): no terminal, its own group */
	/* A grandchild that init adopts (after a new_session): nothing to
	   reap or wait for; sp.pid and sp.pidfd stay unset. */
	bool detach;
	/* With new_pgroup: once the child exits, SIGKILL what is left of
	   its group before reaping it (spawn_reap(), spawn_wait()): its
	   zombie pins the group's id, so the signal reaches no stranger. */
	bool kill_group;

	bool keep_mask;		/* keep tend's signal mask, else empty it */
	/* Signals (0-terminated; NULL: none) set back to SIG_DFL even if
	   tend ignores them (SIGPIPE, SIGTTOU, ...). */
	const int *default_signals;
	int death_signal;	/* PR_SET_PDEATHSIG with it; 0: none */

	/* Filled in by spawn_start(). */
	pid_t pid;		/* 0: none */
	int pidfd;		/* readable once the child exited; -1 */
	int in_fd, out_fd, err_fd;	/* the parent's pipe ends, or -1 */
	bool reaped;
};

#define SPAWN_INIT { .pidfd = -1, .in_fd = -1, .out_fd = -1, .err_fd = -1 }

/* Start the child (steps 1-2 above): 0, or -1 with errno. */
int spawn_start(struct spawn *sp);

/*
 * If the child has exited, reap it (after killing its group's leftovers
 * with kill_group) and return true with its wait status in *status. Does
 * not block; false while it runs, and after it was reaped.
 */
bool spawn_reap(struct spawn *sp, int *status);

/* Block until the child exits, reap it as spawn_reap() does: its wait
   status, or -1 with errno (ECHILD if it was reaped already). */
int spawn_wait(struct spawn *sp);

/* Send sig to the child, or its group with new_pgroup; nothing once it
   is reaped (its pid may be another process's by then). */
void spawn_kill(struct spawn *sp, int sig);

/* Kill (SIGKILL, the group with new_pgroup) and reap the child if it is
   not yet; close the parent's descriptors (step 5 above). */
void spawn_finish(struct spawn *sp);

/* The wait status that waitid() described in si. */
int spawn_wait_status(const siginfo_t *si);

/* A wait status as a shell's exit code: the status, or 128 + signal. */
int spawn_exit_code(int status);

#endif
