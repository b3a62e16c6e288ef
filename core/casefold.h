/*
 * casefold.h - the case folding of search words and fragments: one table,
 * which the search index (site/searchtext.c) applies to the pages' words
 * and the theme's script (markdown/searchui.c writes the table into it) to
 * a query's, so that "установка", "élan" or "σοφία" finds "Установка",
 * "ÉLAN" or "ΣΟΦΊΑ"; `tend check` compares a link's fragment with the ids
 * of its page by it, as a browser's script lower-cases both.
 *
 * Simple folding: a code point to its lower-case one in the Unicode
 * Character Database (casefold_table.c, made by tools/gen-casefold) when
 * that is one code point of the same UTF-8 length, and final sigma to
 * sigma. Not folded: what lower-cases to more than one code point (İ) or
 * changes its length (the Kelvin sign), and what folds by language.
 */
#ifndef TEND_CASEFOLD_H
#define TEND_CASEFOLD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Code points lo..hi fold to c + delta, or (delta 0) in pairs: those an
 * even distance from lo to the next one, the others left. Sorted, apart. */
struct fold_range {
	uint32_t lo, hi;
	int32_t delta;
};

extern const struct fold_range fold_ranges[];
extern const size_t fold_ranges_n;

/* The code point c folded. */
uint32_t fold_char(uint32_t c);

/* Are the UTF-8 strings a and b the same but for case (code points
 * folded; a byte that starts no character compared as it is)? */
bool fold_eq(const char *a, const char *b);

#endif
