/* test_theme.c - the docs theme's extras, its 404 page and {{#include}} */
#include <criterion/criterion.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"

static struct tend_proc t;
static char *site;

static void
teardown(void)
{
	tp_teardown(&t, &site);
}

TestSuite(theme, .fini = teardown, .timeout = 60);

/* A site with the built-in layout: a home, a chapter in a folder that
 * includes part of a listing (no page) into a code block. */
static char *
book(void)
{
	char *d = tmp_dir();

	write_file(d, "index.md", "# Home\n\nSee [chapter one](guide/ch1.md).\n");
	write_file(d, "guide/ch1.md", "# Chapter one\n\n```rust\n"
	    "{{#include ../listings/main.rs:main}}\n```\n\n"
	    "Line two: {{#include ../listings/main.rs:2}}\n");
	write_file(d, "listings/main.rs", "// ANCHOR: main\nfn main() {\n"
	    "    println!(\"first\");\n}\n// ANCHOR_END: main\n");
	return d;
}

/* `tend build SITE EXTRA...`; asserts it exits with status want. */
static void
build(const char *extra, int want)
{
	tp_start(&t, NULL, (const char *const[]){ "build", site, extra,
	    NULL });
	cr_assert(tp_wait_exit(&t, 20000), "build hangs: %s", t.err);
	cr_assert(WIFEXITED(t.status) && WEXITSTATUS(t.status) == want,
	    "status %#x, want %d: %s", t.status, want, t.err);
}

/* GET path from the server t runs; the status, body in *body. */
static long
get(const char *path, char **body)
{
	char url[256];

	snprintf(url, sizeof url, "%s%s", t.url, path);
	return http_get(url, body);
}

/* Each href="X" of html that is a path (not "#", not a scheme), resolved
 * from the output's root, names a file of out; how many were checked. */
static int
links_resolve_from_root(const char *out, const char *html)
{
	int n = 0;

	for (const char *p = html; (p = strstr(p, "href=\"")); ) {
		const char *v = p + 6, *e = strchr(v, '"');
		char rel[512];

		cr_assert(e);
		p = e;
		if (*v == '#' || e == v || memchr(v, ':', (size_t)(e - v)))
			continue;
		snprintf(rel, sizeof rel, "%.*s", (int)(e - v), v);
		if ((strchr(rel, '#')))
			*strchr(rel, '#') = '\0';
		if (!strcmp(rel, "/") || !strcmp(rel, "./") || !*rel)
			snprintf(rel, sizeof rel, "index.html");
		cr_expect(file_exists(out, *rel == '/' ? rel + 1 : rel),
		    "404.html links to '%s', which is not in the output", rel);
		n++;
	}
	return n;
}

Test(theme, build_writes_a_styled_404_page_whose_links_work)
{
	char out[512], *html;

	site = book();
	build(NULL, 0);
	snprintf(out, sizeof out, "%s/_site", site);
	cr_assert(file_exists(out, "404.html"), "%s", t.err);
	html = read_file(out, "404.html");
	cr_expect(strstr(html, "<h1 id=\"page-not-found\">Page not found"),
	    "%s", html);
	cr_expect(strstr(html, "<title>Page not found"), "%s", html);
	cr_expect(strstr(html, "<style>"), "the built-in styles");
	cr_expect(strstr(html, "class=\"sidebar\""), "the nav");
	/* served for /a/b/missing too: links are taken from the root */
	cr_expect(strstr(html, "<head>\n<script>if(!/\\/404\\.html$/.test("
	    "location.pathname)){var b=document.createElement('base');"
	    "b.href='/';"), "%s", html);
	cr_expect(strstr(html, "<a href=\"guide/ch1.html\">Chapter one</a>"),
	    "%s", html);
	cr_expect_null(strstr(html, "aria-current=\"page\""), "none current");
	cr_expect_null(strstr(html, "href=\"#"), "fragments: 404.html#x");
	cr_expect_geq(links_resolve_from_root(out, html), 4);
	free(html);
	/* and tend check finds nothing wrong with it */
	tp_cleanup(&t);
	tp_start(&t, NULL, (const char *const[]){ "check", site, NULL });
	cr_assert(tp_wait_exit(&t, 30000), "check hangs: %s", t.err);
	cr_expect(WIFEXITED(t.status) && WEXITSTATUS(t.status) == 0,
	    "status %#x: %s %s", t.status, t.out, t.err);
	cr_expect(strstr(t.out, "0 broken"), "%s", t.out);
	/* also below a base path: links are judged where the file lies */
	tp_cleanup(&t);
	tp_start(&t, NULL, (const char *const[]){ "check", site, "--base",
	    "/repo/", NULL });
	cr_assert(tp_wait_exit(&t, 30000), "check hangs: %s", t.err);
	cr_expect(WIFEXITED(t.status) && WEXITSTATUS(t.status) == 0,
	    "status %#x: %s %s", t.status, t.out, t.err);
	cr_expect(strstr(t.out, "0 broken"), "%s", t.out);
}

Test(theme, a_404_page_of_your_own_wins)
{
	char out[512], *html;

	site = book();
	write_file(site, "404.md", "# Lost\n\nThis is our own lost page.\n");
	build(NULL, 0);
	snprintf(out, sizeof out, "%s/_site", site);
	html = read_file(out, "404.html");
	cr_expect(strstr(html, "our own lost page"), "%s", html);
	cr_expect_null(strstr(html, "Page not found"), "%s", html);
	cr_expect_null(strstr(html, "createElement('base')"), "%s", html);
	free(html);
}

Test(theme, serve_answers_a_missing_path_with_the_404_page)
{
	char *body = NULL;

	site = book();
	tp_serve(&t, site, NULL);
	cr_assert(tp_wait_builds(&t, 1, 10000), "%s", t.err);
	cr_expect_eq(get("/nope", &body), 404);
	cr_assert(body);
	cr_expect(strstr(body, "Page not found"), "%s", body);
	cr_expect(strstr(body, "__tend/client.js"), "live reload: %s", body);
	free(body);
	body = NULL;
	cr_expect_eq(get("/guide/deep/er/missing.html", &body), 404);
	cr_expect(body && strstr(body, "b.href='/'"), "%s", body);
	free(body);
}

/* html without the highlighter's <span class="tok-x"> and </span>, in
 * place: the text as included. */
static char *
unhighlight(char *html)
{
	char *r = html, *w = html;

	while (*r) {
		if (!strncmp(r, "<span class=\"tok-", 17)) {
			r = strchr(r, '>') + 1;
			continue;
		}
		if (!strncmp(r, "</span>", 7)) {
			r += 7;
			continue;
		}
		*w++ = *r++;
	}
	*w = '\0';
	return html;
}

Test(theme, includes_fill_code_blocks)
{
	char out[512], *html;

	site = book();
	build(NULL, 0);
	snprintf(out, sizeof out, "%s/_site", site);
	html = unhighlight(read_file(out, "guide/ch1.html"));
	cr_expect(strstr(html, "<code class=\"language-rust\">fn main() {\n"
	    "    println!(&quot;first&quot;);\n}\n</code>"), "%s", html);
	cr_expect(strstr(html, "Line two: fn main() {"), "%s", html);
	cr_expect_null(strstr(html, "ANCHOR"), "%s", html);
	cr_expect_null(strstr(t.err, "warning"), "%s", t.err);
	free(html);
	/* the listing is still published as it is */
	cr_expect(file_exists(out, "listings/main.rs"));
}

/* A book inside a git repository (mdBook's own guide/): its src/ includes
 * from the repository's examples/, above the book's book.toml; without the
 * repository the book's folder is as far as reads go. */
Test(theme, includes_reach_the_git_repository_of_a_book)
{
	char src[512], out[512], git[512], *html, *home;

	site = tmp_dir();
	write_file(site, ".git/config", "[core]\n");
	write_file(site, "examples/nop.rs", "fn nop() {}\n");
	write_file(site, "guide/book.toml", "[book]\ntitle = \"G\"\n");
	write_file(site, "guide/src/dev/pre.md", "# Pre\n\n```rust\n"
	    "{{#include ../../../examples/nop.rs}}\n```\n");
	snprintf(src, sizeof src, "%s/guide/src", site);
	snprintf(out, sizeof out, "%s/out", site);
	tp_start(&t, NULL, (const char *const[]){ "build", src, "-o", out,
	    "--strict", NULL });
	cr_assert(tp_wait_exit(&t, 20000), "build hangs: %s", t.err);
	cr_assert(WIFEXITED(t.status) && WEXITSTATUS(t.status) == 0,
	    "status %#x: %s", t.status, t.err);
	html = unhighlight(read_file(out, "dev/pre.html"));
	cr_expect(strstr(html, "fn nop() {}"), "%s", html);
	free(html);
	tp_cleanup(&t);
	/* a repository at the home folder (dotfiles) is no book's project */
	home = getenv("HOME") ? strdup(getenv("HOME")) : NULL;
	cr_assert_eq(setenv("HOME", site, 1), 0);
	tp_start(&t, NULL, (const char *const[]){ "build", src, "-o", out,
	    NULL });
	cr_assert(tp_wait_exit(&t, 20000), "build hangs: %s", t.err);
	cr_expect(strstr(t.err, "is outside the project's folder"), "%s",
	    t.err);
	tp_cleanup(&t);
	cr_assert_eq(home ? setenv("HOME", home, 1) : unsetenv("HOME"), 0);
	free(home);
	snprintf(git, sizeof git, "%s/.git/config", site);
	cr_assert_eq(unlink(git), 0);
	cr_assert_eq(rmdir(dirname(git)), 0);
	tp_start(&t, NULL, (const char *const[]){ "build", src, "-o", out,
	    NULL });
	cr_assert(tp_wait_exit(&t, 20000), "build hangs: %s", t.err);
	cr_expect(strstr(t.err, "dev/pre.md:4: '{{#include ../../../examples/"
	    "nop.rs}}' is left as it is: '../../../examples/nop.rs' is outside "
	    "the project's folder"), "%s", t.err);
}

Test(theme, a_missing_include_is_a_warning_and_an_error_when_strict)
{
	site = book();
	write_file(site, "guide/ch2.md", "# Two\n\n```\n{{#include gone.rs}}\n"
	    "```\n");
	build(NULL, 0);
	cr_expect(strstr(t.err, "warning: guide/ch2.md:4: '{{#include gone.rs}}'"
	    " is left as it is: cannot read 'guide/gone.rs'"), "%s", t.err);
	cr_expect_null(strstr(strstr(t.err, "gone.rs") + 1, "ch2.md:4"),
	    "warned once: %s", t.err);
	tp_cleanup(&t);
	build("--strict", 1);
}

/* An edit of an included file (no page) renders the page that includes
 * it; the first build remembers it. */
Test(theme, serve_renders_again_the_pages_that_include_an_edited_file)
{
	char url[256];

	site = book();
	tp_serve(&t, site, NULL);
	cr_assert(tp_wait_builds(&t, 1, 10000), "%s", t.err);
	snprintf(url, sizeof url, "%s/guide/ch1.html", t.url);
	cr_assert(http_wait_body(url, "&quot;first&quot;", 5000));
	write_file(site, "listings/main.rs", "// ANCHOR: main\nfn main() {\n"
	    "    println!(\"second\");\n}\n// ANCHOR_END: main\n");
	cr_expect(http_wait_body(url, "&quot;second&quot;", 10000),
	    "the page was not rendered again: %s", t.err);
	/* and again: the map survives builds */
	write_file(site, "listings/main.rs", "// ANCHOR: main\nfn third() {}\n"
	    "// ANCHOR_END: main\n");
	cr_expect(http_wait_body(url, "third</span>() {}", 10000), "%s",
	    t.err);	/* (highlighted: fn is a keyword, third a function) */
}

Test(theme, extras_extend_the_built_in_layout)
{
	char out[512], *html, *css;

	site = book();
	write_file(site, "_extra.css", ".brand { color: teal }\n");
	write_file(site, "_extra.js", "console.log('extra')\n");
	write_file(site, "_head.html", "<meta name=\"x-head\" "
	    "content=\"{{ title }}\">\n");
	write_file(site, "_header.html", "<div class=\"brand\">Acme</div>\n");
	write_file(site, "_footer.html", "<p class=\"foot\">"
	    "<a href=\"{{ root }}index.html\">Acme home</a></p>\n");
	build(NULL, 0);
	snprintf(out, sizeof out, "%s/_site", site);
	css = read_file(out, "_extra.css");
	cr_expect_str_eq(css, ".brand { color: teal }\n");
	free(css);
	cr_expect(file_exists(out, "_extra.js"));
	cr_expect_not(file_exists(out, "_head.html"));
	html = read_file(out, "guide/ch1.html");
	/* after the built-in styles, at the end of <head> */
	cr_expect(strstr(html, "</style>\n<link rel=\"stylesheet\" "
	    "href=\"../_extra.css\">\n<script src=\"../_extra.js\" defer>"
	    "</script>\n<meta name=\"x-head\" content=\"Chapter one\">\n"
	    "</head>"), "%s", html);
	cr_expect(strstr(html, "Skip to content</a>\n<div class=\"brand\">"
	    "Acme</div>\n"), "%s", html);
	cr_expect(strstr(html, "<p class=\"foot\"><a href=\"../index.html\">"
	    "Acme home</a></p>\n</main>"), "%s", html);
	free(html);
}

/* Under serve an edit of an extra reaches every page. */
Test(theme, serve_takes_an_edit_of_an_extra_to_every_page)
{
	char home[256], ch1[256];

	site = book();
	write_file(site, "_head.html", "<meta name=\"x-v\" content=\"one\">\n");
	tp_serve(&t, site, NULL);
	cr_assert(tp_wait_builds(&t, 1, 10000), "%s", t.err);
	snprintf(home, sizeof home, "%s/", t.url);
	snprintf(ch1, sizeof ch1, "%s/guide/ch1.html", t.url);
	cr_assert(http_wait_body(ch1, "content=\"one\"", 5000));
	write_file(site, "_head.html", "<meta name=\"x-v\" content=\"two\">\n");
	cr_expect(http_wait_body(home, "content=\"two\"", 10000), "%s", t.err);
	cr_expect(http_wait_body(ch1, "content=\"two\"", 10000), "%s", t.err);
}
