/* headwait.c - shut down connections whose request head is overdue, or
 * whose response stalls while the page reserve is in use */
#include "headwait.h"

#include <errno.h>
#include <linux/sockios.h>
#include <linux/tcp.h>		/* tcpi_bytes_acked: not in glibc's */
#include <netinet/in.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>

#include "fsutil.h"
#include "xalloc.h"
#include "banned.h"

#define CHECK_MS 250	/* how often the thread looks */

struct waiter {
	int fd;			/* libmicrohttpd's; only ever shut down */
	bool waiting;		/* for a request head */
	int64_t since;		/* fs_now_ms() clock: waiting from then */
	bool exempt;		/* an event stream: never cut for a stall */
	int64_t stalled;	/* sending, nothing acknowledged since; 0:
				   not seen stalled (or no pressure) */
	uint64_t acked;		/* the peer's bytes acknowledged then */
	struct waiter *prev, *next;
};

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static struct waiter *waiters;
static unsigned nconn;		/* connections open (waiters) */
static unsigned busy_at;	/* nconn from which the reserve is in use */
static pthread_t thread;
static bool running, stopping;

void
headwait_notify(void *cls, struct MHD_Connection *c, void **socket_context,
    enum MHD_ConnectionNotificationCode toe)
{
	struct waiter *w = *socket_context;

	if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c,
		    MHD_CONNECTION_INFO_CONNECTION_FD);

		if (!ci)
			return;
		w = xcalloc(1, sizeof *w);
		w->fd = ci->connect_fd;
		w->waiting = true;
		w->since = fs_now_ms();
		pthread_mutex_lock(&mu);
		nconn++;
		if (nconn >= busy_at)
			pthread_cond_signal(&wake);	/* look now */
		w->next = waiters;
		if (waiters)
			waiters->prev = w;
		waiters = w;
		pthread_mutex_unlock(&mu);
		*socket_context = w;
	} else if (toe == MHD_CONNECTION_NOTIFY_CLOSED && w) {
		pthread_mutex_lock(&mu);
		if (w->prev)
			w->prev->next = w->next;
		else
			waiters = w->next;
		if (w->next)
			w->next->prev = w->prev;
		nconn--;
		pthread_mutex_unlock(&mu);
		free(w);
		*socket_context = NULL;
	}
}

/* c's waiter (its socket context), or NULL. */
static struct waiter *
waiter_of(struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c,
	    MHD_CONNECTION_INFO_SOCKET_CONTEXT);

	return ci ? ci->socket_context : NULL;
}

/* Set c's waiting state (and deadline when waiting). */
static void
set_waiting(struct MHD_Connection *c, bool waiting)
{
	struct waiter *w = waiter_of(c);

	if (!w)
		return;
	pthread_mutex_lock(&mu);
	w->waiting = waiting;
	w->since = fs_now_ms();
	w->stalled = 0;
	if (waiting)
		w->exempt = false;	/* the next request may be a page */
	pthread_mutex_unlock(&mu);
}

void
headwait_exempt(struct MHD_Connection *c)
{
	struct waiter *w = waiter_of(c);

	if (!w)
		return;
	pthread_mutex_lock(&mu);
	w->exempt = true;
	pthread_mutex_unlock(&mu);
}

/*
 * Is w's response stalled for HEADWAIT_STALL_MS (called under pressure)?
 * Bytes wait in its socket's send queue (none: its answer is still being
 * made, or held for a build) and the peer has acknowledged none since the
 * last look that saw it stalled.
 */
static bool
stalled(struct waiter *w, int64_t now)
{
	struct tcp_info ti;
	socklen_t len = sizeof ti;
	int queued = 0;

	if (ioctl(w->fd, SIOCOUTQ, &queued) < 0 || queued <= 0 ||
	    getsockopt(w->fd, IPPROTO_TCP, TCP_INFO, &ti, &len) < 0 ||
	    len < offsetof(struct tcp_info, tcpi_bytes_acked) +
		  sizeof ti.tcpi_bytes_acked) {
		w->stalled = 0;
		return false;
	}
	if (!w->stalled || ti.tcpi_bytes_acked != w->acked) {
		w->stalled = now;
		w->acked = ti.tcpi_bytes_acked;
		return false;
	}
	return now - w->stalled >= HEADWAIT_STALL_MS;
}

void
headwait_head_done(struct MHD_Connection *c)
{
	set_waiting(c, false);
}

void
headwait_next(struct MHD_Connection *c)
{
	set_waiting(c, true);
}

/* Every CHECK_MS, shut down the connections past their deadline, a
 * shorter one while the reserve is in use, and then the stalled responses
 * too. */
static void *
watch(void *arg)
{
	pthread_mutex_lock(&mu);
	while (!stopping) {
		struct timespec ts;
		int64_t now = fs_now_ms();
		bool busy = nconn >= busy_at;
		int64_t wait = busy ? HEADWAIT_BUSY_MS : HEADWAIT_MS;

		for (struct waiter *w = waiters; w; w = w->next)
			if (w->waiting && now - w->since >= wait) {
				shutdown(w->fd, SHUT_RDWR);
				w->waiting = false;	/* once */
			} else if (w->waiting || w->exempt || !busy) {
				w->stalled = 0;
			} else if (stalled(w, now)) {
				shutdown(w->fd, SHUT_RDWR);
				w->exempt = true;	/* once */
			}
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += CHECK_MS * 1000000L;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&wake, &mu, &ts);
	}
	pthread_mutex_unlock(&mu);
	return NULL;
}

int
headwait_start(unsigned limit, unsigned reserve)
{
	int err;

	stopping = false;
	nconn = 0;
	busy_at = limit > reserve ? limit - reserve : 1;
	err = pthread_create(&thread, NULL, watch, NULL);
	if (err) {
		errno = err;
		return -1;
	}
	running = true;
	return 0;
}

void
headwait_stop(void)
{
	struct waiter *w;

	if (!running)
		return;
	pthread_mutex_lock(&mu);
	stopping = true;
	pthread_cond_signal(&wake);
	pthread_mutex_unlock(&mu);
	pthread_join(thread, NULL);
	running = false;
	while ((w = waiters)) {	/* the daemon is gone: nothing else frees */
		waiters = w->next;
		free(w);
	}
}
