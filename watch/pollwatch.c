/* pollwatch.c - change detection by periodic scans */
#include "pollwatch.h"

#include <stdlib.h>

#include "fsutil.h"
#include "snapshot.h"
#include "xalloc.h"
#include "banned.h"

#define CHANGED_MAX 10000

struct pollwatch {
	char *root;			/* owned */
	struct strlist dirs;
	const struct ignore *ign;	/* not owned */
	bool (*stop)(void *arg);
	void *stop_arg;
	struct snapshot **last;		/* one per folder */
};

static bool
skip(const char *rel, void *arg)
{
	return ignore_match(arg, rel);
}

static struct snapshot *
scan_one(const struct pollwatch *p, const char *dir)
{
	char *abs = fs_join(p->root, dir);
	struct snapshot *s = snapshot_take_tree(abs, dir, skip, (void *)p->ign,
	    p->stop, p->stop_arg);

	free(abs);
	return s;
}

struct pollwatch *
pollwatch_open(const char *root, const struct strlist *dirs,
    const struct ignore *ign, bool (*stop)(void *arg), void *arg)
{
	struct pollwatch *p = xcalloc(1, sizeof *p);

	p->root = xstrdup(root);
	p->ign = ign;
	p->stop = stop;
	p->stop_arg = arg;
	for (size_t i = 0; i < dirs->len; i++)
		strlist_add(&p->dirs, dirs->items[i]);
	p->last = xcalloc(p->dirs.len, sizeof *p->last);
	for (size_t i = 0; i < p->dirs.len; i++)
		p->last[i] = scan_one(p, p->dirs.items[i]);
	return p;
}

size_t
pollwatch_scan(struct pollwatch *p, struct strlist *changed, bool *gitignore)
{
	struct strlist now_changed = STRLIST_INIT;
	size_t n = 0;

	for (size_t i = 0; i < p->dirs.len; i++) {
		struct snapshot *now = scan_one(p, p->dirs.items[i]);

		n += snapshot_diff(p->last[i], now, &now_changed, CHANGED_MAX);
		snapshot_free(p->last[i]);
		p->last[i] = now;
	}
	for (size_t i = 0; i < now_changed.len; i++) {
		strlist_add_unique(changed, now_changed.items[i]);
		if (ignore_is_gitignore(now_changed.items[i]))
			*gitignore = true;
	}
	strlist_clear(&now_changed);
	return n;
}

const char *
pollwatch_problem(const struct pollwatch *p)
{
	for (size_t i = 0; i < p->dirs.len; i++)
		if (snapshot_problem(p->last[i]))
			return snapshot_problem(p->last[i]);
	return NULL;
}

void
pollwatch_free(struct pollwatch *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->dirs.len; i++)
		snapshot_free(p->last[i]);
	free(p->last);
	strlist_clear(&p->dirs);
	free(p->root);
	free(p);
}
