/* page.c - Markdown page rendering through md4c-html and a layout */
#include "page.h"

#include <md4c-html.h>
#include <md4c.h>
#include <stdio.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "admonition.h"
#include "buf.h"
#include "callout.h"
#include "frontmatter.h"
#include "heading.h"
#include "highlight.h"
#include "pagewarn.h"
#include "xalloc.h"
#include "banned.h"

#define README "readme"	/* .md, in any case: becomes index.html */
#define HREF "href="		/* md4c writes href="..." */
#define HREF_LEN (sizeof HREF - 1)
#define TOC_FROM 2		/* {{ toc }} lists the <h2> ... */
#define TOC_TO 3		/* ... and <h3> headings */

/* md_parse callbacks collecting the first heading's text. */
struct heading_state {
	struct buf text;
	struct buf alt;		/* its images' alt text */
	int depth;		/* >0 inside the first heading */
	int img;		/* >0 inside an image (a badge): alt text */
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
enter_span(MD_SPANTYPE type, void *detail, void *arg)
{
	struct heading_state *h = arg;

	h->img += type == MD_SPAN_IMG;
	return 0;
}

static int
leave_span(MD_SPANTYPE type, void *detail, void *arg)
{
	struct heading_state *h = arg;

	h->img -= type == MD_SPAN_IMG;
	return 0;
}

/* Collect the heading's plain text: entities decoded, raw HTML dropped,
 * line breaks as spaces, images' alt text (badges) apart. */
static int
text(MD_TEXTTYPE type, const MD_CHAR *t, MD_SIZE n, void *arg)
{
	struct heading_state *h = arg;
	struct buf *b = h->img ? &h->alt : &h->text;

	if (!h->depth)
		return 0;
	switch (type) {
	case MD_TEXT_NULLCHAR:
	case MD_TEXT_HTML:
		break;
	case MD_TEXT_ENTITY:
		heading_add_entity(b, t, n);
		break;
	case MD_TEXT_BR:
	case MD_TEXT_SOFTBR:
		buf_adds(b, " ");
		break;
	default:
		buf_add(b, t, n);
	}
	return 0;
}

/* Collapse runs of spaces in t to one, and drop them at both ends. */
static void
squeeze_spaces(struct buf *t)
{
	size_t j = 0;

	for (size_t i = 0; i < t->len; i++)
		if (t->p[i] != ' ' || (j && t->p[j - 1] != ' '))
			t->p[j++] = t->p[i];
	while (j && t->p[j - 1] == ' ')
		j--;
	t->len = j;
	if (t->p)
		t->p[j] = '\0';
}

/* Drop a trailing ` {#id}` from a heading's text. */
static void
drop_explicit_id(struct buf *t)
{
	char *open;

	if (!t->len || t->p[t->len - 1] != '}')
		return;
	open = strstr(t->p, "{#");
	if (!open || strchr(open + 2, '{') || strchr(open, ' '))
		return;
	while (open > t->p && open[-1] == ' ')
		open--;
	t->len = (size_t)(open - t->p);
	t->p[t->len] = '\0';
}

char *
page_first_heading(const char *md, size_t len)
{
	struct heading_state h = { BUF_INIT, BUF_INIT, 0, 0, false };
	MD_PARSER parser = {
		.abi_version = 0,
		.flags = MD_DIALECT_GITHUB,
		.enter_block = enter_block,
		.leave_block = leave_block,
		.enter_span = enter_span,
		.leave_span = leave_span,
		.text = text,
	};

	md_parse(md, (MD_SIZE)len, &parser, &h);
	squeeze_spaces(&h.text);
	if (h.done && h.text.len)
		drop_explicit_id(&h.text);
	if (h.done && !h.text.len) {	/* a heading that is an image */
		free(h.text.p);
		squeeze_spaces(&h.alt);
		h.text = h.alt;
		h.alt = (struct buf)BUF_INIT;
	}
	free(h.alt.p);
	if (h.done && h.text.len)
		return h.text.p;
	free(h.text.p);
	return NULL;
}

size_t
page_markdown_ext(const char *name, size_t n)
{
	static const char *const exts[] = { ".md", ".markdown" };

	for (size_t i = 0; i < sizeof exts / sizeof *exts; i++) {
		size_t e = strlen(exts[i]);

		if (n > e && !strncasecmp(name + n - e, exts[i], e))
			return e;
	}
	return 0;
}

bool
page_is_markdown(const char *name)
{
	return page_markdown_ext(name, strlen(name)) > 0;
}

char *
page_readable_name(const char *name, size_t n)
{
	char *t = xstrndup(name, n);

	for (char *c = t; *c; c++)
		if (*c == '-' || *c == '_')
			*c = ' ';
	if (*t >= 'a' && *t <= 'z')
		*t = (char)(*t - 'a' + 'A');
	return t;
}

char *
page_fallback_title(const char *rel)
{
	const char *b = strrchr(rel, '/'), *dir;
	size_t n;

	b = b ? b + 1 : rel;
	n = strlen(b);
	n -= page_markdown_ext(b, n);
	if ((n == 5 && !strncasecmp(b, "index", 5)) ||
	    (n == 6 && !strncasecmp(b, "readme", 6))) {
		if (b == rel)
			return xstrdup("Home");
		for (dir = b - 1; dir > rel && dir[-1] != '/'; dir--)
			;
		return page_readable_name(dir, (size_t)(b - 1 - dir));
	}
	return page_readable_name(b, n);
}

/* Does this href value point to a local .md file? The length of its path
 * (up to ? or #), or 0. */
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
	if (page_markdown_ext(v, path))
		return path;
	return 0;
}

char *
page_resolve(const char *dir, const char *v, size_t n)
{
	struct buf in = BUF_INIT, out = BUF_INIT;

	if (*v == '/')
		v++, n--;	/* site-absolute */
	else if (*dir) {
		buf_adds(&in, dir);
		buf_adds(&in, "/");
	}
	buf_add(&in, v, n);
	buf_terminate(&out);
	for (char *seg = in.p, *next; seg; seg = next) {
		next = strchr(seg, '/');
		if (next)
			*next++ = '\0';
		if (!*seg || !strcmp(seg, "."))
			continue;
		if (!strcmp(seg, "..")) {
			char *slash = out.len ? memrchr(out.p, '/', out.len)
					      : NULL;

			if (!out.len) {
				free(in.p);
				free(out.p);
				return NULL;
			}
			out.len = slash ? (size_t)(slash - out.p) : 0;
			out.p[out.len] = '\0';
			continue;
		}
		if (out.len)
			buf_adds(&out, "/");
		buf_adds(&out, seg);
	}
	free(in.p);
	return out.p;
}

/* The output name of a link to a .md whose path (n bytes) is v. */
static void
add_target(struct buf *b, const char *v, size_t n, const char *dir,
    page_link_fn *link, void *arg)
{
	const char *base = v + n, *out = NULL;
	bool readme;
	char *src;

	while (base > v && base[-1] != '/')
		base--;
	readme = (size_t)(v + n - base) - page_markdown_ext(v, n) ==
	    strlen(README) && !strncasecmp(base, README, strlen(README));
	buf_add(b, v, (size_t)(base - v));
	if (link && (src = page_resolve(dir, v, n))) {
		out = link(arg, src);
		free(src);
	}
	if (out) {
		const char *slash = strrchr(out, '/');

		buf_adds(b, slash ? slash + 1 : out);
	} else if (link) {
		/* No such page: GitHub answers 404 there, even for a README
		 * whose folder has an index.md; so does the site (the link is
		 * left as written, and tend check names the file it
		 * misses). */
		buf_add(b, base, (size_t)(v + n - base));
	} else if (readme) {
		buf_adds(b, "index.html");
	} else {
		buf_add(b, base, (size_t)(v + n - base) -
		    page_markdown_ext(v, n));
		buf_adds(b, ".html");
	}
}

char *
page_rewrite_links(const char *html, size_t len, const char *dir,
    page_link_fn *link, void *arg, size_t *out_len)
{
	struct buf b = BUF_INIT;
	const char *p = html, *end = html + len;

	buf_reserve(&b, len + len / 8);	/* a.md -> a.html: a little more */
	while (p < end) {
		const char *h = memmem(p, (size_t)(end - p), HREF, HREF_LEN);
		const char *v, *q;
		size_t pathlen;

		if (!h || h + HREF_LEN >= end) {
			buf_add(&b, p, (size_t)(end - p));
			break;
		}
		h += HREF_LEN;		/* the quote, if any */
		if (*h != '"' && *h != '\'') {
			buf_add(&b, p, (size_t)(h - p));
			p = h;
			continue;
		}
		v = h + 1;
		q = memchr(v, *h, (size_t)(end - v));
		if (!q)
			q = end;
		pathlen = md_link_end(v, (size_t)(q - v));
		buf_add(&b, p, (size_t)(v - p));
		p = v;
		if (pathlen) {
			add_target(&b, v, pathlen, dir, link, arg);
			p = v + pathlen;
		}
	}
	*out_len = b.len;
	return b.p;
}

static void
collect_html(const MD_CHAR *t, MD_SIZE n, void *arg)
{
	buf_add(arg, t, n);
}

/* The page's folder below SRC: a new string ("" at the root). */
static char *
dir_of(const char *rel)
{
	const char *slash = rel ? strrchr(rel, '/') : NULL;

	return slash ? xstrndup(rel, (size_t)(slash - rel)) : xstrdup("");
}

/* Does the page's HTML have an h1 (Markdown's `#`, or raw HTML)? */
static bool
has_h1(const struct buf *html)
{
	for (const char *s = html->p; s && (s = memmem(s, html->len -
	    (size_t)(s - html->p), "<h1", 3)); s += 3)
		if (s[3] == '>' || s[3] == ' ' || s[3] == '\t' || s[3] == '\n')
			return true;
	return false;
}

/*
 * In the built-in theme, a page whose body has no h1 (npm's command pages
 * start at "Synopsis") gets one of its front-matter title, before
 * heading_ids() gives it an id, as MkDocs' themes show the title.
 */
static void
add_title_h1(const struct page_in *in, const struct front_matter *fm,
    struct buf *html)
{
	const char *t = fm_get(fm, "title");
	struct buf h = BUF_INIT;

	if (!in->layout->title_h1 || !t || !*t || has_h1(html))
		return;
	buf_adds(&h, "<h1>");
	buf_add_html(&h, t);
	buf_adds(&h, "</h1>\n");
	buf_add(&h, html->p, html->len);
	free(html->p);
	*html = h;
}

/* The body as HTML (md4c, GitHub's dialect) appended to html, MkDocs'
 * admonitions expanded first (admonition.h); 0, or -1 if md4c failed. */
static int
to_html(const char *body, size_t len, struct buf *html)
{
	struct buf md = BUF_INIT;
	int r;

	if (admonition_maybe(body, len)) {
		buf_reserve(&md, len + 256);
		if (admonition_expand(body, len, &md)) {
			body = md.p;
			len = md.len;
		}
	}
	r = md_html(body, (MD_SIZE)len, collect_html, html,
	    MD_DIALECT_GITHUB, MD_HTML_FLAG_SKIP_UTF8_BOM);
	free(md.p);
	return r;
}

/* GitHub's alerts (callout.h) in place of their quotes. */
static void
add_alerts(struct buf *html)
{
	struct buf out = BUF_INIT;

	if (!html->len || !memmem(html->p, html->len, "<p>[!", 5))
		return;
	buf_reserve(&out, html->len + 256);
	if (!callout_alerts(html->p, html->len, &out)) {
		free(out.p);
		return;
	}
	free(html->p);
	*html = out;
}

int
page_render(const struct page_in *in, struct page *out)
{
	struct buf html = BUF_INIT, page = BUF_INIT, toc = BUF_INIT;
	struct headings hs = HEADINGS_INIT;
	struct front_matter fm;
	struct layout_vals v;
	size_t ids_len, linked_len;
	char *ids, *linked, *dir, *title;
	unsigned braces;
	const char *t;

	fm_parse(in->md, in->len, &fm);
	buf_reserve(&html, fm.body_len * 2 + 256);	/* tags and escapes */
	if (in->draft)
		buf_adds(&html, "<p class=\"draft-banner\" role=\"note\" "
		    "style=\"background:#fff8c5;color:#3b2e00;padding:.5rem "
		    "1rem;border-radius:6px\"><strong>Draft</strong>: served "
		    "by <code>tend serve</code>, left out of <code>tend "
		    "build</code> (unless <code>--drafts</code>)</p>\n");
	if (to_html(fm.body, fm.body_len, &html) != 0) {
		free(html.p);
		fm_release(&fm);
		return -1;
	}
	add_title_h1(in, &fm, &html);
	add_alerts(&html);
	highlight_buf(&html);
	braces = pagewarn_braces(in->rel, &fm, html.p, html.len, in->warn,
	    in->warn_arg);
	ids = heading_ids(html.p, html.len, &hs, &ids_len);
	free(html.p);
	dir = dir_of(in->rel);
	linked = page_rewrite_links(ids, ids_len, dir, in->link, in->link_arg,
	    &linked_len);
	free(ids);
	free(dir);
	if ((t = fm_get(&fm, "title")) && *t)
		title = xstrdup(t);
	else if (hs.n && *hs.v[0].text)
		title = xstrdup(hs.v[0].text);
	else
		title = xstrdup(in->fallback_title);
	if (layout_uses(in->layout, LAYOUT_TOC))
		heading_toc(&hs, TOC_FROM, TOC_TO, &toc);
	v = (struct layout_vals){ .page = in->rel, .title = title,
		.description = fm_get(&fm, "description"), .root = in->root,
		.toc = toc.p, .nav = in->nav, .prev = in->prev,
		.next = in->next, .content = linked, .content_len = linked_len,
		.fm = &fm, .site = in->site, .edit_url = in->edit_url,
		.source = in->source };
	out->warnings = layout_fill(in->layout, &v, &page, in->warn,
	    in->warn_arg) + braces + pagewarn_front_matter(in->rel, &fm,
	    in->warn, in->warn_arg);
	out->body = layout_uses(in->layout, LAYOUT_SEARCH) ? linked : NULL;
	out->body_len = out->body ? linked_len : 0;
	if (!out->body)
		free(linked);
	free(toc.p);
	headings_clear(&hs);
	fm_release(&fm);
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
	free(p->body);
	p->title = p->html = p->body = NULL;
	p->len = 0;
}
