/* test_summary.c - SUMMARY.md: the parser, and the nav it orders */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nav.h"
#include "summary.h"

/* Shaped as The Rust Book's SUMMARY.md: a title heading, prefix
 * chapters, parts as `##` headings, chapters nested by four spaces. */
static const char book[] =
    "# The Example Book\n"
    "\n"
    "[The Example Book](title-page.md)\n"
    "[Foreword](foreword.md)\n"
    "[Introduction](ch00-00-introduction.md)\n"
    "\n"
    "## Getting started\n"
    "\n"
    "- [Getting Started](ch01-00-getting-started.md)\n"
    "    - [Installation](ch01-01-installation.md)\n"
    "    - [Hello, World!](ch01-02-hello-world.md)\n"
    "\n"
    "- [Common Concepts](ch03-00-common-concepts.md)\n"
    "    - [Variables and `mut`](ch03-01-variables.md)\n"
    "        - [Shadowing \\[deep\\]](./ch03-01-01-shadowing.md#top)\n"
    "    - [Data Types]()\n"
    "\n"
    "## Appendix\n"
    "\n"
    "---\n"
    "- [Appendix](appendix-00.md)\n"
    "\t- [A - Keywords](appendix%2001.md)\n"
    "\n"
    "[Afterword](../outside.md)\n"
    "```\n"
    "- [Not a chapter](code.md)\n"
    "```\n";

Test(summary, parses_a_book_shaped_summary, .timeout = 10)
{
	struct summary s = SUMMARY_INIT;
	static const struct {
		enum summary_kind kind;
		const char *title, *path, *num;
		unsigned depth, line;
	} want[] = {
		{ SUMMARY_CHAPTER, "The Example Book", "title-page.md", NULL,
		  0, 3 },
		{ SUMMARY_CHAPTER, "Foreword", "foreword.md", NULL, 0, 4 },
		{ SUMMARY_CHAPTER, "Introduction", "ch00-00-introduction.md",
		  NULL, 0, 5 },
		{ SUMMARY_PART, "Getting started", NULL, NULL, 0, 7 },
		{ SUMMARY_CHAPTER, "Getting Started",
		  "ch01-00-getting-started.md", "1.", 0, 9 },
		{ SUMMARY_CHAPTER, "Installation", "ch01-01-installation.md",
		  "1.1.", 1, 10 },
		{ SUMMARY_CHAPTER, "Hello, World!", "ch01-02-hello-world.md",
		  "1.2.", 1, 11 },
		{ SUMMARY_CHAPTER, "Common Concepts",
		  "ch03-00-common-concepts.md", "2.", 0, 13 },
		{ SUMMARY_CHAPTER, "Variables and mut", "ch03-01-variables.md",
		  "2.1.", 1, 14 },
		{ SUMMARY_CHAPTER, "Shadowing [deep]",
		  "ch03-01-01-shadowing.md", "2.1.1.", 2, 15 },
		{ SUMMARY_CHAPTER, "Data Types", NULL, "2.2.", 1, 16 },
		{ SUMMARY_PART, "Appendix", NULL, NULL, 0, 18 },
		{ SUMMARY_SEPARATOR, "", NULL, NULL, 0, 20 },
		{ SUMMARY_CHAPTER, "Appendix", "appendix-00.md", "3.", 0, 21 },
		{ SUMMARY_CHAPTER, "A - Keywords", "appendix 01.md", "3.1.", 1,
		  22 },
		{ SUMMARY_CHAPTER, "Afterword", NULL, NULL, 0, 24 },
	};

	summary_parse(book, sizeof book - 1, &s);
	cr_assert_eq(s.n, sizeof want / sizeof *want, "%zu items", s.n);
	cr_expect_str_eq(s.title, "The Example Book");
	for (size_t i = 0; i < s.n; i++) {
		const struct summary_item *it = &s.v[i];

		cr_expect_eq(it->kind, want[i].kind, "item %zu", i);
		cr_expect_str_eq(it->title, want[i].title, "item %zu", i);
		if (want[i].path)
			cr_expect_str_eq(it->path ? it->path : "(null)",
			    want[i].path, "item %zu", i);
		else
			cr_expect_null(it->path, "item %zu: %s", i, it->path);
		if (want[i].num)
			cr_expect_str_eq(it->num ? it->num : "(null)",
			    want[i].num, "item %zu", i);
		else
			cr_expect_null(it->num, "item %zu", i);
		cr_expect_eq(it->depth, want[i].depth, "item %zu", i);
		cr_expect_eq(it->line, want[i].line, "item %zu", i);
	}
	cr_expect_str_eq(s.v[15].bad, "../outside.md");
	summary_release(&s);
}

Test(summary, empty_and_text_only, .timeout = 10)
{
	struct summary s = SUMMARY_INIT;

	summary_parse("", 0, &s);
	cr_expect_eq(s.n, 0);
	summary_parse("# Summary\n\nSome words, no [link.\n#tag\n", 39, &s);
	cr_expect_eq(s.n, 0);
	cr_expect_str_eq(s.title, "Summary");
	summary_release(&s);
}

static char warned[2048];

static void
warn(void *arg, const char *msg)
{
	strncat(warned, msg, sizeof warned - strlen(warned) - 2);
	strcat(warned, "\n");
}

static const char *
label_of(const struct nav_page *p)
{
	return nav_page_label(p);
}

Test(summary, orders_the_nav_and_prev_next, .timeout = 10)
{
	struct nav *n = nav_new();
	static const char md[] =
	    "# Book\n"
	    "[Intro](README.md)\n"
	    "- [Zeta first](z.md)\n"
	    "  - [Sub in a folder](guide/sub.md)\n"
	    "- [Alpha](a.md)\n"
	    "- [Gone](gone.md)\n"
	    "- [Secret](secret.md)\n"
	    "- [Twice](a.md)\n";
	struct buf b = BUF_INIT;
	const struct nav_page *z, *sub, *a, *stray, *home;

	nav_add(n, "README.md", "Read me", false, 0, false);
	nav_add(n, "a.md", "A page", false, 0, false);
	nav_add(n, "z.md", "Z page", false, 0, false);
	nav_add(n, "guide/sub.md", "Sub", false, 0, false);
	nav_add(n, "stray.md", "Stray", false, 0, false);
	nav_hide(n, "secret.md");
	cr_expect_str_eq(nav_set_book(n, md, sizeof md - 1, "SUMMARY.md"),
	    "Book");
	warned[0] = '\0';
	cr_expect_eq(nav_finish(n, warn, NULL), 2);
	cr_expect(strstr(warned, "SUMMARY.md:6: links to a page that does "
	    "not exist: 'gone.md'"), "%s", warned);
	cr_expect(strstr(warned, "SUMMARY.md:8: lists a page twice"), "%s",
	    warned);
	cr_expect_null(strstr(warned, "secret"), "%s", warned);
	home = nav_find(n, "README.md");
	z = nav_find(n, "z.md");
	sub = nav_find(n, "guide/sub.md");
	a = nav_find(n, "a.md");
	stray = nav_find(n, "stray.md");
	cr_expect_str_eq(label_of(home), "Intro");
	cr_expect_str_eq(label_of(z), "Zeta first");
	cr_expect_str_eq(z->num, "1.");
	cr_expect_str_eq(sub->num, "1.1.");
	cr_expect_str_eq(z->title, "Z page");	/* its own, kept */
	/* prev/next: README, z, guide/sub, a; stray has none */
	cr_expect_eq(home->seq, 0);
	cr_expect_eq(z->seq, 1);
	cr_expect_eq(sub->seq, 2);
	cr_expect_eq(a->seq, 3);
	cr_expect_eq(stray->seq, NAVTREE_NONE);
	nav_next(n, z, "", &b);
	cr_expect(strstr(b.p, "href=\"guide/sub.html\">Sub in a folder"),
	    "%s", b.p);
	free(b.p);
	b = (struct buf)BUF_INIT;
	nav_prev(n, stray, "", &b);
	nav_next(n, stray, "", &b);
	cr_expect_eq(b.len, 0);
	free(b.p);
	/* the nav: numbers, the group of z, drafts; from a page one folder
	 * down the links go up */
	b = (struct buf)BUF_INIT;
	nav_render(n, sub, "../", &b);
	cr_expect(strstr(b.p, "<a href=\"../z.html\"><strong aria-hidden="
	    "\"true\">1.</strong> Zeta first</a>"), "%s", b.p);
	cr_expect(strstr(b.p, "aria-current=\"page\" href=\"../guide/sub."
	    "html\">"), "%s", b.p);
	cr_expect(strstr(b.p, "<li class=\"draft-chapter\"><span><strong "
	    "aria-hidden=\"true\">3.</strong> Gone</span></li>"), "%s", b.p);
	cr_expect(strstr(b.p, "<strong aria-hidden=\"true\">4.</strong> "
	    "Secret"), "%s", b.p);
	cr_expect_null(strstr(b.p, "Stray"), "%s", b.p);
	cr_expect_null(strstr(b.p, "Twice"), "%s", b.p);
	free(b.p);
	b = (struct buf)BUF_INIT;
	nav_render(n, z, "", &b);	/* the same group, its own root */
	cr_expect(strstr(b.p, "aria-current=\"page\" href=\"z.html\">"),
	    "%s", b.p);
	cr_expect(strstr(b.p, "<a href=\"guide/sub.html\">"), "%s", b.p);
	free(b.p);
	b = (struct buf)BUF_INIT;
	nav_render(n, stray, "", &b);	/* unlisted: no current page */
	cr_expect_null(strstr(b.p, "aria-current"), "%s", b.p);
	free(b.p);
	nav_free(n);
}

#define LINK "<a href=\"index.html\">Book</a>"

/* The first chapter at the root is the index page (mdBook's index.html):
 * no generated home page, one entry in the nav; a draft is not. */
Test(summary, first_chapter_is_the_index, .timeout = 10)
{
	struct nav *n = nav_new();
	static const char md[] = "# Book\n\n[Draft]()\n[Book](title.md)\n"
	    "- [A](a.md)\n";
	struct buf b = BUF_INIT;
	const char *p;

	nav_add(n, "title.md", "Book", false, 0, false);
	nav_add(n, "a.md", "A", false, 0, false);
	nav_set_book(n, md, sizeof md - 1, "SUMMARY.md");
	nav_set_home(n, "Book");
	cr_expect_eq(nav_finish(n, warn, NULL), 0);
	cr_expect_null(nav_home(n));
	cr_assert_not_null(nav_root_index(n));
	cr_expect_str_eq(nav_root_index(n)->src, "title.md");
	cr_expect_str_eq(nav_find(n, "title.md")->out, "index.html");
	cr_expect_str_eq(nav_find(n, "a.md")->out, "a.html");
	nav_render(n, nav_find(n, "a.md"), "", &b);
	p = strstr(b.p, LINK);
	cr_expect_not_null(p, "%s", b.p);
	cr_expect_null(p ? strstr(p + strlen(LINK), ">Book</a>") : NULL,
	    "twice: %s", b.p);
	free(b.p);
	nav_free(n);
	n = nav_new();	/* a draft first chapter: the generated page */
	nav_add(n, "title.md", "Book", false, 0, true);
	nav_add(n, "a.md", "A", false, 0, false);
	nav_set_book(n, md, sizeof md - 1, "SUMMARY.md");
	nav_set_home(n, "Book");
	nav_finish(n, warn, NULL);
	cr_expect_str_eq(nav_home(n), NAVTREE_HOME);
	nav_free(n);
}

Test(summary, home_page_contents, .timeout = 10)
{
	struct nav *n = nav_new();
	static const char md[] = "- [A *star*](g/a.md)\n# Part\n"
	    "- [Draft]()\n  - [B](b.md)\n";
	struct buf b = BUF_INIT;

	nav_add(n, "g/a.md", "A", false, 0, false);	/* in a folder */
	nav_add(n, "b.md", "B", false, 0, false);
	nav_set_book(n, md, sizeof md - 1, "SUMMARY.md");
	nav_set_home(n, "My site");
	cr_expect_eq(nav_finish(n, warn, NULL), 0);
	cr_expect_str_eq(nav_home(n), NAVTREE_HOME);
	cr_expect_str_eq(nav_root_index(n)->out, "index.html");
	cr_expect_eq(nav_root_index(n)->seq, 0);
	nav_home_markdown(n, "My site", &b);
	cr_expect_str_eq(b.p, "# My site\n\n"
	    "- [1\\. A \\*star\\*](<g/a.md>)\n"
	    "\n## Part\n\n"
	    "- 2\\. Draft\n"
	    "  - [2\\.1\\. B](<b.md>)\n");
	free(b.p);
	nav_free(n);
}

Test(summary, no_home_page_beside_an_index, .timeout = 10)
{
	struct nav *n = nav_new();

	nav_add(n, "index.md", "Welcome", false, 0, false);
	nav_set_home(n, "My site");
	nav_finish(n, warn, NULL);
	cr_expect_null(nav_home(n));
	cr_expect_str_eq(nav_root_index(n)->title, "Welcome");
	nav_free(n);
}
