/* casefold.c - the case folding of search words (the table:
 * casefold_table.c) */
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
