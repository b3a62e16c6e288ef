/* test_srcfind.c - finding a built page's link in the site's sources */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fixture.h"
#include "srcfind.h"

static void
put(const char *dir, const char *rel, const char *text)
{
	const char *path = fixture_path(dir, "%s", rel);
	char *slash, tmp[1024];
	FILE *f;

	snprintf(tmp, sizeof tmp, "%s", path);
	for (slash = strchr(tmp + strlen(dir) + 1, '/'); slash;
	    slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		mkdir(tmp, 0755);
		*slash = '/';
	}
	f = fopen(path, "w");
	cr_assert_not_null(f, "%s", path);
	fputs(text, f);
	fclose(f);
}

static bool
has(char **v, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i], s))
			return true;
	return false;
}

Test(srcfind, variants, .timeout = 10)
{
	char *v[33];
	size_t n = srcfind_variants("../b/#x", "/guide/b/", v, 33);

	cr_expect(has(v, n, "../b/#x"));
	cr_expect(has(v, n, "../b.md#x"));
	cr_expect(has(v, n, "b.md#x"));
	cr_expect(has(v, n, "b/index.md#x"));
	cr_expect(has(v, n, "/guide/b.md"));
	cr_expect_null(v[n]);
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	n = srcfind_variants("c.html", NULL, v, 33);
	cr_expect(has(v, n, "c.md") && has(v, n, "c.rst") && has(v, n, "c"));
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	cr_expect_eq(srcfind_variants("#top", NULL, v, 33), 1);
	cr_expect_str_eq(v[0], "#top");
	free(v[0]);
	cr_expect_eq(srcfind_variants("", NULL, v, 33), 0);
}

/* A link to a fragment of its own page is looked for in the page's own
 * source only (a MkDocs admonition's body, which the link map has not):
 * "#x" in another file is no answer. */
Test(srcfind, own_fragments, .timeout = 10)
{
	char dir[256];
	struct srcfind_query q[2] = {
		{ .page = "index.html", .link = "#nope3" },
		{ .page = "b.html", .link = "#only-elsewhere" },
	};

	fixture_mkdtemp(dir, sizeof dir, "srcfind");
	put(dir, "index.md", "# T\n\n!!! tip\n\n    See [two](#nope3).\n");
	put(dir, "b.md", "# B\n");
	put(dir, "c.md", "[x](#only-elsewhere) [y](#nope3)\n");
	srcfind_run(dir, NULL, q, 2);
	cr_expect_str_eq(q[0].file, "index.md");
	cr_expect_eq(q[0].line, 5);
	cr_expect_eq(q[0].col, 9);
	cr_expect_null(q[1].file, "%s", q[1].file);
	cr_expect_eq(q[1].ncandidates, 1);
	for (size_t i = 0; i < 2; i++)
		free(q[i].file);
	fixture_rmtree(dir);
}

Test(srcfind, run, .timeout = 10)
{
	char dir[256];
	struct srcfind_query q[4] = {
		{ .page = "a.html", .link = "b.html" },	/* one file */
		{ .page = "guide/x/index.html", .link = "y.html" },	/* named */
		{ .page = "z.html", .link = "y.html" },	/* two, none named */
		{ .page = "a.html", .link = "none.html" },
	};

	fixture_mkdtemp(dir, sizeof dir, "srcfind");
	put(dir, "docs/a.md", "# A\n\ntext ÿ [to b](b.md) end\n");
	put(dir, "docs/guide/x.md", "x\n<p><a class=k href=\"y.html\">y</a>\n");
	put(dir, "docs/other.rst", "see `y <y.html>`_\n");
	put(dir, "_site/a.html", "<a href=\"none.html\">built</a>\n");
	put(dir, ".git/a.md", "[n](none.md)\n");
	put(dir, "docs/c.md", "xb.md notb.md/ (b.mdx)\n");
	srcfind_run(dir, NULL, q, 4);
	cr_expect_str_eq(q[0].file, "docs/a.md");
	cr_expect_eq(q[0].line, 3);
	cr_expect_eq(q[0].col, 8);
	cr_expect_str_eq(q[1].file, "docs/guide/x.md");
	cr_expect_eq(q[1].line, 2);
	cr_expect_eq(q[1].col, 4);
	cr_expect_eq(q[1].ncandidates, 2);
	cr_expect_null(q[2].file);
	cr_expect_eq(q[2].ncandidates, 2);
	cr_expect_null(q[3].file);
	cr_expect_eq(q[3].ncandidates, 0);
	for (size_t i = 0; i < 4; i++)
		free(q[i].file);
	fixture_rmtree(dir);
}
