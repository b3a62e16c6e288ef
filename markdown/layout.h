/*
 * layout.h - page layouts: the built-in docs theme and {{ placeholders }}.
 *
 * A layout is HTML with placeholders `{{ name }}` (spaces optional):
 *   title        the page's title (escaped)
 *   description  its front matter's description (escaped; empty if none)
 *   content      the page's HTML
 *   root         the way up to the site's root ("", "../", ...)
 *   toc          the page's table of contents (h2-h3), a <ul class="toc">
 *   nav          the site's navigation, a <ul class="nav">
 *   prev, next   links to the pages before and after in nav order
 *   page.KEY     any scalar of the page's front matter (escaped)
 *   site         the site's name (_tend.yml's site_name, else the home
 *                page's title; escaped)
 *   head_title   for <title>: "Page — Site", or the page's title alone
 *                when it is the site's name (the home page) or there is
 *                no site name (escaped)
 *   page.source  the page's source path below SRC (escaped)
 *   edit_url     the page's "Edit this page" URL (_tend.yml's edit_url;
 *                escaped; empty when none)
 *   edit         that link as HTML, <p class="edit"><a ...>, or nothing
 *   search       the search box and its script (searchui.h); a layout
 *                that has it gets the search index (site/search.h)
 *   head         the theme's extras (below): links to _extra.css and
 *                _extra.js, then _head.html (the built-in layout: at the
 *                end of <head>)
 *   header       _header.html (built-in: first in <body>)
 *   footer       _footer.html (built-in: at the end of <main>)
 * Any other name is left as written and reported once by layout_parse();
 * a page.KEY the page lacks is reported by layout_fill() and gives "".
 * Warnings go to a callback as one line "FILE:LINE: ..." (no printing here).
 */
#ifndef TEND_LAYOUT_H
#define TEND_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "frontmatter.h"

/* The built-in docs layout: nav, toc, prev/next; light and dark, phone and
 * print; no external requests. Made once, never freed. */
const char *layout_default(void);

enum layout_slot {
	LAYOUT_TEXT, LAYOUT_TITLE, LAYOUT_DESCRIPTION, LAYOUT_CONTENT,
	LAYOUT_ROOT, LAYOUT_TOC, LAYOUT_NAV, LAYOUT_PREV, LAYOUT_NEXT,
	LAYOUT_PAGE_KEY, LAYOUT_UNKNOWN,
	LAYOUT_SITE,
	LAYOUT_HEAD_TITLE,
	LAYOUT_PAGE_SOURCE,
	LAYOUT_EDIT_URL,
	LAYOUT_EDIT,
	LAYOUT_SEARCH,
	LAYOUT_HEAD, LAYOUT_HEADER, LAYOUT_FOOTER,
};

struct layout_part {
	enum layout_slot slot;
	const char *s;		/* points into the layout's text: the text, or
				   the KEY of page.KEY */
	size_t n;
	unsigned line;		/* 1-based, for messages */
};

/* The name the built-in theme's layout is parsed under. */
#define LAYOUT_BUILTIN "(built-in layout)"

struct layout_theme;

struct layout {
	const char *name;	/* borrowed: "_layout.html" or LAYOUT_BUILTIN */
	bool title_h1;		/* the built-in theme: a page whose body has
				 * no h1 gets one of its title (page.c); a
				 * layout of your own shows what it shows */
	struct layout_part *parts;	/* owned, n of them */
	size_t n;
	unsigned uses;		/* 1 << slot for each slot used */
	struct layout_theme *theme;	/* owned, or NULL: no extras */
};

/*
 * The theme's extras in SRC, which extend a layout without replacing it
 * (site/theme.h reads them): snippets filled as layouts of their own (their
 * placeholders but head, header, footer and content work), and stylesheet
 * and script files linked from every page.
 */
enum layout_snippet { LAYOUT_SNIP_HEAD, LAYOUT_SNIP_HEADER,
	LAYOUT_SNIP_FOOTER, LAYOUT_SNIPS };

struct layout_theme {
	char *text[LAYOUT_SNIPS];	/* owned, or NULL: none */
	struct layout snip[LAYOUT_SNIPS];	/* parsed from text */
	bool css, js;		/* link _extra.css / _extra.js at the root */
};

/* Give l the theme t (owned by l from now on; layout_release() frees it):
 * the slots its snippets use count as l's (layout_uses()). */
void layout_set_theme(struct layout *l, struct layout_theme *t);

typedef void layout_warn_fn(void *arg, const char *msg);

/*
 * Split text (kept alive by the caller while the layout is used) into parts.
 * Each unknown placeholder is reported through warn; returns how many.
 */
unsigned layout_parse(struct layout *l, const char *text, const char *name,
    layout_warn_fn *warn, void *arg);

static inline bool
layout_uses(const struct layout *l, enum layout_slot s)
{
	return l->uses & (1u << s);
}

/* What one page puts in the placeholders (NULL: ""). */
struct layout_vals {
	const char *page;	/* its source path, for messages */
	const char *title, *description, *root, *toc, *nav, *prev, *next;
	const char *content;
	size_t content_len;
	const struct front_matter *fm;	/* may be NULL */
	const char *site;	/* the site's name, or NULL */
	const char *edit_url;	/* the page's edit link, or NULL */
	const char *source;	/* its source path; NULL: page */
};

/* Fill the layout for one page into out; returns the number of warnings
 * (page.KEY missing from the page's front matter) reported through warn. */
unsigned layout_fill(const struct layout *l, const struct layout_vals *v,
    struct buf *out, layout_warn_fn *warn, void *arg);

void layout_release(struct layout *l);

#endif
