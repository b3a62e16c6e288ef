/*
 * graph.h - what a `tend check` crawl has found: the site's distinct URLs
 * (targets), the HTML pages parsed and their links, the external links.
 * No network: crawl.c fetches the targets and records what they answered;
 * verdict.h judges the graph once the crawl is done.
 *
 * Calling protocol (crawl.c):
 *   1. g = graph_new(origin, max_pages, r): r is the crawl's result, where
 *      external links and truncation are recorded.
 *   2. graph_list_files(g, root) to know the *.html files served.
 *   3. t = graph_target(g, url, path); set t->start; graph_want(t).
 *   4. While graph_next(g) gives a target: fetch it (state RUNNING), fill in
 *      what it answered (state DONE); for an HTML page answered 200,
 *      graph_parse_page(), which adds the targets its links name (unless
 *      graph_is_listing() says it is tend's listing of a folder without
 *      index.html: then set t->no_index). When nothing is left,
 *      graph_add_orphans() once, and go on.
 *   5. Judge graph_pages() and graph_targets(); graph_free(g).
 *
 * Memory: the records below are plain so that the fetcher can fill them in
 * and the verdict read them; the graph makes and frees them all
 * (graph_free()), including what the fetcher stored in a target's ctype.
 * Allocation failure exits (xalloc.h). Not thread-safe.
 */
#ifndef TEND_GRAPH_H
#define TEND_GRAPH_H

#include <stdbool.h>
#include <stddef.h>

#include "html.h"
#include "result.h"

enum graph_target_state {
	TARGET_NEW,		/* known, not to be fetched (yet) */
	TARGET_QUEUED,		/* to be given by graph_next() */
	TARGET_RUNNING,		/* being fetched */
	TARGET_DONE,		/* fetched (or the transfer failed) */
};

struct graph_page;

/* One distinct URL (without fragment) of the site, fetched at most once. */
struct graph_target {
	char *url;		/* owned: absolute; the graph's key */
	char *path;		/* owned: path?query, for reports */
	enum graph_target_state state;
	bool start;		/* a start page: must be an HTML page */
	/* The rest is what it answered, set by the fetcher when DONE. */
	bool redirect_out;	/* redirected outside the site */
	bool too_big;		/* an HTML page over VERDICT_MAX_BODY */
	bool no_index;		/* tend's listing of a folder without
				 * index.html (graph_is_listing()) */
	long status;		/* HTTP status; 0 if the transfer failed */
	char *ctype;		/* owned (freed by the graph): Content-Type,
				 * or NULL */
	const char *error;	/* static: why the transfer failed, or NULL */
	double secs;		/* how long the transfer took */
	struct graph_target *redirect;	/* an internal Location, or NULL */
	struct graph_page *page;	/* the parsed page it names (shared by
					 * the URLs of one file), or NULL */
};

/* One internal or invalid link of a page, checked once the crawl is done. */
struct graph_link {
	char *ref;		/* owned: as written */
	char *frag;		/* owned: its fragment, or NULL */
	struct graph_target *t;	/* a target of the graph; NULL: not a URL */
	enum link_kind kind;
};

/* One HTML file of the site, parsed once whatever URLs named it. */
struct graph_page {
	char *ident;		/* owned: the file, "/d/index.html" */
	char *path;		/* owned: the shortest URL path it was
				 * reached under, "/d/" */
	struct html_ids ids;	/* owned: what a #fragment may name */
	double secs;		/* how long its first fetch took */
	struct graph_link *links;	/* owned: distinct values, in
					 * document order */
	size_t nlinks;
};

struct graph;

/*
 * A new, empty graph. origin is the site's, as url.h's url.origin (copied);
 * at most max_pages pages are parsed and 16 * max_pages targets made.
 * r (borrowed, must outlive the graph) receives the external links and
 * r->truncated.
 */
struct graph *graph_new(const char *origin, size_t max_pages,
    struct result *r);
struct skiplist;

/*
 * Leave out, from now on, the links of a page that a rule of skip
 * (borrowed, must outlive g; NULL: none) matches as written or resolved
 * (skiplist.h): they are neither fetched, listed nor judged, only counted
 * in r->skipped, once per page and distinct value.
 */
void graph_set_skip(struct graph *g, const struct skiplist *skip);

/*
 * The site is served under the base path base ("/docs/", basepath.h;
 * copied; NULL or "/": none): the file root/x.html is the URL path
 * BASEx.html (graph_add_orphans(), graph_is_listing()).
 */
void graph_set_base(struct graph *g, const char *base);
/* Free g and every target and page it made; g may be NULL. */
void graph_free(struct graph *g);

/*
 * Remember the *.html / *.htm files below root, for graph_add_orphans():
 * names starting with '.' are skipped; symlinks to files count, symlinks to
 * folders are not followed. The walk is core/walk.h's: WALK_MAX_DEPTH
 * folders deep, each folder once. A folder that is not listed (too deep,
 * unreadable, reached twice through a bind mount) adds a line to
 * r->warnings; past 1000000 files the rest are left out (a warning, and
 * r->truncated). 0, or -1 with errno if root cannot be read.
 */
int graph_list_files(struct graph *g, const char *root);

/*
 * Is t (answered 200 with HTML) tend's listing of a folder, one that has no
 * index.html? True when t's path (without its query) ends with '/' and the
 * folder it names below root (as given to graph_list_files(); without it,
 * never) holds no index.html that a server could serve.
 */
bool graph_is_listing(const struct graph *g, const struct graph_target *t);

/* Free a page and its links (the graph does this for its own pages). */
void graph_page_free(struct graph_page *p);

/*
 * The target for an absolute internal URL (path: its path?query), made
 * (TARGET_NEW) if new; NULL (and r->truncated) when the graph is full.
 */
struct graph_target *graph_target(struct graph *g, const char *url,
    const char *path);

/* Have t (may be NULL) fetched once, if it is new. Targets are given by
 * graph_next() in order of discovery: breadth first. */
void graph_want(struct graph_target *t);

/* The next queued target (still TARGET_QUEUED: set its state), or NULL. */
struct graph_target *graph_next(struct graph *g);

/*
 * Parse the HTML page t answered with (len bytes) unless its file was
 * parsed already (then t->page is that page, named by the shorter URL).
 * Its internal links become targets, queued; the external ones are added
 * with graph_add_external(), and the http(s) ones to r's extlinks too
 * (result_add_extlink(), by the page's file). Past max_pages (r->truncated) or if the
 * parser fails, the page is skipped.
 */
void graph_parse_page(struct graph *g, struct graph_target *t,
    const char *html, size_t len);

/* List an external link in r->external once; data: URLs by their media
 * type only, others cut at 2000 bytes. */
void graph_add_external(struct graph *g, const char *ref);

/*
 * Queue, as start pages, the listed files that no page parsed so far is.
 * base is the site's URL with its final '/' (its base path included).
 */
void graph_add_orphans(struct graph *g, const char *base);

/* Every target, in order of discovery; the pages, in order of parsing.
 * Valid until the graph changes. */
struct graph_target *const *graph_targets(const struct graph *g,
    size_t *n);
struct graph_page *const *graph_pages(const struct graph *g,
    size_t *n);

#endif
