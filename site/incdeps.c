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

/* path ("../../x", above SRC) as a path below the project's folder: SRC's
 * own path there (si->below) less a folder for each "../"; NULL if it
 * climbs above the project. */
static char *
below_root(const struct site_includes *si, const char *path)
{
	size_t n = si->below ? strlen(si->below) : 0;

	if (si->rootfd < 0)
		return NULL;
	for (; !strncmp(path, "../", 3); path += 3) {
		while (n && si->below[n - 1] != '/')
			n--;
		if (!n && path[3] && !strncmp(path + 3, "../", 3))
			return NULL;
		n -= n > 0;
	}
	return n ? xasprintf("%.*s/%s", (int)n, si->below, path) :
	    xstrdup(path);
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
	if (!strncmp(path, "../", 3)) {	/* above SRC, in its project */
		char *p = below_root(si, path);

		fd = p ? open_beneath(si->rootfd, p) : -1;
		free(p);
		if (!p)
			errno = EXDEV;
	} else {
		fd = open_beneath(si->srcfd, path);
	}
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

/* Does the folder at path hold mark (".git", "book.toml")? */
static bool
has_mark(const char *path, const char *mark)
{
	char *p = xasprintf("%s/%s", path, mark);
	bool yes = access(p, F_OK) == 0;

	free(p);
	return yes;
}

/* Let reads go up to the folder up levels above top (SRC's real path):
 * si->rootfd, si->src.up and si->below ("docs/src") say where. */
static void
set_root(struct site_includes *si, char *top, unsigned up)
{
	size_t keep = strlen(top);
	char *slash = top + keep;

	for (unsigned i = 0; i < up; i++) {
		*slash = '\0';
		slash = strrchr(top, '/');
	}
	*slash = '\0';
	si->rootfd = open(top, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (si->rootfd < 0)
		return;
	si->src.up = up;
	for (char *p = slash; p < top + keep; p++)
		if (!*p)
			*p = '/';
	si->below = xstrdup(slash + 1);
}

/* Is path the user's home folder (where a repository of dotfiles would
 * make every file of it a project's)? */
static bool
is_home(const char *path)
{
	const char *home = getenv("HOME");
	char *real = home && *home ? realpath(home, NULL) : NULL;
	bool yes = real && !strcmp(real, path);

	free(real);
	return yes;
}

/* The project holding SRC, when SRC is no git repository's top: the git
 * repository it is in (the nearest folder from SRC's parent up, at most
 * INCLUDE_PROJECT_UP, with a .git), else the nearest with a book.toml;
 * never the home folder or above it. */
static void
find_project(struct site_includes *si, const char *src)
{
	char *top = realpath(src, NULL), *p, *slash;
	unsigned up, book = 0, git = 0;

	if (!top || has_mark(top, ".git")) {
		free(top);
		return;
	}
	p = xstrdup(top);
	for (up = 1; up <= INCLUDE_PROJECT_UP && !git; up++) {
		if (!(slash = strrchr(p, '/')) || slash == p)
			break;
		*slash = '\0';
		if (is_home(p))
			break;
		if (has_mark(p, ".git"))
			git = up;
		else if (!book && has_mark(p, "book.toml"))
			book = up;
	}
	free(p);
	if (git || book)
		set_root(si, top, git ? git : book);
	free(top);
}

void
site_includes_open(struct site_includes *si, const char *src,
    struct incdeps *deps)
{
	*si = (struct site_includes){ .src = { read_include, si },
		.srcfd = open(src, O_RDONLY | O_DIRECTORY | O_CLOEXEC),
		.rootfd = -1, .deps = deps };
	find_project(si, src);
}

void
site_includes_close(struct site_includes *si)
{
	if (si->srcfd >= 0)
		close(si->srcfd);
	if (si->rootfd >= 0)
		close(si->rootfd);
	si->srcfd = si->rootfd = -1;
	free(si->below);
	si->below = NULL;
}
