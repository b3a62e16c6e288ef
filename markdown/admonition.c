/* admonition.c - MkDocs' `!!! kind "title"` blocks as raw HTML wrappers */
#include "admonition.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"
#include "banned.h"

/* Admonitions inside admonitions: deeper ones are left as text. */
#define MAX_DEPTH 8

struct marker {
	bool details, open;	/* ??? (open: ???+) rather than !!! */
	const char *classes;	/* the words: kind first */
	size_t classes_len;
	const char *kind;	/* the first word */
	size_t kind_len;
	const char *title;	/* NULL: the kind capitalised */
	size_t title_len;	/* 0 with a title: `""`, none */
};

static size_t
line_end(const char *s, const char *end)
{
	const char *nl = memchr(s, '\n', (size_t)(end - s));

	return nl ? (size_t)(nl - s) : (size_t)(end - s);
}

/* Is the line at s (n bytes) a marker? Fill m. */
static bool
parse_marker(const char *s, size_t n, struct marker *m)
{
	const char *e = s + n, *q;

	while (e > s && (e[-1] == '\r' || e[-1] == ' '))
		e--;
	*m = (struct marker){ 0 };
	if (e - s >= 4 && !memcmp(s, "???+", 4)) {
		m->details = m->open = true;
		s += 4;
	} else if (e - s >= 3 && (!memcmp(s, "!!!", 3) || !memcmp(s, "???", 3))) {
		m->details = *s == '?';
		s += 3;
	} else {
		return false;
	}
	if (s == e || *s != ' ')
		return false;
	while (s < e && *s == ' ')
		s++;
	m->classes = m->kind = s;
	while (s < e && (isalnum((unsigned char)*s) || *s == '-' || *s == '_' ||
	    *s == ' '))
		s++;
	m->classes_len = (size_t)(s - m->classes);
	while (m->classes_len && m->classes[m->classes_len - 1] == ' ')
		m->classes_len--;
	for (m->kind_len = 0; m->kind_len < m->classes_len &&
	    m->kind[m->kind_len] != ' '; m->kind_len++)
		;
	if (!m->kind_len)
		return false;
	if (s == e)
		return true;
	if (*s != '"' || e - s < 2 || e[-1] != '"')
		return false;	/* stray text: not an admonition */
	q = s + 1;
	m->title = q;
	m->title_len = (size_t)(e - 1 - q);
	return true;
}

/* Append s (n bytes) HTML-escaped. */
static void
add_escaped(struct buf *b, const char *s, size_t n)
{
	char *t = xstrndup(s, n);

	buf_add_html(b, t);
	free(t);
}

/* The opening HTML of m. */
static void
open_html(struct buf *b, const struct marker *m)
{
	buf_adds(b, m->details ? "<details class=\"admonition " :
	    "<div class=\"admonition ");
	add_escaped(b, m->classes, m->classes_len);
	buf_adds(b, m->open ? "\" open>\n" : "\">\n");
	if (m->title && !m->title_len && !m->details)
		return;		/* !!! note "": no title */
	buf_adds(b, m->details ? "<summary>" : "<p class=\"admonition-title\">");
	if (m->title && m->title_len) {
		add_escaped(b, m->title, m->title_len);
	} else {
		char *k = xstrndup(m->kind, m->kind_len);

		k[0] = (char)toupper((unsigned char)k[0]);
		for (char *c = k + 1; *c; c++)
			*c = (char)tolower((unsigned char)*c);
		buf_add_html(b, k);
		free(k);
	}
	buf_adds(b, m->details ? "</summary>\n" : "</p>\n");
}

/* The width of the indentation that makes a line content (4 spaces or a
 * tab), or 0. */
static size_t
indent_of(const char *s, size_t n)
{
	if (n && *s == '\t')
		return 1;
	if (n >= 4 && !memcmp(s, "    ", 4))
		return 4;
	return 0;
}

static bool
blank(const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t' || *s == '\r'))
		s++, n--;
	return !n;
}

/* Does the line open or close a fence? Updates *fence ("```" run, or 0). */
static bool
fence_line(const char *s, size_t n, char *fence, size_t *flen)
{
	size_t i = 0, run = 0;

	while (i < n && i < 3 && s[i] == ' ')
		i++;
	if (i < n && (s[i] == '`' || s[i] == '~'))
		for (char c = s[i]; i + run < n && s[i + run] == c; run++)
			;
	if (run < 3)
		return false;
	if (!*fence) {
		*fence = s[i];
		*flen = run;
		return true;
	}
	if (s[i] != *fence || run < *flen || !blank(s + i + run, n - i - run))
		return false;
	*fence = 0;
	return true;
}

static unsigned expand(const char *md, size_t len, struct buf *out,
    unsigned depth);

/*
 * The admonition m whose content starts at p: its content's lines dedented
 * and expanded, wrapped. Returns where its content ends (the next line
 * after it that is not content; trailing blank lines are left after it).
 */
static const char *
wrap(const struct marker *m, const char *p, const char *end,
    struct buf *out, unsigned depth, unsigned *made)
{
	struct buf body = BUF_INIT;
	const char *last = p;	/* after the last non-blank content line */

	for (const char *q = p; q < end; ) {
		size_t n = line_end(q, end), in = indent_of(q, n);
		const char *next = q + n + (q + n < end);

		if (blank(q, n)) {
			q = next;
			continue;
		}
		if (!in)
			break;
		/* blank lines before this one belong to the content */
		for (const char *b = last; b < q; b += line_end(b, end) + 1)
			buf_adds(&body, "\n");
		buf_add(&body, q + in, (size_t)(next - q) - in);
		if (q + n == end)	/* the last line, without a newline */
			buf_adds(&body, "\n");
		last = q = next;
	}
	open_html(out, m);
	buf_adds(out, "\n");
	*made += 1 + expand(body.p ? body.p : "", body.len, out, depth + 1);
	buf_adds(out, m->details ? "\n</details>\n" : "\n</div>\n");
	free(body.p);
	return last;
}

static unsigned
expand(const char *md, size_t len, struct buf *out, unsigned depth)
{
	const char *p = md, *end = md + len;
	char fence = 0;
	size_t flen = 0;
	unsigned made = 0;
	struct marker m;

	while (p < end) {
		size_t n = line_end(p, end);
		const char *next = p + n + (p + n < end);

		if (fence_line(p, n, &fence, &flen) || fence ||
		    depth >= MAX_DEPTH || !parse_marker(p, n, &m)) {
			buf_add(out, p, (size_t)(next - p));
			p = next;
			continue;
		}
		p = wrap(&m, next, end, out, depth, &made);
	}
	return made;
}

bool
admonition_maybe(const char *md, size_t len)
{
	return (len >= 4 && (!memcmp(md, "!!! ", 4) || !memcmp(md, "???", 3)))
	    || memmem(md, len, "\n!!! ", 5) || memmem(md, len, "\n???", 4);
}

unsigned
admonition_expand(const char *md, size_t len, struct buf *out)
{
	return expand(md, len, out, 0);
}
