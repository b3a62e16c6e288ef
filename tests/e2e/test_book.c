/* test_book.c - a book: SUMMARY.md's order, titles and nesting, the site's
 * name (_tend.yml), the generated home page, edit links; an edit of
 * SUMMARY.md under serve reorders the nav */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"

static struct tend_proc t;
static char *tmp;

static void
teardown(void)
{
	tp_teardown(&t, &tmp);
}

TestSuite(book, .fini = teardown, .timeout = 120);

static int
run(const char *const *args)
{
	tp_start(&t, NULL, args);
	cr_assert(tp_wait_exit(&t, 60000), "tend did not end: %s", t.err);
	cr_assert(WIFEXITED(t.status), "status %#x: %s", t.status, t.err);
	return WEXITSTATUS(t.status);
}

/* A new folder tmp/NAME for the source (src) and where its output goes
 * (out, not made): 1024 bytes each. */
static void
new_site(char *src, char *out, const char *name)
{
	tmp = tmp_dir();
	snprintf(src, 1024, "%s/%s", tmp, name);
	snprintf(out, 1024, "%s/out", tmp);
	mkdir(src, 0755);
}

static const char summary[] =
    "# Summary\n\n"
    "[Foreword](foreword.md)\n\n"
    "# Basics\n\n"
    "- [Getting started](ch02-start.md)\n"
    "    - [Installing it](sub/ch02-01-install.md)\n"
    "    - [Not yet written]()\n"
    "- [Going further](ch10-further.md)\n\n"
    "---\n\n"
    "[Credits](credits.md)\n";

/* A book without an index page: its files sort otherwise (ch10 before
 * ch02 by title, c before f by name). */
static void
make_book(const char *src)
{
	char sub[1024];

	mkdir(src, 0755);
	write_file(src, "SUMMARY.md", summary);
	write_file(src, "foreword.md", "# A foreword\n\nSee [the start]"
	    "(ch02-start.md).\n");
	write_file(src, "ch02-start.md", "# Zebra start\n\nText.\n");
	snprintf(sub, sizeof sub, "%s/sub", src);
	mkdir(sub, 0755);
	write_file(src, "sub/ch02-01-install.md", "# Install\n\nText.\n");
	write_file(src, "ch10-further.md", "# Alpha further\n\nText.\n");
	write_file(src, "credits.md", "# Credits\n\nThanks.\n");
	write_file(src, "unlisted.md", "# Not in the book\n\nStill built.\n");
	write_file(src, "_tend.yml", "site_name: The Tend Book\n"
	    "edit_url: https://example.org/o/r/edit/main/src/{path}\n");
}

/* Where needle is in s (fails if it is not). */
static const char *
at(const char *s, const char *needle)
{
	const char *p = strstr(s, needle);

	cr_assert_not_null(p, "no '%s' in:\n%s", needle, s);
	return p;
}

Test(book, summary_orders_names_and_links)
{
	char src[1024], out[1024], *s;
	const char *main;

	new_site(src, out, "src");
	make_book(src);
	cr_assert_eq(run((const char *const[]){ "check", src, "-o", out,
	    NULL }), 0, "stdout:\n%s\nstderr:\n%s", t.out, t.err);
	cr_expect(strstr(t.out, " 0 broken"), "%s", t.out);
	tp_cleanup(&t);
	cr_assert_eq(run((const char *const[]){ "build", src, "-o", out,
	    NULL }), 0, "%s", t.err);
	cr_expect(!file_exists(out, "SUMMARY.html"), "SUMMARY.md is no page");
	cr_expect(file_exists(out, "unlisted.html"));

	/* the nav: SUMMARY.md's order, titles, numbers, part, draft */
	s = read_file(out, "ch10-further.html");
	cr_assert_lt(at(s, ">Foreword</a>"), at(s, "part-title\">Basics<"));
	cr_assert_lt(at(s, "part-title\">Basics<"), at(s, "</strong> "
	    "Getting started</a>"));
	cr_assert_lt(at(s, "Getting started</a>"), at(s, "1.1.</strong> "
	    "Installing it</a>"));
	cr_assert_lt(at(s, "Installing it</a>"), at(s, "1.2.</strong> "
	    "Not yet written</span>"));
	cr_assert_lt(at(s, "Not yet written"), at(s, "aria-current=\"page\" "
	    "href=\"ch10-further.html\"><strong aria-hidden=\"true\">2."
	    "</strong> Going further</a>"));
	cr_assert_lt(at(s, "Going further</a>"), at(s, "role=\"separator\""));
	cr_assert_lt(at(s, "role=\"separator\""), at(s, ">Credits</a>"));
	cr_expect_null(strstr(s, "Not in the book"), "unlisted: not in the "
	    "nav");
	/* prev/next follow SUMMARY.md; <title> has the site's name */
	at(s, "<a class=\"prev\" rel=\"prev\" href=\"sub/ch02-01-install.html"
	    "\">\xe2\x86\x90 Installing it</a>");
	at(s, "<a class=\"next\" rel=\"next\" href=\"credits.html\">Credits "
	    "\xe2\x86\x92</a>");
	at(s, "<title>Alpha further \xe2\x80\x94 The Tend Book</title>");
	at(s, "<p class=\"edit\"><a href=\"https://example.org/o/r/edit/main/"
	    "src/ch10-further.md\">Edit this page</a></p>");
	free(s);
	/* a page one folder down: links go up */
	s = read_file(out, "sub/ch02-01-install.html");
	at(s, "<a class=\"prev\" rel=\"prev\" href=\"../ch02-start.html\">");
	at(s, "href=\"../index.html\">Foreword</a>");
	at(s, "src/sub/ch02-01-install.md\">Edit this page</a>");
	free(s);
	/* the home page: the first chapter, as mdBook's index.html */
	s = read_file(out, "foreword.html");	/* its old name: sends there */
	cr_assert_not_null(s, "no foreword.html");
	at(s, "url=index.html\">");
	free(s);
	s = read_file(out, "index.html");
	at(s, "<title>A foreword \xe2\x80\x94 The Tend Book</title>");
	main = at(s, "<main");
	at(main, ">A foreword<a class=\"anchor\"");
	at(main, "See <a href=\"ch02-start.html\">the start</a>");
	at(s, "<li><a aria-current=\"page\" href=\"index.html\">Foreword</a>");
	cr_expect_null(strstr(s, ">The Tend Book</a></li>"), "no other home");
	at(s, "<a class=\"next\" rel=\"next\" href=\"ch02-start.html\">");
	at(s, "src/foreword.md\">Edit this page</a>");
	free(s);
	/* an unlisted page: built, no prev/next */
	s = read_file(out, "unlisted.html");
	cr_expect_null(strstr(s, "rel=\"prev\""));
	cr_expect_null(strstr(s, "rel=\"next\""));
	free(s);
}

Test(book, missing_chapter_warns_strict_fails)
{
	char src[1024], out[1024];

	new_site(src, out, "src");
	make_book(src);
	write_file(src, "SUMMARY.md", "- [Gone](gone.md)\n- [Credits]"
	    "(credits.md)\n");
	write_file(src, "_tend.yml", "site_name: X\ncolour: red\n");
	cr_assert_eq(run((const char *const[]){ "build", src, "-o", out,
	    NULL }), 0, "%s", t.err);
	at(t.err, "SUMMARY.md:1: links to a page that does not exist: "
	    "'gone.md'");
	at(t.err, "_tend.yml:2: unknown key 'colour'");
	tp_cleanup(&t);
	cr_assert_eq(run((const char *const[]){ "build", "--strict", src,
	    "-o", out, NULL }), 1, "%s", t.err);
	tp_cleanup(&t);
	write_file(src, "_tend.yml", "site_name: [broken\n");
	cr_assert_eq(run((const char *const[]){ "build", src, "-o", out,
	    NULL }), 1, "%s", t.err);
	at(t.err, "_tend.yml:");
}

/* A book's src/ with `mdbook init`'s "# Summary": the site is named by
 * book.toml's title, as mdBook names it (it was the first chapter's);
 * _tend.yml's site_name still wins. */
Test(book, book_toml_names_the_site)
{
	char src[1024], out[1024], conf[1100], *s;

	new_site(src, out, "src");
	make_book(src);
	snprintf(conf, sizeof conf, "%s/_tend.yml", src);
	cr_assert_eq(unlink(conf), 0);
	write_file(tmp, "book.toml", "[book]\nauthors = [\"A\"]\n"
	    "src = \"src\"\ntitle = \"The Toml Book\"\n");
	cr_assert_eq(run((const char *const[]){ "build", src, "-o", out,
	    NULL }), 0, "%s", t.err);
	s = read_file(out, "ch10-further.html");
	at(s, "<title>Alpha further \xe2\x80\x94 The Toml Book</title>");
	free(s);
	/* SRC through a symlink of another name is still the book's src/ */
	snprintf(conf, sizeof conf, "%s/alias", tmp);
	cr_assert_eq(symlink(src, conf), 0);
	cr_assert_eq(run((const char *const[]){ "build", conf, "-o", out,
	    NULL }), 0, "%s", t.err);
	s = read_file(out, "ch10-further.html");
	at(s, "<title>Alpha further \xe2\x80\x94 The Toml Book</title>");
	free(s);
	write_file(src, "_tend.yml", "site_name: Mine\n");
	cr_assert_eq(run((const char *const[]){ "build", src, "-o", out,
	    NULL }), 0, "%s", t.err);
	s = read_file(out, "ch10-further.html");
	at(s, "<title>Alpha further \xe2\x80\x94 Mine</title>");
	free(s);
}

/* No SUMMARY.md, no index page: file names order it, a generated home
 * page lists it, and tend check passes. */
Test(book, tree_without_index_gets_a_home_page)
{
	char src[1024], out[1024], *s;

	new_site(src, out, "my-notes");
	write_file(src, "ch10.md", "# Alpha\n");
	write_file(src, "ch2.md", "# Zulu\n");
	cr_assert_eq(run((const char *const[]){ "check", src, "-o", out,
	    NULL }), 0, "stdout:\n%s\nstderr:\n%s", t.out, t.err);
	s = read_file(out, "index.html");
	at(s, "<title>My notes</title>");
	cr_assert_lt(at(s, "<a href=\"ch2.html\">Zulu</a></li>"),
	    at(s, "<a href=\"ch10.html\">Alpha</a></li>"));
	free(s);
	s = read_file(out, "ch2.html");
	at(s, "<title>Zulu \xe2\x80\x94 My notes</title>");
	at(s, "<a class=\"prev\" rel=\"prev\" href=\"index.html\">");
	free(s);
}

/* The Rust Book's case: no index page, and SUMMARY.md's first chapter has
 * the book's title. That chapter is the index page, as in mdBook, and the
 * nav names it once; links to it go to index.html. */
Test(book, first_chapter_is_the_index_page)
{
	char src[1024], out[1024], *s;
	const char *nav, *p;
	int n = 0;

	new_site(src, out, "src");
	write_file(src, "SUMMARY.md", "# The Book\n\n"
	    "[The Book](title-page.md)\n[Foreword](foreword.md)\n\n"
	    "- [Getting started](ch01.md)\n");
	write_file(src, "title-page.md", "# The Book\n\n*by someone*\n");
	write_file(src, "foreword.md", "# Foreword\n\nBack to [the title]"
	    "(title-page.md).\n");
	write_file(src, "ch01.md", "# Getting started\n\nText.\n");
	cr_assert_eq(run((const char *const[]){ "check", src, "-o", out,
	    NULL }), 0, "stdout:\n%s\nstderr:\n%s", t.out, t.err);
	cr_expect(strstr(t.out, " 0 broken"), "%s", t.out);
	s = read_file(out, "index.html");
	cr_assert_not_null(s);
	at(s, "<title>The Book</title>");
	at(at(s, "<main"), "<em>by someone</em>");
	nav = at(s, "<ul class=\"nav\">");
	for (p = nav; (p = strstr(p, ">The Book</a>")); p++)
		n++;
	cr_expect_eq(n, 1, "the nav names the book %d times:\n%s", n, nav);
	at(nav, "<li><a aria-current=\"page\" href=\"index.html\">The Book"
	    "</a></li>\n<li><a href=\"foreword.html\">Foreword</a></li>");
	at(s, "<a class=\"next\" rel=\"next\" href=\"foreword.html\">");
	free(s);
	/* its old name sends to index.html, as mdBook also has that page */
	s = read_file(out, "title-page.html");
	cr_assert_not_null(s, "no title-page.html");
	at(s, "<link rel=\"canonical\" href=\"index.html\">");
	at(s, "<meta http-equiv=\"refresh\" content=\"0; url=index.html\">");
	free(s);
	s = read_file(out, "foreword.html");
	at(s, "Back to <a href=\"index.html\">the title</a>");
	at(s, "<a class=\"prev\" rel=\"prev\" href=\"index.html\">");
	free(s);
}

/* A first chapter in a folder would have its relative links broken at
 * the root: the home page is then the generated contents page. */
Test(book, first_chapter_in_a_folder_gets_a_contents_page)
{
	char src[1024], out[1024], *s;
	const char *main;

	new_site(src, out, "src");
	make_book(src);
	write_file(src, "SUMMARY.md", "# Summary\n\n# Basics\n\n"
	    "- [Installing it](sub/ch02-01-install.md)\n"
	    "- [Not yet written]()\n\n# More\n\n- [Foreword](foreword.md)\n");
	cr_assert_eq(run((const char *const[]){ "check", src, "-o", out,
	    NULL }), 0, "stdout:\n%s\nstderr:\n%s", t.out, t.err);
	s = read_file(out, "index.html");
	cr_assert_not_null(s);
	at(s, "<title>The Tend Book</title>");
	at(s, ">The Tend Book<a class=\"anchor\"");
	main = at(s, "<main");
	cr_assert_lt(at(main, "<h2 id=\"basics\">Basics"), at(main, "<a href="
	    "\"sub/ch02-01-install.html\">1. Installing it</a>"));
	cr_assert_lt(at(main, "1. Installing it</a>"), at(main, "<li>2. "
	    "Not yet written</li>"));
	cr_assert_lt(at(main, "Not yet written</li>"), at(main, "<a href="
	    "\"foreword.html\">3. Foreword</a>"));
	at(s, "<a class=\"next\" rel=\"next\" href=\"sub/ch02-01-install.html"
	    "\">");
	cr_expect_null(strstr(s, "Edit this page"), "no source to edit");
	free(s);
	cr_expect(file_exists(out, "sub/ch02-01-install.html"));
}

Test(book, summary_edit_under_serve_reorders_the_nav)
{
	char src[1024], url[1024], *body = NULL;

	tmp = tmp_dir();
	snprintf(src, sizeof src, "%s/src", tmp);
	make_book(src);
	tp_serve(&t, src, NULL);
	cr_assert(tp_wait_builds(&t, 1, 60000), "%s", t.err);
	snprintf(url, sizeof url, "%s/credits.html", t.url);
	cr_assert_eq(http_get(url, &body), 200);
	cr_assert_lt(at(body, "Getting started</a>"), at(body, "Going "
	    "further</a>"));
	at(body, "<a class=\"prev\" rel=\"prev\" href=\"ch10-further.html\">");
	free(body);
	write_file(src, "SUMMARY.md", "[Foreword](foreword.md)\n"
	    "[Credits](credits.md)\n"
	    "- [Further first](ch10-further.md)\n"
	    "- [Then the start](ch02-start.md)\n");
	cr_assert(http_wait_body(url, "Then the start</a>", 60000),
	    "the nav was not rebuilt: %s", t.err);
	body = NULL;
	cr_assert_eq(http_get(url, &body), 200);
	cr_assert_lt(at(body, "Further first</a>"), at(body, "Then the start"
	    "</a>"));
	at(body, "<a class=\"prev\" rel=\"prev\" href=\"index.html\">");
	at(body, "<a class=\"next\" rel=\"next\" href=\"ch10-further.html\">");
	free(body);
	/* an unchanged page's nav too */
	snprintf(url, sizeof url, "%s/ch02-start.html", t.url);
	cr_assert_eq(http_get(url, &body), 200);
	at(body, "Further first</a>");
	at(body, "<a class=\"prev\" rel=\"prev\" href=\"ch10-further.html\">");
	free(body);
	/* an edit of the first chapter is an edit of the home page */
	write_file(src, "foreword.md", "# A foreword\n\nRewritten.\n");
	snprintf(url, sizeof url, "%s/", t.url);
	cr_assert(http_wait_body(url, "Rewritten.", 60000), "%s", t.err);
	snprintf(url, sizeof url, "%s/foreword.html", t.url);
	body = NULL;
	cr_expect_eq(http_get(url, &body), 200, "incremental builds keep it");
	cr_expect(body && strstr(body, "url=index.html\">"), "%s", body);
	free(body);
}
