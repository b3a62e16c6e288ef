/*
 * basepath.h - the path a site is served under (`--base /PATH/`, or a
 * generator's site_url / baseURL / baseurl), as the host that deploys it
 * serves it: GitHub Pages' "/repo/", a docs site's "/docs/".
 *
 * One form everywhere: it starts and ends with '/', has no empty, "." or
 * ".." segment, no query nor fragment, and only the characters a URL path
 * may hold unencoded that need no quoting in HTML or a shell (letters,
 * digits and "-._~!$()*+,;=:@"). "/" means no base. tend checks the
 * value once (builder/cli.c, builder/presetbase.c) and passes it on to
 * tend-serve (proto/args.h) and tend-crawl (core/crawlopts.h), which check
 * it again with the same function.
 */
#ifndef TEND_BASEPATH_H
#define TEND_BASEPATH_H

#include <stdbool.h>
#include <stddef.h>

/* The longest base path accepted, in bytes. */
#define BASEPATH_MAX 256

/*
 * in in the one form: "docs" and "/docs" become "/docs/"; "" and "/"
 * become "/". A new string, or NULL with a one-line message in err
 * ("'a/../b': a '..' segment").
 */
char *basepath_normalise(const char *in, char *err, size_t errlen);

/* Is base the one form of no base ("/"), or NULL? */
bool basepath_none(const char *base);

/*
 * url below base: "/docs/a.html" under "/docs/" is "/a.html" (a pointer
 * into url, at base's final '/'); NULL if url is not below base. With no
 * base, url itself.
 */
const char *basepath_strip(const char *base, const char *url);

#endif
