/*
 * include.h - mdBook's {{#include}} in a page's Markdown, expanded before it
 * is rendered (a pre-pass on the text: an include inside a ``` fence fills
 * the code block, as in mdBook).
 *
 *   {{#include PATH}}             the whole file
 *   {{#include PATH:N}}           line N (lines count from 1)
 *   {{#include PATH:A:B}}         lines A to B; A or B may be left out
 *                                 (PATH::B from the first, PATH:A: to the end)
 *   {{#include PATH:NAME}}        the lines between a line holding
 *                                 "ANCHOR: NAME" and one holding
 *                                 "ANCHOR_END: NAME" (any comment syntax);
 *                                 lines holding other anchors' markers in
 *                                 it are dropped; no end: to the file's end
 *
 * {{#rustdoc_include PATH...}} is the same: the lines mdBook shows (it
 * keeps the rest of the file as hidden lines a button reveals).
 *
 * PATH is relative to the including file's folder. What is included loses
 * its last newline (the directive's own line keeps its), and is expanded in
 * turn (its paths relative to its own folder), up to INCLUDE_DEPTH deep.
 * `\{{#include x}}` is shown as `{{#include x}}`, not expanded. Files are
 * read through a callback (this room does no I/O), which also learns what
 * each page includes.
 *
 * A directive that cannot be expanded (a path that climbs above SRC by more
 * than include_src.up folders, a missing or
 * unreadable file, a missing anchor, a bad range, another mdBook directive
 * such as {{#playground}}, too deep) is left as
 * written, with one warning "FILE:LINE: ..." (FILE: the page, or the
 * included file that holds it).
 */
#ifndef TEND_INCLUDE_H
#define TEND_INCLUDE_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "layout.h"

#define INCLUDE_DEPTH 10

/*
 * Read the file at path (below SRC, normalised: "listings/main.rs", or
 * above it: "../listings/main.rs") for the
 * page at page (its path below SRC): 0 with *data (malloc'd, NUL-terminated)
 * and *len, or -1 with errno set. Called from the threads that render.
 */
typedef int include_read_fn(void *arg, const char *page, const char *path,
    char **data, size_t *len);

struct include_src {
	include_read_fn *load;
	void *arg;
	unsigned up;	/* paths may climb this many folders above SRC (to
			   the project holding it): "../listings/x.rs" */
};

enum include_kind { INCLUDE_LINES, INCLUDE_ANCHOR };

/* One parsed {{#include}}: its path and which part of the file. */
struct include_dir {
	const char *path;	/* points into the directive; path_len bytes */
	size_t path_len;
	enum include_kind kind;
	unsigned long from, to;	/* INCLUDE_LINES: 1-based, inclusive; to 0:
				   to the end */
	const char *anchor;	/* INCLUDE_ANCHOR: anchor_len bytes */
	size_t anchor_len;
};

/*
 * If s (n bytes) starts with a directive `{{#word args}}` (spaces allowed
 * after "{{"; args not empty, as mdBook: `{{#toc}}` of a Handlebars
 * example is text), its length, with its word and args (trimmed) in *word
 * / *args (lengths in *wlen / *alen); else 0.
 */
size_t include_directive(const char *s, size_t n, const char **word,
    size_t *wlen, const char **args, size_t *alen);

/* Parse an include's args ("PATH[:RANGE|:ANCHOR]"): 0, or -1 if the range
 * is not valid ("a.rs:3:x", an empty path, a start after the end). */
int include_parse(const char *args, size_t n, struct include_dir *d);

/* Append the part of text (n bytes) that d selects to out: 0, or -1 when
 * d's anchor is not in the text. */
int include_select(const char *text, size_t n, const struct include_dir *d,
    struct buf *out);

/*
 * Expand the directives of body (n bytes; the page rel, its body starting at
 * line first_line of its file) into out. Returns true if the text changed
 * (out holds the new body), false if it did not (out untouched); warnings
 * go to warn and are added to *warnings.
 */
bool include_expand(const struct include_src *src, const char *rel,
    const char *body, size_t n, unsigned first_line, struct buf *out,
    layout_warn_fn *warn, void *warn_arg, unsigned *warnings);

#endif
