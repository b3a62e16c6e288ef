/* test_include.c - mdBook's {{#include}}: directives, ranges, anchors */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "include.h"
#include "xalloc.h"

/* A tiny file system: path -> text; reads noted in `asked`. */
static const char *const files[][2] = {
	{ "src/main.rs", "// ANCHOR: all\nuse std::io;\n// ANCHOR: body\n"
	    "fn main() {\n    run();\n}\n// ANCHOR_END: body\n"
	    "/* ANCHOR_END: all */\n" },
	{ "lines.txt", "one\ntwo\nthree\nfour\nfive\n" },
	{ "guide/part.md", "Part says {{#include ../lines.txt:2}}.\n" },
	{ "loop.md", "{{#include loop.md}}" },
	{ "noend.txt", "a\n# ANCHOR: x\nb\nc" },
	{ "../listings/l1/src/main.rs", "fn main() {\n    // ANCHOR: here\n"
	    "    let x = 5;\n    // ANCHOR_END: here\n}\n// ANCHOR: 1st\n"
	    "fn one() {}\n// ANCHOR_END: 1st\n" },
};
static char asked[1024];
static char warned[4096];

static int
fake_read(void *arg, const char *page, const char *path, char **data,
    size_t *len)
{
	(void)arg;
	snprintf(asked + strlen(asked), sizeof asked - strlen(asked),
	    "%s<%s;", path, page);
	for (size_t i = 0; i < sizeof files / sizeof *files; i++)
		if (!strcmp(files[i][0], path)) {
			*data = xstrdup(files[i][1]);
			*len = strlen(files[i][1]);
			return 0;
		}
	errno = ENOENT;
	return -1;
}

static void
warn(void *arg, const char *msg)
{
	(void)arg;
	snprintf(warned + strlen(warned), sizeof warned - strlen(warned),
	    "%s\n", msg);
}

static struct include_src src = { fake_read, NULL, 0 };

/* Expand md for the page rel, paths climbing at most up folders above
 * SRC; the new body ("" if unchanged). */
static char *
expand_up(const char *rel, const char *md, unsigned *warnings, unsigned up)
{
	struct buf b = BUF_INIT;

	*warnings = 0;
	asked[0] = warned[0] = '\0';
	src.up = up;
	if (!include_expand(&src, rel, md, strlen(md), 1, &b, warn, NULL,
	    warnings))
		return xstrdup("");
	buf_terminate(&b);
	return b.p;
}

/* Expand md for the page rel; the new body ("" if unchanged). */
static char *
expand(const char *rel, const char *md, unsigned *warnings)
{
	return expand_up(rel, md, warnings, 0);
}

static void
expect(const char *rel, const char *md, const char *want, unsigned warns)
{
	unsigned w;
	char *got = expand(rel, md, &w);

	cr_expect_str_eq(got, want, "from <<%s>>", md);
	cr_expect_eq(w, warns, "from <<%s>>: %s", md, warned);
	free(got);
}

Test(include, directive_forms, .timeout = 10)
{
	const char *w, *a;
	size_t wl, al;

	cr_expect_eq(include_directive("{{#include a.rs}}", 17, &w, &wl, &a,
	    &al), 17);
	cr_expect(wl == 7 && !memcmp(w, "include", 7));
	cr_expect(al == 4 && !memcmp(a, "a.rs", 4));
	cr_expect_eq(include_directive("{{ #include  b.rs:3 }}x", 23, &w, &wl,
	    &a, &al), 22);
	cr_expect(al == 6 && !memcmp(a, "b.rs:3", 6));
	cr_expect_eq(include_directive("{{ title }}", 11, &w, &wl, &a, &al),
	    0);
	cr_expect_eq(include_directive("{{#includex a}}", 15, &w, &wl, &a,
	    &al), 15);	/* a word of its own: not "include" */
	cr_expect(wl == 8 && !memcmp(w, "includex", 8));
	/* no args: text, as mdBook leaves it (a Handlebars {{#toc}}) */
	cr_expect_eq(include_directive("{{#include}}", 12, &w, &wl, &a, &al),
	    0);
	cr_expect_eq(include_directive("{{#toc }}", 9, &w, &wl, &a, &al), 0);
	cr_expect_eq(include_directive("{{#include a\n}}", 15, &w, &wl, &a,
	    &al), 0);
	cr_expect_eq(include_directive("{{#include a}", 13, &w, &wl, &a, &al),
	    0);
}

Test(include, ranges_parse, .timeout = 10)
{
	struct include_dir d;

	cr_assert_eq(include_parse("a.rs", 4, &d), 0);
	cr_expect(d.kind == INCLUDE_LINES && d.from == 1 && d.to == 0);
	cr_assert_eq(include_parse("a.rs:3", 6, &d), 0);
	cr_expect(d.from == 3 && d.to == 3 && d.path_len == 4);
	cr_assert_eq(include_parse("a.rs:2:4", 8, &d), 0);
	cr_expect(d.from == 2 && d.to == 4);
	cr_assert_eq(include_parse("a.rs::4", 7, &d), 0);
	cr_expect(d.from == 1 && d.to == 4);
	cr_assert_eq(include_parse("a.rs:2:", 7, &d), 0);
	cr_expect(d.from == 2 && d.to == 0);
	cr_assert_eq(include_parse("a.rs:my-part_1", 14, &d), 0);
	cr_expect(d.kind == INCLUDE_ANCHOR && d.anchor_len == 9 &&
	    !memcmp(d.anchor, "my-part_1", 9));
	cr_expect_eq(include_parse("a.rs:3:x", 8, &d), -1);
	cr_expect_eq(include_parse("a.rs:5:2", 8, &d), -1);
	cr_expect_eq(include_parse(":3", 2, &d), -1);
	cr_expect_eq(include_parse("a.rs:bad name", 13, &d), -1);
}

Test(include, line_ranges, .timeout = 10)
{
	expect("p.md", "{{#include lines.txt}}\n", "one\ntwo\nthree\nfour\n"
	    "five\n", 0);
	expect("p.md", "```\n{{#include lines.txt:2}}\n```\n",
	    "```\ntwo\n```\n", 0);
	expect("p.md", "{{#include lines.txt:2:3}}|", "two\nthree|", 0);
	expect("p.md", "{{#include lines.txt::2}}|", "one\ntwo|", 0);
	expect("p.md", "{{#include lines.txt:4:}}|", "four\nfive|", 0);
	expect("p.md", "{{#include lines.txt:9:}}|", "|", 0);
}

/* Anchors in any comment syntax; markers of other anchors dropped. */
Test(include, anchors, .timeout = 10)
{
	expect("p.md", "```rust\n{{#include src/main.rs:body}}\n```\n",
	    "```rust\nfn main() {\n    run();\n}\n```\n", 0);
	expect("p.md", "{{#include src/main.rs:all}}\n",
	    "use std::io;\nfn main() {\n    run();\n}\n", 0);
	/* no end: to the file's end */
	expect("p.md", "{{#include noend.txt:x}}\n", "b\nc\n", 0);
}

Test(include, paths_relative_to_the_page_and_nested, .timeout = 10)
{
	expect("src/ch1.md", "{{#include main.rs:body}}", "fn main() {\n"
	    "    run();\n}", 0);
	cr_expect(strstr(asked, "src/main.rs<src/ch1.md;"), "%s", asked);
	/* guide/part.md includes ../lines.txt: its own folder's path */
	expect("p.md", "{{#include guide/part.md}}\n",
	    "Part says two.\n", 0);
	cr_expect(strstr(asked, "lines.txt<p.md;"), "%s", asked);
	expect("p.md", "{{#include /lines.txt:1}}", "one", 0);
}

Test(include, failures_are_left_with_one_warning_at_their_line,
    .timeout = 10)
{
	expect("d/p.md", "# T\n\n{{#include nope.rs}}\n", "# T\n\n"
	    "{{#include nope.rs}}\n", 1);
	cr_expect(strstr(warned, "d/p.md:3: '{{#include nope.rs}}' is left as "
	    "it is: cannot read 'd/nope.rs': No such file or directory"), "%s",
	    warned);
	expect("d/p.md", "x\n{{#include ../../etc/passwd}}", "x\n"
	    "{{#include ../../etc/passwd}}", 1);
	cr_expect(strstr(warned, "d/p.md:2: ") && strstr(warned,
	    "outside the project's folder"), "%s", warned);
	cr_expect_eq(strstr(asked, "passwd"), NULL, "%s", asked);
	expect("p.md", "{{#include src/main.rs:nope}}",
	    "{{#include src/main.rs:nope}}", 1);
	cr_expect(strstr(warned, "no anchor 'nope' in 'src/main.rs'"), "%s",
	    warned);
	expect("p.md", "{{#include lines.txt:3:x}}",
	    "{{#include lines.txt:3:x}}", 1);
	expect("p.md", "{{#playground src/main.rs}}",
	    "{{#playground src/main.rs}}", 1);
	cr_expect(strstr(warned, "tend expands only {{#include}}"), "%s",
	    warned);
	/* a loop stops at the depth limit, with one warning */
	expect("p.md", "{{#include loop.md}}", "{{#include loop.md}}", 1);
	cr_expect(strstr(warned, "loop.md:1: ") && strstr(warned,
	    "nested more than"), "%s", warned);
}

Test(include, escaped_and_plain_text, .timeout = 10)
{
	expect("p.md", "See \\{{#include lines.txt}} here.",
	    "See {{#include lines.txt}} here.", 0);
	cr_expect_str_eq(asked, "");
	expect("p.md", "No {{ title }} or {{#}} here.", "", 0);
	expect("p.md", "", "", 0);
}

/* No source (a renderer without files): nothing expanded, no warning. */
Test(include, no_source_no_change, .timeout = 10)
{
	struct buf b = BUF_INIT;
	unsigned w = 0;

	cr_expect_not(include_expand(NULL, "p.md", "{{#include a}}", 14, 1, &b,
	    warn, NULL, &w));
	cr_expect_eq(w, 0);
	cr_expect_eq(b.len, 0);
}

/* The Rust Book's src/ includes ../listings/: up to the project holding
 * SRC (site_includes_open() finds how far up), not beyond; and
 * {{#rustdoc_include}} gives the lines mdBook shows. */
Test(include, above_src_up_to_the_project_and_rustdoc_include)
{
	unsigned w;
	char *got;

	got = expand_up("ch01.md", "```rust\n{{#rustdoc_include "
	    "../listings/l1/src/main.rs:here}}\n```\n", &w, 1);
	cr_expect_str_eq(got, "```rust\n    let x = 5;\n```\n");
	cr_expect_eq(w, 0, "%s", warned);
	cr_expect(strstr(asked, "../listings/l1/src/main.rs<ch01.md;"), "%s",
	    asked);
	free(got);
	got = expand_up("ch01.md", "{{#include ../../etc/passwd}}", &w, 1);
	cr_expect_str_eq(got, "{{#include ../../etc/passwd}}");
	cr_expect(strstr(warned, "outside the project's folder"), "%s",
	    warned);
	cr_expect_eq(strstr(asked, "passwd"), NULL, "%s", asked);
	free(got);
	got = expand_up("a/ch01.md", "{{#include ../../listings/l1/src/"
	    "main.rs:1}}", &w, 1);
	cr_expect_str_eq(got, "fn main() {");
	free(got);
	/* an anchor may start with a digit (the Rust Book's "1st") */
	got = expand_up("ch01.md", "{{#include ../listings/l1/src/main.rs:"
	    "1st}}", &w, 1);
	cr_expect_str_eq(got, "fn one() {}");
	cr_expect_eq(w, 0, "%s", warned);
	free(got);
}
