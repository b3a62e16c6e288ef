/* pubdelta.c - the delta commit: changed files renamed into the live output
 * (publish.h, publish.c) */
#include "publish.h"

#include <errno.h>
#include <fcntl.h>
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

/* Make the folder d below live, replacing a file of that name (then
 * *touched is set). */
static int
make_dir(int live, const char *d, bool *touched)
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
	*touched = true;
	return mkdirat(live, d, 0755);
}

/* Move the file from below staged to m below live, replacing a folder of
 * that name (then *touched is set). */
static int
move_in(int staged, const char *from, int live, const char *m,
    bool *touched)
{
	if (renameat(staged, from, live, m) == 0)
		return 0;
	if (errno != EISDIR && errno != ENOTEMPTY && errno != EEXIST)
		return -1;
	*touched = true;
	if (fs_remove_tree(live, m) < 0)
		return -1;
	return renameat(staged, from, live, m);
}

/* One delta commit: its folders, its lists, what it has done. */
struct delta_commit {
	struct publish *p;
	int live, staged;
	const struct strlist *moves, *removed;
	struct strlist made;	/* new folders made before the first move */
	struct strlist later;	/* new folders a file is in the way of */
	bool applying;		/* the moves have begun */
	bool touched;		/* the live output has changed */
};

/*
 * Is rel (a move or a removal; "d/" for a folder) a path below the output:
 * not empty nor absolute, no empty, "." or ".." segment? The walk makes
 * them so (site/delta.h): anything else is a bug, which would rename or
 * remove outside the output folder.
 */
static bool
below_output(const char *rel)
{
	size_t n = strlen(rel);
	const char *seg = rel, *end, *stop;
	size_t len;

	if (n && rel[n - 1] == '/')
		n--;
	stop = rel + n;
	if (!n)
		return false;
	for (;;) {
		end = memchr(seg, '/', (size_t)(stop - seg));
		len = (size_t)((end ? end : stop) - seg);
		if (!len || (len <= 2 && !strncmp(seg, "..", len)))
			return false;
		if (!end)
			return true;
		seg = end + 1;
	}
}

/* Say that the commit failed at rel (below the output) with errno. */
static int
delta_failed(struct delta_commit *c, const char *what, const char *rel)
{
	int saved = errno;
	char *path = fs_join(c->p->out, rel);

	c->p->partial = c->applying && (c->touched || c->made.len);
	publish_say(c->p, "cannot publish '%s': %s%s (%s)", path, what,
	    strerror(saved), c->p->partial ? "the output is now partly "
	    "updated; the next build rebuilds it all" : "the last good build "
	    "is still live");
	free(path);
	errno = saved;
	return -1;
}

/* Is rel (a path below the output, no trailing '/') below a new folder
 * that cannot be made before the moves? */
static bool
below_later(const struct delta_commit *c, const char *rel)
{
	for (size_t i = 0; i < c->later.len; i++) {
		size_t n = strlen(c->later.items[i]);

		if (!strncmp(rel, c->later.items[i], n) && rel[n] == '/')
			return true;
	}
	return false;
}

/*
 * Can the entry rel (no trailing '/') be added to or removed from its
 * folder in the live output? *last caches the folder checked last. 0, or
 * -1 with errno: EPERM for an immutable folder, EROFS, EACCES.
 */
static int
folder_writable(struct delta_commit *c, const char *rel, char **last)
{
	const char *slash = strrchr(rel, '/');
	char *dir = slash ? xstrndup(rel, (size_t)(slash - rel))
			  : xstrdup(".");
	int r = 0;

	if (!*last || strcmp(*last, dir)) {
		r = faccessat(c->live, dir, W_OK | X_OK, AT_EACCESS);
		free(*last);
		*last = dir;
	} else {
		free(dir);
	}
	return r;
}

/* Make the new folder d (no trailing '/') before the moves, if no file is in
 * its way (then it is made by the moves). */
static int
premake(struct delta_commit *c, const char *d)
{
	struct stat st;

	if (mkdirat(c->live, d, 0755) == 0) {
		strlist_add(&c->made, d);
		return 0;
	}
	if (errno != EEXIST ||
	    fstatat(c->live, d, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return -1;
	if (!S_ISDIR(st.st_mode))
		strlist_add(&c->later, d);
	return 0;
}

/* Do all that can fail before the first rename (publish.h). */
static int
delta_prepare(struct delta_commit *c)
{
	char *last = NULL, num[32], *d;
	struct stat st;
	int r = 0;

	for (size_t i = 0; !r && i < c->moves->len; i++) {
		const char *m = c->moves->items[i];
		size_t n = strlen(m);

		BUG_ON(!below_output(m));
		d = xstrndup(m, m[n - 1] == '/' ? n - 1 : n);
		if (below_later(c, d)) {	/* made by the moves */
			if (m[n - 1] == '/')
				strlist_add(&c->later, d);
		} else if (folder_writable(c, d, &last) < 0) {
			r = delta_failed(c, "cannot write its folder: ", m);
		} else if (m[n - 1] == '/') {
			if (premake(c, d) < 0)
				r = delta_failed(c, "cannot make it: ", m);
		} else {
			snprintf(num, sizeof num, "%zu", i);
			if (fstatat(c->staged, num, &st,
			    AT_SYMLINK_NOFOLLOW) < 0)
				r = delta_failed(c, "its staged file is "
				    "gone: ", m);
		}
		free(d);
	}
	for (size_t i = 0; !r && i < c->removed->len; i++) {
		const char *m = c->removed->items[i];
		size_t n = strlen(m);

		BUG_ON(!below_output(m));
		d = xstrndup(m, m[n - 1] == '/' ? n - 1 : n);
		if (folder_writable(c, d, &last) < 0)
			r = delta_failed(c, "cannot write its folder: ", m);
		free(d);
	}
	free(last);
	return r;
}

/* Make the moves and the removals into the live output. */
static int
delta_apply(struct delta_commit *c)
{
	char num[32], *d;
	int r;

	c->applying = true;
	for (size_t i = 0; i < c->moves->len; i++) {
		const char *m = c->moves->items[i];
		size_t n = strlen(m);

		if (m[n - 1] == '/') {
			d = xstrndup(m, n - 1);
			r = strlist_has(&c->made, d) ? 0 :
			    make_dir(c->live, d, &c->touched);
			free(d);
		} else {
			snprintf(num, sizeof num, "%zu", i);
			r = move_in(c->staged, num, c->live, m, &c->touched);
		}
		if (r < 0)
			return delta_failed(c, "", m);
		c->touched = true;
	}
	for (size_t i = 0; i < c->removed->len; i++) {
		const char *m = c->removed->items[i];
		size_t n = strlen(m);

		d = xstrndup(m, m[n - 1] == '/' ? n - 1 : n);
		r = fs_remove_tree(c->live, d);
		free(d);
		if (r < 0)
			return delta_failed(c, "cannot remove it: ", m);
		c->touched = true;
	}
	return 0;
}

int
publish_commit_delta(struct publish *p, const struct strlist *moves,
    const struct strlist *removed)
{
	struct delta_commit c = { .p = p, .moves = moves, .removed = removed,
		.made = STRLIST_INIT, .later = STRLIST_INIT };
	int ret, saved;

	BUG_ON(p->pfd < 0);	/* not open */
	free(p->msg);
	p->msg = NULL;
	p->partial = false;
	c.live = openat(p->pfd, p->base, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	c.staged = openat(p->pfd, p->staged, O_RDONLY | O_DIRECTORY |
	    O_NOFOLLOW | O_CLOEXEC);
	if (c.live < 0 || c.staged < 0) {
		saved = errno;
		publish_say(p, "cannot publish '%s': cannot open '%s': %s "
		    "(the last good build is still live)", p->out,
		    c.live < 0 ? p->out : p->staged, strerror(saved));
		errno = saved;
		ret = -1;
	} else if ((ret = delta_prepare(&c)) < 0) {
		saved = errno;	/* take back the folders made */
		for (size_t i = c.made.len; i-- > 0;)
			unlinkat(c.live, c.made.items[i], AT_REMOVEDIR);
		errno = saved;
	} else {
		ret = delta_apply(&c);
	}
	saved = errno;
	if (c.live >= 0)
		close(c.live);
	if (c.staged >= 0)
		close(c.staged);
	fs_remove_tree(p->pfd, p->staged);
	strlist_clear(&c.made);
	strlist_clear(&c.later);
	errno = saved;
	return ret;
}
