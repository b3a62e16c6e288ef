/*
 * genlive.h - `tend serve`: the live link check (livecheck.h) for the
 * builds tend does not make itself: a detected generator, --cmd.
 *
 * After each successful external build (build.h's on_outputs hook, which
 * genlive_outputs() is: it calls follow.h's follow_outputs() first), the
 * HTML pages (.html, .htm) the build wrote are read from the new output:
 * the href and src of every a, link, img and script tag (not inside
 * script or style text; &amp; decoded). Links with a scheme (http:,
 * mailto:, data:, javascript:...) or to another host (//x) are left out;
 * the others are resolved as the browser would against the page's URL
 * (./, ../, root-absolute, the query dropped, %XX decoded) and judged as
 * the server serves them: a file of the output, a folder's index.html, or
 * x.html for x; else "no such page" (a page or an extensionless path) or
 * "no such file"; above the root, "outside the site"; a #fragment must be
 * an id= or name= of the target page (of the page itself for "#x"; "#" and
 * "#top" always are): else "no such anchor".
 *
 * The first build checks every HTML page of the output (at most
 * GENLIVE_MAX_PAGES: beyond, a warning says the rest is not checked);
 * later builds the pages they wrote or removed, and the pages whose links
 * (broken or not, as last scanned) point at an output the build wrote or
 * removed: a map target -> pages, filled by the scans.
 *
 * Each broken link is placed in SRC by core/srcfind.h (FILE:LINE:COL);
 * when no source is found the page's URL path stands for the file
 * ("/guide/a/ (source not found): broken link ..."). The verdicts go
 * through livecheck_report(): the terminal, the JSON log and MSG_LINKS,
 * as for the built-in builder. The check runs before the build is
 * published (on the staging folder), so its MSG_LINKS come just before
 * the build's MSG_BUILD_OK; a tab that reloads gets the lists in its
 * stream's "hello". SRC is read for positions only when links are broken.
 */
#ifndef TEND_GENLIVE_H
#define TEND_GENLIVE_H

#include "follow.h"

#define GENLIVE_MAX_PAGES 20000

/* build.h's on_outputs hook for `tend serve` (list: the changed outputs,
 * '\n'-separated or "*"; dir: the new output, NULL: in place). */
void genlive_outputs(struct build *b, const char *list, const char *dir);

#endif
