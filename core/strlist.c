/* strlist.c - a growable list of owned strings */
#include "strlist.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

void
strlist_add(struct strlist *l, const char *s)
{
	if (l->len == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 8;
		l->items = xrealloc(l->items, l->cap * sizeof *l->items);
	}
	l->items[l->len++] = xstrdup(s);
}

bool
strlist_has(const struct strlist *l, const char *s)
{
	for (size_t i = 0; i < l->len; i++)
		if (strcmp(l->items[i], s) == 0)
			return true;
	return false;
}

bool
strlist_add_unique(struct strlist *l, const char *s)
{
	if (strlist_has(l, s))
		return false;
	strlist_add(l, s);
	return true;
}

void
strlist_clear(struct strlist *l)
{
	for (size_t i = 0; i < l->len; i++)
		free(l->items[i]);
	free(l->items);
	l->items = NULL;
	l->len = l->cap = 0;
}

char *
strlist_join(const struct strlist *l, const char *sep, size_t max,
    bool more_note)
{
	size_t n = l->len < max ? l->len : max, total = 1, seplen = strlen(sep);
	char *out, *p;

	for (size_t i = 0; i < n; i++)
		total += strlen(l->items[i]) + seplen;
	total += 32;
	p = out = xmalloc(total);
	*p = '\0';
	for (size_t i = 0; i < n; i++) {
		if (i)
			p = stpcpy(p, sep);
		p = stpcpy(p, l->items[i]);
	}
	if (more_note && l->len > n)
		snprintf(p, total - (size_t)(p - out), " (+%zu more)", l->len - n);
	return out;
}
