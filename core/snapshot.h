/*
 * snapshot.h - what the output folder holds, to tell which output files a
 * build changed (the browser reloads only what it must).
 *
 * A snapshot lists every regular file below a folder (walk.h: symlinks
 * followed, never into a folder already walked; dotfiles skipped) with its
 * size, modification and change times and inode, sorted by path.
 * snapshot_diff() names the files added, removed or changed between two
 * snapshots: a file rewritten with the same size and its mtime put back
 * (cp -p, tar) has a new ctime. Used for the output of a --cmd build and by
 * the --poll watcher.
 */
#ifndef TEND_SNAPSHOT_H
#define TEND_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>

#include "strlist.h"

struct snapshot;

/*
 * Snapshot the folder at path; an empty snapshot if it does not exist.
 * stop (may be NULL) is polled during the walk (walk.h): once it returns
 * true the walk ends and NULL is returned, an empty snapshot to the
 * functions below.
 */
struct snapshot *snapshot_take(const char *path, bool (*stop)(void *arg),
    void *arg);

/*
 * The same for a source tree: names skip() accepts (relative paths) are
 * left out, with everything below them; dotfiles are kept. Paths in the
 * snapshot are prefix/name (prefix may be "").
 */
struct snapshot *snapshot_take_tree(const char *path, const char *prefix,
    bool (*skip)(const char *rel, void *arg), void *arg,
    bool (*stop)(void *arg), void *stop_arg);

/*
 * The first problem the walk met ("'a/b': a symlink loop (...)": a folder
 * left out), or NULL. Owned by the snapshot.
 */
const char *snapshot_problem(const struct snapshot *s);

size_t snapshot_count(const struct snapshot *s);
/* Add to changed the paths that differ between a and b (either may be
 * NULL: empty). At most max paths are added; returns how many differ. */
size_t snapshot_diff(const struct snapshot *a, const struct snapshot *b,
    struct strlist *changed, size_t max);
void snapshot_free(struct snapshot *s);

#endif
