/*
 * math.h - GitHub's math in a page's Markdown (pure), turned into raw HTML
 * before the renderer, so that any CommonMark renderer passes it through.
 *
 * What counts as math, as GitHub writes it:
 *   $x^2$        inline: the opening `$` is followed by a non-space, the
 *                closing one preceded by a non-space and not followed by a
 *                digit, both on one line (so "$5 and $10" is text)
 *   $`x^2`$      inline, GitHub's form for TeX holding dollars or spaces
 *   $$ … $$      display: on one line, or from a line that starts with `$$`
 *                to a line that ends with `$$` (no blank line between)
 *   ```math      display: a fenced block whose info string is "math"
 * Never inside code spans, fenced or indented code (other than ```math),
 * raw HTML (a tag's attributes, comments, HTML blocks) or a link's
 * destination; `\$` stays a dollar.
 *
 * Each formula becomes <span class="math math-inline">TeX</span> (or
 * math-display) with the TeX's punctuation written as numeric character
 * references (`&#92;` for a backslash), so the renderer neither applies
 * Markdown to it nor drops a backslash, and decodes it back: the HTML holds
 * the TeX, escaped. Nothing is added or removed between lines: the output
 * has the source's line count, and every line its source line's number (a
 * display block's blank lines get `&#10;`, a fence's lines stay lines).
 * A display block becomes part of a paragraph (CSS makes it a block): raw
 * HTML blocks would swallow the Markdown line after it.
 *
 * ```mermaid blocks: no offline Mermaid is packaged in Debian, so a diagram
 * is shown as its source, in <pre class="mermaid-source"><code
 * class="language-mermaid"> under a note that is itself a Mermaid comment
 * ("%% Mermaid diagram, shown as its source"), lines kept as well.
 */
#ifndef TEND_MATH_H
#define TEND_MATH_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/* Could md (len bytes) hold math or a diagram (a `$`, "```math",
 * "~~~math", "mermaid")? A quick test: other pages pay nothing more. */
bool math_maybe(const char *md, size_t len);

/* Append md with its math turned into spans (and its ```mermaid blocks
 * into source blocks) to out. Returns how many formulas it found. */
unsigned math_expand(const char *md, size_t len, struct buf *out);

/*
 * Append to a page's HTML what draws its formulas in the browser: a style
 * for the spans and a script that loads KaTeX from root + MATH_ASSETS
 * ("katex.min.css", "katex.min.js"; root is the way up to the site's root)
 * and renders each span in place; without KaTeX the TeX stays as text.
 * No other request is made.
 */
#define MATH_ASSETS "_tend/katex/"
void math_add_loader(struct buf *html, const char *root);

#endif
