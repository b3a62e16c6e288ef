/*
 * strlist.h - a growable list of owned strings, optionally without duplicates.
 *
 * struct strlist l = STRLIST_INIT;  strlist_add(&l, "a");  strlist_clear(&l);
 */
#ifndef TEND_STRLIST_H
#define TEND_STRLIST_H

#include <stdbool.h>
#include <stddef.h>

struct strlist {
	char **items;		/* owned, each owned */
	size_t len, cap;
};

#define STRLIST_INIT { NULL, 0, 0 }

void strlist_add(struct strlist *l, const char *s);
/* Add s unless it is already there; returns true if added. */
bool strlist_add_unique(struct strlist *l, const char *s);
bool strlist_has(const struct strlist *l, const char *s);
/* Free every string and the array; the list is empty and reusable. */
void strlist_clear(struct strlist *l);
/*
 * Join at most max items with sep into a new string; when items were left out,
 * append " (+N more)" if more_note is true.
 */
char *strlist_join(const struct strlist *l, const char *sep, size_t max,
    bool more_note);

#endif
