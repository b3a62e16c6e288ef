/* filewatch.c - single files, watched through their folder */
#include "filewatch.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <inotifytools/inotify.h>	/* inotify-tools: the raw inotify API */
#include <sys/stat.h>
#include <unistd.h>

#include "fsutil.h"
#include "xalloc.h"
#include "banned.h"

#define DIR_MASK                                                              \
	(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE |          \
	    IN_DELETE | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF |          \
	    IN_ONLYDIR | IN_EXCL_UNLINK)

/* What a stat tells of a file: a change in any field is a change. */
struct sig {
	bool exists;
	dev_t dev;
	ino_t ino;
	off_t size;
	struct timespec mtime, ctime;
	mode_t mode;
};

struct wfile {
	char *path;		/* owned, absolute */
	char *dir;		/* owned: its folder */
	const char *name;	/* into path: its name */
	int wd;			/* its folder's watch, or -1: polled */
	struct sig sig;		/* at the last poll */
};

struct filewatch {
	int fd;			/* inotify, or -1 when polling everything */
	int poll_ms;		/* --poll, or 0 */
	struct wfile *files;	/* owned */
	size_t n;
	int64_t next_poll;
};

static struct sig
sig_of(const char *path)
{
	struct stat st;
	struct sig s = { 0 };

	if (stat(path, &st) < 0)
		return s;
	s = (struct sig){ true, st.st_dev, st.st_ino, st.st_size, st.st_mtim,
		st.st_ctim, st.st_mode };
	return s;
}

static bool
sig_same(const struct sig *a, const struct sig *b)
{
	if (a->exists != b->exists)
		return false;
	return !a->exists || (a->dev == b->dev && a->ino == b->ino &&
	    a->size == b->size && a->mode == b->mode &&
	    a->mtime.tv_sec == b->mtime.tv_sec &&
	    a->mtime.tv_nsec == b->mtime.tv_nsec &&
	    a->ctime.tv_sec == b->ctime.tv_sec &&
	    a->ctime.tv_nsec == b->ctime.tv_nsec);
}

/* Any file still polled (its folder not watched)? */
static bool
any_polled(const struct filewatch *f)
{
	for (size_t i = 0; i < f->n; i++)
		if (f->files[i].wd < 0)
			return true;
	return false;
}

/* Watch the folder of file i if it is not; true if it is watched now. */
static bool
watch_dir(struct filewatch *f, size_t i)
{
	struct wfile *w = &f->files[i];

	if (f->fd < 0)
		return false;
	if (w->wd < 0)
		w->wd = inotify_add_watch(f->fd, w->dir, DIR_MASK);
	return w->wd >= 0;
}

struct filewatch *
filewatch_open(const struct strlist *paths, int poll_ms)
{
	struct filewatch *f = xcalloc(1, sizeof *f);

	f->poll_ms = poll_ms;
	f->fd = poll_ms ? -1 : inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	f->files = xcalloc(paths->len ? paths->len : 1, sizeof *f->files);
	for (size_t i = 0; i < paths->len; i++) {
		struct wfile *w = &f->files[f->n++];
		const char *slash = strrchr(paths->items[i], '/');

		w->path = xstrdup(paths->items[i]);
		w->name = w->path + (slash ? slash - paths->items[i] + 1 : 0);
		w->dir = slash && slash != paths->items[i]
			     ? xstrndup(paths->items[i],
				   (size_t)(slash - paths->items[i]))
			     : xstrdup("/");
		w->wd = -1;
		watch_dir(f, i);
		w->sig = sig_of(w->path);
	}
	f->next_poll = fs_now_ms() + (poll_ms ? poll_ms : FILEWATCH_POLL_MS);
	return f;
}

int
filewatch_fd(const struct filewatch *f)
{
	return f->fd;
}

int64_t
filewatch_due(const struct filewatch *f)
{
	return f->fd < 0 || any_polled(f) ? f->next_poll : -1;
}

/* The folder behind wd went away or is no longer watched: poll its files
 * until it can be watched again. */
static void
dir_lost(struct filewatch *f, int wd)
{
	for (size_t i = 0; i < f->n; i++)
		if (f->files[i].wd == wd)
			f->files[i].wd = -1;
}

/* One event: the files it names are added to changed; how many. */
static int
handle_event(struct filewatch *f, const struct inotify_event *ev,
    struct strlist *changed)
{
	int n = 0;

	if (ev->mask & IN_Q_OVERFLOW) {	/* events lost: all may have changed */
		for (size_t i = 0; i < f->n; i++)
			n += strlist_add_unique(changed, f->files[i].path);
		return n;
	}
	if (ev->mask & IN_IGNORED) {	/* the folder went away */
		dir_lost(f, ev->wd);
		return 0;
	}
	if (ev->mask & IN_MOVE_SELF) {	/* the watch would follow it */
		inotify_rm_watch(f->fd, ev->wd);	/* IN_IGNORED next */
		return 0;
	}
	if (!ev->len)
		return 0;
	for (size_t i = 0; i < f->n; i++) {
		struct wfile *w = &f->files[i];

		if (w->wd == ev->wd && !strcmp(w->name, ev->name)) {
			w->sig = sig_of(w->path);
			n += strlist_add_unique(changed, w->path);
		}
	}
	return n;
}

/* Read every pending event; how many files changed. */
static int
read_events(struct filewatch *f, struct strlist *changed)
{
	char buf[16 * 1024]
	    __attribute__((aligned(__alignof__(struct inotify_event))));
	int count = 0;

	for (;;) {
		ssize_t n = read(f->fd, buf, sizeof buf);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return count;
		for (char *p = buf; p < buf + n;) {
			const struct inotify_event *ev = (void *)p;

			count += handle_event(f, ev, changed);
			p += sizeof *ev + ev->len;
		}
	}
}

/* Stat the polled files (every file with --poll); how many changed. A file
 * whose folder can be watched again is compared once more, then watched. */
static int
poll_files(struct filewatch *f, struct strlist *changed)
{
	int n = 0;

	for (size_t i = 0; i < f->n; i++) {
		struct wfile *w = &f->files[i];
		struct sig now;

		if (f->fd >= 0 && w->wd >= 0)
			continue;
		watch_dir(f, i);
		now = sig_of(w->path);
		if (!sig_same(&now, &w->sig))
			n += strlist_add_unique(changed, w->path);
		w->sig = now;
	}
	return n;
}

int
filewatch_update(struct filewatch *f, int64_t now, struct strlist *changed)
{
	int n = 0;

	if (f->fd >= 0)
		n += read_events(f, changed);
	if (filewatch_due(f) >= 0 && now >= f->next_poll) {
		n += poll_files(f, changed);
		f->next_poll = now + (f->poll_ms ? f->poll_ms
						 : FILEWATCH_POLL_MS);
	}
	return n;
}

void
filewatch_free(struct filewatch *f)
{
	if (!f)
		return;
	if (f->fd >= 0)
		close(f->fd);
	for (size_t i = 0; i < f->n; i++) {
		free(f->files[i].path);
		free(f->files[i].dir);
	}
	free(f->files);
	free(f);
}
