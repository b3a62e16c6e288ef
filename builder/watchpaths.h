/*
 * watchpaths.h - the paths outside SRC that start a build too: each
 * `--watch PATH`, and the `watch:` list of a detected MkDocs project's
 * mkdocs.yml (MkDocs' own `mkdocs serve` watches them).
 *
 * A --watch PATH is taken from the current folder; a watch: entry from the
 * folder of mkdocs.yml, as MkDocs does. Each is resolved (realpath) once,
 * at start, and must be a file or a folder:
 *   - a missing --watch PATH, or one that is neither a file nor a folder,
 *     is an error (usage: exit 2); a missing watch: entry is a warning and
 *     is left out (MkDocs reports its own configuration);
 *   - a path inside the output folder is an error: each build would start
 *     another;
 *   - a path inside SRC is watched already: said (-v) and left out;
 *   - a path named twice is watched once.
 * Messages are logged here (the caller with the context).
 */
#ifndef TEND_WATCHPATHS_H
#define TEND_WATCHPATHS_H

#include <stddef.h>

#include "cli.h"
#include "strlist.h"

/* Paths watched besides SRC, at most (mkdocs.yml's beyond: a warning). */
#define WATCHPATHS_MAX 64

/* What to watch besides SRC: absolute, resolved paths. */
struct watchpaths {
	struct strlist dirs;	/* folders, watched with all below them */
	struct strlist files;	/* single files */
};

#define WATCHPATHS_INIT { STRLIST_INIT, STRLIST_INIT }

/*
 * Fill w from o's --watch paths and, when mkdocs_yml is not NULL (the
 * absolute path of a MkDocs project's config file), from its watch: list.
 * src and out are absolute. 0, or -1 after an error line (exit 2).
 */
int watchpaths_collect(struct watchpaths *w, const struct tend_opts *o,
    const char *mkdocs_yml, const char *src, const char *out);

/*
 * The entries of the top-level `watch:` list of a mkdocs.yml whose text is
 * yaml (NUL-terminated): a block list ("watch:" then "- path" lines) or a
 * flow list ("watch: [a, 'b c']"); quotes removed, comments left out, an
 * entry with a YAML tag (!ENV) skipped. Added to entries, as written;
 * returns how many.
 */
size_t watchpaths_mkdocs(const char *yaml, struct strlist *entries);

void watchpaths_release(struct watchpaths *w);

#endif
