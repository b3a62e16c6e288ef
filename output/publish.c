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
 * Measured on 10,000 pages (bench/edit-latency, 2 loaded cores): a one-page
 * edit took 1,420 ms to be served with the full switch plus a stat-walk of
 * the output after the build, 111 ms with the delta publish (the source
 * walk left); the delta also makes no staging folders (ext4's mkdir right
 * after many unlinks cost more than the rest of such a build).
 * With the page list kept in the parent between builds (quick.h), the same
 * edit is served 11.9 ms after the save on 10 pages and on 10,000 alike
 * (12 ms at 100,000): the delta publish of one page is all a body edit
 * costs (bench/edit-latency, bench/scale).
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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "copy.h"
#include "fsutil.h"
#include "xalloc.h"
#include "banned.h"

/* Folders nested deeper than this in the output are not seeded. */
#define SEED_MAX_DEPTH 128

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

/* May the output base (below pfd) be replaced? 0, or -1 with err set. */
static int
check_replaceable(int pfd, const char *base, const char *out, char *err,
    size_t errlen)
{
	int r = replaceable(pfd, base);

	if (r > 0)
		return 0;
	if (r < 0)
		snprintf(err, errlen, "cannot use the output folder '%s': %s",
		    out, strerror(errno));
	else
		snprintf(err, errlen, "refusing to replace '%s': it is not "
		    "empty and was not made by tend (choose another --out, or "
		    "remove it)", out);
	return -1;
}

int
publish_check_out(const char *out, char *err, size_t errlen)
{
	char *parent, *base;
	int fd, r = -1;

	split_out(out, &parent, &base);
	fd = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		snprintf(err, errlen, "cannot write the output folder '%s': %s",
		    out, strerror(errno));
	else if (try_create(fd, base) < 0)	/* out itself may be writable */
		snprintf(err, errlen, "cannot write in '%s', which holds the "
		    "output folder '%s': %s (tend stages each build beside the "
		    "output folder, then swaps it in)", parent, base,
		    strerror(errno));
	else
		r = check_replaceable(fd, base, out, err, errlen);
	if (fd >= 0)
		close(fd);
	free(parent);
	free(base);
	return r;
}

int
publish_open(struct publish *p, const char *out, char *err, size_t errlen)
{
	char *parent;

	*p = (struct publish)PUBLISH_INIT;
	split_out(out, &parent, &p->base);
	staging_names(p->base, &p->staged, &p->old);
	p->pfd = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (p->pfd < 0) {
		snprintf(err, errlen, "cannot open '%s': %s", parent,
		    strerror(errno));
		free(parent);
		return -1;
	}
	free(parent);
	if (check_replaceable(p->pfd, p->base, out, err, errlen) < 0)
		return -1;
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
	fs_remove_tree(p->pfd, p->staged);
	if (mkdirat(p->pfd, p->staged, 0755) < 0)
		return -1;
	return put_marker(p->pfd, p->staged);
}

char *
publish_staged_path(const struct publish *p, const char *out)
{
	char *parent, *base, *path;

	split_out(out, &parent, &base);
	path = xasprintf("%s/%s", strcmp(parent, "/") ? parent : "",
	    p->staged);
	free(parent);
	free(base);
	return path;
}

struct seed {
	struct publish_seed_stats *stats;
	bool (*should_abort)(void *arg);
	void *arg;
};

/* Copy every entry of the folder src into the folder dst. */
static int
seed_dir(struct seed *s, int src, int dst, int depth)
{
	int fd = dup(src), ret = 0;
	DIR *d = fd < 0 ? NULL : fdopendir(fd);
	struct dirent *e;

	if (!d) {
		if (fd >= 0)
			close(fd);
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
			char target[4096];
			ssize_t n = readlinkat(src, name, target,
			    sizeof target - 1);

			if (n >= 0)
				target[n] = '\0';
			ret = n < 0 ? -1 : symlinkat(target, dst, name);
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

			ret = sub < 0 ? -1 : seed_dir(s, in, sub, depth + 1);
			if (sub >= 0)
				close(sub);
		} else {
			ret = -1;
		}
		close(in);
	}
	closedir(d);
	return ret;
}

int
publish_seed(struct publish *p, struct publish_seed_stats *st,
    bool (*should_abort)(void *arg), void *arg)
{
	struct seed s = { st, should_abort, arg };
	int live, staged, ret = -1, saved;

	*st = (struct publish_seed_stats){ 0, 0 };
	live = openat(p->pfd, p->base, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (live < 0)
		return errno == ENOENT ? 0 : -1;
	staged = openat(p->pfd, p->staged, O_RDONLY | O_DIRECTORY |
	    O_NOFOLLOW | O_CLOEXEC);
	if (staged >= 0)
		ret = seed_dir(&s, live, staged, 0);
	saved = errno;
	close(live);
	if (staged >= 0)
		close(staged);
	errno = saved;
	return ret;
}

/* Switch the staged generation in; keep the old one as old_name. */
static int
exchange(int pfd, const char *staged, const char *name, const char *old_name)
{
	if (renameat2(pfd, staged, pfd, name, RENAME_EXCHANGE) == 0)
		return renameat(pfd, staged, pfd, old_name);
	if (errno == ENOENT)		/* first build: nothing to exchange */
		return renameat(pfd, staged, pfd, name);
	if (errno != EINVAL && errno != ENOSYS)
		return -1;
	/* No RENAME_EXCHANGE here: two renames, a brief gap. */
	if (renameat(pfd, name, pfd, old_name) < 0)
		return -1;
	return renameat(pfd, staged, pfd, name);
}

int
publish_commit(struct publish *p)
{
	struct stat st;

	if (fstatat(p->pfd, p->staged, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return -1;
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return -1;
	}
	if (put_marker(p->pfd, p->staged) < 0 ||
	    put_gitignore(p->pfd, p->staged) < 0)
		return -1;
	fs_remove_tree(p->pfd, p->old);
	return exchange(p->pfd, p->staged, p->base, p->old);
}

/* Make the folder d below live, replacing a file of that name. */
static int
make_dir(int live, const char *d)
{
	struct stat st;

	if (mkdirat(live, d, 0755) == 0)
		return 0;
	if (errno != EEXIST)
		return -1;
	if (fstatat(live, d, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISDIR(st.st_mode))
		return 0;
	if (unlinkat(live, d, 0) < 0)
		return -1;
	return mkdirat(live, d, 0755);
}

/* Move the file from below staged to m below live, replacing a folder of
 * that name. */
static int
move_in(int staged, const char *from, int live, const char *m)
{
	if (renameat(staged, from, live, m) == 0)
		return 0;
	if (errno != EISDIR && errno != ENOTEMPTY && errno != EEXIST)
		return -1;
	if (fs_remove_tree(live, m) < 0)
		return -1;
	return renameat(staged, from, live, m);
}

int
publish_commit_delta(struct publish *p, const struct strlist *moves,
    const struct strlist *removed)
{
	int live, staged, ret = 0, saved;

	live = openat(p->pfd, p->base, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	staged = openat(p->pfd, p->staged, O_RDONLY | O_DIRECTORY |
	    O_NOFOLLOW | O_CLOEXEC);
	if (live < 0 || staged < 0)
		ret = -1;
	for (size_t i = 0; !ret && i < moves->len; i++) {
		const char *m = moves->items[i];
		size_t n = strlen(m);
		char num[32];

		if (n && m[n - 1] == '/') {
			char *d = xstrndup(m, n - 1);

			ret = make_dir(live, d);
			free(d);
		} else {
			snprintf(num, sizeof num, "%zu", i);
			ret = move_in(staged, num, live, m);
		}
	}
	for (size_t i = 0; !ret && i < removed->len; i++) {
		char *r = xstrdup(removed->items[i]);
		size_t n = strlen(r);

		if (n && r[n - 1] == '/')
			r[n - 1] = '\0';
		ret = fs_remove_tree(live, r);
		free(r);
	}
	saved = errno;
	if (live >= 0)
		close(live);
	if (staged >= 0)
		close(staged);
	fs_remove_tree(p->pfd, p->staged);
	errno = saved;
	return ret;
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
