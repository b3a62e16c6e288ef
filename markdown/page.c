/* page.c - Markdown page rendering (gfm.h: cmark-gfm) and a layout */
#include "page.h"

#include <stdio.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "admonition.h"
#include "buf.h"
#include "callout.h"
#include "emoji.h"
#include "frontmatter.h"
#include "heading.h"
#include "highlight.h"
#include "include.h"
#include "math.h"
#include "pagewarn.h"
#include "gfm.h"
#include "xalloc.h"
#include "banned.h"

#define README "readme"	/* .md, in any case: becomes index.html */
#define HREF "href="		/* cmark-gfm writes href="..." */
#define HREF_LEN (sizeof HREF - 1)
#define TOC_FROM 2		/* {{ toc }} lists the <h2> ... */
#define TOC_TO 3		/* ... and <h3> headings */

/* The end of the first line of md (len bytes) that may be or end a
 * heading: '#' after at most 3 spaces, or a line of '=' or '-' (a setext
 * underline); its line end included. md + len if there is none. */
static const char *
heading_line_end(const char *md, size_t len)
{
	const char *p = md, *end = md + len;

	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p)), *q = p;
		bool cand;

		eol = eol ? eol + 1 : end;
		while (q < eol && q - p < 3 && *q == ' ')
			q++;
		cand = q < eol && *q == '#';
		if (!cand && q < eol && (*q == '=' || *q == '-')) {
			char c = *q;

			while (q < eol && *q == c)
				q++;
			while (q < eol && (*q == ' ' || *q == '\t' ||
			    *q == '\r' || *q == '\n'))
				q++;
			cand = q == eol;
		}
		if (cand)
			return eol;
		p = eol;
	}
	return end;
}

/*
 * Parsing is most of a page's cost (gfm.h), and the first heading is
 * usually near the top: parse the text up to the first line that may make
 * a heading. Blocks before it read the same whatever follows (CommonMark
 * decides them line by line); only inline references can be defined later,
 * so a heading with a '[' in it, or none found (the line was in a code
 * block...), takes a parse of the whole text.
 */
char *
page_first_heading(const char *md, size_t len)
{
	const char *cut = heading_line_end(md, len);
	struct gfm_doc *d;
	char *t = NULL;

	if (cut < md + len) {
		d = gfm_parse(md, (size_t)(cut - md));
		t = gfm_first_heading(d);
		gfm_free(d);
		if (t && !strchr(t, '['))
			return t;
		free(t);
	}
	d = gfm_parse(md, len);
	t = gfm_first_heading(d);
	gfm_free(d);
	return t;
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
			/* out is a string (buf_terminate() above) */
			char *slash = out.len ? strrchr(out.p, '/') : NULL;

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

/* The body as HTML (gfm.h: GitHub's renderer) appended to html, MkDocs'
 * admonitions expanded first (admonition.h); 0 (it cannot fail). */
static int
to_html(const char *body, size_t len, struct buf *html)
{
	struct buf md = BUF_INIT;
	struct gfm_doc *d;

	if (admonition_maybe(body, len)) {
		buf_reserve(&md, len + 256);
		if (admonition_expand(body, len, &md)) {
			body = md.p;
			len = md.len;
		}
	}
	d = gfm_parse(body, len);
	gfm_html(d, html);
	gfm_keep(d, body, len);	/* for the link scan that may follow */
	free(md.p);
	return 0;
}

/* GitHub's emoji shortcodes (emoji.h) in the text of html (len bytes, a
 * new string, replaced by one with them shown, of *len bytes). */
static char *
add_emoji(char *html, size_t *len)
{
	struct buf out = BUF_INIT;

	if (!*len || !memchr(html, ':', *len))
		return html;
	buf_reserve(&out, *len + 64);
	if (!emoji_html(html, *len, &out)) {
		free(out.p);
		return html;
	}
	free(html);
	*len = out.len;
	return out.p;
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
	struct buf math = BUF_INIT;	/* the body with math as spans */
	struct headings hs = HEADINGS_INIT;
	struct front_matter fm;
	struct layout_vals v;
	size_t ids_len, linked_len;
	char *ids, *linked, *dir, *title;
	unsigned braces, incw = 0;
	const char *t;
	struct buf inc = BUF_INIT;	/* the body with its includes */
	const char *body;
	size_t body_len;
	bool incl, pre;	/* include.h, math.h rewrote the body */

	fm_parse(in->md, in->len, &fm);
	incl = include_expand(in->include, in->rel, fm.body, fm.body_len,
	    fm.body_line, &inc, in->warn, in->warn_arg, &incw);
	buf_reserve(&html, fm.body_len * 2 + 256);	/* tags and escapes */
	if (in->draft)
		buf_adds(&html, "<p class=\"draft-banner\" role=\"note\" "
		    "style=\"background:#fff8c5;color:#3b2e00;padding:.5rem "
		    "1rem;border-radius:6px\"><strong>Draft</strong>: served "
		    "by <code>tend serve</code>, left out of <code>tend "
		    "build</code> (unless <code>--drafts</code>)</p>\n");
	body = incl ? inc.p : fm.body;
	body_len = incl ? inc.len : fm.body_len;
	pre = math_maybe(body, body_len);
	out->math = pre && math_expand(body, body_len, &math);
	if (to_html(pre ? math.p : body, pre ? math.len : body_len,
	    &html) != 0) {
		free(math.p);
		free(inc.p);
		free(html.p);
		fm_release(&fm);
		return -1;
	}
	free(math.p);
	if (out->math)
		math_add_loader(&html, in->root);
	add_title_h1(in, &fm, &html);
	add_alerts(&html);
	highlight_buf(&html);
	free(inc.p);
	braces = pagewarn_braces(in->rel, &fm, html.p, html.len,
	    in->include != NULL, in->warn, in->warn_arg) + incw;
	ids = heading_ids(html.p, html.len, &hs, &ids_len);
	free(html.p);
	dir = dir_of(in->rel);
	linked = page_rewrite_links(ids, ids_len, dir, in->link, in->link_arg,
	    &linked_len);
	free(ids);
	free(dir);
	linked = add_emoji(linked, &linked_len);	/* after the ids: GitHub's */
	if ((t = fm_get(&fm, "title")) && *t)
		title = xstrdup(t);
	else if (hs.n && *hs.v[0].text)
		title = xstrdup(hs.v[0].text);	/* as shown (heading.h) */
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
