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
 *   built   {"build": NAME, "changed": [PATH...] or "*", "page": BOOL}
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
/* A build failed: keep its log (len bytes) for new tabs, show it in open
 * ones. */
void reload_failed(const char *log, size_t len);
/* The last build's log if it failed (a new string), else NULL. */
char *reload_failed_log(void);
/* Free what the state holds (at exit). */
void reload_release(void);

#endif
