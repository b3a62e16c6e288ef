/*
 * pollwatch.h - watching by polling, where inotify cannot be used: when the
 * watch limit is reached, on network and FUSE file systems (whose remote
 * changes inotify never sees), or when the user asks (--poll MS).
 *
 * Each scan lists the polled folders (snapshot.h: size, mtime, inode of
 * every file, tend's ignore rules applied, symlink loops not followed) and
 * compares with the previous scan: files added, removed or changed are
 * reported. Costs one stat per file per scan.
 */
#ifndef TEND_POLLWATCH_H
#define TEND_POLLWATCH_H

#include <stdbool.h>
#include <stddef.h>

#include "ignore.h"
#include "strlist.h"

struct pollwatch;

/*
 * Poll the folders dirs (relative to root; "" is the root itself). ign is
 * not owned. stop (may be NULL) is polled during each scan: true ends it
 * (only when the process is stopping: what it missed is reported later).
 */
struct pollwatch *pollwatch_open(const char *root, const struct strlist *dirs,
    const struct ignore *ign, bool (*stop)(void *arg), void *arg);
/*
 * Scan now; changed paths are added to changed (without duplicates), and
 * *gitignore is set when a .gitignore is among them. Returns how many.
 */
size_t pollwatch_scan(struct pollwatch *p, struct strlist *changed,
    bool *gitignore);
/* A folder the last scan left out and why ("'a/b': a symlink loop ..."),
 * or NULL. Owned by p, valid until the next scan. */
const char *pollwatch_problem(const struct pollwatch *p);
void pollwatch_free(struct pollwatch *p);

#endif
