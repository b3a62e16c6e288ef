/*
 * suggest.h - after a crawl, the file a broken link meant: a link that
 * answered 404 but whose path names a file of the output folder once the
 * case of its letters is ignored (img/screenshot.png for the file
 * img/Screenshot.png: it works on a case-insensitive disk, and fails on
 * the host). Only ASCII letters are folded. Reads the output folder; no
 * network, nothing printed. Allocation failure exits (xalloc.h).
 */
#ifndef TEND_SUGGEST_H
#define TEND_SUGGEST_H

#include "result.h"

/*
 * For each failure of r whose reason is "404", set its hint (result.h) to
 * the file below root that its target names but for case, if there is
 * exactly one, as a path from the site's root, percent-decoded
 * ("/img/Screenshot.png"). Files and folders whose names start with '.'
 * are never suggested. With a base path (basepath.h; NULL or "/": none),
 * root's files are served below it: a target below base is looked up
 * without it, and a target outside it that names a file of root (in any
 * case) is a link that forgot the base: its hint is the path with it.
 */
void suggest_case(struct result *r, const char *root, const char *base);

#endif
