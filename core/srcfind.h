/*
 * srcfind.h - where in a site's sources a link of a built page is written,
 * for a site tend did not build itself (a detected generator, --cmd): the
 * build's pages say "/guide/a.html links to b.html", the author needs
 * "docs/guide/a.md:12:5".
 *
 * The sources: the text files below SRC with a name ending in .md,
 * .markdown, .mdx, .rst, .txt, .adoc, .html, .htm, .njk, .liquid, .hbs,
 * .erb or .tmpl (templates and partials hold links too), outside folders
 * starting with '.', node_modules, the usual build outputs (_site, _build,
 * public, dist) and the folder skip (the build's output). At most
 * SRCFIND_MAX_FILES files, each read up to SRCFIND_MAX_READ bytes: the
 * links beyond are not found.
 *
 * A link is looked for by what a source may have written for it: the link
 * as the page has it, then its .md / .rst / .markdown form (b.html, b/ and
 * b are b.md; a folder d/ is also d/index.md, d/README.md, d.md), the same
 * with one "../" less (a generator that makes folder URLs puts pages a
 * level deeper), and the target's site path (/guide/b.md); a link to a
 * fragment of its own page (#x) as it is, in the page's own source only
 * (below). A match must be
 * a whole URL: the character before is one of ( < " ' = space, tab, [ or
 * the line's start, and the character after one of ) > " ' space, tab,
 * newline, # or ? (or the end). Its position is the Markdown link's '['
 * when the match follows "](" on its line, an HTML tag's '<' when it is an
 * attribute's value, else the match itself.
 *
 * Choosing: the first match of each file counts. One file matching: that
 * file (for #x, only when it is named as the page). Several: the one whose
 * name is the page's (guide/a.html and
 * guide/a/index.html are guide/a.md, docs/guide/a.rst, content/guide/a.md,
 * guide/a/index.md, guide/a/_index.md...), if exactly one is; otherwise
 * nothing is guessed: the link is "source not found", and ncandidates says
 * how many files had it.
 *
 * Pure but for reading SRC; nothing printed; allocation failure exits.
 */
#ifndef TEND_SRCFIND_H
#define TEND_SRCFIND_H

#include <stddef.h>

#define SRCFIND_MAX_FILES 100000
#define SRCFIND_MAX_READ (1u << 20)

struct srcfind_query {
	/* In (borrowed): the page's file below the output ("guide/a.html"),
	 * the link as the page has it, and the target's path ("/guide/b.html",
	 * may be NULL or ""). */
	const char *page, *link, *target;
	/* Out: the file below SRC (owned, free() it) and its 1-based line
	 * and column (in characters), or file NULL: not found. */
	char *file;
	unsigned line, col;
	unsigned ncandidates;	/* files holding the link */
};

/*
 * Look for the n queries' links in the sources below src, skipping the
 * folder skip (may be NULL). Every query is answered (file NULL if not
 * found); a SRC that cannot be read finds nothing. Each file is read once
 * for all the queries.
 */
void srcfind_run(const char *src, const char *skip, struct srcfind_query *q,
    size_t n);

/* Append the variants of a link a source may have written (above) to the
 * NULL-terminated array v (max entries, the last kept NULL): their count.
 * Each is a new string. For the tests. */
size_t srcfind_variants(const char *link, const char *target, char **v,
    size_t max);

#endif
