/* respond.c - response construction for the server child */
#include "respond.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "http.h"
#include "bodycache.h"
#include "mime.h"
#include "strlist.h"
#include "xalloc.h"
#include "banned.h"

#define PAGE(code, title, text)                                              \
	"<!doctype html><html><head><meta charset=\"utf-8\"><title>" code    \
	" " title "</title></head><body><h1>" code " " title "</h1><p>"      \
	text "</p><hr><p><small>tend</small></p></body></html>\n"

struct status_page {
	unsigned status;
	const char *body;
};

static const struct status_page pages[] = {
	{ 400, PAGE("400", "Bad Request", "The request could not be understood.") },
	{ 403, PAGE("403", "Forbidden", "This path is not served.") },
	{ 404, PAGE("404", "Not Found", "There is no such page in the site.") },
	{ 405, PAGE("405", "Method Not Allowed", "Only GET and HEAD are served.") },
	{ 414, PAGE("414", "URI Too Long", "The path is too long.") },
	{ 431, PAGE("431", "Request Header Fields Too Large",
	    "The request's headers are too large.") },
	{ 500, PAGE("500", "Internal Server Error", "The file could not be read.") },
	{ 501, PAGE("501", "Not Implemented",
	    "The request's transfer coding is not supported.") },
	{ 503, PAGE("503", "Service Unavailable",
	    "The site is being built or tend is stopping; try again.") },
};

static _Thread_local const struct strlist *extra;

void
respond_extra_headers(const struct strlist *l)
{
	extra = l;
}

static void
add_common(struct MHD_Response *r)
{
	MHD_add_response_header(r, "Cache-Control", "no-cache");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	for (size_t i = 0; extra && i + 1 < extra->len; i += 2) {
		const char *name = extra->items[i], *had;

		if (!strcasecmp(name, "Cache-Control"))
			continue;
		if ((had = MHD_get_response_header(r, name))) {
			char *copy = xstrdup(had);

			MHD_del_response_header(r, name, copy);
			free(copy);
		}
		MHD_add_response_header(r, name, extra->items[i + 1]);
	}
}

/* Queue r with status and release our reference. */
static enum MHD_Result
queue(struct MHD_Connection *c, unsigned status, struct MHD_Response *r)
{
	enum MHD_Result ret;

	if (!r)
		return MHD_NO;
	add_common(r);
	ret = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ret;
}

/* The small page for status, or NULL. */
static const char *
page_for(unsigned status)
{
	for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++)
		if (pages[i].status == status)
			return pages[i].body;
	return NULL;
}

enum MHD_Result
respond_status(struct MHD_Connection *c, unsigned status)
{
	const char *body = page_for(status) ? page_for(status) : page_for(500);
	struct MHD_Response *r;

	r = MHD_create_response_from_buffer(strlen(body), (void *)body,
	    MHD_RESPMEM_PERSISTENT);
	if (!r)
		return MHD_NO;
	MHD_add_response_header(r, "Content-Type", "text/html; charset=utf-8");
	if (status == 405)
		MHD_add_response_header(r, "Allow", "GET, HEAD");
	if (status == 503)
		MHD_add_response_header(r, "Retry-After", "1");
	return queue(c, status, r);
}

enum MHD_Result
respond_add_query_arg(void *arg, enum MHD_ValueKind kind, const char *key,
    const char *value)
{
	struct buf *loc = arg;

	(void)kind;
	buf_adds(loc, strchr(loc->p, '?') ? "&" : "?");
	buf_add_url(loc, key);
	if (value) {
		buf_adds(loc, "=");
		buf_add_url(loc, value);
	}
	return MHD_YES;
}

enum MHD_Result
respond_add_slash(struct MHD_Connection *c, const char *path)
{
	static const char body[] = "Moved Permanently\n";
	struct buf loc = BUF_INIT;
	struct MHD_Response *r = MHD_create_response_from_buffer(
	    sizeof body - 1, (void *)body, MHD_RESPMEM_PERSISTENT);

	/* One leading '/': "//host/" would send the browser to another host. */
	path += strspn(path, "/");
	buf_adds(&loc, "/");
	buf_add_url(&loc, path);
	buf_adds(&loc, "/");
	MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND,
	    respond_add_query_arg, &loc);
	if (r) {
		MHD_add_response_header(r, "Location", loc.p);
		MHD_add_response_header(r, "Content-Type",
		    "text/plain; charset=utf-8");
	}
	free(loc.p);
	return queue(c, MHD_HTTP_MOVED_PERMANENTLY, r);
}

enum MHD_Result
respond_redirect(struct MHD_Connection *c, unsigned status,
    const char *location, bool keep_query)
{
	static const char body[] = "Redirecting\n";
	struct buf loc = BUF_INIT;
	struct MHD_Response *r = MHD_create_response_from_buffer(
	    sizeof body - 1, (void *)body, MHD_RESPMEM_PERSISTENT);

	buf_adds(&loc, location);
	if (keep_query)
		MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND,
		    respond_add_query_arg, &loc);
	if (r) {
		MHD_add_response_header(r, "Location", loc.p);
		MHD_add_response_header(r, "Content-Type",
		    "text/plain; charset=utf-8");
	}
	free(loc.p);
	return queue(c, status, r);
}

/* A body read from fd at base + pos: one buffer up to RESPOND_ONE_WRITE. */
struct file_body {
	int fd;
	uint64_t base;
};

static ssize_t
read_body(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct file_body *fb = cls;
	ssize_t n;

	do
		n = pread(fb->fd, buf, max, (off_t)(fb->base + pos));
	while (n < 0 && errno == EINTR);
	return n > 0 ? n : MHD_CONTENT_READER_END_WITH_ERROR;
}

static void
free_body(void *cls)
{
	struct file_body *fb = cls;

	close(fb->fd);
	free(fb);
}

/* A response for len bytes of fd from offset; takes fd (even on failure). */
static struct MHD_Response *
file_response(int fd, uint64_t offset, uint64_t len)
{
	struct MHD_Response *r;
	struct file_body *fb;

	if (len > RESPOND_ONE_WRITE) {
		r = MHD_create_response_from_fd_at_offset64(len, fd, offset);
		if (!r)
			close(fd);
		return r;
	}
	fb = xmalloc(sizeof *fb);
	*fb = (struct file_body){ fd, offset };
	r = MHD_create_response_from_callback(len, len ? (size_t)len : 1,
	    read_body, fb, free_body);
	if (!r)
		free_body(fb);
	return r;
}

/* Header value of the request, or NULL. */
static const char *
req_header(struct MHD_Connection *c, const char *name)
{
	return MHD_lookup_connection_value(c, MHD_HEADER_KIND, name);
}

/* 206 for [start, start+len) of fd, or 416; takes fd. */
static enum MHD_Result
respond_range(struct MHD_Connection *c, enum http_range kind, int fd,
    const struct stat *st, uint64_t start, uint64_t len, const char *name,
    const char *etag, const char *date)
{
	char cr[96];
	struct MHD_Response *r;

	if (kind == HTTP_RANGE_UNSATISFIABLE) {
		close(fd);
		r = MHD_create_response_from_buffer(0, (void *)"",
		    MHD_RESPMEM_PERSISTENT);
		snprintf(cr, sizeof cr, "bytes */%llu",
		    (unsigned long long)st->st_size);
		if (r)
			MHD_add_response_header(r, "Content-Range", cr);
		return queue(c, MHD_HTTP_RANGE_NOT_SATISFIABLE, r);
	}
	r = file_response(fd, start, len);
	if (!r)
		return MHD_NO;
	snprintf(cr, sizeof cr, "bytes %llu-%llu/%llu",
	    (unsigned long long)start, (unsigned long long)(start + len - 1),
	    (unsigned long long)st->st_size);
	MHD_add_response_header(r, "Content-Range", cr);
	MHD_add_response_header(r, "Content-Type", mime_type(name));
	MHD_add_response_header(r, "ETag", etag);
	MHD_add_response_header(r, "Last-Modified", date);
	MHD_add_response_header(r, "Accept-Ranges", "bytes");
	return queue(c, MHD_HTTP_PARTIAL_CONTENT, r);
}

/* 304 with the validators; takes fd. */
static enum MHD_Result
respond_not_modified(struct MHD_Connection *c, int fd, const char *etag,
    const char *date)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(0, (void *)"",
	    MHD_RESPMEM_PERSISTENT);

	close(fd);
	if (r) {
		MHD_add_response_header(r, "ETag", etag);
		MHD_add_response_header(r, "Last-Modified", date);
	}
	return queue(c, MHD_HTTP_NOT_MODIFIED, r);
}

enum MHD_Result
respond_file(struct MHD_Connection *c, unsigned status, int fd,
    const struct stat *st, const char *name)
{
	char etag[HTTP_ETAG_MAX], date[HTTP_DATE_MAX];
	const char *if_range;
	uint64_t start = 0, len = 0;
	enum http_range kind = HTTP_RANGE_NONE;
	struct MHD_Response *r;

	http_etag(st, etag, sizeof etag);
	http_date(st->st_mtime, date, sizeof date);
	if (status == 200) {
		if (http_not_modified(req_header(c, "If-None-Match"),
		    req_header(c, "If-Modified-Since"), etag, st->st_mtime,
		    time(NULL)))
			return respond_not_modified(c, fd, etag, date);
		if_range = req_header(c, "If-Range");
		if (!if_range || !strcmp(if_range, etag) ||
		    !strcmp(if_range, date))
			kind = http_parse_range(req_header(c, "Range"),
			    (uint64_t)st->st_size, &start, &len);
		if (kind != HTTP_RANGE_NONE)
			return respond_range(c, kind, fd, st, start, len, name,
			    etag, date);
	}
	r = file_response(fd, 0, (uint64_t)st->st_size);
	if (!r)
		return MHD_NO;
	MHD_add_response_header(r, "Content-Type", mime_type(name));
	if (status == 200) {
		MHD_add_response_header(r, "ETag", etag);
		MHD_add_response_header(r, "Last-Modified", date);
		MHD_add_response_header(r, "Accept-Ranges", "bytes");
	}
	return queue(c, status, r);
}

enum MHD_Result
respond_body(struct MHD_Connection *c, unsigned status, struct body *h,
    const char *type)
{
	const char *etag = body_etag(h);
	char date[HTTP_DATE_MAX];
	bool file = !body_injected(h);
	struct MHD_Response *r;

	http_date(body_mtime(h), date, sizeof date);
	if (status == 200 && http_not_modified(req_header(c, "If-None-Match"),
	    file ? req_header(c, "If-Modified-Since") : NULL, etag,
	    body_mtime(h), time(NULL))) {
		body_unref(h);
		r = MHD_create_response_from_buffer(0, (void *)"",
		    MHD_RESPMEM_PERSISTENT);
		if (r)
			MHD_add_response_header(r, "ETag", etag);
		return queue(c, MHD_HTTP_NOT_MODIFIED, r);
	}
	r = MHD_create_response_from_buffer_with_free_callback_cls(
	    body_len(h), (void *)body_data(h), body_unref, h);
	if (!r) {
		body_unref(h);
		return MHD_NO;
	}
	MHD_add_response_header(r, "Content-Type", type);
	if (status == 200) {
		MHD_add_response_header(r, "ETag", etag);
		if (file) {
			MHD_add_response_header(r, "Last-Modified", date);
			MHD_add_response_header(r, "Accept-Ranges", "bytes");
		}
	}
	return queue(c, status, r);
}

enum MHD_Result
respond_buffer(struct MHD_Connection *c, unsigned status, char *body,
    size_t len, const char *type)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(len, body,
	    MHD_RESPMEM_MUST_FREE);

	if (!r) {
		free(body);
		return MHD_NO;
	}
	MHD_add_response_header(r, "Content-Type", type);
	if (status == 503)
		MHD_add_response_header(r, "Retry-After", "1");
	return queue(c, status, r);
}

char *
respond_unbuilt_html(const char *log, size_t *len)
{
	struct buf b = BUF_INIT;

	buf_adds(&b, "<!doctype html><html><head><meta charset=\"utf-8\">"
	    "<title>");
	buf_adds(&b, log ? "Build failed" : "503 Service Unavailable");
	buf_adds(&b, "</title></head><body><h1>");
	if (log) {
		buf_adds(&b, "Build failed</h1><p>The site has no good build "
		    "yet. The last build's log:</p><pre>");
		buf_add_html(&b, log);
		buf_adds(&b, "</pre>");
	} else {
		buf_adds(&b, "503 Service Unavailable</h1><p>The site is being "
		    "built or tend is stopping; try again.</p>");
	}
	buf_adds(&b, "<hr><p><small>tend</small></p></body></html>\n");
	*len = b.len;
	return b.p;
}
