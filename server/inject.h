/*
 * inject.h - the live-reload script tag in HTML responses.
 *
 * inject_tag() is pure: it puts the tag at the end of the body, which is
 * found by a small scan of the markup that skips comments, CDATA and the
 * content of raw-text elements (script, style, textarea, title, ...): a
 * `</body>` inside a script's string is not the end of the body. Where:
 *   - before the last real `</body` (any case);
 *   - else, if the input ends inside a comment, a raw-text element or a
 *     tag, before that construct (never inside it);
 *   - else at the end.
 * Bodies that are gzip data are left alone. bodycache.h keeps injected
 * pages per build.
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

/*
 * What every tag says besides the build, for the whole run (server.c
 * calls it once, before any request): the site's base path (NULL or "/":
 * none; basepath.h), where the script is fetched from ("/docs/__tend/
 * client.js") and which client.js strips from URLs to know the output
 * files they name; and --spa's page (NULL: none), which client.js takes
 * to be the page of any path with no extension. Not copied.
 */
void inject_init(const char *base, const char *spa);

/* The tag for a build: a new string. */
char *inject_script_tag(const char *build);
/*
 * The tag for tend's page while the site has no good build (route.c): it
 * says so (data-tend-unbuilt), and client.js then reloads on any good
 * build, whatever it changed. A new string.
 */
char *inject_unbuilt_tag(const char *build);

#endif
