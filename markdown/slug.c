/* slug.c - GitHub-compatible heading ids */
#include "slug.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "casefold.h"
#include "utf8.h"
#include "xalloc.h"
#include "banned.h"

struct slug_seen {
	unsigned count;		/* suffixes handed out for this base */
	char id[];
};

/* Decode one UTF-8 sequence at s (n bytes left): its length, code point in
 * *cp; a bad byte is one byte of U+FFFD. */
static size_t
utf8_next(const unsigned char *s, size_t n, unsigned long *cp)
{
	size_t len, i;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] < 0xe0)
		len = 2, *cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] < 0xf0)
		len = 3, *cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] < 0xf5)
		len = 4, *cp = s[0] & 0x07;
	else
		goto bad;
	if (len > n)
		goto bad;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			goto bad;
		*cp = *cp << 6 | (s[i] & 0x3f);
	}
	return len;
bad:
	*cp = 0xfffd;
	return 1;
}

/*
 * Add the lower-case form of the non-ASCII letter c, as GitHub's (Ruby's)
 * downcase gives it: the one-code-point mapping of casefold.h, in every
 * script with case, but for final sigma, which stays; İ becomes i and a
 * combining dot above. Mappings that change a letter's UTF-8 length (the
 * Kelvin sign, Ⱥ) are not made (casefold.h).
 */
static void
add_lower(struct buf *out, uint32_t c)
{
	char u[4];

	if (c == 0x130) {
		buf_adds(out, "i\xcc\x87");
		return;
	}
	buf_add(out, u, utf8_encode(c == 0x3c2 ? c : fold_char(c), u));
}

/* Is the non-ASCII code point punctuation, a symbol, an emoji or another
 * character GitHub drops? */
static bool
dropped(unsigned long c)
{
	if (c <= 0xbf)		/* Latin-1 punctuation and symbols */
		return !(c == 0xaa || c == 0xb2 || c == 0xb3 || c == 0xb5 ||
			 c == 0xb9 || c == 0xba || (c >= 0xbc && c <= 0xbe));
	if (c >= 0x10000)	/* emoji, tags */
		return (c >= 0x1f000 && c <= 0x1fbff) ||
		       (c >= 0xe0000 && c <= 0xe007f);
	return c == 0xd7 || c == 0xf7 ||
	       (c >= 0x2000 && c <= 0x214f) ||	/* punctuation, symbols */
	       (c >= 0x2190 && c <= 0x2bff) ||	/* arrows ... dingbats */
	       (c >= 0x2e00 && c <= 0x2e7f) ||
	       (c >= 0x3000 && c <= 0x3004) || (c >= 0x3008 && c <= 0x3020) ||
	       c == 0x3030 || (c >= 0x303d && c <= 0x303f) || c == 0x30fb ||
	       (c >= 0xfe00 && c <= 0xfe1f) ||	/* variation selectors */
	       (c >= 0xfe30 && c <= 0xfe6f) || c == 0xfeff ||
	       (c >= 0xff01 && c <= 0xff0f) || (c >= 0xff1a && c <= 0xff20) ||
	       (c >= 0xff3b && c <= 0xff40 && c != 0xff3f) ||
	       (c >= 0xff5b && c <= 0xff65) || c >= 0xfff0;
}

void
slug_add(struct buf *out, const char *text, size_t n)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0;

	buf_reserve(out, n);	/* a slug is about as long as its text */
	while (i < n) {
		unsigned long c;

		i += utf8_next(s + i, n - i, &c);
		if (c < 0x80) {
			char a = (char)c;

			if (a >= 'A' && a <= 'Z')
				a = (char)(a - 'A' + 'a');
			else if (a == ' ')
				a = '-';
			else if (!((a >= 'a' && a <= 'z') ||
			    (a >= '0' && a <= '9') || a == '-' || a == '_'))
				continue;
			buf_add(out, &a, 1);
		} else if (!dropped(c)) {
			add_lower(out, (uint32_t)c);
		}
	}
}

/* Record id as used. */
static void
remember(struct slugs *s, const char *id)
{
	size_t len = strlen(id);
	struct slug_seen *e = xmalloc(sizeof *e + len + 1);

	e->count = 0;
	memcpy(e->id, id, len + 1);
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 16;
		s->seen = xrealloc(s->seen, s->cap * sizeof *s->seen);
	}
	s->seen[s->n++] = e;
	strmap_put(&s->map, e->id, e);
}

char *
slugs_take(struct slugs *s, const char *id)
{
	if (!strmap_get(&s->map, id))
		remember(s, id);
	return xstrdup(id);
}

char *
slugs_make(struct slugs *s, const char *text, size_t n)
{
	struct buf b = BUF_INIT;
	struct slug_seen *base;
	char *id;

	slug_add(&b, text, n);
	if (!b.len)
		buf_adds(&b, "section");
	base = strmap_get(&s->map, b.p);
	if (!base) {
		remember(s, b.p);
		return b.p;
	}
	for (;;) {
		id = xasprintf("%s-%u", b.p, ++base->count);
		if (!strmap_get(&s->map, id))
			break;
		free(id);
	}
	remember(s, id);
	free(b.p);
	return id;
}

void
slugs_clear(struct slugs *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->seen[i]);
	free(s->seen);
	strmap_clear(&s->map);
	*s = (struct slugs)SLUGS_INIT;
}
