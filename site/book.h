/*
 * book.h - what the built-in builder reads of the site as a whole, beside
 * its pages: `_tend.yml` (siteconf.h: the site's name, edit links) and
 * SUMMARY.md (the book's order: nav.h, navbook.h) at SRC's root, and the
 * generated home page (navhome.h) of a site without an index page.
 *
 * The site's name: _tend.yml's site_name, else the title in the book.toml
 * of SRC's parent when SRC is that book's source folder (booktoml.h), else
 * SUMMARY.md's title heading (unless it is just "Summary"), else the title
 * of the root's index page,
 * else SRC's folder name made readable ("my-docs" -> "My docs").
 * SUMMARY.md, when there is one, is the book's table of contents and not
 * a page: it is neither built nor listed. A root without index.md,
 * README.md or index.html gets a home page at index.html: SUMMARY.md's
 * first chapter when it is a page at the root (as mdBook's index.html is
 * its first chapter; it is built as index.html, and its own name sends
 * there: bookalias.h), else the generated one, titled with the site's
 * name.
 */
#ifndef TEND_BOOK_H
#define TEND_BOOK_H

#include <stdbool.h>
#include <stddef.h>

#include "layout.h"
#include "nav.h"
#include "page.h"
#include "siteconf.h"

/* _tend.yml and SUMMARY.md are read whole: larger ones fail the build. */
#define BOOK_FILE_MAX (16u << 20)
#define BOOK_FILE_MAX_STR "16 MiB"

struct book {
	struct siteconf conf;
	bool summary;		/* SRC has SUMMARY.md */
	char *fallback;		/* owned: _tend.yml's, book.toml's or
				   SUMMARY.md's name, else SRC's folder's */
	bool named;		/* by _tend.yml, book.toml or SUMMARY.md */
	char *site;		/* owned: the site's name (book_finish()) */
	char *home_md;		/* owned: the home page's Markdown, or NULL */
	size_t home_len;
};

#define BOOK_INIT { 0 }

/*
 * Read _tend.yml and SUMMARY.md below srcfd (src: SRC's path) into b and
 * nav, before nav_finish(); ask nav for a home page unless SRC has an
 * index.html of its own. Warnings (an unknown key) through warn, counted
 * by its caller. 0, or -1 with a one-line message in err and errno set
 * (EINVAL: _tend.yml is bad; EFBIG: a file over BOOK_FILE_MAX).
 */
int book_open(struct book *b, int srcfd, const char *src, struct nav *nav,
    layout_warn_fn *warn, void *arg, char *err, size_t errlen);

/* Is the Markdown file rel no page of the site (a book's SUMMARY.md)? */
bool book_skips(const struct book *b, const char *rel);

/* After nav_finish(): the site's name, the home page's Markdown. */
void book_finish(struct book *b, const struct nav *nav);

/*
 * For the page at rel: its site name and edit link in in (*edit: a new
 * string or NULL, for the caller to free after rendering); the generated
 * home page gets its Markdown as in->md, and no warnings (a layout's
 * {{ page.KEY }}: it has no front matter to add one to).
 */
void book_page(const struct book *b, const char *rel, struct page_in *in,
    char **edit);

void book_release(struct book *b);

#endif
