/* emoji.c - GitHub's emoji shortcodes in text */
#include "emoji.h"

#include <string.h>
#include <strings.h>

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

/* The name of the tag at p ('<'), its length, and whether it closes. */
static size_t
tag_name(const char *p, const char *end, const char **name, bool *closing)
{
	const char *q = p + 1;

	*closing = q < end && *q == '/';
	q += *closing;
	*name = q;
	while (q < end && ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z')
	    || (*q >= '0' && *q <= '9')))
		q++;
	return (size_t)(q - *name);
}

static bool
is_tag(const char *name, size_t n, const char *t)
{
	return n == strlen(t) && !strncasecmp(name, t, n);
}

/* The end of the tag at p (after its '>'), quotes respected. */
static const char *
tag_end(const char *p, const char *end)
{
	char quote = 0;

	for (; p < end; p++) {
		if (quote) {
			if (*p == quote)
				quote = 0;
		} else if (*p == '"' || *p == '\'') {
			quote = *p;
		} else if (*p == '>') {
			return p + 1;
		}
	}
	return end;
}

bool
emoji_html(const char *html, size_t len, struct buf *out)
{
	const char *p = html, *end = html + len;
	int code = 0;		/* inside <code>, <pre> or <tt> */
	bool any = false;

	while (p < end) {
		const char *lt = memchr(p, '<', (size_t)(end - p)), *e, *name;
		bool closing;
		size_t n;

		if (!lt)
			lt = end;
		if (!code && memchr(p, ':', (size_t)(lt - p)))
			any |= emoji_replace(p, (size_t)(lt - p), out);
		else
			buf_add(out, p, (size_t)(lt - p));
		if (lt == end)
			break;
		if (end - lt >= 4 && !memcmp(lt, "<!--", 4)) {
			e = memmem(lt + 4, (size_t)(end - lt - 4), "-->", 3);
			e = e ? e + 3 : end;
		} else {
			n = tag_name(lt, end, &name, &closing);
			e = tag_end(lt + 1, end);
			if (is_tag(name, n, "code") || is_tag(name, n, "pre") ||
			    is_tag(name, n, "tt"))
				code += closing ? (code > 0 ? -1 : 0) : 1;
			else if (!closing && (is_tag(name, n, "script") ||
			    is_tag(name, n, "style"))) {
				const char *c = e;	/* to its end tag */

				while ((c = memmem(c, (size_t)(end - c), "</",
				    2))) {
					const char *nm;
					bool cl;
					size_t k = tag_name(c, end, &nm, &cl);

					if (k == n && !strncasecmp(nm, name, n))
						break;
					c += 2;
				}
				e = c ? tag_end(c + 1, end) : end;
			}
		}
		buf_add(out, lt, (size_t)(e - lt));
		p = e;
	}
	return any;
}
