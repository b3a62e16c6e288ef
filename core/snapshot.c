/* snapshot.c - listing an output folder and comparing two listings */
#include "snapshot.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsutil.h"
#include "xalloc.h"

#define MAX_DEPTH 64

struct file {
	char *path;		/* owned, relative */
	long long size;
	long long mtime_ns;
	unsigned long long ino;
};

struct snapshot {
	struct file *v;		/* owned, sorted by path */
	size_t n, cap;
};

static void
add(struct snapshot *s, const char *path, const struct stat *st)
{
	if (s->n == s->cap)
		s->v = xrealloc(s->v, (s->cap = s->cap ? 2 * s->cap : 64) *
		    sizeof *s->v);
	s->v[s->n++] = (struct file){ xstrdup(path), (long long)st->st_size,
		(long long)st->st_mtim.tv_sec * 1000000000LL +
		    st->st_mtim.tv_nsec, (unsigned long long)st->st_ino };
}

struct walker {
	bool (*skip)(const char *rel, void *arg);	/* NULL: dotfiles */
	void *arg;
};

static bool
skipped(const struct walker *wk, const char *name, const char *path)
{
	return wk->skip ? wk->skip(path, wk->arg) : name[0] == '.';
}

/* Walk the folder open as fd (closed here), whose path is rel. */
static void
walk(struct snapshot *s, const struct walker *wk, int fd, const char *rel,
    int depth)
{
	DIR *d = fdopendir(fd);
	struct dirent *e;

	if (!d) {
		close(fd);
		return;
	}
	while ((e = readdir(d))) {
		struct stat st;
		char *path;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		path = fs_join(rel, e->d_name);
		if (skipped(wk, e->d_name, path) ||
		    fstatat(dirfd(d), e->d_name, &st, 0) < 0) {
			free(path);
			continue;
		}
		if (S_ISREG(st.st_mode))
			add(s, path, &st);
		else if (S_ISDIR(st.st_mode) && depth < MAX_DEPTH)
			walk(s, wk, openat(dirfd(d), e->d_name,
			    O_RDONLY | O_DIRECTORY | O_CLOEXEC), path, depth + 1);
		free(path);
	}
	closedir(d);
}

static int
by_path(const void *a, const void *b)
{
	return strcmp(((const struct file *)a)->path,
	    ((const struct file *)b)->path);
}

struct snapshot *
snapshot_take_tree(const char *path, const char *prefix,
    bool (*skip)(const char *rel, void *arg), void *arg)
{
	struct snapshot *s = xcalloc(1, sizeof *s);
	struct walker wk = { skip, arg };
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0)
		walk(s, &wk, fd, prefix, 0);
	if (s->n)
		qsort(s->v, s->n, sizeof *s->v, by_path);
	return s;
}

struct snapshot *
snapshot_take(const char *path)
{
	return snapshot_take_tree(path, "", NULL, NULL);
}

size_t
snapshot_count(const struct snapshot *s)
{
	return s ? s->n : 0;
}

static bool
same_file(const struct file *x, const struct file *y)
{
	return x->size == y->size && x->mtime_ns == y->mtime_ns &&
	       x->ino == y->ino;
}

size_t
snapshot_diff(const struct snapshot *a, const struct snapshot *b,
    struct strlist *changed, size_t max)
{
	size_t i = 0, j = 0, na = snapshot_count(a), nb = snapshot_count(b);
	size_t count = 0;

	while (i < na || j < nb) {
		int c = i == na ? 1 : j == nb ? -1
				 : strcmp(a->v[i].path, b->v[j].path);
		const char *path = c < 0 ? a->v[i].path : b->v[j].path;
		bool differs = c != 0 || !same_file(&a->v[i], &b->v[j]);

		if (differs && count++ < max)
			strlist_add(changed, path);
		i += c <= 0;
		j += c >= 0;
	}
	return count;
}

void
snapshot_free(struct snapshot *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i].path);
	free(s->v);
	free(s);
}
