/* frontmatter.c - `key: value` lines between `---` markers */
#include "frontmatter.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "xalloc.h"
#include "banned.h"

/* Length of the line at s (without its newline) within end. */
static size_t
line_len(const char *s, const char *end)
{
	const char *nl = memchr(s, '\n', (size_t)(end - s));

	return nl ? (size_t)(nl - s) : (size_t)(end - s);
}

/* Is [s, s+n) exactly the marker (ignoring a trailing \r and spaces)? */
static bool
is_marker(const char *s, size_t n, const char *marker)
{
	while (n && (s[n - 1] == '\r' || s[n - 1] == ' '))
		n--;
	return n == strlen(marker) && !memcmp(s, marker, n);
}

/* Append the code point c to b as UTF-8 (U+FFFD for a surrogate or one
 * out of range; nothing for NUL, which a C string cannot hold). */
static void
add_utf8(struct buf *b, unsigned long c)
{
	char u[4];

	if (!c)
		return;
	if ((c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		c = 0xfffd;
	if (c < 0x80) {
		u[0] = (char)c;
		buf_add(b, u, 1);
	} else if (c < 0x800) {
		u[0] = (char)(0xc0 | c >> 6);
		u[1] = (char)(0x80 | (c & 0x3f));
		buf_add(b, u, 2);
	} else if (c < 0x10000) {
		u[0] = (char)(0xe0 | c >> 12);
		u[1] = (char)(0x80 | (c >> 6 & 0x3f));
		u[2] = (char)(0x80 | (c & 0x3f));
		buf_add(b, u, 3);
	} else {
		u[0] = (char)(0xf0 | c >> 18);
		u[1] = (char)(0x80 | (c >> 12 & 0x3f));
		u[2] = (char)(0x80 | (c >> 6 & 0x3f));
		u[3] = (char)(0x80 | (c & 0x3f));
		buf_add(b, u, 4);
	}
}

/* The n hex digits at s as a number, or -1 if they are not n hex digits. */
static long
hex(const char *s, const char *end, int n)
{
	long v = 0;

	if (end - s < n)
		return -1;
	for (int i = 0; i < n; i++) {
		int c = (unsigned char)s[i];

		if (!isxdigit(c))
			return -1;
		v = v * 16 + (isdigit(c) ? c - '0' : tolower(c) - 'a' + 10);
	}
	return v;
}

/* The escape after a backslash at s (s < end) into b; its length. */
static size_t
add_escape(struct buf *b, const char *s, const char *end)
{
	static const char from[] = "abtnvfre \"/\\\t", to[] =
	    "\a\b\t\n\v\f\r\033 \"/\\\t";
	const char *hit = *s ? strchr(from, *s) : NULL;
	int digits = *s == 'x' ? 2 : *s == 'u' ? 4 : *s == 'U' ? 8 : 0;
	long c, lo;

	if (*s == '0')
		return 1;	/* NUL: dropped, a C string cannot hold it */
	if (hit) {
		buf_add(b, &to[hit - from], 1);
		return 1;
	}
	if (*s == 'N' || *s == '_' || *s == 'L' || *s == 'P') {
		add_utf8(b, *s == 'N' ? 0x85 : *s == '_' ? 0xa0 :
		    *s == 'L' ? 0x2028 : 0x2029);
		return 1;
	}
	if (!digits || (c = hex(s + 1, end, digits)) < 0) {
		buf_add(b, "\\", 1);	/* not an escape: kept as written */
		return 0;
	}
	/* A UTF-16 surrogate pair written as two \u escapes. */
	if (digits == 4 && c >= 0xd800 && c <= 0xdbff && end - s >= 11 &&
	    s[5] == '\\' && s[6] == 'u' && (lo = hex(s + 7, end, 4)) >= 0xdc00
	    && lo <= 0xdfff) {
		add_utf8(b, 0x10000 + ((unsigned long)(c - 0xd800) << 10) +
		    (unsigned long)(lo - 0xdc00));
		return 11;
	}
	add_utf8(b, (unsigned long)c);
	return 1 + (size_t)digits;
}

/*
 * The quoted scalar (YAML) at v (vlen bytes, v[0] the quote) as a new
 * string: in '...' a doubled '' is one quote; in "..." backslash escapes
 * (\" \\ \t \n \xXX \uXXXX ...) are decoded. What follows the closing
 * quote (a # comment) is dropped. NULL if the quote is not closed.
 */
static char *
unquote(const char *v, size_t vlen)
{
	const char *s = v + 1, *end = v + vlen;
	struct buf b = BUF_INIT;

	buf_terminate(&b);
	while (s < end) {
		if (*s == *v && *v == '\'' && s + 1 < end && s[1] == '\'') {
			buf_add(&b, s, 1);
			s += 2;
		} else if (*s == *v) {
			return b.p;
		} else if (*s == '\\' && *v == '"' && s + 1 < end) {
			s++;
			s += add_escape(&b, s, end);
		} else {
			buf_add(&b, s++, 1);
		}
	}
	free(b.p);
	return NULL;
}

/* Add a `key: value` line (n bytes at s) if it is a scalar one. */
static void
add_line(struct front_matter *fm, const char *s, size_t n)
{
	const char *colon = memchr(s, ':', n), *v;
	char *val = NULL;
	size_t klen, vlen;

	if (!n || !colon || isspace((unsigned char)*s) || *s == '-' ||
	    *s == '#')
		return;
	klen = (size_t)(colon - s);
	while (klen && isspace((unsigned char)s[klen - 1]))
		klen--;
	v = colon + 1;
	vlen = n - (size_t)(v - s);
	while (vlen && isspace((unsigned char)*v))
		v++, vlen--;
	while (vlen && isspace((unsigned char)v[vlen - 1]))
		vlen--;
	if (vlen >= 2 && (v[0] == '"' || v[0] == '\''))
		val = unquote(v, vlen);
	if (!val && (!vlen || v[0] == '[' || v[0] == '|' || v[0] == '>' ||
	    (v[0] == '{' && (vlen < 2 || v[1] != '{'))))
		return;		/* a nested value, not a scalar */
	if (!klen) {
		free(val);
		return;
	}
	fm->keys = xrealloc(fm->keys, (fm->n + 1) * sizeof *fm->keys);
	fm->vals = xrealloc(fm->vals, (fm->n + 1) * sizeof *fm->vals);
	fm->keys[fm->n] = xstrndup(s, klen);
	fm->vals[fm->n] = val ? val : xstrndup(v, vlen);
	fm->n++;
}

void
fm_parse(const char *md, size_t len, struct front_matter *fm)
{
	const char *end = md + len, *p;
	unsigned line = 2;

	*fm = (struct front_matter){ .body = md, .body_len = len,
		.body_line = 1 };
	if (!len || !is_marker(md, line_len(md, end), "---"))
		return;
	for (p = md + line_len(md, end) + 1; p < end; line++) {
		size_t n = line_len(p, end);

		if (is_marker(p, n, "---") || is_marker(p, n, "...")) {
			p += n < (size_t)(end - p) ? n + 1 : n;
			fm->body = p;
			fm->body_len = (size_t)(end - p);
			fm->body_line = line + 1;
			return;
		}
		if (n && p[n - 1] == '\r')
			add_line(fm, p, n - 1);
		else
			add_line(fm, p, n);
		p += n + 1;
	}
	fm_release(fm);		/* never closed: not front matter */
	*fm = (struct front_matter){ .body = md, .body_len = len,
		.body_line = 1 };
}

const char *
fm_get(const struct front_matter *fm, const char *key)
{
	for (size_t i = 0; i < fm->n; i++)
		if (!strcasecmp(fm->keys[i], key))
			return fm->vals[i];
	return NULL;
}

bool
fm_order(const struct front_matter *fm, double *order)
{
	const char *v = fm_get(fm, "order");
	char *end;

	if (!v)
		v = fm_get(fm, "weight");
	if (!v)
		return false;
	*order = strtod(v, &end);
	return end != v && !*end;
}

bool
fm_draft(const struct front_matter *fm)
{
	const char *v = fm_get(fm, "draft");

	return v && (!strcasecmp(v, "true") || !strcasecmp(v, "yes") ||
		     !strcasecmp(v, "on") || !strcmp(v, "1"));
}

void
fm_release(struct front_matter *fm)
{
	for (size_t i = 0; i < fm->n; i++) {
		free(fm->keys[i]);
		free(fm->vals[i]);
	}
	free(fm->keys);
	free(fm->vals);
	fm->keys = fm->vals = NULL;
	fm->n = 0;
}
