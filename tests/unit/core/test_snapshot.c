/* test_snapshot.c - listing an output folder and diffing two listings */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixture.h"
#include "snapshot.h"
#include "strlist.h"

static char tmpdir[64];

static void
setup_dir(void)
{
	fixture_mkdtemp(tmpdir, sizeof tmpdir, "snapshot");
}

static void
teardown_dir(void)
{
	fixture_rmtree(tmpdir);
}

/* tmpdir/rel into out. */
static void
at(const char *rel, char *out, size_t cap)
{
	cr_assert_lt((size_t)snprintf(out, cap, "%s/%s", tmpdir, rel), cap);
}

static void
put(const char *rel, const char *data)
{
	char path[512];
	int fd;

	at(rel, path, sizeof path);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	cr_assert_geq(fd, 0, "cannot create %s: %s", path, strerror(errno));
	cr_assert_eq(write(fd, data, strlen(data)), (ssize_t)strlen(data));
	cr_assert_eq(close(fd), 0);
}

static void
dir(const char *rel)
{
	char path[512];

	at(rel, path, sizeof path);
	cr_assert_eq(mkdir(path, 0755), 0, "cannot create %s", path);
}

/* Set rel's modification time (seconds and nanoseconds). */
static void
set_mtime(const char *rel, time_t sec, long nsec)
{
	char path[512];
	struct timespec ts[2] = { { 0, UTIME_OMIT }, { sec, nsec } };

	at(rel, path, sizeof path);
	cr_assert_eq(utimensat(AT_FDCWD, path, ts, 0), 0);
}

static struct stat
stat_of(const char *rel)
{
	char path[512];
	struct stat st;

	at(rel, path, sizeof path);
	cr_assert_eq(stat(path, &st), 0, "cannot stat %s", path);
	return st;
}

static struct snapshot *
take(const char *rel)
{
	char path[512];
	struct snapshot *s;

	at(rel, path, sizeof path);
	s = snapshot_take(path, NULL, NULL);
	cr_assert_not_null(s);
	return s;
}

/* The changed paths joined with ' ', and the count returned. */
static char *
diff(const struct snapshot *a, const struct snapshot *b, size_t max,
    size_t *count)
{
	struct strlist l = STRLIST_INIT;
	char *s;

	*count = snapshot_diff(a, b, &l, max);
	cr_assert_leq(l.len, max);
	s = strlist_join(&l, " ", l.len, false);
	strlist_clear(&l);
	return s;
}

static void
assert_diff(const struct snapshot *a, const struct snapshot *b,
    const char *want, size_t want_count)
{
	size_t count;
	char *got = diff(a, b, 1000, &count);

	cr_assert_str_eq(got, want);
	cr_assert_eq(count, want_count, "count %zu, want %zu", count,
	    want_count);
	free(got);
}

Test(snapshot, nested_tree_without_dotfiles, .init = setup_dir,
    .fini = teardown_dir, .timeout = 10)
{
	struct snapshot *s;

	dir("out");
	dir("out/sub");
	dir("out/sub/deeper");
	dir("out/.git");
	dir("out/sub/.cache");
	put("out/b.txt", "b");
	put("out/a.html", "a");
	put("out/sub/c.css", "c");
	put("out/sub/deeper/d.js", "d");
	put("out/.hidden", "h");
	put("out/.git/config", "g");
	put("out/sub/.cache/x", "x");
	put("out/sub/.dot", "y");
	dir("out/empty");
	s = take("out");
	cr_assert_eq(snapshot_count(s), 4);
	/* Against nothing, every file is added, in path order. */
	assert_diff(NULL, s, "a.html b.txt sub/c.css sub/deeper/d.js", 4);
	assert_diff(s, NULL, "a.html b.txt sub/c.css sub/deeper/d.js", 4);
	assert_diff(s, s, "", 0);
	snapshot_free(s);
}

Test(snapshot, missing_folder_is_empty, .init = setup_dir,
    .fini = teardown_dir, .timeout = 10)
{
	struct snapshot *s = take("nonexistent");
	struct snapshot *t;

	cr_assert_eq(snapshot_count(s), 0);
	put("f", "1");
	t = take("");
	assert_diff(s, t, "f", 1);
	snapshot_free(t);
	snapshot_free(s);
}

Test(snapshot, null_is_empty, .timeout = 10)
{
	struct strlist l = STRLIST_INIT;

	cr_assert_eq(snapshot_count(NULL), 0);
	cr_assert_eq(snapshot_diff(NULL, NULL, &l, 10), 0);
	cr_assert_eq(l.len, 0);
	snapshot_free(NULL);
}

Test(snapshot, added_removed_modified, .init = setup_dir,
    .fini = teardown_dir, .timeout = 10)
{
	struct snapshot *a, *b;
	char path[512];

	dir("out");
	dir("out/d");
	put("out/same", "same");
	put("out/gone", "gone");
	put("out/d/grows", "1");
	put("out/d/touched", "t");
	set_mtime("out/d/touched", 1000000000, 0);
	put("out/d/ns", "n");
	set_mtime("out/d/ns", 1000000000, 0);
	a = take("out");

	put("out/new", "new");
	put("out/d/new2", "new");
	at("out/gone", path, sizeof path);
	cr_assert_eq(unlink(path), 0);
	put("out/d/grows", "12");		/* size (same inode) */
	set_mtime("out/d/touched", 1000000001, 0);	/* mtime seconds */
	set_mtime("out/d/ns", 1000000000, 1);	/* mtime nanoseconds */
	b = take("out");

	assert_diff(a, b, "d/grows d/new2 d/ns d/touched gone new", 6);
	assert_diff(b, a, "d/grows d/new2 d/ns d/touched gone new", 6);
	snapshot_free(a);
	snapshot_free(b);
}

Test(snapshot, hard_links_unchanged, .init = setup_dir, .fini = teardown_dir,
    .timeout = 10)
{
	char from[512], to[512];
	struct snapshot *g1, *g2;

	/* The builder's next generation: unchanged files hard-linked. */
	dir("g1");
	dir("g1/sub");
	dir("g2");
	dir("g2/sub");
	put("g1/index.html", "index");
	put("g1/sub/page.html", "page");
	put("g1/changed.html", "old");
	at("g1/index.html", from, sizeof from);
	at("g2/index.html", to, sizeof to);
	cr_assert_eq(link(from, to), 0);
	at("g1/sub/page.html", from, sizeof from);
	at("g2/sub/page.html", to, sizeof to);
	cr_assert_eq(link(from, to), 0);
	put("g2/changed.html", "new");
	g1 = take("g1");
	g2 = take("g2");
	cr_assert_eq(snapshot_count(g2), 3);
	assert_diff(g1, g2, "changed.html", 1);
	snapshot_free(g1);
	snapshot_free(g2);
}

Test(snapshot, same_size_and_mtime_new_inode, .init = setup_dir,
    .fini = teardown_dir, .timeout = 10)
{
	char tmp[512], path[512];
	struct snapshot *a, *b;
	struct stat old, fresh;

	dir("out");
	put("out/page.html", "abc");
	put("out/other.html", "x");
	set_mtime("out/page.html", 1500000000, 123);
	a = take("out");
	old = stat_of("out/page.html");

	/* A copy with the same bytes and times, renamed over the original. */
	put("out/.page.tmp", "abc");
	set_mtime("out/.page.tmp", 1500000000, 123);
	at("out/.page.tmp", tmp, sizeof tmp);
	at("out/page.html", path, sizeof path);
	cr_assert_eq(rename(tmp, path), 0);
	fresh = stat_of("out/page.html");
	cr_assert_eq(fresh.st_size, old.st_size);
	cr_assert_eq(fresh.st_mtim.tv_sec, old.st_mtim.tv_sec);
	cr_assert_eq(fresh.st_mtim.tv_nsec, old.st_mtim.tv_nsec);
	cr_assert_neq(fresh.st_ino, old.st_ino);
	b = take("out");

	assert_diff(a, b, "page.html", 1);
	snapshot_free(a);
	snapshot_free(b);
}

/* Rewritten in place with the same size and its mtime put back (cp -p,
 * tar, rsync -t): the same inode, but a new ctime tells it. */
Test(snapshot, same_size_mtime_and_inode_new_ctime, .init = setup_dir,
    .fini = teardown_dir, .timeout = 10)
{
	struct snapshot *a, *b;
	struct stat old, now;

	dir("out");
	put("out/page.html", "abc");
	set_mtime("out/page.html", 1500000000, 123);
	a = take("out");
	old = stat_of("out/page.html");
	usleep(20000);		/* past the clock's tick */
	put("out/page.html", "xyz");
	set_mtime("out/page.html", 1500000000, 123);
	now = stat_of("out/page.html");
	cr_assert_eq(now.st_ino, old.st_ino);
	cr_assert_eq(now.st_size, old.st_size);
	cr_assert_eq(now.st_mtim.tv_nsec, old.st_mtim.tv_nsec);
	b = take("out");
	assert_diff(a, b, "page.html", 1);
	snapshot_free(a);
	snapshot_free(b);
}

Test(snapshot, max_caps_the_list_not_the_count, .init = setup_dir,
    .fini = teardown_dir, .timeout = 10)
{
	struct snapshot *a, *b;
	size_t count;
	char *got;

	dir("out");
	a = take("out");
	put("out/1", "1");
	put("out/2", "2");
	put("out/3", "3");
	put("out/4", "4");
	put("out/5", "5");
	b = take("out");

	got = diff(a, b, 2, &count);
	cr_assert_eq(count, 5);
	cr_assert_str_eq(got, "1 2");
	free(got);
	got = diff(a, b, 0, &count);
	cr_assert_eq(count, 5);
	cr_assert_str_eq(got, "");
	free(got);
	got = diff(a, b, 5, &count);
	cr_assert_eq(count, 5);
	cr_assert_str_eq(got, "1 2 3 4 5");
	free(got);
	snapshot_free(a);
	snapshot_free(b);
}

Test(snapshot, adds_to_existing_list, .init = setup_dir,
    .fini = teardown_dir, .timeout = 10)
{
	struct strlist l = STRLIST_INIT;
	struct snapshot *s;

	put("x", "1");
	s = take("");
	strlist_add(&l, "before");
	cr_assert_eq(snapshot_diff(NULL, s, &l, 10), 1);
	cr_assert_eq(l.len, 2);
	cr_assert_str_eq(l.items[0], "before");
	cr_assert_str_eq(l.items[1], "x");
	strlist_clear(&l);
	snapshot_free(s);
}

Test(snapshot, symlinked_file_followed, .init = setup_dir,
    .fini = teardown_dir, .timeout = 10)
{
	char target[512], path[512];
	struct snapshot *s;

	dir("out");
	put("real", "r");
	at("real", target, sizeof target);
	at("out/link.html", path, sizeof path);
	cr_assert_eq(symlink(target, path), 0);
	s = take("out");
	assert_diff(NULL, s, "link.html", 1);
	snapshot_free(s);
}
