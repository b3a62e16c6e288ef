/*
 * result.h - what `tend check` found: the pages checked, the count of links
 * checked, the broken ones (failures), the external links. crawl.h fills one
 * in, verdict.h decides its failures, report.h prints it. Nothing here
 * knows how it was found: this is the record they share, so that none of
 * them needs another's header for it.
 *
 * Memory: a struct result owns every string it holds; result_new() makes an
 * empty one, result_free() frees it whole. Allocation failure exits
 * (xalloc.h); nothing here fails otherwise.
 */
#ifndef TEND_RESULT_H
#define TEND_RESULT_H

#include <stdbool.h>
#include <stddef.h>

#include "strlist.h"

struct result_page {
	char *file;	/* owned: its file below the output folder,
			 * "guide/index.html"; "" if it is not a page parsed */
	double secs;	/* how long fetching it took */
};

struct result_failure {
	char *page;	/* owned: URL path of the page, "/docs/a.html" */
	char *link;	/* owned: as written in the page; "" when the page
			 * itself failed (a start page that is not 200) */
	char *target;	/* owned: what it resolved to, path?query#fragment;
			 * "" if it is not a URL */
	char *reason;	/* owned: "404", "no such fragment #x",
			 * "connection refused", "more than 5 redirects"... */
	char *hint;	/* owned: the file it meant (suggest.h), or NULL */
	/* Where the link was written, when known: the source file relative
	 * to SRC ("guide/a.md", "_layout.html"), its 1-based line and
	 * column (in characters). src NULL: not looked for; src "" with
	 * line 0: looked for and not found ("source not found"). */
	char *src;	/* owned, or NULL */
	unsigned src_line, src_col;
};

/* One external http(s) link of a page (one per page and value). */
struct result_extlink {
	char *file;	/* owned: the page's file below the output folder,
			 * as result_page's file ("guide/index.html") */
	char *link;	/* owned: as written in the page */
	char *url;	/* owned: absolute, without its fragment */
};

struct result {
	struct strlist pages;	/* pages checked (URL paths), sorted */
	struct result_page *info;	/* NULL, or for each of pages
					 * (result_add_page()) */
	double secs;		/* how long the crawl took */
	size_t links;		/* internal links checked: once per page
				 * and distinct value */
	struct result_failure *failures;	/* by page, in pages' order;
						 * in a page, in document
						 * order */
	size_t nfailures;
	struct strlist external;	/* distinct external links, sorted */
	struct result_extlink *extlinks;	/* the http(s) ones, page by
						 * page, in document order */
	size_t nextlinks;
	size_t fetched;		/* HTTP requests made */
	bool interrupted;	/* the crawl was stopped: partial results */
	bool truncated;		/* the page limit was reached: partial */
	struct strlist warnings;	/* what could not be looked at, one
					 * line each ("cannot list 'a/b'
					 * below 'out': too deep"); in the
					 * order met; they fail nothing */
	size_t skipped;		/* links left out by an ignore rule
				 * (skiplist.h), once per page and value */
	size_t pages_skipped;	/* pages left out by --changed-since */
};

/* A new, empty result. */
struct result *result_new(void);

/* Append a page checked, its file and fetch time (copied) to r->pages and
 * r->info. */
void result_add_page(struct result *r, const char *path, const char *file,
    double secs);

/* Append a failure (the strings are copied). */
void result_add_failure(struct result *r, const char *page, const char *link,
    const char *target, const char *reason);

/* Append an external http(s) link of the page whose file is file (the
 * strings are copied). */
void result_add_extlink(struct result *r, const char *file, const char *link,
    const char *url);

/* Sort a list of strings bytewise (strcmp), as results list them. */
void result_sort(struct strlist *l);

/* Free r and all it holds; r may be NULL. */
void result_free(struct result *r);

#endif
