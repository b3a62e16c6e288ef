/*
 * test_watch.c - the file watcher seen from outside: every way an editor, a
 * shell or git saves, moves and deletes gives exactly one build and the new
 * content is served; folder trees come and go; ignored paths never build; a
 * flood of events, a self-writing build, polling and the build log line.
 *
 * Counting builds: wait for the build, then wait QUIET_MS more and check that
 * no further build came (expect_one_build()).
 *
 * Every tend here runs with --debounce 50 (default 10 ms). One save is a few
 * system calls issued back to back by this test (or by sed, vim, git), but on
 * a loaded CI machine the writer can be descheduled between two of them for
 * more than 10 ms, and tend would then rightly see two bursts. 50 ms keeps the
 * count about tend merging one save's events, not about the scheduler; it is
 * still far below the time between two saves by a person.
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

#define DEBOUNCE "50"
#define QUIET_MS 500		/* no build within this: no further build */
#define BUILD_MS 15000		/* for a build to end, a page to change */

static struct tend_proc t;
static char *site;		/* the source folder */
static char *outside;		/* beside it, on the same file system */

static void
teardown(void)
{
	tp_cleanup(&t);
	rm_rf(site);
	rm_rf(outside);
	free(site);
	free(outside);
	site = outside = NULL;
}

TestSuite(watch, .fini = teardown, .timeout = 90);

/* dir/rel in one of a few rotating buffers (several per expression). */
static const char *
pth(const char *dir, const char *rel)
{
	static char buf[8][1024];
	static int i;
	char *b = buf[i++ % 8];

	snprintf(b, sizeof buf[0], "%s/%s", dir, rel);
	return b;
}

/* The URL of a path on the server. */
static const char *
url(const char *rel)
{
	return pth(t.url, rel);
}

static long
status_of(const char *rel)
{
	return http_get(url(rel), NULL);
}

/* Poll until rel answers with code (up to ms). */
static bool
wait_status(const char *rel, long code, int ms)
{
	for (int waited = 0;; waited += 20) {
		if (status_of(rel) == code)
			return true;
		if (waited >= ms)
			return false;
		usleep(20000);
	}
}

/* The last build line on stdout ("" if none), in a static buffer. */
static const char *
last_build(void)
{
	static char line[8192];
	const char *p = NULL, *q;
	size_t n;

	tp_builds(&t);
	for (q = t.out; (q = strstr(q, "\"event\":\"build\"")); q++)
		p = q;
	line[0] = '\0';
	if (!p)
		return line;
	q = strchr(p, '\n');
	n = q ? (size_t)(q - p) : strlen(p);
	if (n >= sizeof line)
		n = sizeof line - 1;
	memcpy(line, p, n);
	line[n] = '\0';
	return line;
}

/* Start tend serve on site (with --debounce 50 and extra), wait for the
 * first build and check that it does not start another one by itself. */
static void
serve(const char *const *extra)
{
	const char *args[40] = { "--debounce", DEBOUNCE };
	size_t n = 2;

	for (; extra && *extra && n < 39; extra++)
		args[n++] = *extra;
	args[n] = NULL;
	tp_serve(&t, site, args);
	cr_assert(tp_wait_builds(&t, 1, 15000), "no first build; stderr:\n%s",
	    t.err);
	cr_assert(strstr(last_build(), "\"ok\":true"), "first build: %s\n%s",
	    last_build(), t.err);
	cr_assert_not(tp_wait_builds(&t, 2, QUIET_MS),
	    "the first build started another one by itself:\n%s", t.out);
}

/* Exactly one more build than before, and it succeeded. */
static void
expect_one_build(int before, const char *what)
{
	cr_assert(tp_wait_builds(&t, before + 1, BUILD_MS),
	    "%s: no build within %d ms; stderr:\n%s", what, BUILD_MS, t.err);
	if (tp_wait_builds(&t, before + 2, QUIET_MS))
		cr_assert_fail("%s: %d builds instead of 1:\n%s", what,
		    tp_builds(&t) - before, t.out);
	cr_assert(strstr(last_build(), "\"ok\":true"), "%s: %s\nstderr:\n%s",
	    what, last_build(), t.err);
}

/* No build within QUIET_MS. */
static void
expect_no_build(int before, const char *what)
{
	if (tp_wait_builds(&t, before + 1, QUIET_MS))
		cr_assert_fail("%s started a build: %s", what, last_build());
}

/* Wait until no build came for quiet ms, at most max ms; true if settled. */
static bool
settles(int quiet, int max)
{
	struct timespec start, now;

	clock_gettime(CLOCK_MONOTONIC, &start);
	do {
		if (!tp_wait_builds(&t, tp_builds(&t) + 1, quiet))
			return true;
		clock_gettime(CLOCK_MONOTONIC, &now);
	} while ((now.tv_sec - start.tv_sec) * 1000 +
	    (now.tv_nsec - start.tv_nsec) / 1000000 < max);
	return false;
}

/* The last build's "changed" list names rel. */
static void
expect_changed(const char *rel)
{
	char quoted[600];
	const char *changed = strstr(last_build(), "\"changed\"");

	snprintf(quoted, sizeof quoted, "\"%s\"", rel);
	cr_expect(changed && strstr(changed, quoted),
	    "the build does not name %s: %s", rel, last_build());
}

static void
expect_served(const char *rel, const char *needle)
{
	cr_assert(http_wait_body(url(rel), needle, BUILD_MS),
	    "/%s does not show '%s'; stderr:\n%s", rel, needle, t.err);
}

static void
expect_gone(const char *rel)
{
	cr_assert(wait_status(rel, 404, BUILD_MS), "/%s still answers %ld",
	    rel, status_of(rel));
}

/* Run a command (argv[0] from PATH) in cwd to completion; it must exit 0. */
static void
run(const char *cwd, const char *const *argv)
{
	struct tend_proc p;
	char err[2048];
	int st;

	tp_exec(&p, cwd, argv);
	if (!tp_wait_exit(&p, 60000)) {
		tp_cleanup(&p);
		cr_assert_fail("'%s' did not finish", argv[0]);
	}
	st = p.status;
	snprintf(err, sizeof err, "%s", p.err);
	tp_cleanup(&p);
	cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	    "'%s' failed (status %d): %s", argv[0], st, err);
}

static bool
in_path(const char *prog)
{
	const char *path = getenv("PATH");
	char buf[1024];

	while (path && *path) {
		size_t n = strcspn(path, ":");

		snprintf(buf, sizeof buf, "%.*s/%s", (int)n, path, prog);
		if (access(buf, X_OK) == 0)
			return true;
		path += n + (path[n] == ':');
	}
	return false;
}

static void
xrename(const char *from, const char *to)
{
	cr_assert_eq(rename(from, to), 0, "rename %s -> %s: %s", from, to,
	    strerror(errno));
}

static void
xunlink(const char *path)
{
	cr_assert_eq(unlink(path), 0, "unlink %s: %s", path, strerror(errno));
}

static void
xsymlink(const char *target, const char *path)
{
	cr_assert_eq(symlink(target, path), 0, "symlink %s: %s", path,
	    strerror(errno));
}

/* Regular files below dir (recursively, not following symlinks). */
static long
count_files(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	long n = 0;

	if (!d)
		return 0;
	while ((e = readdir(d))) {
		struct stat st;
		char p[1024];

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (snprintf(p, sizeof p, "%s/%s", dir, e->d_name) >=
		    (int)sizeof p || lstat(p, &st) < 0)
			continue;
		if (S_ISDIR(st.st_mode))
			n += count_files(p);
		else if (S_ISREG(st.st_mode))
			n++;
	}
	closedir(d);
	return n;
}

/* inotify watches held by pid (the `inotify wd:` lines of its fdinfo). */
static int
count_inotify_watches(pid_t pid)
{
	char dir[64], line[512];
	DIR *d;
	struct dirent *e;
	int n = 0;

	snprintf(dir, sizeof dir, "/proc/%d/fdinfo", (int)pid);
	d = opendir(dir);
	if (!d)
		return -1;
	while ((e = readdir(d))) {
		FILE *f;

		if (e->d_name[0] == '.')
			continue;
		f = fopen(pth(dir, e->d_name), "r");
		if (!f)
			continue;
		while (fgets(line, sizeof line, f))
			n += !strncmp(line, "inotify wd:", 11);
		fclose(f);
	}
	closedir(d);
	return n;
}

/* A site with one page f.md ("# Version one") and an index. */
static void
make_f_site(void)
{
	site = tmp_dir();
	outside = tmp_dir();
	write_file(site, "index.md", "# Home\n");
	write_file(site, "f.md", "# Version one\n");
}

/* ---------------------------------------------------------------------
 * 1. Save patterns: one build each, new content served
 */

Test(watch, save_in_place)
{
	make_f_site();
	serve(NULL);
	expect_served("f.html", "Version one");
	write_file(site, "f.md", "# Version two\n");
	expect_one_build(1, "an in-place write");
	expect_served("f.html", "Version two");
	expect_changed("f.md");
}

/* Write a temporary file in the same folder, rename it over the target
 * (atomic save: VS Code's atomic writers, `install`, most libraries). */
Test(watch, save_temp_then_rename_over)
{
	char tmp[1024];
	int fd;

	make_f_site();
	serve(NULL);
	snprintf(tmp, sizeof tmp, "%s/.f.md.XXXXXX", site);
	fd = mkstemp(tmp);
	cr_assert_geq(fd, 0);
	cr_assert_eq(write(fd, "# Version two\n", 14), 14);
	cr_assert_eq(fsync(fd), 0);
	close(fd);
	xrename(tmp, pth(site, "f.md"));
	expect_one_build(1, "a temporary file renamed over the page");
	expect_served("f.html", "Version two");
	expect_changed("f.md");
}

/* JetBrains' safe write: f___jb_tmp___ written, f -> f___jb_old___,
 * f___jb_tmp___ -> f, f___jb_old___ deleted. */
Test(watch, save_jetbrains_safe_write)
{
	make_f_site();
	serve(NULL);
	write_file(site, "f.md___jb_tmp___", "# Version two\n");
	xrename(pth(site, "f.md"), pth(site, "f.md___jb_old___"));
	xrename(pth(site, "f.md___jb_tmp___"), pth(site, "f.md"));
	xunlink(pth(site, "f.md___jb_old___"));
	expect_one_build(1, "a JetBrains safe write");
	expect_served("f.html", "Version two");
	expect_changed("f.md");
	cr_expect_null(strstr(last_build(), "___jb_"),
	    "an editor's temporary file was reported: %s", last_build());
}

/* sed -i: writes ./sedXXXXXX and renames it over the file. */
Test(watch, save_sed_in_place)
{
	make_f_site();
	serve(NULL);
	run(site, (const char *const[]){ "sed", "-i", "s/one/two/", "f.md",
	    NULL });
	expect_one_build(1, "sed -i");
	expect_served("f.html", "Version two");
	expect_changed("f.md");
}

/* vim's default save, system call by system call, in vim's order. */
Test(watch, save_vim_sequence)
{
	int fd;

	make_f_site();
	serve(NULL);
	/* the probe: can a file be created here with our owner? */
	fd = open(pth(site, "4913"), O_CREAT | O_EXCL | O_WRONLY, 0644);
	cr_assert_geq(fd, 0);
	close(fd);
	xunlink(pth(site, "4913"));
	/* the backup by rename, a new file, the backup deleted */
	xrename(pth(site, "f.md"), pth(site, "f.md~"));
	fd = open(pth(site, "f.md"), O_CREAT | O_EXCL | O_WRONLY, 0644);
	cr_assert_geq(fd, 0);
	cr_assert_eq(write(fd, "# Version two\n", 14), 14);
	cr_assert_eq(fsync(fd), 0);
	close(fd);
	xunlink(pth(site, "f.md~"));
	expect_one_build(1, "vim's save sequence");
	expect_served("f.html", "Version two");
	expect_changed("f.md");
}

/* The real vim, with its defaults for a save ('writebackup' on, 'backup'
 * off, 'backupcopy' auto: rename the file to f~, write a new f). Its default
 * 'backupskip' lists the temporary folder, where it writes in place: so it
 * is emptied here. */
Test(watch, save_real_vim)
{
	struct stat before, after;

	if (!in_path("vim"))
		cr_skip_test("vim is not installed");
	make_f_site();
	serve(NULL);
	cr_assert_eq(stat(pth(site, "f.md"), &before), 0);
	run(site, (const char *const[]){ "vim", "-u", "NONE", "-i", "NONE",
	    "-N", "-n", "-es", "-c",
	    "set writebackup nobackup backupcopy=auto backupskip=",
	    "-c", "%d", "-c", "call setline(1, '# Saved by vim')", "-c", "wq",
	    "f.md", NULL });
	expect_one_build(1, "a save by vim");
	expect_served("f.html", "Saved by vim");
	expect_changed("f.md");
	cr_assert_eq(stat(pth(site, "f.md"), &after), 0);
	cr_expect_neq(after.st_ino, before.st_ino,
	    "vim wrote f.md in place: its rename save was not exercised");
}

/* Emacs: the lock symlink .#f appears when the buffer is modified, the file
 * is written, the lock is removed. The lock alone does not build. */
Test(watch, save_emacs_lock_file)
{
	make_f_site();
	serve(NULL);
	xsymlink("user@host.12345:1700000000", pth(site, ".#f.md"));
	expect_no_build(1, "emacs' lock file .#f.md");
	write_file(site, "f.md", "# Version two\n");
	xunlink(pth(site, ".#f.md"));
	expect_one_build(1, "an emacs save between its lock file");
	expect_served("f.html", "Version two");
	cr_expect_null(strstr(last_build(), ".#"),
	    "the lock file was reported: %s", last_build());
}

Test(watch, touch_existing_file)
{
	make_f_site();
	serve(NULL);
	run(site, (const char *const[]){ "touch", "f.md", NULL });
	expect_one_build(1, "touch");
	expect_served("f.html", "Version one");
	expect_changed("f.md");
}

Test(watch, chmod_file)
{
	make_f_site();
	serve(NULL);
	cr_assert_eq(chmod(pth(site, "f.md"), 0640), 0);
	expect_one_build(1, "chmod");
	expect_served("f.html", "Version one");
	expect_changed("f.md");
}

Test(watch, delete_page)
{
	make_f_site();
	serve(NULL);
	cr_assert_eq(status_of("f.html"), 200);
	xunlink(pth(site, "f.md"));
	expect_one_build(1, "deleting a page");
	expect_gone("f.html");
	expect_served("", "Home");
}

Test(watch, move_file_in_from_outside)
{
	make_f_site();
	write_file(outside, "new.md", "# Moved in\n");
	serve(NULL);
	cr_assert_eq(status_of("new.html"), 404);
	xrename(pth(outside, "new.md"), pth(site, "new.md"));
	expect_one_build(1, "a file moved in");
	expect_served("new.html", "Moved in");
	expect_changed("new.md");
}

Test(watch, move_file_out_of_tree)
{
	make_f_site();
	serve(NULL);
	xrename(pth(site, "f.md"), pth(outside, "f.md"));
	expect_one_build(1, "a file moved out");
	expect_gone("f.html");
	/* the file lives on outside: none of tend's business now */
	write_file(outside, "f.md", "# Elsewhere\n");
	expect_no_build(2, "a write to a file moved out");
}

Test(watch, rename_page_within_tree)
{
	make_f_site();
	serve(NULL);
	xrename(pth(site, "f.md"), pth(site, "g.md"));
	expect_one_build(1, "renaming a page");
	expect_gone("f.html");
	expect_served("g.html", "Version one");
}

/* A real git repository as the source folder: switching 500 files between two
 * branches is one build ("." git itself is ignored). */
Test(watch, git_checkout_500_files, .timeout = 120)
{
	char name[32], text[64];

	site = tmp_dir();
	run(site, (const char *const[]){ "git", "init", "-q", "-b", "a",
	    NULL });
	for (int i = 0; i < 500; i++) {
		snprintf(name, sizeof name, "p%03d.md", i);
		snprintf(text, sizeof text, "# Branch A page %d\n", i);
		write_file(site, name, text);
	}
	run(site, (const char *const[]){ "git", "add", "-A", NULL });
	run(site, (const char *const[]){ "git", "-c", "user.name=t", "-c",
	    "user.email=t@example.com", "-c", "gc.auto=0", "commit", "-q",
	    "-m", "a", NULL });
	run(site, (const char *const[]){ "git", "checkout", "-q", "-b", "b",
	    NULL });
	for (int i = 0; i < 500; i++) {
		snprintf(name, sizeof name, "p%03d.md", i);
		snprintf(text, sizeof text, "# Branch B page %d\n", i);
		write_file(site, name, text);
	}
	run(site, (const char *const[]){ "git", "-c", "user.name=t", "-c",
	    "user.email=t@example.com", "-c", "gc.auto=0", "commit", "-q",
	    "-a", "-m", "b", NULL });
	run(site, (const char *const[]){ "git", "checkout", "-q", "a", NULL });
	/* _site is not tracked: keep `git checkout` from minding it */
	write_file(site, ".git/info/exclude", "_site/\n");

	serve(NULL);
	expect_served("p250.html", "Branch A page 250");
	run(site, (const char *const[]){ "git", "checkout", "-q", "b", NULL });
	expect_one_build(1, "git checkout of 500 files");
	expect_served("p000.html", "Branch B page 0");
	expect_served("p250.html", "Branch B page 250");
	expect_served("p499.html", "Branch B page 499");
	cr_expect_null(strstr(last_build(), ".git"), "%s", last_build());
	/* and back: one more build */
	run(site, (const char *const[]){ "git", "checkout", "-q", "a", NULL });
	expect_one_build(2, "git checkout back");
	expect_served("p123.html", "Branch A page 123");
}

/* ---------------------------------------------------------------------
 * 2. Tree changes
 */

/* mkdir -p a/b/c and write a/b/c/f.md at once, 50 times over: the files
 * written before the new folders' watches existed must be seen. */
Test(watch, new_folders_written_at_once)
{
	char rel[128], text[64];

	make_f_site();
	serve(NULL);
	for (int i = 0; i < 50; i++) {
		snprintf(rel, sizeof rel, "n%02d/b/c/f.md", i);
		snprintf(text, sizeof text, "# Nested %d\n", i);
		write_file(site, rel, text);	/* mkdir a, b, c; write */
	}
	expect_served("n00/b/c/f.html", "Nested 0");
	expect_served("n49/b/c/f.html", "Nested 49");
	/* wait for the builds to settle, then every page is there */
	cr_assert(settles(QUIET_MS, 20000), "builds do not stop: %d",
	    tp_builds(&t));
	for (int i = 0; i < 50; i++) {
		snprintf(rel, sizeof rel, "_site/n%02d/b/c/f.html", i);
		cr_expect(file_exists(site, rel), "%s was not published", rel);
	}
	/* and the new folders are watched */
	write_file(site, "n25/b/c/f.md", "# Nested edited\n");
	expect_served("n25/b/c/f.html", "Nested edited");
}

/* outside/tree: x.md, sub/y.md, sub/deep/z.md */
static void
make_tree(const char *dir)
{
	write_file(dir, "tree/x.md", "# Tree x\n");
	write_file(dir, "tree/sub/y.md", "# Tree y\n");
	write_file(dir, "tree/sub/deep/z.md", "# Tree z\n");
}

Test(watch, folder_tree_moved_in)
{
	make_f_site();
	make_tree(outside);
	serve(NULL);
	xrename(pth(outside, "tree"), pth(site, "tree"));
	expect_one_build(1, "a folder tree moved in");
	expect_served("tree/x.html", "Tree x");
	expect_served("tree/sub/y.html", "Tree y");
	expect_served("tree/sub/deep/z.html", "Tree z");
	/* its folders are watched now */
	write_file(site, "tree/sub/deep/z.md", "# Tree z edited\n");
	expect_one_build(2, "an edit in a folder moved in");
	expect_served("tree/sub/deep/z.html", "Tree z edited");
}

Test(watch, folder_tree_moved_out)
{
	make_f_site();
	make_tree(site);
	serve(NULL);
	expect_served("tree/sub/deep/z.html", "Tree z");
	xrename(pth(site, "tree"), pth(outside, "tree"));
	expect_one_build(1, "a folder tree moved out");
	expect_gone("tree/x.html");
	expect_gone("tree/sub/y.html");
	expect_gone("tree/sub/deep/z.html");
	/* a watch that followed the folder out would report this */
	write_file(outside, "tree/sub/deep/z.md", "# Elsewhere\n");
	expect_no_build(2, "a write below a folder moved out");
}

Test(watch, folder_tree_renamed)
{
	make_f_site();
	make_tree(site);
	serve(NULL);
	xrename(pth(site, "tree"), pth(site, "renamed"));
	expect_one_build(1, "renaming a folder tree");
	expect_served("renamed/x.html", "Tree x");
	expect_served("renamed/sub/deep/z.html", "Tree z");
	expect_gone("tree/x.html");
	expect_gone("tree/sub/deep/z.html");
	/* the watches know the new names */
	write_file(site, "renamed/sub/deep/z.md", "# Renamed z edited\n");
	expect_one_build(2, "an edit below a renamed folder");
	expect_served("renamed/sub/deep/z.html", "Renamed z edited");
	expect_changed("renamed/sub/deep/z.md");
}

Test(watch, folder_tree_deleted)
{
	make_f_site();
	make_tree(site);
	serve(NULL);
	run(site, (const char *const[]){ "rm", "-rf", "tree", NULL });
	expect_one_build(1, "rm -rf of a folder tree");
	expect_gone("tree/x.html");
	expect_gone("tree/sub/y.html");
	expect_gone("tree/sub/deep/z.html");
	expect_served("f.html", "Version one");
}

/* SITE/linked -> OUTSIDE/ext: published, and watched through the link. */
Test(watch, symlinked_folder_is_published_and_watched)
{
	make_f_site();
	write_file(outside, "ext/p.md", "# Linked page\n");
	write_file(outside, "ext/deep/q.md", "# Linked deep\n");
	xsymlink(pth(outside, "ext"), pth(site, "linked"));
	serve((const char *const[]){ "--follow-symlinks", NULL });
	expect_served("linked/p.html", "Linked page");
	expect_served("linked/deep/q.html", "Linked deep");
	write_file(outside, "ext/p.md", "# Linked page edited\n");
	expect_one_build(1, "an edit inside a symlinked folder's target");
	expect_served("linked/p.html", "Linked page edited");
	write_file(outside, "ext/deep/q.md", "# Linked deep edited\n");
	expect_one_build(2, "an edit deeper in the symlinked folder");
	expect_served("linked/deep/q.html", "Linked deep edited");
}

/* Folder symlinks back up the tree: no hang, no crash, one build. */
Test(watch, symlink_loop)
{
	make_f_site();
	write_file(site, "sub/s.md", "# In sub\n");
	/* sub/up: to sub's parent (the root); sub/self: to sub itself */
	xsymlink("..", pth(site, "sub/up"));
	xsymlink("../sub", pth(site, "sub/self"));
	serve(NULL);
	expect_served("sub/s.html", "In sub");
	write_file(site, "sub/s.md", "# In sub, edited\n");
	expect_one_build(1, "an edit beside a symlink loop");
	expect_served("sub/s.html", "In sub, edited");
	/* a loop made while tend runs */
	write_file(site, "sub/deeper/d.md", "# Deeper\n");
	expect_one_build(2, "a new folder");
	xsymlink("../..", pth(site, "sub/deeper/back"));
	expect_one_build(3, "a symlink loop created while running");
	cr_assert_not(tp_wait_exit(&t, 0), "tend exited: status %d\n%s",
	    t.status, t.err);
	expect_served("sub/deeper/d.html", "Deeper");
}

/* Wait up to ms for needle in what tend printed on stderr after mark. */
static bool
wait_err_after(size_t mark, const char *needle, int ms)
{
	for (int waited = 0;; waited += 50) {
		if (strstr(t.err + mark, needle))
			return true;
		if (waited >= ms)
			return false;
		tp_wait_err(&t, "\x01", 50);	/* read for 50 ms */
	}
}

/* The source folder itself deleted, then made again: a clear message, tend
 * keeps running, and it resumes with the new content. */
Test(watch, source_root_deleted_and_recreated)
{
	size_t mark;
	const char *msg;

	make_f_site();
	serve(NULL);
	mark = t.errlen;
	run(NULL, (const char *const[]){ "rm", "-rf", site, NULL });
	cr_assert(wait_err_after(mark, site, BUILD_MS),
	    "no message naming the source folder; stderr:\n%s", t.err);
	msg = t.err + mark;
	cr_expect(strstr(msg, "deleted") || strstr(msg, "removed") ||
	    strstr(msg, "missing") || strstr(msg, "gone"),
	    "the message does not say the folder is gone:\n%s", msg);
	cr_assert_not(tp_wait_exit(&t, 1000), "tend exited (status %d):\n%s",
	    t.status, t.err);
	cr_assert_neq(status_of(""), 0, "the server stopped answering");

	cr_assert_eq(mkdir(site, 0755), 0);
	write_file(site, "index.md", "# Back again\n");
	cr_assert(http_wait_body(url(""), "Back again", 10000),
	    "the re-created source folder is not built; stderr:\n%s\n%s",
	    t.err, t.out);
	/* and watched again */
	write_file(site, "index.md", "# Back and edited\n");
	expect_served("", "Back and edited");
	cr_assert_not(tp_wait_exit(&t, 0), "tend exited:\n%s", t.err);
}

/* The source folder moved away and a symlink put in its place (SRC ->
 * /etc): tend says so and follows it neither to serve nor to write; a real
 * folder put there later is built. */
Test(watch, source_root_replaced_by_symlink_is_not_followed)
{
	char *target = tmp_dir();
	size_t mark;

	make_f_site();
	write_file(target, "secret.md", "# Secret\n");
	write_file(target, "passwd", "root:x:0:0\n");
	serve(NULL);
	mark = t.errlen;
	xrename(site, pth(outside, "away"));
	cr_assert(wait_err_after(mark, "gone", BUILD_MS),
	    "no message that the source folder is gone; stderr:\n%s", t.err);
	xsymlink(target, site);
	cr_assert(wait_err_after(mark, "symlink", BUILD_MS),
	    "no message that the source folder is now a symlink; stderr:\n%s",
	    t.err);
	/* a few of tend's checks for the root's return (every 0.5 s) */
	cr_assert_not(tp_wait_builds(&t, 2, 1500),
	    "tend built the symlink's target:\n%s", t.err);
	cr_expect_not(file_exists(target, "_site"),
	    "tend wrote its output into the symlink's target");
	cr_expect_neq(status_of("passwd"), 200, "the target's files are served");
	cr_expect_neq(status_of("secret.html"), 200);

	xunlink(site);
	cr_assert_eq(mkdir(site, 0755), 0);
	write_file(site, "index.md", "# A real folder\n");
	cr_assert(http_wait_body(url(""), "A real folder", 10000),
	    "the real folder put back is not built; stderr:\n%s", t.err);
	rm_rf(target);
	free(target);
}

/* Two tends on one SRC with their outputs in it: neither watches (nor
 * publishes) the other's output, and they do not rebuild each other. */
Test(watch, two_tends_on_one_source_do_not_rebuild_each_other)
{
	static struct tend_proc t2;
	char *errs;

	make_f_site();
	serve((const char *const[]){ "-o", "out1", NULL });
	tp_serve(&t2, site, (const char *const[]){ "--debounce", DEBOUNCE,
	    "-o", "out2", NULL });
	cr_assert(tp_wait_builds(&t2, 1, BUILD_MS), "no first build of the "
	    "second tend:\n%s", t2.err);
	/* the first sees out2 appear: at most one build for that */
	cr_expect_not(tp_wait_builds(&t, 3, 3000), "the first tend rebuilt "
	    "%d times:\n%s", tp_builds(&t), t.err);
	cr_expect_not(tp_wait_builds(&t2, 3, 0), "the second tend rebuilt "
	    "%d times:\n%s", tp_builds(&t2), t2.err);
	errs = t.err;
	cr_expect(strstr(errs, "another tend"), "no word of the other tend's "
	    "output:\n%s", errs);
	cr_expect_not(file_exists(site, "out1/out2"), "the other tend's output "
	    "was published");
	/* an edit still builds in both */
	write_file(site, "f.md", "# Version two\n");
	cr_expect(tp_wait_builds(&t2, 2, BUILD_MS), "%s", t2.err);
	cr_expect(http_wait_body(url("f.html"), "Version two", BUILD_MS));
	tp_cleanup(&t2);
}

/* ---------------------------------------------------------------------
 * 3. Ignored paths never start a build
 */

Test(watch, ignored_paths_never_build)
{
	make_f_site();
	write_file(site, ".git/HEAD", "ref: refs/heads/main\n");
	write_file(site, "drafts/old.md", "# Draft\n");
	/* folders made now: creating them later would rightly build */
	write_file(site, "sub/s.md", "# Sub\n");
	write_file(site, "later/l.md", "# Later\n");
	serve((const char *const[]){ "--ignore", "drafts", "--ignore",
	    "*.tmp", NULL });
	cr_assert_eq(status_of("drafts/old.html"), 404,
	    "an --ignore'd page was published");
	write_file(site, "_site/stray.txt", "output folder\n");
	write_file(site, ".git/HEAD", "ref: refs/heads/other\n");
	write_file(site, ".git/objects/ab/cdef", "object\n");
	write_file(site, "x.swp", "vim swap\n");
	write_file(site, "x~", "backup\n");
	write_file(site, ".#x", "emacs lock\n");
	write_file(site, "#x#", "emacs autosave\n");
	write_file(site, "4913", "vim probe\n");
	write_file(site, "sub/4913", "vim probe in a folder\n");
	write_file(site, "drafts/new.md", "# New draft\n");
	write_file(site, "later/drafts/deep.md", "# Draft in a folder\n");
	write_file(site, "a.tmp", "scratch\n");
	write_file(site, "sub/b.tmp", "scratch\n");
	chmod(pth(site, "x.swp"), 0600);
	xunlink(pth(site, "4913"));
	run(site, (const char *const[]){ "rm", "-rf", "drafts", NULL });
	expect_no_build(1, "writing ignored paths");
	/* a real page still builds once, naming only itself */
	write_file(site, "f.md", "# Version two\n");
	expect_one_build(1, "a page beside ignored files");
	expect_served("f.html", "Version two");
	cr_expect(strstr(last_build(), "\"changed\":[\"f.md\"]"),
	    "ignored paths leaked into the build: %s", last_build());
	cr_expect_eq(status_of("later/drafts/deep.html"), 404);
	cr_expect_eq(status_of("a.tmp"), 404);
}

/* ---------------------------------------------------------------------
 * 4. A flood of events overflows inotify's queue (16384 events)
 */

static long
ms_between(const struct timespec *a, const struct timespec *b)
{
	return (b->tv_sec - a->tv_sec) * 1000 +
	    (b->tv_nsec - a->tv_nsec) / 1000000;
}

#define FLOOD_DIRS 20
#define FLOOD_PER_DIR 1000
#define FLOOD_FILES (FLOOD_DIRS * FLOOD_PER_DIR)

/* Write n small files SITE/dir/fNNNN.txt (dir exists). */
static void
flood_files(const char *dir, int n)
{
	char file[1100];

	for (int i = 0; i < n; i++) {
		int fd;

		snprintf(file, sizeof file, "%s/%s/f%04d.txt", site, dir, i);
		/* plain checks: an assertion per file is slow */
		fd = open(file, O_CREAT | O_WRONLY | O_TRUNC, 0644);
		if (fd < 0 || write(fd, "x\n", 2) != 2)
			cr_assert_fail("%s: %s", file, strerror(errno));
		close(fd);
	}
}

/* Wait (up to 60 s) until SITE/_site/flood holds n files. */
static void
expect_published(long n)
{
	char path[1024];
	long have = 0;

	snprintf(path, sizeof path, "%s/_site/flood", site);
	for (int waited = 0; waited < 60000; waited += 200) {
		have = count_files(path);
		if (have == n)
			break;
		cr_assert_not(tp_wait_exit(&t, 200), "tend exited:\n%s", t.err);
	}
	cr_assert_eq(have, n, "%ld of %ld files published; stderr:\n%s", have,
	    n, t.err);
}

/* 20,000 files in 20 new folders, as fast as this process can write. */
Test(watch, flood_of_20000_files, .timeout = 150)
{
	char dir[64];
	struct timespec start, written, published;

	make_f_site();
	serve(NULL);
	clock_gettime(CLOCK_MONOTONIC, &start);
	cr_assert_eq(mkdir(pth(site, "flood"), 0755), 0);
	for (int d = 0; d < FLOOD_DIRS; d++) {
		snprintf(dir, sizeof dir, "flood/d%02d", d);
		cr_assert_eq(mkdir(pth(site, dir), 0755), 0);
		flood_files(dir, FLOOD_PER_DIR);
	}
	clock_gettime(CLOCK_MONOTONIC, &written);
	cr_assert(tp_wait_builds(&t, 2, 60000), "no rebuild after the flood:"
	    "\n%s", t.err);
	expect_published(FLOOD_FILES);
	clock_gettime(CLOCK_MONOTONIC, &published);
	cr_assert_eq(status_of("flood/d19/f0999.txt"), 200);
	cr_assert_eq(status_of("flood/d00/f0000.txt"), 200);
	cr_log_info("flood: written in %ld ms, all published after %ld ms, "
	    "%d builds, overflow %s", ms_between(&start, &written),
	    ms_between(&start, &published), tp_builds(&t) - 1,
	    strstr(t.err, "overflow") ? "reported" : "not reported");
	/* settled, the watcher still sees the new folders */
	cr_assert(settles(QUIET_MS, 20000), "builds do not stop: %d",
	    tp_builds(&t));
	write_file(site, "flood/d19/late.txt", "late in the last folder\n");
	expect_served("flood/d19/late.txt", "late in the last");
	write_file(site, "flood/d00/late.txt", "late in the first folder\n");
	expect_served("flood/d00/late.txt", "late in the first");
	cr_assert_not(tp_wait_exit(&t, 0), "tend exited:\n%s", t.err);
}

/*
 * The same flood while tend is stopped (SIGSTOP), so that the kernel's queue
 * (16384 events) surely overflows: 20,000 files in watched folders, then new
 * folders whose creation events are lost with the overflow. tend must report
 * it, rebuild everything and watch the folders it was never told about.
 */
Test(watch, flood_overflows_inotify_queue, .timeout = 150)
{
	char dir[64];

	make_f_site();
	for (int d = 0; d < FLOOD_DIRS; d++) {
		snprintf(dir, sizeof dir, "flood/d%02d/keep.txt", d);
		write_file(site, dir, "k\n");
	}
	serve(NULL);
	cr_assert_eq(kill(t.pid, SIGSTOP), 0);
	for (int d = 0; d < FLOOD_DIRS; d++) {
		snprintf(dir, sizeof dir, "flood/d%02d", d);
		flood_files(dir, FLOOD_PER_DIR);
	}
	write_file(site, "flood/d00/lost/deep/page.md", "# Lost folder\n");
	cr_assert_eq(kill(t.pid, SIGCONT), 0);

	cr_assert(tp_wait_builds(&t, 2, 60000), "no rebuild after the flood:"
	    "\n%s", t.err);
	cr_expect(tp_wait_err(&t, "overflow", 5000),
	    "no overflow reported; stderr:\n%s", t.err);
	expect_published(FLOOD_FILES + FLOOD_DIRS + 1);
	expect_served("flood/d00/lost/deep/page.html", "Lost folder");
	cr_assert(settles(QUIET_MS, 20000), "builds do not stop: %d",
	    tp_builds(&t));
	cr_log_info("overflow: %d builds", tp_builds(&t) - 1);
	/* the folder made during the overflow is watched */
	write_file(site, "flood/d00/lost/deep/page.md", "# Found again\n");
	expect_served("flood/d00/lost/deep/page.html", "Found again");
	cr_assert_not(tp_wait_exit(&t, 0), "tend exited:\n%s", t.err);
}

/* ---------------------------------------------------------------------
 * 5. A build that writes into the source folder does not loop
 */

Test(watch, self_writing_build_does_not_loop)
{
	char out[1024];
	int n;

	site = tmp_dir();
	write_file(site, "page.txt", "v1");
	snprintf(out, sizeof out, "%s/out", site);
	tp_serve(&t, site, (const char *const[]){ "--debounce", DEBOUNCE,
	    "--cmd", "mkdir -p out && date +%s%N > generated.txt && "
	    "cp page.txt out/index.html", "--out", out, NULL });
	cr_assert(tp_wait_builds(&t, 1, 15000), "%s", t.err);
	cr_assert(settles(1000, 6000), "builds do not stop: %d so far",
	    tp_builds(&t));
	n = tp_builds(&t);
	cr_expect_leq(n, 2, "%d builds before any edit", n);

	write_file(site, "page.txt", "v2");
	expect_served("", "v2");
	cr_assert(settles(1000, 6000), "builds do not stop after an edit: %d "
	    "so far", tp_builds(&t));
	n = tp_builds(&t);
	cr_assert_leq(n, 5, "%d builds for one edit", n);
	cr_log_info("self-writing build: %d builds in all", n);
	cr_assert(strstr(t.err, "generated.txt"),
	    "no warning names generated.txt; stderr:\n%s", t.err);
}

/* ---------------------------------------------------------------------
 * 6. Polling, and the build log line
 */

Test(watch, poll_forces_polling)
{
	make_f_site();
	serve((const char *const[]){ "--poll", "100", NULL });
	cr_expect_eq(count_inotify_watches(t.pid), 0,
	    "--poll still uses inotify watches");
	write_file(site, "f.md", "# Polled edit\n");
	expect_served("f.html", "Polled edit");
	write_file(site, "new/deep/n.md", "# Polled new folder\n");
	expect_served("new/deep/n.html", "Polled new folder");
	xunlink(pth(site, "f.md"));
	expect_gone("f.html");
}

/* "rebuilding after changes to a.md, b.md (+N more)" */
Test(watch, build_log_names_changed_files)
{
	const char *names[] = { "a.md", "b.md", "c.md", "d.md", "e.md" };
	const char *key = "rebuilding after changes to ", *p;
	char line[512];
	int shown = 0, more = 0;

	make_f_site();
	serve(NULL);
	write_file(site, "a.md", "# A\n");
	expect_one_build(1, "one new page");
	cr_assert(tp_wait_err(&t, "rebuilding after changes to a.md\n", 2000),
	    "stderr:\n%s", t.err);

	for (int i = 0; i < 5; i++)
		write_file(site, names[i], "# Again\n");
	expect_one_build(2, "five pages at once");
	cr_assert(tp_wait_err(&t, " more)", 2000), "stderr:\n%s", t.err);
	p = strstr(strstr(t.err, "changes to a.md\n") + 1, key);
	cr_assert_not_null(p, "stderr:\n%s", t.err);
	p += strlen(key);
	snprintf(line, sizeof line, "%.*s", (int)strcspn(p, "\n"), p);
	/* NAME, NAME, ... (+N more) */
	for (char *s = line, *tok; (tok = strsep(&s, ","));) {
		while (*tok == ' ')
			tok++;
		if (sscanf(tok, "%*[^(](+%d more)", &more) == 1 ||
		    sscanf(tok, "(+%d more)", &more) == 1)
			tok[strcspn(tok, " ")] = '\0';
		bool known = false;

		for (int i = 0; i < 5; i++)
			known |= !strcmp(tok, names[i]);
		cr_expect(known, "'%s' is not a changed file: %s", tok, line);
		shown++;
	}
	cr_expect_geq(shown, 1, "%s", line);
	cr_expect_eq(shown + more, 5, "named %d and +%d more: %s", shown,
	    more, line);
	for (int i = 0; i < 5; i++)
		expect_changed(names[i]);
}

/* .gitignore: what git ignores starts no build and is not published. */
Test(watch, gitignore_is_honoured)
{
	int before;

	make_f_site();
	write_file(site, ".gitignore", "drafts/\n*.tmp\n");
	write_file(site, "drafts/wip.md", "# Work in progress\n");
	serve(NULL);
	expect_gone("drafts/wip.html");
	before = tp_builds(&t);
	write_file(site, "drafts/wip.md", "# Still in progress\n");
	write_file(site, "scratch.tmp", "x");
	expect_no_build(before, "a change git ignores");

	/* editing .gitignore applies at once: drafts/ is published */
	write_file(site, ".gitignore", "*.tmp\n");
	expect_one_build(before, "an edit of .gitignore");
	expect_served("drafts/wip.html", "Still in progress");
	/* and watched from now on */
	before = tp_builds(&t);
	write_file(site, "drafts/wip.md", "# Done at last\n");
	expect_one_build(before, "an edit in a folder no longer ignored");
	expect_served("drafts/wip.html", "Done at last");
}

Test(watch, no_gitignore_flag)
{
	make_f_site();
	write_file(site, ".gitignore", "drafts/\n");
	write_file(site, "drafts/wip.md", "# Work in progress\n");
	serve((const char *const[]){ "--no-gitignore", NULL });
	expect_served("drafts/wip.html", "Work in progress");
}

/* ---------------------------------------------------------------------
 * 7. Issue 13: symlink cycles, a user editing during builds, nested
 *    .gitignore files
 */

/*
 * The exact repro of issue 13, item 1: a build whose output holds two
 * links back to itself. tend answers, and Ctrl-C stops it promptly with
 * the status of SIGINT (a shell's 130). Before: the parent spun at 100 %
 * CPU, grew without bound and ignored every stop signal.
 */
Test(watch, symlink_cycles_in_the_output_do_not_hang)
{
	const char *args[] = { "serve", "src", "--port", "0", "--json-log",
		"--cmd", "mkdir -p ../out && echo \"<p>hi</p>\" > "
		"../out/index.html && ln -sfn . ../out/a && ln -sfn . ../out/b",
		"--out", "../out", NULL };	/* relative to SRC */
	const char *p;
	struct timespec t0, t1;
	long ms;

	site = tmp_dir();
	outside = NULL;
	write_file(site, "src/page.txt", "x");
	tp_start(&t, site, args);
	cr_assert(tp_wait_out(&t, "\"event\":\"listen\"", 10000), "%s", t.err);
	p = strstr(t.out, "\"port\":");
	cr_assert_not_null(p);
	snprintf(t.url, sizeof t.url, "http://127.0.0.1:%d", atoi(p + 7));
	cr_assert(tp_wait_builds(&t, 1, BUILD_MS), "no build; stderr:\n%s",
	    t.err);
	cr_assert(http_wait_body(url(""), "<p>hi</p>", 5000),
	    "tend does not answer after the build; stderr:\n%s", t.err);
	/* a rebuild, with the links already there */
	write_file(site, "src/page.txt", "y");
	cr_assert(tp_wait_builds(&t, 2, BUILD_MS), "no rebuild; stderr:\n%s",
	    t.err);
	cr_assert(http_wait_body(url(""), "<p>hi</p>", 5000), "%s", t.err);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	tp_signal_group(&t, SIGINT);
	cr_assert(tp_wait_exit(&t, 5000), "Ctrl-C did not stop tend");
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (t1.tv_sec - t0.tv_sec) * 1000 +
	     (t1.tv_nsec - t0.tv_nsec) / 1000000;
	cr_log_info("stopped %ld ms after Ctrl-C", ms);
	cr_expect(WIFSIGNALED(t.status) && WTERMSIG(t.status) == SIGINT,
	    "status %d, not killed by SIGINT (130)", t.status);
}

/*
 * Issue 13, item 12: the user saves a file every 100 ms while (slow)
 * builds run back to back. The build writes nothing in the source folder:
 * no warning that it does, no builds cut as a runaway, and the last save
 * is served.
 */
Test(watch, editing_every_100ms_during_builds_is_not_a_self_write)
{
	char out[1024], text[64];

	site = tmp_dir();
	outside = NULL;
	write_file(site, "page.txt", "v0");
	snprintf(out, sizeof out, "%s/out", site);
	tp_serve(&t, site, (const char *const[]){ "--debounce", DEBOUNCE,
	    "--cmd", "sleep 0.3 && mkdir -p out && cp page.txt out/index.html",
	    "--out", out, NULL });
	cr_assert(tp_wait_builds(&t, 1, BUILD_MS), "%s", t.err);
	for (int i = 1; i <= 30; i++) {		/* 3 s of saves */
		snprintf(text, sizeof text, "v%d", i);
		write_file(site, "page.txt", text);
		usleep(100000);
	}
	expect_served("", "v30");
	cr_assert(settles(1000, 10000), "builds do not stop");
	cr_log_info("%d builds for 30 saves", tp_builds(&t));
	cr_assert_geq(tp_builds(&t), 4, "the saves did not rebuild");
	cr_expect_null(strstr(t.err, "the build writes"),
	    "a user's edits taken as the build's own:\n%s", t.err);
	cr_expect_null(strstr(t.err, "builds in a row"),
	    "a user's edits cut as a runaway:\n%s", t.err);
}

/*
 * Issue 13, item 15: a nested .gitignore (patterns relative to its folder)
 * and node_modules/ (never by default): not published, no rebuild on a
 * change; a change to the nested .gitignore applies at once.
 */
Test(watch, nested_gitignore_and_node_modules)
{
	int before;

	make_f_site();
	write_file(site, "peers/.gitignore", "node_modules/\n/local.md\n");
	write_file(site, "peers/node_modules/pkg/notes.md", "# Pkg\n");
	write_file(site, "peers/local.md", "# Local\n");
	write_file(site, "peers/kept.md", "# Kept\n");
	write_file(site, "peers/deep/local.md", "# Deep local\n");
	write_file(site, "node_modules/top/notes.md", "# Top pkg\n");
	serve(NULL);
	expect_served("peers/kept.html", "Kept");
	expect_served("peers/deep/local.html", "Deep local");
	expect_gone("peers/local.html");
	expect_gone("peers/node_modules/pkg/notes.html");
	expect_gone("node_modules/top/notes.html");
	cr_expect_eq(count_files(pth(site, "_site/node_modules")), 0);

	before = tp_builds(&t);
	write_file(site, "peers/node_modules/pkg/notes.md", "# Pkg 2\n");
	write_file(site, "node_modules/top/notes.md", "# Top pkg 2\n");
	write_file(site, "peers/local.md", "# Local 2\n");
	expect_no_build(before, "a change below an ignored folder");

	/* the nested .gitignore edited: local.md is published now */
	write_file(site, "peers/.gitignore", "node_modules/\n");
	expect_one_build(before, "an edit of a nested .gitignore");
	expect_served("peers/local.html", "Local 2");
	expect_gone("peers/node_modules/pkg/notes.html");
}

/* A .gitignore can re-include node_modules/ (the default is the weakest
 * rule, as git's global excludes file is). */
Test(watch, gitignore_can_reinclude_node_modules)
{
	make_f_site();
	write_file(site, ".gitignore", "!node_modules/\n");
	write_file(site, "node_modules/pkg/notes.md", "# Pkg\n");
	serve(NULL);
	expect_served("node_modules/pkg/notes.html", "Pkg");
}
