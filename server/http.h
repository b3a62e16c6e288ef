/*
 * http.h - pure HTTP helpers for the static server: validators (ETag,
 * Last-Modified), conditional requests and byte ranges (RFC 9110). No I/O.
 */
#ifndef TEND_HTTP_H
#define TEND_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <time.h>

#define HTTP_ETAG_MAX 64
#define HTTP_DATE_MAX 32

/* A strong ETag from the file's inode, size and modification time. */
void http_etag(const struct stat *st, char *buf, size_t len);

/* An IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"). */
void http_date(time_t t, char *buf, size_t len);

/* Parse an IMF-fixdate; 0, or -1 if it is not one. */
int http_parse_date(const char *s, time_t *t);

/*
 * Does the comma-separated If-None-Match list match etag? "*" matches any;
 * comparison is weak (W/ prefixes ignored), as RFC 9110 asks for it.
 */
bool http_etag_listed(const char *list, const char *etag);

/*
 * Is the client's copy current (answer 304)? If-None-Match wins when present;
 * else If-Modified-Since against mtime (whole seconds); an If-Modified-Since
 * later than now (the server's clock) is invalid and ignored. Either header
 * may be NULL.
 */
bool http_not_modified(const char *if_none_match, const char *if_modified_since,
    const char *etag, time_t mtime, time_t now);

/* Is s a field name: a token (RFC 9110 5.6.2), with no blank before the
 * colon (RFC 9112 5.1)? */
bool http_field_name_ok(const char *s);

/* Is s a field value without a CR or LF (RFC 9110 5.5; a bare CR, RFC
 * 9112 2.2)? */
bool http_field_value_ok(const char *s);

/*
 * How a request says its body's length (RFC 9112 6): fill one with
 * http_framing_add() for each header field, then judge it with
 * http_framing_status().
 */
struct http_framing {
	unsigned lengths;	/* Content-Length fields */
	unsigned codings;	/* Transfer-Encoding fields */
	const char *length;	/* the first Content-Length's value */
	const char *coding;	/* the first Transfer-Encoding's value */
	bool lengths_differ;	/* two Content-Lengths that differ */
};

#define HTTP_FRAMING_INIT { 0, 0, NULL, NULL, false }

/* Note the field name: value (kept, not copied) if it is about framing. */
void http_framing_add(struct http_framing *f, const char *name,
    const char *value);

/*
 * 0 when the body can be read as sent, else the status to answer with
 * before the connection is closed:
 *   - 400 for Transfer-Encoding in HTTP/1.0 (http10), beside a
 *     Content-Length, given twice, or not ending in chunked (its length
 *     cannot be known: RFC 9112 6.3), and for Content-Lengths that differ;
 *   - 501 for codings before a final chunked (RFC 9112 6.1: not
 *     understood).
 * Only "chunked" alone (any case, no blanks after it) is read:
 * libmicrohttpd reads no other.
 */
unsigned http_framing_status(const struct http_framing *f, bool http10);

enum http_range {
	HTTP_RANGE_NONE,		/* absent, malformed or multiple: send all */
	HTTP_RANGE_OK,			/* send [*start, *start + *len) as 206 */
	HTTP_RANGE_UNSATISFIABLE,	/* 416 */
};

/*
 * Parse a Range header ("bytes=a-b", "bytes=a-", "bytes=-n") against a body
 * of size bytes. Multiple ranges are answered with the whole body (allowed
 * by RFC 9110), as is anything malformed.
 */
enum http_range http_parse_range(const char *header, uint64_t size,
    uint64_t *start, uint64_t *len);

#endif
