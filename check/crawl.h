/*
 * crawl.h - `tend check`: crawl a running site over HTTP and check every page,
 * link, image, script, stylesheet and #fragment in it.
 *
 * Calling protocol:
 *   1. Serve the output folder (tend's server child) on 127.0.0.1, port 0.
 *   2. struct crawl_config cfg = CRAWL_CONFIG_INIT; set base_url to
 *      "http://127.0.0.1:PORT", root to the output folder, should_stop to a
 *      function that reports a stop signal (with sigs.h: call sigs_deliver(),
 *      then return sigs_count() > 0: the stop signals are blocked while the
 *      crawl runs, so they must be let in there).
 *   3. crawl_run(&cfg, &r): 0 when it ran (whatever it found), -1 with errno
 *      when it could not start (root unreadable, bad base_url, curl failed).
 *   4. Print with report.h; r->nfailures > 0 means exit 1; r->interrupted
 *      means stop and re-raise the signal. crawl_result_free(r).
 *
 * What is checked:
 *   - Start pages: "/" and every *.html / *.htm file below root (names
 *     starting with '.' skipped), so orphan pages are checked too. They must
 *     answer 200 with a text/html Content-Type (redirects followed).
 *   - Every HTML page reached (Content-Type text/html or
 *     application/xhtml+xml, answered 200) is parsed (links.h lists the
 *     elements and attributes). <base href> is honoured; references are
 *     resolved per URL rules, queries kept.
 *   - Internal links (same scheme, host and port as base_url) must end,
 *     after at most CRAWL_MAX_REDIRECTS redirects, in a 200 with a
 *     Content-Type: text/html for a URL ending in ".html", ".htm" or '/',
 *     text/css for stylesheets, JavaScript for scripts. A link's #fragment
 *     must name an id or <a name> of its target when that target is an HTML
 *     page; "#" and "#top" always do.
 *   - External links (other origins; mailto:, tel:, javascript:, data:...)
 *     and redirects that leave the site are listed, never fetched.
 *
 * Each distinct URL (without its fragment) is fetched once with GET, breadth
 * first from "/"; the *.html files not reached from "/" are fetched after.
 * A page reached under several URLs ("/d/" and "/d/index.html"; the clean URL
 * "/about" and "/about.html", as tend's server maps them; with a query) is
 * parsed and counted once, named by the shortest. A body that is not parsed
 * is read up to 1 MiB, then the transfer is cut. Up to cfg->parallel requests run at once over
 * curl's multi interface, on one thread (the one calling crawl_run).
 *
 * Bounds: max_pages pages parsed (then r->truncated), CRAWL_MAX_BODY bytes of
 * a page parsed (a larger page is a failure), CRAWL_TIMEOUT_MS per request.
 * crawl_run() calls curl_global_init(): do not run it while another thread
 * uses libcurl. Nothing is printed.
 *
 * Inside: crawl.c fetches; linkgraph.h holds what was found (URLs, pages,
 * links); verdict.h judges it into the crawl_result.
 */
#ifndef TEND_CRAWL_H
#define TEND_CRAWL_H

#include <stdbool.h>
#include <stddef.h>

#include "strlist.h"

#define CRAWL_MAX_REDIRECTS 5
#define CRAWL_MAX_BODY (16 * 1024 * 1024)
#define CRAWL_TIMEOUT_MS 30000

struct crawl_config {
	const char *base_url;	/* "http://127.0.0.1:PORT", no final '/' */
	const char *root;	/* the served folder; NULL: "/" only */
	int parallel;		/* requests at once; <= 0 means 16 */
	size_t max_pages;	/* pages parsed at most; 0 means 100000 */
	/*
	 * Polled at least every 50 ms, and between pages parsed; true stops
	 * the crawl at once (r->interrupted). May be NULL.
	 */
	bool (*should_stop)(void *arg);
	void *stop_arg;
};

#define CRAWL_CONFIG_INIT { NULL, NULL, 16, 0, NULL, NULL }

struct crawl_failure {
	char *page;	/* owned: URL path of the page, "/docs/a.html" */
	char *link;	/* owned: as written in the page; "" when the page
			 * itself failed (a start page that is not 200) */
	char *target;	/* owned: what it resolved to, path?query#fragment;
			 * "" if it is not a URL */
	char *reason;	/* owned: "404", "no such fragment #x",
			 * "connection refused", "more than 5 redirects"... */
};

/* Read-only for callers; crawl_result_free() frees every member. */
struct crawl_result {
	struct strlist pages;	/* pages checked (URL paths), sorted */
	size_t links;		/* internal links checked: once per page
				 * and distinct value */
	struct crawl_failure *failures;	/* by page, in pages' order; in a
					 * page, in document order */
	size_t nfailures;
	struct strlist external;	/* distinct external links, sorted */
	size_t fetched;		/* HTTP requests made */
	bool interrupted;	/* should_stop() said so: partial results */
	bool truncated;		/* max_pages reached: partial results */
};

/*
 * Crawl cfg->base_url. On 0, *out is a new result (free it with
 * crawl_result_free()); on -1 (errno set), *out is NULL.
 */
int crawl_run(const struct crawl_config *cfg, struct crawl_result **out);

/* Append a failure (the strings are copied); for verdict.c and tests. */
void crawl_result_add_failure(struct crawl_result *r, const char *page,
    const char *link, const char *target, const char *reason);

void crawl_result_free(struct crawl_result *r);

#endif
