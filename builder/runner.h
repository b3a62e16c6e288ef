/*
 * runner.h - the external build: `/bin/sh -c COMMAND` in the source folder.
 *
 * The build runs in its own process group (spawn.h), so the
 * terminal's Ctrl-C never reaches it: tend decides when to stop it, and then
 * stops the whole group (runner_kill). Its stdin is /dev/null; stdout and
 * stderr go to one pipe that tend reads, prints with a prefix and keeps (the
 * last RUNNER_LOG_MAX bytes) for the error report. Signals are reset to their
 * defaults and unblocked in the build; SIGTTIN/SIGTTOU stay ignored, so a
 * build that reads the terminal gets EIO instead of stopping for ever.
 *
 * Use: r = runner_start(); poll runner_pidfd() and runner_outfd();
 *      runner_read_output() when the pipe is readable; runner_reap() when the
 *      pidfd is; runner_free() ends what is left of the group.
 */
#ifndef TEND_RUNNER_H
#define TEND_RUNNER_H

#include <stdbool.h>
#include <stddef.h>
#include <signal.h>
#include <sys/types.h>

#include "spawn.h"

#define RUNNER_LOG_MAX (60 * 1024)
/* A process killed by signal n exits, for a shell, with 128 + n. */
#define RUNNER_SIGNAL_BASE SPAWN_SIGNAL_BASE

struct runner;

/*
 * Start cmd in cwd; extra_env ("NAME=value", may be NULL) is added to the
 * environment. NULL with errno on failure.
 */
struct runner *runner_start(const char *cmd, const char *cwd,
    const char *extra_env);

int runner_pidfd(const struct runner *r);
/* The output pipe, or -1 once it reached end-of-file. */
int runner_outfd(const struct runner *r);
pid_t runner_pid(const struct runner *r);

/* Read what the pipe holds: print each whole line and keep it in the log. */
void runner_read_output(struct runner *r);

/*
 * If the shell has exited, SIGKILL what is left of its group (background
 * jobs the build did not wait for), reap the shell, drain the pipe and
 * return true with *status, a wait status (WIFEXITED(), WTERMSIG(), ...
 * apply). The group is killed before the shell is reaped: until then its
 * zombie holds the group's id, which cannot name another group.
 */
bool runner_reap(struct runner *r, int *status);

/* Send sig to the build's whole process group; nothing once reaped. */
void runner_kill(struct runner *r, int sig);

/*
 * Describe a wait status for a message: "exited with status 255", "was
 * killed by SIGSEGV". Returns buf.
 */
const char *runner_status_text(int status, char *buf, size_t len);

/* The kept log (the tail of the output), NUL-terminated. */
const char *runner_log(const struct runner *r, size_t *len);

/* SIGKILL whatever is left of the group, reap, close, free. */
void runner_free(struct runner *r);

#endif
