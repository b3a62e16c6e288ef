/*
 * headwait.h - a deadline for a whole request head (against slowloris).
 *
 * libmicrohttpd's idle timeout restarts with every byte, so a client that
 * sends one header line every few seconds keeps a connection forever, and
 * enough of them fill --max-connections. Here every connection must deliver
 * a complete request head within HEADWAIT_MS of being accepted or of its
 * previous response ending; a thread of ours shuts down (shutdown(2), never
 * close) the sockets that are late, and libmicrohttpd then closes them as it
 * does any connection the client ended.
 *
 * A reserve for page requests: when fewer than `reserve` of the `limit`
 * connection slots are free, a connection waiting for its head (a slow
 * client, or an idle keep-alive one) gets HEADWAIT_BUSY_MS instead, so
 * such connections cannot hold the last slots against a client whose
 * request comes whole (event streams, capped by sse.h, have sent theirs).
 *
 * A response that stalls: under that pressure, a connection whose response
 * has bytes waiting in its socket and of which the client acknowledged
 * nothing for HEADWAIT_STALL_MS (a client that does not read) is shut
 * down too; otherwise only the idle timeout would free its slot, after
 * many seconds. A response still being made, or held for a build, has
 * nothing waiting and is left alone; so is an event stream
 * (headwait_exempt()), which sse.h caps.
 *
 * Protocol: pass headwait_notify as MHD_OPTION_NOTIFY_CONNECTION; call
 * headwait_start(limit, reserve) before the daemon starts and headwait_stop() after it
 * stopped. From the request callbacks: headwait_head_done(c) when a head is
 * complete (the handler's first call), headwait_next(c) when a request is
 * over (the completed callback). A connection is forgotten in its CLOSED
 * notification, which libmicrohttpd 0.9.75 sends before it closes the
 * socket: under our mutex, a descriptor we shut down is never one the
 * kernel has given to a newer connection.
 */
#ifndef TEND_HEADWAIT_H
#define TEND_HEADWAIT_H

#include <microhttpd.h>

#define HEADWAIT_MS 10000
#define HEADWAIT_BUSY_MS 1000
#define HEADWAIT_STALL_MS 2000

void headwait_notify(void *cls, struct MHD_Connection *c,
    void **socket_context, enum MHD_ConnectionNotificationCode toe);

/* The request head on c is complete: no deadline until headwait_next(). */
void headwait_head_done(struct MHD_Connection *c);

/* c carries an event stream: its stalls are not cut (until its request
 * is over). */
void headwait_exempt(struct MHD_Connection *c);

/* The request on c is over: the next head is due within HEADWAIT_MS. */
void headwait_next(struct MHD_Connection *c);

/*
 * Start the watching thread, for a daemon of at most limit connections of
 * which reserve are kept for page requests (see above); 0, or -1 with
 * errno.
 */
int headwait_start(unsigned limit, unsigned reserve);

/* Stop it (joins) and forget every connection. */
void headwait_stop(void);

#endif
