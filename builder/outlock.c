/* outlock.c - one tend per output folder (outlock.h) */
#include "outlock.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "xalloc.h"

/* The PID written in the lock file fd, or 0 if none is (yet). */
static long
holder_pid(int fd)
{
	char buf[32];
	ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
	char *end;
	long pid;

	if (n <= 0)
		return 0;
	buf[n] = '\0';
	pid = strtol(buf, &end, 10);
	return end != buf && *end == '\n' && pid > 0 ? pid : 0;
}

int
outlock_take(const char *out, char *err, size_t errlen)
{
	char *a = xstrdup(out), *b = xstrdup(out), *path, pid[32];
	int fd, r, len;

	path = xasprintf("%s/.%s.tend-lock", dirname(a), basename(b));
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (fd < 0) {
		snprintf(err, errlen, "cannot lock '%s': %s", path,
		    strerror(errno));
		goto fail;
	}
	do
		r = flock(fd, LOCK_EX | LOCK_NB);
	while (r < 0 && errno == EINTR);
	if (r < 0) {
		long holder = errno == EWOULDBLOCK ? holder_pid(fd) : 0;

		if (errno != EWOULDBLOCK)
			snprintf(err, errlen, "cannot lock '%s': %s", path,
			    strerror(errno));
		else if (holder)
			snprintf(err, errlen, "another tend (pid %ld) is "
			    "building into '%s'", holder, out);
		else
			snprintf(err, errlen, "another tend is building into "
			    "'%s'", out);
		close(fd);
		goto fail;
	}
	len = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
	/* The PID only makes the message better: a failure is no error. */
	if (ftruncate(fd, 0) == 0 && pwrite(fd, pid, (size_t)len, 0) < 0)
		(void)0;
	free(path);
	free(a);
	free(b);
	return 0;	/* fd stays open: the lock lasts until exit */
fail:
	free(path);
	free(a);
	free(b);
	return -1;
}
