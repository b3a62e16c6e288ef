/* layout.c - the built-in docs theme and placeholder filling */
#include "layout.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "searchui.h"
#include "xalloc.h"
#include "banned.h"

static const char *const default_parts[] = {
"<!doctype html>\n"
"<html lang=\"en\">\n"
"<head>\n"
"<meta charset=\"utf-8\">\n"
"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
"<meta name=\"color-scheme\" content=\"light dark\">\n"
"<meta name=\"description\" content=\"{{ description }}\">\n"
"<title>{{ head_title }}</title>\n"
 "<style>\n",
":root{--fg:#1f2328;--muted:#59636e;--bg:#fff;--side:#f6f8fa;"
"--line:#d1d9e0;--link:#0969da;--code:#eff2f5;--hi:#ddf4ff;"
"--draft:#fff8c5}\n"
"@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9198a1;"
"--bg:#0d1117;--side:#151b23;--line:#3d444d;--link:#4493f8;"
"--code:#262c36;--hi:#1b2b44;--draft:#3d3418}}\n"
"*{box-sizing:border-box}\n"
"html{-webkit-text-size-adjust:100%}\n"
"body{margin:0;background:var(--bg);color:var(--fg);"
"font:16px/1.6 system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif}\n"
"a{color:var(--link);text-underline-offset:.15em}\n"
".skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;"
"background:var(--bg);padding:.5rem;z-index:2}\n"
".top{display:none}\n"
".page{display:grid;grid-template-columns:17rem minmax(0,48rem) 14rem;"
"gap:0 2.5rem;max-width:86rem;margin:0 auto}\n"
".sidebar{background:var(--side);border-right:1px solid var(--line);"
"padding:1.5rem 1rem;position:sticky;top:0;height:100vh;overflow:auto;"
"font-size:.94rem}\n"
"main{padding:2rem 0 3rem;min-width:0;overflow-wrap:break-word}\n"
".toc-side{position:sticky;top:0;align-self:start;max-height:100vh;"
"overflow:auto;padding:2rem 0;font-size:.88rem}\n"
".toc-side:not(:empty)::before{content:\"On this page\";display:block;"
"font-weight:600;margin-bottom:.4rem}\n"
".nav,.nav ul,.toc,.toc ul{list-style:none;margin:0;padding:0}\n"
".nav ul{padding-left:.9rem;border-left:1px solid var(--line);"
"margin-left:.45rem}\n"
".toc ul{padding-left:.9rem}\n"
".nav a,.toc a{display:block;padding:.18rem .5rem;border-radius:6px;"
"color:var(--fg);text-decoration:none}\n"
".toc a{color:var(--muted);padding:.12rem 0}\n"
".nav a:hover,.toc a:hover{text-decoration:underline}\n"
".nav a[aria-current=page]{background:var(--hi);color:var(--link);"
"font-weight:600}\n"
".sidebar,.toc-side{overflow-wrap:anywhere}\n"
".nav summary{cursor:pointer;list-style:none;display:flex;"
"align-items:baseline}\n"
".nav summary::-webkit-details-marker{display:none}\n"
".nav summary::before{content:\"\\25b8\";flex:none;width:.9rem;"
"text-align:center;color:var(--muted)}\n"
".nav details[open]>summary::before{transform:rotate(90deg)}\n"
".nav summary>a,.nav summary>span{flex:1;min-width:0;font-weight:600}\n"
".nav summary>span{padding:.18rem .5rem}\n"
".nav li.folder>a{margin-left:.9rem;font-weight:600}\n"
".nav li.closed{display:flex;align-items:baseline}\n"
".nav li.closed::before{content:\"\\25b8\";flex:none;width:.9rem;"
"text-align:center;color:var(--muted)}\n"
".nav li.closed>a{margin-left:0;flex:1;min-width:0}\n"
".nav li.more>a{color:var(--muted)}\n"
"h1,h2,h3,h4,h5,h6{line-height:1.25;margin:1.8em 0 .6em;"
"scroll-margin-top:1rem}\n"
"h1{font-size:2rem;margin-top:0}h2{font-size:1.5rem;padding-bottom:.3em;"
"border-bottom:1px solid var(--line)}h3{font-size:1.2rem}\n"
".anchor{margin-left:.4rem;color:var(--muted);text-decoration:none;"
"opacity:0;font-weight:400}\n"
":is(h1,h2,h3,h4,h5,h6):hover .anchor,.anchor:focus{opacity:1}\n"
"pre,code{font:.88em/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,"
"monospace}\n"
"code{background:var(--code);padding:.15em .35em;border-radius:4px}\n"
"pre{background:var(--code);padding:1rem;overflow:auto;border-radius:6px}"
"\npre code{background:none;padding:0}\n"
"table{border-collapse:collapse;display:block;overflow:auto;"
"margin:1rem 0}\n"
"td,th{border:1px solid var(--line);padding:.35rem .75rem}\n"
"td code,th code{white-space:nowrap}\n"
"th{background:var(--side)}\n"
"blockquote{margin:1rem 0;padding:0 1rem;color:var(--muted);"
"border-left:.25rem solid var(--line)}\n",
"li:has(>input[type=checkbox]:first-child){list-style:none}\n"
"li>input[type=checkbox]:first-child{margin:0 .2em .25em -1.4em;"
"vertical-align:middle}\n"
".footnotes{font-size:.875em;color:var(--muted);border-top:1px solid "
"var(--line);margin-top:2rem}\n"
".markdown-alert{margin:1rem 0;padding:.5rem 1rem;border-left:.25rem solid "
"var(--a)}.markdown-alert>:last-child{margin-bottom:0}\n"
".markdown-alert-title{font-weight:600;color:var(--a);margin:0 0 .3rem}\n"
".markdown-alert-note{--a:#0969da}.markdown-alert-tip{--a:#1a7f37}"
".markdown-alert-important{--a:#8250df}.markdown-alert-warning{--a:#9a6700}"
".markdown-alert-caution{--a:#d1242f}\n"
".admonition{margin:1rem 0;padding:.5rem 1rem;border-left:.25rem solid "
"var(--a,#0969da);background:var(--side)}.admonition>:last-child"
"{margin-bottom:0}\n"
".admonition-title,.admonition>summary{font-weight:600;margin:0 0 .3rem}\n"
":is(.tip,.hint,.success,.check,.done).admonition{--a:#1a7f37}"
":is(.question,.help,.faq,.example).admonition{--a:#8250df}"
":is(.warning,.caution,.attention).admonition{--a:#9a6700}"
":is(.failure,.fail,.missing,.danger,.error,.bug).admonition{--a:#d1242f}"
":is(.quote,.cite).admonition{--a:#59636e}\n"
"@media (prefers-color-scheme:dark){.markdown-alert-note{--a:#4493f8}"
".markdown-alert-tip{--a:#3fb950}.markdown-alert-important{--a:#ab7df8}"
".markdown-alert-warning{--a:#d29922}.markdown-alert-caution{--a:#f85149}}\n"
"img{max-width:100%;height:auto}\n",
/* Syntax highlighting (highlight.h's classes), GitHub's colours; the dark
 * ones on screens only, so that print keeps the light ones. */
".tok-k{color:#cf222e}.tok-t,.tok-v{color:#953800}.tok-s{color:#0a3069}"
".tok-n,.tok-a{color:#0550ae}.tok-c{color:#59636e}.tok-f{color:#6639ba}"
".tok-m{color:#8250df}.tok-g{color:#116329}"
".tok-p{color:#59636e;user-select:none}\n"
".tok-i{color:#116329;background:#dafbe1}"
".tok-d{color:#82071e;background:#ffebe9}"
".tok-h{color:#8250df;font-weight:600}\n"
"@media screen and (prefers-color-scheme:dark){.tok-k{color:#ff7b72}"
".tok-t,.tok-v{color:#ffa657}.tok-s{color:#a5d6ff}"
".tok-n,.tok-a{color:#79c0ff}.tok-c,.tok-p{color:#9198a1}"
".tok-f,.tok-h{color:#d2a8ff}.tok-m{color:#bc8cff}.tok-g{color:#7ee787}"
".tok-i{color:#aff5b4;background:#033a16}"
".tok-d{color:#ffdcd7;background:#67060c}}\n",
/* The search box (searchui.h), atop the nav (on phones: when Menu opens
 * it); its results float over the page. */
".search{position:relative;margin:0 0 1rem}.search input{width:100%;"
"font:inherit;font-size:.94rem;padding:.35rem 1.8rem .35rem .6rem;"
"color:var(--fg);background:var(--bg);border:1px solid var(--line);"
"border-radius:6px}.search input:focus{outline:2px solid var(--link);"
"outline-offset:-1px}\n"
".search-key{position:absolute;right:.5rem;top:.45rem;font:.75rem/1 "
"ui-monospace,monospace;color:var(--muted);border:1px solid var(--line);"
"border-radius:4px;padding:.1rem .3rem;pointer-events:none}"
".search input:focus~.search-key{display:none}\n"
".search-results{position:fixed;z-index:10;width:min(34rem,"
"calc(100vw - 1rem));max-height:70vh;overflow:auto;background:var(--bg);"
"border:1px solid var(--line);border-radius:8px;padding:.3rem;"
"box-shadow:0 8px 24px rgba(0,0,0,.2)}\n"
".search-hit{display:block;padding:.45rem .6rem;border-radius:6px;"
"color:var(--fg);text-decoration:none;font-size:.9rem}"
".search-hit:hover,.search-hit[aria-selected=true]{background:var(--hi)}"
"\n.search-title{display:block;font-weight:600;color:var(--link)}"
".search-sec{display:block;color:var(--muted);font-size:.85rem}"
".search-sec::before{content:\"\\203a  \"}"
".search-ex{display:block;color:var(--muted);font-size:.85rem}\n"
".search mark{background:#fff8c5;color:inherit;border-radius:2px}"
"@media (prefers-color-scheme:dark){.search mark{background:#5a4a12}}\n"
".search-none{margin:.4rem .6rem;color:var(--muted)}.search-more{"
"display:block;width:100%;margin-top:.2rem;font:inherit;font-size:.85rem;"
"padding:.35rem;color:var(--link);background:none;border:1px solid "
"var(--line);border-radius:6px;cursor:pointer}\n"
"@media print{.search{display:none}}\n",
/* The site's name, SUMMARY.md's part titles, drafts, separators and
 * numbers, the edit link. */
".sidebar>.site{display:block;font-weight:600;font-size:1.05rem;"
"color:var(--fg);text-decoration:none;padding:0 .5rem .8rem}\n"
".nav .part-title{font-weight:600;color:var(--muted);padding:.9rem .5rem "
".2rem}\n"
".nav .draft-chapter>span{display:block;padding:.18rem .5rem;"
"color:var(--muted)}\n"
".nav .spacer{border-top:1px solid var(--line);margin:.6rem .5rem}\n"
".nav a>strong,.nav span>strong{font-weight:400;color:var(--muted)}\n"
".edit{margin-top:2.5rem;font-size:.9rem}\n",
"hr{border:0;border-top:1px solid var(--line);margin:2rem 0}\n"
".pager{display:flex;justify-content:space-between;gap:1rem;"
"margin-top:3rem;padding-top:1rem;border-top:1px solid var(--line)}\n"
".pager a{text-decoration:none;border:1px solid var(--line);"
"border-radius:6px;padding:.5rem .9rem}\n"
".pager .next{margin-left:auto;text-align:right}\n"
".draft-banner{background:var(--draft);border:1px solid var(--line);"
"border-radius:6px;padding:.5rem 1rem}\n"
"@media (max-width:72rem){.page{grid-template-columns:16rem "
"minmax(0,1fr)}.toc-side{display:none}main{padding-right:1.5rem}}\n"
"@media (max-width:48rem){.page{display:flex;flex-direction:column}"
".top{display:flex;justify-content:space-between;padding:.6rem 1rem;"
"border-bottom:1px solid var(--line);background:var(--side)}"
"main{order:1;padding:1.2rem 1rem 2rem}"
".sidebar{display:none;position:static;height:auto;border-right:0;"
"border-bottom:1px solid var(--line)}.sidebar:target,.menu-open .sidebar"
"{display:block}h1{font-size:1.6rem}}\n"
"@media print{.sidebar,.toc-side,.pager,.anchor,.top,.skip{display:none}"
".page{display:block}main{padding:0}body{background:#fff;color:#000}"
"a{color:inherit}pre,code{background:#f3f3f3}"
"h2,h3{break-after:avoid}pre,table,img{break-inside:avoid}}\n"
"</style>\n",
"{{ head }}"
"</head>\n"
"<body>\n"
"<a class=\"skip\" href=\"#content\">Skip to content</a>\n"
"{{ header }}"
"<div class=\"top\"><span>{{ title }}</span>"
"<a class=\"menu\" href=\"#nav\" aria-controls=\"nav\" "
"aria-expanded=\"false\">Menu</a></div>\n"
"<div class=\"page\">\n"
"<nav class=\"sidebar\" id=\"nav\" aria-label=\"Site\">\n"
"<a class=\"site\" href=\"{{ root }}index.html\">{{ site }}</a>\n"
"{{ search }}{{ nav }}</nav>\n"
"<main id=\"content\">\n{{ content }}{{ edit }}"
"<nav class=\"pager\" aria-label=\"Pages\">{{ prev }}{{ next }}</nav>\n"
"{{ footer }}"
"</main>\n"
"<aside class=\"toc-side\" aria-label=\"On this page\">{{ toc }}</aside>\n"
"</div>\n"
/* Bring the current page into the sidebar's view (not the window's). */
"<script>(function(){var s=document.querySelector('.sidebar'),"
"a=s&&s.querySelector('[aria-current=page]');"
"if(a&&s.scrollHeight>s.clientHeight&&"
"a.offsetTop+a.offsetHeight>s.clientHeight)"
"s.scrollTop=a.offsetTop-s.clientHeight/3})()</script>\n"
/* As GitHub's page script: #isMatch finds the id "ismatch" (ids are lower
 * case, links are not); an exact id is the browser's own, and wins. */
"<script>(function(){function f(){var h=location.hash.slice(1),e,i,n;"
"try{h=decodeURIComponent(h)}catch(x){}"
"if(!h||document.getElementById(h))return;h=h.toLowerCase();"
"e=document.getElementById(h);n=document.querySelectorAll('[id]');"
"for(i=0;!e&&i<n.length;i++)if(n[i].id.toLowerCase()==h)e=n[i];"
"if(e)e.scrollIntoView()}addEventListener('hashchange',f);f()})()"
"</script>\n"
/* Phones: Menu opens the nav in place, under the bar (without script,
 * #nav:target does the same). */
"<script>(function(){var m=document.querySelector('.top .menu');"
"if(m)m.onclick=function(e){e.preventDefault();var o=document.body."
"classList.toggle('menu-open');m.setAttribute('aria-expanded',o)}})()"
"</script>\n"
"</body>\n"
"</html>\n",
};

const char *
layout_default(void)
{
	static char *text;
	struct buf b = BUF_INIT;

	if (text)
		return text;
	for (size_t i = 0; i < sizeof default_parts / sizeof *default_parts;
	    i++)
		buf_adds(&b, default_parts[i]);
	text = b.p;
	return text;
}

static const struct {
	const char *name;
	enum layout_slot slot;
} names[] = {
	{ "title", LAYOUT_TITLE }, { "description", LAYOUT_DESCRIPTION },
	{ "content", LAYOUT_CONTENT }, { "root", LAYOUT_ROOT },
	{ "toc", LAYOUT_TOC }, { "nav", LAYOUT_NAV },
	{ "prev", LAYOUT_PREV }, { "next", LAYOUT_NEXT },
	{ "search", LAYOUT_SEARCH },
	{ "site", LAYOUT_SITE }, { "head_title", LAYOUT_HEAD_TITLE },
	{ "page.source", LAYOUT_PAGE_SOURCE }, { "edit_url", LAYOUT_EDIT_URL },
	{ "edit", LAYOUT_EDIT },
	{ "head", LAYOUT_HEAD }, { "header", LAYOUT_HEADER },
	{ "footer", LAYOUT_FOOTER },
};

/* If p starts a {{ name }} placeholder, its length, name and name's
 * length; else 0. Names: letters, digits, '_', '-' and '.'. */
static size_t
placeholder(const char *p, const char **name, size_t *namelen)
{
	const char *q = p + 2;

	if (p[0] != '{' || p[1] != '{')
		return 0;
	while (*q == ' ')
		q++;
	*name = q;
	while (isalnum((unsigned char)*q) || *q == '_' || *q == '-' ||
	    *q == '.')
		q++;
	*namelen = (size_t)(q - *name);
	while (*q == ' ')
		q++;
	if (!*namelen || q[0] != '}' || q[1] != '}')
		return 0;
	return (size_t)(q + 2 - p);
}

static enum layout_slot
slot_of(const char *name, size_t n)
{
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (strlen(names[i].name) == n && !memcmp(name, names[i].name, n))
			return names[i].slot;
	if (n > 5 && !memcmp(name, "page.", 5) && name[n - 1] != '.' &&
	    name[5] != '.' && !memmem(name + 5, n - 5, "..", 2))
		return LAYOUT_PAGE_KEY;	/* page.a.b: a nested key */
	return LAYOUT_UNKNOWN;
}

static void
add_part(struct layout *l, enum layout_slot slot, const char *s, size_t n,
    unsigned line)
{
	l->parts = xrealloc(l->parts, (l->n + 1) * sizeof *l->parts);
	l->parts[l->n++] = (struct layout_part){ slot, s, n, line };
	l->uses |= 1u << slot;
}

/* Count the newlines in [s, s+n). */
static unsigned
newlines(const char *s, size_t n)
{
	unsigned c = 0;

	for (const char *e = s + n; (s = memchr(s, '\n', (size_t)(e - s)));
	    s++)
		c++;
	return c;
}

unsigned
layout_parse(struct layout *l, const char *text, const char *name,
    layout_warn_fn *warn, void *arg)
{
	unsigned line = 1, warnings = 0;
	const char *p = text;

	*l = (struct layout){ .name = name,
		.title_h1 = !strcmp(name, LAYOUT_BUILTIN) };
	while (*p) {
		const char *next = strstr(p, "{{"), *pname = NULL;
		size_t n, plen = 0;
		enum layout_slot slot;

		if (!next) {
			add_part(l, LAYOUT_TEXT, p, strlen(p), line);
			break;
		}
		n = placeholder(next, &pname, &plen);
		if (!n)
			n = 2;	/* a lone "{{": text */
		add_part(l, LAYOUT_TEXT, p, (size_t)(next - p), line);
		line += newlines(p, (size_t)(next - p));
		slot = n > 2 ? slot_of(pname, plen) : LAYOUT_TEXT;
		if (slot == LAYOUT_TEXT) {
			add_part(l, LAYOUT_TEXT, next, n, line);
		} else if (slot == LAYOUT_UNKNOWN) {
			char msg[256];

			snprintf(msg, sizeof msg, "%s:%u: unknown placeholder "
			    "'%.*s' (left as it is)", name, line, (int)n, next);
			warn(arg, msg);
			warnings++;
			add_part(l, LAYOUT_TEXT, next, n, line);
		} else if (slot == LAYOUT_PAGE_KEY) {
			add_part(l, slot, pname + 5, plen - 5, line);
		} else {
			add_part(l, slot, next, n, line);
		}
		line += newlines(next, n);
		p = next + n;
	}
	return warnings;
}

/* The page's value for page.KEY, or NULL. */
static const char *
page_key(const struct front_matter *fm, const char *key, size_t n)
{
	for (size_t i = 0; fm && i < fm->n; i++)
		if (strlen(fm->keys[i]) == n &&
		    !strncasecmp(fm->keys[i], key, n))
			return fm->vals[i];
	return NULL;
}

static void
add_str(struct buf *b, const char *s)
{
	if (s)
		buf_adds(b, s);
}

/* <title>: "Page — Site", or the page's title alone (the home page: it
 * is the site's name; or no site name). */
static void
head_title(struct buf *out, const struct layout_vals *v)
{
	buf_add_html(out, v->title);
	if (!v->site || !*v->site || !strcmp(v->site, v->title))
		return;
	buf_adds(out, " \xe2\x80\x94 ");
	buf_add_html(out, v->site);
}

static unsigned fill(const struct layout *l, const struct layout_vals *v,
    struct buf *out, layout_warn_fn *warn, void *arg, bool snippet);

/* The theme's part for slot s of a layout (none inside a snippet). */
static unsigned
fill_theme(const struct layout *l, enum layout_slot s,
    const struct layout_vals *v, struct buf *out, layout_warn_fn *warn,
    void *arg)
{
	const struct layout_theme *t = l->theme;
	enum layout_snippet i = s == LAYOUT_HEAD ? LAYOUT_SNIP_HEAD :
	    s == LAYOUT_HEADER ? LAYOUT_SNIP_HEADER : LAYOUT_SNIP_FOOTER;

	if (!t)
		return 0;
	if (s == LAYOUT_HEAD && t->css)
		buf_addf(out, "<link rel=\"stylesheet\" href=\"%s_extra.css\">"
		    "\n", v->root ? v->root : "");
	if (s == LAYOUT_HEAD && t->js)
		buf_addf(out, "<script src=\"%s_extra.js\" defer></script>\n",
		    v->root ? v->root : "");
	return t->text[i] ? fill(&t->snip[i], v, out, warn, arg, true) : 0;
}

unsigned
layout_fill(const struct layout *l, const struct layout_vals *v,
    struct buf *out, layout_warn_fn *warn, void *arg)
{
	return fill(l, v, out, warn, arg, false);
}

/* layout_fill(); in a snippet, the theme's slots and content are empty. */
static unsigned
fill(const struct layout *l, const struct layout_vals *v, struct buf *out,
    layout_warn_fn *warn, void *arg, bool snippet)
{
	unsigned warnings = 0;

	if (!snippet)	/* the layout's text */
		buf_reserve(out, v->content_len + 4096);
	for (size_t i = 0; i < l->n; i++) {
		const struct layout_part *p = &l->parts[i];
		const char *s;

		switch (p->slot) {
		case LAYOUT_TITLE: buf_add_html(out, v->title); break;
		case LAYOUT_DESCRIPTION:
			if (v->description)
				buf_add_html(out, v->description);
			break;
		case LAYOUT_CONTENT:
			if (!snippet)
				buf_add(out, v->content, v->content_len);
			break;
		case LAYOUT_HEAD: case LAYOUT_HEADER: case LAYOUT_FOOTER:
			if (!snippet)
				warnings += fill_theme(l, p->slot, v, out,
				    warn, arg);
			break;
		case LAYOUT_ROOT: add_str(out, v->root); break;
		case LAYOUT_TOC: add_str(out, v->toc); break;
		case LAYOUT_NAV: add_str(out, v->nav); break;
		case LAYOUT_PREV: add_str(out, v->prev); break;
		case LAYOUT_NEXT: add_str(out, v->next); break;
		case LAYOUT_SEARCH: search_ui_box(out, v->root); break;
		case LAYOUT_SITE:
			if (v->site)
				buf_add_html(out, v->site);
			break;
		case LAYOUT_HEAD_TITLE: head_title(out, v); break;
		case LAYOUT_PAGE_SOURCE:
			buf_add_html(out, v->source ? v->source : v->page);
			break;
		case LAYOUT_EDIT_URL:
			if (v->edit_url)
				buf_add_html(out, v->edit_url);
			break;
		case LAYOUT_EDIT:
			if (!v->edit_url)
				break;
			buf_adds(out, "<p class=\"edit\"><a href=\"");
			buf_add_html(out, v->edit_url);
			buf_adds(out, "\">Edit this page</a></p>\n");
			break;
		case LAYOUT_PAGE_KEY:
			s = page_key(v->fm, p->s, p->n);
			if (s) {
				buf_add_html(out, s);
			} else {
				char msg[512];

				snprintf(msg, sizeof msg, "%s: {{ page.%.*s }} "
				    "(%s:%u) names nothing: no '%.*s' in its "
				    "front matter", v->page, (int)p->n, p->s,
				    l->name, p->line, (int)p->n, p->s);
				warn(arg, msg);
				warnings++;
			}
			break;
		default:
			buf_add(out, p->s, p->n);
		}
	}
	return warnings;
}

void
layout_set_theme(struct layout *l, struct layout_theme *t)
{
	l->theme = t;
	for (size_t i = 0; i < LAYOUT_SNIPS; i++)
		l->uses |= t->snip[i].uses & ~(1u << LAYOUT_TEXT);
}

void
layout_release(struct layout *l)
{
	if (l->theme) {
		for (size_t i = 0; i < LAYOUT_SNIPS; i++) {
			layout_release(&l->theme->snip[i]);
			free(l->theme->text[i]);
		}
		free(l->theme);
		l->theme = NULL;
	}
	free(l->parts);
	l->parts = NULL;
	l->n = 0;
}
