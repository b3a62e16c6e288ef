/* test_frontmatter.c - front matter keys and layouts' placeholders */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontmatter.h"
#include "layout.h"

Test(frontmatter, scalars_order_draft, .timeout = 10)
{
	const char md[] = "---\ntitle: \"A: b\"\ndescription: One line\n"
	    "weight: 2.5\ndraft: True\nauthor: 'Ann'\ntags:\n  - a\n  - b\n"
	    "nested: {a: 1}\nempty:\n---\nBody\n";
	struct front_matter fm;
	double order = 0;

	fm_parse(md, strlen(md), &fm);
	cr_expect_str_eq(fm_get(&fm, "title"), "A: b");
	cr_expect_str_eq(fm_get(&fm, "Description"), "One line");
	cr_expect_str_eq(fm_get(&fm, "author"), "Ann");
	cr_expect_str_eq(fm_get(&fm, "tags"), "a, b");
	cr_expect_str_eq(fm_get(&fm, "tags.1"), "b");
	cr_expect_null(fm_get(&fm, "nested"));
	cr_expect_str_eq(fm_get(&fm, "nested.a"), "1");
	cr_expect_null(fm_get(&fm, "empty"));
	cr_expect(fm_order(&fm, &order));
	cr_expect_eq(order, 2.5);
	cr_expect(fm_draft(&fm));
	cr_expect_str_eq(fm.body, "Body\n");
	cr_expect_eq(fm.body_line, 13);
	fm_release(&fm);
}

Test(frontmatter, order_wins_over_weight_and_bad_numbers, .timeout = 10)
{
	struct front_matter fm;
	double order = 0;
	const char a[] = "---\norder: -3\nweight: 9\ndraft: no\n---\n";
	const char b[] = "---\norder: soon\n---\n";

	fm_parse(a, strlen(a), &fm);
	cr_expect(fm_order(&fm, &order));
	cr_expect_eq(order, -3);
	cr_expect_not(fm_draft(&fm));
	fm_release(&fm);
	fm_parse(b, strlen(b), &fm);
	cr_expect_not(fm_order(&fm, &order));
	cr_expect_not(fm_draft(&fm));
	fm_release(&fm);
}

static char warned[2048];
static unsigned n_warned;

static void
warn(void *arg, const char *msg)
{
	n_warned++;
	strncat(warned, msg, sizeof warned - strlen(warned) - 2);
	strcat(warned, "\n");
}

Test(frontmatter, unknown_placeholders_warned_with_line, .timeout = 10)
{
	struct layout l;
	const char text[] = "<title>{{ title }}</title>\n"
	    "<p>{{ subtitle }}</p>\n\n{{page.author}} {{ page.x..y }} {{ }}\n";

	warned[0] = '\0';
	n_warned = 0;
	cr_expect_eq(layout_parse(&l, text, "_layout.html", warn, NULL), 2);
	cr_expect(strstr(warned, "_layout.html:2: unknown placeholder "
	    "'{{ subtitle }}'"), "%s", warned);
	cr_expect(strstr(warned, "_layout.html:4: unknown placeholder "
	    "'{{ page.x..y }}'"), "%s", warned);
	cr_expect(layout_uses(&l, LAYOUT_TITLE));
	cr_expect(layout_uses(&l, LAYOUT_PAGE_KEY));
	cr_expect_not(layout_uses(&l, LAYOUT_NAV));
	layout_release(&l);
}

Test(frontmatter, page_keys_and_description_filled, .timeout = 10)
{
	struct layout l;
	struct front_matter fm;
	struct buf out = BUF_INIT;
	const char md[] = "---\nAuthor: A <b>\ndescription: D & d\n---\n";
	struct layout_vals v = { .page = "g/p.md", .title = "T" };

	fm_parse(md, strlen(md), &fm);
	v.fm = &fm;
	v.description = fm_get(&fm, "description");
	warned[0] = '\0';
	n_warned = 0;
	layout_parse(&l, "{{ page.author }}|{{ description }}|\n"
	    "{{ page.missing }}|{{ nav }}{{ toc }}|", "L", warn, NULL);
	cr_expect_eq(layout_fill(&l, &v, &out, warn, NULL), 1);
	cr_expect_str_eq(out.p, "A &lt;b&gt;|D &amp; d|\n||");
	cr_expect(strstr(warned, "g/p.md: {{ page.missing }} (L:2) names "
	    "nothing"), "%s", warned);
	free(out.p);
	fm_release(&fm);
	layout_release(&l);
}

/* YAML's quoted scalars: '' in single quotes, backslash escapes in double
 * quotes; a comment after the closing quote is dropped. */
Test(frontmatter, yaml_quoting, .timeout = 10)
{
	const char md[] = "---\n"
	    "a: 'it''s'\n"
	    "b: \"a \\\"q\\\" \\t\\\\ \\n\"\n"
	    "c: \"caf\\u00e9 \\x41 \\U0001F600 \\ud83d\\ude00\"\n"
	    "d: 'no \\escape'\n"
	    "e: \"\\q kept\"\n"
	    "f: 'x' # a comment\n"
	    "g: \"\"\n"
	    "h: 'unclosed\n"
	    "i: \"x\\0y \\/\"\n"
	    "j: ''''\n"
	    "---\n";
	struct front_matter fm;

	fm_parse(md, strlen(md), &fm);
	cr_expect_str_eq(fm_get(&fm, "a"), "it's");
	cr_expect_str_eq(fm_get(&fm, "b"), "a \"q\" \t\\ \n");
	cr_expect_str_eq(fm_get(&fm, "c"), "caf\xc3\xa9 A \xf0\x9f\x98\x80 "
	    "\xf0\x9f\x98\x80");
	cr_expect_str_eq(fm_get(&fm, "d"), "no \\escape");
	cr_expect_str_eq(fm_get(&fm, "e"), "\\q kept");
	cr_expect_str_eq(fm_get(&fm, "f"), "x");
	cr_expect_str_eq(fm_get(&fm, "g"), "");
	cr_expect_str_eq(fm_get(&fm, "h"), "'unclosed");
	cr_expect_str_eq(fm_get(&fm, "i"), "xy /");
	cr_expect_str_eq(fm_get(&fm, "j"), "'");
	fm_release(&fm);
}

/* Real YAML front matter: block scalars, nested maps, lists, flow
 * collections, anchors and comments, as MkDocs and Jekyll pages have. */
Test(frontmatter, yaml_blocks_lists_and_maps, .timeout = 10)
{
	const char md[] = "---\n"
	    "title: Install  # the page's title\n"
	    "description: |\n  Two lines\n  of text.\n"
	    "summary: >\n  Folded\n  into one.\n"
	    "author:\n  name: Ann\n  site: {url: 'https://a.example'}\n"
	    "tags: [cli, 'web server']\n"
	    "steps:\n  - run: make\n  - plain\n"
	    "base: &b {order: 3}\n"
	    "copy: *b\n"
	    "none: ~\n"
	    "---\nBody\n";
	struct front_matter fm;
	double order;

	fm_parse(md, strlen(md), &fm);
	cr_expect_null(fm.error, "%s", fm.error);
	cr_expect_str_eq(fm_get(&fm, "title"), "Install");
	cr_expect_str_eq(fm_get(&fm, "description"), "Two lines\nof text.\n");
	cr_expect_str_eq(fm_get(&fm, "summary"), "Folded into one.\n");
	cr_expect_str_eq(fm_get(&fm, "author.name"), "Ann");
	cr_expect_str_eq(fm_get(&fm, "author.site.url"), "https://a.example");
	cr_expect_str_eq(fm_get(&fm, "tags"), "cli, web server");
	cr_expect_str_eq(fm_get(&fm, "tags.1"), "web server");
	cr_expect_str_eq(fm_get(&fm, "steps.0.run"), "make");
	cr_expect_str_eq(fm_get(&fm, "steps"), "plain");
	cr_expect_str_eq(fm_get(&fm, "copy.order"), "3");
	cr_expect_null(fm_get(&fm, "none"));
	cr_expect_not(fm_order(&fm, &order));
	cr_expect_str_eq(fm.body, "Body\n");
	cr_expect_eq(fm.body_line, 20);
	fm_release(&fm);
}

/* A syntax error names the page's line; the one-line scalars are still
 * read, so the page keeps its title. */
Test(frontmatter, yaml_error_names_the_line, .timeout = 10)
{
	const char md[] = "---\ntitle: Kept\ntags: [a, b\nx: 1\n---\nBody\n";
	const char list[] = "---\n- a\n- b\n---\n";
	struct front_matter fm;

	fm_parse(md, strlen(md), &fm);
	cr_assert_not_null(fm.error);
	cr_expect(strstr(fm.error, "front matter: "), "%s", fm.error);
	cr_expect_geq(fm.error_line, 3, "%u", fm.error_line);
	cr_expect_leq(fm.error_line, 5, "%u", fm.error_line);
	cr_expect_str_eq(fm_get(&fm, "title"), "Kept");
	cr_expect_str_eq(fm.body, "Body\n");
	fm_release(&fm);
	fm_parse(list, strlen(list), &fm);
	cr_assert_not_null(fm.error);
	cr_expect_str_eq(fm.error, "front matter is not a map of keys and "
	    "values");
	cr_expect_eq(fm.error_line, 2);
	cr_expect_eq(fm.n, 0);
	fm_release(&fm);
}

/* Aliases can make a small block huge: the reading stops at a bound. */
Test(frontmatter, yaml_alias_bomb_is_bounded, .timeout = 10)
{
	const char md[] = "---\n"
	    "a: &a [x, x, x, x, x, x, x, x, x]\n"
	    "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
	    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
	    "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
	    "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
	    "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
	    "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
	    "---\n";
	struct front_matter fm;

	fm_parse(md, strlen(md), &fm);
	cr_assert_not_null(fm.error);
	cr_expect(strstr(fm.error, "more keys"), "%s", fm.error);
	cr_expect_leq(fm.n, 4096 + 64);
	fm_release(&fm);
}

/* The fast reader and libyaml agree on the one-line scalars it takes. */
Test(frontmatter, fast_reader_agrees_with_yaml, .timeout = 10)
{
	const char *lines[] = { "t: Plain text", "t: \"a: b\"",
		"t: 'it''s'", "t: caf\xc3\xa9", "t: a#b", "t: \"\\u00e9\"",
		"t: 12:30", "t: x [y] {z}" };

	for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
		char md[128], simple[128];
		struct front_matter a, b;

		snprintf(md, sizeof md, "---\n%s\n---\n", lines[i]);
		/* a list sends the block to libyaml */
		snprintf(simple, sizeof simple, "---\n%s\nz:\n  - 1\n---\n",
		    lines[i]);
		fm_parse(md, strlen(md), &a);
		fm_parse(simple, strlen(simple), &b);
		cr_assert_eq(a.n, 1, "%s", lines[i]);
		cr_assert_eq(b.n, 3, "%s", lines[i]);
		cr_assert_not_null(fm_get(&b, "t"), "%s", lines[i]);
		cr_expect_str_eq(a.vals[0], fm_get(&b, "t"), "%s", lines[i]);
		cr_expect_null(b.error, "%s: %s", lines[i], b.error);
		fm_release(&a);
		fm_release(&b);
	}
}
