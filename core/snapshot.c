/* snapshot.c - listing an output folder and comparing two listings */
#include "snapshot.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "walk.h"
#include "xalloc.h"
#include "banned.h"

struct file {
	char *path;		/* owned, relative */
	long long size;
	long long mtime_ns;
	long long ctime_ns;	/* a write that keeps size and mtime (cp -p,
				   tar) still changes it */
	unsigned long long ino;
};

struct snapshot {
	struct file *v;		/* owned, sorted by path */
	size_t n, cap;
	char *problem;		/* owned; the first problem met, or NULL */
};

static void
add(struct snapshot *s, const char *path, const struct stat *st)
{
	if (s->n == s->cap)
		s->v = xrealloc(s->v, (s->cap = s->cap ? 2 * s->cap : 64) *
		    sizeof *s->v);
	s->v[s->n++] = (struct file){ xstrdup(path), (long long)st->st_size,
		(long long)st->st_mtim.tv_sec * 1000000000LL +
		    st->st_mtim.tv_nsec,
		(long long)st->st_ctim.tv_sec * 1000000000LL +
		    st->st_ctim.tv_nsec, (unsigned long long)st->st_ino };
}

struct taking {
	struct snapshot *s;
	bool (*skip)(const char *rel, void *arg);	/* NULL: dotfiles */
	void *skip_arg;
	bool (*stop)(void *arg);
	void *stop_arg;
};

static bool
skipped(const char *rel, const char *name, void *arg)
{
	const struct taking *tk = arg;

	return tk->skip ? tk->skip(rel, tk->skip_arg) : name[0] == '.';
}

static enum walk_action
visit(const struct walk_entry *e, void *arg)
{
	const struct taking *tk = arg;

	if (e->type == WALK_FILE)
		add(tk->s, e->rel, e->st);
	return WALK_NEXT;
}

static void
problem(const char *rel, enum walk_problem what, int err, void *arg)
{
	struct snapshot *s = ((struct taking *)arg)->s;

	if (!s->problem)
		s->problem = err ? xasprintf("'%s': %s: %s", rel,
		    walk_problem_str(what), strerror(err))
				 : xasprintf("'%s': %s", rel,
		    walk_problem_str(what));
}

static bool
stop(void *arg)
{
	const struct taking *tk = arg;

	return tk->stop && tk->stop(tk->stop_arg);
}

static int
by_path(const void *a, const void *b)
{
	return strcmp(((const struct file *)a)->path,
	    ((const struct file *)b)->path);
}

struct snapshot *
snapshot_take_tree(const char *path, const char *prefix,
    bool (*skip)(const char *rel, void *arg), void *arg,
    bool (*stop_fn)(void *arg), void *stop_arg)
{
	struct snapshot *s = xcalloc(1, sizeof *s);
	struct taking tk = { s, skip, arg, stop_fn, stop_arg };
	struct walk_ops ops = { .skip = skipped, .visit = visit,
		.problem = problem, .stop = stop, .arg = &tk,
		.flags = WALK_FOLLOW | WALK_STAT };

	if (walk_tree(path, prefix, &ops) > 0) {
		snapshot_free(s);
		return NULL;
	}
	if (s->n)
		qsort(s->v, s->n, sizeof *s->v, by_path);
	return s;
}

struct snapshot *
snapshot_take(const char *path, bool (*stop_fn)(void *arg), void *arg)
{
	return snapshot_take_tree(path, "", NULL, NULL, stop_fn, arg);
}

const char *
snapshot_problem(const struct snapshot *s)
{
	return s ? s->problem : NULL;
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
	       x->ctime_ns == y->ctime_ns && x->ino == y->ino;
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
	free(s->problem);
	free(s);
}
