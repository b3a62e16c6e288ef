/* server.c - the server child's daemon, request handler and stop sequence */
#include "server.h"

#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "fsutil.h"
#include "hold.h"
#include "bodycache.h"
#include "hostcheck.h"
#include "inject.h"
#include "listing.h"
#include "log.h"
#include "mime.h"
#include "msg.h"
#include "pagematch.h"
#include "resolve.h"
#include "respond.h"
#include "sse.h"
#include "xalloc.h"

/* How long a request may wait for a build before it gets a 503. */
#define HOLD_MS 60000
/* How long in-flight responses may take once the server stops. */
#define DRAIN_MS 1000
/* An idle (or slow) connection is closed after this many seconds. */
#define IDLE_TIMEOUT_S 30
/* The request line and headers must fit in this (431 else). */
#define REQUEST_HEADERS_MAX (32 * 1024)
/* A connection's memory pool: the request, and room to spare. */
#define CONNECTION_MEMORY (2 * REQUEST_HEADERS_MAX)

/*
 * Per-request markers stored in *req_cls (no per-request allocation):
 * req_new / req_bad_uri from the URI callback, req_ready after the first
 * call of the handler, req_held while suspended for a build.
 */
static const int req_new, req_bad_uri, req_ready, req_held;

static const struct server_config *cfg;
static atomic_int inflight;
static atomic_bool stopping;

/*
 * What the browser is told about builds: the published build's name
 * ("RUN.GENERATION": a restarted tend never repeats one) and the log of the
 * last build if it failed. Written by the main thread, read by MHD's.
 */
static pthread_mutex_t build_mu = PTHREAD_MUTEX_INITIALIZER;
static char build_name[INJECT_BUILD_MAX];
static char *failed_log;	/* owned; NULL when the last build was good */

extern const char client_js[];
extern const unsigned long client_js_len;

/* Copy the build name into buf. */
static void
current_build(char *buf, size_t len)
{
	pthread_mutex_lock(&build_mu);
	snprintf(buf, len, "%s", build_name);
	pthread_mutex_unlock(&build_mu);
}

static void
set_build(unsigned generation)
{
	pthread_mutex_lock(&build_mu);
	snprintf(build_name, sizeof build_name, "%s.%u", cfg->run_id,
	    generation);
	free(failed_log);
	failed_log = NULL;
	pthread_mutex_unlock(&build_mu);
}

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

/* Open rel beneath rootfd and stat it; the fd, or -1 with errno. */
static int
open_stat(int rootfd, const char *rel, struct stat *st)
{
	int fd = resolve_open(rootfd, rel, O_RDONLY | O_NONBLOCK | O_NOCTTY);

	if (fd >= 0 && fstat(fd, st) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static bool
is_html(const char *name)
{
	return !strncmp(mime_type(name), "text/html", 9);
}

/*
 * A regular file; takes fd. HTML pages get the live-reload script; they
 * and other small files are sent from memory (bodycache.h), the rest (and
 * byte ranges) zero-copy from the file.
 */
static enum MHD_Result
answer_file(struct MHD_Connection *c, unsigned status, int fd,
    const struct stat *st, const char *rel)
{
	char build[INJECT_BUILD_MAX];
	struct body *h = NULL;

	if (cfg->reload && is_html(rel)) {
		current_build(build, sizeof build);
		h = bodycache_get(fd, st, rel, build);
	} else if (st->st_size <= BODYCACHE_SMALL &&
	    !MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Range")) {
		h = bodycache_get(fd, st, rel, NULL);
	}
	if (!h)
		return respond_file(c, status, fd, st, rel);
	close(fd);
	return respond_body(c, status, h, mime_type(rel));
}

/* A generated HTML page (taken): with the script when reloading. */
static enum MHD_Result
answer_html(struct MHD_Connection *c, unsigned status, char *html, size_t len)
{
	char build[INJECT_BUILD_MAX], *tag, *with;
	size_t n;

	if (cfg->reload) {
		current_build(build, sizeof build);
		tag = inject_script_tag(build);
		with = inject_tag(html, len, tag, &n);
		free(tag);
		if (with) {
			free(html);
			html = with;
			len = n;
		}
	}
	return respond_buffer(c, status, html, len, "text/html; charset=utf-8");
}

/* 404 with the site's own 404.html when it has one. */
static enum MHD_Result
respond_not_found(struct MHD_Connection *c, int rootfd)
{
	struct stat st;
	int fd = rootfd < 0 ? -1 : open_stat(rootfd, "404.html", &st);

	if (fd >= 0 && S_ISREG(st.st_mode))
		return answer_file(c, 404, fd, &st, "404.html");
	if (fd >= 0)
		close(fd);
	return respond_status(c, 404);
}

/* A folder (open as fd, closed here): its index.html, else a listing. */
static enum MHD_Result
serve_dir(struct MHD_Connection *c, int rootfd, const char *url,
    const char *rel, int fd)
{
	char index[RESOLVE_PATH_MAX + 16];
	struct stat st;
	size_t len;
	char *html;
	int ifd;

	if (url[strlen(url) - 1] != '/') {
		close(fd);
		return respond_add_slash(c, url);
	}
	snprintf(index, sizeof index, "%s%sindex.html", rel, *rel ? "/" : "");
	ifd = open_stat(rootfd, index, &st);
	if (ifd >= 0 && S_ISREG(st.st_mode)) {
		close(fd);
		return answer_file(c, 200, ifd, &st, index);
	}
	if (ifd >= 0)
		close(ifd);
	html = listing_html(fd, url, &len);
	close(fd);
	if (!html)
		return respond_status(c, 500);
	return answer_html(c, 200, html, len);
}

/* Resolve url beneath rootfd and queue the answer. */
static enum MHD_Result
serve_path(struct MHD_Connection *c, int rootfd, const char *url)
{
	char rel[RESOLVE_PATH_MAX + 8];
	int status = resolve_url(url, rel, RESOLVE_PATH_MAX), fd;
	struct stat st;

	if (status == 404)
		return respond_not_found(c, rootfd);
	if (status)
		return respond_status(c, (unsigned)status);
	fd = open_stat(rootfd, rel, &st);
	if (fd < 0 && errno == ENOENT && *rel && url[strlen(url) - 1] != '/') {
		strcat(rel, ".html");	/* clean URLs: /about -> about.html */
		fd = open_stat(rootfd, rel, &st);
	}
	if (fd < 0) {
		status = resolve_status(errno);
		return status == 404 ? respond_not_found(c, rootfd)
				     : respond_status(c, (unsigned)status);
	}
	if (S_ISDIR(st.st_mode))
		return serve_dir(c, rootfd, url, rel, fd);
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return respond_not_found(c, rootfd);
	}
	return answer_file(c, 200, fd, &st, rel);
}

/*
 * The output folder, opened once per published build rather than once per
 * request: the main thread bumps root_epoch when a build ends (the built-in
 * builder has then switched generations; an external one may have made the
 * folder anew), and the request thread, the only user of root_fd, reopens
 * the folder when it sees a new epoch. Until then the previous generation,
 * kept whole beside the new one, goes on being served.
 */
static atomic_uint root_epoch;
static int root_fd = -1;	/* the request thread's */

static int
current_root(void)
{
	static unsigned seen;
	unsigned epoch = atomic_load(&root_epoch);

	if (root_fd < 0 || epoch != seen) {
		if (root_fd >= 0)
			close(root_fd);
		root_fd = open(cfg->root, O_PATH | O_DIRECTORY | O_CLOEXEC);
		seen = epoch;
	}
	return root_fd;
}

static enum MHD_Result
serve(struct MHD_Connection *c, const char *url)
{
	int rootfd = current_root();

	if (rootfd < 0)
		return respond_status(c, 503);	/* nothing built yet */
	return serve_path(c, rootfd, url);
}

/* The "hello" event: the current build, and the failure if there is one. */
static char *
hello_json(void)
{
	struct buf b = BUF_INIT;

	pthread_mutex_lock(&build_mu);
	buf_adds(&b, "{\"build\":\"");
	buf_add_json(&b, build_name);
	buf_addf(&b, "\",\"failed\":%s", failed_log ? "true" : "false");
	if (failed_log) {
		buf_adds(&b, ",\"log\":\"");
		buf_add_json(&b, failed_log);
		buf_adds(&b, "\"");
	}
	buf_adds(&b, "}");
	pthread_mutex_unlock(&build_mu);
	return b.p;
}

/* tend's own paths below /__tend/: the event stream and the script. */
static enum MHD_Result
serve_reserved(struct MHD_Connection *c, const char *url)
{
	if (!strcmp(url, "/__tend/events")) {
		char *hello;
		enum MHD_Result r;

		if (atomic_load(&stopping))
			return respond_status(c, 503);
		hello = hello_json();
		r = sse_respond(c, hello, MHD_lookup_connection_value(c,
		    MHD_GET_ARGUMENT_KIND, "page"));
		free(hello);
		return r;
	}
	if (!strcmp(url, "/__tend/client.js")) {
		struct MHD_Response *r = MHD_create_response_from_buffer(
		    client_js_len, (void *)client_js, MHD_RESPMEM_PERSISTENT);
		enum MHD_Result ret;

		if (!r)
			return MHD_NO;
		MHD_add_response_header(r, "Content-Type",
		    "text/javascript; charset=utf-8");
		MHD_add_response_header(r, "Cache-Control", "no-cache");
		ret = MHD_queue_response(c, MHD_HTTP_OK, r);
		MHD_destroy_response(r);
		return ret;
	}
	return respond_status(c, 404);
}

/*
 * The first call, with the headers: refuse what is wrong at once (the
 * connection then closes). A good request is answered in the next call:
 * libmicrohttpd 0.9.75 closes the connection after a response queued in the
 * first call, which would defeat keep-alive.
 */
/* Add up the size of the request's headers. */
static enum MHD_Result
count_header(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *value)
{
	*(size_t *)cls += strlen(key) + (value ? strlen(value) : 0) + 4;
	return MHD_YES;
}

static enum MHD_Result
first_call(struct MHD_Connection *c, const char *url, const char *method,
    void **req)
{
	size_t size = strlen(url) + strlen(method);

	if (*req == &req_bad_uri)
		return respond_status(c, 400);
	MHD_get_connection_values(c, MHD_HEADER_KIND, count_header, &size);
	if (size > REQUEST_HEADERS_MAX)
		return respond_status(c, 431);
	if (!hostcheck_allowed(&cfg->hosts, MHD_lookup_connection_value(c,
	    MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST)))
		return respond_status(c, 403);
	if (strcmp(method, MHD_HTTP_METHOD_GET) &&
	    strcmp(method, MHD_HTTP_METHOD_HEAD))
		return respond_status(c, 405);
	*req = (void *)&req_ready;
	return MHD_YES;
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upload_size, void **req)
{
	if (*req == &req_new || *req == &req_bad_uri)
		return first_call(c, url, method, req);
	if (*upload_size) {
		*upload_size = 0;	/* a body on GET: ignored */
		return MHD_YES;
	}
	if (!strncmp(url, "/__tend/", 8))
		return serve_reserved(c, url);	/* never held */
	if (*req == &req_held)	/* resumed: the build ended, or time ran out */
		return hold_active() || atomic_load(&stopping)
			   ? respond_status(c, 503)
			   : serve(c, url);
	if (hold_request(c, fs_now_ms() + HOLD_MS)) {
		*req = (void *)&req_held;
		return MHD_YES;
	}
	return serve(c, url);
}

/* What a good build changed: the build's name, the '\n'-separated list. */
struct built_news {
	const char *build;
	char *list;		/* owned: "*" when everything changed */
};

/* The "built" event for one tab: the changes, and whether its page is one. */
static char *
built_json(const char *page, void *arg)
{
	struct built_news *n = arg;
	struct buf b = BUF_INIT;
	bool all = !strcmp(n->list, "*"), mine = all;

	buf_adds(&b, "{\"build\":\"");
	buf_add_json(&b, n->build);
	buf_adds(&b, all ? "\",\"changed\":\"*\"" : "\",\"changed\":[");
	for (const char *p = n->list; !all && *p;) {
		size_t len = strcspn(p, "\n");
		char *path = xstrndup(p, len);

		buf_adds(&b, p == n->list ? "\"" : ",\"");
		buf_add_json(&b, path);
		buf_adds(&b, "\"");
		mine = mine || (page && pagematch(page, path));
		free(path);
		p += len + (p[len] == '\n');
	}
	buf_addf(&b, "%s,\"page\":%s}", all ? "" : "]", mine ? "true" : "false");
	return b.p;
}

/* Tell each tab what a good build changed, and whether its page did. */
static void
broadcast_built(const struct msg *m)
{
	char build[INJECT_BUILD_MAX];
	struct built_news n = { build, xstrndup(m->payload, m->len) };

	current_build(build, sizeof build);
	sse_broadcast_each("built", built_json, &n);
	free(n.list);
}

/* Keep the failed build's log for new tabs and show it in open ones. */
static void
broadcast_failed(const struct msg *m)
{
	struct buf b = BUF_INIT;

	pthread_mutex_lock(&build_mu);
	free(failed_log);
	failed_log = xstrndup(m->payload, m->len);
	buf_adds(&b, "{\"log\":\"");
	buf_add_json(&b, failed_log);
	buf_adds(&b, "\"}");
	pthread_mutex_unlock(&build_mu);
	sse_broadcast("failed", b.p);
	free(b.p);
}

/* Act on one message from the parent. */
static void
handle_msg(const struct msg *m, unsigned *generation)
{
	switch (m->type) {
	case MSG_BUILD_START:
		if (cfg->hold_every_build || *generation == 0)
			hold_begin();
		sse_broadcast("building", "{}");
		break;
	case MSG_BUILD_OK:
		*generation = m->generation;
		set_build(m->generation);
		bodycache_clear();
		atomic_fetch_add(&root_epoch, 1);
		hold_end();
		broadcast_built(m);
		break;
	case MSG_BUILD_FAILED:
		atomic_fetch_add(&root_epoch, 1);	/* --cmd wrote in place */
		hold_end();
		broadcast_failed(m);
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

	atomic_store(&stopping, true);
	sse_stop();
	hold_stop();
	while (atomic_load(&inflight) > 0 && fs_now_ms() < deadline)
		poll(NULL, 0, 10);
	MHD_stop_daemon(d);
	if (s != MHD_INVALID_SOCKET)
		close(s);
	if (root_fd >= 0)
		close(root_fd);
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
	log_debug("server: %s", msg);
}

static struct MHD_Daemon *
start_daemon(void)
{
	unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD |
			 MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG;

	return MHD_start_daemon(flags, 0, NULL, NULL, on_request, NULL,
	    MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, NULL,
	    MHD_OPTION_LISTEN_SOCKET, cfg->listen_fd,
	    MHD_OPTION_URI_LOG_CALLBACK, on_uri, NULL,
	    MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)IDLE_TIMEOUT_S,
	    MHD_OPTION_CONNECTION_LIMIT, cfg->max_connections,
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT, cfg->per_ip_limit,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)CONNECTION_MEMORY,
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
	set_build(cfg->generation);
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
	bodycache_clear();
	free(failed_log);
	return 0;
}
