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
