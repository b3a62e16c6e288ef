/*
 * navbook.h - the page list in SUMMARY.md's order (summary.h), as mdBook
 * shows a book.
 *
 * After navtree_finish() (output names and index pages chosen from the
 * files), navbook_apply() replaces the folders by the book's groups:
 *   - the root group lists the home page first (the root's index page, or
 *     the generated one) unless SUMMARY.md lists it, then every line of
 *     SUMMARY.md in order: part titles, separators and draft chapters as
 *     labels (NAVTREE_LABEL), chapters as pages;
 *   - a chapter with sub-chapters becomes a group (a folder of the tree)
 *     whose index is the chapter's page (a draft's group has its text as
 *     label); its sub-chapters are its items;
 *   - a page takes SUMMARY.md's title as its label, and a numbered
 *     chapter its number;
 *   - prev/next (seq) follow SUMMARY.md, depth first;
 *   - a page SUMMARY.md does not list is still built, but is in no group
 *     and has no place in the order (seq NAVTREE_NONE): its nav shows the
 *     book without a current page, and it has no prev/next (as mdBook,
 *     which does not build it at all);
 *   - a link to no page is a warning "SUMMARY.md:LINE: ..." and shows as
 *     a draft; a link to a page known but not published (hidden: a draft
 *     page without --drafts) shows as a draft without a warning; a page
 *     listed twice is a warning, and only its first line counts.
 * n->book gets a hash of what SUMMARY.md makes of the nav.
 */
#ifndef TEND_NAVBOOK_H
#define TEND_NAVBOOK_H

#include "navtree.h"
#include "strmap.h"
#include "summary.h"

/* Apply s (file: its name, for messages); hidden: sources known not to be
 * published (may be NULL). Returns the number of warnings. */
unsigned navbook_apply(struct navtree *n, const struct summary *s,
    const char *file, const struct strmap *hidden, navtree_warn_fn *warn,
    void *arg);

#endif
