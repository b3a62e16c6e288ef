/*
 * follow.h - `tend serve --navigate`: the tabs follow the edit. When one
 * page's source was saved, the build's MSG_BUILD_OK takes the open tabs to
 * that page (Hugo's navigateToChanged); the tab already on it stays and
 * updates as it would anyway (server/client.js).
 *
 * The parent knows what changed in SRC, the server what the build changed
 * in the output: the parent sends MSG_NAVIGATE (msg.h) with the page's
 * possible output paths before the build's MSG_BUILD_OK, and the server
 * (server/reload.h) navigates to the first that the build changed. A build
 * may navigate when --navigate is given (and live reload is on), it is not
 * the first nor a full one (a layout, an overflow, ...), nothing of a
 * failed build is carried into it, and exactly one source path changed:
 *   - built-in builder: a Markdown page (x.md, x.markdown) that exists and
 *     is published (no '_' or '.' name on its path); its output is
 *     DIR/x.html, or for an index (index.md, README.md, any case)
 *     DIR/index.html: the hint names both, sent as the build starts;
 *   - a generator or --cmd: tend cannot map sources to pages, so it looks
 *     at the build's outputs: the page is the one HTML page (.html, .htm)
 *     among them whose text changed, HTML comments left out (generators
 *     rewrite every page in each build, and MkDocs stamps each with the
 *     build's date in a comment; a staged build is compared with the live
 *     output before it is published); with two or more, or none, the tabs
 *     stay. A build
 *     in place (no {out}) leaves nothing to compare with: the page is then
 *     the one HTML page it wrote.
 */
#ifndef TEND_FOLLOW_H
#define TEND_FOLLOW_H

#include <stdbool.h>

#include "build.h"
#include "msg.h"
#include "strlist.h"

/*
 * The hint for a built-in build of changed (full: a full build) after b's
 * builds so far, a new string, or NULL when the tabs must not follow it;
 * for an external build, "" when its outputs may say where to go.
 */
char *follow_hint(const struct build *b, const struct strlist *changed,
    bool full);

/*
 * A build of changed starts: queue the built-in builder's MSG_NAVIGATE on
 * q, or set b->follow when an external build's outputs are to be looked at
 * (follow_outputs()).
 */
void follow_start(struct msg_queue *q, struct build *b,
    const struct strlist *changed, bool full);

/*
 * build.h's on_outputs hook: an external build succeeded. With b->follow
 * set by follow_start(), list is its changed outputs
 * ('\n'-separated, or "*"), dir where they are now (the staging folder), or
 * NULL when the build wrote in place. Queue MSG_NAVIGATE on b->outbox for
 * the one HTML page whose bytes changed, if there is one.
 */
void follow_outputs(struct build *b, const char *list, const char *dir);

#endif
