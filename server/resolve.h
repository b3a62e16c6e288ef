/*
 * resolve.h - turning a request's URL path into a file beneath the output folder.
 *
 * Three steps, so that the pure parts can be tested from tables:
 *   0. resolve_raw() checks the raw request target, before libmicrohttpd
 *      decodes it: an encoded NUL, or an encoded '/' in the path (which
 *      decoding would turn into a separator), is a bad request (400).
 *   1. resolve_url() checks the decoded URL path (libmicrohttpd has already
 *      %-decoded it once) and makes a relative path: empty and "." segments
 *      are dropped, ".." is refused (403), a segment starting with '.' is a
 *      dotfile and not served (404), control bytes and backslashes are bad
 *      requests (400).
 *   2. resolve_open() opens that path with openat2(RESOLVE_BENEATH |
 *      RESOLVE_NO_MAGICLINKS), so symlinks that leave the folder fail with
 *      EXDEV whatever happens on disk between two requests. On a kernel
 *      without openat2 it walks the path with O_NOFOLLOW and refuses every
 *      symlink.
 */
#ifndef TEND_RESOLVE_H
#define TEND_RESOLVE_H

#include <stddef.h>

#define RESOLVE_PATH_MAX 4096

/* Check the raw (undecoded) request target; 0 or 400. */
int resolve_raw(const char *raw);

/*
 * Check url and write the relative path into rel (cap bytes; "" means the
 * root). Returns 0, or an HTTP status: 400, 403, 404 or 414 (too long).
 */
int resolve_url(const char *url, char *rel, size_t cap);

/*
 * Open rel beneath rootfd with flags (O_CLOEXEC is added). Returns the fd,
 * or -1 with errno: EXDEV or ELOOP when the path leaves the folder.
 */
int resolve_open(int rootfd, const char *rel, int flags);

/* The HTTP status for an errno from resolve_open(): 403, 404, 503 (out
 * of descriptors) or 500. */
int resolve_status(int err);

#endif
