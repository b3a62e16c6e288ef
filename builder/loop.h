/*
 * loop.h - the parent: watch, debounce, build, supervise the server, stop.
 *
 * One thread, one ppoll() over the inotify fd, the server child's pidfd and
 * message socket (writable, while messages wait: they are queued, never
 * dropped), the build's pidfd and output pipe, with the stop signals
 * unblocked only there (sigs.h). Builds themselves are build.h's. The signal
 * table of doc/ARCHITECTURE.md is implemented here:
 *   - first stop signal: no new builds; a running build finishes and is
 *     published ("finishing the current build (Ctrl-C again to abort)");
 *     the server child is told to stop (SIGTERM: it may not have had the
 *     signal itself) and reaped;
 *   - second stop signal during a build: SIGTERM to the build's process group,
 *     SIGKILL 3 s later; nothing half-built is published;
 *   - then tend re-raises the signal with its default action.
 * A server child that dies on its own is restarted on the same socket; after
 * six deaths within 10 s tend gives up (exit 1, a JSON "server" event). A
 * failing ppoll() is fatal (exit 1), never a busy loop.
 */
#ifndef TEND_LOOP_H
#define TEND_LOOP_H

#include "runconf.h"


/*
 * Run until stopped. Returns the exit status: 0, 1 (build failed with
 * `once`, broken links with `check`, or a fatal error while serving); after
 * a stop signal the signal is re-raised, so it returns only if that did not
 * end the process.
 */
int loop_run(const struct loop_config *cfg);

#endif
