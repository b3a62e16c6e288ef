/* seed.c - fill a staging folder with a copy of the live output (publish.h) */
#include "publish.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bug.h"
#include "copy.h"
#include "fsutil.h"
#include "publish_int.h"
#include "xalloc.h"
#include "banned.h"

/* Folders nested deeper than this in the output are not seeded. */
#define SEED_MAX_DEPTH 128

struct seed {
	struct publish_seed_stats *stats;
	bool (*should_abort)(void *arg);
	void *arg;
	char *failed;	/* owned: the path below the output that failed */
	char link[PATH_MAX];	/* read_link()'s buffer, for any depth */
};

/*
 * The target of the symlink name below dirfd, into buf (PATH_MAX bytes):
 * 0, or -1 with errno. symlinkat(2) takes a target of PATH_MAX - 1 bytes
 * at most, so a longer one (a network or FUSE file system may hand one
 * back) fails here with ENAMETOOLONG rather than being cut. The buffer is
 * an array, never NULL: with a heap one, UBSan's null check of readlinkat's
 * argument made a path with NULL that GCC's -Wnonnull saw at -O2.
 */
static int
read_link(int dirfd, const char *name, char buf[PATH_MAX])
{
	ssize_t n = readlinkat(dirfd, name, buf, PATH_MAX);

	if (n < 0)
		return -1;
	if (n >= PATH_MAX) {
		errno = ENAMETOOLONG;
		return -1;
	}
	buf[n] = '\0';
	return 0;
}

/* Copy every entry of the folder src (rel below the output: "" or
 * "d/") into the folder dst. */
static int
seed_dir(struct seed *s, int src, int dst, const char *rel, int depth)
{
	int fd = dup(src), ret = 0, saved;
	DIR *d = fd < 0 ? NULL : fdopendir(fd);
	struct dirent *e = NULL;
	char *sub_rel;

	if (!d) {
		saved = errno;
		if (fd >= 0)
			close(fd);
		s->failed = xstrdup(*rel ? rel : ".");
		errno = saved;
		return -1;
	}
	while (ret == 0 && (e = readdir(d))) {
		const char *name = e->d_name;
		struct stat st;
		int in;

		if (!strcmp(name, ".") || !strcmp(name, "..") ||
		    (depth == 0 && !strcmp(name, PUBLISH_MARKER)))
			continue;	/* the staging folder has its marker */
		if (s->should_abort && s->should_abort(s->arg)) {
			errno = ECANCELED;
			ret = -1;
			break;
		}
		if (fstatat(src, name, &st, AT_SYMLINK_NOFOLLOW) < 0) {
			ret = errno == ENOENT ? 0 : -1;
			continue;
		}
		if (S_ISLNK(st.st_mode)) {
			ret = read_link(src, name, s->link) < 0 ? -1 :
			    symlinkat(s->link, dst, name);
			continue;
		}
		if (!S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode))
			continue;	/* sockets, fifos: not output */
		if (S_ISDIR(st.st_mode) && depth >= SEED_MAX_DEPTH) {
			errno = ELOOP;	/* the caller names the limit */
			ret = -1;
			continue;
		}
		in = openat(src, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC |
		    (S_ISDIR(st.st_mode) ? O_DIRECTORY : 0));
		if (in < 0) {
			ret = -1;
			continue;
		}
		if (S_ISREG(st.st_mode)) {
			ret = copy_file(in, &st, dst, name);
			if (ret >= 0) {
				s->stats->files++;
				s->stats->cloned += ret;
				ret = 0;
			}
		} else if (mkdirat(dst, name, st.st_mode & 07777) == 0) {
			int sub = openat(dst, name, O_RDONLY | O_DIRECTORY |
			    O_NOFOLLOW | O_CLOEXEC);

			sub_rel = xasprintf("%s%s/", rel, name);
			ret = sub < 0 ? -1 : seed_dir(s, in, sub, sub_rel,
			    depth + 1);
			free(sub_rel);
			if (sub >= 0)
				close(sub);
		} else {
			ret = -1;
		}
		close(in);
	}
	saved = errno;
	if (ret < 0 && !s->failed && errno != ECANCELED)
		s->failed = xasprintf("%s%s", rel, e->d_name);
	closedir(d);
	errno = saved;
	return ret;
}

int
publish_seed(struct publish *p, struct publish_seed_stats *st,
    bool (*should_abort)(void *arg), void *arg)
{
	struct seed s = { st, should_abort, arg, NULL, "" };
	int live, staged, ret = -1, saved;
	char *path;

	BUG_ON(p->pfd < 0);	/* not open */
	*st = (struct publish_seed_stats){ 0, 0 };
	free(p->msg);
	p->msg = NULL;
	live = openat(p->pfd, p->base, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (live < 0 && errno == ENOENT)
		return 0;
	if (live < 0) {
		saved = errno;
		publish_say(p, "cannot open '%s': %s", p->out, strerror(saved));
		errno = saved;
		return -1;
	}
	staged = openat(p->pfd, p->staged, O_RDONLY | O_DIRECTORY |
	    O_NOFOLLOW | O_CLOEXEC);
	if (staged >= 0)
		ret = seed_dir(&s, live, staged, "", 0);
	saved = errno;
	close(live);
	if (staged >= 0)
		close(staged);
	if (ret < 0 && saved != ECANCELED) {
		path = s.failed ? fs_join(p->out, s.failed) : NULL;
		publish_say(p, "cannot copy '%s' into the staging folder: %s",
		    path ? path : p->out, strerror(saved));
		free(path);
	}
	free(s.failed);
	errno = saved;
	return ret;
}
