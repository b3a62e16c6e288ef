/* test_ignore.c - which source paths never start a build */
#include <criterion/criterion.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "ignore.h"

static struct ignore *ign;

static void
setup(void)
{
	ign = ignore_new();
	cr_assert_not_null(ign);
}

static void
teardown(void)
{
	ignore_free(ign);
}

TestSuite(ignore, .init = setup, .fini = teardown, .timeout = 10);

static void
expect_ignored(const char *const *paths, size_t n, bool want)
{
	for (size_t i = 0; i < n; i++)
		cr_expect_eq(ignore_match(ign, paths[i]), want, "'%s': %s",
		    paths[i], want ? "not ignored" : "ignored");
}

#define IGNORED(...) do {                                                     \
	static const char *const p_[] = { __VA_ARGS__ };                      \
	expect_ignored(p_, sizeof p_ / sizeof *p_, true);                     \
} while (0)
#define KEPT(...) do {                                                        \
	static const char *const p_[] = { __VA_ARGS__ };                      \
	expect_ignored(p_, sizeof p_ / sizeof *p_, false);                    \
} while (0)

Test(ignore, git_anywhere)
{
	IGNORED(".git", ".git/config", ".git/objects/ab/cdef",
	    "sub/.git", "sub/.git/HEAD", "a/b/c/.git/index");
	KEPT(".gitignore", ".github/workflows/ci.yml", "sub/.gitattributes",
	    "my.git", "git/config", ".git2/x");
}

Test(ignore, editor_temp_files)
{
	IGNORED("a.swp", ".a.md.swp", "sub/.index.md.swx", "x.swo", "x~",
	    "sub/page.md~", ".#a.md", "sub/.#b.md", "#a#", "sub/#page.md#",
	    "4913", "sub/4913", "index.md___jb_tmp___",
	    "sub/x.css___jb_old___");
	KEPT("a.swpx", "swp", "a~b", "#a", "a#", "49130", "x4913",
	    "a.md___jb_tmp", "jb_tmp___");
}

Test(ignore, editor_temp_by_name)
{
	cr_expect(ignore_is_editor_temp("a.swp"));
	cr_expect(ignore_is_editor_temp("notes.txt~"));
	cr_expect(ignore_is_editor_temp(".#index.md"));
	cr_expect(ignore_is_editor_temp("#index.md#"));
	cr_expect(ignore_is_editor_temp("4913"));
	cr_expect(ignore_is_editor_temp("x___jb_tmp___"));
	cr_expect(ignore_is_editor_temp("x___jb_old___"));
	cr_expect_not(ignore_is_editor_temp("index.md"));
	cr_expect_not(ignore_is_editor_temp("4914"));
	cr_expect_not(ignore_is_editor_temp(".hidden"));
	cr_expect_not(ignore_is_editor_temp(""));
}

Test(ignore, editor_temp_only_by_last_segment)
{
	/* A folder named like a temp file does not hide a normal file. */
	KEPT("4913/index.md", "x~/page.md");
}

Test(ignore, trees)
{
	ignore_add_tree(ign, "_site");
	ignore_add_tree(ign, "build/out");
	ignore_add_tree(ign, "_site");		/* twice is harmless */
	IGNORED("_site", "_site/index.html", "_site/a/b/c.css",
	    "build/out", "build/out/x");
	KEPT("_site2", "_site2/index.html", "_sitex", "x/_site",
	    "x/_site/index.html", "build", "build/outer", "build/x", "_sit");
}

Test(ignore, segment_globs)
{
	ignore_add_glob(ign, "node_modules");
	ignore_add_glob(ign, "*.tmp");
	IGNORED("node_modules", "node_modules/pkg/index.js",
	    "a/node_modules", "a/b/node_modules/x/y.js", "x.tmp",
	    "sub/deep/y.tmp", "t.tmp/inside.md");
	KEPT("node_modules2", "my_node_modules/x", "x.tmp.md", "tmp",
	    "sub/x.tmpl", "index.md");
}

Test(ignore, path_globs)
{
	ignore_add_glob(ign, "drafts/*");
	ignore_add_glob(ign, "docs/*.pdf");
	IGNORED("drafts/a", "drafts/a.md", "drafts/a/b", "drafts/a/b/c.md",
	    "docs/manual.pdf");
	KEPT("drafts", "x/drafts/a", "drafts2/a", "docs/manual.md",
	    "docs/sub/manual.pdf", "other/docs/a.pdf");
}

Test(ignore, path_glob_star_does_not_cross_slash)
{
	ignore_add_glob(ign, "a/*/c");
	IGNORED("a/b/c", "a/b/c/d.md");
	KEPT("a/b/x/c", "a/c");
}

Test(ignore, normal_files)
{
	KEPT("index.md", "sub/page.md", "assets/logo.png", "style.css",
	    ".hidden", "_layout.html", "a b/c d.md", "\xc3\xa9t\xc3\xa9.md");
}

/* Paths longer than the old 256-byte segment and 4096-byte path buffers
 * are matched like any other (issue 9: they were never ignored). */
Test(ignore, long_paths_and_segments)
{
	char seg[400], path[6000], *p = path;

	memset(seg, 'x', sizeof seg - 5);
	strcpy(seg + sizeof seg - 5, ".tmp");
	ignore_add_glob(ign, "*.tmp");
	ignore_add_glob(ign, "deep/*/end");
	cr_expect(ignore_match(ign, seg), "a 399-byte name");
	p += sprintf(p, "deep");
	while (p - path < 5000)
		p += sprintf(p, "/%s", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
	strcpy(p, "/f.md");
	cr_expect_not(ignore_match(ign, path));
	strcpy(path + 4 + 48, "/end/f.md");	/* deep/a...a/end/f.md */
	cr_expect(ignore_match(ign, path), "%s", path);
	memmove(path + 5, seg, strlen(seg) + 1);	/* deep/xxx...x.tmp */
	cr_expect(ignore_match(ign, path));
}

Test(ignore, node_modules_by_default)
{
	IGNORED("node_modules", "node_modules/a/b.js", "x/node_modules/y.md");
	KEPT("node_modules.md", "my_node_modules/a.md");
}
