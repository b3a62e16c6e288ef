/*
 * inject.h - the live-reload script tag in HTML responses.
 *
 * inject_tag() is pure: it puts the tag before the last `</body` (any case),
 * or at the end when there is none; bodies that are gzip data are left
 * alone. The HTML cache keeps injected bodies per file and build, so a page
 * is rewritten once per generation, not once per request: entries are
 * reference-counted (a response in flight keeps its body alive) and the
 * cache is emptied when a new generation is published.
 */
#ifndef TEND_INJECT_H
#define TEND_INJECT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

/*
 * A new body: html (len bytes) with tag inserted; NULL if the body must not
 * be touched (gzip). *out_len gets the new length.
 */
char *inject_tag(const char *html, size_t len, const char *tag,
    size_t *out_len);

/* Longest build name (server.c makes "RUN.GENERATION", well below it). */
#define INJECT_BUILD_MAX 64

struct html_body;

/*
 * The injected body for the file open as fd (st from fstat) at rel, for
 * the build named build (tag built from it; shorter than INJECT_BUILD_MAX):
 * from the cache, or read and injected now. Returns a reference (release with html_body_unref), or
 * NULL (read error, too big, or not to be touched: serve the file as is).
 */
struct html_body *html_body_get(int fd, const struct stat *st, const char *rel,
    const char *build);
const char *html_body_data(const struct html_body *h);
size_t html_body_len(const struct html_body *h);
/* The ETag of the injected body (file's ETag and build). */
const char *html_body_etag(const struct html_body *h);
/* Drop a reference (usable as an MHD free callback). */
void html_body_unref(void *h);
/* Forget every cached body (a new generation). */
void html_cache_clear(void);

/* The tag for a build: a new string. */
char *inject_script_tag(const char *build);

#endif
