/* respond.c - response construction for the server child */
#include "respond.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mime.h"
#include "xalloc.h"

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
	{ 500, PAGE("500", "Internal Server Error", "The file could not be read.") },
	{ 503, PAGE("503", "Service Unavailable",
	    "The site is being built or tend is stopping; try again.") },
};

static void
add_common(struct MHD_Response *r)
{
	MHD_add_response_header(r, "Cache-Control", "no-cache");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
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

enum MHD_Result
respond_status(struct MHD_Connection *c, unsigned status)
{
	const char *body = pages[5].body;
	struct MHD_Response *r;

	for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++)
		if (pages[i].status == status)
			body = pages[i].body;
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

/* %-encode every byte of s outside unreserved characters and '/'. */
static char *
encode_path(const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	char *out = xmalloc(3 * strlen(s) + 2), *p = out;

	for (const unsigned char *q = (const unsigned char *)s; *q; q++) {
		if ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') ||
		    (*q >= '0' && *q <= '9') || strchr("/-._~", *q)) {
			*p++ = (char)*q;
		} else {
			*p++ = '%';
			*p++ = hex[*q >> 4];
			*p++ = hex[*q & 15];
		}
	}
	*p = '\0';
	return out;
}

enum MHD_Result
respond_add_slash(struct MHD_Connection *c, const char *path)
{
	static const char body[] = "Moved Permanently\n";
	char *enc = encode_path(path);
	char *loc = xasprintf("%s/", enc);
	struct MHD_Response *r = MHD_create_response_from_buffer(
	    sizeof body - 1, (void *)body, MHD_RESPMEM_PERSISTENT);

	if (r) {
		MHD_add_response_header(r, "Location", loc);
		MHD_add_response_header(r, "Content-Type",
		    "text/plain; charset=utf-8");
	}
	free(enc);
	free(loc);
	return queue(c, MHD_HTTP_MOVED_PERMANENTLY, r);
}

enum MHD_Result
respond_fd(struct MHD_Connection *c, unsigned status, int fd, off_t size,
    const char *name)
{
	struct MHD_Response *r =
	    MHD_create_response_from_fd64((uint64_t)size, fd);

	if (!r) {
		close(fd);
		return MHD_NO;
	}
	MHD_add_response_header(r, "Content-Type", mime_type(name));
	return queue(c, status, r);
}
