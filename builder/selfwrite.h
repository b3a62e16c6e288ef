/*
 * selfwrite.h - keeping an external build that writes into its own source
 * folder from rebuilding itself for ever.
 *
 * inotify cannot tell who wrote a file. What tells the build's own writes
 * from the user's edits is timing. A file seen changing while no build ran
 * is the user's: only the user writes then. A build's own write is a file
 * that changed while a build ran, and also while the build before it ran,
 * and that the user is not known to edit (a user saving every 100 ms during
 * back-to-back builds changes the same file during every build too: the
 * first of those saves came while idle). When every such file of a build
 * was also changed during the build before, they are taken as the build's
 * own: their changes during builds are dropped from then on (the user is
 * told once, with the names); their changes while no build runs still
 * count. As a last guard, a streak of more than SELFWRITE_STREAK builds
 * started only by changes made while building, none of them to a file of
 * the user's, is cut with a warning naming the files, until the next edit.
 * And as the user may have edited a file that the build writes too, the
 * user's files are forgotten after SELFWRITE_BUSY builds in a row with no
 * change at all while idle: then that streak is cut as well.
 *
 * Pure logic: the caller passes the lists and does the logging with what
 * these functions return. Lookups are hashed (strlist.h): a 100k-file
 * checkout costs linear time.
 */
#ifndef TEND_SELFWRITE_H
#define TEND_SELFWRITE_H

#include <stdbool.h>
#include <stddef.h>

#include "strlist.h"

#define SELFWRITE_STREAK 3
#define SELFWRITE_BUSY 50

struct selfwrite {
	struct strlist prev_during;	/* changed while the last build ran */
	struct strlist self;		/* taken as written by the build */
	struct strlist user;		/* seen changing while idle */
	int streak;			/* builds started only by builds */
	int busy;			/* builds in a row without an idle change */
	bool edited;			/* a change the user made came */
	bool idle_change;		/* a change came while idle */
};

#define SELFWRITE_INIT                                                        \
	{ STRLIST_INIT, STRLIST_INIT, STRLIST_INIT, 0, 0, false, false }

/*
 * Changes were seen: the items of changed from index from on are new;
 * building says whether a build was running.
 */
void selfwrite_seen(struct selfwrite *sw, const struct strlist *changed,
    size_t from, bool building);

/* Remove from changed the files taken as written by the build. */
void selfwrite_drop(struct selfwrite *sw, struct strlist *changed);

/*
 * A build ended; during holds what changed while it ran. Returns true when
 * some of those files are newly taken as the build's own (then they were
 * removed from during and added to taken: warn, naming them).
 */
bool selfwrite_build_ended(struct selfwrite *sw, struct strlist *during,
    struct strlist *taken);

/*
 * A build is about to start for the changes in changed (first: it is the
 * first build). True when it must not: the streak is too long (warn; the
 * caller forgets the pending changes). The streak restarts with the next
 * edit.
 */
bool selfwrite_runaway(struct selfwrite *sw, bool first,
    const struct strlist *changed);

void selfwrite_release(struct selfwrite *sw);

#endif
