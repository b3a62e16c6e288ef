/*
 * crawl.h - `tend check`'s crawler: fetch a running site over HTTP and check
 * every page, link, image, script, stylesheet and #fragment in it.
 *
 * Calling protocol (run.h does this in tend-crawl):
 *   1. The output folder is served (tend's server) on 127.0.0.1.
 *   2. struct crawl_config cfg = CRAWL_CONFIG_INIT; set base_url to
 *      "http://127.0.0.1:PORT", root to the output folder, and should_stop
 *      if something may ask the crawl to stop early.
 *   3. crawl_run(&cfg, &r): 0 when it ran (whatever it found), -1 with errno
 *      when it could not start (root unreadable, bad base_url, curl failed).
 *   4. Print r with report.h; r->nfailures > 0 means broken links;
 *      r->interrupted means should_stop() ended it. result_free(r).
 *
 * What is checked:
 *   - Start pages: "/" (base_path) and every *.html / *.htm file below
 *     root, served below base_path (names
 *     starting with '.' skipped), so orphan pages are checked too. They must
 *     answer 200 with a text/html Content-Type (redirects followed).
 *   - Every HTML page reached (Content-Type text/html or
 *     application/xhtml+xml, answered 200) is parsed (html.h lists the
 *     elements and attributes). <base href> is honoured; references are
 *     resolved per URL rules (url.h), queries kept.
 *   - Internal links (same scheme, host and port as base_url) must end,
 *     after at most VERDICT_MAX_REDIRECTS redirects, in a 200 with a
 *     Content-Type: text/html for a URL ending in ".html", ".htm" or '/',
 *     text/css for stylesheets, JavaScript for scripts. A link's #fragment
 *     must name an id or <a name> of its target when that target is an HTML
 *     page; "#" and "#top" always do.
 *   - A folder URL ("/d/", or "/d" redirected there) whose folder in root
 *     has no index.html fails ("folder without index.html"), though tend's
 *     server answers it with a listing: a real host answers 404. The listing
 *     is not parsed.
 *   - With a base path, a link to "/" is a 404 without being fetched
 *     (tend's server redirects it to the base, the host would not).
 *   - External links (other origins; mailto:, tel:, javascript:, data:...)
 *     and redirects that leave the site are listed, never fetched.
 *
 * Each distinct URL (without its fragment) is fetched once with GET, breadth
 * first from "/"; the *.html files not reached from "/" are fetched after.
 * A page reached under several URLs ("/d/" and "/d/index.html"; the clean URL
 * "/about" and "/about.html", as tend's server maps them; with a query) is
 * parsed and counted once, named by the shortest. A body that is not parsed
 * is read up to 1 MiB, then the transfer is cut. Up to cfg->parallel
 * requests run at once over curl's multi interface, on one thread (the one
 * calling crawl_run).
 *
 * Bounds: max_pages pages parsed (then r->truncated), VERDICT_MAX_BODY bytes
 * of a page parsed (a larger page is a failure), CRAWL_TIMEOUT_MS per
 * request. crawl_run() calls curl_global_init(): do not run it while another
 * thread uses libcurl. Nothing is printed.
 *
 * Inside: crawl.c fetches; graph.h holds what was found (URLs, pages,
 * links); verdict.h judges it into the result (result.h).
 */
#ifndef TEND_CRAWL_H
#define TEND_CRAWL_H

#include <stdbool.h>
#include <stddef.h>

#include "result.h"
#include "strlist.h"

struct skiplist;

#define CRAWL_TIMEOUT_MS 30000

struct crawl_config {
	const char *base_url;	/* "http://127.0.0.1:PORT", no final '/' */
	const char *root;	/* the served folder; NULL: "/" only */
	const char *base_path;	/* the site is served under it ("/docs/",
				   basepath.h): the crawl starts there and
				   root's files are below it; NULL: "/" */
	int parallel;		/* requests at once; <= 0 means 16 */
	size_t max_pages;	/* pages parsed at most; 0 means 100000 */
	/*
	 * Polled at least every 50 ms, and between pages parsed; true stops
	 * the crawl at once (r->interrupted). May be NULL.
	 */
	bool (*should_stop)(void *arg);
	void *stop_arg;
	/* Links not checked (graph_set_skip()); NULL: every link. */
	const struct skiplist *skip;
	/* --changed-since: the output files whose pages, with the pages
	 * that link to them, are judged (changed.h); NULL: every page. */
	const struct strlist *changed;
};

#define CRAWL_CONFIG_INIT { NULL, NULL, NULL, 16, 0, NULL, NULL, NULL, NULL }

/*
 * Crawl cfg->base_url. On 0, *out is a new result (free it with
 * result_free()); on -1 (errno set), *out is NULL.
 */
int crawl_run(const struct crawl_config *cfg, struct result **out);

#endif
