/* casefold.c - the case folding of search words and fragments (the
 * table: casefold_table.c) */
#include "casefold.h"

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

/* The character at *s (UTF-8), *s moved past it; a byte that starts no
 * well-formed character is itself, above every code point. */
static uint32_t
next_char(const char **s)
{
	const unsigned char *u = (const unsigned char *)*s;
	size_t len = u[0] < 0x80 ? 1 : u[0] >= 0xc2 && u[0] < 0xe0 ? 2 :
	    u[0] >= 0xe0 && u[0] < 0xf0 ? 3 : u[0] >= 0xf0 && u[0] < 0xf5 ? 4 :
	    0;
	uint32_t c = len == 1 ? u[0] : len == 2 ? u[0] & 0x1f : len == 3 ?
	    u[0] & 0x0f : u[0] & 0x07;

	for (size_t i = 1; i < len; i++) {
		if ((u[i] & 0xc0) != 0x80) {
			len = 0;
			break;
		}
		c = c << 6 | (u[i] & 0x3f);
	}
	if (!len) {
		(*s)++;
		return 0x110000u + u[0];
	}
	*s += len;
	return c;
}

bool
fold_eq(const char *a, const char *b)
{
	while (*a && *b)
		if (fold_char(next_char(&a)) != fold_char(next_char(&b)))
			return false;
	return !*a && !*b;
}
