/*
 * gfm.h - Markdown as GitHub renders it: one parse by cmark-gfm (GitHub's
 * own renderer, Debian's libcmark-gfm), whose tree gives the HTML, the first
 * heading and the links (links.h).
 *
 * The dialect is github.com's: CommonMark with the table, strikethrough,
 * autolink and tasklist extensions, footnotes, raw HTML kept (a docs
 * author's own HTML is trusted), and code blocks written
 * <pre><code class="language-LANG"> (not GitHub's <pre lang>). Emoji
 * shortcodes are not replaced here: GitHub does it on the HTML, after the
 * heading ids (page.h runs emoji.h's emoji_html()); the first heading's
 * text has them replaced, as it is shown.
 * One choice differs from github.com on purpose (doc/RENDERING.md): the
 * tagfilter extension is off, so a page's own <style>, <script>, <iframe>
 * work as the author wrote them.
 *
 * Calling protocol: d = gfm_parse(md, len); then any of gfm_html(),
 * gfm_first_heading(), gfm_root(); gfm_free(d). A document is used
 * by one thread at a time; different documents on several threads at once
 * are fine (the extensions are registered once, under pthread_once).
 * Allocation failure exits (xalloc.h; cmark aborts likewise).
 */
#ifndef TEND_GFM_H
#define TEND_GFM_H

#include <stddef.h>

#include <cmark-gfm.h>

#include "buf.h"

struct gfm_doc;

/* Parse len bytes of Markdown (a page's body, without its front matter). */
struct gfm_doc *gfm_parse(const char *md, size_t len);

/* The tree (cmark's; source positions are relative to the parsed text,
 * lines and byte columns 1-based). Borrowed: lives as long as d. */
cmark_node *gfm_root(struct gfm_doc *d);

/* Append the body's HTML to html. */
void gfm_html(struct gfm_doc *d, struct buf *html);

/*
 * The plain text of the first heading (entities decoded, raw HTML dropped,
 * line breaks as spaces, spaces squeezed, a trailing ` {#id}` dropped,
 * emoji shortcodes replaced); if it has no text but images, their alt
 * text. A new string, or NULL if
 * there is no heading or it is empty.
 */
char *gfm_first_heading(struct gfm_doc *d);

/*
 * One parse for a page's HTML and its links: page.h renders a body and
 * keeps its tree (gfm_keep(), which owns d from then on); links.h, called
 * next on the same thread for the same bytes (site/stage.c under serve),
 * takes it back (gfm_take(): the tree if md is byte for byte what was
 * kept, else NULL) instead of parsing again. One tree per thread is kept:
 * keeping another frees the last; a thread's is freed when it exits.
 */
void gfm_keep(struct gfm_doc *d, const char *md, size_t len);
struct gfm_doc *gfm_take(const char *md, size_t len);

void gfm_free(struct gfm_doc *d);

#endif
