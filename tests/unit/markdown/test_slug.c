/* test_slug.c - GitHub-compatible heading ids, from real headings */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "heading.h"
#include "slug.h"

static void
expect_slug(const char *text, const char *want)
{
	struct buf b = BUF_INIT;

	slug_add(&b, text, strlen(text));
	cr_expect_str_eq(b.p, want, "slug of <<%s>>", text);
	free(b.p);
}

/* What github.com gives for these headings (github-slugger's rule). */
Test(slug, github_table, .timeout = 10)
{
	static const struct { const char *text, *slug; } t[] = {
		{ "Getting Started", "getting-started" },
		{ "What's new in 2.0?", "whats-new-in-20" },
		{ "Install (Debian/Ubuntu)", "install-debianubuntu" },
		{ "C++ & C#: a comparison", "c--c-a-comparison" },
		{ "snake_case_name", "snake_case_name" },
		{ "kebab-case-name", "kebab-case-name" },
		{ "  two  spaces  ", "--two--spaces--" },
		{ "The foo() call", "the-foo-call" },	/* `foo()` */
		{ "v1.2.3 — release notes", "v123--release-notes" },
		{ "😄 emoji", "-emoji" },
		{ "Rocket 🚀 launch", "rocket--launch" },
		{ "❗❌⚠️✅ heading", "-heading" },
		{ "日本語の見出し", "日本語の見出し" },
		{ "中文，标点。", "中文标点" },
		{ "Привет non-latin 你好", "привет-non-latin-你好" },
		{ "Ünïcödé Ça ÆØÅ", "ünïcödé-ça-æøå" },
		{ "ΑΒΓ Greek", "αβγ-greek" },
		{ "tab\there", "tabhere" },
		{ "«quoted» ¿question?", "quoted-question" },
		{ "100%", "100" },
		{ "", "" },
	};

	for (size_t i = 0; i < sizeof t / sizeof *t; i++)
		expect_slug(t[i].text, t[i].slug);
}

/* Every script with case lower-cases as GitHub's downcase (Ruby's) does:
 * Vietnamese, Armenian, Georgian, Latin Extended-B were kept in capitals,
 * and İ became dotless ı; final sigma stays, a capital sigma is σ. */
Test(slug, every_script_lower_cased_as_github, .timeout = 10)
{
	static const struct { const char *text, *slug; } t[] = {
		{ "Ơn giời", "ơn-giời" },
		{ "Բարև Ձեզ", "բարև-ձեզ" },
		{ "ႠႡ Ⴢ", "ⴀⴁ-ⴢ" },
		{ "İstanbul", "i\xcc\x87stanbul" },
		{ "ΟΔΟΣ ς", "οδοσ-ς" },
		{ "Ɓ Ə Ǆ", "ɓ-ə-ǆ" },
	};

	for (size_t i = 0; i < sizeof t / sizeof *t; i++)
		expect_slug(t[i].text, t[i].slug);
}

Test(slug, duplicates_numbered_in_page_order, .timeout = 10)
{
	struct slugs s = SLUGS_INIT;
	const char *in[] = { "Usage", "Usage", "usage", "USAGE", "Usage 1",
		"Usage" };
	const char *want[] = { "usage", "usage-1", "usage-2", "usage-3",
		"usage-1-1", "usage-4" };

	for (size_t i = 0; i < 6; i++) {
		char *id = slugs_make(&s, in[i], strlen(in[i]));

		cr_expect_str_eq(id, want[i], "heading %zu <<%s>>", i, in[i]);
		free(id);
	}
	slugs_clear(&s);
}

Test(slug, explicit_ids_are_taken_and_avoided, .timeout = 10)
{
	struct slugs s = SLUGS_INIT;
	char *a = slugs_take(&s, "intro"), *b, *c;

	b = slugs_make(&s, "Intro", 5);
	c = slugs_take(&s, "intro");	/* explicit: never renamed */
	cr_expect_str_eq(a, "intro");
	cr_expect_str_eq(b, "intro-1");
	cr_expect_str_eq(c, "intro");
	free(a);
	free(b);
	free(c);
	slugs_clear(&s);
}

Test(slug, empty_slug_gets_a_name, .timeout = 10)
{
	struct slugs s = SLUGS_INIT;
	char *a = slugs_make(&s, "🎉", 4), *b = slugs_make(&s, "!!", 2);

	cr_expect_str_eq(a, "section");
	cr_expect_str_eq(b, "section-1");
	free(a);
	free(b);
	slugs_clear(&s);
}

/* Headings in rendered HTML */

static char *
ids(const char *html, struct headings *hs)
{
	size_t n;
	char *out = heading_ids(html, strlen(html), hs, &n);

	cr_assert_eq(n, strlen(out));
	return out;
}

#define ANCHOR(id) "<a class=\"anchor\" href=\"#" id "\" aria-hidden=\"true\"" \
	" tabindex=\"-1\">#</a>"

Test(slug, heading_ids_in_html, .timeout = 10)
{
	struct headings hs = HEADINGS_INIT;
	char *out = ids("<h1>Title</h1>\n<p>x</p>\n"
	    "<h2>The <code>foo()</code> call</h2>\n"
	    "<h2>Fish &amp; Chips</h2>\n<h3>Title</h3>\n"
	    "<pre><code>&lt;h2&gt;not&lt;/h2&gt;</code></pre>\n", &hs);

	cr_expect_str_eq(out, "<h1 id=\"title\">Title" ANCHOR("title")
	    "</h1>\n<p>x</p>\n<h2 id=\"the-foo-call\">The <code>foo()</code> "
	    "call" ANCHOR("the-foo-call") "</h2>\n<h2 id=\"fish--chips\">Fish "
	    "&amp; Chips" ANCHOR("fish--chips") "</h2>\n<h3 id=\"title-1\">"
	    "Title" ANCHOR("title-1") "</h3>\n"
	    "<pre><code>&lt;h2&gt;not&lt;/h2&gt;</code></pre>\n");
	cr_assert_eq(hs.n, 4);
	cr_expect_str_eq(hs.v[1].text, "The foo() call");
	cr_expect_str_eq(hs.v[2].text, "Fish & Chips");
	cr_expect_eq(hs.v[3].level, 3);
	free(out);
	headings_clear(&hs);
}

Test(slug, explicit_and_raw_ids_win, .timeout = 10)
{
	struct headings hs = HEADINGS_INIT;
	char *out = ids("<h2>Install {#setup}</h2>"
	    "<h2 id=\"raw\" class=\"x\">Raw</h2><h2>Setup</h2>"
	    "<h2>Not {an id}</h2>", &hs);

	cr_expect_str_eq(out, "<h2 id=\"setup\">Install" ANCHOR("setup")
	    "</h2><h2 id=\"raw\" class=\"x\">Raw" ANCHOR("raw") "</h2>"
	    "<h2 id=\"setup-1\">Setup" ANCHOR("setup-1") "</h2>"
	    "<h2 id=\"not-an-id\">Not {an id}" ANCHOR("not-an-id") "</h2>");
	cr_expect_str_eq(hs.v[0].text, "Install");
	free(out);
	headings_clear(&hs);
}

/* MkDocs' attr_list and Pandoc forms (mkdocs-material writes
 * `{ #context }`): the list goes, its #id is the id; text that only looks
 * like one stays. */
Test(slug, attribute_lists, .timeout = 10)
{
	struct headings hs = HEADINGS_INIT;
	char *out = ids("<h2>A { #aa }</h2><h2>B {: #bb }</h2>"
	    "<h2>C {#cc .cls}</h2><h2>D {.unnumbered}</h2>"
	    "<h2>E { #ee data-x=&quot;1&quot; }</h2><h2>F {x}</h2>"
	    "<h2>G {{ var }}</h2><h2>H { }</h2><h2>I {#a#b}</h2>", &hs);

	cr_assert_eq(hs.n, 9);
	cr_expect_str_eq(hs.v[0].id, "aa");
	cr_expect_str_eq(hs.v[1].id, "bb");
	cr_expect_str_eq(hs.v[2].id, "cc");
	cr_expect_str_eq(hs.v[3].id, "d");
	cr_expect_str_eq(hs.v[4].id, "ee");
	cr_expect_str_eq(hs.v[5].id, "f-x");
	cr_expect_str_eq(hs.v[6].id, "g--var-");
	cr_expect_str_eq(hs.v[7].id, "h--");
	cr_expect_str_eq(hs.v[8].id, "i-ab");
	for (size_t i = 0; i < 5; i++)
		cr_expect(!strchr(hs.v[i].text, '{'), "%s", hs.v[i].text);
	cr_expect(strstr(out, "<h2 id=\"cc\">C" ANCHOR("cc") "</h2>"), "%s",
	    out);
	free(out);
	headings_clear(&hs);
}

Test(slug, unclosed_heading_left_alone, .timeout = 10)
{
	struct headings hs = HEADINGS_INIT;
	char *out = ids("<h2>never closed <h20> <h", &hs);

	cr_expect_str_eq(out, "<h2>never closed <h20> <h");
	cr_expect_eq(hs.n, 0);
	free(out);
	headings_clear(&hs);
}

/* The toc and the title say what the heading shows: its emoji, not the
 * shortcode (the id keeps the name, as GitHub's); code shows it as
 * written. */
Test(slug, heading_text_shows_the_emoji, .timeout = 10)
{
	struct headings hs = HEADINGS_INIT;
	struct buf b = BUF_INIT;
	char *out = ids("<h2>Party :tada: time</h2>"
	    "<h2>The <code>:tada:</code> code</h2>", &hs);

	cr_assert_eq(hs.n, 2);
	cr_expect_str_eq(hs.v[0].id, "party-tada-time");
	cr_expect_str_eq(hs.v[0].text, "Party \xf0\x9f\x8e\x89 time");
	cr_expect_str_eq(hs.v[1].text, "The :tada: code");
	buf_terminate(&b);
	heading_toc(&hs, 2, 3, &b);
	cr_expect(strstr(b.p, ">Party \xf0\x9f\x8e\x89 time</a>"), "%s", b.p);
	cr_expect(!strstr(b.p, "Party :tada:"), "%s", b.p);
	free(b.p);
	free(out);
	headings_clear(&hs);
}

/* The table of contents */

static char *
toc_of(const char *html)
{
	struct headings hs = HEADINGS_INIT;
	struct buf b = BUF_INIT;

	free(ids(html, &hs));
	buf_terminate(&b);
	heading_toc(&hs, 2, 3, &b);
	headings_clear(&hs);
	return b.p;
}

Test(slug, toc_nested_h2_h3, .timeout = 10)
{
	char *t = toc_of("<h1>T</h1><h2>A</h2><h3>A1</h3><h3>A2</h3>"
	    "<h4>deep</h4><h2>B &amp; C</h2><h2>D</h2><h3>D1</h3>");

	cr_expect_str_eq(t, "<ul class=\"toc\">\n"
	    "<li><a href=\"#a\">A</a>\n<ul>\n"
	    "<li><a href=\"#a1\">A1</a></li>\n"
	    "<li><a href=\"#a2\">A2</a></li>\n"
	    "</ul>\n</li>\n"
	    "<li><a href=\"#b--c\">B &amp; C</a></li>\n"
	    "<li><a href=\"#d\">D</a>\n<ul>\n"
	    "<li><a href=\"#d1\">D1</a></li>\n"
	    "</ul>\n</li>\n</ul>\n");
	free(t);
}

/* A page with h3s and no h2 (the npm command pages' "Synopsis" and
 * friends under an h1): its h3s are siblings, not nested under the first. */
Test(slug, toc_of_h3s_without_h2_is_flat, .timeout = 10)
{
	char *t = toc_of("<h1>npm</h1><h3>Synopsis</h3><h3>Description</h3>"
	    "<h3>See Also</h3>");

	cr_expect_str_eq(t, "<ul class=\"toc\">\n"
	    "<li><a href=\"#synopsis\">Synopsis</a></li>\n"
	    "<li><a href=\"#description\">Description</a></li>\n"
	    "<li><a href=\"#see-also\">See Also</a></li>\n</ul>\n");
	free(t);
}

Test(slug, toc_starting_at_h3_and_empty, .timeout = 10)
{
	char *t = toc_of("<h3>Lone</h3><h2>Two</h2>");

	cr_expect_str_eq(t, "<ul class=\"toc\">\n"
	    "<li><a href=\"#lone\">Lone</a></li>\n"
	    "<li><a href=\"#two\">Two</a></li>\n</ul>\n");
	free(t);
	t = toc_of("<h1>Only a title</h1><p>text</p>");
	cr_expect_str_eq(t, "");
	free(t);
}
