/*
 * hostfiles.h - the files that a host reads from the top of the deployed
 * folder: Netlify's and Cloudflare Pages' `_redirects` and `_headers`. The
 * built-in builder publishes them as they are, although other names
 * starting with '_' (layouts, partials) are not published; tend-serve
 * honours them (server/rules.h).
 */
#ifndef TEND_HOSTFILES_H
#define TEND_HOSTFILES_H

#include <stdbool.h>

/* Is rel (a path below SRC) one of them: "_redirects" or "_headers" at the
 * top of SRC? */
bool hostfiles_is(const char *rel);

#endif
