/* incdeps.c - files read by {{#include}}, and the pages that include them */
#include "incdeps.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "docs.h"
#include "fsutil.h"
#include "xalloc.h"
#include "banned.h"

/* Pairs "FILE\nPAGE": unique, in the order they were first seen. */
struct incdeps {
	pthread_mutex_t lock;
	struct strlist pairs;
};

struct incdeps *
incdeps_new(void)
{
	struct incdeps *d = xcalloc(1, sizeof *d);

	pthread_mutex_init(&d->lock, NULL);
	return d;
}

void
incdeps_free(struct incdeps *d)
{
	if (!d)
		return;
	strlist_clear(&d->pairs);
	pthread_mutex_destroy(&d->lock);
	free(d);
}

/* Remember that page includes path. */
static void
note(struct incdeps *d, const char *page, const char *path)
{
	char *pair = xasprintf("%s\n%s", path, page);

	pthread_mutex_lock(&d->lock);
	strlist_add_unique(&d->pairs, pair);
	pthread_mutex_unlock(&d->lock);
	free(pair);
}

size_t
incdeps_widen(struct incdeps *d, const struct strlist *changed,
    struct strlist *more)
{
	size_t added = 0;

	if (!d || !changed)
		return 0;
	pthread_mutex_lock(&d->lock);
	for (size_t i = 0; i < d->pairs.len; i++) {
		char *pair = d->pairs.items[i], *nl = strchr(pair, '\n');
		bool hit;

		*nl = '\0';
		hit = strlist_has(changed, pair);
		*nl = '\n';
		if (hit && !strlist_has(changed, nl + 1) &&
		    strlist_add_unique(more, nl + 1))
			added++;
	}
	pthread_mutex_unlock(&d->lock);
	return added;
}

/* Open path below SRC, never leaving it (symlinks included). */
static int
open_beneath(int srcfd, const char *path)
{
	struct open_how how = { .flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK,
		.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS };
	long fd;

	do
		fd = syscall(SYS_openat2, srcfd, path, &how, sizeof how);
	while (fd < 0 && errno == EINTR);
	if (fd < 0 && errno == ENOSYS)	/* an old kernel: no symlinks */
		fd = openat(srcfd, path, O_RDONLY | O_CLOEXEC | O_NONBLOCK |
		    O_NOFOLLOW);
	return (int)fd;
}

/* include_read_fn: read path below SRC for page, noting it. */
static int
read_include(void *arg, const char *page, const char *path, char **data,
    size_t *len)
{
	struct site_includes *si = arg;
	struct stat st;
	int fd, r, code;

	if (si->deps)
		note(si->deps, page, path);
	if (si->srcfd < 0) {
		errno = EBADF;
		return -1;
	}
	fd = open_beneath(si->srcfd, path);
	if (fd < 0) {
		if (errno == EXDEV || errno == ELOOP)
			errno = EXDEV;	/* a symlink out of SRC */
		return -1;
	}
	r = fs_read_fd_max(fd, DOCS_SOURCE_MAX, data, len, &st);
	code = errno;
	if (r == 0 && !S_ISREG(st.st_mode)) {
		free(*data);
		*data = NULL;
		r = -1;
		code = EISDIR;
	}
	close(fd);
	errno = code;
	return r;
}

void
site_includes_open(struct site_includes *si, const char *src,
    struct incdeps *deps)
{
	*si = (struct site_includes){ .src = { read_include, si },
		.srcfd = open(src, O_RDONLY | O_DIRECTORY | O_CLOEXEC),
		.deps = deps };
}

void
site_includes_close(struct site_includes *si)
{
	if (si->srcfd >= 0)
		close(si->srcfd);
	si->srcfd = -1;
}
