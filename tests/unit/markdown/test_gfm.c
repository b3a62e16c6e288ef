/* test_gfm.c - pages rendered as GitHub renders them (cmark-gfm), where
 * md4c 0.4.8 did not: each case is one of md4c's bugs, or a feature it
 * lacked (footnotes, emoji shortcodes, task lists) */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "gfm.h"
#include "links.h"
#include "page.h"

/* The body's HTML as gfm.h makes it (a new string). */
static char *
html_of(const char *md)
{
	struct gfm_doc *d = gfm_parse(md, strlen(md));
	struct buf b = BUF_INIT;

	gfm_html(d, &b);
	gfm_free(d);
	buf_terminate(&b);
	return b.p;
}

#define EXPECT_HTML(md, want) do { \
	char *h_ = html_of(md); \
	cr_expect_str_eq(h_, want, "for <<%s>>", md); \
	free(h_); \
} while (0)

/* md4c printed "&lt;!--" as text when a comment opened at a line's end. */
Test(gfm, comment_opened_at_line_end_is_raw_html, .timeout = 10)
{
	EXPECT_HTML("a <!--\nignore -->\nb\n",
	    "<p>a <!--\nignore -->\nb</p>\n");
}

/* md4c made debug@2.6.9 a mailto: link; GitHub needs a dot-name domain. */
Test(gfm, version_after_at_is_no_email, .timeout = 10)
{
	EXPECT_HTML("Install debug@2.6.9 now.\n",
	    "<p>Install debug@2.6.9 now.</p>\n");
	EXPECT_HTML("Mail me@example.com.\n", "<p>Mail <a href=\"mailto:"
	    "me@example.com\">me@example.com</a>.</p>\n");
}

/* A tab after a closing fence closes it (md4c ran the code block on). */
Test(gfm, closing_fence_followed_by_tab, .timeout = 10)
{
	EXPECT_HTML("```js\nx = 1\n```\t\nafter\n", "<pre><code class=\""
	    "language-js\">x = 1\n</code></pre>\n<p>after</p>\n");
}

/* A raw <h2> line is an HTML block, not a paragraph. */
Test(gfm, raw_heading_line_is_not_wrapped, .timeout = 10)
{
	EXPECT_HTML("<h2>Raw heading</h2>\n\ntext\n",
	    "<h2>Raw heading</h2>\n<p>text</p>\n");
}

/* Single tildes that do not pair around words strike nothing. */
Test(gfm, tilde_approximations_are_not_struck, .timeout = 10)
{
	EXPECT_HTML("Size ~2.5KB (~13%) smaller.\n",
	    "<p>Size ~2.5KB (~13%) smaller.</p>\n");
	EXPECT_HTML("~~gone~~ and ~also~\n",
	    "<p><del>gone</del> and <del>also</del></p>\n");
}

/* \| in a table's code span is a |, as GitHub's table reads the row. */
Test(gfm, escaped_pipe_in_table_code_span, .timeout = 10)
{
	EXPECT_HTML("| a | b |\n|---|---|\n| `x \\| y` | z |\n",
	    "<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n"
	    "</thead>\n<tbody>\n<tr>\n<td><code>x | y</code></td>\n"
	    "<td>z</td>\n</tr>\n</tbody>\n</table>\n");
}

/* A URL right after a quote is autolinked. */
Test(gfm, url_after_quote_is_autolinked, .timeout = 10)
{
	EXPECT_HTML("\"https://example.com/q\" is quoted.\n",
	    "<p>&quot;<a href=\"https://example.com/q\">"
	    "https://example.com/q</a>&quot; is quoted.</p>\n");
}

Test(gfm, footnotes, .timeout = 10)
{
	EXPECT_HTML("Note[^1].\n\n[^1]: See [the guide](guide.md).\n",
	    "<p>Note<sup class=\"footnote-ref\"><a href=\"#fn-1\" "
	    "id=\"fnref-1\" data-footnote-ref>1</a></sup>.</p>\n"
	    "<section class=\"footnotes\" data-footnotes>\n<ol>\n"
	    "<li id=\"fn-1\">\n<p>See <a href=\"guide.md\">the guide</a>. "
	    "<a href=\"#fnref-1\" class=\"footnote-backref\" "
	    "data-footnote-backref aria-label=\"Back to content\">"
	    "\xe2\x86\xa9</a></p>\n</li>\n</ol>\n</section>\n");
}

/* Through the whole page: the footnote's link is rewritten to the page
 * tend makes, and the link scan finds it where it is written. */
Test(gfm, footnote_link_in_page_and_scan, .timeout = 10)
{
	const char md[] = "# T\n\nNote[^a].\n\n[^a]: See [the guide](g.md).\n";
	struct layout l;
	struct page_in in = { .md = md, .len = strlen(md), .rel = "x.md",
		.fallback_title = "x", .layout = &l, .root = "" };
	struct md_links ml = MD_LINKS_INIT;
	struct page p;

	layout_parse(&l, "{{ content }}", "L", NULL, NULL);
	cr_assert_eq(page_render(&in, &p), 0);
	cr_expect(strstr(p.html, "<a href=\"#fn-a\" id=\"fnref-a\""), "%s",
	    p.html);
	cr_expect(strstr(p.html, "<li id=\"fn-a\">\n<p>See <a href=\"g.html\">"
	    "the guide</a>"), "%s", p.html);
	page_release(&p);
	layout_release(&l);
	md_links_scan(md, strlen(md), &ml);
	cr_assert_eq(ml.n, 1);
	cr_expect_str_eq(ml.v[0].href, "g.md");
	cr_expect_eq(ml.v[0].line, 5);
	cr_expect_eq(ml.v[0].col, 11);
	md_links_clear(&ml);
}

Test(gfm, task_list, .timeout = 10)
{
	EXPECT_HTML("- [ ] todo\n- [x] done\n", "<ul>\n<li><input type=\""
	    "checkbox\" disabled=\"\" /> todo</li>\n<li><input type=\""
	    "checkbox\" checked=\"\" disabled=\"\" /> done</li>\n</ul>\n");
}

/* The built-in theme shows no bullet beside a task's checkbox. */
Test(gfm, task_list_has_no_bullet_in_theme, .timeout = 10)
{
	const char *css = layout_default();

	cr_expect(strstr(css, "li:has(>input[type=checkbox]:first-child)"
	    "{list-style:none}"));
}

/* Only the {{ content }} of md, through the whole page (a new string). */
static char *
page_of(const char *md)
{
	struct layout l;
	struct page_in in = { .md = md, .len = strlen(md), .rel = "x.md",
		.fallback_title = "x", .layout = &l, .root = "" };
	struct page p;
	char *h;

	layout_parse(&l, "{{ content }}", "L", NULL, NULL);
	cr_assert_eq(page_render(&in, &p), 0);
	h = p.html;
	p.html = NULL;
	page_release(&p);
	layout_release(&l);
	return h;
}

#define EXPECT_PAGE(md, want) do { \
	char *h_ = page_of(md); \
	cr_expect_str_eq(h_, want, "for <<%s>>", md); \
	free(h_); \
} while (0)

Test(gfm, emoji_shortcodes, .timeout = 10)
{
	EXPECT_PAGE(":heart: :+1: :foo: a:smile:b\n",
	    "<p>\xe2\x9d\xa4\xef\xb8\x8f \xf0\x9f\x91\x8d :foo: "
	    "a\xf0\x9f\x98\x84" "b</p>\n");
	EXPECT_PAGE("**:tada:** [:rocket:](r.md) _:white_check_mark:_\n",
	    "<p><strong>\xf0\x9f\x8e\x89</strong> <a href=\"r.html\">"
	    "\xf0\x9f\x9a\x80</a> <em>\xe2\x9c\x85</em></p>\n");
	/* in raw HTML's text too, as GitHub's filter works on the HTML */
	EXPECT_PAGE("<div align=\"center\">\n:heart:\n</div>\n",
	    "<div align=\"center\">\n\xe2\x9d\xa4\xef\xb8\x8f\n</div>\n");
}

/* Never in code, a tag (a URL, an alt text), a comment or a script. */
Test(gfm, no_emoji_in_code_tags_or_comments, .timeout = 10)
{
	EXPECT_PAGE("`:heart:`\n\n```\n:heart:\n```\n",
	    "<p><code>:heart:</code></p>\n<pre><code>:heart:\n"
	    "</code></pre>\n");
	EXPECT_PAGE("<span title=\":heart:\">x</span> ![:heart:](h:heart:.png)"
	    "\n", "<p><span title=\":heart:\">x</span> <img src=\"h:heart:"
	    ".png\" alt=\":heart:\" /></p>\n");
	EXPECT_PAGE("<!-- :heart: -->\n<script>a=':heart:'</script>\n"
	    "<tt>:heart:</tt> :+1:\n", "<!-- :heart: -->\n<script>"
	    "a=':heart:'</script>\n<p><tt>:heart:</tt> \xf0\x9f\x91\x8d</p>\n");
}

/* The heading's id is made before the emoji are shown, as GitHub's
 * (#done-tada); its text and the title show the emoji. */
Test(gfm, emoji_in_heading, .timeout = 10)
{
	EXPECT_PAGE("## Done :tada:\n", "<h2 id=\"done-tada\">Done "
	    "\xf0\x9f\x8e\x89<a class=\"anchor\" href=\"#done-tada\" "
	    "aria-hidden=\"true\" tabindex=\"-1\">#</a></h2>\n");
}

Test(gfm, emoji_in_first_heading, .timeout = 10)
{
	char *h = page_first_heading("# Done :tada:\n", 14);

	cr_assert_not_null(h);
	cr_expect_str_eq(h, "Done \xf0\x9f\x8e\x89");
	free(h);
}

/* Code blocks keep <pre><code class="language-x"> (not GitHub's
 * <pre lang="x">): the highlighting pass reads that form. */
Test(gfm, code_block_class, .timeout = 10)
{
	EXPECT_HTML("```c {.x}\nint x;\n```\n", "<pre><code class=\""
	    "language-c\">int x;\n</code></pre>\n");
}

/* The tagfilter extension is off: a page's own <style> works. */
Test(gfm, author_style_and_script_kept, .timeout = 10)
{
	EXPECT_HTML("<style>p{color:red}</style>\n\nx <script>f()</script>\n",
	    "<style>p{color:red}</style>\n<p>x <script>f()</script></p>\n");
}

/* A page's tree, kept by the render, serves the link scan of the same
 * bytes once; other bytes are parsed anew. */
Test(gfm, kept_tree_taken_once_for_same_bytes, .timeout = 10)
{
	const char md[] = "[a](a.md)\n", other[] = "[b](b.md)\n";
	struct gfm_doc *d = gfm_parse(md, strlen(md));

	gfm_keep(d, md, strlen(md));
	cr_expect_null(gfm_take(other, strlen(other)));
	cr_expect_null(gfm_take(md, strlen(md) - 1));
	d = gfm_take(md, strlen(md));
	cr_expect_not_null(d);
	cr_expect_null(gfm_take(md, strlen(md)));
	gfm_free(d);
}

/* Rendering a page then scanning its links gives what a scan alone gives. */
Test(gfm, links_after_render_same_as_alone, .timeout = 10)
{
	const char md[] = "---\nx: 1\n---\n# T\n\n- [a](a.md) <b>\n  <a href=\"c\">"
	    "c</a>\n";
	struct md_links alone = MD_LINKS_INIT, after = MD_LINKS_INIT;
	struct layout l;
	struct page_in in = { .md = md, .len = strlen(md), .rel = "x.md",
		.fallback_title = "x", .layout = &l, .root = "" };
	struct page p;

	md_links_scan(md, strlen(md), &alone);
	layout_parse(&l, "{{ content }}", "L", NULL, NULL);
	cr_assert_eq(page_render(&in, &p), 0);
	md_links_scan(md, strlen(md), &after);
	cr_assert_eq(alone.n, 2);
	cr_assert_eq(after.n, alone.n);
	for (size_t i = 0; i < alone.n; i++) {
		cr_expect_str_eq(after.v[i].href, alone.v[i].href);
		cr_expect_eq(after.v[i].line, alone.v[i].line);
		cr_expect_eq(after.v[i].col, alone.v[i].col);
	}
	cr_expect_eq(alone.v[1].line, 7);
	cr_expect_eq(alone.v[1].col, 3);
	page_release(&p);
	layout_release(&l);
	md_links_clear(&alone);
	md_links_clear(&after);
}

/* The first heading from a parse of the text up to it: the same as from
 * the whole text, also when what follows matters. */
Test(gfm, first_heading_from_a_prefix, .timeout = 10)
{
	static const struct { const char *md, *want; } cases[] = {
		{ "# [Title][r] x\n\n[r]: https://r\n", "Title x" },
		{ "# Fn[^1]\n\n[^1]: note\n", "Fn" },
		{ "```\n# in code\n```\n\nSetext\n===\n", "Setext" },
		{ "a | b\n--- | ---\n1 | 2\n\n## After\n", "After" },
		{ "Para\n---\n", "Para" },
		{ "<!--\n# in a comment\n-->\n# Real\n", "Real" },
		{ "- item\n\n  # In a list\n", "In a list" },
		{ "text\n\n---\n\nno heading\n", NULL },
		{ "    # indented code\n", NULL },
	};

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *h = page_first_heading(cases[i].md, strlen(cases[i].md));

		if (cases[i].want)
			cr_expect_str_eq(h ? h : "(null)", cases[i].want,
			    "for <<%s>>", cases[i].md);
		else
			cr_expect_null(h, "for <<%s>>: %s", cases[i].md, h);
		free(h);
	}
}

/* Four threads render pages with strikethrough and autolinks, as a build's
 * workers do: each page must come out whole. cmark-gfm switches those
 * extensions' characters on and off in one global table per parse; with
 * inline passes in parallel, a thread now and then got `~~x~~` as text
 * (seen under ASan by the helper that measured the arena). */
#define RACE_THREADS 4
#define RACE_PAGES 400

static void *
race(void *arg)
{
	static const char md[] = "a ~~gone~~ b www.example.com c "
	    "~~again~~ d https://example.org/x e\n";
	unsigned *bad = arg;

	for (int i = 0; i < RACE_PAGES; i++) {
		char *h = html_of(md);

		if (!strstr(h, "<del>gone</del>") ||
		    !strstr(h, "<del>again</del>") ||
		    !strstr(h, "href=\"http://www.example.com\"") ||
		    !strstr(h, "href=\"https://example.org/x\""))
			(*bad)++;
		free(h);
	}
	return NULL;
}

Test(gfm, threads_render_extensions_whole, .timeout = 60)
{
	pthread_t t[RACE_THREADS];
	unsigned bad[RACE_THREADS] = { 0 }, total = 0;

	for (int i = 0; i < RACE_THREADS; i++)
		cr_assert_eq(pthread_create(&t[i], NULL, race, &bad[i]), 0);
	for (int i = 0; i < RACE_THREADS; i++) {
		pthread_join(t[i], NULL);
		total += bad[i];
	}
	cr_expect_eq(total, 0, "%u of %d pages lost an extension's inline",
	    total, RACE_THREADS * RACE_PAGES);
}
