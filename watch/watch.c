/* watch.c - recursive inotify with a wd -> path map */
#include "watch.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <inotifytools/inotify.h>	/* inotify-tools: the raw inotify API */
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "fsutil.h"
#include "log.h"
#include "xalloc.h"

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
	const struct ignore *ign;	/* not owned */
	struct slot *slots;		/* owned */
	size_t cap, used, live;		/* used counts deleted slots too */
	int root_wd;
	bool root_gone;
	struct strlist polled;		/* remote folders, polled instead */
};

/* The folder that last hit ENOSPC (the watcher is single-threaded). */
static char failed_buf[PATH_MAX];

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

static int add_tree(struct watch *w, const char *rel, struct strlist *report);

/* Scan folder rel (already watched): watch sub-folders, report files. */
static int
scan_dir(struct watch *w, const char *rel, struct strlist *report)
{
	char *abs = fs_join(w->root, rel);
	DIR *d = opendir(abs);
	struct dirent *e;
	int ret = 0;

	free(abs);
	if (!d)
		return 0;	/* gone already: its events will tell */
	while (ret == 0 && (e = readdir(d))) {
		char *child;
		bool is_dir = e->d_type == DT_DIR;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		child = *rel ? fs_join(rel, e->d_name) : xstrdup(e->d_name);
		if (e->d_type == DT_UNKNOWN) {
			struct stat st;

			is_dir = fstatat(dirfd(d), e->d_name, &st,
			    AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode);
		}
		if (e->d_type == DT_LNK) {	/* follow folder links, once */
			struct stat st;

			is_dir = fstatat(dirfd(d), e->d_name, &st, 0) == 0 &&
				 S_ISDIR(st.st_mode);
		}
		if (ignore_match(w->ign, child))
			;
		else if (is_dir)
			ret = add_tree(w, child, report);
		else if (report)
			strlist_add_unique(report, child);
		free(child);
	}
	closedir(d);
	return ret;
}

/*
 * Watch folder rel, then scan it (in that order: nothing written in between
 * is missed). Files found go to report when it is not NULL. -1 only for
 * ENOSPC; folders that vanish or cannot be read are skipped.
 */
static int
add_tree(struct watch *w, const char *rel, struct strlist *report)
{
	char *abs = fs_join(w->root, rel);
	struct statfs sfs;
	int wd;

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
			snprintf(failed_buf, sizeof failed_buf, "%s", abs);
			free(abs);
			errno = ENOSPC;
			return -1;
		}
		if (saved == EACCES)
			log_warn("cannot watch '%s'", abs);
		free(abs);
		return 0;
	}
	free(abs);
	if (map_find(w, wd))
		return 0;	/* reached again through a link: a loop */
	map_put(w, wd, rel);
	if (!*rel)
		w->root_wd = wd;
	return scan_dir(w, rel, report);
}

/* Stop watching rel and every folder below it (deleted or moved away). */
static void
forget_tree(struct watch *w, const char *rel)
{
	size_t n = strlen(rel);

	for (size_t i = 0; i < w->cap; i++) {
		struct slot *s = &w->slots[i];

		if (s->wd <= 0 || strncmp(s->path, rel, n) ||
		    (s->path[n] != '\0' && s->path[n] != '/'))
			continue;
		inotify_rm_watch(w->fd, s->wd);
		map_del(w, s);
	}
}

struct watch *
watch_open(const char *root, const struct ignore *ign,
    const char **failed_path)
{
	struct watch *w = xcalloc(1, sizeof *w);

	w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	w->root = xstrdup(root);
	w->ign = ign;
	w->cap = 64;
	w->root_wd = -1;
	w->slots = xcalloc(w->cap, sizeof *w->slots);
	failed_buf[0] = '\0';
	if (w->fd < 0 || add_tree(w, "", NULL) < 0 ||
	    (w->live == 0 && w->polled.len == 0)) {
		int saved = w->fd < 0 || errno == ENOSPC ? errno : ENOENT;

		if (failed_path)
			*failed_path = failed_buf;
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

/* Handle one event; returns 1 if relevant, 0 if not, -1 on ENOSPC. */
static int
handle_event(struct watch *w, const struct inotify_event *ev,
    struct strlist *changed, bool *overflow)
{
	struct slot *s;
	char *rel;
	int ret = 1;

	if (ev->mask & IN_Q_OVERFLOW) {
		*overflow = true;
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
			ret = add_tree(w, rel, changed) < 0 ? -1 : 1;
		if (ev->mask & IN_ATTRIB)
			ret = 0;
	}
	if (ret == 1)
		strlist_add_unique(changed, rel);
	free(rel);
	return ret;
}

int
watch_read(struct watch *w, struct strlist *changed, bool *overflow,
    const char **failed_path)
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
			int r = handle_event(w, ev, changed, overflow);

			if (r < 0) {
				if (failed_path)
					*failed_path = failed_buf;
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
	free(w->root);
	free(w);
}
