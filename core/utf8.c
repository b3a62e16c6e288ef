/* utf8.c - UTF-8 characters read and written */
#include "utf8.h"

#include "buf.h"
#include "banned.h"

size_t
utf8_decode(const char *s, size_t n, uint32_t *c)
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

size_t
utf8_encode(uint32_t c, char u[4])
{
	if (c < 0x80) {
		u[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		u[0] = (char)(0xc0 | c >> 6);
		u[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		u[0] = (char)(0xe0 | c >> 12);
		u[1] = (char)(0x80 | (c >> 6 & 0x3f));
		u[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	u[0] = (char)(0xf0 | c >> 18);
	u[1] = (char)(0x80 | (c >> 12 & 0x3f));
	u[2] = (char)(0x80 | (c >> 6 & 0x3f));
	u[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

void
utf8_add(struct buf *b, unsigned long c)
{
	char u[4];

	if ((c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		c = 0xfffd;
	buf_add(b, u, utf8_encode((uint32_t)c, u));
}

long
utf8_hex(const char *s, const char *end, int n)
{
	long v = 0;

	if (end - s < n)
		return -1;
	for (int i = 0; i < n; i++) {
		char c = s[i];
		int d = c >= '0' && c <= '9' ? c - '0' :
		    c >= 'a' && c <= 'f' ? c - 'a' + 10 :
		    c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;

		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	return v;
}
