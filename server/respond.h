/*
 * respond.h - queueing the server's responses on a libmicrohttpd connection.
 * Each returns what MHD_queue_response() returned. Every response carries
 * Cache-Control: no-cache (a dev server must never be served from a stale
 * browser cache) and X-Content-Type-Options: nosniff.
 */
#ifndef TEND_RESPOND_H
#define TEND_RESPOND_H

#include <microhttpd.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <sys/types.h>

/* A small HTML page for status (400, 403, 404, 405, 414, 431, 500, 501,
 * 503); 405 carries "Allow: GET, HEAD", 503 "Retry-After: 1". */
enum MHD_Result respond_status(struct MHD_Connection *c, unsigned status);

/* MHD_get_connection_values()'s iterator that appends one query argument,
 * %-encoded again, to the Location being made (a struct buf * as arg,
 * NUL-terminated): "?" before the first, "&" before the others. */
enum MHD_Result respond_add_query_arg(void *arg, enum MHD_ValueKind kind,
    const char *key, const char *value);

/*
 * 301 to path + "/" (path as decoded; it is %-encoded again). The Location
 * starts with exactly one '/', never "//" (a protocol-relative URL that a
 * browser would take for another host). The query string is kept (each
 * argument %-encoded again, in order).
 */
enum MHD_Result respond_add_slash(struct MHD_Connection *c, const char *path);

/*
 * A redirect (status 3xx) to location (already %-encoded); with
 * keep_query, the request's query arguments are appended (encoded again,
 * in order), as Netlify passes them on.
 */
enum MHD_Result respond_redirect(struct MHD_Connection *c, unsigned status,
    const char *location, bool keep_query);

struct strlist;

/*
 * Headers that every response this thread queues gets, until set again
 * (NULL: none): pairs, name then value (not copied: l must outlive the
 * responses' queueing). They replace the header of the same name that the
 * response had, except Cache-Control: a preview is never served from a
 * stale browser cache. The server sets the site's _headers (rules.h).
 */
void respond_extra_headers(const struct strlist *l);

/*
 * Files up to this size are read into a buffer of their size (one pread)
 * and sent with one send(); larger ones go zero-copy with sendfile().
 * libmicrohttpd 0.9.75 sends files in 128 KiB sendfile() chunks, with an
 * event-loop turn between chunks: for a 1 MiB file that measured about
 * 0.42x nginx on loopback, against 0.81x for the buffer (bench/throughput).
 * The buffer belongs to the response (freed with it), not to the
 * connection's memory pool.
 */
#define RESPOND_ONE_WRITE (1024 * 1024)

/*
 * The regular file open as fd (st from fstat) with a Content-Type guessed
 * from name. With status 200 the request's validators and Range are
 * honoured: ETag and Last-Modified are sent, If-None-Match /
 * If-Modified-Since give 304, a single byte range gives 206 (If-Range
 * respected) and an unsatisfiable one 416. Takes ownership of fd.
 */
enum MHD_Result respond_file(struct MHD_Connection *c, unsigned status,
    int fd, const struct stat *st, const char *name);

struct body;

/*
 * A body from memory (bodycache.h) with Content-Type type; takes the
 * reference. With status 200 its validators are sent and honoured (304);
 * a file's body also gets Last-Modified.
 */
enum MHD_Result respond_body(struct MHD_Connection *c, unsigned status,
    struct body *h, const char *type);

/*
 * The page for a request while the site has no good build (a new string,
 * *len its length): the last build's log when it failed (log, may be
 * NULL; shown as text), else word that the site is being built. route.c
 * sends it as a 503 with the live-reload script, so the tab shows the
 * failure and reloads once a build succeeds.
 */
char *respond_unbuilt_html(const char *log, size_t *len);

/* A generated body (malloc'd; freed by MHD) with status and type; a 503
 * carries "Retry-After: 1". */
enum MHD_Result respond_buffer(struct MHD_Connection *c, unsigned status,
    char *body, size_t len, const char *type);

#endif
