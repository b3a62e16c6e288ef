/*
 * selfwrite.h - keeping an external build that writes into its own source
 * folder from rebuilding itself for ever.
 *
 * inotify cannot tell who wrote a file. What tells the build's own writes
 * from the user's edits is timing: a file that changed while a build ran,
 * and also while the build before it ran, is taken as written by the build.
 * Its changes during builds are dropped from then on (the user is told
 * once, with the names); its changes while no build runs still count, as
 * those are edits. As a last guard, a streak of more than SELFWRITE_STREAK
 * builds started only by changes made while building is cut, with a
 * warning naming the files, until the next change made while idle.
 *
 * Pure logic: the caller passes the lists and does the logging with what
 * these functions return.
 */
#ifndef TEND_SELFWRITE_H
#define TEND_SELFWRITE_H

#include <stdbool.h>

#include "strlist.h"

#define SELFWRITE_STREAK 3

struct selfwrite {
	struct strlist prev_during;	/* changed while the last build ran */
	struct strlist self;		/* taken as written by the build */
	int streak;			/* builds started only by builds */
	bool edited_while_idle;		/* a change came while idle */
};

#define SELFWRITE_INIT { STRLIST_INIT, STRLIST_INIT, 0, false }

/* Changes were seen; building says whether a build was running. */
void selfwrite_seen(struct selfwrite *sw, bool building);

/* Remove from changed the files taken as written by the build. */
void selfwrite_drop(struct selfwrite *sw, struct strlist *changed);

/*
 * A build ended; during holds what changed while it ran. Returns true when
 * those files are newly taken as the build's own (then they were removed
 * from during: warn, naming what was removed).
 */
bool selfwrite_build_ended(struct selfwrite *sw, struct strlist *during,
    struct strlist *taken);

/*
 * A build is about to start (first: it is the first build). True when it
 * must not: the streak is too long (warn; the caller forgets the pending
 * changes). The streak restarts with the next change made while idle.
 */
bool selfwrite_runaway(struct selfwrite *sw, bool first);

void selfwrite_release(struct selfwrite *sw);

#endif
