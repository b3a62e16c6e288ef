/* delta.c - the outputs one build changes, and delta staging */
#include "delta.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bug.h"
#include "fsutil.h"
#include "page.h"
#include "search.h"
#include "xalloc.h"
#include "banned.h"

const char *
delta_target(struct delta *d, int dstfd, int *dirfd, const char *name,
    char *buf, size_t len)
{
	*dirfd = dstfd;
	if (!d->delta)
		return name;
	BUG_ON(d->stagefd < 0);	/* a delta build stages flat, there */
	*dirfd = d->stagefd;
	snprintf(buf, len, "%zu", d->written.len);
	return buf;
}

int
delta_stage_dir(struct delta *d, int dstfd, const char *name, int *sub)
{
	*sub = -1;
	if (d->delta)
		return 0;
	if (mkdirat(dstfd, name, 0755) < 0)
		return -1;
	*sub = openat(dstfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	return *sub < 0 ? -1 : 0;
}

int
delta_open_live(struct delta *d, int livefd, const char *name,
    const char *rel)
{
	int fd = livefd < 0 ? -1 : openat(livefd, name,
	    O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

	if (fd < 0 && d->delta) {
		char *dir = xasprintf("%s/", rel);

		strlist_add(&d->written, dir);
		free(dir);
	}
	return fd;
}

void
delta_written(struct delta *d, const char *rel, const char *name)
{
	const char *slash = strrchr(rel, '/');
	char *out = slash ? xasprintf("%.*s/%s", (int)(slash - rel), rel, name)
			  : xstrdup(name);

	strlist_add(&d->written, out);
	free(out);
}

int
delta_stage_bytes(struct delta *d, int livefd, int dstfd, const char *name,
    const char *rel, const char *data, size_t len)
{
	struct page pg = { .html = (char *)data, .len = len };
	const char *target;
	char num[32];
	int dirfd;

	if (delta_reuse(d, livefd, dstfd, name, delta_same_page, &pg))
		return 0;
	target = delta_target(d, dstfd, &dirfd, name, num, sizeof num);
	if (fs_write_new(dirfd, target, data, len) < 0)
		return -1;
	delta_written(d, rel, name);
	return 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sort l in place (it is never looked up with strlist_has()). */
static void
sort(struct strlist *l)
{
	if (l->len > 1)
		qsort(l->items, l->len, sizeof *l->items, cmp_str);
}

/* Is name in the sorted list l? */
static bool
sorted_has(const struct strlist *l, const char *name)
{
	return l->len && bsearch(&name, l->items, l->len, sizeof *l->items,
	    cmp_str);
}

int
delta_reuse(struct delta *d, int livefd, int dstfd, const char *name,
    delta_same_fn *same, const void *arg)
{
	struct stat st;

	if (!same && d->delta && d->live_files)	/* read already */
		return livefd >= 0 && sorted_has(d->live_files, name);
	if (livefd < 0 || fstatat(livefd, name, &st, AT_SYMLINK_NOFOLLOW) < 0
	    || !S_ISREG(st.st_mode) || (same && !same(livefd, name, &st, arg)))
		return 0;
	return d->delta || linkat(livefd, name, dstfd, name, 0) == 0;
}

/* Is a no later than b? */
static bool
ts_le(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec < b->tv_sec ||
	       (a->tv_sec == b->tv_sec && a->tv_nsec <= b->tv_nsec);
}

bool
delta_same_copy(int livefd, const char *name, const struct stat *st,
    const void *arg)
{
	const struct stat *src = arg;

	return st->st_size == src->st_size &&
	       st->st_mtim.tv_sec == src->st_mtim.tv_sec &&
	       st->st_mtim.tv_nsec == src->st_mtim.tv_nsec &&
	       ts_le(&src->st_ctim, &st->st_ctim);
}

bool
delta_same_page(int livefd, const char *name, const struct stat *st,
    const void *arg)
{
	const struct page *pg = arg;
	char *old;
	size_t len;
	bool same;

	if ((size_t)st->st_size != pg->len ||
	    fs_read_file(livefd, name, &old, &len) < 0)
		return false;
	same = len == pg->len && !memcmp(old, pg->html, len);
	free(old);
	return same;
}


void
delta_read_live(int livefd, struct strlist *files, struct strlist *dirs)
{
	int fd = fcntl(livefd, F_DUPFD_CLOEXEC, 0);
	DIR *dir = fd < 0 ? NULL : fdopendir(fd);
	struct dirent *e;
	struct stat st;

	if (!dir) {
		if (fd >= 0)
			close(fd);
		return;
	}
	while ((e = readdir(dir))) {
		if (e->d_name[0] == '.' || !strcmp(e->d_name, SEARCH_DIR))
			continue;
		if (e->d_type == DT_DIR || (e->d_type == DT_UNKNOWN &&
		    !fstatat(livefd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) &&
		    S_ISDIR(st.st_mode)))
			strlist_add(dirs, e->d_name);
		else
			strlist_add(files, e->d_name);
	}
	closedir(dir);
	sort(files);
	sort(dirs);
}

/* Note the entries of live not in names (sorted) as removed. */
static void
note_gone(struct delta *d, const char *rel, const struct strlist *live,
    const struct strlist *names, const char *suffix)
{
	for (size_t i = 0; i < live->len; i++) {
		char *path;

		if (sorted_has(names, live->items[i]))
			continue;
		path = xasprintf("%s%s%s%s", rel, *rel ? "/" : "",
		    live->items[i], suffix);
		strlist_add(&d->removed, path);
		free(path);
	}
}

void
delta_removed(struct delta *d, const char *rel, struct strlist *names,
    const struct strlist *files, const struct strlist *dirs)
{
	sort(names);
	note_gone(d, rel, files, names, "");
	note_gone(d, rel, dirs, names, "/");
}

int
delta_stage_cache(struct delta *d, const char *name)
{
	char num[32];

	if (!d->delta)
		return 0;
	BUG_ON(d->stagefd < 0);
	snprintf(num, sizeof num, "%zu", d->written.len);
	if (renameat(d->stagefd, name, d->stagefd, num) < 0)
		return -1;
	strlist_add(&d->written, name);
	return 0;
}

int
delta_commit(struct delta *d, struct publish *pub)
{
	if (!d->delta)
		return publish_commit(pub);
	return publish_commit_delta(pub, &d->written, &d->removed);
}

void
delta_outputs(const struct delta *d, struct strlist *outputs)
{
	for (size_t i = 0; i < d->written.len; i++) {
		const char *w = d->written.items[i];

		if (w[0] != '.' && w[strlen(w) - 1] != '/')
			strlist_add(outputs, w);
	}
	for (size_t i = 0; i < d->removed.len; i++) {
		const char *r = d->removed.items[i];

		strlist_add(outputs, r[strlen(r) - 1] == '/' ? "*" : r);
	}
}

void
delta_release(struct delta *d)
{
	strlist_clear(&d->written);
	strlist_clear(&d->removed);
}
