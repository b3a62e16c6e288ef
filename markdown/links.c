/* links.c - the links of a Markdown page and where they are written */
#include "links.h"

#include <md4c.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "frontmatter.h"
#include "heading.h"
#include "xalloc.h"
#include "banned.h"

#define MAX_PENDING 16		/* links nested in links, awaiting text */
#define BACK_MAX 256		/* how far a '[' may be before its text */
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

struct scan {
	const char *base;	/* the whole file */
	size_t len;
	struct md_links *out;
	size_t cur_off, cur_ls;	/* a line cursor: an offset, its line's start */
	unsigned cur_line;
	const char *prev_end;	/* end of the last text seen in the file */
	struct { size_t idx; int depth; const char *href; } pend[MAX_PENDING];
	size_t npend;
	int depth;		/* links and images entered */
	struct tagscan tag;
};

static bool
inside(const struct scan *s, const char *p)
{
	return p && p >= s->base && p < s->base + s->len;
}

/* Line and column of p (in the file) into l, moving the cursor on. */
static void
locate(struct scan *s, const char *p, struct md_link *l)
{
	size_t off = (size_t)(p - s->base);
	unsigned col = 1;

	if (off < s->cur_off) {
		s->cur_off = s->cur_ls = 0;
		s->cur_line = 1;
	}
	for (size_t i = s->cur_off; i < off; i++) {
		char c = s->base[i];

		if (c == '\n' || (c == '\r' && (i + 1 >= s->len ||
		    s->base[i + 1] != '\n'))) {
			s->cur_line++;
			s->cur_ls = i + 1;
		}
	}
	s->cur_off = off;
	for (size_t i = s->cur_ls; i < off; i++)
		col += ((unsigned char)s->base[i] & 0xc0) != 0x80;
	l->line = s->cur_line;
	l->col = col;
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

/* md4c-html's URL escaping: what an attribute's reader gets back. */
static void
url_escape(struct buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		char e[3] = { '%', hex[c >> 4], hex[c & 15] };

		if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z') || c == '&' ||
		    (c && strchr("-_.+!*(),%#@?=;:/$", c)))
			buf_add(b, s + i, 1);
		else
			buf_add(b, e, 3);
	}
}

/* An MD_ATTRIBUTE as md4c-html writes it, read back: a new string. */
static char *
decode_attr(const MD_ATTRIBUTE *a)
{
	struct buf raw = BUF_INIT, b = BUF_INIT;

	for (int i = 0; a->substr_offsets[i] < a->size; i++) {
		const char *t = a->text + a->substr_offsets[i];
		size_t n = a->substr_offsets[i + 1] - a->substr_offsets[i];

		if (a->substr_types[i] == MD_TEXT_ENTITY)
			heading_add_entity(&raw, t, n);
		else if (a->substr_types[i] == MD_TEXT_NULLCHAR)
			buf_adds(&raw, "\xef\xbf\xbd");
		else
			buf_add(&raw, t, n);
	}
	url_escape(&b, raw.p ? raw.p : "", raw.len);
	buf_terminate(&b);
	free(raw.p);
	return b.p;
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

static void
end_value(struct scan *s)
{
	struct tagscan *t = &s->tag;

	if (link_attr(t->name, t->aname) && inside(s, t->tag)) {
		struct md_link *l = add_link(s->out,
		    decode_html(t->value.p ? t->value.p : "", t->value.len),
		    MD_LINK_HTML);

		locate(s, t->tag, l);
	}
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
				end_value(s);
			else
				buf_add(&t->value, &c, 1);
			break;
		case T_UVALUE:
			if (space(c) || c == '>') {
				end_value(s);
				if (c == '>')
					t->st = T_TEXT;
			} else {
				buf_add(&t->value, &c, 1);
			}
			break;
		}
	}
}

/* The '[' (or "![") opening a link whose text starts at p, searching back
 * no further than lo; NULL if there is none. */
static const char *
find_open(const char *p, const char *lo, bool img)
{
	if (p - lo > BACK_MAX)
		lo = p - BACK_MAX;
	for (const char *q = p - 1; q >= lo; q--)
		if (*q == '[')
			return img && q > lo && q[-1] == '!' ? q - 1 : img ?
			    NULL : q;
	return NULL;
}

/* The first text of the pending links' spans starts at p: place them. */
static void
resolve_pending(struct scan *s, const char *p)
{
	const char *lo = s->prev_end ? s->prev_end : s->base;

	while (s->npend) {
		size_t i = --s->npend;
		struct md_link *l = &s->out->v[s->pend[i].idx];
		const char *at = find_open(p, lo, l->kind == MD_LINK_IMG);

		if (!at && l->kind == MD_LINK_A)	/* an autolink */
			at = p > lo && p[-1] == '<' ? p - 1 : p;
		if (!at)
			at = p;
		locate(s, at, l);
		p = at;
	}
}

/* A link without text: by its destination ([](x)), else by what came
 * before it. */
static void
resolve_empty(struct scan *s)
{
	size_t i = --s->npend;
	struct md_link *l = &s->out->v[s->pend[i].idx];
	const char *h = s->pend[i].href, *lo = s->prev_end ? s->prev_end
					     : s->base, *at = NULL;

	if (inside(s, h) && h > lo) {
		at = find_open(h, lo, l->kind == MD_LINK_IMG);
		for (const char *q = at ? at + 1 + (*at == '!') : NULL;
		    q && q < h; q++)	/* only "](" and spaces between */
			if (!strchr("]( \t<", *q))
				at = NULL;
	}
	locate(s, at ? at : s->prev_end ? s->prev_end - 1 : s->base, l);
}

static int
enter_block(MD_BLOCKTYPE type, void *detail, void *arg)
{
	return 0;
}

static int
leave_block(MD_BLOCKTYPE type, void *detail, void *arg)
{
	struct scan *s = arg;

	s->tag.st = T_TEXT;	/* a tag does not outlive its block */
	return 0;
}

static int
enter_span(MD_SPANTYPE type, void *detail, void *arg)
{
	struct scan *s = arg;
	const MD_ATTRIBUTE *a;
	struct md_link *l;

	if (type != MD_SPAN_A && type != MD_SPAN_IMG)
		return 0;
	a = type == MD_SPAN_A ? &((MD_SPAN_A_DETAIL *)detail)->href
			      : &((MD_SPAN_IMG_DETAIL *)detail)->src;
	l = add_link(s->out, decode_attr(a), type == MD_SPAN_A ? MD_LINK_A
							       : MD_LINK_IMG);
	s->depth++;
	if (s->npend == MAX_PENDING) {
		locate(s, s->prev_end ? s->prev_end - 1 : s->base, l);
		return 0;
	}
	s->pend[s->npend].idx = (size_t)(l - s->out->v);
	s->pend[s->npend].depth = s->depth;
	s->pend[s->npend].href = a->text;
	s->npend++;
	return 0;
}

static int
leave_span(MD_SPANTYPE type, void *detail, void *arg)
{
	struct scan *s = arg;

	if (type != MD_SPAN_A && type != MD_SPAN_IMG)
		return 0;
	if (s->npend && s->pend[s->npend - 1].depth == s->depth)
		resolve_empty(s);
	s->depth--;
	return 0;
}

static int
text(MD_TEXTTYPE type, const MD_CHAR *t, MD_SIZE n, void *arg)
{
	struct scan *s = arg;

	if (!inside(s, t))
		return 0;
	if (s->npend)
		resolve_pending(s, t);
	if (type == MD_TEXT_HTML) {
		if (s->prev_end && t > s->prev_end)
			scan_html(s, " ", 1);	/* the line break between */
		scan_html(s, t, n);
	}
	s->prev_end = t + n;
	return 0;
}

void
md_links_scan(const char *md, size_t len, struct md_links *out)
{
	struct scan s = { .base = md, .len = len, .out = out, .cur_line = 1 };
	struct front_matter fm;
	MD_PARSER parser = {
		.abi_version = 0,
		.flags = MD_DIALECT_GITHUB,
		.enter_block = enter_block,
		.leave_block = leave_block,
		.enter_span = enter_span,
		.leave_span = leave_span,
		.text = text,
	};
	const char *body;
	size_t body_len;

	fm_parse(md, len, &fm);
	body = fm.body;
	body_len = fm.body_len;
	if (body_len >= 3 && !memcmp(body, "\xef\xbb\xbf", 3))
		body += 3, body_len -= 3;	/* as md_html's SKIP_UTF8_BOM */
	if (body > md)
		s.prev_end = body;
	md_parse(body, (MD_SIZE)body_len, &parser, &s);
	fm_release(&fm);
	free(s.tag.value.p);
}

void
md_links_scan_html(const char *html, size_t len, struct md_links *out)
{
	struct scan s = { .base = html, .len = len, .out = out, .cur_line = 1 };

	scan_html(&s, html, len);
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
