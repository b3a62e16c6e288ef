/*
 * summary.h - mdBook's SUMMARY.md read as the book's order: which pages,
 * in which order, under which titles and how nested.
 *
 * The text is read line by line, as mdBook reads it:
 *   - the first `#` heading before any chapter is the book's title
 *     (ignored); any later heading (`#`, `##`, ...) is a part title;
 *   - `[Title](path.md)` outside a list is a prefix chapter (before the
 *     first numbered chapter) or a suffix chapter (after): not numbered,
 *     not nested;
 *   - `- [Title](path.md)` or `* [...]` is a numbered chapter; its indent
 *     (a tab counts as four spaces) nests it under the chapter above with
 *     less indent; chapters are numbered 1., 1.1., ... through the parts;
 *   - `[Title]()` (no path) is a draft: a chapter not yet written;
 *   - a line of three or more `-` only is a separator;
 *   - anything else (blank lines, text) is ignored.
 * A title is plain text: backticks and backslash escapes are dropped. A
 * path is percent-decoded, "./" and ".." resolved against SRC's root, and
 * its #fragment dropped; one that climbs above the root is kept as
 * written in `bad` (the caller warns).
 */
#ifndef TEND_SUMMARY_H
#define TEND_SUMMARY_H

#include <stdbool.h>
#include <stddef.h>

/* The name of the file, at SRC's root. */
#define SUMMARY_NAME "SUMMARY.md"

enum summary_kind {
	SUMMARY_CHAPTER,	/* path NULL: a draft */
	SUMMARY_PART,		/* a part title */
	SUMMARY_SEPARATOR,
};

struct summary_item {
	enum summary_kind kind;
	char *title;		/* owned: plain text ("" for a separator) */
	char *path;		/* owned: "guide/a.md", or NULL (draft, ...) */
	char *bad;		/* owned: a path above the root, as written */
	char *num;		/* owned: "1.2." of a numbered chapter, or NULL */
	unsigned depth;		/* 0: top level */
	unsigned line;		/* 1-based */
};

struct summary {
	struct summary_item *v;	/* owned, n of them, in file order */
	size_t n;
	char *title;		/* owned: the book's title heading, or NULL */
};

#define SUMMARY_INIT { 0 }

/* Parse len bytes of SUMMARY.md into s (empty before the call). */
void summary_parse(const char *text, size_t len, struct summary *s);

void summary_release(struct summary *s);

#endif
