/*
 * slug.h - heading ids the way GitHub makes them (github-slugger).
 *
 * The rule, applied to a heading's plain text (markup removed, entities
 * decoded, code spans' text kept):
 *   - letters are lower-cased (ASCII, Latin-1, Latin Extended-A, Greek and
 *     Cyrillic capitals; other scripts have no case or are kept as they are);
 *   - ASCII letters, digits, '-' and '_' are kept, and so is every non-ASCII
 *     letter, digit or mark (accented Latin, CJK, Cyrillic, ...);
 *   - each space becomes '-' (runs are not collapsed: "a  b" gives "a--b");
 *   - everything else is dropped: ASCII punctuation, other white space,
 *     Unicode punctuation and symbols (U+2000-U+2BFF, CJK punctuation,
 *     full-width punctuation), emoji and variation selectors.
 * Within one page, a slug seen before gets "-1", "-2", ... (the first free
 * one), as GitHub does; ids given explicitly take part in the same count.
 * A heading whose slug is empty (only emoji, say) gets "section".
 */
#ifndef TEND_SLUG_H
#define TEND_SLUG_H

#include <stddef.h>

#include "buf.h"
#include "strmap.h"

/* Append the slug of text (n bytes of UTF-8) to out. */
void slug_add(struct buf *out, const char *text, size_t n);

/* The ids used so far in one page. */
struct slugs {
	struct strmap map;	/* id -> its struct slug_seen */
	struct slug_seen **seen;	/* owned, n of them */
	size_t n, cap;
};

#define SLUGS_INIT { STRMAP_INIT, NULL, 0, 0 }

/* The unique id for a heading with this text: a new string. */
char *slugs_make(struct slugs *s, const char *text, size_t n);

/* Record an explicit id (so later headings avoid it): a copy of id, never
 * renamed (an explicit id wins, even over an earlier one). */
char *slugs_take(struct slugs *s, const char *id);

/* Forget every id (the next page starts afresh) and free memory. */
void slugs_clear(struct slugs *s);

#endif
