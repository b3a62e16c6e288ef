/* test_nav.c - index pages, order, current page, prev/next, collapsed nav */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nav.h"

static char warned[2048];

static void
warn(void *arg, const char *msg)
{
	strncat(warned, msg, sizeof warned - strlen(warned) - 2);
	strcat(warned, "\n");
}

static const char *
out_of(const struct nav *n, const char *src)
{
	const struct nav_page *p = nav_find(n, src);

	cr_assert_not_null(p, "no page %s", src);
	return p->out;
}

Test(nav, readme_is_the_folder_index, .timeout = 10)
{
	struct nav *n = nav_new();

	nav_add(n, "README.md", "Home", false, 0, false);
	nav_add(n, "guide/readme.MD", "Guide", false, 0, false);
	nav_add(n, "guide/a.md", "A", false, 0, false);
	nav_add(n, "both/index.md", "Both", false, 0, false);
	nav_add(n, "both/README.md", "Read me", false, 0, false);
	warned[0] = '\0';
	cr_expect_eq(nav_finish(n, warn, NULL), 1);
	cr_expect_str_eq(out_of(n, "README.md"), "index.html");
	cr_expect_str_eq(out_of(n, "guide/readme.MD"), "guide/index.html");
	cr_expect_str_eq(out_of(n, "guide/a.md"), "guide/a.html");
	cr_expect_str_eq(out_of(n, "both/index.md"), "both/index.html");
	cr_expect_str_eq(out_of(n, "both/README.md"), "both/README.html");
	cr_expect(strstr(warned, "both: both index.md and README.md: "
	    "index.md is the folder's index"), "%s", warned);
	cr_expect_null(nav_find(n, "nope.md"));
	nav_free(n);
}

/* The nav as seen from src, with root. */
static char *
render(struct nav *n, const char *src, const char *root)
{
	struct buf b = BUF_INIT;

	buf_terminate(&b);
	nav_render(n, nav_find(n, src), root, &b);
	return b.p;
}

/* A small docs tree, added in a scrambled order. */
static struct nav *
tree(void)
{
	struct nav *n = nav_new();

	nav_add(n, "zeta.md", "Zeta", false, 0, false);
	nav_add(n, "ref/README.md", "Reference", true, 20, false);
	nav_add(n, "ref/cli.md", "CLI", false, 0, false);
	nav_add(n, "ref/api.md", "api", false, 0, false);
	nav_add(n, "guide/index.md", "Guide", true, 10, false);
	nav_add(n, "guide/install.md", "Install", true, 1, false);
	nav_add(n, "guide/usage.md", "Usage", true, 2, false);
	nav_add(n, "guide/deep/x.md", "Deep X", false, 0, false);
	nav_add(n, "index.md", "Home & more", false, 0, false);
	nav_add(n, "alpha.md", "Alpha", false, 0, false);
	nav_add(n, "first.md", "Zz first by order", true, -1, false);
	cr_assert_eq(nav_finish(n, warn, NULL), 0);
	return n;
}

Test(nav, order_then_file_name, .timeout = 10)
{
	struct nav *n = tree();
	char *s = render(n, "index.md", "");

	cr_expect_str_eq(s, "<ul class=\"nav\">\n"
	    "<li><a aria-current=\"page\" href=\"index.html\">Home &amp; more"
	    "</a></li>\n"
	    "<li><a href=\"first.html\">Zz first by order</a></li>\n"
	    "<li><details><summary><a href=\"guide/index.html\" "
	    "title=\"guide/\">Guide</a>"
	    "</summary>\n<ul>\n"
	    "<li><a href=\"guide/install.html\">Install</a></li>\n"
	    "<li><a href=\"guide/usage.html\">Usage</a></li>\n"
	    "<li><details><summary><span>Deep</span></summary>\n<ul>\n"
	    "<li><a href=\"guide/deep/x.html\">Deep X</a></li>\n"
	    "</ul>\n</details></li>\n"
	    "</ul>\n</details></li>\n"
	    "<li><details><summary><a href=\"ref/index.html\" title=\"ref/\">"
	    "Reference</a>"
	    "</summary>\n<ul>\n"
	    "<li><a href=\"ref/api.html\">api</a></li>\n"
	    "<li><a href=\"ref/cli.html\">CLI</a></li>\n"
	    "</ul>\n</details></li>\n"
	    "<li><a href=\"alpha.html\">Alpha</a></li>\n"
	    "<li><a href=\"zeta.html\">Zeta</a></li>\n"
	    "</ul>\n");
	free(s);
	nav_free(n);
}

/* Without order:, pages go by file name as people number them, never by
 * title: a book's ch2 comes before ch10 and its chapter 8.3 follows 8.2
 * whatever they are called (The Rust Book's files, titled by their text). */
Test(nav, file_name_order_is_numeric_and_ignores_titles, .timeout = 10)
{
	struct nav *n = nav_new();
	const struct nav_page *p;
	struct buf b = BUF_INIT;
	static const char *const srcs[][2] = {
		{ "ch10-00-generics.md", "Generic Types" },
		{ "ch08-03-hash-maps.md", "Storing Keys with Values" },
		{ "ch2.md", "Zebra" }, { "CH08-01-vectors.md", "Vectors" },
		{ "ch08-02-strings.md", "Strings" },
		{ "appendix-00.md", "Appendix" },
	};
	static const char *const want[] = { "appendix-00.md", "ch2.md",
		"CH08-01-vectors.md", "ch08-02-strings.md",
		"ch08-03-hash-maps.md", "ch10-00-generics.md" };

	for (size_t i = 0; i < 6; i++)
		nav_add(n, srcs[i][0], srcs[i][1], false, 0, false);
	cr_assert_eq(nav_finish(n, warn, NULL), 0);
	for (size_t i = 0; i < 6; i++)
		cr_expect_eq(nav_find(n, want[i])->seq, i, "%s", want[i]);
	p = nav_find(n, "ch08-03-hash-maps.md");
	buf_terminate(&b);
	nav_prev(n, p, "", &b);
	cr_expect(strstr(b.p, "Strings"), "prev of 8.3: %s", b.p);
	free(b.p);
	nav_free(n);
}

/* A folder with only its README is a plain link, not a group that opens
 * onto nothing; two folders with one title differ by their tooltips. */
Test(nav, folder_with_only_its_index_is_a_link, .timeout = 10)
{
	struct nav *n = nav_new();
	char *s;

	nav_add(n, "a/README.md", "Background", false, 0, false);
	nav_add(n, "b/c/README.md", "Background", false, 0, false);
	nav_add(n, "b/x.md", "X", false, 0, false);
	cr_assert_eq(nav_finish(n, warn, NULL), 0);
	s = render(n, "b/c/README.md", "../../");
	cr_expect(strstr(s, "<li class=\"folder\"><a href=\"../../a/index.html"
	    "\" title=\"a/\">Background</a></li>\n"), "%s", s);
	cr_expect(strstr(s, "<li class=\"folder\"><a aria-current=\"page\" "
	    "href=\"../../b/c/index.html\" title=\"b/c/\">Background</a>"
	    "</li>\n"), "%s", s);
	cr_expect(strstr(s, "<li><details open><summary><span>B</span>"),
	    "%s", s);
	cr_expect_null(strstr(s, "<ul>\n</ul>"), "an empty group: %s", s);
	free(s);
	nav_free(n);
}

Test(nav, current_page_and_its_groups_open, .timeout = 10)
{
	struct nav *n = tree();
	char *s = render(n, "guide/deep/x.md", "../../"), *t;

	cr_expect(strstr(s, "<li><a href=\"../../index.html\">"), "%s", s);
	cr_expect(strstr(s, "<li><details open><summary><a href=\"../../"
	    "guide/index.html\" title=\"guide/\">Guide</a>"), "%s", s);
	cr_expect(strstr(s, "<li><details open><summary><span>Deep</span>"),
	    "%s", s);
	cr_expect(strstr(s, "<a aria-current=\"page\" href=\"../../guide/"
	    "deep/x.html\">Deep X</a>"), "%s", s);
	cr_expect(strstr(s, "<li><details><summary><a href=\"../../ref/"),
	    "%s", s);
	cr_expect_eq(strstr(s, "aria-current"), strrchr(s, '=') ? strstr(s,
	    "aria-current") : NULL);
	/* The folder's index page: its own group open, itself current. */
	t = render(n, "guide/index.md", "../");
	cr_expect(strstr(t, "<li><details open><summary><a aria-current="
	    "\"page\" href=\"../guide/index.html\" title=\"guide/\">Guide</a>"),
	    "%s", t);
	cr_expect(strstr(t, "<li><details><summary><span>Deep</span>"),
	    "%s", t);
	cr_expect_null(strstr(strstr(t, "aria-current") + 1, "aria-current"));
	free(s);
	free(t);
	nav_free(n);
}

static char *
pager(struct nav *n, const char *src, const char *root, bool next)
{
	struct buf b = BUF_INIT;

	buf_terminate(&b);
	if (next)
		nav_next(n, nav_find(n, src), root, &b);
	else
		nav_prev(n, nav_find(n, src), root, &b);
	return b.p;
}

Test(nav, prev_next_in_nav_order, .timeout = 10)
{
	struct nav *n = tree();
	static const char *order[] = { "index.md", "first.md",
		"guide/index.md", "guide/install.md", "guide/usage.md",
		"guide/deep/x.md", "ref/README.md", "ref/api.md", "ref/cli.md",
		"alpha.md", "zeta.md" };
	char *s;

	s = pager(n, "index.md", "", false);
	cr_expect_str_eq(s, "");
	free(s);
	s = pager(n, "zeta.md", "", true);
	cr_expect_str_eq(s, "");
	free(s);
	for (size_t i = 0; i + 1 < sizeof order / sizeof *order; i++) {
		const struct nav_page *b = nav_find(n, order[i + 1]);
		char *want = NULL;

		s = pager(n, order[i], "", true);
		cr_expect(strstr(s, b->out), "after %s: %s", order[i], s);
		free(s);
		s = pager(n, order[i + 1], "", false);
		cr_expect(strstr(s, nav_find(n, order[i])->out),
		    "before %s: %s", order[i + 1], s);
		free(s);
		free(want);
	}
	s = pager(n, "guide/usage.md", "../", true);
	cr_expect_str_eq(s, "<a class=\"next\" rel=\"next\" href=\"../guide/"
	    "deep/x.html\">Deep X \xe2\x86\x92</a>");
	free(s);
	nav_free(n);
}

Test(nav, signature_follows_titles_order_and_pages, .timeout = 10)
{
	struct nav *a = tree(), *b = tree(), *c = nav_new(), *d = nav_new();

	cr_expect_eq(nav_signature(a), nav_signature(b));
	nav_add(c, "x.md", "X", false, 0, false);
	nav_add(d, "x.md", "X2", false, 0, false);
	nav_finish(c, warn, NULL);
	nav_finish(d, warn, NULL);
	cr_expect_neq(nav_signature(c), nav_signature(d));
	cr_expect_neq(nav_signature(a), nav_signature(c));
	cr_expect_eq(nav_names_signature(c), nav_names_signature(d));
	nav_free(a);
	nav_free(b);
	nav_free(c);
	nav_free(d);
}

/* The names signature changes with the pages whose output a link in a
 * body cannot tell from the source name: a README that is no index, an
 * index spelt Index.md; not with titles or with ordinary pages. */
static uint64_t
names_of(const char *const *srcs)
{
	struct nav *n = nav_new();
	uint64_t h;

	for (; *srcs; srcs++)
		nav_add(n, *srcs, "T", false, 0, false);
	nav_finish(n, warn, NULL);
	h = nav_names_signature(n);
	nav_free(n);
	return h;
}

Test(nav, names_signature_follows_what_links_cannot_tell, .timeout = 10)
{
	uint64_t plain = names_of((const char *[]){ "a.md", "g/index.md",
	    "g/x.md", NULL });

	cr_expect_eq(plain, names_of((const char *[]){ "a.md", "g/index.md",
	    "g/x.md", "g/y.markdown", NULL }), "an ordinary page");
	cr_expect_eq(plain, names_of((const char *[]){ "a.md", "g/README.md",
	    "g/x.md", NULL }), "a README that is the index");
	cr_expect_neq(plain, names_of((const char *[]){ "a.md", "g/Index.md",
	    "g/x.md", NULL }), "an index spelt Index.md");
	cr_expect_neq(plain, names_of((const char *[]){ "a.md", "g/index.md",
	    "g/README.md", "g/x.md", NULL }), "a README that is no index");
}

/* The output of each of srcs, added in this order. */
static void
expect_outs(const char *const *srcs, const char *const *outs)
{
	struct nav *n = nav_new();

	for (const char *const *s = srcs; *s; s++)
		nav_add(n, *s, "T", false, 0, false);
	nav_finish(n, warn, NULL);
	for (size_t i = 0; srcs[i]; i++)
		cr_expect_str_eq(nav_find(n, srcs[i])->out, outs[i],
		    "%s (added %zu of them)", srcs[i], i);
	nav_free(n);
}

/* Two spellings of an index in one folder: the usual one is the index,
 * whatever order the folder lists them in. */
Test(nav, index_spelling_decides_not_listing_order, .timeout = 10)
{
	expect_outs((const char *[]){ "g/index.md", "g/INDEX.md", NULL },
	    (const char *[]){ "g/index.html", "g/INDEX.html" });
	expect_outs((const char *[]){ "g/INDEX.md", "g/index.md", NULL },
	    (const char *[]){ "g/INDEX.html", "g/index.html" });
	expect_outs((const char *[]){ "g/readme.md", "g/README.md", NULL },
	    (const char *[]){ "g/readme.html", "g/index.html" });
	expect_outs((const char *[]){ "g/README.md", "g/readme.md", NULL },
	    (const char *[]){ "g/index.html", "g/readme.html" });
	expect_outs((const char *[]){ "g/Index.md", "g/INDEX.md", NULL },
	    (const char *[]){ "g/Index.html", "g/index.html" });
}

Test(nav, one_render_per_folder_is_shared, .timeout = 10)
{
	struct nav *n = tree();
	char *a = render(n, "guide/install.md", "../");
	char *b = render(n, "guide/usage.md", "../");

	cr_expect(strstr(a, "<a aria-current=\"page\" href=\"../guide/"
	    "install.html\">"), "%s", a);
	cr_expect(strstr(b, "<a aria-current=\"page\" href=\"../guide/"
	    "usage.html\">"), "%s", b);
	cr_expect_eq(strlen(a), strlen(b));
	free(a);
	free(b);
	nav_free(n);
}

/* tree() and a folder zz of filler pages, n pages in all; the page
 * retitle (if not NULL) titled title. */
static struct nav *
tree_with(size_t pages, const char *retitle, const char *title)
{
	static const char *const base[][2] = {
		{ "zeta.md", "Zeta" }, { "ref/README.md", "Reference" },
		{ "ref/cli.md", "CLI" }, { "ref/api.md", "api" },
		{ "guide/index.md", "Guide" },
		{ "guide/install.md", "Install" },
		{ "guide/usage.md", "Usage" }, { "guide/deep/x.md", "Deep X" },
		{ "index.md", "Home & more" }, { "alpha.md", "Alpha" },
		{ "first.md", "Zz first by order" },
		{ "only/sub/s.md", "Only S" },
	};
	static const double order[] = { 0, 20, 0, 0, 10, 1, 2, 0, 0, 0, -1, 0 };
	struct nav *n = nav_new();
	char src[64];

	for (size_t i = 0; i < 12; i++)
		nav_add(n, base[i][0], retitle && !strcmp(retitle, base[i][0])
		    ? title : base[i][1], order[i] != 0, order[i], false);
	for (size_t i = 12; i < pages; i++) {
		snprintf(src, sizeof src, "zz/f%04zu.md", i);
		nav_add(n, src, retitle && !strcmp(retitle, src) ? title : src,
		    false, 0, false);
	}
	cr_assert_eq(nav_finish(n, warn, NULL), 0);
	return n;
}

static struct nav *
tree_of(size_t pages)
{
	return tree_with(pages, NULL, NULL);
}

static size_t
count(const char *s, const char *needle)
{
	size_t c = 0;

	for (; (s = strstr(s, needle)); s++)
		c++;
	return c;
}

/* Up to NAV_FULL_MAX pages every page shows the whole tree; one more and
 * the folders off the way to the page are one link each. */
Test(nav, whole_tree_up_to_the_threshold, .timeout = 10)
{
	struct nav *n = tree_of(NAV_FULL_MAX);
	char *s = render(n, "guide/deep/x.md", "../../");

	cr_expect(strstr(s, "<li><details><summary><a href=\"../../ref/"
	    "index.html\" title=\"ref/\">Reference</a>"), "%s", s);
	cr_expect(strstr(s, "<a href=\"../../ref/cli.html\">CLI</a>"));
	cr_expect(strstr(s, "<a href=\"../../zz/f0150.html\">"));
	cr_expect_null(strstr(s, "closed"), "%s", s);
	free(s);
	nav_free(n);
	n = tree_of(NAV_FULL_MAX + 1);
	s = render(n, "guide/deep/x.md", "../../");
	cr_expect_null(strstr(s, "ref/cli.html"), "%s", s);
	cr_expect_null(strstr(s, "zz/f0150.html"), "%s", s);
	free(s);
	nav_free(n);
}

/* A page deep in a big tree: the top level, each folder on its way open
 * with its items, the others closed; one aria-current. */
Test(nav, collapsed_shows_the_way_to_the_page, .timeout = 10)
{
	struct nav *n = tree_of(NAV_FULL_MAX + 1);
	char *s = render(n, "guide/deep/x.md", "../../");

	cr_expect_str_eq(s, "<ul class=\"nav\">\n"
	    "<li><a href=\"../../index.html\">Home &amp; more</a></li>\n"
	    "<li><a href=\"../../first.html\">Zz first by order</a></li>\n"
	    "<li><details open><summary><a href=\"../../guide/index.html\" "
	    "title=\"guide/\">Guide</a></summary>\n<ul>\n"
	    "<li><a href=\"../../guide/install.html\">Install</a></li>\n"
	    "<li><a href=\"../../guide/usage.html\">Usage</a></li>\n"
	    "<li><details open><summary><span>Deep</span></summary>\n<ul>\n"
	    "<li><a aria-current=\"page\" href=\"../../guide/deep/x.html\">"
	    "Deep X</a></li>\n"
	    "</ul>\n</details></li>\n"
	    "</ul>\n</details></li>\n"
	    "<li class=\"folder closed\"><a href=\"../../ref/index.html\" "
	    "title=\"ref/\">Reference</a></li>\n"
	    "<li><a href=\"../../alpha.html\">Alpha</a></li>\n"
	    "<li class=\"folder closed\"><a href=\"../../only/sub/s.html\" "
	    "title=\"only/\">Only</a></li>\n"
	    "<li><a href=\"../../zeta.html\">Zeta</a></li>\n"
	    "<li class=\"folder closed\"><a href=\"../../zz/f0012.html\" "
	    "title=\"zz/\">Zz</a></li>\n"
	    "</ul>\n");
	free(s);
	nav_free(n);
}

/* A folder's index page: its folder open with its items, its sub-folders
 * closed (one without an index links to its first page). */
Test(nav, collapsed_index_page_opens_its_folder, .timeout = 10)
{
	struct nav *n = tree_of(NAV_FULL_MAX + 1);
	char *s = render(n, "guide/index.md", "../"), *t;

	cr_expect(strstr(s, "<li><details open><summary><a aria-current="
	    "\"page\" href=\"../guide/index.html\" title=\"guide/\">Guide</a>"
	    "</summary>\n<ul>\n<li><a href=\"../guide/install.html\">"), "%s",
	    s);
	cr_expect(strstr(s, "<li class=\"folder closed\"><a href=\"../guide/"
	    "deep/x.html\" title=\"guide/deep/\">Deep</a></li>\n"), "%s", s);
	cr_expect_eq(count(s, "aria-current"), 1, "%s", s);
	cr_expect_eq(count(s, "<details"), 1, "%s", s);
	/* A page in a folder of 189: the NAV_WINDOW siblings around it, a
	 * link to the first one left out on each side, the rest not. */
	t = render(n, "zz/f0100.md", "../");
	cr_expect(strstr(t, "<a aria-current=\"page\" href=\"../zz/f0100."
	    "html\">"), "%s", t);
	cr_expect_eq(count(t, "<li><a href=\"../zz/f"), NAV_WINDOW - 1, "%s",
	    t);
	cr_expect(strstr(t, "<li class=\"more\"><a href=\"../zz/f0049.html\">"
	    "\xe2\x80\xa6 38 more</a></li>\n<li><a href=\"../zz/f0050.html\">"),
	    "%s", t);
	cr_expect(strstr(t, "<li><a href=\"../zz/f0149.html\">zz/f0149.md</a>"
	    "</li>\n<li class=\"more\"><a href=\"../zz/f0150.html\">"
	    "\xe2\x80\xa6 51 more</a></li>\n</ul>"), "%s", t);
	cr_expect(strstr(t, "<li class=\"folder closed\"><a href=\"../guide/"
	    "index.html\" title=\"guide/\">Guide</a></li>\n"), "%s", t);
	cr_expect_null(strstr(t, "guide/install"), "%s", t);
	free(s);
	free(t);
	nav_free(n);
}

/* 20,000 pages, 20 folders x 10 x 100: each page's nav stays a few KB
 * (depth x fan-out), every page is in its own nav as the current one. */
Test(nav, collapsed_size_follows_depth_not_pages, .timeout = 60)
{
	struct nav *n = nav_new();
	char src[64], want[128];
	size_t most = 0;

	for (int a = 0; a < 20; a++) {
		snprintf(src, sizeof src, "a%02d/index.md", a);
		nav_add(n, src, src, false, 0, false);
		for (int b = 0; b < 10; b++)
			for (int p = 0; p < 100; p++) {
				snprintf(src, sizeof src, "a%02d/b%d/p%02d.md",
				    a, b, p);
				nav_add(n, src, src, false, 0, false);
			}
	}
	cr_assert_eq(nav_finish(n, warn, NULL), 0);
	for (int a = 0; a < 20; a++)
		for (int b = 0; b < 10; b++)
			for (int p = 0; p < 100; p++) {
				char *s;

				snprintf(src, sizeof src, "a%02d/b%d/p%02d.md",
				    a, b, p);
				s = render(n, src, "../../");
				snprintf(want, sizeof want, "<a aria-current="
				    "\"page\" href=\"../../a%02d/b%d/p%02d."
				    "html\">", a, b, p);
				cr_assert(strstr(s, want), "%s: %s", src, s);
				if (strlen(s) > most)
					most = strlen(s);
				free(s);
			}
	cr_expect_lt(most, 12 * 1024, "a nav of %zu bytes", most);
	nav_free(n);
}

/* Which pages of a and b have a different nav_page_signature(), as a
 * string of their first letters in zz-less tree order ("z" for zz/). */
static void
changed(size_t pages, const char *src, const char *title, const char *want)
{
	struct nav *a = tree_of(pages), *b = tree_with(pages, src, title);
	static const char *const srcs[] = { "index.md", "first.md",
		"guide/index.md", "guide/install.md", "guide/usage.md",
		"guide/deep/x.md", "ref/README.md", "ref/api.md", "ref/cli.md",
		"alpha.md", "only/sub/s.md", "zeta.md", "zz/f0012.md",
		"zz/f0150.md" };
	char got[32] = "";

	for (size_t i = 0; i < sizeof srcs / sizeof *srcs; i++)
		if (nav_page_signature(a, nav_find(a, srcs[i])) !=
		    nav_page_signature(b, nav_find(b, srcs[i])))
			strncat(got, (const char []){ i < 10 ? '0' + (char)i
			    : 'a' + (char)(i - 10), '\0' }, 2);
	cr_expect_str_eq(got, want, "retitle %s in %zu pages: %s, want %s", src,
	    pages, got, want);
	nav_free(a);
	nav_free(b);
}

/* A page's new title reaches the signatures of the pages whose nav or
 * pager shows it, and no other. */
Test(nav, page_signature_follows_what_the_page_shows, .timeout = 20)
{
	struct nav *a = tree_of(NAV_FULL_MAX + 1);
	struct nav *b = tree_of(NAV_FULL_MAX + 1);
	struct buf nav = BUF_INIT;
	uint64_t sig;

	/* The same pages, the same signatures; rendering first or not. */
	nav_render(a, nav_find(a, "guide/usage.md"), "../", &nav);
	free(nav.p);
	sig = nav_page_signature(a, nav_find(a, "guide/usage.md"));
	cr_expect_eq(sig, nav_page_signature(b, nav_find(b, "guide/usage.md")));
	cr_expect_neq(sig, nav_page_signature(a, nav_find(a,
	    "guide/install.md")));
	nav_free(a);
	nav_free(b);
	/* Collapsed: ref/cli.md shows in ref/ and in alpha's prev. */
	changed(NAV_FULL_MAX + 1, "ref/cli.md", "Cli", "6789");
	/* guide/deep/x.md: in its own folder, usage's next and ref's prev
	 * (guide/ shows its folder closed, by the folder's name). */
	changed(NAV_FULL_MAX + 1, "guide/deep/x.md", "X", "456");
	/* A folder's title, a top-level page's: on every page. */
	changed(NAV_FULL_MAX + 1, "ref/README.md", "Ref", "0123456789abcd");
	changed(NAV_FULL_MAX + 1, "zeta.md", "Omega", "0123456789abcd");
	/* A filler page: its folder only (its neighbours are there too);
	 * a title never moves a page, so not even "F" makes it zz/'s first. */
	changed(NAV_FULL_MAX + 1, "zz/f0100.md", "zz/f0100.md!", "cd");
	changed(NAV_FULL_MAX + 1, "zz/f0100.md", "F", "cd");
	/* zz/ lists 100 of its 189 around each page: f0199 is in f0150's
	 * window, not in f0012's. */
	changed(NAV_FULL_MAX + 1, "zz/f0199.md", "zz/f0199.md!", "d");
	/* The whole tree: every page shows every title. */
	changed(NAV_FULL_MAX, "ref/cli.md", "Cli", "0123456789abcd");
}

/* One folder of 5,000 pages: each page lists the NAV_WINDOW around it
 * (at the ends, the first or last NAV_WINDOW), so its nav stays small. */
Test(nav, big_folder_lists_a_window_around_the_page, .timeout = 60)
{
	struct nav *n = nav_new();
	char src[64], want[128], *s;
	size_t most = 0;

	nav_add(n, "api/index.md", "API", false, 0, false);
	for (int i = 0; i < 5000; i++) {
		snprintf(src, sizeof src, "api/f%04d.md", i);
		nav_add(n, src, src + 4, false, 0, false);
	}
	nav_add(n, "z.md", "Z", false, 0, false);
	cr_assert_eq(nav_finish(n, warn, NULL), 0);
	for (int i = 0; i < 5000; i++) {
		snprintf(src, sizeof src, "api/f%04d.md", i);
		s = render(n, src, "../");
		snprintf(want, sizeof want, "<li><a aria-current=\"page\" "
		    "href=\"../api/f%04d.html\">", i);
		cr_assert(strstr(s, want), "%s: %s", src, s);
		cr_assert_eq(count(s, "<li><a href=\"../api/f"), NAV_WINDOW - 1,
		    "%s: %s", src, s);
		cr_assert_eq(count(s, "<li class=\"more\">"),
		    i <= NAV_WINDOW / 2 || i >= 5000 - NAV_WINDOW / 2 ? 1 : 2,
		    "%s: %s", src, s);
		if (strlen(s) > most)
			most = strlen(s);
		free(s);
	}
	cr_expect_lt(most, 8 * 1024, "a nav of %zu bytes", most);
	s = render(n, "api/f0000.md", "../");
	cr_expect(strstr(s, "<li><a href=\"../api/f0099.html\">f0099.md</a>"
	    "</li>\n<li class=\"more\"><a href=\"../api/f0100.html\">"
	    "\xe2\x80\xa6 4900 more</a></li>\n"), "%s", s);
	free(s);
	/* The folder's index: the first NAV_WINDOW. */
	s = render(n, "api/index.md", "../");
	cr_expect(strstr(s, "<a aria-current=\"page\" href=\"../api/index."
	    "html\" title=\"api/\">API</a></summary>\n<ul>\n<li><a href=\"../"
	    "api/f0000.html\">"), "%s", s);
	cr_expect(strstr(s, "\xe2\x80\xa6 4900 more"), "%s", s);
	free(s);
	s = render(n, "api/f4999.md", "../");
	cr_expect(strstr(s, "<li class=\"more\"><a href=\"../api/f4899.html\">"
	    "\xe2\x80\xa6 4900 more</a></li>\n<li><a href=\"../api/f4900.html"
	    "\">"), "%s", s);
	free(s);
	nav_free(n);
}

/* A folder on the way with 300 sub-folders: the 100 around the one that
 * holds the page; all pages of that sub-folder share one nav. */
Test(nav, window_around_the_folder_on_the_way, .timeout = 20)
{
	struct nav *n = nav_new();
	char src[64], *s, *t;

	for (int i = 0; i < 300; i++) {
		snprintf(src, sizeof src, "big/s%03d/a.md", i);
		nav_add(n, src, src, false, 0, false);
		snprintf(src, sizeof src, "big/s%03d/b.md", i);
		nav_add(n, src, src, false, 0, false);
	}
	cr_assert_eq(nav_finish(n, warn, NULL), 0);
	s = render(n, "big/s150/a.md", "../../");
	t = render(n, "big/s150/b.md", "../../");
	cr_expect(strstr(s, "<li class=\"more\"><a href=\"../../big/s099/"
	    "a.html\">\xe2\x80\xa6 100 more</a></li>\n<li class=\"folder "
	    "closed\"><a href=\"../../big/s100/a.html\" title=\"big/s100/\">"
	    "S100</a></li>\n"), "%s", s);
	cr_expect(strstr(s, "title=\"big/s199/\">S199</a></li>\n<li class="
	    "\"more\"><a href=\"../../big/s200/a.html\">\xe2\x80\xa6 100 more"
	    "</a></li>\n"), "%s", s);
	cr_expect_null(strstr(s, "big/s099/\""), "%s", s);
	cr_expect(strstr(s, "<li><details open><summary><span>S150</span>"),
	    "%s", s);
	cr_expect_eq(strlen(s), strlen(t));
	free(s);
	free(t);
	nav_free(n);
}
