/*
 * srcpos.h - the source line of each broken link: fills the src, src_line
 * and src_col of a result's failures (result.h), for the reports.
 *
 * With the built-in builder's link map (--links, site/linkmap.h): a
 * failure's page is found by its file below the output (the result's page
 * info; else its URL path, "/d/" as d/index.html), and its link among the
 * page's records: the first record of the page whose value is the link as
 * written, else the first of the layout's (a {{ placeholder }} in a
 * layout's value stands for any text). Without a map, or for a link the
 * map does not have (a static page, a link in a MkDocs admonition's body,
 * which Markdown alone reads as code), the sources below SRC are searched
 * (core/srcfind.h).
 * A failure that is found gets its source file below SRC; one that is not
 * gets src "" and line 0 ("source not found"); the page's own failures
 * (link "") are left alone (src NULL).
 *
 * An unreadable or malformed map is as no map (the search is used), with a
 * warning in r->warnings. Allocation failure exits (xalloc.h).
 */
#ifndef TEND_SRCPOS_H
#define TEND_SRCPOS_H

#include <stdbool.h>

#include "result.h"

/* Fill r's failures' positions from the map at links (may be NULL) and
 * the sources below src, skipping the output folder root (may be NULL). */
void srcpos_fill(struct result *r, const char *src, const char *links,
    const char *root);

/* Does a layout's value pat ({{ x }} matching any text) match s? */
bool srcpos_match(const char *pat, const char *s);

#endif
