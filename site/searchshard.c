/* searchshard.c - a search shard's files and their JSON */
#include "searchshard.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "search_int.h"
#include "searchword.h"
#include "utf8.h"
#include "banned.h"

/* Write v at o as the theme's script reads numbers: 5 bits a character,
 * low bits first, the upper half of the alphabet saying "more follows".
 * Returns the end (at most 7 characters for 32 bits). */
static char *
put_num(char *o, uint32_t v)
{
	static const char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklm"
	    "nopqrstuvwxyz0123456789-_";

	do {
		unsigned d = v & 31;

		v >>= 5;
		*o++ = digits[d | (v ? 32 : 0)];
	} while (v);
	return o;
}

static int
cmp_term(const void *a, const void *b)
{
	return strcmp((*(struct term *const *)a)->s,
	    (*(struct term *const *)b)->s);
}

void
shard_sort(struct shard *sh)
{
	if (!sh->sorted)
		qsort(sh->t, sh->n, sizeof *sh->t, cmp_term);
	sh->sorted = true;
}

bool
shard_split(const struct shard *sh)
{
	return sh->posts > SEARCH_SPLIT;
}

/* The bytes of s's first n code points (fewer if it has fewer). */
static size_t
prefix(const char *s, int n)
{
	size_t k = strlen(s), at = 0;
	uint32_t c;

	while (n-- > 0 && at < k)
		at += utf8_decode(s + at, k - at, &c);
	return at;
}

/* name: the shard's name, "." and the third code point of the term t
 * (its bytes from two to three, at = prefix(t, 2)). */
static void
sub_name(const char *shard, const char *t, size_t at, size_t end,
    char *name, size_t len)
{
	size_t n = (size_t)snprintf(name, len, "%s.", shard);
	bool plain = end == at + 1 && ((t[at] >= 'a' && t[at] <= 'z') ||
	    (t[at] >= '0' && t[at] <= '9'));

	if (plain) {
		snprintf(name + n, len - n, "%c", t[at]);
		return;
	}
	n += (size_t)snprintf(name + n, len - n, "x");
	for (size_t i = at; i < end && n + 3 <= len; i++)
		n += (size_t)snprintf(name + n, len - n, "%02x",
		    (unsigned char)t[i]);
}

size_t
shard_group(const struct shard *sh, bool split, size_t i, char *name,
    size_t len, bool *dirty, size_t *posts)
{
	const char *t = sh->t[i]->s;
	size_t two = prefix(t, 2), three = prefix(t, 3), end = i;

	if (!split || three == two) {	/* all, or the short terms */
		snprintf(name, len, "%s", sh->name);
		while (end < sh->n && (!split ||
		    prefix(sh->t[end]->s, 3) == two))
			end++;
	} else {
		sub_name(sh->name, t, two, three, name, len);
		while (end < sh->n && !strncmp(sh->t[end]->s, t, three) &&
		    prefix(sh->t[end]->s, 3) == three)
			end++;
	}
	*dirty = false;
	*posts = 0;
	for (size_t k = i; k < end; k++) {
		*dirty |= sh->t[k]->dirty;
		*posts += sh->t[k]->n;
	}
	return end;
}

void
shard_json(const struct shard *sh, size_t from, size_t to, struct buf *b)
{
	bool first = true;

	buf_adds(b, "{");
	for (size_t i = from; i < to; i++) {
		const struct term *t = sh->t[i];
		uint32_t next = 0;	/* the page before, + 1 */
		size_t need;
		char *o;

		if (!t->n)
			continue;
		buf_adds(b, first ? "\"" : ",\"");
		buf_adds(b, t->s);	/* word characters: nothing to escape */
		buf_adds(b, "\":\"");
		need = t->n * 13 + 2;	/* 7 + 4 + 2 chars a posting */
		if (b->len + need + 1 > b->cap)
			buf_reserve(b, need + b->cap);	/* doubling */
		o = b->p + b->len;
		for (size_t k = 0; k < t->n; k++) {
			o = put_num(o, t->p[k].page + 1 - next);
			o = put_num(o, t->p[k].sec);
			o = put_num(o, t->p[k].field * 32u + t->p[k].count);
			next = t->p[k].page + 1;
		}
		*o++ = '"';
		*o = '\0';
		b->len = (size_t)(o - b->p);
		first = false;
	}
	buf_adds(b, "}\n");
}
