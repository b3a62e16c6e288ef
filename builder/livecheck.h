/*
 * livecheck.h - `tend serve`: after each build of the built-in builder,
 * check the internal links it may have broken or fixed, and tell.
 *
 * The pages to check and the verdicts come from site/livelinks.h (the
 * pages the build rendered, and those linking to a page, heading or file
 * it added, removed or renamed). For each page, what changed since the
 * last build is told once:
 *   - the terminal: "tend: guide/a.md:12:5: broken link 'missing.md' (no
 *     such page)" for a new breakage, "tend: guide/a.md:12: fixed link
 *     'missing.md'" when it is gone; a breakage already told is not told
 *     again (a link is the same while its href and reason are, even when
 *     lines above it moved it);
 *   - the JSON log: {"event":"link","state":"broken"|"fixed","file",
 *     "line","col","href","reason","page"} per line above;
 *   - the server child: MSG_LINKS with the page's whole current list
 *     (proto/msg.h), sent when the list (lines included) changed, after
 *     the build's MSG_BUILD_OK; the tabs of that page show it.
 * The first build tells every broken link of the site. External builds
 * (a generator, --cmd) are checked by genlive.h, told through
 * livecheck_report().
 */
#ifndef TEND_LIVECHECK_H
#define TEND_LIVECHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "msg.h"
#include "strlist.h"

struct livecheck;
struct livelinks;
struct livelink_broken;

/* What the builder keeps (NULL until the first call makes it): the index
 * for site_config.live. */
struct livelinks *livecheck_links(struct livecheck **lc);

/*
 * The build that filled the index ended: ok, published as generation into
 * the output folder out (absolute), having written or removed outputs
 * (site_build()'s list). Check, tell, and queue the messages for the
 * server in outbox (NULL: none). A failed build (!ok) is forgotten. lc may
 * be NULL (nothing kept yet).
 */
void livecheck_end(struct livecheck *lc, bool ok, const char *out,
    const struct strlist *outputs, struct msg_queue *outbox,
    uint32_t generation);

/* A new server child starts with no lists: queue every page's list that
 * is not empty again (lc may be NULL). */
void livecheck_resend(const struct livecheck *lc, struct msg_queue *outbox,
    uint32_t generation);

/*
 * Tell what changed of the broken links of the page keyed rel (the
 * built-in builder: its source path; an external build: its output path),
 * as above: out is its output path (NULL: the page is gone), v its broken
 * links now (each printed at its file, else at rel). For genlive.h too.
 */
void livecheck_report(struct livecheck *lc, const char *rel, const char *out,
    const struct livelink_broken *v, size_t n, struct msg_queue *outbox,
    uint32_t generation);

/* Where genlive.h keeps its state: NULL at first; release frees it with
 * lc. */
void **livecheck_ext(struct livecheck *lc, void (*release)(void *));

void livecheck_free(struct livecheck *lc);

#endif
