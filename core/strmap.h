/*
 * strmap.h - a hash map from strings to pointers (open addressing, FNV-1a).
 *
 *   struct strmap m = STRMAP_INIT;
 *   if (!strmap_get(&m, item->name))
 *           strmap_put(&m, item->name, item);
 *   ...
 *   strmap_clear(&m);
 *
 * Ownership: the map owns only its table. Keys and values are borrowed: the
 * map stores the key pointer, not a copy, so each key must stay alive and
 * unchanged while it is in the map (typically it is a member of the value,
 * or a string in a list that outlives the map). Nothing the map forgets is
 * freed, by strmap_reset() or strmap_clear() alike.
 *
 * Values should not be NULL: strmap_get() returns NULL for a missing key.
 * There is no removal of a single key. Keys compare with strcmp(): case
 * matters and "" is a key like any other. Not thread-safe.
 */
#ifndef TEND_STRMAP_H
#define TEND_STRMAP_H

#include <stddef.h>

/* Members are private: use the functions. */
struct strmap {
	struct strmap_slot {
		const char *key;	/* borrowed; NULL: a free slot */
		void *val;		/* borrowed */
	} *slots;		/* owned; cap of them, a power of two */
	size_t cap, len;	/* len keys in the map, 2 * len <= cap */
};

#define STRMAP_INIT { NULL, 0, 0 }

/* The value of key, or NULL if key is not in the map. */
void *strmap_get(const struct strmap *m, const char *key);

/*
 * Map key to val. If key was in the map already, its value is replaced and
 * the old one returned (the pointer stored for the key becomes this key);
 * else NULL is returned. Grows the table as needed (dies if out of memory).
 */
void *strmap_put(struct strmap *m, const char *key, void *val);

/* Forget every key, keeping the table for reuse: cheap for a map refilled
 * many times. */
void strmap_reset(struct strmap *m);

/* Free the table; the map is empty (as STRMAP_INIT) and reusable. */
void strmap_clear(struct strmap *m);

#endif
