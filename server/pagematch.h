/*
 * pagematch.h - does a changed output file concern an open page?
 *
 * A tab names its page by URL path when it subscribes to the event stream.
 * The path maps to output files as the server maps requests: "/" and
 * "/dir/" are dir/index.html; "/about" is `about`, or `about.html` (clean
 * URLs), or `about/index.html` (reached through the 301 to "/about/"). The
 * path is %-decoded here, once.
 */
#ifndef TEND_PAGEMATCH_H
#define TEND_PAGEMATCH_H

#include <stdbool.h>

/* True if the output file changed (relative, e.g. "guide/a.html") is the
 * page at URL path page (e.g. "/guide/a"). */
bool pagematch(const char *page, const char *changed);

#endif
