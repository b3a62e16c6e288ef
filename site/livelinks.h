/*
 * livelinks.h - the internal links of the built-in builder's pages, kept
 * between the builds of `tend serve`, so that each build can check the
 * links it may have broken or fixed, at their place in the source.
 *
 * While a build renders a page (site_stage_page(), on any worker thread),
 * livelinks_page() takes the page's links (markdown/links.h: href, line and
 * column in the source) and the ids its output HTML holds (every id= and
 * name=, the layout's included: a fragment may point at any of them). Once
 * the build is published, livelinks_commit() puts what it rendered into the
 * index and lists the pages to check:
 *   - every page the build rendered;
 *   - the pages that link to a page the build added, removed or whose ids
 *     changed (a heading renamed or removed), and to a file it wrote or
 *     removed: a reverse index (target -> pages linking to it), kept up to
 *     date from each rendered page's links, finds them without a walk.
 * A failed build calls livelinks_discard() instead.
 *
 * livelinks_check() judges one page's links as the browser would follow
 * them on the served site: a link to x.md must name a published page (as
 * page.h's page_rewrite_links() rewrites it), any other relative link a
 * file or folder of the live output (or, as the server serves "/about",
 * about.html); a #fragment must be an id of the target page ("#" and
 * "#top" always are). Links with a scheme (http:, mailto:) or to another
 * host (//x) are not judged here: `tend check --external` does that.
 *
 * All but livelinks_page() run on one thread, the builder's.
 */
#ifndef TEND_LIVELINKS_H
#define TEND_LIVELINKS_H

#include <stddef.h>

struct livelinks;
struct strlist;

/* One broken link of a page; its strings are the index's, valid until the
 * next livelinks_commit() or livelinks_free(). */
struct livelink_broken {
	const char *href;	/* as written in the source */
	unsigned line, col;	/* 1-based, in the source file */
	const char *reason;	/* "no such page", "no such file", ... */
	const char *file;	/* NULL: the page's source; else the file
				   below SRC (line 0: not found, file is
				   then the page's URL path) */
};

struct livelinks *livelinks_new(void);
void livelinks_free(struct livelinks *ll);

/*
 * A page of the current build was rendered: rel is its source below SRC
 * (md: len bytes), out its output path below the output folder (html: its
 * hlen bytes). Safe on several threads at once.
 */
void livelinks_page(struct livelinks *ll, const char *rel, const char *out,
    const char *md, size_t len, const char *html, size_t hlen);

/*
 * The build was published: outputs are the output paths it wrote or
 * removed (site_build(); "*": a folder went), outfd the live output folder.
 * Index what it rendered, forget the pages it removed, and add to check
 * (each at most once) the source paths of the pages to check: the pages
 * rendered, those removed (livelinks_check() then says they are gone), and
 * those linking to what changed (above).
 */
void livelinks_commit(struct livelinks *ll, const struct strlist *outputs,
    int outfd, struct strlist *check);

/* The build failed: forget what it rendered. */
void livelinks_discard(struct livelinks *ll);

/*
 * Judge the links of the page at rel (outfd: the live output folder): its
 * broken links go to *v (a new array of *n, in source order; free() it),
 * and its output path is returned; NULL if the page is gone (or was never
 * rendered): then *n is 0.
 */
const char *livelinks_check(struct livelinks *ll, const char *rel, int outfd,
    struct livelink_broken **v, size_t *n);

/* What the index holds: pages, links, and its memory in bytes (about). */
void livelinks_stats(const struct livelinks *ll, size_t *pages,
    size_t *links, size_t *bytes);

#endif
