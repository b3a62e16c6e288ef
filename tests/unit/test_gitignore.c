/* test_gitignore.c - the .gitignore matcher against a table of cases */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "gitignore.h"

struct gcase {
	const char *path;
	bool ignored;
};

static void
check(const char *text, const struct gcase *cases, size_t n)
{
	struct gitignore *g = gitignore_parse(text, strlen(text));

	for (size_t i = 0; i < n; i++)
		cr_expect_eq(gitignore_match(g, cases[i].path), cases[i].ignored,
		    "%s: '%s' should%s be ignored", text, cases[i].path,
		    cases[i].ignored ? "" : " not");
	gitignore_free(g);
}

#define CHECK(text, ...)                                                      \
	do {                                                                  \
		static const struct gcase c[] = { __VA_ARGS__ };              \
		check(text, c, sizeof c / sizeof *c);                         \
	} while (0)

Test(gitignore, names_at_any_depth)
{
	CHECK("*.log\nnode_modules\n",
	    { "a.log", true }, { "docs/deep/b.log", true }, { "a.md", false },
	    { "node_modules", true }, { "node_modules/x/y.js", true },
	    { "sub/node_modules/z", true }, { "node_modules2/a", false },
	    { "alog", false });
}

Test(gitignore, comments_blanks_and_spaces)
{
	CHECK("# a comment\n\n   \n*.tmp   \r\n\\#hash\n",
	    { "# a comment", false }, { "x.tmp", true }, { "#hash", true },
	    { "x.tmp   ", false });
}

Test(gitignore, negation_last_match_wins)
{
	CHECK("*.log\n!keep.log\n",
	    { "a.log", true }, { "keep.log", false }, { "sub/keep.log", false });
	CHECK("!keep.log\n*.log\n", { "keep.log", true });
}

Test(gitignore, no_reinclude_inside_an_ignored_folder)
{
	CHECK("build/\n!build/keep.txt\n",
	    { "build/keep.txt", true }, { "build/other", true });
}

Test(gitignore, folders_only_with_a_trailing_slash)
{
	CHECK("cache/\n",
	    { "cache/a", true }, { "x/cache/b", true }, { "cache.txt", false },
	    { "cachex/a", false });
}

Test(gitignore, anchored_patterns)
{
	CHECK("/root.txt\ndocs/draft.md\n/out/\n",
	    { "root.txt", true }, { "sub/root.txt", false },
	    { "docs/draft.md", true }, { "x/docs/draft.md", false },
	    { "out/a.html", true }, { "src/out/a.html", false });
}

Test(gitignore, single_star_stays_in_a_folder)
{
	CHECK("docs/*.md\n",
	    { "docs/a.md", true }, { "docs/sub/a.md", false },
	    { "a.md", false });
}

Test(gitignore, double_star)
{
	CHECK("**/tmp\n", { "tmp", true }, { "a/b/tmp", true },
	    { "a/tmp/x", true }, { "atmp", false });
	CHECK("logs/**\n", { "logs/a", true }, { "logs/a/b.txt", true },
	    { "logs", false }, { "other/logs/a", false });
	CHECK("a/**/b.txt\n", { "a/b.txt", true }, { "a/x/b.txt", true },
	    { "a/x/y/b.txt", true }, { "b.txt", false }, { "c/a/b.txt", false });
}

Test(gitignore, classes_and_question_marks)
{
	CHECK("file?.[ch]\n",
	    { "file1.c", true }, { "fileA.h", true }, { "file10.c", false },
	    { "file1.o", false });
}

Test(gitignore, load_from_a_folder)
{
	char dir[64], path[128];
	FILE *f;
	struct gitignore *g;

	fixture_mkdtemp(dir, sizeof dir, "gitignore");
	cr_assert_null(gitignore_load(dir), "no .gitignore: nothing");
	snprintf(path, sizeof path, "%s/.gitignore", dir);
	f = fopen(path, "w");
	cr_assert_not_null(f);
	fputs("*.bak\n# c\n!x.bak\n", f);
	fclose(f);
	g = gitignore_load(dir);
	cr_assert_not_null(g);
	cr_assert_eq(gitignore_count(g), 2);
	cr_assert(gitignore_match(g, "a.bak"));
	cr_assert_not(gitignore_match(g, "x.bak"));
	gitignore_free(g);
	fixture_rmtree(dir);
}

Test(gitignore, empty_and_null)
{
	struct gitignore *g = gitignore_parse("", 0);

	cr_assert_eq(gitignore_count(g), 0);
	cr_assert_not(gitignore_match(g, "a"));
	cr_assert_not(gitignore_match(NULL, "a"));
	gitignore_free(g);
}
