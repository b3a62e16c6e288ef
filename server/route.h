/*
 * route.h - request routing: what libmicrohttpd's thread answers to each
 * request.
 *
 * Per request, in order:
 *   1. the raw URI (route_uri(), MHD's URI log callback): a "%00" marks the
 *      request bad; a URI over ROUTE_URI_MAX or with more than
 *      ROUTE_ARGS_MAX arguments is a 414, and its query is cut before
 *      libmicrohttpd parses it; the request's state is made (nothing past
 *      the URI's NUL is read: a raw NUL in it is found in step 2 by where
 *      the version lies, with the libmicrohttpd whose layout route.c
 *      knows);
 *   2. the first call of route_request(), with the headers: a malformed
 *      request is a 400 (a NUL in the path or a header field, a line with
 *      no field name, a folded line, a field name that is not a token, a
 *      CR in a value, HTTP/1.1 without Host, two Hosts, a Host whose port
 *      is not a number up to 65535, a body length given twice or both
 *      ways or by a coding other than chunked: http.h), headers too large
 *      a 431, a Host that is not this machine a 403 (DNS rebinding), a
 *      method other than GET/HEAD a 405; libmicrohttpd answers it and
 *      closes the connection;
 *   3. the second call answers: with a base path (base.h), "/" and the
 *      base without its '/' are redirected to it; then tend's own paths
 *      below /__tend/ (the event stream, the script), below the base too;
 *      else, while a build writes the output folder, the request is held
 *      (hold.h) until the build ends, through queued builds too, at most
 *      ROUTE_HOLD_MS (then 503); else the site's _redirects and _headers
 *      decide (rules.h); else the file beneath the output folder (below
 *      the base): index.html for folders (a listing when there is none),
 *      "about" -> about.html, 404.html for what is missing or outside the
 *      base (--spa's page, 200, for a missing path with no extension);
 *      HTML pages get the live-reload script (inject.h) when reloading is
 *      on. With no output folder yet (no good build), a 503 page with the
 *      failed build's log and the script (client.js reloads it on a good
 *      build).
 *
 * The output folder is opened once per published build (route_new_root()),
 * not once per request. Every function but route_new_root(),
 * route_wait_old_root(), route_stopping() and route_inflight() runs on
 * libmicrohttpd's thread.
 */
#ifndef TEND_ROUTE_H
#define TEND_ROUTE_H

#include <microhttpd.h>
#include <stdbool.h>

#include "servconf.h"

/* The request line and headers must fit in this (431 else). */
#define ROUTE_HEADERS_MAX (32 * 1024)
/*
 * A URI may be this long and hold this many query arguments (414 else).
 * libmicrohttpd keeps each argument in the connection's memory pool (about
 * 64 bytes each); when they do not fit, 0.9.75 sends nothing and closes
 * the connection (doc/LIBRARIES.md). A request line this short is parsed
 * while the read buffer holds at most half the pool (server.c gives it
 * 2 * ROUTE_HEADERS_MAX), so this many arguments always fit.
 */
#define ROUTE_URI_MAX (16 * 1024)
#define ROUTE_ARGS_MAX 256
/* How long a request may wait for builds before it gets a 503. */
#define ROUTE_HOLD_MS 60000

/* Route with cfg (kept: it must outlive the daemon). */
void route_init(const struct server_config *cfg);

/* MHD_OPTION_URI_LOG_CALLBACK: counts the request in flight; returns its
 * state (malloc'd: route_completed() frees it). */
void *route_uri(void *cls, const char *uri, struct MHD_Connection *c);
/* MHD_OPTION_NOTIFY_COMPLETED: the request is done. */
void route_completed(void *cls, struct MHD_Connection *c, void **req,
    enum MHD_RequestTerminationCode toe);
/* The access handler given to MHD_start_daemon(). */
enum MHD_Result route_request(void *cls, struct MHD_Connection *c,
    const char *url, const char *method, const char *version,
    const char *upload, size_t *upload_size, void **req);

/*
 * A build ended (main thread): the next request opens the output folder
 * anew. Call it before the new build's name is published (reload.h).
 */
void route_new_root(void);
/*
 * After route_new_root() (main thread): wait, at most ms, while a request
 * that took the output folder before it is still being answered from it.
 */
void route_wait_old_root(int ms);
/* Stopping (main thread): new event streams and held requests get 503. */
void route_stopping(void);
/* How many requests are in flight. */
int route_inflight(void);
/* Close the output folder (after the daemon stopped). */
void route_release(void);

#endif
