/*
 * respond.h - queueing the server's responses on a libmicrohttpd connection.
 * Each returns what MHD_queue_response() returned. Every response carries
 * Cache-Control: no-cache (a dev server must never be served from a stale
 * browser cache) and X-Content-Type-Options: nosniff.
 */
#ifndef TEND_RESPOND_H
#define TEND_RESPOND_H

#include <microhttpd.h>
#include <sys/types.h>

/* A small HTML page for status (400, 403, 404, 405, 414, 500, 503); 405
 * carries "Allow: GET, HEAD", 503 "Retry-After: 1". */
enum MHD_Result respond_status(struct MHD_Connection *c, unsigned status);

/* 301 to path + "/" (path as decoded; it is %-encoded again). */
enum MHD_Result respond_add_slash(struct MHD_Connection *c, const char *path);

/*
 * The file open as fd (size bytes) with status and a Content-Type guessed
 * from name. Takes ownership of fd, even on failure.
 */
enum MHD_Result respond_fd(struct MHD_Connection *c, unsigned status, int fd,
    off_t size, const char *name);

#endif
