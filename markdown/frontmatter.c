/* frontmatter.c - the block between `---` markers: one-line scalars read
 * here, anything else by the YAML parser (fmyaml.h) */
#include "frontmatter.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "fmyaml.h"
#include "utf8.h"
#include "xalloc.h"
#include "banned.h"

static void fm_release_keys(struct front_matter *fm);

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
	if (c)
		utf8_add(b, c);
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
	if (!digits || (c = utf8_hex(s + 1, end, digits)) < 0) {
		buf_add(b, "\\", 1);	/* not an escape: kept as written */
		return 0;
	}
	/* A UTF-16 surrogate pair written as two \u escapes. */
	if (digits == 4 && c >= 0xd800 && c <= 0xdbff && end - s >= 11 &&
	    s[5] == '\\' && s[6] == 'u' && (lo = utf8_hex(s + 7, end, 4)) >= 0xdc00
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

/*
 * The value of a `key: value` line (n bytes at s) if it is a one-line
 * scalar this reader takes as YAML would: *val a new string, *klen the
 * key's length (lenient: an unclosed quote is text, as tend read it
 * before it had a YAML parser). False for anything else (a list item, an indented line, a
 * nested, flow or block value, an anchor, a tag, a comment after a plain
 * value), which the YAML parser reads.
 */
static bool
scalar_line(const char *s, size_t n, size_t *klen, char **val, bool lenient)
{
	const char *colon = memchr(s, ':', n), *v;
	size_t vlen;

	*val = NULL;
	if (!n || !colon || colon == s || isspace((unsigned char)*s) ||
	    strchr("-#\"'?[{&*!|>%@`", *s))
		return false;
	*klen = (size_t)(colon - s);
	while (*klen && isspace((unsigned char)s[*klen - 1]))
		(*klen)--;
	v = colon + 1;
	vlen = n - (size_t)(v - s);
	if (vlen && !isspace((unsigned char)*v))
		return false;	/* "a:b" is one plain scalar, not a key */
	while (vlen && isspace((unsigned char)*v))
		v++, vlen--;
	while (vlen && isspace((unsigned char)v[vlen - 1]))
		vlen--;
	if (!*klen || !vlen)
		return false;
	if ((v[0] == '"' || v[0] == '\'') && (*val = unquote(v, vlen)))
		return true;
	if (v[0] == '"' || v[0] == '\'') {
		/* an unclosed quote: text, when YAML could not read it */
		*val = lenient ? xstrndup(v, vlen) : NULL;
		return lenient;
	}
	/* `{{ .Name }}` placeholders are taken as text, as before. */
	if (strchr("[{|>&*!%@`", v[0]) && !(v[0] == '{' && vlen > 1 &&
	    v[1] == '{'))
		return false;
	for (size_t i = 1; i < vlen; i++)
		if (v[i] == '#' && isspace((unsigned char)v[i - 1]))
			return false;	/* a comment: YAML drops it */
	*val = xstrndup(v, vlen);
	return true;
}

/* Is the line (n bytes at s) blank or a comment? */
static bool
blank_line(const char *s, size_t n)
{
	while (n && isspace((unsigned char)*s))
		s++, n--;
	return !n || *s == '#';
}

static void
add_key(struct front_matter *fm, const char *key, size_t klen, char *val)
{
	fm->keys = xrealloc(fm->keys, (fm->n + 1) * sizeof *fm->keys);
	fm->vals = xrealloc(fm->vals, (fm->n + 1) * sizeof *fm->vals);
	fm->keys[fm->n] = xstrndup(key, klen);
	fm->vals[fm->n] = val;
	fm->n++;
}

/* fm_yaml_parse()'s key callback: into the front_matter at arg. */
static void
add_yaml_key(void *arg, const char *key, const char *val, size_t vlen)
{
	add_key(arg, key, strlen(key), xstrndup(val, vlen));
}

/* The length of the line at p without its \r. */
static size_t
chomp(const char *p, size_t n)
{
	return n && p[n - 1] == '\r' ? n - 1 : n;
}

/*
 * Read the block [p, end) line by line into fm: true if every line is a
 * one-line scalar, blank or a comment. With lenient, lines that are not
 * are skipped (the reading kept when the YAML parser fails).
 */
static bool
read_lines(const char *p, const char *end, struct front_matter *fm,
    bool lenient)
{
	while (p < end) {
		size_t n = chomp(p, line_len(p, end)), klen;
		char *val;

		if (scalar_line(p, n, &klen, &val, lenient))
			add_key(fm, p, klen, val);
		else if (!blank_line(p, n) && !lenient)
			return false;
		p += line_len(p, end) + 1;
	}
	return true;
}

/* The block [p, end), its first line at first_line of the page. */
static void
read_block(const char *p, const char *end, unsigned first_line,
    struct front_matter *fm)
{
	if (read_lines(p, end, fm, false))
		return;
	fm_release_keys(fm);
	if (fm_yaml_parse(p, (size_t)(end - p), first_line, add_yaml_key, fm,
	    &fm->error, &fm->error_line) == 0)
		return;
	fm_release_keys(fm);
	read_lines(p, end, fm, true);
}

void
fm_parse(const char *md, size_t len, struct front_matter *fm)
{
	const char *end = md + len, *p, *block;
	unsigned line = 2;

	*fm = (struct front_matter){ .body = md, .body_len = len,
		.body_line = 1 };
	if (!len || !is_marker(md, line_len(md, end), "---"))
		return;
	block = md + line_len(md, end) + 1;
	for (p = block; p < end; line++) {
		size_t n = line_len(p, end);

		if (is_marker(p, n, "---") || is_marker(p, n, "...")) {
			read_block(block, p, 2, fm);
			p += n < (size_t)(end - p) ? n + 1 : n;
			fm->body = p;
			fm->body_len = (size_t)(end - p);
			fm->body_line = line + 1;
			return;
		}
		p += n + 1;
	}
	/* never closed: not front matter */
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
	fm_release_keys(fm);
	free(fm->error);
	fm->error = NULL;
	fm->error_line = 0;
}

static void
fm_release_keys(struct front_matter *fm)
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
