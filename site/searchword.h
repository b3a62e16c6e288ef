/*
 * searchword.h - what a word is to the search index: its characters and
 * its hash (pure functions; core/utf8.h decodes its bytes; the theme's
 * script, markdown/searchui.c, splits a query by the same rules).
 */
#ifndef TEND_SEARCHWORD_H
#define TEND_SEARCHWORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The longest term indexed (searchtext.h), in bytes. */
#define SEARCH_TERM_MAX 40

/* The hash of the n bytes at s (FNV-1a, 32 bits): a term's, as the index
 * interns it. */
uint32_t search_hash(const char *s, size_t n);

/* Is the code point c part of a word? ASCII letters and digits, and the
 * letters of other scripts (Latin-1's and general punctuation, symbols,
 * arrows, box drawing and emoji are not). */
bool search_is_word(uint32_t c);

#endif
