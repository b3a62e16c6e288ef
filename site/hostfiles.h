/*
 * hostfiles.h - the files that a host reads from the top of the deployed
 * folder: Netlify's and Cloudflare Pages' `_redirects` and `_headers`. The
 * built-in builder publishes them as they are, although other names
 * starting with '_' (layouts, partials) are not published; tend-serve
 * honours them (server/rules.h). So are the theme's `_extra.css` and
 * `_extra.js` (theme.h), which every page links.
 */
#ifndef TEND_HOSTFILES_H
#define TEND_HOSTFILES_H

#include <stdbool.h>

/* Is rel (a path below SRC) one of them: "_redirects", "_headers",
 * "_extra.css" or "_extra.js" at the top of SRC? */
bool hostfiles_is(const char *rel);

#endif
