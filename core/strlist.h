/*
 * strlist.h - a growable list of owned strings, optionally without duplicates.
 *
 * struct strlist l = STRLIST_INIT;  strlist_add(&l, "a");  strlist_clear(&l);
 *
 * Lookups (strlist_has, strlist_add_unique) are O(1): a list longer than a
 * few items gets a hash index of its strings on its first lookup, kept up
 * to date by the functions below. So read items[] freely, but change the
 * list only through these functions (a list changed behind their back has
 * a wrong index). A list may be moved by assigning the struct (then the
 * source must not be used again); it must not be copied.
 */
#ifndef TEND_STRLIST_H
#define TEND_STRLIST_H

#include <stdbool.h>
#include <stddef.h>

struct strmap;

struct strlist {
	char **items;		/* owned, each owned */
	size_t len, cap;
	struct strmap *index;	/* owned; NULL until a lookup needs one */
};

#define STRLIST_INIT { NULL, 0, 0, NULL }

void strlist_add(struct strlist *l, const char *s);
/* Add s unless it is already there; returns true if added. */
bool strlist_add_unique(struct strlist *l, const char *s);
bool strlist_has(const struct strlist *l, const char *s);
/* Keep the first n items (free the others). */
void strlist_truncate(struct strlist *l, size_t n);
/* Remove (and free) the items for which drop() is true, keeping the order
 * of the others; returns how many were removed. */
size_t strlist_remove_if(struct strlist *l,
    bool (*drop)(const char *s, void *arg), void *arg);
/* Free every string and the array; the list is empty and reusable. */
void strlist_clear(struct strlist *l);
/*
 * Join at most max items with sep into a new string; when items were left out,
 * append " (+N more)" if more_note is true.
 */
char *strlist_join(const struct strlist *l, const char *sep, size_t max,
    bool more_note);

#endif
