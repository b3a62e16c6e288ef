/*
 * html.h - what `tend check` needs from one HTML page: the URLs it refers to
 * (as written), its <base href>, and the ids a #fragment may point at. Pure:
 * no network, no file system, nothing printed. Resolving what was found is
 * url.h's job.
 *
 * Pages are parsed with libgumbo (an HTML5 parser), so unquoted attributes,
 * upper-case tags and character references ("&amp;") are handled as browsers
 * handle them. Only elements in the HTML namespace are looked at (SVG's
 * <a href> and <use href> are not).
 *
 * URLs taken, each with a link_kind:
 *   a href, area href, iframe src, frame src           LINK_NAV
 *   link href with rel=stylesheet                      LINK_STYLE
 *   script src (no type, a JavaScript type or module)  LINK_SCRIPT
 *   img src/srcset, source src/srcset, video src/poster,
 *   audio src, track src, embed src, object data,
 *   input type=image src, link imagesrcset             LINK_MEDIA
 *   any other link href (icon, canonical, preload...)  LINK_OTHER
 * A srcset gives one link per candidate (its URL, descriptors dropped).
 *
 * Memory: a struct html_doc owns everything it points to; release it with
 * html_doc_release(). Allocation failure exits (xalloc.h).
 */
#ifndef TEND_HTML_H
#define TEND_HTML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum link_kind {
	LINK_NAV,
	LINK_STYLE,
	LINK_SCRIPT,
	LINK_MEDIA,
	LINK_OTHER,
};

struct html_link {
	char *ref;		/* owned: the value, references decoded */
	enum link_kind kind;
};

/*
 * The targets of #fragments in a page: every id attribute (any element) and
 * every <a name>. Packed in one pool, sorted, for a page's lifetime.
 */
struct html_ids {
	char *pool;		/* owned: the names, each NUL-terminated */
	uint32_t *off;		/* owned: offsets in pool, by name */
	size_t n;
};

struct html_doc {
	char *base;		/* owned: the first <base href>, or NULL */
	struct html_link *links;	/* owned: in document order, with
					 * repeats */
	size_t nlinks, cap;
	struct html_ids ids;	/* owned */
};

#define HTML_DOC_INIT { NULL, NULL, 0, 0, { NULL, NULL, 0 } }

/*
 * Parse len bytes of HTML (any bytes: invalid UTF-8 becomes U+FFFD) into
 * doc, which must be HTML_DOC_INIT or released. Returns 0, or -1 with errno
 * (ENOMEM if gumbo gave up). Release with html_doc_release().
 */
int html_parse(const char *html, size_t len, struct html_doc *doc);
void html_doc_release(struct html_doc *doc);

/*
 * Does frag (the text after '#', as written) point into the page? As the
 * HTML standard finds an indicated element: an id or <a name> equal to frag,
 * else to frag percent-decoded; "" and "top" (any case) always do. Then,
 * as GitHub's page script (and the built-in theme's) does, one equal but
 * for the case of its ASCII letters (#isMatch names the id "ismatch").
 */
bool html_ids_has(const struct html_ids *ids, const char *frag);
void html_ids_release(struct html_ids *ids);

/*
 * Call fn once per candidate URL of a srcset attribute, as the HTML
 * standard's srcset parser splits it: commas inside a URL (data:) are kept,
 * descriptors ("2x", "100w") are skipped. url is not NUL-terminated.
 */
void html_srcset(const char *srcset,
    void (*fn)(const char *url, size_t len, void *arg), void *arg);

#endif
