/*
 * external.h - fetch external http(s) links (`tend check
 * --check-external`), politely: no host is hammered, a CI run of a large
 * site ends in bounded time, and a cache (extcache.h) spares the links
 * found good within its maximum age.
 *
 * Calling protocol: struct ext_config cfg = EXT_CONFIG_INIT; set what
 * differs; ext_check(&cfg, urls, n, &links, &warnings); read links (n of
 * them, in the order of urls); ext_links_free(links, n).
 *
 * How each distinct URL is checked (its #fragment is never fetched nor
 * checked: the caller passes URLs without it):
 *   - HEAD first; GET when HEAD is refused (405, 501, 403, or the
 *     connection reset or closed without a reply). A GET reads the status
 *     and headers, then is cut at the first byte of the body.
 *   - Redirects are followed by hand, each hop a request of its own (and
 *     of its own host), EXT_MAX_REDIRECTS at most: a 6th, or a redirect to
 *     a URL already on the way (a loop), is broken.
 *   - 2xx: good. 4xx but 429: broken ("404"). 429 and 503: tried again,
 *     after Retry-After (seconds or an HTTP-date, at most
 *     EXT_RETRY_AFTER_MAX_MS; meanwhile no request goes to that host),
 *     else after EXT_BACKOFF_MS, doubled each time; EXT_RETRIES times,
 *     then a warning. Other 5xx: a warning.
 *   - A timeout (cfg->timeout_ms per request), a refused or reset
 *     connection: tried again the same way, then a warning. A name that
 *     does not resolve, a TLS failure, anything else of the network: a
 *     warning at once.
 *   - At most EXT_PER_HOST requests at once to a host name (whatever its
 *     port or scheme), and at most EXT_RATE requests started per second
 *     to it; at most EXT_PARALLEL at once in all, over curl's multi
 *     interface on the calling thread.
 *   - The whole check ends after EXT_TOTAL_MS: links not done by then are
 *     warnings ("not checked: time limit").
 *   - With cfg->cache, a link found good less than cfg->max_age_s seconds
 *     ago is not fetched (cached true); the links found good are written
 *     back, the broken ones dropped (extcache.h).
 *
 * Proxies are taken from the environment (http_proxy, https_proxy,
 * no_proxy) as curl does. The User-Agent names tend. curl_global_init()
 * must have been called (crawl_run() does it and cleans up: ext_check()
 * calls it too, and curl_global_cleanup() before it returns). Nothing is
 * printed; what could not be done with the cache is added to *warnings.
 * Allocation failure exits (xalloc.h).
 */
#ifndef TEND_EXTERNAL_H
#define TEND_EXTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "strlist.h"

#define EXT_MAX_REDIRECTS 5
#define EXT_PER_HOST 2
#define EXT_RATE 5			/* requests started per second */
#define EXT_PARALLEL 16
#define EXT_RETRIES 2			/* tries after the first */
#define EXT_BACKOFF_MS 1000
#define EXT_RETRY_AFTER_MAX_MS 30000
#define EXT_TOTAL_MS (5 * 60 * 1000)

enum ext_state {
	EXT_OK,
	EXT_BROKEN,
	EXT_WARNING,
};

/* Why a link is a warning: a short name for summaries (ext_why_name()). */
enum ext_why {
	EXT_WHY_NONE,
	EXT_WHY_TIMEOUT,
	EXT_WHY_REFUSED,
	EXT_WHY_RESET,
	EXT_WHY_DNS,
	EXT_WHY_TLS,
	EXT_WHY_429,
	EXT_WHY_503,
	EXT_WHY_SERVER,		/* another 5xx */
	EXT_WHY_NETWORK,	/* anything else */
	EXT_WHY_TIME_LIMIT,	/* not checked: EXT_TOTAL_MS passed */
	EXT_WHY_N
};

struct ext_link {
	char *url;		/* owned: as passed */
	enum ext_state state;
	enum ext_why why;	/* for EXT_WARNING */
	char *reason;		/* owned: "404", "more than 5 redirects",
				 * "timed out (3 tries)"; NULL when good */
	bool cached;		/* good from the cache, not fetched */
	unsigned requests;	/* requests made for it */
};

struct ext_config {
	int timeout_ms;		/* a request's, in all */
	const char *cache;	/* the cache file, or NULL */
	int64_t max_age_s;	/* of its entries */
	const char *user_agent;	/* NULL: "tend-check/VERSION" */
};

#define EXT_CONFIG_INIT { 10000, NULL, 86400, NULL }

/*
 * Check the n distinct URLs (absolute http(s), without fragments). On 0,
 * *links is a new array of n results; -1 with errno when curl could not
 * be set up (then *links is NULL).
 */
int ext_check(const struct ext_config *cfg, char *const *urls, size_t n,
    struct ext_link **links, struct strlist *warnings);

void ext_links_free(struct ext_link *links, size_t n);

/* "timeout", "connection refused", "429"...: a warning's kind, short. */
const char *ext_why_name(enum ext_why why);

#endif
