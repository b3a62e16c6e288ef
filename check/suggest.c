/* suggest.c - the file a link misses only by case */
#include "suggest.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "basepath.h"
#include "buf.h"
#include "url.h"
#include "xalloc.h"
#include "banned.h"

/*
 * The one entry of the folder dirfd named name but for ASCII case, as a new
 * string; NULL if there is none, or more than one.
 */
static char *
entry_ignoring_case(int dirfd, const char *name)
{
	int fd = openat(dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d = fd < 0 ? NULL : fdopendir(fd);
	struct dirent *e;
	char *found = NULL;
	int n = 0;

	if (!d) {
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	while ((e = readdir(d)))
		if (e->d_name[0] != '.' && strcasecmp(e->d_name, name) == 0 &&
		    n++ == 0)
			found = xstrdup(e->d_name);
	closedir(d);
	if (n != 1) {
		free(found);
		return NULL;
	}
	return found;
}

/*
 * The path below root that path ("/img/screenshot.png", decoded) names but
 * for case, as "/img/Screenshot.png"; NULL if none (or it is path itself,
 * unless same_ok).
 */
static char *
find_ignoring_case(int root, const char *path, bool same_ok)
{
	struct buf found = BUF_INIT;
	int dirfd = dup(root);
	bool differs = false, whole = false;

	while (dirfd >= 0 && *path == '/') {
		size_t n = strcspn(++path, "/");
		char *seg = xstrndup(path, n), *name = NULL;

		path += n;
		if (seg[0] && seg[0] != '.') {
			if (faccessat(dirfd, seg, F_OK, AT_SYMLINK_NOFOLLOW) == 0)
				name = xstrdup(seg);
			else if ((name = entry_ignoring_case(dirfd, seg)))
				differs = true;
		}
		free(seg);
		if (!name)
			break;
		buf_adds(&found, "/");
		buf_adds(&found, name);
		whole = !*path;
		if (!whole) {
			int next = openat(dirfd, name, O_RDONLY | O_DIRECTORY |
			    O_CLOEXEC);

			close(dirfd);
			dirfd = next;
		}
		free(name);
		if (whole)
			break;
	}
	if (dirfd >= 0)
		close(dirfd);
	if (!whole || (!differs && !same_ok)) {
		free(found.p);
		return NULL;
	}
	return found.p;
}

/* The hint for the 404 target path (decoded) with base, or NULL. */
static char *
hint_for(int fd, const char *path, const char *base)
{
	const char *in = basepath_strip(base, path);
	char *found, *hint;

	if (basepath_none(base))
		return find_ignoring_case(fd, path, false);
	found = in ? find_ignoring_case(fd, in, false)
		   : find_ignoring_case(fd, path, true);
	if (!found)
		return NULL;
	hint = xasprintf("%.*s%s", (int)strlen(base) - 1, base, found);
	free(found);
	return hint;
}

void
suggest_case(struct result *r, const char *root, const char *base)
{
	int fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		return;
	for (size_t i = 0; i < r->nfailures; i++) {
		struct result_failure *f = &r->failures[i];
		char *p, *path;

		if (strcmp(f->reason, "404") != 0 || f->target[0] != '/')
			continue;
		p = xstrndup(f->target, strcspn(f->target, "?#"));
		path = url_unescape(p);
		f->hint = hint_for(fd, path, base);
		free(path);
		free(p);
	}
	close(fd);
}
