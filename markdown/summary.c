/* summary.c - SUMMARY.md (mdBook) as the book's order */
#include "summary.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "page.h"
#include "xalloc.h"
#include "banned.h"

#define MAX_DEPTH 32		/* deeper nesting is flattened to this */

/* The parser's state across lines. */
struct state {
	struct summary *s;
	bool seen_chapter;	/* any chapter or part yet (a heading then is
				   a part title, not the book's title) */
	bool numbered;		/* a numbered chapter seen: then unlisted
				   links are suffix chapters */
	unsigned indent[MAX_DEPTH];	/* of the open numbered chapters */
	unsigned count[MAX_DEPTH];	/* their numbers */
	unsigned depth;		/* how many are open */
};

static struct summary_item *
add(struct summary *s, enum summary_kind kind, unsigned line)
{
	struct summary_item *it;

	s->v = xrealloc(s->v, (s->n + 1) * sizeof *s->v);
	it = &s->v[s->n++];
	*it = (struct summary_item){ .kind = kind, .line = line };
	return it;
}

/* The n bytes at p as plain text: backticks and a backslash before
 * punctuation dropped, spaces collapsed, ends trimmed. */
static char *
plain(const char *p, size_t n)
{
	struct buf b = BUF_INIT;

	buf_terminate(&b);
	for (size_t i = 0; i < n; i++) {
		char c = p[i];

		if (c == '\\' && i + 1 < n && strchr("\\`*_{}[]()#+-.!<>|~",
		    p[i + 1]))
			c = p[++i];
		else if (c == '`')
			continue;
		if (c == ' ' || c == '\t') {
			if (!b.len || b.p[b.len - 1] == ' ')
				continue;
			c = ' ';
		}
		buf_add(&b, &c, 1);
	}
	while (b.len && b.p[b.len - 1] == ' ')
		b.p[--b.len] = '\0';
	return b.p;
}

/*
 * If p (n bytes) starts with a link `[title](dest)`, fill it in and return
 * true. The title may hold nested or escaped brackets; dest may be in
 * <angle brackets> and may have a "link title" after it (dropped).
 */
static bool
link_at(const char *p, size_t n, struct summary_item *it)
{
	size_t i = 1, depth = 1, t_end, d0, d1;
	char *dest, *hash;

	if (!n || p[0] != '[')
		return false;
	for (; i < n && depth; i++) {
		if (p[i] == '\\' && i + 1 < n)
			i++;
		else if (p[i] == '[')
			depth++;
		else if (p[i] == ']')
			depth--;
	}
	if (depth || i >= n || p[i] != '(')
		return false;
	t_end = i - 1;
	d0 = i + 1;
	while (d0 < n && p[d0] == ' ')
		d0++;
	if (d0 < n && p[d0] == '<') {
		for (d1 = ++d0; d1 < n && p[d1] != '>'; d1++)
			;
	} else {
		for (d1 = d0; d1 < n && p[d1] != ')' && p[d1] != ' '; d1++)
			;
	}
	if (d1 >= n || !memchr(p + d1, ')', n - d1))
		return false;
	it->title = plain(p + 1, t_end - 1);
	if (d1 == d0)
		return true;	/* a draft */
	dest = buf_url_decode(p + d0, d1 - d0);
	if ((hash = strchr(dest, '#')))
		*hash = '\0';
	if (*dest && !(it->path = page_resolve("", dest, strlen(dest))))
		it->bad = xstrdup(dest);
	free(dest);
	return true;
}

/* The indent of a line: spaces, a tab as four. */
static unsigned
indent_of(const char *p, size_t n, size_t *at)
{
	unsigned w = 0;
	size_t i = 0;

	for (; i < n && (p[i] == ' ' || p[i] == '\t'); i++)
		w += p[i] == '\t' ? 4 : 1;
	*at = i;
	return w;
}

/* A numbered chapter at indent w: its depth and number. */
static void
numbered(struct state *st, struct summary_item *it, unsigned w)
{
	struct buf num = BUF_INIT;

	while (st->depth && st->indent[st->depth - 1] > w)
		st->depth--;	/* back out of deeper chapters */
	if (st->depth && st->indent[st->depth - 1] == w) {
		st->count[st->depth - 1]++;
	} else if (!st->depth) {	/* numbers go on through the parts */
		st->indent[0] = w;
		st->count[0]++;
		st->depth = 1;
	} else if (st->depth < MAX_DEPTH) {
		st->indent[st->depth] = w;
		st->count[st->depth++] = 1;
	} else {
		st->count[st->depth - 1]++;
	}
	it->depth = st->depth - 1;
	buf_terminate(&num);
	for (unsigned d = 0; d < st->depth; d++)
		buf_addf(&num, "%u.", st->count[d]);
	it->num = num.p;
	st->numbered = true;
}

static bool
is_separator(const char *p, size_t n)
{
	size_t dashes = 0;

	for (size_t i = 0; i < n; i++) {
		if (p[i] == '-')
			dashes++;
		else if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r')
			return false;
	}
	return dashes >= 3;
}

static void
line(struct state *st, const char *p, size_t n, unsigned no)
{
	struct summary_item tmp = { 0 }, *it;
	size_t at;
	unsigned w = indent_of(p, n, &at);

	while (n > at && (p[n - 1] == '\r' || p[n - 1] == ' '))
		n--;
	p += at;
	n -= at;
	if (!n)
		return;
	if (is_separator(p, n)) {
		add(st->s, SUMMARY_SEPARATOR, no)->title = xstrdup("");
		return;
	}
	if (p[0] == '#') {
		size_t h = 0;

		while (h < n && p[h] == '#')
			h++;
		if (h < n && p[h] != ' ' && p[h] != '\t')
			return;	/* "#tag": text */
		if (st->seen_chapter) {
			add(st->s, SUMMARY_PART, no)->title = plain(p + h,
			    n - h);
			st->depth = 0;
		} else {
			free(st->s->title);
			st->s->title = plain(p + h, n - h);
		}
		st->seen_chapter = true;	/* the first: the book's title */
		return;
	}
	if ((p[0] == '-' || p[0] == '*') && n > 2 && (p[1] == ' ' ||
	    p[1] == '\t')) {
		for (at = 1; at < n && (p[at] == ' ' || p[at] == '\t'); at++)
			;
		if (!link_at(p + at, n - at, &tmp))
			return;
		it = add(st->s, SUMMARY_CHAPTER, no);
		tmp.line = no;
		*it = tmp;
		numbered(st, it, w);
		st->seen_chapter = true;
		return;
	}
	if (!link_at(p, n, &tmp))
		return;
	it = add(st->s, SUMMARY_CHAPTER, no);
	tmp.line = no;
	*it = tmp;		/* a prefix or suffix chapter */
	st->depth = 0;
	st->seen_chapter = true;
}

void
summary_parse(const char *text, size_t len, struct summary *s)
{
	struct state st = { .s = s };
	bool fence = false;
	unsigned no = 1;

	for (const char *p = text, *end = text + len; p < end; no++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		size_t at;

		indent_of(p, n, &at);
		if (n - at >= 3 && (!strncmp(p + at, "```", 3) ||
		    !strncmp(p + at, "~~~", 3)))
			fence = !fence;	/* code: not the book's order */
		else if (!fence)
			line(&st, p, n, no);
		p = nl ? nl + 1 : end;
	}
}

void
summary_release(struct summary *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->v[i].title);
		free(s->v[i].path);
		free(s->v[i].bad);
		free(s->v[i].num);
	}
	free(s->v);
	free(s->title);
	s->title = NULL;
	s->v = NULL;
	s->n = 0;
}
