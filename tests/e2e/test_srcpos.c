/* test_srcpos.c - tend check names the source line of each broken link */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "harness.h"

static struct tend_proc t;
static char *tmp;

static void
teardown(void)
{
	tp_teardown(&t, &tmp);
}

TestSuite(srcpos, .fini = teardown, .timeout = 60);

static int
run(const char *const *args)
{
	tp_start(&t, NULL, args);
	cr_assert(tp_wait_exit(&t, 30000), "tend check did not end: %s", t.err);
	cr_assert(WIFEXITED(t.status), "status %#x: %s", t.status, t.err);
	return WEXITSTATUS(t.status);
}

/* A built-in site: a broken link on line 9, column 11 of a page with
 * front matter (the column counts characters: "Ünï →" is 5 characters, 9 bytes), and a link
 * to a missing .md (left as written in the output, as GitHub would). */
static char *
builtin_site(void)
{
	char *d = tmp_dir();

	write_file(d, "index.md", "# Home\n\nGo to [the guide](guide/nothing.md)."
	    "\n\n<p>raw <a href=\"gone.html\">gone</a></p>\n");
	write_file(d, "guide/nothing.md", "---\ntitle: Nothing\n---\n"
	    "# Nothing\n\nSome text.\n\n* a list\n"
	    "  * Ünï → [missing](missing.html) and\n"
	    "[the old page](old.md#top)\n");
	return d;
}

Test(srcpos, builtin_text_json_junit)
{
	char out[1024], junit[1024], *src, *xml;

	tmp = tmp_dir();
	src = builtin_site();
	snprintf(out, sizeof out, "%s/out", tmp);
	snprintf(junit, sizeof junit, "%s/r.xml", tmp);
	cr_assert_eq(run((const char *const[]){ "check", src, "-o", out,
	    "--junit", junit, NULL }), 1, "%s\n%s", t.out, t.err);
	cr_expect(strstr(t.out, "guide/nothing.md:9:11: /guide/nothing.html: "
	    "missing.html → 404\n"), "%s", t.out);
	cr_expect(strstr(t.out, "guide/nothing.md:10:1: /guide/nothing.html: "
	    "old.md#top → 404\n"), "%s", t.out);
	cr_expect(strstr(t.out, "index.md:5:8: /: gone.html → 404\n"), "%s",
	    t.out);
	xml = read_file(tmp, "r.xml");
	cr_assert_not_null(xml);
	cr_expect(strstr(xml, "message=\"guide/nothing.md:9:11: missing.html "
	    "→ 404\""), "%s", xml);
	free(xml);
	cr_assert_eq(run((const char *const[]){ "check", src, "-o", out,
	    "--json", NULL }), 1, "%s\n%s", t.out, t.err);
	cr_expect(strstr(t.out, "\"link\":\"missing.html\",\"target\":"
	    "\"/guide/missing.html\",\"reason\":\"404\",\"src\":"
	    "\"guide/nothing.md\",\"src_line\":9,\"src_col\":11}"), "%s", t.out);
	rm_rf(src);
	free(src);
}

/* A link in _layout.html is the layout's, on every page. */
Test(srcpos, layout_link)
{
	char out[1024], *src;

	tmp = tmp_dir();
	src = builtin_site();
	write_file(src, "_layout.html", "<!doctype html>\n<html><head>"
	    "<title>{{ title }}</title></head>\n<body>\n"
	    "  <nav><a href=\"{{ root }}about.html\">About</a></nav>\n"
	    "{{ content }}\n</body></html>\n");
	snprintf(out, sizeof out, "%s/out", tmp);
	cr_assert_eq(run((const char *const[]){ "check", src, "-o", out,
	    NULL }), 1, "%s\n%s", t.out, t.err);
	cr_expect(strstr(t.out, "_layout.html:4:8: /about.html → 404, linked "
	    "from 2 pages: /, /guide/nothing.html\n"), "%s", t.out);
	cr_expect(strstr(t.out, "guide/nothing.md:9:11: "), "%s", t.out);
	rm_rf(src);
	free(src);
}

/* A --cmd site: the link is looked for in SRC's sources, by its .md form;
 * one no source has is "source not found". */
Test(srcpos, cmd_site_found_in_src_and_not_found)
{
	char out[1024];

	tmp = tmp_dir();
	write_file(tmp, "docs/a.md", "# A\n\nline\n   see [b](b.md) and "
	    "[c](c/)\n");
	write_file(tmp, "docs/other.md", "# Other\n\nNo links here.\n");
	snprintf(out, sizeof out, "%s/out", tmp);
	cr_assert_eq(run((const char *const[]){ "check", tmp, "--out", out,
	    "--cmd", "mkdir -p out && printf '<a href=\"b.html\">b</a> "
	    "<a href=\"c/\">c</a> <a href=\"zzz.html\">z</a>' > out/a.html && "
	    "printf '<a href=a.html>a</a>' > out/index.html", NULL }), 1,
	    "%s\n%s", t.out, t.err);
	cr_expect(strstr(t.out, "docs/a.md:4:8: /a.html: b.html → 404\n"),
	    "%s", t.out);
	cr_expect(strstr(t.out, "docs/a.md:4:22: /a.html: c/ → "), "%s", t.out);
	cr_expect(strstr(t.out, "/a.html: zzz.html → 404 (source not found)\n"),
	    "%s", t.out);
	cr_assert_eq(run((const char *const[]){ "check", tmp, "--out", out,
	    "--json", "--cmd", "true", NULL }), 1, "%s\n%s", t.out, t.err);
	cr_expect(strstr(t.out, "\"link\":\"zzz.html\",\"target\":\"/zzz.html\","
	    "\"reason\":\"404\",\"src\":\"\",\"src_line\":0,\"src_col\":0}"),
	    "%s", t.out);
}

/* Two sources with the link and neither named as the page: no guess;
 * several, one named as the page: that one. */
Test(srcpos, ambiguous_source_is_not_guessed)
{
	char out[1024];

	tmp = tmp_dir();
	write_file(tmp, "x.md", "[n](nope.html)\n\n[o](other.html)\n");
	write_file(tmp, "y.md", "[n](nope.html)\n");
	write_file(tmp, "page.md", "# Page\n\n[o](other.md)\n");
	snprintf(out, sizeof out, "%s/out", tmp);
	cr_assert_eq(run((const char *const[]){ "check", tmp, "--out", out,
	    "--cmd", "mkdir -p out && printf '<a href=\"nope.html\">n</a>' > "
	    "out/index.html && printf '<a href=\"other.html\">o</a>' > "
	    "out/page.html", NULL }), 1, "%s\n%s", t.out, t.err);
	cr_expect(strstr(t.out, "page.md:3:1: /page.html: other.html → 404\n"),
	    "%s", t.out);
	cr_expect(strstr(t.out, "/: nope.html → 404 (source not found)\n"),
	    "%s", t.out);
}
