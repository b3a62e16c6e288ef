/* frontmatter.c - `key: value` lines between `---` markers */
#include "frontmatter.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "xalloc.h"

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

/* Add a `key: value` line (n bytes at s) if it is a scalar one. */
static void
add_line(struct front_matter *fm, const char *s, size_t n)
{
	const char *colon = memchr(s, ':', n), *v;
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
	if (vlen >= 2 && (v[0] == '"' || v[0] == '\'') && v[vlen - 1] == v[0])
		v++, vlen -= 2;
	else if (!vlen || v[0] == '[' || v[0] == '|' || v[0] == '>' ||
	    (v[0] == '{' && (vlen < 2 || v[1] != '{')))
		return;		/* a nested value, not a scalar */
	if (!klen)
		return;
	fm->keys = xrealloc(fm->keys, (fm->n + 1) * sizeof *fm->keys);
	fm->vals = xrealloc(fm->vals, (fm->n + 1) * sizeof *fm->vals);
	fm->keys[fm->n] = xstrndup(s, klen);
	fm->vals[fm->n] = xstrndup(v, vlen);
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
