/* browser.c - `--open`: xdg-open the served URL, detached */
#include "browser.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "banned.h"

/* Find an executable name in $PATH into path; 0, or -1 with ENOENT. */
static int
find_in_path(const char *name, char *path, size_t size)
{
	const char *dirs = getenv("PATH"), *p, *end;

	if (!dirs || !*dirs)
		dirs = "/usr/local/bin:/usr/bin:/bin";
	for (p = dirs; ; p = end + 1) {
		int n;

		end = strchrnul(p, ':');
		/* an empty entry is the current folder, as execvp takes it */
		n = snprintf(path, size, "%.*s%s%s", (int)(end - p), p,
		    end > p ? "/" : "", name);
		if (n > 0 && (size_t)n < size && access(path, X_OK) == 0)
			return 0;
		if (!*end)
			break;
	}
	errno = ENOENT;
	return -1;
}

/*
 * In the grandchild: only async-signal-safe calls up to the exec. The stop
 * signals and SIGPIPE, SIGTTIN, SIGTTOU (ignored by tend) get their default
 * action back, and the signal mask is emptied.
 */
static void __attribute__((noreturn))
exec_opener(const char *path, const char *url)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGPIPE,
		SIGTTIN, SIGTTOU };
	char *argv[] = { (char *)"xdg-open", (char *)url, NULL };
	sigset_t none;
	size_t i;
	int fd;

	for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		signal(sigs[i], SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	fd = open("/dev/null", O_RDWR);
	if (fd >= 0) {
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
	}
	if (close_range(3, ~0U, 0) < 0)
		for (fd = 3; fd < 1024; fd++)
			close(fd);
	execv(path, argv);
	_exit(127);
}

int
browser_open(const char *url)
{
	char path[PATH_MAX];
	sigset_t all, old;
	pid_t pid;
	int saved, status;

	if (find_in_path("xdg-open", path, sizeof path) < 0)
		return -1;
	fflush(NULL);
	sigfillset(&all);
	sigprocmask(SIG_SETMASK, &all, &old);
	pid = fork();
	if (pid == 0) {
		/* the middle child: a new session, then the opener, then
		   exit at once so that init adopts the opener */
		setsid();
		if (fork() == 0)
			exec_opener(path, url);
		_exit(0);
	}
	saved = errno;
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (pid < 0) {
		errno = saved;
		return -1;
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return 0;
}
