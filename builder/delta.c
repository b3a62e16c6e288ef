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

#include "fsutil.h"
#include "page.h"
#include "xalloc.h"

const char *
delta_target(struct delta *d, int dstfd, int *dirfd, const char *name,
    char *buf, size_t len)
{
	*dirfd = dstfd;
	if (!d->delta)
		return name;
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
delta_reuse(struct delta *d, int livefd, int dstfd, const char *name,
    delta_same_fn *same, const void *arg)
{
	struct stat st;

	if (livefd < 0 || fstatat(livefd, name, &st, AT_SYMLINK_NOFOLLOW) < 0
	    || !S_ISREG(st.st_mode) || (same && !same(livefd, name, &st, arg)))
		return 0;
	return d->delta || linkat(livefd, name, dstfd, name, 0) == 0;
}

bool
delta_same_copy(int livefd, const char *name, const struct stat *st,
    const void *arg)
{
	const struct stat *src = arg;

	return st->st_size == src->st_size &&
	       st->st_mtim.tv_sec == src->st_mtim.tv_sec &&
	       st->st_mtim.tv_nsec == src->st_mtim.tv_nsec;
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

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
delta_removed(struct delta *d, int livefd, const char *rel,
    struct strlist *names)
{
	int fd = fcntl(livefd, F_DUPFD_CLOEXEC, 0);
	DIR *dir = fd < 0 ? NULL : fdopendir(fd);
	struct dirent *e;
	const char *key;

	if (!dir) {
		if (fd >= 0)
			close(fd);
		return;
	}
	qsort(names->items, names->len, sizeof *names->items, cmp_str);
	while ((e = readdir(dir))) {
		struct stat st;
		bool isdir;
		char *path;

		key = e->d_name;
		if (key[0] == '.' || bsearch(&key, names->items, names->len,
		    sizeof *names->items, cmp_str))
			continue;
		isdir = e->d_type == DT_DIR || (e->d_type == DT_UNKNOWN &&
		    !fstatat(livefd, key, &st, AT_SYMLINK_NOFOLLOW) &&
		    S_ISDIR(st.st_mode));
		path = xasprintf("%s%s%s%s", rel, *rel ? "/" : "", key,
		    isdir ? "/" : "");
		strlist_add(&d->removed, path);
		free(path);
	}
	closedir(dir);
}

int
delta_stage_cache(struct delta *d, const char *name)
{
	char num[32];

	if (!d->delta)
		return 0;
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
