/* watch.c - recursive inotify with a wd -> path map */
#include "watch.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <inotifytools/inotify.h>	/* inotify-tools: the raw inotify API */
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "fsutil.h"
#include "xalloc.h"
#include "banned.h"

#define WATCH_MASK                                                            \
	(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE |          \
	    IN_DELETE | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF |          \
	    IN_ONLYDIR | IN_EXCL_UNLINK)

/* File systems whose remote changes inotify never sees (statfs f_type). */
static const long remote_fs[] = {
	0x6969,		/* NFS */
	0x517b,		/* SMB */
	0xff534d42,	/* CIFS */
	0xfe534d42,	/* SMB2 */
	0x01021997,	/* 9p (v9fs) */
	0x65735546,	/* FUSE (sshfs, rclone, ...) */
	0x6a656a63,	/* virtiofs */
	0x47504653,	/* GPFS */
	0x00c36400,	/* CephFS */
	0x19830326,	/* FhGFS / BeeGFS */
};

const char watch_limit_hint[] =
    "the inotify watch limit is reached; raise it with "
    "'sudo sysctl fs.inotify.max_user_watches=524288' "
    "(see /proc/sys/fs/inotify/max_user_watches)";

/* A slot of the wd -> path hash table (open addressing, linear probing). */
struct slot {
	int wd;			/* 0: empty, -1: deleted */
	char *path;		/* owned; relative to root, "" for root */
};

struct watch {
	int fd;
	char *root;			/* owned, absolute */
	struct ignore *ign;		/* not owned */
	struct watch_hooks hooks;
	struct slot *slots;		/* owned */
	size_t cap, used, live;		/* used counts deleted slots too */
	int root_wd;
	bool root_gone;
	struct strlist polled;		/* remote folders, polled instead */
	char *failed;			/* owned; the folder that hit ENOSPC */
};

static size_t
slot_of(const struct watch *w, int wd)
{
	return ((unsigned)wd * 2654435761u) & (w->cap - 1);
}

static struct slot *
map_find(const struct watch *w, int wd)
{
	for (size_t i = slot_of(w, wd);; i = (i + 1) & (w->cap - 1)) {
		if (w->slots[i].wd == wd)
			return &w->slots[i];
		if (w->slots[i].wd == 0)
			return NULL;
	}
}

static void map_put(struct watch *w, int wd, const char *path);

/* Rehash into a table twice as large (or the same size, to drop tombstones). */
static void
map_grow(struct watch *w)
{
	struct slot *old = w->slots;
	size_t oldcap = w->cap;

	if (w->live * 2 >= w->cap)
		w->cap *= 2;
	w->slots = xcalloc(w->cap, sizeof *w->slots);
	w->used = w->live = 0;
	for (size_t i = 0; i < oldcap; i++)
		if (old[i].wd > 0) {
			map_put(w, old[i].wd, old[i].path);
			free(old[i].path);
		}
	free(old);
}

static void
map_put(struct watch *w, int wd, const char *path)
{
	struct slot *s = map_find(w, wd);
	size_t i;

	if (s) {		/* same folder reached again, or a moved one */
		free(s->path);
		s->path = xstrdup(path);
		return;
	}
	if ((w->used + 1) * 4 >= w->cap * 3)
		map_grow(w);
	for (i = slot_of(w, wd); w->slots[i].wd > 0; i = (i + 1) & (w->cap - 1))
		;
	if (w->slots[i].wd == 0)
		w->used++;
	w->slots[i] = (struct slot){ wd, xstrdup(path) };
	w->live++;
}

static void
map_del(struct watch *w, struct slot *s)
{
	free(s->path);
	s->path = NULL;
	s->wd = -1;
	w->live--;
}

static void
problem(struct watch *w, const char *rel, enum walk_problem what, int err)
{
	if (w->hooks.problem)
		w->hooks.problem(rel, what, err, w->hooks.arg);
}

/*
 * Watch the folder rel (not what it holds). 1 if it is watched now and must
 * be scanned; 0 if not (polled instead, reached again through a link,
 * another tend's output, vanished, cannot be watched); -1 for ENOSPC
 * (w->failed names it).
 */
static int
watch_dir(struct watch *w, const char *rel)
{
	char *abs;
	struct statfs sfs;
	int wd;

	if (*rel && ignore_other_output(w->ign, w->root, rel)) {
		if (w->hooks.other_output)
			w->hooks.other_output(rel, w->hooks.arg);
		return 0;
	}
	abs = fs_join(w->root, rel);
	if (statfs(abs, &sfs) == 0)
		for (size_t i = 0; i < sizeof remote_fs / sizeof *remote_fs; i++)
			if ((long)(unsigned)sfs.f_type == remote_fs[i]) {
				strlist_add_unique(&w->polled, rel);
				free(abs);
				return 0;	/* polled by the caller */
			}
	wd = inotify_add_watch(w->fd, abs, WATCH_MASK);
	if (wd < 0) {
		int saved = errno;

		if (saved == ENOSPC) {
			free(w->failed);
			w->failed = abs;
			errno = ENOSPC;
			return -1;
		}
		if (saved != ENOENT && saved != ENOTDIR)
			problem(w, rel, WALK_UNREADABLE, saved);
		free(abs);
		return 0;
	}
	free(abs);
	if (map_find(w, wd))
		return 0;	/* reached again through a link: a loop */
	map_put(w, wd, rel);
	if (!*rel)
		w->root_wd = wd;
	return 1;
}

/* A scan: the watcher and where the files found go (or NULL). */
struct scan {
	struct watch *w;
	struct strlist *report;
	struct watch_news *news;	/* or NULL */
	bool enospc;
};

static bool
scan_skip(const char *rel, const char *name, void *arg)
{
	(void)name;
	return ignore_match(((struct scan *)arg)->w->ign, rel);
}

/* Watch each folder before it is read; report the rest. */
static enum walk_action
scan_visit(const struct walk_entry *e, void *arg)
{
	struct scan *sc = arg;
	int r;

	if (e->type != WALK_DIR) {
		if (sc->report)
			strlist_add_unique(sc->report, e->rel);
		if (sc->news && !strcmp(e->name, ".gitignore"))
			sc->news->gitignore = true;
		return WALK_NEXT;
	}
	r = watch_dir(sc->w, e->rel);
	sc->enospc = r < 0;
	return r < 0 ? WALK_STOP : r ? WALK_NEXT : WALK_SKIP;
}

static void
scan_problem(const char *rel, enum walk_problem what, int err, void *arg)
{
	problem(((struct scan *)arg)->w, rel, what, err);
}

static bool
scan_stop(void *arg)
{
	const struct watch *w = ((struct scan *)arg)->w;

	return w->hooks.stop && w->hooks.stop(w->hooks.arg);
}

/*
 * Watch folder rel and every folder below it, each before it is read (so
 * nothing written in between is missed). Files found go to report when it
 * is not NULL (and a .gitignore among them to news). -1 only for ENOSPC; folders that vanish or cannot be read
 * are skipped (and told to hooks.problem).
 */
static int
add_tree(struct watch *w, const char *rel, struct strlist *report,
    struct watch_news *news)
{
	struct scan sc = { w, report, news, false };
	struct walk_ops ops = { .skip = scan_skip, .visit = scan_visit,
		.problem = scan_problem, .stop = scan_stop, .arg = &sc,
		.flags = WALK_FOLLOW };
	int r = watch_dir(w, rel);
	char *abs;

	if (r <= 0)
		return r;
	abs = fs_join(w->root, rel);
	walk_tree(abs, rel, &ops);	/* gone already: its events will tell */
	free(abs);
	return sc.enospc ? -1 : 0;
}

/* Stop watching rel and every folder below it (deleted or moved away). */
static void
forget_tree(struct watch *w, const char *rel)
{
	ignore_forget_dir(w->ign, rel);
	for (size_t i = 0; i < w->cap; i++) {
		struct slot *s = &w->slots[i];

		if (s->wd <= 0 || !path_below(s->path, rel))
			continue;
		inotify_rm_watch(w->fd, s->wd);
		map_del(w, s);
	}
}

struct watch *
watch_open(const char *root, struct ignore *ign,
    const struct watch_hooks *hooks, char **failed_path)
{
	struct watch *w = xcalloc(1, sizeof *w);

	w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	w->root = xstrdup(root);
	w->ign = ign;
	if (hooks)
		w->hooks = *hooks;
	w->cap = 64;
	w->root_wd = -1;
	w->slots = xcalloc(w->cap, sizeof *w->slots);
	if (w->fd < 0 || add_tree(w, "", NULL, NULL) < 0 ||
	    (w->live == 0 && w->polled.len == 0)) {
		int saved = w->fd < 0 || errno == ENOSPC ? errno : ENOENT;

		if (failed_path && saved == ENOSPC)
			*failed_path = xstrdup(w->failed ? w->failed : root);
		watch_free(w);
		errno = saved;
		return NULL;
	}
	return w;
}

int
watch_fd(const struct watch *w)
{
	return w->fd;
}

size_t
watch_count(const struct watch *w)
{
	return w->live;
}

bool
watch_root_gone(const struct watch *w)
{
	return w->root_gone;
}

const struct strlist *
watch_polled(const struct watch *w)
{
	return &w->polled;
}

const char *
watch_failed_path(const struct watch *w)
{
	return w->failed;
}

/* Handle one event; returns 1 if relevant, 0 if not, -1 on ENOSPC. */
static int
handle_event(struct watch *w, const struct inotify_event *ev,
    struct strlist *changed, struct watch_news *news)
{
	struct slot *s;
	char *rel;
	int ret = 1;

	if (ev->mask & IN_Q_OVERFLOW) {
		news->overflow = true;
		return 1;
	}
	s = map_find(w, ev->wd);
	if (!s)
		return 0;
	if (ev->wd == w->root_wd &&
	    ev->mask & (IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED)) {
		w->root_gone = true;	/* the watch follows the old inode */
		return 1;
	}
	if (ev->mask & IN_IGNORED) {
		map_del(w, s);
		return 0;
	}
	if (!ev->len)		/* a folder itself: its parent reports it */
		return 0;
	rel = *s->path ? fs_join(s->path, ev->name) : xstrdup(ev->name);
	if (ignore_match(w->ign, rel)) {
		free(rel);
		return 0;
	}
	if (ev->mask & IN_ISDIR) {
		if (ev->mask & (IN_DELETE | IN_MOVED_FROM))
			forget_tree(w, rel);
		if (ev->mask & (IN_CREATE | IN_MOVED_TO))
			ret = add_tree(w, rel, changed, news) < 0 ? -1 : 1;
		if (ev->mask & IN_ATTRIB)
			ret = 0;
	}
	if (ret == 1)
		strlist_add_unique(changed, rel);
	if (ret == 1 && ignore_is_gitignore(rel))
		news->gitignore = true;
	free(rel);
	return ret;
}

int
watch_read(struct watch *w, struct strlist *changed,
    struct watch_news *news)
{
	char buf[64 * 1024]
	    __attribute__((aligned(__alignof__(struct inotify_event))));
	int count = 0;

	for (;;) {
		ssize_t n = read(w->fd, buf, sizeof buf);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return count;
		for (char *p = buf; p < buf + n;) {
			const struct inotify_event *ev = (void *)p;
			int r = handle_event(w, ev, changed, news);

			if (r < 0) {
				errno = ENOSPC;
				return -1;
			}
			count += r;
			p += sizeof *ev + ev->len;
		}
	}
}

void
watch_free(struct watch *w)
{
	if (!w)
		return;
	if (w->fd >= 0)
		close(w->fd);
	for (size_t i = 0; i < w->cap; i++)
		free(w->slots[i].wd > 0 ? w->slots[i].path : NULL);
	free(w->slots);
	strlist_clear(&w->polled);
	free(w->failed);
	free(w->root);
	free(w);
}
