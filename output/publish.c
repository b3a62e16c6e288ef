/*
 * publish.c - staging folders and the switch of the output folder
 *
 * The invariant: a request is answered with the bytes of one build, never a
 * mix (no half-written file, no file of a failed build), and `tend build`
 * leaves a plain folder any host can serve.
 *
 * Two ways to publish, chosen per build (site.c, delta.h):
 *   - full (the first build, `tend build`, --cmd with {out}, a change to a
 *     '_' name): the whole site is staged beside the output and exchanged
 *     with it in one renameat2(RENAME_EXCHANGE). Costs O(site): unchanged
 *     files are hard-linked into the new generation.
 *   - delta (an incremental build of the built-in builder): only the files
 *     the build wrote are staged, flat, then each is rename()d over its
 *     live path, new folders made, dead paths removed. A request opens one
 *     file: rename() is atomic, so it reads the old bytes or the new, whole
 *     (an open file keeps its old inode). Costs O(change).
 *     The delta commit is in pubdelta.c: all that can fail is checked
 *     before the first rename, so a refused folder leaves the last build
 *     whole.
 * The delta publish is what keeps an edit fast on a large site: the full
 * switch, with a stat-walk of the output after the build, costs what the
 * site costs, the delta what the change costs; and it makes no staging
 * folders (on ext4 a mkdir right after many unlinks is slow). With the
 * page list kept in the parent between builds (quick.h), the delta publish
 * of one page is all a body edit costs, whatever the size of the site.
 * The figures: bench/README.md (bench/edit-latency, bench/scale).
 * Rejected: a generation holding only the changed files, resolved by the
 * server child over the previous one (every request would look in two
 * folders; compaction in the background); holding requests in the server
 * while renaming (the parent would need an acknowledgement from the child
 * before the first rename, and it buys nothing per request: the pages and
 * assets of one browser load are separate requests in either design).
 */
#include "publish.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bug.h"
#include "fsutil.h"
#include "publish_int.h"
#include "xalloc.h"
#include "banned.h"

/* Split out into its parent and base name (new strings). */
static void
split_out(const char *out, char **parent, char **base)
{
	char *a = xstrdup(out), *b = xstrdup(out);

	*parent = xstrdup(dirname(a));
	*base = xstrdup(basename(b));
	free(a);
	free(b);
}

void
publish_say(struct publish *p, const char *fmt, ...)
{
	char buf[3 * PATH_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	free(p->msg);
	p->msg = xstrdup(buf);
}

/* The path of name beside the output folder out: a new string. */
static char *
path_beside(const char *out, const char *name)
{
	char *parent, *base, *path;

	split_out(out, &parent, &base);
	path = xasprintf("%s/%s", strcmp(parent, "/") ? parent : "", name);
	free(parent);
	free(base);
	return path;
}

static char *
beside(const struct publish *p, const char *name)
{
	return path_beside(p->out, name);
}

/* The staging and previous-generation names beside an output called base. */
static void
staging_names(const char *base, char **staged, char **old)
{
	*staged = xasprintf(".%s.tend-new", base);
	if (old)
		*old = xasprintf(".%s.tend-old", base);
}

/* Is the folder name below dirfd absent, empty, or made by tend? */
static int
replaceable(int dirfd, const char *name)
{
	struct stat st;
	int fd;
	DIR *d;
	struct dirent *e;
	int entries = 0, has;
	char *marker;

	if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return errno == ENOENT ? 1 : -1;
	if (!S_ISDIR(st.st_mode))
		return 0;
	marker = xasprintf("%s/" PUBLISH_MARKER, name);
	has = faccessat(dirfd, marker, F_OK, AT_SYMLINK_NOFOLLOW);
	free(marker);
	if (has == 0)
		return 1;
	fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	d = fd < 0 ? NULL : fdopendir(fd);
	if (!d) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	while ((e = readdir(d)))
		entries += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	closedir(d);
	return entries == 0;
}

/* Try to create (and remove) a staging folder below fd: 0 or -1/errno. */
static int
try_create(int fd, const char *base)
{
	char *probe;
	int r;

	staging_names(base, &probe, NULL);
	r = mkdirat(fd, probe, 0755);

	if (r == 0 || errno == EEXIST)
		r = fs_remove_tree(fd, probe);
	free(probe);
	return r;
}

/* May the output base (below pfd) be replaced? 0, or -errno (EEXIST: it
 * is there and not tend's) with err set. */
static int
check_replaceable(int pfd, const char *base, const char *out, char *err,
    size_t errlen)
{
	int r = replaceable(pfd, base), saved = errno;

	if (r > 0)
		return 0;
	if (r < 0)
		snprintf(err, errlen, "cannot use the output folder '%s': %s",
		    out, strerror(saved));
	else
		snprintf(err, errlen, "refusing to replace '%s': it is not "
		    "empty and was not made by tend (choose another --out, or "
		    "remove it)", out);
	errno = r < 0 ? saved : EEXIST;
	return -errno;
}

int
publish_check_out(const char *out, char *err, size_t errlen)
{
	char *parent, *base;
	int fd, r;

	split_out(out, &parent, &base);
	fd = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		r = -errno;
		snprintf(err, errlen, "cannot write the output folder '%s': %s",
		    out, strerror(-r));
	} else if (try_create(fd, base) < 0) {	/* out may be writable */
		r = -errno;
		snprintf(err, errlen, "cannot write in '%s', which holds the "
		    "output folder '%s': %s (tend stages each build beside the "
		    "output folder, then swaps it in)", parent, base,
		    strerror(-r));
	} else {
		r = check_replaceable(fd, base, out, err, errlen);
	}
	if (fd >= 0)
		close(fd);
	free(parent);
	free(base);
	errno = -r;
	return r;
}

int
publish_open(struct publish *p, const char *out, char *err, size_t errlen)
{
	char *parent;
	int r;

	*p = (struct publish)PUBLISH_INIT;
	p->out = xstrdup(out);
	split_out(out, &parent, &p->base);
	staging_names(p->base, &p->staged, &p->old);
	p->pfd = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (p->pfd < 0) {
		r = -errno;
		snprintf(err, errlen, "cannot open '%s': %s", parent,
		    strerror(-r));
		free(parent);
		errno = -r;
		return r;
	}
	free(parent);
	if ((r = check_replaceable(p->pfd, p->base, out, err, errlen)) < 0)
		return r;
	fs_remove_tree(p->pfd, p->staged);
	fs_remove_tree(p->pfd, p->old);
	return 0;
}

/* Create the marker file in the folder name below pfd. */
static int
put_marker(int pfd, const char *name)
{
	char *path = xasprintf("%s/" PUBLISH_MARKER, name);
	int fd = openat(pfd, path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);

	free(path);
	return fd < 0 ? -1 : close(fd);
}

/*
 * Put a .gitignore holding "*" in the folder name below pfd, unless it has
 * one: git then shows no tend output as untracked, wherever it is.
 */
static int
put_gitignore(int pfd, const char *name)
{
	char *path = xasprintf("%s/" PUBLISH_GITIGNORE, name);
	int fd = openat(pfd, path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    0644), r;

	free(path);
	if (fd < 0)
		return errno == EEXIST ? 0 : -1;
	r = fs_write_all(fd, "*\n", 2);
	if (close(fd) < 0)
		r = -1;
	return r;
}

int
publish_stage(struct publish *p)
{
	BUG_ON(p->pfd < 0);	/* not open */
	fs_remove_tree(p->pfd, p->staged);
	if (mkdirat(p->pfd, p->staged, 0755) < 0)
		return -1;
	return put_marker(p->pfd, p->staged);
}

char *
publish_staged_path(const struct publish *p, const char *out)
{
	return path_beside(out, p->staged);
}

/* The rename of staged to the output failed (errno): say so. */
static int
rename_failed(struct publish *p, const char *what_is_live)
{
	int saved = errno;
	char *staged = beside(p, p->staged);

	publish_say(p, "cannot publish '%s': cannot rename '%s' to it: %s (%s)",
	    p->out, staged, strerror(saved), what_is_live);
	free(staged);
	errno = saved;
	return -1;
}

/*
 * Without RENAME_EXCHANGE: two renames, a brief gap. If the second one
 * fails, the previous generation is put back.
 */
static int
two_renames(struct publish *p)
{
	int saved, back;
	char *old;

	if (renameat(p->pfd, p->base, p->pfd, p->old) < 0) {
		saved = errno;
		old = beside(p, p->old);
		publish_say(p, "cannot publish '%s': cannot rename it to "
		    "'%s': %s (the last good build is still live)", p->out,
		    old, strerror(saved));
		free(old);
		errno = saved;
		return -1;
	}
	if (renameat(p->pfd, p->staged, p->pfd, p->base) == 0)
		return 0;
	saved = errno;
	if (renameat(p->pfd, p->old, p->pfd, p->base) == 0) {
		errno = saved;
		return rename_failed(p, "the last good build is live again");
	}
	back = errno;
	p->partial = true;	/* no output: the next build is a full one */
	old = beside(p, p->old);
	publish_say(p, "cannot publish '%s': %s, and cannot put the last "
	    "good build back from '%s': %s (the output folder is missing)",
	    p->out, strerror(saved), old, strerror(back));
	free(old);
	errno = saved;
	return -1;
}

/* Switch the staged generation in; keep the old one as p->old. */
static int
exchange(struct publish *p)
{
	char *path;
	int back;

	if (renameat2(p->pfd, p->staged, p->pfd, p->base,
	    RENAME_EXCHANGE) == 0) {
		/* The new build is live: the rest is tidying up. */
		if (renameat(p->pfd, p->staged, p->pfd, p->old) < 0) {
			back = errno;
			path = beside(p, p->staged);
			publish_say(p, "published '%s', but cannot rename "
			    "the last build, now '%s', to '%s': %s (the next "
			    "build removes it)", p->out, path, p->old,
			    strerror(back));
			free(path);
		}
		return 0;
	}
	if (errno == ENOENT) {		/* first build: nothing to exchange */
		if (renameat(p->pfd, p->staged, p->pfd, p->base) == 0)
			return 0;
		return rename_failed(p, "there was no output before");
	}
	if (errno != EINVAL && errno != ENOSYS)
		return rename_failed(p, "the last good build is still live");
	return two_renames(p);
}

/* Is the staging folder there, a folder? Then give it its marker and its
 * .gitignore. 0 or -1/errno. */
static int
staging_ready(struct publish *p)
{
	struct stat st;

	if (fstatat(p->pfd, p->staged, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return -1;
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return -1;
	}
	if (put_marker(p->pfd, p->staged) < 0)
		return -1;
	return put_gitignore(p->pfd, p->staged);
}

int
publish_commit(struct publish *p)
{
	char *staged;
	int saved;

	BUG_ON(p->pfd < 0);	/* not open */
	free(p->msg);
	p->msg = NULL;
	p->partial = false;
	if (staging_ready(p) < 0) {
		saved = errno;
		staged = beside(p, p->staged);
		publish_say(p, "cannot publish '%s': cannot use the staging "
		    "folder '%s': %s (the last good build is still live)",
		    p->out, staged, strerror(saved));
		free(staged);
		errno = saved;
		return -1;
	}
	fs_remove_tree(p->pfd, p->old);
	return exchange(p);
}

void
publish_discard(struct publish *p)
{
	if (p->pfd >= 0)
		fs_remove_tree(p->pfd, p->staged);
}

void
publish_close(struct publish *p)
{
	if (p->pfd >= 0)
		close(p->pfd);
	free(p->out);
	free(p->msg);
	free(p->base);
	free(p->staged);
	free(p->old);
	*p = (struct publish)PUBLISH_INIT;
}

void
publish_cleanup(const char *out)
{
	char *parent, *base, *staged, *old;
	int pfd;

	split_out(out, &parent, &base);
	staging_names(base, &staged, &old);
	pfd = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (pfd >= 0) {
		fs_remove_tree(pfd, staged);
		fs_remove_tree(pfd, old);
		close(pfd);
	}
	free(parent);
	free(base);
	free(staged);
	free(old);
}
