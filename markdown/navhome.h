/*
 * navhome.h - the generated home page of a site without an index page of
 * its own at its root (navtree.h's NAVTREE_HOME): its Markdown, the
 * site's name as the h1 and the site's contents (the nav, every page of
 * it, not collapsed) as nested lists, in nav order: a page as a link to
 * its source (page.c makes it the page's output), a folder without an
 * index page or a draft chapter as text, SUMMARY.md's part titles as h2
 * and its separators as rules. Titles are escaped for Markdown.
 */
#ifndef TEND_NAVHOME_H
#define TEND_NAVHOME_H

#include "buf.h"
#include "navtree.h"

/* Append the home page's Markdown (title: the site's name) to out. */
void navhome_markdown(const struct navtree *t, const char *title,
    struct buf *out);

#endif
