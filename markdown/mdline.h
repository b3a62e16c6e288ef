/*
 * mdline.h - the block structure of Markdown lines (CommonMark's), as far
 * as a pre-pass over the source needs it to leave code and raw HTML alone
 * (math.h): line ends, container prefixes, indentation, list items, fences,
 * HTML blocks, code spans. Pure functions over byte ranges: s..e is one
 * line without its '\n' unless said otherwise; nothing is allocated.
 */
#ifndef TEND_MDLINE_H
#define TEND_MDLINE_H

#include <stdbool.h>
#include <stddef.h>

/* HTML blocks, by how they end (CommonMark's types 1, 2 and 6-7). */
enum mdline_html {
	MDLINE_HTML_NONE,
	MDLINE_HTML_END_TAG,	/* <pre>, <script>, <style>, <textarea> */
	MDLINE_HTML_COMMENT,	/* <!-- ... --> */
	MDLINE_HTML_TO_BLANK,	/* block tags, a lone tag: to a blank line */
};

/* A space, tab, CR or LF? */
bool mdline_space(char c);

/* The end of the line at p: its '\n', or end. */
const char *mdline_eol(const char *p, const char *end);

/* Only spaces (mdline_space()) in s..e? */
bool mdline_blank(const char *s, const char *e);

/* The length of the run of c at s. */
size_t mdline_run(const char *s, const char *e, char c);

/* The end of the line's container prefix (up to 3 spaces and '>', again
 * and again): where its block's own text starts. */
const char *mdline_prefix_end(const char *s, const char *e);

/* The indentation at s in columns (a tab to the next multiple of 4). */
size_t mdline_indent(const char *s, const char *e);

/* Does the text at s start a list item ("- ", "* ", "+ ", "1. ", "1) ")? */
bool mdline_list_item(const char *s, const char *e);

/* The end of the paragraph or list item the text at p (anywhere in the
 * source, which ends at end) is in: the start of the next line that is
 * blank or starts a block (a list item, a heading, a fence), or end. */
const char *mdline_block_end(const char *p, const char *end);

/* A code span opened by the n backticks at s: the end of its closing run
 * of n (within its block), or NULL if there is none (they are text). */
const char *mdline_code_span_end(const char *s, size_t n, const char *end);

/* Raw inline HTML at s ('<'): the end of its tag, comment or autolink on
 * the line, or NULL if it is none. */
const char *mdline_tag_end(const char *s, const char *e);

/* Does the line, from s (indentation skipped), start an HTML block?
 * after_blank: the line before was blank (a lone tag cannot interrupt a
 * paragraph). For MDLINE_HTML_END_TAG, *end_tag gets the tag's name. */
enum mdline_html mdline_html_start(const char *s, const char *e,
    bool after_blank, const char **end_tag);

/* Does the HTML block of kind (end_tag: its name) end on the line s..e? */
bool mdline_html_ends(enum mdline_html kind, const char *end_tag,
    const char *s, const char *e);

/* A fence (``` or ~~~, at least 3, indented at most 3) at s: its length,
 * with its character in *c; else 0. */
size_t mdline_fence(const char *s, const char *e, char *c);

#endif
