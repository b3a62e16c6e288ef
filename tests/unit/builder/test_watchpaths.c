/* test_watchpaths.c - mkdocs.yml's watch: list, and --watch paths checked */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixture.h"
#include "watchpaths.h"

/* The entries of yaml, '|'-joined. */
static char *
entries_of(const char *yaml)
{
	struct strlist l = STRLIST_INIT;
	size_t n = watchpaths_mkdocs(yaml, &l);
	char *s = strlist_join(&l, "|", l.len, false);

	cr_assert_eq(n, l.len);
	strlist_clear(&l);
	return s;
}

static void
expect_entries(const char *yaml, const char *want)
{
	char *got = entries_of(yaml);

	cr_expect_str_eq(got, want, "for:\n%s", yaml);
	free(got);
}

Test(watchpaths, mkdocs_block_list)
{
	expect_entries("site_name: x\nwatch:\n  - ../src\n  - theme\n"
	    "nav:\n  - index.md\n", "../src|theme");
	/* a block sequence may start at the key's own column */
	expect_entries("watch:\n- a\n- b\nother: 1\n", "a|b");
	/* comments, blank lines, quotes, trailing blanks, CRLF */
	expect_entries("watch:  # what else\n\n  # the code\n  - 'my dir'  \n"
	    "  - \"x\\\"y\" # why\r\n  - c d  # spaces inside\n", "my dir|x\"y|c d");
	expect_entries("watch:\n  - 'it''s'\n", "it's");
	/* the list ends at the next top-level key */
	expect_entries("watch:\n  - a\ntheme:\n  name: mkdocs\n  - b\n", "a");
}

Test(watchpaths, mkdocs_flow_list_and_scalar)
{
	expect_entries("watch: [a, 'b c', \"d\"]\n", "a|b c|d");
	expect_entries("watch: [\n  a,  # one\n  b\n]\n", "a|b");
	expect_entries("watch: []\n", "");
	expect_entries("watch: ../lib\n", "../lib");
}

Test(watchpaths, mkdocs_no_watch_key)
{
	expect_entries("site_name: x\n", "");
	expect_entries("", "");
	/* not top level, another key, a key that starts the same */
	expect_entries("plugins:\n  watch:\n    - a\n", "");
	expect_entries("watcher:\n  - a\n", "");
	expect_entries("# watch:\n#  - a\n", "");
}

Test(watchpaths, mkdocs_tags_are_skipped)
{
	expect_entries("watch:\n  - !ENV [SRC, src]\n  - b\n", "b");
}

static char dir[256];

static void
mk(const char *rel, bool folder)
{
	const char *p = fixture_path(dir, "%s", rel);

	if (folder)
		cr_assert_eq(mkdir(p, 0755), 0);
	else
		cr_assert_eq(close(open(p, O_CREAT | O_WRONLY, 0644)), 0);
}

static void
cleanup(void)
{
	fixture_rmtree(dir);
}

Test(watchpaths, collect_sorts_checks_and_resolves, .fini = cleanup)
{
	struct tend_opts o = TEND_OPTS_INIT;
	struct watchpaths w = WATCHPATHS_INIT;
	char src[300], out[300], ext[300], file[300], yml[300];

	fixture_mkdtemp(dir, sizeof dir, "watchpaths");
	mk("src", true);
	mk("src/sub", true);
	mk("src/_site", true);
	mk("ext", true);
	mk("theme.html", false);
	snprintf(src, sizeof src, "%s/src", dir);
	snprintf(out, sizeof out, "%s/src/_site", dir);
	snprintf(ext, sizeof ext, "%s/ext", dir);
	snprintf(file, sizeof file, "%s/theme.html", dir);
	o.watches[o.n_watches++] = ext;
	o.watches[o.n_watches++] = file;
	o.watches[o.n_watches++] = ext;		/* twice: once */
	o.watches[o.n_watches++] = fixture_path(dir, "src/sub");	/* in SRC */
	cr_assert_eq(watchpaths_collect(&w, &o, NULL, src, out), 0);
	cr_assert_eq(w.dirs.len, 1);
	cr_assert_str_eq(w.dirs.items[0], ext);
	cr_assert_eq(w.files.len, 1);
	cr_assert_str_eq(w.files.items[0], file);
	watchpaths_release(&w);

	/* mkdocs.yml: relative to its folder; a missing entry left out */
	snprintf(yml, sizeof yml, "%s/src/mkdocs.yml", dir);
	FILE *f = fopen(yml, "w");
	cr_assert_not_null(f);
	fputs("site_name: x\nwatch:\n  - ../ext\n  - ../nope\n"
	    "  - ../theme.html\n", f);
	fclose(f);
	o.n_watches = 0;
	cr_assert_eq(watchpaths_collect(&w, &o, yml, src, out), 0);
	cr_assert_eq(w.dirs.len, 1);
	cr_assert_str_eq(w.dirs.items[0], ext);
	cr_assert_eq(w.files.len, 1);
	watchpaths_release(&w);

	/* errors: missing, inside the output */
	o.watches[0] = fixture_path(dir, "nope");
	o.n_watches = 1;
	cr_assert_eq(watchpaths_collect(&w, &o, NULL, src, out), -1);
	watchpaths_release(&w);
	o.watches[0] = out;
	cr_assert_eq(watchpaths_collect(&w, &o, NULL, src, out), -1);
	watchpaths_release(&w);
}
