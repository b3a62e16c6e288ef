/* test_highlight.c - code blocks highlighted at build time by the real
 * binary: `tend build` and `tend serve` (an edit re-highlights) */
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

TestSuite(highlight, .fini = teardown, .timeout = 90);

#define PAGE \
	"# Code\n\n" \
	"```python\ndef greet(name):\n    return f\"hi {name}\"  # say\n```\n\n" \
	"```unknownlang\ndef greet(name): return 1\n```\n\n" \
	"```console\n$ tend build docs -o out\nbuilt 3 pages\n```\n\n" \
	"Inline `def x` stays as it is.\n"

/* The text of html between the n-th (from 0) "<pre" and its "</pre>". */
static char *
block(const char *html, int n)
{
	const char *p = strstr(html, "<pre"), *e;

	for (; p && n > 0; n--)
		p = strstr(p + 1, "<pre");
	cr_assert_not_null(p, "too few code blocks in %s", html);
	e = strstr(p, "</pre>");
	cr_assert_not_null(e);
	return strndup(p, (size_t)(e - p));
}

Test(highlight, build_highlights_known_languages_only)
{
	char src[1024], out[1024], *html, *py, *unk, *con;

	tmp = tmp_dir();
	snprintf(src, sizeof src, "%s/src", tmp);
	snprintf(out, sizeof out, "%s/out", tmp);
	write_file(tmp, "src/index.md", PAGE);
	tp_start(&t, NULL, (const char *const[]){ "build", src, "-o", out,
	    NULL });
	cr_assert(tp_wait_exit(&t, 60000), "tend did not end: %s", t.err);
	cr_assert(WIFEXITED(t.status) && WEXITSTATUS(t.status) == 0,
	    "status %#x: %s", t.status, t.err);
	html = read_file(out, "index.html");
	cr_assert_not_null(html);
	py = block(html, 0);
	unk = block(html, 1);
	con = block(html, 2);
	cr_expect(strstr(py, "<code class=\"language-python\">"
	    "<span class=\"tok-k\">def</span> <span class=\"tok-f\">greet"
	    "</span>(name):"), "%s", py);
	cr_expect(strstr(py, "<span class=\"tok-s\">f&quot;hi {name}&quot;"
	    "</span>  <span class=\"tok-c\"># say</span>"), "%s", py);
	cr_expect(strstr(unk, "<code class=\"language-unknownlang\">def greet"
	    "(name): return 1\n</code>"), "%s", unk);
	cr_expect_null(strstr(unk, "tok-"), "%s", unk);
	cr_expect(strstr(con, "<span class=\"tok-p\">$</span> tend build docs "
	    "-o out\nbuilt 3 pages\n"), "%s", con);
	cr_expect(strstr(html, "<code>def x</code>"), "inline code: %s", html);
	cr_expect(strstr(html, ".tok-k{color:"), "no colours in the theme");
	free(py);
	free(unk);
	free(con);
	free(html);
}

Test(highlight, serve_rehighlights_an_edit)
{
	char src[1024], url[256];

	tmp = tmp_dir();
	snprintf(src, sizeof src, "%s/src", tmp);
	write_file(tmp, "src/index.md", PAGE);
	tp_serve(&t, src, NULL);
	snprintf(url, sizeof url, "%s/", t.url);
	cr_assert(http_wait_body(url, "<span class=\"tok-k\">def</span>",
	    10000));
	write_file(tmp, "src/index.md", "# Code\n\n```rust\n"
	    "fn main() { println!(\"edited\"); }\n```\n");
	cr_assert(http_wait_body(url, "<span class=\"tok-f\">println!</span>",
	    10000), "the edit was not highlighted");
}
