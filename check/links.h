/*
 * links.h - what `tend check` needs from one HTML page: the URLs it refers to,
 * its <base href>, the ids a #fragment may point at; and resolving a
 * reference against a page's URL as a browser does. Pure: no network, no
 * file system, nothing printed.
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
 */
#ifndef TEND_LINKS_H
#define TEND_LINKS_H

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

struct link {
	char *ref;		/* owned: the value, references decoded */
	enum link_kind kind;
};

/*
 * The targets of #fragments in a page: every id attribute (any element) and
 * every <a name>. Packed in one pool, sorted, for a page's lifetime.
 */
struct links_ids {
	char *pool;		/* owned: the names, each NUL-terminated */
	uint32_t *off;		/* owned: offsets in pool, by name */
	size_t n;
};

struct links_doc {
	char *base;		/* owned: the first <base href>, or NULL */
	struct link *links;	/* owned: in document order, with repeats */
	size_t nlinks, cap;
	struct links_ids ids;
};

#define LINKS_DOC_INIT { NULL, NULL, 0, 0, { NULL, NULL, 0 } }

/*
 * Parse len bytes of HTML (any bytes: invalid UTF-8 becomes U+FFFD) into
 * doc, which must be LINKS_DOC_INIT or released. Returns 0, or -1 with errno
 * (ENOMEM if gumbo gave up). Release with links_doc_release().
 */
int links_parse(const char *html, size_t len, struct links_doc *doc);
void links_doc_release(struct links_doc *doc);

/*
 * Does frag (the text after '#', as written) point into the page? As the
 * HTML standard finds an indicated element: an id or <a name> equal to frag,
 * else to frag percent-decoded; "" and "top" (any case) always do.
 */
bool links_ids_has(const struct links_ids *ids, const char *frag);
void links_ids_release(struct links_ids *ids);

/*
 * Call fn once per candidate URL of a srcset attribute, as the HTML
 * standard's srcset parser splits it: commas inside a URL (data:) are kept,
 * descriptors ("2x", "100w") are skipped. url is not NUL-terminated.
 */
void links_srcset(const char *srcset,
    void (*fn)(const char *url, size_t len, void *arg), void *arg);

enum links_class {
	LINKS_HTTP,		/* an http(s) URL: see struct links_url */
	LINKS_OTHER_SCHEME,	/* mailto:, tel:, javascript:, data:... */
	LINKS_INVALID,		/* not a URL a browser could follow */
};

struct links_url {
	char *url;		/* owned: absolute, without the fragment */
	char *origin;		/* owned: "http://host:port", lower case,
				 * port always given: compare with strcmp */
	char *path;		/* owned: path and query, "/a/b.html?x" */
	char *frag;		/* owned: the text after ref's first '#'
				 * (trimmed, as written otherwise), or NULL */
};

/*
 * Resolve ref (an attribute value) against base (an absolute http(s) URL)
 * per URL rules: leading and trailing whitespace stripped, tabs and newlines
 * removed, '\' read as '/', dot segments removed, spaces and non-ASCII bytes
 * percent-encoded, the query kept. u is filled only for LINKS_HTTP; release
 * it with links_url_release(). A NULL u just classifies. An invalid base
 * makes every reference LINKS_INVALID.
 */
enum links_class links_resolve(const char *base, const char *ref,
    struct links_url *u);
void links_url_release(struct links_url *u);

/*
 * The same against a base parsed once (a page's URL or its <base href>),
 * for the many links of a page: references without dot segments or special
 * characters are resolved without reparsing. links_base_new() returns NULL
 * if url is not an absolute http(s) URL.
 */
struct links_base;

struct links_base *links_base_new(const char *url);
enum links_class links_base_resolve(const struct links_base *b,
    const char *ref, struct links_url *u);
void links_base_free(struct links_base *b);

/* Percent-decode s into a new string ("%zz" is kept as written). */
char *links_unescape(const char *s);

#endif
