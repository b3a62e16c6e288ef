/*
 * hold.h - requests that wait while the site is being written.
 *
 * While an external build writes in place (or before the first build has
 * published anything), a request must not read a half-written file. The
 * request handler (libmicrohttpd's thread) calls hold_request(); if holding is
 * on, the connection is suspended and remembered. The server's main thread
 * calls hold_end() when the build ends, hold_expire() as deadlines pass and
 * hold_stop() on shutdown; each resumes connections, and libmicrohttpd calls
 * the handler again for them. A resumed request may be held again (the
 * queued build began) with the deadline it had: route.c keeps it.
 *
 * Suspending and resuming are decided under one mutex, so a connection is
 * never resumed before it was suspended, nor twice (undefined in MHD).
 */
#ifndef TEND_HOLD_H
#define TEND_HOLD_H

#include <stdbool.h>
#include <stdint.h>

struct MHD_Connection;

/* Start holding new requests. */
void hold_begin(void);
/* Stop holding; resume every held request. */
void hold_end(void);
/* Shutting down: stop holding for good and resume every held request. */
void hold_stop(void);
/*
 * From the request handler: if holding, suspend c until deadline_ms
 * (fs_now_ms() clock) and return true; else return false.
 */
bool hold_request(struct MHD_Connection *c, int64_t deadline_ms);
/* Resume requests whose deadline passed. */
void hold_expire(int64_t now_ms);
/* The earliest deadline of a held request, or -1 if none is held. */
int64_t hold_next_deadline(void);

#endif
