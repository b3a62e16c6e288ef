/*
 * links.h - where each link of a Markdown page is written: its destination
 * and its line and column in the source file.
 *
 * md_links_scan() parses the page as page.h renders it (gfm.h: cmark-gfm
 * with GitHub's extensions, front matter skipped but counted in lines) and
 * lists its links in document order (a footnote's text where the footnote
 * is written; footnote references are not links of the source):
 *   - MD_LINK_A: [text](dest), [text][ref], <https://x> and GitHub's bare
 *     autolinks; the position is the '[' (the '<' of an autolink, the
 *     first character of a bare one);
 *   - MD_LINK_IMG: ![alt](src); the position is the '!';
 *   - MD_LINK_HTML: an href= of <a> or a src= of <img> in raw HTML (inline
 *     or an HTML block); the position is the tag's '<'.
 * href is the destination as an HTML parser reads it from cmark-gfm's
 * output: backslash escapes and entities decoded, then cmark's URL escaping
 * (a space is %20, UTF-8 bytes are %XX). For raw HTML it is the attribute's
 * value with its entities decoded. It is what the page has before tend
 * rewrites links to .md files (page.h's page_rewrite_links()).
 *
 * Positions: line is 1-based in the whole file (front matter counted),
 * col is 1-based and counts characters (UTF-8 code points; a tab is one).
 * cmark's positions are checked against the file and, where cmark has
 * none or a wrong one (GitHub's bare autolinks, raw HTML inside a list),
 * the link is found on its line.
 *
 * md_links_scan_html() does the raw-HTML part on a whole HTML file (a
 * layout): every href= of <a> and src= of <img>, outside comments.
 *
 * Pure: no file system, no threads; safe to call from several threads on
 * different outputs. Allocation failure exits (xalloc.h).
 */
#ifndef TEND_LINKS_H
#define TEND_LINKS_H

#include <stddef.h>

#include <cmark-gfm.h>

enum md_link_kind { MD_LINK_A, MD_LINK_IMG, MD_LINK_HTML };

struct md_link {
	char *href;	/* owned: the destination, entities and escapes
			 * decoded, as cmark's HTML writes it before tend
			 * rewrites links */
	unsigned line;	/* 1-based line in the whole file (front matter
			 * counted) */
	unsigned col;	/* 1-based column, in characters (UTF-8 code
			 * points) */
	enum md_link_kind kind;
};

struct md_links { struct md_link *v; size_t n, alloc; };
#define MD_LINKS_INIT { NULL, 0, 0 }

/* Every link of a Markdown file (with its front matter), in document
 * order, appended to out. */
void md_links_scan(const char *md, size_t len, struct md_links *out);

/* The same from a tree gfm_parse() made of the body of md (len bytes,
 * the whole file): body points into md where the body starts. One parse
 * gives a page its HTML and its links. */
void md_links_from_tree(cmark_node *root, const char *md, size_t len,
    const char *body, struct md_links *out);

/* Every <a href> and <img src> of an HTML text (a layout), in document
 * order, appended to out, all MD_LINK_HTML. */
void md_links_scan_html(const char *html, size_t len, struct md_links *out);

/* Free every link and empty l (it can be reused). */
void md_links_clear(struct md_links *l);

#endif
