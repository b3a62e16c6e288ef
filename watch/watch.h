/*
 * watch.h - a recursive inotify watcher with its own bookkeeping.
 *
 * Why not libinotifytools: its fd cannot be polled beside our signal handling,
 * it is not close-on-exec, it keeps global state, and it neither watches
 * folders created later nor adds a folder's watch before scanning it (see
 * doc/LIBRARIES.md). Here every folder is watched first and scanned after,
 * so files written into a new folder before its watch existed are still seen.
 *
 * Use:  w = watch_open(root, ign);  poll(watch_fd(w));  watch_read(w, ...);
 *       watch_free(w);
 * Paths given out are relative to root. Ignored paths (ignore.h) are neither
 * watched nor reported. Folders are walked with walk.h: symlinked folders
 * are followed, but a folder reached again by another path (a link loop)
 * is not scanned twice; such a folder, one too deep or one that cannot be
 * watched is told to hooks->problem. Nothing is printed.
 */
#ifndef TEND_WATCH_H
#define TEND_WATCH_H

#include <stdbool.h>
#include <stddef.h>

#include "ignore.h"
#include "strlist.h"
#include "walk.h"

struct watch;

/* What the caller learns from and gives to the walks of the tree. */
struct watch_hooks {
	/* Polled during a scan: true ends it (the watch is then partial, so
	 * only return true when the process is stopping). May be NULL. */
	bool (*stop)(void *arg);
	/* A folder left unwatched, and why (err: an errno, or 0). */
	void (*problem)(const char *rel, enum walk_problem what, int err,
	    void *arg);
	/* A folder left unwatched because it holds another tend's output
	 * (ignore_other_output()): it is ignored from now on. May be NULL. */
	void (*other_output)(const char *rel, void *arg);
	void *arg;
};

/*
 * Watch root (an absolute path) and every folder below it; hooks may be
 * NULL. ign is not owned; the watcher tells it of folders that went away
 * (ignore_forget_dir). NULL with errno on failure; ENOSPC means the inotify
 * watch limit was reached (see watch_limit_hint), and then *failed_path (if
 * failed_path is not NULL) is set to a new string naming where; the caller
 * frees it.
 */
struct watch *watch_open(const char *root, struct ignore *ign,
    const struct watch_hooks *hooks, char **failed_path);

/* The inotify descriptor to poll for POLLIN (non-blocking, close-on-exec). */
int watch_fd(const struct watch *w);

/* How many folders are watched. */
size_t watch_count(const struct watch *w);

/*
 * True once the source root was deleted or moved away: the watcher then
 * sees nothing more and must be closed (and reopened when the root is back).
 */
bool watch_root_gone(const struct watch *w);

/*
 * Folders (relative; "" for the root) on file systems where inotify does not
 * see changes made by other machines (NFS, SMB/CIFS, 9p, FUSE): they are not
 * watched with inotify, and must be polled.
 */
const struct strlist *watch_polled(const struct watch *w);

/* What watch_read() saw besides changed paths. */
struct watch_news {
	bool overflow;		/* the kernel's queue overflowed: rebuild all */
	bool gitignore;		/* a .gitignore changed: the rules may differ */
};

/*
 * Read every pending event. Changed paths are added to changed (without
 * duplicates, in O(1) each); news is filled in (its flags are only ever
 * set). Returns the number of relevant events, or -1 with errno (ENOSPC
 * when a new folder could not be watched: watch_failed_path() names it).
 */
int watch_read(struct watch *w, struct strlist *changed,
    struct watch_news *news);

/* The folder whose watch hit ENOSPC last, or NULL. Owned by w. */
const char *watch_failed_path(const struct watch *w);

void watch_free(struct watch *w);

/* One line telling how to raise the watch limit (for ENOSPC). */
extern const char watch_limit_hint[];

#endif
