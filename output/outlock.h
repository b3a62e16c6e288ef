/*
 * outlock.h - one tend per output folder.
 *
 * Every run stages its build beside the output folder under one name
 * (publish.h), so two runs on the same output would break each other's
 * builds. A run therefore takes an exclusive flock(2) for as long as it
 * lives and writes its PID in the lock file; a second run is refused at
 * once, told who holds the lock.
 *
 * The lock file is not beside the output folder: that is often in SRC, and
 * a file held open there would keep a deleted SRC's inode alive, so the
 * watcher would not see SRC go. It is DIR/tend-UID-HASH.lock, HASH a hash
 * of the output folder's absolute path, DIR $XDG_RUNTIME_DIR if that is a
 * folder of the user's that no one else can write, else
 * $XDG_CACHE_HOME/tend or ~/.cache/tend (made 0700), which must be: never
 * a folder shared with other users such as /tmp, where anyone could make
 * the name first and block tend. The file must belong to the user too.
 * It is left in place when tend exits
 * (removing it would race with a run that has just opened it). Its
 * descriptor is O_CLOEXEC: a build command does not inherit it, a forked
 * child shares the lock.
 */
#ifndef TEND_OUTLOCK_H
#define TEND_OUTLOCK_H

#include <stddef.h>

/*
 * Lock the output folder out (an absolute, resolved path) for the rest of
 * the process: the descriptor is kept open and never closed. 0, or -1 with
 * a one-line message in err: "another tend (pid N) is building into 'out'"
 * if the lock is held, else why the lock file or its folder cannot be
 * used.
 */
int outlock_take(const char *out, char *err, size_t errlen);

#endif
