/*
 * changed.h - `tend check --changed-since REV`'s choice of pages: tend
 * finds the output files built from the sources changed since REV
 * (builder/changed.h) and tend-crawl judges only the pages among them and
 * the pages that link to one of them (a link into a changed page, an
 * image or file that changed, or a page removed). The whole site is still
 * crawled (a page's links are only known once it is parsed); the other
 * pages are left out of the verdict and counted (result.h:
 * pages_skipped). Pure: no network, no file system, nothing printed.
 * Allocation failure exits (xalloc.h).
 */
#ifndef TEND_CHANGED_H
#define TEND_CHANGED_H

#include <stdbool.h>
#include <stddef.h>

#include "graph.h"
#include "strlist.h"

/*
 * Does the URL path (path?query, percent-encoded, from the site's root)
 * name one of changed (output files relative to the output folder,
 * "guide/index.html", "img/a.png")? "/d/" names "d/index.html", the clean
 * URL "/a" "a.html", as tend's server maps them.
 */
bool changed_names(const struct strlist *changed, const char *path);

/*
 * The pages of pages[0..n) to judge: those whose file is in changed and
 * those with a link to one (followed through the site's redirects), in
 * their order, as a new array (free() it) of *kept entries.
 */
struct graph_page **changed_filter(struct graph_page *const *pages,
    size_t n, const struct strlist *changed, size_t *kept);

#endif
