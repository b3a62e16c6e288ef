/*
 * nav.h - the site's navigation: the page list (navtree.h: names, order)
 * as HTML, and prev/next.
 *
 * nav_add() and nav_finish() make the page list (see navtree.h: folder
 * index pages, order); prev/next follow its nav order.
 * nav_render() writes the tree as nested lists; folders are <details> groups,
 * open when they hold the current page, which gets aria-current="page".
 * A book (SUMMARY.md) shows its groups the same way, its numbers as
 * <strong aria-hidden="true">1.2.</strong> before a chapter's title, part
 * titles as <li class="part-title">, drafts as <li class="draft-chapter">
 * and separators as <li class="spacer">.
 * A site of more than NAV_FULL_MAX pages gets a collapsed nav instead of
 * the whole tree: the top level, each folder on the way to the current
 * page open with its items (so the page's siblings too), and every other
 * folder as one link, <li class="folder closed">, to its index page (else
 * to its first page, named by the folder). An open folder of more than
 * NAV_WINDOW items lists the NAV_WINDOW around the one on the way, with
 * a "… N more" link (<li class="more">) to the first item left out on
 * each side. Its size is bounded by depth x NAV_WINDOW, not by the number
 * of pages, so a site's build stays linear.
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
#include "navtree.h"

/* Up to this many pages, each page's nav shows the whole tree. */
#define NAV_FULL_MAX 200
/* In a collapsed nav, an open folder lists at most this many items. */
#define NAV_WINDOW 100

struct nav;

typedef void nav_warn_fn(void *arg, const char *msg);

struct nav *nav_new(void);

/* Add a page (src relative to SRC, ending in .md). */
void nav_add(struct nav *n, const char *src, const char *title,
    bool has_order, double order, bool draft);

/*
 * Before nav_finish(): order the book by SUMMARY.md (its text, len bytes;
 * file: its name for messages; see navbook.h); note a page that exists
 * but is not published (a draft), which SUMMARY.md may name without a
 * warning; ask for a home page titled title when the root has no index
 * page (navtree.h): with a book, its first chapter when it is a page at
 * the root (mdBook's index.html), else a generated one. nav_set_book()
 * returns the book's title (its first heading, kept by the nav), or NULL.
 */
const char *nav_set_book(struct nav *n, const char *text, size_t len,
    const char *file);
void nav_hide(struct nav *n, const char *src);
void nav_set_home(struct nav *n, const char *title);

/* After nav_finish(): the source path of the generated home page
 * (NAVTREE_HOME), or NULL if the site has an index page of its own (or
 * the book's first chapter is it). */
const char *nav_home(const struct nav *n);

/* After nav_finish(): the generated home page's Markdown (navhome.h),
 * titled title, appended to out. */
void nav_home_markdown(const struct nav *n, const char *title,
    struct buf *out);

/* After nav_finish(): the site's index page (its output "index.html"),
 * generated or not, or NULL. */
const struct nav_page *nav_root_index(const struct nav *n);

/* Name, order and link the pages; warnings (two index candidates in one
 * folder, SUMMARY.md's links to no page) through warn. Returns the number
 * of warnings. */
unsigned nav_finish(struct nav *n, nav_warn_fn *warn, void *arg);

/* The page with this source path, or NULL. */
const struct nav_page *nav_find(const struct nav *n, const char *src);

/* The way up from the page at src (its path below SRC) to the site's
 * root: "../" per folder, "" at the root. A new string. */
char *nav_root_prefix(const char *src);

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
 * pages (nav_signature), and which pages a link in a page's body could
 * not name without the page list: a README.md that is no index, an index
 * spelt Index.md (nav_names_signature: links to them change).
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

/* How many pages it lists. */
size_t nav_count(const struct nav *n);

void nav_free(struct nav *n);

#endif
