/* test_watch.c - the recursive inotify watcher on a real folder */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsutil.h"
#include "ignore.h"
#include "strlist.h"
#include "watch.h"

#define WAIT_MS 2000

static char tmp[64];		/* holds root/ and spare/ (same file system) */
static char root[96];
static struct ignore *ign;
static struct watch *w;
static struct strlist seen = STRLIST_INIT;	/* every path reported */
static struct strlist problems = STRLIST_INIT;	/* "rel: what" told */
static bool saw_gitignore;	/* a watch_read() said a .gitignore changed */

static void
on_problem(const char *rel, enum walk_problem what, int err, void *arg)
{
	char line[600];

	(void)err;
	(void)arg;
	snprintf(line, sizeof line, "%s: %s", rel, what == WALK_LOOP ? "loop"
		 : what == WALK_TOO_DEEP ? "deep" : "unreadable");
	strlist_add(&problems, line);
}

static const struct watch_hooks hooks = { NULL, on_problem, NULL, NULL };

/* root- or tmp-relative paths as static strings (two live at once). */
static const char *
path_in(const char *base, const char *fmt, va_list ap)
{
	static char bufs[2][512];
	static int which;
	char rel[400];

	vsnprintf(rel, sizeof rel, fmt, ap);
	which ^= 1;
	snprintf(bufs[which], sizeof bufs[which], "%s/%s", base, rel);
	return bufs[which];
}

static const char *
in_root(const char *fmt, ...)
{
	va_list ap;
	const char *p;

	va_start(ap, fmt);
	p = path_in(root, fmt, ap);
	va_end(ap);
	return p;
}

static const char *
in_tmp(const char *fmt, ...)
{
	va_list ap;
	const char *p;

	va_start(ap, fmt);
	p = path_in(tmp, fmt, ap);
	va_end(ap);
	return p;
}

static void
put(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

	cr_assert_geq(fd, 0, "cannot create %s: %s", path, strerror(errno));
	cr_assert_eq(fs_write_all(fd, text, strlen(text)), 0);
	cr_assert_eq(close(fd), 0);
}

static void
make_dir(const char *path)
{
	cr_assert_eq(mkdir(path, 0755), 0, "mkdir %s: %s", path,
	    strerror(errno));
}

static void
open_watch(void)
{
	char *failed = NULL;

	w = watch_open(root, ign, &hooks, &failed);
	cr_assert_not_null(w, "watch_open: %s (%s)", strerror(errno),
	    failed ? failed : "?");
}

/* Read events (into seen) until rel was reported or WAIT_MS pass. */
static bool
wait_for(const char *rel)
{
	int64_t deadline = fs_now_ms() + WAIT_MS;

	for (;;) {
		struct pollfd pfd = { .fd = watch_fd(w), .events = POLLIN };
		int64_t left;
		struct watch_news news = { false, false };

		cr_assert_geq(watch_read(w, &seen, &news), 0,
		    "watch_read: %s", strerror(errno));
		cr_assert_not(news.overflow);
		saw_gitignore |= news.gitignore;
		if (strlist_has(&seen, rel))
			return true;
		left = deadline - fs_now_ms();
		if (left <= 0)
			return false;
		poll(&pfd, 1, (int)left);
	}
}

/* Read whatever arrives within ms (to check nothing unwanted came). */
static void
drain(int ms)
{
	int64_t deadline = fs_now_ms() + ms;

	for (;;) {
		struct pollfd pfd = { .fd = watch_fd(w), .events = POLLIN };
		int64_t left = deadline - fs_now_ms();
		struct watch_news news = { false, false };

		cr_assert_geq(watch_read(w, &seen, &news), 0);
		saw_gitignore |= news.gitignore;
		if (left <= 0)
			return;
		poll(&pfd, 1, (int)left);
	}
}

static void
expect_reported(const char *rel)
{
	char *all;

	if (wait_for(rel))
		return;
	all = strlist_join(&seen, ", ", 50, true);
	cr_expect_fail("'%s' not reported within %d ms; got: %s", rel,
	    WAIT_MS, all);
	free(all);
}

static void
setup(void)
{
	snprintf(tmp, sizeof tmp, "/tmp/tend-watch-XXXXXX");
	cr_assert_not_null(mkdtemp(tmp));
	snprintf(root, sizeof root, "%s/root", tmp);
	make_dir(root);
	make_dir(in_tmp("spare"));
	ign = ignore_new();
	w = NULL;
	saw_gitignore = false;
}

static void
teardown(void)
{
	watch_free(w);
	ignore_free(ign);
	strlist_clear(&seen);
	strlist_clear(&problems);
	fs_remove_tree(AT_FDCWD, tmp);
}

TestSuite(watch, .init = setup, .fini = teardown, .timeout = 10);

Test(watch, fd_is_nonblocking_cloexec)
{
	open_watch();
	cr_expect(fcntl(watch_fd(w), F_GETFL) & O_NONBLOCK);
	cr_expect(fcntl(watch_fd(w), F_GETFD) & FD_CLOEXEC);
	/* Nothing pending: 0 events, no wait. */
	cr_expect_eq(watch_read(w, &seen, &(struct watch_news){ 0 }), 0);
	cr_expect_eq(seen.len, 0);
}

Test(watch, missing_root_fails)
{
	char *failed = NULL;

	errno = 0;
	cr_expect_null(watch_open(in_tmp("nope"), ign, NULL, &failed));
	cr_expect_null(failed, "only ENOSPC names a folder");
	cr_expect_neq(errno, 0);
}

Test(watch, written_file_reported)
{
	open_watch();
	put(in_root("index.md"), "# hi\n");
	expect_reported("index.md");
	cr_expect_not(strlist_has(&seen, ""), "the root itself reported");
}

Test(watch, file_in_existing_subfolder_reported)
{
	make_dir(in_root("docs"));
	make_dir(in_root("docs/deep"));
	open_watch();
	put(in_root("docs/deep/page.md"), "x\n");
	expect_reported("docs/deep/page.md");
}

Test(watch, nested_folders_created_quickly)
{
	open_watch();
	/* mkdir -p a/b/c, then write the file at once: the watches on the
	 * new folders come after the file may already be there. */
	make_dir(in_root("a"));
	make_dir(in_root("a/b"));
	make_dir(in_root("a/b/c"));
	put(in_root("a/b/c/f"), "fast\n");
	expect_reported("a/b/c/f");
	/* And the new folders are watched from now on. */
	put(in_root("a/b/c/g"), "later\n");
	expect_reported("a/b/c/g");
	cr_expect_eq(watch_count(w), 4);
}

Test(watch, ignored_tree_not_reported)
{
	ignore_add_tree(ign, "_site");
	ignore_add_glob(ign, "*.tmp");
	make_dir(in_root("_site"));
	open_watch();
	cr_expect_eq(watch_count(w), 1, "the ignored folder is watched");
	put(in_root("_site/index.html"), "out\n");
	make_dir(in_root("_site/sub"));
	put(in_root("_site/sub/x.html"), "out\n");
	put(in_root("x.tmp"), "tmp\n");
	put(in_root("a.md.swp"), "swap\n");
	make_dir(in_root(".git"));
	put(in_root(".git/index"), "git\n");
	put(in_root("marker.md"), "done\n");	/* comes after the others */
	expect_reported("marker.md");
	drain(100);
	for (size_t i = 0; i < seen.len; i++)
		cr_expect_str_eq(seen.items[i], "marker.md",
		    "'%s' reported", seen.items[i]);
}

Test(watch, folder_moved_in_reports_its_files)
{
	open_watch();
	make_dir(in_tmp("spare/moved"));
	make_dir(in_tmp("spare/moved/inner"));
	put(in_tmp("spare/moved/a.md"), "a\n");
	put(in_tmp("spare/moved/inner/b.md"), "b\n");
	cr_assert_eq(rename(in_tmp("spare/moved"), in_root("moved")), 0);
	expect_reported("moved/a.md");
	expect_reported("moved/inner/b.md");
	/* The moved-in folders are watched too. */
	put(in_root("moved/inner/c.md"), "c\n");
	expect_reported("moved/inner/c.md");
}

Test(watch, folder_moved_out_is_forgotten)
{
	make_dir(in_root("gone"));
	make_dir(in_root("gone/sub"));
	open_watch();
	cr_expect_eq(watch_count(w), 3);
	cr_assert_eq(rename(in_root("gone"), in_tmp("spare/gone")), 0);
	expect_reported("gone");
	cr_expect_eq(watch_count(w), 1);
	/* Writing in it where it went is not a change of the source. */
	strlist_clear(&seen);
	put(in_tmp("spare/gone/sub/x.md"), "x\n");
	put(in_root("after.md"), "after\n");
	expect_reported("after.md");
	drain(100);
	cr_expect_not(strlist_has(&seen, "gone/sub/x.md"));
	cr_expect_eq(seen.len, 1);
}

Test(watch, folder_renamed_inside_reports_new_paths)
{
	make_dir(in_root("old"));
	open_watch();
	cr_assert_eq(rename(in_root("old"), in_root("new")), 0);
	expect_reported("old");
	expect_reported("new");
	put(in_root("new/f.md"), "f\n");
	expect_reported("new/f.md");
	cr_expect_not(strlist_has(&seen, "old/f.md"));
	cr_expect_eq(watch_count(w), 2);
}

Test(watch, deleted_then_recreated_folder_watched_again)
{
	make_dir(in_root("d"));
	put(in_root("d/old.md"), "old\n");
	open_watch();
	cr_expect_eq(watch_count(w), 2);
	cr_assert_eq(fs_remove_tree(AT_FDCWD, in_root("d")), 0);
	expect_reported("d/old.md");
	expect_reported("d");
	drain(50);
	cr_expect_eq(watch_count(w), 1);
	make_dir(in_root("d"));
	put(in_root("d/new.md"), "new\n");
	strlist_clear(&seen);
	expect_reported("d/new.md");
	cr_expect_eq(watch_count(w), 2);
	/* And later writes in it too. */
	put(in_root("d/later.md"), "later\n");
	expect_reported("d/later.md");
}

Test(watch, deleted_file_reported)
{
	put(in_root("bye.md"), "x\n");
	open_watch();
	cr_assert_eq(unlink(in_root("bye.md")), 0);
	expect_reported("bye.md");
}

Test(watch, count_grows_with_folders)
{
	open_watch();
	cr_expect_eq(watch_count(w), 1);
	make_dir(in_root("one"));
	expect_reported("one");
	cr_expect_eq(watch_count(w), 2);
	make_dir(in_root("two"));
	make_dir(in_root("two/three"));
	put(in_root("two/three/x"), "x\n");
	expect_reported("two/three/x");
	cr_expect_eq(watch_count(w), 4);
	put(in_root("file"), "not a folder\n");
	expect_reported("file");
	cr_expect_eq(watch_count(w), 4);
}

Test(watch, count_at_open_includes_existing_tree)
{
	make_dir(in_root("a"));
	make_dir(in_root("a/b"));
	make_dir(in_root("c"));
	put(in_root("a/file"), "x\n");
	open_watch();
	cr_expect_eq(watch_count(w), 4);
}

Test(watch, no_duplicates_in_changed)
{
	open_watch();
	for (int i = 0; i < 5; i++)
		put(in_root("same.md"), "again\n");
	put(in_root("end.md"), "end\n");
	expect_reported("end.md");
	drain(50);
	for (size_t i = 0; i < seen.len; i++)
		for (size_t j = i + 1; j < seen.len; j++)
			cr_expect_str_neq(seen.items[i], seen.items[j]);
}

/* Two links back to the root: each folder is watched once, the loops are
 * told, and nothing explodes (issue 13, item 1). */
Test(watch, symlink_loops_are_told_and_not_followed)
{
	make_dir(in_root("sub"));
	cr_assert_eq(symlink(".", in_root("a")), 0);
	cr_assert_eq(symlink(".", in_root("b")), 0);
	cr_assert_eq(symlink("..", in_root("sub/up")), 0);
	open_watch();
	cr_expect_eq(watch_count(w), 2, "root and sub, each once");
	cr_expect(strlist_has(&problems, "a: loop"));
	cr_expect(strlist_has(&problems, "b: loop"));
	cr_expect(strlist_has(&problems, "sub/up: loop"));
	put(in_root("sub/x.md"), "x\n");
	expect_reported("sub/x.md");
}

/* A tree deeper than the walker's limit: the limit is told, not silent. */
Test(watch, too_deep_is_told)
{
	char rel[4 * (WALK_MAX_DEPTH + 4)] = "";

	for (int i = 0; i < WALK_MAX_DEPTH + 2; i++) {
		strcat(rel, i ? "/d" : "d");
		make_dir(in_root("%s", rel));
	}
	open_watch();
	cr_expect_eq(watch_count(w), WALK_MAX_DEPTH + 1);
	cr_assert_eq(problems.len, 1);
	cr_expect(strstr(problems.items[0], ": deep"), "%s",
	    problems.items[0]);
}

/* A nested .gitignore: its patterns apply below its folder, and a change
 * of it is news. */
Test(watch, nested_gitignore_ignores_and_is_news)
{
	make_dir(in_root("sub"));
	put(in_root("sub/.gitignore"), "*.log\n");
	ignore_use_gitignore(ign, root);
	open_watch();
	put(in_root("sub/a.log"), "x\n");
	put(in_root("a.log"), "x\n");
	expect_reported("a.log");
	drain(50);
	cr_expect_not(strlist_has(&seen, "sub/a.log"));
	cr_expect_not(saw_gitignore);
	put(in_root("sub/.gitignore"), "*.tmp\n");
	expect_reported("sub/.gitignore");
	cr_expect(saw_gitignore);
}

/* node_modules is neither watched nor reported by default. */
Test(watch, node_modules_not_watched)
{
	make_dir(in_root("node_modules"));
	make_dir(in_root("node_modules/pkg"));
	open_watch();
	cr_expect_eq(watch_count(w), 1);
	put(in_root("node_modules/pkg/i.js"), "x\n");
	put(in_root("end.md"), "end\n");
	expect_reported("end.md");
	drain(50);
	cr_expect_eq(seen.len, 1, "%s", seen.items[0]);
}
