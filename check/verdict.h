/*
 * verdict.h - `tend check`'s pass/fail rules: judge what a crawl fetched
 * (linkgraph.h's records) and turn it into a crawl_result's pages, link
 * count and failures. Pure: no network, nothing printed.
 *
 * The rules (crawl.h says them to users):
 *   - Redirects are followed, CRAWL_MAX_REDIRECTS at most; one that leaves
 *     the site ends the check there (passed).
 *   - Then a transfer error, any status but 200, or no Content-Type fails.
 *   - A page (a start page, or an HTML page too big to parse) must be
 *     text/html or application/xhtml+xml, and not over CRAWL_MAX_BODY.
 *   - A link must have the Content-Type its kind and URL call for:
 *     text/css for a stylesheet, a JavaScript type for a script, HTML for
 *     a URL path ending in ".html", ".htm" or '/'; anything for the rest.
 *     Its #fragment must be in the target's ids if the target was parsed.
 */
#ifndef TEND_VERDICT_H
#define TEND_VERDICT_H

#include <stdbool.h>
#include <stddef.h>

#include "crawl.h"
#include "linkgraph.h"
#include "links.h"

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
 * to where it ended, except past CRAWL_MAX_REDIRECTS. On VERDICT_FAIL, why
 * (len bytes, len > 0) holds the reason, "404", "no Content-Type",
 * "Content-Type text/plain, expected text/css"...; otherwise it is left
 * unchanged. A target not TARGET_DONE is VERDICT_SKIP.
 */
enum verdict verdict_judge(const struct crawl_target *t, bool page,
    enum link_kind kind, char *why, size_t len,
    const struct crawl_target **final);

/*
 * Fill r (its pages, links and failures must be empty) from a finished
 * crawl: every parsed page and every failed start or too big page, sorted
 * by URL path; each page's failures in document order. Sorts r->external.
 */
void verdict_evaluate(struct crawl_result *r,
    struct crawl_page *const *pages, size_t npages,
    struct crawl_target *const *targets, size_t ntargets);

#endif
