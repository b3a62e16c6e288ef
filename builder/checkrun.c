/* checkrun.c - run tend-crawl on the served build, for tend check */
#include "checkrun.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/pidfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bug.h"
#include "crawlopts.h"
#include "libexec.h"
#include "log.h"
#include "runner.h"
#include "sigs.h"
#include "banned.h"

#define CRAWLER "tend-crawl"

extern char **environ;

/*
 * Start exe with argv: stop signals at their defaults, no signal blocked,
 * only stdio inherited. Its pid, or -1 with errno.
 */
static pid_t
spawn(const char *exe, const char *const *argv)
{
	posix_spawnattr_t attr;
	posix_spawn_file_actions_t fa;
	sigset_t none;
	pid_t pid = -1;
	int rc;

	sigemptyset(&none);
	libexec_spawnattr(&attr, &none);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addclosefrom_np(&fa, STDERR_FILENO + 1);
	/* What tend printed so far comes before the report. */
	fflush(stdout);
	fflush(stderr);
	rc = posix_spawn(&pid, exe, &fa, &attr, (char *const *)argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	if (rc) {
		errno = rc;
		return -1;
	}
	return pid;
}

/* Reap pid (exited, or about to): its wait status, or -1 with errno. */
static int
reap(pid_t pid)
{
	int ws;

	while (waitpid(pid, &ws, 0) < 0)
		if (errno != EINTR)
			return -1;
	return ws;
}

/* Stop tend-crawl: SIGTERM, SIGKILL if it is not gone in time; reap. */
static void
stop(pid_t pid, int pidfd)
{
	struct pollfd p = { pidfd, POLLIN, 0 };

	kill(pid, SIGTERM);
	while (poll(&p, 1, CHECKRUN_STOP_MS) < 0 && errno == EINTR)
		;
	if (!p.revents)
		kill(pid, SIGKILL);
	reap(pid);
}

void
checkrun_argv(const char **argv, const char *exe, const char *parent,
    const char *url, const char *root, const struct tend_opts *o)
{
	size_t n = 0;

	argv[n++] = exe;
	if (o->json)
		argv[n++] = crawl_opt_flag(CRAWL_OPT_JSON);
	if (o->list_external)
		argv[n++] = crawl_opt_flag(CRAWL_OPT_EXTERNAL);
	if (o->junit) {
		argv[n++] = crawl_opt_flag(CRAWL_OPT_JUNIT);
		argv[n++] = o->junit;
	}
	if (o->json_log)
		argv[n++] = crawl_opt_flag(CRAWL_OPT_JSON_LOG);
	if (o->verbosity != LOG_NORMAL)
		argv[n++] = crawl_opt_flag(o->verbosity == LOG_QUIET ?
		    CRAWL_OPT_QUIET : CRAWL_OPT_VERBOSE);
	if (parent) {
		argv[n++] = crawl_opt_flag(CRAWL_OPT_PARENT);
		argv[n++] = parent;
	}
	argv[n++] = "--";
	argv[n++] = url;
	argv[n++] = root;
	argv[n] = NULL;
	BUG_ON(n >= CRAWL_ARGV_MAX);
}

int
checkrun(const char *url, const char *root, const struct tend_opts *o,
    bool (*should_stop)(void *arg), void *arg)
{
	const char *argv[CRAWL_ARGV_MAX];
	char parent[32], *exe = libexec_find(CRAWLER, "tend check");
	struct pollfd p = { -1, POLLIN, 0 };
	pid_t pid;
	int status;

	if (!exe)
		return 1;
	snprintf(parent, sizeof parent, "%ld", (long)getpid());
	checkrun_argv(argv, exe, parent, url, root, o);
	log_debug("running %s %s %s", exe, url, root);
	pid = spawn(exe, argv);
	if (pid < 0) {
		log_err("cannot run '%s'", exe);
		free(exe);
		return 1;
	}
	p.fd = pidfd_open(pid, 0);
	if (p.fd < 0) {
		log_err("cannot wait for '%s'", exe);
		kill(pid, SIGKILL);
		reap(pid);
		free(exe);
		return 1;
	}
	for (;;) {
		/* A stop signal wakes this at once: the mask lets it in. */
		int rc = ppoll(&p, 1, NULL, sigs_wait_mask());
		int err = errno;

		if (should_stop(arg)) {
			stop(pid, p.fd);
			status = -1;
			break;
		}
		if (rc < 0 && err != EINTR) {
			errno = err;
			log_err("cannot wait for '%s'", exe);
			stop(pid, p.fd);
			status = 1;
			break;
		}
		if (rc > 0 && p.revents) {
			int ws = reap(pid);
			char how[64];

			if (ws < 0) {
				log_err("cannot wait for '%s'", exe);
				status = 1;
			} else {
				status = runner_exit_code(ws);
				if (WIFSIGNALED(ws))
					log_errx("%s %s", CRAWLER,
					    runner_status_text(ws, how,
					    sizeof how));
			}
			break;
		}
	}
	close(p.fd);
	free(exe);
	return status;
}
