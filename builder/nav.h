/*
 * nav.h - the site's page list: output names, navigation, prev/next.
 *
 * Pages are added by source path; nav_finish() then decides:
 *   - each folder's index: `index.md`, else `README.md` (any case), becomes
 *     the folder's `index.html`; with both, index.md wins and README.md
 *     stays README.html (a warning); every other `x.md` becomes `x.html`;
 *   - the order: in each folder, pages and sub-folders (titled and ordered
 *     by their index page) sort by `order`/`weight` (those with one first,
 *     lower first), then by title (case-insensitive), then by name;
 *   - prev/next follow that order depth first (a folder's index page, then
 *     its items), the root's index first of all.
 * nav_render() writes the tree as nested lists; folders are <details> groups,
 * open when they hold the current page, which gets aria-current="page".
 * A site of more than NAV_FULL_MAX pages gets a collapsed nav instead of
 * the whole tree: the top level, each folder on the way to the current
 * page open with its items (so the page's siblings too), and every other
 * folder as one link, <li class="folder closed">, to its index page (else
 * to its first page, named by the folder). Its size is bounded by depth x
 * fan-out, not by the number of pages, so a site's build stays linear.
 * Links are relative (root prefix + output path to the .html file), so they
 * work from any depth and under file://. The HTML of each folder is made
 * once and shared by its pages (only the aria-current differs), so a
 * 1,000-page site costs one render per folder, not one per page.
 */
#ifndef TEND_NAV_H
#define TEND_NAV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* Up to this many pages, each page's nav shows the whole tree. */
#define NAV_FULL_MAX 200

struct nav_page {
	char *src;		/* owned: "guide/README.md" */
	char *out;		/* owned: "guide/index.html" (after finish) */
	char *title;		/* owned */
	double order;
	bool has_order;
	bool draft;
	bool index;		/* its folder's index page */
	size_t folder;		/* private: index of its folder */
	size_t seq;		/* private: position in nav order */
	size_t off;		/* private: where its link is in the folder's
				   nav HTML */
};

struct nav;

typedef void nav_warn_fn(void *arg, const char *msg);

struct nav *nav_new(void);

/* Add a page (src relative to SRC, ending in .md). */
void nav_add(struct nav *n, const char *src, const char *title,
    bool has_order, double order, bool draft);

/* Name, order and link the pages; warnings (two index candidates in one
 * folder) through warn. Returns the number of warnings. */
unsigned nav_finish(struct nav *n, nav_warn_fn *warn, void *arg);

/* The page with this source path, or NULL. */
const struct nav_page *nav_find(const struct nav *n, const char *src);

/* Append the navigation as seen from page p (root: its way up). */
void nav_render(struct nav *n, const struct nav_page *p, const char *root,
    struct buf *out);

/* Append links to the pages before and after p (nothing at the ends). */
void nav_prev(const struct nav *n, const struct nav_page *p,
    const char *root, struct buf *out);
void nav_next(const struct nav *n, const struct nav_page *p,
    const char *root, struct buf *out);

/*
 * Hashes of what other pages show of the site: titles, order, the set of
 * pages (nav_signature), and which README.md is not an index
 * (nav_names_signature: links to it change).
 */
uint64_t nav_signature(const struct nav *n);
uint64_t nav_names_signature(const struct nav *n);

/*
 * A hash of what page p's nav, prev and next show: the HTML of its nav
 * (titles, order, links, which folders are open, where p is) and the
 * pages before and after it. Where it is the same as in the last build,
 * p shows the same nav and pager, so a title, order or page-set change
 * elsewhere need not render p again; with the collapsed nav, a page's new
 * title changes it only for the pages of its folder (and below) and its
 * neighbours, a folder's new title for every page that lists the folder.
 * (A README that stops being an index changes links in page bodies, which
 * this does not cover: see nav_names_signature.) The nav is made with
 * root "../" per folder level, as nav_render() must be called.
 */
uint64_t nav_page_signature(struct nav *n, const struct nav_page *p);

void nav_free(struct nav *n);

#endif
