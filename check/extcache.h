/*
 * extcache.h - the cache of external links found good by `tend check
 * --check-external --cache FILE`, so that a CI run does not fetch the same
 * links of the same hosts again within --cache-max-age.
 *
 * The file is text: a first line "# tend external link cache 1", then one
 * line per good URL, "SECONDS URL", SECONDS being when it was last found
 * good (seconds since the epoch, UTC). Only good links are kept: a broken
 * link, or one that could not be fetched, is fetched on every run.
 *
 * Calling protocol:
 *   1. c = extcache_load(path, now, max_age, warn, len): never NULL. A
 *      missing file is an empty cache; a file that cannot be read or is
 *      not such a cache (corrupt, cut short, another program's) is an
 *      empty cache too, and warn gets one line saying so.
 *   2. extcache_fresh(c, url): was url good less than max_age seconds ago?
 *   3. extcache_put(c, url, now) for each link found good; extcache_drop()
 *      for one found broken.
 *   4. extcache_save(c, path, now): the entries still fresh at now (or
 *      at the time of the load, if later), written to a new
 *      file beside path, then renamed over it (a reader sees the old file
 *      or the new one, never half of one). 0, or -1 with errno (the new
 *      file is then removed).
 *   5. extcache_free(c).
 *
 * Nothing is printed; allocation failure exits (xalloc.h). Not
 * thread-safe. Entries dated in the future (a clock set back) are stale.
 */
#ifndef TEND_EXTCACHE_H
#define TEND_EXTCACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define EXTCACHE_HEADER "# tend external link cache 1"

struct extcache;

struct extcache *extcache_load(const char *path, int64_t now,
    int64_t max_age, char *warn, size_t len);
bool extcache_fresh(const struct extcache *c, const char *url);
void extcache_put(struct extcache *c, const char *url, int64_t when);
void extcache_drop(struct extcache *c, const char *url);
/* How many entries are fresh. */
size_t extcache_count(const struct extcache *c);
int extcache_save(struct extcache *c, const char *path, int64_t now);
void extcache_free(struct extcache *c);

#endif
