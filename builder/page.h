/*
 * page.h - one Markdown source -> one HTML page (pure: no file system).
 *
 * The title is the `title:` of a front-matter block (a first line `---`, then
 * `key: value` lines, closed by `---` or `...`), else the text of the first
 * heading, else the fallback (the file's name). The body is rendered by
 * md4c-html (GitHub dialect: tables, strikethrough, task lists, autolinks; raw
 * HTML kept). Relative links to `x.md` (with an optional ?query or #fragment)
 * become `x.html`. The layout's placeholders `{{ title }}` (escaped),
 * `{{ content }}` and `{{ root }}` (the way up to the site's root, e.g. "../")
 * are replaced; other text is kept as is.
 */
#ifndef TEND_PAGE_H
#define TEND_PAGE_H

#include <stddef.h>

struct page {
	char *title;	/* owned: plain text */
	char *html;	/* owned: the whole page, NUL-terminated */
	size_t len;
};

/* The layout used when the site has no _layout.html. */
extern const char page_default_layout[];

/*
 * Render md (len bytes) through layout (NULL: the default). root is the
 * prefix from this page up to the site's root. Returns 0, or -1 if md4c
 * failed; on success release the page with page_release().
 */
int page_render(const char *md, size_t len, const char *layout,
    const char *root, const char *fallback_title, struct page *out);
void page_release(struct page *p);

/* Split off a front-matter block: *body points past it; the title found (a
 * new string) or NULL. */
char *page_front_matter(const char *md, size_t len, const char **body,
    size_t *body_len);

/* The text of the first heading as a new string, or NULL. */
char *page_first_heading(const char *md, size_t len);

/* Rewrite relative links to .md files into .html: a new string. */
char *page_rewrite_links(const char *html, size_t len, size_t *out_len);

#endif
