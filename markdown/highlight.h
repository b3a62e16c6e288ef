/*
 * highlight.h - syntax highlighting of a page's code blocks, at build time
 * (pure: no file system, no globals written, safe in threads).
 *
 * A fenced block the renderer wrote as
 *
 *	<pre><code class="language-LANG">...escaped code...</code></pre>
 *
 * (md4c and cmark-gfm alike; cmark-gfm's <pre lang="LANG"><code> too, and
 * either with more attributes, such as data-sourcepos="...") gets
 * its code wrapped in spans, <span class="tok-X">, X one letter:
 *
 *	k keyword   t type      s string    n number    c comment
 *	f builtin or function   m meta (preprocessor, decorator, attribute)
 *	g tag       a attribute or key      v variable  p console prompt
 *	i inserted  d deleted   h diff hunk
 *
 * which the built-in theme colours (layout.c). The languages and their
 * names are in hl_lang.c (doc/HIGHLIGHT.md lists them); a block in any
 * other language, or without one, is left as it was. The text never
 * changes: with the tags removed and the entities decoded, the output's
 * code is the input's, byte for byte (invalid UTF-8 and NUL included).
 */
#ifndef TEND_HIGHLIGHT_H
#define TEND_HIGHLIGHT_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/* Whether html (len bytes; NULL when len is 0, an empty struct buf's)
 * may hold a block to highlight: a cheap test so that pages without code
 * pay nothing more. */
bool highlight_maybe(const char *html, size_t len);

/*
 * Append html (len bytes, a page body) to out with the code blocks of the
 * languages tend knows highlighted. Returns the number of blocks
 * highlighted; 0 means out got html unchanged.
 */
unsigned highlight_html(const char *html, size_t len, struct buf *out);

/* highlight_html() over *html in place (the pass page_render() makes):
 * *html is replaced when a block was highlighted, else left alone. */
void highlight_buf(struct buf *html);

/*
 * Append code (n bytes, raw text, not escaped) to out, HTML-escaped, with
 * the spans of language lang (lang_len bytes, any case, an alias such as
 * "py" or "c++"). Returns 0, or -1 (out untouched) when tend does not
 * highlight that language.
 */
int highlight_code(const char *lang, size_t lang_len, const char *code,
    size_t n, struct buf *out);

#endif
