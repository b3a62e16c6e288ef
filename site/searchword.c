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

size_t
search_utf8(const char *s, size_t n, uint32_t *c)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t len;
	uint32_t v;

	if (u[0] < 0x80) {
		*c = u[0];
		return 1;
	}
	if (u[0] >= 0xc2 && u[0] < 0xe0) {
		len = 2;
		v = u[0] & 0x1f;
	} else if (u[0] >= 0xe0 && u[0] < 0xf0) {
		len = 3;
		v = u[0] & 0x0f;
	} else if (u[0] >= 0xf0 && u[0] < 0xf5) {
		len = 4;
		v = u[0] & 0x07;
	} else {
		*c = 0xfffd;
		return 1;
	}
	if (len > n)
		goto bad;
	for (size_t i = 1; i < len; i++) {
		if ((u[i] & 0xc0) != 0x80)
			goto bad;
		v = v << 6 | (u[i] & 0x3f);
	}
	if ((len == 3 && v < 0x800) || (len == 4 && v < 0x10000) ||
	    (v >= 0xd800 && v < 0xe000) || v > 0x10ffff)
		goto bad;
	*c = v;
	return len;
bad:
	*c = 0xfffd;
	return 1;
}

