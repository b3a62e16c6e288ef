/* checkrun.c - run tend-crawl on the served build, for tend check */
#include "checkrun.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/pidfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "config.h"
#include "log.h"
#include "sigs.h"
#include "xalloc.h"

#define CRAWLER "tend-crawl"
#define MAX_ARGS 16

extern char **environ;

/*
 * The path of tend-crawl (new string): beside tend's own binary, else in
 * TEND_LIBEXECDIR. NULL if neither has it; *beside (new string) then names
 * the first folder looked in, for the message.
 */
static char *
find_crawler(char **beside)
{
	char self[PATH_MAX], *slash, *path;
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);

	*beside = NULL;
	if (n > 0) {
		self[n] = '\0';
		slash = strrchr(self, '/');
		if (slash) {
			*beside = xstrndup(self, (size_t)(slash - self));
			path = xasprintf("%s/" CRAWLER, *beside);
			if (access(path, X_OK) == 0) {
				free(*beside);
				*beside = NULL;
				return path;
			}
			free(path);
		}
	}
	path = xstrdup(TEND_LIBEXECDIR "/" CRAWLER);
	if (access(path, X_OK) == 0) {
		free(*beside);
		*beside = NULL;
		return path;
	}
	free(path);
	return NULL;
}

/*
 * Start exe with argv: stop signals at their defaults, no signal blocked,
 * only stdio inherited. Its pid, or -1 with errno.
 */
static pid_t
spawn(const char *exe, const char *const *argv)
{
	posix_spawnattr_t attr;
	posix_spawn_file_actions_t fa;
	sigset_t none, dfl;
	pid_t pid = -1;
	int rc;

	sigemptyset(&none);
	sigemptyset(&dfl);
	sigaddset(&dfl, SIGINT);
	sigaddset(&dfl, SIGTERM);
	sigaddset(&dfl, SIGHUP);
	posix_spawnattr_init(&attr);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK |
	    POSIX_SPAWN_SETSIGDEF);
	posix_spawnattr_setsigmask(&attr, &none);
	posix_spawnattr_setsigdefault(&attr, &dfl);
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

/* Reap pid (exited, or about to): its exit code, or 128 + signal. */
static int
reap(pid_t pid)
{
	int ws;

	while (waitpid(pid, &ws, 0) < 0)
		if (errno != EINTR)
			return 1;
	return WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
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

int
checkrun(const char *url, const char *root, const struct tend_opts *o,
    bool (*should_stop)(void *arg), void *arg)
{
	const char *argv[MAX_ARGS];
	char parent[32], *beside, *exe = find_crawler(&beside);
	struct pollfd p = { -1, POLLIN, 0 };
	size_t n = 0;
	pid_t pid;
	int status;

	if (!exe) {
		log_errx("cannot find " CRAWLER " in '%s' nor in '%s': tend "
		    "check needs it", beside ? beside : "?", TEND_LIBEXECDIR);
		free(beside);
		return 1;
	}
	snprintf(parent, sizeof parent, "%ld", (long)getpid());
	argv[n++] = exe;
	if (o->json)
		argv[n++] = "--json";
	if (o->list_external)
		argv[n++] = "--external";
	if (o->junit) {
		argv[n++] = "--junit";
		argv[n++] = o->junit;
	}
	if (o->json_log)
		argv[n++] = "--json-log";
	if (o->verbosity != LOG_NORMAL)
		argv[n++] = o->verbosity == LOG_QUIET ? "-q" : "-v";
	argv[n++] = "--parent";
	argv[n++] = parent;
	argv[n++] = "--";
	argv[n++] = url;
	argv[n++] = root;
	argv[n] = NULL;

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
			status = reap(pid);
			if (status > 128)
				log_errx("%s was killed by %s", CRAWLER,
				    sigs_name(status - 128));
			break;
		}
	}
	close(p.fd);
	free(exe);
	return status;
}
