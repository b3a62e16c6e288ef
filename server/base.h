/*
 * base.h - the site as it will be deployed: served under a base path
 * (--base /PATH/, core/basepath.h) and, for a single-page app (--spa),
 * with one page for every path that names no file.
 *
 * With a base, route.c asks base_where() first: the site is below base
 * ("/docs/a.html" is the output's a.html); "/" and base without its final
 * '/' are redirected to base (302: another run of tend on the same port
 * may have no base, so no browser should remember it); anything else is
 * outside the site and gets the site's 404 as the host would answer it.
 * tend's own paths (/__tend/...) are answered below base, where the
 * injected script asks for them, and at the top too.
 *
 * With --spa, a path the output has no file for gets the fallback page
 * (200) when base_spa_wants() says so: its last segment has no extension
 * ("/users/42", "/settings/"); "/app.js" and "/img/x.png" stay 404s, as
 * with Vite and live-server.
 */
#ifndef TEND_BASE_H
#define TEND_BASE_H

#include <microhttpd.h>
#include <stdbool.h>

enum base_where {
	BASE_INSIDE,	/* below base: *inner is the path below it */
	BASE_REDIRECT,	/* "/" or base without its final '/' */
	BASE_OUTSIDE,	/* not the site's */
};

/*
 * Where url (decoded, as libmicrohttpd gives it) lies against base (one
 * form, basepath.h; NULL or "/": no base, all is inside). For BASE_INSIDE,
 * *inner points into url at base's final '/' ("/docs/a" -> "/a").
 */
enum base_where base_where(const char *base, const char *url,
    const char **inner);

/* Queue a 302 to base, with the request's query. */
enum MHD_Result base_redirect(struct MHD_Connection *c, const char *base);

/* Does a missing path (below base) get --spa's page: no extension in its
 * last segment? */
bool base_spa_wants(const char *inner);

#endif
