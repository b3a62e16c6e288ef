/*
 * searchtext.h - one rendered page as the search index sees it: its text
 * cut into sections at its headings, and its terms (pure: no file system,
 * no shared state; safe on any thread).
 *
 * The input is the page's body HTML after heading ids (page.h's body): the
 * text of the HTML, not the Markdown, so any renderer gives the same index.
 * Tags are dropped (block tags as a space), entities decoded, <script>,
 * <style> and the headings' anchor links ("#") left out. Each heading
 * (h1-h6) opens a section: its id, its text, the text under it up to the
 * next heading. Section 0 is the text before the first heading.
 *
 * Terms: maximal runs of word characters (search_is_word()), and, beside
 * them, the runs of words joined by '_' or '.' (read_line, fs.mkdtemp,
 * 1.2.3: a name in an API guide) with each of their tails of two words
 * or more (self.read_line is also read_line), folded to lower case
 * (core/casefold.h), at most SEARCH_TERM_MAX bytes (longer words, hashes
 * and the like, are not indexed; a longer run of joined words is, by its
 * first SEARCH_TERM_MAX bytes cut at a character). A term's field is where it is
 * best placed: 2 the title, 1 a heading, 0 the body; its section is that
 * of its best place (0 for the title), or the first section whose text
 * holds it; its count is how often it occurs (at most 31). The theme's
 * script (markdown/searchui.c) splits a query by the same rules.
 */
#ifndef TEND_SEARCHTEXT_H
#define TEND_SEARCHTEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "searchword.h"

#define SEARCH_TEXT_MAX 8192	/* bytes of a section's text kept for
				   excerpts (its terms are all indexed) */

struct search_term {
	const char *s;		/* into the doc's pool */
	uint32_t len;		/* strlen(s) */
	uint32_t hash;		/* search_hash() of s */
	uint16_t sec;
	uint8_t field;		/* 2 title, 1 heading, 0 body */
	uint8_t count;		/* 1..31 */
};

struct search_doc {
	char *rel;		/* owned: the page's source path */
	char *url;		/* owned: its output path, %-encoded */
	/* owned: the page's entry in the excerpt files, JSON:
	 * ["url","title",[["id","heading","text"],...]] */
	char *meta;
	size_t meta_len;
	struct search_term *terms;	/* owned: unique, in page order */
	size_t n_terms;
	char *pool;		/* owned: the terms' bytes */
	size_t n_secs;
	struct search_doc *next;	/* for the caller's lists */
};

/*
 * Make the doc of the page rel (output path out, title, body HTML of len
 * bytes). Never fails (allocation failure dies).
 */
struct search_doc *search_doc_new(const char *rel, const char *out,
    const char *title, const char *body, size_t len);

void search_doc_free(struct search_doc *d);

#endif
