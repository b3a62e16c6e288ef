/* page.c - Markdown page rendering through md4c-html and a layout */
#include "page.h"

#include <ctype.h>
#include <md4c-html.h>
#include <md4c.h>
#include <stdbool.h>
#include <stdlib.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "xalloc.h"

const char page_default_layout[] =
"<!doctype html>\n"
"<html lang=\"en\">\n"
"<head>\n"
"<meta charset=\"utf-8\">\n"
"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
"<title>{{ title }}</title>\n"
"<style>\n"
"body{max-width:46rem;margin:2rem auto;padding:0 1rem;"
"font:16px/1.6 system-ui,sans-serif;color:#1f2328}\n"
"a{color:#0969da}pre,code{font:14px ui-monospace,monospace;"
"background:#f6f8fa}pre{padding:1rem;overflow:auto}\n"
"table{border-collapse:collapse}td,th{border:1px solid #d0d7de;"
"padding:.3rem .6rem}img{max-width:100%}\n"
"</style>\n"
"</head>\n"
"<body>\n"
"<main>\n{{ content }}</main>\n"
"</body>\n"
"</html>\n";

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

/* The value of a `title:` line, unquoted, as a new string; or NULL. */
static char *
title_value(const char *s, size_t n)
{
	if (n < 6 || strncasecmp(s, "title:", 6))
		return NULL;
	s += 6;
	n -= 6;
	while (n && isspace((unsigned char)*s))
		s++, n--;
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	if (n >= 2 && (s[0] == '"' || s[0] == '\'') && s[n - 1] == s[0])
		s++, n -= 2;
	return n ? xstrndup(s, n) : NULL;
}

char *
page_front_matter(const char *md, size_t len, const char **body,
    size_t *body_len)
{
	const char *end = md + len, *p;
	char *title = NULL;

	*body = md;
	*body_len = len;
	if (!len || !is_marker(md, line_len(md, end), "---"))
		return NULL;
	for (p = md + line_len(md, end) + 1; p < end;) {
		size_t n = line_len(p, end);

		if (is_marker(p, n, "---") || is_marker(p, n, "...")) {
			p += n < (size_t)(end - p) ? n + 1 : n;
			*body = p;
			*body_len = (size_t)(end - p);
			return title;
		}
		if (!title)
			title = title_value(p, n);
		p += n + 1;
	}
	free(title);		/* never closed: not front matter */
	return NULL;
}

/* md_parse callbacks collecting the first heading's text. */
struct heading_state {
	struct buf text;
	int depth;		/* >0 inside the first heading */
	bool done;
};

static int
enter_block(MD_BLOCKTYPE type, void *detail, void *arg)
{
	struct heading_state *h = arg;

	if (type == MD_BLOCK_H && !h->done)
		h->depth = 1;
	return 0;
}

static int
leave_block(MD_BLOCKTYPE type, void *detail, void *arg)
{
	struct heading_state *h = arg;

	if (type == MD_BLOCK_H && h->depth) {
		h->depth = 0;
		h->done = true;
		return 1;	/* stop parsing: we have it */
	}
	return 0;
}

static int
span(MD_SPANTYPE type, void *detail, void *arg)
{
	return 0;
}

/* Append code point cp as UTF-8. */
static void
add_utf8(struct buf *b, unsigned long cp)
{
	char u[4];

	if (cp == 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		cp = 0xfffd;
	if (cp < 0x80) {
		u[0] = (char)cp;
		buf_add(b, u, 1);
	} else if (cp < 0x800) {
		u[0] = (char)(0xc0 | cp >> 6);
		u[1] = (char)(0x80 | (cp & 0x3f));
		buf_add(b, u, 2);
	} else if (cp < 0x10000) {
		u[0] = (char)(0xe0 | cp >> 12);
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f));
		buf_add(b, u, 3);
	} else {
		u[0] = (char)(0xf0 | cp >> 18);
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[3] = (char)(0x80 | (cp & 0x3f));
		buf_add(b, u, 4);
	}
}

/* Decode an entity ("&amp;", "&#169;", "&#xA9;") into plain text. */
static void
add_entity(struct buf *b, const char *t, size_t n)
{
	static const struct { const char *name, *text; } names[] = {
		{ "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" },
		{ "&quot;", "\"" }, { "&apos;", "'" }, { "&nbsp;", "\xc2\xa0" },
		{ "&copy;", "\xc2\xa9" }, { "&reg;", "\xc2\xae" },
		{ "&mdash;", "\xe2\x80\x94" }, { "&ndash;", "\xe2\x80\x93" },
		{ "&hellip;", "\xe2\x80\xa6" },
	};

	if (n > 3 && t[1] == '#') {
		bool hex = t[2] == 'x' || t[2] == 'X';

		add_utf8(b, strtoul(t + (hex ? 3 : 2), NULL, hex ? 16 : 10));
		return;
	}
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (strlen(names[i].name) == n && !memcmp(t, names[i].name, n)) {
			buf_adds(b, names[i].text);
			return;
		}
	buf_add(b, t, n);	/* unknown: keep it as written */
}

/* Collect the heading's plain text: entities decoded, raw HTML dropped,
 * line breaks as spaces. */
static int
text(MD_TEXTTYPE type, const MD_CHAR *t, MD_SIZE n, void *arg)
{
	struct heading_state *h = arg;

	if (!h->depth)
		return 0;
	switch (type) {
	case MD_TEXT_NULLCHAR:
	case MD_TEXT_HTML:
		break;
	case MD_TEXT_ENTITY:
		add_entity(&h->text, t, n);
		break;
	case MD_TEXT_BR:
	case MD_TEXT_SOFTBR:
		buf_adds(&h->text, " ");
		break;
	default:
		buf_add(&h->text, t, n);
	}
	return 0;
}

char *
page_first_heading(const char *md, size_t len)
{
	struct heading_state h = { BUF_INIT, 0, false };
	MD_PARSER parser = {
		.abi_version = 0,
		.flags = MD_DIALECT_GITHUB,
		.enter_block = enter_block,
		.leave_block = leave_block,
		.enter_span = span,
		.leave_span = span,
		.text = text,
	};

	md_parse(md, (MD_SIZE)len, &parser, &h);
	if (h.done && h.text.len)
		return h.text.p;
	free(h.text.p);
	return NULL;
}

/* Does this href value point to a local .md file? (scheme-less, relative) */
static size_t
md_link_end(const char *v, size_t n)
{
	size_t path = strcspn(v, "?#\"'");
	const char *colon = memchr(v, ':', n);

	if (path > n)
		path = n;
	if (colon && (size_t)(colon - v) < path)
		return 0;	/* http:, mailto:, ... */
	if (n >= 2 && v[0] == '/' && v[1] == '/')
		return 0;	/* //host/... */
	if (path >= 3 && !strncasecmp(v + path - 3, ".md", 3))
		return path;
	return 0;
}

char *
page_rewrite_links(const char *html, size_t len, size_t *out_len)
{
	struct buf b = BUF_INIT;
	const char *p = html, *end = html + len;

	buf_terminate(&b);
	while (p < end) {
		const char *h = memmem(p, (size_t)(end - p), "href=", 5);
		const char *v, *q;
		size_t pathlen;

		if (!h || h + 5 >= end) {
			buf_add(&b, p, (size_t)(end - p));
			break;
		}
		if (h[5] != '"' && h[5] != '\'') {
			buf_add(&b, p, (size_t)(h + 5 - p));
			p = h + 5;
			continue;
		}
		v = h + 6;
		q = memchr(v, h[5], (size_t)(end - v));
		if (!q)
			q = end;
		pathlen = md_link_end(v, (size_t)(q - v));
		if (!pathlen) {
			buf_add(&b, p, (size_t)(v - p));
			p = v;
			continue;
		}
		buf_add(&b, p, (size_t)(v - p) + pathlen - 3);
		buf_adds(&b, ".html");
		p = v + pathlen;
	}
	*out_len = b.len;
	return b.p;
}

/* If p starts a {{ name }} placeholder, its length and name; else 0. */
static size_t
placeholder(const char *p, const char **name, size_t *namelen)
{
	const char *q = p + 2;

	if (p[0] != '{' || p[1] != '{')
		return 0;
	while (*q == ' ')
		q++;
	*name = q;
	while (isalnum((unsigned char)*q) || *q == '_')
		q++;
	*namelen = (size_t)(q - *name);
	while (*q == ' ')
		q++;
	if (!*namelen || q[0] != '}' || q[1] != '}')
		return 0;
	return (size_t)(q + 2 - p);
}

/* Fill the layout. */
static void
apply_layout(struct buf *b, const char *layout, const char *title,
    const char *content, size_t content_len, const char *root)
{
	for (const char *p = layout; *p;) {
		const char *next = strstr(p, "{{"), *name;
		size_t n, namelen;

		if (!next) {
			buf_adds(b, p);
			break;
		}
		buf_add(b, p, (size_t)(next - p));
		n = placeholder(next, &name, &namelen);
		if (n && namelen == 5 && !memcmp(name, "title", 5))
			buf_add_html(b, title);
		else if (n && namelen == 7 && !memcmp(name, "content", 7))
			buf_add(b, content, content_len);
		else if (n && namelen == 4 && !memcmp(name, "root", 4))
			buf_adds(b, root);
		else
			buf_add(b, next, n ? n : 2);
		p = next + (n ? n : 2);
	}
}

static void
collect_html(const MD_CHAR *t, MD_SIZE n, void *arg)
{
	buf_add(arg, t, n);
}

int
page_render(const char *md, size_t len, const char *layout, const char *root,
    const char *fallback_title, struct page *out)
{
	struct buf html = BUF_INIT, page = BUF_INIT;
	const char *body;
	size_t body_len, linked_len;
	char *title = page_front_matter(md, len, &body, &body_len), *linked;

	if (!title)
		title = page_first_heading(body, body_len);
	if (!title)
		title = xstrdup(fallback_title);
	buf_terminate(&html);
	if (md_html(body, (MD_SIZE)body_len, collect_html, &html,
	    MD_DIALECT_GITHUB, MD_HTML_FLAG_SKIP_UTF8_BOM) != 0) {
		free(html.p);
		free(title);
		return -1;
	}
	linked = page_rewrite_links(html.p, html.len, &linked_len);
	free(html.p);
	buf_terminate(&page);
	apply_layout(&page, layout ? layout : page_default_layout, title,
	    linked, linked_len, root);
	free(linked);
	out->title = title;
	out->html = page.p;
	out->len = page.len;
	return 0;
}

void
page_release(struct page *p)
{
	free(p->title);
	free(p->html);
	p->title = p->html = NULL;
	p->len = 0;
}
