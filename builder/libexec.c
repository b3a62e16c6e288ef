/* libexec.c - finding tend's helper programs */
#include "libexec.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "log.h"
#include "xalloc.h"
#include "banned.h"

/* dir/name (new string) if it is executable, else NULL. */
static char *
program_in(const char *dir, const char *name)
{
	char *path = xasprintf("%s/%s", dir, name);

	if (access(path, X_OK) == 0)
		return path;
	free(path);
	return NULL;
}

char *
libexec_find(const char *name, const char *who)
{
	char self[PATH_MAX] = "", *slash, *path = NULL;
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);

	self[n > 0 ? n : 0] = '\0';
	slash = strrchr(self, '/');
	if (slash) {
		*slash = '\0';		/* tend's folder ("" for "/") */
		path = program_in(self, name);
	}
	if (!path)
		path = program_in(TEND_LIBEXECDIR, name);
	if (!path)
		log_errx("cannot find %s in '%s' nor in '%s': %s needs it",
		    name, slash ? self : "?", TEND_LIBEXECDIR, who);
	return path;
}
