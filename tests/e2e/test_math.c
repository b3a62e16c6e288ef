/* test_math.c - math in pages: spans, KaTeX's files copied only when a
 * page has math, kept by incremental builds, a warning without KaTeX */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "harness.h"

#define SPAN "<span class=\"math math-inline\">"
#define KATEX_JS "_tend/katex/katex.min.js"
#define KATEX_CSS "_tend/katex/katex.min.css"

static struct tend_proc t;
static char *tmp;

static void
teardown(void)
{
	unsetenv("TEND_KATEX_DIR");
	tp_teardown(&t, &tmp);
}

TestSuite(math, .fini = teardown, .timeout = 90);

static int
run(const char *const *args)
{
	tp_start(&t, NULL, args);
	cr_assert(tp_wait_exit(&t, 60000), "tend did not end: %s", t.err);
	cr_assert(WIFEXITED(t.status), "status %#x: %s", t.status, t.err);
	return WEXITSTATUS(t.status);
}

/* A site with math in two pages (one a folder down) and one without. */
static void
make_math_site(const char *src)
{
	char sub[1024];

	mkdir(src, 0755);
	snprintf(sub, sizeof sub, "%s/sub", src);
	mkdir(sub, 0755);
	write_file(src, "index.md", "# Math\n\nEuler: $e^{i\\pi}+1=0$, "
	    "prices $5 and $10.\n\n$$\n\\sum_{i=1}^n i = \\frac{n(n+1)}{2}\n"
	    "$$\n\n```math\na^2 + b^2 = c^2\n```\n\n[Plain](plain.md)\n");
	write_file(src, "sub/a.md", "# Sub\n\nInline $\\alpha$, "
	    "$x^{{2}}$.\n");
	write_file(src, "plain.md", "# Plain\n\nIt costs $5 and $10; "
	    "`$x$` is code.\n");
}

/* Every font KaTeX's copied stylesheet names is in the output. */
static void
expect_fonts(const char *out)
{
	char *css = read_file(out, KATEX_CSS), *p;
	int n = 0;

	cr_assert_not_null(css, "no %s", KATEX_CSS);
	cr_expect_null(strstr(css, "format('woff')"), "fallbacks kept");
	for (p = css; (p = strstr(p, "url(")); p += 4) {
		char rel[512];
		size_t len = strcspn(p + 4, ")");

		snprintf(rel, sizeof rel, "_tend/katex/%.*s", (int)len, p + 4);
		cr_expect(file_exists(out, rel), "%s named, not copied", rel);
		n++;
	}
	cr_expect_gt(n, 10, "%d fonts", n);
	free(css);
}

Test(math, build_copies_katex_only_for_math)
{
	char src[1024], out[1024], *s;

	tmp = tmp_dir();
	snprintf(src, sizeof src, "%s/src", tmp);
	snprintf(out, sizeof out, "%s/out", tmp);
	make_math_site(src);
	cr_assert_eq(run((const char *const[]){ "build", src, "-o", out,
	    NULL }), 0, "%s", t.err);
	s = read_file(out, "index.html");
	cr_assert(strstr(s, SPAN "e^{i\\pi}+1=0</span>"), "%s", s);
	cr_assert(strstr(s, "<span class=\"math math-display\">"), "%s", s);
	cr_assert(strstr(s, "prices $5 and $10."), "%s", s);
	cr_assert(strstr(s, "r='_tend/katex/'"), "%s", s);
	free(s);
	s = read_file(out, "sub/a.html");
	cr_assert(strstr(s, "r='../_tend/katex/'"), "%s", s);
	free(s);
	s = read_file(out, "plain.html");
	cr_assert_null(strstr(s, "katex"), "a page without math loads it");
	cr_assert(strstr(s, "<code>$x$</code>"), "%s", s);
	free(s);
	cr_assert(file_exists(out, KATEX_JS));
	expect_fonts(out);
	cr_assert_null(strstr(t.err, "KaTeX"), "%s", t.err);
	cr_assert_null(strstr(t.err, "left as it is"), "TeX's braces are no "
	    "placeholder: %s", t.err);

	/* The formulas gone, a full build leaves the files out. */
	write_file(src, "index.md", "# Math\n\nNone now.\n");
	write_file(src, "sub/a.md", "# Sub\n\nNone.\n");
	tp_cleanup(&t);
	cr_assert_eq(run((const char *const[]){ "build", src, "-o", out,
	    NULL }), 0, "%s", t.err);
	cr_assert_not(file_exists(out, "_tend/katex"), "copied without math");
}

Test(math, no_math_no_files)
{
	char src[1024], out[1024], *s;

	tmp = tmp_dir();
	snprintf(src, sizeof src, "%s/src", tmp);
	snprintf(out, sizeof out, "%s/out", tmp);
	mkdir(src, 0755);
	write_file(src, "index.md", "# Prices\n\n$5 and $10, \\$x\\$.\n");
	cr_assert_eq(run((const char *const[]){ "build", src, "-o", out,
	    NULL }), 0, "%s", t.err);
	cr_assert_not(file_exists(out, "_tend/katex"));
	s = read_file(out, "index.html");
	cr_assert_null(strstr(s, "katex"), "%s", s);
	cr_assert_null(strstr(s, "class=\"math"), "%s", s);
	free(s);
}

Test(math, missing_katex_warns_and_keeps_the_tex)
{
	char src[1024], out[1024], *s;

	tmp = tmp_dir();
	snprintf(src, sizeof src, "%s/src", tmp);
	snprintf(out, sizeof out, "%s/out", tmp);
	make_math_site(src);
	setenv("TEND_KATEX_DIR", tmp, 1);	/* no KaTeX there */
	cr_assert_eq(run((const char *const[]){ "build", src, "-o", out,
	    NULL }), 0, "%s", t.err);
	cr_assert(strstr(t.err, "KaTeX is not installed"), "%s", t.err);
	cr_assert(strstr(t.err, "libjs-katex"), "%s", t.err);
	cr_assert_not(file_exists(out, "_tend/katex"));
	s = read_file(out, "index.html");
	cr_assert(strstr(s, SPAN "e^{i\\pi}+1=0</span>"), "%s", s);
	free(s);
}

/* Under serve: an edit that brings the first formula copies the files; a
 * later incremental build (a new page, a walk) keeps them. */
Test(math, serve_adds_and_keeps_the_files)
{
	char src[1024], url[256], *body = NULL;

	tmp = tmp_dir();
	snprintf(src, sizeof src, "%s/src", tmp);
	mkdir(src, 0755);
	write_file(src, "index.md", "# Home\n\nNo math yet.\n");
	write_file(src, "other.md", "# Other\n\nText.\n");
	tp_serve(&t, src, NULL);
	cr_assert(tp_wait_builds(&t, 1, 20000), "%s", t.err);
	snprintf(url, sizeof url, "%s/" KATEX_JS, t.url);
	cr_assert_eq(http_get(url, NULL), 404);
	write_file(src, "index.md", "# Home\n\nNow $x^2$.\n");
	cr_assert(tp_wait_builds(&t, 2, 20000), "%s", t.err);
	snprintf(url, sizeof url, "%s/", t.url);
	cr_assert(http_wait_body(url, SPAN "x^2</span>", 10000));
	snprintf(url, sizeof url, "%s/" KATEX_JS, t.url);
	cr_assert_eq(http_get(url, &body), 200);
	cr_assert(body && strstr(body, "katex"));
	free(body);
	write_file(src, "new.md", "# New\n\nNo math.\n");
	cr_assert(tp_wait_builds(&t, 3, 20000), "%s", t.err);
	snprintf(url, sizeof url, "%s/new.html", t.url);
	cr_assert(http_wait_body(url, "No math.", 10000));
	write_file(src, "other.md", "# Other\n\nEdited.\n");
	cr_assert(tp_wait_builds(&t, 4, 20000), "%s", t.err);
	snprintf(url, sizeof url, "%s/other.html", t.url);
	cr_assert(http_wait_body(url, "Edited.", 10000));
	snprintf(url, sizeof url, "%s/" KATEX_JS, t.url);
	cr_assert_eq(http_get(url, NULL), 200, "an incremental build dropped "
	    "KaTeX's files");
	snprintf(url, sizeof url, "%s/" KATEX_CSS, t.url);
	cr_assert_eq(http_get(url, NULL), 200);
}
