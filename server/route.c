/* route.c - from a request to its answer: checks, holds, files, pages */
#include "route.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base.h"
#include "basepath.h"
#include "bodycache.h"
#include "fsutil.h"
#include "headwait.h"
#include "hold.h"
#include "hostcheck.h"
#include "http.h"
#include "inject.h"
#include "listing.h"
#include "mime.h"
#include "rawhead.h"
#include "reload.h"
#include "resolve.h"
#include "respond.h"
#include "rules.h"
#include "sse.h"
#include "xalloc.h"
#include "banned.h"

/*
 * Per-request state in *req, made by the URI callback and freed when the
 * request completes.
 */
struct req {
	const char *uri_end;	/* the raw URI's NUL, in libmicrohttpd's
				   buffer: compared, never read */
	bool bad;		/* refused from the raw URI alone */
	bool too_long;		/* 414: a URI too long or too many arguments */
	bool ready;		/* the handler's first call is done */
	bool held;		/* held for a build: deadline is set */
	int64_t deadline;	/* fs_now_ms() clock: 503 after it */
};

/* The libmicrohttpd whose request-line layout raw_nul() knows. */
#define ROUTE_MHD_LAYOUT "0.9.75"

static const struct server_config *cfg;
static bool layout_known;	/* the running libmicrohttpd is that one */
static atomic_int inflight;
static atomic_bool stopping;
static atomic_bool emfile_said;	/* out of descriptors, said once
				   (log.h's lines are whole across threads) */

extern const char client_js[];
extern const unsigned long client_js_len;

void
route_init(const struct server_config *config)
{
	const char *v = MHD_get_version();

	cfg = config;
	inject_init(cfg->base, cfg->spa);
	layout_known = v && !strcmp(v, ROUTE_MHD_LAYOUT);
	if (!layout_known)
		log_debug("server: libmicrohttpd %s, not " ROUTE_MHD_LAYOUT
		    ": a raw NUL in a URI is left to it", v ? v : "?");
}

/* Does the URI hold more query arguments than ROUTE_ARGS_MAX? */
static bool
too_many_args(const char *uri)
{
	const char *q = strchr(uri, '?');
	size_t n = 1;

	while (q && (q = strchr(q + 1, '&')) && n < ROUTE_ARGS_MAX)
		n++;		/* libmicrohttpd keeps at most one per '&' + 1 */
	return q != NULL;
}

/*
 * The raw URI, before decoding: resolve_raw() refuses "%00" and an encoded
 * '/'. Nothing past its NUL is read: where the NUL lies is kept for
 * raw_nul(). A URI too long or with too many arguments (route.h) is a 414;
 * with the libmicrohttpd whose layout route.c knows, its query is cut
 * here, in libmicrohttpd's buffer (not const there: it is its read
 * buffer), since 0.9.75 parses the arguments only after this callback and
 * sends nothing at all when they overflow the connection's memory.
 */
void *
route_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
	struct req *r = xmalloc(sizeof *r);
	size_t len = strlen(uri);
	char *query;

	*r = (struct req){ .uri_end = uri + len,
		.bad = resolve_raw(uri) != 0 };
	r->too_long = len > ROUTE_URI_MAX || too_many_args(uri);
	query = strchr(uri, '?');
	if (r->too_long && layout_known && query)
		query[1] = '\0';	/* no arguments left to parse */
	atomic_fetch_add(&inflight, 1);
	return r;
}

/*
 * Did the URI hold a raw NUL byte? libmicrohttpd cuts the URI there, and
 * the request line goes on after it. libmicrohttpd 0.9.75 (checked at
 * start-up, route_init()) parses the request line in place and puts the
 * URI's NUL where the space before the version was: in a good request the
 * version starts right after that NUL, after a raw NUL it does not. Only
 * the two places are compared. With another libmicrohttpd nothing is
 * judged here (its own parser decides).
 */
static bool
raw_nul(const struct req *r, const char *version)
{
	return layout_known && version && version != r->uri_end + 1;
}

void
route_completed(void *cls, struct MHD_Connection *c, void **req,
    enum MHD_RequestTerminationCode toe)
{
	free(*req);
	*req = NULL;
	headwait_next(c);	/* the next head is due */
	atomic_fetch_sub(&inflight, 1);
}

/* Say, the first time only, that what could not be opened for want of
 * descriptors (err EMFILE or ENFILE): it is answered 503, and ulimit -n
 * is what to raise. */
static void
say_out_of_fds(const char *what, int err)
{
	if ((err == EMFILE || err == ENFILE) &&
	    !atomic_exchange(&emfile_said, true))
		log_warnx("server: cannot open '%s': %s (ulimit -n): answering "
		    "503 meanwhile", what, strerror(err));
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

/* Does the page get the live-reload script (HTML and XHTML)? */
static bool
is_page(const char *name)
{
	const char *type = mime_type(name);

	return !strncmp(type, "text/html", 9) ||
	       !strcmp(type, "application/xhtml+xml");
}

/*
 * A regular file; takes fd. With reloading, pages get the script of build;
 * they and other small files are sent from memory (bodycache.h), the rest
 * (and byte ranges) zero-copy from the file.
 */
static enum MHD_Result
answer_file(struct MHD_Connection *c, const char *build, unsigned status,
    int fd, const struct stat *st, const char *rel)
{
	struct body *h = NULL;

	if (cfg->reload && is_page(rel)) {
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

/*
 * A generated HTML page (taken): with the script when reloading; with its
 * unbuilt form for the page of a site that has no good build.
 */
static enum MHD_Result
answer_html(struct MHD_Connection *c, const char *build, unsigned status,
    char *html, size_t len)
{
	char *tag, *with;
	size_t n;

	if (cfg->reload) {
		tag = status == 503 ? inject_unbuilt_tag(build)
				    : inject_script_tag(build);
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

/*
 * 404 with the site's own 404.html when it has one; but --spa's page,
 * 200, for a missing path in (below the base) that base_spa_wants().
 */
static enum MHD_Result
answer_not_found(struct MHD_Connection *c, const char *build, int rootfd,
    const char *in)
{
	struct stat st;
	int fd = -1;

	if (in && cfg->spa && rootfd >= 0 && base_spa_wants(in)) {
		fd = open_stat(rootfd, cfg->spa, &st);
		if (fd >= 0 && S_ISREG(st.st_mode))
			return answer_file(c, build, 200, fd, &st, cfg->spa);
		if (fd >= 0)
			close(fd);
	}
	fd = rootfd < 0 ? -1 : open_stat(rootfd, "404.html", &st);

	if (fd >= 0 && S_ISREG(st.st_mode))
		return answer_file(c, build, 404, fd, &st, "404.html");
	if (fd >= 0)
		close(fd);
	return respond_status(c, 404);
}

/* A folder (open as fd, closed here): its index.html, else a listing. */
static enum MHD_Result
answer_dir(struct MHD_Connection *c, const char *build, int rootfd,
    const char *url, const char *rel, int fd)
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
		return answer_file(c, build, 200, ifd, &st, index);
	}
	if (ifd >= 0)
		close(ifd);
	html = listing_html(fd, url,
	    cfg->base ? cfg->base : "/", &len);
	close(fd);
	if (!html)
		return respond_status(c, 500);
	return answer_html(c, build, 200, html, len);
}

/* Resolve url beneath rootfd and queue the answer. */
static enum MHD_Result
answer_path(struct MHD_Connection *c, const char *build, int rootfd,
    const char *url, unsigned file_status)
{
	char rel[RESOLVE_PATH_MAX + 8];
	const char *in = basepath_strip(cfg->base, url);	/* base.h */
	int status = in ? resolve_url(in, rel, RESOLVE_PATH_MAX) : 404, fd;
	struct stat st;

	if (status == 404)
		return answer_not_found(c, build, rootfd, NULL);
	if (status)
		return respond_status(c, (unsigned)status);
	fd = open_stat(rootfd, rel, &st);
	if (fd < 0 && errno == ENOENT && *rel && url[strlen(url) - 1] != '/') {
		/* clean URLs: /about -> about.html (rel has 8 bytes spare) */
		memcpy(rel + strlen(rel), ".html", sizeof ".html");
		fd = open_stat(rootfd, rel, &st);
	}
	if (fd < 0) {
		int err = errno;

		status = resolve_status(err);
		say_out_of_fds(rel, err);
		return status == 404 ? answer_not_found(c, build, rootfd, in)
				     : respond_status(c, (unsigned)status);
	}
	if (S_ISDIR(st.st_mode))
		return answer_dir(c, build, rootfd, url, rel, fd);
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return answer_not_found(c, build, rootfd, NULL);
	}
	return answer_file(c, build, file_status, fd, &st, rel);
}

/* url after the site's _redirects and with its _headers (rules.h). */
static enum MHD_Result
answer_site(struct MHD_Connection *c, const char *build, int rootfd,
    const char *url)
{
	struct rules_hit hit;
	enum rules_action act = rules_route(c, rootfd, url, &hit);
	enum MHD_Result r = act == RULES_ANSWERED ? hit.result :
	    act == RULES_HIDDEN ? answer_not_found(c, build, rootfd, NULL) :
	    answer_path(c, build, rootfd, hit.url, hit.status);

	rules_done(&hit);
	return r;
}

/*
 * The output folder, opened once per published build rather than once per
 * request: the main thread bumps root_epoch when a build ends (the built-in
 * builder has then switched generations; an external one may have made the
 * folder anew), and the request thread, the only user of root_fd, reopens
 * the folder when it sees a new epoch. Until then the previous generation,
 * kept whole beside the new one, goes on being served.
 *
 * The parent removes that generation once told the server has switched
 * (msg.h): route_wait_old_root() lets a request that took the old folder
 * before the bump finish first. The request thread says it is answering
 * (answering) before it reads the epoch, and which epoch its folder is of
 * (root_seen): a request that read the epoch before the bump is seen
 * answering with an older one.
 */
static atomic_uint root_epoch;
static atomic_uint root_seen;	/* the epoch root_fd was opened in */
static atomic_bool answering;	/* the request thread is in answer() */
static int root_fd = -1;	/* the request thread's */

void
route_new_root(void)
{
	atomic_fetch_add(&root_epoch, 1);
}

void
route_wait_old_root(int ms)
{
	unsigned epoch = atomic_load(&root_epoch);
	int64_t end = fs_now_ms() + ms;

	while (atomic_load(&answering) && atomic_load(&root_seen) != epoch &&
	    fs_now_ms() < end)
		usleep(200);
}

static int
current_root(void)
{
	unsigned epoch = atomic_load(&root_epoch);

	if (root_fd < 0 || epoch != atomic_load(&root_seen)) {
		if (root_fd >= 0)
			close(root_fd);
		root_fd = open(cfg->root, O_PATH | O_DIRECTORY | O_CLOEXEC);
		if (root_fd < 0)
			say_out_of_fds(cfg->root, errno);
		rules_load(root_fd, cfg->root);
		atomic_store(&root_seen, epoch);
	}
	return root_fd;
}

/*
 * Nothing built yet: a 503 page with the failed build's log, if one
 * failed, and the live-reload script, so the tab shows the overlay and
 * reloads when a build succeeds.
 */
static enum MHD_Result
answer_unbuilt(struct MHD_Connection *c, const char *build)
{
	char *log = reload_failed_log(), *html;
	size_t len;

	html = respond_unbuilt_html(log, &len);
	free(log);
	return answer_html(c, build, 503, html, len);
}

/*
 * Serve url from the output folder. The build's name is read before the
 * folder is opened (see reload.h): a page never carries the name of a
 * build newer than its bytes.
 */
static enum MHD_Result
answer(struct MHD_Connection *c, const char *url)
{
	char build[INJECT_BUILD_MAX];
	enum MHD_Result r;
	int rootfd;

	reload_build(build, sizeof build);
	atomic_store(&answering, true);	/* before the epoch is read */
	rootfd = current_root();
	r = rootfd < 0 ? answer_unbuilt(c, build)
		       : answer_site(c, build, rootfd, url);
	atomic_store(&answering, false);
	return r;
}

/* tend's own paths below /__tend/: the event stream and the script. */
static enum MHD_Result
answer_reserved(struct MHD_Connection *c, const char *url)
{
	if (!strcmp(url, "/__tend/events")) {
		char *hello;
		enum MHD_Result r;

		if (atomic_load(&stopping))
			return respond_status(c, 503);
		hello = reload_hello_json();
		headwait_exempt(c);	/* a stream, not a stalled page */
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

/* What first_call() learns from the request's headers. */
struct header_scan {
	size_t size;		/* of the request line and headers */
	unsigned hosts;		/* Host headers seen */
	bool bad;		/* a name not a token, a CR or LF in a value */
	struct http_framing framing;
};

static enum MHD_Result
scan_header(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *value)
{
	struct header_scan *s = cls;

	value = value ? value : "";
	s->size += strlen(key) + strlen(value) + 4;
	s->hosts += !strcasecmp(key, MHD_HTTP_HEADER_HOST);
	s->bad = s->bad || !http_field_name_ok(key) ||
		 !http_field_value_ok(value);
	http_framing_add(&s->framing, key, value);
	return MHD_YES;
}

/*
 * The first call, with the headers: refuse what is wrong at once (the
 * connection then closes). A good request is answered in the next call:
 * libmicrohttpd 0.9.75 closes the connection after a response queued in the
 * first call, which would defeat keep-alive.
 */
static enum MHD_Result
first_call(struct MHD_Connection *c, const char *url, const char *method,
    const char *version, struct req *r)
{
	struct header_scan s = { strlen(url) + strlen(method), 0, false,
		HTTP_FRAMING_INIT };
	const char *host;
	unsigned status;

	headwait_head_done(c);
	if (r->bad || raw_nul(r, version) || rawhead_junk(c, method, version, layout_known))
		return respond_status(c, 400);
	if (r->too_long)
		return respond_status(c, 414);
	MHD_get_connection_values(c, MHD_HEADER_KIND, scan_header, &s);
	if (s.size > ROUTE_HEADERS_MAX)
		return respond_status(c, 431);
	if (s.bad)
		return respond_status(c, 400);
	status = http_framing_status(&s.framing, version &&
	    !strcmp(version, MHD_HTTP_VERSION_1_0));
	if (status)
		return respond_status(c, status);	/* RFC 9112 6.3 */
	host = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_HOST);
	if (s.hosts > 1 || (!host && version &&
	    strcmp(version, MHD_HTTP_VERSION_1_0)) ||
	    (host && !hostcheck_valid(host)))
		return respond_status(c, 400);	/* RFC 9112 section 3.2 */
	if (!hostcheck_allowed(&(struct hostcheck){ cfg->hosts.names,
	    cfg->hosts.count }, host))
		return respond_status(c, 403);
	if (strcmp(method, MHD_HTTP_METHOD_GET) &&
	    strcmp(method, MHD_HTTP_METHOD_HEAD))
		return respond_status(c, 405);
	r->ready = true;
	return MHD_YES;
}

/*
 * Hold the request while a build writes the site, until deadline; false
 * when nothing is being built. The deadline is kept from the first hold
 * on, so a request resumed as one build ends and the queued one begins
 * waits again with the time it has left.
 */
static bool
hold(struct MHD_Connection *c, struct req *r)
{
	int64_t deadline = r->held ? r->deadline : fs_now_ms() + ROUTE_HOLD_MS;

	if (!hold_request(c, deadline))
		return false;
	r->held = true;
	r->deadline = deadline;
	return true;
}

enum MHD_Result
route_request(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upload_size, void **req)
{
	struct req *r = *req;	/* made by route_uri() */

	if (!r)
		return MHD_NO;
	if (!r->ready)
		return first_call(c, url, method, version, r);
	if (*upload_size) {
		*upload_size = 0;	/* a body on GET: ignored */
		return MHD_YES;
	}
	if (!basepath_none(cfg->base)) {	/* base.h */
		const char *in;
		enum base_where w = base_where(cfg->base, url, &in);

		if (w == BASE_REDIRECT)
			return base_redirect(c, cfg->base);
		if (w == BASE_INSIDE && !strncmp(in, "/__tend/", 8))
			return answer_reserved(c, in);	/* never held */
	}
	if (!strncmp(url, "/__tend/", 8))
		return answer_reserved(c, url);	/* never held */
	if (r->held && (atomic_load(&stopping) ||
	    fs_now_ms() >= r->deadline))	/* resumed: time ran out, or
						   tend stops */
		return respond_status(c, 503);
	if (hold(c, r))
		return MHD_YES;
	return answer(c, url);
}

void
route_stopping(void)
{
	atomic_store(&stopping, true);
}

int
route_inflight(void)
{
	return atomic_load(&inflight);
}

void
route_release(void)
{
	if (root_fd >= 0)
		close(root_fd);
	root_fd = -1;
	rules_release();
}
