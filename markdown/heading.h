/*
 * heading.h - heading ids, anchor links and the table of contents.
 *
 * heading_ids() rewrites the HTML md4c made: every <h1>..<h6> gets an id
 * (slug.h) unless it has one (raw HTML wins), and a trailing anchor link
 *   <a class="anchor" href="#ID" aria-hidden="true" tabindex="-1">#</a>
 * that a layout's CSS may show on hover. A heading whose text ends with
 * an attribute list, as python-markdown's attr_list (MkDocs) and Pandoc
 * write it, loses it: `{#my-id}`, `{ #my-id }`, `{: #my-id }`,
 * `{#my-id .class key=value}` (heading_attr_list()); its `#id` (letters,
 * digits, '-', '_', ':', '.') is the heading's id, its classes and other
 * attributes are dropped. The headings found are collected in page order
 * for heading_toc().
 */
#ifndef TEND_HEADING_H
#define TEND_HEADING_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

struct heading {
	int level;		/* 1..6 */
	char *id;		/* owned */
	char *text;		/* owned: plain text, entities decoded, emoji
				 * shortcodes shown as the page shows them
				 * (emoji.h; not in code), as the toc says */
};

struct headings {
	struct heading *v;	/* owned, n of them */
	size_t n, cap;
};

#define HEADINGS_INIT { NULL, 0, 0 }

/* Give html's headings ids and anchors; collect them into hs. Returns a new
 * string of *out_len bytes. */
char *heading_ids(const char *html, size_t len, struct headings *hs,
    size_t *out_len);

/* Append the nested list of headings from level min to max (h2-h3: 2, 3)
 * as <ul class="toc">, its top level the shallowest level the page has
 * (h3s without an h2 are siblings); nothing when there are none. */
void heading_toc(const struct headings *hs, int min, int max,
    struct buf *out);

void headings_clear(struct headings *hs);

/* Does the heading text in (n bytes: HTML or plain, no '<' needed) end in
 * an attribute list, `{` then an optional ':' then `#id`, `.class` and
 * `key=value` tokens apart by spaces, then `}` (trailing spaces allowed)?
 * Then *at is where the text before it ends (its spaces dropped) and
 * *id, *idlen its last `#id` (NULL when it has none). */
bool heading_attr_list(const char *in, size_t n, size_t *at, const char **id,
    size_t *idlen);

/* Append an HTML entity ("&amp;", "&#169;") decoded; unknown ones as they
 * are. */
void heading_add_entity(struct buf *out, const char *t, size_t n);

#endif
