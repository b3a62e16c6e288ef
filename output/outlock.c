/* outlock.c - one tend per output folder (outlock.h) */
#include "outlock.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xalloc.h"
#include "banned.h"

/* Is the folder dir a safe place for the lock: a folder of ours that no one
 * else can write? 0, or -1 with a message in err. */
static int
safe_folder(const char *dir, char *err, size_t errlen)
{
	struct stat st;

	if (lstat(dir, &st) < 0) {
		snprintf(err, errlen, "cannot lock in '%s': %s", dir,
		    strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode) || st.st_uid != getuid()) {
		snprintf(err, errlen, "cannot lock in '%s': it is not a folder "
		    "of yours", dir);
		return -1;
	}
	if (st.st_mode & (S_IWGRP | S_IWOTH)) {
		snprintf(err, errlen, "cannot lock in '%s': it is writable by "
		    "others (chmod go-w it)", dir);
		return -1;
	}
	return 0;
}

/* $XDG_CACHE_HOME/tend, else ~/.cache/tend, made 0700 if need be: a new
 * string, or NULL with a message in err. */
static char *
cache_folder(char *err, size_t errlen)
{
	const char *cache = getenv("XDG_CACHE_HOME");
	const char *home = getenv("HOME");
	struct passwd *pw;
	char *dir, *base = NULL;

	if (!cache || cache[0] != '/') {
		if ((!home || home[0] != '/') && (pw = getpwuid(getuid())))
			home = pw->pw_dir;
		if (!home || home[0] != '/') {
			snprintf(err, errlen, "cannot lock: neither "
			    "XDG_RUNTIME_DIR, XDG_CACHE_HOME nor HOME is set");
			return NULL;
		}
		cache = base = xasprintf("%s/.cache", home);
	}
	if (mkdir(cache, 0700) < 0 && errno != EEXIST) {
		snprintf(err, errlen, "cannot make '%s': %s", cache,
		    strerror(errno));
		free(base);
		return NULL;
	}
	dir = xasprintf("%s/tend", cache);
	free(base);
	if (mkdir(dir, 0700) < 0 && errno != EEXIST) {
		snprintf(err, errlen, "cannot make '%s': %s", dir,
		    strerror(errno));
		free(dir);
		return NULL;
	}
	return dir;
}

/*
 * The lock file's path for out: a new string, or NULL with a message in
 * err. Its folder is $XDG_RUNTIME_DIR if that is a folder of ours that no
 * one else can write, else the cache folder, which must be.
 */
static char *
lock_path(const char *out, char *err, size_t errlen)
{
	const char *run = getenv("XDG_RUNTIME_DIR");
	uint64_t h = 0xcbf29ce484222325ull;	/* FNV-1a */
	char *dir, *path;

	for (const char *p = out; *p; p++)
		h = (h ^ (unsigned char)*p) * 0x100000001b3ull;
	if (run && run[0] == '/' && safe_folder(run, err, errlen) == 0)
		dir = xstrdup(run);
	else if (!(dir = cache_folder(err, errlen)))
		return NULL;
	else if (safe_folder(dir, err, errlen) < 0) {
		free(dir);
		return NULL;
	}
	path = xasprintf("%s/tend-%ld-%016llx.lock", dir, (long)getuid(),
	    (unsigned long long)h);
	free(dir);
	return path;
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
	char *path = lock_path(out, err, errlen), pid[32];
	struct stat st;
	int fd = -1, r, len;

	if (!path)
		return -1;
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
