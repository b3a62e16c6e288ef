/*
 * searchterms.h - a page's terms as the search index reads them from its
 * text (searchtext.h says what a term is): gathered unique, in the order
 * first seen, each with its best place and its count. Internal to the
 * index (searchtext.c); one struct terms per thread, reused page after
 * page.
 */
#ifndef TEND_SEARCHTERMS_H
#define TEND_SEARCHTERMS_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* A page's terms being gathered: unique, in the order first seen. */
struct uterm {
	size_t off;		/* in the pool */
	uint32_t len, hash;
	uint16_t sec;
	uint8_t field, count;
};

struct terms {
	struct buf pool;
	struct uterm *v;
	size_t n, cap;
	uint32_t *tab;		/* open addressing: index + 1 into v */
	size_t mask;
};

/* Note the terms of text (n bytes) found in section sec's field (2 the
 * title, 1 a heading, 0 the body). */
void terms_of(struct terms *T, const char *t, size_t n, uint16_t sec,
    uint8_t field);

/* Empty T for the next page (its memory kept). */
void terms_reset(struct terms *T);

/* Free T's memory. */
void terms_release(struct terms *T);

#endif
