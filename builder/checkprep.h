/*
 * checkprep.h - what `tend check` works out before it builds, so that a
 * mistake is a usage error (exit 2) before anything runs, and tend-crawl
 * gets it ready-made (checkrun.h passes it on):
 *   - the ignore file SRC/.tendcheckignore (core/skiplist.h) must compile;
 *   - with annotations (--format github, GITHUB_ACTIONS=true without
 *     --format, --codequality): the repository root they name files from,
 *     `git rev-parse --show-toplevel` in SRC, else none (the current
 *     folder);
 *   - with --changed-since REV: the sources changed in the work tree since
 *     the commit where HEAD's branch left REV (`git merge-base HEAD REV`,
 *     else REV itself), `git diff --name-only --no-renames --relative
 *     BASE` in SRC (both names of a rename, deletions too) and the
 *     untracked files git does not ignore (`git ls-files --others
 *     --exclude-standard`), turned into
 *     the output files they make (checkprep_map()). git runs through
 *     core/spawn.h, found in $PATH (by env(1)), its stderr thrown away.
 *
 * Messages: one line each, printed here (log.h): the error, or what
 * --changed-since will check. Allocation failure exits (xalloc.h).
 */
#ifndef TEND_CHECKPREP_H
#define TEND_CHECKPREP_H

#include <stdbool.h>

#include "cli.h"
#include "strlist.h"

struct checkprep {
	char *repo;		/* owned: the repository root, or NULL */
	char *changed;		/* owned: output files, one per line, or
				 * NULL: every page */
};

#define CHECKPREP_INIT { NULL, NULL }

/*
 * Work the above out for o (tend check's options; SRC is o->src) and point
 * o->check_repo and o->check_changed at it. 0, or 2 (exit status: a bad
 * ignore file, SRC not in a git work tree, a bad REV, git missing) with
 * the error printed.
 */
int checkprep_run(struct tend_opts *o, struct checkprep *cp);
void checkprep_release(struct checkprep *cp);

/*
 * The built-in builder's output files for the changed sources (paths
 * relative to SRC) into out: x.md or x.markdown (any case) makes x.html,
 * index.md and README.md make their folder's index.html, another file is
 * copied as it is; names starting with '.' are not published (skipped).
 * Returns false, with why (len bytes) said, when every page must be
 * checked: a layout or other '_' file, or the ignore file, changed; or
 * builtin is false (a generator: a source's page is not known), unless
 * nothing changed.
 */
bool checkprep_map(const struct strlist *sources, bool builtin,
    struct strlist *out, char *why, size_t len);

#endif
