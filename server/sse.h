/*
 * sse.h - the live-reload event stream (Server-Sent Events).
 *
 * Each stream (one per browser, shared by its tabs; see client.js) holds one
 * streaming response. Its reader callback (run by
 * libmicrohttpd's thread) sends what is queued for it and, when nothing is,
 * suspends the connection and returns 0 (0 without suspending would spin).
 * sse_broadcast() (the server's main thread) queues an event for every
 * client and resumes the suspended ones. Suspending and resuming are decided
 * under one mutex, so a connection is never resumed twice or before it was
 * suspended. A tab that goes away is noticed at the next write, at the
 * latest the keep-alive comment sent every SSE_PING_MS. sse_stop() ends
 * every stream (END_OF_STREAM) so libmicrohttpd can stop.
 */
#ifndef TEND_SSE_H
#define TEND_SSE_H

#include <microhttpd.h>
#include <stddef.h>

#include "buf.h"

#define SSE_PING_MS 15000
/* Streams at once, at most: the tabs of a browser share one, and streams
 * never time out, so without a cap they could take every connection. */
#define SSE_MAX_STREAMS 32

/*
 * SSE_RETRY_MS, the delay before a browser reconnects a broken stream, is
 * defined in server/meson.build: each stream starts with it ("retry:") and
 * client.js gets it substituted at build time for its own back-off.
 */

/* Append one event: "event: NAME" then a "data:" line per line of data. */
void sse_format(struct buf *b, const char *event, const char *data);

/* Streams beyond max (at most SSE_MAX_STREAMS) get 503; call before the
 * daemon starts. */
void sse_init(unsigned max);

/*
 * Answer c with a new stream, or with 503 and Retry-After when sse_init()'s
 * count of streams is open (client.js tries again later): "retry: SSE_RETRY_MS", then the event "hello"
 * with data; page is
 * the URL path of the tab's page (copied; may be NULL).
 */
enum MHD_Result sse_respond(struct MHD_Connection *c, const char *hello,
    const char *page);

/* Queue an event (or, with event NULL, a comment line) for every client. */
void sse_broadcast(const char *event, const char *data);

/*
 * Queue an event whose data depends on the client's page: data_for(page,
 * arg) returns a new string (page may be NULL).
 */
void sse_broadcast_each(const char *event,
    char *(*data_for)(const char *page, void *arg), void *arg);

/* End every stream now and refuse new ones. */
void sse_stop(void);

#endif
