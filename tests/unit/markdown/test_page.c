/* test_page.c - front matter, titles, link rewriting and the layout */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "frontmatter.h"
#include "page.h"

/* Warnings reported, joined by '\n'. */
static char warned[4096];

static void
warn(void *arg, const char *msg)
{
	strncat(warned, msg, sizeof warned - strlen(warned) - 2);
	strcat(warned, "\n");
}

/* Render md (as the page rel) through layout (NULL: the built-in one). */
static int
render_as(const char *md, const char *layout, const char *root,
    const char *rel, const char *fallback, struct page *p)
{
	struct layout l;
	struct page_in in = { .md = md, .len = strlen(md), .rel = rel,
		.fallback_title = fallback, .layout = &l, .root = root,
		.warn = warn };
	int r;

	layout_parse(&l, layout ? layout : layout_default(), layout ? "L" :
	    LAYOUT_BUILTIN, warn, NULL);
	r = page_render(&in, p);
	layout_release(&l);
	return r;
}

/* Render md through layout; the caller releases the page. */
static struct page
render(const char *md, const char *layout, const char *root)
{
	struct page p;

	cr_assert_eq(render_as(md, layout, root, "a.md", "fallback", &p), 0);
	cr_assert_not_null(p.html);
	cr_assert_not_null(p.title);
	cr_assert_eq(p.len, strlen(p.html));
	return p;
}

/* The title page_render() picks for md. */
static void
expect_title(const char *md, const char *want)
{
	struct page p = render(md, "{{ title }}", "");

	cr_expect_str_eq(p.title, want, "title of <<%s>>", md);
	page_release(&p);
}

/* Only the {{ content }} of md. */
static char *
content(const char *md)
{
	struct page p = render(md, "{{ content }}", "");
	char *s = p.html;

	p.html = NULL;
	page_release(&p);
	return s;
}

static void
expect_rewrite(const char *html, const char *want)
{
	size_t n;
	char *got = page_rewrite_links(html, strlen(html), "", NULL, NULL, &n);

	cr_assert_not_null(got);
	cr_expect_str_eq(got, want);
	cr_expect_eq(n, strlen(want));
	free(got);
}

/* Front matter */

Test(page, front_matter_title_unquoted, .timeout = 10)
{
	const char md[] = "---\ntitle: Hello World\ndate: 2024-01-01\n---\n"
	    "# Heading\n";
	struct front_matter fm;

	fm_parse(md, strlen(md), &fm);
	cr_assert_not_null(fm_get(&fm, "title"));
	cr_expect_str_eq(fm_get(&fm, "title"), "Hello World");
	cr_expect_str_eq(fm.body, "# Heading\n");
	cr_expect_eq(fm.body_len, strlen("# Heading\n"));
	cr_expect_eq(fm.body_line, 5);
	fm_release(&fm);
	expect_title(md, "Hello World");
}

/* The built-in theme shows a front-matter title as the page's h1 when the
 * body has none (npm's command pages start at "## Synopsis"); a body's own
 * h1 or a layout of your own is left alone. */
Test(page, front_matter_title_as_h1_in_the_theme, .timeout = 10)
{
	const char md[] = "---\ntitle: npm <install>\n---\n## Synopsis\n";
	struct page p;

	cr_assert_eq(render_as(md, NULL, "", "a.md", "a", &p), 0);
	cr_expect(strstr(p.html, "<h1 id=\"npm-install\">npm &lt;install&gt;"),
	    "%s", p.html);
	page_release(&p);
	cr_assert_eq(render_as("---\ntitle: T\n---\n# Own\n", NULL, "",
	    "a.md", "a", &p), 0);
	cr_expect_null(strstr(p.html, "<h1 id=\"t\""), "%s", p.html);
	cr_expect(strstr(p.html, "<h1 id=\"own\""), "%s", p.html);
	page_release(&p);
	cr_assert_eq(render_as(md, "{{ content }}", "", "a.md", "a", &p), 0);
	cr_expect_str_eq(p.html, "<h2 id=\"synopsis\">Synopsis<a class="
	    "\"anchor\" href=\"#synopsis\" aria-hidden=\"true\" tabindex="
	    "\"-1\">#</a></h2>\n");
	page_release(&p);
}

/* GitHub's alerts as md4c parses them, through the whole page. */
Test(page, github_alert_becomes_a_box, .timeout = 10)
{
	struct page p;

	cr_assert_eq(render_as("> [!WARNING]\n> Mind the [gap](g.md).\n\n"
	    "> [!NOTE]\n>\n> Two\n>\n> paras\n", "{{ content }}", "",
	    "a.md", "a", &p), 0);
	cr_expect_str_eq(p.html, "<div class=\"markdown-alert "
	    "markdown-alert-warning\">\n<p class=\"markdown-alert-title\">"
	    "Warning</p>\n<p>Mind the <a href=\"g.html\">gap</a>.</p>\n"
	    "</div>\n<div class=\"markdown-alert markdown-alert-note\">\n"
	    "<p class=\"markdown-alert-title\">Note</p>\n<p>Two</p>\n"
	    "<p>paras</p>\n</div>\n");
	page_release(&p);
}

/* MkDocs' admonitions through md4c: the content is Markdown. */
Test(page, mkdocs_admonition_becomes_a_box, .timeout = 10)
{
	struct page p;

	cr_assert_eq(render_as("!!! note \"Heads up\"\n    See [a](a.md).\n"
	    "\n    - one\n", "{{ content }}", "", "b.md", "b", &p), 0);
	cr_expect_str_eq(p.html, "<div class=\"admonition note\">\n"
	    "<p class=\"admonition-title\">Heads up</p>\n<p>See <a href=\""
	    "a.html\">a</a>.</p>\n<ul>\n<li>one</li>\n</ul>\n</div>\n");
	page_release(&p);
}

/* A {{ ... }} left in the text is a warning at its source line; one in
 * code is shown as written, silently. */
Test(page, braces_left_in_text_are_warned_with_line, .timeout = 10)
{
	struct page p;

	warned[0] = '\0';
	cr_assert_eq(render_as("---\ntitle: T\n---\n# T\n\n"
	    "{{#include ../listings/main.rs}}\n\n`{{ in code }}`\n\n"
	    "```\n{{ fenced }}\n```\n\nSee {{ site.name }}.\n",
	    "{{ content }}", "", "ch01.md", "c", &p), 0);
	cr_expect_eq(p.warnings, 2, "%s", warned);
	cr_expect(strstr(warned, "ch01.md:6: '{{#include ../listings/main.rs}}'"
	    " is left as it is"), "%s", warned);
	cr_expect(strstr(warned, "ch01.md:14: '{{ site.name }}'"), "%s",
	    warned);
	cr_expect_null(strstr(warned, "code"), "%s", warned);
	cr_expect_null(strstr(warned, "fenced"), "%s", warned);
	page_release(&p);
}

/* Hugo's shortcodes are escaped in the HTML: the warning shows them and
 * their line as written (it said '{{&lt; example &gt;}}' at a wrong line,
 * on Bootstrap's docs in Debian's libjs-bootstrap4) */
Test(page, braces_warned_as_written, .timeout = 10)
{
	struct page p;

	warned[0] = '\0';
	cr_assert_eq(render_as("# T\n\n{{ a }}\n\nx\n\n{{< example >}}\n"
	    "\n{{ b & \"c\" }}\n", "{{ content }}", "", "u.md", "c", &p), 0);
	cr_expect_eq(p.warnings, 3, "%s", warned);
	cr_expect(strstr(warned, "u.md:7: '{{< example >}}'"), "%s", warned);
	cr_expect(strstr(warned, "u.md:9: '{{ b & \"c\" }}'"), "%s", warned);
	page_release(&p);
}

/* The same text twice is warned at each of its lines (both were at the
 * first's, on MkDocs' release notes); a directive without args, such as a
 * Handlebars {{#toc}}, is text as mdBook leaves it: in code silently, in
 * the body as any placeholder. */
Test(page, braces_repeated_and_argless_directives, .timeout = 10)
{
	struct page p;

	warned[0] = '\0';
	cr_assert_eq(render_as("# T\n\n{{ x }}\n\nmid\n\n{{ x }}\n\n"
	    "```hbs\n{{#toc}}{{/toc}}\n```\n\nUse `{{#include}}`.\n\n"
	    "{{#toc}}\n", "{{ content }}", "", "r.md", "c", &p), 0);
	cr_expect_eq(p.warnings, 3, "%s", warned);
	cr_expect(strstr(warned, "r.md:3: '{{ x }}'"), "%s", warned);
	cr_expect(strstr(warned, "r.md:7: '{{ x }}'"), "%s", warned);
	cr_expect(strstr(warned, "r.md:15: '{{#toc}}' is left as it is "
	    "(tend fills"), "%s", warned);
	page_release(&p);
	/* a fence in a list item is indented by the item's content */
	warned[0] = '\0';
	cr_assert_eq(render_as("1. x\n\n    ```\n    {{ v }}\n    ```\n\n"
	    "Use {{ v }}.\n", "{{ content }}", "", "l.md", "c", &p), 0);
	cr_expect_eq(p.warnings, 1, "%s", warned);
	cr_expect(strstr(warned, "l.md:7: '{{ v }}'"), "%s", warned);
	page_release(&p);
}

Test(page, front_matter_title_quoted, .timeout = 10)
{
	expect_title("---\ntitle: \"Quoted: yes\"\n---\nbody\n", "Quoted: yes");
	expect_title("---\ntitle: 'single'\n---\nbody\n", "single");
	expect_title("---\nlayout: x\ntitle:   spaced out   \n---\n",
	    "spaced out");
	/* A lone quote is not a pair: kept. */
	expect_title("---\ntitle: \"half\n---\n", "\"half");
}

Test(page, front_matter_closed_by_dots_and_crlf, .timeout = 10)
{
	expect_title("---\ntitle: Dots\n...\n# H\n", "Dots");
	expect_title("---\r\ntitle: Crlf\r\n---\r\n# H\r\n", "Crlf");
	expect_title("---\ntitle: At end\n---", "At end");
}

Test(page, front_matter_not_in_output, .timeout = 10)
{
	char *c = content("---\ntitle: T\nsecret: x\n---\nHello\n");

	cr_expect_str_eq(c, "<p>Hello</p>\n");
	free(c);
}

Test(page, front_matter_without_title_uses_heading, .timeout = 10)
{
	expect_title("---\nauthor: me\n---\n# From heading\n", "From heading");
	expect_title("---\ntitle:\n---\n# Empty title\n", "Empty title");
}

Test(page, unterminated_front_matter_is_not_front_matter, .timeout = 10)
{
	const char md[] = "---\ntitle: Nope\n\n# Real\n";
	struct front_matter fm;

	fm_parse(md, strlen(md), &fm);
	cr_expect_null(fm_get(&fm, "title"));
	cr_expect_eq(fm.n, 0);
	cr_expect_eq(fm.body, md);
	cr_expect_eq(fm.body_len, strlen(md));
	fm_release(&fm);
	expect_title(md, "Real");
}

Test(page, front_matter_only_on_first_line, .timeout = 10)
{
	const char md[] = "\n---\ntitle: Late\n---\n";
	struct front_matter fm;

	fm_parse(md, strlen(md), &fm);
	cr_expect_eq(fm.n, 0);
	cr_expect_eq(fm.body, md);
	fm_parse("", 0, &fm);
	cr_expect_eq(fm.n, 0);
	cr_expect_eq(fm.body_len, 0);
}

/* Titles from headings */

Test(page, title_from_atx_heading, .timeout = 10)
{
	expect_title("Intro text\n\n## Second level\n\n# Later\n",
	    "Second level");
	expect_title("# Closed ATX #\n", "Closed ATX");
	expect_title("# Set up { #setup .x }\n", "Set up");
	expect_title("# Set {x}\n", "Set {x}");
	expect_title("# Using `{.class}`\n", "Using {.class}");
}

Test(page, title_from_setext_heading, .timeout = 10)
{
	expect_title("Setext One\n==========\n\ntext\n", "Setext One");
	expect_title("Setext Two\n---\n", "Setext Two");
}

Test(page, heading_with_inline_markup_gives_plain_text, .timeout = 10)
{
	expect_title("# The `x<y` *emph* __strong__ [link](u.md) ~~del~~\n",
	    "The x<y emph strong link del");
}

Test(page, heading_title_escaped_in_layout, .timeout = 10)
{
	struct page p = render("# A `<b>` & \"q\"\n", "<title>{{ title }}</title>",
	    "");

	cr_expect_str_eq(p.title, "A <b> & \"q\"");
	cr_expect_str_eq(p.html,
	    "<title>A &lt;b&gt; &amp; &quot;q&quot;</title>");
	page_release(&p);
}

/*
 * BUG (markdown/page.c, page_first_heading): an entity in the heading is
 * passed through raw (md4c's MD_TEXT_ENTITY text is "&amp;"), so the title
 * is "Fish &amp; Chips" instead of the plain text "Fish & Chips", and
 * {{ title }} then shows "Fish &amp;amp; Chips".
 */
Test(page, heading_entities_decoded_in_title, .timeout = 10)
{
	struct page p = render("# Fish &amp; Chips &#169;\n", "{{ title }}", "");

	cr_expect_str_eq(p.title, "Fish & Chips \xc2\xa9");
	cr_expect_str_eq(p.html, "Fish &amp; Chips \xc2\xa9");
	page_release(&p);
}

Test(page, hash_in_fenced_code_is_not_a_heading, .timeout = 10)
{
	expect_title("```sh\n# not a heading\n```\n\n# Real\n", "Real");
	expect_title("~~~\n# nor this\n~~~\n", "fallback");
	expect_title("    # indented code\n\ntext\n", "fallback");
	expect_title("#hashtag is not a heading\n", "fallback");
}

Test(page, first_heading_direct, .timeout = 10)
{
	const char md[] = "text\n\n### Three\n\n# One\n";
	char *h = page_first_heading(md, strlen(md));

	cr_assert_not_null(h);
	cr_expect_str_eq(h, "Three");
	free(h);
	cr_expect_null(page_first_heading("no heading\n", 11));
	cr_expect_null(page_first_heading("", 0));
}

static void
expect_heading(const char *md, const char *want)
{
	char *h = page_first_heading(md, strlen(md));

	cr_expect_str_eq(h ? h : "(null)", want, "for %s", md);
	free(h);
}

/* Badges in a title heading are not part of the title; a heading that is
 * only an image is titled by its alt text. */
Test(page, first_heading_drops_images, .timeout = 10)
{
	expect_heading("# About EventMachine [![Build Status](https://x/b.svg)"
	    "](https://x) [![Code Climate](c.svg)](https://y)\n",
	    "About EventMachine");
	expect_heading("# ![Logo](logo.png) Project\n", "Project");
	expect_heading("# ![The Logo](logo.png)\n", "The Logo");
	expect_heading("# A  *b*  c\n", "A b c");
}

Test(page, fallback_title, .timeout = 10)
{
	struct page p;
	const char md[] = "Just a paragraph.\n";

	cr_assert_eq(render_as(md, "[{{ title }}]", "", "a.md", "my <page>",
	    &p), 0);
	cr_expect_str_eq(p.title, "my <page>");
	cr_expect_str_eq(p.html, "[my &lt;page&gt;]");
	page_release(&p);
	cr_expect_null(p.html);
	cr_expect_null(p.title);
}

/* Link rewriting */

/* The site's pages, for page_link_fn: guide/ has an index.md, no
 * README.md; the root has a README.md. */
static const char *
known_pages(void *arg, const char *src)
{
	static const char *const map[][2] = {
		{ "guide/index.md", "guide/index.html" },
		{ "README.md", "index.html" }, { "a.md", "a.html" },
	};

	(void)arg;
	for (size_t i = 0; i < sizeof map / sizeof *map; i++)
		if (strcmp(src, map[i][0]) == 0)
			return map[i][1];
	return NULL;
}

/* With the site's pages known, only a page that exists is rewritten: a
 * README.md that is not there stays (GitHub answers 404 there, even
 * beside an index.md), and so does any other missing page. */
Test(page, rewrite_links_only_to_pages_that_exist, .timeout = 10)
{
	static const char *const cases[][2] = {
		{ "<a href=\"guide/README.md\">", "<a href=\"guide/README.md\">" },
		{ "<a href=\"guide/index.md#x\">",
		    "<a href=\"guide/index.html#x\">" },
		{ "<a href=\"README.md\">", "<a href=\"index.html\">" },
		{ "<a href=\"a.md\">", "<a href=\"a.html\">" },
		{ "<a href=\"missing.md#y\">", "<a href=\"missing.md#y\">" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		size_t n;
		char *got = page_rewrite_links(cases[i][0],
		    strlen(cases[i][0]), "", known_pages, NULL, &n);

		cr_expect_str_eq(got, cases[i][1]);
		cr_expect_eq(n, strlen(cases[i][1]));
		free(got);
	}
}

Test(page, rewrite_links_table, .timeout = 10)
{
	expect_rewrite("<a href=\"a.md\">", "<a href=\"a.html\">");
	expect_rewrite("<a href=\"a.md#x\">", "<a href=\"a.html#x\">");
	expect_rewrite("<a href=\"a.md?q=1#y\">", "<a href=\"a.html?q=1#y\">");
	expect_rewrite("<a href=\"../b.md\">", "<a href=\"../b.html\">");
	expect_rewrite("<a href=\"sub/dir/c.md\">",
	    "<a href=\"sub/dir/c.html\">");
	expect_rewrite("<a href=\"A.MD\">", "<a href=\"A.html\">");
	expect_rewrite("<a href=\"b.markdown#x\">", "<a href=\"b.html#x\">");
	expect_rewrite("<a href=\"d/README.markdown\">",
	    "<a href=\"d/index.html\">");
	expect_rewrite("<a href=\"x.Md#top\">", "<a href=\"x.html#top\">");
	/* Left alone. */
	expect_rewrite("<a href=\"http://x/a.md\">", "<a href=\"http://x/a.md\">");
	expect_rewrite("<a href=\"https://x/a.md#f\">",
	    "<a href=\"https://x/a.md#f\">");
	expect_rewrite("<a href=\"//host/a.md\">", "<a href=\"//host/a.md\">");
	expect_rewrite("<a href=\"mailto:me@x.md\">",
	    "<a href=\"mailto:me@x.md\">");
	expect_rewrite("<a href=\"a.mdx\">", "<a href=\"a.mdx\">");
	expect_rewrite("<a href=\"a.md.txt\">", "<a href=\"a.md.txt\">");
	expect_rewrite("<a href=\"readme\">", "<a href=\"readme\">");
	expect_rewrite("<a href=\"page.html#a.md\">",
	    "<a href=\"page.html#a.md\">");
	expect_rewrite("<a href=\"x?next=a.md\">", "<a href=\"x?next=a.md\">");
	expect_rewrite("<a href=\"\">", "<a href=\"\">");
	/* Only href values; several links; text is kept. */
	expect_rewrite("<img src=\"a.md\"> a.md <a href=\"b.md\">a.md</a>"
	    "<a href=\"c.md\">",
	    "<img src=\"a.md\"> a.md <a href=\"b.html\">a.md</a>"
	    "<a href=\"c.html\">");
	expect_rewrite("no links at all", "no links at all");
	expect_rewrite("", "");
	/* An unclosed attribute at the end does not read past it. */
	expect_rewrite("<a href=\"x.md", "<a href=\"x.html");
}

Test(page, rewrite_links_through_markdown, .timeout = 10)
{
	char *c = content("[a](a.md) [b](a.md#x) [c](a.md?q) [d](../b.md) "
	    "[e](http://x/a.md) [f](//host/a.md) [g](mailto:x@y.md) "
	    "[h](a.mdx) [i](UP.MD)\n");

	cr_expect_str_eq(c, "<p><a href=\"a.html\">a</a> "
	    "<a href=\"a.html#x\">b</a> <a href=\"a.html?q\">c</a> "
	    "<a href=\"../b.html\">d</a> <a href=\"http://x/a.md\">e</a> "
	    "<a href=\"//host/a.md\">f</a> <a href=\"mailto:x@y.md\">g</a> "
	    "<a href=\"a.mdx\">h</a> <a href=\"UP.html\">i</a></p>\n");
	free(c);
}

/* The layout */

Test(page, layout_placeholders, .timeout = 10)
{
	struct page p = render("---\ntitle: A <&> B\n---\nbody\n",
	    "<title>{{ title }}</title>|{{content}}|"
	    "<link href=\"{{ root }}s.css\">|{{  root  }}|{{ foo }}|{{ x-y }}|"
	    "{{ title }|{{}}|{{ |{{", "../../");

	cr_expect_str_eq(p.html,
	    "<title>A &lt;&amp;&gt; B</title>|<p>body</p>\n|"
	    "<link href=\"../../s.css\">|../../|{{ foo }}|{{ x-y }}|"
	    "{{ title }|{{}}|{{ |{{");
	page_release(&p);
}

Test(page, layout_repeated_placeholders, .timeout = 10)
{
	struct page p = render("# T\n", "{{title}}{{ title }}{{root}}{{root}}",
	    "../");

	cr_expect_str_eq(p.html, "TT../../");
	page_release(&p);
}

Test(page, content_is_not_expanded_again, .timeout = 10)
{
	struct page p = render("---\ntitle: {{ root }}\n---\n"
	    "Literal {{ title }} and {{ root }}\n", "{{ title }}/{{ content }}",
	    "R/");

	cr_expect_str_eq(p.html,
	    "{{ root }}/<p>Literal {{ title }} and {{ root }}</p>\n");
	page_release(&p);
}

Test(page, layout_without_placeholders_kept, .timeout = 10)
{
	struct page p = render("# x\n", "static { braces } only", "");

	cr_expect_str_eq(p.html, "static { braces } only");
	page_release(&p);
}

Test(page, default_layout_when_null, .timeout = 10)
{
	struct page p = render("# Hi & bye\n\ntext\n", NULL, "../");

	cr_expect_eq(strncmp(p.html, "<!doctype html>", 15), 0);
	cr_expect(strstr(p.html, "<title>Hi &amp; bye</title>"), "%s", p.html);
	cr_expect(strstr(p.html, "<main id=\"content\">\n<h1 id=\"hi--bye\">"
	    "Hi &amp; bye<a class=\"anchor\" href=\"#hi--bye\""),
	    "%s", p.html);
	cr_expect(strstr(p.html, "<p>text</p>\n"), "%s", p.html);
	cr_expect_null(strstr(p.html, "{{"), "placeholder left in %s",
	    p.html);
	cr_expect_null(strstr(p.html, "http"), "external request in %s",
	    p.html);
	cr_expect(strstr(p.html, "prefers-color-scheme:dark"));
	cr_expect(strstr(p.html, "@media print"));
	cr_expect(strstr(layout_default(), "{{ title }}"));
	cr_expect(strstr(layout_default(), "{{ content }}"));
	cr_expect(strstr(layout_default(), "{{ nav }}"));
	cr_expect(strstr(layout_default(), "{{ toc }}"));
	page_release(&p);
}

/* Markdown: GitHub dialect */

Test(page, table_rendered, .timeout = 10)
{
	char *c = content("| a | b |\n|---|--:|\n| 1 | 2 |\n");

	cr_expect(strstr(c, "<table>"), "%s", c);
	cr_expect(strstr(c, "<th>a</th>"), "%s", c);
	cr_expect(strstr(c, "<td>1</td>"), "%s", c);
	cr_expect(strstr(c, "align=\"right\""), "%s", c);
	cr_expect(strstr(c, "</table>"), "%s", c);
	free(c);
}

Test(page, github_extensions, .timeout = 10)
{
	char *c = content("~~gone~~\n\n- [x] done\n- [ ] todo\n\n"
	    "see https://example.com/x\n\n<div class=\"raw\">kept</div>\n");

	cr_expect(strstr(c, "<del>gone</del>"), "%s", c);
	cr_expect(strstr(c, "type=\"checkbox\""), "%s", c);
	cr_expect(strstr(c, "checked"), "%s", c);
	cr_expect(strstr(c, "<a href=\"https://example.com/x\">"), "%s", c);
	cr_expect(strstr(c, "<div class=\"raw\">kept</div>"), "%s", c);
	free(c);
}

Test(page, utf8_bom_skipped, .timeout = 10)
{
	char *c = content("\xef\xbb\xbfHello\n");

	cr_expect_str_eq(c, "<p>Hello</p>\n");
	free(c);
}

Test(page, empty_source, .timeout = 10)
{
	struct page p;

	cr_assert_eq(render_as("", "[{{ title }}|{{ content }}]", "", "a.md",
	    "empty", &p), 0);
	cr_expect_str_eq(p.title, "empty");
	cr_expect_str_eq(p.html, "[empty|]");
	page_release(&p);
}

/* Which names are Markdown pages: ".md" or ".markdown" in any case, after
 * a name. */
Test(page, is_markdown)
{
	cr_assert(page_is_markdown("a.md"));
	cr_assert(page_is_markdown("README.MD"));
	cr_assert(page_is_markdown("x.Md"));
	cr_assert_not(page_is_markdown(".md"));
	cr_assert_not(page_is_markdown("a.mdx"));
	cr_assert_not(page_is_markdown("a.md~"));
	cr_assert_not(page_is_markdown("md"));
	cr_assert(page_is_markdown("a.markdown"));
	cr_assert(page_is_markdown("CHANGES.MarkDown"));
	cr_assert_not(page_is_markdown(".markdown"));
	cr_assert_not(page_is_markdown("a.markdown~"));
	cr_expect_eq(page_markdown_ext("a.markdown", 10), 9);
	cr_expect_eq(page_markdown_ext("a.md#x", 4), 3);
	cr_expect_eq(page_markdown_ext("a.txt", 5), 0);
}

Test(page, fallback_title_from_the_path, .timeout = 10)
{
	const char *cases[][2] = {
		{ "a.md", "A" }, { "a.markdown", "A" }, { "b.MarkDown", "B" },
		{ "index.md", "Home" }, { "README.markdown", "Home" },
		{ "sub/index.markdown", "Sub" }, { "x/sub/README.md", "Sub" },
		{ "x/notes.v2.markdown", "Notes.v2" },
		{ "getting-started.md", "Getting started" },
		{ "api_guide/index.md", "Api guide" }, { "CLI.md", "CLI" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *t = page_fallback_title(cases[i][0]);

		cr_expect_str_eq(t, cases[i][1], "%s", cases[i][0]);
		free(t);
	}
}
