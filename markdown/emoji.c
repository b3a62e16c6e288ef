/* emoji.c - GitHub's emoji shortcodes in text */
#include "emoji.h"

#include <string.h>

#include "banned.h"

#define NAME_MAX_LEN 40		/* gemoji's longest name is 38 bytes */

static bool
name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
	    c == '+' || c == '-';
}

const char *
emoji_lookup(const char *name, size_t n)
{
	size_t lo = 0, hi = emoji_count;

	if (!n || n > NAME_MAX_LEN)
		return NULL;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *m = emoji_table[mid].name;
		int c = strncmp(m, name, n);

		if (!c && m[n])
			c = 1;	/* m is longer: after name */
		if (!c)
			return emoji_table[mid].emoji;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

bool
emoji_replace(const char *s, size_t n, struct buf *out)
{
	const char *p = s, *end = s + n, *done = s;
	bool any = false;

	while (p < end && (p = memchr(p, ':', (size_t)(end - p)))) {
		const char *q = p + 1, *e;

		while (q < end && name_char(*q) && q - p <= NAME_MAX_LEN)
			q++;
		if (q >= end || *q != ':' || q == p + 1) {
			p = q < end && *q == ':' ? q : p + 1;
			continue;	/* the ':' ending a run may open one */
		}
		e = emoji_lookup(p + 1, (size_t)(q - p - 1));
		if (!e) {
			p = q;		/* "a:b:heart:": b is no emoji, try on */
			continue;
		}
		buf_add(out, done, (size_t)(p - done));
		buf_adds(out, e);
		done = p = q + 1;
		any = true;
	}
	buf_add(out, done, (size_t)(end - done));
	return any;
}
