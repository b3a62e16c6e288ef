/*
 * linkgraph.h - what a `tend check` crawl has found: the site's distinct
 * URLs (targets), the HTML pages parsed and their links, the external links.
 * No network: crawl.c fetches the targets and records what they answered;
 * verdict.h judges the graph once the crawl is done.
 *
 * Calling protocol (crawl.c):
 *   1. g = linkgraph_new(origin, max_pages, r): r is the crawl's result,
 *      where external links and truncation are recorded.
 *   2. linkgraph_list_files(g, root) to know the *.html files served.
 *   3. t = linkgraph_target(g, url, path); set t->start; linkgraph_want(t).
 *   4. While linkgraph_next(g) gives a target: fetch it (state RUNNING),
 *      fill in what it answered (state DONE); for an HTML page answered 200,
 *      linkgraph_parse_page(), which adds the targets its links name.
 *      When nothing is left, linkgraph_add_orphans() once, and go on.
 *   5. Judge linkgraph_pages() and linkgraph_targets(); linkgraph_free(g).
 *
 * The records below are plain so that the fetcher can fill them in and the
 * verdict read them; the graph makes and frees them all (linkgraph_free()),
 * including what the fetcher stored in a target's ctype. Not thread-safe.
 */
#ifndef TEND_LINKGRAPH_H
#define TEND_LINKGRAPH_H

#include <stdbool.h>
#include <stddef.h>

#include "crawl.h"
#include "links.h"

enum crawl_target_state {
	TARGET_NEW,		/* known, not to be fetched (yet) */
	TARGET_QUEUED,		/* to be given by linkgraph_next() */
	TARGET_RUNNING,		/* being fetched */
	TARGET_DONE,		/* fetched (or the transfer failed) */
};

struct crawl_page;

/* One distinct URL (without fragment) of the site, fetched at most once. */
struct crawl_target {
	char *url;		/* owned: absolute; the graph's key */
	char *path;		/* owned: path?query, for reports */
	enum crawl_target_state state;
	bool start;		/* a start page: must be an HTML page */
	/* The rest is what it answered, set by the fetcher when DONE. */
	bool redirect_out;	/* redirected outside the site */
	bool too_big;		/* an HTML page over CRAWL_MAX_BODY */
	long status;		/* HTTP status; 0 if the transfer failed */
	char *ctype;		/* owned (freed by the graph): Content-Type,
				 * or NULL */
	const char *error;	/* static: why the transfer failed, or NULL */
	struct crawl_target *redirect;	/* an internal Location, or NULL */
	struct crawl_page *page;	/* the parsed page it names (shared by
					 * the URLs of one file), or NULL */
};

/* One internal or invalid link of a page, checked once the crawl is done. */
struct crawl_link {
	char *ref;		/* owned: as written */
	char *frag;		/* owned: its fragment, or NULL */
	struct crawl_target *t;	/* a target of the graph; NULL: not a URL */
	enum link_kind kind;
};

/* One HTML file of the site, parsed once whatever URLs named it. */
struct crawl_page {
	char *ident;		/* owned: the file, "/d/index.html" */
	char *path;		/* owned: the shortest URL path it was
				 * reached under, "/d/" */
	struct links_ids ids;	/* owned: what a #fragment may name */
	struct crawl_link *links;	/* owned: distinct values, in
					 * document order */
	size_t nlinks;
};

struct linkgraph;

/*
 * A new, empty graph. origin is the site's, as links_url.origin (copied);
 * at most max_pages pages are parsed and 16 * max_pages targets made.
 * r (borrowed, must outlive the graph) receives the external links and
 * r->truncated.
 */
struct linkgraph *linkgraph_new(const char *origin, size_t max_pages,
    struct crawl_result *r);
void linkgraph_free(struct linkgraph *g);

/*
 * Remember the *.html / *.htm files below root (names starting with '.'
 * skipped; symlinks to files followed, to folders not; 32 folders deep and
 * 1000000 files at most), for linkgraph_add_orphans(). 0, or -1 with errno if root cannot
 * be read; unreadable subfolders are skipped.
 */
int linkgraph_list_files(struct linkgraph *g, const char *root);

/* Free a page and its links (the graph does this for its own pages). */
void linkgraph_page_free(struct crawl_page *p);

/*
 * The target for an absolute internal URL (path: its path?query), made
 * (TARGET_NEW) if new; NULL (and r->truncated) when the graph is full.
 */
struct crawl_target *linkgraph_target(struct linkgraph *g, const char *url,
    const char *path);

/* Have t (may be NULL) fetched once, if it is new. Targets are given by
 * linkgraph_next() in order of discovery: breadth first. */
void linkgraph_want(struct crawl_target *t);

/* The next queued target (still TARGET_QUEUED: set its state), or NULL. */
struct crawl_target *linkgraph_next(struct linkgraph *g);

/*
 * Parse the HTML page t answered with (len bytes) unless its file was
 * parsed already (then t->page is that page, named by the shorter URL).
 * Its internal links become targets, queued; the external ones are added
 * with linkgraph_add_external(). Past max_pages (r->truncated) or if the
 * parser fails, the page is skipped.
 */
void linkgraph_parse_page(struct linkgraph *g, struct crawl_target *t,
    const char *html, size_t len);

/* List an external link in r->external once; data: URLs by their media
 * type only, others cut at 2000 bytes. */
void linkgraph_add_external(struct linkgraph *g, const char *ref);

/*
 * Queue, as start pages, the listed files that no page parsed so far is.
 * base is the site's URL with its final '/'.
 */
void linkgraph_add_orphans(struct linkgraph *g, const char *base);

/* Every target, in order of discovery; the pages, in order of parsing.
 * Valid until the graph changes. */
struct crawl_target *const *linkgraph_targets(const struct linkgraph *g,
    size_t *n);
struct crawl_page *const *linkgraph_pages(const struct linkgraph *g,
    size_t *n);

#endif
