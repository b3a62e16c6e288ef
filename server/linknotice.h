/*
 * linknotice.h - the broken internal links of each page, as the parent
 * last found them, for the notice the tabs of those pages show.
 *
 * The parent checks the links of the pages each build changed (and of the
 * pages linking to what it removed or renamed) and sends MSG_LINKS for each
 * page whose list changed (proto/msg.h): the page's output path and a JSON
 * array of {"href","line","col","reason"}. The server keeps the latest
 * list of every page, so that a tab opened later gets it in its stream's
 * "hello" ("links": {PATH: [...], ...}, pages with none left out), and
 * passes each new list on to the open tabs as the event
 *   links   {"page": PATH, "broken": [...]}
 * ("broken": [] when the page's links are fixed). client.js shows the list
 * in the tabs of that page (PATH is matched as for "built").
 *
 * The main thread calls linknotice_set() as the messages arrive;
 * libmicrohttpd's thread calls linknotice_add_json() for each new stream.
 * A mutex guards the lists.
 */
#ifndef TEND_LINKNOTICE_H
#define TEND_LINKNOTICE_H

#include <stddef.h>

#include "buf.h"

/*
 * Take a MSG_LINKS payload (len bytes: "PATH\n[...]") and tell the open
 * tabs. 0, or -1 (EINVAL) if it is not of that shape: nothing changes.
 */
int linknotice_set(const char *payload, size_t len);

/* Append the object {PATH: [...], ...} of every page with broken links. */
void linknotice_add_json(struct buf *b);

/* Free the lists (at exit). */
void linknotice_release(void);

#endif
