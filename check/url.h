/*
 * url.h - resolve a reference found in a page (an attribute value) against
 * the page's URL as a browser does, and classify it: an http(s) URL, another
 * scheme, or not a URL at all. Pure: no network, nothing printed. Parsing
 * uses libcurl's URL API (no transfer, no curl_global_init() needed).
 *
 * Memory: a struct url owns its strings (url_release()); a struct url_base
 * is made by url_base_new() and freed by url_base_free(). Allocation failure
 * exits (xalloc.h); there is no other error than "not a URL" (URL_INVALID,
 * or NULL from url_base_new()).
 */
#ifndef TEND_URL_H
#define TEND_URL_H

#include <stdbool.h>
#include <stddef.h>

enum url_class {
	URL_HTTP,		/* an http(s) URL: see struct url */
	URL_OTHER_SCHEME,	/* mailto:, tel:, javascript:, data:... */
	URL_INVALID,		/* not a URL a browser could follow */
};

struct url {
	char *url;		/* owned: absolute, without the fragment */
	char *origin;		/* owned: "http://host:port", lower case,
				 * port always given: compare with strcmp */
	char *path;		/* owned: path and query, "/a/b.html?x" */
	char *frag;		/* owned: the text after ref's first '#'
				 * (trimmed, as written otherwise), or NULL */
};

#define URL_INIT { NULL, NULL, NULL, NULL }

/*
 * Resolve ref (an attribute value) against base (an absolute http(s) URL)
 * per URL rules: leading and trailing whitespace stripped, tabs and newlines
 * removed, '\' read as '/', dot segments removed, spaces and non-ASCII bytes
 * percent-encoded, the query kept. u is filled only for URL_HTTP; release
 * it with url_release(). A NULL u just classifies. An invalid base makes
 * every reference URL_INVALID.
 */
enum url_class url_resolve(const char *base, const char *ref, struct url *u);
void url_release(struct url *u);

/*
 * The same against a base parsed once (a page's URL or its <base href>),
 * for the many links of a page: references without dot segments or special
 * characters are resolved without reparsing. url_base_new() returns NULL
 * if url is not an absolute http(s) URL.
 */
struct url_base;

struct url_base *url_base_new(const char *url);
enum url_class url_base_resolve(const struct url_base *b, const char *ref,
    struct url *u);
void url_base_free(struct url_base *b);

/* Percent-decode s into a new string ("%zz" is kept as written). */
char *url_unescape(const char *s);

/*
 * Does the path (its first n bytes) name an HTML file by its extension,
 * ".html" or ".htm" in any case? ("/a.html", not "/a.html/" nor "/.html")
 */
bool url_names_page(const char *path, size_t n);

/* Does the path (n bytes, without its ?query) name a file that is no page
 * (".js", ".css", ".png", ".json", ...: any case)? An HTML answer to it (a
 * host rule falling back to a page, status 200) is a wrong type, not a page whose
 * links lead on: its relative links would name ever deeper paths. */
bool url_names_asset(const char *path, size_t n);

#endif
