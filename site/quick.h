/*
 * quick.h - an edit of a few files, built without walking SRC.
 *
 * Under `tend serve` the parent keeps the page list of its last successful
 * build of the built-in builder (struct site_memo, site.h). The next
 * incremental build is quick when every changed path is
 *   - a page of that list that still shows the same title, order and draft
 *     flag to the others (so no other page changes), or
 *   - another regular file published by that build (the live output holds
 *     it), but not an .html file (a page may make one of that name),
 * with no name starting with '_' or '.' on the way, in a SRC that
 * publishes no symlinks, and with the live page cache as that build left
 * it (nobody else changed the output). Then only those files are rendered
 * or copied, and published as a delta (publish.c): a request still gets
 * the whole file of one build. Anything else (a new, removed or renamed
 * path, a folder, a template, a new title) is built by the walk (site.c).
 *
 * Its cost follows the change: no walk of SRC nor of the output, and the
 * page cache is not written again (docs_shows_same()).
 */
#ifndef TEND_QUICK_H
#define TEND_QUICK_H

#include <stddef.h>

#include "site.h"
#include "strlist.h"

/*
 * site_build(), quick when it can be (cfg->memo set, see above): 0, or -1
 * with a one-line message in err (the live output is as it was). A failed
 * build drops the memo.
 */
int quick_site_build(const struct site_config *cfg, struct site_stats *stats,
    struct strlist *outputs, char *err, size_t errlen);

/* Forget what the memo holds. */
void quick_forget(struct site_memo *m);

#endif
