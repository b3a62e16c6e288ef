/*
 * buf.h - a growable byte buffer, always NUL-terminated, with the escaping
 * that HTML pages and URLs need.
 *
 * struct buf b = BUF_INIT;  buf_adds(&b, "x");  ...  free(b.p);
 */
#ifndef TEND_BUF_H
#define TEND_BUF_H

#include <stddef.h>

struct buf {
	char *p;		/* owned; NULL until something is added */
	size_t len, cap;
};

#define BUF_INIT { NULL, 0, 0 }

void buf_add(struct buf *b, const char *s, size_t n);
void buf_adds(struct buf *b, const char *s);
void buf_addf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Append s with <, >, &, " and ' escaped for HTML text and attributes. */
void buf_add_html(struct buf *b, const char *s);
/* Append s %-encoded, keeping unreserved characters and '/'. */
void buf_add_url(struct buf *b, const char *s);
/* The n bytes at s with each %XX decoded (a '%' not followed by two hex
 * digits is kept): a new string, NUL-terminated. */
char *buf_url_decode(const char *s, size_t n);
/* Append s escaped as the inside of a JSON string. */
void buf_add_json(struct buf *b, const char *s);
/* Make room for n more bytes (a size known in advance: no regrowth);
 * b.p is then a string. */
void buf_reserve(struct buf *b, size_t n);
/* Make sure b.p is a (possibly empty) string. */
void buf_terminate(struct buf *b);

#endif
