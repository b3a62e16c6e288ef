/*
 * docs.h - what one build of the built-in builder knows about the site's
 * pages: the layout, the page list and navigation (nav.h), and which pages
 * an incremental build must render again.
 *
 * docs_open() reads SRC/_layout.html (else the built-in layout) and the
 * theme's extras (theme.h), and scans
 * SRC for Markdown pages. A page's title, order and draft flag come from
 * its front matter (or first heading); they are cached in the output as
 * `.tend-pages` (a dotfile: never served) with the page's size, mtime and
 * inode, so an incremental build reads only the pages that changed.
 *
 * What an unchanged page shows of others: the nav and prev/next (titles,
 * order, the set of pages) and links to README.md (index or not). The
 * cache also holds hashes of both, so an edit of one page's body renders
 * that page only, while a new title, order or page renders every page whose
 * layout shows the nav.
 */
#ifndef TEND_DOCS_H
#define TEND_DOCS_H

#include <stdbool.h>
#include <stddef.h>

#include "layout.h"
#include "page.h"
#include "strlist.h"

/* The page cache's name in the output folder. */
#define DOCS_CACHE_NAME ".tend-pages"

/*
 * A page's source and the layout are read whole into memory, by jobs that
 * cannot be stopped midway: one larger than this fails the build, with a
 * message that names it ("page 'x.md' is over 16 MiB"), and is not read.
 */
#define DOCS_SOURCE_MAX (16u << 20)
#define DOCS_SOURCE_MAX_STR "16 MiB"

struct docs_config {
	const char *src;	/* absolute */
	const char *live;	/* the live output folder (may not exist) */
	/* Is this entry (its name, its path below SRC) published? link:
	 * false when it is known not to be a symlink. */
	bool (*published)(void *arg, const char *name, const char *rel,
	    bool link);
	void *arg;
	bool drafts;		/* publish `draft: true` pages */
	/* The build's worker threads (not owned; NULL: none), which read
	 * the pages for their titles when there are many; the scan leaves it
	 * idle (or aborted, when it fails). */
	struct pool *pool;
	/* Polled during the scan (between pages; every 20 ms while the pool
	 * reads); true ends it: docs_open() fails ("build aborted"). */
	bool (*should_abort)(void *arg);	/* may be NULL */
	void *abort_arg;
	const struct strlist *changed;	/* NULL: a full build */
	layout_warn_fn *warn;	/* one line per warning */
	void *warn_arg;
	const struct include_src *include;	/* for {{#include}}: NULL none */
};

struct docs;
struct pool;

/* Read the file name below dirfd whole, at most DOCS_SOURCE_MAX bytes: 0,
 * or -1 with errno (EFBIG: larger). */
int docs_read_source(int dirfd, const char *name, char **data, size_t *len);

/*
 * Read the layout and scan the pages. c is read during the call, not kept:
 * the docs keep only its warn, warn_arg and the number of changed paths,
 * until docs_rebind(). 0, or -1 with a message in err and errno set
 * (ECANCELED: should_abort(); EFBIG: a page or the layout too big).
 */
int docs_open(const struct docs_config *c, struct docs **out, char *err,
    size_t errlen);

/*
 * Use the page list of an earlier build (kept by the caller) for a new
 * one: c is this build's config, read during the call only (NULL: none,
 * for the list kept between builds: warnings are not passed on); warnings
 * are counted anew, no page must be rendered again for what others show
 * (docs_must_render() is false), and the cache is not saved again.
 */
void docs_rebind(struct docs *d, const struct docs_config *c);

/*
 * Does the page at rel, whose source is now md, still show other pages the
 * title, order and draft flag the list has for it (is the nav the same)?
 * The page cache keeps its line: what it says of the page stays true, and a
 * stat that no longer matches only makes a later scan read the page again.
 */
bool docs_shows_same(const struct docs *d, const char *rel, const char *md,
    size_t len);

/* The output path below the output folder of the page at rel
 * ("guide/index.html"), or NULL if it is not published. */
const char *docs_out_path(const struct docs *d, const char *rel);

/* The output file name (no folder) of the page at rel ("index.html"), or
 * NULL if it is not published (a draft without --drafts). */
const char *docs_out_name(const struct docs *d, const char *rel);

/* The source of the page at the top's index.html ("index.md", a book's
 * first chapter "title-page.md", navtree.h's NAVTREE_HOME), or NULL. */
const char *docs_home_source(const struct docs *d);

/* In an incremental build, must the unchanged page at rel be rendered again
 * (what it shows of other pages changed: its nav or pager shows something
 * else than when the live cache was written, or links to a README may have
 * changed)? A new title renders the pages that show it, not the site. */
bool docs_must_render(const struct docs *d, const char *rel);

/* About how many pages the build renders: the site's, or in an
 * incremental build the changed ones and those that show a change. */
size_t docs_render_hint(const struct docs *d, bool incremental);

/* Render the page at rel (its source md, len bytes). 0, or -1. */
int docs_render(struct docs *d, const char *md, size_t len, const char *rel,
    struct page *out);

/* Write the page cache into the staged generation (dirfd). 0 or -1/errno. */
int docs_save(const struct docs *d, int dirfd);

/* Warnings so far (layout, index candidates, page.KEY). */
unsigned docs_warnings(const struct docs *d);

void docs_close(struct docs *d);

#endif
