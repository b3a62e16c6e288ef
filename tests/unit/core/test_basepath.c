/* test_basepath.c - the base path's one form */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "basepath.h"

static void
normalises(const char *in, const char *want)
{
	char err[256] = "";
	char *got = basepath_normalise(in, err, sizeof err);

	cr_assert(got, "'%s' refused: %s", in, err);
	cr_expect_str_eq(got, want, "'%s'", in);
	free(got);
}

static void
refuses(const char *in, const char *why)
{
	char err[256] = "";
	char *got = basepath_normalise(in, err, sizeof err);

	cr_expect_null(got, "'%s' accepted as '%s'", in, got ? got : "");
	cr_expect(strstr(err, why), "'%s': '%s' lacks '%s'", in, err, why);
	free(got);
}

Test(basepath, one_form)
{
	normalises("docs", "/docs/");
	normalises("/docs", "/docs/");
	normalises("docs/", "/docs/");
	normalises("/docs/", "/docs/");
	normalises("/a/b.c/", "/a/b.c/");
	normalises("/", "/");
	normalises("", "/");
	normalises("/v1.2~x@y:z/", "/v1.2~x@y:z/");
}

Test(basepath, refused)
{
	refuses("/a/../b/", "'..' segment");
	refuses("..", "'..' segment");
	refuses("/./", "'.' segment");
	refuses("//", "empty segment");
	refuses("/a//b/", "empty segment");
	refuses("/docs/?x=1", "query");
	refuses("/docs#top", "query or fragment");
	refuses("/my docs/", "space");
	refuses("/a\"b/", "character '\"'");
	refuses("/a%20b/", "character '%'");
	refuses("/a\\b/", "character '\\'");
	refuses("/caf\xc3\xa9/", "non-ASCII");
}

Test(basepath, too_long)
{
	char s[BASEPATH_MAX + 2];

	memset(s, 'a', sizeof s - 1);
	s[sizeof s - 1] = '\0';
	refuses(s, "longer");
}

Test(basepath, strip)
{
	cr_expect_str_eq(basepath_strip("/docs/", "/docs/a.html"), "/a.html");
	cr_expect_str_eq(basepath_strip("/docs/", "/docs/"), "/");
	cr_expect_null(basepath_strip("/docs/", "/docs"));
	cr_expect_null(basepath_strip("/docs/", "/doc/a"));
	cr_expect_null(basepath_strip("/docs/", "/"));
	cr_expect_str_eq(basepath_strip("/", "/x"), "/x");
	cr_expect_str_eq(basepath_strip(NULL, "/x"), "/x");
	cr_expect(basepath_none("/"));
	cr_expect(basepath_none(NULL));
	cr_expect(!basepath_none("/a/"));
}
