/* outlock.c - one tend per output folder (outlock.h) */
#include "outlock.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xalloc.h"
#include "banned.h"

/* The lock file's path for out: a new string. */
static char *
lock_path(const char *out)
{
	const char *dir = getenv("XDG_RUNTIME_DIR");
	uint64_t h = 0xcbf29ce484222325ull;	/* FNV-1a */
	struct stat st;

	for (const char *p = out; *p; p++)
		h = (h ^ (unsigned char)*p) * 0x100000001b3ull;
	if (!dir || dir[0] != '/' || stat(dir, &st) < 0 ||
	    !S_ISDIR(st.st_mode) || access(dir, W_OK) < 0)
		dir = "/tmp";
	return xasprintf("%s/tend-%ld-%016llx.lock", dir, (long)getuid(),
	    (unsigned long long)h);
}

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
	char *path = lock_path(out), pid[32];
	struct stat st;
	int fd, r, len;

	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0 || fstat(fd, &st) < 0) {
		snprintf(err, errlen, "cannot lock '%s': %s", path,
		    strerror(errno));
		goto fail;
	}
	if (st.st_uid != getuid() || !S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "cannot lock '%s': it is not a file of "
		    "yours", path);
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
		goto fail;
	}
	len = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
	/* The PID only makes the message better: a failure is no error. */
	if (ftruncate(fd, 0) == 0 && pwrite(fd, pid, (size_t)len, 0) < 0)
		(void)0;
	free(path);
	return 0;	/* fd stays open: the lock lasts until exit */
fail:
	if (fd >= 0)
		close(fd);
	free(path);
	return -1;
}
