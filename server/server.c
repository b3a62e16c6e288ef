/* server.c - the server child: its daemon, the parent's messages, the stop */
#include "server.h"

#include <dirent.h>
#include <errno.h>
#include <microhttpd.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "bodycache.h"
#include "cert.h"
#include "fsutil.h"
#include "headwait.h"
#include "hold.h"
#include "linknotice.h"
#include "log.h"
#include "msg.h"
#include "reload.h"
#include "route.h"
#include "sse.h"
#include "xalloc.h"
#include "banned.h"

/* How long in-flight responses may take once the server stops. */
#define DRAIN_MS 1000
/* An idle (or slow) connection is closed after this many seconds. */
#define IDLE_TIMEOUT_S 30
/* How long a request answered from the previous output folder may delay
 * the acknowledgement of the new one (msg.h). */
#define OLD_ROOT_WAIT_MS 200
/* A connection's memory pool: the request, and room to spare. */
#define CONNECTION_MEMORY (2 * ROUTE_HEADERS_MAX)
/* Descriptors kept from connections: the output folders (the new and the
 * one before), a listing's folder and index, libmicrohttpd's own, slack. */
#define FD_RESERVE 16
/* A connection holds its socket and the file it sends. */
#define FD_PER_CONNECTION 2
/* Connection slots kept for page requests (headwait.h): a quarter of them,
 * at most this many. */
#define PAGE_RESERVE_MAX 16

static const struct server_config *cfg;
static atomic_bool emfile_said;

/* How many descriptors are open now, or -1. */
static int
open_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int n = -1;	/* d's own */

	if (!d)
		return -1;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.')
			n++;
	closedir(d);
	return n;
}

/*
 * Raise the soft descriptor limit to the hard one, and return how many of
 * want connections fit in what it leaves (at least 1), saying so when not
 * all: past it, accept() and open() fail with EMFILE, and every request
 * got a 500.
 */
static unsigned
connection_budget(unsigned want)
{
	struct rlimit rl;
	unsigned long long room;
	int used = open_fds();

	if (used < 0 || getrlimit(RLIMIT_NOFILE, &rl) < 0)
		return want;
	if (rl.rlim_cur < rl.rlim_max) {
		struct rlimit up = { rl.rlim_max, rl.rlim_max };

		if (setrlimit(RLIMIT_NOFILE, &up) == 0)
			rl.rlim_cur = rl.rlim_max;
	}
	if (rl.rlim_cur == RLIM_INFINITY)
		return want;
	room = rl.rlim_cur > (rlim_t)used + FD_RESERVE
		   ? (rl.rlim_cur - (rlim_t)used - FD_RESERVE) /
			 FD_PER_CONNECTION
		   : 0;
	if (room >= want)
		return want;
	if (room < 1)
		room = 1;
	log_warnx("the descriptor limit (ulimit -n %llu) leaves room for %llu "
	    "connections at once, not %u", (unsigned long long)rl.rlim_cur,
	    room, want);
	return (unsigned)room;
}

/* Act on one message from the parent. */
static void
handle_msg(const struct msg *m, unsigned *generation)
{
	switch (m->type) {
	case MSG_BUILD_START:
		if (cfg->hold_every_build || *generation == 0)
			hold_begin();
		break;
	case MSG_BUILD_OK:
		/*
		 * The new folder first, its name last (reload.h): a request
		 * in between stamps new bytes with the old name (its tab
		 * then updates), never old bytes with the new name (its
		 * tab would never update). The cached pages, made for the
		 * old name, are dropped in between.
		 */
		*generation = m->generation;
		route_new_root();
		/* the folder before may go now (msg.h), once a request
		   answered from it is done; a parent that is gone or not
		   reading just waits less */
		route_wait_old_root(OLD_ROOT_WAIT_MS);
		msg_send(cfg->msg_fd, MSG_SERVED, m->generation, NULL, 0);
		bodycache_clear();
		reload_publish(m->generation, m->payload, m->len);
		hold_end();
		break;
	case MSG_BUILD_FAILED:
		route_new_root();	/* --cmd wrote in place */
		reload_failed(m->payload, m->len);	/* before a held
							   request sees it */
		hold_end();
		break;
	case MSG_NAVIGATE:	/* --navigate: for the next build */
		reload_expect(m->payload, m->len);
		break;
	case MSG_PING:		/* the parent checks that we answer */
		msg_send(cfg->msg_fd, MSG_PING, m->generation, NULL, 0);
		break;
	case MSG_LINKS:		/* after the build's MSG_BUILD_OK */
		if (linknotice_set(m->payload, m->len) < 0)
			log_warnx("ignoring a malformed list of broken links");
		break;
	case MSG_SERVED:	/* the child's own message */
		break;
	}
}

/*
 * Read what the parent sent. Returns false when the parent is gone (EOF or
 * an error other than EAGAIN).
 */
static bool
read_msgs(unsigned *generation)
{
	char *buf = xmalloc(MSG_MAX);
	bool alive = true;

	for (;;) {
		ssize_t n = msg_recv(cfg->msg_fd, buf);
		struct msg m;

		if (n < 0) {
			alive = errno == EAGAIN || errno == EWOULDBLOCK;
			break;
		}
		if (n == 0) {
			alive = false;
			break;
		}
		if (msg_decode(buf, (size_t)n, &m) == 0)
			handle_msg(&m, generation);
	}
	free(buf);
	return alive;
}

/* Wait for a stop signal or the parent's end, dispatching messages. */
static void
wait_loop(int sigfd)
{
	unsigned generation = cfg->generation;
	int64_t next_ping = fs_now_ms() + SSE_PING_MS;

	for (;;) {
		struct pollfd p[2] = {
			{ .fd = sigfd, .events = POLLIN },
			{ .fd = cfg->msg_fd, .events = POLLIN },
		};
		int64_t d = hold_next_deadline(), timeout;

		if (d < 0 || d > next_ping)
			d = next_ping;
		timeout = d > fs_now_ms() ? d - fs_now_ms() : 0;
		if (poll(p, 2, (int)timeout) < 0 && errno != EINTR)
			return;
		if (p[0].revents)
			return;
		if (p[1].revents && !read_msgs(&generation))
			return;
		hold_expire(fs_now_ms());
		if (fs_now_ms() >= next_ping) {
			sse_broadcast(NULL, "ping");	/* keeps idle streams */
			next_ping = fs_now_ms() + SSE_PING_MS;
		}
	}
}

/* Stop accepting, answer held requests, drain in-flight ones, stop. */
static void
stop_daemon(struct MHD_Daemon *d)
{
	MHD_socket s = MHD_quiesce_daemon(d);
	int64_t deadline = fs_now_ms() + DRAIN_MS;

	route_stopping();
	sse_stop();
	hold_stop();
	while (route_inflight() > 0 && fs_now_ms() < deadline)
		poll(NULL, 0, 10);
	MHD_stop_daemon(d);
	if (s != MHD_INVALID_SOCKET)
		close(s);
	route_release();
}

/* A signalfd for the stop signals, which the parent left blocked. */
static int
stop_signalfd(void)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigprocmask(SIG_BLOCK, &set, NULL);
	return signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
}

/* libmicrohttpd's own messages (a refused connection, a bad request): in
 * tend's format, shown with --verbose. */
static void __attribute__((format(printf, 2, 0)))
on_mhd_log(void *cls, const char *fmt, va_list ap)
{
	char msg[512];
	size_t n;

	vsnprintf(msg, sizeof msg, fmt, ap);
	n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == '.'))
		msg[--n] = '\0';
	if (strstr(msg, strerror(EMFILE)) && !atomic_exchange(&emfile_said,
	    true))
		log_warnx("server: %s (ulimit -n): connections wait meanwhile",
		    msg);	/* once: it comes with every accept() */
	else
		log_debug("server: %s", msg);
}

/*
 * The daemon on the parent's socket, with route.h answering requests, over
 * TLS when cfg names a certificate (its PEM in tls_cert, tls_key). Its
 * thread waits with poll(), not epoll: libmicrohttpd's epoll loop (0.9.75,
 * 1.0 too) takes at most 128 events per epoll_wait() and calls it again,
 * with the full timeout, while it got 128; when exactly 128, 256... sockets
 * were ready, that call sleeps before any of them is served, until another
 * event. At a --max-connections of 128, 256 or 512 with every connection
 * busy (the listening socket then leaves the set), that was every round:
 * the server froze. poll() takes every socket each round.
 */
static struct MHD_Daemon *
start_daemon(unsigned max_connections, const char *tls_cert,
    const char *tls_key)
{
	unsigned flags = MHD_USE_POLL_INTERNAL_THREAD |
			 MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG;
	struct MHD_OptionItem tls[] = {
		{ MHD_OPTION_HTTPS_MEM_CERT, 0, (void *)tls_cert },
		{ MHD_OPTION_HTTPS_MEM_KEY, 0, (void *)tls_key },
		{ MHD_OPTION_END, 0, NULL },
	};

	if (tls_cert)
		flags |= MHD_USE_TLS;
	else
		tls[0].option = MHD_OPTION_END;
	return MHD_start_daemon(flags, 0, NULL, NULL, route_request, NULL,
	    MHD_OPTION_ARRAY, tls,
	    MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, NULL,
	    MHD_OPTION_LISTEN_SOCKET, cfg->listen_fd,
	    MHD_OPTION_URI_LOG_CALLBACK, route_uri, NULL,
	    MHD_OPTION_NOTIFY_COMPLETED, route_completed, NULL,
	    MHD_OPTION_NOTIFY_CONNECTION, headwait_notify, NULL,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)IDLE_TIMEOUT_S,
	    MHD_OPTION_CONNECTION_LIMIT, max_connections,
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT, cfg->per_ip_limit,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)CONNECTION_MEMORY,
	    MHD_OPTION_END);
}

int
server_run(const struct server_config *config)
{
	struct MHD_Daemon *d;
	unsigned limit, reserve;
	char *tls_cert = NULL, *tls_key = NULL, err[512];
	int sigfd;

	cfg = config;
	if (prctl(PR_SET_PDEATHSIG, SIGTERM) < 0 || getppid() != cfg->parent)
		return 0;	/* the parent died before we could ask */
	sigfd = stop_signalfd();
	if (sigfd < 0) {
		log_err("server: signalfd");
		return 1;
	}
	if (cfg->cert && cert_load(cfg->cert, cfg->key, &tls_cert, &tls_key,
	    err, sizeof err) < 0) {
		log_errx("server: %s", err);
		return 1;
	}
	route_init(cfg);
	reload_init(cfg->run_id, cfg->generation);
	if (cfg->building && (cfg->hold_every_build || cfg->generation == 0))
		hold_begin();
	limit = connection_budget(cfg->max_connections);
	reserve = limit / 4 < PAGE_RESERVE_MAX ? limit / 4 : PAGE_RESERVE_MAX;
	sse_init(limit - reserve);	/* streams never take the reserve */
	if (headwait_start(limit, reserve) < 0) {
		log_err("server: cannot start a thread");
		return 1;
	}
	d = start_daemon(limit, tls_cert, tls_key);
	if (!d) {
		log_errx("server: cannot start the HTTP daemon");
		headwait_stop();
		free(tls_cert);
		free(tls_key);
		return 1;
	}
	wait_loop(sigfd);
	stop_daemon(d);
	headwait_stop();
	close(sigfd);
	close(cfg->msg_fd);
	bodycache_clear();
	reload_release();
	free(tls_cert);	/* the daemon used it until it stopped */
	free(tls_key);
	linknotice_release();
	return 0;
}
