/* test_annotate.c - GitHub annotations and GitLab Code Quality (annotate.h)
 * of results whose source positions the tests set themselves */
#include <criterion/criterion.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "annotate.h"
#include "fsutil.h"
#include "result.h"
#include "xalloc.h"

/* Two pages; failures with a source line, without one (src NULL: not
 * looked up), and looked up but not found (src "", line 0). */
static struct result *
sample(void)
{
	struct result *r = result_new();

	result_add_page(r, "/", "index.html", 0.1);
	result_add_page(r, "/guide/", "guide/index.html", 0.1);
	result_add_failure(r, "/", "a,b:c.html", "/a,b:c.html", "404");
	r->failures[0].src = xstrdup("index.md");
	r->failures[0].src_line = 12;
	r->failures[0].src_col = 5;
	result_add_failure(r, "/guide/", "x.html#caf\xc3\xa9",
	    "/guide/x.html#caf\xc3\xa9", "no such fragment #caf\xc3\xa9");
	result_add_failure(r, "/guide/", "100%\nnew", "", "not a valid URL");
	r->failures[2].src = xstrdup("");
	return r;
}

static char *
github(const struct result *r, const struct annotate_where *w)
{
	char *s = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);

	cr_assert_not_null(f);
	annotate_github(f, r, w);
	fclose(f);
	return s;
}

Test(annotate, escapes_per_workflow_command_rules)
{
	char *s = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);

	annotate_escape(f, "a%b\r\nc:d,e", false);
	fputc('|', f);
	annotate_escape(f, "a%b\r\nc:d,e", true);
	fclose(f);
	cr_assert_str_eq(s, "a%25b%0D%0Ac:d,e|a%25b%0D%0Ac%3Ad%2Ce");
	free(s);
}

Test(annotate, github_lines_at_the_source_else_the_output_file)
{
	struct result *r = sample();
	struct annotate_where w = { xstrdup("docs"), xstrdup("docs/_site") };
	char *s = github(r, &w);

	cr_assert_str_eq(s,
	    "::error file=docs/index.md,line=12,col=5,title=broken link::"
	    "/: a,b:c.html \xe2\x86\x92 404\n"
	    "::error file=docs/_site/guide/index.html,title=broken link::"
	    "/guide/: x.html#caf\xc3\xa9 \xe2\x86\x92 no such fragment "
	    "#caf\xc3\xa9\n"
	    "::error file=docs/_site/guide/index.html,title=broken link::"
	    "/guide/: 100%25?new \xe2\x86\x92 not a valid URL (source not "
	    "found)\n");
	free(s);
	annotate_where_release(&w);
	result_free(r);
}

/* SRC at the repository root (""), the output outside it: a position
 * only where the source is known, no file= otherwise. */
Test(annotate, github_without_a_file_when_the_output_is_elsewhere)
{
	struct result *r = sample();
	struct annotate_where w = { xstrdup(""), NULL };
	char *s = github(r, &w);

	cr_assert(strstr(s, "::error file=index.md,line=12,col=5,title="),
	    "%s", s);
	cr_assert(strstr(s, "\n::error title=broken link::/guide/: x.html"),
	    "%s", s);
	free(s);
	annotate_where_release(&w);
	result_free(r);
}

/* The fingerprints of a Code Quality report, one after another (a static
 * buffer: four calls' results live at once). */
static char *
fingerprints(const char *s)
{
	static char out[4][512];
	static int turn;
	char *o = out[turn++ % 4];
	size_t n = 0;

	o[0] = '\0';
	while ((s = strstr(s, "\"fingerprint\":\"")) && n + 34 < 512) {
		s += strlen("\"fingerprint\":\"");
		memcpy(o + n, s, 32);
		n += 32;
		o[n++] = ' ';
		o[n] = '\0';
	}
	return o;
}

Test(annotate, codequality_is_a_json_array_with_stable_fingerprints)
{
	struct result *r = sample();
	struct annotate_where w = { xstrdup("docs"), NULL };
	char *s = NULL, *again = NULL, hex[33];
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);

	annotate_codequality_write(f, r, &w);
	fclose(f);
	cr_assert(strncmp(s, "[\n{\"description\":\"/: a,b:c.html \xe2\x86\x92"
	    " 404\",\"check_name\":\"broken-link\",\"fingerprint\":\"", 70) ==
	    0, "%s", s);
	cr_assert(strstr(s, "\"severity\":\"major\",\"location\":{\"path\":"
	    "\"docs/index.md\",\"lines\":{\"begin\":12}}}"), "%s", s);
	/* No output file in the repository: the page's URL path, line 1. */
	cr_assert(strstr(s, "\"location\":{\"path\":\"/guide/\",\"lines\":"
	    "{\"begin\":1}}}\n]\n"), "%s", s);
	cr_assert(strstr(s, "100%\\nnew") == NULL, "%s", s);
	/* The same result, a line moved: the same fingerprints. */
	r->failures[0].src_line = 40;
	f = open_memstream(&again, &n);
	annotate_codequality_write(f, r, &w);
	fclose(f);
	cr_assert_str_eq(fingerprints(s), fingerprints(again));
	annotate_fingerprint("x", hex);
	cr_assert_eq(strlen(hex), 32);
	cr_assert_eq(strspn(hex, "0123456789abcdef"), 32);
	free(s);
	free(again);
	annotate_where_release(&w);
	result_free(r);
}

Test(annotate, codequality_of_nothing_broken_is_an_empty_array)
{
	struct result *r = result_new();
	struct annotate_where w = ANNOTATE_WHERE_INIT;
	char dir[] = "/tmp/tend-annotate-XXXXXX", path[PATH_MAX];
	FILE *f;
	char buf[16] = "";

	cr_assert_not_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/cq.json", dir);
	cr_assert_eq(annotate_codequality(path, r, &w), 0);
	f = fopen(path, "r");
	cr_assert_not_null(f);
	cr_assert_not_null(fgets(buf, sizeof buf, f));
	fclose(f);
	cr_assert_str_eq(buf, "[]\n");
	snprintf(path, sizeof path, "%s/no/such/cq.json", dir);
	cr_assert_eq(annotate_codequality(path, r, &w), -1);
	snprintf(path, sizeof path, "%s/cq.json", dir);
	unlink(path);
	rmdir(dir);
	result_free(r);
}

Test(annotate, paths_relative_to_the_repository)
{
	char dir[] = "/tmp/tend-annotate-XXXXXX", sub[PATH_MAX], *rel;

	cr_assert_not_null(mkdtemp(dir));
	snprintf(sub, sizeof sub, "%s/docs", dir);
	cr_assert_eq(mkdir(sub, 0755), 0);
	rel = annotate_relative(dir, sub);
	cr_assert_str_eq(rel, "docs");
	free(rel);
	rel = annotate_relative(dir, dir);
	cr_assert_str_eq(rel, "");
	free(rel);
	cr_assert_null(annotate_relative(sub, dir));	/* outside */
	cr_assert_null(annotate_relative(dir, "/nonexistent/x"));
	rmdir(sub);
	rmdir(dir);
}
