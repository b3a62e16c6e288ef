/*
 * watching.h - everything `tend serve` watches: SRC (sources.h) with its
 * ignore rules, and the paths outside it (watchpaths.h): each folder with
 * rules of its own, the single files through filewatch.h.
 *
 * The rules of SRC: tend's staging folders, --ignore globs, the output
 * folder when it is inside SRC, the .gitignore files (unless
 * --no-gitignore). A folder outside SRC gets the same, from its own top
 * (its .gitignore files, --ignore globs as the user gave them, not a
 * generator's), and leaves out SRC and the output folder where they lie
 * inside it. Its messages say "watched folder" where SRC's say "source
 * folder".
 *
 * Changed paths in SRC are relative to it, as sources.h gives them; those
 * outside are absolute: the built-in builder cannot know what they affect,
 * so the caller rebuilds everything for them; an external command gets
 * them in TEND_CHANGED.
 */
#ifndef TEND_WATCHING_H
#define TEND_WATCHING_H

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ignore.h"
#include "runconf.h"
#include "strlist.h"
#include "watchpaths.h"

/* Descriptors watching_pollfds() fills at most. */
#define WATCHING_MAX_FDS (2 + WATCHPATHS_MAX)

struct watching {
	struct ignore *ign;		/* SRC's rules; owned */
	struct sources *src;		/* SRC; NULL until watching_start() */
	struct watching_dir *dirs;	/* the folders outside SRC; owned */
	size_t n_dirs;
	struct filewatch *files;	/* the files outside SRC, or NULL */
};

/* Make SRC's ignore rules (w->ign), for the builds too; nothing watched
 * yet. */
void watching_init(struct watching *w, const struct loop_config *cfg);

/*
 * Start watching SRC and cfg->watch. stop (may be NULL) is polled during
 * the walks of the trees (sources.h). 0, or -1 after an error line.
 */
int watching_start(struct watching *w, const struct loop_config *cfg,
    bool (*stop)(void *arg), void *arg);

/* Fill p with the descriptors to poll for POLLIN; how many (at most
 * WATCHING_MAX_FDS). */
size_t watching_pollfds(const struct watching *w, struct pollfd *p);

/* When watching_update() must run again at the latest (ms), or -1. */
int64_t watching_due(const struct watching *w);

/*
 * Read what changed, polling what is due at now. Paths are added to
 * changed; *full is set when SRC must be rebuilt whole (sources.h);
 * *outside is set when a path outside SRC changed. Returns the number of
 * relevant changes.
 */
int watching_update(struct watching *w, int64_t now, struct strlist *changed,
    bool *full, bool *outside);

void watching_release(struct watching *w);

#endif
