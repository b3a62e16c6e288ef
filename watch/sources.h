/*
 * sources.h - knowing when the source folder changes, whatever happens to
 * it: inotify (watch.h) where it works, polling (pollwatch.h) where it does
 * not, and the source root going away and coming back.
 *
 *   - --poll MS: every folder is polled every MS milliseconds;
 *   - folders on network or FUSE file systems are polled (a log line says
 *     so); the rest is watched with inotify;
 *   - the inotify watch limit reached (at start or later): one error line
 *     naming the sysctl, then everything is polled;
 *   - the kernel's event queue overflowed: the tree is watched anew (new
 *     folders may have been missed) and a full rebuild is asked for;
 *   - the root deleted or moved away: a warning, then tend checks every
 *     half second; when a real folder is back at that path it is watched
 *     again and a full rebuild is asked for; a symlink put there is never
 *     followed (a warning says so, and tend goes on waiting);
 *   - a .gitignore changed (at any depth): the ignore rules read it again,
 *     the tree is watched anew and a full rebuild is asked for;
 *   - a folder that cannot be watched, or is too deep (walk.h): a warning;
 *     a symlink loop is not followed (a debug line).
 * Messages are logged here (this module is the caller with the context).
 */
#ifndef TEND_SOURCES_H
#define TEND_SOURCES_H

#include <stdbool.h>
#include <stdint.h>

#include "ignore.h"
#include "strlist.h"

#define SOURCES_POLL_MS 1000	/* polling interval when not asked for */

struct sources;

/*
 * Start watching root (absolute). NULL only if root cannot be read. ign is
 * not owned; it is told of changes to .gitignore files and of folders that
 * went away. stop (may be NULL) is polled during the walks of the tree:
 * true ends them early, leaving the watch partial (only when the process
 * is stopping).
 */
struct sources *sources_open(const char *root, struct ignore *ign,
    int poll_ms, bool (*stop)(void *arg), void *arg);

/* What the messages call root (default "source folder"; what is kept,
 * not copied). */
void sources_name(struct sources *s, const char *what);

/* The inotify descriptor to poll for input, or -1. */
int sources_fd(const struct sources *s);

/* When sources_update() must run again at the latest (ms), or -1. */
int64_t sources_due(const struct sources *s);

/*
 * Read inotify events and poll what is due at now. Changed paths are added
 * to changed; *full is set when everything must be rebuilt (overflow, the
 * root came back). Returns the number of relevant changes.
 */
int sources_update(struct sources *s, int64_t now, struct strlist *changed,
    bool *full);

void sources_free(struct sources *s);

#endif
