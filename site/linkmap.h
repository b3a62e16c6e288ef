/*
 * linkmap.h - for `tend check` with the built-in builder: which source made
 * each page of a build and where each of its links is written, in a file
 * tend-crawl reads (check/srcpos.h) to name the source line of a broken
 * link.
 *
 * The file (text, UTF-8, one record a line, fields tab-separated):
 *	tend-links 1
 *	L	_layout.html		the layout's links, for every page
 *		LINE	COL	HREF
 *	P	guide/a.html	guide/a.md	a page: its output path, its source
 *		LINE	COL	HREF	...its links, in document order
 * Paths are below the output folder and SRC. HREF is the value of the
 * attribute as the page's HTML has it (parsed: entities decoded), after
 * tend rewrote links to .md pages (page.h): the value tend-crawl sees.
 * LINE and COL are 1-based, COL in characters (links.h). A link is in a
 * page's body if its record is there, else in the layout if the L record
 * has it. Names and values holding a tab or a newline are left out. Links
 * the layout makes ({{ nav }}, the built-in layout's) have no record.
 *
 * The pages are those of the build's page cache (docs.h's .tend-pages),
 * read from the output folder; their sources are read again (at most
 * DOCS_SOURCE_MAX each), so this costs about one Markdown parse per page.
 */
#ifndef TEND_LINKMAP_H
#define TEND_LINKMAP_H

#include <stddef.h>

#define LINKMAP_HEADER "tend-links 1"

/*
 * Write the file path for the build of src (absolute) in out. 0, or -1
 * with errno and a one-line message in err. A page that cannot be read is
 * left out (its links are then "source not found").
 */
int linkmap_write(const char *src, const char *out, const char *path,
    char *err, size_t errlen);

#endif
