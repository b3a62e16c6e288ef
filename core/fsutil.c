/* fsutil.c - file-system helpers */
#include "fsutil.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "xalloc.h"
#include "banned.h"

/* Empty the folder open as fd (which this function closes). */
static int
remove_contents(int fd)
{
	DIR *d = fdopendir(fd);
	struct dirent *e;
	int ret = 0;

	if (!d) {
		close(fd);
		return -1;
	}
	while ((errno = 0, e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (fs_remove_tree(dirfd(d), e->d_name) < 0)
			ret = -1;
	}
	if (errno)
		ret = -1;
	closedir(d);
	return ret;
}

int
fs_remove_tree(int dirfd, const char *name)
{
	int fd;

	if (unlinkat(dirfd, name, 0) == 0 || errno == ENOENT)
		return 0;
	if (errno != EISDIR && errno != EPERM)
		return -1;
	fd = openat(dirfd, name,
	    O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? 0 : -1;
	if (remove_contents(fd) < 0)
		return -1;
	if (unlinkat(dirfd, name, AT_REMOVEDIR) < 0 && errno != ENOENT)
		return -1;
	return 0;
}

int
fs_read_fd(int fd, char **data, size_t *len)
{
	struct stat st;

	return fs_read_fd_stat(fd, data, len, &st);
}

int
fs_read_fd_stat(int fd, char **data, size_t *len, struct stat *stp)
{
	return fs_read_fd_max(fd, SIZE_MAX - 2, data, len, stp);
}

int
fs_read_fd_max(int fd, size_t max, char **data, size_t *len,
    struct stat *stp)
{
	size_t cap, n = 0;
	char *buf;

	if (fstat(fd, stp) < 0)
		return -1;
	if (stp->st_size > 0 && (uintmax_t)stp->st_size > max) {
		errno = EFBIG;
		return -1;
	}
	cap = (size_t)stp->st_size + 2;
	buf = xmalloc(cap);
	for (;;) {
		ssize_t r;

		if (n > max) {
			free(buf);
			errno = EFBIG;
			return -1;
		}
		if (n + 1 >= cap)
			buf = xrealloc(buf, cap = cap > max / 2 ? max + 2
			    : cap * 2);
		r = read(fd, buf + n, cap - n - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int saved = errno;

			free(buf);
			errno = saved;
			return -1;
		}
		if (r == 0)
			break;
		n += (size_t)r;
		/* A regular file read whole, as its size said, with room for
		   more: that is its end (no read for the 0). */
		if (S_ISREG(stp->st_mode) && n == (size_t)stp->st_size &&
		    n + 1 < cap)
			break;
	}
	buf[n] = '\0';
	*data = buf;
	*len = n;
	return 0;
}

int
fs_read_file(int dirfd, const char *name, char **data, size_t *len)
{
	int fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC), r, saved;

	if (fd < 0)
		return -1;
	r = fs_read_fd(fd, data, len);
	saved = errno;
	close(fd);
	errno = saved;
	return r;
}

int
fs_read_file_max(int dirfd, const char *name, size_t max, char **data,
    size_t *len)
{
	int fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC | O_NONBLOCK), r;
	int saved;
	struct stat st;

	if (fd < 0)
		return -1;
	r = fs_read_fd_max(fd, max, data, len, &st);
	saved = errno;
	close(fd);
	errno = saved;
	return r;
}

int
fs_write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		ssize_t r = write(fd, p, len);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		p += r;
		len -= (size_t)r;
	}
	return 0;
}

int
fs_write_new(int dirfd, const char *name, const void *buf, size_t len)
{
	int fd = openat(dirfd, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    0644), code;

	if (fd < 0)
		return -1;
	if (fs_write_all(fd, buf, len) < 0) {
		code = errno;
		close(fd);
		errno = code;
		return -1;
	}
	return close(fd);
}

int64_t
fs_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

char *
fs_join(const char *base, const char *name)
{
	if (!*base)
		return xstrdup(name);
	return xasprintf("%s/%s", base, name);
}

const char *
path_below(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	while (n && dir[n - 1] == '/')
		n--;
	if (!n && *dir)				/* "/" */
		return *path == '/' ? path + strspn(path, "/") : NULL;
	if (!n)					/* "" */
		return *path == '/' ? NULL : path;
	if (strncmp(path, dir, n) || (path[n] && path[n] != '/'))
		return NULL;
	return path + n + strspn(path + n, "/");
}

char *
fs_mkdtemp(const char *prefix)
{
	const char *dir = getenv("TMPDIR");
	char *tmpl, *path;

	if (!dir || dir[0] != '/')
		dir = "/tmp";
	tmpl = xasprintf("%s/%s-XXXXXX", dir, prefix);
	if (!mkdtemp(tmpl)) {
		free(tmpl);
		return NULL;
	}
	path = realpath(tmpl, NULL);	/* /tmp may be a symlink */
	if (!path) {
		int err = errno;

		rmdir(tmpl);
		free(tmpl);
		errno = err;
		return NULL;
	}
	free(tmpl);
	return path;
}

static int
by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

int
fs_entries(int dirfd, struct dirent ***v)
{
	*v = NULL;
	return scandirat(dirfd, ".", v, NULL, by_name);
}

void
fs_entries_free(struct dirent **v, int n)
{
	while (n > 0)
		free(v[--n]);
	free(v);
}
