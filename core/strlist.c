/* strlist.c - a growable list of owned strings */
#include "strlist.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strmap.h"
#include "xalloc.h"
#include "banned.h"

/* Lists longer than this get a hash index on their first lookup. */
#define INDEX_FROM 16

void
strlist_add(struct strlist *l, const char *s)
{
	if (l->len == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 8;
		l->items = xrealloc(l->items, l->cap * sizeof *l->items);
	}
	l->items[l->len] = xstrdup(s);
	if (l->index)
		strmap_put(l->index, l->items[l->len], l->items[l->len]);
	l->len++;
}

/* Drop the index (it is built again by the next lookup). */
static void
drop_index(struct strlist *l)
{
	if (l->index)
		strmap_clear(l->index);
	free(l->index);
	l->index = NULL;
}

bool
strlist_has(const struct strlist *l, const char *s)
{
	struct strlist *ml = (struct strlist *)l;	/* the index is a cache */

	if (l->len <= INDEX_FROM) {
		for (size_t i = 0; i < l->len; i++)
			if (strcmp(l->items[i], s) == 0)
				return true;
		return false;
	}
	if (!l->index) {
		ml->index = xcalloc(1, sizeof *ml->index);
		for (size_t i = 0; i < l->len; i++)
			strmap_put(ml->index, l->items[i], l->items[i]);
	}
	return strmap_get(l->index, s) != NULL;
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
strlist_truncate(struct strlist *l, size_t n)
{
	if (n >= l->len)
		return;
	drop_index(l);
	while (l->len > n)
		free(l->items[--l->len]);
}

size_t
strlist_remove_if(struct strlist *l, bool (*drop)(const char *s, void *arg),
    void *arg)
{
	size_t keep = 0, n = l->len;

	for (size_t i = 0; i < n; i++) {
		if (drop(l->items[i], arg))
			free(l->items[i]);
		else
			l->items[keep++] = l->items[i];
	}
	if (keep < n)
		drop_index(l);
	l->len = keep;
	return n - keep;
}

void
strlist_clear(struct strlist *l)
{
	drop_index(l);
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
