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

/* Make room for one more element of the array v holding n of cap (cap
 * doubles, from 16): before v[n++] = x. */
#define XGROW(v, n, cap) do {						\
	if ((n) == (cap)) {						\
		(cap) = (cap) ? 2 * (cap) : 16;				\
		(v) = xrealloc((v), (cap) * sizeof *(v));		\
	}								\
} while (0)

#endif
