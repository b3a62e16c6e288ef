/*
 * watch.h - a recursive inotify watcher with its own bookkeeping.
 *
 * Why not libinotifytools: its fd cannot be polled beside our signal handling,
 * it is not close-on-exec, it keeps global state, and it neither watches
 * folders created later nor adds a folder's watch before scanning it (see
 * shared/LIBRARIES.md). Here every folder is watched first and scanned after,
 * so files written into a new folder before its watch existed are still seen.
 *
 * Use:  w = watch_open(root, ign);  poll(watch_fd(w));  watch_read(w, ...);
 *       watch_free(w);
 * Paths given out are relative to root. Ignored paths (ignore.h) are neither
 * watched nor reported. Symlinked folders are followed once: a folder
 * reached again by another path (a link loop) is not scanned twice.
 */
#ifndef TEND_WATCH_H
#define TEND_WATCH_H

#include <stdbool.h>
#include <stddef.h>

#include "ignore.h"
#include "strlist.h"

struct watch;

/*
 * Watch root (an absolute path) and every folder below it. NULL with errno
 * on failure; ENOSPC means the inotify watch limit was reached (see
 * watch_limit_hint()), and watch_failed_path() names where.
 */
struct watch *watch_open(const char *root, const struct ignore *ign,
    const char **failed_path);

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

/*
 * Read every pending event. Changed paths are added to changed (without
 * duplicates); *overflow is set if the kernel's queue overflowed (then a full
 * rebuild is due). Returns the number of relevant events, or -1 with errno
 * (ENOSPC when a new folder could not be watched; *failed_path names it).
 */
int watch_read(struct watch *w, struct strlist *changed, bool *overflow,
    const char **failed_path);

void watch_free(struct watch *w);

/* One line telling how to raise the watch limit. */
extern const char watch_limit_hint[];

#endif
