/* searchearly.c - the p files a full build of a fresh index writes as
 * soon as their pages are in (search.h, search_begin()) */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "delta.h"
#include "fsutil.h"
#include "page.h"
#include "search.h"
#include "search_int.h"
#include "strlist.h"
#include "banned.h"

/* Make (or open) the staged SEARCH_PATH of the early p files; 0, or -1
 * with the failure kept. Under s->lock. */
static int
early_dir(struct search *s)
{
	int top = -1;

	if (s->early.dir >= 0)
		return 0;
	if (s->early.err)
		return -1;
	if ((mkdirat(s->early.d->stagefd, SEARCH_DIR, 0755) < 0 &&
	    errno != EEXIST) || (top = openat(s->early.d->stagefd,
	    SEARCH_DIR, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0 ||
	    (mkdirat(top, "search", 0755) < 0 && errno != EEXIST) ||
	    (s->early.dir = openat(top, "search", O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC)) < 0) {
		s->early.err = errno;
		snprintf(s->early.msg, sizeof s->early.msg, "cannot create "
		    "'%s': %s", SEARCH_PATH, strerror(errno));
	}
	if (top >= 0)
		close(top);
	if (s->early.err)
		return -1;
	if (s->out)
		s->early.live = openat(AT_FDCWD, s->out, O_RDONLY |
		    O_DIRECTORY | O_CLOEXEC);
	if (s->early.live >= 0) {
		int live = openat(s->early.live, SEARCH_PATH, O_RDONLY |
		    O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

		close(s->early.live);
		s->early.live = live;
	}
	return 0;
}

void
search_flush(struct search *s, size_t c, const struct buf *b)
{
	char name[32];
	int dir, err = 0;
	bool wrote = false;

	snprintf(name, sizeof name, "-%zu.json", c);
	pthread_mutex_lock(&s->lock);
	dir = early_dir(s) < 0 ? -1 : s->early.dir;
	pthread_mutex_unlock(&s->lock);
	if (dir < 0)
		return;
	if (!delta_reuse(s->early.d, s->early.live, dir, name, delta_same_page,
	    &(struct page){ .html = b->p, .len = b->len })) {
		if (fs_write_new(dir, name, b->p, b->len) < 0)
			err = errno;
		wrote = true;
	}
	pthread_mutex_lock(&s->lock);
	if (err && !s->early.err) {
		s->early.err = err;
		snprintf(s->early.msg, sizeof s->early.msg, "cannot write "
		    "'%s/%s': %s", SEARCH_PATH, name, strerror(err));
	} else if (wrote && !err) {
		strlist_add(&s->early.names, name);
	}
	pthread_mutex_unlock(&s->lock);
}

void
search_early_end(struct search *s, bool ok)
{
	for (size_t i = 0; ok && i < s->early.names.len; i++) {
		const char *name = s->early.names.items[i];

		if (s->early.done[strtoul(name + 1, NULL, 10)])
			delta_written(s->early.d, SEARCH_PATH "/x", name);
	}
	strlist_clear(&s->early.names);
	if (s->early.dir >= 0)
		close(s->early.dir);
	if (s->early.live >= 0)
		close(s->early.live);
	s->early.dir = s->early.live = -1;
	s->early.err = 0;
	s->early.on = false;
	s->early.d = NULL;
	if (s->early.done)
		memset(s->early.done, 0, s->n_chunks);
	if (s->early.got)
		memset(s->early.got, 0, s->n_chunks);
}

void
search_begin(struct search *s, struct delta *d)
{
	search_early_end(s, false);
	if (d->delta || s->n_ids || d->stagefd < 0)
		return;
	s->early.on = true;
	s->early.d = d;
}
