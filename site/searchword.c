/* searchword.c - what a word is to the search index */
#include "searchword.h"

#include "banned.h"

uint32_t
search_hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;

	for (size_t k = 0; k < n; k++)
		h = (h ^ (unsigned char)s[k]) * 16777619u;
	return h;
}

bool
search_is_word(uint32_t c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9');
	if (c < 0xc0 || c == 0xd7 || c == 0xf7)
		return false;
	if (c < 0x2000)
		return true;
	if (c < 0x2c00)		/* punctuation, symbols, arrows, boxes */
		return false;
	if (c < 0x3000)
		return true;
	if (c < 0x3040)		/* CJK punctuation */
		return false;
	if (c < 0xfe00)
		return true;
	if (c < 0xfe70 || c == 0xfeff)	/* variation selectors, forms */
		return false;
	if (c < 0xff10)
		return c < 0xff00;
	if (c < 0xfff0)
		return true;
	if (c < 0x10000)
		return false;
	return c < 0x1f000 || (c >= 0x1fb00 && c <= 0x10ffff);
}
