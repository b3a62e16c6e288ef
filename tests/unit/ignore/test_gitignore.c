/* test_gitignore.c - the .gitignore matcher against a table of cases */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/stat.h>

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

/* A tree of ignore files, as git reads them. */
static char tree[64];

static void
tree_put(const char *rel, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", tree, rel);
	for (char *s = strchr(path + strlen(tree) + 1, '/'); s;
	    s = strchr(s + 1, '/')) {
		*s = '\0';
		mkdir(path, 0755);
		*s = '/';
	}
	f = fopen(path, "w");
	cr_assert_not_null(f, "%s", path);
	fputs(text, f);
	fclose(f);
}

static void
tree_check(struct gitignores *t, const struct gcase *cases, size_t n)
{
	for (size_t i = 0; i < n; i++)
		cr_expect_eq(gitignores_match(t, cases[i].path),
		    cases[i].ignored, "'%s' should%s be ignored", cases[i].path,
		    cases[i].ignored ? "" : " not");
}

#define TREE_CHECK(t, ...)                                                    \
	do {                                                                  \
		static const struct gcase c[] = { __VA_ARGS__ };              \
		tree_check(t, c, sizeof c / sizeof *c);                       \
	} while (0)

Test(gitignores, nested_files_relative_to_their_folder)
{
	struct gitignores *t;

	fixture_mkdtemp(tree, sizeof tree, "gitignores");
	tree_put(".gitignore", "*.log\n");
	tree_put("peers/.gitignore", "/local.md\nbuild/\n!keep.log\n");
	tree_put("peers/deep/.gitignore", "*.md\n!wanted.md\n");
	t = gitignores_new(tree);
	TREE_CHECK(t,
	    { "a.log", true }, { "peers/a.log", true },
	    { "peers/keep.log", false },		/* deeper file wins */
	    { "keep.log", true },			/* not below peers */
	    { "peers/local.md", true }, { "local.md", false },
	    { "peers/x/local.md", false },		/* anchored at peers/ */
	    { "peers/build/x.html", true }, { "build/x.html", false },
	    { "peers/deep/a.md", true }, { "peers/deep/wanted.md", false },
	    { "peers/other.md", false }, { "peers/deep/keep.log", false });
	gitignores_free(t);
	fixture_rmtree(tree);
}

Test(gitignores, node_modules_by_default_and_reincluded)
{
	struct gitignores *t = gitignores_new(NULL);

	TREE_CHECK(t, { "node_modules/a.js", true },
	    { "x/node_modules/y/z.md", true }, { "node_modules2/a", false });
	gitignores_free(t);

	fixture_mkdtemp(tree, sizeof tree, "gitignores");
	tree_put("app/.gitignore", "!node_modules/\n");
	t = gitignores_new(tree);
	TREE_CHECK(t, { "app/node_modules/a.js", false },
	    { "node_modules/a.js", true });
	gitignores_free(t);
	fixture_rmtree(tree);
}

Test(gitignores, info_exclude_below_the_gitignore_files)
{
	struct gitignores *t;

	fixture_mkdtemp(tree, sizeof tree, "gitignores");
	tree_put(".git/info/exclude", "secret.md\n*.bak\n");
	tree_put("docs/.gitignore", "!x.bak\n");
	t = gitignores_new(tree);
	TREE_CHECK(t, { "secret.md", true }, { "docs/secret.md", true },
	    { "a.bak", true }, { "docs/x.bak", false }, { "x.bak", true });
	gitignores_free(t);
	fixture_rmtree(tree);
}

/* A file inside an ignored folder cannot be re-included by a deeper file. */
Test(gitignores, no_reinclude_below_an_ignored_folder)
{
	struct gitignores *t;

	fixture_mkdtemp(tree, sizeof tree, "gitignores");
	tree_put(".gitignore", "vendor/\n");
	tree_put("vendor/.gitignore", "!*\n");
	t = gitignores_new(tree);
	TREE_CHECK(t, { "vendor/a.md", true });
	gitignores_free(t);
	fixture_rmtree(tree);
}

/* Files are read once and kept until forgotten. */
Test(gitignores, forget_reads_again)
{
	struct gitignores *t;

	fixture_mkdtemp(tree, sizeof tree, "gitignores");
	tree_put("sub/.gitignore", "a.md\n");
	t = gitignores_new(tree);
	cr_expect(gitignores_match(t, "sub/a.md"));
	tree_put("sub/.gitignore", "b.md\n");
	cr_expect(gitignores_match(t, "sub/a.md"), "kept until forgotten");
	gitignores_forget_dir(t, "other");
	cr_expect(gitignores_match(t, "sub/a.md"), "other was never read");
	gitignores_forget_dir(t, "sub");
	cr_expect_not(gitignores_match(t, "sub/a.md"));
	cr_expect(gitignores_match(t, "sub/b.md"));
	tree_put("sub/.gitignore", "c.md\n");
	gitignores_forget(t);
	cr_expect(gitignores_match(t, "sub/c.md"));
	gitignores_free(t);
	fixture_rmtree(tree);
}
