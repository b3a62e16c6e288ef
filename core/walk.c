/* walk.c - a cycle-safe, stoppable folder walk */
#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fsutil.h"
#include "xalloc.h"
#include "banned.h"

/* The folders entered, as a set of (device, inode): open addressing. */
struct seen {
	struct seen_slot {
		dev_t dev;
		ino_t ino;
		bool used;
	} *v;			/* owned; cap slots, a power of two */
	size_t cap, len;	/* 2 * len <= cap */
};

/* A symlinked folder put off by WALK_LINKS_LAST. */
struct later {
	char *rel;		/* owned: its entry's rel */
	int depth;
};

struct walk {
	const struct walk_ops *ops;
	struct seen seen;
	int max_depth;
	unsigned long count;	/* entries so far, for the stop() polls */
	bool stopped;
	int rootfd;		/* the root, for the links put off */
	size_t prefix_len;	/* chars of a rel before its path in root */
	struct later *later;	/* owned: nlater links put off, in order */
	size_t nlater, later_cap;
};

static size_t
seen_slot(const struct seen *s, dev_t dev, ino_t ino)
{
	uint64_t h = ((uint64_t)dev * 0x9e3779b97f4a7c15ULL) ^ (uint64_t)ino;

	h *= 0xff51afd7ed558ccdULL;
	return (size_t)(h ^ (h >> 32)) & (s->cap - 1);
}

/* Add (dev, ino) if add; false if it was there already. */
static bool
seen_add(struct seen *s, dev_t dev, ino_t ino, bool add)
{
	size_t i;

	if (2 * (s->len + 1) > s->cap) {
		struct seen grown = { NULL, s->cap ? 2 * s->cap : 64, 0 };

		grown.v = xcalloc(grown.cap, sizeof *grown.v);
		for (i = 0; i < s->cap; i++)
			if (s->v[i].used)
				seen_add(&grown, s->v[i].dev, s->v[i].ino,
				    true);
		free(s->v);
		*s = grown;
	}
	for (i = seen_slot(s, dev, ino); s->v[i].used;
	    i = (i + 1) & (s->cap - 1))
		if (s->v[i].dev == dev && s->v[i].ino == ino)
			return false;
	if (add) {
		s->v[i] = (struct seen_slot){ dev, ino, true };
		s->len++;
	}
	return true;
}

static void
problem(struct walk *w, const char *rel, enum walk_problem what, int err)
{
	if (w->ops->problem)
		w->ops->problem(rel, what, err, w->ops->arg);
}

/* Poll stop() every WALK_STOP_EVERY entries; true once stopped. */
static bool
should_stop(struct walk *w)
{
	if (!w->stopped && w->ops->stop && w->count++ % WALK_STOP_EVERY == 0)
		w->stopped = w->ops->stop(w->ops->arg);
	return w->stopped;
}

static enum walk_type
type_of(mode_t mode)
{
	return S_ISREG(mode) ? WALK_FILE : S_ISDIR(mode) ? WALK_DIR : WALK_OTHER;
}

static void walk_dir(struct walk *w, int fd, const char *rel, int depth);

/*
 * Stat the entry e (its link target when following); sets st, type and
 * link. A dangling link stays a link (WALK_OTHER). False if it is gone.
 */
static bool
stat_entry(struct walk_entry *e, struct stat *st, bool follow)
{
	struct stat target;

	if (fstatat(e->dirfd, e->name, st, AT_SYMLINK_NOFOLLOW) < 0)
		return false;
	e->link = S_ISLNK(st->st_mode);
	if (e->link && follow && fstatat(e->dirfd, e->name, &target, 0) == 0)
		*st = target;
	e->st = st;
	e->type = type_of(st->st_mode);
	return true;
}

/*
 * Visit the entry e, whose type is known (st: room for its stat), and walk
 * it if it is a folder.
 */
static void
enter(struct walk *w, struct walk_entry *e, struct stat *st)
{
	const struct walk_ops *ops = w->ops;
	bool follow = ops->flags & WALK_FOLLOW;
	enum walk_action act = WALK_NEXT;
	struct stat dst;

	if (e->type == WALK_DIR) {

		if (e->depth > w->max_depth) {
			problem(w, e->rel, WALK_TOO_DEEP, 0);
			return;
		}
		e->fd = openat(e->dirfd, e->name, O_RDONLY | O_DIRECTORY |
		    O_CLOEXEC | (follow ? 0 : O_NOFOLLOW));
		if (e->fd < 0 || fstat(e->fd, &dst) < 0) {
			if (errno != ENOENT)
				problem(w, e->rel, WALK_UNREADABLE, errno);
			if (e->fd >= 0)
				close(e->fd);
			return;
		}
		if (!seen_add(&w->seen, dst.st_dev, dst.st_ino, false)) {
			problem(w, e->rel, WALK_LOOP, 0);
			close(e->fd);
			return;
		}
		if (!e->st) {
			*st = dst;
			e->st = st;
		}
	}
	if (ops->visit)
		act = ops->visit(e, ops->arg);
	if (act == WALK_STOP)
		w->stopped = true;
	if (e->type != WALK_DIR)
		return;
	if (act == WALK_NEXT) {
		seen_add(&w->seen, dst.st_dev, dst.st_ino, true);
		walk_dir(w, e->fd, e->rel, e->depth);	/* closes e->fd */
		e->fd = -1;
		if (ops->leave)
			ops->leave(e, ops->arg);
	} else {
		close(e->fd);
	}
}

/* Put off the symlinked folder rel (WALK_LINKS_LAST). */
static void
put_off(struct walk *w, const char *rel, int depth)
{
	if (w->nlater == w->later_cap) {
		w->later_cap = w->later_cap ? 2 * w->later_cap : 16;
		w->later = xrealloc(w->later, w->later_cap * sizeof *w->later);
	}
	w->later[w->nlater++] = (struct later){ xstrdup(rel), depth };
}

/*
 * One entry of the folder d. Finds its type with as few system calls as
 * d_type allows, then visits it (and walks it if it is a folder).
 */
static void
walk_entry(struct walk *w, DIR *d, const struct dirent *de, const char *rel,
    int depth)
{
	const struct walk_ops *ops = w->ops;
	bool follow = ops->flags & WALK_FOLLOW;
	struct walk_entry e = { rel, de->d_name, dirfd(d), -1, WALK_OTHER,
		de->d_type == DT_LNK, NULL, depth };
	struct stat st;

	if (de->d_type == DT_REG)
		e.type = WALK_FILE;
	else if (de->d_type == DT_DIR)
		e.type = WALK_DIR;
	if ((ops->flags & WALK_STAT || de->d_type == DT_UNKNOWN ||
	    (e.link && follow)) && !stat_entry(&e, &st, follow))
		return;		/* gone meanwhile */
	if (e.type == WALK_DIR && e.link && follow &&
	    ops->flags & WALK_LINKS_LAST)
		put_off(w, rel, depth);
	else
		enter(w, &e, &st);
}

/* Walk the links put off, in order (walking them may put off more). */
static void
walk_later(struct walk *w)
{
	for (size_t i = 0; i < w->nlater && !should_stop(w); i++) {
		const char *rel = w->later[i].rel, *below = rel + w->prefix_len;
		const char *slash = strrchr(below, '/');
		char *parent = slash ? xstrndup(below, slash - below) : NULL;
		struct walk_entry e = { rel, slash ? slash + 1 : below,
			w->rootfd, -1, WALK_OTHER, true, NULL,
			w->later[i].depth };
		struct stat st;

		if (parent)
			e.dirfd = openat(w->rootfd, parent, O_RDONLY |
			    O_DIRECTORY | O_CLOEXEC);
		/* Gone or changed meanwhile: nothing to walk. */
		if (e.dirfd >= 0 && stat_entry(&e, &st, true) &&
		    e.type == WALK_DIR)
			enter(w, &e, &st);
		if (parent && e.dirfd >= 0)
			close(e.dirfd);
		free(parent);
	}
	for (size_t i = 0; i < w->nlater; i++)
		free(w->later[i].rel);
	free(w->later);
}

/* Walk the folder open as fd (closed here), whose path is rel. */
static void
walk_dir(struct walk *w, int fd, const char *rel, int depth)
{
	DIR *d = fdopendir(fd);
	struct dirent *de;

	if (!d) {
		problem(w, rel, WALK_UNREADABLE, errno);
		close(fd);
		return;
	}
	while (!should_stop(w) && (errno = 0, de = readdir(d))) {
		char *path;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		path = fs_join(rel, de->d_name);
		if (!w->ops->skip || !w->ops->skip(path, de->d_name,
		    w->ops->arg))
			walk_entry(w, d, de, path, depth + 1);
		free(path);
	}
	if (!de && errno && !w->stopped)
		problem(w, rel, WALK_UNREADABLE, errno);
	closedir(d);
}

int
walk_tree_fd(int fd, const char *prefix, const struct walk_ops *ops)
{
	struct walk w = { ops, { NULL, 0, 0 }, ops->max_depth > 0 ?
		ops->max_depth : WALK_MAX_DEPTH, 0, false, fd,
		*prefix ? strlen(prefix) + 1 : 0, NULL, 0, 0 };
	struct stat st;
	int own = openat(fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (own < 0)
		return -1;
	if (fstat(own, &st) < 0) {
		int saved = errno;

		close(own);
		errno = saved;
		return -1;
	}
	seen_add(&w.seen, st.st_dev, st.st_ino, true);
	walk_dir(&w, own, prefix, 0);
	walk_later(&w);
	free(w.seen.v);
	return w.stopped ? 1 : 0;
}

int
walk_tree(const char *path, const char *prefix, const struct walk_ops *ops)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC), r, saved;

	if (fd < 0)
		return -1;
	r = walk_tree_fd(fd, prefix, ops);
	saved = errno;
	close(fd);
	errno = saved;
	return r;
}

const char *
walk_problem_str(enum walk_problem what)
{
	switch (what) {
	case WALK_LOOP: return "a symlink loop (a folder reached twice)";
	case WALK_TOO_DEEP: return "too deep";
	case WALK_UNREADABLE: return "cannot read it";
	}
	return "?";
}
