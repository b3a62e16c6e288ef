/* test_livelinks.c - the pages' links, their reverse index and verdicts */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsutil.h"
#include "livelinks.h"
#include "strlist.h"

static char tmp[64];
static int outfd = -1;
static struct livelinks *ll;

static void
setup(void)
{
	snprintf(tmp, sizeof tmp, "/tmp/tend-livelinks-XXXXXX");
	cr_assert_not_null(mkdtemp(tmp));
	outfd = open(tmp, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	cr_assert_geq(outfd, 0);
	ll = livelinks_new();
}

static void
teardown(void)
{
	livelinks_free(ll);
	close(outfd);
	fs_remove_tree(AT_FDCWD, tmp);
}

TestSuite(livelinks, .init = setup, .fini = teardown, .timeout = 10);

/* A page rendered: md, and its output (written to the folder, so that
 * links to it as a file resolve). */
static void
page(const char *rel, const char *out, const char *md, const char *html)
{
	int fd = openat(outfd, out, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	cr_assert_geq(fd, 0);
	cr_assert_eq(write(fd, html, strlen(html)), (ssize_t)strlen(html));
	close(fd);
	livelinks_page(ll, rel, out, md, strlen(md), html, strlen(html));
}

/* Commit with outputs (NULL-terminated), the pages to check in check. */
static void
commit(struct strlist *check, ...)
{
	struct strlist outputs = STRLIST_INIT;
	va_list ap;

	va_start(ap, check);
	for (const char *o; (o = va_arg(ap, const char *));)
		strlist_add(&outputs, o);
	va_end(ap);
	livelinks_commit(ll, &outputs, outfd, check);
	strlist_clear(&outputs);
}

/* The page's broken links as "line:col href (reason)" lines. */
static char *
broken(const char *rel)
{
	struct livelink_broken *v;
	size_t n;
	char *s = calloc(1, 4096);

	livelinks_check(ll, rel, outfd, &v, &n);
	for (size_t i = 0; i < n; i++)
		snprintf(s + strlen(s), 4096 - strlen(s), "%u:%u %s (%s)\n",
		    v[i].line, v[i].col, v[i].href, v[i].reason);
	free(v);
	return s;
}

Test(livelinks, verdicts)
{
	struct strlist check = STRLIST_INIT;
	char *got;

	cr_assert_eq(mkdirat(outfd, "d", 0755), 0);
	page("d/README.md", "d/index.html", "# D\n",
	    "<h1 id=\"d\">D</h1><a name=\"old-anchor\"></a>");
	page("a.md", "a.html",
	    "# A\n"
	    "[1](d/README.md#d) [2](d/#old-anchor) [3](d/index.html#nope)\n"
	    "[4](#a) [5](#top) [6](#b) [7](b.md) [8](x.png)\n"
	    "[9](https://e.com/x.md) [10](../up.md) [11](d) [12](a#a)\n"
	    "[13](d/README.md?x=1#d) [14](%64/README.md)\n",
	    "<h1 id=\"a\">A</h1>");
	commit(&check, "a.html", "d/index.html", NULL);
	cr_assert_eq(check.len, 2);
	got = broken("a.md");
	cr_assert_str_eq(got,
	    "2:39 d/index.html#nope (no such anchor)\n"
	    "3:19 #b (no such anchor)\n"
	    "3:27 b.md (no such page)\n"
	    "3:37 x.png (no such file)\n"
	    "4:25 ../up.md (outside the site)\n");
	free(got);
	strlist_clear(&check);
}

Test(livelinks, reverse_index_finds_the_linking_pages)
{
	struct strlist check = STRLIST_INIT;
	char *got;

	page("a.md", "a.html", "# A\n\n[b](b.md#intro) [c](c.md)\n",
	    "<h1 id=\"a\">A</h1>");
	page("b.md", "b.html", "# B\n", "<h2 id=\"intro\">Intro</h2>");
	page("z.md", "z.html", "# Z\n", "<h1 id=\"z\">Z</h1>");
	commit(&check, NULL);
	cr_assert_eq(check.len, 3);
	got = broken("a.md");
	cr_assert_str_eq(got, "3:17 c.md (no such page)\n");
	free(got);
	strlist_clear(&check);

	/* b's heading renamed: a is checked, z is not */
	page("b.md", "b.html", "# B\n", "<h2 id=\"introduction\">I</h2>");
	commit(&check, "b.html", NULL);
	cr_assert_eq(check.len, 2);
	cr_assert(strlist_has(&check, "b.md"));
	cr_assert(strlist_has(&check, "a.md"));
	got = broken("a.md");
	cr_assert_str_eq(got, "3:1 b.md#intro (no such anchor)\n"
	    "3:17 c.md (no such page)\n");
	free(got);
	strlist_clear(&check);

	/* b rendered again, same ids: a is not checked */
	page("b.md", "b.html", "# B\n\nmore\n", "<h2 id=\"introduction\">I</h2>");
	commit(&check, "b.html", NULL);
	cr_assert_eq(check.len, 1);
	strlist_clear(&check);

	/* c made: a is checked, its link fixed */
	page("c.md", "c.html", "# C\n", "<h1 id=\"c\">C</h1>");
	commit(&check, "c.html", NULL);
	cr_assert(strlist_has(&check, "a.md"));
	got = broken("a.md");
	cr_assert_str_eq(got, "3:1 b.md#intro (no such anchor)\n");
	free(got);
	strlist_clear(&check);

	/* b removed: a is checked, b is gone */
	cr_assert_eq(unlinkat(outfd, "b.html", 0), 0);
	commit(&check, "b.html", NULL);
	cr_assert(strlist_has(&check, "a.md"));
	cr_assert(strlist_has(&check, "b.md"));
	got = broken("a.md");
	cr_assert_str_eq(got, "3:1 b.md#intro (no such page)\n");
	free(got);
	{
		struct livelink_broken *v;
		size_t n;

		cr_assert_null(livelinks_check(ll, "b.md", outfd, &v, &n));
		cr_assert_eq(n, 0);
	}
	strlist_clear(&check);

	/* a failed build's pages are forgotten */
	page("a.md", "a.html", "# A\n", "<h1 id=\"a\">A</h1>");
	livelinks_discard(ll);
	commit(&check, NULL);
	cr_assert_eq(check.len, 0);
	strlist_clear(&check);
}
