/*
 * bookalias.h - the old name of a book's first chapter. When SUMMARY.md's
 * first chapter is the home page (navtree.h: `title-page.md` is built as
 * index.html), mdBook would also have made `title-page.html`: the built-in
 * builder writes a small page of that name that sends the browser to
 * index.html (its #fragment kept; rel="canonical", a meta refresh without
 * scripts), so links to the book's old address still work. It is no page
 * of the site: not in the nav, the search or prev/next.
 */
#ifndef TEND_BOOKALIAS_H
#define TEND_BOOKALIAS_H

struct delta;
struct docs;
struct outnames;

/*
 * At the end of the walk of SRC's top folder (names: the output names it
 * made; dstfd: the staged top; livefd: the live one, or -1): stage the
 * page as delta.h stages a page (the live one reused when it has the same
 * bytes) and claim its name, unless the home page is no first chapter or
 * a source of SRC's top makes that name. 0, or -1 with errno set.
 */
int bookalias_stage(struct docs *docs, struct delta *out,
    struct outnames *names, int dstfd, int livefd);

#endif
