/* resolve.c - URL path -> file beneath the output folder, safely */
#include "resolve.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "banned.h"

/* Validate one segment [s, s+n); returns 0 (keep), 1 (skip) or a status. */
static int
check_segment(const char *s, size_t n)
{
	if (n == 0 || (n == 1 && s[0] == '.'))
		return 1;
	if (n == 2 && s[0] == '.' && s[1] == '.')
		return 403;
	if (s[0] == '.')
		return 404;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == 0x7f || c == '\\')
			return 400;
	}
	return 0;
}

int
resolve_url(const char *url, char *rel, size_t cap)
{
	size_t out = 0;

	if (!url || url[0] != '/')
		return 400;
	if (cap == 0)
		return 414;
	rel[0] = '\0';
	for (const char *p = url + 1;;) {
		const char *end = strchr(p, '/');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		int r = check_segment(p, n);

		if (r > 1)
			return r;
		if (r == 0) {
			if (out + n + 2 > cap)
				return 414;
			if (out)
				rel[out++] = '/';
			memcpy(rel + out, p, n);
			out += n;
			rel[out] = '\0';
		}
		if (!end)
			break;
		p = end + 1;
	}
	return 0;
}

int
resolve_raw(const char *raw)
{
	size_t path_len = strcspn(raw, "?");

	if (strstr(raw, "%00"))
		return 400;
	for (const char *p = raw; (p = strchr(p, '%')) && p < raw + path_len;
	    p++)
		if (p[1] == '2' && (p[2] == 'f' || p[2] == 'F'))
			return 400;
	return 0;
}

/* Fallback for kernels without openat2: refuse every symlink on the way. */
static int
open_nofollow_walk(int rootfd, const char *rel, int flags)
{
	char buf[RESOLVE_PATH_MAX];
	int fd = openat(rootfd, ".", O_PATH | O_DIRECTORY | O_CLOEXEC);
	char *save = NULL, *seg;
	size_t len = strlen(rel);

	if (len >= sizeof buf) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(buf, rel, len + 1);
	for (seg = strtok_r(buf, "/", &save); fd >= 0 && seg;) {
		char *next = strtok_r(NULL, "/", &save);
		int f = next ? O_PATH | O_DIRECTORY : flags;
		int nfd = openat(fd, seg, f | O_NOFOLLOW | O_CLOEXEC);

		close(fd);
		fd = nfd;
		seg = next;
	}
	if (fd >= 0 && !*rel) {
		int nfd = openat(fd, ".", flags | O_CLOEXEC);

		close(fd);
		fd = nfd;
	}
	return fd;
}

int
resolve_open(int rootfd, const char *rel, int flags)
{
	struct open_how how = {
		.flags = (unsigned long long)(flags | O_CLOEXEC),
		.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS,
	};
	long fd;

	do
		fd = syscall(SYS_openat2, rootfd, *rel ? rel : ".", &how,
		    sizeof how);
	while (fd < 0 && errno == EINTR);
	if (fd < 0 && errno == ENOSYS)
		return open_nofollow_walk(rootfd, rel, flags);
	return (int)fd;
}

int
resolve_status(int err)
{
	switch (err) {
	case ENOENT:
	case ENOTDIR:
	case ENAMETOOLONG:
		return 404;
	case EXDEV:
	case ELOOP:
	case EACCES:
	case EPERM:
		return 403;
	case EMFILE:	/* out of descriptors: try again (server.c) */
	case ENFILE:
		return 503;
	default:
		return 500;
	}
}
