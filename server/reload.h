/*
 * reload.h - the live-reload state: what the browser is told about builds.
 *
 * The state is the published build's name ("RUN.GENERATION": a restarted
 * tend never repeats one, so a tab that reconnects to a new tend reloads)
 * and the log of the last build when it failed. The server's main thread
 * changes it as the parent's messages arrive (reload_publish(),
 * reload_failed()); libmicrohttpd's thread reads it for every page it
 * stamps (reload_build()) and every new event stream (reload_hello_json()).
 * A mutex guards it.
 *
 * Ordering: a page must never carry a build name newer than its bytes, or
 * its tab believes it is current and never reloads. So the main thread
 * publishes the new output folder (route_new_root()) before it calls
 * reload_publish(), and a request reads the build name before it opens the
 * output folder (route.c). A request between the two steps stamps new bytes
 * with the old name: its tab is told about the build and updates.
 *
 * The events sent (sse.h), each's data a JSON object:
 *   hello   {"build": NAME, "failed": BOOL[, "log": TEXT], "links": {...}}
 *           first on a stream ("links": the pages' broken links,
 *           linknotice.h, which also sends the event "links")
 *   built   {"build": NAME, "changed": [PATH...] or "*", "page": BOOL
 *            [, "navigate": {"url": URL, "path": PATH}]}
 *           navigate (--navigate, builder/follow.h): the one page whose
 *           source was edited, its URL path (percent-encoded; a folder's
 *           index.html is the folder, "/guide/") and its output path; the
 *           tabs not on it go there
 *   failed  {"log": TEXT}
 */
#ifndef TEND_RELOAD_H
#define TEND_RELOAD_H

#include <stddef.h>

/* Start with generation published by run run_id (kept, not copied). */
void reload_init(const char *run_id, unsigned generation);
/* Copy the published build's name into buf (INJECT_BUILD_MAX bytes). */
void reload_build(char *buf, size_t len);
/* The "hello" event's data: a new string. */
char *reload_hello_json(void);
/*
 * A good build published generation: take its name, forget the failure,
 * and tell each tab what changed (changed: len bytes of '\n'-separated
 * output paths, or "*") and whether its own page is among them.
 */
void reload_publish(unsigned generation, const char *changed, size_t len);
/*
 * The next build may take the tabs to the page edited (msg.h's
 * MSG_NAVIGATE): hint is len bytes, the page's possible output paths,
 * '\n'-separated. Used by the next reload_publish(), dropped by
 * reload_failed().
 */
void reload_expect(const char *hint, size_t len);
/* The page a build that changed list ('\n'-separated output paths, or "*")
 * takes the tabs to: the first path of hint (as above) in list, a new
 * string; NULL: none. */
char *reload_navigate_target(const char *hint, const char *list);
/* The URL path of the output file path: "/a/b.html"; a folder's
 * index.html is the folder ("/a/"); percent-encoded. A new string. */
char *reload_url_of(const char *path);
/* A build failed: keep its log (len bytes) for new tabs, show it in open
 * ones. */
void reload_failed(const char *log, size_t len);
/* The last build's log if it failed (a new string), else NULL. */
char *reload_failed_log(void);
/* Free what the state holds (at exit). */
void reload_release(void);

#endif
