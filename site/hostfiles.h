/*
 * hostfiles.h - the files that a host reads from the top of the deployed
 * folder: Netlify's and Cloudflare Pages' `_redirects` and `_headers`. The
 * built-in builder publishes them as they are, although other names
 * starting with '_' (layouts, partials) are not published; tend-serve
 * honours them (server/rules.h). So are the theme's `_extra.css` and
 * `_extra.js` (theme.h), which every page links.
 *
 * It also writes an empty `.nojekyll` at the top of the output, as mdBook
 * does: GitHub Pages' default Jekyll build drops folders starting with '_',
 * and with them `_tend/` (the search index, KaTeX). Being a dotfile, it is
 * neither served by tend-serve nor named to the browser as a change.
 */
#ifndef TEND_HOSTFILES_H
#define TEND_HOSTFILES_H

#include <stdbool.h>

struct delta;

/* The name of the file that turns GitHub Pages' Jekyll off. */
#define HOSTFILES_NOJEKYLL ".nojekyll"

/* Is rel (a path below SRC) one of them: "_redirects", "_headers",
 * "_extra.css" or "_extra.js" at the top of SRC? */
bool hostfiles_is(const char *rel);

/*
 * Stage HOSTFILES_NOJEKYLL at the top of the output (dstfd: the staged top
 * folder; livefd: the live one, or -1), as delta.h stages a file: a full
 * build links the live one or writes it; a delta build writes it only if
 * the live generation lacks it, and otherwise leaves it be (a delta build
 * removes no dotfile). Call it after the pages are rendered (the written
 * list is not locked). 0, or -1 with errno.
 */
int hostfiles_stage_nojekyll(struct delta *out, int dstfd, int livefd);

#endif
