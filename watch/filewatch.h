/*
 * filewatch.h - single files outside SRC that start a build when they
 * change (`tend serve --watch FILE`).
 *
 * A file is watched through its folder (inotify on the folder alone, not
 * the tree below it, the events filtered by name), so an editor that saves
 * by writing a new file and renaming it over the old one (a new inode) is
 * still seen, and so is a file deleted and made again. With poll_ms (--poll
 * MS) every file is polled instead (a stat each: size, mtime, ctime,
 * inode). A file whose folder cannot be watched (it went away, the inotify
 * limit is reached) is polled until its folder can be watched again.
 *
 * Use:  f = filewatch_open(files, poll_ms);  poll filewatch_fd(f) for
 *       POLLIN and wake at filewatch_due(f);  filewatch_update(f, now, ...);
 *       filewatch_free(f).
 * Paths are absolute, given out as given in. Nothing is printed.
 */
#ifndef TEND_FILEWATCH_H
#define TEND_FILEWATCH_H

#include <stdint.h>

#include "strlist.h"

/* How often a file is polled without --poll (its folder is not watched). */
#define FILEWATCH_POLL_MS 500

struct filewatch;

/* Watch the files of paths (absolute; copied). Never NULL. */
struct filewatch *filewatch_open(const struct strlist *paths, int poll_ms);

/* The inotify descriptor to poll for POLLIN, or -1 (polling only). */
int filewatch_fd(const struct filewatch *f);

/* When filewatch_update() must run again at the latest (ms), or -1. */
int64_t filewatch_due(const struct filewatch *f);

/*
 * Read pending events and poll what is due at now; the files that changed
 * are added to changed (without duplicates). Returns how many.
 */
int filewatch_update(struct filewatch *f, int64_t now,
    struct strlist *changed);

void filewatch_free(struct filewatch *f);

#endif
