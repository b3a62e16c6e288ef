/* test_frontmatter.c - front matter keys and layouts' placeholders */
#include <criterion/criterion.h>
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
	cr_expect_null(fm_get(&fm, "tags"));
	cr_expect_null(fm_get(&fm, "nested"));
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
	    "<p>{{ subtitle }}</p>\n\n{{page.author}} {{ page.x.y }} {{ }}\n";

	warned[0] = '\0';
	n_warned = 0;
	cr_expect_eq(layout_parse(&l, text, "_layout.html", warn, NULL), 2);
	cr_expect(strstr(warned, "_layout.html:2: unknown placeholder "
	    "'{{ subtitle }}'"), "%s", warned);
	cr_expect(strstr(warned, "_layout.html:4: unknown placeholder "
	    "'{{ page.x.y }}'"), "%s", warned);
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
