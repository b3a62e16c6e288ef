/* test_docs.c - a real-style docs tree: anchors, README indexes, nav,
 * drafts, placeholders, incremental rebuilds */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "harness.h"

static struct tend_proc t;
static char *tmp;

static void
teardown(void)
{
	tp_teardown(&t, &tmp);
}

TestSuite(docs, .fini = teardown, .timeout = 90);

/* write_file() after making the folders of rel. */
static void
put(const char *dir, const char *rel, const char *content)
{
	char path[2048];

	snprintf(path, sizeof path, "%s/%s", dir, rel);
	for (char *p = path + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(path, 0755);
			*p = '/';
		}
	write_file(dir, rel, content);
}

static int
run(const char *const *args)
{
	tp_start(&t, NULL, args);
	cr_assert(tp_wait_exit(&t, 60000), "tend did not end: %s", t.err);
	cr_assert(WIFEXITED(t.status), "status %#x: %s", t.status, t.err);
	return WEXITSTATUS(t.status);
}

/* A docs tree as projects write them: README.md per folder, links to
 * README.md and to page.md#section, headings with punctuation and code,
 * duplicates, an explicit id, a draft nothing links to. */
static void
make_docs(const char *src)
{
	put(src, "README.md", "# Project X\n\n"
	    "See the [user guide](docs/user-guide/README.md), the "
	    "[CLI options](docs/reference/cli.md#command-line-options) and "
	    "[what's new](docs/changelog.md#v20--2024-01-01).\n\n"
	    "## Quick start\n\n[Install](docs/user-guide/install.md#on-debian"
	    "--ubuntu) first.\n\n## FAQ\n\n### Why `tend`?\n\nSee "
	    "[why](#why-tend).\n");
	put(src, "docs/changelog.md", "---\ntitle: Changelog\n"
	    "order: 99\n---\n# Changes\n\n## v2.0 — 2024-01-01\n\n- new\n\n"
	    "## v1.0\n\n- first\n");
	put(src, "docs/user-guide/README.md", "---\norder: 1\n---\n"
	    "# User guide\n\nRead [install](install.md) then "
	    "[configure](configure.md#options). Back to the "
	    "[project](../../README.md#quick-start).\n");
	put(src, "docs/user-guide/install.md", "---\norder: 1\n"
	    "description: Installing X\n---\n# Install\n\n"
	    "## On Debian / Ubuntu\n\n`apt-get install x`\n\n"
	    "## From source {#source}\n\nSee [below](#source).\n");
	put(src, "docs/user-guide/configure.md", "---\norder: 2\n---\n"
	    "# Configure\n\n## Options\n\ntext\n\n## Options\n\n"
	    "[The second](#options-1), [the guide](./README.md), "
	    "[the index](index.md).\n");
	put(src, "docs/user-guide/index.md", "# Guide index\n\n"
	    "Both an index.md and a README.md.\n");
	put(src, "docs/reference/readme.md", "# Reference\n\n"
	    "- [CLI](cli.md)\n");
	put(src, "docs/reference/cli.md", "# CLI\n\n"
	    "## Command-line options\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
	    "## 日本語\n\n[self](#日本語)\n");
	put(src, "docs/reference/wip.md", "---\ndraft: true\n"
	    "title: Work in progress\n---\n# WIP\n");
}

Test(docs, real_style_tree_passes_check)
{
	char src[1024], out[1024], *s;

	tmp = tmp_dir();
	snprintf(src, sizeof src, "%s/src", tmp);
	snprintf(out, sizeof out, "%s/out", tmp);
	make_docs(src);
	cr_assert_eq(run((const char *const[]){ "check", src, "-o", out,
	    NULL }), 0, "stdout:\n%s\nstderr:\n%s", t.out, t.err);
	cr_assert(strstr(t.out, " links checked: 0 broken\n"), "%s", t.out);
	cr_assert(strstr(t.out, "9 pages, "), "the draft is not checked "
	    "(404.html is): %s",
	    t.out);
	cr_assert(strstr(t.err, "docs/user-guide: both index.md and "
	    "README.md: index.md is the folder's index"), "%s", t.err);

	/* tend build: the same names, no draft. */
	tp_cleanup(&t);
	cr_assert_eq(run((const char *const[]){ "build", src, "-o", out,
	    NULL }), 0, "%s", t.err);
	cr_assert(file_exists(out, "index.html"));
	cr_assert(file_exists(out, "docs/reference/index.html"));
	cr_assert(file_exists(out, "docs/user-guide/README.html"));
	cr_assert_not(file_exists(out, "docs/reference/wip.html"));
	s = read_file(out, "index.html");
	cr_assert(strstr(s, "<h3 id=\"why-tend\">Why <code>tend</code>?"),
	    "%s", s);
	cr_assert(strstr(s, "href=\"docs/user-guide/README.html\""), "%s", s);
	cr_assert_null(strstr(s, "Work in progress"), "draft in nav: %s", s);
	free(s);
	s = read_file(out, "docs/user-guide/install.html");
	cr_assert(strstr(s, "<meta name=\"description\" content=\"Installing "
	    "X\">"), "%s", s);
	cr_assert(strstr(s, "<a aria-current=\"page\" href=\"../../docs/"
	    "user-guide/install.html\">Install</a>"), "%s", s);
	cr_assert(strstr(s, "<li><a href=\"#source\">From source</a>"), "%s",
	    s);
	free(s);
}

Test(docs, broken_anchor_still_reported)
{
	char src[1024], out[1024];

	tmp = tmp_dir();
	snprintf(src, sizeof src, "%s/src", tmp);
	snprintf(out, sizeof out, "%s/out", tmp);
	make_docs(src);
	put(src, "docs/changelog.md", "# Changes\n\n## v2.0 — 2024-01-01\n\n"
	    "[bad](reference/cli.md#no-such-section)\n");
	cr_assert_eq(run((const char *const[]){ "check", src, "-o", out,
	    NULL }), 1, "%s\n%s", t.out, t.err);
	cr_assert(strstr(t.out, "/docs/changelog.html: reference/cli.html"
	    "#no-such-section → no such fragment #no-such-section"), "%s",
	    t.out);
	cr_assert(strstr(t.out, ": 1 broken\n"), "%s", t.out);
}

Test(docs, drafts_built_with_flag_and_served_with_banner)
{
	char src[1024], out[1024], url[256], *s, *body = NULL;

	tmp = tmp_dir();
	snprintf(src, sizeof src, "%s/src", tmp);
	snprintf(out, sizeof out, "%s/out", tmp);
	make_docs(src);
	cr_assert_eq(run((const char *const[]){ "build", src, "-o", out,
	    "--drafts", NULL }), 0, "%s", t.err);
	s = read_file(out, "docs/reference/wip.html");
	cr_assert_not_null(s);
	cr_assert(strstr(s, "class=\"draft-banner\""), "%s", s);
	free(s);
	tp_cleanup(&t);
	tp_serve(&t, src, NULL);
	snprintf(url, sizeof url, "%s/docs/reference/wip.html", t.url);
	cr_assert(http_wait_body(url, "<strong>Draft</strong>", 10000));
	snprintf(url, sizeof url, "%s/", t.url);
	cr_assert_eq(http_get(url, &body), 200);
	cr_assert(strstr(body, "Work in progress"), "served nav: %s", body);
	cr_assert_null(strstr(body, "draft-banner\""), "%s", body);
	free(body);
}

Test(docs, unknown_placeholder_warns_and_strict_fails)
{
	char src[1024], out[1024];

	tmp = tmp_dir();
	snprintf(src, sizeof src, "%s/src", tmp);
	snprintf(out, sizeof out, "%s/out", tmp);
	put(src, "_layout.html", "<title>{{ title }}</title>\n"
	    "{{ content }}\n<p>{{ sitename }}</p>{{ page.author }}\n");
	put(src, "a.md", "---\nauthor: Ann\n---\n# A\n");
	put(src, "b.md", "# B\n");
	cr_assert_eq(run((const char *const[]){ "build", src, "-o", out,
	    NULL }), 0, "%s", t.err);
	cr_assert(strstr(t.err, "_layout.html:3: unknown placeholder "
	    "'{{ sitename }}'"), "%s", t.err);
	cr_assert(strstr(t.err, "b.md: {{ page.author }} (_layout.html:3) "
	    "names nothing"), "%s", t.err);
	cr_assert_null(strstr(t.err, "a.md:"), "%s", t.err);
	tp_cleanup(&t);
	cr_assert_eq(run((const char *const[]){ "build", src, "-o", out,
	    "--strict", NULL }), 1, "%s", t.err);
	cr_assert(strstr(t.err, "2 warnings, and --strict makes them errors"),
	    "%s", t.err);
}

/* Real YAML front matter reaches the layout (a nested key, a list, a
 * block scalar); a block that is not YAML is a warning naming the page and
 * line, an error with --strict, and the page keeps its one-line keys. */
Test(docs, yaml_front_matter_and_its_errors)
{
	char src[1024], out[1024], *html;

	tmp = tmp_dir();
	snprintf(src, sizeof src, "%s/src", tmp);
	snprintf(out, sizeof out, "%s/out", tmp);
	put(src, "_layout.html", "<title>{{ title }}</title>{{ content }}"
	    "<p>{{ page.author.name }}|{{ page.tags }}|{{ description }}"
	    "</p>\n");
	put(src, "a.md", "---\ntitle: Yaml page\nauthor:\n  name: Ann\n"
	    "tags:\n  - cli\n  - web\ndescription: >\n  One\n  line.\n"
	    "---\nBody\n");
	put(src, "b.md", "---\ntitle: Broken\ntags: [a, b\n---\nBody\n");
	cr_assert_eq(run((const char *const[]){ "build", src, "-o", out,
	    NULL }), 0, "%s", t.err);
	html = read_file(out, "a.html");
	cr_assert_not_null(html);
	cr_expect(strstr(html, "<title>Yaml page</title>"), "%s", html);
	cr_expect(strstr(html, "<p>Ann|cli, web|One line.\n</p>"), "%s",
	    html);
	free(html);
	html = read_file(out, "b.html");
	cr_assert_not_null(html);
	cr_expect(strstr(html, "<title>Broken</title>"), "%s", html);
	free(html);
	cr_assert(strstr(t.err, "b.md:3: front matter: ") ||
	    strstr(t.err, "b.md:4: front matter: "), "%s", t.err);
	cr_assert_null(strstr(t.err, "a.md:"), "%s", t.err);
	tp_cleanup(&t);
	cr_assert_eq(run((const char *const[]){ "build", src, "-o", out,
	    "--strict", NULL }), 1, "%s", t.err);
}

/* Append a marker to the live output's rel: a page rendered again loses
 * it, a page kept from the live generation keeps it. */
static void
mark(const char *out, const char *rel)
{
	char *s = read_file(out, rel), *m;

	cr_assert_not_null(s, "no %s", rel);
	m = malloc(strlen(s) + 32);
	strcpy(m, s);
	strcat(m, "<!-- kept -->");
	write_file(out, rel, m);
	free(m);
	free(s);
}

static bool
marked(const char *out, const char *rel)
{
	char *s = read_file(out, rel);
	bool r = s && strstr(s, "<!-- kept -->");

	free(s);
	return r;
}

Test(docs, body_edit_renders_one_page_title_edit_renders_nav)
{
	char src[1024], out[1024], url[256];

	tmp = tmp_dir();
	snprintf(src, sizeof src, "%s/src", tmp);
	snprintf(out, sizeof out, "%s/src/_site", tmp);
	make_docs(src);
	tp_serve(&t, src, NULL);
	cr_assert(tp_wait_builds(&t, 1, 20000), "%s", t.err);
	mark(out, "docs/reference/cli.html");
	mark(out, "index.html");
	put(src, "docs/changelog.md", "---\ntitle: Changelog\n"
	    "order: 99\n---\n# Changes\n\nNew body.\n");
	cr_assert(tp_wait_builds(&t, 2, 20000), "%s", t.err);
	snprintf(url, sizeof url, "%s/docs/changelog.html", t.url);
	cr_assert(http_wait_body(url, "New body.", 10000));
	cr_assert(marked(out, "docs/reference/cli.html"),
	    "a body edit rendered another page again");
	cr_assert(marked(out, "index.html"));
	put(src, "docs/changelog.md", "---\ntitle: History\n"
	    "order: 99\n---\n# Changes\n\nNew body.\n");
	cr_assert(tp_wait_builds(&t, 3, 20000), "%s", t.err);
	snprintf(url, sizeof url, "%s/docs/reference/cli.html", t.url);
	cr_assert(http_wait_body(url, ">History</a>", 10000),
	    "the new title is not in another page's nav");
	cr_assert_not(marked(out, "index.html"));
	/* A new page is in every page's nav. */
	put(src, "docs/new.md", "# Brand new\n");
	cr_assert(tp_wait_builds(&t, 4, 20000), "%s", t.err);
	cr_assert(http_wait_body(url, ">Brand new</a>", 10000));
}

/* GitHub's footnotes: the references' #fn-x and the back links' #fnref-x
 * resolve, and a footnote whose text is a link is a link like any other
 * (it was a mangled link under md4c, which check reported); a broken one
 * is reported at its source line. */
Test(docs, footnotes_pass_check_and_their_links_are_checked)
{
	char src[1024], out[1024], *s;

	tmp = tmp_dir();
	snprintf(src, sizeof src, "%s/src", tmp);
	snprintf(out, sizeof out, "%s/out", tmp);
	put(src, "README.md", "# Home\n\nA claim[^1] and another[^note]. "
	    ":tada:\n\n- [x] done\n- [ ] todo\n\n"
	    "[^1]: See [the guide](guide.md#setup).\n"
	    "[^note]: https://example.invalid/ is not followed.\n");
	put(src, "guide.md", "# Guide\n\n## Setup\n\ntext\n");
	cr_assert_eq(run((const char *const[]){ "check", src, "-o", out,
	    NULL }), 0, "stdout:\n%s\nstderr:\n%s", t.out, t.err);
	cr_assert(strstr(t.out, " links checked: 0 broken\n"), "%s", t.out);
	s = read_file(out, "index.html");
	cr_assert(strstr(s, "<a href=\"#fn-1\" id=\"fnref-1\""), "%s", s);
	cr_assert(strstr(s, "<li id=\"fn-1\">\n<p>See <a href=\"guide.html"
	    "#setup\">the guide</a>"), "%s", s);
	cr_assert(strstr(s, "\xf0\x9f\x8e\x89"), "emoji: %s", s);
	cr_assert(strstr(s, "<li><input type=\"checkbox\" checked=\"\" "
	    "disabled=\"\" /> done</li>"), "%s", s);
	free(s);

	tp_cleanup(&t);
	put(src, "README.md", "# Home\n\nA claim[^1].\n\n"
	    "[^1]: See [the guide](gone.md).\n");
	cr_assert_eq(run((const char *const[]){ "check", src, "-o", out,
	    NULL }), 1, "%s\n%s", t.out, t.err);
	cr_assert(strstr(t.out, "README.md:5"), "the footnote's line: %s",
	    t.out);
	cr_assert(strstr(t.out, ": 1 broken\n"), "%s", t.out);
}
