/* sse.c - event streams with suspend/resume */
#include "sse.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"
#include "banned.h"

#ifndef SSE_RETRY_MS
#error "SSE_RETRY_MS comes from server/meson.build"
#endif

struct client {
	struct MHD_Connection *c;
	char *page;		/* owned: the tab's URL path, or NULL */
	struct buf out;		/* queued bytes; sent up to off */
	size_t off;
	bool suspended;
	struct client *next;
};

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static struct client *clients;
static unsigned nclients, max_clients = SSE_MAX_STREAMS;
static bool stopping;

void
sse_init(unsigned max)
{
	max_clients = max < SSE_MAX_STREAMS ? max : SSE_MAX_STREAMS;
}

void
sse_format(struct buf *b, const char *event, const char *data)
{
	if (event) {
		buf_adds(b, "event: ");
		buf_adds(b, event);
		buf_adds(b, "\n");
	}
	for (const char *p = data;;) {
		size_t n = strcspn(p, "\n");

		buf_adds(b, event ? "data: " : ": ");
		buf_add(b, p, n);
		buf_adds(b, "\n");
		if (!p[n])
			break;
		p += n + 1;
	}
	buf_adds(b, "\n");
}

/* libmicrohttpd's reader: send queued bytes, else suspend. */
static ssize_t
on_read(void *cls, uint64_t pos, char *dst, size_t max)
{
	struct client *cl = cls;
	ssize_t r = 0;

	pthread_mutex_lock(&mu);
	if (cl->off < cl->out.len) {
		size_t n = cl->out.len - cl->off < max ? cl->out.len - cl->off
						       : max;

		memcpy(dst, cl->out.p + cl->off, n);
		cl->off += n;
		if (cl->off == cl->out.len)
			cl->off = cl->out.len = 0;
		r = (ssize_t)n;
	} else if (stopping) {
		r = MHD_CONTENT_READER_END_OF_STREAM;
	} else {
		MHD_suspend_connection(cl->c);
		cl->suspended = true;
	}
	pthread_mutex_unlock(&mu);
	return r;
}

/* The response is gone (the tab closed, or we stopped): forget the client. */
static void
on_free(void *cls)
{
	struct client *cl = cls;

	pthread_mutex_lock(&mu);
	for (struct client **p = &clients; *p; p = &(*p)->next)
		if (*p == cl) {
			*p = cl->next;
			nclients--;
			break;
		}
	pthread_mutex_unlock(&mu);
	free(cl->out.p);
	free(cl->page);
	free(cl);
}

/* Refuse a stream beyond the cap; retry_s is what Retry-After says. */
static enum MHD_Result
refuse(struct MHD_Connection *c, const char *retry_s)
{
	static const char body[] = "too many event streams are open; "
				   "try again later\n";
	struct MHD_Response *r = MHD_create_response_from_buffer(
	    sizeof body - 1, (void *)body, MHD_RESPMEM_PERSISTENT);
	enum MHD_Result ret;

	if (!r)
		return MHD_NO;
	MHD_add_response_header(r, "Content-Type", "text/plain");
	MHD_add_response_header(r, "Retry-After", retry_s);
	ret = MHD_queue_response(c, MHD_HTTP_SERVICE_UNAVAILABLE, r);
	MHD_destroy_response(r);
	return ret;
}

enum MHD_Result
sse_respond(struct MHD_Connection *c, const char *hello, const char *page)
{
	struct client *cl;
	struct MHD_Response *r;
	enum MHD_Result ret;
	bool full;

	pthread_mutex_lock(&mu);
	full = nclients >= max_clients;
	if (!full)
		nclients++;	/* taken now: two may not pass at once */
	pthread_mutex_unlock(&mu);
	if (full)
		return refuse(c, "10");
	cl = xcalloc(1, sizeof *cl);
	cl->c = c;
	cl->page = page ? xstrdup(page) : NULL;
	buf_addf(&cl->out, "retry: %d\n\n", SSE_RETRY_MS);
	sse_format(&cl->out, "hello", hello);
	r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 4096, on_read,
	    cl, on_free);
	if (!r) {
		free(cl->out.p);
		free(cl->page);
		free(cl);
		pthread_mutex_lock(&mu);
		nclients--;
		pthread_mutex_unlock(&mu);
		return MHD_NO;
	}
	MHD_add_response_header(r, "Content-Type", "text/event-stream");
	MHD_add_response_header(r, "Cache-Control", "no-cache");
	MHD_add_response_header(r, "X-Accel-Buffering", "no");
	pthread_mutex_lock(&mu);
	cl->next = clients;
	clients = cl;
	pthread_mutex_unlock(&mu);
	ret = MHD_queue_response(c, MHD_HTTP_OK, r);
	MHD_destroy_response(r);
	return ret;
}

/* Queue n bytes for cl and wake it; call with mu held. */
static void
queue_locked(struct client *cl, const char *s, size_t n)
{
	buf_add(&cl->out, s, n);
	if (cl->suspended) {
		cl->suspended = false;
		MHD_resume_connection(cl->c);
	}
}

void
sse_broadcast(const char *event, const char *data)
{
	struct buf ev = BUF_INIT;

	sse_format(&ev, event, data);
	pthread_mutex_lock(&mu);
	for (struct client *cl = clients; cl; cl = cl->next)
		queue_locked(cl, ev.p, ev.len);
	pthread_mutex_unlock(&mu);
	free(ev.p);
}

void
sse_broadcast_each(const char *event,
    char *(*data_for)(const char *page, void *arg), void *arg)
{
	pthread_mutex_lock(&mu);
	for (struct client *cl = clients; cl; cl = cl->next) {
		struct buf ev = BUF_INIT;
		char *data = data_for(cl->page, arg);

		sse_format(&ev, event, data);
		queue_locked(cl, ev.p, ev.len);
		free(ev.p);
		free(data);
	}
	pthread_mutex_unlock(&mu);
}


void
sse_stop(void)
{
	pthread_mutex_lock(&mu);
	stopping = true;
	for (struct client *cl = clients; cl; cl = cl->next)
		queue_locked(cl, "", 0);
	pthread_mutex_unlock(&mu);
}
