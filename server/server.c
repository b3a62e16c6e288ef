/* server.c - the server child's daemon, request handler and stop sequence */
#include "server.h"

#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <poll.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsutil.h"
#include "hold.h"
#include "log.h"
#include "msg.h"
#include "resolve.h"
#include "respond.h"
#include "xalloc.h"

/* How long a request may wait for a build before it gets a 503. */
#define HOLD_MS 60000
/* How long in-flight responses may take once the server stops. */
#define DRAIN_MS 1000

/* Per-request markers stored in *req_cls: no per-request allocation. */
static const int req_new, req_bad_uri, req_held;

static const struct server_config *cfg;
static atomic_int inflight;
static atomic_bool stopping;

/* URI log callback: the raw URI, before decoding; catches %00. */
static void *
on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
	atomic_fetch_add(&inflight, 1);
	return (void *)(strstr(uri, "%00") ? &req_bad_uri : &req_new);
}

static void
on_completed(void *cls, struct MHD_Connection *c, void **req,
    enum MHD_RequestTerminationCode toe)
{
	atomic_fetch_sub(&inflight, 1);
}

/* 404 with the site's own 404.html when it has one. */
static enum MHD_Result
respond_not_found(struct MHD_Connection *c, int rootfd)
{
	int fd = rootfd < 0 ? -1 : resolve_open(rootfd, "404.html", O_RDONLY);
	struct stat st;

	if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
		return respond_fd(c, 404, fd, st.st_size, "404.html");
	if (fd >= 0)
		close(fd);
	return respond_status(c, 404);
}

/* Answer with the folder's index.html (fd is the folder, closed here). */
static enum MHD_Result
serve_dir(struct MHD_Connection *c, int rootfd, const char *url,
    const char *rel, int fd)
{
	char *index;
	struct stat st;

	close(fd);
	if (url[strlen(url) - 1] != '/')
		return respond_add_slash(c, url);
	index = fs_join(rel, "index.html");
	fd = resolve_open(rootfd, index, O_RDONLY | O_NONBLOCK | O_NOCTTY);
	free(index);
	if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
		return respond_fd(c, 200, fd, st.st_size, "index.html");
	if (fd >= 0)
		close(fd);
	return respond_not_found(c, rootfd);
}

/* Resolve url beneath rootfd and queue the answer. */
static enum MHD_Result
serve_path(struct MHD_Connection *c, int rootfd, const char *url)
{
	char rel[RESOLVE_PATH_MAX];
	int status = resolve_url(url, rel, sizeof rel), fd;
	struct stat st;

	if (status == 404)
		return respond_not_found(c, rootfd);
	if (status)
		return respond_status(c, (unsigned)status);
	fd = resolve_open(rootfd, rel, O_RDONLY | O_NONBLOCK | O_NOCTTY);
	if (fd < 0) {
		status = resolve_status(errno);
		return status == 404 ? respond_not_found(c, rootfd)
				     : respond_status(c, (unsigned)status);
	}
	if (fstat(fd, &st) < 0) {
		close(fd);
		return respond_status(c, 500);
	}
	if (S_ISDIR(st.st_mode))
		return serve_dir(c, rootfd, url, rel, fd);
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return respond_not_found(c, rootfd);
	}
	return respond_fd(c, 200, fd, st.st_size, rel);
}

/* Open the output folder afresh: a build may have swapped it. */
static enum MHD_Result
serve(struct MHD_Connection *c, const char *url)
{
	int rootfd = open(cfg->root, O_PATH | O_DIRECTORY | O_CLOEXEC);
	enum MHD_Result r;

	if (rootfd < 0)
		return respond_status(c, 503);
	r = serve_path(c, rootfd, url);
	close(rootfd);
	return r;
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upload_size, void **req)
{
	if (*upload_size) {
		*upload_size = 0;	/* a body on GET: ignored */
		return MHD_YES;
	}
	if (*req == &req_held)	/* resumed: the build ended, or time ran out */
		return hold_active() || atomic_load(&stopping)
			   ? respond_status(c, 503)
			   : serve(c, url);
	if (*req == &req_bad_uri)
		return respond_status(c, 400);
	if (strcmp(method, MHD_HTTP_METHOD_GET) &&
	    strcmp(method, MHD_HTTP_METHOD_HEAD))
		return respond_status(c, 405);
	if (hold_request(c, fs_now_ms() + HOLD_MS)) {
		*req = (void *)&req_held;
		return MHD_YES;
	}
	return serve(c, url);
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
		*generation = m->generation;
		hold_end();
		break;
	case MSG_BUILD_FAILED:
		hold_end();
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

	for (;;) {
		struct pollfd p[2] = {
			{ .fd = sigfd, .events = POLLIN },
			{ .fd = cfg->msg_fd, .events = POLLIN },
		};
		int64_t d = hold_next_deadline(), timeout = -1;

		if (d >= 0)
			timeout = d > fs_now_ms() ? d - fs_now_ms() : 0;
		if (poll(p, 2, (int)timeout) < 0 && errno != EINTR)
			return;
		if (p[0].revents)
			return;
		if (p[1].revents && !read_msgs(&generation))
			return;
		hold_expire(fs_now_ms());
	}
}

/* Stop accepting, answer held requests, drain in-flight ones, stop. */
static void
stop_daemon(struct MHD_Daemon *d)
{
	MHD_socket s = MHD_quiesce_daemon(d);
	int64_t deadline = fs_now_ms() + DRAIN_MS;

	atomic_store(&stopping, true);
	hold_stop();
	while (atomic_load(&inflight) > 0 && fs_now_ms() < deadline)
		poll(NULL, 0, 10);
	MHD_stop_daemon(d);
	if (s != MHD_INVALID_SOCKET)
		close(s);
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

static struct MHD_Daemon *
start_daemon(void)
{
	unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD |
			 MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG;

	return MHD_start_daemon(flags, 0, NULL, NULL, on_request, NULL,
	    MHD_OPTION_LISTEN_SOCKET, cfg->listen_fd,
	    MHD_OPTION_URI_LOG_CALLBACK, on_uri, NULL,
	    MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned)1000,
	    MHD_OPTION_END);
}

int
server_run(const struct server_config *config)
{
	struct MHD_Daemon *d;
	int sigfd;

	cfg = config;
	if (prctl(PR_SET_PDEATHSIG, SIGTERM) < 0 || getppid() != cfg->parent)
		return 0;	/* the parent died before we could ask */
	sigfd = stop_signalfd();
	if (sigfd < 0) {
		log_err("server: signalfd");
		return 1;
	}
	if (cfg->building && (cfg->hold_every_build || cfg->generation == 0))
		hold_begin();
	d = start_daemon();
	if (!d) {
		log_errx("server: cannot start the HTTP daemon");
		return 1;
	}
	wait_loop(sigfd);
	stop_daemon(d);
	close(sigfd);
	close(cfg->msg_fd);
	return 0;
}
