/*
 * inject.h - the live-reload script tag in HTML responses.
 *
 * inject_tag() is pure: it puts the tag before the last `</body` (any case),
 * or at the end when there is none; bodies that are gzip data are left
 * alone. bodycache.h keeps injected pages per build.
 */
#ifndef TEND_INJECT_H
#define TEND_INJECT_H

#include <stddef.h>

/*
 * A new body: html (len bytes) with tag inserted; NULL if the body must not
 * be touched (gzip). *out_len gets the new length.
 */
char *inject_tag(const char *html, size_t len, const char *tag,
    size_t *out_len);

/* Longest build name (server.c makes "RUN.GENERATION", well below it). */
#define INJECT_BUILD_MAX 64

/* The tag for a build: a new string. */
char *inject_script_tag(const char *build);

#endif
