/*
 * test_genlive.c - tend serve checks the internal links of --cmd builds:
 * broken links told at their place in SRC (found by their text), then
 * fixed; a broken #fragment; a page a later build removes, told at the
 * pages linking to it; a link whose source is not found.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"

static struct tend_proc t;
static char *site;

static void
teardown(void)
{
	tp_teardown(&t, &site);
}

TestSuite(genlive, .fini = teardown, .timeout = 90);

/* A generator in shell (it cleans its output, as generators do: the
 * staging folder starts as a copy of the live output): each docs/X.md becomes X.html, its "# T" heading
 * <h1 id="T">, its [text](href) links <a href="href">; gen.html holds a
 * link written in no source. */
static const char gen_cmd[] =
    "rm -f {out}/*.html; for f in docs/*.md; do b=$(basename \"$f\" .md); "
    "sed -E 's/\\[([^]]*)\\]\\(([^)]*)\\)/<a href=\"\\2\">\\1<\\/a>/g; "
    "s/^# (.*)$/<h1 id=\"\\1\">\\1<\\/h1>/' \"$f\" > {out}/$b.html; done; "
    "echo '<p><a href=\"/nowhere/\">x</a> <a href=\"https://e.com/\">e</a>"
    "</p>' > {out}/gen.html";

static void
serve_site(void)
{
	site = tmp_dir();
	write_file(site, "docs/a.md", "# A\n\nSee [b](b.html#intro).\n\n"
	    "Text [gone](missing.html) here.\n");
	write_file(site, "docs/b.md", "# intro\n\nText.\n");
	tp_serve(&t, site, (const char *const[]){ "--no-reload", "--cmd",
	    gen_cmd, NULL });
	cr_assert(tp_wait_builds(&t, 1, 15000), "%s", t.err);
}

/* How many times needle occurs in s. */
static int
count(const char *s, const char *needle)
{
	int n = 0;

	for (const char *p = s; (p = strstr(p, needle)); p++)
		n++;
	return n;
}

Test(genlive, broken_link_at_its_source_then_fixed)
{
	serve_site();
	cr_assert(tp_wait_err(&t, "tend: docs/a.md:5:6: broken link "
	    "'missing.html' (no such page)", 10000), "%s", t.err);
	cr_assert(tp_wait_out(&t, "{\"event\":\"link\",\"state\":\"broken\","
	    "\"file\":\"docs/a.md\",\"line\":5,\"col\":6,\"reason\":"
	    "\"no such page\",\"href\":\"missing.html\",\"page\":\"a.html\"}",
	    5000), "%s", t.out);
	/* the link with no source: the page's URL path */
	cr_assert(tp_wait_err(&t, "tend: /gen.html (source not found): "
	    "broken link '/nowhere/' (no such page)", 5000), "%s", t.err);
	cr_assert_eq(count(t.err, "broken link"), 2, "%s", t.err);
	/* the page made: fixed, a.html unchanged (the target map) */
	write_file(site, "docs/missing.md", "# M\n");
	cr_assert(tp_wait_err(&t, "tend: docs/a.md:5: fixed link "
	    "'missing.html'", 10000), "%s", t.err);
	cr_assert_eq(count(t.err, "broken link"), 2, "%s", t.err);
}

Test(genlive, broken_fragment_and_removed_page)
{
	char b[4096];

	serve_site();
	cr_assert(tp_wait_err(&t, "broken link 'missing.html'", 10000), "%s",
	    t.err);
	write_file(site, "docs/b.md", "# outro\n\nText.\n");
	cr_assert(tp_wait_err(&t, "tend: docs/a.md:3:5: broken link "
	    "'b.html#intro' (no such anchor)", 10000), "%s", t.err);
	write_file(site, "docs/b.md", "# intro\n\nText.\n");
	cr_assert(tp_wait_err(&t, "tend: docs/a.md:3: fixed link "
	    "'b.html#intro'", 10000), "%s", t.err);
	snprintf(b, sizeof b, "%s/docs/b.md", site);
	cr_assert_eq(unlink(b), 0);
	cr_assert(tp_wait_err(&t, "tend: docs/a.md:3:5: broken link "
	    "'b.html#intro' (no such page)", 10000), "%s", t.err);
}
