/* test_srcpos.c - a broken link's source line from the link map */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "result.h"
#include "srcpos.h"

Test(srcpos, layout_placeholders_match_any_text, .timeout = 10)
{
	cr_expect(srcpos_match("{{ root }}about.html", "../about.html"));
	cr_expect(srcpos_match("{{ root }}about.html", "about.html"));
	cr_expect(srcpos_match("a{{x}}b{{ y }}c", "a1b22c"));
	cr_expect_not(srcpos_match("{{ root }}about.html", "../about.htm"));
	cr_expect_not(srcpos_match("x.html", "y.html"));
	cr_expect(srcpos_match("x.html", "x.html"));
}

static void
write_map(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	cr_assert_not_null(f);
	fputs(text, f);
	fclose(f);
}

Test(srcpos, from_the_map, .timeout = 10)
{
	char dir[256], map[512];
	struct result *r = result_new();

	fixture_mkdtemp(dir, sizeof dir, "srcpos");
	snprintf(map, sizeof map, "%s/links", dir);
	write_map(map, "tend-links 1\nL\t_layout.html\n\t4\t8\t{{ root }}a.css\n"
	    "P\tguide/index.html\tguide/README.md\n\t3\t1\tx.html\n"
	    "\t9\t5\tmissing.html\n\t12\t2\tmissing.html\n");
	result_add_page(r, "/guide/", "guide/index.html", 0.1);
	result_add_failure(r, "/guide/", "missing.html", "/guide/missing.html",
	    "404");
	result_add_failure(r, "/guide/", "../a.css", "/a.css", "404");
	result_add_failure(r, "/guide/", "gone.html", "/guide/gone.html",
	    "404");
	result_add_failure(r, "/guide/", "", "/guide/", "404");
	result_add_failure(r, "/other.html", "x.html", "/x.html", "404");
	srcpos_fill(r, NULL, map, NULL);
	cr_expect_str_eq(r->failures[0].src, "guide/README.md");
	cr_expect_eq(r->failures[0].src_line, 9);
	cr_expect_eq(r->failures[0].src_col, 5);
	cr_expect_str_eq(r->failures[1].src, "_layout.html");
	cr_expect_eq(r->failures[1].src_line, 4);
	cr_expect_eq(r->failures[1].src_col, 8);
	cr_expect_null(r->failures[2].src);	/* not in the map, no SRC */
	cr_expect_null(r->failures[3].src);	/* the page itself */
	cr_expect_null(r->failures[4].src);	/* not in the map, no SRC */
	result_free(r);
	fixture_rmtree(dir);
}

Test(srcpos, a_bad_map_is_a_warning, .timeout = 10)
{
	char dir[256], map[512];
	struct result *r = result_new();

	fixture_mkdtemp(dir, sizeof dir, "srcpos");
	snprintf(map, sizeof map, "%s/links", dir);
	write_map(map, "not a map\n");
	result_add_failure(r, "/a.html", "b.html", "/b.html", "404");
	srcpos_fill(r, NULL, map, NULL);
	cr_expect_null(r->failures[0].src);
	cr_expect_eq(r->warnings.len, 1);
	result_free(r);
	fixture_rmtree(dir);
}
