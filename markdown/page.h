/*
 * page.h - one Markdown source -> one HTML page (pure: no file system).
 *
 * The front matter (frontmatter.h) is split off; the body is rendered as
 * GitHub renders it (gfm.h: cmark-gfm, footnotes, raw HTML kept; the
 * differences are in doc/RENDERING.md); emoji shortcodes are shown
 * (emoji.h); headings get ids and anchors and make the table of
 * contents (heading.h); relative links to `x.md` (with an optional ?query or
 * #fragment) are rewritten to the page tend makes of x.md; the result goes
 * through the layout (layout.h).
 *
 * The title is the front matter's `title:`, else the text of the first
 * heading, else the fallback (the file's name).
 */
#ifndef TEND_PAGE_H
#define TEND_PAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "include.h"
#include "layout.h"

/*
 * Where a link to a Markdown page goes: given the linked page's source path
 * below SRC (normalised: "guide/README.md"), the path of its HTML below the
 * output ("guide/index.html"), borrowed; NULL when there is no such page.
 */
typedef const char *page_link_fn(void *arg, const char *src_rel);

struct page_in {
	const char *md;		/* the source, len bytes */
	size_t len;
	const char *rel;	/* its path below SRC ("guide/a.md") */
	const char *fallback_title;
	const struct layout *layout;
	const char *root;	/* the way up to the site's root */
	const char *nav, *prev, *next;	/* HTML for the layout, or NULL */
	bool draft;		/* a draft: show the banner */
	page_link_fn *link;	/* NULL: x.md -> x.html, README.md -> index.html;
				 * else a page that it does not know is left
				 * as written (GitHub's 404) */
	void *link_arg;
	const struct include_src *include;	/* NULL: {{#include}}s are
						   left (include.h) */
	layout_warn_fn *warn;	/* for {{ page.KEY }} the page lacks */
	void *warn_arg;
	const char *site;	/* the site's name, or NULL */
	const char *edit_url;	/* its "Edit this page" URL, or NULL */
	const char *source;	/* {{ page.source }}; NULL: rel */
};

struct page {
	char *title;	/* owned: plain text */
	char *html;	/* owned: the whole page, NUL-terminated */
	size_t len;
	unsigned warnings;	/* reported through in->warn */
	/* owned: when the layout has {{ search }}, the body's HTML (with
	 * heading ids, before the layout), body_len bytes; else NULL */
	char *body;
	size_t body_len;
	bool math;	/* it has math (math.h): it loads KaTeX's files */
};

/* Render a page. Returns 0 (-1 is kept for callers: the renderer cannot
 * fail); release the page with page_release(). */
int page_render(const struct page_in *in, struct page *out);
void page_release(struct page *p);

/* Is name a Markdown source, a page ("x.md", "x.markdown", in any case)? */
bool page_is_markdown(const char *name);

/* The length of the Markdown extension (".md", ".markdown", in any case)
 * that ends the n bytes at name, after at least one other byte; else 0. */
size_t page_markdown_ext(const char *name, size_t n);

/* dir (below the site's root, "" at the root) + "/" + the path v (n
 * bytes; a leading '/' is the site's root), "." and ".." resolved, no
 * trailing '/': a new string, or NULL if it climbs above the root. */
char *page_resolve(const char *dir, const char *v, size_t n);

/* The title of the page at rel (its path below SRC) when it has none: its
 * file name without the Markdown extension, or for an index or README its
 * folder's name ("Home" at the root), made readable as MkDocs does
 * ("getting-started.md" -> "Getting started"). A new string. */
char *page_fallback_title(const char *rel);

/* A file or folder name (n bytes) as a label: '-' and '_' as spaces, the
 * first letter upper case ("api-guide" -> "Api guide"). A new string. */
char *page_readable_name(const char *name, size_t n);

/* The text of the first heading as a new string (a trailing `{#id}`
 * removed, images (badges) left out unless it holds nothing else, spaces
 * collapsed), or NULL. */
char *page_first_heading(const char *md, size_t len);

/*
 * Rewrite relative links to .md files in html: the page's folder below SRC
 * is dir ("" at the root); link (may be NULL) maps the linked page to its
 * output. Returns a new string.
 */
char *page_rewrite_links(const char *html, size_t len, const char *dir,
    page_link_fn *link, void *arg, size_t *out_len);

#endif
