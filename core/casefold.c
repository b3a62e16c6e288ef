/* casefold.c - the case folding of search words and fragments (the
 * table: casefold_table.c) */
#include "casefold.h"

#include <string.h>

#include "utf8.h"
#include "banned.h"

uint32_t
fold_char(uint32_t c)
{
	size_t lo = 0, hi = fold_ranges_n;

	if (c < 0x80)
		return c >= 'A' && c <= 'Z' ? c + 32 : c;
	while (lo < hi) {	/* the first range that ends at c or after */
		size_t mid = lo + (hi - lo) / 2;

		if (fold_ranges[mid].hi < c)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == fold_ranges_n || c < fold_ranges[lo].lo)
		return c;
	if (fold_ranges[lo].delta)
		return (uint32_t)((int32_t)c + fold_ranges[lo].delta);
	return (c - fold_ranges[lo].lo) % 2 ? c : c + 1;
}

/* The character at *s (n bytes left), *s and *n moved past it; a byte
 * that starts no well-formed character is itself, above every code
 * point (so two such bytes are equal only if they are the same). */
static uint32_t
next_char(const char **s, size_t *n)
{
	uint32_t c;
	size_t len = utf8_decode(*s, *n, &c);

	if (c == 0xfffd && len == 1)
		c = 0x110000u + (unsigned char)**s;
	*s += len;
	*n -= len;
	return c;
}

bool
fold_eq(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);

	while (na && nb)
		if (fold_char(next_char(&a, &na)) !=
		    fold_char(next_char(&b, &nb)))
			return false;
	return !na && !nb;
}
