/*
 * verdict.h - `tend check`'s pass/fail rules: judge what a crawl fetched
 * (graph.h's records) and turn it into a result's (result.h) pages, link
 * count and failures. Pure: no network, no file system, nothing printed.
 * Memory: the records judged are only read; what goes into the result is
 * copied. Allocation failure exits (xalloc.h).
 *
 * The rules (crawl.h says them to users):
 *   - Redirects are followed, VERDICT_MAX_REDIRECTS at most; one that leaves
 *     the site ends the check there (passed).
 *   - Then a transfer error, any status but 200, or no Content-Type fails;
 *     so does tend's listing of a folder without index.html (no_index):
 *     a real host answers 404 there.
 *   - A page (a start page, or an HTML page too big to parse) must be
 *     text/html or application/xhtml+xml, and not over VERDICT_MAX_BODY.
 *   - A link must have the Content-Type its kind and URL call for:
 *     text/css for a stylesheet, a JavaScript type for a script, HTML for
 *     a URL path ending in ".html", ".htm" or '/'; anything for the rest.
 *     Its #fragment must be in the target's ids if the target was parsed.
 */
#ifndef TEND_VERDICT_H
#define TEND_VERDICT_H

#include <stdbool.h>
#include <stddef.h>

#include "graph.h"
#include "html.h"
#include "result.h"

#define VERDICT_MAX_REDIRECTS 5
#define VERDICT_MAX_BODY (16 * 1024 * 1024)	/* an HTML page's bytes */

enum verdict {
	VERDICT_OK,
	VERDICT_SKIP,		/* not fetched (the crawl was cut short) */
	VERDICT_FAIL,
};

/* Is ctype (may be NULL) text/html or application/xhtml+xml, any case,
 * whatever its parameters? */
bool verdict_is_html(const char *ctype);

/*
 * Follow t's redirects and judge where they end: as a page (page true; kind
 * is then ignored) or as the target of a link of that kind. *final is set
 * to where it ended, except past VERDICT_MAX_REDIRECTS. On VERDICT_FAIL, why
 * (len bytes, len > 0) holds the reason, "404", "no Content-Type",
 * "Content-Type text/plain, expected text/css"...; otherwise it is left
 * unchanged. A target not TARGET_DONE is VERDICT_SKIP.
 */
enum verdict verdict_judge(const struct graph_target *t, bool page,
    enum link_kind kind, char *why, size_t len,
    const struct graph_target **final);

/*
 * Fill r (its pages, links and failures must be empty) from a finished
 * crawl: every parsed page and every failed start or too big page, sorted
 * by URL path; each page's failures in document order. Sorts r->external.
 */
void verdict_evaluate(struct result *r,
    struct graph_page *const *pages, size_t npages,
    struct graph_target *const *targets, size_t ntargets);

#endif
