/* links.c - the links of a Markdown page and where they are written */
#include "links.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "frontmatter.h"
#include "heading.h"
#include "gfm.h"
#include "xalloc.h"
#include "banned.h"

#define NEEDLE_MAX 40		/* bytes of a tag sought in its source line */
#define NAME_MAX_LEN 16		/* tag and attribute names we care for */

/* Where a raw-HTML scan is: in text, in a tag, in an attribute... */
enum tag_state {
	T_TEXT, T_OPEN, T_NAME, T_ATTRS, T_ANAME, T_AFTER_NAME, T_BEFORE_VALUE,
	T_QVALUE, T_UVALUE, T_COMMENT, T_SKIP
};

struct tagscan {
	enum tag_state st;
	char name[NAME_MAX_LEN + 1], aname[NAME_MAX_LEN + 1];
	size_t nlen, alen;
	char quote;
	const char *tag;	/* the tag's '<' */
	struct buf value;
	int dashes;		/* in a comment: '-' seen in a row */
};

/*
 * Where positions are found. Text cmark copied (raw HTML's literal, with a
 * list's or a quote's prefix gone from its lines) is placed back in the
 * file by its line (cmark's) and by finding it on that line; the cursor
 * (last_line, last) keeps two equal tags of one line apart.
 */
struct scan {
	const char *base;	/* the whole file */
	size_t len;
	size_t *lines;		/* the offset of each line's start */
	unsigned nlines;
	unsigned line0;		/* the file's line of the body's first */
	struct md_links *out;
	unsigned last_line;	/* where the last link was placed */
	const char *last;
	const char *lit;	/* the raw HTML being scanned (a copy) */
	unsigned lit_line;	/* the file's line of its first line */
	const char *lit_at;	/* where it starts in the file, if known */
	unsigned blk_line;	/* the file's line of the current block */
	struct tagscan tag;
};

static void
index_lines(struct scan *s)
{
	size_t cap = 64;

	s->lines = xmalloc(cap * sizeof *s->lines);
	s->lines[0] = 0;
	s->nlines = 1;
	for (size_t i = 0; i < s->len; i++) {
		char c = s->base[i];

		if (c == '\n' || (c == '\r' && (i + 1 >= s->len ||
		    s->base[i + 1] != '\n'))) {
			if (s->nlines == cap) {
				cap *= 2;
				s->lines = xrealloc(s->lines,
				    cap * sizeof *s->lines);
			}
			s->lines[s->nlines++] = i + 1;
		}
	}
}

/* Line n (1-based) of the file: its start, its length (no line end). */
static const char *
line_at(const struct scan *s, unsigned n, size_t *len)
{
	size_t a, b;

	if (n < 1)
		n = 1;
	if (n > s->nlines)
		n = s->nlines;
	a = s->lines[n - 1];
	b = n < s->nlines ? s->lines[n] : s->len;
	while (b > a && (s->base[b - 1] == '\n' || s->base[b - 1] == '\r'))
		b--;
	*len = b - a;
	return s->base + a;
}

/* Give l line n and the column of p on it (characters, 1-based). */
static void
place(struct scan *s, struct md_link *l, unsigned n, const char *p)
{
	size_t len;
	const char *ls = line_at(s, n, &len);
	unsigned col = 1;

	for (const char *q = ls; q < p && q < ls + len; q++)
		col += ((unsigned char)*q & 0xc0) != 0x80;
	l->line = n < 1 ? 1 : n > s->nlines ? s->nlines : n;
	l->col = col;
	s->last_line = l->line;
	s->last = p;
}

/* Find needle (n bytes) on line ln, after the last placement if that was
 * on this line, else anywhere on it; NULL if it is not there. */
static const char *
seek(const struct scan *s, unsigned ln, const char *needle, size_t n)
{
	size_t len;
	const char *ls = line_at(s, ln, &len), *from = ls, *r;

	if (!n)
		return NULL;
	if (s->last_line == ln && s->last >= ls && s->last < ls + len)
		from = s->last + 1;
	r = memmem(from, (size_t)(ls + len - from), needle, n);
	if (!r && from != ls)
		r = memmem(ls, len, needle, n);
	return r;
}

static struct md_link *
add_link(struct md_links *out, char *href, enum md_link_kind kind)
{
	struct md_link *l;

	if (out->n == out->alloc) {
		out->alloc = out->alloc ? out->alloc * 2 : 16;
		out->v = xrealloc(out->v, out->alloc * sizeof *out->v);
	}
	l = &out->v[out->n++];
	*l = (struct md_link){ href, 0, 0, kind };
	return l;
}

/* cmark-gfm's URL escaping (houdini's href escape), read back by an
 * HTML parser: '&' and '\'' are written as entities, so they come back. */
static void
url_escape(struct buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		char e[3] = { '%', hex[c >> 4], hex[c & 15] };

		if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z') ||
		    (c && strchr("-_.+!*'(),%#@?=;:/$&~", c)))
			buf_add(b, s + i, 1);
		else
			buf_add(b, e, 3);
	}
}

/* Entities of an HTML attribute value decoded: a new string. */
static char *
decode_html(const char *s, size_t n)
{
	struct buf b = BUF_INIT;
	const char *end = s + n, *q;

	buf_terminate(&b);
	while (s < end) {
		if (*s == '&' && (q = memchr(s, ';', (size_t)(end - s))) &&
		    q - s < 12) {
			heading_add_entity(&b, s, (size_t)(q + 1 - s));
			s = q + 1;
		} else {
			buf_add(&b, s++, 1);
		}
	}
	return b.p;
}

/* Is attribute a of tag t a link (the ones tend check follows)? */
static bool
link_attr(const char *t, const char *a)
{
	static const struct { const char *tag, *attr; } links[] = {
		{ "a", "href" }, { "img", "src" }, { "area", "href" },
		{ "link", "href" }, { "script", "src" }, { "iframe", "src" },
		{ "frame", "src" }, { "source", "src" }, { "video", "src" },
		{ "video", "poster" }, { "audio", "src" }, { "track", "src" },
		{ "embed", "src" }, { "object", "data" }, { "input", "src" },
	};

	for (size_t i = 0; i < sizeof links / sizeof *links; i++)
		if (!strcasecmp(t, links[i].tag) &&
		    !strcasecmp(a, links[i].attr))
			return true;
	return false;
}

/* The tag at t (in the literal) whose link attribute just ended: placed
 * in the file and added. */
static void
add_tag_link(struct scan *s, const char *t)
{
	struct tagscan *ts = &s->tag;
	struct md_link *l = add_link(s->out, decode_html(ts->value.p ?
	    ts->value.p : "", ts->value.len), MD_LINK_HTML);
	unsigned ln = s->lit_line;
	const char *bol = s->lit, *at;
	size_t n;

	for (const char *q = s->lit; q < t; q++)
		if (*q == '\n') {
			ln++;
			bol = q + 1;
		}
	if (s->lit_at) {	/* the literal is the file: exact */
		size_t off = (size_t)(t - s->lit), lo = 0, hi = s->nlines;

		while (hi - lo > 1) {	/* the last line starting <= off */
			size_t mid = (lo + hi) / 2;

			if (s->lines[mid] <= off)
				lo = mid;
			else
				hi = mid;
		}
		place(s, l, (unsigned)lo + 1, s->lit_at + off);
		return;
	}
	n = strcspn(t, "\r\n");
	at = seek(s, ln, t, n < NEEDLE_MAX ? n : NEEDLE_MAX);
	if (!at) {
		size_t len;
		const char *ls = line_at(s, ln, &len);

		at = ls + ((size_t)(t - bol) < len ? (size_t)(t - bol) : len);
	}
	place(s, l, ln, at);
}

static void
end_value(struct scan *s, const char *p)
{
	struct tagscan *t = &s->tag;

	if (link_attr(t->name, t->aname))
		add_tag_link(s, t->tag);
	t->value.len = 0;
	t->st = T_ATTRS;
}

static bool
space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static void
add_name(char *name, size_t *n, char c)
{
	if (*n < NAME_MAX_LEN)
		name[(*n)++] = c;
	name[*n] = '\0';
}

/* Feed raw HTML (n bytes at p, in the file) to the tag scanner. */
static void
scan_html(struct scan *s, const char *p, size_t n)
{
	struct tagscan *t = &s->tag;

	for (size_t i = 0; i < n; i++) {
		char c = p[i];

		switch (t->st) {
		case T_TEXT:
			if (c == '<') {
				t->st = T_OPEN;
				t->tag = p + i;
				t->nlen = 0;
				t->name[0] = '\0';
			}
			break;
		case T_OPEN:
			if (c == '!' && i + 2 < n && p[i + 1] == '-' &&
			    p[i + 2] == '-') {
				t->st = T_COMMENT;
				t->dashes = 0;
				i += 2;
			} else if ((c >= 'a' && c <= 'z') ||
			    (c >= 'A' && c <= 'Z')) {
				add_name(t->name, &t->nlen, c);
				t->st = T_NAME;
			} else if (c == '/' || c == '!' || c == '?') {
				t->st = T_SKIP;	/* </x>, <!doctype>, <?x?> */
			} else if (c == '<') {
				t->tag = p + i;
			} else {
				t->st = T_TEXT;	/* "a < b": not a tag */
			}
			break;
		case T_SKIP:
			if (c == '>')
				t->st = T_TEXT;
			break;
		case T_COMMENT:
			if (c == '>' && t->dashes >= 2)
				t->st = T_TEXT;
			t->dashes = c == '-' ? t->dashes + 1 : 0;
			break;
		case T_NAME:
			if (c == '>')
				t->st = T_TEXT;
			else if (space(c) || c == '/')
				t->st = T_ATTRS;
			else
				add_name(t->name, &t->nlen, c);
			break;
		case T_ATTRS:
		case T_AFTER_NAME:
			if (c == '>') {
				t->st = T_TEXT;
			} else if (c == '=' && t->st == T_AFTER_NAME) {
				t->st = T_BEFORE_VALUE;
			} else if (!space(c) && c != '/') {
				t->alen = 0;
				add_name(t->aname, &t->alen, c);
				t->st = T_ANAME;
			}
			break;
		case T_ANAME:
			if (c == '>')
				t->st = T_TEXT;
			else if (c == '=')
				t->st = T_BEFORE_VALUE;
			else if (space(c) || c == '/')
				t->st = T_AFTER_NAME;
			else
				add_name(t->aname, &t->alen, c);
			break;
		case T_BEFORE_VALUE:
			if (c == '>') {
				t->st = T_TEXT;
			} else if (c == '"' || c == '\'') {
				t->quote = c;
				t->st = T_QVALUE;
				t->value.len = 0;
			} else if (!space(c)) {
				t->value.len = 0;
				buf_add(&t->value, &c, 1);
				t->st = T_UVALUE;
			}
			break;
		case T_QVALUE:
			if (c == t->quote)
				end_value(s, p + i);
			else
				buf_add(&t->value, &c, 1);
			break;
		case T_UVALUE:
			if (space(c) || c == '>') {
				end_value(s, p + i);
				if (c == '>')
					t->st = T_TEXT;
			} else {
				buf_add(&t->value, &c, 1);
			}
			break;
		}
	}
}

/* The first text of node n's subtree (an autolink's shown URL), or "". */
static const char *
first_text(cmark_node *n)
{
	for (cmark_node *c = cmark_node_first_child(n); c;
	    c = cmark_node_first_child(c))
		if (cmark_node_get_type(c) == CMARK_NODE_TEXT)
			return cmark_node_get_literal(c);
	return "";
}

/* Is the link n an autolink (its text is its URL, or the URL less the
 * scheme GitHub adds to www. and e-mail addresses)? */
static bool
is_autolink(cmark_node *n, const char *text)
{
	const char *url = cmark_node_get_url(n);
	size_t tl = strlen(text), ul = url ? strlen(url) : 0;

	return *text && ul >= tl && !strcmp(url + ul - tl, text) &&
	    (ul == tl || !strncmp(url, "mailto:", ul - tl) ||
	    !strncmp(url, "http://", ul - tl));
}

/* Place the link or image node n (cmark's position: line ln, byte col). */
static void
place_link(struct scan *s, struct md_link *l, cmark_node *n, unsigned ln,
    int col)
{
	bool img = l->kind == MD_LINK_IMG;
	const char *text = first_text(n), *at = NULL;
	bool autol = !img && is_autolink(n, text);
	struct buf b = BUF_INIT;
	size_t len;
	const char *ls;

	if (!ln)
		ln = s->blk_line;	/* cmark gave none: a bare autolink */
	ls = line_at(s, ln, &len);
	if (col >= 1 && (size_t)col <= len) {
		const char *p = ls + col - 1;

		if (img ? *p == '!' : *p == '[' || (autol && (*p == '<' ||
		    !strncmp(p, text, strlen(text)))))
			at = p;
	}
	if (!at && autol) {	/* an autolink: <url>, then url */
		buf_adds(&b, "<");
		buf_adds(&b, text);
		at = seek(s, ln, b.p, b.len);
		if (!at)
			at = seek(s, ln, text, strlen(text));
		free(b.p);
	}
	if (!at)
		at = seek(s, ln, img ? "![" : "[", img ? 2 : 1);
	if (!at)
		at = col >= 1 && (size_t)col <= len ? ls + col - 1 :
		    s->last_line == ln ? s->last : ls;
	place(s, l, ln, at);
}

/* The raw HTML node n (literal lit): its tags' links. */
static void
scan_node_html(struct scan *s, const char *lit, unsigned ln)
{
	s->tag.st = T_TEXT;	/* a tag does not outlive its node */
	s->lit = lit;
	s->lit_line = ln;
	s->lit_at = NULL;
	scan_html(s, lit, strlen(lit));
	s->tag.st = T_TEXT;
}

static void
walk(struct scan *s, cmark_node *root)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		int line = cmark_node_get_start_line(n);
		unsigned ln = line > 0 ? s->line0 + (unsigned)line - 1 : 0;
		const char *url, *lit;
		struct md_link *l;
		struct buf b = BUF_INIT;

		if (ev != CMARK_EVENT_ENTER)
			continue;
		if ((t & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK && ln)
			s->blk_line = ln;
		switch (t) {
		case CMARK_NODE_LINK:
		case CMARK_NODE_IMAGE:
			url = cmark_node_get_url(n);
			url_escape(&b, url ? url : "", url ? strlen(url) : 0);
			buf_terminate(&b);
			l = add_link(s->out, b.p, t == CMARK_NODE_IMAGE ?
			    MD_LINK_IMG : MD_LINK_A);
			place_link(s, l, n, ln, cmark_node_get_start_column(n));
			break;
		case CMARK_NODE_HTML_BLOCK:
		case CMARK_NODE_HTML_INLINE:
			if ((lit = cmark_node_get_literal(n)))
				scan_node_html(s, lit, ln ? ln : s->blk_line);
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
}

void
md_links_from_tree(cmark_node *root, const char *md, size_t len,
    const char *body, struct md_links *out)
{
	struct scan s = { .base = md, .len = len, .out = out, .line0 = 1 };

	index_lines(&s);
	for (const char *p = md; p < body && p < md + len; p++)
		s.line0 += *p == '\n' || (*p == '\r' && (p + 1 >= md + len ||
		    p[1] != '\n'));
	s.blk_line = s.line0;
	walk(&s, root);
	free(s.lines);
	free(s.tag.value.p);
}

void
md_links_scan(const char *md, size_t len, struct md_links *out)
{
	struct front_matter fm;
	struct gfm_doc *d;

	fm_parse(md, len, &fm);
	d = gfm_take(fm.body, fm.body_len);	/* page_render()'s tree */
	if (!d)
		d = gfm_parse(fm.body, fm.body_len);
	md_links_from_tree(gfm_root(d), md, len, fm.body, out);
	gfm_free(d);
	fm_release(&fm);
}

void
md_links_scan_html(const char *html, size_t len, struct md_links *out)
{
	struct scan s = { .base = html, .len = len, .out = out, .line0 = 1,
		.lit = html, .lit_line = 1, .lit_at = html };

	index_lines(&s);
	scan_html(&s, html, len);
	free(s.lines);
	free(s.tag.value.p);
}

void
md_links_clear(struct md_links *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].href);
	free(l->v);
	*l = (struct md_links)MD_LINKS_INIT;
}
