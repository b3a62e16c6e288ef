/*
 * xalloc.h - allocation that never returns NULL: on failure the process prints
 * one line and exits 1 (darkhttpd's xmalloc). Not async-signal-safe.
 */
#ifndef TEND_XALLOC_H
#define TEND_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
