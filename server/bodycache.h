/*
 * bodycache.h - response bodies kept in memory: HTML pages with the
 * live-reload script (inject.h), and small files.
 *
 * Why: a page is rewritten once per build, not once per request; and a
 * small body sent from memory goes out with its headers in one vectored
 * write, where libmicrohttpd sends a file's headers and its sendfile() body
 * separately (measured: a 4 KiB page, about 1.3x nginx from memory against
 * 0.7x from the file).
 *
 * Entries are keyed by path, the file's ETag (inode, size, mtime) and the
 * build; they are reference-counted (a response in flight keeps its body)
 * and bodycache_clear() empties the cache when a generation is published.
 * At most 64 MiB are kept. Thread-safe.
 */
#ifndef TEND_BODYCACHE_H
#define TEND_BODYCACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>
#include <time.h>

/* Files up to this size are served from memory. */
#define BODYCACHE_SMALL (32 * 1024)

struct body;

/*
 * The body of the file open as fd (st from fstat) at rel: with the script
 * tag of build injected, or as it is when build is NULL. From the cache, or
 * read now. Returns a reference (release with body_unref), or NULL (read
 * error, too big, gzip data when injecting): then serve the file itself.
 */
struct body *bodycache_get(int fd, const struct stat *st, const char *rel,
    const char *build);
const char *body_data(const struct body *h);
size_t body_len(const struct body *h);
/* Its ETag: the file's, or for an injected page the file's and the build. */
const char *body_etag(const struct body *h);
time_t body_mtime(const struct body *h);
bool body_injected(const struct body *h);
/* Drop a reference (usable as an MHD free callback). */
void body_unref(void *h);
/* Forget every cached body (a new generation). */
void bodycache_clear(void);

#endif
