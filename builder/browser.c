/* browser.c - `--open`: xdg-open the served URL, detached */
#include "browser.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "spawn.h"
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

/* tend's ignored signals and its stop signals, back at their default. */
static const int default_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGPIPE,
	SIGTTIN, SIGTTOU, 0 };

int
browser_open(const char *url)
{
	const char *argv[] = { "xdg-open", url, NULL };
	struct spawn sp = SPAWN_INIT;
	char path[PATH_MAX];
	int rc;

	if (find_in_path("xdg-open", path, sizeof path) < 0)
		return -1;
	sp.path = path;
	sp.argv = argv;
	sp.in = sp.out = sp.err = SPAWN_NULL;
	sp.new_session = true;	/* Ctrl-C and tend's stop never reach it */
	sp.detach = true;	/* init adopts it: nothing to wait for */
	sp.default_signals = default_signals;
	fflush(NULL);
	rc = spawn_start(&sp);
	spawn_finish(&sp);
	return rc;
}
