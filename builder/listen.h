/*
 * listen.h - the listening socket, bound by the parent before it forks, so a
 * busy port or a bad address is an immediate, clear error.
 */
#ifndef TEND_LISTEN_H
#define TEND_LISTEN_H

#include <stdbool.h>
#include <stddef.h>

/* Connections the kernel queues before the server accepts them (the
 * kernel caps it at net.core.somaxconn). */
#define LISTEN_BACKLOG 128

/* How many ports after a busy default port are tried. */
#define LISTEN_TRY_NEXT 20

/*
 * Bind host:port and listen (close-on-exec). With try_next, a busy port is
 * followed by the next LISTEN_TRY_NEXT - 1 ones. Returns the fd and sets
 * *bound to the port in use, or returns -1 and writes a one-line message
 * into err.
 */
int listen_open(const char *host, int port, bool try_next, int *bound,
    char *err, size_t errlen);

/*
 * The URL for a host and port, and the site's base path (basepath.h; NULL:
 * "/"): IPv6 literals in brackets; a wildcard address (0.0.0.0 or ::)
 * becomes the loopback one. A new string.
 */
char *listen_url(const char *host, int port, const char *base);

/* True if host is a wildcard or a non-loopback address. */
bool listen_is_public(const char *host);

/* The JSON "listen" event, once tend serves (and watches) at url. */
void listen_json(const char *url, int port, const char *host);

#endif
