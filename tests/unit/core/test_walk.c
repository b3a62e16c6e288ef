/* test_walk.c - the cycle-safe folder walker, and path_below() */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixture.h"
#include "fsutil.h"
#include "strlist.h"
#include "walk.h"

static char tmp[64];
static struct strlist seen = STRLIST_INIT, probs = STRLIST_INIT;
static int polls, stop_after = -1;

static void
setup(void)
{
	fixture_mkdtemp(tmp, sizeof tmp, "walk");
	polls = 0;
	stop_after = -1;
}

static void
teardown(void)
{
	strlist_clear(&seen);
	strlist_clear(&probs);
	fixture_rmtree(tmp);
}

static const char *
at(const char *rel)
{
	static char buf[2][512];
	static int i;

	snprintf(buf[i ^= 1], sizeof buf[0], "%s/%s", tmp, rel);
	return buf[i];
}

static void
mk(const char *rel)
{
	cr_assert_eq(mkdir(at(rel), 0755), 0, "mkdir %s", rel);
}

static void
put(const char *rel)
{
	int fd = open(at(rel), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);

	cr_assert_geq(fd, 0);
	close(fd);
}

static void
ln(const char *target, const char *rel)
{
	cr_assert_eq(symlink(target, at(rel)), 0);
}

static enum walk_action
visit(const struct walk_entry *e, void *arg)
{
	char line[600];

	(void)arg;
	snprintf(line, sizeof line, "%s%s", e->rel,
	    e->type == WALK_DIR ? "/" : e->type == WALK_FILE ? "" : "@");
	strlist_add(&seen, line);
	return WALK_NEXT;
}

static void
problem(const char *rel, enum walk_problem what, int err, void *arg)
{
	char line[600];

	(void)err;
	(void)arg;
	snprintf(line, sizeof line, "%s %d", rel, (int)what);
	strlist_add(&probs, line);
}

static bool
stop(void *arg)
{
	(void)arg;
	return stop_after >= 0 && polls++ >= stop_after;
}

static int
walk(unsigned flags)
{
	struct walk_ops ops = { .visit = visit, .problem = problem,
		.stop = stop, .flags = flags };

	return walk_tree(tmp, "", &ops);
}

TestSuite(walk, .init = setup, .fini = teardown, .timeout = 20);

Test(walk, files_and_folders_pre_order)
{
	mk("a");
	mk("a/b");
	put("a/b/f");
	put("g");
	cr_assert_eq(walk(0), 0);
	cr_expect_eq(seen.len, 4);
	cr_expect(strlist_has(&seen, "a/"));
	cr_expect(strlist_has(&seen, "a/b/"));
	cr_expect(strlist_has(&seen, "a/b/f"));
	cr_expect(strlist_has(&seen, "g"));
	cr_expect_eq(probs.len, 0);
}

/* The issue-13 tree: two links back to the root. Not an explosion: each
 * link is one entry and one loop report. */
Test(walk, two_links_back_to_the_root)
{
	put("index.html");
	ln(".", "a");
	ln(".", "b");
	cr_assert_eq(walk(WALK_FOLLOW | WALK_STAT), 0);
	cr_expect_eq(seen.len, 1, "only index.html: %zu entries", seen.len);
	cr_expect_eq(probs.len, 2);
	cr_expect(strlist_has(&probs, "a 0"));
	cr_expect(strlist_has(&probs, "b 0"));
}

/* A folder reached by a link and by its own name: entered once. */
Test(walk, a_folder_is_entered_once)
{
	mk("real");
	put("real/f");
	ln("real", "link");
	cr_assert_eq(walk(WALK_FOLLOW), 0);
	cr_expect_eq(probs.len, 1);
	cr_expect(strlist_has(&seen, "real/f") != strlist_has(&seen, "link/f"));
}

/* With WALK_LINKS_LAST a real folder is always entered under its own name,
 * whatever the readdir order: every link to it is the loop. */
Test(walk, links_last_real_names_win)
{
	char name[16];

	mk("deep");
	mk("deep/real");
	put("deep/real/f");
	for (int i = 0; i < 8; i++) {
		snprintf(name, sizeof name, "l%d", i);
		ln("deep/real", name);
	}
	cr_assert_eq(walk(WALK_FOLLOW | WALK_LINKS_LAST), 0);
	cr_expect(strlist_has(&seen, "deep/real/f"));
	cr_expect_eq(seen.len, 3, "%zu entries", seen.len);
	cr_expect_eq(probs.len, 8);
	for (int i = 0; i < 8; i++) {
		snprintf(name, sizeof name, "l%d 0", i);
		cr_expect(strlist_has(&probs, name), "no loop for %s", name);
	}
}

static size_t
index_of(const char *line)
{
	for (size_t i = 0; i < seen.len; i++)
		if (!strcmp(seen.items[i], line))
			return i;
	cr_assert_fail("'%s' not visited", line);
	return 0;
}

/* Links put off are walked after the whole real tree, in the order met,
 * and a link met in a linked folder is put off again. */
Test(walk, links_last_order)
{
	struct walk_ops ops = { .visit = visit, .problem = problem,
		.flags = WALK_FOLLOW | WALK_LINKS_LAST };
	char root[600];
	size_t last_real = 0;

	mk("root");
	mk("out");
	mk("out2");
	put("out/f");
	put("out2/g");
	ln("../out2", "out/inner");
	ln("../root/r0", "out/back");
	for (int i = 0; i < 4; i++) {
		char name[16];

		snprintf(name, sizeof name, "root/r%d", i);
		mk(name);
		snprintf(name, sizeof name, "root/r%d/x", i);
		put(name);
	}
	ln("../out", "root/k");
	snprintf(root, sizeof root, "%s", at("root"));
	cr_assert_eq(walk_tree(root, "p", &ops), 0);
	for (int i = 0; i < 4; i++) {
		char name[16];
		size_t at_i;

		snprintf(name, sizeof name, "p/r%d/x", i);
		at_i = index_of(name);
		if (at_i > last_real)
			last_real = at_i;
	}
	cr_expect_gt(index_of("p/k/"), last_real);
	cr_expect_gt(index_of("p/k/f"), index_of("p/k/"));
	cr_expect_gt(index_of("p/k/inner/g"), index_of("p/k/f"));
	cr_expect_eq(seen.len, 4 * 2 + 4, "%zu entries", seen.len);
	cr_expect_eq(probs.len, 1);
	cr_expect(strlist_has(&probs, "p/k/back 0"));
}

static enum walk_action
skip_underscore(const struct walk_entry *e, void *arg)
{
	if (e->name[0] == '_')
		return WALK_SKIP;
	return visit(e, arg);
}

/* A folder that visit() skipped was not entered: a link to it is. */
Test(walk, link_to_a_skipped_folder_is_walked)
{
	struct walk_ops ops = { .visit = skip_underscore, .problem = problem,
		.flags = WALK_FOLLOW | WALK_LINKS_LAST };

	mk("_hidden");
	put("_hidden/f");
	ln("_hidden", "shown");
	cr_assert_eq(walk_tree(tmp, "", &ops), 0);
	cr_expect(strlist_has(&seen, "shown/f"));
	cr_expect_eq(probs.len, 0);
}

/* Without WALK_FOLLOW a link is an entry of its own, never entered. */
Test(walk, links_not_followed_by_default)
{
	mk("real");
	ln("real", "link");
	ln("nowhere", "dangling");
	cr_assert_eq(walk(0), 0);
	cr_expect(strlist_has(&seen, "link@"));
	cr_expect(strlist_has(&seen, "dangling@"));
	cr_expect_eq(probs.len, 0);
}

/* A dangling link while following: an entry that is not a file. */
Test(walk, dangling_link_when_following)
{
	ln("nowhere", "dangling");
	cr_assert_eq(walk(WALK_FOLLOW | WALK_STAT), 0);
	cr_expect(strlist_has(&seen, "dangling@"));
}

Test(walk, depth_limit_is_reported)
{
	struct walk_ops ops = { .visit = visit, .problem = problem,
		.max_depth = 2 };

	mk("1");
	mk("1/2");
	mk("1/2/3");
	put("1/2/3/f");
	cr_assert_eq(walk_tree(tmp, "", &ops), 0);
	cr_expect(strlist_has(&seen, "1/2/"));
	cr_expect_not(strlist_has(&seen, "1/2/3/"));
	cr_expect_eq(probs.len, 1);
	cr_expect(strlist_has(&probs, "1/2/3 1"), "%s",
	    probs.len ? probs.items[0] : "none");
}

Test(walk, stop_is_polled_during_a_long_walk)
{
	char name[32];

	for (int i = 0; i < 3 * WALK_STOP_EVERY; i++) {
		snprintf(name, sizeof name, "f%d", i);
		put(name);
	}
	stop_after = 1;		/* the second poll says stop */
	cr_assert_eq(walk(0), 1);
	cr_expect_lt(seen.len, 2 * WALK_STOP_EVERY + 1, "%zu entries",
	    seen.len);
	cr_expect_geq(seen.len, WALK_STOP_EVERY - 2);	/* "." and ".." */
}

static bool
skip_x(const char *rel, const char *name, void *arg)
{
	(void)rel;
	(void)arg;
	return name[0] == 'x';
}

Test(walk, skip_and_prefix)
{
	struct walk_ops ops = { .skip = skip_x, .visit = visit };

	mk("x");
	put("x/f");
	put("y");
	cr_assert_eq(walk_tree(tmp, "pre", &ops), 0);
	cr_expect_eq(seen.len, 1);
	cr_expect_str_eq(seen.items[0], "pre/y");
}

Test(walk, missing_root)
{
	struct walk_ops ops = { .visit = visit };

	cr_expect_eq(walk_tree(at("nope"), "", &ops), -1);
}

Test(path_below, table)
{
	static const struct {
		const char *path, *dir, *rest;	/* rest NULL: not below */
	} c[] = {
		{ "a/b", "a", "b" }, { "a", "a", "" }, { "a/b/c", "a/b", "c" },
		{ "ab", "a", NULL }, { "a/bc", "a/b", NULL }, { "b", "a", NULL },
		{ "a/b", "a/", "b" }, { "x", "", "x" }, { "/x", "", NULL },
		{ "/x/y", "/", "x/y" }, { "x", "/", NULL },
		{ "/srv/site/_site", "/srv/site", "_site" },
		{ "/srv/site", "/srv/site/_site", NULL },
	};

	for (size_t i = 0; i < sizeof c / sizeof *c; i++) {
		const char *r = path_below(c[i].path, c[i].dir);

		if (!c[i].rest)
			cr_expect_null(r, "'%s' below '%s'", c[i].path,
			    c[i].dir);
		else
			cr_expect(r && !strcmp(r, c[i].rest),
			    "'%s' below '%s': '%s'", c[i].path, c[i].dir,
			    r ? r : "(null)");
	}
}
