/*
 * pollwatch.h - watching by polling, where inotify cannot be used: when the
 * watch limit is reached, on network and FUSE file systems (whose remote
 * changes inotify never sees), or when the user asks (--poll MS).
 *
 * Each scan lists the polled folders (size, mtime, inode of every file,
 * tend's ignore rules applied) and compares with the previous scan: files
 * added, removed or changed are reported. Costs one stat per file per scan.
 */
#ifndef TEND_POLLWATCH_H
#define TEND_POLLWATCH_H

#include <stddef.h>

#include "ignore.h"
#include "strlist.h"

struct pollwatch;

/* Poll the folders dirs (relative to root; "" is the root itself). */
struct pollwatch *pollwatch_open(const char *root, const struct strlist *dirs,
    const struct ignore *ign);
/* Scan now; changed paths are added to changed. Returns how many. */
size_t pollwatch_scan(struct pollwatch *p, struct strlist *changed);
void pollwatch_free(struct pollwatch *p);

#endif
