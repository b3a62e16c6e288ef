/*
 * searchui.h - the built-in theme's search box and its script (the
 * {{ search }} slot of layout.h); the index it reads is site/search.h's.
 *
 * The box goes where the layout puts {{ search }}, with a <script> that
 * loads ROOT_tend/search/search.js (ROOT: the page's way up to the site's
 * root, so the site works below any base path). On the first keystroke the
 * script fetches the index's manifest, then the shard of each word typed
 * and the excerpt files of the results it shows; nothing else, and nothing
 * from another site. A query's words are split and folded as
 * site/searchtext.h says; each matches the indexed terms it begins
 * (a one-character word: only itself), and a page must match every word.
 * Results rank title > heading > body matches, then by count; each links to
 * the section whose heading or text matched, with an excerpt whose matching
 * words are marked. Keys: '/' focuses the box, arrows move through the
 * results, Enter opens one, Esc closes them.
 *
 * Numbers in a shard's postings: each character of the alphabet
 * A-Z a-z 0-9 '-' '_' (0..63) holds 5 bits, low bits first; values 32..63
 * say that more characters follow.
 */
#ifndef TEND_SEARCHUI_H
#define TEND_SEARCHUI_H

#include "buf.h"

/* The script, written as SEARCH_PATH/search.js. Made once, never freed. */
const char *search_ui_js(void);

/* Append the search box and the script's tag for a page whose way up to
 * the site's root is root ("", "../", ...; NULL: ""). */
void search_ui_box(struct buf *out, const char *root);

#endif
