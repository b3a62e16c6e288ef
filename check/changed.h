/*
 * changed.h - `tend check --changed-since REV`'s choice of pages: tend
 * finds the output files built from the sources changed since REV
 * (builder/checkprep.h) and tend-crawl judges the pages among them in
 * full, and on the other pages the links that lead into one of them (a
 * changed page, image or file, or a page removed): a site-wide nav links
 * every page to the changed one, and only those links may have broken
 * with the change. The whole site is still crawled (a page's links are
 * only known once it is parsed); the pages left with nothing to judge
 * are counted (result.h: pages_skipped). Pure: no network, no file
 * system, nothing printed.
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
 * What to judge of pages[0..n), in their order, as *kept new copies of
 * them (their strings and ids borrowed from pages): those whose file is
 * in changed with all their links, the others with their links that lead
 * into changed (followed through the site's redirects), those with none
 * left out. Free them with changed_free().
 */
struct graph_page **changed_filter(struct graph_page *const *pages,
    size_t n, const struct strlist *changed, size_t *kept);
void changed_free(struct graph_page **kept, size_t n);

#endif
